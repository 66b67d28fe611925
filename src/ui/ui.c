/* ui.c: the screen engine: terminal set-up, the loop, resizes, the mouse,
 * the header and status line, prompts, and the poll of the store.
 *
 * Each pass of the loop handles every key already waiting (a paste arrives
 * as one burst), then redraws the windows that changed with wnoutrefresh and
 * one doupdate, so ncurses sends only the cells that differ. Nothing clears
 * the screen on a keystroke. */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <poll.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "model/note-sync.h"
#include "review/persist.h"
#include "ui/ui.h"
#include "base/util.h"

#define MIN_COLS	64
#define MIN_LINES	18
#define POLL_MS		250
#define MAX_BURST	65536

const struct view *const views[] = {
	&view_review,
	&view_notes,
	&view_help,
	&view_plan,
	&view_roadmap,
	&view_milestones,
	NULL
};

static volatile sig_atomic_t	 stop;
static WINDOW			*input;	/* keys are read here: never drawn */

static void
on_signal(int sig)
{
	stop = sig;
}

uint64_t
ui_now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000 + (uint64_t)ts.tv_nsec / 1000000;
}

void
ui_dirty(struct ui *ui)
{
	/* The status line's keys follow the focus: it is redrawn too. */
	ui->dirty_all = ui->dirty_header = ui->dirty_status = true;
}

void
ui_message(struct ui *ui, bool error, const char *fmt, ...)
{
	va_list ap;

	free(ui->message);
	va_start(ap, fmt);
	ui->message = xvasprintf(fmt, ap);
	va_end(ap);
	ui->message_error = error;
	ui->dirty_status = true;
}

bool
ui_current(const struct ui *ui, struct qref *ref)
{
	const struct ui_pillar *p;

	if (ui->npillars == 0 || ui->pillar >= ui->npillars)
		return false;
	p = &ui->pillars[ui->pillar];
	if (p->p->nquestions == 0)
		return false;
	ref->lens = p->lens;
	ref->q = &p->p->questions[ui->question];
	return true;
}

static void build_pillars(struct ui *);

/* The lenses changed under the review (a lens added, removed or back after
 * an undo): start again from the first question. */
static void
lenses_changed(struct ui *ui)
{
	build_pillars(ui);
	ui->pillar = ui->question = ui->choice = 0;
	free(ui->matches);
	ui->matches = NULL;
	ui->nmatches = ui->match = 0;
	if (ui->view != &view_review)
		ui_set_view(ui, &view_review);
	ui_message(ui, false, "%s", _("The workspace's lenses changed."));
}

bool
ui_refresh(struct ui *ui)
{
	char	*cause = NULL;
	int	 r = workspace_refresh(ui->ws, &cause);

	if (r == -1) {
		ui_message(ui, true, "%s", cause);
		free(cause);
	}
	if (ui->lens_epoch != ui->ws->lens_epoch) {
		ui->lens_epoch = ui->ws->lens_epoch;
		lenses_changed(ui);
		r = 1;
	}
	if (r != 1)
		return false;
	ui_dirty(ui);
	return true;
}

void
ui_warning(struct ui *ui)
{
	if (ui->ws->warning != NULL) {
		ui_message(ui, true, "%s", ui->ws->warning);
		free(ui->ws->warning);
		ui->ws->warning = NULL;
	}
}

int
ui_answer(struct ui *ui, const struct qref *ref, const struct edit *e,
    size_t n, struct ops_result *r)
{
	char *cause = NULL;

	if (ops_answer(ui->ws, ref, e, n, false, r, &cause) != 0) {
		ui_message(ui, true, "%s", cause);
		free(cause);
		return -1;
	}
	ui_warning(ui);
	ui_dirty(ui);
	return 0;
}

static void
layout(struct ui *ui)
{
	getmaxyx(stdscr, ui->lines, ui->cols);
	if (ui->header != NULL)
		delwin(ui->header);
	if (ui->status != NULL)
		delwin(ui->status);
	ui->header = ui->status = NULL;
	ui->too_small = ui->cols < MIN_COLS || ui->lines < MIN_LINES;
	ui_dirty(ui);
	if (ui->too_small)
		return;
	ui->header = newwin(1, ui->cols, 0, 0);
	ui->status = newwin(1, ui->cols, ui->lines - 1, 0);
	if (ui->header == NULL || ui->status == NULL) {
		ui->too_small = true;
		return;
	}
	ui->view->layout(ui, 1, 0, ui->lines - 2, ui->cols);
}

void
ui_set_view(struct ui *ui, const struct view *v)
{
	if (ui->view != NULL && ui->view->leave != NULL)
		ui->view->leave(ui);
	ui->prev = ui->view;
	ui->view = v;
	if (v->enter != NULL)
		v->enter(ui);
	layout(ui);
}

/* --- Prompts on the status line --- */

