/* priority.h: the questions a workload's profile prioritizes, and the
 * answers a template gave that wait for confirmation: queries on a state.
 * Pure: no I/O. */
#ifndef WAFR_PRIORITY_H
#define WAFR_PRIORITY_H

#include <stdbool.h>
#include <stddef.h>

#include "model/profile.h"
#include "model/risk.h"
#include "model/state.h"

/* Check that every rule naming a lens of the state names one of its
 * questions (rules for other lenses wait for them): 0, or -1. */
int		 profile_check(const struct profile *, const struct state *,
		    char **);

/* The profile's answers in the state: the choice ids of one question,
 * separated by blanks (NULL: not answered). */
const char	*state_profile_answer(const struct state *, const char *);
bool		 state_profile_chose(const struct state *, const char *,
		    const char *);
/* Whether the profile's answers prioritize a question. */
bool		 state_prioritized(const struct state *, const struct qref *);
/* The tallies of the prioritized questions, like AWS's
 * PrioritizedRiskCounts: of a pillar, a lens (pillar NULL), or everything
 * (lens -1). */
void		 state_tally_prioritized(const struct state *, int,
		    const struct pillar *, struct tally *);
size_t		 state_nprioritized(const struct state *);

/* Answers given by a template and not yet confirmed in the workshop: in a
 * pillar, a lens (pillar NULL), or everything (lens -1). */
unsigned	 state_unconfirmed(const struct state *, int,
		    const struct pillar *);

#endif
