/* ops.c: every change to a review: validated once, committed with its
 * journal entry, then applied to the state and the files. */
#include "config.h"

#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "base/util.h"
#include "files/lens-emit.h"
#include "files/lens-load.h"
#include "files/scan-read.h"
#include "files/profile-file.h"
#include "files/snapshot.h"
#include "model/lens-diff.h"
#include "model/plan.h"
#include "model/rename.h"
#include "review/ops.h"
#include "review/persist.h"
#include "review/profile.h"
#include "review/template.h"

/* --- Committing --- */

/* An entry committed: into the state, then into the files. */
static void
committed(struct workspace *ws, const struct journal_entry *e)
{
	if (e->nchanges == 0)
		return;
	workspace_adopt(ws, e);
	persist_entry(ws, e);
}

/* A batch and its journal entry, in one transaction: 0 (*seq is 0 when
 * nothing changed), 1 the guard did not hold (nothing written), -1. */
static int
commit_journal(struct workspace *ws, struct store_batch *b,
    const struct store_journal *j, const struct store_guard *g,
    uint64_t *seq, char **cause)
{
	struct journal_entry	e;
	int			r;

	if (ws->readonly)
		r = fail(cause, _("%s: opened read-only"), ws->dir);
	else
		r = store_commit(ws->store, b, j, g, &e, cause);
	batch_free(b);
	if (r != 0)
		return r;
	committed(ws, &e);
	if (seq != NULL)
		*seq = e.seq;
	journal_entry_free(&e);
	return 0;
}

static int
commit(struct workspace *ws, struct store_batch *b, const char *op,
    const char *target, bool undoable, const struct store_guard *g,
    uint64_t *seq, char **cause)
{
	struct store_journal j = { op, target, workspace_author(ws), undoable,
	    false };

	return commit_journal(ws, b, &j, g, seq, cause);
}

/* --- Opening, creating and syncing --- */

static int rename_lenses(struct workspace *, char **);

int
ops_open(const char *dir, int flags, struct workspace **out, char **cause)
{
	char *msg = NULL;

	if (workspace_open(dir, flags, out, cause) != 0)
		return -1;
	if (persist_catch_up(*out, 0, &msg) != 0)
		(*out)->warning = msg;	/* still behind: say so, lose nothing */
	else if (!(*out)->readonly && rename_lenses(*out, cause) != 0) {
		workspace_close(*out);
		*out = NULL;
		return -1;
	}
	return 0;
}

void
ops_close(struct workspace *ws)
{
	char		*dir, *cause = NULL;
	uint64_t	 seq;

	if (ws == NULL || !ws->report_due || ws->readonly) {
		workspace_close(ws);
		return;
	}
	/* The copy that writes REPORT.md is made once the workspace is
	 * closed: a copy of a process that holds little costs little. */
	dir = xstrdup(ws->dir);
	seq = ws->report_seq;
	workspace_close(ws);
	if (persist_report_later(dir, seq) != 0 &&
	    workspace_open(dir, 0, &ws, &cause) == 0) {
		/* No copy: now. A failure loses nothing (the change is
		 * saved; the next milestone writes REPORT.md again). */
		ws->report_due = true;
		if (persist_report(ws, &cause) != 0)
			free(cause);
		workspace_close(ws);
	} else
		free(cause);
	free(dir);
}

int
ops_newest_change(const char *dir, uint64_t *seq, char **cause)
{
	char			*path = path_join(dir, ".wafr");
	struct store		*st;
	struct journal_entry	*e;
	size_t			 n;
	int			 r;

	r = store_open(path, STORE_READONLY, &st, cause);
	free(path);
	if (r != 0)
		return -1;
	r = store_journal(st, 1, &e, &n, cause);
	store_close(st);
	if (r != 0)
		return -1;
	*seq = n == 1 ? e[0].seq : 0;
	journal_entries_free(e, n);
	return 0;
}

/* REPORT.md from DIR's live state, now (the refresh's). */
static int
refresh_now(const char *dir, char **cause)
{
	struct workspace	*ws;
	int			 r;

	if (ops_open(dir, 0, &ws, cause) != 0)
		return -1;
	r = ops_report_update(ws, cause);
	ws->report_due = false;		/* said; the next change retries */
	ops_close(ws);
	return r;
}

int
ops_report_refresh(const char *dir, uint64_t seq, char **cause)
{
	uint64_t	newest;
	int		lock, r;

	if ((lock = persist_report_lock()) < 0)
		return 1;
	for (;;) {
		if (ops_newest_change(dir, &newest, cause) != 0) {
			close(lock);
			return -1;
		}
		if (newest != seq) {
			/* A change came in the pause and left its
			 * REPORT.md to this refresh: a pause after it. */
			seq = newest;
			persist_report_wait(lock);
			continue;
		}
		r = refresh_now(dir, cause);
		close(lock);
		/* A change that came while the lock was held left its
		 * REPORT.md to this refresh too; one that comes now sees
		 * the lock free and starts its own. */
		if (r != 0 || ops_newest_change(dir, &newest, cause) != 0)
			return -1;
		if (newest == seq || (lock = persist_report_relock(dir)) < 0)
			return 0;
		seq = newest;
		persist_report_wait(lock);
	}
}

int
ops_report_update(struct workspace *ws, char **cause)
{
	if (ws->readonly)
		return fail(cause, _("%s: opened read-only"), ws->dir);
	ws->report_due = true;
	return persist_report(ws, cause);
}

/* The name of a workload made without one: its directory's. */
static char *
default_name(const char *dir)
{
	char *abs = realpath(dir, NULL), *copy, *slash, *name;

	copy = xstrdup(abs != NULL ? abs : dir);
	free(abs);
	while (strlen(copy) > 1 && copy[strlen(copy) - 1] == '/')
		copy[strlen(copy) - 1] = '\0';
	slash = strrchr(copy, '/');
	name = xstrdup(slash != NULL && slash[1] != '\0' ? slash + 1 : copy);
	free(copy);
	return name;
}

/* A new folder beside DIR to build a workspace in: .NAME.wafr-init-XXXXXX
 * (its parent is made if need be). */
static char *
build_dir(const char *dir, char **cause)
{
	char	*copy = xstrdup(dir), *slash, *parent, *base, *path;

	while (strlen(copy) > 1 && copy[strlen(copy) - 1] == '/')
		copy[strlen(copy) - 1] = '\0';
	if ((slash = strrchr(copy, '/')) != NULL) {
		*slash = '\0';
		parent = *copy != '\0' ? copy : "/";
		base = slash + 1;
	} else {
		parent = ".";
		base = copy;
	}
	path = xasprintf("%s/.%s.wafr-init-XXXXXX", parent, base);
	if (mkdir_p(parent, 0777, cause) != 0 || mkdtemp(path) == NULL) {
		if (cause != NULL && *cause == NULL)
			fail(cause, "%s: %s", path, strerror(errno));
		free(path);
		path = NULL;
	} else {
		/* mkdtemp makes it 0700: a workspace is made as mkdir would. */
		mode_t mask = umask(0);

		umask(mask);
		if (chmod(path, 0777 & ~mask) != 0) {
			fail(cause, "%s: %s", path, strerror(errno));
			rmdir(path);
			free(path);
			path = NULL;
		}
	}
	free(copy);
	return path;
}

/* Put the built workspace in place: one rename, which replaces an empty
 * DIR; DIR the current folder cannot be replaced, so its entries move one
 * by one, the store last (it makes the folder a workspace). */
static int
move_into(const char *build, const char *dir, char **cause)
{
	static const char *const order[] = { ".git", ".gitignore",
	    ".gitattributes", "lenses", "answers", "workload.yaml",
	    "REPORT.md", ".wafr" };

	if (rename(build, dir) == 0)
		return 0;
	if (errno != EBUSY && errno != EINVAL)
		return fail(cause, "%s: %s", dir, strerror(errno));
	for (size_t i = 0; i < nitems(order); i++) {
		char	*from = path_join(build, order[i]);
		char	*to = path_join(dir, order[i]);
		int	 e = rename(from, to) == 0 ? 0 : errno;

		if (e != 0 && e != ENOENT)
			fail(cause, "%s: %s", to, strerror(e));
		free(from);
		free(to);
		if (e != 0 && e != ENOENT)
			return -1;
	}
	rmdir(build);
	return 0;
}