void
ui_prompt(struct ui *ui, const char *label, const char *text, prompt_cb done)
{
	free(ui->prompt_label);
	ui->prompt_label = xstrdup(label);
	buf_free(&ui->prompt_text);
	buf_adds(&ui->prompt_text, text != NULL ? text : "");
	ui->prompt_cur = ui->prompt_text.len;
	ui->prompt_done = done;
	ui->menu = NULL;
	ui->prompting = true;
	ui->dirty_status = true;
}

/* A choice among a few words: digits pick, arrows move, Enter takes. */
void
ui_menu(struct ui *ui, const char *label, const char *const *items,
    prompt_cb done)
{
	ui_prompt(ui, label, NULL, done);
	ui->menu = items;
	ui->prompt_cur = 0;
}

static void
prompt_end(struct ui *ui, bool take)
{
	prompt_cb	 done = ui->prompt_done;
	char		*text;

	if (ui->menu != NULL)
		text = xstrdup(ui->menu[ui->prompt_cur]);
	else
		text = xstrdup(ui->prompt_text.s != NULL ? ui->prompt_text.s :
		    "");
	ui->prompting = false;
	ui->menu = NULL;
	ui->dirty_status = true;
	if (take)
		done(ui, text);
	free(text);
}

static void
prompt_key(struct ui *ui, int key)
{
	struct buf	*b = &ui->prompt_text;
	size_t		 n = 0, next;
	char		 mb[MB_LEN_MAX];
	mbstate_t	 st;

	ui->dirty_status = true;
	if (key == 27 || key == 7) {
		prompt_end(ui, false);
		return;
	}
	if (key == '\r') {
		prompt_end(ui, true);
		return;
	}
	if (ui->menu != NULL) {
		while (ui->menu[n] != NULL)
			n++;
		if (key >= '1' && key < '1' + (int)n) {
			ui->prompt_cur = (size_t)(key - '1');
			prompt_end(ui, true);
		} else if (key == (KEYC_FN | KEY_RIGHT) ||
		    key == (KEYC_FN | KEY_DOWN) || key == '\t' || key == ' ')
			ui->prompt_cur = (ui->prompt_cur + 1) % n;
		else if (key == (KEYC_FN | KEY_LEFT) ||
		    key == (KEYC_FN | KEY_UP))
			ui->prompt_cur = (ui->prompt_cur + n - 1) % n;
		return;
	}
	if (b->s == NULL)
		buf_adds(b, "");
	switch (key) {
	case KEYC_FN | KEY_BACKSPACE:
		if (ui->prompt_cur > 0) {
			next = ui->prompt_cur;
			ui->prompt_cur = utf8_prev(b->s, ui->prompt_cur);
			memmove(b->s + ui->prompt_cur, b->s + next,
			    b->len - next + 1);
			b->len -= next - ui->prompt_cur;
		}
		return;
	case KEYC_FN | KEY_DC:
		if (ui->prompt_cur < b->len) {
			next = utf8_next(b->s, b->len, ui->prompt_cur);
			memmove(b->s + ui->prompt_cur, b->s + next,
			    b->len - next + 1);
			b->len -= next - ui->prompt_cur;
		}
		return;
	case KEYC_FN | KEY_LEFT:
		ui->prompt_cur = utf8_prev(b->s, ui->prompt_cur);
		return;
	case KEYC_FN | KEY_RIGHT:
		ui->prompt_cur = utf8_next(b->s, b->len, ui->prompt_cur);
		return;
	case KEYC_FN | KEY_HOME:
	case 1:
		ui->prompt_cur = 0;
		return;
	case KEYC_FN | KEY_END:
	case 5:
		ui->prompt_cur = b->len;
		return;
	case 21:	/* C-u */
		b->len = 0;
		b->s[0] = '\0';
		ui->prompt_cur = 0;
		return;
	}
	if (key < 0x20 || key >= KEYC_FN || key == 0x7f)
		return;
	memset(&st, 0, sizeof st);
	n = wcrtomb(mb, (wchar_t)key, &st);
	if (n == (size_t)-1)
		return;
	buf_grow(b, n);
	memmove(b->s + ui->prompt_cur + n, b->s + ui->prompt_cur,
	    b->len - ui->prompt_cur + 1);
	memcpy(b->s + ui->prompt_cur, mb, n);
	b->len += n;
	ui->prompt_cur += n;
}

/* --- Header and status line --- */

static size_t
menu_len(const char *const *items)
{
	size_t n = 0;

	while (items[n] != NULL)
		n++;
	return n;
}

/* The header's right part: what the room needs most last, so that the
 * first pieces go when the terminal is narrow. */
enum { HP_LENS, HP_MILESTONE, HP_CLOCK, HP_TALLY, HP_COUNT };

static int
header_width(char *const part[HP_COUNT], int lens_cols)
{
	int w = 0;

	for (int i = 0; i < HP_COUNT; i++) {
		if (part[i] == NULL)
			continue;
		w += i == HP_LENS && lens_cols >= 0 ? lens_cols + 3 :
		    text_width(part[i], strlen(part[i]));
	}
	return w;
}

