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
};

/* The author of commits when git config names none (NULL: "wafr"). */
void	history_set_author(const char *, const char *);

/* Make the directory a git repository with .gitignore and a first commit
 * of the state's files (written already). */
int	history_init(const char *, const struct state *, char **);

/* Commit the files of the state and tag the commit milestone/<slug>; the
 * files are brought up to date by write_files(arg) once the repository is
 * known to be fit. Nothing is left half-done on failure. m (may be NULL)
 * describes it. */
int	history_milestone(const char *, const struct state *, const char *,
	    int (*)(void *, char **), void *, struct milestone *, char **);
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
