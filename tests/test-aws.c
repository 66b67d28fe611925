/* test-aws.c: the AWS Well-Architected Tool mapping, and risk under the
 * riskRules of real and hand-made AWS custom lenses. */
#include "config.h"

#include <dirent.h>
#include <stdlib.h>
#include <string.h>

#include "report/aws.h"
#include "files/lens-emit.h"
#include "files/lens-load.h"
#include "model/risk.h"
#include "tap.h"
#include "base/util.h"
#include "files/yval-parse.h"

/* --- An independent reading of the riskRules semantics ------------------
 * A condition is evaluated on the set of choices in place (selected, or
 * marked not applicable); the first rule that matches gives the risk;
 * "default" always matches; where nothing matches, the risk is NONE. */

struct ref {
	const char	*p;
	const struct question *q;
	const bool	*on;
};

static bool ref_or(struct ref *);

static void
ref_space(struct ref *r)
{
	while (*r->p == ' ' || *r->p == '\t' || *r->p == '\n')
		r->p++;
}

static bool
ref_unary(struct ref *r)
{
	const char	*start;
	bool		 v = false;

	ref_space(r);
	if (*r->p == '!') {
		r->p++;
		return !ref_unary(r);
	}
	if (*r->p == '(') {
		r->p++;
		v = ref_or(r);
		ref_space(r);
		r->p++;		/* ")" */
		return v;
	}
	start = r->p;
	while (*r->p != '\0' && strchr(" \t\n()&|!", *r->p) == NULL)
		r->p++;
	for (size_t i = 0; i < r->q->nchoices; i++) {
		const char *id = question_choices(r->q)[i].id;

		if (strlen(id) == (size_t)(r->p - start) &&
		    strncmp(id, start, r->p - start) == 0)
			v = r->on[i];
	}
	return v;
}

static bool
ref_and(struct ref *r)
{
	bool v = ref_unary(r);

	for (;;) {
		ref_space(r);
		if (strncmp(r->p, "&&", 2) != 0)
			return v;
		r->p += 2;
		v = ref_unary(r) && v;
	}
}

static bool
ref_or(struct ref *r)
{
	bool v = ref_and(r);

	for (;;) {
		ref_space(r);
		if (strncmp(r->p, "||", 2) != 0)
			return v;
		r->p += 2;
		v = ref_and(r) || v;
	}
}

static enum risk
ref_risk(const struct question *q, const struct answer *a)
{
	bool	on[64] = { 0 }, any = false;

	if (a->not_applicable)
		return RISK_NOT_APPLICABLE;
	for (size_t i = 0; i < q->nchoices && i < 64; i++) {
		on[i] = answer_selected(a, question_choices(q)[i].id) ||
		    answer_choice_na(a, question_choices(q)[i].id) != NULL;
		any = any || on[i];
	}
	if (!any)
		return RISK_UNANSWERED;
	for (size_t i = 0; i < q->nrules; i++) {
		const struct rule	*ru = &question_rules(q)[i];
		struct ref		 r = { ru->text, q, on };

		if (strcmp(ru->text, "default") == 0 || ref_or(&r))
			return ru->risk;
	}
	return RISK_NONE;
}

/* A deterministic generator: the same answers on every run. */
static unsigned long seed = 12345;

static unsigned
rnd(unsigned n)
{
	seed = seed * 6364136223846793005UL + 1442695040888963407UL;
	return (unsigned)(seed >> 33) % n;
}

static void
random_answer(const struct question *q, struct answer *a)
{
	answer_init(a);
	if (rnd(12) == 0) {
		a->not_applicable = true;
		a->reason = xstrdup("OUT_OF_SCOPE");
		return;
	}
	for (size_t i = 0; i < q->nchoices; i++) {
		switch (rnd(5)) {
		case 0:
		case 1:
			answer_select(a, question_choices(q)[i].id, true);
			break;
		case 2:
			if (rnd(4) == 0)
				answer_set_choice_na(a,
				    question_choices(q)[i].id, "OTHER");
			break;
		}
	}
}

static struct lens *
load(const char *path)
{
	struct diags	 d;
	struct lens	*l;

	diags_init(&d, path);
	l = lens_load_file(path, &d);
	if (l == NULL)
		diags_print(&d, stdout);
	diags_free(&d);
	return l;
}

