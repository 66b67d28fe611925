/* test-snapshot.c: answer files round-trip exactly, are deterministic, and
 * bad input is reported with its position. */
#include "config.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "base/diag.h"
#include "files/lens-load.h"
#include "files/snapshot.h"
#include "files/yval-parse.h"
#include "base/util.h"
#include "tap.h"

static unsigned long seed = 20261122;

static unsigned
rnd(unsigned n)
{
	seed = seed * 6364136223846793005UL + 1442695040888963407UL;
	return (unsigned)((seed >> 33) % n);
}

/* Pieces of notes that have tripped YAML writers before. */
static const char *const pieces[] = {
	"plain words", "two\nlines", "trailing newline\n", "\n\nleading blanks",
	"  indented", "tab\there", "cr\r\nlf", "é ü ß 日本語 🙂", "null", "~",
	"- dash", "key: value", "# hash", "'single'", "\"double\"",
	"trailing space ", "line \nwith space before the break", "\xc2\xa0nbsp",
	"ctrl\x01" "a", "esc\x1b[31m", "nel\xc2\x85next", "ls\xe2\x80\xa8ps",
	"|", ">", "&anchor", "*alias", "!tag", "%directive", "@at", "`tick",
	"yes", "0x1f", "1e3", "---", "...", "\n", "\n\n\n", " ", "x\n\n",
	"a very long line that goes on and on well past eighty columns, so "
	"that a folding writer would be tempted to break it somewhere",
	"\t", "ends with tab\t", "{flow: map}", "[flow, seq]", "?", ": x",
	"\xf0\x9f\x9a\xa8 siren", "\n\tcode", "\xef\xbb\xbf" "bom",
	"\xef\xbf\xbe", "\x7f", "\xc2\x9f", "\xee\x80\x80" "0t",
	"- \xee\x80\x80" "1b\n", "\\ backslash", "   \n  \n",
};

static char *
random_text(void)
{
	struct buf	b = { 0 };
	unsigned	n = 1 + rnd(4);

	for (unsigned i = 0; i < n; i++)
		buf_adds(&b, pieces[rnd(nitems(pieces))]);
	return buf_take(&b);
}

static void
random_answer(const struct question *q, struct answer *a,
    struct roadmap_item **it)
{
	char *s;

	answer_init(a);
	*it = NULL;
	/* Selected in a random order: the file lists them in lens order. */
	for (size_t k = 0; k < q->nchoices; k++) {
		size_t i = rnd((unsigned)q->nchoices);

		if (rnd(2))
			answer_select(a, question_choices(q)[i].id, true);
	}
	if (rnd(4) == 0)
		answer_set_choice_na(a,
		    question_choices(q)[rnd((unsigned)q->nchoices)].id,
		    na_reasons[rnd(5)]);
	if (rnd(6) == 0) {
		a->not_applicable = true;
		a->reason = xstrdup(na_reasons[rnd(5)]);
	}
	if (rnd(3) != 0) {
		s = random_text();
		answer_set_note(a, s);
		free(s);
	}
	for (unsigned i = rnd(3); i > 0; i--) {
		s = random_text();
		answer_add_evidence(a, s);
		free(s);
	}
	a->verification = (enum verification)rnd(3);
	if (rnd(3) == 0) {
		*it = xcalloc(1, sizeof **it);
		(*it)->owner = random_text();
		(*it)->ticket = rnd(2) ? xstrdup("OPS-42") : NULL;
		(*it)->effort = (enum effort)rnd(4);
		(*it)->status = (enum item_status)rnd(4);
		(*it)->target = rnd(2) ? xstrdup("2027-01-31") : NULL;
		(*it)->reason = rnd(2) ? random_text() : NULL;
	}
}

static bool
same_item(const struct roadmap_item *a, const struct roadmap_item *b)
{
	if (a == NULL || b == NULL)
		return a == b;
	return streq(a->owner, b->owner) && streq(a->ticket, b->ticket) &&
	    a->effort == b->effort && a->status == b->status &&
	    streq(a->reason, b->reason) && streq(a->target, b->target);
}

