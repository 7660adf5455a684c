/* page.c - the search page's HTML (see page.h). Output goes through a
 * small writer with a sticky status, so each piece of the page is a short
 * function that escapes what it prints for where it prints it. */
#include "page.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "escape.h"
#include "grow.h"
#include "page_css.inc"

/* Entities shown per result, per kind. */
#define ROW_ENTITIES_MAX 5
/* Page links shown either side of the current one. */
#define PAGE_WINDOW 2
/* Bars the chart draws at most (the most recent years). */
#define CHART_BARS_MAX 40

static const char csp[] =
	"default-src 'none'; style-src 'sha256-" VNS_PAGE_CSS_SHA256 "'; "
	"img-src 'self'; form-action 'self'; base-uri 'none'; "
	"frame-ancestors 'none'";

const char *vns_page_csp(void)
{
	return csp;
}

/* ---- the page model ---- */

static char *dup_or_null(const char *s)
{
	return s ? strdup(s) : NULL;
}

static vns_status copy_list(vns_page_list *l, const char *const *v, size_t n)
{
	if (!n)
		return VNS_OK;
	if (!(l->v = calloc(n, sizeof *l->v)))
		return VNS_ENOMEM;
	for (l->n = 0; l->n < n; l->n++)
		if (!(l->v[l->n] = strdup(v[l->n])))
			return VNS_ENOMEM;
	return VNS_OK;
}

static vns_status copy_spans(vns_page_row *row, const vns_result *res)
{
	if (!res->nspans)
		return VNS_OK;
	row->spans = malloc(res->nspans * sizeof *row->spans);
	if (!row->spans)
		return VNS_ENOMEM;
	memcpy(row->spans, res->spans, res->nspans * sizeof *row->spans);
	row->nspans = res->nspans;
	return VNS_OK;
}

/* The other copies' sources and urls, as two lists of equal length. */
static vns_status copy_also(vns_page_row *row, const vns_result *res)
{
	const char *src[VNS_ALSO_MAX], *url[VNS_ALSO_MAX];
	size_t n = res->n_also < VNS_ALSO_MAX ? res->n_also : VNS_ALSO_MAX;
	vns_status st;

	for (size_t i = 0; i < n; i++) {
		src[i] = res->also[i].source ? res->also[i].source : "";
		url[i] = res->also[i].url ? res->also[i].url : "";
	}
	st = copy_list(&row->also_source, src, n);
	return st ? st : copy_list(&row->also_url, url, n);
}

static vns_status copy_row(vns_page_row *row, const vns_result *res)
{
	vns_status st;

	row->rank = res->rank;
	row->title = dup_or_null(res->title);
	row->url = dup_or_null(res->url);
	row->date = dup_or_null(res->date);
	row->source = dup_or_null(res->source);
	row->snippet = strdup(res->snippet ? res->snippet : "");
	row->id = strdup(res->id ? res->id : "");
	if (!row->id || (res->title && !row->title) || (res->url && !row->url) ||
	    (res->date && !row->date) || (res->source && !row->source) ||
	    !row->snippet)
		return VNS_ENOMEM;
	st = copy_spans(row, res);
	if (!st)
		/* the 2024 names, shown with their successor */
		st = copy_list(&row->entity[0],
			       res->provinces + res->n_provinces_2025,
			       res->n_provinces - res->n_provinces_2025);
	if (!st)
		st = copy_list(&row->entity[1], res->products, res->n_products);
	if (!st)
		st = copy_list(&row->entity[2], res->programmes,
			       res->n_programmes);
	if (!st)
		st = copy_also(row, res);
	return st;
}

static vns_status collect_rows(vns_page *p, vns_results *r, vns_err *err)
{
	vns_result res;
	int got;

	/* fields a search does not fill stay empty */
	while ((memset(&res, 0, sizeof res),
		got = vns_results_next(r, &res, err)) == 1) {
		if (VNS_RESIZE(p->rows, p->nrows + 1))
			return vns_err_set(err, VNS_ENOMEM, "out of memory");
		memset(&p->rows[p->nrows], 0, sizeof *p->rows);
		p->nrows++;
		if (copy_row(&p->rows[p->nrows - 1], &res))
			return vns_err_set(err, VNS_ENOMEM, "out of memory");
	}
	return got < 0 ? (vns_status)-got : VNS_OK;
}

typedef struct facet_sink {
	vns_page_facet *f;
	size_t max;
	int oom;
} facet_sink;

