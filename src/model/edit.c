/* edit.c: the rules of answering. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "base/util.h"
#include "model/edit.h"

static const char *const names[] = {
#define X(k, n) n,
	EDIT_LIST(X)
#undef X
};

const char *
edit_name(enum edit_kind k)
{
	return names[k];
}

static const struct choice *
choice_of(const struct question *q, const char *id, char **cause)
{
	const struct choice *ch = id != NULL ? question_choice(q, id) : NULL;

	if (ch == NULL)
		fail(cause, _("question %s has no choice \"%s\""), q->id,
		    id != NULL ? id : "");
	return ch;
}

static size_t
select_choice(const struct question *q, struct answer *a,
    const struct choice *ch)
{
	const struct choice	*none;
	size_t			 cleared = 0;

	answer_set_choice_na(a, ch->id, NULL);
	if (ch->none) {
		while (a->nselected > 0) {
			answer_select(a, a->selected[0], false);
			cleared++;
		}
	} else if ((none = question_none_choice(q)) != NULL)
		answer_select(a, none->id, false);
	answer_select(a, ch->id, true);
	return cleared;
}

int
edit_apply(const struct question *q, struct answer *a, const struct edit *e,
    struct edit_result *r, char **cause)
{
	const struct choice	*ch = NULL;
	const char		*reason;

	*r = (struct edit_result){ .did = e->kind };
	switch (e->kind) {
	case EDIT_SELECT:
	case EDIT_UNSELECT:
	case EDIT_TOGGLE:
	case EDIT_CHOICE_NA:
	case EDIT_CHOICE_APPLICABLE:
		if ((ch = choice_of(q, e->choice, cause)) == NULL)
			return -1;
		break;
	default:
		break;
	}
	if (e->kind == EDIT_TOGGLE)
		r->did = answer_selected(a, ch->id) ? EDIT_UNSELECT :
		    EDIT_SELECT;

	switch (r->did) {
	case EDIT_SELECT:
	case EDIT_NONE:
		if (r->did == EDIT_NONE &&
		    (ch = question_none_choice(q)) == NULL)
			return fail(cause, _("question %s has no \"None of "
			    "these\" choice"), q->id);
		if (a->not_applicable)
			return fail(cause, _("question %s is marked not "
			    "applicable: make it apply first"), q->id);
		r->cleared = select_choice(q, a, ch);
		if (ch->none)
			r->did = EDIT_NONE;
		break;
	case EDIT_UNSELECT:
		answer_select(a, ch->id, false);
		break;
	case EDIT_CLEAR:
		answer_free(a);
		break;
	case EDIT_QUESTION_NA:
		if ((reason = na_reason_parse(e->text != NULL ? e->text :
		    "")) == NULL)
			return fail(cause, _("unknown reason \"%s\""),
			    e->text != NULL ? e->text : "");
		a->not_applicable = true;
		free(a->reason);
		a->reason = xstrdup(reason);
		break;
	case EDIT_APPLICABLE:
		a->not_applicable = false;
		free(a->reason);
		a->reason = NULL;
		break;
	case EDIT_CHOICE_NA:
		if ((reason = na_reason_parse(e->text != NULL ? e->text :
		    "OTHER")) == NULL)
			return fail(cause, _("unknown reason \"%s\""), e->text);
		answer_set_choice_na(a, ch->id, reason);
		answer_select(a, ch->id, false);
		break;
	case EDIT_CHOICE_APPLICABLE:
		answer_set_choice_na(a, ch->id, NULL);
		break;
	case EDIT_NOTE:
		if (e->text != NULL && !utf8_valid(e->text, strlen(e->text)))
			return fail(cause, "%s", _("the note is not valid "
			    "UTF-8"));
		answer_set_note(a, e->text != NULL && *e->text != '\0' ?
		    e->text : NULL);
		break;
	case EDIT_EVIDENCE_ADD:
		if (e->text == NULL || *e->text == '\0')
			return fail(cause, "%s", _("the evidence is empty"));
		answer_add_evidence(a, e->text);
		break;
	case EDIT_EVIDENCE_REMOVE:
		if (e->n < 1 || e->n > a->nevidence)
			return fail(cause, a->nevidence == 0 ?
			    _("question %s has no evidence") :
			    _("question %s has no evidence %zu (1 to %zu)"),
			    q->id, e->n, a->nevidence);
		answer_remove_evidence(a, e->n - 1);
		break;
	case EDIT_VERIFICATION:
		a->verification = e->verification;
		break;
	case EDIT_CONFIRM:
	case EDIT_TOGGLE:
		break;	/* a toggle is resolved above */
	}
	a->from_template = false;
	return 0;
}
