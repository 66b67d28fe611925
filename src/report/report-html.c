/* report-html.c: the review as one self-contained HTML page.
 *
 * No script, no external style, font or image: a content security policy
 * forbids fetching anything. Charts are inline SVG. It reads on a phone and
 * prints to PDF from a browser. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "model/plan.h"
#include "report/report.h"
#include "report/summary.h"
#include "base/util.h"

static const char style[] =
":root{--high:#c62828;--medium:#e68a00;--none:#2e7d32;--na:#8d8d8d;"
"--open:#d9d9d9;--fg:#1a1a1a;--muted:#555;--line:#ddd}\n"
"*{box-sizing:border-box}\n"
"body{font:16px/1.5 system-ui,-apple-system,\"Segoe UI\",Roboto,sans-serif;"
"color:var(--fg);margin:0 auto;padding:1rem;max-width:60rem}\n"
"h1{font-size:1.6rem;margin:.5rem 0 1rem}h2{font-size:1.3rem;margin-top:2rem;"
"border-bottom:2px solid var(--line)}h3{font-size:1.1rem}h4{font-size:1rem;"
"margin-bottom:.25rem}\n"
".scroll{overflow-x:auto}table{border-collapse:collapse;width:100%;"
"font-size:.9rem}th,td{border-bottom:1px solid var(--line);padding:.3rem .4rem;"
"text-align:left;vertical-align:top}td.n,th.n{text-align:right}\n"
"dl.props{display:grid;grid-template-columns:max-content 1fr;gap:.2rem 1rem}"
"dl.props dt{font-weight:600}dl.props dd{margin:0;overflow-wrap:anywhere}\n"
".charts{margin-bottom:1rem;display:grid;grid-template-columns:repeat(auto-fit,minmax(16rem,1fr));"
"gap:.75rem 1.5rem}.chart-box{margin:0}.chart-box figcaption{font-weight:600;"
"font-size:.95rem}svg.chart{width:100%;height:1.6rem;display:block;"
"border-radius:3px}.chart-box .counts{font-size:.85rem;color:var(--muted)}\n"
".legend{display:flex;flex-wrap:wrap;gap:.3rem 1rem;font-size:.85rem;"
"padding:0;list-style:none}.legend li::before{content:\"\";display:inline-block;"
"width:.8em;height:.8em;margin-right:.3em;vertical-align:-.05em;"
"background:var(--c)}\n"
".risk{display:inline-block;padding:0 .4em;border-radius:3px;font-size:.85rem;"
"font-weight:600;color:#fff;background:var(--na)}.risk.high{background:"
"var(--high)}.risk.medium{background:var(--medium)}.risk.none{background:"
"var(--none)}.risk.unanswered{background:var(--open);color:var(--fg)}\n"
".finding{border-left:4px solid var(--medium);padding:.1rem .8rem;"
"margin:1rem 0}.finding.high{border-color:var(--high)}\n"
".meta{color:var(--muted);font-size:.9rem}.practice{margin:.4rem 0}"
".improve{margin:.1rem 0 .1rem 1rem}\n"
"ul.choices{list-style:none;padding-left:.2rem}ul.choices li::before{"
"content:\"\\2610  \"}ul.choices li.sel::before{content:\"\\2611  \"}"
"ul.choices li.na{color:var(--muted)}\n"
"blockquote{margin:.5rem 0;padding:.2rem .8rem;border-left:3px solid "
"var(--line);white-space:pre-wrap;overflow-wrap:anywhere}"
"a{overflow-wrap:anywhere}\n"
"@media (max-width:40rem){body{font-size:15px;padding:.6rem}"
"dl.props{grid-template-columns:1fr}dl.props dd{margin-bottom:.3rem}}\n"
"svg.trend{width:100%;max-width:40rem;height:auto;display:block}"
"td,th,p,li,dd,h1,h2,h3,h4,figcaption{overflow-wrap:anywhere}\n"
"@media print{body{max-width:none;font-size:10pt;padding:0}"
"section{break-before:page}section#summary{break-before:auto}"
"h2{break-after:avoid}h3,h4{break-after:avoid}"
"table{width:100%;table-layout:auto}thead{display:table-header-group}"
".finding,.chart-box,tr,.question,svg.trend{break-inside:avoid}"
"*{-webkit-print-color-adjust:exact;print-color-adjust:exact}"
"a{color:inherit;text-decoration:none}.scroll{overflow:visible}}\n"
"@page{margin:15mm}\n";

/* Text from a file, safe in element content and in quoted attributes. */
static void
h(struct buf *b, const char *s)
{
	struct buf clean = { 0 };

	buf_add_printable(&clean, s != NULL ? s : "", true);
	for (const char *p = clean.s; p != NULL && *p != '\0'; p++) {
		switch (*p) {
		case '&':
			buf_adds(b, "&amp;");
			break;
		case '<':
			buf_adds(b, "&lt;");
			break;
		case '>':
			buf_adds(b, "&gt;");
			break;
		case '"':
			buf_adds(b, "&quot;");
			break;
		case '\'':
			buf_adds(b, "&#39;");
			break;
		default:
			buf_addc(b, *p);
		}
	}
	buf_free(&clean);
}

