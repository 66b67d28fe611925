/* aws.c: mapping between the AWS Well-Architected Tool's JSON and answers.
 *
 * Shapes read (as the AWS CLI prints them):
 *	list-answers	{"LensAlias", "LensArn", "AnswerSummaries": [...]}
 *	get-answer	{"LensAlias", "LensArn", "Answer": {...}}
 *	get-lens-review	{"LensReview": {"LensAlias", "PillarReviewSummaries":
 *			 [{"PillarId", "RiskCounts"}], "RiskCounts"}}
 *	update-answer input (what wafr export writes), {"LensAlias",
 *			 "QuestionId", "SelectedChoices", "ChoiceUpdates": {}}
 * A list of such documents is read too (several pages in one file). */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "report/aws.h"
#include "report/json.h"

static const char *const risk_names[RISK_COUNT] = {
	[RISK_UNANSWERED] = "UNANSWERED",
	[RISK_NOT_APPLICABLE] = "NOT_APPLICABLE",
	[RISK_NONE] = "NONE",
	[RISK_MEDIUM] = "MEDIUM",
	[RISK_HIGH] = "HIGH",
};

const char *
aws_risk_name(enum risk r)
{
	return risk_names[r];
}

int
aws_risk_parse(const char *s, enum risk *r)
{
	for (int i = 0; s != NULL && i < RISK_COUNT; i++) {
		if (strcmp(s, risk_names[i]) == 0) {
			*r = (enum risk)i;
			return 0;
		}
	}
	return -1;
}

char *
aws_lens_id(const char *alias)
{
	const char *p;

	if (alias == NULL)
		return NULL;
	if (strncmp(alias, "arn:", 4) == 0 &&
	    (p = strstr(alias, ":lens/")) != NULL)
		return xstrdup(p + 6);
	return xstrdup(alias);
}

static char *
dup_or_null(const char *s)
{
	return s != NULL && *s != '\0' ? xstrdup(s) : NULL;
}

static void
answer_clear(struct aws_answer *a)
{
	free(a->question);
	free(a->pillar);
	for (size_t i = 0; i < a->nselected; i++)
		free(a->selected[i]);
	free(a->selected);
	for (size_t i = 0; i < a->nchoices; i++) {
		free(a->choices[i].id);
		free(a->choices[i].reason);
		free(a->choices[i].notes);
	}
	free(a->choices);
	free(a->reason);
	free(a->notes);
}

void
aws_export_free(struct aws_export *x)
{
	for (size_t i = 0; i < x->nanswers; i++)
		answer_clear(&x->answers[i]);
	free(x->answers);
	for (size_t i = 0; i < x->ncounts; i++)
		free(x->counts[i].pillar);
	free(x->counts);
	free(x->lens_alias);
	free(x->lens_arn);
	free(x->lens_name);
	free(x->workload);
	*x = (struct aws_export){ 0 };
}

static int
read_status(const char *s, enum aws_status *st)
{
	if (streq(s, "SELECTED"))
		*st = AWS_SELECTED;
	else if (streq(s, "NOT_APPLICABLE"))
		*st = AWS_NOT_APPLICABLE;
	else if (streq(s, "UNSELECTED") || s == NULL)
		*st = AWS_UNSELECTED;
	else
		return -1;
	return 0;
}

static int
read_choice(const struct yval *v, const char *id, struct aws_answer *a,
    size_t *cap, char **cause)
{
	const char		*st = yval_get_str(v, "Status");
	struct aws_choice	*c;

	if (id == NULL)
		return 0;
	c = ARRAY_PUSH(a->choices, a->nchoices, *cap);
	c->id = xstrdup(id);
	c->reason = dup_or_null(yval_get_str(v, "Reason"));
	c->notes = dup_or_null(yval_get_str(v, "Notes"));
	if (read_status(st, &c->status) != 0) {
		fail(cause, _("line %d: unknown choice status \"%s\""), v->line,
		    st);
		answer_clear(a);
		return -1;
	}
	return 0;
}

