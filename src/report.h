/* report.h: reports of a workspace's state. */
#ifndef WAFR_REPORT_H
#define WAFR_REPORT_H

#include "workspace.h"

/* A readable Markdown summary: tallies per pillar, then every question with
 * its risk, chosen practices and note. Deterministic: no dates. */
char	*report_markdown(const struct workspace *);

#endif