static bool
is_link(const char *s)
{
	if (s == NULL || (strncmp(s, "https://", 8) != 0 &&
	    strncmp(s, "http://", 7) != 0))
		return false;
	for (; *s != '\0'; s++) {
		if ((unsigned char)*s <= ' ' || (unsigned char)*s == 0x7f)
			return false;
	}
	return true;
}

/* A link when it is a web address, else text. */
static void
h_link(struct buf *b, const char *url, const char *label)
{
	if (!is_link(url)) {
		h(b, label != NULL ? label : url);
		return;
	}
	buf_adds(b, "<a href=\"");
	h(b, url);
	buf_adds(b, "\" rel=\"noreferrer\">");
	h(b, label != NULL ? label : url);
	buf_adds(b, "</a>");
}

static void
h_risk(struct buf *b, enum risk r)
{
	buf_printf(b, "<span class=\"risk %s\">", risk_name(r));
	h(b, risk_label(r));
	buf_adds(b, "</span>");
}

static void
h_qtitle(struct buf *b, const struct question *q)
{
	if (q->number != NULL) {
		h(b, q->number);
		buf_addc(b, ' ');
	}
	h(b, text_get(&q->title));
}

static const struct {
	enum risk	 risk;
	const char	*var;
} segments[] = {
	{ RISK_HIGH, "--high" },
	{ RISK_MEDIUM, "--medium" },
	{ RISK_NONE, "--none" },
	{ RISK_NOT_APPLICABLE, "--na" },
	{ RISK_UNANSWERED, "--open" },
};

/* A stacked bar of the questions of a pillar by risk. */
static void
h_chart(struct buf *b, const char *title, const struct tally *t)
{
	unsigned	total = t->questions, x = 0;

	buf_adds(b, "<figure class=\"chart-box\"><figcaption>");
	h(b, title);
	buf_printf(b, "</figcaption><svg class=\"chart\" role=\"img\" "
	    "viewBox=\"0 0 %u 10\" preserveAspectRatio=\"none\" "
	    "xmlns=\"http://www.w3.org/2000/svg\"><title>", total > 0 ? total :
	    1);
	h(b, title);
	buf_printf(b, ": %u %s, %u %s, %u %s, %u %s, %u %s</title>",
	    t->n[RISK_HIGH], _("high"), t->n[RISK_MEDIUM], _("medium"),
	    t->n[RISK_NONE], _("no risk"), t->n[RISK_NOT_APPLICABLE],
	    _("not applicable"), t->n[RISK_UNANSWERED], _("unanswered"));
	if (total == 0)
		buf_adds(b, "<rect width=\"1\" height=\"10\" "
		    "style=\"fill:var(--open)\"/>");
	for (size_t i = 0; i < nitems(segments); i++) {
		unsigned n = t->n[segments[i].risk];

		if (n == 0)
			continue;
		buf_printf(b, "<rect class=\"%s\" x=\"%u\" width=\"%u\" "
		    "height=\"10\" style=\"fill:var(%s)\"/>",
		    risk_name(segments[i].risk), x, n, segments[i].var);
		x += n;
	}
	buf_printf(b, "</svg><div class=\"counts\">%u %s · %u %s · %u %s · "
	    "%u/%u %s</div></figure>\n", t->n[RISK_HIGH], _("high"),
	    t->n[RISK_MEDIUM], _("medium"), t->n[RISK_NONE], _("no risk"),
	    t->answered, t->questions, _("answered"));
}

static void
h_head(struct buf *b, const struct summary *sm)
{
	buf_adds(b, "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n"
	    "<meta charset=\"utf-8\">\n"
	    "<meta name=\"viewport\" content=\"width=device-width, "
	    "initial-scale=1\">\n"
	    "<meta http-equiv=\"Content-Security-Policy\" content=\""
	    "default-src 'none'; style-src 'unsafe-inline'; img-src data:\">\n"
	    "<meta name=\"generator\" content=\"wafr\">\n<title>");
	for (int pass = 0; pass < 2; pass++) {
		h(b, _("Architecture review"));
		buf_adds(b, ": ");
		h(b, sm->name);
		if (sm->milestone != NULL) {
			buf_printf(b, " · %s ", _("milestone"));
			h(b, sm->milestone);
			if (sm->date != NULL)
				buf_printf(b, " (%s)", sm->date);
		}
		if (pass == 0)
			buf_printf(b, "</title>\n<style>\n%s</style>\n</head>\n"
			    "<body>\n<h1>", style);
	}
	buf_adds(b, "</h1>\n");
}

