/* test-ops.c: the review operations: the rules of answering, shared by the
 * screen and the command line, and undo and redo of each kind of change,
 * checked on the files a user sees. */
#include "config.h"

#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "base/util.h"
#include "review/ops.h"
#include "tap.h"

static const char lens_text[] =
"lens: t\nversion: \"1\"\ntitle: Test\npillars:\n"
"  - id: p1\n    code: P\n    title: Pillar one\n    questions:\n"
"      - id: q1\n        title: Question one\n        choices:\n"
"          - {id: a, title: A, risk: high}\n"
"          - {id: b, title: B, risk: medium}\n"
"          - {id: c, title: C, risk: low}\n"
"          - {id: n, title: None of these, none: true}\n"
"      - id: q2\n        title: Question two\n        choices:\n"
"          - {id: x, title: X, risk: high}\n"
"          - {id: n2, title: None of these, none: true}\n";

static const char extra_text[] =
"lens: extra\nversion: \"1\"\ntitle: Extra\npillars:\n"
"  - id: e1\n    title: Extra pillar\n    questions:\n"
"      - id: e1q\n        title: Extra question\n        choices:\n"
"          - {id: y, title: Y, risk: high}\n";

static char	 tmpdir[] = "/tmp/wafr-ops.XXXXXX";
static char	*dir;

/* The files a change may touch, as one text to compare. */
static char *
files(void)
{
	const char *const names[] = { "workload.yaml", "REPORT.md",
	    "answers/t/p1/q1.yaml", "answers/t/p1/q2.yaml", "lenses/extra.yaml",
	    "answers/extra/e1/e1q.yaml" };
	struct buf b = { 0 };

	for (size_t i = 0; i < nitems(names); i++) {
		char	*path = path_join(dir, names[i]), *data;
		size_t	 n;

		buf_printf(&b, "== %s\n", names[i]);
		if (read_file(path, &data, &n, NULL) == 0) {
			buf_add(&b, data, n);
			free(data);
		} else
			buf_adds(&b, "(none)\n");
		free(path);
	}
	return buf_take(&b);
}

static struct qref
ref(struct workspace *ws, const char *q)
{
	struct qref r = { 0, NULL };

	if (state_find(&ws->state, q, &r, NULL) != 0)
		abort();
	return r;
}

static const struct answer *
answer(struct workspace *ws, const char *q)
{
	struct qref r = ref(ws, q);

	return state_answer(&ws->state, &r);
}

static int
edit(struct workspace *ws, const char *q, enum edit_kind k, const char *c,
    const char *text, struct ops_result *res, char **cause)
{
	struct qref	r = ref(ws, q);
	struct edit	e = { .kind = k, .choice = c, .text = text };

	return ops_answer(ws, &r, &e, 1, false, res, cause);
}

