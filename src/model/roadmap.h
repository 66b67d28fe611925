/* roadmap.h: a finding taken onto the remediation roadmap. Pure. */
#ifndef WAFR_ROADMAP_H
#define WAFR_ROADMAP_H

#include <stdbool.h>
#include <stddef.h>

#include "model/lens.h"

enum effort { EFFORT_UNSET = 0, EFFORT_SMALL, EFFORT_MEDIUM, EFFORT_LARGE };
enum item_status {
	STATUS_OPEN = 0,
	STATUS_IN_PROGRESS,
	STATUS_DONE,
	STATUS_ACCEPTED,	/* accepted risk, with a reason */
};

struct roadmap_item {
	char		*owner;
	char		*ticket;
	enum effort	 effort;
	enum item_status status;
	char		*reason;	/* why the risk is accepted */
	char		*target;	/* target date, YYYY-MM-DD */
};

const char	*effort_name(enum effort);
int		 effort_parse(const char *, enum effort *);
const char	*status_name(enum item_status);
int		 status_parse(const char *, enum item_status *);

/* An item's status read against its question's risk now. An item marked
 * done while its question is still at high or medium risk is "done, risk
 * still open": it counts as open and is listed with the open ones. */
enum item_state {
	ITEM_OPEN = 0,
	ITEM_IN_PROGRESS,
	ITEM_DONE,
	ITEM_ACCEPTED,
	ITEM_DONE_RISK_OPEN,
};
enum item_state	 roadmap_item_state(const struct roadmap_item *, enum risk);
/* Open, in progress, or done with the risk still open. */
bool		 roadmap_item_open(const struct roadmap_item *, enum risk);
/* The status group it is listed in: done with the risk still open is
 * listed as open. */
enum item_status roadmap_item_group(const struct roadmap_item *, enum risk);
/* Open or in progress while its question is no longer a finding (no risk
 * left, or not applicable): it may be closed. */
bool		 roadmap_item_closable(const struct roadmap_item *, enum risk);
/* Still open past its target date; today is YYYY-MM-DD. */
bool		 roadmap_item_overdue(const struct roadmap_item *, enum risk,
		    const char *);

void		 roadmap_item_free(struct roadmap_item *);
struct roadmap_item *roadmap_item_dup(const struct roadmap_item *);
void		*roadmap_item_encode(const struct roadmap_item *, size_t *);
struct roadmap_item *roadmap_item_decode(const void *, size_t);

#endif
