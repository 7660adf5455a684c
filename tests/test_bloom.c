/* test_bloom.c - unit tests of the Bloom filter (lib/bloom.c). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "bloom.h"

static size_t id(char *out, size_t cap, const char *prefix, unsigned i)
{
	int n = snprintf(out, cap, "%s%u", prefix, i);

	assert_true(n > 0 && (size_t)n < cap);
	return (size_t)n;
}

/* Every string added is "maybe" - a Bloom filter never forgets. */
static void test_every_added_string_may_be_there(void **state)
{
	vns_bloom *b;
	vns_err err;
	char s[32];

	(void)state;
	assert_int_equal(vns_bloom_new(16, &b, &err), VNS_OK);
	for (unsigned i = 0; i < 5000; i++)
		vns_bloom_add(b, s, id(s, sizeof s, "Qbaomoi-", i));
	for (unsigned i = 0; i < 5000; i++)
		assert_int_equal(vns_bloom_maybe(b, s, id(s, sizeof s, "Qbaomoi-", i)), 1);
	vns_bloom_free(b);
	vns_bloom_free(NULL);
}

/* Strings never added are mostly "certainly not": with 8 bits per string
 * and 6 probes about 2% of them may say "maybe"; an empty filter says "no"
 * to everything, the empty string included. */
static void test_strings_never_added_are_mostly_rejected(void **state)
{
	vns_bloom *b;
	vns_err err;
	unsigned maybe = 0;
	char s[32];

	(void)state;
	assert_int_equal(vns_bloom_new(15, &b, &err), VNS_OK);
	assert_int_equal(vns_bloom_maybe(b, "", 0), 0);
	for (unsigned i = 0; i < 4096; i++)
		vns_bloom_add(b, s, id(s, sizeof s, "Qa-", i));
	for (unsigned i = 0; i < 10000; i++)
		maybe += (unsigned)vns_bloom_maybe(b, s, id(s, sizeof s, "Qb-", i));
	assert_in_range(maybe, 0, 500); /* 5%: well above the ~2% expected */
	vns_bloom_free(b);
}

/* Bytes count, not C strings: "a\0b" and "a" differ. */
static void test_length_is_part_of_the_string(void **state)
{
	vns_bloom *b;
	vns_err err;

	(void)state;
	assert_int_equal(vns_bloom_new(20, &b, &err), VNS_OK);
	vns_bloom_add(b, "a\0b", 3);
	assert_int_equal(vns_bloom_maybe(b, "a\0b", 3), 1);
	assert_int_equal(vns_bloom_maybe(b, "a", 1), 0);
	vns_bloom_free(b);
}

static void test_size_out_of_range_is_refused(void **state)
{
	vns_bloom *b = (vns_bloom *)&b;
	vns_err err;

	(void)state;
	assert_int_equal(vns_bloom_new(2, &b, &err), VNS_EINVAL);
	assert_null(b);
	assert_int_equal(vns_bloom_new(41, &b, &err), VNS_EINVAL);
	assert_non_null(strstr(vns_err_text(&err), "2^41"));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_every_added_string_may_be_there),
		cmocka_unit_test(test_strings_never_added_are_mostly_rejected),
		cmocka_unit_test(test_length_is_part_of_the_string),
		cmocka_unit_test(test_size_out_of_range_is_refused),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