static void
draw_header(struct ui *ui)
{
	WINDOW		*w = ui->header;
	struct tally	 t;
	struct qref	 ref;
	const char	*name, *ms, *sep = glyph(GLYPH_VRULE);
	char		*part[HP_COUNT] = { NULL }, clock[32];
	long		 el = ui->shown_elapsed;
	int		 x, cw, nw, rw, room, lens_cols = -1;
	bool		 shared;

	werase(w);
	draw_fill(w, 0, 0, ui->cols, EL_HEADER);
	state_tally(&ui->ws->state, -1, &t);
	if (ui_current(ui, &ref))
		part[HP_LENS] = xasprintf("%s %s ",
		    ui->ws->state.lenses[ref.lens]->id, sep);
	ms = kv_get(&ui->ws->state.session, SESSION_MILESTONE);
	part[HP_MILESTONE] = xasprintf("%s %s ", ms != NULL ? ms :
	    _("no milestone"), sep);
	snprintf(clock, sizeof clock, "%ld:%02ld:%02ld", el / 3600,
	    el / 60 % 60, el % 60);
	part[HP_CLOCK] = xasprintf("%s %s ", clock, sep);
	part[HP_TALLY] = xasprintf(_("HRI %u  MRI %u %s %u/%u answered "),
	    t.n[RISK_HIGH], t.n[RISK_MEDIUM], sep, t.answered, t.questions);

	/* The workload's name gets the room first; then, as long as they
	 * fit: the tallies (short if need be), the review's clock, the last
	 * milestone, the lens (cut if need be), the pillar's clock. */
	x = text_width(" wafr ", 6);
	name = state_prop(&ui->ws->state, "name");
	nw = name != NULL ? text_width(name, strlen(name)) : 0;
	room = ui->cols - x - nw - 1;
	cw = clock_header(ui, NULL, ui->cols);
	if (header_width(part, -1) + cw > room)
		cw = 0;
	if (header_width(part, -1) > room) {
		free(part[HP_TALLY]);
		part[HP_TALLY] = xasprintf("HRI %u MRI %u %s %u/%u ",
		    t.n[RISK_HIGH], t.n[RISK_MEDIUM], sep, t.answered,
		    t.questions);
	}
	/* A lens whose pillar codes another lens shares too is named before
	 * the milestone and the clock go. */
	shared = part[HP_LENS] != NULL && state_pillar_shared(&ui->ws->state,
	    ref.lens, ref.q->pillar);
	for (int i = 0; i < HP_TALLY && header_width(part, lens_cols) > room;
	    i++) {
		int drop = shared ? (i + 1) % HP_TALLY : i;

		if (drop == HP_LENS && part[HP_LENS] != NULL) {
			/* A cut lens id while six columns of it fit. */
			lens_cols = room - header_width(part, 0);
			if (lens_cols >= 6)
				break;
			lens_cols = -1;
		}
		free(part[drop]);
		part[drop] = NULL;
	}
	rw = header_width(part, lens_cols);
	if (rw > ui->cols - x)
		rw = ui->cols - x;
	x = draw_text(w, 0, 0, ui->cols, " wafr ", EL_HEADER);
	if (cw > 0)
		cw = clock_header(ui, w, ui->cols - rw);
	draw_text(w, 0, x, ui->cols - x - rw - cw - 1, name != NULL ? name :
	    "", EL_HEADER);
	x = ui->cols - rw;
	for (int i = 0; i < HP_COUNT; i++) {
		if (part[i] == NULL)
			continue;
		if (i == HP_LENS && lens_cols >= 0) {
			x += draw_text(w, 0, x, lens_cols, part[i], EL_HEADER);
			x += draw_text(w, 0, x, ui->cols - x, " ", EL_HEADER);
			x += draw_text(w, 0, x, ui->cols - x, sep, EL_HEADER);
			x += draw_text(w, 0, x, ui->cols - x, " ", EL_HEADER);
		} else
			x += draw_text(w, 0, x, ui->cols - x, part[i],
			    EL_HEADER);
		free(part[i]);
	}
	wnoutrefresh(w);
}

