/* lens-load.c: the lens loader.
 *
 * libyaml reads both forms: wafr's YAML lens and AWS custom-lens JSON (JSON
 * is YAML flow syntax). The document is walked node by node so every problem
 * carries the line and column where it is. Unknown keys are reported and
 * skipped; the pinned lens file keeps them byte for byte. */
#include "config.h"

#include <stdlib.h>
#include <string.h>
#include <yaml.h>

#include "files/lens-load.h"
#include "model/risk.h"
#include "base/util.h"
#include "files/yval-yaml.h"

/* Lengths over these are reported: the AWS tool refuses longer texts. */
#define MAX_ID		128	/* the AWS tool: ids of 3 to 128 characters */
#define MAX_TITLE	128
#define MAX_TEXT	2048
#define MAX_URL		2048

struct loader {
	yaml_document_t	*doc;
	struct diags	*d;
	bool		 json;	/* AWS custom-lens JSON */
	size_t		 limit_errors;	/* errors only because of --aws limits */
};

static void
warn_at(struct loader *ld, yaml_node_t *n, const char *fmt, const char *a,
    const char *b)
{
	diag_add(ld->d, SEV_WARNING, (int)n->start_mark.line + 1,
	    (int)n->start_mark.column + 1, fmt, a, b);
}

static void
error_at(struct loader *ld, yaml_node_t *n, const char *fmt, const char *a,
    const char *b)
{
	diag_add(ld->d, SEV_ERROR, (int)n->start_mark.line + 1,
	    (int)n->start_mark.column + 1, fmt, a, b);
}

static struct pos
pos_of(yaml_node_t *n)
{
	return (struct pos){ (int)n->start_mark.line + 1,
	    (int)n->start_mark.column + 1 };
}

static yaml_node_t *
node(struct loader *ld, int i)
{
	return yaml_document_get_node(ld->doc, i);
}

static const char *
scalar(yaml_node_t *n)
{
	return n->type == YAML_SCALAR_NODE ? (const char *)n->data.scalar.value :
	    NULL;
}

static const char *
kind_name(yaml_node_t *n)
{
	switch (n->type) {
	case YAML_MAPPING_NODE:
		return _("a mapping");
	case YAML_SEQUENCE_NODE:
		return _("a list");
	default:
		return _("a text");
	}
}

static bool
expect(struct loader *ld, yaml_node_t *n, yaml_node_type_t type,
    const char *what)
{
	if (n->type == type)
		return true;
	error_at(ld, n, _("%s must be %s"), what,
	    type == YAML_MAPPING_NODE ? _("a mapping") :
	    type == YAML_SEQUENCE_NODE ? _("a list") : _("a text"));
	return false;
}

/* The same, what naming the node by a message id: translated only when
 * it is said (a lens has thousands of nodes, all of them fine). */
static bool
expect_of(struct loader *ld, yaml_node_t *n, yaml_node_type_t type,
    const char *what)
{
	return n->type == type || expect(ld, n, type, _(what));
}

static size_t
utf8_chars(const char *s)
{
	size_t n = 0;

	for (; *s != '\0'; s++)
		n += ((unsigned char)*s & 0xc0) != 0x80;
	return n;
}

/* A string field. JSON strings are always quoted: a bare token such as NaN
 * where a text belongs is kept as written, with a warning. */
