/* test-risk.c: the risk engine: conditions, default rule, tallies. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "base/diag.h"
#include "files/lens-load.h"
#include "model/risk.h"
#include "tap.h"
#include "base/util.h"

/* A question with choices a, b, c (high, medium, low) and "q_no". */
static const char lens_yaml[] =
"lens: t\n"
"title: T\n"
"pillars:\n"
"  - id: p\n"
"    title: P\n"
"    questions:\n"
"      - id: q\n"
"        title: Q\n"
"        choices:\n"
"          - {id: a, title: A, risk: high}\n"
"          - {id: b, title: B, risk: medium}\n"
"          - {id: c, title: C, risk: low}\n"
"          - {id: q_no, title: None of these, none: true}\n"
"      - id: r\n"
"        title: R\n"
"        choices:\n"
"          - {id: a, title: A}\n"
"          - {id: b, title: B}\n"
"          - {id: c, title: C}\n"
"        rules:\n"
"          - {if: \"a && b && c\", risk: none}\n"
"          - {if: \"(a || b) && !c\", risk: medium}\n"
"          - {if: default, risk: high}\n"
"      - id: s\n"
"        title: S without default\n"
"        choices:\n"
"          - {id: a, title: A}\n"
"          - {id: b, title: B}\n"
"        rules:\n"
"          - {condition: \"a\", risk: HIGH_RISK}\n";

static struct lens *
load(void)
{
	struct diags	 d;
	struct lens	*l;

	diags_init(&d, "t.yaml");
	l = lens_load(lens_yaml, strlen(lens_yaml), "t", &d);
	diags_free(&d);
	return l;
}

/* The value of a condition over chosen = bits of mask (a = bit 0). */
static int
eval(const struct question *q, const char *text, unsigned mask)
{
	struct cond	 c;
	bool		 chosen[8], is_default;
	char		*cause = NULL;
	int		 r;

	if (cond_parse(text, q, &c, &is_default, &cause) != 0) {
		free(cause);
		return -1;
	}
	for (size_t i = 0; i < nitems(chosen); i++)
		chosen[i] = (mask >> i) & 1;
	r = cond_eval(&c, chosen);
	free(c.nodes);
	return r;
}

static char *
parse_error(const struct question *q, const char *text)
{
	struct cond	 c;
	bool		 is_default;
	char		*cause = NULL;

	if (cond_parse(text, q, &c, &is_default, &cause) == 0) {
		free(c.nodes);
		return NULL;
	}
	return cause;
}

static enum risk
risk_of(const struct question *q, const char *sel, const char *na)
{
	struct answer	a;
	enum risk	r;
	char		*s = xstrdup(sel), *save = NULL;

	answer_init(&a);
	for (char *t = strtok_r(s, " ", &save); t; t = strtok_r(NULL, " ", &save))
		answer_select(&a, t, true);
	free(s);
	if (na != NULL)
		answer_set_choice_na(&a, na, "OUT_OF_SCOPE");
	r = question_risk(q, &a);
	answer_free(&a);
	return r;
}

/* Each condition with its meaning in C. */
static const char *const conditions[] = {
	"a", "!a", "!!a", "a && b", "a || b", "a && b || c", "a || b && c",
	"(a || b) && c", "!(a && b)", "(!a) || (!b)", "  a&&b  ", "((a))",
	"!a && !b && !c", "(a && !b) || (!a && b)",
};

static int
truth(size_t i, int a, int b, int c)
{
	switch (i) {
	case 0: return a;
	case 1: return !a;
	case 2: return a;
	case 3: return a && b;
	case 4: return a || b;
	case 5: return (a && b) || c;
	case 6: return a || (b && c);
	case 7: return (a || b) && c;
	case 8: return !(a && b);
	case 9: return !a || !b;
	case 10: return a && b;
	case 11: return a;
	case 12: return !a && !b && !c;
	default: return a != b;
	}
}

static void
test_grammar(const struct question *q)
{
	for (size_t i = 0; i < nitems(conditions); i++) {
		int good = 1;

		for (unsigned m = 0; m < 8; m++) {
			if (eval(q, conditions[i], m) != truth(i, m & 1,
			    (m >> 1) & 1, (m >> 2) & 1))
				good = 0;
		}
		ok(good, "condition \"%s\" over all 8 assignments",
		    conditions[i]);
	}
}

static void
test_malformed(const struct question *q)
{
	static const char *bad[] = {
		"", "a &&", "&& a", "a & b", "a | b", "(a", "a)", "!", "a b",
		"unknown", "a && unknown", "()", "a || || b", "a &&& b",
	};

	for (size_t i = 0; i < nitems(bad); i++) {
		char *e = parse_error(q, bad[i]);

		ok(e != NULL, "malformed condition \"%s\" is refused: %s",
		    bad[i], e ? e : "(accepted)");
		free(e);
	}
	{
		char *e = parse_error(q, "a && nosuch");

		ok(e != NULL && strstr(e, "unknown choice \"nosuch\"") != NULL,
		    "an unknown choice is named in the error");
		free(e);
	}
	{
		struct buf b = { 0 };
		char *e;

		for (int i = 0; i < 1000; i++)
			buf_addc(&b, '(');
		buf_adds(&b, "a");
		for (int i = 0; i < 1000; i++)
			buf_addc(&b, ')');
		e = parse_error(q, b.s);
		ok(e != NULL && strstr(e, "deep") != NULL,
		    "deep nesting is refused, not a stack overflow");
		free(e);
		buf_free(&b);
	}
	ok(eval(q, "default", 0) == 1 && eval(q, " default ", 5) == 1,
	    "default always matches");
}

