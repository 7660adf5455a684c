/* test_restore.c - unit tests for lib/restore: the accented readings of a
 * syllable typed without diacritics, from the compiled syllable table. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "restore.h"

#define CAP 1024

/* Readings of the NUL-terminated fold s into buf/out; returns how many. */
static size_t readings(const char *s, char *buf, size_t cap,
		       const char *out[VNS_RESTORE_MAX])
{
	return vns_restore_readings(s, strlen(s), buf, cap, out);
}

/* 1 if want is among out[0..n). */
static int has(const char *const *out, size_t n, const char *want)
{
	for (size_t i = 0; i < n; i++)
		if (strcmp(out[i], want) == 0)
			return 1;
	return 0;
}

static void test_dong_reads_dong_with_grave_first(void **state)
{
	char buf[CAP];
	const char *out[VNS_RESTORE_MAX];
	size_t n;

	(void)state;
	n = readings("dong", buf, sizeof buf, out);
	assert_true(n >= 4);
	assert_string_equal(out[0], "đồng");
	assert_true(has(out, n, "động"));
	assert_true(has(out, n, "đông"));
	assert_true(has(out, n, "dòng"));
}

static void test_thap_includes_tower_and_low(void **state)
{
	char buf[CAP];
	const char *out[VNS_RESTORE_MAX];
	size_t n;

	(void)state;
	n = readings("thap", buf, sizeof buf, out);
	assert_true(n >= 2);
	assert_true(has(out, n, "tháp"));
	assert_true(has(out, n, "thấp"));
}

static void test_single_letter_a_has_readings(void **state)
{
	char buf[CAP];
	const char *out[VNS_RESTORE_MAX];
	size_t n;

	(void)state;
	n = readings("a", buf, sizeof buf, out);
	assert_true(n >= 2);
	assert_true(has(out, n, "á"));
	assert_true(has(out, n, "à"));
}

static void test_readings_are_distinct_words_in_buf(void **state)
{
	char buf[CAP];
	const char *out[VNS_RESTORE_MAX];
	size_t n;

	(void)state;
	n = readings("thap", buf, sizeof buf, out);
	for (size_t i = 0; i < n; i++) {
		/* every reading starts "th", has no space, lies in buf */
		assert_memory_equal(out[i], "th", 2);
		assert_null(strchr(out[i], ' '));
		assert_true(out[i] >= buf && out[i] < buf + sizeof buf);
		for (size_t j = 0; j < i; j++)
			assert_string_not_equal(out[i], out[j]);
	}
}

static void test_unknown_syllable_gives_none(void **state)
{
	char buf[CAP];
	const char *out[VNS_RESTORE_MAX];

	(void)state;
	assert_int_equal(readings("zzqx", buf, sizeof buf, out), 0);
	assert_int_equal(readings("", buf, sizeof buf, out), 0);
	/* an accented word is not a fold */
	assert_int_equal(readings("đồng", buf, sizeof buf, out), 0);
}

static void test_word_without_marked_readings_gives_none(void **state)
{
	char buf[CAP];
	const char *out[VNS_RESTORE_MAX];

	(void)state;
	/* common in the news, never written with marks */
	assert_int_equal(readings("covid", buf, sizeof buf, out), 0);
}

static void test_buffer_too_small_gives_none(void **state)
{
	const char *all = NULL;
	char buf[CAP], small[CAP];
	const char *out[VNS_RESTORE_MAX];
	size_t n, need = 0;

	(void)state;
	n = readings("thap", buf, sizeof buf, out);
	assert_true(n > 0);
	/* the readings as stored: space-separated, NUL-terminated */
	all = out[0];
	need = (size_t)(out[n - 1] - all) + strlen(out[n - 1]) + 1;
	assert_int_equal(readings("thap", small, need - 1, out), 0);
	assert_int_equal(readings("thap", small, 0, out), 0);
	assert_int_equal(readings("thap", small, need, out), n);
	assert_string_equal(out[0], buf);
}

static void test_at_most_max_readings(void **state)
{
	char buf[CAP];
	const char *out[VNS_RESTORE_MAX + 1];
	size_t n;

	(void)state;
	/* "dam" has more readings in the table than VNS_RESTORE_MAX */
	out[VNS_RESTORE_MAX] = NULL;
	n = readings("dam", buf, sizeof buf, out);
	assert_int_equal(n, VNS_RESTORE_MAX);
	assert_null(out[VNS_RESTORE_MAX]);
	assert_string_equal(out[0], "đảm");
	/* the last one kept is a whole reading, cut off at its end */
	assert_null(strchr(out[n - 1], ' '));
	assert_true(strlen(out[n - 1]) > 0);
}

static void test_prefix_of_known_fold_is_its_own_entry(void **state)
{
	char buf[CAP], buf2[CAP];
	const char *out[VNS_RESTORE_MAX], *out2[VNS_RESTORE_MAX];
	size_t n, n2;

	(void)state;
	n = readings("don", buf, sizeof buf, out);
	n2 = readings("dong", buf2, sizeof buf2, out2);
	assert_true(n > 0 && n2 > 0);
	assert_string_equal(out[0], "đơn");
	assert_false(has(out, n, "đồng"));
	assert_false(has(out2, n2, "đơn"));
	/* a longer fold that only starts like a known one is unknown */
	assert_int_equal(readings("dongx", buf, sizeof buf, out), 0);
}

static void test_fold_length_not_terminator_ends_the_key(void **state)
{
	char buf[CAP];
	const char *out[VNS_RESTORE_MAX];

	(void)state;
	/* "dong" out of a longer string: 3 bytes read "don" */
	assert_true(vns_restore_readings("dong thap", 3, buf, sizeof buf,
					 out) > 0);
	assert_string_equal(out[0], "đơn");
	assert_true(vns_restore_readings("dong thap", 4, buf, sizeof buf,
					 out) > 0);
	assert_string_equal(out[0], "đồng");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_dong_reads_dong_with_grave_first),
		cmocka_unit_test(test_thap_includes_tower_and_low),
		cmocka_unit_test(test_single_letter_a_has_readings),
		cmocka_unit_test(test_readings_are_distinct_words_in_buf),
		cmocka_unit_test(test_unknown_syllable_gives_none),
		cmocka_unit_test(test_word_without_marked_readings_gives_none),
		cmocka_unit_test(test_buffer_too_small_gives_none),
		cmocka_unit_test(test_at_most_max_readings),
		cmocka_unit_test(test_prefix_of_known_fold_is_its_own_entry),
		cmocka_unit_test(test_fold_length_not_terminator_ends_the_key),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
