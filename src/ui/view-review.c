/* view-review.c: the review: pillars, questions, and the current question
 * with its choices, the helpful text and the note.
 *
 * Narrow terminals stack the pillar and question panes above the detail;
 * wide ones put the three side by side. Risk always shows as a word (HRI,
 * MRI, ok, n/a) as well as a colour. */
#include "config.h"

#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <wctype.h>

#include "model/priority.h"
#include "ui/ui.h"
#include "base/util.h"

struct review {
	WINDOW	*wp, *wq, *wd;
	int	 ptop, qtop, ctop;
	bool	 wide;
	int	 choice_y, choice_rows;	/* where the choices are drawn */
	int	 dx;			/* first column of the detail */
	int	 barw;			/* the pillars' progress bars */
	bool	 info;			/* the details instead of the note */
};

#define SPLIT_COLS	160	/* the details beside the question from here */

static const char *choice_link(const struct question *,
		    const struct choice *);

static struct review *
state(struct ui *ui)
{
	if (ui->view_data[0] == NULL)
		ui->view_data[0] = xcalloc(1, sizeof(struct review));
	return ui->view_data[0];
}

static const struct pillar *
cur_pillar(const struct ui *ui)
{
	return ui->npillars > 0 ? ui->pillars[ui->pillar].p : NULL;
}

static const struct question *
cur_question(const struct ui *ui)
{
	struct qref ref;

	return ui_current(ui, &ref) ? ref.q : NULL;
}

/* --- The questions shown --- */

/* With only the prioritized questions shown (p), the question pane's
 * positions count the questions shown, not the pillar's. */
static bool
shown(const struct ui *ui, const struct pillar *p, size_t i)
{
	struct qref ref;

	if (!ui->only_prioritized)
		return true;
	ref = (struct qref){ ui->pillars[ui->pillar].lens, &p->questions[i] };
	return state_prioritized(&ui->ws->state, &ref);
}

static size_t
shown_count(const struct ui *ui)
{
	const struct pillar	*p = cur_pillar(ui);
	size_t			 n = 0;

	for (size_t i = 0; p != NULL && i < p->nquestions; i++)
		n += shown(ui, p, i);
	return n;
}

/* The question of row k of the pane; the row of the current question (0
 * when it is not shown). */
static size_t
shown_question(const struct ui *ui, size_t k)
{
	const struct pillar *p = cur_pillar(ui);

	for (size_t i = 0; p != NULL && i < p->nquestions; i++) {
		if (shown(ui, p, i) && k-- == 0)
			return i;
	}
	return 0;
}

static size_t
shown_row(const struct ui *ui)
{
	const struct pillar	*p = cur_pillar(ui);
	size_t			 k = 0;

	for (size_t i = 0; p != NULL && i < ui->question; i++)
		k += shown(ui, p, i);
	return k;
}

/* --- Moving --- */

static size_t
list_len(const struct ui *ui, enum pane p)
{
	const struct question *q;

	switch (p) {
	case PANE_PILLARS:
		return ui->npillars;
	case PANE_QUESTIONS:
		return shown_count(ui);
	case PANE_CHOICES:
		return (q = cur_question(ui)) != NULL ? q->nchoices : 0;
	}
	return 0;
}

static size_t
list_pos(const struct ui *ui, enum pane p)
{
	switch (p) {
	case PANE_PILLARS:
		return ui->pillar;
	case PANE_QUESTIONS:
		return shown_row(ui);
	default:
		return ui->choice;
	}
}

static void
set_pos(struct ui *ui, enum pane p, long pos)
{
	size_t n = list_len(ui, p);

	if (n == 0)
		return;
	if (pos < 0)
		pos = 0;
	if ((size_t)pos >= n)
		pos = (long)n - 1;
	switch (p) {
	case PANE_PILLARS:
		if (ui->pillar != (size_t)pos)
			ui->question = ui->choice = 0;
		ui->pillar = (size_t)pos;
		break;
	case PANE_QUESTIONS:
		pos = (long)shown_question(ui, (size_t)pos);
		if (ui->question != (size_t)pos)
			ui->choice = 0;
		ui->question = (size_t)pos;
		break;
	case PANE_CHOICES:
		ui->choice = (size_t)pos;
		break;
	}
	ui_dirty(ui);
}

static int
page(struct ui *ui)
{
	struct review	*r = state(ui);
	WINDOW		*w;

	switch (ui->focus) {
	case PANE_PILLARS:
		w = r->wp;
		break;
	case PANE_QUESTIONS:
		w = r->wq;
		break;
	default:
		return r->choice_rows > 1 ? r->choice_rows : 1;
	}
	return w != NULL && getmaxy(w) > 2 ? getmaxy(w) - 1 : 1;
}

void
act_up(struct ui *ui)
{
	set_pos(ui, ui->focus, (long)list_pos(ui, ui->focus) - 1);
}

void
act_down(struct ui *ui)
{
	set_pos(ui, ui->focus, (long)list_pos(ui, ui->focus) + 1);
}

void
act_page_up(struct ui *ui)
{
	set_pos(ui, ui->focus, (long)list_pos(ui, ui->focus) - page(ui));
}

void
act_page_down(struct ui *ui)
{
	set_pos(ui, ui->focus, (long)list_pos(ui, ui->focus) + page(ui));
}

void
act_home(struct ui *ui)
{
	set_pos(ui, ui->focus, 0);
}

void
act_end(struct ui *ui)
{
	set_pos(ui, ui->focus, (long)list_len(ui, ui->focus) - 1);
}

void
act_focus_next(struct ui *ui)
{
	ui->focus = (ui->focus + 1) % 3;
	ui_dirty(ui);
}

void
act_focus_prev(struct ui *ui)
{
	ui->focus = (ui->focus + 2) % 3;
	ui_dirty(ui);
}

/* Go to a question (and a choice, or -1 to keep the first). */
void
review_goto(struct ui *ui, size_t lens, const struct question *q, int choice)
{
	for (size_t i = 0; i < ui->npillars; i++) {
		if (ui->pillars[i].lens == lens && ui->pillars[i].p == q->pillar) {
			ui->pillar = i;
			ui->question = (size_t)(q - q->pillar->questions);
			ui->choice = choice >= 0 ? (size_t)choice : 0;
			ui_dirty(ui);
			return;
		}
	}
}

