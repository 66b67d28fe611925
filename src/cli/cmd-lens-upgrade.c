/* cmd-lens-upgrade.c: wafr lens diff OLD NEW [--json] and wafr lens upgrade
 * DIR FILE|ID: what changed between two versions of a lens, and a
 * workspace moved onto the new one without losing a word. */
#include "config.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cmd.h"
#include "model/lens-diff.h"
#include "report/json.h"
#include "base/util.h"

const char lens_upgrade_help[] = N_(
    "  diff OLD NEW [--json]  what changed from one lens version to another\n"
    "  upgrade DIR FILE|ID [--from ID] [--milestone NAME]\n"
    "                         move a workspace onto a new version of a lens\n");

static struct lens *
load_spec(const char *spec)
{
	struct lens	*l = NULL;
	char		*path, *cause = NULL;

	if ((path = lens_resolve(spec, &cause)) != NULL)
		l = lens_load_checked(path, &cause);
	if (l == NULL) {
		cmd_error("%s", cause);
		free(cause);
	}
	free(path);
	return l;
}

/* --- Text --- */

static const char *
mark(enum ldiff_status s)
{
	return s == LDIFF_NEW ? "+" : s == LDIFF_DELETED ? "-" : "~";
}

static void
print_changes(unsigned changes)
{
	const char	*names[16];
	size_t		 n = ldiff_change_names(changes, names, nitems(names));

	if (n == 0) {
		putchar('\n');
		return;
	}
	printf("  (");
	for (size_t i = 0; i < n; i++)
		printf("%s%s", i > 0 ? ", " : "", names[i]);
	printf(")\n");
}

static void
print_title_change(const char *indent, const struct text *was)
{
	printf("%s  %s \"%s\"\n", indent, _("was"), cmd_safe(text_get(was)));
}

static void
print_rules(const char *indent, const char *sign, const struct question *q)
{
	if (q->nrules == 0) {
		printf("%s%s %s\n", indent, sign, _("rule: the levels of the "
		    "practices missing"));
		return;
	}
	for (size_t i = 0; i < q->nrules; i++) {
		const struct rule *r = &question_rules(q)[i];

		printf("%s%s %s %s -> %s\n", indent, sign, _("rule:"),
		    cmd_safe(r->is_default ? "default" : r->text),
		    risk_name(r->risk));
	}
}

static void
print_question(const struct question_diff *qd)
{
	const struct question *q = qd->new != NULL ? qd->new : qd->old;

	printf("  %s %s %s  %s", mark(qd->status), _("question"),
	    cmd_safe(q->id), cmd_safe(text_get(&q->title)));
	print_changes(qd->changes);
	if (qd->changes & LDIFF_TITLE)
		print_title_change("    ", &qd->old->title);
	if (qd->changes & LDIFF_PILLAR)
		printf("      %s %s\n", _("moved from pillar"),
		    cmd_safe(qd->old->pillar->id));
	for (size_t i = 0; i < qd->nchoices; i++) {
		const struct choice_diff	*cd = &qd->choices[i];
		const struct choice		*c = cd->new != NULL ? cd->new :
						    cd->old;

		printf("    %s %s %s  %s", mark(cd->status), _("choice"),
		    cmd_safe(c->id), cmd_safe(text_get(&c->title)));
		print_changes(cd->changes);
		if (cd->changes & LDIFF_TITLE)
			print_title_change("      ", &cd->old->title);
		if (cd->changes & LDIFF_RISK)
			printf("        %s %s -> %s\n", _("risk level"),
			    level_name(cd->old->risk), level_name(cd->new->risk));
	}
	if (qd->status == LDIFF_UPDATED && (qd->changes & LDIFF_RULES) &&
	    (qd->old->nrules > 0 || qd->new->nrules > 0)) {
		print_rules("    ", "-", qd->old);
		print_rules("    ", "+", qd->new);
	}
}

