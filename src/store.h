/* store.h: the live state of a workspace, in LMDB. The only user of lmdb.h.
 *
 * A store is a set of tables of byte strings keyed by text. Reads see one
 * consistent snapshot; every write is one batch applied in one durable
 * transaction. */
#ifndef WAFR_STORE_H
#define WAFR_STORE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define STORE_SCHEMA 1

enum store_table {
	TABLE_META,		/* schema version */
	TABLE_WORKLOAD,		/* workload properties */
	TABLE_ANSWERS,		/* "lens/question" -> encoded answer */
	TABLE_SESSION,		/* cursor, clocks: what the live session shares */
	TABLE_ROADMAP,		/* "lens/question" -> encoded roadmap item */
	TABLE_COUNT
};

struct store;

/* A list of puts and deletes, applied all or nothing. */
struct store_op {
	enum store_table	 table;
	char			*key;
	void			*value;	/* NULL: delete */
	size_t			 size;
};
struct store_batch {
	struct store_op	*ops;
	size_t		 n;
	size_t		 cap;
};

enum { STORE_CREATE = 1, STORE_READONLY = 2 };

int	 store_open(const char *, int, struct store **, char **);
void	 store_close(struct store *);

/* 0 found (*value is malloc'd), 1 not found, -1 error. */
int	 store_get(struct store *, enum store_table, const char *, void **,
	    size_t *, char **);
/* Call fn for every record of every table, in one read transaction.
 * A non-zero return from fn stops the walk and is returned. */
int	 store_walk(struct store *, int (*)(enum store_table, const char *,
	    const void *, size_t, void *), void *, char **);

void	 batch_put(struct store_batch *, enum store_table, const char *,
	    const void *, size_t);
void	 batch_put_string(struct store_batch *, enum store_table, const char *,
	    const char *);
void	 batch_delete(struct store_batch *, enum store_table, const char *);
void	 batch_free(struct store_batch *);
int	 store_apply(struct store *, const struct store_batch *, char **);
/* The same, only if the record (table, key) still holds value (NULL:
 * absent): 1 when it does not (nothing written), so that two processes
 * never overwrite each other's change unseen. */
int	 store_apply_if(struct store *, const struct store_batch *,
	    enum store_table, const char *, const void *, size_t, char **);

/* Add delta to a decimal counter, read and written in one transaction so
 * that two processes counting at once lose nothing. */
int	 store_add(struct store *, enum store_table, const char *, long, long *,
	    char **);

/* Replace the workspace's content (every table but the schema and the live
 * session) with the batch's, in one transaction. */
int	 store_replace(struct store *, const struct store_batch *, char **);

/* Moves whenever any process commits a write: a cheap change detector. */
uint64_t store_generation(struct store *);

#endif