static char *
get_string(struct loader *ld, yaml_node_t *n, const char *key, size_t max)
{
	const char	*s = scalar(n);
	size_t		 len;

	if (s == NULL) {
		error_at(ld, n, _("%s must be a text, not %s"), key,
		    kind_name(n));
		return NULL;
	}
	len = n->data.scalar.length;
	if (ld->json && n->data.scalar.style == YAML_PLAIN_SCALAR_STYLE)
		warn_at(ld, n, _("%s is not a JSON string: %s"), key, s);
	else if (!ld->json && n->data.scalar.style == YAML_PLAIN_SCALAR_STYLE &&
	    (strcmp(s, "~") == 0 || strcmp(s, "null") == 0))
		warn_at(ld, n, _("%s is empty (%s)"), key, s);
	if (strlen(s) != len)
		error_at(ld, n, _("%s holds a NUL character%s"), key, "");
	else if (!utf8_valid(s, len))
		error_at(ld, n, _("%s is not valid UTF-8%s"), key, "");
	/* The AWS tool counts characters, not bytes. */
	if (max > 0 && len > max && utf8_chars(s) > max) {
		char limit[32];

		snprintf(limit, sizeof limit, "%zu", max);
		diag_add(ld->d, ld->d->aws_limits ? SEV_ERROR : SEV_WARNING,
		    (int)n->start_mark.line + 1, (int)n->start_mark.column + 1,
		    ngettext("%s is %zu character long, over the limit of %s",
		    "%s is %zu characters long, over the limit of %s",
		    utf8_chars(s)), key, utf8_chars(s), limit);
		ld->limit_errors += ld->d->aws_limits;
	}
	return xstrdup(s);
}

static void
set_string(struct loader *ld, char **dst, yaml_node_t *n, const char *key,
    size_t max)
{
	char *s = get_string(ld, n, key, max);

	if (s == NULL)
		return;
	if (*dst != NULL)
		warn_at(ld, n, _("%s given twice; the last one counts%s"), key,
		    "");
	free(*dst);
	*dst = s;
}

/* "title" or "title@de": a text in the base language or a translation. */
static bool
set_text(struct loader *ld, struct text *t, const char *name,
    const char *key, yaml_node_t *v, size_t max)
{
	size_t	n = strlen(name);
	char	*s;

	if (strcmp(key, name) == 0) {
		set_string(ld, &t->base, v, key, max);
		return true;
	}
	if (strncmp(key, name, n) != 0 || key[n] != '@' || key[n + 1] == '\0')
		return false;
	if ((s = get_string(ld, v, key, max)) == NULL)
		return true;
	t->lang = xreallocarray(t->lang, t->n + 1, sizeof *t->lang);
	t->value = xreallocarray(t->value, t->n + 1, sizeof *t->value);
	t->lang[t->n] = xstrdup(key + n + 1);
	t->value[t->n] = s;
	t->n++;
	return true;
}

static bool
get_bool(struct loader *ld, yaml_node_t *n, const char *key)
{
	const char *s = scalar(n);

	if (s != NULL && (strcmp(s, "true") == 0 || strcmp(s, "yes") == 0))
		return true;
	if (s != NULL && (strcmp(s, "false") == 0 || strcmp(s, "no") == 0))
		return false;
	error_at(ld, n, _("%s must be true or false, not %s"), key,
	    s != NULL ? s : kind_name(n));
	return false;
}

static void
unknown_key(struct loader *ld, yaml_node_t *k, const char *where)
{
	warn_at(ld, k, _("unknown key \"%s\" in %s (kept, not shown)"), scalar(k),
	    where);
}

/* Keep a field wafr does not show, so that nothing of the lens is lost when
 * it is converted; its original value is kept as read. */
static void
keep(struct loader *ld, yaml_node_t *k, yaml_node_t *v, struct yval **extra)
{
	if (*extra == NULL)
		*extra = yval_new_map();
	yval_map_set(*extra, scalar(k), yval_from_node(ld->doc, v));
}

/* An unknown key: reported, and kept. */
static void
unknown_kept(struct loader *ld, yaml_node_t *k, yaml_node_t *v,
    struct yval **extra, const char *where)
{
	unknown_key(ld, k, where);
	keep(ld, k, v, extra);
}

/* "aws:" in a YAML lens holds what a converted AWS custom lens had that the
 * YAML form does not express. */
static void
load_extra(struct loader *ld, yaml_node_t *n, struct yval **extra)
{
	yaml_node_pair_t *p;

	if (!expect(ld, n, YAML_MAPPING_NODE, "aws"))
		return;
	for (p = n->data.mapping.pairs.start; p < n->data.mapping.pairs.top;
	    p++) {
		yaml_node_t *k = node(ld, p->key);

		if (scalar(k) == NULL)
			error_at(ld, k, _("a key in %s must be a text%s"), "aws",
			    "");
		else
			keep(ld, k, node(ld, p->value), extra);
	}
}

