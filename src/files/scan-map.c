/* scan-map.c: which choice of the lens a scanner's result is evidence of.
 *
 * By the AWS choice id where the file gives one, else by the
 * best-practice code; both through the table of older numbering
 * (data/evidence/renames.tsv), since the scanners' mappings were made
 * against older versions of the lens. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "base/util.h"
#include "files/scan-read.h"

enum rename_kind { R_CHOICE, R_CODE, R_BENCHMARK, R_KINDS };
static const char *const kind_names[R_KINDS] = { "choice", "code",
	"benchmark" };

struct rename {
	char	*old;
	char	*new;		/* "-": no current practice */
};

struct entry {
	const char		*key;
	size_t			 lens;
	const struct question	*q;
	const struct choice	*c;
	size_t			 order;
};

struct scan_map {
	struct rename	*renames[R_KINDS];
	size_t		 nrenames[R_KINDS];
	struct entry	*byid;
	size_t		 nid;
	struct entry	*bycode;
	size_t		 ncode;
};

static int
rename_cmp(const void *a, const void *b)
{
	return strcmp(((const struct rename *)a)->old,
	    ((const struct rename *)b)->old);
}

static int
entry_cmp(const void *va, const void *vb)
{
	const struct entry	*a = va, *b = vb;
	int			 c = strcmp(a->key, b->key);

	if (c != 0)
		return c;
	return a->order < b->order ? -1 : a->order > b->order;
}

static int
parse_renames(struct scan_map *m, const char *path, char *text, char **cause)
{
	int line = 0;

	for (char *s = text, *next; s != NULL && *s != '\0'; s = next) {
		char		*f[4], *save = NULL;
		size_t		 n = 0;
		int		 k;
		struct rename	*r;

		line++;
		if ((next = strchr(s, '\n')) != NULL)
			*next++ = '\0';
		if (*s == '#' || *s == '\0')
			continue;
		for (char *t = strtok_r(s, "\t", &save); t != NULL && n < 4;
		    t = strtok_r(NULL, "\t", &save))
			f[n++] = t;
		for (k = 0; n >= 3 && k < R_KINDS; k++) {
			if (strcmp(f[0], kind_names[k]) == 0)
				break;
		}
		if (n < 3 || k == R_KINDS)
			return fail(cause, _("%s:%d: not a line \"choice|code|"
			    "benchmark<TAB>OLD<TAB>NEW\""), path, line);
		m->renames[k] = xreallocarray(m->renames[k], m->nrenames[k] + 1,
		    sizeof *m->renames[k]);
		r = &m->renames[k][m->nrenames[k]++];
		r->old = xstrdup(f[1]);
		r->new = xstrdup(f[2]);
	}
	for (int k = 0; k < R_KINDS; k++) {
		if (m->nrenames[k] > 0)
			qsort(m->renames[k], m->nrenames[k],
			    sizeof *m->renames[k], rename_cmp);
	}
	return 0;
}

int
scan_map_load(const char *path, struct lens *const *lenses, size_t n,
    struct scan_map **out, char **cause)
{
	struct scan_map	*m = xcalloc(1, sizeof *m);
	char		*text;
	size_t		 size, cap = 0, order = 0;

