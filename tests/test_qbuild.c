/* test_qbuild.c - unit tests of the query builder (query/qbuild.c): each
 * query is parsed, built, and its plan checked through Xapian's own
 * description of the query tree. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "analyse.h"
#include "qbuild.h"
#include "qparse.h"
#include "synonyms.h"

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

/* Parse and build q into plan; the status of the build. */
static vns_status build(vns_analyser *a, const char *q, vns_qplan *plan,
			vns_err *err)
{
	vns_qtree tree = { 0 };
	vns_status st;

	vns_err_clear(err);
	st = vns_qparse(q, strlen(q), &tree, err);
	if (st)
		fail_msg("'%s' does not parse: %s", q, vns_err_text(err));
	st = vns_qbuild(a, &tree, plan, err);
	vns_qtree_free(&tree);
	return st;
}

/* Build q, which must succeed, and check Xapian's description of it. */
static void expect_plan(vns_analyser *a, const char *q, const char *want)
{
	vns_qplan plan;
	vns_err err;
	char *got;

	if (build(a, q, &plan, &err) != VNS_OK)
		fail_msg("'%s': %s", q, vns_err_text(&err));
	assert_non_null(plan.query);
	got = vns_xquery_describe(plan.query);
	assert_non_null(got);
	if (strcmp(got, want) != 0) {
		print_error("query '%s'\n  got  %s\n  want %s\n", q, got, want);
		free(got);
		vns_qplan_clear(&plan);
		fail();
	}
	free(got);
	vns_qplan_clear(&plan);
}

/* Build q, which must succeed, with the built-in synonyms into plan. */
static void build_with_synonyms(vns_analyser *a, const char *q,
				vns_qplan *plan)
{
	vns_qstats stats = { NULL, NULL, vns_synonyms_builtin(), NULL, NULL,
			     NULL };
	vns_qtree tree = { 0 };
	vns_err err;

	if (vns_qparse(q, strlen(q), &tree, &err) ||
	    vns_qbuild_stats(a, &tree, &stats, plan, &err))
		fail_msg("'%s': %s", q, vns_err_text(&err));
	vns_qtree_free(&tree);
}

/* Build q with the built-in synonyms; Xapian's description of it. */
static char *describe_with_synonyms(vns_analyser *a, const char *q)
{
	vns_qplan plan;
	char *got;

	build_with_synonyms(a, q, &plan);
	got = vns_xquery_describe(plan.query);
	assert_non_null(got);
	vns_qplan_clear(&plan);
	return got;
}

/* Build q, which must fail with code and a message containing what. */
static void expect_error(vns_analyser *a, const char *q, vns_status code,
			 const char *what)
{
	vns_qplan plan;
	vns_err err;

	assert_int_equal(build(a, q, &plan, &err), code);
	assert_int_equal(err.code, code);
	if (!strstr(err.msg, what))
		fail_msg("'%s': message '%s' lacks '%s'", q, err.msg, what);
	vns_qplan_clear(&plan);
	assert_null(plan.query);
}

/* The list as "a b c". */
static void join(char *const *list, size_t n, char *out, size_t size)
{
	size_t at = 0;

	out[0] = '\0';
	for (size_t i = 0; i < n && at < size; i++)
		at += (size_t)snprintf(out + at, size - at, "%s%s",
				       i ? " " : "", list[i]);
}

static void expect_highlights(vns_analyser *a, const char *q,
			      const char *exact, const char *fold)
{
	vns_qplan plan;
	vns_err err;
	char got[512];

	if (build(a, q, &plan, &err) != VNS_OK)
		fail_msg("'%s': %s", q, vns_err_text(&err));
	join(plan.hl_exact, plan.n_exact, got, sizeof got);
	assert_string_equal(got, exact);
	join(plan.hl_fold, plan.n_fold, got, sizeof got);
	assert_string_equal(got, fold);
	vns_qplan_clear(&plan);
}

/* ---- words ------------------------------------------------------------ */

