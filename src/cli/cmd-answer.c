/* cmd-answer.c: wafr answer DIR QUESTION ...: answer one question. */
#include "config.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cmd.h"
#include "base/util.h"
#include "base/words.h"

static const char options[] = N_(
"  -s, --select C            select choice C (repeatable)\n"
"  -u, --unselect C          unselect choice C (repeatable)\n"
"      --none                select \"None of these\" (and nothing else)\n"
"      --clear               start from an empty answer\n"
"      --na REASON           the question does not apply: OUT_OF_SCOPE,\n"
"                            BUSINESS_PRIORITIES, ARCHITECTURE_CONSTRAINTS,\n"
"                            OTHER or NONE\n"
"      --applicable          the question applies again\n"
"      --choice-na C=REASON  choice C does not apply, for REASON\n"
"      --choice-applicable C choice C applies again\n"
"      --note TEXT           set the note (\"\" clears it)\n"
"      --evidence TEXT       add a piece of evidence (link, path, text)\n"
"      --remove-evidence N   remove evidence N (as the answer lists it)\n"
"      --verified            mark the answer verified in the workshop\n"
"      --self-reported       mark the answer self-reported\n"
"      --unverified          clear the verification\n"
"      --confirm             confirm an answer that came from a template\n"
"      --batch FILE          many answers, one a line of FILE (- reads\n"
"                            stdin): QUESTION and its options, quoted as\n"
"                            in a shell; # starts a comment\n"
"The changes apply in order, as one change (\"wafr undo\" takes it back).\n"
"Without a change, print the question's answer and risk.\n");

enum {
	OPT_NONE = 256, OPT_CLEAR, OPT_NA, OPT_APPLICABLE, OPT_CHOICE_NA,
	OPT_CHOICE_APPLICABLE, OPT_NOTE, OPT_EVIDENCE, OPT_REMOVE_EVIDENCE,
	OPT_VERIFIED, OPT_SELF, OPT_UNVERIFIED, OPT_CONFIRM, OPT_BATCH
};

static const struct option longopts[] = {
	{ "select", required_argument, NULL, 's' },
	{ "unselect", required_argument, NULL, 'u' },
	{ "none", no_argument, NULL, OPT_NONE },
	{ "clear", no_argument, NULL, OPT_CLEAR },
	{ "na", required_argument, NULL, OPT_NA },
	{ "applicable", no_argument, NULL, OPT_APPLICABLE },
	{ "choice-na", required_argument, NULL, OPT_CHOICE_NA },
	{ "choice-applicable", required_argument, NULL, OPT_CHOICE_APPLICABLE },
	{ "note", required_argument, NULL, OPT_NOTE },
	{ "evidence", required_argument, NULL, OPT_EVIDENCE },
	{ "remove-evidence", required_argument, NULL, OPT_REMOVE_EVIDENCE },
	{ "verified", no_argument, NULL, OPT_VERIFIED },
	{ "self-reported", no_argument, NULL, OPT_SELF },
	{ "unverified", no_argument, NULL, OPT_UNVERIFIED },
	{ "confirm", no_argument, NULL, OPT_CONFIRM },
	{ "batch", required_argument, NULL, OPT_BATCH },
	{ "help", no_argument, NULL, 'h' },
	{ NULL, 0, NULL, 0 }
};

static void
show(const struct workspace *ws, const struct qref *ref)
{
	const struct question	*q = ref->q;
	const struct answer	*a = state_answer(&ws->state, ref);

	printf("%s/%s %s: %s\n", cmd_safe(ws->state.lenses[ref->lens]->id),
	    cmd_safe(q->id), cmd_safe(q->number), risk_name(question_risk(q,
	    a)));
	if (a->not_applicable)
		printf(_("not applicable: %s\n"), cmd_safe(a->reason));
	for (size_t i = 0; i < q->nchoices; i++) {
		const struct choice	*ch = &question_choices(q)[i];
		const struct choice_na	*na = answer_choice_na(a, ch->id);

		printf("  [%s] %s", na != NULL ? "-" :
		    answer_selected(a, ch->id) ? "x" : " ", cmd_safe(ch->id));
		if (na != NULL)
			printf(" (%s)", cmd_safe(na->reason));
		putchar('\n');
	}
	if (a->note != NULL)
		printf(_("note: %s\n"), cmd_safe_lines(a->note));
	for (size_t i = 0; i < a->nevidence; i++)
		printf(_("evidence %zu: %s\n"), i + 1, cmd_safe(a->evidence[i]));
	if (a->verification != VERIFY_UNSET)
		printf(_("verification: %s\n"),
		    verification_name(a->verification));
	if (a->from_template)
		printf("%s\n", _("from template: not yet confirmed"));
}

