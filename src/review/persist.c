/* persist.c: writing the snapshot files and REPORT.md after a change. */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <locale.h>
#include <stdlib.h>
#include <string.h>
#include <limits.h>
#include <stdio.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "base/util.h"
#include "files/scan-file.h"
#include "files/profile-file.h"
#include "files/snapshot.h"
#include "report/report.h"
#include "review/persist.h"

/* How long REPORT.md waits after a change from the command line. */
#define REPORT_PAUSE_MS	1000
/* The lock its refresh holds while it waits and writes (in .wafr), and
 * the variable that hands the lock's descriptor to it. */
#define REPORT_LOCK	"report.lock"
#define REPORT_LOCK_ENV	"WAFR_REPORT_LOCK"

/* The boot this process runs in (NULL when unknown). The files are written
 * without a flush each: a killed process leaves them with the kernel, but
 * a power cut may take them, so a store whose files were last written in
 * another boot has them all written again at its next open. */
static const char *
boot_id(void)
{
	static char	 id[64];
	static int	 known = -1;
	ssize_t		 n;
	int		 fd;

	if (known >= 0)
		return known ? id : NULL;
	known = 0;
	if ((fd = open("/proc/sys/kernel/random/boot_id", O_RDONLY |
	    O_CLOEXEC)) < 0)
		return NULL;
	n = read(fd, id, sizeof id - 1);
	close(fd);
	if (n <= 0)
		return NULL;
	id[n] = '\0';
	id[strcspn(id, "\n")] = '\0';
	known = *id != '\0';
	return known ? id : NULL;
}

static void
use_boot(struct workspace *ws)
{
	if (!ws->readonly)
		store_set_boot(ws->store, boot_id());
}

/* REPORT.md is shared through git: it is written in the lens's base
 * language and untranslated, whoever writes it, so it changes only when the
 * review does. Nor does it compare with the last milestone: saving one
 * would change it. */
static int
write_report(const struct workspace *ws, char **cause)
{
	locale_t	 c = newlocale(LC_ALL_MASK, "C", (locale_t)0), old;
	char		*md, *lang = text_language();
	struct state	 now = ws->state;
	int		 ret;

	now.baseline = NULL;
	text_set_language(NULL);
	old = c != (locale_t)0 ? uselocale(c) : (locale_t)0;
	md = report_markdown(&now);
	if (c != (locale_t)0) {
		uselocale(old);
		freelocale(c);
	}
	text_set_language(lang);
	free(lang);
	ret = snapshot_write_file(ws->dir, "REPORT.md", md, strlen(md), cause);
	free(md);
	return ret;
}

static bool
has_lens(const struct state *st, const char *id)
{
	for (size_t i = 0; i < st->nlenses; i++) {
		if (strcmp(st->lenses[i]->id, id) == 0)
			return true;
	}
	return false;
}

/* The pinned lenses: lenses/ID.yaml (or .json) as the store holds them;
 * a lens no longer in the state loses its file and its answers. */
static int
write_lens(struct workspace *ws, const struct store_change *c, char **cause)
{
	const char	*dot = strrchr(c->key, '.');
	char		*id, *rel;
	int		 ret;

	if (dot == NULL || strchr(c->key, '/') != NULL || *c->key == '.')
		return 0;	/* not a name wafr writes */
	rel = xasprintf("lenses/%s", c->key);
	if (c->after != NULL)
		ret = snapshot_write_file(ws->dir, rel, c->after, c->nafter,
		    cause);
	else
		ret = snapshot_remove(ws->dir, rel, cause);
	free(rel);
	id = xstrndup(c->key, (size_t)(dot - c->key));
	if (!has_lens(&ws->state, id)) {
		rel = xasprintf("answers/%s", id);
		if (snapshot_remove(ws->dir, rel, ret == 0 ? cause : NULL) != 0)
			ret = -1;
		free(rel);
	}
	free(id);
	return ret;
}

