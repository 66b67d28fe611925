/* profile-file.c: profile questionnaires and the profile files of a
 * workspace. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "base/util.h"
#include "files/profile-file.h"
#include "files/yval-parse.h"
#include "files/yval-text.h"

static struct yval *
parse_named(const char *name, const void *data, size_t size, char **cause)
{
	struct yval	*root;
	char		*why = NULL;

	if (yval_parse(data, size, &root, &why) != 0) {
		fail(cause, "%s:%s", name, why);
		free(why);
		return NULL;
	}
	return root;
}

struct profile *
profile_parse(const char *name, const void *data, size_t size, char **cause)
{
	struct yval	*root;
	struct profile	*p;

	if ((root = parse_named(name, data, size, cause)) == NULL)
		return NULL;
	p = profile_from_yval(root, name, cause);
	yval_free(root);
	if (p != NULL) {
		p->source = xmalloc(size + 1);
		memcpy(p->source, data, size);
		p->source[size] = '\0';
		p->nsource = size;
	}
	return p;
}

struct profile *
profile_load_file(const char *path, char **cause)
{
	struct profile	*p;
	char		*data;
	size_t		 size;

	if (read_file(path, &data, &size, cause) != 0)
		return NULL;
	p = profile_parse(path, data, size, cause);
	free(data);
	return p;
}

char *
profile_answers_text(const struct state *st, size_t *size)
{
	const struct profile	*p = st->profile;
	struct yval		*root = yval_new_map(), *ans = yval_new_map();
	char			*text;

	yval_map_set(root, "profile", yval_new_str(p->id));
	/* In the questionnaire's order, choices too. */
	for (size_t i = 0; i < p->nquestions; i++) {
		const struct profile_question	*q = &p->questions[i];
		struct yval			*list = yval_new_seq();

		for (size_t j = 0; j < q->nchoices; j++) {
			if (state_profile_chose(st, q->id, q->choices[j].id))
				yval_seq_add(list, yval_new_str(
				    q->choices[j].id));
		}
		if (list->n > 0)
			yval_map_set(ans, q->id, list);
		else
			yval_free(list);
	}
	if (ans->n > 0)
		yval_map_set(root, "answers", ans);
	else
		yval_free(ans);
	text = yval_text(root, size);
	yval_free(root);
	if (text == NULL) {
		text = xstrdup("");
		*size = 0;
	}
	return text;
}

static int
bad(const char *name, const struct yval *v, char **cause, const char *msg)
{
	return fail(cause, "%s:%d: %s", name, v != NULL && v->line > 0 ?
	    v->line : 1, msg);
}

int
profile_parse_answers(const char *name, const void *data, size_t size,
    const struct profile *p, struct kv *out, char **cause)
{
	struct yval		*root;
	const struct yval	*ans;
	const char		*id;
	char			*msg = NULL;
	struct kv		 kv = { 0 };
	int			 ret = -1;

	if ((root = parse_named(name, data, size, cause)) == NULL)
		return -1;
	if (root->type != YVAL_MAP || (id = yval_get_str(root,
	    "profile")) == NULL) {
		bad(name, root, cause, _("no \"profile\" field"));
		goto out;
	}
	if (strcmp(id, p->id) != 0) {
		msg = xasprintf(_("the answers are for profile \"%s\", not "
		    "\"%s\""), id, p->id);
		bad(name, yval_get(root, "profile"), cause, msg);
		goto out;
	}
	for (size_t i = 0; i < root->n; i++) {
		if (strcmp(root->keys[i], "profile") != 0 &&
		    strcmp(root->keys[i], "answers") != 0) {
			msg = xasprintf(_("unknown field \"%s\""),
			    root->keys[i]);
			bad(name, root->v[i], cause, msg);
			goto out;
		}
	}
	ans = yval_get(root, "answers");
	if (ans != NULL && ans->type != YVAL_MAP) {
		bad(name, ans, cause, _("answers: expected a mapping of "
		    "questions to choices"));
		goto out;
	}
	for (size_t i = 0; ans != NULL && i < ans->n; i++) {
		const struct profile_question	*q;
		const struct yval		*list = ans->v[i];
		struct buf			 b = { 0 };

		if ((q = profile_question(p, ans->keys[i])) == NULL) {
			msg = xasprintf(_("profile %s has no question \"%s\""),
			    p->id, ans->keys[i]);
			bad(name, list, cause, msg);
			goto out;
		}
		if (list->type != YVAL_SEQ || (!q->multiple && list->n > 1)) {
			bad(name, list, cause, q->multiple ?
			    _("expected a list of choices") :
			    _("expected a list of one choice"));
			goto out;
		}
		for (size_t j = 0; j < list->n; j++) {
			const char *c = yval_str(list->v[j]);

			if (c == NULL || profile_choice(q, c) == NULL) {
				msg = xasprintf(_("profile question %s has no "
				    "choice \"%s\""), q->id, c != NULL ? c : "");
				bad(name, list->v[j], cause, msg);
				buf_free(&b);
				goto out;
			}
			if (b.len > 0)
				buf_addc(&b, ' ');
			buf_adds(&b, c);
		}
		if (b.len > 0)
			kv_set(&kv, q->id, b.s);
		buf_free(&b);
	}
	kv_free(out);
	*out = kv;
	kv = (struct kv){ 0 };
	ret = 0;
out:
	kv_free(&kv);
	free(msg);
	yval_free(root);
	return ret;
}

int
profile_read_files(const struct snapshot_src *src, char **questions,
    size_t *qsize, struct kv *answers, char **cause)
{
	struct profile	*p;
	char		*data, *name;
	size_t		 size;
	int		 r;

	*questions = NULL;
	if ((r = src->read(src->arg, PROFILE_QUESTIONS, &data, &size,
	    cause)) != 0)
		return r;
	name = xasprintf("%s%s%s", src->label, src->sep, PROFILE_QUESTIONS);
	p = profile_parse(name, data, size, cause);
	free(name);
	if (p == NULL) {
		free(data);
		return -1;
	}
	r = src->read(src->arg, PROFILE_ANSWERS, questions, qsize, cause);
	if (r == 0) {
		char *text = *questions;

		name = xasprintf("%s%s%s", src->label, src->sep,
		    PROFILE_ANSWERS);
		r = profile_parse_answers(name, text, *qsize, p, answers,
		    cause);
		free(name);
		free(text);
	} else if (r == 1)
		r = 0;	/* not answered yet */
	profile_free(p);
	*questions = data;
	*qsize = size;
	if (r != 0) {
		free(data);
		*questions = NULL;
	}
	return r;
}

int
profile_write_files(const char *dir, const struct state *st, char **cause)
{
	char	*text;
	size_t	 size;
	int	 r;

	if (st->profile == NULL)
		return snapshot_remove(dir, "profile", cause);
	if (snapshot_write_file(dir, PROFILE_QUESTIONS, st->profile->source,
	    st->profile->nsource, cause) != 0)
		return -1;
	text = profile_answers_text(st, &size);
	r = snapshot_write_file(dir, PROFILE_ANSWERS, text, size, cause);
	free(text);
	return r;
}
