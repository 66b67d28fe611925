/* template.h: review templates. Pure: no I/O.
 *
 * A template holds the answers and notes of a review (choices selected,
 * questions and choices not applicable, notes), to start other reviews
 * from. Every answer a new review takes from one is marked "from
 * template" until the workshop confirms or changes it. The file is YAML
 * (files/yval-text.h writes it, files/yval-parse.h reads it):
 *
 *   template: NAME            the workload it was saved from
 *   lenses: [ID...]           in the workspace's order
 *   answers:
 *     LENS:
 *       QUESTION:             in lens order
 *         selected: [CHOICE...]
 *         not-applicable: REASON
 *         choices-not-applicable: {CHOICE: REASON}
 *         note: TEXT
 */
#ifndef WAFR_TEMPLATE_H
#define WAFR_TEMPLATE_H

#include <stdbool.h>
#include <stddef.h>

#include "model/state.h"
#include "model/yval.h"

/* The template of a state's answers, for the lenses marked in want
 * (indexed like the state's lenses; NULL: all). */
struct yval	*template_build(const struct state *, const bool *);
/* The lens ids a template names (*ids malloc'd, its strings borrowed from
 * the tree): 0, or -1 with *cause ("NAME:LINE: message"). */
int		 template_lenses(const struct yval *, const char *,
		    const char ***, size_t *, char **);
/* The template's answers, checked against the lenses, into answers
 * ([lens][question index]; each replaces what is there, marked from
 * template): 0, or -1 with *cause. */
int		 template_answers(const struct yval *, const char *,
		    struct lens *const *, size_t, struct answer **, char **);

#endif
