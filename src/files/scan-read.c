/* scan-read.c: streaming readers of the scanners' files, and the map of
 * their practice ids onto the lens. */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "base/util.h"
#include "files/scan-read.h"
#include "model/yval.h"

#define MAX_CELL	(1UL << 20)	/* bytes in one CSV field or JSON string */
#define MAX_FIELDS	512		/* fields in one CSV row */
#define MAX_RECORD	(64UL << 20)	/* bytes in one JSON record */
#define MAX_DEPTH	64

static const char *const format_names[] = {
#define X(e, n) n,
	SCAN_FORMAT_LIST(X)
#undef X
};

const char *
scan_format_name(enum scan_format f)
{
	return (unsigned)f < SCAN_FORMAT_COUNT ? format_names[f] : "?";
}

int
scan_format_parse(const char *s, enum scan_format *out)
{
	for (size_t i = 0; i < SCAN_FORMAT_COUNT; i++) {
		if (strcmp(s, format_names[i]) == 0) {
			*out = (enum scan_format)i;
			return 0;
		}
	}
	return -1;
}

/* --- Input --- */

struct in {
	FILE		*f;
	const char	*path;
	int		 line;		/* of the next byte */
	char		*date;		/* the file's own, else its time */
	char		**cause;
};

static int
in_get(struct in *in)
{
	int c = getc_unlocked(in->f);

	if (c == '\n')
		in->line++;
	return c;
}

static void
in_unget(struct in *in, int c)
{
	if (c == EOF)
		return;
	if (c == '\n')
		in->line--;
	ungetc(c, in->f);
}

