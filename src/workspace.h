/* workspace.h: a review workspace, the model the UI and the CLI share.
 *
 * It holds the pinned lenses, the answers, the workload properties and the
 * session state, read from the store. Every change goes through one function
 * here that writes one store transaction and then refreshes the snapshot
 * files; nothing above this layer touches LMDB or git. */
#ifndef WAFR_WORKSPACE_H
#define WAFR_WORKSPACE_H

#include <stdbool.h>
#include <stdint.h>

#include "answer.h"
#include "lens.h"
#include "risk.h"
#include "roadmap.h"
#include "store.h"

/* A small ordered map of text to text. */
struct kv {
	char	**keys;
	char	**values;
	size_t	  n;
};
const char	*kv_get(const struct kv *, const char *);
void		 kv_set(struct kv *, const char *, const char *);
void		 kv_free(struct kv *);

struct workspace {
	char		 *dir;
	struct store	 *store;
	bool		  readonly;
	struct lens	**lenses;
	size_t		  nlenses;
	struct answer	**answers;	/* [lens][question index] */
	struct roadmap_item ***roadmap;	/* [lens][question index]; NULL if none */
	struct kv	  workload;	/* workload properties */
	struct kv	  session;	/* live session state (cursor, clocks) */
	uint64_t	  generation;	/* store generation last read */
	char		 *warning;	/* a problem that lost nothing, to show */
	/* The state at the last milestone, when the milestone reader has
	 * loaded it (NULL otherwise): "HRIs still open" counts against it.
	 * Owned: workspace_close closes it. */
	struct workspace *baseline;
};

/* A question of the workspace, found by "question" or "lens/question". */
struct qref {
	size_t			 lens;	/* index into lenses */
	const struct question	*q;
};

enum { WS_READONLY = 1, WS_NO_REBUILD = 2 };

struct init_options {
	const char	 *name;
	const char	 *environment;	/* production | preproduction */
	const char	**lenses;	/* ids or files; none: the default lens */
	size_t		  nlenses;
};

int	 workspace_create(const char *, const struct init_options *, char **);
int	 workspace_open(const char *, int, struct workspace **, char **);
void	 workspace_close(struct workspace *);
/* Re-read the store if another process changed it: 1 changed, 0 not, -1. */
int	 workspace_refresh(struct workspace *, char **);
/* Rebuild the live state from the snapshot files (after a git pull). */
int	 workspace_sync(struct workspace *, char **);

/* Add a loaded lens (the workspace owns it from now on) under its id. */
void	 workspace_add_lens(struct workspace *, struct lens *, const char *);
int	 workspace_find(const struct workspace *, const char *, struct qref *,
	    char **);
const struct answer *workspace_answer(const struct workspace *,
	    const struct qref *);
enum risk workspace_risk(const struct workspace *, const struct qref *);
/* Tallies of one pillar, one lens, or everything (lens = -1). */
void	 workspace_tally_pillar(const struct workspace *, size_t,
	    const struct pillar *, struct tally *);
void	 workspace_tally(const struct workspace *, int, struct tally *);
const char *workspace_prop(const struct workspace *, const char *);

/* Changes: each is one durable transaction, then a snapshot refresh. */
int	 workspace_set_answer(struct workspace *, const struct qref *,
	    const struct answer *, char **);
/* The same, only if the stored answer is still the one in memory: 1 when
 * another process changed it (nothing written: refresh, then decide). */
int	 workspace_set_answer_if(struct workspace *, const struct qref *,
	    const struct answer *, char **);
int	 workspace_set_prop(struct workspace *, const char *, const char *,
	    char **);
int	 workspace_set_session(struct workspace *, const char *, const char *,
	    char **);
int	 workspace_set_roadmap(struct workspace *, const struct qref *,
	    const struct roadmap_item *, char **);

/* The workshop clock: a time box per pillar (workload property
 * "agenda/LENS/PILLAR", minutes) and the time spent in each (session state
 * "clock/LENS/PILLAR", seconds). */
const struct pillar *workspace_find_pillar(const struct workspace *,
	    const char *, size_t *, char **);
long	 workspace_agenda(const struct workspace *, size_t,
	    const struct pillar *);
int	 workspace_set_agenda(struct workspace *, size_t, const struct pillar *,
	    long, char **);
long	 workspace_time_spent(const struct workspace *, size_t,
	    const struct pillar *);
int	 workspace_add_time(struct workspace *, size_t, const struct pillar *,
	    long, char **);

/* Where bundled lenses live; a lens spec (id or file) to a file path. */
const char *wafr_datadir(void);
char	*lens_resolve(const char *, char **);

#endif
