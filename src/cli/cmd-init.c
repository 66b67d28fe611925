/* cmd-init.c: wafr init DIR: create a workspace. */
#include "config.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>

#include "cli/cmd.h"
#include "base/util.h"

static const char options[] = N_(
"  -n, --name TEXT          the workload's name (default: DIR's name)\n"
"  -l, --lens ID|FILE       a lens to review against; repeat for several\n"
"                           (default: the configured lens, else\n"
"                           wellarchitected)\n"
"  -e, --environment ENV    production (default) or preproduction\n"
"  -t, --template FILE      start from the answers and notes of a review\n"
"                           template (wafr template save); repeatable, the\n"
"                           later over the earlier; its lenses are the\n"
"                           default\n");

static int
cmd_init_exec(int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "name", required_argument, NULL, 'n' },
		{ "lens", required_argument, NULL, 'l' },
		{ "environment", required_argument, NULL, 'e' },
		{ "template", required_argument, NULL, 't' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 }
	};
	struct init_options	 o = { 0 };
	char			*cause = NULL;
	int			 c, ret;

	o.lenses = xcalloc((size_t)argc, sizeof *o.lenses);
	o.templates = xcalloc((size_t)argc, sizeof *o.templates);
	while ((c = getopt_long(argc, argv, "n:l:e:t:h", longopts,
	    NULL)) != -1) {
		switch (c) {
		case 'n':
			o.name = optarg;
			break;
		case 'l':
			o.lenses[o.nlenses++] = optarg;
			break;
		case 'e':
			o.environment = optarg;
			break;
		case 't':
			o.templates[o.ntemplates++] = optarg;
			break;
		case 'h':
			free(o.templates);
			free(o.lenses);
			return cmd_help(&cmd_init_entry, options);
		default:
			free(o.templates);
			free(o.lenses);
			return cmd_usage(&cmd_init_entry, _("bad option"));
		}
	}
	if (argc - optind != 1) {
		free(o.templates);
		free(o.lenses);
		return cmd_usage(&cmd_init_entry, _("one DIR expected"));
	}
	if (o.nlenses == 0 && o.ntemplates == 0 && settings.lens != NULL)
		o.lenses[o.nlenses++] = settings.lens;
	ret = ops_create(argv[optind], &o, &cause);
	free(o.templates);
	free(o.lenses);
	if (ret != 0) {
		cmd_error("%s", cause);
		free(cause);
		return EXIT_DATA;
	}
	printf(_("Created workspace %s\n"), argv[optind]);
	return EXIT_OK;
}

const struct cmd_entry cmd_init_entry = {
	"init", N_("DIR [--name TEXT] [--lens ID|FILE]... "
	    "[--environment production|preproduction] [--template FILE]..."),
	N_("create a review workspace"), cmd_init_exec
};
