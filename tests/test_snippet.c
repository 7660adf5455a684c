/* test_snippet.c - unit tests for lib/snippet: the passage chosen for a
 * result and the highlight spans in it. Query words are normalised with
 * the analyser (as the query side does), so the spans must land on the
 * matched words whatever the text's normalisation or tone placement. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "analyse.h"
#include "buf.h"
#include "snippet.h"

#define MAX_WORDS 8

/* Highlight words built from query words, as the query side would. */
typedef struct hl {
	char exact_s[MAX_WORDS][VNS_TERM_MAX + 1];
	char fold_s[MAX_WORDS][VNS_TERM_MAX + 1];
	char *exact[MAX_WORDS];
	char *fold[MAX_WORDS];
	vns_hlwords w;
} hl;

/* Fill h from a NULL-terminated list of query words. */
static void hl_words(vns_analyser *a, hl *h, const char *const *words)
{
	vns_err err;
	size_t n = 0;

	for (; words[n]; n++) {
		assert_true(n < MAX_WORDS);
		assert_int_equal(vns_analyse_word(a, words[n], strlen(words[n]),
						  h->exact_s[n],
						  sizeof h->exact_s[n],
						  h->fold_s[n],
						  sizeof h->fold_s[n], &err),
				 VNS_OK);
		h->exact[n] = h->exact_s[n];
		h->fold[n] = h->fold_s[n];
	}
	h->w.exact = h->exact;
	h->w.n_exact = n;
	h->w.fold = h->fold;
	h->w.n_fold = n;
	h->w.seq = NULL;
	h->w.seq_flags = NULL;
	h->w.n_seq = 0;
}

/* Only folded forms: every match is a folded one. */
static void hl_fold_only(vns_analyser *a, hl *h, const char *const *words)
{
	hl_words(a, h, words);
	h->w.n_exact = 0;
}

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

static void make(vns_analyser *a, const char *text, const hl *h,
		 size_t max_bytes, vns_snippet *s)
{
	vns_err err;

	vns_err_clear(&err);
	assert_int_equal(vns_snippet_make(a, text, strlen(text), &h->w,
					  max_bytes, s, &err),
			 VNS_OK);
	assert_non_null(s->text.data);
	assert_int_equal(s->text.data[s->text.len], '\0');
}

/* Span i must cover exactly the bytes of want. */
static void assert_span(const vns_snippet *s, size_t i, const char *want)
{
	size_t n = strlen(want);

	assert_true(i < s->nspans);
	assert_true(s->span[i][0] < s->span[i][1]);
	assert_true(s->span[i][1] <= s->text.len);
	assert_int_equal(s->span[i][1] - s->span[i][0], n);
	assert_memory_equal(s->text.data + s->span[i][0], want, n);
}

/* Words of filler text, separated by spaces, that match nothing below. */
static void add_filler(vns_buf *b, int words)
{
	static const char *const w[] = { "một", "hai", "ba", "bốn", "năm",
					  "sáu", "bảy", "tám", "chín", "mười" };

	for (int i = 0; i < words; i++) {
		assert_int_equal(vns_buf_adds(b, w[i % 10]), VNS_OK);
		assert_int_equal(vns_buf_addc(b, ' '), VNS_OK);
	}
}

static int starts_with(const vns_buf *b, const char *p)
{
	return b->len >= strlen(p) && memcmp(b->data, p, strlen(p)) == 0;
}

static int ends_with(const vns_buf *b, const char *p)
{
	size_t n = strlen(p);

	return b->len >= n && memcmp(b->data + b->len - n, p, n) == 0;
}

/* ---- spans ------------------------------------------------------------ */

/* h's sequence: the words of h in order, joined where flags say. */
static void hl_sequence(hl *h, const unsigned char *flags, size_t n)
{
	h->w.seq = h->fold;
	h->w.seq_flags = flags;
	h->w.n_seq = n;
}