static int take_value(void *ctx, const char *value, unsigned long count)
{
	facet_sink *s = ctx;
	if (s->f->n >= s->max)
		return 1;
	if (VNS_RESIZE(s->f->v, s->f->n + 1) ||
	    !(s->f->v[s->f->n].value = strdup(value))) {
		s->oom = 1;
		return 1;
	}
	s->f->v[s->f->n++].count = count;
	return 0;
}

static vns_status collect_facets(vns_page *p, vns_results *r, vns_err *err)
{
	vns_status st = VNS_OK;
	int i;

	for (i = 0; !st && i < VNS_CGI_NFILTERS; i++) {
		facet_sink s = { &p->facet[i],
				 i == VNS_CGI_YEAR ? VNS_PAGE_YEARS_MAX
						   : VNS_PAGE_FACET_MAX, 0 };

		st = vns_results_facet(r, vns_cgi_filter_facet(i),
				       (unsigned)s.max, take_value, &s, err);
		if (!st && s.oom)
			st = vns_err_set(err, VNS_ENOMEM, "out of memory");
	}
	return st;
}

vns_status vns_page_collect(vns_page *p, vns_results *r, vns_err *err)
{
	const char *sugg = vns_results_suggestion(r);
	vns_status st;

	p->total = vns_results_total(r);
	if (sugg && !(p->suggestion = strdup(sugg)))
		return vns_err_set(err, VNS_ENOMEM, "out of memory");
	st = collect_facets(p, r, err);
	if (!st)
		st = collect_rows(p, r, err);
	return st;
}

static void free_list(vns_page_list *l)
{
	size_t i;

	for (i = 0; i < l->n; i++)
		free(l->v[i]);
	free(l->v);
}

static void free_row(vns_page_row *row)
{
	free(row->id);
	int k;

	free(row->title);
	free(row->url);
	free(row->date);
	free(row->source);
	free(row->snippet);
	free(row->spans);
	for (k = 0; k < 3; k++)
		free_list(&row->entity[k]);
	free_list(&row->also_source);
	free_list(&row->also_url);
}

void vns_page_clear(vns_page *p)
{
	size_t i;
	int f;

	if (!p)
		return;
	for (i = 0; i < p->nrows; i++)
		free_row(&p->rows[i]);
	free(p->rows);
	for (f = 0; f < VNS_CGI_NFILTERS; f++) {
		for (i = 0; i < p->facet[f].n; i++)
			free(p->facet[f].v[i].value);
		free(p->facet[f].v);
	}
	free(p->suggestion);
	memset(p, 0, sizeof *p);
}

/* ---- the writer ---- */

typedef struct out {
	vns_buf *b;
	vns_status st;
} out;

static void put(out *o, const char *s)
{
	if (!o->st)
		o->st = vns_buf_adds(o->b, s);
}

