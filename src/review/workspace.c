/* workspace.c: opening a workspace, reading its state, committing changes. */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <strings.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <signal.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "base/diag.h"
#include "base/util.h"
#include "files/lens-load.h"
#include "files/scan-file.h"
#include "files/snapshot.h"
#include "git/history.h"
#include "model/rename.h"
#include "model/lens-pack.h"
#include "review/profile.h"
#include "review/workspace.h"

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
	/* Run from the build tree (src/wafr, with data/ and config.status
	 * beside src/), never when installed: an installed binary takes the
	 * installed lenses, whatever lies beside it. */
	n = readlink("/proc/self/exe", exe, sizeof exe - 1);
	if (n > 0) {
		char *bindir = realpath(BINDIR, NULL);

		exe[n] = '\0';
		slash = strrchr(exe, '/');
		if (slash != NULL && slash != exe)
			*slash = '\0';
		if (slash != NULL && slash != exe && (bindir == NULL ||
		    strcmp(bindir, exe) != 0)) {
			char *marker = xasprintf("%s/../config.status", exe);

			probe = xasprintf("%s/../data/lenses/%s.yaml", exe,
			    DEFAULT_LENS);
			if (access(probe, R_OK) == 0 &&
			    access(marker, F_OK) == 0 &&
			    strlen(exe) + 8 < sizeof dir) {
				memcpy(dir, exe, strlen(exe));
				memcpy(dir + strlen(exe), "/../data", 9);
				free(marker);
				free(probe);
				free(bindir);
				return dir;
			}
			free(marker);
			free(probe);
		}
		free(bindir);
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
	/* A bundled lens's former id names it still. */
	if (lens_rename_of(spec) != NULL) {
		path = xasprintf("%s/lenses/%s.yaml", wafr_datadir(),
		    lens_rename_of(spec)->new_id);
		if (access(path, R_OK) == 0)
			return path;
		free(path);
	}
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

struct lens *
lens_load_checked(const char *path, char **cause)
{
	struct diags	 d;
	struct lens	*l;

	diags_init(&d, path);
	if ((l = lens_load_file(path, &d)) == NULL)
		*cause = diags_first_error(&d);
	diags_free(&d);
	return l;
}

struct lens *
lens_load_checked_bytes(const char *path, char **data, size_t *size,
    char **cause)
{
	struct diags	 d;
	struct lens	*l = NULL;
	char		*why = NULL, *id;

	*data = NULL;
	*size = 0;
	diags_init(&d, path);
	if (read_file(path, data, size, &why) != 0) {
		diag_add(&d, SEV_ERROR, 0, 0, "%s", why);
		free(why);
	} else {
		id = lens_id_from_path(path);
		l = lens_load(*data, *size, id, &d);
		free(id);
	}
	if (l == NULL) {
		*cause = diags_first_error(&d);
		free(*data);
		*data = NULL;
	}
	diags_free(&d);
	return l;
}

/* --- Who --- */

static char	*configured_author;
static char	*found_author;

void
workspace_set_author(const char *name)
{
	free(configured_author);
	configured_author = name != NULL && *name != '\0' ? xstrdup(name) :
	    NULL;
	free(found_author);
	found_author = NULL;
}

/* user.name of a git config file, if it has one (the last one wins). */
static void
git_config_name(const char *path, char **name)
{
	FILE	*f;
	char	 line[1024];
	bool	 user = false;

	if (path == NULL || (f = fopen(path, "r")) == NULL)
		return;
	while (fgets(line, sizeof line, f) != NULL) {
		char *s = line + strspn(line, " \t"), *eq, *v, *end;

		if (*s == '[') {
			user = strncasecmp(s, "[user]", 6) == 0;
			continue;
		}
		if (!user || (eq = strchr(s, '=')) == NULL)
			continue;
		end = eq;
		while (end > s && (end[-1] == ' ' || end[-1] == '\t'))
			end--;
		if (end - s != 4 || strncasecmp(s, "name", 4) != 0)
			continue;
		v = eq + 1 + strspn(eq + 1, " \t");
		v[strcspn(v, "\r\n")] = '\0';
		end = v + strlen(v);
		while (end > v && (end[-1] == ' ' || end[-1] == '\t'))
			*--end = '\0';
		if (*v == '"' && end > v + 1 && end[-1] == '"') {
			end[-1] = '\0';
			v++;
		}
		if (*v != '\0') {
			free(*name);
			*name = xstrdup(v);
		}
	}
	fclose(f);
}

/* The configured author, else git's (as git itself would sign a commit
 * in DIR), else the login name. */
const char *
workspace_author_of(const char *dir)
{
	const char	*env, *home = getenv("HOME"), *xdg;
	char		*name = NULL, *path;

	if (configured_author != NULL)
		return configured_author;
	if (found_author != NULL)
		return found_author;
	if ((env = getenv("GIT_AUTHOR_NAME")) != NULL && *env != '\0')
		name = xstrdup(env);
	else {
		if ((xdg = getenv("XDG_CONFIG_HOME")) != NULL && *xdg != '\0')
			path = xasprintf("%s/git/config", xdg);
		else
			path = home != NULL ? xasprintf("%s/.config/git/config",
			    home) : NULL;
		git_config_name("/etc/gitconfig", &name);
		git_config_name(path, &name);
		free(path);
		path = home != NULL ? xasprintf("%s/.gitconfig", home) : NULL;
		git_config_name(path, &name);
		free(path);
		path = xasprintf("%s/.git/config", dir);
		git_config_name(path, &name);
		free(path);
	}
	if (name == NULL && (env = getenv("USER")) != NULL && *env != '\0')
		name = xstrdup(env);
	found_author = name != NULL ? name : xstrdup("unknown");
	return found_author;
}

const char *
workspace_author(const struct workspace *ws)
{
	return workspace_author_of(ws->dir);
}

/* --- Lenses --- */

char *
lens_pinned_name(const struct lens *l)
{
	return xasprintf("%s.%s", l->id, l->format == LENS_AWS_JSON ? "json" :
	    "yaml");
}

/* A pinned lens's bytes: the store's copy, else lenses/ID.yaml or .json
 * (a workspace from before the store kept them: the copy is made now).
 * *name is the file's name in the workspace. */
static int
lens_bytes(struct workspace *ws, const char *id, char **data, size_t *size,
    char **name, bool *stored, char **cause)
{
	const char		*ext[] = { "yaml", "json" };
	struct snapshot_src	 src;
	int			 r;

	snapshot_src_dir(&src, ws->dir);
	for (size_t i = 0; ws->store != NULL && i < nitems(ext); i++) {
		*name = xasprintf("%s.%s", id, ext[i]);
		r = store_get(ws->store, TABLE_LENSES, *name, (void **)data,
		    size, cause);
		*stored = r == 0;
		if (r <= 0) {
			if (r < 0)
				free(*name);
			return r;
		}
		free(*name);
	}
	for (size_t i = 0; i < nitems(ext); i++) {
		char *rel = xasprintf("lenses/%s.%s", id, ext[i]);

		/* Read as the snapshot files are: never through a link. */
		r = src.read(src.arg, rel, data, size, cause);
		free(rel);
		if (r == 1)
			continue;
		*name = xasprintf("%s.%s", id, ext[i]);
		if (r == 0 && !ws->readonly && ws->store != NULL) {
			struct store_batch b = { 0 };

			batch_put(&b, TABLE_LENSES, *name, *data, *size);
			if (store_apply(ws->store, &b, cause) != 0) {
				free(*data);
				r = -1;
			}
			batch_free(&b);
		}
		if (r != 0) {
			free(*name);
			*name = NULL;
		}
		return r;
	}
	*name = NULL;
	return fail(cause, _("%s: lens \"%s\" is not pinned in lenses/"),
	    ws->dir, id);
}

/* The compiled lens cache: .wafr/lens-NAME.cache, a lens as
 * model/lens-pack.h packs it, keyed by the pinned bytes. It is made again
 * whenever it does not match or does not hold up; a cache that cannot be
 * read or written costs a parse, nothing else. */
static int
cache_dir(const struct workspace *ws)
{
	char	*path = path_join(ws->dir, ".wafr");
	int	 fd = open(path, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);

	free(path);
	return fd;
}

static void
cache_unmap(void *data, size_t size)
{
	munmap(data, size);
}

/* Where a lens from the cache reads a question's choices and rules that
 * its cache turns out to hold damaged (model/lens-pack.h): the pinned lens
 * parsed again, from the bytes a cache miss parses. The damaged cache is
 * removed, so that the next command makes it again. The workspace owns
 * its lenses, so it outlives them. */
struct cache_source {
	struct workspace	*ws;
	char			*id;
	char			*name;
	uint64_t		 hash;
	uint64_t		 size;
};

static struct lens *
cache_source_load(void *arg)
{
	struct cache_source	*s = arg;
	struct diags		 d;
	struct lens		*l = NULL;
	char			*data, *name, *file, *cause = NULL;
	size_t			 size;
	bool			 stored = false;
	int			 dfd;

	if ((dfd = cache_dir(s->ws)) >= 0) {
		file = xasprintf("lens-%s.cache", s->name);
		/* One that cannot go is found damaged again, no worse. */
		(void)unlinkat(dfd, file, 0);
		free(file);
		close(dfd);
	}
	if (lens_bytes(s->ws, s->id, &data, &size, &name, &stored,
	    &cause) != 0) {
		free(cause);
		return NULL;
	}
	/* Only the bytes the cache was made of make the same lens. */
	if (size == s->size && hash_bytes(data, size) == s->hash) {
		diags_init(&d, name);
		l = lens_load(data, size, s->id, &d);
		diags_free(&d);
	}
	free(name);
	free(data);
	return l;
}

static void
cache_source_free(void *arg)
{
	struct cache_source *s = arg;

	free(s->id);
	free(s->name);
	free(s);
}

/* The cache is mapped, not read: its pages come from the page cache and
 * only those the unpacking touches. It is only ever replaced by a rename,
 * so the mapped file does not change under the lens. */
static struct lens *
cache_get(struct workspace *ws, const char *name,
    const struct lens_pack_key *k)
{
	char		*file = xasprintf("lens-%s.cache", name);
	struct stat	 sb;
	struct lens	*l = NULL;
	void		*data;
	int		 dfd = cache_dir(ws), fd = -1;

	if (dfd >= 0)
		fd = openat(dfd, file, O_RDONLY | O_NOFOLLOW | O_CLOEXEC);
	free(file);
	if (dfd >= 0)
		close(dfd);
	if (fd < 0)
		return NULL;
	if (fstat(fd, &sb) == 0 && S_ISREG(sb.st_mode) && sb.st_size > 0 &&
	    (uint64_t)sb.st_size <= SIZE_MAX) {
		data = mmap(NULL, (size_t)sb.st_size, PROT_READ | PROT_WRITE,
		    MAP_PRIVATE, fd, 0);
		if (data != MAP_FAILED &&
		    (l = lens_unpack_mapped(data, (size_t)sb.st_size, k,
		    cache_unmap)) == NULL)
			munmap(data, (size_t)sb.st_size);
	}
	close(fd);
	if (l != NULL) {
		struct cache_source *s = xcalloc(1, sizeof *s);

		s->ws = ws;
		s->id = xstrdup(k->default_id);
		s->name = xstrdup(name);
		s->hash = k->hash;
		s->size = k->size;
		lens_pack_source(l, cache_source_load, cache_source_free, s);
	}
	return l;
}

static void
cache_put(const struct workspace *ws, const char *name,
    const struct lens_pack_key *k, const struct lens *l)
{
	struct buf	 b = { 0 };
	char		*file, *cause = NULL;
	int		 dfd;

	if (lens_pack(l, k, &b) != 0 || (dfd = cache_dir(ws)) < 0) {
		buf_free(&b);
		return;
	}
	file = xasprintf("lens-%s.cache", name);
	if (write_file_replace_at(dfd, file, file, b.s, b.len, &cause) != 0)
		free(cause);
	free(file);
	close(dfd);
	buf_free(&b);
}

void
workspace_cache_lens(const char *dir, const struct lens *l, const char *data,
    size_t size)
{
	struct workspace	 ws = { .dir = (char *)dir };
	struct lens_pack_key	 k;
	char			*name = lens_pinned_name(l);

	/* Keyed as load_lens keys it: the id the workload names it by. */
	lens_pack_key(&k, data, size, l->id);
	cache_put(&ws, name, &k, l);
	free(name);
}

/* The lens from its cache, keyed by the store's digest of the pinned
 * bytes, which are not read; NULL when it must be parsed. */
static struct lens *
cached_lens(struct workspace *ws, const char *id, uint64_t *sum)
{
	const char		*ext[] = { "yaml", "json" };
	struct lens_pack_key	 k = { .default_id = id };
	struct lens		*l = NULL;
	char			*name, *cause = NULL;
	int			 r = 1;

	for (size_t i = 0; ws->store != NULL && r == 1 && i < nitems(ext);
	    i++) {
		name = xasprintf("%s.%s", id, ext[i]);
		r = store_digest(ws->store, TABLE_LENSES, name, &k.hash,
		    &k.size, &cause);
		if (r == 0 && (l = cache_get(ws, name, &k)) != NULL)
			*sum = k.hash;
		free(name);
	}
	free(cause);	/* the slow path meets it again and says it */
	return l;
}

static struct lens *
load_lens(struct workspace *ws, const char *id, uint64_t *sum, char **cause)
{
	struct diags		 d;
	struct lens		*l;
	struct lens_pack_key	 k;
	char			*data, *name, *path;
	size_t			 size;
	bool			 stored = false;

	if ((l = cached_lens(ws, id, sum)) != NULL)
		return l;
	if (lens_bytes(ws, id, &data, &size, &name, &stored, cause) != 0)
		return NULL;
	lens_pack_key(&k, data, size, id);
	*sum = k.hash;
	/* Pinned in the files only (a workspace read without a store). */
	if (!stored && (l = cache_get(ws, name, &k)) != NULL) {
		free(name);
		free(data);
		return l;
	}
	path = xasprintf("%s/%s/%s", ws->dir, stored ? ".wafr" : "lenses",
	    name);
	diags_init(&d, path);
	if ((l = lens_load(data, size, id, &d)) != NULL)
		cache_put(ws, name, &k, l);
	else {
		char *why = diags_first_error(&d);

		/* The store's copy of a pinned lens that no longer loads is
		 * damage, not a bad lens: the files have it whole. */
		*cause = !stored ? why : xasprintf(_("%s (the live state's copy "
		    "of the lens is damaged; \"wafr sync --rebuild %s\" builds "
		    "it again from the snapshot files)"), why, ws->dir);
		if (stored)
			free(why);
	}
	diags_free(&d);
	free(path);
	free(name);
	free(data);
	return l;
}

static int
load_lenses(struct workspace *ws, const char *ids, char **cause)
{
	char *list = xstrdup(ids), *save = NULL;

	for (char *id = strtok_r(list, " ", &save); id != NULL;
	    id = strtok_r(NULL, " ", &save)) {
		uint64_t	 sum = 0;
		struct lens	*l = load_lens(ws, id, &sum, cause);

		if (l == NULL) {
			free(list);
			return -1;
		}
		ws->lens_digest = xreallocarray(ws->lens_digest,
		    ws->state.nlenses + 1, sizeof *ws->lens_digest);
		ws->lens_digest[ws->state.nlenses] = sum;
		state_add_lens(&ws->state, l, id);
	}
	free(list);
	if (ws->state.nlenses == 0)
		return fail(cause, _("%s: the workspace names no lens"),
		    ws->dir);
	return 0;
}

static bool
lenses_are(const struct state *st, const char *ids)
{
	struct buf	b = { 0 };
	bool		same;

	for (size_t i = 0; i < st->nlenses; i++) {
		if (i > 0)
			buf_addc(&b, ' ');
		buf_adds(&b, st->lenses[i]->id);
	}
	buf_adds(&b, "");
	same = streq(b.s, ids != NULL ? ids : "");
	buf_free(&b);
	return same;
}

/* The workspace's lenses changed (added, removed, or back after an undo):
 * load them again, keeping the old ones alive until the workspace closes. */
static int
reload_lenses(struct workspace *ws, const char *ids, char **cause)
{
	struct state *st = &ws->state;

	state_clear(st);
	for (size_t i = 0; i < st->nlenses; i++) {
		ws->retired = xreallocarray(ws->retired, ws->nretired + 1,
		    sizeof *ws->retired);
		ws->retired[ws->nretired++] = st->lenses[i];
		free(st->answers[i]);
		free(st->roadmap[i]);
	}
	free(st->lenses);
	free(st->answers);
	free(st->roadmap);
	st->lenses = NULL;
	st->answers = NULL;
	st->roadmap = NULL;
	st->nlenses = 0;
	free(ws->lens_digest);
	ws->lens_digest = NULL;
	ws->lens_stale = false;
	ws->lens_epoch++;
	return load_lenses(ws, ids, cause);
}

/* --- Reading the store --- */

static void
set_record(struct workspace *ws, enum store_table t, const char *key,
    const void *value, size_t size)
{
	struct state	*st = &ws->state;
	struct qref	 ref;
	char		*s;

	switch (t) {
	case TABLE_WORKLOAD:
	case TABLE_SESSION:
		if (value == NULL) {
			kv_unset(t == TABLE_WORKLOAD ? &st->workload :
			    &st->session, key);
			break;
		}
		s = xstrndup(value, size);
		kv_set(t == TABLE_WORKLOAD ? &st->workload : &st->session, key,
		    s);
		free(s);
		break;
	case TABLE_ANSWERS:
		/* An answer to a question the lens lacks is kept in the store
		 * but not shown (a lens may come back). */
		if (state_find_key(st, key, &ref) == 0) {
			struct answer *a = &st->answers[ref.lens][ref.q->index];

			answer_free(a);
			if (value == NULL || answer_decode(value, size, a) != 0)
				answer_init(a);
		}
		break;
	case TABLE_ROADMAP:
		if (state_find_key(st, key, &ref) == 0) {
			roadmap_item_free(st->roadmap[ref.lens][ref.q->index]);
			st->roadmap[ref.lens][ref.q->index] = value == NULL ?
			    NULL : roadmap_item_decode(value, size);
		}
		break;
	case TABLE_SCANS: {
		struct scan_group *g = NULL;

		/* A record that does not read is left out, as an answer. */
		if (value != NULL && scan_group_decode(value, size, &g,
		    &s) != 0)
			free(s);
		scans_set(&st->scans, key, g);
		break;
	}
	case TABLE_PROFILE:
		profile_set_record(st, key, value, size);
		break;
	case TABLE_LENSES:
		/* The bytes of a lens pinned under the same name changed (an
		 * upgrade, or its undo): the lenses are read again. */
		for (size_t i = 0; i < st->nlenses && value != NULL &&
		    !ws->lens_fresh; i++) {
			char *name = lens_pinned_name(st->lenses[i]);

			if (strcmp(name, key) == 0 &&
			    hash_bytes(value, size) != ws->lens_digest[i])
				ws->lens_stale = true;
			free(name);
		}
		break;
	default:
		break;
	}
}

static int
read_record(enum store_table t, const char *key, const void *value,
    size_t size, void *arg)
{
	set_record(arg, t, key, value, size);
	return 0;
}

static int
read_state(struct workspace *ws, bool reload, char **cause)
{
	uint64_t	 gen = store_generation(ws->store);
	void		*ids = NULL;
	size_t		 n;
	int		 r;

	if ((r = store_get(ws->store, TABLE_WORKLOAD, "lenses", &ids, &n,
	    cause)) < 0)
		return -1;
	if (r == 1) {
		free(ids);
		return fail(cause, _("%s: the workspace names no lens"),
		    ws->dir);
	}
	ws->lens_fresh = reload || !lenses_are(&ws->state, ids);
	if (ws->lens_fresh)
		r = reload_lenses(ws, ids, cause);
	if (r != 0) {
		free(ids);
		return -1;
	}
	ws->lens_stale = false;
	state_clear(&ws->state);
	r = store_walk(ws->store, read_record, ws, cause);
	ws->lens_fresh = false;
	if (r != 0) {
		free(ids);
		return -1;
	}
	if (ws->lens_stale) {
		r = reload_lenses(ws, ids, cause);
		state_clear(&ws->state);
		if (r != 0 || store_walk(ws->store, read_record, ws,
		    cause) != 0) {
			free(ids);
			return -1;
		}
	}
	free(ids);
	ws->generation = gen;
	return 0;
}

/* scans/SOURCE.tsv, a record a scan. */
static int
read_scan_files(const struct snapshot_src *src, struct store_batch *b,
    char **cause)
{
	char	**keys, **texts;
	size_t	  n;

	if (scan_files_read(src, &keys, &texts, &n, cause) != 0)
		return -1;
	for (size_t i = 0; i < n; i++) {
		batch_put(b, TABLE_SCANS, keys[i], texts[i], strlen(texts[i]));
		free(keys[i]);
		free(texts[i]);
	}
	free(keys);
	free(texts);
	return 0;
}

/* The files of a workspace as records: workload.yaml's properties, every
 * answer file against the state's lenses, and the pinned lenses. */
int
workspace_read_files(struct workspace *ws, struct store_batch *b,
    char **cause)
{
	struct state		*st = &ws->state;
	struct snapshot_src	 src;
	struct kv		 props = { 0 };
	struct answer		**answers;
	struct roadmap_item	***roadmap;
	int			 ret;

	if (snapshot_read_workload(ws->dir, &props, cause) != 0)
		return -1;
	for (size_t i = 0; i < props.n; i++)
		batch_put_string(b, TABLE_WORKLOAD, props.keys[i],
		    props.values[i]);
	kv_free(&props);
	snapshot_src_dir(&src, ws->dir);
	for (size_t i = 0; i < st->nlenses; i++) {
		char	*data, *name, *path;
		size_t	 size;
		int	 r;

		name = lens_pinned_name(st->lenses[i]);
		path = xasprintf("%s/lenses/%s", ws->dir, name);
		r = src.read(src.arg, path + strlen(ws->dir) + 1, &data, &size,
		    cause);
		if (r == 1)
			r = fail(cause, _("%s: no such file"), path);
		if (r == 0) {
			/* A pinned lens edited by hand must still load. */
			struct diags	 d;
			struct lens	*l;

			diags_init(&d, path);
			if ((l = lens_load(data, size, st->lenses[i]->id,
			    &d)) == NULL) {
				*cause = diags_first_error(&d);
				r = -1;
			} else
				batch_put(b, TABLE_LENSES, name, data, size);
			lens_free(l);
			diags_free(&d);
			free(data);
		}
		free(path);
		free(name);
		if (r != 0)
			return -1;
	}

	if (profile_files_batch(&src, b, cause) != 0)
		return -1;
	answers = xcalloc(st->nlenses, sizeof *answers);
	roadmap = xcalloc(st->nlenses, sizeof *roadmap);
	for (size_t i = 0; i < st->nlenses; i++) {
		answers[i] = xcalloc(st->lenses[i]->nquestions,
		    sizeof **answers);
		roadmap[i] = xcalloc(st->lenses[i]->nquestions,
		    sizeof **roadmap);
	}
	ret = snapshot_read_state(&src, st->lenses, st->nlenses, answers,
	    roadmap, cause);
	for (size_t i = 0; i < st->nlenses; i++) {
		const struct lens *l = st->lenses[i];

		for (size_t j = 0; j < l->npillars; j++) {
			const struct pillar *p = &l->pillars[j];

			for (size_t k = 0; k < p->nquestions; k++) {
				struct qref	 ref = { i, &p->questions[k] };
				size_t		 x = ref.q->index;
				char		*key = state_key(st, &ref);
				void		*data;
				size_t		 size;

				if (ret == 0 && !answer_is_empty(&answers[i][x])) {
					data = answer_encode(&answers[i][x],
					    &size);
					batch_put(b, TABLE_ANSWERS, key, data,
					    size);
					free(data);
				}
				if (ret == 0 && roadmap[i][x] != NULL) {
					data = roadmap_item_encode(roadmap[i][x],
					    &size);
					batch_put(b, TABLE_ROADMAP, key, data,
					    size);
					free(data);
				}
				free(key);
				answer_free(&answers[i][x]);
				roadmap_item_free(roadmap[i][x]);
			}
		}
		free(answers[i]);
		free(roadmap[i]);
	}
	free(answers);
	free(roadmap);
	return ret == 0 ? read_scan_files(&src, b, cause) : ret;
}

/* --- Open, close, refresh --- */

/* A fresh clone has files and no store: build the store from them, and
 * name its newest milestone, as the screen's header does. */
static int
rebuild(struct workspace *ws, char **cause)
{
	struct store_batch	 b = { 0 };
	struct store_journal	 j = { "rebuild", NULL, NULL, false, false };
	struct journal_entry	 e = { 0 };
	struct milestone	*m;
	size_t			 n;
	int			 ret = -1;

	j.author = workspace_author(ws);
	if (workspace_read_files(ws, &b, cause) == 0)
		ret = store_replace(ws->store, &b, &j, &e, cause);
	batch_free(&b);
	/* Read from the files: they are not behind. */
	if (ret == 0 && e.seq != 0)
		ret = store_files_written(ws->store, &e.seq, 1, cause);
	journal_entry_free(&e);
	if (ret == 0 && history_milestones(ws->dir, &m, &n, NULL) == 0) {
		if (n > 0) {
			batch_put_string(&b, TABLE_SESSION, SESSION_MILESTONE,
			    m[0].name);
			ret = store_apply(ws->store, &b, cause);
			batch_free(&b);
		}
		milestones_free(m, n);
	}
	return ret;
}

int
workspace_open(const char *dir, int flags, struct workspace **out,
    char **cause)
{
	struct workspace	*ws;
	char			*path, *mdb;
	bool			 fresh;
	int			 sflags = 0, r;

	*out = NULL;
	if (!exists(dir))
		return fail(cause, _("%s: no such workspace"), dir);
	path = path_join(dir, ".wafr");
	mdb = path_join(path, "data.mdb");
	fresh = !exists(mdb);	/* a clone, or a store set aside */
	free(mdb);
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
	ws->readonly = (flags & WS_READONLY) != 0 && !fresh;
	if (fresh) {
		struct kv	 props = { 0 };
		const char	*ids;

		/* Check the files before creating anything: the lenses are
		 * read from lenses/ while there is no store. */
		if (snapshot_read_workload(dir, &props, cause) != 0)
			goto fail;
		ids = kv_get(&props, "lenses");
		r = load_lenses(ws, ids != NULL ? ids : "", cause);
		kv_free(&props);
		if (r != 0)
			goto fail;
	}
	if ((r = store_open(path, sflags, &ws->store, cause)) != 0) {
		if (r == STORE_DAMAGED) {
			char *why = *cause;

			*cause = xasprintf(_("%s; \"wafr sync --rebuild %s\" "
			    "builds it again from the snapshot files"), why,
			    dir);
			free(why);
		}
		goto fail;
	}
	if (fresh && rebuild(ws, cause) != 0) {
		store_close(ws->store);
		ws->store = NULL;
		remove_tree(path);
		goto fail;
	}
	free(path);
	path = NULL;
	if (read_state(ws, false, cause) != 0)
		goto fail;
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
	state_clear(&ws->state);
	for (size_t i = 0; i < ws->state.nlenses; i++) {
		free(ws->state.answers[i]);
		free(ws->state.roadmap[i]);
		lens_free(ws->state.lenses[i]);
	}
	free(ws->state.answers);
	free(ws->state.roadmap);
	free(ws->state.lenses);
	state_free(ws->state.baseline);
	for (size_t i = 0; i < ws->nretired; i++)
		lens_free(ws->retired[i]);
	free(ws->retired);
	free(ws->lens_digest);
	store_close(ws->store);
	free(ws->warning);
	free(ws->dir);
	free(ws);
}

int
workspace_refresh(struct workspace *ws, char **cause)
{
	if (store_generation(ws->store) == ws->generation)
		return 0;
	if (read_state(ws, false, cause) != 0)
		return -1;
	return 1;
}

/* --- Changes --- */

/* After a write of our own, the state in memory is the store's only if
 * nobody else wrote since we read it; otherwise leave the generation
 * behind so the next refresh reads what the other process wrote. */
static void
own_write(struct workspace *ws)
{
	if (store_generation(ws->store) == ws->generation + 1)
		ws->generation++;
}

static void
apply(struct workspace *ws, const struct journal_entry *e)
{
	char *cause = NULL;

	for (size_t i = 0; i < e->nchanges; i++) {
		const struct store_change *c = &e->changes[i];

		if (c->table == TABLE_LENSES || (c->table == TABLE_WORKLOAD &&
		    strcmp(c->key, "lenses") == 0 && c->after != NULL &&
		    !lenses_are(&ws->state, c->after))) {
			/* Another lens set, or another version of one: read
			 * everything again. */
			if (read_state(ws, c->table == TABLE_LENSES,
			    &cause) != 0) {
				free(ws->warning);
				ws->warning = cause;
			}
			return;
		}
	}
	for (size_t i = 0; i < e->nchanges; i++) {
		const struct store_change *c = &e->changes[i];

		set_record(ws, c->table, c->key, c->after, c->nafter);
	}
}

void
workspace_adopt(struct workspace *ws, const struct journal_entry *e)
{
	own_write(ws);
	apply(ws, e);
}

int
workspace_set_session(struct workspace *ws, const char *key,
    const char *value, char **cause)
{
	return workspace_set_sessions(ws, &key, &value, 1, cause);
}

int
workspace_set_sessions(struct workspace *ws, const char *const *keys,
    const char *const *values, size_t n, char **cause)
{
	struct store_batch	b = { 0 };
	int			r;

	if (ws->readonly)
		return fail(cause, _("%s: opened read-only"), ws->dir);
	for (size_t i = 0; i < n; i++) {
		if (values[i] != NULL)
			batch_put_string(&b, TABLE_SESSION, keys[i], values[i]);
		else
			batch_delete(&b, TABLE_SESSION, keys[i]);
	}
	r = store_apply_session(ws->store, &b, cause);
	batch_free(&b);
	if (r != 0)
		return -1;
	own_write(ws);
	for (size_t i = 0; i < n; i++) {
		if (values[i] != NULL)
			kv_set(&ws->state.session, keys[i], values[i]);
		else
			kv_unset(&ws->state.session, keys[i]);
	}
	return 0;
}

/* --- The lead --- */

static char	*session_id;

const char *
workspace_session_id(void)
{
	char host[64];

	if (session_id == NULL) {
		if (gethostname(host, sizeof host) != 0)
			snprintf(host, sizeof host, "host");
		host[sizeof host - 1] = '\0';
		for (char *s = host; *s != '\0'; s++) {
			if (*s == ' ' || *s == ':')
				*s = '_';
		}
		session_id = xasprintf("%s:%ld:%ld", host, (long)getpid(),
		    (long)time(NULL));
	}
	return session_id;
}

bool
workspace_session_alive(const char *id)
{
	const char	*mine = workspace_session_id(), *colon;
	char		*end;
	long		 pid;

	if (streq(id, mine))
		return true;
	/* Another host's process: only its lease can tell. */
	colon = strchr(id, ':');
	if (colon == NULL || (size_t)(colon - id) != strcspn(mine, ":") ||
	    strncmp(id, mine, (size_t)(colon - id)) != 0)
		return true;
	pid = strtol(colon + 1, &end, 10);
	if (end == colon + 1 || *end != ':' || pid <= 0 || pid > INT_MAX)
		return true;
	return kill((pid_t)pid, 0) == 0 || errno != ESRCH;
}

struct claim {
	const char	*value;		/* ours; NULL: leave the lead */
	bool		 force;
	bool		 refused;
};

static int
claim_update(const void *old, size_t size, void **out, size_t *nout,
    void *arg, char **cause)
{
	struct claim	*c = arg;
	struct lead	 l;
	char		*v = xmalloc(size + 1);
	bool		 held, mine;
	long		 age;

	memcpy(v, old != NULL ? old : "", size);
	v[size] = '\0';
	held = old != NULL && lead_parse(v, &l);
	mine = held && streq(l.owner, workspace_session_id());
	age = held ? (long)time(NULL) - l.since : 0;
	if (held && !mine && !c->force && age >= -LEAD_STALE_SECONDS &&
	    age <= LEAD_STALE_SECONDS && workspace_session_alive(l.owner)) {
		free(v);
		c->refused = true;
		return fail(cause, "%s", _("another screen leads"));
	}
	if (c->value == NULL && !mine) {
		/* Leaving a lead another took: theirs stays. */
		*out = v;
		*nout = size;
		return 0;
	}
	free(v);
	*out = c->value != NULL ? xstrdup(c->value) : NULL;
	*nout = c->value != NULL ? strlen(c->value) : 0;
	return 0;
}

int
workspace_claim_lead(struct workspace *ws, bool force, bool leave,
    char **cause)
{
	struct store_batch	 b = { 0 };
	struct claim		 c = { NULL, force, false };
	char			*value = NULL, *err = NULL;
	int			 r;

	if (ws->readonly)
		return fail(cause, _("%s: opened read-only"), ws->dir);
	if (!leave) {
		value = xasprintf("%s %ld %s", workspace_session_id(),
		    (long)time(NULL), workspace_author(ws));
		c.value = value;
	}
	batch_update(&b, TABLE_SESSION, SESSION_LEAD, claim_update, &c);
	r = store_apply(ws->store, &b, &err);
	batch_free(&b);
	if (r != 0 && c.refused) {
		free(err);
		free(value);
		return 1;
	}
	if (r != 0) {
		free(value);
		*cause = err;
		return -1;
	}
	if (value != NULL) {
		own_write(ws);
		kv_set(&ws->state.session, SESSION_LEAD, value);
	}
	free(value);
	return 0;
}

int
workspace_add_time(struct workspace *ws, size_t lens, const struct pillar *p,
    long seconds, char **cause)
{
	char	*key = state_pillar_key(&ws->state, "clock", lens, p), value[32];
	long	 now;
	int	 ret;

	if (ws->readonly)
		ret = fail(cause, _("%s: opened read-only"), ws->dir);
	else
		ret = store_add(ws->store, TABLE_SESSION, key, seconds, &now,
		    cause);
	if (ret == 0) {
		snprintf(value, sizeof value, "%ld", now);
		kv_set(&ws->state.session, key, value);
		own_write(ws);
	}
	free(key);
	return ret;
}

int
workspace_load_baseline(struct workspace *ws, char **cause)
{
	struct milestone	*m;
	size_t			 n;
	int			 ret = 0;

	if (history_milestones(ws->dir, &m, &n, cause) != 0)
		return -1;
	state_free(ws->state.baseline);
	ws->state.baseline = NULL;
	if (n > 0)
		ret = history_state(ws->dir, m[0].commit, &ws->state.baseline,
		    NULL, cause);
	milestones_free(m, n);
	return ret;
}
