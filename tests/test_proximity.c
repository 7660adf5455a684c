/* test_proximity.c - unit tests for lib/proximity: the share of a query's
 * words that a document holds within a window of consecutive positions.
 * Word i of a test "text" is at position i; a word "a".."z" is filler. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "proximity.h"

#define EPS 1e-12
#define MAX_POS 64

/* The proximity of the space-separated words of text to words[]. */
static double prox(const char *text, const char *const *words, size_t n,
		   unsigned window)
{
	static unsigned pos[VNS_PROXIMITY_MAX_WORDS + 8][MAX_POS];
	vns_poslist lists[VNS_PROXIMITY_MAX_WORDS + 8];
	char copy[512], *w, *save = NULL;
	unsigned at = 0;

	assert_true(n <= VNS_PROXIMITY_MAX_WORDS + 8);
	for (size_t i = 0; i < n; i++)
		lists[i] = (vns_poslist){ pos[i], 0 };
	snprintf(copy, sizeof copy, "%s", text);
	for (w = strtok_r(copy, " ", &save); w;
	     w = strtok_r(NULL, " ", &save), at++)
		for (size_t i = 0; i < n; i++)
			if (!strcmp(w, words[i]) && lists[i].n < MAX_POS)
				pos[i][lists[i].n++] = at;
	return vns_proximity(lists, n, window);
}

static const char *const three[] = { "nong", "dan", "lua" };

static void test_adjacent_words_give_one(void **state)
{
	(void)state;
	assert_float_equal(prox("nong dan thu hoach lua", three, 3, 20), 1.0,
			   EPS);
	assert_float_equal(prox("lua nong dan", three, 3, 3), 1.0, EPS);
}

static void test_words_farther_than_window_give_one_over_n(void **state)
{
	static const char text[] = "nong a b c dan d e f lua";

	(void)state;
	/* nong at 0, dan at 4, lua at 8: no window of 4 holds two */
	assert_float_equal(prox(text, three, 3, 4), 1.0 / 3, EPS);
	/* a window of 5 holds nong..dan and dan..lua, never all three */
	assert_float_equal(prox(text, three, 3, 5), 2.0 / 3, EPS);
	assert_float_equal(prox(text, three, 3, 9), 1.0, EPS);
}

static void test_window_edge_is_inclusive_of_its_words(void **state)
{
	static const char *const two[] = { "mua", "lon" };

	(void)state;
	/* mua at 0, lon at 3: 4 positions from first to last */
	assert_float_equal(prox("mua rat la lon", two, 2, 4), 1.0, EPS);
	assert_float_equal(prox("mua rat la lon", two, 2, 3), 0.5, EPS);
}

static void test_window_zero_counts_one_word(void **state)
{
	static const char *const two[] = { "mua", "lon" };

	(void)state;
	assert_float_equal(prox("mua lon", two, 2, 0), 0.5, EPS);
	assert_float_equal(prox("mua lon", two, 2, 1), 0.5, EPS);
}

static void test_repeated_word_counts_once(void **state)
{
	static const char *const two[] = { "mua", "lon" };

	(void)state;
	assert_float_equal(prox("mua mua mua mua", two, 2, 20), 0.5, EPS);
	/* repeats inside the window do not crowd out the other word */
	assert_float_equal(prox("mua mua mua lon", two, 2, 4), 1.0, EPS);
}

static void test_best_window_anywhere_in_document(void **state)
{
	(void)state;
	/* scattered at the start, together at the end */
	assert_float_equal(prox("nong a b c d e f g h i dan j k l m n o p q "
				"lua nong dan gat lua",
				three, 3, 5),
			   1.0, EPS);
}

/* The index puts VNS_FIELD_GAP positions between title and body. */
static void test_words_in_two_fields_are_not_near(void **state)
{
	static const unsigned title[] = { 0, 1 }, body[] = { 102, 103 };
	vns_poslist lists[] = { { title, 2 }, { body, 2 } };

	(void)state;
	assert_float_equal(vns_proximity(lists, 2, 20), 0.5, EPS);
	assert_float_equal(vns_proximity(lists, 2, 110), 1.0, EPS);
}

static void test_a_word_given_twice_is_safe(void **state)
{
	static unsigned many[VNS_PROXIMITY_MAX_WINDOW + 10];
	vns_poslist lists[2];

	(void)state;
	for (unsigned i = 0; i < VNS_PROXIMITY_MAX_WINDOW + 10; i++)
		many[i] = i;
	lists[0] = lists[1] = (vns_poslist){ many, VNS_PROXIMITY_MAX_WINDOW + 10 };
	assert_float_equal(vns_proximity(lists, 2, 1000), 1.0, EPS);
}

static void test_no_words_or_no_positions_give_zero(void **state)
{
	(void)state;
	assert_float_equal(vns_proximity(NULL, 0, 20), 0, EPS);
	assert_float_equal(prox("", three, 3, 20), 0, EPS);
	assert_float_equal(prox("troi hom nay dep", three, 3, 20), 0, EPS);
}

static void test_more_than_max_words_are_capped(void **state)
{
	char names[VNS_PROXIMITY_MAX_WORDS + 8][8];
	const char *words[VNS_PROXIMITY_MAX_WORDS + 8];
	const size_t n = VNS_PROXIMITY_MAX_WORDS + 8;

	(void)state;
	for (size_t i = 0; i < n; i++) {
		snprintf(names[i], sizeof names[i], "w%zu", i);
		words[i] = names[i];
	}
	/* the first word is one of the first VNS_PROXIMITY_MAX_WORDS */
	assert_float_equal(prox("w0", words, n, 20),
			   1.0 / VNS_PROXIMITY_MAX_WORDS, EPS);
	/* a word past the cap is not counted */
	assert_float_equal(prox("w70", words, n, 20), 0, EPS);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_adjacent_words_give_one),
		cmocka_unit_test(test_words_farther_than_window_give_one_over_n),
		cmocka_unit_test(test_window_edge_is_inclusive_of_its_words),
		cmocka_unit_test(test_window_zero_counts_one_word),
		cmocka_unit_test(test_repeated_word_counts_once),
		cmocka_unit_test(test_best_window_anywhere_in_document),
		cmocka_unit_test(test_words_in_two_fields_are_not_near),
		cmocka_unit_test(test_a_word_given_twice_is_safe),
		cmocka_unit_test(test_no_words_or_no_positions_give_zero),
		cmocka_unit_test(test_more_than_max_words_are_capped),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
