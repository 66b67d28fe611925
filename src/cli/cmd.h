/* cmd.h: the command table. One file per command, each exporting an entry. */
#ifndef WAFR_CMD_H
#define WAFR_CMD_H

#include <stdbool.h>

#include "files/settings.h"
#include "review/ops.h"

/* Exit statuses of the command-line contract. */
enum { EXIT_OK = 0, EXIT_DATA = 1, EXIT_USAGE = 2 };

struct cmd_entry {
	const char	*name;
	const char	*usage;		/* after "wafr NAME " */
	const char	*summary;
	int		(*exec)(int, char **);
};

extern const char *program_name;
extern struct settings settings;	/* the user's configuration file */

/* Print "wafr: message" on stderr and return EXIT_DATA. */
int	cmd_error(const char *, ...) __attribute__((format(printf, 1, 2)));
/* Print a usage error for the command and return EXIT_USAGE. */
int	cmd_usage(const struct cmd_entry *, const char *, ...)
	    __attribute__((format(printf, 2, 3)));
/* Print the command's --help text and return EXIT_OK. */
int	cmd_help(const struct cmd_entry *, const char *);
/* Text from a file, made safe to print (controls become '?'; newlines stay
 * when asked). The result lives until eight more calls have been made. */
const char *cmd_safe(const char *);
const char *cmd_safe_lines(const char *);
const char *cmd_cell(const char *, int, bool);
/* Open the workspace, printing the problem on failure. */
struct workspace *cmd_open(const char *, int);
/* wafr lens diff and wafr lens upgrade (cmd-lens-upgrade.c). */
int	cmd_lens_diff(int, char **);
int	cmd_lens_upgrade(int, char **);
extern const char lens_upgrade_help[];	/* their lines in "lens --help" */

#define CMD_LIST(X) \
	X(init) X(status) X(answer) X(lens) X(agenda) X(plan) X(roadmap) \
	X(report) X(workload) X(import) X(export) X(milestone) X(milestones) \
	X(diff) X(sync) X(log) X(undo) X(redo) X(open) X(present)
#define X(n) extern const struct cmd_entry cmd_##n##_entry;
CMD_LIST(X)
#undef X

#endif
