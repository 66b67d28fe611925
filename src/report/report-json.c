/* report-json.c: the whole review as one JSON object, for other tools. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "report/json.h"
#include "model/plan.h"
#include "model/priority.h"
#include "report/report.h"
#include "base/util.h"

static void
key(struct buf *b, const char *k)
{
	json_string(b, k);
	buf_adds(b, ": ");
}

static void
str_or_null(struct buf *b, const char *k, const char *v)
{
	key(b, k);
	if (v == NULL)
		buf_adds(b, "null");
	else
		json_string(b, v);
}

/* The fields that name a question, shared by every list. */
static void
question_ref(struct buf *b, const struct state *st, const struct qref *r)
{
	str_or_null(b, "lens", st->lenses[r->lens]->id);
	buf_adds(b, ", ");
	str_or_null(b, "pillar", r->q->pillar->id);
	buf_adds(b, ", ");
	str_or_null(b, "question", r->q->id);
	buf_adds(b, ", ");
	str_or_null(b, "number", r->q->number);
	buf_adds(b, ", ");
	str_or_null(b, "title", text_get(&r->q->title));
	buf_adds(b, ", ");
	str_or_null(b, "risk", risk_name(state_risk(st, r)));
}

static void
item(struct buf *b, const struct roadmap_item *it, enum risk r)
{
	if (it == NULL) {
		buf_adds(b, "null");
		return;
	}
	buf_addc(b, '{');
	str_or_null(b, "status", status_name(it->status));
	buf_adds(b, ", ");
	str_or_null(b, "owner", it->owner);
	buf_adds(b, ", ");
	str_or_null(b, "ticket", it->ticket);
	buf_adds(b, ", ");
	str_or_null(b, "effort", it->effort == EFFORT_UNSET ? NULL :
	    effort_name(it->effort));
	buf_adds(b, ", ");
	str_or_null(b, "target", it->target);
	buf_adds(b, ", ");
	str_or_null(b, "reason", it->reason);
	/* Marked done while the question is still at risk: counted open. */
	buf_printf(b, ", \"risk_still_open\": %s",
	    roadmap_item_state(it, r) == ITEM_DONE_RISK_OPEN ? "true" : "false");
	buf_addc(b, '}');
}

static void
workload(struct buf *b, const struct state *st)
{
	size_t *order = plan_prop_order(st);

	key(b, "workload");
	buf_addc(b, '{');
	for (size_t i = 0; i < st->workload.n; i++) {
		if (i > 0)
			buf_adds(b, ", ");
		key(b, st->workload.keys[order[i]]);
		json_string(b, st->workload.values[order[i]]);
	}
	free(order);
	buf_adds(b, "},\n");
}

static void
tallies(struct buf *b, const struct state *st)
{
	struct tally	t;
	bool		first = true;

	state_tally(st, -1, &t);
	key(b, "totals");
	buf_addc(b, '{');
	json_tally(b, &t);
	buf_adds(b, "},\n");
	state_tally_prioritized(st, -1, NULL, &t);
	key(b, "prioritized");
	buf_addc(b, '{');
	json_tally(b, &t);
	buf_adds(b, "},\n");
	key(b, "unconfirmed");
	buf_printf(b, "%u,\n", state_unconfirmed(st, -1, NULL));
	key(b, "lenses");
	buf_addc(b, '[');
	for (size_t i = 0; i < st->nlenses; i++) {
		buf_adds(b, i > 0 ? ",\n  {" : "{");
		str_or_null(b, "id", st->lenses[i]->id);
		buf_adds(b, ", ");
		str_or_null(b, "version", st->lenses[i]->version);
		buf_adds(b, ", ");
		str_or_null(b, "title", text_get(&st->lenses[i]->title));
		buf_addc(b, '}');
	}
	buf_adds(b, "],\n");
	key(b, "pillars");
	buf_addc(b, '[');
	for (size_t i = 0; i < st->nlenses; i++) {
		const struct lens *l = st->lenses[i];

		for (size_t j = 0; j < l->npillars; j++) {
			state_tally_pillar(st, i, &l->pillars[j], &t);
			buf_adds(b, first ? "{" : ",\n  {");
			first = false;
			str_or_null(b, "lens", l->id);
			buf_adds(b, ", ");
			str_or_null(b, "id", l->pillars[j].id);
			buf_adds(b, ", ");
			str_or_null(b, "title", text_get(&l->pillars[j].title));
			buf_adds(b, ", ");
			json_tally(b, &t);
			buf_printf(b, ", \"time_box_minutes\": %ld, "
			    "\"time_spent_seconds\": %ld",
			    state_agenda(st, i, &l->pillars[j]),
			    state_time_spent(st, i, &l->pillars[j]));
			buf_addc(b, '}');
		}
	}
	buf_adds(b, "],\n");
}

