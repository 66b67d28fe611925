/* pack.c: new objects in memory, then on disk as one pack (pack.h).
 *
 * The pack is git's version 2 with a version 2 index (gitformat-pack(5)):
 * every object whole (no delta), in zlib's format, compressed by
 * libdeflate at the level of a loose object, in little more than half
 * zlib's time. The trailing checksums of the pack and of its index are
 * plain SHA-1: they guard against damage, not attack, so detecting
 * collisions buys nothing there. An object's id, which names it, was
 * hashed by libgit2, with collision detection. */
#include "config.h"

#include <sys/stat.h>

#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <libdeflate.h>

#include <git2.h>
#include <git2/sys/odb_backend.h>
#include <git2/sys/repository.h>

#include "git/pack.h"
#include "base/util.h"

/* Above libgit2's own backends (loose 1, packed 2): read and written
 * first. */
#define MEMORY_PRIORITY 1000

struct object {
	git_oid		 id;
	git_object_t	 type;
	size_t		 size;
	unsigned char	*data;
	uint64_t	 offset;	/* in the pack being written */
	uint32_t	 crc;		/* of its bytes there */
};

struct pack_memory {
	git_odb_backend	  backend;	/* first: what libgit2 holds */
	struct object	 *objects;
	size_t		  n, cap;
	size_t		  flushed;	/* objects[0..flushed) are on disk */
	size_t		 *slots;	/* position + 1, by id; 0: empty */
	size_t		  nslots;	/* a power of two, or 0 */
	char		 *dir;		/* objects/pack */
};

/* --- Objects by id --- */

static size_t
slot_of(const git_oid *id, size_t nslots)
{
	uint64_t h;

	memcpy(&h, id->id, sizeof h);	/* an id is a hash already */
	return (size_t)h & (nslots - 1);
}

static void
slots_add(struct pack_memory *m, size_t pos)
{
	size_t s = slot_of(&m->objects[pos].id, m->nslots);

	while (m->slots[s] != 0)
		s = (s + 1) & (m->nslots - 1);
	m->slots[s] = pos + 1;
}

static struct object *
find(const struct pack_memory *m, const git_oid *id)
{
	if (m->nslots == 0)
		return NULL;
	for (size_t s = slot_of(id, m->nslots); m->slots[s] != 0;
	    s = (s + 1) & (m->nslots - 1)) {
		struct object *o = &m->objects[m->slots[s] - 1];

		if (git_oid_equal(&o->id, id))
			return o;
	}
	return NULL;
}

/* Room for one more id, the table at most half full. */
static void
slots_grow(struct pack_memory *m)
{
	if (2 * (m->n + 1) <= m->nslots)
		return;
	free(m->slots);
	m->nslots = m->nslots > 0 ? 2 * m->nslots : 64;
	m->slots = xcalloc(m->nslots, sizeof *m->slots);
	for (size_t i = 0; i < m->n; i++)
		slots_add(m, i);
}

/* --- The backend --- */

static int
memory_read(void **data, size_t *size, git_object_t *type,
    git_odb_backend *b, const git_oid *id)
{
	const struct object *o = find((struct pack_memory *)b, id);

	if (o == NULL)
		return GIT_ENOTFOUND;
	/* One byte more: an empty object is a buffer all the same. */
	if ((*data = git_odb_backend_data_alloc(b, o->size + 1)) == NULL)
		return -1;
	if (o->size > 0)
		memcpy(*data, o->data, o->size);
	*size = o->size;
	*type = o->type;
	return 0;
}

static int
memory_read_header(size_t *size, git_object_t *type, git_odb_backend *b,
    const git_oid *id)
{
	const struct object *o = find((struct pack_memory *)b, id);

	if (o == NULL)
		return GIT_ENOTFOUND;
	*size = o->size;
	*type = o->type;
	return 0;
}

