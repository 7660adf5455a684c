/* test_qparse.c - unit tests of the query language parser (query/qparse.c). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "qparse.h"

#define W VNS_QITEM_WORDS
#define P VNS_QITEM_PHRASE
#define F VNS_QITEM_FIELD

/* Parse q, which must succeed. */
static void parse_ok(const char *q, vns_qtree *t)
{
	vns_err err;

	vns_err_clear(&err);
	if (vns_qparse(q, strlen(q), t, &err) != VNS_OK)
		fail_msg("'%s': %s", q, vns_err_text(&err));
}

/* Parse q, which must fail with code and a message containing what. */
static void parse_fails(const char *q, size_t len, vns_status code,
			const char *what)
{
	vns_qtree t = { (vns_qitem *)1, 99 };
	vns_err err;

	vns_err_clear(&err);
	assert_int_equal(vns_qparse(q, len, &t, &err), code);
	assert_int_equal(err.code, code);
	if (!strstr(err.msg, what))
		fail_msg("message '%s' lacks '%s'", err.msg, what);
	assert_null(t.items);
	assert_int_equal(t.n, 0);
}

static void expect_item(const vns_qtree *t, size_t i, vns_qitem_kind kind,
			int negated, int or_group, const char *field,
			const char *text)
{
	const vns_qitem *it;

	assert_true(i < t->n);
	it = &t->items[i];
	assert_int_equal(it->kind, kind);
	assert_int_equal(it->negated, negated);
	assert_int_equal(it->or_group, or_group);
	if (field)
		assert_string_equal(it->field, field);
	else
		assert_null(it->field);
	assert_string_equal(it->text, text);
}

static void test_empty_query_gives_no_items(void **state)
{
	vns_qtree t;

	(void)state;
	parse_ok("", &t);
	assert_int_equal(t.n, 0);
	vns_qtree_free(&t);
	parse_ok("   \t \xC2\xA0 ", &t);
	assert_int_equal(t.n, 0);
	vns_qtree_free(&t);
	assert_int_equal(vns_qparse(NULL, 0, &t, NULL), VNS_OK);
	assert_int_equal(t.n, 0);
	vns_qtree_free(&t);
}

static void test_plain_words_form_one_run(void **state)
{
	vns_qtree t;

	(void)state;
	parse_ok("  bac   giang\tvải thiều ", &t);
	assert_int_equal(t.n, 1);
	expect_item(&t, 0, W, 0, 0, NULL, "bac giang vải thiều");
	vns_qtree_free(&t);
}

static void test_quoted_phrase_is_one_item(void **state)
{
	vns_qtree t;

	(void)state;
	parse_ok("khuyến công \"trà  hoa vàng\" Quảng Ninh", &t);
	assert_int_equal(t.n, 3);
	expect_item(&t, 0, W, 0, 0, NULL, "khuyến công");
	expect_item(&t, 1, P, 0, 0, NULL, "trà hoa vàng");
	expect_item(&t, 2, W, 0, 0, NULL, "Quảng Ninh");
	vns_qtree_free(&t);
}

static void test_typographic_quotes_make_a_phrase(void **state)
{
	vns_qtree t;

	(void)state;
	parse_ok("\xE2\x80\x9Cgốm Bát Tràng\xE2\x80\x9D", &t);
	assert_int_equal(t.n, 1);
	expect_item(&t, 0, P, 0, 0, NULL, "gốm Bát Tràng");
	vns_qtree_free(&t);
	/* a phone may send mixed quotes: any quote closes */
	parse_ok("\"chè Tân Cương\xE2\x80\x9D x", &t);
	assert_int_equal(t.n, 2);
	expect_item(&t, 0, P, 0, 0, NULL, "chè Tân Cương");
	expect_item(&t, 1, W, 0, 0, NULL, "x");
	vns_qtree_free(&t);
}

static void test_empty_phrase_is_dropped(void **state)
{
	vns_qtree t;

	(void)state;
	parse_ok("a \"\" \"   \" -\"\"", &t);
	assert_int_equal(t.n, 1);
	expect_item(&t, 0, W, 0, 0, NULL, "a");
	vns_qtree_free(&t);
}

static void test_quote_inside_word_starts_a_phrase(void **state)
{
	vns_qtree t;

	(void)state;
	parse_ok("giá\"vàng miếng\"", &t);
	assert_int_equal(t.n, 2);
	expect_item(&t, 0, W, 0, 0, NULL, "giá");
	expect_item(&t, 1, P, 0, 0, NULL, "vàng miếng");
	vns_qtree_free(&t);
}