/* One AnswerSummary or Answer (or update-answer input). */
static int
read_answer(const struct yval *v, struct aws_export *x, char **cause)
{
	struct aws_answer	 a = { 0 };
	const struct yval	*sel, *ch;
	const char		*q = yval_get_str(v, "QuestionId"), *risk;
	size_t			 cap = 0;

	if (q == NULL)
		return fail(cause, _("line %d: an answer without QuestionId"),
		    v->line);
	a.question = xstrdup(q);
	a.pillar = dup_or_null(yval_get_str(v, "PillarId"));
	a.not_applicable = yval_get_bool(v, "IsApplicable") == 0;
	a.reason = dup_or_null(yval_get_str(v, "Reason"));
	a.notes = dup_or_null(yval_get_str(v, "Notes"));
	if ((risk = yval_get_str(v, "Risk")) != NULL) {
		if (aws_risk_parse(risk, &a.risk) != 0) {
			answer_clear(&a);
			return fail(cause, _("line %d: unknown risk \"%s\""),
			    v->line, risk);
		}
		a.has_risk = true;
	}
	if ((sel = yval_get(v, "SelectedChoices")) != NULL &&
	    sel->type == YVAL_SEQ) {
		for (size_t i = 0; i < sel->n; i++) {
			if (yval_str(sel->v[i]) != NULL)
				*ARRAY_PUSH(a.selected, a.nselected, cap) =
				    xstrdup(yval_str(sel->v[i]));
		}
	}
	/* update-answer input has a map of choice id to update; the AWS
	 * tool's output a list. */
	cap = 0;
	if ((ch = yval_get(v, "ChoiceUpdates")) != NULL &&
	    ch->type == YVAL_MAP) {
		for (size_t i = 0; i < ch->n; i++) {
			if (read_choice(ch->v[i], ch->keys[i], &a, &cap,
			    cause) != 0)
				return -1;
		}
	} else {
		if ((ch = yval_get(v, "ChoiceAnswers")) == NULL)
			ch = yval_get(v, "ChoiceAnswerSummaries");
		for (size_t i = 0; ch != NULL && ch->type == YVAL_SEQ &&
		    i < ch->n; i++) {
			if (read_choice(ch->v[i], yval_get_str(ch->v[i],
			    "ChoiceId"), &a, &cap, cause) != 0)
				return -1;
		}
	}
	x->answers = xreallocarray(x->answers, x->nanswers + 1,
	    sizeof *x->answers);
	x->answers[x->nanswers++] = a;
	return 0;
}

static void
read_counts(const struct yval *v, const char *pillar, struct aws_export *x)
{
	struct aws_counts *c;

	if (v == NULL || v->type != YVAL_MAP)
		return;
	x->counts = xreallocarray(x->counts, x->ncounts + 1, sizeof *x->counts);
	c = &x->counts[x->ncounts++];
	*c = (struct aws_counts){ .pillar = dup_or_null(pillar) };
	for (int i = 0; i < RISK_COUNT; i++) {
		const char *n = yval_get_str(v, risk_names[i]);

		c->n[i] = n != NULL ? (unsigned)strtoul(n, NULL, 10) : 0;
	}
}

/* Every part of one export must be about the same lens. */
static int
same_lens(char **have, const char *s, const char *what, char **cause)
{
	if (s == NULL)
		return 0;
	if (*have == NULL)
		*have = xstrdup(s);
	else if (strcmp(*have, s) != 0)
		return fail(cause, _("the files are about two lenses (%s \"%s\" "
		    "and \"%s\"): import one lens at a time"), what, *have, s);
	return 0;
}

static int
read_lens(const struct yval *v, struct aws_export *x, char **cause)
{
	char	*a = aws_lens_id(yval_get_str(v, "LensAlias"));
	char	*b = aws_lens_id(yval_get_str(v, "LensArn"));
	int	 r;

	r = same_lens(&x->lens_alias, a, "LensAlias", cause);
	if (r == 0)
		r = same_lens(&x->lens_arn, b, "LensArn", cause);
	free(a);
	free(b);
	if (r == 0 && x->workload == NULL)
		x->workload = dup_or_null(yval_get_str(v, "WorkloadId"));
	if (r == 0 && x->lens_name == NULL)
		x->lens_name = dup_or_null(yval_get_str(v, "LensName"));
	return r;
}

int
aws_read(const struct yval *v, struct aws_export *x, char **cause)
{
	const struct yval *s, *r;

	if (v == NULL)
		return fail(cause, "%s", _("empty document"));
	if (v->type == YVAL_SEQ) {
		for (size_t i = 0; i < v->n; i++) {
			if (aws_read(v->v[i], x, cause) != 0)
				return -1;
		}
		return 0;
	}
	if (v->type != YVAL_MAP)
		goto unknown;
	if ((r = yval_get(v, "LensReview")) != NULL) {
		const struct yval *p = yval_get(r, "PillarReviewSummaries");

		if (x->workload == NULL)
			x->workload = dup_or_null(yval_get_str(v, "WorkloadId"));
		if (read_lens(r, x, cause) != 0)
			return -1;
		for (size_t i = 0; p != NULL && p->type == YVAL_SEQ &&
		    i < p->n; i++)
			read_counts(yval_get(p->v[i], "RiskCounts"),
			    yval_get_str(p->v[i], "PillarId"), x);
		read_counts(yval_get(r, "RiskCounts"), NULL, x);
		return 0;
	}
	if ((s = yval_get(v, "AnswerSummaries")) != NULL) {
		if (read_lens(v, x, cause) != 0)
			return -1;
		if (s->type != YVAL_SEQ)
			return fail(cause, _("line %d: AnswerSummaries is not a "
			    "list"), s->line);
		for (size_t i = 0; i < s->n; i++) {
			if (read_answer(s->v[i], x, cause) != 0)
				return -1;
		}
		return 0;
	}
	if ((s = yval_get(v, "Answer")) != NULL && s->type == YVAL_MAP) {
		if (read_lens(v, x, cause) != 0)
			return -1;
		return read_answer(s, x, cause);
	}
	if (yval_get(v, "QuestionId") != NULL &&
	    yval_get(v, "ChoiceUpdates") != NULL) {
		if (read_lens(v, x, cause) != 0)
			return -1;
		return read_answer(v, x, cause);
	}
unknown:
	return fail(cause, "%s", _("not an export of the AWS tool "
	    "(list-answers, get-answer or get-lens-review JSON)"));
}

