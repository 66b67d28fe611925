/* power-cut.c: a preloaded shim for tests/power-cut.sh.
 *
 * WAFR_CUT_AT_RENAME=1: the process is killed (SIGKILL) at its first
 * rename of a file into place (renameat, or renameat2 where it swaps the
 * new file with the old), that is after the store's commit and before
 * any snapshot file is refreshed.
 * WAFR_CUT_BOOT_ID=FILE: the kernel's boot id is read from FILE, as after
 * a reboot. */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <fcntl.h>
#include <signal.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static const char *
boot_file(const char *path)
{
	const char *f = getenv("WAFR_CUT_BOOT_ID");

	return f != NULL && strcmp(path, "/proc/sys/kernel/random/boot_id") == 0 ?
	    f : path;
}

/* open and open64: the boot id from the file given. */
#define OPEN(name)							\
int									\
name(const char *path, int flags, ...)					\
{									\
	int	(*real)(const char *, int, ...) = dlsym(RTLD_NEXT, #name); \
	va_list	ap;							\
	int	mode;							\
									\
	va_start(ap, flags);						\
	mode = va_arg(ap, int);						\
	va_end(ap);							\
	return real(boot_file(path), flags, mode);			\
}
OPEN(open)
OPEN(open64)

int
renameat(int olddir, const char *old, int newdir, const char *new)
{
	int (*real)(int, const char *, int, const char *) =
	    dlsym(RTLD_NEXT, "renameat");

	if (getenv("WAFR_CUT_AT_RENAME") != NULL)
		kill(getpid(), SIGKILL);
	return real(olddir, old, newdir, new);
}

int
renameat2(int olddir, const char *old, int newdir, const char *new,
    unsigned flags)
{
	int (*real)(int, const char *, int, const char *, unsigned) =
	    dlsym(RTLD_NEXT, "renameat2");

	if (getenv("WAFR_CUT_AT_RENAME") != NULL)
		kill(getpid(), SIGKILL);
	return real(olddir, old, newdir, new, flags);
}
