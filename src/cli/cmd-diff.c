/* cmd-diff.c: wafr diff DIR FROM [TO]: what changed between two reviews,
 * risk first: HRIs and MRIs closed and opened, answers and notes changed. */
#include "config.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cmd.h"
#include "git/history.h"
#include "model/diff.h"
#include "report/json.h"
#include "base/util.h"

/* The groups of a pillar's changes, in the order they are shown. */
static const struct {
	int		 flags;
	const char	*key;		/* JSON */
	const char	*label;
} groups[] = {
	{ CHANGE_HRI_CLOSED, "hri_closed", N_("HRIs closed") },
	{ CHANGE_HRI_OPENED, "hri_opened", N_("HRIs opened") },
	{ CHANGE_MRI_CLOSED, "mri_closed", N_("MRIs closed") },
	{ CHANGE_MRI_OPENED, "mri_opened", N_("MRIs opened") },
	{ CHANGE_ANSWER | CHANGE_NOTE | CHANGE_OTHER, "changed",
	  N_("Answers or notes changed") },
};

struct side {
	const char	*spec;		/* NULL: the live state */
	char		 commit[41];
	struct state	*st;
};

/* The run of changes of one pillar starting at v[i]. */
static size_t
pillar_end(const struct review_diff *d, size_t i)
{
	size_t j = i;

	while (j < d->n && d->v[j].q->pillar == d->v[i].q->pillar)
		j++;
	return j;
}

static void
print_question(const struct question_change *c, bool what)
{
	char *num = str_printable(c->q->number != NULL ? c->q->number :
	    c->q->id);
	char *title = str_printable(text_get(&c->q->title));

	printf("    %-7s %s (%s -> %s", num, title, risk_name(c->from),
	    risk_name(c->to));
	if (what) {
		if (c->flags & CHANGE_ANSWER)
			printf(", %s", _("answer"));
		if (c->flags & CHANGE_NOTE)
			printf(", %s", _("note"));
		if (c->flags & CHANGE_OTHER)
			printf(", %s", _("evidence or roadmap"));
	}
	printf(")\n");
	free(num);
	free(title);
}

static void
side_name(const struct side *s, char *out, size_t size)
{
	char *p;

	if (s->spec == NULL) {
		snprintf(out, size, "%s", _("the live state"));
		return;
	}
	p = str_printable(s->spec);
	snprintf(out, size, "%s (%.7s)", p, s->commit);
	free(p);
}

static void
print_text(const struct review_diff *d, const struct side *from,
    const struct side *to)
{
	char a[256], b[256];

	side_name(from, a, sizeof a);
	side_name(to, b, sizeof b);
	printf(_("From %s to %s\n"), a, b);
	printf(_("HRI %u -> %u, MRI %u -> %u, answered %u -> %u of %u\n"),
	    d->from.n[RISK_HIGH], d->to.n[RISK_HIGH], d->from.n[RISK_MEDIUM],
	    d->to.n[RISK_MEDIUM], d->from.answered, d->to.answered,
	    d->to.questions);
	if (d->n == 0) {
		printf(_("No changes.\n"));
		return;
	}
	for (size_t i = 0, end; i < d->n; i = end) {
		const struct pillar	*p = d->v[i].q->pillar;
		char			*title = str_printable(text_get(&p->title));
		char			*id = str_printable(p->id);

		end = pillar_end(d, i);
		printf("\n%s (%s)\n", title, id);
		free(title);
		free(id);
		for (size_t g = 0; g < nitems(groups); g++) {
			bool first = true;

			for (size_t j = i; j < end; j++) {
				if (!(d->v[j].flags & groups[g].flags))
					continue;
				if (first)
					printf("  %s:\n", _(groups[g].label));
				first = false;
				print_question(&d->v[j], g == nitems(groups) - 1);
			}
		}
	}
}

static void
json_side(struct buf *b, const struct side *s, const struct tally *t)
{
	buf_adds(b, "{\"ref\": ");
	if (s->spec != NULL) {
		json_string(b, s->spec);
		buf_printf(b, ", \"commit\": \"%s\"", s->commit);
	} else
		buf_adds(b, "null, \"commit\": null");
	buf_printf(b, ", \"high\": %u, \"medium\": %u, \"answered\": %u}",
	    t->n[RISK_HIGH], t->n[RISK_MEDIUM], t->answered);
}

