/* words.h: a line split into words the way a shell splits a command.
 *
 * Blanks (spaces, tabs) separate words. Inside '...' every character is
 * itself. Inside "..." a backslash keeps only \" \\ \$ \` and joins lines
 * at \newline; any other backslash is itself. Outside quotes a backslash
 * keeps the next character, and joins lines at \newline; a carriage
 * return outside quotes is a blank. A '#' that starts a word starts a
 * comment to the end of the line. A quoted word may span lines: the line
 * ends at the first newline outside quotes. Nothing is expanded ($, *, ~
 * are plain characters). */
#ifndef WAFR_WORDS_H
#define WAFR_WORDS_H

#include <stddef.h>

struct words {
	char	**v;	/* NULL-terminated */
	size_t	  n;
};

/* Split the next line of the text at *p (NUL-terminated) into w, which is
 * emptied first; *p moves past the line and *line (may be NULL) counts the
 * newlines it took. 1 a line was read (it may hold no word: blank, or a
 * comment), 0 at the end of the text, -1 with *cause (a quote left open;
 * *p is then at the end). */
int	 words_next(const char **, size_t *, struct words *, char **);
void	 words_free(struct words *);

#endif
