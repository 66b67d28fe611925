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
#include "files/yval-parse.h"
#include "report/aws.h"
#include "report/tracker.h"
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
"      --remove            take the item off the roadmap\n"
"Without QUESTION, to or from the team's tracker:\n"
"      --export T          jira (CSV import), github (a script of gh issue\n"
"                          create, and with -o the issues as JSON beside\n"
"                          it) or azure (work-item CSV import)\n"
"  -o, --output FILE       write FILE instead of the standard output\n"
"      --import FILE       read the tracker's export back (Jira or Azure\n"
"                          DevOps CSV, gh issue list --json number,title,\n"
"                          state,assignees,labels,url): status, owner and\n"
"                          ticket of the items matched by their id\n");

enum { OPT_OWNER = 256, OPT_TICKET, OPT_EFFORT, OPT_STATUS, OPT_REASON,
    OPT_TARGET, OPT_REMOVE, OPT_EXPORT, OPT_IMPORT };

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
	if (rv.has_baseline) {
		char *s = roadmap_since_text(&rv);

		buf_printf(&b, "%s\n", s);
		free(s);
	}
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

/* The issues file beside the script: FILE.sh gives FILE.json. */
static char *
json_beside(const char *out)
{
	size_t n = strlen(out);

	if (n > 3 && strcmp(out + n - 3, ".sh") == 0)
		return xasprintf("%.*s.json", (int)(n - 3), out);
	return xasprintf("%s.json", out);
}

static int
write_out(const char *out, const char *text)
{
	char *cause = NULL;

	if (out == NULL || strcmp(out, "-") == 0) {
		if (fputs(text, stdout) == EOF || fflush(stdout) != 0)
			return cmd_error("%s", _("cannot write the export"));
		return EXIT_OK;
	}
	if (write_file_atomic(out, text, strlen(text), &cause) != 0) {
		cmd_error("%s", cmd_safe(cause));
		free(cause);
		return EXIT_DATA;
	}
	return EXIT_OK;
}

static int
export(const char *dir, enum tracker t, const char *out)
{
	struct workspace	*ws;
	char			*text, *json, *path;
	int			 ret;

	if ((ws = cmd_open(dir, WS_READONLY)) == NULL)
		return EXIT_DATA;
	text = tracker_export(&ws->state, t);
	ret = write_out(out, text);
	free(text);
	if (ret == EXIT_OK && t == TRACKER_GITHUB && out != NULL &&
	    strcmp(out, "-") != 0) {
		json = tracker_export_github_json(&ws->state);
		path = json_beside(out);
		ret = write_out(path, json);
		free(path);
		free(json);
	}
	ops_close(ws);
	return ret;
}

/* The rows of a tracker's export: JSON from gh, else CSV. */
static int
read_rows(const char *file, struct tracker_rows *rows, char **cause)
{
	char		*data;
	size_t		 size, skip = 0;
	int		 r;

	if (read_file(file, &data, &size, cause) != 0)
		return -1;
	while (skip < size && strchr(" \t\r\n", data[skip]) != NULL)
		skip++;
	if (skip < size && data[skip] == '[') {
		struct buf	 text = { 0 };
		struct yval	*v = NULL;

		r = aws_prepare(data, size, &text, cause);
		if (r == 0)
			r = yval_parse(text.s, text.len, &v, cause);
		buf_free(&text);
		if (r == 0)
			r = tracker_read_github(v, rows, cause);
		yval_free(v);
	} else
		r = tracker_read_csv(data, size, rows, cause);
	free(data);
	return r;
}

static void
say_change(struct buf *b, const char *key, const struct roadmap_item *was,
    const struct roadmap_item *now)
{
	buf_adds(b, "  ");
	clean(b, key);
	buf_addc(b, ':');
	if (was->status != now->status)
		buf_printf(b, " %s %s -> %s", _("status"),
		    status_name(was->status), status_name(now->status));
	if (!streq(was->owner, now->owner)) {
		buf_printf(b, " %s ", _("owner"));
		clean(b, was->owner != NULL ? was->owner : "-");
		buf_adds(b, " -> ");
		clean(b, now->owner);
	}
	if (!streq(was->ticket, now->ticket)) {
		buf_printf(b, " %s ", _("ticket"));
		clean(b, now->ticket);
	}
	buf_addc(b, '\n');
}

