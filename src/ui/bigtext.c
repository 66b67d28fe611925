/* bigtext.c: text blown up for a projector, in block characters.
 *
 * A 3x5 font of digits, capital letters and a few signs; each lit cell is
 * drawn as one or two block characters (scale), so "SEC 3" or "12:05" can
 * be read from the back of a room. */
#include "config.h"

#include <ctype.h>
#include <string.h>

#include "ui/bigtext.h"

static const struct {
	char		 c;
	const char	*rows[BIG_ROWS];
} font[] = {
	{ '0', { "###", "# #", "# #", "# #", "###" } },
	{ '1', { " # ", "## ", " # ", " # ", "###" } },
	{ '2', { "###", "  #", "###", "#  ", "###" } },
	{ '3', { "###", "  #", " ##", "  #", "###" } },
	{ '4', { "# #", "# #", "###", "  #", "  #" } },
	{ '5', { "###", "#  ", "###", "  #", "###" } },
	{ '6', { "###", "#  ", "###", "# #", "###" } },
	{ '7', { "###", "  #", "  #", " # ", " # " } },
	{ '8', { "###", "# #", "###", "# #", "###" } },
	{ '9', { "###", "# #", "###", "  #", "###" } },
	{ 'A', { " # ", "# #", "###", "# #", "# #" } },
	{ 'B', { "## ", "# #", "## ", "# #", "## " } },
	{ 'C', { "###", "#  ", "#  ", "#  ", "###" } },
	{ 'D', { "## ", "# #", "# #", "# #", "## " } },
	{ 'E', { "###", "#  ", "## ", "#  ", "###" } },
	{ 'F', { "###", "#  ", "## ", "#  ", "#  " } },
	{ 'G', { "###", "#  ", "# #", "# #", "###" } },
	{ 'H', { "# #", "# #", "###", "# #", "# #" } },
	{ 'I', { "###", " # ", " # ", " # ", "###" } },
	{ 'J', { "  #", "  #", "  #", "# #", "###" } },
	{ 'K', { "# #", "# #", "## ", "# #", "# #" } },
	{ 'L', { "#  ", "#  ", "#  ", "#  ", "###" } },
	{ 'M', { "# #", "###", "###", "# #", "# #" } },
	{ 'N', { "## ", "# #", "# #", "# #", "# #" } },
	{ 'O', { "###", "# #", "# #", "# #", "###" } },
	{ 'P', { "###", "# #", "###", "#  ", "#  " } },
	{ 'Q', { "###", "# #", "# #", "###", "  #" } },
	{ 'R', { "## ", "# #", "## ", "# #", "# #" } },
	{ 'S', { "###", "#  ", "###", "  #", "###" } },
	{ 'T', { "###", " # ", " # ", " # ", " # " } },
	{ 'U', { "# #", "# #", "# #", "# #", "###" } },
	{ 'V', { "# #", "# #", "# #", "# #", " # " } },
	{ 'W', { "# #", "# #", "###", "###", "# #" } },
	{ 'X', { "# #", "# #", " # ", "# #", "# #" } },
	{ 'Y', { "# #", "# #", " # ", " # ", " # " } },
	{ 'Z', { "###", "  #", " # ", "#  ", "###" } },
	{ ':', { "   ", " # ", "   ", " # ", "   " } },
	{ '/', { "  #", "  #", " # ", "#  ", "#  " } },
	{ '-', { "   ", "   ", "###", "   ", "   " } },
	{ '.', { "   ", "   ", "   ", "   ", " # " } },
	{ '+', { "   ", " # ", "###", " # ", "   " } },
};

static const char *const *
glyph_rows(char c)
{
	c = (char)toupper((unsigned char)c);
	for (size_t i = 0; i < sizeof font / sizeof font[0]; i++) {
		if (font[i].c == c)
			return font[i].rows;
	}
	return NULL;	/* a space, or a character the font lacks */
}

int
bigtext_width(const char *s, int scale)
{
	size_t n = strlen(s);

	return n == 0 ? 0 : (int)n * (3 * scale + scale) - scale;
}

int
bigtext_draw(WINDOW *w, int y, int x, int width, const char *s, int scale,
    enum element el)
{
	const char	*block = glyph(GLYPH_BAR_DONE);
	int		 col = 0, cw = 3 * scale;

	for (; *s != '\0'; s++) {
		const char *const *rows = glyph_rows(*s);

		if (col + cw > width)
			break;
		for (int r = 0; r < BIG_ROWS && rows != NULL; r++) {
			for (int c = 0; c < 3; c++) {
				if (rows[r][c] != '#')
					continue;
				for (int k = 0; k < scale; k++)
					draw_text(w, y + r, x + col + c * scale +
					    k, 1, block, el);
			}
		}
		col += cw + scale;
	}
	return col > 0 ? col - scale : 0;
}
