/* test_readings.c - unit tests for query/readings: which accented readings
 * of query words typed without diacritics a text uses, and how they are
 * counted (an occurrence next to another query word counts more). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "analyse.h"
#include "readings.h"

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

/* A tally for the n folds; caller frees. */
static vns_readings *tally_new(char *const *folds, size_t n)
{
	vns_readings *r = NULL;
	vns_err err;

	vns_err_clear(&err);
	if (vns_readings_new(folds, n, &r, &err))
		fail_msg("new: %s", vns_err_text(&err));
	assert_non_null(r);
	return r;
}

/* Count the NUL-terminated text, which must succeed. */
static void add(vns_analyser *a, vns_readings *r, const char *text)
{
	vns_err err;

	vns_err_clear(&err);
	if (vns_readings_add_text(r, a, text, strlen(text), &err))
		fail_msg("'%s': %s", text, vns_err_text(&err));
}

static unsigned long count(const vns_readings *r, const char *exact)
{
	return vns_readings_count(r, exact, strlen(exact));
}

static char *const dong_thap[] = { "dong", "thap" };

static void test_adjacent_name_outweighs_more_frequent_word(void **state)
{
	vns_readings *r = tally_new(dong_thap, 2);

	/* "thấp" is written twice, "Tháp" once, but next to "Đồng" */
	add(*state, r, "Tỉnh Đồng Tháp có nhà máy ở độ cao thấp, giá thấp.");
	assert_int_equal(count(r, "thấp"), 2);
	assert_int_equal(count(r, "tháp"), 3);
	assert_int_equal(count(r, "đồng"), 3);
	assert_string_equal(vns_readings_best(r, "thap"), "Tháp");
	assert_string_equal(vns_readings_best(r, "dong"), "Đồng");
	vns_readings_free(r);
}

static void test_name_repeated_in_text_reads_as_written(void **state)
{
	vns_readings *r = tally_new(dong_thap, 2);

	add(*state, r, "Tỉnh Đồng Tháp có nhà máy ở độ cao thấp. Về thăm "
		       "Đồng Tháp.");
	assert_int_equal(count(r, "tháp"), 6);
	assert_int_equal(count(r, "thấp"), 1);
	assert_string_equal(vns_readings_best(r, "thap"), "Tháp");
	assert_string_equal(vns_readings_best(r, "dong"), "Đồng");
	/* "độ" folds to "do", not a query word */
	assert_int_equal(count(r, "độ"), 0);
	vns_readings_free(r);
}

static void test_punctuation_between_words_gives_no_bonus(void **state)
{
	vns_readings *r = tally_new(dong_thap, 2);

	add(*state, r, "đồng, tháp");
	assert_int_equal(count(r, "đồng"), 1);
	assert_int_equal(count(r, "tháp"), 1);
	vns_readings_free(r);
}

static void test_same_word_twice_gives_no_bonus(void **state)
{
	vns_readings *r = tally_new(dong_thap, 2);

	add(*state, r, "đồng đồng");
	assert_int_equal(count(r, "đồng"), 2);
	vns_readings_free(r);
}

static void test_common_word_mostly_lower_case_reads_lower(void **state)
{
	char *const benh[] = { "benh" };
	vns_readings *r = tally_new(benh, 1);

	add(*state, r, "Bệnh viện tỉnh đón nhiều bệnh nhân mắc bệnh sốt.");
	assert_int_equal(count(r, "bệnh"), 3);
	assert_string_equal(vns_readings_best(r, "benh"), "bệnh");
	vns_readings_free(r);
}

static void test_lower_case_reading_is_the_canonical_exact_form(void **state)
{
	char *const hoa[] = { "hoa" };
	vns_readings *r = tally_new(hoa, 1);

	/* old tone placement in the text, canonical in the reading */
	add(*state, r, "hòa thuận, hòa giải");
	assert_int_equal(count(r, "hoà"), 2);
	assert_int_equal(count(r, "hòa"), 0);
	assert_string_equal(vns_readings_best(r, "hoa"), "hoà");
	vns_readings_free(r);
}

