/* cmd-report.c: wafr report DIR: the review as Markdown, HTML, JSON or CSV. */
#include "config.h"

#include <errno.h>
#include <getopt.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include "cli/cmd.h"
#include "git/history.h"
#include "report/report.h"
#include "base/util.h"

static const char options[] = N_(
"  -f, --format FORMAT   md (default), html, json, or csv (the roadmap,\n"
"                        for a Jira or GitHub issue import); without it,\n"
"                        the extension of -o FILE tells\n"
"  -m, --milestone NAME  report the state saved at a milestone\n"
"  -o, --output FILE     write FILE instead of the standard output\n"
"      --update          write the workspace's REPORT.md from the live\n"
"                        state instead (as a milestone does)\n"
"      --if-newest SEQ   with --update: only if change SEQ of the journal\n"
"                        is still the newest\n");

/* wafr report DIR --update [--if-newest SEQ]: REPORT.md, now. */
static int
update(const char *dir, const char *if_newest)
{
	struct workspace	*ws;
	uint64_t		 seq = 0, newest;
	char			*end, *cause = NULL;
	int			 r;

	if (if_newest != NULL) {
		errno = 0;
		seq = strtoull(if_newest, &end, 10);
		if (errno != 0 || end == if_newest || *end != '\0')
			return cmd_usage(&cmd_report_entry, _("--if-newest "
			    "takes a change's number, not \"%s\""), if_newest);
		if ((r = ops_report_refresh(dir, seq, &cause)) != 1) {
			if (r == 0)
				return EXIT_OK;
			cmd_error("%s", cause);
			free(cause);
			return EXIT_DATA;
		}
		/* A later change leaves its own refresh: asked before the
		 * review is loaded, which a big lens makes dear. A change
		 * that comes while this one writes has its own too. */
		if (ops_newest_change(dir, &newest, &cause) != 0) {
			cmd_error("%s", cause);
			free(cause);
			return EXIT_DATA;
		}
		if (newest != seq)
			return EXIT_OK;
	}
	if ((ws = cmd_open(dir, 0)) == NULL)
		return EXIT_DATA;
	r = ops_report_update(ws, &cause);
	ops_close(ws);
	if (r != 0) {
		cmd_error("%s", cause);
		free(cause);
		return EXIT_DATA;
	}
	return EXIT_OK;
}

static char *
json_ctx(const struct state *st, const struct report_ctx *ctx)
{
	(void)ctx;
	return report_json(st);
}

static char *
csv_ctx(const struct state *st, const struct report_ctx *ctx)
{
	(void)ctx;
	return report_csv(st);
}

typedef char *(*report_fn)(const struct state *, const struct report_ctx *);

static const struct {
	const char	*name;
	report_fn	 fn;
} formats[] = {
	{ "md", report_markdown_ctx },
	{ "markdown", report_markdown_ctx },
	{ "html", report_html_ctx },
	{ "json", json_ctx },
	{ "csv", csv_ctx },
};

/* What the report says besides the state: the milestone and its date,
 * the milestone before (HRIs closed and opened since), every milestone
 * for the trend. Without history, only the date. */
struct context {
	struct report_ctx	 ctx;
	struct milestone	*ms;
	size_t			 nms;
	struct report_mark	*marks;
	struct state		*earlier;
};

static void
context_build(struct context *c, struct workspace *ws, const char *milestone,
    const char *commit)
{
	char	*cause = NULL;
	size_t	 at = SIZE_MAX;

	*c = (struct context){ 0 };
	c->ctx.now = (long long)time(NULL);
	c->ctx.date = c->ctx.now;
	if (history_milestones(ws->dir, &c->ms, &c->nms, &cause) != 0) {
		free(cause);	/* no history: no trend */
		return;
	}
	c->marks = xcalloc(c->nms + 1, sizeof *c->marks);
	for (size_t i = 0; i < c->nms; i++) {
		const struct milestone *m = &c->ms[c->nms - 1 - i];

		c->marks[i] = (struct report_mark){ m->name, m->time,
		    m->tally };
		if (milestone != NULL && commit != NULL &&
		    strcmp(m->commit, commit) == 0 && at == SIZE_MAX)
			at = i;
	}
	c->ctx.marks = c->marks;
	c->ctx.nmarks = c->nms;
	if (milestone == NULL) {
		if (c->nms > 0)
			c->ctx.earlier_name = c->ms[0].name;
		return;
	}
	c->ctx.milestone = milestone;
	if (at == SIZE_MAX)
		return;
	c->ctx.milestone = c->marks[at].name;
	c->ctx.date = c->marks[at].time;
	c->ctx.nmarks = at + 1;		/* the trend up to it */
	if (at > 0 && history_state(ws->dir, c->ms[c->nms - at].commit,
	    &c->earlier, NULL, &cause) == 0) {
		c->ctx.earlier = c->earlier;
		c->ctx.earlier_name = c->marks[at - 1].name;
	}
	free(cause);
}

