/* note-sync.h: a note edited in two places at once. Pure. */
#ifndef WAFR_NOTE_SYNC_H
#define WAFR_NOTE_SYNC_H

#include <stdbool.h>

/* A note saved elsewhere while an editor had it: what the editor should
 * hold, from its base, its text and the stored text; NULL to keep its
 * text. *conflict when both had changed (both are kept). */
char	*note_sync(const char *, const char *, const char *, bool *);
/* The line between the two texts of a conflict. */
const char *note_marker(void);

#endif