static int
in_fail(struct in *in, int line, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static int
in_fail(struct in *in, int line, const char *fmt, ...)
{
	va_list	 ap;
	char	*msg;

	va_start(ap, fmt);
	msg = xvasprintf(fmt, ap);
	va_end(ap);
	fail(in->cause, "%s:%d: %s", in->path, line, msg);
	free(msg);
	return -1;
}

static int
in_error(struct in *in)
{
	if (ferror(in->f))
		return fail(in->cause, "%s: %s", in->path, strerror(errno));
	return 0;
}

/* The text on one line (a line break, CR LF or alone, or a tab is a
 * space), made printable: controls and bad bytes become '?'. */
static char *
printable(const char *s)
{
	struct buf		 b = { 0 };
	const unsigned char	*p;
	char			*out;

	if (s == NULL)
		return xstrdup("");
	for (p = (const unsigned char *)s; *p >= 0x20 && *p < 0x7f; p++)
		;
	if (*p == '\0')
		return xstrdup(s);	/* plain ASCII, printable already */
	buf_adds(&b, "");
	for (; *s != '\0'; s++) {
		if (*s == '\r' && s[1] == '\n')
			continue;
		buf_addc(&b, *s == '\n' || *s == '\r' || *s == '\t' ? ' ' :
		    *s);
	}
	out = str_printable(b.s);
	buf_free(&b);
	return out;
}

/* --- CSV --- */

struct csv {
	struct in	*in;
	char		 delim;
	struct buf	 text;		/* the fields, NUL-separated */
	size_t		*off;
	size_t		 n;
	size_t		 cap;
	int		 line;		/* where the record began */
};

/* A byte onto a field: the common case without a call (the buffer is
 * NUL-terminated again when the field ends). */
static inline void
put(struct buf *b, int ch)
{
	if (b->len + 2 <= b->cap)
		b->s[b->len++] = (char)ch;
	else
		buf_addc(b, (char)ch);
}

/* One record: 1, 0 at the end, -1. Quoted fields may hold the delimiter,
 * quotes (doubled) and newlines. */
static int
csv_record(struct csv *c)
{
	struct in	*in = c->in;
	int		 ch;
	bool		 quoted = false, any = false;
	size_t		 start;

	c->text.len = 0;
	c->n = 0;
	c->line = in->line;
	start = 0;
	for (;;) {
		ch = in_get(in);
		if (quoted) {
			if (ch == EOF) {
				if (in_error(in) != 0)
					return -1;
				return in_fail(in, c->line, _("the file ends "
				    "inside a quoted field (cut short?)"));
			}
			if (ch == '"') {
				int next = in_get(in);

				if (next == '"') {
					put(&c->text, '"');
					continue;
				}
				in_unget(in, next);
				quoted = false;
				continue;
			}
			put(&c->text, ch);
		} else if (ch == '"' && c->text.len == start) {
			quoted = true;
			any = true;
			continue;
		} else if (ch == c->delim || ch == '\n' || ch == EOF) {
			if (ch == EOF && !any && c->n == 0) {
				if (in_error(in) != 0)
					return -1;
				return 0;
			}
			if (c->text.len > start && c->text.s[c->text.len - 1] ==
			    '\r' && ch != c->delim)
				c->text.len--;
			if (c->n == MAX_FIELDS)
				return in_fail(in, c->line, ngettext("more "
				    "than %d field in a row", "more than %d "
				    "fields in a row", MAX_FIELDS), MAX_FIELDS);
			*ARRAY_PUSH(c->off, c->n, c->cap) = start;
			buf_addc(&c->text, '\0');
			start = c->text.len;
			if (ch != c->delim) {
				if (ch == EOF && in_error(in) != 0)
					return -1;
				return 1;
			}
			any = true;
			continue;
		} else {
			put(&c->text, ch);
			any = true;
		}
		if (c->text.len - start > MAX_CELL)
			return in_fail(in, c->line, ngettext("a field over %lu "
			    "byte", "a field over %lu bytes", MAX_CELL),
			    MAX_CELL);
	}
}

static const char *
csv_field(const struct csv *c, size_t i)
{
	return i < c->n ? c->text.s + c->off[i] : "";
}

static void
csv_free(struct csv *c)
{
	buf_free(&c->text);
	free(c->off);
}

/* The index of a column of the header (case ignored), or -1. */
static int
column(char **names, size_t n, const char *name)
{
	for (size_t i = 0; i < n; i++) {
		if (strcasecmp(names[i], name) == 0)
			return (int)i;
	}
	return -1;
}

static int
prowler_status(const char *s, enum scan_status *st)
{
	if (strcasecmp(s, "PASS") == 0)
		*st = SCAN_PASS;
	else if (strcasecmp(s, "FAIL") == 0)
		*st = SCAN_FAIL;
	else if (strcasecmp(s, "MANUAL") == 0 || strcasecmp(s, "INFO") == 0)
		*st = SCAN_MANUAL;
	else if (strcasecmp(s, "ERROR") == 0)
		*st = SCAN_ERROR;
	else
		return -1;
	return 0;
}

static int
powerpipe_status(const char *s, enum scan_status *st)
{
	if (strcmp(s, "ok") == 0)
		*st = SCAN_PASS;
	else if (strcmp(s, "alarm") == 0)
		*st = SCAN_FAIL;
	else if (strcmp(s, "error") == 0)
		*st = SCAN_ERROR;
	else if (strcmp(s, "info") == 0 || strcmp(s, "skip") == 0)
		*st = SCAN_MANUAL;
	else
		return -1;
	return 0;
}

/* The last part of a dotted name: "mod.benchmark.NAME" -> NAME. */
static const char *
last_part(const char *s)
{
	const char *dot = strrchr(s, '.');

	return dot != NULL ? dot + 1 : s;
}

/* "..._sec01_bp02" -> "SEC01-BP02", or "" when it is not so named. */
static void
benchmark_code(const char *name, char *code, size_t size)
{
	size_t	n = strlen(name);
	char	a[6], b[5];

	*code = '\0';
	if (n < 11 || name[n - 5] != '_' || name[n - 11] != '_')
		return;
	memcpy(a, name + n - 10, 5);
	a[5] = '\0';
	memcpy(b, name + n - 4, 4);
	b[4] = '\0';
	for (char *p = a; *p != '\0'; p++)
		*p = (char)(*p >= 'a' && *p <= 'z' ? *p - 32 : *p);
	for (char *p = b; *p != '\0'; p++)
		*p = (char)(*p >= 'a' && *p <= 'z' ? *p - 32 : *p);
	if (strncmp(b, "BP", 2) != 0)
		return;
	snprintf(code, size, "%s-%s", a, b);
}

enum { P_ACCOUNT, P_REGION, P_DATE, P_CODE, P_CHOICE, P_STATUS, P_REASON,
	P_RESOURCE, P_CHECK, P_MUTED, P_NAME, P_COUNT };
static const char *const prowler_cols[P_COUNT] = {
	"ACCOUNTID", "REGION", "ASSESSMENTDATE", "REQUIREMENTS_ID",
	"REQUIREMENTS_ATTRIBUTES_WELLARCHITECTEDPRACTICEID", "STATUS",
	"STATUSEXTENDED", "RESOURCEID", "CHECKID", "MUTED", "RESOURCENAME"
};
enum { W_GROUP, W_CONTROL, W_REASON, W_RESOURCE, W_STATUS, W_ACCOUNT,
	W_REGION, W_CHOICE, W_COUNT };
static const char *const powerpipe_cols[W_COUNT] = {
	"group_id", "control_id", "reason", "resource", "status",
	"account_id", "region", "choice_id"
};

/* Decide the delimiter and the format from the header row. */
static int
csv_header(struct in *in, struct csv *c, enum scan_format *fmt, int *cols)
{
	static const char	 delims[] = { ';', ',' };
	long			 at = ftell(in->f);
	int			 line = in->line;

	for (size_t d = 0; d < nitems(delims); d++) {
		char	**names;
		size_t	  n;
		int	  r;
		bool	  prowler, powerpipe;

		if (d > 0 && (fseek(in->f, at, SEEK_SET) != 0))
			return fail(in->cause, "%s: %s", in->path,
			    strerror(errno));
		in->line = line;
		c->delim = delims[d];
		if ((r = csv_record(c)) <= 0)
			return r < 0 ? -1 : in_fail(in, line, _("no header "
			    "row"));
		n = c->n;
		names = xreallocarray(NULL, n, sizeof *names);
		for (size_t i = 0; i < n; i++)
			names[i] = (char *)csv_field(c, i);
		prowler = column(names, n, "REQUIREMENTS_ID") >= 0 &&
		    column(names, n, "CHECKID") >= 0 &&
		    column(names, n, "STATUS") >= 0;
		powerpipe = column(names, n, "control_id") >= 0 &&
		    column(names, n, "status") >= 0 &&
		    column(names, n, "resource") >= 0;
		if ((prowler && *fmt != SCAN_FORMAT_POWERPIPE_CSV) ||
		    (powerpipe && *fmt != SCAN_FORMAT_PROWLER_CSV &&
		    !prowler)) {
			if (*fmt == SCAN_FORMAT_AUTO)
				*fmt = prowler ? SCAN_FORMAT_PROWLER_CSV :
				    SCAN_FORMAT_POWERPIPE_CSV;
			if (*fmt == SCAN_FORMAT_PROWLER_CSV) {
				for (int i = 0; i < P_COUNT; i++)
					cols[i] = column(names, n,
					    prowler_cols[i]);
			} else {
				for (int i = 0; i < W_COUNT; i++)
					cols[i] = column(names, n,
					    powerpipe_cols[i]);
			}
			free(names);
			return 1;
		}
		free(names);
	}
	if (*fmt == SCAN_FORMAT_PROWLER_CSV)
		return in_fail(in, line, _("not the header of Prowler's "
		    "compliance CSV (REQUIREMENTS_ID, CHECKID and STATUS, "
		    "separated by ';' or ',')"));
	if (*fmt == SCAN_FORMAT_POWERPIPE_CSV)
		return in_fail(in, line, _("not the header of Powerpipe's "
		    "CSV export (control_id, status and resource, separated "
		    "by ',')"));
	return in_fail(in, line, _("not a scanner's file wafr reads (Prowler "
	    "or Powerpipe CSV, Prowler JSON-OCSF, Powerpipe JSON, "
	    "list-check-details JSON)"));
}

struct cells {
	char	*v[16];
	size_t	 n;
};

static const char *
cell(struct cells *k, const struct csv *c, int col)
{
	char *s = printable(col >= 0 ? csv_field(c, (size_t)col) : "");

	k->v[k->n++] = s;
	return s;
}

static void
cells_free(struct cells *k)
{
	for (size_t i = 0; i < k->n; i++)
		free(k->v[i]);
	k->n = 0;
}

static const char *
nonempty(const char *s)
{
	return s != NULL && *s != '\0' ? s : NULL;
}

static int
read_csv(struct in *in, enum scan_format *fmt, scan_row_fn fn, void *arg)
{
	struct csv	 c = { in, ';', { 0 }, NULL, 0, 0, 0 };
	int		 cols[(int)P_COUNT > (int)W_COUNT ? (int)P_COUNT :
			    (int)W_COUNT], r;
	size_t		 width;
	struct cells	 k = { { 0 }, 0 };

	if ((r = csv_header(in, &c, fmt, cols)) != 1) {
		csv_free(&c);
		return -1;
	}
	width = c.n;
	while ((r = csv_record(&c)) == 1) {
		struct scan_row	 row = { 0 };
		const char	*status, *reason, *muted;
		char		 code[16];

		if (c.n == 1 && *csv_field(&c, 0) == '\0')
			continue;	/* a blank line */
		if (c.n != width) {
			r = in_fail(in, c.line, ngettext("%zu field, but the "
			    "header has %zu (cut short, or another delimiter "
			    "than '%c'?)", "%zu fields, but the header has %zu "
			    "(cut short, or another delimiter than '%c'?)",
			    c.n), c.n, width, c.delim);
			break;
		}
		row.line = c.line;
		row.count = 1;
		if (*fmt == SCAN_FORMAT_PROWLER_CSV) {
			row.source = "prowler";
			row.account = cell(&k, &c, cols[P_ACCOUNT]);
			row.region = cell(&k, &c, cols[P_REGION]);
			row.date = nonempty(cell(&k, &c, cols[P_DATE]));
			row.code = nonempty(cell(&k, &c, cols[P_CODE]));
			row.choice = nonempty(cell(&k, &c, cols[P_CHOICE]));
			status = cell(&k, &c, cols[P_STATUS]);
			reason = cell(&k, &c, cols[P_REASON]);
			row.resource = cell(&k, &c, cols[P_RESOURCE]);
			row.check = cell(&k, &c, cols[P_CHECK]);
			muted = cell(&k, &c, cols[P_MUTED]);
			if (prowler_status(status, &row.status) != 0) {
				r = in_fail(in, c.line, _("status \"%s\" is "
				    "not PASS, FAIL or MANUAL"), status);
				break;
			}
			if (strcasecmp(muted, "True") == 0) {
				char *m = xasprintf("%s %s", _("(muted)"),
				    reason);

				k.v[k.n++] = m;
				reason = m;
			}
			row.reason = reason;
			if (*row.check == '\0')	/* a manual requirement */
				row.check = row.code != NULL ? row.code : "";
		} else {
			const char *group;

			row.source = "powerpipe";
			group = cell(&k, &c, cols[W_GROUP]);
			row.benchmark = nonempty(last_part(group));
			row.check = last_part(cell(&k, &c, cols[W_CONTROL]));
			row.reason = cell(&k, &c, cols[W_REASON]);
			row.resource = cell(&k, &c, cols[W_RESOURCE]);
			status = cell(&k, &c, cols[W_STATUS]);
			row.account = cell(&k, &c, cols[W_ACCOUNT]);
			row.region = cell(&k, &c, cols[W_REGION]);
			row.choice = nonempty(cell(&k, &c, cols[W_CHOICE]));
			row.date = NULL;
			benchmark_code(row.benchmark != NULL ? row.benchmark :
			    "", code, sizeof code);
			row.code = nonempty(code);
			if (powerpipe_status(status, &row.status) != 0) {
				r = in_fail(in, c.line, _("status \"%s\" is "
				    "not ok, alarm, error, skip or info"),
				    status);
				break;
			}
		}
		r = fn(&row, arg, in->cause);
		cells_free(&k);
		if (r != 0)
			break;
	}
	cells_free(&k);
	csv_free(&c);
	return r < 0 ? -1 : r;
}

/* --- JSON --- */

enum tok { T_EOF, T_LBRACE, T_RBRACE, T_LBRACKET, T_RBRACKET, T_COLON,
	T_COMMA, T_STRING, T_LITERAL };

struct json {
	struct in	*in;
	struct buf	 s;		/* a string's or literal's text */
	int		 line;		/* of the token */
	size_t		 budget;	/* bytes a record may still take */
};

static int
utf8_put(struct buf *b, unsigned long u)
{
	if (u < 0x80)
		buf_addc(b, (char)u);
	else if (u < 0x800) {
		buf_addc(b, (char)(0xc0 | (u >> 6)));
		buf_addc(b, (char)(0x80 | (u & 0x3f)));
	} else if (u < 0x10000) {
		buf_addc(b, (char)(0xe0 | (u >> 12)));
		buf_addc(b, (char)(0x80 | ((u >> 6) & 0x3f)));
		buf_addc(b, (char)(0x80 | (u & 0x3f)));
	} else {
		buf_addc(b, (char)(0xf0 | (u >> 18)));
		buf_addc(b, (char)(0x80 | ((u >> 12) & 0x3f)));
		buf_addc(b, (char)(0x80 | ((u >> 6) & 0x3f)));
		buf_addc(b, (char)(0x80 | (u & 0x3f)));
	}
	return 0;
}

static int
hex4(struct json *j, unsigned long *u)
{
	*u = 0;
	for (int i = 0; i < 4; i++) {
		int c = in_get(j->in);

		if (c >= '0' && c <= '9')
			*u = *u * 16 + (unsigned long)(c - '0');
		else if (c >= 'a' && c <= 'f')
			*u = *u * 16 + (unsigned long)(c - 'a' + 10);
		else if (c >= 'A' && c <= 'F')
			*u = *u * 16 + (unsigned long)(c - 'A' + 10);
		else
			return in_fail(j->in, j->in->line, _("a bad \\u "
			    "escape"));
	}
	return 0;
}

static int
json_string_tok(struct json *j)
{
	for (;;) {
		int c = in_get(j->in);
		unsigned long u, lo;

		if (c == EOF || c == '\n')
			return in_fail(j->in, j->line, c == EOF ? _("the file "
			    "ends inside a string (cut short?)") :
			    _("a newline inside a string"));
		if (c == '"')
			return T_STRING;
		if (j->s.len > MAX_CELL)
			return in_fail(j->in, j->line, ngettext("a string "
			    "over %lu byte", "a string over %lu bytes",
			    MAX_CELL), MAX_CELL);
		if (c != '\\') {
			buf_addc(&j->s, (char)c);
			continue;
		}
		switch (c = in_get(j->in)) {
		case 'n': buf_addc(&j->s, '\n'); break;
		case 't': buf_addc(&j->s, '\t'); break;
		case 'r': buf_addc(&j->s, '\r'); break;
		case 'b': buf_addc(&j->s, '\b'); break;
		case 'f': buf_addc(&j->s, '\f'); break;
		case '/': case '\\': case '"': buf_addc(&j->s, (char)c); break;
		case 'u':
			if (hex4(j, &u) != 0)
				return -1;
			if (u >= 0xd800 && u < 0xdc00) {
				if (in_get(j->in) != '\\' ||
				    in_get(j->in) != 'u' || hex4(j, &lo) != 0 ||
				    lo < 0xdc00 || lo > 0xdfff)
					return in_fail(j->in, j->line, _("a "
					    "bad \\u escape"));
				u = 0x10000 + ((u - 0xd800) << 10) +
				    (lo - 0xdc00);
			} else if (u >= 0xdc00 && u < 0xe000)
				return in_fail(j->in, j->line, _("a bad \\u "
				    "escape"));
			if (u == 0)
				u = '?';	/* a NUL would cut the text */
			utf8_put(&j->s, u);
			break;
		default:
			return in_fail(j->in, j->line, _("a bad escape in a "
			    "string"));
		}
	}
}

static int
json_tok(struct json *j)
{
	int c;

	do
		c = in_get(j->in);
	while (c == ' ' || c == '\t' || c == '\n' || c == '\r');
	j->line = j->in->line;
	j->s.len = 0;
	buf_adds(&j->s, "");
	switch (c) {
	case EOF:
		return in_error(j->in) != 0 ? -1 : T_EOF;
	case '{': return T_LBRACE;
	case '}': return T_RBRACE;
	case '[': return T_LBRACKET;
	case ']': return T_RBRACKET;
	case ':': return T_COLON;
	case ',': return T_COMMA;
	case '"': {
		int t = json_string_tok(j);

		if (t == T_STRING) {
			if (j->s.len > j->budget)
				return in_fail(j->in, j->line, ngettext("a "
				    "record over %lu byte", "a record over %lu "
				    "bytes", MAX_RECORD), MAX_RECORD);
			j->budget -= j->s.len;
		}
		return t;
	}
	default:
		if ((c >= '0' && c <= '9') || c == '-' || c == 't' ||
		    c == 'f' || c == 'n') {
			while ((c >= '0' && c <= '9') || c == '-' || c == '+' ||
			    c == '.' || (c >= 'a' && c <= 'z') ||
			    (c >= 'A' && c <= 'Z')) {
				buf_addc(&j->s, (char)c);
				if (j->s.len > 64)
					break;
				c = in_get(j->in);
			}
			in_unget(j->in, c);
			if (strcmp(j->s.s, "true") != 0 &&
			    strcmp(j->s.s, "false") != 0 &&
			    strcmp(j->s.s, "null") != 0 &&
			    strspn(j->s.s, "0123456789-+.eE") != j->s.len)
				return in_fail(j->in, j->line, _("not JSON: "
				    "\"%s\""), j->s.s);
			return T_LITERAL;
		}
		if (c >= 0x20 && c < 0x7f)
			return in_fail(j->in, j->line, _("not JSON: '%c'"), c);
		return in_fail(j->in, j->line, _("not JSON"));
	}
}

static int
expect(struct json *j, int want, const char *what)
{
	int t = json_tok(j);

	if (t < 0)
		return -1;
	if (t != want) {
		if (t == T_EOF)
			return in_fail(j->in, j->line, _("the file ends where "
			    "%s should be (cut short?)"), what);
		return in_fail(j->in, j->line, _("%s expected"), what);
	}
	return 0;
}

static struct yval *
scalar(const char *s, bool quoted, int line)
{
	struct yval *v = xcalloc(1, sizeof *v);

	v->type = YVAL_SCALAR;
	v->s = xstrdup(s);
	v->quoted = quoted;
	v->line = line;
	return v;
}

/* A whole value whose first token is t, as a tree (NULL on error). */
static struct yval *
json_value(struct json *j, int t, int depth)
{
	struct yval	*v;
	int		 line = j->line;

	if (depth > MAX_DEPTH) {
		in_fail(j->in, line, _("nested more than %d deep"), MAX_DEPTH);
		return NULL;
	}
	switch (t) {
	case T_STRING:
		return scalar(j->s.s, true, line);
	case T_LITERAL:
		return scalar(j->s.s, false, line);
	case T_LBRACKET:
	case T_LBRACE:
		v = xcalloc(1, sizeof *v);
		v->type = t == T_LBRACE ? YVAL_MAP : YVAL_SEQ;
		v->line = line;
		for (size_t i = 0;; i++) {
			struct yval	*item;
			char		*key = NULL;
			int		 u;

			if ((u = json_tok(j)) < 0)
				goto bad;
			if (u == (t == T_LBRACE ? T_RBRACE : T_RBRACKET) &&
			    i == 0)
				return v;
			if (i > 0) {
				if (u == (t == T_LBRACE ? T_RBRACE :
				    T_RBRACKET))
					return v;
				if (u != T_COMMA) {
					in_fail(j->in, j->line, u == T_EOF ?
					    _("the file ends inside a value "
					    "(cut short?)") : _("',' expected"));
					goto bad;
				}
				if ((u = json_tok(j)) < 0)
					goto bad;
			}
			if (t == T_LBRACE) {
				if (u != T_STRING) {
					in_fail(j->in, j->line, u == T_EOF ?
					    _("the file ends inside a value "
					    "(cut short?)") : _("a key "
					    "expected"));
					goto bad;
				}
				key = xstrdup(j->s.s);
				if (expect(j, T_COLON, "':'") != 0 ||
				    (u = json_tok(j)) < 0) {
					free(key);
					goto bad;
				}
			}
			if ((item = json_value(j, u, depth + 1)) == NULL) {
				free(key);
				goto bad;
			}
			if (key != NULL) {
				yval_map_set(v, key, item);
				free(key);
			} else {
				v->v = xreallocarray(v->v, v->n + 1,
				    sizeof *v->v);
				v->v[v->n++] = item;
			}
		}
	case T_EOF:
		in_fail(j->in, line, _("the file ends where a value should be "
		    "(cut short?)"));
		return NULL;
	default:
		in_fail(j->in, line, _("a value expected"));
		return NULL;
	}
bad:
	yval_free(v);
	return NULL;
}

/* The next value as a tree, within the budget of one record. */
static struct yval *
json_record(struct json *j, int t)
{
	j->budget = MAX_RECORD;
	return json_value(j, t, 0);
}

/* Walk the items of a list whose '[' was read: fn for each, as a tree. */
static int
json_items(struct json *j, int (*fn)(struct json *, struct yval *, void *),
    void *arg)
{
	for (size_t i = 0;; i++) {
		struct yval	*v;
		int		 t, r;

		if ((t = json_tok(j)) < 0)
			return -1;
		if (t == T_RBRACKET)
			return 0;
		if (i > 0) {
			if (t != T_COMMA)
				return in_fail(j->in, j->line, t == T_EOF ?
				    _("the file ends inside a list (cut "
				    "short?)") : _("',' expected"));
			if ((t = json_tok(j)) < 0)
				return -1;
		}
		if ((v = json_record(j, t)) == NULL)
			return -1;
		r = fn(j, v, arg);
		yval_free(v);
		if (r != 0)
			return r;
	}
}

static int
json_end(struct json *j)
{
	int t = json_tok(j);

	if (t < 0)
		return -1;
	if (t != T_EOF)
		return in_fail(j->in, j->line, _("more after the end of the "
		    "document"));
	return 0;
}

struct emit {
	scan_row_fn	 fn;
	void		*arg;
	char		*date;		/* Powerpipe: the run's */
	char		*choice;	/* Powerpipe: the benchmark's tags */
	char		*benchmark;
};

static const char *
path_str(const struct yval *v, const char *path)
{
	char		 key[64];
	const char	*dot;

	while (v != NULL && (dot = strchr(path, '.')) != NULL) {
		snprintf(key, sizeof key, "%.*s", (int)(dot - path), path);
		v = yval_get(v, key);
		path = dot + 1;
	}
	v = yval_get(v, path);
	return v != NULL && v->type == YVAL_SCALAR && strcmp(v->s, "null") !=
	    0 ? v->s : NULL;
}

static int
is_map(const struct yval *v)
{
	return v != NULL && v->type == YVAL_MAP;
}

/* Prowler JSON-OCSF: one finding, a row for each practice it belongs to. */
static int
ocsf_finding(struct json *j, struct yval *f, void *arg)
{
	struct emit		*e = arg;
	const struct yval	*comp, *res;
	struct scan_row		 row = { 0 };
	struct cells		 k = { { 0 }, 0 };
	const char		*status;
	int			 r = 0;

	if (!is_map(f) || (status = path_str(f, "status_code")) == NULL ||
	    path_str(f, "metadata.event_code") == NULL)
		return in_fail(j->in, f->line, _("not a Prowler JSON-OCSF "
		    "finding (no status_code or metadata.event_code)"));
	if (prowler_status(status, &row.status) != 0)
		return in_fail(j->in, f->line, _("status \"%s\" is not PASS, "
		    "FAIL or MANUAL"), status);
	row.line = f->line;
	row.source = "prowler";
	row.count = 1;
	row.check = k.v[k.n++] = printable(path_str(f, "metadata.event_code"));
	row.account = k.v[k.n++] = printable(path_str(f, "cloud.account.uid"));
	row.region = k.v[k.n++] = printable(path_str(f, "cloud.region"));
	row.date = nonempty(k.v[k.n++] = printable(path_str(f, "time_dt")));
	row.reason = k.v[k.n++] = printable(path_str(f, "status_detail"));
	res = yval_get(f, "resources");
	row.resource = k.v[k.n++] = printable(res != NULL && res->type ==
	    YVAL_SEQ && res->n > 0 ? path_str(res->v[0], "uid") : NULL);
	comp = yval_get(yval_get(f, "unmapped"), "compliance");
	for (size_t i = 0; is_map(comp) && i < comp->n && r == 0; i++) {
		const struct yval *codes = comp->v[i];

		if (strncmp(comp->keys[i], "AWS-Well-Architected-Framework",
		    30) != 0 || codes->type != YVAL_SEQ)
			continue;
		for (size_t c = 0; c < codes->n && r == 0; c++) {
			char *code;

			if (codes->v[c]->type != YVAL_SCALAR)
				continue;
			code = printable(codes->v[c]->s);
			row.code = code;
			row.line = codes->v[c]->line;
			r = e->fn(&row, e->arg, j->in->cause);
			free(code);
		}
	}
	cells_free(&k);
	return r;
}

/* list-check-details: one check of Trusted Advisor. */
static int
ta_check(struct json *j, struct yval *d, void *arg)
{
	struct emit	*e = arg;
	struct scan_row	 row = { 0 };
	struct cells	 k = { { 0 }, 0 };
	const char	*status, *flagged, *name, *reason;
	char		*why;
	int		 r;

	if (!is_map(d) || (status = path_str(d, "Status")) == NULL ||
	    path_str(d, "ChoiceId") == NULL)
		return in_fail(j->in, d != NULL ? d->line : j->line, _("not a "
		    "check detail (no Status or ChoiceId)"));
	if (strcmp(status, "OKAY") == 0)
		row.status = SCAN_PASS;
	else if (strcmp(status, "WARNING") == 0 || strcmp(status, "ERROR") == 0)
		row.status = SCAN_FAIL;
	else if (strcmp(status, "NOT_AVAILABLE") == 0)
		row.status = SCAN_MANUAL;
	else if (strcmp(status, "FETCH_FAILED") == 0)
		row.status = SCAN_ERROR;
	else
		return in_fail(j->in, d->line, _("status \"%s\" is not OKAY, "
		    "WARNING, ERROR, NOT_AVAILABLE or FETCH_FAILED"),
		    status);
	row.line = d->line;
	row.source = "trusted-advisor";
	row.choice = k.v[k.n++] = printable(path_str(d, "ChoiceId"));
	name = path_str(d, "Name");
	row.check = k.v[k.n++] = printable(name != NULL ? name :
	    path_str(d, "Id"));
	row.account = k.v[k.n++] = printable(path_str(d, "AccountId"));
	row.region = "";
	row.date = nonempty(k.v[k.n++] = printable(path_str(d, "UpdatedAt")));
	flagged = path_str(d, "FlaggedResources");
	row.count = flagged != NULL ? strtoul(flagged, NULL, 10) : 0;
	if (row.count == 0)
		row.count = 1;
	reason = path_str(d, "Reason");
	why = flagged != NULL && row.status == SCAN_FAIL ?
	    xasprintf(_("%s resources flagged%s%s"), flagged, reason != NULL ?
	    ": " : "", reason != NULL ? reason : "") :
	    xstrdup(reason != NULL ? reason : "");
	row.reason = k.v[k.n++] = printable(why);
	free(why);
	row.resource = "";
	r = e->fn(&row, e->arg, j->in->cause);
	cells_free(&k);
	return r;
}

/* Powerpipe: the results of one control, under the benchmark's tags. */
static int
pp_control(struct json *j, struct yval *ctl, struct emit *e,
    const char *choice, const char *benchmark)
{
	const struct yval	*results = yval_get(ctl, "results");
	const char		*id = path_str(ctl, "control_id");
	char			 code[16];
	int			 r = 0;

	benchmark_code(benchmark != NULL ? benchmark : "", code, sizeof code);
	for (size_t i = 0; results != NULL && results->type == YVAL_SEQ &&
	    i < results->n && r == 0; i++) {
		const struct yval	*res = results->v[i], *dims;
		struct scan_row		 row = { 0 };
		struct cells		 k = { { 0 }, 0 };
		const char		*status = path_str(res, "status");

		if (status == NULL || powerpipe_status(status,
		    &row.status) != 0)
			return in_fail(j->in, res->line, _("a result without "
			    "status ok, alarm, error, skip or info"));
		row.line = res->line;
		row.source = "powerpipe";
		row.count = 1;
		row.check = k.v[k.n++] = printable(last_part(id != NULL ? id :
		    ""));
		row.choice = nonempty(choice);
		row.benchmark = benchmark;
		row.code = nonempty(code);
		row.date = NULL;
		row.resource = k.v[k.n++] = printable(path_str(res, "resource"));
		row.reason = k.v[k.n++] = printable(path_str(res, "reason"));
		row.account = row.region = "";
		dims = yval_get(res, "dimensions");
		for (size_t d = 0; dims != NULL && dims->type == YVAL_SEQ &&
		    d < dims->n; d++) {
			const char *key = path_str(dims->v[d], "key");
			const char *val = path_str(dims->v[d], "value");

			if (key == NULL || val == NULL)
				continue;
			if (strcmp(key, "account_id") == 0)
				row.account = k.v[k.n++] = printable(val);
			else if (strcmp(key, "region") == 0)
				row.region = k.v[k.n++] = printable(val);
		}
		r = e->fn(&row, e->arg, j->in->cause);
		cells_free(&k);
	}
	return r;
}

/* A Powerpipe group whose '{' was read: its own tags, its child groups
 * walked one by one, its controls kept until the group ends (its tags may
 * come after them). */
static int
pp_group(struct json *j, struct emit *e, const char *choice, int depth,
    const char *first)
{
	struct yval	**controls = NULL;
	size_t		  ncontrols = 0;
	char		 *mychoice = choice != NULL ? xstrdup(choice) : NULL;
	char		 *bench = NULL;
	int		  r = 0;

	if (depth > MAX_DEPTH)
		return in_fail(j->in, j->line, _("nested more than %d deep"),
		    MAX_DEPTH);
	for (size_t i = 0; r == 0; i++) {
		int	 t;
		char	*key;

		if (i == 0 && first != NULL) {
			key = xstrdup(first);
			goto value;
		}
		if ((t = json_tok(j)) < 0) {
			r = -1;
			break;
		}
		if (t == T_RBRACE)
			break;
		if (i > 0) {
			if (t != T_COMMA) {
				r = in_fail(j->in, j->line, t == T_EOF ?
				    _("the file ends inside a value (cut "
				    "short?)") : _("',' expected"));
				break;
			}
			t = json_tok(j);
		}
		if (t != T_STRING) {
			r = t < 0 ? -1 : in_fail(j->in, j->line, t == T_EOF ?
			    _("the file ends inside a value (cut short?)") :
			    _("a key expected"));
			break;
		}
		key = xstrdup(j->s.s);
value:
		if (expect(j, T_COLON, "':'") != 0 || (t = json_tok(j)) < 0) {
			free(key);
			r = -1;
			break;
		}
		if (strcmp(key, "groups") == 0 && t == T_LBRACKET) {
			for (size_t g = 0; r == 0; g++) {
				if ((t = json_tok(j)) < 0)
					r = -1;
				else if (t == T_RBRACKET)
					break;
				else if (g > 0 && t != T_COMMA)
					r = in_fail(j->in, j->line,
					    _("',' expected"));
				else if (g > 0 && (t = json_tok(j)) < 0)
					r = -1;
				else if (t != T_LBRACE)
					r = in_fail(j->in, j->line,
					    _("a group expected"));
				else
					r = pp_group(j, e, mychoice, depth + 1,
					    NULL);
			}
		} else if (strcmp(key, "controls") == 0 && t == T_LBRACKET) {
			struct yval *v = xcalloc(1, sizeof *v);

			/* The list as one value, control by control. */
			for (size_t c = 0; r == 0; c++) {
				struct yval *ctl;

				if ((t = json_tok(j)) < 0)
					r = -1;
				else if (t == T_RBRACKET)
					break;
				else if (c > 0 && t != T_COMMA)
					r = in_fail(j->in, j->line,
					    _("',' expected"));
				else if (c > 0 && (t = json_tok(j)) < 0)
					r = -1;
				else if ((ctl = json_record(j, t)) == NULL)
					r = -1;
				else {
					controls = xreallocarray(controls,
					    ncontrols + 1, sizeof *controls);
					controls[ncontrols++] = ctl;
				}
			}
			free(v);
		} else {
			struct yval *v = json_record(j, t);

			if (v == NULL)
				r = -1;
			else if (strcmp(key, "tags") == 0 && is_map(v)) {
				const char *c = path_str(v, "choice_id");

				if (c != NULL) {
					free(mychoice);
					mychoice = printable(c);
				}
			} else if (strcmp(key, "group_id") == 0 &&
			    v->type == YVAL_SCALAR) {
				free(bench);
				bench = printable(last_part(v->s));
			} else if (depth == 0 && (strcmp(key, "end_time") ==
			    0 || strcmp(key, "start_time") == 0) &&
			    v->type == YVAL_SCALAR && e->date == NULL)
				e->date = printable(v->s);
			yval_free(v);
		}
		free(key);
	}
	for (size_t c = 0; c < ncontrols; c++) {
		if (r == 0)
			r = pp_control(j, controls[c], e, mychoice, bench);
		yval_free(controls[c]);
	}
	free(controls);
	free(mychoice);
	free(bench);
	return r;
}

static int
read_json(struct in *in, enum scan_format *fmt, scan_row_fn fn, void *arg)
{
	struct json	 j = { in, { 0 }, 1, MAX_RECORD };
	struct emit	 e = { fn, arg, NULL, NULL, NULL };
	int		 t, r = -1;

	if ((t = json_tok(&j)) < 0)
		goto out;
	if (t == T_LBRACKET) {
		if (*fmt != SCAN_FORMAT_AUTO &&
		    *fmt != SCAN_FORMAT_PROWLER_OCSF) {
			r = in_fail(in, j.line, _("a JSON list, not %s"),
			    scan_format_name(*fmt));
			goto out;
		}
		*fmt = SCAN_FORMAT_PROWLER_OCSF;
		if ((r = json_items(&j, ocsf_finding, &e)) == 0)
			r = json_end(&j);
		goto out;
	}
	if (t != T_LBRACE) {
		r = in_fail(in, j.line, _("not a scanner's file wafr reads "
		    "(a JSON list or object expected)"));
		goto out;
	}
	/* The first key tells an object's kind. */
	if ((t = json_tok(&j)) < 0)
		goto out;
	if (t == T_STRING && strcmp(j.s.s, "CheckDetails") == 0 &&
	    (*fmt == SCAN_FORMAT_AUTO || *fmt == SCAN_FORMAT_TRUSTED_ADVISOR)) {
		*fmt = SCAN_FORMAT_TRUSTED_ADVISOR;
		for (size_t i = 0;; i++) {
			struct yval	*v;
			bool		 details;

			if (i > 0) {
				if ((t = json_tok(&j)) < 0)
					goto out;
				if (t == T_RBRACE)
					break;
				if (t != T_COMMA || (t = json_tok(&j)) !=
				    T_STRING) {
					r = t < 0 ? -1 : in_fail(in, j.line,
					    _("a key expected"));
					goto out;
				}
			}
			details = strcmp(j.s.s, "CheckDetails") == 0;
			if (expect(&j, T_COLON, "':'") != 0 ||
			    (t = json_tok(&j)) < 0)
				goto out;
			if (details && t == T_LBRACKET) {
				if ((r = json_items(&j, ta_check, &e)) != 0)
					goto out;
				r = -1;
				continue;
			}
			if ((v = json_record(&j, t)) == NULL)
				goto out;
			yval_free(v);
		}
		r = json_end(&j);
		goto out;
	}
	if (t == T_STRING && (*fmt == SCAN_FORMAT_AUTO ||
	    *fmt == SCAN_FORMAT_POWERPIPE_JSON) && (strcmp(j.s.s,
	    "group_id") == 0 || strcmp(j.s.s, "title") == 0 ||
	    strcmp(j.s.s, "groups") == 0 || strcmp(j.s.s, "summary") == 0 ||
	    strcmp(j.s.s, "description") == 0)) {
		*fmt = SCAN_FORMAT_POWERPIPE_JSON;
		{
			/* The key read is the root group's first. */
			char *first = xstrdup(j.s.s);

			r = pp_group(&j, &e, NULL, 0, first);
			free(first);
		}
		if (r == 0)
			r = json_end(&j);
		goto out;
	}
	r = in_fail(in, j.line, _("a JSON document that is none of the "
	    "scanners' files wafr reads (Prowler JSON-OCSF, Powerpipe's "
	    "export, list-check-details)"));
out:
	if (e.date != NULL) {
		free(in->date);
		in->date = e.date;
	}
	buf_free(&j.s);
	return r;
}

/* --- Files --- */

int
scan_read(const char *path, enum scan_format *fmt, scan_row_fn fn,
    void *arg, char **date, char **cause)
{
	struct in	 in = { NULL, path, 1, NULL, cause };
	struct stat	 sb;
	struct tm	 tm;
	char		 stamp[32];
	int		 fd, c, r;

	if ((fd = open(path, O_RDONLY | O_NOCTTY)) == -1)
		return fail(cause, "%s: %s", path, strerror(errno));
	if (fstat(fd, &sb) != 0) {
		r = errno;
		close(fd);
		return fail(cause, "%s: %s", path, strerror(r));
	}
	if (!S_ISREG(sb.st_mode)) {
		close(fd);
		return fail(cause, "%s: %s", path, S_ISDIR(sb.st_mode) ?
		    strerror(EISDIR) : _("not a regular file"));
	}
	if ((in.f = fdopen(fd, "r")) == NULL) {
		close(fd);
		return fail(cause, "%s: %s", path, strerror(errno));
	}
	*date = NULL;
	if (gmtime_r(&sb.st_mtime, &tm) != NULL && strftime(stamp,
	    sizeof stamp, "%Y-%m-%dT%H:%M:%SZ", &tm) > 0)
		in.date = xstrdup(stamp);
	/* A byte order mark, then the first byte tells CSV from JSON. */
	c = in_get(&in);
	if (c == 0xef) {
		if (in_get(&in) != 0xbb || in_get(&in) != 0xbf) {
			fclose(in.f);
			free(in.date);
			return fail(cause, _("%s:1: not a scanner's file wafr "
			    "reads"), path);
		}
		c = in_get(&in);
	}
	while (c == ' ' || c == '\t' || c == '\n' || c == '\r')
		c = in_get(&in);
	if (c == EOF) {
		fclose(in.f);
		free(in.date);
		return fail(cause, _("%s: empty"), path);
	}
	in_unget(&in, c);
	if (c == '[' || c == '{') {
		if (*fmt == SCAN_FORMAT_PROWLER_CSV ||
		    *fmt == SCAN_FORMAT_POWERPIPE_CSV)
			r = in_fail(&in, in.line, _("JSON, not %s"),
			    scan_format_name(*fmt));
		else
			r = read_json(&in, fmt, fn, arg);
	} else if (*fmt != SCAN_FORMAT_AUTO && *fmt !=
	    SCAN_FORMAT_PROWLER_CSV && *fmt != SCAN_FORMAT_POWERPIPE_CSV)
		r = in_fail(&in, in.line, _("not JSON, so not %s"),
		    scan_format_name(*fmt));
	else
		r = read_csv(&in, fmt, fn, arg);
	fclose(in.f);
	if (r == 0)
		*date = in.date != NULL ? in.date : xstrdup("");
	else
		free(in.date);
	return r;
}
