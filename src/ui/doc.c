/* doc.c: a pane of text longer than its rows: headings, rules, wrapped
 * paragraphs and links, laid out once for a width and drawn from any row,
 * so that the pane scrolls and a mark says how far it goes. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "ui/ui.h"
#include "base/util.h"

enum { DOC_TEXT, DOC_RULE };

static struct doc_line *
push(struct doc *d, int kind, int indent, enum element el, const char *s,
    size_t len)
{
	struct doc_line *l = ARRAY_PUSH(d->v, d->n, d->cap);

	l->kind = kind;
	l->indent = indent;
	l->el = el;
	l->text = xstrndup(s != NULL ? s : "", s != NULL ? len : 0);
	return l;
}

void
doc_init(struct doc *d, int width)
{
	memset(d, 0, sizeof *d);
	d->width = width > 1 ? width : 1;
}

void
doc_free(struct doc *d)
{
	for (size_t i = 0; i < d->n; i++)
		free(d->v[i].text);
	free(d->v);
	memset(d, 0, sizeof *d);
}

/* One line, cut with an ellipsis if it is wider than the pane. */
void
doc_line(struct doc *d, int indent, enum element el, const char *s)
{
	push(d, DOC_TEXT, indent, el, s, s != NULL ? strlen(s) : 0);
}

/* A paragraph, wrapped at the pane's width; a link breaks where it must,
 * whole on lines of its own. Nothing for an empty text. */
void
doc_wrap(struct doc *d, int indent, enum element el, const char *s)
{
	struct wline	*wl;
	size_t		 n;

	if (s == NULL || *s == '\0')
		return;
	n = text_wrap(s, d->width - indent, &wl);
	for (size_t i = 0; i < n; i++)
		push(d, DOC_TEXT, indent, el, s + wl[i].start,
		    wl[i].end - wl[i].start);
	free(wl);
}

/* "- text", the text wrapped under itself. */
void
doc_bullet(struct doc *d, int indent, enum element el, const char *s)
{
	size_t first = d->n;

	doc_wrap(d, indent + 2, el, s);
	if (first < d->n)
		d->v[first].bullet = true;
}

void
doc_rule(struct doc *d, const char *label)
{
	push(d, DOC_RULE, 0, EL_TITLE, label, label != NULL ? strlen(label) :
	    0);
}

/* A rule across a row with a label near its start (NULL: none): one run
 * of its glyph, one column each, as the text would draw them. */
void
draw_rule(WINDOW *w, int y, int x, int width, const char *label)
{
	cchar_t	cc;
	wchar_t	wc[2];

	if (width > 0 && mbstowcs(wc, glyph(GLYPH_RULE), 2) == 1 &&
	    setcchar(&cc, wc, A_NORMAL, 0, NULL) == OK) {
		wattrset(w, theme_attr(EL_DIM));
		mvwhline_set(w, y, x, &cc, width);
		wattrset(w, A_NORMAL);
	}
	if (label != NULL && *label != '\0')
		draw_text(w, y, x + 2, width - 4, label, EL_TITLE);
}

/* Draw rows rows from line *top (kept in range) at (y, x); returns the rows
 * drawn. When there is more than shows, the last row says so. */
int
doc_draw(struct doc *d, WINDOW *w, int y, int x, int rows, int *top)
{
	int	shown = rows, i;

	if (rows <= 0)
		return 0;
	/* A text longer than the rows leaves the last for the mark. */
	if ((int)d->n > rows)
		shown = rows - 1;
	if (*top > (int)d->n - shown)
		*top = (int)d->n - shown;
	if (*top < 0)
		*top = 0;
	for (i = 0; i < shown && *top + i < (int)d->n; i++) {
		const struct doc_line *l = &d->v[*top + i];

		if (l->kind == DOC_RULE) {
			draw_rule(w, y + i, x, d->width, l->text);
			continue;
		}
		if (l->bullet)
			draw_text(w, y + i, x + l->indent - 2, 2, "-", EL_DIM);
		draw_text(w, y + i, x + l->indent, d->width - l->indent,
		    l->text, l->el);
	}
	if (shown < rows) {
		draw_fill(w, y + i, x, d->width, EL_NORMAL);
		scroll_mark(w, y + i, x + d->width, *top, shown, (int)d->n,
		    EL_DIM);
		draw_text(w, y + i, x + 1, d->width / 2, _("J/K scroll"),
		    EL_DIM);
		i++;
	}
	return i;
}
