/* store.c: LMDB behind the store interface. */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <lmdb.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "store/store.h"
#include "base/util.h"

#define MAP_SIZE_DEFAULT	(64UL << 20)

static const char *const table_names[TABLE_COUNT] = {
	"meta", "workload", "answers", "session", "roadmap", "lenses", "scans",
	"journal", "profile"
};
/* Tables a store written before them lacks; opened read-only, it reads
 * them as empty. */
#define FIRST_LATER_TABLE TABLE_LENSES

struct store {
	MDB_env		*env;
	MDB_dbi		 dbi[TABLE_COUNT];
	bool		 have[TABLE_COUNT];
	bool		 readonly;
	char		*path;
	char		*boot;		/* store_set_boot */
};

static int
lmdb_fail(char **cause, struct store *s, const char *what, int rc)
{
	return fail(cause, "%s: %s: %s", s->path, what, mdb_strerror(rc));
}

static void	watch_map(struct store *);

/* Another process grew the map: adopt its size and try again. */
static int
txn_begin(struct store *s, unsigned flags, MDB_txn **txn)
{
	int rc = mdb_txn_begin(s->env, NULL, flags, txn);

	if (rc == MDB_MAP_RESIZED) {
		if ((rc = mdb_env_set_mapsize(s->env, 0)) != 0)
			return rc;
		watch_map(s);
		rc = mdb_txn_begin(s->env, NULL, flags, txn);
	}
	return rc;
}

/* Little-endian numbers, as the store writes them. */
static void
put_u64(struct buf *b, uint64_t v)
{
	for (int i = 0; i < 8; i++)
		buf_addc(b, (char)((v >> (8 * i)) & 0xff));
}

static uint64_t
get_le(const unsigned char *p, int n)
{
	uint64_t v = 0;

	for (int i = n - 1; i >= 0; i--)
		v = v << 8 | p[i];
	return v;
}

/* --- Digests of the lenses ---
 *
 * Each record of the lenses table has its hash and size in meta, under
 * "digest/KEY", written in the transaction that writes the record (every
 * write goes through txn_put), so that a reader can key what it derives
 * from a pinned lens (the compiled cache) without reading the lens: at
 * 50,000 questions it is 26 MB. A store of schema 1 was written by a wafr
 * that kept no digests; it is digested whole when first opened to write,
 * and schema 2 keeps a wafr that would not keep them from writing it. */
#define DIGEST_PREFIX	"digest/"
#define DIGEST_SIZE	16	/* the hash, the size: little-endian */

static int
digest_key(const char *key, char *out, size_t size)
{
	int n = snprintf(out, size, "%s%s", DIGEST_PREFIX, key);

	return n < 0 || (size_t)n >= size || n > 511 ? EINVAL : 0;
}

/* The digest of a lens record written (value) or deleted (NULL). */
static int
put_digest(struct store *s, MDB_txn *txn, const char *key, const void *value,
    size_t size)
{
	char		dkey[512];
	struct buf	d = { 0 };
	MDB_val		k, v;
	int		rc;

	if ((rc = digest_key(key, dkey, sizeof dkey)) != 0)
		return rc;
	k.mv_size = strlen(dkey);
	k.mv_data = dkey;
	if (value == NULL) {
		rc = mdb_del(txn, s->dbi[TABLE_META], &k, NULL);
		return rc == MDB_NOTFOUND ? 0 : rc;
	}
	put_u64(&d, hash_bytes(value, size));
	put_u64(&d, size);
	v.mv_size = d.len;
	v.mv_data = d.s;
	rc = mdb_put(txn, s->dbi[TABLE_META], &k, &v, 0);
	buf_free(&d);
	return rc;
}

/* Every lens record's digest written again, or only deleted (drop). */
static int
digest_all(struct store *s, MDB_txn *txn, bool drop)
{
	MDB_cursor	*cur;
	MDB_val		 k, v;
	char		 key[512];
	int		 rc;

	if (!s->have[TABLE_LENSES])
		return 0;
	if ((rc = mdb_cursor_open(txn, s->dbi[TABLE_LENSES], &cur)) != 0)
		return rc;
	for (rc = mdb_cursor_get(cur, &k, &v, MDB_FIRST); rc == 0;
	    rc = mdb_cursor_get(cur, &k, &v, MDB_NEXT)) {
		if (k.mv_size >= sizeof key)
			continue;	/* never written: over LMDB's limit */
		memcpy(key, k.mv_data, k.mv_size);
		key[k.mv_size] = '\0';
		if ((rc = put_digest(s, txn, key, drop ? NULL : v.mv_data,
		    v.mv_size)) != 0)
			break;
	}
	mdb_cursor_close(cur);
	return rc == MDB_NOTFOUND ? 0 : rc;
}

int
store_digest(struct store *s, enum store_table t, const char *key,
    uint64_t *hash, uint64_t *size, char **cause)
{
	MDB_txn	*txn;
	MDB_val	 k = { strlen(key), (void *)key }, v, d;
	char	 dkey[512];
	int	 rc;

	if (!s->have[t])
		return 1;
	if ((rc = txn_begin(s, MDB_RDONLY, &txn)) != 0)
		return lmdb_fail(cause, s, _("cannot read"), rc);
	rc = mdb_get(txn, s->dbi[t], &k, &v);
	if (rc == 0) {
		bool kept = false;

		if (t == TABLE_LENSES &&
		    digest_key(key, dkey, sizeof dkey) == 0) {
			d.mv_size = strlen(dkey);
			d.mv_data = dkey;
			/* Believed only with the record's own size. */
			kept = mdb_get(txn, s->dbi[TABLE_META], &d, &d) == 0 &&
			    d.mv_size == DIGEST_SIZE && get_le((unsigned
			    char *)d.mv_data + 8, 8) == v.mv_size;
		}

		*hash = kept ? get_le(d.mv_data, 8) :
		    hash_bytes(v.mv_data, v.mv_size);
		*size = v.mv_size;
	}
	mdb_txn_abort(txn);
	if (rc == MDB_NOTFOUND)
		return 1;
	if (rc != 0)
		return lmdb_fail(cause, s, _("cannot read"), rc);
	return 0;
}