static void test_dash_excludes_word_phrase_and_field(void **state)
{
	vns_qtree t;

	(void)state;
	parse_ok("cà phê -covid -\"giá vàng\" -tinh:\"Lâm Đồng\"", &t);
	assert_int_equal(t.n, 4);
	expect_item(&t, 0, W, 0, 0, NULL, "cà phê");
	expect_item(&t, 1, W, 1, 0, NULL, "covid");
	expect_item(&t, 2, P, 1, 0, NULL, "giá vàng");
	expect_item(&t, 3, F, 1, 0, "tinh", "Lâm Đồng");
	vns_qtree_free(&t);
}

static void test_negated_word_splits_the_run(void **state)
{
	vns_qtree t;

	(void)state;
	parse_ok("bac -covid -sars giang", &t);
	assert_int_equal(t.n, 4);
	expect_item(&t, 0, W, 0, 0, NULL, "bac");
	expect_item(&t, 1, W, 1, 0, NULL, "covid");
	expect_item(&t, 2, W, 1, 0, NULL, "sars");
	expect_item(&t, 3, W, 0, 0, NULL, "giang");
	vns_qtree_free(&t);
}

static void test_dash_inside_word_is_text(void **state)
{
	vns_qtree t;

	(void)state;
	parse_ok("COVID-19 Bà Rịa-Vũng Tàu x-", &t);
	assert_int_equal(t.n, 1);
	expect_item(&t, 0, W, 0, 0, NULL, "COVID-19 Bà Rịa-Vũng Tàu x-");
	vns_qtree_free(&t);
}

static void test_lone_dash_is_dropped(void **state)
{
	vns_qtree t;

	(void)state;
	parse_ok("- a - b -", &t);
	assert_int_equal(t.n, 1);
	expect_item(&t, 0, W, 0, 0, NULL, "a b");
	vns_qtree_free(&t);
	parse_ok("-", &t);
	assert_int_equal(t.n, 0);
	vns_qtree_free(&t);
}

static void test_double_dash_negates_once(void **state)
{
	vns_qtree t;

	(void)state;
	parse_ok("--x", &t);
	assert_int_equal(t.n, 1);
	expect_item(&t, 0, W, 1, 0, NULL, "-x");
	vns_qtree_free(&t);
}

static void test_or_joins_neighbouring_items(void **state)
{
	vns_qtree t;

	(void)state;
	parse_ok("a b OR c d", &t);
	assert_int_equal(t.n, 2);
	expect_item(&t, 0, W, 0, 1, NULL, "a b");
	expect_item(&t, 1, W, 0, 1, NULL, "c d");
	vns_qtree_free(&t);
}

static void test_or_chains_share_one_group(void **state)
{
	vns_qtree t;

	(void)state;
	parse_ok("\"vải thiều\" OR tinh:bac OR nhãn lồng x \"y\" OR z", &t);
	assert_int_equal(t.n, 5);
	expect_item(&t, 0, P, 0, 1, NULL, "vải thiều");
	expect_item(&t, 1, F, 0, 1, "tinh", "bac");
	expect_item(&t, 2, W, 0, 1, NULL, "nhãn lồng x");
	expect_item(&t, 3, P, 0, 2, NULL, "y");
	expect_item(&t, 4, W, 0, 2, NULL, "z");
	vns_qtree_free(&t);
}

static void test_leading_and_trailing_or_are_dropped(void **state)
{
	vns_qtree t;

	(void)state;
	parse_ok("OR a OR", &t);
	assert_int_equal(t.n, 1);
	expect_item(&t, 0, W, 0, 0, NULL, "a");
	vns_qtree_free(&t);
	parse_ok("OR", &t);
	assert_int_equal(t.n, 0);
	vns_qtree_free(&t);
	parse_ok("a OR OR b", &t);
	assert_int_equal(t.n, 2);
	expect_item(&t, 0, W, 0, 1, NULL, "a");
	expect_item(&t, 1, W, 0, 1, NULL, "b");
	vns_qtree_free(&t);
}

static void test_lower_case_or_is_a_word(void **state)
{
	vns_qtree t;

	(void)state;
	parse_ok("a or Or b \"c OR d\" -OR", &t);
	assert_int_equal(t.n, 3);
	expect_item(&t, 0, W, 0, 0, NULL, "a or Or b");
	expect_item(&t, 1, P, 0, 0, NULL, "c OR d");
	expect_item(&t, 2, W, 1, 0, NULL, "OR");
	vns_qtree_free(&t);
}

