/* test_page.c - the search page's HTML (query/page.c) on page models built
 * by hand: results, facets with links that add a filter, the chart of
 * matches over time, pagination, "Did you mean", hostile values rendered
 * inert, and the response headers. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "page.h"

#define XSS "<script>alert(1)</script>\"'><img src=x onerror=alert(1)>"

static vns_page_value vals(const char *v, unsigned long n)
{
	vns_page_value x = { strdup(v), n };

	return x;
}

/* A page of two results with source and year facets. */
static void make_page(vns_page *p, unsigned long total)
{
	static const size_t span[1][2] = { { 0, 4 } }; /* "Trà" */
	vns_page_row *r;

	memset(p, 0, sizeof *p);
	p->total = total;
	p->rows = calloc(2, sizeof *p->rows);
	p->nrows = 2;
	r = &p->rows[0];
	r->rank = 1;
	r->id = strdup("vns-1&x");
	r->title = strdup("Trà hoa vàng Ba Chẽ");
	r->url = strdup("https://example.vn/a?x=1&y=2");
	r->date = strdup("2024-12-02");
	r->source = strdup("example.vn");
	r->snippet = strdup("Trà hoa vàng <b>quý</b>");
	r->spans = malloc(sizeof span);
	memcpy(r->spans, span, sizeof span);
	r->nspans = 1;
	r = &p->rows[1];
	r->rank = 2;
	r->id = strdup(XSS);
	r->title = strdup(XSS);
	r->url = strdup("javascript:alert(1)");
	r->source = strdup(XSS);
	r->snippet = strdup(XSS);
	p->facet[VNS_CGI_SOURCE].v = calloc(2, sizeof(vns_page_value));
	p->facet[VNS_CGI_SOURCE].v[0] = vals("dantri.com.vn", 1234);
	p->facet[VNS_CGI_SOURCE].v[1] = vals(XSS, 2);
	p->facet[VNS_CGI_SOURCE].n = 2;
	p->facet[VNS_CGI_YEAR].v = calloc(3, sizeof(vns_page_value));
	p->facet[VNS_CGI_YEAR].v[0] = vals("2021", 40);
	p->facet[VNS_CGI_YEAR].v[1] = vals("2019", 10);
	p->facet[VNS_CGI_YEAR].v[2] = vals("2024", 5);
	p->facet[VNS_CGI_YEAR].n = 3;
}

static char *render(const char *qs, const vns_page *p)
{
	vns_cgireq req;
	vns_err err;
	vns_buf out;

	assert_int_equal(vns_cgireq_parse(qs, strlen(qs), &req, &err), VNS_OK);
	vns_buf_init(&out, 0);
	assert_int_equal(vns_page_render(&out, &req, p), VNS_OK);
	return vns_buf_detach(&out, NULL);
}

#define HAS(html, s)                                                      \
	do {                                                              \
		if (!strstr(html, s))                                     \
			fail_msg("page lacks '%s'", s);                   \
	} while (0)
#define LACKS(html, s)                                                    \
	do {                                                              \
		if (strstr(html, s))                                      \
			fail_msg("page has '%s'", s);                     \
	} while (0)

static void test_results_show_title_link_date_source_snippet(void **state)
{
	vns_page p;
	char *html;

	(void)state;
	make_page(&p, 25);
	html = render("q=tra+hoa", &p);
	HAS(html, "<html lang=\"vi\">");
	HAS(html, "<h2><a href=\"https://example.vn/a?x&#61;1&amp;y&#61;2\" "
		  "rel=\"noopener noreferrer\">Trà hoa vàng Ba Chẽ</a></h2>");
	HAS(html, "<time datetime=\"2024-12-02\">02/12/2024</time> · "
		  "example.vn");
	HAS(html, "<mark>Trà</mark> hoa vàng &lt;b&gt;quý&lt;/b&gt;");
	HAS(html, "Kết quả 1–2 trong khoảng 25");
	HAS(html, "value=\"tra hoa\"");
	HAS(html, "<label for=\"q\">");
	free(html);
	vns_page_clear(&p);
}