int
ops_create(const char *dir, const struct init_options *o, char **cause)
{
	const char	 *def[] = { DEFAULT_LENS };
	const char	**specs = o->nlenses > 0 ? o->lenses : def, **tspecs = NULL;
	size_t		  n = o->nlenses > 0 ? o->nlenses : 1;
	struct lens	**lenses = NULL;
	char		**paths = NULL, **datas = NULL;
	size_t		 *sizes = NULL;
	struct templates  tpl = { 0 };
	struct workspace *ws = NULL;
	struct store	 *st = NULL;
	struct store_batch b = { 0 };
	struct store_journal jn = { "init", NULL, NULL, false, false };
	struct buf	  ids = { 0 };
	char		 *p, *name = NULL, *build = NULL;
	int		  ret = -1;

	if (o->environment != NULL && strcmp(o->environment, "production") != 0
	    && strcmp(o->environment, "preproduction") != 0) {
		fail(cause, _("environment must be production or "
		    "preproduction, not \"%s\""), o->environment);
		n = 0;
		goto out;
	}
	/* Everything that can be checked is checked before DIR is touched. */
	if (templates_load(&tpl, o->templates, o->ntemplates, cause) != 0 ||
	    (o->ntemplates > 0 && o->nlenses == 0 &&
	    (tspecs = templates_lenses(&tpl, &n, cause)) == NULL)) {
		n = 0;
		goto out;
	}
	if (tspecs != NULL)
		specs = tspecs;
	lenses = xcalloc(n, sizeof *lenses);
	paths = xcalloc(n, sizeof *paths);
	datas = xcalloc(n, sizeof *datas);
	sizes = xcalloc(n, sizeof *sizes);
	if (access(dir, F_OK) == 0 && !dir_is_empty(dir)) {
		p = path_join(dir, ".wafr");
		if (access(p, F_OK) == 0)
			fail(cause, _("%s: already a wafr workspace"), dir);
		else
			fail(cause, _("%s: exists and is not empty"), dir);
		free(p);
		goto out;
	}
	for (size_t i = 0; i < n; i++) {
		if ((paths[i] = lens_resolve(specs[i], cause)) == NULL ||
		    (lenses[i] = lens_load_checked_bytes(paths[i], &datas[i],
		    &sizes[i], cause)) == NULL)
			goto out;
		for (size_t j = 0; j < i; j++) {
			if (strcmp(lenses[i]->id, lenses[j]->id) == 0) {
				fail(cause, _("lens \"%s\" given twice"),
				    lenses[i]->id);
				goto out;
			}
		}
		if (i > 0)
			buf_addc(&ids, ' ');
		buf_adds(&ids, lenses[i]->id);
	}
	/* The templates' answers, each marked from template. */
	if (templates_batch(&tpl, lenses, n, &b, cause) != 0)
		goto out;

	/* Built beside DIR under a temporary name, then renamed into place
	 * in one step: a kill leaves no half workspace. */
	if ((build = build_dir(dir, cause)) == NULL)
		goto out;
	p = path_join(build, "lenses");
	if (mkdir(p, 0777) != 0) {
		fail(cause, "%s: %s", p, strerror(errno));
		free(p);
		goto undo;
	}
	free(p);
	for (size_t i = 0; i < n; i++) {
		char	*file, *dst;
		int	 r;

		file = lens_pinned_name(lenses[i]);
		dst = xasprintf("%s/lenses/%s", build, file);
		r = write_file_atomic(dst, datas[i], sizes[i], cause);
		batch_put(&b, TABLE_LENSES, file, datas[i], sizes[i]);
		free(dst);
		free(file);
		if (r != 0)
			goto undo;
	}

	p = path_join(build, ".wafr");
	ret = store_open(p, STORE_CREATE, &st, cause);
	free(p);
	if (ret != 0)
		goto undo;
	ret = -1;
	name = o->name != NULL ? xstrdup(o->name) : default_name(dir);
	batch_put_string(&b, TABLE_WORKLOAD, "name", name);
	batch_put_string(&b, TABLE_WORKLOAD, "environment",
	    o->environment != NULL ? o->environment : "production");
	batch_put_string(&b, TABLE_WORKLOAD, "lenses", ids.s);
	jn.author = workspace_author_of(dir);
	if (store_commit(st, &b, &jn, NULL, NULL, cause) != 0)
		goto undo;
	store_close(st);
	st = NULL;
	for (size_t i = 0; i < n; i++)
		workspace_cache_lens(build, lenses[i], datas[i], sizes[i]);

	if (workspace_open(build, WS_NO_REBUILD, &ws, cause) != 0)
		goto undo;
	ws->building = true;
	if (persist_all(ws, cause) != 0 ||
	    history_init(build, &ws->state, cause) != 0)
		goto undo;
	workspace_close(ws);
	ws = NULL;
	if (move_into(build, dir, cause) != 0)
		goto undo;
	ret = 0;
	goto out;
undo:
	store_close(st);
	st = NULL;
	workspace_close(ws);
	ws = NULL;
	remove_tree(build);
out:
	workspace_close(ws);
	store_close(st);
	batch_free(&b);
	buf_free(&ids);
	free(name);
	for (size_t i = 0; i < n; i++) {
		lens_free(lenses[i]);
		free(paths[i]);
		free(datas[i]);
	}
	free(lenses);
	free(paths);
	free(datas);
	free(sizes);
	free(build);
	free(tspecs);
	templates_free(&tpl);
	return ret;
}

int
ops_sync(struct workspace *ws, char **cause)
{
	struct store_batch	 b = { 0 };
	struct store_journal	 j = { "sync", NULL, workspace_author(ws), true,
	    false };
	struct journal_entry	 e;
	struct kv		 props = { 0 };
	const char		*ids, *now;
	char			*why = NULL;
	int			 r;

	if (ws->readonly)
		return fail(cause, _("%s: opened read-only"), ws->dir);
	if (persist_catch_up(ws, 0, &why) != 0) {
		fail(cause, _("%s: the files are behind the live state and "
		    "cannot be rewritten (%s), so they are not read back"),
		    ws->dir, why);
		free(why);
		return -1;
	}
	if (snapshot_read_workload(ws->dir, &props, cause) != 0)
		return -1;
	ids = kv_get(&props, "lenses");
	now = kv_get(&ws->state.workload, "lenses");
	if (!streq(ids, now)) {
		fail(cause, _("%s: workload.yaml names other lenses (%s) than "
		    "the workspace (%s)"), ws->dir, ids != NULL ? ids : "",
		    now != NULL ? now : "");
		kv_free(&props);
		return -1;
	}
	kv_free(&props);
	if (workspace_read_files(ws, &b, cause) != 0) {
		batch_free(&b);
		return -1;
	}
	r = store_replace(ws->store, &b, &j, &e, cause);
	batch_free(&b);
	if (r != 0)
		return -1;
	committed(ws, &e);
	journal_entry_free(&e);
	return persist_all(ws, cause);
}

int
ops_rebuild(const char *dir, char **kept, char **cause)
{
	struct workspace	*ws;
	char			*wafr = path_join(dir, ".wafr"), *from, *lock, stamp[32];
	time_t			 now = time(NULL);
	struct tm		 tm;
	int			 r = -1;

	*kept = NULL;
	from = path_join(wafr, "data.mdb");
	lock = path_join(wafr, "lock.mdb");
	if (gmtime_r(&now, &tm) == NULL ||
	    strftime(stamp, sizeof stamp, "%Y%m%dT%H%M%SZ", &tm) == 0)
		snprintf(stamp, sizeof stamp, "%lld", (long long)now);
	*kept = xasprintf("%s/damaged-%s.mdb", wafr, stamp);
	if (access(from, F_OK) == 0 && rename(from, *kept) != 0) {
		fail(cause, "%s: %s", from, strerror(errno));
		goto out;
	}
	if (unlink(lock) != 0 && errno != ENOENT) {
		fail(cause, "%s: %s", lock, strerror(errno));
		goto out;
	}
	if (ops_open(dir, 0, &ws, cause) == 0) {
		workspace_close(ws);
		r = 0;
	}
out:
	if (r != 0) {
		free(*kept);
		*kept = NULL;
	}
	free(lock);
	free(from);
	free(wafr);
	return r;
}

/* --- Answers --- */

/* A question found before the lenses changed (a lens removed, or back
 * after an undo) may no longer be the workspace's. */
static int
check_ref(const struct workspace *ws, const struct qref *ref, char **cause)
{
	if (ref->lens < ws->state.nlenses && ref->q != NULL &&
	    lens_question(ws->state.lenses[ref->lens], ref->q->id) == ref->q)
		return 0;
	return fail(cause, "%s", _("the question is no longer in the "
	    "workspace (its lens was removed)"));
}

