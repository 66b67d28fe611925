/* view-roadmap.c: the remediation roadmap, grouped by status, each group
 * by severity then effort (the quick wins first), with how many HRIs are
 * still open against the last milestone. Its fields (owner, ticket,
 * effort, status, target date) are edited in place here and in the
 * improvement plan, each change one transaction. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "git/history.h"
#include "model/plan.h"
#include "ui/ui.h"
#include "base/util.h"

#define SUMMARY_ROWS	4	/* the title, two lines of counts, headings */

struct roadview {
	WINDOW			*w;
	struct roadmap_view	 rv;
	bool			 built;
	struct ui_list		 l;
	int			 top;		/* first screen line shown */
	struct qref		 pending;	/* what a prompt edits */
	const char		*menu[ROADMAP_NGROUPS + 1];
	int			 col[8];	/* the table's column widths */
};

/* The table's columns, after the risk badge. */
enum { C_EFFORT, C_QUESTION, C_TITLE, C_OWNER, C_TICKET, C_DUE, C_STATUS,
	C_COUNT };
static const char *const headings[C_COUNT] = {
	N_("Effort"), N_("Question"), N_("Title"), N_("Owner"), N_("Ticket"),
	N_("Due"), N_("Status"),
};
#define TABLE_X		6	/* cursor, badge and a space */

static struct roadview *
state(struct ui *ui)
{
	if (ui->view_data[5] == NULL)
		ui->view_data[5] = xcalloc(1, sizeof(struct roadview));
	return ui->view_data[5];
}

static struct roadview *
rebuild(struct ui *ui)
{
	struct roadview		*r = state(ui);
	const struct question	*sel = NULL;

	if (r->built) {
		if (r->l.cur < r->rv.n)
			sel = r->rv.v[r->l.cur].ref.q;
		roadmap_view_free(&r->rv);
	}
	roadmap_build(&ui->ws->state, ui->ws->state.baseline, &r->rv);
	r->built = true;
	r->l.n = r->rv.n;
	for (size_t i = 0; sel != NULL && i < r->rv.n; i++) {
		if (r->rv.v[i].ref.q == sel) {
			r->l.cur = i;
			break;
		}
	}
	list_clamp(&r->l);
	return r;
}

bool
roadmap_current(struct ui *ui, struct qref *ref)
{
	struct roadview *r = rebuild(ui);

	if (r->rv.n == 0)
		return false;
	*ref = r->rv.v[r->l.cur].ref;
	return true;
}

void
act_roadmap(struct ui *ui)
{
	ui_set_view(ui, &view_roadmap);
}

void
act_roadmap_leave(struct ui *ui)
{
	ui_set_view(ui, &view_review);
}

void
act_roadmap_goto(struct ui *ui)
{
	struct qref ref;

	if (!roadmap_current(ui, &ref)) {
		ui_message(ui, false, "%s", _("Nothing is on the roadmap yet: "
		    "take findings onto it from the plan (i, then t)."));
		return;
	}
	ui_set_view(ui, &view_review);
	review_goto(ui, ref.lens, ref.q, -1);
	ui->focus = PANE_QUESTIONS;
}

/* --- Editing an item, from here or from the plan --- */

/* The finding under the cursor of the plan or the roadmap. */
static bool
item_ref(struct ui *ui, struct qref *ref)
{
	bool found;

	if (ui->view == &view_plan)
		found = plan_current(ui, ref);
	else
		found = roadmap_current(ui, ref);
	if (!found)
		ui_message(ui, false, "%s", _("No finding here."));
	return found;
}

/* A copy of the item to change; a finding not on the roadmap yet gets a
 * new one. NULL when the question is no finding and not on it. */
static struct roadmap_item *
item_get(struct ui *ui, const struct qref *ref)
{
	const struct roadmap_item	*cur;
	enum risk			 risk = state_risk(&ui->ws->state, ref);

	if (ref->q == NULL)
		return NULL;
	cur = ui->ws->state.roadmap[ref->lens][ref->q->index];
	if (cur != NULL)
		return roadmap_item_dup(cur);
	if (risk != RISK_HIGH && risk != RISK_MEDIUM) {
		ui_message(ui, true, _("%s is not a finding: its risk is %s."),
		    ref->q->number != NULL ? ref->q->number : ref->q->id,
		    risk_name(risk));
		return NULL;
	}
	return xcalloc(1, sizeof(struct roadmap_item));
}