/* name: the id names a file or a directory (a lens, a pillar, a question). */
static void
check_id(struct loader *ld, yaml_node_t *n, const char *id, const char *what,
    bool name)
{
	/* what: a message id, translated only when said. */
	const char *why;

	if (name) {
		if ((why = lens_id_unsafe(id, strlen(id))) != NULL)
			diag_add(ld->d, SEV_ERROR, (int)n->start_mark.line + 1,
			    (int)n->start_mark.column + 1, _("%s id \"%.40s%s\" "
			    "cannot name a file: it %s"), _(what), id,
			    strlen(id) > 40 ? "..." : "", why);
	} else if (*id == '\0')
		error_at(ld, n, _("%s id is empty%s"), _(what), "");
	else if (strlen(id) > MAX_ID) {
		diag_add(ld->d, ld->d->aws_limits ? SEV_ERROR : SEV_WARNING,
		    (int)n->start_mark.line + 1, (int)n->start_mark.column + 1,
		    ngettext("%s id \"%.40s...\" is over %d character",
		    "%s id \"%.40s...\" is over %d characters", MAX_ID),
		    _(what), id, MAX_ID);
		ld->limit_errors += ld->d->aws_limits;
	}
	else if (strcspn(id, " \t\r\n/\\") != strlen(id))
		error_at(ld, n, _("%s id \"%s\" holds a space or a slash"), _(what),
		    id);
}

/* AWS {"displayText": ..., "url": ...}; "Url" is accepted with a warning. */
static void
load_resource(struct loader *ld, yaml_node_t *n, const char *what,
    struct text *text, char **url)
{
	yaml_node_pair_t *p;

	if (!expect(ld, n, YAML_MAPPING_NODE, what))
		return;
	for (p = n->data.mapping.pairs.start; p < n->data.mapping.pairs.top;
	    p++) {
		yaml_node_t	*k = node(ld, p->key), *v = node(ld, p->value);
		const char	*key = scalar(k);

		if (key == NULL)
			error_at(ld, k, _("a key in %s must be a text%s"), what, "");
		else if (set_text(ld, text, "displayText", key, v, MAX_TEXT))
			;
		else if (strcmp(key, "url") == 0)
			set_string(ld, url, v, "url", MAX_URL);
		else if (strcmp(key, "Url") == 0 || strcmp(key, "URL") == 0) {
			warn_at(ld, k, _("\"%s\" read as \"url\"%s"), key, "");
			set_string(ld, url, v, "url", MAX_URL);
		} else
			unknown_key(ld, k, what);
	}
}

