/* cmd-present.c: wafr present DIR: the audience view, for the projector. */
#include "config.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>

#include "cmd.h"
#include "ui/present.h"
#include "util.h"

static int
cmd_present_exec(int argc, char **argv)
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
			return cmd_help(&cmd_present_entry, N_(
			    "A read-only view of the review for the room: it "
			    "follows the question\nthe facilitator is on, with "
			    "the risks per pillar and the pillar's clock.\n"
			    "Keys: b big or normal layout, q quit.\n"));
		default:
			return cmd_usage(&cmd_present_entry, _("bad option"));
		}
	}
	if (argc - optind != 1)
		return cmd_usage(&cmd_present_entry, _("one DIR expected"));
	/* Never write: not even to build the store of a fresh clone. */
	if ((ws = cmd_open(argv[optind], WS_READONLY | WS_NO_REBUILD)) == NULL)
		return EXIT_DATA;
	if (present_run(ws, settings.theme, &cause) != 0) {
		ret = cmd_error("%s", cause);
		free(cause);
	}
	workspace_close(ws);
	return ret;
}

const struct cmd_entry cmd_present_entry = {
	"present", N_("DIR"), N_("show the review to the room, read-only "
	    "(for a projector)"), cmd_present_exec
};