static void
put_answer(struct store_batch *b, const char *key, const struct answer *a)
{
	void	*data;
	size_t	 size;

	if (answer_is_empty(a)) {
		batch_delete(b, TABLE_ANSWERS, key);
		return;
	}
	data = answer_encode(a, &size);
	batch_put(b, TABLE_ANSWERS, key, data, size);
	free(data);
}

/* A question to re-confirm after a lens upgrade is confirmed by any change
 * of its answer. */
static void
clear_reconfirm(const struct workspace *ws, struct store_batch *b,
    const char *key)
{
	char *mark = xasprintf(PROP_RECONFIRM "%s", key);

	if (kv_get(&ws->state.workload, mark) != NULL)
		batch_delete(b, TABLE_WORKLOAD, mark);
	free(mark);
}

/* The edits of one answer, applied to the answer the store holds inside
 * the write transaction: a change another process made a moment ago is
 * built on, never overwritten. */
struct answer_update {
	const struct question	*q;
	const struct edit	*edits;
	size_t			 n;
	struct ops_result	*res;
	struct store_journal	*journal;	/* its op follows the edits */
};

static int
update_answer(const void *old, size_t oldsize, void **out, size_t *size,
    void *arg, char **cause)
{
	struct answer_update	*u = arg;
	struct edit_result	 er;
	struct answer		 a;

	answer_init(&a);
	if (old != NULL && answer_decode(old, oldsize, &a) != 0)
		answer_init(&a);
	u->res->cleared = 0;
	u->journal->op = NULL;
	for (size_t i = 0; i < u->n; i++) {
		if (edit_apply(u->q, &a, &u->edits[i], &er, cause) != 0) {
			answer_free(&a);
			return -1;
		}
		u->res->did = er.did;
		u->res->cleared += er.cleared;
		u->journal->op = u->journal->op == NULL ||
		    streq(u->journal->op, edit_name(er.did)) ?
		    edit_name(er.did) : "answer";
	}
	*out = answer_is_empty(&a) ? NULL : answer_encode(&a, size);
	answer_free(&a);
	return 0;
}

int
ops_answer(struct workspace *ws, const struct qref *ref,
    const struct edit *edits, size_t n, bool guarded, struct ops_result *res,
    char **cause)
{
	const struct answer	*cur;
	struct ops_result	 dummy;
	struct store_batch	 b = { 0 };
	struct store_journal	 j = { "answer", NULL, workspace_author(ws),
				    true, false };
	struct answer_update	 u = { ref->q, edits, n, NULL, &j };
	struct store_guard	 g;
	char			*key;
	void			*was = NULL;
	size_t			 wsize = 0;
	int			 r;

	if (res == NULL)
		res = &dummy;
	*res = (struct ops_result){ 0 };
	u.res = res;
	if (n == 0 || check_ref(ws, ref, cause) != 0)
		return n == 0 ? 0 : -1;
	key = state_key(&ws->state, ref);
	j.target = key;
	batch_update(&b, TABLE_ANSWERS, key, update_answer, &u);
	clear_reconfirm(ws, &b, key);
	/* The note editor writes only over the text it started from. */
	cur = state_answer(&ws->state, ref);
	if (guarded && !answer_is_empty(cur))
		was = answer_encode(cur, &wsize);
	g = (struct store_guard){ TABLE_ANSWERS, key, was, wsize };
	r = commit_journal(ws, &b, &j, guarded ? &g : NULL, &res->seq, cause);
	res->changed = r == 0 && res->seq != 0;
	free(was);
	free(key);
	return r;
}

/* One answer of a batch: its edits, applied as ops_answer would, and
 * where it came from, for the message when one is refused. */
struct batch_update {
	struct answer_update	 u;
	struct ops_result	 res;
	struct store_journal	 scratch;	/* the op is the batch's */
	const char		*where;
};

static int
update_batch_answer(const void *old, size_t oldsize, void **out,
    size_t *size, void *arg, char **cause)
{
	struct batch_update	*bu = arg;
	char			*why = NULL;

	if (update_answer(old, oldsize, out, size, &bu->u, &why) == 0)
		return 0;
	if (bu->where == NULL && cause != NULL) {
		*cause = why;
		return -1;
	}
	fail(cause, "%s: %s", bu->where, why);
	free(why);
	return -1;
}

int
ops_answer_batch(struct workspace *ws, const struct ops_answer_item *items,
    size_t n, uint64_t *seq, char **cause)
{
	struct store_batch	 b = { 0 };
	struct batch_update	*bu;
	char			*key, *target = NULL;
	bool			 one = true;
	int			 r;

	if (seq != NULL)
		*seq = 0;
	if (n == 0)
		return 0;
	bu = xcalloc(n, sizeof *bu);
	for (size_t i = 0; i < n; i++) {
		if (check_ref(ws, &items[i].ref, cause) != 0) {
			batch_free(&b);
			free(target);
			free(bu);
			return -1;
		}
		bu[i].u = (struct answer_update){ items[i].ref.q,
		    items[i].edits, items[i].n, &bu[i].res, &bu[i].scratch };
		bu[i].where = items[i].where;
		key = state_key(&ws->state, &items[i].ref);
		batch_update(&b, TABLE_ANSWERS, key, update_batch_answer,
		    &bu[i]);
		clear_reconfirm(ws, &b, key);
		if (target == NULL)
			target = key;
		else {
			one = one && streq(target, key);
			free(key);
		}
	}
	r = commit(ws, &b, "batch", one ? target : NULL, true, NULL, seq,
	    cause);
	free(target);
	free(bu);
	return r;
}

int
ops_import(struct workspace *ws, const struct qref *refs,
    const struct answer *answers, size_t n, char **cause)
{
	struct store_batch	 b = { 0 };
	char			*key, *target = NULL;
	int			 r;

	for (size_t i = 0; i < n; i++) {
		if (check_ref(ws, &refs[i], cause) != 0) {
			batch_free(&b);
			free(target);
			return -1;
		}
		key = state_key(&ws->state, &refs[i]);
		put_answer(&b, key, &answers[i]);
		clear_reconfirm(ws, &b, key);
		if (n == 1)
			target = key;
		else
			free(key);
	}
	r = commit(ws, &b, "import", target, true, NULL, NULL, cause);
	free(target);
	return r;
}

/* --- The roadmap --- */

static int
check_text(const char *s, const char *what, char **cause)
{
	if (s != NULL && !utf8_valid(s, strlen(s)))
		return fail(cause, _("the %s is not valid UTF-8"), what);
	return 0;
}

/* A roadmap edit, applied inside the write transaction: the fields the
 * front end changed (from the item it read) go onto the item the store
 * holds, so that two people editing other fields of one item both keep
 * theirs. want NULL takes the item off. */
struct roadmap_update {
	const struct roadmap_item	*read;
	const struct roadmap_item	*want;
	bool				 finding;
	const char			*name;	/* lens/question */
};

static void
take_text(char **now, const char *read, const char *want)
{
	if (streq(read, want))
		return;
	free(*now);
	*now = want != NULL ? xstrdup(want) : NULL;
}

static int
update_roadmap(const void *old, size_t oldsize, void **out, size_t *size,
    void *arg, char **cause)
{
	static const struct roadmap_item	 none;
	struct roadmap_update			*u = arg;
	const struct roadmap_item		*r = u->read != NULL ? u->read :
						    &none, *w = u->want;
	struct roadmap_item			*now;

	now = old != NULL ? roadmap_item_decode(old, oldsize) : NULL;
	*out = NULL;
	if (w == NULL) {
		if (now == NULL)
			return fail(cause, _("%s is not on the roadmap"),
			    u->name);
		roadmap_item_free(now);
		return 0;
	}
	if (now == NULL && !u->finding)
		return fail(cause, _("%s is not a finding"), u->name);
	if (now == NULL)
		now = xcalloc(1, sizeof *now);
	take_text(&now->owner, r->owner, w->owner);
	take_text(&now->ticket, r->ticket, w->ticket);
	take_text(&now->reason, r->reason, w->reason);
	take_text(&now->target, r->target, w->target);
	if (r->effort != w->effort)
		now->effort = w->effort;
	if (r->status != w->status)
		now->status = w->status;
	if (now->status == STATUS_ACCEPTED && now->reason == NULL) {
		roadmap_item_free(now);
		return fail(cause, "%s", _("an accepted risk needs a reason"));
	}
	*out = roadmap_item_encode(now, size);
	roadmap_item_free(now);
	return 0;
}