/* The next (dir 1) or previous (-1) question that is wanted, across
 * pillars; none: say so. */
static void
step_to(struct ui *ui, int dir, bool (*want)(const struct ui *,
    const struct qref *), const char *none)
{
	size_t	total = 0, pi = ui->pillar, qi = ui->question;

	for (size_t i = 0; i < ui->npillars; i++)
		total += ui->pillars[i].p->nquestions;
	for (size_t step = 0; step < total; step++) {
		if (dir > 0) {
			if (++qi >= ui->pillars[pi].p->nquestions) {
				qi = 0;
				do
					pi = (pi + 1) % ui->npillars;
				while (ui->pillars[pi].p->nquestions == 0);
			}
		} else {
			if (qi == 0) {
				do
					pi = (pi + ui->npillars - 1) %
					    ui->npillars;
				while (ui->pillars[pi].p->nquestions == 0);
				qi = ui->pillars[pi].p->nquestions;
			}
			qi--;
		}
		const struct question *q = &ui->pillars[pi].p->questions[qi];
		struct qref ref = { ui->pillars[pi].lens, q };

		if (want(ui, &ref)) {
			review_goto(ui, ref.lens, q, -1);
			if (ui->focus == PANE_PILLARS)
				ui->focus = PANE_QUESTIONS;
			return;
		}
	}
	ui_message(ui, false, "%s", none);
}

static bool
is_unanswered(const struct ui *ui, const struct qref *ref)
{
	return state_risk(&ui->ws->state, ref) == RISK_UNANSWERED;
}

static void
unanswered(struct ui *ui, int dir)
{
	step_to(ui, dir, is_unanswered, _("Every question is answered."));
}

static bool
is_unconfirmed(const struct ui *ui, const struct qref *ref)
{
	return state_answer(&ui->ws->state, ref)->from_template;
}

void
act_next_unconfirmed(struct ui *ui)
{
	step_to(ui, 1, is_unconfirmed, _("Every answer from a template is "
	    "confirmed."));
}

void
act_confirm(struct ui *ui)
{
	struct edit	e = { .kind = EDIT_CONFIRM };
	struct qref	ref;

	if (!ui_current(ui, &ref))
		return;
	if (!state_answer(&ui->ws->state, &ref)->from_template) {
		ui_message(ui, false, "%s", _("This answer is not from a "
		    "template: nothing to confirm."));
		return;
	}
	if (ui_answer(ui, &ref, &e, 1, NULL) == 0)
		ui_message(ui, false, "%s", _("Confirmed."));
}

void
act_only_prioritized(struct ui *ui)
{
	if (!ui->only_prioritized && state_nprioritized(&ui->ws->state) == 0) {
		ui_message(ui, false, "%s", _("No question is prioritized: "
		    "answer the profile first (wafr profile)."));
		return;
	}
	ui->only_prioritized = !ui->only_prioritized;
	ui->question = shown_question(ui, shown_row(ui));
	ui->choice = 0;
	ui_message(ui, false, "%s", ui->only_prioritized ?
	    _("Only the prioritized questions (p shows every question).") :
	    _("Every question."));
	ui_dirty(ui);
}

void
act_next_unanswered(struct ui *ui)
{
	unanswered(ui, 1);
}

void
act_prev_unanswered(struct ui *ui)
{
	unanswered(ui, -1);
}

/* --- Answering --- */

static void
toggle_choice(struct ui *ui, size_t idx)
{
	struct qref		 ref;
	struct ops_result	 r;
	struct edit		 e = { .kind = EDIT_TOGGLE };

	if (!ui_current(ui, &ref) || idx >= ref.q->nchoices)
		return;
	if (state_answer(&ui->ws->state, &ref)->not_applicable) {
		ui_message(ui, true, "%s", _("The question is marked not "
		    "applicable: press a to make it apply."));
		return;
	}
	e.choice = question_choices(ref.q)[idx].id;
	if (ui_answer(ui, &ref, &e, 1, &r) == 0 && r.cleared > 0)
		ui_message(ui, false, ngettext("None of these: %zu practice "
		    "cleared, z undoes", "None of these: %zu practices "
		    "cleared, z undoes", r.cleared), r.cleared);
}

void
act_toggle(struct ui *ui)
{
	if (ui->focus != PANE_CHOICES) {
		act_focus_next(ui);
		return;
	}
	toggle_choice(ui, ui->choice);
}

static void
question_na_done(struct ui *ui, const char *reason)
{
	struct qref	ref;
	struct edit	e = { .kind = EDIT_QUESTION_NA, .text = reason };

	if (ui_current(ui, &ref))
		ui_answer(ui, &ref, &e, 1, NULL);
}

void
act_question_na(struct ui *ui)
{
	struct qref	ref;
	struct edit	e = { .kind = EDIT_APPLICABLE };

	if (!ui_current(ui, &ref))
		return;
	if (!state_answer(&ui->ws->state, &ref)->not_applicable) {
		ui_menu(ui, _("Question not applicable, because:"), na_reasons,
		    question_na_done);
		return;
	}
	ui_answer(ui, &ref, &e, 1, NULL);
}

static void
choice_na_done(struct ui *ui, const char *reason)
{
	struct qref	ref;
	struct edit	e = { .kind = EDIT_CHOICE_NA, .text = reason };

	if (!ui_current(ui, &ref) || ui->choice >= ref.q->nchoices)
		return;
	e.choice = question_choices(ref.q)[ui->choice].id;
	ui_answer(ui, &ref, &e, 1, NULL);
}

void
act_choice_na(struct ui *ui)
{
	struct qref		 ref;
	const struct choice	*ch;
	struct edit		 e = { .kind = EDIT_CHOICE_APPLICABLE };

	if (!ui_current(ui, &ref) || ui->choice >= ref.q->nchoices)
		return;
	if (ui->focus != PANE_CHOICES) {
		/* The choice cursor shows only in the choices. */
		ui_message(ui, false, "%s", _("x marks the choice under the "
		    "cursor: Tab to the choices first."));
		return;
	}
	ch = &question_choices(ref.q)[ui->choice];
	if (answer_choice_na(state_answer(&ui->ws->state, &ref),
	    ch->id) == NULL) {
		ui_menu(ui, _("Choice not applicable, because:"), na_reasons,
		    choice_na_done);
		return;
	}
	e.choice = ch->id;
	ui_answer(ui, &ref, &e, 1, NULL);
}

