/* test-profile.c: profiles (the questions they prioritize and the counts
 * they give) and review templates (answers marked from template until
 * confirmed): the model, then the operations with undo and a rebuild from
 * the files. */
#include "config.h"

#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "base/diag.h"
#include "base/util.h"
#include "files/lens-load.h"
#include "files/profile-file.h"
#include "files/yval-parse.h"
#include "files/yval-text.h"
#include "model/plan.h"
#include "model/priority.h"
#include "model/template.h"
#include "review/ops.h"
#include "tap.h"

#define Q(id) \
"      - id: " id "\n" \
"        title: Question " id "\n" \
"        choices:\n" \
"          - {id: " id "_x, title: X, risk: high}\n" \
"          - {id: " id "_y, title: Y, risk: medium}\n" \
"          - {id: " id "_no, title: None of these, none: true}\n"

static const char lens_text[] =
"lens: t\nversion: \"1\"\ntitle: Test\npillars:\n"
"  - id: p1\n    title: Pillar one\n    questions:\n" Q("q1") Q("q2") Q("q3")
"  - id: p2\n    title: Pillar two\n    questions:\n" Q("q4") Q("q5");

static const char profile_text[] =
"profile: tp\ntitle: Test profile\nlens: t\nquestions:\n"
"  - id: who\n    title: Who?\n    choices:\n"
"      - {id: public, title: Public, prioritizes: [q2, t/q4, other/z]}\n"
"      - {id: staff, title: Staff, prioritizes: [q1]}\n"
"  - id: worries\n    title: Worries?\n    select: many\n    choices:\n"
"      - {id: outage, title: Outage, prioritizes: [q4, q5]}\n"
"      - {id: cost, title: Cost}\n";

static const char bad_text[] =
"profile: x\ntitle: X\nlens: t\nquestions:\n  - id: a\n    title: A\n"
"    choices:\n      - {id: c, title: C}\n      - {id: c, title: D}\n";

static char	tmpdir[] = "/tmp/wafr-profile.XXXXXX";

static struct state *
state_with_lens(void)
{
	struct state	*st = state_new();
	struct diags	 d;
	struct lens	*l;

	diags_init(&d, "test");
	if ((l = lens_load(lens_text, strlen(lens_text), "t", &d)) == NULL)
		exit(1);
	diags_free(&d);
	state_add_lens(st, l, "t");
	kv_set(&st->workload, "name", "Test");
	return st;
}

static struct answer *
ans(struct state *st, const char *q)
{
	return &st->answers[0][lens_question(st->lenses[0], q)->index];
}

static void
test_profile_model(void)
{
	struct state	*st = state_with_lens();
	struct tally	 t;
	struct plan	 pl;
	char		*cause = NULL;

	st->profile = profile_parse("p.yaml", profile_text,
	    strlen(profile_text), &cause);
	ok(st->profile != NULL, "a profile parses");
	is_int(st->profile->nquestions, 2, "two questions");
	ok(st->profile->questions[1].multiple, "select: many");
	ok(profile_check(st->profile, st, &cause) == 0,
	    "its rules name questions of the lens (other lenses wait)");
	is_int(state_nprioritized(st), 0, "unanswered, it prioritizes nothing");

	kv_set(&st->profile_answers, "who", "public");
	kv_set(&st->profile_answers, "worries", "outage cost");
	is_int(state_nprioritized(st), 3, "public and outage: q2, q4, q5");
	answer_select(ans(st, "q4"), "q4_no", true);
	answer_select(ans(st, "q5"), "q5_x", true);
	answer_select(ans(st, "q1"), "q1_no", true);
	state_tally_prioritized(st, -1, NULL, &t);
	is_int(t.n[RISK_HIGH], 1, "one prioritized HRI (q1's is not counted)");
	is_int(t.n[RISK_MEDIUM], 1, "one prioritized MRI");
	is_int(t.n[RISK_UNANSWERED], 1, "one prioritized question open");
	is_int(t.answered, 2, "two answered");
	state_tally_prioritized(st, 0, &st->lenses[0]->pillars[1], &t);
	is_int(t.questions, 2, "two of them in pillar two");

	/* The plan: within a pillar, the prioritized findings first. */
	answer_select(ans(st, "q3"), "q3_no", true);
	answer_select(ans(st, "q2"), "q2_no", true);
	plan_build(st, &pl);
	is_int(pl.n, 5, "five findings");
	is_str(pl.v[0].ref.q->id, "q2", "q2, prioritized, before q1 and q3");
	is_str(pl.v[1].ref.q->id, "q1", "then the others in order");
	ok(pl.v[0].prioritized && !pl.v[1].prioritized, "marked as such");
	plan_free(&pl);

	kv_set(&st->profile_answers, "who", "staff");
	is_int(state_nprioritized(st), 3, "staff and outage: q1, q4, q5");
	state_free(st);

	/* Errors name the file and line. */
	ok(profile_parse("bad.yaml", bad_text, strlen(bad_text), &cause) ==
	    NULL, "a choice given twice is refused");
	is_str(cause, "bad.yaml:9: choice \"c\" is given twice (first at line 8)",
	    "with its line");
	free(cause);
}

