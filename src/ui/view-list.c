/* view-list.c: what the list views (improvement plan, roadmap, milestones)
 * share: a cursor that the list actions move, and how a row is drawn. */
#include "config.h"

#include <stdlib.h>

#include "ui/ui.h"
#include "base/util.h"

void
list_clamp(struct ui_list *l)
{
	if (l->n == 0)
		l->cur = 0;
	else if (l->cur >= l->n)
		l->cur = l->n - 1;
}

/* Scroll so that the cursor shows in rows rows. */
void
list_visible(struct ui_list *l, int rows)
{
	if (rows < 1)
		rows = 1;
	l->rows = rows;
	if ((long)l->cur < l->top)
		l->top = (int)l->cur;
	if ((long)l->cur >= l->top + rows)
		l->top = (int)l->cur - rows + 1;
	if (l->top > (int)l->n - rows)
		l->top = (int)l->n - rows;
	if (l->top < 0)
		l->top = 0;
}

/* The list of the view on the screen. */
static struct ui_list *
current(struct ui *ui)
{
	if (ui->view == &view_plan)
		return plan_list(ui);
	if (ui->view == &view_roadmap)
		return roadmap_list(ui);
	if (ui->view == &view_milestones)
		return milestones_list(ui);
	return NULL;
}

static void
list_move(struct ui *ui, long by, int to)
{
	struct ui_list	*l;
	long		 pos;

	if ((l = current(ui)) == NULL || l->n == 0)
		return;
	if (to < 0)
		pos = 0;
	else if (to > 0)
		pos = (long)l->n - 1;
	else
		pos = (long)l->cur + by;
	if (pos < 0)
		pos = 0;
	if (pos >= (long)l->n)
		pos = (long)l->n - 1;
	l->cur = (size_t)pos;
	ui->dirty_all = true;
}

static long
page(struct ui *ui)
{
	struct ui_list *l = current(ui);

	return l != NULL && l->rows > 1 ? l->rows - 1 : 1;
}

void
act_list_up(struct ui *ui)
{
	list_move(ui, -1, 0);
}

void
act_list_down(struct ui *ui)
{
	list_move(ui, 1, 0);
}

void
act_list_page_up(struct ui *ui)
{
	list_move(ui, -page(ui), 0);
}

void
act_list_page_down(struct ui *ui)
{
	list_move(ui, page(ui), 0);
}

void
act_list_home(struct ui *ui)
{
	list_move(ui, 0, -1);
}

void
act_list_end(struct ui *ui)
{
	list_move(ui, 0, 1);
}

/* The background of a row; the cursor is a colour and a '>'. */
enum element
list_row(WINDOW *w, int y, bool cur)
{
	enum element el = cur ? EL_FOCUS : EL_NORMAL;

	draw_fill(w, y, 0, getmaxx(w), el);
	if (cur)
		draw_text(w, y, 0, 1, ">", el);
	return el;
}

void
list_title(WINDOW *w, int y, const char *text)
{
	draw_fill(w, y, 0, getmaxx(w), EL_TITLE_FOCUS);
	draw_text(w, y, 1, getmaxx(w) - 2, text, EL_TITLE_FOCUS);
}

/* A mouse event on a list drawn in w from row first: the wheel moves, a
 * click selects a row. Returns the row clicked, -2 when it was the row
 * already selected (the view acts on it), or -1. */
long
list_mouse(struct ui *ui, WINDOW *w, MEVENT *m, int first, struct ui_list *l,
    long (*row_at)(struct ui *, int))
{
	int	y = m->y, x = m->x;
	long	row;

	if (w == NULL || !wmouse_trafo(w, &y, &x, FALSE))
		return -1;
	if (m->bstate & BUTTON4_PRESSED) {
		act_list_up(ui);
		return -1;
	}
	if (m->bstate & BUTTON5_PRESSED) {
		act_list_down(ui);
		return -1;
	}
	if (!(m->bstate & (BUTTON1_PRESSED | BUTTON1_CLICKED)) || y < first)
		return -1;
	row = row_at != NULL ? row_at(ui, y - first) : l->top + y - first;
	if (row < 0 || (size_t)row >= l->n)
		return -1;
	if ((size_t)row == l->cur)
		return -2;
	l->cur = (size_t)row;
	ui->dirty_all = true;
	return row;
}

/* --- The pane of text beside a list or under the choices --- */

/* The scrolled pane now shows what; back to its top when that changed. */
void
detail_follow(struct ui *ui, const void *what)
{
	if (ui->detail_of != what) {
		ui->detail_of = what;
		ui->detail_top = 0;
	}
}

static void
detail_scroll(struct ui *ui, int dir)
{
	int by = ui->detail_rows > 3 ? ui->detail_rows - 2 : 1;

	ui->detail_top += dir * by;
	if (ui->detail_top < 0)
		ui->detail_top = 0;
	ui->dirty_all = true;
}

void
act_detail_up(struct ui *ui)
{
	detail_scroll(ui, -1);
}

void
act_detail_down(struct ui *ui)
{
	detail_scroll(ui, 1);
}