static int
memory_exists(git_odb_backend *b, const git_oid *id)
{
	return find((struct pack_memory *)b, id) != NULL;
}

static int
memory_write(git_odb_backend *b, const git_oid *id, const void *data,
    size_t size, git_object_t type)
{
	struct pack_memory	*m = (struct pack_memory *)b;
	struct object		*o;

	if (find(m, id) != NULL)
		return 0;
	slots_grow(m);
	o = ARRAY_PUSH(m->objects, m->n, m->cap);
	git_oid_cpy(&o->id, id);
	o->type = type;
	o->size = size;
	o->data = xmalloc(size + 1);
	if (size > 0)
		memcpy(o->data, data, size);
	slots_add(m, m->n - 1);
	return 0;
}

static void
memory_free(git_odb_backend *b)
{
	struct pack_memory *m = (struct pack_memory *)b;

	for (size_t i = 0; i < m->n; i++)
		free(m->objects[i].data);
	free(m->objects);
	free(m->slots);
	free(m->dir);
	free(m);
}

int
pack_memory_attach(git_repository *repo, bool alone, struct pack_memory **out)
{
	struct pack_memory	*m;
	git_odb			*odb = NULL;

	*out = NULL;
	if ((alone ? git_odb_new(&odb) : git_repository_odb(&odb, repo)) != 0)
		return -1;
	m = xcalloc(1, sizeof *m);
	if (git_odb_init_backend(&m->backend, GIT_ODB_BACKEND_VERSION) != 0) {
		free(m);
		git_odb_free(odb);
		return -1;
	}
	m->backend.read = memory_read;
	m->backend.read_header = memory_read_header;
	m->backend.write = memory_write;
	m->backend.exists = memory_exists;
	m->backend.free = memory_free;
	m->dir = xasprintf("%sobjects/pack", git_repository_path(repo));
	if (git_odb_add_backend(odb, &m->backend, MEMORY_PRIORITY) != 0) {
		memory_free(&m->backend);
		git_odb_free(odb);
		return -1;
	}
	/* The object database owns the memory now, the repository it. */
	if (alone && git_repository_set_odb(repo, odb) != 0) {
		git_odb_free(odb);
		return -1;
	}
	git_odb_free(odb);
	*out = m;
	return 0;
}

/* --- SHA-1, for the checksums --- */

struct sha1 {
	uint32_t	h[5];
	uint64_t	len;
	unsigned char	block[64];
};

static uint32_t
rol(uint32_t x, int n)
{
	return x << n | x >> (32 - n);
}

static void
sha1_block(struct sha1 *c, const unsigned char *p)
{
	uint32_t w[80], a, b, d, e, f, k, t, cc;

	for (int i = 0; i < 16; i++)
		w[i] = (uint32_t)p[4 * i] << 24 | (uint32_t)p[4 * i + 1] << 16 |
		    (uint32_t)p[4 * i + 2] << 8 | p[4 * i + 3];
	for (int i = 16; i < 80; i++)
		w[i] = rol(w[i - 3] ^ w[i - 8] ^ w[i - 14] ^ w[i - 16], 1);
	a = c->h[0], b = c->h[1], cc = c->h[2], d = c->h[3], e = c->h[4];
	for (int i = 0; i < 80; i++) {
		if (i < 20)
			f = (b & cc) | (~b & d), k = 0x5a827999;
		else if (i < 40)
			f = b ^ cc ^ d, k = 0x6ed9eba1;
		else if (i < 60)
			f = (b & cc) | (b & d) | (cc & d), k = 0x8f1bbcdc;
		else
			f = b ^ cc ^ d, k = 0xca62c1d6;
		t = rol(a, 5) + f + e + k + w[i];
		e = d, d = cc, cc = rol(b, 30), b = a, a = t;
	}
	c->h[0] += a, c->h[1] += b, c->h[2] += cc, c->h[3] += d, c->h[4] += e;
}

