/* present.h: the audience view, as the command line sees it (no curses). */
#ifndef WAFR_UI_PRESENT_H
#define WAFR_UI_PRESENT_H

#include "review/workspace.h"

/* Show the review read-only until the user quits: 0, or -1 and why.
 * The theme is the configuration file's; by default, "projector". */
int	present_run(struct workspace *, const char *, char **);

#endif
