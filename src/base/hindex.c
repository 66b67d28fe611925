/* hindex.c: strings found by hash, in the order the caller keeps. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "base/hindex.h"
#include "base/util.h"

static uint64_t
key_hash(const char *key)
{
	return hash_bytes(key, strlen(key));
}

/* The slot holding key, or the empty slot where it would go. */
static size_t
probe(const struct hindex *x, char *const *keys, const char *key,
    uint64_t h)
{
	size_t mask = x->cap - 1, i = (size_t)h & mask;

	while (x->slots[i].pos != 0 && (x->slots[i].hash != h ||
	    strcmp(keys[x->slots[i].pos - 1], key) != 0))
		i = (i + 1) & mask;
	return i;
}

size_t
hindex_find(const struct hindex *x, char *const *keys, const char *key)
{
	size_t i;

	if (x->n == 0)
		return HINDEX_NONE;
	i = probe(x, keys, key, key_hash(key));
	return x->slots[i].pos != 0 ? x->slots[i].pos - 1 : HINDEX_NONE;
}

/* Twice the room, the slots put again where their hashes say. */
static void
grow(struct hindex *x)
{
	struct hindex_slot	*old = x->slots;
	size_t			 ocap = x->cap;

	x->cap = ocap == 0 ? 16 : ocap * 2;
	x->slots = xcalloc(x->cap, sizeof *x->slots);
	for (size_t i = 0; i < ocap; i++) {
		size_t j = (size_t)old[i].hash & (x->cap - 1);

		if (old[i].pos == 0)
			continue;
		while (x->slots[j].pos != 0)
			j = (j + 1) & (x->cap - 1);
		x->slots[j] = old[i];
	}
	free(old);
}

void
hindex_add(struct hindex *x, char *const *keys, size_t pos)
{
	uint64_t	h = key_hash(keys[pos]);
	size_t		i;

	/* At most half full: probes stay short. */
	if ((x->n + 1) * 2 > x->cap)
		grow(x);
	i = probe(x, keys, keys[pos], h);
	if (x->slots[i].pos == 0)
		x->n++;
	x->slots[i] = (struct hindex_slot){ h, pos + 1 };
}

void
hindex_remove(struct hindex *x, char *const *keys, size_t pos)
{
	size_t mask = x->cap - 1, i, j;

	if (x->n == 0)
		return;
	i = probe(x, keys, keys[pos], key_hash(keys[pos]));
	if (x->slots[i].pos == 0)
		return;
	/* Close the gap: a slot further on moves back into it unless its
	 * home lies after the gap, cyclically, up to where it sits. */
	for (j = (i + 1) & mask; x->slots[j].pos != 0; j = (j + 1) & mask) {
		size_t home = (size_t)x->slots[j].hash & mask;

		if (((j - home) & mask) >= ((j - i) & mask)) {
			x->slots[i] = x->slots[j];
			i = j;
		}
	}
	x->slots[i] = (struct hindex_slot){ 0 };
	x->n--;
	if (pos == x->n)
		return;		/* the last: none moves */
	/* The keys after it move down one place. */
	for (size_t k = 0; k < x->cap; k++) {
		if (x->slots[k].pos > pos + 1)
			x->slots[k].pos--;
	}
}

void
hindex_free(struct hindex *x)
{
	free(x->slots);
	*x = (struct hindex){ 0 };
}
