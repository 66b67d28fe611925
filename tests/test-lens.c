/* test-lens.c: the lens loader and validator. */
#include "config.h"

#include <dirent.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <sys/wait.h>

#include "base/diag.h"
#include "model/lens-check.h"
#include "files/lens-emit.h"
#include "model/lens-pack.h"
#include "model/yval.h"
#include "files/lens-load.h"
#include "model/risk.h"
#include "tap.h"
#include "base/util.h"

static struct lens *
load(const char *text, struct diags *d)
{
	diags_init(d, "x.yaml");
	return lens_load(text, strlen(text), "x", d);
}

/* True when some diagnostic is at line:col with this severity and text. */
static int
has_diag(const struct diags *d, enum severity sev, int line, int col,
    const char *needle)
{
	for (size_t i = 0; i < d->n; i++) {
		const struct diag *g = &d->v[i];

		if (g->sev == sev && (line == 0 || g->line == line) &&
		    (col == 0 || g->col == col) &&
		    strstr(g->msg, needle) != NULL)
			return 1;
	}
	for (size_t i = 0; i < d->n; i++)
		printf("#   have %d:%d: %s\n", d->v[i].line, d->v[i].col,
		    d->v[i].msg);
	return 0;
}

static const char good[] =
"# a comment\n"
"lens: demo\n"
"version: \"1\"\n"
"title: Demo\n"
"title@de: Vorführung\n"
"pillars:\n"
"  - id: security\n"
"    code: SEC\n"
"    title: Security\n"
"    questions:\n"
"      - id: identities\n"
"        number: SEC 1\n"
"        title: How do you manage identities?\n"
"        title@fr: Comment gérez-vous les identités ?\n"
"        description: Short.\n"
"        choices:\n"
"          - id: sec_a\n"
"            code: SEC01-BP01\n"
"            title: Use a central identity provider\n"
"            risk: high\n"
"            url: https://example.org/a\n"
"            helpful: Good looks like this.\n"
"            improvement: Do this first.\n"
"          - id: sec_b\n"
"            title: \"Rotate: keys\"\n"
"            risk: medium\n"
"          - id: sec_identities_no\n"
"            title: None of these\n";

static void
test_yaml(void)
{
	struct diags		 d;
	struct lens		*l = load(good, &d);
	const struct question	*q;
	const struct choice	*c;

	ok(l != NULL && d.n == 0, "a good YAML lens loads without a word");
	if (l == NULL) {
		diags_free(&d);
		return;
	}
	is_str(l->id, "demo", "lens id");
	is_str(l->version, "1", "lens version");
	ok(l->format == LENS_YAML, "format is YAML");
	is_int(l->npillars, 1, "one pillar");
	is_str(l->pillars[0].code, "SEC", "pillar code");
	q = lens_question(l, "identities");
	ok(q != NULL, "question found by id");
	is_str(q->number, "SEC 1", "question number");
	is_int(q->nchoices, 3, "three choices");
	c = question_choices(q);
	is_str(c[0].code, "SEC01-BP01", "choice code");
	ok(c[0].risk == LEVEL_HIGH && c[1].risk == LEVEL_MEDIUM, "risk levels");
	is_str(c[0].url, "https://example.org/a", "url");
	is_str(text_get(&c[0].helpful), "Good looks like this.",
	    "helpful text");
	is_str(text_get(&c[0].improvement), "Do this first.",
	    "improvement text");
	is_str(text_get(&c[1].title), "Rotate: keys", "quoted title");
	ok(c[2].none, "an id ending in _no is None of these");
	ok(question_none_choice(q) == &c[2], "none choice found");
	ok(q->pillar == &l->pillars[0] && l->pillars[0].lens == l,
	    "back pointers");
	is_int(q->pos.line, 11, "question position: line");
	is_int(q->pos.col, 9, "question position: column");

	text_set_language("de_DE.UTF-8");
	is_str(text_get(&l->title), "Vorführung", "German title with LANG=de");
	is_str(text_get(&q->title), "How do you manage identities?",
	    "no German question title: the base text");
	text_set_language("fr");
	is_str(text_get(&q->title), "Comment gérez-vous les identités ?",
	    "French question title");
	text_set_language("C");
	is_str(text_get(&l->title), "Demo", "C locale: base text");
	lens_free(l);
	diags_free(&d);
}

static void
expect_error(const char *text, int line, int col, const char *needle,
    const char *what)
{
	struct diags	 d;
	struct lens	*l = load(text, &d);

	ok(l == NULL && has_diag(&d, SEV_ERROR, line, col, needle),
	    "%s: error at %d:%d", what, line, col);
	lens_free(l);
	diags_free(&d);
}

static void
expect_warning(const char *text, int line, int col, const char *needle,
    const char *what)
{
	struct diags	 d;
	struct lens	*l = load(text, &d);

	ok(l != NULL && d.nerrors == 0 && has_diag(&d, SEV_WARNING, line,
	    col, needle), "%s: warning at %d:%d", what, line, col);
	lens_free(l);
	diags_free(&d);
}