static void test_results_link_their_feed_and_related_articles(void **state)
{
	vns_page p;
	char *html;

	(void)state;
	make_page(&p, 25);
	html = render("q=tra+hoa&page=2", &p);
	HAS(html, "<link rel=\"alternate\" type=\"application/atom+xml\" "
		  "title=\"Theo dõi tìm kiếm này\" href=\"?q&#61;tra%20hoa&amp;"
		  "format&#61;atom\">");
	HAS(html, "<link rel=\"search\" type=\"application/"
		  "opensearchdescription+xml\" title=\"vnsearch\" "
		  "href=\"?format&#61;opensearch\">");
	HAS(html, "type=\"application/atom+xml\" href=\"?q&#61;tra%20hoa&amp;"
		  "format&#61;atom\">Theo dõi</a>");
	HAS(html, "<a rel=\"related\" href=\"?like&#61;vns-1%26x\">Tin liên "
		  "quan</a>");
	HAS(html, "<a rel=\"related\" href=\"?like&#61;%3Cscript%3E");
	free(html);
	html = render("like=vns-1", &p);
	HAS(html, "liên quan đến bài vns-1");
	free(html);
	vns_page_clear(&p);
}

static void test_hostile_values_are_rendered_inert(void **state)
{
	vns_page p;
	char *html;

	(void)state;
	make_page(&p, 2);
	free(p.suggestion);
	p.suggestion = strdup(XSS);
	html = render("q=%3Cscript%3Ealert(1)%3C%2Fscript%3E%22%27"
		      "&province=%3Cb%3E&product=%27onmouseover%3D1"
		      "&from=2020&to=2021", &p);
	LACKS(html, "<script");
	LACKS(html, "<img");
	LACKS(html, "javascript:");
	LACKS(html, "<b>");
	LACKS(html, "'onmouseover");
	HAS(html, "&lt;script&gt;alert(1)&lt;/script&gt;&quot;&#39;&gt;"
		  "&lt;img src=x onerror=alert(1)&gt;");
	HAS(html, "<h2>&lt;script&gt;");
	free(html);
	vns_page_clear(&p);
}

/* A list of n strings (copied) for a page row. */
static vns_page_list list_of(const char *const *v, size_t n)
{
	vns_page_list l = { calloc(n, sizeof(char *)), n };

	for (size_t i = 0; i < n; i++)
		l.v[i] = strdup(v[i]);
	return l;
}

static void test_other_copies_are_listed_with_links(void **state)
{
	static const char *const src[] = { "baomoi.com", "", XSS };
	static const char *const url[] = { "https://baomoi.com/a?x=1&y=2",
					   "https://b.vn/c", "javascript:x" };
	vns_page p;
	char *html;

	(void)state;
	make_page(&p, 2);
	p.rows[0].also_source = list_of(src, 3);
	p.rows[0].also_url = list_of(url, 3);
	html = render("q=tra", &p);
	HAS(html, "<p class=\"meta also\">Cũng đăng trên: "
		  "<a href=\"https://baomoi.com/a?x&#61;1&amp;y&#61;2\" "
		  "rel=\"noopener noreferrer\">baomoi.com</a>, "
		  "<a href=\"https://b.vn/c\" rel=\"noopener noreferrer\">"
		  "https://b.vn/c</a>, &lt;script&gt;");
	LACKS(html, "javascript:");
	free(html);
	vns_page_clear(&p);
}

/* A 2024 province is shown as written, with its 2025 successor, and
 * links to the search filtered by its own name. */
static void test_a_province_shows_its_successor(void **state)
{
	static const char *const prov[] = { "Bắc Giang", "Hà Nội" };
	vns_page p;
	char *html;

	(void)state;
	make_page(&p, 2);
	p.rows[0].entity[0] = list_of(prov, 2);
	html = render("q=tra", &p);
	HAS(html, ">Bắc Giang (nay Bắc Ninh)</a>");
	HAS(html, ">Hà Nội</a>");
	LACKS(html, "Hà Nội (nay");
	free(html);
	vns_page_clear(&p);
}

