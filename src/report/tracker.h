/* tracker.h: the roadmap in the team's tracker, both ways. Pure: text in,
 * text out.
 *
 * Each item carries a stable id, "wafr:LENS/QUESTION", in its labels (or
 * tags) and its body, by which the tracker's own export is matched back. */
#ifndef WAFR_TRACKER_H
#define WAFR_TRACKER_H

#include <stdbool.h>

#include "model/roadmap.h"
#include "model/state.h"
#include "model/yval.h"

#define TRACKER_ID_PREFIX "wafr:"

enum tracker { TRACKER_JIRA, TRACKER_GITHUB, TRACKER_AZURE };

int	 tracker_parse(const char *, enum tracker *);
const char *tracker_name(enum tracker);

/* Jira's CSV import, the shell script that creates the GitHub issues with
 * "gh issue create", Azure DevOps' work-item CSV import. */
char	*tracker_export(const struct state *, enum tracker);
/* The GitHub issues as a JSON array (title, body, labels, assignees). */
char	*tracker_export_github_json(const struct state *);

/* One row of a tracker's export. */
struct tracker_row {
	char		*id;		/* LENS/QUESTION, or NULL: none found */
	char		*title;
	bool		 has_status;
	enum item_status status;	/* what the tracker's state maps to */
	bool		 open_only;	/* the tracker knows open or closed only */
	char		*owner;		/* NULL: unassigned */
	char		*ticket;	/* key, link or id */
};
struct tracker_rows {
	struct tracker_row	*v;
	size_t			 n;
	enum tracker		 from;
};

/* A Jira CSV export or an Azure DevOps CSV export (told apart by their
 * columns); -1 with *cause when it is neither. */
int	 tracker_read_csv(const char *, size_t, struct tracker_rows *,
	    char **);
/* The output of gh issue list --json number,title,state,assignees,labels,url. */
int	 tracker_read_github(const struct yval *, struct tracker_rows *,
	    char **);
void	 tracker_rows_free(struct tracker_rows *);

/* The item a row makes of the current one (NULL when nothing changes):
 * status, owner and ticket from the tracker. An accepted risk stays
 * accepted; "open" from a tracker that knows no "in progress" keeps it. */
struct roadmap_item *tracker_apply(const struct roadmap_item *,
	    const struct tracker_row *);

#endif