static void test_unaccented_query_uses_only_folded_terms(void **state)
{
	expect_plan(*state, "bac giang",
		    "Query(((XFbac AND XFgiang) AND (2 * XGbac giang OR 0 * "
		    "<alldocuments>)))");
	expect_plan(*state, "BAC Giang",
		    "Query(((XFbac AND XFgiang) AND (2 * XGbac giang OR 0 * "
		    "<alldocuments>)))");
	expect_plan(*state, "hanoi", "Query(XFhanoi)");
}

static void test_accented_query_ors_exact_and_folded(void **state)
{
	expect_plan(*state, "Bắc Giang",
		    "Query((((bắc OR XFbac) AND (giang OR XFgiang)) AND (2 * "
		    "XGbac giang OR 0 * <alldocuments>)))");
	expect_plan(*state, "đường", "Query((đường OR XFduong))");
}

static void test_one_marked_word_marks_the_whole_query(void **state)
{
	vns_qplan plan;
	vns_err err;

	/* "giang" has no marks, but the query does: exact forms for all */
	assert_int_equal(build(*state, "bắc giang", &plan, &err), VNS_OK);
	assert_int_equal(plan.marked, 1);
	assert_int_equal(plan.browse, 0);
	vns_qplan_clear(&plan);
	assert_int_equal(build(*state, "bac giang", &plan, &err), VNS_OK);
	assert_int_equal(plan.marked, 0);
	vns_qplan_clear(&plan);
}

static void test_tone_placement_and_normal_form_do_not_matter(void **state)
{
	/* the canonical tone placement is on the second vowel: "hoà" */
	const char *want = "Query((((hoà OR XFhoa) AND (bình OR XFbinh)) AND (2 * "
		    "XGhoa binh OR 0 * <alldocuments>)))";

	expect_plan(*state, "hòa bình", want);
	expect_plan(*state, "hoà bình", want);
	/* NFD: o + U+0300, i + U+0300 */
	expect_plan(*state, "ho\xcc\x80" "a bi\xcc\x80" "nh", want);
}

static void test_three_content_words_are_all_required(void **state)
{
	expect_plan(*state, "giá vàng tăng",
		    "Query((((giá OR XFgia) AND (vàng OR XFvang) AND (tăng OR "
		    "XFtang)) AND (2 * (XGgia vang OR XGvang tang) OR 0 * "
		    "<alldocuments>)))");
}

static void test_long_query_ranks_by_any_word(void **state)
{
	expect_plan(*state, "gia vang tang manh",
		    "Query((XFgia OR XFvang OR XFtang OR XFmanh OR "
		    "XGgia vang OR XGvang tang OR XGtang manh))");
}

static void test_stopwords_are_dropped_but_pair_up(void **state)
{
	/* "của" is a stopword: not a required word, still in the pairs */
	expect_plan(*state, "tin của bắc giang",
		    "Query((((tin OR XFtin) AND (bắc OR XFbac) AND (giang OR "
		    "XFgiang)) AND (2 * (XGtin cua OR XGcua bac OR XGbac "
		    "giang) OR 0 * <alldocuments>)))");
}

static void test_stopwords_do_not_count_towards_the_and_limit(void **state)
{
	/* four words, three of them content words: still AND */
	vns_qplan plan;
	vns_err err;
	char *d;

	assert_int_equal(build(*state, "tin của bắc giang", &plan, &err),
			 VNS_OK);
	d = vns_xquery_describe(plan.query);
	assert_non_null(d);
	/* the words all required, then the pairs' boost */
	assert_non_null(strstr(d, "(giang OR XFgiang)) AND (2 * "));
	free(d);
	vns_qplan_clear(&plan);
}

static void test_all_stopword_query_keeps_its_words(void **state)
{
	expect_plan(*state, "của và là",
		    "Query((((của OR XFcua) AND (và OR XFva) AND (là OR XFla)) "
		    "AND (2 * (XGcua va OR XGva la) OR 0 * <alldocuments>)))");
}

