/* yval-yaml.h: the value tree to and from libyaml's own types, for the
 * parsers and emitters of files/. */
#ifndef WAFR_YVAL_YAML_H
#define WAFR_YVAL_YAML_H

#include <yaml.h>

#include "files/yval-parse.h"

/* Copy a node of a loaded libyaml document. */
struct yval	*yval_from_node(yaml_document_t *, yaml_node_t *);
/* Emit a value as YAML events (block style; scalars quoted as read). */
int		 yval_emit(yaml_emitter_t *, const struct yval *);

#endif
