/* diag.c: collecting and printing positioned diagnostics. */
#include "config.h"

#include <stdarg.h>
#include <stdlib.h>

#include "base/diag.h"
#include "base/util.h"

void
diags_init(struct diags *d, const char *file)
{
	*d = (struct diags){ .file = xstrdup(file) };
}

void
diag_add(struct diags *d, enum severity sev, int line, int col,
    const char *fmt, ...)
{
	struct diag	*g;
	va_list		 ap;

	g = ARRAY_PUSH(d->v, d->n, d->cap);
	g->sev = sev;
	g->line = line;
	g->col = col;
	va_start(ap, fmt);
	g->msg = xvasprintf(fmt, ap);
	va_end(ap);
	if (sev == SEV_ERROR)
		d->nerrors++;
}

static char *
diag_format(const struct diags *d, const struct diag *g)
{
	const char *sev = g->sev == SEV_ERROR ? _("error") : _("warning");

	if (g->line > 0 && g->col > 0)
		return xasprintf("%s:%d:%d: %s: %s", d->file, g->line, g->col,
		    sev, g->msg);
	if (g->line > 0)
		return xasprintf("%s:%d: %s: %s", d->file, g->line, sev, g->msg);
	return xasprintf("%s: %s: %s", d->file, sev, g->msg);
}

void
diags_print(const struct diags *d, FILE *f)
{
	for (size_t i = 0; i < d->n; i++) {
		char *s = diag_format(d, &d->v[i]), *safe = str_printable(s);

		fprintf(f, "%s\n", safe);
		free(safe);
		free(s);
	}
}

char *
diags_first_error(const struct diags *d)
{
	for (size_t i = 0; i < d->n; i++) {
		if (d->v[i].sev == SEV_ERROR)
			return diag_format(d, &d->v[i]);
	}
	return xasprintf("%s: %s", d->file, _("invalid"));
}

void
diags_free(struct diags *d)
{
	for (size_t i = 0; i < d->n; i++)
		free(d->v[i].msg);
	free(d->v);
	free(d->file);
	*d = (struct diags){ 0 };
}