static void
test_default_rule(const struct question *q)
{
	struct answer a;

	is_int(question_risk(q, NULL), RISK_UNANSWERED, "no answer: unanswered");
	answer_init(&a);
	is_int(question_risk(q, &a), RISK_UNANSWERED,
	    "empty answer: unanswered");
	a.not_applicable = true;
	a.reason = xstrdup("OUT_OF_SCOPE");
	answer_select(&a, "a", true);
	is_int(question_risk(q, &a), RISK_NOT_APPLICABLE,
	    "question not applicable wins over choices");
	answer_free(&a);

	is_int(risk_of(q, "q_no", NULL), RISK_HIGH, "None of these: high");
	is_int(risk_of(q, "b c", NULL), RISK_HIGH, "high practice missing: high");
	is_int(risk_of(q, "a c", NULL), RISK_MEDIUM,
	    "medium practice missing: medium");
	is_int(risk_of(q, "a b", NULL), RISK_NONE, "low practice missing: none");
	is_int(risk_of(q, "a b c", NULL), RISK_NONE, "all practices: none");
	is_int(risk_of(q, "b c", "a"), RISK_NONE,
	    "a choice that does not apply does not count");
	is_int(risk_of(q, "", "a"), RISK_MEDIUM,
	    "choices marked not applicable count as answered");
}

static void
test_rules(const struct question *r, const struct question *s)
{
	is_int(risk_of(r, "a b c", NULL), RISK_NONE, "rules: first match (none)");
	is_int(risk_of(r, "a", NULL), RISK_MEDIUM, "rules: second rule");
	is_int(risk_of(r, "c", NULL), RISK_HIGH, "rules: default");
	is_int(risk_of(r, "a b", "c"), RISK_NONE,
	    "rules: a choice that does not apply counts as in place");
	is_int(risk_of(s, "a", NULL), RISK_HIGH, "rules without default: match");
	is_int(risk_of(s, "b", NULL), RISK_NONE,
	    "rules without default: no match is no risk");
}

static void
test_tally(void)
{
	struct tally t = { 0 }, u = { 0 };

	tally_add(&t, RISK_HIGH);
	tally_add(&t, RISK_UNANSWERED);
	tally_add(&t, RISK_NOT_APPLICABLE);
	tally_add(&u, RISK_MEDIUM);
	tally_sum(&t, &u);
	ok(t.questions == 4 && t.answered == 3 && t.n[RISK_HIGH] == 1 &&
	    t.n[RISK_MEDIUM] == 1 && t.n[RISK_UNANSWERED] == 1 &&
	    t.n[RISK_NOT_APPLICABLE] == 1, "tallies add up");
}

/* Requested evidence is matched loosely against what the answer gives. */
static void
test_evidence_given(void)
{
	struct answer a;

	answer_init(&a);
	is_int(answer_evidence_given(&a, "the KMS key policy"), -1,
	    "nothing given: nothing matches");
	answer_add_evidence(&a, "https://wiki.example.org/runbook");
	answer_add_evidence(&a, "kms-key-policy.json");
	answer_add_evidence(&a, "https://console.aws.amazon.com/cloudtrail/"
	    "home#/events?EventName=Decrypt");
	answer_add_evidence(&a, "S3 bucket policy.pdf");
	is_int(answer_evidence_given(&a, "The KMS key policy and its rotation "
	    "status"), 1, "a file named after most of the words gives it");
	is_int(answer_evidence_given(&a, "CloudTrail Decrypt events for the "
	    "last 30 days"), 2, "a console link naming the words gives it");
	is_int(answer_evidence_given(&a, "the last restore test's report"), -1,
	    "nothing about restores: not given");
	is_int(answer_evidence_given(&a, "the IAM policy of the role"), -1,
	    "one word of three in common is not enough");
	is_int(answer_evidence_given(&a, "the S3 bucket policies"), 3,
	    "two-character words with a digit count; plurals too");
	is_int(answer_evidence_given(&a, "the runbooks"), 0,
	    "a one-word request is given by that word");
	answer_free(&a);
}

int
main(void)
{
	struct lens *l = load();

	ok(l != NULL, "the test lens loads");
	if (l == NULL)
		return tap_done();
	test_grammar(lens_question(l, "q"));
	test_malformed(lens_question(l, "q"));
	test_default_rule(lens_question(l, "q"));
	test_rules(lens_question(l, "r"), lens_question(l, "s"));
	test_tally();
	test_evidence_given();
	lens_free(l);
	return tap_done();
}