static void
test_rules(struct workspace *ws)
{
	struct ops_result	 r;
	char			*cause = NULL;

	edit(ws, "q1", EDIT_SELECT, "a", NULL, &r, NULL);
	edit(ws, "q1", EDIT_SELECT, "b", NULL, &r, NULL);
	ok(edit(ws, "q1", EDIT_TOGGLE, "n", NULL, &r, NULL) == 0 &&
	    r.did == EDIT_NONE && r.cleared == 2, "\"None of these\" clears "
	    "the two ticked practices and says so");
	ok(answer_selected(answer(ws, "q1"), "n") &&
	    answer(ws, "q1")->nselected == 1, "and is then the only choice");
	edit(ws, "q1", EDIT_SELECT, "c", NULL, &r, NULL);
	ok(!answer_selected(answer(ws, "q1"), "n") &&
	    answer_selected(answer(ws, "q1"), "c"), "another choice clears "
	    "\"None of these\"");
	ok(edit(ws, "q1", EDIT_NONE, NULL, NULL, &r, NULL) == 0 &&
	    r.cleared == 1, "--none clears too");
	ok(edit(ws, "q2", EDIT_SELECT, "zz", NULL, &r, &cause) == -1 &&
	    strstr(cause, "zz") != NULL, "an unknown choice is refused, by "
	    "name");
	free(cause);
	cause = NULL;

	edit(ws, "q1", EDIT_SELECT, "a", NULL, &r, NULL);
	edit(ws, "q1", EDIT_CHOICE_NA, "a", "OUT_OF_SCOPE", &r, NULL);
	ok(!answer_selected(answer(ws, "q1"), "a") &&
	    answer_choice_na(answer(ws, "q1"), "a") != NULL, "a choice marked "
	    "not applicable is unselected");
	edit(ws, "q1", EDIT_SELECT, "a", NULL, &r, NULL);
	ok(answer_selected(answer(ws, "q1"), "a") &&
	    answer_choice_na(answer(ws, "q1"), "a") == NULL, "selecting it "
	    "makes it apply again: never both");
	ok(edit(ws, "q1", EDIT_CHOICE_NA, "a", "BECAUSE", &r, &cause) == -1,
	    "an unknown reason is refused");
	free(cause);
	cause = NULL;

	edit(ws, "q2", EDIT_QUESTION_NA, NULL, "BUSINESS_PRIORITIES", &r, NULL);
	ok(edit(ws, "q2", EDIT_SELECT, "x", NULL, &r, &cause) == -1 &&
	    answer(ws, "q2")->nselected == 0, "a question not applicable "
	    "takes no selection");
	free(cause);
	cause = NULL;
	edit(ws, "q2", EDIT_APPLICABLE, NULL, NULL, &r, NULL);
	ok(edit(ws, "q2", EDIT_SELECT, "x", NULL, &r, NULL) == 0,
	    "until it applies again");

	ok(edit(ws, "q2", EDIT_SELECT, "x", NULL, &r, NULL) == 0 && !r.changed,
	    "a change to what is already so writes nothing");
	ok(edit(ws, "q2", EDIT_NOTE, NULL, "bad \xff", &r, &cause) == -1,
	    "a note that is not UTF-8 is refused");
	free(cause);
	cause = NULL;
	edit(ws, "q2", EDIT_EVIDENCE_ADD, NULL, "one", &r, NULL);
	{
		struct qref	q = ref(ws, "q2");
		struct edit	e = { .kind = EDIT_EVIDENCE_REMOVE, .n = 2 };

		ok(ops_answer(ws, &q, &e, 1, false, NULL, &cause) == -1,
		    "evidence that is not there cannot be removed");
		free(cause);
		cause = NULL;
	}
	ok(ops_set_prop(ws, "lenses", "x", &cause) == -1, "the lenses are no "
	    "property to set");
	free(cause);
	cause = NULL;
	ok(ops_set_prop(ws, "environment", "staging", &cause) == -1,
	    "an unknown environment is refused");
	free(cause);
	cause = NULL;
	{
		struct qref		q = ref(ws, "q1");
		struct roadmap_item	it = { .status = STATUS_ACCEPTED };

		ok(ops_roadmap(ws, &q, &it, &cause) == -1, "an accepted risk "
		    "needs a reason");
		free(cause);
		cause = NULL;
	}
}

/* Make a change, then check that undo gives the files back byte for byte
 * and that redo gives the change back. */
static void
check_undo(struct workspace *ws, const char *what, int (*change)(struct
    workspace *))
{
	struct journal_entry	 e;
	char			*before = files(), *after, *now, *cause = NULL;
	int			 r;

	if ((r = change(ws)) != 0) {
		ok(0, "%s: the change is made", what);
		free(before);
		return;
	}
	after = files();
	ok(strcmp(before, after) != 0, "%s: the change shows in the files",
	    what);
	r = ops_undo(ws, &e, &cause);
	now = files();
	ok(r == 0 && strcmp(now, before) == 0, "%s: undo restores every file "
	    "byte for byte", what);
	if (r == 0)
		journal_entry_free(&e);
	free(now);
	r = ops_redo(ws, NULL, &cause);
	now = files();
	ok(r == 0 && strcmp(now, after) == 0, "%s: redo gives the change back",
	    what);
	if (r != 0)
		printf("#   %s\n", cause != NULL ? cause : "");
	free(cause);
	free(now);
	free(before);
	free(after);
}

static int
change_answer(struct workspace *ws)
{
	struct qref	r = ref(ws, "q2");
	struct edit	e[] = {
		{ .kind = EDIT_UNSELECT, .choice = "x" },
		{ .kind = EDIT_NONE },
		{ .kind = EDIT_NOTE, .text = "two\nlines" },
		{ .kind = EDIT_VERIFICATION, .verification = VERIFY_WORKSHOP },
	};

	return ops_answer(ws, &r, e, nitems(e), false, NULL, NULL);
}

