/* ui.h: the screen engine shared by the views under src/ui/.
 *
 * The engine (ui.c) owns the terminal, the loop, the header and the status
 * line; each view (view-*.c) owns the body and plugs in through a small table
 * of functions. Keys go through one table of actions (actions.c), colours
 * through one table of semantic elements (theme.c), and every text that came
 * from a file goes through draw_text (draw.c), which makes control characters
 * inert. */
#ifndef WAFR_UI_H
#define WAFR_UI_H

#include <curses.h>
#include <stdbool.h>
#include <stdint.h>
#include <time.h>
#include <wchar.h>

#include "base/diag.h"
#include "files/settings.h"
#include "review/ops.h"
#include "ui/run.h"
#include "base/util.h"

/* A key: a character, a curses function key, or Alt and a character. */
#define KEYC_FN		0x1000000
#define KEYC_META	0x2000000
#define KEYC_NONE	(-1)
/* Bracketed paste: the terminal marks where pasted text starts and ends. */
#define KEY_PASTE_START	(KEY_MAX + 1500)
#define KEY_PASTE_END	(KEY_MAX + 1501)

/* Semantic colours (theme.c). */
enum element {
	EL_NORMAL,
	EL_HEADER,
	EL_TITLE,		/* pane title */
	EL_TITLE_FOCUS,		/* title of the focused pane */
	EL_FOCUS,		/* cursor line of the focused pane */
	EL_CURSOR,		/* cursor line of another pane */
	EL_RISK_HIGH,
	EL_RISK_MEDIUM,
	EL_RISK_NONE,
	EL_RISK_NA,
	EL_UNANSWERED,
	EL_BAR_DONE,
	EL_BAR_TODO,
	EL_DIM,
	EL_STATUS,
	EL_STATUS_KEY,
	EL_MATCH,
	EL_ERROR,
	EL_INERT,		/* a control character made visible */
	EL_COUNT
};
void	 theme_init(const char *);
attr_t	 theme_attr(enum element);
enum element theme_risk(enum risk);
const char *theme_badge(enum risk);
bool	 theme_mono(void);

/* Safe drawing (draw.c): text in at most N columns, measured by display
 * width (wide characters, combining marks); a text cut to fit ends in an
 * ellipsis. Returns the columns drawn. */
int	 draw_text(WINDOW *, int, int, int, const char *, enum element);
int	 draw_textn(WINDOW *, int, int, int, const char *, size_t,
	    enum element);
void	 draw_fill(WINDOW *, int, int, int, enum element);
int	 text_width(const char *, size_t);
/* Word wrap: byte offsets where each line starts; returns the count. */
struct wline {
	size_t	start, end;
};
size_t	 text_wrap(const char *, int, struct wline **);
size_t	 utf8_next(const char *, size_t, size_t);
size_t	 utf8_prev(const char *, size_t);
bool	 text_match(const char *, const wchar_t *);
const char *glyph(int);
enum { GLYPH_BAR_DONE, GLYPH_BAR_TODO, GLYPH_RULE, GLYPH_VRULE,
	GLYPH_ELLIPSIS, GLYPH_UP, GLYPH_DOWN };

/* A pane of text longer than its rows, which scrolls (doc.c). */
struct doc_line {
	int		 kind;
	int		 indent;
	bool		 bullet;
	enum element	 el;
	char		*text;
};
struct doc {
	struct doc_line	*v;
	size_t		 n, cap;
	int		 width;
};
void	 doc_init(struct doc *, int);
void	 doc_free(struct doc *);
void	 doc_line(struct doc *, int, enum element, const char *);
void	 doc_wrap(struct doc *, int, enum element, const char *);
void	 doc_bullet(struct doc *, int, enum element, const char *);
void	 doc_rule(struct doc *, const char *);
int	 doc_draw(struct doc *, WINDOW *, int, int, int, int *);
void	 draw_rule(WINDOW *, int, int, int, const char *);

/* Which part of the review has the focus. */
enum pane { PANE_PILLARS, PANE_QUESTIONS, PANE_CHOICES };

