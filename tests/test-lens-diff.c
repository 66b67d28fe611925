/* test-lens-diff.c: what changed between two versions of a lens, and the
 * answers carried from one to the other. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "base/diag.h"
#include "files/lens-load.h"
#include "model/lens-diff.h"
#include "tap.h"
#include "base/util.h"

static const char v1[] =
"lens: t\nversion: \"1\"\ntitle: Test\npillars:\n"
"  - id: p1\n    title: Pillar one\n    questions:\n"
"      - id: q1\n        title: Question one\n        choices:\n"
"          - {id: a, title: A, risk: high}\n"
"          - {id: b, title: B, risk: medium}\n"
"          - {id: n, title: None of these, none: true}\n"
"      - id: q2\n        title: Question two\n        choices:\n"
"          - {id: x, title: X}\n"
"          - {id: y, title: Y}\n"
"        rules:\n"
"          - {if: \"x && y\", risk: none}\n"
"          - {if: default, risk: high}\n"
"      - id: q3\n        title: Question three\n        choices:\n"
"          - {id: z, title: Z, risk: high}\n"
"  - id: p2\n    title: Pillar two\n    questions:\n"
"      - id: q4\n        title: Question four\n        choices:\n"
"          - {id: w, title: W, risk: high}\n";

/* q1: choice b deleted, a retitled; q2: a rule changed; q3 deleted; q5
 * new; q4 the same; pillar p2 retitled; pillar p3 new. */
static const char v2[] =
"lens: t\nversion: \"2\"\ntitle: Test\npillars:\n"
"  - id: p1\n    title: Pillar one\n    questions:\n"
"      - id: q1\n        title: Question one\n        choices:\n"
"          - {id: a, title: A now, risk: high}\n"
"          - {id: n, title: None of these, none: true}\n"
"      - id: q2\n        title: Question two\n        choices:\n"
"          - {id: x, title: X}\n"
"          - {id: y, title: Y}\n"
"        rules:\n"
"          - {if: \"x\", risk: none}\n"
"          - {if: default, risk: high}\n"
"      - id: q5\n        title: Question five\n        choices:\n"
"          - {id: v, title: V, risk: medium}\n"
"  - id: p2\n    title: Pillar two, renamed\n    questions:\n"
"      - id: q4\n        title: Question four\n        choices:\n"
"          - {id: w, title: W, risk: high}\n"
"  - id: p3\n    title: Pillar three\n    questions:\n"
"      - id: q6\n        title: Question six\n        choices:\n"
"          - {id: u, title: U, risk: low}\n";

static struct lens *
load(const char *text)
{
	struct diags	 d;
	struct lens	*l;

	diags_init(&d, "t.yaml");
	l = lens_load(text, strlen(text), "t", &d);
	diags_free(&d);
	if (l == NULL)
		abort();
	return l;
}

static const struct upgrade_note *
note(const struct lens_upgrade *u, const char *id)
{
	for (size_t i = 0; i < u->nnotes; i++) {
		const struct upgrade_note *n = &u->notes[i];

		if (strcmp((n->new != NULL ? n->new : n->old)->id, id) == 0)
			return n;
	}
	return NULL;
}

static void
test_diff(const struct lens *a, const struct lens *b)
{
	struct lens_diff		 d;
	const struct question_diff	*qd;

	lens_diff(a, a, &d);
	ok(lens_diff_empty(&d), "a lens against itself: no change");
	lens_diff_free(&d);

	lens_diff(a, b, &d);
	ok(d.changes == LDIFF_VERSION, "the version changed, not the title");
	is_int(d.count_questions[LDIFF_NEW], 2, "two questions are new");
	is_int(d.count_questions[LDIFF_UPDATED], 2, "two are updated");
	is_int(d.count_questions[LDIFF_DELETED], 1, "one is deleted");
	is_int(d.count_choices[LDIFF_DELETED], 1, "one choice is deleted");
	is_int(d.count_choices[LDIFF_UPDATED], 1, "one choice is updated");
	is_int(d.count_pillars[LDIFF_NEW], 1, "one pillar is new");
	is_int(d.count_pillars[LDIFF_UPDATED], 2, "two have changes");
	ok(lens_diff_question(&d, "q4") == NULL, "an unchanged question is "
	    "not listed");
	qd = lens_diff_question(&d, "q2");
	ok(qd != NULL && qd->status == LDIFF_UPDATED &&
	    qd->changes == LDIFF_RULES, "a changed rule is the only change "
	    "of q2");
	qd = lens_diff_question(&d, "q1");
	ok(qd != NULL && (qd->changes & LDIFF_CHOICES) &&
	    (qd->changes & LDIFF_RULES) && qd->nchoices == 2, "q1: choices "
	    "changed, and with them its default rule");
	ok(qd != NULL && qd->choices[0].status == LDIFF_UPDATED &&
	    qd->choices[0].changes == LDIFF_TITLE &&
	    qd->choices[1].status == LDIFF_DELETED &&
	    strcmp(qd->choices[1].old->id, "b") == 0, "a retitled, b deleted");
	qd = lens_diff_question(&d, "q3");
	ok(qd != NULL && qd->status == LDIFF_DELETED, "q3 is deleted");
	ok(d.npillars == 3 && d.pillars[1].changes == LDIFF_TITLE &&
	    d.pillars[1].nquestions == 0, "p2: only its title changed");
	ok(d.pillars[2].status == LDIFF_NEW && d.pillars[2].nquestions == 1,
	    "p3 is new, with its question");
	lens_diff_free(&d);

	lens_diff(b, a, &d);
	is_int(d.count_questions[LDIFF_DELETED], 2, "the other way round, "
	    "two are deleted");
	is_int(d.count_pillars[LDIFF_DELETED], 1, "and a pillar");
	lens_diff_free(&d);
}