/* The executive summary: one page a CTO reads before the details. */
static void
h_summary(struct buf *b, const struct state *st, const struct summary *sm)
{
	struct tally t;

	buf_adds(b, "<section id=\"summary\"><h2>");
	h(b, _("Summary"));
	buf_adds(b, "</h2>\n<p class=\"oneline\"><strong>");
	h(b, sm->name);
	buf_adds(b, "</strong>");
	if (sm->oneline != NULL) {
		buf_adds(b, ": ");
		h(b, sm->oneline);
	}
	buf_adds(b, "</p>\n<dl class=\"props\">\n");
	if (sm->milestone != NULL) {
		buf_adds(b, "<dt>");
		h(b, _("Milestone"));
		buf_adds(b, "</dt><dd>");
		h(b, sm->milestone);
		if (sm->date != NULL)
			buf_printf(b, _(", saved on %s"), sm->date);
		buf_adds(b, "</dd>\n");
	} else if (sm->date != NULL) {
		buf_adds(b, "<dt>");
		h(b, _("Date of the review"));
		buf_printf(b, "</dt><dd>%s</dd>\n", sm->date);
	}
	buf_adds(b, "<dt>");
	h(b, _("Participants"));
	buf_adds(b, "</dt><dd>");
	if (sm->nparticipants == 0)
		h(b, _("not recorded (the workload property participants)"));
	for (size_t i = 0; i < sm->nparticipants; i++) {
		if (i > 0)
			buf_adds(b, "; ");
		h(b, sm->participants[i]);
	}
	buf_adds(b, "</dd>\n</dl>\n<p>");
	state_tally(st, -1, &t);
	buf_printf(b, _("High-risk issues (HRI): %u · medium-risk issues "
	    "(MRI): %u · questions answered: %u of %u.\n\n"), t.n[RISK_HIGH],
	    t.n[RISK_MEDIUM], t.answered, t.questions);
	buf_printf(b, "</p>\n<div class=\"scroll\"><table class=\"pillars\">"
	    "<thead><tr><th>%s</th><th class=\"n\">%s</th><th class=\"n\">%s"
	    "</th></tr></thead>\n<tbody>\n", _("Pillar"), _("HRI"), _("MRI"));
	for (size_t i = 0; i < sm->npillars; i++) {
		buf_adds(b, "<tr><td>");
		h(b, text_get(&sm->pillars[i].p->title));
		if (st->nlenses > 1) {
			buf_adds(b, " (");
			h(b, text_get(&st->lenses[sm->pillars[i].lens]->title));
			buf_addc(b, ')');
		}
		buf_printf(b, "</td><td class=\"n\">%u</td><td class=\"n\">%u"
		    "</td></tr>\n", sm->pillars[i].high, sm->pillars[i].medium);
	}
	buf_adds(b, "<tr><th>");
	h(b, _("Total"));
	buf_printf(b, "</th><td class=\"n\">%u</td><td class=\"n\">%u</td>"
	    "</tr>\n</tbody></table></div>\n", t.n[RISK_HIGH],
	    t.n[RISK_MEDIUM]);
	if (sm->ntop > 0) {
		buf_adds(b, "<h3>");
		h(b, _("The findings that matter most"));
		buf_adds(b, "</h3>\n<ol class=\"top\">\n");
		for (size_t i = 0; i < sm->ntop; i++) {
			const struct plan_entry *e = &sm->plan.v[i];

			buf_adds(b, "<li>");
			h_risk(b, e->risk);
			buf_addc(b, ' ');
			h_qtitle(b, e->ref.q);
			buf_adds(b, " <span class=\"meta\">(");
			h(b, text_get(&e->ref.q->pillar->title));
			buf_adds(b, ")</span></li>\n");
		}
		buf_adds(b, "</ol>\n");
	}
	buf_adds(b, "<p class=\"roadmap-state\">");
	summary_roadmap(b, sm);
	buf_adds(b, "</p>\n");
	if (sm->earlier != NULL) {
		buf_adds(b, "<p class=\"since\">");
		if (*sm->earlier != '\0') {
			h(b, _("Since milestone"));
			buf_addc(b, ' ');
			h(b, sm->earlier);
		} else
			h(b, _("Since the last milestone"));
		buf_adds(b, ": ");
		buf_printf(b, _("HRIs closed: %u, opened: %u.\n\n"),
		    sm->hri_closed, sm->hri_opened);
		buf_adds(b, "</p>\n");
	}
	buf_adds(b, "</section>\n");
}

static void
h_workload(struct buf *b, const struct state *st)
{
	size_t *order, n = summary_prop_order(st, &order);

	buf_adds(b, "<section id=\"workload\"><h2>");
	h(b, _("Workload"));
	buf_adds(b, "</h2>\n<dl class=\"props\">\n");
	for (size_t i = 0; i < n; i++) {
		buf_adds(b, "<dt>");
		h(b, st->workload.keys[order[i]]);
		buf_adds(b, "</dt><dd>");
		h(b, st->workload.values[order[i]]);
		buf_adds(b, "</dd>\n");
	}
	free(order);
	buf_adds(b, "</dl></section>\n");
}

/* HRIs and MRIs per milestone (and now) as an inline SVG line chart, with
 * the numbers in a table beside it for readers and printers. */
