/* scan.c: scan results, their groups, their text and their index. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "model/answer.h"
#include "model/lens.h"
#include "model/scan.h"

static const char *const status_names[] = {
#define X(e, n) n,
	SCAN_STATUS_LIST(X)
#undef X
};

const char *
scan_status_name(enum scan_status s)
{
	return (unsigned)s < SCAN_STATUS_COUNT ? status_names[s] : "?";
}

int
scan_status_parse(const char *s, enum scan_status *out)
{
	for (size_t i = 0; i < SCAN_STATUS_COUNT; i++) {
		if (strcmp(s, status_names[i]) == 0) {
			*out = (enum scan_status)i;
			return 0;
		}
	}
	return -1;
}

static const char *const sources[][2] = {
#define X(n, t) { n, t },
	SCAN_SOURCE_LIST(X)
#undef X
};

bool
scan_source_valid(const char *s)
{
	return scan_source_title(s) != NULL;
}

const char *
scan_source_title(const char *s)
{
	for (size_t i = 0; i < nitems(sources); i++) {
		if (strcmp(s, sources[i][0]) == 0)
			return sources[i][1];
	}
	return NULL;
}

/* --- Groups --- */

static void
key_part(struct buf *b, const char *s)
{
	bool alone = strcmp(s, "-") == 0;

	if (*s == '\0') {
		buf_addc(b, '-');
		return;
	}
	for (; *s != '\0'; s++) {
		unsigned char c = (unsigned char)*s;

		if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
		    (c >= '0' && c <= '9') || c == '.' || c == '_' ||
		    (c == '-' && !alone))
			buf_addc(b, (char)c);
		else
			buf_printf(b, "%%%02X", c);
	}
}

char *
scan_group_key(const char *source, const char *account, const char *region)
{
	struct buf b = { 0 };

	buf_adds(&b, source);
	buf_addc(&b, '/');
	key_part(&b, account);
	buf_addc(&b, '/');
	key_part(&b, region);
	return buf_take(&b);
}

struct scan_group *
scan_group_new(const char *source, const char *account, const char *region,
    const char *date, const char *file)
{
	struct scan_group *g = xcalloc(1, sizeof *g);

	g->source = xstrdup(source);
	g->account = xstrdup(account != NULL ? account : "");
	g->region = xstrdup(region != NULL ? region : "");
	g->date = xstrdup(date != NULL ? date : "");
	g->file = xstrdup(file != NULL ? file : "");
	return g;
}

static void
result_free(struct scan_result *r)
{
	free(r->lens);
	free(r->question);
	free(r->choice);
	free(r->check);
	free(r->resource);
	free(r->reason);
}

void
scan_group_free(struct scan_group *g)
{
	if (g == NULL)
		return;
	for (size_t i = 0; i < g->n; i++)
		result_free(&g->results[i]);
	free(g->results);
	free(g->source);
	free(g->account);
	free(g->region);
	free(g->date);
	free(g->file);
	free(g);
}

static bool
counted(enum scan_status s)
{
	return s == SCAN_PASS || s == SCAN_MANUAL;
}

void
scan_group_add(struct scan_group *g, const struct scan_result *r)
{
	struct scan_result *n;

	if (g->n > 1024 && g->n >= 2 * g->sorted)
		scan_group_finish(g);
	n = ARRAY_PUSH(g->results, g->n, g->cap);
	n->lens = xstrdup(r->lens);
	n->question = xstrdup(r->question);
	n->choice = xstrdup(r->choice);
	n->check = xstrdup(r->check != NULL ? r->check : "");
	n->status = r->status;
	n->count = r->count > 0 ? r->count : 1;
	n->resource = xstrdup(counted(r->status) || r->resource == NULL ? "" :
	    r->resource);
	n->reason = xstrdup(counted(r->status) || r->reason == NULL ? "" :
	    r->reason);
}

static int
result_cmp(const void *va, const void *vb)
{
	const struct scan_result	*a = va, *b = vb;
	int				 c;

	if ((c = strcmp(a->lens, b->lens)) != 0 ||
	    (c = strcmp(a->question, b->question)) != 0 ||
	    (c = strcmp(a->choice, b->choice)) != 0 ||
	    (c = strcmp(a->check, b->check)) != 0)
		return c;
	if (a->status != b->status)
		return a->status < b->status ? -1 : 1;
	if ((c = strcmp(a->resource, b->resource)) != 0)
		return c;
	return strcmp(a->reason, b->reason);
}

