/* diff.c: the risk-aware diff of two states.
 * Pure: the states are read elsewhere (history_state, the live store). */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "model/diff.h"
#include "base/util.h"

static const struct answer empty_answer;

static bool
roadmap_equal(const struct roadmap_item *a, const struct roadmap_item *b)
{
	if (a == NULL || b == NULL)
		return a == b;
	return streq(a->owner, b->owner) && streq(a->ticket, b->ticket) &&
	    a->effort == b->effort && a->status == b->status &&
	    streq(a->reason, b->reason) && streq(a->target, b->target);
}

/* The same question in the other state, if its lens has it. */
static const struct question *
find(const struct state *st, const char *lens, const char *qid,
    const struct answer **a, const struct roadmap_item **it)
{
	for (size_t i = 0; i < st->nlenses; i++) {
		const struct question *q;

		if (strcmp(st->lenses[i]->id, lens) != 0)
			continue;
		if ((q = lens_question(st->lenses[i], qid)) == NULL)
			return NULL;
		*a = &st->answers[i][q->index];
		*it = st->roadmap[i][q->index];
		return q;
	}
	return NULL;
}

static bool
choices_equal(const struct answer *a, const struct answer *b)
{
	struct answer x, y;
	bool eq;

	/* Compare everything but the note, evidence and verification. */
	x = *a;
	y = *b;
	x.note = y.note = NULL;
	x.nevidence = y.nevidence = 0;
	x.evidence = y.evidence = NULL;
	x.verification = y.verification = VERIFY_UNSET;
	eq = answer_equal(&x, &y);
	return eq;
}

static int
classify(const struct question *from_q, const struct answer *fa,
    const struct roadmap_item *fit, const struct question *to_q,
    const struct answer *ta, const struct roadmap_item *tit,
    enum risk *rf, enum risk *rt)
{
	int flags = 0;

	*rf = from_q != NULL ? question_risk(from_q, fa) : RISK_UNANSWERED;
	*rt = to_q != NULL ? question_risk(to_q, ta) : RISK_UNANSWERED;
	if (*rf == RISK_HIGH && *rt != RISK_HIGH)
		flags |= CHANGE_HRI_CLOSED;
	if (*rf != RISK_HIGH && *rt == RISK_HIGH)
		flags |= CHANGE_HRI_OPENED;
	if (*rf == RISK_MEDIUM && *rt != RISK_MEDIUM)
		flags |= CHANGE_MRI_CLOSED;
	if (*rf != RISK_MEDIUM && *rt == RISK_MEDIUM)
		flags |= CHANGE_MRI_OPENED;
	if (!choices_equal(fa, ta))
		flags |= CHANGE_ANSWER;
	if (!streq(fa->note != NULL ? fa->note : "",
	    ta->note != NULL ? ta->note : ""))
		flags |= CHANGE_NOTE;
	if (!answer_equal(fa, ta) && !(flags & (CHANGE_ANSWER | CHANGE_NOTE)))
		flags |= CHANGE_OTHER;
	if (!roadmap_equal(fit, tit))
		flags |= CHANGE_OTHER;
	return flags;
}

static void
add(struct review_diff *d, const struct lens *l, const struct question *q,
    enum risk from, enum risk to, int flags)
{
	struct question_change *c;

	if (flags == 0)
		return;
	c = ARRAY_PUSH(d->v, d->n, d->cap);
	c->lens = l;
	c->q = q;
	c->from = from;
	c->to = to;
	c->flags = flags;
}

void
review_diff(const struct state *from, const struct state *to,
    struct review_diff *d)
{
	*d = (struct review_diff){ 0 };
	state_tally(from, -1, &d->from);
	state_tally(to, -1, &d->to);

	/* Every question of TO, in lens order. */
	for (size_t i = 0; i < to->nlenses; i++) {
		const struct lens *l = to->lenses[i];

		for (size_t j = 0; j < l->npillars; j++) {
			const struct pillar *p = &l->pillars[j];

			for (size_t k = 0; k < p->nquestions; k++) {
				const struct question	*q = &p->questions[k];
				const struct question	*fq;
				const struct answer	*fa = &empty_answer;
				const struct roadmap_item *fit = NULL;
				enum risk		 rf, rt;
				int			 flags;

				/* Each state's own lens judges its answer. */
				fq = find(from, l->id, q->id, &fa, &fit);
				flags = classify(fq, fa, fit, q,
				    &to->answers[i][q->index],
				    to->roadmap[i][q->index], &rf, &rt);
				add(d, l, q, rf, rt, flags);
			}
		}
	}
	/* Questions only FROM has (its lens changed since). */
	for (size_t i = 0; i < from->nlenses; i++) {
		const struct lens *l = from->lenses[i];

		for (size_t j = 0; j < l->npillars; j++) {
			const struct pillar *p = &l->pillars[j];

			for (size_t k = 0; k < p->nquestions; k++) {
				const struct question	*q = &p->questions[k];
				const struct answer	*fa, *ta;
				const struct roadmap_item *tit;
				enum risk		 rf, rt;
				int			 flags;

				if (find(to, l->id, q->id, &ta, &tit) != NULL)
					continue;
				fa = &from->answers[i][q->index];
				flags = classify(q, fa,
				    from->roadmap[i][q->index], NULL,
				    &empty_answer, NULL, &rf, &rt);
				add(d, l, q, rf, rt, flags);
			}
		}
	}
}

void
review_diff_free(struct review_diff *d)
{
	free(d->v);
	*d = (struct review_diff){ 0 };
}