static void
draw_status(struct ui *ui)
{
	WINDOW	*w = ui->status;
	int	 x = 0, lw, cx, end;
	size_t	 skip = 0;

	werase(w);
	draw_fill(w, 0, 0, ui->cols, EL_STATUS);
	if (ui->prompting) {
		x = draw_text(w, 0, 0, ui->cols, ui->prompt_label,
		    EL_STATUS_KEY);
		x += draw_text(w, 0, x, ui->cols - x, " ", EL_STATUS);
		if (ui->menu != NULL) {
			char *item = xasprintf("[%zu %s]", ui->prompt_cur + 1,
			    ui->menu[ui->prompt_cur]);

			cx = x;
			x += draw_text(w, 0, x, ui->cols - x, item,
			    EL_STATUS_KEY);
			free(item);
			item = xasprintf(_("  1-%zu, arrows, Enter; Esc cancels"),
			    menu_len(ui->menu));
			draw_text(w, 0, x, ui->cols - x, item, EL_STATUS);
			free(item);
			wmove(w, 0, cx);
			return;
		}
		/* The text scrolls to keep the cursor in sight; when its
		 * start is out of sight, an ellipsis at the left says so, as
		 * the one at the right does for its end. */
		lw = ui->cols - x - 1;
		while (skip < ui->prompt_cur && text_width(ui->prompt_text.s +
		    skip, ui->prompt_cur - skip) > (skip > 0 && lw > 1 ?
		    lw - 1 : lw))
			skip = utf8_next(ui->prompt_text.s,
			    ui->prompt_text.len, skip);
		if (skip > 0 && lw > 1) {
			x += draw_text(w, 0, x, 1, glyph(GLYPH_ELLIPSIS),
			    EL_STATUS);
			lw--;
		}
		draw_text(w, 0, x, lw, ui->prompt_text.s + skip, EL_STATUS);
		wmove(w, 0, x + text_width(ui->prompt_text.s + skip,
		    ui->prompt_cur - skip));
		return;
	}
	/* Who leads, at the right, unless a message needs the room. */
	end = ui->cols - room_status(ui, NULL, ui->cols);
	if (ui->message == NULL || text_width(ui->message,
	    strlen(ui->message)) < end - 1)
		room_status(ui, w, ui->cols);
	else
		end = ui->cols;
	if (ui->message != NULL) {
		draw_text(w, 0, 1, end - 1, ui->message,
		    ui->message_error ? EL_ERROR : EL_STATUS);
		return;
	}
	/* The keys that matter here, from the action table; help and quit
	 * always, the others as they fit. */
	for (int pass = 0, reserve = 0; pass < 2; pass++) {
		x = 1;
		for (size_t i = 0; i < nactions; i++) {
			const char	*label, *keys, *key;
			size_t		 k, klen;
			int		 need;
			bool		 must;

			if ((actions[i].ctx & ui->view->ctx) == 0 ||
			    actions[i].label == NULL)
				continue;
			if (actions[i].panes != 0 && ui->view == &view_review &&
			    (actions[i].panes & IN_PANE(ui->focus)) == 0)
				continue;
			label = _(actions[i].label);
			k = strcspn(label, " ");
			keys = action_keys(&actions[i]);
			if (*keys == '\0')
				continue;
			/* Rebound: name the first key the user gave it. */
			key = strcmp(keys, actions[i].keys) == 0 ? label : keys;
			klen = key == label ? k : strcspn(keys, " ");
			need = text_width(key, klen) + text_width(label + k,
			    strlen(label + k)) + 2;
			must = streq(actions[i].name, "help") ||
			    streq(actions[i].name, "quit");
			if (pass == 0) {
				if (must)
					reserve += need;
				continue;
			}
			if (must)
				reserve -= need;
			if (x + need + (must ? 0 : reserve) > end)
				continue;	/* a shorter one may still fit */
			draw_textn(w, 0, x, ui->cols - x, key, klen,
			    EL_STATUS_KEY);
			draw_text(w, 0, x + text_width(key, klen), ui->cols - x,
			    label + k, EL_STATUS);
			x += need;
		}
	}
}

static void
draw_too_small(struct ui *ui)
{
	char	*msg;
	int	 y = ui->lines / 2 - 1, w;

	werase(stdscr);
	msg = xasprintf(_("The terminal is %dx%d."), ui->cols, ui->lines);
	w = text_width(msg, strlen(msg));
	draw_text(stdscr, y < 0 ? 0 : y, w < ui->cols ? (ui->cols - w) / 2 : 0,
	    ui->cols, msg, EL_NORMAL);
	free(msg);
	msg = xasprintf(_("Please enlarge it to at least %dx%d."), MIN_COLS,
	    MIN_LINES);
	w = text_width(msg, strlen(msg));
	draw_text(stdscr, y + 1, w < ui->cols ? (ui->cols - w) / 2 : 0,
	    ui->cols, msg, EL_NORMAL);
	free(msg);
	touchwin(stdscr);
	wnoutrefresh(stdscr);
}

static void
draw(struct ui *ui)
{
	static int	 cursor = -1;
	int		 want;

	if (ui->too_small) {
		if (ui->dirty_all)
			draw_too_small(ui);
		ui->dirty_all = ui->dirty_header = ui->dirty_status = false;
		want = 0;
	} else {
		if (ui->dirty_header)
			draw_header(ui);
		if (ui->dirty_status && !ui->prompting) {
			draw_status(ui);
			wnoutrefresh(ui->status);
		}
		ui->view->draw(ui, ui->dirty_all);
		if (ui->prompting) {
			if (ui->dirty_status)
				draw_status(ui);
			wnoutrefresh(ui->status);
		}
		want = ui->prompting || ui->view == &view_notes;
		ui->dirty_all = ui->dirty_header = ui->dirty_status = false;
	}
	if (want != cursor) {
		curs_set(want);
		cursor = want;
	}
	doupdate();
}

/* --- Keys --- */

