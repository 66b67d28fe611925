/* run.h: the full-screen review, as the command line sees it (no curses). */
#ifndef WAFR_UI_RUN_H
#define WAFR_UI_RUN_H

#include <stdio.h>

#include "base/diag.h"
#include "files/settings.h"
#include "review/workspace.h"

/* Run the review on the terminal until the user quits: 0, or -1 and why.
 * The settings give the theme and the key bindings. */
int	ui_run(struct workspace *, const struct settings *, char **);
/* Check the key bindings of the settings, and print them all as "bind"
 * lines (for --dump-config). Problems go to diags. */
void	ui_dump_bindings(const struct settings *, struct diags *, FILE *);

#endif
