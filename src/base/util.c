/* util.c: allocation, strings and file helpers shared by every module. */
#include "config.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <locale.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "base/util.h"

static void
out_of_memory(void)
{
	fputs("wafr: out of memory\n", stderr);
	abort();
}

void *
xmalloc(size_t n)
{
	void *p = malloc(n ? n : 1);

	if (p == NULL)
		out_of_memory();
	return p;
}

void *
xcalloc(size_t n, size_t size)
{
	void *p = calloc(n ? n : 1, size ? size : 1);

	if (p == NULL)
		out_of_memory();
	return p;
}

void *
xreallocarray(void *p, size_t n, size_t size)
{
	if (size != 0 && n > SIZE_MAX / size)
		out_of_memory();
	p = realloc(p, n * size > 0 ? n * size : 1);
	if (p == NULL)
		out_of_memory();
	return p;
}

void *
array_grow(void *arr, size_t *n, size_t *cap, size_t size)
{
	if (*n == *cap) {
		*cap = *cap ? *cap * 2 : 8;
		arr = xreallocarray(arr, *cap, size);
	}
	memset((char *)arr + *n * size, 0, size);
	(*n)++;
	return arr;
}

char *
xstrdup(const char *s)
{
	return xstrndup(s, strlen(s));
}

char *
xstrndup(const char *s, size_t n)
{
	char *p = xmalloc(n + 1);

	memcpy(p, s, n);
	p[n] = '\0';
	return p;
}

char *
xvasprintf(const char *fmt, va_list ap)
{
	va_list	 ap2;
	int	 n;
	char	*s;

	va_copy(ap2, ap);
	n = vsnprintf(NULL, 0, fmt, ap2);
	va_end(ap2);
	if (n < 0)
		out_of_memory();
	s = xmalloc((size_t)n + 1);
	vsnprintf(s, (size_t)n + 1, fmt, ap);
	return s;
}

char *
xasprintf(const char *fmt, ...)
{
	va_list	 ap;
	char	*s;

	va_start(ap, fmt);
	s = xvasprintf(fmt, ap);
	va_end(ap);
	return s;
}

void
buf_grow(struct buf *b, size_t need)
{
	if (b->len + need + 1 <= b->cap)
		return;
	while (b->len + need + 1 > b->cap)
		b->cap = b->cap ? b->cap * 2 : 64;
	b->s = xreallocarray(b->s, b->cap, 1);
}

void
buf_add(struct buf *b, const void *p, size_t n)
{
	buf_grow(b, n);
	if (n > 0)
		memcpy(b->s + b->len, p, n);
	b->len += n;
	b->s[b->len] = '\0';
}

void
buf_adds(struct buf *b, const char *s)
{
	buf_add(b, s, strlen(s));
}

void
buf_addc(struct buf *b, char c)
{
	buf_add(b, &c, 1);
}

void
buf_printf(struct buf *b, const char *fmt, ...)
{
	va_list	 ap;
	int	 n;

	/* Formatted in place: once when it fits in the room left, again
	 * when the buffer had to grow. */
	buf_grow(b, 64);
	va_start(ap, fmt);
	n = vsnprintf(b->s + b->len, b->cap - b->len, fmt, ap);
	va_end(ap);
	if (n < 0)
		out_of_memory();
	if ((size_t)n >= b->cap - b->len) {
		buf_grow(b, (size_t)n);
		va_start(ap, fmt);
		n = vsnprintf(b->s + b->len, b->cap - b->len, fmt, ap);
		va_end(ap);
		if (n < 0)
			out_of_memory();
	}
	b->len += (size_t)n;
}

char *
buf_take(struct buf *b)
{
	char *s;

	if (b->s == NULL)
		return xstrdup("");
	s = b->s;
	b->s = NULL;
	b->len = b->cap = 0;
	return s;
}

void
buf_free(struct buf *b)
{
	free(b->s);
	b->s = NULL;
	b->len = b->cap = 0;
}

int
fail(char **cause, const char *fmt, ...)
{
	va_list ap;

	if (cause != NULL) {
		va_start(ap, fmt);
		*cause = xvasprintf(fmt, ap);
		va_end(ap);
	}
	return -1;
}

bool
streq(const char *a, const char *b)
{
	if (a == NULL || b == NULL)
		return a == b;
	return strcmp(a, b) == 0;
}

bool
str_ends_with(const char *s, const char *suffix)
{
	size_t n = strlen(s), m = strlen(suffix);

	return n >= m && memcmp(s + n - m, suffix, m) == 0;
}

