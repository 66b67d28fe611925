/* scan-read.h: the files the scanners write, read one result at a time.
 *
 * Prowler's Well-Architected compliance CSV (';' or ',' between fields)
 * and its JSON-OCSF findings, Powerpipe's benchmark export (CSV and JSON),
 * and the AWS Well-Architected Tool's list-check-details JSON (Trusted
 * Advisor). The readers stream: they hold one record (a CSV row, a JSON
 * finding, a Powerpipe control) at a time, never the whole file. Every
 * text they hand on is made printable (controls and bad bytes become
 * '?'). */
#ifndef WAFR_SCAN_READ_H
#define WAFR_SCAN_READ_H

#include <stddef.h>

#include "model/lens.h"
#include "model/scan.h"

#define SCAN_FORMAT_LIST(X) \
	X(SCAN_FORMAT_AUTO, "auto") \
	X(SCAN_FORMAT_PROWLER_CSV, "prowler-csv") \
	X(SCAN_FORMAT_PROWLER_OCSF, "prowler-ocsf") \
	X(SCAN_FORMAT_POWERPIPE_CSV, "powerpipe-csv") \
	X(SCAN_FORMAT_POWERPIPE_JSON, "powerpipe-json") \
	X(SCAN_FORMAT_TRUSTED_ADVISOR, "trusted-advisor")
#define X(e, n) e,
enum scan_format { SCAN_FORMAT_LIST(X) SCAN_FORMAT_COUNT };
#undef X
const char	*scan_format_name(enum scan_format);
int		 scan_format_parse(const char *, enum scan_format *);

/* One result as the file gives it, before it is mapped to a choice. */
struct scan_row {
	int		 line;		/* where its record begins */
	const char	*source;	/* "prowler", "powerpipe", ... */
	const char	*account;
	const char	*region;
	const char	*date;
	const char	*choice;	/* the AWS choice id, or NULL */
	const char	*code;		/* a best-practice code, or NULL */
	const char	*benchmark;	/* Powerpipe's benchmark, or NULL */
	const char	*check;
	const char	*resource;
	const char	*reason;
	enum scan_status status;
	unsigned long	 count;
};
typedef int (*scan_row_fn)(const struct scan_row *, void *, char **);

/* Read a file, the format detected from its content when *fmt is
 * SCAN_FORMAT_AUTO (it is then set). fn is called for every result (its
 * date NULL when the row has none); a non-zero return stops the reading.
 * On success *date is the scan's date the document gives, else the file's
 * time (malloc'd). -1 with *cause ("FILE:LINE: ...") when the file cannot
 * be read or is not the format. */
int	 scan_read(const char *, enum scan_format *, scan_row_fn, void *,
	    char **, char **);

/* The translation of the scanners' older numbering (data/evidence/
 * renames.tsv): choice ids and codes of older lens versions, and the
 * benchmarks tagged with another practice's id. */
struct scan_map;
int	 scan_map_load(const char *, struct lens *const *, size_t,
	    struct scan_map **, char **);
void	 scan_map_free(struct scan_map *);
/* The choice a row is evidence of: 0 with *lens (an index), *q and *c;
 * -1 with *why (what it names that maps to nothing). */
int	 scan_map_row(const struct scan_map *, const struct scan_row *,
	    size_t *, const struct question **, const struct choice **,
	    char **);

#endif