static void
h_trend(struct buf *b, const struct state *st, const struct report_ctx *ctx)
{
	const int	 w = 600, ht = 200, pad = 30;
	size_t		 n;
	unsigned	 max = 1, *hi, *me;
	struct tally	 t;
	char		 date[16];

	if (ctx == NULL || ctx->nmarks == 0)
		return;
	n = ctx->nmarks + (ctx->milestone == NULL);
	hi = xcalloc(n, sizeof *hi);
	me = xcalloc(n, sizeof *me);
	for (size_t i = 0; i < ctx->nmarks; i++) {
		hi[i] = ctx->marks[i].tally.n[RISK_HIGH];
		me[i] = ctx->marks[i].tally.n[RISK_MEDIUM];
	}
	if (ctx->milestone == NULL) {
		state_tally(st, -1, &t);
		hi[n - 1] = t.n[RISK_HIGH];
		me[n - 1] = t.n[RISK_MEDIUM];
	}
	for (size_t i = 0; i < n; i++) {
		max = hi[i] > max ? hi[i] : max;
		max = me[i] > max ? me[i] : max;
	}
	buf_adds(b, "<section id=\"trend\"><h2>");
	h(b, _("Trend"));
	buf_printf(b, "</h2>\n<svg class=\"trend\" role=\"img\" viewBox=\"0 0 "
	    "%d %d\" xmlns=\"http://www.w3.org/2000/svg\"><title>", w, ht);
	h(b, _("HRIs and MRIs per milestone"));
	buf_printf(b, "</title><line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" "
	    "style=\"stroke:var(--line)\"/>", pad, ht - pad, w - pad, ht - pad);
	for (int series = 0; series < 2; series++) {
		const unsigned *v = series == 0 ? hi : me;

		buf_printf(b, "<polyline class=\"%s\" style=\"fill:none;"
		    "stroke:var(%s);stroke-width:3\" points=\"", series == 0 ?
		    "high" : "medium", series == 0 ? "--high" : "--medium");
		for (size_t i = 0; i < n; i++) {
			int x = n > 1 ? pad + (int)((size_t)(w - 2 * pad) * i /
			    (n - 1)) : w / 2;
			int y = ht - pad - (int)((unsigned)(ht - 2 * pad) * v[i] /
			    max);

			buf_printf(b, "%s%d,%d", i > 0 ? " " : "", x, y);
		}
		buf_adds(b, "\"/>");
	}
	buf_printf(b, "<text x=\"%d\" y=\"%d\" style=\"font-size:12px;"
	    "fill:var(--muted)\">%u</text></svg>\n", 2, pad, max);
	buf_adds(b, "<ul class=\"legend\"><li style=\"--c:var(--high)\">");
	h(b, _("HRI"));
	buf_adds(b, "</li><li style=\"--c:var(--medium)\">");
	h(b, _("MRI"));
	buf_printf(b, "</li></ul>\n<div class=\"scroll\"><table><thead><tr>"
	    "<th>%s</th><th>%s</th><th class=\"n\">%s</th><th class=\"n\">%s"
	    "</th></tr></thead>\n<tbody>\n", _("Milestone"), _("Date"),
	    _("HRI"), _("MRI"));
	for (size_t i = 0; i < n; i++) {
		buf_adds(b, "<tr><td>");
		if (i < ctx->nmarks) {
			h(b, ctx->marks[i].name);
			summary_date(ctx->marks[i].time, date, sizeof date);
		} else {
			buf_adds(b, "<em>");
			h(b, _("now"));
			buf_adds(b, "</em>");
			*date = '\0';
		}
		buf_printf(b, "</td><td>%s</td><td class=\"n\">%u</td>"
		    "<td class=\"n\">%u</td></tr>\n", date, hi[i], me[i]);
	}
	buf_adds(b, "</tbody></table></div></section>\n");
	free(hi);
	free(me);
}

/* The profile's prioritized questions, the answers from a template. */
static void
h_life(struct buf *b, const struct state *st)
{
	char	*lines[REPORT_LIFE_MAX];
	size_t	 n = report_life(st, lines);

	for (size_t i = 0; i < n; i++) {
		buf_adds(b, "<p class=\"life\">");
		h(b, lines[i]);
		buf_adds(b, "</p>\n");
		free(lines[i]);
	}
}

