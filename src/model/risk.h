/* risk.h: the risk engine. Pure: a lens question and an answer in, a risk out. */
#ifndef WAFR_RISK_H
#define WAFR_RISK_H

#include <stdbool.h>

#include "model/answer.h"
#include "model/lens.h"

/* Compile an AWS risk-rule condition ("a && !(b || c)", "default") against
 * the question's choices. An unknown choice id is an error here, so a loaded
 * lens never fails at answer time. */
int		cond_parse(const char *, const struct question *, struct cond *,
		    bool *, char **);
/* chosen[i] tells whether choice i counts as in place. */
bool		cond_eval(const struct cond *, const bool *);

/* The risk of a question under its answer (NULL: not answered). */
enum risk	question_risk(const struct question *, const struct answer *);

struct tally {
	unsigned	questions;
	unsigned	answered;	/* every question not UNANSWERED */
	unsigned	n[RISK_COUNT];	/* by risk */
};
void		tally_add(struct tally *, enum risk);
void		tally_sum(struct tally *, const struct tally *);

#endif
