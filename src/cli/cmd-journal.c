/* cmd-journal.c: wafr log, wafr undo, wafr redo: the journal of changes. */
#include "config.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "base/util.h"
#include "cli/cmd.h"
#include "report/json.h"

static void
format_time(int64_t t, bool iso, char *out, size_t size)
{
	time_t		 tt = (time_t)t;
	struct tm	 tm;

	if (gmtime_r(&tt, &tm) == NULL)
		memset(&tm, 0, sizeof tm);
	strftime(out, size, iso ? "%Y-%m-%dT%H:%M:%SZ" : "%Y-%m-%d %H:%M:%S",
	    &tm);
}

/* The risk of the entry's question before and after it, when it changed
 * an answer of a question the workspace has. */
static bool
risks(const struct workspace *ws, const struct journal_entry *e,
    enum risk *before, enum risk *after)
{
	const struct store_change	*c = NULL;
	struct answer			 a, b;
	struct qref			 ref;

	/* One answer: a change of many questions has no one risk. */
	for (size_t i = 0; i < e->nchanges; i++) {
		if (e->changes[i].table != TABLE_ANSWERS)
			continue;
		if (c != NULL)
			return false;
		c = &e->changes[i];
	}
	if (c != NULL && state_find_key(&ws->state, c->key, &ref) == 0) {
		answer_init(&a);
		answer_init(&b);
		if (c->before != NULL && answer_decode(c->before, c->nbefore,
		    &a) != 0)
			answer_init(&a);
		if (c->after != NULL && answer_decode(c->after, c->nafter,
		    &b) != 0)
			answer_init(&b);
		*before = question_risk(ref.q, &a);
		*after = question_risk(ref.q, &b);
		answer_free(&a);
		answer_free(&b);
		return true;
	}
	return false;
}

/* The entry changed the question of key: its target, or one of many
 * (a batch, an import). */
static bool
touches(const struct journal_entry *e, const char *key)
{
	if (streq(e->target, key))
		return true;
	for (size_t i = 0; i < e->nchanges; i++) {
		if ((e->changes[i].table == TABLE_ANSWERS ||
		    e->changes[i].table == TABLE_ROADMAP) &&
		    streq(e->changes[i].key, key))
			return true;
	}
	return false;
}

static void
print_json(const struct workspace *ws, const struct journal_entry *v,
    size_t n)
{
	struct buf b = { 0 };

	buf_adds(&b, "[");
	for (size_t i = 0; i < n; i++) {
		const struct journal_entry	*e = &v[i];
		enum risk			 from, to;
		char				 t[32];

		format_time(e->time, true, t, sizeof t);
		buf_printf(&b, "%s\n {\"seq\": %llu, \"time\": \"%s\", "
		    "\"author\": ", i > 0 ? "," : "",
		    (unsigned long long)e->seq, t);
		json_string(&b, e->author);
		buf_adds(&b, ", \"op\": ");
		json_string(&b, e->op);
		buf_adds(&b, ", \"target\": ");
		json_string(&b, e->target);
		buf_printf(&b, ", \"undone\": %s", e->undone ? "true" : "false");
		if (e->undoes != 0) {
			buf_printf(&b, ", \"undoes\": %llu, \"undoes_op\": ",
			    (unsigned long long)e->undoes);
			json_string(&b, e->undoes_op);
		}
		if (risks(ws, e, &from, &to))
			buf_printf(&b, ", \"risk_before\": \"%s\", "
			    "\"risk_after\": \"%s\"", risk_name(from),
			    risk_name(to));
		buf_adds(&b, "}");
	}
	buf_adds(&b, n > 0 ? "\n]\n" : "]\n");
	fputs(b.s, stdout);
	buf_free(&b);
}

static void
print_text(const struct workspace *ws, const struct journal_entry *v,
    size_t n)
{
	for (size_t i = 0; i < n; i++) {
		const struct journal_entry	*e = &v[i];
		enum risk			 from, to;
		char				 t[32];

		format_time(e->time, false, t, sizeof t);
		printf("%5llu  %s  %s  %s", (unsigned long long)e->seq, t,
		    cmd_safe(e->author), cmd_safe(e->op));
		if (e->undoes != 0)
			printf(" #%llu %s", (unsigned long long)e->undoes,
			    cmd_safe(e->undoes_op));
		if (*e->target != '\0')
			printf("  %s", cmd_safe(e->target));
		if (risks(ws, e, &from, &to) && from != to)
			printf("  %s -> %s", risk_name(from), risk_name(to));
		if (e->undone)
			printf("  %s", _("(undone)"));
		putchar('\n');
	}
}

