/* fuzz-files.c: libFuzzer target for what wafr reads besides lenses: answer
 * files and workload.yaml, the AWS tool's answer exports (wafr import), and
 * the store's answer and roadmap records. Every input goes to each reader;
 * what one accepts must come back the same once written and read again,
 * so that no answer is lost on the way. */
#include "config.h"

#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "base/diag.h"
#include "files/lens-load.h"
#include "files/snapshot.h"
#include "files/yval-parse.h"
#include "model/answer.h"
#include "model/risk.h"
#include "model/roadmap.h"
#include "report/aws.h"
#include "base/util.h"

int LLVMFuzzerInitialize(int *, char ***);
int LLVMFuzzerTestOneInput(const uint8_t *, size_t);

/* Answer files are read against this lens: two pillars, rules, a None. */
static const char lens_text[] =
"lens: fuzz\n"
"title: Fuzz\n"
"pillars:\n"
"  - id: ops\n"
"    title: Operations\n"
"    questions:\n"
"      - id: q1\n"
"        title: Q1\n"
"        choices:\n"
"          - {id: a, title: A, risk: high}\n"
"          - {id: b, title: B, risk: medium}\n"
"          - {id: q1_no, title: None of these}\n"
"      - id: q2\n"
"        title: Q2\n"
"        choices:\n"
"          - {id: c, title: C}\n"
"          - {id: d, title: D}\n"
"        rules:\n"
"          - {if: \"c && d\", risk: none}\n"
"          - {if: \"c || d\", risk: medium}\n"
"          - {if: default, risk: high}\n"
"  - id: sec\n"
"    title: Security\n"
"    questions:\n"
"      - id: q3\n"
"        title: Q3\n"
"        choices:\n"
"          - {id: e, title: E, risk: low}\n";

static struct lens *lens;

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	struct diags d;

	(void)argc;
	(void)argv;
	diags_init(&d, "fuzz");
	lens = lens_load(lens_text, sizeof lens_text - 1, "fuzz", &d);
	diags_free(&d);
	if (lens == NULL)
		abort();
	return 0;
}

/* NULL and "" alike: the files do not write an empty field. */
static bool
same_text(const char *a, const char *b)
{
	return streq(a != NULL ? a : "", b != NULL ? b : "");
}

static bool
same_item(const struct roadmap_item *a, const struct roadmap_item *b)
{
	if (a == NULL || b == NULL)
		return a == b;
	return same_text(a->owner, b->owner) &&
	    same_text(a->ticket, b->ticket) && a->effort == b->effort &&
	    a->status == b->status && same_text(a->reason, b->reason) &&
	    same_text(a->target, b->target);
}

static void
answer_file(const uint8_t *data, size_t size)
{
	const struct question	*q, *q2;
	struct answer		 a, b;
	struct roadmap_item	*it, *it2;
	char			*text, *cause = NULL;
	size_t			 len;

	if (snapshot_parse_answer("fuzz", data, size, lens, NULL, NULL, &q, &a,
	    &it, &cause) != 0) {
		free(cause);
		return;
	}
	(void)question_risk(q, &a);
	text = snapshot_answer_text(lens, q, &a, it, &len);
	if (snapshot_parse_answer("again", text, len, lens, q->pillar->id,
	    q->id, &q2, &b, &it2, &cause) != 0 || q2 != q ||
	    !answer_equal(&a, &b) || !same_text(a.note, b.note) ||
	    !same_item(it, it2))
		abort();	/* written, it does not read back the same */
	free(text);
	answer_free(&a);
	answer_free(&b);
	roadmap_item_free(it);
	roadmap_item_free(it2);
}

static void
workload_file(const uint8_t *data, size_t size)
{
	struct kv	 kv = { 0 }, back = { 0 };
	char		*text, *cause = NULL;
	size_t		 len;

	if (snapshot_parse_workload("fuzz", data, size, &kv, &cause) != 0) {
		free(cause);
		return;
	}
	text = snapshot_workload_text(&kv, &len);
	if (snapshot_parse_workload("again", text, len, &back, &cause) != 0 ||
	    back.n != kv.n)
		abort();
	for (size_t i = 0; i < kv.n; i++) {
		if (!streq(kv_get(&back, kv.keys[i]), kv.values[i]))
			abort();
	}
	free(text);
	kv_free(&kv);
	kv_free(&back);
}

static void
aws_export(const uint8_t *data, size_t size)
{
	struct aws_export	 x = { 0 };
	struct buf		 text = { 0 }, problems = { 0 };
	struct yval		*v;
	char			*cause = NULL;

	if (aws_prepare((const char *)data, size, &text, &cause) != 0) {
		free(cause);
		return;
	}
	if (yval_parse(text.s != NULL ? text.s : "", text.len, &v,
	    &cause) != 0) {
		free(cause);
		buf_free(&text);
		return;
	}
	buf_free(&text);
	if (aws_read(v, &x, &cause) == 0) {
		for (size_t i = 0; i < x.nanswers; i++) {
			const struct question	*q;
			struct answer		 a;

			aws_map_answer(lens, &x.answers[i], NULL, &a, &q,
			    &problems);
			answer_free(&a);
		}
	} else
		free(cause);
	buf_free(&problems);
	aws_export_free(&x);
	yval_free(v);
}

static void
records(const uint8_t *data, size_t size)
{
	struct answer		 a, b;
	struct roadmap_item	*it, *it2;
	void			*enc;
	size_t			 len;

	if (answer_decode(data, size, &a) == 0) {
		enc = answer_encode(&a, &len);
		if (answer_decode(enc, len, &b) != 0 || !answer_equal(&a, &b) ||
		    !same_text(a.note, b.note))
			abort();
		free(enc);
		answer_free(&a);
		answer_free(&b);
	}
	it = roadmap_item_decode(data, size);
	enc = roadmap_item_encode(it, &len);
	it2 = roadmap_item_decode(enc, len);
	if (!same_item(it, it2))
		abort();
	free(enc);
	roadmap_item_free(it);
	roadmap_item_free(it2);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	answer_file(data, size);
	workload_file(data, size);
	aws_export(data, size);
	records(data, size);
	return 0;
}
