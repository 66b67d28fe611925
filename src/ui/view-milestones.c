/* view-milestones.c: saving a milestone (m), and the milestones view (M):
 * every milestone newest first with its date and HRI/MRI counts, and the
 * risk-aware diff of one against the live state, or between two. */
#include "config.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "git/history.h"
#include "model/diff.h"
#include "ui/ui.h"
#include "base/util.h"

struct dline {
	char		*text;
	enum element	 el;
	char		*ref;		/* lens/question, or NULL */
};

struct msview {
	WINDOW			*w;
	struct milestone	*m;
	size_t			 n;
	char			*error;		/* why there is no list */
	struct ui_list		 l;
	long			 mark;		/* -1: none */
	bool			 diff;		/* the diff is showing */
	char			*title;
	struct dline		*d;
	size_t			 nd, capd;
	struct ui_list		 dl;
};

static struct msview *
state(struct ui *ui)
{
	struct msview *v;

	if (ui->view_data[6] == NULL) {
		v = ui->view_data[6] = xcalloc(1, sizeof(struct msview));
		v->mark = -1;
	}
	return ui->view_data[6];
}

static void
diff_free(struct msview *v)
{
	for (size_t i = 0; i < v->nd; i++) {
		free(v->d[i].text);
		free(v->d[i].ref);
	}
	free(v->d);
	free(v->title);
	v->d = NULL;
	v->title = NULL;
	v->nd = v->capd = 0;
	v->dl = (struct ui_list){ 0 };
	v->diff = false;
}

static void
load(struct ui *ui)
{
	struct msview	*v = state(ui);
	char		*cause = NULL;

	milestones_free(v->m, v->n);
	v->m = NULL;
	v->n = 0;
	free(v->error);
	v->error = NULL;
	if (history_milestones(ui->ws->dir, &v->m, &v->n, &cause) != 0) {
		v->error = cause;
		v->m = NULL;
		v->n = 0;
	}
	v->l.n = v->n;
	if (v->mark >= (long)v->n)
		v->mark = -1;
	list_clamp(&v->l);
}

/* --- Saving one --- */

static void
milestone_done(struct ui *ui, const char *name)
{
	struct milestone	 m;
	char			*cause = NULL;

	if (ops_milestone(ui->ws, name, &m, &cause) != 0) {
		ui_message(ui, true, _("Milestone not saved: %s"), cause);
		free(cause);
		return;
	}
	ui_message(ui, false, _("Milestone \"%s\" saved as tag %s: %u HRI, "
	    "%u MRI."), m.name, m.tag, m.tally.n[RISK_HIGH],
	    m.tally.n[RISK_MEDIUM]);
	if (workspace_load_baseline(ui->ws, &cause) != 0)
		free(cause);
	milestone_free(&m);
	if (ui->view_data[6] != NULL)
		load(ui);
	ui_dirty(ui);
}

void
act_milestone(struct ui *ui)
{
	ui_prompt(ui, _("Milestone name:"), NULL, milestone_done);
}

/* --- The view --- */

void
act_milestones(struct ui *ui)
{
	ui_set_view(ui, &view_milestones);
}

void
act_milestones_leave(struct ui *ui)
{
	struct msview *v = state(ui);

	if (v->diff) {
		diff_free(v);
		ui->dirty_all = true;
		return;
	}
	ui_set_view(ui, &view_review);
}

void
act_milestones_mark(struct ui *ui)
{
	struct msview *v = state(ui);

	if (v->diff || v->n == 0)
		return;
	if (v->mark == (long)v->l.cur) {
		v->mark = -1;
		ui_message(ui, false, "%s", _("mark cleared"));
	} else {
		v->mark = (long)v->l.cur;
		ui_message(ui, false, "%s", _("marked: Enter on another "
		    "milestone shows the diff between the two"));
	}
	ui->dirty_all = true;
}

