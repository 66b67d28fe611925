/* profile-file.h: profile questionnaires and a workspace's profile files.
 *
 * A workspace that uses a profile holds profile/questions.yaml (the
 * questionnaire, pinned as it was given) and profile/answers.yaml (its
 * answers, written deterministically). */
#ifndef WAFR_PROFILE_FILE_H
#define WAFR_PROFILE_FILE_H

#include <stddef.h>

#include "files/snapshot.h"
#include "model/priority.h"
#include "model/state.h"

#define PROFILE_QUESTIONS	"profile/questions.yaml"
#define PROFILE_ANSWERS		"profile/answers.yaml"

/* A questionnaire from its text; NAME names it in messages. */
struct profile	*profile_parse(const char *, const void *, size_t, char **);
/* Read and parse a questionnaire file. */
struct profile	*profile_load_file(const char *, char **);
/* The text of profile/answers.yaml for the state's profile. */
char		*profile_answers_text(const struct state *, size_t *);
/* Parse profile/answers.yaml against its questionnaire into answers
 * (question id -> blank-separated choice ids). */
int		 profile_parse_answers(const char *, const void *, size_t,
		    const struct profile *, struct kv *, char **);
/* Both files from a source: 0 (*questions malloc'd), 1 no profile, -1. */
int		 profile_read_files(const struct snapshot_src *, char **,
		    size_t *, struct kv *, char **);
/* Write both files for the state (or remove them: no profile). */
int		 profile_write_files(const char *, const struct state *,
		    char **);

#endif