int
ops_roadmap(struct workspace *ws, const struct qref *ref,
    const struct roadmap_item *it, char **cause)
{
	struct store_batch	b = { 0 };
	struct roadmap_update	u = { 0 };
	enum risk		risk;
	char			*key;
	int			 r;

	if (check_ref(ws, ref, cause) != 0)
		return -1;
	risk = state_risk(&ws->state, ref);
	key = state_key(&ws->state, ref);
	u = (struct roadmap_update){ ws->state.roadmap[ref->lens][ref->q->index],
	    it, risk == RISK_HIGH || risk == RISK_MEDIUM, key };
	if (u.read == NULL && it != NULL && !u.finding) {
		fail(cause, _("%s is not a finding: its risk is %s"), key,
		    risk_name(risk));
		free(key);
		return -1;
	}
	if (it != NULL) {
		if (check_text(it->owner, _("owner"), cause) != 0 ||
		    check_text(it->ticket, _("ticket"), cause) != 0 ||
		    check_text(it->reason, _("reason"), cause) != 0) {
			free(key);
			return -1;
		}
		if (it->target != NULL && !plan_date_valid(it->target)) {
			fail(cause, _("target \"%s\" is not a date "
			    "(YYYY-MM-DD)"), it->target);
			free(key);
			return -1;
		}
	}
	batch_update(&b, TABLE_ROADMAP, key, update_roadmap, &u);
	r = commit(ws, &b, "roadmap", key, true, NULL, NULL, cause);
	free(key);
	return r;
}

int
ops_roadmap_import(struct workspace *ws, const struct qref *refs,
    struct roadmap_item *const *items, size_t n, char **cause)
{
	struct store_batch	 b = { 0 };
	struct roadmap_update	*u;
	char			**keys;
	int			 r = -1;

	if (n == 0)
		return fail(cause, "%s", _("nothing to change"));
	u = xcalloc(n, sizeof *u);
	keys = xcalloc(n, sizeof *keys);
	for (size_t i = 0; i < n; i++) {
		const struct roadmap_item *cur;

		if (check_ref(ws, &refs[i], cause) != 0)
			goto bad;
		keys[i] = state_key(&ws->state, &refs[i]);
		cur = ws->state.roadmap[refs[i].lens][refs[i].q->index];
		if (cur == NULL || items[i] == NULL) {
			fail(cause, _("%s is not on the roadmap"), keys[i]);
			goto bad;
		}
		if (check_text(items[i]->owner, _("owner"), cause) != 0 ||
		    check_text(items[i]->ticket, _("ticket"), cause) != 0)
			goto bad;
		u[i] = (struct roadmap_update){ cur, items[i], true, keys[i] };
		batch_update(&b, TABLE_ROADMAP, keys[i], update_roadmap, &u[i]);
	}
	r = commit(ws, &b, "roadmap-import", n == 1 ? keys[0] : NULL, true,
	    NULL, NULL, cause);
	goto out;
bad:
	batch_free(&b);
out:
	for (size_t i = 0; i < n; i++)
		free(keys[i]);
	free(keys);
	free(u);
	return r;
}

/* --- The workload --- */

/* Pillar ids separated by commas and blanks, written back as "a,b,c". */
static char *
normalize_priorities(const char *v)
{
	struct buf	b = { 0 };
	const char	*p = v;

	buf_adds(&b, "");
	while (*p != '\0') {
		size_t n;

		p += strspn(p, ", \t");
		if ((n = strcspn(p, ", \t")) == 0)
			break;
		if (b.len > 0)
			buf_addc(&b, ',');
		buf_add(&b, p, n);
		p += n;
	}
	return buf_take(&b);
}

static int
set_prop(struct workspace *ws, const char *op, const char *key,
    const char *value, char **cause)
{
	struct store_batch b = { 0 };

	if (value == NULL || *value == '\0')
		batch_delete(&b, TABLE_WORKLOAD, key);
	else
		batch_put_string(&b, TABLE_WORKLOAD, key, value);
	return commit(ws, &b, op, key, true, NULL, NULL, cause);
}

int
ops_set_prop(struct workspace *ws, const char *key, const char *value,
    char **cause)
{
	char	*v = NULL;
	int	 r;

	if (value == NULL)
		value = "";
	if (strcmp(key, "lenses") == 0)
		return fail(cause, "%s", _("the lenses of a workspace change "
		    "with \"wafr lens add\" and \"wafr lens remove\""));
	if (!state_prop_key_valid(key))
		return fail(cause, _("\"%s\" is not a property name (letters, "
		    "digits, '-' and '_')"), key);
	if (!utf8_valid(value, strlen(value)))
		return fail(cause, "%s", _("the value is not valid UTF-8"));
	if (strcmp(key, "name") == 0 && *value == '\0')
		return fail(cause, "%s", _("a workload needs a name"));
	if (strcmp(key, "environment") == 0 && *value != '\0' &&
	    strcmp(value, "production") != 0 &&
	    strcmp(value, "preproduction") != 0)
		return fail(cause, _("environment must be production or "
		    "preproduction, not \"%s\""), value);
	if (strcmp(key, "review-date") == 0 && *value != '\0' &&
	    !plan_date_valid(value))
		return fail(cause, _("review-date must be a date, YYYY-MM-DD, "
		    "not \"%s\""), value);
	if (strcmp(key, "pillar-priorities") == 0) {
		if (plan_check_priorities(&ws->state, value, cause) != 0)
			return -1;
		value = v = normalize_priorities(value);
	}
	r = set_prop(ws, "workload", key, value, cause);
	free(v);
	return r;
}

int
ops_set_agenda(struct workspace *ws, size_t lens, const struct pillar *p,
    long minutes, char **cause)
{
	char	*key, value[32];
	int	 r;

	if (minutes < 0 || minutes > 24 * 60)
		return fail(cause, "%s", _("the time box is a number of "
		    "minutes, from 0 to 1440"));
	key = state_pillar_key(&ws->state, "agenda", lens, p);
	snprintf(value, sizeof value, "%ld", minutes);
	r = set_prop(ws, "agenda", key, minutes > 0 ? value : NULL, cause);
	free(key);
	return r;
}

int
ops_hide_notes(struct workspace *ws, bool hide, char **cause)
{
	struct store_batch b = { 0 };

	batch_put_string(&b, TABLE_SESSION, SESSION_HIDE_NOTES, hide ? "1" :
	    "0");
	return commit(ws, &b, hide ? "hide-notes" : "show-notes", NULL, true,
	    NULL, NULL, cause);
}

/* --- Milestones --- */

static int
write_files(void *arg, history_current_fn *current, void *carg,
    char **cause)
{
	return persist_files(arg, current, carg, cause);
}

int
ops_milestone(struct workspace *ws, const char *name, struct milestone *m,
    char **cause)
{
	struct store_batch	b = { 0 };
	struct milestone	made = { 0 };
	int			r;

	if (ws->readonly)
		return fail(cause, _("%s: opened read-only"), ws->dir);
	if (history_milestone(ws->dir, &ws->state, name,
	    kv_get(&ws->state.session, SESSION_MILESTONE_INDEX), write_files,
	    ws, &made, cause) != 0)
		return -1;
	/* Every screen shows the newest milestone; the commit cannot be
	 * undone from here, so neither is this, and git keeps it. The git
	 * index it left is kept with this store: a store put back from
	 * elsewhere does not vouch for files it did not write. */
	batch_put_string(&b, TABLE_SESSION, SESSION_MILESTONE, made.name);
	if (made.index != NULL)
		batch_put_string(&b, TABLE_SESSION, SESSION_MILESTONE_INDEX,
		    made.index);
	else
		batch_delete(&b, TABLE_SESSION, SESSION_MILESTONE_INDEX);
	r = commit_journal(ws, &b, &(struct store_journal){ "milestone",
	    made.name, workspace_author(ws), false, true }, NULL, NULL, cause);
	if (m != NULL)
		*m = made;
	else
		milestone_free(&made);
	return r;
}

/* --- Lenses --- */

static int
workspace_lens(const struct workspace *ws, const char *id)
{
	for (size_t i = 0; i < ws->state.nlenses; i++) {
		if (strcmp(ws->state.lenses[i]->id, id) == 0)
			return (int)i;
	}
	return -1;
}

