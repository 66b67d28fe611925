/* tracker.c: the roadmap as Jira, GitHub and Azure DevOps import files,
 * and those trackers' exports read back. */
#include "config.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "model/plan.h"
#include "report/json.h"
#include "report/report.h"
#include "report/tracker.h"
#include "base/util.h"

static const char *const tracker_names[] = { "jira", "github", "azure" };

int
tracker_parse(const char *s, enum tracker *t)
{
	for (size_t i = 0; i < nitems(tracker_names); i++) {
		if (strcasecmp(s, tracker_names[i]) == 0) {
			*t = (enum tracker)i;
			return 0;
		}
	}
	return -1;
}

const char *
tracker_name(enum tracker t)
{
	return (unsigned)t < nitems(tracker_names) ? tracker_names[t] : "";
}

/* --- Export --- */

/* "HRI SEC 1: How do you ...?" */
static char *
item_title(const struct roadmap_entry *e)
{
	struct buf b = { 0 };

	if (*finding_code(e->risk) != '\0')
		buf_printf(&b, "%s ", finding_code(e->risk));
	if (e->ref.q->number != NULL)
		buf_printf(&b, "%s: ", e->ref.q->number);
	buf_adds(&b, text_get(&e->ref.q->title));
	return buf_take(&b);
}

static char *
item_id(const struct state *st, const struct roadmap_entry *e)
{
	return xasprintf("%s%s/%s", TRACKER_ID_PREFIX,
	    st->lenses[e->ref.lens]->id, e->ref.q->id);
}

/* The body: the id, the finding, what to do (the practices missing, whose
 * improvement texts name the AWS services to use), owner, effort, due. */
static char *
item_body(const struct state *st, const struct roadmap_entry *e)
{
	const struct question		*q = e->ref.q;
	const struct answer		*a = state_answer(st, &e->ref);
	const struct roadmap_item	*it = e->item;
	const struct choice		**missing;
	char				*id = item_id(st, e);
	struct buf			 b = { 0 };
	size_t				 n;

	buf_printf(&b, "%s\n\n", id);
	free(id);
	buf_printf(&b, "%s: %s %s (%s, %s)\n", _("Finding"),
	    risk_label(e->risk), q->number != NULL ? q->number : q->id,
	    text_get(&q->pillar->title), text_get(&st->lenses[e->ref.lens]->
	    title));
	buf_printf(&b, "%s: %s\n", _("Question"), text_get(&q->title));
	buf_printf(&b, "%s: %s\n", _("Status"),
	    item_state_label(roadmap_item_state(it, e->risk)));
	buf_printf(&b, "%s: %s\n", _("Owner"), it->owner != NULL ? it->owner :
	    "-");
	buf_printf(&b, "%s: %s\n", _("Effort"), it->effort != EFFORT_UNSET ?
	    effort_label(it->effort) : "-");
	buf_printf(&b, "%s: %s\n", _("Due date"), it->target != NULL ?
	    it->target : "-");
	n = plan_missing(q, a, &missing);
	if (n > 0)
		buf_printf(&b, "\n%s:\n", _("What to do (practices and AWS "
		    "services)"));
	for (size_t i = 0; i < n; i++) {
		const struct choice	*ch = missing[i];
		const char		*imp = text_get(&ch->improvement);

		buf_printf(&b, "- %s%s%s\n", ch->code != NULL ? ch->code : "",
		    ch->code != NULL ? " " : "", text_get(&ch->title));
		if (imp != NULL && *imp != '\0')
			buf_printf(&b, "  %s\n", imp);
		if (ch->improvement_url != NULL || ch->url != NULL)
			buf_printf(&b, "  %s\n", ch->improvement_url != NULL ?
			    ch->improvement_url : ch->url);
	}
	free(missing);
	if (a->note != NULL && *a->note != '\0')
		buf_printf(&b, "\n%s:\n%s\n", _("Note"), a->note);
	return buf_take(&b);
}

static const char *
priority(enum risk r)
{
	return r == RISK_HIGH ? "High" : r == RISK_MEDIUM ? "Medium" : "Low";
}

/* A label or tag: no blanks, no commas or semicolons. */
static char *
tag(const char *s)
{
	char *t = xstrdup(s);

	for (char *p = t; *p != '\0'; p++) {
		if ((unsigned char)*p <= ' ' || *p == ',' || *p == ';')
			*p = '-';
	}
	return t;
}