static void
problem(struct buf *b, const char *fmt, const char *a, const char *c)
{
	buf_printf(b, fmt, a, c);
	buf_addc(b, '\n');
}

int
aws_map_answer(const struct lens *l, const struct aws_answer *in,
    const struct answer *old, struct answer *out, const struct question **qp,
    struct buf *problems)
{
	const struct question	*q = lens_question(l, in->question);
	struct buf		 note = { 0 };
	int			 n = 0;

	answer_init(out);
	*qp = q;
	if (q == NULL) {
		problem(problems, _("question \"%s\": not in lens \"%s\""),
		    in->question, l->id);
		return 1;
	}
	if (in->pillar != NULL && strcmp(in->pillar, q->pillar->id) != 0) {
		problem(problems, _("question \"%s\": in pillar \"%s\" here"),
		    in->question, q->pillar->id);
		n++;
	}
	for (size_t i = 0; i < in->nselected; i++) {
		if (question_choice(q, in->selected[i]) == NULL) {
			problem(problems, _("question \"%s\": no choice \"%s\""),
			    q->id, in->selected[i]);
			n++;
		} else
			answer_select(out, in->selected[i], true);
	}
	for (size_t i = 0; i < in->nchoices; i++) {
		const struct aws_choice *c = &in->choices[i];
		const char		*reason;

		if (c->status == AWS_UNSELECTED && c->notes == NULL)
			continue;
		if (question_choice(q, c->id) == NULL) {
			problem(problems, _("question \"%s\": no choice \"%s\""),
			    q->id, c->id);
			n++;
			continue;
		}
		if (c->status == AWS_SELECTED)
			answer_select(out, c->id, true);
		else if (c->status == AWS_NOT_APPLICABLE) {
			reason = c->reason != NULL ?
			    na_reason_parse(c->reason) : NULL;
			answer_select(out, c->id, false);
			answer_set_choice_na(out, c->id,
			    reason != NULL ? reason : "NONE");
		}
		if (c->notes != NULL)
			buf_printf(&note, "%s[%s] %s", note.len > 0 ? "\n" : "",
			    c->id, c->notes);
	}
	/* Keep the order of the lens, whatever the order of the export. */
	if (out->nselected > 1) {
		char	**sorted = xcalloc(out->nselected, sizeof *sorted);
		size_t	  k = 0;

		for (size_t i = 0; i < q->nchoices; i++) {
			for (size_t j = 0; j < out->nselected; j++) {
				if (out->selected[j] != NULL &&
				    strcmp(out->selected[j],
				    q->choices[i].id) == 0) {
					sorted[k++] = out->selected[j];
					out->selected[j] = NULL;
				}
			}
		}
		for (size_t j = 0; j < out->nselected; j++)
			free(out->selected[j]);
		free(out->selected);
		out->selected = sorted;
		out->nselected = k;
	}
	if (in->not_applicable) {
		const char *r = in->reason != NULL ?
		    na_reason_parse(in->reason) : NULL;

		out->not_applicable = true;
		out->reason = xstrdup(r != NULL ? r : "NONE");
	}
	if (in->notes != NULL || note.len > 0) {
		struct buf all = { 0 };

		buf_adds(&all, in->notes != NULL ? in->notes : "");
		if (note.len > 0) {
			if (all.len > 0)
				buf_addc(&all, '\n');
			buf_adds(&all, note.s);
		}
		answer_set_note(out, all.s);
		buf_free(&all);
	}
	buf_free(&note);
	if (old != NULL) {
		for (size_t i = 0; i < old->nevidence; i++)
			answer_add_evidence(out, old->evidence[i]);
		out->verification = old->verification;
	}
	return n;
}

