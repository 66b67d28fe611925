/* profile.h: the business-context profile of a workspace: its records in
 * the store, its files, and the questionnaire in effect.
 *
 * The store's profile table holds "questions" (the pinned questionnaire's
 * bytes) and "answer/QUESTION" (the chosen choice ids, blank-separated).
 * A workspace that has not answered its profile yet uses the bundled
 * questionnaire of its first lens that has one (data/profiles/LENS.yaml);
 * the first answer pins it. */
#ifndef WAFR_REVIEW_PROFILE_H
#define WAFR_REVIEW_PROFILE_H

#include "files/snapshot.h"
#include "model/profile.h"
#include "store/store.h"

#define PROFILE_KEY_QUESTIONS	"questions"
#define PROFILE_KEY_ANSWER	"answer/"

/* A record of the profile table into the state. */
void	 profile_set_record(struct state *, const char *, const void *,
	    size_t);
/* The profile files as records of the batch (none: no profile). */
int	 profile_files_batch(const struct snapshot_src *, struct store_batch *,
	    char **);
/* A questionnaire given by file or bundled id (DATADIR/profiles/ID.yaml). */
char	*profile_resolve(const char *, const char *, char **);
/* The bundled questionnaire for the state's lenses (DATADIR/profiles/
 * LENS.yaml); NULL if none. */
char	*profile_default_path(const struct state *, const char *);
/* The questionnaire in effect for the workspace in DIR: the pinned one
 * (borrowed: *own NULL), else the default one from DATADIR, loaded (*own
 * is it, for the caller to free). NULL with *cause when there is none. */
const struct profile *profile_in_effect(const struct state *, const char *,
	    const char *, struct profile **, char **);

#endif
