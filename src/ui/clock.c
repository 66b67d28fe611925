/* clock.c: the workshop clock: the time spent in each pillar, counted while
 * the review sits in it, against the agenda's time box.
 *
 * The count is written to the store every few seconds (an atomic add), so
 * a crash loses little and other terminals see it. Only one review counts
 * at a time: it holds the session key "clock-live" ("owner lens/pillar
 * since base") and renews it at each write; another review on the same
 * workspace counts only once that key has gone quiet. The key also lets
 * the audience view and the other reviews show a clock that ticks every
 * second between writes. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "ui/ui.h"
#include "base/util.h"

#define FLUSH_MS	10000

static struct {
	bool		 counting;
	size_t		 pillar;	/* index into ui->pillars */
	uint64_t	 since;		/* ms not yet written start here */
} clk;

static const char *
owner(void)
{
	return workspace_session_id();
}

static char *
where(const struct workspace *ws, size_t lens, const struct pillar *p)
{
	return xasprintf("%s/%s", ws->state.lenses[lens]->id, p->id);
}

static bool
live_read(const struct workspace *ws, struct clock_live *l)
{
	return state_clock_live(&ws->state, wall_time(), l);
}

long
clock_spent(const struct workspace *ws, size_t lens, const struct pillar *p)
{
	return state_time_live(&ws->state, lens, p, wall_time());
}

void
clock_label(const struct workspace *ws, size_t lens, const struct pillar *p,
    char *out, size_t size, bool *over)
{
	long	spent = clock_spent(ws, lens, p), box = state_agenda(&ws->state,
		    lens, p);
	char	a[32], b[32];

	format_duration(spent, a, sizeof a);
	*over = box > 0 && spent >= box * 60;
	if (box <= 0) {
		snprintf(out, size, "%s", a);
		return;
	}
	format_duration(box * 60, b, sizeof b);
	snprintf(out, size, "%s/%s", a, b);
}

bool
notes_hidden(const struct workspace *ws)
{
	return streq(kv_get(&ws->state.session, SESSION_HIDE_NOTES), "1");
}

/* --- Showing it in the review --- */

/* The clock follows the lead's pillar; with no lead, this screen's. */
static const struct ui_pillar *
shown_pillar(const struct ui *ui)
{
	struct lead	l;
	struct qref	ref;
	int		choice;

	if (state_lead(&ui->ws->state, (long)time(NULL), &l) &&
	    !streq(l.owner, owner()) &&
	    state_cursor(&ui->ws->state, &ref, &choice)) {
		for (size_t i = 0; i < ui->npillars; i++) {
			if (ui->pillars[i].lens == ref.lens &&
			    ui->pillars[i].p == ref.q->pillar)
				return &ui->pillars[i];
		}
	}
	return &ui->pillars[ui->pillar];
}

static int
draw_clock(struct ui *ui, WINDOW *w, int end, const char *fmt,
    enum element normal)
{
	const struct ui_pillar	*p;
	char			 label[64], *s, *code;
	bool			 over;
	int			 n;

	if (ui->npillars == 0)
		return 0;
	p = shown_pillar(ui);
	clock_label(ui->ws, p->lens, p->p, label, sizeof label, &over);
	code = state_pillar_code(&ui->ws->state, p->lens, p->p);
	s = xasprintf(fmt, code, label);
	free(code);
	n = text_width(s, strlen(s));
	if (n > end - 9)
		n = 0;		/* the title or the name first */
	else if (w != NULL)
		draw_text(w, 0, end - n, n, s, over ? EL_ERROR : normal);
	free(s);
	return n;
}

/* With no window, the width it would take. */
int
clock_header(struct ui *ui, WINDOW *w, int end)
{
	char *fmt = xasprintf(" %%s %%s %s ", glyph(GLYPH_VRULE));
	int   n = draw_clock(ui, w, end, fmt, EL_HEADER);

	free(fmt);
	return n;
}

bool
clock_moved(struct ui *ui)
{
	static long		 shown = -1;
	const struct ui_pillar	*p;
	long			 now;

	if (ui->npillars == 0)
		return false;
	p = shown_pillar(ui);
	now = clock_spent(ui->ws, p->lens, p->p);
	if (now == shown)
		return false;
	shown = now;
	return true;
}

int
clock_title(struct ui *ui, WINDOW *w, int end, enum element el)
{
	return draw_clock(ui, w, end, " %s %s ", el);
}

/* --- Counting, in the review --- */

/* Write the whole seconds counted so far, then renew the live key, leave
 * it, or clear it. */
