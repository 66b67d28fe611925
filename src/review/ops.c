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
#include <unistd.h>

#include "base/util.h"
#include "files/snapshot.h"
#include "model/plan.h"
#include "review/ops.h"
#include "review/persist.h"

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

/* A batch and its journal entry, in one transaction: 0, 1 the guard did
 * not hold (nothing written), -1. */
static int
commit(struct workspace *ws, struct store_batch *b, const char *op,
    const char *target, bool undoable, const struct store_guard *g,
    uint64_t *seq, char **cause)
{
	struct store_journal	j = { op, target, workspace_author(ws),
				    undoable };
	struct journal_entry	e;
	int			r;

	if (ws->readonly)
		r = fail(cause, _("%s: opened read-only"), ws->dir);
	else
		r = store_commit(ws->store, b, &j, g, &e, cause);
	batch_free(b);
	if (r != 0)
		return r;
	committed(ws, &e);
	if (seq != NULL)
		*seq = e.seq;
	journal_entry_free(&e);
	return 0;
}

/* --- Opening, creating and syncing --- */

int
ops_open(const char *dir, int flags, struct workspace **out, char **cause)
{
	char *msg = NULL;

	if (workspace_open(dir, flags, out, cause) != 0)
		return -1;
	if (persist_catch_up(*out, &msg) != 0)
		(*out)->warning = msg;	/* still behind: say so, lose nothing */
	return 0;
}

/* Everything in DIR, but DIR itself. */
static void
empty_dir(const char *dir)
{
	DIR		*d = opendir(dir);
	struct dirent	*e;

	while (d != NULL && (e = readdir(d)) != NULL) {
		char *p;

		if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
			continue;
		p = path_join(dir, e->d_name);
		remove_tree(p);
		free(p);
	}
	if (d != NULL)
		closedir(d);
}

