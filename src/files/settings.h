/* settings.h: the user's configuration file ($XDG_CONFIG_HOME/wafr/config).
 *
 *	# a comment
 *	set theme projector		dark | light | projector | mono
 *	set lens wellarchitected	the default lens of "wafr init"
 *	set author "Ana Lima <ana@example.org>"	when git knows no author
 *	bind F5 toggle			bind a key to an action
 *	unbind q
 *
 * A bad line is reported as FILE:LINE: message and skipped; the rest still
 * applies. Keys and actions are checked by the screen, which knows them. */
#ifndef WAFR_SETTINGS_H
#define WAFR_SETTINGS_H

#include <stdio.h>

#include "base/diag.h"

struct binding {
	char	*key;
	char	*action;	/* NULL: unbind */
	int	 line;
};

struct settings {
	char		*path;
	char		*theme;
	char		*lens;
	char		*author;
	struct binding	*bindings;
	size_t		 nbindings;
	size_t		 cap;
};

extern const char *const settings_themes[];	/* NULL-terminated */

/* The configuration file's path; the caller frees it. */
char	*settings_path(void);
/* Read a configuration file; a missing file is an empty configuration. */
void	 settings_load(struct settings *, const char *, struct diags *);
void	 settings_free(struct settings *);
/* The settings, as a file that reads back the same (bindings excluded). */
void	 settings_dump_settings(const struct settings *, FILE *);
/* Split "Name <email>"; either may come back NULL. */
void	 settings_author(const struct settings *, char **, char **);

#endif
