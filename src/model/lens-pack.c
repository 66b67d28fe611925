/* lens-pack.c: a loaded lens as bytes and back (the compiled lens cache).
 *
 * A pack is a header (magic, format version, the source's hash and size,
 * the index's size and checksum), the index and the bodies. The index is
 * the default id, then the lens depth first down to each question's own
 * fields, with where its body lies (offset, size, hash) and its counts of
 * choices and rules; a body is those choices and rules. The bodies follow
 * one another in the order of the questions, with nothing between them,
 * so every byte of a pack is under one checksum or another. Numbers are
 * 32-bit little-endian (offsets and hashes 64-bit); a string is its length
 * (0xffffffff: none), its bytes and a NUL. Unpacked, the strings stay in
 * the pack's bytes and the structures come from a few large blocks, all
 * owned by the lens (lens->blocks), but for the id, allocated alone. A
 * command that reads no choice of a question (status, for one, reads the
 * choices of the answered ones only) touches the index alone. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "model/lens-pack.h"
#include "model/yval.h"

#define PACK_MAGIC	"wafrlns\n"
#define PACK_VERSION	3
/* magic, version, 0, hash, size, the index's size and checksum */
#define HEADER_SIZE	48
#define BODY_REF_SIZE	20	/* offset, size, hash */
#define MIN_CHOICE	56	/* bytes of the smallest choice */
#define MIN_RULE	24
#define NO_STRING	0xffffffffU
#define MAX_DEPTH	64	/* of kept fields */
#define BLOCK_SIZE	(256 * 1024)

void
lens_pack_key(struct lens_pack_key *k, const void *data, size_t size,
    const char *default_id)
{
	k->hash = hash_bytes(data, size);
	k->size = size;
	k->default_id = default_id;
}

/* --- Writing --- */

static void
put32(struct buf *b, uint32_t v)
{
	unsigned char le[4] = { v & 0xff, (v >> 8) & 0xff, (v >> 16) & 0xff,
	    v >> 24 };

	buf_add(b, le, 4);
}

static void
put64(struct buf *b, uint64_t v)
{
	put32(b, (uint32_t)v);
	put32(b, (uint32_t)(v >> 32));
}

static void
put_str(struct buf *b, const char *s)
{
	size_t n;

	if (s == NULL) {
		put32(b, NO_STRING);
		return;
	}
	n = strlen(s);
	put32(b, (uint32_t)n);
	buf_add(b, s, n + 1);
}

static void
put_strs(struct buf *b, char *const *v, size_t n)
{
	put32(b, (uint32_t)n);
	for (size_t i = 0; i < n; i++)
		put_str(b, v[i]);
}

static void
put_text(struct buf *b, const struct text *t)
{
	put_str(b, t->base);
	put32(b, (uint32_t)t->n);
	for (size_t i = 0; i < t->n; i++) {
		put_str(b, t->lang[i]);
		put_str(b, t->value[i]);
	}
}

static void
put_pos(struct buf *b, struct pos p)
{
	put32(b, (uint32_t)p.line);
	put32(b, (uint32_t)p.col);
}

static int
put_yval(struct buf *b, const struct yval *v, int depth)
{
	if (v == NULL) {
		put32(b, NO_STRING);
		return 0;
	}
	if (depth > MAX_DEPTH)
		return -1;
	put32(b, (uint32_t)v->type);
	put_str(b, v->s);
	put32(b, v->quoted);
	put32(b, (uint32_t)v->line);
	put32(b, (uint32_t)v->n);
	for (size_t i = 0; i < v->n; i++) {
		if (v->type == YVAL_MAP)
			put_str(b, v->keys[i]);
		if (put_yval(b, v->v[i], depth + 1) != 0)
			return -1;
	}
	return 0;
}

