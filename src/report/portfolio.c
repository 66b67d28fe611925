/* portfolio.c: many workloads side by side, in Markdown, HTML, JSON and
 * CSV. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "report/json.h"
#include "report/portfolio.h"
#include "report/report.h"
#include "base/util.h"

/* How many of the risks most workloads share the reports list. */
#define PORTFOLIO_TOP 10

/* --- Building --- */

void
portfolio_init(struct portfolio *pf, const char *today)
{
	memset(pf, 0, sizeof *pf);
	snprintf(pf->today, sizeof pf->today, "%s", today != NULL ? today : "");
}

static struct portfolio_rank *
rank(struct portfolio_rank **v, size_t *n, const char *lens, const char *id,
    const char *number, const char *title)
{
	struct portfolio_rank *r;

	for (size_t i = 0; i < *n; i++) {
		if (strcmp((*v)[i].lens, lens) == 0 && strcmp((*v)[i].id, id) == 0)
			return &(*v)[i];
	}
	*v = xreallocarray(*v, *n + 1, sizeof **v);
	r = &(*v)[(*n)++];
	memset(r, 0, sizeof *r);
	r->lens = xstrdup(lens);
	r->id = xstrdup(id);
	r->number = number != NULL ? xstrdup(number) : NULL;
	r->title = xstrdup(title);
	return r;
}

static void
date_of(int64_t t, int offset, char *out, size_t size)
{
	time_t		when = (time_t)(t + (int64_t)offset * 60);
	struct tm	tm;

	if (gmtime_r(&when, &tm) == NULL ||
	    strftime(out, size, "%Y-%m-%d", &tm) == 0)
		snprintf(out, size, "?");
}

static void
add_roadmap(struct portfolio *pf, struct portfolio_workload *w,
    const struct state *st)
{
	for (size_t i = 0; i < st->nlenses; i++) {
		for (size_t j = 0; j < st->lenses[i]->nquestions; j++) {
			const struct roadmap_item *it = st->roadmap[i][j];

			if (it == NULL || it->status == STATUS_DONE ||
			    it->status == STATUS_ACCEPTED)
				continue;
			w->roadmap_open++;
			/* YYYY-MM-DD dates compare as text. */
			if (it->target != NULL && *pf->today != '\0' &&
			    strcmp(it->target, pf->today) < 0)
				w->roadmap_overdue++;
		}
	}
	pf->roadmap_open += w->roadmap_open;
	pf->roadmap_overdue += w->roadmap_overdue;
}

void
portfolio_add(struct portfolio *pf, const char *dir, const struct state *st,
    const struct portfolio_milestone *m)
{
	struct portfolio_workload	*w;
	struct buf			 ids = { 0 };
	const char			*env = state_prop(st, "environment");

	pf->v = xreallocarray(pf->v, pf->n + 1, sizeof *pf->v);
	w = &pf->v[pf->n++];
	memset(w, 0, sizeof *w);
	w->dir = xstrdup(dir);
	w->name = xstrdup(state_prop(st, "name") != NULL ?
	    state_prop(st, "name") : dir);
	w->environment = xstrdup(env != NULL ? env : "");
	buf_adds(&ids, "");
	for (size_t i = 0; i < st->nlenses; i++) {
		const struct lens *l = st->lenses[i];

		buf_printf(&ids, "%s%s", i > 0 ? " " : "", l->id);
		for (size_t j = 0; j < l->npillars; j++) {
			const struct pillar	*p = &l->pillars[j];
			struct portfolio_pillar	*pp;
			struct portfolio_rank	*r;

			w->pillars = xreallocarray(w->pillars, w->npillars + 1,
			    sizeof *w->pillars);
			pp = &w->pillars[w->npillars++];
			pp->lens = xstrdup(l->id);
			pp->id = xstrdup(p->id);
			pp->title = xstrdup(text_get(&p->title));
			state_tally_pillar(st, i, p, &pp->tally);
			if (pp->tally.n[RISK_HIGH] > 0) {
				r = rank(&pf->pillars, &pf->npillars, l->id,
				    p->id, p->code, pp->title);
				r->workloads++;
				r->high += pp->tally.n[RISK_HIGH];
			}
			for (size_t k = 0; k < p->nquestions; k++) {
				struct qref ref = { i, &p->questions[k] };

				if (state_risk(st, &ref) != RISK_HIGH)
					continue;
				r = rank(&pf->questions, &pf->nquestions, l->id,
				    ref.q->id, ref.q->number,
				    text_get(&ref.q->title));
				r->workloads++;
				r->high++;
			}
		}
	}
	w->lenses = buf_take(&ids);
	state_tally(st, -1, &w->total);
	tally_sum(&pf->total, &w->total);
	if (m != NULL) {
		w->has_milestone = true;
		w->milestone = xstrdup(m->name);
		date_of(m->time, m->offset, w->milestone_date,
		    sizeof w->milestone_date);
		w->milestone_tally = m->tally;
		w->trend_high = (int)w->total.n[RISK_HIGH] -
		    (int)m->tally.n[RISK_HIGH];
		w->trend_medium = (int)w->total.n[RISK_MEDIUM] -
		    (int)m->tally.n[RISK_MEDIUM];
	}
	add_roadmap(pf, w, st);
}

