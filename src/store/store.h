/* store.h: the live state of a workspace, in LMDB. The only user of lmdb.h.
 *
 * A store is a set of tables of byte strings keyed by text. Reads see one
 * consistent snapshot; every write is one batch applied in one durable
 * transaction. A change to the review is committed with its journal entry
 * in the same transaction: what it was (operation, target, author, time)
 * and every record before and after, so that it can be undone and redone
 * exactly, from any process. */
#ifndef WAFR_STORE_H
#define WAFR_STORE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* 2: the lenses' digests are kept (store_digest). */
#define STORE_SCHEMA 2

enum store_table {
	TABLE_META,		/* schema version, the redo stack */
	TABLE_WORKLOAD,		/* workload properties */
	TABLE_ANSWERS,		/* "lens/question" -> encoded answer */
	TABLE_SESSION,		/* cursor, clocks: what the live session shares */
	TABLE_ROADMAP,		/* "lens/question" -> encoded roadmap item */
	TABLE_LENSES,		/* "id.yaml" -> the pinned lens file's bytes */
	TABLE_SCANS,		/* "source/account/region" -> scan results */
	TABLE_JOURNAL,		/* sequence number -> encoded journal entry */
	TABLE_PROFILE,		/* the business-context profile: its pinned
				 * questionnaire and answers (review/profile.h) */
	TABLE_COUNT
};

struct store;

/* A list of puts and deletes, applied all or nothing. */
/* An update computes a record's new value from the one it holds inside
 * the write transaction (NULL: absent), so that writers in several
 * processes serialize and none loses another's change: 0 with the new
 * value in *out (malloc'd; NULL deletes), or -1 with *cause, which
 * abandons the whole batch. */
typedef int (*store_update_fn)(const void *, size_t, void **, size_t *,
	    void *, char **);

struct store_op {
	enum store_table	 table;
	char			*key;
	void			*value;	/* NULL: delete */
	size_t			 size;
	store_update_fn		 update;	/* or compute the value */
	void			*arg;
};
struct store_batch {
	struct store_op	*ops;
	size_t		 n;
	size_t		 cap;
};

enum { STORE_CREATE = 1, STORE_READONLY = 2 };
#define STORE_DAMAGED (-2)	/* store_open: the file is not sound */

/* 0, STORE_DAMAGED (the file is cut short or not LMDB's: rebuild it from
 * the snapshot files), or -1. Opened read-only, a store in a folder one may
 * only read is read without a lock file. */
int	 store_open(const char *, int, struct store **, char **);
void	 store_close(struct store *);

/* 0 found (*value is malloc'd), 1 not found, -1 error. */
int	 store_get(struct store *, enum store_table, const char *, void **,
	    size_t *, char **);
/* A record's hash (hash_bytes) and size, without reading it where the
 * store keeps its digest (the lenses table): 0, 1 not found, -1 error. */
int	 store_digest(struct store *, enum store_table, const char *,
	    uint64_t *, uint64_t *, char **);
/* Call fn for every record of every table but the journal, in one read
 * transaction.
 * A non-zero return from fn stops the walk and is returned. */
int	 store_walk(struct store *, int (*)(enum store_table, const char *,
	    const void *, size_t, void *), void *, char **);

void	 batch_put(struct store_batch *, enum store_table, const char *,
	    const void *, size_t);
void	 batch_put_string(struct store_batch *, enum store_table, const char *,
	    const char *);
void	 batch_delete(struct store_batch *, enum store_table, const char *);
void	 batch_update(struct store_batch *, enum store_table, const char *,
	    store_update_fn, void *);
void	 batch_free(struct store_batch *);
/* Without a journal entry: the live session's own records only. */
int	 store_apply(struct store *, const struct store_batch *, char **);
/* The same off the durable path (the cursor, the clock): consistent after
 * a crash, but a power cut may take the last few back. */
int	 store_apply_session(struct store *, const struct store_batch *,
	    char **);

