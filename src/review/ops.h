/* ops.h: every change to a review, in one place.
 *
 * The screen and the command line call the same operation for the same
 * action: each validates its input once, commits one store transaction
 * that holds the change and its journal entry (who, when, what, every
 * record before and after), then brings the state in memory and the files
 * up to date. Undo and redo are operations too, and work across processes.
 *
 * Each returns 0, or -1 with *cause (nothing changed). After success,
 * ws->warning may hold a problem that lost nothing (a file that could not
 * be written), for the front end to show. */
#ifndef WAFR_OPS_H
#define WAFR_OPS_H

#include <stdbool.h>
#include <stdint.h>

#include "files/scan-read.h"
#include "git/history.h"
#include "model/edit.h"
#include "review/workspace.h"

struct init_options {
	const char	 *name;
	const char	 *environment;	/* production | preproduction */
	const char	**lenses;	/* ids or files; none: the templates'
					 * lenses, else the default lens */
	size_t		  nlenses;
	const char	**templates;	/* review templates to start from */
	size_t		  ntemplates;
};
/* Open a workspace; opened for writing, its files catch up with the store
 * if an earlier write of them failed (ws->warning says so if they still
 * cannot be written). */
int	 ops_open(const char *, int, struct workspace **, char **);
/* Close it; a REPORT.md left due is written a moment later (persist.h). */
void	 ops_close(struct workspace *);
/* The newest change in a workspace's journal (0: none), read without
 * loading the review. */
int	 ops_newest_change(const char *, uint64_t *, char **);
/* REPORT.md from the live state, now. */
int	 ops_report_update(struct workspace *, char **);
/* In the refresh that ops_close starts (DIR, the change SEQ it was started
 * for): REPORT.md once a pause passed with no newer change, then again
 * for a change that came while it held its lock. 1 when this process is
 * not that refresh (a "wafr report --update --if-newest" run by hand). */
int	 ops_report_refresh(const char *, uint64_t, char **);
/* A new workspace: its files, its store and its git repository. */
int	 ops_create(const char *, const struct init_options *, char **);
/* Read the snapshot files back into the store (after a git pull). */
int	 ops_sync(struct workspace *, char **);
/* Build the live state again from the snapshot files, as for a fresh
 * clone, the old store set aside in .wafr/ (*kept names it; the journal
 * before it stays there). */
int	 ops_rebuild(const char *, char **, char **);

/* What an operation did, for the front end to say. */
struct ops_result {
	bool		changed;	/* false: it was so already */
	uint64_t	seq;		/* its journal entry */
	enum edit_kind	did;		/* the last edit (a toggle resolved) */
	size_t		cleared;	/* choices "None of these" cleared */
};

/* Apply edits to one question's answer, in order, as one change. guarded:
 * only if the stored answer is still the one in memory; 1 when another
 * process changed it (nothing written: refresh, then decide). r may be
 * NULL. */
int	 ops_answer(struct workspace *, const struct qref *,
	    const struct edit *, size_t, bool, struct ops_result *, char **);
/* Many answers as one change (one journal entry, "batch": one undo takes
 * them all back), each item's edits applied in order by ops_answer's
 * rules, the items in order (a question may come twice). When an edit is
 * refused, nothing is written and *cause begins with the item's where
 * ("FILE:LINE"; NULL: nothing). *seq (may be NULL) is the entry, 0 when
 * nothing changed. */
struct ops_answer_item {
	struct qref		 ref;
	const struct edit	*edits;
	size_t			 n;
	const char		*where;
};
int	 ops_answer_batch(struct workspace *, const struct ops_answer_item *,
	    size_t, uint64_t *, char **);
/* Set whole answers (an import), as one change. */
int	 ops_import(struct workspace *, const struct qref *,
	    const struct answer *, size_t, char **);
/* Put a finding on the roadmap or change its item; NULL takes it off. */
int	 ops_roadmap(struct workspace *, const struct qref *,
	    const struct roadmap_item *, char **);
/* Change several roadmap items at once (a tracker's export read back):
 * one change in the journal, undone as one. Each item must be on the
 * roadmap already. */
int	 ops_roadmap_import(struct workspace *, const struct qref *,
	    struct roadmap_item *const *, size_t, char **);