static void
free_names(char **names, size_t n)
{
	for (size_t i = 0; i < n; i++)
		free(names[i]);
	free(names);
}

/* After the lenses changed (a new version pinned, or an undo of it): the
 * answer files of pillars and questions the lens no longer has go, or the
 * snapshot files would not read back. */
static int
prune_answers(struct workspace *ws, char **cause)
{
	struct snapshot_src	src;
	int			ret = 0;

	snapshot_src_dir(&src, ws->dir);
	for (size_t i = 0; i < ws->state.nlenses && ret == 0; i++) {
		const struct lens	 *l = ws->state.lenses[i];
		char			**pillars, **files, *rel;
		size_t			  np, nf;

		rel = xasprintf("answers/%s", l->id);
		ret = src.list(src.arg, rel, &pillars, &np, cause);
		free(rel);
		if (ret != 0) {
			ret = ret == 1 ? 0 : -1;
			continue;
		}
		for (size_t j = 0; j < np && ret == 0; j++) {
			const struct pillar *p = lens_pillar(l, pillars[j]);

			rel = xasprintf("answers/%s/%s", l->id, pillars[j]);
			if (p == NULL) {
				ret = snapshot_remove(ws->dir, rel, cause);
				free(rel);
				continue;
			}
			ret = src.list(src.arg, rel, &files, &nf, cause);
			free(rel);
			if (ret != 0) {
				ret = ret == 1 ? 0 : -1;
				continue;
			}
			for (size_t k = 0; k < nf && ret == 0; k++) {
				const struct question	*q;
				char			*id;

				if (!str_ends_with(files[k], ".yaml") ||
				    strlen(files[k]) == 5)
					continue;
				id = xstrndup(files[k], strlen(files[k]) - 5);
				q = lens_question(l, id);
				if (q == NULL || q->pillar != p) {
					rel = xasprintf("answers/%s/%s/%s",
					    l->id, pillars[j], files[k]);
					ret = snapshot_remove(ws->dir, rel,
					    cause);
					free(rel);
				}
				free(id);
			}
			free_names(files, nf);
		}
		free_names(pillars, np);
	}
	return ret;
}

/* The change is durable; its files are not: say so, lose nothing. The
 * store keeps the entry marked, so the files are rewritten at the next
 * chance and "wafr sync" never reads them back first. */
static void
behind(struct workspace *ws, char *msg)
{
	free(ws->warning);
	ws->warning = xasprintf(_("%s (the change is saved; the files will "
	    "be rewritten)"), msg);
	free(msg);
}

static int
write_entry(struct workspace *ws, const struct journal_entry *e, char **cause)
{
	bool all = false, any = false, workload = false;

	for (size_t i = 0; i < e->nchanges; i++) {
		const struct store_change *c = &e->changes[i];

		if (c->table == TABLE_LENSES ||
		    (c->table == TABLE_WORKLOAD && strcmp(c->key, "lenses") == 0))
			all = true;
	}
	if (all && (persist_all(ws, cause) != 0 ||
	    prune_answers(ws, cause) != 0))
		return -1;
	for (size_t i = 0; i < e->nchanges; i++) {
		const struct store_change	*c = &e->changes[i];
		struct qref			 ref;

		switch (c->table) {
		case TABLE_LENSES:
			if (write_lens(ws, c, cause) != 0)
				return -1;
			any = true;
			break;
		case TABLE_ANSWERS:
		case TABLE_ROADMAP:
			if (all || state_find_key(&ws->state, c->key, &ref) != 0)
				break;
			if (snapshot_write_question(ws->dir, &ws->state, &ref,
			    cause) != 0)
				return -1;
			any = true;
			break;
		case TABLE_WORKLOAD:
			/* Once for all the properties the entry changed. */
			if (!all && !workload && snapshot_write_workload(
			    ws->dir, &ws->state, cause) != 0)
				return -1;
			workload = any = true;
			break;
		case TABLE_SCANS: {
			/* scans/SOURCE.tsv: the key begins with SOURCE. */
			char *source = xstrndup(c->key, strcspn(c->key, "/"));
			int   r = 0;

			if (!all && scan_source_valid(source))
				r = scan_files_write(ws->dir, &ws->state.scans,
				    source, cause);
			free(source);
			if (r != 0)
				return -1;
			any = true;
			break;
		}
		case TABLE_PROFILE:
			if (!all && profile_write_files(ws->dir, &ws->state,
			    cause) != 0)
				return -1;
			any = true;
			break;
		default:
			break;	/* the live session has no file */
		}
	}
	if (any && !all && ws->report_later) {
		ws->report_due = true;
		ws->report_seq = e->seq;
		return 0;
	}
	if (any && !all)
		return write_report(ws, cause);
	return 0;
}

