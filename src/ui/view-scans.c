/* view-scans.c: the scan results (what the team's scanners found, not the
 * evidence people give) in the review: a summary beside each choice, the
 * flag of a question whose selected choices fail checks, and the failing
 * resources of the choice under the cursor, in a pane that scrolls (f,
 * F). */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "ui/ui.h"
#include "base/util.h"

#define MAX_SHOWN	4	/* failing resources in the pane at once */

/* Where the pane is scrolled to, and for which choice. */
static const struct choice	*scrolled_for;
static size_t			 scroll_top;

static size_t
failing(const struct ui *ui, const struct qref *ref, const struct choice *c,
    const struct scan_ref **refs, const struct scan_ref ***out)
{
	const struct state	*st = &ui->ws->state;
	size_t			 n, m = 0;

	n = scans_find(&st->scans, st->lenses[ref->lens]->id, ref->q->id,
	    c->id, refs);
	*out = n > 0 ? xreallocarray(NULL, n, sizeof **out) : NULL;
	for (size_t i = 0; i < n; i++) {
		enum scan_status s = (*refs)[i].result->status;

		if (s == SCAN_FAIL || s == SCAN_ERROR)
			(*out)[m++] = &(*refs)[i];
	}
	return m;
}

char *
scans_choice_summary(const struct ui *ui, const struct qref *ref,
    const struct choice *c, bool brief)
{
	const struct state	*st = &ui->ws->state;
	const struct scan_ref	*refs;
	struct buf		 b = { 0 };
	size_t			 n;

	n = scans_find(&st->scans, st->lenses[ref->lens]->id, ref->q->id,
	    c->id, &refs);
	if (n == 0)
		return NULL;
	if (brief)
		scans_summary_short(refs, n, &b);
	else
		scans_summary(refs, n, &b);
	return buf_take(&b);
}

char *
scans_question_flag(const struct ui *ui, const struct qref *ref)
{
	const struct state	*st = &ui->ws->state;
	size_t			 f;

	f = scans_selected_failing(&st->scans, st->lenses[ref->lens]->id,
	    ref->q, state_answer(st, ref));
	if (f == 0)
		return NULL;
	return xasprintf(ngettext("selected, but %zu check fails",
	    "selected, but %zu checks fail", f), f);
}

int
scans_rows(const struct ui *ui, const struct qref *ref,
    const struct choice *c, int room)
{
	const struct scan_ref	*refs, **fail;
	size_t			 n;
	int			 rows;

	if (c == NULL || room < 2)
		return 0;
	n = failing(ui, ref, c, &refs, &fail);
	free(fail);
	if (n == 0)
		return 0;
	rows = 1 + (n < MAX_SHOWN ? (int)n : MAX_SHOWN);
	return rows < room ? rows : room;
}

int
scans_draw(WINDOW *w, int y, int x, int width, int rows,
    const struct ui *ui, const struct qref *ref, const struct choice *c)
{
	const struct scan_ref	*refs, **fail;
	size_t			 n;
	char			*s;
	int			 used;

	if (rows < 1 || c == NULL)
		return 0;
	n = failing(ui, ref, c, &refs, &fail);
	if (scrolled_for != c) {
		scrolled_for = c;
		scroll_top = 0;
	}
	if (scroll_top >= n)
		scroll_top = n > 0 ? n - 1 : 0;
	s = xasprintf(ngettext("Scans: %zu failing result (f, F scroll)",
	    "Scans: %zu failing results (f, F scroll)", n), n);
	draw_rule(w, y, x, width, s);
	free(s);
	used = 1;
	for (size_t i = scroll_top; i < n && used < rows; i++) {
		const struct scan_result	*r = fail[i]->result;
		const struct scan_group		*g = fail[i]->group;
		int				 cx = x + 1;

		cx += draw_text(w, y + used, cx, width - 2, scan_status_name(
		    r->status), r->status == SCAN_FAIL ? EL_RISK_HIGH :
		    EL_RISK_MEDIUM) + 1;
		s = xasprintf("%s %s %s", scan_source_title(g->source),
		    r->check, *r->resource != '\0' ? r->resource : r->reason);
		draw_text(w, y + used++, cx, width - (cx - x) - 3, s,
		    EL_NORMAL);
		free(s);
	}
	if (scroll_top + (size_t)(rows - 1) < n && rows > 1)
		draw_text(w, y + rows - 1, x + width - 2, 1, glyph(GLYPH_DOWN),
		    EL_DIM);
	free(fail);
	return used;
}

static void
scroll_by(struct ui *ui, int dir)
{
	struct qref		 ref;
	const struct choice	*c;
	const struct scan_ref	*refs, **fail;
	size_t			 n;

	if (!ui_current(ui, &ref) || ui->choice >= ref.q->nchoices)
		return;
	c = &question_choices(ref.q)[ui->choice];
	n = failing(ui, &ref, c, &refs, &fail);
	free(fail);
	if (n == 0) {
		ui_message(ui, false, "%s", _("no failing scan results for "
		    "this choice"));
		return;
	}
	if (scrolled_for != c) {
		scrolled_for = c;
		scroll_top = 0;
	}
	if (dir > 0 && scroll_top + 1 < n)
		scroll_top++;
	else if (dir < 0 && scroll_top > 0)
		scroll_top--;
	ui_dirty(ui);
}

void
act_scans_down(struct ui *ui)
{
	scroll_by(ui, 1);
}

void
act_scans_up(struct ui *ui)
{
	scroll_by(ui, -1);
}
