/* view-evidence.c: the evidence of the current question (links, file
 * paths, short descriptions) and its verification mark, edited from the
 * review and shown in its detail area. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "model/plan.h"
#include "ui/ui.h"
#include "base/util.h"

#define MAX_SHOWN	4	/* evidence rows in the detail area */

/* The choice prompt's items: "add", then one "remove" per piece. Kept
 * until the next prompt, since a cancelled one never calls back. */
static char		**menu;
static size_t		  nmenu;
static struct qref	  pending;

static void
menu_free(void)
{
	for (size_t i = 0; i < nmenu; i++)
		free(menu[i]);
	free(menu);
	menu = NULL;
	nmenu = 0;
}

static void
add_done(struct ui *ui, const char *text)
{
	struct edit e = { .kind = EDIT_EVIDENCE_ADD, .text = text };

	if (*text == '\0')
		return;
	if (ui_answer(ui, &pending, &e, 1, NULL) == 0)
		ui_message(ui, false, _("evidence added (%zu in all)"),
		    state_answer(&ui->ws->state, &pending)->nevidence);
}

static void
menu_done(struct ui *ui, const char *text)
{
	const struct answer	*cur = state_answer(&ui->ws->state, &pending);
	struct edit		 e = { .kind = EDIT_EVIDENCE_REMOVE };
	size_t			 i;

	for (i = 0; i < nmenu; i++) {
		if (streq(menu[i], text))
			break;
	}
	if (i == 0) {
		ui_prompt(ui, _("Evidence (link, path or description):"), NULL,
		    add_done);
		return;
	}
	if (i >= nmenu || i - 1 >= cur->nevidence)
		return;
	e.n = i;
	if (ui_answer(ui, &pending, &e, 1, NULL) == 0)
		ui_message(ui, false, "%s", _("evidence removed: z undoes"));
}

void
act_evidence(struct ui *ui)
{
	const struct answer *a;

	if (!ui_current(ui, &pending))
		return;
	a = state_answer(&ui->ws->state, &pending);
	if (a->nevidence == 0) {
		ui_prompt(ui, _("Evidence (link, path or description):"), NULL,
		    add_done);
		return;
	}
	menu_free();
	menu = xreallocarray(NULL, a->nevidence + 2, sizeof *menu);
	menu[nmenu++] = xstrdup(_("add evidence"));
	for (size_t i = 0; i < a->nevidence; i++)
		menu[nmenu++] = xasprintf(_("remove \"%s\""), a->evidence[i]);
	menu[nmenu] = NULL;
	ui_menu(ui, _("Evidence:"), (const char *const *)menu, menu_done);
}

/* Unset, self-reported, verified in the workshop, and round again. */
void
act_verification(struct ui *ui)
{
	struct qref	ref;
	struct edit	e = { .kind = EDIT_VERIFICATION };

	if (!ui_current(ui, &ref))
		return;
	e.verification = (state_answer(&ui->ws->state, &ref)->verification +
	    1) % 3;
	if (ui_answer(ui, &ref, &e, 1, NULL) == 0)
		ui_message(ui, false, _("verification: %s"),
		    verification_label(e.verification));
}

/* Rows the evidence takes in the detail area: a rule and the pieces. */
int
evidence_rows(const struct answer *a, int room)
{
	int n = 1 + (a->nevidence < MAX_SHOWN ? (int)a->nevidence : MAX_SHOWN);

	if (room < 0)
		room = 0;
	return n < room ? n : room;
}

/* Draw it at row y, in rows rows; returns the rows used. */
int
evidence_draw(WINDOW *w, int y, int x, int width, int rows,
    const struct answer *a)
{
	enum element	 el;
	char		*s;
	int		 used = 0;

	if (rows < 1)
		return 0;
	el = a->verification == VERIFY_WORKSHOP ? EL_RISK_NONE :
	    a->verification == VERIFY_SELF ? EL_NORMAL : EL_DIM;
	draw_rule(w, y, x, width, NULL);
	s = xasprintf(_("Evidence (e): %zu"), a->nevidence);
	used = draw_text(w, y, x + 2, width - 4, s, EL_TITLE);
	free(s);
	s = xasprintf(" %s (v) ", verification_label(a->verification));
	draw_text(w, y, x + 2 + used + 2, width - used - 6, s, el);
	free(s);
	used = 1;
	for (size_t i = 0; i < a->nevidence && used < rows; i++) {
		if (used == rows - 1 && i + 1 < a->nevidence) {
			s = xasprintf(_("... and %zu more (e)"),
			    a->nevidence - i);
			draw_text(w, y + used++, x + 1, width - 2, s, EL_DIM);
			free(s);
			break;
		}
		draw_text(w, y + used, x + 1, 2, "-", EL_DIM);
		draw_text(w, y + used++, x + 3, width - 4, a->evidence[i],
		    EL_NORMAL);
	}
	return used;
}
