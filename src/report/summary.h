/* summary.h: what the executive summary of a report says, computed once
 * for every format: the workload in one line, the date, who took part,
 * the findings per pillar, the five that matter most, the roadmap's state
 * and what changed since the milestone before. */
#ifndef WAFR_SUMMARY_H
#define WAFR_SUMMARY_H

#include "model/plan.h"
#include "report/report.h"

#define SUMMARY_TOP 5

struct summary_pillar {
	size_t			 lens;
	const struct pillar	*p;
	unsigned		 high;
	unsigned		 medium;
};

struct summary {
	const char		*name;
	char			*oneline;	/* description's first line, ... */
	const char		*milestone;	/* NULL: the live state */
	char			*date;		/* YYYY-MM-DD, or NULL */
	char			**participants;
	size_t			  nparticipants;
	struct summary_pillar	*pillars;
	size_t			 npillars;
	struct plan		 plan;		/* plan.v[0 .. ntop - 1]: the top */
	size_t			 ntop;
	/* The roadmap: open counts "done, risk still open" too. */
	unsigned		 open, in_progress, done, overdue, accepted;
	unsigned		 done_risk_open;
	const char		*earlier;	/* the milestone before, or NULL */
	unsigned		 hri_closed, hri_opened;
};

void	summary_build(const struct state *, const struct report_ctx *,
	    struct summary *);
void	summary_free(struct summary *);

/* The workload properties to list, in a sensible order (name,
 * description, owner, review owner, environment, regions, industry,
 * architecture, lenses, participants, then the rest by name); the time
 * boxes (agenda/...) are left to their own section. Returns how many. */
size_t	summary_prop_order(const struct state *, size_t **);

/* The roadmap's state in one sentence (numbers only: no markup). */
void	summary_roadmap(struct buf *, const struct summary *);

/* "YYYY-MM-DD" of seconds since the epoch (UTC). */
void	summary_date(long long, char *, size_t);

#endif
