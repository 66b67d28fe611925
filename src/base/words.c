/* words.c: a line split into words the way a shell splits a command. */
#include "config.h"

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "base/util.h"
#include "base/words.h"

void
words_free(struct words *w)
{
	for (size_t i = 0; i < w->n; i++)
		free(w->v[i]);
	free(w->v);
	*w = (struct words){ 0 };
}

static void
push(struct words *w, size_t *cap, struct buf *b)
{
	if (w->n + 2 > *cap) {
		*cap = *cap < 8 ? 8 : *cap * 2;
		w->v = xreallocarray(w->v, *cap, sizeof *w->v);
	}
	w->v[w->n++] = buf_take(b);	/* "" is a word too */
	w->v[w->n] = NULL;
}

int
words_next(const char **p, size_t *line, struct words *w, char **cause)
{
	const char	*s = *p;
	struct buf	 b = { 0 };
	size_t		 cap = 0, lines = 0;
	bool		 in_word = false;
	char		 quote = '\0';

	words_free(w);
	if (*s == '\0')
		return 0;
	for (;; s++) {
		char c = *s;

		if (c == '\0' && quote != '\0') {
			buf_free(&b);
			words_free(w);
			*p = s;
			if (line != NULL)
				*line += lines;
			return fail(cause, quote == '\'' ? _("a ' is not "
			    "closed") : _("a \" is not closed"));
		}
		if (c == '\n')
			lines++;
		if (quote == '\'') {
			if (c == '\'')
				quote = '\0';
			else
				buf_addc(&b, c);
			continue;
		}
		if (quote == '"') {
			if (c == '"')
				quote = '\0';
			else if (c == '\\' && s[1] == '\n') {
				s++;
				lines++;
			} else if (c == '\\' && s[1] != '\0' &&
			    strchr("\"\\$`", s[1]) != NULL)
				buf_addc(&b, *++s);
			else
				buf_addc(&b, c);
			continue;
		}
		if (c == '\0' || c == '\n' || c == ' ' || c == '\t' ||
		    c == '\r' || (c == '#' && !in_word)) {
			if (in_word)
				push(w, &cap, &b);
			in_word = false;
			if (c == '#')
				s += strcspn(s, "\n") - 1;
			else if (c == '\0' || c == '\n')
				break;
			continue;
		}
		if (c == '\\' && s[1] == '\n') {
			s++;	/* the line goes on: the word too, if begun */
			lines++;
			continue;
		}
		in_word = true;
		if (c == '\'' || c == '"')
			quote = c;
		else if (c == '\\' && s[1] != '\0')
			buf_addc(&b, *++s);
		else
			buf_addc(&b, c);
	}
	buf_free(&b);
	*p = *s == '\0' ? s : s + 1;
	if (line != NULL)
		*line += lines;
	return 1;
}
