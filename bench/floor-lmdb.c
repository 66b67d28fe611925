/* floor-lmdb.c: the floor of a command that reads or changes the state.
 *
 * usage: floor-lmdb DIR write|read
 *
 * write: opens the LMDB environment in DIR and commits one small record,
 * durably (LMDB's defaults); read: opens it read-only and reads the
 * record back. */
#include <lmdb.h>
#include <stdio.h>
#include <string.h>

int
main(int argc, char **argv)
{
	MDB_env		*env;
	MDB_txn		*txn;
	MDB_dbi		 dbi;
	MDB_val		 k = { 3, "key" }, v = { 5, "value" };
	int		 rc, rd;

	if (argc != 3) {
		fprintf(stderr, "usage: floor-lmdb DIR write|read\n");
		return 2;
	}
	rd = strcmp(argv[2], "read") == 0;
	if ((rc = mdb_env_create(&env)) != 0 ||
	    (rc = mdb_env_open(env, argv[1], rd ? MDB_RDONLY : 0, 0600)) != 0 ||
	    (rc = mdb_txn_begin(env, NULL, rd ? MDB_RDONLY : 0, &txn)) != 0 ||
	    (rc = mdb_dbi_open(txn, NULL, 0, &dbi)) != 0)
		goto fail;
	if (rd) {
		if ((rc = mdb_get(txn, dbi, &k, &v)) != 0)
			goto fail;
		mdb_txn_abort(txn);
	} else if ((rc = mdb_put(txn, dbi, &k, &v, 0)) != 0 ||
	    (rc = mdb_txn_commit(txn)) != 0)
		goto fail;
	mdb_env_close(env);
	return 0;
fail:
	fprintf(stderr, "floor-lmdb: %s\n", mdb_strerror(rc));
	return 1;
}
