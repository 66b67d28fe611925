/* cmd-roadmap.c: wafr roadmap DIR [QUESTION ...]: list or edit the
 * remediation roadmap. */
#include "config.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cmd.h"
#include "review/ops.h"
#include "git/history.h"
#include "model/plan.h"
#include "base/util.h"

static const char options[] = N_(
"Without QUESTION, list the roadmap: by status, then the quick wins first\n"
"(high severity, small effort). With QUESTION, take that finding onto the\n"
"roadmap (or show its item) and apply the options:\n"
"      --owner NAME        who does it (\"\" clears)\n"
"      --ticket REF        the ticket that tracks it (\"\" clears)\n"
"      --effort E          small, medium or large\n"
"      --status S          open, in-progress, done or accepted\n"
"      --reason TEXT       why the risk is accepted (needed for accepted)\n"
"      --target DATE       target date, YYYY-MM-DD (\"\" clears)\n"
"      --remove            take the item off the roadmap\n");

enum { OPT_OWNER = 256, OPT_TICKET, OPT_EFFORT, OPT_STATUS, OPT_REASON,
    OPT_TARGET, OPT_REMOVE };

static void
clean(struct buf *b, const char *s)
{
	buf_add_printable(b, s != NULL ? s : "", true);
}

static void
print_entry(struct buf *b, const struct workspace *ws,
    const struct roadmap_entry *e)
{
	const struct roadmap_item *it = e->item;

	buf_printf(b, "  %-4s %-7s ", *finding_code(e->risk) != '\0' ?
	    finding_code(e->risk) : "-", it->effort != EFFORT_UNSET ?
	    effort_name(it->effort) : "-");
	clean(b, ws->state.lenses[e->ref.lens]->id);
	buf_addc(b, '/');
	clean(b, e->ref.q->id);
	if (e->ref.q->number != NULL) {
		buf_adds(b, " (");
		clean(b, e->ref.q->number);
		buf_addc(b, ')');
	}
	buf_addc(b, '\n');
	buf_adds(b, "       ");
	clean(b, text_get(&e->ref.q->title));
	buf_addc(b, '\n');
	if (roadmap_item_state(it, e->risk) == ITEM_DONE_RISK_OPEN)
		buf_printf(b, "       %s\n", _("Done, but the question is still "
		    "at risk: counted as open."));
	else if (roadmap_item_closable(it, e->risk))
		buf_printf(b, "       %s\n", _("No longer a finding: close it "
		    "with --status done."));
	if (it->owner != NULL || it->ticket != NULL || it->target != NULL) {
		buf_adds(b, "      ");
		if (it->owner != NULL) {
			buf_printf(b, " %s: ", _("owner"));
			clean(b, it->owner);
		}
		if (it->ticket != NULL) {
			buf_printf(b, " %s: ", _("ticket"));
			clean(b, it->ticket);
		}
		if (it->target != NULL) {
			buf_printf(b, " %s: ", _("target"));
			clean(b, it->target);
		}
		buf_addc(b, '\n');
	}
	if (it->reason != NULL) {
		buf_printf(b, "       %s: ", _("reason"));
		clean(b, it->reason);
		buf_addc(b, '\n');
	}
}

static void
list(const struct workspace *ws)
{
	struct roadmap_view	rv;
	struct buf		b = { 0 };

	roadmap_build(&ws->state, ws->state.baseline, &rv);
	buf_printf(&b, _("High-risk issues: %u now, %u still open, %u not on "
	    "the roadmap.\n"), rv.hri, rv.hri_open, rv.hri_untracked);
	if (rv.has_baseline)
		buf_printf(&b, _("Since the last milestone: %u of its %u "
		    "high-risk issues are still open.\n"), rv.baseline_open,
		    rv.baseline_hri);
	if (rv.n == 0)
		buf_printf(&b, "%s\n", _("Nothing is on the roadmap yet."));
	for (size_t s = 0; s < ROADMAP_NGROUPS; s++) {
		if (rv.ngroup[s] == 0)
			continue;
		buf_printf(&b, "\n%s (%zu)\n", status_label(s), rv.ngroup[s]);
		for (size_t i = rv.group[s]; i < rv.group[s] + rv.ngroup[s];
		    i++)
			print_entry(&b, ws, &rv.v[i]);
	}
	fputs(b.s, stdout);
	buf_free(&b);
	roadmap_view_free(&rv);
}

static void
show(const struct workspace *ws, const struct qref *ref)
{
	struct roadmap_entry	e = { *ref, state_risk(&ws->state, ref),
	    ws->state.roadmap[ref->lens][ref->q->index] };
	struct buf		b = { 0 };

	buf_printf(&b, "%s\n", item_state_label(roadmap_item_state(e.item,
	    e.risk)));
	print_entry(&b, ws, &e);
	fputs(b.s, stdout);
	buf_free(&b);
}

