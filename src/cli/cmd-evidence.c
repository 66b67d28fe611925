/* cmd-evidence.c: wafr evidence import DIR FILE... and wafr evidence DIR:
 * the scanners' results (scan results) beside each practice. Not the
 * evidence people give with "wafr answer --evidence". */
#include "config.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cmd.h"
#include "report/report.h"
#include "base/util.h"

#define FAILING_SHOWN 5	/* per choice, when listing every question */

static const char import_help[] = N_(
    "  -f, --format F  the file's format: prowler-csv, prowler-ocsf,\n"
    "                  powerpipe-csv, powerpipe-json, trusted-advisor\n"
    "                  (default: told from the content)\n"
    "  -n, --dry-run   read and map the files, change nothing\n");

static int
import(int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "format", required_argument, NULL, 'f' },
		{ "dry-run", no_argument, NULL, 'n' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 }
	};
	struct workspace	*ws;
	enum scan_format	 fmt = SCAN_FORMAT_AUTO;
	bool			 dry = false;
	int			 c, ret = EXIT_OK;

	while ((c = getopt_long(argc, argv, "f:nh", longopts, NULL)) != -1) {
		switch (c) {
		case 'f':
			if (scan_format_parse(optarg, &fmt) != 0)
				return cmd_usage(&cmd_evidence_entry,
				    _("unknown format \"%s\""),
				    cmd_safe(optarg));
			break;
		case 'n':
			dry = true;
			break;
		case 'h':
			return cmd_help(&cmd_evidence_entry, import_help);
		default:
			return cmd_usage(&cmd_evidence_entry, _("bad option"));
		}
	}
	if (argc - optind < 2)
		return cmd_usage(&cmd_evidence_entry, _("DIR and at least one "
		    "FILE expected"));
	if ((ws = cmd_open(argv[optind], dry ? WS_READONLY : 0)) == NULL)
		return EXIT_DATA;
	for (int i = optind + 1; i < argc; i++) {
		struct scan_import	 r;
		char			*cause = NULL;

		if (ops_evidence_import(ws, argv[i], fmt, dry, &r,
		    &cause) != 0) {
			cmd_error(_("%s (nothing of it imported)"), cause);
			free(cause);
			buf_free(&r.problems);
			ret = EXIT_DATA;
			continue;
		}
		if (r.problems.len > 0)
			fprintf(stderr, "%s", cmd_safe_lines(r.problems.s));
		printf(ngettext("%s: %s, %zu result", "%s: %s, %zu results",
		    r.rows), cmd_safe(argv[i]), scan_format_name(r.format),
		    r.rows);
		if (r.unmapped > 0)
			printf(ngettext(" (%zu maps to no practice)",
			    " (%zu map to no practice)", r.unmapped),
			    r.unmapped);
		printf(ngettext(", %zu scan", ", %zu scans", r.scans),
		    r.scans);
		if (dry)
			printf(" %s\n", _("(dry run: nothing changed)"));
		else if (!r.changed)
			printf(" %s\n", _("(the same as imported before)"));
		else
			printf(" %s\n", _("imported"));
		buf_free(&r.problems);
	}
	if (ws->warning != NULL)
		cmd_error("%s", ws->warning);
	ops_close(ws);
	return ret;
}

static void
print_choice(const struct state *st, const struct qref *ref,
    const struct choice *ch, bool all)
{
	const struct scan_ref	*refs;
	const char		*lens = st->lenses[ref->lens]->id;
	size_t			 n, failing = 0;
	struct buf		 sum = { 0 };

	n = scans_find(&st->scans, lens, ref->q->id, ch->id, &refs);
	if (n == 0 && !all)
		return;
	scans_summary(refs, n, &sum);
	printf("  [%c] %s %s\n", answer_selected(state_answer(st, ref),
	    ch->id) ? 'x' : ' ', cmd_cell(ch->code != NULL ? ch->code : "",
	    10, false), cmd_safe(text_get(&ch->title)));
	printf("      %s\n", n > 0 ? sum.s : _("no scan results"));
	buf_free(&sum);
	for (size_t i = 0; i < n; i++) {
		const struct scan_result	*r = refs[i].result;
		const struct scan_group		*g = refs[i].group;

		if (r->status != SCAN_FAIL && r->status != SCAN_ERROR)
			continue;
		if (!all && failing++ >= FAILING_SHOWN)
			continue;
		printf("      %s  %s  %s %s  %s", scan_status_name(r->status),
		    cmd_safe(scan_source_title(g->source)),
		    cmd_safe(*g->account != '\0' ? g->account : "-"),
		    cmd_safe(*g->region != '\0' ? g->region : "-"),
		    cmd_safe(r->check));
		if (*r->resource != '\0')
			printf("  %s", cmd_safe(r->resource));
		if (r->count > 1)
			printf("  (%lu)", r->count);
		if (*r->reason != '\0')
			printf("  %s", cmd_safe(r->reason));
		putchar('\n');
	}
	if (!all && failing > FAILING_SHOWN)
		printf("      %s\n", _("... (give the QUESTION to list every "
		    "failing resource)"));
}