int
ops_create(const char *dir, const struct init_options *o, char **cause)
{
	const char	 *def[] = { DEFAULT_LENS };
	const char	**specs = o->nlenses > 0 ? o->lenses : def;
	size_t		  n = o->nlenses > 0 ? o->nlenses : 1;
	struct lens	**lenses = xcalloc(n, sizeof *lenses);
	char		**paths = xcalloc(n, sizeof *paths);
	struct workspace *ws = NULL;
	struct store	 *st = NULL;
	struct store_batch b = { 0 };
	struct store_journal jn = { "init", NULL, NULL, false };
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
		    (lenses[i] = lens_load_checked(paths[i], cause)) == NULL)
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

	if (access(dir, F_OK) != 0) {
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
		char	*data, *file, *dst;
		size_t	 size;
		int	 r;

		if (read_file(paths[i], &data, &size, cause) != 0)
			goto undo;
		file = lens_pinned_name(lenses[i]);
		dst = xasprintf("%s/lenses/%s", dir, file);
		r = write_file_atomic(dst, data, size, cause);
		batch_put(&b, TABLE_LENSES, file, data, size);
		free(dst);
		free(file);
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
	jn.author = workspace_author_of(dir);
	if (store_commit(st, &b, &jn, NULL, NULL, cause) != 0)
		goto undo;
	store_close(st);
	st = NULL;

	if (workspace_open(dir, WS_NO_REBUILD, &ws, cause) != 0)
		goto undo;
	if (persist_all(ws, cause) != 0 ||
	    history_init(dir, &ws->state, cause) != 0)
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
	else
		empty_dir(dir);
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

int
ops_sync(struct workspace *ws, char **cause)
{
	struct store_batch	 b = { 0 };
	struct store_journal	 j = { "sync", NULL, workspace_author(ws), true };
	struct journal_entry	 e;
	struct kv		 props = { 0 };
	const char		*ids, *now;
	char			*why = NULL;
	int			 r;

	if (ws->readonly)
		return fail(cause, _("%s: opened read-only"), ws->dir);
	if (persist_catch_up(ws, &why) != 0) {
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

int
ops_answer(struct workspace *ws, const struct qref *ref,
    const struct edit *edits, size_t n, bool guarded, struct ops_result *res,
    char **cause)
{
	const struct answer	*cur;
	struct ops_result	 dummy;
	struct store_batch	 b = { 0 };
	struct store_guard	 g;
	struct edit_result	 er;
	struct answer		 a;
	const char		*op = NULL;
	char			*key;
	void			*was = NULL;
	size_t			 wsize = 0;
	int			 r;

	if (res == NULL)
		res = &dummy;
	*res = (struct ops_result){ 0 };
	if (check_ref(ws, ref, cause) != 0)
		return -1;
	cur = state_answer(&ws->state, ref);
	answer_copy(&a, cur);
	for (size_t i = 0; i < n; i++) {
		if (edit_apply(ref->q, &a, &edits[i], &er, cause) != 0) {
			answer_free(&a);
			return -1;
		}
		res->did = er.did;
		res->cleared += er.cleared;
		op = op == NULL || streq(op, edit_name(er.did)) ?
		    edit_name(er.did) : "answer";
	}
	if (op == NULL || answer_equal(&a, cur)) {
		answer_free(&a);
		return 0;	/* so already */
	}
	key = state_key(&ws->state, ref);
	put_answer(&b, key, &a);
	answer_free(&a);
	if (guarded && !answer_is_empty(cur))
		was = answer_encode(cur, &wsize);
	g = (struct store_guard){ TABLE_ANSWERS, key, was, wsize };
	r = commit(ws, &b, op, key, true, guarded ? &g : NULL, &res->seq,
	    cause);
	res->changed = r == 0;
	free(was);
	free(key);
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

int
ops_roadmap(struct workspace *ws, const struct qref *ref,
    const struct roadmap_item *it, char **cause)
{
	const struct roadmap_item	*cur;
	struct store_batch		 b = { 0 };
	enum risk			 risk;
	char				*key;
	void				*data;
	size_t				 size;
	int				 r;

	if (check_ref(ws, ref, cause) != 0)
		return -1;
	risk = state_risk(&ws->state, ref);
	cur = ws->state.roadmap[ref->lens][ref->q->index];
	if (it == NULL && cur == NULL)
		return fail(cause, _("%s/%s is not on the roadmap"),
		    ws->state.lenses[ref->lens]->id, ref->q->id);
	if (it != NULL && cur == NULL && risk != RISK_HIGH &&
	    risk != RISK_MEDIUM)
		return fail(cause, _("%s/%s is not a finding: its risk is %s"),
		    ws->state.lenses[ref->lens]->id, ref->q->id,
		    risk_name(risk));
	if (it != NULL) {
		if (check_text(it->owner, _("owner"), cause) != 0 ||
		    check_text(it->ticket, _("ticket"), cause) != 0 ||
		    check_text(it->reason, _("reason"), cause) != 0)
			return -1;
		if (it->target != NULL && !plan_date_valid(it->target))
			return fail(cause, _("target \"%s\" is not a date "
			    "(YYYY-MM-DD)"), it->target);
		if (it->status == STATUS_ACCEPTED && it->reason == NULL)
			return fail(cause, "%s", _("an accepted risk needs a "
			    "reason"));
	}
	key = state_key(&ws->state, ref);
	if (it == NULL)
		batch_delete(&b, TABLE_ROADMAP, key);
	else {
		data = roadmap_item_encode(it, &size);
		batch_put(&b, TABLE_ROADMAP, key, data, size);
		free(data);
	}
	r = commit(ws, &b, "roadmap", key, true, NULL, NULL, cause);
	free(key);
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
write_files(void *arg, char **cause)
{
	return persist_all(arg, cause);
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
	if (history_milestone(ws->dir, &ws->state, name, write_files, ws,
	    &made, cause) != 0)
		return -1;
	/* Every screen shows the newest milestone; the commit cannot be
	 * undone from here, so neither is this. */
	batch_put_string(&b, TABLE_SESSION, SESSION_MILESTONE, made.name);
	r = commit(ws, &b, "milestone", made.name, false, NULL, NULL, cause);
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
	int			 i = workspace_lens(ws, id), r;

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
ops_cursor(struct workspace *ws, const struct qref *ref, char **cause)
{
	char	*key;
	int	 r;

	if (check_ref(ws, ref, cause) != 0)
		return -1;
	key = state_key(&ws->state, ref);
	r = workspace_set_session(ws, SESSION_CURSOR, key, cause);
	free(key);
	return r;
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