static int
check_schema(struct store *s, bool create, char **cause)
{
	MDB_txn	*txn;
	MDB_val	 k = { 6, "schema" }, v;
	char	 have[16];
	int	 rc, schema;

	if ((rc = txn_begin(s, s->readonly ? MDB_RDONLY : 0, &txn)) != 0)
		return lmdb_fail(cause, s, _("cannot read"), rc);
	rc = mdb_get(txn, s->dbi[TABLE_META], &k, &v);
	if (rc == MDB_NOTFOUND && create && !s->readonly) {
		char now[16];

		snprintf(now, sizeof now, "%d", STORE_SCHEMA);
		v.mv_data = now;
		v.mv_size = strlen(now);
		if ((rc = mdb_put(txn, s->dbi[TABLE_META], &k, &v, 0)) != 0)
			mdb_txn_abort(txn);
		else
			rc = mdb_txn_commit(txn);	/* frees txn, failed or not */
		return rc != 0 ? lmdb_fail(cause, s, _("cannot write"), rc) : 0;
	}
	if (rc != 0) {
		mdb_txn_abort(txn);
		if (rc == MDB_NOTFOUND)
			return fail(cause, _("%s: not a wafr store (no schema "
			    "version)"), s->path);
		return lmdb_fail(cause, s, _("cannot read"), rc);
	}
	snprintf(have, sizeof have, "%.*s", (int)(v.mv_size < 15 ? v.mv_size :
	    15), (const char *)v.mv_data);
	schema = atoi(have);
	if (schema >= 1 && schema < STORE_SCHEMA && !s->readonly) {
		char now[16];

		snprintf(now, sizeof now, "%d", STORE_SCHEMA);
		v.mv_data = now;
		v.mv_size = strlen(now);
		if ((rc = digest_all(s, txn, false)) != 0 ||
		    (rc = mdb_put(txn, s->dbi[TABLE_META], &k, &v, 0)) != 0)
			mdb_txn_abort(txn);
		else
			rc = mdb_txn_commit(txn);
		return rc != 0 ? lmdb_fail(cause, s, _("cannot write"), rc) : 0;
	}
	mdb_txn_abort(txn);
	if (schema > STORE_SCHEMA)
		return fail(cause, _("%s: written by a newer wafr (store schema "
		    "%d, this one reads up to %d)"), s->path, schema,
		    STORE_SCHEMA);
	if (schema < 1)
		return fail(cause, _("%s: unknown store schema \"%s\""), s->path,
		    have);
	return 0;
}

/* --- A damaged file --- */

/* LMDB maps the file and trusts it: a file cut short (a full disk, a
 * copy interrupted) is read past its end, and the process dies of SIGBUS.
 * So the two meta pages are checked before the file is mapped: the newest
 * valid one must name pages the file holds. */
#define LMDB_MAGIC	0xBEEFC0DEU
#define META_MAGIC	16	/* offsets in a meta page (LMDB 0.9, 64-bit) */
#define META_PSIZE	40
#define META_LAST_PG	136
#define META_TXNID	144

/* 0 sound (or no file yet), -1 damaged with *why. */
static int
check_file(const char *dir, char **why)
{
	unsigned char	 page[2][256];
	char		*path = path_join(dir, "data.mdb");
	struct stat	 sb;
	uint64_t	 psize, need = 0, best = 0;
	int		 fd, ret = 0;

	*why = NULL;
	if ((fd = open(path, O_RDONLY | O_CLOEXEC)) == -1) {
		free(path);
		return 0;	/* LMDB makes it, or says why not */
	}
	if (fstat(fd, &sb) != 0 || pread(fd, page[0], sizeof page[0], 0) !=
	    (ssize_t)sizeof page[0]) {
		*why = xstrdup(_("too short to hold its first page"));
		goto out;
	}
	psize = get_le(page[0] + META_PSIZE, 4);
	if (get_le(page[0] + META_MAGIC, 4) != LMDB_MAGIC || psize < 512 ||
	    psize > 65536 || (psize & (psize - 1)) != 0) {
		*why = xstrdup(_("its first page is not an LMDB meta page"));
		goto out;
	}
	if (pread(fd, page[1], sizeof page[1], (off_t)psize) !=
	    (ssize_t)sizeof page[1])
		memset(page[1], 0, sizeof page[1]);
	for (int i = 0; i < 2; i++) {
		uint64_t txnid = get_le(page[i] + META_TXNID, 8);

		if (get_le(page[i] + META_MAGIC, 4) != LMDB_MAGIC ||
		    txnid < best)
			continue;
		best = txnid;
		need = (get_le(page[i] + META_LAST_PG, 8) + 1) * psize;
	}
	if ((uint64_t)sb.st_size < need)
		*why = xasprintf(ngettext("%lld byte where its pages need %llu",
		    "%lld bytes where its pages need %llu",
		    (unsigned long)sb.st_size), (long long)sb.st_size,
		    (unsigned long long)need);
out:
	if (*why != NULL)
		ret = -1;
	close(fd);
	free(path);
	return ret;
}

/* Past the check, a read inside the map can still fault (a page changed
 * under it): say what happened rather than die without a word. A fault
 * anywhere else is not ours: the handler before ours takes it. */
static struct {
	const char		*start;
	size_t			 len;
	char			 msg[1024];
	size_t			 msglen;
	bool			 installed;
	struct sigaction	 old_bus, old_segv;
} fault;

static void
on_fault(int sig, siginfo_t *si, void *ctx)
{
	const struct sigaction	*old = sig == SIGBUS ? &fault.old_bus :
				    &fault.old_segv;
	const char		*a = si->si_addr;

	if (fault.start != NULL && a >= fault.start &&
	    a < fault.start + fault.len) {
		if (write(STDERR_FILENO, fault.msg, fault.msglen) < 0)
			_exit(1);
		_exit(1);
	}
	if (old->sa_flags & SA_SIGINFO)
		old->sa_sigaction(sig, si, ctx);
	else if (old->sa_handler != SIG_DFL && old->sa_handler != SIG_IGN)
		old->sa_handler(sig);
	else {
		signal(sig, SIG_DFL);
		raise(sig);
	}
}

static void
watch_map(struct store *s)
{
	MDB_envinfo		info;
	struct sigaction	sa;

	if (mdb_env_info(s->env, &info) != 0)
		return;
	fault.start = info.me_mapaddr;
	fault.len = info.me_mapsize;
	fault.msglen = (size_t)snprintf(fault.msg, sizeof fault.msg,
	    _("wafr: %s: the live state is damaged (a page of it cannot be "
	    "read); \"wafr sync --rebuild\" builds it again from the "
	    "snapshot files\n"), s->path);
	if (fault.msglen >= sizeof fault.msg)
		fault.msglen = sizeof fault.msg - 1;
	if (fault.installed)
		return;
	memset(&sa, 0, sizeof sa);
	sa.sa_sigaction = on_fault;
	sa.sa_flags = SA_SIGINFO;
	sigemptyset(&sa.sa_mask);
	if (sigaction(SIGBUS, &sa, &fault.old_bus) == 0 &&
	    sigaction(SIGSEGV, &sa, &fault.old_segv) == 0)
		fault.installed = true;
}

static void
unwatch_map(void)
{
	fault.start = NULL;
	if (fault.installed) {
		sigaction(SIGBUS, &fault.old_bus, NULL);
		sigaction(SIGSEGV, &fault.old_segv, NULL);
		fault.installed = false;
	}
}

