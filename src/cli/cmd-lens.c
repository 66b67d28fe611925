/* cmd-lens.c: wafr lens check|list|convert|add|remove: validate, list and
 * convert lenses; add a lens to a workspace or remove one. */
#include "config.h"

#include <dirent.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "cli/cmd.h"
#include "model/lens-check.h"
#include "files/lens-emit.h"
#include "files/lens-load.h"
#include "report/lens-aws.h"
#include "base/util.h"

#define AWS_MAX_LENS_SIZE	(500 * 1024)	/* bytes of a custom-lens file */

static int
cmd_lens_check(int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "aws", no_argument, NULL, 'a' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 }
	};
	bool	aws = false;
	int	c, ret = EXIT_OK;

	while ((c = getopt_long(argc, argv, "ah", longopts, NULL)) != -1) {
		switch (c) {
		case 'a':
			aws = true;
			break;
		case 'h':
			printf(_("Usage: wafr lens check [--aws] FILE...\n"
			    "Validate lens files; print one line per problem.\n"
			    "\n      --aws    also enforce the limits of the AWS "
			    "Well-Architected Tool\n"));
			return EXIT_OK;
		default:
			return cmd_usage(&cmd_lens_entry, _("bad option"));
		}
	}
	if (optind == argc)
		return cmd_usage(&cmd_lens_entry, _("FILE expected"));
	for (int i = optind; i < argc; i++) {
		struct diags	 d;
		struct lens	*l;
		struct stat	 sb;

		diags_init(&d, argv[i]);
		d.aws_limits = aws;
		l = lens_load_file(argv[i], &d);
		if (l != NULL)
			lens_check(l, aws, &d);
		if (l != NULL && aws && l->format == LENS_AWS_JSON &&
		    stat(argv[i], &sb) == 0 && sb.st_size > AWS_MAX_LENS_SIZE)
			diag_add(&d, SEV_ERROR, 0, 0, ngettext("the file is "
			    "%lld byte, over the AWS limit of %d", "the file is "
			    "%lld bytes, over the AWS limit of %d",
			    (unsigned long)sb.st_size), (long long)sb.st_size,
			    AWS_MAX_LENS_SIZE);
		diags_print(&d, stdout);
		if (d.nerrors > 0)
			ret = EXIT_DATA;
		lens_free(l);
		diags_free(&d);
	}
	return ret;
}

/* wafr lens convert [--to yaml|aws] FILE [-o OUT]: the YAML form of any
 * lens, or its AWS custom-lens JSON. */
static int
cmd_lens_convert(int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "output", required_argument, NULL, 'o' },
		{ "to", required_argument, NULL, 't' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 }
	};
	const char	*out = NULL;
	struct diags	 d;
	struct lens	*l;
	struct buf	 b = { 0 };
	char		*cause = NULL;
	bool		 aws = false;
	int		 c, ret = EXIT_DATA;

	while ((c = getopt_long(argc, argv, "o:t:h", longopts, NULL)) != -1) {
		switch (c) {
		case 'o':
			out = optarg;
			break;
		case 't':
			if (strcmp(optarg, "aws") != 0 &&
			    strcmp(optarg, "yaml") != 0)
				return cmd_usage(&cmd_lens_entry, _("--to takes "
				    "yaml or aws, not %s"), optarg);
			aws = strcmp(optarg, "aws") == 0;
			break;
		case 'h':
			printf(_("Usage: wafr lens convert [--to yaml|aws] FILE "
			    "[-o OUT]\n"
			    "Write the YAML form of a lens (an AWS custom-lens JSON "
			    "file, or YAML).\nFields the YAML form has no place for "
			    "are kept under \"aws:\" keys.\n"
			    "\n      --to aws       write an AWS custom-lens JSON "
			    "file instead, for the\n                     AWS "
			    "Well-Architected Tool\n"
			    "  -o, --output OUT   write to OUT, not to the standard "
			    "output\n"));
			return EXIT_OK;
		default:
			return cmd_usage(&cmd_lens_entry, _("bad option"));
		}
	}
	if (argc - optind != 1)
		return cmd_usage(&cmd_lens_entry, _("one FILE expected"));
	diags_init(&d, argv[optind]);
	l = lens_load_file(argv[optind], &d);
	if (l == NULL) {
		diags_print(&d, stderr);
		diags_free(&d);
		return EXIT_DATA;
	}
	diags_free(&d);
	if (aws) {
		char *json = lens_to_aws_json(l);

		buf_adds(&b, json);
		free(json);
	}
	if (!aws && lens_emit_yaml(l, &b, &cause) != 0)
		cmd_error("%s", cause);
	else if (out == NULL) {
		fwrite(b.s, 1, b.len, stdout);
		ret = fflush(stdout) == 0 ? EXIT_OK : EXIT_DATA;
	} else if (write_file_atomic(out, b.s, b.len, &cause) != 0)
		cmd_error("%s", cause);
	else
		ret = EXIT_OK;
	free(cause);
	buf_free(&b);
	lens_free(l);
	return ret;
}