static void
h_tallies(struct buf *b, const struct state *st)
{
	struct tally t;

	buf_adds(b, "<section id=\"risks\"><h2>");
	h(b, _("Risks by pillar"));
	buf_adds(b, "</h2>\n<ul class=\"legend\">");
	for (size_t i = 0; i < nitems(segments); i++) {
		buf_printf(b, "<li style=\"--c:var(%s)\">", segments[i].var);
		h(b, risk_label(segments[i].risk));
		buf_adds(b, "</li>");
	}
	buf_adds(b, "</ul>\n<div class=\"charts\">\n");
	state_tally(st, -1, &t);
	h_chart(b, _("All pillars"), &t);
	for (size_t i = 0; i < st->nlenses; i++) {
		const struct lens *l = st->lenses[i];

		for (size_t j = 0; j < l->npillars; j++) {
			const struct pillar	*p = &l->pillars[j];
			char			*title;

			/* Two lenses' OPS: the chart names its lens. */
			if (state_pillar_shared(st, i, p))
				title = xasprintf("%s (%s)", text_get(&p->title),
				    text_get(&l->title) != NULL ?
				    text_get(&l->title) : l->id);
			else
				title = xstrdup(text_get(&p->title));
			state_tally_pillar(st, i, p, &t);
			h_chart(b, title, &t);
			free(title);
		}
	}
	buf_adds(b, "</div>\n<div class=\"scroll\"><table>\n<thead><tr>");
	buf_printf(b, "<th>%s</th><th>%s</th><th class=\"n\">%s</th>"
	    "<th class=\"n\">%s</th><th class=\"n\">%s</th><th class=\"n\">%s"
	    "</th><th class=\"n\">%s</th><th class=\"n\">%s</th>"
	    "<th class=\"n\">%s</th></tr></thead>\n<tbody>\n", _("Lens"),
	    _("Pillar"), _("Questions"), _("Answered"), _("High"), _("Medium"),
	    _("None"), _("N/A"), _("Unanswered"));
	for (size_t i = 0; i < st->nlenses; i++) {
		const struct lens *l = st->lenses[i];

		for (size_t j = 0; j < l->npillars; j++) {
			state_tally_pillar(st, i, &l->pillars[j], &t);
			buf_adds(b, "<tr><td>");
			h(b, text_get(&l->title));
			buf_adds(b, "</td><td>");
			h(b, text_get(&l->pillars[j].title));
			buf_printf(b, "</td><td class=\"n\">%u</td>"
			    "<td class=\"n\">%u</td><td class=\"n\">%u</td>"
			    "<td class=\"n\">%u</td><td class=\"n\">%u</td>"
			    "<td class=\"n\">%u</td><td class=\"n\">%u</td>"
			    "</tr>\n", t.questions, t.answered, t.n[RISK_HIGH],
			    t.n[RISK_MEDIUM], t.n[RISK_NONE],
			    t.n[RISK_NOT_APPLICABLE], t.n[RISK_UNANSWERED]);
		}
	}
	buf_adds(b, "</tbody></table></div>\n");
	h_life(b, st);
	buf_adds(b, "</section>\n");
}

static void
h_item(struct buf *b, const struct roadmap_item *it, enum risk r)
{
	buf_adds(b, "<p class=\"meta\">");
	h(b, _("Roadmap"));
	buf_adds(b, ": ");
	h(b, item_state_label(roadmap_item_state(it, r)));
	if (it->owner != NULL) {
		buf_printf(b, " · %s ", _("owner"));
		h(b, it->owner);
	}
	if (it->ticket != NULL) {
		buf_printf(b, " · %s ", _("ticket"));
		h(b, it->ticket);
	}
	if (it->effort != EFFORT_UNSET)
		buf_printf(b, " · %s %s", _("effort"), effort_name(it->effort));
	if (it->target != NULL) {
		buf_printf(b, " · %s ", _("target"));
		h(b, it->target);
	}
	if (it->reason != NULL) {
		buf_printf(b, " · %s: ", _("reason"));
		h(b, it->reason);
	}
	buf_adds(b, "</p>\n");
}

/* Status and risk agree: done while still at risk, or no longer a finding. */
static void
h_item_hint(struct buf *b, const struct roadmap_entry *e)
{
	const char *hint = roadmap_entry_hint(e);

	if (hint == NULL)
		return;
	buf_adds(b, " <span class=\"meta\">(");
	h(b, hint);
	buf_adds(b, ")</span>");
}

static void
h_plan(struct buf *b, const struct state *st)
{
	struct plan pl;

	plan_build(st, &pl);
	buf_adds(b, "<section id=\"plan\"><h2>");
	h(b, _("Improvement plan"));
	buf_adds(b, "</h2>\n<p>");
	if (pl.n == 0)
		h(b, _("No high or medium risk."));
	else
		buf_printf(b, ngettext("%zu finding: %u high risk, %u medium "
		    "risk.", "%zu findings: %u high risk, %u medium risk.",
		    pl.n), pl.n, pl.high, pl.medium);
	buf_adds(b, "</p>\n");
	for (size_t i = 0; i < pl.n; i++) {
		const struct plan_entry	*e = &pl.v[i];
		const struct question	*q = e->ref.q;

		buf_printf(b, "<div class=\"finding %s\"><h3>%zu. ",
		    risk_name(e->risk), i + 1);
		h_risk(b, e->risk);
		buf_addc(b, ' ');
		h_qtitle(b, q);
		buf_adds(b, "</h3>\n<p class=\"meta\">");
		h(b, text_get(&q->pillar->title));
		buf_adds(b, " · <code>");
		h(b, st->lenses[e->ref.lens]->id);
		buf_addc(b, '/');
		h(b, q->id);
		buf_adds(b, "</code></p>\n");
		if (e->item != NULL)
			h_item(b, e->item, e->risk);
		for (size_t j = 0; j < e->nmissing; j++) {
			const struct choice *ch = e->missing[j];
			const char	    *imp = text_get(&ch->improvement);

			buf_adds(b, "<div class=\"practice\"><strong>");
			if (ch->code != NULL) {
				h(b, ch->code);
				buf_addc(b, ' ');
			}
			buf_adds(b, "</strong>");
			h_link(b, ch->url, text_get(&ch->title));
			if (ch->risk != LEVEL_UNSET)
				buf_printf(b, " <span class=\"meta\">(%s)"
				    "</span>", level_name(ch->risk));
			if (imp != NULL && *imp != '\0') {
				buf_adds(b, "<p class=\"improve\">");
				h(b, imp);
				buf_adds(b, "</p>");
			}
			if (ch->improvement_url != NULL) {
				buf_adds(b, "<p class=\"improve\">");
				h_link(b, ch->improvement_url, NULL);
				buf_adds(b, "</p>");
			}
			buf_adds(b, "</div>\n");
		}
		buf_adds(b, "</div>\n");
	}
	buf_adds(b, "</section>\n");
	plan_free(&pl);
}