static struct lens *
load(const char *id)
{
	const char	*dir = getenv("WAFR_DATADIR");
	char		*path = xasprintf("%s/lenses/%s.yaml", dir != NULL ? dir :
			    "data", id);
	struct diags	 d;
	struct lens	*l;

	diags_init(&d, path);
	l = lens_load_file(path, &d);
	diags_free(&d);
	free(path);
	return l;
}

/* Export, import, export: the same answer and the same bytes, for every
 * question of a bundled lens, several times over. */
static void
round_trip(const char *id)
{
	struct lens	*l = load(id);
	unsigned	 bad_answer = 0, bad_bytes = 0, bad_parse = 0, n = 0;
	char		*first_error = NULL;

	ok(l != NULL, "%s: the bundled lens loads", id);
	if (l == NULL)
		return;
	for (int round = 0; round < 8; round++) {
		for (size_t p = 0; p < l->npillars; p++) {
			for (size_t k = 0; k < l->pillars[p].nquestions; k++) {
				const struct question	*q, *got;
				struct answer		 a, b;
				struct roadmap_item	*it, *it2;
				char			*t1, *t2, *cause = NULL;
				size_t			 s1, s2;

				q = &l->pillars[p].questions[k];
				random_answer(q, &a, &it);
				t1 = snapshot_answer_text(l, q, &a, it, &s1);
				n++;
				if (snapshot_parse_answer("t.yaml", t1, s1, l,
				    l->pillars[p].id, q->id, &got, &b, &it2,
				    &cause) != 0) {
					bad_parse++;
					if (first_error == NULL)
						first_error = xasprintf(
						    "%s\n%s", cause, t1);
					free(cause);
				} else {
					if (got != q || !answer_equal(&a, &b) ||
					    !streq(a.note, b.note) ||
					    !same_item(it, it2))
						bad_answer++;
					t2 = snapshot_answer_text(l, q, &b, it2,
					    &s2);
					if (s1 != s2 || memcmp(t1, t2, s1) != 0)
						bad_bytes++;
					free(t2);
					answer_free(&b);
					roadmap_item_free(it2);
				}
				free(t1);
				answer_free(&a);
				roadmap_item_free(it);
			}
		}
	}
	is_int(bad_parse, 0, "%s: %u answer files parse back", id, n);
	if (first_error != NULL)
		printf("# %s\n", first_error);
	is_int(bad_answer, 0, "%s: they give the same answers back", id);
	is_int(bad_bytes, 0, "%s: written again, they give the same bytes", id);
	free(first_error);
	lens_free(l);
}

static void
determinism(const struct lens *l)
{
	const struct question	*q = &l->pillars[0].questions[0];
	struct answer		 a, b;
	char			*t1, *t2;
	size_t			 s1, s2;

	answer_init(&a);
	answer_init(&b);
	for (size_t i = 0; i + 1 < q->nchoices; i++)
		answer_select(&a, question_choices(q)[i].id, true);
	for (size_t i = q->nchoices - 1; i-- > 0; )
		answer_select(&b, question_choices(q)[i].id, true);
	answer_set_note(&a, "first\nsecond\n");
	answer_set_note(&b, "first\nsecond\n");
	t1 = snapshot_answer_text(l, q, &a, NULL, &s1);
	t2 = snapshot_answer_text(l, q, &b, NULL, &s2);
	ok(s1 == s2 && memcmp(t1, t2, s1) == 0,
	    "the order choices were picked in does not show in the file");
	ok(strstr(t1, "note: |\n  first\n  second\n") != NULL,
	    "a multi-line note is a literal block");
	ok(strstr(t1, "risk: ") != NULL, "the file holds the risk");
	answer_set_note(&b, "one line");
	free(t2);
	t2 = snapshot_answer_text(l, q, &b, NULL, &s2);
	ok(strstr(t2, "note: |-\n  one line\n") != NULL,
	    "a one-line note is a literal block too");
	free(t2);
	t2 = snapshot_answer_text(l, q, &a, NULL, &s2);
	ok(s1 == s2 && memcmp(t1, t2, s1) == 0, "same state, same bytes");
	free(t1);
	free(t2);
	answer_free(&a);
	answer_free(&b);
}