static void test_punctuation_breaks_pairs(void **state)
{
	expect_plan(*state, "bac, giang",
		    "Query((XFbac AND XFgiang))");
}

/* ---- phrases, exclusion, OR ------------------------------------------- */

static void test_phrase_is_phrase_over_folded_terms(void **state)
{
	expect_plan(*state, "\"bac giang\"",
		    "Query((XFbac PHRASE 2 XFgiang))");
}

static void test_marked_phrase_is_boosted_by_exact_words(void **state)
{
	expect_plan(*state, "\"Bắc Giang\"",
		    "Query(((XFbac PHRASE 2 XFgiang) AND ((bắc AND giang) OR 0 "
		    "* <alldocuments>)))");
}

static void test_one_word_phrase_is_the_word(void **state)
{
	expect_plan(*state, "\"của\"", "Query((của OR XFcua))");
}

static void test_minus_word_is_and_not(void **state)
{
	expect_plan(*state, "covid -tiêm",
		    "Query(((covid OR XFcovid) AND_NOT (tiêm OR XFtiem)))");
	expect_plan(*state, "covid -\"tiem chung\"",
		    "Query((XFcovid AND_NOT (XFtiem PHRASE 2 XFchung)))");
}

static void test_only_excluded_words_browse_the_rest(void **state)
{
	vns_qplan plan;
	vns_err err;

	expect_plan(*state, "-covid",
		    "Query((<alldocuments> AND_NOT XFcovid))");
	assert_int_equal(build(*state, "-covid", &plan, &err), VNS_OK);
	assert_int_equal(plan.browse, 1);
	assert_int_equal(plan.n_exact, 0);
	vns_qplan_clear(&plan);
}

static void test_or_joins_alternatives(void **state)
{
	expect_plan(*state, "a OR b", "Query((XFa OR XFb))");
	expect_plan(*state, "lu OR bao mien trung",
		    "Query((XFlu OR ((XFbao AND XFmien AND XFtrung) AND (2 * "
		    "(XGbao mien OR XGmien trung) OR 0 * <alldocuments>))))");
}

static void test_or_takes_the_whole_word_run_before_it(void **state)
{
	expect_plan(*state, "gia vang OR bac",
		    "Query((((XFgia AND XFvang) AND (2 * XGgia vang OR 0 * "
		    "<alldocuments>)) OR XFbac))");
	expect_plan(*state, "hanoi a OR b",
		    "Query((((XFhanoi AND XFa) AND (2 * XGhanoi a OR 0 * "
		    "<alldocuments>)) OR XFb))");
}

static void test_or_group_is_anded_with_other_items(void **state)
{
	expect_plan(*state, "\"bac giang\" lu OR bao",
		    "Query(((XFbac PHRASE 2 XFgiang) AND (XFlu OR XFbao)))");
	expect_plan(*state, "lu OR bao year:2020",
		    "Query(((XFlu OR XFbao) AND 0 * Y2020))");
}

/* ---- filters ---------------------------------------------------------- */

static void test_year_filter_is_a_weightless_year_term(void **state)
{
	vns_qplan plan;
	vns_err err;

	expect_plan(*state, "year:2021", "Query(0 * Y2021)");
	expect_plan(*state, "nam:2021", "Query(0 * Y2021)");
	expect_plan(*state, "bac year:2021",
		    "Query((XFbac AND 0 * Y2021))");
	assert_int_equal(build(*state, "year:2021", &plan, &err), VNS_OK);
	assert_int_equal(plan.browse, 1);
	vns_qplan_clear(&plan);
}

static void test_bad_year_is_an_error(void **state)
{
	expect_error(*state, "year:21", VNS_EQUERY, "year:21");
	expect_error(*state, "year:abcd", VNS_EQUERY, "four digits");
}