/* Lower-case ASCII letters and digits; any other run becomes one '-'. */
char *
slugify(const char *s)
{
	struct buf	b = { 0 };
	bool		dash = false;

	for (; *s != '\0'; s++) {
		unsigned char c = (unsigned char)*s;

		if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) {
			if (dash && b.len > 0)
				buf_addc(&b, '-');
			buf_addc(&b, (char)c);
			dash = false;
		} else if (c >= 'A' && c <= 'Z') {
			if (dash && b.len > 0)
				buf_addc(&b, '-');
			buf_addc(&b, (char)(c - 'A' + 'a'));
			dash = false;
		} else
			dash = true;
	}
	return buf_take(&b);
}

bool
utf8_valid(const char *p, size_t n)
{
	const unsigned char *s = (const unsigned char *)p, *end = s + n;

	while (s < end) {
		size_t		len;
		uint32_t	cp;

		if (*s < 0x80) {
			s++;
			continue;
		}
		if ((*s & 0xe0) == 0xc0) {
			len = 2;
			cp = *s & 0x1f;
		} else if ((*s & 0xf0) == 0xe0) {
			len = 3;
			cp = *s & 0x0f;
		} else if ((*s & 0xf8) == 0xf0) {
			len = 4;
			cp = *s & 0x07;
		} else
			return false;
		if ((size_t)(end - s) < len)
			return false;
		for (size_t i = 1; i < len; i++) {
			if ((s[i] & 0xc0) != 0x80)
				return false;
			cp = (cp << 6) | (s[i] & 0x3f);
		}
		if ((len == 2 && cp < 0x80) || (len == 3 && cp < 0x800) ||
		    (len == 4 && cp < 0x10000) || cp > 0x10ffff ||
		    (cp >= 0xd800 && cp <= 0xdfff))
			return false;
		s += len;
	}
	return true;
}

/* The rest of an open file. */
int
read_fd(int fd, const char *path, char **data, size_t *size, char **cause)
{
	struct buf	 b = { 0 };
	char		 chunk[65536];
	ssize_t		 n;

	for (;;) {
		if ((n = read(fd, chunk, sizeof chunk)) == -1) {
			int e = errno;

			if (e == EINTR)
				continue;
			buf_free(&b);
			return fail(cause, "%s: %s", path, strerror(e));
		}
		if (n == 0)
			break;
		buf_add(&b, chunk, (size_t)n);
	}
	if (size != NULL)
		*size = b.len;
	*data = buf_take(&b);
	return 0;
}

int
write_full(int fd, const void *data, size_t size)
{
	const char *p = data;

	while (size > 0) {
		ssize_t n = write(fd, p, size);

		if (n == -1 && errno == EINTR)
			continue;
		if (n <= 0) {
			if (n == 0)
				errno = ENOSPC;
			return -1;
		}
		p += n;
		size -= (size_t)n;
	}
	return 0;
}

int
read_file(const char *path, char **data, size_t *size, char **cause)
{
	int fd, ret;

	if ((fd = open(path, O_RDONLY | O_CLOEXEC)) == -1)
		return fail(cause, "%s: %s", path, strerror(errno));
	ret = read_fd(fd, path, data, size, cause);
	close(fd);
	return ret;
}

/* A temporary's name: a dot-file that says what it is, so one left by a
 * kill is easy to spot; the suffix only has to differ between tries, as
 * O_EXCL makes a taken or planted name fail rather than be reused. */
static char *
tmp_name(const char *name)
{
	static const char	 set[] = "abcdefghijklmnopqrstuvwxyz"
				     "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
	static uint64_t		 seq;
	struct timespec		 ts;
	uint64_t		 x;
	char			 suffix[7];

	clock_gettime(CLOCK_REALTIME, &ts);
	x = ((uint64_t)getpid() << 40) ^ ((uint64_t)ts.tv_sec << 30) ^
	    (uint64_t)ts.tv_nsec ^ (uint64_t)(uintptr_t)&ts ^
	    (++seq * 0x9e3779b97f4a7c15ULL);
	/* splitmix64: every input bit moves every output character. */
	x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ULL;
	x = (x ^ (x >> 27)) * 0x94d049bb133111ebULL;
	x ^= x >> 31;
	for (size_t i = 0; i < sizeof suffix - 1; i++) {
		suffix[i] = set[x % (sizeof set - 1)];
		x /= sizeof set - 1;
	}
	suffix[sizeof suffix - 1] = '\0';
	/* A long name is cut so the temporary's name still fits. */
	return xasprintf(".%.200s" TMP_INFIX "%s", name, suffix);
}