static void
context_free(struct context *c)
{
	free(c->marks);
	milestones_free(c->ms, c->nms);
	state_free(c->earlier);
}

/* The format named by the extension of FILE (.md, .html, .json, .csv),
 * or NULL. */
static const char *
format_of(const char *file)
{
	static const char *const ext[][2] = {
		{ ".md", "md" }, { ".markdown", "md" }, { ".html", "html" },
		{ ".htm", "html" }, { ".json", "json" }, { ".csv", "csv" },
	};
	const char *base = strrchr(file, '/'), *dot;

	base = base != NULL ? base + 1 : file;
	if ((dot = strrchr(base, '.')) == NULL)
		return NULL;
	for (size_t i = 0; i < nitems(ext); i++) {
		if (strcasecmp(dot, ext[i][0]) == 0)
			return ext[i][1];
	}
	return NULL;
}

static int
cmd_report_exec(int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "format", required_argument, NULL, 'f' },
		{ "milestone", required_argument, NULL, 'm' },
		{ "output", required_argument, NULL, 'o' },
		{ "update", no_argument, NULL, 'u' },
		{ "if-newest", required_argument, NULL, 'n' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 }
	};
	report_fn		 fn;
	struct context		 cx;
	char			 commit[41];
	const char		*format = NULL, *milestone = NULL, *out = NULL;
	const char		*if_newest = NULL;
	bool			 update_only = false;
	struct workspace	*ws;
	struct state		*state = NULL;
	char			*text, *cause = NULL;
	int			 c, ret = EXIT_OK;

	while ((c = getopt_long(argc, argv, "f:m:o:h", longopts, NULL)) != -1) {
		switch (c) {
		case 'f':
			format = optarg;
			break;
		case 'm':
			milestone = optarg;
			break;
		case 'o':
			out = optarg;
			break;
		case 'u':
			update_only = true;
			break;
		case 'n':
			if_newest = optarg;
			break;
		case 'h':
			return cmd_help(&cmd_report_entry, options);
		default:
			return cmd_usage(&cmd_report_entry, _("bad option"));
		}
	}
	if (update_only || if_newest != NULL) {
		if (!update_only || format != NULL || milestone != NULL ||
		    out != NULL)
			return cmd_usage(&cmd_report_entry, _("--update takes "
			    "no --format, --milestone or -o, and --if-newest "
			    "goes with --update"));
		if (argc - optind != 1)
			return cmd_usage(&cmd_report_entry,
			    _("one DIR expected"));
		return update(argv[optind], if_newest);
	}
	if (format == NULL && out != NULL && strcmp(out, "-") != 0 &&
	    (format = format_of(out)) == NULL)
		return cmd_usage(&cmd_report_entry, _("cannot tell the format "
		    "from the name %s (.md, .html, .json or .csv): give "
		    "--format"), out);
	if (format == NULL)
		format = "md";
	fn = NULL;
	for (size_t i = 0; i < nitems(formats); i++) {
		if (strcmp(format, formats[i].name) == 0)
			fn = formats[i].fn;
	}
	if (fn == NULL)
		return cmd_usage(&cmd_report_entry, _("unknown format \"%s\" "
		    "(md, html, json or csv)"), format);
	if (argc - optind != 1)
		return cmd_usage(&cmd_report_entry, _("one DIR expected"));
	if ((ws = cmd_open(argv[optind], WS_READONLY)) == NULL)
		return EXIT_DATA;
	if (milestone != NULL) {
		/* The state saved in that commit, not the live one. */
		if (history_state(ws->dir, milestone, &state, commit,
		    &cause) != 0) {
			cmd_error("%s", cause);
			free(cause);
			ops_close(ws);
			return EXIT_DATA;
		}
	} else if (workspace_load_baseline(ws, &cause) != 0) {
		/* Without history the report is still whole. */
		free(cause);
		cause = NULL;
	}
	context_build(&cx, ws, milestone, milestone != NULL ? commit : NULL);
	text = fn(state != NULL ? state : &ws->state, &cx.ctx);
	context_free(&cx);
	state_free(state);
	if (out == NULL || strcmp(out, "-") == 0) {
		if (fputs(text, stdout) == EOF || fflush(stdout) != 0)
			ret = cmd_error(_("cannot write the report"));
	} else if (write_file_atomic(out, text, strlen(text), &cause) != 0) {
		cmd_error("%s", cause);
		free(cause);
		ret = EXIT_DATA;
	}
	free(text);
	ops_close(ws);
	return ret;
}

const struct cmd_entry cmd_report_entry = {
	"report", N_("DIR [--format md|html|json|csv] [--milestone NAME] "
	    "[-o FILE] | DIR --update"), N_("write the review report"), cmd_report_exec
};
