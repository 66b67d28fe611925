/* cmd-plan.c: wafr plan DIR: the improvement plan. */
#include "config.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>

#include "cli/cmd.h"
#include "model/plan.h"
#include "base/util.h"

static void
clean(struct buf *b, const char *s)
{
	buf_add_printable(b, s != NULL ? s : "", true);
}

static void
print_plan(const struct workspace *ws, bool brief)
{
	struct plan	pl;
	struct buf	b = { 0 };

	plan_build(&ws->state, &pl);
	buf_adds(&b, _("Improvement plan: "));
	clean(&b, state_prop(&ws->state, "name"));
	buf_printf(&b, _(" (%u high risk, %u medium risk)\n"), pl.high,
	    pl.medium);
	for (size_t i = 0; i < pl.n; i++) {
		const struct plan_entry	*e = &pl.v[i];
		const struct question	*q = e->ref.q;

		buf_printf(&b, "\n%zu. %s ", i + 1, finding_code(e->risk));
		clean(&b, ws->state.lenses[e->ref.lens]->id);
		buf_addc(&b, '/');
		clean(&b, q->id);
		if (q->number != NULL) {
			buf_adds(&b, " (");
			clean(&b, q->number);
			buf_addc(&b, ')');
		}
		buf_adds(&b, ": ");
		clean(&b, text_get(&q->title));
		buf_addc(&b, '\n');
		if (e->item != NULL) {
			buf_printf(&b, "   %s: %s", _("roadmap"),
			    status_name(e->item->status));
			if (e->item->owner != NULL) {
				buf_adds(&b, ", ");
				clean(&b, e->item->owner);
			}
			if (e->item->ticket != NULL) {
				buf_adds(&b, ", ");
				clean(&b, e->item->ticket);
			}
			buf_addc(&b, '\n');
		}
		for (size_t j = 0; j < e->nmissing; j++) {
			const struct choice *ch = e->missing[j];
			const char	    *imp = text_get(&ch->improvement);
			const char	    *url = ch->improvement_url != NULL ?
			    ch->improvement_url : ch->url;

			buf_adds(&b, "   - ");
			if (ch->code != NULL) {
				clean(&b, ch->code);
				buf_addc(&b, ' ');
			}
			clean(&b, text_get(&ch->title));
			if (ch->risk != LEVEL_UNSET)
				buf_printf(&b, " [%s]", level_name(ch->risk));
			buf_addc(&b, '\n');
			if (brief)
				continue;
			if (imp != NULL && *imp != '\0') {
				buf_adds(&b, "     ");
				clean(&b, imp);
				buf_addc(&b, '\n');
			}
			if (url != NULL) {
				buf_adds(&b, "     ");
				clean(&b, url);
				buf_addc(&b, '\n');
			}
		}
	}
	fputs(b.s, stdout);
	buf_free(&b);
	plan_free(&pl);
}

static int
cmd_plan_exec(int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "brief", no_argument, NULL, 'b' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 }
	};
	struct workspace	*ws;
	bool			 brief = false;
	int			 c;

	while ((c = getopt_long(argc, argv, "bh", longopts, NULL)) != -1) {
		switch (c) {
		case 'b':
			brief = true;
			break;
		case 'h':
			return cmd_help(&cmd_plan_entry, N_(
			    "  -b, --brief   list the missing practices "
			    "without their improvement text\n"
			    "Findings come by risk, then by the workload's "
			    "pillar-priorities, then in\nquestion order.\n"));
		default:
			return cmd_usage(&cmd_plan_entry, _("bad option"));
		}
	}
	if (argc - optind != 1)
		return cmd_usage(&cmd_plan_entry, _("one DIR expected"));
	if ((ws = cmd_open(argv[optind], WS_READONLY)) == NULL)
		return EXIT_DATA;
	print_plan(ws, brief);
	ops_close(ws);
	return EXIT_OK;
}

const struct cmd_entry cmd_plan_entry = {
	"plan", N_("DIR [--brief]"), N_("print the improvement plan"),
	cmd_plan_exec
};