#define HEAD "lens: x\ntitle: X\npillars:\n  - id: p\n    title: P\n" \
	"    questions:\n      - id: q\n        title: Q\n        choices:\n"

static void
test_errors(void)
{
	expect_error("lens: x\ntitle: [unclosed\n", 3, 1, "",
	    "broken YAML");
	expect_error("", 1, 1, "empty", "an empty file");
	expect_error("- a\n- b\n", 1, 1, "mapping", "a list where a lens "
	    "belongs");
	expect_error(HEAD "          - {id: a, title: A}\n"
	    "          - {id: a, title: B}\n", 11, 13, "duplicate choice",
	    "duplicate choice ids");
	expect_error(HEAD "          - {id: a, title: A}\n"
	    "      - id: q\n        title: Q2\n        choices: [{id: b, "
	    "title: B}]\n", 11, 9, "duplicate question", "duplicate question "
	    "ids");
	expect_error(HEAD "          - {id: a, title: A}\n        rules:\n"
	    "          - {if: \"a && zz\", risk: high}\n", 12, 13,
	    "unknown choice \"zz\"", "a dangling id in a rule");
	expect_error(HEAD "          - {id: a, title: A}\n        rules:\n"
	    "          - {if: \"a &&\", risk: high}\n", 12, 13,
	    "choice id expected", "a malformed condition");
	expect_error(HEAD "          - {id: a, title: A, risk: severe}\n", 10,
	    37, "risk must be", "an unknown risk level");
	expect_error(HEAD "          - {id: a, title: A}\n        rules:\n"
	    "          - {if: a, risk: CRITICAL}\n", 12, 27, "HIGH_RISK",
	    "an unknown rule risk");
	expect_error(HEAD "          - {id: a, title: \"\"}\n", 10, 13,
	    "no title", "an empty title");
	expect_error(HEAD "          - {id: a, title: [x, y]}\n", 10, 28,
	    "must be a text", "a list where a title belongs");
	expect_error(HEAD "          - {title: A}\n", 10, 13, "no id",
	    "a choice without id");
	expect_error(HEAD "          - {id: \"a b\", title: A}\n", 10, 18,
	    "space", "an id with a space");
	expect_error("lens: x\ntitle: X\npillars: []\n", 3, 10, "no pillars",
	    "no pillars");
	expect_error(HEAD "          - {id: a, title: A, none: maybe}\n", 10,
	    37, "true or false", "a bad boolean");
}

static void
test_warnings(void)
{
	struct buf long_title = { 0 };

	expect_warning(HEAD "          - {id: a, title: A, colour: red}\n", 10,
	    31, "unknown key \"colour\"", "an unknown key");
	expect_warning(HEAD "          - {id: a, title: A}\n        rules:\n"
	    "          - {if: a, risk: high}\n", 7, 9, "no default rule",
	    "rules without a default");
	expect_warning(HEAD "          - {id: a, title: A}\n        rules:\n"
	    "          - {if: default, risk: high}\n"
	    "          - {if: a, risk: none}\n", 12, 13, "never reached",
	    "a rule after the default");
	buf_adds(&long_title, HEAD "          - {id: a, title: \"");
	for (int i = 0; i < 300; i++)
		buf_addc(&long_title, 'x');
	buf_adds(&long_title, "\"}\n");
	expect_warning(long_title.s, 10, 28, "over the limit",
	    "an over-long title");
	buf_free(&long_title);
}

static void
test_json(void)
{
	static const char json[] =
	"{\n"
	"  \"schemaVersion\": \"2021-11-01\",\n"
	"  \"_version\": \"1.0\",\n"
	"  \"name\": \"J\",\n"
	"  \"description\": \"d\",\n"
	"  \"pillars\": [{\"id\": \"P1\", \"name\": \"Pillar\", \"questions\": [{\n"
	"    \"id\": \"Q1\", \"title\": NaN, \"description\": \"\\u00e9\\/x\",\n"
	"    \"choices\": [\n"
	"      {\"id\": \"c1\", \"title\": \"One\",\n"
	"       \"helpfulResource\": {\"displayText\": \"h\", \"Url\": \"u\"},\n"
	"       \"improvementPlan\": {\"displayText\": \"i\", \"url\": \"v\"}},\n"
	"      {\"id\": \"c2\", \"title\": \"Two\", \"additionalResources\": []},\n"
	"      {\"id\": \"Q1_no\", \"title\": \"None\"}],\n"
	"    \"riskRules\": [\n"
	"      {\"condition\": \"c1 && c2\", \"risk\": \"NO_RISK\"},\n"
	"      {\"condition\": \"(!c1) || (!c2)\", \"risk\": \"HIGH_RISK\"}]\n"
	"  }]}]\n"
	"}\n";
	struct diags		 d;
	struct lens		*l;
	const struct question	*q;
	const struct choice	*c;

	diags_init(&d, "j.json");
	l = lens_load(json, strlen(json), "my-lens", &d);
	ok(l != NULL && d.nerrors == 0, "an untidy AWS JSON lens loads");
	if (l == NULL) {
		diags_print(&d, stdout);
		diags_free(&d);
		return;
	}
	ok(l->format == LENS_AWS_JSON, "format is AWS JSON");
	is_str(l->id, "my-lens", "the id comes from the file name");
	is_str(text_get(&l->title), "J", "name is the title");
	q = lens_question(l, "Q1");
	is_str(text_get(&q->title), "NaN", "a bare NaN title is kept as text");
	ok(has_diag(&d, SEV_WARNING, 7, 26, "not a JSON string"),
	    "and reported with its position");
	ok(has_diag(&d, SEV_WARNING, 3, 3, "unknown key \"_version\""),
	    "extra keys are reported");
	ok(has_diag(&d, SEV_WARNING, 10, 48, "\"Url\" read as \"url\""),
	    "Url with a capital U is read, with a warning");
	c = question_choices(q);
	is_str(c[0].url, "u", "the Url is the helpful resource link");
	is_str(c[0].improvement_url, "v", "improvement plan link");
	is_str(text_get(&c[0].helpful), "h", "helpful text");
	is_str(text_get(&q->description), "\xc3\xa9/x", "JSON escapes");
	ok(c[2].none, "Q1_no is None of these");
	ok(has_diag(&d, SEV_WARNING, 6, 60, "no default rule"),
	    "missing default rule is reported");
	is_int(q->nrules, 2, "two rules");
	lens_free(l);
	diags_free(&d);
}

