/* diag.h: positioned diagnostics (FILE:LINE:COLUMN: error|warning: message). */
#ifndef WAFR_DIAG_H
#define WAFR_DIAG_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

enum severity { SEV_WARNING, SEV_ERROR };

struct diag {
	enum severity	 sev;
	int		 line;	/* 1-based; 0 when unknown */
	int		 col;
	char		*msg;
};

struct diags {
	char		*file;	/* the name printed before each message */
	struct diag	*v;
	size_t		 n;
	size_t		 cap;
	size_t		 nerrors;
	bool		 aws_limits;	/* over-long fields are errors, not warnings */
};

void	diags_init(struct diags *, const char *);
void	diag_add(struct diags *, enum severity, int, int, const char *, ...)
	    __attribute__((format(printf, 5, 6)));
void	diags_print(const struct diags *, FILE *);
/* The first error as one line, for callers that show a single message. */
char	*diags_first_error(const struct diags *);
void	diags_free(struct diags *);

#endif
