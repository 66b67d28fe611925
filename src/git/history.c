/* history.c: milestones as git commits and annotated tags (libgit2). */
#include "config.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <git2.h>

#include "git/history.h"
#include "files/snapshot.h"
#include "base/util.h"

/* The files wafr owns; a milestone commits these and nothing else. */
static const char *const owned[] = {
	".gitignore", ".gitattributes", "workload.yaml", "REPORT.md", "lenses",
	"answers"
};

/* REPORT.md is derived from the answers: a merge takes both sides' lines,
 * and "wafr sync" writes it again from the merged answers. */
static const char gitignore[] = ".wafr/\n";
static const char gitattributes[] = "REPORT.md merge=union\n";

static int
git_fail(char **cause, const char *what)
{
	const git_error *e = git_error_last();

	return fail(cause, "%s: %s", what, e != NULL && e->message != NULL ?
	    e->message : _("unknown git error"));
}

static int
open_repo(const char *dir, git_repository **repo, char **cause)
{
	if (git_repository_open_ext(repo, dir,
	    GIT_REPOSITORY_OPEN_NO_SEARCH, NULL) != 0) {
		char *what = xasprintf(_("%s: not a git repository"), dir);

		git_fail(cause, what);
		free(what);
		return -1;
	}
	return 0;
}

static char *default_name, *default_email;

void
history_set_author(const char *name, const char *email)
{
	free(default_name);
	free(default_email);
	default_name = name != NULL ? xstrdup(name) : NULL;
	default_email = email != NULL ? xstrdup(email) : NULL;
}

/* user.name and user.email from git config, else the configured author,
 * else a clear default. */
static int
signature(git_repository *repo, git_signature **sig, char **cause)
{
	if (git_signature_default(sig, repo) == 0)
		return 0;
	if (git_signature_now(sig, default_name != NULL ? default_name :
	    "wafr", default_email != NULL ? default_email :
	    "wafr@localhost") == 0)
		return 0;
	return git_fail(cause, _("git signature"));
}

static int
stage_owned(git_repository *repo, git_index **idx, char **cause)
{
	git_strarray ps = { (char **)owned, nitems(owned) };

	if (git_repository_index(idx, repo) != 0)
		return git_fail(cause, _("git index"));
	if (git_index_read(*idx, 0) != 0 ||
	    git_index_add_all(*idx, &ps, GIT_INDEX_ADD_DEFAULT, NULL,
	    NULL) != 0 ||
	    git_index_update_all(*idx, &ps, NULL, NULL) != 0) {
		git_fail(cause, _("git index"));
		git_index_free(*idx);
		*idx = NULL;
		return -1;
	}
	return 0;
}

static void
tally_text(struct buf *b, const struct state *st)
{
	struct tally t;

	state_tally(st, -1, &t);
	buf_printf(b, "questions: %u\nanswered: %u\nhigh: %u\nmedium: %u\n"
	    "none: %u\nnot-applicable: %u\nunanswered: %u\n", t.questions,
	    t.answered, t.n[RISK_HIGH], t.n[RISK_MEDIUM], t.n[RISK_NONE],
	    t.n[RISK_NOT_APPLICABLE], t.n[RISK_UNANSWERED]);
	buf_adds(b, "\n");
	for (size_t i = 0; i < st->nlenses; i++) {
		const struct lens *l = st->lenses[i];

		for (size_t j = 0; j < l->npillars; j++) {
			state_tally_pillar(st, i, &l->pillars[j], &t);
			buf_printf(b, "%s/%s: high %u, medium %u, none %u, "
			    "not-applicable %u, unanswered %u\n", l->id,
			    l->pillars[j].id, t.n[RISK_HIGH], t.n[RISK_MEDIUM],
			    t.n[RISK_NONE], t.n[RISK_NOT_APPLICABLE],
			    t.n[RISK_UNANSWERED]);
		}
	}
}

static int
write_small(const char *dir, const char *name, const char *text,
    char **cause)
{
	char	*path = path_join(dir, name);
	int	 ret;

	ret = write_file_atomic(path, text, strlen(text), cause);
	free(path);
	return ret;
}