static void
load_choice(struct loader *ld, yaml_node_t *n, struct choice *c)
{
	yaml_node_pair_t *p;

	c->pos = pos_of(n);
	if (!expect_of(ld, n, YAML_MAPPING_NODE, N_("a choice"))) {
		c->id = xstrdup("");
		return;
	}
	for (p = n->data.mapping.pairs.start; p < n->data.mapping.pairs.top;
	    p++) {
		yaml_node_t	*k = node(ld, p->key), *v = node(ld, p->value);
		const char	*key = scalar(k);

		if (key == NULL) {
			error_at(ld, k, _("a key in %s must be a text%s"),
			    _("a choice"), "");
			continue;
		}
		if (strcmp(key, "id") == 0) {
			set_string(ld, &c->id, v, key, 0);
			if (c->id != NULL)
				check_id(ld, v, c->id, N_("choice"), false);
		} else if (set_text(ld, &c->title, "title", key, v, MAX_TITLE))
			;
		else if (ld->json && strcmp(key, "helpfulResource") == 0)
			load_resource(ld, v, key, &c->helpful, &c->url);
		else if (ld->json && strcmp(key, "improvementPlan") == 0)
			load_resource(ld, v, key, &c->improvement,
			    &c->improvement_url);
		else if (ld->json && strcmp(key, "additionalResources") == 0) {
			if (expect(ld, v, YAML_SEQUENCE_NODE, key))
				keep(ld, k, v, &c->extra);
		} else if (!ld->json && strcmp(key, "aws") == 0)
			load_extra(ld, v, &c->extra);
		else if (!ld->json && strcmp(key, "code") == 0)
			set_string(ld, &c->code, v, key, 0);
		else if (!ld->json && set_text(ld, &c->helpful, "helpful", key,
		    v, MAX_TEXT))
			;
		else if (!ld->json && set_text(ld, &c->improvement,
		    "improvement", key, v, MAX_TEXT))
			;
		else if (!ld->json && strcmp(key, "url") == 0)
			set_string(ld, &c->url, v, key, MAX_URL);
		else if (!ld->json && strcmp(key, "improvement_url") == 0)
			set_string(ld, &c->improvement_url, v, key, MAX_URL);
		else if (!ld->json && strcmp(key, "none") == 0)
			c->none = get_bool(ld, v, key);
		else if (!ld->json && strcmp(key, "risk") == 0) {
			const char *s = scalar(v);

			if (streq(s, "high"))
				c->risk = LEVEL_HIGH;
			else if (streq(s, "medium"))
				c->risk = LEVEL_MEDIUM;
			else if (streq(s, "low"))
				c->risk = LEVEL_LOW;
			else
				error_at(ld, v, _("risk must be high, medium or "
				    "low, not %s%s"), s != NULL ? s :
				    kind_name(v), "");
		} else
			unknown_kept(ld, k, v, &c->extra, _("a choice"));
	}
	if (c->id == NULL) {
		error_at(ld, n, _("a choice has no id%s%s"), "", "");
		c->id = xstrdup("");
	}
	if (str_ends_with(c->id, "_no"))
		c->none = true;
	if (c->title.base == NULL || *c->title.base == '\0')
		(c->none ? warn_at : error_at)(ld, n,
		    _("choice \"%s\" has no title%s"), c->id, "");
}

static void
load_rule(struct loader *ld, yaml_node_t *n, struct rule *r)
{
	yaml_node_pair_t	*p;
	yaml_node_t		*risk = NULL;

	r->pos = pos_of(n);
	r->risk = RISK_NONE;
	if (!expect_of(ld, n, YAML_MAPPING_NODE, N_("a rule"))) {
		r->text = xstrdup("default");
		return;
	}
	for (p = n->data.mapping.pairs.start; p < n->data.mapping.pairs.top;
	    p++) {
		yaml_node_t	*k = node(ld, p->key), *v = node(ld, p->value);
		const char	*key = scalar(k);

		if (key == NULL)
			error_at(ld, k, _("a key in %s must be a text%s"),
			    _("a rule"), "");
		else if (strcmp(key, "condition") == 0 || strcmp(key, "if") == 0)
			set_string(ld, &r->text, v, key, 0);
		else if (strcmp(key, "risk") == 0)
			risk = v;
		else
			unknown_key(ld, k, _("a rule"));
	}
	if (risk != NULL) {
		const char *s = scalar(risk);

		if (streq(s, "HIGH_RISK") || streq(s, "high"))
			r->risk = RISK_HIGH;
		else if (streq(s, "MEDIUM_RISK") || streq(s, "medium"))
			r->risk = RISK_MEDIUM;
		else if (streq(s, "NO_RISK") || streq(s, "none"))
			r->risk = RISK_NONE;
		else
			error_at(ld, risk, _("a rule's risk must be HIGH_RISK, "
			    "MEDIUM_RISK or NO_RISK (high, medium, none), not "
			    "%s%s"), s != NULL ? s : kind_name(risk), "");
	} else
		error_at(ld, n, _("a rule has no risk%s%s"), "", "");
	if (r->text == NULL) {
		error_at(ld, n, _("a rule has no condition%s%s"), "", "");
		r->text = xstrdup("default");
	}
}

struct idref {
	const char	*id;
	size_t		 i;
};

static int
cmp_idref(const void *a, const void *b)
{
	const struct idref	*x = a, *y = b;
	int			 c = strcmp(x->id, y->id);

	if (c != 0)
		return c;
	return x->i < y->i ? -1 : x->i > y->i;
}

