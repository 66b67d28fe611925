/* cmd-status.c: wafr status DIR: tallies per pillar and in total. */
#include "config.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>

#include "cli/cmd.h"
#include "report/json.h"
#include "base/util.h"
#include "model/priority.h"

static void
print_json(const struct workspace *ws)
{
	struct buf	b = { 0 };
	struct tally	t;
	bool		first = true;

	buf_adds(&b, "{\"workload\": ");
	json_string(&b, state_prop(&ws->state, "name"));
	state_tally(&ws->state, -1, &t);
	buf_adds(&b, ",\n \"totals\": {");
	json_tally(&b, &t);
	/* The risks of the questions the profile prioritizes, and the
	 * answers from a template not confirmed yet. */
	state_tally_prioritized(&ws->state, -1, NULL, &t);
	buf_adds(&b, "},\n \"prioritized\": {");
	json_tally(&b, &t);
	buf_printf(&b, "},\n \"unconfirmed\": %u,\n \"pillars\": [",
	    state_unconfirmed(&ws->state, -1, NULL));
	for (size_t i = 0; i < ws->state.nlenses; i++) {
		const struct lens *l = ws->state.lenses[i];

		for (size_t j = 0; j < l->npillars; j++) {
			state_tally_pillar(&ws->state, i, &l->pillars[j], &t);
			buf_adds(&b, first ? "{" : ",\n  {");
			first = false;
			buf_adds(&b, "\"lens\": ");
			json_string(&b, l->id);
			buf_adds(&b, ", \"id\": ");
			json_string(&b, l->pillars[j].id);
			buf_adds(&b, ", ");
			json_tally(&b, &t);
			buf_adds(&b, "}");
		}
	}
	buf_adds(&b, "]}\n");
	fputs(b.s, stdout);
	buf_free(&b);
}

static void
print_row(const char *name, const struct tally *t)
{
	printf("  %s %6u %6u %6u %6u %6u %6u %6u\n", cmd_cell(name, 34, false),
	    t->questions,
	    t->answered, t->n[RISK_HIGH], t->n[RISK_MEDIUM], t->n[RISK_NONE],
	    t->n[RISK_NOT_APPLICABLE], t->n[RISK_UNANSWERED]);
}

/* One pillar's, one lens's or every question's tallies, all of them or
 * only the prioritized ones. */
static void
tally_of(const struct workspace *ws, int lens, const struct pillar *p,
    bool prioritized, struct tally *t)
{
	if (prioritized)
		state_tally_prioritized(&ws->state, lens, p, t);
	else if (p != NULL)
		state_tally_pillar(&ws->state, (size_t)lens, p, t);
	else
		state_tally(&ws->state, lens, t);
}

static void
print_text(const struct workspace *ws, bool prioritized)
{
	unsigned unconfirmed = state_unconfirmed(&ws->state, -1, NULL);
	struct tally t;
	static const char *const heads[] = {
		N_("Qs"), N_("Done"), N_("HRI"), N_("MRI"), N_("None"),
		N_("N/A"), N_("Open")
	};

	printf(_("Workload: %s\n"), cmd_safe(state_prop(&ws->state, "name")));
	if (prioritized)
		printf("%s\n", _("Prioritized questions only (wafr profile)"));
	printf("  %s", cmd_cell("", 34, false));
	for (size_t i = 0; i < nitems(heads); i++)
		printf(" %s", cmd_cell(_(heads[i]), 6, true));
	putchar('\n');
	for (size_t i = 0; i < ws->state.nlenses; i++) {
		const struct lens *l = ws->state.lenses[i];

		printf("%s (%s)\n", cmd_safe(text_get(&l->title)),
		    cmd_safe(l->id));
		for (size_t j = 0; j < l->npillars; j++) {
			tally_of(ws, (int)i, &l->pillars[j], prioritized, &t);
			print_row(text_get(&l->pillars[j].title), &t);
		}
	}
	tally_of(ws, -1, NULL, prioritized, &t);
	print_row(_("Total"), &t);
	if (unconfirmed > 0)
		printf(ngettext("%u answer from a template is not confirmed "
		    "yet\n", "%u answers from a template are not confirmed "
		    "yet\n", unconfirmed), unconfirmed);
}

static int
cmd_status_exec(int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "json", no_argument, NULL, 'j' },
		{ "prioritized", no_argument, NULL, 'p' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 }
	};
	struct workspace	*ws;
	bool			 json = false, prioritized = false;
	int			 c;

	while ((c = getopt_long(argc, argv, "jph", longopts, NULL)) != -1) {
		switch (c) {
		case 'j':
			json = true;
			break;
		case 'p':
			prioritized = true;
			break;
		case 'h':
			return cmd_help(&cmd_status_entry,
			    N_("      --json         print one JSON object\n"
			    "      --prioritized  count only the questions the "
			    "profile\n"
			    "                     prioritizes\n"));
		default:
			return cmd_usage(&cmd_status_entry, _("bad option"));
		}
	}
	if (argc - optind != 1)
		return cmd_usage(&cmd_status_entry, _("one DIR expected"));
	if ((ws = cmd_open(argv[optind], WS_READONLY)) == NULL)
		return EXIT_DATA;
	if (json)
		print_json(ws);
	else
		print_text(ws, prioritized);
	ops_close(ws);
	return EXIT_OK;
}

const struct cmd_entry cmd_status_entry = {
	"status", N_("DIR [--json] [--prioritized]"), N_("print the risk tallies"),
	cmd_status_exec
};
