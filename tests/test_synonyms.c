/* test_synonyms.c - unit tests for lib/synonyms: the compiled-in groups of
 * corpus/synonyms.txt, held as folded words analysed at build time. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "synonyms.h"

#define N(w) (sizeof (w) / sizeof *(w))

/* The group the words w[0..n) start with; fails unless want words match. */
static size_t group_of(char *const *w, size_t n, size_t want)
{
	size_t g = (size_t)-1;

	assert_int_equal(vns_synonyms_match(vns_synonyms_builtin(), w, n, &g),
			 want);
	return g;
}

static void test_abbreviation_and_spelled_out_form_share_a_group(void **state)
{
	char *abbr[] = { "tphcm" };
	char *full[] = { "thanh", "pho", "ho", "chi", "minh" };

	(void)state;
	assert_int_equal(group_of(abbr, N(abbr), 1),
			 group_of(full, N(full), 5));
}

static void test_longest_member_wins(void **state)
{
	char *w[] = { "tp", "ho", "chi", "minh", "moi" };
	char *short_form[] = { "tp", "hcm" };

	(void)state;
	assert_int_equal(group_of(w, N(w), 4),
			 group_of(short_form, N(short_form), 2));
}

static void test_members_are_folded_words(void **state)
{
	char *abbr[] = { "ubnd" };
	const vns_synonyms *s = vns_synonyms_builtin();
	size_t g, n, found = 0;
	char *const *words;

	(void)state;
	g = group_of(abbr, N(abbr), 1);
	assert_int_equal(vns_synonyms_count(s, g), 2);
	for (size_t k = 0; k < 2; k++) {
		n = vns_synonyms_member(s, g, k, &words);
		if (n == 4 && !strcmp(words[0], "uy") &&
		    !strcmp(words[3], "dan"))
			found++;
	}
	assert_int_equal(found, 1);
}

static void test_plain_words_match_nothing(void **state)
{
	char *w[] = { "che", "ngon" };
	size_t g = 7;

	(void)state;
	assert_int_equal(vns_synonyms_match(vns_synonyms_builtin(), w, N(w), &g),
			 0);
	assert_int_equal(g, 7);
}

static void test_a_member_longer_than_the_words_does_not_match(void **state)
{
	char *w[] = { "thanh", "pho" };

	(void)state;
	group_of(w, N(w), 0);
}

static void test_out_of_range_group_or_member_is_empty(void **state)
{
	const vns_synonyms *s = vns_synonyms_builtin();
	char *const *words = NULL;

	(void)state;
	assert_int_equal(vns_synonyms_count(s, (size_t)-1), 0);
	assert_int_equal(vns_synonyms_member(s, (size_t)-1, 0, &words), 0);
	assert_int_equal(vns_synonyms_member(s, 0, 1000, &words), 0);
	assert_null(words);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_abbreviation_and_spelled_out_form_share_a_group),
		cmocka_unit_test(test_longest_member_wins),
		cmocka_unit_test(test_members_are_folded_words),
		cmocka_unit_test(test_plain_words_match_nothing),
		cmocka_unit_test(test_a_member_longer_than_the_words_does_not_match),
		cmocka_unit_test(test_out_of_range_group_or_member_is_empty),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
