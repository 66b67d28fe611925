/* roadmap.c: roadmap items and their store encoding. */
#include "config.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "model/roadmap.h"
#include "base/util.h"

static const char *const effort_names[] = { "", "small", "medium", "large" };
static const char *const status_names[] = {
	"open", "in-progress", "done", "accepted"
};

const char *
effort_name(enum effort e)
{
	return (unsigned)e < nitems(effort_names) ? effort_names[e] : "";
}

int
effort_parse(const char *s, enum effort *e)
{
	for (size_t i = 0; i < nitems(effort_names); i++) {
		if (strcasecmp(s, effort_names[i]) == 0 ||
		    (i > 0 && strlen(s) == 1 && (s[0] | 0x20) ==
		    effort_names[i][0])) {
			*e = (enum effort)i;
			return 0;
		}
	}
	return -1;
}

const char *
status_name(enum item_status s)
{
	return (unsigned)s < nitems(status_names) ? status_names[s] : "open";
}

int
status_parse(const char *s, enum item_status *st)
{
	for (size_t i = 0; i < nitems(status_names); i++) {
		if (strcasecmp(s, status_names[i]) == 0) {
			*st = (enum item_status)i;
			return 0;
		}
	}
	if (strcasecmp(s, "in_progress") == 0 ||
	    strcasecmp(s, "in progress") == 0) {
		*st = STATUS_IN_PROGRESS;
		return 0;
	}
	if (strcasecmp(s, "accepted-risk") == 0 ||
	    strcasecmp(s, "accepted_risk") == 0) {
		*st = STATUS_ACCEPTED;
		return 0;
	}
	return -1;
}

static bool
is_finding(enum risk r)
{
	return r == RISK_HIGH || r == RISK_MEDIUM;
}

enum item_state
roadmap_item_state(const struct roadmap_item *it, enum risk r)
{
	switch (it->status) {
	case STATUS_IN_PROGRESS:
		return ITEM_IN_PROGRESS;
	case STATUS_DONE:
		return is_finding(r) ? ITEM_DONE_RISK_OPEN : ITEM_DONE;
	case STATUS_ACCEPTED:
		return ITEM_ACCEPTED;
	default:
		return ITEM_OPEN;
	}
}

bool
roadmap_item_open(const struct roadmap_item *it, enum risk r)
{
	enum item_state s = roadmap_item_state(it, r);

	return s == ITEM_OPEN || s == ITEM_IN_PROGRESS ||
	    s == ITEM_DONE_RISK_OPEN;
}

enum item_status
roadmap_item_group(const struct roadmap_item *it, enum risk r)
{
	return roadmap_item_state(it, r) == ITEM_DONE_RISK_OPEN ? STATUS_OPEN :
	    it->status;
}

bool
roadmap_item_closable(const struct roadmap_item *it, enum risk r)
{
	return (it->status == STATUS_OPEN || it->status == STATUS_IN_PROGRESS) &&
	    (r == RISK_NONE || r == RISK_NOT_APPLICABLE);
}

bool
roadmap_item_overdue(const struct roadmap_item *it, enum risk r,
    const char *today)
{
	return roadmap_item_open(it, r) && it->target != NULL &&
	    *it->target != '\0' && today != NULL &&
	    strcmp(it->target, today) < 0;
}

void
roadmap_item_free(struct roadmap_item *it)
{
	if (it == NULL)
		return;
	free(it->owner);
	free(it->ticket);
	free(it->reason);
	free(it->target);
	free(it);
}

static char *
dup_or_null(const char *s)
{
	return s != NULL && *s != '\0' ? xstrdup(s) : NULL;
}

struct roadmap_item *
roadmap_item_dup(const struct roadmap_item *it)
{
	struct roadmap_item *n = xcalloc(1, sizeof *n);

	n->owner = dup_or_null(it->owner);
	n->ticket = dup_or_null(it->ticket);
	n->effort = it->effort;
	n->status = it->status;
	n->reason = dup_or_null(it->reason);
	n->target = dup_or_null(it->target);
	return n;
}

/* Fields as "name\0value\0" pairs: readable in a dump, easy to extend. */
static void
put_field(struct buf *b, const char *name, const char *value)
{
	if (value == NULL || *value == '\0')
		return;
	buf_add(b, name, strlen(name) + 1);
	buf_add(b, value, strlen(value) + 1);
}

void *
roadmap_item_encode(const struct roadmap_item *it, size_t *size)
{
	struct buf b = { 0 };

	put_field(&b, "owner", it->owner);
	put_field(&b, "ticket", it->ticket);
	put_field(&b, "effort", effort_name(it->effort));
	put_field(&b, "status", status_name(it->status));
	put_field(&b, "reason", it->reason);
	put_field(&b, "target", it->target);
	*size = b.len;
	return buf_take(&b);
}

static void
set_field(char **field, const char *value)
{
	free(*field);
	*field = xstrdup(value);
}

struct roadmap_item *
roadmap_item_decode(const void *data, size_t size)
{
	const char		*p = data, *end = p + size;
	struct roadmap_item	*it = xcalloc(1, sizeof *it);

	while (p < end) {
		const char	*name = p, *value;
		size_t		 n = strnlen(p, (size_t)(end - p));

		if (p + n >= end)
			break;
		value = p + n + 1;
		n = strnlen(value, (size_t)(end - value));
		if (value + n >= end)
			break;
		/* A field given twice: the last one counts, as in a file. */
		if (strcmp(name, "owner") == 0)
			set_field(&it->owner, value);
		else if (strcmp(name, "ticket") == 0)
			set_field(&it->ticket, value);
		else if (strcmp(name, "effort") == 0)
			effort_parse(value, &it->effort);
		else if (strcmp(name, "status") == 0)
			status_parse(value, &it->status);
		else if (strcmp(name, "reason") == 0)
			set_field(&it->reason, value);
		else if (strcmp(name, "target") == 0)
			set_field(&it->target, value);
		p = value + n + 1;
	}
	return it;
}
