/* lens.c: lookups in the lens model, texts in the user's language. */
#include "config.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "model/lens.h"
#include "base/util.h"
#include "model/yval.h"

static char *language;	/* "de" for de_DE.UTF-8; NULL for the base text */

static void
text_free(struct text *t)
{
	free(t->base);
	for (size_t i = 0; i < t->n; i++) {
		free(t->lang[i]);
		free(t->value[i]);
	}
	free(t->lang);
	free(t->value);
}

static void
choice_free(struct choice *c)
{
	free(c->id);
	free(c->code);
	text_free(&c->title);
	text_free(&c->helpful);
	text_free(&c->improvement);
	free(c->url);
	free(c->improvement_url);
	yval_free(c->extra);
}

static void
question_free(struct question *q)
{
	for (size_t i = 0; i < q->nchoices; i++)
		choice_free(&q->body_choices[i]);
	free(q->body_choices);
	for (size_t i = 0; i < q->nrules; i++) {
		free(q->body_rules[i].text);
		free(q->body_rules[i].cond.nodes);
	}
	free(q->body_rules);
	free(q->id);
	free(q->number);
	text_free(&q->title);
	text_free(&q->description);
	free(q->url);
	for (size_t i = 0; i < q->nask; i++)
		free(q->ask[i]);
	free(q->ask);
	for (size_t i = 0; i < q->nevidence; i++)
		free(q->evidence[i]);
	free(q->evidence);
	yval_free(q->extra);
}

void
lens_free(struct lens *l)
{
	if (l == NULL)
		return;
	if (l->blocks != NULL) {
		for (size_t i = 0; i < l->nblocks; i++)
			free(l->blocks[i]);
		free(l->blocks);
		if (l->lazy != NULL)
			l->lazy_ops->free(l->lazy);
		if (l->unmap != NULL)
			l->unmap(l->map, l->map_size);
		free(l->id);
		free(l->qindex);
		free(l);
		return;
	}
	for (size_t i = 0; i < l->npillars; i++) {
		struct pillar *p = &l->pillars[i];

		for (size_t j = 0; j < p->nquestions; j++)
			question_free(&p->questions[j]);
		free(p->questions);
		free(p->id);
		free(p->code);
		text_free(&p->title);
		text_free(&p->description);
		yval_free(p->extra);
	}
	free(l->pillars);
	free(l->id);
	free(l->version);
	text_free(&l->title);
	text_free(&l->description);
	free(l->qindex);
	yval_free(l->extra);
	free(l);
}

static size_t
hash(const char *s)
{
	size_t h = 5381;

	while (*s != '\0')
		h = h * 33 + (unsigned char)*s++;
	return h;
}

void
lens_index(struct lens *l)
{
	size_t size = 16, total = 0;

	for (size_t i = 0; i < l->npillars; i++)
		total += l->pillars[i].nquestions;
	while (size < total * 2)
		size *= 2;
	free(l->qindex);
	l->qindex = xcalloc(size, sizeof *l->qindex);
	l->qindex_size = size;
	l->nquestions = 0;
	for (size_t i = 0; i < l->npillars; i++) {
		struct pillar *p = &l->pillars[i];

		p->lens = l;
		for (size_t j = 0; j < p->nquestions; j++) {
			struct question	*q = &p->questions[j];
			size_t		 h = hash(q->id) & (size - 1);

			q->pillar = p;
			q->index = l->nquestions++;
			while (l->qindex[h] != NULL) {
				if (strcmp(l->qindex[h]->id, q->id) == 0)
					break;	/* duplicate: first one wins */
				h = (h + 1) & (size - 1);
			}
			if (l->qindex[h] == NULL)
				l->qindex[h] = q;
		}
	}
}

const struct pillar *
lens_pillar(const struct lens *l, const char *id)
{
	for (size_t i = 0; i < l->npillars; i++) {
		if (strcmp(l->pillars[i].id, id) == 0)
			return &l->pillars[i];
	}
	return NULL;
}

