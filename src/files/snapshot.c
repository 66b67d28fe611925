/* snapshot.c: the live state as text files, written with the libyaml
 * emitter in a fixed order and read back with the libyaml parser. */
#include "config.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <locale.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <yaml.h>

#include "files/lens-load.h"
#include "files/snapshot.h"
#include "base/util.h"

/* Emitting. */

struct emit {
	yaml_emitter_t	e;
	struct buf	out;
	bool		failed;
};

static int
emit_write(void *arg, unsigned char *data, size_t size)
{
	buf_add(arg, data, size);
	return 1;
}

static void
emit_event(struct emit *em, yaml_event_t *ev)
{
	if (!em->failed && !yaml_emitter_emit(&em->e, ev))
		em->failed = true;
}

/* Text from the store should be UTF-8; a stray byte becomes '?' rather
 * than a file that cannot be written. */
static char *
clean_utf8(const char *s)
{
	size_t	 n = strlen(s);
	char	*c = xstrdup(s);

	if (utf8_valid(c, n))
		return c;
	for (size_t i = 0; i < n; i++) {
		size_t len = 1;

		if ((unsigned char)c[i] >= 0x80) {
			unsigned char b = (unsigned char)c[i];

			len = b >= 0xf0 ? 4 : b >= 0xe0 ? 3 : b >= 0xc0 ? 2 : 1;
			if (len == 1 || i + len > n || !utf8_valid(c + i, len)) {
				c[i] = '?';
				continue;
			}
		}
		i += len - 1;
	}
	return c;
}

static void
emit_scalar_style(struct emit *em, const char *s, yaml_scalar_style_t style)
{
	yaml_event_t	 ev;
	char		*c = clean_utf8(s);

	if (!yaml_scalar_event_initialize(&ev, NULL, NULL, (yaml_char_t *)c,
	    (int)strlen(c), 1, 1, style))
		em->failed = true;
	else
		emit_event(em, &ev);
	free(c);
}

static void
emit_scalar(struct emit *em, const char *s)
{
	emit_scalar_style(em, s, YAML_ANY_SCALAR_STYLE);
}

/* Characters a YAML reader would turn into a plain line feed or that a
 * block cannot show: such text is double-quoted, with escapes. */
static bool
needs_quotes(const char *s)
{
	for (const unsigned char *p = (const unsigned char *)s; *p != '\0';
	    p++) {
		if ((*p < 0x20 && *p != '\n' && *p != '\t') || *p == 0x7f)
			return true;
		if (p[0] == 0xc2 && p[1] == 0x85)		/* NEL */
			return true;
		if (p[0] == 0xe2 && p[1] == 0x80 &&
		    (p[2] == 0xa8 || p[2] == 0xa9))		/* LS, PS */
			return true;
	}
	return false;
}

/* Text as a literal block (always, or only when multi-line), so a diff
 * shows changed lines; the emitter falls back to quoting where a block
 * cannot hold the text. */
static void
emit_block(struct emit *em, const char *s, bool always)
{
	if (needs_quotes(s))
		emit_scalar_style(em, s, YAML_DOUBLE_QUOTED_SCALAR_STYLE);
	else if (always || strchr(s, '\n') != NULL)
		emit_scalar_style(em, s, YAML_LITERAL_SCALAR_STYLE);
	else
		emit_scalar(em, s);
}

static void
emit_text(struct emit *em, const char *s)
{
	emit_block(em, s, false);
}

static void
emit_pair(struct emit *em, const char *key, const char *value)
{
	emit_scalar(em, key);
	emit_scalar(em, value);
}

static void
emit_mapping(struct emit *em, bool start)
{
	yaml_event_t ev;

	if (start)
		yaml_mapping_start_event_initialize(&ev, NULL, NULL, 1,
		    YAML_BLOCK_MAPPING_STYLE);
	else
		yaml_mapping_end_event_initialize(&ev);
	emit_event(em, &ev);
}

static void
emit_sequence(struct emit *em, bool start)
{
	yaml_event_t ev;

	if (start)
		yaml_sequence_start_event_initialize(&ev, NULL, NULL, 1,
		    YAML_BLOCK_SEQUENCE_STYLE);
	else
		yaml_sequence_end_event_initialize(&ev);
	emit_event(em, &ev);
}