/* The lines of text S, NUL-terminated, in an array. */
static size_t
lines_of(const char *s, size_t n, char ***out)
{
	size_t	 count = 0;
	char	**v = NULL;

	for (const char *p = s; p < s + n; ) {
		const char *nl = memchr(p, '\n', (size_t)(s + n - p));
		size_t len = (size_t)((nl != NULL ? nl : s + n) - p);

		v = xreallocarray(v, count + 1, sizeof *v);
		v[count++] = xstrndup(p, len);
		p += len + 1;
	}
	*out = v;
	return count;
}

/* How many lines differ between two texts of as many lines; SIZE_MAX when
 * the counts differ. */
static size_t
lines_changed(const char *a, size_t na, const char *b, size_t nb)
{
	char	**la, **lb;
	size_t	  n1 = lines_of(a, na, &la), n2 = lines_of(b, nb, &lb), d = 0;

	for (size_t i = 0; i < n1 && i < n2; i++)
		d += strcmp(la[i], lb[i]) != 0;
	if (n1 != n2)
		d = SIZE_MAX;
	for (size_t i = 0; i < n1; i++)
		free(la[i]);
	for (size_t i = 0; i < n2; i++)
		free(lb[i]);
	free(la);
	free(lb);
	return d;
}

/* A note with an emoji and control characters: raw UTF-8 in a block, the
 * one line a block cannot hold double-quoted alone; one line edited is one
 * line changed; files of the old form still read. */
static void
block_texts(const struct lens *l)
{
	const struct question	*q = &l->pillars[0].questions[0], *got;
	struct answer		 a, b;
	struct roadmap_item	 it = { .owner = "Ana \xf0\x9f\x9a\xa8",
				    .reason = "why\nbecause \xf0\x9f\x99\x82\n",
				    .status = STATUS_OPEN }, *it2;
	char			*t1, *t2, *cause = NULL;
	size_t			 s1, s2;
	const char		*old;

	answer_init(&a);
	answer_set_note(&a, "\xf0\x9f\x9a\xa8 outage on Monday\n"
	    "the pager said \x07 twice\ntabs\tstay\nlast line");
	answer_add_evidence(&a, "runbook \xf0\x9f\x93\x96\nstep two\n");
	t1 = snapshot_answer_text(l, q, &a, &it, &s1);
	ok(strstr(t1, "note:\n- |\n  \xf0\x9f\x9a\xa8 outage on Monday\n"
	    "- \"the pager said \\a twice\\n\"\n- |-\n  tabs\tstay\n"
	    "  last line\n") != NULL,
	    "a note with a control character: blocks of raw lines, the one "
	    "line with it quoted alone");
	ok(strstr(t1, "evidence:\n- |\n  runbook \xf0\x9f\x93\x96\n  step two\n")
	    != NULL, "evidence with an emoji is a block of raw UTF-8");
	ok(strstr(t1, "  owner: \"Ana \xf0\x9f\x9a\xa8\"\n") != NULL &&
	    strstr(t1, "  reason: |\n    why\n    because \xf0\x9f\x99\x82\n")
	    != NULL, "roadmap texts are raw UTF-8 too");
	ok(strstr(t1, "\\U") == NULL, "nothing outside the BMP is escaped");
	ok(snapshot_parse_answer("t.yaml", t1, s1, l, NULL, NULL, &got, &b,
	    &it2, &cause) == 0 && streq(a.note, b.note) &&
	    b.nevidence == 1 && streq(a.evidence[0], b.evidence[0]) &&
	    it2 != NULL && streq(it2->owner, it.owner) &&
	    streq(it2->reason, it.reason), "and read back the same");
	t2 = snapshot_answer_text(l, q, &b, it2, &s2);
	ok(s1 == s2 && memcmp(t1, t2, s1) == 0, "written again, the same bytes");
	free(t2);
	answer_free(&b);
	roadmap_item_free(it2);

	answer_set_note(&a, "\xf0\x9f\x9a\xa8 outage on Monday\n"
	    "the pager said \x07 twice\ntabs\tstay\nlast line, edited");
	t2 = snapshot_answer_text(l, q, &a, &it, &s2);
	is_int((int)lines_changed(t1, s1, t2, s2), 1,
	    "one line of the note edited: one line of the file changed");
	free(t2);
	answer_set_note(&a, "\xf0\x9f\x9a\xa8 outage on Monday\n"
	    "the pager said \x07 thrice\ntabs\tstay\nlast line");
	t2 = snapshot_answer_text(l, q, &a, &it, &s2);
	is_int((int)lines_changed(t1, s1, t2, s2), 1,
	    "the line with the control character edited: that line changed");
	free(t2);
	free(t1);
	answer_free(&a);

	old = "question: priorities\nnote: \"\\U0001F6A8 down\\nsecond\\n\"\n"
	    "evidence:\n- \"a\\tb\"\n";
	ok(snapshot_parse_answer("t.yaml", old, strlen(old), l, NULL, NULL,
	    &got, &b, &it2, &cause) == 0 &&
	    streq(b.note, "\xf0\x9f\x9a\xa8 down\nsecond\n") &&
	    streq(b.evidence[0], "a\tb"), "a file of the old, escaped form "
	    "still reads");
	t1 = snapshot_answer_text(l, q, &b, it2, &s1);
	ok(strstr(t1, "note: |\n  \xf0\x9f\x9a\xa8 down\n  second\n") != NULL,
	    "and is written as blocks");
	free(t1);
	answer_free(&b);
	roadmap_item_free(it2);
}

