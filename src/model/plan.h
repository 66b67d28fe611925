/* plan.h: the improvement plan and the remediation roadmap, computed from a
 * state. Pure: no I/O, so the UI views, the CLI and the reports share it;
 * the live state and a milestone's state work the same. */
#ifndef WAFR_PLAN_H
#define WAFR_PLAN_H

#include <stdbool.h>
#include <stddef.h>

#include "base/util.h"
#include "model/state.h"

/* One finding: a question at HIGH or MEDIUM risk. */
struct plan_entry {
	struct qref			 ref;
	enum risk			 risk;
	const struct choice		**missing;	/* practices still missing */
	size_t				 nmissing;
	const struct roadmap_item	*item;		/* NULL: not on the roadmap */
	bool				 prioritized;	/* by the profile */
};

/* Findings by risk, then the workload's pillar priorities, then the
 * questions the profile prioritizes, then question order. */
struct plan {
	struct plan_entry	*v;
	size_t			 n;
	unsigned		 high;
	unsigned		 medium;
};

void	 plan_build(const struct state *, struct plan *);
void	 plan_free(struct plan *);

/* The practices of a question still missing under an answer, the riskiest
 * first, then in lens order. Returns how many; *out is malloc'd. */
size_t	 plan_missing(const struct question *, const struct answer *,
	    const struct choice ***);

/* Rank of a pillar under the "pillar-priorities" workload property
 * (comma-separated pillar ids): listed pillars first, in that order, then
 * the others in lens order. Lower is earlier. */
size_t	 plan_pillar_rank(const struct state *, size_t,
	    const struct pillar *);
/* Check a "pillar-priorities" value against the workspace's pillars. */
int	 plan_check_priorities(const struct state *, const char *,
	    char **);

#define ROADMAP_NGROUPS 4	/* one per enum item_status */

/* An item of the roadmap with the finding it came from. */
struct roadmap_entry {
	struct qref			 ref;
	enum risk			 risk;	/* the question's risk now */
	const struct roadmap_item	*item;
};

/* The roadmap: grouped by status (open, in progress, done, accepted), each
 * group ordered by severity then effort (the quick wins first). */
struct roadmap_view {
	struct roadmap_entry	*v;
	size_t			 n;
	size_t			 group[ROADMAP_NGROUPS];	/* first index */
	size_t			 ngroup[ROADMAP_NGROUPS];
	unsigned		 hri;		/* HRIs now */
	unsigned		 hri_open;	/* ... neither done nor accepted */
	unsigned		 hri_untracked;	/* ... not on the roadmap */
	bool			 has_baseline;
	unsigned		 baseline_hri;	/* HRIs at the last milestone */
	unsigned		 baseline_open;	/* ... still HRIs now */
};

/* What a view adds to an entry so that status and risk agree: "Done, risk
 * still open", "No longer a finding: it may be closed", or NULL. */
const char *roadmap_entry_hint(const struct roadmap_entry *);

/* baseline: the state at the last milestone, or NULL when there is none. */
void	 roadmap_build(const struct state *, const struct state *,
	    struct roadmap_view *);
void	 roadmap_view_free(struct roadmap_view *);
/* "Since the last milestone: N of its M high-risk issues are still open.",
 * in the plural forms of the language; to free. */
char	*roadmap_since_text(const struct roadmap_view *);
/* The roadmap's order of two entries, for tests and views. */
int	 roadmap_compare(const struct state *, const struct roadmap_entry *,
	    const struct roadmap_entry *);

/* The workload properties' indexes in key order, so that a report does not
 * depend on the order they were set in. The caller frees the array. */
size_t	*plan_prop_order(const struct state *);

/* Words for people: "High", "In progress", "Verified in the workshop". */
const char *risk_label(enum risk);
const char *status_label(enum item_status);
/* A status read against the risk: "Done, risk still open" too. */
const char *item_state_label(enum item_state);
const char *effort_label(enum effort);
const char *verification_label(enum verification);
/* "HRI", "MRI" or "" for a risk. */
const char *finding_code(enum risk);
/* A validated YYYY-MM-DD date. */
bool	 plan_date_valid(const char *);

#endif
