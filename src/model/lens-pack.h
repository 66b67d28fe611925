/* lens-pack.h: a loaded lens as bytes and back: the compiled lens cache.
 *
 * A pack holds everything the loader built (texts in every language,
 * rules, kept fields, positions), keyed by a format version, the source
 * file's hash and size and the id the lens takes when it names none, and
 * checksummed. Nothing in a pack is trusted: every count and offset is
 * checked against the bytes, so a pack that is stale, cut short or damaged
 * does not unpack (the caller loads the source again).
 *
 * What every command reads (the lens, its pillars, each question but its
 * choices and rules) comes first, checked as a whole when the pack
 * unpacks; each question's choices and rules (its body) are checked and
 * unpacked when first read (question_choices). A body found damaged then
 * is read from the lens the source gives again (lens_pack_source). Pure,
 * but for the one message of a damaged body with no source. */
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
/* How an unpacked lens gets its source again, parsed: load(arg) gives
 * that lens or NULL (and may remove the damaged cache); done(arg), if
 * not NULL, is called once when the lens is freed. A body found damaged
 * is then read from that lens, which the lens keeps. Without one, or
 * when it fails, the program stops with a message (the cache is removed
 * by whoever set none). */
void		 lens_pack_source(struct lens *, struct lens *(*)(void *),
		    void (*)(void *), void *);

#endif