/* Every real AWS custom lens loads, and each of its questions has rules
 * that parse. */
static void
test_shared(void)
{
	const char	*top = getenv("top_srcdir");
	char		*path;
	DIR		*dh;
	struct dirent	*e;
	int		 n = 0;

	/* Real AWS custom lenses (MIT-0), kept in tests/lenses/aws/. */
	path = xasprintf("%s/tests/lenses/aws", top != NULL ? top : ".");
	if ((dh = opendir(path)) == NULL) {
		ok(0, "%s: the AWS custom lenses are there", path);
		free(path);
		return;
	}
	while ((e = readdir(dh)) != NULL) {
		struct diags	 d;
		struct lens	*l;
		char		*f;
		size_t		 rules = 0;

		if (!str_ends_with(e->d_name, ".json"))
			continue;
		f = path_join(path, e->d_name);
		diags_init(&d, f);
		l = lens_load_file(f, &d);
		if (l != NULL)
			lens_check(l, false, &d);
		for (size_t i = 0; l != NULL && i < l->npillars; i++)
			for (size_t j = 0; j < l->pillars[i].nquestions; j++)
				rules += l->pillars[i].questions[j].nrules;
		ok(l != NULL && d.nerrors == 0 && l->nquestions > 0 &&
		    rules > 0, "%s loads (%zu questions, %zu rules, %zu "
		    "warnings)", e->d_name, l ? l->nquestions : 0, rules, d.n);
		n++;
		lens_free(l);
		diags_free(&d);
		free(f);
	}
	closedir(dh);
	free(path);
	ok(n >= 5, "all shared AWS lenses were tried (%d)", n);
}

static void
test_truncated(void)
{
	size_t n = strlen(good);
	int crashed = 0;

	/* Every prefix of a good lens either loads or fails with a message. */
	for (size_t i = 0; i < n; i++) {
		struct diags	 d;
		struct lens	*l;

		diags_init(&d, "x");
		l = lens_load(good, i, "x", &d);
		if (l == NULL && d.nerrors == 0)
			crashed++;
		lens_free(l);
		diags_free(&d);
	}
	is_int(crashed, 0, "every truncation of a lens is loaded or explained");
}

/* Aliases and nesting are bounded: a small file cannot take all memory or
 * time, and what was refused is shown where it is. Nothing here is timed
 * (speed is for make bench): a loader that expanded the aliases or paired
 * every two ids would not finish within the suite's time. */
