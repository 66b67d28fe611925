/* room.c: one lead in the room.
 *
 * Several screens may be open on one workspace (the facilitator's, the
 * scribe's); the room follows one of them, the lead. The first screen
 * opened leads; another takes the lead with a key. The lead holds the
 * session key "lead" and renews it every few seconds; only the lead
 * writes where it is (the question and the choice under its cursor, for
 * the audience view) and counts the pillar clock. A lead that quits gives
 * the lead up; one whose process died lapses, and the next screen takes
 * over. Every screen names the lead on its status line. */
#include "config.h"

#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "ui/ui.h"
#include "base/util.h"

static char *
lead_label(const struct ui *ui)
{
	struct lead l;

	if (!state_lead(&ui->ws->state, (long)time(NULL), &l))
		return NULL;
	if (streq(l.owner, workspace_session_id()))
		return xasprintf(_("you lead: %s"), l.author);
	return xasprintf(_("lead: %s"), l.author);
}

#define LABEL_MAX	24

int
room_status(struct ui *ui, WINDOW *w, int end)
{
	char	*s = lead_label(ui);
	int	 n;

	if (s == NULL)
		return 0;
	n = text_width(s, strlen(s));
	if (n > LABEL_MAX)
		n = LABEL_MAX;
	if (n > end / 3)
		n = end / 3;
	if (w != NULL)
		draw_text(w, 0, end - n - 1, n, s, EL_STATUS_KEY);
	free(s);
	return n + 2;
}

/* Write where the lead is, when it moved. */
static void
write_cursor(struct ui *ui)
{
	struct qref	 ref;
	char		*key, *at;
	int		 choice;

	if (!ui_current(ui, &ref))
		return;
	choice = ui->view == &view_review && ui->focus == PANE_CHOICES &&
	    ui->choice < ref.q->nchoices ? (int)ui->choice : -1;
	key = state_key(&ui->ws->state, &ref);
	at = xasprintf("%s %d", key, choice);
	if (!streq(at, ui->cursor_key) &&
	    ops_cursor(ui->ws, &ref, choice, NULL) == 0) {
		free(ui->cursor_key);
		ui->cursor_key = at;
		at = NULL;
	}
	free(at);
	free(key);
}

static void
now_leading(struct ui *ui, bool lead)
{
	if (ui->leading == lead)
		return;
	ui->leading = lead;
	free(ui->cursor_key);
	ui->cursor_key = NULL;
	ui->dirty_status = ui->dirty_header = true;
}

int
room_tick(struct ui *ui)
{
	struct lead	 l;
	long		 now = (long)time(NULL);
	bool		 have, mine;
	char		*cause = NULL, *shown;
	int		 r;

	if (ui->ws->readonly)
		return -1;
	have = state_lead(&ui->ws->state, now, &l);
	mine = have && streq(l.owner, workspace_session_id());
	if (ui->leading && !mine) {
		now_leading(ui, false);
		if (have)
			ui_message(ui, false, _("%s took the lead."), l.author);
	}
	if (!have || (mine && now - l.since >= LEAD_RENEW_SECONDS) ||
	    (!mine && !workspace_session_alive(l.owner))) {
		r = ops_lead(ui->ws, false, &cause);
		if (r == -1) {
			if (!ui->lead_failed)
				ui_message(ui, true, "%s", cause);
			ui->lead_failed = true;
			free(cause);
		} else if (r == 0) {
			ui->lead_failed = false;
			now_leading(ui, true);
		}
	}
	if (ui->leading)
		write_cursor(ui);
	/* The status line names the lead: redraw it when that changed. */
	shown = lead_label(ui);
	if (!streq(shown, ui->lead_shown)) {
		free(ui->lead_shown);
		ui->lead_shown = shown;
		ui->dirty_status = true;
	} else
		free(shown);
	return 1000;
}

void
room_leave(struct ui *ui)
{
	char *cause = NULL;

	if (ui->ws->readonly)
		return;
	if (ui->leading && ops_lead_leave(ui->ws, &cause) != 0)
		free(cause);
	ui->leading = false;
	free(ui->lead_shown);
	ui->lead_shown = NULL;
}

void
act_take_lead(struct ui *ui)
{
	char	*cause = NULL;

	if (ui->ws->readonly) {
		ui_message(ui, true, _("%s: opened read-only"), ui->ws->dir);
		return;
	}
	if (ui->leading) {
		ui_message(ui, false, "%s", _("This screen leads the room "
		    "already."));
		return;
	}
	if (ops_lead(ui->ws, true, &cause) != 0) {
		ui_message(ui, true, "%s", cause != NULL ? cause : "");
		free(cause);
		return;
	}
	now_leading(ui, true);
	write_cursor(ui);
	ui_message(ui, false, "%s", _("This screen leads the room now: the "
	    "audience view and the clock follow it."));
	ui_dirty(ui);
}

/* P: who takes part and their roles, the workload property the report's
 * summary lists ("Ana (facilitator); Ben (scribe)"). */
static void
participants_done(struct ui *ui, const char *text)
{
	char *cause = NULL;

	if (ops_set_prop(ui->ws, "participants", text, &cause) != 0) {
		ui_message(ui, true, "%s", cause);
		free(cause);
		return;
	}
	if (*text == '\0')
		ui_message(ui, false, "%s", _("No participants recorded now."));
	else
		ui_message(ui, false, _("Participants: %s"), text);
	ui_dirty(ui);
}

void
act_participants(struct ui *ui)
{
	ui_prompt(ui, _("Participants and roles (a; b):"),
	    state_prop(&ui->ws->state, "participants"), participants_done);
}