/* The date slot holds "YYYYMMDDhhmmss" (schema.h): bounds cover whole days. */
static void test_date_range_pads_to_whole_months(void **state)
{
	expect_plan(*state, "date:2021-01..2021-06",
		    "Query(VALUE_RANGE 0 20210101000000 20210630235959)");
	expect_plan(*state, "date:2020-02..2020-02",
		    "Query(VALUE_RANGE 0 20200201000000 20200229235959)");
	expect_plan(*state, "date:2021..2022",
		    "Query(VALUE_RANGE 0 20210101000000 20221231235959)");
	expect_plan(*state, "date:2021-03-05",
		    "Query(VALUE_RANGE 0 20210305000000 20210305235959)");
}

static void test_date_range_may_be_open_at_either_end(void **state)
{
	expect_plan(*state, "date:2021-03..",
		    "Query(VALUE_GE 0 20210301000000)");
	expect_plan(*state, "date:..2021",
		    "Query(VALUE_LE 0 20211231235959)");
}

static void test_bad_date_is_an_error_naming_it(void **state)
{
	expect_error(*state, "date:yesterday", VNS_EQUERY, "date:yesterday");
	expect_error(*state, "date:..", VNS_EQUERY, "date:..");
	expect_error(*state, "date:2021-1-5", VNS_EQUERY, "YYYY");
	expect_error(*state, "date:21..2021", VNS_EQUERY, "date:21..2021");
}

static void test_impossible_date_is_an_error(void **state)
{
	expect_error(*state, "date:2021-13", VNS_EQUERY, "date:2021-13");
	expect_error(*state, "date:2021-00", VNS_EQUERY, "date:2021-00");
	expect_error(*state, "date:2021-02-30", VNS_EQUERY, "2021-02-30");
	expect_error(*state, "date:2021-01..2021-06-31", VNS_EQUERY,
		     "2021-06-31");
}

static void test_source_filter_uses_the_slug(void **state)
{
	expect_plan(*state, "source:VnExpress", "Query(0 * XSRCvnexpress)");
	expect_plan(*state, "nguon:\"Báo Bắc Giang\"",
		    "Query(0 * XSRCbao-bac-giang)");
}

static void test_entity_filters_take_any_spelling(void **state)
{
	expect_plan(*state, "province:\"bắc giang\"",
		    "Query(0 * XPObac-giang)");
	expect_plan(*state, "tinh:tphcm", "Query(0 * XPNho-chi-minh)");
	expect_plan(*state, "sanpham:\"nuoc mam\" chuongtrinh:kcqg",
		    "Query((0 * XPRnuoc-mam AND 0 * XPGkhuyen-cong-quoc-gia))");
}

static void test_unknown_entity_is_an_error(void **state)
{
	expect_error(*state, "bac tinh:hanoii", VNS_EQUERY,
		     "unknown province 'hanoii'; did you mean: Hà Nội?");
	expect_error(*state, "product:xyzzy", VNS_EQUERY,
		     "unknown product 'xyzzy'");
}

/* ---- browse and highlights -------------------------------------------- */

static void test_empty_query_browses_everything(void **state)
{
	vns_qplan plan;
	vns_err err;

	expect_plan(*state, "", "Query(<alldocuments>)");
	expect_plan(*state, "   ", "Query(<alldocuments>)");
	assert_int_equal(build(*state, "", &plan, &err), VNS_OK);
	assert_int_equal(plan.browse, 1);
	assert_int_equal(plan.marked, 0);
	assert_int_equal(plan.n_exact + plan.n_fold, 0);
	vns_qplan_clear(&plan);
}

static void test_punctuation_only_query_browses(void **state)
{
	vns_qplan plan;
	vns_err err;

	assert_int_equal(build(*state, "?!", &plan, &err), VNS_OK);
	assert_int_equal(plan.browse, 1);
	vns_qplan_clear(&plan);
}

static void test_highlights_list_exact_and_folded_forms(void **state)
{
	expect_highlights(*state, "Bắc Giang bắc", "bắc giang", "bac giang");
	expect_highlights(*state, "hòa bình", "hoà bình", "hoa binh");
}

