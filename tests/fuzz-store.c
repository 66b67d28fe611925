/* fuzz-store.c: a libFuzzer target for the store's decoders: a journal
 * entry, an answer and a roadmap item, as read back from LMDB. Whatever
 * the bytes, each decodes or refuses, and what decodes encodes again. */
#include "config.h"

#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>

#include "model/answer.h"
#include "model/roadmap.h"
#include "store/store.h"

int LLVMFuzzerTestOneInput(const uint8_t *, size_t);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct journal_entry	 e;
	struct roadmap_item	*it;
	struct answer		 a;
	size_t			 n;

	if (journal_entry_decode(data, size, &e) == 0)
		journal_entry_free(&e);
	if (answer_decode(data, size, &a) == 0) {
		free(answer_encode(&a, &n));
		answer_free(&a);
	}
	if ((it = roadmap_item_decode(data, size)) != NULL) {
		free(roadmap_item_encode(it, &n));
		roadmap_item_free(it);
	}
	return 0;
}
