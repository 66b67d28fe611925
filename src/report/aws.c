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

#include <limits.h>
#include <stdint.h>
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

/* --- Fields of the expected types ----------------------------------------
 * A field of the wrong type refuses the whole file, naming the field and
 * its line: read as absent, it would clear what wafr holds. Absent and null
 * are the same. Text read from a file is quoted in messages made safe. */

static bool
is_null(const struct yval *v)
{
	return v == NULL || (v->type == YVAL_SCALAR && !v->quoted &&
	    strcmp(v->s, "null") == 0);
}

/* A plain scalar that JSON reads as a number. */
static bool
is_number(const char *s)
{
	if (*s == '-')
		s++;
	if (*s < '0' || *s > '9')
		return false;
	while (*s >= '0' && *s <= '9')
		s++;
	if (*s == '.') {
		if (*++s < '0' || *s > '9')
			return false;
		while (*s >= '0' && *s <= '9')
			s++;
	}
	if (*s == 'e' || *s == 'E') {
		if (*++s == '+' || *s == '-')
			s++;
		if (*s < '0' || *s > '9')
			return false;
		while (*s >= '0' && *s <= '9')
			s++;
	}
	return *s == '\0';
}

static const char *
type_name(const struct yval *v)
{
	if (v->type == YVAL_MAP)
		return _("an object");
	if (v->type == YVAL_SEQ)
		return _("a list");
	if (is_null(v))
		return "null";
	if (v->quoted)
		return _("a string");
	if (streq(v->s, "true") || streq(v->s, "false"))
		return _("a boolean");
	if (is_number(v->s))
		return _("a number");
	return _("a string");
}

static bool
is_text(const struct yval *v)
{
	return v->type == YVAL_SCALAR && (v->quoted || (!is_null(v) &&
	    !streq(v->s, "true") && !streq(v->s, "false") &&
	    !is_number(v->s)));
}

static int
wrong_type(const struct yval *v, const char *key, const char *want,
    char **cause)
{
	char	*k = str_printable(key);
	int	 r;

	/* TRANSLATORS: "line 3: Notes is an object, not a string". */
	r = fail(cause, _("line %d: %s is %s, not %s"), v->line, k,
	    type_name(v), want);
	free(k);
	return r;
}

/* A text field: *out is NULL when it is absent. */
static int
get_text(const struct yval *m, const char *key, const char **out,
    char **cause)
{
	const struct yval *v = yval_get(m, key);

	*out = NULL;
	if (is_null(v))
		return 0;
	if (!is_text(v))
		return wrong_type(v, key, _("a string"), cause);
	*out = v->s;
	return 0;
}

/* A list or an object: *out is NULL when it is absent. */
static int
get_kind(const struct yval *m, const char *key, enum yval_type type,
    const struct yval **out, char **cause)
{
	const struct yval *v = yval_get(m, key);

	*out = NULL;
	if (is_null(v))
		return 0;
	if (v->type != type)
		return wrong_type(v, key, type == YVAL_SEQ ? _("a list") :
		    _("an object"), cause);
	*out = v;
	return 0;
}