/* A question's body: its choices, then its rules. */
static int
put_body(struct buf *b, const struct question *q)
{
	const struct choice	*choices = question_choices(q);
	const struct rule	*rules = question_rules(q);
	int			 ret = 0;

	for (size_t i = 0; i < q->nchoices; i++) {
		const struct choice *c = &choices[i];

		put_str(b, c->id);
		put_str(b, c->code);
		put_text(b, &c->title);
		put_text(b, &c->helpful);
		put_text(b, &c->improvement);
		put_str(b, c->url);
		put_str(b, c->improvement_url);
		put32(b, (uint32_t)c->risk);
		put32(b, c->none);
		ret |= put_yval(b, c->extra, 0);
		put_pos(b, c->pos);
	}
	for (size_t i = 0; i < q->nrules; i++) {
		const struct rule *r = &rules[i];

		put_str(b, r->text);
		put32(b, r->is_default);
		put32(b, (uint32_t)r->risk);
		put_pos(b, r->pos);
		put32(b, (uint32_t)r->cond.n);
		for (size_t j = 0; j < r->cond.n; j++) {
			const struct cond_node *n = &r->cond.nodes[j];

			put32(b, (uint32_t)n->op);
			put32(b, (uint32_t)n->a);
			put32(b, (uint32_t)n->b);
			put32(b, (uint32_t)n->choice);
		}
	}
	return ret;
}

/* The question's fields in the index, its body at the end of bodies. */
static int
put_question(struct buf *b, struct buf *bodies, const struct question *q)
{
	size_t	start = bodies->len, size;
	int	ret = 0;

	put_str(b, q->id);
	put_str(b, q->number);
	put_text(b, &q->title);
	put_text(b, &q->description);
	put_str(b, q->url);
	put_strs(b, q->ask, q->nask);
	put_strs(b, q->evidence, q->nevidence);
	ret |= put_yval(b, q->extra, 0);
	put_pos(b, q->pos);
	ret |= put_body(bodies, q);
	size = bodies->len - start;
	if (size > 0xffffffffU || q->nchoices > 0xffffffffU ||
	    q->nrules > 0xffffffffU)
		return -1;
	put64(b, start);
	put32(b, (uint32_t)size);
	put64(b, size > 0 ? hash_bytes(bodies->s + start, size) :
	    hash_bytes("", 0));
	put32(b, (uint32_t)q->nchoices);
	put32(b, (uint32_t)q->nrules);
	return ret;
}

int
lens_pack(const struct lens *l, const struct lens_pack_key *k,
    struct buf *out)
{
	struct buf	p = { 0 }, bodies = { 0 };
	int		ret = 0;

	put_str(&p, k->default_id);
	put_str(&p, l->id);
	put_str(&p, l->version);
	put_text(&p, &l->title);
	put_text(&p, &l->description);
	put32(&p, (uint32_t)l->format);
	ret |= put_yval(&p, l->extra, 0);
	put32(&p, (uint32_t)l->npillars);
	for (size_t i = 0; i < l->npillars; i++) {
		const struct pillar *pl = &l->pillars[i];

		put_str(&p, pl->id);
		put_str(&p, pl->code);
		put_text(&p, &pl->title);
		put_text(&p, &pl->description);
		ret |= put_yval(&p, pl->extra, 0);
		put_pos(&p, pl->pos);
		put32(&p, (uint32_t)pl->nquestions);
		for (size_t j = 0; j < pl->nquestions; j++)
			ret |= put_question(&p, &bodies, &pl->questions[j]);
	}
	if (ret == 0) {
		buf_add(out, PACK_MAGIC, 8);
		put32(out, PACK_VERSION);
		put32(out, 0);
		put64(out, k->hash);
		put64(out, k->size);
		put64(out, p.len);
		put64(out, hash_bytes(p.s, p.len));
		buf_add(out, p.s, p.len);
		if (bodies.len > 0)
			buf_add(out, bodies.s, bodies.len);
	}
	buf_free(&p);
	buf_free(&bodies);
	return ret != 0 ? -1 : 0;
}

/* --- Reading: every count checked against what is left --- */

