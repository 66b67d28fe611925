/* snapshot.h: the live state as deterministic text files in the workspace
 * (workload.yaml, answers/<lens>/<pillar>/<question>.yaml, REPORT.md), and
 * back. Files are replaced atomically; the same state gives the same bytes. */
#ifndef WAFR_SNAPSHOT_H
#define WAFR_SNAPSHOT_H

#include "diag.h"
#include "store.h"
#include "workspace.h"

int	snapshot_write_all(const struct workspace *, char **);
int	snapshot_write_question(const struct workspace *, const struct qref *,
	    char **);
int	snapshot_write_workload(const struct workspace *, char **);

/* Read workload.yaml of a workspace directory into properties. */
int	snapshot_read_workload(const char *, struct kv *, char **);
/* Read every answer file against the workspace's lenses into a batch for
 * store_replace. Problems are FILE:LINE:COLUMN messages; any error leaves
 * the batch unusable and the live state untouched. */
int	snapshot_read_answers(const struct workspace *, struct store_batch *,
	    char **);

#endif