void
portfolio_skip(struct portfolio *pf, const char *dir, const char *why)
{
	pf->skipped = xreallocarray(pf->skipped, pf->nskipped + 1,
	    sizeof *pf->skipped);
	pf->skipped[pf->nskipped++] = xasprintf("%s: %s", dir, why);
}

/* Most workloads first, then most HRIs, then by id. */
static int
by_rank(const void *a, const void *b)
{
	const struct portfolio_rank *x = a, *y = b;
	int c;

	if (x->workloads != y->workloads)
		return x->workloads > y->workloads ? -1 : 1;
	if (x->high != y->high)
		return x->high > y->high ? -1 : 1;
	if ((c = strcmp(x->lens, y->lens)) != 0)
		return c;
	return strcmp(x->id, y->id);
}

void
portfolio_finish(struct portfolio *pf)
{
	if (pf->npillars > 0)
		qsort(pf->pillars, pf->npillars, sizeof *pf->pillars, by_rank);
	if (pf->nquestions > 0)
		qsort(pf->questions, pf->nquestions, sizeof *pf->questions,
		    by_rank);
}

static void
ranks_free(struct portfolio_rank *v, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		free(v[i].lens);
		free(v[i].id);
		free(v[i].number);
		free(v[i].title);
	}
	free(v);
}

void
portfolio_free(struct portfolio *pf)
{
	for (size_t i = 0; i < pf->n; i++) {
		struct portfolio_workload *w = &pf->v[i];

		for (size_t j = 0; j < w->npillars; j++) {
			free(w->pillars[j].lens);
			free(w->pillars[j].id);
			free(w->pillars[j].title);
		}
		free(w->pillars);
		free(w->dir);
		free(w->name);
		free(w->environment);
		free(w->lenses);
		free(w->milestone);
	}
	free(pf->v);
	ranks_free(pf->pillars, pf->npillars);
	ranks_free(pf->questions, pf->nquestions);
	for (size_t i = 0; i < pf->nskipped; i++)
		free(pf->skipped[i]);
	free(pf->skipped);
	memset(pf, 0, sizeof *pf);
}

/* --- Shared by the formats --- */

static unsigned
percent(const struct tally *t)
{
	return t->questions > 0 ? (t->answered * 100 + t->questions / 2) /
	    t->questions : 0;
}

/* "-2 HRI, +1 MRI", "no change". */
static void
trend_text(struct buf *b, const struct portfolio_workload *w)
{
	if (!w->has_milestone) {
		buf_adds(b, "-");
		return;
	}
	if (w->trend_high == 0 && w->trend_medium == 0) {
		buf_adds(b, _("no change"));
		return;
	}
	buf_printf(b, "%+d %s, %+d %s", w->trend_high, _("HRI"),
	    w->trend_medium, _("MRI"));
}

static size_t
top(size_t n)
{
	return n < PORTFOLIO_TOP ? n : PORTFOLIO_TOP;
}

static const char *
rank_label(const struct portfolio_rank *r, char *buf, size_t size)
{
	snprintf(buf, size, "%s/%s", r->lens, r->id);
	return buf;
}

/* --- Markdown --- */

static void
md(struct buf *b, const char *s)
{
	report_md_text(b, s, true);
}