#define P1 0x9E3779B185EBCA87ULL
#define P2 0xC2B2AE3D27D4EB4FULL
#define P3 0x165667B19E3779F9ULL
#define P4 0x85EBCA77C2B2AE63ULL
#define P5 0x27D4EB2F165667C5ULL

static uint64_t
rotl64(uint64_t x, int r)
{
	return (x << r) | (x >> (64 - r));
}

/* Little-endian, whatever the host, so that a hash kept in a file reads
 * the same everywhere; one load where the host is little-endian. */
static uint64_t
load64(const unsigned char *p)
{
	uint64_t v;

	memcpy(&v, p, sizeof v);
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_BIG_ENDIAN__
	v = __builtin_bswap64(v);
#endif
	return v;
}

static uint64_t
round64(uint64_t acc, uint64_t in)
{
	return rotl64(acc + in * P2, 31) * P1;
}

static uint64_t
merge64(uint64_t acc, uint64_t v)
{
	return (acc ^ round64(0, v)) * P1 + P4;
}

uint64_t
hash_bytes(const void *data, size_t n)
{
	const unsigned char	*p = data, *end = p + n;
	uint64_t		 h;

	if (n >= 32) {
		uint64_t v1 = P1 + P2, v2 = P2, v3 = 0, v4 = 0 - P1;

		for (; end - p >= 32; p += 32) {
			v1 = round64(v1, load64(p));
			v2 = round64(v2, load64(p + 8));
			v3 = round64(v3, load64(p + 16));
			v4 = round64(v4, load64(p + 24));
		}
		h = rotl64(v1, 1) + rotl64(v2, 7) + rotl64(v3, 12) +
		    rotl64(v4, 18);
		h = merge64(merge64(merge64(merge64(h, v1), v2), v3), v4);
	} else
		h = P5;
	h += (uint64_t)n;
	for (; end - p >= 8; p += 8)
		h = rotl64(h ^ round64(0, load64(p)), 27) * P1 + P4;
	for (; p < end; p++)
		h = rotl64(h ^ (*p * P5), 11) * P1;
	h ^= h >> 33;
	h *= P2;
	h ^= h >> 29;
	h *= P3;
	h ^= h >> 32;
	return h;
}

bool
is_tmp_name(const char *name)
{
	size_t	n = strlen(name), m = strlen(TMP_INFIX);

	/* '.', at least one byte of the name, the infix, six characters. */
	if (name[0] != '.' || n < 1 + 1 + m + 6 ||
	    memcmp(name + n - 6 - m, TMP_INFIX, m) != 0)
		return false;
	for (const char *p = name + n - 6; *p != '\0'; p++) {
		unsigned char c = (unsigned char)*p;

		if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
		    (c >= '0' && c <= '9')))
			return false;
	}
	return true;
}

int
write_file_atomic(const char *path, const void *data, size_t size,
    char **cause)
{
	const char	*slash = strrchr(path, '/');
	char		*dir;
	int		 dfd, ret;

	if (slash == NULL)
		dir = xstrdup(".");
	else if (slash == path)
		dir = xstrdup("/");
	else
		dir = xstrndup(path, (size_t)(slash - path));
	dfd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	free(dir);
	if (dfd == -1)
		return fail(cause, "%s: %s", path, strerror(errno));
	ret = write_file_atomic_at(dfd, slash != NULL ? slash + 1 : path,
	    path, data, size, cause);
	close(dfd);
	return ret;
}

/* A regular file NAME replaced by TMP without a flush: the two names are
 * swapped and the old file removed. A rename over NAME would do the same,
 * but ext4 then writes TMP's data out at once (its guard against
 * programs that skip the flush), which the caller waits for; the files
 * that take this path are made again after a power cut anyway. -1 where
 * the swap cannot be made (then rename). */
static int
swap_in(int dfd, const char *tmp, const char *name)
{
#ifdef RENAME_EXCHANGE
	if (renameat2(dfd, tmp, dfd, name, RENAME_EXCHANGE) == -1)
		return -1;
	if (unlinkat(dfd, tmp, 0) == 0)
		return 0;
	/* What was swapped out cannot be removed (NAME turned into a
	 * directory since it was looked at): it is put back, and rename
	 * replaces it or says why not. */
	return renameat2(dfd, tmp, dfd, name, RENAME_EXCHANGE) == -1 ? 0 : -1;
#else
	return -1;
#endif
}