static void
plan(struct buf *b, const struct state *st)
{
	struct plan pl;

	plan_build(st, &pl);
	key(b, "plan");
	buf_addc(b, '[');
	for (size_t i = 0; i < pl.n; i++) {
		const struct plan_entry *e = &pl.v[i];

		buf_adds(b, i > 0 ? ",\n  {" : "{");
		question_ref(b, st, &e->ref);
		buf_adds(b, ", ");
		key(b, "missing");
		buf_addc(b, '[');
		for (size_t j = 0; j < e->nmissing; j++) {
			const struct choice *ch = e->missing[j];

			buf_adds(b, j > 0 ? ", {" : "{");
			str_or_null(b, "id", ch->id);
			buf_adds(b, ", ");
			str_or_null(b, "code", ch->code);
			buf_adds(b, ", ");
			str_or_null(b, "title", text_get(&ch->title));
			buf_adds(b, ", ");
			str_or_null(b, "risk", ch->risk == LEVEL_UNSET ? NULL :
			    level_name(ch->risk));
			buf_adds(b, ", ");
			str_or_null(b, "improvement",
			    text_get(&ch->improvement));
			buf_adds(b, ", ");
			str_or_null(b, "url", ch->url);
			buf_adds(b, ", ");
			str_or_null(b, "improvement_url", ch->improvement_url);
			buf_addc(b, '}');
		}
		buf_adds(b, "], ");
		key(b, "roadmap");
		item(b, e->item, e->risk);
		buf_addc(b, '}');
	}
	buf_adds(b, "],\n");
	plan_free(&pl);
}

static void
roadmap(struct buf *b, const struct state *st)
{
	struct roadmap_view rv;

	roadmap_build(st, st->baseline, &rv);
	key(b, "roadmap");
	buf_printf(b, "{\"hri\": %u, \"hri_open\": %u, \"hri_untracked\": %u, ",
	    rv.hri, rv.hri_open, rv.hri_untracked);
	key(b, "baseline");
	if (rv.has_baseline)
		buf_printf(b, "{\"hri\": %u, \"still_open\": %u}",
		    rv.baseline_hri, rv.baseline_open);
	else
		buf_adds(b, "null");
	buf_adds(b, ",\n  ");
	key(b, "items");
	buf_addc(b, '[');
	for (size_t i = 0; i < rv.n; i++) {
		buf_adds(b, i > 0 ? ",\n    {" : "{");
		question_ref(b, st, &rv.v[i].ref);
		buf_adds(b, ", ");
		key(b, "item");
		item(b, rv.v[i].item, rv.v[i].risk);
		buf_addc(b, '}');
	}
	buf_adds(b, "]},\n");
	roadmap_view_free(&rv);
}

static void
answer(struct buf *b, const struct answer *a)
{
	buf_printf(b, "\"not_applicable\": %s, ", a->not_applicable ? "true" :
	    "false");
	str_or_null(b, "reason", a->reason);
	buf_adds(b, ", ");
	key(b, "selected");
	buf_addc(b, '[');
	for (size_t i = 0; i < a->nselected; i++) {
		if (i > 0)
			buf_adds(b, ", ");
		json_string(b, a->selected[i]);
	}
	buf_adds(b, "], ");
	key(b, "choices_not_applicable");
	buf_addc(b, '[');
	for (size_t i = 0; i < a->nna; i++) {
		buf_adds(b, i > 0 ? ", {" : "{");
		str_or_null(b, "choice", a->na[i].choice);
		buf_adds(b, ", ");
		str_or_null(b, "reason", a->na[i].reason);
		buf_addc(b, '}');
	}
	buf_adds(b, "], ");
	str_or_null(b, "note", a->note);
	buf_adds(b, ", ");
	key(b, "evidence");
	buf_addc(b, '[');
	for (size_t i = 0; i < a->nevidence; i++) {
		if (i > 0)
			buf_adds(b, ", ");
		json_string(b, a->evidence[i]);
	}
	buf_adds(b, "], ");
	str_or_null(b, "verification", a->verification == VERIFY_UNSET ?
	    NULL : verification_name(a->verification));
}

/* What the lens asks as proof: [{"text", "given"}], given the evidence
 * item that gives it, or null. */
static void
requested(struct buf *b, const struct question *q, const struct answer *a)
{
	key(b, "evidence_requested");
	buf_addc(b, '[');
	for (size_t i = 0; i < q->nevidence; i++) {
		int given = answer_evidence_given(a, q->evidence[i]);

		buf_adds(b, i > 0 ? ", {" : "{");
		str_or_null(b, "text", q->evidence[i]);
		buf_adds(b, ", ");
		str_or_null(b, "given", given >= 0 ? a->evidence[given] : NULL);
		buf_addc(b, '}');
	}
	buf_addc(b, ']');
}

static void
questions(struct buf *b, const struct state *st)
{
	bool first = true;

	key(b, "questions");
	buf_addc(b, '[');
	for (size_t i = 0; i < st->nlenses; i++) {
		const struct lens *l = st->lenses[i];

		for (size_t j = 0; j < l->npillars; j++) {
			const struct pillar *p = &l->pillars[j];

			for (size_t k = 0; k < p->nquestions; k++) {
				struct qref ref = { i, &p->questions[k] };

				buf_adds(b, first ? "{" : ",\n  {");
				first = false;
				question_ref(b, st, &ref);
				buf_adds(b, ", ");
				str_or_null(b, "url", ref.q->url);
				buf_adds(b, ", ");
				answer(b, state_answer(st, &ref));
				buf_adds(b, ", ");
				requested(b, ref.q, state_answer(st, &ref));
				buf_adds(b, ", ");
				key(b, "roadmap");
				item(b, st->roadmap[i][ref.q->index],
				    state_risk(st, &ref));
				buf_addc(b, '}');
			}
		}
	}
	buf_adds(b, "]");
}

