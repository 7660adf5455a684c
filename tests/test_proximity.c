/* test_proximity.c - unit tests for lib/proximity: the share of a query's
 * folded words that a text holds within a window of consecutive words. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "analyse.h"
#include "proximity.h"

#define EPS 1e-12

static int setup(void **state)
{
	vns_analyser *a = NULL;
	vns_err err;

	if (vns_analyser_new(&a, &err) != VNS_OK)
		return -1;
	*state = a;
	return 0;
}

static int teardown(void **state)
{
	vns_analyser_free(*state);
	return 0;
}

/* The proximity of the NUL-terminated text, which must succeed. */
static double prox(vns_analyser *a, const char *text, char *const *folds,
		   size_t n, unsigned window)
{
	double out = -1;
	vns_err err;

	vns_err_clear(&err);
	if (vns_proximity(a, text, strlen(text), folds, n, window, &out, &err))
		fail_msg("'%s': %s", text, vns_err_text(&err));
	return out;
}

static char *const three[] = { "nong", "dan", "lua" };

static void test_adjacent_words_give_one(void **state)
{
	assert_float_equal(prox(*state, "Nông dân thu hoạch lúa.", three, 3,
				20), 1.0, EPS);
	assert_float_equal(prox(*state, "lúa nông dân", three, 3, 3), 1.0,
			   EPS);
}

static void test_words_farther_than_window_give_one_over_n(void **state)
{
	/* nong at 0, dan at 4, lua at 8: no window of 4 holds two */
	assert_float_equal(prox(*state, "nông a b c dân d e f lúa", three, 3,
				4), 1.0 / 3, EPS);
	/* a window of 5 holds nong..dan and dan..lua, never all three */
	assert_float_equal(prox(*state, "nông a b c dân d e f lúa", three, 3,
				5), 2.0 / 3, EPS);
	assert_float_equal(prox(*state, "nông a b c dân d e f lúa", three, 3,
				9), 1.0, EPS);
}

static void test_window_edge_is_inclusive_of_its_words(void **state)
{
	char *const two[] = { "mua", "lon" };
	/* mưa at word 0, lớn at word 3: 4 words from first to last */
	const char *text = "mưa rất là lớn";

	assert_float_equal(prox(*state, text, two, 2, 4), 1.0, EPS);
	assert_float_equal(prox(*state, text, two, 2, 3), 0.5, EPS);
}

static void test_window_zero_counts_one_word(void **state)
{
	char *const two[] = { "mua", "lon" };

	assert_float_equal(prox(*state, "mưa lớn", two, 2, 0), 0.5, EPS);
	assert_float_equal(prox(*state, "mưa lớn", two, 2, 1), 0.5, EPS);
}

static void test_repeated_word_counts_once(void **state)
{
	char *const two[] = { "mua", "lon" };

	assert_float_equal(prox(*state, "mưa mưa mưa mưa", two, 2, 20), 0.5,
			   EPS);
	/* repeats inside the window do not crowd out the other word */
	assert_float_equal(prox(*state, "mưa mưa mưa lớn", two, 2, 4), 1.0,
			   EPS);
}

static void test_best_window_anywhere_in_text(void **state)
{
	/* scattered at the start, together at the end */
	assert_float_equal(prox(*state, "nông a b c d e f g h i dân j k l m "
					"n o p q lúa. Nông dân gặt lúa.",
				three, 3, 5), 1.0, EPS);
}

static void test_nfd_text_matches_folded_words(void **state)
{
	char *const two[] = { "lang", "son" };

	/* NFD "Lạng Sơn": U+0323 is CC A3, U+031B is CC 9B */
	assert_float_equal(prox(*state, "La\xcc\xa3" "ng So\xcc\x9b" "n",
				two, 2, 2), 1.0, EPS);
}

static void test_old_and_new_tone_placement_match(void **state)
{
	char *const two[] = { "hoa", "binh" };

	assert_float_equal(prox(*state, "Hòa Bình", two, 2, 2), 1.0, EPS);
	assert_float_equal(prox(*state, "Hoà Bình", two, 2, 2), 1.0, EPS);
	assert_float_equal(prox(*state, "HOÀ BÌNH", two, 2, 2), 1.0, EPS);
}

static void test_d_stroke_matches_d(void **state)
{
	char *const two[] = { "dong", "thap" };

	assert_float_equal(prox(*state, "Tỉnh Đồng Tháp", two, 2, 2), 1.0,
			   EPS);
}

static void test_no_query_words_give_zero(void **state)
{
	double out = -1;
	vns_err err;

	vns_err_clear(&err);
	assert_int_equal(vns_proximity(*state, "nông dân", 8, NULL, 0, 20,
				       &out, &err), VNS_OK);
	assert_float_equal(out, 0, EPS);
}

static void test_empty_text_gives_zero(void **state)
{
	assert_float_equal(prox(*state, "", three, 3, 20), 0, EPS);
	assert_float_equal(prox(*state, " .,; ", three, 3, 20), 0, EPS);
}

static void test_text_without_query_words_gives_zero(void **state)
{
	assert_float_equal(prox(*state, "Trời hôm nay đẹp.", three, 3, 20), 0,
			   EPS);
}

static void test_invalid_utf8_is_an_error(void **state)
{
	double out = -1;
	vns_err err;
	const char *bad = "n\xc3\xb4ng \xff d\xc3\xa2n";

	vns_err_clear(&err);
	assert_int_equal(vns_proximity(*state, bad, strlen(bad), three, 3, 20,
				       &out, &err),
			 VNS_EUTF8);
	assert_non_null(strstr(err.msg, "utf-8"));
	assert_float_equal(out, 0, EPS);
}

static void test_more_than_max_words_are_capped(void **state)
{
	char names[VNS_PROXIMITY_MAX_WORDS + 8][8];
	char *folds[VNS_PROXIMITY_MAX_WORDS + 8];
	const size_t n = VNS_PROXIMITY_MAX_WORDS + 8;

	for (size_t i = 0; i < n; i++) {
		snprintf(names[i], sizeof names[i], "w%zu", i);
		folds[i] = names[i];
	}
	/* the first word is one of the first VNS_PROXIMITY_MAX_WORDS */
	assert_float_equal(prox(*state, "w0", folds, n, 20),
			   1.0 / VNS_PROXIMITY_MAX_WORDS, EPS);
	/* a word past the cap is not counted */
	assert_float_equal(prox(*state, "w70", folds, n, 20), 0, EPS);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_adjacent_words_give_one),
		cmocka_unit_test(test_words_farther_than_window_give_one_over_n),
		cmocka_unit_test(test_window_edge_is_inclusive_of_its_words),
		cmocka_unit_test(test_window_zero_counts_one_word),
		cmocka_unit_test(test_repeated_word_counts_once),
		cmocka_unit_test(test_best_window_anywhere_in_text),
		cmocka_unit_test(test_nfd_text_matches_folded_words),
		cmocka_unit_test(test_old_and_new_tone_placement_match),
		cmocka_unit_test(test_d_stroke_matches_d),
		cmocka_unit_test(test_no_query_words_give_zero),
		cmocka_unit_test(test_empty_text_gives_zero),
		cmocka_unit_test(test_text_without_query_words_gives_zero),
		cmocka_unit_test(test_invalid_utf8_is_an_error),
		cmocka_unit_test(test_more_than_max_words_are_capped),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