/* A lens the user names: by its id, or by the old id of a lens whose id
 * wafr changed (the workspace was renamed on open; see model/rename.h). */
static int
workspace_lens_named(const struct workspace *ws, const char *id)
{
	const struct lens_rename	*rn = lens_rename_of(id);
	int				 i = workspace_lens(ws, id);

	return i < 0 && rn != NULL ? workspace_lens(ws, rn->new_id) : i;
}

static char *
lens_list(const struct workspace *ws, const char *add, int skip)
{
	struct buf b = { 0 };

	buf_adds(&b, "");
	for (size_t i = 0; i < ws->state.nlenses; i++) {
		if ((int)i == skip)
			continue;
		if (b.len > 0)
			buf_addc(&b, ' ');
		buf_adds(&b, ws->state.lenses[i]->id);
	}
	if (add != NULL) {
		if (b.len > 0)
			buf_addc(&b, ' ');
		buf_adds(&b, add);
	}
	return buf_take(&b);
}

int
ops_lens_add(struct workspace *ws, const char *spec, char **cause)
{
	struct store_batch	 b = { 0 };
	struct lens		*l = NULL;
	char			*path, *data = NULL, *file = NULL, *ids = NULL;
	size_t			 size;
	int			 r = -1;

	if ((path = lens_resolve(spec, cause)) == NULL)
		return -1;
	if ((l = lens_load_checked(path, cause)) == NULL)
		goto out;
	if (workspace_lens(ws, l->id) >= 0) {
		fail(cause, _("lens \"%s\" is already in the workspace"), l->id);
		goto out;
	}
	if (read_file(path, &data, &size, cause) != 0)
		goto out;
	file = lens_pinned_name(l);
	ids = lens_list(ws, l->id, -1);
	batch_put(&b, TABLE_LENSES, file, data, size);
	batch_put_string(&b, TABLE_WORKLOAD, "lenses", ids);
	r = commit(ws, &b, "lens-add", l->id, true, NULL, NULL, cause);
out:
	batch_free(&b);
	lens_free(l);
	free(ids);
	free(file);
	free(data);
	free(path);
	return r;
}

int
ops_lens_remove(struct workspace *ws, const char *id, bool force,
    char **cause)
{
	struct store_batch	 b = { 0 };
	const struct lens	*l;
	char			*ids, *key;
	size_t			 answered = 0;
	int			 i = workspace_lens_named(ws, id), r;

	if (i < 0)
		return fail(cause, _("no lens \"%s\" in this workspace"), id);
	if (ws->state.nlenses == 1)
		return fail(cause, _("lens \"%s\" is the workspace's only "
		    "lens"), id);
	l = ws->state.lenses[i];
	for (size_t q = 0; q < l->nquestions; q++) {
		if (!answer_is_empty(&ws->state.answers[i][q]) ||
		    ws->state.roadmap[i][q] != NULL)
			answered++;
	}
	if (answered > 0 && !force)
		return fail(cause, ngettext("lens \"%s\" has %zu answered "
		    "question: --force removes it (the git history keeps it)",
		    "lens \"%s\" has %zu answered questions: --force removes "
		    "them (the git history keeps them)", answered), id,
		    answered);
	for (size_t j = 0; j < l->npillars; j++) {
		const struct pillar *p = &l->pillars[j];

		key = state_pillar_key(&ws->state, "agenda", (size_t)i, p);
		batch_delete(&b, TABLE_WORKLOAD, key);
		free(key);
		for (size_t k = 0; k < p->nquestions; k++) {
			struct qref ref = { (size_t)i, &p->questions[k] };

			key = state_key(&ws->state, &ref);
			batch_delete(&b, TABLE_ANSWERS, key);
			batch_delete(&b, TABLE_ROADMAP, key);
			free(key);
		}
	}
	key = lens_pinned_name(l);
	batch_delete(&b, TABLE_LENSES, key);
	free(key);
	ids = lens_list(ws, NULL, i);
	batch_put_string(&b, TABLE_WORKLOAD, "lenses", ids);
	free(ids);
	r = commit(ws, &b, "lens-remove", id, true, NULL, NULL, cause);
	return r;
}

/* --- The profile --- */

/* The choices of a profile question, checked, in the questionnaire's
 * order: the record's value ("" for none). */
static char *
profile_value(const struct profile_question *q, const char *const *choices,
    size_t n, char **cause)
{
	struct buf b = { 0 };

	for (size_t i = 0; i < n; i++) {
		if (profile_choice(q, choices[i]) == NULL) {
			fail(cause, _("profile question %s has no choice "
			    "\"%s\""), q->id, choices[i]);
			return NULL;
		}
	}
	buf_adds(&b, "");
	for (size_t i = 0; i < q->nchoices; i++) {
		bool chosen = false;

		for (size_t j = 0; j < n && !chosen; j++)
			chosen = strcmp(choices[j], q->choices[i].id) == 0;
		if (!chosen)
			continue;
		if (b.len > 0)
			buf_addc(&b, ' ');
		buf_adds(&b, q->choices[i].id);
	}
	if (!q->multiple && strchr(b.s, ' ') != NULL) {
		buf_free(&b);
		fail(cause, _("profile question %s takes one choice"), q->id);
		return NULL;
	}
	return buf_take(&b);
}

int
ops_profile_answer(struct workspace *ws, const char *qid,
    const char *const *choices, size_t n, char **cause)
{
	struct store_batch		 b = { 0 };
	struct profile			*own;
	const struct profile		*p;
	const struct profile_question	*q;
	char				*value = NULL, *key;
	int				 r = -1;

	if ((p = profile_in_effect(&ws->state, ws->dir,
	    wafr_datadir(), &own, cause)) == NULL)
		return -1;
	if ((q = profile_question(p, qid)) == NULL) {
		fail(cause, _("profile %s has no question \"%s\""), p->id, qid);
		goto out;
	}
	if ((value = profile_value(q, choices, n, cause)) == NULL)
		goto out;
	/* The first answer pins the default questionnaire. */
	if (own != NULL) {
		if (profile_check(own, &ws->state, cause) != 0)
			goto out;
		batch_put(&b, TABLE_PROFILE, PROFILE_KEY_QUESTIONS, own->source,
		    own->nsource);
	}
	key = xasprintf("%s%s", PROFILE_KEY_ANSWER, q->id);
	if (*value == '\0')
		batch_delete(&b, TABLE_PROFILE, key);
	else
		batch_put_string(&b, TABLE_PROFILE, key, value);
	free(key);
	r = commit(ws, &b, "profile", q->id, true, NULL, NULL, cause);
out:
	batch_free(&b);
	free(value);
	profile_free(own);
	return r;
}

int
ops_profile_use(struct workspace *ws, const char *spec, char **cause)
{
	struct store_batch	 b = { 0 };
	struct profile		*p;
	char			*path, *err = NULL;
	int			 r = -1;

	if ((path = profile_resolve(spec, wafr_datadir(), cause)) == NULL)
		return -1;
	if ((p = profile_load_file(path, cause)) == NULL)
		goto out;
	if (profile_check(p, &ws->state, cause) != 0)
		goto out;
	batch_put(&b, TABLE_PROFILE, PROFILE_KEY_QUESTIONS, p->source,
	    p->nsource);
	/* Answers the new questionnaire cannot hold go; the journal keeps
	 * them for undo. */
	for (size_t i = 0; i < ws->state.profile_answers.n; i++) {
		const char			*id = ws->state.profile_answers.keys[i];
		const struct profile_question	*q = profile_question(p, id);
		char				*key, *list, *save = NULL, *v;
		const char			*c[64];
		size_t				 n = 0;

		list = xstrdup(ws->state.profile_answers.values[i]);
		for (char *t = strtok_r(list, " ", &save); t != NULL &&
		    n < nitems(c); t = strtok_r(NULL, " ", &save)) {
			if (q != NULL && profile_choice(q, t) != NULL)
				c[n++] = t;
		}
		v = q != NULL && n > 0 ? profile_value(q, c, q->multiple ? n :
		    1, &err) : NULL;
		free(err);
		err = NULL;
		key = xasprintf("%s%s", PROFILE_KEY_ANSWER, id);
		if (v == NULL || *v == '\0')
			batch_delete(&b, TABLE_PROFILE, key);
		else
			batch_put_string(&b, TABLE_PROFILE, key, v);
		free(key);
		free(v);
		free(list);
	}
	r = commit(ws, &b, "profile-use", p->id, true, NULL, NULL, cause);
out:
	batch_free(&b);
	profile_free(p);
	free(path);
	return r;
}

