/* bigtext.h: block-character text for the audience view. */
#ifndef WAFR_UI_BIGTEXT_H
#define WAFR_UI_BIGTEXT_H

#include "ui/ui.h"

#define BIG_ROWS	5

/* Columns the text takes at a scale (1: 3 columns a character). */
int	bigtext_width(const char *, int);
/* Draw at most width columns; returns the columns drawn. */
int	bigtext_draw(WINDOW *, int, int, int, const char *, int, enum element);

#endif
