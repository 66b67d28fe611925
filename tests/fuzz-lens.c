/* fuzz-lens.c: libFuzzer target for the lens loader and validator. */
#include "config.h"

#include <stddef.h>
#include <stdint.h>

#include "base/diag.h"
#include "model/lens-check.h"
#include "files/lens-load.h"
#include "model/risk.h"

int LLVMFuzzerTestOneInput(const uint8_t *, size_t);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct diags	 d;
	struct lens	*l;

	diags_init(&d, "fuzz");
	l = lens_load((const char *)data, size, "fuzz", &d);
	if (l != NULL) {
		struct answer a = { 0 };

		lens_check(l, true, &d);
		/* Exercise the risk engine over every question too. */
		for (size_t i = 0; i < l->npillars; i++) {
			for (size_t j = 0; j < l->pillars[i].nquestions; j++) {
				const struct question *q =
				    &l->pillars[i].questions[j];

				if (q->nchoices > 0)
					answer_select(&a,
					    question_choices(q)[0].id, true);
				(void)question_risk(q, &a);
				answer_free(&a);
			}
		}
	}
	lens_free(l);
	diags_free(&d);
	return 0;
}
