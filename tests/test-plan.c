/* test-plan.c: the improvement plan and roadmap orderings. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "base/diag.h"
#include "files/lens-load.h"
#include "model/plan.h"
#include "report/report.h"
#include "tap.h"
#include "base/util.h"

/* Every question: x (high), y (medium), z (low), none of these. */
#define Q(id) \
"      - id: " id "\n" \
"        title: Question " id "\n" \
"        choices:\n" \
"          - {id: " id "_x, title: X, risk: high}\n" \
"          - {id: " id "_y, title: Y, risk: medium}\n" \
"          - {id: " id "_z, title: Z, risk: low}\n" \
"          - {id: " id "_no, title: None of these, none: true}\n"

static const char lens_text[] =
"lens: t\nversion: \"1\"\ntitle: Test\npillars:\n"
"  - id: p1\n    title: Pillar one\n    questions:\n" Q("q1") Q("q2") Q("q3")
"  - id: p2\n    title: Pillar two\n    questions:\n" Q("q4") Q("q5");

static struct state *
ws_new(void)
{
	struct state	*ws = state_new();
	struct diags	 d;
	struct lens	*l;

	diags_init(&d, "test");
	l = lens_load(lens_text, strlen(lens_text), "t", &d);
	if (l == NULL) {
		diags_print(&d, stdout);
		exit(1);
	}
	diags_free(&d);
	state_add_lens(ws, l, "t");
	kv_set(&ws->workload, "name", "Test");
	return ws;
}

static void
ws_free(struct state *ws)
{
	state_free(ws);
}

static struct answer *
ans(struct state *ws, const char *q)
{
	return &ws->answers[0][lens_question(ws->lenses[0], q)->index];
}

/* Answer q by choice suffixes: "x", "xy", "no". */
static void
answer(struct state *ws, const char *q, const char *sel)
{
	char id[32];

	if (strcmp(sel, "no") == 0) {
		snprintf(id, sizeof id, "%s_no", q);
		answer_select(ans(ws, q), id, true);
		return;
	}
	for (; *sel != '\0'; sel++) {
		snprintf(id, sizeof id, "%s_%c", q, *sel);
		answer_select(ans(ws, q), id, true);
	}
}

static void
item(struct state *ws, const char *q, enum item_status s, enum effort e)
{
	struct roadmap_item **it;

	it = &ws->roadmap[0][lens_question(ws->lenses[0], q)->index];
	roadmap_item_free(*it);
	*it = xcalloc(1, sizeof **it);
	(*it)->status = s;
	(*it)->effort = e;
}

/* The plan's question ids, blank-separated. */
static char *
plan_order(const struct state *ws)
{
	struct plan	pl;
	struct buf	b = { 0 };

	plan_build(ws, &pl);
	for (size_t i = 0; i < pl.n; i++)
		buf_printf(&b, "%s%s", i > 0 ? " " : "", pl.v[i].ref.q->id);
	plan_free(&pl);
	return buf_take(&b);
}

static char *
roadmap_order(const struct state *ws, const struct state *base,
    struct roadmap_view *rv)
{
	struct buf b = { 0 };

	roadmap_build(ws, base, rv);
	for (size_t i = 0; i < rv->n; i++)
		buf_printf(&b, "%s%s", i > 0 ? " " : "", rv->v[i].ref.q->id);
	return buf_take(&b);
}

static char *
missing(const struct state *ws, const char *q)
{
	const struct question	 *qu = lens_question(ws->lenses[0], q);
	const struct choice	**v;
	size_t			  n;
	struct buf		  b = { 0 };

	n = plan_missing(qu, ans((struct state *)ws, q), &v);
	for (size_t i = 0; i < n; i++)
		buf_printf(&b, "%s%s", i > 0 ? " " : "", v[i]->id);
	free(v);
	return buf_take(&b);
}

static void
check(char *got, const char *want, const char *what)
{
	is_str(got, want, "%s", what);
	free(got);
}