enum { LIVE_RENEW, LIVE_LEAVE, LIVE_CLEAR };
static void
flush(struct ui *ui, uint64_t now, int key)
{
	const struct ui_pillar	*p = &ui->pillars[clk.pillar];
	long			 secs = (long)((now - clk.since) / 1000);
	char			*cause = NULL, *w, *v;

	if (secs > 0) {
		if (ops_add_time(ui->ws, p->lens, p->p, secs,
		    &cause) != 0) {
			ui_message(ui, true, "%s", cause);
			free(cause);
			clk.counting = false;
			return;
		}
		clk.since += (uint64_t)secs * 1000;
	}
	if (key == LIVE_LEAVE)
		return;
	if (key == LIVE_CLEAR)
		v = xstrdup("");
	else {
		w = where(ui->ws, p->lens, p->p);
		v = xasprintf("%s %s %ld %ld", owner(), w, wall_time() -
		    (long)((now - clk.since) / 1000),
		    state_time_spent(&ui->ws->state, p->lens, p->p));
		free(w);
	}
	if (ops_clock_lease(ui->ws, v, &cause) != 0) {
		ui_message(ui, true, "%s", cause);
		free(cause);
	}
	free(v);
	ui->dirty_header = ui->dirty_all = true;
}

/* The milliseconds the clock counts in: none while the time of day stands
 * still (WAFR_NOW). */
static uint64_t
count_ms(void)
{
	return wall_time_fixed() ? 0 : ui_now_ms();
}

/* Only the lead counts, and only while the room reviews: the plan, the
 * roadmap and the milestones pause the clock. */
static bool
counts(const struct ui *ui)
{
	return ui->leading && (ui->view->ctx & CTX_LISTS) == 0;
}

int
clock_tick(struct ui *ui)
{
	uint64_t	now = count_ms();
	struct clock_live l;
	bool		live, mine;

	if (ui->ws->readonly || ui->npillars == 0)
		return -1;
	live = live_read(ui->ws, &l);
	mine = live && streq(l.owner, owner());
	if (!counts(ui)) {
		if (clk.counting) {
			/* Paused, or the lead went to another screen. */
			flush(ui, now, mine ? LIVE_CLEAR : LIVE_LEAVE);
			clk.counting = false;
		}
		return -1;
	}
	if (!clk.counting) {
		/* The lead before us still counts: wait for it to stop. */
		if (live && !mine && workspace_session_alive(l.owner))
			return 250;
		clk.counting = true;
		clk.pillar = ui->pillar;
		clk.since = now;
		flush(ui, now, LIVE_RENEW);
		return FLUSH_MS;
	}
	if (live && !mine) {
		/* Taken over (we were stopped for too long): let it count. */
		clk.counting = false;
		return 1000;
	}
	if (clk.pillar != ui->pillar) {
		flush(ui, now, LIVE_LEAVE);
		clk.pillar = ui->pillar;
		clk.since = now;
		flush(ui, now, LIVE_RENEW);
		return FLUSH_MS;
	}
	if (now - clk.since >= FLUSH_MS) {
		flush(ui, now, LIVE_RENEW);
		return FLUSH_MS;
	}
	return (int)(FLUSH_MS - (now - clk.since));
}

void
clock_stop(struct ui *ui)
{
	if (clk.counting && !ui->ws->readonly && ui->npillars > 0)
		flush(ui, count_ms(), LIVE_CLEAR);
	clk.counting = false;
}

/* --- Actions --- */

static void
agenda_done(struct ui *ui, const char *text)
{
	const struct ui_pillar	*p;
	char			*end, *cause = NULL;
	long			 minutes;

	if (ui->npillars == 0 || *text == '\0')
		return;
	p = &ui->pillars[ui->pillar];
	minutes = strtol(text, &end, 10);
	if (*end != '\0')
		minutes = -1;	/* not a number: the operation says why */
	if (ops_set_agenda(ui->ws, p->lens, p->p, minutes, &cause) != 0) {
		ui_message(ui, true, "%s", cause);
		free(cause);
		return;
	}
	if (minutes == 0)
		ui_message(ui, false, _("%s has no time box now."),
		    p->p->code != NULL ? p->p->code : p->p->id);
	else
		ui_message(ui, false, _("%s: a time box of %ld minutes."),
		    p->p->code != NULL ? p->p->code : p->p->id, minutes);
	ui_dirty(ui);
}

void
act_agenda(struct ui *ui)
{
	const struct ui_pillar	*p;
	char			*label, now[32];
	long			 box;

	if (ui->npillars == 0)
		return;
	p = &ui->pillars[ui->pillar];
	box = state_agenda(&ui->ws->state, p->lens, p->p);
	label = xasprintf(_("Time box for %s, in minutes (0: none):"),
	    p->p->code != NULL ? p->p->code : p->p->id);
	snprintf(now, sizeof now, "%ld", box);
	ui_prompt(ui, label, box > 0 ? now : NULL, agenda_done);
	free(label);
}

void
act_hide_notes(struct ui *ui)
{
	char	*cause = NULL;
	bool	 hide = !notes_hidden(ui->ws);

	if (ops_hide_notes(ui->ws, hide, &cause) != 0) {
		ui_message(ui, true, "%s", cause);
		free(cause);
		return;
	}
	ui_message(ui, false, "%s", hide ? _("Notes are hidden from the "
	    "audience view (H shows them).") : _("Notes show on the audience "
	    "view (H hides them)."));
	ui_dirty(ui);
}
