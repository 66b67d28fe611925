/* cmd-portfolio.c: wafr portfolio DIR...: many workloads side by side.
 * Each DIR is a workspace or a folder of workspaces; each is read, never
 * changed (the store opened read-only, a clone read from its files). */
#include "config.h"

#include <dirent.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

#include "cli/cmd.h"
#include "files/snapshot.h"
#include "git/history.h"
#include "report/portfolio.h"
#include "base/util.h"

static const char options[] = N_(
"  -f, --format FORMAT   md (default), html, json or csv\n"
"  -o, --output FILE     write FILE instead of the standard output\n");

static const struct {
	const char	*name;
	char		*(*fn)(const struct portfolio *);
} formats[] = {
	{ "md", portfolio_markdown },
	{ "markdown", portfolio_markdown },
	{ "html", portfolio_html },
	{ "json", portfolio_json },
	{ "csv", portfolio_csv },
};

static bool
has(const char *dir, const char *name)
{
	struct stat	 sb;
	char		*p = path_join(dir, name);
	bool		 r = lstat(p, &sb) == 0;

	free(p);
	return r;
}

static bool
is_workspace(const char *dir)
{
	return has(dir, ".wafr/data.mdb") || has(dir, "workload.yaml");
}

static bool
is_dir(const char *path)
{
	struct stat sb;

	return stat(path, &sb) == 0 && S_ISDIR(sb.st_mode);
}

static void
skip(struct portfolio *pf, const char *dir, const char *why)
{
	cmd_error(_("%s: skipped: %s"), cmd_safe(dir), why);
	portfolio_skip(pf, dir, why);
}

/* The newest milestone and the risks then (from its tag, else from its
 * files): 0, or 1 when there is none. */
static int
newest(const char *dir, struct milestone **m, size_t *n,
    struct portfolio_milestone *pm)
{
	struct state	*then;
	char		*cause = NULL;

	if (history_milestones(dir, m, n, &cause) != 0) {
		free(cause);
		*m = NULL;
		*n = 0;
		return 1;
	}
	if (*n == 0)
		return 1;
	*pm = (struct portfolio_milestone){ (*m)[0].name, (*m)[0].time,
	    (*m)[0].offset, (*m)[0].tally };
	if (!(*m)[0].has_tally &&
	    history_state(dir, (*m)[0].commit, &then, NULL, &cause) == 0) {
		state_tally(then, -1, &pm->tally);
		state_free(then);
	}
	free(cause);
	return 0;
}

static void
add_workspace(struct portfolio *pf, const char *dir)
{
	struct portfolio_milestone	 pm;
	struct snapshot_src		 src;
	struct workspace		*ws = NULL;
	struct state			*clone = NULL;
	struct milestone		*m;
	size_t				 n;
	char				*cause = NULL;
	int				 r;

	/* A clone without its live state is read from its files, so that
	 * nothing is made in it. */
	if (has(dir, ".wafr/data.mdb"))
		r = ops_open(dir, WS_READONLY, &ws, &cause);
	else {
		snapshot_src_dir(&src, dir);
		r = snapshot_load(&src, &clone, &cause);
	}
	if (r != 0) {
		skip(pf, dir, cause);
		free(cause);
		return;
	}
	r = newest(dir, &m, &n, &pm);
	portfolio_add(pf, dir, ws != NULL ? &ws->state : clone, r == 0 ? &pm :
	    NULL);
	milestones_free(m, n);
	ops_close(ws);
	state_free(clone);
}

static int
by_name(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* A folder of workspaces: each one in it, by name. */
static void
add_folder(struct portfolio *pf, const char *dir)
{
	DIR		 *d;
	struct dirent	 *e;
	char		**names = NULL;
	size_t		  n = 0, cap = 0, found = 0;

	if ((d = opendir(dir)) == NULL) {
		skip(pf, dir, _("not a wafr workspace"));
		return;
	}
	while ((e = readdir(d)) != NULL) {
		if (*e->d_name != '.')
			*ARRAY_PUSH(names, n, cap) = xstrdup(e->d_name);
	}
	closedir(d);
	if (n > 0)
		qsort(names, n, sizeof *names, by_name);
	for (size_t i = 0; i < n; i++) {
		char *path = path_join(dir, names[i]);

		if (is_dir(path)) {
			if (is_workspace(path)) {
				add_workspace(pf, path);
				found++;
			} else
				skip(pf, path, _("not a wafr workspace"));
		}
		free(path);
		free(names[i]);
	}
	free(names);
	if (found == 0)
		skip(pf, dir, _("neither a wafr workspace nor a folder of "
		    "workspaces"));
}

static int
cmd_portfolio_exec(int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "format", required_argument, NULL, 'f' },
		{ "output", required_argument, NULL, 'o' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 }
	};
	char		*(*fn)(const struct portfolio *) = NULL;
	const char	*format = "md", *out = NULL;
	struct portfolio pf;
	char		 today[11], *text, *cause = NULL;
	time_t		 now = time(NULL);
	struct tm	 tm;
	int		 c, ret = EXIT_OK;

	while ((c = getopt_long(argc, argv, "f:o:h", longopts, NULL)) != -1) {
		switch (c) {
		case 'f':
			format = optarg;
			break;
		case 'o':
			out = optarg;
			break;
		case 'h':
			return cmd_help(&cmd_portfolio_entry, options);
		default:
			return cmd_usage(&cmd_portfolio_entry, _("bad option"));
		}
	}
	for (size_t i = 0; i < nitems(formats); i++) {
		if (strcmp(format, formats[i].name) == 0)
			fn = formats[i].fn;
	}
	if (fn == NULL)
		return cmd_usage(&cmd_portfolio_entry, _("unknown format \"%s\" "
		    "(md, html, json or csv)"), format);
	if (argc == optind)
		return cmd_usage(&cmd_portfolio_entry, _("DIR expected"));
	if (localtime_r(&now, &tm) == NULL ||
	    strftime(today, sizeof today, "%Y-%m-%d", &tm) == 0)
		*today = '\0';
	portfolio_init(&pf, today);
	for (int i = optind; i < argc; i++) {
		if (is_workspace(argv[i]))
			add_workspace(&pf, argv[i]);
		else if (is_dir(argv[i]))
			add_folder(&pf, argv[i]);
		else
			skip(&pf, argv[i], _("not a wafr workspace"));
	}
	if (pf.n == 0) {
		portfolio_free(&pf);
		return cmd_error("%s", _("no workspace to report on"));
	}
	portfolio_finish(&pf);
	text = fn(&pf);
	if (out == NULL || strcmp(out, "-") == 0) {
		fputs(text, stdout);
		if (fflush(stdout) != 0)
			ret = EXIT_DATA;
	} else if (write_file_atomic(out, text, strlen(text), &cause) != 0) {
		ret = cmd_error("%s", cause);
		free(cause);
	}
	free(text);
	portfolio_free(&pf);
	return ret;
}

const struct cmd_entry cmd_portfolio_entry = {
	"portfolio", N_("DIR... [--format md|html|json|csv] [-o FILE]"),
	N_("many workloads side by side: risks, progress, milestones, "
	    "roadmaps"),
	cmd_portfolio_exec
};