static void
csv_cell(struct buf *b, const char *s, bool last)
{
	csv_field(b, s);
	buf_adds(b, last ? "\r\n" : ",");
}

static void
export_jira(struct buf *b, const struct state *st,
    const struct roadmap_view *rv)
{
	buf_adds(b, "Summary,Issue Type,Priority,Labels,Labels,Labels,"
	    "Assignee,Due Date,Description\r\n");
	for (size_t i = 0; i < rv->n; i++) {
		const struct roadmap_entry	*e = &rv->v[i];
		char				*title = item_title(e);
		char				*id = item_id(st, e);
		char				*body = item_body(st, e);
		char				*pillar = xasprintf("pillar-%s",
						    e->ref.q->pillar->id);

		csv_cell(b, title, false);
		csv_cell(b, "Task", false);
		csv_cell(b, priority(e->risk), false);
		csv_cell(b, "wafr", false);
		csv_cell(b, id, false);
		csv_cell(b, pillar, false);
		csv_cell(b, e->item->owner, false);
		csv_cell(b, e->item->target, false);
		csv_cell(b, body, true);
		free(title);
		free(id);
		free(body);
		free(pillar);
	}
}

static void
export_azure(struct buf *b, const struct state *st,
    const struct roadmap_view *rv)
{
	buf_adds(b, "Work Item Type,Title,Description,Assigned To,Tags,"
	    "Priority,Due Date\r\n");
	for (size_t i = 0; i < rv->n; i++) {
		const struct roadmap_entry	*e = &rv->v[i];
		char				*title = item_title(e);
		char				*id = item_id(st, e);
		char				*body = item_body(st, e);
		char				*p = tag(e->ref.q->pillar->id);
		char				*tags = xasprintf("wafr; %s; "
						    "pillar-%s", id, p);

		csv_cell(b, "Task", false);
		csv_cell(b, title, false);
		csv_cell(b, body, false);
		csv_cell(b, e->item->owner, false);
		csv_cell(b, tags, false);
		csv_cell(b, e->risk == RISK_HIGH ? "1" : e->risk ==
		    RISK_MEDIUM ? "2" : "3", false);
		csv_cell(b, e->item->target, true);
		free(title);
		free(id);
		free(body);
		free(p);
		free(tags);
	}
}

/* A shell word in single quotes. */
static void
sh_quote(struct buf *b, const char *s)
{
	struct buf clean = { 0 };

	buf_add_printable(&clean, s != NULL ? s : "", true);
	buf_addc(b, '\'');
	for (const char *p = clean.s; p != NULL && *p != '\0'; p++) {
		if (*p == '\'')
			buf_adds(b, "'\\''");
		else
			buf_addc(b, *p);
	}
	buf_addc(b, '\'');
	buf_free(&clean);
}

#define HEREDOC "WAFR_ISSUE_BODY"

/* The script: labels made (or updated), then each issue created unless one
 * with its id label exists already, so that running it twice is safe. */
static void
export_github(struct buf *b, const struct state *st,
    const struct roadmap_view *rv)
{
	buf_adds(b, "#!/bin/sh\n"
	    "# Create the remediation roadmap as GitHub issues with the gh\n"
	    "# command line, in the repository of the current directory (or\n"
	    "# GH_REPO). An issue already labelled with an item's id is kept.\n"
	    "set -eu\n"
	    "gh label create wafr --color 5319e7 --force >/dev/null\n");
	for (size_t i = 0; i < rv->n; i++) {
		const struct roadmap_entry	*e = &rv->v[i];
		char				*title = item_title(e);
		char				*id = item_id(st, e);
		char				*body = item_body(st, e);
		const char			*risk = e->risk == RISK_HIGH ?
						    "risk-high" : e->risk ==
						    RISK_MEDIUM ? "risk-medium" :
						    "risk-low";

		buf_adds(b, "\ngh label create ");
		sh_quote(b, id);
		buf_adds(b, " --color ededed --force >/dev/null\n"
		    "gh label create ");
		buf_printf(b, "%s --color %s --force >/dev/null\n", risk,
		    e->risk == RISK_HIGH ? "b60205" : "fbca04");
		buf_adds(b, "if [ -z \"$(gh issue list --state all --label ");
		sh_quote(b, id);
		buf_adds(b, " --json number --jq '.[].number')\" ]; then\n"
		    "\tgh issue create --title ");
		sh_quote(b, title);
		buf_adds(b, " --label wafr --label ");
		sh_quote(b, id);
		buf_printf(b, " --label %s", risk);
		if (e->item->owner != NULL) {
			buf_adds(b, " --assignee ");
			sh_quote(b, e->item->owner);
		}
		buf_adds(b, " --body-file - <<'" HEREDOC "'\n");
		/* A line that would end the here-document is kept apart. */
		for (const char *p = body; *p != '\0'; ) {
			size_t	 n = strcspn(p, "\n");
			char	*line = xstrndup(p, n);
			struct buf clean = { 0 };

			buf_add_printable(&clean, line, false);
			buf_adds(b, clean.s != NULL ? clean.s : "");
			if (streq(clean.s, HEREDOC))
				buf_addc(b, ' ');
			buf_addc(b, '\n');
			buf_free(&clean);
			free(line);
			p += n + (p[n] == '\n');
		}
		buf_adds(b, HEREDOC "\nfi\n");
		free(title);
		free(id);
		free(body);
	}
}

