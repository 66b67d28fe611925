/* yval-parse.h: a YAML or JSON document as a value tree (libyaml). Only
 * reads memory. */
#ifndef WAFR_YVAL_PARSE_H
#define WAFR_YVAL_PARSE_H

#include <stddef.h>

#include "model/yval.h"

/* Parse one document; -1 with *cause on a syntax error or an empty text. */
int	yval_parse(const char *, size_t, struct yval **, char **);

#endif
