/* lens-check.c: the validator's checks on a loaded lens.
 *
 * The loader already reports what makes a lens unusable (syntax, types,
 * duplicate and dangling ids, over-long texts: names and titles 128
 * characters, descriptions, helpful resources and improvement plans 2048,
 * URLs 2048). The size of the file (500 KB at most) is the command's. What is left are the limits of the AWS Well-Architected Tool
 * on the shape of a custom lens, so that a lens written in wafr uploads
 * without surprises. */
#include "config.h"

#include <string.h>

#include "model/lens-check.h"
#include "base/util.h"
#include "model/yval.h"

/* The AWS tool's custom-lens format specification. */
#define AWS_MAX_PILLARS		10	/* per lens */
#define AWS_MAX_QUESTIONS	20	/* per pillar */
#define AWS_MAX_CHOICES		15	/* per question */
#define AWS_MIN_ID		3	/* characters, of [A-Za-z0-9_] */
#define AWS_MAX_ID		128
#define AWS_MAX_RESOURCES	2	/* additionalResources: one of each type */
#define AWS_MAX_RESOURCE_URLS	5	/* links in one additional resource */

static void
check_id(struct diags *d, enum severity sev, struct pos pos, const char *what,
    const char *id)
{
	size_t n = strlen(id);

	if (n < AWS_MIN_ID || n > AWS_MAX_ID)
		diag_add(d, sev, pos.line, pos.col, ngettext("%s id "
		    "\"%.40s%s\" is %zu character long; the AWS tool takes %d "
		    "to %d", "%s id \"%.40s%s\" is %zu characters long; the AWS "
		    "tool takes %d to %d", n), what, id, n > 40 ? "..." : "", n,
		    AWS_MIN_ID, AWS_MAX_ID);
	else if (strspn(id, "abcdefghijklmnopqrstuvwxyz"
	    "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_") != n)
		diag_add(d, sev, pos.line, pos.col, _("%s id \"%s\": the AWS "
		    "tool takes only letters, digits and \"_\""), what, id);
}

static void
check_resources(struct diags *d, enum severity sev, const struct choice *c)
{
	const struct yval *r = yval_get(c->extra, "additionalResources");

	if (r == NULL || r->type != YVAL_SEQ)
		return;
	if (r->n > AWS_MAX_RESOURCES)
		diag_add(d, sev, r->line, 1, ngettext("choice \"%s\" has %zu "
		    "additional resource, over the AWS limit of %d (one of "
		    "each type)", "choice \"%s\" has %zu additional resources, "
		    "over the AWS limit of %d (one of each type)", r->n),
		    c->id, r->n, AWS_MAX_RESOURCES);
	for (size_t i = 0; i < r->n; i++) {
		const struct yval *content = yval_get(r->v[i], "content");

		if (content != NULL && content->type == YVAL_SEQ &&
		    content->n > AWS_MAX_RESOURCE_URLS)
			diag_add(d, sev, content->line, 1, ngettext("choice "
			    "\"%s\": an additional resource has %zu link, "
			    "over the AWS limit of %d", "choice \"%s\": an "
			    "additional resource has %zu links, over the AWS "
			    "limit of %d", content->n), c->id, content->n,
			    AWS_MAX_RESOURCE_URLS);
	}
}

/* ask: and evidence: are optional; when given, 2 to 5 texts, none empty. */
#define LIST_MIN	2
#define LIST_MAX	5

static void
check_list(struct diags *d, const struct question *q, const char *key,
    char *const *v, size_t n)
{
	if (n > 0 && (n < LIST_MIN || n > LIST_MAX))
		diag_add(d, SEV_ERROR, q->pos.line, q->pos.col,
		    ngettext("question \"%s\": %s has %zu item; give %d to %d",
		    "question \"%s\": %s has %zu items; give %d to %d", n),
		    q->id, key, n, LIST_MIN, LIST_MAX);
	for (size_t i = 0; i < n; i++) {
		const char *s = v[i];

		while (*s == ' ' || *s == '\t' || *s == '\n')
			s++;
		if (*s == '\0')
			diag_add(d, SEV_ERROR, q->pos.line, q->pos.col,
			    _("question \"%s\": item %zu of %s is empty"),
			    q->id, i + 1, key);
	}
}

void
lens_check(const struct lens *l, bool aws, struct diags *d)
{
	enum severity limit = SEV_ERROR;

	for (size_t i = 0; i < l->npillars; i++) {
		for (size_t j = 0; j < l->pillars[i].nquestions; j++) {
			const struct question *q = &l->pillars[i].questions[j];

			check_list(d, q, "ask", q->ask, q->nask);
			check_list(d, q, "evidence", q->evidence,
			    q->nevidence);
		}
	}
	if (!aws)
		return;
	if (l->npillars > AWS_MAX_PILLARS)
		diag_add(d, limit, 1, 1, ngettext("%zu pillar, over the AWS "
		    "limit of %d", "%zu pillars, over the AWS limit of %d",
		    l->npillars), l->npillars, AWS_MAX_PILLARS);
	for (size_t i = 0; i < l->npillars; i++) {
		const struct pillar *p = &l->pillars[i];

		check_id(d, limit, p->pos, _("pillar"), p->id);
		if (p->nquestions > AWS_MAX_QUESTIONS)
			diag_add(d, limit, p->pos.line, p->pos.col,
			    ngettext("pillar \"%s\" has %zu question, over "
			    "the AWS limit of %d", "pillar \"%s\" has %zu "
			    "questions, over the AWS limit of %d",
			    p->nquestions), p->id, p->nquestions,
			    AWS_MAX_QUESTIONS);
		for (size_t j = 0; j < p->nquestions; j++) {
			const struct question *q = &p->questions[j];

			check_id(d, limit, q->pos, _("question"), q->id);
			if (q->nchoices > AWS_MAX_CHOICES)
				diag_add(d, limit, q->pos.line, q->pos.col,
				    ngettext("question \"%s\" has %zu choice, "
				    "over the AWS limit of %d", "question "
				    "\"%s\" has %zu choices, over the AWS "
				    "limit of %d", q->nchoices), q->id,
				    q->nchoices, AWS_MAX_CHOICES);
			for (size_t k = 0; k < q->nchoices; k++) {
				const struct choice *c =
				    &question_choices(q)[k];

				check_id(d, limit, c->pos, _("choice"), c->id);
				check_resources(d, limit, c);
			}
		}
	}
}
