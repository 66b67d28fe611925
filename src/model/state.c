/* state.c: the state of a review and the queries on it. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/hindex.h"
#include "base/util.h"
#include "model/profile.h"
#include "model/state.h"
#include "model/scan.h"

const char *
kv_get(const struct kv *kv, const char *key)
{
	size_t i = hindex_find(&kv->index, kv->keys, key);

	return i != HINDEX_NONE ? kv->values[i] : NULL;
}

void
kv_set(struct kv *kv, const char *key, const char *value)
{
	size_t i = hindex_find(&kv->index, kv->keys, key);

	if (i != HINDEX_NONE) {
		free(kv->values[i]);
		kv->values[i] = xstrdup(value);
		return;
	}
	if (kv->n == kv->cap) {
		kv->cap = kv->cap < 8 ? 8 : kv->cap * 2;
		kv->keys = xreallocarray(kv->keys, kv->cap, sizeof *kv->keys);
		kv->values = xreallocarray(kv->values, kv->cap,
		    sizeof *kv->values);
	}
	kv->keys[kv->n] = xstrdup(key);
	kv->values[kv->n] = xstrdup(value);
	hindex_add(&kv->index, kv->keys, kv->n);
	kv->n++;
}

void
kv_unset(struct kv *kv, const char *key)
{
	size_t i = hindex_find(&kv->index, kv->keys, key);

	if (i == HINDEX_NONE)
		return;
	hindex_remove(&kv->index, kv->keys, i);
	free(kv->keys[i]);
	free(kv->values[i]);
	kv->n--;
	memmove(kv->keys + i, kv->keys + i + 1, (kv->n - i) * sizeof *kv->keys);
	memmove(kv->values + i, kv->values + i + 1,
	    (kv->n - i) * sizeof *kv->values);
}

void
kv_free(struct kv *kv)
{
	for (size_t i = 0; i < kv->n; i++) {
		free(kv->keys[i]);
		free(kv->values[i]);
	}
	free(kv->keys);
	free(kv->values);
	hindex_free(&kv->index);
	*kv = (struct kv){ 0 };
}

void
state_clear(struct state *st)
{
	for (size_t i = 0; i < st->nlenses; i++) {
		for (size_t j = 0; j < st->lenses[i]->nquestions; j++) {
			answer_free(&st->answers[i][j]);
			roadmap_item_free(st->roadmap[i][j]);
			st->roadmap[i][j] = NULL;
		}
	}
	kv_free(&st->workload);
	kv_free(&st->session);
	scans_clear(&st->scans);
	profile_free(st->profile);
	st->profile = NULL;
	kv_free(&st->profile_answers);
}

/* "lens/question" to the lens index and question; -1 if unknown. */
int
state_find_key(const struct state *st, const char *key, struct qref *ref)
{
	const char *slash = strchr(key, '/');

	if (slash == NULL)
		return -1;
	for (size_t i = 0; i < st->nlenses; i++) {
		const struct lens *l = st->lenses[i];

		if (strlen(l->id) == (size_t)(slash - key) &&
		    strncmp(l->id, key, (size_t)(slash - key)) == 0) {
			ref->lens = i;
			ref->q = lens_question(l, slash + 1);
			return ref->q != NULL ? 0 : -1;
		}
	}
	return -1;
}

struct state *
state_new(void)
{
	return xcalloc(1, sizeof (struct state));
}

void
state_free(struct state *st)
{
	if (st == NULL)
		return;
	state_clear(st);
	for (size_t i = 0; i < st->nlenses; i++) {
		free(st->answers[i]);
		free(st->roadmap[i]);
		lens_free(st->lenses[i]);
	}
	free(st->answers);
	free(st->roadmap);
	free(st->lenses);
	state_free(st->baseline);
	free(st);
}

void
state_add_lens(struct state *st, struct lens *l, const char *id)
{
	free(l->id);	/* the workspace's name for it wins */
	l->id = xstrdup(id);
	st->lenses = xreallocarray(st->lenses, st->nlenses + 1,
	    sizeof *st->lenses);
	st->answers = xreallocarray(st->answers, st->nlenses + 1,
	    sizeof *st->answers);
	st->roadmap = xreallocarray(st->roadmap, st->nlenses + 1,
	    sizeof *st->roadmap);
	st->lenses[st->nlenses] = l;
	st->answers[st->nlenses] = xcalloc(l->nquestions, sizeof **st->answers);
	st->roadmap[st->nlenses] = xcalloc(l->nquestions, sizeof **st->roadmap);
	st->nlenses++;
}

