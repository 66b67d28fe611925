/* main.c: global options, then the command table. */
#include "config.h"

#include <locale.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>

#include "cli/cmd.h"
#include "model/lens.h"
#include "git/history.h"
#include "ui/run.h"
#include "base/util.h"

const char *program_name = "wafr";
struct settings settings;

static const struct cmd_entry *const commands[] = {
#define X(n) &cmd_##n##_entry,
	CMD_LIST(X)
#undef X
};

/* Messages may quote files: they are printed made safe. */
int
cmd_error(const char *fmt, ...)
{
	va_list	 ap;
	char	*msg;

	va_start(ap, fmt);
	msg = xvasprintf(fmt, ap);
	va_end(ap);
	fprintf(stderr, "%s: %s\n", program_name, cmd_safe_lines(msg));
	free(msg);
	return EXIT_DATA;
}

int
cmd_usage(const struct cmd_entry *e, const char *fmt, ...)
{
	va_list ap;

	fprintf(stderr, "%s %s: ", program_name, e->name);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fprintf(stderr, "\n%s: %s %s %s\n", _("usage"), program_name, e->name,
	    _(e->usage));
	fprintf(stderr, _("Try '%s %s --help' for more information.\n"),
	    program_name, e->name);
	return EXIT_USAGE;
}

int
cmd_help(const struct cmd_entry *e, const char *options)
{
	printf("%s: %s %s %s\n%s\n", _("Usage"), program_name, e->name,
	    _(e->usage), _(e->summary));
	if (options != NULL && *options != '\0')
		printf("\n%s", _(options));
	printf(_("\nSee wafr(1) for more.\n"));
	return EXIT_OK;
}

static char	*safe_ring[8];
static size_t	 safe_next;

static const char *
safe(const char *s, bool lines)
{
	struct buf b = { 0 };

	buf_add_printable(&b, s != NULL ? s : "", lines);
	free(safe_ring[safe_next]);
	safe_ring[safe_next] = buf_take(&b);
	s = safe_ring[safe_next];
	safe_next = (safe_next + 1) % nitems(safe_ring);
	return s;
}

const char *
cmd_safe(const char *s)
{
	return safe(s, false);
}

/* A table cell: safe text cut or padded to a width in columns, counted as
 * the terminal counts them (a UTF-8 title in German or French lines up). */
const char *
cmd_cell(const char *s, int width, bool right)
{
	const char	*p = safe(s, false);
	struct buf	 b = { 0 };
	mbstate_t	 st;
	int		 used = 0;

	memset(&st, 0, sizeof st);
	while (*p != '\0') {
		wchar_t	wc;
		size_t	n = 1;
		int	w = 1;

		/* Printable ASCII, most of any cell, is one column. */
		if ((unsigned char)*p < 0x20 || (unsigned char)*p >= 0x7f) {
			ctype_need();
			n = mbrtowc(&wc, p, strlen(p), &st);
			if (n == (size_t)-1 || n == (size_t)-2 || n == 0)
				break;
			if ((w = wcwidth(wc)) < 0)
				w = 1;
		}
		if (used + w > width)
			break;
		buf_add(&b, p, n);
		used += w;
		p += n;
	}
	buf_adds(&b, "");
	if (right) {
		struct buf pad = { 0 };

		for (; used < width; used++)
			buf_addc(&pad, ' ');
		buf_adds(&pad, b.s);
		buf_free(&b);
		b = pad;
	} else
		for (; used < width; used++)
			buf_addc(&b, ' ');
	free(safe_ring[safe_next]);
	safe_ring[safe_next] = buf_take(&b);
	p = safe_ring[safe_next];
	safe_next = (safe_next + 1) % nitems(safe_ring);
	return p;
}

const char *
cmd_safe_lines(const char *s)
{
	return safe(s, true);
}

struct workspace *
cmd_open(const char *dir, int flags)
{
	struct workspace	*ws;
	char			*cause = NULL;

	if (ops_open(dir, flags, &ws, &cause) != 0) {
		cmd_error("%s", cause);
		free(cause);
		return NULL;
	}
	/* REPORT.md a moment after the command (ops_close), off its path. */
	ws->report_later = true;
	return ws;
}