int
history_init(const char *dir, const struct state *st, char **cause)
{
	git_repository	*repo = NULL;
	git_index	*idx = NULL;
	git_signature	*sig = NULL;
	git_tree	*tree = NULL;
	git_oid		 tree_id, commit_id;
	struct buf	 msg = { 0 };
	int		 ret = -1;

	git_libgit2_init();
	if (write_small(dir, ".gitignore", gitignore, cause) != 0 ||
	    write_small(dir, ".gitattributes", gitattributes, cause) != 0)
		goto out;
	if (git_repository_init(&repo, dir, 0) != 0) {
		git_fail(cause, dir);
		goto out;
	}
	if (stage_owned(repo, &idx, cause) != 0)
		goto out;
	if (git_index_write(idx) != 0 ||
	    git_index_write_tree(&tree_id, idx) != 0 ||
	    git_tree_lookup(&tree, repo, &tree_id) != 0) {
		git_fail(cause, _("git index"));
		goto out;
	}
	if (signature(repo, &sig, cause) != 0)
		goto out;
	buf_printf(&msg, "Start the review of %s\n\n",
	    state_prop(st, "name") != NULL ? state_prop(st, "name") :
	    "");
	tally_text(&msg, st);
	if (git_commit_create(&commit_id, repo, "HEAD", sig, sig, NULL, msg.s,
	    tree, 0, NULL) != 0) {
		git_fail(cause, _("git commit"));
		goto out;
	}
	ret = 0;
out:
	buf_free(&msg);
	git_tree_free(tree);
	git_signature_free(sig);
	git_index_free(idx);
	git_repository_free(repo);
	git_libgit2_shutdown();
	return ret;
}

/* Latin-1 letters (U+00C0 to U+00FF) without their accents. */
static const char *const latin1[64] = {
	"a", "a", "a", "a", "a", "a", "ae", "c", "e", "e", "e", "e", "i", "i",
	"i", "i", "d", "n", "o", "o", "o", "o", "o", NULL, "o", "u", "u", "u",
	"u", "y", "th", "ss",
	"a", "a", "a", "a", "a", "a", "ae", "c", "e", "e", "e", "e", "i", "i",
	"i", "i", "d", "n", "o", "o", "o", "o", "o", NULL, "o", "u", "u", "u",
	"u", "y", "th", "y",
};

/* The tag name of a milestone: lower-case letters and digits joined by
 * dashes; accented Latin letters lose their accents, other scripts stay
 * as they are (git takes UTF-8 in tag names), punctuation separates. */
static char *
milestone_slug(const char *name)
{
	const unsigned char	*s = (const unsigned char *)name;
	struct buf		 b = { 0 };
	bool			 dash = false;

	buf_adds(&b, "");
	while (*s != '\0') {
		const char	*add = NULL;
		char		 one[2] = { 0, 0 };
		size_t		 len = 1;
		uint32_t	 cp = *s;

		if (*s >= 0x80) {
			len = *s >= 0xf0 ? 4 : *s >= 0xe0 ? 3 : 2;
			if (!utf8_valid((const char *)s, len))
				len = 1, cp = 0;
			else if (len == 2)
				cp = (uint32_t)(s[0] & 0x1f) << 6 | (s[1] & 0x3f);
			else if (len == 3)
				cp = (uint32_t)(s[0] & 0x0f) << 12 |
				    (uint32_t)(s[1] & 0x3f) << 6 | (s[2] & 0x3f);
			else
				cp = 0x10000;	/* kept */
		}
		if ((cp >= 'a' && cp <= 'z') || (cp >= '0' && cp <= '9')) {
			one[0] = (char)cp;
			add = one;
		} else if (cp >= 'A' && cp <= 'Z') {
			one[0] = (char)(cp - 'A' + 'a');
			add = one;
		} else if (cp >= 0xc0 && cp <= 0xff)
			add = latin1[cp - 0xc0];
		else if (cp >= 0x100 && !(cp >= 0x2000 && cp <= 0x206f) &&
		    !(cp >= 0x3000 && cp <= 0x303f) && cp != 0xfeff) {
			if (dash && b.len > 0)
				buf_addc(&b, '-');
			dash = false;
			buf_add(&b, s, len);
		}
		if (add != NULL) {
			if (dash && b.len > 0)
				buf_addc(&b, '-');
			dash = false;
			buf_adds(&b, add);
		} else if (cp < 0x100)
			dash = true;
		s += len;
	}
	return buf_take(&b);
}

