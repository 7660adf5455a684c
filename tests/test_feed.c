/* test_feed.c - unit tests of the feed reader (indexer/feed.c): RSS 2.0
 * and Atom items with ids, dates and text; malformed XML; a feed with
 * 10,000 items; an item without text reported with its line. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <unistd.h>

#include <cmocka.h>

#include "buf.h"
#include "feed.h"
#include "sinkrec.h"

static const char rss[] =
	"<?xml version='1.0' encoding='UTF-8'?>\n"
	"<rss version='2.0' xmlns:dc='http://purl.org/dc/elements/1.1/'>"
	"<channel><title>Báo Công Thương</title>\n"
	"<item><title>Hội chợ OCOP</title><link>https://ct.vn/a1</link>"
	"<guid>ct-a1</guid><pubDate>Thu, 04 Mar 2021 10:00:00 +0700</pubDate>"
	"<dc:creator>Lan Anh</dc:creator>"
	"<description>&lt;p&gt;Hội chợ &lt;b&gt;OCOP&lt;/b&gt; Hạ Long.&lt;/p&gt;"
	"</description></item>\n"
	"<item><title>Không có nội dung</title></item>\n"
	"<item><link>https://ct.vn/a3</link><description>Chè Tân Cương."
	"</description></item>\n"
	"</channel></rss>";

static void test_rss_items_become_documents(void **state)
{
	struct rec r;
	vns_sink s = rec_sink(&r);
	vns_err err;

	(void)state;
	assert_int_equal(vns_feed_parse(rss, sizeof rss - 1, "f.rss", &s, &err),
			 VNS_OK);
	assert_int_equal(r.ndocs, 2);
	assert_string_equal(r.docs[0].id, "ct-a1");
	assert_string_equal(r.docs[0].title, "Hội chợ OCOP");
	assert_string_equal(r.docs[0].date, "2021-03-04T10:00:00+07:00");
	assert_string_equal(r.docs[0].body, "Hội chợ OCOP Hạ Long.");
	assert_string_equal(r.docs[0].source, "Báo Công Thương");
	assert_string_equal(r.docs[0].author, "Lan Anh");
	assert_int_equal(r.lines[0], 3);
	assert_string_equal(r.docs[1].id, "https://ct.vn/a3");
	assert_null(r.docs[1].title); /* the indexer derives one (title.h) */
	assert_int_equal(r.nbad, 1);
	assert_string_equal(r.bad[0], "item 2 has no text");
	assert_int_equal(r.badlines[0], 4);
	rec_free(&r);
}

static void test_atom_entries_become_documents(void **state)
{
	static const char atom[] =
		"<feed xmlns='http://www.w3.org/2005/Atom'><title>Sở CT</title>"
		"<entry><id>tag:so,2021:1</id><title>Kế hoạch</title>"
		"<link rel='alternate' href='https://so.vn/1'/>"
		"<updated>2021-05-01T07:00:00Z</updated>"
		"<author><name>Phòng QLCN</name></author>"
		"<content type='xhtml'><div xmlns='http://www.w3.org/1999/xhtml'>"
		"<p>Khuyến công 2021.</p></div></content></entry></feed>";
	struct rec r;
	vns_sink s = rec_sink(&r);
	vns_err err;

	(void)state;
	assert_int_equal(vns_feed_parse(atom, sizeof atom - 1, "f.atom", &s,
					&err), VNS_OK);
	assert_int_equal(r.ndocs, 1);
	assert_string_equal(r.docs[0].id, "tag:so,2021:1");
	assert_string_equal(r.docs[0].url, "https://so.vn/1");
	assert_string_equal(r.docs[0].date, "2021-05-01T07:00:00Z");
	assert_string_equal(r.docs[0].author, "Phòng QLCN");
	assert_string_equal(r.docs[0].body, "Khuyến công 2021.");
	rec_free(&r);
}

static void test_malformed_feed_names_the_line(void **state)
{
	static const char bad[] = "<rss><channel>\n<item><title>x</title>\n"
				  "</channel></rss>";
	struct rec r;
	vns_sink s = rec_sink(&r);
	vns_err err;

	(void)state;
	assert_int_equal(vns_feed_parse(bad, sizeof bad - 1, "f.rss", &s, &err),
			 VNS_ERECORD);
	assert_non_null(strstr(err.msg, "not well-formed xml at line"));
	assert_int_equal(vns_feed_parse("<html/>", 7, "f.rss", &s, &err),
			 VNS_ERECORD);
	assert_non_null(strstr(err.msg, "not a feed"));
}

static void test_feed_with_ten_thousand_items(void **state)
{
	vns_buf b;
	struct rec r;
	vns_sink s = rec_sink(&r);
	vns_err err;

	(void)state;
	vns_buf_init(&b, 0);
	vns_buf_adds(&b, "<rss><channel><title>T</title>");
	for (int i = 0; i < 10000; i++)
		vns_buf_addf(&b, "<item><guid>g%d</guid><title>Tin %d</title>"
			     "<description>Nội dung %d</description></item>\n",
			     i, i, i);
	vns_buf_adds(&b, "</channel></rss>");
	assert_int_equal(vns_feed_parse(b.data, b.len, "big.rss", &s, &err),
			 VNS_OK);
	assert_int_equal(r.ndocs, 10000);
	assert_int_equal(r.nbad, 0);
	rec_free(&r);
	vns_buf_free(&b);
}

static void test_read_feed_reports_a_broken_file(void **state)
{
	struct rec r;
	vns_sink s = rec_sink(&r);
	const char *path = rec_file(".rss", "<rss><channel>", 14);
	vns_err err;

	(void)state;
	assert_int_equal(vns_read_feed(path, &s, &err), VNS_OK);
	assert_int_equal(r.nbad, 1);
	unlink(path);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_rss_items_become_documents),
		cmocka_unit_test(test_atom_entries_become_documents),
		cmocka_unit_test(test_malformed_feed_names_the_line),
		cmocka_unit_test(test_feed_with_ten_thousand_items),
		cmocka_unit_test(test_read_feed_reports_a_broken_file),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