/* Where the views apply (actions and status line). */
enum {
	CTX_REVIEW = 1,
	CTX_NOTES = 2,
	CTX_HELP = 4,
	CTX_PLAN = 8,
	CTX_ROADMAP = 16,
	CTX_MILESTONES = 32,
	CTX_LISTS = CTX_PLAN | CTX_ROADMAP | CTX_MILESTONES,
	CTX_ALL = 63
};

/* A list with a cursor, for the views that are one (view-list.c). */
struct ui_list {
	size_t	n;		/* rows */
	size_t	cur;
	int	top;		/* first row shown */
	int	rows;		/* rows shown: a page */
};

struct ui;
struct view {
	const char	*name;
	int		 ctx;
	void		(*enter)(struct ui *);
	void		(*leave)(struct ui *);
	void		(*layout)(struct ui *, int, int, int, int);
	void		(*draw)(struct ui *, bool);
	bool		(*input)(struct ui *, int);	/* unbound keys */
	void		(*mouse)(struct ui *, MEVENT *);
	int		(*timer)(struct ui *);		/* ms to the next; -1 */
	void		(*free)(struct ui *);
};
extern const struct view view_review, view_notes, view_help;
extern const struct view view_plan, view_roadmap, view_milestones;
extern const struct view *const views[];

/* A pillar of a lens, in the order the pillar pane lists them. */
struct ui_pillar {
	size_t			 lens;
	const struct pillar	*p;
};

struct ui_match {
	size_t			 lens;
	const struct question	*q;
	int			 choice;	/* -1: the question text */
};

typedef void (*prompt_cb)(struct ui *, const char *);

struct ui {
	struct workspace	*ws;
	const struct view	*view;
	const struct view	*prev;		/* the view before it */
	WINDOW			*header, *status;
	int			 lines, cols;
	bool			 too_small;
	bool			 quit;
	bool			 mouse_down;
	bool			 pasting;	/* inside a bracketed paste */
	size_t			 paste_ignored;
	bool			 dirty_all;	/* the body must be redrawn */
	bool			 dirty_header, dirty_status;
	time_t			 started;
	uint64_t		 last_key_ms;	/* REPORT.md waits for a pause */
	long			 shown_elapsed;

	/* Where the review is. */
	struct ui_pillar	*pillars;
	size_t			 npillars;
	size_t			 pillar, question, choice;
	enum pane		 focus;
	bool			 only_prioritized;	/* p: hide the others */
	char			*cursor_key;	/* last written to the session */
	bool			 leading;	/* the room follows this screen */
	bool			 lead_failed;	/* and said so */
	char			*lead_shown;	/* who leads, as shown */
	unsigned		 lens_epoch;	/* of the lenses pillars point to */

	/* Search. */
	char			*search;
	struct ui_match		*matches;
	size_t			 nmatches, match;

	/* The status line: a message, or a prompt. */
	char			*message;
	bool			 message_error;
	bool			 prompting;
	char			*prompt_label;
	struct buf		 prompt_text;
	size_t			 prompt_cur;
	prompt_cb		 prompt_done;
	const char *const	*menu;		/* a one-key choice prompt */

	/* The view's pane of text that scrolls (J/K), and what it shows. */
	int			 detail_top, detail_rows;
	const void		*detail_of;

	void			*view_data[8];
};

/* Engine (ui.c). */
/* Has the terminal gone (hung up, or reads failing at once, again and
 * again)? Asked after a read that waited ms from since and got no key. */
struct ui_input {
	int	fast;		/* reads that returned at once in a row */
};
bool	 ui_input_gone(struct ui_input *, int, uint64_t);
void	 ui_set_view(struct ui *, const struct view *);
void	 ui_message(struct ui *, bool, const char *, ...)
	    __attribute__((format(printf, 3, 4)));
void	 ui_prompt(struct ui *, const char *, const char *, prompt_cb);
void	 ui_menu(struct ui *, const char *, const char *const *, prompt_cb);
void	 ui_dirty(struct ui *);
uint64_t ui_now_ms(void);
/* Change the answer of a question: one operation, then a redraw; 0, or
 * -1 with the problem on the status line. r may be NULL. */
int	 ui_answer(struct ui *, const struct qref *, const struct edit *,
	    size_t, struct ops_result *);
