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
		if (strlen(r->q->choices[i].id) == (size_t)(r->p - start) &&
		    strncmp(r->q->choices[i].id, start, r->p - start) == 0)
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
		on[i] = answer_selected(a, q->choices[i].id) ||
		    answer_choice_na(a, q->choices[i].id) != NULL;
		any = any || on[i];
	}
	if (!any)
		return RISK_UNANSWERED;
	for (size_t i = 0; i < q->nrules; i++) {
		struct ref r = { q->rules[i].text, q, on };

		if (strcmp(q->rules[i].text, "default") == 0 || ref_or(&r))
			return q->rules[i].risk;
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
			answer_select(a, q->choices[i].id, true);
			break;
		case 2:
			if (rnd(4) == 0)
				answer_set_choice_na(a, q->choices[i].id,
				    "OTHER");
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
				if (strcmp(q->choices[k].id,
				    cq->choices[k].id) != 0)
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
	const char	*dir = getenv("SHARED_LENSES");
	char		*sub, **names = NULL;
	DIR		*d;
	struct dirent	*e;
	size_t		 n = 0, cap = 0;

	if (dir == NULL) {
		printf("# SHARED_LENSES not set: shared lenses skipped\n");
		return;
	}
	sub = xasprintf("%s/aws-custom", dir);
	if ((d = opendir(sub)) == NULL) {
		printf("# %s absent: shared lenses skipped\n", sub);
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

int
main(void)
{
	const char *srcdir = getenv("top_srcdir");

	if (srcdir == NULL)
		srcdir = ".";
	test_mapping(srcdir);
	test_counts();
	test_export(srcdir);
	test_edge(srcdir);
	test_shared();
	lens_free(edge);
	return tap_done();
}