static void test_field_names_match_any_case(void **state)
{
	vns_qtree t;

	(void)state;
	parse_ok("Province:hue TINH:x sanpham:y programme:OCOP "
		 "chuongtrinh:z source:a.vn nguon:b date:2024-05 year:2020 "
		 "Nam:2021 product:chè", &t);
	assert_int_equal(t.n, 11);
	expect_item(&t, 0, F, 0, 0, "province", "hue");
	expect_item(&t, 1, F, 0, 0, "tinh", "x");
	expect_item(&t, 2, F, 0, 0, "sanpham", "y");
	expect_item(&t, 3, F, 0, 0, "programme", "OCOP");
	expect_item(&t, 4, F, 0, 0, "chuongtrinh", "z");
	expect_item(&t, 5, F, 0, 0, "source", "a.vn");
	expect_item(&t, 6, F, 0, 0, "nguon", "b");
	expect_item(&t, 7, F, 0, 0, "date", "2024-05");
	expect_item(&t, 8, F, 0, 0, "year", "2020");
	expect_item(&t, 9, F, 0, 0, "nam", "2021");
	expect_item(&t, 10, F, 0, 0, "product", "chè");
	vns_qtree_free(&t);
}

static void test_field_value_may_be_quoted(void **state)
{
	vns_qtree t;

	(void)state;
	parse_ok("tinh:\"Bắc  Giang\" product:\xE2\x80\x9Cvải thiều\xE2\x80\x9D x",
		 &t);
	assert_int_equal(t.n, 3);
	expect_item(&t, 0, F, 0, 0, "tinh", "Bắc Giang");
	expect_item(&t, 1, F, 0, 0, "product", "vải thiều");
	expect_item(&t, 2, W, 0, 0, NULL, "x");
	vns_qtree_free(&t);
}

static void test_field_splits_the_run(void **state)
{
	vns_qtree t;

	(void)state;
	parse_ok("a tinh:b c", &t);
	assert_int_equal(t.n, 3);
	expect_item(&t, 0, W, 0, 0, NULL, "a");
	expect_item(&t, 1, F, 0, 0, "tinh", "b");
	expect_item(&t, 2, W, 0, 0, NULL, "c");
	vns_qtree_free(&t);
}

static void test_unknown_field_name_is_plain_text(void **state)
{
	vns_qtree t;

	(void)state;
	parse_ok("lúc 10:30 https://example.vn/a foo:bar :x tỉnh:y", &t);
	assert_int_equal(t.n, 1);
	expect_item(&t, 0, W, 0, 0, NULL,
		    "lúc 10:30 https://example.vn/a foo:bar :x tỉnh:y");
	vns_qtree_free(&t);
}

static void test_empty_field_value_is_an_error(void **state)
{
	(void)state;
	parse_fails("a province:", 11, VNS_EQUERY,
		    "empty value for field 'province' at character 3");
	parse_fails("TINH: x", 7, VNS_EQUERY, "empty value for field 'tinh'");
	parse_fails("nguon:\"  \"", 10, VNS_EQUERY,
		    "empty value for field 'nguon'");
}

static void test_unterminated_quote_names_its_place(void **state)
{
	(void)state;
	/* 'ả' and 'ề' are two bytes each: the place is in characters */
	parse_fails("vải thiều \"Lục Ngạn", strlen("vải thiều \"Lục Ngạn"),
		    VNS_EQUERY, "unterminated quote at character 11");
	parse_fails("tinh:\"Bắc", strlen("tinh:\"Bắc"), VNS_EQUERY,
		    "unterminated quote at character 6");
	parse_fails("\xE2\x80\x9C", 3, VNS_EQUERY,
		    "unterminated quote at character 1");
}

static void test_overlong_query_is_rejected(void **state)
{
	char *q = malloc(VNS_QUERY_MAX + 2);
	vns_qtree t;

	(void)state;
	assert_non_null(q);
	memset(q, 'a', VNS_QUERY_MAX + 1);
	q[VNS_QUERY_MAX + 1] = '\0';
	parse_fails(q, VNS_QUERY_MAX + 1, VNS_ETOOBIG, "2049 bytes");
	/* exactly the maximum is fine */
	assert_int_equal(vns_qparse(q, VNS_QUERY_MAX, &t, NULL), VNS_OK);
	assert_int_equal(t.n, 1);
	vns_qtree_free(&t);
	free(q);
}

