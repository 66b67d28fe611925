/* roadmap.h: a finding taken onto the remediation roadmap. Pure. */
#ifndef WAFR_ROADMAP_H
#define WAFR_ROADMAP_H

#include <stddef.h>

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

void		 roadmap_item_free(struct roadmap_item *);
struct roadmap_item *roadmap_item_dup(const struct roadmap_item *);
void		*roadmap_item_encode(const struct roadmap_item *, size_t *);
struct roadmap_item *roadmap_item_decode(const void *, size_t);

#endif
