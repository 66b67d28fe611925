/* test-words.c: lines split into words as a shell would. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "base/util.h"
#include "base/words.h"
#include "tap.h"

/* The words of the first line of text, joined by '|'; "ERROR: cause". */
static char *
split(const char *text, size_t *line)
{
	struct words	 w = { 0 };
	struct buf	 b = { 0 };
	char		*cause = NULL;
	const char	*p = text;
	int		 r = words_next(&p, line, &w, &cause);

	if (r < 0) {
		buf_printf(&b, "ERROR: %s", cause);
		free(cause);
	} else if (r == 0)
		buf_adds(&b, "END");
	for (size_t i = 0; i < w.n; i++)
		buf_printf(&b, "%s%s", i > 0 ? "|" : "", w.v[i]);
	ok(w.v == NULL || w.v[w.n] == NULL, "the words end with NULL: %s",
	    text);
	words_free(&w);
	return buf_take(&b);
}

#define SPLIT(text, want) do {						\
	char *got_ = split((text), NULL);				\
	is_str(got_, (want), "%s", (text));				\
	free(got_);							\
} while (0)

int
main(void)
{
	struct words	 w = { 0 };
	const char	*p;
	char		*got, *cause = NULL;
	size_t		 line = 0;
	int		 r;

	SPLIT("", "END");
	SPLIT("q1 --select c1", "q1|--select|c1");
	SPLIT("  q1\t -s  c1  ", "q1|-s|c1");
	SPLIT("q1 --note 'two words'", "q1|--note|two words");
	SPLIT("q1 --note \"say \\\"hi\\\" \\\\ \\$x\"",
	    "q1|--note|say \"hi\" \\ $x");
	SPLIT("q1 --note \"a\\b\"", "q1|--note|a\\b");
	SPLIT("q1 --note 'it'\\''s'", "q1|--note|it's");
	SPLIT("q1 --note it\\'s\\ fine", "q1|--note|it's fine");
	SPLIT("q1 --note \"\"", "q1|--note|");
	SPLIT("q1 --note ''", "q1|--note|");
	SPLIT("q1 --note a\"b c\"d", "q1|--note|ab cd");
	SPLIT("q1 --note '$HOME * ~'", "q1|--note|$HOME * ~");
	SPLIT("# a comment", "");
	SPLIT("   ", "");
	SPLIT("q1 -s c1 # the rest is a comment", "q1|-s|c1");
	SPLIT("q1 --note a#b", "q1|--note|a#b");
	SPLIT("q1 --note '# kept'", "q1|--note|# kept");
	SPLIT("q1 -s c1\r", "q1|-s|c1");
	SPLIT("q1 --note 'open", "ERROR: a ' is not closed");
	SPLIT("q1 --note \"open", "ERROR: a \" is not closed");

	/* A quoted note over two lines, a line joined with a backslash, a
	 * comment and a blank line: each call reads one line of words. */
	p = "q1 --note 'line one\nline two' -s c1\n"
	    "# comment\n"
	    "\n"
	    "q2 \\\n  --none\n"
	    "q3 --note \"a\\\nb\"";
	r = words_next(&p, &line, &w, &cause);
	ok(r == 1 && w.n == 5 && strcmp(w.v[2], "line one\nline two") == 0,
	    "a quoted word keeps its newline");
	is_int(line, 2, "... and the two lines are counted");
	r = words_next(&p, &line, &w, &cause);
	ok(r == 1 && w.n == 0, "a comment line has no word");
	r = words_next(&p, &line, &w, &cause);
	ok(r == 1 && w.n == 0, "a blank line has no word");
	is_int(line, 4, "... each a line");
	r = words_next(&p, &line, &w, &cause);
	ok(r == 1 && w.n == 2 && strcmp(w.v[1], "--none") == 0,
	    "a backslash at the end of a line joins the next");
	is_int(line, 6, "... both lines counted");
	r = words_next(&p, &line, &w, &cause);
	ok(r == 1 && w.n == 3 && strcmp(w.v[2], "ab") == 0,
	    "inside double quotes a backslash-newline joins too");
	is_int(line, 7, "... and the newline it joined is counted");
	r = words_next(&p, &line, &w, &cause);
	is_int(r, 0, "then the end");
	words_free(&w);

	line = 0;
	got = split("q1 --note 'a\nb\nc", &line);
	is_str(got, "ERROR: a ' is not closed", "an open quote at the end");
	is_int(line, 2, "... counts the lines it ran over");
	free(got);
	return tap_done();
}
