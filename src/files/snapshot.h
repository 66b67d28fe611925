/* snapshot.h: a state as deterministic text files in the workspace
 * (workload.yaml, answers/<lens>/<pillar>/<question>.yaml), and back.
 * Files are replaced atomically; the same state gives the same bytes. */
#ifndef WAFR_SNAPSHOT_H
#define WAFR_SNAPSHOT_H

#include "base/diag.h"
#include "model/state.h"

/* Write the files of the state into a workspace directory. An answer
 * file that current(arg, PATH) says holds what it would be written with
 * is left as it is, neither made again nor read (current may be NULL). */
int	snapshot_write_all(const char *, const struct state *,
	    bool (*)(void *, const char *), void *, char **);
/* The same into a workspace being made, which no one reads yet: the answer
 * files are new, written in place rather than through temporaries. */
int	snapshot_write_new(const char *, const struct state *, char **);
int	snapshot_write_question(const char *, const struct state *,
	    const struct qref *, char **);
int	snapshot_write_workload(const char *, const struct state *, char **);
/* Replace DIR/REL with the bytes (atomically, making its directory), only
 * when they differ: git status stays quiet. Not flushed to the device: the
 * store is the durable copy, and the files are written again after a power
 * cut (review/persist.h). */
int	snapshot_write_file(const char *, const char *, const char *, size_t,
	    char **);
/* Remove DIR/REL (a file, or a folder and all it holds), never through a
 * symbolic link below DIR; a missing one is no error. */
int	snapshot_remove(const char *, const char *, char **);

/* Read workload.yaml of a workspace directory into properties. */
int	snapshot_read_workload(const char *, struct kv *, char **);

/* The bytes of the files, as written. */
char	*snapshot_answer_text(const struct lens *, const struct question *,
	    const struct answer *, const struct roadmap_item *, size_t *);
char	*snapshot_workload_text(const struct kv *, size_t *);
/* Relative path of a question's answer file; NULL when an id cannot name
 * a file (lens_id_unsafe: the loader refuses such ids). */
char	*snapshot_answer_path(const struct lens *, const struct question *);

/* Parse the text of answer file NAME found at answers/LENS/PILLAR/QID.yaml
 * (pillar and qid may be NULL: not checked). On success *q is the question,
 * *a its answer and *it the roadmap item or NULL. A key given twice, a
 * second document or a NUL in a text is an error: it would be lost. */
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
	/* 1 when a file holds just these bytes, known without reading it;
	 * 0 when not or not known. May be NULL. */
	int		(*holds)(void *, const char *, const char *, size_t);
	/* The lens pinned as REL with id ID, compiled before from the same
	 * bytes, else NULL: it is read and loaded. May be NULL. */
	struct lens	*(*lens)(void *, const char *, const char *);
	void		*arg;
};
void	snapshot_src_dir(struct snapshot_src *, const char *);

/* Read the answers of every question of the lenses (arrays indexed
 * [lens][question index], filled on success only). */
int	snapshot_read_state(const struct snapshot_src *, struct lens *const *,
	    size_t, struct answer **, struct roadmap_item ***, char **);
/* A state (a milestone's): workload, lenses pinned in lenses/, answers,
 * all from the source. */
int	snapshot_load(const struct snapshot_src *, struct state **, char **);

#endif
