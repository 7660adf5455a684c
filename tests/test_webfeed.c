/* test_webfeed.c - the page's other answers (query/webfeed.c): ETags and
 * If-None-Match, the headers, entry ids and the OpenSearch description.
 * The Atom feed of a real search is checked by tests/follow.py. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "webfeed.h"

#define HAS(s, part)                                                      \
	do {                                                              \
		if (!strstr(s, part))                                     \
			fail_msg("'%s' lacks '%s'", s, part);             \
	} while (0)

typedef struct {
	const char *header;
	int match;
} inm_case;

static void test_if_none_match_names_the_etag(void **state)
{
	static const inm_case cases[] = {
		{ "\"7-1.5?q=a\"", 1 },
		{ "W/\"7-1.5?q=a\"", 1 },
		{ "\"x\", \"7-1.5?q=a\"", 1 },
		{ "\"x\",\"7-1.5?q=a\"", 1 },
		{ "*", 1 },
		{ "\"7-1.5?q=b\"", 0 },
		{ "\"7-1.5?q=a", 0 },
		{ "7-1.5?q=a", 0 },
		{ "", 0 },
		{ NULL, 0 },
	};

	(void)state;
	for (size_t i = 0; i < sizeof cases / sizeof *cases; i++)
		if (vns_webfeed_etag_matches(cases[i].header, "\"7-1.5?q=a\"") !=
		    cases[i].match)
			fail_msg("case %zu (%s)", i, cases[i].header);
}

static void test_etag_changes_with_revision_stamp_and_request(void **state)
{
	vns_cgireq a, b;
	vns_err err;
	vns_buf x, y;

	(void)state;
	assert_int_equal(vns_cgireq_parse("q=a&format=atom", 15, &a, &err), 0);
	assert_int_equal(vns_cgireq_parse("q=b&format=atom", 15, &b, &err), 0);
	vns_buf_init(&x, 0);
	vns_buf_init(&y, 0);
	assert_int_equal(vns_webfeed_etag(&x, 7, "1.5", &a), VNS_OK);
	assert_string_equal(x.data, "\"7-1.5?q=a&format=atom\"");
	assert_int_equal(vns_webfeed_etag(&y, 8, "1.5", &a), VNS_OK);
	assert_string_not_equal(x.data, y.data);
	vns_buf_reset(&y);
	assert_int_equal(vns_webfeed_etag(&y, 7, "1.6", &a), VNS_OK);
	assert_string_not_equal(x.data, y.data);
	vns_buf_reset(&y);
	assert_int_equal(vns_webfeed_etag(&y, 7, "1.5", &b), VNS_OK);
	assert_string_not_equal(x.data, y.data);
	vns_buf_free(&x);
	vns_buf_free(&y);
}

static void test_headers_of_200_and_304(void **state)
{
	vns_buf h;

	(void)state;
	vns_buf_init(&h, 0);
	assert_int_equal(vns_webfeed_headers(&h, 200, "application/json", 12,
					     "\"e\""),
			 VNS_OK);
	HAS(h.data, "Status: 200 OK\r\n");
	HAS(h.data, "Content-Type: application/json\r\n");
	HAS(h.data, "Content-Length: 12\r\n");
	HAS(h.data, "ETag: \"e\"\r\n");
	HAS(h.data, "X-Content-Type-Options: nosniff\r\n");
	assert_true(h.len > 4 && !memcmp(h.data + h.len - 4, "\r\n\r\n", 4));
	vns_buf_reset(&h);
	assert_int_equal(vns_webfeed_headers(&h, 304, NULL, 0, "\"e\""),
			 VNS_OK);
	HAS(h.data, "Status: 304 Not Modified\r\n");
	HAS(h.data, "ETag: \"e\"\r\n");
	assert_null(strstr(h.data, "\nContent-Length:"));
	assert_null(strstr(h.data, "\nContent-Type:"));
	vns_buf_free(&h);
}

static void test_entry_id_is_a_tag_uri_of_the_escaped_id(void **state)
{
	vns_buf b;

	(void)state;
	vns_buf_init(&b, 0);
	assert_int_equal(vns_webfeed_entry_id(&b, "file:/a b/<c>&d"), VNS_OK);
	assert_string_equal(b.data, "tag:vnsearch,2025:doc/file%3A%2Fa%20b%2F"
				    "%3Cc%3E%26d");
	vns_buf_free(&b);
}

static void test_opensearch_templates_point_back_at_the_page(void **state)
{
	vns_webfeed_site site = { "https://h.example/search?\"<&", NULL };
	vns_buf b;

	(void)state;
	vns_buf_init(&b, 0);
	assert_int_equal(vns_webfeed_opensearch(&b, &site), VNS_OK);
	HAS(b.data, "<OpenSearchDescription "
		    "xmlns=\"http://a9.com/-/spec/opensearch/1.1/\">");
	HAS(b.data, "<Url type=\"text/html\" template=\"https://h.example/"
		    "search?&quot;&lt;&amp;?q={searchTerms}\"/>");
	HAS(b.data, "<Url type=\"application/atom+xml\" template=\"https://"
		    "h.example/search?&quot;&lt;&amp;?q={searchTerms}&amp;"
		    "format=atom\"/>");
	HAS(b.data, "<Url type=\"application/json\" template=\"https://"
		    "h.example/search?&quot;&lt;&amp;?q={searchTerms}&amp;"
		    "format=json\"/>");
	vns_buf_free(&b);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_if_none_match_names_the_etag),
		cmocka_unit_test(test_etag_changes_with_revision_stamp_and_request),
		cmocka_unit_test(test_headers_of_200_and_304),
		cmocka_unit_test(test_entry_id_is_a_tag_uri_of_the_escaped_id),
		cmocka_unit_test(test_opensearch_templates_point_back_at_the_page),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
