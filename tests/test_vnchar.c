/* test_vnchar.c - unit tests for lib/vnchar: canonical tone placement on
 * NFD syllables and accent folding, one word at a time. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>
#include <unicode/unorm2.h>
#include <unicode/ustring.h>

#include "vnchar.h"

#define CAP 256

/* NFC UTF-8 in, NFD through vns_vn_place_tones, NFC UTF-8 out in out;
 * returns what vns_vn_place_tones returned. Checks the NFD stays NFD. */
static int place(const char *in, char *out)
{
	UErrorCode st = U_ZERO_ERROR;
	const UNormalizer2 *nfd = unorm2_getNFDInstance(&st);
	const UNormalizer2 *nfc = unorm2_getNFCInstance(&st);
	UChar u[CAP], d[CAP], c[CAP];
	int32_t n, nd, nc;
	int changed;

	u_strFromUTF8(u, CAP, &n, in, -1, &st);
	nd = unorm2_normalize(nfd, u, n, d, CAP, &st);
	changed = vns_vn_place_tones(d, nd);
	assert_true(unorm2_isNormalized(nfd, d, nd, &st));
	nc = unorm2_normalize(nfc, d, nd, c, CAP, &st);
	u_strToUTF8(out, CAP, NULL, c, nc, &st);
	assert_false(U_FAILURE(st));
	return changed;
}

static void assert_placed(const char *in, const char *want)
{
	char out[CAP];

	place(in, out);
	assert_string_equal(out, want);
}

static void test_tone_moves_to_second_vowel_of_oa_oe_uy(void **state)
{
	(void)state;
	assert_placed("hòa", "hoà");
	assert_placed("hoà", "hoà");
	assert_placed("khỏe", "khoẻ");
	assert_placed("thủy", "thuỷ");
	assert_placed("ủy", "uỷ");
	assert_placed("tùy", "tuỳ");
	assert_placed("hóa", "hoá");
	assert_placed("ngóai", "ngoái");
	assert_placed("khủyu", "khuỷu");
	assert_placed("lòe", "loè");
}

static void test_tone_stays_on_first_of_two_open_vowels(void **state)
{
	(void)state;
	assert_placed("mùa", "mùa");
	assert_placed("muà", "mùa");
	assert_placed("maí", "mái");
	assert_placed("toỉ", "tỏi");
	assert_placed("kià", "kìa");
	assert_placed("chiụ", "chịu");
}

static void test_tone_on_last_vowel_before_final_consonant(void **state)
{
	(void)state;
	assert_placed("hòang", "hoàng");
	assert_placed("tóan", "toán");
	assert_placed("hùynh", "huỳnh");
	assert_placed("ngòai", "ngoài");
}

static void test_tone_on_middle_of_three_open_vowels(void **state)
{
	(void)state;
	assert_placed("ngoaì", "ngoài");
	assert_placed("xoaý", "xoáy");
}

static void test_tone_on_quality_vowel_and_o_horn_of_uo_horn(void **state)
{
	(void)state;
	assert_placed("ngừơi", "người");
	assert_placed("người", "người");
	assert_placed("thủơ", "thuở");
	assert_placed("lửa", "lửa");
	assert_placed("tuẫn", "tuẫn");
	assert_placed("rựơu", "rượu");
	assert_placed("khúyên", "khuyến");
	assert_placed("tíên", "tiến");
	assert_placed("cậu", "cậu");
	assert_placed("tụât", "tuật");
}

static void test_u_of_qu_and_i_of_gi_belong_to_initial(void **state)
{
	(void)state;
	assert_placed("qúy", "quý");
	assert_placed("quý", "quý");
	assert_placed("qùynh", "quỳnh");
	assert_placed("qúa", "quá");
	assert_placed("gìa", "già");
	assert_placed("gìn", "gìn");
	assert_placed("gì", "gì");
	assert_placed("gìuong", "giuòng");
	assert_placed("gỉương", "giưởng");
	assert_placed("giừơng", "giường");
}

