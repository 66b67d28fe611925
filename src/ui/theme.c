/* theme.c: one table of semantic colours, with a monochrome form of each.
 *
 * Colour is never the only signal: every risk is also written as a word or
 * a letter, so the monochrome column only has to keep things legible. It is
 * used when the terminal has no colours or NO_COLOR is set. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "ui/ui.h"

struct colour {
	short		fg, bg;
	attr_t		attr;
};

/* The themes, by semantic element; -1 is the terminal's own colour. The
 * light theme keeps to colours that read on a white background; the
 * projector theme gives every element a solid block and bold text, which
 * survives a washed-out projector at the back of the room. */
static const struct colour dark[EL_COUNT] = {
	[EL_NORMAL] =		{ -1, -1, 0 },
	[EL_HEADER] =		{ COLOR_WHITE, COLOR_BLUE, A_BOLD },
	[EL_TITLE] =		{ COLOR_CYAN, -1, A_BOLD },
	[EL_TITLE_FOCUS] =	{ COLOR_BLACK, COLOR_CYAN, A_BOLD },
	[EL_FOCUS] =		{ COLOR_BLACK, COLOR_CYAN, 0 },
	[EL_CURSOR] =		{ -1, -1, A_BOLD },
	[EL_RISK_HIGH] =	{ COLOR_RED, -1, A_BOLD },
	[EL_RISK_MEDIUM] =	{ COLOR_YELLOW, -1, A_BOLD },
	[EL_RISK_NONE] =	{ COLOR_GREEN, -1, 0 },
	[EL_RISK_NA] =		{ COLOR_BLUE, -1, 0 },
	[EL_UNANSWERED] =	{ -1, -1, A_DIM },
	[EL_BAR_DONE] =		{ COLOR_GREEN, -1, 0 },
	[EL_BAR_TODO] =		{ -1, -1, A_DIM },
	[EL_DIM] =		{ -1, -1, A_DIM },
	[EL_STATUS] =		{ COLOR_WHITE, COLOR_BLUE, 0 },
	[EL_STATUS_KEY] =	{ COLOR_YELLOW, COLOR_BLUE, A_BOLD },
	[EL_MATCH] =		{ COLOR_BLACK, COLOR_YELLOW, 0 },
	[EL_ERROR] =		{ COLOR_WHITE, COLOR_RED, A_BOLD },
	[EL_INERT] =		{ COLOR_MAGENTA, -1, A_BOLD },
};

static const struct colour light[EL_COUNT] = {
	[EL_NORMAL] =		{ -1, -1, 0 },
	[EL_HEADER] =		{ COLOR_WHITE, COLOR_BLUE, A_BOLD },
	[EL_TITLE] =		{ COLOR_BLUE, -1, A_BOLD },
	[EL_TITLE_FOCUS] =	{ COLOR_WHITE, COLOR_BLUE, A_BOLD },
	[EL_FOCUS] =		{ COLOR_WHITE, COLOR_BLUE, 0 },
	[EL_CURSOR] =		{ -1, -1, A_BOLD },
	[EL_RISK_HIGH] =	{ COLOR_RED, -1, A_BOLD },
	[EL_RISK_MEDIUM] =	{ COLOR_MAGENTA, -1, A_BOLD },
	[EL_RISK_NONE] =	{ COLOR_GREEN, -1, A_BOLD },
	[EL_RISK_NA] =		{ COLOR_BLUE, -1, 0 },
	[EL_UNANSWERED] =	{ -1, -1, A_DIM },
	[EL_BAR_DONE] =		{ COLOR_BLUE, -1, A_BOLD },
	[EL_BAR_TODO] =		{ -1, -1, A_DIM },
	[EL_DIM] =		{ -1, -1, A_DIM },
	[EL_STATUS] =		{ COLOR_WHITE, COLOR_BLUE, 0 },
	[EL_STATUS_KEY] =	{ COLOR_YELLOW, COLOR_BLUE, A_BOLD },
	[EL_MATCH] =		{ COLOR_BLACK, COLOR_YELLOW, 0 },
	[EL_ERROR] =		{ COLOR_WHITE, COLOR_RED, A_BOLD },
	[EL_INERT] =		{ COLOR_MAGENTA, -1, A_BOLD },
};

