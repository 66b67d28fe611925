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
	/* Two terminals typing in one note: the text they share is kept
	 * once, each one's own part is kept and marked. */
	both = xasprintf("Backups run nightly.\nOne: restores untested\n%s\n"
	    "Two: restores tested in May\n%s\nOwner: Ana", note_marker(),
	    note_end_marker());
	check("Backups run nightly.\nOwner: Ana",
	    "Backups run nightly.\nOne: restores untested\nOwner: Ana",
	    "Backups run nightly.\nTwo: restores tested in May\nOwner: Ana",
	    both, 1, "both added a line in the middle: the rest kept once");
	free(both);
	both = xasprintf("Shared start\nmine\n%s\ntheirs", note_marker());
	check("Shared start", "Shared start\nmine", "Shared start\ntheirs",
	    both, 1, "both added at the end: the start kept once, no end "
	    "marker");
	free(both);
	return tap_done();
}