/* Write the item (NULL: take it off the roadmap) and free it. */
static int
item_put(struct ui *ui, const struct qref *ref, struct roadmap_item *it)
{
	char	*cause = NULL;
	int	 ret = 0;

	if (ops_roadmap(ui->ws, ref, it, &cause) != 0) {
		ui_message(ui, true, "%s", cause);
		free(cause);
		ret = -1;
	} else if (ui->ws->warning != NULL) {
		ui_message(ui, true, "%s", ui->ws->warning);
		free(ui->ws->warning);
		ui->ws->warning = NULL;
	}
	roadmap_item_free(it);
	ui_dirty(ui);
	return ret;
}

/* Start an edit: remember the finding for the prompt's answer; *it is
 * its item, NULL when it is not on the roadmap yet. */
static bool
begin(struct ui *ui, const struct roadmap_item **it)
{
	struct roadview *r = state(ui);

	if (!item_ref(ui, &r->pending))
		return false;
	*it = ui->ws->state.roadmap[r->pending.lens][r->pending.q->index];
	return true;
}

static void
set_text(struct ui *ui, const char *value, size_t field)
{
	struct roadview		*r = state(ui);
	struct roadmap_item	*it;
	char			**f;

	if ((it = item_get(ui, &r->pending)) == NULL)
		return;
	f = field == 0 ? &it->owner : &it->ticket;
	free(*f);
	*f = *value != '\0' ? xstrdup(value) : NULL;
	if (item_put(ui, &r->pending, it) == 0)
		ui_message(ui, false, "%s", field == 0 ?
		    (*value != '\0' ? _("owner set") : _("owner cleared")) :
		    (*value != '\0' ? _("ticket set") : _("ticket cleared")));
}

static void
owner_done(struct ui *ui, const char *value)
{
	set_text(ui, value, 0);
}

static void
ticket_done(struct ui *ui, const char *value)
{
	set_text(ui, value, 1);
}

void
act_item_owner(struct ui *ui)
{
	const struct roadmap_item *it;

	if (begin(ui, &it))
		ui_prompt(ui, _("Owner (empty clears):"), it != NULL ? it->owner : NULL,
		    owner_done);
}

void
act_item_ticket(struct ui *ui)
{
	const struct roadmap_item *it;

	if (begin(ui, &it))
		ui_prompt(ui, _("Ticket (empty clears):"), it != NULL ? it->ticket : NULL,
		    ticket_done);
}

static void
effort_done(struct ui *ui, const char *value)
{
	struct roadview		*r = state(ui);
	struct roadmap_item	*it;
	enum effort		 e;

	for (e = EFFORT_SMALL; e <= EFFORT_LARGE; e++) {
		if (streq(value, effort_label(e)))
			break;
	}
	if (e > EFFORT_LARGE || (it = item_get(ui, &r->pending)) == NULL)
		return;
	it->effort = e;
	if (item_put(ui, &r->pending, it) == 0)
		ui_message(ui, false, _("effort: %s"), effort_label(e));
}

void
act_item_effort(struct ui *ui)
{
	struct roadview *r = state(ui);

	if (!item_ref(ui, &r->pending))
		return;
	for (int i = 0; i < 3; i++)
		r->menu[i] = effort_label(EFFORT_SMALL + i);
	r->menu[3] = NULL;
	ui_menu(ui, _("Effort:"), r->menu, effort_done);
}

static void
reason_done(struct ui *ui, const char *value)
{
	struct roadview		*r = state(ui);
	struct roadmap_item	*it;

	if (*value == '\0') {
		ui_message(ui, true, "%s", _("An accepted risk needs a "
		    "reason: the status is unchanged."));
		return;
	}
	if ((it = item_get(ui, &r->pending)) == NULL)
		return;
	it->status = STATUS_ACCEPTED;
	free(it->reason);
	it->reason = xstrdup(value);
	if (item_put(ui, &r->pending, it) == 0)
		ui_message(ui, false, _("status: %s"),
		    status_label(STATUS_ACCEPTED));
}

static void
status_done(struct ui *ui, const char *value)
{
	struct roadview			*r = state(ui);
	struct roadmap_item		*it;
	const struct roadmap_item	*cur;
	enum item_status		 s;

	for (s = STATUS_OPEN; s <= STATUS_ACCEPTED; s++) {
		if (streq(value, status_label(s)))
			break;
	}
	if (s > STATUS_ACCEPTED)
		return;
	if (s == STATUS_ACCEPTED) {
		cur = ui->ws->state.roadmap[r->pending.lens][r->pending.q->index];
		ui_prompt(ui, _("Why is the risk accepted?"), cur != NULL ?
		    cur->reason : NULL, reason_done);
		return;
	}
	if ((it = item_get(ui, &r->pending)) == NULL)
		return;
	it->status = s;
	if (item_put(ui, &r->pending, it) == 0)
		ui_message(ui, false, _("status: %s"), status_label(s));
}

