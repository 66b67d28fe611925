/* cmd-milestone.c: wafr milestone DIR NAME: commit the files and tag them. */
#include "config.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>

#include "cli/cmd.h"
#include "git/history.h"
#include "base/util.h"

static int
cmd_milestone_exec(int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 }
	};
	struct workspace	*ws;
	struct milestone	 m;
	char			*cause = NULL, *name;
	int			 c;

	while ((c = getopt_long(argc, argv, "h", longopts, NULL)) != -1) {
		switch (c) {
		case 'h':
			return cmd_help(&cmd_milestone_entry, NULL);
		default:
			return cmd_usage(&cmd_milestone_entry, _("bad option"));
		}
	}
	if (argc - optind != 2)
		return cmd_usage(&cmd_milestone_entry,
		    _("DIR and NAME expected"));
	if ((ws = cmd_open(argv[optind], 0)) == NULL)
		return EXIT_DATA;
	if (ops_milestone(ws, argv[optind + 1], &m, &cause) != 0) {
		ops_close(ws);
		cmd_error("%s", cause);
		free(cause);
		return EXIT_DATA;
	}
	if (m.notice != NULL) {
		char *notice = str_printable(m.notice);

		fprintf(stderr, "%s: %s\n", program_name, notice);
		free(notice);
	}
	name = str_printable(m.name);
	printf(_("Milestone \"%s\" saved as tag %s (commit %.7s): %u HRI, "
	    "%u MRI\n"), name, m.tag, m.commit, m.tally.n[RISK_HIGH],
	    m.tally.n[RISK_MEDIUM]);
	free(name);
	milestone_free(&m);
	ops_close(ws);
	return EXIT_OK;
}

const struct cmd_entry cmd_milestone_entry = {
	"milestone", N_("DIR NAME"),
	N_("save a milestone: commit the files, tag milestone/NAME"),
	cmd_milestone_exec
};
