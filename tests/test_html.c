/* test_html.c - unit tests of the HTML reader (indexer/html.c): meta tags,
 * article text without navigation, scripts and link lists; broken and
 * deeply nested pages; legacy-encoded pages. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <unistd.h>

#include <cmocka.h>

#include "html.h"
#include "sinkrec.h"

static const char page[] =
	"<!DOCTYPE html><html><head><meta charset='utf-8'>"
	"<title>Tin - Báo X</title>"
	"<meta property='og:title' content='Vải thiều xuất khẩu'>"
	"<meta property='article:published_time' content='2021-06-10T08:30:00+07:00'>"
	"<meta name='author' content='Nguyễn Văn A'>"
	"<link rel='canonical' href='https://www.baobacgiang.vn/a.html'>"
	"<script>var bad = 'mã độc';</script><style>p{color:red}</style></head>"
	"<body><nav><a>Trang chủ</a></nav><div class='menu'>Thể thao</div>"
	"<article><h1>Vải thiều xuất khẩu</h1><p>Bắc Giang xuất khẩu vải.</p>"
	"<p>Hợp tác xã được hỗ trợ.</p><div class='tin-lien-quan'>Tin cũ</div>"
	"<h3>Tin liên quan</h3><ul><li>Giá vải tăng</li></ul></article>"
	"<footer>Bản quyền</footer></body></html>";

static void test_page_gives_title_date_author_and_article_text(void **state)
{
	vns_doc doc = { 0 };
	vns_err err;

	(void)state;
	assert_int_equal(vns_html_parse(page, sizeof page - 1, "UTF-8", &doc,
					&err), VNS_OK);
	assert_string_equal(doc.title, "Vải thiều xuất khẩu");
	assert_string_equal(doc.date, "2021-06-10T08:30:00+07:00");
	assert_string_equal(doc.author, "Nguyễn Văn A");
	assert_string_equal(doc.url, "https://www.baobacgiang.vn/a.html");
	assert_string_equal(doc.source, "baobacgiang.vn");
	assert_non_null(strstr(doc.body, "Hợp tác xã được hỗ trợ."));
	assert_null(strstr(doc.body, "mã độc"));
	assert_null(strstr(doc.body, "Trang chủ"));
	assert_null(strstr(doc.body, "Thể thao"));
	assert_null(strstr(doc.body, "Tin liên quan"));
	assert_null(strstr(doc.body, "Giá vải"));
	assert_null(strstr(doc.body, "Bản quyền"));
	vns_doc_clear(&doc);
}

static void test_broken_markup_still_gives_text(void **state)
{
	static const char broken[] = "<html><body><p>Chè <b>Thái <i>Nguyên</p>"
				     "<div><p>ngon</span></table><<>>";
	vns_doc doc = { 0 };
	vns_err err;

	(void)state;
	assert_int_equal(vns_html_parse(broken, sizeof broken - 1, "UTF-8",
					&doc, &err), VNS_OK);
	assert_non_null(strstr(doc.body, "Chè Thái Nguyên"));
	assert_null(doc.title); /* the indexer derives one (title.h) */
	vns_doc_clear(&doc);
}

static void test_deeply_nested_page_does_not_overflow(void **state)
{
	size_t depth = 200000, n = 0;
	char *p = malloc(depth * 11 + 64);
	vns_doc doc = { 0 };
	vns_err err;
	vns_status st;

	(void)state;
	n += (size_t)sprintf(p, "<html><body>");
	for (size_t i = 0; i < depth; i++)
		n += (size_t)sprintf(p + n, "<div><span>");
	n += (size_t)sprintf(p + n, "sâu");
	st = vns_html_parse(p, n, "UTF-8", &doc, &err);
	assert_true(st == VNS_OK || st == VNS_ERECORD);
	vns_doc_clear(&doc);
	free(p);
}

static void test_page_without_text_is_reported(void **state)
{
	static const char empty[] = "<html><head><title>x</title></head>"
				    "<body><script>1</script></body></html>";
	struct rec r;
	vns_sink s = rec_sink(&r);
	const char *path = rec_file(".html", empty, sizeof empty - 1);
	vns_err err;

	(void)state;
	assert_int_equal(vns_read_html(path, &s, &err), VNS_OK);
	assert_int_equal(r.ndocs, 0);
	assert_int_equal(r.nbad, 1);
	assert_non_null(strstr(r.bad[0], "no text"));
	unlink(path);
}

static void test_tcvn3_page_without_charset_is_converted(void **state)
{
	static const char tcvn[] = "<html><body><p>C\xabng nghi\xd6p n\xabng "
				   "th\xabn \xa7\xe5ng Th\xb8p h\xe7 tr\xee</p>"
				   "</body></html>";
	struct rec r;
	vns_sink s = rec_sink(&r);
	const char *path = rec_file(".html", tcvn, sizeof tcvn - 1);
	vns_err err;

	(void)state;
	assert_int_equal(vns_read_html(path, &s, &err), VNS_OK);
	assert_int_equal(r.ndocs, 1);
	assert_string_equal(r.docs[0].body,
			    "Công nghiệp nông thôn Đồng Tháp hỗ trợ");
	assert_non_null(strstr(r.docs[0].id, "file:"));
	rec_free(&r);
	unlink(path);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_page_gives_title_date_author_and_article_text),
		cmocka_unit_test(test_broken_markup_still_gives_text),
		cmocka_unit_test(test_deeply_nested_page_does_not_overflow),
		cmocka_unit_test(test_page_without_text_is_reported),
		cmocka_unit_test(test_tcvn3_page_without_charset_is_converted),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