static void
h_roadmap(struct buf *b, const struct state *st)
{
	struct roadmap_view rv;

	roadmap_build(st, st->baseline, &rv);
	buf_adds(b, "<section id=\"roadmap\"><h2>");
	h(b, _("Remediation roadmap"));
	buf_adds(b, "</h2>\n<p>");
	buf_printf(b, _("High-risk issues: %u now, %u still open, %u not on "
	    "the roadmap."), rv.hri, rv.hri_open, rv.hri_untracked);
	if (rv.has_baseline) {
		char *s = roadmap_since_text(&rv);

		buf_addc(b, ' ');
		h(b, s);
		free(s);
	}
	buf_adds(b, "</p>\n");
	if (rv.n == 0) {
		buf_adds(b, "<p>");
		h(b, _("Nothing is on the roadmap yet."));
		buf_adds(b, "</p>\n");
	}
	for (size_t s = 0; s < ROADMAP_NGROUPS; s++) {
		if (rv.ngroup[s] == 0)
			continue;
		buf_adds(b, "<h3>");
		h(b, status_label(s));
		buf_printf(b, " (%zu)</h3>\n<div class=\"scroll\"><table>"
		    "<thead><tr><th>%s</th><th>%s</th><th>%s</th><th>%s</th>"
		    "<th>%s</th><th>%s</th>", rv.ngroup[s], _("Risk"),
		    _("Effort"), _("Question"), _("Owner"), _("Ticket"),
		    _("Target"));
		if (s == STATUS_ACCEPTED)
			buf_printf(b, "<th>%s</th>", _("Reason"));
		buf_adds(b, "</tr></thead>\n<tbody>\n");
		for (size_t i = rv.group[s]; i < rv.group[s] + rv.ngroup[s];
		    i++) {
			const struct roadmap_entry	*e = &rv.v[i];
			const struct roadmap_item	*it = e->item;

			buf_adds(b, "<tr><td>");
			h_risk(b, e->risk);
			buf_adds(b, "</td><td>");
			h(b, effort_label(it->effort));
			buf_adds(b, "</td><td>");
			h_qtitle(b, e->ref.q);
			h_item_hint(b, e);
			buf_adds(b, "</td><td>");
			h(b, it->owner);
			buf_adds(b, "</td><td>");
			h(b, it->ticket);
			buf_adds(b, "</td><td>");
			h(b, it->target);
			buf_adds(b, "</td>");
			if (s == STATUS_ACCEPTED) {
				buf_adds(b, "<td>");
				h(b, it->reason);
				buf_adds(b, "</td>");
			}
			buf_adds(b, "</tr>\n");
		}
		buf_adds(b, "</tbody></table></div>\n");
	}
	buf_adds(b, "</section>\n");
	roadmap_view_free(&rv);
}

/* What the lens asks as proof, each item marked given or not. */
static void
h_requested(struct buf *b, const struct question *q, const struct answer *a)
{
	if (q->nevidence == 0)
		return;
	buf_adds(b, "<p><strong>");
	h(b, _("Evidence requested"));
	buf_adds(b, "</strong></p><ul class=\"choices requested\">\n");
	for (size_t i = 0; i < q->nevidence; i++) {
		int given = answer_evidence_given(a, q->evidence[i]);

		buf_printf(b, "<li%s>", given >= 0 ? " class=\"sel\"" : "");
		h(b, q->evidence[i]);
		if (given >= 0) {
			buf_adds(b, " <span class=\"meta\">(");
			h(b, _("given"));
			buf_adds(b, ": ");
			h_link(b, a->evidence[given], NULL);
			buf_adds(b, ")</span>");
		}
		buf_adds(b, "</li>\n");
	}
	buf_adds(b, "</ul>\n");
}