bool
ui_input_gone(struct ui_input *in, int waited, uint64_t since)
{
	struct pollfd	pfd = { STDIN_FILENO, POLLIN, 0 };
	uint64_t	took = ui_now_ms() - since;

	/* The terminal hung up, or went away without a SIGHUP. */
	if (poll(&pfd, 1, 0) == 1 && (pfd.revents & (POLLHUP | POLLERR |
	    POLLNVAL)) != 0)
		return true;
	/* Reads that fail at once, again and again (an end of file): a
	 * terminal that is there waits for the key. */
	if (waited >= 40 && took < (uint64_t)waited / 2)
		in->fast++;
	else
		in->fast = 0;
	return in->fast >= 20;
}

/* One key, or KEYC_NONE after ms milliseconds (-1: wait). */
static int
read_key(int ms)
{
	wint_t	wc;
	int	r;

	wtimeout(input, ms);
	r = wget_wch(input, &wc);
	if (r == ERR)
		return KEYC_NONE;
	if (r == KEY_CODE_YES) {
		if (wc == KEY_ENTER)
			return '\r';
		return KEYC_FN | (int)wc;
	}
	if (wc == '\n')
		return '\r';
	if (wc == 127 || wc == 8)
		return KEYC_FN | KEY_BACKSPACE;
	if (wc == 27) {
		/* Alt sends Esc and the key at once. */
		wtimeout(input, 0);
		r = wget_wch(input, &wc);
		if (r == OK && wc > 0x20 && wc < 0x7f)
			return KEYC_META | (int)wc;
		if (r == KEY_CODE_YES)
			ungetch((int)wc);
		else if (r == OK)
			unget_wch((wchar_t)wc);
		return 27;
	}
	return (int)wc;
}

/* Pasted text is text: it never runs a command. */
static void
paste_key(struct ui *ui, int key)
{
	bool text = key >= 0x20 && key < KEYC_FN && key != 0x7f;

	if (ui->prompting) {
		if (text)
			prompt_key(ui, key);
		return;
	}
	if (ui->view == &view_notes) {
		if (key == '\r')
			act_note_newline(ui);
		else if (text || key == '\t')
			ui->view->input(ui, key);
		return;
	}
	ui->paste_ignored++;
}

static void
handle_key(struct ui *ui, int key)
{
	const struct action	*a;
	MEVENT			 m;

	ui->last_key_ms = ui_now_ms();
	if (key == (KEYC_FN | KEY_RESIZE)) {
		layout(ui);
		return;
	}
	if (key == (KEYC_FN | KEY_MOUSE)) {
		if (getmouse(&m) != OK)
			return;
		/* When a press and its release arrive together, ncurses keeps
		 * only the release: a release without a press is a click. */
		if (m.bstate & BUTTON1_RELEASED) {
			if (ui->mouse_down) {
				ui->mouse_down = false;
				return;
			}
			m.bstate = BUTTON1_PRESSED;
		} else if (m.bstate & BUTTON1_PRESSED)
			ui->mouse_down = true;
		if (!ui->too_small && !ui->prompting &&
		    ui->view->mouse != NULL)
			ui->view->mouse(ui, &m);
		return;
	}
	if (key == (KEYC_FN | KEY_PASTE_START)) {
		ui->pasting = true;
		ui->paste_ignored = 0;
		return;
	}
	if (key == (KEYC_FN | KEY_PASTE_END)) {
		ui->pasting = false;
		if (ui->paste_ignored > 0)
			ui_message(ui, false, "%s", _("A paste is text for a "
			    "note or a prompt: press n, then paste."));
		return;
	}
	if (ui->pasting) {
		paste_key(ui, key);
		return;
	}
	/* Esc and a key typed at once, with no Alt binding: both keys. */
	if ((key & KEYC_META) && (ui->prompting ||
	    action_find(key, ui->view->ctx) == NULL)) {
		handle_key(ui, 27);
		handle_key(ui, key & ~KEYC_META);
		return;
	}
	if (ui->prompting) {
		prompt_key(ui, key);
		return;
	}
	if (ui->message != NULL) {
		free(ui->message);
		ui->message = NULL;
		ui->dirty_status = true;
	}
	if ((a = action_find(key, ui->view->ctx)) != NULL)
		a->fn(ui);
	else if (ui->view->input != NULL)
		ui->view->input(ui, key);
}

/* Timers: the store poll, the clock, the view's own (the note's save). */
static int
tick(struct ui *ui, uint64_t *last_poll)
{
	uint64_t	 now = ui_now_ms();
	int		 wait = POLL_MS, vt;
	long		 el;

	if (now - *last_poll >= POLL_MS) {
		*last_poll = now;
		ui_refresh(ui);
	} else
		wait = (int)(POLL_MS - (now - *last_poll));
	el = wall_time() - (long)ui->started;
	if (el != ui->shown_elapsed) {
		ui->shown_elapsed = el;
		ui->dirty_header = true;
	}
	if (ui->view->timer != NULL && (vt = ui->view->timer(ui)) >= 0 &&
	    vt < wait)
		wait = vt;
	return wait;
}

