/* settings.c: reading the configuration file. */
#include "config.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "files/settings.h"
#include "base/util.h"

const char *const settings_themes[] = {
	"dark", "light", "projector", "mono", NULL
};

char *
settings_path(void)
{
	const char *xdg = getenv("XDG_CONFIG_HOME"), *home = getenv("HOME");

	if (xdg != NULL && *xdg == '/')
		return xasprintf("%s/wafr/config", xdg);
	return xasprintf("%s/.config/wafr/config", home != NULL ? home : ".");
}

/* Split a line into words; "double quotes" group, \" and \\ escape. */
static int
split(char *line, char **words, int max, const char **error)
{
	int	 n = 0;
	char	*p = line, *out;

	for (;;) {
		while (*p == ' ' || *p == '\t')
			p++;
		if (*p == '\0' || *p == '#')
			return n;
		if (n == max) {
			*error = _("too many words");
			return -1;
		}
		words[n++] = out = p;
		if (*p == '"') {
			words[n - 1] = out = ++p;
			while (*p != '"') {
				if (*p == '\0') {
					*error = _("unterminated quote");
					return -1;
				}
				if (*p == '\\' && (p[1] == '"' || p[1] == '\\'))
					p++;
				*out++ = *p++;
			}
			p++;
			if (*p != '\0' && *p != ' ' && *p != '\t') {
				*error = _("text after a closing quote");
				return -1;
			}
		} else {
			while (*p != '\0' && *p != ' ' && *p != '\t')
				*out++ = *p++;
		}
		if (*p != '\0')
			p++;
		*out = '\0';
	}
}

static void
set(struct settings *c, char **words, int n, struct diags *d, int line)
{
	char **dst = NULL;

	if (n != 3) {
		diag_add(d, SEV_ERROR, line, 0, "%s",
		    _("usage: set NAME VALUE"));
		return;
	}
	if (strcmp(words[1], "theme") == 0) {
		size_t i;

		for (i = 0; settings_themes[i] != NULL; i++) {
			if (strcmp(settings_themes[i], words[2]) == 0)
				break;
		}
		if (settings_themes[i] == NULL) {
			diag_add(d, SEV_ERROR, line, 0, _("unknown theme \"%s\" "
			    "(dark, light, projector or mono)"), words[2]);
			return;
		}
		dst = &c->theme;
	} else if (strcmp(words[1], "lens") == 0)
		dst = &c->lens;
	else if (strcmp(words[1], "author") == 0)
		dst = &c->author;
	else {
		diag_add(d, SEV_ERROR, line, 0, _("unknown setting \"%s\""),
		    words[1]);
		return;
	}
	free(*dst);
	*dst = xstrdup(words[2]);
}

static void
bind(struct settings *c, const char *key, const char *action, int line)
{
	struct binding *b = ARRAY_PUSH(c->bindings, c->nbindings, c->cap);

	b->key = xstrdup(key);
	b->action = action != NULL ? xstrdup(action) : NULL;
	b->line = line;
}

void
settings_load(struct settings *c, const char *path, struct diags *d)
{
	FILE	*f;
	char	*line = NULL, *words[4];
	size_t	 size = 0;
	ssize_t	 len;
	int	 lineno = 0, n;

	*c = (struct settings){ .path = xstrdup(path) };
	if ((f = fopen(path, "r")) == NULL) {
		if (errno != ENOENT)
			diag_add(d, SEV_ERROR, 0, 0, "%s", strerror(errno));
		return;
	}
	while ((len = getline(&line, &size, f)) != -1) {
		const char *error = NULL;

		lineno++;
		if (len > 0 && line[len - 1] == '\n')
			line[--len] = '\0';
		if (!utf8_valid(line, (size_t)len)) {
			diag_add(d, SEV_ERROR, lineno, 0, "%s",
			    _("not valid UTF-8"));
			continue;
		}
		if ((n = split(line, words, (int)nitems(words), &error)) < 0) {
			diag_add(d, SEV_ERROR, lineno, 0, "%s", error);
			continue;
		}
		if (n == 0)
			continue;
		if (strcmp(words[0], "set") == 0)
			set(c, words, n, d, lineno);
		else if (strcmp(words[0], "bind") == 0 && n == 3)
			bind(c, words[1], words[2], lineno);
		else if (strcmp(words[0], "unbind") == 0 && n == 2)
			bind(c, words[1], NULL, lineno);
		else if (strcmp(words[0], "bind") == 0)
			diag_add(d, SEV_ERROR, lineno, 0, "%s",
			    _("usage: bind KEY ACTION"));
		else if (strcmp(words[0], "unbind") == 0)
			diag_add(d, SEV_ERROR, lineno, 0, "%s",
			    _("usage: unbind KEY"));
		else
			diag_add(d, SEV_ERROR, lineno, 0,
			    _("unknown command \"%s\" (set, bind or unbind)"),
			    words[0]);
	}
	free(line);
	fclose(f);
}

void
settings_free(struct settings *c)
{
	for (size_t i = 0; i < c->nbindings; i++) {
		free(c->bindings[i].key);
		free(c->bindings[i].action);
	}
	free(c->bindings);
	free(c->path);
	free(c->theme);
	free(c->lens);
	free(c->author);
	*c = (struct settings){ 0 };
}

static void
dump_word(FILE *f, const char *s)
{
	fputc('"', f);
	for (; *s != '\0'; s++) {
		if (*s == '"' || *s == '\\')
			fputc('\\', f);
		fputc(*s, f);
	}
	fputc('"', f);
}

void
settings_dump_settings(const struct settings *c, FILE *f)
{
	fputs("set theme ", f);
	dump_word(f, c->theme != NULL ? c->theme : "dark");
	fputs("\nset lens ", f);
	dump_word(f, c->lens != NULL ? c->lens : "wellarchitected");
	fputs("\nset author ", f);
	dump_word(f, c->author != NULL ? c->author : "");
	fputc('\n', f);
}

void
settings_author(const struct settings *c, char **name, char **email)
{
	const char *lt, *gt;

	*name = *email = NULL;
	if (c->author == NULL || *c->author == '\0')
		return;
	lt = strchr(c->author, '<');
	gt = lt != NULL ? strchr(lt, '>') : NULL;
	if (lt == NULL || gt == NULL) {
		*name = xstrdup(c->author);
		return;
	}
	*email = xstrndup(lt + 1, (size_t)(gt - lt - 1));
	while (lt > c->author && lt[-1] == ' ')
		lt--;
	if (lt > c->author)
		*name = xstrndup(c->author, (size_t)(lt - c->author));
}
