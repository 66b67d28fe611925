/* history-module.h: libgit2 is loaded only by the commands that use git.
 *
 * history.c, the only user of git2.h, is built as a module of its own
 * (wafr-git.so, in the package's library folder) that the program loads
 * the first time it reaches for git (history-load.c); every other command
 * starts without libgit2 and the libraries it needs. The module finds this
 * table under the name wafr_history_module; what it calls back (the model,
 * the snapshot reader, base/) it takes from the program. A static program
 * (HISTORY_BUILTIN) has history.c built in and takes the table directly. */
#ifndef WAFR_HISTORY_MODULE_H
#define WAFR_HISTORY_MODULE_H

#include <stdbool.h>
#include <stddef.h>

struct milestone;
struct state;

#define HISTORY_MODULE_NAME	"wafr-git.so"
#define HISTORY_MODULE_VERSION	2

struct history_module {
	int	 version;
	void	(*set_author)(const char *, const char *);
	int	(*init)(const char *, const struct state *, char **);
	int	(*milestone)(const char *, const struct state *, const char *,
		    const char *, int (*)(void *, bool (*)(void *,
		    const char *), void *, char **), void *,
		    struct milestone *, char **);
	int	(*milestones)(const char *, struct milestone **, size_t *,
		    char **);
	int	(*state)(const char *, const char *, struct state **, char *,
		    char **);
};

extern const struct history_module wafr_history_module;

#endif