/* A workload property; NULL or "" removes it. */
int	 ops_set_prop(struct workspace *, const char *, const char *, char **);
/* A pillar's time box, in minutes (0: none). */
int	 ops_set_agenda(struct workspace *, size_t, const struct pillar *,
	    long, char **);
/* Keep the notes off the audience view, or show them again. */
int	 ops_hide_notes(struct workspace *, bool, char **);
int	 ops_milestone(struct workspace *, const char *, struct milestone *,
	    char **);
int	 ops_lens_add(struct workspace *, const char *, char **);
/* Refused when the lens has answers, unless forced. */
int	 ops_lens_remove(struct workspace *, const char *, bool, char **);

/* Scan results: read a scanner's file (the format detected when
 * SCAN_FORMAT_AUTO) and put its results in place of those of the same
 * scanner, account and region, as one change (one journal entry: undo
 * takes the whole file back). Never selects or unselects a choice. Rows
 * that map to no practice are listed in out->problems ("FILE:LINE: ..."),
 * not an error; a file that cannot be read or is not the format is, and
 * nothing of it is kept. dry_run reads and maps, and changes nothing. */
struct scan_import {
	enum scan_format	 format;	/* the one read */
	size_t			 rows;		/* results read */
	size_t			 unmapped;	/* of which map to no practice */
	size_t			 kept;		/* results kept, counted merged */
	size_t			 scans;		/* scanner, account, region */
	struct buf		 problems;
	bool			 changed;	/* false: so already */
	uint64_t		 seq;
};
int	 ops_evidence_import(struct workspace *, const char *,
	    enum scan_format, bool, struct scan_import *, char **);
/* Answer a question of the workspace's profile with these choices (none:
 * clear it); the first answer pins the default questionnaire. */
int	 ops_profile_answer(struct workspace *, const char *,
	    const char *const *, size_t, char **);
/* Use another questionnaire (a file or a bundled id); answers it cannot
 * hold are dropped. */
int	 ops_profile_use(struct workspace *, const char *, char **);

/* A lens upgraded: what the front end says of it. Each line is a question
 * to re-confirm (reasons) or one whose answers were dropped (deleted, or
 * choices gone); the milestone saved first keeps them all. */
struct upgrade_line {
	char		 *key;		/* lens/question, new lens (or old) */
	char		 *title;
	unsigned	  reasons;	/* RECONFIRM_* (model/lens-diff.h) */
	bool		  deleted;	/* the question is gone */
	bool		  lost_answer;	/* ... and had an answer or item */
	char		**lost;		/* choices gone: "id", then title */
	char		**lost_titles;
	size_t		  nlost;
};
struct upgrade_report {
	char			*from_id, *from_version;
	char			*to_id, *to_version;
	char			*milestone;	/* saved before the upgrade */
	struct upgrade_line	*lines;
	size_t			 nlines;
	size_t			 nreconfirm;
	size_t			 nlost;
};
void	 upgrade_report_free(struct upgrade_report *);
/* Pin a new version of a lens (an id or a file) after saving a milestone
 * (named, or "Before lens upgrade: ..."), carrying every answer, note,
 * evidence and roadmap item by question and choice id, in one change.
 * from: the workspace lens it replaces when its id changed (NULL: the
 * lens of the same id). */
int	 ops_lens_upgrade(struct workspace *, const char *, const char *,
	    const char *, struct upgrade_report *, char **);

/* Revert the newest change not undone, reapply the change undone last:
 * 0 (e, which may be NULL, is the new entry), 1 nothing to undo or redo,
 * -1. */
int	 ops_undo(struct workspace *, struct journal_entry *, char **);
int	 ops_redo(struct workspace *, struct journal_entry *, char **);

/* The live session, not journaled: not changes of the review. */
/* Where the lead is: a question, and the choice under its cursor (-1:
 * the cursor is not on the choices). */
int	 ops_cursor(struct workspace *, const struct qref *, int, char **);
/* Lead the room (see workspace_claim_lead): 0, 1 another leads, -1. */
int	 ops_lead(struct workspace *, bool, char **);
int	 ops_lead_leave(struct workspace *, char **);
int	 ops_clock_lease(struct workspace *, const char *, char **);
int	 ops_add_time(struct workspace *, size_t, const struct pillar *, long,
	    char **);

#endif
