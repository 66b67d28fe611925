/* report.h: the review as a document, one function per format.
 *
 * Each reads a state: its lenses, answers, roadmap and workload
 * properties, the live state or one rebuilt from a milestone's files. Each returns a malloc'd,
 * NUL-terminated text the caller frees. */
#ifndef WAFR_REPORT_H
#define WAFR_REPORT_H

#include "base/util.h"
#include "model/state.h"
#include "base/util.h"

/* What a report knows besides the state; every field may be unset. */
struct report_mark {
	const char	*name;
	long long	 time;		/* seconds since the epoch */
	struct tally	 tally;
};
struct report_ctx {
	const char		*milestone;	/* the milestone reported, or
						 * NULL: the live state */
	long long		 date;		/* its time, or the report's */
	long long		 now;		/* judges overdue items; 0 not */
	/* The milestone before, for HRIs closed and opened since (NULL: for
	 * the live state, the state's baseline). */
	const struct state	*earlier;
	const char		*earlier_name;
	const struct report_mark *marks;	/* every milestone, oldest
						 * first: the trend */
	size_t			 nmarks;
};

char	*report_markdown(const struct state *);
char	*report_markdown_ctx(const struct state *, const struct report_ctx *);
/* One self-contained page: no script, nothing fetched. */
char	*report_html(const struct state *);
char	*report_html_ctx(const struct state *, const struct report_ctx *);
/* Everything, for other tools. */
char	*report_json(const struct state *);
/* The scan results as JSON members "scans" (the imports) and
 * "scan_results" (per question; only: of that one), no braces. */
void	 report_scans_json(struct buf *, const struct state *,
	    const struct qref *);
/* The roadmap, for a Jira or GitHub issue import. */
char	*report_csv(const struct state *);

/* One RFC 4180 CSV field, quoted; a cell a spreadsheet would run as a
 * formula (=, +, -, @, a tab or a return first) gets a leading quote. */
void	 csv_field(struct buf *, const char *);

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