static void test_adjacent_query_words_found_together_are_one_span(void **state)
{
	static const char *const q[] = { "khuyến", "công", "bắc", "giang",
					 NULL };
	static const unsigned char joined[] = { VNS_HL_JOINED, 0,
						VNS_HL_JOINED, 0 };
	vns_snippet s;
	hl h;

	hl_words(*state, &h, q);
	hl_sequence(&h, joined, 4);
	vns_snippet_init(&s);
	make(*state, "Khuyến công Bắc Giang: Sở Công Thương và phía Bắc", &h,
	     200, &s);
	assert_int_equal(s.nspans, 2);
	assert_span(&s, 0, "Khuyến công");
	assert_span(&s, 1, "Bắc Giang");
	vns_snippet_free(&s);
}

static void test_lone_syllables_are_kept_where_no_run_is_found(void **state)
{
	static const char *const q[] = { "bắc", "giang", NULL };
	static const unsigned char joined[] = { VNS_HL_JOINED, 0 };
	vns_snippet s;
	hl h;

	hl_words(*state, &h, q);
	hl_sequence(&h, joined, 2);
	vns_snippet_init(&s);
	make(*state, "Phía Bắc tỉnh An Giang", &h, 200, &s);
	assert_int_equal(s.nspans, 2);
	assert_span(&s, 0, "Bắc");
	assert_span(&s, 1, "Giang");
	vns_snippet_free(&s);
}

static void test_one_syllable_query_word_is_highlighted_alone(void **state)
{
	static const char *const q[] = { "bắc", "giang", "lúa", NULL };
	static const unsigned char flags[] = { VNS_HL_JOINED, 0, 0 };
	vns_snippet s;
	hl h;

	hl_words(*state, &h, q);
	hl_sequence(&h, flags, 3);
	vns_snippet_init(&s);
	make(*state, "Bắc Giang thu lúa ở An Giang", &h, 200, &s);
	assert_int_equal(s.nspans, 2);
	assert_span(&s, 0, "Bắc Giang");
	assert_span(&s, 1, "lúa");
	vns_snippet_free(&s);
}

static void test_synonym_is_highlighted_only_whole(void **state)
{
	static const char *const q[] = { "tp.hcm", "thành", "phố", "hồ",
					 "chí", "minh", NULL };
	static const unsigned char flags[] = {
		0, VNS_HL_RUN_ONLY | VNS_HL_JOINED,
		VNS_HL_RUN_ONLY | VNS_HL_JOINED,
		VNS_HL_RUN_ONLY | VNS_HL_JOINED,
		VNS_HL_RUN_ONLY | VNS_HL_JOINED, VNS_HL_RUN_ONLY
	};
	vns_snippet s;
	hl h;

	hl_words(*state, &h, q);
	/* the synonym's words are no query words of their own */
	h.w.n_fold = h.w.n_exact = 1;
	hl_sequence(&h, flags, 6);
	vns_snippet_init(&s);
	make(*state, "Thành phố Hồ Chí Minh là thành phố lớn nhất", &h, 200,
	     &s);
	assert_int_equal(s.nspans, 1);
	assert_span(&s, 0, "Thành phố Hồ Chí Minh");
	vns_snippet_free(&s);
}

static void test_spans_land_on_matched_words(void **state)
{
	static const char *const q[] = { "hà", "nội", NULL };
	vns_snippet s;
	hl h;

	hl_words(*state, &h, q);
	vns_snippet_init(&s);
	make(*state, "Hôm nay Hà Nội mưa to", &h, 200, &s);
	assert_string_equal(s.text.data, "Hôm nay Hà Nội mưa to");
	assert_int_equal(s.nspans, 2);
	assert_span(&s, 0, "Hà");
	assert_span(&s, 1, "Nội");
	vns_snippet_free(&s);
}

static void test_spans_land_on_words_of_nfd_text(void **state)
{
	/* "Hôm nay Hà Nội" decomposed: marks as combining characters */
	static const char nfd[] = "Ho\xcc\x82m nay Ha\xcc\x80 No\xcc\x82\xcc"
				  "\xa3i mu\xcc\x9b" "a";
	static const char *const words[] = { "hà", "nội", "mưa", NULL };
	vns_snippet s;
	hl h;

	hl_words(*state, &h, words);
	vns_snippet_init(&s);
	make(*state, nfd, &h, 200, &s);
	assert_string_equal(s.text.data, nfd);
	assert_int_equal(s.nspans, 3);
	assert_span(&s, 0, "Ha\xcc\x80");
	assert_span(&s, 1, "No\xcc\x82\xcc\xa3i");
	assert_span(&s, 2, "mu\xcc\x9b" "a");
	vns_snippet_free(&s);
}

