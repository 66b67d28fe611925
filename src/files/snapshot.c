/* snapshot.c: the live state as text files, written with the libyaml
 * emitter in a fixed order and read back with the libyaml parser. */
#include "config.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdint.h>
#include <locale.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <yaml.h>

#include "files/lens-load.h"
#include "files/snapshot.h"
#include "files/yval-yaml.h"
#include "base/util.h"

/* Emitting. */

/* Texts are written by the code below rather than by the emitter, which
 * escapes every character outside the Basic Multilingual Plane and a tab,
 * and double-quotes a whole multi-line text for one control character in
 * it. The emitter is handed a placeholder (MARK and the text's number, a
 * plain scalar at the end of its line) that emit_end replaces. */
#define MARK	"\xee\x80\x80"	/* U+E000, private use */
#define MARKLEN	3

struct emit {
	yaml_emitter_t	e;
	struct buf	out;
	bool		failed;
	char		**texts;
	size_t		ntexts;
};

static int
emit_write(void *arg, unsigned char *data, size_t size)
{
	buf_add(arg, data, size);
	return 1;
}

static void
emit_event(struct emit *em, yaml_event_t *ev)
{
	if (!em->failed && !yaml_emitter_emit(&em->e, ev))
		em->failed = true;
}

/* Text from the store should be UTF-8; a stray byte becomes '?' rather
 * than a file that cannot be written. */
static char *
clean_utf8(const char *s)
{
	size_t	 n = strlen(s);
	char	*c = xstrdup(s);

	if (utf8_valid(c, n))
		return c;
	for (size_t i = 0; i < n; i++) {
		size_t len = 1;

		if ((unsigned char)c[i] >= 0x80) {
			unsigned char b = (unsigned char)c[i];

			len = b >= 0xf0 ? 4 : b >= 0xe0 ? 3 : b >= 0xc0 ? 2 : 1;
			if (len == 1 || i + len > n || !utf8_valid(c + i, len)) {
				c[i] = '?';
				continue;
			}
		}
		i += len - 1;
	}
	return c;
}

static void
emit_scalar_style(struct emit *em, const char *s, yaml_scalar_style_t style)
{
	yaml_event_t	 ev;
	char		*c = clean_utf8(s);

	if (!yaml_scalar_event_initialize(&ev, NULL, NULL, (yaml_char_t *)c,
	    (int)strlen(c), 1, 1, style))
		em->failed = true;
	else
		emit_event(em, &ev);
	free(c);
}

static void
emit_scalar(struct emit *em, const char *s)
{
	emit_scalar_style(em, s, YAML_ANY_SCALAR_STYLE);
}

/* The code point of the valid UTF-8 sequence at S and its length. */
static uint32_t
utf8_at(const unsigned char *s, size_t *len)
{
	uint32_t cp;

	if (*s < 0x80) {
		*len = 1;
		return *s;
	}
	*len = *s >= 0xf0 ? 4 : *s >= 0xe0 ? 3 : 2;
	cp = *s & (0x7f >> *len);
	for (size_t i = 1; i < *len; i++)
		cp = (cp << 6) | (s[i] & 0x3f);
	return cp;
}

/* A character a block scalar cannot hold as itself: a control other than
 * the tab, a line break YAML would read as another (CR, NEL, LS, PS), a
 * byte order mark, or a non-character. */
static bool
unsafe_cp(uint32_t cp)
{
	return (cp < 0x20 && cp != '\t') || (cp >= 0x7f && cp <= 0x9f) ||
	    cp == 0x2028 || cp == 0x2029 || cp == 0xfeff || cp == 0xfffe ||
	    cp == 0xffff;
}

static bool
unsafe_span(const char *s, size_t n)
{
	const unsigned char	*p = (const unsigned char *)s;
	size_t			 len;

	for (size_t i = 0; i < n; i += len) {
		if (unsafe_cp(utf8_at(p + i, &len)))
			return true;
	}
	return false;
}

/* S as one double-quoted line: raw UTF-8, escapes only for the quote, the
 * backslash and the characters of unsafe_cp. */
static void
add_quoted(struct buf *b, const char *s, size_t n)
{
	static const char	 short_esc[][2] = {
		{ '\0', '0' }, { '\a', 'a' }, { '\b', 'b' }, { '\t', 't' },
		{ '\n', 'n' }, { '\v', 'v' }, { '\f', 'f' }, { '\r', 'r' },
		{ '\x1b', 'e' }, { '"', '"' }, { '\\', '\\' },
	};
	const unsigned char	*p = (const unsigned char *)s;
	size_t			 len;

	buf_addc(b, '"');
	for (size_t i = 0; i < n; i += len) {
		uint32_t	cp = utf8_at(p + i, &len);
		size_t		k;

		for (k = 0; k < nitems(short_esc); k++) {
			if (cp == (unsigned char)short_esc[k][0])
				break;
		}
		if (k < nitems(short_esc)) {
			buf_addc(b, '\\');
			buf_addc(b, short_esc[k][1]);
		} else if (cp == 0x85)
			buf_adds(b, "\\N");
		else if (cp == 0x2028)
			buf_adds(b, "\\L");
		else if (cp == 0x2029)
			buf_adds(b, "\\P");
		else if (cp <= 0xff && unsafe_cp(cp))
			buf_printf(b, "\\x%02X", (unsigned)cp);
		else if (unsafe_cp(cp))
			buf_printf(b, "\\u%04X", (unsigned)cp);
		else
			buf_add(b, s + i, len);
	}
	buf_adds(b, "\"\n");
}

/* S as a literal block whose lines start at column INDENT (its parent's
 * indentation and two), as libyaml writes one: an indentation indicator
 * when the text starts with a blank or a break, "-" without a final line
 * break, "+" with more than one. Empty lines carry no spaces. */
static void
add_block(struct buf *b, const char *s, size_t n, size_t indent)
{
	const char *end = s + n;

	buf_addc(b, '|');
	if (n > 0 && (s[0] == ' ' || s[0] == '\t' || s[0] == '\n'))
		buf_addc(b, '2');
	if (n == 0 || s[n - 1] != '\n')
		buf_addc(b, '-');
	else if (n == 1 || s[n - 2] == '\n')
		buf_addc(b, '+');
	buf_addc(b, '\n');
	while (s < end) {
		const char *nl = memchr(s, '\n', (size_t)(end - s));
		size_t len = (size_t)((nl != NULL ? nl : end) - s);

		if (len > 0) {
			for (size_t i = 0; i < indent; i++)
				buf_addc(b, ' ');
			buf_add(b, s, len);
		}
		buf_addc(b, '\n');
		s += len + (nl != NULL);
	}
}

/* The pieces of a text: runs of lines a block can hold, and each line it
 * cannot, alone and double-quoted, so that a diff still shows one changed
 * line for a changed line. */
struct piece {
	size_t	off, len;
	bool	quoted;
};

static size_t
text_pieces(const char *s, struct piece **out)
{
	size_t		 n = strlen(s), at = 0, count = 0, cap = 0;
	struct piece	*pc = NULL;

	while (at < n) {
		const char	*nl = memchr(s + at, '\n', n - at);
		size_t		 next = nl != NULL ? (size_t)(nl - s) + 1 : n;
		bool		 bad = unsafe_span(s + at, (size_t)((nl != NULL ?
				    nl : s + n) - (s + at)));

		if (!bad && count > 0 && !pc[count - 1].quoted)
			pc[count - 1].len += next - at;
		else {
			if (count == cap) {
				cap = cap == 0 ? 4 : cap * 2;
				pc = xreallocarray(pc, cap, sizeof *pc);
			}
			pc[count++] = (struct piece){ at, next - at, bad };
		}
		at = next;
	}
	*out = pc;
	return count;
}

