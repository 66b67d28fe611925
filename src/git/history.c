/* history.c: milestones as git commits and annotated tags (libgit2). */
#include "config.h"

#include <sys/stat.h>

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <fnmatch.h>
#include <limits.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <git2.h>

#ifdef HISTORY_BUILTIN
/* Built into the program, whose history-load.c holds the public names and
 * calls these through wafr_history_module. */
#define history_set_author	module_set_author
#define history_init		module_init
#define history_milestone	module_milestone
#define history_milestones	module_milestones
#define history_state		module_state
#endif
#include "git/history.h"
#include "git/history-module.h"
#include "git/pack.h"
#include "files/lens-load.h"
#include "files/scan-file.h"
#include "files/snapshot.h"
#include "model/lens-pack.h"
#include "base/diag.h"
#include "base/hindex.h"
#include "base/util.h"

/* The files wafr owns; a milestone commits these and nothing else. */
static const char *const owned[] = {
	".gitignore", ".gitattributes", "workload.yaml", "REPORT.md", "lenses",
	"answers", "scans", "profile"
};

/* REPORT.md is derived from the answers: a merge takes both sides' lines,
 * and "wafr sync" writes it again from the merged answers. */
static const char gitignore[] = ".wafr/\n";
static const char gitattributes[] = "REPORT.md merge=union\n";

/* libgit2, set to read objects as git does, without hashing each one
 * again (zlib checks what it inflates): a milestone's state or the trees
 * of a big lens are thousands of objects. */
static void
git_start(void)
{
	if (git_libgit2_init() < 0 ||
	    git_libgit2_opts(GIT_OPT_ENABLE_STRICT_HASH_VERIFICATION, 0) != 0)
		git_error_clear();	/* what fails shows in the next call */
}

static int
git_fail(char **cause, const char *what)
{
	const git_error *e = git_error_last();

	return fail(cause, "%s: %s", what, e != NULL && e->message != NULL ?
	    e->message : _("unknown git error"));
}

static int
open_repo(const char *dir, git_repository **repo, char **cause)
{
	if (git_repository_open_ext(repo, dir,
	    GIT_REPOSITORY_OPEN_NO_SEARCH, NULL) != 0) {
		char *what = xasprintf(_("%s: not a git repository"), dir);

		git_fail(cause, what);
		free(what);
		return -1;
	}
	return 0;
}

static char *default_name, *default_email;

void
history_set_author(const char *name, const char *email)
{
	free(default_name);
	free(default_email);
	default_name = name != NULL ? xstrdup(name) : NULL;
	default_email = email != NULL ? xstrdup(email) : NULL;
}

/* user.name and user.email from git config, else the configured author,
 * else a clear default. */
static int
signature(git_repository *repo, git_signature **sig, char **cause)
{
	git_signature	*def;

	if (git_signature_default(&def, repo) == 0) {
		/* A time of day that stands still (WAFR_NOW) dates it too. */
		if (!wall_time_fixed()) {
			*sig = def;
			return 0;
		}
		if (git_signature_new(sig, def->name, def->email,
		    (git_time_t)wall_time(), 0) == 0) {
			git_signature_free(def);
			return 0;
		}
		git_signature_free(def);
		return git_fail(cause, _("git signature"));
	}
	if (wall_time_fixed() && git_signature_new(sig, default_name != NULL ?
	    default_name : "wafr", default_email != NULL ? default_email :
	    "wafr@localhost", (git_time_t)wall_time(), 0) == 0)
		return 0;
	if (git_signature_now(sig, default_name != NULL ? default_name :
	    "wafr", default_email != NULL ? default_email :
	    "wafr@localhost") == 0)
		return 0;
	return git_fail(cause, _("git signature"));
}

/* A git lock or a temporary file older than this was left by a process
 * that died: locks and temporaries live for milliseconds. */
#define STALE_SECONDS 60

/* The PID of NAME.tmp.PID, the temporary of an atomic write by an older
 * wafr, else NULL: only digits after the last ".tmp.", so a lens or an
 * answer file (.yaml, .json) whose id holds ".tmp." is never one. */
static const char *
old_temporary_pid(const char *base)
{
	const char *p, *last = NULL;

	for (p = base; (p = strstr(p, ".tmp.")) != NULL; p++)
		last = p;
	if (last == NULL || last[5] == '\0' ||
	    last[5 + strspn(last + 5, "0123456789")] != '\0')
		return NULL;
	return last + 5;
}

/* A temporary file of an atomic write: NAME.tmp.PID (the older form) or
 * .NAME.wafr-tmp-XXXXXX. */
static bool
is_temporary(const char *base)
{
	return old_temporary_pid(base) != NULL ||
	    fnmatch(".*.wafr-tmp-*", base, 0) == 0;
}

/* A temporary file nobody is writing: an old one, or NAME.tmp.PID of a
 * process that is gone (or of this one, which names its own otherwise). */
static bool
temporary_stale(const char *base, const struct stat *sb, time_t now)
{
	const char	*digits;
	char		*end;
	long		 pid;

	if (now - sb->st_mtime >= STALE_SECONDS)
		return true;
	if ((digits = old_temporary_pid(base)) == NULL)
		return false;
	errno = 0;
	pid = strtol(digits, &end, 10);
	if (errno != 0 || *end != '\0' || pid <= 0 || pid > INT_MAX)
		return false;
	if (pid == (long)getpid())
		return true;
	return kill((pid_t)pid, 0) == -1 && errno == ESRCH;
}

/* A path wafr does not own though it lies in what it owns: a temporary
 * file anywhere, a dot-file or dot-folder under lenses/ or answers/. */
static bool
not_owned(const char *path)
{
	const char *base = strrchr(path, '/');

	if (is_temporary(base != NULL ? base + 1 : path))
		return true;
	if (strncmp(path, "lenses/", 7) != 0 &&
	    strncmp(path, "answers/", 8) != 0 &&
	    strncmp(path, "profile/", 8) != 0)
		return false;
	for (const char *s = strchr(path, '/'); s != NULL; s = strchr(s + 1,
	    '/')) {
		if (s[1] == '.')
			return true;
	}
	return false;
}

/* --- Staging the files wafr owns --- */

static int
cmp_name(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}


/* What "git add -A" of the files wafr owns does, with the index as the
 * record of what is on disk: a file whose lstat data match its entry (and
 * is older than the index, so no change can hide in the same tick) is
 * taken as it is; only a new or changed file is read, hashed and written
 * as a blob. The index's tree cache keeps the trees of unchanged folders,
 * so the commit writes only the trees above the changed files. */
struct stager {
	git_repository	 *repo;
	git_index	 *idx;
	struct timespec	  stamp;	/* the index file's mtime */
	char		 *index;	/* and what it is (stamp_of) */
	time_t		  now;		/* what a stale temporary is older than */
	char		**seen;		/* the owned paths on disk */
	size_t		  nseen, cap;
	char		**current;	/* those stage_current vouched for */
	size_t		  ncurrent, ccap;
	struct hindex	  currents;	/* by path */
	char		**cause;
};

/* The entry records the file as it is now. */
static bool
entry_fresh(const struct stager *s, const git_index_entry *e,
    const struct stat *sb)
{
	uint32_t mode;

	if (S_ISLNK(sb->st_mode))
		mode = GIT_FILEMODE_LINK;
	else
		mode = sb->st_mode & S_IXUSR ? GIT_FILEMODE_BLOB_EXECUTABLE :
		    GIT_FILEMODE_BLOB;
	if (e->mode != mode || e->file_size != (uint32_t)sb->st_size ||
	    e->ino != (uint32_t)sb->st_ino || e->uid != (uint32_t)sb->st_uid || e->gid != (uint32_t)sb->st_gid ||
	    e->mtime.seconds != (int32_t)sb->st_mtim.tv_sec ||
	    e->mtime.nanoseconds != (uint32_t)sb->st_mtim.tv_nsec ||
	    e->ctime.seconds != (int32_t)sb->st_ctim.tv_sec ||
	    e->ctime.nanoseconds != (uint32_t)sb->st_ctim.tv_nsec)
		return false;
	/* Racy: changed in the tick the index was written. */
	return sb->st_mtim.tv_sec < s->stamp.tv_sec ||
	    (sb->st_mtim.tv_sec == s->stamp.tv_sec &&
	    sb->st_mtim.tv_nsec < s->stamp.tv_nsec);
}

static int
stage_file(struct stager *s, const char *rel, const struct stat *sb)
{
	const git_index_entry	*e;
	int			 ignored = 0;

	if ((e = git_index_get_bypath(s->idx, rel, 0)) == NULL) {
		git_error_clear();
		/* An untracked file the ignore rules name stays out. */
		if (git_ignore_path_is_ignored(&ignored, s->repo, rel) != 0)
			return git_fail(s->cause, rel);
		if (ignored)
			return 0;
	}
	if ((e == NULL || !entry_fresh(s, e, sb)) &&
	    git_index_add_bypath(s->idx, rel) != 0)
		return git_fail(s->cause, rel);
	*ARRAY_PUSH(s->seen, s->nseen, s->cap) = xstrdup(rel);
	return 0;
}

