/* view-plan.c: the improvement plan: every question at high or medium
 * risk, by risk, then the workload's pillar priorities, then question
 * order, with the practices still missing, their improvement text and
 * links. A finding is taken onto the roadmap, and its roadmap fields are
 * edited, right here; Enter goes back to the question. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "model/plan.h"
#include "ui/ui.h"
#include "base/util.h"

struct planview {
	WINDOW			*wl, *wd;	/* the list, the finding */
	struct plan		 p;
	bool			 built;
	struct ui_list		 l;
};

static struct planview *
state(struct ui *ui)
{
	if (ui->view_data[4] == NULL)
		ui->view_data[4] = xcalloc(1, sizeof(struct planview));
	return ui->view_data[4];
}

/* Build the plan again (answers or the roadmap may have changed) and keep
 * the cursor on the same finding when it is still one. */
static struct planview *
rebuild(struct ui *ui)
{
	struct planview		*pv = state(ui);
	const struct question	*sel = NULL;

	if (pv->built) {
		if (pv->l.cur < pv->p.n)
			sel = pv->p.v[pv->l.cur].ref.q;
		plan_free(&pv->p);
	}
	plan_build(&ui->ws->state, &pv->p);
	pv->built = true;
	pv->l.n = pv->p.n;
	for (size_t i = 0; sel != NULL && i < pv->p.n; i++) {
		if (pv->p.v[i].ref.q == sel) {
			pv->l.cur = i;
			break;
		}
	}
	list_clamp(&pv->l);
	return pv;
}

bool
plan_current(struct ui *ui, struct qref *ref)
{
	struct planview *pv = rebuild(ui);

	if (pv->p.n == 0)
		return false;
	*ref = pv->p.v[pv->l.cur].ref;
	return true;
}

void
act_plan(struct ui *ui)
{
	ui_set_view(ui, &view_plan);
}

void
act_plan_leave(struct ui *ui)
{
	ui_set_view(ui, &view_review);
}

void
act_plan_goto(struct ui *ui)
{
	struct qref ref;

	if (!plan_current(ui, &ref)) {
		ui_message(ui, false, "%s", _("No finding here."));
		return;
	}
	ui_set_view(ui, &view_review);
	review_goto(ui, ref.lens, ref.q, -1);
	ui->focus = PANE_QUESTIONS;
}

static void
plan_enter(struct ui *ui)
{
	rebuild(ui);
}

static void
free_windows(struct planview *pv)
{
	if (pv->wl != NULL)
		delwin(pv->wl);
	if (pv->wd != NULL)
		delwin(pv->wd);
	pv->wl = pv->wd = NULL;
}

static void
plan_layout(struct ui *ui, int y, int x, int h, int w)
{
	struct planview	*pv = rebuild(ui);
	int		 top = (int)pv->p.n + 2;

	/* The findings as far as half the screen, the rest for the one under
	 * the cursor. */
	free_windows(pv);
	if (top > h / 2)
		top = h / 2;
	if (top < 6)
		top = 6;
	pv->wl = newwin(top, w, y, x);
	pv->wd = newwin(h - top, w, y + top, x);
	if (pv->wl == NULL || pv->wd == NULL)
		free_windows(pv);
}

static const char *
code(enum risk r)
{
	return r == RISK_HIGH ? _("HRI") : _("MRI");
}

/* "open, Dana, TICKET-1": the roadmap fields of a finding, or "". */
static char *
item_summary(const struct roadmap_item *it, enum risk r)
{
	struct buf b = { 0 };

	buf_adds(&b, "");
	if (it == NULL)
		return b.s;
	buf_adds(&b, item_state_label(roadmap_item_state(it, r)));
	if (it->owner != NULL)
		buf_printf(&b, ", %s", it->owner);
	if (it->ticket != NULL)
		buf_printf(&b, ", %s", it->ticket);
	return b.s;
}

static void
draw_list(struct ui *ui, struct planview *pv)
{
	WINDOW	*w = pv->wl;
	int	 h = getmaxy(w), width = getmaxx(w), numw = 0;
	char	*s;

	werase(w);
	s = xasprintf(_("Improvement plan: %u high, %u medium  (by risk, "
	    "pillar priorities, question order)"), pv->p.high, pv->p.medium);
	list_title(w, 0, s);
	free(s);
	if (pv->p.n == 0) {
		draw_text(w, 2, 2, width - 4, _("No finding: no question is "
		    "at high or medium risk."), EL_DIM);
		wnoutrefresh(w);
		return;
	}
	for (size_t i = 0; i < pv->p.n; i++) {
		const char *n = pv->p.v[i].ref.q->number;
		int nw = n != NULL ? text_width(n, strlen(n)) : 0;

		if (nw > numw)
			numw = nw;
	}
	if (numw > 10)
		numw = 10;
	list_visible(&pv->l, h - 1);
	for (int y = 1; y < h && pv->l.top + y - 1 < (int)pv->p.n; y++) {
		size_t			 i = (size_t)(pv->l.top + y - 1);
		const struct plan_entry	*e = &pv->p.v[i];
		const struct pillar	*pl = e->ref.q->pillar;
		enum element		 el = list_row(w, y, i == pv->l.cur);
		char			*sum = item_summary(e->item, e->risk);
		int			 x = 2, sw = 0;

		x += draw_text(w, y, x, 3, code(e->risk), theme_risk(e->risk))
		    + 1;
		x += draw_text(w, y, x, 5, pl->code != NULL ? pl->code : pl->id,
		    el);
		x = 2 + 4 + 6;
		if (numw > 0) {
			draw_text(w, y, x, numw, e->ref.q->number != NULL ?
			    e->ref.q->number : "", el);
			x += numw + 1;
		}
		if (*sum != '\0') {
			sw = text_width(sum, strlen(sum));
			if (sw > width / 3)
				sw = width / 3;
			draw_text(w, y, width - sw - 1, sw, sum, EL_DIM);
			sw += 2;
		}
		draw_text(w, y, x, width - x - sw, text_get(&e->ref.q->title),
		    el);
		free(sum);
	}
	wnoutrefresh(w);
}