static int
import(const char *dir, const char *file)
{
	struct workspace	 *ws;
	struct tracker_rows	  rows;
	struct qref		 *refs;
	struct roadmap_item	**items, **olds;
	struct buf		  b = { 0 }, miss = { 0 };
	size_t			  n = 0, same = 0, unmatched = 0;
	char			 *cause = NULL;
	int			  ret = EXIT_OK;

	if (read_rows(file, &rows, &cause) != 0) {
		cmd_error(_("%s: %s; nothing imported"), cmd_safe(file),
		    cmd_safe(cause));
		free(cause);
		return EXIT_DATA;
	}
	if ((ws = cmd_open(dir, 0)) == NULL) {
		tracker_rows_free(&rows);
		return EXIT_DATA;
	}
	refs = xcalloc(rows.n + 1, sizeof *refs);
	items = xcalloc(rows.n + 1, sizeof *items);
	olds = xcalloc(rows.n + 1, sizeof *olds);
	for (size_t i = 0; i < rows.n; i++) {
		const struct tracker_row	*r = &rows.v[i];
		const struct roadmap_item	*cur = NULL;
		struct qref			 ref;
		bool				 twice = false;

		if (r->id != NULL && state_find_key(&ws->state, r->id,
		    &ref) == 0)
			cur = ws->state.roadmap[ref.lens][ref.q->index];
		for (size_t j = 0; cur != NULL && j < n; j++)
			twice |= refs[j].lens == ref.lens && refs[j].q == ref.q;
		if (cur == NULL || twice) {
			unmatched++;
			buf_adds(&miss, "  ");
			clean(&miss, r->ticket != NULL ? r->ticket : "-");
			buf_adds(&miss, " ");
			clean(&miss, r->title != NULL ? r->title : "");
			buf_printf(&miss, " (%s)\n", r->id == NULL ?
			    _("no wafr id") : twice ? _("a second ticket for "
			    "the same item") : _("no such item on the roadmap"));
			continue;
		}
		if ((items[n] = tracker_apply(cur, r)) == NULL) {
			same++;
			continue;
		}
		olds[n] = roadmap_item_dup(cur);
		refs[n++] = ref;
	}
	if (n > 0 && ops_roadmap_import(ws, refs, items, n, &cause) != 0) {
		cmd_error(_("%s: %s; nothing imported"), cmd_safe(file),
		    cmd_safe(cause));
		free(cause);
		ret = EXIT_DATA;
		goto out;
	}
	if (ws->warning != NULL)
		cmd_error("%s", ws->warning);
	buf_printf(&b, _("From %s: %zu changed, %zu unchanged, %zu not "
	    "matched.\n"), tracker_name(rows.from), n, same, unmatched);
	for (size_t i = 0; i < n; i++) {
		char *key = state_key(&ws->state, &refs[i]);

		say_change(&b, key, olds[i], items[i]);
		free(key);
	}
	if (unmatched > 0) {
		buf_printf(&b, "%s\n", _("Not matched:"));
		buf_add(&b, miss.s, miss.len);
	}
	fputs(b.s, stdout);
out:
	for (size_t i = 0; i < n; i++) {
		roadmap_item_free(items[i]);
		roadmap_item_free(olds[i]);
	}
	free(items);
	free(olds);
	free(refs);
	buf_free(&b);
	buf_free(&miss);
	tracker_rows_free(&rows);
	ops_close(ws);
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
		{ "export", required_argument, NULL, OPT_EXPORT },
		{ "import", required_argument, NULL, OPT_IMPORT },
		{ "output", required_argument, NULL, 'o' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 }
	};
	struct workspace	*ws;
	struct qref		 ref;
	enum tracker		 t = TRACKER_JIRA;
	const char		*exp = NULL, *imp = NULL, *out = NULL;
	char			*cause = NULL;
	int			 c, changes = 0, ret;

	while ((c = getopt_long(argc, argv, "ho:", longopts, NULL)) != -1) {
		if (c == 'h')
			return cmd_help(&cmd_roadmap_entry, options);
		if (c == '?')
			return cmd_usage(&cmd_roadmap_entry, _("bad option"));
		if (c == OPT_EXPORT)
			exp = optarg;
		else if (c == OPT_IMPORT)
			imp = optarg;
		else if (c == 'o')
			out = optarg;
		else
			changes++;
	}
	if (exp != NULL || imp != NULL || out != NULL) {
		if ((exp != NULL) == (imp != NULL) || changes > 0 ||
		    (out != NULL && exp == NULL) || argc - optind != 1)
			return cmd_usage(&cmd_roadmap_entry, "%s", _("--export "
			    "TRACKER [-o FILE] or --import FILE, with DIR "
			    "alone"));
		if (exp != NULL && tracker_parse(exp, &t) != 0)
			return cmd_usage(&cmd_roadmap_entry, _("unknown "
			    "tracker \"%s\" (jira, github or azure)"), exp);
		return exp != NULL ? export(argv[optind], t, out) :
		    import(argv[optind], imp);
	}
	if (argc - optind == 1 && changes == 0) {
		if ((ws = cmd_open(argv[optind], WS_READONLY)) == NULL)
			return EXIT_DATA;
		if (workspace_load_baseline(ws, &cause) != 0) {
			free(cause);	/* no history: no comparison */
			cause = NULL;
		}
		list(ws);
		ops_close(ws);
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
		ops_close(ws);
		return EXIT_DATA;
	}
	if (changes == 0 && ws->state.roadmap[ref.lens][ref.q->index] != NULL) {
		show(ws, &ref);
		ret = EXIT_OK;
	} else
		ret = edit(ws, &ref, argc, argv, longopts);
	ops_close(ws);
	return ret;
}

const struct cmd_entry cmd_roadmap_entry = {
	"roadmap", N_("DIR [QUESTION [--owner X] [--ticket T] "
	    "[--effort small|medium|large] "
	    "[--status open|in-progress|done|accepted] [--reason TEXT] "
	    "[--target YYYY-MM-DD] [--remove]]"),
	N_("list or edit the remediation roadmap"), cmd_roadmap_exec
};