static void
usage(FILE *f)
{
	fprintf(f, _("Usage: %s DIR\n"
	    "       %s COMMAND [OPTION]... [ARG]...\n"
	    "A terminal facilitator for Well-Architected style architecture "
	    "reviews.\n\nCommands:\n"), program_name, program_name);
	for (size_t i = 0; i < nitems(commands); i++)
		fprintf(f, "  %-11s %s\n", commands[i]->name,
		    _(commands[i]->summary));
	fprintf(f, _("\nOptions:\n"
	    "  -h, --help         display this help and exit\n"
	    "  -V, --version      output version information and exit\n"
	    "      --dump-config  print the effective configuration\n"
	    "\nRun '%s COMMAND --help' for the options of a command.\n"
	    "Exit status: 0 success, 1 a data or user error, 2 a usage "
	    "error.\n"), program_name);
}

static void
version(void)
{
	printf("wafr %s\n", PACKAGE_VERSION);
	printf(_("Copyright (C) 2026 the wafr authors.\n"
	    "License GPLv3+: GNU GPL version 3 or later "
	    "<https://gnu.org/licenses/gpl.html>.\n"
	    "This is free software: you are free to change and redistribute "
	    "it.\nThere is NO WARRANTY, to the extent permitted by law.\n"));
}

/* Bad lines are reported and skipped: the rest of the file still applies. */
static void
load_settings(void)
{
	struct diags	 d;
	char		*path = settings_path();

	diags_init(&d, path);
	settings_load(&settings, path, &d);
	diags_print(&d, stderr);
	diags_free(&d);
	free(path);
}

static void
free_settings(void)
{
	history_set_author(NULL, NULL);
	workspace_set_author(NULL);
	settings_free(&settings);
	for (size_t i = 0; i < nitems(safe_ring); i++)
		free(safe_ring[i]);
}

/* The settings and every key binding, as a file that reads back the same. */
static int
dump_config(void)
{
	struct diags d;

	diags_init(&d, settings.path);
	printf(_("# wafr configuration (%s)\n"), cmd_safe(settings.path));
	settings_dump_settings(&settings, stdout);
	ui_dump_bindings(&settings, &d, stdout);
	diags_print(&d, stderr);
	diags_free(&d);
	return EXIT_OK;
}

static const struct cmd_entry *
find_command(const char *name)
{
	for (size_t i = 0; i < nitems(commands); i++) {
		if (strcmp(commands[i]->name, name) == 0)
			return commands[i];
	}
	return NULL;
}

/* The categories wafr uses (characters, messages, dates, sorting and
 * numbers): each one set costs a file to read at every start. */
static const struct {
	int		 category;
	const char	*var;
} categories[] = {
	{ LC_CTYPE, "LC_CTYPE" }, { LC_MESSAGES, "LC_MESSAGES" },
	{ LC_TIME, "LC_TIME" }, { LC_COLLATE, "LC_COLLATE" },
	{ LC_NUMERIC, "LC_NUMERIC" }
};

/* Whether a locale name is C's, in its UTF-8 form or not ("C", "POSIX",
 * "C.UTF-8", "C.utf8"). */
static bool
is_c_locale(const char *name)
{
	const char	*p;
	char		 codeset[8];
	size_t		 n = 0;

	if (strcmp(name, "C") == 0 || strcmp(name, "POSIX") == 0)
		return true;
	if (strncmp(name, "C.", 2) != 0)
		return false;
	for (p = name + 2; *p != '\0' && n < sizeof codeset - 1; p++) {
		if (*p != '-')
			codeset[n++] = (char)(*p | 0x20);
	}
	codeset[n] = '\0';
	return *p == '\0' && strcmp(codeset, "utf8") == 0;
}

/* The name setlocale(CATEGORY, "") takes from the environment. */
static const char *
asked_locale(const char *var)
{
	const char *v;

	if (((v = getenv("LC_ALL")) != NULL && *v != '\0') ||
	    ((v = getenv(var)) != NULL && *v != '\0') ||
	    ((v = getenv("LANG")) != NULL && *v != '\0'))
		return v;
	return "C";
}