static void
h_answer(struct buf *b, const struct state *st, const struct qref *ref)
{
	const struct question	*q = ref->q;
	const struct answer	*a = state_answer(st, ref);

	buf_adds(b, "<div class=\"question\"><h4>");
	h_qtitle(b, q);
	buf_adds(b, "</h4>\n<p class=\"meta\">");
	h_risk(b, question_risk(q, a));
	if (a->verification != VERIFY_UNSET) {
		buf_adds(b, " · ");
		h(b, verification_label(a->verification));
	}
	if (is_link(q->url)) {
		buf_adds(b, " · ");
		h_link(b, q->url, _("the question's page"));
	}
	if (a->not_applicable) {
		buf_adds(b, " · ");
		h(b, _("Not applicable"));
		buf_adds(b, ": ");
		h(b, a->reason);
	}
	buf_adds(b, "</p>\n<ul class=\"choices\">\n");
	for (size_t i = 0; i < q->nchoices; i++) {
		const struct choice	*ch = &question_choices(q)[i];
		const struct choice_na	*na = answer_choice_na(a, ch->id);

		buf_printf(b, "<li class=\"%s\">", na != NULL ? "na" :
		    answer_selected(a, ch->id) ? "sel" : "");
		if (ch->code != NULL) {
			h(b, ch->code);
			buf_addc(b, ' ');
		}
		h_link(b, ch->url, text_get(&ch->title));
		if (na != NULL) {
			buf_printf(b, " (%s: ", _("not applicable"));
			h(b, na->reason);
			buf_addc(b, ')');
		}
		buf_adds(b, "</li>\n");
	}
	buf_adds(b, "</ul>\n");
	if (a->note != NULL && *a->note != '\0') {
		buf_adds(b, "<p><strong>");
		h(b, _("Note"));
		buf_adds(b, "</strong></p><blockquote class=\"note\">");
		h(b, a->note);
		buf_adds(b, "</blockquote>\n");
	}
	if (a->nevidence > 0) {
		buf_adds(b, "<p><strong>");
		h(b, _("Evidence"));
		buf_adds(b, "</strong></p><ul class=\"evidence\">\n");
		for (size_t i = 0; i < a->nevidence; i++) {
			buf_adds(b, "<li>");
			h_link(b, a->evidence[i], NULL);
			buf_adds(b, "</li>\n");
		}
		buf_adds(b, "</ul>\n");
	}
	h_requested(b, q, a);
	buf_adds(b, "</div>\n");
}

static void
h_questions(struct buf *b, const struct state *st)
{
	buf_adds(b, "<section id=\"questions\"><h2>");
	h(b, _("Questions"));
	buf_adds(b, "</h2>\n");
	for (size_t i = 0; i < st->nlenses; i++) {
		const struct lens *l = st->lenses[i];

		for (size_t j = 0; j < l->npillars; j++) {
			const struct pillar *p = &l->pillars[j];

			buf_adds(b, "<h3>");
			h(b, text_get(&p->title));
			if (st->nlenses > 1) {
				buf_adds(b, " (");
				h(b, text_get(&l->title));
				buf_addc(b, ')');
			}
			buf_adds(b, "</h3>\n");
			for (size_t k = 0; k < p->nquestions; k++) {
				struct qref ref = { i, &p->questions[k] };

				h_answer(b, st, &ref);
			}
		}
	}
	buf_adds(b, "</section>\n");
}

/* The workshop clock: the time box and the time spent in each pillar. */
static void
h_time(struct buf *b, const struct state *st)
{
	char spent[32], box[32];

	if (!report_has_time(st))
		return;
	buf_adds(b, "<section id=\"time\"><h2>");
	h(b, _("Time spent per pillar"));
	buf_printf(b, "</h2>\n<div class=\"scroll\"><table>\n<thead><tr>"
	    "<th>%s</th><th>%s</th><th class=\"n\">%s</th>"
	    "<th class=\"n\">%s</th></tr></thead>\n<tbody>\n", _("Lens"),
	    _("Pillar"), _("Time box"), _("Time spent"));
	for (size_t i = 0; i < st->nlenses; i++) {
		const struct lens *l = st->lenses[i];

		for (size_t j = 0; j < l->npillars; j++) {
			const struct pillar	*p = &l->pillars[j];
			long			 s = state_time_spent(st, i, p);
			long			 m = state_agenda(st, i, p);

			format_duration(s, spent, sizeof spent);
			format_duration(m * 60, box, sizeof box);
			buf_adds(b, "<tr><td>");
			h(b, text_get(&l->title));
			buf_adds(b, "</td><td>");
			h(b, text_get(&p->title));
			buf_printf(b, "</td><td class=\"n\">%s</td>"
			    "<td class=\"n\">%s", m > 0 ? box : "-", spent);
			if (m > 0 && s > m * 60)
				h(b, _(" (over)"));
			buf_adds(b, "</td></tr>\n");
		}
	}
	buf_adds(b, "</tbody></table></div></section>\n");
}

/* --- Scan results (what the scanners found; not the people's evidence) --- */

#define SCAN_FAILING_SHOWN 3	/* failing resources shown per choice */

