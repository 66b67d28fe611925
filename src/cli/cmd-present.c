/* cmd-present.c: wafr present DIR: the audience view, for the projector. */
#include "config.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>

#include "cli/cmd.h"
#include "ui/present.h"
#include "base/util.h"

static int
cmd_present_exec(int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "hide-notes", no_argument, NULL, 'H' },
		{ "show-notes", no_argument, NULL, 'S' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 }
	};
	struct workspace	*ws;
	char			*cause = NULL;
	int			 c, ret = EXIT_OK, notes = 0;

	while ((c = getopt_long(argc, argv, "h", longopts, NULL)) != -1) {
		switch (c) {
		case 'H':
		case 'S':
			notes = c;
			break;
		case 'h':
			return cmd_help(&cmd_present_entry, N_(
			    "A read-only view of the review for the room: it "
			    "follows the question\nthe facilitator is on, with "
			    "the risks per pillar and the pillar's clock.\n"
			    "Keys: b big or normal layout, q quit.\n\n"
			    "      --hide-notes  keep the notes off the audience "
			    "view, and exit\n"
			    "      --show-notes  show them again, and exit\n"));
		default:
			return cmd_usage(&cmd_present_entry, _("bad option"));
		}
	}
	if (argc - optind != 1)
		return cmd_usage(&cmd_present_entry, _("one DIR expected"));
	if (notes != 0) {
		if ((ws = cmd_open(argv[optind], 0)) == NULL)
			return EXIT_DATA;
		if (ops_hide_notes(ws, notes == 'H', &cause) != 0) {
			ret = cmd_error("%s", cause);
			free(cause);
		} else
			printf("%s\n", notes == 'H' ? _("Notes are hidden from "
			    "the audience view.") : _("Notes show on the "
			    "audience view."));
		ops_close(ws);
		return ret;
	}
	/* Read-only; a fresh clone (no .wafr/ yet) has its live state built
	 * from its files first, as any command does: the files stay as they
	 * are. */
	if ((ws = cmd_open(argv[optind], WS_READONLY)) == NULL)
		return EXIT_DATA;
	if (present_run(ws, settings.theme, &cause) != 0) {
		ret = cmd_error("%s", cause);
		free(cause);
	}
	ops_close(ws);
	return ret;
}

const struct cmd_entry cmd_present_entry = {
	"present", N_("DIR [--hide-notes | --show-notes]"), N_("show the review to the room, read-only "
	    "(for a projector)"), cmd_present_exec
};
