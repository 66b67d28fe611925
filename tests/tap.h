/* tap.h: a tiny TAP producer for the unit tests. */
#ifndef WAFR_TAP_H
#define WAFR_TAP_H

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

static int tap_n, tap_failed;

#define ok(cond, ...) tap_ok(!!(cond), __FILE__, __LINE__, __VA_ARGS__)
#define is_str(a, b, ...) tap_is_str((a), (b), __FILE__, __LINE__, __VA_ARGS__)
#define is_int(a, b, ...) tap_is_int((long)(a), (long)(b), __FILE__, __LINE__, \
	__VA_ARGS__)

static void __attribute__((format(printf, 4, 5)))
tap_ok(int cond, const char *file, int line, const char *fmt, ...)
{
	va_list ap;

	tap_n++;
	printf("%s %d - ", cond ? "ok" : "not ok", tap_n);
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	putchar('\n');
	if (!cond) {
		tap_failed++;
		printf("#   at %s:%d\n", file, line);
	}
	fflush(stdout);
}

#define tap_is_str(a, b, file, line, ...) do {				\
	const char *a_ = (a), *b_ = (b);				\
	int same_ = (a_ == NULL || b_ == NULL) ? a_ == b_ :		\
	    strcmp(a_, b_) == 0;					\
	tap_ok(same_, file, line, __VA_ARGS__);				\
	if (!same_)							\
		printf("#   got:      \"%s\"\n#   expected: \"%s\"\n",	\
		    a_ ? a_ : "(null)", b_ ? b_ : "(null)");		\
} while (0)

#define tap_is_int(a, b, file, line, ...) do {				\
	long a_ = (a), b_ = (b);					\
	tap_ok(a_ == b_, file, line, __VA_ARGS__);			\
	if (a_ != b_)							\
		printf("#   got: %ld, expected: %ld\n", a_, b_);	\
} while (0)

static int
tap_done(void)
{
	printf("1..%d\n", tap_n);
	return tap_failed > 0;
}

#endif