static void
md_workloads(struct buf *b, const struct portfolio *pf)
{
	buf_printf(b, "| %s | %s | %s | %s | %s | %s | %s | %s | %s | %s |\n"
	    "|---|---|--:|--:|--:|---|---|---|--:|--:|\n", _("Workload"),
	    _("Lenses"), _("HRI"), _("MRI"), _("Answered"),
	    _("Last milestone"), _("Date"), _("Trend"), _("Open items"),
	    _("Overdue"));
	for (size_t i = 0; i < pf->n; i++) {
		const struct portfolio_workload *w = &pf->v[i];

		buf_adds(b, "| ");
		md(b, w->name);
		buf_adds(b, " | ");
		md(b, w->lenses);
		buf_printf(b, " | %u | %u | %u%% (%u/%u) | ",
		    w->total.n[RISK_HIGH], w->total.n[RISK_MEDIUM],
		    percent(&w->total), w->total.answered, w->total.questions);
		if (w->has_milestone)
			md(b, w->milestone);
		else
			buf_adds(b, "-");
		buf_printf(b, " | %s | ", w->has_milestone ?
		    w->milestone_date : "-");
		trend_text(b, w);
		buf_printf(b, " | %u | %u |\n", w->roadmap_open,
		    w->roadmap_overdue);
	}
	buf_printf(b, "| **%s** | | %u | %u | %u%% (%u/%u) | | | | %u | %u |\n",
	    _("Total"), pf->total.n[RISK_HIGH], pf->total.n[RISK_MEDIUM],
	    percent(&pf->total), pf->total.answered, pf->total.questions,
	    pf->roadmap_open, pf->roadmap_overdue);
}

static void
md_pillars(struct buf *b, const struct portfolio *pf)
{
	buf_printf(b, "\n## %s\n\n| %s | %s | %s | %s | %s | %s | %s | %s | "
	    "%s |\n|---|---|--:|--:|--:|--:|--:|--:|--:|\n",
	    _("Risks per pillar"), _("Workload"), _("Pillar"), _("Questions"),
	    _("Answered"), _("HRI"), _("MRI"), _("None"), _("N/A"),
	    _("Unanswered"));
	for (size_t i = 0; i < pf->n; i++) {
		const struct portfolio_workload *w = &pf->v[i];

		for (size_t j = 0; j < w->npillars; j++) {
			const struct portfolio_pillar	*p = &w->pillars[j];
			const struct tally		*t = &p->tally;

			buf_adds(b, "| ");
			md(b, w->name);
			buf_adds(b, " | ");
			md(b, p->title);
			buf_printf(b, " | %u | %u | %u | %u | %u | %u | %u |\n",
			    t->questions, t->answered, t->n[RISK_HIGH],
			    t->n[RISK_MEDIUM], t->n[RISK_NONE],
			    t->n[RISK_NOT_APPLICABLE], t->n[RISK_UNANSWERED]);
		}
	}
}

static void
md_ranks(struct buf *b, const struct portfolio *pf)
{
	char id[512];

	buf_printf(b, "\n## %s\n\n", _("High risk in the most workloads"));
	if (pf->npillars == 0) {
		buf_printf(b, "%s\n", _("No workload has a high-risk issue."));
		return;
	}
	buf_printf(b, "| %s | %s | %s |\n|---|--:|--:|\n", _("Pillar"),
	    _("Workloads"), _("HRI"));
	for (size_t i = 0; i < top(pf->npillars); i++) {
		const struct portfolio_rank *r = &pf->pillars[i];

		buf_adds(b, "| ");
		md(b, r->title);
		buf_adds(b, " (");
		md(b, rank_label(r, id, sizeof id));
		buf_printf(b, ") | %u | %u |\n", r->workloads, r->high);
	}
	buf_printf(b, "\n| %s | %s |\n|---|--:|\n", _("Question"),
	    _("Workloads"));
	for (size_t i = 0; i < top(pf->nquestions); i++) {
		const struct portfolio_rank *r = &pf->questions[i];

		buf_adds(b, "| ");
		if (r->number != NULL) {
			md(b, r->number);
			buf_adds(b, " ");
		}
		md(b, r->title);
		buf_adds(b, " (");
		md(b, rank_label(r, id, sizeof id));
		buf_printf(b, ") | %u |\n", r->workloads);
	}
}