static void
print_text(const struct lens_diff *d)
{
	const struct lens *a = d->old, *b = d->new;

	printf(_("Lens %s %s -> %s %s\n"), cmd_safe(a->id),
	    cmd_safe(a->version != NULL ? a->version : "-"), cmd_safe(b->id),
	    cmd_safe(b->version != NULL ? b->version : "-"));
	if (d->changes & LDIFF_TITLE)
		printf("  %s \"%s\" -> \"%s\"\n", _("title"),
		    cmd_safe(text_get(&a->title)), cmd_safe(text_get(&b->title)));
	for (size_t i = 0; i < d->npillars; i++) {
		const struct pillar_diff	*pd = &d->pillars[i];
		const struct pillar		*p = pd->new != NULL ? pd->new :
						    pd->old;

		printf("%s %s %s  %s", mark(pd->status), _("pillar"),
		    cmd_safe(p->id), cmd_safe(text_get(&p->title)));
		print_changes(pd->changes);
		if (pd->changes & LDIFF_TITLE)
			print_title_change("  ", &pd->old->title);
		for (size_t j = 0; j < pd->nquestions; j++)
			print_question(&pd->questions[j]);
	}
	printf(_("Questions: %zu new, %zu updated, %zu deleted; choices: %zu "
	    "new, %zu updated, %zu deleted.\n"),
	    d->count_questions[LDIFF_NEW], d->count_questions[LDIFF_UPDATED],
	    d->count_questions[LDIFF_DELETED], d->count_choices[LDIFF_NEW],
	    d->count_choices[LDIFF_UPDATED], d->count_choices[LDIFF_DELETED]);
}

/* --- JSON --- */

static void
json_changes(struct buf *b, unsigned changes)
{
	const char	*names[16];
	size_t		 n = ldiff_change_names(changes, names, nitems(names));

	buf_adds(b, ", \"changes\": [");
	for (size_t i = 0; i < n; i++) {
		if (i > 0)
			buf_adds(b, ", ");
		json_string(b, names[i]);
	}
	buf_adds(b, "]");
}

static void
json_head(struct buf *b, const char *id, enum ldiff_status s, unsigned ch,
    const struct text *title, const struct text *was)
{
	buf_adds(b, "{\"id\": ");
	json_string(b, id);
	buf_adds(b, ", \"status\": ");
	json_string(b, ldiff_status_name(s));
	json_changes(b, ch);
	buf_adds(b, ", \"title\": ");
	json_string(b, text_get(title));
	if (ch & LDIFF_TITLE) {
		buf_adds(b, ", \"old_title\": ");
		json_string(b, text_get(was));
	}
}

static void
json_rules(struct buf *b, const char *name, const struct question *q)
{
	buf_printf(b, ", \"%s\": [", name);
	for (size_t i = 0; i < q->nrules; i++) {
		const struct rule *r = &question_rules(q)[i];

		buf_adds(b, i > 0 ? ", {\"if\": " : "{\"if\": ");
		json_string(b, r->is_default ? "default" : r->text);
		buf_adds(b, ", \"risk\": ");
		json_string(b, risk_name(r->risk));
		buf_adds(b, "}");
	}
	buf_adds(b, "]");
}

static void
json_question(struct buf *b, const struct question_diff *qd)
{
	const struct question *q = qd->new != NULL ? qd->new : qd->old;

	json_head(b, q->id, qd->status, qd->changes, &q->title,
	    qd->old != NULL ? &qd->old->title : NULL);
	if (qd->changes & LDIFF_PILLAR) {
		buf_adds(b, ", \"old_pillar\": ");
		json_string(b, qd->old->pillar->id);
	}
	if (qd->changes & LDIFF_RULES) {
		json_rules(b, "old_rules", qd->old);
		json_rules(b, "rules", qd->new);
	}
	buf_adds(b, ", \"choices\": [");
	for (size_t i = 0; i < qd->nchoices; i++) {
		const struct choice_diff	*cd = &qd->choices[i];
		const struct choice		*c = cd->new != NULL ? cd->new :
						    cd->old;

		if (i > 0)
			buf_adds(b, ",\n      ");
		json_head(b, c->id, cd->status, cd->changes, &c->title,
		    cd->old != NULL ? &cd->old->title : NULL);
		buf_adds(b, ", \"risk\": ");
		json_string(b, level_name(c->risk));
		if (cd->changes & LDIFF_RISK) {
			buf_adds(b, ", \"old_risk\": ");
			json_string(b, level_name(cd->old->risk));
		}
		buf_adds(b, "}");
	}
	buf_adds(b, "]}");
}

