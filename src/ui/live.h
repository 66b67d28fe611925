/* live.h: what several terminals on one workspace share: the workshop
 * clock, the audience view and the flag that hides notes from it. */
#ifndef WAFR_UI_LIVE_H
#define WAFR_UI_LIVE_H

#include <stdbool.h>
#include <stddef.h>

#include "ui/ui.h"
#include "review/ops.h"

struct ui;

/* Seconds spent in a pillar, with the part the running clock has not
 * written yet (another process may be counting it). */
long	 clock_spent(const struct workspace *, size_t, const struct pillar *);
/* "12:03/15:00" (or "12:03" with no time box); *over when it is spent. */
void	 clock_label(const struct workspace *, size_t, const struct pillar *,
	    char *, size_t, bool *);
bool	 notes_hidden(const struct workspace *);

/* The clock of the review (clock.c): count the time of the current pillar;
 * returns ms to the next tick. clock_stop writes what is left. */
int	 clock_tick(struct ui *);
void	 clock_stop(struct ui *);
/* The current pillar's clock in the header, ending before column end, and
 * in a pane's title row: returns the columns it took. */
int	 clock_header(struct ui *, WINDOW *, int);
int	 clock_title(struct ui *, WINDOW *, int, enum element);
/* Has the current pillar's clock moved since this was last asked? */
bool	 clock_moved(struct ui *);
void	 act_agenda(struct ui *);
/* A note saved elsewhere while an editor had it (note-sync.c): what the
 * editor should hold, from its base, its text and the stored text; NULL to
 * keep its text. *conflict when both had changed (both are kept). */
char	*note_sync(const char *, const char *, const char *, bool *);
const char *note_marker(void);
void	 act_hide_notes(struct ui *);

#endif