static void test_spans_land_on_old_and_new_tone_placement(void **state)
{
	static const char *const q[] = { "hòa", "thủy", NULL };
	vns_snippet s;
	hl h;

	hl_words(*state, &h, q);
	vns_snippet_init(&s);
	make(*state, "Hoà bình và hòa hợp, thuỷ lợi thủy điện", &h, 200, &s);
	assert_int_equal(s.nspans, 4);
	assert_span(&s, 0, "Hoà");
	assert_span(&s, 1, "hòa");
	assert_span(&s, 2, "thuỷ");
	assert_span(&s, 3, "thủy");
	vns_snippet_free(&s);
}

static void test_folded_match_finds_words_with_any_marks(void **state)
{
	/* a query typed without marks highlights every spelling */
	static const char *const q[] = { "duong", NULL };
	vns_snippet s;
	hl h;

	hl_fold_only(*state, &h, q);
	vns_snippet_init(&s);
	make(*state, "Đường dương đương và ruộng", &h, 200, &s);
	assert_int_equal(s.nspans, 3);
	assert_span(&s, 0, "Đường");
	assert_span(&s, 1, "dương");
	assert_span(&s, 2, "đương");
	vns_snippet_free(&s);
}

static void test_word_not_matching_folded_form_is_not_a_span(void **state)
{
	static const char *const q[] = { "hà", NULL };
	vns_snippet s;
	hl h;

	hl_words(*state, &h, q);
	vns_snippet_init(&s);
	/* "hạ", "hả" fold to "ha" too; "hai", "hàng" do not */
	make(*state, "hai hàng hạ hả", &h, 200, &s);
	assert_int_equal(s.nspans, 2);
	assert_span(&s, 0, "hạ");
	assert_span(&s, 1, "hả");
	vns_snippet_free(&s);
}

static void test_span_count_is_capped(void **state)
{
	static const char *const q[] = { "mưa", NULL };
	vns_snippet s;
	vns_buf text;
	hl h;

	hl_words(*state, &h, q);
	vns_buf_init(&text, 0);
	for (int i = 0; i < VNS_SNIPPET_MAX_SPANS + 10; i++)
		assert_int_equal(vns_buf_adds(&text, "mưa "), VNS_OK);
	vns_snippet_init(&s);
	make(*state, text.data, &h, 1000, &s);
	assert_int_equal(s.nspans, VNS_SNIPPET_MAX_SPANS);
	for (size_t i = 0; i < s.nspans; i++)
		assert_span(&s, i, "mưa");
	vns_snippet_free(&s);
	vns_buf_free(&text);
}

/* ---- the passage ---------------------------------------------------------- */

static void test_no_match_gives_start_of_text(void **state)
{
	static const char *const q[] = { "bão", NULL };
	vns_snippet s;
	vns_buf text;
	hl h;

	hl_words(*state, &h, q);
	vns_buf_init(&text, 0);
	assert_int_equal(vns_buf_adds(&text, "Mở đầu "), VNS_OK);
	add_filler(&text, 200);
	vns_snippet_init(&s);
	make(*state, text.data, &h, 60, &s);
	assert_true(starts_with(&s.text, "Mở đầu một hai"));
	assert_true(ends_with(&s.text, " …"));
	assert_true(s.text.len <= 60 + strlen(" …"));
	assert_int_equal(s.nspans, 0);
	vns_snippet_free(&s);
	vns_buf_free(&text);
}

