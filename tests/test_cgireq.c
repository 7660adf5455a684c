/* test_cgireq.c - the search page's request decoder (query/cgireq.c):
 * accepted and refused query strings (table-driven), the query-language
 * string a request stands for, and canonical URLs that decode back to the
 * same request. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "cgireq.h"
#include "qparse.h"

#define N(t) (sizeof(t) / sizeof((t)[0]))

static vns_status parse(const char *qs, vns_cgireq *req, vns_err *err)
{
	vns_err_clear(err);
	return vns_cgireq_parse(qs, strlen(qs), req, err);
}

typedef struct {
	const char *qs;
	vns_status want;
	const char *msg_part; /* in err's message; NULL: not checked */
} refuse_case;

static void test_malformed_requests_are_refused_with_a_reason(void **state)
{
	static const refuse_case cases[] = {
		{ "q=%ZZ", VNS_EINVAL, "invalid percent-escape" },
		{ "q=abc%", VNS_EINVAL, "invalid percent-escape" },
		{ "q=%4", VNS_EINVAL, "invalid percent-escape" },
		{ "%ZZ=1", VNS_EINVAL, "parameter name" },
		{ "x=%G0", VNS_EINVAL, "invalid percent-escape" },
		{ "q=%C3%28", VNS_EUTF8, "UTF-8" },
		{ "q=%ED%A0%80", VNS_EUTF8, "UTF-8" },  /* surrogate */
		{ "q=%C0%AF", VNS_EUTF8, "UTF-8" },     /* overlong '/' */
		{ "q=%FF", VNS_EUTF8, "UTF-8" },
		{ "q=a%00b", VNS_EINVAL, "NUL" },
		{ "q=a&q=b", VNS_EINVAL, "more than once" },
		{ "q=a&%71=b", VNS_EINVAL, "more than once" }, /* %71 = q */
		{ "page=2&page=", VNS_EINVAL, "more than once" },
		{ "source=a&source=b", VNS_EINVAL, "more than once" },
		{ "page=0", VNS_EINVAL, "'page'" },
		{ "page=-1", VNS_EINVAL, "'page'" },
		{ "page=1e3", VNS_EINVAL, "'page'" },
		{ "page=99999999999999999999", VNS_EINVAL, "'page'" },
		{ "page=100001", VNS_EINVAL, "'page'" },
		{ "page=20000&n=10", VNS_EINVAL, "too far" },
		{ "n=0", VNS_EINVAL, "'n'" },
		{ "n=51", VNS_EINVAL, "from 1 to 50" },
		{ "n=1000000", VNS_EINVAL, "'n'" },
		{ "n=%2010", VNS_EINVAL, "'n'" },
		{ "sort=newest", VNS_EINVAL, "'sort'" },
		{ "format=rss", VNS_EINVAL, "'format'" },
		{ "format=ATOM", VNS_EINVAL, "'format'" },
		{ "format=atom&format=json", VNS_EINVAL, "more than once" },
		{ "like=a%0Ab", VNS_EINVAL, "control character" },
		{ "like=%FF", VNS_EUTF8, "UTF-8" },
		{ "sort=DATE", VNS_EINVAL, "'sort'" },
		{ "from=2021-13", VNS_EINVAL, "'from'" },
		{ "from=21", VNS_EINVAL, "'from'" },
		{ "to=2021-01-32", VNS_EINVAL, "'to'" },
		{ "to=2021/01/02", VNS_EINVAL, "'to'" },
		{ "year=21", VNS_EINVAL, "four digits" },
		{ "year=abcd", VNS_EINVAL, "four digits" },
		{ "source=a%22b", VNS_EINVAL, "quotation" },
		{ "province=%E2%80%9Cx", VNS_EINVAL, "quotation" },
		{ "product=a%0Ab", VNS_EINVAL, "control" },
	};
	vns_cgireq req;
	vns_err err;
	size_t i;

	(void)state;
	for (i = 0; i < N(cases); i++) {
		vns_status st = parse(cases[i].qs, &req, &err);

		if (st != cases[i].want)
			fail_msg("'%s': got %s, want %s (%s)", cases[i].qs,
				 vns_status_name(st),
				 vns_status_name(cases[i].want), err.msg);
		if (cases[i].msg_part && !strstr(err.msg, cases[i].msg_part))
			fail_msg("'%s': message '%s' lacks '%s'", cases[i].qs,
				 err.msg, cases[i].msg_part);
	}
}

