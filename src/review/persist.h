/* persist.h: the files of a workspace follow its store.
 *
 * After each operation's transaction: the answer files it touched,
 * workload.yaml, the pinned lenses, then REPORT.md. The change is durable
 * once the store has it; when a file cannot be written (a full disk) the
 * problem is kept in ws->warning and the store remembers that the files are
 * behind, so that they are all rewritten at the next chance and "wafr sync"
 * never reads stale files over the store. */
#ifndef WAFR_PERSIST_H
#define WAFR_PERSIST_H

#include "review/workspace.h"

/* The files an entry's records touched. */
void	 persist_entry(struct workspace *, const struct journal_entry *);
/* Every file, now. */
int	 persist_all(struct workspace *, char **);
/* Every file, if an earlier write of them failed. */
int	 persist_catch_up(struct workspace *, char **);

#endif