static char *
parse_error(const struct lens *l, const char *pillar, const char *qid,
    const char *text)
{
	const struct question	*q;
	struct answer		 a;
	struct roadmap_item	*it;
	char			*cause = NULL;

	if (snapshot_parse_answer("f.yaml", text, strlen(text), l, pillar, qid,
	    &q, &a, &it, &cause) == 0) {
		answer_free(&a);
		roadmap_item_free(it);
		return xstrdup("(no error)");
	}
	return cause;
}

static void
bad_input(const struct lens *l)
{
	const char	*pil = "operationalExcellence";
	char		*e;

	e = parse_error(l, pil, "priorities",
	    "question: priorities\nselected:\n- ops_priorities_no\n"
	    "- no_such_choice\n");
	is_str(e, "f.yaml:4:3: question priorities has no choice "
	    "\"no_such_choice\"", "an unknown choice id is shown where it is");
	free(e);
	e = parse_error(l, pil, "priorities",
	    "question: priorities\nnote: \"unterminated\n");
	ok(strncmp(e, "f.yaml:3:1: ", 12) == 0 ||
	    strncmp(e, "f.yaml:2:7: ", 12) == 0,
	    "broken YAML gives FILE:LINE:COLUMN (%s)", e);
	free(e);
	e = parse_error(l, pil, "priorities", "question: [a\n");
	ok(strncmp(e, "f.yaml:", 7) == 0 && strchr(e + 7, ':') != NULL,
	    "an unclosed list gives FILE:LINE:COLUMN (%s)", e);
	free(e);
	e = parse_error(l, pil, "nosuch", "risk: high\nquestion:   nosuch\n");
	is_str(e, "f.yaml:2:13: lens wellarchitected has no question "
	    "\"nosuch\"", "a question the lens lacks is shown where it is");
	free(e);
	e = parse_error(l, "security", "priorities", "question: priorities\n");
	is_str(e, "f.yaml:1:11: question \"priorities\" belongs to pillar "
	    "operationalExcellence, not security",
	    "a question filed under another pillar is refused");
	free(e);
	e = parse_error(l, pil, "priorities", "question: priorities\n"
	    "selected: ops_priorities_no\n");
	is_str(e, "f.yaml:2:11: selected: expected a list",
	    "a choice outside a list is refused");
	free(e);
	e = parse_error(l, pil, "priorities", "question: priorities\n"
	    "notes: typo\n");
	is_str(e, "f.yaml:2:1: unknown field \"notes\"",
	    "an unknown field is refused");
	free(e);
	e = parse_error(l, pil, "priorities", "question: priorities\n"
	    "not-applicable: BECAUSE\n");
	is_str(e, "f.yaml:2:17: unknown reason \"BECAUSE\"",
	    "an unknown reason is refused");
	free(e);
	e = parse_error(l, pil, "priorities", "- a\n- b\n");
	is_str(e, "f.yaml:1:1: expected a mapping of fields",
	    "a list instead of fields is refused");
	free(e);
	e = parse_error(l, pil, "priorities", "");
	is_str(e, "f.yaml:1:1: the file is empty", "an empty file is refused");
	free(e);
}