static void test_invalid_utf8_is_rejected(void **state)
{
	static const struct {
		const char *q;
		size_t len;
		const char *where;
	} cases[] = {
		{ "ab\xFF", 3, "at byte 2" },          /* never valid */
		{ "\xC3", 1, "at byte 0" },            /* truncated */
		{ "x\xC3(", 3, "at byte 1" },          /* bad continuation */
		{ "\xC0\xAF", 2, "at byte 0" },        /* overlong '/' */
		{ "\xE0\x80\xAF", 3, "at byte 0" },    /* overlong */
		{ "\xED\xA0\x80", 3, "at byte 0" },    /* surrogate */
		{ "\xF4\x90\x80\x80", 4, "at byte 0" },/* past U+10FFFF */
		{ "\x80", 1, "at byte 0" },            /* lone continuation */
		{ "\"\xE2\x80", 3, "at byte 1" },      /* cut quote */
	};
	size_t i;

	(void)state;
	for (i = 0; i < sizeof cases / sizeof cases[0]; i++)
		parse_fails(cases[i].q, cases[i].len, VNS_EUTF8,
			    cases[i].where);
}

static void test_nul_byte_is_rejected(void **state)
{
	(void)state;
	parse_fails("ab\0c", 4, VNS_EQUERY, "nul byte at character 3");
}

static void test_length_not_nul_bounds_the_query(void **state)
{
	vns_qtree t;
	vns_err err;

	(void)state;
	vns_err_clear(&err);
	assert_int_equal(vns_qparse("chè tinh:x", 4, &t, &err), VNS_OK);
	assert_int_equal(t.n, 1);
	expect_item(&t, 0, W, 0, 0, NULL, "chè");
	vns_qtree_free(&t);
}

static void test_bad_arguments_are_rejected(void **state)
{
	vns_qtree t;
	vns_err err;

	(void)state;
	assert_int_equal(vns_qparse(NULL, 3, &t, &err), VNS_EINVAL);
	assert_int_equal(vns_qparse("a", 1, NULL, &err), VNS_EINVAL);
	vns_qtree_free(NULL);
}

static void test_many_items_grow_the_tree(void **state)
{
	char q[1200];
	size_t i, o = 0;
	vns_qtree t;

	(void)state;
	for (i = 0; i < 300; i++) {
		q[o++] = '-';
		q[o++] = (char)('a' + i % 26);
		q[o++] = ' ';
	}
	q[o] = '\0';
	parse_ok(q, &t);
	assert_int_equal(t.n, 300);
	expect_item(&t, 299, W, 1, 0, NULL, "n");
	vns_qtree_free(&t);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_empty_query_gives_no_items),
		cmocka_unit_test(test_plain_words_form_one_run),
		cmocka_unit_test(test_quoted_phrase_is_one_item),
		cmocka_unit_test(test_typographic_quotes_make_a_phrase),
		cmocka_unit_test(test_empty_phrase_is_dropped),
		cmocka_unit_test(test_quote_inside_word_starts_a_phrase),
		cmocka_unit_test(test_dash_excludes_word_phrase_and_field),
		cmocka_unit_test(test_negated_word_splits_the_run),
		cmocka_unit_test(test_dash_inside_word_is_text),
		cmocka_unit_test(test_lone_dash_is_dropped),
		cmocka_unit_test(test_double_dash_negates_once),
		cmocka_unit_test(test_or_joins_neighbouring_items),
		cmocka_unit_test(test_or_chains_share_one_group),
		cmocka_unit_test(test_leading_and_trailing_or_are_dropped),
		cmocka_unit_test(test_lower_case_or_is_a_word),
		cmocka_unit_test(test_field_names_match_any_case),
		cmocka_unit_test(test_field_value_may_be_quoted),
		cmocka_unit_test(test_field_splits_the_run),
		cmocka_unit_test(test_unknown_field_name_is_plain_text),
		cmocka_unit_test(test_empty_field_value_is_an_error),
		cmocka_unit_test(test_unterminated_quote_names_its_place),
		cmocka_unit_test(test_overlong_query_is_rejected),
		cmocka_unit_test(test_invalid_utf8_is_rejected),
		cmocka_unit_test(test_nul_byte_is_rejected),
		cmocka_unit_test(test_length_not_nul_bounds_the_query),
		cmocka_unit_test(test_bad_arguments_are_rejected),
		cmocka_unit_test(test_many_items_grow_the_tree),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