char *
tracker_export(const struct state *st, enum tracker t)
{
	struct roadmap_view	rv;
	struct buf		b = { 0 };

	roadmap_build(st, st->baseline, &rv);
	buf_adds(&b, "");
	if (t == TRACKER_JIRA)
		export_jira(&b, st, &rv);
	else if (t == TRACKER_AZURE)
		export_azure(&b, st, &rv);
	else
		export_github(&b, st, &rv);
	roadmap_view_free(&rv);
	return buf_take(&b);
}

char *
tracker_export_github_json(const struct state *st)
{
	struct roadmap_view	rv;
	struct buf		b = { 0 };

	roadmap_build(st, st->baseline, &rv);
	buf_adds(&b, "[");
	for (size_t i = 0; i < rv.n; i++) {
		const struct roadmap_entry	*e = &rv.v[i];
		char				*title = item_title(e);
		char				*id = item_id(st, e);
		char				*body = item_body(st, e);

		buf_adds(&b, i > 0 ? ",\n {\"title\": " : "\n {\"title\": ");
		json_string(&b, title);
		buf_adds(&b, ", \"body\": ");
		json_string(&b, body);
		buf_adds(&b, ", \"labels\": [\"wafr\", ");
		json_string(&b, id);
		buf_printf(&b, ", \"%s\"], \"assignees\": [", e->risk ==
		    RISK_HIGH ? "risk-high" : e->risk == RISK_MEDIUM ?
		    "risk-medium" : "risk-low");
		if (e->item->owner != NULL)
			json_string(&b, e->item->owner);
		buf_adds(&b, "]}");
		free(title);
		free(id);
		free(body);
	}
	buf_adds(&b, "\n]\n");
	roadmap_view_free(&rv);
	return buf_take(&b);
}

/* --- Import --- */

/* A tracker's state as a roadmap status; -1 if unknown. */
static int
status_of(const char *s, enum item_status *st)
{
	static const struct {
		const char		*name;
		enum item_status	 status;
	} names[] = {
		{ "open", STATUS_OPEN }, { "to do", STATUS_OPEN },
		{ "todo", STATUS_OPEN }, { "new", STATUS_OPEN },
		{ "backlog", STATUS_OPEN }, { "proposed", STATUS_OPEN },
		{ "selected for development", STATUS_OPEN },
		{ "reopened", STATUS_OPEN },
		{ "in progress", STATUS_IN_PROGRESS },
		{ "active", STATUS_IN_PROGRESS },
		{ "committed", STATUS_IN_PROGRESS },
		{ "doing", STATUS_IN_PROGRESS },
		{ "in review", STATUS_IN_PROGRESS },
		{ "resolved", STATUS_DONE }, { "done", STATUS_DONE },
		{ "closed", STATUS_DONE },
	};

	for (size_t i = 0; i < nitems(names); i++) {
		if (strcasecmp(s, names[i].name) == 0) {
			*st = names[i].status;
			return 0;
		}
	}
	return status_parse(s, st);
}

/* The id in a text: "wafr:LENS/QUESTION" up to a blank, ';' or ','. */
static char *
find_id(const char *s)
{
	const char *p, *e;

	if (s == NULL)
		return NULL;
	for (p = s; (p = strstr(p, TRACKER_ID_PREFIX)) != NULL; p++) {
		p += strlen(TRACKER_ID_PREFIX);
		e = p + strcspn(p, " \t\r\n;,\"'");
		if (e > p && memchr(p, '/', (size_t)(e - p)) != NULL)
			return xstrndup(p, (size_t)(e - p));
		p--;
	}
	return NULL;
}