static void test_long_values_meet_the_limits(void **state)
{
	char qs[VNS_CGI_QS_MAX + 64];
	vns_cgireq req;
	vns_err err;

	(void)state;
	memcpy(qs, "q=", 2);
	memset(qs + 2, 'a', VNS_CGI_Q_MAX);
	qs[2 + VNS_CGI_Q_MAX] = '\0';
	assert_int_equal(parse(qs, &req, &err), VNS_OK);
	assert_int_equal(strlen(req.q), VNS_CGI_Q_MAX);
	memcpy(qs + 2 + VNS_CGI_Q_MAX, "a", 2);
	assert_int_equal(parse(qs, &req, &err), VNS_ETOOBIG);
	assert_non_null(strstr(err.msg, "at most 1024"));

	memcpy(qs, "source=", 7);
	memset(qs + 7, 'b', VNS_CGI_FILTER_MAX + 1);
	qs[7 + VNS_CGI_FILTER_MAX + 1] = '\0';
	assert_int_equal(parse(qs, &req, &err), VNS_ETOOBIG);

	memcpy(qs, "like=", 5);
	memset(qs + 5, 'c', VNS_CGI_LIKE_MAX);
	qs[5 + VNS_CGI_LIKE_MAX] = '\0';
	assert_int_equal(parse(qs, &req, &err), VNS_OK);
	assert_int_equal(strlen(req.like), VNS_CGI_LIKE_MAX);
	memcpy(qs + 5 + VNS_CGI_LIKE_MAX, "c", 2);
	assert_int_equal(parse(qs, &req, &err), VNS_ETOOBIG);

	memset(qs, 'x', VNS_CGI_QS_MAX + 1);
	qs[VNS_CGI_QS_MAX + 1] = '\0';
	assert_int_equal(parse(qs, &req, &err), VNS_ETOOBIG);
}

static void test_parameters_decode_into_the_request(void **state)
{
	vns_cgireq req;
	vns_err err;

	(void)state;
	assert_int_equal(parse("q=tr%C3%A0+hoa%20v%C3%A0ng&source=dantri.com.vn"
			       "&year=2021&from=2021-01&to=2021-06-30"
			       "&sort=date&n=20&page=3&utm_source=x&flag",
			       &req, &err),
			 VNS_OK);
	assert_string_equal(req.q, "trà hoa vàng");
	assert_string_equal(req.filter[VNS_CGI_SOURCE], "dantri.com.vn");
	assert_string_equal(req.filter[VNS_CGI_YEAR], "2021");
	assert_string_equal(req.from, "2021-01");
	assert_string_equal(req.to, "2021-06-30");
	assert_int_equal(req.sort, VNS_SORT_DATE);
	assert_int_equal(req.per_page, 20);
	assert_int_equal(req.page, 3);
	assert_int_equal(vns_cgireq_offset(&req), 40);
	assert_true(vns_cgireq_is_search(&req));
}

