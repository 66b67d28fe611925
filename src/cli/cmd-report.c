/* cmd-report.c: wafr report DIR: the review as Markdown, HTML, JSON or CSV. */
#include "config.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "cli/cmd.h"
#include "git/history.h"
#include "report/report.h"
#include "base/util.h"

static const char options[] = N_(
"  -f, --format FORMAT   md (default), html, json, or csv (the roadmap,\n"
"                        for a Jira or GitHub issue import); without it,\n"
"                        the extension of -o FILE tells\n"
"  -m, --milestone NAME  report the state saved at a milestone\n"
"  -o, --output FILE     write FILE instead of the standard output\n");

static const struct {
	const char	*name;
	char		*(*fn)(const struct state *);
} formats[] = {
	{ "md", report_markdown },
	{ "markdown", report_markdown },
	{ "html", report_html },
	{ "json", report_json },
	{ "csv", report_csv },
};

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
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 }
	};
	char			*(*fn)(const struct state *) = report_markdown;
	const char		*format = NULL, *milestone = NULL, *out = NULL;
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
		case 'h':
			return cmd_help(&cmd_report_entry, options);
		default:
			return cmd_usage(&cmd_report_entry, _("bad option"));
		}
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
		if (history_state(ws->dir, milestone, &state, NULL, &cause) != 0) {
			cmd_error("%s", cause);
			free(cause);
			workspace_close(ws);
			return EXIT_DATA;
		}
	} else if (workspace_load_baseline(ws, &cause) != 0) {
		/* Without history the report is still whole. */
		free(cause);
		cause = NULL;
	}
	text = fn(state != NULL ? state : &ws->state);
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
	workspace_close(ws);
	return ret;
}

const struct cmd_entry cmd_report_entry = {
	"report", N_("DIR [--format md|html|json|csv] [--milestone NAME] "
	    "[-o FILE]"), N_("write the review report"), cmd_report_exec
};
