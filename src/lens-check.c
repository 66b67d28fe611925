/* lens-check.c: the validator's checks on a loaded lens.
 *
 * The loader already reports what makes a lens unusable (syntax, types,
 * duplicate and dangling ids, over-long texts). What is left are the limits
 * of the AWS tool on the size of a custom lens. */
#include "config.h"

#include <string.h>

#include "lens-check.h"
#include "util.h"

/* Limits of AWS Well-Architected custom lenses. */
#define AWS_MAX_PILLARS		10
#define AWS_MAX_QUESTIONS	20	/* per pillar */
#define AWS_MAX_CHOICES		15	/* per question */

void
lens_check(const struct lens *l, bool aws, struct diags *d)
{
	enum severity limit = aws ? SEV_ERROR : SEV_WARNING;

	if (aws && l->npillars > AWS_MAX_PILLARS)
		diag_add(d, limit, 1, 1, _("%zu pillars, over the AWS limit of "
		    "%d"), l->npillars, AWS_MAX_PILLARS);
	for (size_t i = 0; i < l->npillars; i++) {
		const struct pillar *p = &l->pillars[i];

		if (aws && p->nquestions > AWS_MAX_QUESTIONS)
			diag_add(d, limit, p->pos.line, p->pos.col,
			    _("pillar \"%s\" has %zu questions, over the AWS "
			    "limit of %d"), p->id, p->nquestions,
			    AWS_MAX_QUESTIONS);
		for (size_t j = 0; j < p->nquestions; j++) {
			const struct question *q = &p->questions[j];

			if (aws && q->nchoices > AWS_MAX_CHOICES)
				diag_add(d, limit, q->pos.line, q->pos.col,
				    _("question \"%s\" has %zu choices, over "
				    "the AWS limit of %d"), q->id, q->nchoices,
				    AWS_MAX_CHOICES);
		}
	}
}