static void
sha1_init(struct sha1 *c)
{
	static const uint32_t h[5] = {
		0x67452301, 0xefcdab89, 0x98badcfe, 0x10325476, 0xc3d2e1f0
	};

	memcpy(c->h, h, sizeof h);
	c->len = 0;
}

static void
sha1_update(struct sha1 *c, const void *data, size_t n)
{
	const unsigned char	*p = data;
	size_t			 used = c->len % 64;

	c->len += n;
	if (used > 0) {
		size_t take = n < 64 - used ? n : 64 - used;

		memcpy(c->block + used, p, take);
		p += take, n -= take;
		if (used + take < 64)
			return;
		sha1_block(c, c->block);
	}
	for (; n >= 64; p += 64, n -= 64)
		sha1_block(c, p);
	memcpy(c->block, p, n);
}

static void
sha1_final(struct sha1 *c, unsigned char out[20])
{
	unsigned char	pad[72] = { 0x80 };
	uint64_t	bits = c->len * 8;
	size_t		npad = 64 - (c->len + 8) % 64;

	if (npad == 0)
		npad = 64;
	for (int i = 0; i < 8; i++)
		pad[npad + i] = (unsigned char)(bits >> (56 - 8 * i));
	sha1_update(c, pad, npad + 8);
	for (int i = 0; i < 20; i++)
		out[i] = (unsigned char)(c->h[i / 4] >> (24 - 8 * (i % 4)));
}

/* --- Writing the pack --- */

static void
put32(struct buf *b, uint32_t v)
{
	unsigned char p[4] = { v >> 24, v >> 16, v >> 8, v };

	buf_add(b, p, sizeof p);
}

/* libgit2's error for a failed system call on PATH. */
static int
os_error(const char *path)
{
	char *msg = xasprintf("%s: %s", path, strerror(errno));

	git_error_set_str(GIT_ERROR_OS, msg);
	free(msg);
	return -1;
}

/* One object: its type and size, then its bytes compressed. */
static int
pack_object(struct buf *pack, struct libdeflate_compressor *z,
    struct object *o)
{
	unsigned char	hdr[16];
	size_t		n = 0, size = o->size, bound, made;
	unsigned char	c = (unsigned char)(o->type << 4 | (size & 15));

	o->offset = pack->len;
	for (size >>= 4; size > 0; size >>= 7) {
		hdr[n++] = c | 0x80;
		c = size & 0x7f;
	}
	hdr[n++] = c;
	buf_add(pack, hdr, n);

	bound = libdeflate_zlib_compress_bound(z, o->size);
	buf_grow(pack, bound);
	if ((made = libdeflate_zlib_compress(z, o->data, o->size,
	    pack->s + pack->len, bound)) == 0) {
		git_error_set_str(GIT_ERROR_ZLIB, "deflate");
		return -1;
	}
	pack->len += made;
	o->crc = libdeflate_crc32(0, pack->s + o->offset,
	    pack->len - o->offset);
	return 0;
}

static int
cmp_id(const void *a, const void *b)
{
	return git_oid_cmp(&(*(struct object *const *)a)->id,
	    &(*(struct object *const *)b)->id);
}

/* The index of the pack: ids in order, with the CRC and the offset of
 * each; offsets past 2 GiB in a table of their own. */
