/* yval.c: a generic tree of values (the parser is files/yval-yaml.c). */
#include "config.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "base/util.h"
#include "model/yval.h"

struct yval *
yval_copy(const struct yval *v)
{
	struct yval *c;

	if (v == NULL)
		return NULL;
	c = xcalloc(1, sizeof *c);
	c->type = v->type;
	c->s = v->s != NULL ? xstrdup(v->s) : NULL;
	c->quoted = v->quoted;
	c->line = v->line;
	c->n = v->n;
	if (v->n > 0) {
		c->v = xreallocarray(NULL, v->n, sizeof *c->v);
		if (v->keys != NULL)
			c->keys = xreallocarray(NULL, v->n, sizeof *c->keys);
	}
	for (size_t i = 0; i < v->n; i++) {
		c->v[i] = yval_copy(v->v[i]);
		if (v->keys != NULL)
			c->keys[i] = xstrdup(v->keys[i]);
	}
	return c;
}

void
yval_free(struct yval *v)
{
	if (v == NULL)
		return;
	for (size_t i = 0; i < v->n; i++) {
		yval_free(v->v[i]);
		if (v->keys != NULL)
			free(v->keys[i]);
	}
	free(v->v);
	free(v->keys);
	free(v->s);
	free(v);
}

struct yval *
yval_new_map(void)
{
	struct yval *v = xcalloc(1, sizeof *v);

	v->type = YVAL_MAP;
	return v;
}

void
yval_map_set(struct yval *m, const char *key, struct yval *val)
{
	for (size_t i = 0; i < m->n; i++) {
		if (strcmp(m->keys[i], key) == 0) {
			yval_free(m->v[i]);
			m->v[i] = val;
			return;
		}
	}
	m->keys = xreallocarray(m->keys, m->n + 1, sizeof *m->keys);
	m->v = xreallocarray(m->v, m->n + 1, sizeof *m->v);
	m->keys[m->n] = xstrdup(key);
	m->v[m->n] = val;
	m->n++;
}

const struct yval *
yval_get(const struct yval *m, const char *key)
{
	if (m == NULL || m->type != YVAL_MAP)
		return NULL;
	for (size_t i = 0; i < m->n; i++) {
		if (strcmp(m->keys[i], key) == 0)
			return m->v[i];
	}
	return NULL;
}

const char *
yval_str(const struct yval *v)
{
	if (v == NULL || v->type != YVAL_SCALAR)
		return NULL;
	if (!v->quoted && strcmp(v->s, "null") == 0)
		return NULL;
	return v->s;
}

const char *
yval_get_str(const struct yval *m, const char *key)
{
	return yval_str(yval_get(m, key));
}

int
yval_get_bool(const struct yval *m, const char *key)
{
	const struct yval *v = yval_get(m, key);

	if (v == NULL || v->type != YVAL_SCALAR || v->quoted)
		return -1;
	if (strcmp(v->s, "true") == 0)
		return 1;
	if (strcmp(v->s, "false") == 0)
		return 0;
	return -1;
}

bool
yval_equal(const struct yval *a, const struct yval *b)
{
	if (a == NULL || b == NULL)
		return a == b;
	if (a->type != b->type || a->n != b->n)
		return false;
	if (a->type == YVAL_SCALAR)
		return strcmp(a->s, b->s) == 0 && a->quoted == b->quoted;
	for (size_t i = 0; i < a->n; i++) {
		if (a->type == YVAL_MAP && strcmp(a->keys[i], b->keys[i]) != 0)
			return false;
		if (!yval_equal(a->v[i], b->v[i]))
			return false;
	}
	return true;
}

struct yval *
yval_new_seq(void)
{
	struct yval *v = xcalloc(1, sizeof *v);

	v->type = YVAL_SEQ;
	return v;
}

struct yval *
yval_new_str(const char *s)
{
	struct yval *v = xcalloc(1, sizeof *v);

	v->type = YVAL_SCALAR;
	v->s = xstrdup(s);
	return v;
}

void
yval_seq_add(struct yval *seq, struct yval *item)
{
	seq->v = xreallocarray(seq->v, seq->n + 1, sizeof *seq->v);
	seq->v[seq->n++] = item;
}

int
yval_fail(char **cause, const char *name, const struct yval *v,
    const char *fmt, ...)
{
	va_list	 ap;
	char	*msg;

	va_start(ap, fmt);
	msg = xvasprintf(fmt, ap);
	va_end(ap);
	fail(cause, "%s:%d: %s", name, v != NULL && v->line > 0 ? v->line : 1,
	    msg);
	free(msg);
	return -1;
}