#define REPORT_IDLE_MS	1000

static void
write_report_now(struct ui *ui)
{
	char *cause = NULL;

	if (persist_report(ui->ws, &cause) != 0) {
		ui_message(ui, true, "%s", cause);
		free(cause);
		ui->ws->report_due = false;	/* said; the next change retries */
	}
}

/* The live session (the clock, the lead and where it is, for an audience
 * view to follow), written once the frame is out: a key's answer on the
 * screen never waits for them. The wait until the clock's next write, or
 * 0 when the screen must show what they changed. */
static int
after_frame(struct ui *ui, int wait)
{
	int vt;

	if ((vt = clock_tick(ui)) >= 0 && vt < wait)
		wait = vt;
	/* The lead, and where it is, for the audience view to follow. */
	if ((vt = room_tick(ui)) >= 0 && vt < wait)
		wait = vt;
	/* REPORT.md, for git diff, once the keys pause. */
	if (ui->ws->report_due) {
		uint64_t idle = ui_now_ms() - ui->last_key_ms;

		if (idle >= REPORT_IDLE_MS)
			write_report_now(ui);
		else if ((int)(REPORT_IDLE_MS - idle) < wait)
			wait = (int)(REPORT_IDLE_MS - idle);
	}
	return ui->dirty_all || ui->dirty_header || ui->dirty_status ? 0 :
	    wait;
}

/* Ask the terminal to mark pastes (a terminal that cannot ignores it). */
static void
bracketed_paste(bool on)
{
	fputs(on ? "\033[?2004h" : "\033[?2004l", stdout);
	fflush(stdout);
}

/* A process that must stop in the middle (a lens that cannot be read
 * again, model/lens-pack.c) leaves the terminal as it found it. */
static bool restore_registered, screen_up;

static void
restore_terminal(void)
{
	if (!screen_up || isendwin())
		return;
	bracketed_paste(false);
	endwin();
}

/* ncurses writes a frame out at each move of the cursor (a write to the
 * terminal a line) until its screen has been left once, with endwin:
 * then a frame goes out in one write. So, just after newterm, the screen
 * is left with what it writes sent to /dev/null (the terminal is not
 * touched yet: its modes stay as newterm set them), and come back to at
 * once, before any colour is set: the terminal gets the same start as
 * before (the alternate screen, cleared), and each frame in one piece. */
void
ui_batch_output(void)
{
	int nul, saved;

	if (fflush(stdout) != 0 ||
	    (nul = open("/dev/null", O_WRONLY | O_CLOEXEC)) == -1)
		return;
	if ((saved = fcntl(STDOUT_FILENO, F_DUPFD_CLOEXEC, 0)) == -1) {
		close(nul);
		return;
	}
	if (dup2(nul, STDOUT_FILENO) != -1) {
		endwin();
		fflush(stdout);
		if (dup2(saved, STDOUT_FILENO) == -1)
			abort();	/* the terminal lost: nothing can show */
		doupdate();
	}
	close(saved);
	close(nul);
}

/* What only reading input needs (the mouse and marked pastes, each a mode
 * of the terminal to set): once the first frame is out, before the first
 * key is read. */
static void
start_keys(void)
{
	bracketed_paste(true);
	mousemask(BUTTON1_PRESSED | BUTTON1_RELEASED | BUTTON4_PRESSED |
	    BUTTON5_PRESSED, NULL);
	mouseinterval(0);
}

/* --- The external editor --- */

/* Run a shell command with one argument on the terminal, the screen put
 * away meanwhile; its wait status, or -1 with errno when it did not
 * start. */
int
ui_run_fg(const char *command, const char *arg)
{
	char	*cmd = xasprintf("exec %s \"$1\"", command);
	pid_t	 pid;
	int	 status = 0, saved;

	def_prog_mode();
	bracketed_paste(false);
	endwin();
	pid = fork();
	if (pid == 0) {
		execl("/bin/sh", "sh", "-c", cmd, "sh", arg, (char *)NULL);
		_exit(127);
	}
	saved = errno;
	free(cmd);
	if (pid > 0) {
		while (waitpid(pid, &status, 0) == -1 && errno == EINTR)
			;
	}
	reset_prog_mode();
	bracketed_paste(true);
	clearok(curscr, TRUE);
	errno = saved;
	return pid < 0 ? -1 : status;
}

