/* test-store.c: the LMDB store and the answer encoding. */
#include "config.h"

#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "model/answer.h"
#include "model/roadmap.h"
#include "store/store.h"
#include "tap.h"
#include "base/util.h"

static char tmpdir[] = "/tmp/wafr-store.XXXXXX";

static int
count_record(enum store_table t, const char *key, const void *v, size_t n,
    void *arg)
{
	int *counts = arg;

	/* The marks of changes whose files are not written yet are counted
	 * in test_journal. */
	if (t != TABLE_META || strncmp(key, "behind/", 7) != 0)
		counts[t]++;
	return 0;
}

static const struct store_journal replace_j = { "sync", NULL, "t", false,
    false };

/* A journaled write of an answer, guarded by its value now. */
static int
guarded(struct store *s, const struct store_batch *b, const char *key,
    const void *value, size_t size, char **cause)
{
	struct store_journal	j = { "note", key, "t", true, false };
	struct store_guard	g = { TABLE_ANSWERS, key, value, size };

	return store_commit(s, b, &j, &g, NULL, cause);
}

static bool
holds(struct store *s, enum store_table t, const char *key, const char *want)
{
	void	*v = NULL;
	size_t	 n;
	int	 r = store_get(s, t, key, &v, &n, NULL);
	bool	 same = want == NULL ? r == 1 : r == 0 && n == strlen(want) &&
		    memcmp(v, want, n) == 0;

	free(v);
	return same;
}

static int
put_in(struct store *s, enum store_table t, const char *op, const char *key,
    const char *value, bool undoable, struct journal_entry *e)
{
	struct store_batch	b = { 0 };
	struct store_journal	j = { op, key, "Ana", undoable, false };
	int			r;

	if (value != NULL)
		batch_put_string(&b, t, key, value);
	else
		batch_delete(&b, t, key);
	r = store_commit(s, &b, &j, NULL, e, NULL);
	batch_free(&b);
	return r;
}

static int
put(struct store *s, const char *op, const char *key, const char *value,
    bool undoable, struct journal_entry *e)
{
	return put_in(s, TABLE_ANSWERS, op, key, value, undoable, e);
}