static void
h_scan_choice(struct buf *b, const struct state *st, const struct qref *ref,
    const struct choice *ch)
{
	const struct scan_ref	*refs;
	size_t			 n, shown = 0, failing = 0;
	struct buf		 sum = { 0 };

	n = scans_find(&st->scans, st->lenses[ref->lens]->id, ref->q->id,
	    ch->id, &refs);
	if (n == 0)
		return;
	buf_printf(b, "<li class=\"%s\">", answer_selected(state_answer(st,
	    ref), ch->id) ? "sel" : "");
	if (ch->code != NULL) {
		h(b, ch->code);
		buf_addc(b, ' ');
	}
	h(b, text_get(&ch->title));
	buf_adds(b, ": ");
	scans_summary(refs, n, &sum);
	h(b, sum.s);
	buf_free(&sum);
	for (size_t i = 0; i < n; i++) {
		const struct scan_result *r = refs[i].result;

		if (r->status != SCAN_FAIL && r->status != SCAN_ERROR)
			continue;
		if (failing++ >= SCAN_FAILING_SHOWN)
			continue;
		buf_adds(b, shown == 0 ? "\n<ul class=\"evidence\">" : "");
		buf_printf(b, "<li>%s %s <code>", scan_status_name(r->status),
		    scan_source_title(refs[i].group->source));
		h(b, r->check);
		buf_adds(b, "</code>");
		if (*r->resource != '\0') {
			buf_printf(b, " %s <code>", _("on"));
			h(b, r->resource);
			buf_adds(b, "</code>");
		}
		if (*r->reason != '\0') {
			buf_adds(b, ": ");
			h(b, r->reason);
		}
		buf_adds(b, "</li>");
		shown++;
	}
	if (failing > shown) {
		buf_adds(b, "<li>");
		h(b, _("and more (wafr evidence DIR QUESTION lists them all)"));
		buf_adds(b, "</li>");
	}
	buf_adds(b, shown > 0 ? "</ul></li>\n" : "</li>\n");
}

static void
h_scans(struct buf *b, const struct state *st)
{
	const char	*heads[] = { _("Scanner"), _("Account"), _("Region"),
			    _("Date"), _("File"), _("Results") };
	struct qref	*refs;
	size_t		 n;

	if (st->scans.n == 0)
		return;
	buf_adds(b, "<section id=\"scans\"><h2>");
	h(b, _("Scan results"));
	buf_adds(b, "</h2>\n<div class=\"scroll\"><table><thead><tr>");
	for (size_t i = 0; i < nitems(heads); i++) {
		buf_adds(b, "<th>");
		h(b, heads[i]);
		buf_adds(b, "</th>");
	}
	buf_adds(b, "</tr></thead><tbody>\n");
	for (size_t i = 0; i < st->scans.n; i++) {
		const struct scan_group *g = st->scans.groups[i];

		buf_adds(b, "<tr><td>");
		h(b, scan_source_title(g->source));
		buf_adds(b, "</td><td>");
		h(b, *g->account != '\0' ? g->account : "-");
		buf_adds(b, "</td><td>");
		h(b, *g->region != '\0' ? g->region : "-");
		buf_adds(b, "</td><td>");
		h(b, g->date);
		buf_adds(b, "</td><td>");
		h(b, g->file);
		buf_printf(b, "</td><td>%lu</td></tr>\n", scan_group_total(g));
	}
	buf_adds(b, "</tbody></table></div>\n<h3 id=\"selected-failing\">");
	h(b, _("Selected, but failing"));
	buf_adds(b, "</h3>\n<ul>\n");
	n = state_scan_questions(st, true, &refs);
	for (size_t i = 0; i < n; i++) {
		size_t	 f = scans_selected_failing(&st->scans,
			    st->lenses[refs[i].lens]->id, refs[i].q,
			    state_answer(st, &refs[i]));
		char	*msg = xasprintf(ngettext("selected, but %zu check "
			    "fails", "selected, but %zu checks fail", f), f);

		buf_adds(b, "<li>");
		h_qtitle(b, refs[i].q);
		buf_adds(b, ": ");
		h(b, msg);
		free(msg);
		buf_adds(b, "</li>\n");
	}
	if (n == 0) {
		buf_adds(b, "<li>");
		h(b, _("No selected practice has a failing check."));
		buf_adds(b, "</li>\n");
	}
	buf_adds(b, "</ul>\n");
	free(refs);
	n = state_scan_questions(st, false, &refs);
	for (size_t i = 0; i < n; i++) {
		const struct choice *choices = question_choices(refs[i].q);

		buf_adds(b, "<div class=\"question\"><h4>");
		h_qtitle(b, refs[i].q);
		buf_adds(b, "</h4>\n<ul class=\"choices\">\n");
		for (size_t c = 0; c < refs[i].q->nchoices; c++)
			h_scan_choice(b, st, &refs[i], &choices[c]);
		buf_adds(b, "</ul></div>\n");
	}
	free(refs);
	buf_adds(b, "</section>\n");
}

char *
report_html_ctx(const struct state *st, const struct report_ctx *ctx)
{
	struct buf	b = { 0 };
	struct summary	sm;

	summary_build(st, ctx, &sm);
	h_head(&b, &sm);
	h_summary(&b, st, &sm);
	summary_free(&sm);
	h_workload(&b, st);
	h_tallies(&b, st);
	h_time(&b, st);
	h_trend(&b, st, ctx);
	h_plan(&b, st);
	h_roadmap(&b, st);
	h_questions(&b, st);
	h_scans(&b, st);
	buf_adds(&b, "</body>\n</html>\n");
	return buf_take(&b);
}

char *
report_html(const struct state *st)
{
	return report_html_ctx(st, NULL);
}

void
report_html_text(struct buf *b, const char *s)
{
	h(b, s);
}