int
store_open(const char *dir, int flags, struct store **out, char **cause)
{
	struct store	*s;
	MDB_txn		*txn;
	const char	*env_map;
	size_t		 map = MAP_SIZE_DEFAULT;
	unsigned	 envflags = 0, dbflags = 0;
	int		 rc, dead;
	struct stat	 sb;
	char		*why;
	int		 ret = -1;

	*out = NULL;
	if (stat(dir, &sb) != 0) {
		if (!(flags & STORE_CREATE))
			return fail(cause, "%s: %s", dir, strerror(errno));
		if (mkdir(dir, 0700) != 0)
			return fail(cause, "%s: %s", dir, strerror(errno));
	}
	s = xcalloc(1, sizeof *s);
	s->path = xstrdup(dir);
	s->readonly = (flags & STORE_READONLY) != 0;
	if ((env_map = getenv("WAFR_MAPSIZE")) != NULL && atol(env_map) > 0)
		map = (size_t)atol(env_map);

	if ((rc = mdb_env_create(&s->env)) != 0) {
		lmdb_fail(cause, s, _("cannot create the environment"), rc);
		goto fail;
	}
	if ((rc = mdb_env_set_maxdbs(s->env, TABLE_COUNT)) != 0 ||
	    (rc = mdb_env_set_mapsize(s->env, map)) != 0) {
		lmdb_fail(cause, s, _("cannot configure"), rc);
		goto fail;
	}
	if (check_file(dir, &why) != 0) {
		fail(cause, _("%s: the live state is damaged (%s)"), dir, why);
		free(why);
		ret = STORE_DAMAGED;
		goto fail;
	}
	if (s->readonly)
		envflags |= MDB_RDONLY;
	rc = mdb_env_open(s->env, dir, envflags, 0600);
	if ((rc == EACCES || rc == EROFS) && s->readonly) {
		/* A workspace we may only read (a read-only mount, another
		 * user's): no lock file to register in, but reading works. */
		mdb_env_close(s->env);
		if ((rc = mdb_env_create(&s->env)) == 0 &&
		    (rc = mdb_env_set_maxdbs(s->env, TABLE_COUNT)) == 0 &&
		    (rc = mdb_env_set_mapsize(s->env, map)) == 0)
			rc = mdb_env_open(s->env, dir, envflags | MDB_NOLOCK,
			    0600);
	}
	if (rc != 0) {
		lmdb_fail(cause, s, _("cannot open"), rc);
		goto fail;
	}
	watch_map(s);
	mdb_reader_check(s->env, &dead);

	/* Open every table once, in the first transaction. */
	if (!s->readonly)
		dbflags = MDB_CREATE;
	if ((rc = txn_begin(s, s->readonly ? MDB_RDONLY : 0, &txn)) != 0) {
		lmdb_fail(cause, s, _("cannot read"), rc);
		goto fail;
	}
	for (int i = 0; i < TABLE_COUNT; i++) {
		rc = mdb_dbi_open(txn, table_names[i], dbflags, &s->dbi[i]);
		if (rc == MDB_NOTFOUND && i >= FIRST_LATER_TABLE)
			continue;
		if (rc != 0) {
			mdb_txn_abort(txn);
			if (rc == MDB_NOTFOUND)
				fail(cause, _("%s: not a wafr store (no table "
				    "\"%s\")"), dir, table_names[i]);
			else
				lmdb_fail(cause, s, table_names[i], rc);
			goto fail;
		}
		s->have[i] = true;
	}
	if ((rc = mdb_txn_commit(txn)) != 0) {
		lmdb_fail(cause, s, _("cannot write"), rc);
		goto fail;
	}
	if (check_schema(s, (flags & STORE_CREATE) != 0, cause) != 0)
		goto fail;
	*out = s;
	return 0;
fail:
	store_close(s);
	return ret;
}

void
store_close(struct store *s)
{
	if (s == NULL)
		return;
	unwatch_map();
	if (s->env != NULL)
		mdb_env_close(s->env);
	free(s->boot);
	free(s->path);
	free(s);
}

int
store_get(struct store *s, enum store_table t, const char *key, void **value,
    size_t *size, char **cause)
{
	MDB_txn	*txn;
	MDB_val	 k = { strlen(key), (void *)key }, v;
	int	 rc;

	if (!s->have[t])
		return 1;
	if ((rc = txn_begin(s, MDB_RDONLY, &txn)) != 0)
		return lmdb_fail(cause, s, _("cannot read"), rc);
	rc = mdb_get(txn, s->dbi[t], &k, &v);
	if (rc == 0) {
		*value = xmalloc(v.mv_size + 1);
		memcpy(*value, v.mv_data, v.mv_size);
		((char *)*value)[v.mv_size] = '\0';
		*size = v.mv_size;
	}
	mdb_txn_abort(txn);
	if (rc == MDB_NOTFOUND)
		return 1;
	if (rc != 0)
		return lmdb_fail(cause, s, _("cannot read"), rc);
	return 0;
}

int
store_walk(struct store *s, int (*fn)(enum store_table, const char *,
    const void *, size_t, void *), void *arg, char **cause)
{
	MDB_txn		*txn;
	MDB_cursor	*cur;
	MDB_val		 k, v;
	int		 rc, ret = 0;

	if ((rc = txn_begin(s, MDB_RDONLY, &txn)) != 0)
		return lmdb_fail(cause, s, _("cannot read"), rc);
	for (int t = 0; t < TABLE_COUNT && ret == 0; t++) {
		if (t == TABLE_JOURNAL || !s->have[t])
			continue;
		if ((rc = mdb_cursor_open(txn, s->dbi[t], &cur)) != 0) {
			mdb_txn_abort(txn);
			return lmdb_fail(cause, s, _("cannot read"), rc);
		}
		rc = mdb_cursor_get(cur, &k, &v, MDB_FIRST);
		while (rc == 0 && ret == 0) {
			char *key = xstrndup(k.mv_data, k.mv_size);

			ret = fn((enum store_table)t, key, v.mv_data, v.mv_size,
			    arg);
			free(key);
			rc = mdb_cursor_get(cur, &k, &v, MDB_NEXT);
		}
		mdb_cursor_close(cur);
		if (rc != 0 && rc != MDB_NOTFOUND) {
			mdb_txn_abort(txn);
			return lmdb_fail(cause, s, _("cannot read"), rc);
		}
	}
	mdb_txn_abort(txn);
	return ret;
}

static void
batch_add(struct store_batch *b, enum store_table t, const char *key,
    const void *value, size_t size)
{
	struct store_op *op = ARRAY_PUSH(b->ops, b->n, b->cap);

	*op = (struct store_op){ .table = t, .key = xstrdup(key), .size = size };
	if (value != NULL) {
		op->value = xmalloc(size);
		memcpy(op->value, value, size);
	}
}

void
batch_put(struct store_batch *b, enum store_table t, const char *key,
    const void *value, size_t size)
{
	batch_add(b, t, key, value != NULL ? value : "", size);
}

void
batch_put_string(struct store_batch *b, enum store_table t, const char *key,
    const char *value)
{
	batch_put(b, t, key, value, strlen(value));
}