static void test_facet_values_link_to_the_search_with_the_filter(void **state)
{
	vns_page p;
	char *html;

	(void)state;
	make_page(&p, 25);
	html = render("q=tra&page=2", &p);
	HAS(html, "<section class=\"facet\" id=\"facet-source\">");
	HAS(html, "<li><a href=\"?q&#61;tra&amp;source&#61;dantri.com.vn\">"
		  "dantri.com.vn</a> <span class=\"count\">1.234</span></li>");
	HAS(html, "<section class=\"facet\" id=\"facet-year\">");
	HAS(html, "<a href=\"?q&#61;tra&amp;year&#61;2024\">2024</a>");
	/* years newest first in the side bar */
	assert_true(strstr(html, ">2024</a>") < strstr(html, ">2021</a>"));
	assert_true(strstr(html, ">2021</a>") < strstr(html, ">2019</a>"));
	LACKS(html, "id=\"facet-province\"");
	free(html);
	vns_page_clear(&p);
}

static void test_active_filters_are_shown_with_a_removal_link(void **state)
{
	vns_page p;
	char *html;

	(void)state;
	make_page(&p, 25);
	html = render("q=tra&source=dantri.com.vn&from=2020&page=2", &p);
	HAS(html, "Nguồn: <strong>dantri.com.vn</strong><a href=\"?q&#61;tra"
		  "&amp;from&#61;2020\" aria-label=\"Bỏ lọc Nguồn "
		  "dantri.com.vn\">×</a>");
	HAS(html, "Thời gian: <strong>2020 … </strong><a href=\"?q&#61;tra"
		  "&amp;source&#61;dantri.com.vn\"");
	HAS(html, "<input type=\"hidden\" name=\"source\" "
		  "value=\"dantri.com.vn\">");
	/* the value in force is not offered again */
	LACKS(html, "source&#61;dantri.com.vn\">dantri.com.vn</a>");
	free(html);
	vns_page_clear(&p);
}

static void test_chart_draws_one_bar_per_year_from_the_year_facet(void **state)
{
	vns_page p;
	char *html, *svg;
	int bars = 0;

	(void)state;
	make_page(&p, 55);
	html = render("q=tra", &p);
	svg = strstr(html, "<svg");
	assert_non_null(svg);
	for (char *s = svg; (s = strstr(s, "<rect ")); s++)
		bars++;
	assert_int_equal(bars, 6); /* 2019..2024, gaps included */
	HAS(svg, "<title>2021: 40 kết quả</title>");
	HAS(svg, "<title>2020: 0 kết quả</title>");
	HAS(svg, "<a href=\"?q&#61;tra&amp;year&#61;2019\"><rect class=\"bar\"");
	HAS(svg, "role=\"img\"");
	LACKS(html, "style=\"");
	free(html);
	/* one year: no chart */
	p.facet[VNS_CGI_YEAR].n = 1;
	html = render("q=tra", &p);
	LACKS(html, "<svg");
	p.facet[VNS_CGI_YEAR].n = 3;
	free(html);
	vns_page_clear(&p);
}

static void test_pagination_links_neighbouring_pages(void **state)
{
	vns_page p;
	char *html;

	(void)state;
	make_page(&p, 100);
	html = render("q=tra&n=2&page=5", &p);
	HAS(html, "<nav class=\"pages\" aria-label=\"Phân trang\">");
	HAS(html, "<a href=\"?q&#61;tra&amp;n&#61;2&amp;page&#61;4\" "
		  "rel=\"prev\">");
	HAS(html, "<a href=\"?q&#61;tra&amp;n&#61;2&amp;page&#61;6\" "
		  "rel=\"next\">");
	HAS(html, "<span aria-current=\"page\">5</span>");
	HAS(html, "<a href=\"?q&#61;tra&amp;n&#61;2&amp;page&#61;3\">3</a>");
	HAS(html, "<a href=\"?q&#61;tra&amp;n&#61;2&amp;page&#61;7\">7</a>");
	LACKS(html, "page&#61;8\"");
	HAS(html, "start=\"1\""); /* the hand-made rows say rank 1 */
	free(html);
	vns_page_clear(&p);
}

static void test_suggestion_links_to_the_suggested_words(void **state)
{
	vns_page p;
	char *html;

	(void)state;
	make_page(&p, 3);
	p.suggestion = strdup("trà hoa vàng");
	html = render("q=tra+hoa+vang&sort=date", &p);
	HAS(html, "Có phải bạn muốn tìm: <a href=\"?q&#61;tr%C3%A0%20hoa%20"
		  "v%C3%A0ng&amp;sort&#61;date\"><strong>trà hoa vàng"
		  "</strong></a>");
	free(html);
	vns_page_clear(&p);
}

