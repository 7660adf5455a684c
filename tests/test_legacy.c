/* test_legacy.c - unit tests of legacy Vietnamese encodings (lib/legacy.c):
 * each table converts a known sentence, detection picks the right one,
 * damaged UTF-8 and undecidable bytes are refused. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <string.h>

#include <cmocka.h>

#include "legacy.h"

static const char want[] = "Công nghiệp nông thôn Đồng Tháp hỗ trợ";

/* The same words in each encoding (written byte by byte). */
static const char tcvn3_s[] = "C\xabng nghi\xd6p n\xabng th\xabn \xa7\xe5ng "
			      "Th\xb8p h\xe7 tr\xee";
static const char vni_s[] = "Co\xe2ng nghie\xe4p no\xe2ng tho\xe2n \xd1o\xe0ng "
			    "Tha\xf9p ho\xe3 tr\xf4\xef";
static const char viscii_s[] = "C\xf4ng nghi\xaep n\xf4ng th\xf4n \xd0\xb0ng "
			       "Th\xe1p h\xb2 tr\xfe";
static const char cp1258_s[] = "C\xf4ng nghi\xea\xf2p n\xf4ng th\xf4n \xd0\xf4\xccng "
			       "Tha\xecp h\xf4\xde tr\xf5\xf2";

static void check_convert(vns_encoding enc, const char *s)
{
	vns_buf out;
	vns_err err;

	vns_buf_init(&out, 0);
	assert_int_equal(vns_legacy_convert(enc, s, strlen(s), &out, &err),
			 VNS_OK);
	assert_string_equal(out.data, want);
	vns_buf_free(&out);
}

static void test_each_table_converts_a_sentence(void **state)
{
	(void)state;
	check_convert(VNS_ENC_TCVN3, tcvn3_s);
	check_convert(VNS_ENC_VNI, vni_s);
	check_convert(VNS_ENC_VISCII, viscii_s);
	check_convert(VNS_ENC_CP1258, cp1258_s);
}

static void check_detect(vns_analyser *a, const char *s, vns_encoding enc)
{
	vns_buf out;
	vns_encoding got;
	vns_err err;

	vns_buf_init(&out, 0);
	assert_int_equal(vns_legacy_to_utf8(a, s, strlen(s), &out, &got, &err),
			 VNS_OK);
	assert_int_equal(got, enc);
	assert_string_equal(out.data, want);
	vns_buf_free(&out);
}

static void test_detection_picks_the_encoding(void **state)
{
	vns_analyser *a;
	vns_err err;

	(void)state;
	assert_int_equal(vns_analyser_new(&a, &err), VNS_OK);
	check_detect(a, tcvn3_s, VNS_ENC_TCVN3);
	check_detect(a, vni_s, VNS_ENC_VNI);
	check_detect(a, viscii_s, VNS_ENC_VISCII);
	check_detect(a, cp1258_s, VNS_ENC_CP1258);
	check_detect(a, want, VNS_ENC_UTF8);
	vns_analyser_free(a);
}

static void test_damaged_utf8_is_refused(void **state)
{
	static const char s[] = "Công nghiệp nông thôn \xff\xfe Đồng Tháp";
	vns_analyser *a;
	vns_buf out;
	vns_encoding got;
	vns_err err;

	(void)state;
	assert_true(vns_legacy_damaged_utf8(s, strlen(s)));
	assert_false(vns_legacy_damaged_utf8(tcvn3_s, strlen(tcvn3_s)));
	assert_int_equal(vns_analyser_new(&a, &err), VNS_OK);
	vns_buf_init(&out, 0);
	assert_int_equal(vns_legacy_to_utf8(a, s, strlen(s), &out, &got, &err),
			 VNS_EUTF8);
	assert_non_null(strstr(err.msg, "damaged"));
	vns_buf_free(&out);
	vns_analyser_free(a);
}

static void test_undecidable_bytes_are_refused(void **state)
{
	static const char noise[] = "\x81\x92\x83 \xa4\x95\x86 \x97\x88\x99 "
				    "xq\x9a\x9b zz\x9c\x9d\x9e";
	vns_analyser *a;
	vns_buf out;
	vns_encoding got;
	vns_err err;

	(void)state;
	assert_int_equal(vns_analyser_new(&a, &err), VNS_OK);
	vns_buf_init(&out, 0);
	assert_int_equal(vns_legacy_to_utf8(a, noise, strlen(noise), &out,
					    &got, &err),
			 VNS_EUNICODE);
	assert_non_null(strstr(err.msg, "cannot be decided"));
	vns_buf_free(&out);
	vns_analyser_free(a);
}

static void test_unknown_byte_fails_conversion(void **state)
{
	vns_buf out;
	vns_err err;

	(void)state;
	vns_buf_init(&out, 0);
	/* 0xC7 is not a VNI byte */
	assert_int_equal(vns_legacy_convert(VNS_ENC_VNI, "a\xc7", 2, &out,
					    &err),
			 VNS_EUNICODE);
	assert_non_null(strstr(err.msg, "0xC7"));
	assert_string_equal(vns_encoding_name(VNS_ENC_TCVN3), "tcvn3");
	vns_buf_free(&out);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_each_table_converts_a_sentence),
		cmocka_unit_test(test_detection_picks_the_encoding),
		cmocka_unit_test(test_damaged_utf8_is_refused),
		cmocka_unit_test(test_undecidable_bytes_are_refused),
		cmocka_unit_test(test_unknown_byte_fails_conversion),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