static void test_count_is_by_exact_form_only(void **state)
{
	vns_readings *r = tally_new(dong_thap, 2);

	add(*state, r, "Đồng Tháp");
	assert_int_equal(count(r, "tháp"), 3);
	/* capitalised or folded spellings are not exact forms */
	assert_int_equal(count(r, "Tháp"), 0);
	assert_int_equal(count(r, "thap"), 0);
	assert_int_equal(count(r, "thá"), 0);
	assert_int_equal(count(r, "thấp"), 0);
	vns_readings_free(r);
}

static void test_word_never_seen_gives_null(void **state)
{
	vns_readings *r = tally_new(dong_thap, 2);

	assert_null(vns_readings_best(r, "dong"));
	add(*state, r, "Cây đồng nội");
	assert_string_equal(vns_readings_best(r, "dong"), "đồng");
	/* a query word absent from the text, and a word not in the query */
	assert_null(vns_readings_best(r, "thap"));
	assert_null(vns_readings_best(r, "cay"));
	assert_null(vns_readings_best(r, "don"));
	assert_int_equal(count(r, "cây"), 0);
	vns_readings_free(r);
}

static void test_several_texts_add_up(void **state)
{
	vns_readings *r = tally_new(dong_thap, 2);

	add(*state, r, "Giá lúa thấp.");
	assert_string_equal(vns_readings_best(r, "thap"), "thấp");
	add(*state, r, "Tháp Chàm");
	add(*state, r, "ngọn tháp cổ");
	assert_int_equal(count(r, "thấp"), 1);
	assert_int_equal(count(r, "tháp"), 2);
	add(*state, r, "Đồng Tháp");
	assert_int_equal(count(r, "tháp"), 5);
	assert_int_equal(count(r, "thấp"), 1);
	assert_string_equal(vns_readings_best(r, "thap"), "Tháp");
	vns_readings_free(r);
}

static void test_adjacency_does_not_span_texts(void **state)
{
	vns_readings *r = tally_new(dong_thap, 2);

	add(*state, r, "Cánh đồng");
	add(*state, r, "tháp nước");
	assert_int_equal(count(r, "đồng"), 1);
	assert_int_equal(count(r, "tháp"), 1);
	vns_readings_free(r);
}

static void test_folds_are_copied(void **state)
{
	char word[] = "thap";
	char *folds[] = { word };
	vns_readings *r = tally_new(folds, 1);

	memcpy(word, "xxxx", 4);
	add(*state, r, "tháp");
	assert_string_equal(vns_readings_best(r, "thap"), "tháp");
	vns_readings_free(r);
}

static void test_invalid_utf8_is_an_error(void **state)
{
	vns_readings *r = tally_new(dong_thap, 2);
	const char *bad = "\xc3(";
	vns_err err;

	vns_err_clear(&err);
	assert_int_equal(vns_readings_add_text(r, *state, bad, strlen(bad),
					       &err), VNS_EUTF8);
	assert_null(vns_readings_best(r, "dong"));
	vns_readings_free(r);
}

static void test_empty_tally_and_free_null(void **state)
{
	vns_readings *r = tally_new(NULL, 0);

	add(*state, r, "Đồng Tháp");
	assert_null(vns_readings_best(r, "dong"));
	assert_int_equal(count(r, "đồng"), 0);
	vns_readings_free(r);
	vns_readings_free(NULL);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_adjacent_name_outweighs_more_frequent_word),
		cmocka_unit_test(test_name_repeated_in_text_reads_as_written),
		cmocka_unit_test(test_punctuation_between_words_gives_no_bonus),
		cmocka_unit_test(test_same_word_twice_gives_no_bonus),
		cmocka_unit_test(test_common_word_mostly_lower_case_reads_lower),
		cmocka_unit_test(
			test_lower_case_reading_is_the_canonical_exact_form),
		cmocka_unit_test(test_count_is_by_exact_form_only),
		cmocka_unit_test(test_word_never_seen_gives_null),
		cmocka_unit_test(test_several_texts_add_up),
		cmocka_unit_test(test_adjacency_does_not_span_texts),
		cmocka_unit_test(test_folds_are_copied),
		cmocka_unit_test(test_invalid_utf8_is_an_error),
		cmocka_unit_test(test_empty_tally_and_free_null),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
