/* yval.h: a small generic tree of values (YAML or JSON, read by
 * files/yval-yaml.h).
 *
 * Used where a document has no fixed schema for wafr: the AWS tool's CLI
 * output, and the fields of an AWS custom lens that wafr keeps but does not
 * show. Pure. */
#ifndef WAFR_YVAL_H
#define WAFR_YVAL_H

#include <stdbool.h>
#include <stddef.h>

enum yval_type { YVAL_SCALAR, YVAL_SEQ, YVAL_MAP };

struct yval {
	enum yval_type	 type;
	char		*s;		/* YVAL_SCALAR */
	bool		 quoted;	/* a quoted scalar: a string, never a number */
	char		**keys;		/* YVAL_MAP */
	struct yval	**v;		/* items (YVAL_SEQ) or values (YVAL_MAP) */
	size_t		 n;
	int		 line;		/* 1-based */
};

struct yval	*yval_copy(const struct yval *);
void		 yval_free(struct yval *);

struct yval	*yval_new_map(void);
struct yval	*yval_new_seq(void);
struct yval	*yval_new_str(const char *);
void		 yval_seq_add(struct yval *, struct yval *);
/* Add a key to a map, taking ownership of the value (replaces a duplicate). */
void		 yval_map_set(struct yval *, const char *, struct yval *);

/* Lookups that tolerate NULL and wrong types. */
const struct yval *yval_get(const struct yval *, const char *);
const char	*yval_str(const struct yval *);
const char	*yval_get_str(const struct yval *, const char *);
/* A JSON boolean: 1 true, 0 false, -1 absent or not a boolean. */
int		 yval_get_bool(const struct yval *, const char *);
bool		 yval_equal(const struct yval *, const struct yval *);
/* A problem at a value of the file NAME: *cause "NAME:LINE: message";
 * returns -1. */
int		 yval_fail(char **, const char *, const struct yval *,
		    const char *, ...) __attribute__((format(printf, 4, 5)));

#endif