int
main(void)
{
	struct state	*ws = ws_new(), *base;
	struct roadmap_view	 rv;
	struct plan		 pl;
	struct buf		 b = { 0 };
	char			*cause = NULL, *text;

	check(plan_order(ws), "", "nothing answered: an empty plan");

	answer(ws, "q1", "x");		/* medium */
	answer(ws, "q2", "no");		/* high */
	answer(ws, "q3", "xy");		/* none */
	answer(ws, "q4", "no");		/* high */
	answer(ws, "q5", "x");		/* medium */
	check(plan_order(ws), "q2 q4 q1 q5",
	    "by risk, then pillar, then question order");
	plan_build(ws, &pl);
	is_int(pl.high, 2, "two high-risk findings");
	is_int(pl.medium, 2, "two medium-risk findings");
	is_int(pl.v[0].risk, RISK_HIGH, "the first finding is high");
	plan_free(&pl);

	kv_set(&ws->workload, "pillar-priorities", "p2");
	check(plan_order(ws), "q4 q2 q5 q1",
	    "a prioritized pillar comes first within each risk");
	kv_set(&ws->workload, "pillar-priorities", "p2, p1");
	check(plan_order(ws), "q4 q2 q5 q1", "a list with blanks");
	kv_set(&ws->workload, "pillar-priorities", "p1,p2");
	check(plan_order(ws), "q2 q4 q1 q5", "the lens order, spelled out");
	kv_set(&ws->workload, "pillar-priorities", "");
	check(plan_order(ws), "q2 q4 q1 q5", "an empty list: lens order");

	ok(plan_check_priorities(ws, "p2,p1", &cause) == 0,
	    "known pillars are accepted");
	ok(plan_check_priorities(ws, "p2,nope", &cause) == -1 &&
	    cause != NULL && strstr(cause, "nope") != NULL,
	    "an unknown pillar is refused by name");
	free(cause);

	check(missing(ws, "q2"), "q2_x q2_y q2_z",
	    "none of these: every practice is missing, riskiest first");
	check(missing(ws, "q1"), "q1_y q1_z", "selected practices are not "
	    "missing");
	answer_set_choice_na(ans(ws, "q1"), "q1_y", "OUT_OF_SCOPE");
	check(missing(ws, "q1"), "q1_z", "a practice that does not apply is "
	    "not missing");
	check(plan_order(ws), "q2 q4 q5", "with its only medium practice not "
	    "applicable, q1 leaves the plan");
	answer_set_choice_na(ans(ws, "q1"), "q1_y", NULL);

	/* The roadmap: by status, then severity, then effort. */
	item(ws, "q1", STATUS_OPEN, EFFORT_SMALL);
	item(ws, "q2", STATUS_OPEN, EFFORT_LARGE);
	item(ws, "q4", STATUS_OPEN, EFFORT_SMALL);
	item(ws, "q5", STATUS_IN_PROGRESS, EFFORT_SMALL);
	item(ws, "q3", STATUS_DONE, EFFORT_MEDIUM);
	check(roadmap_order(ws, NULL, &rv), "q4 q2 q1 q5 q3",
	    "open first; high before medium; small before large");
	is_int(rv.ngroup[STATUS_OPEN], 3, "three open");
	is_int(rv.ngroup[STATUS_IN_PROGRESS], 1, "one in progress");
	is_int(rv.group[STATUS_IN_PROGRESS], 3, "in progress after open");
	is_int(rv.ngroup[STATUS_DONE], 1, "one done");
	is_int(rv.group[STATUS_DONE], 4, "done after in progress");
	is_int(rv.ngroup[STATUS_ACCEPTED], 0, "none accepted");
	is_int(rv.group[STATUS_ACCEPTED], 5, "an empty group starts at the end");
	is_int(rv.hri, 2, "two HRIs");
	is_int(rv.hri_open, 2, "both open");
	ok(!rv.has_baseline, "no milestone, no baseline");
	roadmap_view_free(&rv);

	item(ws, "q2", STATUS_OPEN, EFFORT_UNSET);
	item(ws, "q1", STATUS_OPEN, EFFORT_LARGE);
	check(roadmap_order(ws, NULL, &rv), "q4 q2 q1 q5 q3",
	    "an unsized item comes after the sized ones of its severity");
	roadmap_view_free(&rv);

	kv_set(&ws->workload, "pillar-priorities", "p2");
	item(ws, "q2", STATUS_OPEN, EFFORT_SMALL);
	check(roadmap_order(ws, NULL, &rv), "q4 q2 q1 q5 q3",
	    "same severity and effort: the pillar priorities decide");
	roadmap_view_free(&rv);
	kv_set(&ws->workload, "pillar-priorities", "p1");
	check(roadmap_order(ws, NULL, &rv), "q2 q4 q1 q5 q3",
	    "... in either direction");
	roadmap_view_free(&rv);

	item(ws, "q4", STATUS_ACCEPTED, EFFORT_SMALL);
	check(roadmap_order(ws, NULL, &rv), "q2 q1 q5 q3 q4",
	    "accepted risks come last");
	is_int(rv.hri, 2, "an accepted HRI is still an HRI");
	is_int(rv.hri_open, 1, "... but not an open one");
	roadmap_view_free(&rv);

	/* Status and risk agree: done on a question still at risk is open. */
	item(ws, "q2", STATUS_DONE, EFFORT_SMALL);
	check(roadmap_order(ws, NULL, &rv), "q2 q1 q5 q3 q4",
	    "done while still high risk: listed with the open ones");
	is_int(rv.hri_open, 1, "... and counted as open");
	is_int(rv.ngroup[STATUS_DONE], 1, "only the fixed one is done");
	is_int(roadmap_item_state(rv.v[0].item, rv.v[0].risk),
	    ITEM_DONE_RISK_OPEN, "its state: done, risk still open");
	is_str(roadmap_entry_hint(&rv.v[0]), "Done, risk still open",
	    "... which views show");
	ok(roadmap_item_open(rv.v[0].item, RISK_MEDIUM) &&
	    !roadmap_item_open(rv.v[0].item, RISK_NONE),
	    "done at medium risk is open; done without risk is closed");
	is_int(roadmap_item_state(rv.v[3].item, rv.v[3].risk), ITEM_DONE,
	    "done on a question without risk: done");
	ok(roadmap_entry_hint(&rv.v[3]) == NULL, "... with nothing to say");
	roadmap_view_free(&rv);
	item(ws, "q3", STATUS_OPEN, EFFORT_MEDIUM);
	check(roadmap_order(ws, NULL, &rv), "q2 q1 q3 q5 q4",
	    "open on a question no longer a finding");
	ok(roadmap_item_closable(rv.v[2].item, rv.v[2].risk) &&
	    !roadmap_item_closable(rv.v[0].item, rv.v[0].risk),
	    "... offers to close; one still at risk does not");
	is_str(roadmap_entry_hint(&rv.v[2]),
	    "No longer a finding: it may be closed", "... and says so");
	ok(roadmap_item_overdue(&(struct roadmap_item){ .target = "2026-01-31" },
	    RISK_HIGH, "2026-02-01") &&
	    !roadmap_item_overdue(&(struct roadmap_item){ .target =
	    "2026-01-31" }, RISK_HIGH, "2026-01-31") &&
	    !roadmap_item_overdue(&(struct roadmap_item){ .target =
	    "2026-01-31", .status = STATUS_DONE }, RISK_NONE, "2027-01-01"),
	    "overdue: open past its target date");
	roadmap_view_free(&rv);
	text = report_markdown(ws);
	ok(strstr(text, "Question q2 (Done, risk still open)") != NULL,
	    "md: the roadmap says done, risk still open");
	free(text);
	item(ws, "q2", STATUS_OPEN, EFFORT_SMALL);
	item(ws, "q3", STATUS_DONE, EFFORT_MEDIUM);

	/* Against the last milestone: q1 and q2 were HRIs then. */
	base = ws_new();
	answer(base, "q1", "no");
	answer(base, "q2", "no");
	answer(base, "q5", "xy");
	free(roadmap_order(ws, base, &rv));
	ok(rv.has_baseline, "a milestone gives a baseline");
	is_int(rv.baseline_hri, 2, "two HRIs at the milestone");
	is_int(rv.baseline_open, 1, "one of them is still open");
	roadmap_view_free(&rv);

	/* Reports count against the baseline the milestone reader sets. */
	ws->baseline = base;
	text = report_markdown(ws);
	ok(strstr(text, "Since the last milestone: 1 of its 2 high-risk "
	    "issues is still open.") != NULL, "md: HRIs against the last "
	    "milestone");
	free(text);
	text = report_json(ws);
	ok(strstr(text, "\"baseline\": {\"hri\": 2, \"still_open\": 1}") !=
	    NULL, "json: the baseline");
	free(text);
	text = report_html(ws);
	ok(strstr(text, "Since the last milestone: 1 of its 2") != NULL,
	    "html: the baseline");
	free(text);
	ws->baseline = NULL;
	ws_free(base);

	{
		size_t *order;

		kv_set(&ws->workload, "environment", "production");
		order = plan_prop_order(ws);
		for (size_t i = 0; i < ws->workload.n; i++)
			buf_printf(&b, "%s ", ws->workload.keys[order[i]]);
		is_str(b.s, "environment name pillar-priorities ",
		    "workload properties in key order, whatever the order "
		    "they were set in");
		free(order);
		buf_free(&b);
	}

	ok(plan_date_valid("2026-02-28"), "a date");
	ok(plan_date_valid("2028-02-29"), "a leap day");
	ok(!plan_date_valid("2026-02-29"), "not a leap year");
	ok(!plan_date_valid("2026-13-01"), "no month 13");
	ok(!plan_date_valid("26-1-1"), "not YYYY-MM-DD");

	buf_add_printable(&b, "a\033[31mb\302\233c\nd\177", true);
	is_str(b.s, "a?[31mb?c\nd?", "controls, C1 ones too, become '?'");
	buf_free(&b);
	buf_add_printable(&b, "\303\251t\303\251 \377x\300\200 \342\202", true);
	is_str(b.s, "\303\251t\303\251 ?x?? ??",
	    "UTF-8 is kept; bytes that are not become '?', one by one");
	buf_free(&b);

	ws_free(ws);
	return tap_done();
}
