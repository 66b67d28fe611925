/* rename.h: lens and question ids that changed, and how to apply the
 * change to a lens. Pure: no I/O. */
#ifndef WAFR_RENAME_H
#define WAFR_RENAME_H

#include <stdbool.h>

#include "model/lens.h"

struct lens_rename {
	const char		*old_id;	/* the lens id that was */
	const char		*new_id;	/* the lens id now */
	const char *const	*questions;	/* old, new, old, new, ..., NULL */
};

extern const struct lens_rename lens_renames[];	/* ends with old_id NULL */

/* The rename of a lens id, or NULL. */
const struct lens_rename *lens_rename_of(const char *);
/* The new id of a question of the renamed lens, or NULL. */
const char	*lens_rename_question(const struct lens_rename *, const char *);
/* Whether the lens is the one renamed: its id is the old one and every
 * question of it is in the table (a lens of someone else's that merely
 * shares the id is left alone). */
bool		 lens_rename_applies(const struct lens_rename *,
		    const struct lens *);
/* Give the lens its new lens and question ids. */
void		 lens_rename_apply(const struct lens_rename *, struct lens *);

#endif