/* --- Undo and redo --- */

static void
turn(struct ui *ui, bool redo)
{
	struct journal_entry	 e;
	char			*cause = NULL;
	int			 r;

	r = redo ? ops_redo(ui->ws, &e, &cause) : ops_undo(ui->ws, &e, &cause);
	if (r == 1) {
		ui_message(ui, false, "%s", redo ? _("Nothing to redo.") :
		    _("Nothing to undo."));
		return;
	}
	if (r != 0) {
		ui_message(ui, true, "%s", cause);
		free(cause);
		return;
	}
	ui_message(ui, false, redo ? _("Redone: %s %s (z undoes)") :
	    _("Undone: %s %s (Z redoes)"), e.undoes_op, e.target);
	journal_entry_free(&e);
	ui_warning(ui);
	ui_refresh(ui);		/* an undone lens change rebuilds the panes */
	ui_dirty(ui);
}

void
act_undo(struct ui *ui)
{
	turn(ui, false);
}

void
act_redo(struct ui *ui)
{
	turn(ui, true);
}

/* --- Search --- */

static size_t
pillar_index(const struct ui *ui, size_t lens, const struct pillar *p)
{
	for (size_t i = 0; i < ui->npillars; i++) {
		if (ui->pillars[i].lens == lens && ui->pillars[i].p == p)
			return i;
	}
	return 0;
}

/* Compare a match with the current position, in screen order. */
static int
match_cmp(const struct ui *ui, const struct ui_match *m)
{
	size_t	pi = pillar_index(ui, m->lens, m->q->pillar);
	size_t	qi = (size_t)(m->q - m->q->pillar->questions);
	long	ci = m->choice, cur = ui->focus == PANE_CHOICES ?
		    (long)ui->choice : -1;

	if (pi != ui->pillar)
		return pi < ui->pillar ? -1 : 1;
	if (qi != ui->question)
		return qi < ui->question ? -1 : 1;
	if (ci != cur)
		return ci < cur ? -1 : 1;
	return 0;
}

static void
show_match(struct ui *ui, size_t i)
{
	const struct ui_match *m = &ui->matches[i];

	ui->match = i;
	review_goto(ui, m->lens, m->q, m->choice);
	ui->focus = m->choice >= 0 ? PANE_CHOICES : PANE_QUESTIONS;
	ui_message(ui, false, _("match %zu of %zu for \"%s\""), i + 1,
	    ui->nmatches, ui->search);
}

static bool
is_match(const struct ui *ui, const struct question *q, int choice)
{
	for (size_t i = 0; i < ui->nmatches; i++) {
		if (ui->matches[i].q == q && (choice == -2 ||
		    ui->matches[i].choice == choice))
			return true;
	}
	return false;
}

static void
search_step(struct ui *ui, int dir, bool here)
{
	size_t n = ui->nmatches;

	if (ui->search == NULL) {
		ui_message(ui, false, "%s", _("No search yet: press /."));
		return;
	}
	if (n == 0) {
		ui_message(ui, true, _("No match for \"%s\"."), ui->search);
		return;
	}
	if (dir > 0) {
		for (size_t i = 0; i < n; i++) {
			int c = match_cmp(ui, &ui->matches[i]);

			if (c > 0 || (here && c == 0)) {
				show_match(ui, i);
				return;
			}
		}
		show_match(ui, 0);
	} else {
		for (size_t i = n; i-- > 0;) {
			if (match_cmp(ui, &ui->matches[i]) < 0) {
				show_match(ui, i);
				return;
			}
		}
		show_match(ui, n - 1);
	}
}

static void
search_done(struct ui *ui, const char *text)
{
	wchar_t	*pat;
	size_t	 n, cap = 0;

	free(ui->search);
	free(ui->matches);
	ui->search = NULL;
	ui->matches = NULL;
	ui->nmatches = ui->match = 0;
	ui_dirty(ui);
	if (*text == '\0')
		return;
	ui->search = xstrdup(text);
	if ((n = mbstowcs(NULL, text, 0)) == (size_t)-1)
		return;
	pat = xreallocarray(NULL, n + 1, sizeof *pat);
	mbstowcs(pat, text, n + 1);
	for (size_t i = 0; i < n; i++)
		pat[i] = (wchar_t)towlower((wint_t)pat[i]);
	for (size_t pi = 0; pi < ui->npillars; pi++) {
		const struct pillar *p = ui->pillars[pi].p;

		for (size_t qi = 0; qi < p->nquestions; qi++) {
			const struct question	*q = &p->questions[qi];
			struct ui_match		*m;

			struct qref		 ref = { ui->pillars[pi].lens, q };
			const char		*note =
			    state_answer(&ui->ws->state, &ref)->note;

			if (text_match(text_get(&q->title), pat) ||
			    text_match(q->number, pat) ||
			    (note != NULL && text_match(note, pat))) {
				m = ARRAY_PUSH(ui->matches, ui->nmatches, cap);
				*m = (struct ui_match){ ui->pillars[pi].lens,
				    q, -1 };
			}
			for (size_t ci = 0; ci < q->nchoices; ci++) {
				const struct choice *c =
				    &question_choices(q)[ci];

				if (!text_match(text_get(&c->title), pat) &&
				    !text_match(c->code, pat))
					continue;
				m = ARRAY_PUSH(ui->matches, ui->nmatches, cap);
				*m = (struct ui_match){ ui->pillars[pi].lens,
				    q, (int)ci };
			}
		}
	}
	free(pat);
	search_step(ui, 1, true);
}

void
act_search(struct ui *ui)
{
	ui_prompt(ui, _("Search:"), NULL, search_done);
}

void
act_search_next(struct ui *ui)
{
	search_step(ui, 1, false);
}

void
act_search_prev(struct ui *ui)
{
	search_step(ui, -1, false);
}

/* --- Other views --- */

void
act_note(struct ui *ui)
{
	if (cur_question(ui) != NULL)
		ui_set_view(ui, &view_notes);
}

void
act_editor(struct ui *ui)
{
	ui_edit_external(ui);
}

void
act_details(struct ui *ui)
{
	struct review *r = state(ui);

	r->info = !r->info;
	ui->detail_top = 0;
	ui_dirty(ui);
}