static void
test_journal(const char *dir)
{
	struct store		*s;
	struct journal_entry	 e, *v;
	struct store_batch	 b = { 0 };
	char			*cause = NULL;
	size_t			 n;

	ok(store_open(dir, STORE_CREATE, &s, &cause) == 0, "journal: open");
	ok(put(s, "select", "l/q", "one", true, &e) == 0 && e.seq == 1 &&
	    e.nchanges == 1 && e.changes[0].before == NULL &&
	    streq(e.changes[0].after, "one") && streq(e.author, "Ana"),
	    "a commit is journaled with its record before and after");
	journal_entry_free(&e);
	ok(put(s, "select", "l/q", "one", true, &e) == 0 && e.nchanges == 0 &&
	    e.seq == 0, "a commit that changes nothing writes no entry");
	journal_entry_free(&e);
	put(s, "note", "l/q", "two", true, NULL);
	put(s, "milestone", "l/m", "m1", false, NULL);

	ok(store_undo(s, "Bea", &e, &cause) == 0 && streq(e.undoes_op, "note")
	    && e.undoes == 2 && streq(e.op, "undo") && streq(e.author, "Bea"),
	    "undo skips what cannot be undone and takes the newest change");
	journal_entry_free(&e);
	ok(holds(s, TABLE_ANSWERS, "l/q", "one") &&
	    holds(s, TABLE_ANSWERS, "l/m", "m1"), "undo restores the value "
	    "before, and leaves the milestone");
	ok(store_undo(s, "Bea", NULL, &cause) == 0 &&
	    holds(s, TABLE_ANSWERS, "l/q", NULL), "a second undo restores "
	    "the absent record");
	ok(store_undo(s, "Bea", NULL, &cause) == 1, "then nothing is left to "
	    "undo");
	ok(store_redo(s, "Bea", &e, &cause) == 0 && streq(e.undoes_op,
	    "select") && holds(s, TABLE_ANSWERS, "l/q", "one"),
	    "redo reapplies the change undone last");
	journal_entry_free(&e);
	ok(store_redo(s, "Bea", NULL, &cause) == 0 &&
	    holds(s, TABLE_ANSWERS, "l/q", "two"), "and the one before it");
	ok(store_redo(s, "Bea", NULL, &cause) == 1, "then nothing is left to "
	    "redo");
	store_undo(s, "Bea", NULL, &cause);
	put(s, "note", "l/q", "three", true, NULL);
	ok(store_redo(s, "Bea", NULL, &cause) == 1, "a new change ends what "
	    "could be redone");

	/* A record changed outside the journal is never overwritten. */
	batch_put_string(&b, TABLE_ANSWERS, "l/q", "elsewhere");
	store_apply(s, &b, NULL);
	batch_free(&b);
	ok(store_undo(s, "Bea", NULL, &cause) == -1 && cause != NULL &&
	    strstr(cause, "l/q") != NULL && holds(s, TABLE_ANSWERS, "l/q",
	    "elsewhere"), "undo refuses when the record is not as the change "
	    "left it");
	free(cause);
	cause = NULL;

	batch_put_string(&b, TABLE_ANSWERS, "l/r", "r");
	batch_put_string(&b, TABLE_WORKLOAD, "name", "Shop");
	ok(store_replace(s, &b, &(struct store_journal){ "sync", NULL, "Ana",
	    true, false }, &e, &cause) == 0 && e.nchanges == 4,
	    "a replace journals every record it added or dropped");
	journal_entry_free(&e);
	batch_free(&b);
	ok(store_undo(s, "Ana", NULL, &cause) == 0 &&
	    holds(s, TABLE_ANSWERS, "l/q", "elsewhere") &&
	    holds(s, TABLE_ANSWERS, "l/r", NULL) &&
	    holds(s, TABLE_WORKLOAD, "name", NULL), "and undo brings the "
	    "content back");

	{
		uint64_t	*seqs;
		size_t		 nseqs;

		ok(store_files_behind(s, &seqs, &nseqs, &cause) == 0 &&
		    nseqs == 11 && seqs[0] == 1 && seqs[10] == 11,
		    "every journaled change marks its files behind");
		ok(store_files_written(s, seqs, nseqs - 1, &cause) == 0,
		    "the marks of written files are cleared");
		free(seqs);
		ok(store_files_behind(s, &seqs, &nseqs, &cause) == 0 &&
		    nseqs == 1 && seqs[0] == 11, "and only those");
		free(seqs);
		ok(put_in(s, TABLE_SESSION, "hide-notes", "hide-notes", "1",
		    true, &e) == 0 && e.seq == 12 &&
		    !journal_entry_has_files(&e), "a change of the live "
		    "session alone is journaled");
		journal_entry_free(&e);
		ok(store_files_behind(s, &seqs, &nseqs, &cause) == 0 &&
		    nseqs == 1 && seqs[0] == 11, "but marks no file behind");
		free(seqs);
	}
	ok(store_journal(s, 0, &v, &n, &cause) == 0 && n == 12 &&
	    v[1].seq == 11 && streq(v[1].op, "undo") && v[2].undone &&
	    streq(v[n - 1].op, "select"), "the journal lists every entry, "
	    "newest first, undone ones marked");
	journal_entries_free(v, n);
	ok(store_journal(s, 2, &v, &n, &cause) == 0 && n == 2,
	    "and at most as many as asked");
	journal_entries_free(v, n);
	store_close(s);
	ok(store_open(dir, STORE_READONLY, &s, &cause) == 0 &&
	    store_journal(s, 0, &v, &n, &cause) == 0 && n == 12,
	    "the journal is durable");
	journal_entries_free(v, n);
	store_close(s);
}

