/* test-kv.c: the ordered map of properties and its hash index. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/hindex.h"
#include "base/util.h"
#include "model/plan.h"
#include "model/state.h"
#include "tap.h"

/* The map as a plain list, the way it behaved before it had an index. */
struct model {
	char	keys[512][16];
	char	values[512][16];
	size_t	n;
};

static void
model_set(struct model *m, const char *k, const char *v)
{
	for (size_t i = 0; i < m->n; i++) {
		if (strcmp(m->keys[i], k) == 0) {
			snprintf(m->values[i], sizeof m->values[i], "%s", v);
			return;
		}
	}
	snprintf(m->keys[m->n], sizeof m->keys[0], "%s", k);
	snprintf(m->values[m->n], sizeof m->values[0], "%s", v);
	m->n++;
}

static void
model_unset(struct model *m, const char *k)
{
	for (size_t i = 0; i < m->n; i++) {
		if (strcmp(m->keys[i], k) == 0) {
			m->n--;
			memmove(m->keys[i], m->keys[i + 1],
			    (m->n - i) * sizeof m->keys[0]);
			memmove(m->values[i], m->values[i + 1],
			    (m->n - i) * sizeof m->values[0]);
			return;
		}
	}
}

/* Same keys, same values, same order; every key found where it is. */
static int
same(const struct kv *kv, const struct model *m)
{
	if (kv->n != m->n)
		return 0;
	for (size_t i = 0; i < m->n; i++) {
		if (strcmp(kv->keys[i], m->keys[i]) != 0 ||
		    strcmp(kv->values[i], m->values[i]) != 0 ||
		    kv_get(kv, m->keys[i]) != kv->values[i] ||
		    hindex_find(&kv->index, kv->keys, m->keys[i]) != i)
			return 0;
	}
	return kv->index.n == kv->n;
}

static void
test_basics(void)
{
	struct kv	kv = { 0 };
	struct kv	moved;

	ok(kv_get(&kv, "a") == NULL, "an empty map has no key");
	kv_unset(&kv, "a");
	is_int(kv.n, 0, "unsetting what is not there changes nothing");
	kv_set(&kv, "name", "shop");
	kv_set(&kv, "agenda/x/p1", "30");
	kv_set(&kv, "environment", "production");
	is_str(kv_get(&kv, "agenda/x/p1"), "30", "a key is found");
	kv_set(&kv, "name", "shop2");
	is_int(kv.n, 3, "setting a key again keeps one entry");
	is_str(kv.keys[0], "name", "... in its first place");
	is_str(kv_get(&kv, "name"), "shop2", "... with the new value");
	kv_unset(&kv, "name");
	is_str(kv.keys[0], "agenda/x/p1", "unset closes the order up");
	is_str(kv_get(&kv, "environment"), "production",
	    "a key after the one unset is still found");
	ok(kv_get(&kv, "name") == NULL, "the key unset is gone");
	kv_set(&kv, "name", "back");
	is_str(kv.keys[2], "name", "set again, a key goes last");
	ok(kv_get(&kv, "") == NULL, "the empty key is not there");
	kv_set(&kv, "", "empty");
	is_str(kv_get(&kv, ""), "empty", "the empty key is a key");

	/* A map moves by value (a parsed map handed to its owner). */
	moved = kv;
	kv = (struct kv){ 0 };
	is_str(kv_get(&moved, "environment"), "production",
	    "a map moved by value finds its keys");
	kv_free(&moved);
	ok(moved.n == 0 && moved.index.n == 0 && kv_get(&moved, "a") == NULL,
	    "a freed map is empty");
	kv_free(&kv);
}

/* Sets and unsets in a fixed pseudo-random order over few keys, so that
 * the same keys come and go, against the plain list. */
static void
test_against_list(void)
{
	static struct model	m;
	struct kv		kv = { 0 };
	unsigned long		seed = 12345;
	int			good = 1;
	char			k[16], v[16];

	for (int step = 0; step < 20000 && good; step++) {
		seed = seed * 6364136223846793005UL + 1442695040888963407UL;
		snprintf(k, sizeof k, "k%lu", (seed >> 33) % 300);
		snprintf(v, sizeof v, "v%d", step);
		if ((seed >> 20) % 3 == 0) {
			kv_unset(&kv, k);
			model_unset(&m, k);
		} else {
			kv_set(&kv, k, v);
			model_set(&m, k, v);
		}
		good = same(&kv, &m);
	}
	ok(good, "20,000 sets and unsets leave what a plain list would, in "
	    "its order");
	/* Take them all away, first, last and middle. */
	while (m.n > 0 && good) {
		size_t i = m.n % 3 == 0 ? 0 : m.n % 3 == 1 ? m.n - 1 : m.n / 2;

		snprintf(k, sizeof k, "%s", m.keys[i]);
		kv_unset(&kv, k);
		model_unset(&m, k);
		good = same(&kv, &m);
	}
	ok(good && kv.n == 0, "unsetting every key, from both ends and the "
	    "middle, keeps the rest found");
	kv_free(&kv);
}

/* Many keys, as a lens of 4,000 pillars gives each a time box. */
static void
test_many(void)
{
	struct kv	kv = { 0 };
	char		k[64];
	int		good = 1;

	for (int i = 0; i < 20000; i++) {
		snprintf(k, sizeof k, "agenda/big/p%d", i);
		kv_set(&kv, k, "30");
	}
	for (int i = 0; i < 20000 && good; i++) {
		snprintf(k, sizeof k, "agenda/big/p%d", i);
		good = kv_get(&kv, k) == kv.values[i] &&
		    strcmp(kv.keys[i], k) == 0;
	}
	ok(good, "20,000 keys: each found, in the order set");
	for (int i = 0; i < 20000; i += 2) {
		snprintf(k, sizeof k, "agenda/big/p%d", i);
		kv_unset(&kv, k);
	}
	good = kv.n == 10000;
	for (int i = 0; i < 20000 && good; i++) {
		snprintf(k, sizeof k, "agenda/big/p%d", i);
		good = i % 2 == 0 ? kv_get(&kv, k) == NULL :
		    kv_get(&kv, k) == kv.values[i / 2];
	}
	ok(good, "every other key unset: the rest found, in order");
	kv_free(&kv);
}

/* Reports list the properties by key, whatever the order they were set. */
static void
test_key_order(void)
{
	struct state	*st = state_new();
	size_t		*idx;
	char		 k[64];
	int		 good = 1;

	for (int i = 0; i < 4000; i++) {
		snprintf(k, sizeof k, "agenda/big/p%d", i);
		kv_set(&st->workload, k, "30");
	}
	kv_set(&st->workload, "name", "wide");
	kv_set(&st->workload, "environment", "production");
	idx = plan_prop_order(st);
	for (size_t i = 1; i < st->workload.n && good; i++)
		good = strcmp(st->workload.keys[idx[i - 1]],
		    st->workload.keys[idx[i]]) < 0;
	ok(good, "4,002 properties set out of order come out by key");
	is_str(st->workload.keys[idx[0]], "agenda/big/p0", "... the first");
	is_str(st->workload.keys[idx[1]], "agenda/big/p1", "... p1 next");
	is_str(st->workload.keys[idx[2]], "agenda/big/p10", "... then p10");
	is_str(st->workload.keys[idx[st->workload.n - 1]], "name",
	    "... and name last");
	free(idx);
	state_free(st);
}

int
main(void)
{
	test_basics();
	test_key_order();
	test_against_list();
	test_many();
	return tap_done();
}
