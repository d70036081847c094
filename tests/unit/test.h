/* test.h — the unit tests' tiny harness.
 *
 * Each tests/unit/test_NAME.c is one program built against the module it
 * tests. CHECK prints one line per check, "ok file:line: expr" or
 * "FAIL file:line: expr", which tests/run.sh counts; the program's exit
 * status is the number of failures (capped at 1). */
#ifndef FOLIO_TEST_H
#define FOLIO_TEST_H
#include <stdio.h>
#include <string.h>

static int test_failures;

#define CHECK(expr) test_check_((expr) != 0, __FILE__, __LINE__, #expr)
#define CHECK_STR(a, b) test_check_str_((a), (b), __FILE__, __LINE__, #a " == " #b)
#define CHECK_NEAR(a, b, eps)                                                 \
	test_check_((((a) - (b)) < (eps)) && (((b) - (a)) < (eps)), __FILE__,   \
	            __LINE__, #a " ~= " #b)

static inline int test_check_(int ok, const char *file, int line,
                              const char *what)
{
	printf("%s %s:%d: %s\n", ok ? "ok" : "FAIL", file, line, what);
	if (!ok)
		test_failures++;
	return ok;
}

static inline int test_check_str_(const char *a, const char *b,
                                  const char *file, int line,
                                  const char *what)
{
	int ok = a && b && strcmp(a, b) == 0;
	if (!ok)
		printf("  got \"%s\", want \"%s\"\n", a ? a : "(null)",
		       b ? b : "(null)");
	return test_check_(ok, file, line, what);
}

#define TEST_END() return test_failures ? 1 : 0
#endif
