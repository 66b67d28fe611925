/* view-notes.c: the note editor of the current question.
 *
 * The note is UTF-8 text in a buffer with the cursor as a byte offset; the
 * screen shows it word-wrapped. It is saved when typing pauses (one
 * transaction per pause, not per key) and when the editor is left, so
 * there is never anything to lose. */
#include "config.h"

#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include "model/note-sync.h"
#include "ui/ui.h"
#include "base/util.h"

#define SAVE_AFTER_MS	400

struct notes {
	WINDOW		*wt, *we;	/* title, editor */
	struct qref	 ref;
	struct buf	 text;
	size_t		 cur;		/* byte offset of the cursor */
	int		 top;		/* first wrapped row shown */
	int		 goal;		/* column kept by up and down */
	bool		 dirty;		/* typed since the last save */
	uint64_t	 last_edit;
	char		*base;		/* the stored text it started from */
};

static struct notes *
state(struct ui *ui)
{
	if (ui->view_data[1] == NULL)
		ui->view_data[1] = xcalloc(1, sizeof(struct notes));
	return ui->view_data[1];
}

static int
editor_width(struct notes *n)
{
	/* One column spare so the cursor fits after a full row. */
	return n->we != NULL && getmaxx(n->we) > 3 ? getmaxx(n->we) - 3 : 1;
}

/* Another terminal saved this note: take its text, or keep both. */
static void
sync_note(struct ui *ui, struct notes *n)
{
	const struct answer	*a = state_answer(&ui->ws->state, &n->ref);
	const char		*theirs = a->note != NULL ? a->note : "";
	char			*text;
	bool			 conflict;

	if (n->ref.q == NULL || streq(theirs, n->base != NULL ? n->base : ""))
		return;
	text = note_sync(n->base, n->text.s, theirs, &conflict);
	free(n->base);
	n->base = xstrdup(theirs);
	if (text == NULL)
		return;
	buf_free(&n->text);
	buf_adds(&n->text, text);
	free(text);
	ui->dirty_all = true;
	if (conflict) {
		/* Keep the cursor in this editor's text, and save both. */
		n->dirty = true;
		n->last_edit = 0;
		ui_message(ui, true, "%s", _("The note was saved in another "
		    "terminal meanwhile: both texts are kept, the other below "
		    "the line."));
		return;
	}
	n->cur = n->text.len;
	n->dirty = false;
	ui_message(ui, false, "%s", _("The note was changed in another "
	    "terminal."));
}

/* Save, unless another terminal saved first: then take its text into
 * account and try again (a few times; then write, both texts kept). */
static void
save(struct ui *ui, struct notes *n)
{
	struct edit	 e = { .kind = EDIT_NOTE };
	char		*cause = NULL;
	int		 r = 1;

	for (int tries = 0; r == 1 && n->dirty; tries++) {
		ui_refresh(ui);
		sync_note(ui, n);
		if (!n->dirty)
			break;
		e.text = n->text.len > 0 ? n->text.s : NULL;
		r = ops_answer(ui->ws, &n->ref, &e, 1, tries < 5, NULL, &cause);
		if (r == -1) {
			ui_message(ui, true, "%s", cause);
			free(cause);
		} else if (r == 0) {
			n->dirty = false;
			free(n->base);
			n->base = xstrdup(n->text.len > 0 ? n->text.s : "");
			if (ui->ws->warning != NULL) {
				ui_message(ui, true, "%s", ui->ws->warning);
				free(ui->ws->warning);
				ui->ws->warning = NULL;
			}
		}
	}
	ui->dirty_all = true;
}

static void
notes_enter(struct ui *ui)
{
	struct notes		*n = state(ui);
	const struct answer	*a;

	if (!ui_current(ui, &n->ref))
		return;
	a = state_answer(&ui->ws->state, &n->ref);
	buf_free(&n->text);
	buf_adds(&n->text, a->note != NULL ? a->note : "");
	free(n->base);
	n->base = xstrdup(a->note != NULL ? a->note : "");
	n->cur = n->text.len;
	n->top = 0;
	n->goal = -1;
	n->dirty = false;
}

static void
notes_leave(struct ui *ui)
{
	save(ui, state(ui));
}

/* The wrapped row of the cursor and its column. */
static size_t
cursor_row(struct notes *n, struct wline *lines, size_t nl, int *col)
{
	size_t row = 0;

	for (size_t i = 0; i < nl; i++) {
		if (lines[i].start <= n->cur)
			row = i;
	}
	*col = text_width(n->text.s + lines[row].start,
	    n->cur - lines[row].start);
	return row;
}

static void
edited(struct ui *ui, struct notes *n)
{
	n->dirty = true;
	n->last_edit = ui_now_ms();
	n->goal = -1;
	ui->dirty_all = true;
}

static void
moved(struct ui *ui, struct notes *n)
{
	n->goal = -1;
	ui->dirty_all = true;
}