static void
add_piece(struct buf *b, const char *s, const struct piece *pc,
    size_t indent)
{
	if (pc->quoted)
		add_quoted(b, s + pc->off, pc->len);
	else
		add_block(b, s + pc->off, pc->len, indent);
}

/* Text S at a placeholder: LINE is the start of its line, AT the
 * placeholder. After "- " it is an item of a list, else the value of a key;
 * the node's parent is indented to the key or the last dash. One piece is
 * the value itself, several are a list of them. */
static void
add_text(struct buf *b, const char *line, const char *at, const char *s,
    bool block)
{
	struct piece	*pc;
	size_t		 n, col = 0, indent;
	bool		 item;

	while (line[col] == ' ')
		col++;
	while (line[col] == '-' && line[col + 1] == ' ')
		col += 2;
	item = line + col == at;
	indent = item ? col : col + 2;
	if (!block && strchr(s, '\n') == NULL) {
		buf_add(b, line, (size_t)(at - line));
		add_quoted(b, s, strlen(s));
		return;
	}
	if ((n = text_pieces(s, &pc)) <= 1) {
		struct piece all = { 0, strlen(s), n == 1 && pc[0].quoted };

		buf_add(b, line, (size_t)(at - line));
		add_piece(b, s, &all, indent);
		free(pc);
		return;
	}
	if (item)
		buf_add(b, line, (size_t)(at - line));
	else {
		buf_add(b, line, (size_t)(at - line) - 1);	/* "key:" */
		buf_addc(b, '\n');
	}
	for (size_t i = 0; i < n; i++) {
		/* Items at the column of the placeholder, or of the key. */
		if (i > 0 || !item)
			for (size_t k = 0; k < col; k++)
				buf_addc(b, ' ');
		buf_adds(b, "- ");
		add_piece(b, s, &pc[i], col + 2);
	}
	free(pc);
}

/* Text as a literal block (always, or only when multi-line), so a diff
 * shows changed lines, with raw UTF-8 whatever it holds. A one-line text
 * the emitter writes as itself stays with it. */
static void
emit_block(struct emit *em, const char *s, bool always)
{
	char		*c = clean_utf8(s), *mark;
	bool		 own = always || strchr(c, '\n') != NULL ||
			    strstr(c, MARK) != NULL;

	for (const unsigned char *p = (unsigned char *)c; !own && *p != '\0';
	    p++)
		own = *p >= 0xf0;	/* outside the BMP: escaped */
	if (!own) {
		emit_scalar(em, c);
		free(c);
		return;
	}
	em->texts = xreallocarray(em->texts, em->ntexts + 1,
	    sizeof *em->texts);
	em->texts[em->ntexts] = c;
	/* The flag rides in the placeholder: 'b' a block even on one line. */
	mark = xasprintf("%s%zu%c", MARK, em->ntexts++, always ? 'b' : 't');
	emit_scalar_style(em, mark, YAML_PLAIN_SCALAR_STYLE);
	free(mark);
}

static void
emit_text(struct emit *em, const char *s)
{
	emit_block(em, s, false);
}

/* Replace the placeholders of the texts in the emitter's output. Only the
 * values handed over are placeholders; one that is not at the end of a
 * line after ": " or "- " is left alone. */
static void
emit_fill(struct emit *em)
{
	struct buf	 out = { 0 };
	const char	*s = em->out.s, *end = s + em->out.len, *line = s, *p;

	if (em->ntexts == 0)
		return;
	for (p = s; p < end; ) {
		const char	*m = memmem(p, (size_t)(end - p), MARK, MARKLEN);
		char		*digits_end;
		unsigned long	 idx;

		if (m == NULL)
			break;
		for (line = m; line > s && line[-1] != '\n'; line--)
			;
		idx = strtoul(m + MARKLEN, &digits_end, 10);
		if (digits_end == m + MARKLEN || idx >= em->ntexts ||
		    (*digits_end != 'b' && *digits_end != 't') ||
		    digits_end + 1 >= end || digits_end[1] != '\n' ||
		    m - line < 2 || m[-1] != ' ' ||
		    (m[-2] != ':' && m[-2] != '-')) {
			buf_add(&out, p, (size_t)(m + MARKLEN - p));
			p = m + MARKLEN;
			continue;
		}
		buf_add(&out, p, (size_t)(line - p));
		add_text(&out, line, m, em->texts[idx], *digits_end == 'b');
		p = digits_end + 2;
	}
	buf_add(&out, p, (size_t)(end - p));
	buf_free(&em->out);
	em->out = out;
}

static void
emit_pair(struct emit *em, const char *key, const char *value)
{
	emit_scalar(em, key);
	emit_scalar(em, value);
}

static void
emit_mapping(struct emit *em, bool start)
{
	yaml_event_t ev;

	if (start)
		yaml_mapping_start_event_initialize(&ev, NULL, NULL, 1,
		    YAML_BLOCK_MAPPING_STYLE);
	else
		yaml_mapping_end_event_initialize(&ev);
	emit_event(em, &ev);
}

static void
emit_sequence(struct emit *em, bool start)
{
	yaml_event_t ev;

	if (start)
		yaml_sequence_start_event_initialize(&ev, NULL, NULL, 1,
		    YAML_BLOCK_SEQUENCE_STYLE);
	else
		yaml_sequence_end_event_initialize(&ev);
	emit_event(em, &ev);
}

static void
emit_begin(struct emit *em)
{
	yaml_event_t ev;

	*em = (struct emit){ 0 };
	if (!yaml_emitter_initialize(&em->e))
		abort();	/* out of memory, as in xmalloc */
	yaml_emitter_set_output(&em->e, emit_write, &em->out);
	yaml_emitter_set_unicode(&em->e, 1);
	yaml_emitter_set_width(&em->e, -1);	/* never fold long lines */
	yaml_emitter_set_break(&em->e, YAML_LN_BREAK);
	yaml_stream_start_event_initialize(&ev, YAML_UTF8_ENCODING);
	emit_event(em, &ev);
	yaml_document_start_event_initialize(&ev, NULL, NULL, NULL, 1);
	emit_event(em, &ev);
	emit_mapping(em, true);
}

static char *
emit_end(struct emit *em, size_t *size)
{
	yaml_event_t ev;

	emit_mapping(em, false);
	yaml_document_end_event_initialize(&ev, 1);
	emit_event(em, &ev);
	yaml_stream_end_event_initialize(&ev);
	emit_event(em, &ev);
	if (!em->failed && !yaml_emitter_flush(&em->e))
		em->failed = true;
	yaml_emitter_delete(&em->e);
	emit_fill(em);
	for (size_t i = 0; i < em->ntexts; i++)
		free(em->texts[i]);
	free(em->texts);
	/* The emitter only fails on text it cannot hold, and clean_utf8 made
	 * every text valid; what was written is kept either way. */
	if (em->out.s == NULL)
		buf_adds(&em->out, "");
	*size = em->out.len;
	return buf_take(&em->out);
}

char *
snapshot_answer_path(const struct lens *l, const struct question *q)
{
	/* The loader refuses such ids; a path must never leave answers/. */
	if (lens_id_unsafe(l->id, strlen(l->id)) != NULL ||
	    lens_id_unsafe(q->pillar->id, strlen(q->pillar->id)) != NULL ||
	    lens_id_unsafe(q->id, strlen(q->id)) != NULL)
		return NULL;
	return xasprintf("answers/%s/%s/%s.yaml", l->id, q->pillar->id, q->id);
}