static void
emit_begin(struct emit *em)
{
	yaml_event_t ev;

	*em = (struct emit){ 0 };
	if (!yaml_emitter_initialize(&em->e))
		abort();	/* out of memory, as in xmalloc */
	yaml_emitter_set_output(&em->e, emit_write, &em->out);
	yaml_emitter_set_unicode(&em->e, 1);
	yaml_emitter_set_width(&em->e, -1);	/* never fold long lines */
	yaml_emitter_set_break(&em->e, YAML_LN_BREAK);
	yaml_stream_start_event_initialize(&ev, YAML_UTF8_ENCODING);
	emit_event(em, &ev);
	yaml_document_start_event_initialize(&ev, NULL, NULL, NULL, 1);
	emit_event(em, &ev);
	emit_mapping(em, true);
}

static char *
emit_end(struct emit *em, size_t *size)
{
	yaml_event_t ev;

	emit_mapping(em, false);
	yaml_document_end_event_initialize(&ev, 1);
	emit_event(em, &ev);
	yaml_stream_end_event_initialize(&ev);
	emit_event(em, &ev);
	if (!em->failed && !yaml_emitter_flush(&em->e))
		em->failed = true;
	yaml_emitter_delete(&em->e);
	/* The emitter only fails on text it cannot hold, and clean_utf8 made
	 * every text valid; what was written is kept either way. */
	if (em->out.s == NULL)
		buf_adds(&em->out, "");
	*size = em->out.len;
	return buf_take(&em->out);
}

char *
snapshot_answer_path(const struct lens *l, const struct question *q)
{
	return xasprintf("answers/%s/%s/%s.yaml", l->id, q->pillar->id, q->id);
}

char *
snapshot_answer_text(const struct lens *l, const struct question *q,
    const struct answer *a, const struct roadmap_item *it, size_t *size)
{
	struct emit	 em;
	bool		 any;

	(void)l;
	emit_begin(&em);
	emit_pair(&em, "question", q->id);
	/* For readers of a plain git diff; derived, ignored when read. */
	if (q->number != NULL)
		emit_pair(&em, "number", q->number);
	if (q->title.base != NULL)
		emit_pair(&em, "title", q->title.base);
	emit_pair(&em, "risk", risk_name(question_risk(q, a)));

	/* Choices in lens order, whatever order they were chosen in. */
	any = false;
	for (size_t i = 0; i < q->nchoices; i++) {
		if (!answer_selected(a, q->choices[i].id))
			continue;
		if (!any) {
			emit_scalar(&em, "selected");
			emit_sequence(&em, true);
			any = true;
		}
		emit_scalar(&em, q->choices[i].id);
	}
	if (any)
		emit_sequence(&em, false);
	if (a->not_applicable)
		emit_pair(&em, "not-applicable", a->reason != NULL ? a->reason :
		    "");
	any = false;
	for (size_t i = 0; i < q->nchoices; i++) {
		const struct choice_na *na = answer_choice_na(a,
		    q->choices[i].id);

		if (na == NULL)
			continue;
		if (!any) {
			emit_scalar(&em, "choices-not-applicable");
			emit_mapping(&em, true);
			any = true;
		}
		emit_pair(&em, na->choice, na->reason);
	}
	if (any)
		emit_mapping(&em, false);
	if (a->note != NULL && *a->note != '\0') {
		emit_scalar(&em, "note");
		emit_block(&em, a->note, true);
	}
	if (a->nevidence > 0) {
		emit_scalar(&em, "evidence");
		emit_sequence(&em, true);
		for (size_t i = 0; i < a->nevidence; i++)
			emit_text(&em, a->evidence[i]);
		emit_sequence(&em, false);
	}
	if (a->verification != VERIFY_UNSET)
		emit_pair(&em, "verification",
		    verification_name(a->verification));
	if (it != NULL) {
		const char *fields[][2] = {
			{ "owner", it->owner },
			{ "ticket", it->ticket },
			{ "effort", it->effort != EFFORT_UNSET ?
			    effort_name(it->effort) : NULL },
			{ "status", status_name(it->status) },
			{ "reason", it->reason },
			{ "target", it->target },
		};

		emit_scalar(&em, "roadmap");
		emit_mapping(&em, true);
		for (size_t i = 0; i < nitems(fields); i++) {
			if (fields[i][1] == NULL || *fields[i][1] == '\0')
				continue;
			emit_scalar(&em, fields[i][0]);
			emit_text(&em, fields[i][1]);
		}
		emit_mapping(&em, false);
	}
	return emit_end(&em, size);
}

