/* report.h: the review as a document, one function per format.
 *
 * Each reads a state: its lenses, answers, roadmap and workload
 * properties, the live state or one rebuilt from a milestone's files. Each returns a malloc'd,
 * NUL-terminated text the caller frees. */
#ifndef WAFR_REPORT_H
#define WAFR_REPORT_H

#include "base/util.h"
#include "model/state.h"

char	*report_markdown(const struct state *);
/* One self-contained page: no script, nothing fetched. */
char	*report_html(const struct state *);
/* Everything, for other tools. */
char	*report_json(const struct state *);
/* The scan results as JSON members "scans" (the imports) and
 * "scan_results" (per question; only: of that one), no braces. */
void	 report_scans_json(struct buf *, const struct state *,
	    const struct qref *);
/* The roadmap, for a Jira or GitHub issue import. */
char	*report_csv(const struct state *);

/* True if any pillar has a time box or time spent (the report then has a
 * section on it). */
bool	 report_has_time(const struct state *);
/* Sentences on the profile's prioritized questions and the answers from a
 * template not confirmed yet (each malloc'd): how many. */
#define REPORT_LIFE_MAX 2
size_t	 report_life(const struct state *, char *[REPORT_LIFE_MAX]);

/* Text made safe for a format, as the reports write it: Markdown prose
 * (oneline: newlines become blanks), HTML content or attribute, one CSV
 * field. */
struct buf;
void	 report_md_text(struct buf *, const char *, bool);
void	 report_html_text(struct buf *, const char *);
void	 report_csv_field(struct buf *, const char *);

#endif