/* The temporary is made in the file's own directory, so the rename is
 * atomic, and opened with O_EXCL | O_NOFOLLOW, so nothing planted under
 * its name is written through. The rename replaces a symbolic link at NAME
 * rather than follow it. */
static int
replace_at(int dfd, const char *name, const char *path, const void *data,
    size_t size, bool sync, char **cause)
{
	struct stat	 sb;
	char		*tmp = NULL;
	mode_t		 mode = 0666;
	bool		 keep = false;
	int		 fd = -1, e;

	/* A file being replaced keeps its mode; a new one gets the umask's. */
	if (fstatat(dfd, name, &sb, AT_SYMLINK_NOFOLLOW) == 0 &&
	    S_ISREG(sb.st_mode)) {
		mode = sb.st_mode & 0777;
		keep = true;
	}
	for (int try = 0; fd == -1 && try < 100; try++) {
		free(tmp);
		tmp = tmp_name(name);
		fd = openat(dfd, tmp, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW |
		    O_CLOEXEC, keep ? 0600 : mode);
		if (fd == -1 && errno != EEXIST) {
			e = errno;
			free(tmp);
			return fail(cause, "%s: %s", path, strerror(e));
		}
	}
	if (fd == -1) {
		free(tmp);
		return fail(cause, "%s: %s", path, strerror(EEXIST));
	}
	if (keep && fchmod(fd, mode) == -1)
		goto fail;
	if (write_full(fd, data, size) != 0)
		goto fail;
	if (sync && fsync(fd) == -1)
		goto fail;
	if (close(fd) == -1) {
		fd = -1;
		goto fail;
	}
	fd = -1;
	if ((sync || !keep || swap_in(dfd, tmp, name) != 0) &&
	    renameat(dfd, tmp, dfd, name) == -1)
		goto fail;
	free(tmp);
	return 0;
fail:
	e = errno;
	if (fd != -1)
		close(fd);
	unlinkat(dfd, tmp, 0);
	free(tmp);
	return fail(cause, "%s: %s", path, strerror(e));
}

int
write_file_atomic_at(int dfd, const char *name, const char *path,
    const void *data, size_t size, char **cause)
{
	return replace_at(dfd, name, path, data, size, true, cause);
}

int
write_file_replace_at(int dfd, const char *name, const char *path,
    const void *data, size_t size, char **cause)
{
	return replace_at(dfd, name, path, data, size, false, cause);
}

int
mkdir_p(const char *path, int mode, char **cause)
{
	char *p = xstrdup(path);

	for (char *s = p + 1; ; s++) {
		if (*s != '/' && *s != '\0')
			continue;
		char c = *s;

		*s = '\0';
		if (mkdir(p, (mode_t)mode) == -1 && errno != EEXIST) {
			int e = errno;

			fail(cause, "%s: %s", p, strerror(e));
			free(p);
			return -1;
		}
		if (c == '\0')
			break;
		*s = c;
	}
	free(p);
	return 0;
}

char *
path_join(const char *a, const char *b)
{
	size_t	 n = strlen(a), m = strlen(b);
	bool	 slash = n > 0 && a[n - 1] == '/';
	char	*p = xmalloc(n + !slash + m + 1);

	/* No printf: a walk of a big workspace joins thousands. */
	memcpy(p, a, n);
	if (!slash)
		p[n++] = '/';
	memcpy(p + n, b, m + 1);
	return p;
}

/* Invisible characters that reorder or hide text (bidi embeddings,
 * overrides, isolates and marks, zero-width spaces, the BOM, tags): a
 * filename or note could look like something else. The joiners (U+200C,
 * U+200D) stay, as scripts and emoji need them. */
static bool
is_format_control(uint32_t cp)
{
	return cp == 0x061c || cp == 0x180e || cp == 0x200b ||
	    cp == 0x200e || cp == 0x200f || (cp >= 0x2028 && cp <= 0x202e) ||
	    (cp >= 0x2060 && cp <= 0x206f) || cp == 0xfeff ||
	    (cp >= 0xfff9 && cp <= 0xfffb) || cp == 0xe0001 ||
	    (cp >= 0xe0020 && cp <= 0xe007f);
}

/* Controls (C0, DEL, C1 such as CSI) become '?', and so do bytes that are not
 * UTF-8: nothing from a file can steer the terminal. Invisible format
 * characters are shown as <U+202E>, as the screen drops them. Newlines and
 * tabs stay when asked for. */