static void test_match_deep_in_long_text_gives_passage_around_it(
	void **state)
{
	static const char *const q[] = { "đà", "nẵng", NULL };
	vns_snippet s;
	vns_buf text;
	const char *p;
	hl h;

	hl_words(*state, &h, q);
	vns_buf_init(&text, 0);
	add_filler(&text, 300);
	assert_int_equal(vns_buf_adds(&text, "thành phố Đà Nẵng "), VNS_OK);
	add_filler(&text, 300);
	vns_snippet_init(&s);
	make(*state, text.data, &h, 100, &s);
	assert_true(starts_with(&s.text, "… "));
	assert_true(ends_with(&s.text, " …"));
	assert_true(s.text.len <= 100 + 2 * strlen(" …"));
	p = strstr(s.text.data, "Đà Nẵng");
	assert_non_null(p);
	/* some context before the match */
	assert_true((size_t)(p - s.text.data) > strlen("… "));
	assert_int_equal(s.nspans, 2);
	assert_span(&s, 0, "Đà");
	assert_span(&s, 1, "Nẵng");
	assert_int_equal(s.span[0][0], (size_t)(p - s.text.data));
	vns_snippet_free(&s);
	vns_buf_free(&text);
}

/* s = the 80-byte snippet, for the query words q, of a text with lead
 * filler words, then first, 100 filler words, later, 100 filler words. */
static void two_passages(vns_analyser *a, const char *const *q, int lead,
			 const char *first, const char *later, vns_snippet *s)
{
	vns_buf text;
	hl h;

	hl_words(a, &h, q);
	vns_buf_init(&text, 0);
	add_filler(&text, lead);
	assert_int_equal(vns_buf_adds(&text, first), VNS_OK);
	add_filler(&text, 100);
	assert_int_equal(vns_buf_adds(&text, later), VNS_OK);
	add_filler(&text, 100);
	vns_snippet_init(s);
	make(a, text.data, &h, 80, s);
	vns_buf_free(&text);
}

static void test_exact_match_wins_the_passage_over_folded(void **state)
{
	static const char *const q[] = { "hoà", NULL };
	vns_snippet s;

	two_passages(*state, q, 0, "bông hoa ", "hoà bình ", &s);
	assert_non_null(strstr(s.text.data, "hoà bình"));
	assert_null(strstr(s.text.data, "bông hoa"));
	assert_int_equal(s.nspans, 1);
	assert_span(&s, 0, "hoà");
	vns_snippet_free(&s);
}

static void test_passage_prefers_more_distinct_words(void **state)
{
	static const char *const q[] = { "mưa", "bão", NULL };
	vns_snippet s;

	two_passages(*state, q, 0, "mưa mưa mưa ", "mưa bão ", &s);
	assert_true(starts_with(&s.text, "… "));
	assert_non_null(strstr(s.text.data, "mưa bão"));
	assert_int_equal(s.nspans, 2);
	assert_span(&s, 0, "mưa");
	assert_span(&s, 1, "bão");
	vns_snippet_free(&s);
}

static void test_first_passage_with_every_word_wins_over_repeats(
	void **state)
{
	static const char *const q[] = { "mưa", "bão", NULL };
	vns_snippet s;

	two_passages(*state, q, 30, "mưa bão ", "mưa bão mưa bão mưa ", &s);
	assert_int_equal(s.nspans, 2);
	assert_span(&s, 0, "mưa");
	assert_span(&s, 1, "bão");
	assert_true(ends_with(&s.text, " …"));
	vns_snippet_free(&s);
}

static void test_unmarked_query_takes_any_reading_as_its_best(
	void **state)
{
	static const char *const q[] = { "bac", "giang", NULL };
	vns_snippet s;

	two_passages(*state, q, 30, "tỉnh Bắc Giang ", "bac giang bac giang ",
		     &s);
	assert_int_equal(s.nspans, 2);
	assert_span(&s, 0, "Bắc");
	assert_span(&s, 1, "Giang");
	vns_snippet_free(&s);
}

static void test_newlines_and_tabs_become_spaces(void **state)
{
	static const char *const q[] = { "hai", NULL };
	vns_snippet s;
	hl h;

	hl_words(*state, &h, q);
	vns_snippet_init(&s);
	make(*state, "một\nhai\tba\r\nbốn", &h, 200, &s);
	assert_string_equal(s.text.data, "một hai ba  bốn");
	assert_int_equal(s.nspans, 1);
	assert_span(&s, 0, "hai");
	vns_snippet_free(&s);
}

