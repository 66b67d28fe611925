/* lens.h: the lens model (pillars, questions, choices, risk rules).
 *
 * A lens is immutable once loaded. Nothing here does I/O: lens-load.c builds
 * the model from text, lens-check.c judges it. */
#ifndef WAFR_LENS_H
#define WAFR_LENS_H

#include <stdbool.h>
#include <stddef.h>

struct yval;

/* The risk a missing practice brings. */
enum level {
	LEVEL_UNSET = 0,
	LEVEL_LOW,
	LEVEL_MEDIUM,
	LEVEL_HIGH,
};

/* The risk of a question. The order is the order of severity. */
enum risk {
	RISK_UNANSWERED = 0,
	RISK_NOT_APPLICABLE,
	RISK_NONE,
	RISK_MEDIUM,
	RISK_HIGH,
};
#define RISK_COUNT 5

/* Where a thing came from, for messages. */
struct pos {
	int	line;
	int	col;
};

/* A text in its base language and its translations (`title@de:`). */
struct text {
	char	 *base;
	char	**lang;		/* "de", "fr", ... */
	char	**value;
	size_t	  n;
};

/* A parsed risk-rule condition: a tree of nodes in one array, node 0 the root. */
enum cond_op { COND_CHOICE, COND_NOT, COND_AND, COND_OR, COND_TRUE };
struct cond_node {
	enum cond_op	op;
	int		a, b;		/* operand node indexes */
	int		choice;		/* COND_CHOICE: index into question choices */
};
struct cond {
	struct cond_node	*nodes;
	size_t			 n;
};

struct rule {
	char		*text;		/* as written, e.g. "a && !b" or "default" */
	struct cond	 cond;		/* COND_TRUE root for "default" */
	bool		 is_default;
	enum risk	 risk;		/* RISK_NONE, RISK_MEDIUM or RISK_HIGH */
	struct pos	 pos;
};

struct choice {
	char		*id;
	char		*code;		/* OPS01-BP01; may be NULL */
	struct text	 title;
	struct text	 helpful;
	struct text	 improvement;
	char		*url;		/* the practice's page (helpful resource) */
	char		*improvement_url;
	enum level	 risk;		/* risk when the practice is missing */
	bool		 none;		/* "None of these" */
	struct yval	*extra;		/* fields kept but not shown; or NULL */
	struct pos	 pos;
};

struct question {
	char		*id;
	char		*number;	/* "OPS 1"; may be NULL */
	struct text	 title;
	struct text	 description;
	char		*url;
	/* What to ask the team (ask:) and what to request as proof
	 * (evidence:): 2 to 5 texts each, or none. */
	char		**ask;
	size_t		  nask;
	char		**evidence;
	size_t		  nevidence;
	/* The choices and the rules (none: the default rule of DESIGN.md).
	 * The loaders fill them; everything else reads them through
	 * question_choices() and question_rules(), since a lens unpacked
	 * from its cache reads them on first use: the names differ from
	 * the accessors' so that a read around them does not compile. The
	 * counts are always valid. */
	struct choice	*body_choices;
	size_t		 nchoices;
	struct rule	*body_rules;
	size_t		 nrules;
	struct yval	*extra;		/* fields kept but not shown; or NULL */
	struct pos	 pos;
	struct pillar	*pillar;	/* back pointer */
	size_t		 index;		/* position in the whole lens */
	/* Where the pack holds the choices and rules, until they are
	 * unpacked (model/lens-pack.c); else NULL. */
	const char	*body;
};

struct pillar {
	char		*id;
	char		*code;		/* OPS; may be NULL */
	struct text	 title;
	struct text	 description;
	struct question	*questions;
	size_t		 nquestions;
	struct yval	*extra;		/* fields kept but not shown; or NULL */
	struct pos	 pos;
	struct lens	*lens;		/* back pointer */
};

enum lens_format { LENS_YAML, LENS_AWS_JSON };

/* How a lens whose questions' choices and rules are read on first use
 * reads one question's (and sets q->body to NULL), and frees what it
 * reads them with. */
struct lens_lazy;
struct lens_lazy_ops {
	void	(*read)(const struct question *);
	void	(*free)(struct lens_lazy *);
};

struct lens {
	char		*id;
	char		*version;
	struct text	 title;
	struct text	 description;
	enum lens_format format;
	struct pillar	*pillars;
	size_t		 npillars;
	size_t		 nquestions;	/* over all pillars */
	struct yval	*extra;		/* fields kept but not shown; or NULL */
	struct question	**qindex;	/* hash of questions by id */
	size_t		 qindex_size;
	/* A lens unpacked from the cache (model/lens-pack.h) lives in these
	 * blocks, freed whole; its parts but the id are not allocated one
	 * by one. */
	void		**blocks;
	size_t		 nblocks;
	/* The pack's bytes, when they are a mapped file the lens does not
	 * own: unmap(map, map_size) when the lens is freed. */
	void		 *map;
	size_t		  map_size;
	void		(*unmap)(void *, size_t);
	/* What reads the choices and rules of an unpacked lens on first
	 * use, and how (model/lens-pack.c); NULL when they are all there. */
	struct lens_lazy *lazy;
	const struct lens_lazy_ops *lazy_ops;
};

/* Build the lookup index once the lens is complete. */
void			 lens_index(struct lens *);

void			 lens_free(struct lens *);
/* A question's nchoices choices and nrules rules, read from the lens's
 * cache on first use. */
const struct choice	*question_choices(const struct question *);
const struct rule	*question_rules(const struct question *);
const struct pillar	*lens_pillar(const struct lens *, const char *);
const struct question	*lens_question(const struct lens *, const char *);
const struct choice	*question_choice(const struct question *, const char *);
int			 question_choice_index(const struct question *, const char *);
const struct choice	*question_none_choice(const struct question *);
/* Lens, pillar and question ids name files and directories (lenses/LENS.yaml,
 * answers/LENS/PILLAR/QUESTION.yaml): why an id (of so many bytes) cannot
 * name one, or NULL when it can. */
#define LENS_MAX_NAME	128	/* bytes */
const char		*lens_id_unsafe(const char *, size_t);
/* The text in the user's language when the lens has it, else the base text. */
const char		*text_get(const struct text *);
void			 text_set_language(const char *);
char			*text_language(void);

const char		*level_name(enum level);
const char		*risk_name(enum risk);	/* "high", "medium", ... */
int			 risk_from_name(const char *, enum risk *);

#endif