char *
snapshot_answer_text(const struct lens *l, const struct question *q,
    const struct answer *a, const struct roadmap_item *it, size_t *size)
{
	struct emit	 em;
	bool		 any;

	(void)l;
	emit_begin(&em);
	emit_pair(&em, "question", q->id);
	/* For readers of a plain git diff; derived, ignored when read. */
	if (q->number != NULL)
		emit_pair(&em, "number", q->number);
	if (q->title.base != NULL)
		emit_pair(&em, "title", q->title.base);
	emit_pair(&em, "risk", risk_name(question_risk(q, a)));

	/* Choices in lens order, whatever order they were chosen in. */
	any = false;
	for (size_t i = 0; i < q->nchoices; i++) {
		const char *id = question_choices(q)[i].id;

		if (!answer_selected(a, id))
			continue;
		if (!any) {
			emit_scalar(&em, "selected");
			emit_sequence(&em, true);
			any = true;
		}
		emit_scalar(&em, id);
	}
	if (any)
		emit_sequence(&em, false);
	if (a->not_applicable)
		emit_pair(&em, "not-applicable", a->reason != NULL ? a->reason :
		    "");
	any = false;
	for (size_t i = 0; i < q->nchoices; i++) {
		const struct choice_na *na = answer_choice_na(a,
		    question_choices(q)[i].id);

		if (na == NULL)
			continue;
		if (!any) {
			emit_scalar(&em, "choices-not-applicable");
			emit_mapping(&em, true);
			any = true;
		}
		emit_pair(&em, na->choice, na->reason);
	}
	if (any)
		emit_mapping(&em, false);
	if (a->note != NULL && *a->note != '\0') {
		emit_scalar(&em, "note");
		emit_block(&em, a->note, true);
	}
	if (a->nevidence > 0) {
		emit_scalar(&em, "evidence");
		emit_sequence(&em, true);
		for (size_t i = 0; i < a->nevidence; i++)
			emit_text(&em, a->evidence[i]);
		emit_sequence(&em, false);
	}
	if (a->verification != VERIFY_UNSET)
		emit_pair(&em, "verification",
		    verification_name(a->verification));
	if (a->from_template)
		emit_pair(&em, "from-template", "true");
	if (it != NULL) {
		const char *fields[][2] = {
			{ "owner", it->owner },
			{ "ticket", it->ticket },
			{ "effort", it->effort != EFFORT_UNSET ?
			    effort_name(it->effort) : NULL },
			{ "status", status_name(it->status) },
			{ "reason", it->reason },
			{ "target", it->target },
		};

		emit_scalar(&em, "roadmap");
		emit_mapping(&em, true);
		for (size_t i = 0; i < nitems(fields); i++) {
			if (fields[i][1] == NULL || *fields[i][1] == '\0')
				continue;
			emit_scalar(&em, fields[i][0]);
			emit_text(&em, fields[i][1]);
		}
		emit_mapping(&em, false);
	}
	return emit_end(&em, size);
}

static int
cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* name, environment and lenses first, then the rest by name. */
char *
snapshot_workload_text(const struct kv *kv, size_t *size)
{
	static const char *const first[] = { "name", "environment", "lenses" };
	struct emit	 em;
	const char	*v;
	const char	**rest;
	size_t		 nrest = 0;

	emit_begin(&em);
	for (size_t i = 0; i < nitems(first); i++) {
		if ((v = kv_get(kv, first[i])) == NULL)
			continue;
		emit_scalar(&em, first[i]);
		if (strcmp(first[i], "lenses") == 0) {
			char *list = xstrdup(v), *save = NULL;

			emit_sequence(&em, true);
			for (char *id = strtok_r(list, " ", &save); id != NULL;
			    id = strtok_r(NULL, " ", &save))
				emit_scalar(&em, id);
			emit_sequence(&em, false);
			free(list);
		} else
			emit_text(&em, v);
	}
	rest = xcalloc(kv->n + 1, sizeof *rest);
	for (size_t i = 0; i < kv->n; i++) {
		size_t j;

		for (j = 0; j < nitems(first); j++) {
			if (strcmp(kv->keys[i], first[j]) == 0)
				break;
		}
		if (j == nitems(first))
			rest[nrest++] = kv->keys[i];
	}
	qsort(rest, nrest, sizeof *rest, cmp_str);
	for (size_t i = 0; i < nrest; i++) {
		emit_scalar(&em, rest[i]);
		emit_text(&em, kv_get(kv, rest[i]));
	}
	free(rest);
	return emit_end(&em, size);
}

/* Writing. */

/* Inside the workspace nothing is reached through a symbolic link, as a
 * clone may carry one pointing anywhere; the workspace directory itself may
 * be one (the user's choice). Directories are opened one component at a
 * time from it with O_NOFOLLOW, so a link swapped in meanwhile is not
 * followed either. */

/* DIR joined with the first LEN bytes of REL, for messages. */
static char *
below_path(const char *dir, const char *rel, size_t len)
{
	char	*pre = xstrndup(rel, len), *path = path_join(dir, pre);

	free(pre);
	return path;
}

/* NAME in the directory open as FD could not be opened: say so, naming a
 * symbolic link as one. */
static int
open_fail(int fd, const char *name, int e, const char *path, char **cause)
{
	struct stat sb;

	if (fstatat(fd, name, &sb, AT_SYMLINK_NOFOLLOW) == 0 &&
	    S_ISLNK(sb.st_mode))
		return fail(cause, _("%s: a symbolic link, not followed"), path);
	return fail(cause, "%s: %s", path, strerror(e));
}

/* Open the directory that the first LEN bytes of REL name below DIR;
 * MAKE makes the missing ones. Returns a descriptor, -1 (*cause set) or,
 * without MAKE, -2 when one does not exist. */
static int
open_below(const char *dir, const char *rel, size_t len, bool make,
    char **cause)
{
	const int	 flags = O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC;
	char		*copy = xstrndup(rel, len), *save = NULL, *path;
	int		 fd, next, e;

	if ((fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC)) == -1) {
		e = errno;
		free(copy);
		if (e == ENOENT && !make)
			return -2;
		return fail(cause, "%s: %s", dir, strerror(e));
	}
	for (char *s = strtok_r(copy, "/", &save); s != NULL;
	    s = strtok_r(NULL, "/", &save)) {
		path = below_path(dir, rel, (size_t)(s - copy) + strlen(s));
		if (strcmp(s, ".") == 0 || strcmp(s, "..") == 0) {
			fail(cause, _("%s: not below the workspace"), path);
			goto fail;
		}
		next = openat(fd, s, flags);
		if (next == -1 && errno == ENOENT && make) {
			if (mkdirat(fd, s, 0777) == -1 && errno != EEXIST) {
				fail(cause, "%s: %s", path, strerror(errno));
				goto fail;
			}
			next = openat(fd, s, flags);
		}
		if (next == -1) {
			e = errno;
			if (e == ENOENT && !make) {
				free(path);
				close(fd);
				free(copy);
				return -2;
			}
			open_fail(fd, s, e, path, cause);
			goto fail;
		}
		free(path);
		close(fd);
		fd = next;
	}
	free(copy);
	return fd;
fail:
	free(path);
	close(fd);
	free(copy);
	return -1;
}

/* Replace a file only when its bytes change: git status stays quiet and a
 * toggle costs one small write. */
/* Remove NAME in the directory open as DFD, and all it holds: a link is
 * removed, never followed. */
static int
remove_at(int dfd, const char *name)
{
	struct stat	 sb;
	struct dirent	*e;
	DIR		*d;
	int		 fd, ret = 0;

	if (fstatat(dfd, name, &sb, AT_SYMLINK_NOFOLLOW) != 0)
		return errno == ENOENT ? 0 : -1;
	if (!S_ISDIR(sb.st_mode))
		return unlinkat(dfd, name, 0);
	if ((fd = openat(dfd, name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW |
	    O_CLOEXEC)) == -1)
		return -1;
	if ((d = fdopendir(fd)) == NULL) {
		close(fd);
		return -1;
	}
	while ((e = readdir(d)) != NULL) {
		if (strcmp(e->d_name, ".") != 0 && strcmp(e->d_name, "..") != 0 &&
		    remove_at(dirfd(d), e->d_name) != 0)
			ret = -1;
	}
	closedir(d);
	if (ret == 0)
		ret = unlinkat(dfd, name, AT_REMOVEDIR);
	return ret;
}

