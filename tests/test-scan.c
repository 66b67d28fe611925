/* test-scan.c: scan results (model/scan.h) and the streaming readers of
 * the scanners' files (files/scan-read.h). */
#include "config.h"

#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "files/scan-read.h"
#include "model/scan.h"
#include "tap.h"
#include "base/util.h"

static struct scan_result
res(const char *choice, const char *check, enum scan_status s,
    const char *resource, const char *reason)
{
	struct scan_result r = { (char *)"wellarchitected",
	    (char *)"identities", (char *)choice, (char *)check, s, 1,
	    (char *)resource, (char *)reason };

	return r;
}

struct rows {
	struct buf	b;
	int		n;
};

static int
collect(const struct scan_row *r, void *arg, char **cause)
{
	struct rows *rs = arg;

	(void)cause;
	rs->n++;
	buf_printf(&rs->b, "%d|%s|%s|%s|%s|%s|%s\n", r->line,
	    scan_status_name(r->status), r->choice != NULL ? r->choice : "-",
	    r->code != NULL ? r->code : "-", r->check, r->resource, r->reason);
	return 0;
}

static char *
temp(const char *text)
{
	char	*path = xstrdup("/tmp/wafr-scan.XXXXXX");
	int	 fd = mkstemp(path);

	if (fd < 0 || write(fd, text, strlen(text)) != (ssize_t)strlen(text))
		exit(1);
	close(fd);
	return path;
}

static const char prowler_head[] =
    "ACCOUNTID;REGION;ASSESSMENTDATE;REQUIREMENTS_ID;"
    "REQUIREMENTS_ATTRIBUTES_WELLARCHITECTEDPRACTICEID;STATUS;"
    "STATUSEXTENDED;RESOURCEID;CHECKID;MUTED\r\n";