/* Set a text field: "" clears it. */
static void
set_text(char **field, const char *value)
{
	free(*field);
	*field = *value != '\0' ? xstrdup(value) : NULL;
}

static int
edit(struct workspace *ws, const struct qref *ref, int argc, char **argv,
    const struct option *longopts)
{
	const struct roadmap_item	*cur;
	struct roadmap_item		*it;
	char				*cause = NULL;
	int				 c, ret = EXIT_DATA;

	cur = ws->state.roadmap[ref->lens][ref->q->index];
	it = cur != NULL ? roadmap_item_dup(cur) :
	    xcalloc(1, sizeof *it);
	optind = 0;
	while ((c = getopt_long(argc, argv, "h", longopts, NULL)) != -1) {
		switch (c) {
		case OPT_OWNER:
			set_text(&it->owner, optarg);
			break;
		case OPT_TICKET:
			set_text(&it->ticket, optarg);
			break;
		case OPT_REASON:
			set_text(&it->reason, optarg);
			break;
		case OPT_TARGET:
			set_text(&it->target, optarg);
			break;
		case OPT_EFFORT:
			if (effort_parse(optarg, &it->effort) != 0 ||
			    it->effort == EFFORT_UNSET) {
				cmd_error(_("effort must be small, medium or "
				    "large, not \"%s\""), optarg);
				goto out;
			}
			break;
		case OPT_STATUS:
			if (status_parse(optarg, &it->status) != 0) {
				cmd_error(_("status must be open, in-progress, "
				    "done or accepted, not \"%s\""), optarg);
				goto out;
			}
			break;
		case OPT_REMOVE:
			roadmap_item_free(it);
			it = NULL;
			break;
		}
	}
	if (ops_roadmap(ws, ref, it, &cause) != 0) {
		cmd_error("%s", cause);
		free(cause);
		goto out;
	}
	if (ws->warning != NULL)
		cmd_error("%s", ws->warning);
	if (it == NULL)
		printf(_("%s/%s: removed from the roadmap\n"),
		    ws->state.lenses[ref->lens]->id, ref->q->id);
	else
		show(ws, ref);
	ret = EXIT_OK;
out:
	roadmap_item_free(it);
	return ret;
}

static int
cmd_roadmap_exec(int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "owner", required_argument, NULL, OPT_OWNER },
		{ "ticket", required_argument, NULL, OPT_TICKET },
		{ "effort", required_argument, NULL, OPT_EFFORT },
		{ "status", required_argument, NULL, OPT_STATUS },
		{ "reason", required_argument, NULL, OPT_REASON },
		{ "target", required_argument, NULL, OPT_TARGET },
		{ "remove", no_argument, NULL, OPT_REMOVE },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 }
	};
	struct workspace	*ws;
	struct qref		 ref;
	char			*cause = NULL;
	int			 c, changes = 0, ret;

	while ((c = getopt_long(argc, argv, "h", longopts, NULL)) != -1) {
		if (c == 'h')
			return cmd_help(&cmd_roadmap_entry, options);
		if (c == '?')
			return cmd_usage(&cmd_roadmap_entry, _("bad option"));
		changes++;
	}
	if (argc - optind == 1 && changes == 0) {
		if ((ws = cmd_open(argv[optind], WS_READONLY)) == NULL)
			return EXIT_DATA;
		if (workspace_load_baseline(ws, &cause) != 0) {
			free(cause);	/* no history: no comparison */
			cause = NULL;
		}
		list(ws);
		workspace_close(ws);
		return EXIT_OK;
	}
	if (argc - optind != 2)
		return cmd_usage(&cmd_roadmap_entry,
		    _("DIR, or DIR and QUESTION, expected"));
	if ((ws = cmd_open(argv[optind], 0)) == NULL)
		return EXIT_DATA;
	if (state_find(&ws->state, argv[optind + 1], &ref, &cause) != 0) {
		cmd_error("%s", cause);
		free(cause);
		workspace_close(ws);
		return EXIT_DATA;
	}
	if (changes == 0 && ws->state.roadmap[ref.lens][ref.q->index] != NULL) {
		show(ws, &ref);
		ret = EXIT_OK;
	} else
		ret = edit(ws, &ref, argc, argv, longopts);
	workspace_close(ws);
	return ret;
}

const struct cmd_entry cmd_roadmap_entry = {
	"roadmap", N_("DIR [QUESTION [--owner X] [--ticket T] "
	    "[--effort small|medium|large] "
	    "[--status open|in-progress|done|accepted] [--reason TEXT] "
	    "[--target YYYY-MM-DD] [--remove]]"),
	N_("list or edit the remediation roadmap"), cmd_roadmap_exec
};
