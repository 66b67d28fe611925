/* risk.c: risk-rule conditions, question risk, tallies.
 *
 * Grammar of a condition (the AWS custom-lens syntax):
 *	expr	:= and ( "||" and )*
 *	and	:= unary ( "&&" unary )*
 *	unary	:= "!" unary | "(" expr ")" | CHOICE-ID
 * "default" alone is the rule that always matches. */
#include "config.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "model/risk.h"
#include "base/util.h"

#define MAX_DEPTH 64	/* nesting of parentheses and "!" */

struct cparser {
	const char		*s;
	const char		*p;
	const struct question	*q;
	struct cond		*c;
	size_t			 cap;
	int			 depth;
	char			*error;
};

static bool
id_char(char ch)
{
	return isalnum((unsigned char)ch) || ch == '_' || ch == '-' ||
	    ch == '.' || ch == ':';
}

static void
skip_space(struct cparser *cp)
{
	while (*cp->p == ' ' || *cp->p == '\t' || *cp->p == '\n' ||
	    *cp->p == '\r')
		cp->p++;
}

static int
set_error(struct cparser *cp, const char *msg)
{
	if (cp->error == NULL)
		cp->error = xasprintf(_("condition \"%s\": %s at column %d"),
		    cp->s, msg, (int)(cp->p - cp->s) + 1);
	return -1;
}

static int
add_node(struct cparser *cp, enum cond_op op, int a, int b, int choice)
{
	struct cond_node *n = ARRAY_PUSH(cp->c->nodes, cp->c->n, cp->cap);

	n->op = op;
	n->a = a;
	n->b = b;
	n->choice = choice;
	return (int)cp->c->n - 1;
}

static int parse_or(struct cparser *);

static int
parse_unary(struct cparser *cp)
{
	const char	*start;
	char		*id;
	int		 i, n;

	skip_space(cp);
	if (++cp->depth > MAX_DEPTH)
		return set_error(cp, _("nested too deeply"));
	if (*cp->p == '!') {
		cp->p++;
		if ((n = parse_unary(cp)) < 0)
			return -1;
		cp->depth--;
		return add_node(cp, COND_NOT, n, -1, -1);
	}
	if (*cp->p == '(') {
		cp->p++;
		if ((n = parse_or(cp)) < 0)
			return -1;
		skip_space(cp);
		if (*cp->p != ')')
			return set_error(cp, _("\")\" expected"));
		cp->p++;
		cp->depth--;
		return n;
	}
	start = cp->p;
	while (id_char(*cp->p))
		cp->p++;
	if (cp->p == start)
		return set_error(cp, *cp->p == '\0' ?
		    _("a choice id expected at the end") :
		    _("a choice id expected"));
	id = xstrndup(start, (size_t)(cp->p - start));
	i = question_choice_index(cp->q, id);
	if (i < 0) {
		char *msg = xasprintf(_("unknown choice \"%s\""), id);

		cp->p = start;
		set_error(cp, msg);
		free(msg);
		free(id);
		return -1;
	}
	free(id);
	cp->depth--;
	return add_node(cp, COND_CHOICE, -1, -1, i);
}

static int
parse_and(struct cparser *cp)
{
	int a, b;

	if ((a = parse_unary(cp)) < 0)
		return -1;
	for (;;) {
		skip_space(cp);
		if (cp->p[0] != '&')
			return a;
		if (cp->p[1] != '&')
			return set_error(cp, _("\"&&\" expected"));
		cp->p += 2;
		if ((b = parse_unary(cp)) < 0)
			return -1;
		a = add_node(cp, COND_AND, a, b, -1);
	}
}

static int
parse_or(struct cparser *cp)
{
	int a, b;

	if ((a = parse_and(cp)) < 0)
		return -1;
	for (;;) {
		skip_space(cp);
		if (cp->p[0] != '|')
			return a;
		if (cp->p[1] != '|')
			return set_error(cp, _("\"||\" expected"));
		cp->p += 2;
		if ((b = parse_and(cp)) < 0)
			return -1;
		a = add_node(cp, COND_OR, a, b, -1);
	}
}

