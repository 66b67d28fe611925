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

char *
note_sync(const char *base, const char *mine, const char *theirs,
    bool *conflict)
{
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
	*conflict = true;
	/* Theirs may already hold this editor's text below a marker (the
	 * other editor merged first): then it is the whole story. */
	if (*mine != '\0' && strstr(theirs, mine) != NULL &&
	    strstr(theirs, note_marker()) != NULL) {
		*conflict = false;
		return xstrdup(theirs);
	}
	return xasprintf("%s%s%s\n%s", mine, *mine != '\0' ? "\n" : "",
	    note_marker(), theirs);
}