/* Add delta to a decimal counter, read and written in one transaction so
 * that two processes counting at once lose nothing. Off the durable path,
 * as store_apply_session. */
int	 store_add(struct store *, enum store_table, const char *, long, long *,
	    char **);

/* One record's change: its value before and after (NULL: absent). */
struct store_change {
	enum store_table	 table;
	char			*key;
	void			*before;
	size_t			 nbefore;
	void			*after;
	size_t			 nafter;
};

/* A journal entry. */
struct journal_entry {
	uint64_t		 seq;
	int64_t			 time;		/* seconds since the epoch */
	char			*author;
	char			*op;		/* "select", "note", "undo"... */
	char			*target;	/* "lens/question", a key, a lens */
	bool			 undoable;	/* a change of the review */
	bool			 undone;
	uint64_t		 undoes;	/* undo, redo: the entry concerned */
	char			*undoes_op;	/* and its operation */
	struct store_change	*changes;
	size_t			 nchanges;
};
void	 journal_entry_free(struct journal_entry *);
/* It changed a record that a file follows: any but the live session's. */
bool	 journal_entry_has_files(const struct journal_entry *);
/* An entry's stored bytes: 0, or -1 when they are not one (nothing kept). */
int	 journal_entry_decode(const void *, size_t, struct journal_entry *);
void	 journal_entries_free(struct journal_entry *, size_t);

/* What a journaled commit says of itself. */
struct store_journal {
	const char	*op;
	const char	*target;
	const char	*author;
	bool		 undoable;
	/* What it records is kept elsewhere (a milestone is a git commit):
	 * its meta page is not flushed, so a power cut may take the entry
	 * back, the store as it was before, never damaged. */
	bool		 kept_elsewhere;
};
/* Apply the batch and write its journal entry, in one transaction; *out
 * (may be NULL) receives the entry, with the records it changed. With a
 * guard, only if the record (gtable, gkey) still holds gvalue (NULL:
 * absent): 1 when it does not (nothing written), so that two processes
 * never overwrite each other's change unseen. A new change of the review
 * ends what could be redone. */
struct store_guard {
	enum store_table	 table;
	const char		*key;
	const void		*value;
	size_t			 size;
};
int	 store_commit(struct store *, const struct store_batch *,
	    const struct store_journal *, const struct store_guard *,
	    struct journal_entry *, char **);
/* The same, replacing the workspace's content (every table but the meta,
 * the live session and the journal) with the batch's. */
int	 store_replace(struct store *, const struct store_batch *,
	    const struct store_journal *, struct journal_entry *, char **);

/* Revert the newest change not undone, or reapply the change undone last
 * (while no new change was made since), in one transaction journaled as
 * "undo" or "redo" by author: 0 done (*out the new entry), 1 nothing to
 * undo or redo, -1 an error (a record is not as the entry left it). */
int	 store_undo(struct store *, const char *, struct journal_entry *,
	    char **);
int	 store_redo(struct store *, const char *, struct journal_entry *,
	    char **);
/* Every journaled change marks its files behind in its own transaction,
 * until its writer has written them: the entries still marked (*seqs is
 * malloc'd), and clearing the marks of entries whose files are written. */
int	 store_files_behind(struct store *, uint64_t **, size_t *, char **);
int	 store_files_written(struct store *, const uint64_t *, size_t,
	    char **);
/* The files are written without a flush to the device each: the clears
 * record the boot they were written in (set here; NULL: none), and a
 * store whose files were last written in another boot (a power cut, a
 * reboot) has *other set, for them all to be written again. */
void	 store_set_boot(struct store *, const char *);
int	 store_files_boot(struct store *, bool *, char **);
/* The journal, newest first (at most max entries; 0: all). */
int	 store_journal(struct store *, size_t, struct journal_entry **,
	    size_t *, char **);

/* Moves whenever any process commits a write: a cheap change detector. */
uint64_t store_generation(struct store *);

#endif