static void
test_limits(void)
{
	struct buf	 b = { 0 };
	struct diags	 d;
	struct lens	*l;

	/* Ten levels of nine aliases each: 10^9 nodes once expanded. */
	buf_adds(&b, "lens: x\ntitle: X\na0: &a0 [lol, lol, lol, lol, lol, lol, "
	    "lol, lol, lol]\n");
	for (int i = 1; i < 10; i++) {
		buf_printf(&b, "a%d: &a%d [", i, i);
		for (int j = 0; j < 9; j++)
			buf_printf(&b, "%s*a%d", j > 0 ? ", " : "", i - 1);
		buf_adds(&b, "]\n");
	}
	buf_adds(&b, HEAD "          - {id: a, title: A}\n");
	expect_error(b.s, 8, 10, "too many aliases", "a billion laughs");
	buf_free(&b);
	expect_error("lens: x\ntitle: X\nk: &a [x, *a]\n", 3, 11,
	    "inside the node it names", "an alias inside its own anchor");
	expect_error("lens: x\ntitle: X\nk: *nope\n", 3, 4, "no anchor",
	    "an alias to no anchor");
	expect_error("lens: x\ntitle: X\nk: &a x\nj: &a y\n", 4, 4,
	    "defined twice", "an anchor defined twice");
	expect_warning("lens: x\nt: &t X\ntitle: *t\npillars:\n  - id: p\n"
	    "    title: *t\n    questions: &qs\n      - id: q\n"
	    "        title: Q\n        choices: [{id: a, title: A}]\n"
	    "  - {id: p2, title: P2, questions: [{id: q2, title: *t, "
	    "choices: [{id: a, title: A}]}]}\n", 2, 1, "unknown key \"t\"",
	    "aliases within the limits still work");

	/* Nesting: 64 levels in all (the lens itself is one), not 65. */
	buf_adds(&b, HEAD "          - {id: a, title: A}\nk: ");
	for (int i = 0; i < 63; i++)
		buf_addc(&b, '[');
	for (int i = 0; i < 63; i++)
		buf_addc(&b, ']');
	buf_addc(&b, '\n');
	expect_warning(b.s, 11, 1, "unknown key \"k\"", "64 levels load");
	buf_free(&b);
	buf_adds(&b, HEAD "          - {id: a, title: A}\nk: ");
	for (int i = 0; i < 40000; i++)
		buf_addc(&b, '[');
	for (int i = 0; i < 40000; i++)
		buf_addc(&b, ']');
	buf_addc(&b, '\n');
	expect_error(b.s, 11, 67, "nested deeper than 64 levels",
	    "40,000 levels of lists");
	buf_free(&b);

	/* Duplicate ids among 100,000 choices: sorted, not pair by pair. */
	buf_adds(&b, HEAD);
	for (int i = 0; i < 100000; i++)
		buf_printf(&b, "          - {id: c%d, title: C}\n", i);
	buf_adds(&b, "          - {id: c7, title: Again}\n");
	diags_init(&d, "x.yaml");
	l = lens_load(b.s, b.len, "x", &d);
	ok(l == NULL && d.nerrors == 1 && has_diag(&d, SEV_ERROR, 100010, 13,
	    "duplicate choice id \"c7\""), "one duplicate among 100,000 "
	    "choices, at its place");
	lens_free(l);
	diags_free(&d);
	buf_free(&b);
	expect_error("lens: x\ntitle: X\npillars:\n"
	    "  - {id: p, title: P, questions: [{id: q, title: Q, choices: "
	    "[{id: a, title: A}]}]}\n"
	    "  - {id: p, title: P, questions: [{id: q2, title: Q, choices: "
	    "[{id: a, title: A}]}]}\n", 5, 5, "duplicate pillar id \"p\"",
	    "duplicate pillar ids");
}

#define PILLAR(id) "lens: x\ntitle: X\npillars:\n  - id: " id "\n" \
	"    title: P\n    questions:\n      - id: q\n        title: Q\n" \
	"        choices:\n          - {id: a, title: A}\n"
#define QUESTION(id) "lens: x\ntitle: X\npillars:\n  - id: p\n" \
	"    title: P\n    questions:\n      - id: " id "\n" \
	"        title: Q\n        choices:\n          - {id: a, title: A}\n"

/* Lens, pillar and question ids name files: none may leave or hide. */
static void
test_names(void)
{
	static const char json[] = "{\"name\": \"J\", \"pillars\": [{\"id\": "
	    "\"P1\", \"name\": \"P\", \"questions\": [{\"id\": \"Q1\", "
	    "\"title\": \"Q\", \"choices\": [{\"id\": \"c1\", \"title\": "
	    "\"C\"}]}]}]}\n";
	struct buf	 b = { 0 };
	struct diags	 d;
	struct lens	*l;

	expect_error("lens: \"..\"\ntitle: X\npillars:\n  - id: p\n"
	    "    title: P\n    questions:\n      - id: q\n        title: Q\n"
	    "        choices:\n          - {id: a, title: A}\n", 1, 7,
	    "lens id \"..\" cannot name a file: it starts with a dot",
	    "a lens id ..");
	expect_error(PILLAR("\"..\""), 4, 9, "pillar id \"..\" cannot name",
	    "a pillar id ..");
	expect_error(PILLAR("\".\""), 4, 9, "starts with a dot",
	    "a pillar id .");
	expect_error(QUESTION(".hidden"), 7, 13, "question id \".hidden\" "
	    "cannot name a file: it starts with a dot", "a question id that "
	    "would be a dot file");
	expect_error(QUESTION("a/b"), 7, 13, "slash", "a slash in a question id");
	expect_error(PILLAR("\"\""), 4, 9, "is empty", "an empty pillar id");
	expect_error(QUESTION("\"a\\x01b\""), 7, 13, "control character",
	    "a C0 control in a question id");
	expect_error(QUESTION("\"a\\x7fb\""), 7, 13, "control character",
	    "DEL in a question id");
	expect_error(QUESTION("\"a\\u0085b\""), 7, 13, "control character",
	    "a C1 control (NEL) in a question id");
	expect_error(QUESTION("\"a\\0b\""), 7, 13, "NUL", "a NUL in a "
	    "question id");
	expect_error(QUESTION("\"a\\tb\""), 7, 13, "control character",
	    "a tab in a question id");
	buf_adds(&b, "lens: x\ntitle: X\npillars:\n  - id: ");
	for (int i = 0; i < 129; i++)
		buf_addc(&b, 'p');
	buf_adds(&b, "\n    title: P\n    questions:\n      - id: q\n"
	    "        title: Q\n        choices:\n          - {id: a, title: "
	    "A}\n");
	expect_error(b.s, 4, 9, "over 128 bytes", "a pillar id of 129 bytes");
	buf_free(&b);
	expect_error("{\"name\": \"J\", \"pillars\": [{\"id\": \"..\", "
	    "\"name\": \"P\", \"questions\": [{\"id\": \"Q1\", \"title\": "
	    "\"Q\", \"choices\": [{\"id\": \"c1\", \"title\": \"C\"}]}]}]}\n",
	    1, 34, "pillar id \"..\" cannot name a file", "a pillar id .. in "
	    "AWS JSON");
	l = load(QUESTION("q.v2"), &d);
	ok(l != NULL && d.n == 0, "a dot inside an id is fine");
	lens_free(l);
	diags_free(&d);

	/* The id given by the caller (a file's name) is checked too. */
	diags_init(&d, "x.json");
	l = lens_load(json, strlen(json), "..", &d);
	ok(l == NULL && has_diag(&d, SEV_ERROR, 0, 0, "lens id \"..\" cannot"),
	    "a lens named .. by its caller is refused");
	lens_free(l);
	diags_free(&d);
}


