/* persist.h: the files of a workspace follow its store.
 *
 * After each operation's transaction: the answer files it touched,
 * workload.yaml, the pinned lenses, then REPORT.md. The change is durable
 * once the store has it, with a mark that its files are behind (set in the
 * same transaction, cleared once they are written). When a file cannot be
 * written (a full disk, a crash) the mark stays: the files are all
 * rewritten at the next chance and "wafr sync" never reads stale files
 * over the store. The files are not flushed to the device one by one: the
 * store is the durable copy, and after a power cut or a reboot the next
 * open writes them all again. A problem that lost nothing is kept in
 * ws->warning. */
#ifndef WAFR_PERSIST_H
#define WAFR_PERSIST_H

#include "review/workspace.h"

/* The files an entry's records touched. */
void	 persist_entry(struct workspace *, const struct journal_entry *);
/* REPORT.md, now, if it is due (workspace.h: report_later). */
int	 persist_report(struct workspace *, char **);
/* A command that leaves REPORT.md due for change seq: it is written a
 * second later, by "wafr report DIR --update --if-newest SEQ" run from a
 * copy of this process, so that a command never renders it on its path
 * and a script of many changes has it rendered once, after the last. -1
 * when no copy could be started. */
int	 persist_report_later(const char *, uint64_t);
/* In that refresh: the lock it was handed (the descriptor, -1 when none:
 * a refresh run by hand), taken again after it was let go (-1 when
 * another process has it), and the wait for what is left of the pause
 * after the last change (the time of the lock file). */
int	 persist_report_lock(void);
int	 persist_report_relock(const char *);
void	 persist_report_wait(int);
/* Every file, now. */
int	 persist_all(struct workspace *, char **);
/* The same, but an answer file that current(arg, PATH) says holds what it
 * would be written with is left as it is, unless some files are behind
 * (a milestone: the file is as the last one committed it). */
int	 persist_files(struct workspace *, bool (*)(void *, const char *),
	    void *, char **);
/* Every file, if the files of a change other than the one given (0:
 * none) may be behind: a write that failed, a process killed. */
int	 persist_catch_up(struct workspace *, uint64_t, char **);

#endif
