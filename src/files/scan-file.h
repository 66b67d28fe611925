/* scan-file.h: the snapshot files of the scan results, one per scanner:
 * scans/SOURCE.tsv (model/scan.h gives their text). Deterministic: the
 * same results give the same bytes, so that a milestone keeps what the
 * scans said then and "git diff" shows what a new scan changed. */
#ifndef WAFR_SCAN_FILE_H
#define WAFR_SCAN_FILE_H

#include "files/snapshot.h"
#include "model/scan.h"

/* Write the file of one scanner (NULL: of each), or remove it when the
 * state holds no results of it. */
int	 scan_files_write(const char *, const struct scans *, const char *,
	    char **);
/* Read every scanner's file: the groups' store keys and texts (malloc'd
 * arrays of malloc'd strings), or -1 with *cause naming FILE:LINE. */
int	 scan_files_read(const struct snapshot_src *, char ***, char ***,
	    size_t *, char **);

/* The same, decoded into the groups of a state's scans. */
int	 scan_files_load(const struct snapshot_src *, struct scans *,
	    char **);

#endif
