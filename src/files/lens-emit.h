/* lens-emit.h: writing a lens model as wafr's YAML lens form. */
#ifndef WAFR_LENS_EMIT_H
#define WAFR_LENS_EMIT_H

#include "model/lens.h"
#include "base/util.h"

/* Append the YAML form of the lens to the buffer. Fields the form does not
 * express (kept from an AWS custom lens) go under "aws:" keys, so loading
 * the result gives the same lens. */
int	lens_emit_yaml(const struct lens *, struct buf *, char **);

#endif