static void test_words_without_exactly_one_tone_are_left_alone(void **state)
{
	char out[CAP];

	(void)state;
	assert_int_equal(place("hoa", out), 0);
	assert_int_equal(place("hòà", out), 0);
	assert_string_equal(out, "hòà");
	assert_int_equal(place("đương", out), 0);
}

static void test_non_syllables_are_left_alone(void **state)
{
	char out[CAP];

	(void)state;
	assert_int_equal(place("josé", out), 0);    /* j is no initial */
	assert_int_equal(place("cafèo", out), 0);   /* vowels apart */
	assert_int_equal(place("ñoa", out), 0);     /* tone on a consonant */
	assert_int_equal(place("hòaaa", out), 0);   /* four vowels */
	assert_int_equal(place("hòas", out), 0);    /* s is no final */
	assert_int_equal(place("hŏà", out), 0);     /* breve on o */
	assert_string_equal(out, "hŏà");
}

static void test_each_run_of_letters_is_placed_alone(void **state)
{
	char out[CAP];

	(void)state;
	assert_int_equal(place("hòa bình - thủy.khỏe", out), 3);
	assert_string_equal(out, "hoà bình - thuỷ.khoẻ");
}

static void test_fold_drops_diacritics_and_maps_d_stroke(void **state)
{
	static const UChar in[] = { 0x0110, 'o', 0x0302, 0x0300, 'n', 'g',
				    ' ', 0x0111, 'u', 0x031B, 0x1DC4, 0x20D7 };
	UChar out[16];
	int32_t n;

	(void)state;
	n = vns_vn_fold(in, 12, out);
	assert_int_equal(n, 7);
	assert_memory_equal(out, ((const UChar[]){ 'D', 'o', 'n', 'g', ' ', 'd',
						   'u' }),
			    7 * sizeof(UChar));
}

static void test_fold_may_work_in_place(void **state)
{
	UChar s[] = { 'a', 0x0301, 0x0111, 'e', 0x0323, 0x0302 };

	(void)state;
	assert_int_equal(vns_vn_fold(s, 6, s), 3);
	assert_int_equal(s[0], 'a');
	assert_int_equal(s[1], 'd');
	assert_int_equal(s[2], 'e');
}

static void test_is_diacritic_covers_combining_blocks_only(void **state)
{
	(void)state;
	assert_true(vns_vn_is_diacritic(0x0300));
	assert_true(vns_vn_is_diacritic(0x0323));
	assert_true(vns_vn_is_diacritic(0x036F));
	assert_true(vns_vn_is_diacritic(0x1AB0));
	assert_true(vns_vn_is_diacritic(0x1DC0));
	assert_true(vns_vn_is_diacritic(0x20D0));
	assert_true(vns_vn_is_diacritic(0xFE20));
	assert_false(vns_vn_is_diacritic(0x02FF));
	assert_false(vns_vn_is_diacritic(0x0370));
	assert_false(vns_vn_is_diacritic(0x0E31)); /* Thai vowel sign */
	assert_false(vns_vn_is_diacritic(0x0111));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_tone_moves_to_second_vowel_of_oa_oe_uy),
		cmocka_unit_test(test_tone_stays_on_first_of_two_open_vowels),
		cmocka_unit_test(test_tone_on_last_vowel_before_final_consonant),
		cmocka_unit_test(test_tone_on_middle_of_three_open_vowels),
		cmocka_unit_test(test_tone_on_quality_vowel_and_o_horn_of_uo_horn),
		cmocka_unit_test(test_u_of_qu_and_i_of_gi_belong_to_initial),
		cmocka_unit_test(test_words_without_exactly_one_tone_are_left_alone),
		cmocka_unit_test(test_non_syllables_are_left_alone),
		cmocka_unit_test(test_each_run_of_letters_is_placed_alone),
		cmocka_unit_test(test_fold_drops_diacritics_and_maps_d_stroke),
		cmocka_unit_test(test_fold_may_work_in_place),
		cmocka_unit_test(test_is_diacritic_covers_combining_blocks_only),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