static void
md_skipped(struct buf *b, const struct portfolio *pf)
{
	if (pf->nskipped == 0)
		return;
	buf_printf(b, "\n## %s\n\n", _("Skipped"));
	for (size_t i = 0; i < pf->nskipped; i++) {
		buf_adds(b, "- ");
		md(b, pf->skipped[i]);
		buf_addc(b, '\n');
	}
}

char *
portfolio_markdown(const struct portfolio *pf)
{
	struct buf b = { 0 };

	buf_printf(&b, "# %s\n\n", _("Portfolio"));
	buf_printf(&b, ngettext("%zu workload", "%zu workloads", pf->n), pf->n);
	buf_printf(&b, "; %u %s, %u %s; %s %s.\n\n", pf->total.n[RISK_HIGH],
	    _("HRI"), pf->total.n[RISK_MEDIUM], _("MRI"), _("overdue after"),
	    pf->today);
	md_workloads(&b, pf);
	md_pillars(&b, pf);
	md_ranks(&b, pf);
	md_skipped(&b, pf);
	return buf_take(&b);
}

/* --- HTML --- */

static const char html_style[] =
"body{font:16px/1.5 system-ui,sans-serif;color:#1a1a1a;margin:0 auto;"
"padding:1rem;max-width:70rem}h1{font-size:1.6rem}h2{font-size:1.3rem;"
"margin-top:2rem;border-bottom:2px solid #ddd}.scroll{overflow-x:auto}"
"table{border-collapse:collapse;width:100%;font-size:.9rem}th,td{"
"border-bottom:1px solid #ddd;padding:.3rem .4rem;text-align:left}"
"td.n,th.n{text-align:right}td.high{color:#c62828;font-weight:600}"
"td.medium{color:#e68a00;font-weight:600}tr.total td{font-weight:600}"
".meta{color:#555}\n";

static void
hs(struct buf *b, const char *s)
{
	report_html_text(b, s);
}

static void
h_cell(struct buf *b, const char *cls, const char *s)
{
	buf_printf(b, "<td%s%s%s>", cls != NULL ? " class=\"" : "",
	    cls != NULL ? cls : "", cls != NULL ? "\"" : "");
	hs(b, s);
	buf_adds(b, "</td>");
}

static void
h_num(struct buf *b, const char *cls, unsigned n)
{
	buf_printf(b, "<td class=\"n%s%s\">%u</td>", cls != NULL ? " " : "",
	    cls != NULL ? cls : "", n);
}

static void
h_heads(struct buf *b, const char *const *heads, const bool *num, size_t n)
{
	buf_adds(b, "<div class=\"scroll\"><table><thead><tr>");
	for (size_t i = 0; i < n; i++) {
		buf_printf(b, "<th%s>", num[i] ? " class=\"n\"" : "");
		hs(b, heads[i]);
		buf_adds(b, "</th>");
	}
	buf_adds(b, "</tr></thead><tbody>\n");
}

static void
h_workloads(struct buf *b, const struct portfolio *pf)
{
	const char *heads[] = { _("Workload"), _("Lenses"), _("HRI"), _("MRI"),
	    _("Answered"), _("Last milestone"), _("Date"), _("Trend"),
	    _("Open items"), _("Overdue") };
	const bool num[] = { 0, 0, 1, 1, 1, 0, 0, 0, 1, 1 };
	struct buf t = { 0 };

	h_heads(b, heads, num, nitems(heads));
	for (size_t i = 0; i < pf->n; i++) {
		const struct portfolio_workload *w = &pf->v[i];

		buf_adds(b, "<tr>");
		h_cell(b, NULL, w->name);
		h_cell(b, NULL, w->lenses);
		h_num(b, w->total.n[RISK_HIGH] > 0 ? "high" : NULL,
		    w->total.n[RISK_HIGH]);
		h_num(b, w->total.n[RISK_MEDIUM] > 0 ? "medium" : NULL,
		    w->total.n[RISK_MEDIUM]);
		buf_printf(b, "<td class=\"n\">%u%% (%u/%u)</td>",
		    percent(&w->total), w->total.answered, w->total.questions);
		h_cell(b, NULL, w->has_milestone ? w->milestone : "-");
		h_cell(b, NULL, w->has_milestone ? w->milestone_date : "-");
		t.len = 0;
		buf_adds(&t, "");
		trend_text(&t, w);
		h_cell(b, NULL, t.s);
		h_num(b, NULL, w->roadmap_open);
		h_num(b, w->roadmap_overdue > 0 ? "high" : NULL,
		    w->roadmap_overdue);
		buf_adds(b, "</tr>\n");
	}
	buf_free(&t);
	buf_adds(b, "<tr class=\"total\">");
	h_cell(b, NULL, _("Total"));
	h_cell(b, NULL, "");
	h_num(b, NULL, pf->total.n[RISK_HIGH]);
	h_num(b, NULL, pf->total.n[RISK_MEDIUM]);
	buf_printf(b, "<td class=\"n\">%u%% (%u/%u)</td><td></td><td></td>"
	    "<td></td>", percent(&pf->total), pf->total.answered,
	    pf->total.questions);
	h_num(b, NULL, pf->roadmap_open);
	h_num(b, NULL, pf->roadmap_overdue);
	buf_adds(b, "</tr>\n</tbody></table></div>\n");
}