static void
print_question(const struct state *st, const struct qref *ref, bool all)
{
	const char	*lens = st->lenses[ref->lens]->id;
	size_t		 f = scans_selected_failing(&st->scans, lens, ref->q,
			    state_answer(st, ref));

	printf("%s/%s", cmd_safe(lens), cmd_safe(ref->q->id));
	if (ref->q->number != NULL)
		printf(" (%s)", cmd_safe(ref->q->number));
	printf(": %s\n", cmd_safe(text_get(&ref->q->title)));
	if (f > 0) {
		printf("  ! ");
		printf(ngettext("selected, but %zu check fails",
		    "selected, but %zu checks fail", f), f);
		putchar('\n');
	}
	for (size_t c = 0; c < ref->q->nchoices; c++) {
		const struct choice *ch = &question_choices(ref->q)[c];

		if (!ch->none)
			print_choice(st, ref, ch, all);
	}
}

static int
list(int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "json", no_argument, NULL, 'j' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 }
	};
	struct workspace	*ws;
	struct qref		 only;
	bool			 json = false;
	int			 c;

	while ((c = getopt_long(argc, argv, "jh", longopts, NULL)) != -1) {
		switch (c) {
		case 'j':
			json = true;
			break;
		case 'h':
			return cmd_help(&cmd_evidence_entry, N_(
			    "      --json    print one JSON object\n"));
		default:
			return cmd_usage(&cmd_evidence_entry, _("bad option"));
		}
	}
	if (argc - optind < 1 || argc - optind > 2)
		return cmd_usage(&cmd_evidence_entry, _("DIR and at most one "
		    "QUESTION expected"));
	if ((ws = cmd_open(argv[optind], WS_READONLY)) == NULL)
		return EXIT_DATA;
	if (argc - optind == 2) {
		char *cause = NULL;

		if (state_find(&ws->state, argv[optind + 1], &only,
		    &cause) != 0) {
			cmd_error("%s", cause);
			free(cause);
			ops_close(ws);
			return EXIT_DATA;
		}
	}
	if (json) {
		struct buf b = { 0 };

		buf_addc(&b, '{');
		report_scans_json(&b, &ws->state, argc - optind == 2 ? &only :
		    NULL);
		buf_adds(&b, "}\n");
		fputs(b.s, stdout);
		buf_free(&b);
		ops_close(ws);
		return EXIT_OK;
	}
	if (argc - optind == 2)
		print_question(&ws->state, &only, true);
	else {
		const struct state	*st = &ws->state;
		struct qref		*refs;
		size_t			 n;

		for (size_t i = 0; i < st->scans.n; i++) {
			const struct scan_group *g = st->scans.groups[i];

			printf("%s %s %s  %s  %s\n",
			    cmd_safe(scan_source_title(g->source)),
			    cmd_safe(*g->account != '\0' ? g->account : "-"),
			    cmd_safe(*g->region != '\0' ? g->region : "-"),
			    cmd_safe(g->date), cmd_safe(g->file));
		}
		if (st->scans.n == 0)
			printf("%s\n", _("No scan results: import a scanner's "
			    "file with \"wafr evidence import DIR FILE\"."));
		else
			putchar('\n');
		n = state_scan_questions(st, false, &refs);
		for (size_t i = 0; i < n; i++) {
			if (i > 0)
				putchar('\n');
			print_question(st, &refs[i], false);
		}
		free(refs);
	}
	ops_close(ws);
	return EXIT_OK;
}

static int
cmd_evidence_exec(int argc, char **argv)
{
	if (argc > 1 && strcmp(argv[1], "import") == 0)
		return import(argc - 1, argv + 1);
	return list(argc, argv);
}

const struct cmd_entry cmd_evidence_entry = {
	"evidence", N_("import DIR FILE... [--format F] [--dry-run] | DIR "
	    "[QUESTION] [--json]"),
	N_("import the scanners' results (scan results) and list them per "
	    "practice"),
	cmd_evidence_exec
};