int
snapshot_remove(const char *dir, const char *rel, char **cause)
{
	const char	*slash = strrchr(rel, '/');
	char		*path;
	int		 dfd, ret = 0;

	dfd = open_below(dir, rel, slash != NULL ? (size_t)(slash - rel) : 0,
	    false, cause);
	if (dfd < 0)
		return dfd == -2 ? 0 : -1;
	if (remove_at(dfd, slash != NULL ? slash + 1 : rel) != 0) {
		path = path_join(dir, rel);
		ret = fail(cause, "%s: %s", path, strerror(errno));
		free(path);
	}
	close(dfd);
	return ret;
}

/* NAME (PATH in messages) in the directory open as DFD gets the bytes,
 * unless it holds them already. */
static int
write_at(int dfd, const char *name, const char *path, const char *data,
    size_t size, char **cause)
{
	struct stat	 sb;
	char		*old = NULL;
	size_t		 oldsize;
	bool		 same;
	int		 fd;

	if ((fd = openat(dfd, name, O_RDONLY | O_NOFOLLOW | O_CLOEXEC)) != -1) {
		int r = read_fd(fd, path, &old, &oldsize, NULL);

		close(fd);
		same = r == 0 && oldsize == size && memcmp(old, data, size) == 0;
		free(old);
		if (same)
			return 0;
	} else if (errno != ENOENT && fstatat(dfd, name, &sb,
	    AT_SYMLINK_NOFOLLOW) == 0 && S_ISLNK(sb.st_mode))
		return fail(cause, _("%s: a symbolic link, not followed"), path);
	/* The rename replaces whatever is at NAME by then, never follows. */
	return write_file_replace_at(dfd, name, path, data, size, cause);
}

/* NAME (PATH in messages), a file no one else can see yet, is made with the
 * bytes in place: no temporary, no rename. One already there is replaced as
 * write_at replaces it. */
static int
write_new_at(int dfd, const char *name, const char *path, const char *data,
    size_t size, char **cause)
{
	int	fd, e;

	fd = openat(dfd, name, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW |
	    O_CLOEXEC, 0666);
	if (fd == -1 && errno == EEXIST)
		return write_at(dfd, name, path, data, size, cause);
	if (fd == -1)
		return fail(cause, "%s: %s", path, strerror(errno));
	if (write_full(fd, data, size) != 0)
		goto fail;
	if (close(fd) == -1) {
		fd = -1;
		goto fail;
	}
	return 0;
fail:
	e = errno;
	if (fd != -1)
		close(fd);
	unlinkat(dfd, name, 0);
	return fail(cause, "%s: %s", path, strerror(e));
}

int
snapshot_write_file(const char *dir, const char *rel, const char *data,
    size_t size, char **cause)
{
	const char	*slash = strrchr(rel, '/');
	char		*path = path_join(dir, rel);
	int		 dfd, ret = -1;

	dfd = open_below(dir, rel, slash != NULL ? (size_t)(slash - rel) : 0,
	    true, cause);
	if (dfd >= 0) {
		ret = write_at(dfd, slash != NULL ? slash + 1 : rel, path, data,
		    size, cause);
		close(dfd);
	}
	free(path);
	return ret;
}

/* The directory of the answer files being written, kept open while the
 * questions of one pillar are written. */
struct answer_dir {
	char	*rel;		/* answers/LENS/PILLAR */
	int	 fd;
};

/* What write_all is asked to leave as it is. */
struct current {
	bool	(*fn)(void *, const char *);
	void	 *arg;
};

static int
write_answer(const char *dir, const struct state *st, size_t lens,
    const struct question *q, struct answer_dir *ad, bool fresh,
    const struct current *cur, char **cause)
{
	const struct lens	*l = st->lenses[lens];
	char			*rel, *text, *slash, *path;
	size_t			 size;
	int			 ret = -1;

	if ((rel = snapshot_answer_path(l, q)) == NULL)
		return fail(cause, _("%s/%s/%s: not a name for an answer file"),
		    l->id, q->pillar->id, q->id);
	if (cur != NULL && cur->fn != NULL && cur->fn(cur->arg, rel)) {
		free(rel);
		return 0;
	}
	slash = strrchr(rel, '/');
	if (ad->rel == NULL || strlen(ad->rel) != (size_t)(slash - rel) ||
	    strncmp(ad->rel, rel, (size_t)(slash - rel)) != 0) {
		if (ad->fd >= 0)
			close(ad->fd);
		free(ad->rel);
		ad->rel = xstrndup(rel, (size_t)(slash - rel));
		if ((ad->fd = open_below(dir, rel, (size_t)(slash - rel), true,
		    cause)) < 0) {
			free(ad->rel);
			ad->rel = NULL;
			free(rel);
			return -1;
		}
	}
	text = snapshot_answer_text(l, q, &st->answers[lens][q->index],
	    st->roadmap[lens][q->index], &size);
	path = path_join(dir, rel);
	ret = (fresh ? write_new_at : write_at)(ad->fd, slash + 1, path, text,
	    size, cause);
	free(path);
	free(rel);
	free(text);
	return ret;
}

static void
answer_dir_close(struct answer_dir *ad)
{
	if (ad->fd >= 0)
		close(ad->fd);
	free(ad->rel);
	ad->rel = NULL;
	ad->fd = -1;
}

int
snapshot_write_workload(const char *dir, const struct state *st, char **cause)
{
	char	*text;
	size_t	 size;
	int	 ret;

	text = snapshot_workload_text(&st->workload, &size);
	ret = snapshot_write_file(dir, "workload.yaml", text, size, cause);
	free(text);
	return ret;
}

static int
write_all(const char *dir, const struct state *st, bool fresh,
    const struct current *cur, char **cause)
{
	struct answer_dir	ad = { NULL, -1 };
	int			ret = 0;

	if (snapshot_write_workload(dir, st, cause) != 0)
		return -1;
	for (size_t i = 0; ret == 0 && i < st->nlenses; i++) {
		const struct lens *l = st->lenses[i];

		for (size_t j = 0; ret == 0 && j < l->npillars; j++) {
			const struct pillar *p = &l->pillars[j];

			for (size_t k = 0; ret == 0 && k < p->nquestions; k++)
				ret = write_answer(dir, st, i,
				    &p->questions[k], &ad, fresh, cur, cause);
		}
	}
	answer_dir_close(&ad);
	return ret;
}

int
snapshot_write_all(const char *dir, const struct state *st,
    bool (*current)(void *, const char *), void *arg, char **cause)
{
	struct current cur = { current, arg };

	return write_all(dir, st, false, &cur, cause);
}

int
snapshot_write_new(const char *dir, const struct state *st, char **cause)
{
	return write_all(dir, st, true, NULL, cause);
}

int
snapshot_write_question(const char *dir, const struct state *st,
    const struct qref *ref, char **cause)
{
	struct answer_dir	ad = { NULL, -1 };
	int			ret;

	ret = write_answer(dir, st, ref->lens, ref->q, &ad, false, NULL,
	    cause);
	answer_dir_close(&ad);
	return ret;
}

/* Parsing. */

struct parse {
	const char	*name;
	yaml_document_t	 doc;
	char		**cause;
};

