/* test_typing.c - unit tests for lib/typing: Telex/VNI residue read as
 * syllables and typos corrected, against a small made-up index whose
 * term frequencies are a table. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "analyse.h"
#include "typing.h"

/* The made-up index: term -> documents. */
static const struct {
	const char *term;
	unsigned long tf;
} terms[] = {
	{ "bắc", 50 },	     { "XFbac", 60 },	    { "XFgiang", 40 },
	{ "XGbac giang", 30 }, { "XFcong", 80 },      { "XFcung", 90 },
	{ "XFkhuyen", 20 },  { "XGkhuyen cong", 15 }, { "XFbus", 30 },
	{ "bú", 10 },	     { "XFbu", 12 },	    { "XFpang", 2 },
	{ "XGong pang", 2 }, { "XFong", 70 },	    { "XFdang", 90 },
	{ "XGong dang", 5 }, { "XFchocolate", 3 },   { "XFtrang", 40 },
	{ "tràng", 5 },	     { "XFhung", 50 },	    { "XFnhung", 40 },
	{ "XGnhung yeu", 10 }, { "XFyeu", 30 },	    { "XFgame", 8 },
};

static unsigned long fake_tf(void *ctx, const char *term, size_t len)
{
	(void)ctx;
	for (size_t i = 0; i < sizeof terms / sizeof *terms; i++)
		if (strlen(terms[i].term) == len &&
		    !memcmp(terms[i].term, term, len))
			return terms[i].tf;
	return 0;
}

static void fake_allterms(void *ctx, const char *prefix,
			  int (*fn)(void *fctx, const char *term, size_t len,
				    unsigned long termfreq),
			  void *fctx)
{
	(void)ctx;
	for (size_t i = 0; i < sizeof terms / sizeof *terms; i++)
		if (!strncmp(terms[i].term, prefix, strlen(prefix)) &&
		    fn(fctx, terms[i].term, strlen(terms[i].term), terms[i].tf))
			return;
}

static const vns_typing_src src = { fake_tf, fake_allterms, NULL };

static int setup(void **state)
{
	vns_analyser *a;
	vns_err err;

	if (vns_analyser_new(&a, &err))
		return -1;
	*state = a;
	return 0;
}

static int teardown(void **state)
{
	vns_analyser_free(*state);
	return 0;
}

static int decode(vns_analyser *a, const char *typed, vns_typing_fix *f)
{
	char fold[64];
	size_t i = 0;

	for (; typed[i] && i + 1 < sizeof fold; i++)
		fold[i] = (char)(typed[i] >= 'A' && typed[i] <= 'Z'
					 ? typed[i] + 32 : typed[i]);
	fold[i] = '\0';
	return vns_typing_decode(a, &src, typed, strlen(typed), fold, 0, f);
}

static void test_telex_word_absent_from_the_index_is_decoded(void **state)
{
	vns_typing_fix f;

	assert_int_equal(decode(*state, "Bawcs", &f), 1);
	assert_int_equal(f.n, 1);
	assert_string_equal(f.alt[0].shown, "Bắc");
	assert_string_equal(f.alt[0].exact, "bắc");
	assert_string_equal(f.alt[0].fold, "bac");
	assert_true(f.typed_weight == 0);
}

static void test_word_common_in_the_index_is_not_decoded(void **state)
{
	vns_typing_fix f;

	/* "bus" spells bú, but the index has "bus" more than 1/20 as often */
	assert_int_equal(decode(*state, "bus", &f), 0);
	assert_int_equal(decode(*state, "ISO9001", &f), 0);
	assert_int_equal(decode(*state, "2024", &f), 0);
	/* capitals: an abbreviation */
	assert_int_equal(decode(*state, "BAWCS", &f), 0);
}

static void test_word_in_the_index_is_kept_when_marks_were_typed(
	void **state)
{
	vns_typing_fix f;

	/* "Pang" is in the index: with the input method on, it is a name */
	assert_int_equal(vns_typing_decode(*state, &src, "Pang", 4, "pang", 1,
					   &f), 0);
	assert_int_equal(vns_typing_decode(*state, &src, "Bawcs", 5, "bawcs",
					   1, &f), 1);
}

static void test_decoded_syllable_absent_from_the_index_is_not_read(void **state)
{
	vns_typing_fix f;

	assert_int_equal(decode(*state, "DDoongf", &f), 0);
}

static void test_typo_is_corrected_by_pair_context(void **state)
{
	vns_typing_fix f;

	(void)state;
	/* cung is more frequent, but "khuyen cong" stands together */
	assert_int_equal(vns_typing_correct(&src, "cpng", 4, "cpng", "cpng",
					    "khuyen", NULL, &f), 1);
	assert_string_equal(f.alt[0].fold, "cong");
	assert_true(f.alt[0].weight < 1);
	assert_true(f.typed_weight == 0);
}