int
ui_spawn(const char *prog, const char *arg)
{
	int	fds[2], status, fd;
	pid_t	pid;
	char	ok;

	if (pipe(fds) != 0)
		return -1;
	/* Twice forked, so nothing is left to wait for; the pipe closes on
	 * exec, and says "started" by closing with nothing written. */
	if ((pid = fork()) == 0) {
		pid_t child;

		close(fds[0]);
		if ((child = fork()) == -1) {
			ok = 1;
			(void)!write(fds[1], &ok, 1);
			_exit(1);
		}
		if (child == 0) {
			setsid();
			if ((fd = open("/dev/null", O_RDWR)) != -1) {
				dup2(fd, 0);
				dup2(fd, 1);
				dup2(fd, 2);
			}
			fcntl(fds[1], F_SETFD, FD_CLOEXEC);
			execlp(prog, prog, arg, (char *)NULL);
			ok = 1;
			(void)!write(fds[1], &ok, 1);
			_exit(127);
		}
		_exit(0);
	}
	close(fds[1]);
	if (pid > 0)
		while (waitpid(pid, &status, 0) == -1 && errno == EINTR)
			;
	status = pid > 0 && read(fds[0], &ok, 1) == 0 ? 0 : -1;
	close(fds[0]);
	return status;
}

void
ui_relayout(struct ui *ui)
{
	layout(ui);
}

static char *
run_editor(const char *ed, const char *path)
{
	int status = ui_run_fg(ed, path);

	if (status == -1)
		return xasprintf(_("cannot start the editor: %s"),
		    strerror(errno));
	if (!WIFEXITED(status) || WEXITSTATUS(status) != 0)
		return xasprintf(_("the editor (%s) failed; the note is "
		    "unchanged"), ed);
	return NULL;
}

void
ui_edit_external(struct ui *ui)
{
	struct qref	 ref;
	struct answer	 a;
	const char	*ed, *tmp;
	char		*path, *text = NULL, *cause = NULL, *err;
	size_t		 len;
	int		 fd;

	if (!ui_current(ui, &ref))
		return;
	if ((tmp = getenv("TMPDIR")) == NULL || *tmp == '\0')
		tmp = "/tmp";
	path = xasprintf("%s/wafr-note-XXXXXX.txt", tmp);
	if ((fd = mkstemps(path, 4)) == -1) {
		ui_message(ui, true, _("cannot make a temporary file: %s"),
		    strerror(errno));
		free(path);
		return;
	}
	answer_copy(&a, state_answer(&ui->ws->state, &ref));
	if (a.note != NULL && write(fd, a.note, strlen(a.note)) < 0) {
		ui_message(ui, true, "%s: %s", path, strerror(errno));
		goto out;
	}
	if (a.note != NULL && *a.note != '\0' && write(fd, "\n", 1) < 0) {
		ui_message(ui, true, "%s: %s", path, strerror(errno));
		goto out;
	}
	close(fd);
	fd = -1;
	if ((ed = getenv("VISUAL")) == NULL || *ed == '\0')
		if ((ed = getenv("EDITOR")) == NULL || *ed == '\0')
			ed = "vi";
	err = run_editor(ed, path);
	layout(ui);	/* the terminal may have changed size meanwhile */
	if (err != NULL) {
		ui_message(ui, true, "%s", err);
		free(err);
		goto out;
	}
	if (read_file(path, &text, &len, &cause) != 0) {
		ui_message(ui, true, "%s", cause);
		free(cause);
		goto out;
	}
	while (len > 0 && (text[len - 1] == '\n' || text[len - 1] == '\r'))
		text[--len] = '\0';
	if (strlen(text) != len || !utf8_valid(text, len)) {
		ui_message(ui, true, "%s",
		    _("the note is not valid UTF-8 text; it is unchanged"));
		goto out;
	}
	if (!streq(text, a.note != NULL ? a.note : "")) {
		struct edit	 e = { .kind = EDIT_NOTE };
		char		*merged;
		bool		 conflict;
		int		 r;

		/* Another terminal may have saved the note meanwhile. */
		ui_refresh(ui);
		merged = note_sync(a.note, text,
		    state_answer(&ui->ws->state, &ref)->note, &conflict);
		e.text = merged != NULL ? merged : text;
		r = ui_answer(ui, &ref, &e, 1, NULL);
		free(merged);
		if (r == 0)
			ui_message(ui, conflict, "%s", conflict ?
			    _("The note was saved in another terminal "
			    "meanwhile: both texts are kept, the other below "
			    "the line.") : _("note saved"));
	}
out:
	if (fd != -1)
		close(fd);
	unlink(path);
	free(path);
	free(text);
	answer_free(&a);
}

void
act_redraw(struct ui *ui)
{
	clearok(curscr, TRUE);
	layout(ui);
}

void
act_quit(struct ui *ui)
{
	ui->quit = true;
}

/* --- Start and loop --- */

static void
build_pillars(struct ui *ui)
{
	size_t cap = 0;

	free(ui->pillars);
	ui->pillars = NULL;
	ui->npillars = 0;
	for (size_t i = 0; i < ui->ws->state.nlenses; i++) {
		const struct lens *l = ui->ws->state.lenses[i];

		for (size_t j = 0; j < l->npillars; j++) {
			struct ui_pillar *p = ARRAY_PUSH(ui->pillars,
			    ui->npillars, cap);

			p->lens = i;
			p->p = &l->pillars[j];
		}
	}
}

