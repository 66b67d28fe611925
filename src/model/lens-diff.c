/* lens-diff.c: the changes between two versions of a lens, and the answers
 * carried from one to the other. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "base/util.h"
#include "model/lens-diff.h"
#include "model/risk.h"

/* --- Comparing --- */

static bool
text_equal(const struct text *a, const struct text *b)
{
	if (!streq(a->base, b->base) || a->n != b->n)
		return false;
	for (size_t i = 0; i < a->n; i++) {
		size_t j;

		for (j = 0; j < b->n; j++) {
			if (streq(a->lang[i], b->lang[j]))
				break;
		}
		if (j == b->n || !streq(a->value[i], b->value[j]))
			return false;
	}
	return true;
}

static unsigned
choice_changes(const struct choice *a, const struct choice *b)
{
	unsigned c = 0;

	if (!text_equal(&a->title, &b->title))
		c |= LDIFF_TITLE;
	if (!streq(a->code, b->code))
		c |= LDIFF_NUMBER;
	if (!streq(a->url, b->url) || !streq(a->improvement_url,
	    b->improvement_url))
		c |= LDIFF_URL;
	if (a->risk != b->risk)
		c |= LDIFF_RISK;
	if (a->none != b->none)
		c |= LDIFF_NONE;
	if (!text_equal(&a->helpful, &b->helpful) ||
	    !text_equal(&a->improvement, &b->improvement))
		c |= LDIFF_HELP;
	return c;
}

static bool
rules_equal(const struct question *a, const struct question *b)
{
	if (a->nrules != b->nrules)
		return false;
	for (size_t i = 0; i < a->nrules; i++) {
		const struct rule *x = &question_rules(a)[i],
		    *y = &question_rules(b)[i];

		if (x->is_default != y->is_default || x->risk != y->risk ||
		    (!x->is_default && !streq(x->text, y->text)))
			return false;
	}
	return true;
}

static void
diff_question(struct question_diff *qd)
{
	const struct question	*a = qd->old, *b = qd->new;
	size_t			 cap = 0, last = 0;
	bool			 order = true, levels = false;

	if (!text_equal(&a->title, &b->title))
		qd->changes |= LDIFF_TITLE;
	if (!text_equal(&a->description, &b->description))
		qd->changes |= LDIFF_DESCRIPTION;
	if (!streq(a->number, b->number))
		qd->changes |= LDIFF_NUMBER;
	if (!streq(a->url, b->url))
		qd->changes |= LDIFF_URL;
	if (!streq(a->pillar->id, b->pillar->id))
		qd->changes |= LDIFF_PILLAR;
	for (size_t i = 0; i < b->nchoices; i++) {
		const struct choice	*nc = &question_choices(b)[i];
		int			 k = question_choice_index(a, nc->id);
		struct choice_diff	 cd = { NULL, nc, LDIFF_NEW, 0 };

		if (k >= 0) {
			cd.old = &question_choices(a)[k];
			cd.changes = choice_changes(cd.old, nc);
			cd.status = cd.changes != 0 ? LDIFF_UPDATED : LDIFF_SAME;
			if ((size_t)k < last)
				order = false;
			last = (size_t)k;
			if (cd.changes & (LDIFF_RISK | LDIFF_NONE))
				levels = true;
		}
		if (cd.status != LDIFF_SAME)
			*ARRAY_PUSH(qd->choices, qd->nchoices, cap) = cd;
	}
	for (size_t i = 0; i < a->nchoices; i++) {
		if (question_choice(b, question_choices(a)[i].id) == NULL)
			*ARRAY_PUSH(qd->choices, qd->nchoices, cap) =
			    (struct choice_diff){ &question_choices(a)[i], NULL,
			    LDIFF_DELETED, 0 };
	}
	if (qd->nchoices > 0)
		qd->changes |= LDIFF_CHOICES;
	if (!order)
		qd->changes |= LDIFF_ORDER;
	/* Without rules of its own, a question's risk follows the levels of
	 * its practices and which ones there are. */
	if (!rules_equal(a, b) || (b->nrules == 0 && (levels ||
	    qd->nchoices > 0)))
		qd->changes |= LDIFF_RULES;
	qd->status = qd->changes != 0 ? LDIFF_UPDATED : LDIFF_SAME;
}