static void
test_upgrade(const struct lens *a, const struct lens *b)
{
	struct answer			*old = xcalloc(a->nquestions,
					    sizeof *old);
	struct lens_diff		 d;
	struct lens_upgrade		 u;
	const struct upgrade_note	*n;
	const struct question		*q;
	const char			*names[8];
	unsigned			 bits;

	for (size_t i = 0; i < a->nquestions; i++)
		answer_init(&old[i]);
	q = lens_question(a, "q1");
	answer_select(&old[q->index], "b", true);
	answer_select(&old[q->index], "a", true);
	answer_set_note(&old[q->index], "Alarms by mail.");
	answer_add_evidence(&old[q->index], "runbook.md");
	q = lens_question(a, "q2");
	answer_select(&old[q->index], "x", true);
	q = lens_question(a, "q3");
	answer_set_note(&old[q->index], "Nobody knows.");
	q = lens_question(a, "q4");
	answer_select(&old[q->index], "w", true);

	lens_diff(a, b, &d);
	lens_upgrade_plan(&d, old, &u);
	q = lens_question(b, "q1");
	ok(u.answers[q->index].nselected == 1 &&
	    strcmp(u.answers[q->index].selected[0], "a") == 0, "q1 keeps a, "
	    "loses b");
	is_str(u.answers[q->index].note, "Alarms by mail.", "and keeps its "
	    "note");
	ok(u.answers[q->index].nevidence == 1, "and its evidence");
	n = note(&u, "q1");
	ok(n != NULL && n->nlost == 1 && strcmp(n->lost[0], "b") == 0,
	    "the selected choice deleted is named");
	ok(n != NULL && n->reasons == (RECONFIRM_CHOICE_DELETED |
	    RECONFIRM_CHOICE_CHANGED | RECONFIRM_RULES), "q1 is to re-confirm: "
	    "choice deleted, selected choice retitled, default rule changed");
	n = note(&u, "q2");
	ok(n != NULL && n->reasons == RECONFIRM_RULES, "q2: the rule changed");
	n = note(&u, "q5");
	ok(n != NULL && n->reasons == RECONFIRM_NEW_QUESTION && n->old == NULL,
	    "q5 is new");
	n = note(&u, "q3");
	ok(n != NULL && n->new == NULL && n->lost_answer && n->reasons == 0,
	    "q3 was deleted with its answer: named, not to re-confirm");
	ok(note(&u, "q4") == NULL, "q4 is carried, nothing to say");
	q = lens_question(b, "q4");
	ok(answer_selected(&u.answers[q->index], "w"), "with its answer");
	is_int(u.nreconfirm, 4, "four to re-confirm (q1, q2, q5, q6)");
	is_int(u.nlost, 2, "two things lost (q1's b and q3's answer)");
	ok(u.notes[u.nnotes - 1].new == NULL, "deleted questions come last");

	ok(reconfirm_reason_names(RECONFIRM_RULES | RECONFIRM_NEW_QUESTION,
	    names, nitems(names)) == 2 && strcmp(names[0], "new-question")
	    == 0 && strcmp(names[1], "rules") == 0, "reasons have names");
	ok(reconfirm_parse("new-question,rules", &bits) == 0 && bits ==
	    (RECONFIRM_RULES | RECONFIRM_NEW_QUESTION), "and read back");
	ok(reconfirm_parse("rules,bogus", &bits) == -1, "an unknown reason "
	    "is refused");
	lens_upgrade_free(&d, &u);
	lens_diff_free(&d);
	for (size_t i = 0; i < a->nquestions; i++)
		answer_free(&old[i]);
	free(old);
}

int
main(void)
{
	struct lens *a = load(v1), *b = load(v2);

	test_diff(a, b);
	test_upgrade(a, b);
	lens_free(a);
	lens_free(b);
	return tap_done();
}