static void
insert(struct ui *ui, const char *s, size_t len)
{
	struct notes	*n = state(ui);
	struct buf	*b = &n->text;

	buf_grow(b, len);
	memmove(b->s + n->cur + len, b->s + n->cur, b->len - n->cur + 1);
	memcpy(b->s + n->cur, s, len);
	b->len += len;
	n->cur += len;
	edited(ui, n);
}

static void
erase_range(struct ui *ui, size_t from, size_t to)
{
	struct notes	*n = state(ui);
	struct buf	*b = &n->text;

	if (to <= from)
		return;
	memmove(b->s + from, b->s + to, b->len - to + 1);
	b->len -= to - from;
	n->cur = from;
	edited(ui, n);
}

/* A character and the zero-width marks that combine with it. */
static size_t
next_cell(const char *s, size_t len, size_t i)
{
	i = utf8_next(s, len, i);
	while (i < len && text_width(s + i, utf8_next(s, len, i) - i) == 0 &&
	    s[i] != '\n')
		i = utf8_next(s, len, i);
	return i;
}

static size_t
prev_cell(const char *s, size_t i)
{
	while (i > 0) {
		size_t p = utf8_prev(s, i);

		if (text_width(s + p, i - p) != 0 || s[p] == '\n' || p == 0)
			return p;
		i = p;
	}
	return 0;
}

static bool
notes_input(struct ui *ui, int key)
{
	char		mb[MB_LEN_MAX];
	mbstate_t	st;
	size_t		len;

	if (key == '\t') {
		insert(ui, "    ", 4);
		return true;
	}
	if (key < 0x20 || key == 0x7f || key >= KEYC_FN ||
	    (key >= 0x80 && key < 0xa0))
		return false;
	memset(&st, 0, sizeof st);
	if ((len = wcrtomb(mb, (wchar_t)key, &st)) == (size_t)-1)
		return false;
	insert(ui, mb, len);
	return true;
}

void
act_note_leave(struct ui *ui)
{
	ui_set_view(ui, &view_review);
}

void
act_note_left(struct ui *ui)
{
	struct notes *n = state(ui);

	n->cur = prev_cell(n->text.s, n->cur);
	moved(ui, n);
}

void
act_note_right(struct ui *ui)
{
	struct notes *n = state(ui);

	n->cur = next_cell(n->text.s, n->text.len, n->cur);
	moved(ui, n);
}

/* Up or down a wrapped row, keeping the column. */
static void
vertical(struct ui *ui, int dir)
{
	struct notes	*n = state(ui);
	struct wline	*lines;
	size_t		 nl = text_wrap(n->text.s, editor_width(n), &lines);
	size_t		 row, i, end;
	int		 col, goal;

	row = cursor_row(n, lines, nl, &col);
	goal = n->goal >= 0 ? n->goal : col;
	if ((dir < 0 && row == 0) || (dir > 0 && row + 1 >= nl)) {
		n->cur = dir < 0 ? 0 : n->text.len;
		free(lines);
		moved(ui, n);
		return;
	}
	row = dir < 0 ? row - 1 : row + 1;
	i = lines[row].start;
	end = lines[row].end;
	/* A wrapped row ends at the next row's start: stay before it. */
	if (row + 1 < nl && end == lines[row + 1].start && end > i)
		end = utf8_prev(n->text.s, end);
	while (i < end) {
		size_t nx = next_cell(n->text.s, n->text.len, i);

		if (text_width(n->text.s + lines[row].start,
		    nx - lines[row].start) > goal)
			break;
		i = nx;
	}
	n->cur = i;
	free(lines);
	moved(ui, n);
	n->goal = goal;
}

void
act_note_up(struct ui *ui)
{
	vertical(ui, -1);
}

void
act_note_down(struct ui *ui)
{
	vertical(ui, 1);
}

void
act_note_home(struct ui *ui)
{
	struct notes *n = state(ui);

	while (n->cur > 0 && n->text.s[n->cur - 1] != '\n')
		n->cur--;
	moved(ui, n);
}

void
act_note_end(struct ui *ui)
{
	struct notes *n = state(ui);

	while (n->cur < n->text.len && n->text.s[n->cur] != '\n')
		n->cur++;
	moved(ui, n);
}

static bool
is_space(char c)
{
	return c == ' ' || c == '\n' || c == '\t';
}

void
act_note_word_left(struct ui *ui)
{
	struct notes	*n = state(ui);
	const char	*s = n->text.s;

	while (n->cur > 0 && is_space(s[n->cur - 1]))
		n->cur--;
	while (n->cur > 0 && !is_space(s[n->cur - 1]))
		n->cur--;
	moved(ui, n);
}

void
act_note_word_right(struct ui *ui)
{
	struct notes	*n = state(ui);
	const char	*s = n->text.s;

	while (n->cur < n->text.len && !is_space(s[n->cur]))
		n->cur++;
	while (n->cur < n->text.len && is_space(s[n->cur]))
		n->cur++;
	moved(ui, n);
}

void
act_note_backspace(struct ui *ui)
{
	struct notes *n = state(ui);

	erase_range(ui, prev_cell(n->text.s, n->cur), n->cur);
}

void
act_note_delete(struct ui *ui)
{
	struct notes *n = state(ui);

	erase_range(ui, n->cur, next_cell(n->text.s, n->text.len, n->cur));
}