static const struct question *
find_question(const struct lens *l, const char *id)
{
	return lens_question(l, id);
}

static void
push_question(struct pillar_diff *pd, size_t *cap, struct question_diff *qd)
{
	*ARRAY_PUSH(pd->questions, pd->nquestions, *cap) = *qd;
}

static void
count(struct lens_diff *d, const struct pillar_diff *pd)
{
	d->count_pillars[pd->status]++;
	for (size_t i = 0; i < pd->nquestions; i++) {
		const struct question_diff *qd = &pd->questions[i];

		d->count_questions[qd->status]++;
		for (size_t j = 0; j < qd->nchoices; j++)
			d->count_choices[qd->choices[j].status]++;
	}
}

void
lens_diff(const struct lens *a, const struct lens *b, struct lens_diff *d)
{
	size_t cap = 0;

	memset(d, 0, sizeof *d);
	d->old = a;
	d->new = b;
	if (!streq(a->id, b->id))
		d->changes |= LDIFF_ID;
	if (!streq(a->version, b->version))
		d->changes |= LDIFF_VERSION;
	if (!text_equal(&a->title, &b->title))
		d->changes |= LDIFF_TITLE;
	if (!text_equal(&a->description, &b->description))
		d->changes |= LDIFF_DESCRIPTION;

	for (size_t i = 0; i < b->npillars; i++) {
		const struct pillar	*np = &b->pillars[i];
		struct pillar_diff	 pd = { lens_pillar(a, np->id), np,
					    LDIFF_NEW, 0, NULL, 0 };
		size_t			 qcap = 0;

		for (size_t j = 0; j < np->nquestions; j++) {
			struct question_diff qd = { NULL, &np->questions[j],
			    LDIFF_NEW, 0, NULL, 0 };

			if ((qd.old = find_question(a, qd.new->id)) != NULL)
				diff_question(&qd);
			if (qd.status != LDIFF_SAME)
				push_question(&pd, &qcap, &qd);
		}
		if (pd.old != NULL) {
			if (!text_equal(&pd.old->title, &np->title))
				pd.changes |= LDIFF_TITLE;
			if (!text_equal(&pd.old->description, &np->description))
				pd.changes |= LDIFF_DESCRIPTION;
			if (!streq(pd.old->code, np->code))
				pd.changes |= LDIFF_NUMBER;
			/* Questions of the old pillar gone from the lens. */
			for (size_t j = 0; j < pd.old->nquestions; j++) {
				const struct question *oq = &pd.old->questions[j];
				struct question_diff qd = { oq, NULL,
				    LDIFF_DELETED, 0, NULL, 0 };

				if (find_question(b, oq->id) == NULL)
					push_question(&pd, &qcap, &qd);
			}
			pd.status = pd.changes != 0 || pd.nquestions > 0 ?
			    LDIFF_UPDATED : LDIFF_SAME;
		}
		if (pd.status != LDIFF_SAME)
			*ARRAY_PUSH(d->pillars, d->npillars, cap) = pd;
	}
	for (size_t i = 0; i < a->npillars; i++) {
		const struct pillar	*op = &a->pillars[i];
		struct pillar_diff	 pd = { op, NULL, LDIFF_DELETED, 0,
					    NULL, 0 };
		size_t			 qcap = 0;

		if (lens_pillar(b, op->id) != NULL)
			continue;
		for (size_t j = 0; j < op->nquestions; j++) {
			struct question_diff qd = { &op->questions[j], NULL,
			    LDIFF_DELETED, 0, NULL, 0 };

			if (find_question(b, qd.old->id) == NULL)
				push_question(&pd, &qcap, &qd);
		}
		*ARRAY_PUSH(d->pillars, d->npillars, cap) = pd;
	}
	for (size_t i = 0; i < d->npillars; i++)
		count(d, &d->pillars[i]);
}

void
lens_diff_free(struct lens_diff *d)
{
	for (size_t i = 0; i < d->npillars; i++) {
		struct pillar_diff *pd = &d->pillars[i];

		for (size_t j = 0; j < pd->nquestions; j++)
			free(pd->questions[j].choices);
		free(pd->questions);
	}
	free(d->pillars);
	memset(d, 0, sizeof *d);
}