/* o: the link of the choice under the cursor, in $BROWSER, or xdg-open
 * on a desktop; else the link whole in the details, to copy. */
void
act_open_link(struct ui *ui)
{
	struct qref		 ref;
	const struct choice	*c = NULL;
	const char		*link, *browser = getenv("BROWSER");
	int			 st;

	if (!ui_current(ui, &ref))
		return;
	if (ui->choice < ref.q->nchoices)
		c = &question_choices(ref.q)[ui->choice];
	if ((link = choice_link(ref.q, c)) == NULL || *link == '\0') {
		ui_message(ui, false, "%s", _("No link for this practice."));
		return;
	}
	if (browser != NULL && *browser != '\0') {
		st = ui_run_fg(browser, link);
		ui_relayout(ui);
		if (st == -1 || !WIFEXITED(st) || WEXITSTATUS(st) != 0)
			ui_message(ui, true, _("the browser (%s) failed on %s"),
			    browser, link);
		else
			ui_message(ui, false, _("opened %s"), link);
		return;
	}
	if ((getenv("DISPLAY") != NULL || getenv("WAYLAND_DISPLAY") != NULL) &&
	    ui_spawn("xdg-open", link) == 0) {
		ui_message(ui, false, _("opening %s"), link);
		return;
	}
	state(ui)->info = true;
	ui->detail_top = 1 << 20;	/* the end: the link */
	ui_dirty(ui);
	ui_message(ui, false, _("No browser ($BROWSER is not set): the link "
	    "is shown whole, to copy."));
}

void
act_help(struct ui *ui)
{
	ui_set_view(ui, &view_help);
}

/* --- Drawing --- */

static void
keep_visible(int *top, size_t pos, int rows, size_t n)
{
	if (rows < 1)
		rows = 1;
	if ((long)pos < *top)
		*top = (int)pos;
	if ((long)pos >= *top + rows)
		*top = (int)pos - rows + 1;
	if (*top > (int)n - rows)
		*top = (int)n - rows;
	if (*top < 0)
		*top = 0;
}

/* The background of a list row: the cursor shows in every pane, brighter
 * in the focused one, and as a '>' for monochrome. */
static enum element
row_start(WINDOW *w, int y, int x, int width, bool cur, bool focused)
{
	enum element el = cur ? (focused ? EL_FOCUS : EL_CURSOR) : EL_NORMAL;

	draw_fill(w, y, x, width, el);
	if (cur)
		draw_text(w, y, x, 1, ">", el);
	return el;
}

static void
pane_title(WINDOW *w, int x, int width, const char *text, bool focused)
{
	enum element el = focused ? EL_TITLE_FOCUS : EL_TITLE;

	draw_fill(w, 0, x, width, el);
	draw_text(w, 0, x + 1, width - 2, text, el);
}

static void
vrule(WINDOW *w)
{
	for (int y = 0; y < getmaxy(w); y++)
		draw_text(w, y, 0, 1, glyph(GLYPH_VRULE), EL_DIM);
}

/* One row of the pillar pane: name, progress bar, answered, HRI, MRI. */
/* The columns of a pillar row right of its name: the bar, answered, H, M. */
#define STATS_COLS(barw) ((barw) > 0 ? (barw) + 1 + 13 : 13)

static void
pillar_row(WINDOW *w, int y, int barw, const char *code, const char *title,
    const struct tally *t, enum element el, bool cur)
{
	int	width = getmaxx(w), done, x, cw;
	char	right[32], hb[16], mb[16];

	snprintf(hb, sizeof hb, "H%u", t->n[RISK_HIGH]);
	snprintf(mb, sizeof mb, "M%u", t->n[RISK_MEDIUM]);
	snprintf(right, sizeof right, "%u/%u", t->answered, t->questions);
	x = width - STATS_COLS(barw);
	cw = draw_text(w, y, 2, x - 3, code, el);
	if (title != NULL && x - 4 - cw > 0)
		draw_text(w, y, 2 + cw + 1, x - 4 - cw, title, el);
	done = t->questions > 0 ? (int)((t->answered * (unsigned)barw +
	    t->questions - 1) / t->questions) : 0;
	/* The cursor's row is one block of its colour, from end to end. */
	for (int b = 0; b < barw; b++)
		draw_text(w, y, x + b, 1, glyph(b < done ? GLYPH_BAR_DONE :
		    GLYPH_BAR_TODO), cur ? el : b < done ? EL_BAR_DONE :
		    EL_BAR_TODO);
	if (barw > 0)
		x += barw + 1;
	draw_text(w, y, x + 5 - (int)strlen(right), 5, right, el);
	x += 6;
	draw_text(w, y, x, 3, hb, cur ? el : t->n[RISK_HIGH] > 0 ?
	    EL_RISK_HIGH : EL_DIM);
	x += 4;
	draw_text(w, y, x, 3, mb, cur ? el : t->n[RISK_MEDIUM] > 0 ?
	    EL_RISK_MEDIUM : EL_DIM);
}

/* The rows of the pillar pane: a pillar's index, or -1 - lens for the
 * heading of a lens when the review has more than one. */
static size_t
pillar_rows(const struct ui *ui, long **out, size_t *cur)
{
	long	*rows = xreallocarray(NULL, ui->npillars * 2 + 1,
		    sizeof *rows);
	size_t	 n = 0;

	*cur = 0;
	for (size_t i = 0; i < ui->npillars; i++) {
		if (ui->ws->state.nlenses > 1 && (i == 0 ||
		    ui->pillars[i].lens != ui->pillars[i - 1].lens))
			rows[n++] = -1 - (long)ui->pillars[i].lens;
		if (i == ui->pillar)
			*cur = n;
		rows[n++] = (long)i;
	}
	*out = rows;
	return n;
}