/* For each of n ids, the index of the first one equal to it. Sorted, not
 * compared pair by pair: a question may have 100,000 choices. Sorts refs. */
static size_t *
first_same(struct idref *refs, size_t n)
{
	size_t *first = xcalloc(n > 0 ? n : 1, sizeof *first);

	qsort(refs, n, sizeof *refs, cmp_idref);
	for (size_t i = 0; i < n; i++) {
		if (i > 0 && strcmp(refs[i].id, refs[i - 1].id) == 0)
			first[refs[i].i] = first[refs[i - 1].i];
		else
			first[refs[i].i] = refs[i].i;
	}
	return first;
}

/* Conditions are compiled once the question's choices are known, so that an
 * unknown choice id is an error now and never at answer time. */
static void
compile_rules(struct loader *ld, yaml_node_t *n, struct question *q)
{
	bool has_default = false;

	for (size_t i = 0; i < q->nrules; i++) {
		struct rule	*r = &q->body_rules[i];
		char		*cause = NULL;

		if (cond_parse(r->text, q, &r->cond, &r->is_default,
		    &cause) != 0) {
			diag_add(ld->d, SEV_ERROR, r->pos.line, r->pos.col,
			    _("question \"%s\": %s"), q->id, cause);
			free(cause);
			continue;
		}
		if (r->is_default) {
			if (has_default)
				diag_add(ld->d, SEV_WARNING, r->pos.line,
				    r->pos.col, _("question \"%s\" has a second "
				    "default rule, never reached"), q->id);
			else if (i + 1 < q->nrules)
				diag_add(ld->d, SEV_WARNING, r->pos.line,
				    r->pos.col, _("question \"%s\": rules after "
				    "the default rule are never reached"), q->id);
			has_default = true;
		}
	}
	if (q->nrules > 0 && !has_default)
		warn_at(ld, n, _("question \"%s\" has rules but no default rule: "
		    "where none matches, it is at no risk%s"), q->id, "");
}

/* Choice ids are unique within a question. */
static void
check_choices(struct loader *ld, struct question *q)
{
	struct idref	*refs = xcalloc(q->nchoices, sizeof *refs);
	size_t		*first;

	for (size_t i = 0; i < q->nchoices; i++)
		refs[i] = (struct idref){ q->body_choices[i].id, i };
	first = first_same(refs, q->nchoices);
	for (size_t i = 0; i < q->nchoices; i++) {
		if (first[i] != i)
			diag_add(ld->d, SEV_ERROR, q->body_choices[i].pos.line,
			    q->body_choices[i].pos.col, _("duplicate choice id "
			    "\"%s\" in question \"%s\""), q->body_choices[i].id,
			    q->id);
	}
	free(first);
	free(refs);
}

/* ask: and evidence: of a question, a list of texts. Their number and
 * emptiness are lens_check's to judge. */
static void
load_list(struct loader *ld, yaml_node_t *n, const char *key, char ***v,
    size_t *nv)
{
	yaml_node_item_t	*it;
	size_t			 cap = 0;

	if (*v != NULL) {
		warn_at(ld, n, _("%s given twice; the last one counts%s"), key,
		    "");
		for (size_t i = 0; i < *nv; i++)
			free((*v)[i]);
		free(*v);
		*v = NULL;
		*nv = 0;
	}
	if (!expect(ld, n, YAML_SEQUENCE_NODE, key))
		return;
	for (it = n->data.sequence.items.start; it < n->data.sequence.items.top;
	    it++) {
		char *s = get_string(ld, node(ld, *it), key, MAX_TEXT);

		if (s != NULL)
			*ARRAY_PUSH(*v, *nv, cap) = s;
	}
}

