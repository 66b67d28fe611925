/* lens-aws.c: any lens as an AWS Well-Architected Tool custom lens (JSON,
 * schema 2021-11-01), within the tool's limits where wafr can make it so:
 * ids of 3 to 128 letters, digits and "_", texts cut to their limits, and
 * the risk of every question as the tool's first-match risk rules. */
#include "config.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "report/json.h"
#include "report/lens-aws.h"

#define AWS_MIN_ID	3
#define AWS_MAX_ID	128
#define AWS_MAX_NAME	128	/* titles and names */
#define AWS_MAX_TEXT	2048	/* descriptions and resources */

/* An id the AWS tool takes: other characters become "_", a short id is
 * padded with "_"; an id already given in the same scope gets a number. */
static char *
aws_id(const char *id, char **taken, size_t ntaken)
{
	struct buf	b = { 0 };
	char		*s;

	for (const char *p = id; *p != '\0' && b.len < AWS_MAX_ID - 4; p++)
		buf_addc(&b, isalnum((unsigned char)*p) ? *p : '_');
	while (b.len < AWS_MIN_ID)
		buf_addc(&b, '_');
	s = buf_take(&b);
	for (int n = 2;; n++) {
		size_t i;

		for (i = 0; i < ntaken && strcmp(taken[i], s) != 0; i++)
			;
		if (i == ntaken)
			return s;
		free(s);
		s = xasprintf("%.*s_%d", AWS_MAX_ID - 4, id, n);
		for (char *p = s; *p != '\0'; p++)
			if (!isalnum((unsigned char)*p))
				*p = '_';
	}
}

/* At most max characters of s (UTF-8), cut at a character boundary. */
static char *
cut(const char *s, size_t max)
{
	size_t n = 0, i = 0;

	if (s == NULL)
		return NULL;
	for (; s[i] != '\0'; i++) {
		if (((unsigned char)s[i] & 0xc0) != 0x80 && n++ == max)
			break;
	}
	return xstrndup(s, i);
}

static void
str(struct buf *b, const char *key, const char *s, size_t max)
{
	char *c = cut(s, max);

	json_string(b, key);
	buf_adds(b, ": ");
	json_string(b, c);
	free(c);
}

static void
resource(struct buf *b, const char *indent, const char *key,
    const char *text, const char *url)
{
	if ((text == NULL || *text == '\0') && url == NULL)
		return;
	buf_printf(b, ",\n%s", indent);
	json_string(b, key);
	buf_adds(b, ": {");
	str(b, "displayText", text != NULL && *text != '\0' ? text : url,
	    AWS_MAX_TEXT);
	if (url != NULL) {
		buf_adds(b, ", ");
		str(b, "url", url, AWS_MAX_TEXT);
	}
	buf_addc(b, '}');
}

/* The question's helpful resource: what to ask and what evidence to
 * request (the tool has no place of its own for them), and its page. */
static char *
question_help(const struct question *q)
{
	struct buf b = { 0 };

	buf_adds(&b, "");
	if (q->nask > 0)
		buf_adds(&b, "Ask:");
	for (size_t i = 0; i < q->nask; i++)
		buf_printf(&b, "\n- %s", q->ask[i]);
	if (q->nevidence > 0)
		buf_printf(&b, "%sEvidence to request:", b.len > 0 ? "\n\n" :
		    "");
	for (size_t i = 0; i < q->nevidence; i++)
		buf_printf(&b, "\n- %s", q->evidence[i]);
	return buf_take(&b);
}

/* A rule's condition with each choice id as the AWS JSON names it. */
static char *
condition(const char *text, const struct question *q, char *const *ids)
{
	struct buf	b = { 0 };
	const char	*p = text;

	buf_adds(&b, "");
	while (*p != '\0') {
		size_t n = 0, best = 0, which = 0;

		while (isalnum((unsigned char)p[n]) || strchr("_-.:", p[n]) !=
		    NULL)
			n++;
		if (n == 0) {
			buf_addc(&b, *p++);
			continue;
		}
		for (size_t i = 0; i < q->nchoices; i++) {
			const char *id = question_choices(q)[i].id;

			if (strlen(id) == n && strncmp(id, p, n) == 0) {
				best = n;
				which = i;
			}
		}
		if (best > 0)
			buf_adds(&b, ids[which]);
		else
			buf_add(&b, p, n);
		p += n;
	}
	return buf_take(&b);
}

static void
rule(struct buf *b, bool *first, const char *cond, enum risk r)
{
	buf_adds(b, *first ? "\n          " : ",\n          ");
	*first = false;
	buf_adds(b, "{");
	str(b, "condition", cond, AWS_MAX_TEXT);
	buf_printf(b, ", \"risk\": \"%s\"}", r == RISK_HIGH ? "HIGH_RISK" :
	    r == RISK_MEDIUM ? "MEDIUM_RISK" : "NO_RISK");
}

/* "a && b && c" of the choices of a level (and above). */
static char *
all_of(const struct question *q, char *const *ids, enum level min)
{
	struct buf b = { 0 };

	for (size_t i = 0; i < q->nchoices; i++) {
		const struct choice *ch = &question_choices(q)[i];

		if (ch->none || ch->risk < min)
			continue;
		if (b.len > 0)
			buf_adds(&b, " && ");
		buf_adds(&b, ids[i]);
	}
	return buf_take(&b);
}

