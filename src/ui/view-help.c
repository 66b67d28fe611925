/* view-help.c: every key binding, read from the action table, and what
 * the marks on the screen mean. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "ui/ui.h"
#include "base/util.h"

struct help {
	WINDOW	*w;
	int	 top;
};

static struct help *
state(struct ui *ui)
{
	if (ui->view_data[2] == NULL)
		ui->view_data[2] = xcalloc(1, sizeof(struct help));
	return ui->view_data[2];
}

static const struct {
	int		 ctx;
	const char	*title;
} sections[] = {
	{ CTX_REVIEW, N_("Review") },
	{ CTX_NOTES, N_("Note editor") },
	{ CTX_PLAN, N_("Improvement plan (i)") },
	{ CTX_ROADMAP, N_("Roadmap (r)") },
	{ CTX_MILESTONES, N_("Milestones (M)") },
	{ CTX_HELP, N_("This help") },
};

static const char *const legend[] = {
	N_("HRI  high risk: a practice that matters most is missing"),
	N_("MRI  medium risk"),
	N_(" ok  no risk found"),
	N_("n/a  the question does not apply"),
	N_(" -   not answered yet"),
	N_("[x]  practice in place   [ ] not in place   [-] does not apply"),
	N_("H3 M2 in the pillar pane: high and medium risks of the pillar"),
};

/* Rows of the help, as (key text, help text); NULL keys is a heading. */
struct row {
	const char	*keys;
	const char	*text;
};

static size_t
rows(struct row **out)
{
	struct row	*r = NULL, *x;
	size_t		 n = 0, cap = 0;

	for (size_t s = 0; s < nitems(sections); s++) {
		x = ARRAY_PUSH(r, n, cap);
		x->text = _(sections[s].title);
		for (size_t i = 0; i < nactions; i++) {
			if ((actions[i].ctx & sections[s].ctx) == 0)
				continue;
			x = ARRAY_PUSH(r, n, cap);
			x->keys = action_keys(&actions[i]);
			x->text = _(actions[i].help);
		}
		if (sections[s].ctx == CTX_NOTES) {
			x = ARRAY_PUSH(r, n, cap);
			x->keys = "...";
			x->text = _("any other key types itself; a paste "
			    "types the whole text");
		}
		(void)ARRAY_PUSH(r, n, cap);
	}
	x = ARRAY_PUSH(r, n, cap);
	x->text = _("Marks");
	for (size_t i = 0; i < nitems(legend); i++) {
		x = ARRAY_PUSH(r, n, cap);
		x->keys = "";
		x->text = _(legend[i]);
	}
	*out = r;
	return n;
}

#define KEYS_COLS	24	/* the keys' column */

/* The screen lines of the help at a width: each row's text wrapped beside
 * its keys, so that nothing is cut; returns their count. */
struct hline {
	const struct row	*row;
	size_t			 start, end;	/* of the row's text */
	bool			 first;
};

static size_t
lines(const struct row *r, size_t n, int width, struct hline **out)
{
	struct hline	*v = NULL, *l;
	struct wline	*wl;
	size_t		 nv = 0, cap = 0, nw;
	int		 tw = width - KEYS_COLS - 1;

	for (size_t i = 0; i < n; i++) {
		if (r[i].keys == NULL) {
			l = ARRAY_PUSH(v, nv, cap);
			*l = (struct hline){ &r[i], 0, r[i].text != NULL ?
			    strlen(r[i].text) : 0, true };
			continue;
		}
		nw = text_wrap(r[i].text, tw, &wl);
		for (size_t k = 0; k < nw; k++) {
			l = ARRAY_PUSH(v, nv, cap);
			*l = (struct hline){ &r[i], wl[k].start, wl[k].end,
			    k == 0 };
		}
		free(wl);
	}
	*out = v;
	return nv;
}

static size_t
count_lines(struct help *h)
{
	struct row	*r;
	struct hline	*l;
	size_t		 n = rows(&r), nl;

	nl = lines(r, n, h->w != NULL ? getmaxx(h->w) : 80, &l);
	free(l);
	free(r);
	return nl;
}