static void putf(out *o, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

static void putf(out *o, const char *fmt, ...)
{
	va_list ap;

	if (o->st)
		return;
	va_start(ap, fmt);
	o->st = vns_buf_vaddf(o->b, fmt, ap);
	va_end(ap);
}

/* HTML element content. */
static void text_n(out *o, const char *s, size_t len)
{
	if (!o->st)
		o->st = vns_escape_html_text(o->b, s, len);
}

static void text(out *o, const char *s)
{
	text_n(o, s, strlen(s));
}

/* A quoted attribute value (the quotes are the caller's). */
static void attr(out *o, const char *s)
{
	if (!o->st)
		o->st = vns_escape_html_attr(o->b, s, strlen(s));
}

/* ' href="URL"' for the page of req. */
static void href(out *o, const vns_cgireq *req)
{
	vns_buf url;

	if (o->st)
		return;
	vns_buf_init(&url, o->b->cap);
	o->st = vns_cgireq_href(req, &url);
	put(o, " href=\"");
	attr(o, url.data);
	put(o, "\"");
	vns_buf_free(&url);
}

/* A count with '.' between thousands, as Vietnamese writes it. */
static void number(out *o, unsigned long n)
{
	if (n >= 1000) {
		number(o, n / 1000);
		putf(o, ".%03lu", n % 1000);
	} else
		putf(o, "%lu", n);
}

/* ---- the frame of every page ---- */

/* ' href="URL"' of req's answer in format f, from its first page. */
static void format_href(out *o, const vns_cgireq *req, vns_cgi_format f)
{
	vns_cgireq in = *req;

	in.format = f;
	in.page = 1;
	href(o, &in);
}

/* The page's machine-readable answers, for browsers and feed readers:
 * the OpenSearch description always, the search's Atom feed when
 * there is a search. */
static void head_links(out *o, const vns_cgireq *feed)
{
	vns_cgireq none;

	vns_cgireq_init(&none);
	put(o, "<link rel=\"search\" type=\"application/"
	       "opensearchdescription+xml\" title=\"vnsearch\"");
	format_href(o, &none, VNS_CGI_OPENSEARCH);
	put(o, ">\n");
	if (!feed)
		return;
	put(o, "<link rel=\"alternate\" type=\"application/atom+xml\" "
	       "title=\"Theo dõi tìm kiếm này\"");
	format_href(o, feed, VNS_CGI_ATOM);
	put(o, ">\n");
}

static void head(out *o, const char *title, const vns_cgireq *feed)
{
	put(o, "<!DOCTYPE html>\n<html lang=\"vi\">\n<head>\n"
	       "<meta charset=\"utf-8\">\n"
	       "<meta name=\"viewport\" content=\"width=device-width, "
	       "initial-scale=1\">\n<meta name=\"referrer\" "
	       "content=\"no-referrer\">\n<title>");
	if (title && *title) {
		text(o, title);
		put(o, " – ");
	}
	put(o, "Tìm kiếm tin khuyến công</title>\n");
	head_links(o, feed);
	put(o, "<style>" VNS_PAGE_CSS "</style>\n</head>\n<body>\n");
}

static void hidden(out *o, const char *name, const char *value)
{
	putf(o, "<input type=\"hidden\" name=\"%s\" value=\"", name);
	attr(o, value);
	put(o, "\">\n");
}

static void date_input(out *o, const char *name, const char *label,
		       const char *value)
{
	putf(o, "<div class=\"field\"><label for=\"%s\">%s</label>"
		"<input class=\"date\" id=\"%s\" name=\"%s\" "
		"inputmode=\"numeric\" placeholder=\"YYYY-MM-DD\" "
		"pattern=\"[0-9]{4}(-[0-9]{2}(-[0-9]{2})?)?\" value=\"",
	     name, label, name, name);
	attr(o, value);
	put(o, "\"></div>\n");
}

static void sort_select(out *o, vns_sort sort)
{
	put(o, "<div class=\"field\"><label for=\"sort\">Sắp xếp</label>"
	       "<select id=\"sort\" name=\"sort\">"
	       "<option value=\"relevance\"");
	put(o, sort == VNS_SORT_RELEVANCE ? " selected" : "");
	put(o, ">Phù hợp nhất</option><option value=\"date\"");
	put(o, sort == VNS_SORT_DATE ? " selected" : "");
	put(o, ">Mới nhất</option></select></div>\n");
}

/* The search box; req (may be NULL) fills it in and keeps its filters. */
static void search_form(out *o, const vns_cgireq *req)
{
	int i;

	put(o, "<header>\n<p class=\"brand\"><a href=\"?\">vnsearch · tin "
	       "khuyến công</a></p>\n<form class=\"search\" role=\"search\" "
	       "method=\"get\">\n<div class=\"field q\"><label for=\"q\">Tìm "
	       "kiếm</label><input type=\"search\" id=\"q\" name=\"q\" "
	       "maxlength=\"1024\" autocomplete=\"off\" value=\"");
	attr(o, req ? req->q : "");
	put(o, "\"></div>\n");
	date_input(o, "from", "Từ ngày", req ? req->from : "");
	date_input(o, "to", "Đến ngày", req ? req->to : "");
	sort_select(o, req ? req->sort : VNS_SORT_RELEVANCE);
	for (i = 0; req && i < VNS_CGI_NFILTERS; i++)
		if (req->filter[i][0])
			hidden(o, vns_cgi_filter_param(i), req->filter[i]);
	if (req && req->per_page != VNS_CGI_PER_PAGE)
		putf(o, "<input type=\"hidden\" name=\"n\" value=\"%u\">\n",
		     req->per_page);
	put(o, "<button type=\"submit\">Tìm</button>\n</form>\n</header>\n");
}

static void tail(out *o)
{
	put(o, "<footer>vnsearch · tìm kiếm toàn văn tiếng Việt</footer>\n"
	       "</body>\n</html>\n");
}

/* ---- pieces of the results page ---- */

static const char *const filter_labels[VNS_CGI_NFILTERS] = {
	"Tỉnh/thành", "Sản phẩm", "Chương trình", "Nguồn", "Năm",
};

static void summary(out *o, const vns_cgireq *req, const vns_page *p)
{
	unsigned first = vns_cgireq_offset(req) + 1;

	put(o, "<p class=\"summary\" id=\"summary\">");
	if (p->nrows) {
		putf(o, "Kết quả %u–%u trong khoảng ", first,
		     first + (unsigned)p->nrows - 1);
		number(o, p->total);
	} else {
		put(o, "0 kết quả");
	}
	if (req->like[0]) {
		put(o, " liên quan đến bài ");
		text(o, req->like);
	}
	put(o, " · <a class=\"follow\" id=\"follow\" "
	       "type=\"application/atom+xml\"");
	format_href(o, req, VNS_CGI_ATOM);
	put(o, ">Theo dõi</a></p>\n");
}

/* One filter in force, with a link to the same search without it. */
static void active_filter(out *o, const char *label, const char *value,
			  vns_cgireq *without)
{
	without->page = 1;
	put(o, "<li>");
	text(o, label);
	put(o, ": <strong>");
	text(o, value);
	put(o, "</strong><a");
	href(o, without);
	put(o, " aria-label=\"Bỏ lọc ");
	attr(o, label);
	put(o, " ");
	attr(o, value);
	put(o, "\">×</a></li>\n");
}

/* The filters in force, each with a link that removes it. */
static void active_filters(out *o, const vns_cgireq *req)
{
	vns_cgireq without;
	char range[32];
	int i, any = req->from[0] || req->to[0];

	for (i = 0; i < VNS_CGI_NFILTERS; i++)
		any |= req->filter[i][0] != '\0';
	if (!any)
		return;
	put(o, "<ul class=\"active\" id=\"active\" "
	       "aria-label=\"Bộ lọc đang dùng\">\n");
	for (i = 0; i < VNS_CGI_NFILTERS; i++) {
		if (!req->filter[i][0])
			continue;
		without = *req;
		without.filter[i][0] = '\0';
		active_filter(o, filter_labels[i], req->filter[i], &without);
	}
	if (req->from[0] || req->to[0]) {
		without = *req;
		without.from[0] = without.to[0] = '\0';
		snprintf(range, sizeof range, "%s … %s", req->from, req->to);
		active_filter(o, "Thời gian", range, &without);
	}
	put(o, "</ul>\n");
}

/* "Did you mean": a link to the same search with the suggested words. */
static void suggestion(out *o, const vns_cgireq *req, const vns_page *p)
{
	vns_cgireq alt = *req;
	size_t len;

	if (!p->suggestion || !*p->suggestion)
		return;
	len = strlen(p->suggestion);
	if (len > VNS_CGI_Q_MAX || !strcmp(p->suggestion, req->q))
		return;
	memcpy(alt.q, p->suggestion, len + 1);
	alt.page = 1;
	put(o, "<p class=\"suggest\" id=\"suggest\">Có phải bạn muốn tìm: <a");
	href(o, &alt);
	put(o, "><strong>");
	text(o, p->suggestion);
	put(o, "</strong></a>?</p>\n");
}

/* ---- the chart of matches over time ---- */

typedef struct year_count {
	int year;
	unsigned long count;
} year_count;

static int by_year(const void *a, const void *b)
{
	const year_count *x = a, *y = b;

	return (x->year > y->year) - (x->year < y->year);
}

/* The year facet as (year, count), oldest first; NULL when it has no
 * usable value. *n gets the number of entries. */
static year_count *years_of(const vns_page_facet *f, size_t *n)
{
	year_count *y = f->n ? calloc(f->n, sizeof *y) : NULL;
	size_t i, k = 0;

	for (i = 0; y && i < f->n; i++) {
		const char *v = f->v[i].value;

		if (strlen(v) == 4 && strspn(v, "0123456789") == 4) {
			y[k].year = atoi(v);
			y[k++].count = f->v[i].count;
		}
	}
	if (y)
		qsort(y, k, sizeof *y, by_year);
	*n = k;
	return y;
}

static void chart_bar(out *o, const vns_cgireq *req, const year_count *y,
		      unsigned long max, unsigned i, unsigned nbars)
{
	vns_cgireq one = *req;
	const unsigned w = 600, h = 100, slot = w / nbars;
	unsigned bh = (unsigned)(y->count * (h - 4) / max) + (y->count ? 2 : 0);
	unsigned x = i * slot + slot / 8;

	snprintf(one.filter[VNS_CGI_YEAR], sizeof one.filter[0], "%04d",
		 y->year);
	one.page = 1;
	put(o, "<a");
	href(o, &one);
	putf(o, "><rect class=\"bar\" x=\"%u\" y=\"%u\" width=\"%u\" "
		"height=\"%u\"><title>%04d: ", x, h - bh, slot - slot / 4,
	     bh, y->year);
	number(o, y->count);
	put(o, " kết quả</title></rect></a>\n");
	if (nbars <= 12 || i % ((nbars + 11) / 12) == 0)
		putf(o, "<text x=\"%u\" y=\"%u\" text-anchor=\"middle\">%04d"
			"</text>\n", i * slot + slot / 2, h + 14, y->year);
}

/* Fill the gaps between years with zero counts when the range is short. */
static year_count *fill_years(const year_count *y, size_t n, size_t *nout)
{
	size_t span = (size_t)(y[n - 1].year - y[0].year) + 1, i;
	year_count *all;

	if (span > CHART_BARS_MAX)
		return NULL;
	if (!(all = calloc(span, sizeof *all)))
		return NULL;
	for (i = 0; i < span; i++)
		all[i].year = y[0].year + (int)i;
	for (i = 0; i < n; i++)
		all[y[i].year - y[0].year].count = y[i].count;
	*nout = span;
	return all;
}

static void chart_svg(out *o, const vns_cgireq *req, const year_count *y,
		      size_t n)
{
	unsigned long max = 1;
	size_t i;

	for (i = 0; i < n; i++)
		if (y[i].count > max)
			max = y[i].count;
	put(o, "<figure class=\"chart\" id=\"chart\">\n<svg viewBox=\"0 0 600 "
	       "118\" width=\"100%\" role=\"img\" aria-labelledby=\"chart-t\" "
	       "xmlns=\"http://www.w3.org/2000/svg\">\n<title id=\"chart-t\">"
	       "Số kết quả theo năm</title>\n");
	for (i = 0; i < n; i++)
		chart_bar(o, req, &y[i], max, (unsigned)i, (unsigned)n);
	put(o, "</svg>\n<figcaption>Số kết quả theo năm (bấm vào một cột để "
	       "lọc theo năm)</figcaption>\n</figure>\n");
}

/* Bars of matches per year, drawn from the year facet; nothing when the
 * matches span fewer than two years. */
static void chart(out *o, const vns_cgireq *req, const vns_page *p)
{
	size_t n = 0, nall = 0;
	year_count *y = years_of(&p->facet[VNS_CGI_YEAR], &n);
	year_count *all = NULL;

	if (y && n >= 2) {
		all = fill_years(y, n, &nall);
		if (all)
			chart_svg(o, req, all, nall);
		else
			chart_svg(o, req, y + (n > CHART_BARS_MAX
						       ? n - CHART_BARS_MAX
						       : 0),
				  n > CHART_BARS_MAX ? CHART_BARS_MAX : n);
	}
	free(all);
	free(y);
}

/* ---- one result ---- */

/* The snippet with its highlighted spans in <mark>. */
static void snippet(out *o, const vns_page_row *row)
{
	const char *s = row->snippet;
	size_t len = strlen(s), at = 0, i;

	put(o, "<p class=\"snippet\">");
	for (i = 0; i < row->nspans; i++) {
		size_t a = row->spans[i][0], b = row->spans[i][1];

		if (a < at || b <= a || b > len)
			continue;
		text_n(o, s + at, a - at);
		put(o, "<mark>");
		text_n(o, s + a, b - a);
		put(o, "</mark>");
		at = b;
	}
	text_n(o, s + at, len - at);
	put(o, "</p>\n");
}

/* Only web links become links: no javascript:, data: or relative URLs. */
static int is_web_url(const char *u)
{
	return u && (!strncasecmp(u, "http://", 7) ||
		     !strncasecmp(u, "https://", 8));
}

static void row_title(out *o, const vns_page_row *row)
{
	const char *t = row->title && *row->title ? row->title : "(không có "
								 "tiêu đề)";

	put(o, "<h2>");
	if (is_web_url(row->url)) {
		put(o, "<a href=\"");
		attr(o, row->url);
		put(o, "\" rel=\"noopener noreferrer\">");
		text(o, t);
		put(o, "</a>");
	} else {
		text(o, t);
	}
	put(o, "</h2>\n");
}

/* "2021-03-04..." as <time> showing 04/03/2021. */
static void row_date(out *o, const char *d)
{
	put(o, "<time datetime=\"");
	attr(o, d);
	put(o, "\">");
	if (strlen(d) >= 10 && d[4] == '-' && d[7] == '-') {
		text_n(o, d + 8, 2);
		put(o, "/");
		text_n(o, d + 5, 2);
		put(o, "/");
		text_n(o, d, 4);
	} else {
		text(o, d);
	}
	put(o, "</time>");
}

/* A 2025 province and its 2024 part often share the name: show it once. */
static int seen_before(const vns_page_list *l, size_t i)
{
	size_t j;

	for (j = 0; j < i; j++)
		if (!strcmp(l->v[j], l->v[i]))
			return 1;
	return 0;
}

/* A province as written, with its 2025 successor: "Bắc Giang (nay Bắc
 * Ninh)"; other entities as they are. */
static void place_text(out *o, const char *name, vns_cgi_filter f)
{
	const char *now = f == VNS_CGI_PROVINCE ? vns_province_now(name) : NULL;

	text(o, name);
	if (now) {
		text(o, " (nay ");
		text(o, now);
		text(o, ")");
	}
}

static void entity_links(out *o, const vns_cgireq *req,
			 const vns_page_list *l, vns_cgi_filter f)
{
	vns_cgireq with = *req;
	size_t i, len;

	for (i = 0; i < l->n && i < ROW_ENTITIES_MAX; i++) {
		len = strlen(l->v[i]);
		if (len > VNS_CGI_FILTER_MAX || strchr(l->v[i], '"') ||
		    seen_before(l, i))
			continue;
		memcpy(with.filter[f], l->v[i], len + 1);
		with.page = 1;
		put(o, "<a");
		href(o, &with);
		put(o, ">");
		place_text(o, l->v[i], f);
		put(o, "</a>");
	}
}

static void row_meta(out *o, const vns_cgireq *req, const vns_page_row *row)
{
	static const vns_cgi_filter kinds[3] = {
		VNS_CGI_PROVINCE, VNS_CGI_PRODUCT, VNS_CGI_PROGRAMME,
	};
	int k;

	put(o, "<p class=\"meta\">");
	if (row->date)
		row_date(o, row->date);
	if (row->date && row->source)
		put(o, " · ");
	if (row->source)
		text(o, row->source);
	put(o, "</p>\n");
	if (!row->entity[0].n && !row->entity[1].n && !row->entity[2].n)
		return;
	put(o, "<p class=\"meta tags\">");
	for (k = 0; k < 3; k++)
		entity_links(o, req, &row->entity[k], kinds[k]);
	put(o, "</p>\n");
}

/* "Cũng đăng trên: a, b": the other sites that carried the article,
 * linked when their url is a web address. */
static void row_also(out *o, const vns_page_row *row)
{
	if (!row->also_source.n)
		return;
	put(o, "<p class=\"meta also\">Cũng đăng trên: ");
	for (size_t i = 0; i < row->also_source.n; i++) {
		const char *name = *row->also_source.v[i]
					   ? row->also_source.v[i]
					   : row->also_url.v[i];
		if (i)
			put(o, ", ");
		if (is_web_url(row->also_url.v[i])) {
			put(o, "<a href=\"");
			attr(o, row->also_url.v[i]);
			put(o, "\" rel=\"noopener noreferrer\">");
			text(o, name);
			put(o, "</a>");
		} else {
			text(o, *name ? name : "(không rõ nguồn)");
		}
	}
	put(o, "</p>\n");
}

/* "Tin liên quan": the documents like this one. */
static void row_related(out *o, const vns_page_row *row)
{
	vns_cgireq like;
	size_t len = row->id ? strlen(row->id) : 0;

	if (!len || len > VNS_CGI_LIKE_MAX)
		return;
	vns_cgireq_init(&like);
	memcpy(like.like, row->id, len + 1);
	put(o, "<p class=\"meta related\"><a rel=\"related\"");
	href(o, &like);
	put(o, ">Tin liên quan</a></p>\n");
}

static void results(out *o, const vns_cgireq *req, const vns_page *p)
{
	size_t i;

	putf(o, "<ol class=\"results\" id=\"results\" start=\"%u\">\n",
	     p->nrows ? p->rows[0].rank : 1);
	for (i = 0; i < p->nrows; i++) {
		putf(o, "<li class=\"result\" value=\"%u\">\n", p->rows[i].rank);
		row_title(o, &p->rows[i]);
		row_meta(o, req, &p->rows[i]);
		snippet(o, &p->rows[i]);
		row_also(o, &p->rows[i]);
		row_related(o, &p->rows[i]);
		put(o, "</li>\n");
	}
	put(o, "</ol>\n");
}

/* ---- facets ---- */

static void facet_value(out *o, const vns_cgireq *req, vns_cgi_filter f,
			const vns_page_value *v)
{
	vns_cgireq with = *req;
	size_t len = strlen(v->value);

	if (len > VNS_CGI_FILTER_MAX || strchr(v->value, '"') ||
	    !strcmp(req->filter[f], v->value))
		return;
	memcpy(with.filter[f], v->value, len + 1);
	with.page = 1;
	put(o, "<li><a");
	href(o, &with);
	put(o, ">");
	text(o, v->value);
	put(o, "</a> <span class=\"count\">");
	number(o, v->count);
	put(o, "</span></li>\n");
}

static void facet_block(out *o, const vns_cgireq *req, vns_cgi_filter f,
			const vns_page_facet *fa)
{
	size_t i, shown = 0;

	for (i = 0; i < fa->n; i++)
		shown += strcmp(req->filter[f], fa->v[i].value) != 0;
	if (!shown)
		return;
	putf(o, "<section class=\"facet\" id=\"facet-%s\">\n<h2>",
	     vns_cgi_filter_param(f));
	text(o, filter_labels[f]);
	put(o, "</h2>\n<ul>\n");
	for (i = 0; i < fa->n && i < VNS_PAGE_FACET_MAX; i++)
		facet_value(o, req, f, &fa->v[i]);
	put(o, "</ul>\n</section>\n");
}

/* Years: newest first in the side bar. */
static int by_value_desc(const void *a, const void *b)
{
	return strcmp(((const vns_page_value *)b)->value,
		      ((const vns_page_value *)a)->value);
}

static void facets(out *o, const vns_cgireq *req, const vns_page *p)
{
	vns_page_facet years = p->facet[VNS_CGI_YEAR];
	vns_page_value *sorted = NULL;
	int i;

	if (years.n && (sorted = malloc(years.n * sizeof *sorted))) {
		memcpy(sorted, years.v, years.n * sizeof *sorted);
		qsort(sorted, years.n, sizeof *sorted, by_value_desc);
		years.v = sorted;
	}
	put(o, "<aside class=\"facets\" aria-label=\"Lọc kết quả\">\n");
	for (i = 0; i < VNS_CGI_NFILTERS; i++)
		facet_block(o, req, i, i == VNS_CGI_YEAR ? &years
							 : &p->facet[i]);
	put(o, "</aside>\n");
	free(sorted);
}

/* ---- pagination ---- */

static unsigned last_page(const vns_cgireq *req, unsigned long total)
{
	unsigned long pages = (total + req->per_page - 1) / req->per_page;
	unsigned long max = VNS_OFFSET_MAX / req->per_page + 1;

	return (unsigned)(pages < max ? pages : max);
}

static void page_link(out *o, const vns_cgireq *req, unsigned page,
		      const char *rel, const char *label)
{
	vns_cgireq at = *req;

	at.page = page;
	put(o, "<a");
	href(o, &at);
	if (rel)
		putf(o, " rel=\"%s\"", rel);
	putf(o, ">%s</a>\n", label);
}

static void page_number(out *o, const vns_cgireq *req, unsigned page)
{
	char label[16];

	if (page == req->page) {
		putf(o, "<span aria-current=\"page\">%u</span>\n", page);
		return;
	}
	snprintf(label, sizeof label, "%u", page);
	page_link(o, req, page, NULL, label);
}

static void pagination(out *o, const vns_cgireq *req, const vns_page *p)
{
	unsigned last = last_page(req, p->total), cur = req->page, i;
	unsigned lo = cur > PAGE_WINDOW ? cur - PAGE_WINDOW : 1;
	unsigned hi = cur + PAGE_WINDOW < last ? cur + PAGE_WINDOW : last;

	if (last <= 1 && cur == 1)
		return;
	put(o, "<nav class=\"pages\" aria-label=\"Phân trang\">\n");
	if (cur > 1)
		page_link(o, req, cur - 1, "prev", "‹ Trang trước");
	for (i = lo; i <= hi; i++)
		page_number(o, req, i);
	if (cur < last && p->nrows == req->per_page)
		page_link(o, req, cur + 1, "next", "Trang sau ›");
	put(o, "</nav>\n");
}

/* ---- whole pages ---- */

static void no_results(out *o, const vns_cgireq *req)
{
	put(o, "<div class=\"message\" id=\"no-results\"><p>Không tìm thấy "
	       "kết quả nào");
	if (req->q[0]) {
		put(o, " cho «");
		text(o, req->q);
		put(o, "»");
	}
	put(o, ".</p><p>Hãy thử ít từ hơn, từ khác, hoặc bỏ bớt bộ lọc"
	       ".</p></div>\n");
}

static vns_status finish(out *o, size_t start)
{
	if (o->st)
		vns_buf_truncate(o->b, start);
	return o->st;
}

vns_status vns_page_render(vns_buf *b, const vns_cgireq *req,
			   const vns_page *p)
{
	out o = { b, VNS_OK };
	size_t start = b->len;

	head(&o, req->q, req);
	search_form(&o, req);
	put(&o, "<main id=\"main\">\n");
	active_filters(&o, req);
	suggestion(&o, req, p);
	summary(&o, req, p);
	if (!p->nrows)
		no_results(&o, req);
	chart(&o, req, p);
	put(&o, "<div class=\"layout\">\n");
	results(&o, req, p);
	facets(&o, req, p);
	put(&o, "</div>\n");
	pagination(&o, req, p);
	put(&o, "</main>\n");
	tail(&o);
	return finish(&o, start);
}

vns_status vns_page_render_front(vns_buf *b)
{
	out o = { b, VNS_OK };
	size_t start = b->len;

	head(&o, NULL, NULL);
	search_form(&o, NULL);
	put(&o, "<main id=\"main\">\n<div class=\"hints\"><p>Gõ có dấu hay "
	       "không dấu đều được: <code>bac giang</code> tìm thấy "
	       "“Bắc Giang”.</p><ul><li><code>\"giá vàng\"</code>: đúng cụm "
	       "từ</li><li><code>-covid</code>: loại trừ</li><li><code>trà "
	       "OR chè</code>: một trong hai</li><li><code>nguon:dantri.com.vn"
	       "</code>, <code>nam:2021</code>, <code>date:2021-01..2021-06"
	       "</code>: lọc</li></ul></div>\n</main>\n");
	tail(&o);
	return finish(&o, start);
}

static const char *status_title(int http_status)
{
	switch (http_status) {
	case 400: return "Yêu cầu không hợp lệ";
	case 404: return "Không tìm thấy trang";
	case 405: return "Phương thức không được hỗ trợ";
	case 503: return "Tạm thời không phục vụ được";
	default: return "Lỗi máy chủ";
	}
}

vns_status vns_page_render_error(vns_buf *b, const vns_cgireq *req,
				 int http_status, const char *message)
{
	out o = { b, VNS_OK };
	size_t start = b->len;

	head(&o, status_title(http_status), NULL);
	search_form(&o, req);
	putf(&o, "<main id=\"main\">\n<div class=\"message\" id=\"error\" "
		 "role=\"alert\">\n<h1>%s</h1>\n<p>",
	     status_title(http_status));
	text(&o, message ? message : "");
	put(&o, "</p>\n</div>\n</main>\n");
	tail(&o);
	return finish(&o, start);
}

static const char *reason(int http_status)
{
	switch (http_status) {
	case 200: return "OK";
	case 400: return "Bad Request";
	case 404: return "Not Found";
	case 405: return "Method Not Allowed";
	case 503: return "Service Unavailable";
	default: return "Internal Server Error";
	}
}

vns_status vns_page_headers(vns_buf *b, int http_status, size_t body_len)
{
	out o = { b, VNS_OK };
	size_t start = b->len;

	putf(&o, "Status: %d %s\r\n", http_status, reason(http_status));
	put(&o, "Content-Type: text/html; charset=utf-8\r\n");
	putf(&o, "Content-Length: %zu\r\n", body_len);
	put(&o, "X-Content-Type-Options: nosniff\r\n");
	putf(&o, "Content-Security-Policy: %s\r\n", csp);
	put(&o, "X-Frame-Options: DENY\r\nReferrer-Policy: no-referrer\r\n");
	if (http_status == 405)
		put(&o, "Allow: GET, HEAD\r\n");
	put(&o, http_status == 200 ? "Cache-Control: max-age=300\r\n"
				   : "Cache-Control: no-store\r\n");
	put(&o, "\r\n");
	return finish(&o, start);
}
