/* diff.h: the risk-aware diff of two states (a milestone and another, or
 * the live state). Pure. */
#ifndef WAFR_DIFF_H
#define WAFR_DIFF_H

#include "model/state.h"

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
void	review_diff(const struct state *, const struct state *,
	    struct review_diff *);
void	review_diff_free(struct review_diff *);

#endif