/* Nothing of an answer file is merged, dropped or cut without a word, and
 * no file takes all memory or time. */
static void
bad_answer_files(const struct lens *l)
{
	const char	*pil = "operationalExcellence";
	struct buf	 b = { 0 };
	char		*e;

	e = parse_error(l, pil, "priorities", "question: priorities\n"
	    "note: first\nnote: second\n");
	is_str(e, "f.yaml:3:1: \"note\" is given twice (first at line 2)",
	    "a field given twice is refused");
	free(e);
	e = parse_error(l, pil, "priorities", "question: priorities\n"
	    "selected: [ops_priorities_no]\nrisk: high\n"
	    "selected: [ops_priorities_customer_needs]\n");
	is_str(e, "f.yaml:4:1: \"selected\" is given twice (first at line 2)",
	    "two lists of choices are not merged");
	free(e);
	e = parse_error(l, pil, "priorities", "question: priorities\n"
	    "question: priorities\n");
	is_str(e, "f.yaml:2:1: \"question\" is given twice (first at line 1)",
	    "the question given twice is refused");
	free(e);
	e = parse_error(l, pil, "priorities", "question: priorities\n"
	    "roadmap:\n  owner: Ana\n  status: open\n  owner: Bo\n");
	is_str(e, "f.yaml:5:3: \"owner\" is given twice (first at line 3)",
	    "a roadmap field given twice is refused");
	free(e);
	e = parse_error(l, pil, "priorities", "question: priorities\n"
	    "choices-not-applicable:\n  ops_priorities_no: OTHER\n"
	    "  ops_priorities_no: NONE\n");
	is_str(e, "f.yaml:4:3: \"ops_priorities_no\" is given twice (first "
	    "at line 3)", "a choice not applicable twice is refused");
	free(e);
	e = parse_error(l, pil, "priorities", "question: priorities\n"
	    "note: first\n---\nquestion: priorities\nnote: lost\n");
	is_str(e, "f.yaml:3:1: a second document: the file must hold one",
	    "a second document is refused");
	free(e);
	e = parse_error(l, pil, "priorities", "question: priorities\n"
	    "note: \"cut\\0here\"\n");
	is_str(e, "f.yaml:2:7: note: holds a NUL character",
	    "a NUL in a note is refused, not cut");
	free(e);

	buf_adds(&b, "question: priorities\nevidence: ");
	for (int i = 0; i < 20000; i++)
		buf_addc(&b, '[');
	e = parse_error(l, pil, "priorities", b.s);
	is_str(e, "f.yaml:2:74: nested deeper than 64 levels",
	    "deep nesting is refused where it is");
	free(e);
	buf_free(&b);
	buf_adds(&b, "question: priorities\na0: &a0 [x, x, x, x, x, x, x, x]\n");
	for (int i = 1; i < 12; i++) {
		buf_printf(&b, "a%d: &a%d [", i, i);
		for (int j = 0; j < 8; j++)
			buf_printf(&b, "%s*a%d", j > 0 ? ", " : "", i - 1);
		buf_adds(&b, "]\n");
	}
	e = parse_error(l, pil, "priorities", b.s);
	ok(strncmp(e, "f.yaml:7:15: too many aliases", 29) == 0,
	    "aliases are bounded (%s)", e);
	free(e);
	buf_free(&b);
}

/* Ids name paths: where one could not, no path is made. */
/* A new folder under /tmp, or NULL (said as a failed test). */
static char *
temp_dir(void)
{
	char *dir = xstrdup("/tmp/wafr-snapshot.XXXXXX");

	if (mkdtemp(dir) != NULL)
		return dir;
	ok(0, "a temporary directory");
	free(dir);
	return NULL;
}

