/* scan-file.c: scans/SOURCE.tsv, written from the state and read back. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "base/util.h"
#include "files/scan-file.h"

static const char *const sources[] = {
#define X(n, t) n,
	SCAN_SOURCE_LIST(X)
#undef X
};

static int
write_one(const char *dir, const struct scans *s, const char *source,
    char **cause)
{
	struct scan_group	**mine = NULL;
	size_t			  n = 0, size;
	char			 *rel, *text;
	int			  r;

	for (size_t i = 0; i < s->n; i++) {
		if (strcmp(s->groups[i]->source, source) != 0)
			continue;
		mine = xreallocarray(mine, n + 1, sizeof *mine);
		mine[n++] = s->groups[i];
	}
	rel = xasprintf("scans/%s.tsv", source);
	if (n == 0)
		r = snapshot_remove(dir, rel, cause);
	else {
		text = scan_file_text(source, mine, n, &size);
		r = snapshot_write_file(dir, rel, text, size, cause);
		free(text);
	}
	free(rel);
	free(mine);
	return r;
}

int
scan_files_write(const char *dir, const struct scans *s, const char *source,
    char **cause)
{
	for (size_t i = 0; i < nitems(sources); i++) {
		if (source != NULL && strcmp(source, sources[i]) != 0)
			continue;
		if (write_one(dir, s, sources[i], cause) != 0)
			return -1;
	}
	return 0;
}

int
scan_files_read(const struct snapshot_src *src, char ***keys, char ***texts,
    size_t *n, char **cause)
{
	*keys = *texts = NULL;
	*n = 0;
	for (size_t i = 0; i < nitems(sources); i++) {
		char	*rel = xasprintf("scans/%s.tsv", sources[i]), *data;
		char	**k, **t, *why;
		size_t	 size, m;
		int	 r;

		r = src->read(src->arg, rel, &data, &size, cause);
		if (r == 1) {
			free(rel);
			continue;
		}
		if (r == 0 && scan_file_split(data, size, &k, &t, &m,
		    &why) != 0) {
			r = fail(cause, "%s%s%s: %s", src->label, src->sep, rel,
			    why);
			free(why);
		}
		if (r == 0) {
			for (size_t j = 0; j < m; j++) {
				/* A file holds its own scanner's results. */
				if (strncmp(k[j], sources[i],
				    strlen(sources[i])) != 0 ||
				    k[j][strlen(sources[i])] != '/') {
					free(k[j]);
					free(t[j]);
					continue;
				}
				*keys = xreallocarray(*keys, *n + 1,
				    sizeof **keys);
				*texts = xreallocarray(*texts, *n + 1,
				    sizeof **texts);
				(*keys)[*n] = k[j];
				(*texts)[(*n)++] = t[j];
			}
			free(k);
			free(t);
		}
		if (r == 0)
			free(data);
		free(rel);
		if (r != 0) {
			for (size_t j = 0; j < *n; j++) {
				free((*keys)[j]);
				free((*texts)[j]);
			}
			free(*keys);
			free(*texts);
			*keys = *texts = NULL;
			*n = 0;
			return -1;
		}
	}
	return 0;
}

int
scan_files_load(const struct snapshot_src *src, struct scans *s,
    char **cause)
{
	char	**keys, **texts;
	size_t	  n;
	int	  ret = 0;

	if (scan_files_read(src, &keys, &texts, &n, cause) != 0)
		return -1;
	for (size_t i = 0; i < n; i++) {
		struct scan_group *g;

		if (ret == 0 && scan_group_decode(texts[i], strlen(texts[i]),
		    &g, cause) == 0)
			scans_set(s, keys[i], g);
		else
			ret = -1;
		free(keys[i]);
		free(texts[i]);
	}
	free(keys);
	free(texts);
	return ret;
}
