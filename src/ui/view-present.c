/* view-present.c: the audience view (wafr present), for the projector.
 *
 * It opens the workspace read-only and follows the facilitator: the
 * session key "cursor" says which question is current. Three regions (the
 * top band, the question, the tallies) are each redrawn only when what
 * they show has changed, which a signature of their content tells; the
 * clock changes every second and redraws the top band alone. The big
 * layout, for a projector, blows the question number, the clock and the
 * totals up in block characters. It never writes to the workspace. */
#include "config.h"

#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "ui/bigtext.h"
#include "ui/present.h"
#include "ui/ui.h"
#include "base/util.h"

#define PRESENT_POLL_MS	100
#define BIG_COLS	120	/* the big layout by itself from here */
#define BIG_LINES	36

enum region { R_TOP, R_BODY, R_TALLY, R_COUNT };

struct present {
	struct workspace	*ws;
	int			 lines, cols;
	bool			 big, chosen;	/* chosen: by the key */
	bool			 ask;		/* the question's ask: list */
	WINDOW			*win[R_COUNT];
	char			*sig[R_COUNT];	/* what each shows now */
	bool			 quit;
};

static volatile sig_atomic_t	stop;

static void
on_signal(int sig)
{
	stop = sig;
}

/* Keys of the audience view: it has no others. */
static void	key_ask(struct present *);
static void	key_big(struct present *);
static void	key_quit(struct present *);
static void	key_redraw(struct present *);
static const struct {
	int	 key;
	void	(*fn)(struct present *);
} present_keys[] = {
	{ 'a', key_ask },
	{ 'b', key_big },
	{ 'q', key_quit },
	{ 27, key_quit },
	{ 12, key_redraw },	/* C-l */
};

static const char *
pillar_code(const struct pillar *p)
{
	return p->code != NULL ? p->code : p->id;
}

/* The question the lead is on, and the choice under its cursor (-1:
 * none); the first question if none is known. */
static bool
current(const struct workspace *ws, struct qref *ref, int *choice)
{
	if (state_cursor(&ws->state, ref, choice))
		return true;
	for (size_t i = 0; i < ws->state.nlenses; i++) {
		if (ws->state.lenses[i]->nquestions > 0) {
			ref->lens = i;
			ref->q = &ws->state.lenses[i]->pillars[0].questions[0];
			for (size_t j = 0; j < ws->state.lenses[i]->npillars; j++) {
				const struct pillar *p =
				    &ws->state.lenses[i]->pillars[j];

				if (p->nquestions > 0) {
					ref->q = &p->questions[0];
					break;
				}
			}
			return true;
		}
	}
	return false;
}

/* --- Layout --- */

static int
tally_rows(struct present *pr, int avail)
{
	size_t	n = 0, most = 0;
	int	rows, extra = 1 + (pr->big ? BIG_ROWS + 1 : 0);

	for (size_t i = 0; i < pr->ws->state.nlenses; i++) {
		n += pr->ws->state.lenses[i]->npillars;
		if (pr->ws->state.lenses[i]->npillars > most)
			most = pr->ws->state.lenses[i]->npillars;
	}
	if (pr->ws->state.nlenses > 1)
		n += pr->ws->state.nlenses;	/* a heading per lens */
	rows = (int)n + extra;
	/* Not every lens fits: room for the current one's pillars. */
	if (rows > avail / 2)
		rows = (int)most + (pr->ws->state.nlenses > 1 ? 1 : 0) + extra;
	if (rows > avail / 2)
		rows = avail / 2;
	return rows;
}

static void
free_windows(struct present *pr)
{
	for (int i = 0; i < R_COUNT; i++) {
		if (pr->win[i] != NULL)
			delwin(pr->win[i]);
		pr->win[i] = NULL;
		free(pr->sig[i]);
		pr->sig[i] = NULL;
	}
}

static void
layout(struct present *pr)
{
	int top, tally, body;

	free_windows(pr);
	getmaxyx(stdscr, pr->lines, pr->cols);
	if (!pr->chosen)
		pr->big = pr->cols >= BIG_COLS && pr->lines >= BIG_LINES;
	werase(stdscr);
	wnoutrefresh(stdscr);
	if (pr->cols < 20 || pr->lines < 6)
		return;
	if (pr->lines < 20 || pr->cols < 60)
		pr->big = false;
	top = pr->big ? 2 + BIG_ROWS + 1 : 1;
	tally = tally_rows(pr, pr->lines - top);
	body = pr->lines - top - tally;
	pr->win[R_TOP] = newwin(top, pr->cols, 0, 0);
	pr->win[R_BODY] = newwin(body, pr->cols, top, 0);
	pr->win[R_TALLY] = tally > 0 ? newwin(tally, pr->cols, top + body, 0) :
	    NULL;
	if (pr->win[R_TOP] == NULL || pr->win[R_BODY] == NULL)
		free_windows(pr);
}

