/* Only src/git/ keeps the history: libgit2 is not for this layer. */
#error "git2.h is for src/git/ only"
