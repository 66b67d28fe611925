/* hindex.h: strings found by hash, in the order the caller keeps.
 *
 * An index over an array of keys the caller owns and orders (a map's
 * keys, in the order its files show them): open addressing with linear
 * probing, each slot the hash and the position of one key. Finding a key
 * compares one string in the common case, whatever the array's length.
 * The index holds every key of the array, each once; the array passed to
 * each call is the one indexed, as it is at the moment of the call. */
#ifndef WAFR_HINDEX_H
#define WAFR_HINDEX_H

#include <stddef.h>
#include <stdint.h>

#define HINDEX_NONE SIZE_MAX	/* not found */

struct hindex_slot {
	uint64_t	hash;
	size_t		pos;		/* position + 1; 0: empty */
};
struct hindex {
	struct hindex_slot	*slots;
	size_t			 cap;	/* a power of two, or 0 */
	size_t			 n;	/* keys indexed */
};

/* The position of key in keys, or HINDEX_NONE. */
size_t	 hindex_find(const struct hindex *, char *const *, const char *);
/* keys[pos] was just added (at the end, or where nothing was indexed). */
void	 hindex_add(struct hindex *, char *const *, size_t);
/* keys[pos] is about to leave the array, and the keys after it to move
 * down one place: call before moving them. */
void	 hindex_remove(struct hindex *, char *const *, size_t);
void	 hindex_free(struct hindex *);

#endif