/* One line of text with a letter or digit in it. */
static int
check_name(const char *name, char **cause)
{
	char	*slug;
	bool	 empty;

	for (const char *s = name; *s != '\0'; s++) {
		if ((unsigned char)*s < 0x20 || *s == 0x7f)
			return fail(cause, _("a milestone name is one line of "
			    "text, without control characters"));
	}
	if (!utf8_valid(name, strlen(name)))
		return fail(cause, _("a milestone name must be UTF-8 text"));
	slug = milestone_slug(name);
	empty = *slug == '\0';
	free(slug);
	if (name[strspn(name, " ")] == '\0')
		return fail(cause, _("a milestone needs a name"));
	if (empty)
		return fail(cause, _("milestone name \"%s\" has no letter or "
		    "digit to make a tag of"), name);
	return 0;
}

static int
check_repo_state(git_repository *repo, const char *dir, char **cause)
{
	switch (git_repository_state(repo)) {
	case GIT_REPOSITORY_STATE_NONE:
		break;
	case GIT_REPOSITORY_STATE_MERGE:
		return fail(cause, _("%s: a git merge is in progress: finish it "
		    "(git commit) or abort it (git merge --abort), run \"wafr "
		    "sync\", then save the milestone"), dir);
	default:
		return fail(cause, _("%s: a git operation (rebase, cherry-pick, "
		    "revert or bisect) is in progress: finish or abort it "
		    "first"), dir);
	}
	switch (git_repository_head_detached(repo)) {
	case 0:
		return 0;
	case 1:
		return fail(cause, _("%s: HEAD is detached (not on a branch): "
		    "check out a branch first, e.g. git switch -"), dir);
	default:
		return git_fail(cause, dir);
	}
}

static void
milestone_from_tag(struct milestone *m, const char *tagname,
    const git_oid *commit, const git_tag *tag)
{
	const git_signature	*who;
	const char		*msg, *nl;

	*m = (struct milestone){ 0 };
	m->tag = xstrdup(tagname);
	git_oid_tostr(m->commit, sizeof m->commit, commit);
	if (tag == NULL) {
		m->name = xstrdup(tagname + strlen(MILESTONE_TAG_PREFIX));
		return;
	}
	if ((who = git_tag_tagger(tag)) != NULL) {
		m->time = (int64_t)who->when.time;
		m->offset = who->when.offset;
	}
	msg = git_tag_message(tag);
	if (msg == NULL)
		msg = "";
	nl = strchr(msg, '\n');
	m->name = nl != NULL ? xstrndup(msg, (size_t)(nl - msg)) :
	    xstrdup(msg);
	if (*m->name == '\0') {
		free(m->name);
		m->name = xstrdup(tagname + strlen(MILESTONE_TAG_PREFIX));
	}
	/* "key: N" lines after the name. */
	for (const char *line = nl; line != NULL && *line != '\0';
	    line = strchr(line + 1, '\n')) {
		static const struct {
			const char	*key;
			int		 risk;	/* -1 questions, -2 answered */
		} keys[] = {
			{ "questions", -1 }, { "answered", -2 },
			{ "high", RISK_HIGH }, { "medium", RISK_MEDIUM },
			{ "none", RISK_NONE },
			{ "not-applicable", RISK_NOT_APPLICABLE },
			{ "unanswered", RISK_UNANSWERED },
		};
		const char *s = line + 1;

		for (size_t i = 0; i < nitems(keys); i++) {
			size_t		 n = strlen(keys[i].key);
			unsigned	 v;

			if (strncmp(s, keys[i].key, n) != 0 || s[n] != ':' ||
			    sscanf(s + n + 1, " %u", &v) != 1)
				continue;
			m->has_tally = true;
			if (keys[i].risk == -1)
				m->tally.questions = v;
			else if (keys[i].risk == -2)
				m->tally.answered = v;
			else
				m->tally.n[keys[i].risk] = v;
		}
	}
}