static int
cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* name, environment and lenses first, then the rest by name. */
char *
snapshot_workload_text(const struct kv *kv, size_t *size)
{
	static const char *const first[] = { "name", "environment", "lenses" };
	struct emit	 em;
	const char	*v;
	const char	**rest;
	size_t		 nrest = 0;

	emit_begin(&em);
	for (size_t i = 0; i < nitems(first); i++) {
		if ((v = kv_get(kv, first[i])) == NULL)
			continue;
		emit_scalar(&em, first[i]);
		if (strcmp(first[i], "lenses") == 0) {
			char *list = xstrdup(v), *save = NULL;

			emit_sequence(&em, true);
			for (char *id = strtok_r(list, " ", &save); id != NULL;
			    id = strtok_r(NULL, " ", &save))
				emit_scalar(&em, id);
			emit_sequence(&em, false);
			free(list);
		} else
			emit_text(&em, v);
	}
	rest = xcalloc(kv->n + 1, sizeof *rest);
	for (size_t i = 0; i < kv->n; i++) {
		size_t j;

		for (j = 0; j < nitems(first); j++) {
			if (strcmp(kv->keys[i], first[j]) == 0)
				break;
		}
		if (j == nitems(first))
			rest[nrest++] = kv->keys[i];
	}
	qsort(rest, nrest, sizeof *rest, cmp_str);
	for (size_t i = 0; i < nrest; i++) {
		emit_scalar(&em, rest[i]);
		emit_text(&em, kv_get(kv, rest[i]));
	}
	free(rest);
	return emit_end(&em, size);
}

/* Writing. */

/* Replace a file only when its bytes change: git status stays quiet and a
 * toggle costs one small write. */
int
snapshot_write_file(const char *dir, const char *rel, const char *data,
    size_t size, char **cause)
{
	char	*path = path_join(dir, rel), *old = NULL, *slash;
	size_t	 oldsize;
	int	 fd, ret = -1;

	if ((fd = open(path, O_RDONLY)) != -1) {
		close(fd);
		if (read_file(path, &old, &oldsize, NULL) == 0 &&
		    oldsize == size && memcmp(old, data, size) == 0) {
			ret = 0;
			goto out;
		}
	} else if (errno == ENOENT && (slash = strrchr(path, '/')) != NULL) {
		*slash = '\0';
		if (mkdir_p(path, 0777, cause) != 0)
			goto out;
		*slash = '/';
	}
	ret = write_file_atomic(path, data, size, cause);
out:
	free(old);
	free(path);
	return ret;
}

static int
write_answer(const char *dir, const struct state *st, size_t lens,
    const struct question *q, char **cause)
{
	const struct lens	*l = st->lenses[lens];
	char			*rel, *text;
	size_t			 size;
	int			 ret;

	text = snapshot_answer_text(l, q, &st->answers[lens][q->index],
	    st->roadmap[lens][q->index], &size);
	rel = snapshot_answer_path(l, q);
	ret = snapshot_write_file(dir, rel, text, size, cause);
	free(rel);
	free(text);
	return ret;
}

int
snapshot_write_workload(const char *dir, const struct state *st, char **cause)
{
	char	*text;
	size_t	 size;
	int	 ret;

	text = snapshot_workload_text(&st->workload, &size);
	ret = snapshot_write_file(dir, "workload.yaml", text, size, cause);
	free(text);
	return ret;
}

int
snapshot_write_all(const char *dir, const struct state *st, char **cause)
{
	if (snapshot_write_workload(dir, st, cause) != 0)
		return -1;
	for (size_t i = 0; i < st->nlenses; i++) {
		const struct lens *l = st->lenses[i];

		for (size_t j = 0; j < l->npillars; j++) {
			const struct pillar *p = &l->pillars[j];

			for (size_t k = 0; k < p->nquestions; k++) {
				if (write_answer(dir, st, i, &p->questions[k],
				    cause) != 0)
					return -1;
			}
		}
	}
	return 0;
}

int
snapshot_write_question(const char *dir, const struct state *st,
    const struct qref *ref, char **cause)
{
	return write_answer(dir, st, ref->lens, ref->q, cause);
}

/* Parsing. */

