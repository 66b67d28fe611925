/* lens-check.h: judging a loaded lens beyond what loading it needs. */
#ifndef WAFR_LENS_CHECK_H
#define WAFR_LENS_CHECK_H

#include <stdbool.h>

#include "base/diag.h"
#include "model/lens.h"

/* Add errors for ask: and evidence: lists of the wrong size or with an
 * empty text (and, with aws, for the AWS tool's limits). */
void	lens_check(const struct lens *, bool, struct diags *);

#endif
