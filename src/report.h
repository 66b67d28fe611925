/* report.h: the review as a document, one function per format.
 *
 * Each takes the state through a workspace, and reads only its lenses,
 * answers, roadmap and workload properties: the live state, or a state
 * rebuilt from a milestone's files. Each returns a malloc'd,
 * NUL-terminated text the caller frees. */
#ifndef WAFR_REPORT_H
#define WAFR_REPORT_H

#include "workspace.h"

char	*report_markdown(const struct workspace *);
/* One self-contained page: no script, nothing fetched. */
char	*report_html(const struct workspace *);
/* Everything, for other tools. */
char	*report_json(const struct workspace *);
/* The roadmap, for a Jira or GitHub issue import. */
char	*report_csv(const struct workspace *);

/* True if any pillar has a time box or time spent (the report then has a
 * section on it). */
bool	 report_has_time(const struct workspace *);

#endif