static void
load_question(struct loader *ld, yaml_node_t *n, struct question *q)
{
	yaml_node_pair_t	*p;
	yaml_node_t		*choices = NULL, *rules = NULL;
	size_t			 cap;

	q->pos = pos_of(n);
	if (!expect_of(ld, n, YAML_MAPPING_NODE, N_("a question")))
		goto done;
	for (p = n->data.mapping.pairs.start; p < n->data.mapping.pairs.top;
	    p++) {
		yaml_node_t	*k = node(ld, p->key), *v = node(ld, p->value);
		const char	*key = scalar(k);

		if (key == NULL)
			error_at(ld, k, _("a key in %s must be a text%s"),
			    _("a question"), "");
		else if (strcmp(key, "id") == 0) {
			set_string(ld, &q->id, v, key, 0);
			if (q->id != NULL)
				check_id(ld, v, q->id, N_("question"), true);
		} else if (set_text(ld, &q->title, "title", key, v, MAX_TITLE))
			;
		else if (set_text(ld, &q->description, "description", key, v,
		    MAX_TEXT))
			;
		else if (strcmp(key, "choices") == 0)
			choices = v;
		else if (strcmp(key, "riskRules") == 0 ||
		    strcmp(key, "rules") == 0)
			rules = v;
		else if (ld->json && strcmp(key, "helpfulResource") == 0) {
			struct text unused = { 0 };

			load_resource(ld, v, key, &unused, &q->url);
			free(unused.base);
			for (size_t i = 0; i < unused.n; i++) {
				free(unused.lang[i]);
				free(unused.value[i]);
			}
			free(unused.lang);
			free(unused.value);
			keep(ld, k, v, &q->extra);
		} else if (!ld->json && strcmp(key, "aws") == 0)
			load_extra(ld, v, &q->extra);
		else if (!ld->json && strcmp(key, "number") == 0)
			set_string(ld, &q->number, v, key, 0);
		else if (!ld->json && strcmp(key, "url") == 0)
			set_string(ld, &q->url, v, key, MAX_URL);
		else if (!ld->json && strcmp(key, "ask") == 0)
			load_list(ld, v, key, &q->ask, &q->nask);
		else if (!ld->json && strcmp(key, "evidence") == 0)
			load_list(ld, v, key, &q->evidence, &q->nevidence);
		else
			unknown_kept(ld, k, v, &q->extra, _("a question"));
	}
	if (q->id == NULL) {
		error_at(ld, n, _("a question has no id%s%s"), "", "");
		q->id = xstrdup("");
	}
	if (q->title.base == NULL || *q->title.base == '\0')
		error_at(ld, n, _("question \"%s\" has no title%s"), q->id, "");
	if (choices == NULL)
		error_at(ld, n, _("question \"%s\" has no choices%s"), q->id, "");
	else if (expect(ld, choices, YAML_SEQUENCE_NODE, "choices")) {
		yaml_node_item_t *it;

		cap = 0;
		for (it = choices->data.sequence.items.start;
		    it < choices->data.sequence.items.top; it++)
			load_choice(ld, node(ld, *it),
			    ARRAY_PUSH(q->body_choices, q->nchoices, cap));
		if (q->nchoices == 0)
			error_at(ld, choices, _("question \"%s\" has no "
			    "choices%s"), q->id, "");
		else
			check_choices(ld, q);
	}
	if (rules != NULL && expect(ld, rules, YAML_SEQUENCE_NODE, "rules")) {
		yaml_node_item_t *it;

		cap = 0;
		for (it = rules->data.sequence.items.start;
		    it < rules->data.sequence.items.top; it++)
			load_rule(ld, node(ld, *it),
			    ARRAY_PUSH(q->body_rules, q->nrules, cap));
		compile_rules(ld, n, q);
	}
done:
	if (q->id == NULL)
		q->id = xstrdup("");
}