void
act_item_status(struct ui *ui)
{
	struct roadview *r = state(ui);

	if (!item_ref(ui, &r->pending))
		return;
	for (int i = 0; i < ROADMAP_NGROUPS; i++)
		r->menu[i] = status_label(i);
	r->menu[ROADMAP_NGROUPS] = NULL;
	ui_menu(ui, _("Status:"), r->menu, status_done);
}

static void
target_done(struct ui *ui, const char *value)
{
	struct roadview		*r = state(ui);
	struct roadmap_item	*it;

	if (*value != '\0' && !plan_date_valid(value)) {
		ui_message(ui, true, _("\"%s\" is not a date (YYYY-MM-DD): the "
		    "target is unchanged."), value);
		return;
	}
	if ((it = item_get(ui, &r->pending)) == NULL)
		return;
	free(it->target);
	it->target = *value != '\0' ? xstrdup(value) : NULL;
	if (item_put(ui, &r->pending, it) == 0)
		ui_message(ui, false, "%s", *value != '\0' ?
		    _("target date set") : _("target date cleared"));
}

void
act_item_target(struct ui *ui)
{
	const struct roadmap_item *it;

	if (begin(ui, &it))
		ui_prompt(ui, _("Target date (YYYY-MM-DD, empty clears):"),
		    it != NULL ? it->target : NULL, target_done);
}

static void
remove_done(struct ui *ui, const char *value)
{
	struct roadview *r = state(ui);

	if (!streq(value, r->menu[1]))
		return;
	if (item_put(ui, &r->pending, NULL) == 0)
		ui_message(ui, false, "%s", _("taken off the roadmap"));
}

void
act_item_remove(struct ui *ui)
{
	struct roadview			*r = state(ui);
	const struct roadmap_item	*it;

	if (!begin(ui, &it))
		return;
	if (it == NULL) {
		ui_message(ui, false, "%s", _("This finding is not on the "
		    "roadmap."));
		return;
	}
	r->menu[0] = _("keep it");
	r->menu[1] = _("take it off the roadmap");
	r->menu[2] = NULL;
	ui_menu(ui, _("Remove from the roadmap?"), r->menu, remove_done);
}

void
act_plan_take(struct ui *ui)
{
	struct roadview			*r = state(ui);
	const struct roadmap_item	*cur;
	struct roadmap_item		*it;

	if (!item_ref(ui, &r->pending))
		return;
	cur = ui->ws->state.roadmap[r->pending.lens][r->pending.q->index];
	if (cur != NULL) {
		ui_message(ui, false, _("Already on the roadmap: %s."),
		    item_state_label(roadmap_item_state(cur,
		    state_risk(&ui->ws->state, &r->pending))));
		return;
	}
	if ((it = item_get(ui, &r->pending)) == NULL)
		return;
	if (item_put(ui, &r->pending, it) == 0)
		ui_message(ui, false, "%s", _("taken onto the roadmap "
		    "(o owner, T ticket, f effort, s status, d target date)"));
}

/* --- The view --- */

static void
roadmap_enter(struct ui *ui)
{
	char *cause = NULL;

	/* The last milestone, to count its HRIs still open; a workspace
	 * without history has none. */
	if (workspace_load_baseline(ui->ws, &cause) != 0)
		free(cause);
	rebuild(ui);
}

static void
roadmap_layout(struct ui *ui, int y, int x, int h, int w)
{
	struct roadview *r = state(ui);

	if (r->w != NULL)
		delwin(r->w);
	r->w = newwin(h, w, y, x);
}

/* The screen lines below the summary: a heading per group (-1 - status),
 * then its entries (their index). */
static size_t
lines(const struct roadview *r, long **out, size_t *curline)
{
	long	*v = xreallocarray(NULL, r->rv.n + ROADMAP_NGROUPS + 1,
		    sizeof *v);
	size_t	 n = 0;

	*curline = 0;
	for (size_t s = 0; s < ROADMAP_NGROUPS; s++) {
		if (r->rv.ngroup[s] == 0)
			continue;
		v[n++] = -1 - (long)s;
		for (size_t i = r->rv.group[s]; i < r->rv.group[s] +
		    r->rv.ngroup[s]; i++) {
			if (i == r->l.cur)
				*curline = n;
			v[n++] = (long)i;
		}
	}
	*out = v;
	return n;
}