static void test_no_results_says_so(void **state)
{
	vns_page p = { 0 };
	char *html;

	(void)state;
	html = render("q=xyzzy", &p);
	HAS(html, "id=\"no-results\"");
	HAS(html, "cho «xyzzy»");
	HAS(html, "0 kết quả");
	LACKS(html, "<nav");
	free(html);
}

static void test_front_and_error_pages(void **state)
{
	vns_cgireq req;
	vns_err err;
	vns_buf out;

	(void)state;
	vns_buf_init(&out, 0);
	assert_int_equal(vns_page_render_front(&out), VNS_OK);
	HAS(out.data, "<form class=\"search\" role=\"search\" method=\"get\">");
	vns_buf_reset(&out);
	assert_int_equal(vns_cgireq_parse("q=%3C", 5, &req, &err), VNS_OK);
	assert_int_equal(vns_page_render_error(&out, &req, 400, XSS), VNS_OK);
	HAS(out.data, "<h1>Yêu cầu không hợp lệ</h1>");
	HAS(out.data, "<p>&lt;script&gt;alert(1)");
	HAS(out.data, "value=\"&lt;\"");
	LACKS(out.data, "<script");
	vns_buf_free(&out);
}

static void test_headers_carry_type_nosniff_and_a_script_free_csp(void **state)
{
	vns_buf out;

	(void)state;
	vns_buf_init(&out, 0);
	assert_int_equal(vns_page_headers(&out, 400, 123), VNS_OK);
	HAS(out.data, "Status: 400 Bad Request\r\n");
	HAS(out.data, "Content-Type: text/html; charset=utf-8\r\n");
	HAS(out.data, "Content-Length: 123\r\n");
	HAS(out.data, "X-Content-Type-Options: nosniff\r\n");
	HAS(out.data, "Content-Security-Policy: default-src 'none'; "
		      "style-src 'sha256-");
	LACKS(out.data, "script-src");
	LACKS(out.data, "unsafe-inline");
	assert_true(out.len > 4 &&
		    !strcmp(out.data + out.len - 4, "\r\n\r\n"));
	vns_buf_reset(&out);
	assert_int_equal(vns_page_headers(&out, 405, 0), VNS_OK);
	HAS(out.data, "Allow: GET, HEAD\r\n");
	vns_buf_free(&out);
}

/* Output past the buffer's cap fails and leaves the buffer as it was. */
static void test_a_page_over_the_cap_fails_cleanly(void **state)
{
	vns_page p;
	vns_cgireq req;
	vns_buf out;

	(void)state;
	make_page(&p, 2);
	vns_cgireq_init(&req);
	vns_buf_init(&out, 2000);
	assert_int_equal(vns_buf_adds(&out, "x"), VNS_OK);
	assert_int_equal(vns_page_render(&out, &req, &p), VNS_ETOOBIG);
	assert_string_equal(out.data, "x");
	vns_buf_free(&out);
	vns_page_clear(&p);
	vns_page_clear(NULL);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_results_show_title_link_date_source_snippet),
		cmocka_unit_test(test_results_link_their_feed_and_related_articles),
		cmocka_unit_test(test_hostile_values_are_rendered_inert),
		cmocka_unit_test(test_other_copies_are_listed_with_links),
		cmocka_unit_test(test_a_province_shows_its_successor),
		cmocka_unit_test(test_facet_values_link_to_the_search_with_the_filter),
		cmocka_unit_test(test_active_filters_are_shown_with_a_removal_link),
		cmocka_unit_test(test_chart_draws_one_bar_per_year_from_the_year_facet),
		cmocka_unit_test(test_pagination_links_neighbouring_pages),
		cmocka_unit_test(test_suggestion_links_to_the_suggested_words),
		cmocka_unit_test(test_no_results_says_so),
		cmocka_unit_test(test_front_and_error_pages),
		cmocka_unit_test(test_headers_carry_type_nosniff_and_a_script_free_csp),
		cmocka_unit_test(test_a_page_over_the_cap_fails_cleanly),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