static void
test_basics(const char *dir)
{
	struct store		*s;
	struct store_batch	 b = { 0 };
	char			*cause = NULL, *lock;
	void			*v;
	size_t			 n;
	int			 counts[TABLE_COUNT] = { 0 };
	uint64_t		 gen;
	struct stat		 sb;

	ok(store_open(dir, 0, &s, &cause) != 0 && cause != NULL,
	    "opening a missing store without create fails: %s",
	    cause != NULL ? cause : "");
	free(cause);
	cause = NULL;
	ok(store_open(dir, STORE_CREATE, &s, &cause) == 0, "create a store");
	ok(stat(dir, &sb) == 0 && (sb.st_mode & 0777) == 0700,
	    "the store directory is private (0700)");
	lock = path_join(dir, "data.mdb");
	ok(stat(lock, &sb) == 0 && (sb.st_mode & 0777) == 0600,
	    "the store file is private (0600)");
	free(lock);

	gen = store_generation(s);
	batch_put_string(&b, TABLE_WORKLOAD, "name", "Shop");
	batch_put(&b, TABLE_ANSWERS, "l/q", "\0\1\2", 3);
	ok(store_apply(s, &b, &cause) == 0, "apply a batch");
	batch_free(&b);
	ok(store_generation(s) > gen, "the generation moves on a write");

	ok(store_get(s, TABLE_WORKLOAD, "name", &v, &n, &cause) == 0 &&
	    n == 4 && memcmp(v, "Shop", 4) == 0, "read back a value");
	free(v);
	ok(store_get(s, TABLE_ANSWERS, "l/q", &v, &n, &cause) == 0 && n == 3 &&
	    memcmp(v, "\0\1\2", 3) == 0, "binary values survive");
	free(v);
	ok(store_get(s, TABLE_ANSWERS, "nope", &v, &n, &cause) == 1,
	    "a missing key is reported as missing");

	batch_delete(&b, TABLE_WORKLOAD, "name");
	batch_put_string(&b, TABLE_SESSION, "cursor", "l/q");
	ok(store_apply(s, &b, &cause) == 0, "delete and put in one batch");
	batch_free(&b);
	ok(store_get(s, TABLE_WORKLOAD, "name", &v, &n, &cause) == 1,
	    "the delete took");

	/* A write that depends on what the writer last read. */
	batch_put(&b, TABLE_ANSWERS, "l/q", "new", 3);
	ok(guarded(s, &b, "l/q", "old", 3, &cause) == 1,
	    "a guarded write is refused when the record changed");
	ok(store_get(s, TABLE_ANSWERS, "l/q", &v, &n, &cause) == 0 && n == 3 &&
	    memcmp(v, "\0\1\2", 3) == 0, "and writes nothing");
	free(v);
	ok(guarded(s, &b, "l/q", "\0\1\2", 3, &cause) == 0, "a guarded write goes through when it did not");
	ok(store_get(s, TABLE_ANSWERS, "l/q", &v, &n, &cause) == 0 && n == 3 &&
	    memcmp(v, "new", 3) == 0, "and writes");
	free(v);
	batch_free(&b);
	batch_put(&b, TABLE_ANSWERS, "l/other", "x", 1);
	ok(guarded(s, &b, "l/other", NULL, 0, &cause) == 0, "a guard can require the record to be absent");
	ok(guarded(s, &b, "l/other", NULL, 0, &cause) == 1, "and then refuses once it is there");
	batch_free(&b);
	batch_delete(&b, TABLE_ANSWERS, "l/other");
	ok(store_apply(s, &b, &cause) == 0, "remove it again");
	batch_free(&b);

	/* One environment is never opened twice in a process: close first. */
	store_close(s);
	ok(store_open(dir, STORE_READONLY, &s, &cause) == 0, "open read-only");
	ok(store_get(s, TABLE_SESSION, "cursor", &v, &n, &cause) == 0 &&
	    n == 3, "a new handle sees what was committed");
	free(v);
	batch_put_string(&b, TABLE_SESSION, "x", "y");
	ok(store_apply(s, &b, &cause) != 0 && strstr(cause, "read-only"),
	    "a read-only store refuses writes");
	free(cause);
	cause = NULL;
	batch_free(&b);
	store_close(s);
	ok(store_open(dir, 0, &s, &cause) == 0, "reopen for writing");

	batch_put_string(&b, TABLE_WORKLOAD, "", "empty key");
	ok(store_apply(s, &b, &cause) != 0, "an empty key is refused");
	free(cause);
	cause = NULL;
	batch_free(&b);
	v = NULL;
	ok(store_get(s, TABLE_SESSION, "cursor", &v, &n, &cause) == 0,
	    "a refused batch changes nothing else");
	free(v);

	ok(store_walk(s, count_record, counts, &cause) == 0 &&
	    counts[TABLE_META] == 1 && counts[TABLE_ANSWERS] == 1 &&
	    counts[TABLE_SESSION] == 1 && counts[TABLE_WORKLOAD] == 0,
	    "walk visits every record");

	batch_put_string(&b, TABLE_ANSWERS, "l/r", "new");
	ok(store_replace(s, &b, &replace_j, NULL, &cause) == 0, "replace everything");
	batch_free(&b);
	memset(counts, 0, sizeof counts);
	store_walk(s, count_record, counts, &cause);
	ok(counts[TABLE_ANSWERS] == 1 && counts[TABLE_SESSION] == 1 &&
	    counts[TABLE_META] == 1, "replace keeps only the batch, the "
	    "schema and the live session");
	store_close(s);
}

