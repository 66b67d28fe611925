/* lens-emit.c: the YAML form of a lens, written with the libyaml emitter. */
#include "config.h"

#include <string.h>
#include <strings.h>
#include <yaml.h>

#include "files/lens-emit.h"
#include "files/yval-yaml.h"

static int
write_buf(void *data, unsigned char *bytes, size_t size)
{
	buf_add(data, bytes, size);
	return 1;
}

/* Texts that YAML would read as something else, or that the loader warns
 * about, are quoted; multi-line texts are literal blocks. */
static yaml_scalar_style_t
style_of(const char *s)
{
	static const char *const words[] = {
		"null", "~", "true", "false", "yes", "no", "on", "off", "y", "n"
	};

	if (*s == '\0' || strchr("0123456789+-.", *s) != NULL)
		return YAML_DOUBLE_QUOTED_SCALAR_STYLE;
	for (size_t i = 0; i < nitems(words); i++) {
		if (strcasecmp(s, words[i]) == 0)
			return YAML_DOUBLE_QUOTED_SCALAR_STYLE;
	}
	if (strchr(s, '\n') != NULL && s[strlen(s) - 1] != ' ' &&
	    strchr(s, '\r') == NULL && strchr(s, '\t') == NULL)
		return YAML_LITERAL_SCALAR_STYLE;
	return YAML_ANY_SCALAR_STYLE;
}

static int
scalar(yaml_emitter_t *e, const char *s)
{
	yaml_event_t ev;

	if (!yaml_scalar_event_initialize(&ev, NULL, NULL, (yaml_char_t *)s,
	    (int)strlen(s), 1, 1, style_of(s)))
		return -1;
	return yaml_emitter_emit(e, &ev) ? 0 : -1;
}

static int
plain(yaml_emitter_t *e, const char *key, const char *value)
{
	yaml_event_t ev;

	if (scalar(e, key) != 0 || !yaml_scalar_event_initialize(&ev, NULL,
	    NULL, (yaml_char_t *)value, (int)strlen(value), 1, 0,
	    YAML_PLAIN_SCALAR_STYLE))
		return -1;
	return yaml_emitter_emit(e, &ev) ? 0 : -1;
}

static int
pair(yaml_emitter_t *e, const char *key, const char *value)
{
	if (value == NULL)
		return 0;
	return scalar(e, key) == 0 && scalar(e, value) == 0 ? 0 : -1;
}

static int
text(yaml_emitter_t *e, const char *key, const struct text *t)
{
	if (pair(e, key, t->base) != 0)
		return -1;
	for (size_t i = 0; i < t->n; i++) {
		char	*k = xasprintf("%s@%s", key, t->lang[i]);
		int	 r = pair(e, k, t->value[i]);

		free(k);
		if (r != 0)
			return -1;
	}
	return 0;
}

static int
start(yaml_emitter_t *e, bool map)
{
	yaml_event_t	ev;
	int		ok;

	if (map)
		ok = yaml_mapping_start_event_initialize(&ev, NULL, NULL, 1,
		    YAML_BLOCK_MAPPING_STYLE);
	else
		ok = yaml_sequence_start_event_initialize(&ev, NULL, NULL, 1,
		    YAML_BLOCK_SEQUENCE_STYLE);
	return ok && yaml_emitter_emit(e, &ev) ? 0 : -1;
}

static int
end(yaml_emitter_t *e, bool map)
{
	yaml_event_t	ev;
	int		ok;

	if (map)
		ok = yaml_mapping_end_event_initialize(&ev);
	else
		ok = yaml_sequence_end_event_initialize(&ev);
	return ok && yaml_emitter_emit(e, &ev) ? 0 : -1;
}

static int
extra(yaml_emitter_t *e, const struct yval *x)
{
	if (x == NULL || x->n == 0)
		return 0;
	if (scalar(e, "aws") != 0)
		return -1;
	return yval_emit(e, x);
}

static const char *
level_word(enum level l)
{
	switch (l) {
	case LEVEL_HIGH:
		return "high";
	case LEVEL_MEDIUM:
		return "medium";
	case LEVEL_LOW:
		return "low";
	default:
		return NULL;
	}
}

static const char *
rule_word(enum risk r)
{
	return r == RISK_HIGH ? "high" : r == RISK_MEDIUM ? "medium" : "none";
}

static int
emit_choice(yaml_emitter_t *e, const struct choice *c)
{
	if (start(e, true) != 0 || pair(e, "id", c->id) != 0 ||
	    pair(e, "code", c->code) != 0 || text(e, "title", &c->title) != 0 ||
	    text(e, "helpful", &c->helpful) != 0 ||
	    text(e, "improvement", &c->improvement) != 0 ||
	    pair(e, "url", c->url) != 0 ||
	    pair(e, "improvement_url", c->improvement_url) != 0 ||
	    pair(e, "risk", level_word(c->risk)) != 0 ||
	    (c->none && plain(e, "none", "true") != 0) ||
	    extra(e, c->extra) != 0)
		return -1;
	return end(e, true);
}

