/* test_heading.c - unit tests of the title and date of an administrative
 * document read from its recognised text (indexer/heading.c). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "heading.h"

static void check_title(const char *text, const char *want)
{
	char *got = vns_heading_title(text);

	if (!want) {
		assert_null(got);
		return;
	}
	assert_non_null(got);
	assert_string_equal(got, want);
	free(got);
}

static void test_title_is_the_block_opened_by_a_document_kind(void **state)
{
	(void)state;
	check_title("ỦY BAN NHÂN DÂN TỈNH QUẢNG NINH\nSố: 215/QĐ-UBND\n"
		    "Quảng Ninh, ngày 05 tháng 3 năm 2025\n\nQUYẾT ĐỊNH\n"
		    "Về việc hỗ trợ máy sấy\n\nĐiều 1. Phê duyệt ...\n",
		    "QUYẾT ĐỊNH Về việc hỗ trợ máy sấy");
	check_title("  KẾ HOẠCH  \nBình chọn sản phẩm\ntiêu biểu năm 2025\n\n"
		    "Mục đích ...", "KẾ HOẠCH Bình chọn sản phẩm tiêu biểu năm 2025");
	check_title("BÁO CÁO\nKết quả\n", "BÁO CÁO Kết quả");
}

static void test_title_block_stops_after_three_more_lines(void **state)
{
	(void)state;
	check_title("BÁO CÁO\na\nb\nc\nd\ne\n", "BÁO CÁO a b c");
}

static void test_kind_in_lower_case_is_not_a_heading(void **state)
{
	(void)state;
	/* "Kế hoạch" inside a sentence: no heading, no capitals line */
	check_title("Kế hoạch năm nay gồm\nba việc\n", NULL);
}

static void test_first_capitals_line_that_is_not_boilerplate(void **state)
{
	(void)state;
	check_title("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do\n"
		    "ỦY BAN NHÂN DÂN HUYỆN\nDANH SÁCH HỘ ĐƯỢC HỖ TRỢ\n"
		    "năm 2025\n\n1. Nguyễn Văn A\n",
		    "DANH SÁCH HỘ ĐƯỢC HỖ TRỢ năm 2025");
	check_title("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nvăn bản thường\n",
		    NULL);
	check_title("", NULL);
	check_title(NULL, NULL);
}

static void test_title_is_cut_at_the_cap_on_a_character(void **state)
{
	char text[1200];
	char *got;
	size_t n = 0;

	(void)state;
	n += (size_t)snprintf(text, sizeof text, "THÔNG BÁO\n");
	for (int i = 0; i < 120; i++) /* "đ" is two bytes */
		n += (size_t)snprintf(text + n, sizeof text - n, "đđđđ ");
	got = vns_heading_title(text);
	assert_non_null(got);
	assert_true(strlen(got) <= VNS_HEADING_TITLE_MAX);
	assert_true(strlen(got) >= VNS_HEADING_TITLE_MAX - 4);
	assert_int_not_equal((unsigned char)got[strlen(got) - 1], 0xC4);
	free(got);
}

static void check_date(const char *text, const char *want)
{
	char out[11];

	assert_int_equal(vns_heading_date(text, out), want != NULL);
	assert_string_equal(out, want ? want : "");
}

static void test_date_from_ngay_thang_nam(void **state)
{
	(void)state;
	check_date("Quảng Ninh, ngày 05 tháng 3 năm 2025", "2025-03-05");
	check_date("Ngày 1 tháng 12 năm 2024 tại Hà Nội", "2024-12-01");
	check_date("Hà Nội, ngày  20\ntháng 11  năm 2024", "2024-11-20");
	check_date("ngày 29 tháng 2 năm 2024", "2024-02-29");
}

static void test_first_real_date_wins_and_bad_ones_are_skipped(void **state)
{
	(void)state;
	check_date("ngày 30 tháng 2 năm 2025; ngày 02 tháng 1 năm 2025, "
		   "ngày 03 tháng 1 năm 2025", "2025-01-02");
	check_date("ngày 29 tháng 2 năm 2025", NULL);
	check_date("ngày 5 tháng 13 năm 2025", NULL);
	check_date("ngày 123 tháng 1 năm 2025", NULL);
	check_date("ngày mai tháng 1 năm 2025", NULL);
	check_date("trong ngày hôm nay", NULL);
	check_date("ngày 5 tháng 3", NULL);
	check_date("", NULL);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_title_is_the_block_opened_by_a_document_kind),
		cmocka_unit_test(test_title_block_stops_after_three_more_lines),
		cmocka_unit_test(test_kind_in_lower_case_is_not_a_heading),
		cmocka_unit_test(test_first_capitals_line_that_is_not_boilerplate),
		cmocka_unit_test(test_title_is_cut_at_the_cap_on_a_character),
		cmocka_unit_test(test_date_from_ngay_thang_nam),
		cmocka_unit_test(test_first_real_date_wins_and_bad_ones_are_skipped),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