/* --- The compiled lens cache --- */

static bool
same_str(const char *a, const char *b)
{
	return a == NULL || b == NULL ? a == b : strcmp(a, b) == 0;
}

static bool
same_text(const struct text *a, const struct text *b)
{
	if (!same_str(a->base, b->base) || a->n != b->n)
		return false;
	for (size_t i = 0; i < a->n; i++)
		if (!same_str(a->lang[i], b->lang[i]) ||
		    !same_str(a->value[i], b->value[i]))
			return false;
	return true;
}

static bool
same_yval(const struct yval *a, const struct yval *b)
{
	return a == NULL || b == NULL ? a == b :
	    a->line == b->line && a->quoted == b->quoted && yval_equal(a, b);
}

static bool
same_pos(struct pos a, struct pos b)
{
	return a.line == b.line && a.col == b.col;
}

static bool
same_strs(char *const *a, size_t na, char *const *b, size_t nb)
{
	if (na != nb)
		return false;
	for (size_t i = 0; i < na; i++)
		if (!same_str(a[i], b[i]))
			return false;
	return true;
}

static bool
same_question(const struct question *a, const struct question *b)
{
	if (!same_strs(a->ask, a->nask, b->ask, b->nask) ||
	    !same_strs(a->evidence, a->nevidence, b->evidence, b->nevidence))
		return false;
	if (!same_str(a->id, b->id) || !same_str(a->number, b->number) ||
	    !same_text(&a->title, &b->title) ||
	    !same_text(&a->description, &b->description) ||
	    !same_str(a->url, b->url) || !same_yval(a->extra, b->extra) ||
	    !same_pos(a->pos, b->pos) || a->nchoices != b->nchoices ||
	    a->nrules != b->nrules || a->index != b->index ||
	    a->nask != b->nask || a->nevidence != b->nevidence)
		return false;
	for (size_t i = 0; i < a->nask; i++)
		if (!same_str(a->ask[i], b->ask[i]))
			return false;
	for (size_t i = 0; i < a->nevidence; i++)
		if (!same_str(a->evidence[i], b->evidence[i]))
			return false;
	for (size_t i = 0; i < a->nchoices; i++) {
		const struct choice *x = &question_choices(a)[i],
		    *y = &question_choices(b)[i];

		if (!same_str(x->id, y->id) || !same_str(x->code, y->code) ||
		    !same_text(&x->title, &y->title) ||
		    !same_text(&x->helpful, &y->helpful) ||
		    !same_text(&x->improvement, &y->improvement) ||
		    !same_str(x->url, y->url) ||
		    !same_str(x->improvement_url, y->improvement_url) ||
		    x->risk != y->risk || x->none != y->none ||
		    !same_yval(x->extra, y->extra) || !same_pos(x->pos, y->pos))
			return false;
	}
	for (size_t i = 0; i < a->nrules; i++) {
		const struct rule *x = &question_rules(a)[i],
		    *y = &question_rules(b)[i];

		if (!same_str(x->text, y->text) || x->risk != y->risk ||
		    x->is_default != y->is_default || !same_pos(x->pos, y->pos) ||
		    x->cond.n != y->cond.n || memcmp(x->cond.nodes,
		    y->cond.nodes, x->cond.n * sizeof *x->cond.nodes) != 0)
			return false;
	}
	return true;
}