static void
json_counts(struct buf *b, const char *name, const size_t *n)
{
	buf_printf(b, "\"%s\": {\"new\": %zu, \"updated\": %zu, "
	    "\"deleted\": %zu}", name, n[LDIFF_NEW], n[LDIFF_UPDATED],
	    n[LDIFF_DELETED]);
}

static void
json_lens(struct buf *b, const char *name, const struct lens *l)
{
	buf_printf(b, "\"%s\": {\"lens\": ", name);
	json_string(b, l->id);
	buf_adds(b, ", \"version\": ");
	json_string(b, l->version != NULL ? l->version : "");
	buf_adds(b, ", \"title\": ");
	json_string(b, text_get(&l->title));
	buf_adds(b, "}");
}

static void
print_json(const struct lens_diff *d)
{
	struct buf b = { 0 };

	buf_adds(&b, "{");
	json_lens(&b, "old", d->old);
	buf_adds(&b, ",\n ");
	json_lens(&b, "new", d->new);
	json_changes(&b, d->changes);
	buf_adds(&b, ",\n \"pillars\": [");
	for (size_t i = 0; i < d->npillars; i++) {
		const struct pillar_diff	*pd = &d->pillars[i];
		const struct pillar		*p = pd->new != NULL ? pd->new :
						    pd->old;

		buf_adds(&b, i > 0 ? ",\n  " : "");
		json_head(&b, p->id, pd->status, pd->changes, &p->title,
		    pd->old != NULL ? &pd->old->title : NULL);
		buf_adds(&b, ",\n   \"questions\": [");
		for (size_t j = 0; j < pd->nquestions; j++) {
			buf_adds(&b, j > 0 ? ",\n    " : "");
			json_question(&b, &pd->questions[j]);
		}
		buf_adds(&b, "]}");
	}
	buf_adds(&b, "],\n \"totals\": {");
	json_counts(&b, "pillars", d->count_pillars);
	buf_adds(&b, ", ");
	json_counts(&b, "questions", d->count_questions);
	buf_adds(&b, ", ");
	json_counts(&b, "choices", d->count_choices);
	buf_adds(&b, "}}\n");
	fputs(b.s, stdout);
	buf_free(&b);
}

int
cmd_lens_diff(int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "json", no_argument, NULL, 'j' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 }
	};
	struct lens_diff	 d;
	struct lens		*a, *b;
	bool			 json = false;
	int			 c;

	optind = 0;
	while ((c = getopt_long(argc, argv, "jh", longopts, NULL)) != -1) {
		switch (c) {
		case 'j':
			json = true;
			break;
		case 'h':
			printf("%s", _("Usage: wafr lens diff OLD NEW [--json]\n"
			    "What is new, updated and deleted from one version "
			    "of a lens (an id or a\nfile) to another: pillars, "
			    "questions, choices, titles and risk rules.\n"));
			return EXIT_OK;
		default:
			return cmd_usage(&cmd_lens_entry, _("bad option"));
		}
	}
	if (argc - optind != 2)
		return cmd_usage(&cmd_lens_entry, _("OLD and NEW expected"));
	if ((a = load_spec(argv[optind])) == NULL)
		return EXIT_DATA;
	if ((b = load_spec(argv[optind + 1])) == NULL) {
		lens_free(a);
		return EXIT_DATA;
	}
	lens_diff(a, b, &d);
	if (json)
		print_json(&d);
	else if (lens_diff_empty(&d))
		printf("%s\n", _("No change."));
	else
		print_text(&d);
	lens_diff_free(&d);
	lens_free(a);
	lens_free(b);
	return EXIT_OK;
}

/* --- Upgrade --- */

/* The reasons to re-confirm, as the user reads them. */
static const char *
reason_text(unsigned bit)
{
	switch (bit) {
	case RECONFIRM_NEW_QUESTION:
		return _("new question");
	case RECONFIRM_CHOICE_DELETED:
		return _("a choice given was deleted");
	case RECONFIRM_CHOICE_CHANGED:
		return _("a selected choice changed");
	case RECONFIRM_RULES:
		return _("the risk rule changed");
	case RECONFIRM_NEW_CHOICE:
		return _("a new choice");
	default:
		return "?";
	}
}

