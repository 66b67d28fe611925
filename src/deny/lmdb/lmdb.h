/* Only src/store/ holds the live state: LMDB is not for this layer. */
#error "lmdb.h is for src/store/ only"