static void test_typo_without_context_takes_the_most_frequent(void **state)
{
	vns_typing_fix f;

	(void)state;
	assert_int_equal(vns_typing_correct(&src, "cpng", 4, "cpng", "cpng",
					    NULL, NULL, &f), 1);
	assert_string_equal(f.alt[0].fold, "cung");
}

static void test_typo_keeps_the_marks_typed(void **state)
{
	vns_typing_fix f;

	(void)state;
	assert_int_equal(vns_typing_correct(&src, "Trnàg", strlen("Trnàg"),
					    "trnàg", "trnag", NULL, NULL, &f),
			 1);
	assert_string_equal(f.alt[0].fold, "trang");
	assert_string_equal(f.alt[0].exact, "tràng");
	assert_string_equal(f.alt[0].shown, "Tràng");
}

static void test_rare_word_beside_its_neighbour_is_not_corrected(void **state)
{
	vns_typing_fix f;

	(void)state;
	/* "Pang" is in 2 documents, next to "ong" */
	assert_int_equal(vns_typing_correct(&src, "Pang", 4, "pang", "pang",
					    "ong", NULL, &f), 0);
}

static void test_word_never_beside_its_neighbour_gets_a_weaker_reading(
	void **state)
{
	vns_typing_fix f;

	(void)state;
	/* "hung yeu" is nowhere, "nhung yeu" is */
	assert_int_equal(vns_typing_correct(&src, "hung", 4, "hung", "hung",
					    NULL, "yeu", &f), 1);
	assert_string_equal(f.alt[0].fold, "nhung");
	assert_true(f.typed_weight == 1);
	assert_true(f.alt[0].weight < 1);
}

static void test_short_and_frequent_words_are_not_corrected(void **state)
{
	vns_typing_fix f;

	(void)state;
	assert_int_equal(vns_typing_correct(&src, "cp", 2, "cp", "cp",
					    NULL, NULL, &f), 0);
	assert_int_equal(vns_typing_correct(&src, "ong", 3, "ong", "ong",
					    NULL, NULL, &f), 0);
	assert_int_equal(vns_typing_correct(&src, "cong", 4, "cong", "cong",
					    NULL, NULL, &f), 0);
}

static void test_three_letters_absent_from_the_index_are_corrected(
	void **state)
{
	vns_typing_fix f;

	(void)state;
	assert_int_equal(vns_typing_correct(&src, "cng", 3, "cng", "cng",
					    "khuyen", NULL, &f), 1);
	assert_string_equal(f.alt[0].fold, "cong");
}

static void test_long_word_is_corrected_by_two_edits(void **state)
{
	vns_typing_fix f;

	(void)state;
	assert_int_equal(vns_typing_correct(&src, "chococlatte", 11,
					    "chococlatte", "chococlatte", NULL,
					    NULL, &f), 1);
	assert_string_equal(f.alt[0].fold, "chocolate");
}

static void test_word_no_syllable_is_close_to_is_read_in_the_term_list(
	void **state)
{
	vns_typing_fix f;

	(void)state;
	assert_int_equal(vns_typing_correct(&src, "gqme", 4, "gqme", "gqme",
					    NULL, NULL, &f), 1);
	assert_string_equal(f.alt[0].fold, "game");
}

static void test_distance_counts_a_swap_as_one_edit(void **state)
{
	static const unsigned a[] = { 't', 'r', 'n', 'a', 'g' };
	static const unsigned b[] = { 't', 'r', 'a', 'n', 'g' };
	static const unsigned c[] = { 'x', 'y', 'z' };

	(void)state;
	assert_int_equal(vns_typing_distance(a, 5, b, 5, 2), 1);
	assert_int_equal(vns_typing_distance(a, 5, a, 5, 2), 0);
	assert_int_equal(vns_typing_distance(a, 5, c, 3, 2), 3);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_telex_word_absent_from_the_index_is_decoded),
		cmocka_unit_test(test_word_common_in_the_index_is_not_decoded),
		cmocka_unit_test(test_word_in_the_index_is_kept_when_marks_were_typed),
		cmocka_unit_test(test_decoded_syllable_absent_from_the_index_is_not_read),
		cmocka_unit_test(test_typo_is_corrected_by_pair_context),
		cmocka_unit_test(test_typo_without_context_takes_the_most_frequent),
		cmocka_unit_test(test_typo_keeps_the_marks_typed),
		cmocka_unit_test(test_rare_word_beside_its_neighbour_is_not_corrected),
		cmocka_unit_test(test_word_never_beside_its_neighbour_gets_a_weaker_reading),
		cmocka_unit_test(test_short_and_frequent_words_are_not_corrected),
		cmocka_unit_test(test_three_letters_absent_from_the_index_are_corrected),
		cmocka_unit_test(test_long_word_is_corrected_by_two_edits),
		cmocka_unit_test(test_word_no_syllable_is_close_to_is_read_in_the_term_list),
		cmocka_unit_test(test_distance_counts_a_swap_as_one_edit),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