static void test_empty_values_mean_the_defaults(void **state)
{
	vns_cgireq req;
	vns_err err;

	(void)state;
	assert_int_equal(parse("q=&from=&to=&sort=&page=&n=&source=+", &req,
			       &err),
			 VNS_OK);
	assert_int_equal(req.page, 1);
	assert_int_equal(req.per_page, VNS_CGI_PER_PAGE);
	assert_int_equal(req.sort, VNS_SORT_RELEVANCE);
	assert_string_equal(req.filter[VNS_CGI_SOURCE], "");
	assert_false(vns_cgireq_is_search(&req));
	assert_int_equal(parse("", &req, &err), VNS_OK);
	assert_false(vns_cgireq_is_search(&req));
	assert_int_equal(parse("&&&", &req, &err), VNS_OK);
	assert_int_equal(parse("q=+++", &req, &err), VNS_OK);
	assert_false(vns_cgireq_is_search(&req));
	assert_int_equal(parse("year=2020", &req, &err), VNS_OK);
	assert_true(vns_cgireq_is_search(&req));
}

static void check_query(const char *qs, const char *want)
{
	vns_cgireq req;
	vns_err err;
	vns_buf out;

	assert_int_equal(parse(qs, &req, &err), VNS_OK);
	vns_buf_init(&out, 0);
	assert_int_equal(vns_cgireq_query(&req, &out), VNS_OK);
	if (strcmp(out.data, want))
		fail_msg("'%s': got '%s', want '%s'", qs, out.data, want);
	vns_buf_free(&out);
}

static void test_filters_become_query_items_before_the_words(void **state)
{
	(void)state;
	check_query("q=tra+hoa", "tra hoa");
	check_query("q=x&source=S%E1%BB%9F+C%C3%B4ng+Th%C6%B0%C6%A1ng",
		    "source:\"Sở Công Thương\" x");
	check_query("q=x&year=2021&province=B%E1%BA%AFc+Ninh",
		    "province:\"Bắc Ninh\" year:\"2021\" x");
	check_query("from=2020&to=2021-06", "date:2020..2021-06 ");
	check_query("from=2020", "date:2020.. ");
	check_query("to=2020", "date:..2020 ");
	check_query("q=OR+x&source=s", "source:\"s\" x");
	check_query("q=-+OR+OR+x&source=s", "source:\"s\" x");
	check_query("q=%22%22+OR+x&source=s", "source:\"s\" x");
	check_query("q=-%22+%22OR+x&source=s", "source:\"s\" x");
	check_query("q=ORx", "ORx");
	check_query("q=-OR", "-OR");
}

/* Whatever the words, the filters stay plain required items: none is
 * negated or joined by OR to the words. */
static void test_words_cannot_join_or_undo_a_filter(void **state)
{
	static const char *const words[] = {
		"OR x", " OR x", "\xC2\xA0OR x", "\tOR\"x\"", "- OR x",
		"-\"\" OR x", "\"\" OR x", "\xE2\x80\x9C \xE2\x80\x9D OR x",
		"OR", "OR OR OR", "-", "- - OR -x", "\"\"\"\" OR y",
		"-\xC2\xA0OR z", "x OR", "x\" OR y",
	};
	vns_cgireq req;
	vns_qtree tree;
	vns_buf q;
	vns_err err;
	size_t i;

	(void)state;
	for (i = 0; i < N(words); i++) {
		vns_cgireq_init(&req);
		snprintf(req.q, sizeof req.q, "%s", words[i]);
		snprintf(req.filter[VNS_CGI_SOURCE], sizeof req.filter[0], "s");
		vns_buf_init(&q, 0);
		assert_int_equal(vns_cgireq_query(&req, &q), VNS_OK);
		if (vns_qparse(q.data, q.len, &tree, &err) == VNS_OK) {
			assert_true(tree.n >= 1);
			assert_int_equal(tree.items[0].kind, VNS_QITEM_FIELD);
			if (tree.items[0].or_group || tree.items[0].negated)
				fail_msg("'%s': the filter joined the words",
					 words[i]);
			vns_qtree_free(&tree);
		}
		vns_buf_free(&q);
	}
}