void
batch_delete(struct store_batch *b, enum store_table t, const char *key)
{
	batch_add(b, t, key, NULL, 0);
}

void
batch_update(struct store_batch *b, enum store_table t, const char *key,
    store_update_fn fn, void *arg)
{
	batch_add(b, t, key, NULL, 0);
	b->ops[b->n - 1].update = fn;
	b->ops[b->n - 1].arg = arg;
}

void
batch_free(struct store_batch *b)
{
	for (size_t i = 0; i < b->n; i++) {
		free(b->ops[i].key);
		free(b->ops[i].value);
	}
	free(b->ops);
	*b = (struct store_batch){ 0 };
}

/* --- The journal --- */

void
journal_entry_free(struct journal_entry *e)
{
	if (e == NULL)
		return;
	for (size_t i = 0; i < e->nchanges; i++) {
		free(e->changes[i].key);
		free(e->changes[i].before);
		free(e->changes[i].after);
	}
	free(e->changes);
	free(e->author);
	free(e->op);
	free(e->target);
	free(e->undoes_op);
	*e = (struct journal_entry){ 0 };
}

bool
journal_entry_has_files(const struct journal_entry *e)
{
	for (size_t i = 0; i < e->nchanges; i++) {
		if (e->changes[i].table != TABLE_SESSION)
			return true;
	}
	return false;
}

void
journal_entries_free(struct journal_entry *v, size_t n)
{
	for (size_t i = 0; i < n; i++)
		journal_entry_free(&v[i]);
	free(v);
}

/* An entry's bytes: a version, then fixed-width little-endian numbers and
 * length-prefixed strings. */
#define JOURNAL_VERSION	1
#define J_UNDOABLE	0x1
#define FILES_BEHIND	"behind/"	/* meta: entries whose files may lag */
#define FILES_BOOT	"files-boot"	/* meta: the boot they were written in */
#define J_UNDONE	0x2

static void
put_blob(struct buf *b, const void *p, size_t n, bool present)
{
	buf_addc(b, present ? 1 : 0);
	if (!present)
		return;
	put_u64(b, n);
	buf_add(b, p, n);
}

static void
put_str(struct buf *b, const char *s)
{
	put_blob(b, s, s != NULL ? strlen(s) : 0, s != NULL);
}

static void *
encode_entry(const struct journal_entry *e, size_t *size)
{
	struct buf b = { 0 };

	buf_addc(&b, JOURNAL_VERSION);
	put_u64(&b, e->seq);
	put_u64(&b, (uint64_t)e->time);
	put_str(&b, e->author);
	put_str(&b, e->op);
	put_str(&b, e->target);
	buf_addc(&b, (char)((e->undoable ? J_UNDOABLE : 0) |
	    (e->undone ? J_UNDONE : 0)));
	put_u64(&b, e->undoes);
	put_str(&b, e->undoes_op);
	put_u64(&b, e->nchanges);
	for (size_t i = 0; i < e->nchanges; i++) {
		const struct store_change *c = &e->changes[i];

		buf_addc(&b, (char)c->table);
		put_str(&b, c->key);
		put_blob(&b, c->before, c->nbefore, c->before != NULL);
		put_blob(&b, c->after, c->nafter, c->after != NULL);
	}
	*size = b.len;
	return buf_take(&b);
}

struct reader {
	const unsigned char	*p;
	size_t			 left;
	bool			 bad;
};

static uint64_t
get_u64(struct reader *r)
{
	uint64_t v = 0;

	if (r->left < 8) {
		r->bad = true;
		return 0;
	}
	for (int i = 0; i < 8; i++)
		v |= (uint64_t)r->p[i] << (8 * i);
	r->p += 8;
	r->left -= 8;
	return v;
}

static int
get_byte(struct reader *r)
{
	if (r->left < 1) {
		r->bad = true;
		return 0;
	}
	r->left--;
	return *r->p++;
}

/* A blob, NUL-terminated for use as text; NULL when absent. */
static void *
get_blob(struct reader *r, size_t *n)
{
	uint64_t	 len;
	char		*v;

	*n = 0;
	if (get_byte(r) == 0 || r->bad)
		return NULL;
	len = get_u64(r);
	if (r->bad || len > r->left) {
		r->bad = true;
		return NULL;
	}
	v = xmalloc((size_t)len + 1);
	memcpy(v, r->p, (size_t)len);
	v[len] = '\0';
	r->p += len;
	r->left -= (size_t)len;
	*n = (size_t)len;
	return v;
}

static char *
get_str(struct reader *r)
{
	size_t n;

	return get_blob(r, &n);
}

int
journal_entry_decode(const void *data, size_t size, struct journal_entry *e)
{
	struct reader	r = { data, size, false };
	uint64_t	n;
	int		flags;

	*e = (struct journal_entry){ 0 };
	if (get_byte(&r) != JOURNAL_VERSION)
		return -1;
	e->seq = get_u64(&r);
	e->time = (int64_t)get_u64(&r);
	e->author = get_str(&r);
	e->op = get_str(&r);
	e->target = get_str(&r);
	flags = get_byte(&r);
	e->undoable = (flags & J_UNDOABLE) != 0;
	e->undone = (flags & J_UNDONE) != 0;
	e->undoes = get_u64(&r);
	e->undoes_op = get_str(&r);
	n = get_u64(&r);
	if (r.bad || n > r.left) {
		journal_entry_free(e);
		return -1;
	}
	e->changes = xcalloc((size_t)n + 1, sizeof *e->changes);
	for (uint64_t i = 0; i < n && !r.bad; i++) {
		struct store_change *c = &e->changes[e->nchanges++];
		int t = get_byte(&r);

		c->table = t < TABLE_COUNT ? (enum store_table)t : TABLE_META;
		if (t >= TABLE_COUNT || t == TABLE_JOURNAL)
			r.bad = true;
		c->key = get_str(&r);
		c->before = get_blob(&r, &c->nbefore);
		c->after = get_blob(&r, &c->nafter);
		if (c->key == NULL)
			r.bad = true;
	}
	if (r.bad || e->op == NULL) {
		journal_entry_free(e);
		return -1;
	}
	return 0;
}

static int	run_txn(struct store *, int (*)(struct store *, MDB_txn *, void *),
		    void *, char **);

static void
seq_key(uint64_t seq, char *key, size_t size)
{
	snprintf(key, size, "%016llu", (unsigned long long)seq);
}

/* The value of a record in a transaction: 0, MDB_NOTFOUND, or an error. */
static int
txn_get(struct store *s, MDB_txn *txn, enum store_table t, const char *key,
    MDB_val *v)
{
	MDB_val k = { strlen(key), (void *)key };

	if (!s->have[t])
		return MDB_NOTFOUND;
	return mdb_get(txn, s->dbi[t], &k, v);
}

