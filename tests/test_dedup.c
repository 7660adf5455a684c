/* test_dedup.c - unit tests of content keys (lib/dedup.c). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <string.h>

#include <cmocka.h>

#include "dedup.h"

static const char body[] =
	"Năm 2021, Trung tâm Khuyến công tỉnh Bắc Giang hỗ trợ 12 cơ sở công "
	"nghiệp nông thôn đầu tư máy móc thiết bị hiện đại vào sản xuất chế "
	"biến vải thiều, với tổng kinh phí hơn 2 tỷ đồng từ khuyến công.";

static void test_same_text_laid_out_differently_has_one_key(void **state)
{
	static const char other[] =
		"  Năm 2021 -- Trung tâm KHUYẾN CÔNG tỉnh Bắc Giang hỗ trợ 12 cơ sở "
		"công\n\nnghiệp nông thôn đầu tư máy móc thiết bị hiện đại vào "
		"sản xuất chế biến vải thiều với tổng kinh phí hơn 2 tỷ đồng "
		"từ khuyến công!";
	char a[VNS_DEDUP_KEY_LEN + 1], b[VNS_DEDUP_KEY_LEN + 1];

	(void)state;
	assert_int_equal(vns_dedup_key(body, strlen(body), a), 1);
	assert_int_equal(strlen(a), VNS_DEDUP_KEY_LEN);
	assert_int_equal(vns_dedup_key(other, strlen(other), b), 1);
	/* upper-case Vietnamese letters are not folded: only ASCII is */
	assert_string_not_equal(a, b);
	assert_int_equal(vns_dedup_key(body, strlen(body) - 1, b), 1);
	assert_string_equal(a, b); /* the final '.' does not count */
}

static void test_different_or_short_text_differs(void **state)
{
	char a[VNS_DEDUP_KEY_LEN + 1], b[VNS_DEDUP_KEY_LEN + 1];

	(void)state;
	assert_int_equal(vns_dedup_key(body, strlen(body), a), 1);
	assert_int_equal(vns_dedup_key(body + 1, strlen(body) - 1, b), 1);
	assert_string_not_equal(a, b);
	assert_int_equal(vns_dedup_key("Tin ngắn.", 11, b), 0);
}

/* Keys are stored in every index (VNS_SLOT_CONTENT): a key that changed
 * would stop an old index collapsing its copies with new ones. */
static void test_key_is_the_one_stored_in_existing_indexes(void **state)
{
	char a[VNS_DEDUP_KEY_LEN + 1];

	(void)state;
	assert_int_equal(vns_dedup_key(body, strlen(body), a), 1);
	assert_string_equal(a, "89adc7f33a9352b2");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_same_text_laid_out_differently_has_one_key),
		cmocka_unit_test(test_different_or_short_text_differs),
		cmocka_unit_test(test_key_is_the_one_stored_in_existing_indexes),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