static void
draw_pillars(struct ui *ui, struct review *r)
{
	WINDOW		*w = r->wp;
	int		 h = getmaxy(w), width = getmaxx(w), y;
	struct tally	 t;
	long		*rows;
	size_t		 nr, cur;
	char		*code;

	werase(w);
	pane_title(w, 0, width, _("Pillars"), ui->focus == PANE_PILLARS);
	clock_title(ui, w, width, ui->focus == PANE_PILLARS ? EL_TITLE_FOCUS :
	    EL_TITLE);
	nr = pillar_rows(ui, &rows, &cur);
	keep_visible(&r->ptop, cur, h - 1, nr);
	for (y = 1; y < h && r->ptop + y - 1 < (int)nr; y++) {
		long			 k = rows[r->ptop + y - 1];
		const struct pillar	*p;
		enum element		 el;

		if (k < 0) {
			const struct lens *l = ui->ws->state.lenses[-1 - k];

			draw_text(w, y, 1, width - 2, text_get(&l->title),
			    EL_TITLE);
			continue;
		}
		p = ui->pillars[k].p;
		state_tally_pillar(&ui->ws->state, ui->pillars[k].lens, p, &t);
		el = row_start(w, y, 0, width, (size_t)k == ui->pillar,
		    ui->focus == PANE_PILLARS);
		code = state_pillar_code(&ui->ws->state, ui->pillars[k].lens, p);
		pillar_row(w, y, r->barw, code, text_get(&p->title), &t, el,
		    (size_t)k == ui->pillar);
		free(code);
	}
	free(rows);
	/* The whole review, when there is room for it. */
	if (y + 1 < h) {
		state_tally(&ui->ws->state, -1, &t);
		pillar_row(w, y + 1, r->barw, _("Total"), NULL, &t, EL_CURSOR,
		    false);
	}
	wnoutrefresh(w);
}

/* What a question has besides its choices, as letters at the end of its
 * row: T an answer from a template not confirmed yet, n a note, e
 * evidence, r a roadmap item. Returns the width. */
static int
question_marks(const struct ui *ui, const struct qref *ref, char *out,
    size_t size)
{
	const struct answer	*a = state_answer(&ui->ws->state, ref);
	size_t			 n = 0;

	if (a->from_template && n + 1 < size)
		out[n++] = 'T';
	if (a->note != NULL && *a->note != '\0' && n + 1 < size)
		out[n++] = 'n';
	if (a->nevidence > 0 && n + 1 < size)
		out[n++] = 'e';
	if (ui->ws->state.roadmap[ref->lens][ref->q->index] != NULL &&
	    n + 1 < size)
		out[n++] = 'r';
	out[n] = '\0';
	return (int)n;
}

static void
draw_questions(struct ui *ui, struct review *r)
{
	WINDOW			*w = r->wq;
	const struct pillar	*p = cur_pillar(ui);
	int			 h = getmaxy(w), width = getmaxx(w), numw = 0;
	char			*title, *code;
	struct tally		 t;

	werase(w);
	vrule(w);
	if (p == NULL) {
		wnoutrefresh(w);
		return;
	}
	state_tally_pillar(&ui->ws->state, ui->pillars[ui->pillar].lens, p, &t);
	code = state_pillar_code(&ui->ws->state, ui->pillars[ui->pillar].lens,
	    p);
	title = xasprintf("%s %s  (%u/%u)", code, text_get(&p->title),
	    t.answered, t.questions);
	free(code);
	pane_title(w, 1, width - 1, title, ui->focus == PANE_QUESTIONS);
	free(title);
	for (size_t i = 0; i < p->nquestions; i++) {
		const char *n = p->questions[i].number;
		int nw = n != NULL ? text_width(n, strlen(n)) : 0;

		if (nw > numw)
			numw = nw;
	}
	if (numw > 12)
		numw = 12;
	keep_visible(&r->qtop, shown_row(ui), h - 1, shown_count(ui));
	for (int y = 1; y < h && r->qtop + y - 1 < (int)shown_count(ui); y++) {
		size_t			 i = shown_question(ui,
					    (size_t)(r->qtop + y - 1));
		const struct question	*q = &p->questions[i];
		struct qref		 ref = { ui->pillars[ui->pillar].lens, q };
		enum risk		 rk = state_risk(&ui->ws->state, &ref);
		enum element		 el;
		char			 marks[8];
		int			 x = 2, mw;

		el = row_start(w, y, 1, width - 1, i == ui->question,
		    ui->focus == PANE_QUESTIONS);
		/* Marks: ! to re-confirm after an upgrade, else * prioritized
		 * by the profile. */
		if (state_reconfirm(&ui->ws->state, &ref) != NULL)
			draw_text(w, y, 1, 1, "!", EL_RISK_MEDIUM);
		else if (state_prioritized(&ui->ws->state, &ref))
			draw_text(w, y, 1, 1, "*", el);
		x += draw_text(w, y, x, 3, theme_badge(rk), theme_risk(rk)) + 1;
		if (numw > 0) {
			draw_text(w, y, x, numw, q->number, is_match(ui, q, -1) ?
			    EL_MATCH : el);
			x += numw + 1;
		}
		mw = question_marks(ui, &ref, marks, sizeof marks);
		draw_text(w, y, x, width - x - (mw > 0 ? mw + 1 : 0),
		    text_get(&q->title), is_match(ui, q, -1) && numw == 0 ?
		    EL_MATCH : el);
		if (mw > 0)
			draw_text(w, y, width - mw, mw, marks,
			    el == EL_NORMAL ? EL_DIM : el);
	}
	wnoutrefresh(w);
}

static size_t
wrapped_rows(const char *s, int width)
{
	struct wline	*lines;
	size_t		 n = text_wrap(s, width, &lines);

	free(lines);
	return n;
}

/* The link of a practice: its page, else how to improve on it, else the
 * question's page. */
static const char *
choice_link(const struct question *q, const struct choice *c)
{
	if (c != NULL && c->url != NULL && *c->url != '\0')
		return c->url;
	if (c != NULL && c->improvement_url != NULL &&
	    *c->improvement_url != '\0')
		return c->improvement_url;
	return q->url;
}

/* The details of the question and of the choice under the cursor, whole:
 * the description, what to ask the team and what evidence to ask for (the
 * lens's ask: and evidence:), then the
 * practice's helpful text, how to improve on it, and its link on lines of
 * its own, to copy (o opens it). */
enum { INFO_QUESTION = 1, INFO_PROMPTS = 2, INFO_HELPFUL = 4, INFO_ALL = 7,
    INFO_MORE = 8 };