static void
test_template_model(void)
{
	struct state	*st = state_with_lens(), *to = state_with_lens();
	struct yval	*tree, *back;
	struct edit	 e = { .kind = EDIT_CONFIRM };
	struct edit_result er;
	char		*text, *cause = NULL;
	size_t		 size;

	answer_select(ans(st, "q1"), "q1_x", true);
	answer_set_note(ans(st, "q1"), "two\nlines");
	ans(st, "q3")->not_applicable = true;
	ans(st, "q3")->reason = xstrdup("OUT_OF_SCOPE");
	answer_add_evidence(ans(st, "q1"), "not in a template");
	tree = template_build(st, NULL);
	text = yval_text(tree, &size);
	is_str(text, "template: Test\nlenses:\n- t\nanswers:\n  t:\n    q1:\n"
	    "      selected:\n      - q1_x\n      note: |-\n        two\n"
	    "        lines\n    q3:\n      not-applicable: OUT_OF_SCOPE\n",
	    "a template: answers and notes, no evidence");
	ok(yval_parse(text, size, &back, &cause) == 0, "it reads back");
	ok(template_answers(back, "t.yaml", to->lenses, 1, to->answers,
	    &cause) == 0, "and applies");
	ok(ans(to, "q1")->from_template && ans(to, "q3")->from_template,
	    "its answers are marked from template");
	ok(answer_selected(ans(to, "q1"), "q1_x") && ans(to, "q1")->nevidence ==
	    0, "with their choices");
	is_int(state_unconfirmed(to, -1, NULL), 2, "two unconfirmed");
	edit_apply(lens_question(to->lenses[0], "q1"), ans(to, "q1"), &e, &er,
	    &cause);
	is_int(state_unconfirmed(to, -1, NULL), 1, "a confirm leaves one");
	e = (struct edit){ .kind = EDIT_NOTE, .text = "changed" };
	edit_apply(lens_question(to->lenses[0], "q3"), ans(to, "q3"), &e, &er,
	    &cause);
	is_int(state_unconfirmed(to, -1, NULL), 0, "any change confirms");
	yval_free(tree);
	yval_free(back);
	free(text);
	state_free(st);
	state_free(to);
}

/* The workspace read again: its unconfirmed answers (which 0) or its
 * prioritized questions (which 1). */
static size_t
count(const char *dir, int which)
{
	struct workspace	*ws;
	char			*cause = NULL;
	size_t			 n;

	if (workspace_open(dir, WS_READONLY, &ws, &cause) != 0)
		return 999;
	n = which == 0 ? state_unconfirmed(&ws->state, -1, NULL) :
	    state_nprioritized(&ws->state);
	workspace_close(ws);
	return n;
}

static void
test_ops(void)
{
	struct init_options	 o = { 0 };
	struct workspace	*ws;
	struct qref		 r;
	struct edit		 e = { .kind = EDIT_CONFIRM };
	char			*lens = path_join(tmpdir, "t.yaml");
	char			*prof = path_join(tmpdir, "tp.yaml");
	char			*tpl = path_join(tmpdir, "tpl.yaml");
	char			*dir = path_join(tmpdir, "w"), *kept, *cause = NULL;
	const char		*specs[] = { lens }, *tpls[] = { tpl };
	const char		*pub[] = { "public" };
	static const char	 tpl_text[] = "template: T\nlenses: [t]\n"
	    "answers:\n  t:\n    q1: {selected: [q1_x]}\n"
	    "    q2: {note: a note}\n";

	write_file_atomic(lens, lens_text, strlen(lens_text), NULL);
	write_file_atomic(prof, profile_text, strlen(profile_text), NULL);
	write_file_atomic(tpl, tpl_text, strlen(tpl_text), NULL);
	o = (struct init_options){ .name = "W", .lenses = specs, .nlenses = 1,
	    .templates = tpls, .ntemplates = 1 };
	ok(ops_create(dir, &o, &cause) == 0, "a workspace from a template");
	is_int(count(dir, 0), 2, "two answers from the template");
	if (workspace_open(dir, 0, &ws, &cause) != 0) {
		printf("Bail out! %s\n", cause);
		exit(1);
	}
	state_find(&ws->state, "q1", &r, NULL);
	ok(ops_answer(ws, &r, &e, 1, false, NULL, &cause) == 0, "confirm q1");
	is_int(state_unconfirmed(&ws->state, -1, NULL), 1, "one left");
	ok(ops_undo(ws, NULL, &cause) == 0, "undo the confirm");
	is_int(state_unconfirmed(&ws->state, -1, NULL), 2, "two again");
	ok(ops_redo(ws, NULL, &cause) == 0, "redo it");

	ok(ops_profile_use(ws, prof, &cause) == 0, "use a profile file");
	ok(ops_profile_answer(ws, "who", pub, 1, &cause) == 0,
	    "answer a profile question");
	is_int(state_nprioritized(&ws->state), 2, "q2 and q4 prioritized");
	ok(ops_profile_answer(ws, "who", (const char *[]){ "public",
	    "staff" }, 2, &cause) != 0, "a single-choice question takes one");
	free(cause);
	cause = NULL;
	ok(ops_undo(ws, NULL, &cause) == 0, "undo the profile answer");
	is_int(state_nprioritized(&ws->state), 0, "nothing prioritized");
	ok(ops_redo(ws, NULL, &cause) == 0, "redo it");
	workspace_close(ws);

	ok(ops_rebuild(dir, &kept, &cause) == 0, "rebuild from the files");
	free(kept);
	is_int(count(dir, 1), 2, "the rebuild keeps the profile");
	is_int(count(dir, 0), 1, "and the marks");
	free(lens);
	free(prof);
	free(tpl);
	free(dir);
}

int
main(void)
{
	if (mkdtemp(tmpdir) == NULL)
		return 1;
	setenv("GIT_AUTHOR_NAME", "Test Author", 1);
	test_profile_model();
	test_template_model();
	test_ops();
	remove_tree(tmpdir);
	return tap_done();
}