static void
add(struct msview *v, enum element el, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static void
add(struct msview *v, enum element el, const char *fmt, ...)
{
	struct dline	*d = ARRAY_PUSH(v->d, v->nd, v->capd);
	va_list		 ap;

	va_start(ap, fmt);
	d->text = xvasprintf(fmt, ap);
	va_end(ap);
	d->el = el;
	d->ref = NULL;
}

static const struct {
	int		 flags;
	const char	*label;
	enum element	 el;
} groups[] = {
	{ CHANGE_HRI_CLOSED, N_("HRIs closed"), EL_RISK_NONE },
	{ CHANGE_HRI_OPENED, N_("HRIs opened"), EL_RISK_HIGH },
	{ CHANGE_MRI_CLOSED, N_("MRIs closed"), EL_RISK_NONE },
	{ CHANGE_MRI_OPENED, N_("MRIs opened"), EL_RISK_MEDIUM },
	{ CHANGE_ANSWER | CHANGE_NOTE | CHANGE_OTHER,
	  N_("Answers or notes changed"), EL_NORMAL },
};

/* " (answer, note)": what changed besides the risk. */
static void
change_kinds(struct buf *b, int flags)
{
	const char *sep = " (";

	if (flags & CHANGE_ANSWER) {
		buf_printf(b, "%s%s", sep, _("answer"));
		sep = ", ";
	}
	if (flags & CHANGE_NOTE) {
		buf_printf(b, "%s%s", sep, _("note"));
		sep = ", ";
	}
	if (flags & CHANGE_OTHER) {
		buf_printf(b, "%s%s", sep, _("evidence or roadmap"));
		sep = ", ";
	}
	if (*sep == ',')
		buf_adds(b, ")");
}

static void
diff_lines(struct msview *v, const struct review_diff *d)
{
	add(v, EL_NORMAL, _("HRI %u -> %u, MRI %u -> %u, answered %u -> %u "
	    "of %u"), d->from.n[RISK_HIGH], d->to.n[RISK_HIGH],
	    d->from.n[RISK_MEDIUM], d->to.n[RISK_MEDIUM], d->from.answered,
	    d->to.answered, d->to.questions);
	if (d->n == 0) {
		add(v, EL_DIM, "%s", _("No changes."));
		return;
	}
	for (size_t i = 0, end; i < d->n; i = end) {
		const struct pillar *p = d->v[i].q->pillar;

		for (end = i; end < d->n && d->v[end].q->pillar == p; end++)
			;
		add(v, EL_NORMAL, "%s", "");
		add(v, EL_TITLE, "%s (%s)", text_get(&p->title), p->id);
		for (size_t g = 0; g < nitems(groups); g++) {
			bool first = true;

			for (size_t j = i; j < end; j++) {
				const struct question_change	*c = &d->v[j];
				struct buf			 b = { 0 };

				if (!(c->flags & groups[g].flags))
					continue;
				if (first)
					add(v, EL_TITLE, "  %s:",
					    _(groups[g].label));
				first = false;
				/* The change first: the title is what a
				 * narrow screen cuts. */
				buf_printf(&b, "    %-7s %s -> %s",
				    c->q->number != NULL ? c->q->number :
				    c->q->id, risk_name(c->from),
				    risk_name(c->to));
				if (g == nitems(groups) - 1)
					change_kinds(&b, c->flags);
				add(v, groups[g].el, "%s  %s", b.s,
				    text_get(&c->q->title));
				v->d[v->nd - 1].ref = xasprintf("%s/%s",
				    c->lens->id, c->q->id);
				buf_free(&b);
			}
		}
	}
}

static void
date(const struct milestone *m, char *out, size_t size)
{
	time_t		t = (time_t)(m->time + (int64_t)m->offset * 60);
	struct tm	tm;

	if (gmtime_r(&t, &tm) == NULL ||
	    strftime(out, size, "%Y-%m-%d %H:%M", &tm) == 0)
		snprintf(out, size, "-");
}

/* Enter on a question of the diff: that question in the review. */
static void
goto_question(struct ui *ui, struct msview *v)
{
	struct qref	 ref;
	const char	*at = v->dl.cur < v->nd ? v->d[v->dl.cur].ref : NULL;
	char		*cause = NULL;

	if (at == NULL)
		return;
	if (state_find(&ui->ws->state, at, &ref, &cause) != 0) {
		ui_message(ui, true, "%s", cause);
		free(cause);
		return;
	}
	ui_set_view(ui, &view_review);
	review_goto(ui, ref.lens, ref.q, -1);
	ui->focus = PANE_QUESTIONS;
}

/* Enter: the selected milestone against the live state, or the marked
 * one and the selected one, the older first. */
void
act_milestones_diff(struct ui *ui)
{
	struct msview		*v = state(ui);
	struct state		*from = NULL, *to = NULL;
	struct review_diff	 d;
	const struct milestone	*mf, *mt = NULL;
	char			*cause = NULL, df[32], dt[32];

	if (v->diff) {
		goto_question(ui, v);
		return;
	}
	if (v->n == 0)
		return;
	mf = &v->m[v->l.cur];
	if (v->mark >= 0 && (size_t)v->mark != v->l.cur) {
		/* Newest first: the larger index is the older. */
		mt = mf;
		mf = &v->m[v->mark];
		if ((size_t)v->mark < v->l.cur) {
			mt = mf;
			mf = &v->m[v->l.cur];
		}
	}
	if (history_state(ui->ws->dir, mf->commit, &from, NULL, &cause) != 0 ||
	    (mt != NULL && history_state(ui->ws->dir, mt->commit, &to, NULL,
	    &cause) != 0)) {
		ui_message(ui, true, "%s", cause);
		free(cause);
		state_free(from);
		return;
	}
	diff_free(v);
	date(mf, df, sizeof df);
	if (mt != NULL) {
		date(mt, dt, sizeof dt);
		v->title = xasprintf(_("Diff: %s (%s) -> %s (%s)"), mf->name,
		    df, mt->name, dt);
	} else
		v->title = xasprintf(_("Diff: %s (%s) -> the live state"),
		    mf->name, df);
	review_diff(from, to != NULL ? to : &ui->ws->state, &d);
	diff_lines(v, &d);
	review_diff_free(&d);
	state_free(from);
	state_free(to);
	v->dl.n = v->nd;
	v->diff = true;
	ui->dirty_all = true;
}

static void
ms_enter(struct ui *ui)
{
	struct msview *v = state(ui);

	diff_free(v);
	load(ui);
}

static void
ms_layout(struct ui *ui, int y, int x, int h, int w)
{
	struct msview *v = state(ui);

	if (v->w != NULL)
		delwin(v->w);
	v->w = newwin(h, w, y, x);
}

static void
draw_diff(struct msview *v)
{
	WINDOW	*w = v->w;
	int	 h = getmaxy(w), width = getmaxx(w);

	list_title(w, 0, v->title);
	list_visible(&v->dl, h - 1);
	for (int y = 1; y < h && v->dl.top + y - 1 < (int)v->nd; y++) {
		size_t		 i = (size_t)(v->dl.top + y - 1);
		enum element	 el = list_row(w, y, i == v->dl.cur);

		draw_text(w, y, 2, width - 3, v->d[i].text,
		    i == v->dl.cur ? el : v->d[i].el);
	}
}

static void
draw_list(struct msview *v)
{
	WINDOW	*w = v->w;
	int	 h = getmaxy(w), width = getmaxx(w), nw = 8;
	char	 when[32], *s;

	list_title(w, 0, _("Milestones, newest first (Enter: diff with the "
	    "live state; Space: mark one to diff two)"));
	if (v->error != NULL) {
		draw_text(w, 2, 2, width - 4, v->error, EL_ERROR);
		return;
	}
	if (v->n == 0) {
		draw_text(w, 2, 2, width - 4, _("No milestone yet: m saves "
		    "one."), EL_DIM);
		return;
	}
	for (size_t i = 0; i < v->n; i++) {
		int tw = text_width(v->m[i].name, strlen(v->m[i].name));

		if (tw > nw)
			nw = tw;
	}
	if (nw > width / 3)
		nw = width / 3;
	list_visible(&v->l, h - 1);
	for (int y = 1; y < h && v->l.top + y - 1 < (int)v->n; y++) {
		size_t			 i = (size_t)(v->l.top + y - 1);
		const struct milestone	*m = &v->m[i];
		enum element		 el = list_row(w, y, i == v->l.cur);
		int			 x = 2;

		if ((long)i == v->mark)
			draw_text(w, y, 1, 1, "*", EL_MATCH);
		draw_text(w, y, x, nw, m->name, el);
		x += nw + 2;
		date(m, when, sizeof when);
		x += draw_text(w, y, x, width - x, when, el) + 2;
		if (m->has_tally) {
			s = xasprintf("HRI %u", m->tally.n[RISK_HIGH]);
			draw_text(w, y, x, 7, s, m->tally.n[RISK_HIGH] > 0 ?
			    EL_RISK_HIGH : el);
			free(s);
			s = xasprintf("MRI %u", m->tally.n[RISK_MEDIUM]);
			draw_text(w, y, x + 8, 7, s, m->tally.n[RISK_MEDIUM] >
			    0 ? EL_RISK_MEDIUM : el);
			free(s);
			s = xasprintf(_("%u/%u answered"), m->tally.answered,
			    m->tally.questions);
			draw_text(w, y, x + 16, width - x - 16, s, el);
			free(s);
		}
		x += 16 + 16;
		if (x < width - 10)
			draw_text(w, y, x, width - x - 1, m->tag, EL_DIM);
	}
}

static void
ms_draw(struct ui *ui, bool all)
{
	struct msview *v = state(ui);

	if (!all || v->w == NULL)
		return;
	werase(v->w);
	if (v->diff)
		draw_diff(v);
	else
		draw_list(v);
	wnoutrefresh(v->w);
}

static void
ms_mouse(struct ui *ui, MEVENT *m)
{
	struct msview *v = state(ui);

	if (list_mouse(ui, v->w, m, 1, v->diff ? &v->dl : &v->l, NULL) == -2)
		act_milestones_diff(ui);
}

struct ui_list *
milestones_list(struct ui *ui)
{
	struct msview *v = state(ui);

	return v->diff ? &v->dl : &v->l;
}

static void
ms_free(struct ui *ui)
{
	struct msview *v = ui->view_data[6];

	if (v == NULL)
		return;
	if (v->w != NULL)
		delwin(v->w);
	diff_free(v);
	milestones_free(v->m, v->n);
	free(v->error);
	free(v);
	ui->view_data[6] = NULL;
}

const struct view view_milestones = {
	"milestones", CTX_MILESTONES, ms_enter, NULL, ms_layout, ms_draw, NULL,
	ms_mouse, NULL, ms_free
};
