/* cmd-export.c: wafr export DIR --format aws: input for the AWS tool.
 *
 * One "update-answer --cli-input-json" document per question. With -o DIR:
 * DIR/<lens>/<question>.json each, and DIR/apply.sh that sends them all in
 * lens order; without -o: one JSON list on the standard output. A file is
 * named by its id when the id is safe as a name, escaped otherwise
 * (aws_file_name); no two questions share one. A note over the AWS limit
 * is cut in the file only: wafr keeps it whole. */
#include "config.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>

#include "report/aws.h"
#include "cli/cmd.h"
#include "base/util.h"

static const char options[] = N_(
"  -f, --format aws          the AWS Well-Architected Tool (the only one)\n"
"  -o, --output DIR          write DIR/LENS/QUESTION.json and DIR/apply.sh\n"
"                            (default: one JSON list on standard output)\n"
"  -w, --workload-id ID      the AWS workload (default: a placeholder;\n"
"                            apply.sh also takes it as its argument)\n"
"  -l, --lens ID             export only this lens\n"
"  -a, --lens-alias [ID=]ALIAS  the AWS lens alias or ARN of lens ID\n"
"                            (default: the lens id; custom lenses need ARN)\n"
"      --all                 also questions not answered (clears them)\n");

struct alias {
	const char	*lens;	/* NULL: every lens */
	const char	*alias;
};

static const char *
alias_of(const struct alias *v, size_t n, const char *lens)
{
	for (size_t i = 0; i < n; i++) {
		if (v[i].lens == NULL || strcmp(v[i].lens, lens) == 0)
			return v[i].alias;
	}
	return lens;
}

static const char apply_head[] =
"#!/bin/sh\n"
"# Send these answers to the AWS Well-Architected Tool.\n"
"# Usage: sh apply.sh [WORKLOAD-ID]   (needs the AWS CLI and credentials)\n"
"set -eu\n"
"cd \"$(dirname \"$0\")\"\n"
"workload=${1:-${WORKLOAD_ID:-}}\n"
"set --\n"
"if [ -n \"$workload\" ]; then\n"
"\tset -- --workload-id \"$workload\"\n"
"elif grep -q '" AWS_WORKLOAD_PLACEHOLDER "' ./*/*.json; then\n"
"\techo \"apply.sh: give the workload id: sh apply.sh WORKLOAD-ID\" >&2\n"
"\texit 2\n"
"fi\n"
"n=0\n"
"for f in";

static const char apply_tail[] =
"\ndo\n"
"\taws wellarchitected update-answer --cli-input-json \"file://$f\" \"$@\" \\\n"
"\t    >/dev/null\n"
"\tn=$((n + 1))\n"
"done\n"
"echo \"$n answers updated\"\n";

/* The names used in one directory. Two ids must never share a file (one
 * answer would not be sent): aws_file_name gives distinct ids distinct
 * names, and names differing only in case, one file on some systems, are
 * told apart here by "=2", "=3"... in lens order, so the same lens gets the
 * same names on every export. */
struct names {
	char	**v;
	size_t	  n;
	size_t	  cap;
};

static bool
name_used(const struct names *used, const char *name)
{
	for (size_t i = 0; i < used->n; i++) {
		if (strcasecmp(used->v[i], name) == 0)
			return true;
	}
	return false;
}

/* A file name from an id, safe in a path and between shell quotes. */
static char *
unique_name(struct names *used, const char *id)
{
	char	*base = aws_file_name(id), *name = xstrdup(base);

	for (unsigned k = 2; name_used(used, name); k++) {
		free(name);
		name = xasprintf("%s=%u", base, k);
	}
	free(base);
	*ARRAY_PUSH(used->v, used->n, used->cap) = xstrdup(name);
	return name;
}

static void
names_free(struct names *used)
{
	for (size_t i = 0; i < used->n; i++)
		free(used->v[i]);
	free(used->v);
	*used = (struct names){ 0 };
}

