/* portfolio.h: many workloads side by side: their risks, progress,
 * milestones and roadmaps, the portfolio's totals and the risks most of
 * them share. Pure: the front end reads each workspace and adds its state;
 * the formats are text the caller frees. */
#ifndef WAFR_PORTFOLIO_H
#define WAFR_PORTFOLIO_H

#include <stdbool.h>
#include <stdint.h>

#include "model/state.h"

/* A workload's newest milestone, as the front end found it. */
struct portfolio_milestone {
	const char	*name;
	int64_t		 time;		/* seconds since the epoch */
	int		 offset;	/* minutes east of UTC */
	struct tally	 tally;		/* the risks then */
};

struct portfolio_pillar {
	char		*lens;
	char		*id;
	char		*title;
	struct tally	 tally;
};

struct portfolio_workload {
	char			*dir;
	char			*name;
	char			*environment;
	char			*lenses;	/* ids, space-separated */
	struct portfolio_pillar	*pillars;
	size_t			 npillars;
	struct tally		 total;
	bool			 has_milestone;
	char			*milestone;
	char			 milestone_date[11];	/* YYYY-MM-DD */
	struct tally		 milestone_tally;
	/* Since the milestone: HRIs and MRIs now less then. */
	int			 trend_high, trend_medium;
	unsigned		 roadmap_open;		/* neither done nor
							   accepted */
	unsigned		 roadmap_overdue;	/* ... past its target */
};

/* A pillar or a question, and in how many workloads it is high risk. */
struct portfolio_rank {
	char		*lens;
	char		*id;
	char		*number;	/* a question's; may be NULL */
	char		*title;
	unsigned	 workloads;
	unsigned	 high;		/* HRIs over all workloads */
};

struct portfolio {
	struct portfolio_workload	*v;
	size_t				 n;
	struct tally			 total;
	unsigned			 roadmap_open, roadmap_overdue;
	struct portfolio_rank		*pillars;	/* most workloads first */
	size_t				 npillars;
	struct portfolio_rank		*questions;
	size_t				 nquestions;
	char				**skipped;	/* "DIR: why" */
	size_t				 nskipped;
	char				 today[11];	/* for "overdue" */
};

/* today: YYYY-MM-DD, the day past which a target is overdue. */
void	 portfolio_init(struct portfolio *, const char *);
/* One workload: its state read from DIR, its newest milestone or NULL. */
void	 portfolio_add(struct portfolio *, const char *, const struct state *,
	    const struct portfolio_milestone *);
void	 portfolio_skip(struct portfolio *, const char *, const char *);
/* Sort the ranks once every workload is in. */
void	 portfolio_finish(struct portfolio *);
void	 portfolio_free(struct portfolio *);

char	*portfolio_markdown(const struct portfolio *);
char	*portfolio_html(const struct portfolio *);
char	*portfolio_json(const struct portfolio *);
char	*portfolio_csv(const struct portfolio *);

#endif