int
persist_report(struct workspace *ws, char **cause)
{
	if (!ws->report_due || ws->readonly)
		return 0;
	if (write_report(ws, cause) != 0)
		return -1;
	ws->report_due = false;
	return 0;
}

/* The running program, to run again (NULL where the system does not
 * say). */
static char *
self_path(void)
{
	char	buf[PATH_MAX];
	ssize_t	n = readlink("/proc/self/exe", buf, sizeof buf - 1);

	if (n <= 0)
		return NULL;
	buf[n] = '\0';
	return xstrdup(buf);
}

/* The lock a waiting refresh holds, DIR/.wafr/report.lock, taken: its
 * descriptor, -1 when another process holds it (errno EWOULDBLOCK) or it
 * cannot be had. */
static int
lock_refresh(const char *dir, bool touch)
{
	char	*path = path_join(dir, ".wafr/" REPORT_LOCK);
	int	 fd, e;

	fd = open(path, O_RDWR | O_CREAT | O_NOFOLLOW | O_CLOEXEC, 0600);
	free(path);
	if (fd >= 0 && touch)
		(void)futimens(fd, NULL);
	if (fd >= 0 && flock(fd, LOCK_EX | LOCK_NB) != 0) {
		e = errno;
		close(fd);
		errno = e;
		fd = -1;
	}
	return fd;
}

static void
pause_refresh(void)
{
	const struct timespec pause = { REPORT_PAUSE_MS / 1000,
	    REPORT_PAUSE_MS % 1000 * 1000000L };

	nanosleep(&pause, NULL);
}

int
persist_report_later(const char *dir, uint64_t seq)
{
	char	*self, *arg, num[16];
	pid_t	 pid;
	int	 fd, lock;

	/* A refresh that waits sees this change when its pause ends, and
	 * waits a pause after it (the lock file's time is the time of the
	 * last change): no second one, so a script of many changes starts
	 * one, not one each. */
	if ((lock = lock_refresh(dir, true)) < 0 && errno == EWOULDBLOCK)
		return 0;
	if ((self = self_path()) == NULL) {
		if (lock >= 0)
			close(lock);
		return -1;
	}
	arg = xasprintf("%llu", (unsigned long long)seq);
	if ((pid = fork()) == 0) {
		/* Alone, silent, holding nothing of the caller's terminal
		 * or pipes: the command has returned. The lock goes on to
		 * the refresh. */
		setsid();
		if ((fd = open("/dev/null", O_RDWR | O_CLOEXEC)) >= 0) {
			dup2(fd, 0);
			dup2(fd, 1);
			dup2(fd, 2);
		}
		if (lock >= 0 && fcntl(lock, F_SETFD, 0) == 0) {
			snprintf(num, sizeof num, "%d", lock);
			setenv(REPORT_LOCK_ENV, num, 1);
		}
		pause_refresh();
		execl(self, "wafr", "report", dir, "--update", "--if-newest",
		    arg, (char *)NULL);
		_exit(127);
	}
	if (lock >= 0)
		close(lock);
	free(arg);
	free(self);
	return pid < 0 ? -1 : 0;
}