static int
cmd_log_exec(int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "json", no_argument, NULL, 'j' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 }
	};
	struct workspace	*ws;
	struct journal_entry	*v;
	struct qref		 ref;
	char			*cause = NULL, *key = NULL;
	size_t			 n, kept = 0;
	bool			 json = false;
	int			 c, ret = EXIT_DATA;

	while ((c = getopt_long(argc, argv, "h", longopts, NULL)) != -1) {
		switch (c) {
		case 'j':
			json = true;
			break;
		case 'h':
			return cmd_help(&cmd_log_entry, N_(
			    "      --json   one JSON array of entries\n"
			    "Every change, newest first: when, who, what and "
			    "on which question or\nproperty. With QUESTION, "
			    "only the changes of that question.\n"));
		default:
			return cmd_usage(&cmd_log_entry, _("bad option"));
		}
	}
	if (argc - optind != 1 && argc - optind != 2)
		return cmd_usage(&cmd_log_entry, _("DIR [QUESTION] expected"));
	if ((ws = cmd_open(argv[optind], WS_READONLY)) == NULL)
		return EXIT_DATA;
	if (argc - optind == 2) {
		if (state_find(&ws->state, argv[optind + 1], &ref,
		    &cause) != 0) {
			cmd_error("%s", cause);
			goto out;
		}
		key = state_key(&ws->state, &ref);
	}
	if (store_journal(ws->store, 0, &v, &n, &cause) != 0) {
		cmd_error("%s", cause);
		goto out;
	}
	for (size_t i = 0; i < n; i++) {
		if (key != NULL && !touches(&v[i], key)) {
			journal_entry_free(&v[i]);
			continue;
		}
		v[kept++] = v[i];
	}
	if (json)
		print_json(ws, v, kept);
	else
		print_text(ws, v, kept);
	journal_entries_free(v, kept);
	ret = EXIT_OK;
out:
	free(key);
	free(cause);
	ops_close(ws);
	return ret;
}

static int
turn(const struct cmd_entry *entry, int argc, char **argv, bool redo)
{
	static const struct option longopts[] = {
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 }
	};
	struct workspace	*ws;
	struct journal_entry	 e;
	char			*cause = NULL;
	int			 c, r;

	while ((c = getopt_long(argc, argv, "h", longopts, NULL)) != -1) {
		if (c == 'h')
			return cmd_help(entry, redo ? N_("Reapply the change "
			    "undone last, while no other change was made "
			    "since.\n") : N_("Revert the newest change not "
			    "undone yet, made here or in any other\nterminal. "
			    "Milestones are commits: they stay.\n"));
		return cmd_usage(entry, _("bad option"));
	}
	if (argc - optind != 1)
		return cmd_usage(entry, _("one DIR expected"));
	if ((ws = cmd_open(argv[optind], 0)) == NULL)
		return EXIT_DATA;
	r = redo ? ops_redo(ws, &e, &cause) : ops_undo(ws, &e, &cause);
	if (r == 1)
		cmd_error("%s", redo ? _("nothing to redo") :
		    _("nothing to undo"));
	else if (r != 0)
		cmd_error("%s", cause);
	else {
		if (ws->warning != NULL)
			cmd_error("%s", ws->warning);
		printf("%s %s%s%s\n", redo ? _("redone:") : _("undone:"),
		    cmd_safe(e.undoes_op), *e.target != '\0' ? " " : "",
		    cmd_safe(e.target));
		journal_entry_free(&e);
	}
	free(cause);
	ops_close(ws);
	return r == 0 ? EXIT_OK : EXIT_DATA;
}

static int
cmd_undo_exec(int argc, char **argv)
{
	return turn(&cmd_undo_entry, argc, argv, false);
}

static int
cmd_redo_exec(int argc, char **argv)
{
	return turn(&cmd_redo_entry, argc, argv, true);
}

const struct cmd_entry cmd_log_entry = {
	"log", N_("DIR [QUESTION] [--json]"),
	N_("show the journal of changes, newest first"), cmd_log_exec
};

const struct cmd_entry cmd_undo_entry = {
	"undo", N_("DIR"), N_("undo the newest change"), cmd_undo_exec
};

const struct cmd_entry cmd_redo_entry = {
	"redo", N_("DIR"), N_("redo the change undone last"), cmd_redo_exec
};
