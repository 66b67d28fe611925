/* history.c: placeholder until milestones land. */
#include "config.h"

#include "history.h"

int
history_init(const struct workspace *ws, char **cause)
{
	return 0;
}
