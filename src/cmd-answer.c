/* cmd-answer.c: wafr answer DIR QUESTION ...: answer one question. */
#include "config.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cmd.h"
#include "util.h"

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
"      --verified            mark the answer verified in the workshop\n"
"      --self-reported       mark the answer self-reported\n"
"Without a change, print the question's answer and risk.\n");

enum {
	OPT_NONE = 256, OPT_CLEAR, OPT_NA, OPT_APPLICABLE, OPT_CHOICE_NA,
	OPT_CHOICE_APPLICABLE, OPT_NOTE, OPT_EVIDENCE, OPT_VERIFIED, OPT_SELF
};

static void
show(const struct workspace *ws, const struct qref *ref)
{
	const struct question	*q = ref->q;
	const struct answer	*a = workspace_answer(ws, ref);

	printf("%s/%s %s: %s\n", cmd_safe(ws->lenses[ref->lens]->id),
	    cmd_safe(q->id), cmd_safe(q->number), risk_name(question_risk(q,
	    a)));
	if (a->not_applicable)
		printf(_("not applicable: %s\n"), cmd_safe(a->reason));
	for (size_t i = 0; i < q->nchoices; i++) {
		const struct choice	*ch = &q->choices[i];
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
		printf(_("evidence: %s\n"), cmd_safe(a->evidence[i]));
	if (a->verification != VERIFY_UNSET)
		printf(_("verification: %s\n"),
		    verification_name(a->verification));
}

/* Select choice id (the none choice clears the others, and back). */
static int
select_choice(const struct question *q, struct answer *a, const char *id)
{
	const struct choice *ch = question_choice(q, id);

	if (ch == NULL)
		return -1;
	if (ch->none) {
		while (a->nselected > 0)
			answer_select(a, a->selected[0], false);
	} else {
		const struct choice *none = question_none_choice(q);

		if (none != NULL)
			answer_select(a, none->id, false);
	}
	answer_select(a, id, true);
	return 0;
}

static int
cmd_answer_exec(int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "select", required_argument, NULL, 's' },
		{ "unselect", required_argument, NULL, 'u' },
		{ "none", no_argument, NULL, OPT_NONE },
		{ "clear", no_argument, NULL, OPT_CLEAR },
		{ "na", required_argument, NULL, OPT_NA },
		{ "applicable", no_argument, NULL, OPT_APPLICABLE },
		{ "choice-na", required_argument, NULL, OPT_CHOICE_NA },
		{ "choice-applicable", required_argument, NULL,
		    OPT_CHOICE_APPLICABLE },
		{ "note", required_argument, NULL, OPT_NOTE },
		{ "evidence", required_argument, NULL, OPT_EVIDENCE },
		{ "verified", no_argument, NULL, OPT_VERIFIED },
		{ "self-reported", no_argument, NULL, OPT_SELF },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 }
	};
	struct workspace	 *ws;
	struct qref		  ref;
	struct answer		  a;
	const struct question	 *q;
	char			 *cause = NULL, *eq;
	const char		 *reason;
	int			  c, ret = EXIT_DATA, changes = 0;

	/* Options are checked first; they are applied in order after. */
	while ((c = getopt_long(argc, argv, "s:u:h", longopts, NULL)) != -1) {
		if (c == 'h')
			return cmd_help(&cmd_answer_entry, options);
		if (c == '?')
			return cmd_usage(&cmd_answer_entry, _("bad option"));
		changes++;
	}
	if (argc - optind != 2)
		return cmd_usage(&cmd_answer_entry,
		    _("DIR and QUESTION expected"));
	if ((ws = cmd_open(argv[optind], 0)) == NULL)
		return EXIT_DATA;
	if (workspace_find(ws, argv[optind + 1], &ref, &cause) != 0) {
		cmd_error("%s", cause);
		goto out;
	}
	q = ref.q;
	if (changes == 0) {
		show(ws, &ref);
		ret = EXIT_OK;
		goto out;
	}

	answer_copy(&a, workspace_answer(ws, &ref));
	optind = 0;
	while ((c = getopt_long(argc, argv, "s:u:h", longopts, NULL)) != -1) {
		switch (c) {
		case 's':
			if (select_choice(q, &a, optarg) != 0) {
				cmd_error(_("question %s has no choice \"%s\""),
				    cmd_safe(q->id), cmd_safe(optarg));
				goto bad;
			}
			break;
		case 'u':
			if (question_choice(q, optarg) == NULL) {
				cmd_error(_("question %s has no choice \"%s\""),
				    cmd_safe(q->id), cmd_safe(optarg));
				goto bad;
			}
			answer_select(&a, optarg, false);
			break;
		case OPT_NONE:
			if (question_none_choice(q) == NULL) {
				cmd_error(_("question %s has no \"None of "
				    "these\" choice"), q->id);
				goto bad;
			}
			select_choice(q, &a, question_none_choice(q)->id);
			break;
		case OPT_CLEAR:
			answer_free(&a);
			break;
		case OPT_NA:
			if ((reason = na_reason_parse(optarg)) == NULL) {
				cmd_error(_("unknown reason \"%s\""), optarg);
				goto bad;
			}
			a.not_applicable = true;
			free(a.reason);
			a.reason = xstrdup(reason);
			break;
		case OPT_APPLICABLE:
			a.not_applicable = false;
			free(a.reason);
			a.reason = NULL;
			break;
		case OPT_CHOICE_NA:
			eq = strchr(optarg, '=');
			reason = na_reason_parse(eq != NULL ? eq + 1 : "OTHER");
			if (eq != NULL)
				*eq = '\0';
			if (question_choice(q, optarg) == NULL) {
				cmd_error(_("question %s has no choice \"%s\""),
				    cmd_safe(q->id), cmd_safe(optarg));
				goto bad;
			}
			if (reason == NULL) {
				cmd_error(_("unknown reason \"%s\""), eq + 1);
				goto bad;
			}
			answer_set_choice_na(&a, optarg, reason);
			answer_select(&a, optarg, false);
			break;
		case OPT_CHOICE_APPLICABLE:
			if (question_choice(q, optarg) == NULL) {
				cmd_error(_("question %s has no choice \"%s\""),
				    cmd_safe(q->id), cmd_safe(optarg));
				goto bad;
			}
			answer_set_choice_na(&a, optarg, NULL);
			break;
		case OPT_NOTE:
			if (!utf8_valid(optarg, strlen(optarg))) {
				cmd_error("%s", _("the note is not valid UTF-8"));
				goto bad;
			}
			answer_set_note(&a, optarg);
			break;
		case OPT_EVIDENCE:
			answer_add_evidence(&a, optarg);
			break;
		case OPT_VERIFIED:
			a.verification = VERIFY_WORKSHOP;
			break;
		case OPT_SELF:
			a.verification = VERIFY_SELF;
			break;
		}
	}
	if (workspace_set_answer(ws, &ref, &a, &cause) != 0) {
		cmd_error("%s", cause);
		goto bad;
	}
	if (ws->warning != NULL)
		cmd_error("%s", ws->warning);
	printf("%s/%s: %s\n", cmd_safe(ws->lenses[ref.lens]->id),
	    cmd_safe(q->id), risk_name(workspace_risk(ws, &ref)));
	ret = EXIT_OK;
bad:
	answer_free(&a);
out:
	free(cause);
	workspace_close(ws);
	return ret;
}

const struct cmd_entry cmd_answer_entry = {
	"answer", N_("DIR QUESTION [--select C]... [--unselect C]... [--none] "
	    "[--na REASON] [--note TEXT]"),
	N_("answer a question (or show its answer)"), cmd_answer_exec
};