/* An option as an edit; -1 with *cause when its argument is wrong. */
static int
option_edit(int c, char *arg, struct edit *e, char **cause)
{
	char *eq, *end;

	*e = (struct edit){ 0 };
	switch (c) {
	case 's':
		*e = (struct edit){ .kind = EDIT_SELECT, .choice = arg };
		break;
	case 'u':
		*e = (struct edit){ .kind = EDIT_UNSELECT, .choice = arg };
		break;
	case OPT_NONE:
		e->kind = EDIT_NONE;
		break;
	case OPT_CLEAR:
		e->kind = EDIT_CLEAR;
		break;
	case OPT_NA:
		*e = (struct edit){ .kind = EDIT_QUESTION_NA, .text = arg };
		break;
	case OPT_APPLICABLE:
		e->kind = EDIT_APPLICABLE;
		break;
	case OPT_CHOICE_NA:
		if ((eq = strchr(arg, '=')) != NULL)
			*eq++ = '\0';
		*e = (struct edit){ .kind = EDIT_CHOICE_NA, .choice = arg,
		    .text = eq };
		break;
	case OPT_CHOICE_APPLICABLE:
		*e = (struct edit){ .kind = EDIT_CHOICE_APPLICABLE,
		    .choice = arg };
		break;
	case OPT_NOTE:
		*e = (struct edit){ .kind = EDIT_NOTE, .text = arg };
		break;
	case OPT_EVIDENCE:
		*e = (struct edit){ .kind = EDIT_EVIDENCE_ADD, .text = arg };
		break;
	case OPT_REMOVE_EVIDENCE:
		e->kind = EDIT_EVIDENCE_REMOVE;
		e->n = (size_t)strtoul(arg, &end, 10);
		if (*arg == '\0' || *end != '\0' || *arg == '-')
			return fail(cause, _("evidence is removed by its "
			    "number, not \"%s\""), arg);
		break;
	case OPT_VERIFIED:
	case OPT_SELF:
	case OPT_UNVERIFIED:
		e->kind = EDIT_VERIFICATION;
		e->verification = c == OPT_VERIFIED ? VERIFY_WORKSHOP :
		    c == OPT_SELF ? VERIFY_SELF : VERIFY_UNSET;
		break;
	case OPT_CONFIRM:
		e->kind = EDIT_CONFIRM;
		break;
	}
	return 0;
}

/* --- wafr answer DIR --batch FILE --- */

/* The lines of a batch, each a question and its edits. */
struct batch {
	const char		*name;		/* FILE, or "stdin" */
	struct words		*words;		/* each line's, kept: the edits
						 * point into them */
	struct ops_answer_item	*items;
	size_t			 n;
	size_t			 cap;
};

static void
lines_free(struct batch *bt)
{
	for (size_t i = 0; i < bt->n; i++) {
		words_free(&bt->words[i]);
		free((void *)bt->items[i].edits);
		free((void *)bt->items[i].where);
	}
	free(bt->words);
	free(bt->items);
}

/* One line's words as the options of "wafr answer DIR": -1 with *cause. */
static int
batch_line(const struct workspace *ws, struct words *w,
    struct ops_answer_item *it, char **cause)
{
	char		**argv = xcalloc(w->n + 2, sizeof *argv);
	int		  argc = (int)w->n + 1, c, ret = -1;
	struct edit	 *edits = xcalloc(w->n, sizeof *edits);
	size_t		  n = 0;

	argv[0] = (char *)"answer";
	memcpy(argv + 1, w->v, w->n * sizeof *argv);
	optind = 0;
	opterr = 0;
	while ((c = getopt_long(argc, argv, ":s:u:", longopts, NULL)) != -1) {
		const char *opt = argv[optind - 1];

		if (c == ':') {
			fail(cause, _("option %s takes a value"), opt);
			goto out;
		}
		if (c == '?' || c == 'h' || c == OPT_BATCH) {
			fail(cause, _("unknown option %s"), c == '?' ? opt :
			    c == 'h' ? "--help" : "--batch");
			goto out;
		}
		if (option_edit(c, optarg, &edits[n], cause) != 0)
			goto out;
		n++;
	}
	if (argc - optind != 1) {
		fail(cause, "%s", argc == optind ? _("no QUESTION") :
		    _("one QUESTION a line"));
		goto out;
	}
	if (state_find(&ws->state, argv[optind], &it->ref, cause) != 0)
		goto out;
	if (n == 0) {
		fail(cause, _("nothing to change for %s"), argv[optind]);
		goto out;
	}
	it->edits = edits;
	it->n = n;
	edits = NULL;
	ret = 0;
out:
	opterr = 1;
	free(edits);
	free(argv);
	return ret;
}

/* Read every line of the batch: 0, or -1 with *cause (FILE:LINE: ...). */
static int
batch_read(const struct workspace *ws, const char *text, struct batch *bt,
    char **cause)
{
	const char	*p = text;
	size_t		 line = 0;
	struct words	 w = { 0 };
	char		*why = NULL;
	int		 r;

	for (;;) {
		size_t first = line + 1;

		if ((r = words_next(&p, &line, &w, &why)) == 0)
			return 0;
		if (r < 0)
			goto bad;
		if (w.n == 0)
			continue;
		if (bt->n == bt->cap) {
			bt->cap = bt->cap < 16 ? 16 : bt->cap * 2;
			bt->words = xreallocarray(bt->words, bt->cap,
			    sizeof *bt->words);
			bt->items = xreallocarray(bt->items, bt->cap,
			    sizeof *bt->items);
		}
		bt->items[bt->n] = (struct ops_answer_item){ .where =
		    xasprintf("%s:%zu", bt->name, first) };
		bt->words[bt->n] = w;
		w = (struct words){ 0 };
		bt->n++;
		if (batch_line(ws, &bt->words[bt->n - 1],
		    &bt->items[bt->n - 1], &why) != 0)
			goto bad;
		continue;
bad:
		fail(cause, "%s:%zu: %s", bt->name, first, why);
		free(why);
		words_free(&w);
		return -1;
	}
}

