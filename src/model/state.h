/* state.h: the state of a review, and the queries on it. Pure: no I/O.
 *
 * A state is the lenses, the answers, the roadmap, the workload properties
 * and the live session's shared values. The live workspace holds one read
 * from its store (review/workspace.h); a milestone's state is read from its
 * files (git/history.h). Reports, the plan and the diff read only this. */
#ifndef WAFR_STATE_H
#define WAFR_STATE_H

#include <stdbool.h>
#include <stddef.h>

#include "base/hindex.h"
#include "model/answer.h"
#include "model/lens.h"
#include "model/risk.h"
#include "model/roadmap.h"
#include "model/scan.h"

/* An ordered map of text to text: keys and values in the order they were
 * first set (what the files and reports list), found by hash (get and set
 * compare one key whatever the size; unset moves the keys after it down). */
struct kv {
	char		**keys;
	char		**values;
	size_t		  n;
	size_t		  cap;
	struct hindex	  index;	/* of keys */
};
const char	*kv_get(const struct kv *, const char *);
void		 kv_set(struct kv *, const char *, const char *);
void		 kv_unset(struct kv *, const char *);
void		 kv_free(struct kv *);

/* What the live session shares (the session's keys). */
#define SESSION_CURSOR		"cursor"	/* "lens/question" of the lead */
#define SESSION_CLOCK_LIVE	"clock-live"	/* the running clock */
#define SESSION_HIDE_NOTES	"hide-notes"	/* "1": notes off the projector */
#define SESSION_MILESTONE	"milestone"	/* the newest milestone's name */
#define SESSION_MILESTONE_INDEX	"milestone-index" /* the git index it left */
#define SESSION_CHOICE		"choice"	/* choice id under the lead's cursor */
#define SESSION_LEAD		"lead"		/* the screen the room follows */

struct profile;

struct state {
	struct lens	**lenses;
	size_t		  nlenses;
	struct answer	**answers;	/* [lens][question index] */
	struct roadmap_item ***roadmap;	/* [lens][question index]; NULL if none */
	struct kv	  workload;	/* workload properties */
	struct kv	  session;	/* live session state (cursor, clocks) */
	struct scans	  scans;	/* what the scanners found (model/scan.h) */
	/* The business-context profile in use (model/profile.h; NULL:
	 * none) and its answers: question id -> choice ids, blank-separated. */
	struct profile	 *profile;
	struct kv	  profile_answers;
	/* The state at the last milestone, when it was loaded (NULL
	 * otherwise): "HRIs still open" counts against it. Owned. */
	struct state	 *baseline;
};

/* A question of the state, found by "question" or "lens/question". */
struct qref {
	size_t			 lens;	/* index into lenses */
	const struct question	*q;
};

struct state	*state_new(void);
/* Free everything the state holds, and the state itself. */
void		 state_free(struct state *);
/* Forget the answers, roadmap, properties and profile; keep the lenses. */
void		 state_clear(struct state *);
/* Add a loaded lens (the state owns it from now on) under its id. */
void		 state_add_lens(struct state *, struct lens *, const char *);

int	 state_find(const struct state *, const char *, struct qref *, char **);
/* "lens/question" to a question; -1 if unknown. */
int	 state_find_key(const struct state *, const char *, struct qref *);
/* "lens/question" of a question; the caller frees it. */
char	*state_key(const struct state *, const struct qref *);
const struct answer *state_answer(const struct state *, const struct qref *);
enum risk state_risk(const struct state *, const struct qref *);
/* Tallies of one pillar, one lens, or everything (lens = -1). */
void	 state_tally_pillar(const struct state *, size_t,
	    const struct pillar *, struct tally *);
void	 state_tally(const struct state *, int, struct tally *);
const char *state_prop(const struct state *, const char *);
/* A question to re-confirm after a lens upgrade (until its answer changes)
 * has the workload property "reconfirm/LENS/QUESTION" = its reasons
 * (model/lens-diff.h): the reasons, or NULL. */
#define PROP_RECONFIRM "reconfirm/"
const char *state_reconfirm(const struct state *, const struct qref *);
/* The first question to re-confirm, in lens order, and how many there
 * are (0: none, *ref untouched). */
size_t	 state_first_reconfirm(const struct state *, struct qref *);
/* Two lenses may both have an OPS: is the code (or, without one, the id) of
 * this pillar of lens lens also one of another lens's pillars? Then the
 * pillar is named with its lens wherever it shows. */
bool	 state_pillar_shared(const struct state *, size_t,
	    const struct pillar *);
/* The pillar's code as a screen shows it: "OPS", or "serverless/OPS" when
 * it is shared. The caller frees it. */
char	*state_pillar_code(const struct state *, size_t,
	    const struct pillar *);
/* A property name: letters, digits, '-' and '_'. */
bool	 state_prop_key_valid(const char *);

/* The questions with scan results, in lens order (flagged: those whose
 * selected choices fail checks); *out is malloc'd. */
size_t	 state_scan_questions(const struct state *, bool, struct qref **);

/* The workshop clock: a time box per pillar (workload property
 * "agenda/LENS/PILLAR", minutes) and the time spent in each (session state
 * "clock/LENS/PILLAR", seconds). */
const struct pillar *state_find_pillar(const struct state *, const char *,
	    size_t *, char **);
char	*state_pillar_key(const struct state *, const char *, size_t,
	    const struct pillar *);
long	 state_agenda(const struct state *, size_t, const struct pillar *);
long	 state_time_spent(const struct state *, size_t, const struct pillar *);

/* The clock running now, from the session key "clock-live" ("owner
 * lens/pillar since base"): only one screen counts at a time and writes
 * what it counted every few seconds; the others, and the command line,
 * add what it has not written yet. False when none runs (or it went quiet
 * STALE seconds ago). */
#define CLOCK_STALE_SECONDS 30
struct clock_live {
	char	owner[128];
	char	where[512];	/* lens/pillar */
	long	since;		/* when base was counted, seconds since the epoch */
	long	base;		/* seconds spent in the pillar at since */
};
bool	 state_clock_live(const struct state *, long, struct clock_live *);
/* The seconds spent in a pillar at time now, the running clock's part
 * included. */
long	 state_time_live(const struct state *, size_t, const struct pillar *,
	    long);

/* The lead: the one screen the room follows, from the session key "lead"
 * ("owner since author"). The lead renews it every few seconds; a lead
 * that went quiet STALE seconds ago has lapsed and the next screen takes
 * over. False when none leads. */
#define LEAD_STALE_SECONDS	12
#define LEAD_RENEW_SECONDS	4
struct lead {
	char	owner[128];	/* host:pid:start of the leading screen */
	long	since;		/* renewed then, seconds since the epoch */
	char	author[256];
};
bool	 lead_parse(const char *, struct lead *);
bool	 state_lead(const struct state *, long, struct lead *);
/* The question, and the choice (-1: none), under the lead's cursor. */
bool	 state_cursor(const struct state *, struct qref *, int *);

#endif
