/* history.h: milestones as git commits and tags, the state at a revision,
 * and the risk-aware diff of two states. The only user of git2.h. */
#ifndef WAFR_HISTORY_H
#define WAFR_HISTORY_H

#include <stdbool.h>
#include <stdint.h>

#include "workspace.h"

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

/* Make the workspace a git repository with .gitignore and a first commit. */
int	history_init(const struct workspace *, char **);

/* Refresh the files, commit them and tag the commit milestone/<slug>.
 * Nothing is left half-done on failure. m (may be NULL) describes it. */
int	history_milestone(struct workspace *, const char *,
	    struct milestone *, char **);
/* Every milestone, newest first. */
int	history_milestones(const struct workspace *, struct milestone **,
	    size_t *, char **);
void	milestone_free(struct milestone *);
void	milestones_free(struct milestone *, size_t);

/* The state at a milestone name, tag or commit: a read-only workspace
 * without a store (workspace_close frees it). The files are read from the
 * commit's tree with the parser of "wafr sync". commit (may be NULL)
 * receives the hex id. */
int	history_state(const struct workspace *, const char *,
	    struct workspace **, char *, char **);

/* Load the state of the newest milestone into ws->baseline (left NULL when
 * there is none), so that "HRIs still open" counts against it. */
int	history_load_baseline(struct workspace *, char **);

/* The risk-aware diff of two states. */
enum {
	CHANGE_HRI_CLOSED = 0x1,
	CHANGE_HRI_OPENED = 0x2,
	CHANGE_MRI_CLOSED = 0x4,
	CHANGE_MRI_OPENED = 0x8,
	CHANGE_ANSWER = 0x10,	/* choices or applicability */
	CHANGE_NOTE = 0x20,
	CHANGE_OTHER = 0x40,	/* evidence, verification, roadmap */
};
struct question_change {
	const struct lens	*lens;		/* of the TO state when there */
	const struct question	*q;
	enum risk		 from;
	enum risk		 to;
	int			 flags;
};
struct review_diff {
	struct question_change	*v;	/* in lens, pillar, question order */
	size_t			 n;
	size_t			 cap;
	struct tally		 from;
	struct tally		 to;
};
void	review_diff(const struct workspace *, const struct workspace *,
	    struct review_diff *);
void	review_diff_free(struct review_diff *);

#endif