int
history_milestone(const char *dir, const struct state *st, const char *name,
    int (*write_files)(void *, char **), void *arg, struct milestone *out,
    char **cause)
{
	git_repository		*repo = NULL;
	git_index		*idx = NULL;
	git_signature		*sig = NULL;
	git_tree		*tree = NULL;
	git_commit		*parent = NULL;
	git_object		*target = NULL;
	git_reference		*head = NULL, *ref = NULL, *moved = NULL;
	git_tag			*tag = NULL;
	git_oid			 tree_id, commit_id, tag_id, parent_id;
	const char		*branch;
	char			*slug = NULL, *tagname = NULL, *refname = NULL;
	struct buf		 msg = { 0 }, tagmsg = { 0 };
	bool			 tagged = false, unborn = false;
	int			 r, ret = -1;

	if (check_name(name, cause) != 0)
		return -1;
	git_libgit2_init();
	slug = milestone_slug(name);
	tagname = xasprintf("%s%s", MILESTONE_TAG_PREFIX, slug);
	refname = xasprintf("refs/tags/%s", tagname);
	if (open_repo(dir, &repo, cause) != 0 ||
	    check_repo_state(repo, dir, cause) != 0)
		goto out;
	r = git_reference_lookup(&ref, repo, refname);
	if (r == 0) {
		fail(cause, _("milestone \"%s\" already exists (tag %s)"), name,
		    tagname);
		goto out;
	}
	if (r != GIT_ENOTFOUND) {
		git_fail(cause, refname);
		goto out;
	}

	/* The branch HEAD points to, and its tip unless it is unborn. */
	if (git_reference_lookup(&head, repo, "HEAD") != 0 ||
	    (branch = git_reference_symbolic_target(head)) == NULL) {
		git_fail(cause, "HEAD");
		goto out;
	}
	r = git_reference_name_to_id(&parent_id, repo, branch);
	if (r == GIT_ENOTFOUND)
		unborn = true;
	else if (r != 0 || git_commit_lookup(&parent, repo, &parent_id) != 0) {
		git_fail(cause, branch);
		goto out;
	}

	if (write_files(arg, cause) != 0 ||
	    stage_owned(repo, &idx, cause) != 0)
		goto out;
	if (git_index_has_conflicts(idx)) {
		fail(cause, _("%s: the git index has unresolved conflicts"),
		    dir);
		goto out;
	}
	if (git_index_write_tree(&tree_id, idx) != 0 ||
	    git_tree_lookup(&tree, repo, &tree_id) != 0) {
		git_fail(cause, _("git index"));
		goto out;
	}
	if (signature(repo, &sig, cause) != 0)
		goto out;

	buf_printf(&msg, "Milestone: %s\n\n", name);
	tally_text(&msg, st);
	if (git_commit_create(&commit_id, repo, NULL, sig, sig, NULL, msg.s,
	    tree, unborn ? 0 : 1, (const git_commit **)&parent) != 0 ||
	    git_object_lookup(&target, repo, &commit_id,
	    GIT_OBJECT_COMMIT) != 0) {
		git_fail(cause, _("git commit"));
		goto out;
	}
	buf_printf(&tagmsg, "%s\n\n", name);
	tally_text(&tagmsg, st);
	if (!unborn) {
		char hex[GIT_OID_HEXSZ + 1];

		git_oid_tostr(hex, sizeof hex, &parent_id);
		buf_printf(&tagmsg, "\nprevious: %s\n", hex);
	}
	r = git_tag_create(&tag_id, repo, tagname, target, sig, tagmsg.s, 0);
	if (r == GIT_EEXISTS) {
		fail(cause, _("milestone \"%s\" already exists (tag %s)"), name,
		    tagname);
		goto out;
	}
	if (r != 0) {
		git_fail(cause, tagname);
		goto out;
	}
	tagged = true;

	/* Move the branch only if nobody else moved it meanwhile. */
	if (unborn)
		r = git_reference_create(&moved, repo, branch, &commit_id, 0,
		    msg.s);
	else
		r = git_reference_create_matching(&moved, repo, branch,
		    &commit_id, 1, &parent_id, msg.s);
	if (r != 0) {
		git_fail(cause, branch);
		goto out;
	}
	tagged = false;
	/* The index now matches the commit: git status is clean. */
	if (git_index_write(idx) != 0) {
		/* The milestone is made; a stale index is only cosmetic. */
		git_error_clear();
	}
	if (out != NULL) {
		if (git_tag_lookup(&tag, repo, &tag_id) != 0) {
			git_fail(cause, tagname);
			goto out;
		}
		milestone_from_tag(out, tagname, &commit_id, tag);
	}
	ret = 0;
out:
	if (tagged && git_tag_delete(repo, tagname) != 0)
		git_error_clear();
	buf_free(&msg);
	buf_free(&tagmsg);
	git_tag_free(tag);
	git_reference_free(moved);
	git_reference_free(ref);
	git_reference_free(head);
	git_object_free(target);
	git_commit_free(parent);
	git_tree_free(tree);
	git_signature_free(sig);
	git_index_free(idx);
	git_repository_free(repo);
	git_libgit2_shutdown();
	free(slug);
	free(tagname);
	free(refname);
	return ret;
}