int
state_find(const struct state *st, const char *spec, struct qref *ref,
    char **cause)
{
	const char	*slash = strchr(spec, '/');
	int		 found = 0;

	if (slash != NULL) {
		if (state_find_key(st, spec, ref) == 0)
			return 0;
		return fail(cause, _("no question \"%s\" in this workspace"),
		    spec);
	}
	for (size_t i = 0; i < st->nlenses; i++) {
		const struct question *q = lens_question(st->lenses[i], spec);

		if (q == NULL)
			continue;
		if (found++ == 0) {
			ref->lens = i;
			ref->q = q;
		}
	}
	if (found == 1)
		return 0;
	if (found > 1)
		return fail(cause, _("question \"%s\" is in several lenses: "
		    "write LENS/%s"), spec, spec);
	return fail(cause, _("no question \"%s\" in this workspace"), spec);
}

char *
state_key(const struct state *st, const struct qref *ref)
{
	return xasprintf("%s/%s", st->lenses[ref->lens]->id, ref->q->id);
}

const struct answer *
state_answer(const struct state *st, const struct qref *ref)
{
	return &st->answers[ref->lens][ref->q->index];
}

enum risk
state_risk(const struct state *st, const struct qref *ref)
{
	return question_risk(ref->q, state_answer(st, ref));
}

void
state_tally_pillar(const struct state *st, size_t lens,
    const struct pillar *p, struct tally *t)
{
	*t = (struct tally){ 0 };
	for (size_t i = 0; i < p->nquestions; i++) {
		const struct question *q = &p->questions[i];

		tally_add(t, question_risk(q, &st->answers[lens][q->index]));
	}
}

void
state_tally(const struct state *st, int lens, struct tally *t)
{
	*t = (struct tally){ 0 };
	for (size_t i = 0; i < st->nlenses; i++) {
		const struct lens *l = st->lenses[i];

		if (lens >= 0 && (size_t)lens != i)
			continue;
		for (size_t j = 0; j < l->npillars; j++) {
			struct tally pt;

			state_tally_pillar(st, i, &l->pillars[j], &pt);
			tally_sum(t, &pt);
		}
	}
}

bool
state_prop_key_valid(const char *k)
{
	if (*k == '\0')
		return false;
	for (; *k != '\0'; k++) {
		if (!((*k >= 'a' && *k <= 'z') || (*k >= 'A' && *k <= 'Z') ||
		    (*k >= '0' && *k <= '9') || *k == '-' || *k == '_'))
			return false;
	}
	return true;
}

const char *
state_prop(const struct state *st, const char *key)
{
	return kv_get(&st->workload, key);
}

/* "security", "SEC", or "wellarchitected/security". */
const struct pillar *
state_find_pillar(const struct state *st, const char *spec,
    size_t *lens, char **cause)
{
	const char		*slash = strchr(spec, '/'), *name = spec;
	const struct pillar	*found = NULL;
	int			 n = 0;

	if (slash != NULL)
		name = slash + 1;
	for (size_t i = 0; i < st->nlenses; i++) {
		const struct lens *l = st->lenses[i];

		if (slash != NULL && (strlen(l->id) != (size_t)(slash - spec) ||
		    strncmp(l->id, spec, (size_t)(slash - spec)) != 0))
			continue;
		for (size_t j = 0; j < l->npillars; j++) {
			const struct pillar *p = &l->pillars[j];

			if (strcmp(p->id, name) != 0 && !streq(p->code, name))
				continue;
			if (n++ == 0) {
				found = p;
				*lens = i;
			}
		}
	}
	if (n == 1)
		return found;
	if (n > 1)
		fail(cause, _("pillar \"%s\" is in several lenses: write "
		    "LENS/%s"), spec, spec);
	else
		fail(cause, _("no pillar \"%s\" in this workspace"), spec);
	return NULL;
}

char *
state_pillar_key(const struct state *st, const char *prefix, size_t lens,
    const struct pillar *p)
{
	return xasprintf("%s/%s/%s", prefix, st->lenses[lens]->id, p->id);
}

/* A number kept per pillar under "PREFIX/LENS/PILLAR"; 0 when unset. */
static long
pillar_number(const struct state *st, const struct kv *kv,
    const char *prefix, size_t lens, const struct pillar *p)
{
	char		*key = state_pillar_key(st, prefix, lens, p);
	const char	*v = kv_get(kv, key);

	free(key);
	return v != NULL ? strtol(v, NULL, 10) : 0;
}

long
state_agenda(const struct state *st, size_t lens,
    const struct pillar *p)
{
	return pillar_number(st, &st->workload, "agenda", lens, p);
}

long
state_time_spent(const struct state *st, size_t lens,
    const struct pillar *p)
{
	return pillar_number(st, &st->session, "clock", lens, p);
}

