/* store.c: LMDB behind the store interface. */
#include "config.h"

#include <errno.h>
#include <lmdb.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "store.h"
#include "util.h"

#define MAP_SIZE_DEFAULT	(64UL << 20)

static const char *const table_names[TABLE_COUNT] = {
	"meta", "workload", "answers", "session", "roadmap"
};

struct store {
	MDB_env		*env;
	MDB_dbi		 dbi[TABLE_COUNT];
	bool		 readonly;
	char		*path;
};

static int
lmdb_fail(char **cause, struct store *s, const char *what, int rc)
{
	return fail(cause, "%s: %s: %s", s->path, what, mdb_strerror(rc));
}

/* Another process grew the map: adopt its size and try again. */
static int
txn_begin(struct store *s, unsigned flags, MDB_txn **txn)
{
	int rc = mdb_txn_begin(s->env, NULL, flags, txn);

	if (rc == MDB_MAP_RESIZED) {
		if ((rc = mdb_env_set_mapsize(s->env, 0)) != 0)
			return rc;
		rc = mdb_txn_begin(s->env, NULL, flags, txn);
	}
	return rc;
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
		if ((rc = mdb_put(txn, s->dbi[TABLE_META], &k, &v, 0)) != 0 ||
		    (rc = mdb_txn_commit(txn)) != 0) {
			if (rc != 0)
				mdb_txn_abort(txn);
			return lmdb_fail(cause, s, _("cannot write"), rc);
		}
		return 0;
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
	mdb_txn_abort(txn);
	schema = atoi(have);
	if (schema > STORE_SCHEMA)
		return fail(cause, _("%s: written by a newer wafr (store schema "
		    "%d, this one reads up to %d)"), s->path, schema,
		    STORE_SCHEMA);
	if (schema < 1)
		return fail(cause, _("%s: unknown store schema \"%s\""), s->path,
		    have);
	return 0;
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
	if (s->readonly)
		envflags |= MDB_RDONLY;
	if ((rc = mdb_env_open(s->env, dir, envflags, 0600)) != 0) {
		lmdb_fail(cause, s, _("cannot open"), rc);
		goto fail;
	}
	mdb_reader_check(s->env, &dead);

	/* Open every table once, in the first transaction. */
	if (!s->readonly)
		dbflags = MDB_CREATE;
	if ((rc = txn_begin(s, s->readonly ? MDB_RDONLY : 0, &txn)) != 0) {
		lmdb_fail(cause, s, _("cannot read"), rc);
		goto fail;
	}
	for (int i = 0; i < TABLE_COUNT; i++) {
		if ((rc = mdb_dbi_open(txn, table_names[i], dbflags,
		    &s->dbi[i])) != 0) {
			mdb_txn_abort(txn);
			if (rc == MDB_NOTFOUND)
				fail(cause, _("%s: not a wafr store (no table "
				    "\"%s\")"), dir, table_names[i]);
			else
				lmdb_fail(cause, s, table_names[i], rc);
			goto fail;
		}
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
	return -1;
}

void
store_close(struct store *s)
{
	if (s == NULL)
		return;
	if (s->env != NULL)
		mdb_env_close(s->env);
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

	op->table = t;
	op->key = xstrdup(key);
	op->size = size;
	op->value = NULL;
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
batch_free(struct store_batch *b)
{
	for (size_t i = 0; i < b->n; i++) {
		free(b->ops[i].key);
		free(b->ops[i].value);
	}
	free(b->ops);
	*b = (struct store_batch){ 0 };
}

static int
apply_ops(struct store *s, MDB_txn *txn, const struct store_batch *b)
{
	for (size_t i = 0; i < b->n; i++) {
		const struct store_op	*op = &b->ops[i];
		MDB_val			 k = { strlen(op->key), op->key };
		MDB_val			 v = { op->size, op->value };
		int			 rc;

		if (k.mv_size == 0 || k.mv_size > 511)
			return EINVAL;	/* LMDB's key limit */
		if (op->value == NULL) {
			rc = mdb_del(txn, s->dbi[op->table], &k, NULL);
			if (rc == MDB_NOTFOUND)
				rc = 0;
		} else
			rc = mdb_put(txn, s->dbi[op->table], &k, &v, 0);
		if (rc != 0)
			return rc;
	}
	return 0;
}

/* A record a write depends on: its value (NULL: absent) must be as given. */
struct guard {
	enum store_table	 table;
	const char		*key;
	const void		*value;
	size_t			 size;
};

static int
guard_holds(struct store *s, MDB_txn *txn, const struct guard *g)
{
	MDB_val	k = { strlen(g->key), (void *)g->key }, v;
	int	rc = mdb_get(txn, s->dbi[g->table], &k, &v);

	if (rc == MDB_NOTFOUND)
		return g->value == NULL ? 0 : MDB_KEYEXIST;
	if (rc != 0)
		return rc;
	if (g->value == NULL || v.mv_size != g->size ||
	    memcmp(v.mv_data, g->value, g->size) != 0)
		return MDB_KEYEXIST;
	return 0;
}

/* One transaction; when the map is full, grow it and run the batch again. */
static int
run_batch(struct store *s, const struct store_batch *b, bool replace,
    const struct guard *g, char **cause)
{
	MDB_envinfo	info;
	MDB_txn		*txn;
	int		 rc;

	if (s->readonly)
		return fail(cause, _("%s: opened read-only"), s->path);
	for (int attempt = 0; attempt < 16; attempt++) {
		if ((rc = txn_begin(s, 0, &txn)) != 0)
			return lmdb_fail(cause, s, _("cannot write"), rc);
		rc = g != NULL ? guard_holds(s, txn, g) : 0;
		if (rc == MDB_KEYEXIST) {
			mdb_txn_abort(txn);
			return 1;
		}
		for (int t = 0; replace && rc == 0 && t < TABLE_COUNT; t++) {
			if (t != TABLE_META && t != TABLE_SESSION)
				rc = mdb_drop(txn, s->dbi[t], 0);
		}
		if (rc == 0)
			rc = apply_ops(s, txn, b);
		if (rc == 0)
			rc = mdb_txn_commit(txn);
		else
			mdb_txn_abort(txn);
		if (rc != MDB_MAP_FULL)
			break;
		if ((rc = mdb_env_info(s->env, &info)) != 0 ||
		    (rc = mdb_env_set_mapsize(s->env, info.me_mapsize * 2)) != 0)
			break;
		rc = MDB_MAP_FULL;
	}
	if (rc == EINVAL)
		return fail(cause, _("%s: a key is empty or too long"), s->path);
	if (rc != 0)
		return lmdb_fail(cause, s, _("cannot write"), rc);
	return 0;
}

int
store_apply(struct store *s, const struct store_batch *b, char **cause)
{
	return run_batch(s, b, false, NULL, cause);
}

int
store_apply_if(struct store *s, const struct store_batch *b,
    enum store_table t, const char *key, const void *value, size_t size,
    char **cause)
{
	struct guard g = { t, key, value, size };

	return run_batch(s, b, false, &g, cause);
}

int
store_add(struct store *s, enum store_table t, const char *key, long delta,
    long *now, char **cause)
{
	MDB_txn	*txn;
	MDB_val	 k = { strlen(key), (void *)key }, v;
	char	 num[32];
	long	 value = 0;
	int	 rc;

	if (s->readonly)
		return fail(cause, _("%s: opened read-only"), s->path);
	if ((rc = txn_begin(s, 0, &txn)) != 0)
		return lmdb_fail(cause, s, _("cannot write"), rc);
	rc = mdb_get(txn, s->dbi[t], &k, &v);
	if (rc == 0 && v.mv_size < sizeof num) {
		memcpy(num, v.mv_data, v.mv_size);
		num[v.mv_size] = '\0';
		value = strtol(num, NULL, 10);
	} else if (rc != 0 && rc != MDB_NOTFOUND) {
		mdb_txn_abort(txn);
		return lmdb_fail(cause, s, _("cannot read"), rc);
	}
	value += delta;
	snprintf(num, sizeof num, "%ld", value);
	v.mv_data = num;
	v.mv_size = strlen(num);
	if ((rc = mdb_put(txn, s->dbi[t], &k, &v, 0)) != 0) {
		mdb_txn_abort(txn);
		return lmdb_fail(cause, s, _("cannot write"), rc);
	}
	if ((rc = mdb_txn_commit(txn)) != 0)
		return lmdb_fail(cause, s, _("cannot write"), rc);
	if (now != NULL)
		*now = value;
	return 0;
}

int
store_replace(struct store *s, const struct store_batch *b, char **cause)
{
	return run_batch(s, b, true, NULL, cause);
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