static void
load_pillar(struct loader *ld, yaml_node_t *n, struct pillar *pl)
{
	yaml_node_pair_t	*p;
	yaml_node_t		*questions = NULL;
	size_t			 cap = 0;

	pl->pos = pos_of(n);
	if (!expect_of(ld, n, YAML_MAPPING_NODE, N_("a pillar")))
		goto done;
	for (p = n->data.mapping.pairs.start; p < n->data.mapping.pairs.top;
	    p++) {
		yaml_node_t	*k = node(ld, p->key), *v = node(ld, p->value);
		const char	*key = scalar(k);

		if (key == NULL)
			error_at(ld, k, _("a key in %s must be a text%s"),
			    _("a pillar"), "");
		else if (strcmp(key, "id") == 0) {
			set_string(ld, &pl->id, v, key, 0);
			if (pl->id != NULL)
				check_id(ld, v, pl->id, N_("pillar"), true);
		} else if (set_text(ld, &pl->title, ld->json ? "name" : "title",
		    key, v, MAX_TITLE))
			;
		else if (set_text(ld, &pl->description, "description", key, v,
		    MAX_TEXT))
			;
		else if (strcmp(key, "questions") == 0)
			questions = v;
		else if (!ld->json && strcmp(key, "code") == 0)
			set_string(ld, &pl->code, v, key, 0);
		else if (!ld->json && strcmp(key, "aws") == 0)
			load_extra(ld, v, &pl->extra);
		else
			unknown_kept(ld, k, v, &pl->extra, _("a pillar"));
	}
	if (pl->id == NULL) {
		error_at(ld, n, _("a pillar has no id%s%s"), "", "");
		pl->id = xstrdup("");
	}
	if (pl->title.base == NULL || *pl->title.base == '\0')
		error_at(ld, n, _("pillar \"%s\" has no title%s"), pl->id, "");
	if (questions == NULL)
		error_at(ld, n, _("pillar \"%s\" has no questions%s"), pl->id,
		    "");
	else if (expect(ld, questions, YAML_SEQUENCE_NODE, "questions")) {
		yaml_node_item_t *it;

		for (it = questions->data.sequence.items.start;
		    it < questions->data.sequence.items.top; it++)
			load_question(ld, node(ld, *it),
			    ARRAY_PUSH(pl->questions, pl->nquestions, cap));
	}
done:
	if (pl->id == NULL)
		pl->id = xstrdup("");
}

static void
load_lens(struct loader *ld, yaml_node_t *root, struct lens *l)
{
	yaml_node_pair_t	*p;
	yaml_node_t		*pillars = NULL;
	size_t			 cap = 0;

	for (p = root->data.mapping.pairs.start; p < root->data.mapping.pairs.top;
	    p++) {
		yaml_node_t	*k = node(ld, p->key), *v = node(ld, p->value);
		const char	*key = scalar(k);

		if (key == NULL)
			error_at(ld, k, _("a key in %s must be a text%s"),
			    _("the lens"), "");
		else if (strcmp(key, "pillars") == 0)
			pillars = v;
		else if (set_text(ld, &l->description, "description", key, v,
		    MAX_TEXT))
			;
		else if (ld->json && set_text(ld, &l->title, "name", key, v,
		    MAX_TITLE))
			;
		else if (ld->json && strcmp(key, "schemaVersion") == 0)
			set_string(ld, &l->version, v, key, 0);
		else if (!ld->json && set_text(ld, &l->title, "title", key, v,
		    MAX_TITLE))
			;
		else if (!ld->json && strcmp(key, "lens") == 0) {
			set_string(ld, &l->id, v, key, 0);
			if (l->id != NULL)
				check_id(ld, v, l->id, N_("lens"), true);
		} else if (!ld->json && strcmp(key, "version") == 0)
			set_string(ld, &l->version, v, key, 0);
		else if (!ld->json && strcmp(key, "aws") == 0)
			load_extra(ld, v, &l->extra);
		else
			unknown_kept(ld, k, v, &l->extra, _("the lens"));
	}
	if (l->title.base == NULL || *l->title.base == '\0')
		error_at(ld, root, _("the lens has no %s%s"),
		    ld->json ? "name" : "title", "");
	if (pillars == NULL)
		error_at(ld, root, _("the lens has no pillars%s%s"), "", "");
	else if (expect(ld, pillars, YAML_SEQUENCE_NODE, "pillars")) {
		yaml_node_item_t *it;

		for (it = pillars->data.sequence.items.start;
		    it < pillars->data.sequence.items.top; it++)
			load_pillar(ld, node(ld, *it),
			    ARRAY_PUSH(l->pillars, l->npillars, cap));
		if (l->npillars == 0)
			error_at(ld, pillars, _("the lens has no pillars%s%s"),
			    "", "");
	}
}

