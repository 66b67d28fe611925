/* summary.c: the executive summary of a report. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "model/diff.h"
#include "report/summary.h"
#include "base/util.h"

void
summary_date(long long t, char *out, size_t size)
{
	time_t		tt = (time_t)t;
	struct tm	tm;

	if (gmtime_r(&tt, &tm) == NULL ||
	    strftime(out, size, "%Y-%m-%d", &tm) == 0)
		snprintf(out, size, "?");
}

static const char *const prop_first[] = {
	"name", "description", "owner", "review-owner", "environment",
	"regions", "industry", "architecture", "lenses", "participants",
	"review-date",
};

size_t
summary_prop_order(const struct state *st, size_t **out)
{
	const struct kv	*kv = &st->workload;
	size_t		*sorted = plan_prop_order(st);
	size_t		*idx = xcalloc(kv->n + 1, sizeof *idx), n = 0;

	for (size_t f = 0; f < nitems(prop_first); f++) {
		for (size_t i = 0; i < kv->n; i++) {
			if (strcmp(kv->keys[i], prop_first[f]) == 0)
				idx[n++] = i;
		}
	}
	for (size_t i = 0; i < kv->n; i++) {
		const char	*k = kv->keys[sorted[i]];
		size_t		 f;

		if (strncmp(k, "agenda/", 7) == 0)
			continue;
		for (f = 0; f < nitems(prop_first); f++) {
			if (strcmp(k, prop_first[f]) == 0)
				break;
		}
		if (f == nitems(prop_first))
			idx[n++] = sorted[i];
	}
	free(sorted);
	*out = idx;
	return n;
}

/* "Ana Lima (facilitator); Bo (lead)": one a line or separated by ';'. */
static void
split_participants(const char *v, struct summary *s)
{
	size_t cap = 0;

	while (v != NULL && *v != '\0') {
		size_t	 len = strcspn(v, ";\n");
		char	*one = xstrndup(v, len), *a = one, *e;

		while (*a == ' ' || *a == '\t')
			a++;
		e = a + strlen(a);
		while (e > a && (e[-1] == ' ' || e[-1] == '\t'))
			*--e = '\0';
		if (*a != '\0')
			*ARRAY_PUSH(s->participants, s->nparticipants, cap) =
			    xstrdup(a);
		free(one);
		v += len;
		if (*v != '\0')
			v++;
	}
}

static void
one_line(const struct state *st, struct summary *s)
{
	static const char *const keys[] = {
		"description", "environment", "regions", "industry",
	};
	struct buf b = { 0 };

	for (size_t i = 0; i < nitems(keys); i++) {
		const char *v = state_prop(st, keys[i]);

		if (v == NULL || *v == '\0')
			continue;
		if (b.len > 0)
			buf_adds(&b, " · ");
		buf_add(&b, v, strcspn(v, "\n"));
	}
	s->oneline = b.s;
}

static void
count_roadmap(const struct state *st, const struct report_ctx *ctx,
    struct summary *s)
{
	char today[16];

	summary_date(ctx != NULL && ctx->now > 0 ? ctx->now : 0, today,
	    sizeof today);
	for (size_t l = 0; l < st->nlenses; l++) {
		const struct lens *lens = st->lenses[l];

		for (size_t i = 0; i < lens->npillars; i++) {
			const struct pillar *p = &lens->pillars[i];

			for (size_t j = 0; j < p->nquestions; j++) {
				struct qref ref = { l, &p->questions[j] };
				const struct roadmap_item *it =
				    st->roadmap[l][ref.q->index];
				enum risk r;

				if (it == NULL)
					continue;
				r = state_risk(st, &ref);
				switch (roadmap_item_state(it, r)) {
				case ITEM_DONE_RISK_OPEN:
					s->done_risk_open++;
					/* FALLTHROUGH */
				case ITEM_OPEN:
					s->open++;
					break;
				case ITEM_IN_PROGRESS:
					s->in_progress++;
					break;
				case ITEM_DONE:
					s->done++;
					break;
				case ITEM_ACCEPTED:
					s->accepted++;
					break;
				}
				if (ctx != NULL && ctx->now > 0 &&
				    roadmap_item_overdue(it, r, today))
					s->overdue++;
			}
		}
	}
}

void
summary_build(const struct state *st, const struct report_ctx *ctx,
    struct summary *s)
{
	const struct state	*earlier;
	const char		*v;
	size_t			 cap = 0;

	*s = (struct summary){ 0 };
	s->name = state_prop(st, "name");
	one_line(st, s);
	s->milestone = ctx != NULL ? ctx->milestone : NULL;
	if (s->milestone != NULL && ctx->date > 0) {
		s->date = xmalloc(16);
		summary_date(ctx->date, s->date, 16);
	} else if ((v = state_prop(st, "review-date")) != NULL && *v != '\0')
		s->date = xstrdup(v);
	else if (ctx != NULL && ctx->date > 0) {
		s->date = xmalloc(16);
		summary_date(ctx->date, s->date, 16);
	}
	split_participants(state_prop(st, "participants"), s);
	for (size_t l = 0; l < st->nlenses; l++) {
		const struct lens *lens = st->lenses[l];

		for (size_t i = 0; i < lens->npillars; i++) {
			struct tally t;

			state_tally_pillar(st, l, &lens->pillars[i], &t);
			*ARRAY_PUSH(s->pillars, s->npillars, cap) =
			    (struct summary_pillar){ l, &lens->pillars[i],
			    t.n[RISK_HIGH], t.n[RISK_MEDIUM] };
		}
	}
	plan_build(st, &s->plan);
	s->ntop = s->plan.n < SUMMARY_TOP ? s->plan.n : SUMMARY_TOP;
	count_roadmap(st, ctx, s);
	earlier = ctx != NULL && ctx->earlier != NULL ? ctx->earlier :
	    ctx == NULL || ctx->milestone == NULL ? st->baseline : NULL;
	if (earlier != NULL) {
		struct review_diff d;

		s->earlier = ctx != NULL && ctx->earlier_name != NULL ?
		    ctx->earlier_name : "";
		review_diff(earlier, st, &d);
		for (size_t i = 0; i < d.n; i++) {
			s->hri_closed += (d.v[i].flags & CHANGE_HRI_CLOSED) != 0;
			s->hri_opened += (d.v[i].flags & CHANGE_HRI_OPENED) != 0;
		}
		review_diff_free(&d);
	}
}

void
summary_free(struct summary *s)
{
	free(s->oneline);
	free(s->date);
	for (size_t i = 0; i < s->nparticipants; i++)
		free(s->participants[i]);
	free(s->participants);
	free(s->pillars);
	plan_free(&s->plan);
	*s = (struct summary){ 0 };
}

void
summary_roadmap(struct buf *b, const struct summary *s)
{
	buf_printf(b, _("Roadmap: open %u, in progress %u, done %u, overdue "
	    "%u, risk accepted %u."), s->open, s->in_progress, s->done,
	    s->overdue, s->accepted);
	if (s->done_risk_open > 0) {
		buf_addc(b, ' ');
		buf_printf(b, _("Marked done while the risk is still open "
		    "(counted as open): %u."), s->done_risk_open);
	}
}
