/* cmd-profile.c: wafr profile DIR [QUESTION --select C...]: the business
 * context of the workload, which prioritizes questions of the review. */
#include "config.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>

#include "cli/cmd.h"
#include "base/util.h"
#include "model/priority.h"
#include "review/profile.h"

static const char options[] = N_(
"  -s, --select C            answer QUESTION with choice C (repeat for a\n"
"                            question that takes several)\n"
"      --clear               take QUESTION's answer back\n"
"  -p, --profile FILE|ID     use this questionnaire (answers it cannot\n"
"                            hold are dropped)\n"
"Without QUESTION, print every question of the profile and its answer.\n");

enum { OPT_CLEAR = 256 };

static void
show_question(const struct workspace *ws, const struct profile_question *q)
{
	printf("%s: %s\n", cmd_safe(q->id), cmd_safe(q->title));
	if (q->description != NULL)
		printf("  %s\n", cmd_safe(q->description));
	for (size_t i = 0; i < q->nchoices; i++) {
		const struct profile_choice	*c = &q->choices[i];
		bool				 on;

		on = state_profile_chose(&ws->state, q->id, c->id);
		printf(q->multiple ? "  [%s] %s  %s\n" : "  (%s) %s  %s\n",
		    on ? "x" : " ", cmd_safe(c->id), cmd_safe(c->title));
	}
}

static void
show(const struct workspace *ws, const struct profile *p,
    const struct profile_question *only)
{
	struct tally t;

	if (only == NULL) {
		printf(_("Profile: %s (%s%s%s)\n"), cmd_safe(p->title),
		    cmd_safe(p->id), p->version != NULL ? " " : "",
		    p->version != NULL ? cmd_safe(p->version) : "");
		for (size_t i = 0; i < p->nquestions; i++)
			show_question(ws, &p->questions[i]);
	} else
		show_question(ws, only);
	state_tally_prioritized(&ws->state, -1, NULL, &t);
	printf(_("Prioritized questions: %u\n"), t.questions);
}

static int
cmd_profile_exec(int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "select", required_argument, NULL, 's' },
		{ "clear", no_argument, NULL, OPT_CLEAR },
		{ "profile", required_argument, NULL, 'p' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 }
	};
	struct workspace		 *ws;
	const struct profile		 *p;
	const struct profile_question	 *q = NULL;
	struct profile			 *own = NULL;
	const char			**sel, *use = NULL;
	char				 *cause = NULL;
	size_t				  nsel = 0;
	bool				  clear = false;
	int				  c, ret = EXIT_DATA;

	sel = xcalloc((size_t)argc, sizeof *sel);
	while ((c = getopt_long(argc, argv, "s:p:h", longopts, NULL)) != -1) {
		switch (c) {
		case 's':
			sel[nsel++] = optarg;
			break;
		case OPT_CLEAR:
			clear = true;
			break;
		case 'p':
			use = optarg;
			break;
		case 'h':
			free(sel);
			return cmd_help(&cmd_profile_entry, options);
		default:
			free(sel);
			return cmd_usage(&cmd_profile_entry, _("bad option"));
		}
	}
	if (argc - optind < 1 || argc - optind > 2 ||
	    ((nsel > 0 || clear) && argc - optind != 2) || (nsel > 0 && clear)) {
		free(sel);
		return cmd_usage(&cmd_profile_entry, nsel > 0 && clear ?
		    _("--select and --clear exclude each other") :
		    _("DIR and QUESTION expected"));
	}
	if ((ws = cmd_open(argv[optind], 0)) == NULL) {
		free(sel);
		return EXIT_DATA;
	}
	if (use != NULL && ops_profile_use(ws, use, &cause) != 0)
		goto fail;
	if ((p = profile_in_effect(&ws->state, ws->dir,
	    wafr_datadir(), &own, &cause)) == NULL)
		goto fail;
	if (argc - optind == 2 &&
	    (q = profile_question(p, argv[optind + 1])) == NULL) {
		cause = xasprintf(_("profile %s has no question \"%s\""), p->id,
		    argv[optind + 1]);
		goto fail;
	}
	if (nsel > 0 || clear) {
		if (ops_profile_answer(ws, q->id, sel, nsel, &cause) != 0)
			goto fail;
		/* The questionnaire is the workspace's now. */
		profile_free(own);
		own = NULL;
		p = ws->state.profile;
		q = profile_question(p, argv[optind + 1]);
	}
	if (ws->warning != NULL)
		cmd_error("%s", ws->warning);
	if (p != NULL)
		show(ws, p, q);
	ret = EXIT_OK;
	goto out;
fail:
	cmd_error("%s", cause);
out:
	free(cause);
	profile_free(own);
	free(sel);
	ops_close(ws);
	return ret;
}

const struct cmd_entry cmd_profile_entry = {
	"profile", N_("DIR [QUESTION [--select C]... [--clear]] "
	    "[--profile FILE|ID]"),
	N_("answer the business-context profile (or show it)"),
	cmd_profile_exec
};
