/* json.h: just enough JSON output for reports and --json. */
#ifndef WAFR_JSON_H
#define WAFR_JSON_H

#include "model/risk.h"
#include "base/util.h"

/* Append s as a JSON string literal, escaping quotes, controls and DEL. */
void	json_string(struct buf *, const char *);
/* The members of a tally, as "status --json" documents them (no braces). */
void	json_tally(struct buf *, const struct tally *);

#endif