/* --- Lens upgrades --- */

void
upgrade_report_free(struct upgrade_report *r)
{
	for (size_t i = 0; i < r->nlines; i++) {
		struct upgrade_line *l = &r->lines[i];

		for (size_t j = 0; j < l->nlost; j++) {
			free(l->lost[j]);
			free(l->lost_titles[j]);
		}
		free(l->lost);
		free(l->lost_titles);
		free(l->key);
		free(l->title);
	}
	free(r->lines);
	free(r->from_id);
	free(r->from_version);
	free(r->to_id);
	free(r->to_version);
	free(r->milestone);
	memset(r, 0, sizeof *r);
}

static char *
qkey(const char *lens, const struct question *q)
{
	return xasprintf("%s/%s", lens, q->id);
}

static void
report_lines(struct upgrade_report *r, const struct lens_upgrade *u,
    const char *from, const char *to)
{
	r->lines = xcalloc(u->nnotes > 0 ? u->nnotes : 1, sizeof *r->lines);
	for (size_t i = 0; i < u->nnotes; i++) {
		const struct upgrade_note	*n = &u->notes[i];
		const struct question		*q = n->new != NULL ? n->new :
						    n->old;
		struct upgrade_line		*l = &r->lines[r->nlines++];

		l->key = qkey(n->new != NULL ? to : from, q);
		l->title = xstrdup(text_get(&q->title));
		l->reasons = n->reasons;
		l->deleted = n->new == NULL;
		l->lost_answer = n->lost_answer;
		l->nlost = n->nlost;
		l->lost = xcalloc(n->nlost + 1, sizeof *l->lost);
		l->lost_titles = xcalloc(n->nlost + 1, sizeof *l->lost_titles);
		for (size_t j = 0; j < n->nlost; j++) {
			const struct choice *c = question_choice(n->old,
			    n->lost[j]);

			l->lost[j] = xstrdup(n->lost[j]);
			l->lost_titles[j] = xstrdup(c != NULL ?
			    text_get(&c->title) : "");
		}
	}
	r->nreconfirm = u->nreconfirm;
	r->nlost = u->nlost;
}

static int
carry_answer(const void *old, size_t oldsize, void **out, size_t *size,
    void *arg, char **cause)
{
	struct answer	a, c;

	(void)cause;
	answer_init(&a);
	if (old != NULL && answer_decode(old, oldsize, &a) != 0)
		answer_init(&a);
	lens_carry_answer(arg, &a, &c);
	*out = answer_is_empty(&c) ? NULL : answer_encode(&c, size);
	answer_free(&a);
	answer_free(&c);
	return 0;
}

/* The records of the upgrade: the pinned bytes, every answer and roadmap
 * item under its key in the new lens, the marks to re-confirm, the time
 * boxes and the clocks when the lens's id changed. */
static void
upgrade_batch(struct workspace *ws, size_t li, const struct lens *nl,
    const void *data, size_t size, const struct lens_upgrade *u,
    struct store_batch *b)
{
	const struct lens	*ol = ws->state.lenses[li];
	bool			 renamed = strcmp(ol->id, nl->id) != 0;
	char			*oname = lens_pinned_name(ol), *nname;
	char			*k;
	unsigned		*reasons;

	nname = lens_pinned_name(nl);
	if (strcmp(oname, nname) != 0)
		batch_delete(b, TABLE_LENSES, oname);
	batch_put(b, TABLE_LENSES, nname, data, size);
	free(oname);
	free(nname);
	for (size_t i = 0; i < ol->npillars; i++) {
		const struct pillar *p = &ol->pillars[i];

		for (size_t j = 0; j < p->nquestions; j++) {
			const struct question	*oq = &p->questions[j];
			const struct question	*nq = lens_question(nl, oq->id);
			struct roadmap_item	*it =
			    ws->state.roadmap[li][oq->index];
			char			*ok = qkey(ol->id, oq), *mk;

			mk = xasprintf(PROP_RECONFIRM "%s", ok);
			if (nq == NULL || renamed) {
				batch_delete(b, TABLE_ANSWERS, ok);
				batch_delete(b, TABLE_ROADMAP, ok);
				batch_delete(b, TABLE_WORKLOAD, mk);
			}
			if (nq != NULL && renamed && it != NULL) {
				void	*enc;
				size_t	 n;

				k = qkey(nl->id, nq);
				enc = roadmap_item_encode(it, &n);
				batch_put(b, TABLE_ROADMAP, k, enc, n);
				free(enc);
				free(k);
			}
			free(mk);
			free(ok);
		}
		for (int t = 0; renamed && t < 2; t++) {
			const char	*what = t == 0 ? "agenda" : "clock";
			const struct kv	*kv = t == 0 ? &ws->state.workload :
					    &ws->state.session;
			char		*ok = state_pillar_key(&ws->state, what,
					    li, p);
			const char	*v = kv_get(kv, ok);

			batch_delete(b, t == 0 ? TABLE_WORKLOAD : TABLE_SESSION,
			    ok);
			if (v != NULL && lens_pillar(nl, p->id) != NULL) {
				k = xasprintf("%s/%s/%s", what, nl->id, p->id);
				batch_put_string(b, t == 0 ? TABLE_WORKLOAD :
				    TABLE_SESSION, k, v);
				free(k);
			}
			free(ok);
		}
	}
	reasons = xcalloc(nl->nquestions + 1, sizeof *reasons);
	for (size_t n = 0; n < u->nnotes; n++) {
		if (u->notes[n].new != NULL)
			reasons[u->notes[n].new->index] = u->notes[n].reasons;
	}
	for (size_t i = 0; i < nl->npillars; i++) {
		const struct pillar *p = &nl->pillars[i];

		for (size_t j = 0; j < p->nquestions; j++) {
			const struct question	*q = &p->questions[j];
			const struct question	*oq = lens_question(ol, q->id);
			const char		*was = NULL;
			unsigned		 bits = reasons[q->index], more = 0;

			k = qkey(nl->id, q);
			/* Carried from what the store holds when the upgrade
			 * commits: an answer given meanwhile is not lost. */
			if (oq != NULL && !renamed)
				batch_update(b, TABLE_ANSWERS, k, carry_answer,
				    (void *)q);
			else
				put_answer(b, k, &u->answers[q->index]);
			/* A mark not yet cleared stays, with its reasons. */
			if (oq != NULL) {
				char *ok = qkey(ol->id, oq);
				char *mk = xasprintf(PROP_RECONFIRM "%s", ok);

				if ((was = kv_get(&ws->state.workload, mk)) !=
				    NULL && reconfirm_parse(was, &more) == 0)
					bits |= more;
				free(mk);
				free(ok);
			}
			if (bits != 0) {
				const char	*names[8];
				size_t		 n = reconfirm_reason_names(bits,
				    names, nitems(names));
				struct buf	 v = { 0 };
				char		*mk = xasprintf(PROP_RECONFIRM
				    "%s", k);

				for (size_t x = 0; x < n; x++)
					buf_printf(&v, "%s%s", x > 0 ? "," : "",
					    names[x]);
				batch_put_string(b, TABLE_WORKLOAD, mk, v.s);
				buf_free(&v);
				free(mk);
			}
			free(k);
		}
	}
	free(reasons);
}

/* "Before lens upgrade: ID V1 to ID V2", or with " (2)" and on when an
 * upgrade was undone and is made again. */
static char *
upgrade_milestone(const struct workspace *ws, const struct lens *ol,
    const struct lens *nl)
{
	struct milestone	*m = NULL;
	size_t			 n = 0;
	char			*base, *name;
	bool			 taken = true;

	base = xasprintf("Before lens upgrade: %s %s to %s %s", ol->id,
	    ol->version != NULL ? ol->version : "", nl->id,
	    nl->version != NULL ? nl->version : "");
	name = xstrdup(base);
	if (history_milestones(ws->dir, &m, &n, NULL) != 0)
		return name;
	for (int k = 2; taken && k < 1000; k++) {
		taken = false;
		for (size_t i = 0; i < n && !taken; i++)
			taken = strcasecmp(m[i].name, name) == 0;
		if (taken) {
			free(name);
			name = xasprintf("%s (%d)", base, k);
		}
	}
	milestones_free(m, n);
	free(base);
	return name;
}

