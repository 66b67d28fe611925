/* answer.c: answers to questions and their store encoding. */
#include "config.h"

#include <ctype.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "model/answer.h"
#include "base/util.h"

const char *const na_reasons[] = {
	"OUT_OF_SCOPE", "BUSINESS_PRIORITIES", "ARCHITECTURE_CONSTRAINTS",
	"OTHER", "NONE", NULL
};

/* Accepts "out-of-scope", "out_of_scope", "OUT_OF_SCOPE". */
const char *
na_reason_parse(const char *s)
{
	for (size_t i = 0; na_reasons[i] != NULL; i++) {
		const char	*r = na_reasons[i];
		size_t		 j;

		for (j = 0; r[j] != '\0' && s[j] != '\0'; j++) {
			char c = s[j] == '-' ? '_' : s[j];

			if ((c & ~0x20) != r[j] && c != r[j])
				break;
		}
		if (r[j] == '\0' && s[j] == '\0')
			return r;
	}
	return NULL;
}

const char *
verification_name(enum verification v)
{
	switch (v) {
	case VERIFY_SELF:
		return "self-reported";
	case VERIFY_WORKSHOP:
		return "verified";
	default:
		return "";
	}
}

int
verification_parse(const char *s, enum verification *v)
{
	if (strcasecmp(s, "self-reported") == 0 || strcasecmp(s, "self") == 0)
		*v = VERIFY_SELF;
	else if (strcasecmp(s, "verified") == 0)
		*v = VERIFY_WORKSHOP;
	else if (*s == '\0' || strcasecmp(s, "none") == 0)
		*v = VERIFY_UNSET;
	else
		return -1;
	return 0;
}

void
answer_init(struct answer *a)
{
	*a = (struct answer){ 0 };
}

void
answer_free(struct answer *a)
{
	for (size_t i = 0; i < a->nselected; i++)
		free(a->selected[i]);
	free(a->selected);
	for (size_t i = 0; i < a->nna; i++) {
		free(a->na[i].choice);
		free(a->na[i].reason);
	}
	free(a->na);
	free(a->reason);
	free(a->note);
	for (size_t i = 0; i < a->nevidence; i++)
		free(a->evidence[i]);
	free(a->evidence);
	answer_init(a);
}

void
answer_copy(struct answer *dst, const struct answer *src)
{
	answer_init(dst);
	for (size_t i = 0; i < src->nselected; i++)
		answer_select(dst, src->selected[i], true);
	for (size_t i = 0; i < src->nna; i++)
		answer_set_choice_na(dst, src->na[i].choice, src->na[i].reason);
	dst->not_applicable = src->not_applicable;
	dst->reason = src->reason ? xstrdup(src->reason) : NULL;
	dst->note = src->note ? xstrdup(src->note) : NULL;
	for (size_t i = 0; i < src->nevidence; i++)
		answer_add_evidence(dst, src->evidence[i]);
	dst->verification = src->verification;
}

bool
answer_is_empty(const struct answer *a)
{
	return a->nselected == 0 && a->nna == 0 && !a->not_applicable &&
	    (a->note == NULL || *a->note == '\0') && a->nevidence == 0 &&
	    a->verification == VERIFY_UNSET;
}

bool
answer_selected(const struct answer *a, const char *choice)
{
	for (size_t i = 0; i < a->nselected; i++) {
		if (strcmp(a->selected[i], choice) == 0)
			return true;
	}
	return false;
}

const struct choice_na *
answer_choice_na(const struct answer *a, const char *choice)
{
	for (size_t i = 0; i < a->nna; i++) {
		if (strcmp(a->na[i].choice, choice) == 0)
			return &a->na[i];
	}
	return NULL;
}

void
answer_select(struct answer *a, const char *choice, bool on)
{
	for (size_t i = 0; i < a->nselected; i++) {
		if (strcmp(a->selected[i], choice) != 0)
			continue;
		if (!on) {
			free(a->selected[i]);
			memmove(&a->selected[i], &a->selected[i + 1],
			    (a->nselected - i - 1) * sizeof *a->selected);
			a->nselected--;
		}
		return;
	}
	if (on) {
		a->selected = xreallocarray(a->selected, a->nselected + 1,
		    sizeof *a->selected);
		a->selected[a->nselected++] = xstrdup(choice);
	}
}

