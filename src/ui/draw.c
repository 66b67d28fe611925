/* draw.c: the one way text reaches the screen.
 *
 * Text from lens files and notes may hold anything. Each character is
 * measured with wcwidth so wide and combining characters keep columns
 * aligned; control characters are drawn as inert caret notation (^[) in
 * their own colour, invalid bytes as '?', and bidirectional controls are
 * dropped, so nothing from a file ever acts on the terminal. Text that does
 * not fit its columns ends in an ellipsis, so a cut always shows. */
#include "config.h"

#include <langinfo.h>
#include <stdlib.h>
#include <string.h>
#include <wctype.h>

#include "ui/ui.h"
#include "base/util.h"

/* What one character of text becomes on the screen. */
enum cell_kind { CELL_PRINT, CELL_ZERO, CELL_CARET, CELL_BAD, CELL_DROP };

static bool
is_bidi_control(wchar_t wc)
{
	return (wc >= 0x202a && wc <= 0x202e) ||
	    (wc >= 0x2066 && wc <= 0x2069) || wc == 0x200e || wc == 0x200f ||
	    wc == 0x061c;
}

/* Decode one character at s[i]: its kind, width, the wide character, and
 * the number of bytes it takes. */
static enum cell_kind
decode(const char *s, size_t len, size_t i, wchar_t *wc, int *width,
    size_t *used)
{
	mbstate_t	st;
	size_t		n;
	int		w;

	/* Printable ASCII, most of any text, as itself. */
	if ((unsigned char)s[i] >= 0x20 && (unsigned char)s[i] < 0x7f) {
		*wc = (unsigned char)s[i];
		*width = 1;
		*used = 1;
		return CELL_PRINT;
	}
	memset(&st, 0, sizeof st);
	n = mbrtowc(wc, s + i, len - i, &st);
	if (n == (size_t)-1 || n == (size_t)-2 || n == 0) {
		*used = 1;
		*width = 1;
		return CELL_BAD;
	}
	*used = n;
	if (*wc == '\t') {
		*wc = ' ';
		*width = 1;
		return CELL_PRINT;
	}
	if (*wc < 0x20 || *wc == 0x7f || (*wc >= 0x80 && *wc < 0xa0)) {
		*width = 2;
		return CELL_CARET;
	}
	if (is_bidi_control(*wc)) {
		*width = 0;
		return CELL_DROP;
	}
	w = wcwidth(*wc);
	if (w < 0) {
		*width = 1;
		return CELL_BAD;
	}
	*width = w;
	return w == 0 ? CELL_ZERO : CELL_PRINT;
}

/* The caret notation of a control character: ^[ for ESC, ^? for DEL, and
 * ^[ followed by the 7-bit form for C1 controls (CSI shows as ^[[). */
static void
caret(wchar_t wc, wchar_t out[3])
{
	out[0] = '^';
	if (wc == 0x7f)
		out[1] = '?';
	else if (wc >= 0x80)
		out[1] = '[';
	else
		out[1] = (wchar_t)(wc + 0x40);
	out[2] = 0;
}

static void
flush(WINDOW *w, wchar_t *run, int *n, attr_t a)
{
	if (*n == 0)
		return;
	wattrset(w, a);
	waddnwstr(w, run, *n);
	*n = 0;
}

/* Draw the cells of s[0..len) in width columns; with cut, the last column
 * is an ellipsis. */
static int
draw_cells(WINDOW *w, int y, int x, int width, const char *s, size_t len,
    enum element el, bool cut)
{
	wchar_t		run[128], wc, c[3];
	attr_t		a = theme_attr(el), inert = theme_attr(EL_INERT);
	size_t		i = 0, used;
	int		col = 0, cw, n = 0, limit = width;
	enum cell_kind	kind;

	if (cut)
		limit = width - 1;
	wmove(w, y, x);
	while (i < len && s[i] != '\0') {
		kind = decode(s, len, i, &wc, &cw, &used);
		if (col + cw > limit)
			break;
		i += used;
		if (n >= (int)nitems(run) - 4)
			flush(w, run, &n, a);
		switch (kind) {
		case CELL_PRINT:
			run[n++] = wc;
			break;
		case CELL_ZERO:
			/* A combining mark joins the character before it. */
			if (col > 0)
				run[n++] = wc;
			break;
		case CELL_CARET:
			flush(w, run, &n, a);
			caret(wc, c);
			wattrset(w, inert);
			waddnwstr(w, c, 2);
			break;
		case CELL_BAD:
			flush(w, run, &n, a);
			wattrset(w, inert);
			waddnwstr(w, L"?", 1);
			break;
		case CELL_DROP:
			break;
		}
		col += cw;
	}
	flush(w, run, &n, a);
	if (limit < width) {
		wattrset(w, a);
		waddstr(w, glyph(GLYPH_ELLIPSIS));
		col++;
	}
	wattrset(w, A_NORMAL);
	return col;
}

