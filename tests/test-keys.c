/* test-keys.c: no default key is bound to two actions of one screen. */
#include "config.h"

#include <stdlib.h>

#include "ui/ui.h"
#include "tap.h"

int
main(void)
{
	struct buf	b = { 0 };
	size_t		n;

	actions_init();
	n = actions_shadowed(&b);
	ok(n == 0, "no default key runs two actions of one screen%s%s",
	    n > 0 ? ": " : "", n > 0 ? b.s : "");
	buf_free(&b);
	return tap_done();
}
