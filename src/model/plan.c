/* plan.c: the improvement plan and the remediation roadmap. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "model/plan.h"
#include "model/priority.h"
#include "model/risk.h"

/* Two keys of the map, through pointers into its array of keys. */
static int
cmp_key_at(const void *a, const void *b)
{
	return strcmp(**(char **const *)a, **(char **const *)b);
}

size_t *
plan_prop_order(const struct state *st)
{
	const struct kv	*kv = &st->workload;
	size_t		*idx = xcalloc(kv->n + 1, sizeof *idx);
	char		***at = xcalloc(kv->n + 1, sizeof *at);

	/* The keys are unique: their order is total, whatever the sort. */
	for (size_t i = 0; i < kv->n; i++)
		at[i] = &kv->keys[i];
	qsort(at, kv->n, sizeof *at, cmp_key_at);
	for (size_t i = 0; i < kv->n; i++)
		idx[i] = (size_t)(at[i] - kv->keys);
	free(at);
	return idx;
}

const char *
risk_label(enum risk r)
{
	switch (r) {
	case RISK_HIGH:
		return _("High");
	case RISK_MEDIUM:
		return _("Medium");
	case RISK_NONE:
		return _("None");
	case RISK_NOT_APPLICABLE:
		return _("Not applicable");
	default:
		return _("Unanswered");
	}
}

const char *
item_state_label(enum item_state s)
{
	if (s == ITEM_DONE_RISK_OPEN)
		return _("Done, risk still open");
	return status_label((enum item_status)s);
}

const char *
status_label(enum item_status s)
{
	switch (s) {
	case STATUS_IN_PROGRESS:
		return _("In progress");
	case STATUS_DONE:
		return _("Done");
	case STATUS_ACCEPTED:
		return _("Accepted risk");
	default:
		return _("Open");
	}
}

const char *
effort_label(enum effort e)
{
	switch (e) {
	case EFFORT_SMALL:
		return _("Small");
	case EFFORT_MEDIUM:
		return _("Medium");
	case EFFORT_LARGE:
		return _("Large");
	default:
		return _("Unsized");
	}
}

const char *
verification_label(enum verification v)
{
	switch (v) {
	case VERIFY_SELF:
		return _("Self-reported");
	case VERIFY_WORKSHOP:
		return _("Verified in the workshop");
	default:
		return _("Not verified");
	}
}

const char *
finding_code(enum risk r)
{
	switch (r) {
	case RISK_HIGH:
		return "HRI";
	case RISK_MEDIUM:
		return "MRI";
	default:
		return "";
	}
}

bool
plan_date_valid(const char *s)
{
	static const int days[] = { 31, 29, 31, 30, 31, 30, 31, 31, 30, 31,
	    30, 31 };
	int y, m, d;

	if (strlen(s) != 10 || s[4] != '-' || s[7] != '-')
		return false;
	for (size_t i = 0; i < 10; i++) {
		if (i != 4 && i != 7 && (s[i] < '0' || s[i] > '9'))
			return false;
	}
	y = atoi(s);
	m = atoi(s + 5);
	d = atoi(s + 8);
	if (m < 1 || m > 12 || d < 1 || d > days[m - 1])
		return false;
	if (m == 2 && d == 29 && !(y % 4 == 0 && (y % 100 != 0 ||
	    y % 400 == 0)))
		return false;
	return true;
}

/* A choice counts as missing when it applies, is not "None of these" and is
 * not selected. */
size_t
plan_missing(const struct question *q, const struct answer *a,
    const struct choice ***out)
{
	const struct choice	**v = xcalloc(q->nchoices + 1, sizeof *v);
	size_t			  n = 0;

	for (int lvl = LEVEL_HIGH; lvl >= LEVEL_UNSET; lvl--) {
		for (size_t i = 0; i < q->nchoices; i++) {
			const struct choice *ch = &question_choices(q)[i];

			if (ch->none || (int)ch->risk != lvl)
				continue;
			if (a != NULL && (answer_selected(a, ch->id) ||
			    answer_choice_na(a, ch->id) != NULL))
				continue;
			v[n++] = ch;
		}
	}
	*out = v;
	return n;
}

/* The pillar-priorities list holds ids separated by commas and blanks. */
static size_t
priority_index(const char *list, const char *id)
{
	size_t		idx = 0, len = strlen(id);
	const char	*p = list;

	while (p != NULL && *p != '\0') {
		size_t n;

		p += strspn(p, ", \t");
		n = strcspn(p, ", \t");
		if (n == 0)
			break;
		if (n == len && strncmp(p, id, n) == 0)
			return idx;
		idx++;
		p += n;
	}
	return (size_t)-1;
}

