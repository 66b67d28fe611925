/* other-boot.c: for tests/power-cut.sh, the store of a workspace made to
 * say its files were last written in another boot, as after a power cut.
 *
 * usage: other-boot DIR BOOT-ID */
#include <lmdb.h>
#include <stdio.h>
#include <string.h>

int
main(int argc, char **argv)
{
	char	 path[4096];
	MDB_env	*env;
	MDB_txn	*txn;
	MDB_dbi	 dbi;
	MDB_val	 k = { 10, "files-boot" }, v;
	int	 rc;

	if (argc != 3) {
		fprintf(stderr, "usage: other-boot DIR BOOT-ID\n");
		return 2;
	}
	snprintf(path, sizeof path, "%s/.wafr", argv[1]);
	v.mv_size = strlen(argv[2]);
	v.mv_data = argv[2];
	if ((rc = mdb_env_create(&env)) != 0 ||
	    (rc = mdb_env_set_maxdbs(env, 32)) != 0 ||
	    (rc = mdb_env_open(env, path, 0, 0600)) != 0 ||
	    (rc = mdb_txn_begin(env, NULL, 0, &txn)) != 0 ||
	    (rc = mdb_dbi_open(txn, "meta", 0, &dbi)) != 0 ||
	    (rc = mdb_put(txn, dbi, &k, &v, 0)) != 0 ||
	    (rc = mdb_txn_commit(txn)) != 0) {
		fprintf(stderr, "other-boot: %s\n", mdb_strerror(rc));
		return 1;
	}
	mdb_env_close(env);
	return 0;
}
