/* test-settings.c: the configuration file. */
#include "config.h"

#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "files/settings.h"
#include "tap.h"
#include "base/util.h"

static const char file[] =
"# wafr configuration\n"
"set theme projector\n"
"\n"
"set lens serverless   # trailing comment\n"
"set author \"Ana Lima <ana@example.org>\"\n"
"set theme neon\n"
"bind F5 toggle\n"
"unbind q\n"
"bind x\n"
"frobnicate all\n"
"set author \"unterminated\n"
"set colour red\n";

int
main(void)
{
	char		 path[] = "/tmp/wafr-config.XXXXXX";
	struct settings	 c;
	struct diags	 d;
	char		*name, *email, *p;
	int		 fd = mkstemp(path);

	if (fd < 0 || write(fd, file, strlen(file)) != (ssize_t)strlen(file))
		return 1;
	close(fd);
	diags_init(&d, path);
	settings_load(&c, path, &d);
	is_str(c.theme, "projector", "a bad theme line leaves the good one");
	is_str(c.lens, "serverless", "a trailing comment is ignored");
	is_str(c.author, "Ana Lima <ana@example.org>", "a quoted value");
	settings_author(&c, &name, &email);
	is_str(name, "Ana Lima", "author name");
	is_str(email, "ana@example.org", "author email");
	free(name);
	free(email);
	is_int(c.nbindings, 2, "a binding and an unbinding");
	ok(streq(c.bindings[0].key, "F5") && streq(c.bindings[0].action,
	    "toggle") && c.bindings[0].line == 7, "bind F5 toggle, line 7");
	ok(streq(c.bindings[1].key, "q") && c.bindings[1].action == NULL,
	    "unbind q");
	is_int(d.n, 5, "five bad lines reported");
	{
		const int lines[] = { 6, 9, 10, 11, 12 };
		int good = d.n == 5;

		for (size_t i = 0; good && i < 5; i++)
			good = d.v[i].line == lines[i] && d.v[i].col == 0;
		ok(good, "each at its line");
	}
	p = diags_first_error(&d);
	ok(strncmp(p, path, strlen(path)) == 0 &&
	    strstr(p, ":6: error: unknown theme \"neon\"") != NULL,
	    "FILE:LINE: message: %s", p);
	free(p);
	settings_free(&c);
	diags_free(&d);
	unlink(path);

	diags_init(&d, "/nonexistent/config");
	settings_load(&c, "/nonexistent/config", &d);
	ok(d.n == 0 && c.theme == NULL, "a missing file is an empty "
	    "configuration");
	settings_free(&c);
	diags_free(&d);

	setenv("XDG_CONFIG_HOME", "/x", 1);
	p = settings_path();
	is_str(p, "/x/wafr/config", "XDG_CONFIG_HOME");
	free(p);
	unsetenv("XDG_CONFIG_HOME");
	setenv("HOME", "/h", 1);
	p = settings_path();
	is_str(p, "/h/.config/wafr/config", "the default path");
	free(p);
	return tap_done();
}
