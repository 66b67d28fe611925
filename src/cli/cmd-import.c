/* cmd-import.c: wafr import DIR FILE...: answers exported by the AWS tool.
 *
 * Every file is read and every answer mapped before anything is written, so
 * an id the lens lacks stops the import with nothing changed (unless
 * --partial). Then wafr's risks are checked against the AWS tool's own. */
#include "config.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "report/aws.h"
#include "cli/cmd.h"
#include "files/yval-parse.h"
#include "base/util.h"

static const char options[] = N_(
"  -l, --lens ID     import into this lens of the workspace (default: the\n"
"                    lens the export names, by alias, ARN or name)\n"
"  -p, --partial     import what maps, skip what does not\n"
"  -n, --dry-run     check and report, change nothing\n"
"FILE is the JSON that \"aws wellarchitected list-answers\", \"get-answer\"\n"
"or \"get-lens-review\" printed, or a file \"wafr export\" wrote; give several\n"
"to import and check at once.\n");

/* The workspace lens the export is about. */
static int
find_lens(const struct workspace *ws, const struct aws_export *x,
    const char *forced)
{
	const char *ids[] = { forced, x->lens_alias, x->lens_arn };

	for (size_t k = 0; k < nitems(ids); k++) {
		if (ids[k] == NULL)
			continue;
		for (size_t i = 0; i < ws->state.nlenses; i++) {
			if (strcmp(ws->state.lenses[i]->id, ids[k]) == 0)
				return (int)i;
		}
		if (k == 0)
			return -1;
	}
	for (size_t i = 0; x->lens_name != NULL && i < ws->state.nlenses; i++) {
		if (streq(ws->state.lenses[i]->title.base, x->lens_name))
			return (int)i;
	}
	return -1;
}

/* Every file is read whole before anything is imported: one field of the
 * wrong type in any of them and nothing is. */
static int
read_files(char **files, int n, struct aws_export *x)
{
	for (int i = 0; i < n; i++) {
		struct yval	*v;
		struct buf	 text = { 0 };
		char		*data, *cause = NULL;
		size_t		 size;
		int		 r;

		if (read_file(files[i], &data, &size, &cause) != 0) {
			cmd_error("%s", cmd_safe(cause));
			free(cause);
			return -1;
		}
		r = aws_prepare(data, size, &text, &cause);
		free(data);
		if (r == 0) {
			r = yval_parse(text.s, text.len, &v, &cause);
			buf_free(&text);
		}
		if (r == 0) {
			r = aws_read(v, x, &cause);
			yval_free(v);
		}
		if (r != 0) {
			cmd_error(_("%s: %s; nothing imported"),
			    cmd_safe(files[i]), cmd_safe(cause));
			free(cause);
			return -1;
		}
	}
	return 0;
}

/* The AWS tool's counts against wafr's tallies, pillar by pillar. */
static int
check_counts(const struct workspace *ws, size_t li,
    const struct aws_export *x, struct buf *diff)
{
	const struct lens	*l = ws->state.lenses[li];
	int			 n = 0;

	for (size_t i = 0; i < x->ncounts; i++) {
		const struct aws_counts	*c = &x->counts[i];
		const struct pillar	*p;
		struct tally		 t;

		if (c->pillar == NULL)
			state_tally(&ws->state, (int)li, &t);
		else if ((p = lens_pillar(l, c->pillar)) != NULL)
			state_tally_pillar(&ws->state, li, p, &t);
		else {
			buf_printf(diff, _("%s: no such pillar in lens \"%s\"\n"),
			    cmd_safe(c->pillar), cmd_safe(l->id));
			n++;
			continue;
		}
		n += aws_compare_counts(c, &t, diff);
	}
	return n;
}

