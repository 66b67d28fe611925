/* history.h: milestones as git commits and tags, and the state at a
 * revision. The only user of git2.h. */
#ifndef WAFR_HISTORY_H
#define WAFR_HISTORY_H

#include <stdbool.h>
#include <stdint.h>

#include "model/state.h"

#define MILESTONE_TAG_PREFIX "milestone/"

struct milestone {
	char		*name;		/* as given */
	char		*tag;		/* milestone/<slug> */
	char		 commit[41];	/* hex id */
	int64_t		 time;		/* seconds since the epoch */
	int		 offset;	/* minutes east of UTC */
	bool		 has_tally;	/* the tag message held the tallies */
	struct tally	 tally;
	char		*notice;	/* what was repaired on the way, or NULL */
	char		*index;		/* the git index it left, or NULL */
};

/* The author of commits when git config names none (NULL: "wafr"). */
void	history_set_author(const char *, const char *);

/* Make the directory a git repository with .gitignore and a first commit
 * of the state's files (written already). All or nothing: the repository
 * is made aside and becomes DIR/.git by one rename once it holds the first
 * commit, so a failure or a kill never leaves a half repository. */
int	history_init(const char *, const struct state *, char **);

/* The files of a milestone, brought up to date: a file that current(carg,
 * PATH) says is as the last milestone committed it, with nothing changed
 * since by hand or by git, holds what it would be written with and may be
 * left as it is (current is NULL when nothing is known: the git index is
 * not the one the last milestone left, as the store recorded it). */
typedef bool history_current_fn(void *, const char *);
typedef int history_write_fn(void *, history_current_fn *, void *, char **);

/* Commit the files of the state and tag the commit milestone/<slug>; the
 * files are brought up to date by write_files(arg) once the repository is
 * known to be fit. INDEX is what the last milestone's m->index said of
 * the git index it left (NULL: unknown). Only the files wafr owns are committed, never a
 * temporary file or a dot-file under lenses/ or answers/. Nothing is left
 * half-done on failure: the branch moves first, then the tag is made, so a
 * kill leaves at worst a commit without its tag, which the next milestone
 * tags. A git lock left by a killed process (older than a minute, or made
 * by a wafr milestone that was killed) is removed; a live one is refused.
 * m (may be NULL) describes it; m->notice says what was repaired. */
int	history_milestone(const char *, const struct state *, const char *,
	    const char *, history_write_fn *, void *, struct milestone *,
	    char **);
/* Every milestone, newest first. */
int	history_milestones(const char *, struct milestone **, size_t *,
	    char **);
void	milestone_free(struct milestone *);
void	milestones_free(struct milestone *, size_t);

/* The state at a milestone name, tag or commit of the repository in DIR
 * (state_free frees it). The files are read from the commit's tree with
 * the parser of "wafr sync". commit (may be NULL) receives the hex id. */
int	history_state(const char *, const char *, struct state **, char *,
	    char **);

#endif
