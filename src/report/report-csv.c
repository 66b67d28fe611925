/* report-csv.c: the roadmap as CSV, with the columns a Jira or GitHub issue
 * import maps (Summary, Description, Priority, Labels, Assignee, Due date). */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "model/plan.h"
#include "report/report.h"
#include "base/util.h"

/* One RFC 4180 field. A cell a spreadsheet would run as a formula (=, +,
 * -, @, or a tab or return first) gets a leading quote so it stays text. */
static void
csv_field(struct buf *b, const char *s)
{
	struct buf clean = { 0 };

	buf_add_printable(&clean, s != NULL ? s : "", true);
	buf_addc(b, '"');
	if (clean.s != NULL && strchr("=+-@\t\r", clean.s[0]) != NULL &&
	    clean.s[0] != '\0')
		buf_addc(b, '\'');
	for (const char *p = clean.s; p != NULL && *p != '\0'; p++) {
		if (*p == '"')
			buf_addc(b, '"');
		buf_addc(b, *p);
	}
	buf_addc(b, '"');
	buf_free(&clean);
}

static void
description(struct buf *d, const struct state *st,
    const struct roadmap_entry *e)
{
	const struct question		*q = e->ref.q;
	const struct answer		*a = state_answer(st, &e->ref);
	const struct roadmap_item	*it = e->item;
	const struct choice		**missing;
	size_t				  n;

	buf_printf(d, "%s: %s/%s\n", _("Question"),
	    st->lenses[e->ref.lens]->id, q->id);
	if (q->url != NULL)
		buf_printf(d, "%s\n", q->url);
	buf_printf(d, "%s: %s\n", _("Pillar"), text_get(&q->pillar->title));
	buf_printf(d, "%s: %s\n", _("Risk"), risk_label(e->risk));
	buf_printf(d, "%s: %s\n", _("Status"),
	    item_state_label(roadmap_item_state(it, e->risk)));
	if (it->effort != EFFORT_UNSET)
		buf_printf(d, "%s: %s\n", _("Effort"), effort_label(it->effort));
	if (it->ticket != NULL)
		buf_printf(d, "%s: %s\n", _("Ticket"), it->ticket);
	if (it->reason != NULL)
		buf_printf(d, "%s: %s\n", _("Reason"), it->reason);
	n = plan_missing(q, a, &missing);
	if (n > 0)
		buf_printf(d, "\n%s:\n", _("Missing practices"));
	for (size_t i = 0; i < n; i++) {
		const struct choice	*ch = missing[i];
		const char		*imp = text_get(&ch->improvement);

		buf_printf(d, "- %s%s%s\n", ch->code != NULL ? ch->code : "",
		    ch->code != NULL ? " " : "", text_get(&ch->title));
		if (imp != NULL && *imp != '\0')
			buf_printf(d, "  %s\n", imp);
		if (ch->improvement_url != NULL)
			buf_printf(d, "  %s\n", ch->improvement_url);
		else if (ch->url != NULL)
			buf_printf(d, "  %s\n", ch->url);
	}
	free(missing);
	if (a->note != NULL && *a->note != '\0')
		buf_printf(d, "\n%s:\n%s\n", _("Note"), a->note);
	if (a->nevidence > 0)
		buf_printf(d, "\n%s:\n", _("Evidence"));
	for (size_t i = 0; i < a->nevidence; i++)
		buf_printf(d, "- %s\n", a->evidence[i]);
	if (q->nevidence > 0)
		buf_printf(d, "\n%s:\n", _("Evidence requested"));
	for (size_t i = 0; i < q->nevidence; i++)
		buf_printf(d, "- [%s] %s\n", answer_evidence_given(a,
		    q->evidence[i]) >= 0 ? "x" : " ", q->evidence[i]);
}

/* Labels cannot hold blanks in Jira: one word each, blank-separated. */
static void
label(struct buf *b, const char *prefix, const char *value)
{
	if (b->len > 0)
		buf_addc(b, ' ');
	buf_adds(b, prefix);
	for (; *value != '\0'; value++)
		buf_addc(b, (unsigned char)*value <= ' ' || *value == ',' ?
		    '-' : *value);
}

char *
report_csv(const struct state *st)
{
	struct buf		b = { 0 };
	struct roadmap_view	rv;

	roadmap_build(st, st->baseline, &rv);
	buf_adds(&b, "Summary,Description,Priority,Labels,Assignee,"
	    "Due date\r\n");
	for (size_t i = 0; i < rv.n; i++) {
		const struct roadmap_entry	*e = &rv.v[i];
		const struct question		*q = e->ref.q;
		struct buf			 f = { 0 };

		if (*finding_code(e->risk) != '\0')
			buf_printf(&f, "%s ", finding_code(e->risk));
		if (q->number != NULL)
			buf_printf(&f, "%s: ", q->number);
		buf_adds(&f, text_get(&q->title));
		csv_field(&b, f.s);
		buf_free(&f);
		buf_addc(&b, ',');

		description(&f, st, e);
		csv_field(&b, f.s);
		buf_free(&f);
		buf_addc(&b, ',');

		csv_field(&b, e->risk == RISK_HIGH ? "High" :
		    e->risk == RISK_MEDIUM ? "Medium" : "Low");
		buf_addc(&b, ',');

		label(&f, "", "wafr");
		label(&f, "pillar-", q->pillar->id);
		label(&f, "status-", status_name(e->item->status));
		if (roadmap_item_state(e->item, e->risk) == ITEM_DONE_RISK_OPEN)
			label(&f, "", "risk-still-open");
		if (e->item->effort != EFFORT_UNSET)
			label(&f, "effort-", effort_name(e->item->effort));
		csv_field(&b, f.s);
		buf_free(&f);
		buf_addc(&b, ',');

		csv_field(&b, e->item->owner);
		buf_addc(&b, ',');
		csv_field(&b, e->item->target);
		buf_adds(&b, "\r\n");
	}
	roadmap_view_free(&rv);
	return buf_take(&b);
}