static void
help_scroll(struct ui *ui, int by)
{
	struct help	*h = state(ui);
	size_t		 n = count_lines(h);
	int		 page = h->w != NULL ? getmaxy(h->w) - 1 : 1;

	h->top += by;
	if (h->top > (int)n - page)
		h->top = (int)n - page;
	if (h->top < 0)
		h->top = 0;
	ui->dirty_all = true;
}

void
act_help_leave(struct ui *ui)
{
	/* Back to the view the help was asked from. */
	ui_set_view(ui, ui->prev != NULL && ui->prev != &view_help ?
	    ui->prev : &view_review);
}

void
act_help_up(struct ui *ui)
{
	help_scroll(ui, -1);
}

void
act_help_down(struct ui *ui)
{
	help_scroll(ui, 1);
}

void
act_help_page_up(struct ui *ui)
{
	struct help *h = state(ui);

	help_scroll(ui, -(h->w != NULL ? getmaxy(h->w) - 2 : 1));
}

void
act_help_page_down(struct ui *ui)
{
	struct help *h = state(ui);

	help_scroll(ui, h->w != NULL ? getmaxy(h->w) - 2 : 1);
}

static void
help_enter(struct ui *ui)
{
	state(ui)->top = 0;
}

static void
help_layout(struct ui *ui, int y, int x, int h, int w)
{
	struct help *hs = state(ui);

	if (hs->w != NULL)
		delwin(hs->w);
	hs->w = newwin(h, w, y, x);
}

/* "12-33 of 80, j/k" at the right of a title row, when the text is
 * longer than its rows: how far it goes, and how to scroll. Returns the
 * columns it took. */
int
scroll_mark(WINDOW *w, int y, int width, int top, int shown, int total,
    enum element el)
{
	char	*s;
	int	 n;

	if (total <= shown && top == 0)
		return 0;
	s = xasprintf(_("%s%s %d-%d of %d"), top > 0 ? glyph(GLYPH_UP) : " ",
	    top + shown < total ? glyph(GLYPH_DOWN) : " ", top + 1,
	    top + shown < total ? top + shown : total, total);
	n = text_width(s, strlen(s));
	if (n + 2 > width)
		n = 0;
	else
		draw_text(w, y, width - n - 1, n, s, el);
	free(s);
	return n > 0 ? n + 2 : 0;
}

static void
help_draw(struct ui *ui, bool all)
{
	struct help	*h = state(ui);
	WINDOW		*w = h->w;
	struct row	*r;
	struct hline	*l;
	size_t		 n, nl;
	int		 height, width, mw;

	if (!all || w == NULL)
		return;
	height = getmaxy(w);
	width = getmaxx(w);
	werase(w);
	n = rows(&r);
	nl = lines(r, n, width, &l);
	if (h->top > (int)nl - (height - 1))
		h->top = (int)nl - (height - 1) > 0 ? (int)nl - (height - 1) :
		    0;
	draw_fill(w, 0, 0, width, EL_TITLE_FOCUS);
	mw = scroll_mark(w, 0, width, h->top, height - 1, (int)nl,
	    EL_TITLE_FOCUS);
	draw_text(w, 0, 1, width - 2 - mw, _("Keys (every change is saved at "
	    "once; nothing to save on quitting)"), EL_TITLE_FOCUS);
	for (int y = 1; y < height && (size_t)(h->top + y - 1) < nl; y++) {
		const struct hline	*x = &l[h->top + y - 1];
		const char		*text = x->row->text;

		if (x->row->keys == NULL) {
			if (text != NULL)
				draw_text(w, y, 1, width - 2, text, EL_TITLE);
			continue;
		}
		if (x->first)
			draw_text(w, y, 3, KEYS_COLS - 4, x->row->keys,
			    EL_CURSOR);
		draw_textn(w, y, KEYS_COLS, width - KEYS_COLS - 1,
		    text + x->start, x->end - x->start, EL_NORMAL);
	}
	free(l);
	free(r);
	wnoutrefresh(w);
}

static void
help_free(struct ui *ui)
{
	struct help *h = ui->view_data[2];

	if (h == NULL)
		return;
	if (h->w != NULL)
		delwin(h->w);
	free(h);
	ui->view_data[2] = NULL;
}

const struct view view_help = {
	"help", CTX_HELP, help_enter, NULL, help_layout, help_draw, NULL, NULL,
	NULL, help_free
};