static int
perr(struct parse *p, const yaml_node_t *n, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static int
perr(struct parse *p, const yaml_node_t *n, const char *fmt, ...)
{
	va_list	 ap;
	char	*msg;

	va_start(ap, fmt);
	msg = xvasprintf(fmt, ap);
	va_end(ap);
	fail(p->cause, "%s:%zu:%zu: %s", p->name, n->start_mark.line + 1,
	    n->start_mark.column + 1, msg);
	free(msg);
	return -1;
}

/* Load the one document of the file (a second one would be lost when the
 * file is written again); the root must be a mapping. */
static yaml_node_t *
parse_load(struct parse *p, const void *data, size_t size)
{
	struct yload_error	 err;
	yaml_node_t		*root;

	if (yval_load_doc(data, size, true, &p->doc, &err) != 0) {
		fail(p->cause, "%s:%d:%d: %s", p->name, err.line, err.col,
		    err.msg);
		free(err.msg);
		return NULL;
	}
	root = yaml_document_get_root_node(&p->doc);
	if (root == NULL) {
		fail(p->cause, "%s:1:1: %s", p->name, _("the file is empty"));
		yaml_document_delete(&p->doc);
		return NULL;
	}
	if (root->type != YAML_MAPPING_NODE) {
		perr(p, root, _("expected a mapping of fields"));
		yaml_document_delete(&p->doc);
		return NULL;
	}
	return root;
}

static yaml_node_t *
node(struct parse *p, int i)
{
	return yaml_document_get_node(&p->doc, i);
}

/* A scalar's text, or an error naming what was expected. A NUL would cut
 * the text short without a word. */
static const char *
scalar(struct parse *p, yaml_node_t *n, const char *what)
{
	if (n->type != YAML_SCALAR_NODE) {
		perr(p, n, _("%s: expected text"), what);
		return NULL;
	}
	if (strlen((const char *)n->data.scalar.value) != n->data.scalar.length) {
		perr(p, n, _("%s: holds a NUL character"), what);
		return NULL;
	}
	return (const char *)n->data.scalar.value;
}

/* A text: one scalar, or a list of pieces written one after the other
 * (a line a block cannot hold is a piece of its own). Malloc'd. */
static char *
text(struct parse *p, yaml_node_t *n, const char *what)
{
	struct buf	 b = { 0 };
	const char	*s;

	if (n->type != YAML_SEQUENCE_NODE)
		return (s = scalar(p, n, what)) != NULL ? xstrdup(s) : NULL;
	for (yaml_node_item_t *i = n->data.sequence.items.start;
	    i < n->data.sequence.items.top; i++) {
		if ((s = scalar(p, node(p, *i), what)) == NULL) {
			buf_free(&b);
			return NULL;
		}
		buf_adds(&b, s);
	}
	if (b.s == NULL)
		buf_adds(&b, "");
	return buf_take(&b);
}

/* -1 when the key of pr was given before in mapping m, 0 when it is the
 * first: libyaml keeps both, and the second would merge into or replace
 * the first without a word. Answer files stop at the first unknown key,
 * so the scan is short; in workload.yaml kv_set costs as much. */
static int
twice(struct parse *p, yaml_node_t *m, yaml_node_pair_t *pr)
{
	yaml_node_t *k = node(p, pr->key);

	if (k->type != YAML_SCALAR_NODE)
		return 0;
	for (yaml_node_pair_t *e = m->data.mapping.pairs.start; e < pr; e++) {
		yaml_node_t *ek = node(p, e->key);

		if (ek->type == YAML_SCALAR_NODE &&
		    strcmp((char *)ek->data.scalar.value,
		    (char *)k->data.scalar.value) == 0)
			return perr(p, k, _("\"%s\" is given twice (first at "
			    "line %zu)"), (char *)k->data.scalar.value,
			    ek->start_mark.line + 1);
	}
	return 0;
}

static int
sequence(struct parse *p, yaml_node_t *n, const char *what)
{
	if (n->type != YAML_SEQUENCE_NODE)
		return perr(p, n, _("%s: expected a list"), what);
	return 0;
}

static int
parse_roadmap(struct parse *p, yaml_node_t *m, struct roadmap_item **out)
{
	struct roadmap_item *it;

	if (m->type != YAML_MAPPING_NODE)
		return perr(p, m, _("roadmap: expected a mapping of fields"));
	it = xcalloc(1, sizeof *it);
	for (yaml_node_pair_t *pr = m->data.mapping.pairs.start;
	    pr < m->data.mapping.pairs.top; pr++) {
		yaml_node_t	*k = node(p, pr->key), *v = node(p, pr->value);
		const char	*key;
		char		*val, **field = NULL;

		if ((key = scalar(p, k, "roadmap")) == NULL ||
		    twice(p, m, pr) != 0 || (val = text(p, v, key)) == NULL)
			goto fail;
		if (strcmp(key, "owner") == 0)
			field = &it->owner;
		else if (strcmp(key, "ticket") == 0)
			field = &it->ticket;
		else if (strcmp(key, "reason") == 0)
			field = &it->reason;
		else if (strcmp(key, "target") == 0)
			field = &it->target;
		if (field != NULL) {
			free(*field);
			*field = val;
			continue;
		}
		if (strcmp(key, "effort") == 0) {
			if (effort_parse(val, &it->effort) != 0) {
				perr(p, v, _("unknown effort \"%s\" (small, "
				    "medium or large)"), val);
				free(val);
				goto fail;
			}
		} else if (strcmp(key, "status") == 0) {
			if (status_parse(val, &it->status) != 0) {
				perr(p, v, _("unknown status \"%s\" (open, "
				    "in-progress, done or accepted)"), val);
				free(val);
				goto fail;
			}
		} else {
			perr(p, k, _("unknown roadmap field \"%s\""), key);
			free(val);
			goto fail;
		}
		free(val);
	}
	*out = it;
	return 0;
fail:
	roadmap_item_free(it);
	return -1;
}

static int
parse_field(struct parse *p, const struct question *q, const char *key,
    yaml_node_t *k, yaml_node_t *v, struct answer *a, struct roadmap_item **it)
{
	const char *s, *r = NULL;
	char *t;

	if (strcmp(key, "question") == 0 || strcmp(key, "number") == 0 ||
	    strcmp(key, "title") == 0 || strcmp(key, "risk") == 0)
		return 0;	/* checked before, or derived */
	if (strcmp(key, "selected") == 0) {
		if (sequence(p, v, key) != 0)
			return -1;
		for (yaml_node_item_t *i = v->data.sequence.items.start;
		    i < v->data.sequence.items.top; i++) {
			yaml_node_t *c = node(p, *i);

			if ((s = scalar(p, c, key)) == NULL)
				return -1;
			if (question_choice(q, s) == NULL)
				return perr(p, c, _("question %s has no "
				    "choice \"%s\""), q->id, s);
			answer_select(a, s, true);
		}
		return 0;
	}
	if (strcmp(key, "not-applicable") == 0) {
		if ((s = scalar(p, v, key)) == NULL)
			return -1;
		if (*s != '\0' && (r = na_reason_parse(s)) == NULL)
			return perr(p, v, _("unknown reason \"%s\""), s);
		a->not_applicable = true;
		free(a->reason);
		a->reason = xstrdup(*s != '\0' ? r : "");
		return 0;
	}
	if (strcmp(key, "choices-not-applicable") == 0) {
		if (v->type != YAML_MAPPING_NODE)
			return perr(p, v, _("%s: expected a mapping of choices "
			    "to reasons"), key);
		for (yaml_node_pair_t *pr = v->data.mapping.pairs.start;
		    pr < v->data.mapping.pairs.top; pr++) {
			yaml_node_t *ck = node(p, pr->key), *cv = node(p,
			    pr->value);

			if ((s = scalar(p, ck, key)) == NULL)
				return -1;
			if (question_choice(q, s) == NULL)
				return perr(p, ck, _("question %s has no "
				    "choice \"%s\""), q->id, s);
			if (answer_choice_na(a, s) != NULL) {
				twice(p, v, pr);
				return -1;
			}
			if ((r = scalar(p, cv, s)) == NULL)
				return -1;
			if (na_reason_parse(r) == NULL)
				return perr(p, cv, _("unknown reason \"%s\""),
				    r);
			answer_set_choice_na(a, s, na_reason_parse(r));
		}
		return 0;
	}
	if (strcmp(key, "note") == 0) {
		if ((t = text(p, v, key)) == NULL)
			return -1;
		answer_set_note(a, t);
		free(t);
		return 0;
	}
	if (strcmp(key, "evidence") == 0) {
		if (sequence(p, v, key) != 0)
			return -1;
		for (yaml_node_item_t *i = v->data.sequence.items.start;
		    i < v->data.sequence.items.top; i++) {
			if ((t = text(p, node(p, *i), key)) == NULL)
				return -1;
			answer_add_evidence(a, t);
			free(t);
		}
		return 0;
	}
	if (strcmp(key, "verification") == 0) {
		if ((s = scalar(p, v, key)) == NULL)
			return -1;
		if (verification_parse(s, &a->verification) != 0)
			return perr(p, v, _("unknown verification \"%s\" "
			    "(self-reported or verified)"), s);
		return 0;
	}
	if (strcmp(key, "from-template") == 0) {
		if ((s = scalar(p, v, key)) == NULL)
			return -1;
		if (strcmp(s, "true") != 0 && strcmp(s, "false") != 0)
			return perr(p, v, _("%s: expected true or false"), key);
		a->from_template = strcmp(s, "true") == 0;
		return 0;
	}
	if (strcmp(key, "roadmap") == 0) {
		roadmap_item_free(*it);
		*it = NULL;
		return parse_roadmap(p, v, it);
	}
	return perr(p, k, _("unknown field \"%s\""), key);
}

int
snapshot_parse_answer(const char *name, const void *data, size_t size,
    const struct lens *l, const char *pillar, const char *qid,
    const struct question **qp, struct answer *a, struct roadmap_item **it,
    char **cause)
{
	struct parse		 p = { .name = name, .cause = cause };
	yaml_node_t		*root, *qnode = NULL;
	const struct question	*q;
	const char		*id;

	answer_init(a);
	*it = NULL;
	if ((root = parse_load(&p, data, size)) == NULL)
		return -1;
	for (yaml_node_pair_t *pr = root->data.mapping.pairs.start;
	    pr < root->data.mapping.pairs.top; pr++) {
		yaml_node_t *k = node(&p, pr->key);

		if (k->type != YAML_SCALAR_NODE ||
		    strcmp((char *)k->data.scalar.value, "question") != 0)
			continue;
		if (qnode != NULL) {
			twice(&p, root, pr);
			goto fail;
		}
		qnode = node(&p, pr->value);
	}
	if (qnode == NULL) {
		perr(&p, root, _("no \"question\" field"));
		goto fail;
	}
	if ((id = scalar(&p, qnode, "question")) == NULL)
		goto fail;
	if (qid != NULL && strcmp(id, qid) != 0) {
		perr(&p, qnode, _("the file is for question \"%s\", not \"%s\""),
		    qid, id);
		goto fail;
	}
	if ((q = lens_question(l, id)) == NULL) {
		perr(&p, qnode, _("lens %s has no question \"%s\""), l->id, id);
		goto fail;
	}
	if (pillar != NULL && strcmp(q->pillar->id, pillar) != 0) {
		perr(&p, qnode, _("question \"%s\" belongs to pillar %s, not "
		    "%s"), id, q->pillar->id, pillar);
		goto fail;
	}
	for (yaml_node_pair_t *pr = root->data.mapping.pairs.start;
	    pr < root->data.mapping.pairs.top; pr++) {
		yaml_node_t	*k = node(&p, pr->key), *v = node(&p, pr->value);
		const char	*key;

		if ((key = scalar(&p, k, _("field name"))) == NULL ||
		    twice(&p, root, pr) != 0 ||
		    parse_field(&p, q, key, k, v, a, it) != 0)
			goto fail;
	}
	yaml_document_delete(&p.doc);
	*qp = q;
	return 0;
fail:
	yaml_document_delete(&p.doc);
	answer_free(a);
	roadmap_item_free(*it);
	*it = NULL;
	return -1;
}

struct lensref {
	const char	*id;
	size_t		 i;
};

static int
cmp_lensref(const void *a, const void *b)
{
	const struct lensref	*x = a, *y = b;
	int			 c = strcmp(x->id, y->id);

	if (c != 0)
		return c;
	return x->i < y->i ? -1 : x->i > y->i;
}

/* Item i of the lenses: a list, or one id alone. */
static yaml_node_t *
lens_item(struct parse *p, yaml_node_t *v, size_t i)
{
	if (v->type != YAML_SEQUENCE_NODE)
		return v;
	return node(p, v->data.sequence.items.start[i]);
}

/* The lenses of workload.yaml, kept as a space-separated list. It is
 * written as a list; a lone id is read as a list of one, so that it
 * reads back the same once written. Each id names lenses/ID.yaml and
 * answers/ID/, and a lens listed twice would be loaded twice. */
static int
parse_lenses(struct parse *p, yaml_node_t *v, struct kv *out)
{
	struct buf	 ids = { 0 };
	struct lensref	*refs;
	yaml_node_t	*in;
	const char	*s, *why;
	size_t		 n = 1, run = 0, dup = SIZE_MAX, first = 0;
	int		 ret = -1;

	if (v->type == YAML_SEQUENCE_NODE)
		n = (size_t)(v->data.sequence.items.top -
		    v->data.sequence.items.start);
	else if (v->type == YAML_SCALAR_NODE && v->data.scalar.length == 0)
		n = 0;	/* "lenses:" alone: none */
	refs = xcalloc(n + 1, sizeof *refs);
	for (size_t i = 0; i < n; i++) {
		in = lens_item(p, v, i);
		if ((s = scalar(p, in, "lenses")) == NULL)
			goto out;
		if ((why = lens_id_unsafe(s, strlen(s))) != NULL) {
			perr(p, in, _("bad lens id \"%s\": it %s"), s, why);
			goto out;
		}
		refs[i] = (struct lensref){ s, i };
		if (i > 0)
			buf_addc(&ids, ' ');
		buf_adds(&ids, s);
	}
	/* Sorted, so that a long list is not compared pair by pair. */
	qsort(refs, n, sizeof *refs, cmp_lensref);
	for (size_t i = 1; i < n; i++) {
		if (strcmp(refs[i].id, refs[i - 1].id) != 0)
			run = i;
		else if (refs[i].i < dup) {
			dup = refs[i].i;
			first = refs[run].i;
		}
	}
	if (dup != SIZE_MAX) {
		in = lens_item(p, v, dup);
		perr(p, in, _("lens \"%s\" is listed twice (first at line %zu)"),
		    (char *)in->data.scalar.value,
		    lens_item(p, v, first)->start_mark.line + 1);
		goto out;
	}
	kv_set(out, "lenses", ids.s != NULL ? ids.s : "");
	ret = 0;
out:
	free(refs);
	buf_free(&ids);
	return ret;
}

int
snapshot_parse_workload(const char *name, const void *data, size_t size,
    struct kv *kv, char **cause)
{
	struct parse	 p = { .name = name, .cause = cause };
	yaml_node_t	*root;
	struct kv	 out = { 0 };

	if ((root = parse_load(&p, data, size)) == NULL)
		return -1;
	for (yaml_node_pair_t *pr = root->data.mapping.pairs.start;
	    pr < root->data.mapping.pairs.top; pr++) {
		yaml_node_t	*k = node(&p, pr->key), *v = node(&p, pr->value);
		const char	*key;
		char		*s;

		if ((key = scalar(&p, k, _("field name"))) == NULL ||
		    twice(&p, root, pr) != 0)
			goto fail;
		if (strcmp(key, "lenses") == 0) {
			if (parse_lenses(&p, v, &out) != 0)
				goto fail;
			continue;
		}
		if ((s = text(&p, v, key)) == NULL)
			goto fail;
		kv_set(&out, key, s);
		free(s);
	}
	if (kv_get(&out, "lenses") == NULL || *kv_get(&out, "lenses") == '\0') {
		perr(&p, root, _("no \"lenses\" field"));
		goto fail;
	}
	yaml_document_delete(&p.doc);
	kv_free(kv);
	*kv = out;
	return 0;
fail:
	yaml_document_delete(&p.doc);
	kv_free(&out);
	return -1;
}

/* Reading from a directory: as for writing, no symbolic link is followed
 * below it. */

static void	free_names(char **, size_t);

static int
dir_read(void *arg, const char *rel, char **data, size_t *size, char **cause)
{
	const char	*slash = strrchr(rel, '/');
	const char	*name = slash != NULL ? slash + 1 : rel;
	char		*path = path_join(arg, rel);
	int		 dfd, fd, ret;

	dfd = open_below(arg, rel, slash != NULL ? (size_t)(slash - rel) : 0,
	    false, cause);
	if (dfd < 0) {
		free(path);
		return dfd == -2 ? 1 : -1;
	}
	if ((fd = openat(dfd, name, O_RDONLY | O_NOFOLLOW | O_CLOEXEC)) == -1) {
		int e = errno;

		ret = e == ENOENT ? 1 : open_fail(dfd, name, e, path, cause);
		close(dfd);
		free(path);
		return ret;
	}
	close(dfd);
	ret = read_fd(fd, path, data, size, cause);
	close(fd);
	free(path);
	return ret;
}

static int
dir_list(void *arg, const char *rel, char ***names, size_t *n, char **cause)
{
	DIR		*d;
	struct dirent	*e;
	struct stat	 sb;
	size_t		 cap = 0;
	int		 fd;

	*names = NULL;
	*n = 0;
	if ((fd = open_below(arg, rel, strlen(rel), false, cause)) < 0)
		return fd == -2 ? 1 : -1;
	if ((d = fdopendir(fd)) == NULL) {
		int err = errno;

		close(fd);
		return fail(cause, "%s/%s: %s", (char *)arg, rel,
		    strerror(err));
	}
	for (;;) {
		errno = 0;
		if ((e = readdir(d)) == NULL)
			break;
		if (e->d_name[0] == '.')
			continue;
		/* A link is an error to show, not a name to pass on. */
		if (e->d_type == DT_LNK || (e->d_type == DT_UNKNOWN &&
		    fstatat(dirfd(d), e->d_name, &sb, AT_SYMLINK_NOFOLLOW) == 0 &&
		    S_ISLNK(sb.st_mode))) {
			char *path = xasprintf("%s/%s/%s", (char *)arg, rel,
			    e->d_name);

			fail(cause, _("%s: a symbolic link, not followed"), path);
			free(path);
			closedir(d);
			free_names(*names, *n);
			*names = NULL;
			*n = 0;
			return -1;
		}
		*ARRAY_PUSH(*names, *n, cap) = xstrdup(e->d_name);
	}
	if (errno != 0) {
		int err = errno;

		closedir(d);
		free_names(*names, *n);
		*names = NULL;
		*n = 0;
		return fail(cause, "%s/%s: %s", (char *)arg, rel,
		    strerror(err));
	}
	closedir(d);
	qsort(*names, *n, sizeof **names, cmp_str);
	return 0;
}

void
snapshot_src_dir(struct snapshot_src *src, const char *dir)
{
	src->label = dir;
	src->sep = "/";
	src->read = dir_read;
	src->list = dir_list;
	src->holds = NULL;
	src->lens = NULL;
	src->arg = (void *)dir;
}

static void
free_names(char **names, size_t n)
{
	for (size_t i = 0; i < n; i++)
		free(names[i]);
	free(names);
}

int
snapshot_read_workload(const char *dir, struct kv *kv, char **cause)
{
	char	*data, *name;
	size_t	 size;
	int	 r;

	name = path_join(dir, "workload.yaml");
	if ((r = dir_read((void *)dir, "workload.yaml", &data, &size,
	    cause)) != 0) {
		if (r == 1)
			fail(cause, _("%s: no such file"), name);
		free(name);
		return -1;
	}
	r = snapshot_parse_workload(name, data, size, kv, cause);
	free(data);
	free(name);
	return r;
}

/* A text the YAML emitter writes as it is, a plain scalar (a letter or
 * digit first, then letters, digits, spaces and a few signs, no space
 * last), and that reads back the same; NULL is one too. */
static bool
plain_text(const char *s)
{
	size_t n;

	if (s == NULL)
		return true;
	if (!((*s >= 'a' && *s <= 'z') || (*s >= 'A' && *s <= 'Z') ||
	    (*s >= '0' && *s <= '9')))
		return false;
	n = strspn(s, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
	    "0123456789 _.-?/()");
	return s[n] == '\0' && s[n - 1] != ' ';
}

/* KEY: VALUE on a line of its own, VALUE plain; nothing for NULL. (Put
 * together by hand: thousands of files are read at a time.) */
static void
plain_line(struct buf *b, const char *key, const char *value)
{
	if (value == NULL)
		return;
	buf_adds(b, key);
	buf_adds(b, ": ");
	buf_adds(b, value);
	buf_addc(b, '\n');
}

/* answers/LENS/PILLAR/FILE. */
static char *
answer_rel(const char *lens, const char *pillar, const char *file)
{
	struct buf b = { 0 };

	buf_adds(&b, "answers/");
	buf_adds(&b, lens);
	buf_addc(&b, '/');
	buf_adds(&b, pillar);
	buf_addc(&b, '/');
	buf_adds(&b, file);
	return buf_take(&b);
}

/* What snapshot_answer_text writes for question QID of the pillar
 * unanswered, in *text, and the question; NULL if the lens has no such
 * question there. Plain ids and titles are put together here as the
 * emitter writes them; any other text the emitter writes. */
static const struct question *
unanswered_text(const struct lens *l, const char *pillar, const char *qid,
    char **text, size_t *size)
{
	const struct question	*q;
	struct answer		 a;
	struct buf		 b = { 0 };

	if ((q = lens_question(l, qid)) == NULL ||
	    strcmp(q->pillar->id, pillar) != 0)
		return NULL;
	answer_init(&a);
	if (plain_text(q->id) && plain_text(q->number) &&
	    plain_text(q->title.base) && question_risk(q, &a) ==
	    RISK_UNANSWERED) {
		plain_line(&b, "question", q->id);
		plain_line(&b, "number", q->number);
		plain_line(&b, "title", q->title.base);
		plain_line(&b, "risk", "unanswered");
		*size = b.len;
		*text = buf_take(&b);
	} else
		*text = snapshot_answer_text(l, q, &a, NULL, size);
	answer_free(&a);
	return q;
}

/* Answer file FILE of the pillar. A file that holds just what an
 * unanswered question's file holds (most files of a big lens) is known
 * without a parse, and from a source that can tell (a git tree, by the
 * hash) without being read. */
static int
read_one(const struct snapshot_src *src, const struct lens *l,
    const char *pillar, const char *file, struct answer *answers,
    struct roadmap_item **roadmap, char **cause)
{
	char			*rel, *name, *data = NULL, *qid, *empty = NULL;
	size_t			 size, nempty = 0;
	const struct question	*q;
	struct answer		 a;
	struct roadmap_item	*it = NULL;
	int			 r = 0;

	rel = answer_rel(l->id, pillar, file);
	qid = xstrndup(file, strlen(file) - 5);
	q = unanswered_text(l, pillar, qid, &empty, &nempty);
	if (q == NULL || src->holds == NULL || src->holds(src->arg, rel, empty,
	    nempty) != 1)
		r = src->read(src->arg, rel, &data, &size, cause);
	if (r == 1 || (r == 0 && data != NULL && (q == NULL ||
	    size != nempty || memcmp(data, empty, size) != 0))) {
		name = xasprintf("%s%s%s", src->label, src->sep, rel);
		if (r == 1)
			fail(cause, _("%s: no such file"), name);
		else
			r = snapshot_parse_answer(name, data, size, l, pillar,
			    qid, &q, &a, &it, cause);
		free(name);
	} else if (r == 0)
		answer_init(&a);
	free(empty);
	free(data);
	free(qid);
	free(rel);
	if (r != 0)
		return -1;
	answer_free(&answers[q->index]);
	answers[q->index] = a;
	roadmap_item_free(roadmap[q->index]);
	roadmap[q->index] = it;
	return 0;
}

static int
read_lens(const struct snapshot_src *src, const struct lens *l,
    struct answer *answers, struct roadmap_item **roadmap, char **cause)
{
	const char	**ids;
	char		**pillars, **files, *rel;
	size_t		  npillars, nfiles;
	int		  r, ret = -1;

	rel = xasprintf("answers/%s", l->id);
	r = src->list(src->arg, rel, &pillars, &npillars, cause);
	free(rel);
	if (r != 0)
		return r == 1 ? 0 : -1;
	/* The lens's pillar ids, sorted: a lens may have thousands. */
	ids = xcalloc(l->npillars + 1, sizeof *ids);
	for (size_t i = 0; i < l->npillars; i++)
		ids[i] = l->pillars[i].id;
	qsort(ids, l->npillars, sizeof *ids, cmp_str);
	for (size_t i = 0; i < npillars; i++) {
		if (bsearch(&pillars[i], ids, l->npillars, sizeof *ids,
		    cmp_str) == NULL) {
			fail(cause, _("%s%sanswers/%s/%s: lens %s has no "
			    "pillar \"%s\""), src->label, src->sep, l->id,
			    pillars[i], l->id, pillars[i]);
			goto out;
		}
		rel = xasprintf("answers/%s/%s", l->id, pillars[i]);
		r = src->list(src->arg, rel, &files, &nfiles, cause);
		free(rel);
		if (r == 1)
			continue;
		if (r != 0)
			goto out;
		for (size_t j = 0; j < nfiles; j++) {
			if (!str_ends_with(files[j], ".yaml") ||
			    strlen(files[j]) == 5)
				continue;
			if (read_one(src, l, pillars[i], files[j], answers,
			    roadmap, cause) != 0) {
				free_names(files, nfiles);
				goto out;
			}
		}
		free_names(files, nfiles);
	}
	ret = 0;
out:
	free(ids);
	free_names(pillars, npillars);
	return ret;
}

int
snapshot_read_state(const struct snapshot_src *src, struct lens *const *lenses,
    size_t nlenses, struct answer **answers, struct roadmap_item ***roadmap,
    char **cause)
{
	struct answer		**ta = xcalloc(nlenses, sizeof *ta);
	struct roadmap_item	***tr = xcalloc(nlenses, sizeof *tr);
	char			**dirs = NULL;
	size_t			  ndirs = 0;
	int			  r, ret = -1;

	for (size_t i = 0; i < nlenses; i++) {
		ta[i] = xcalloc(lenses[i]->nquestions, sizeof **ta);
		tr[i] = xcalloc(lenses[i]->nquestions, sizeof **tr);
	}
	/* A directory for a lens the workspace lacks is a mistake to show. */
	if ((r = src->list(src->arg, "answers", &dirs, &ndirs, cause)) < 0)
		goto out;
	for (size_t i = 0; i < ndirs; i++) {
		size_t j;

		for (j = 0; j < nlenses; j++) {
			if (strcmp(lenses[j]->id, dirs[i]) == 0)
				break;
		}
		if (j == nlenses) {
			fail(cause, _("%s%sanswers/%s: the workspace has no "
			    "lens \"%s\""), src->label, src->sep, dirs[i],
			    dirs[i]);
			goto out;
		}
	}
	for (size_t i = 0; i < nlenses; i++) {
		if (read_lens(src, lenses[i], ta[i], tr[i], cause) != 0)
			goto out;
	}
	for (size_t i = 0; i < nlenses; i++) {
		for (size_t j = 0; j < lenses[i]->nquestions; j++) {
			answers[i][j] = ta[i][j];
			roadmap[i][j] = tr[i][j];
		}
		free(ta[i]);
		free(tr[i]);
		ta[i] = NULL;
		tr[i] = NULL;
	}
	ret = 0;
out:
	for (size_t i = 0; i < nlenses; i++) {
		if (ta[i] == NULL)
			continue;
		for (size_t j = 0; j < lenses[i]->nquestions; j++) {
			answer_free(&ta[i][j]);
			roadmap_item_free(tr[i][j]);
		}
		free(ta[i]);
		free(tr[i]);
	}
	free(ta);
	free(tr);
	free_names(dirs, ndirs);
	return ret;
}

/* A milestone's state: everything read from the source, no store. */
int
snapshot_load(const struct snapshot_src *src, struct state **out,
    char **cause)
{
	struct state		*st = state_new();
	char			*data, *name, *list, *save = NULL;
	size_t			 size;
	int			 r;

	*out = NULL;
	name = xasprintf("%s%sworkload.yaml", src->label, src->sep);
	if ((r = src->read(src->arg, "workload.yaml", &data, &size,
	    cause)) != 0) {
		if (r == 1)
			fail(cause, _("%s: no such file"), name);
		free(name);
		goto fail;
	}
	r = snapshot_parse_workload(name, data, size, &st->workload, cause);
	free(data);
	free(name);
	if (r != 0)
		goto fail;
	list = xstrdup(kv_get(&st->workload, "lenses"));
	for (char *id = strtok_r(list, " ", &save); id != NULL;
	    id = strtok_r(NULL, " ", &save)) {
		const char	*ext[] = { "yaml", "json" };
		struct lens	*l = NULL;
		struct diags	 d;

		for (size_t i = 0; i < nitems(ext) && l == NULL; i++) {
			char *rel = xasprintf("lenses/%s.%s", id, ext[i]);

			if (src->lens != NULL &&
			    (l = src->lens(src->arg, rel, id)) != NULL) {
				free(rel);
				break;
			}
			r = src->read(src->arg, rel, &data, &size, cause);
			if (r == 0) {
				name = xasprintf("%s%s%s", src->label,
				    src->sep, rel);
				diags_init(&d, name);
				l = lens_load(data, size, id, &d);
				if (l == NULL)
					*cause = diags_first_error(&d);
				diags_free(&d);
				free(name);
				free(data);
			}
			free(rel);
			if (r < 0 || (r == 0 && l == NULL)) {
				free(list);
				goto fail;
			}
		}
		if (l == NULL) {
			fail(cause, _("%s%slenses: lens \"%s\" is not pinned"),
			    src->label, src->sep, id);
			free(list);
			goto fail;
		}
		state_add_lens(st, l, id);
	}
	free(list);
	if (snapshot_read_state(src, st->lenses, st->nlenses, st->answers,
	    st->roadmap, cause) != 0)
		goto fail;
	*out = st;
	return 0;
fail:
	state_free(st);
	return -1;
}