void
scan_group_finish(struct scan_group *g)
{
	size_t w = 0;

	if (g->n == 0)
		return;
	qsort(g->results, g->n, sizeof *g->results, result_cmp);
	for (size_t i = 1; i < g->n; i++) {
		struct scan_result *last = &g->results[w], *r = &g->results[i];

		if (result_cmp(last, r) == 0) {
			/* Counted results add up; a listed one is one. */
			if (counted(r->status))
				last->count += r->count;
			result_free(r);
			continue;
		}
		g->results[++w] = *r;
	}
	g->n = w + 1;
	g->sorted = g->n;
}

unsigned long
scan_group_total(const struct scan_group *g)
{
	unsigned long total = 0;

	for (size_t i = 0; i < g->n; i++)
		total += g->results[i].count;
	return total;
}

/* --- Text --- */

static void
field(struct buf *b, const char *s, bool last)
{
	for (; *s != '\0'; s++) {
		size_t run = strcspn(s, "\t\n\r\\");

		if (run > 0) {
			buf_add(b, s, run);
			s += run - 1;
			continue;
		}
		switch (*s) {
		case '\t':
			buf_adds(b, "\\t");
			break;
		case '\n':
			buf_adds(b, "\\n");
			break;
		case '\r':
			buf_adds(b, "\\r");
			break;
		case '\\':
			buf_adds(b, "\\\\");
			break;
		default:
			buf_addc(b, *s);
		}
	}
	buf_addc(b, last ? '\n' : '\t');
}

static void
encode_group(struct buf *b, const struct scan_group *g)
{
	char n[32];

	field(b, "scan", false);
	field(b, g->source, false);
	field(b, g->account, false);
	field(b, g->region, false);
	field(b, g->date, false);
	field(b, g->file, true);
	for (size_t i = 0; i < g->n; i++) {
		const struct scan_result *r = &g->results[i];

		field(b, r->lens, false);
		field(b, r->question, false);
		field(b, r->choice, false);
		field(b, r->check, false);
		field(b, scan_status_name(r->status), false);
		snprintf(n, sizeof n, "%lu", r->count);
		field(b, n, false);
		field(b, r->resource, false);
		field(b, r->reason, true);
	}
}

char *
scan_group_encode(const struct scan_group *g, size_t *size)
{
	struct buf b = { 0 };

	encode_group(&b, g);
	*size = b.len;
	return buf_take(&b);
}

/* Split one line into at most max fields, unescaped in place. */
static size_t
split(char *line, char **f, size_t max)
{
	size_t	 n = 0;
	char	*w = line;

	f[n++] = w;
	for (char *s = line; *s != '\0'; s++) {
		if (*s == '\t') {
			*w++ = '\0';
			if (n == max)
				return max + 1;
			f[n++] = w;
		} else if (*s == '\\' && s[1] != '\0') {
			s++;
			*w++ = *s == 't' ? '\t' : *s == 'n' ? '\n' :
			    *s == 'r' ? '\r' : *s;
		} else
			*w++ = *s;
	}
	*w = '\0';
	return n;
}

static int
decode_at(const char *text, size_t size, int base, struct scan_group **out,
    char **cause)
{
	char			*copy = xstrndup(text, size), *line, *next, *f[9];
	struct scan_group	*g = NULL;
	int			 lineno = base;

	*out = NULL;
	if (memchr(text, '\0', size) != NULL) {
		free(copy);
		return fail(cause, _("a NUL byte in scan results"));
	}
	for (line = copy; line != NULL && *line != '\0'; line = next) {
		struct scan_result	r = { 0 };
		char			*end;
		size_t			 n;

		lineno++;
		if ((next = strchr(line, '\n')) != NULL)
			*next++ = '\0';
		n = split(line, f, nitems(f) - 1);
		if (g == NULL) {
			if (n != 6 || strcmp(f[0], "scan") != 0 ||
			    !scan_source_valid(f[1]))
				goto bad;
			g = scan_group_new(f[1], f[2], f[3], f[4], f[5]);
			continue;
		}
		if (n != 8 || scan_status_parse(f[4], &r.status) != 0 ||
		    *f[0] == '\0' || *f[1] == '\0' || *f[2] == '\0')
			goto bad;
		r.count = strtoul(f[5], &end, 10);
		if (*f[5] == '\0' || *end != '\0' || r.count == 0)
			goto bad;
		r.lens = f[0];
		r.question = f[1];
		r.choice = f[2];
		r.check = f[3];
		r.resource = f[6];
		r.reason = f[7];
		scan_group_add(g, &r);
	}
	if (g == NULL) {
		lineno++;
		goto bad;
	}
	free(copy);
	scan_group_finish(g);
	*out = g;
	return 0;
bad:
	free(copy);
	scan_group_free(g);
	return fail(cause, _("line %d: not a line of scan results"), lineno);
}

int
scan_group_decode(const char *text, size_t size, struct scan_group **out,
    char **cause)
{
	return decode_at(text, size, 0, out, cause);
}