struct csv {
	char	***rows;
	size_t	  *ncols;
	size_t	   n;
};

static void
csv_free(struct csv *c)
{
	for (size_t i = 0; i < c->n; i++) {
		for (size_t j = 0; j < c->ncols[i]; j++)
			free(c->rows[i][j]);
		free(c->rows[i]);
	}
	free(c->rows);
	free(c->ncols);
}

/* RFC 4180, with a byte order mark and bare line feeds allowed. */
static int
csv_parse(const char *s, size_t n, struct csv *c, char **cause)
{
	const char	*end = s + n;
	size_t		 cap = 0, line = 1;

	*c = (struct csv){ 0 };
	if (n >= 3 && memcmp(s, "\xef\xbb\xbf", 3) == 0)
		s += 3;
	while (s < end) {
		char	**row = NULL;
		size_t	  nc = 0, ccap = 0;

		for (;;) {
			struct buf f = { 0 };

			buf_adds(&f, "");
			if (s < end && *s == '"') {
				size_t start = line;

				for (s++; ; s++) {
					if (s >= end) {
						buf_free(&f);
						for (size_t k = 0; k < nc; k++)
							free(row[k]);
						free(row);
						csv_free(c);
						return fail(cause, _("line %zu: a "
						    "quoted field is not closed"),
						    start);
					}
					if (*s == '"' && s + 1 < end &&
					    s[1] == '"') {
						buf_addc(&f, '"');
						s++;
					} else if (*s == '"') {
						s++;
						break;
					} else {
						line += *s == '\n';
						buf_addc(&f, *s);
					}
				}
			}
			while (s < end && *s != ',' && *s != '\n' &&
			    !(*s == '\r' && s + 1 < end && s[1] == '\n'))
				buf_addc(&f, *s++);
			*ARRAY_PUSH(row, nc, ccap) = buf_take(&f);
			if (s < end && *s == ',') {
				s++;
				continue;
			}
			if (s < end && *s == '\r')
				s++;
			if (s < end && *s == '\n') {
				s++;
				line++;
			}
			break;
		}
		if (c->n == cap) {
			cap = cap == 0 ? 16 : cap * 2;
			c->rows = xreallocarray(c->rows, cap, sizeof *c->rows);
			c->ncols = xreallocarray(c->ncols, cap,
			    sizeof *c->ncols);
		}
		c->rows[c->n] = row;
		c->ncols[c->n++] = nc;
	}
	return 0;
}

/* The index of column NAME in the header, or -1. */
static long
column(const struct csv *c, const char *name)
{
	for (size_t j = 0; c->n > 0 && j < c->ncols[0]; j++) {
		if (strcasecmp(c->rows[0][j], name) == 0)
			return (long)j;
	}
	return -1;
}

static const char *
cell(const struct csv *c, size_t row, long col)
{
	if (col < 0 || (size_t)col >= c->ncols[row])
		return NULL;
	return c->rows[row][col];
}

static char *
dup_nonempty(const char *s)
{
	return s != NULL && *s != '\0' ? xstrdup(s) : NULL;
}

int
tracker_read_csv(const char *data, size_t size, struct tracker_rows *out,
    char **cause)
{
	struct csv	 c;
	long		 key, state, owner, title, desc;
	bool		 jira;
	size_t		 cap = 0;

	*out = (struct tracker_rows){ 0 };
	if (csv_parse(data, size, &c, cause) != 0)
		return -1;
	if (column(&c, "Issue key") >= 0) {
		jira = true;
		key = column(&c, "Issue key");
		state = column(&c, "Status");
		owner = column(&c, "Assignee");
		title = column(&c, "Summary");
		desc = column(&c, "Description");
	} else if (column(&c, "Work Item Type") >= 0 && column(&c, "ID") >= 0) {
		jira = false;
		key = column(&c, "ID");
		state = column(&c, "State");
		owner = column(&c, "Assigned To");
		title = column(&c, "Title");
		desc = column(&c, "Description");
	} else {
		csv_free(&c);
		return fail(cause, "%s", _("neither a Jira CSV export (no "
		    "\"Issue key\" column) nor an Azure DevOps one (no \"ID\" "
		    "and \"Work Item Type\" columns)"));
	}
	out->from = jira ? TRACKER_JIRA : TRACKER_AZURE;
	for (size_t i = 1; i < c.n; i++) {
		struct tracker_row	 r = { 0 };
		const char		*s;

		if (c.ncols[i] == 1 && *c.rows[i][0] == '\0')
			continue;	/* an empty line */
		/* The id: in a label or tag column first, then the body. */
		for (size_t j = 0; r.id == NULL && j < c.ncols[i]; j++) {
			if (strcasecmp(c.rows[0][j], jira ? "Labels" :
			    "Tags") == 0)
				r.id = find_id(c.rows[i][j]);
		}
		if (r.id == NULL)
			r.id = find_id(cell(&c, i, desc));
		r.title = dup_nonempty(cell(&c, i, title));
		if ((s = cell(&c, i, state)) != NULL && *s != '\0' &&
		    status_of(s, &r.status) == 0)
			r.has_status = true;
		r.owner = dup_nonempty(cell(&c, i, owner));
		if ((s = cell(&c, i, key)) != NULL && *s != '\0')
			r.ticket = jira ? xstrdup(s) : xasprintf("AB#%s", s);
		*ARRAY_PUSH(out->v, out->n, cap) = r;
	}
	csv_free(&c);
	return 0;
}