static void
info_doc(struct doc *d, const struct question *q, const struct choice *c,
    int what, const char *label)
{
	const char	*link = choice_link(q, c);
	char		*s;

	if (what & INFO_QUESTION) {
		doc_rule(d, label != NULL ? label : _("The question"));
		label = NULL;
		doc_wrap(d, 1, EL_NORMAL, text_get(&q->description));
		if (q->url != NULL && q->url != link)
			doc_wrap(d, 1, EL_DIM, q->url);
	}
	/* The lens's prompts for the facilitator. */
	if ((what & INFO_PROMPTS) && q->nask > 0) {
		doc_rule(d, label != NULL ? label : _("Ask the team"));
		label = NULL;
		for (size_t i = 0; i < q->nask; i++)
			doc_bullet(d, 3, EL_NORMAL, q->ask[i]);
	}
	if ((what & INFO_PROMPTS) && q->nevidence > 0) {
		doc_rule(d, label != NULL ? label : _("Evidence to ask for"));
		label = NULL;
		for (size_t i = 0; i < q->nevidence; i++)
			doc_bullet(d, 3, EL_NORMAL, q->evidence[i]);
	}
	if (c == NULL)
		return;
	if (what & INFO_HELPFUL) {
		s = c->code != NULL ? xasprintf(_("Practice %s"), c->code) :
		    xstrdup(_("Practice"));
		doc_rule(d, label != NULL ? label : s);
		label = NULL;
		free(s);
		doc_wrap(d, 1, EL_TITLE, text_get(&c->title));
		doc_wrap(d, 1, EL_NORMAL, text_get(&c->helpful));
	}
	if (text_get(&c->improvement) != NULL &&
	    *text_get(&c->improvement) != '\0') {
		doc_rule(d, label != NULL ? label : _("Improvement"));
		label = NULL;
		doc_wrap(d, 1, EL_NORMAL, text_get(&c->improvement));
	}
	if (link != NULL && *link != '\0') {
		doc_rule(d, label != NULL ? label : _("Link (o opens it)"));
		doc_wrap(d, 1, EL_NORMAL, link);
		if (c->improvement_url != NULL && c->improvement_url != link &&
		    !streq(c->improvement_url, link))
			doc_wrap(d, 1, EL_NORMAL, c->improvement_url);
	}
}

/* Rows to spare after the details: the question's other practices, each
 * with its helpful text, so that the room sees what every choice means,
 * then what the pillar is about. */
static void
more_doc(struct doc *d, const struct ui *ui, const struct qref *ref,
    const struct choice *c)
{
	const struct pillar	*p = ref->q->pillar;
	const char		*desc = text_get(&p->description);
	char			*code, *s;
	bool			 ruled = false;

	for (size_t i = 0; i < ref->q->nchoices; i++) {
		const struct choice *ch = &question_choices(ref->q)[i];

		if (ch == c || ch->none)
			continue;
		if (!ruled)
			doc_rule(d, _("The other practices"));
		ruled = true;
		s = xasprintf("%s%s%s", ch->code != NULL ? ch->code : "",
		    ch->code != NULL ? "  " : "", text_get(&ch->title));
		doc_wrap(d, 1, EL_TITLE, s);
		free(s);
		doc_wrap(d, 3, EL_NORMAL, text_get(&ch->helpful));
	}
	if (desc == NULL || *desc == '\0')
		return;
	code = state_pillar_code(&ui->ws->state, ref->lens, p);
	s = xasprintf(_("The pillar: %s %s"), code, text_get(&p->title));
	doc_rule(d, s);
	free(s);
	free(code);
	doc_wrap(d, 1, EL_NORMAL, desc);
}

/* The details in rows rows at (y, x), width columns; they scroll. With
 * INFO_MORE, details that leave rows to spare go on (more_doc). */
static void
draw_info(struct ui *ui, WINDOW *w, int y, int x, int width, int rows,
    const struct qref *ref, const struct choice *c, int what,
    const char *label)
{
	const struct question	*q = ref->q;
	struct doc		 d;

	detail_follow(ui, c != NULL ? (const void *)c : (const void *)q);
	doc_init(&d, width);
	info_doc(&d, q, c, what, label);
	/* Only where all the rest still shows, above a rule, a row and the
	 * scroll mark. */
	if ((what & INFO_MORE) && (int)d.n + 3 <= rows)
		more_doc(&d, ui, ref, c);
	ui->detail_rows = rows;
	doc_draw(&d, w, y, x, rows, &ui->detail_top);
	doc_free(&d);
}

