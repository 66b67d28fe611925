/* util.h: allocation that cannot fail, growable strings, small helpers. */
#ifndef WAFR_UTIL_H
#define WAFR_UTIL_H

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "base/i18n.h"

#define nitems(a) (sizeof(a) / sizeof((a)[0]))

/* Allocation failure is fatal: there is nothing sensible left to do. */
void *xmalloc(size_t);
void *xcalloc(size_t, size_t);
void *xreallocarray(void *, size_t, size_t);
char *xstrdup(const char *);
char *xstrndup(const char *, size_t);
char *xasprintf(const char *, ...) __attribute__((format(printf, 1, 2)));
char *xvasprintf(const char *, va_list);

/* Append a zeroed element to a dynamic array, growing it by doubling. */
#define ARRAY_PUSH(arr, n, cap) \
	((arr) = array_grow((arr), &(n), &(cap), sizeof *(arr)), \
	 &(arr)[(n) - 1])
void *array_grow(void *, size_t *, size_t *, size_t);

/* A growable byte string, always NUL-terminated. */
struct buf {
	char	*s;
	size_t	 len;
	size_t	 cap;
};
void	 buf_grow(struct buf *, size_t);
void	 buf_add(struct buf *, const void *, size_t);
void	 buf_adds(struct buf *, const char *);
void	 buf_addc(struct buf *, char);
/* Its arguments must not point into the buffer: it is written in place. */
void	 buf_printf(struct buf *, const char *, ...)
	    __attribute__((format(printf, 2, 3)));
char	*buf_take(struct buf *);
void	 buf_free(struct buf *);

/* Set *cause to a formatted message (the caller frees it); returns -1. */
int	 fail(char **cause, const char *, ...)
	    __attribute__((format(printf, 2, 3)));

/* A 64-bit hash of bytes (xxHash64's rounds), fast on large inputs: what
 * a cache is keyed by. Not for secrets. */
uint64_t hash_bytes(const void *, size_t);

bool	 streq(const char *, const char *);
bool	 str_ends_with(const char *, const char *);
char	*slugify(const char *);
bool	 utf8_valid(const char *, size_t);
/* Text safe to print on a terminal: controls and bad bytes become '?'. */
void	 buf_add_printable(struct buf *, const char *, bool);
char	*str_printable(const char *);
void	 format_duration(long, char *, size_t);
/* The time of day: time(NULL), or the seconds of WAFR_NOW when it is set,
 * a clock that stands still so that whole screens can be compared. */
long	 wall_time(void);
bool	 wall_time_fixed(void);

/* The characters' locale (LC_CTYPE), when the environment asks for C or
 * C.UTF-8 and no message is translated, is set only when something first
 * measures a character beyond ASCII or starts a screen: most commands
 * print ASCII and never load it. ctype_defer keeps the name (a string of
 * the environment), ctype_need sets it once, falling back to C.UTF-8 as
 * the start-up does. */
void	 ctype_defer(const char *);
void	 ctype_need(void);

/* Whole-file I/O. write_file_atomic writes a temporary file, syncs it and
 * renames it over the target, so a reader sees the old or the new bytes;
 * the target keeps its mode, a new file gets 0666 less the umask, and a
 * symbolic link is replaced, never written through. The _at form writes
 * NAME in the directory open as the descriptor; PATH names it in messages.
 * read_fd reads the rest of an open file, PATH naming it. */
int	 read_file(const char *, char **, size_t *, char **);
/* All the bytes to the descriptor, again after a signal: 0, or -1 with
 * errno set (ENOSPC when the system takes none). */
int	 write_full(int, const void *, size_t);
int	 read_fd(int, const char *, char **, size_t *, char **);
int	 write_file_atomic(const char *, const void *, size_t, char **);
int	 write_file_atomic_at(int, const char *, const char *, const void *,
	    size_t, char **);
/* The same without the sync: a reader still sees the old or the new bytes,
 * but after a power cut the file may hold neither (for what can be made
 * again: a cache, files the store is ahead of). */
int	 write_file_replace_at(int, const char *, const char *, const void *,
	    size_t, char **);
/* Temporaries are dot-files named .NAME.wafr-tmp-XXXXXX (six random
 * letters or digits; NAME cut to 200 bytes): one left by a kill is
 * recognised by is_tmp_name (of a file name, not a path). */
#define TMP_INFIX ".wafr-tmp-"
bool	 is_tmp_name(const char *);
int	 mkdir_p(const char *, int, char **);
char	*path_join(const char *, const char *);
/* Remove a file or a directory and all it holds (symbolic links are
 * removed, not followed). */
int	 remove_tree(const char *);
bool	 dir_is_empty(const char *);

#endif