int
tracker_read_github(const struct yval *v, struct tracker_rows *out,
    char **cause)
{
	size_t cap = 0;

	*out = (struct tracker_rows){ .from = TRACKER_GITHUB };
	if (v == NULL || v->type != YVAL_SEQ)
		return fail(cause, "%s", _("not the output of gh issue list "
		    "--json: a list of issues is expected"));
	for (size_t i = 0; i < v->n; i++) {
		const struct yval	*is = v->v[i], *l, *a;
		struct tracker_row	 r = { 0 };
		const char		*s;

		if (is->type != YVAL_MAP) {
			tracker_rows_free(out);
			return fail(cause, _("line %d: an issue is expected"),
			    is->line);
		}
		l = yval_get(is, "labels");
		for (size_t j = 0; l != NULL && l->type == YVAL_SEQ &&
		    r.id == NULL && j < l->n; j++) {
			s = yval_get_str(l->v[j], "name");
			if (s != NULL && strncmp(s, TRACKER_ID_PREFIX,
			    strlen(TRACKER_ID_PREFIX)) == 0)
				r.id = find_id(s);
		}
		if (r.id == NULL)
			r.id = find_id(yval_get_str(is, "body"));
		r.title = dup_nonempty(yval_get_str(is, "title"));
		if ((s = yval_get_str(is, "state")) != NULL &&
		    status_of(s, &r.status) == 0) {
			r.has_status = true;
			r.open_only = true;
		}
		a = yval_get(is, "assignees");
		if (a != NULL && a->type == YVAL_SEQ && a->n > 0)
			r.owner = dup_nonempty(yval_get_str(a->v[0], "login"));
		if ((s = yval_get_str(is, "url")) != NULL && *s != '\0')
			r.ticket = xstrdup(s);
		else if ((s = yval_get_str(is, "number")) != NULL)
			r.ticket = xasprintf("#%s", s);
		*ARRAY_PUSH(out->v, out->n, cap) = r;
	}
	return 0;
}

void
tracker_rows_free(struct tracker_rows *rs)
{
	for (size_t i = 0; i < rs->n; i++) {
		free(rs->v[i].id);
		free(rs->v[i].title);
		free(rs->v[i].owner);
		free(rs->v[i].ticket);
	}
	free(rs->v);
	*rs = (struct tracker_rows){ 0 };
}

struct roadmap_item *
tracker_apply(const struct roadmap_item *cur, const struct tracker_row *r)
{
	struct roadmap_item	*it = roadmap_item_dup(cur);
	bool			 changed = false;

	if (r->has_status && cur->status != STATUS_ACCEPTED &&
	    r->status != cur->status && !(r->open_only &&
	    r->status == STATUS_OPEN && cur->status == STATUS_IN_PROGRESS)) {
		it->status = r->status;
		changed = true;
	}
	if (r->owner != NULL && !streq(r->owner, cur->owner)) {
		free(it->owner);
		it->owner = xstrdup(r->owner);
		changed = true;
	}
	if (r->ticket != NULL && !streq(r->ticket, cur->ticket)) {
		free(it->ticket);
		it->ticket = xstrdup(r->ticket);
		changed = true;
	}
	if (!changed) {
		roadmap_item_free(it);
		return NULL;
	}
	return it;
}
