/* history-load.c: the history functions of the program, which load the
 * git module (history-module.h) the first time one of them is called, or
 * take the one built in (HISTORY_BUILTIN). */
#include "config.h"

#ifndef HISTORY_BUILTIN
#include <dlfcn.h>
#endif
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "base/util.h"
#include "git/history.h"
#include "git/history-module.h"

static const struct history_module	*module;
static char				*author_name, *author_email;

#ifdef HISTORY_BUILTIN
static const struct history_module *
load(char **cause)
{
	if (module == NULL) {
		module = &wafr_history_module;
		module->set_author(author_name, author_email);
	}
	return module;
}
#else
/* In the build tree (a program beside config.status, not the installed
 * one) the module is the one just built; else the installed one. */
static char *
module_path(void)
{
	char	 exe[PATH_MAX], *slash, *bindir, *path;
	ssize_t	 n = readlink("/proc/self/exe", exe, sizeof exe - 1);

	if (n <= 0)
		return xstrdup(PKGLIBDIR "/" HISTORY_MODULE_NAME);
	exe[n] = '\0';
	if ((slash = strrchr(exe, '/')) != NULL)
		*slash = '\0';
	bindir = realpath(BINDIR, NULL);
	path = xasprintf("%s/../config.status", exe);
	if (slash != NULL && (bindir == NULL || strcmp(bindir, exe) != 0) &&
	    access(path, F_OK) == 0) {
		const char *where[] = { "%s/%s", "%s/../src/%s" };

		for (size_t i = 0; i < nitems(where); i++) {
			free(path);
			path = xasprintf(where[i], exe, HISTORY_MODULE_NAME);
			if (access(path, R_OK) == 0) {
				free(bindir);
				return path;
			}
		}
	}
	free(path);
	free(bindir);
	return xstrdup(PKGLIBDIR "/" HISTORY_MODULE_NAME);
}

static const struct history_module *
load(char **cause)
{
	const struct history_module	*m;
	char				*path;
	void				*h;

	if (module != NULL)
		return module;
	path = module_path();
	if ((h = dlopen(path, RTLD_NOW | RTLD_LOCAL)) == NULL) {
		fail(cause, _("cannot load git support: %s"), dlerror());
		free(path);
		return NULL;
	}
	free(path);
	m = dlsym(h, "wafr_history_module");
	if (m == NULL || m->version != HISTORY_MODULE_VERSION) {
		fail(cause, _("cannot load git support: %s"), m == NULL ?
		    dlerror() : "version");
		dlclose(h);
		return NULL;
	}
	module = m;
	module->set_author(author_name, author_email);
	return module;
}
#endif

void
history_set_author(const char *name, const char *email)
{
	free(author_name);
	free(author_email);
	author_name = name != NULL ? xstrdup(name) : NULL;
	author_email = email != NULL ? xstrdup(email) : NULL;
	if (module != NULL)
		module->set_author(name, email);
}

int
history_init(const char *dir, const struct state *st, char **cause)
{
	const struct history_module *m = load(cause);

	return m != NULL ? m->init(dir, st, cause) : -1;
}

int
history_milestone(const char *dir, const struct state *st, const char *name,
    const char *index, history_write_fn *write_files, void *arg,
    struct milestone *out, char **cause)
{
	const struct history_module *m = load(cause);

	return m != NULL ? m->milestone(dir, st, name, index, write_files, arg,
	    out, cause) : -1;
}

int
history_milestones(const char *dir, struct milestone **out, size_t *n,
    char **cause)
{
	const struct history_module *m = load(cause);

	*out = NULL;
	*n = 0;
	return m != NULL ? m->milestones(dir, out, n, cause) : -1;
}

int
history_state(const char *dir, const char *spec, struct state **out,
    char *hex, char **cause)
{
	const struct history_module *m = load(cause);

	*out = NULL;
	return m != NULL ? m->state(dir, spec, out, hex, cause) : -1;
}

void
milestone_free(struct milestone *m)
{
	if (m == NULL)
		return;
	free(m->name);
	free(m->tag);
	free(m->notice);
	free(m->index);
	*m = (struct milestone){ 0 };
}

void
milestones_free(struct milestone *v, size_t n)
{
	for (size_t i = 0; i < n; i++)
		milestone_free(&v[i]);
	free(v);
}