static void
draw_detail(struct ui *ui, struct review *r)
{
	WINDOW			*w = r->wd;
	struct qref		 ref;
	const struct answer	*a;
	const struct choice	*cc;
	const char		*help;
	char			*title, *s;
	enum risk		 rk;
	enum element		 tel;
	int			 h = getmaxy(w), x0 = r->dx;
	int			 width = getmaxx(w) - x0, y = 0, rest, nc, hr;
	int			 nrows, hrows, ev, sc, iw = 0;
	bool			 desc_shown = false;
	size_t			 tl;

	werase(w);
	if (x0 > 0)
		vrule(w);
	r->choice_rows = 0;
	if (!ui_current(ui, &ref)) {
		wnoutrefresh(w);
		return;
	}
	/* A wide pane with few rows shows the details in a column of their
	 * own; with rows to spare they follow the note. */
	if (width >= SPLIT_COLS && h < 30) {
		iw = width * 9 / 20;
		width -= iw + 1;
		for (int i = 0; i < h; i++)
			draw_text(w, i, x0 + width, 1, glyph(GLYPH_VRULE),
			    EL_DIM);
	}
	a = state_answer(&ui->ws->state, &ref);
	rk = question_risk(ref.q, a);

	/* The question, on up to two rows, its risk at the right. */
	tel = ui->focus == PANE_CHOICES ? EL_TITLE_FOCUS : EL_TITLE;
	title = xasprintf("%s%s%s", ref.q->number != NULL ? ref.q->number : "",
	    ref.q->number != NULL ? "  " : "", text_get(&ref.q->title));
	tl = wrapped_rows(title, width - 6);
	for (int i = 0; i < (tl > 1 ? 2 : 1); i++)
		draw_fill(w, i, x0, width, tel);
	y = draw_wrapped(w, 0, x0 + 1, width - 6, 2, title, tel, true);
	free(title);
	draw_text(w, 0, x0 + width - 4, 3, theme_badge(rk), theme_risk(rk));
	if (a->not_applicable && y < h) {
		s = xasprintf(_("Not applicable: %s  (a: make it apply)"),
		    a->reason != NULL ? a->reason : "");
		draw_text(w, y++, x0 + 1, width - 1, s, EL_RISK_NA);
		free(s);
	}
	if ((s = scans_question_flag(ui, &ref)) != NULL && y < h) {
		draw_text(w, y++, x0 + 1, width - 1, s, EL_RISK_HIGH);
		free(s);
	}

	/* Share the rest: choices first, then the helpful text, then the
	 * note, each at least a rule and a row when it can. */
	rest = h - y;
	nc = (int)ref.q->nchoices;
	nrows = rest - 4 < nc ? rest - 4 : nc;
	if (nrows < 3)
		nrows = nc < 3 ? nc : 3;
	if (nrows > rest)
		nrows = rest;
	cc = ui->choice < ref.q->nchoices ?
	    &question_choices(ref.q)[ui->choice] : NULL;
	help = cc != NULL ? text_get(&cc->helpful) : NULL;
	if (help == NULL || *help == '\0')
		help = text_get(&ref.q->description);
	hr = (int)wrapped_rows(help, width - 2);
	/* The failing scan results of the choice come before the evidence:
	 * they follow the cursor. */
	sc = scans_rows(ui, &ref, cc, rest - nrows - 2);
	ev = evidence_rows(a, rest - nrows - 2 - sc);
	hrows = rest - nrows - 2 - ev - sc;	/* left after the note's two */
	if (hrows > hr + 1)
		hrows = hr + 1;
	if (hrows < 0 || iw > 0)
		hrows = 0;	/* a wide pane has it in the column beside */

	/* Room to spare: the question's description under its title. */
	if (help != text_get(&ref.q->description)) {
		const char	*desc = text_get(&ref.q->description);
		int		 dr = (int)wrapped_rows(desc, width - 2);
		int		 nl = a->note != NULL ?
				    (int)wrapped_rows(a->note, width - 2) : 1;

		if (desc != NULL && *desc != '\0' &&
		    rest >= nc + (iw > 0 ? 0 : hr + 1) + nl + 1 + dr + 1) {
			y += draw_wrapped(w, y, x0 + 1, width - 2, dr, desc,
			    EL_DIM, false) + 1;
			rest -= dr + 1;
			desc_shown = true;
		}
	}
	keep_visible(&r->ctop, ui->choice, nrows, ref.q->nchoices);
	r->choice_y = y;
	r->choice_rows = nrows;
	for (int i = 0; i < nrows && r->ctop + i < nc; i++) {
		size_t			 ci = (size_t)(r->ctop + i);
		const struct choice	*ch = &question_choices(ref.q)[ci];
		const struct choice_na	*na = answer_choice_na(a, ch->id);
		enum element		 el;
		const char		*box;
		char			*sum;
		int			 x = x0 + 2, sw;

		el = row_start(w, y, x0, width, ci == ui->choice,
		    ui->focus == PANE_CHOICES);
		if (na != NULL)
			box = "[-]";
		else if (answer_selected(a, ch->id))
			box = "[x]";
		else
			box = "[ ]";
		x += draw_text(w, y, x, 3, box, a->not_applicable ? EL_DIM :
		    el) + 1;
		/* The scan summary at the right, cut short if need be. */
		sum = scans_choice_summary(ui, &ref, ch, false);
		sw = sum != NULL ? text_width(sum, strlen(sum)) + 3 : 0;
		if (sw > 0 && width - (x - x0) - sw < 24) {
			free(sum);
			sum = scans_choice_summary(ui, &ref, ch, true);
			sw = text_width(sum, strlen(sum)) + 3;
		}
		if (sw > 0 && width - (x - x0) - sw < 16)
			sw = 0;
		if (sw > 0)
			draw_text(w, y, x0 + width - sw + 2, sw - 2, sum,
			    EL_DIM);
		free(sum);
		x += draw_text(w, y, x, width - x + x0 - sw,
		    text_get(&ch->title), na != NULL || a->not_applicable ?
		    EL_DIM : is_match(ui, ref.q, (int)ci) ? EL_MATCH : el);
		if (na != NULL) {
			s = xasprintf(_(" (n/a: %s)"), na->reason);
			draw_text(w, y, x, width - x + x0, s, EL_DIM);
			free(s);
		}
		y++;
	}
	if (r->ctop + nrows < nc && nrows > 0)
		draw_text(w, y - 1, x0 + width - 2, 1, glyph(GLYPH_DOWN),
		    EL_DIM);
	if (sc > 0 && y < h - 1)
		y += scans_draw(w, y, x0, width, sc < h - y - 1 ? sc :
		    h - y - 1, ui, &ref, cc);
	if (iw > 0)
		draw_info(ui, w, 0, x0 + width + 1, iw, h, &ref, cc,
		    (desc_shown ? INFO_PROMPTS | INFO_HELPFUL : INFO_ALL) |
		    INFO_MORE, NULL);
	else if (r->info && y < h) {
		/* D: the details, whole, where the note was. */
		draw_info(ui, w, y, x0, width, h - y, &ref, cc, INFO_ALL,
		    _("The question (D: the note again)"));
		wnoutrefresh(w);
		return;
	}

	if (hrows > 0 && y < h) {
		s = cc != NULL && cc->code != NULL ?
		    xasprintf(_("Helpful: %s"), cc->code) :
		    xstrdup(_("Helpful"));
		draw_rule(w, y++, x0, width, s);
		free(s);
		y += draw_wrapped(w, y, x0 + 1, width - 2, hrows - 1, help,
		    EL_NORMAL, true);
	}
	if (ev > 0 && y < h - 1)
		y += evidence_draw(w, y, x0, width, ev < h - y - 1 ? ev :
		    h - y - 1, a);
	if (y < h) {
		draw_rule(w, y++, x0, width, notes_hidden(ui->ws) ?
		    _("Note (n: edit; hidden from the audience, H shows)") :
		    _("Note (n: edit, E: $EDITOR)"));
		if (a->note == NULL || *a->note == '\0')
			y += draw_text(w, y, x0 + 1, width - 2, _("(no note)"),
			    EL_DIM) > 0;
		else
			y += draw_wrapped(w, y, x0 + 1, width - 2, h - y,
			    a->note, EL_NORMAL, true);
	}
	/* Rows to spare: the details, as far as they go (the column beside
	 * shows them on a wide pane). */
	if (iw == 0 && y + 2 < h)
		draw_info(ui, w, y + 1, x0, width, h - y - 1, &ref, cc,
		    (desc_shown ? INFO_PROMPTS : INFO_QUESTION | INFO_PROMPTS) |
		    INFO_MORE, NULL);
	wnoutrefresh(w);
}