static int
width_of(const char *s)
{
	return s != NULL ? text_width(s, strlen(s)) : 0;
}

static void
grow(int *col, const char *s, int cap)
{
	int w = width_of(s);

	if (w > cap)
		w = cap;
	if (w > *col)
		*col = w;
}

/* Column widths that fit the width: each as wide as its widest cell (a
 * few capped), the title the rest. The title shrinks first, then the
 * ticket and the owner, then the effort goes; the date is never cut. */
static void
fit_columns(struct roadview *r, int width)
{
	int	*c = r->col, fixed, min_title;

	for (int i = 0; i < C_COUNT; i++)
		c[i] = width_of(_(headings[i]));
	for (size_t i = 0; i < r->rv.n; i++) {
		const struct roadmap_item *it = r->rv.v[i].item;

		grow(&c[C_EFFORT], it->effort != EFFORT_UNSET ?
		    effort_label(it->effort) : "-", 12);
		grow(&c[C_QUESTION], r->rv.v[i].ref.q->number, 10);
		grow(&c[C_OWNER], it->owner, 20);
		grow(&c[C_TICKET], it->ticket, 24);
		grow(&c[C_DUE], it->target, 10);
		if (roadmap_item_state(it, r->rv.v[i].risk) ==
		    ITEM_DONE_RISK_OPEN)
			grow(&c[C_STATUS],
			    item_state_label(ITEM_DONE_RISK_OPEN), 24);
	}
	for (int s = 0; s < ROADMAP_NGROUPS; s++)
		grow(&c[C_STATUS], status_label(s), 16);
	min_title = 20;
	for (int step = 0; ; step++) {
		fixed = TABLE_X;
		for (int i = 0; i < C_COUNT; i++) {
			if (i != C_TITLE && c[i] > 0)
				fixed += c[i] + 1;
		}
		c[C_TITLE] = width - fixed - 1;
		if (c[C_TITLE] >= min_title || step > 3)
			break;
		switch (step) {
		case 0:
			if (c[C_TICKET] > 8)
				c[C_TICKET] = 8;
			break;
		case 1:
			if (c[C_OWNER] > 8)
				c[C_OWNER] = 8;
			break;
		case 2:
			c[C_EFFORT] = 0;
			break;
		default:
			min_title = 1;
			break;
		}
	}
	if (c[C_TITLE] < 1)
		c[C_TITLE] = 1;
}

/* One row of the table: the cells in their columns, from TABLE_X. */
static void
table_row(WINDOW *w, int y, const int *col, const char *const cell[],
    enum element el)
{
	int x = TABLE_X;

	for (int i = 0; i < C_COUNT; i++) {
		if (col[i] <= 0)
			continue;
		draw_text(w, y, x, col[i], cell[i] != NULL ? cell[i] : "", el);
		x += col[i] + 1;
	}
}

static void
entry_row(struct ui *ui, struct roadview *r, int y, size_t i)
{
	WINDOW				*w = r->w;
	const struct roadmap_entry	*e = &r->rv.v[i];
	const struct roadmap_item	*it = e->item;
	enum element			 el = list_row(w, y, i == r->l.cur);
	const char			*cell[C_COUNT];
	char				*title = NULL;

	(void)ui;
	draw_text(w, y, 2, 3, theme_badge(e->risk), theme_risk(e->risk));
	if (it->status == STATUS_ACCEPTED && it->reason != NULL)
		title = xasprintf("(%s) %s", it->reason,
		    text_get(&e->ref.q->title));
	else if (roadmap_item_closable(it, e->risk))
		title = xasprintf("(%s) %s",
		    _("no longer a finding: s to close"),
		    text_get(&e->ref.q->title));
	cell[C_EFFORT] = it->effort != EFFORT_UNSET ?
	    effort_label(it->effort) : "-";
	cell[C_QUESTION] = e->ref.q->number != NULL ? e->ref.q->number :
	    e->ref.q->id;
	cell[C_TITLE] = title != NULL ? title : text_get(&e->ref.q->title);
	cell[C_OWNER] = it->owner != NULL ? it->owner : "-";
	cell[C_TICKET] = it->ticket != NULL ? it->ticket : "-";
	cell[C_DUE] = it->target != NULL ? it->target : "-";
	/* Status and risk agree: done while the risk stays is not closed. */
	cell[C_STATUS] = roadmap_item_state(it, e->risk) ==
	    ITEM_DONE_RISK_OPEN ? item_state_label(ITEM_DONE_RISK_OPEN) :
	    status_label(it->status);
	table_row(w, y, r->col, cell, el);
	free(title);
}

