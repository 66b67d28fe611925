/* lens-pack.h: a loaded lens as bytes and back: the compiled lens cache.
 *
 * A pack holds everything the loader built (texts in every language,
 * rules, kept fields, positions), keyed by a format version, the source
 * file's hash and size and the id the lens takes when it names none, and
 * checksummed. Nothing in a pack is trusted: every count and offset is
 * checked against the bytes, so a pack that is stale, cut short or damaged
 * does not unpack (the caller loads the source again). Pure. */
#ifndef WAFR_LENS_PACK_H
#define WAFR_LENS_PACK_H

#include <stddef.h>
#include <stdint.h>

#include "base/util.h"
#include "model/lens.h"

/* What a pack is keyed by: the source's bytes and the default id. */
struct lens_pack_key {
	uint64_t	 hash;		/* hash_bytes of the source */
	uint64_t	 size;
	const char	*default_id;
};

void		 lens_pack_key(struct lens_pack_key *, const void *, size_t,
		    const char *);
/* 0, or -1 when the lens cannot be packed (it is then loaded each time). */
int		 lens_pack(const struct lens *, const struct lens_pack_key *,
		    struct buf *);
/* The lens, taking ownership of the bytes (malloc'd; freed with the lens,
 * or now on failure); NULL when the pack does not match the key or does
 * not hold up. */
struct lens	*lens_unpack(char *, size_t, const struct lens_pack_key *);
/* The same over bytes the lens does not own (a mapped file, writable
 * in memory): unmap(bytes, size) is called when the lens is freed. On
 * failure nothing is called. */
struct lens	*lens_unpack_mapped(char *, size_t, const struct lens_pack_key *,
		    void (*)(void *, size_t));

#endif
