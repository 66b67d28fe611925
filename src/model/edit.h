/* edit.h: the rules of answering, one place for the screen and the command
 * line. Pure: an edit changes an answer in memory, or says why it cannot.
 *
 *  - "None of these" excludes every other choice, and back;
 *  - a choice that does not apply is never selected: marking it n/a
 *    unselects it, selecting it makes it apply again;
 *  - a question marked not applicable takes no selection until it applies
 *    again;
 *  - an answer from a template is confirmed by CONFIRM or by any other
 *    edit. */
#ifndef WAFR_EDIT_H
#define WAFR_EDIT_H

#include <stddef.h>

#include "model/answer.h"
#include "model/lens.h"

#define EDIT_LIST(X) \
	X(SELECT, "select") \
	X(UNSELECT, "unselect") \
	X(TOGGLE, "toggle") \
	X(NONE, "none") \
	X(CLEAR, "clear") \
	X(QUESTION_NA, "question-na") \
	X(APPLICABLE, "applicable") \
	X(CHOICE_NA, "choice-na") \
	X(CHOICE_APPLICABLE, "choice-applicable") \
	X(NOTE, "note") \
	X(EVIDENCE_ADD, "evidence-add") \
	X(EVIDENCE_REMOVE, "evidence-remove") \
	X(VERIFICATION, "verification") \
	X(CONFIRM, "confirm")

enum edit_kind {
#define X(k, n) EDIT_##k,
	EDIT_LIST(X)
#undef X
};

struct edit {
	enum edit_kind		 kind;
	const char		*choice;	/* a choice id */
	const char		*text;		/* a reason, a note, evidence */
	size_t			 n;		/* evidence to remove, from 1 */
	enum verification	 verification;
};

/* What an edit did, for the front end to say. */
struct edit_result {
	enum edit_kind	 did;		/* a toggle says which it was */
	size_t		 cleared;	/* choices "None of these" unselected */
};

/* Apply one edit: 0, or -1 with *cause (the answer is then unchanged). */
int	 edit_apply(const struct question *, struct answer *,
	    const struct edit *, struct edit_result *, char **);
/* The name of an edit in the journal ("select", "note", ...). */
const char *edit_name(enum edit_kind);

#endif