int
ops_lens_upgrade(struct workspace *ws, const char *spec, const char *from,
    const char *milestone, struct upgrade_report *rep, char **cause)
{
	struct store_batch	 b = { 0 };
	struct lens_diff	 d;
	struct lens_upgrade	 u;
	struct milestone	 made = { 0 };
	const struct lens	*ol;
	struct lens		*nl = NULL;
	char			*path, *data = NULL, *pinned = NULL, *name = NULL;
	char			*ids = NULL, *mname = NULL;
	size_t			 size, psize = 0;
	int			 li, r = -1;
	bool			 planned = false;

	memset(rep, 0, sizeof *rep);
	if (ws->readonly)
		return fail(cause, _("%s: opened read-only"), ws->dir);
	if ((path = lens_resolve(spec, cause)) == NULL)
		return -1;
	if ((nl = lens_load_checked(path, cause)) == NULL ||
	    read_file(path, &data, &size, cause) != 0)
		goto out;
	li = from != NULL ? workspace_lens_named(ws, from) :
	    workspace_lens(ws, nl->id);
	if (li < 0) {
		if (from != NULL)
			fail(cause, _("no lens \"%s\" in this workspace"), from);
		else
			fail(cause, _("lens \"%s\" is not in the workspace: "
			    "\"wafr lens add\" adds it; if it is a new version "
			    "of a lens whose id changed, --from ID names that "
			    "lens"), nl->id);
		goto out;
	}
	ol = ws->state.lenses[li];
	if (strcmp(ol->id, nl->id) != 0 && workspace_lens(ws, nl->id) >= 0) {
		fail(cause, _("lens \"%s\" is already in the workspace"),
		    nl->id);
		goto out;
	}
	name = lens_pinned_name(ol);
	if (store_get(ws->store, TABLE_LENSES, name, (void **)&pinned, &psize,
	    cause) < 0)
		goto out;
	if (pinned != NULL && psize == size && memcmp(pinned, data, size) ==
	    0 && strcmp(ol->id, nl->id) == 0) {
		fail(cause, _("lens \"%s\" is pinned at this version already"),
		    ol->id);
		goto out;
	}
	lens_diff(ol, nl, &d);
	lens_upgrade_plan(&d, ws->state.answers[li], &u);
	planned = true;
	/* A deleted question's roadmap item goes too: say so. */
	for (size_t i = 0; i < u.nnotes; i++) {
		struct upgrade_note *n = &u.notes[i];

		if (n->new == NULL && ws->state.roadmap[li][n->old->index] !=
		    NULL && !n->lost_answer) {
			n->lost_answer = true;
			u.nlost++;
		}
	}
	rep->from_id = xstrdup(ol->id);
	rep->from_version = xstrdup(ol->version != NULL ? ol->version : "");
	rep->to_id = xstrdup(nl->id);
	rep->to_version = xstrdup(nl->version != NULL ? nl->version : "");
	report_lines(rep, &u, ol->id, nl->id);

	/* As the AWS tool does: the review as it stands, saved first. The
	 * name is shared through git, so it is not translated. */
	mname = milestone != NULL ? xstrdup(milestone) : upgrade_milestone(ws,
	    ol, nl);
	if (ops_milestone(ws, mname, &made, cause) != 0)
		goto out;
	rep->milestone = xstrdup(made.name);
	milestone_free(&made);

	/* The milestone re-read nothing: the state is the one planned on,
	 * unless another process changed it since (then plan again). */
	ol = ws->state.lenses[li];
	upgrade_batch(ws, (size_t)li, nl, data, size, &u, &b);
	if (strcmp(ol->id, nl->id) != 0) {
		struct buf l = { 0 };

		buf_adds(&l, "");
		for (size_t i = 0; i < ws->state.nlenses; i++)
			buf_printf(&l, "%s%s", i > 0 ? " " : "", (int)i == li ?
			    nl->id : ws->state.lenses[i]->id);
		ids = buf_take(&l);
		batch_put_string(&b, TABLE_WORKLOAD, "lenses", ids);
	}
	r = commit(ws, &b, "lens-upgrade", nl->id, true, NULL, NULL, cause);
out:
	if (planned) {
		lens_upgrade_free(&d, &u);
		lens_diff_free(&d);
	}
	if (r != 0)
		upgrade_report_free(rep);
	batch_free(&b);
	lens_free(nl);
	free(mname);
	free(ids);
	free(name);
	free(pinned);
	free(data);
	free(path);
	return r;
}

/* --- Undo, redo --- */

static int
turn(struct workspace *ws, bool redo, struct journal_entry *out,
    char **cause)
{
	struct journal_entry	e;
	int			r;

	if (ws->readonly)
		return fail(cause, _("%s: opened read-only"), ws->dir);
	r = redo ? store_redo(ws->store, workspace_author(ws), &e, cause) :
	    store_undo(ws->store, workspace_author(ws), &e, cause);
	if (r != 0)
		return r;
	committed(ws, &e);
	if (out != NULL)
		*out = e;
	else
		journal_entry_free(&e);
	return 0;
}

int
ops_undo(struct workspace *ws, struct journal_entry *e, char **cause)
{
	return turn(ws, false, e, cause);
}

int
ops_redo(struct workspace *ws, struct journal_entry *e, char **cause)
{
	return turn(ws, true, e, cause);
}

/* --- The live session --- */

int
ops_cursor(struct workspace *ws, const struct qref *ref, int choice,
    char **cause)
{
	const char	*keys[] = { SESSION_CURSOR, SESSION_CHOICE }, *values[2];
	char		*key;
	int		 r;

	if (check_ref(ws, ref, cause) != 0)
		return -1;
	if (choice >= (int)ref->q->nchoices)
		return fail(cause, "%s", _("no such choice"));
	key = state_key(&ws->state, ref);
	values[0] = key;
	values[1] = choice >= 0 ? question_choices(ref->q)[choice].id : NULL;
	r = workspace_set_sessions(ws, keys, values, 2, cause);
	free(key);
	return r;
}

int
ops_lead(struct workspace *ws, bool force, char **cause)
{
	return workspace_claim_lead(ws, force, false, cause);
}

int
ops_lead_leave(struct workspace *ws, char **cause)
{
	return workspace_claim_lead(ws, false, true, cause);
}

int
ops_clock_lease(struct workspace *ws, const char *value, char **cause)
{
	return workspace_set_session(ws, SESSION_CLOCK_LIVE, value, cause);
}

int
ops_add_time(struct workspace *ws, size_t lens, const struct pillar *p,
    long seconds, char **cause)
{
	return workspace_add_time(ws, lens, p, seconds, cause);
}

/* --- Lens ids that changed --- */

/* The records kept under "PREFIX/LENS/..." (agenda, clocks) of a renamed
 * lens move to its new id. */
static void
rename_pillar_keys(struct store_batch *b, enum store_table t,
    const struct kv *kv, const struct lens_rename *r)
{
	for (size_t i = 0; i < kv->n; i++) {
		const char	*slash = strchr(kv->keys[i], '/');
		size_t		 n = strlen(r->old_id);
		char		*key;

		if (slash == NULL || strncmp(slash + 1, r->old_id, n) != 0 ||
		    slash[1 + n] != '/')
			continue;
		key = xasprintf("%.*s/%s%s", (int)(slash - kv->keys[i]),
		    kv->keys[i], r->new_id, slash + 1 + n);
		batch_put_string(b, t, key, kv->values[i]);
		batch_delete(b, t, kv->keys[i]);
		free(key);
	}
}

/* One renamed lens into the batch: its pinned copy with the new ids, and
 * every record under the old ones moved to the new. */
static int
rename_lens(struct workspace *ws, size_t i, const struct lens_rename *r,
    struct store_batch *b, char **cause)
{
	const struct state	*st = &ws->state;
	const struct lens	*l = st->lenses[i];
	struct diags		 d;
	struct lens		*copy;
	struct buf		 yaml = { 0 };
	char			*name = lens_pinned_name(l), *data, *key;
	size_t			 size;
	int			 rv;