void
buf_add_printable(struct buf *b, const char *s, bool newlines)
{
	size_t n = s != NULL ? strlen(s) : 0;

	buf_adds(b, "");
	for (size_t i = 0; i < n; ) {
		unsigned char	c = (unsigned char)s[i];
		size_t		len = c < 0x80 ? 1 : c >= 0xf0 ? 4 :
		    c >= 0xe0 ? 3 : c >= 0xc0 ? 2 : 0;
		uint32_t	cp;

		if (c >= 0x20 && c < 0x7f) {
			size_t j = i + 1;

			/* A run of printable ASCII, most of any text, at once. */
			while (j < n && (unsigned char)s[j] >= 0x20 &&
			    (unsigned char)s[j] < 0x7f)
				j++;
			buf_add(b, s + i, j - i);
			i = j;
			continue;
		}
		if ((c == '\n' || c == '\t') && newlines) {
			buf_addc(b, (char)c);
			i++;
			continue;
		}
		if (len == 0 || i + len > n || !utf8_valid(s + i, len) ||
		    c < 0x20 || c == 0x7f ||
		    (c == 0xc2 && (unsigned char)s[i + 1] < 0xa0)) {
			/* A control is skipped whole; a broken sequence one
			 * byte at a time, so what follows it is kept. */
			buf_addc(b, '?');
			i += len > 0 && i + len <= n && utf8_valid(s + i, len) ?
			    len : 1;
			continue;
		}
		cp = len == 1 ? c : c & (0x7f >> len);
		for (size_t j = 1; j < len; j++)
			cp = (cp << 6) | ((unsigned char)s[i + j] & 0x3f);
		if (is_format_control(cp)) {
			buf_printf(b, "<U+%04X>", (unsigned)cp);
			i += len;
			continue;
		}
		buf_add(b, s + i, len);
		i += len;
	}
}

char *
str_printable(const char *s)
{
	struct buf b = { 0 };

	buf_add_printable(&b, s, false);
	return buf_take(&b);
}

/* A duration as M:SS, or H:MM:SS from an hour on. */
void
format_duration(long s, char *out, size_t size)
{
	if (s < 0)
		s = 0;
	if (s >= 3600)
		snprintf(out, size, "%ld:%02ld:%02ld", s / 3600, s / 60 % 60,
		    s % 60);
	else
		snprintf(out, size, "%ld:%02ld", s / 60, s % 60);
}

int
remove_tree(const char *path)
{
	struct stat	 sb;
	DIR		*d;
	struct dirent	*e;

	if (lstat(path, &sb) != 0)
		return -1;
	if (!S_ISDIR(sb.st_mode))
		return unlink(path);
	if ((d = opendir(path)) == NULL)
		return -1;
	while ((e = readdir(d)) != NULL) {
		char *sub;

		if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
			continue;
		sub = path_join(path, e->d_name);
		remove_tree(sub);
		free(sub);
	}
	closedir(d);
	return rmdir(path);
}

bool
dir_is_empty(const char *path)
{
	DIR		*d;
	struct dirent	*e;
	bool		 empty = true;

	if ((d = opendir(path)) == NULL)
		return false;
	while ((e = readdir(d)) != NULL) {
		if (strcmp(e->d_name, ".") != 0 && strcmp(e->d_name, "..") != 0)
			empty = false;
	}
	closedir(d);
	return empty;
}

static long
fixed_time(void)
{
	static long	 fixed = -2;
	const char	*env;
	char		*end;

	if (fixed == -2) {
		fixed = -1;
		if ((env = getenv("WAFR_NOW")) != NULL && *env != '\0') {
			long v = strtol(env, &end, 10);

			if (*end == '\0' && v >= 0)
				fixed = v;
		}
	}
	return fixed;
}

bool
wall_time_fixed(void)
{
	return fixed_time() >= 0;
}

long
wall_time(void)
{
	return wall_time_fixed() ? fixed_time() : (long)time(NULL);
}

static const char	*ctype_name;	/* deferred: from the environment */

void
ctype_defer(const char *name)
{
	ctype_name = name;
}

void
ctype_need(void)
{
	const char *name = ctype_name;

	if (name == NULL)
		return;
	ctype_name = NULL;
	if (setlocale(LC_CTYPE, name) == NULL &&
	    setlocale(LC_CTYPE, "C.UTF-8") == NULL)
		(void)setlocale(LC_CTYPE, "C.utf8");
}
