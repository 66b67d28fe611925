/* report.h: the review as a document, one function per format.
 *
 * Each reads a state: its lenses, answers, roadmap and workload
 * properties, the live state or one rebuilt from a milestone's files. Each returns a malloc'd,
 * NUL-terminated text the caller frees. */
#ifndef WAFR_REPORT_H
#define WAFR_REPORT_H

#include "model/state.h"

char	*report_markdown(const struct state *);
/* One self-contained page: no script, nothing fetched. */
char	*report_html(const struct state *);
/* Everything, for other tools. */
char	*report_json(const struct state *);
/* The roadmap, for a Jira or GitHub issue import. */
char	*report_csv(const struct state *);

/* True if any pillar has a time box or time spent (the report then has a
 * section on it). */
bool	 report_has_time(const struct state *);
/* Sentences on the profile's prioritized questions and the answers from a
 * template not confirmed yet (each malloc'd): how many. */
#define REPORT_LIFE_MAX 2
size_t	 report_life(const struct state *, char *[REPORT_LIFE_MAX]);

#endif
