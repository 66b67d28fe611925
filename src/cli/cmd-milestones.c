/* cmd-milestones.c: wafr milestones DIR: the milestones, newest first. */
#include "config.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include "cli/cmd.h"
#include "git/history.h"
#include "report/json.h"
#include "base/util.h"

static void
date_text(const struct milestone *m, char *s, size_t size)
{
	time_t		t = (time_t)m->time + (time_t)m->offset * 60;
	struct tm	tm;

	if (gmtime_r(&t, &tm) == NULL ||
	    strftime(s, size, "%Y-%m-%d %H:%M", &tm) == 0)
		snprintf(s, size, "?");
}

static void
print_json(const struct milestone *v, size_t n)
{
	struct buf	b = { 0 };
	char		date[64];

	buf_adds(&b, "[");
	for (size_t i = 0; i < n; i++) {
		date_text(&v[i], date, sizeof date);
		buf_adds(&b, i == 0 ? "{" : ",\n {");
		buf_adds(&b, "\"name\": ");
		json_string(&b, v[i].name);
		buf_adds(&b, ", \"tag\": ");
		json_string(&b, v[i].tag);
		buf_printf(&b, ", \"commit\": \"%s\", \"time\": %lld, "
		    "\"date\": \"%s\"", v[i].commit, (long long)v[i].time, date);
		if (v[i].has_tally)
			buf_printf(&b, ", \"high\": %u, \"medium\": %u",
			    v[i].tally.n[RISK_HIGH], v[i].tally.n[RISK_MEDIUM]);
		buf_adds(&b, "}");
	}
	buf_adds(&b, "]\n");
	fputs(b.s, stdout);
	buf_free(&b);
}

static void
print_text(const struct milestone *v, size_t n)
{
	char date[64];

	if (n == 0) {
		printf(_("No milestones yet: save one with wafr milestone DIR "
		    "NAME.\n"));
		return;
	}
	printf("%-16s %4s %4s  %s\n", _("Date"), _("HRI"), _("MRI"),
	    _("Milestone"));
	for (size_t i = 0; i < n; i++) {
		char *name = str_printable(v[i].name);
		char *tag = str_printable(v[i].tag);

		date_text(&v[i], date, sizeof date);
		if (v[i].has_tally)
			printf("%-16s %4u %4u  %s (%s)\n", date,
			    v[i].tally.n[RISK_HIGH], v[i].tally.n[RISK_MEDIUM],
			    name, tag);
		else
			printf("%-16s %4s %4s  %s (%s)\n", date, "-", "-",
			    name, tag);
		free(name);
		free(tag);
	}
}

static int
cmd_milestones_exec(int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "json", no_argument, NULL, 'j' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 }
	};
	struct workspace	*ws;
	struct milestone	*v;
	size_t			 n;
	char			*cause = NULL;
	bool			 json = false;
	int			 c;

	while ((c = getopt_long(argc, argv, "jh", longopts, NULL)) != -1) {
		switch (c) {
		case 'j':
			json = true;
			break;
		case 'h':
			return cmd_help(&cmd_milestones_entry,
			    N_("      --json    print a JSON array\n"));
		default:
			return cmd_usage(&cmd_milestones_entry, _("bad option"));
		}
	}
	if (argc - optind != 1)
		return cmd_usage(&cmd_milestones_entry, _("one DIR expected"));
	if ((ws = cmd_open(argv[optind], WS_READONLY)) == NULL)
		return EXIT_DATA;
	if (history_milestones(ws->dir, &v, &n, &cause) != 0) {
		ops_close(ws);
		cmd_error("%s", cause);
		free(cause);
		return EXIT_DATA;
	}
	if (json)
		print_json(v, n);
	else
		print_text(v, n);
	milestones_free(v, n);
	ops_close(ws);
	return EXIT_OK;
}

const struct cmd_entry cmd_milestones_entry = {
	"milestones", N_("DIR [--json]"),
	N_("list the milestones, newest first"), cmd_milestones_exec
};
