/* no-nss.c: glibc's name services left out of a static program. */
#include "config.h"

#include <sys/types.h>

#include <netdb.h>
#include <pwd.h>
#include <stddef.h>

/* In a static program these would bring in glibc's name services, which
 * load glibc's shared libraries at run time after all. libgit2 calls them
 * only to find a home folder when $HOME is unset and to open a git://
 * connection, and wafr needs neither: no user entry, no address. */
int
getpwuid_r(uid_t uid, struct passwd *pw, char *buf, size_t size,
    struct passwd **out)
{
	*out = NULL;
	return 0;
}

int
getaddrinfo(const char *node, const char *service,
    const struct addrinfo *hints, struct addrinfo **out)
{
	return EAI_FAIL;
}

void
freeaddrinfo(struct addrinfo *ai)
{
}
