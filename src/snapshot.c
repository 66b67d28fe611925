/* snapshot.c: placeholder until the snapshot files land. */
#include "config.h"

#include "snapshot.h"
#include "util.h"

int
snapshot_write_all(const struct workspace *ws, char **cause)
{
	return 0;
}

int
snapshot_write_question(const struct workspace *ws, const struct qref *ref,
    char **cause)
{
	return 0;
}

int
snapshot_write_workload(const struct workspace *ws, char **cause)
{
	return 0;
}

int
snapshot_read_workload(const char *dir, struct kv *kv, char **cause)
{
	return fail(cause, "%s: reading workload.yaml is not implemented", dir);
}

int
snapshot_read_answers(const struct workspace *ws, struct store_batch *b,
    char **cause)
{
	return 0;
}