static int
change_evidence(struct workspace *ws)
{
	struct qref	r = ref(ws, "q2");
	struct edit	e = { .kind = EDIT_EVIDENCE_REMOVE, .n = 1 };

	return ops_answer(ws, &r, &e, 1, false, NULL, NULL);
}

static int
change_roadmap(struct workspace *ws)
{
	struct qref		r = ref(ws, "q2");
	struct roadmap_item	it = { .owner = "Ana", .effort = EFFORT_SMALL,
				    .target = "2027-03-01" };

	return ops_roadmap(ws, &r, &it, NULL);
}

static int
change_prop(struct workspace *ws)
{
	return ops_set_prop(ws, "pillar-priorities", "p1", NULL);
}

static int
change_agenda(struct workspace *ws)
{
	size_t lens;

	return ops_set_agenda(ws, 0, state_find_pillar(&ws->state, "p1",
	    &lens, NULL), 45, NULL);
}

static int
change_import(struct workspace *ws)
{
	struct qref	r[2] = { ref(ws, "q1"), ref(ws, "q2") };
	struct answer	a[2];
	int		ret;

	answer_init(&a[0]);
	answer_init(&a[1]);
	answer_select(&a[0], "b", true);
	answer_set_note(&a[1], "imported");
	ret = ops_import(ws, r, a, 2, NULL);
	answer_free(&a[0]);
	answer_free(&a[1]);
	return ret;
}

static int
change_batch(struct workspace *ws)
{
	struct edit		 e1[] = {
		{ .kind = EDIT_SELECT, .choice = "a" },
		{ .kind = EDIT_NOTE, .text = "first" },
	};
	struct edit		 e2 = { .kind = EDIT_NONE };
	struct edit		 e3 = { .kind = EDIT_SELECT, .choice = "b" };
	struct ops_answer_item	 it[] = {
		{ ref(ws, "q1"), e1, nitems(e1), "f:1" },
		{ ref(ws, "q2"), &e2, 1, "f:2" },
		{ ref(ws, "q1"), &e3, 1, "f:3" },
	};
	uint64_t		 seq = 0;
	int			 r = ops_answer_batch(ws, it, nitems(it), &seq,
				    NULL);

	ok(r == 0 && seq != 0 && answer_selected(answer(ws, "q1"), "a") &&
	    answer_selected(answer(ws, "q1"), "b") &&
	    streq(answer(ws, "q1")->note, "first") &&
	    answer_selected(answer(ws, "q2"), "n2"),
	    "batch: every item applies, a question's items in order");
	return r;
}

/* A batch with one refused edit writes nothing, and says where. */
static void
test_batch_refused(struct workspace *ws)
{
	struct edit		 good = { .kind = EDIT_NOTE, .text = "kept?" };
	struct edit		 bad = { .kind = EDIT_SELECT, .choice = "zz" };
	struct ops_answer_item	 it[] = {
		{ ref(ws, "q1"), &good, 1, "f:1" },
		{ ref(ws, "q2"), &bad, 1, "f:7" },
	};
	struct journal_entry	*v;
	size_t			 n;
	uint64_t		 last = 0, seq = 1;
	char			*before = files(), *after, *cause = NULL;

	if (store_journal(ws->store, 1, &v, &n, NULL) == 0) {
		last = n == 1 ? v[0].seq : 0;
		journal_entries_free(v, n);
	}
	ok(ops_answer_batch(ws, it, nitems(it), &seq, &cause) == -1 &&
	    seq == 0, "batch: an unknown choice refuses the whole batch");
	is_str(cause, "f:7: question q2 has no choice \"zz\"",
	    "... the message begins with the item's place");
	after = files();
	ok(strcmp(before, after) == 0, "... no file changed");
	ok(store_journal(ws->store, 1, &v, &n, NULL) == 0 && n == 1 &&
	    v[0].seq == last, "... nothing journaled");
	journal_entries_free(v, n);
	ok(ops_answer_batch(ws, it, 0, &seq, NULL) == 0 && seq == 0,
	    "an empty batch changes nothing");
	free(cause);
	free(before);
	free(after);
}

static int
change_lens_add(struct workspace *ws)
{
	char	*path = path_join(tmpdir, "extra.yaml");
	int	 r = ops_lens_add(ws, path, NULL);

	free(path);
	return r;
}