struct reader {
	char		 *p, *end;
	bool		  bad;
	struct lens	 *l;		/* owns the blocks */
	char		 *block;	/* the current one, bytes left in it */
	size_t		  left;
	/* In the index: where the next body starts, in bodies of nbodies
	 * bytes. */
	uint64_t	  next;
	size_t		  nbodies;
};

static void *
alloc(struct reader *r, size_t n, size_t size)
{
	size_t	 need;
	void	*p;

	if (n == 0)
		return NULL;
	need = (n * size + 15) & ~(size_t)15;
	if (need > BLOCK_SIZE / 4) {
		p = xcalloc(1, need);
	} else {
		if (need > r->left) {
			r->block = xcalloc(1, BLOCK_SIZE);
			r->left = BLOCK_SIZE;
			r->l->blocks = xreallocarray(r->l->blocks,
			    r->l->nblocks + 1, sizeof *r->l->blocks);
			r->l->blocks[r->l->nblocks++] = r->block;
		}
		p = r->block;
		r->block += need;
		r->left -= need;
		return p;
	}
	r->l->blocks = xreallocarray(r->l->blocks, r->l->nblocks + 1,
	    sizeof *r->l->blocks);
	r->l->blocks[r->l->nblocks++] = p;
	return p;
}

static uint32_t
get32(struct reader *r)
{
	const unsigned char	*p = (const unsigned char *)r->p;
	uint32_t		 v;

	if (r->bad || r->end - r->p < 4) {
		r->bad = true;
		return 0;
	}
	v = (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 |
	    (uint32_t)p[3] << 24;
	r->p += 4;
	return v;
}

static uint64_t
get64(struct reader *r)
{
	uint64_t lo = get32(r);

	return lo | (uint64_t)get32(r) << 32;
}

/* A count of things each at least min bytes long. */
static size_t
get_count(struct reader *r, size_t min)
{
	uint32_t n = get32(r);

	if (r->bad || n > (size_t)(r->end - r->p) / min) {
		r->bad = true;
		return 0;
	}
	return n;
}

static char *
get_str(struct reader *r)
{
	uint32_t	 n = get32(r);
	char		*s;

	if (r->bad || n == NO_STRING)
		return NULL;
	if (n >= (size_t)(r->end - r->p) || r->p[n] != '\0') {
		r->bad = true;
		return NULL;
	}
	s = r->p;
	r->p += n + 1;
	return s;
}

static int
get_int(struct reader *r)
{
	uint32_t v = get32(r);

	if (v > 0x7fffffffU && v != 0xffffffffU)
		r->bad = true;
	return v == 0xffffffffU ? -1 : (int)v;
}

static void
get_text(struct reader *r, struct text *t)
{
	t->base = get_str(r);
	t->n = get_count(r, 8);
	t->lang = alloc(r, t->n, sizeof *t->lang);
	t->value = alloc(r, t->n, sizeof *t->value);
	for (size_t i = 0; i < t->n && !r->bad; i++) {
		t->lang[i] = get_str(r);
		t->value[i] = get_str(r);
		if (t->lang[i] == NULL || t->value[i] == NULL)
			r->bad = true;
	}
}

static char **
get_strs(struct reader *r, size_t *n)
{
	char **v;

	*n = get_count(r, 5);
	v = alloc(r, *n, sizeof *v);
	for (size_t i = 0; i < *n && !r->bad; i++)
		if ((v[i] = get_str(r)) == NULL)
			r->bad = true;
	return v;
}

static struct pos
get_pos(struct reader *r)
{
	struct pos p;

	p.line = get_int(r);
	p.col = get_int(r);
	return p;
}

static struct yval *
get_yval(struct reader *r, int depth)
{
	struct yval	*v;
	uint32_t	 type = get32(r);

	if (r->bad || type == NO_STRING)
		return NULL;
	if (type > YVAL_MAP || depth > MAX_DEPTH) {
		r->bad = true;
		return NULL;
	}
	v = alloc(r, 1, sizeof *v);
	v->type = (enum yval_type)type;
	v->s = get_str(r);
	v->quoted = get32(r) != 0;
	v->line = get_int(r);
	v->n = get_count(r, 4);
	if (v->type == YVAL_MAP)
		v->keys = alloc(r, v->n, sizeof *v->keys);
	v->v = alloc(r, v->n, sizeof *v->v);
	for (size_t i = 0; i < v->n && !r->bad; i++) {
		if (v->type == YVAL_MAP && (v->keys[i] = get_str(r)) == NULL)
			r->bad = true;
		if ((v->v[i] = get_yval(r, depth + 1)) == NULL)
			r->bad = true;
	}
	if (v->type == YVAL_SCALAR ? v->s == NULL : v->s != NULL)
		r->bad = true;
	return v;
}

static void
get_rule(struct reader *r, struct rule *ru, size_t nchoices)
{
	uint32_t risk;

	ru->text = get_str(r);
	ru->is_default = get32(r) != 0;
	risk = get32(r);
	if (risk >= RISK_COUNT)
		r->bad = true;
	ru->risk = (enum risk)risk;
	ru->pos = get_pos(r);
	ru->cond.n = get_count(r, 16);
	if (ru->text == NULL || ru->cond.n == 0)
		r->bad = true;
	ru->cond.nodes = alloc(r, ru->cond.n, sizeof *ru->cond.nodes);
	for (size_t i = 0; i < ru->cond.n && !r->bad; i++) {
		struct cond_node	*n = &ru->cond.nodes[i];
		uint32_t		 op = get32(r);
		int			 at = (int)i;

		n->op = (enum cond_op)op;
		n->a = get_int(r);
		n->b = get_int(r);
		n->choice = get_int(r);
		/* The operands come before the node: no loop, no way out. */
		switch (op) {
		case COND_CHOICE:
			r->bad |= n->choice < 0 || (size_t)n->choice >= nchoices;
			break;
		case COND_AND:
		case COND_OR:
			r->bad |= n->b < 0 || n->b >= at;
			/* FALLTHROUGH */
		case COND_NOT:
			r->bad |= n->a < 0 || n->a >= at;
			break;
		case COND_TRUE:
			break;
		default:
			r->bad = true;
		}
	}
}

/* A question's body: nchoices choices and nrules rules, its counts
 * already checked against the body's size. */
static void
get_body(struct reader *r, struct question *q)
{
	struct choice	*choices;
	struct rule	*rules;

	choices = alloc(r, q->nchoices, sizeof *choices);
	for (size_t i = 0; i < q->nchoices && !r->bad; i++) {
		struct choice	*c = &choices[i];
		uint32_t	 risk;

		c->id = get_str(r);
		c->code = get_str(r);
		get_text(r, &c->title);
		get_text(r, &c->helpful);
		get_text(r, &c->improvement);
		c->url = get_str(r);
		c->improvement_url = get_str(r);
		risk = get32(r);
		if (risk > LEVEL_HIGH)
			r->bad = true;
		c->risk = (enum level)risk;
		c->none = get32(r) != 0;
		c->extra = get_yval(r, 0);
		c->pos = get_pos(r);
		if (c->id == NULL)
			r->bad = true;
	}
	rules = alloc(r, q->nrules, sizeof *rules);
	for (size_t i = 0; i < q->nrules && !r->bad; i++)
		get_rule(r, &rules[i], q->nchoices);
	q->body_choices = choices;
	q->body_rules = rules;
}

/* A question's fields in the index, and where its body lies: right
 * after the one before (r->next), inside the bodies, large enough for
 * its counts. */
static void
get_question(struct reader *r, struct question *q)
{
	uint64_t off, size;

	q->id = get_str(r);
	q->number = get_str(r);
	get_text(r, &q->title);
	get_text(r, &q->description);
	q->url = get_str(r);
	q->ask = get_strs(r, &q->nask);
	q->evidence = get_strs(r, &q->nevidence);
	q->extra = get_yval(r, 0);
	q->pos = get_pos(r);
	q->body = r->p;
	off = get64(r);
	size = get32(r);
	(void)get64(r);		/* the body's hash, checked when read */
	q->nchoices = get32(r);
	q->nrules = get32(r);
	if (off != r->next || size > r->nbodies - off ||
	    q->nchoices > size / MIN_CHOICE || q->nrules > size / MIN_RULE)
		r->bad = true;
	r->next = off + size;
	if (q->id == NULL)
		r->bad = true;
}

/* What reads the bodies of an unpacked lens when they are first asked
 * for, and where a damaged one is read instead. */
struct lens_lazy {
	char		 *bodies;
	size_t		  nbodies;
	char		 *block;	/* the reader's, bytes left in it */
	size_t		  left;
	struct lens	*(*load)(void *);
	void		(*done)(void *);
	void		 *arg;
	struct lens	 *full;		/* the lens loaded again */
};

/* 0, the body read into q; -1 when it does not hold up. */
static int
read_body(struct lens *l, struct lens_lazy *z, struct question *q)
{
	struct reader	 r = { (char *)q->body,
	    (char *)q->body + BODY_REF_SIZE, false, l, z->block, z->left, 0,
	    0 };
	uint64_t	 off = get64(&r), size = get32(&r), hash = get64(&r);

	if (r.bad || off > z->nbodies || size > z->nbodies - off ||
	    q->nchoices > size / MIN_CHOICE || q->nrules > size / MIN_RULE)
		return -1;
	r.p = z->bodies + off;
	r.end = r.p + size;
	if (hash_bytes(r.p, size) != hash)
		return -1;
	get_body(&r, q);
	z->block = r.block;
	z->left = r.left;
	return r.bad || r.p != r.end ? -1 : 0;
}

/* The lens loaded again is the same lens: the same pillars, questions
 * and counts, so a question's body there is its body here. */
static bool
same_shape(const struct lens *a, const struct lens *b)
{
	if (a->npillars != b->npillars)
		return false;
	for (size_t i = 0; i < a->npillars; i++) {
		const struct pillar *x = &a->pillars[i], *y = &b->pillars[i];

		if (x->nquestions != y->nquestions)
			return false;
		for (size_t j = 0; j < x->nquestions; j++) {
			const struct question *p = &x->questions[j],
			    *q = &y->questions[j];

			if (!streq(p->id, q->id) ||
			    p->nchoices != q->nchoices ||
			    p->nrules != q->nrules)
				return false;
		}
	}
	return true;
}

static void
read_question(const struct question *cq)
{
	/* Filled once, on first read, as the loader would have. */
	struct question		*q = (struct question *)cq;
	struct lens		*l = q->pillar->lens;
	struct lens_lazy	*z = l->lazy;
	const struct question	*fq;

	if (z->full == NULL && read_body(l, z, q) == 0) {
		q->body = NULL;
		return;
	}
	if (z->full == NULL && z->load != NULL &&
	    (z->full = z->load(z->arg)) != NULL && !same_shape(l, z->full)) {
		lens_free(z->full);
		z->full = NULL;
	}
	if (z->full == NULL) {
		/* Nothing right to answer with: no answer rather than a
		 * wrong one. A source removes the damaged cache. */
		fprintf(stderr, "wafr: %s\n", _("the compiled lens cache is "
		    "damaged and the lens cannot be read again; run the "
		    "command again"));
		exit(1);
	}
	fq = &z->full->pillars[q->pillar - l->pillars].questions[q -
	    q->pillar->questions];
	q->body_choices = (struct choice *)question_choices(fq);
	q->body_rules = (struct rule *)question_rules(fq);
	q->body = NULL;
}

void
lens_pack_source(struct lens *l, struct lens *(*load)(void *),
    void (*done)(void *), void *arg)
{
	if (l->lazy == NULL) {
		if (done != NULL)
			done(arg);
		return;
	}
	if (l->lazy->done != NULL)
		l->lazy->done(l->lazy->arg);
	l->lazy->load = load;
	l->lazy->done = done;
	l->lazy->arg = arg;
}

static void
lazy_free(struct lens_lazy *z)
{
	if (z->done != NULL)
		z->done(z->arg);
	lens_free(z->full);
	free(z);
}

static const struct lens_lazy_ops lazy_ops = { read_question, lazy_free };

/* The lens over the pack's bytes, which it does not own. */
static struct lens *
unpack(char *data, size_t size, const struct lens_pack_key *k)
{
	struct reader	 r = { data, data + size, false, NULL, NULL, 0, 0,
	    0 };
	struct lens	*l;
	const char	*id;
	uint64_t	 nindex, sum;
	uint32_t	 format;

	if (size < HEADER_SIZE || memcmp(data, PACK_MAGIC, 8) != 0)
		return NULL;
	r.p += 8;
	if (get32(&r) != PACK_VERSION || get32(&r) != 0 ||
	    get64(&r) != k->hash || get64(&r) != k->size)
		return NULL;
	nindex = get64(&r);
	sum = get64(&r);
	if (nindex > size - HEADER_SIZE ||
	    sum != hash_bytes(data + HEADER_SIZE, nindex))
		return NULL;
	r.end = data + HEADER_SIZE + nindex;
	r.nbodies = size - HEADER_SIZE - nindex;
	l = r.l = xcalloc(1, sizeof *l);
	l->blocks = xcalloc(1, sizeof *l->blocks);
	l->lazy = xcalloc(1, sizeof *l->lazy);
	l->lazy_ops = &lazy_ops;
	l->lazy->bodies = r.end;
	l->lazy->nbodies = r.nbodies;
	id = get_str(&r);
	if (!streq(id, k->default_id))
		r.bad = true;
	/* The id is the lens's own: a workspace renames it (state.h). */
	id = get_str(&r);
	l->id = id != NULL ? xstrdup(id) : NULL;
	l->version = get_str(&r);
	get_text(&r, &l->title);
	get_text(&r, &l->description);
	format = get32(&r);
	if (format > LENS_AWS_JSON)
		r.bad = true;
	l->format = (enum lens_format)format;
	l->extra = get_yval(&r, 0);
	l->npillars = get_count(&r, 40);
	l->pillars = alloc(&r, l->npillars, sizeof *l->pillars);
	for (size_t i = 0; i < l->npillars && !r.bad; i++) {
		struct pillar *p = &l->pillars[i];

		p->id = get_str(&r);
		p->code = get_str(&r);
		get_text(&r, &p->title);
		get_text(&r, &p->description);
		p->extra = get_yval(&r, 0);
		p->pos = get_pos(&r);
		p->nquestions = get_count(&r, 56);
		p->questions = alloc(&r, p->nquestions, sizeof *p->questions);
		for (size_t j = 0; j < p->nquestions && !r.bad; j++)
			get_question(&r, &p->questions[j]);
		if (p->id == NULL)
			r.bad = true;
	}
	if (l->id == NULL || l->version == NULL || r.p != r.end ||
	    r.next != r.nbodies)
		r.bad = true;
	if (r.bad) {
		lens_free(l);
		return NULL;
	}
	l->lazy->block = r.block;
	l->lazy->left = r.left;
	lens_index(l);
	return l;
}

struct lens *
lens_unpack(char *data, size_t size, const struct lens_pack_key *k)
{
	struct lens *l = unpack(data, size, k);

	if (l == NULL) {
		free(data);
		return NULL;
	}
	l->blocks = xreallocarray(l->blocks, l->nblocks + 1,
	    sizeof *l->blocks);
	l->blocks[l->nblocks++] = data;
	return l;
}

struct lens *
lens_unpack_mapped(char *data, size_t size, const struct lens_pack_key *k,
    void (*unmap)(void *, size_t))
{
	struct lens *l = unpack(data, size, k);

	if (l != NULL) {
		l->map = data;
		l->map_size = size;
		l->unmap = unmap;
	}
	return l;
}