static void
draw_finding(struct ui *ui, struct planview *pv)
{
	WINDOW			*w = pv->wd;
	const struct plan_entry	*e;
	const struct roadmap_item *it;
	int			 h = getmaxy(w), width = getmaxx(w);
	struct doc		 d;
	char			*s;

	werase(w);
	if (pv->p.n == 0) {
		wnoutrefresh(w);
		return;
	}
	e = &pv->p.v[pv->l.cur];
	it = e->item;
	detail_follow(ui, e->ref.q);
	s = xasprintf("%s%s%s", e->ref.q->number != NULL ? e->ref.q->number :
	    "", e->ref.q->number != NULL ? "  " : "",
	    text_get(&e->ref.q->title));
	list_title(w, 0, s);
	free(s);
	/* The rest scrolls (J/K): every missing practice, whole. */
	doc_init(&d, width - 2);
	if (it == NULL)
		s = xstrdup(_("Not on the roadmap (t: take it; Enter: go to "
		    "the question)"));
	else
		s = xasprintf(_("Roadmap: %s  owner: %s  ticket: %s  effort: "
		    "%s  target: %s"), item_state_label(roadmap_item_state(it,
		    e->risk)),
		    it->owner != NULL ? it->owner : "-",
		    it->ticket != NULL ? it->ticket : "-",
		    it->effort != EFFORT_UNSET ? effort_label(it->effort) : "-",
		    it->target != NULL ? it->target : "-");
	doc_wrap(&d, 0, it != NULL ? EL_NORMAL : EL_DIM, s);
	free(s);
	if (it != NULL && it->status == STATUS_ACCEPTED && it->reason != NULL) {
		s = xasprintf(_("Accepted because: %s"), it->reason);
		doc_wrap(&d, 0, EL_DIM, s);
		free(s);
	}
	s = xasprintf(_("Practices still missing: %zu"), e->nmissing);
	doc_line(&d, 0, EL_TITLE, s);
	free(s);
	for (size_t j = 0; j < e->nmissing; j++) {
		const struct choice	*ch = e->missing[j];
		const char		*url = ch->improvement_url != NULL ?
					    ch->improvement_url : ch->url;
		struct buf		 b = { 0 };

		if (ch->code != NULL)
			buf_printf(&b, "%s ", ch->code);
		buf_adds(&b, text_get(&ch->title));
		if (ch->risk != LEVEL_UNSET)
			buf_printf(&b, " [%s]", level_name(ch->risk));
		doc_bullet(&d, 2, EL_NORMAL, b.s);
		buf_free(&b);
		doc_wrap(&d, 4, EL_NORMAL, text_get(&ch->improvement));
		doc_wrap(&d, 4, EL_DIM, url);
	}
	ui->detail_rows = h - 1;
	doc_draw(&d, w, 1, 1, h - 1, &ui->detail_top);
	doc_free(&d);
	wnoutrefresh(w);
}

static void
plan_draw(struct ui *ui, bool all)
{
	struct planview *pv = state(ui);

	if (!all || pv->wl == NULL)
		return;
	rebuild(ui);
	draw_list(ui, pv);
	draw_finding(ui, pv);
}

static void
plan_mouse(struct ui *ui, MEVENT *m)
{
	struct planview *pv = rebuild(ui);

	if (list_mouse(ui, pv->wl, m, 1, &pv->l, NULL) == -2)
		act_plan_goto(ui);
}

struct ui_list *
plan_list(struct ui *ui)
{
	return &rebuild(ui)->l;
}

static void
plan_free_view(struct ui *ui)
{
	struct planview *pv = ui->view_data[4];

	if (pv == NULL)
		return;
	free_windows(pv);
	if (pv->built)
		plan_free(&pv->p);
	free(pv);
	ui->view_data[4] = NULL;
}

const struct view view_plan = {
	"plan", CTX_PLAN, plan_enter, NULL, plan_layout, plan_draw, NULL,
	plan_mouse, NULL, plan_free_view
};
