/* test_utf8.c - strict UTF-8 decoding, table-driven. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "utf8.h"

static const struct {
	const char *bytes;
	size_t len;
	size_t want_len; /* 0 = invalid */
	uint32_t want_cp;
} cases[] = {
	{ "A", 1, 1, 0x41 },
	{ "\xC3\xA0", 2, 2, 0xE0 },             /* à */
	{ "\xC4\x91", 2, 2, 0x111 },            /* đ */
	{ "\xE1\xBB\x87", 3, 3, 0x1EC7 },       /* ệ */
	{ "\xF0\x9F\x98\x80", 4, 4, 0x1F600 },  /* emoji */
	{ "\xC0\xAF", 2, 0, 0 },                /* overlong '/' */
	{ "\xE0\x80\xAF", 3, 0, 0 },            /* overlong, 3 bytes */
	{ "\xED\xA0\x80", 3, 0, 0 },            /* surrogate D800 */
	{ "\xF4\x90\x80\x80", 4, 0, 0 },        /* past U+10FFFF */
	{ "\xE1\xBB", 2, 0, 0 },                /* truncated */
	{ "\x80", 1, 0, 0 },                    /* lone continuation */
	{ "\xFF", 1, 0, 0 },
	{ "\xC3\x28", 2, 0, 0 },                /* bad continuation */
};

static void test_decode_table(void **state)
{
	(void)state;
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		uint32_t cp = 0;
		size_t n = vns_utf8_decode(cases[i].bytes, cases[i].len, &cp);
		assert_int_equal(n, cases[i].want_len);
		if (n)
			assert_int_equal(cp, cases[i].want_cp);
	}
}

static void test_valid_reports_offset_of_first_bad_byte(void **state)
{
	const char *s = "Bắc Giang\xFF tail";
	size_t bad = 0;

	(void)state;
	assert_int_equal(vns_utf8_valid(s, strlen(s), &bad), 0);
	assert_int_equal(bad, strlen("Bắc Giang"));
	assert_int_equal(vns_utf8_valid("Đồng Tháp", strlen("Đồng Tháp"), NULL),
			 1);
	assert_int_equal(vns_utf8_valid("", 0, NULL), 1);
}

/* Every scalar value encodes to the bytes that decode back to it, in the
 * shortest form (the decoder refuses overlongs). */
static void test_encode_round_trips_every_scalar_value(void **state)
{
	char u[4];
	uint32_t back;

	(void)state;
	for (uint32_t cp = 0; cp <= 0x10FFFF; cp++) {
		size_t n;
		if (cp >= 0xD800 && cp <= 0xDFFF)
			continue;
		n = vns_utf8_encode(cp, u);
		assert_int_equal(n, cp < 0x80 ? 1 : cp < 0x800 ? 2
				    : cp < 0x10000 ? 3 : 4);
		assert_int_equal(vns_utf8_decode(u, n, &back), n);
		assert_int_equal(back, cp);
	}
}

static void test_nul_byte_is_valid_utf8(void **state)
{
	(void)state;
	assert_int_equal(vns_utf8_valid("a\0b", 3, NULL), 1);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_decode_table),
		cmocka_unit_test(test_valid_reports_offset_of_first_bad_byte),
		cmocka_unit_test(test_nul_byte_is_valid_utf8),
		cmocka_unit_test(test_encode_round_trips_every_scalar_value),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