static int
txn_put(struct store *s, MDB_txn *txn, enum store_table t, const char *key,
    const void *value, size_t size)
{
	MDB_val	k = { strlen(key), (void *)key }, v = { size, (void *)value };
	int	rc;

	if (k.mv_size == 0 || k.mv_size > 511)
		return EINVAL;	/* LMDB's key limit */
	if (value != NULL)
		rc = mdb_put(txn, s->dbi[t], &k, &v, 0);
	else if ((rc = mdb_del(txn, s->dbi[t], &k, NULL)) == MDB_NOTFOUND)
		rc = 0;
	if (rc == 0 && t == TABLE_LENSES)
		rc = put_digest(s, txn, key, value, size);
	return rc;
}

/* A value's bytes, NUL-terminated for use as text; NULL stays NULL. */
static void *
dup_bytes(const void *data, size_t size)
{
	char *p;

	if (data == NULL)
		return NULL;
	p = xmalloc(size + 1);
	memcpy(p, data, size);
	p[size] = '\0';
	return p;
}

static void *
dup_val(const MDB_val *v)
{
	return dup_bytes(v->mv_data, v->mv_size);
}

/* Does the record hold value (NULL: absent)? 0 yes, MDB_KEYEXIST no. */
static int
holds(struct store *s, MDB_txn *txn, enum store_table t, const char *key,
    const void *value, size_t size)
{
	MDB_val	v;
	int	rc = txn_get(s, txn, t, key, &v);

	if (rc == MDB_NOTFOUND)
		return value == NULL ? 0 : MDB_KEYEXIST;
	if (rc != 0)
		return rc;
	if (value == NULL || v.mv_size != size ||
	    (size > 0 && memcmp(v.mv_data, value, size) != 0))
		return MDB_KEYEXIST;
	return 0;
}

static struct store_change *
find_change(struct journal_entry *e, enum store_table t, const char *key)
{
	for (size_t i = 0; i < e->nchanges; i++) {
		if (e->changes[i].table == t && strcmp(e->changes[i].key,
		    key) == 0)
			return &e->changes[i];
	}
	return NULL;
}

static bool
same(const void *a, size_t na, const void *b, size_t nb)
{
	if (a == NULL || b == NULL)
		return a == b;
	return na == nb && (na == 0 || memcmp(a, b, na) == 0);
}

/* Keep only the records whose value moved. */
static void
drop_unchanged(struct journal_entry *e)
{
	size_t n = 0;

	for (size_t i = 0; i < e->nchanges; i++) {
		struct store_change *c = &e->changes[i];

		if (same(c->before, c->nbefore, c->after, c->nafter)) {
			free(c->key);
			free(c->before);
			free(c->after);
			continue;
		}
		e->changes[n++] = *c;
	}
	e->nchanges = n;
}

/* Read the values the changes have now into their after (or before). */
static int
read_values(struct store *s, MDB_txn *txn, struct journal_entry *e,
    bool after)
{
	for (size_t i = 0; i < e->nchanges; i++) {
		struct store_change	*c = &e->changes[i];
		MDB_val			 v;
		int			 rc = txn_get(s, txn, c->table, c->key, &v);

		if (rc != 0 && rc != MDB_NOTFOUND)
			return rc;
		if (after) {
			c->after = rc == 0 ? dup_val(&v) : NULL;
			c->nafter = rc == 0 ? v.mv_size : 0;
		} else {
			c->before = rc == 0 ? dup_val(&v) : NULL;
			c->nbefore = rc == 0 ? v.mv_size : 0;
		}
	}
	return 0;
}

static struct store_change *
add_change(struct journal_entry *e, size_t *cap, enum store_table t,
    const char *key)
{
	struct store_change *c = ARRAY_PUSH(e->changes, e->nchanges, *cap);

	*c = (struct store_change){ .table = t, .key = xstrdup(key) };
	return c;
}

/* Every record of the tables a replace rewrites, as changes. */
static int
collect_content(struct store *s, MDB_txn *txn, struct journal_entry *e,
    size_t *cap)
{
	MDB_cursor	*cur;
	MDB_val		 k, v;
	int		 rc;

	for (int t = 0; t < TABLE_COUNT; t++) {
		if (t == TABLE_META || t == TABLE_SESSION ||
		    t == TABLE_JOURNAL || !s->have[t])
			continue;
		if ((rc = mdb_cursor_open(txn, s->dbi[t], &cur)) != 0)
			return rc;
		rc = mdb_cursor_get(cur, &k, &v, MDB_FIRST);
		while (rc == 0) {
			char *key = xstrndup(k.mv_data, k.mv_size);

			add_change(e, cap, (enum store_table)t, key);
			free(key);
			rc = mdb_cursor_get(cur, &k, &v, MDB_NEXT);
		}
		mdb_cursor_close(cur);
		if (rc != MDB_NOTFOUND)
			return rc;
	}
	return 0;
}

static int
last_seq(struct store *s, MDB_txn *txn, uint64_t *seq)
{
	MDB_cursor	*cur;
	MDB_val		 k, v;
	char		 num[32];
	int		 rc;

	*seq = 0;
	if ((rc = mdb_cursor_open(txn, s->dbi[TABLE_JOURNAL], &cur)) != 0)
		return rc;
	rc = mdb_cursor_get(cur, &k, &v, MDB_LAST);
	if (rc == 0 && k.mv_size < sizeof num) {
		memcpy(num, k.mv_data, k.mv_size);
		num[k.mv_size] = '\0';
		*seq = strtoull(num, NULL, 10);
	}
	mdb_cursor_close(cur);
	return rc == MDB_NOTFOUND ? 0 : rc;
}

static int
write_entry(struct store *s, MDB_txn *txn, const struct journal_entry *e)
{
	char	 key[32];
	size_t	 size;
	void	*data = encode_entry(e, &size);
	int	 rc;

	seq_key(e->seq, key, sizeof key);
	rc = txn_put(s, txn, TABLE_JOURNAL, key, data, size);
	free(data);
	return rc;
}

/* Append an entry; a change of the review ends what could be redone. Its
 * files (if it has any) are behind until the writer says it wrote them: a
 * crash in between leaves the mark, and the files are rewritten before
 * anything reads them back. */
static int
append_entry(struct store *s, MDB_txn *txn, struct journal_entry *e)
{
	char	key[64];
	int	rc;

	if ((rc = last_seq(s, txn, &e->seq)) != 0)
		return rc;
	e->seq++;
	if (e->time == 0)
		e->time = (int64_t)time(NULL);
	if ((rc = write_entry(s, txn, e)) != 0)
		return rc;
	if (e->undoable && (rc = txn_put(s, txn, TABLE_META, "redo", NULL,
	    0)) != 0)
		return rc;
	if (!journal_entry_has_files(e))
		return 0;
	snprintf(key, sizeof key, "%s%016llu", FILES_BEHIND,
	    (unsigned long long)e->seq);
	return txn_put(s, txn, TABLE_META, key, "", 0);
}

