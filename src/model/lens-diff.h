/* lens-diff.h: what changed from one version of a lens to another, and how
 * the answers given against the old one carry over to the new. Pure.
 *
 * Pillars, questions and choices are matched by id: a question is matched
 * across the whole lens (it may move to another pillar), a choice within its
 * question. */
#ifndef WAFR_LENS_DIFF_H
#define WAFR_LENS_DIFF_H

#include <stdbool.h>
#include <stddef.h>

#include "model/answer.h"
#include "model/lens.h"

enum ldiff_status { LDIFF_SAME, LDIFF_NEW, LDIFF_UPDATED, LDIFF_DELETED };
#define LDIFF_STATUS_COUNT 4

/* What of a thing changed: one list (bit, name) for every level. */
#define LDIFF_CHANGES(X)						\
	X(TITLE, 0x001, "title")					\
	X(DESCRIPTION, 0x002, "description")				\
	X(NUMBER, 0x004, "number")	/* question number, choice code */	\
	X(URL, 0x008, "url")						\
	X(RULES, 0x010, "rules")	/* how the question's risk is computed */ \
	X(CHOICES, 0x020, "choices")	/* some choice new, updated, deleted */ \
	X(PILLAR, 0x040, "pillar")	/* the question moved */	\
	X(RISK, 0x080, "risk")		/* a practice's risk level */	\
	X(NONE, 0x100, "none")		/* "None of these" or not */	\
	X(HELP, 0x200, "help")		/* helpful or improvement text */ \
	X(ORDER, 0x400, "order")	/* the choices' order */	\
	X(VERSION, 0x800, "version")					\
	X(ID, 0x1000, "id")
#define X(n, bit, name) LDIFF_##n = bit,
enum { LDIFF_CHANGES(X) };
#undef X

struct choice_diff {
	const struct choice	*old, *new;
	enum ldiff_status	 status;
	unsigned		 changes;
};
struct question_diff {
	const struct question	*old, *new;
	enum ldiff_status	 status;
	unsigned		 changes;
	struct choice_diff	*choices;	/* the ones not the same */
	size_t			 nchoices;
};
struct pillar_diff {
	const struct pillar	*old, *new;
	enum ldiff_status	 status;
	unsigned		 changes;
	struct question_diff	*questions;	/* the ones not the same */
	size_t			 nquestions;
};
struct lens_diff {
	const struct lens	*old, *new;
	unsigned		 changes;	/* id, version, title, description */
	struct pillar_diff	*pillars;	/* with a change, new order, then
						   the deleted ones */
	size_t			 npillars;
	/* How many of each were new, updated, deleted. */
	size_t			 count_pillars[LDIFF_STATUS_COUNT];
	size_t			 count_questions[LDIFF_STATUS_COUNT];
	size_t			 count_choices[LDIFF_STATUS_COUNT];
};

void	 lens_diff(const struct lens *, const struct lens *, struct lens_diff *);
void	 lens_diff_free(struct lens_diff *);
bool	 lens_diff_empty(const struct lens_diff *);
/* The question's diff (NULL: the same, or not in either lens). */
const struct question_diff *lens_diff_question(const struct lens_diff *,
	    const char *);
const char *ldiff_status_name(enum ldiff_status);	/* "new", ... */
/* The names of the bits set, in list order: fills names, returns count. */
size_t	 ldiff_change_names(unsigned, const char **, size_t);

/* Why a question must be confirmed again after an upgrade. */
#define RECONFIRM_REASONS(X)						\
	X(NEW_QUESTION, 0x01, "new-question")				\
	X(CHOICE_DELETED, 0x02, "choice-deleted")	/* was selected or N/A */ \
	X(CHOICE_CHANGED, 0x04, "choice-changed")	/* was selected */	\
	X(RULES, 0x08, "rules")		/* the risk rule changed */	\
	X(NEW_CHOICE, 0x10, "new-choice")	/* an answered question got one */
#define X(n, bit, name) RECONFIRM_##n = bit,
enum { RECONFIRM_REASONS(X) };
#undef X
size_t	 reconfirm_reason_names(unsigned, const char **, size_t);
/* "new-question,rules" back to bits; -1 for an unknown name. */
int	 reconfirm_parse(const char *, unsigned *);

/* One question the upgrade has something to say about. */
struct upgrade_note {
	const struct question	*old;	/* NULL: a new question */
	const struct question	*new;	/* NULL: the question was deleted */
	unsigned		 reasons;	/* RECONFIRM_*; 0 when deleted */
	bool			 lost_answer;	/* deleted with an answer */
	char			**lost;		/* ids of choices gone that were
						   selected or not applicable */
	size_t			 nlost;
};
struct lens_upgrade {
	struct answer		*answers;	/* [new question index] */
	struct upgrade_note	*notes;		/* new lens order, deleted last */
	size_t			 nnotes;
	size_t			 nreconfirm;
	size_t			 nlost;		/* answers and choices dropped */
};
/* Carry answers (indexed by the old lens's question index) to the new lens:
 * by question id, then choice id, selections in the new lens's order. */
void	 lens_upgrade_plan(const struct lens_diff *, const struct answer *,
	    struct lens_upgrade *);
void	 lens_upgrade_free(const struct lens_diff *, struct lens_upgrade *);

#endif
