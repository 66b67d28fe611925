/* note-sync.c: a note edited in two terminals at once.
 *
 * An editor remembers the stored text it started from (its base). When the
 * store's text moves away from the base, another terminal saved the note:
 * if nothing was typed here since, the editor takes the new text; if both
 * changed, the editor keeps its own text and puts the other below a marker
 * line, so neither text is ever dropped without a word. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "model/note-sync.h"
#include "base/util.h"

/* Not translated: the note is shared, and two terminals in two languages
 * must both recognise the marker. */
const char *
note_marker(void)
{
	return "----- saved in another terminal meanwhile -----";
}

const char *
note_end_marker(void)
{
	return "----- end of the other terminal's text -----";
}

/* A text's lines: where each starts and how long it is. */
struct line {
	const char	*at;
	size_t		 len;
};
struct lines {
	struct line	*l;
	size_t		 n;
};

static void
lines_split(const char *s, struct lines *l)
{
	size_t cap = 0;

	memset(l, 0, sizeof *l);
	for (;;) {
		struct line *one = ARRAY_PUSH(l->l, l->n, cap);

		one->at = s;
		one->len = strcspn(s, "\n");
		if (s[one->len] == '\0')
			break;
		s += one->len + 1;
	}
}

static bool
line_eq(const struct lines *a, size_t i, const struct lines *b, size_t j)
{
	return a->l[i].len == b->l[j].len && memcmp(a->l[i].at, b->l[j].at,
	    a->l[i].len) == 0;
}

static void
lines_add(struct buf *b, const struct lines *l, size_t from, size_t to)
{
	for (size_t i = from; i < to; i++) {
		if (b->len > 0)
			buf_addc(b, '\n');
		buf_add(b, l->l[i].at, l->l[i].len);
	}
}

static void
line_add(struct buf *b, const char *s)
{
	if (b->len > 0)
		buf_addc(b, '\n');
	buf_adds(b, s);
}

char *
note_sync(const char *base, const char *mine, const char *theirs,
    bool *conflict)
{
	struct lines	 m, t;
	struct buf	 b = { 0 };
	size_t		 pre = 0, post = 0;

	*conflict = false;
	if (base == NULL)
		base = "";
	if (mine == NULL)
		mine = "";
	if (theirs == NULL)
		theirs = "";
	if (strcmp(theirs, base) == 0 || strcmp(theirs, mine) == 0)
		return NULL;
	if (strcmp(mine, base) == 0)
		return xstrdup(theirs);
	/* Theirs may already hold this editor's text below a marker (the
	 * other editor merged first): then it is the whole story. */
	if (*mine != '\0' && strstr(theirs, mine) != NULL &&
	    strstr(theirs, note_marker()) != NULL)
		return xstrdup(theirs);
	*conflict = true;
	if (*mine == '\0')
		return xasprintf("%s\n%s", note_marker(), theirs);
	/* The lines both texts share at their start and end are kept once;
	 * between them, this editor's lines, then the other's, marked. */
	lines_split(mine, &m);
	lines_split(theirs, &t);
	while (pre < m.n && pre < t.n && line_eq(&m, pre, &t, pre))
		pre++;
	while (post < m.n - pre && post < t.n - pre &&
	    line_eq(&m, m.n - 1 - post, &t, t.n - 1 - post))
		post++;
	buf_adds(&b, "");
	lines_add(&b, &m, 0, m.n - post);
	line_add(&b, note_marker());
	lines_add(&b, &t, pre, t.n - post);
	if (post > 0) {
		line_add(&b, note_end_marker());
		lines_add(&b, &m, m.n - post, m.n);
	}
	free(m.l);
	free(t.l);
	return buf_take(&b);
}
