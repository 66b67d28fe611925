/* template.c: review templates from and to a value tree. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "base/util.h"
#include "model/template.h"

/* What a template keeps of an answer; NULL when nothing. */
static struct yval *
answer_tree(const struct question *q, const struct answer *a)
{
	struct yval *m = yval_new_map(), *sel = yval_new_seq(), *na = yval_new_map();

	for (size_t i = 0; i < q->nchoices; i++) {
		const char		*id = question_choices(q)[i].id;
		const struct choice_na	*cn;

		if (answer_selected(a, id))
			yval_seq_add(sel, yval_new_str(id));
		if ((cn = answer_choice_na(a, id)) != NULL)
			yval_map_set(na, cn->choice, yval_new_str(cn->reason));
	}
	if (sel->n > 0)
		yval_map_set(m, "selected", sel);
	else
		yval_free(sel);
	if (a->not_applicable)
		yval_map_set(m, "not-applicable", yval_new_str(a->reason != NULL ?
		    a->reason : "OTHER"));
	if (na->n > 0)
		yval_map_set(m, "choices-not-applicable", na);
	else
		yval_free(na);
	if (a->note != NULL && *a->note != '\0')
		yval_map_set(m, "note", yval_new_str(a->note));
	if (m->n == 0) {
		yval_free(m);
		return NULL;
	}
	return m;
}

struct yval *
template_build(const struct state *st, const bool *want)
{
	struct yval	*root = yval_new_map(), *ids = yval_new_seq();
	struct yval	*all = yval_new_map();
	const char	*name = state_prop(st, "name");

	yval_map_set(root, "template", yval_new_str(name != NULL ? name : ""));
	for (size_t i = 0; i < st->nlenses; i++) {
		const struct lens	*l = st->lenses[i];
		struct yval		*qs = yval_new_map();

		if (want != NULL && !want[i]) {
			yval_free(qs);
			continue;
		}
		yval_seq_add(ids, yval_new_str(l->id));
		for (size_t j = 0; j < l->npillars; j++) {
			const struct pillar *p = &l->pillars[j];

			for (size_t k = 0; k < p->nquestions; k++) {
				const struct question	*q = &p->questions[k];
				struct yval		*a;

				a = answer_tree(q, &st->answers[i][q->index]);
				if (a != NULL)
					yval_map_set(qs, q->id, a);
			}
		}
		if (qs->n > 0)
			yval_map_set(all, l->id, qs);
		else
			yval_free(qs);
	}
	yval_map_set(root, "lenses", ids);
	yval_map_set(root, "answers", all);
	return root;
}

int
template_lenses(const struct yval *root, const char *name, const char ***ids,
    size_t *n, char **cause)
{
	const struct yval *l = yval_get(root, "lenses");

	*ids = NULL;
	*n = 0;
	if (root == NULL || root->type != YVAL_MAP ||
	    yval_get(root, "template") == NULL)
		return yval_fail(cause, name, root, "%s", _("not a review template "
		    "(no \"template\" field)"));
	if (l == NULL || l->type != YVAL_SEQ || l->n == 0)
		return yval_fail(cause, name, l != NULL ? l : root, _("%s: expected "
		    "a list"), "lenses");
	*ids = xcalloc(l->n, sizeof **ids);
	for (size_t i = 0; i < l->n; i++) {
		if (yval_str(l->v[i]) == NULL) {
			free(*ids);
			*ids = NULL;
			return yval_fail(cause, name, l->v[i], _("%s: expected "
			    "text"), "lenses");
		}
		(*ids)[(*n)++] = yval_str(l->v[i]);
	}
	return 0;
}

static int
reason(const struct yval *v, const char *name, const char **out,
    char **cause)
{
	const char *s = yval_str(v);

	if (s == NULL || (*out = na_reason_parse(s)) == NULL)
		return yval_fail(cause, name, v, _("unknown reason \"%s\""),
		    s != NULL ? s : "");
	return 0;
}

