/* note-sync.h: a note edited in two places at once. Pure. */
#ifndef WAFR_NOTE_SYNC_H
#define WAFR_NOTE_SYNC_H

#include <stdbool.h>

/* A note saved elsewhere while an editor had it: what the editor should
 * hold, from its base, its text and the stored text; NULL to keep its
 * text. *conflict when both had changed: the lines both share at their
 * start and end are kept once, and between them this editor's lines,
 * then the other's below the marker (and above the end marker, when
 * shared lines follow). */
char	*note_sync(const char *, const char *, const char *, bool *);
/* The line between the two texts of a conflict. */
const char *note_marker(void);
const char *note_end_marker(void);

#endif
