/* template.c: saving and applying review templates. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "base/util.h"
#include "files/yval-parse.h"
#include "files/yval-text.h"
#include "review/template.h"

int
template_save(const struct workspace *ws, const char *file,
    const char *const *ids, size_t n, char **cause)
{
	const struct state	*st = &ws->state;
	bool			*want = NULL;
	struct yval		*tree;
	char			*text;
	size_t			 size;
	int			 r;

	if (n > 0) {
		want = xcalloc(st->nlenses, sizeof *want);
		for (size_t i = 0; i < n; i++) {
			size_t l;

			for (l = 0; l < st->nlenses; l++) {
				if (strcmp(st->lenses[l]->id, ids[i]) == 0)
					break;
			}
			if (l == st->nlenses) {
				free(want);
				return fail(cause, _("no lens \"%s\" in this "
				    "workspace"), ids[i]);
			}
			want[l] = true;
		}
	}
	tree = template_build(st, want);
	free(want);
	text = yval_text(tree, &size);
	yval_free(tree);
	if (text == NULL)
		return fail(cause, _("%s: the template cannot be written"),
		    file);
	r = write_file_atomic(file, text, size, cause);
	free(text);
	return r;
}

int
templates_load(struct templates *t, const char *const *files, size_t n,
    char **cause)
{
	*t = (struct templates){ 0 };
	t->trees = xcalloc(n, sizeof *t->trees);
	t->names = xcalloc(n, sizeof *t->names);
	for (size_t i = 0; i < n; i++) {
		const char	**ids;
		char		 *data, *why = NULL;
		size_t		  size, nids;
		int		  r;

		if (read_file(files[i], &data, &size, cause) != 0)
			return -1;
		r = yval_parse(data, size, &t->trees[i], &why);
		free(data);
		if (r != 0) {
			fail(cause, "%s:%s", files[i], why);
			free(why);
			return -1;
		}
		t->names[i] = files[i];
		t->n = i + 1;
		if (template_lenses(t->trees[i], files[i], &ids, &nids,
		    cause) != 0)
			return -1;
		free(ids);
	}
	return 0;
}

void
templates_free(struct templates *t)
{
	for (size_t i = 0; i < t->n; i++)
		yval_free(t->trees[i]);
	free(t->trees);
	free(t->names);
	*t = (struct templates){ 0 };
}

const char **
templates_lenses(const struct templates *t, size_t *n, char **cause)
{
	const char	**all = NULL;
	size_t		  cap = 0;

	*n = 0;
	for (size_t i = 0; i < t->n; i++) {
		const char	**ids;
		size_t		  nids;

		if (template_lenses(t->trees[i], t->names[i], &ids, &nids,
		    cause) != 0) {
			free(all);
			return NULL;
		}
		for (size_t j = 0; j < nids; j++) {
			bool seen = false;

			for (size_t k = 0; k < *n && !seen; k++)
				seen = strcmp(all[k], ids[j]) == 0;
			if (!seen)
				*ARRAY_PUSH(all, *n, cap) = ids[j];
		}
		free(ids);
	}
	return all;
}

int
templates_batch(const struct templates *t, struct lens *const *lenses,
    size_t nlenses, struct store_batch *b, char **cause)
{
	struct answer	**answers = xcalloc(nlenses, sizeof *answers);
	int		  ret = 0;

	for (size_t i = 0; i < nlenses; i++)
		answers[i] = xcalloc(lenses[i]->nquestions, sizeof **answers);
	for (size_t i = 0; i < t->n && ret == 0; i++)
		ret = template_answers(t->trees[i], t->names[i], lenses,
		    nlenses, answers, cause);
	for (size_t i = 0; i < nlenses; i++) {
		const struct lens *l = lenses[i];

		for (size_t j = 0; j < l->npillars; j++) {
			for (size_t k = 0; k < l->pillars[j].nquestions; k++) {
				const struct question	*q;
				struct answer		*a;
				char			*key;
				void			*data;
				size_t			 size;

				q = &l->pillars[j].questions[k];
				a = &answers[i][q->index];
				if (ret == 0 && !answer_is_empty(a)) {
					key = xasprintf("%s/%s", l->id, q->id);
					data = answer_encode(a, &size);
					batch_put(b, TABLE_ANSWERS, key, data,
					    size);
					free(data);
					free(key);
				}
				answer_free(a);
			}
		}
		free(answers[i]);
	}
	free(answers);
	return ret;
}