static void
print_reasons(unsigned reasons)
{
	bool first = true;

	for (unsigned bit = 1; bit <= RECONFIRM_NEW_CHOICE; bit <<= 1) {
		if (!(reasons & bit))
			continue;
		printf("%s%s", first ? "" : ", ", reason_text(bit));
		first = false;
	}
}

static void
print_report(const struct upgrade_report *r)
{
	printf(_("Milestone \"%s\" saved before the upgrade.\n"),
	    cmd_safe(r->milestone));
	printf(_("Lens %s %s upgraded to %s %s.\n"), cmd_safe(r->from_id),
	    cmd_safe(r->from_version), cmd_safe(r->to_id),
	    cmd_safe(r->to_version));
	if (r->nreconfirm == 0)
		printf("%s\n", _("Nothing to re-confirm."));
	else
		printf(ngettext("%zu question to re-confirm:\n",
		    "%zu questions to re-confirm:\n", r->nreconfirm),
		    r->nreconfirm);
	for (size_t i = 0; i < r->nlines; i++) {
		const struct upgrade_line *l = &r->lines[i];

		if (l->reasons == 0)
			continue;
		printf("  %s  %s: ", cmd_safe(l->key), cmd_safe(l->title));
		print_reasons(l->reasons);
		putchar('\n');
	}
	if (r->nlost == 0)
		return;
	printf(ngettext("%zu answer dropped, kept in milestone \"%s\":\n",
	    "%zu answers dropped, kept in milestone \"%s\":\n", r->nlost),
	    r->nlost, cmd_safe(r->milestone));
	for (size_t i = 0; i < r->nlines; i++) {
		const struct upgrade_line *l = &r->lines[i];

		if (l->deleted && l->lost_answer)
			printf(_("  %s  %s: the question was deleted\n"),
			    cmd_safe(l->key), cmd_safe(l->title));
		for (size_t j = 0; j < l->nlost; j++)
			printf(_("  %s  choice %s \"%s\" was deleted\n"),
			    cmd_safe(l->key), cmd_safe(l->lost[j]),
			    cmd_safe(l->lost_titles[j]));
	}
}

int
cmd_lens_upgrade(int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "from", required_argument, NULL, 'f' },
		{ "milestone", required_argument, NULL, 'm' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 }
	};
	struct upgrade_report	 rep;
	struct workspace	*ws;
	const char		*from = NULL, *milestone = NULL;
	char			*cause = NULL;
	int			 c, r;

	optind = 0;
	while ((c = getopt_long(argc, argv, "f:m:h", longopts, NULL)) != -1) {
		switch (c) {
		case 'f':
			from = optarg;
			break;
		case 'm':
			milestone = optarg;
			break;
		case 'h':
			printf("%s", _("Usage: wafr lens upgrade DIR FILE|ID "
			    "[--from ID] [--milestone NAME]\n"
			    "Save a milestone, then pin the new version of a lens "
			    "and carry every answer,\nnote and evidence over by "
			    "question and choice id; list the questions to\n"
			    "re-confirm and the answers the new version has no "
			    "place for.\n\n"
			    "      --from ID          the workspace lens it "
			    "replaces, when its id changed\n"
			    "      --milestone NAME   the milestone's name\n"));
			return EXIT_OK;
		default:
			return cmd_usage(&cmd_lens_entry, _("bad option"));
		}
	}
	if (argc - optind != 2)
		return cmd_usage(&cmd_lens_entry, _("DIR and ID or FILE "
		    "expected"));
	if ((ws = cmd_open(argv[optind], 0)) == NULL)
		return EXIT_DATA;
	r = ops_lens_upgrade(ws, argv[optind + 1], from, milestone, &rep,
	    &cause);
	if (r != 0) {
		cmd_error("%s", cause);
		free(cause);
	} else {
		if (ws->warning != NULL)
			cmd_error("%s", ws->warning);
		print_report(&rep);
		upgrade_report_free(&rep);
	}
	ops_close(ws);
	return r == 0 ? EXIT_OK : EXIT_DATA;
}