int
persist_report_lock(void)
{
	const char	*v = getenv(REPORT_LOCK_ENV);
	char		*end;
	long		 fd;

	if (v == NULL)
		return -1;
	fd = strtol(v, &end, 10);
	unsetenv(REPORT_LOCK_ENV);
	if (end == v || *end != '\0' || fd < 3 || fd > INT_MAX ||
	    fcntl((int)fd, F_SETFD, FD_CLOEXEC) != 0)
		return -1;
	return (int)fd;
}

int
persist_report_relock(const char *dir)
{
	return lock_refresh(dir, false);
}

void
persist_report_wait(int lock)
{
	struct stat	 sb;
	struct timespec	 now, left;
	long long	 ns;

	if (fstat(lock, &sb) != 0 || clock_gettime(CLOCK_REALTIME, &now) != 0)
		return;
	ns = ((long long)sb.st_mtim.tv_sec - now.tv_sec) * 1000000000LL +
	    (sb.st_mtim.tv_nsec - now.tv_nsec) + REPORT_PAUSE_MS * 1000000LL;
	if (ns <= 0)
		return;
	if (ns > REPORT_PAUSE_MS * 1000000LL)	/* the clock went back */
		ns = REPORT_PAUSE_MS * 1000000LL;
	left.tv_sec = (time_t)(ns / 1000000000LL);
	left.tv_nsec = (long)(ns % 1000000000LL);
	nanosleep(&left, NULL);
}

void
persist_entry(struct workspace *ws, const struct journal_entry *e)
{
	char *msg = NULL;

	if (persist_catch_up(ws, e->seq, &msg) != 0 ||
	    write_entry(ws, e, &msg) != 0) {
		behind(ws, msg);
		return;
	}
	if (journal_entry_has_files(e))
		store_files_written(ws->store, &e->seq, 1, NULL);
}

int
persist_all(struct workspace *ws, char **cause)
{
	return persist_files(ws, NULL, NULL, cause);
}

int
persist_files(struct workspace *ws, bool (*current)(void *, const char *),
    void *arg, char **cause)
{
	uint64_t	*seqs = NULL;
	size_t		 n = 0;
	int		 ret = -1;

	/* The changes marked behind now are in the state once it is read
	 * again: written from it, their files are caught up. */
	use_boot(ws);
	if (!ws->readonly && store_files_behind(ws->store, &seqs, &n,
	    cause) != 0)
		return -1;
	if (n > 0 && workspace_refresh(ws, cause) < 0)
		goto out;
	/* A file behind may match what was committed: none is taken as it
	 * is then. */
	if (n > 0)
		current = NULL;
	if ((ws->building ? snapshot_write_new(ws->dir, &ws->state, cause) :
	    snapshot_write_all(ws->dir, &ws->state, current, arg, cause)) != 0 ||
	    scan_files_write(ws->dir, &ws->state.scans, NULL, cause) != 0 ||
	    profile_write_files(ws->dir, &ws->state, cause) != 0 ||
	    write_report(ws, cause) != 0)
		goto out;
	ws->report_due = false;
	ret = store_files_written(ws->store, seqs, n, cause);
out:
	free(seqs);
	return ret;
}

int
persist_catch_up(struct workspace *ws, uint64_t except, char **cause)
{
	uint64_t	*seqs;
	size_t		 n;
	bool		 behind = false;

	if (ws->readonly)
		return 0;
	use_boot(ws);
	if (store_files_boot(ws->store, &behind, cause) != 0 ||
	    store_files_behind(ws->store, &seqs, &n, cause) != 0)
		return -1;
	for (size_t i = 0; i < n; i++)
		behind = behind || seqs[i] != except;
	free(seqs);
	return behind ? persist_all(ws, cause) : 0;
}