static int
choice_of(const struct question *q, const struct yval *v, const char *name,
    const char **out, char **cause)
{
	const char *s = yval_str(v);

	if (s == NULL || question_choice(q, s) == NULL)
		return yval_fail(cause, name, v, _("question %s has no choice "
		    "\"%s\""), q->id, s != NULL ? s : "");
	*out = s;
	return 0;
}

static int
one_answer(const struct question *q, const struct yval *m, const char *name,
    struct answer *a, char **cause)
{
	const char *c, *r;

	if (m->type != YVAL_MAP)
		return yval_fail(cause, name, m, _("%s: expected a mapping of "
		    "fields"), q->id);
	answer_init(a);
	for (size_t i = 0; i < m->n; i++) {
		const char		*key = m->keys[i];
		const struct yval	*v = m->v[i];

		if (strcmp(key, "selected") == 0 && v->type == YVAL_SEQ) {
			for (size_t j = 0; j < v->n; j++) {
				if (choice_of(q, v->v[j], name, &c, cause) != 0)
					return -1;
				answer_select(a, c, true);
			}
		} else if (strcmp(key, "not-applicable") == 0) {
			if (reason(v, name, &r, cause) != 0)
				return -1;
			a->not_applicable = true;
			a->reason = xstrdup(r);
		} else if (strcmp(key, "choices-not-applicable") == 0 &&
		    v->type == YVAL_MAP) {
			for (size_t j = 0; j < v->n; j++) {
				struct yval k = { .type = YVAL_SCALAR,
				    .s = v->keys[j], .line = v->v[j]->line };

				if (choice_of(q, &k, name, &c, cause) != 0 ||
				    reason(v->v[j], name, &r, cause) != 0)
					return -1;
				answer_set_choice_na(a, c, r);
				answer_select(a, c, false);
			}
		} else if (strcmp(key, "note") == 0 && yval_str(v) != NULL) {
			if (!utf8_valid(v->s, strlen(v->s)))
				return yval_fail(cause, name, v, "%s",
				    _("the note is not valid UTF-8"));
			answer_set_note(a, v->s);
		} else
			return yval_fail(cause, name, v, _("unknown field \"%s\""),
			    key);
	}
	a->from_template = !answer_is_empty(a);
	return 0;
}

int
template_answers(const struct yval *root, const char *name,
    struct lens *const *lenses, size_t nlenses, struct answer **answers,
    char **cause)
{
	const struct yval *all = yval_get(root, "answers");

	if (all == NULL)
		return 0;
	if (all->type != YVAL_MAP)
		return yval_fail(cause, name, all, _("%s: expected a mapping of "
		    "fields"), "answers");
	for (size_t i = 0; i < all->n; i++) {
		const struct yval	*qs = all->v[i];
		size_t			 l;

		for (l = 0; l < nlenses; l++) {
			if (strcmp(lenses[l]->id, all->keys[i]) == 0)
				break;
		}
		if (l == nlenses)
			return yval_fail(cause, name, qs, _("the template answers "
			    "lens \"%s\", which the workspace does not have"),
			    all->keys[i]);
		if (qs->type != YVAL_MAP)
			return yval_fail(cause, name, qs, _("%s: expected a mapping "
			    "of fields"), all->keys[i]);
		for (size_t j = 0; j < qs->n; j++) {
			const struct question	*q;
			struct answer		 a;

			if ((q = lens_question(lenses[l], qs->keys[j])) == NULL)
				return yval_fail(cause, name, qs->v[j], _("lens %s "
				    "has no question \"%s\""), lenses[l]->id,
				    qs->keys[j]);
			if (one_answer(q, qs->v[j], name, &a, cause) != 0) {
				answer_free(&a);
				return -1;
			}
			answer_free(&answers[l][q->index]);
			answers[l][q->index] = a;
		}
	}
	return 0;
}
