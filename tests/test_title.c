/* test_title.c - table-driven tests of the derived title (lib/title.c):
 * where the first sentence ends, how a long one is cut, and that a cut
 * never splits a UTF-8 sequence. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "title.h"
#include "utf8.h"

#define N(t) (sizeof(t) / sizeof((t)[0]))
#define ELL "\xE2\x80\xA6" /* … */

typedef struct {
	const char *in;
	const char *want;
} title_case;

/* 99 + 51 code points: "a" and "đ" (2 bytes) and "𝄞" (4 bytes) runs. */
#define A10 "aaaaaaaaaa"
#define A50 A10 A10 A10 A10 A10
#define D10 "đđđđđđđđđđ"
#define D50 D10 D10 D10 D10 D10
#define G10 "𝄞𝄞𝄞𝄞𝄞𝄞𝄞𝄞𝄞𝄞"
#define G50 G10 G10 G10 G10 G10

static const char long_sentence[] =
	"Trung tâm Khuyến công tỉnh Bắc Giang phối hợp với Ủy ban nhân dân "
	"huyện Lục Ngạn tổ chức hội nghị giới thiệu máy sấy vải thiều cho các "
	"hợp tác xã. Câu sau.";

static const title_case cases[] = {
	/* where the first sentence ends */
	{ "Sở Công Thương tổ chức hội chợ. Hơn 200 gian hàng tham gia.",
	  "Sở Công Thương tổ chức hội chợ" },
	{ "Vì sao vải thiều được mùa? Nông dân giải thích.",
	  "Vì sao vải thiều được mùa?" },
	{ "Hội chợ mở cửa! Khách đông.", "Hội chợ mở cửa!" },
	{ "Chờ mãi… Cuối cùng cũng có máy.", "Chờ mãi…" },
	{ "Hội chợ OCOP năm 2025\nNội dung chính.", "Hội chợ OCOP năm 2025" },
	{ "Dòng một\r\nDòng hai", "Dòng một" },
	{ "  \n\t Tin ngắn.", "Tin ngắn" },
	{ "Không có dấu chấm cuối", "Không có dấu chấm cuối" },
	/* marks that do not end it */
	{ "Hội chợ mở tại TP. Hồ Chí Minh hôm nay. Câu hai.",
	  "Hội chợ mở tại TP. Hồ Chí Minh hôm nay" },
	{ "TP.HCM đón 300 gian hàng. Sau đó", "TP.HCM đón 300 gian hàng" },
	{ "Giá tăng 2.5 lần. Tiếp", "Giá tăng 2.5 lần" },
	{ "Ông Nam nói: “Năm nay được mùa.” Rồi cười.",
	  "Ông Nam nói: “Năm nay được mùa.”" },
	{ "Bà Lan (HTX Tân Cương.) kể lại. Hết.",
	  "Bà Lan (HTX Tân Cương.)" },
	/* a long sentence is cut after a whole word */
	{ long_sentence,
	  "Trung tâm Khuyến công tỉnh Bắc Giang phối hợp với Ủy ban nhân dân "
	  "huyện Lục Ngạn tổ chức hội nghị" ELL },
	{ "Năm 2025 tỉnh hỗ trợ máy móc, thiết bị, chuyển giao công nghệ, "
	  "đào tạo nghề cho lao động nông thôn, mở rộng thị trường.",
	  "Năm 2025 tỉnh hỗ trợ máy móc, thiết bị, chuyển giao công nghệ, "
	  "đào tạo nghề cho lao động nông thôn" ELL },
	/* exactly VNS_TITLE_MAX code points fit; one more is cut */
	{ A50 A50, A50 A50 },
	{ A50 A50 "a", A50 A10 A10 A10 A10 "aaaaaaaaa" ELL },
	{ A50 A10 A10 A10 A10 "aaaaaaaa b", A50 A10 A10 A10 A10 "aaaaaaaa b" },
	{ A50 A10 A10 A10 A10 "aaaaaaaaa b", A50 A10 A10 A10 A10 "aaaaaaaaa" ELL },
	{ A50 A10 A10 A10 A10 "aaaaaaa bcd", A50 A10 A10 A10 A10 "aaaaaaa" ELL },
	/* no space: cut after 99 code points, whole sequences only */
	{ D50 D50 D50, D50 D10 D10 D10 D10 "đđđđđđđđđ" ELL },
	{ G50 G50 G50, G50 G10 G10 G10 G10 "𝄞𝄞𝄞𝄞𝄞𝄞𝄞𝄞𝄞" ELL },
	/* nothing to make a title of; stop at invalid UTF-8 */
	{ "", "" },
	{ " \n  ", "" },
	{ "Tin\xff tốt.", "Tin" },
	{ "Chè \xe1\xba", "Chè " },
};

static void test_title_cases(void **state)
{
	vns_buf b;

	(void)state;
	vns_buf_init(&b, 0);
	for (size_t i = 0; i < N(cases); i++) {
		assert_int_equal(vns_title_derive(cases[i].in,
						  strlen(cases[i].in), &b),
				 VNS_OK);
		if (strcmp(b.data, cases[i].want) != 0)
			fail_msg("case %zu: got '%s', want '%s'", i, b.data,
				 cases[i].want);
	}
	vns_buf_free(&b);
}

/* Every title is valid UTF-8 of at most VNS_TITLE_MAX code points, and
 * (without its ellipsis) a prefix of the text, whatever the cut. */
static void test_title_is_short_valid_prefix(void **state)
{
	vns_buf b;
	size_t bad;

	(void)state;
	vns_buf_init(&b, 0);
	for (size_t cut = 0; cut <= sizeof long_sentence - 1; cut++) {
		size_t n = 0, len, i = 0;

		assert_int_equal(vns_title_derive(long_sentence, cut, &b),
				 VNS_OK);
		assert_true(vns_utf8_valid(b.data, b.len, &bad));
		while (i < b.len) {
			i += vns_utf8_decode(b.data + i, b.len - i, NULL);
			n++;
		}
		assert_true(n <= VNS_TITLE_MAX);
		len = b.len;
		if (len >= 3 && !memcmp(b.data + len - 3, ELL, 3))
			len -= 3;
		assert_memory_equal(b.data, long_sentence, len);
	}
	vns_buf_free(&b);
}

/* The buffer's cap is the limit, not the heap's end. */
static void test_title_meets_the_cap(void **state)
{
	vns_buf b;

	(void)state;
	vns_buf_init(&b, 8);
	assert_int_equal(vns_title_derive(long_sentence, strlen(long_sentence),
					  &b),
			 VNS_ETOOBIG);
	vns_buf_free(&b);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_title_cases),
		cmocka_unit_test(test_title_is_short_valid_prefix),
		cmocka_unit_test(test_title_meets_the_cap),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