static void check_round_trip(const char *qs, const char *want_href)
{
	vns_cgireq a, b;
	vns_err err;
	vns_buf href;

	assert_int_equal(parse(qs, &a, &err), VNS_OK);
	vns_buf_init(&href, 0);
	assert_int_equal(vns_cgireq_href(&a, &href), VNS_OK);
	if (want_href && strcmp(href.data, want_href))
		fail_msg("'%s': href '%s', want '%s'", qs, href.data,
			 want_href);
	assert_int_equal(href.data[0], '?');
	assert_int_equal(parse(href.data + 1, &b, &err), VNS_OK);
	assert_memory_equal(&a, &b, sizeof a);
	vns_buf_free(&href);
}

static void test_href_is_canonical_and_decodes_back(void **state)
{
	(void)state;
	check_round_trip("", "?");
	check_round_trip("q=a+b", "?q=a%20b");
	check_round_trip("page=2&q=x&sort=date", "?q=x&sort=date&page=2");
	check_round_trip("n=10&page=1&sort=relevance&q=x", "?q=x");
	check_round_trip("q=%3Cscript%3E%26%22%27", "?q=%3Cscript%3E%26%22%27");
	check_round_trip("year=2020&source=a+b&province=H%C3%A0+N%E1%BB%99i"
			 "&from=2020-01-01&to=2020-12&n=50&page=7",
			 "?province=H%C3%A0%20N%E1%BB%99i&source=a%20b&"
			 "year=2020&from=2020-01-01&to=2020-12&n=50&page=7");
	check_round_trip("product=tr%C3%A0&programme=KCQG", NULL);
	check_round_trip("format=atom&like=vns-1&q=x", "?q=x&like=vns-1&"
			 "format=atom");
	check_round_trip("format=html&like=a%26b", "?like=a%26b");
}

static void test_format_and_like_decode(void **state)
{
	static const char *const names[] = { "html", "atom", "json",
					     "opensearch" };
	char qs[64];
	vns_cgireq req;
	vns_err err;

	(void)state;
	assert_int_equal(parse("", &req, &err), VNS_OK);
	assert_int_equal(req.format, VNS_CGI_HTML);
	for (int f = 0; f < VNS_CGI_NFORMATS; f++) {
		snprintf(qs, sizeof qs, "format=%s", names[f]);
		assert_int_equal(parse(qs, &req, &err), VNS_OK);
		assert_int_equal(req.format, f);
		assert_string_equal(vns_cgi_format_name((vns_cgi_format)f),
				    names[f]);
	}
	assert_int_equal(parse("format=atom", &req, &err), VNS_OK);
	assert_false(vns_cgireq_is_search(&req));
	assert_int_equal(parse("like=vns-sample-008", &req, &err), VNS_OK);
	assert_string_equal(req.like, "vns-sample-008");
	assert_true(vns_cgireq_is_search(&req));
}

static void test_filter_names_and_facets(void **state)
{
	(void)state;
	assert_string_equal(vns_cgi_filter_param(VNS_CGI_PROVINCE),
			    "province");
	assert_string_equal(vns_cgi_filter_param(VNS_CGI_YEAR), "year");
	assert_string_equal(vns_cgi_filter_param(VNS_CGI_NFILTERS), "unknown");
	assert_int_equal(vns_cgi_filter_facet(VNS_CGI_SOURCE),
			 VNS_FACET_SOURCE);
	assert_int_equal(vns_cgi_filter_facet(VNS_CGI_PROVINCE),
			 VNS_FACET_PROVINCE);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_malformed_requests_are_refused_with_a_reason),
		cmocka_unit_test(test_long_values_meet_the_limits),
		cmocka_unit_test(test_parameters_decode_into_the_request),
		cmocka_unit_test(test_empty_values_mean_the_defaults),
		cmocka_unit_test(test_filters_become_query_items_before_the_words),
		cmocka_unit_test(test_words_cannot_join_or_undo_a_filter),
		cmocka_unit_test(test_href_is_canonical_and_decodes_back),
		cmocka_unit_test(test_filter_names_and_facets),
		cmocka_unit_test(test_format_and_like_decode),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