static void
h_pillars(struct buf *b, const struct portfolio *pf)
{
	const char *heads[] = { _("Workload"), _("Pillar"), _("Questions"),
	    _("Answered"), _("HRI"), _("MRI"), _("None"), _("N/A"),
	    _("Unanswered") };
	const bool num[] = { 0, 0, 1, 1, 1, 1, 1, 1, 1 };

	buf_adds(b, "<h2>");
	hs(b, _("Risks per pillar"));
	buf_adds(b, "</h2>\n");
	h_heads(b, heads, num, nitems(heads));
	for (size_t i = 0; i < pf->n; i++) {
		const struct portfolio_workload *w = &pf->v[i];

		for (size_t j = 0; j < w->npillars; j++) {
			const struct tally *t = &w->pillars[j].tally;

			buf_adds(b, "<tr>");
			h_cell(b, NULL, w->name);
			h_cell(b, NULL, w->pillars[j].title);
			h_num(b, NULL, t->questions);
			h_num(b, NULL, t->answered);
			h_num(b, t->n[RISK_HIGH] > 0 ? "high" : NULL,
			    t->n[RISK_HIGH]);
			h_num(b, t->n[RISK_MEDIUM] > 0 ? "medium" : NULL,
			    t->n[RISK_MEDIUM]);
			h_num(b, NULL, t->n[RISK_NONE]);
			h_num(b, NULL, t->n[RISK_NOT_APPLICABLE]);
			h_num(b, NULL, t->n[RISK_UNANSWERED]);
			buf_adds(b, "</tr>\n");
		}
	}
	buf_adds(b, "</tbody></table></div>\n");
}

static void
h_ranks(struct buf *b, const struct portfolio *pf)
{
	const char	*ph[] = { _("Pillar"), _("Workloads"), _("HRI") };
	const char	*qh[] = { _("Question"), _("Workloads") };
	const bool	 num[] = { 0, 1, 1 };
	char		 id[512];

	buf_adds(b, "<h2>");
	hs(b, _("High risk in the most workloads"));
	buf_adds(b, "</h2>\n");
	if (pf->npillars == 0) {
		buf_adds(b, "<p>");
		hs(b, _("No workload has a high-risk issue."));
		buf_adds(b, "</p>\n");
		return;
	}
	h_heads(b, ph, num, nitems(ph));
	for (size_t i = 0; i < top(pf->npillars); i++) {
		const struct portfolio_rank *r = &pf->pillars[i];

		buf_adds(b, "<tr><td>");
		hs(b, r->title);
		buf_adds(b, " <span class=\"meta\">");
		hs(b, rank_label(r, id, sizeof id));
		buf_adds(b, "</span></td>");
		h_num(b, NULL, r->workloads);
		h_num(b, "high", r->high);
		buf_adds(b, "</tr>\n");
	}
	buf_adds(b, "</tbody></table></div>\n");
	h_heads(b, qh, num, nitems(qh));
	for (size_t i = 0; i < top(pf->nquestions); i++) {
		const struct portfolio_rank *r = &pf->questions[i];

		buf_adds(b, "<tr><td>");
		if (r->number != NULL) {
			hs(b, r->number);
			buf_adds(b, " ");
		}
		hs(b, r->title);
		buf_adds(b, " <span class=\"meta\">");
		hs(b, rank_label(r, id, sizeof id));
		buf_adds(b, "</span></td>");
		h_num(b, NULL, r->workloads);
		buf_adds(b, "</tr>\n");
	}
	buf_adds(b, "</tbody></table></div>\n");
}

