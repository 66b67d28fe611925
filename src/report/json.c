/* json.c: JSON string escaping. */
#include "config.h"

#include "report/json.h"

/* The length of the valid UTF-8 sequence at s, or 0. */
static size_t
utf8_len(const char *s)
{
	unsigned char	c = (unsigned char)*s;
	size_t		len = (c & 0xe0) == 0xc0 ? 2 : (c & 0xf0) == 0xe0 ? 3 :
			    (c & 0xf8) == 0xf0 ? 4 : 0;

	return len > 0 && utf8_valid(s, len) ? len : 0;
}

void
json_string(struct buf *b, const char *s)
{
	size_t n;

	buf_addc(b, '"');
	for (; s != NULL && *s != '\0'; s++) {
		unsigned char c = (unsigned char)*s;

		switch (c) {
		case '"':
			buf_adds(b, "\\\"");
			break;
		case '\\':
			buf_adds(b, "\\\\");
			break;
		case '\n':
			buf_adds(b, "\\n");
			break;
		case '\t':
			buf_adds(b, "\\t");
			break;
		case '\r':
			buf_adds(b, "\\r");
			break;
		case 0xc2:
			/* U+0080..U+009F: C1 controls stay escaped too. */
			if ((unsigned char)s[1] >= 0x80 &&
			    (unsigned char)s[1] <= 0x9f) {
				buf_printf(b, "\\u%04x", (unsigned char)s[1]);
				s++;
				break;
			}
			/* FALLTHROUGH */
		default:
			if (c < 0x20 || c == 0x7f)
				buf_printf(b, "\\u%04x", c);
			else if (c < 0x80)
				buf_addc(b, (char)c);
			else if ((n = utf8_len(s)) == 0)
				buf_adds(b, "\\ufffd");	/* not UTF-8 */
			else {
				buf_add(b, s, n);
				s += n - 1;
			}
		}
	}
	buf_addc(b, '"');
}

void
json_tally(struct buf *b, const struct tally *t)
{
	buf_printf(b, "\"questions\": %u, \"answered\": %u, \"high\": %u, "
	    "\"medium\": %u, \"none\": %u, \"not_applicable\": %u, "
	    "\"unanswered\": %u", t->questions, t->answered, t->n[RISK_HIGH],
	    t->n[RISK_MEDIUM], t->n[RISK_NONE], t->n[RISK_NOT_APPLICABLE],
	    t->n[RISK_UNANSWERED]);
}