struct parse {
	const char	*name;
	yaml_document_t	 doc;
	char		**cause;
};

static int
perr(struct parse *p, const yaml_node_t *n, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static int
perr(struct parse *p, const yaml_node_t *n, const char *fmt, ...)
{
	va_list	 ap;
	char	*msg;

	va_start(ap, fmt);
	msg = xvasprintf(fmt, ap);
	va_end(ap);
	fail(p->cause, "%s:%zu:%zu: %s", p->name, n->start_mark.line + 1,
	    n->start_mark.column + 1, msg);
	free(msg);
	return -1;
}

/* Load one document; the root must be a mapping. */
static yaml_node_t *
parse_load(struct parse *p, const void *data, size_t size)
{
	yaml_parser_t	 parser;
	yaml_node_t	*root;

	if (!yaml_parser_initialize(&parser))
		abort();	/* out of memory, as in xmalloc */
	yaml_parser_set_input_string(&parser, data, size);
	if (!yaml_parser_load(&parser, &p->doc)) {
		const yaml_mark_t *m = &parser.problem_mark;

		fail(p->cause, "%s:%zu:%zu: %s%s%s", p->name, m->line + 1,
		    m->column + 1, parser.problem != NULL ? parser.problem :
		    _("bad YAML"), parser.context != NULL ? " " : "",
		    parser.context != NULL ? parser.context : "");
		yaml_parser_delete(&parser);
		return NULL;
	}
	yaml_parser_delete(&parser);
	root = yaml_document_get_root_node(&p->doc);
	if (root == NULL) {
		fail(p->cause, "%s:1:1: %s", p->name, _("the file is empty"));
		yaml_document_delete(&p->doc);
		return NULL;
	}
	if (root->type != YAML_MAPPING_NODE) {
		perr(p, root, _("expected a mapping of fields"));
		yaml_document_delete(&p->doc);
		return NULL;
	}
	return root;
}

static yaml_node_t *
node(struct parse *p, int i)
{
	return yaml_document_get_node(&p->doc, i);
}

/* A scalar's text, or an error naming what was expected. */
static const char *
scalar(struct parse *p, yaml_node_t *n, const char *what)
{
	if (n->type != YAML_SCALAR_NODE) {
		perr(p, n, _("%s: expected text"), what);
		return NULL;
	}
	return (const char *)n->data.scalar.value;
}

static int
sequence(struct parse *p, yaml_node_t *n, const char *what)
{
	if (n->type != YAML_SEQUENCE_NODE)
		return perr(p, n, _("%s: expected a list"), what);
	return 0;
}

static int
parse_roadmap(struct parse *p, yaml_node_t *m, struct roadmap_item **out)
{
	struct roadmap_item *it;

	if (m->type != YAML_MAPPING_NODE)
		return perr(p, m, _("roadmap: expected a mapping of fields"));
	it = xcalloc(1, sizeof *it);
	for (yaml_node_pair_t *pr = m->data.mapping.pairs.start;
	    pr < m->data.mapping.pairs.top; pr++) {
		yaml_node_t	*k = node(p, pr->key), *v = node(p, pr->value);
		const char	*key, *val;

		if ((key = scalar(p, k, "roadmap")) == NULL ||
		    (val = scalar(p, v, key)) == NULL)
			goto fail;
		if (strcmp(key, "owner") == 0) {
			free(it->owner);
			it->owner = xstrdup(val);
		} else if (strcmp(key, "ticket") == 0) {
			free(it->ticket);
			it->ticket = xstrdup(val);
		} else if (strcmp(key, "reason") == 0) {
			free(it->reason);
			it->reason = xstrdup(val);
		} else if (strcmp(key, "target") == 0) {
			free(it->target);
			it->target = xstrdup(val);
		} else if (strcmp(key, "effort") == 0) {
			if (effort_parse(val, &it->effort) != 0) {
				perr(p, v, _("unknown effort \"%s\" (small, "
				    "medium or large)"), val);
				goto fail;
			}
		} else if (strcmp(key, "status") == 0) {
			if (status_parse(val, &it->status) != 0) {
				perr(p, v, _("unknown status \"%s\" (open, "
				    "in-progress, done or accepted)"), val);
				goto fail;
			}
		} else {
			perr(p, k, _("unknown roadmap field \"%s\""), key);
			goto fail;
		}
	}
	*out = it;
	return 0;
fail:
	roadmap_item_free(it);
	return -1;
}

static int
parse_field(struct parse *p, const struct question *q, const char *key,
    yaml_node_t *k, yaml_node_t *v, struct answer *a, struct roadmap_item **it)
{
	const char *s, *r = NULL;

	if (strcmp(key, "question") == 0 || strcmp(key, "number") == 0 ||
	    strcmp(key, "title") == 0 || strcmp(key, "risk") == 0)
		return 0;	/* checked before, or derived */
	if (strcmp(key, "selected") == 0) {
		if (sequence(p, v, key) != 0)
			return -1;
		for (yaml_node_item_t *i = v->data.sequence.items.start;
		    i < v->data.sequence.items.top; i++) {
			yaml_node_t *c = node(p, *i);

			if ((s = scalar(p, c, key)) == NULL)
				return -1;
			if (question_choice(q, s) == NULL)
				return perr(p, c, _("question %s has no "
				    "choice \"%s\""), q->id, s);
			answer_select(a, s, true);
		}
		return 0;
	}
	if (strcmp(key, "not-applicable") == 0) {
		if ((s = scalar(p, v, key)) == NULL)
			return -1;
		if (*s != '\0' && (r = na_reason_parse(s)) == NULL)
			return perr(p, v, _("unknown reason \"%s\""), s);
		a->not_applicable = true;
		free(a->reason);
		a->reason = xstrdup(*s != '\0' ? r : "");
		return 0;
	}
	if (strcmp(key, "choices-not-applicable") == 0) {
		if (v->type != YAML_MAPPING_NODE)
			return perr(p, v, _("%s: expected a mapping of choices "
			    "to reasons"), key);
		for (yaml_node_pair_t *pr = v->data.mapping.pairs.start;
		    pr < v->data.mapping.pairs.top; pr++) {
			yaml_node_t *ck = node(p, pr->key), *cv = node(p,
			    pr->value);

			if ((s = scalar(p, ck, key)) == NULL)
				return -1;
			if (question_choice(q, s) == NULL)
				return perr(p, ck, _("question %s has no "
				    "choice \"%s\""), q->id, s);
			if ((r = scalar(p, cv, s)) == NULL)
				return -1;
			if (na_reason_parse(r) == NULL)
				return perr(p, cv, _("unknown reason \"%s\""),
				    r);
			answer_set_choice_na(a, s, na_reason_parse(r));
		}
		return 0;
	}
	if (strcmp(key, "note") == 0) {
		if ((s = scalar(p, v, key)) == NULL)
			return -1;
		answer_set_note(a, s);
		return 0;
	}
	if (strcmp(key, "evidence") == 0) {
		if (sequence(p, v, key) != 0)
			return -1;
		for (yaml_node_item_t *i = v->data.sequence.items.start;
		    i < v->data.sequence.items.top; i++) {
			if ((s = scalar(p, node(p, *i), key)) == NULL)
				return -1;
			answer_add_evidence(a, s);
		}
		return 0;
	}
	if (strcmp(key, "verification") == 0) {
		if ((s = scalar(p, v, key)) == NULL)
			return -1;
		if (verification_parse(s, &a->verification) != 0)
			return perr(p, v, _("unknown verification \"%s\" "
			    "(self-reported or verified)"), s);
		return 0;
	}
	if (strcmp(key, "roadmap") == 0) {
		roadmap_item_free(*it);
		*it = NULL;
		return parse_roadmap(p, v, it);
	}
	return perr(p, k, _("unknown field \"%s\""), key);
}

int
snapshot_parse_answer(const char *name, const void *data, size_t size,
    const struct lens *l, const char *pillar, const char *qid,
    const struct question **qp, struct answer *a, struct roadmap_item **it,
    char **cause)
{
	struct parse		 p = { .name = name, .cause = cause };
	yaml_node_t		*root, *qnode = NULL;
	const struct question	*q;
	const char		*id;

	answer_init(a);
	*it = NULL;
	if ((root = parse_load(&p, data, size)) == NULL)
		return -1;
	for (yaml_node_pair_t *pr = root->data.mapping.pairs.start;
	    pr < root->data.mapping.pairs.top; pr++) {
		yaml_node_t *k = node(&p, pr->key);

		if (k->type == YAML_SCALAR_NODE &&
		    strcmp((char *)k->data.scalar.value, "question") == 0)
			qnode = node(&p, pr->value);
	}
	if (qnode == NULL) {
		perr(&p, root, _("no \"question\" field"));
		goto fail;
	}
	if ((id = scalar(&p, qnode, "question")) == NULL)
		goto fail;
	if (qid != NULL && strcmp(id, qid) != 0) {
		perr(&p, qnode, _("the file is for question \"%s\", not \"%s\""),
		    qid, id);
		goto fail;
	}
	if ((q = lens_question(l, id)) == NULL) {
		perr(&p, qnode, _("lens %s has no question \"%s\""), l->id, id);
		goto fail;
	}
	if (pillar != NULL && strcmp(q->pillar->id, pillar) != 0) {
		perr(&p, qnode, _("question \"%s\" belongs to pillar %s, not "
		    "%s"), id, q->pillar->id, pillar);
		goto fail;
	}
	for (yaml_node_pair_t *pr = root->data.mapping.pairs.start;
	    pr < root->data.mapping.pairs.top; pr++) {
		yaml_node_t	*k = node(&p, pr->key), *v = node(&p, pr->value);
		const char	*key;

		if ((key = scalar(&p, k, _("field name"))) == NULL ||
		    parse_field(&p, q, key, k, v, a, it) != 0)
			goto fail;
	}
	yaml_document_delete(&p.doc);
	*qp = q;
	return 0;
fail:
	yaml_document_delete(&p.doc);
	answer_free(a);
	roadmap_item_free(*it);
	*it = NULL;
	return -1;
}

int
snapshot_parse_workload(const char *name, const void *data, size_t size,
    struct kv *kv, char **cause)
{
	struct parse	 p = { .name = name, .cause = cause };
	yaml_node_t	*root;
	struct kv	 out = { 0 };

	if ((root = parse_load(&p, data, size)) == NULL)
		return -1;
	for (yaml_node_pair_t *pr = root->data.mapping.pairs.start;
	    pr < root->data.mapping.pairs.top; pr++) {
		yaml_node_t	*k = node(&p, pr->key), *v = node(&p, pr->value);
		const char	*key, *s;

		if ((key = scalar(&p, k, _("field name"))) == NULL)
			goto fail;
		if (strcmp(key, "lenses") == 0 && v->type == YAML_SEQUENCE_NODE) {
			struct buf ids = { 0 };

			for (yaml_node_item_t *i = v->data.sequence.items.start;
			    i < v->data.sequence.items.top; i++) {
				yaml_node_t *in = node(&p, *i);

				if ((s = scalar(&p, in, key)) == NULL) {
					buf_free(&ids);
					goto fail;
				}
				if (*s == '\0' || strchr(s, ' ') != NULL ||
				    strchr(s, '/') != NULL) {
					buf_free(&ids);
					perr(&p, in, _("bad lens id \"%s\""), s);
					goto fail;
				}
				if (ids.len > 0)
					buf_addc(&ids, ' ');
				buf_adds(&ids, s);
			}
			kv_set(&out, key, ids.s != NULL ? ids.s : "");
			buf_free(&ids);
			continue;
		}
		if ((s = scalar(&p, v, key)) == NULL)
			goto fail;
		kv_set(&out, key, s);
	}
	if (kv_get(&out, "lenses") == NULL || *kv_get(&out, "lenses") == '\0') {
		perr(&p, root, _("no \"lenses\" field"));
		goto fail;
	}
	yaml_document_delete(&p.doc);
	kv_free(kv);
	*kv = out;
	return 0;
fail:
	yaml_document_delete(&p.doc);
	kv_free(&out);
	return -1;
}

/* Reading from a directory. */

static int
dir_read(void *arg, const char *rel, char **data, size_t *size, char **cause)
{
	char	*path = path_join(arg, rel);
	int	 fd, ret;

	if ((fd = open(path, O_RDONLY)) == -1) {
		int e = errno;

		if (e == ENOENT) {
			free(path);
			return 1;
		}
		fail(cause, "%s: %s", path, strerror(e));
		free(path);
		return -1;
	}
	close(fd);
	ret = read_file(path, data, size, cause);
	free(path);
	return ret;
}

static int
dir_list(void *arg, const char *rel, char ***names, size_t *n, char **cause)
{
	char		*path = path_join(arg, rel);
	DIR		*d;
	struct dirent	*e;
	size_t		 cap = 0;

	*names = NULL;
	*n = 0;
	if ((d = opendir(path)) == NULL) {
		int err = errno;

		free(path);
		if (err == ENOENT)
			return 1;
		return fail(cause, "%s/%s: %s", (char *)arg, rel,
		    strerror(err));
	}
	free(path);
	while ((e = readdir(d)) != NULL) {
		if (e->d_name[0] == '.')
			continue;
		*ARRAY_PUSH(*names, *n, cap) = xstrdup(e->d_name);
	}
	closedir(d);
	qsort(*names, *n, sizeof **names, cmp_str);
	return 0;
}

void
snapshot_src_dir(struct snapshot_src *src, const char *dir)
{
	src->label = dir;
	src->sep = "/";
	src->read = dir_read;
	src->list = dir_list;
	src->arg = (void *)dir;
}

static void
free_names(char **names, size_t n)
{
	for (size_t i = 0; i < n; i++)
		free(names[i]);
	free(names);
}

int
snapshot_read_workload(const char *dir, struct kv *kv, char **cause)
{
	char	*data, *name;
	size_t	 size;
	int	 r;

	name = path_join(dir, "workload.yaml");
	if ((r = dir_read((void *)dir, "workload.yaml", &data, &size,
	    cause)) != 0) {
		if (r == 1)
			fail(cause, _("%s: no such file"), name);
		free(name);
		return -1;
	}
	r = snapshot_parse_workload(name, data, size, kv, cause);
	free(data);
	free(name);
	return r;
}

static int
read_one(const struct snapshot_src *src, const struct lens *l,
    const char *pillar, const char *file, struct answer *answers,
    struct roadmap_item **roadmap, char **cause)
{
	char			*rel, *name, *data, *qid;
	size_t			 size;
	const struct question	*q;
	struct answer		 a;
	struct roadmap_item	*it;
	int			 r;

	rel = xasprintf("answers/%s/%s/%s", l->id, pillar, file);
	name = xasprintf("%s%s%s", src->label, src->sep, rel);
	r = src->read(src->arg, rel, &data, &size, cause);
	free(rel);
	if (r != 0) {
		if (r == 1)
			fail(cause, _("%s: no such file"), name);
		free(name);
		return -1;
	}
	qid = xstrndup(file, strlen(file) - 5);
	r = snapshot_parse_answer(name, data, size, l, pillar, qid, &q, &a,
	    &it, cause);
	free(qid);
	free(data);
	free(name);
	if (r != 0)
		return -1;
	answer_free(&answers[q->index]);
	answers[q->index] = a;
	roadmap_item_free(roadmap[q->index]);
	roadmap[q->index] = it;
	return 0;
}

static int
read_lens(const struct snapshot_src *src, const struct lens *l,
    struct answer *answers, struct roadmap_item **roadmap, char **cause)
{
	char	**pillars, **files, *rel;
	size_t	  npillars, nfiles;
	int	  r, ret = -1;

	rel = xasprintf("answers/%s", l->id);
	r = src->list(src->arg, rel, &pillars, &npillars, cause);
	free(rel);
	if (r != 0)
		return r == 1 ? 0 : -1;
	for (size_t i = 0; i < npillars; i++) {
		if (lens_pillar(l, pillars[i]) == NULL) {
			fail(cause, _("%s%sanswers/%s/%s: lens %s has no "
			    "pillar \"%s\""), src->label, src->sep, l->id,
			    pillars[i], l->id, pillars[i]);
			goto out;
		}
		rel = xasprintf("answers/%s/%s", l->id, pillars[i]);
		r = src->list(src->arg, rel, &files, &nfiles, cause);
		free(rel);
		if (r == 1)
			continue;
		if (r != 0)
			goto out;
		for (size_t j = 0; j < nfiles; j++) {
			if (!str_ends_with(files[j], ".yaml") ||
			    strlen(files[j]) == 5)
				continue;
			if (read_one(src, l, pillars[i], files[j], answers,
			    roadmap, cause) != 0) {
				free_names(files, nfiles);
				goto out;
			}
		}
		free_names(files, nfiles);
	}
	ret = 0;
out:
	free_names(pillars, npillars);
	return ret;
}

int
snapshot_read_state(const struct snapshot_src *src, struct lens *const *lenses,
    size_t nlenses, struct answer **answers, struct roadmap_item ***roadmap,
    char **cause)
{
	struct answer		**ta = xcalloc(nlenses, sizeof *ta);
	struct roadmap_item	***tr = xcalloc(nlenses, sizeof *tr);
	char			**dirs = NULL;
	size_t			  ndirs = 0;
	int			  r, ret = -1;

	for (size_t i = 0; i < nlenses; i++) {
		ta[i] = xcalloc(lenses[i]->nquestions, sizeof **ta);
		tr[i] = xcalloc(lenses[i]->nquestions, sizeof **tr);
	}
	/* A directory for a lens the workspace lacks is a mistake to show. */
	if ((r = src->list(src->arg, "answers", &dirs, &ndirs, cause)) < 0)
		goto out;
	for (size_t i = 0; i < ndirs; i++) {
		size_t j;

		for (j = 0; j < nlenses; j++) {
			if (strcmp(lenses[j]->id, dirs[i]) == 0)
				break;
		}
		if (j == nlenses) {
			fail(cause, _("%s%sanswers/%s: the workspace has no "
			    "lens \"%s\""), src->label, src->sep, dirs[i],
			    dirs[i]);
			goto out;
		}
	}
	for (size_t i = 0; i < nlenses; i++) {
		if (read_lens(src, lenses[i], ta[i], tr[i], cause) != 0)
			goto out;
	}
	for (size_t i = 0; i < nlenses; i++) {
		for (size_t j = 0; j < lenses[i]->nquestions; j++) {
			answers[i][j] = ta[i][j];
			roadmap[i][j] = tr[i][j];
		}
		free(ta[i]);
		free(tr[i]);
		ta[i] = NULL;
		tr[i] = NULL;
	}
	ret = 0;
out:
	for (size_t i = 0; i < nlenses; i++) {
		if (ta[i] == NULL)
			continue;
		for (size_t j = 0; j < lenses[i]->nquestions; j++) {
			answer_free(&ta[i][j]);
			roadmap_item_free(tr[i][j]);
		}
		free(ta[i]);
		free(tr[i]);
	}
	free(ta);
	free(tr);
	free_names(dirs, ndirs);
	return ret;
}

/* A milestone's state: everything read from the source, no store. */
int
snapshot_load(const struct snapshot_src *src, struct state **out,
    char **cause)
{
	struct state		*st = state_new();
	char			*data, *name, *list, *save = NULL;
	size_t			 size;
	int			 r;

	*out = NULL;
	name = xasprintf("%s%sworkload.yaml", src->label, src->sep);
	if ((r = src->read(src->arg, "workload.yaml", &data, &size,
	    cause)) != 0) {
		if (r == 1)
			fail(cause, _("%s: no such file"), name);
		free(name);
		goto fail;
	}
	r = snapshot_parse_workload(name, data, size, &st->workload, cause);
	free(data);
	free(name);
	if (r != 0)
		goto fail;
	list = xstrdup(kv_get(&st->workload, "lenses"));
	for (char *id = strtok_r(list, " ", &save); id != NULL;
	    id = strtok_r(NULL, " ", &save)) {
		const char	*ext[] = { "yaml", "json" };
		struct lens	*l = NULL;
		struct diags	 d;

		for (size_t i = 0; i < nitems(ext) && l == NULL; i++) {
			char *rel = xasprintf("lenses/%s.%s", id, ext[i]);

			r = src->read(src->arg, rel, &data, &size, cause);
			if (r == 0) {
				name = xasprintf("%s%s%s", src->label,
				    src->sep, rel);
				diags_init(&d, name);
				l = lens_load(data, size, id, &d);
				if (l == NULL)
					*cause = diags_first_error(&d);
				diags_free(&d);
				free(name);
				free(data);
			}
			free(rel);
			if (r < 0 || (r == 0 && l == NULL)) {
				free(list);
				goto fail;
			}
		}
		if (l == NULL) {
			fail(cause, _("%s%slenses: lens \"%s\" is not pinned"),
			    src->label, src->sep, id);
			free(list);
			goto fail;
		}
		state_add_lens(st, l, id);
	}
	free(list);
	if (snapshot_read_state(src, st->lenses, st->nlenses, st->answers,
	    st->roadmap, cause) != 0)
		goto fail;
	*out = st;
	return 0;
fail:
	state_free(st);
	return -1;
}