/* A NULL reason makes the choice apply again. */
void
answer_set_choice_na(struct answer *a, const char *choice, const char *reason)
{
	for (size_t i = 0; i < a->nna; i++) {
		if (strcmp(a->na[i].choice, choice) != 0)
			continue;
		free(a->na[i].reason);
		if (reason != NULL) {
			a->na[i].reason = xstrdup(reason);
			return;
		}
		free(a->na[i].choice);
		memmove(&a->na[i], &a->na[i + 1],
		    (a->nna - i - 1) * sizeof *a->na);
		a->nna--;
		return;
	}
	if (reason == NULL)
		return;
	a->na = xreallocarray(a->na, a->nna + 1, sizeof *a->na);
	a->na[a->nna].choice = xstrdup(choice);
	a->na[a->nna].reason = xstrdup(reason);
	a->nna++;
}

void
answer_set_note(struct answer *a, const char *note)
{
	free(a->note);
	a->note = note != NULL && *note != '\0' ? xstrdup(note) : NULL;
}

void
answer_add_evidence(struct answer *a, const char *text)
{
	a->evidence = xreallocarray(a->evidence, a->nevidence + 1,
	    sizeof *a->evidence);
	a->evidence[a->nevidence++] = xstrdup(text);
}

void
answer_remove_evidence(struct answer *a, size_t i)
{
	if (i >= a->nevidence)
		return;
	free(a->evidence[i]);
	memmove(&a->evidence[i], &a->evidence[i + 1],
	    (a->nevidence - i - 1) * sizeof *a->evidence);
	a->nevidence--;
}

/* Words that say nothing of what a piece of evidence is. */
static bool
filler(const char *w, size_t n)
{
	static const char *const words[] = {
		"all", "amazon", "and", "any", "are", "aws", "days", "each",
		"example", "for", "from", "how", "its", "last", "list", "one",
		"per", "that", "the", "their", "them", "this", "what", "when",
		"where", "which", "who", "with", "your",
	};

	for (size_t i = 0; i < nitems(words); i++) {
		if (strlen(words[i]) == n && strncmp(words[i], w, n) == 0)
			return true;
	}
	return false;
}

