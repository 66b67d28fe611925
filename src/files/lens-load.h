/* lens-load.h: building a lens from YAML or AWS custom-lens JSON text. */
#ifndef WAFR_LENS_LOAD_H
#define WAFR_LENS_LOAD_H

#include "base/diag.h"
#include "model/lens.h"

/* Parse a lens from memory. Every problem goes to diags; the lens is returned
 * unless there was an error. default_id names a lens whose text has no id
 * (AWS custom lenses have none): usually the file name without extension. */
struct lens	*lens_load(const char *, size_t, const char *, struct diags *);
/* Read and parse a file; the diagnostics name it. */
struct lens	*lens_load_file(const char *, struct diags *);
/* The id a lens file gets when its text names none. */
char		*lens_id_from_path(const char *);

#endif