static int
answer_batch(const char *dir, const char *file)
{
	struct workspace	*ws;
	struct batch		 bt = { .name = strcmp(file, "-") == 0 ?
				    "stdin" : file };
	char			*text = NULL, *cause = NULL;
	size_t			 size;
	int			 ret = EXIT_DATA;

	if ((strcmp(file, "-") == 0 ? read_fd(0, bt.name, &text, &size,
	    &cause) : read_file(file, &text, &size, &cause)) != 0) {
		cmd_error("%s", cause);
		free(cause);
		return EXIT_DATA;
	}
	if (memchr(text, '\0', size) != NULL) {
		cmd_error(_("%s: not text (it holds a NUL byte)"), bt.name);
		free(text);
		return EXIT_DATA;
	}
	if ((ws = cmd_open(dir, 0)) == NULL) {
		free(text);
		return EXIT_DATA;
	}
	if (batch_read(ws, text, &bt, &cause) != 0 ||
	    ops_answer_batch(ws, bt.items, bt.n, NULL, &cause) != 0) {
		cmd_error("%s", cause);
		goto out;
	}
	if (ws->warning != NULL)
		cmd_error("%s", ws->warning);
	/* What "wafr answer" says, once a question, in the batch's order. */
	for (size_t i = 0; i < bt.n; i++) {
		const struct qref	*ref = &bt.items[i].ref;
		size_t			 j;

		for (j = 0; j < i && bt.items[j].ref.q != ref->q; j++)
			;
		if (j == i)
			printf("%s/%s: %s\n",
			    cmd_safe(ws->state.lenses[ref->lens]->id),
			    cmd_safe(ref->q->id),
			    risk_name(state_risk(&ws->state, ref)));
	}
	ret = EXIT_OK;
out:
	free(cause);
	lines_free(&bt);
	free(text);
	workspace_close(ws);
	return ret;
}

static int
cmd_answer_exec(int argc, char **argv)
{
	struct workspace	 *ws;
	struct qref		  ref;
	struct edit		 *edits = NULL;
	const struct question	 *q;
	char			 *cause = NULL;
	const char		 *batch = NULL;
	size_t			  n = 0;
	int			  c, ret = EXIT_DATA, changes = 0;

	/* Options are checked first; they are applied in order after. */
	while ((c = getopt_long(argc, argv, "s:u:h", longopts, NULL)) != -1) {
		if (c == 'h')
			return cmd_help(&cmd_answer_entry, options);
		if (c == '?')
			return cmd_usage(&cmd_answer_entry, _("bad option"));
		if (c == OPT_BATCH)
			batch = optarg;
		else
			changes++;
	}
	if (batch != NULL) {
		if (argc - optind != 1 || changes > 0)
			return cmd_usage(&cmd_answer_entry, _("--batch takes "
			    "DIR alone: the questions and their options are "
			    "in its lines"));
		return answer_batch(argv[optind], batch);
	}
	if (argc - optind != 2)
		return cmd_usage(&cmd_answer_entry,
		    _("DIR and QUESTION expected"));
	if ((ws = cmd_open(argv[optind], 0)) == NULL)
		return EXIT_DATA;
	if (state_find(&ws->state, argv[optind + 1], &ref, &cause) != 0) {
		cmd_error("%s", cause);
		goto out;
	}
	q = ref.q;
	if (changes == 0) {
		show(ws, &ref);
		ret = EXIT_OK;
		goto out;
	}

	edits = xcalloc((size_t)changes, sizeof *edits);
	optind = 0;
	while ((c = getopt_long(argc, argv, "s:u:h", longopts, NULL)) != -1) {
		if (option_edit(c, optarg, &edits[n], &cause) != 0) {
			cmd_error("%s", cause);
			goto bad;
		}
		n++;
	}
	if (ops_answer(ws, &ref, edits, n, false, NULL, &cause) != 0) {
		cmd_error("%s", cause);
		goto bad;
	}
	if (ws->warning != NULL)
		cmd_error("%s", ws->warning);
	printf("%s/%s: %s\n", cmd_safe(ws->state.lenses[ref.lens]->id),
	    cmd_safe(q->id), risk_name(state_risk(&ws->state, &ref)));
	ret = EXIT_OK;
bad:
	free(edits);
out:
	free(cause);
	ops_close(ws);
	return ret;
}

const struct cmd_entry cmd_answer_entry = {
	"answer", N_("DIR QUESTION [--select C]... [--unselect C]... [--none] "
	    "[--na REASON] [--note TEXT]"),
	N_("answer a question (or show its answer)"), cmd_answer_exec
};
