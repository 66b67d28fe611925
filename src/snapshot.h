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

/* The bytes of the files, as written. */
char	*snapshot_answer_text(const struct lens *, const struct question *,
	    const struct answer *, const struct roadmap_item *, size_t *);
char	*snapshot_workload_text(const struct kv *, size_t *);
/* Relative path of a question's answer file. */
char	*snapshot_answer_path(const struct lens *, const struct question *);

/* Parse the text of answer file NAME found at answers/LENS/PILLAR/QID.yaml
 * (pillar and qid may be NULL: not checked). On success *q is the question,
 * *a its answer and *it the roadmap item or NULL. */
int	snapshot_parse_answer(const char *, const void *, size_t,
	    const struct lens *, const char *, const char *,
	    const struct question **, struct answer *, struct roadmap_item **,
	    char **);
int	snapshot_parse_workload(const char *, const void *, size_t,
	    struct kv *, char **);

/* Where snapshot files are read from: a directory or a git tree. */
struct snapshot_src {
	const char	*label;		/* names files in messages: LABEL SEP PATH */
	const char	*sep;
	/* A file's bytes: 0 read (*data malloc'd), 1 no such file, -1. */
	int		(*read)(void *, const char *, char **, size_t *,
			    char **);
	/* A directory's entry names, sorted: 0, 1 no such directory, -1. */
	int		(*list)(void *, const char *, char ***, size_t *,
			    char **);
	void		*arg;
};
void	snapshot_src_dir(struct snapshot_src *, const char *);

/* Read the answers of every question of the lenses (arrays indexed
 * [lens][question index], filled on success only). */
int	snapshot_read_state(const struct snapshot_src *, struct lens *const *,
	    size_t, struct answer **, struct roadmap_item ***, char **);
/* A read-only workspace without a store (a milestone's state): workload,
 * lenses pinned in lenses/, answers, all from the source. */
int	snapshot_load(const struct snapshot_src *, const char *,
	    struct workspace **, char **);

#endif