bool
state_clock_live(const struct state *st, long now, struct clock_live *l)
{
	const char	*v = kv_get(&st->session, SESSION_CLOCK_LIVE);
	long		 age;

	if (v == NULL || sscanf(v, "%127s %511s %ld %ld", l->owner, l->where,
	    &l->since, &l->base) != 4)
		return false;
	age = now - l->since;
	return age >= -CLOCK_STALE_SECONDS && age <= CLOCK_STALE_SECONDS;
}

long
state_time_live(const struct state *st, size_t lens, const struct pillar *p,
    long now)
{
	struct clock_live	 l;
	long			 spent = state_time_spent(st, lens, p);
	char			*where;

	if (!state_clock_live(st, now, &l))
		return spent;
	where = xasprintf("%s/%s", st->lenses[lens]->id, p->id);
	if (strcmp(where, l.where) == 0)
		spent = l.base + (now > l.since ? now - l.since : 0);
	free(where);
	return spent;
}

size_t
state_scan_questions(const struct state *st, bool flagged,
    struct qref **out)
{
	const struct scan_ref	*refs;
	size_t			 n = 0;

	*out = NULL;
	for (size_t i = 0; i < st->nlenses; i++) {
		const struct lens *l = st->lenses[i];

		for (size_t j = 0; j < l->npillars; j++) {
			for (size_t k = 0; k < l->pillars[j].nquestions; k++) {
				struct qref ref = { i,
				    &l->pillars[j].questions[k] };

				if (flagged ? scans_selected_failing(&st->scans,
				    l->id, ref.q, state_answer(st, &ref)) == 0 :
				    scans_find(&st->scans, l->id, ref.q->id,
				    NULL, &refs) == 0)
					continue;
				*out = xreallocarray(*out, n + 1, sizeof **out);
				(*out)[n++] = ref;
			}
		}
	}
	return n;
}

const char *
state_reconfirm(const struct state *st, const struct qref *ref)
{
	char		*key = state_key(st, ref), *prop;
	const char	*v;

	prop = xasprintf(PROP_RECONFIRM "%s", key);
	v = kv_get(&st->workload, prop);
	free(prop);
	free(key);
	return v;
}

size_t
state_first_reconfirm(const struct state *st, struct qref *ref)
{
	size_t		n = 0, len = strlen(PROP_RECONFIRM);
	struct qref	r, best = { 0, NULL };

	for (size_t i = 0; i < st->workload.n; i++) {
		const char *k = st->workload.keys[i];

		if (strncmp(k, PROP_RECONFIRM, len) != 0 ||
		    state_find_key(st, k + len, &r) != 0)
			continue;
		n++;
		if (best.q == NULL || r.lens < best.lens || (r.lens ==
		    best.lens && r.q->index < best.q->index))
			best = r;
	}
	if (n > 0)
		*ref = best;
	return n;
}

static const char *
pillar_code(const struct pillar *p)
{
	return p->code != NULL ? p->code : p->id;
}

bool
state_pillar_shared(const struct state *st, size_t lens,
    const struct pillar *p)
{
	for (size_t i = 0; i < st->nlenses; i++) {
		if (i == lens)
			continue;
		for (size_t j = 0; j < st->lenses[i]->npillars; j++) {
			if (streq(pillar_code(&st->lenses[i]->pillars[j]),
			    pillar_code(p)))
				return true;
		}
	}
	return false;
}

char *
state_pillar_code(const struct state *st, size_t lens, const struct pillar *p)
{
	if (lens < st->nlenses && state_pillar_shared(st, lens, p))
		return xasprintf("%s/%s", st->lenses[lens]->id, pillar_code(p));
	return xstrdup(pillar_code(p));
}

bool
lead_parse(const char *v, struct lead *l)
{
	int	n = 0;

	if (v == NULL || sscanf(v, "%127s %ld %n", l->owner, &l->since,
	    &n) != 2 || n == 0 || v[n] == '\0')
		return false;
	snprintf(l->author, sizeof l->author, "%s", v + n);
	return true;
}

bool
state_lead(const struct state *st, long now, struct lead *l)
{
	long age;

	if (!lead_parse(kv_get(&st->session, SESSION_LEAD), l))
		return false;
	age = now - l->since;
	return age >= -LEAD_STALE_SECONDS && age <= LEAD_STALE_SECONDS;
}

bool
state_cursor(const struct state *st, struct qref *ref, int *choice)
{
	const char *at = kv_get(&st->session, SESSION_CURSOR), *id;

	*choice = -1;
	if (at == NULL || state_find_key(st, at, ref) != 0)
		return false;
	id = kv_get(&st->session, SESSION_CHOICE);
	for (size_t i = 0; id != NULL && i < ref->q->nchoices; i++) {
		if (strcmp(question_choices(ref->q)[i].id, id) == 0)
			*choice = (int)i;
	}
	return true;
}