bool
lens_diff_empty(const struct lens_diff *d)
{
	return d->changes == 0 && d->npillars == 0;
}

const struct question_diff *
lens_diff_question(const struct lens_diff *d, const char *id)
{
	for (size_t i = 0; i < d->npillars; i++) {
		const struct pillar_diff *pd = &d->pillars[i];

		for (size_t j = 0; j < pd->nquestions; j++) {
			const struct question_diff	*qd = &pd->questions[j];
			const struct question		*q = qd->new != NULL ?
							    qd->new : qd->old;

			if (strcmp(q->id, id) == 0)
				return qd;
		}
	}
	return NULL;
}

const char *
ldiff_status_name(enum ldiff_status s)
{
	static const char *const names[] = { "same", "new", "updated",
	    "deleted" };

	return (size_t)s < nitems(names) ? names[s] : "?";
}

size_t
ldiff_change_names(unsigned bits, const char **names, size_t max)
{
#define X(n, bit, name) { bit, name },
	static const struct { unsigned bit; const char *name; } list[] = {
		LDIFF_CHANGES(X)
	};
#undef X
	size_t n = 0;

	for (size_t i = 0; i < nitems(list) && n < max; i++) {
		if (bits & list[i].bit)
			names[n++] = list[i].name;
	}
	return n;
}

#define X(n, bit, name) { bit, name },
static const struct { unsigned bit; const char *name; } reasons[] = {
	RECONFIRM_REASONS(X)
};
#undef X

size_t
reconfirm_reason_names(unsigned bits, const char **names, size_t max)
{
	size_t n = 0;

	for (size_t i = 0; i < nitems(reasons) && n < max; i++) {
		if (bits & reasons[i].bit)
			names[n++] = reasons[i].name;
	}
	return n;
}

int
reconfirm_parse(const char *s, unsigned *bits)
{
	*bits = 0;
	while (*s != '\0') {
		size_t	n = strcspn(s, ","), i;

		for (i = 0; i < nitems(reasons); i++) {
			if (strlen(reasons[i].name) == n &&
			    strncmp(reasons[i].name, s, n) == 0)
				break;
		}
		if (i == nitems(reasons))
			return -1;
		*bits |= reasons[i].bit;
		s += n;
		if (*s == ',')
			s++;
	}
	return 0;
}

/* --- Carrying answers over --- */

static void
push_lost(struct upgrade_note *n, const char *id)
{
	n->lost = xreallocarray(n->lost, n->nlost + 1, sizeof *n->lost);
	n->lost[n->nlost++] = xstrdup(id);
}

/* The old answer against the new question: what was chosen of a choice
 * still there stays chosen (in the new order), the rest is named lost. */
static void
carry(const struct question *nq, const struct answer *old, struct answer *a,
    struct upgrade_note *note)
{
	struct answer copy;

	answer_copy(&copy, old);
	for (size_t i = 0; note != NULL && i < copy.nselected; i++) {
		if (question_choice(nq, copy.selected[i]) == NULL)
			push_lost(note, copy.selected[i]);
	}
	for (size_t i = 0; note != NULL && i < copy.nna; i++) {
		if (question_choice(nq, copy.na[i].choice) == NULL)
			push_lost(note, copy.na[i].choice);
	}
	answer_init(a);
	a->not_applicable = copy.not_applicable;
	a->reason = copy.reason != NULL ? xstrdup(copy.reason) : NULL;
	a->note = copy.note != NULL ? xstrdup(copy.note) : NULL;
	for (size_t i = 0; i < copy.nevidence; i++)
		answer_add_evidence(a, copy.evidence[i]);
	a->verification = copy.verification;
	for (size_t i = 0; i < nq->nchoices; i++) {
		const struct choice_na	*na;
		const char		*id = question_choices(nq)[i].id;

		if (answer_selected(&copy, id)) {
			a->selected = xreallocarray(a->selected,
			    a->nselected + 1, sizeof *a->selected);
			a->selected[a->nselected++] = xstrdup(id);
		}
		if ((na = answer_choice_na(&copy, id)) != NULL)
			answer_set_choice_na(a, id, na->reason);
	}
	answer_free(&copy);
}

void
lens_carry_answer(const struct question *nq, const struct answer *old,
    struct answer *a)
{
	carry(nq, old, a, NULL);
}