/* A list of texts (ask:, evidence:); nothing when it is empty. */
static int
list(yaml_emitter_t *e, const char *key, char *const *v, size_t n)
{
	if (n == 0)
		return 0;
	if (scalar(e, key) != 0 || start(e, false) != 0)
		return -1;
	for (size_t i = 0; i < n; i++) {
		if (scalar(e, v[i]) != 0)
			return -1;
	}
	return end(e, false);
}

static int
emit_question(yaml_emitter_t *e, const struct question *q)
{
	if (start(e, true) != 0 || pair(e, "id", q->id) != 0 ||
	    pair(e, "number", q->number) != 0 ||
	    text(e, "title", &q->title) != 0 ||
	    text(e, "description", &q->description) != 0 ||
	    pair(e, "url", q->url) != 0 ||
	    list(e, "ask", q->ask, q->nask) != 0 ||
	    list(e, "evidence", q->evidence, q->nevidence) != 0 ||
	    scalar(e, "choices") != 0 ||
	    start(e, false) != 0)
		return -1;
	for (size_t i = 0; i < q->nchoices; i++) {
		if (emit_choice(e, &question_choices(q)[i]) != 0)
			return -1;
	}
	if (end(e, false) != 0)
		return -1;
	if (q->nrules > 0) {
		if (scalar(e, "rules") != 0 || start(e, false) != 0)
			return -1;
		for (size_t i = 0; i < q->nrules; i++) {
			const struct rule *r = &question_rules(q)[i];

			if (start(e, true) != 0 ||
			    pair(e, "if", r->text) != 0 ||
			    pair(e, "risk", rule_word(r->risk)) != 0 ||
			    end(e, true) != 0)
				return -1;
		}
		if (end(e, false) != 0)
			return -1;
	}
	if (extra(e, q->extra) != 0)
		return -1;
	return end(e, true);
}

static int
emit_lens(yaml_emitter_t *e, const struct lens *l)
{
	if (start(e, true) != 0 || pair(e, "lens", l->id) != 0 ||
	    (*l->version != '\0' && pair(e, "version", l->version) != 0) ||
	    text(e, "title", &l->title) != 0 ||
	    text(e, "description", &l->description) != 0 ||
	    extra(e, l->extra) != 0 || scalar(e, "pillars") != 0 ||
	    start(e, false) != 0)
		return -1;
	for (size_t i = 0; i < l->npillars; i++) {
		const struct pillar *p = &l->pillars[i];

		if (start(e, true) != 0 || pair(e, "id", p->id) != 0 ||
		    pair(e, "code", p->code) != 0 ||
		    text(e, "title", &p->title) != 0 ||
		    text(e, "description", &p->description) != 0 ||
		    extra(e, p->extra) != 0 || scalar(e, "questions") != 0 ||
		    start(e, false) != 0)
			return -1;
		for (size_t j = 0; j < p->nquestions; j++) {
			if (emit_question(e, &p->questions[j]) != 0)
				return -1;
		}
		if (end(e, false) != 0 || end(e, true) != 0)
			return -1;
	}
	if (end(e, false) != 0)
		return -1;
	return end(e, true);
}

int
lens_emit_yaml(const struct lens *l, struct buf *b, char **cause)
{
	yaml_emitter_t	e;
	yaml_event_t	ev;
	int		ok;

	if (!yaml_emitter_initialize(&e))
		return fail(cause, "%s", _("cannot start the YAML emitter"));
	yaml_emitter_set_output(&e, write_buf, b);
	yaml_emitter_set_unicode(&e, 1);
	yaml_emitter_set_width(&e, 78);
	yaml_emitter_set_indent(&e, 2);
	ok = yaml_stream_start_event_initialize(&ev, YAML_UTF8_ENCODING) &&
	    yaml_emitter_emit(&e, &ev) &&
	    yaml_document_start_event_initialize(&ev, NULL, NULL, NULL, 1) &&
	    yaml_emitter_emit(&e, &ev) && emit_lens(&e, l) == 0 &&
	    yaml_document_end_event_initialize(&ev, 1) &&
	    yaml_emitter_emit(&e, &ev) &&
	    yaml_stream_end_event_initialize(&ev) && yaml_emitter_emit(&e, &ev);
	if (!ok) {
		fail(cause, _("cannot write the lens: %s"), e.problem != NULL ?
		    e.problem : _("emitter error"));
		yaml_emitter_delete(&e);
		return -1;
	}
	yaml_emitter_delete(&e);
	return 0;
}