void
milestone_free(struct milestone *m)
{
	if (m == NULL)
		return;
	free(m->name);
	free(m->tag);
	*m = (struct milestone){ 0 };
}

void
milestones_free(struct milestone *v, size_t n)
{
	for (size_t i = 0; i < n; i++)
		milestone_free(&v[i]);
	free(v);
}

/* For sorting: a milestone and the commit its own commit came after. */
struct listed {
	struct milestone	m;
	git_oid			id;	/* its commit */
	git_oid			prev;	/* zero when unknown */
	size_t			depth;	/* milestones of its second before it */
	bool			known;	/* depth computed */
};

/* "previous: HEX" in a tag message: the parent of the milestone commit. */
static void
parse_previous(const char *msg, git_oid *prev)
{
	const char *p;

	memset(prev, 0, sizeof *prev);
	for (p = msg; p != NULL && *p != '\0'; p = strchr(p, '\n')) {
		if (*p == '\n')
			p++;
		if (strncmp(p, "previous: ", 10) == 0) {
			if (git_oid_fromstrn(prev, p + 10, GIT_OID_HEXSZ) != 0)
				memset(prev, 0, sizeof *prev);
			return;
		}
	}
}

static int
cmp_newest(const void *a, const void *b)
{
	const struct listed *x = a, *y = b;

	if (x->m.time != y->m.time)
		return x->m.time > y->m.time ? -1 : 1;
	if (x->depth != y->depth)
		return x->depth > y->depth ? -1 : 1;
	return strcmp(x->m.tag, y->m.tag);
}

static int
cmp_id(const void *a, const void *b)
{
	return git_oid_cmp(&(*(struct listed *const *)a)->id,
	    &(*(struct listed *const *)b)->id);
}

/* How many milestones of the group lie behind l, link by link. */
static size_t
depth(struct listed *l, struct listed **byid, size_t n, size_t limit)
{
	struct listed	 key, *kp = &key, **hit;

	if (l->known)
		return l->depth;
	l->known = true;	/* a cycle ends here */
	l->depth = 0;
	key.id = l->prev;
	hit = bsearch(&kp, byid, n, sizeof *byid, cmp_id);
	if (hit != NULL && *hit != l && limit > 0)
		l->depth = depth(*hit, byid, n, limit - 1) + 1;
	return l->depth;
}

/* Newest first by date; milestones saved within one second are ordered by
 * the commit each one came after, from the tags alone: listing reads one
 * object per milestone, whatever their number. */