static void
unsafe_paths(void)
{
	struct state		*st = state_new();
	struct lens		*l = load("wellarchitected");
	const struct question	*q;
	char			*dir, *ws, *p, *cause = NULL;
	int			 r;

	if (l == NULL) {
		ok(0, "the bundled lens loads");
		state_free(st);
		return;
	}
	state_add_lens(st, l, "wellarchitected");
	q = &l->pillars[0].questions[0];
	p = snapshot_answer_path(l, q);
	is_str(p, "answers/wellarchitected/operationalExcellence/priorities.yaml",
	    "an answer file's path");
	free(p);
	free(l->id);
	l->id = xstrdup("..");
	ok(snapshot_answer_path(l, q) == NULL, "no path for lens id ..");
	free(l->id);
	l->id = xstrdup("wellarchitected");
	free(l->pillars[0].id);
	l->pillars[0].id = xstrdup("../../..");
	ok(snapshot_answer_path(l, q) == NULL, "no path for pillar id ../../..");

	if ((dir = temp_dir()) == NULL) {
		state_free(st);
		return;
	}
	ws = path_join(dir, "ws");
	r = snapshot_write_question(ws, st, &(struct qref){ .lens = 0,
	    .q = q }, &cause);
	ok(r != 0 && cause != NULL && strstr(cause, "not a name") != NULL,
	    "writing it is refused (%s)", cause != NULL ? cause : "");
	free(cause);
	cause = NULL;
	p = path_join(dir, "priorities.yaml");
	ok(access(p, F_OK) != 0, "and nothing is written outside answers/");
	free(p);
	ok(snapshot_write_all(ws, st, NULL, NULL, &cause) != 0,
	    "writing all is refused");
	free(cause);
	remove_tree(dir);
	free(ws);
	free(dir);
	state_free(st);
}

/* What current() names is left as it is: neither made again nor read. */
static bool
current_priorities(void *arg, const char *rel)
{
	int *asked = arg;

	(*asked)++;
	return strcmp(rel,
	    "answers/wellarchitected/operationalExcellence/priorities.yaml") == 0;
}

static void
current_files(void)
{
	struct state	*st = state_new();
	struct lens	*l = load("wellarchitected");
	char		*dir, *pri, *org, *data = NULL, *cause = NULL;
	size_t		 size = 0, nq = 0;
	int		 asked = 0;

	if (l == NULL) {
		ok(0, "the bundled lens loads");
		state_free(st);
		return;
	}
	state_add_lens(st, l, "wellarchitected");
	for (size_t i = 0; i < l->npillars; i++)
		nq += l->pillars[i].nquestions;
	if ((dir = temp_dir()) == NULL) {
		state_free(st);
		return;
	}
	pri = path_join(dir,
	    "answers/wellarchitected/operationalExcellence/priorities.yaml");
	org = path_join(dir,
	    "answers/wellarchitected/operationalExcellence/org-culture.yaml");
	ok(snapshot_write_all(dir, st, NULL, NULL, &cause) == 0,
	    "every file is written");
	ok(write_file_atomic(pri, "by hand\n", 8, &cause) == 0 &&
	    write_file_atomic(org, "by hand\n", 8, &cause) == 0,
	    "two answer files edited by hand");
	ok(snapshot_write_all(dir, st, current_priorities, &asked, &cause) == 0,
	    "written again, one file said current");
	is_int(asked, (long)nq, "current() is asked of each answer file");
	ok(read_file(pri, &data, &size, &cause) == 0 && size == 8 &&
	    memcmp(data, "by hand\n", 8) == 0,
	    "the file said current is left as it is");
	free(data);
	data = NULL;
	ok(read_file(org, &data, &size, &cause) == 0 &&
	    strncmp(data, "question: org-culture\n", 22) == 0,
	    "the other is written again from the state");
	free(data);
	free(cause);
	remove_tree(dir);
	free(pri);
	free(org);
	free(dir);
	state_free(st);
}

