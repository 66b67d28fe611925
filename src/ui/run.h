/* run.h: the full-screen review, as the command line sees it (no curses). */
#ifndef WAFR_UI_RUN_H
#define WAFR_UI_RUN_H

#include "workspace.h"

/* Run the review on the terminal until the user quits: 0, or -1 and why. */
int	ui_run(struct workspace *, char **);

#endif
