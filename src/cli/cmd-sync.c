/* cmd-sync.c: wafr sync DIR: re-read the files into the live state, after
 * a git pull, merge or checkout. */
#include "config.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>

#include "cli/cmd.h"
#include "base/util.h"

static int
cmd_sync_exec(int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "rebuild", no_argument, NULL, 'r' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 }
	};
	struct workspace	*ws;
	struct tally		 t;
	char			*cause = NULL, *kept;
	bool			 rebuild = false;
	int			 c;

	while ((c = getopt_long(argc, argv, "h", longopts, NULL)) != -1) {
		switch (c) {
		case 'r':
			rebuild = true;
			break;
		case 'h':
			return cmd_help(&cmd_sync_entry, N_(
			    "      --rebuild  build the live state again from "
			    "the files, as for a fresh\n"
			    "                 clone (a damaged store is set aside "
			    "in .wafr/)\n"));
		default:
			return cmd_usage(&cmd_sync_entry, _("bad option"));
		}
	}
	if (argc - optind != 1)
		return cmd_usage(&cmd_sync_entry, _("one DIR expected"));
	if (rebuild) {
		if (ops_rebuild(argv[optind], &kept, &cause) != 0) {
			cmd_error("%s", cause);
			free(cause);
			return EXIT_DATA;
		}
		printf(_("Rebuilt the live state from the files; the old store "
		    "is kept as %s\n"), cmd_safe(kept));
		free(kept);
	}
	if ((ws = cmd_open(argv[optind], 0)) == NULL)
		return EXIT_DATA;
	if (ops_sync(ws, &cause) != 0) {
		ops_close(ws);
		cmd_error("%s", cause);
		cmd_error("%s", _("the live state is unchanged"));
		free(cause);
		return EXIT_DATA;
	}
	state_tally(&ws->state, -1, &t);
	printf(ngettext("Synced: %u of %u question answered, %u HRI, %u MRI\n",
	    "Synced: %u of %u questions answered, %u HRI, %u MRI\n",
	    t.questions), t.answered, t.questions, t.n[RISK_HIGH], t.n[RISK_MEDIUM]);
	ops_close(ws);
	return EXIT_OK;
}

const struct cmd_entry cmd_sync_entry = {
	"sync", N_("DIR [--rebuild]"),
	N_("re-read the files into the live state (after a git pull)"),
	cmd_sync_exec
};
