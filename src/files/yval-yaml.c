/* yval-yaml.c: libyaml to and from the value tree. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "base/util.h"
#include "files/yval-yaml.h"

#define MAX_DEPTH 128	/* nesting kept from a document */

static struct yval *
from_node(yaml_document_t *doc, yaml_node_t *n, int depth)
{
	struct yval		*v = xcalloc(1, sizeof *v);
	yaml_node_item_t	*it;
	yaml_node_pair_t	*p;
	size_t			 cap = 0;

	v->line = (int)n->start_mark.line + 1;
	if (depth > MAX_DEPTH) {
		v->type = YVAL_SCALAR;
		v->s = xstrdup("");
		return v;
	}
	switch (n->type) {
	case YAML_SEQUENCE_NODE:
		v->type = YVAL_SEQ;
		for (it = n->data.sequence.items.start;
		    it < n->data.sequence.items.top; it++)
			*ARRAY_PUSH(v->v, v->n, cap) = from_node(doc,
			    yaml_document_get_node(doc, *it), depth + 1);
		break;
	case YAML_MAPPING_NODE:
		v->type = YVAL_MAP;
		for (p = n->data.mapping.pairs.start;
		    p < n->data.mapping.pairs.top; p++) {
			yaml_node_t	*k = yaml_document_get_node(doc, p->key);
			const char	*key = k->type == YAML_SCALAR_NODE ?
			    (const char *)k->data.scalar.value : "";

			yval_map_set(v, key, from_node(doc,
			    yaml_document_get_node(doc, p->value), depth + 1));
		}
		break;
	default:
		v->type = YVAL_SCALAR;
		v->s = xstrndup((const char *)n->data.scalar.value,
		    n->data.scalar.length);
		v->quoted = n->data.scalar.style != YAML_PLAIN_SCALAR_STYLE;
		break;
	}
	return v;
}

struct yval *
yval_from_node(yaml_document_t *doc, yaml_node_t *n)
{
	return from_node(doc, n, 0);
}

int
yval_parse(const char *data, size_t size, struct yval **out, char **cause)
{
	yaml_parser_t	 parser;
	yaml_document_t	 doc;
	yaml_node_t	*root;

	*out = NULL;
	if (!yaml_parser_initialize(&parser))
		return fail(cause, "%s", _("cannot start the parser"));
	yaml_parser_set_input_string(&parser, (const unsigned char *)data, size);
	if (!yaml_parser_load(&parser, &doc)) {
		fail(cause, "%zu:%zu: %s", parser.problem_mark.line + 1,
		    parser.problem_mark.column + 1, parser.problem != NULL ?
		    parser.problem : _("syntax error"));
		yaml_parser_delete(&parser);
		return -1;
	}
	yaml_parser_delete(&parser);
	if ((root = yaml_document_get_root_node(&doc)) == NULL) {
		yaml_document_delete(&doc);
		return fail(cause, "%s", _("the file is empty"));
	}
	*out = from_node(&doc, root, 0);
	yaml_document_delete(&doc);
	return 0;
}

static int
emit_scalar(yaml_emitter_t *e, const char *s, bool quoted)
{
	yaml_event_t ev;

	if (!yaml_scalar_event_initialize(&ev, NULL, NULL,
	    (yaml_char_t *)s, (int)strlen(s), !quoted, quoted,
	    quoted ? YAML_DOUBLE_QUOTED_SCALAR_STYLE : YAML_PLAIN_SCALAR_STYLE))
		return -1;
	return yaml_emitter_emit(e, &ev) ? 0 : -1;
}

int
yval_emit(yaml_emitter_t *e, const struct yval *v)
{
	yaml_event_t ev;

	switch (v->type) {
	case YVAL_SCALAR:
		return emit_scalar(e, v->s, v->quoted);
	case YVAL_SEQ:
		if (!yaml_sequence_start_event_initialize(&ev, NULL, NULL, 1,
		    YAML_BLOCK_SEQUENCE_STYLE) || !yaml_emitter_emit(e, &ev))
			return -1;
		for (size_t i = 0; i < v->n; i++) {
			if (yval_emit(e, v->v[i]) != 0)
				return -1;
		}
		if (!yaml_sequence_end_event_initialize(&ev) ||
		    !yaml_emitter_emit(e, &ev))
			return -1;
		return 0;
	case YVAL_MAP:
		if (!yaml_mapping_start_event_initialize(&ev, NULL, NULL, 1,
		    YAML_BLOCK_MAPPING_STYLE) || !yaml_emitter_emit(e, &ev))
			return -1;
		for (size_t i = 0; i < v->n; i++) {
			if (emit_scalar(e, v->keys[i], false) != 0 ||
			    yval_emit(e, v->v[i]) != 0)
				return -1;
		}
		if (!yaml_mapping_end_event_initialize(&ev) ||
		    !yaml_emitter_emit(e, &ev))
			return -1;
		return 0;
	}
	return -1;
}