int
ui_run(struct workspace *ws, const struct settings *set, char **cause)
{
	struct ui		 ui;
	struct qref		 ref;
	struct sigaction	 sa;
	SCREEN			*scr;
	const char		*at, *term;
	struct diags		 bind_diags;
	struct ui_input		 in = { 0 };
	uint64_t		 last_poll, since;
	int			 key, wait, n;
	bool			 keys_ready = false;

	if (!isatty(STDIN_FILENO) || !isatty(STDOUT_FILENO))
		return fail(cause, "%s", _("the review needs a terminal "
		    "(use the other commands in scripts)"));
	term = getenv("TERM");
	if (term == NULL || *term == '\0' || strcmp(term, "dumb") == 0)
		return fail(cause, _("the terminal (TERM=%s) cannot show the "
		    "full-screen review; use the other commands (wafr status, "
		    "wafr answer) or set TERM"), term != NULL ? term : "");
	ctype_need();	/* ncurses takes the codeset from it */
	if ((scr = newterm(NULL, stdout, stdin)) == NULL)
		return fail(cause, _("cannot use the terminal \"%s\""), term);
	if (tigetstr("cup") == NULL || tigetstr("cup") == (char *)-1) {
		endwin();
		delscreen(scr);
		return fail(cause, _("the terminal (TERM=%s) cannot move the "
		    "cursor: the full-screen review needs one that can"), term);
	}
	if (!restore_registered)
		restore_registered = atexit(restore_terminal) == 0;
	screen_up = true;
	ui_batch_output();
	memset(&ui, 0, sizeof ui);
	ui.ws = ws;
	ui.started = (time_t)wall_time();
	ui.lens_epoch = ws->lens_epoch;
	build_pillars(&ui);
	if ((at = kv_get(&ws->state.session, SESSION_CURSOR)) != NULL &&
	    state_find(&ws->state, at, &ref, NULL) == 0)
		review_goto(&ui, ref.lens, ref.q, -1);
	/* After a lens upgrade, on the first question to re-confirm. */
	if ((n = (int)state_first_reconfirm(&ws->state, &ref)) > 0) {
		review_goto(&ui, ref.lens, ref.q, -1);
		ui.focus = PANE_QUESTIONS;
		ui_message(&ui, false, ngettext("%d question to re-confirm "
		    "after the lens upgrade (marked !)", "%d questions to "
		    "re-confirm after the lens upgrade (marked !)", n), n);
	}

	memset(&sa, 0, sizeof sa);
	sa.sa_handler = on_signal;
	sigemptyset(&sa.sa_mask);
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGHUP, &sa, NULL);

	cbreak();
	noecho();
	nonl();
	intrflush(stdscr, FALSE);
	set_escdelay(25);
	theme_init(set->theme);
	/* Home and End as tmux, screen and rxvt send them. */
	define_key("\033[1~", KEY_HOME);
	define_key("\033[4~", KEY_END);
	define_key("\033[7~", KEY_HOME);
	define_key("\033[8~", KEY_END);
	define_key("\033[H", KEY_HOME);
	define_key("\033[F", KEY_END);
	define_key("\033[200~", KEY_PASTE_START);
	define_key("\033[201~", KEY_PASTE_END);
	input = newwin(1, 1, 0, 0);
	keypad(input, TRUE);
	wnoutrefresh(input);
	actions_init();
	diags_init(&bind_diags, set->path != NULL ? set->path : "config");
	actions_bind(set, &bind_diags);
	if (bind_diags.n > 0) {
		char *first = diags_first_error(&bind_diags);

		ui_message(&ui, true, "%s", first);
		free(first);
	}
	diags_free(&bind_diags);

	ws->report_later = true;
	ui_set_view(&ui, &view_review);
	last_poll = ui_now_ms();
	while (!ui.quit && !stop) {
		wait = tick(&ui, &last_poll);
		draw(&ui);
		if (!keys_ready) {
			start_keys();
			keys_ready = true;
		}
		wait = after_frame(&ui, wait);
		since = ui_now_ms();
		if ((key = read_key(wait)) == KEYC_NONE) {
			if (ui_input_gone(&in, wait, since))
				break;
			continue;
		}
		in.fast = 0;
		handle_key(&ui, key);
		for (n = 0; n < MAX_BURST && !ui.quit; n++) {
			if ((key = read_key(0)) == KEYC_NONE)
				break;
			handle_key(&ui, key);
		}
	}
	if (ui.view->leave != NULL)
		ui.view->leave(&ui);
	clock_stop(&ui);
	write_report_now(&ui);
	room_leave(&ui);
	for (size_t i = 0; views[i] != NULL; i++) {
		if (views[i]->free != NULL)
			views[i]->free(&ui);
	}
	if (ui.header != NULL)
		delwin(ui.header);
	if (ui.status != NULL)
		delwin(ui.status);
	delwin(input);
	bracketed_paste(false);
	endwin();
	screen_up = false;
	delscreen(scr);
	free(ui.pillars);
	free(ui.cursor_key);
	free(ui.search);
	free(ui.matches);
	free(ui.message);
	free(ui.prompt_label);
	buf_free(&ui.prompt_text);
	return 0;
}