static int
by_name(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static int
cmd_lens_list(int argc, char **argv)
{
	char		*dir = xasprintf("%s/lenses", wafr_datadir());
	char		**names = NULL;
	size_t		  n = 0, cap = 0;
	DIR		 *d;
	struct dirent	 *e;

	if (argc > 1) {
		free(dir);
		return cmd_usage(&cmd_lens_entry, _("list takes no argument"));
	}
	if ((d = opendir(dir)) == NULL) {
		cmd_error(_("%s: no bundled lenses"), dir);
		free(dir);
		return EXIT_DATA;
	}
	while ((e = readdir(d)) != NULL) {
		if (str_ends_with(e->d_name, ".yaml"))
			*ARRAY_PUSH(names, n, cap) = xstrdup(e->d_name);
	}
	closedir(d);
	qsort(names, n, sizeof *names, by_name);
	printf("%s %s %s  %s\n", cmd_cell(_("LENS"), 24, false),
	    cmd_cell(_("VERSION"), 12, false), cmd_cell(_("QUESTIONS"), 9,
	    true), _("TITLE"));
	for (size_t i = 0; i < n; i++) {
		char		*path = path_join(dir, names[i]);
		struct diags	 dg;
		struct lens	*l;

		diags_init(&dg, path);
		if ((l = lens_load_file(path, &dg)) != NULL)
			printf("%s %s %9zu  %s\n", cmd_cell(l->id, 24, false),
			    cmd_cell(l->version, 12, false), l->nquestions,
			    cmd_safe(text_get(&l->title)));
		else
			diags_print(&dg, stderr);
		lens_free(l);
		diags_free(&dg);
		free(path);
		free(names[i]);
	}
	free(names);
	free(dir);
	return EXIT_OK;
}

/* wafr lens add DIR ID|FILE, wafr lens remove DIR ID [--force]. */
static int
cmd_lens_change(int argc, char **argv, bool add)
{
	static const struct option longopts[] = {
		{ "force", no_argument, NULL, 'f' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 }
	};
	struct workspace	*ws;
	char			*cause = NULL;
	bool			 force = false;
	int			 c, r;

	optind = 0;
	while ((c = getopt_long(argc, argv, add ? "h" : "fh", longopts,
	    NULL)) != -1) {
		switch (c) {
		case 'f':
			force = true;
			break;
		case 'h':
			printf("%s", add ? _("Usage: wafr lens add DIR ID|FILE\n"
			    "Pin a bundled lens or a lens file in the workspace "
			    "and review it too.\n") : _("Usage: wafr lens "
			    "remove DIR ID [--force]\nTake a lens out of the "
			    "workspace, with its answers (refused\nwhen it has "
			    "some, unless --force; the git history keeps "
			    "them).\n"));
			return EXIT_OK;
		default:
			return cmd_usage(&cmd_lens_entry, _("bad option"));
		}
	}
	if (argc - optind != 2)
		return cmd_usage(&cmd_lens_entry, add ? _("DIR and ID or FILE "
		    "expected") : _("DIR and ID expected"));
	if ((ws = cmd_open(argv[optind], 0)) == NULL)
		return EXIT_DATA;
	r = add ? ops_lens_add(ws, argv[optind + 1], &cause) :
	    ops_lens_remove(ws, argv[optind + 1], force, &cause);
	if (r != 0) {
		cmd_error("%s", cause);
		free(cause);
	} else {
		if (ws->warning != NULL)
			cmd_error("%s", ws->warning);
		/* Added, the lens is the last one, by the id it has. */
		printf(add ? _("Lens %s added\n") : _("Lens %s removed\n"),
		    cmd_safe(add && ws->state.nlenses > 0 ?
		    ws->state.lenses[ws->state.nlenses - 1]->id :
		    argv[optind + 1]));
	}
	ops_close(ws);
	return r == 0 ? EXIT_OK : EXIT_DATA;
}

/* The subcommands' lines, those of lens versions (cmd-lens-upgrade.c)
 * after the others. */
static int
lens_help(const char *first)
{
	char	*all = xasprintf("%s%s", _(first), _(lens_upgrade_help));
	int	 r = cmd_help(&cmd_lens_entry, all);

	free(all);
	return r;
}

static int
cmd_lens_exec(int argc, char **argv)
{
	if (argc < 2)
		return cmd_usage(&cmd_lens_entry, _("a subcommand expected"));
	if (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0)
		return lens_help(N_(
		    "  check [--aws] FILE...  validate lens files\n"
		    "  list                   list the bundled lenses\n"
		    "  convert [--to yaml|aws] FILE [-o OUT]\n"
		    "                         write a lens as YAML, or as an "
		    "AWS custom lens\n"
		    "  add DIR ID|FILE        add a lens to a workspace\n"
		    "  remove DIR ID [--force]\n"
		    "                         remove a lens from a workspace\n"));
	if (strcmp(argv[1], "check") == 0)
		return cmd_lens_check(argc - 1, argv + 1);
	if (strcmp(argv[1], "list") == 0)
		return cmd_lens_list(argc - 1, argv + 1);
	if (strcmp(argv[1], "convert") == 0)
		return cmd_lens_convert(argc - 1, argv + 1);
	if (strcmp(argv[1], "diff") == 0)
		return cmd_lens_diff(argc - 1, argv + 1);
	if (strcmp(argv[1], "upgrade") == 0)
		return cmd_lens_upgrade(argc - 1, argv + 1);
	if (strcmp(argv[1], "add") == 0 || strcmp(argv[1], "remove") == 0)
		return cmd_lens_change(argc - 1, argv + 1,
		    strcmp(argv[1], "add") == 0);
	return cmd_usage(&cmd_lens_entry, _("unknown subcommand '%s'"),
	    argv[1]);
}

const struct cmd_entry cmd_lens_entry = {
	"lens", N_("check [--aws] FILE... | list | convert [--to yaml|aws] "
	    "FILE [-o OUT] | "
	    "add DIR ID|FILE | remove DIR ID [--force]"),
	N_("validate, list or convert lenses; add or remove one"),
	cmd_lens_exec
};