int
cond_parse(const char *text, const struct question *q, struct cond *c,
    bool *is_default, char **cause)
{
	struct cparser	cp = { .s = text, .p = text, .q = q, .c = c };
	const char	*s = text;
	size_t		n;
	int		root;

	*c = (struct cond){ 0 };
	*is_default = false;
	while (*s == ' ')
		s++;
	n = strlen(s);
	while (n > 0 && s[n - 1] == ' ')
		n--;
	if (n == 7 && strncmp(s, "default", 7) == 0) {
		*is_default = true;
		add_node(&cp, COND_TRUE, -1, -1, -1);
		return 0;
	}
	if ((root = parse_or(&cp)) >= 0) {
		skip_space(&cp);
		if (*cp.p != '\0')
			root = set_error(&cp, _("unexpected text"));
	}
	if (root < 0) {
		free(c->nodes);
		*c = (struct cond){ 0 };
		*cause = cp.error;
		return -1;
	}
	return 0;	/* the root is the last node built */
}

static bool
eval_node(const struct cond *c, int i, const bool *chosen)
{
	const struct cond_node *n = &c->nodes[i];

	switch (n->op) {
	case COND_CHOICE:
		return chosen[n->choice];
	case COND_NOT:
		return !eval_node(c, n->a, chosen);
	case COND_AND:
		return eval_node(c, n->a, chosen) && eval_node(c, n->b, chosen);
	case COND_OR:
		return eval_node(c, n->a, chosen) || eval_node(c, n->b, chosen);
	case COND_TRUE:
		return true;
	}
	return false;
}

bool
cond_eval(const struct cond *c, const bool *chosen)
{
	if (c->n == 0)
		return false;
	return eval_node(c, (int)c->n - 1, chosen);
}

/* DESIGN.md's rule for a question without explicit rules. */
static enum risk
default_risk(const struct question *q, const struct answer *a)
{
	const struct choice	*choices = question_choices(q);
	enum level		 worst = LEVEL_UNSET;

	for (size_t i = 0; i < q->nchoices; i++) {
		const struct choice *ch = &choices[i];

		if (ch->none && answer_selected(a, ch->id))
			return RISK_HIGH;
	}
	for (size_t i = 0; i < q->nchoices; i++) {
		const struct choice *ch = &choices[i];

		if (ch->none || answer_selected(a, ch->id) ||
		    answer_choice_na(a, ch->id) != NULL)
			continue;
		if (ch->risk > worst)
			worst = ch->risk;
	}
	switch (worst) {
	case LEVEL_HIGH:
		return RISK_HIGH;
	case LEVEL_MEDIUM:
		return RISK_MEDIUM;
	default:
		return RISK_NONE;
	}
}

enum risk
question_risk(const struct question *q, const struct answer *a)
{
	const struct choice	*choices;
	const struct rule	*rules;
	bool			 stack[64], *chosen;
	bool			 any = false;
	enum risk		 r = RISK_NONE;

	if (a == NULL)
		return RISK_UNANSWERED;
	if (a->not_applicable)
		return RISK_NOT_APPLICABLE;
	if (a->nselected == 0 && a->nna == 0)
		return RISK_UNANSWERED;	/* most questions, in a big lens */
	/* Only now are the question's choices read (a big lens's cache
	 * unpacks them on demand). */
	choices = question_choices(q);
	for (size_t i = 0; i < q->nchoices && !any; i++)
		any = answer_selected(a, choices[i].id) ||
		    answer_choice_na(a, choices[i].id) != NULL;
	if (!any)
		return RISK_UNANSWERED;
	if (q->nrules == 0)
		return default_risk(q, a);

	/* A choice that does not apply does not count against the question. */
	chosen = q->nchoices <= nitems(stack) ? stack :
	    xcalloc(q->nchoices, sizeof *chosen);
	for (size_t i = 0; i < q->nchoices; i++)
		chosen[i] = answer_selected(a, choices[i].id) ||
		    answer_choice_na(a, choices[i].id) != NULL;
	rules = question_rules(q);
	for (size_t i = 0; i < q->nrules; i++) {
		if (cond_eval(&rules[i].cond, chosen)) {
			r = rules[i].risk;
			break;
		}
	}
	if (chosen != stack)
		free(chosen);
	return r;
}

void
tally_add(struct tally *t, enum risk r)
{
	t->questions++;
	if (r != RISK_UNANSWERED)
		t->answered++;
	t->n[r]++;
}

void
tally_sum(struct tally *t, const struct tally *u)
{
	t->questions += u->questions;
	t->answered += u->answered;
	for (int i = 0; i < RISK_COUNT; i++)
		t->n[i] += u->n[i];
}