static struct lens *
convert(const struct lens *l)
{
	struct buf	 b = { 0 };
	struct diags	 d;
	struct lens	*c = NULL;
	char		*cause = NULL;

	if (lens_emit_yaml(l, &b, &cause) != 0) {
		printf("# %s\n", cause);
		free(cause);
		return NULL;
	}
	diags_init(&d, "converted");
	c = lens_load(b.s, b.len, "converted", &d);
	if (c == NULL)
		diags_print(&d, stdout);
	diags_free(&d);
	buf_free(&b);
	return c;
}

/* Every question of a lens, 40 random answers each: the engine agrees with
 * the reference, and the converted lens with the original. */
static void
check_lens(const char *path)
{
	struct lens	*l = load(path), *c;
	unsigned	 tried = 0, wrong = 0, conv_wrong = 0, ids_wrong = 0;
	unsigned	 by[RISK_COUNT] = { 0 };

	ok(l != NULL, "%s loads", path);
	if (l == NULL)
		return;
	c = convert(l);
	ok(c != NULL, "%s converts to YAML that loads", path);
	for (size_t i = 0; i < l->npillars; i++) {
		const struct pillar *p = &l->pillars[i];

		if (c == NULL || i >= c->npillars ||
		    strcmp(p->id, c->pillars[i].id) != 0 ||
		    p->nquestions != c->pillars[i].nquestions)
			ids_wrong++;
		for (size_t j = 0; j < p->nquestions; j++) {
			const struct question *q = &p->questions[j];
			const struct question *cq = c != NULL ?
			    lens_question(c, q->id) : NULL;

			if (cq == NULL || cq->nchoices != q->nchoices ||
			    cq->nrules != q->nrules)
				ids_wrong++;
			for (size_t k = 0; cq != NULL && k < q->nchoices &&
			    k < cq->nchoices; k++) {
				if (strcmp(question_choices(q)[k].id,
				    question_choices(cq)[k].id) != 0)
					ids_wrong++;
			}
			for (int n = 0; n < 40; n++) {
				struct answer	a;
				enum risk	r;

				random_answer(q, &a);
				r = question_risk(q, &a);
				tried++;
				by[r]++;
				if (r != ref_risk(q, &a))
					wrong++;
				if (cq != NULL && question_risk(cq, &a) != r)
					conv_wrong++;
				answer_free(&a);
			}
		}
	}
	is_int(wrong, 0, "%s: %u answers, every risk as the riskRules say "
	    "(high %u, medium %u, none %u)", path, tried, by[RISK_HIGH],
	    by[RISK_MEDIUM], by[RISK_NONE]);
	is_int(ids_wrong, 0, "%s: the converted lens has the same ids", path);
	is_int(conv_wrong, 0, "%s: the converted lens gives the same risks",
	    path);
	lens_free(c);
	lens_free(l);
}