int
store_files_behind(struct store *s, uint64_t **seqs, size_t *n, char **cause)
{
	MDB_txn		*txn;
	MDB_cursor	*cur;
	MDB_val		 k = { strlen(FILES_BEHIND), FILES_BEHIND }, v;
	size_t		 cap = 0, len = strlen(FILES_BEHIND);
	int		 rc;

	*seqs = NULL;
	*n = 0;
	if ((rc = txn_begin(s, MDB_RDONLY, &txn)) != 0)
		return lmdb_fail(cause, s, _("cannot read"), rc);
	if ((rc = mdb_cursor_open(txn, s->dbi[TABLE_META], &cur)) != 0) {
		mdb_txn_abort(txn);
		return lmdb_fail(cause, s, _("cannot read"), rc);
	}
	for (rc = mdb_cursor_get(cur, &k, &v, MDB_SET_RANGE); rc == 0 &&
	    k.mv_size > len && memcmp(k.mv_data, FILES_BEHIND, len) == 0;
	    rc = mdb_cursor_get(cur, &k, &v, MDB_NEXT)) {
		char num[32];

		snprintf(num, sizeof num, "%.*s", (int)(k.mv_size - len),
		    (const char *)k.mv_data + len);
		*ARRAY_PUSH(*seqs, *n, cap) = strtoull(num, NULL, 10);
	}
	mdb_cursor_close(cur);
	mdb_txn_abort(txn);
	if (rc != 0 && rc != MDB_NOTFOUND) {
		free(*seqs);
		*seqs = NULL;
		*n = 0;
		return lmdb_fail(cause, s, _("cannot read"), rc);
	}
	return 0;
}

struct written {
	const uint64_t	*seqs;
	size_t		 n;
};

static int
written_txn(struct store *s, MDB_txn *txn, void *arg)
{
	struct written	*w = arg;
	char		 key[64];
	int		 rc;

	for (size_t i = 0; i < w->n; i++) {
		snprintf(key, sizeof key, "%s%016llu", FILES_BEHIND,
		    (unsigned long long)w->seqs[i]);
		if ((rc = txn_put(s, txn, TABLE_META, key, NULL, 0)) != 0)
			return rc;
	}
	if (s->boot != NULL)
		return txn_put(s, txn, TABLE_META, FILES_BOOT, s->boot,
		    strlen(s->boot));
	return 0;
}

void
store_set_boot(struct store *s, const char *boot)
{
	free(s->boot);
	s->boot = boot != NULL ? xstrdup(boot) : NULL;
}

/* What the store records of the boot its files were last written in,
 * against this one's; -1 on error. */
enum { BOOT_NONE, BOOT_SAME, BOOT_OTHER };

static int
recorded_boot(struct store *s, char **cause)
{
	void	*v;
	size_t	 n;
	int	 r;

	if ((r = store_get(s, TABLE_META, FILES_BOOT, &v, &n, cause)) < 0)
		return -1;
	if (r != 0)
		return BOOT_NONE;
	r = s->boot != NULL && (n != strlen(s->boot) ||
	    memcmp(v, s->boot, n) != 0) ? BOOT_OTHER : BOOT_SAME;
	free(v);
	return r;
}

int
store_files_boot(struct store *s, bool *other, char **cause)
{
	int r = recorded_boot(s, cause);

	*other = r == BOOT_OTHER;
	return r < 0 ? -1 : 0;
}

int
store_files_written(struct store *s, const uint64_t *seqs, size_t n,
    char **cause)
{
	struct written	w = { seqs, n };
	int		r, rc;

	if ((n == 0 && s->boot == NULL) || s->readonly)
		return 0;
	if (n == 0) {
		/* Nothing to clear: only a boot not recorded yet to write. */
		if ((r = recorded_boot(s, cause)) < 0)
			return -1;
		if (r == BOOT_SAME)
			return 0;
	}
	/* Not flushed to the device: a lost clear only costs a rewrite. */
	if ((rc = mdb_env_set_flags(s->env, MDB_NOSYNC, 1)) != 0)
		return lmdb_fail(cause, s, _("cannot write"), rc);
	r = run_txn(s, written_txn, &w, cause);
	mdb_env_set_flags(s->env, MDB_NOSYNC, 0);
	return r;
}

/* One write transaction; when the map is full, grow it and run again. */
static int
run_txn(struct store *s, int (*fn)(struct store *, MDB_txn *, void *),
    void *arg, char **cause)
{
	MDB_envinfo	 info;
	MDB_txn		*txn;
	int		 rc;

	if (s->readonly)
		return fail(cause, _("%s: opened read-only"), s->path);
	for (int attempt = 0; attempt < 16; attempt++) {
		if ((rc = txn_begin(s, 0, &txn)) != 0)
			return lmdb_fail(cause, s, _("cannot write"), rc);
		if ((rc = fn(s, txn, arg)) == 0)
			rc = mdb_txn_commit(txn);
		else
			mdb_txn_abort(txn);
		if (rc != MDB_MAP_FULL)
			break;
		if ((rc = mdb_env_info(s->env, &info)) != 0 ||
		    (rc = mdb_env_set_mapsize(s->env, info.me_mapsize * 2)) != 0)
			break;
		watch_map(s);
		rc = MDB_MAP_FULL;
	}
	switch (rc) {
	case 0:
		return 0;
	case MDB_KEYEXIST:	/* a guard that did not hold */
		return 1;
	case ECANCELED:		/* an update refused, and said why */
		return -1;
	case EINVAL:
		return fail(cause, _("%s: a key is empty or too long"), s->path);
	default:
		return lmdb_fail(cause, s, _("cannot write"), rc);
	}
}

/* ECANCELED: an update refused (its message is in *cause). */
static int
apply_ops(struct store *s, MDB_txn *txn, const struct store_batch *b,
    char **cause)
{
	for (size_t i = 0; i < b->n; i++) {
		const struct store_op	*op = &b->ops[i];
		MDB_val			 v;
		void			*now = NULL;
		size_t			 n = 0;
		int			 rc;

		if (op->update == NULL) {
			rc = txn_put(s, txn, op->table, op->key, op->value,
			    op->size);
			if (rc != 0)
				return rc;
			continue;
		}
		rc = txn_get(s, txn, op->table, op->key, &v);
		if (rc != 0 && rc != MDB_NOTFOUND)
			return rc;
		if (op->update(rc == 0 ? v.mv_data : NULL, rc == 0 ?
		    v.mv_size : 0, &now, &n, op->arg, cause) != 0)
			return ECANCELED;
		rc = txn_put(s, txn, op->table, op->key, now, n);
		free(now);
		if (rc != 0)
			return rc;
	}
	return 0;
}

struct plain {
	const struct store_batch	*batch;
	char				**cause;
};

static int
plain_txn(struct store *s, MDB_txn *txn, void *arg)
{
	struct plain *p = arg;

	return apply_ops(s, txn, p->batch, p->cause);
}

int
store_apply(struct store *s, const struct store_batch *b, char **cause)
{
	struct plain p = { b, cause };

	return run_txn(s, plain_txn, &p, cause);
}