char *
scan_file_text(const char *source, struct scan_group *const *groups,
    size_t n, size_t *size)
{
	struct buf b = { 0 };

	buf_printf(&b, "# wafr scan results: %s. One scan (scanner, account, "
	    "region) a \"scan\" line, then one line a result:\n# lens, "
	    "question, choice, check, status, count, resource, reason. "
	    "Passing and manual\n# results are counted per check; failing "
	    "ones listed per resource.\n", source);
	for (size_t i = 0; i < n; i++)
		encode_group(&b, groups[i]);
	*size = b.len;
	return buf_take(&b);
}

int
scan_file_split(const char *text, size_t size, char ***keys, char ***groups,
    size_t *n, char **cause)
{
	const char	*p = text, *end = text + size, *start = NULL;
	int		 line = 1, first = 0;

	*keys = NULL;
	*groups = NULL;
	*n = 0;
	for (;;) {
		const char	*nl = memchr(p, '\n', (size_t)(end - p));
		const char	*eol = nl != NULL ? nl : end;
		bool		 header = eol - p >= 5 &&
				    strncmp(p, "scan\t", 5) == 0;

		if ((header || p == end) && start != NULL) {
			struct scan_group *g;

			if (decode_at(start, (size_t)(p - start), first - 1,
			    &g, cause) != 0)
				goto fail;
			*keys = xreallocarray(*keys, *n + 1, sizeof **keys);
			*groups = xreallocarray(*groups, *n + 1,
			    sizeof **groups);
			(*keys)[*n] = scan_group_key(g->source, g->account,
			    g->region);
			(*groups)[*n] = xstrndup(start, (size_t)(p - start));
			(*n)++;
			scan_group_free(g);
			start = NULL;
		}
		if (p == end)
			break;
		if (header) {
			start = p;
			first = line;
		} else if (start == NULL && *p != '#' && eol > p) {
			fail(cause, _("line %d: not a line of scan results"),
			    line);
			goto fail;
		}
		p = nl != NULL ? nl + 1 : end;
		line++;
	}
	return 0;
fail:
	for (size_t i = 0; i < *n; i++) {
		free((*keys)[i]);
		free((*groups)[i]);
	}
	free(*keys);
	free(*groups);
	*keys = *groups = NULL;
	*n = 0;
	return -1;
}

/* --- The groups of a state --- */

static int
ref_cmp(const void *va, const void *vb)
{
	const struct scan_ref	*a = va, *b = vb;
	int			 c;

	if ((c = strcmp(a->result->lens, b->result->lens)) != 0 ||
	    (c = strcmp(a->result->question, b->result->question)) != 0 ||
	    (c = strcmp(a->result->choice, b->result->choice)) != 0)
		return c;
	/* Then by scanner, account, region: the groups' order. */
	if (a->group != b->group) {
		if ((c = strcmp(a->group->source, b->group->source)) != 0 ||
		    (c = strcmp(a->group->account, b->group->account)) != 0)
			return c;
		return strcmp(a->group->region, b->group->region);
	}
	return a->result < b->result ? -1 : a->result > b->result;
}

static void
reindex(struct scans *s)
{
	size_t n = 0;

	for (size_t i = 0; i < s->n; i++)
		n += s->groups[i]->n;
	free(s->index);
	s->index = n > 0 ? xreallocarray(NULL, n, sizeof *s->index) : NULL;
	s->nindex = 0;
	for (size_t i = 0; i < s->n; i++) {
		for (size_t j = 0; j < s->groups[i]->n; j++)
			s->index[s->nindex++] = (struct scan_ref){ s->groups[i],
			    &s->groups[i]->results[j] };
	}
	if (s->nindex > 0)
		qsort(s->index, s->nindex, sizeof *s->index, ref_cmp);
}

static int
group_cmp(const struct scan_group *a, const char *key)
{
	char	*k = scan_group_key(a->source, a->account, a->region);
	int	 c = strcmp(k, key);

	free(k);
	return c;
}

void
scans_set(struct scans *s, const char *key, struct scan_group *g)
{
	size_t i;

	for (i = 0; i < s->n; i++) {
		int c = group_cmp(s->groups[i], key);

		if (c == 0) {
			scan_group_free(s->groups[i]);
			if (g != NULL)
				s->groups[i] = g;
			else {
				memmove(&s->groups[i], &s->groups[i + 1],
				    (s->n - i - 1) * sizeof *s->groups);
				s->n--;
			}
			reindex(s);
			return;
		}
		if (c > 0)
			break;
	}
	if (g == NULL)
		return;
	s->groups = xreallocarray(s->groups, s->n + 1, sizeof *s->groups);
	memmove(&s->groups[i + 1], &s->groups[i], (s->n - i) *
	    sizeof *s->groups);
	s->groups[i] = g;
	s->n++;
	reindex(s);
}