/* --- The regions: each builds its signature, and draws when it moved --- */

/* Is this signature new? Keeps it if so. */
static bool
changed(struct present *pr, enum region r, char *sig)
{
	if (pr->sig[r] != NULL && strcmp(pr->sig[r], sig) == 0) {
		free(sig);
		return false;
	}
	free(pr->sig[r]);
	pr->sig[r] = sig;
	return true;
}

static void
draw_top(struct present *pr, const struct qref *ref)
{
	WINDOW		*w = pr->win[R_TOP];
	const char	*name = state_prop(&pr->ws->state, "name"), *num;
	char		 clock[64], *right, *sig, *lead;
	struct lead	 l;
	bool		 over = false;
	int		 rw, scale, cw, lw, nw;

	if (ref != NULL)
		clock_label(pr->ws, ref->lens, ref->q->pillar, clock,
		    sizeof clock, &over);
	else
		clock[0] = '\0';
	num = ref != NULL && ref->q->number != NULL ? ref->q->number : "";
	if (ref != NULL) {
		/* Two lenses may both have an OPS: then it says whose. */
		char *code = state_pillar_code(&pr->ws->state, ref->lens,
		    ref->q->pillar);

		right = xasprintf("%s %s  %s ", code,
		    text_get(&ref->q->pillar->title), clock);
		free(code);
	} else
		right = xstrdup("");
	lead = state_lead(&pr->ws->state, (long)time(NULL), &l) ?
	    xasprintf(_("lead: %s"), l.author) : xstrdup("");
	sig = xasprintf("%d|%s|%s|%s|%d|%s", pr->big, name != NULL ? name : "",
	    right, num, over, lead);
	if (!changed(pr, R_TOP, sig)) {
		free(right);
		free(lead);
		return;
	}
	werase(w);
	draw_fill(w, 0, 0, pr->cols, EL_HEADER);
	rw = text_width(right, strlen(right));
	if (rw > pr->cols - 10)
		rw = pr->cols - 10;
	cw = draw_text(w, 0, 0, pr->cols - rw, " wafr ", EL_HEADER);
	/* Who leads, after the name; the name gives up room first. */
	lw = text_width(lead, strlen(lead));
	if (lw > (pr->cols - rw - cw) / 2)
		lw = (pr->cols - rw - cw) / 2;
	nw = name != NULL ? text_width(name, strlen(name)) : 0;
	if (nw > pr->cols - rw - cw - lw - 3)
		nw = pr->cols - rw - cw - lw - 3;
	cw += draw_text(w, 0, cw, nw, name != NULL ? name : "", EL_HEADER);
	if (lw > 0)
		draw_text(w, 0, cw + 2, lw, lead, EL_HEADER);
	free(lead);
	draw_text(w, 0, pr->cols - rw, rw, right, over ? EL_ERROR : EL_HEADER);
	free(right);
	if (pr->big && getmaxy(w) >= 1 + BIG_ROWS && ref != NULL) {
		/* The question number at the left, the clock at the right. */
		char *big = xasprintf("%s", clock);

		scale = bigtext_width(num, 2) + bigtext_width(big, 2) + 6 <=
		    pr->cols ? 2 : 1;
		bigtext_draw(w, 2, 2, pr->cols - 4, num, scale, EL_TITLE);
		if ((cw = bigtext_width(big, scale)) + bigtext_width(num,
		    scale) + 6 <= pr->cols)
			bigtext_draw(w, 2, pr->cols - cw - 2, cw, big, scale,
			    over ? EL_RISK_HIGH : EL_NORMAL);
		free(big);
	}
	wnoutrefresh(w);
}

static int
wrapped_count(const char *s, int width)
{
	struct wline	*lines;
	size_t		 n = text_wrap(s, width, &lines);

	free(lines);
	return (int)n;
}

/* Which choices fit in rows: the first shown and how many, with a row
 * for "+ N more" above or below when some are left out. The one under
 * the lead's cursor is always among them. */