static int
cmd_export_exec(int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "format", required_argument, NULL, 'f' },
		{ "output", required_argument, NULL, 'o' },
		{ "workload-id", required_argument, NULL, 'w' },
		{ "lens", required_argument, NULL, 'l' },
		{ "lens-alias", required_argument, NULL, 'a' },
		{ "all", no_argument, NULL, 'A' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 }
	};
	struct workspace	*ws;
	struct alias		*aliases;
	size_t			 naliases = 0;
	const char		*format = NULL, *out = NULL, *workload = NULL;
	const char		*only = NULL;
	struct buf		 list = { 0 }, apply = { 0 };
	struct names		 dirs = { 0 };
	bool			 all = false;
	char			*cause = NULL, *eq;
	int			 c, ret = EXIT_DATA;
	unsigned		 n = 0, ncut = 0;

	aliases = xcalloc((size_t)argc + 1, sizeof *aliases);
	while ((c = getopt_long(argc, argv, "f:o:w:l:a:h", longopts,
	    NULL)) != -1) {
		switch (c) {
		case 'f':
			format = optarg;
			break;
		case 'o':
			out = optarg;
			break;
		case 'w':
			workload = optarg;
			break;
		case 'l':
			only = optarg;
			break;
		case 'a':
			if ((eq = strchr(optarg, '=')) != NULL) {
				*eq = '\0';
				aliases[naliases].lens = optarg;
				aliases[naliases++].alias = eq + 1;
			} else
				aliases[naliases++].alias = optarg;
			break;
		case 'A':
			all = true;
			break;
		case 'h':
			free(aliases);
			return cmd_help(&cmd_export_entry, options);
		default:
			free(aliases);
			return cmd_usage(&cmd_export_entry, _("bad option"));
		}
	}
	if (argc - optind != 1 || format == NULL || strcmp(format, "aws") != 0) {
		free(aliases);
		return cmd_usage(&cmd_export_entry, argc - optind != 1 ?
		    _("one DIR expected") : _("--format aws expected"));
	}
	if ((ws = cmd_open(argv[optind], WS_READONLY)) == NULL) {
		free(aliases);
		return EXIT_DATA;
	}
	if (only != NULL) {
		bool found = false;

		for (size_t i = 0; i < ws->state.nlenses; i++)
			found = found || strcmp(ws->state.lenses[i]->id, only) == 0;
		if (!found) {
			cmd_error(_("the workspace has no lens \"%s\""),
			    cmd_safe(only));
			goto out;
		}
	}
	/* An alias without a lens id names the one lens exported. */
	for (size_t i = 0; i < naliases; i++) {
		if (aliases[i].lens == NULL && only == NULL &&
		    ws->state.nlenses > 1) {
			cmd_usage(&cmd_export_entry, ngettext("the workspace "
			    "has %zu lens: give --lens-alias ID=ALIAS or --lens "
			    "ID", "the workspace has %zu lenses: give "
			    "--lens-alias ID=ALIAS or --lens ID",
			    ws->state.nlenses), ws->state.nlenses);
			ret = EXIT_USAGE;
			goto out;
		}
	}
	if (out != NULL && mkdir_p(out, 0777, &cause) != 0) {
		cmd_error("%s", cmd_safe(cause));
		goto out;
	}
	buf_adds(&list, "[");
	buf_adds(&apply, apply_head);
	/* A lens directory never takes the name of apply.sh. */
	*ARRAY_PUSH(dirs.v, dirs.n, dirs.cap) = xstrdup("apply.sh");
	for (size_t i = 0; i < ws->state.nlenses; i++) {
		const struct lens	*l = ws->state.lenses[i];
		const char		*alias = alias_of(aliases, naliases, l->id);
		struct names		 files = { 0 };
		char			*dir = NULL, *lname;

		if (only != NULL && strcmp(only, l->id) != 0)
			continue;
		lname = unique_name(&dirs, l->id);
		if (out != NULL) {
			dir = path_join(out, lname);
			if (mkdir_p(dir, 0777, &cause) != 0) {
				cmd_error("%s", cmd_safe(cause));
				free(dir);
				free(lname);
				goto out;
			}
		}
		for (size_t j = 0; j < l->npillars; j++) {
			const struct pillar *p = &l->pillars[j];

			for (size_t k = 0; k < p->nquestions; k++) {
				const struct question	*q = &p->questions[k];
				struct qref		 ref = { i, q };
				const struct answer	*a;
				char			*json, *name, *path;
				bool			 cut;

				a = state_answer(&ws->state, &ref);
				if (!all && answer_is_empty(a))
					continue;
				json = aws_update_input(q, a, alias, workload,
				    &cut);
				if (cut) {
					char *id = xasprintf("%s/%s", l->id,
					    q->id);

					/* Cut in what is sent; wafr's note
					 * stays whole, and an import of this
					 * file keeps it (aws_map_answer). */
					cmd_error(ngettext("%s: the note is "
					    "over the AWS limit of %d "
					    "character: cut", "%s: the note is "
					    "over the AWS limit of %d "
					    "characters: cut", AWS_MAX_NOTES),
					    cmd_safe(id), AWS_MAX_NOTES);
					free(id);
					ncut++;
				}
				n++;
				if (out == NULL) {
					buf_adds(&list, n > 1 ? ",\n" : "\n");
					buf_add(&list, json, strlen(json) - 1);
					free(json);
					continue;
				}
				name = unique_name(&files, q->id);
				path = xasprintf("%s/%s.json", dir, name);
				buf_printf(&apply, " \\\n\t'%s/%s.json'", lname,
				    name);
				free(name);
				if (write_file_atomic(path, json, strlen(json),
				    &cause) != 0) {
					cmd_error("%s", cmd_safe(cause));
					free(path);
					free(json);
					free(dir);
					free(lname);
					names_free(&files);
					goto out;
				}
				free(path);
				free(json);
			}
		}
		free(dir);
		free(lname);
		names_free(&files);
	}
	if (out == NULL) {
		buf_adds(&list, "\n]\n");
		fputs(list.s, stdout);
	} else {
		char	*path = path_join(out, "apply.sh");
		mode_t	 mask;

		buf_adds(&apply, apply_tail);
		if (write_file_atomic(path, apply.s, apply.len, &cause) != 0) {
			cmd_error("%s", cmd_safe(cause));
			free(path);
			goto out;
		}
		/* Executable as a new script would be: the umask decides
		 * who may run it (and can only be read by setting it). */
		mask = umask(022);
		umask(mask);
		if (chmod(path, 0777 & ~mask) != 0)
			cmd_error(_("%s: cannot make it executable"), path);
		free(path);
		printf(ngettext("%u answer written to %s (send it: sh "
		    "%s/apply.sh%s)\n", "%u answers written to %s (send them: "
		    "sh %s/apply.sh%s)\n", n), n, cmd_safe(out), cmd_safe(out), workload == NULL ?
		    _(" WORKLOAD-ID") : "");
	}
	if (ncut > 0)
		cmd_error(ngettext("%u note cut to the AWS limit",
		    "%u notes cut to the AWS limit", ncut), ncut);
	ret = EXIT_OK;
out:
	buf_free(&list);
	buf_free(&apply);
	names_free(&dirs);
	free(cause);
	free(aliases);
	ops_close(ws);
	return ret;
}

const struct cmd_entry cmd_export_entry = {
	"export", N_("DIR --format aws [-o DIR] [--workload-id ID] [--lens ID] "
	    "[--lens-alias [ID=]ALIAS] [--all]"),
	N_("export answers for the AWS Well-Architected Tool"), cmd_export_exec
};