static const struct colour projector[EL_COUNT] = {
	[EL_NORMAL] =		{ -1, -1, A_BOLD },
	[EL_HEADER] =		{ COLOR_BLACK, COLOR_YELLOW, A_BOLD },
	[EL_TITLE] =		{ COLOR_BLACK, COLOR_WHITE, A_BOLD },
	[EL_TITLE_FOCUS] =	{ COLOR_BLACK, COLOR_YELLOW, A_BOLD },
	[EL_FOCUS] =		{ COLOR_BLACK, COLOR_YELLOW, A_BOLD },
	[EL_CURSOR] =		{ -1, -1, A_BOLD | A_UNDERLINE },
	[EL_RISK_HIGH] =	{ COLOR_WHITE, COLOR_RED, A_BOLD },
	[EL_RISK_MEDIUM] =	{ COLOR_BLACK, COLOR_YELLOW, A_BOLD },
	[EL_RISK_NONE] =	{ COLOR_BLACK, COLOR_GREEN, A_BOLD },
	[EL_RISK_NA] =		{ COLOR_WHITE, COLOR_BLUE, A_BOLD },
	[EL_UNANSWERED] =	{ -1, -1, 0 },
	[EL_BAR_DONE] =		{ COLOR_GREEN, -1, A_BOLD },
	[EL_BAR_TODO] =		{ -1, -1, 0 },
	[EL_DIM] =		{ -1, -1, 0 },
	[EL_STATUS] =		{ COLOR_BLACK, COLOR_WHITE, A_BOLD },
	[EL_STATUS_KEY] =	{ COLOR_WHITE, COLOR_BLACK, A_BOLD },
	[EL_MATCH] =		{ COLOR_BLACK, COLOR_CYAN, A_BOLD },
	[EL_ERROR] =		{ COLOR_WHITE, COLOR_RED, A_BOLD },
	[EL_INERT] =		{ COLOR_WHITE, COLOR_MAGENTA, A_BOLD },
};

/* Without colour: attributes alone keep each element legible. */
static const attr_t mono_attrs[EL_COUNT] = {
	[EL_NORMAL] =		0,
	[EL_HEADER] =		A_REVERSE | A_BOLD,
	[EL_TITLE] =		A_BOLD | A_UNDERLINE,
	[EL_TITLE_FOCUS] =	A_REVERSE | A_BOLD,
	[EL_FOCUS] =		A_REVERSE,
	[EL_CURSOR] =		A_BOLD,
	[EL_RISK_HIGH] =	A_BOLD,
	[EL_RISK_MEDIUM] =	A_UNDERLINE,
	[EL_RISK_NONE] =	0,
	[EL_RISK_NA] =		A_DIM,
	[EL_UNANSWERED] =	A_DIM,
	[EL_BAR_DONE] =		A_BOLD,
	[EL_BAR_TODO] =		A_DIM,
	[EL_DIM] =		A_DIM,
	[EL_STATUS] =		A_REVERSE,
	[EL_STATUS_KEY] =	A_REVERSE | A_BOLD,
	[EL_MATCH] =		A_UNDERLINE | A_BOLD,
	[EL_ERROR] =		A_REVERSE | A_BOLD,
	[EL_INERT] =		A_UNDERLINE,
};

static const struct {
	const char		*name;
	const struct colour	*colours;	/* NULL: monochrome */
} themes[] = {
	{ "dark", dark },
	{ "light", light },
	{ "projector", projector },
	{ "mono", NULL },
};

static attr_t	attrs[EL_COUNT];
static bool	mono = true;

/* name: a theme of the configuration file; NULL or unknown is "dark". */
void
theme_init(const char *name)
{
	const char		*nc = getenv("NO_COLOR");
	const struct colour	*c = dark;

	for (size_t i = 0; name != NULL && i < nitems(themes); i++) {
		if (strcmp(themes[i].name, name) == 0)
			c = themes[i].colours;
	}
	mono = c == NULL || (nc != NULL && *nc != '\0') || !has_colors();
	if (!mono && start_color() == ERR)
		mono = true;
	if (!mono && use_default_colors() == ERR) {
		/* Without default colours, -1 is not a colour. */
		assume_default_colors(COLOR_WHITE, COLOR_BLACK);
	}
	for (int i = 0; i < EL_COUNT; i++) {
		if (mono) {
			attrs[i] = mono_attrs[i];
			continue;
		}
		if (c[i].fg == -1 && c[i].bg == -1) {
			attrs[i] = c[i].attr;
			continue;
		}
		init_pair((short)i, c[i].fg, c[i].bg);
		attrs[i] = c[i].attr | COLOR_PAIR(i);
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

/* The three-cell word that says a risk without colour. */
const char *
theme_badge(enum risk r)
{
	switch (r) {
	case RISK_HIGH:
		return _("HRI");
	case RISK_MEDIUM:
		return _("MRI");
	case RISK_NONE:
		return _(" ok");
	case RISK_NOT_APPLICABLE:
		return _("n/a");
	default:
		return " - ";
	}
}