int
aws_compare_counts(const struct aws_counts *c, const struct tally *t,
    struct buf *b)
{
	int n = 0;

	for (int i = 0; i < RISK_COUNT; i++) {
		if (c->n[i] == t->n[i])
			continue;
		buf_printf(b, _("%s: %s: the AWS tool counts %u, wafr %u\n"),
		    c->pillar != NULL ? c->pillar : _("lens total"),
		    risk_names[i], c->n[i], t->n[i]);
		n++;
	}
	return n;
}

char *
aws_printable(const char *s)
{
	struct buf	b = { 0 };
	size_t		len = strlen(s);

	if (!utf8_valid(s, len)) {
		for (; *s != '\0'; s++)
			buf_addc(&b, (*s >= 0x20 && *s < 0x7f) || *s == '\n' ?
			    *s : '?');
		return buf_take(&b);
	}
	for (size_t i = 0; i < len; i++) {
		unsigned char c = (unsigned char)s[i];

		if ((c < 0x20 && c != '\n' && c != '\t') || c == 0x7f)
			buf_addc(&b, '?');
		else if (c == 0xc2 && i + 1 < len &&
		    (unsigned char)s[i + 1] >= 0x80 &&
		    (unsigned char)s[i + 1] <= 0x9f) {
			buf_addc(&b, '?');	/* a C1 control */
			i++;
		} else
			buf_addc(&b, (char)c);
	}
	if (b.s == NULL)
		buf_adds(&b, "");
	return buf_take(&b);
}

char *
aws_cut_text(const char *s, size_t max, bool *cut)
{
	static const char marker[] = "\n[... cut: over the AWS limit]";
	size_t chars = 0, i, keep = 0, mlen = sizeof marker - 1;

	*cut = false;
	for (i = 0; s[i] != '\0'; i++) {
		if (((unsigned char)s[i] & 0xc0) != 0x80)
			chars++;
	}
	if (chars <= max)
		return xstrdup(s);
	*cut = true;
	/* Keep max - marker characters, never splitting a character. */
	chars = 0;
	for (i = 0; s[i] != '\0'; i++) {
		if (((unsigned char)s[i] & 0xc0) != 0x80) {
			if (chars == max - mlen)
				break;
			chars++;
		}
		keep = i + 1;
	}
	return xasprintf("%.*s%s", (int)keep, s, marker);
}

char *
aws_update_input(const struct question *q, const struct answer *a,
    const char *alias, const char *workload, bool *cut)
{
	struct buf	 b = { 0 };
	bool		 first = true;
	char		*note;

	*cut = false;
	buf_adds(&b, "{\n  \"WorkloadId\": ");
	json_string(&b, workload != NULL ? workload :
	    AWS_WORKLOAD_PLACEHOLDER);
	buf_adds(&b, ",\n  \"LensAlias\": ");
	json_string(&b, alias);
	buf_adds(&b, ",\n  \"QuestionId\": ");
	json_string(&b, q->id);
	buf_adds(&b, ",\n  \"SelectedChoices\": [");
	for (size_t i = 0; i < q->nchoices; i++) {
		const char *id = q->choices[i].id;

		if (!answer_selected(a, id) || answer_choice_na(a, id) != NULL)
			continue;
		if (!first)
			buf_adds(&b, ", ");
		first = false;
		json_string(&b, id);
	}
	buf_adds(&b, "],\n  \"ChoiceUpdates\": {");
	for (size_t i = 0; i < q->nchoices; i++) {
		const char		*id = q->choices[i].id;
		const struct choice_na	*na = answer_choice_na(a, id);

		buf_adds(&b, i == 0 ? "\n    " : ",\n    ");
		json_string(&b, id);
		buf_adds(&b, ": {\"Status\": ");
		if (na != NULL) {
			buf_adds(&b, "\"NOT_APPLICABLE\", \"Reason\": ");
			json_string(&b, na->reason);
		} else
			json_string(&b, answer_selected(a, id) ? "SELECTED" :
			    "UNSELECTED");
		buf_adds(&b, "}");
	}
	buf_adds(&b, q->nchoices > 0 ? "\n  },\n  \"Notes\": " :
	    "},\n  \"Notes\": ");
	note = aws_cut_text(a->note != NULL ? a->note : "", AWS_MAX_NOTES, cut);
	json_string(&b, note);
	free(note);
	buf_printf(&b, ",\n  \"IsApplicable\": %s", a->not_applicable ?
	    "false" : "true");
	if (a->not_applicable) {
		buf_adds(&b, ",\n  \"Reason\": ");
		json_string(&b, a->reason != NULL ? a->reason : "NONE");
	}
	buf_adds(&b, "\n}\n");
	return buf_take(&b);
}