static void
workload(void)
{
	struct kv	 kv = { 0 }, back = { 0 };
	char		*t1, *t2, *cause = NULL;
	size_t		 s1, s2;

	kv_set(&kv, "scope", "the shop\nand its payment service\n");
	kv_set(&kv, "lenses", "wellarchitected serverless");
	kv_set(&kv, "name", "Boutique — été");
	kv_set(&kv, "environment", "production");
	kv_set(&kv, "attendees", "Ana, Bo");
	t1 = snapshot_workload_text(&kv, &s1);
	is_str(t1, "name: Boutique — été\nenvironment: production\nlenses:\n"
	    "- wellarchitected\n- serverless\nattendees: Ana, Bo\nscope: |\n"
	    "  the shop\n  and its payment service\n",
	    "workload.yaml: known fields first, the rest by name");
	ok(snapshot_parse_workload("workload.yaml", t1, s1, &back, &cause) == 0,
	    "workload.yaml parses back");
	is_str(kv_get(&back, "lenses"), "wellarchitected serverless",
	    "the lens list comes back");
	is_str(kv_get(&back, "scope"), kv_get(&kv, "scope"),
	    "a multi-line property comes back");
	t2 = snapshot_workload_text(&back, &s2);
	is_str(t2, t1, "written again, the same bytes");
	free(t2);
	free(t1);
	kv_free(&back);
	ok(snapshot_parse_workload("workload.yaml", "name: x\n", 8, &back,
	    &cause) != 0 && cause != NULL &&
	    strcmp(cause, "workload.yaml:1:1: no \"lenses\" field") == 0,
	    "a workload without lenses is refused");
	free(cause);
	kv_free(&back);
	kv_free(&kv);
}

static char *
workload_error(const char *text)
{
	struct kv	 kv = { 0 };
	char		*cause = NULL;

	if (snapshot_parse_workload("workload.yaml", text, strlen(text), &kv,
	    &cause) == 0) {
		kv_free(&kv);
		return xstrdup("(no error)");
	}
	return cause;
}

static void
bad_workload(void)
{
	struct kv	 kv = { 0 }, back = { 0 };
	const char	*text = "name: x\nlenses: wellarchitected\n";
	char		*t1, *t2, *e, *cause = NULL;
	size_t		 s1, s2;

	ok(snapshot_parse_workload("workload.yaml", text, strlen(text), &kv,
	    &cause) == 0, "lenses: one id alone is read");
	is_str(kv_get(&kv, "lenses"), "wellarchitected", "as a list of one");
	t1 = snapshot_workload_text(&kv, &s1);
	is_str(t1, "name: x\nlenses:\n- wellarchitected\n",
	    "and written as a list");
	ok(snapshot_parse_workload("workload.yaml", t1, s1, &back,
	    &cause) == 0, "which reads back");
	t2 = snapshot_workload_text(&back, &s2);
	is_str(t2, t1, "to the same bytes");
	free(t1);
	free(t2);
	kv_free(&kv);
	kv_free(&back);

	e = workload_error("name: x\nlenses: wellarchitected serverless\n");
	is_str(e, "workload.yaml:2:9: bad lens id \"wellarchitected "
	    "serverless\": it holds a space or a slash",
	    "one id alone holding a space is refused");
	free(e);
	e = workload_error("lenses:\n- wellarchitected\n- ..\n");
	is_str(e, "workload.yaml:3:3: bad lens id \"..\": it starts with a dot",
	    "a lens id .. is refused");
	free(e);
	e = workload_error("lenses: [a, b, \"c\\x01\"]\n");
	is_str(e, "workload.yaml:1:16: bad lens id \"c\x01\": it holds a "
	    "control character", "a control character in a lens id is refused");
	free(e);
	e = workload_error("lenses: [a, b, a, b]\n");
	is_str(e, "workload.yaml:1:16: lens \"a\" is listed twice (first at "
	    "line 1)", "a lens listed twice is refused");
	free(e);
	e = workload_error("lenses:\n");
	is_str(e, "workload.yaml:1:1: no \"lenses\" field",
	    "an empty list of lenses is none");
	free(e);
	e = workload_error("lenses: [a]\nname: x\nname: y\n");
	is_str(e, "workload.yaml:3:1: \"name\" is given twice (first at line "
	    "2)", "a property given twice is refused");
	free(e);
	e = workload_error("lenses: [a]\n---\nlenses: [b]\n");
	is_str(e, "workload.yaml:2:1: a second document: the file must hold one",
	    "a second document is refused");
	free(e);
}