char *
portfolio_html(const struct portfolio *pf)
{
	struct buf b = { 0 };

	buf_adds(&b, "<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\">\n"
	    "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src "
	    "'none'; style-src 'unsafe-inline'\">\n<meta name=\"viewport\" "
	    "content=\"width=device-width, initial-scale=1\">\n<title>");
	hs(&b, _("Portfolio"));
	buf_printf(&b, "</title>\n<style>%s</style></head><body>\n<h1>",
	    html_style);
	hs(&b, _("Portfolio"));
	buf_adds(&b, "</h1>\n<p class=\"meta\">");
	buf_printf(&b, ngettext("%zu workload", "%zu workloads", pf->n), pf->n);
	buf_printf(&b, "; %u %s, %u %s; %s %s.</p>\n", pf->total.n[RISK_HIGH],
	    _("HRI"), pf->total.n[RISK_MEDIUM], _("MRI"), _("overdue after"),
	    pf->today);
	h_workloads(&b, pf);
	h_pillars(&b, pf);
	h_ranks(&b, pf);
	if (pf->nskipped > 0) {
		buf_adds(&b, "<h2>");
		hs(&b, _("Skipped"));
		buf_adds(&b, "</h2>\n<ul>\n");
		for (size_t i = 0; i < pf->nskipped; i++) {
			buf_adds(&b, "<li>");
			hs(&b, pf->skipped[i]);
			buf_adds(&b, "</li>\n");
		}
		buf_adds(&b, "</ul>\n");
	}
	buf_adds(&b, "</body></html>\n");
	return buf_take(&b);
}

/* --- JSON --- */

static void
j_rank(struct buf *b, const struct portfolio_rank *v, size_t n, bool pillar)
{
	for (size_t i = 0; i < n; i++) {
		buf_adds(b, i > 0 ? ",\n  {\"lens\": " : "{\"lens\": ");
		json_string(b, v[i].lens);
		buf_adds(b, ", \"id\": ");
		json_string(b, v[i].id);
		if (!pillar) {
			buf_adds(b, ", \"number\": ");
			if (v[i].number != NULL)
				json_string(b, v[i].number);
			else
				buf_adds(b, "null");
		}
		buf_adds(b, ", \"title\": ");
		json_string(b, v[i].title);
		buf_printf(b, ", \"workloads\": %u, \"high\": %u}",
		    v[i].workloads, v[i].high);
	}
}

static void
j_workload(struct buf *b, const struct portfolio_workload *w)
{
	char *ids = xstrdup(w->lenses), *save = NULL;
	bool  first = true;

	buf_adds(b, "{\"dir\": ");
	json_string(b, w->dir);
	buf_adds(b, ", \"workload\": ");
	json_string(b, w->name);
	buf_adds(b, ", \"environment\": ");
	json_string(b, w->environment);
	buf_adds(b, ", \"lenses\": [");
	for (char *id = strtok_r(ids, " ", &save); id != NULL;
	    id = strtok_r(NULL, " ", &save)) {
		buf_adds(b, first ? "" : ", ");
		json_string(b, id);
		first = false;
	}
	free(ids);
	buf_adds(b, "],\n   \"totals\": {");
	json_tally(b, &w->total);
	buf_printf(b, "}, \"answered_percent\": %u,\n   \"pillars\": [",
	    percent(&w->total));
	for (size_t i = 0; i < w->npillars; i++) {
		buf_adds(b, i > 0 ? ",\n    {\"lens\": " : "{\"lens\": ");
		json_string(b, w->pillars[i].lens);
		buf_adds(b, ", \"id\": ");
		json_string(b, w->pillars[i].id);
		buf_adds(b, ", \"title\": ");
		json_string(b, w->pillars[i].title);
		buf_adds(b, ", ");
		json_tally(b, &w->pillars[i].tally);
		buf_adds(b, "}");
	}
	buf_adds(b, "],\n   \"milestone\": ");
	if (w->has_milestone) {
		buf_adds(b, "{\"name\": ");
		json_string(b, w->milestone);
		buf_adds(b, ", \"date\": ");
		json_string(b, w->milestone_date);
		buf_printf(b, ", \"high\": %u, \"medium\": %u}",
		    w->milestone_tally.n[RISK_HIGH],
		    w->milestone_tally.n[RISK_MEDIUM]);
		buf_printf(b, ",\n   \"trend\": {\"high\": %d, \"medium\": %d}",
		    w->trend_high, w->trend_medium);
	} else
		buf_adds(b, "null, \"trend\": null");
	buf_printf(b, ",\n   \"roadmap\": {\"open\": %u, \"overdue\": %u}}",
	    w->roadmap_open, w->roadmap_overdue);
}