static void
order(struct listed *v, size_t n)
{
	if (n < 2)
		return;
	qsort(v, n, sizeof *v, cmp_newest);
	for (size_t i = 0, end; i < n; i = end) {
		struct listed **byid;

		for (end = i + 1; end < n && v[end].m.time == v[i].m.time; end++)
			;
		if (end - i < 2)
			continue;
		byid = xcalloc(end - i, sizeof *byid);
		for (size_t j = i; j < end; j++)
			byid[j - i] = &v[j];
		qsort(byid, end - i, sizeof *byid, cmp_id);
		for (size_t j = i; j < end; j++)
			depth(&v[j], byid, end - i, end - i);
		free(byid);
		qsort(v + i, end - i, sizeof *v, cmp_newest);
	}
}

int
history_milestones(const char *dir, struct milestone **out,
    size_t *nout, char **cause)
{
	git_repository		*repo = NULL;
	git_reference_iterator	*it = NULL;
	git_reference		*ref;
	struct listed		*v = NULL;
	size_t			 n = 0, cap = 0;
	int			 r, ret = -1;

	*out = NULL;
	*nout = 0;
	git_libgit2_init();
	if (open_repo(dir, &repo, cause) != 0)
		goto out;
	if (git_reference_iterator_glob_new(&it, repo,
	    "refs/tags/" MILESTONE_TAG_PREFIX "*") != 0) {
		git_fail(cause, _("git tags"));
		goto out;
	}
	while ((r = git_reference_next(&ref, it)) == 0) {
		const git_oid	*id = git_reference_target(ref);
		const char	*tagname = git_reference_name(ref) +
		    strlen("refs/tags/");
		git_object	*obj = NULL, *peeled = NULL;
		git_tag		*tag = NULL;
		struct listed	*l;

		if (id == NULL)
			goto next;
		/* An annotated tag of a commit: the tag object is enough. */
		if (git_tag_lookup(&tag, repo, id) == 0 &&
		    git_tag_target_type(tag) == GIT_OBJECT_COMMIT) {
			l = ARRAY_PUSH(v, n, cap);
			git_oid_cpy(&l->id, git_tag_target_id(tag));
			milestone_from_tag(&l->m, tagname, &l->id, tag);
			parse_previous(git_tag_message(tag), &l->prev);
			goto next;
		}
		/* Anything else someone tagged by hand, if it is a commit. */
		git_error_clear();
		if (git_object_lookup(&obj, repo, id, GIT_OBJECT_ANY) != 0 ||
		    git_object_peel(&peeled, obj, GIT_OBJECT_COMMIT) != 0) {
			git_error_clear();
			goto next;
		}
		l = ARRAY_PUSH(v, n, cap);
		git_oid_cpy(&l->id, git_object_id(peeled));
		milestone_from_tag(&l->m, tagname, &l->id,
		    git_object_type(obj) == GIT_OBJECT_TAG ?
		    (const git_tag *)obj : NULL);
		if (git_object_type(obj) != GIT_OBJECT_TAG) {
			const git_signature *c = git_commit_committer(
			    (const git_commit *)peeled);

			l->m.time = (int64_t)c->when.time;
			l->m.offset = c->when.offset;
		}
	next:
		git_object_free(peeled);
		git_object_free(obj);
		git_tag_free(tag);
		git_reference_free(ref);
	}
	if (r != GIT_ITEROVER) {
		git_fail(cause, _("git tags"));
		goto out;
	}
	order(v, n);
	*out = xcalloc(n + 1, sizeof **out);
	for (size_t i = 0; i < n; i++) {
		(*out)[i] = v[i].m;
		v[i].m = (struct milestone){ 0 };
	}
	*nout = n;
	ret = 0;
out:
	for (size_t i = 0; i < n; i++)
		milestone_free(&v[i].m);
	free(v);
	git_reference_iterator_free(it);
	git_repository_free(repo);
	git_libgit2_shutdown();
	return ret;
}