static int
change_lens_remove(struct workspace *ws)
{
	char	*cause = NULL;
	int	 refused;

	/* Answered: refused, unless forced. */
	refused = ops_lens_remove(ws, "extra", false, &cause);
	ok(refused == -1 && cause != NULL && strstr(cause, "--force") != NULL,
	    "lens remove: refused while the lens has answers");
	free(cause);
	return ops_lens_remove(ws, "extra", true, NULL);
}

static int
change_sync(struct workspace *ws)
{
	char	*path = path_join(dir, "answers/t/p1/q1.yaml");
	int	 r;

	static const char text[] = "question: q1\nselected:\n- c\n";

	r = write_file_atomic(path, text, strlen(text), NULL);
	free(path);
	return r != 0 ? r : ops_sync(ws, NULL);
}

static void
test_journal(struct workspace *ws)
{
	struct journal_entry	*v;
	size_t			 n;
	char			*cause = NULL;

	ok(store_journal(ws->store, 1, &v, &n, &cause) == 0 && n == 1 &&
	    streq(v[0].author, "Test Author") && v[0].time > 0 &&
	    streq(v[0].op, "redo") && streq(v[0].undoes_op, "sync"),
	    "the journal names the author, the time and the operation");
	journal_entries_free(v, n);
	ok(ops_hide_notes(ws, true, NULL) == 0 &&
	    streq(kv_get(&ws->state.session, SESSION_HIDE_NOTES), "1") &&
	    ops_undo(ws, NULL, NULL) == 0 &&
	    !streq(kv_get(&ws->state.session, SESSION_HIDE_NOTES), "1"),
	    "hiding the notes is undone too");
	while (ops_undo(ws, NULL, NULL) == 0)
		;
	ok(answer_is_empty(answer(ws, "q1")) &&
	    answer_is_empty(answer(ws, "q2")), "undoing everything gives "
	    "the empty review back");
	ok(ops_redo(ws, NULL, NULL) == 0, "and redo starts again from the "
	    "first change");
	ok(ops_undo(ws, NULL, NULL) == 0 && ops_undo(ws, NULL, NULL) == 1,
	    "with nothing before it to undo");
}

int
main(void)
{
	struct init_options	 o = { 0 };
	struct workspace	*ws;
	char			*cause = NULL, *lens;
	const char		*specs[1];

	if (mkdtemp(tmpdir) == NULL)
		return 1;
	setenv("GIT_AUTHOR_NAME", "Test Author", 1);
	workspace_set_author(NULL);
	lens = path_join(tmpdir, "t.yaml");
	write_file_atomic(lens, lens_text, strlen(lens_text), NULL);
	free(lens);
	lens = path_join(tmpdir, "extra.yaml");
	write_file_atomic(lens, extra_text, strlen(extra_text), NULL);
	free(lens);
	lens = path_join(tmpdir, "t.yaml");
	specs[0] = lens;
	o.name = "Ops";
	o.lenses = specs;
	o.nlenses = 1;
	dir = path_join(tmpdir, "w");
	ok(ops_create(dir, &o, &cause) == 0, "create a workspace");
	if (workspace_open(dir, 0, &ws, &cause) != 0) {
		printf("Bail out! %s\n", cause);
		return 1;
	}
	test_rules(ws);
	check_undo(ws, "answer", change_answer);
	check_undo(ws, "evidence removal", change_evidence);
	check_undo(ws, "roadmap", change_roadmap);
	check_undo(ws, "workload property", change_prop);
	check_undo(ws, "agenda", change_agenda);
	check_undo(ws, "import", change_import);
	check_undo(ws, "batch", change_batch);
	test_batch_refused(ws);
	check_undo(ws, "lens add", change_lens_add);
	{
		struct qref	r = ref(ws, "extra/e1q");
		struct edit	e = { .kind = EDIT_SELECT, .choice = "y" };

		ops_answer(ws, &r, &e, 1, false, NULL, NULL);
	}
	check_undo(ws, "lens remove", change_lens_remove);
	check_undo(ws, "sync", change_sync);
	test_journal(ws);
	workspace_close(ws);
	free(lens);

	lens = xasprintf("rm -rf '%s'", tmpdir);
	if (system(lens) != 0)
		ok(0, "clean up");
	free(lens);
	free(dir);
	return tap_done();
}
