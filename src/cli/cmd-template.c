/* cmd-template.c: wafr template save DIR FILE: a review template from the
 * answers and notes of a workspace. */
#include "config.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cmd.h"
#include "base/util.h"
#include "review/template.h"

static const char options[] = N_(
"  -l, --lens ID    only this lens's answers; repeat for several\n"
"\"wafr init NEW --template FILE\" starts a review from the template; its\n"
"answers are marked \"from template\" until they are confirmed.\n");

static int
cmd_template_exec(int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "lens", required_argument, NULL, 'l' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 }
	};
	struct workspace	 *ws;
	const char		**ids;
	char			 *cause = NULL;
	size_t			  n = 0;
	int			  c, ret = EXIT_OK;

	ids = xcalloc((size_t)argc, sizeof *ids);
	while ((c = getopt_long(argc, argv, "l:h", longopts, NULL)) != -1) {
		switch (c) {
		case 'l':
			ids[n++] = optarg;
			break;
		case 'h':
			free(ids);
			return cmd_help(&cmd_template_entry, options);
		default:
			free(ids);
			return cmd_usage(&cmd_template_entry, _("bad option"));
		}
	}
	if (argc - optind != 3 || strcmp(argv[optind], "save") != 0) {
		free(ids);
		return cmd_usage(&cmd_template_entry,
		    _("\"save\", DIR and FILE expected"));
	}
	if ((ws = cmd_open(argv[optind + 1], WS_READONLY)) == NULL) {
		free(ids);
		return EXIT_DATA;
	}
	if (template_save(ws, argv[optind + 2], ids, n, &cause) != 0) {
		cmd_error("%s", cause);
		free(cause);
		ret = EXIT_DATA;
	} else
		printf(_("Saved template %s\n"), argv[optind + 2]);
	ops_close(ws);
	free(ids);
	return ret;
}

const struct cmd_entry cmd_template_entry = {
	"template", N_("save DIR FILE [--lens ID]..."),
	N_("save the answers and notes as a review template"),
	cmd_template_exec
};