static void
review_draw(struct ui *ui, bool all)
{
	struct review *r = state(ui);

	if (r->wp == NULL)
		return;
	if (!all) {
		/* The clock in the pillar pane's title ticks alone. */
		if (clock_moved(ui))
			draw_pillars(ui, r);
		return;
	}
	draw_pillars(ui, r);
	draw_questions(ui, r);
	draw_detail(ui, r);
}

static void
free_windows(struct review *r)
{
	if (r->wp != NULL)
		delwin(r->wp);
	if (r->wq != NULL)
		delwin(r->wq);
	if (r->wd != NULL)
		delwin(r->wd);
	r->wp = r->wq = r->wd = NULL;
}

static int
longest_list(const struct ui *ui)
{
	size_t n = ui->npillars;

	for (size_t i = 0; i < ui->npillars; i++) {
		if (ui->pillars[i].p->nquestions > n)
			n = ui->pillars[i].p->nquestions;
	}
	return (int)n;
}

/* The widest pillar name: its code and title. */
static int
longest_name(const struct ui *ui)
{
	int n = 0, cw;

	for (size_t i = 0; i < ui->npillars; i++) {
		const struct pillar *p = ui->pillars[i].p;
		char *code = state_pillar_code(&ui->ws->state,
		    ui->pillars[i].lens, p);
		const char *title = text_get(&p->title);

		cw = text_width(code, strlen(code)) + 1 +
		    (title != NULL ? text_width(title, strlen(title)) : 0);
		free(code);
		if (cw > n)
			n = cw;
	}
	return n;
}

/* The pillar pane's width, at most most columns: the names get the room
 * first, the progress bar what is left (a short one, or none). */
static int
pillar_width(const struct ui *ui, struct review *r, int most)
{
	int name = longest_name(ui) + 3, pw;

	for (r->barw = 8; r->barw > 0; r->barw -= 3) {
		if (name + STATS_COLS(r->barw) <= most)
			break;
	}
	pw = name + STATS_COLS(r->barw);
	if (pw > most)
		pw = most;
	return pw < 28 ? 28 : pw;
}

static void
review_layout(struct ui *ui, int y, int x, int h, int w)
{
	struct review	*r = state(ui);
	int		 pw, qw, top;

	free_windows(r);
	/* Side by side only when there is width but not height: with rows to
	 * spare, lists on top and the question below read better. */
	r->wide = w >= 120 && h < 34;
	if (r->wide) {
		pw = pillar_width(ui, r, w / 3);
		qw = (w - pw) * 9 / 20;
		r->wp = newwin(h, pw, y, x);
		r->wq = newwin(h, qw, y, x + pw);
		r->wd = newwin(h, w - pw - qw, y, x + pw + qw);
		r->dx = 1;
	} else {
		pw = pillar_width(ui, r, w * 45 / 100);
		top = h / 3;
		if (top < 7)
			top = 7;
		if (h >= 34) {
			/* Room for the longest list and the totals. */
			top = longest_list(ui) + (int)ui->ws->state.nlenses + 1;
			if (top < (int)(ui->npillars + ui->ws->state.nlenses) + 3)
				top = (int)(ui->npillars + ui->ws->state.nlenses) + 3;
			if (top > h / 2)
				top = h / 2;
		} else if (top > 14)
			top = 14;
		r->wp = newwin(top, pw, y, x);
		r->wq = newwin(top, w - pw, y, x + pw);
		r->wd = newwin(h - top, w, y + top, x);
		r->dx = 0;
	}
	if (r->wp == NULL || r->wq == NULL || r->wd == NULL)
		free_windows(r);
}

static void
review_mouse(struct ui *ui, MEVENT *m)
{
	struct review	*r = state(ui);
	int		 y = m->y, x = m->x;
	enum pane	 p;
	long		 idx;

	/* Releases are reported so that ncurses never waits for one. */
	if (r->wp == NULL || !(m->bstate & (BUTTON1_PRESSED | BUTTON1_CLICKED |
	    BUTTON4_PRESSED | BUTTON5_PRESSED)))
		return;
	if (wmouse_trafo(r->wp, &y, &x, FALSE)) {
		long	*rows;
		size_t	 nr, cur;

		p = PANE_PILLARS;
		nr = pillar_rows(ui, &rows, &cur);
		idx = r->ptop + y - 1;
		idx = y >= 1 && idx < (long)nr ? rows[idx] : -1;
		free(rows);
		if (idx < 0 && !(m->bstate & (BUTTON4_PRESSED |
		    BUTTON5_PRESSED)))
			return;
	} else if (y = m->y, x = m->x, wmouse_trafo(r->wq, &y, &x, FALSE)) {
		p = PANE_QUESTIONS;
		idx = r->qtop + y - 1;
	} else if (y = m->y, x = m->x, wmouse_trafo(r->wd, &y, &x, FALSE)) {
		p = PANE_CHOICES;
		if (y < r->choice_y || y >= r->choice_y + r->choice_rows)
			return;
		idx = r->ctop + y - r->choice_y;
	} else
		return;
	ui->focus = p;
	ui_dirty(ui);
	if (m->bstate & BUTTON4_PRESSED) {
		act_up(ui);
		return;
	}
	if (m->bstate & BUTTON5_PRESSED) {
		act_down(ui);
		return;
	}
	if (y < 1 && p != PANE_CHOICES)
		return;
	if (idx < 0 || (size_t)idx >= list_len(ui, p))
		return;
	/* A click on a checkbox, or on the choice already chosen, toggles. */
	if (p == PANE_CHOICES && (x <= r->dx + 5 || (size_t)idx == ui->choice)) {
		set_pos(ui, p, idx);
		toggle_choice(ui, (size_t)idx);
		return;
	}
	set_pos(ui, p, idx);
}

static void
review_free(struct ui *ui)
{
	struct review *r = ui->view_data[0];

	if (r == NULL)
		return;
	free_windows(r);
	free(r);
	ui->view_data[0] = NULL;
}

const struct view view_review = {
	"review", CTX_REVIEW, NULL, NULL, review_layout, review_draw, NULL,
	review_mouse, NULL, review_free
};