/* A boolean field: *out is -1 when it is absent. */
static int
get_bool(const struct yval *m, const char *key, int *out, char **cause)
{
	const struct yval *v = yval_get(m, key);

	*out = -1;
	if (is_null(v))
		return 0;
	if ((*out = yval_get_bool(m, key)) == -1)
		return wrong_type(v, key, _("a boolean"), cause);
	return 0;
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

/* One choice: an entry of ChoiceAnswers (id NULL: its ChoiceId names it) or
 * a member of ChoiceUpdates. */
static int
read_choice(const struct yval *v, const char *where, const char *id,
    struct aws_answer *a, size_t *cap, char **cause)
{
	struct aws_choice	*c;
	const char		*st, *reason, *notes;
	char			*s;

	if (v->type != YVAL_MAP)
		return wrong_type(v, where, _("an object"), cause);
	if (id == NULL) {
		if (get_text(v, "ChoiceId", &id, cause) != 0)
			return -1;
		if (id == NULL)
			return fail(cause, _("line %d: a choice without "
			    "ChoiceId"), v->line);
	}
	if (get_text(v, "Status", &st, cause) != 0 ||
	    get_text(v, "Reason", &reason, cause) != 0 ||
	    get_text(v, "Notes", &notes, cause) != 0)
		return -1;
	c = ARRAY_PUSH(a->choices, a->nchoices, *cap);
	c->id = xstrdup(id);
	c->reason = dup_or_null(reason);
	c->notes = dup_or_null(notes);
	if (read_status(st, &c->status) != 0) {
		s = str_printable(st);
		fail(cause, _("line %d: unknown choice status \"%s\""),
		    yval_get(v, "Status")->line, s);
		free(s);
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
	const char		*q, *pillar, *reason, *notes, *risk, *where;
	char			*s;
	size_t			 cap = 0;
	int			 applicable;

	if (v->type != YVAL_MAP)
		return wrong_type(v, _("an answer"), _("an object"), cause);
	if (get_text(v, "QuestionId", &q, cause) != 0)
		return -1;
	if (q == NULL)
		return fail(cause, _("line %d: an answer without QuestionId"),
		    v->line);
	if (get_text(v, "PillarId", &pillar, cause) != 0 ||
	    get_bool(v, "IsApplicable", &applicable, cause) != 0 ||
	    get_text(v, "Reason", &reason, cause) != 0 ||
	    get_text(v, "Notes", &notes, cause) != 0 ||
	    get_text(v, "Risk", &risk, cause) != 0 ||
	    get_kind(v, "SelectedChoices", YVAL_SEQ, &sel, cause) != 0)
		return -1;
	/* update-answer input has an object of choice id to update; the AWS
	 * tool's output a list. */
	if (yval_get(v, "ChoiceUpdates") != NULL) {
		where = "ChoiceUpdates";
		if (get_kind(v, where, YVAL_MAP, &ch, cause) != 0)
			return -1;
	} else {
		where = yval_get(v, "ChoiceAnswers") != NULL ? "ChoiceAnswers" :
		    "ChoiceAnswerSummaries";
		if (get_kind(v, where, YVAL_SEQ, &ch, cause) != 0)
			return -1;
	}
	a.question = xstrdup(q);
	a.pillar = dup_or_null(pillar);
	a.not_applicable = applicable == 0;
	a.reason = dup_or_null(reason);
	a.notes = dup_or_null(notes);
	if (risk != NULL) {
		if (aws_risk_parse(risk, &a.risk) != 0) {
			s = str_printable(risk);
			fail(cause, _("line %d: unknown risk \"%s\""),
			    yval_get(v, "Risk")->line, s);
			free(s);
			goto bad;
		}
		a.has_risk = true;
	}
	for (size_t i = 0; sel != NULL && i < sel->n; i++) {
		if (!is_text(sel->v[i])) {
			s = xasprintf(_("an item of %s"), "SelectedChoices");
			wrong_type(sel->v[i], s, _("a string"), cause);
			free(s);
			goto bad;
		}
		*ARRAY_PUSH(a.selected, a.nselected, cap) =
		    xstrdup(sel->v[i]->s);
	}
	cap = 0;
	for (size_t i = 0; ch != NULL && i < ch->n; i++) {
		int r;

		if (ch->type == YVAL_MAP) {
			s = xasprintf("%s \"%s\"", where, ch->keys[i]);
			r = read_choice(ch->v[i], s, ch->keys[i], &a, &cap,
			    cause);
		} else {
			s = xasprintf(_("an item of %s"), where);
			r = read_choice(ch->v[i], s, NULL, &a, &cap, cause);
		}
		free(s);
		if (r != 0)
			goto bad;
	}
	x->answers = xreallocarray(x->answers, x->nanswers + 1,
	    sizeof *x->answers);
	x->answers[x->nanswers++] = a;
	return 0;
bad:
	answer_clear(&a);
	return -1;
}

static int
read_counts(const struct yval *m, const char *pillar, struct aws_export *x,
    char **cause)
{
	const struct yval	*v;
	struct aws_counts	*c;
	unsigned		 n[RISK_COUNT] = { 0 };

	if (get_kind(m, "RiskCounts", YVAL_MAP, &v, cause) != 0)
		return -1;
	if (v == NULL)
		return 0;
	for (int i = 0; i < RISK_COUNT; i++) {
		const struct yval	*f = yval_get(v, risk_names[i]);
		const char		*s;
		unsigned long		 u;
		char			*end;

		if (is_null(f))
			continue;
		s = f->s;
		if (f->type != YVAL_SCALAR || f->quoted || *s < '0' ||
		    *s > '9')
			return wrong_type(f, risk_names[i], _("a count"), cause);
		u = strtoul(s, &end, 10);
		if (*end != '\0' || u > UINT_MAX)
			return wrong_type(f, risk_names[i], _("a count"), cause);
		n[i] = (unsigned)u;
	}
	x->counts = xreallocarray(x->counts, x->ncounts + 1, sizeof *x->counts);
	c = &x->counts[x->ncounts++];
	*c = (struct aws_counts){ .pillar = dup_or_null(pillar) };
	memcpy(c->n, n, sizeof c->n);
	return 0;
}

/* Every part of one export must be about the same lens. */
static int
same_lens(char **have, const char *s, const char *what, char **cause)
{
	char	*a, *b;

	if (s == NULL)
		return 0;
	if (*have == NULL)
		*have = xstrdup(s);
	else if (strcmp(*have, s) != 0) {
		a = str_printable(*have);
		b = str_printable(s);
		fail(cause, _("the files are about two lenses (%s \"%s\" "
		    "and \"%s\"): import one lens at a time"), what, a, b);
		free(a);
		free(b);
		return -1;
	}
	return 0;
}

static int
read_lens(const struct yval *v, struct aws_export *x, char **cause)
{
	const char	*alias, *arn, *workload, *name;
	char		*a, *b;
	int		 r;

	if (get_text(v, "LensAlias", &alias, cause) != 0 ||
	    get_text(v, "LensArn", &arn, cause) != 0 ||
	    get_text(v, "WorkloadId", &workload, cause) != 0 ||
	    get_text(v, "LensName", &name, cause) != 0)
		return -1;
	a = aws_lens_id(alias);
	b = aws_lens_id(arn);
	r = same_lens(&x->lens_alias, a, "LensAlias", cause);
	if (r == 0)
		r = same_lens(&x->lens_arn, b, "LensArn", cause);
	free(a);
	free(b);
	if (r == 0 && x->workload == NULL)
		x->workload = dup_or_null(workload);
	if (r == 0 && x->lens_name == NULL)
		x->lens_name = dup_or_null(name);
	return r;
}

int
aws_read(const struct yval *v, struct aws_export *x, char **cause)
{
	const struct yval	*s, *r, *p;
	const char		*workload, *pillar;

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
	if (yval_get(v, "LensReview") != NULL) {
		if (get_kind(v, "LensReview", YVAL_MAP, &r, cause) != 0 ||
		    get_text(v, "WorkloadId", &workload, cause) != 0)
			return -1;
		if (r == NULL)
			goto unknown;
		if (x->workload == NULL)
			x->workload = dup_or_null(workload);
		if (read_lens(r, x, cause) != 0 ||
		    get_kind(r, "PillarReviewSummaries", YVAL_SEQ, &p,
		    cause) != 0)
			return -1;
		for (size_t i = 0; p != NULL && i < p->n; i++) {
			if (p->v[i]->type != YVAL_MAP) {
				char *w = xasprintf(_("an item of %s"),
				    "PillarReviewSummaries");

				wrong_type(p->v[i], w, _("an object"), cause);
				free(w);
				return -1;
			}
			if (get_text(p->v[i], "PillarId", &pillar, cause) != 0 ||
			    read_counts(p->v[i], pillar, x, cause) != 0)
				return -1;
		}
		return read_counts(r, NULL, x, cause);
	}
	if (yval_get(v, "AnswerSummaries") != NULL) {
		if (read_lens(v, x, cause) != 0 ||
		    get_kind(v, "AnswerSummaries", YVAL_SEQ, &s, cause) != 0)
			return -1;
		for (size_t i = 0; s != NULL && i < s->n; i++) {
			if (read_answer(s->v[i], x, cause) != 0)
				return -1;
		}
		return 0;
	}
	if (yval_get(v, "Answer") != NULL) {
		if (read_lens(v, x, cause) != 0 ||
		    get_kind(v, "Answer", YVAL_MAP, &s, cause) != 0)
			return -1;
		if (s == NULL)
			goto unknown;
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

/* One line: the ids it quotes may come from a file, so they are made safe
 * (a newline in one cannot start a line of its own either). */
static void
problem(struct buf *b, const char *fmt, const char *a, const char *c)
{
	char	*sa = str_printable(a), *sc = str_printable(c);

	buf_printf(b, fmt, sa, sc);
	buf_addc(b, '\n');
	free(sa);
	free(sc);
}

/* The note an import gives. The AWS tool holds at most AWS_MAX_NOTES
 * characters, so export sends a long note cut (aws_update_input); reading
 * that cut note back must not cut wafr's own. Rule: when the imported note
 * is exactly what export makes of the note wafr holds, that is, the note
 * was cut and nothing else changed, wafr's whole note stays. Any other
 * note, an edit in the AWS tool for one, replaces it. */
static const char *
imported_note(const struct aws_answer *in, const struct answer *old)
{
	const char	*note = in->notes;
	char		*cut;
	bool		 wascut;

	if (note == NULL || old == NULL || old->note == NULL)
		return note;
	cut = aws_cut_text(old->note, AWS_MAX_NOTES, &wascut);
	if (wascut && strcmp(cut, note) == 0)
		note = old->note;
	free(cut);
	return note;
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
				    question_choices(q)[i].id) == 0) {
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
		const char	*notes = imported_note(in, old);
		struct buf	 all = { 0 };

		buf_adds(&all, notes != NULL ? notes : "");
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
	char	*pillar = str_printable(c->pillar != NULL ? c->pillar :
		    _("lens total"));
	int	 n = 0;

	for (int i = 0; i < RISK_COUNT; i++) {
		if (c->n[i] == t->n[i])
			continue;
		buf_printf(b, _("%s: %s: the AWS tool counts %u, wafr %u\n"),
		    pillar, risk_names[i], c->n[i], t->n[i]);
		n++;
	}
	free(pillar);
	return n;
}

char *
aws_printable(const char *s)
{
	struct buf b = { 0 };

	buf_add_printable(&b, s, true);
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

/* --- The text of an export, before it is parsed -------------------------- */

/* The length of an escape of NUL at p (a backslash), or 0: "\0", "\x00",
 * "\u0000" or "\U00000000". */
static size_t
nul_escape(const char *p, size_t left)
{
	size_t n;

	if (left < 2)
		return 0;
	switch (p[1]) {
	case '0':
		return 2;
	case 'x':
		n = 2;
		break;
	case 'u':
		n = 4;
		break;
	case 'U':
		n = 8;
		break;
	default:
		return 0;
	}
	if (left < 2 + n)
		return 0;
	for (size_t k = 0; k < n; k++) {
		if (p[2 + k] != '0')
			return 0;
	}
	return 2 + n;
}

static int
nul_found(int line, const char *key, bool is_key, char **cause)
{
	char	*k = key != NULL ? str_printable(key) : NULL;
	int	 r;

	/* TRANSLATORS: "line 4: Notes holds a NUL character (\u0000)...". */
	r = fail(cause, _("line %d: %s holds a NUL character (\\u0000), which "
	    "wafr cannot keep"), line, is_key ? _("a key") :
	    k != NULL ? k : _("a string"));
	free(k);
	return r;
}

int
aws_prepare(const char *data, size_t size, struct buf *out, char **cause)
{
	enum { OUT, DQ, SQ }	  state = OUT;
	char			**stack = NULL, *key = NULL;
	size_t			  depth = 0, cap = 0, start = 0, k, j;
	int			  line = 1, nul = 0, r = -1;
	unsigned char		  prev = '\n';

	buf_adds(out, "");
	for (size_t i = 0; i < size; i++) {
		unsigned char c = (unsigned char)data[i];

		if (c == '\0') {
			fail(cause, _("line %d: the file holds a NUL byte"),
			    line);
			goto done;
		}
		if (c == '\n' || (c == '\r' && (i + 1 == size ||
		    data[i + 1] != '\n')))
			line++;
		if (state == SQ) {
			if (c == '\'' && i + 1 < size && data[i + 1] == '\'')
				buf_addc(out, data[i++]);
			else if (c == '\'')
				state = OUT;
			buf_addc(out, (char)c);
			continue;
		}
		if (state == OUT) {
			/* A quote opens a string only where a token starts:
			 * in YAML, a plain scalar may hold one. */
			if ((c == '"' || c == '\'') &&
			    strchr(" \t\r\n[{,:", prev) != NULL) {
				state = c == '"' ? DQ : SQ;
				start = i + 1;
				nul = 0;
			} else if (c == '#' && strchr(" \t\r\n", prev) != NULL) {
				/* A comment, to the end of the line. */
				while (i + 1 < size && data[i + 1] != '\n' &&
				    data[i + 1] != '\r' && data[i + 1] != '\0')
					buf_addc(out, data[i++]);
				c = (unsigned char)data[i];
			} else if (c == '{' || c == '[') {
				/* The items of a list are named by its key. */
				*ARRAY_PUSH(stack, depth, cap) = key != NULL ?
				    xstrdup(key) : NULL;
				if (c == '{') {
					free(key);
					key = NULL;
				}
			} else if ((c == '}' || c == ']') && depth > 0) {
				free(key);
				key = stack[--depth];
			}
			buf_addc(out, (char)c);
			prev = c;
			continue;
		}
		/* In a double-quoted string. */
		if (c == '\\') {
			if ((k = nul_escape(data + i, size - i)) > 0) {
				if (nul == 0)
					nul = line;
			} else if (i + 1 < size) {
				k = 2;
				if (data[i + 1] == '\n')
					line++;		/* an escaped break */
			} else
				k = 1;
			buf_add(out, data + i, k);
			i += k - 1;
		} else if (c == '"') {
			buf_addc(out, (char)c);
			state = OUT;
			prev = c;
			for (j = i + 1; j < size && strchr(" \t\r\n",
			    data[j]) != NULL && data[j] != '\0'; j++)
				;
			if (j < size && data[j] == ':') {
				if (nul != 0) {
					nul_found(nul, NULL, true, cause);
					goto done;
				}
				free(key);
				key = xstrndup(data + start, i - start);
			} else if (nul != 0) {
				nul_found(nul, key, false, cause);
				goto done;
			}
		} else if (c == 0xe2 && i + 2 < size &&
		    (unsigned char)data[i + 1] == 0x80 &&
		    ((unsigned char)data[i + 2] == 0xa8 ||
		    (unsigned char)data[i + 2] == 0xa9)) {
			/* Raw, a line separator would be folded with the
			 * spaces around it; escaped, it is kept as it is. */
			buf_adds(out, (unsigned char)data[i + 2] == 0xa8 ?
			    "\\u2028" : "\\u2029");
			i += 2;
		} else if (c == 0xc2 && i + 1 < size &&
		    (unsigned char)data[i + 1] == 0x85) {
			buf_adds(out, "\\u0085");	/* NEL, a break too */
			i++;
		} else
			buf_addc(out, (char)c);
	}
	r = 0;
done:
	while (depth > 0)
		free(stack[--depth]);
	free(stack);
	free(key);
	if (r != 0)
		buf_free(out);
	return r;
}

/* --- File names ------------------------------------------------------------ */

#define NAME_MAX_BYTES	200	/* with ".json", well within NAME_MAX */

static bool
name_char(char c, bool first)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
	    (c >= '0' && c <= '9') || c == '_' || c == '-' ||
	    (c == '.' && !first);
}

char *
aws_file_name(const char *id)
{
	struct buf	b = { 0 };
	size_t		n = strlen(id), i;
	uint64_t	h = 14695981039346656037ULL;	/* FNV-1a */

	for (i = 0; i < n && name_char(id[i], i == 0); i++)
		;
	if (n > 0 && i == n && n <= NAME_MAX_BYTES)
		return xstrdup(id);
	buf_adds(&b, "");
	for (i = 0; i < n; i++) {
		if (name_char(id[i], i == 0))
			buf_addc(&b, id[i]);
		else
			buf_printf(&b, "=%02X", (unsigned char)id[i]);
	}
	if (n == 0 || b.len > NAME_MAX_BYTES) {
		/* Cut where no "=XX" is split, then the hash of the id. */
		for (i = 0; i < n; i++)
			h = (h ^ (unsigned char)id[i]) * 1099511628211ULL;
		for (i = NAME_MAX_BYTES - 17; i > 0 && i < b.len &&
		    (b.s[i - 1] == '=' || (i > 1 && b.s[i - 2] == '=')); i--)
			;
		if (i < b.len)
			b.len = i;
		b.s[b.len] = '\0';
		buf_printf(&b, "=%016llx", (unsigned long long)h);
	}
	return buf_take(&b);
}

/* A JSON string, with U+2028 and U+2029 escaped: written raw, a YAML
 * reader (wafr's among them) takes them for line breaks and drops the
 * spaces next to them; JavaScript before ES2019 refuses them. */
static void
json_text(struct buf *b, const char *s)
{
	struct buf	raw = { 0 };
	size_t		i;

	json_string(&raw, s);
	for (i = 0; i < raw.len; i++) {
		if ((unsigned char)raw.s[i] == 0xe2 && i + 2 < raw.len &&
		    (unsigned char)raw.s[i + 1] == 0x80 &&
		    ((unsigned char)raw.s[i + 2] == 0xa8 ||
		    (unsigned char)raw.s[i + 2] == 0xa9)) {
			buf_adds(b, (unsigned char)raw.s[i + 2] == 0xa8 ?
			    "\\u2028" : "\\u2029");
			i += 2;
		} else
			buf_addc(b, raw.s[i]);
	}
	buf_free(&raw);
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
	json_text(&b, workload != NULL ? workload :
	    AWS_WORKLOAD_PLACEHOLDER);
	buf_adds(&b, ",\n  \"LensAlias\": ");
	json_text(&b, alias);
	buf_adds(&b, ",\n  \"QuestionId\": ");
	json_text(&b, q->id);
	buf_adds(&b, ",\n  \"SelectedChoices\": [");
	for (size_t i = 0; i < q->nchoices; i++) {
		const char *id = question_choices(q)[i].id;

		if (!answer_selected(a, id) || answer_choice_na(a, id) != NULL)
			continue;
		if (!first)
			buf_adds(&b, ", ");
		first = false;
		json_text(&b, id);
	}
	buf_adds(&b, "],\n  \"ChoiceUpdates\": {");
	for (size_t i = 0; i < q->nchoices; i++) {
		const char		*id = question_choices(q)[i].id;
		const struct choice_na	*na = answer_choice_na(a, id);

		buf_adds(&b, i == 0 ? "\n    " : ",\n    ");
		json_text(&b, id);
		buf_adds(&b, ": {\"Status\": ");
		if (na != NULL) {
			buf_adds(&b, "\"NOT_APPLICABLE\", \"Reason\": ");
			json_text(&b, na->reason);
		} else
			json_text(&b, answer_selected(a, id) ? "SELECTED" :
			    "UNSELECTED");
		buf_adds(&b, "}");
	}
	buf_adds(&b, q->nchoices > 0 ? "\n  },\n  \"Notes\": " :
	    "},\n  \"Notes\": ");
	note = aws_cut_text(a->note != NULL ? a->note : "", AWS_MAX_NOTES, cut);
	json_text(&b, note);
	free(note);
	buf_printf(&b, ",\n  \"IsApplicable\": %s", a->not_applicable ?
	    "false" : "true");
	if (a->not_applicable) {
		buf_adds(&b, ",\n  \"Reason\": ");
		json_text(&b, a->reason != NULL ? a->reason : "NONE");
	}
	buf_adds(&b, "\n}\n");
	return buf_take(&b);
}