	*out = NULL;
	if (path != NULL) {
		if (read_file(path, &text, &size, cause) != 0) {
			free(m);
			return -1;
		}
		if (parse_renames(m, path, text, cause) != 0) {
			free(text);
			scan_map_free(m);
			return -1;
		}
		free(text);
	}
	/* The framework lens first: the scanners' mappings are its. */
	for (int pass = 0; pass < 2; pass++) {
		for (size_t i = 0; i < n; i++) {
			const struct lens *l = lenses[i];

			if ((strcmp(l->id, "wellarchitected") == 0) !=
			    (pass == 0))
				continue;
			for (size_t p = 0; p < l->npillars; p++) {
				for (size_t q = 0; q < l->pillars[p].nquestions;
				    q++) {
					const struct question *qu =
					    &l->pillars[p].questions[q];

					for (size_t c = 0; c < qu->nchoices;
					    c++) {
						const struct choice *ch =
						    &question_choices(qu)[c];
						struct entry e = { ch->id, i,
						    qu, ch, order++ };

						if (ch->none)
							continue;
						*ARRAY_PUSH(m->byid, m->nid,
						    cap) = e;
					}
				}
			}
		}
	}
	/* The code index is made from the id index. */
	m->bycode = xreallocarray(NULL, m->nid + 1, sizeof *m->bycode);
	for (size_t i = 0; i < m->nid; i++) {
		if (m->byid[i].c->code != NULL) {
			m->bycode[m->ncode] = m->byid[i];
			m->bycode[m->ncode++].key = m->byid[i].c->code;
		}
	}
	if (m->nid > 0)
		qsort(m->byid, m->nid, sizeof *m->byid, entry_cmp);
	if (m->ncode > 0)
		qsort(m->bycode, m->ncode, sizeof *m->bycode, entry_cmp);
	*out = m;
	return 0;
}

void
scan_map_free(struct scan_map *m)
{
	if (m == NULL)
		return;
	for (int k = 0; k < R_KINDS; k++) {
		for (size_t i = 0; i < m->nrenames[k]; i++) {
			free(m->renames[k][i].old);
			free(m->renames[k][i].new);
		}
		free(m->renames[k]);
	}
	free(m->byid);
	free(m->bycode);
	free(m);
}

static const char *
renamed(const struct scan_map *m, int kind, const char *old)
{
	struct rename key = { (char *)old, NULL }, *r;

	if (m->nrenames[kind] == 0)
		return NULL;
	r = bsearch(&key, m->renames[kind], m->nrenames[kind], sizeof key,
	    rename_cmp);
	return r != NULL ? r->new : NULL;
}

/* The first entry of the key (in the lenses' order), or NULL. */
static const struct entry *
lookup(const struct entry *v, size_t n, const char *key)
{
	size_t lo = 0, hi = n;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (strcmp(v[mid].key, key) < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo < n && strcmp(v[lo].key, key) == 0 ? &v[lo] : NULL;
}

static int
found(const struct entry *e, size_t *lens, const struct question **q,
    const struct choice **c)
{
	*lens = e->lens;
	*q = e->q;
	*c = e->c;
	return 0;
}

/* A choice id, through the renames (a few steps at most). */
static int
by_id(const struct scan_map *m, const char *id, size_t *lens,
    const struct question **q, const struct choice **c, char **why)
{
	const struct entry	*e;
	const char		*to;

	for (int step = 0; step < 4; step++) {
		if ((to = renamed(m, R_CHOICE, id)) != NULL) {
			if (strcmp(to, "-") == 0)
				return fail(why, _("practice %s has no "
				    "counterpart in the current lens"), id);
			id = to;
			continue;
		}
		if ((e = lookup(m->byid, m->nid, id)) != NULL)
			return found(e, lens, q, c);
		break;
	}
	return fail(why, _("practice %s is not in the lens"), id);
}

int
scan_map_row(const struct scan_map *m, const struct scan_row *row,
    size_t *lens, const struct question **q, const struct choice **c,
    char **why)
{
	const struct entry	*e;
	const char		*to;

	if (row->benchmark != NULL && (to = renamed(m, R_BENCHMARK,
	    row->benchmark)) != NULL)
		return by_id(m, to, lens, q, c, why);
	if (row->choice != NULL)
		return by_id(m, row->choice, lens, q, c, why);
	if (row->code != NULL) {
		if ((to = renamed(m, R_CODE, row->code)) != NULL)
			return by_id(m, to, lens, q, c, why);
		if ((e = lookup(m->bycode, m->ncode, row->code)) != NULL)
			return found(e, lens, q, c);
		return fail(why, _("best practice %s is not in the lens"),
		    row->code);
	}
	return fail(why, _("the result names no practice"));
}