static void
choice_window(size_t n, int rows, int cur, size_t *first, size_t *count)
{
	size_t	c = cur >= 0 ? (size_t)cur : 0, m;

	*first = 0;
	*count = n;
	if (rows <= 0 || (size_t)rows >= n)
		return;
	if (rows <= 2) {
		/* The cursor's choice, and one row to say the rest. */
		*first = c;
		*count = 1;
		return;
	}
	m = (size_t)rows - 1;		/* a row for "+ N more" below */
	if (c < m) {
		*count = m;
		return;
	}
	m = (size_t)rows - 2;		/* and one above */
	*first = c + 1 > m ? c + 1 - m : 0;
	if (*first + m + 1 >= n) {
		m = (size_t)rows - 1;	/* the last ones: no row below */
		*first = n - m;
	}
	*count = m;
}

static void
draw_body(struct present *pr, const struct qref *ref, int cur)
{
	WINDOW			*w = pr->win[R_BODY];
	const struct answer	*a;
	struct buf		 sig = { 0 };
	const char		*note;
	char			*title, *s;
	void			*enc;
	size_t			 size, first, count;
	enum risk		 rk;
	bool			 hide = notes_hidden(pr->ws);
	int			 h = getmaxy(w), width = pr->cols - 4, y, nrows;
	int			 noterows = 0, titlerows, gap;

	if (ref == NULL) {
		if (changed(pr, R_BODY, xstrdup("-"))) {
			werase(w);
			wnoutrefresh(w);
		}
		return;
	}
	a = state_answer(&pr->ws->state, ref);
	enc = answer_encode(a, &size);
	buf_printf(&sig, "%d|%s/%s|%d|%d|%d|", pr->big,
	    pr->ws->state.lenses[ref->lens]->id, ref->q->id, hide, cur,
	    pr->ask);
	for (size_t i = 0; i < size; i++)
		buf_printf(&sig, "%02x", ((unsigned char *)enc)[i]);
	free(enc);
	if (!changed(pr, R_BODY, buf_take(&sig)))
		return;

	werase(w);
	rk = question_risk(ref->q, a);
	/* The number is big in the top band of the big layout. */
	if (pr->big || ref->q->number == NULL)
		title = xstrdup(text_get(&ref->q->title));
	else
		title = xasprintf("%s  %s", ref->q->number,
		    text_get(&ref->q->title));
	y = 1;
	titlerows = draw_wrapped(w, y, 2, width - 6, h > 12 ? 3 : 2, title,
	    EL_TITLE, true);
	free(title);
	draw_text(w, y, pr->cols - 5, 4, theme_badge(rk), theme_risk(rk));
	y += titlerows + 1;

	note = !hide && a->note != NULL && *a->note != '\0' ? a->note : NULL;
	if (note != NULL) {
		noterows = wrapped_count(note, width - 2);
		if (noterows > (pr->big ? 6 : 3))
			noterows = pr->big ? 6 : 3;
	}
	if (a->not_applicable && y < h) {
		s = xasprintf(_("Not applicable: %s"), a->reason != NULL ?
		    a->reason : "");
		draw_text(w, y++, 2, width, s, EL_RISK_NA);
		free(s);
	}
	/* What to ask the team, in place of the choices, while a shows it. */
	if (pr->ask && ref->q->nask > 0) {
		if (y < h)
			draw_text(w, y++, 2, width, _("Ask the team"),
			    EL_TITLE);
		for (size_t i = 0; i < ref->q->nask && y < h; i++) {
			draw_text(w, y, 2, 2, "-", EL_DIM);
			y += draw_wrapped(w, y, 4, width - 2, h - y,
			    ref->q->ask[i], EL_NORMAL, true) + (h > 20);
		}
		wnoutrefresh(w);
		return;
	}
	/* The choices before the note: it gives up rows down to one. */
	if (note != NULL && noterows > h - y - (int)ref->q->nchoices - 2)
		noterows = h - y - (int)ref->q->nchoices - 2 < 1 ? 1 :
		    h - y - (int)ref->q->nchoices - 2;
	/* The choices, spaced out on a projector when there is room. */
	nrows = h - y - (note != NULL ? noterows + 2 : 0);
	if (nrows < 1 && note != NULL) {
		noterows = 0;
		note = NULL;
		nrows = h - y;
	}
	gap = pr->big && (int)ref->q->nchoices * 2 <= nrows ? 2 : 1;
	choice_window(ref->q->nchoices, gap == 2 ? nrows / 2 : nrows, cur,
	    &first, &count);
	if (first > 0 && y < h) {
		s = xasprintf(_("+ %zu more"), first);
		draw_text(w, y++, 6, width - 4, s, EL_DIM);
		free(s);
	}
	for (size_t i = first; i < first + count && y < h; i++) {
		const struct choice	*ch = &question_choices(ref->q)[i];
		bool			 na = answer_choice_na(a, ch->id) != NULL;
		bool			 sel = answer_selected(a, ch->id);
		bool			 here = (int)i == cur;
		enum element		 el;

		el = na || a->not_applicable ? EL_DIM : sel ? EL_RISK_NONE :
		    EL_NORMAL;
		if (here)
			draw_text(w, y, 0, 2, ">", EL_TITLE);
		draw_text(w, y, 2, 3, na ? "[-]" : sel ? "[x]" : "[ ]", el);
		draw_text(w, y, 6, width - 4, text_get(&ch->title),
		    here ? EL_FOCUS : sel && !na ? EL_CURSOR : el);
		y += gap;
	}
	if (first + count < ref->q->nchoices && y < h) {
		s = xasprintf(_("+ %zu more"), ref->q->nchoices - first -
		    count);
		draw_text(w, y++, 6, width - 4, s, EL_DIM);
		free(s);
	}
	if (note != NULL && y + 1 < h) {
		y = h - noterows - 1 > y ? h - noterows - 1 : y + 1;
		draw_text(w, y - 1, 2, width, _("Note"), EL_TITLE);
		draw_wrapped(w, y, 2, width - 2, noterows, note, EL_NORMAL, true);
	}
	wnoutrefresh(w);
}