/* Ids must be unique: pillars within the lens, questions across the lens
 * (answers are addressed by question id). */
static void
check_unique(struct lens *l, struct diags *d)
{
	struct idref	*refs = xcalloc(l->npillars + 1, sizeof *refs);
	size_t		*same;

	for (size_t i = 0; i < l->npillars; i++)
		refs[i] = (struct idref){ l->pillars[i].id, i };
	same = first_same(refs, l->npillars);
	for (size_t i = 0; i < l->npillars; i++) {
		if (same[i] != i)
			diag_add(d, SEV_ERROR, l->pillars[i].pos.line,
			    l->pillars[i].pos.col,
			    _("duplicate pillar id \"%s\""), l->pillars[i].id);
	}
	free(same);
	free(refs);
	lens_index(l);
	for (size_t i = 0; i < l->npillars; i++) {
		for (size_t j = 0; j < l->pillars[i].nquestions; j++) {
			struct question		*q = &l->pillars[i].questions[j];
			const struct question	*first = lens_question(l, q->id);

			if (first != q)
				diag_add(d, SEV_ERROR, q->pos.line, q->pos.col,
				    _("duplicate question id \"%s\" (first at "
				    "line %d)"), q->id, first->pos.line);
		}
	}
}

char *
lens_id_from_path(const char *path)
{
	const char	*base = strrchr(path, '/');
	char		*stem, *dot, *id;

	stem = xstrdup(base != NULL ? base + 1 : path);
	if ((dot = strrchr(stem, '.')) != NULL && dot != stem)
		*dot = '\0';
	id = slugify(stem);
	free(stem);
	if (*id == '\0') {
		free(id);
		id = xstrdup("lens");
	}
	return id;
}

struct lens *
lens_load(const char *data, size_t size, const char *default_id,
    struct diags *d)
{
	yaml_document_t		 doc;
	yaml_node_t		*root;
	struct yload_error	 err;
	struct loader		 ld = { .doc = &doc, .d = d };
	struct lens		*l;
	size_t			 i;

	for (i = 0; i < size && strchr(" \t\r\n", data[i]) != NULL; i++)
		;
	ld.json = i < size && data[i] == '{';

	if (yval_load_doc(data, size, false, &doc, &err) != 0) {
		diag_add(d, SEV_ERROR, err.line, err.col, "%s", err.msg);
		free(err.msg);
		return NULL;
	}

	root = yaml_document_get_root_node(&doc);
	if (root == NULL) {
		diag_add(d, SEV_ERROR, 1, 1, "%s", _("the file is empty"));
		yaml_document_delete(&doc);
		return NULL;
	}
	l = xcalloc(1, sizeof *l);
	l->format = ld.json ? LENS_AWS_JSON : LENS_YAML;
	if (expect_of(&ld, root, YAML_MAPPING_NODE, N_("a lens")))
		load_lens(&ld, root, l);
	yaml_document_delete(&doc);

	if (l->id == NULL) {
		const char *why;

		l->id = xstrdup(default_id);
		if ((why = lens_id_unsafe(l->id, strlen(l->id))) != NULL)
			diag_add(d, SEV_ERROR, 0, 0, _("lens id \"%.40s\" cannot "
			    "name a file: it %s"), l->id, why);
	}
	if (l->version == NULL)
		l->version = xstrdup("");
	check_unique(l, d);
	/* A lens over the AWS tool's limits still loads, to be judged whole. */
	if (d->nerrors > ld.limit_errors) {
		lens_free(l);
		return NULL;
	}
	return l;
}

struct lens *
lens_load_file(const char *path, struct diags *d)
{
	struct lens	*l;
	char		*data, *cause = NULL, *id;
	size_t		 size;

	if (read_file(path, &data, &size, &cause) != 0) {
		diag_add(d, SEV_ERROR, 0, 0, "%s", cause);
		free(cause);
		return NULL;
	}
	id = lens_id_from_path(path);
	l = lens_load(data, size, id, d);
	free(id);
	free(data);
	return l;
}
