/* template.h: review templates saved from a workspace and applied to a new
 * one (model/template.h has the format). */
#ifndef WAFR_REVIEW_TEMPLATE_H
#define WAFR_REVIEW_TEMPLATE_H

#include <stddef.h>

#include "model/template.h"
#include "review/workspace.h"

/* Write the template of the workspace's answers and notes to FILE, for
 * the lenses named (none: all of them). */
int	 template_save(const struct workspace *, const char *,
	    const char *const *, size_t, char **);

/* Templates read for a new workspace. */
struct templates {
	struct yval	**trees;
	const char	**names;
	size_t		  n;
};
int	 templates_load(struct templates *, const char *const *, size_t,
	    char **);
void	 templates_free(struct templates *);
/* The lenses the templates name, each once, in order (borrowed). */
const char **templates_lenses(const struct templates *, size_t *, char **);
/* Their answers, later templates over earlier ones, as records of the
 * batch. */
int	 templates_batch(const struct templates *, struct lens *const *,
	    size_t, struct store_batch *, char **);

#endif
