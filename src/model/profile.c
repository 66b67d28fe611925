/* profile.c: a profile questionnaire from its parsed file, and the
 * questions its answers prioritize. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "base/util.h"
#include "model/lens.h"
#include "model/profile.h"

/* A field's text: 0 (*out NULL when absent and optional), or -1. */
static int
text_field(const struct yval *m, const char *key, bool need, char **out,
    const char *name, char **cause)
{
	const struct yval *v = yval_get(m, key);

	*out = NULL;
	if (v == NULL) {
		if (need)
			return yval_fail(cause, name, m, _("no \"%s\" field"), key);
		return 0;
	}
	if (v->type != YVAL_SCALAR || v->s == NULL)
		return yval_fail(cause, name, v, _("%s: expected text"), key);
	if (!utf8_valid(v->s, strlen(v->s)))
		return yval_fail(cause, name, v, _("%s: not valid UTF-8"), key);
	*out = xstrdup(v->s);
	return 0;
}

static int
id_field(const struct yval *m, char **out, const char *name, char **cause)
{
	const char *why;

	if (text_field(m, "id", true, out, name, cause) != 0)
		return -1;
	if ((why = lens_id_unsafe(*out, strlen(*out))) != NULL ||
	    strchr(*out, ' ') != NULL) {
		yval_fail(cause, name, yval_get(m, "id"), _("bad id \"%s\": it %s"),
		    *out, why != NULL ? why : _("holds a blank"));
		free(*out);
		*out = NULL;
		return -1;
	}
	return 0;
}

static const struct yval *
list_field(const struct yval *m, const char *key, const char *name,
    char **cause)
{
	const struct yval *v = yval_get(m, key);

	if (v == NULL || v->type != YVAL_SEQ || v->n == 0) {
		yval_fail(cause, name, v != NULL ? v : m, _("%s: expected a list"),
		    key);
		return NULL;
	}
	return v;
}

static int
map_item(const struct yval *v, const char *key, const char *name,
    char **cause)
{
	if (v->type != YVAL_MAP)
		return yval_fail(cause, name, v, _("%s: expected a mapping of "
		    "fields"), key);
	return 0;
}

static int
parse_choice(const struct yval *m, struct profile_choice *c,
    const char *name, char **cause)
{
	const struct yval *rules;

	c->line = m->line;
	if (map_item(m, "choices", name, cause) != 0 ||
	    id_field(m, &c->id, name, cause) != 0 ||
	    text_field(m, "title", true, &c->title, name, cause) != 0)
		return -1;
	if ((rules = yval_get(m, "prioritizes")) == NULL)
		return 0;
	if (rules->type != YVAL_SEQ)
		return yval_fail(cause, name, rules, _("%s: expected a list"),
		    "prioritizes");
	c->prioritizes = xcalloc(rules->n + 1, sizeof *c->prioritizes);
	for (size_t i = 0; i < rules->n; i++) {
		const struct yval *r = rules->v[i];

		if (r->type != YVAL_SCALAR || r->s == NULL || *r->s == '\0' ||
		    strchr(r->s, ' ') != NULL)
			return yval_fail(cause, name, r, _("prioritizes: expected "
			    "a question id (QUESTION or LENS/QUESTION)"));
		c->prioritizes[c->nprioritizes++] = xstrdup(r->s);
	}
	return 0;
}