/* The data is flushed, the meta page that makes it current is not: after a
 * power cut the store is the one before or the one after. */
static int
run_txn_session(struct store *s, int (*fn)(struct store *, MDB_txn *, void *),
    void *arg, char **cause)
{
	int r, rc;

	if (s->readonly)
		return fail(cause, _("%s: opened read-only"), s->path);
	if ((rc = mdb_env_set_flags(s->env, MDB_NOMETASYNC, 1)) != 0)
		return lmdb_fail(cause, s, _("cannot write"), rc);
	r = run_txn(s, fn, arg, cause);
	mdb_env_set_flags(s->env, MDB_NOMETASYNC, 0);
	return r;
}

int
store_apply_session(struct store *s, const struct store_batch *b,
    char **cause)
{
	struct plain p = { b, cause };

	return run_txn_session(s, plain_txn, &p, cause);
}

struct commit {
	char				**cause;	/* an update's refusal */
	const struct store_batch	*batch;
	const struct store_journal	*journal;
	const struct store_guard	*guard;
	bool				 replace;
	struct journal_entry		 entry;
};

static int
commit_txn(struct store *s, MDB_txn *txn, void *arg)
{
	struct commit		*c = arg;
	struct journal_entry	*e = &c->entry;
	const struct store_guard *g = c->guard;
	size_t			 cap = 0;
	int			 rc;

	/* A retry after a full map starts again from nothing. */
	journal_entry_free(e);
	if (g != NULL && (rc = holds(s, txn, g->table, g->key, g->value,
	    g->size)) != 0)
		return rc;
	if (c->replace && (rc = collect_content(s, txn, e, &cap)) != 0)
		return rc;
	for (size_t i = 0; i < c->batch->n; i++) {
		const struct store_op *op = &c->batch->ops[i];

		if (find_change(e, op->table, op->key) == NULL)
			add_change(e, &cap, op->table, op->key);
	}
	if ((rc = read_values(s, txn, e, false)) != 0)
		return rc;
	for (int t = 0; c->replace && t < TABLE_COUNT; t++) {
		if (t == TABLE_LENSES && s->have[t] &&
		    (rc = digest_all(s, txn, true)) != 0)
			return rc;
		if (t != TABLE_META && t != TABLE_SESSION &&
		    t != TABLE_JOURNAL && s->have[t] &&
		    (rc = mdb_drop(txn, s->dbi[t], 0)) != 0)
			return rc;
	}
	if ((rc = apply_ops(s, txn, c->batch, c->cause)) != 0 ||
	    (rc = read_values(s, txn, e, true)) != 0)
		return rc;
	drop_unchanged(e);
	if (e->nchanges == 0)
		return 0;	/* nothing moved: nothing to journal */
	e->author = xstrdup(c->journal->author != NULL ? c->journal->author :
	    "");
	e->op = xstrdup(c->journal->op);
	e->target = xstrdup(c->journal->target != NULL ? c->journal->target :
	    "");
	e->undoable = c->journal->undoable;
	return append_entry(s, txn, e);
}

static int
commit(struct store *s, struct commit *c, struct journal_entry *out,
    char **cause)
{
	int ret = (c->journal->kept_elsewhere ? run_txn_session : run_txn)(s,
	    commit_txn, c, cause);

	if (ret == 0 && out != NULL)
		*out = c->entry;
	else
		journal_entry_free(&c->entry);
	return ret;
}

int
store_commit(struct store *s, const struct store_batch *b,
    const struct store_journal *j, const struct store_guard *g,
    struct journal_entry *out, char **cause)
{
	struct commit c = { .cause = cause, .batch = b, .journal = j,
	    .guard = g };

	return commit(s, &c, out, cause);
}

int
store_replace(struct store *s, const struct store_batch *b,
    const struct store_journal *j, struct journal_entry *out, char **cause)
{
	struct commit c = { .cause = cause, .batch = b, .journal = j,
	    .replace = true };

	return commit(s, &c, out, cause);
}

/* --- Undo and redo --- */

struct turn {
	bool			 redo;
	const char		*author;
	struct journal_entry	 entry;		/* the new one */
	bool			 nothing;
	char			*why;		/* a record moved since */
};

static int
read_entry(struct store *s, MDB_txn *txn, uint64_t seq,
    struct journal_entry *e)
{
	char	key[32];
	MDB_val	v;
	int	rc;

	seq_key(seq, key, sizeof key);
	if ((rc = txn_get(s, txn, TABLE_JOURNAL, key, &v)) != 0)
		return rc;
	return journal_entry_decode(v.mv_data, v.mv_size, e) == 0 ? 0 : MDB_CORRUPTED;
}

/* The newest change of the review that is not undone. */
static int
find_undoable(struct store *s, MDB_txn *txn, struct journal_entry *e)
{
	MDB_cursor	*cur;
	MDB_val		 k, v;
	int		 rc;

	if ((rc = mdb_cursor_open(txn, s->dbi[TABLE_JOURNAL], &cur)) != 0)
		return rc;
	for (rc = mdb_cursor_get(cur, &k, &v, MDB_LAST); rc == 0;
	    rc = mdb_cursor_get(cur, &k, &v, MDB_PREV)) {
		if (journal_entry_decode(v.mv_data, v.mv_size, e) != 0) {
			rc = MDB_CORRUPTED;
			break;
		}
		if (e->undoable && !e->undone)
			break;
		journal_entry_free(e);
	}
	mdb_cursor_close(cur);
	return rc;
}

/* The redo stack: sequence numbers, the last undone last. */
static int
redo_stack(struct store *s, MDB_txn *txn, char *out, size_t size)
{
	MDB_val	v;
	int	rc = txn_get(s, txn, TABLE_META, "redo", &v);

	*out = '\0';
	if (rc == MDB_NOTFOUND)
		return 0;
	if (rc != 0)
		return rc;
	if (v.mv_size >= size)
		return MDB_CORRUPTED;
	memcpy(out, v.mv_data, v.mv_size);
	out[v.mv_size] = '\0';
	return 0;
}

