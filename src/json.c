/* json.c: JSON string escaping. */
#include "config.h"

#include "json.h"

void
json_string(struct buf *b, const char *s)
{
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
			} else
				buf_addc(b, (char)c);
			break;
		default:
			if (c < 0x20 || c == 0x7f)
				buf_printf(b, "\\u%04x", c);
			else
				buf_addc(b, (char)c);
		}
	}
	buf_addc(b, '"');
}
