/* yval-text.h: a value tree as deterministic YAML text (libyaml's
 * emitter): block style, keys in the tree's order, multi-line texts as
 * literal blocks, quoted scalars double-quoted. */
#ifndef WAFR_YVAL_TEXT_H
#define WAFR_YVAL_TEXT_H

#include <stddef.h>

#include "model/yval.h"

/* The text (malloc'd, NUL-terminated, *size bytes), or NULL when the
 * emitter refused a value (text that is not UTF-8). */
char	*yval_text(const struct yval *, size_t *);

#endif
