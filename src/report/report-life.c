/* report-life.c: what the reports say of the profile and of the answers
 * from a template, in one place for every format. */
#include "config.h"

#include <stdlib.h>

#include "base/util.h"
#include "model/priority.h"
#include "report/report.h"

size_t
report_life(const struct state *st, char *lines[REPORT_LIFE_MAX])
{
	unsigned	unconfirmed = state_unconfirmed(st, -1, NULL);
	struct tally	t;
	size_t		n = 0;

	state_tally_prioritized(st, -1, NULL, &t);
	if (t.questions > 0)
		lines[n++] = xasprintf(ngettext("The profile prioritizes %u "
		    "question: %u high risk, %u medium risk, %u unanswered.",
		    "The profile prioritizes %u questions: %u high risk, %u "
		    "medium risk, %u unanswered.", t.questions), t.questions,
		    t.n[RISK_HIGH], t.n[RISK_MEDIUM], t.n[RISK_UNANSWERED]);
	if (unconfirmed > 0)
		lines[n++] = xasprintf(ngettext("%u answer from a template is "
		    "not confirmed yet.", "%u answers from a template are not "
		    "confirmed yet.", unconfirmed), unconfirmed);
	return n;
}
