/* priority.c: the questions a profile's answers prioritize; answers that
 * wait for confirmation. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/util.h"
#include "model/priority.h"

/* A rule's lens id (into buf) and question id. */
static const char *
rule_split(const struct profile *p, const char *rule, char *lens,
    size_t size)
{
	const char *slash = strchr(rule, '/');

	if (slash == NULL) {
		snprintf(lens, size, "%s", p->lens);
		return rule;
	}
	snprintf(lens, size, "%.*s", (int)(slash - rule), rule);
	return slash + 1;
}

int
profile_check(const struct profile *p, const struct state *st, char **cause)
{
	char lens[LENS_MAX_NAME + 1];

	for (size_t i = 0; i < p->nquestions; i++) {
		const struct profile_question *q = &p->questions[i];

		for (size_t j = 0; j < q->nchoices; j++) {
			const struct profile_choice *c = &q->choices[j];

			for (size_t k = 0; k < c->nprioritizes; k++) {
				const char *qid = rule_split(p,
				    c->prioritizes[k], lens, sizeof lens);

				for (size_t l = 0; l < st->nlenses; l++) {
					if (strcmp(st->lenses[l]->id, lens) != 0 ||
					    lens_question(st->lenses[l], qid) !=
					    NULL)
						continue;
					return fail(cause, _("profile %s: choice "
					    "%s/%s prioritizes \"%s\", which "
					    "lens %s does not have"), p->id,
					    q->id, c->id, c->prioritizes[k],
					    lens);
				}
			}
		}
	}
	return 0;
}

const char *
state_profile_answer(const struct state *st, const char *qid)
{
	return kv_get(&st->profile_answers, qid);
}

/* Whether the blank-separated list holds the word. */
static bool
in_list(const char *list, const char *word)
{
	size_t n = strlen(word);

	for (const char *s = list; s != NULL && *s != '\0';) {
		size_t len;

		s += strspn(s, " ");
		len = strcspn(s, " ");
		if (len == n && strncmp(s, word, n) == 0)
			return true;
		s += len;
	}
	return false;
}

bool
state_profile_chose(const struct state *st, const char *qid,
    const char *choice)
{
	return in_list(state_profile_answer(st, qid), choice);
}

bool
state_prioritized(const struct state *st, const struct qref *ref)
{
	const struct profile	*p = st->profile;
	const char		*lid = st->lenses[ref->lens]->id;
	char			 lens[LENS_MAX_NAME + 1];

	for (size_t i = 0; p != NULL && i < p->nquestions; i++) {
		const struct profile_question	*q = &p->questions[i];
		const char			*ans = state_profile_answer(st,
						    q->id);

		for (size_t j = 0; ans != NULL && j < q->nchoices; j++) {
			const struct profile_choice *c = &q->choices[j];

			if (!in_list(ans, c->id))
				continue;
			for (size_t k = 0; k < c->nprioritizes; k++) {
				const char *qid = rule_split(p,
				    c->prioritizes[k], lens, sizeof lens);

				if (strcmp(qid, ref->q->id) == 0 &&
				    strcmp(lens, lid) == 0)
					return true;
			}
		}
	}
	return false;
}

/* Call fn for each question of a pillar, a lens (pillar NULL) or every
 * lens (lens -1). */
static void
each_question(const struct state *st, int lens, const struct pillar *p,
    void (*fn)(const struct state *, const struct qref *, void *), void *arg)
{
	for (size_t i = 0; i < st->nlenses; i++) {
		const struct lens *l = st->lenses[i];

		if (lens >= 0 && (size_t)lens != i)
			continue;
		for (size_t j = 0; j < l->npillars; j++) {
			const struct pillar *pp = &l->pillars[j];

			if (p != NULL && p != pp)
				continue;
			for (size_t k = 0; k < pp->nquestions; k++) {
				struct qref ref = { i, &pp->questions[k] };

				fn(st, &ref, arg);
			}
		}
	}
}

static void
tally_one(const struct state *st, const struct qref *ref, void *arg)
{
	if (state_prioritized(st, ref))
		tally_add(arg, state_risk(st, ref));
}

void
state_tally_prioritized(const struct state *st, int lens,
    const struct pillar *p, struct tally *t)
{
	*t = (struct tally){ 0 };
	if (st->profile != NULL)
		each_question(st, lens, p, tally_one, t);
}

size_t
state_nprioritized(const struct state *st)
{
	struct tally t;

	state_tally_prioritized(st, -1, NULL, &t);
	return t.questions;
}

static void
count_unconfirmed(const struct state *st, const struct qref *ref, void *arg)
{
	if (st->answers[ref->lens][ref->q->index].from_template)
		(*(unsigned *)arg)++;
}

unsigned
state_unconfirmed(const struct state *st, int lens, const struct pillar *p)
{
	unsigned n = 0;

	each_question(st, lens, p, count_unconfirmed, &n);
	return n;
}
