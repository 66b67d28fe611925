/* profile.c: the profile of a workspace: records, files, the default. */
#include "config.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "base/util.h"
#include "files/profile-file.h"
#include "review/profile.h"

void
profile_set_record(struct state *st, const char *key, const void *value,
    size_t size)
{
	size_t	 n = strlen(PROFILE_KEY_ANSWER);
	char	*s;

	if (strcmp(key, PROFILE_KEY_QUESTIONS) == 0) {
		profile_free(st->profile);
		/* The store's copy was checked when it was pinned. */
		st->profile = value != NULL ? profile_parse(PROFILE_QUESTIONS,
		    value, size, NULL) : NULL;
		return;
	}
	if (strncmp(key, PROFILE_KEY_ANSWER, n) != 0)
		return;
	if (value == NULL) {
		kv_unset(&st->profile_answers, key + n);
		return;
	}
	s = xstrndup(value, size);
	kv_set(&st->profile_answers, key + n, s);
	free(s);
}

int
profile_files_batch(const struct snapshot_src *src, struct store_batch *b,
    char **cause)
{
	struct kv	 answers = { 0 };
	char		*questions;
	size_t		 size;
	int		 r;

	if ((r = profile_read_files(src, &questions, &size, &answers,
	    cause)) != 0)
		return r == 1 ? 0 : -1;
	batch_put(b, TABLE_PROFILE, PROFILE_KEY_QUESTIONS, questions, size);
	for (size_t i = 0; i < answers.n; i++) {
		char *key = xasprintf("%s%s", PROFILE_KEY_ANSWER,
		    answers.keys[i]);

		batch_put_string(b, TABLE_PROFILE, key, answers.values[i]);
		free(key);
	}
	free(questions);
	kv_free(&answers);
	return 0;
}

char *
profile_resolve(const char *spec, const char *datadir, char **cause)
{
	char *path;

	if (strchr(spec, '/') != NULL || str_ends_with(spec, ".yaml") ||
	    str_ends_with(spec, ".yml")) {
		if (access(spec, R_OK) != 0)
			return fail(cause, "%s: %s", spec, strerror(errno)),
			    NULL;
		return xstrdup(spec);
	}
	path = xasprintf("%s/profiles/%s.yaml", datadir, spec);
	if (access(path, R_OK) == 0)
		return path;
	free(path);
	fail(cause, _("no profile \"%s\": not a bundled profile nor a file"),
	    spec);
	return NULL;
}

char *
profile_default_path(const struct state *st, const char *datadir)
{
	for (size_t i = 0; i < st->nlenses; i++) {
		char *path = xasprintf("%s/profiles/%s.yaml", datadir,
		    st->lenses[i]->id);

		if (access(path, R_OK) == 0)
			return path;
		free(path);
	}
	return NULL;
}

const struct profile *
profile_in_effect(const struct state *st, const char *dir,
    const char *datadir, struct profile **own, char **cause)
{
	char *path;

	*own = NULL;
	if (st->profile != NULL)
		return st->profile;
	if ((path = profile_default_path(st, datadir)) == NULL) {
		fail(cause, _("%s: no profile: none is bundled for its lenses; "
		    "\"wafr profile %s --profile FILE\" names one"), dir, dir);
		return NULL;
	}
	*own = profile_load_file(path, cause);
	free(path);
	return *own;
}