static bool
same_lens(const struct lens *a, const struct lens *b)
{
	if (!same_str(a->id, b->id) || !same_str(a->version, b->version) ||
	    !same_text(&a->title, &b->title) ||
	    !same_text(&a->description, &b->description) ||
	    a->format != b->format || !same_yval(a->extra, b->extra) ||
	    a->npillars != b->npillars || a->nquestions != b->nquestions)
		return false;
	for (size_t i = 0; i < a->npillars; i++) {
		const struct pillar *x = &a->pillars[i], *y = &b->pillars[i];

		if (!same_str(x->id, y->id) || !same_str(x->code, y->code) ||
		    !same_text(&x->title, &y->title) ||
		    !same_text(&x->description, &y->description) ||
		    !same_yval(x->extra, y->extra) || !same_pos(x->pos, y->pos) ||
		    x->nquestions != y->nquestions)
			return false;
		for (size_t j = 0; j < x->nquestions; j++)
			if (!same_question(&x->questions[j], &y->questions[j]) ||
			    y->questions[j].pillar != y ||
			    lens_question(b, x->questions[j].id) == NULL)
				return false;
	}
	return true;
}

/* Pack and unpack a lens file: the same lens back. */
static void
pack_file(const char *path, const char *name)
{
	struct lens_pack_key	 k;
	struct diags		 d;
	struct lens		*l, *u;
	struct buf		 b = { 0 };
	char			*data, *cause = NULL;
	size_t			 size;

	if (read_file(path, &data, &size, &cause) != 0) {
		ok(0, "%s: %s", name, cause);
		free(cause);
		return;
	}
	diags_init(&d, path);
	l = lens_load(data, size, "x", &d);
	lens_pack_key(&k, data, size, "x");
	ok(l != NULL && lens_pack(l, &k, &b) == 0, "%s packs", name);
	u = lens_unpack(xstrndup(b.s, b.len), b.len, &k);
	ok(u != NULL && l != NULL && same_lens(l, u),
	    "%s unpacks to the lens it was", name);
	lens_free(u);
	lens_free(l);
	diags_free(&d);
	buf_free(&b);
	free(data);
}

/* The size of a pack's index, from its header. */
static uint64_t
index_size(const struct buf *b)
{
	uint64_t n = 0;

	for (int i = 7; i >= 0 && b->len >= 48; i--)
		n = n << 8 | (unsigned char)b->s[32 + i];
	return n;
}

/* A lens's source for a pack, counting how often it is read. */
struct source {
	const char	*text;
	int		 loads;
	int		 done;
};

static struct lens *
source_load(void *arg)
{
	struct source	*s = arg;
	struct diags	 d;
	struct lens	*l = load(s->text, &d);

	s->loads++;
	diags_free(&d);
	return l;
}

static void
source_done(void *arg)
{
	((struct source *)arg)->done++;
}

static struct lens *
source_none(void *arg)
{
	((struct source *)arg)->loads++;
	return NULL;
}

/* How many of the lens's questions have their choices and rules still
 * in the pack. */
static size_t
packed(const struct lens *l)
{
	size_t n = 0;

	for (size_t i = 0; i < l->npillars; i++)
		for (size_t j = 0; j < l->pillars[i].nquestions; j++)
			n += l->pillars[i].questions[j].body != NULL;
	return n;
}

/* Choices and rules read on demand: only those asked for, each checked
 * then; a damaged one read from the source, the others not. */
