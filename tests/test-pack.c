/* test-pack.c: objects kept in memory, then written as one pack that
 * libgit2 reads back, whole, from a repository opened again. */
#include "config.h"

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <git2.h>

#include "git/pack.h"
#include "base/util.h"
#include "tap.h"

struct blob {
	const char	*what;
	char		*data;
	size_t		 size;
	git_oid		 id;
};

/* The packs and their indexes in DIR/.git/objects/pack. */
static void
count_packs(const char *dir, int *packs, int *idxs)
{
	char		*path = xasprintf("%s/.git/objects/pack", dir);
	DIR		*d = opendir(path);
	struct dirent	*e;

	*packs = *idxs = 0;
	while (d != NULL && (e = readdir(d)) != NULL) {
		*packs += str_ends_with(e->d_name, ".pack");
		*idxs += str_ends_with(e->d_name, ".idx");
	}
	if (d != NULL)
		closedir(d);
	free(path);
}

/* Each blob, read back from a repository opened anew. */
static bool
all_read_back(const char *dir, const struct blob *b, size_t n)
{
	git_repository	*repo = NULL;
	git_odb		*odb = NULL;
	bool		 all = true;

	if (git_repository_open(&repo, dir) != 0 ||
	    git_repository_odb(&odb, repo) != 0) {
		git_repository_free(repo);
		return false;
	}
	for (size_t i = 0; i < n; i++) {
		git_odb_object *o = NULL;

		if (git_odb_read(&o, odb, &b[i].id) != 0 ||
		    git_odb_object_type(o) != GIT_OBJECT_BLOB ||
		    git_odb_object_size(o) != b[i].size ||
		    memcmp(git_odb_object_data(o), b[i].data, b[i].size) != 0) {
			printf("# %s: not read back whole\n", b[i].what);
			all = false;
		}
		git_odb_object_free(o);
	}
	git_odb_free(odb);
	git_repository_free(repo);
	return all;
}

static int
write_blobs(git_repository *repo, struct blob *b, size_t n)
{
	git_odb	*odb;
	int	 r = 0;

	if (git_repository_odb(&odb, repo) != 0)
		return -1;
	for (size_t i = 0; r == 0 && i < n; i++)
		r = git_odb_write(&b[i].id, odb, b[i].data, b[i].size,
		    GIT_OBJECT_BLOB);
	git_odb_free(odb);
	return r;
}

static void
pack_round_trip(bool alone)
{
	char			 tmpl[] = "/tmp/wafr-pack.XXXXXX";
	char			*dir, *big, *mid;
	git_repository		*repo = NULL;
	struct pack_memory	*mem = NULL;
	struct blob		 b[5];
	int			 packs, idxs;
	uint32_t		 x = 2463534242u;

	if ((dir = mkdtemp(tmpl)) == NULL) {
		ok(0, "a temporary directory");
		return;
	}
	/* Incompressible bytes: the compressed object is larger. */
	big = xmalloc(300000);
	for (size_t i = 0; i < 300000; i++) {
		x ^= x << 13, x ^= x >> 17, x ^= x << 5;
		big[i] = (char)x;
	}
	mid = xmalloc(300);
	memset(mid, 'a', 300);
	b[0] = (struct blob){ "an empty blob", "", 0, { { 0 } } };
	b[1] = (struct blob){ "a short blob", "short\n", 6, { { 0 } } };
	b[2] = (struct blob){ "a blob of 300 bytes", mid, 300, { { 0 } } };
	b[3] = (struct blob){ "300,000 random bytes", big, 300000,
	    { { 0 } } };
	b[4] = (struct blob){ "a blob of the second pack", "later\n", 6,
	    { { 0 } } };

	ok(git_repository_init(&repo, dir, 0) == 0, "%s: a repository",
	    alone ? "alone" : "beside the object folder");
	ok(pack_memory_attach(repo, alone, &mem) == 0, "objects to memory");
	ok(write_blobs(repo, b, 4) == 0, "four objects written");
	count_packs(dir, &packs, &idxs);
	is_int(packs + idxs, 0, "nothing on disk before the flush");
	ok(pack_memory_flush(mem) == 0, "flushed");
	count_packs(dir, &packs, &idxs);
	ok(packs == 1 && idxs == 1, "one pack and its index");
	ok(pack_memory_flush(mem) == 0, "flushed again, nothing new");
	count_packs(dir, &packs, &idxs);
	ok(packs == 1 && idxs == 1, "no pack for nothing");
	ok(write_blobs(repo, b, 5) == 0, "the same four and one more");
	ok(pack_memory_flush(mem) == 0, "flushed");
	count_packs(dir, &packs, &idxs);
	ok(packs == 2 && idxs == 2, "a second pack, of the new one");
	git_repository_free(repo);
	ok(all_read_back(dir, b, 5),
	    "every object read back whole from the packs");
	remove_tree(dir);
	free(big);
	free(mid);
}

int
main(void)
{
	git_libgit2_init();
	pack_round_trip(false);
	pack_round_trip(true);
	git_libgit2_shutdown();
	return tap_done();
}
