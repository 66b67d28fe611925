/* history.h: milestones as git commits and tags. The only user of git2.h. */
#ifndef WAFR_HISTORY_H
#define WAFR_HISTORY_H

#include "workspace.h"

/* Make the workspace a git repository with .gitignore and a first commit. */
int	history_init(const struct workspace *, char **);

#endif