static struct upgrade_note *
push_note(struct lens_upgrade *u, size_t *cap, const struct question *old,
    const struct question *new)
{
	struct upgrade_note *n = ARRAY_PUSH(u->notes, u->nnotes, *cap);

	memset(n, 0, sizeof *n);
	n->old = old;
	n->new = new;
	return n;
}

void
lens_upgrade_plan(const struct lens_diff *d, const struct answer *old,
    struct lens_upgrade *u)
{
	const struct lens		*a = d->old, *b = d->new;
	const struct question_diff	**byq;
	size_t				 cap = 0;

	memset(u, 0, sizeof *u);
	/* The diff of each question of the new lens, by its index. */
	byq = xcalloc(b->nquestions + 1, sizeof *byq);
	for (size_t i = 0; i < d->npillars; i++) {
		for (size_t j = 0; j < d->pillars[i].nquestions; j++) {
			const struct question_diff *qd =
			    &d->pillars[i].questions[j];

			if (qd->new != NULL)
				byq[qd->new->index] = qd;
		}
	}
	u->answers = xcalloc(b->nquestions > 0 ? b->nquestions : 1,
	    sizeof *u->answers);
	for (size_t i = 0; i < b->nquestions; i++)
		answer_init(&u->answers[i]);
	for (size_t i = 0; i < b->npillars; i++) {
		const struct pillar *p = &b->pillars[i];

		for (size_t j = 0; j < p->nquestions; j++) {
			const struct question		*nq = &p->questions[j];
			const struct question		*oq = lens_question(a,
							    nq->id);
			const struct question_diff	*qd;
			const struct answer		*was;
			struct upgrade_note		 note = { 0 };
			bool				 answered;

			note.old = oq;
			note.new = nq;
			if (oq == NULL) {
				note.reasons = RECONFIRM_NEW_QUESTION;
				*push_note(u, &cap, NULL, nq) = note;
				continue;
			}
			was = &old[oq->index];
			carry(nq, was, &u->answers[nq->index], &note);
			answered = question_risk(oq, was) != RISK_UNANSWERED ||
			    was->nna > 0;
			if (note.nlost > 0)
				note.reasons |= RECONFIRM_CHOICE_DELETED;
			qd = byq[nq->index];
			if (qd != NULL && answered) {
				if (qd->changes & LDIFF_RULES)
					note.reasons |= RECONFIRM_RULES;
				for (size_t k = 0; k < qd->nchoices; k++) {
					const struct choice_diff *cd =
					    &qd->choices[k];

					if (cd->status == LDIFF_NEW)
						note.reasons |=
						    RECONFIRM_NEW_CHOICE;
					if (cd->status == LDIFF_UPDATED &&
					    (cd->changes & (LDIFF_TITLE |
					    LDIFF_NONE)) &&
					    answer_selected(was, cd->new->id))
						note.reasons |=
						    RECONFIRM_CHOICE_CHANGED;
				}
			}
			if (note.reasons != 0 || note.nlost > 0)
				*push_note(u, &cap, oq, nq) = note;
		}
	}
	for (size_t i = 0; i < a->npillars; i++) {
		const struct pillar *p = &a->pillars[i];

		for (size_t j = 0; j < p->nquestions; j++) {
			const struct question *oq = &p->questions[j];

			if (lens_question(b, oq->id) != NULL)
				continue;
			push_note(u, &cap, oq, NULL)->lost_answer =
			    !answer_is_empty(&old[oq->index]);
		}
	}
	free(byq);
	for (size_t i = 0; i < u->nnotes; i++) {
		const struct upgrade_note *n = &u->notes[i];

		if (n->reasons != 0)
			u->nreconfirm++;
		u->nlost += n->nlost + (n->lost_answer ? 1 : 0);
	}
}

void
lens_upgrade_free(const struct lens_diff *d, struct lens_upgrade *u)
{
	for (size_t i = 0; d != NULL && i < d->new->nquestions; i++)
		answer_free(&u->answers[i]);
	free(u->answers);
	for (size_t i = 0; i < u->nnotes; i++) {
		for (size_t j = 0; j < u->notes[i].nlost; j++)
			free(u->notes[i].lost[j]);
		free(u->notes[i].lost);
	}
	free(u->notes);
	memset(u, 0, sizeof *u);
}