size_t
plan_pillar_rank(const struct state *st, size_t lens,
    const struct pillar *p)
{
	const char	*list = state_prop(st, "pillar-priorities");
	size_t		 idx, base = 0;

	if (list != NULL && (idx = priority_index(list, p->id)) != (size_t)-1)
		return idx;
	/* The rest follow in lens order, after every listed pillar. */
	base = 1000;
	for (size_t i = 0; i < lens && i < st->nlenses; i++)
		base += st->lenses[i]->npillars;
	return base + (size_t)(p - st->lenses[lens]->pillars);
}

int
plan_check_priorities(const struct state *st, const char *list,
    char **cause)
{
	const char *p = list;

	while (*p != '\0') {
		size_t	n;
		bool	found = false;
		char	*id;

		p += strspn(p, ", \t");
		if ((n = strcspn(p, ", \t")) == 0)
			break;
		id = xstrndup(p, n);
		for (size_t i = 0; i < st->nlenses && !found; i++)
			found = lens_pillar(st->lenses[i], id) != NULL;
		if (!found) {
			fail(cause, _("no pillar \"%s\" in this workspace"), id);
			free(id);
			return -1;
		}
		free(id);
		p += n;
	}
	return 0;
}

static int
question_order(const struct qref *a, const struct qref *b)
{
	if (a->lens != b->lens)
		return a->lens < b->lens ? -1 : 1;
	if (a->q->index != b->q->index)
		return a->q->index < b->q->index ? -1 : 1;
	return 0;
}

static int
pillar_order(const struct state *st, const struct qref *a,
    const struct qref *b)
{
	size_t ra = plan_pillar_rank(st, a->lens, a->q->pillar);
	size_t rb = plan_pillar_rank(st, b->lens, b->q->pillar);

	if (ra != rb)
		return ra < rb ? -1 : 1;
	return 0;
}

static int
plan_compare(const struct state *st, const struct plan_entry *a,
    const struct plan_entry *b)
{
	int c;

	if (a->risk != b->risk)
		return a->risk > b->risk ? -1 : 1;
	if ((c = pillar_order(st, &a->ref, &b->ref)) != 0)
		return c;
	/* Within a pillar, what the profile prioritizes comes first. */
	if (a->prioritized != b->prioritized)
		return a->prioritized ? -1 : 1;
	return question_order(&a->ref, &b->ref);
}

void
plan_build(const struct state *st, struct plan *pl)
{
	size_t cap = 0;

	*pl = (struct plan){ 0 };
	for (size_t l = 0; l < st->nlenses; l++) {
		const struct lens *lens = st->lenses[l];

		for (size_t i = 0; i < lens->npillars; i++) {
			const struct pillar *p = &lens->pillars[i];

			for (size_t j = 0; j < p->nquestions; j++) {
				struct qref		 ref = { l,
				    &p->questions[j] };
				const struct answer	*a;
				struct plan_entry	*e;
				enum risk		 r;

				a = state_answer(st, &ref);
				r = question_risk(ref.q, a);
				if (r != RISK_HIGH && r != RISK_MEDIUM)
					continue;
				e = ARRAY_PUSH(pl->v, pl->n, cap);
				e->ref = ref;
				e->risk = r;
				e->nmissing = plan_missing(ref.q, a,
				    &e->missing);
				e->item = st->roadmap[l][ref.q->index];
				e->prioritized = state_prioritized(st, &ref);
				if (r == RISK_HIGH)
					pl->high++;
				else
					pl->medium++;
			}
		}
	}
	/* Insertion sort: stable, and the lists are short. */
	for (size_t i = 1; i < pl->n; i++) {
		struct plan_entry	e = pl->v[i];
		size_t			j = i;

		while (j > 0 && plan_compare(st, &e, &pl->v[j - 1]) < 0) {
			pl->v[j] = pl->v[j - 1];
			j--;
		}
		pl->v[j] = e;
	}
}

void
plan_free(struct plan *pl)
{
	for (size_t i = 0; i < pl->n; i++)
		free(pl->v[i].missing);
	free(pl->v);
	*pl = (struct plan){ 0 };
}

static int
severity(enum risk r)
{
	return r == RISK_HIGH ? 2 : r == RISK_MEDIUM ? 1 : 0;
}

/* Unset effort sorts last: nobody has sized it yet. */
static int
effort_rank(enum effort e)
{
	return e == EFFORT_UNSET ? 4 : (int)e;
}

int
roadmap_compare(const struct state *st, const struct roadmap_entry *a,
    const struct roadmap_entry *b)
{
	enum item_status	ga = roadmap_item_group(a->item, a->risk);
	enum item_status	gb = roadmap_item_group(b->item, b->risk);
	int			c;

	if (ga != gb)
		return ga < gb ? -1 : 1;
	if (severity(a->risk) != severity(b->risk))
		return severity(a->risk) > severity(b->risk) ? -1 : 1;
	if (effort_rank(a->item->effort) != effort_rank(b->item->effort))
		return effort_rank(a->item->effort) <
		    effort_rank(b->item->effort) ? -1 : 1;
	if ((c = pillar_order(st, &a->ref, &b->ref)) != 0)
		return c;
	return question_order(&a->ref, &b->ref);
}