/* Read what another process changed: true when something did. */
bool	 ui_refresh(struct ui *);
/* Show and forget a problem that lost nothing. */
void	 ui_warning(struct ui *);
bool	 ui_current(const struct ui *, struct qref *);
void	 ui_edit_external(struct ui *);
int	 ui_run_fg(const char *, const char *);
/* Just after newterm: have every frame written to the terminal in one
 * piece rather than a line at a time. */
void	 ui_batch_output(void);
/* Start a program with one argument in the background, its output to
 * /dev/null: 0, or -1 when it could not start. */
int	 ui_spawn(const char *, const char *);
/* After a command run on the terminal: lay the screen out again. */
void	 ui_relayout(struct ui *);

/* Actions (actions.c). */
struct action {
	const char	*name;
	const char	*keys;		/* default keys, space separated */
	int		 ctx;
	const char	*label;		/* shown on the status line, or NULL */
	const char	*help;
	void		(*fn)(struct ui *);
	int		 panes;		/* label only in these panes; 0 all */
};
#define IN_PANE(p) (1 << (p))
extern const struct action actions[];
extern const size_t nactions;
const struct action *action_find(int, int);
void	 actions_init(void);
/* Pairs of actions bound to one key in a context they share (the second
 * never runs), a line each in out: how many. */
size_t	 actions_shadowed(struct buf *);
void	 actions_bind(const struct settings *, struct diags *);
const char *action_keys(const struct action *);

/* Review actions (view-review.c). */
void	 act_undo(struct ui *);
void	 act_redo(struct ui *);
void	 act_up(struct ui *);
void	 act_down(struct ui *);
void	 act_page_up(struct ui *);
void	 act_page_down(struct ui *);
void	 act_home(struct ui *);
void	 act_end(struct ui *);
void	 act_focus_next(struct ui *);
void	 act_focus_prev(struct ui *);
void	 act_toggle(struct ui *);
void	 act_next_unanswered(struct ui *);
void	 act_next_unconfirmed(struct ui *);
void	 act_confirm(struct ui *);
void	 act_only_prioritized(struct ui *);
void	 act_prev_unanswered(struct ui *);
void	 act_question_na(struct ui *);
void	 act_choice_na(struct ui *);
void	 act_search(struct ui *);
void	 act_search_next(struct ui *);
void	 act_search_prev(struct ui *);
void	 act_milestone(struct ui *);
void	 act_note(struct ui *);
void	 act_editor(struct ui *);
void	 act_help(struct ui *);
void	 act_details(struct ui *);
void	 act_open_link(struct ui *);
void	 act_quit(struct ui *);
void	 act_redraw(struct ui *);
void	 review_goto(struct ui *, size_t, const struct question *, int);

/* Notes editor actions (view-notes.c). */
void	 act_note_leave(struct ui *);
void	 act_note_left(struct ui *);
void	 act_note_right(struct ui *);
void	 act_note_up(struct ui *);
void	 act_note_down(struct ui *);
void	 act_note_home(struct ui *);
void	 act_note_end(struct ui *);
void	 act_note_word_left(struct ui *);
void	 act_note_word_right(struct ui *);
void	 act_note_backspace(struct ui *);
void	 act_note_delete(struct ui *);
void	 act_note_newline(struct ui *);
void	 act_note_kill_line(struct ui *);

/* Help actions (view-help.c). */
void	 act_help_leave(struct ui *);
void	 act_help_up(struct ui *);
void	 act_help_down(struct ui *);
void	 act_help_page_up(struct ui *);
void	 act_help_page_down(struct ui *);
int	 scroll_mark(WINDOW *, int, int, int, int, int, enum element);

/* The lists of the plan, roadmap and milestones (view-list.c). */
void	 act_list_up(struct ui *);
void	 act_list_down(struct ui *);
void	 act_list_page_up(struct ui *);
void	 act_list_page_down(struct ui *);
void	 act_list_home(struct ui *);
void	 act_list_end(struct ui *);
void	 act_detail_up(struct ui *);
void	 act_detail_down(struct ui *);
void	 detail_follow(struct ui *, const void *);
struct ui_list *plan_list(struct ui *);
struct ui_list *roadmap_list(struct ui *);
struct ui_list *milestones_list(struct ui *);
void	 list_clamp(struct ui_list *);
void	 list_visible(struct ui_list *, int);
enum element list_row(WINDOW *, int, bool);
void	 list_title(WINDOW *, int, const char *);
int	 draw_wrapped(WINDOW *, int, int, int, int, const char *,
	    enum element, bool);