/* One bar: count cells of block in a colour, scaled so that a pillar with
 * every question at that risk would fill the width. */
static void
bar(WINDOW *w, int y, int x, int width, unsigned n, unsigned max,
    enum element el)
{
	int cells;

	if (n == 0 || width <= 0)
		return;
	cells = (int)(((unsigned long)n * (unsigned)width + max - 1) / max);
	if (cells < 1)
		cells = 1;
	for (int i = 0; i < cells && i < width; i++)
		draw_text(w, y, x + i, 1, glyph(GLYPH_BAR_DONE), el);
}

static void
draw_tally(struct present *pr, const struct qref *ref)
{
	WINDOW		*w = pr->win[R_TALLY];
	struct tally	 all, *t;
	struct buf	 sig = { 0 };
	const struct pillar **ps;
	size_t		*lens, n = 0, nrows = 0;
	long		*order = NULL;
	unsigned	 max = 1;
	int		 h, y = 0, codew = 3, barw, x, titlew;
	char		 s[64];

	if (w == NULL)
		return;
	h = getmaxy(w);
	for (size_t i = 0; i < pr->ws->state.nlenses; i++)
		n += pr->ws->state.lenses[i]->npillars;
	ps = xcalloc(n + 1, sizeof *ps);
	lens = xcalloc(n + 1, sizeof *lens);
	t = xcalloc(n + 1, sizeof *t);
	n = 0;
	for (size_t i = 0; i < pr->ws->state.nlenses; i++) {
		for (size_t j = 0; j < pr->ws->state.lenses[i]->npillars; j++) {
			ps[n] = &pr->ws->state.lenses[i]->pillars[j];
			lens[n] = i;
			state_tally_pillar(&pr->ws->state, i, ps[n], &t[n]);
			n++;
		}
	}
	state_tally(&pr->ws->state, -1, &all);
	buf_printf(&sig, "%d|%u %u %u", pr->big, all.n[RISK_HIGH],
	    all.n[RISK_MEDIUM], all.answered);
	for (size_t i = 0; i < n; i++) {
		int cw = text_width(pillar_code(ps[i]),
		    strlen(pillar_code(ps[i])));

		buf_printf(&sig, "|%u %u %u %d", t[i].n[RISK_HIGH],
		    t[i].n[RISK_MEDIUM], t[i].answered, ref != NULL &&
		    ps[i] == ref->q->pillar);
		if (t[i].questions > max)
			max = t[i].questions;
		if (cw > codew)
			codew = cw > 10 ? 10 : cw;
	}
	if (!changed(pr, R_TALLY, buf_take(&sig)))
		goto out;

	werase(w);
	if (pr->big && h >= BIG_ROWS + 3) {
		/* The totals, big, in their colours. */
		snprintf(s, sizeof s, "HRI %u", all.n[RISK_HIGH]);
		x = 2 + bigtext_draw(w, 0, 2, pr->cols - 4, s, 2,
		    EL_RISK_HIGH);
		snprintf(s, sizeof s, "MRI %u", all.n[RISK_MEDIUM]);
		x += 6;
		x += bigtext_draw(w, 0, x, pr->cols - x - 2, s, 2,
		    EL_RISK_MEDIUM);
		snprintf(s, sizeof s, "%u/%u", all.answered, all.questions);
		x += 6;
		bigtext_draw(w, 0, x, pr->cols - x - 2, s, 1, EL_DIM);
		y = BIG_ROWS + 1;
	} else {
		snprintf(s, sizeof s, _("HRI %u  MRI %u  %u/%u answered"),
		    all.n[RISK_HIGH], all.n[RISK_MEDIUM], all.answered,
		    all.questions);
		draw_fill(w, 0, 0, pr->cols, EL_TITLE);
		draw_text(w, 0, 2, pr->cols - 4, _("Risks by pillar"),
		    EL_TITLE);
		x = pr->cols - 2 - text_width(s, strlen(s));
		draw_text(w, 0, x, pr->cols - x, s, EL_TITLE);
		y = 1;
	}
	/* The rows: a heading per lens when there are several; when they
	 * do not all fit, the current lens's pillars alone. */
	order = xcalloc(2 * n + pr->ws->state.nlenses + 1, sizeof *order);
	for (size_t i = 0; i < n; i++) {
		if (pr->ws->state.nlenses > 1 && (i == 0 || lens[i] != lens[i - 1]))
			order[nrows++] = -1 - (long)lens[i];
		order[nrows++] = (long)i;
	}
	if ((int)nrows > h - y && ref != NULL) {
		nrows = 0;
		if (pr->big && pr->ws->state.nlenses > 1)
			order[nrows++] = -1 - (long)ref->lens;
		for (size_t i = 0; i < n; i++) {
			if (lens[i] == ref->lens)
				order[nrows++] = (long)i;
		}
		if (!pr->big && pr->ws->state.nlenses > 1) {
			char *title = xasprintf("%s: %s", _("Risks by pillar"),
			    text_get(&pr->ws->state.lenses[ref->lens]->title));

			draw_text(w, 0, 2, x - 4, title, EL_TITLE);
			free(title);
		}
	}
	/* code, answered, HRI bar and count, MRI bar and count; the
	 * pillar's title when the screen is wide. */
	titlew = pr->cols >= 100 ? 24 : 0;
	barw = (pr->cols - 2 - codew - 1 - titlew - 6 - 2 * (4 + 4) - 2) / 2;
	if (barw < 1)
		barw = 1;
	for (size_t r = 0; r < nrows && y < h; r++, y++) {
		long		i = order[r];
		bool		cur;
		enum element	el;

		if (i < 0) {
			draw_text(w, y, 2, pr->cols - 4,
			    text_get(&pr->ws->state.lenses[-1 - i]->title), EL_TITLE);
			continue;
		}
		cur = ref != NULL && ps[i] == ref->q->pillar;
		el = cur ? EL_CURSOR : EL_NORMAL;
		x = 0;
		draw_text(w, y, x, 2, cur ? ">" : " ", el);
		x += 2;
		draw_text(w, y, x, codew, pillar_code(ps[i]), el);
		x += codew + 1;
		if (titlew > 0) {
			draw_text(w, y, x, titlew - 1, text_get(&ps[i]->title),
			    el);
			x += titlew;
		}
		snprintf(s, sizeof s, "%u/%u", t[i].answered, t[i].questions);
		draw_text(w, y, x + 5 - (int)strlen(s), 6, s, EL_DIM);
		x += 7;
		draw_text(w, y, x, 3, _("HRI"), t[i].n[RISK_HIGH] > 0 ?
		    EL_RISK_HIGH : EL_DIM);
		snprintf(s, sizeof s, "%u", t[i].n[RISK_HIGH]);
		draw_text(w, y, x + 4, 3, s, t[i].n[RISK_HIGH] > 0 ?
		    EL_RISK_HIGH : EL_DIM);
		bar(w, y, x + 8, barw, t[i].n[RISK_HIGH], max, EL_RISK_HIGH);
		x += 8 + barw + 1;
		draw_text(w, y, x, 3, _("MRI"), t[i].n[RISK_MEDIUM] > 0 ?
		    EL_RISK_MEDIUM : EL_DIM);
		snprintf(s, sizeof s, "%u", t[i].n[RISK_MEDIUM]);
		draw_text(w, y, x + 4, 3, s, t[i].n[RISK_MEDIUM] > 0 ?
		    EL_RISK_MEDIUM : EL_DIM);
		bar(w, y, x + 8, barw, t[i].n[RISK_MEDIUM], max,
		    EL_RISK_MEDIUM);
	}
	wnoutrefresh(w);
out:
	free(order);
	free(ps);
	free(lens);
	free(t);
}