/* From the environment (NAME ""), a category asked to be C or C.UTF-8 is
 * left as it starts, C: beside the characters, which are set, C.UTF-8
 * differs from C only in the names of its codesets. Messages are the
 * exception when LANGUAGE is set, as gettext ignores it in "C" only. */
static bool
use_locale(const char *name)
{
	const char	*lang = getenv("LANGUAGE");
	bool		 language = lang != NULL && *lang != '\0';

	for (size_t i = 0; i < nitems(categories); i++) {
		/* Characters too, while no message is translated: gettext
		 * converts translations to LC_CTYPE's codeset. */
		if (*name == '\0' && categories[i].category == LC_CTYPE &&
		    !language && is_c_locale(asked_locale("LC_MESSAGES")) &&
		    is_c_locale(asked_locale("LC_CTYPE"))) {
			ctype_defer(asked_locale("LC_CTYPE"));
			continue;
		}
		if (*name == '\0' && categories[i].category != LC_CTYPE &&
		    (categories[i].category != LC_MESSAGES || !language) &&
		    is_c_locale(asked_locale(categories[i].var)))
			continue;
		if (setlocale(categories[i].category, name) == NULL)
			return false;
	}
	return true;
}

/* The locale the environment asks for may not be installed: then take a
 * UTF-8 locale that is always there, and still speak the language asked
 * for (gettext follows LANGUAGE in any locale but "C"). */
static void
set_locale(void)
{
	static const char *const vars[] = { "LC_ALL", "LC_MESSAGES", "LANG" };
	static char	 lang[64];
	const char	*want = NULL, *v;
	size_t		 n;

	if (use_locale(""))
		return;
	ctype_need();	/* what follows sets it */
	for (size_t i = 0; i < nitems(vars) && want == NULL; i++) {
		if ((v = getenv(vars[i])) != NULL && *v != '\0')
			want = v;
	}
	if (!use_locale("C.UTF-8") && !use_locale("C.utf8"))
		use_locale("C");
	if (want == NULL || ((v = getenv("LANGUAGE")) != NULL && *v != '\0'))
		return;
	/* "de_DE.UTF-8@euro" asks for "de_DE". */
	n = strcspn(want, ".@");
	if (n == 0 || n >= sizeof lang || strncmp(want, "C", n) == 0 ||
	    strncmp(want, "POSIX", n) == 0)
		return;
	memcpy(lang, want, n);
	lang[n] = '\0';
	setenv("LANGUAGE", lang, 1);
}

int
main(int argc, char **argv)
{
	const struct cmd_entry	*e;
	const char		*lang;
	char			*name, *email;

	set_locale();
#if ENABLE_NLS
	/* WAFR_LOCALEDIR: catalogues not yet installed (the test suite). */
	bindtextdomain(PACKAGE, getenv("WAFR_LOCALEDIR") != NULL ?
	    getenv("WAFR_LOCALEDIR") : LOCALEDIR);
	textdomain(PACKAGE);
#endif
	if ((lang = getenv("LANGUAGE")) == NULL || *lang == '\0')
		lang = setlocale(LC_MESSAGES, NULL);
	text_set_language(lang);

	if (argc < 2) {
		usage(stderr);
		return EXIT_USAGE;
	}
	load_settings();
	atexit(free_settings);
	settings_author(&settings, &name, &email);
	history_set_author(name, email);
	workspace_set_author(name);
	free(name);
	free(email);
	if (strcmp(argv[1], "--dump-config") == 0)
		return dump_config();
	if (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0) {
		usage(stdout);
		return EXIT_OK;
	}
	if (strcmp(argv[1], "--version") == 0 || strcmp(argv[1], "-V") == 0) {
		version();
		return EXIT_OK;
	}
	if (argv[1][0] == '-') {
		fprintf(stderr, _("%s: unknown option '%s'\n"), program_name,
		    argv[1]);
		usage(stderr);
		return EXIT_USAGE;
	}
	if ((e = find_command(argv[1])) != NULL)
		return e->exec(argc - 1, argv + 1);
	/* "wafr DIR" opens the review. */
	if ((e = find_command("open")) != NULL && argc == 2)
		return e->exec(argc, argv);
	fprintf(stderr, _("%s: unknown command '%s'\n"), program_name, argv[1]);
	usage(stderr);
	return EXIT_USAGE;
}