static int
turn_txn(struct store *s, MDB_txn *txn, void *arg)
{
	struct turn		*t = arg;
	struct journal_entry	 old = { 0 }, *e = &t->entry;
	char			 stack[4096], *top;
	int			 rc;

	journal_entry_free(e);
	free(t->why);
	t->why = NULL;
	t->nothing = false;
	if ((rc = redo_stack(s, txn, stack, sizeof stack)) != 0)
		return rc;
	if (!t->redo)
		rc = find_undoable(s, txn, &old);
	else if ((top = strrchr(stack, ' ')) != NULL || *stack != '\0') {
		top = top != NULL ? top + 1 : stack;
		rc = read_entry(s, txn, strtoull(top, NULL, 10), &old);
		if (rc == 0 && !old.undone)
			rc = MDB_CORRUPTED;
		if (top > stack)
			top--;
		*top = '\0';
	} else
		rc = MDB_NOTFOUND;
	if (rc == MDB_NOTFOUND) {
		t->nothing = true;
		return MDB_NOTFOUND;
	}
	if (rc != 0)
		goto out;

	/* Each record must be as the change (or its undo) left it: then it
	 * goes back to the other side. */
	e->changes = xcalloc(old.nchanges + 1, sizeof *e->changes);
	for (size_t i = old.nchanges; i-- > 0;) {
		const struct store_change	*c = &old.changes[i];
		struct store_change		*n = &e->changes[e->nchanges];
		const void			*from = t->redo ? c->before :
						    c->after;
		const void			*to = t->redo ? c->after :
						    c->before;
		size_t				 nfrom = t->redo ? c->nbefore :
						    c->nafter;
		size_t				 nto = t->redo ? c->nafter :
						    c->nbefore;

		rc = holds(s, txn, c->table, c->key, from, nfrom);
		if (rc == MDB_KEYEXIST) {
			t->why = xstrdup(c->key);
			rc = EEXIST;
		}
		if (rc != 0 || (rc = txn_put(s, txn, c->table, c->key, to,
		    nto)) != 0)
			goto out;
		*n = (struct store_change){ c->table, xstrdup(c->key),
		    dup_bytes(from, nfrom), nfrom, dup_bytes(to, nto), nto };
		e->nchanges++;
	}
	old.undone = !t->redo;
	if ((rc = write_entry(s, txn, &old)) != 0)
		goto out;
	if (!t->redo) {
		char num[32];

		snprintf(num, sizeof num, "%s%llu", *stack != '\0' ? " " : "",
		    (unsigned long long)old.seq);
		if (strlen(stack) + strlen(num) >= sizeof stack) {
			/* Keep the newest: drop the oldest redo. */
			char *sp = strchr(stack, ' ');

			memmove(stack, sp != NULL ? sp + 1 : stack + strlen(stack),
			    strlen(sp != NULL ? sp + 1 : "") + 1);
		}
		strncat(stack, num, sizeof stack - strlen(stack) - 1);
	}
	rc = txn_put(s, txn, TABLE_META, "redo", *stack != '\0' ? stack : NULL,
	    strlen(stack));
	if (rc != 0)
		goto out;
	e->author = xstrdup(t->author != NULL ? t->author : "");
	e->op = xstrdup(t->redo ? "redo" : "undo");
	e->target = xstrdup(old.target != NULL ? old.target : "");
	e->undoes = old.seq;
	e->undoes_op = xstrdup(old.op);
	rc = append_entry(s, txn, e);
out:
	journal_entry_free(&old);
	return rc;
}

static int
turn(struct store *s, bool redo, const char *author,
    struct journal_entry *out, char **cause)
{
	struct turn	t = { .redo = redo, .author = author };
	int		rc;

	rc = run_txn(s, turn_txn, &t, cause);
	if (rc != 0 && (t.nothing || t.why != NULL) && cause != NULL) {
		free(*cause);
		*cause = NULL;
	}
	if (t.nothing)
		rc = 1;
	else if (t.why != NULL)
		rc = fail(cause, _("%s: %s was changed since, outside the "
		    "journal: it cannot be %s"), s->path, t.why, redo ?
		    _("redone") : _("undone"));
	if (rc == 0 && out != NULL)
		*out = t.entry;
	else
		journal_entry_free(&t.entry);
	free(t.why);
	return rc;
}

int
store_undo(struct store *s, const char *author, struct journal_entry *out,
    char **cause)
{
	return turn(s, false, author, out, cause);
}

int
store_redo(struct store *s, const char *author, struct journal_entry *out,
    char **cause)
{
	return turn(s, true, author, out, cause);
}

int
store_journal(struct store *s, size_t max, struct journal_entry **out,
    size_t *n, char **cause)
{
	MDB_txn		*txn;
	MDB_cursor	*cur;
	MDB_val		 k, v;
	size_t		 cap = 0;
	int		 rc;

	*out = NULL;
	*n = 0;
	if (!s->have[TABLE_JOURNAL])
		return 0;
	if ((rc = txn_begin(s, MDB_RDONLY, &txn)) != 0)
		return lmdb_fail(cause, s, _("cannot read"), rc);
	if ((rc = mdb_cursor_open(txn, s->dbi[TABLE_JOURNAL], &cur)) != 0) {
		mdb_txn_abort(txn);
		return lmdb_fail(cause, s, _("cannot read"), rc);
	}
	for (rc = mdb_cursor_get(cur, &k, &v, MDB_LAST);
	    rc == 0 && (max == 0 || *n < max);
	    rc = mdb_cursor_get(cur, &k, &v, MDB_PREV)) {
		struct journal_entry *e = ARRAY_PUSH(*out, *n, cap);

		if (journal_entry_decode(v.mv_data, v.mv_size, e) != 0) {
			(*n)--;
			continue;	/* unreadable: skipped, not fatal */
		}
	}
	mdb_cursor_close(cur);
	mdb_txn_abort(txn);
	if (rc != 0 && rc != MDB_NOTFOUND)
		return lmdb_fail(cause, s, _("cannot read"), rc);
	return 0;
}
struct counter {
	enum store_table	 t;
	const char		*key;
	long			 delta, value;
};

static int
counter_txn(struct store *s, MDB_txn *txn, void *arg)
{
	struct counter	*c = arg;
	MDB_val		 k = { strlen(c->key), (void *)c->key }, v;
	char		 num[32];
	int		 rc;

	c->value = 0;
	rc = mdb_get(txn, s->dbi[c->t], &k, &v);
	if (rc == 0 && v.mv_size < sizeof num) {
		memcpy(num, v.mv_data, v.mv_size);
		num[v.mv_size] = '\0';
		c->value = strtol(num, NULL, 10);
	} else if (rc != 0 && rc != MDB_NOTFOUND)
		return rc;
	c->value += c->delta;
	snprintf(num, sizeof num, "%ld", c->value);
	v.mv_data = num;
	v.mv_size = strlen(num);
	return mdb_put(txn, s->dbi[c->t], &k, &v, 0);
}

int
store_add(struct store *s, enum store_table t, const char *key, long delta,
    long *now, char **cause)
{
	struct counter c = { t, key, delta, 0 };

	if (run_txn_session(s, counter_txn, &c, cause) != 0)
		return -1;
	if (now != NULL)
		*now = c.value;
	return 0;
}

uint64_t
store_generation(struct store *s)
{
	MDB_txn	*txn;
	size_t	 id;

	/* What a reader starting now would see: the meta page that
	 * mdb_env_info reads is written a moment before new readers are
	 * shown the transaction, and a state read in that moment would be
	 * taken for the new one. */
	if (txn_begin(s, MDB_RDONLY, &txn) != 0)
		return 0;
	id = mdb_txn_id(txn);
	mdb_txn_abort(txn);
	return (uint64_t)id;
}