	if ((rv = store_get(ws->store, TABLE_LENSES, name, (void **)&data,
	    &size, cause)) != 0) {
		if (rv == 1)
			fail(cause, _("%s: the pinned lens %s is missing"),
			    ws->dir, name);
		free(name);
		return -1;
	}
	diags_init(&d, name);
	copy = lens_load(data, size, l->id, &d);
	diags_free(&d);
	free(data);
	if (copy == NULL) {
		free(name);
		return fail(cause, _("%s: the pinned lens %s does not load"),
		    ws->dir, l->id);
	}
	lens_rename_apply(r, copy);
	rv = lens_emit_yaml(copy, &yaml, cause);
	lens_free(copy);
	if (rv != 0) {
		free(name);
		return -1;
	}
	batch_delete(b, TABLE_LENSES, name);
	free(name);
	name = xasprintf("%s.yaml", r->new_id);
	batch_put(b, TABLE_LENSES, name, yaml.s, yaml.len);
	free(name);
	buf_free(&yaml);
	for (size_t j = 0; j < l->npillars; j++) {
		for (size_t k = 0; k < l->pillars[j].nquestions; k++) {
			const struct question	*q = &l->pillars[j].questions[k];
			struct qref		 ref = { i, q };
			const struct answer	*a = state_answer(st, &ref);
			const struct roadmap_item *it = st->roadmap[i][q->index];
			char			*old = state_key(st, &ref);
			void			*v;

			key = xasprintf("%s/%s", r->new_id,
			    lens_rename_question(r, q->id));
			if (!answer_is_empty(a)) {
				v = answer_encode(a, &size);
				batch_put(b, TABLE_ANSWERS, key, v, size);
				batch_delete(b, TABLE_ANSWERS, old);
				free(v);
			}
			if (it != NULL) {
				v = roadmap_item_encode(it, &size);
				batch_put(b, TABLE_ROADMAP, key, v, size);
				batch_delete(b, TABLE_ROADMAP, old);
				free(v);
			}
			free(key);
			free(old);
		}
	}
	rename_pillar_keys(b, TABLE_WORKLOAD, &st->workload, r);
	rename_pillar_keys(b, TABLE_SESSION, &st->session, r);
	return 0;
}

/* A workspace made when the serverless and SaaS lenses went by AWS's
 * aliases for its own lenses, with hyphens in their question ids: give
 * it the lenses' own ids (model/rename.c), answers, roadmap, agenda and
 * clocks with them, in one journaled change that is not undone. */
static int
rename_lenses(struct workspace *ws, char **cause)
{
	struct store_batch	 b = { 0 };
	struct buf		 ids = { 0 }, what = { 0 };
	int			 r = 0;

	buf_adds(&ids, "");
	for (size_t i = 0; i < ws->state.nlenses; i++) {
		const struct lens		*l = ws->state.lenses[i];
		const struct lens_rename	*rn = lens_rename_of(l->id);
		bool				 apply;

		apply = rn != NULL && l->format == LENS_YAML &&
		    lens_rename_applies(rn, l) &&
		    workspace_lens(ws, rn->new_id) < 0;
		if (apply && rename_lens(ws, i, rn, &b, cause) != 0) {
			r = -1;
			break;
		}
		if (i > 0)
			buf_addc(&ids, ' ');
		buf_adds(&ids, apply ? rn->new_id : l->id);
		if (apply)
			buf_printf(&what, "%s%s %s", what.len > 0 ? ", " : "",
			    rn->old_id, rn->new_id);
	}
	if (r == 0 && what.len > 0) {
		batch_put_string(&b, TABLE_WORKLOAD, "lenses", ids.s);
		r = commit(ws, &b, "lens-rename", what.s, false, NULL, NULL,
		    cause);
	}
	batch_free(&b);
	buf_free(&ids);
	buf_free(&what);
	return r;
}

/* --- Scan results --- */

struct scan_reading {
	struct workspace	 *ws;
	const struct scan_map	 *map;
	const char		 *path;
	struct scan_import	 *out;
	struct scan_group	**groups;
	size_t			  ngroups;
	char			**keys;
};

#define SCAN_PROBLEMS_SHOWN 100

static const char *
base_name(const char *path)
{
	const char *slash = strrchr(path, '/');

	return slash != NULL && slash[1] != '\0' ? slash + 1 : path;
}

static struct scan_group *
reading_group(struct scan_reading *rd, const struct scan_row *row)
{
	char *key = scan_group_key(row->source, row->account, row->region);

	for (size_t i = 0; i < rd->ngroups; i++) {
		if (strcmp(rd->keys[i], key) == 0) {
			free(key);
			return rd->groups[i];
		}
	}
	rd->groups = xreallocarray(rd->groups, rd->ngroups + 1,
	    sizeof *rd->groups);
	rd->keys = xreallocarray(rd->keys, rd->ngroups + 1, sizeof *rd->keys);
	rd->keys[rd->ngroups] = key;
	return rd->groups[rd->ngroups++] = scan_group_new(row->source,
	    row->account, row->region, row->date, base_name(rd->path));
}

static int
reading_row(const struct scan_row *row, void *arg, char **cause)
{
	struct scan_reading	*rd = arg;
	struct scan_group	*g;
	struct scan_result	 r = { 0 };
	const struct question	*q;
	const struct choice	*c;
	size_t			 lens;
	char			*why;

	(void)cause;
	rd->out->rows++;
	if (scan_map_row(rd->map, row, &lens, &q, &c, &why) != 0) {
		if (rd->out->unmapped++ < SCAN_PROBLEMS_SHOWN)
			buf_printf(&rd->out->problems, "%s:%d: %s %s: %s\n",
			    rd->path, row->line, _("check"), row->check, why);
		free(why);
		return 0;
	}
	g = reading_group(rd, row);
	if (row->date != NULL && strcmp(row->date, g->date) > 0) {
		free(g->date);
		g->date = xstrdup(row->date);
	}
	r.lens = rd->ws->state.lenses[lens]->id;
	r.question = q->id;
	r.choice = c->id;
	r.check = (char *)row->check;
	r.status = row->status;
	r.count = row->count;
	r.resource = (char *)row->resource;
	r.reason = (char *)row->reason;
	scan_group_add(g, &r);
	return 0;
}

static bool
group_is_stored(const struct workspace *ws, const char *key,
    const char *text, size_t size)
{
	for (size_t i = 0; i < ws->state.scans.n; i++) {
		const struct scan_group	*g = ws->state.scans.groups[i];
		char			*k = scan_group_key(g->source,
					    g->account, g->region), *t;
		size_t			 n;
		bool			 same = false;

		if (strcmp(k, key) == 0) {
			t = scan_group_encode(g, &n);
			same = n == size && memcmp(t, text, n) == 0;
			free(t);
		}
		free(k);
		if (same)
			return true;
	}
	return false;
}

int
ops_evidence_import(struct workspace *ws, const char *path,
    enum scan_format fmt, bool dry_run, struct scan_import *out,
    char **cause)
{
	struct scan_reading	 rd = { ws, NULL, path, out, NULL, 0, NULL };
	struct store_batch	 b = { 0 };
	struct scan_map		*map;
	char			*table, *date = NULL;
	int			 r;

	memset(out, 0, sizeof *out);
	if (ws->readonly && !dry_run)
		return fail(cause, _("%s: opened read-only"), ws->dir);
	table = xasprintf("%s/evidence/renames.tsv", wafr_datadir());
	r = scan_map_load(table, ws->state.lenses, ws->state.nlenses, &map,
	    cause);
	free(table);
	if (r != 0)
		return -1;
	rd.map = map;
	out->format = fmt;
	r = scan_read(path, &out->format, reading_row, &rd, &date, cause);
	scan_map_free(map);
	for (size_t i = 0; i < rd.ngroups; i++) {
		struct scan_group	*g = rd.groups[i];
		char			*text;
		size_t			 size;

		scan_group_finish(g);
		if (*g->date == '\0' && date != NULL) {
			free(g->date);
			g->date = xstrdup(date);
		}
		out->kept += g->n;
		if (r == 0) {
			text = scan_group_encode(g, &size);
			if (!group_is_stored(ws, rd.keys[i], text, size))
				batch_put(&b, TABLE_SCANS, rd.keys[i], text,
				    size);
			free(text);
		}
		scan_group_free(g);
		free(rd.keys[i]);
	}
	out->scans = rd.ngroups;
	free(date);
	free(rd.groups);
	free(rd.keys);
	if (out->unmapped > SCAN_PROBLEMS_SHOWN)
		buf_printf(&out->problems, ngettext("%s: %zu more row maps to "
		    "no practice\n", "%s: %zu more rows map to no practice\n",
		    out->unmapped - SCAN_PROBLEMS_SHOWN), path,
		    out->unmapped - SCAN_PROBLEMS_SHOWN);
	if (r != 0 || dry_run || b.n == 0) {
		batch_free(&b);
		return r;
	}
	r = commit(ws, &b, "scan-import", base_name(path), true, NULL,
	    &out->seq, cause);
	out->changed = r == 0 && out->seq != 0;
	return r;
}