/* A milestone name, a tag or any commit-ish to a commit. */
static int
resolve(git_repository *repo, const char *spec, git_commit **commit,
    char **cause)
{
	git_object	*obj = NULL, *peeled = NULL;
	char		*slug = milestone_slug(spec), *ref;
	int		 r;

	ref = xasprintf("refs/tags/%s%s", MILESTONE_TAG_PREFIX, slug);
	free(slug);
	r = git_revparse_single(&obj, repo, ref);
	free(ref);
	if (r != 0)
		r = git_revparse_single(&obj, repo, spec);
	if (r != 0) {
		git_error_clear();
		return fail(cause, _("no milestone, tag or commit \"%s\" (see "
		    "wafr milestones)"), spec);
	}
	r = git_object_peel(&peeled, obj, GIT_OBJECT_COMMIT);
	git_object_free(obj);
	if (r != 0)
		return fail(cause, _("\"%s\" does not name a commit"), spec);
	*commit = (git_commit *)peeled;
	return 0;
}

/* Reading snapshot files from a commit's tree. */
struct tree_src {
	git_repository	*repo;
	git_tree	*tree;
};

static int
tree_entry(struct tree_src *t, const char *rel, git_object_t type,
    git_object **obj, char **cause)
{
	git_tree_entry	*e = NULL;
	int		 r;

	if ((r = git_tree_entry_bypath(&e, t->tree, rel)) != 0) {
		if (r == GIT_ENOTFOUND) {
			git_error_clear();
			return 1;
		}
		return git_fail(cause, rel);
	}
	if (git_tree_entry_type(e) != type) {
		git_tree_entry_free(e);
		return 1;
	}
	r = git_tree_entry_to_object(obj, t->repo, e);
	git_tree_entry_free(e);
	if (r != 0)
		return git_fail(cause, rel);
	return 0;
}

static int
tree_read(void *arg, const char *rel, char **data, size_t *size,
    char **cause)
{
	git_object	*obj;
	const git_blob	*blob;
	int		 r;

	if ((r = tree_entry(arg, rel, GIT_OBJECT_BLOB, &obj, cause)) != 0)
		return r;
	blob = (const git_blob *)obj;
	*size = (size_t)git_blob_rawsize(blob);
	*data = xmalloc(*size + 1);
	memcpy(*data, git_blob_rawcontent(blob), *size);
	(*data)[*size] = '\0';
	git_object_free(obj);
	return 0;
}

static int
cmp_name(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static int
tree_list(void *arg, const char *rel, char ***names, size_t *n, char **cause)
{
	git_object	*obj;
	const git_tree	*tree;
	size_t		 count;
	int		 r;

	*names = NULL;
	*n = 0;
	if ((r = tree_entry(arg, rel, GIT_OBJECT_TREE, &obj, cause)) != 0)
		return r;
	tree = (const git_tree *)obj;
	count = git_tree_entrycount(tree);
	*names = xcalloc(count + 1, sizeof **names);
	for (size_t i = 0; i < count; i++) {
		const char *name = git_tree_entry_name(
		    git_tree_entry_byindex(tree, i));

		if (name[0] == '.')
			continue;
		(*names)[(*n)++] = xstrdup(name);
	}
	qsort(*names, *n, sizeof **names, cmp_name);
	git_object_free(obj);
	return 0;
}

int
history_state(const char *dir, const char *spec, struct state **out,
    char *hex, char **cause)
{
	git_repository		*repo = NULL;
	git_commit		*commit = NULL;
	struct tree_src		 t = { 0 };
	struct snapshot_src	 src;
	int			 ret = -1;

	*out = NULL;
	git_libgit2_init();
	if (open_repo(dir, &repo, cause) != 0 ||
	    resolve(repo, spec, &commit, cause) != 0)
		goto out;
	if (git_commit_tree(&t.tree, commit) != 0) {
		git_fail(cause, spec);
		goto out;
	}
	if (hex != NULL)
		git_oid_tostr(hex, 41, git_commit_id(commit));
	t.repo = repo;
	src.label = spec;
	src.sep = ":";
	src.read = tree_read;
	src.list = tree_list;
	src.arg = &t;
	ret = snapshot_load(&src, out, cause);
out:
	git_tree_free(t.tree);
	git_commit_free(commit);
	git_repository_free(repo);
	git_libgit2_shutdown();
	return ret;
}