static void
roadmap_draw(struct ui *ui, bool all)
{
	struct roadview	*r = state(ui);
	WINDOW		*w = r->w;
	long		*ln;
	size_t		 n, curline;
	int		 h, width, rows;
	char		*s;

	if (!all || w == NULL)
		return;
	rebuild(ui);
	h = getmaxy(w);
	width = getmaxx(w);
	werase(w);
	list_title(w, 0, _("Roadmap: by status, then severity and effort "
	    "(quick wins first)"));
	s = xasprintf(_("High-risk issues: %u now, %u still open, %u not on "
	    "the roadmap."), r->rv.hri, r->rv.hri_open, r->rv.hri_untracked);
	draw_text(w, 1, 1, width - 2, s, r->rv.hri_open > 0 ? EL_RISK_HIGH :
	    EL_NORMAL);
	free(s);
	if (r->rv.has_baseline)
		s = roadmap_since_text(&r->rv);
	else
		s = xstrdup(_("No milestone yet (m saves one): nothing to "
		    "count against."));
	draw_text(w, 2, 1, width - 2, s, EL_DIM);
	free(s);
	if (r->rv.n == 0) {
		draw_text(w, SUMMARY_ROWS + 1, 2, width - 4, _("Nothing is on "
		    "the roadmap yet: take findings onto it from the plan "
		    "(i, then t)."), EL_DIM);
		wnoutrefresh(w);
		return;
	}
	fit_columns(r, width);
	{
		const char *cell[C_COUNT];

		for (int i = 0; i < C_COUNT; i++)
			cell[i] = _(headings[i]);
		draw_fill(w, SUMMARY_ROWS - 1, 0, width, EL_CURSOR);
		table_row(w, SUMMARY_ROWS - 1, r->col, cell, EL_CURSOR);
	}
	rows = h - SUMMARY_ROWS;
	if (rows < 1)
		rows = 1;
	n = lines(r, &ln, &curline);
	r->l.rows = rows;
	if ((long)curline < r->top)
		r->top = (int)curline;
	if ((long)curline >= r->top + rows)
		r->top = (int)curline - rows + 1;
	/* The group's heading too, when its first entry is the cursor. */
	if (curline > 0 && (long)curline - 1 < r->top && ln[curline - 1] < 0)
		r->top = (int)curline - 1;
	if (r->top > (int)n - rows)
		r->top = (int)n - rows;
	if (r->top < 0)
		r->top = 0;
	for (int y = 0; y < rows && r->top + y < (int)n; y++) {
		long v = ln[r->top + y];

		if (v < 0) {
			size_t st = (size_t)(-1 - v);

			s = xasprintf("%s (%zu)", status_label(st),
			    r->rv.ngroup[st]);
			draw_text(w, SUMMARY_ROWS + y, 1, width - 2, s,
			    EL_TITLE);
			free(s);
		} else
			entry_row(ui, r, SUMMARY_ROWS + y, (size_t)v);
	}
	free(ln);
	wnoutrefresh(w);
}

/* The entry shown on screen row y of the list (a heading is none). */
static long
row_at(struct ui *ui, int y)
{
	struct roadview	*r = state(ui);
	long		*ln, v = -1;
	size_t		 n, curline;

	n = lines(r, &ln, &curline);
	if (r->top + y < (int)n)
		v = ln[r->top + y];
	free(ln);
	return v;
}

static void
roadmap_mouse(struct ui *ui, MEVENT *m)
{
	struct roadview *r = rebuild(ui);

	if (list_mouse(ui, r->w, m, SUMMARY_ROWS, &r->l, row_at) == -2)
		act_roadmap_goto(ui);
}

struct ui_list *
roadmap_list(struct ui *ui)
{
	return &rebuild(ui)->l;
}

static void
roadmap_free(struct ui *ui)
{
	struct roadview *r = ui->view_data[5];

	if (r == NULL)
		return;
	if (r->w != NULL)
		delwin(r->w);
	if (r->built)
		roadmap_view_free(&r->rv);
	free(r);
	ui->view_data[5] = NULL;
}

const struct view view_roadmap = {
	"roadmap", CTX_ROADMAP, roadmap_enter, NULL, roadmap_layout,
	roadmap_draw, NULL, roadmap_mouse, NULL, roadmap_free
};
