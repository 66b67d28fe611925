/* cmd-workload.c: wafr workload DIR [KEY [VALUE]]: show or set the
 * workload's properties. */
#include "config.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cmd.h"
#include "model/plan.h"
#include "base/util.h"

static const char options[] = N_(
"Without KEY, list every property; with KEY, print it; with KEY and VALUE,\n"
"set it (an empty VALUE removes it). Known keys:\n"
"  name               the workload's name\n"
"  environment        production or preproduction\n"
"  pillar-priorities  pillar ids, comma-separated, most important first:\n"
"                     the improvement plan and roadmap follow this order\n"
"  participants       who took part and their roles, separated by ';'\n"
"  review-date        the date of the review, YYYY-MM-DD\n"
"  description, owner, review-owner, industry, regions, architecture,\n"
"  and any other KEY of letters, digits, '-' and '_'.\n"
"The lenses property is set by \"wafr init\" and cannot be changed here.\n");

static void
print_value(const char *v)
{
	struct buf b = { 0 };

	buf_add_printable(&b, v, true);
	printf("%s\n", b.s != NULL ? b.s : "");
	buf_free(&b);
}

static int
set(struct workspace *ws, const char *key, const char *value)
{
	char *cause = NULL;

	if (ops_set_prop(ws, key, value, &cause) != 0) {
		cmd_error("%s", cause);
		free(cause);
		return EXIT_DATA;
	}
	if (ws->warning != NULL)
		cmd_error("%s", ws->warning);
	return EXIT_OK;
}

static int
cmd_workload_exec(int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 }
	};
	struct workspace	*ws;
	const char		*v;
	int			 c, n, ret = EXIT_OK;

	while ((c = getopt_long(argc, argv, "h", longopts, NULL)) != -1) {
		if (c == 'h')
			return cmd_help(&cmd_workload_entry, options);
		return cmd_usage(&cmd_workload_entry, _("bad option"));
	}
	n = argc - optind;
	if (n < 1 || n > 3)
		return cmd_usage(&cmd_workload_entry,
		    _("DIR [KEY [VALUE]] expected"));
	if (n > 1 && !state_prop_key_valid(argv[optind + 1]))
		return cmd_usage(&cmd_workload_entry, _("bad key \"%s\""),
		    argv[optind + 1]);
	if ((ws = cmd_open(argv[optind], n == 3 ? 0 : WS_READONLY)) == NULL)
		return EXIT_DATA;
	if (n == 1) {
		for (size_t i = 0; i < ws->state.workload.n; i++) {
			struct buf b = { 0 };

			buf_add_printable(&b, ws->state.workload.keys[i], true);
			buf_adds(&b, ": ");
			buf_add_printable(&b, ws->state.workload.values[i], true);
			printf("%s\n", b.s);
			buf_free(&b);
		}
	} else if (n == 2) {
		if ((v = state_prop(&ws->state, argv[optind + 1])) == NULL)
			ret = cmd_error(_("no property \"%s\""),
			    argv[optind + 1]);
		else
			print_value(v);
	} else
		ret = set(ws, argv[optind + 1], argv[optind + 2]);
	ops_close(ws);
	return ret;
}

const struct cmd_entry cmd_workload_entry = {
	"workload", N_("DIR [KEY [VALUE]]"),
	N_("show or set the workload's properties"), cmd_workload_exec
};