/* --- Scan results (what the scanners found; not the people's evidence) --- */

static void
scan_counts(struct buf *b, const struct scan_ref *refs, size_t n,
    const char *source)
{
	struct scan_tally t;

	scans_tally(refs, n, source, &t);
	for (size_t s = 0; s < SCAN_STATUS_COUNT; s++)
		buf_printf(b, "%s\"%s\": %lu", s > 0 ? ", " : "",
		    scan_status_name((enum scan_status)s), t.n[s]);
	buf_printf(b, ", \"failing_checks\": %zu", t.failing_checks);
}


/* Which scan: "source", "account", "region", then a comma. */
static void
scan_where(struct buf *b, const struct scan_group *g)
{
	str_or_null(b, "source", g->source);
	buf_adds(b, ", ");
	str_or_null(b, "account", g->account);
	buf_adds(b, ", ");
	str_or_null(b, "region", g->region);
	buf_adds(b, ", ");
}

static void
scan_question(struct buf *b, const struct state *st, const struct qref *ref)
{
	const struct answer	*a = state_answer(st, ref);
	const char		*lens = st->lenses[ref->lens]->id;
	bool			 first = true;

	buf_adds(b, "{");
	question_ref(b, st, ref);
	buf_printf(b, ", \"selected_failing_checks\": %zu, \"choices\": [",
	    scans_selected_failing(&st->scans, lens, ref->q, a));
	for (size_t c = 0; c < ref->q->nchoices; c++) {
		const struct choice	*ch = &question_choices(ref->q)[c];
		const struct scan_ref	*refs;
		size_t			 n = scans_find(&st->scans, lens,
					    ref->q->id, ch->id, &refs);
		bool			 f1 = true;

		if (n == 0)
			continue;
		buf_adds(b, first ? "\n   {" : ",\n   {");
		first = false;
		str_or_null(b, "id", ch->id);
		buf_adds(b, ", ");
		str_or_null(b, "code", ch->code);
		buf_printf(b, ", \"selected\": %s, ", answer_selected(a,
		    ch->id) ? "true" : "false");
		scan_counts(b, refs, n, NULL);
		buf_adds(b, ", \"failing\": [");
		for (size_t i = 0; i < n; i++) {
			const struct scan_result	*r = refs[i].result;
			const struct scan_group		*g = refs[i].group;

			if (r->status != SCAN_FAIL && r->status != SCAN_ERROR)
				continue;
			buf_adds(b, f1 ? "\n    {" : ",\n    {");
			f1 = false;
			scan_where(b, g);
			str_or_null(b, "check", r->check);
			buf_adds(b, ", ");
			str_or_null(b, "status", scan_status_name(r->status));
			buf_printf(b, ", \"count\": %lu, ", r->count);
			str_or_null(b, "resource", r->resource);
			buf_adds(b, ", ");
			str_or_null(b, "reason", r->reason);
			buf_adds(b, "}");
		}
		buf_adds(b, "]}");
	}
	buf_adds(b, "]}");
}

void
report_scans_json(struct buf *b, const struct state *st,
    const struct qref *only)
{
	struct qref	*refs;
	size_t		 n;
	bool		 first = true;

	buf_adds(b, "\"scans\": [");
	for (size_t i = 0; i < st->scans.n; i++) {
		const struct scan_group *g = st->scans.groups[i];

		buf_adds(b, i > 0 ? ",\n  {" : "\n  {");
		scan_where(b, g);
		str_or_null(b, "date", g->date);
		buf_adds(b, ", ");
		str_or_null(b, "file", g->file);
		buf_printf(b, ", \"results\": %lu}", scan_group_total(g));
	}
	buf_adds(b, "],\n \"scan_results\": [");
	n = state_scan_questions(st, false, &refs);
	for (size_t i = 0; i < n; i++) {
		if (only != NULL && (only->lens != refs[i].lens ||
		    only->q != refs[i].q))
			continue;
		buf_adds(b, first ? "\n  " : ",\n  ");
		first = false;
		scan_question(b, st, &refs[i]);
	}
	free(refs);
	buf_adds(b, "]");
}

char *
report_json(const struct state *st)
{
	struct buf b = { 0 };

	buf_addc(&b, '{');
	workload(&b, st);
	tallies(&b, st);
	plan(&b, st);
	roadmap(&b, st);
	questions(&b, st);
	if (st->scans.n > 0) {
		buf_adds(&b, ",\n ");
		report_scans_json(&b, st, NULL);
	}
	buf_adds(&b, "}\n");
	return buf_take(&b);
}
