/* test-snapshot.c: answer files round-trip exactly, are deterministic, and
 * bad input is reported with its position. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "base/diag.h"
#include "files/lens-load.h"
#include "files/snapshot.h"
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
			answer_select(a, q->choices[i].id, true);
	}
	if (rnd(4) == 0)
		answer_set_choice_na(a, q->choices[rnd((unsigned)q->nchoices)].id,
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
		answer_select(&a, q->choices[i].id, true);
	for (size_t i = q->nchoices - 1; i-- > 0; )
		answer_select(&b, q->choices[i].id, true);
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

int
main(void)
{
	struct lens *l;

	round_trip("wellarchitected");
	round_trip("serverless");
	round_trip("saas");
	if ((l = load("wellarchitected")) != NULL) {
		determinism(l);
		bad_input(l);
		lens_free(l);
	}
	workload();
	return tap_done();
}