char *
portfolio_json(const struct portfolio *pf)
{
	struct buf b = { 0 };

	buf_adds(&b, "{\"today\": ");
	json_string(&b, pf->today);
	buf_adds(&b, ",\n \"workloads\": [");
	for (size_t i = 0; i < pf->n; i++) {
		buf_adds(&b, i > 0 ? ",\n  " : "");
		j_workload(&b, &pf->v[i]);
	}
	buf_printf(&b, "],\n \"totals\": {\"workloads\": %zu, ", pf->n);
	json_tally(&b, &pf->total);
	buf_printf(&b, ", \"roadmap_open\": %u, \"roadmap_overdue\": %u},\n"
	    " \"high_risk_pillars\": [", pf->roadmap_open, pf->roadmap_overdue);
	j_rank(&b, pf->pillars, pf->npillars, true);
	buf_adds(&b, "],\n \"high_risk_questions\": [");
	j_rank(&b, pf->questions, pf->nquestions, false);
	buf_adds(&b, "],\n \"skipped\": [");
	for (size_t i = 0; i < pf->nskipped; i++) {
		buf_adds(&b, i > 0 ? ", " : "");
		json_string(&b, pf->skipped[i]);
	}
	buf_adds(&b, "]}\n");
	return buf_take(&b);
}

/* --- CSV: one row a pillar of a workload, one a workload, one the
 * portfolio (column "scope"). --- */

static void
csv_row(struct buf *b, const char *scope, const struct portfolio_workload *w,
    const struct portfolio_pillar *p, const struct tally *t, unsigned open,
    unsigned overdue)
{
	const char *cells[] = { scope, w != NULL ? w->dir : "", w != NULL ?
	    w->name : "", w != NULL ? w->lenses : "", p != NULL ? p->lens : "",
	    p != NULL ? p->id : "" };

	for (size_t i = 0; i < nitems(cells); i++) {
		report_csv_field(b, cells[i]);
		buf_addc(b, ',');
	}
	buf_printf(b, "%u,%u,%u,%u,%u,%u,%u,", t->questions, t->answered,
	    t->n[RISK_HIGH], t->n[RISK_MEDIUM], t->n[RISK_NONE],
	    t->n[RISK_NOT_APPLICABLE], t->n[RISK_UNANSWERED]);
	if (w != NULL && p == NULL && w->has_milestone) {
		report_csv_field(b, w->milestone);
		buf_printf(b, ",%s,%d,%d,", w->milestone_date, w->trend_high,
		    w->trend_medium);
	} else
		buf_adds(b, ",,,,");
	if (p == NULL)
		buf_printf(b, "%u,%u\r\n", open, overdue);
	else
		buf_adds(b, ",\r\n");
}

char *
portfolio_csv(const struct portfolio *pf)
{
	struct buf b = { 0 };

	buf_adds(&b, "scope,dir,workload,lenses,lens,pillar,questions,answered,"
	    "high,medium,none,not_applicable,unanswered,last_milestone,"
	    "milestone_date,trend_high,trend_medium,roadmap_open,"
	    "roadmap_overdue\r\n");
	for (size_t i = 0; i < pf->n; i++) {
		const struct portfolio_workload *w = &pf->v[i];

		csv_row(&b, "workload", w, NULL, &w->total, w->roadmap_open,
		    w->roadmap_overdue);
		for (size_t j = 0; j < w->npillars; j++)
			csv_row(&b, "pillar", w, &w->pillars[j],
			    &w->pillars[j].tally, 0, 0);
	}
	csv_row(&b, "portfolio", NULL, NULL, &pf->total, pf->roadmap_open,
	    pf->roadmap_overdue);
	return buf_take(&b);
}