static int
by_name(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static void
test_shared(void)
{
	const char	*top = getenv("top_srcdir");
	char		*sub, **names = NULL;
	DIR		*d;
	struct dirent	*e;
	size_t		 n = 0, cap = 0;

	/* Real AWS custom lenses (MIT-0), kept in tests/lenses/aws/. */
	sub = xasprintf("%s/tests/lenses/aws", top != NULL ? top : ".");
	if ((d = opendir(sub)) == NULL) {
		ok(0, "%s: the AWS custom lenses are there", sub);
		free(sub);
		return;
	}
	while ((e = readdir(d)) != NULL) {
		if (str_ends_with(e->d_name, ".json"))
			*ARRAY_PUSH(names, n, cap) = path_join(sub, e->d_name);
	}
	closedir(d);
	free(sub);
	/* Sorted, so the generated answers are the same everywhere. */
	qsort(names, n, sizeof *names, by_name);
	for (size_t i = 0; i < n; i++) {
		check_lens(names[i]);
		free(names[i]);
	}
	free(names);
	ok(n > 0, "%zu shared AWS custom lenses tried", n);
}

static struct lens *edge;

static void
test_edge(const char *srcdir)
{
	char			*path = xasprintf("%s/tests/aws/edge-lens.json",
				    srcdir);
	const struct question	*q, *nd;
	const struct choice	*c;
	struct answer		 a;
	struct lens		*conv;
	struct buf		 b = { 0 };
	char			*cause = NULL;

	check_lens(path);
	edge = load(path);
	free(path);
	if (edge == NULL)
		return;
	q = lens_question(edge, "res_backup");
	nd = lens_question(edge, "res_nodefault");
	ok(q != NULL && nd != NULL, "the edge lens has its questions");
	if (q == NULL || nd == NULL)
		return;

	answer_init(&a);
	answer_select(&a, "res_backup_offsite", true);
	answer_select(&a, "res_backup_tested", true);
	is_str(risk_name(question_risk(q, &a)), risk_name(RISK_NONE),
	    "parentheses and negation: (auto || offsite) && !(no || !tested)");
	answer_select(&a, "res_backup_tested", false);
	is_str(risk_name(question_risk(q, &a)), risk_name(RISK_MEDIUM),
	    "without tests, medium");
	answer_free(&a);
	answer_init(&a);
	answer_select(&a, "res_backup_no", true);
	is_str(risk_name(question_risk(q, &a)), risk_name(RISK_HIGH),
	    "None of these: the default rule, high");
	answer_free(&a);

	answer_init(&a);
	answer_select(&a, "res_nd_a", true);
	answer_select(&a, "res_nd_b", true);
	is_str(risk_name(question_risk(nd, &a)), risk_name(RISK_NONE),
	    "no rule matches and there is no default: no risk");
	answer_select(&a, "res_nd_b", false);
	is_str(risk_name(question_risk(nd, &a)), risk_name(RISK_MEDIUM),
	    "the second rule matches");
	answer_free(&a);

	c = question_choice(q, "res_backup_auto");
	ok(c != NULL && yval_get(c->extra, "additionalResources") != NULL,
	    "additional resources are kept with the choice");
	ok(yval_get(edge->extra, "_owner") != NULL,
	    "the lens author's own fields are kept");
	ok(yval_get(q->extra, "helpfulResource") != NULL,
	    "a question's helpful resource text is kept");

	if (lens_emit_yaml(edge, &b, &cause) != 0) {
		ok(0, "convert: %s", cause);
		free(cause);
		return;
	}
	ok(strstr(b.s, "additionalResources:") != NULL &&
	    strstr(b.s, "https://example.org/zweite") != NULL,
	    "the YAML form holds the additional resources");
	ok(strstr(b.s, "Résilience ☂") != NULL, "unicode is written as is");
	{
		struct diags d;

		diags_init(&d, "edge.yaml");
		conv = lens_load(b.s, b.len, "edge", &d);
		diags_free(&d);
	}
	ok(conv != NULL && yval_equal(
	    question_choice(lens_question(conv, "res_backup"),
	    "res_backup_auto")->extra, c->extra),
	    "loading the YAML form gives the same kept fields");
	if (conv != NULL) {
		struct buf b2 = { 0 };

		ok(lens_emit_yaml(conv, &b2, &cause) == 0 &&
		    strcmp(b.s, b2.s) == 0,
		    "converting the converted lens changes nothing");
		buf_free(&b2);
	}
	lens_free(conv);
	buf_free(&b);
}

static struct lens *
framework(const char *srcdir)
{
	char		*path = xasprintf("%s/data/lenses/wellarchitected.yaml",
			    srcdir);
	struct lens	*l = load(path);

	free(path);
	return l;
}

static const char list_answers[] =
"{\"WorkloadId\": \"w1\", \"LensAlias\": \"wellarchitected\",\n"
" \"AnswerSummaries\": [\n"
"  {\"QuestionId\": \"priorities\", \"PillarId\": \"operationalExcellence\",\n"
"   \"SelectedChoices\": [\"ops_priorities_eval_tradeoffs\",\n"
"     \"ops_priorities_ext_cust_needs\"],\n"
"   \"ChoiceAnswerSummaries\": [\n"
"     {\"ChoiceId\": \"ops_priorities_governance_reqs\", \"Status\":\n"
"      \"NOT_APPLICABLE\", \"Reason\": \"OUT_OF_SCOPE\"},\n"
"     {\"ChoiceId\": \"ops_priorities_no\", \"Status\": \"UNSELECTED\"}],\n"
"   \"IsApplicable\": true, \"Risk\": \"HIGH\"},\n"
"  {\"QuestionId\": \"ops-model\", \"PillarId\": \"operationalExcellence\",\n"
"   \"SelectedChoices\": [], \"IsApplicable\": false,\n"
"   \"Reason\": \"ARCHITECTURE_CONSTRAINTS\", \"Risk\": \"NOT_APPLICABLE\"},\n"
"  {\"QuestionId\": \"nope\", \"SelectedChoices\": [\"x\"]},\n"
"  {\"QuestionId\": \"org-culture\", \"SelectedChoices\": [\"bogus\"]}\n"
" ]}\n";

static void
test_mapping(const char *srcdir)
{
	struct lens		*l = framework(srcdir);
	struct yval		*v;
	struct aws_export	 x = { 0 };
	struct answer		 a, old;
	const struct question	*q;
	struct buf		 problems = { 0 };
	char			*cause = NULL, *id;
	enum risk		 r;

	ok(l != NULL, "the framework lens loads");
	if (l == NULL)
		return;
	ok(yval_parse(list_answers, strlen(list_answers), &v, &cause) == 0,
	    "list-answers JSON parses");
	ok(aws_read(v, &x, &cause) == 0, "list-answers is read");
	yval_free(v);
	is_int(x.nanswers, 4, "four answers");
	is_str(x.lens_alias, "wellarchitected", "the lens alias");
	is_str(x.workload, "w1", "the workload id");

	answer_init(&old);
	answer_add_evidence(&old, "runbook.pdf");
	is_int(aws_map_answer(l, &x.answers[0], &old, &a, &q, &problems), 0,
	    "priorities maps");
	is_int(a.nselected, 2, "two choices selected");
	is_str(a.nselected > 0 ? a.selected[0] : NULL,
	    "ops_priorities_ext_cust_needs", "in lens order");
	ok(answer_choice_na(&a, "ops_priorities_governance_reqs") != NULL &&
	    streq(answer_choice_na(&a, "ops_priorities_governance_reqs")->reason,
	    "OUT_OF_SCOPE"), "a choice not applicable, with its reason");
	is_int(a.nevidence, 1, "evidence wafr holds is kept");
	r = question_risk(q, &a);
	is_str(aws_risk_name(r), "HIGH", "the risk equals the AWS tool's");
	answer_free(&a);
	answer_free(&old);

	aws_map_answer(l, &x.answers[1], NULL, &a, &q, &problems);
	ok(a.not_applicable && streq(a.reason, "ARCHITECTURE_CONSTRAINTS"),
	    "a question that does not apply, with its reason");
	is_str(aws_risk_name(question_risk(q, &a)), "NOT_APPLICABLE",
	    "not applicable");
	answer_free(&a);

	is_int(aws_map_answer(l, &x.answers[2], NULL, &a, &q, &problems), 1,
	    "an unknown question is one problem");
	ok(q == NULL, "and no question");
	answer_free(&a);
	is_int(aws_map_answer(l, &x.answers[3], NULL, &a, &q, &problems), 1,
	    "an unknown choice is one problem");
	answer_free(&a);
	ok(strstr(problems.s, "\"nope\"") != NULL &&
	    strstr(problems.s, "\"bogus\"") != NULL,
	    "the problems name the ids");
	buf_free(&problems);
	aws_export_free(&x);

	id = aws_lens_id("arn:aws:wellarchitected:us-east-1::lens/serverless");
	is_str(id, "serverless", "an ARN names its lens");
	free(id);
	id = aws_lens_id("wellarchitected");
	is_str(id, "wellarchitected", "an alias names itself");
	free(id);
	for (int i = 0; i < RISK_COUNT; i++) {
		ok(aws_risk_parse(aws_risk_name((enum risk)i), &r) == 0 &&
		    r == (enum risk)i, "risk %s reads back", aws_risk_name(r));
	}
	lens_free(l);
}

static void
test_counts(void)
{
	struct aws_counts	c = { .pillar = (char *)"security" };
	struct tally		t = { 0 };
	struct buf		b = { 0 };

	c.n[RISK_HIGH] = 2;
	c.n[RISK_UNANSWERED] = 9;
	t.n[RISK_HIGH] = 2;
	t.n[RISK_UNANSWERED] = 9;
	is_int(aws_compare_counts(&c, &t, &b), 0, "equal counts");
	t.n[RISK_MEDIUM] = 1;
	is_int(aws_compare_counts(&c, &t, &b), 1, "one difference");
	ok(b.s != NULL && strstr(b.s, "security: MEDIUM") != NULL,
	    "the difference names pillar and risk");
	buf_free(&b);
}

static void
test_export(const char *srcdir)
{
	struct lens		*l = framework(srcdir);
	const struct question	*q;
	struct answer		 a;
	struct yval		*v = NULL;
	struct buf		 long_note = { 0 };
	char			*json, *cause = NULL, *cut;
	const char		*notes;
	bool			 wascut;
	size_t			 chars = 0;

	if (l == NULL)
		return;
	q = lens_question(l, "priorities");
	answer_init(&a);
	answer_select(&a, "ops_priorities_ext_cust_needs", true);
	answer_set_choice_na(&a, "ops_priorities_eval_tradeoffs",
	    "BUSINESS_PRIORITIES");
	for (int i = 0; i < 1500; i++)
		buf_adds(&long_note, "é");	/* 2 bytes, 1 character */
	for (int i = 0; i < 1500; i++)
		buf_adds(&long_note, "x");
	answer_set_note(&a, long_note.s);
	json = aws_update_input(q, &a, "wellarchitected", NULL, &wascut);
	ok(wascut, "a note over 2084 characters is cut");
	ok(yval_parse(json, strlen(json), &v, &cause) == 0,
	    "update-answer input parses");
	is_str(yval_get_str(v, "WorkloadId"), AWS_WORKLOAD_PLACEHOLDER,
	    "the workload is a placeholder");
	is_str(yval_get_str(v, "QuestionId"), "priorities", "the question");
	is_str(yval_str(yval_get(v, "SelectedChoices")->v[0]),
	    "ops_priorities_ext_cust_needs", "the selected choice");
	is_str(yval_get_str(yval_get(yval_get(v, "ChoiceUpdates"),
	    "ops_priorities_eval_tradeoffs"), "Reason"), "BUSINESS_PRIORITIES",
	    "a choice not applicable, with its reason");
	is_int(yval_get_bool(v, "IsApplicable"), 1, "applicable");
	notes = yval_get_str(v, "Notes");
	for (const char *p = notes; p != NULL && *p != '\0'; p++)
		chars += ((unsigned char)*p & 0xc0) != 0x80;
	ok(chars <= AWS_MAX_NOTES && chars > AWS_MAX_NOTES - 40,
	    "the cut note is %zu characters, within the limit", chars);
	ok(notes != NULL && strstr(notes, "cut") != NULL,
	    "the cut is marked visibly");
	yval_free(v);
	free(json);
	cut = aws_cut_text("short", 10, &wascut);
	ok(!wascut && streq(cut, "short"), "a short text is not cut");
	free(cut);
	buf_free(&long_note);
	answer_free(&a);
	lens_free(l);
}

/* Read one text as import does; the cause, or NULL when it is read. */
static char *
read_text(const char *text, struct aws_export *x)
{
	struct buf	 b = { 0 };
	struct yval	*v = NULL;
	char		*cause = NULL;

	if (aws_prepare(text, strlen(text), &b, &cause) == 0 &&
	    yval_parse(b.s, b.len, &v, &cause) == 0 &&
	    aws_read(v, x, &cause) == 0)
		cause = NULL;
	yval_free(v);
	buf_free(&b);
	return cause;
}

/* A field of the wrong type refuses the file, naming the field and its
 * line; it is never read as absent (that cleared the answer). */
static void
test_types(void)
{
	static const struct {
		const char *json, *want, *what;
	} bad[] = {
		{ "{\"LensAlias\": \"wellarchitected\", \"AnswerSummaries\": [\n"
		  "{\"QuestionId\": \"priorities\",\n\"Notes\": {\"a\": 1}}]}",
		  "line 3: Notes is an object, not a string", "Notes an object" },
		{ "{\"AnswerSummaries\": [{\"QuestionId\": \"priorities\",\n"
		  "\"SelectedChoices\": \"ops_priorities_no\"}]}",
		  "line 2: SelectedChoices is a string, not a list",
		  "SelectedChoices a string" },
		{ "{\"AnswerSummaries\": [{\"QuestionId\": \"priorities\",\n"
		  "\"SelectedChoices\": [\"a\",\n 7]}]}",
		  "line 3: an item of SelectedChoices is a number, not a string",
		  "a number among SelectedChoices" },
		{ "{\"Answer\": {\"QuestionId\": \"priorities\",\n"
		  "\"ChoiceAnswers\": {\"ChoiceId\": \"x\"}}}",
		  "line 2: ChoiceAnswers is an object, not a list",
		  "ChoiceAnswers not a list" },
		{ "{\"AnswerSummaries\": [{\"QuestionId\": \"priorities\",\n"
		  "\"ChoiceAnswerSummaries\": [\n{\"ChoiceId\": \"x\",\n"
		  "\"Status\": [\"SELECTED\"]}]}]}",
		  "line 4: Status is a list, not a string",
		  "a choice's Status a list" },
		{ "{\"AnswerSummaries\": [{\"QuestionId\": \"priorities\",\n"
		  "\"ChoiceAnswers\": [{\"Status\": \"SELECTED\"}]}]}",
		  "line 2: a choice without ChoiceId", "a choice without its id" },
		{ "{\"QuestionId\": \"priorities\", \"ChoiceUpdates\": {\n"
		  "\"x\": \"SELECTED\"}}",
		  "line 2: ChoiceUpdates \"x\" is a string, not an object",
		  "an update not an object" },
		{ "{\"AnswerSummaries\": [{\"QuestionId\": \"priorities\",\n"
		  "\"IsApplicable\": \"false\"}]}",
		  "line 2: IsApplicable is a string, not a boolean",
		  "IsApplicable a string" },
		{ "{\"AnswerSummaries\": [{\"QuestionId\": 12}]}",
		  "line 1: QuestionId is a number, not a string",
		  "QuestionId a number" },
		{ "{\"AnswerSummaries\": [\"priorities\"]}",
		  "line 1: an answer is a string, not an object",
		  "an answer not an object" },
		{ "{\"LensAlias\": [\"wellarchitected\"], \"AnswerSummaries\": []}",
		  "line 1: LensAlias is a list, not a string",
		  "LensAlias a list" },
		{ "{\"LensReview\": {\"RiskCounts\": {\n\"HIGH\": \"2\"}}}",
		  "line 2: HIGH is a string, not a count", "a count a string" },
		{ "{\"LensReview\": {\"PillarReviewSummaries\": {}}}",
		  "line 1: PillarReviewSummaries is an object, not a list",
		  "PillarReviewSummaries not a list" },
		{ "{\"Answer\": \"priorities\"}",
		  "line 1: Answer is a string, not an object",
		  "Answer not an object" },
		{ "{\"AnswerSummaries\": [{\"QuestionId\": \"priorities\",\n"
		  "\"Notes\": \"kept\\u0000lost\"}]}",
		  "line 2: Notes holds a NUL character", "a NUL in Notes" },
		{ "[{\"AnswerSummaries\": []},\n{\"AnswerSummaries\": [\n"
		  "{\"QuestionId\": \"priorities\", \"ChoiceAnswers\": [\n"
		  "{\"ChoiceId\": \"c\", \"Notes\": \"\\u0000\"}]}]}]",
		  "line 4: Notes holds a NUL character", "a NUL in a choice's Notes" },
		{ "{\"AnswerSummaries\": [{\"QuestionId\": \"priorities\",\n"
		  "\"SelectedChoices\": [\"a\\u0000\"]}]}",
		  "line 2: SelectedChoices holds a NUL character",
		  "a NUL in a choice id" },
		{ "{\"AnswerSummaries\": [{\"Question\\u0000Id\": \"x\"}]}",
		  "line 1: a key holds a NUL character", "a NUL in a key" },
		{ "Notes: \"a\\0b\"\n",
		  "line 1: a string holds a NUL character", "YAML's \\0 too" },
	};
	struct aws_export	 x = { 0 };
	char			*cause;

	for (size_t i = 0; i < nitems(bad); i++) {
		cause = read_text(bad[i].json, &x);
		ok(cause != NULL && strstr(cause, bad[i].want) != NULL,
		    "refused: %s", bad[i].what);
		if (cause == NULL || strstr(cause, bad[i].want) == NULL)
			printf("#   got: %s\n", cause != NULL ? cause : "(read)");
		is_int(x.nanswers, 0, "and nothing of it read");
		free(cause);
		aws_export_free(&x);
	}

	/* What is not refused: absent and null fields, an escaped backslash
	 * before "u0000", a '"' in a YAML plain scalar. */
	cause = read_text("{\"AnswerSummaries\": [{\"QuestionId\": \"priorities\","
	    " \"Notes\": null, \"SelectedChoices\": null, \"IsApplicable\": "
	    "null, \"Risk\": null}, {\"QuestionId\": \"q\", \"Notes\": "
	    "\"C:\\\\u0000\"}]}", &x);
	ok(cause == NULL, "null fields are absent ones%s%s", cause != NULL ?
	    ": " : "", cause != NULL ? cause : "");
	is_str(x.nanswers == 2 ? x.answers[1].notes : NULL, "C:\\u0000",
	    "a backslash before u0000 is text");
	free(cause);
	aws_export_free(&x);
	cause = read_text("AnswerSummaries:\n- QuestionId: it\"s\n"
	    "  Notes: \"a\\u2028 b\" # \"\\0\"\n", &x);
	ok(cause == NULL && x.nanswers == 1 && streq(x.answers[0].question,
	    "it\"s"), "YAML: quotes inside a plain scalar, a comment");
	free(cause);
	aws_export_free(&x);

	/* As the AWS CLI prints them, raw: the spaces around stay. */
	cause = read_text("{\"AnswerSummaries\": [{\"QuestionId\": \"q\","
	    " \"Notes\": \"a \xe2\x80\xa8 b  \xe2\x80\xa9  c \xc2\x85 d\"}]}",
	    &x);
	is_str(cause == NULL && x.nanswers == 1 ? x.answers[0].notes : cause,
	    "a \xe2\x80\xa8 b  \xe2\x80\xa9  c \xc2\x85 d",
	    "raw line separators keep the spaces next to them");
	free(cause);
	aws_export_free(&x);
}

/* Export cuts what is sent to AWS; import of it keeps wafr's whole note. */
static void
test_round_trip(const char *srcdir)
{
	struct lens		*l = framework(srcdir);
	const struct question	*q, *qq;
	struct answer		 a, back;
	struct aws_export	 x = { 0 };
	struct buf		 note = { 0 }, problems = { 0 };
	char			*json, *cause;
	bool			 cut;

	if (l == NULL)
		return;
	q = lens_question(l, "priorities");
	answer_init(&a);
	answer_select(&a, "ops_priorities_ext_cust_needs", true);
	buf_adds(&note, "a separator \xe2\x80\xa8 first\n");
	for (int i = 0; i < 2100; i++)
		buf_adds(&note, i % 100 == 99 ? "\n" : "ü");
	buf_adds(&note, " and the end");
	answer_set_note(&a, note.s);
	json = aws_update_input(q, &a, "wellarchitected", NULL, &cut);
	ok(cut, "the long note is cut in what is sent");
	ok(strstr(json, "\xe2\x80\xa8") == NULL, "U+2028 is written escaped");
	ok(strcmp(a.note, note.s) == 0, "the answer keeps its whole note");
	cause = read_text(json, &x);
	ok(cause == NULL && x.nanswers == 1, "import reads the export");
	if (x.nanswers == 1) {
		is_int(aws_map_answer(l, &x.answers[0], &a, &back, &qq,
		    &problems), 0, "and maps it");
		ok(answer_equal(&back, &a), "onto the same answer: the whole "
		    "note, not the cut one");
		answer_free(&back);
		aws_map_answer(l, &x.answers[0], NULL, &back, &qq, &problems);
		ok(back.note != NULL && strstr(back.note, "[... cut") != NULL,
		    "without a note of its own, wafr gets the cut note");
		answer_free(&back);
		/* An edit in the AWS tool is an edit. */
		free(x.answers[0].notes);
		x.answers[0].notes = xstrdup("rewritten in the AWS tool");
		aws_map_answer(l, &x.answers[0], &a, &back, &qq, &problems);
		is_str(back.note, "rewritten in the AWS tool",
		    "another note replaces wafr's");
		answer_free(&back);
	}
	free(cause);
	aws_export_free(&x);
	free(json);

	/* A short note with separators comes back exactly. */
	answer_set_note(&a, "a \xe2\x80\xa8 b  \xe2\x80\xa9  c");
	json = aws_update_input(q, &a, "wellarchitected", NULL, &cut);
	cause = read_text(json, &x);
	is_str(x.nanswers == 1 ? x.answers[0].notes : cause,
	    "a \xe2\x80\xa8 b  \xe2\x80\xa9  c",
	    "spaces next to U+2028 and U+2029 survive the round trip");
	free(cause);
	aws_export_free(&x);
	free(json);
	buf_free(&note);
	buf_free(&problems);
	answer_free(&a);
	lens_free(l);
}

static void
test_file_names(void)
{
	static const char *const ids[] = { "q+2", "q_2", "q=2B2", "q=2", ".q",
	    "=2Eq", "q 2", "q/2", "q'2", "é", "", "q.2" };
	char	*names[nitems(ids)], *n, *m;
	bool	 distinct = true, safe = true;
	struct buf long_id = { 0 };

	for (size_t i = 0; i < nitems(ids); i++) {
		names[i] = aws_file_name(ids[i]);
		for (size_t j = 0; j < i; j++)
			distinct = distinct && strcmp(names[i], names[j]) != 0;
		safe = safe && names[i][0] != '.' && names[i][0] != '\0' &&
		    strspn(names[i], "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMN"
		    "OPQRSTUVWXYZ0123456789_-.=") == strlen(names[i]);
	}
	ok(distinct, "distinct ids get distinct file names");
	ok(safe, "every name is safe in a path and between shell quotes");
	is_str(names[1], "q_2", "a safe id is its own name");
	is_str(names[11], "q.2", "a dot inside is kept");
	is_str(names[0], "q=2B2", "an id that needs it is escaped");
	n = aws_file_name("q+2");
	is_str(n, names[0], "the same name on every export");
	free(n);
	for (size_t i = 0; i < nitems(ids); i++)
		free(names[i]);

	for (int i = 0; i < 150; i++)
		buf_adds(&long_id, "ü");
	n = aws_file_name(long_id.s);
	buf_adds(&long_id, "x");
	m = aws_file_name(long_id.s);
	ok(strlen(n) <= 200 && strlen(m) <= 200 && strcmp(n, m) != 0,
	    "long ids get short names, told apart by a hash");
	free(n);
	free(m);
	buf_free(&long_id);
}

/* Ids from a file are quoted made safe: no escape, no line of their own. */
static void
test_quoting(const char *srcdir)
{
	struct lens		*l = framework(srcdir);
	struct aws_answer	 in = { 0 };
	struct aws_counts	 c = { .pillar = (char *)"p\x1b]0;title\x07" };
	struct tally		 t = { 0 };
	struct answer		 a;
	const struct question	*q;
	struct buf		 problems = { 0 };
	char			*sel = (char *)"x\x1b[2J\nwafr: forged",
				*cause = NULL;
	struct aws_export	 x = { 0 };

	if (l == NULL)
		return;
	in.question = (char *)"priorities";
	in.selected = &sel;
	in.nselected = 1;
	aws_map_answer(l, &in, NULL, &a, &q, &problems);
	answer_free(&a);
	in.question = (char *)"\x1b]0;pwned\x07";
	in.nselected = 0;
	aws_map_answer(l, &in, NULL, &a, &q, &problems);
	answer_free(&a);
	c.n[RISK_HIGH] = 1;
	aws_compare_counts(&c, &t, &problems);
	ok(problems.s != NULL && strchr(problems.s, '\x1b') == NULL &&
	    strchr(problems.s, '\x07') == NULL, "no control reaches a message");
	ok(problems.s != NULL && strstr(problems.s, "\nwafr: forged") == NULL,
	    "a newline in an id cannot start a line");
	buf_free(&problems);
	cause = read_text("[{\"LensAlias\": \"a\", \"AnswerSummaries\": []},\n"
	    "{\"LensAlias\": "
	    "\"b\\u001b]0;t\\u0007\", \"AnswerSummaries\": []}]", &x);
	ok(cause != NULL && strchr(cause, '\x1b') == NULL &&
	    strstr(cause, "two lenses") != NULL,
	    "two lenses: the ids quoted safe");
	free(cause);
	aws_export_free(&x);
	lens_free(l);
}

int
main(void)
{
	const char *srcdir = getenv("top_srcdir");

	if (srcdir == NULL)
		srcdir = ".";
	test_mapping(srcdir);
	test_counts();
	test_export(srcdir);
	test_types();
	test_round_trip(srcdir);
	test_file_names();
	test_quoting(srcdir);
	test_edge(srcdir);
	test_shared();
	lens_free(edge);
	return tap_done();
}
