/* cmd-agenda.c: wafr agenda DIR [PILLAR MINUTES]: the workshop's time boxes. */
#include "config.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include "cli/cmd.h"
#include "base/util.h"

static void
print_agenda(const struct workspace *ws)
{
	printf("%s %s %s %s\n", cmd_cell(_("PILLAR"), 40, false),
	    cmd_cell(_("TITLE"), 24, false), cmd_cell(_("BOX"), 8, true),
	    cmd_cell(_("SPENT"), 8, true));
	for (size_t i = 0; i < ws->state.nlenses; i++) {
		const struct lens *l = ws->state.lenses[i];

		for (size_t j = 0; j < l->npillars; j++) {
			const struct pillar	*p = &l->pillars[j];
			long			 box, spent;
			char			*id, boxs[32], spents[32];

			box = state_agenda(&ws->state, i, p);
			spent = state_time_live(&ws->state, i, p,
			    (long)time(NULL));
			id = xasprintf("%s/%s", l->id, p->id);
			snprintf(boxs, sizeof boxs, box > 0 ? "%ld min" : "-",
			    box);
			format_duration(spent, spents, sizeof spents);
			printf("%s %s %s %s%s\n", cmd_cell(id, 40, false),
			    cmd_cell(text_get(&p->title), 24, false),
			    cmd_cell(boxs, 8, true), cmd_cell(spents, 8, true),
			    box > 0 && spent > box * 60 ? _(" over") : "");
			free(id);
		}
	}
}

static int
cmd_agenda_exec(int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 }
	};
	struct workspace	*ws;
	const struct pillar	*p;
	size_t			 lens;
	char			*cause = NULL, *end;
	long			 minutes = 0;
	int			 c, ret = EXIT_DATA;

	while ((c = getopt_long(argc, argv, "h", longopts, NULL)) != -1) {
		if (c == 'h')
			return cmd_help(&cmd_agenda_entry, N_(
			    "Without PILLAR, list each pillar's time box and "
			    "the time spent in it.\nPILLAR is an id (security), "
			    "a code (SEC) or LENS/ID; MINUTES 0 removes the "
			    "box.\n"));
		return cmd_usage(&cmd_agenda_entry, _("bad option"));
	}
	if (argc - optind != 1 && argc - optind != 3)
		return cmd_usage(&cmd_agenda_entry,
		    _("DIR, or DIR PILLAR MINUTES expected"));
	if (argc - optind == 3) {
		minutes = strtol(argv[optind + 2], &end, 10);
		if (*end != '\0' || minutes < 0 || minutes > 24 * 60)
			return cmd_usage(&cmd_agenda_entry, _("MINUTES must be "
			    "a number from 0 to 1440"));
	}
	if ((ws = cmd_open(argv[optind], argc - optind == 1 ? WS_READONLY :
	    0)) == NULL)
		return EXIT_DATA;
	if (argc - optind == 1) {
		print_agenda(ws);
		ret = EXIT_OK;
	} else if ((p = state_find_pillar(&ws->state, argv[optind + 1], &lens,
	    &cause)) == NULL || ops_set_agenda(ws, lens, p, minutes,
	    &cause) != 0)
		cmd_error("%s", cause);
	else
		ret = EXIT_OK;
	free(cause);
	ops_close(ws);
	return ret;
}

const struct cmd_entry cmd_agenda_entry = {
	"agenda", N_("DIR [PILLAR MINUTES]"),
	N_("show or set the workshop's time box per pillar"), cmd_agenda_exec
};