static void test_highlights_skip_stopwords_and_exclusions(void **state)
{
	expect_highlights(*state, "tin của bắc -giang year:2021", "tin bắc",
			  "tin bac");
}

static void test_highlights_keep_stopwords_of_a_phrase(void **state)
{
	expect_highlights(*state, "\"tin của tỉnh\"", "tin của tỉnh",
			  "tin cua tinh");
}

static void test_highlights_keep_words_of_an_all_stopword_query(void **state)
{
	expect_highlights(*state, "của và", "của và", "cua va");
}

static void test_clear_accepts_null_and_zeroes(void **state)
{
	vns_qplan plan;
	vns_err err;

	assert_int_equal(build(*state, "bắc", &plan, &err), VNS_OK);
	vns_qplan_clear(&plan);
	assert_null(plan.query);
	assert_null(plan.hl_exact);
	assert_int_equal(plan.n_fold, 0);
	vns_qplan_clear(&plan);
	vns_qplan_clear(NULL);
}

/* Facets are counted on the same documents from the folded words alone:
 * no exact forms, no readings, the same synonyms and filters. */
static void test_count_query_matches_from_folded_words(void **state)
{
	vns_qplan plan;
	char *d;

	build_with_synonyms(*state, "Bắc Giang -\"Hà Nội\" tphcm", &plan);
	d = vns_xquery_describe(plan.count_query);
	assert_non_null(d);
	if (strstr(d, "bắc") || strstr(d, "hà") || !strstr(d, "XFbac") ||
	    !strstr(d, "AND_NOT (XFha PHRASE 2 XFnoi)") || !strstr(d, "XFtphcm"))
		fail_msg("count query %s", d);
	free(d);
	vns_qplan_clear(&plan);
	assert_null(plan.count_query);
}

/* Counting leaves out what adds no document: the pairs that boost words
 * all required, and, in a long query matching any word, each pair next
 * to a word of its own. */
static void test_count_query_has_no_redundant_pairs(void **state)
{
	static const struct {
		const char *q, *want;
	} cases[] = {
		{ "giá vàng", "Query((XFgia AND XFvang))" },
		{ "thị trường chứng khoán",
		  "Query((XFthi OR XFtruong OR XFchung OR XFkhoan))" },
	};
	vns_qplan plan;
	char *d;

	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		build_with_synonyms(*state, cases[i].q, &plan);
		d = vns_xquery_describe(plan.count_query);
		assert_non_null(d);
		if (strcmp(d, cases[i].want))
			fail_msg("'%s': count query %s", cases[i].q, d);
		free(d);
		vns_qplan_clear(&plan);
	}
}

/* Typed without marks, a query first ranks the documents whose text shows
 * how its words are written: a short query (all words required) by its
 * word pairs alone, which find those words written together, keeping
 * filters and exclusions; a long one by its folded words and pairs; a
 * word alone by itself. A query with marks has no such pass. */
static void test_reading_query_ranks_a_short_query_by_its_pairs(void **state)
{
	static const struct {
		const char *q, *want;
	} cases[] = {
		{ "ha noi", "Query(XGha noi)" },
		{ "gia xang dau", "Query((XGgia xang OR XGxang dau))" },
		{ "ha noi -covid", "Query((XGha noi AND_NOT XFcovid))" },
		{ "ha noi province:\"Lâm Đồng\"",
		  "Query((XGha noi AND 0 * XPNlam-dong))" },
		{ "hue", "Query(XFhue)" },
		{ "thi truong chung khoan viet nam",
		  "Query((XFtruong OR XFchung OR XFkhoan OR XFviet OR XFnam OR "
		  "XGthi truong OR XGtruong chung OR XGchung khoan "
		  "OR XGkhoan viet OR XGviet nam))" },
	};
	vns_qplan plan;
	char *d;

	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		build_with_synonyms(*state, cases[i].q, &plan);
		assert_non_null(plan.reading_query);
		d = vns_xquery_describe(plan.reading_query);
		assert_non_null(d);
		if (strcmp(d, cases[i].want))
			fail_msg("'%s': reading query %s", cases[i].q, d);
		free(d);
		vns_qplan_clear(&plan);
		assert_null(plan.reading_query);
	}
	build_with_synonyms(*state, "Hà Nội", &plan);
	assert_null(plan.reading_query);
	vns_qplan_clear(&plan);
}

