/* workspace.c: opening a workspace, reading its state, applying changes. */
#include "config.h"

#include <dirent.h>
#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "diag.h"
#include "history.h"
#include "lens-load.h"
#include "snapshot.h"
#include "util.h"
#include "workspace.h"

#define DEFAULT_LENS "wellarchitected"
#define STALE_KEY "files-behind"	/* session: snapshot files need a rewrite */

static int catch_up_files(struct workspace *, char **);

const char *
kv_get(const struct kv *kv, const char *key)
{
	for (size_t i = 0; i < kv->n; i++) {
		if (strcmp(kv->keys[i], key) == 0)
			return kv->values[i];
	}
	return NULL;
}

void
kv_set(struct kv *kv, const char *key, const char *value)
{
	for (size_t i = 0; i < kv->n; i++) {
		if (strcmp(kv->keys[i], key) == 0) {
			free(kv->values[i]);
			kv->values[i] = xstrdup(value);
			return;
		}
	}
	kv->keys = xreallocarray(kv->keys, kv->n + 1, sizeof *kv->keys);
	kv->values = xreallocarray(kv->values, kv->n + 1, sizeof *kv->values);
	kv->keys[kv->n] = xstrdup(key);
	kv->values[kv->n] = xstrdup(value);
	kv->n++;
}

void
kv_free(struct kv *kv)
{
	for (size_t i = 0; i < kv->n; i++) {
		free(kv->keys[i]);
		free(kv->values[i]);
	}
	free(kv->keys);
	free(kv->values);
	*kv = (struct kv){ 0 };
}

const char *
wafr_datadir(void)
{
	static char	 dir[PATH_MAX];
	char		 exe[PATH_MAX], *slash, *probe;
	const char	*env;
	ssize_t		 n;

	if (*dir != '\0')
		return dir;
	if ((env = getenv("WAFR_DATADIR")) != NULL && *env != '\0') {
		snprintf(dir, sizeof dir, "%s", env);
		return dir;
	}
	/* Run from the build tree: src/wafr next to data/. */
	n = readlink("/proc/self/exe", exe, sizeof exe - 1);
	if (n > 0) {
		exe[n] = '\0';
		if ((slash = strrchr(exe, '/')) != NULL) {
			*slash = '\0';
			probe = xasprintf("%s/../data/lenses/%s.yaml", exe,
			    DEFAULT_LENS);
			if (access(probe, R_OK) == 0 &&
			    strlen(exe) + 8 < sizeof dir) {
				memcpy(dir, exe, strlen(exe));
				memcpy(dir + strlen(exe), "/../data", 9);
				free(probe);
				return dir;
			}
			free(probe);
		}
	}
	snprintf(dir, sizeof dir, "%s", PKGDATADIR);
	return dir;
}

char *
lens_resolve(const char *spec, char **cause)
{
	char *path;

	if (strchr(spec, '/') != NULL || str_ends_with(spec, ".yaml") ||
	    str_ends_with(spec, ".yml") || str_ends_with(spec, ".json")) {
		if (access(spec, R_OK) != 0)
			return fail(cause, "%s: %s", spec, strerror(errno)),
			    NULL;
		return xstrdup(spec);
	}
	path = xasprintf("%s/lenses/%s.yaml", wafr_datadir(), spec);
	if (access(path, R_OK) == 0)
		return path;
	free(path);
	fail(cause, _("no lens \"%s\": not a bundled lens (see \"wafr lens "
	    "list\") nor a file"), spec);
	return NULL;
}

static bool
exists(const char *path)
{
	struct stat sb;

	return stat(path, &sb) == 0;
}

/* The pinned file of a lens: lenses/<id>.yaml or lenses/<id>.json. */
static char *
pinned_path(const char *dir, const char *id, char **cause)
{
	char *p = xasprintf("%s/lenses/%s.yaml", dir, id);

	if (exists(p))
		return p;
	free(p);
	p = xasprintf("%s/lenses/%s.json", dir, id);
	if (exists(p))
		return p;
	free(p);
	fail(cause, _("%s: lens \"%s\" is not pinned in lenses/"), dir, id);
	return NULL;
}

static struct lens *
load_checked(const char *path, char **cause)
{
	struct diags	 d;
	struct lens	*l;

	diags_init(&d, path);
	if ((l = lens_load_file(path, &d)) == NULL)
		*cause = diags_first_error(&d);
	diags_free(&d);
	return l;
}

