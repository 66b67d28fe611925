/* cmd-open.c: wafr open DIR (and wafr DIR): the full-screen review. */
#include "config.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>

#include "cli/cmd.h"
#include "ui/run.h"
#include "base/util.h"

static int
cmd_open_exec(int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 }
	};
	struct workspace	*ws;
	char			*cause = NULL;
	int			 c, ret = EXIT_OK;

	while ((c = getopt_long(argc, argv, "h", longopts, NULL)) != -1) {
		switch (c) {
		case 'h':
			return cmd_help(&cmd_open_entry, N_(
			    "Keys: ? in the review shows them all.\n"
			    "Every change is saved at once: quitting never "
			    "asks to save.\n"));
		default:
			return cmd_usage(&cmd_open_entry, _("bad option"));
		}
	}
	if (argc - optind != 1)
		return cmd_usage(&cmd_open_entry, _("one DIR expected"));
	if ((ws = cmd_open(argv[optind], 0)) == NULL)
		return EXIT_DATA;
	if (ui_run(ws, &settings, &cause) != 0) {
		ret = cmd_error("%s", cause);
		free(cause);
	}
	ops_close(ws);
	return ret;
}

const struct cmd_entry cmd_open_entry = {
	"open", N_("DIR"), N_("run the review full-screen"), cmd_open_exec
};
