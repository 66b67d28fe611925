/* yval-yaml.c: libyaml to and from the value tree. */
#include "config.h"

#include <limits.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "base/util.h"
#include "files/yval-yaml.h"

#define MAX_DEPTH 128	/* nesting kept from a document */

/* The composer: libyaml's events into a document, as yaml_parser_load does,
 * but within limits and with anchors found by hash, not one by one. */

struct anchor {
	char		*name;
	int		 node;
	bool		 open;		/* its node is not complete yet */
	size_t		 size;		/* its nodes, with what aliases reach */
	size_t		 line;
};

struct frame {
	int		 node;
	int		 key;		/* a mapping's key awaiting its value */
	size_t		 size;		/* nodes under it so far */
	size_t		 anchor;	/* index into anchors, or SIZE_MAX */
};

struct compose {
	yaml_document_t		*doc;
	struct yload_error	*err;
	struct anchor		*anchors;	/* in the order defined */
	size_t			 nanchors;
	size_t			 capanchors;
	size_t			*table;		/* anchor index + 1; 0 is free */
	size_t			 tablesize;
	struct frame		 stack[YLOAD_MAX_DEPTH];
	int			 depth;
	size_t			 aliased;	/* nodes reached through aliases */
};

static int
cerr(struct compose *c, const yaml_mark_t *m, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static int
cerr(struct compose *c, const yaml_mark_t *m, const char *fmt, ...)
{
	va_list ap;

	c->err->line = (int)m->line + 1;
	c->err->col = (int)m->column + 1;
	va_start(ap, fmt);
	c->err->msg = xvasprintf(fmt, ap);
	va_end(ap);
	return -1;
}

static size_t
anchor_hash(const char *s)
{
	size_t h = 5381;

	while (*s != '\0')
		h = h * 33 + (unsigned char)*s++;
	return h;
}

static size_t
anchor_find(struct compose *c, const char *name)
{
	size_t h, i;

	if (c->tablesize == 0)
		return SIZE_MAX;
	for (h = anchor_hash(name) & (c->tablesize - 1);
	    (i = c->table[h]) != 0; h = (h + 1) & (c->tablesize - 1)) {
		if (strcmp(c->anchors[i - 1].name, name) == 0)
			return i - 1;
	}
	return SIZE_MAX;
}

static size_t
anchor_add(struct compose *c, const char *name, int node, bool open,
    size_t line)
{
	struct anchor	*a;
	size_t		 h;

	/* Keep the table at most half full. */
	if (2 * (c->nanchors + 1) > c->tablesize) {
		free(c->table);
		c->tablesize = c->tablesize == 0 ? 16 : c->tablesize * 2;
		c->table = xcalloc(c->tablesize, sizeof *c->table);
		for (size_t i = 0; i < c->nanchors; i++) {
			h = anchor_hash(c->anchors[i].name) & (c->tablesize - 1);
			while (c->table[h] != 0)
				h = (h + 1) & (c->tablesize - 1);
			c->table[h] = i + 1;
		}
	}
	a = ARRAY_PUSH(c->anchors, c->nanchors, c->capanchors);
	a->name = xstrdup(name);
	a->node = node;
	a->open = open;
	a->size = 1;
	a->line = line;
	h = anchor_hash(name) & (c->tablesize - 1);
	while (c->table[h] != 0)
		h = (h + 1) & (c->tablesize - 1);
	c->table[h] = c->nanchors;
	return c->nanchors - 1;
}

/* Give a complete node its place: the root, an item, a key or a value. */
static int
attach(struct compose *c, int node, size_t size, const yaml_mark_t *m)
{
	struct frame	*f;
	int		 ok;

	if (c->depth == 0)
		return 0;	/* the root: the document's first node */
	f = &c->stack[c->depth - 1];
	f->size += size;
	if (yaml_document_get_node(c->doc, f->node)->type ==
	    YAML_SEQUENCE_NODE)
		ok = yaml_document_append_sequence_item(c->doc, f->node, node);
	else if (f->key == 0) {
		f->key = node;
		return 0;
	} else {
		ok = yaml_document_append_mapping_pair(c->doc, f->node, f->key,
		    node);
		f->key = 0;
	}
	return ok ? 0 : cerr(c, m, "%s", _("out of memory"));
}

/* "!" and no tag alike give the default tag. */
static const yaml_char_t *
node_tag(const yaml_char_t *tag)
{
	return tag == NULL || strcmp((const char *)tag, "!") == 0 ? NULL : tag;
}

/* A scalar, or the start of a list or a mapping. */
static int
compose_start(struct compose *c, yaml_event_t *ev)
{
	const yaml_mark_t	*m = &ev->start_mark;
	yaml_char_t		*anchor;
	yaml_node_t		*n;
	struct frame		*f;
	size_t			 a;
	int			 node;

	switch (ev->type) {
	case YAML_SCALAR_EVENT:
		anchor = ev->data.scalar.anchor;
		if (ev->data.scalar.length > INT_MAX)
			return cerr(c, m, "%s", _("a text is too long"));
		node = yaml_document_add_scalar(c->doc,
		    node_tag(ev->data.scalar.tag), ev->data.scalar.value,
		    (int)ev->data.scalar.length, ev->data.scalar.style);
		break;
	case YAML_SEQUENCE_START_EVENT:
		anchor = ev->data.sequence_start.anchor;
		node = yaml_document_add_sequence(c->doc,
		    node_tag(ev->data.sequence_start.tag),
		    ev->data.sequence_start.style);
		break;
	default:
		anchor = ev->data.mapping_start.anchor;
		node = yaml_document_add_mapping(c->doc,
		    node_tag(ev->data.mapping_start.tag),
		    ev->data.mapping_start.style);
		break;
	}
	if (node == 0)
		return cerr(c, m, "%s", _("out of memory"));
	n = yaml_document_get_node(c->doc, node);
	n->start_mark = ev->start_mark;
	n->end_mark = ev->end_mark;
	if (anchor != NULL) {
		if (c->nanchors == YLOAD_MAX_ANCHORS)
			return cerr(c, m, ngettext("over %d anchor",
			    "over %d anchors", YLOAD_MAX_ANCHORS),
			    YLOAD_MAX_ANCHORS);
		if ((a = anchor_find(c, (char *)anchor)) != SIZE_MAX)
			return cerr(c, m, _("anchor &%s is defined twice (first "
			    "at line %zu)"), (char *)anchor,
			    c->anchors[a].line + 1);
		a = anchor_add(c, (char *)anchor, node,
		    ev->type != YAML_SCALAR_EVENT, m->line);
	} else
		a = SIZE_MAX;
	if (ev->type == YAML_SCALAR_EVENT)
		return attach(c, node, 1, m);
	if (c->depth == YLOAD_MAX_DEPTH)
		return cerr(c, m, ngettext("nested deeper than %d level",
		    "nested deeper than %d levels", YLOAD_MAX_DEPTH),
		    YLOAD_MAX_DEPTH);
	f = &c->stack[c->depth++];
	*f = (struct frame){ .node = node, .anchor = a };
	return 0;
}

/* The end of a list or a mapping. */
static int
compose_end(struct compose *c, yaml_event_t *ev)
{
	struct frame	f;
	size_t		size;

	if (c->depth == 0)
		return cerr(c, &ev->start_mark, "%s", _("bad YAML"));
	f = c->stack[--c->depth];
	size = f.size + 1;
	yaml_document_get_node(c->doc, f.node)->end_mark = ev->end_mark;
	if (f.anchor != SIZE_MAX) {
		c->anchors[f.anchor].open = false;
		c->anchors[f.anchor].size = size;
	}
	return attach(c, f.node, size, &ev->start_mark);
}

/* An alias shares its anchor's node: every walk of the document visits that
 * node again, so what aliases reach is counted and bounded. */
static int
compose_alias(struct compose *c, yaml_event_t *ev)
{
	const char		*name = (const char *)ev->data.alias.anchor;
	const yaml_mark_t	*m = &ev->start_mark;
	struct anchor		*a;
	size_t			 i;

	if ((i = anchor_find(c, name)) == SIZE_MAX)
		return cerr(c, m, _("alias *%s names no anchor before it"),
		    name);
	a = &c->anchors[i];
	if (a->open)
		return cerr(c, m, _("alias *%s is inside the node it names"),
		    name);
	if (a->size > YLOAD_MAX_ALIASED - c->aliased)
		return cerr(c, m, ngettext("too many aliases: *%s would expand "
		    "the document by over %d node", "too many aliases: *%s "
		    "would expand the document by over %d nodes",
		    YLOAD_MAX_ALIASED), name, YLOAD_MAX_ALIASED);
	c->aliased += a->size;
	return attach(c, a->node, a->size, m);
}

int
yval_load_doc(const void *data, size_t size, bool one, yaml_document_t *doc,
    struct yload_error *err)
{
	yaml_parser_t	 parser;
	yaml_event_t	 ev;
	struct compose	 c = { .doc = doc, .err = err };
	bool		 started = false, done = false;
	int		 r, ret = -1;

	*err = (struct yload_error){ .line = 1, .col = 1 };
	memset(doc, 0, sizeof *doc);
	if (!yaml_parser_initialize(&parser)) {
		err->msg = xstrdup(_("cannot start the parser"));
		return -1;
	}
	yaml_parser_set_input_string(&parser, data, size);
	while (!done) {
		if (!yaml_parser_parse(&parser, &ev)) {
			const yaml_mark_t *m = &parser.problem_mark;

			err->line = (int)m->line + 1;
			err->col = (int)m->column + 1;
			err->msg = xasprintf("%s%s%s",
			    parser.error == YAML_MEMORY_ERROR ?
			    _("out of memory") : parser.problem != NULL ?
			    parser.problem : _("bad YAML"),
			    parser.context != NULL ? " " : "",
			    parser.context != NULL ? parser.context : "");
			goto out;
		}
		r = 0;
		switch (ev.type) {
		case YAML_DOCUMENT_START_EVENT:
			if (started) {
				r = cerr(&c, &ev.start_mark, "%s",
				    _("a second document: the file must hold "
				    "one"));
				break;
			}
			if (!yaml_document_initialize(doc, NULL, NULL, NULL,
			    ev.data.document_start.implicit, 1)) {
				r = cerr(&c, &ev.start_mark, "%s",
				    _("out of memory"));
				break;
			}
			doc->start_mark = ev.start_mark;
			started = true;
			break;
		case YAML_DOCUMENT_END_EVENT:
			doc->end_implicit = ev.data.document_end.implicit;
			doc->end_mark = ev.end_mark;
			done = !one;	/* what follows is not read */
			break;
		case YAML_SCALAR_EVENT:
		case YAML_SEQUENCE_START_EVENT:
		case YAML_MAPPING_START_EVENT:
			r = compose_start(&c, &ev);
			break;
		case YAML_SEQUENCE_END_EVENT:
		case YAML_MAPPING_END_EVENT:
			r = compose_end(&c, &ev);
			break;
		case YAML_ALIAS_EVENT:
			r = compose_alias(&c, &ev);
			break;
		case YAML_STREAM_START_EVENT:
			break;
		default:
			done = true;	/* the end of the stream */
			break;
		}
		yaml_event_delete(&ev);
		if (r != 0)
			goto out;
	}
	if (!started && !yaml_document_initialize(doc, NULL, NULL, NULL, 1,
	    1)) {
		err->msg = xstrdup(_("out of memory"));
		goto out;
	}
	started = true;
	ret = 0;
out:
	if (ret != 0 && started)
		yaml_document_delete(doc);
	if (ret != 0)
		memset(doc, 0, sizeof *doc);
	for (size_t i = 0; i < c.nanchors; i++)
		free(c.anchors[i].name);
	free(c.anchors);
	free(c.table);
	yaml_parser_delete(&parser);
	return ret;
}

struct keyref {
	const char	*key;
	size_t		 i;
};

static int
cmp_keyref(const void *a, const void *b)
{
	const struct keyref	*x = a, *y = b;
	int			 c = strcmp(x->key, y->key);

	if (c != 0)
		return c;
	return x->i < y->i ? -1 : x->i > y->i;
}

/* A key given twice keeps its first place and its last value, as
 * yval_map_set does; found by sorting, as a map may have 100,000 keys. */
static void
merge_keys(struct yval *m)
{
	struct keyref	*refs;
	size_t		 run = 0, n = 0;
	bool		 any = false;

	if (m->n < 2)
		return;
	refs = xreallocarray(NULL, m->n, sizeof *refs);
	for (size_t i = 0; i < m->n; i++)
		refs[i] = (struct keyref){ m->keys[i], i };
	qsort(refs, m->n, sizeof *refs, cmp_keyref);
	for (size_t i = 1; i <= m->n; i++) {
		size_t first, last;

		if (i < m->n && strcmp(refs[i].key, refs[run].key) == 0)
			continue;
		/* refs[run .. i - 1] hold one key, in the order given. */
		first = refs[run].i;
		last = refs[i - 1].i;
		if (first != last) {
			yval_free(m->v[first]);
			m->v[first] = m->v[last];
			for (size_t j = run + 1; j < i; j++) {
				if (refs[j].i != last)
					yval_free(m->v[refs[j].i]);
				free(m->keys[refs[j].i]);
				m->keys[refs[j].i] = NULL;
			}
			any = true;
		}
		run = i;
	}
	free(refs);
	if (!any)
		return;
	for (size_t i = 0; i < m->n; i++) {
		if (m->keys[i] == NULL)
			continue;
		m->keys[n] = m->keys[i];
		m->v[n++] = m->v[i];
	}
	m->n = n;
}

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
		cap = (size_t)(n->data.mapping.pairs.top -
		    n->data.mapping.pairs.start);
		v->keys = xreallocarray(NULL, cap, sizeof *v->keys);
		v->v = xreallocarray(NULL, cap, sizeof *v->v);
		for (p = n->data.mapping.pairs.start;
		    p < n->data.mapping.pairs.top; p++) {
			yaml_node_t	*k = yaml_document_get_node(doc, p->key);
			const char	*key = k->type == YAML_SCALAR_NODE ?
			    (const char *)k->data.scalar.value : "";

			v->keys[v->n] = xstrdup(key);
			v->v[v->n++] = from_node(doc,
			    yaml_document_get_node(doc, p->value), depth + 1);
		}
		merge_keys(v);
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
	yaml_document_t		 doc;
	yaml_node_t		*root;
	struct yload_error	 err;

	*out = NULL;
	if (yval_load_doc(data, size, false, &doc, &err) != 0) {
		fail(cause, "%d:%d: %s", err.line, err.col, err.msg);
		free(err.msg);
		return -1;
	}
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