/* Nothing that leaves the directory, hides (dir_list skips dot files),
 * breaks the space-separated list of lenses or a terminal line. */
const char *
lens_id_unsafe(const char *id, size_t len)
{
	const unsigned char *s = (const unsigned char *)id;

	if (len == 0)
		return _("is empty");
	if (len > LENS_MAX_NAME)
		return _("is over 128 bytes long");
	if (strlen(id) != len)
		return _("holds a NUL character");
	if (id[0] == '.')
		return _("starts with a dot");
	if (!utf8_valid(id, len))
		return _("is not valid UTF-8");
	for (size_t i = 0; i < len; i++) {
		if (s[i] == '/' || s[i] == '\\' || s[i] == ' ')
			return _("holds a space or a slash");
		if (s[i] < 0x20 || s[i] == 0x7f ||
		    (s[i] == 0xc2 && s[i + 1] >= 0x80 && s[i + 1] < 0xa0))
			return _("holds a control character");
	}
	return NULL;
}

const struct question *
lens_question(const struct lens *l, const char *id)
{
	size_t h;

	if (l->qindex == NULL)
		return NULL;
	h = hash(id) & (l->qindex_size - 1);
	while (l->qindex[h] != NULL) {
		if (strcmp(l->qindex[h]->id, id) == 0)
			return l->qindex[h];
		h = (h + 1) & (l->qindex_size - 1);
	}
	return NULL;
}

const struct choice *
question_choices(const struct question *q)
{
	if (q->body != NULL)
		q->pillar->lens->lazy_ops->read(q);
	return q->body_choices;
}

const struct rule *
question_rules(const struct question *q)
{
	if (q->body != NULL)
		q->pillar->lens->lazy_ops->read(q);
	return q->body_rules;
}

int
question_choice_index(const struct question *q, const char *id)
{
	const struct choice *c = question_choices(q);

	for (size_t i = 0; i < q->nchoices; i++) {
		if (strcmp(c[i].id, id) == 0)
			return (int)i;
	}
	return -1;
}

const struct choice *
question_choice(const struct question *q, const char *id)
{
	int i = question_choice_index(q, id);

	return i < 0 ? NULL : &question_choices(q)[i];
}

const struct choice *
question_none_choice(const struct question *q)
{
	const struct choice *c = question_choices(q);

	for (size_t i = 0; i < q->nchoices; i++) {
		if (c[i].none)
			return &c[i];
	}
	return NULL;
}

void
text_set_language(const char *locale)
{
	size_t n;

	free(language);
	language = NULL;
	if (locale == NULL || *locale == '\0' || strcmp(locale, "C") == 0 ||
	    strcmp(locale, "POSIX") == 0)
		return;
	n = strcspn(locale, "_.@:");
	if (n > 0)
		language = xstrndup(locale, n);
}

/* The language in force, to put back after text_set_language(NULL). */
char *
text_language(void)
{
	return language != NULL ? xstrdup(language) : NULL;
}

const char *
text_get(const struct text *t)
{
	if (language != NULL) {
		for (size_t i = 0; i < t->n; i++) {
			if (strcasecmp(t->lang[i], language) == 0)
				return t->value[i];
		}
	}
	return t->base != NULL ? t->base : "";
}

const char *
level_name(enum level l)
{
	switch (l) {
	case LEVEL_HIGH:
		return "high";
	case LEVEL_MEDIUM:
		return "medium";
	case LEVEL_LOW:
		return "low";
	default:
		return "";
	}
}

static const char *risk_names[RISK_COUNT] = {
	"unanswered", "not_applicable", "none", "medium", "high"
};

const char *
risk_name(enum risk r)
{
	return (unsigned)r < RISK_COUNT ? risk_names[r] : "?";
}

int
risk_from_name(const char *s, enum risk *r)
{
	for (int i = 0; i < RISK_COUNT; i++) {
		if (strcmp(s, risk_names[i]) == 0) {
			*r = (enum risk)i;
			return 0;
		}
	}
	return -1;
}