static int
parse_question(const struct yval *m, struct profile_question *q,
    const char *name, char **cause)
{
	const struct yval	*choices;
	char			*sel = NULL;

	q->line = m->line;
	if (map_item(m, "questions", name, cause) != 0 ||
	    id_field(m, &q->id, name, cause) != 0 ||
	    text_field(m, "title", true, &q->title, name, cause) != 0 ||
	    text_field(m, "description", false, &q->description, name,
	    cause) != 0 ||
	    text_field(m, "select", false, &sel, name, cause) != 0)
		return -1;
	if (sel != NULL && strcmp(sel, "one") != 0 &&
	    strcmp(sel, "many") != 0) {
		free(sel);
		return yval_fail(cause, name, yval_get(m, "select"),
		    _("select: expected one or many"));
	}
	q->multiple = sel != NULL && strcmp(sel, "many") == 0;
	free(sel);
	if ((choices = list_field(m, "choices", name, cause)) == NULL)
		return -1;
	q->choices = xcalloc(choices->n, sizeof *q->choices);
	for (size_t i = 0; i < choices->n; i++) {
		struct profile_choice *c = &q->choices[q->nchoices++];

		if (parse_choice(choices->v[i], c, name, cause) != 0)
			return -1;
		for (size_t j = 0; j < i; j++) {
			if (strcmp(q->choices[j].id, c->id) == 0)
				return yval_fail(cause, name, choices->v[i],
				    _("choice \"%s\" is given twice (first at "
				    "line %d)"), c->id, q->choices[j].line);
		}
	}
	return 0;
}

struct profile *
profile_from_yval(const struct yval *root, const char *name, char **cause)
{
	struct profile		*p = xcalloc(1, sizeof *p);
	const struct yval	*qs;
	const char		*why;

	if (root == NULL || root->type != YVAL_MAP) {
		yval_fail(cause, name, root, _("expected a mapping of fields"));
		goto fail;
	}
	if (text_field(root, "profile", true, &p->id, name, cause) != 0 ||
	    text_field(root, "title", true, &p->title, name, cause) != 0 ||
	    text_field(root, "version", false, &p->version, name, cause) != 0 ||
	    text_field(root, "lens", true, &p->lens, name, cause) != 0)
		goto fail;
	if ((why = lens_id_unsafe(p->id, strlen(p->id))) != NULL) {
		yval_fail(cause, name, yval_get(root, "profile"), _("bad id \"%s\": "
		    "it %s"), p->id, why);
		goto fail;
	}
	if ((qs = list_field(root, "questions", name, cause)) == NULL)
		goto fail;
	p->questions = xcalloc(qs->n, sizeof *p->questions);
	for (size_t i = 0; i < qs->n; i++) {
		struct profile_question *q = &p->questions[p->nquestions++];

		if (parse_question(qs->v[i], q, name, cause) != 0)
			goto fail;
		for (size_t j = 0; j < i; j++) {
			if (strcmp(p->questions[j].id, q->id) == 0) {
				yval_fail(cause, name, qs->v[i], _("question \"%s\" "
				    "is given twice (first at line %d)"),
				    q->id, p->questions[j].line);
				goto fail;
			}
		}
	}
	return p;
fail:
	profile_free(p);
	return NULL;
}

void
profile_free(struct profile *p)
{
	if (p == NULL)
		return;
	for (size_t i = 0; i < p->nquestions; i++) {
		struct profile_question *q = &p->questions[i];

		for (size_t j = 0; j < q->nchoices; j++) {
			struct profile_choice *c = &q->choices[j];

			for (size_t k = 0; k < c->nprioritizes; k++)
				free(c->prioritizes[k]);
			free(c->prioritizes);
			free(c->id);
			free(c->title);
		}
		free(q->choices);
		free(q->id);
		free(q->title);
		free(q->description);
	}
	free(p->questions);
	free(p->source);
	free(p->id);
	free(p->version);
	free(p->title);
	free(p->lens);
	free(p);
}

const struct profile_question *
profile_question(const struct profile *p, const char *id)
{
	for (size_t i = 0; p != NULL && i < p->nquestions; i++) {
		if (strcmp(p->questions[i].id, id) == 0)
			return &p->questions[i];
	}
	return NULL;
}

const struct profile_choice *
profile_choice(const struct profile_question *q, const char *id)
{
	for (size_t i = 0; q != NULL && i < q->nchoices; i++) {
		if (strcmp(q->choices[i].id, id) == 0)
			return &q->choices[i];
	}
	return NULL;
}