/* A synonym group adds its other members; the member typed is there once,
 * all its words required, not again as a phrase. */
static void test_synonyms_add_the_other_members_only(void **state)
{
	char *d = describe_with_synonyms(*state, "thành phố hồ chí minh");

	if (!strstr(d, "XFtphcm") || !strstr(d, "(XFtp PHRASE 2 XFhcm)"))
		fail_msg("no other members in %s", d);
	if (strstr(d, "XFthanh PHRASE"))
		fail_msg("the typed member twice in %s", d);
	free(d);
	d = describe_with_synonyms(*state, "tphcm");
	if (!strstr(d, "(XFthanh PHRASE 5 XFpho PHRASE 5 XFho PHRASE 5 XFchi "
		       "PHRASE 5 XFminh)"))
		fail_msg("the long form missing in %s", d);
	free(d);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_unaccented_query_uses_only_folded_terms),
		cmocka_unit_test(test_accented_query_ors_exact_and_folded),
		cmocka_unit_test(test_one_marked_word_marks_the_whole_query),
		cmocka_unit_test(test_tone_placement_and_normal_form_do_not_matter),
		cmocka_unit_test(test_three_content_words_are_all_required),
		cmocka_unit_test(test_long_query_ranks_by_any_word),
		cmocka_unit_test(test_stopwords_are_dropped_but_pair_up),
		cmocka_unit_test(test_stopwords_do_not_count_towards_the_and_limit),
		cmocka_unit_test(test_all_stopword_query_keeps_its_words),
		cmocka_unit_test(test_punctuation_breaks_pairs),
		cmocka_unit_test(test_phrase_is_phrase_over_folded_terms),
		cmocka_unit_test(test_marked_phrase_is_boosted_by_exact_words),
		cmocka_unit_test(test_one_word_phrase_is_the_word),
		cmocka_unit_test(test_minus_word_is_and_not),
		cmocka_unit_test(test_only_excluded_words_browse_the_rest),
		cmocka_unit_test(test_or_joins_alternatives),
		cmocka_unit_test(test_or_takes_the_whole_word_run_before_it),
		cmocka_unit_test(test_or_group_is_anded_with_other_items),
		cmocka_unit_test(test_year_filter_is_a_weightless_year_term),
		cmocka_unit_test(test_bad_year_is_an_error),
		cmocka_unit_test(test_date_range_pads_to_whole_months),
		cmocka_unit_test(test_date_range_may_be_open_at_either_end),
		cmocka_unit_test(test_bad_date_is_an_error_naming_it),
		cmocka_unit_test(test_impossible_date_is_an_error),
		cmocka_unit_test(test_source_filter_uses_the_slug),
		cmocka_unit_test(test_entity_filters_take_any_spelling),
		cmocka_unit_test(test_unknown_entity_is_an_error),
		cmocka_unit_test(test_empty_query_browses_everything),
		cmocka_unit_test(test_punctuation_only_query_browses),
		cmocka_unit_test(test_highlights_list_exact_and_folded_forms),
		cmocka_unit_test(test_highlights_skip_stopwords_and_exclusions),
		cmocka_unit_test(test_highlights_keep_stopwords_of_a_phrase),
		cmocka_unit_test(test_highlights_keep_words_of_an_all_stopword_query),
		cmocka_unit_test(test_synonyms_add_the_other_members_only),
		cmocka_unit_test(test_count_query_matches_from_folded_words),
		cmocka_unit_test(test_count_query_has_no_redundant_pairs),
		cmocka_unit_test(test_reading_query_ranks_a_short_query_by_its_pairs),
		cmocka_unit_test(test_clear_accepts_null_and_zeroes),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