int	 draw_wrapped_from(WINDOW *, int, int, int, int, int, const char *,
	    enum element, bool);
long	 list_mouse(struct ui *, WINDOW *, MEVENT *, int, struct ui_list *,
	    long (*)(struct ui *, int));

/* Evidence and verification of the current question (view-evidence.c). */
void	 act_evidence(struct ui *);
void	 act_verification(struct ui *);
int	 evidence_rows(const struct answer *, int);
int	 evidence_draw(WINDOW *, int, int, int, int, const struct answer *);
/* Scan results in the review (view-scans.c): a choice's summary and a
 * question's flag (NULL: none; the caller frees them), the rows the
 * failing resources of a choice take and their drawing. */
char	*scans_choice_summary(const struct ui *, const struct qref *,
	    const struct choice *, bool);
char	*scans_question_flag(const struct ui *, const struct qref *);
int	 scans_rows(const struct ui *, const struct qref *,
	    const struct choice *, int);
int	 scans_draw(WINDOW *, int, int, int, int, const struct ui *,
	    const struct qref *, const struct choice *);
void	 act_scans_down(struct ui *);
void	 act_scans_up(struct ui *);

/* The improvement plan (view-plan.c). */
void	 act_plan(struct ui *);
void	 act_plan_leave(struct ui *);
void	 act_plan_goto(struct ui *);
void	 act_plan_take(struct ui *);

/* The roadmap (view-roadmap.c), its fields editable from the plan too. */
void	 act_roadmap(struct ui *);
void	 act_roadmap_leave(struct ui *);
void	 act_roadmap_goto(struct ui *);
void	 act_item_owner(struct ui *);
void	 act_item_ticket(struct ui *);
void	 act_item_effort(struct ui *);
void	 act_item_status(struct ui *);
void	 act_item_target(struct ui *);
void	 act_item_remove(struct ui *);
/* The finding the plan or roadmap cursor is on. */
bool	 plan_current(struct ui *, struct qref *);
bool	 roadmap_current(struct ui *, struct qref *);

/* Milestones (view-milestones.c). */
void	 act_milestones(struct ui *);
void	 act_milestones_leave(struct ui *);
void	 act_milestones_diff(struct ui *);
void	 act_milestones_mark(struct ui *);

/* The workshop clock (clock.c): the time spent in each pillar, which
 * several terminals on one workspace share with the audience view. */
/* Seconds spent in a pillar, with the part the running clock has not
 * written yet (another process may be counting it). */
long	 clock_spent(const struct workspace *, size_t, const struct pillar *);
/* "12:03/15:00" (or "12:03" with no time box); *over when it is spent. */
void	 clock_label(const struct workspace *, size_t, const struct pillar *,
	    char *, size_t, bool *);
bool	 notes_hidden(const struct workspace *);
/* Count the time of the current pillar; returns ms to the next tick.
 * clock_stop writes what is left. */
int	 clock_tick(struct ui *);
void	 clock_stop(struct ui *);
/* The current pillar's clock in the header, ending before column end, and
 * in a pane's title row: returns the columns it took. */
int	 clock_header(struct ui *, WINDOW *, int);
int	 clock_title(struct ui *, WINDOW *, int, enum element);
/* Has the current pillar's clock moved since this was last asked? */
bool	 clock_moved(struct ui *);
void	 act_agenda(struct ui *);
void	 act_participants(struct ui *);

/* One lead in the room (room.c): claim, renew or lose the lead, and write
 * where the lead is; returns ms to the next tick. room_status draws who
 * leads at the right of the status line, ending before end (no window:
 * the width it takes). */
int	 room_tick(struct ui *);
void	 room_leave(struct ui *);
int	 room_status(struct ui *, WINDOW *, int);
void	 act_take_lead(struct ui *);
void	 act_hide_notes(struct ui *);

#endif
