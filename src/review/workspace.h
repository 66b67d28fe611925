/* workspace.h: a live review workspace: its directory, its store and the
 * state read from it.
 *
 * The state (model/state.h) is what every view and report reads. Only the
 * operations (review/ops.h) change it: each commits one store transaction
 * with its journal entry, takes the records it changed into the state
 * (workspace_adopt), then brings the files up to date (review/persist.h).
 * Another process's change shows on the next workspace_refresh. */
#ifndef WAFR_WORKSPACE_H
#define WAFR_WORKSPACE_H

#include <stdbool.h>
#include <stdint.h>

#include "model/state.h"
#include "store/store.h"

struct workspace {
	struct state	  state;
	char		 *dir;
	struct store	 *store;
	bool		  readonly;
	uint64_t	  generation;	/* store generation last read */
	char		 *warning;	/* a problem that lost nothing, to show */
	/* Lenses dropped while open: a view may still point into them until
	 * it rebuilds, so they are freed with the workspace. */
	struct lens	**retired;
	size_t		  nretired;
	unsigned	  lens_epoch;	/* moves each time the lenses change */
	/* A digest of each lens's pinned bytes: a lens upgraded in place
	 * (same id, new bytes) is read again. */
	uint64_t	 *lens_digest;	/* [lens] */
	bool		  lens_stale;
	bool		  lens_fresh;	/* loaded by this read: digests hold */
	/* REPORT.md off the keystroke path: a front end that sets
	 * report_later has report_due set instead of REPORT.md written after
	 * a change, and calls persist_report when it is idle (the screen) or
	 * leaves it to ops_close (the command line). */
	bool		  report_later;
	bool		  report_due;
	uint64_t	  report_seq;	/* the change it is due for */
	/* A workspace being made, beside its place (ops_create): no one
	 * reads it yet, so its answer files are written in place, without
	 * temporaries. */
	bool		  building;
};

enum { WS_READONLY = 1, WS_NO_REBUILD = 2 };

int	 workspace_open(const char *, int, struct workspace **, char **);
void	 workspace_close(struct workspace *);
/* Re-read the store if another process changed it: 1 changed, 0 not, -1.
 * When the lenses changed, lens_epoch moved: rebuild what points into
 * them. */
int	 workspace_refresh(struct workspace *, char **);

/* An entry this process committed: take its records into the state (the
 * operations then bring the files up to date: review/persist.h). */
void	 workspace_adopt(struct workspace *, const struct journal_entry *);
/* Write a record of the live session (cursor, clock): not journaled. */
int	 workspace_set_session(struct workspace *, const char *, const char *,
	    char **);
int	 workspace_set_sessions(struct workspace *, const char *const *,
	    const char *const *, size_t, char **);
/* This process in the live session: "host:pid:start". */
const char *workspace_session_id(void);
/* False only for a process of this host that is gone. */
bool	 workspace_session_alive(const char *);
/* Take the lead (model/state.h): forced, from any other screen; else only
 * when none leads, the lead lapsed or its process is gone (renewing our
 * own). leave: give it up, if ours. 0, 1 another leads, -1. */
int	 workspace_claim_lead(struct workspace *, bool, bool, char **);
int	 workspace_add_time(struct workspace *, size_t, const struct pillar *,
	    long, char **);
/* The snapshot files as a batch of store records (workload and answers),
 * read against the state's lenses. */
int	 workspace_read_files(struct workspace *, struct store_batch *,
	    char **);
/* Load the state of the newest milestone as the state's baseline (NULL
 * when there is none), so that "HRIs still open" counts against it. */
int	 workspace_load_baseline(struct workspace *, char **);

/* Who the journal says makes the changes: the configured author (set
 * here; NULL: none), else git's author in the workspace, else $USER. */
void	 workspace_set_author(const char *);
const char *workspace_author(const struct workspace *);
const char *workspace_author_of(const char *);

/* Where bundled lenses live; a lens spec (id or file) to a file path. */
const char *wafr_datadir(void);
char	*lens_resolve(const char *, char **);
/* Load a lens file, checked; NULL with *cause. */
struct lens *lens_load_checked(const char *, char **);
/* The same, handing back the bytes loaded (*data, *size: malloc'd), so
 * that the bytes pinned are the bytes loaded. */
struct lens *lens_load_checked_bytes(const char *, char **, size_t *,
	    char **);
/* The name of a lens's pinned file in lenses/ (and in the store). */
char	*lens_pinned_name(const struct lens *);
/* A workspace DIR being made (its .wafr/ made) is given the compiled cache
 * of lens L, loaded from the pinned bytes: its first open unpacks the
 * lens instead of parsing it again. Failing costs that parse, no more. */
void	 workspace_cache_lens(const char *, const struct lens *, const char *,
	    size_t);

/* The lens of a workspace made without naming one. */
#define DEFAULT_LENS "wellarchitected"

#endif