static void
test_growth(const char *dir)
{
	struct store		*s;
	struct store_batch	 b = { 0 };
	char			*cause = NULL, *big = xmalloc(100000);
	void			*v;
	size_t			 n;
	int			 fails = 0;

	/* Start with a tiny map: writes must grow it, not fail. */
	setenv("WAFR_MAPSIZE", "65536", 1);
	ok(store_open(dir, STORE_CREATE, &s, &cause) == 0, "a tiny store");
	unsetenv("WAFR_MAPSIZE");
	memset(big, 'x', 100000);
	for (int i = 0; i < 40; i++) {
		char key[32];

		snprintf(key, sizeof key, "k%d", i);
		batch_put(&b, TABLE_ANSWERS, key, big, 100000);
		if (store_apply(s, &b, &cause) != 0) {
			fails++;
			printf("# %s\n", cause);
			free(cause);
			cause = NULL;
		}
		batch_free(&b);
	}
	is_int(fails, 0, "4 MB into a 64 KB map: the map grows");
	ok(store_get(s, TABLE_ANSWERS, "k39", &v, &n, &cause) == 0 &&
	    n == 100000, "the last record is there");
	free(v);
	store_close(s);
	free(big);
}

static void
test_schema(const char *dir)
{
	struct store		*s;
	struct store_batch	 b = { 0 };
	char			*cause = NULL;

	ok(store_open(dir, STORE_CREATE, &s, &cause) == 0, "a store");
	batch_put_string(&b, TABLE_META, "schema", "99");
	store_apply(s, &b, &cause);
	batch_free(&b);
	store_close(s);
	ok(store_open(dir, 0, &s, &cause) != 0 && cause != NULL &&
	    strstr(cause, "newer wafr") != NULL,
	    "a store from a newer wafr is refused: %s", cause);
	free(cause);
}

static int
put_lens(struct store *s, const char *key, const char *value)
{
	return put_in(s, TABLE_LENSES, "lens", key, value, true, NULL);
}

/* Does the store keep the lens record's own digest, and give it? */
static bool
digest_is(struct store *s, const char *key, const char *want)
{
	uint64_t	 hash = 0, size = 0, kept = 0;
	char		*dkey = xasprintf("digest/%s", key);
	unsigned char	*d = NULL;
	size_t		 n = 0;
	int		 r = store_digest(s, TABLE_LENSES, key, &hash, &size, NULL);
	int		 rd = store_get(s, TABLE_META, dkey, (void **)&d, &n, NULL);

	free(dkey);
	for (int i = 7; rd == 0 && n == 16 && i >= 0; i--)
		kept = kept << 8 | d[i];
	free(d);
	if (want == NULL)
		return r == 1 && rd == 1;
	return r == 0 && size == strlen(want) &&
	    hash == hash_bytes(want, strlen(want)) && rd == 0 && n == 16 &&
	    kept == hash;
}

static void
test_digest(const char *dir)
{
	struct store		*s;
	struct store_batch	 b = { 0 };
	struct journal_entry	 e = { 0 };
	char			*cause = NULL, *v = NULL;
	size_t			 n;
	uint64_t		 hash = 0, size = 0;

	ok(store_open(dir, STORE_CREATE, &s, &cause) == 0, "a store");
	ok(put_lens(s, "a.yaml", "lens: a\n") == 0 &&
	    digest_is(s, "a.yaml", "lens: a\n"), "a lens written is digested");
	ok(put_lens(s, "a.yaml", "lens: b\n") == 0 &&
	    digest_is(s, "a.yaml", "lens: b\n"), "and digested again");
	ok(store_undo(s, "t", &e, &cause) == 0 &&
	    digest_is(s, "a.yaml", "lens: a\n"), "an undo puts its digest back");
	journal_entry_free(&e);
	ok(put_lens(s, "a.yaml", NULL) == 0 &&
	    digest_is(s, "a.yaml", NULL), "a lens deleted leaves no digest");
	batch_put_string(&b, TABLE_LENSES, "c.yaml", "lens: c\n");
	ok(store_replace(s, &b, &replace_j, NULL, &cause) == 0 &&
	    digest_is(s, "c.yaml", "lens: c\n"), "a replace digests its lens");
	batch_free(&b);
	batch_put_string(&b, TABLE_WORKLOAD, "name", "x");
	ok(store_replace(s, &b, &replace_j, NULL, &cause) == 0 &&
	    digest_is(s, "c.yaml", NULL),
	    "and one that drops the lens drops its digest");
	batch_free(&b);

	/* A store of schema 1: a digest left by nobody, one missing. */
	batch_put_string(&b, TABLE_META, "schema", "1");
	batch_put_string(&b, TABLE_META, "digest/d.yaml", "stale, not 16 b");
	store_apply(s, &b, &cause);
	batch_free(&b);
	ok(put_lens(s, "d.yaml", "lens: d\n") == 0,
	    "a lens in it");
	batch_put_string(&b, TABLE_META, "digest/d.yaml", "0123456789abcdef");
	store_apply(s, &b, &cause);
	batch_free(&b);
	store_close(s);
	ok(store_open(dir, STORE_READONLY, &s, &cause) == 0 &&
	    store_digest(s, TABLE_LENSES, "d.yaml", &hash, &size, NULL) == 0 &&
	    hash == hash_bytes("lens: d\n", 8) && size == 8,
	    "a digest whose size is not the record's is not believed");
	store_close(s);
	ok(store_open(dir, 0, &s, &cause) == 0 &&
	    store_get(s, TABLE_META, "schema", (void **)&v, &n, NULL) == 0 &&
	    strcmp(v, "2") == 0, "opened to write, schema 1 becomes 2");
	free(v);
	v = NULL;
	ok(digest_is(s, "d.yaml", "lens: d\n"), "and its lenses are digested");
	store_close(s);
	free(cause);
}