void
act_note_kill_line(struct ui *ui)
{
	struct notes	*n = state(ui);
	size_t		 end = n->cur;

	while (end < n->text.len && n->text.s[end] != '\n')
		end++;
	if (end == n->cur && end < n->text.len)
		end++;
	erase_range(ui, n->cur, end);
}

void
act_note_newline(struct ui *ui)
{
	insert(ui, "\n", 1);
}

static void
notes_layout(struct ui *ui, int y, int x, int h, int w)
{
	struct notes *n = state(ui);

	if (n->wt != NULL)
		delwin(n->wt);
	if (n->we != NULL)
		delwin(n->we);
	n->wt = newwin(3, w, y, x);
	n->we = newwin(h - 3, w, y + 3, x);
}

static void
notes_draw(struct ui *ui, bool all)
{
	struct notes	*n = state(ui);
	WINDOW		*w = n->we;
	struct wline	*lines;
	const char	*s = n->text.s != NULL ? n->text.s : "";
	char		*title;
	size_t		 nl, row;
	int		 h, width, col;

	if (n->wt == NULL || n->we == NULL)
		return;
	if (all) {
		width = getmaxx(n->wt);
		werase(n->wt);
		draw_fill(n->wt, 0, 0, width, EL_TITLE_FOCUS);
		title = xasprintf("%s%s%s", n->ref.q->number != NULL ?
		    n->ref.q->number : "", n->ref.q->number != NULL ? "  " : "",
		    text_get(&n->ref.q->title));
		draw_text(n->wt, 0, 1, width - 2, title, EL_TITLE_FOCUS);
		free(title);
		draw_text(n->wt, 1, 1, width - 2, _("Note, saved as you type. "
		    "Esc returns to the review."), EL_DIM);
		draw_text(n->wt, 1, width - 10, 9, n->dirty ? _("editing") :
		    _("saved"), n->dirty ? EL_RISK_MEDIUM : EL_RISK_NONE);
		draw_rule(n->wt, 2, 0, width, NULL);
		wnoutrefresh(n->wt);

		h = getmaxy(w);
		width = editor_width(n);
		werase(w);
		nl = text_wrap(s, width, &lines);
		row = cursor_row(n, lines, nl, &col);
		if ((int)row < n->top)
			n->top = (int)row;
		if ((int)row >= n->top + h)
			n->top = (int)row - h + 1;
		for (int y = 0; y < h && (size_t)(n->top + y) < nl; y++) {
			struct wline *l = &lines[n->top + y];

			draw_textn(w, y, 1, width + 1, s + l->start,
			    l->end - l->start, EL_NORMAL);
		}
		if (n->top > 0)
			draw_text(w, 0, getmaxx(w) - 1, 1, "^", EL_DIM);
		if ((size_t)(n->top + h) < nl)
			draw_text(w, h - 1, getmaxx(w) - 1, 1, "v", EL_DIM);
		wmove(w, (int)row - n->top, 1 + col);
		free(lines);
	}
	/* Last, so the terminal's cursor ends in the text. */
	wnoutrefresh(w);
}

/* Save when typing has paused. */
static int
notes_timer(struct ui *ui)
{
	struct notes	*n = state(ui);
	uint64_t	 now;

	sync_note(ui, n);
	now = ui_now_ms();
	if (!n->dirty)
		return -1;
	if (now - n->last_edit >= SAVE_AFTER_MS) {
		save(ui, n);
		return -1;
	}
	return (int)(SAVE_AFTER_MS - (now - n->last_edit));
}

static void
notes_mouse(struct ui *ui, MEVENT *m)
{
	struct notes	*n = state(ui);
	struct wline	*lines;
	size_t		 nl, row, i;
	int		 y = m->y, x = m->x;

	if (!(m->bstate & (BUTTON1_PRESSED | BUTTON1_CLICKED)) ||
	    !wmouse_trafo(n->we, &y, &x, FALSE))
		return;
	nl = text_wrap(n->text.s, editor_width(n), &lines);
	row = (size_t)(n->top + y) < nl ? (size_t)(n->top + y) : nl - 1;
	i = lines[row].start;
	while (i < lines[row].end && n->text.s[i] != '\n' &&
	    text_width(n->text.s + lines[row].start, next_cell(n->text.s,
	    n->text.len, i) - lines[row].start) <= x - 1)
		i = next_cell(n->text.s, n->text.len, i);
	n->cur = i;
	free(lines);
	moved(ui, n);
}

static void
notes_free(struct ui *ui)
{
	struct notes *n = ui->view_data[1];

	if (n == NULL)
		return;
	if (n->wt != NULL)
		delwin(n->wt);
	if (n->we != NULL)
		delwin(n->we);
	buf_free(&n->text);
	free(n->base);
	free(n);
	ui->view_data[1] = NULL;
}

const struct view view_notes = {
	"notes", CTX_NOTES, notes_enter, notes_leave, notes_layout, notes_draw,
	notes_input, notes_mouse, notes_timer, notes_free
};