static int
remove_tree(const char *path)
{
	struct stat	 sb;
	DIR		*d;
	struct dirent	*e;

	if (lstat(path, &sb) != 0)
		return -1;
	if (!S_ISDIR(sb.st_mode))
		return unlink(path);
	if ((d = opendir(path)) == NULL)
		return -1;
	while ((e = readdir(d)) != NULL) {
		char *sub;

		if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
			continue;
		sub = path_join(path, e->d_name);
		remove_tree(sub);
		free(sub);
	}
	closedir(d);
	return rmdir(path);
}

static bool
dir_is_empty(const char *path)
{
	DIR		*d;
	struct dirent	*e;
	bool		 empty = true;

	if ((d = opendir(path)) == NULL)
		return false;
	while ((e = readdir(d)) != NULL) {
		if (strcmp(e->d_name, ".") != 0 && strcmp(e->d_name, "..") != 0)
			empty = false;
	}
	closedir(d);
	return empty;
}

int
workspace_create(const char *dir, const struct init_options *o, char **cause)
{
	const char	 *def[] = { DEFAULT_LENS };
	const char	**specs = o->nlenses > 0 ? o->lenses : def;
	size_t		  n = o->nlenses > 0 ? o->nlenses : 1;
	struct lens	**lenses = xcalloc(n, sizeof *lenses);
	char		**paths = xcalloc(n, sizeof *paths);
	struct workspace *ws = NULL;
	struct store	 *st = NULL;
	struct store_batch b = { 0 };
	struct buf	  ids = { 0 };
	bool		  made = false;
	char		 *p, *name = NULL;
	int		  ret = -1;

	if (o->environment != NULL && strcmp(o->environment, "production") != 0
	    && strcmp(o->environment, "preproduction") != 0) {
		fail(cause, _("environment must be production or "
		    "preproduction, not \"%s\""), o->environment);
		goto out;
	}
	/* Everything that can be checked is checked before DIR is touched. */
	if (exists(dir) && !dir_is_empty(dir)) {
		p = path_join(dir, ".wafr");
		if (exists(p))
			fail(cause, _("%s: already a wafr workspace"), dir);
		else
			fail(cause, _("%s: exists and is not empty"), dir);
		free(p);
		goto out;
	}
	for (size_t i = 0; i < n; i++) {
		if ((paths[i] = lens_resolve(specs[i], cause)) == NULL ||
		    (lenses[i] = load_checked(paths[i], cause)) == NULL)
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

	if (!exists(dir)) {
		if (mkdir_p(dir, 0777, cause) != 0)
			goto out;
		made = true;
	}
	p = path_join(dir, "lenses");
	if (mkdir(p, 0777) != 0) {
		fail(cause, "%s: %s", p, strerror(errno));
		free(p);
		goto undo;
	}
	free(p);
	for (size_t i = 0; i < n; i++) {
		char	*data, *dst;
		size_t	 size;
		int	 r;

		if (read_file(paths[i], &data, &size, cause) != 0)
			goto undo;
		dst = xasprintf("%s/lenses/%s.%s", dir, lenses[i]->id,
		    lenses[i]->format == LENS_AWS_JSON ? "json" : "yaml");
		r = write_file_atomic(dst, data, size, cause);
		free(dst);
		free(data);
		if (r != 0)
			goto undo;
	}

	p = path_join(dir, ".wafr");
	ret = store_open(p, STORE_CREATE, &st, cause);
	free(p);
	if (ret != 0)
		goto undo;
	ret = -1;
	if (o->name != NULL)
		name = xstrdup(o->name);
	else {
		char *abs = realpath(dir, NULL), *slash;

		slash = abs != NULL ? strrchr(abs, '/') : NULL;
		name = xstrdup(slash != NULL && slash[1] != '\0' ? slash + 1 :
		    dir);
		free(abs);
	}
	batch_put_string(&b, TABLE_WORKLOAD, "name", name);
	batch_put_string(&b, TABLE_WORKLOAD, "environment",
	    o->environment != NULL ? o->environment : "production");
	batch_put_string(&b, TABLE_WORKLOAD, "lenses", ids.s);
	if (store_apply(st, &b, cause) != 0)
		goto undo;
	store_close(st);
	st = NULL;

	if (workspace_open(dir, WS_NO_REBUILD, &ws, cause) != 0)
		goto undo;
	if (snapshot_write_all(ws, cause) != 0 ||
	    history_init(ws, cause) != 0)
		goto undo;
	ret = 0;
	goto out;
undo:
	/* Nothing half-made is left behind. */
	store_close(st);
	st = NULL;
	workspace_close(ws);
	ws = NULL;
	if (made)
		remove_tree(dir);
	else {
		DIR		*d = opendir(dir);
		struct dirent	*e;

		while (d != NULL && (e = readdir(d)) != NULL) {
			if (strcmp(e->d_name, ".") == 0 ||
			    strcmp(e->d_name, "..") == 0)
				continue;
			p = path_join(dir, e->d_name);
			remove_tree(p);
			free(p);
		}
		if (d != NULL)
			closedir(d);
	}
out:
	workspace_close(ws);
	store_close(st);
	batch_free(&b);
	buf_free(&ids);
	free(name);
	for (size_t i = 0; i < n; i++) {
		lens_free(lenses[i]);
		free(paths[i]);
	}
	free(lenses);
	free(paths);
	return ret;
}

static void
clear_state(struct workspace *ws)
{
	for (size_t i = 0; i < ws->nlenses; i++) {
		for (size_t j = 0; j < ws->lenses[i]->nquestions; j++) {
			answer_free(&ws->answers[i][j]);
			roadmap_item_free(ws->roadmap[i][j]);
			ws->roadmap[i][j] = NULL;
		}
	}
	kv_free(&ws->workload);
	kv_free(&ws->session);
}

/* "lens/question" to the lens index and question; -1 if unknown. */
static int
split_key(const struct workspace *ws, const char *key, struct qref *ref)
{
	const char *slash = strchr(key, '/');

	if (slash == NULL)
		return -1;
	for (size_t i = 0; i < ws->nlenses; i++) {
		const struct lens *l = ws->lenses[i];

		if (strlen(l->id) == (size_t)(slash - key) &&
		    strncmp(l->id, key, (size_t)(slash - key)) == 0) {
			ref->lens = i;
			ref->q = lens_question(l, slash + 1);
			return ref->q != NULL ? 0 : -1;
		}
	}
	return -1;
}

static int
read_record(enum store_table t, const char *key, const void *value,
    size_t size, void *arg)
{
	struct workspace	*ws = arg;
	struct qref		 ref;
	char			*s;

	switch (t) {
	case TABLE_WORKLOAD:
	case TABLE_SESSION:
		s = xstrndup(value, size);
		kv_set(t == TABLE_WORKLOAD ? &ws->workload : &ws->session, key,
		    s);
		free(s);
		break;
	case TABLE_ANSWERS:
		/* An answer to a question the lens lacks is kept in the store
		 * but not shown (a lens may come back). */
		if (split_key(ws, key, &ref) == 0) {
			struct answer *a = &ws->answers[ref.lens][ref.q->index];

			answer_free(a);
			if (answer_decode(value, size, a) != 0)
				answer_init(a);
		}
		break;
	case TABLE_ROADMAP:
		if (split_key(ws, key, &ref) == 0) {
			roadmap_item_free(ws->roadmap[ref.lens][ref.q->index]);
			ws->roadmap[ref.lens][ref.q->index] =
			    roadmap_item_decode(value, size);
		}
		break;
	default:
		break;
	}
	return 0;
}

static int
read_state(struct workspace *ws, char **cause)
{
	uint64_t gen = store_generation(ws->store);

	clear_state(ws);
	if (store_walk(ws->store, read_record, ws, cause) != 0)
		return -1;
	ws->generation = gen;
	return 0;
}

void
workspace_add_lens(struct workspace *ws, struct lens *l, const char *id)
{
	free(l->id);	/* the workspace's name for it wins */
	l->id = xstrdup(id);
	ws->lenses = xreallocarray(ws->lenses, ws->nlenses + 1,
	    sizeof *ws->lenses);
	ws->answers = xreallocarray(ws->answers, ws->nlenses + 1,
	    sizeof *ws->answers);
	ws->roadmap = xreallocarray(ws->roadmap, ws->nlenses + 1,
	    sizeof *ws->roadmap);
	ws->lenses[ws->nlenses] = l;
	ws->answers[ws->nlenses] = xcalloc(l->nquestions, sizeof **ws->answers);
	ws->roadmap[ws->nlenses] = xcalloc(l->nquestions, sizeof **ws->roadmap);
	ws->nlenses++;
}

static int
load_lenses(struct workspace *ws, const char *ids, char **cause)
{
	char *list = xstrdup(ids), *save = NULL;

	for (char *id = strtok_r(list, " ", &save); id != NULL;
	    id = strtok_r(NULL, " ", &save)) {
		char		*path;
		struct lens	*l;

		if ((path = pinned_path(ws->dir, id, cause)) == NULL)
			goto fail;
		l = load_checked(path, cause);
		free(path);
		if (l == NULL)
			goto fail;
		workspace_add_lens(ws, l, id);
	}
	free(list);
	if (ws->nlenses == 0)
		return fail(cause, _("%s: the workspace names no lens"),
		    ws->dir);
	return 0;
fail:
	free(list);
	return -1;
}

/* Rebuild the store from the files: a fresh clone, or "wafr sync". */
static int
rebuild(struct workspace *ws, char **cause)
{
	struct store_batch	b = { 0 };
	int			ret = -1;

	for (size_t i = 0; i < ws->workload.n; i++)
		batch_put_string(&b, TABLE_WORKLOAD, ws->workload.keys[i],
		    ws->workload.values[i]);
	if (snapshot_read_answers(ws, &b, cause) == 0)
		ret = store_replace(ws->store, &b, cause);
	batch_free(&b);
	return ret;
}

int
workspace_open(const char *dir, int flags, struct workspace **out,
    char **cause)
{
	struct workspace	*ws;
	char			*path;
	const char		*ids;
	bool			 fresh;
	int			 sflags = 0;
	char			*msg = NULL;

	*out = NULL;
	if (!exists(dir))
		return fail(cause, _("%s: no such workspace"), dir);
	path = path_join(dir, ".wafr");
	fresh = !exists(path);
	if (fresh) {
		char *wl = path_join(dir, "workload.yaml");
		bool  has = exists(wl);

		free(wl);
		if (!has || (flags & WS_NO_REBUILD)) {
			free(path);
			return fail(cause, _("%s: not a wafr workspace (no "
			    ".wafr/ and no workload.yaml)"), dir);
		}
		sflags = STORE_CREATE;
	} else if (flags & WS_READONLY)
		sflags = STORE_READONLY;

	ws = xcalloc(1, sizeof *ws);
	ws->dir = xstrdup(dir);
	ws->readonly = (flags & WS_READONLY) != 0;
	if (fresh) {
		/* Check the files before creating anything. */
		if (snapshot_read_workload(dir, &ws->workload, cause) != 0)
			goto fail;
		ids = kv_get(&ws->workload, "lenses");
		if (load_lenses(ws, ids != NULL ? ids : "", cause) != 0)
			goto fail;
	}
	if (store_open(path, sflags, &ws->store, cause) != 0)
		goto fail;
	free(path);
	path = NULL;
	if (fresh && rebuild(ws, cause) != 0) {
		char *wafr = path_join(dir, ".wafr");

		store_close(ws->store);
		ws->store = NULL;
		remove_tree(wafr);
		free(wafr);
		goto fail;
	}
	if (!fresh) {
		void	*v;
		size_t	 n;
		int	 r;

		r = store_get(ws->store, TABLE_WORKLOAD, "lenses", &v, &n, cause);
		if (r < 0)
			goto fail;
		if (r == 1) {
			fail(cause, _("%s: the workspace names no lens"), dir);
			goto fail;
		}
		r = load_lenses(ws, v, cause);
		free(v);
		if (r != 0)
			goto fail;
	}
	if (read_state(ws, cause) != 0)
		goto fail;
	if (catch_up_files(ws, &msg) != 0)
		ws->warning = msg;	/* still behind: say so, lose nothing */
	*out = ws;
	return 0;
fail:
	free(path);
	workspace_close(ws);
	return -1;
}

void
workspace_close(struct workspace *ws)
{
	if (ws == NULL)
		return;
	clear_state(ws);
	for (size_t i = 0; i < ws->nlenses; i++) {
		free(ws->answers[i]);
		free(ws->roadmap[i]);
		lens_free(ws->lenses[i]);
	}
	free(ws->answers);
	free(ws->roadmap);
	free(ws->lenses);
	store_close(ws->store);
	workspace_close(ws->baseline);
	free(ws->warning);
	free(ws->dir);
	free(ws);
}

int
workspace_refresh(struct workspace *ws, char **cause)
{
	if (store_generation(ws->store) == ws->generation)
		return 0;
	if (read_state(ws, cause) != 0)
		return -1;
	return 1;
}

int
workspace_sync(struct workspace *ws, char **cause)
{
	struct kv	props = { 0 };
	const char	*ids, *now;
	char		*why = NULL;

	if (catch_up_files(ws, &why) != 0) {
		fail(cause, _("%s: the files are behind the live state and "
		    "cannot be rewritten (%s), so they are not read back"),
		    ws->dir, why);
		free(why);
		return -1;
	}
	if (snapshot_read_workload(ws->dir, &props, cause) != 0)
		return -1;
	ids = kv_get(&props, "lenses");
	now = kv_get(&ws->workload, "lenses");
	if (!streq(ids, now)) {
		kv_free(&props);
		return fail(cause, _("%s: workload.yaml names other lenses "
		    "(%s) than the workspace (%s)"), ws->dir,
		    ids != NULL ? ids : "", now != NULL ? now : "");
	}
	kv_free(&ws->workload);
	ws->workload = props;
	if (rebuild(ws, cause) != 0) {
		read_state(ws, NULL);
		return -1;
	}
	if (read_state(ws, cause) != 0)
		return -1;
	return snapshot_write_all(ws, cause);
}

int
workspace_find(const struct workspace *ws, const char *spec, struct qref *ref,
    char **cause)
{
	const char	*slash = strchr(spec, '/');
	int		 found = 0;

	if (slash != NULL) {
		if (split_key(ws, spec, ref) == 0)
			return 0;
		return fail(cause, _("no question \"%s\" in this workspace"),
		    spec);
	}
	for (size_t i = 0; i < ws->nlenses; i++) {
		const struct question *q = lens_question(ws->lenses[i], spec);

		if (q == NULL)
			continue;
		if (found++ == 0) {
			ref->lens = i;
			ref->q = q;
		}
	}
	if (found == 1)
		return 0;
	if (found > 1)
		return fail(cause, _("question \"%s\" is in several lenses: "
		    "write LENS/%s"), spec, spec);
	return fail(cause, _("no question \"%s\" in this workspace"), spec);
}

const struct answer *
workspace_answer(const struct workspace *ws, const struct qref *ref)
{
	return &ws->answers[ref->lens][ref->q->index];
}

enum risk
workspace_risk(const struct workspace *ws, const struct qref *ref)
{
	return question_risk(ref->q, workspace_answer(ws, ref));
}

void
workspace_tally_pillar(const struct workspace *ws, size_t lens,
    const struct pillar *p, struct tally *t)
{
	*t = (struct tally){ 0 };
	for (size_t i = 0; i < p->nquestions; i++) {
		const struct question *q = &p->questions[i];

		tally_add(t, question_risk(q, &ws->answers[lens][q->index]));
	}
}

void
workspace_tally(const struct workspace *ws, int lens, struct tally *t)
{
	*t = (struct tally){ 0 };
	for (size_t i = 0; i < ws->nlenses; i++) {
		const struct lens *l = ws->lenses[i];

		if (lens >= 0 && (size_t)lens != i)
			continue;
		for (size_t j = 0; j < l->npillars; j++) {
			struct tally pt;

			workspace_tally_pillar(ws, i, &l->pillars[j], &pt);
			tally_sum(t, &pt);
		}
	}
}

const char *
workspace_prop(const struct workspace *ws, const char *key)
{
	return kv_get(&ws->workload, key);
}

static char *
answer_key(const struct workspace *ws, const struct qref *ref)
{
	return xasprintf("%s/%s", ws->lenses[ref->lens]->id, ref->q->id);
}

/* The files follow the store. When they cannot be written (a full disk)
 * the change is still durable: the problem is kept to be shown, and the
 * store remembers that the files are behind, so that they are rewritten at
 * the next chance and "wafr sync" never reads stale files over the store. */
static void
note_warning(struct workspace *ws, char *msg)
{
	struct store_batch b = { 0 };

	free(ws->warning);
	ws->warning = xasprintf(_("%s (the change is saved; the files will "
	    "be rewritten)"), msg);
	free(msg);
	batch_put_string(&b, TABLE_SESSION, STALE_KEY, "1");
	if (store_apply(ws->store, &b, NULL) == 0)
		kv_set(&ws->session, STALE_KEY, "1");
	batch_free(&b);
}

/* Rewrite every file if an earlier write of them failed. */
static int
catch_up_files(struct workspace *ws, char **cause)
{
	struct store_batch b = { 0 };
	int ret;

	if (ws->readonly || kv_get(&ws->session, STALE_KEY) == NULL)
		return 0;
	if (snapshot_write_all(ws, cause) != 0)
		return -1;
	batch_delete(&b, TABLE_SESSION, STALE_KEY);
	ret = store_apply(ws->store, &b, cause);
	batch_free(&b);
	return ret;
}

/* After a write of our own, the state in memory is the store's only if
 * nobody else wrote since we read it; otherwise leave the generation
 * behind so the next refresh reads what the other process wrote. */
static void
own_write(struct workspace *ws)
{
	if (store_generation(ws->store) == ws->generation + 1)
		ws->generation++;
}

static int
commit(struct workspace *ws, struct store_batch *b, char **cause)
{
	int ret;

	if (ws->readonly) {
		batch_free(b);
		return fail(cause, _("%s: opened read-only"), ws->dir);
	}
	ret = store_apply(ws->store, b, cause);
	batch_free(b);
	/* Adopt the new generation only if no other process wrote since the
	 * last read; otherwise the next refresh must read their change. */
	if (ret == 0 && store_generation(ws->store) == ws->generation + 1)
		ws->generation++;
	return ret;
}

static int
set_answer(struct workspace *ws, const struct qref *ref,
    const struct answer *a, bool guarded, char **cause)
{
	struct store_batch	 b = { 0 };
	struct answer		*cur = &ws->answers[ref->lens][ref->q->index];
	char			*key = answer_key(ws, ref), *msg = NULL;
	void			*data, *was = NULL;
	size_t			 size, wsize = 0;
	int			 r;

	if (answer_is_empty(a))
		batch_delete(&b, TABLE_ANSWERS, key);
	else {
		data = answer_encode(a, &size);
		batch_put(&b, TABLE_ANSWERS, key, data, size);
		free(data);
	}
	if (!guarded) {
		free(key);
		if (commit(ws, &b, cause) != 0)
			return -1;
	} else if (ws->readonly) {
		free(key);
		return commit(ws, &b, cause);
	} else {
		if (!answer_is_empty(cur))
			was = answer_encode(cur, &wsize);
		r = store_apply_if(ws->store, &b, TABLE_ANSWERS, key, was,
		    wsize, cause);
		batch_free(&b);
		free(was);
		free(key);
		if (r != 0)
			return r;
		own_write(ws);
	}
	if (cur != a) {
		answer_free(cur);
		answer_copy(cur, a);
	}
	if (snapshot_write_question(ws, ref, &msg) != 0)
		note_warning(ws, msg);
	return 0;
}

int
workspace_set_answer(struct workspace *ws, const struct qref *ref,
    const struct answer *a, char **cause)
{
	return set_answer(ws, ref, a, false, cause);
}

int
workspace_set_answer_if(struct workspace *ws, const struct qref *ref,
    const struct answer *a, char **cause)
{
	return set_answer(ws, ref, a, true, cause);
}

int
workspace_set_prop(struct workspace *ws, const char *key, const char *value,
    char **cause)
{
	struct store_batch	b = { 0 };
	char			*msg = NULL;

	if (value == NULL || *value == '\0')
		batch_delete(&b, TABLE_WORKLOAD, key);
	else
		batch_put_string(&b, TABLE_WORKLOAD, key, value);
	if (commit(ws, &b, cause) != 0)
		return -1;
	kv_set(&ws->workload, key, value != NULL ? value : "");
	if (value == NULL || *value == '\0') {
		/* Drop it from memory too. */
		struct kv rest = { 0 };

		for (size_t i = 0; i < ws->workload.n; i++) {
			if (strcmp(ws->workload.keys[i], key) != 0)
				kv_set(&rest, ws->workload.keys[i],
				    ws->workload.values[i]);
		}
		kv_free(&ws->workload);
		ws->workload = rest;
	}
	if (snapshot_write_workload(ws, &msg) != 0)
		note_warning(ws, msg);
	return 0;
}

int
workspace_set_session(struct workspace *ws, const char *key,
    const char *value, char **cause)
{
	struct store_batch b = { 0 };

	batch_put_string(&b, TABLE_SESSION, key, value);
	if (commit(ws, &b, cause) != 0)
		return -1;
	kv_set(&ws->session, key, value);
	return 0;
}

int
workspace_set_roadmap(struct workspace *ws, const struct qref *ref,
    const struct roadmap_item *it, char **cause)
{
	struct store_batch	  b = { 0 };
	struct roadmap_item	**cur = &ws->roadmap[ref->lens][ref->q->index];
	char			 *key = answer_key(ws, ref), *msg = NULL;
	void			 *data;
	size_t			  size;

	if (it == NULL)
		batch_delete(&b, TABLE_ROADMAP, key);
	else {
		data = roadmap_item_encode(it, &size);
		batch_put(&b, TABLE_ROADMAP, key, data, size);
		free(data);
	}
	free(key);
	if (commit(ws, &b, cause) != 0)
		return -1;
	if (*cur != it) {
		roadmap_item_free(*cur);
		*cur = it != NULL ? roadmap_item_dup(it) : NULL;
	}
	if (snapshot_write_question(ws, ref, &msg) != 0)
		note_warning(ws, msg);
	return 0;
}

/* "security", "SEC", or "wellarchitected/security". */
const struct pillar *
workspace_find_pillar(const struct workspace *ws, const char *spec,
    size_t *lens, char **cause)
{
	const char		*slash = strchr(spec, '/'), *name = spec;
	const struct pillar	*found = NULL;
	int			 n = 0;

	if (slash != NULL)
		name = slash + 1;
	for (size_t i = 0; i < ws->nlenses; i++) {
		const struct lens *l = ws->lenses[i];

		if (slash != NULL && (strlen(l->id) != (size_t)(slash - spec) ||
		    strncmp(l->id, spec, (size_t)(slash - spec)) != 0))
			continue;
		for (size_t j = 0; j < l->npillars; j++) {
			const struct pillar *p = &l->pillars[j];

			if (strcmp(p->id, name) != 0 && !streq(p->code, name))
				continue;
			if (n++ == 0) {
				found = p;
				*lens = i;
			}
		}
	}
	if (n == 1)
		return found;
	if (n > 1)
		fail(cause, _("pillar \"%s\" is in several lenses: write "
		    "LENS/%s"), spec, spec);
	else
		fail(cause, _("no pillar \"%s\" in this workspace"), spec);
	return NULL;
}

static char *
pillar_key(const struct workspace *ws, const char *prefix, size_t lens,
    const struct pillar *p)
{
	return xasprintf("%s/%s/%s", prefix, ws->lenses[lens]->id, p->id);
}

/* A number kept per pillar under "PREFIX/LENS/PILLAR"; 0 when unset. */
static long
pillar_number(const struct workspace *ws, const struct kv *kv,
    const char *prefix, size_t lens, const struct pillar *p)
{
	char		*key = pillar_key(ws, prefix, lens, p);
	const char	*v = kv_get(kv, key);

	free(key);
	return v != NULL ? strtol(v, NULL, 10) : 0;
}

long
workspace_agenda(const struct workspace *ws, size_t lens,
    const struct pillar *p)
{
	return pillar_number(ws, &ws->workload, "agenda", lens, p);
}

int
workspace_set_agenda(struct workspace *ws, size_t lens, const struct pillar *p,
    long minutes, char **cause)
{
	char	*key = pillar_key(ws, "agenda", lens, p), value[32];
	int	 ret;

	snprintf(value, sizeof value, "%ld", minutes);
	ret = workspace_set_prop(ws, key, minutes > 0 ? value : NULL, cause);
	free(key);
	return ret;
}

long
workspace_time_spent(const struct workspace *ws, size_t lens,
    const struct pillar *p)
{
	return pillar_number(ws, &ws->session, "clock", lens, p);
}

int
workspace_add_time(struct workspace *ws, size_t lens, const struct pillar *p,
    long seconds, char **cause)
{
	char	*key = pillar_key(ws, "clock", lens, p), value[32];
	long	 now;
	int	 ret;

	if (ws->readonly)
		ret = fail(cause, _("%s: opened read-only"), ws->dir);
	else
		ret = store_add(ws->store, TABLE_SESSION, key, seconds, &now,
		    cause);
	if (ret == 0) {
		snprintf(value, sizeof value, "%ld", now);
		kv_set(&ws->session, key, value);
		own_write(ws);
	}
	free(key);
	return ret;
}