static void
test_answer_encoding(void)
{
	struct answer	 a, b;
	void		*data;
	size_t		 n;

	answer_init(&a);
	answer_select(&a, "c1", true);
	answer_select(&a, "c2", true);
	answer_select(&a, "c1", false);
	answer_set_choice_na(&a, "c3", "BUSINESS_PRIORITIES");
	answer_set_note(&a, "line one\nligne deux: é ✓\n\x1b[31mred");
	answer_add_evidence(&a, "https://example.org/runbook");
	a.verification = VERIFY_WORKSHOP;
	data = answer_encode(&a, &n);
	ok(answer_decode(data, n, &b) == 0, "decode what was encoded");
	ok(answer_equal(&a, &b), "the answer survives the round trip");
	is_str(b.note, a.note, "the note, bytes and all");
	answer_free(&b);
	{
		size_t refused = 0;

		for (size_t cut = 0; cut < n; cut++) {
			if (answer_decode(data, cut, &b) == 0)
				answer_free(&b);
			else
				refused++;
		}
		ok(refused > 0 && refused < n, "truncations that split a "
		    "record are refused (%zu of %zu)", refused, n);
	}
	free(data);

	a.not_applicable = true;
	a.reason = xstrdup("OUT_OF_SCOPE");
	data = answer_encode(&a, &n);
	ok(answer_decode(data, n, &b) == 0 && b.not_applicable &&
	    streq(b.reason, "OUT_OF_SCOPE"), "question not applicable and why");
	answer_free(&b);
	free(data);
	answer_free(&a);

	is_str(na_reason_parse("out-of-scope"), "OUT_OF_SCOPE",
	    "reasons are read in any case, with - or _");
	ok(na_reason_parse("because") == NULL, "unknown reasons are refused");
}

static void
test_roadmap_encoding(void)
{
	struct roadmap_item	 it = { 0 }, *back;
	void			*data;
	size_t			 n;

	it.owner = "Ana";
	it.ticket = "OPS-12";
	it.effort = EFFORT_SMALL;
	it.status = STATUS_ACCEPTED;
	it.reason = "cost";
	it.target = "2027-01-31";
	data = roadmap_item_encode(&it, &n);
	back = roadmap_item_decode(data, n);
	ok(streq(back->owner, "Ana") && streq(back->ticket, "OPS-12") &&
	    back->effort == EFFORT_SMALL && back->status == STATUS_ACCEPTED &&
	    streq(back->reason, "cost") && streq(back->target, "2027-01-31"),
	    "a roadmap item survives the round trip");
	roadmap_item_free(back);
	back = roadmap_item_decode(data, n / 2);
	ok(back != NULL, "a truncated item decodes to what is whole");
	roadmap_item_free(back);
	free(data);
}

static void
rm(const char *dir)
{
	char *p;

	p = path_join(dir, "data.mdb");
	unlink(p);
	free(p);
	p = path_join(dir, "lock.mdb");
	unlink(p);
	free(p);
	rmdir(dir);
}

int
main(void)
{
	char *dir;

	if (mkdtemp(tmpdir) == NULL)
		return 1;
	dir = path_join(tmpdir, "s1");
	test_basics(dir);
	rm(dir);
	free(dir);
	dir = path_join(tmpdir, "s2");
	test_growth(dir);
	rm(dir);
	free(dir);
	dir = path_join(tmpdir, "s3");
	test_schema(dir);
	rm(dir);
	free(dir);
	dir = path_join(tmpdir, "s4");
	test_journal(dir);
	rm(dir);
	free(dir);
	dir = path_join(tmpdir, "s5");
	test_digest(dir);
	rm(dir);
	free(dir);
	rmdir(tmpdir);
	test_answer_encoding();
	test_roadmap_encoding();
	return tap_done();
}
