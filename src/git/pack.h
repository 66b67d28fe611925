/* pack.h: the objects a command adds to a repository, kept in memory and
 * then written as one pack.
 *
 * A milestone adds a few blobs, the trees above them, a commit and a tag.
 * As loose objects each is a file made, linked and unlinked, most in a
 * fan-out folder made for it. Held in memory until the commit is made,
 * they reach the disk as two files: the pack, then its index (git reads
 * a pack only once its index is there). Each object is compressed once,
 * at the level of a loose one, and none is hashed or read again: the ids
 * are the ones libgit2 gave them. */
#ifndef WAFR_PACK_H
#define WAFR_PACK_H

#include <stdbool.h>

#include <git2.h>

struct pack_memory;

/* From now on the repository's new objects are written to memory, where
 * they are read first. ALONE: no object folder is looked at (a new
 * repository has none to look at). The repository's object database owns
 * the memory: it goes with the repository. libgit2's error on failure. */
int	pack_memory_attach(git_repository *, bool, struct pack_memory **);
/* The objects written since the last call, as one pack in the
 * repository's objects/pack (none: nothing is written); they stay in
 * memory for reading. libgit2's error, or one of the system's. */
int	pack_memory_flush(struct pack_memory *);

#endif