static void
pack_index(struct buf *idx, struct object **sorted, size_t n,
    const unsigned char sum[20])
{
	static const unsigned char magic[8] = { 0xff, 't', 'O', 'c', 0, 0, 0,
	    2 };
	struct sha1	c;
	unsigned char	own[20];
	size_t		i, at, nlarge = 0;

	buf_add(idx, magic, sizeof magic);
	for (i = 0, at = 0; i < 256; i++) {
		while (at < n && sorted[at]->id.id[0] <= i)
			at++;
		put32(idx, (uint32_t)at);
	}
	for (i = 0; i < n; i++)
		buf_add(idx, sorted[i]->id.id, GIT_OID_RAWSZ);
	for (i = 0; i < n; i++)
		put32(idx, sorted[i]->crc);
	for (i = 0; i < n; i++) {
		if (sorted[i]->offset < 0x80000000u)
			put32(idx, (uint32_t)sorted[i]->offset);
		else
			put32(idx, 0x80000000u | (uint32_t)nlarge++);
	}
	for (i = 0; i < n; i++) {
		if (sorted[i]->offset >= 0x80000000u) {
			put32(idx, (uint32_t)(sorted[i]->offset >> 32));
			put32(idx, (uint32_t)sorted[i]->offset);
		}
	}
	buf_add(idx, sum, 20);
	sha1_init(&c);
	sha1_update(&c, idx->s, idx->len);
	sha1_final(&c, own);
	buf_add(idx, own, sizeof own);
}

/* DIR/NAME written whole, read-only as git's packs are, through a
 * temporary that a kill leaves as git's own do (tmp_pack_*, which git gc
 * removes). Not synced, as libgit2 writes loose objects. */
static int
place(const char *dir, const char *name, const struct buf *b)
{
	char	*tmp = xasprintf("%s/tmp_pack_XXXXXX", dir);
	char	*path = xasprintf("%s/%s", dir, name);
	int	 fd, ret = -1;

	if ((fd = mkstemp(tmp)) == -1) {
		os_error(tmp);
		goto out;
	}
	if (write_full(fd, b->s, b->len) != 0 || fchmod(fd, 0444) != 0) {
		os_error(tmp);
		close(fd);
		unlink(tmp);
		goto out;
	}
	if (close(fd) != 0 || rename(tmp, path) != 0) {
		os_error(path);
		unlink(tmp);
		goto out;
	}
	ret = 0;
out:
	free(tmp);
	free(path);
	return ret;
}

int
pack_memory_flush(struct pack_memory *m)
{
	struct buf	 pack = { 0 }, idx = { 0 };
	struct object	**sorted = NULL;
	struct libdeflate_compressor *z;
	struct sha1	 c;
	unsigned char	 sum[20];
	char		 hex[41], *name = NULL;
	size_t		 n = m->n - m->flushed;
	int		 ret = -1;

	if (n == 0)
		return 0;
	if ((z = libdeflate_alloc_compressor(1)) == NULL) {
		git_error_set_oom();
		return -1;
	}
	buf_add(&pack, "PACK", 4);
	put32(&pack, 2);
	put32(&pack, (uint32_t)n);
	for (size_t i = m->flushed; i < m->n; i++) {
		if (pack_object(&pack, z, &m->objects[i]) != 0)
			goto out;
	}
	sha1_init(&c);
	sha1_update(&c, pack.s, pack.len);
	sha1_final(&c, sum);
	buf_add(&pack, sum, sizeof sum);

	sorted = xreallocarray(NULL, n, sizeof *sorted);
	for (size_t i = 0; i < n; i++)
		sorted[i] = &m->objects[m->flushed + i];
	qsort(sorted, n, sizeof *sorted, cmp_id);
	pack_index(&idx, sorted, n, sum);

	for (int i = 0; i < 20; i++)
		snprintf(hex + 2 * i, 3, "%02x", sum[i]);
	if (mkdir(m->dir, 0777) != 0 && errno != EEXIST) {
		os_error(m->dir);
		goto out;
	}
	/* The pack first: git looks at a pack only once its index is in. */
	name = xasprintf("pack-%s.pack", hex);
	if (place(m->dir, name, &pack) != 0)
		goto out;
	free(name);
	name = xasprintf("pack-%s.idx", hex);
	if (place(m->dir, name, &idx) != 0)
		goto out;
	m->flushed = m->n;
	ret = 0;
out:
	libdeflate_free_compressor(z);
	buf_free(&pack);
	buf_free(&idx);
	free(sorted);
	free(name);
	return ret;
}