void
scans_clear(struct scans *s)
{
	for (size_t i = 0; i < s->n; i++)
		scan_group_free(s->groups[i]);
	free(s->groups);
	free(s->index);
	memset(s, 0, sizeof *s);
}

static int
find_cmp(const struct scan_result *r, const char *lens, const char *q,
    const char *choice)
{
	int c;

	if ((c = strcmp(r->lens, lens)) != 0 ||
	    (c = strcmp(r->question, q)) != 0)
		return c;
	return choice != NULL ? strcmp(r->choice, choice) : 0;
}

size_t
scans_find(const struct scans *s, const char *lens, const char *q,
    const char *choice, const struct scan_ref **first)
{
	size_t lo = 0, hi = s->nindex, end;

	*first = NULL;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (find_cmp(s->index[mid].result, lens, q, choice) < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	for (end = lo; end < s->nindex &&
	    find_cmp(s->index[end].result, lens, q, choice) == 0; end++)
		;
	if (end > lo)
		*first = &s->index[lo];
	return end - lo;
}

static int
str_cmp(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* Distinct checks among the failing results. */
static size_t
distinct_failing(const struct scan_ref *refs, size_t n, const char *source)
{
	const char	**checks = xreallocarray(NULL, n + 1, sizeof *checks);
	size_t		  m = 0, d = 0;

	for (size_t i = 0; i < n; i++) {
		if (refs[i].result->status == SCAN_FAIL && (source == NULL ||
		    strcmp(refs[i].group->source, source) == 0))
			checks[m++] = refs[i].result->check;
	}
	qsort(checks, m, sizeof *checks, str_cmp);
	for (size_t i = 0; i < m; i++)
		d += i == 0 || strcmp(checks[i], checks[i - 1]) != 0;
	free(checks);
	return d;
}

void
scans_tally(const struct scan_ref *refs, size_t n, const char *source,
    struct scan_tally *t)
{
	memset(t, 0, sizeof *t);
	for (size_t i = 0; i < n; i++) {
		if (source == NULL || strcmp(refs[i].group->source,
		    source) == 0)
			t->n[refs[i].result->status] += refs[i].result->count;
	}
	t->failing_checks = distinct_failing(refs, n, source);
}

void
scans_summary(const struct scan_ref *refs, size_t n, struct buf *b)
{
	static const char *const status_labels[] = {
		N_("%lu pass"), N_("%lu fail"), N_("%lu manual"),
		N_("%lu error")
	};
	size_t start = b->len;

	buf_adds(b, "");
	for (size_t i = 0; i < nitems(sources); i++) {
		struct scan_tally	t;
		bool			any = false;

		scans_tally(refs, n, sources[i][0], &t);
		for (size_t s = 0; s < SCAN_STATUS_COUNT; s++) {
			if (t.n[s] == 0)
				continue;
			if (!any && b->len > start)
				buf_adds(b, "; ");
			if (!any)
				buf_printf(b, "%s: ", sources[i][1]);
			else
				buf_adds(b, ", ");
			buf_printf(b, _(status_labels[s]), t.n[s]);
			any = true;
		}
	}
}

size_t
scans_selected_failing(const struct scans *s, const char *lens,
    const struct question *q, const struct answer *a)
{
	const struct scan_ref	 *first;
	struct scan_ref		 *refs = NULL;
	size_t			  n = 0, d;

	if (a == NULL || a->not_applicable)
		return 0;
	for (size_t i = 0; i < a->nselected; i++) {
		size_t m = scans_find(s, lens, q->id, a->selected[i], &first);

		if (m == 0)
			continue;
		refs = xreallocarray(refs, n + m, sizeof *refs);
		memcpy(refs + n, first, m * sizeof *refs);
		n += m;
	}
	d = n > 0 ? distinct_failing(refs, n, NULL) : 0;
	free(refs);
	return d;
}

void
scans_summary_short(const struct scan_ref *refs, size_t n, struct buf *b)
{
	struct scan_tally t;

	scans_tally(refs, n, NULL, &t);
	buf_adds(b, "");
	if (t.n[SCAN_FAIL] + t.n[SCAN_ERROR] > 0)
		buf_printf(b, _("%lu fail"), t.n[SCAN_FAIL] + t.n[SCAN_ERROR]);
	else if (t.n[SCAN_PASS] > 0)
		buf_printf(b, _("%lu pass"), t.n[SCAN_PASS]);
	else
		buf_printf(b, _("%lu manual"), t.n[SCAN_MANUAL]);
}