static void
print_json(const struct review_diff *d, const struct side *from,
    const struct side *to)
{
	struct buf b = { 0 };

	buf_adds(&b, "{\"from\": ");
	json_side(&b, from, &d->from);
	buf_adds(&b, ",\n \"to\": ");
	json_side(&b, to, &d->to);
	buf_adds(&b, ",\n \"pillars\": [");
	for (size_t i = 0, end; i < d->n; i = end) {
		const struct pillar *p = d->v[i].q->pillar;

		end = pillar_end(d, i);
		buf_adds(&b, i == 0 ? "{" : ",\n  {");
		buf_adds(&b, "\"lens\": ");
		json_string(&b, d->v[i].lens->id);
		buf_adds(&b, ", \"id\": ");
		json_string(&b, p->id);
		buf_adds(&b, ", \"title\": ");
		json_string(&b, text_get(&p->title));
		for (size_t g = 0; g < nitems(groups); g++) {
			bool first = true;

			buf_printf(&b, ",\n   \"%s\": [", groups[g].key);
			for (size_t j = i; j < end; j++) {
				const struct question_change *c = &d->v[j];

				if (!(c->flags & groups[g].flags))
					continue;
				buf_adds(&b, first ? "{" : ", {");
				first = false;
				buf_adds(&b, "\"id\": ");
				json_string(&b, c->q->id);
				buf_adds(&b, ", \"number\": ");
				json_string(&b, c->q->number != NULL ?
				    c->q->number : "");
				buf_adds(&b, ", \"title\": ");
				json_string(&b, text_get(&c->q->title));
				buf_printf(&b, ", \"from\": \"%s\", \"to\": "
				    "\"%s\", \"answer\": %s, \"note\": %s, "
				    "\"other\": %s}", risk_name(c->from),
				    risk_name(c->to),
				    c->flags & CHANGE_ANSWER ? "true" : "false",
				    c->flags & CHANGE_NOTE ? "true" : "false",
				    c->flags & CHANGE_OTHER ? "true" : "false");
			}
			buf_adds(&b, "]");
		}
		buf_adds(&b, "}");
	}
	buf_adds(&b, "]}\n");
	fputs(b.s, stdout);
	buf_free(&b);
}

static int
cmd_diff_exec(int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "json", no_argument, NULL, 'j' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 }
	};
	struct workspace	*ws;
	struct side		 from = { 0 }, to = { 0 };
	struct review_diff	 d;
	char			*cause = NULL;
	bool			 json = false;
	int			 c, ret = EXIT_DATA;

	while ((c = getopt_long(argc, argv, "jh", longopts, NULL)) != -1) {
		switch (c) {
		case 'j':
			json = true;
			break;
		case 'h':
			return cmd_help(&cmd_diff_entry,
			    N_("      --json    print one JSON object\n"
			    "FROM and TO are milestone names, tags or commits; "
			    "TO defaults to\nthe live state.\n"));
		default:
			return cmd_usage(&cmd_diff_entry, _("bad option"));
		}
	}
	if (argc - optind != 2 && argc - optind != 3)
		return cmd_usage(&cmd_diff_entry, _("DIR and FROM expected"));
	if ((ws = cmd_open(argv[optind], WS_READONLY)) == NULL)
		return EXIT_DATA;
	from.spec = argv[optind + 1];
	to.spec = argc - optind == 3 ? argv[optind + 2] : NULL;
	if (history_state(ws->dir, from.spec, &from.st, from.commit, &cause) != 0)
		goto out;
	if (to.spec == NULL)
		to.st = &ws->state;
	else if (history_state(ws->dir, to.spec, &to.st, to.commit, &cause) != 0)
		goto out;
	review_diff(from.st, to.st, &d);
	if (json)
		print_json(&d, &from, &to);
	else
		print_text(&d, &from, &to);
	review_diff_free(&d);
	ret = EXIT_OK;
out:
	if (cause != NULL) {
		cmd_error("%s", cause);
		free(cause);
	}
	state_free(from.st);
	if (to.st != &ws->state)
		state_free(to.st);
	ops_close(ws);
	return ret;
}

const struct cmd_entry cmd_diff_entry = {
	"diff", N_("DIR FROM [TO] [--json]"),
	N_("what changed between two milestones, risks first"), cmd_diff_exec
};