/* Folder REL (open as FD, which this closes), all it holds. */
static int
stage_folder(struct stager *s, int fd, const char *rel, int depth)
{
	DIR		*d;
	struct dirent	*de;
	int		 ret = 0;

	if (depth > 16 || (d = fdopendir(fd)) == NULL) {
		close(fd);
		return 0;
	}
	while (ret == 0 && (errno = 0, de = readdir(d)) != NULL) {
		struct stat	 sb;
		char		*sub;
		int		 cfd;

		if (strcmp(de->d_name, ".") == 0 ||
		    strcmp(de->d_name, "..") == 0)
			continue;
		sub = path_join(rel, de->d_name);
		/* Found as its entry records it a moment ago: nothing to look
		 * at again. */
		if (de->d_type == DT_REG && s->ncurrent > 0 &&
		    hindex_find(&s->currents, s->current, sub) != HINDEX_NONE) {
			*ARRAY_PUSH(s->seen, s->nseen, s->cap) = sub;
			continue;
		}
		if (fstatat(dirfd(d), de->d_name, &sb, AT_SYMLINK_NOFOLLOW) != 0)
			;	/* gone meanwhile */
		else if (not_owned(sub)) {
			/* Never committed; a stale temporary goes. */
			if (S_ISREG(sb.st_mode) && is_temporary(de->d_name) &&
			    temporary_stale(de->d_name, &sb, s->now) &&
			    unlinkat(dirfd(d), de->d_name, 0) != 0) {
				/* Best effort, as at the top. */
			}
		} else if (S_ISDIR(sb.st_mode)) {
			cfd = openat(dirfd(d), de->d_name, O_RDONLY |
			    O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
			if (cfd != -1)
				ret = stage_folder(s, cfd, sub, depth + 1);
		} else if (S_ISREG(sb.st_mode) || S_ISLNK(sb.st_mode))
			ret = stage_file(s, sub, &sb);
		free(sub);
	}
	if (ret == 0 && errno != 0)
		ret = fail(s->cause, "%s: %s", rel, strerror(errno));
	closedir(d);
	return ret;
}

static bool
under_owned(const char *path)
{
	for (size_t i = 0; i < nitems(owned); i++) {
		size_t n = strlen(owned[i]);

		if (strncmp(path, owned[i], n) == 0 && (path[n] == '\0' ||
		    path[n] == '/'))
			return true;
	}
	return false;
}

/* The index file as it is: a git command that changes the index writes a
 * new one, with another inode and times. With the version of wafr, which
 * writes the files. */
static char *
stamp_of(const struct stat *sb)
{
	return xasprintf("%s %llu %lld %lld.%09ld %lld.%09ld", PACKAGE_VERSION,
	    (unsigned long long)sb->st_ino, (long long)sb->st_size,
	    (long long)sb->st_mtim.tv_sec, sb->st_mtim.tv_nsec,
	    (long long)sb->st_ctim.tv_sec, sb->st_ctim.tv_nsec);
}

static int
index_stat(git_repository *repo, struct stat *sb)
{
	char	*path = xasprintf("%sindex", git_repository_path(repo));
	int	 r = stat(path, sb);

	free(path);
	return r;
}

static char *
index_stamp(git_repository *repo)
{
	struct stat sb;

	return index_stat(repo, &sb) == 0 ? stamp_of(&sb) : NULL;
}

/* The index as the repository holds it, to stage into. */
static int
stage_open(git_repository *repo, struct stager *s, char **cause)
{
	struct stat sb;

	*s = (struct stager){ .repo = repo, .now = time(NULL),
	    .cause = cause };
	if (git_repository_index(&s->idx, repo) != 0 ||
	    git_index_read(s->idx, 0) != 0) {
		git_index_free(s->idx);
		s->idx = NULL;
		return git_fail(cause, _("git index"));
	}
	if (index_stat(repo, &sb) == 0) {
		s->stamp = sb.st_mtim;
		s->index = stamp_of(&sb);
	}
	return 0;
}

/* history_current_fn: the file is as its entry records it, which holds
 * what the last milestone committed (the caller knows the index is the
 * one it left). */
static bool
stage_current(void *arg, const char *rel)
{
	struct stager		*s = arg;
	const git_index_entry	*e;
	struct stat		 sb;
	char			*path;
	bool			 same;

	if ((e = git_index_get_bypath(s->idx, rel, 0)) == NULL) {
		git_error_clear();
		return false;
	}
	path = path_join(git_repository_workdir(s->repo), rel);
	same = lstat(path, &sb) == 0 && S_ISREG(sb.st_mode) &&
	    entry_fresh(s, e, &sb);
	free(path);
	if (same) {
		*ARRAY_PUSH(s->current, s->ncurrent, s->ccap) = xstrdup(rel);
		hindex_add(&s->currents, s->current, s->ncurrent - 1);
	}
	return same;
}

static void
stage_close(struct stager *s)
{
	free(s->index);
	for (size_t i = 0; i < s->ncurrent; i++)
		free(s->current[i]);
	free(s->current);
	hindex_free(&s->currents);
}

/* The files wafr owns into the index, and nothing else: an entry of what
 * it owns that is gone from the disk, or that it does not own (put there
 * by an older wafr), is taken out. */
static int
stage_owned(const struct stager *from)
{
	struct stager	 s = *from;	/* with a list of its own of the seen */
	struct stat	 sb;
	git_repository	*repo = s.repo;
	git_index	*idx = s.idx;
	const char	*top = git_repository_workdir(repo);
	char		**gone = NULL, **cause = s.cause;
	size_t		 ngone = 0, cap = 0;
	int		 rfd = -1, ret = -1;

	if (top == NULL || (rfd = open(top, O_RDONLY | O_DIRECTORY |
	    O_CLOEXEC)) == -1) {
		fail(cause, "%s: %s", top != NULL ? top : "", strerror(errno));
		goto out;
	}
	for (size_t i = 0; i < nitems(owned); i++) {
		int r = 0;

		if (fstatat(rfd, owned[i], &sb, AT_SYMLINK_NOFOLLOW) != 0)
			continue;
		if (S_ISDIR(sb.st_mode)) {
			int fd = openat(rfd, owned[i], O_RDONLY | O_DIRECTORY |
			    O_NOFOLLOW | O_CLOEXEC);

			if (fd != -1)
				r = stage_folder(&s, fd, owned[i], 0);
		} else if (S_ISREG(sb.st_mode) || S_ISLNK(sb.st_mode))
			r = stage_file(&s, owned[i], &sb);
		if (r != 0)
			goto out;
	}
	qsort(s.seen, s.nseen, sizeof *s.seen, cmp_name);
	for (size_t i = 0; i < git_index_entrycount(idx); i++) {
		const char *p = git_index_get_byindex(idx, i)->path;

		if (under_owned(p) && (not_owned(p) || bsearch(&p, s.seen,
		    s.nseen, sizeof *s.seen, cmp_name) == NULL))
			*ARRAY_PUSH(gone, ngone, cap) = xstrdup(p);
	}
	for (size_t i = 0; i < ngone; i++) {
		if (git_index_remove_bypath(idx, gone[i]) != 0) {
			git_fail(cause, gone[i]);
			goto out;
		}
	}
	ret = 0;
out:
	if (rfd != -1)
		close(rfd);
	for (size_t i = 0; i < s.nseen; i++)
		free(s.seen[i]);
	free(s.seen);
	for (size_t i = 0; i < ngone; i++)
		free(gone[i]);
	free(gone);
	return ret;
}

/* The first commit stages the files wafr owns as git_index_add_all would
 * (the same look at the work tree, its ignore rules and the owned-path
 * filter, git's clean filters) without its attribute and filter look-ups
 * for each file, which cost more than the rest of the commit. */
struct fresh_file {
	char		*path;
	struct stat	 sb;
};

struct fresh {
	git_repository		*repo;
	const char		*top;
	struct fresh_file	*v;
	size_t			 n, cap;
};

/* The files git_index_add_all would stage: what a diff of the (empty)
 * index to the work tree finds untracked under the owned paths. */
static int
fresh_list(struct fresh *f, git_index *idx, char **cause)
{
	git_diff_options	 opts;
	git_diff		*diff = NULL;
	int			 ret = -1;

	if (git_diff_options_init(&opts, GIT_DIFF_OPTIONS_VERSION) != 0)
		return git_fail(cause, _("git index"));
	opts.flags = GIT_DIFF_INCLUDE_TYPECHANGE | GIT_DIFF_INCLUDE_UNTRACKED |
	    GIT_DIFF_RECURSE_UNTRACKED_DIRS;
	opts.pathspec.strings = (char **)owned;
	opts.pathspec.count = nitems(owned);
	if (git_diff_index_to_workdir(&diff, f->repo, idx, &opts) != 0)
		return git_fail(cause, _("git index"));
	for (size_t i = 0; i < git_diff_num_deltas(diff); i++) {
		const git_diff_delta	*d = git_diff_get_delta(diff, i);
		const char		*rel = d->new_file.path;
		struct fresh_file	*ff;
		char			*path;
		struct stat		 sb;

		if (d->status == GIT_DELTA_DELETED || not_owned(rel))
			continue;
		path = path_join(f->top, rel);
		if (lstat(path, &sb) != 0) {
			fail(cause, "%s: %s", path, strerror(errno));
			free(path);
			goto out;
		}
		free(path);
		ff = ARRAY_PUSH(f->v, f->n, f->cap);
		ff->path = xstrdup(rel);
		ff->sb = sb;
	}
	ret = 0;
out:
	git_diff_free(diff);
	return ret;
}

static int
fresh_cmp(const void *a, const void *b)
{
	return strcmp(((const struct fresh_file *)a)->path,
	    ((const struct fresh_file *)b)->path);
}

/* One file into the index. Its bytes are the blob unless a clean filter
 * could change them (a carriage return for the end-of-line conversion, a
 * "$Id" for ident): those take libgit2's filtered path. */
static int
fresh_add(struct fresh *f, git_index *idx, const struct fresh_file *ff,
    bool filemode, char **cause)
{
	git_index_entry	 e;
	char		*path, *data = NULL;
	size_t		 size = 0;
	int		 r;

	if (!S_ISREG(ff->sb.st_mode)) {
		if (git_index_add_bypath(idx, ff->path) != 0)
			return git_fail(cause, ff->path);
		return 0;
	}
	path = path_join(f->top, ff->path);
	r = read_file(path, &data, &size, cause);
	free(path);
	if (r != 0)
		return -1;
	memset(&e, 0, sizeof e);
	if (memchr(data, '\r', size) != NULL ||
	    memmem(data, size, "$Id", 3) != NULL)
		r = git_blob_create_from_workdir(&e.id, f->repo, ff->path);
	else
		r = git_blob_create_from_buffer(&e.id, f->repo, data, size);
	free(data);
	if (r != 0)
		return git_fail(cause, ff->path);
	e.ctime.seconds = (int32_t)ff->sb.st_ctim.tv_sec;
	e.ctime.nanoseconds = (uint32_t)ff->sb.st_ctim.tv_nsec;
	e.mtime.seconds = (int32_t)ff->sb.st_mtim.tv_sec;
	e.mtime.nanoseconds = (uint32_t)ff->sb.st_mtim.tv_nsec;
	e.dev = (uint32_t)ff->sb.st_dev;
	e.ino = (uint32_t)ff->sb.st_ino;
	e.uid = (uint32_t)ff->sb.st_uid;
	e.gid = (uint32_t)ff->sb.st_gid;
	e.file_size = (uint32_t)ff->sb.st_size;
	e.mode = filemode && (ff->sb.st_mode & S_IXUSR) != 0 ?
	    GIT_FILEMODE_BLOB_EXECUTABLE : GIT_FILEMODE_BLOB;
	e.path = ff->path;
	if (git_index_add(idx, &e) != 0)
		return git_fail(cause, ff->path);
	return 0;
}

static int
stage_fresh(git_repository *repo, const char *top, git_config *cfg,
    git_index **idx, char **cause)
{
	struct fresh	 f = { repo, top, NULL, 0, 0 };
	int		 filemode = 1, ret = -1;

	if (git_config_get_bool(&filemode, cfg, "core.filemode") != 0)
		filemode = 1;
	if (git_repository_index(idx, repo) != 0)
		return git_fail(cause, _("git index"));
	if (fresh_list(&f, *idx, cause) != 0)
		goto out;
	if (f.n > 0)
		qsort(f.v, f.n, sizeof *f.v, fresh_cmp);
	for (size_t i = 0; i < f.n; i++) {
		if (fresh_add(&f, *idx, &f.v[i], filemode != 0, cause) != 0)
			goto out;
	}
	ret = 0;
out:
	for (size_t i = 0; i < f.n; i++)
		free(f.v[i].path);
	free(f.v);
	if (ret != 0) {
		git_index_free(*idx);
		*idx = NULL;
	}
	return ret;
}

static void
tally_text(struct buf *b, const struct state *st)
{
	struct tally t;

	state_tally(st, -1, &t);
	buf_printf(b, "questions: %u\nanswered: %u\nhigh: %u\nmedium: %u\n"
	    "none: %u\nnot-applicable: %u\nunanswered: %u\n", t.questions,
	    t.answered, t.n[RISK_HIGH], t.n[RISK_MEDIUM], t.n[RISK_NONE],
	    t.n[RISK_NOT_APPLICABLE], t.n[RISK_UNANSWERED]);
	buf_adds(b, "\n");
	for (size_t i = 0; i < st->nlenses; i++) {
		const struct lens *l = st->lenses[i];

		for (size_t j = 0; j < l->npillars; j++) {
			state_tally_pillar(st, i, &l->pillars[j], &t);
			buf_printf(b, "%s/%s: high %u, medium %u, none %u, "
			    "not-applicable %u, unanswered %u\n", l->id,
			    l->pillars[j].id, t.n[RISK_HIGH], t.n[RISK_MEDIUM],
			    t.n[RISK_NONE], t.n[RISK_NOT_APPLICABLE],
			    t.n[RISK_UNANSWERED]);
		}
	}
}

static int
write_small(const char *dir, const char *name, const char *text,
    char **cause)
{
	char	*path = path_join(dir, name);
	int	 ret;

	ret = write_file_atomic(path, text, strlen(text), cause);
	free(path);
	return ret;
}

int
history_init(const char *dir, const struct state *st, char **cause)
{
	struct pack_memory *mem = NULL;
	git_repository_init_options opts;
	git_repository	*repo = NULL;
	git_config	*cfg = NULL;
	git_index	*idx = NULL;
	git_signature	*sig = NULL;
	git_tree	*tree = NULL;
	git_oid		 tree_id, commit_id;
	struct buf	 msg = { 0 };
	char		*top = NULL, *gitdir = NULL, *tmp = NULL;
	int		 ret = -1;

	git_start();
	if ((top = realpath(dir, NULL)) == NULL) {
		fail(cause, "%s: %s", dir, strerror(errno));
		goto out;
	}
	gitdir = path_join(top, ".git");
	if (access(gitdir, F_OK) == 0) {
		fail(cause, "%s: %s", gitdir, strerror(EEXIST));
		goto out;
	}
	if (write_small(top, ".gitignore", gitignore, cause) != 0 ||
	    write_small(top, ".gitattributes", gitattributes, cause) != 0)
		goto out;

	/* The repository is made aside, bare with the workspace as its work
	 * tree for now (no gitlink file), and renamed to .git when it holds
	 * the first commit. */
	tmp = path_join(top, ".git.wafr-tmp-XXXXXX");
	if (mkdtemp(tmp) == NULL) {
		fail(cause, "%s: %s", tmp, strerror(errno));
		free(tmp);
		tmp = NULL;
		goto out;
	}
	if (git_repository_init_options_init(&opts,
	    GIT_REPOSITORY_INIT_OPTIONS_VERSION) != 0) {
		git_fail(cause, dir);
		goto out;
	}
	opts.flags = GIT_REPOSITORY_INIT_BARE | GIT_REPOSITORY_INIT_NO_REINIT;
	if (git_repository_init_ext(&repo, tmp, &opts) != 0 ||
	    git_repository_config(&cfg, repo) != 0 ||
	    git_config_set_bool(cfg, "core.bare", 0) != 0 ||
	    git_config_set_bool(cfg, "core.logallrefupdates", 1) != 0 ||
	    git_repository_set_workdir(repo, top, 0) != 0) {
		git_fail(cause, dir);
		goto out;
	}
	/* Its objects go to memory, and then to disk as one pack. */
	if (pack_memory_attach(repo, true, &mem) != 0) {
		git_fail(cause, _("git objects"));
		goto out;
	}
	if (stage_fresh(repo, top, cfg, &idx, cause) != 0)
		goto out;
	if (git_index_write(idx) != 0 ||
	    git_index_write_tree(&tree_id, idx) != 0 ||
	    git_tree_lookup(&tree, repo, &tree_id) != 0) {
		git_fail(cause, _("git index"));
		goto out;
	}
	if (signature(repo, &sig, cause) != 0)
		goto out;
	buf_printf(&msg, "Start the review of %s\n\n",
	    state_prop(st, "name") != NULL ? state_prop(st, "name") :
	    "");
	tally_text(&msg, st);
	if (git_commit_create(&commit_id, repo, "HEAD", sig, sig, NULL, msg.s,
	    tree, 0, NULL) != 0) {
		git_fail(cause, _("git commit"));
		goto out;
	}
	if (pack_memory_flush(mem) != 0) {
		git_fail(cause, _("git objects"));
		goto out;
	}
	git_config_free(cfg);
	cfg = NULL;
	git_index_free(idx);
	idx = NULL;
	git_repository_free(repo);
	repo = NULL;
	if (rename(tmp, gitdir) != 0) {
		fail(cause, "%s: %s", gitdir, strerror(errno));
		goto out;
	}
	free(tmp);
	tmp = NULL;
	ret = 0;
out:
	buf_free(&msg);
	git_tree_free(tree);
	git_signature_free(sig);
	git_index_free(idx);
	git_config_free(cfg);
	git_repository_free(repo);
	git_libgit2_shutdown();
	if (tmp != NULL) {
		remove_tree(tmp);
		free(tmp);
	}
	free(gitdir);
	free(top);
	return ret;
}

/* Latin-1 letters (U+00C0 to U+00FF) without their accents. */
static const char *const latin1[64] = {
	"a", "a", "a", "a", "a", "a", "ae", "c", "e", "e", "e", "e", "i", "i",
	"i", "i", "d", "n", "o", "o", "o", "o", "o", NULL, "o", "u", "u", "u",
	"u", "y", "th", "ss",
	"a", "a", "a", "a", "a", "a", "ae", "c", "e", "e", "e", "e", "i", "i",
	"i", "i", "d", "n", "o", "o", "o", "o", "o", NULL, "o", "u", "u", "u",
	"u", "y", "th", "y",
};

/* Latin Extended-A letters (U+0100 to U+017F) without their accents. */
static const char latin_ext[] =
    "a a a a a a c c c c c c c c d d d d e e e e e e e e e e g g g g g g "
    "g g h h h h i i i i i i i i i i ij ij j j k k k l l l l l l l l l l "
    "n n n n n n n n n o o o o o o oe oe r r r r r r s s s s s s s s t t "
    "t t t t u u u u u u u u u u u u w w y y y z z z z z z s";

/* The letter a code point of Latin Extended-A stands for, in out. */
static const char *
latin_ext_letter(uint32_t cp, char *out, size_t size)
{
	const char	*p = latin_ext;
	size_t		 n;

	for (uint32_t i = 0x100; i < cp && *p != '\0'; i++)
		p += strcspn(p, " ") + (p[strcspn(p, " ")] == ' ');
	n = strcspn(p, " ");
	if (n == 0 || n >= size)
		return NULL;
	memcpy(out, p, n);
	out[n] = '\0';
	return out;
}

/* A letter of a script with no Latin form here (Greek, Cyrillic and the
 * scripts after them, kana, CJK, Hangul). */
static bool
other_letter(uint32_t cp)
{
	return (cp >= 0x370 && cp < 0x2000) || (cp >= 0x3040 &&
	    cp < 0xa000) || (cp >= 0xac00 && cp < 0xd7b0);
}

/* The tag name of a milestone: ASCII lower-case letters and digits
 * joined by dashes. Accented Latin letters lose their accents (é e, ß ss,
 * ł l); other characters (symbols, emoji, punctuation) separate. A name
 * of letters of other scripts alone gets a tag from a hash of it. */
static char *
milestone_slug(const char *name)
{
	const unsigned char	*s = (const unsigned char *)name;
	struct buf		 b = { 0 };
	bool			 dash = false, letters = false;
	uint32_t		 hash = 2166136261u;

	buf_adds(&b, "");
	while (*s != '\0') {
		const char	*add = NULL;
		char		 one[4] = { 0 };
		size_t		 len = 1;
		uint32_t	 cp = *s;

		hash = (hash ^ *s) * 16777619u;
		if (*s >= 0x80) {
			len = *s >= 0xf0 ? 4 : *s >= 0xe0 ? 3 : 2;
			if (!utf8_valid((const char *)s, len))
				len = 1, cp = 0;
			else if (len == 2)
				cp = (uint32_t)(s[0] & 0x1f) << 6 | (s[1] & 0x3f);
			else if (len == 3)
				cp = (uint32_t)(s[0] & 0x0f) << 12 |
				    (uint32_t)(s[1] & 0x3f) << 6 | (s[2] & 0x3f);
			else
				cp = 0x10000;	/* emoji and the like */
			for (size_t i = 1; i < len; i++)
				hash = (hash ^ s[i]) * 16777619u;
		}
		if ((cp >= 'a' && cp <= 'z') || (cp >= '0' && cp <= '9')) {
			one[0] = (char)cp;
			add = one;
		} else if (cp >= 'A' && cp <= 'Z') {
			one[0] = (char)(cp - 'A' + 'a');
			add = one;
		} else if (cp >= 0xc0 && cp <= 0xff)
			add = latin1[cp - 0xc0];
		else if (cp >= 0x100 && cp < 0x180)
			add = latin_ext_letter(cp, one, sizeof one);
		else if (other_letter(cp))
			letters = true;
		if (add != NULL) {
			if (dash && b.len > 0)
				buf_addc(&b, '-');
			dash = false;
			buf_adds(&b, add);
		} else
			dash = true;
		s += len;
	}
	if (b.len == 0 && letters)
		buf_printf(&b, "m-%08x", (unsigned)hash);
	return buf_take(&b);
}

/* One line of text with a letter or digit in it. */
static int
check_name(const char *name, char **cause)
{
	char	*slug;
	bool	 empty;

	for (const char *s = name; *s != '\0'; s++) {
		if ((unsigned char)*s < 0x20 || *s == 0x7f)
			return fail(cause, _("a milestone name is one line of "
			    "text, without control characters"));
	}
	if (!utf8_valid(name, strlen(name)))
		return fail(cause, _("a milestone name must be UTF-8 text"));
	slug = milestone_slug(name);
	empty = *slug == '\0';
	free(slug);
	if (name[strspn(name, " ")] == '\0')
		return fail(cause, _("a milestone needs a name"));
	if (empty)
		return fail(cause, _("milestone name \"%s\" has no letter or "
		    "digit to make a tag of"), name);
	return 0;
}

static int
check_repo_state(git_repository *repo, const char *dir, char **cause)
{
	switch (git_repository_state(repo)) {
	case GIT_REPOSITORY_STATE_NONE:
		break;
	case GIT_REPOSITORY_STATE_MERGE:
		return fail(cause, _("%s: a git merge is in progress: finish it "
		    "(git commit) or abort it (git merge --abort), run \"wafr "
		    "sync\", then save the milestone"), dir);
	default:
		return fail(cause, _("%s: a git operation (rebase, cherry-pick, "
		    "revert or bisect) is in progress: finish or abort it "
		    "first"), dir);
	}
	switch (git_repository_head_detached(repo)) {
	case 0:
		return 0;
	case 1:
		return fail(cause, _("%s: HEAD is detached (not on a branch): "
		    "check out a branch first, e.g. git switch -"), dir);
	default:
		return git_fail(cause, dir);
	}
}

static void
milestone_from_tag(struct milestone *m, const char *tagname,
    const git_oid *commit, const git_tag *tag)
{
	const git_signature	*who;
	const char		*msg, *nl;

	*m = (struct milestone){ 0 };
	m->tag = xstrdup(tagname);
	git_oid_tostr(m->commit, sizeof m->commit, commit);
	if (tag == NULL) {
		m->name = xstrdup(tagname + strlen(MILESTONE_TAG_PREFIX));
		return;
	}
	if ((who = git_tag_tagger(tag)) != NULL) {
		m->time = (int64_t)who->when.time;
		m->offset = who->when.offset;
	}
	msg = git_tag_message(tag);
	if (msg == NULL)
		msg = "";
	nl = strchr(msg, '\n');
	m->name = nl != NULL ? xstrndup(msg, (size_t)(nl - msg)) :
	    xstrdup(msg);
	if (*m->name == '\0') {
		free(m->name);
		m->name = xstrdup(tagname + strlen(MILESTONE_TAG_PREFIX));
	}
	/* "key: N" lines after the name. */
	for (const char *line = nl; line != NULL && *line != '\0';
	    line = strchr(line + 1, '\n')) {
		static const struct {
			const char	*key;
			int		 risk;	/* -1 questions, -2 answered */
		} keys[] = {
			{ "questions", -1 }, { "answered", -2 },
			{ "high", RISK_HIGH }, { "medium", RISK_MEDIUM },
			{ "none", RISK_NONE },
			{ "not-applicable", RISK_NOT_APPLICABLE },
			{ "unanswered", RISK_UNANSWERED },
		};
		const char *s = line + 1;

		for (size_t i = 0; i < nitems(keys); i++) {
			size_t		 n = strlen(keys[i].key);
			unsigned	 v;

			if (strncmp(s, keys[i].key, n) != 0 || s[n] != ':' ||
			    sscanf(s + n + 1, " %u", &v) != 1)
				continue;
			m->has_tally = true;
			if (keys[i].risk == -1)
				m->tally.questions = v;
			else if (keys[i].risk == -2)
				m->tally.answered = v;
			else
				m->tally.n[keys[i].risk] = v;
		}
	}
}

/* One line more of what was repaired on the way. */
static void
note(struct buf *b, const char *fmt, ...)
{
	va_list	 ap;
	char	*s;

	va_start(ap, fmt);
	s = xvasprintf(fmt, ap);
	va_end(ap);
	if (b->len > 0)
		buf_adds(b, "; ");
	buf_adds(b, s);
	free(s);
}

/* --- Stale temporary files --- */

static void
remove_if_stale(const char *dir, const char *name, time_t now)
{
	char		*path = path_join(dir, name);
	struct stat	 sb;

	if (lstat(path, &sb) == 0 && S_ISREG(sb.st_mode) &&
	    temporary_stale(name, &sb, now) && unlink(path) != 0) {
		/* Best effort: it is never committed anyway. */
	}
	free(path);
}

/* The stale temporary files at the top of the workspace, of the files wafr
 * owns; those in its folders go as they are staged (stage_folder). */
static void
remove_stale_temporaries(const char *dir)
{
	time_t		 now = time(NULL);
	DIR		*d;
	struct dirent	*e;

	if ((d = opendir(dir)) == NULL)
		return;
	while ((e = readdir(d)) != NULL) {
		if (!is_temporary(e->d_name))
			continue;
		for (size_t i = 0; i < nitems(owned); i++) {
			size_t n = strlen(owned[i]);

			if ((strncmp(e->d_name, owned[i], n) == 0 &&
			    strncmp(e->d_name + n, ".tmp.", 5) == 0) ||
			    (e->d_name[0] == '.' &&
			    strncmp(e->d_name + 1, owned[i], n) == 0 &&
			    strncmp(e->d_name + 1 + n, ".wafr-tmp-", 10) == 0)) {
				remove_if_stale(dir, e->d_name, now);
				break;
			}
		}
	}
	closedir(d);
}

/* --- The guard of a milestone in the making --- */

/* While a milestone is made, .git/wafr-milestone is locked (fcntl) and
 * says when it began and, once its commit exists, which tag that commit
 * gets. It is removed when the milestone is done. Found unlocked but not
 * empty, it tells of a milestone that was killed: the git locks made
 * since it began are stale, and its commit may lack its tag. */
struct guard {
	int	 fd;
	char	*path;
	time_t	 dead_since;	/* when a killed milestone began, else 0 */
	char	*dead_commit;	/* its commit, once made */
	char	*dead_tag;	/* and the tag it was to get */
};

#define GUARD_INIT { -1, NULL, 0, NULL, NULL }

static void
guard_parse(struct guard *g, const char *text)
{
	for (const char *line = text; line != NULL && *line != '\0';
	    line = strchr(line, '\n'), line = line != NULL ? line + 1 : NULL) {
		long long	 pid, when;
		const char	*sp;
		size_t		 len = strcspn(line, "\n");

		if (sscanf(line, "start %lld %lld", &pid, &when) == 2 &&
		    when > 0)
			g->dead_since = (time_t)when;
		else if (len == 4 && strncmp(line, "done", 4) == 0) {
			/* That milestone was done: nothing is left over. */
			g->dead_since = 0;
			free(g->dead_commit);
			free(g->dead_tag);
			g->dead_commit = g->dead_tag = NULL;
		}
		else if (strncmp(line, "commit ", 7) == 0 &&
		    (sp = memchr(line + 7, ' ', len - 7)) != NULL &&
		    sp[1] != '\n' && sp[1] != '\0') {
			free(g->dead_commit);
			free(g->dead_tag);
			g->dead_commit = xstrndup(line + 7,
			    (size_t)(sp - (line + 7)));
			g->dead_tag = xstrndup(sp + 1, len -
			    (size_t)(sp + 1 - line));
		}
	}
}

static int
guard_write(struct guard *g, const char *text, char **cause)
{
	if (write_full(g->fd, text, strlen(text)) != 0)
		return fail(cause, "%s: %s", g->path, strerror(errno));
	return 0;
}

static int
guard_take(git_repository *repo, const char *dir, struct guard *g,
    char **cause)
{
	struct flock	 fl;
	struct stat	 a, b;
	char		*data = NULL, *start;
	size_t		 size;
	int		 e, ret;

	g->path = xasprintf("%swafr-milestone", git_repository_path(repo));
	for (int tries = 0; ; tries++) {
		if ((g->fd = open(g->path, O_RDWR | O_CREAT | O_CLOEXEC,
		    0644)) == -1)
			return fail(cause, "%s: %s", g->path, strerror(errno));
		memset(&fl, 0, sizeof fl);
		fl.l_type = F_WRLCK;
		fl.l_whence = SEEK_SET;
		if (fcntl(g->fd, F_SETLK, &fl) == -1) {
			e = errno;
			close(g->fd);
			g->fd = -1;
			if (e == EACCES || e == EAGAIN)
				return fail(cause, _("%s: another wafr "
				    "milestone is being saved there; try again "
				    "when it is done"), dir);
			return fail(cause, "%s: %s", g->path, strerror(e));
		}
		/* Locked what is still the guard, not one just removed. */
		if (fstat(g->fd, &a) == 0 && stat(g->path, &b) == 0 &&
		    a.st_dev == b.st_dev && a.st_ino == b.st_ino)
			break;
		close(g->fd);
		g->fd = -1;
		if (tries == 8)
			return fail(cause, "%s: %s", g->path,
			    strerror(EAGAIN));
	}
	if (read_file(g->path, &data, &size, cause) != 0)
		return -1;
	guard_parse(g, data);
	free(data);
	/* A guard with nothing left to do starts again. What a killed
	 * milestone left to do is added to, never written again: it stays
	 * until it is done, whenever this one is killed too. */
	if ((g->dead_since == 0 && g->dead_commit == NULL &&
	    ftruncate(g->fd, 0) == -1) || lseek(g->fd, 0, SEEK_END) == -1)
		return fail(cause, "%s: %s", g->path, strerror(errno));
	start = xasprintf("start %ld %lld\n", (long)getpid(),
	    (long long)(g->dead_since != 0 ? g->dead_since : time(NULL)));
	ret = guard_write(g, start, cause);
	free(start);
	return ret;
}

/* Done, or failed with nothing half-made: the guard says so (the file
 * stays, one fewer to make and remove each time). KEEP leaves it as it is
 * for the next milestone to finish what this one could not. */
static void
guard_release(struct guard *g, bool keep)
{
	if (g->fd != -1) {
		if (!keep && guard_write(g, "done\n", NULL) != 0) {
			/* Nothing more to do: a guard that seems killed only
			 * lets the next milestone remove locks that are
			 * gone. */
		}
		close(g->fd);
	}
	free(g->path);
	free(g->dead_commit);
	free(g->dead_tag);
	*g = (struct guard)GUARD_INIT;
}

/* --- Git locks --- */

/* DIR/.git/REL.lock: a git command changes REL while it exists. A stale
 * one (older than STALE_SECONDS, or made since a killed wafr milestone
 * began) is removed, and said so. A live one fails when HARD; else it is
 * left alone (a git status holds the index a moment, say). */
static int
clear_lock(git_repository *repo, const char *rel, bool hard,
    time_t dead_since, struct buf *notice, char **cause)
{
	const char	*base;
	char		*path;
	struct stat	 sb;
	time_t		 now = time(NULL);
	int		 ret = 0;

	/* The index and HEAD are a work tree's own; refs are shared by the
	 * work trees of a repository. */
	base = strcmp(rel, "index") == 0 || strcmp(rel, "HEAD") == 0 ?
	    git_repository_path(repo) : git_repository_commondir(repo);
	path = xasprintf("%s%s%s.lock", base, *base != '\0' &&
	    base[strlen(base) - 1] == '/' ? "" : "/", rel);
	if (lstat(path, &sb) != 0) {
		if (errno != ENOENT)
			ret = fail(cause, "%s: %s", path, strerror(errno));
	} else if (now - sb.st_mtime >= STALE_SECONDS ||
	    (dead_since != 0 && sb.st_mtime >= dead_since - 1)) {
		if (unlink(path) != 0 && errno != ENOENT)
			ret = fail(cause, "%s: %s", path, strerror(errno));
		else
			note(notice, _("removed %s, a lock left by an "
			    "interrupted git command"), path);
	} else if (hard)
		ret = fail(cause, _("%s is being changed by another git "
		    "command (%s exists): try again when it is done, or "
		    "remove that file if no git command is running"), rel,
		    path);
	free(path);
	return ret;
}

/* The locks a milestone takes: the branch's and the tag's must be free;
 * the index's and packed-refs' are removed only when stale. */
static int
clear_locks(git_repository *repo, const char *branch, const char *refname,
    const struct guard *g, struct buf *notice, char **cause)
{
	int ret = 0;

	if (clear_lock(repo, branch, true, g->dead_since, notice, cause) != 0 ||
	    clear_lock(repo, refname, true, g->dead_since, notice,
	    cause) != 0 ||
	    clear_lock(repo, "index", false, g->dead_since, notice,
	    cause) != 0 ||
	    clear_lock(repo, "packed-refs", false, g->dead_since, notice,
	    cause) != 0 ||
	    clear_lock(repo, "HEAD", false, g->dead_since, notice, cause) != 0)
		return -1;
	if (g->dead_tag != NULL) {
		char *dead = xasprintf("refs/tags/%s", g->dead_tag);

		if (strcmp(dead, refname) != 0)
			ret = clear_lock(repo, dead, true, g->dead_since,
			    notice, cause);
		free(dead);
	}
	return ret;
}

/* --- Finishing a milestone that was killed --- */

/* The commit a killed milestone put on the branch, tagged as it would
 * have been (by the commit's time, with the message made from the
 * commit's): 1 tagged, 0 nothing to do, -1 failed. */
static int
finish_killed(git_repository *repo, const git_oid *tip, const struct guard *g,
    git_oid *commit_id, git_oid *tag_id, struct buf *notice, char **cause)
{
	git_reference	*ref = NULL;
	git_commit	*c = NULL;
	struct buf	 tagmsg = { 0 };
	const char	*msg;
	char		*refname, hex[GIT_OID_HEXSZ + 1];
	int		 r, ret = 0;

	if (g->dead_commit == NULL || tip == NULL)
		return 0;
	if (git_oid_fromstr(commit_id, g->dead_commit) != 0) {
		git_error_clear();
		return 0;
	}
	refname = xasprintf("refs/tags/%s", g->dead_tag);
	r = git_reference_lookup(&ref, repo, refname);
	git_reference_free(ref);
	free(refname);
	git_error_clear();
	if (r != GIT_ENOTFOUND)
		return 0;	/* tagged already, or not ours to touch */
	/* Only a commit the branch holds: the branch moves before the tag. */
	if (!git_oid_equal(tip, commit_id) &&
	    git_graph_descendant_of(repo, tip, commit_id) != 1) {
		git_error_clear();
		return 0;
	}
	if (git_commit_lookup(&c, repo, commit_id) != 0) {
		git_error_clear();
		return 0;
	}
	msg = git_commit_message(c);
	if (msg == NULL || strncmp(msg, "Milestone: ", 11) != 0)
		goto out;
	buf_adds(&tagmsg, msg + 11);
	if (git_commit_parentcount(c) > 0) {
		git_oid_tostr(hex, sizeof hex, git_commit_parent_id(c, 0));
		buf_printf(&tagmsg, "\nprevious: %s\n", hex);
	}
	if (git_tag_create(tag_id, repo, g->dead_tag, (const git_object *)c,
	    git_commit_committer(c), tagmsg.s, 0) != 0) {
		ret = git_fail(cause, g->dead_tag);
		goto out;
	}
	note(notice, _("the milestone saved as tag %s was interrupted "
	    "before its tag was made: the tag is made now"), g->dead_tag);
	ret = 1;
out:
	buf_free(&tagmsg);
	git_commit_free(c);
	return ret;
}

/* Take the branch back from COMMIT to PARENT (unborn: remove it), if
 * nobody moved it since. */
static int
unmove_branch(git_repository *repo, const char *branch, const git_oid *commit,
    const git_oid *parent, bool unborn)
{
	git_reference	*ref = NULL, *back = NULL;
	int		 r;

	if (git_reference_lookup(&ref, repo, branch) != 0) {
		git_error_clear();
		return -1;
	}
	if (git_reference_target(ref) == NULL ||
	    !git_oid_equal(git_reference_target(ref), commit))
		r = -1;
	else if (unborn)
		r = git_reference_delete(ref);
	else
		r = git_reference_create_matching(&back, repo, branch, parent,
		    1, commit, "wafr: milestone undone");
	git_reference_free(back);
	git_reference_free(ref);
	git_error_clear();
	return r == 0 ? 0 : -1;
}

int
history_milestone(const char *dir, const struct state *st, const char *name,
    const char *index, history_write_fn *write_files, void *arg,
    struct milestone *out, char **cause)
{
	git_repository		*repo = NULL;
	git_index		*idx = NULL;
	struct stager		 stage = { 0 };
	git_signature		*sig = NULL;
	git_tree		*tree = NULL;
	git_commit		*parent = NULL, *done = NULL;
	git_object		*target = NULL;
	git_reference		*head = NULL, *ref = NULL, *moved = NULL;
	git_reference		*tagref = NULL;
	git_tag			*tag = NULL;
	struct pack_memory	*mem = NULL;
	git_oid			 tree_id, commit_id, tag_id, parent_id;
	struct guard		 g = GUARD_INIT;
	const char		*branch;
	char			*slug = NULL, *tagname = NULL, *refname = NULL;
	char			*line = NULL, hex[GIT_OID_HEXSZ + 1];
	char			*left = NULL;
	struct buf		 msg = { 0 }, tagmsg = { 0 }, notice = { 0 };
	bool			 branch_moved = false, unborn = false;
	bool			 keep_guard = false, finished = false;
	bool			 trusted = false;
	int			 r, ret = -1;

	if (check_name(name, cause) != 0)
		return -1;
	git_start();
	slug = milestone_slug(name);
	tagname = xasprintf("%s%s", MILESTONE_TAG_PREFIX, slug);
	refname = xasprintf("refs/tags/%s", tagname);
	if (open_repo(dir, &repo, cause) != 0 ||
	    check_repo_state(repo, dir, cause) != 0 ||
	    guard_take(repo, dir, &g, cause) != 0)
		goto out;
	keep_guard = g.dead_commit != NULL;	/* until its tag is seen to */

	/* The branch HEAD points to, and its tip unless it is unborn. */
	if (git_reference_lookup(&head, repo, "HEAD") != 0 ||
	    (branch = git_reference_symbolic_target(head)) == NULL) {
		git_fail(cause, "HEAD");
		goto out;
	}
	if (clear_locks(repo, branch, refname, &g, &notice, cause) != 0)
		goto out;
	remove_stale_temporaries(dir);
	r = git_reference_name_to_id(&parent_id, repo, branch);
	if (r == GIT_ENOTFOUND) {
		unborn = true;
		git_error_clear();
	} else if (r != 0 || git_commit_lookup(&parent, repo,
	    &parent_id) != 0) {
		git_fail(cause, branch);
		goto out;
	}

	/* A milestone killed after it moved the branch gets its tag. */
	r = finish_killed(repo, unborn ? NULL : &parent_id, &g, &commit_id,
	    &tag_id, &notice, cause);
	if (r < 0)
		goto out;	/* the guard stays: the next one tries again */
	keep_guard = false;
	finished = r == 1 && strcmp(g.dead_tag, tagname) == 0;

	r = git_reference_lookup(&ref, repo, refname);
	if (r == 0 && !finished) {
		fail(cause, _("milestone \"%s\" already exists (tag %s)"), name,
		    tagname);
		goto out;
	}
	if (r != 0 && r != GIT_ENOTFOUND) {
		git_fail(cause, refname);
		goto out;
	}
	git_error_clear();

	/* The milestone's objects go to memory, and to disk as one pack
	 * before a reference names any of them. */
	if (pack_memory_attach(repo, false, &mem) != 0) {
		git_fail(cause, _("git objects"));
		goto out;
	}
	if (stage_open(repo, &stage, cause) != 0)
		goto out;
	idx = stage.idx;
	/* The index as the last milestone left it (no git command changed
	 * it since): a file that matches its entry is what that milestone
	 * committed, and the answers it shows did not change since, or the
	 * file would have been written again. */
	trusted = stage.index != NULL && index != NULL &&
	    strcmp(stage.index, index) == 0;
	if (write_files(arg, trusted ? stage_current : NULL, &stage,
	    cause) != 0 || stage_owned(&stage) != 0)
		goto out;
	if (git_index_has_conflicts(idx)) {
		fail(cause, _("%s: the git index has unresolved conflicts"),
		    dir);
		goto out;
	}
	if (git_index_write_tree(&tree_id, idx) != 0 ||
	    git_tree_lookup(&tree, repo, &tree_id) != 0) {
		git_fail(cause, _("git index"));
		goto out;
	}

	if (finished) {
		/* The same milestone again: it is the one just finished if
		 * nothing changed since; else the name is taken. */
		if (git_commit_lookup(&done, repo, &commit_id) != 0) {
			git_fail(cause, tagname);
			goto out;
		}
		if (!git_oid_equal(git_commit_tree_id(done), &tree_id)) {
			fail(cause, _("milestone \"%s\" already exists (tag "
			    "%s)"), name, tagname);
			goto out;
		}
		goto made;
	}

	if (signature(repo, &sig, cause) != 0)
		goto out;
	buf_printf(&msg, "Milestone: %s\n\n", name);
	tally_text(&msg, st);
	buf_printf(&tagmsg, "%s\n\n", name);
	tally_text(&tagmsg, st);
	if (!unborn) {
		git_oid_tostr(hex, sizeof hex, &parent_id);
		buf_printf(&tagmsg, "\nprevious: %s\n", hex);
	}
	if (git_commit_create(&commit_id, repo, NULL, sig, sig, NULL, msg.s,
	    tree, unborn ? 0 : 1, (const git_commit **)&parent) != 0 ||
	    git_object_lookup(&target, repo, &commit_id,
	    GIT_OBJECT_COMMIT) != 0) {
		git_fail(cause, _("git commit"));
		goto out;
	}
	if (git_tag_annotation_create(&tag_id, repo, tagname, target, sig,
	    tagmsg.s) != 0) {
		git_fail(cause, tagname);
		goto out;
	}
	if (pack_memory_flush(mem) != 0) {
		git_fail(cause, _("git objects"));
		goto out;
	}

	/* The branch first, then the tag: a kill in between leaves a commit
	 * on the branch whose tag the guard names for the next milestone,
	 * never a tag off the branch. */
	git_oid_tostr(hex, sizeof hex, &commit_id);
	line = xasprintf("commit %s %s\n", hex, tagname);
	if (guard_write(&g, line, cause) != 0)
		goto out;
	if (unborn)
		r = git_reference_create(&moved, repo, branch, &commit_id, 0,
		    msg.s);
	else
		r = git_reference_create_matching(&moved, repo, branch,
		    &commit_id, 1, &parent_id, msg.s);
	if (r != 0) {
		git_fail(cause, branch);
		goto out;
	}
	branch_moved = true;

	r = git_reference_create(&tagref, repo, refname, &tag_id, 0, NULL);
	if (r == GIT_EEXISTS) {
		fail(cause, _("milestone \"%s\" already exists (tag %s)"), name,
		    tagname);
		goto out;
	}
	if (r != 0) {
		git_fail(cause, tagname);
		goto out;
	}
	branch_moved = false;
made:
	/* The index names the blobs just staged: they go to disk first. */
	if (pack_memory_flush(mem) != 0) {
		git_fail(cause, _("git objects"));
		goto out;
	}
	/* The index now matches the commit: git status is clean. */
	if (git_index_write(idx) != 0) {
		/* The milestone is made; a stale index is only cosmetic. */
		git_error_clear();
	} else
		left = index_stamp(repo);
	if (out != NULL) {
		if (git_tag_lookup(&tag, repo, &tag_id) != 0) {
			git_fail(cause, tagname);
			goto out;
		}
		milestone_from_tag(out, tagname, &commit_id, tag);
		out->notice = notice.len > 0 ? buf_take(&notice) : NULL;
		/* Unless a new one was written, the index is as it was. */
		out->index = left != NULL ? xstrdup(left) : trusted ?
		    xstrdup(stage.index) : NULL;
	}
	ret = 0;
out:
	/* A tag that could not be made: the branch goes back; if it cannot,
	 * the guard stays and the next milestone makes the tag. */
	if (branch_moved && unmove_branch(repo, branch, &commit_id, &parent_id,
	    unborn) != 0)
		keep_guard = true;
	guard_release(&g, keep_guard);
	free(left);
	buf_free(&msg);
	buf_free(&tagmsg);
	buf_free(&notice);
	free(line);
	git_tag_free(tag);
	git_reference_free(tagref);
	git_reference_free(moved);
	git_reference_free(ref);
	git_reference_free(head);
	git_object_free(target);
	git_commit_free(done);
	git_commit_free(parent);
	git_tree_free(tree);
	git_signature_free(sig);
	git_index_free(idx);
	stage_close(&stage);
	git_repository_free(repo);
	git_libgit2_shutdown();
	free(slug);
	free(tagname);
	free(refname);
	return ret;
}

/* For sorting: a milestone and the commit its own commit came after. */
struct listed {
	struct milestone	m;
	git_oid			id;	/* its commit */
	git_oid			prev;	/* zero when unknown */
	size_t			depth;	/* milestones of its second before it */
	bool			known;	/* depth computed */
};

/* "previous: HEX" in a tag message: the parent of the milestone commit. */
static void
parse_previous(const char *msg, git_oid *prev)
{
	const char *p;

	memset(prev, 0, sizeof *prev);
	for (p = msg; p != NULL && *p != '\0'; p = strchr(p, '\n')) {
		if (*p == '\n')
			p++;
		if (strncmp(p, "previous: ", 10) == 0) {
			if (git_oid_fromstrn(prev, p + 10, GIT_OID_HEXSZ) != 0)
				memset(prev, 0, sizeof *prev);
			return;
		}
	}
}

static int
cmp_newest(const void *a, const void *b)
{
	const struct listed *x = a, *y = b;

	if (x->m.time != y->m.time)
		return x->m.time > y->m.time ? -1 : 1;
	if (x->depth != y->depth)
		return x->depth > y->depth ? -1 : 1;
	return strcmp(x->m.tag, y->m.tag);
}

static int
cmp_id(const void *a, const void *b)
{
	return git_oid_cmp(&(*(struct listed *const *)a)->id,
	    &(*(struct listed *const *)b)->id);
}

/* How many milestones of the group lie behind l, link by link. */
static size_t
depth(struct listed *l, struct listed **byid, size_t n, size_t limit)
{
	struct listed	 key, *kp = &key, **hit;

	if (l->known)
		return l->depth;
	l->known = true;	/* a cycle ends here */
	l->depth = 0;
	key.id = l->prev;
	hit = bsearch(&kp, byid, n, sizeof *byid, cmp_id);
	if (hit != NULL && *hit != l && limit > 0)
		l->depth = depth(*hit, byid, n, limit - 1) + 1;
	return l->depth;
}

/* Newest first by date; milestones saved within one second are ordered by
 * the commit each one came after, from the tags alone: listing reads one
 * object per milestone, whatever their number. */
static void
order(struct listed *v, size_t n)
{
	if (n < 2)
		return;
	qsort(v, n, sizeof *v, cmp_newest);
	for (size_t i = 0, end; i < n; i = end) {
		struct listed **byid;

		for (end = i + 1; end < n && v[end].m.time == v[i].m.time; end++)
			;
		if (end - i < 2)
			continue;
		byid = xcalloc(end - i, sizeof *byid);
		for (size_t j = i; j < end; j++)
			byid[j - i] = &v[j];
		qsort(byid, end - i, sizeof *byid, cmp_id);
		for (size_t j = i; j < end; j++)
			depth(&v[j], byid, end - i, end - i);
		free(byid);
		qsort(v + i, end - i, sizeof *v, cmp_newest);
	}
}

int
history_milestones(const char *dir, struct milestone **out,
    size_t *nout, char **cause)
{
	git_repository		*repo = NULL;
	git_reference_iterator	*it = NULL;
	git_reference		*ref;
	struct listed		*v = NULL;
	size_t			 n = 0, cap = 0;
	int			 r, ret = -1;

	*out = NULL;
	*nout = 0;
	git_start();
	if (open_repo(dir, &repo, cause) != 0)
		goto out;
	if (git_reference_iterator_glob_new(&it, repo,
	    "refs/tags/" MILESTONE_TAG_PREFIX "*") != 0) {
		git_fail(cause, _("git tags"));
		goto out;
	}
	while ((r = git_reference_next(&ref, it)) == 0) {
		const git_oid	*id = git_reference_target(ref);
		const char	*tagname = git_reference_name(ref) +
		    strlen("refs/tags/");
		git_object	*obj = NULL, *peeled = NULL;
		git_tag		*tag = NULL;
		struct listed	*l;

		if (id == NULL)
			goto next;
		/* An annotated tag of a commit: the tag object is enough. */
		if (git_tag_lookup(&tag, repo, id) == 0 &&
		    git_tag_target_type(tag) == GIT_OBJECT_COMMIT) {
			l = ARRAY_PUSH(v, n, cap);
			git_oid_cpy(&l->id, git_tag_target_id(tag));
			milestone_from_tag(&l->m, tagname, &l->id, tag);
			parse_previous(git_tag_message(tag), &l->prev);
			goto next;
		}
		/* Anything else someone tagged by hand, if it is a commit. */
		git_error_clear();
		if (git_object_lookup(&obj, repo, id, GIT_OBJECT_ANY) != 0 ||
		    git_object_peel(&peeled, obj, GIT_OBJECT_COMMIT) != 0) {
			git_error_clear();
			goto next;
		}
		l = ARRAY_PUSH(v, n, cap);
		git_oid_cpy(&l->id, git_object_id(peeled));
		milestone_from_tag(&l->m, tagname, &l->id,
		    git_object_type(obj) == GIT_OBJECT_TAG ?
		    (const git_tag *)obj : NULL);
		if (git_object_type(obj) != GIT_OBJECT_TAG) {
			const git_signature *c = git_commit_committer(
			    (const git_commit *)peeled);

			l->m.time = (int64_t)c->when.time;
			l->m.offset = c->when.offset;
		}
	next:
		git_object_free(peeled);
		git_object_free(obj);
		git_tag_free(tag);
		git_reference_free(ref);
	}
	if (r != GIT_ITEROVER) {
		git_fail(cause, _("git tags"));
		goto out;
	}
	order(v, n);
	*out = xcalloc(n + 1, sizeof **out);
	for (size_t i = 0; i < n; i++) {
		(*out)[i] = v[i].m;
		v[i].m = (struct milestone){ 0 };
	}
	*nout = n;
	ret = 0;
out:
	for (size_t i = 0; i < n; i++)
		milestone_free(&v[i].m);
	free(v);
	git_reference_iterator_free(it);
	git_repository_free(repo);
	git_libgit2_shutdown();
	return ret;
}

/* A milestone name, a tag or any commit-ish to a commit. */
static int
resolve(git_repository *repo, const char *spec, git_commit **commit,
    char **cause)
{
	git_object	*obj = NULL, *peeled = NULL;
	char		*slug = milestone_slug(spec), *ref;
	int		 r;

	ref = xasprintf("refs/tags/%s%s", MILESTONE_TAG_PREFIX, slug);
	free(slug);
	r = git_revparse_single(&obj, repo, ref);
	free(ref);
	if (r != 0)
		r = git_revparse_single(&obj, repo, spec);
	if (r != 0) {
		git_error_clear();
		return fail(cause, _("no milestone, tag or commit \"%s\" (see "
		    "wafr milestones)"), spec);
	}
	r = git_object_peel(&peeled, obj, GIT_OBJECT_COMMIT);
	git_object_free(obj);
	if (r != 0)
		return fail(cause, _("\"%s\" does not name a commit"), spec);
	*commit = (git_commit *)peeled;
	return 0;
}

/* Reading snapshot files from a commit's tree. The reader goes through a
 * folder's files one after another (snapshot_read_state lists a pillar's
 * folder, then reads its answers), so the trees of the folders of the last
 * path are kept, level by level: each tree is read once and each entry is
 * found by name in its own folder, never from the root again. (libgit2
 * keeps no tree over 4 KiB in its cache: one of a lens's thousands of
 * pillars would be read again for every file below it.) */
#define TREE_DEPTH 8

struct tree_src {
	git_repository	*repo;
	const char	*dir;			/* the workspace */
	git_tree	*level[TREE_DEPTH + 1];	/* [0] the commit's tree */
	char		*name[TREE_DEPTH + 1];	/* of level[i], i > 0 */
	size_t		 depth;			/* levels kept below [0] */
};

static void
tree_src_drop(struct tree_src *t, size_t keep)
{
	while (t->depth > keep) {
		git_tree_free(t->level[t->depth]);
		free(t->name[t->depth]);
		t->level[t->depth] = NULL;
		t->name[t->depth] = NULL;
		t->depth--;
	}
}

/* The tree of folder DIR (LEN bytes of a path, "" the root): 0, 1 no such
 * folder, -1. */
static int
tree_folder(struct tree_src *t, const char *dir, size_t len,
    const git_tree **out, char **cause)
{
	const char	*p = dir, *end = dir + len;
	size_t		 i = 0;

	while (p < end) {
		const git_tree_entry	*e;
		size_t			 n = strcspn(p, "/");
		char			*part;

		if (n > (size_t)(end - p))
			n = (size_t)(end - p);
		if (i == TREE_DEPTH)
			return 1;	/* deeper than wafr writes */
		if (i < t->depth && strlen(t->name[i + 1]) == n &&
		    memcmp(t->name[i + 1], p, n) == 0) {
			i++;
			p += n + (p + n < end);
			continue;
		}
		tree_src_drop(t, i);
		part = xstrndup(p, n);
		e = git_tree_entry_byname(t->level[i], part);
		if (e == NULL || git_tree_entry_type(e) != GIT_OBJECT_TREE) {
			free(part);
			return 1;
		}
		if (git_tree_lookup(&t->level[i + 1], t->repo,
		    git_tree_entry_id(e)) != 0) {
			char *what = xstrndup(dir, len);

			git_fail(cause, what);
			free(what);
			free(part);
			return -1;
		}
		t->name[++i] = part;
		t->depth = i;
		p += n + (p + n < end);
	}
	*out = t->level[i];
	return 0;
}

/* The entry REL of the tree, of TYPE: 0, 1 none, -1. */
static int
tree_entry(struct tree_src *t, const char *rel, git_object_t type,
    const git_tree_entry **out, char **cause)
{
	const char	*slash = strrchr(rel, '/');
	const git_tree	*dir;
	int		 r;

	r = tree_folder(t, rel, slash != NULL ? (size_t)(slash - rel) : 0, &dir,
	    cause);
	if (r != 0)
		return r;
	*out = git_tree_entry_byname(dir, slash != NULL ? slash + 1 : rel);
	return *out != NULL && git_tree_entry_type(*out) == type ? 0 : 1;
}

static int
tree_read(void *arg, const char *rel, char **data, size_t *size,
    char **cause)
{
	struct tree_src		*t = arg;
	const git_tree_entry	*e;
	git_blob		*blob;
	int			 r;

	if ((r = tree_entry(t, rel, GIT_OBJECT_BLOB, &e, cause)) != 0)
		return r;
	if (git_blob_lookup(&blob, t->repo, git_tree_entry_id(e)) != 0)
		return git_fail(cause, rel);
	*size = (size_t)git_blob_rawsize(blob);
	*data = xmalloc(*size + 1);
	memcpy(*data, git_blob_rawcontent(blob), *size);
	(*data)[*size] = '\0';
	git_blob_free(blob);
	return 0;
}

/* By the hash of the bytes against the entry's: no blob is read. */
static int
tree_holds(void *arg, const char *rel, const char *data, size_t size)
{
	const git_tree_entry	*e;
	git_oid			 id;

	if (tree_entry(arg, rel, GIT_OBJECT_BLOB, &e, NULL) != 0 ||
	    git_odb_hash(&id, data, size, GIT_OBJECT_BLOB) != 0) {
		git_error_clear();
		return 0;
	}
	return git_oid_equal(&id, git_tree_entry_id(e));
}

static int
tree_list(void *arg, const char *rel, char ***names, size_t *n, char **cause)
{
	struct tree_src	*t = arg;
	const git_tree	*tree;
	size_t		 count;
	int		 r;

	*names = NULL;
	*n = 0;
	if ((r = tree_folder(t, rel, strlen(rel), &tree, cause)) != 0)
		return r;
	count = git_tree_entrycount(tree);
	*names = xcalloc(count + 1, sizeof **names);
	for (size_t i = 0; i < count; i++) {
		const char *name = git_tree_entry_name(
		    git_tree_entry_byindex(tree, i));

		if (name[0] == '.')
			continue;
		(*names)[(*n)++] = xstrdup(name);
	}
	qsort(*names, *n, sizeof **names, cmp_name);
	return 0;
}

/* The compiled lens in the workspace's cache (.wafr/lens-NAME.cache) for
 * the key, or NULL. */
static struct lens *
cached_lens(const char *dir, const char *name, const struct lens_pack_key *k)
{
	char	*path, *bytes, *why = NULL;
	size_t	 n;
	int	 fd;

	path = xasprintf("%s/.wafr/lens-%s.cache", dir, name);
	fd = open(path, O_RDONLY | O_NOFOLLOW | O_CLOEXEC);
	if (fd == -1 || read_fd(fd, path, &bytes, &n, &why) != 0) {
		if (fd != -1)
			close(fd);
		free(why);
		free(path);
		return NULL;
	}
	close(fd);
	free(path);
	return lens_unpack(bytes, n, k);
}

/* Where a milestone's lens from the cache reads a question's choices and
 * rules that the cache turns out to hold damaged (model/lens-pack.h): the
 * blob parsed again, from the repository opened anew (the lens outlives
 * the one it came from). The damaged cache is removed, so that the next
 * command makes it again. */
struct blob_source {
	char		*dir;
	char		*name;
	char		*id;
	git_oid		 oid;
	uint64_t	 hash;
	uint64_t	 size;
};

static struct lens *
blob_source_load(void *arg)
{
	struct blob_source	*s = arg;
	git_repository		*repo = NULL;
	git_blob		*blob = NULL;
	struct lens		*l = NULL;
	struct diags		 d;
	char			*path;
	const void		*data;
	size_t			 size;

	path = xasprintf("%s/.wafr/lens-%s.cache", s->dir, s->name);
	/* One that cannot go is found damaged again, no worse. */
	(void)unlink(path);
	free(path);
	git_start();
	if (git_repository_open_ext(&repo, s->dir,
	    GIT_REPOSITORY_OPEN_NO_SEARCH, NULL) == 0 &&
	    git_blob_lookup(&blob, repo, &s->oid) == 0) {
		data = git_blob_rawcontent(blob);
		size = (size_t)git_blob_rawsize(blob);
		if (size == s->size && hash_bytes(data, size) == s->hash) {
			diags_init(&d, s->name);
			l = lens_load(data, size, s->id, &d);
			diags_free(&d);
		}
	} else
		git_error_clear();
	git_blob_free(blob);
	git_repository_free(repo);
	git_libgit2_shutdown();
	return l;
}

static void
blob_source_free(void *arg)
{
	struct blob_source *s = arg;

	free(s->dir);
	free(s->name);
	free(s->id);
	free(s);
}

/* A milestone's lens is most often the live one, which the workspace
 * keeps compiled in its cache, keyed by the hash of its bytes: that copy
 * unpacks, checked (model/lens-pack.h), when the bytes are the same. The
 * hash of a blob once read is kept beside the cache by the blob's id
 * (.wafr/lens-NAME.blob: "ID HASH SIZE"), so that a lens of megabytes is
 * not read from git again: a wrong line only misses the cache. */
static struct lens *
tree_lens(void *arg, const char *rel, const char *id)
{
	struct tree_src		*t = arg;
	const git_tree_entry	*e;
	struct lens_pack_key	 k = { 0, 0, id };
	struct lens		*l;
	git_blob		*blob = NULL;
	const char		*name = strrchr(rel, '/') + 1;
	char			*path, *text = NULL, *why = NULL, hex[41], *line;
	unsigned long long	 hash, size;
	size_t			 n;

	if (tree_entry(t, rel, GIT_OBJECT_BLOB, &e, NULL) != 0) {
		git_error_clear();
		return NULL;
	}
	git_oid_tostr(hex, sizeof hex, git_tree_entry_id(e));
	path = xasprintf("%s/.wafr/lens-%s.blob", t->dir, name);
	if (read_file(path, &text, &n, &why) == 0 && n == strlen(text) &&
	    strncmp(text, hex, 40) == 0 &&
	    sscanf(text + 40, " %16llx %llu", &hash, &size) == 2) {
		k.hash = hash;
		k.size = size;
	}
	free(why);
	free(text);
	l = k.size > 0 ? cached_lens(t->dir, name, &k) : NULL;
	/* No line, or a wrong one: the bytes say. */
	if (l == NULL && git_blob_lookup(&blob, t->repo,
	    git_tree_entry_id(e)) == 0) {
		lens_pack_key(&k, git_blob_rawcontent(blob),
		    (size_t)git_blob_rawsize(blob), id);
		l = cached_lens(t->dir, name, &k);
	} else if (l == NULL)
		git_error_clear();
	if (l != NULL) {
		struct blob_source *s = xcalloc(1, sizeof *s);

		s->dir = xstrdup(t->dir);
		s->name = xstrdup(name);
		s->id = xstrdup(id);
		s->oid = *git_tree_entry_id(e);
		s->hash = k.hash;
		s->size = k.size;
		lens_pack_source(l, blob_source_load, blob_source_free, s);
	}
	if (l != NULL && blob != NULL) {
		char	*wafr = path_join(t->dir, ".wafr");
		int	 dfd = open(wafr, O_RDONLY | O_DIRECTORY | O_NOFOLLOW |
		    O_CLOEXEC);

		line = xasprintf("%s %016llx %llu\n", hex,
		    (unsigned long long)k.hash, (unsigned long long)k.size);
		if (dfd != -1 && write_file_replace_at(dfd, strrchr(path, '/') +
		    1, path, line, strlen(line), &why) != 0)
			free(why);	/* only read again next time */
		if (dfd != -1)
			close(dfd);
		free(line);
		free(wafr);
	}
	git_blob_free(blob);
	free(path);
	return l;
}

int
history_state(const char *dir, const char *spec, struct state **out,
    char *hex, char **cause)
{
	git_repository		*repo = NULL;
	git_commit		*commit = NULL;
	struct tree_src		 t = { 0 };
	struct snapshot_src	 src;
	int			 ret = -1;

	*out = NULL;
	git_start();
	if (open_repo(dir, &repo, cause) != 0 ||
	    resolve(repo, spec, &commit, cause) != 0)
		goto out;
	if (git_commit_tree(&t.level[0], commit) != 0) {
		git_fail(cause, spec);
		goto out;
	}
	if (hex != NULL)
		git_oid_tostr(hex, 41, git_commit_id(commit));
	t.repo = repo;
	t.dir = dir;
	src.label = spec;
	src.sep = ":";
	src.read = tree_read;
	src.list = tree_list;
	src.holds = tree_holds;
	src.lens = tree_lens;
	src.arg = &t;
	ret = snapshot_load(&src, out, cause);
	/* What the scans said at the milestone. */
	if (ret == 0 && (ret = scan_files_load(&src, &(*out)->scans,
	    cause)) != 0) {
		state_free(*out);
		*out = NULL;
	}
out:
	tree_src_drop(&t, 0);
	git_tree_free(t.level[0]);
	git_commit_free(commit);
	git_repository_free(repo);
	git_libgit2_shutdown();
	return ret;
}

/* libgit2's TLS backend (mbedTLS) parses the system's whole CA bundle each
 * time libgit2 is initialised (6 to 80 ms), though wafr opens no network
 * connection: a workspace is shared with plain git. In the lookup scope of
 * this module, loaded with dlopen, the module comes before libgit2's own
 * libraries, so libgit2 calls this instead and no certificate is read.
 * (With another TLS backend this is never called.) */
int	mbedtls_x509_crt_parse_file(void *, const char *);

int
mbedtls_x509_crt_parse_file(void *chain, const char *path)
{
	return 0;
}

/* Likewise libssh2's initialisation, which loads OpenSSL's engines (1 to
 * 4 ms): wafr opens no SSH connection either. (libssh2_exit, called at
 * libgit2's shutdown, does nothing for a library never initialised.) */
int	libssh2_init(int);

int
libssh2_init(int flags)
{
	return 0;
}

/* What the program finds once it loads this module (history-load.c). */
const struct history_module wafr_history_module = {
	HISTORY_MODULE_VERSION,
	history_set_author,
	history_init,
	history_milestone,
	history_milestones,
	history_state,
};