int
main(void)
{
	struct scan_group	*g, *back;
	struct scan_result	 r;
	struct scans		 s = { 0 };
	const struct scan_ref	*refs;
	struct rows		 rows = { { 0 }, 0 };
	enum scan_format	 fmt;
	char			*text, *cause = NULL, *key, *path, *date;
	char			**keys, **texts;
	size_t			 size, n;
	struct buf		 b = { 0 };

	key = scan_group_key("prowler", "123456789012", "eu-west-1");
	is_str(key, "prowler/123456789012/eu-west-1", "a plain key");
	free(key);
	key = scan_group_key("prowler", "", "a/b c");
	is_str(key, "prowler/-/a%2Fb%20c", "%s",
	    "an empty account is -, odd bytes %XX");
	free(key);
	key = scan_group_key("prowler", "-", "x");
	is_str(key, "prowler/%2D/x", "an account named - is not the empty one");
	free(key);

	g = scan_group_new("prowler", "123456789012", "eu-west-1", "2026-11-30",
	    "p.csv");
	r = res("sec_identities_unique", "iam_rotate", SCAN_PASS, "arn:a", "ok");
	scan_group_add(g, &r);
	r.resource = (char *)"arn:b";
	scan_group_add(g, &r);
	r = res("sec_identities_unique", "iam_rotate", SCAN_FAIL, "arn:c",
	    "tab\there, new\nline, back\\slash");
	scan_group_add(g, &r);
	scan_group_add(g, &r);
	scan_group_finish(g);
	is_int(g->n, 2, "passes merge into one counted result; a failing one "
	    "given twice is kept once");
	is_int(g->results[0].count, 2, "the passes are counted");
	is_str(g->results[0].resource, "", "and lose their resource");
	is_int(g->results[1].count, 1, "the failing one counts one");

	text = scan_group_encode(g, &size);
	ok(strstr(text, "tab\\there, new\\nline, back\\\\slash") != NULL,
	    "tabs, newlines and backslashes are escaped in the text");
	ok(scan_group_decode(text, size, &back, &cause) == 0,
	    "the text reads back");
	is_str(back->results[1].reason, "tab\there, new\nline, back\\slash",
	    "and its fields are as they were");
	is_str(back->date, "2026-11-30", "the scan's date too");
	scan_group_free(back);
	ok(scan_group_decode("scan\tprowler\t1\t2\t3\tf\nwellarchitected\tq\tc\t"
	    "k\tbogus\t1\t\t\n", 40, &back, &cause) == -1, "a bad status is "
	    "refused");
	is_str(cause, "line 2: not a line of scan results", "with its line");
	free(cause);
	cause = NULL;

	/* Two scans in one file, split into records. */
	{
		struct scan_group *gs[2] = { g, scan_group_new("prowler", "",
		    "", "", "p.csv") };
		char *file;

		r = res("sec_identities_audit", "manual", SCAN_MANUAL, "", "");
		scan_group_add(gs[1], &r);
		scan_group_finish(gs[1]);
		file = scan_file_text("prowler", gs, 2, &size);
		ok(scan_file_split(file, size, &keys, &texts, &n, &cause) == 0,
		    "a snapshot file splits into its scans");
		is_int(n, 2, "two of them");
		is_str(keys[1], "prowler/-/-", "each with its key");
		for (size_t i = 0; i < n; i++) {
			ok(scan_group_decode(texts[i], strlen(texts[i]), &back,
			    &cause) == 0, "scan %zu decodes", i);
			scans_set(&s, keys[i], back);
			free(keys[i]);
			free(texts[i]);
		}
		free(keys);
		free(texts);
		free(file);
		scan_group_free(gs[1]);
	}
	n = scans_find(&s, "wellarchitected", "identities",
	    "sec_identities_unique", &refs);
	is_int(n, 2, "the index finds a choice's results");
	n = scans_find(&s, "wellarchitected", "identities", NULL, &refs);
	is_int(n, 3, "and a question's");
	scans_summary(refs, n, &b);
	is_str(b.s, "Prowler: 2 pass, 1 fail, 1 manual", "the summary counts "
	    "them by status");
	buf_free(&b);
	key = scan_group_key("prowler", "", "");
	scans_set(&s, key, NULL);
	free(key);
	n = scans_find(&s, "wellarchitected", "identities", NULL, &refs);
	is_int(n, 2, "removing a scan takes its results out of the index");
	scans_clear(&s);
	free(text);
	scan_group_free(g);

	/* CSV: quoting, CRLF, a delimiter and a newline inside a field. */
	path = temp("\xef\xbb\xbf" "ACCOUNTID;REGION;ASSESSMENTDATE;"
	    "REQUIREMENTS_ID;REQUIREMENTS_ATTRIBUTES_WELLARCHITECTEDPRACTICEID;"
	    "STATUS;STATUSEXTENDED;RESOURCEID;CHECKID;MUTED\r\n"
	    "1;eu;d;SEC02-BP02;sec_identities_unique;FAIL;\"a;b \"\"q\"\"\r\n"
	    "c\";arn:x;chk;False\r\n"
	    "1;eu;d;SEC02-BP02;;PASS;\x1b[31mred;arn:y;chk;True\r\n");
	fmt = SCAN_FORMAT_AUTO;
	ok(scan_read(path, &fmt, collect, &rows, &date, &cause) == 0,
	    "a Prowler CSV with a byte order mark and CRLF reads");
	is_str(scan_format_name(fmt), "prowler-csv", "its format is told");
	is_str(rows.b.s, "2|fail|sec_identities_unique|SEC02-BP02|chk|arn:x|"
	    "a;b \"q\" c\n"
	    "4|pass|-|SEC02-BP02|chk|arn:y|(muted) ?[31mred\n",
	    "quoted fields keep the delimiter and quotes; a line break is a "
	    "space, an escape byte '?'");
	free(date);
	unlink(path);
	free(path);
	(void)prowler_head;

	/* JSON strings: escapes, a surrogate pair, a NUL. */
	buf_free(&rows.b);
	rows.n = 0;
	path = temp("{\"CheckDetails\": [{\"Id\": \"x\", \"Name\": "
	    "\"caf\\u00e9 \\ud83d\\ude00 \\u0000 \\u001b[2J\", \"ChoiceId\": "
	    "\"sec_identities_unique\", \"Status\": \"WARNING\", "
	    "\"FlaggedResources\": 2, \"Reason\": \"r\"}], \"NextToken\": "
	    "null}\n");
	fmt = SCAN_FORMAT_AUTO;
	ok(scan_read(path, &fmt, collect, &rows, &date, &cause) == 0,
	    "list-check-details reads");
	is_str(rows.b.s, "1|fail|sec_identities_unique|-|caf\xc3\xa9 "
	    "\xf0\x9f\x98\x80 ? ?[2J||2 resources flagged: r\n",
	    "\\u escapes decode; NUL and ESC become '?'");
	free(date);
	unlink(path);
	free(path);
	path = temp("[{\"status_code\": \"PASS\", \"metadata\": {\"event_code\": "
	    "\"c\"}}, {\"status_code\": ");
	fmt = SCAN_FORMAT_AUTO;
	ok(scan_read(path, &fmt, collect, &rows, &date, &cause) == -1,
	    "a JSON list cut short is refused");
	ok(cause != NULL && strstr(cause, ":1: the file ends where a value "
	    "should be") != NULL, "saying where: %s", cause);
	free(cause);
	unlink(path);
	free(path);
	buf_free(&rows.b);
	return tap_done();
}
