/* scan.h: scan results, what the team's own scanners (Prowler, Powerpipe,
 * Trusted Advisor) found, kept beside the practices they concern. Pure.
 *
 * Scan results are not the evidence people write in an answer: they only
 * inform, and never select or unselect a choice. They come in groups, one
 * per scanner, account and region: importing that scan again replaces its
 * group. Failing and erroring results are kept one per resource; passing
 * and manual ones are counted per check, not listed.
 *
 * A group's text, the same in the store and in the snapshot file of its
 * scanner (scans/SOURCE.tsv), is one header line and one line per result,
 * fields separated by tabs (a tab, newline, carriage return or backslash
 * in a field written \t, \n, \r, \\):
 *   scan SOURCE ACCOUNT REGION DATE FILE
 *   LENS QUESTION CHOICE CHECK STATUS COUNT RESOURCE REASON */
#ifndef WAFR_SCAN_H
#define WAFR_SCAN_H

#include <stdbool.h>
#include <stddef.h>

#include "base/util.h"

#define SCAN_STATUS_LIST(X) \
	X(SCAN_PASS, "pass") X(SCAN_FAIL, "fail") X(SCAN_MANUAL, "manual") \
	X(SCAN_ERROR, "error")
#define X(e, n) e,
enum scan_status { SCAN_STATUS_LIST(X) SCAN_STATUS_COUNT };
#undef X
const char	*scan_status_name(enum scan_status);
int		 scan_status_parse(const char *, enum scan_status *);

/* The scanners, by the name their snapshot file takes. */
#define SCAN_SOURCE_LIST(X) \
	X("prowler", "Prowler") X("powerpipe", "Powerpipe") \
	X("trusted-advisor", "Trusted Advisor")
bool		 scan_source_valid(const char *);
const char	*scan_source_title(const char *);

struct scan_result {
	char		*lens;
	char		*question;
	char		*choice;
	char		*check;
	enum scan_status status;
	unsigned long	 count;		/* results counted in this one */
	char		*resource;	/* "" when counted */
	char		*reason;
};

struct scan_group {
	char		*source;
	char		*account;	/* "" when the results name none */
	char		*region;
	char		*date;		/* the scan's, as the file says */
	char		*file;		/* the name of the file imported */
	struct scan_result *results;
	size_t		 n;
	size_t		 cap;
	size_t		 sorted;	/* results[0..sorted) sorted, merged */
};

/* A result of the index: what a choice's results are read through. */
struct scan_ref {
	const struct scan_group		*group;
	const struct scan_result	*result;
};

/* Every group of a state, and an index of their results by choice. */
struct scans {
	struct scan_group	**groups;	/* sorted by key */
	size_t			  n;
	struct scan_ref		 *index;	/* by lens, question, choice */
	size_t			  nindex;
};

/* A group's key in the store: "SOURCE/ACCOUNT/REGION", every byte of
 * ACCOUNT and REGION other than letters, digits, '.', '_' and '-' written
 * %XX, "-" for an empty one. */
char	*scan_group_key(const char *, const char *, const char *);

struct scan_group *scan_group_new(const char *, const char *, const char *,
	    const char *, const char *);
void	 scan_group_free(struct scan_group *);
/* Add a result (copied); passing and manual ones lose their resource and
 * are counted with their check's. The group sorts and merges now and then,
 * so that it holds no more than the results it keeps. */
void	 scan_group_add(struct scan_group *, const struct scan_result *);
/* Sort and merge: the same result twice is kept once. */
void	 scan_group_finish(struct scan_group *);

/* The results a group counts. */
unsigned long scan_group_total(const struct scan_group *);

/* A group's text, and back: -1 with *cause ("line N: ...") if it is not
 * one. */
char	*scan_group_encode(const struct scan_group *, size_t *);
int	 scan_group_decode(const char *, size_t, struct scan_group **,
	    char **);
/* A snapshot file's text: its groups, one after the other; *groups
 * (malloc'd) the text of each, for the store. */
char	*scan_file_text(const char *, struct scan_group *const *, size_t,
	    size_t *);
int	 scan_file_split(const char *, size_t, char ***, char ***, size_t *,
	    char **);

/* Put a group (owned from now on) in place of the one of its key; NULL
 * value removes the key's. */
void	 scans_set(struct scans *, const char *, struct scan_group *);
void	 scans_clear(struct scans *);
/* The results of a choice (choice NULL: of the whole question), in the
 * index order; returns their number and *first. */
size_t	 scans_find(const struct scans *, const char *, const char *,
	    const char *, const struct scan_ref **);

/* Results counted by status, per scanner (source NULL: all). */
struct scan_tally {
	unsigned long	 n[SCAN_STATUS_COUNT];
	size_t		 failing_checks;	/* distinct checks that fail */
};
void	 scans_tally(const struct scan_ref *, size_t, const char *,
	    struct scan_tally *);
/* "Prowler: 12 pass, 3 fail; Powerpipe: 1 error" (empty: none). */
void	 scans_summary(const struct scan_ref *, size_t, struct buf *);
/* "3 fail" (failing and erroring, all scanners), else "12 pass". */
void	 scans_summary_short(const struct scan_ref *, size_t, struct buf *);
/* The failing checks of the selected choices of a question. */
struct answer;
struct question;
size_t	 scans_selected_failing(const struct scans *, const char *,
	    const struct question *, const struct answer *);

#endif