static void test_snippet_is_reset_between_calls(void **state)
{
	static const char *const q[] = { "mưa", NULL };
	vns_snippet s;
	hl h;

	hl_words(*state, &h, q);
	vns_snippet_init(&s);
	make(*state, "mưa mưa mưa", &h, 200, &s);
	assert_int_equal(s.nspans, 3);
	make(*state, "trời nắng", &h, 200, &s);
	assert_string_equal(s.text.data, "trời nắng");
	assert_int_equal(s.nspans, 0);
	vns_snippet_free(&s);
}

static void test_empty_text_gives_empty_snippet(void **state)
{
	static const char *const q[] = { "mưa", NULL };
	vns_snippet s;
	hl h;

	hl_words(*state, &h, q);
	vns_snippet_init(&s);
	make(*state, "", &h, 200, &s);
	assert_string_equal(s.text.data, "");
	assert_int_equal(s.nspans, 0);
	make(*state, " , . ", &h, 200, &s);
	assert_string_equal(s.text.data, "");
	vns_snippet_free(&s);
}

static void test_invalid_utf8_text_is_eutf8(void **state)
{
	static const char *const q[] = { "mưa", NULL };
	static const char bad[] = "mưa \xff to";
	vns_snippet s;
	vns_err err;
	hl h;

	hl_words(*state, &h, q);
	vns_snippet_init(&s);
	assert_int_equal(vns_snippet_make(*state, bad, sizeof bad - 1, &h.w,
					  200, &s, &err),
			 VNS_EUTF8);
	assert_int_equal(err.code, VNS_EUTF8);
	assert_int_equal(s.nspans, 0);
	assert_string_equal(s.text.data, "");
	vns_snippet_free(&s);
}

static void test_free_accepts_null_and_leaves_empty(void **state)
{
	vns_snippet s;

	(void)state;
	vns_snippet_free(NULL);
	vns_snippet_init(&s);
	assert_string_equal(s.text.data, "");
	assert_int_equal(s.nspans, 0);
	vns_snippet_free(&s);
	assert_string_equal(s.text.data, "");
}

static void test_punctuation_at_the_passage_ends_is_kept(void **state)
{
	static const char *const q[] = { "bão", NULL };
	vns_snippet s;
	hl h;

	hl_words(*state, &h, q);
	vns_snippet_init(&s);
	make(*state, "\xE2\x80\x9C" "Bão số 3\xE2\x80\x9D đổ bộ.", &h, 200, &s);
	assert_string_equal(s.text.data,
			    "\xE2\x80\x9C" "Bão số 3\xE2\x80\x9D đổ bộ.");
	assert_span(&s, 0, "Bão");
	vns_snippet_free(&s);
}

#define T(name) cmocka_unit_test_setup_teardown(name, setup, teardown)

int main(void)
{
	const struct CMUnitTest tests[] = {
		T(test_spans_land_on_matched_words),
		T(test_adjacent_query_words_found_together_are_one_span),
		T(test_lone_syllables_are_kept_where_no_run_is_found),
		T(test_one_syllable_query_word_is_highlighted_alone),
		T(test_synonym_is_highlighted_only_whole),
		T(test_spans_land_on_words_of_nfd_text),
		T(test_spans_land_on_old_and_new_tone_placement),
		T(test_folded_match_finds_words_with_any_marks),
		T(test_word_not_matching_folded_form_is_not_a_span),
		T(test_span_count_is_capped),
		T(test_no_match_gives_start_of_text),
		T(test_match_deep_in_long_text_gives_passage_around_it),
		T(test_exact_match_wins_the_passage_over_folded),
		T(test_passage_prefers_more_distinct_words),
		T(test_first_passage_with_every_word_wins_over_repeats),
		T(test_unmarked_query_takes_any_reading_as_its_best),
		T(test_newlines_and_tabs_become_spaces),
		T(test_snippet_is_reset_between_calls),
		T(test_empty_text_gives_empty_snippet),
		T(test_invalid_utf8_text_is_eutf8),
		T(test_free_accepts_null_and_leaves_empty),
		T(test_punctuation_at_the_passage_ends_is_kept),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