/* The question's rules as written, or its default rule (DESIGN: "None of
 * these" is high; else the highest risk among the practices not in place)
 * as first-match rules. */
static void
rules(struct buf *b, const struct question *q, char *const *ids)
{
	bool		 first = true, high = false, medium = false;
	char		*c;

	buf_adds(b, ",\n        \"riskRules\": [");
	if (q->nrules > 0) {
		for (size_t i = 0; i < q->nrules; i++) {
			const struct rule *r = &question_rules(q)[i];

			c = r->is_default ? xstrdup("default") :
			    condition(r->text, q, ids);
			rule(b, &first, c, r->risk);
			free(c);
		}
		buf_adds(b, "\n        ]");
		return;
	}
	for (size_t i = 0; i < q->nchoices; i++) {
		const struct choice *ch = &question_choices(q)[i];

		if (ch->none)
			rule(b, &first, ids[i], RISK_HIGH);
		high |= !ch->none && ch->risk == LEVEL_HIGH;
		medium |= !ch->none && ch->risk == LEVEL_MEDIUM;
	}
	if (high || medium) {
		c = all_of(q, ids, LEVEL_MEDIUM);
		rule(b, &first, c, RISK_NONE);
		free(c);
	}
	if (high && medium) {
		c = all_of(q, ids, LEVEL_HIGH);
		rule(b, &first, c, RISK_MEDIUM);
		free(c);
	}
	rule(b, &first, "default", high ? RISK_HIGH : medium ? RISK_MEDIUM :
	    RISK_NONE);
	buf_adds(b, "\n        ]");
}

static void
question(struct buf *b, const struct question *q, char **qids, size_t nq)
{
	char	**ids = xcalloc(q->nchoices + 1, sizeof *ids), *help, *id;

	id = aws_id(q->id, qids, nq);
	qids[nq] = id;
	buf_adds(b, "{\n        ");
	str(b, "id", id, AWS_MAX_ID);
	buf_adds(b, ",\n        ");
	str(b, "title", text_get(&q->title), AWS_MAX_NAME);
	if (q->description.base != NULL) {
		buf_adds(b, ",\n        ");
		str(b, "description", text_get(&q->description), AWS_MAX_TEXT);
	}
	help = question_help(q);
	resource(b, "        ", "helpfulResource", help, q->url);
	free(help);
	buf_adds(b, ",\n        \"choices\": [");
	for (size_t i = 0; i < q->nchoices; i++) {
		const struct choice *c = &question_choices(q)[i];

		ids[i] = aws_id(c->id, ids, i);
		buf_adds(b, i > 0 ? ",\n          {" : "\n          {");
		str(b, "id", ids[i], AWS_MAX_ID);
		buf_adds(b, ",\n            ");
		str(b, "title", text_get(&c->title), AWS_MAX_NAME);
		resource(b, "            ", "helpfulResource",
		    text_get(&c->helpful), c->url);
		resource(b, "            ", "improvementPlan",
		    text_get(&c->improvement), c->improvement_url != NULL ?
		    c->improvement_url : c->url);
		buf_adds(b, "\n          }");
	}
	buf_adds(b, "\n        ]");
	rules(b, q, ids);
	buf_adds(b, "\n      }");
	for (size_t i = 0; i < q->nchoices; i++)
		free(ids[i]);
	free(ids);
}

char *
lens_to_aws_json(const struct lens *l)
{
	struct buf	  b = { 0 };
	char		**pids = xcalloc(l->npillars + 1, sizeof *pids);
	char		**qids = xcalloc(l->nquestions + 1, sizeof *qids);
	size_t		  nq = 0;

	buf_adds(&b, "{\n  \"schemaVersion\": \"2021-11-01\",\n  ");
	str(&b, "name", text_get(&l->title), AWS_MAX_NAME);
	if (l->description.base != NULL) {
		buf_adds(&b, ",\n  ");
		str(&b, "description", text_get(&l->description), AWS_MAX_TEXT);
	}
	buf_adds(&b, ",\n  \"pillars\": [");
	for (size_t i = 0; i < l->npillars; i++) {
		const struct pillar *p = &l->pillars[i];

		pids[i] = aws_id(p->id, pids, i);
		buf_adds(&b, i > 0 ? ",\n    {\n      " : "\n    {\n      ");
		str(&b, "id", pids[i], AWS_MAX_ID);
		buf_adds(&b, ",\n      ");
		str(&b, "name", text_get(&p->title), AWS_MAX_NAME);
		buf_adds(&b, ",\n      \"questions\": [");
		for (size_t j = 0; j < p->nquestions; j++) {
			buf_adds(&b, j > 0 ? ", " : "\n      ");
			question(&b, &p->questions[j], qids, nq++);
		}
		buf_adds(&b, "\n      ]\n    }");
	}
	buf_adds(&b, "\n  ]\n}\n");
	for (size_t i = 0; i < l->npillars; i++)
		free(pids[i]);
	for (size_t i = 0; i < nq; i++)
		free(qids[i]);
	free(pids);
	free(qids);
	return buf_take(&b);
}