static bool
word_byte(unsigned char c)
{
	return c >= 0x80 || (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') ||
	    (c >= 'A' && c <= 'Z');
}

/* Whether the n bytes of w occur in s, ignoring ASCII case. */
static bool
has_word(const char *s, const char *w, size_t n)
{
	for (; *s != '\0'; s++) {
		size_t i = 0;

		while (i < n && s[i] != '\0' && tolower((unsigned char)s[i]) ==
		    tolower((unsigned char)w[i]))
			i++;
		if (i == n)
			return true;
	}
	return false;
}

int
answer_evidence_given(const struct answer *a, const char *requested)
{
	size_t	words = 0, best_n = 0;
	int	best = -1;

	for (size_t e = 0; e < a->nevidence; e++) {
		size_t		 found = 0;
		const char	*p = requested;

		words = 0;
		while (*p != '\0') {
			size_t	n = 0, digits = 0;
			char	w[16];

			while (*p != '\0' && !word_byte((unsigned char)*p))
				p++;
			for (; word_byte((unsigned char)p[n]); n++)
				digits += isdigit((unsigned char)p[n]) != 0;
			for (size_t i = 0; i < n && i < sizeof w; i++)
				w[i] = (char)tolower((unsigned char)p[i]);
			/* A word: three letters or more ("KMS"), or two with a
			 * digit ("S3"); never a bare number. */
			if (digits < n && (n >= 3 || (n == 2 && digits > 0)) &&
			    (n > sizeof w || !filler(w, n))) {
				words++;
				/* "keys" is given by "key" too. */
				found += has_word(a->evidence[e], p, n -
				    (n >= 4 && (p[n - 1] == 's' ||
				    p[n - 1] == 'S')));
			}
			p += n;
		}
		if (found > best_n) {
			best_n = found;
			best = (int)e;
		}
	}
	if (best < 0 || best_n < (words < 2 ? words : 2) || best_n * 3 < words)
		return -1;
	return best;
}

static bool
set_equal(char *const *a, size_t na, char *const *b, size_t nb)
{
	if (na != nb)
		return false;
	for (size_t i = 0; i < na; i++) {
		size_t j;

		for (j = 0; j < nb && strcmp(a[i], b[j]) != 0; j++)
			;
		if (j == nb)
			return false;
	}
	return true;
}

bool
answer_equal(const struct answer *a, const struct answer *b)
{
	if (!set_equal(a->selected, a->nselected, b->selected, b->nselected) ||
	    a->nna != b->nna || a->not_applicable != b->not_applicable ||
	    a->verification != b->verification ||
	    a->nevidence != b->nevidence)
		return false;
	if (!streq(a->note ? a->note : "", b->note ? b->note : "") ||
	    (a->not_applicable && !streq(a->reason, b->reason)))
		return false;
	for (size_t i = 0; i < a->nna; i++) {
		const struct choice_na *n = answer_choice_na(b, a->na[i].choice);

		if (n == NULL || !streq(n->reason, a->na[i].reason))
			return false;
	}
	for (size_t i = 0; i < a->nevidence; i++) {
		if (strcmp(a->evidence[i], b->evidence[i]) != 0)
			return false;
	}
	return true;
}

/* Records: one tag byte, a 4-byte little-endian length, the bytes. */
enum {
	TAG_SELECTED = 'S',
	TAG_CHOICE_NA = 'X',	/* choice NUL reason */
	TAG_NOT_APPLICABLE = 'N',	/* reason */
	TAG_NOTE = 'T',
	TAG_EVIDENCE = 'E',
	TAG_VERIFICATION = 'V',
};

static void
put_record(struct buf *b, char tag, const char *s, size_t n)
{
	unsigned char hdr[5] = { (unsigned char)tag, n & 0xff,
	    (n >> 8) & 0xff, (n >> 16) & 0xff, (n >> 24) & 0xff };

	buf_add(b, hdr, sizeof hdr);
	buf_add(b, s, n);
}

void *
answer_encode(const struct answer *a, size_t *size)
{
	struct buf b = { 0 };

	for (size_t i = 0; i < a->nselected; i++)
		put_record(&b, TAG_SELECTED, a->selected[i],
		    strlen(a->selected[i]));
	for (size_t i = 0; i < a->nna; i++) {
		char	*s = xasprintf("%s%c%s", a->na[i].choice, '\0',
		    a->na[i].reason);
		size_t	 n = strlen(a->na[i].choice) + 1 +
		    strlen(a->na[i].reason);

		put_record(&b, TAG_CHOICE_NA, s, n);
		free(s);
	}
	if (a->not_applicable)
		put_record(&b, TAG_NOT_APPLICABLE, a->reason ? a->reason : "",
		    a->reason ? strlen(a->reason) : 0);
	if (a->note != NULL)
		put_record(&b, TAG_NOTE, a->note, strlen(a->note));
	for (size_t i = 0; i < a->nevidence; i++)
		put_record(&b, TAG_EVIDENCE, a->evidence[i],
		    strlen(a->evidence[i]));
	if (a->verification != VERIFY_UNSET) {
		char v = (char)('0' + a->verification);

		put_record(&b, TAG_VERIFICATION, &v, 1);
	}
	*size = b.len;
	return buf_take(&b);
}

int
answer_decode(const void *data, size_t size, struct answer *a)
{
	const unsigned char *p = data, *end = p + size;

	answer_init(a);
	while (p < end) {
		char	*s;
		size_t	 n;

		if (end - p < 5)
			goto bad;
		n = (size_t)p[1] | (size_t)p[2] << 8 | (size_t)p[3] << 16 |
		    (size_t)p[4] << 24;
		if ((size_t)(end - p - 5) < n)
			goto bad;
		s = xstrndup((const char *)p + 5, n);
		switch (p[0]) {
		case TAG_SELECTED:
			answer_select(a, s, true);
			break;
		case TAG_CHOICE_NA:
			if (strlen(s) < n)
				answer_set_choice_na(a, s, s + strlen(s) + 1);
			break;
		case TAG_NOT_APPLICABLE:
			a->not_applicable = true;
			free(a->reason);
			a->reason = xstrdup(s);
			break;
		case TAG_NOTE:
			answer_set_note(a, s);
			break;
		case TAG_EVIDENCE:
			answer_add_evidence(a, s);
			break;
		case TAG_VERIFICATION:
			if (n == 1 && s[0] >= '0' && s[0] <= '2')
				a->verification = (enum verification)(s[0] - '0');
			break;
		}
		free(s);
		p += 5 + n;
	}
	return 0;
bad:
	answer_free(a);
	return -1;
}
