/* yval-yaml.h: the value tree to and from libyaml's own types, for the
 * parsers and emitters of files/. */
#ifndef WAFR_YVAL_YAML_H
#define WAFR_YVAL_YAML_H

#include <stdbool.h>

#include <yaml.h>

#include "files/yval-parse.h"

/* What a document may hold. libyaml's own loader bounds neither: every walk
 * of a document expands its aliases (a 1 KB file can name a billion nodes)
 * and its scanner pays for deep nesting quadratically. */
#define YLOAD_MAX_DEPTH		64	/* lists and mappings in one another */
#define YLOAD_MAX_ALIASED	100000	/* nodes reached through aliases */
#define YLOAD_MAX_ANCHORS	10000	/* so that even colliding names are quick */

/* Where and why a document was refused (line and column 1-based). */
struct yload_error {
	int	 line;
	int	 col;
	char	*msg;
};

/* Load the first document of a text into doc, within the limits above. With
 * one, a second document is an error too (otherwise it is not read). On
 * success doc must be deleted; its root is NULL for an empty text. On -1
 * doc needs nothing and err->msg is to be freed. */
int		 yval_load_doc(const void *, size_t, bool, yaml_document_t *,
		    struct yload_error *);
/* Copy a node of a loaded libyaml document. */
struct yval	*yval_from_node(yaml_document_t *, yaml_node_t *);
/* Emit a value as YAML events (block style; scalars quoted as read). */
int		 yval_emit(yaml_emitter_t *, const struct yval *);

#endif