static void
test_pack_lazy(void)
{
	const char		*text =
	    "lens: p\ntitle: P\npillars:\n"
	    "  - id: a\n    title: A\n    questions:\n"
	    "      - id: q1\n        title: One?\n        choices:\n"
	    "          - id: x\n            title: X\n            risk: high\n"
	    "          - id: q1_no\n            title: None\n"
	    "        rules:\n          - if: \"x\"\n            risk: NO_RISK\n"
	    "          - if: default\n            risk: HIGH_RISK\n"
	    "      - id: q2\n        title: Two?\n        choices:\n"
	    "          - id: y\n            title: Y\n"
	    "            risk: medium\n"
	    "          - id: z\n            title: Z\n            risk: low\n"
	    "  - id: b\n    title: B\n    questions:\n"
	    "      - id: q3\n        title: Three?\n        choices:\n"
	    "          - id: w\n            title: W\n            risk: high\n";
	struct lens_pack_key	 k;
	struct diags		 d;
	struct source		 src = { text, 0, 0 };
	struct lens		*l = load(text, &d), *u;
	struct buf		 b = { 0 };
	const struct question	*q1, *q2, *q3;
	const struct choice	*c;
	char			*copy;
	pid_t			 pid;
	int			 status = 0;

	lens_pack_key(&k, text, strlen(text), "x");
	if (l == NULL || lens_pack(l, &k, &b) != 0) {
		ok(0, "a lens of three questions packs");
		lens_free(l);
		diags_free(&d);
		return;
	}
	u = lens_unpack(xstrndup(b.s, b.len), b.len, &k);
	ok(u != NULL && packed(u) == 3 && u->nquestions == 3,
	    "unpacked, no question's choices are read yet");
	if (u == NULL) {
		lens_free(l);
		diags_free(&d);
		buf_free(&b);
		return;
	}
	q2 = lens_question(u, "q2");
	ok(q2 != NULL && q2->nchoices == 2 && q2->nrules == 0,
	    "the counts are there before the choices");
	c = question_choices(q2);
	ok(c != NULL && streq(c[1].id, "z") && c[1].risk == LEVEL_LOW &&
	    streq(text_get(&c[0].title), "Y"), "the choices when asked for");
	is_int(packed(u), 2, "and those of that question only");
	ok(question_choices(q2) == c, "read once");
	ok(same_lens(l, u) && packed(u) == 0, "all of them read: the lens");
	lens_free(u);

	/* The body of q1 damaged: it is read from the source, once; q2's
	 * is its own. */
	copy = xstrndup(b.s, b.len);
	copy[48 + index_size(&b) + 2] ^= 0x01;
	u = lens_unpack(copy, b.len, &k);
	ok(u != NULL, "a pack with a damaged body unpacks");
	if (u != NULL) {
		lens_pack_source(u, source_load, source_done, &src);
		q1 = lens_question(u, "q1");
		q2 = lens_question(u, "q2");
		q3 = lens_question(u, "q3");
		ok(question_choices(q2) != NULL && src.loads == 0,
		    "a good body is read from the pack");
		c = question_choices(q1);
		ok(src.loads == 1 && c != NULL && streq(c[0].id, "x") &&
		    c[1].none && question_rules(q1)[0].risk == RISK_NONE &&
		    question_rules(q1)[1].is_default,
		    "the damaged one from the source, whole");
		ok(streq(question_choices(q3)[0].id, "w") && src.loads == 1,
		    "which is read once");
		ok(same_lens(l, u), "the lens is the same");
		lens_free(u);
		is_int(src.done, 1, "the source is let go with the lens");
	}

	/* No source, or one that fails: no wrong answer, a message and
	 * exit status 1. */
	for (int i = 0; i < 2; i++) {
		fflush(stdout);
		if ((pid = fork()) == 0) {
			struct source none = { text, 0, 0 };

			if (freopen("/dev/null", "w", stderr) == NULL)
				_exit(3);
			copy = xstrndup(b.s, b.len);
			copy[b.len - 1] ^= 0x01;
			if ((u = lens_unpack(copy, b.len, &k)) == NULL)
				_exit(2);
			if (i == 1)
				lens_pack_source(u, source_none, NULL, &none);
			(void)question_rules(lens_question(u, "q3"));
			_exit(0);
		}
		ok(pid > 0 && waitpid(pid, &status, 0) == pid &&
		    WIFEXITED(status) && WEXITSTATUS(status) == 1,
		    i == 0 ? "a damaged body without a source stops the "
		    "program" : "and so does one whose source fails");
	}

	/* The index damaged, or bodies missing: refused at once. */
	copy = xstrndup(b.s, b.len);
	copy[48 + 3] ^= 0x01;
	ok(lens_unpack(copy, b.len, &k) == NULL, "a damaged index is refused");
	ok(lens_unpack(xstrndup(b.s, b.len - 1), b.len - 1, &k) == NULL,
	    "so is a pack whose last body is cut short");
	lens_free(l);
	diags_free(&d);
	buf_free(&b);
}

static void
test_pack(void)
{
	const char		*top = getenv("top_srcdir"), *text =
	    "lens: p\ntitle: P\ntitle@de: P-de\npillars:\n"
	    "  - id: a\n    title: A\n    questions:\n"
	    "      - id: q\n        title: Q?\n        choices:\n"
	    "          - id: x\n            title: X\n            risk: high\n"
	    "          - id: y\n            title: Y\n            risk: low\n"
	    "          - id: q_no\n            title: None\n"
	    "        rules:\n          - if: \"x && !y || q_no\"\n"
	    "            risk: HIGH_RISK\n          - if: default\n"
	    "            risk: NO_RISK\n";
	const char		*files[] = {
		"data/lenses/wellarchitected.yaml", "data/lenses/wafr-serverless.yaml",
		"data/lenses/wafr-saas.yaml", "data/lenses/wafr-genai.yaml",
		"data/lenses/wafr-ml.yaml", "tests/lenses/edge.json",
		"tests/lenses/aws/Amazon_S3_Lens.json",
		"tests/lenses/aws/custom-lensddb-v1.0.json",
	};
	struct lens_pack_key	 k, other;
	struct diags		 d;
	struct lens		*l, *u;
	struct buf		 b = { 0 };
	size_t			 bad = 0;
	uint64_t		 nindex;

	for (size_t i = 0; i < nitems(files); i++) {
		char *path = xasprintf("%s/%s", top != NULL ? top : ".",
		    files[i]);

		pack_file(path, files[i]);
		free(path);
	}
	l = load(text, &d);
	lens_pack_key(&k, text, strlen(text), "x");
	ok(l != NULL && lens_pack(l, &k, &b) == 0, "a lens with rules packs");
	u = lens_unpack(xstrndup(b.s, b.len), b.len, &k);
	ok(u != NULL && same_lens(l, u), "and unpacks the same");
	lens_free(u);
	/* Another source, another default id: not this pack. */
	other = k;
	other.hash ^= 1;
	ok(lens_unpack(xstrndup(b.s, b.len), b.len, &other) == NULL,
	    "a pack of other bytes is refused");
	other = k;
	other.default_id = "y";
	ok(lens_unpack(xstrndup(b.s, b.len), b.len, &other) == NULL,
	    "a pack made for another default id is refused");
	/* Cut short anywhere, or any byte changed: refused, never read. */
	for (size_t n = 0; n < b.len; n++) {
		if ((u = lens_unpack(xstrndup(b.s, n), n, &k)) != NULL)
			bad++;
		lens_free(u);
	}
	ok(bad == 0, "a pack cut short is refused (%zu of %zu)", bad, b.len);
	/* A byte changed in the header or the index: refused. In a body: the
	 * lens unpacks, and reading that body reads the source again, which
	 * answers the same. */
	nindex = index_size(&b);
	for (size_t n = 0; n < b.len; n++) {
		struct source	 src = { text, 0, 0 };
		char		*copy = xmalloc(b.len);
		bool		 in_body = n >= 48 + nindex;

		memcpy(copy, b.s, b.len);
		copy[n] ^= 0x5a;
		u = lens_unpack(copy, b.len, &k);
		if (u != NULL)
			lens_pack_source(u, source_load, source_done, &src);
		if (in_body ? u == NULL || !same_lens(l, u) : u != NULL)
			bad++;
		lens_free(u);
		if (in_body ? src.loads != 1 || src.done != 1 : src.loads != 0)
			bad++;
	}
	ok(bad == 0, "a pack with a byte changed is refused, or read from the "
	    "source where a body is damaged (%zu of %zu)", bad, b.len);
	ok(nindex > 0 && nindex + 48 < b.len, "the pack has an index and "
	    "bodies (%zu and %zu bytes)", (size_t)nindex, b.len - 48 - nindex);
	lens_free(l);
	diags_free(&d);
	buf_free(&b);
	test_pack_lazy();
}

