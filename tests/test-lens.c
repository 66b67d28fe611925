/* test-lens.c: the lens loader and validator. */
#include "config.h"

#include <dirent.h>
#include <stdlib.h>
#include <string.h>

#include "base/diag.h"
#include "model/lens-check.h"
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
	is_str(q->choices[0].code, "SEC01-BP01", "choice code");
	ok(q->choices[0].risk == LEVEL_HIGH && q->choices[1].risk ==
	    LEVEL_MEDIUM, "risk levels");
	is_str(q->choices[0].url, "https://example.org/a", "url");
	is_str(text_get(&q->choices[0].helpful), "Good looks like this.",
	    "helpful text");
	is_str(text_get(&q->choices[0].improvement), "Do this first.",
	    "improvement text");
	is_str(text_get(&q->choices[1].title), "Rotate: keys", "quoted title");
	ok(q->choices[2].none, "an id ending in _no is None of these");
	ok(question_none_choice(q) == &q->choices[2], "none choice found");
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
	is_str(q->choices[0].url, "u", "the Url is the helpful resource link");
	is_str(q->choices[0].improvement_url, "v", "improvement plan link");
	is_str(text_get(&q->choices[0].helpful), "h", "helpful text");
	is_str(text_get(&q->description), "\xc3\xa9/x", "JSON escapes");
	ok(q->choices[2].none, "Q1_no is None of these");
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
	const char	*dir = getenv("SHARED_LENSES");
	char		*path;
	DIR		*dh;
	struct dirent	*e;
	int		 n = 0;

	if (dir == NULL) {
		printf("ok %d # SKIP SHARED_LENSES not set\n", ++tap_n);
		return;
	}
	path = xasprintf("%s/aws-custom", dir);
	if ((dh = opendir(path)) == NULL) {
		printf("ok %d # SKIP no %s\n", ++tap_n, path);
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

int
main(void)
{
	test_yaml();
	test_errors();
	test_warnings();
	test_json();
	test_shared();
	test_truncated();
	return tap_done();
}