static int
cmd_import_exec(int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "lens", required_argument, NULL, 'l' },
		{ "partial", no_argument, NULL, 'p' },
		{ "dry-run", no_argument, NULL, 'n' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 }
	};
	struct workspace	 *ws;
	struct aws_export	  x = { 0 };
	struct answer		 *mapped = NULL, *changes = NULL;
	struct qref		 *refs = NULL;
	const struct question	**qs = NULL;
	struct buf		  problems = { 0 }, diff = { 0 };
	const char		 *forced = NULL;
	bool			  partial = false, dry = false;
	char			 *cause = NULL, *lid = NULL;
	int			  c, li, nproblems = 0, ndiff = 0, ret = EXIT_DATA;
	unsigned		  changed = 0, imported = 0;
	unsigned		  nrisks = 0;

	while ((c = getopt_long(argc, argv, "l:pnh", longopts, NULL)) != -1) {
		switch (c) {
		case 'l':
			forced = optarg;
			break;
		case 'p':
			partial = true;
			break;
		case 'n':
			dry = true;
			break;
		case 'h':
			return cmd_help(&cmd_import_entry, options);
		default:
			return cmd_usage(&cmd_import_entry, _("bad option"));
		}
	}
	if (argc - optind < 2)
		return cmd_usage(&cmd_import_entry, _("DIR and FILE expected"));
	if ((ws = cmd_open(argv[optind], dry ? WS_READONLY : 0)) == NULL)
		return EXIT_DATA;
	if (read_files(argv + optind + 1, argc - optind - 1, &x) != 0)
		goto out;
	if ((li = find_lens(ws, &x, forced)) < 0) {
		if (forced != NULL)
			cmd_error(_("the workspace has no lens \"%s\""),
			    cmd_safe(forced));
		else
			cmd_error(_("the export is about lens \"%s\", which the "
			    "workspace does not have; name it with --lens ID"),
			    cmd_safe(x.lens_alias != NULL ? x.lens_alias :
			    x.lens_arn != NULL ? x.lens_arn : "?"));
		goto out;
	}
	/* Lens ids come from lens files: quoted made safe, as every id. */
	lid = str_printable(ws->state.lenses[li]->id);

	/* Map everything first. */
	mapped = xcalloc(x.nanswers + 1, sizeof *mapped);
	qs = xcalloc(x.nanswers + 1, sizeof *qs);
	for (size_t i = 0; i < x.nanswers; i++) {
		const struct question	*q = lens_question(ws->state.lenses[li],
		    x.answers[i].question);
		const struct answer	*old = NULL;
		struct qref		 ref = { (size_t)li, q };
		int			 n;

		if (q != NULL)
			old = state_answer(&ws->state, &ref);
		n = aws_map_answer(ws->state.lenses[li], &x.answers[i], old,
		    &mapped[i], &qs[i], &problems);
		nproblems += n;
	}
	if (nproblems > 0) {
		fputs(cmd_safe_lines(problems.s), stderr);
		if (!partial) {
			cmd_error(ngettext("%d id could not be mapped onto "
			    "lens \"%s\"; nothing imported (--partial imports "
			    "the rest)", "%d ids could not be mapped onto lens "
			    "\"%s\"; nothing imported (--partial imports the "
			    "rest)", (unsigned long)nproblems), nproblems, lid);
			goto out;
		}
	}

	refs = xcalloc(x.nanswers + 1, sizeof *refs);
	changes = xcalloc(x.nanswers + 1, sizeof *changes);
	for (size_t i = 0; i < x.nanswers; i++) {
		const struct question	*q = qs[i];
		struct qref		 ref = { (size_t)li, q };
		const struct aws_answer	*a = &x.answers[i];

		if (q == NULL)
			continue;
		imported++;
		nrisks += a->has_risk;
		if (a->has_risk && question_risk(q, &mapped[i]) != a->risk) {
			buf_printf(&diff, _("%s: the AWS tool says %s, wafr %s\n"),
			    cmd_safe(q->id), aws_risk_name(a->risk),
			    aws_risk_name(question_risk(q, &mapped[i])));
			ndiff++;
		}
		if (dry || answer_equal(state_answer(&ws->state, &ref), &mapped[i]))
			continue;
		refs[changed] = ref;
		changes[changed++] = mapped[i];
	}
	/* One change: one undo takes the whole import back. */
	if (changed > 0 && ops_import(ws, refs, changes, changed, &cause) != 0) {
		cmd_error("%s", cmd_safe(cause));
		goto out;
	}
	if (ws->warning != NULL)
		cmd_error("%s", cmd_safe(ws->warning));
	if (!dry)
		ndiff += check_counts(ws, (size_t)li, &x, &diff);
	printf(ngettext("%s: %u answer read, %u changed%s\n",
	    "%s: %u answers read, %u changed%s\n", imported), lid, imported,
	    changed, dry ? _(" (dry run)") : "");
	if (partial && nproblems > 0)
		printf(ngettext("%d id could not be mapped (see above)\n",
		    "%d ids could not be mapped (see above)\n",
		    (unsigned long)nproblems), nproblems);
	/* The import itself succeeded: differences are reported, not fatal
	 * (a lens version other than the AWS tool's gives them). */
	if (ndiff > 0)
		printf("%s%s", _("Risks differ from the AWS tool's:\n"),
		    cmd_safe_lines(diff.s));
	else if (x.ncounts > 0 && !dry)
		printf("%s", _("Risk counts equal the AWS tool's.\n"));
	else if (nrisks > 0)
		printf("%s", _("Every question's risk equals the AWS tool's.\n"));
	ret = EXIT_OK;
out:
	for (size_t i = 0; mapped != NULL && i < x.nanswers; i++)
		answer_free(&mapped[i]);
	free(mapped);
	free(changes);
	free(refs);
	free(qs);
	buf_free(&problems);
	buf_free(&diff);
	free(cause);
	free(lid);
	aws_export_free(&x);
	ops_close(ws);
	return ret;
}

const struct cmd_entry cmd_import_entry = {
	"import", N_("DIR FILE... [--lens ID] [--partial] [--dry-run]"),
	N_("import answers exported from the AWS Well-Architected Tool"),
	cmd_import_exec
};
