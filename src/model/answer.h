/* answer.h: what the team answered to one question, and its byte encoding
 * in the store. Pure: no I/O. */
#ifndef WAFR_ANSWER_H
#define WAFR_ANSWER_H

#include <stdbool.h>
#include <stddef.h>

/* Why a question or a choice does not apply (the AWS tool's reasons). */
extern const char *const na_reasons[];	/* NULL-terminated */
const char	*na_reason_parse(const char *);	/* canonical name or NULL */

struct choice_na {
	char	*choice;
	char	*reason;	/* one of na_reasons */
};

enum verification {
	VERIFY_UNSET = 0,
	VERIFY_SELF,		/* self-reported */
	VERIFY_WORKSHOP,	/* shown and checked in the workshop */
};
const char	*verification_name(enum verification);
int		 verification_parse(const char *, enum verification *);

struct answer {
	char			**selected;	/* choice ids, in lens order */
	size_t			  nselected;
	struct choice_na	 *na;		/* choices that do not apply */
	size_t			  nna;
	bool			  not_applicable;	/* the whole question */
	char			 *reason;	/* why not, when not_applicable */
	char			 *note;		/* free text, may be multi-line */
	char			**evidence;	/* links, paths, descriptions */
	size_t			  nevidence;
	enum verification	  verification;
};

void	 answer_init(struct answer *);
void	 answer_free(struct answer *);
void	 answer_copy(struct answer *, const struct answer *);
bool	 answer_equal(const struct answer *, const struct answer *);
bool	 answer_is_empty(const struct answer *);
bool	 answer_selected(const struct answer *, const char *);
const struct choice_na *answer_choice_na(const struct answer *, const char *);
void	 answer_select(struct answer *, const char *, bool);
void	 answer_set_choice_na(struct answer *, const char *, const char *);
void	 answer_set_note(struct answer *, const char *);
void	 answer_add_evidence(struct answer *, const char *);
void	 answer_remove_evidence(struct answer *, size_t);
/* The evidence item that loosely gives what a lens requests (an item of a
 * question's evidence: list): the one that names most of its words, and at
 * least two of them (or its only one) and a third of them; -1 if none. */
int	 answer_evidence_given(const struct answer *, const char *);

/* Store encoding: tagged, length-prefixed records; unknown tags are skipped
 * so an older wafr reads what a newer one wrote. */
void	*answer_encode(const struct answer *, size_t *);
int	 answer_decode(const void *, size_t, struct answer *);

#endif