int
draw_textn(WINDOW *w, int y, int x, int width, const char *s, size_t len,
    enum element el)
{
	if (s == NULL || width <= 0)
		return 0;
	return draw_cells(w, y, x, width, s, len, el, text_width(s, len) >
	    width);
}

int
draw_text(WINDOW *w, int y, int x, int width, const char *s, enum element el)
{
	return draw_textn(w, y, x, width, s, s != NULL ? strlen(s) : 0, el);
}

/* Paint width cells of a row in an element's colour. */
void
draw_fill(WINDOW *w, int y, int x, int width, enum element el)
{
	if (width <= 0)
		return;
	wattrset(w, theme_attr(el));
	mvwhline(w, y, x, ' ', width);
	wattrset(w, A_NORMAL);
}

int
text_width(const char *s, size_t len)
{
	size_t	i = 0, used;
	wchar_t	wc;
	int	col = 0, cw;

	while (i < len && s[i] != '\0') {
		decode(s, len, i, &wc, &cw, &used);
		col += cw;
		i += used;
	}
	return col;
}

size_t
utf8_next(const char *s, size_t len, size_t i)
{
	if (i >= len)
		return len;
	i++;
	while (i < len && ((unsigned char)s[i] & 0xc0) == 0x80)
		i++;
	return i;
}

size_t
utf8_prev(const char *s, size_t i)
{
	if (i == 0)
		return 0;
	i--;
	while (i > 0 && ((unsigned char)s[i] & 0xc0) == 0x80)
		i--;
	return i;
}

/* Break text into lines of at most width columns, at spaces where it can,
 * and at every newline. There is always at least one line. */
size_t
text_wrap(const char *s, int width, struct wline **out)
{
	struct wline	*lines = NULL, *l;
	size_t		 n = 0, cap = 0, len = s != NULL ? strlen(s) : 0;
	size_t		 i = 0, start, lastsp, used;
	wchar_t		 wc;
	int		 col, cw;

	if (width < 1)
		width = 1;
	for (;;) {
		start = i;
		lastsp = 0;
		col = 0;
		while (i < len && s[i] != '\n') {
			decode(s, len, i, &wc, &cw, &used);
			if (col + cw > width && i > start)
				break;
			if (s[i] == ' ')
				lastsp = i + 1;
			col += cw;
			i += used;
		}
		l = ARRAY_PUSH(lines, n, cap);
		l->start = start;
		if (i >= len) {
			l->end = len;
			break;
		}
		if (s[i] == '\n') {
			l->end = i++;
			continue;
		}
		if (lastsp > start) {
			l->end = lastsp;
			i = lastsp;
		} else
			l->end = i;
	}
	*out = lines;
	return n;
}

/* Does text contain the (lower-case) pattern, ignoring case? */
bool
text_match(const char *s, const wchar_t *pattern)
{
	wchar_t	*w;
	size_t	 n;
	bool	 found;

	if (s == NULL || *pattern == 0)
		return false;
	n = mbstowcs(NULL, s, 0);
	if (n == (size_t)-1)
		return false;
	w = xreallocarray(NULL, n + 1, sizeof *w);
	mbstowcs(w, s, n + 1);
	for (size_t i = 0; i < n; i++)
		w[i] = (wchar_t)towlower((wint_t)w[i]);
	found = wcsstr(w, pattern) != NULL;
	free(w);
	return found;
}

/* Drawing characters, with ASCII where the locale is not UTF-8. */
const char *
glyph(int which)
{
	static int	utf8 = -1;
	static const char *const fancy[] = { "\u2588", "\u00b7", "\u2500",
	    "\u2502", "\u2026", "\u2191", "\u2193" };
	static const char *const plain[] = { "#", ".", "-", "|", "~", "^",
	    "v" };

	if (utf8 == -1)
		utf8 = strcmp(nl_langinfo(CODESET), "UTF-8") == 0;
	return utf8 ? fancy[which] : plain[which];
}

/* Word-wrapped text in at most rows rows; returns the rows used. With
 * mark_cut, the last row ends in an ellipsis when the text goes on. */
int
draw_wrapped(WINDOW *w, int y, int x, int width, int rows, const char *s,
    enum element el, bool mark_cut)
{
	return draw_wrapped_from(w, y, x, width, 0, rows, s, el, mark_cut);
}

/* The same from the text's row skip on (a pane scrolled down). */
int
draw_wrapped_from(WINDOW *w, int y, int x, int width, int skip, int rows,
    const char *s, enum element el, bool mark_cut)
{
	struct wline	*lines;
	size_t		 n, k;
	int		 i;

	if (s == NULL || *s == '\0' || width < 1 || skip < 0)
		return 0;
	n = text_wrap(s, width, &lines);
	for (i = 0; i < rows && (size_t)(skip + i) < n; i++) {
		k = (size_t)(skip + i);
		draw_cells(w, y + i, x, width, s + lines[k].start,
		    lines[k].end - lines[k].start, el, mark_cut &&
		    i == rows - 1 && k + 1 < n);
	}
	free(lines);
	return i;
}