static void
draw(struct present *pr)
{
	struct qref	 ref;
	int		 choice;
	bool		 have = current(pr->ws, &ref, &choice);
	char		*msg;

	if (pr->win[R_TOP] == NULL) {
		/* Smaller than anything useful: say so, once. */
		if (changed(pr, R_TOP, xasprintf("small %dx%d", pr->cols,
		    pr->lines))) {
			werase(stdscr);
			msg = xasprintf(_("%dx%d: too small"), pr->cols,
			    pr->lines);
			draw_text(stdscr, 0, 0, pr->cols, msg, EL_NORMAL);
			free(msg);
			wnoutrefresh(stdscr);
		}
		doupdate();
		return;
	}
	draw_top(pr, have ? &ref : NULL);
	draw_body(pr, have ? &ref : NULL, choice);
	draw_tally(pr, have ? &ref : NULL);
	doupdate();
}

static void
key_ask(struct present *pr)
{
	pr->ask = !pr->ask;
	layout(pr);
}

static void
key_big(struct present *pr)
{
	pr->big = !pr->big;
	pr->chosen = true;
	layout(pr);
}

static void
key_quit(struct present *pr)
{
	pr->quit = true;
}

static void
key_redraw(struct present *pr)
{
	clearok(curscr, TRUE);
	layout(pr);
}