static void
count_baseline(const struct state *st, const struct state *base,
    struct roadmap_view *rv)
{
	rv->has_baseline = true;
	for (size_t l = 0; l < base->nlenses; l++) {
		const struct lens	*bl = base->lenses[l];
		const struct lens	*now = NULL;
		size_t			 nl = 0;

		for (size_t i = 0; i < st->nlenses; i++) {
			if (strcmp(st->lenses[i]->id, bl->id) == 0) {
				now = st->lenses[i];
				nl = i;
			}
		}
		for (size_t i = 0; i < bl->npillars; i++) {
			const struct pillar *p = &bl->pillars[i];

			for (size_t j = 0; j < p->nquestions; j++) {
				struct qref		 ref = { l,
				    &p->questions[j] }, cur;

				if (state_risk(base, &ref) != RISK_HIGH)
					continue;
				rv->baseline_hri++;
				if (now == NULL)
					continue;
				cur.lens = nl;
				cur.q = lens_question(now, ref.q->id);
				if (cur.q != NULL &&
				    state_risk(st, &cur) == RISK_HIGH)
					rv->baseline_open++;
			}
		}
	}
}

void
roadmap_build(const struct state *st, const struct state *base,
    struct roadmap_view *rv)
{
	size_t cap = 0;

	*rv = (struct roadmap_view){ 0 };
	for (size_t l = 0; l < st->nlenses; l++) {
		const struct lens *lens = st->lenses[l];

		for (size_t i = 0; i < lens->npillars; i++) {
			const struct pillar *p = &lens->pillars[i];

			for (size_t j = 0; j < p->nquestions; j++) {
				struct qref			 ref = { l,
				    &p->questions[j] };
				const struct roadmap_item	*it;
				enum risk			 r;

				it = st->roadmap[l][ref.q->index];
				r = state_risk(st, &ref);
				if (r == RISK_HIGH) {
					rv->hri++;
					if (it == NULL)
						rv->hri_untracked++;
					if (it == NULL ||
					    roadmap_item_open(it, r))
						rv->hri_open++;
				}
				if (it == NULL)
					continue;
				*ARRAY_PUSH(rv->v, rv->n, cap) =
				    (struct roadmap_entry){ ref, r, it };
			}
		}
	}
	for (size_t i = 1; i < rv->n; i++) {
		struct roadmap_entry	e = rv->v[i];
		size_t			j = i;

		while (j > 0 && roadmap_compare(st, &e, &rv->v[j - 1]) < 0) {
			rv->v[j] = rv->v[j - 1];
			j--;
		}
		rv->v[j] = e;
	}
	for (size_t i = rv->n; i > 0; i--) {
		unsigned s = roadmap_item_group(rv->v[i - 1].item,
		    rv->v[i - 1].risk);

		if (s < ROADMAP_NGROUPS) {
			rv->group[s] = i - 1;
			rv->ngroup[s]++;
		}
	}
	/* An empty group starts where the next one would. */
	for (size_t s = 0, at = 0; s < ROADMAP_NGROUPS; s++) {
		if (rv->ngroup[s] == 0)
			rv->group[s] = at;
		at = rv->group[s] + rv->ngroup[s];
	}
	if (base != NULL)
		count_baseline(st, base, rv);
}

const char *
roadmap_entry_hint(const struct roadmap_entry *e)
{
	if (roadmap_item_state(e->item, e->risk) == ITEM_DONE_RISK_OPEN)
		return item_state_label(ITEM_DONE_RISK_OPEN);
	if (roadmap_item_closable(e->item, e->risk))
		return _("No longer a finding: it may be closed");
	return NULL;
}

char *
roadmap_since_text(const struct roadmap_view *rv)
{
	char *of, *s;

	/* TRANSLATORS: the HRIs at the last milestone (the second number),
	 * of which the first number are HRIs still; the sentence around it
	 * follows. */
	of = xasprintf(ngettext("%u of its %u high-risk issue",
	    "%u of its %u high-risk issues", rv->baseline_hri),
	    rv->baseline_open, rv->baseline_hri);
	/* TRANSLATORS: %s is "N of its M high-risk issues"; the verb agrees
	 * with N, the issues still open. */
	s = xasprintf(ngettext("Since the last milestone: %s is still open.",
	    "Since the last milestone: %s are still open.",
	    rv->baseline_open), of);
	free(of);
	return s;
}

void
roadmap_view_free(struct roadmap_view *rv)
{
	free(rv->v);
	*rv = (struct roadmap_view){ 0 };
}