/* ask: and evidence: load, survive the YAML form, and are judged. */
static void
test_ask_evidence(void)
{
	static const char text[] = HEAD
	    "          - id: c_a\n            title: A\n            risk: high\n"
	    "        ask:\n          - Who can read the keys?\n"
	    "          - \"When did you last rotate one?\"\n"
	    "        evidence:\n          - the KMS key policy\n"
	    "          - CloudTrail Decrypt events for the last 30 days\n"
	    "          - the last restore test's report\n";
	static const char one[] = HEAD
	    "          - id: c_a\n            title: A\n"
	    "        ask: [only one]\n        evidence: [a, b, c, d, e, f]\n";
	static const char empty[] = HEAD
	    "          - id: c_a\n            title: A\n"
	    "        ask: [\"\", \" \"]\n";
	struct diags	 d;
	struct lens	*l = load(text, &d), *again;
	struct buf	 b = { 0 };
	char		*cause = NULL;

	ok(l != NULL && d.n == 0, "a lens with ask: and evidence: loads");
	if (l == NULL) {
		diags_free(&d);
		return;
	}
	is_int(l->pillars[0].questions[0].nask, 2, "two ask: texts");
	is_str(l->pillars[0].questions[0].ask[1],
	    "When did you last rotate one?", "the second ask: text");
	is_int(l->pillars[0].questions[0].nevidence, 3, "three evidence: texts");
	lens_check(l, false, &d);
	is_int(d.n, 0, "lens check is clean on them");
	ok(lens_emit_yaml(l, &b, &cause) == 0, "the YAML form is written");
	diags_free(&d);
	again = b.s != NULL ? load(b.s, &d) : NULL;
	ok(again != NULL && again->pillars[0].questions[0].nevidence == 3 &&
	    strcmp(again->pillars[0].questions[0].evidence[2],
	    "the last restore test's report") == 0 &&
	    again->pillars[0].questions[0].nask == 2,
	    "ask: and evidence: survive the YAML form");
	lens_free(again);
	lens_free(l);
	buf_free(&b);
	free(cause);
	diags_free(&d);

	l = load(one, &d);
	ok(l != NULL, "lists of the wrong size load");
	if (l != NULL)
		lens_check(l, false, &d);
	ok(has_diag(&d, SEV_ERROR, 7, 9, "ask has 1 item;"),
	    "lens check: one ask: text is too few");
	ok(has_diag(&d, SEV_ERROR, 7, 9, "evidence has 6 items"),
	    "lens check: six evidence: texts are too many");
	lens_free(l);
	diags_free(&d);

	l = load(empty, &d);
	if (l != NULL)
		lens_check(l, false, &d);
	ok(has_diag(&d, SEV_ERROR, 7, 9, "item 1 of ask is empty") &&
	    has_diag(&d, SEV_ERROR, 7, 9, "item 2 of ask is empty"),
	    "lens check: an empty or blank text is an error");
	lens_free(l);
	diags_free(&d);

	expect_error(HEAD "          - id: c_a\n            title: A\n"
	    "        ask: {a: b}\n", 12, 14, "must be a list",
	    "ask: as a mapping");
}

int
main(void)
{
	test_yaml();
	test_errors();
	test_warnings();
	test_json();
	test_shared();
	test_truncated();
	test_limits();
	test_names();
	test_pack();
	test_ask_evidence();
	return tap_done();
}
