/* test_buf.c - unit tests for lib/buf: the capped growable buffer (never
 * NULL, always NUL-terminated, an append past the cap fails and changes
 * nothing, detach hands the string over). Caps are tiny here so that the
 * limit is exercised. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "buf.h"

/* The buffer holds exactly the NUL-terminated text s. */
static void assert_holds(const vns_buf *b, const char *s)
{
	assert_non_null(b->data);
	assert_int_equal(b->len, strlen(s));
	assert_memory_equal(b->data, s, b->len);
	assert_int_equal(b->data[b->len], '\0');
}

static vns_status call_vaddf(vns_buf *b, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

static vns_status call_vaddf(vns_buf *b, const char *fmt, ...)
{
	va_list ap;
	vns_status st;

	va_start(ap, fmt);
	st = vns_buf_vaddf(b, fmt, ap);
	va_end(ap);
	return st;
}

/* ---- empty buffers ------------------------------------------------------ */

static void test_new_buffer_data_is_empty_string_not_null(void **state)
{
	vns_buf b;

	(void)state;
	vns_buf_init(&b, 16);
	assert_holds(&b, "");
	assert_int_equal(b.cap, 16);
	vns_buf_free(&b);
}

static void test_zero_cap_means_default_cap(void **state)
{
	vns_buf b;

	(void)state;
	vns_buf_init(&b, 0);
	assert_int_equal(b.cap, VNS_BUF_DEFAULT_CAP);
	vns_buf_free(&b);
}

static void test_empty_appends_leave_an_empty_string(void **state)
{
	vns_buf b;

	(void)state;
	vns_buf_init(&b, 16);
	assert_int_equal(vns_buf_add(&b, "", 0), VNS_OK);
	assert_holds(&b, "");
	assert_int_equal(vns_buf_adds(&b, ""), VNS_OK);
	assert_holds(&b, "");
	assert_int_equal(vns_buf_addf(&b, "%s", ""), VNS_OK);
	assert_holds(&b, "");
	vns_buf_free(&b);
}

/* ---- appending ------------------------------------------------------------ */

static void test_add_appends_n_bytes_and_nul_terminates(void **state)
{
	vns_buf b;

	(void)state;
	vns_buf_init(&b, 64);
	/* n bytes of a longer string: the rest must not leak in */
	assert_int_equal(vns_buf_add(&b, "Hà Nội hôm nay", 9), VNS_OK);
	assert_holds(&b, "Hà Nội");
	assert_int_equal(vns_buf_adds(&b, " mưa"), VNS_OK);
	assert_int_equal(vns_buf_addc(&b, '!'), VNS_OK);
	assert_holds(&b, "Hà Nội mưa!");
	vns_buf_free(&b);
}

static void test_add_keeps_embedded_nul_bytes(void **state)
{
	vns_buf b;

	(void)state;
	vns_buf_init(&b, 64);
	assert_int_equal(vns_buf_add(&b, "a\0b", 3), VNS_OK);
	assert_int_equal(b.len, 3);
	assert_memory_equal(b.data, "a\0b", 4);
	vns_buf_free(&b);
}

static void test_many_small_appends_grow_the_buffer(void **state)
{
	vns_buf b;
	size_t i;

	(void)state;
	vns_buf_init(&b, 10000);
	for (i = 0; i < 5000; i++)
		assert_int_equal(vns_buf_addc(&b, (char)('a' + i % 26)),
				 VNS_OK);
	assert_int_equal(b.len, 5000);
	assert_true(b.alloc > b.len);
	for (i = 0; i < 5000; i++)
		assert_int_equal(b.data[i], 'a' + i % 26);
	assert_int_equal(b.data[5000], '\0');
	vns_buf_free(&b);
}

static void test_addf_formats_and_appends(void **state)
{
	vns_buf b;

	(void)state;
	vns_buf_init(&b, 64);
	assert_int_equal(vns_buf_adds(&b, "x="), VNS_OK);
	assert_int_equal(vns_buf_addf(&b, "%d, '%s', %.2f", -42, "đ", 1.5),
			 VNS_OK);
	assert_holds(&b, "x=-42, 'đ', 1.50");
	vns_buf_free(&b);
}

static void test_addf_output_longer_than_first_allocation(void **state)
{
	vns_buf b;
	char want[301];

	(void)state;
	memset(want, '0', 299);
	want[299] = '7';
	want[300] = '\0';
	vns_buf_init(&b, 1000);
	assert_int_equal(vns_buf_addf(&b, "%0300d", 7), VNS_OK);
	assert_holds(&b, want);
	vns_buf_free(&b);
}

static void test_vaddf_takes_a_va_list(void **state)
{
	vns_buf b;

	(void)state;
	vns_buf_init(&b, 64);
	assert_int_equal(call_vaddf(&b, "%s %u", "line", 17u), VNS_OK);
	assert_int_equal(call_vaddf(&b, "/%c", 'z'), VNS_OK);
	assert_holds(&b, "line 17/z");
	vns_buf_free(&b);
}

/* ---- the cap ---------------------------------------------------------------- */

static void test_add_up_to_the_cap_succeeds(void **state)
{
	vns_buf b;

	(void)state;
	vns_buf_init(&b, 8);
	assert_int_equal(vns_buf_adds(&b, "12345"), VNS_OK);
	assert_int_equal(vns_buf_adds(&b, "678"), VNS_OK);
	assert_holds(&b, "12345678");
	vns_buf_free(&b);
}

static void test_add_past_cap_fails_and_leaves_buffer_unchanged(void **state)
{
	vns_buf b;

	(void)state;
	vns_buf_init(&b, 8);
	assert_int_equal(vns_buf_adds(&b, "12345"), VNS_OK);
	assert_int_equal(vns_buf_adds(&b, "6789"), VNS_ETOOBIG);
	assert_holds(&b, "12345");
	assert_int_equal(vns_buf_add(&b, "abcd", 4), VNS_ETOOBIG);
	assert_holds(&b, "12345");
	assert_int_equal(vns_buf_adds(&b, "678"), VNS_OK);
	assert_int_equal(vns_buf_addc(&b, 'x'), VNS_ETOOBIG);
	assert_holds(&b, "12345678");
	vns_buf_free(&b);
}

static void test_add_past_cap_on_empty_buffer_keeps_empty_string(void **state)
{
	vns_buf b;

	(void)state;
	vns_buf_init(&b, 4);
	assert_int_equal(vns_buf_adds(&b, "hello"), VNS_ETOOBIG);
	assert_holds(&b, "");
	vns_buf_free(&b);
}

static void test_addf_past_cap_fails_and_leaves_buffer_unchanged(void **state)
{
	vns_buf b;

	(void)state;
	vns_buf_init(&b, 10);
	assert_int_equal(vns_buf_addf(&b, "%s", "abc"), VNS_OK);
	assert_int_equal(vns_buf_addf(&b, "%d", 12345678), VNS_ETOOBIG);
	assert_holds(&b, "abc");
	assert_int_equal(vns_buf_addf(&b, "%d", 1234567), VNS_OK);
	assert_holds(&b, "abc1234567");
	vns_buf_free(&b);
}

static void test_grow_rejects_sizes_that_would_overflow(void **state)
{
	vns_buf b;

	(void)state;
	vns_buf_init(&b, SIZE_MAX);
	assert_int_equal(vns_buf_adds(&b, "ab"), VNS_OK);
	assert_int_equal(vns_buf_grow(&b, SIZE_MAX), VNS_ETOOBIG);
	assert_int_equal(vns_buf_grow(&b, SIZE_MAX - 1), VNS_ETOOBIG);
	assert_holds(&b, "ab");
	vns_buf_free(&b);
}

static void test_grow_makes_room_without_changing_content(void **state)
{
	vns_buf b;

	(void)state;
	vns_buf_init(&b, 1000);
	assert_int_equal(vns_buf_adds(&b, "abc"), VNS_OK);
	assert_int_equal(vns_buf_grow(&b, 500), VNS_OK);
	assert_true(b.alloc >= 3 + 500 + 1);
	assert_holds(&b, "abc");
	assert_int_equal(vns_buf_grow(&b, 998), VNS_ETOOBIG);
	vns_buf_free(&b);
}

/* ---- truncate, reset ---------------------------------------------------- */

static void test_truncate_cuts_and_nul_terminates(void **state)
{
	vns_buf b;

	(void)state;
	vns_buf_init(&b, 64);
	assert_int_equal(vns_buf_adds(&b, "Đà Nẵng"), VNS_OK);
	vns_buf_truncate(&b, 4);
	assert_holds(&b, "Đà");
	vns_buf_truncate(&b, 4);
	assert_holds(&b, "Đà");
	vns_buf_truncate(&b, 0);
	assert_holds(&b, "");
	assert_int_equal(vns_buf_adds(&b, "Huế"), VNS_OK);
	assert_holds(&b, "Huế");
	vns_buf_free(&b);
}

static void test_truncate_to_zero_on_new_buffer_is_harmless(void **state)
{
	vns_buf b;

	(void)state;
	vns_buf_init(&b, 8);
	vns_buf_truncate(&b, 0);
	vns_buf_reset(&b);
	assert_holds(&b, "");
	vns_buf_free(&b);
}

static void test_reset_empties_but_keeps_memory(void **state)
{
	vns_buf b;
	size_t alloc;
	char *data;

	(void)state;
	vns_buf_init(&b, 64);
	assert_int_equal(vns_buf_adds(&b, "some text"), VNS_OK);
	alloc = b.alloc;
	data = b.data;
	vns_buf_reset(&b);
	assert_holds(&b, "");
	assert_int_equal(b.alloc, alloc);
	assert_ptr_equal(b.data, data);
	vns_buf_free(&b);
}

/* ---- detach, free --------------------------------------------------------- */

static void test_detach_hands_over_the_string_and_empties(void **state)
{
	vns_buf b;
	size_t len = 0;
	char *s;

	(void)state;
	vns_buf_init(&b, 64);
	assert_int_equal(vns_buf_adds(&b, "Cần Thơ"), VNS_OK);
	s = vns_buf_detach(&b, &len);
	assert_non_null(s);
	assert_string_equal(s, "Cần Thơ");
	assert_int_equal(len, strlen("Cần Thơ"));
	assert_holds(&b, "");
	/* still usable, and independent of the detached string */
	assert_int_equal(vns_buf_adds(&b, "Vinh"), VNS_OK);
	assert_holds(&b, "Vinh");
	assert_string_equal(s, "Cần Thơ");
	free(s);
	vns_buf_free(&b);
}

static void test_detach_of_empty_buffer_gives_freeable_empty_string(
	void **state)
{
	vns_buf b;
	size_t len = 99;
	char *s;

	(void)state;
	vns_buf_init(&b, 64);
	s = vns_buf_detach(&b, &len);
	assert_non_null(s);
	assert_string_equal(s, "");
	assert_int_equal(len, 0);
	free(s); /* must be heap memory: ASan would catch a static */
	assert_holds(&b, "");
	vns_buf_free(&b);
}

static void test_detach_accepts_null_length(void **state)
{
	vns_buf b;
	char *s;

	(void)state;
	vns_buf_init(&b, 64);
	assert_int_equal(vns_buf_adds(&b, "abc"), VNS_OK);
	s = vns_buf_detach(&b, NULL);
	assert_string_equal(s, "abc");
	free(s);
	vns_buf_free(&b);
}

static void test_free_accepts_null(void **state)
{
	(void)state;
	vns_buf_free(NULL);
}

static void test_free_leaves_buffer_empty_and_usable(void **state)
{
	vns_buf b;

	(void)state;
	vns_buf_init(&b, 16);
	assert_int_equal(vns_buf_adds(&b, "abc"), VNS_OK);
	vns_buf_free(&b);
	assert_holds(&b, "");
	assert_int_equal(b.cap, 16);
	assert_int_equal(vns_buf_adds(&b, "xyz"), VNS_OK);
	assert_holds(&b, "xyz");
	vns_buf_free(&b);
	vns_buf_free(&b); /* twice is fine */
	assert_holds(&b, "");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_new_buffer_data_is_empty_string_not_null),
		cmocka_unit_test(test_zero_cap_means_default_cap),
		cmocka_unit_test(test_empty_appends_leave_an_empty_string),
		cmocka_unit_test(test_add_appends_n_bytes_and_nul_terminates),
		cmocka_unit_test(test_add_keeps_embedded_nul_bytes),
		cmocka_unit_test(test_many_small_appends_grow_the_buffer),
		cmocka_unit_test(test_addf_formats_and_appends),
		cmocka_unit_test(test_addf_output_longer_than_first_allocation),
		cmocka_unit_test(test_vaddf_takes_a_va_list),
		cmocka_unit_test(test_add_up_to_the_cap_succeeds),
		cmocka_unit_test(
			test_add_past_cap_fails_and_leaves_buffer_unchanged),
		cmocka_unit_test(
			test_add_past_cap_on_empty_buffer_keeps_empty_string),
		cmocka_unit_test(
			test_addf_past_cap_fails_and_leaves_buffer_unchanged),
		cmocka_unit_test(test_grow_rejects_sizes_that_would_overflow),
		cmocka_unit_test(test_grow_makes_room_without_changing_content),
		cmocka_unit_test(test_truncate_cuts_and_nul_terminates),
		cmocka_unit_test(test_truncate_to_zero_on_new_buffer_is_harmless),
		cmocka_unit_test(test_reset_empties_but_keeps_memory),
		cmocka_unit_test(test_detach_hands_over_the_string_and_empties),
		cmocka_unit_test(
			test_detach_of_empty_buffer_gives_freeable_empty_string),
		cmocka_unit_test(test_detach_accepts_null_length),
		cmocka_unit_test(test_free_accepts_null),
		cmocka_unit_test(test_free_leaves_buffer_empty_and_usable),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