int
present_run(struct workspace *ws, const char *theme, char **cause)
{
	struct present		 pr;
	struct sigaction	 sa;
	SCREEN			*scr;
	WINDOW			*input;
	struct ui_input		 in = { 0 };
	uint64_t		 last = 0, now, since;
	char			*err = NULL;
	int			 r, wait;
	wint_t			 wc;

	if (!isatty(STDIN_FILENO) || !isatty(STDOUT_FILENO))
		return fail(cause, "%s", _("the audience view needs a "
		    "terminal"));
	ctype_need();	/* ncurses takes the codeset from it */
	if ((scr = newterm(NULL, stdout, stdin)) == NULL)
		return fail(cause, _("cannot use the terminal \"%s\""),
		    getenv("TERM") != NULL ? getenv("TERM") : "");
	ui_batch_output();
	memset(&pr, 0, sizeof pr);
	pr.ws = ws;

	memset(&sa, 0, sizeof sa);
	sa.sa_handler = on_signal;
	sigemptyset(&sa.sa_mask);
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGHUP, &sa, NULL);

	cbreak();
	noecho();
	nonl();
	set_escdelay(25);
	curs_set(0);
	theme_init(theme != NULL ? theme : "projector");
	input = newwin(1, 1, 0, 0);
	keypad(input, TRUE);
	wnoutrefresh(input);
	layout(&pr);
	while (!pr.quit && !stop) {
		now = ui_now_ms();
		if (now - last >= PRESENT_POLL_MS) {
			last = now;
			if (workspace_refresh(ws, &err) == -1) {
				/* Keep showing the last state; try again. */
				free(err);
				err = NULL;
			}
		}
		draw(&pr);
		wait = (int)(PRESENT_POLL_MS - (ui_now_ms() - last));
		wtimeout(input, wait < 0 ? 0 : wait);
		since = ui_now_ms();
		r = wget_wch(input, &wc);
		if (r == ERR) {
			if (ui_input_gone(&in, wait < 0 ? 0 : wait, since))
				break;
			continue;
		}
		in.fast = 0;
		if (r == KEY_CODE_YES) {
			if (wc == KEY_RESIZE)
				layout(&pr);
			continue;
		}
		for (size_t i = 0; i < nitems(present_keys); i++) {
			if (present_keys[i].key == (int)wc)
				present_keys[i].fn(&pr);
		}
	}
	free_windows(&pr);
	delwin(input);
	endwin();
	delscreen(scr);
	return 0;
}
