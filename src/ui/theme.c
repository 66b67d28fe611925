/* theme.c: one table of semantic colours, with a monochrome form of each.
 *
 * Colour is never the only signal: every risk is also written as a word or
 * a letter, so the monochrome column only has to keep things legible. It is
 * used when the terminal has no colours or NO_COLOR is set. */
#include "config.h"

#include <stdlib.h>

#include "ui/ui.h"

static const struct {
	enum element	el;
	short		fg, bg;
	attr_t		attr;		/* with colour */
	attr_t		mono;		/* without */
} theme[EL_COUNT] = {
	{ EL_NORMAL,	   -1, -1,		0,	0 },
	{ EL_HEADER,	   COLOR_WHITE, COLOR_BLUE,	A_BOLD,	A_REVERSE | A_BOLD },
	{ EL_TITLE,	   COLOR_CYAN, -1,	A_BOLD,	A_BOLD | A_UNDERLINE },
	{ EL_TITLE_FOCUS,  COLOR_BLACK, COLOR_CYAN,	A_BOLD,	A_REVERSE | A_BOLD },
	{ EL_FOCUS,	   COLOR_BLACK, COLOR_CYAN,	0,	A_REVERSE },
	{ EL_CURSOR,	   -1, -1,		A_BOLD,	A_BOLD },
	{ EL_RISK_HIGH,	   COLOR_RED, -1,	A_BOLD,	A_BOLD },
	{ EL_RISK_MEDIUM,  COLOR_YELLOW, -1,	A_BOLD,	A_UNDERLINE },
	{ EL_RISK_NONE,	   COLOR_GREEN, -1,	0,	0 },
	{ EL_RISK_NA,	   COLOR_BLUE, -1,	0,	A_DIM },
	{ EL_UNANSWERED,   -1, -1,		A_DIM,	A_DIM },
	{ EL_BAR_DONE,	   COLOR_GREEN, -1,	0,	A_BOLD },
	{ EL_BAR_TODO,	   -1, -1,		A_DIM,	A_DIM },
	{ EL_DIM,	   -1, -1,		A_DIM,	A_DIM },
	{ EL_STATUS,	   COLOR_WHITE, COLOR_BLUE,	0,	A_REVERSE },
	{ EL_STATUS_KEY,   COLOR_YELLOW, COLOR_BLUE,	A_BOLD,	A_REVERSE | A_BOLD },
	{ EL_MATCH,	   COLOR_BLACK, COLOR_YELLOW,	0,	A_UNDERLINE | A_BOLD },
	{ EL_ERROR,	   COLOR_WHITE, COLOR_RED,	A_BOLD,	A_REVERSE | A_BOLD },
	{ EL_INERT,	   COLOR_MAGENTA, -1,	A_BOLD,	A_UNDERLINE },
};

static attr_t	attrs[EL_COUNT];
static bool	mono = true;

void
theme_init(void)
{
	const char *nc = getenv("NO_COLOR");

	mono = (nc != NULL && *nc != '\0') || !has_colors();
	if (!mono && start_color() == ERR)
		mono = true;
	if (!mono && use_default_colors() == ERR) {
		/* Without default colours, -1 is not a colour. */
		assume_default_colors(COLOR_WHITE, COLOR_BLACK);
	}
	for (int i = 0; i < EL_COUNT; i++) {
		if (mono || (theme[i].fg == -1 && theme[i].bg == -1)) {
			attrs[i] = mono ? theme[i].mono : theme[i].attr;
			continue;
		}
		init_pair((short)i, theme[i].fg, theme[i].bg);
		attrs[i] = theme[i].attr | COLOR_PAIR(i);
	}
}

attr_t
theme_attr(enum element el)
{
	return attrs[el];
}

bool
theme_mono(void)
{
	return mono;
}

enum element
theme_risk(enum risk r)
{
	switch (r) {
	case RISK_HIGH:
		return EL_RISK_HIGH;
	case RISK_MEDIUM:
		return EL_RISK_MEDIUM;
	case RISK_NONE:
		return EL_RISK_NONE;
	case RISK_NOT_APPLICABLE:
		return EL_RISK_NA;
	default:
		return EL_UNANSWERED;
	}
}