/* The value tree of wafr import: bounded too, and linear. */
static void
value_tree(void)
{
	struct buf	 b = { 0 };
	struct yval	*v;
	char		*cause = NULL;
	int		 r;

	ok(yval_parse("a: 1\nb: 2\na: 3\nc: 4\na: 5\n", 25, &v, &cause) == 0 &&
	    v->n == 3 && strcmp(v->keys[0], "a") == 0 &&
	    strcmp(yval_get_str(v, "a"), "5") == 0 &&
	    strcmp(v->keys[1], "b") == 0 && strcmp(v->keys[2], "c") == 0,
	    "a key given twice keeps its place and its last value");
	yval_free(v);
	buf_adds(&b, "[");
	for (int i = 0; i < 100; i++)
		buf_addc(&b, '{');
	r = yval_parse(b.s, b.len, &v, &cause);
	ok(r != 0 && cause != NULL &&
	    strcmp(cause, "1:65: nested deeper than 64 levels") == 0,
	    "deep nesting is refused (%s)", cause != NULL ? cause : "");
	free(cause);
	cause = NULL;
	buf_free(&b);
	buf_adds(&b, "a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n");
	for (int i = 1; i < 10; i++) {
		buf_printf(&b, "a%d: &a%d [", i, i);
		for (int j = 0; j < 10; j++)
			buf_printf(&b, "%s*a%d", j > 0 ? ", " : "", i - 1);
		buf_adds(&b, "]\n");
	}
	r = yval_parse(b.s, b.len, &v, &cause);
	ok(r != 0 && cause != NULL &&
	    strstr(cause, "too many aliases") != NULL,
	    "a billion laughs is refused (%s)", cause != NULL ? cause : "");
	free(cause);
	cause = NULL;
	buf_free(&b);
	for (int i = 0; i <= 10000; i++)
		buf_printf(&b, "k%d: &a%d x\n", i, i);
	r = yval_parse(b.s, b.len, &v, &cause);
	ok(r != 0 && cause != NULL &&
	    strcmp(cause, "10001:9: over 10000 anchors") == 0,
	    "anchors are bounded (%s)", cause != NULL ? cause : "");
	free(cause);
	cause = NULL;
	buf_free(&b);
	buf_addc(&b, '{');
	for (int i = 0; i < 100000; i++)
		buf_printf(&b, "%s\"k%d\": %d", i > 0 ? ", " : "", i, i);
	buf_addc(&b, '}');
	/* Not timed: a quadratic duplicate check would not finish. */
	ok(yval_parse(b.s, b.len, &v, &cause) == 0 && v->n == 100000,
	    "a map of 100,000 keys");
	yval_free(v);
	buf_free(&b);
}

/* The store's records: a field given twice, the last one counts (and the
 * first is freed: the sanitizer build checks). */
static void
records(void)
{
	static const char item[] = "owner\0Ana\0status\0done\0owner\0Bo\0"
	    "reason\0r1\0reason\0r2\0ticket\0T1\0ticket\0T2\0target\0"
	    "2026-01-01\0target\0" "2027-01-01\0";
	static const char answer[] = "T\3\0\0\0oneT\3\0\0\0twoN\5\0\0\0OTHER"
	    "N\4\0\0\0NONE";
	struct roadmap_item	*it;
	struct answer		 a;

	it = roadmap_item_decode(item, sizeof item - 1);
	ok(streq(it->owner, "Bo") && streq(it->reason, "r2") &&
	    streq(it->ticket, "T2") && streq(it->target, "2027-01-01") &&
	    it->status == STATUS_DONE, "a roadmap field given twice: the last "
	    "one counts");
	roadmap_item_free(it);
	ok(answer_decode(answer, sizeof answer - 1, &a) == 0 &&
	    streq(a.note, "two") && a.not_applicable &&
	    streq(a.reason, "NONE"), "a note or a reason given twice: the last "
	    "one counts");
	answer_free(&a);
}

int
main(void)
{
	struct lens *l;

	round_trip("wellarchitected");
	round_trip("wafr-serverless");
	round_trip("wafr-saas");
	if ((l = load("wellarchitected")) != NULL) {
		determinism(l);
		block_texts(l);
		bad_input(l);
		bad_answer_files(l);
		lens_free(l);
	}
	workload();
	bad_workload();
	value_tree();
	unsafe_paths();
	current_files();
	records();
	return tap_done();
}
