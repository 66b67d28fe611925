/* test-note-sync.c: a note saved in two terminals at once keeps both texts. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "base/util.h"
#include "model/note-sync.h"
#include "tap.h"

static void
check(const char *base, const char *mine, const char *theirs,
    const char *want, int want_conflict, const char *what)
{
	bool	 conflict = false;
	char	*got = note_sync(base, mine, theirs, &conflict);

	is_str(got != NULL ? got : "(keep)", want, what);
	is_int(conflict, want_conflict, what);
	free(got);
}

int
main(void)
{
	char *both = xasprintf("mine\n%s\ntheirs", note_marker());

	check("a", "a", "a", "(keep)", 0, "nothing changed: keep");
	check("a", "a b", "a", "(keep)", 0, "only typed here: keep");
	check("a", "a", "a c", "a c", 0, "only saved there: take it");
	check("a", "same", "same", "(keep)", 0, "both wrote the same: keep");
	check("a", "mine", "theirs", both, 1, "both changed: both kept");
	check(NULL, "", "theirs", "theirs", 0, "no base, nothing typed: take");
	free(both);
	both = xasprintf("x\n%s\nmine", note_marker());
	check("", "mine", both, both, 0,
	    "theirs already holds mine below the marker: take it");
	free(both);
	both = xasprintf("%s\ntheirs", note_marker());
	check("a", "", "theirs", both, 1,
	    "mine emptied, theirs changed: theirs kept below the marker");
	free(both);
	return tap_done();
}
