/* webfeed.c - Atom, OpenSearch, ETags and their headers (see webfeed.h). */
#include "webfeed.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "escape.h"

#define TAG_PREFIX "tag:vnsearch,2025:"
#define EPOCH "1970-01-01T00:00:00Z"

typedef struct out {
	vns_buf *b;
	vns_status st;
} out;

static void put(out *o, const char *s)
{
	if (!o->st)
		o->st = vns_buf_adds(o->b, s);
}

/* XML character data or a quoted attribute value. */
static void xml(out *o, const char *s)
{
	if (!o->st && s)
		o->st = vns_escape_xml(o->b, s, strlen(s));
}

/* <name>text</name> */
static void element(out *o, const char *name, const char *text)
{
	put(o, "<");
	put(o, name);
	put(o, ">");
	xml(o, text);
	put(o, "</");
	put(o, name);
	put(o, ">\n");
}

/* The absolute URL of req's answer in format f, into url. */
static vns_status page_url(vns_buf *url, const vns_webfeed_site *site,
			   const vns_cgireq *req, vns_cgi_format f)
{
	vns_cgireq at = *req;
	vns_status st;

	at.format = f;
	at.page = 1;
	st = vns_buf_adds(url, site->base);
	return st ? st : vns_cgireq_href(&at, url);
}

/* <link rel="REL" type="TYPE" href="req's URL in format f"/> */
static void link_to(out *o, const vns_webfeed_site *site,
		    const vns_cgireq *req, const char *rel, const char *type,
		    vns_cgi_format f)
{
	vns_buf url;

	vns_buf_init(&url, 0);
	if (!o->st)
		o->st = page_url(&url, site, req, f);
	put(o, "<link rel=\"");
	put(o, rel);
	put(o, "\" type=\"");
	put(o, type);
	put(o, "\" href=\"");
	xml(o, url.data);
	put(o, "\"/>\n");
	vns_buf_free(&url);
}

vns_status vns_webfeed_entry_id(vns_buf *b, const char *id)
{
	vns_status st = vns_buf_adds(b, TAG_PREFIX "doc/");

	return st ? st : vns_escape_url_component(b, id, strlen(id));
}

/* RFC 3339 for an entry: the article's date, else when it was indexed. */
static void entry_time(const vns_result *row, char t[VNS_TIME_LEN + 1])
{
	vns_err ignored;

	if (row->date && !vns_time_utc(row->date, t, &ignored))
		return;
	if (row->indexed && !vns_time_utc(row->indexed, t, &ignored))
		return;
	memcpy(t, EPOCH, VNS_TIME_LEN + 1);
}

static int is_web_url(const char *u)
{
	return u && (!strncasecmp(u, "http://", 7) ||
		     !strncasecmp(u, "https://", 8));
}

/* The article, or, when it has no web address, its related articles on
 * the page (an entry needs a link). */
static void entry_link(out *o, const vns_webfeed_site *site,
		       const vns_result *row)
{
	vns_cgireq like;
	size_t len = strlen(row->id);

	if (is_web_url(row->url)) {
		put(o, "<link rel=\"alternate\" href=\"");
		xml(o, row->url);
		put(o, "\"/>\n");
		return;
	}
	vns_cgireq_init(&like);
	if (len > VNS_CGI_LIKE_MAX)
		len = VNS_CGI_LIKE_MAX;
	memcpy(like.like, row->id, len);
	like.like[len] = '\0';
	link_to(o, site, &like, "alternate", "text/html", VNS_CGI_HTML);
}

static void categories(out *o, const char *scheme, const char *const *v,
		       size_t n)
{
	for (size_t i = 0; i < n; i++) {
		put(o, "<category scheme=\"" TAG_PREFIX);
		put(o, scheme);
		put(o, "\" term=\"");
		xml(o, v[i]);
		put(o, "\"/>\n");
	}
}

static void entry(out *o, const vns_webfeed_site *site,
		  const vns_result *row)
{
	char t[VNS_TIME_LEN + 1];
	vns_buf id;

	vns_buf_init(&id, 0);
	if (!o->st)
		o->st = vns_webfeed_entry_id(&id, row->id);
	entry_time(row, t);
	put(o, "<entry>\n");
	element(o, "id", id.data);
	element(o, "title", row->title && *row->title ? row->title : row->id);
	entry_link(o, site, row);
	element(o, "updated", t);
	if (row->snippet && *row->snippet)
		element(o, "summary", row->snippet);
	categories(o, "province", row->provinces, row->n_provinces_2025);
	categories(o, "product", row->products, row->n_products);
	categories(o, "programme", row->programmes, row->n_programmes);
	put(o, "</entry>\n");
	vns_buf_free(&id);
}

/* The feed's own elements; updated is the newest entry's time. */
static void feed_head(out *o, const vns_webfeed_site *site,
		      const vns_cgireq *req, const char *updated)
{
	vns_buf url, title;

	vns_buf_init(&url, 0);
	vns_buf_init(&title, 0);
	if (!o->st)
		o->st = page_url(&url, site, req, VNS_CGI_ATOM);
	if (!o->st)
		o->st = vns_buf_adds(&title, "Tin khuyến công");
	if (!o->st && (req->q[0] || req->like[0]))
		o->st = vns_buf_addf(&title, ": %s%s",
				     req->like[0] ? "liên quan đến " : "",
				     req->like[0] ? req->like : req->q);
	put(o, "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n"
	       "<feed xmlns=\"http://www.w3.org/2005/Atom\">\n");
	put(o, "<id>");
	xml(o, url.data);
	put(o, "</id>\n");
	element(o, "title", title.data);
	element(o, "updated", updated);
	put(o, "<author><name>vnsearch</name></author>\n"
	       "<generator>vnsearch</generator>\n");
	link_to(o, site, req, "self", "application/atom+xml", VNS_CGI_ATOM);
	link_to(o, site, req, "alternate", "text/html", VNS_CGI_HTML);
	vns_buf_free(&url);
	vns_buf_free(&title);
}

/* One rendered entry in the entries buffer, and its updated time. */
typedef struct placed {
	char t[VNS_TIME_LEN + 1];
	size_t at, len, n;
} placed;

/* Newest first; equal times in the search's order. */
static int newest_first(const void *a, const void *b)
{
	const placed *x = a, *y = b;
	int c = strcmp(y->t, x->t);

	return c ? c : (x->n > y->n) - (x->n < y->n);
}

/* Render every row of r into e, noting each entry in list (at most
 * VNS_WEBFEED_ENTRIES; *n of them). */
static vns_status render_entries(out *e, const vns_webfeed_site *site,
				 vns_results *r, placed *list, size_t *n,
				 vns_err *err)
{
	vns_result row;
	int got = 0;

	*n = 0;
	while (!e->st && *n < VNS_WEBFEED_ENTRIES &&
	       (got = vns_results_next(r, &row, err)) > 0) {
		placed *p = &list[*n];
		p->at = e->b->len;
		p->n = *n;
		entry_time(&row, p->t);
		entry(e, site, &row);
		p->len = e->b->len - p->at;
		(*n)++;
	}
	if (!e->st && got < 0)
		e->st = err->code;
	return e->st;
}

vns_status vns_webfeed_atom(vns_buf *b, const vns_webfeed_site *site,
			    const vns_cgireq *req, vns_results *r, vns_err *err)
{
	out o = { b, VNS_OK }, e;
	vns_buf entries;
	placed list[VNS_WEBFEED_ENTRIES];
	size_t n = 0, start = b->len;

	vns_buf_init(&entries, b->cap);
	e = (out){ &entries, VNS_OK };
	o.st = render_entries(&e, site, r, list, &n, err);
	qsort(list, n, sizeof *list, newest_first);
	feed_head(&o, site, req, n ? list[0].t
				  : site->now ? site->now : EPOCH);
	for (size_t i = 0; !o.st && i < n; i++)
		o.st = vns_buf_add(b, entries.data + list[i].at, list[i].len);
	put(&o, "</feed>\n");
	vns_buf_free(&entries);
	if (o.st)
		vns_buf_truncate(b, start);
	return o.st;
}

/* <Url type="TYPE" template="BASE?q={searchTerms}[&format=F]"/> */
static void os_url(out *o, const vns_webfeed_site *site, const char *type,
		   const char *format)
{
	put(o, "<Url type=\"");
	put(o, type);
	put(o, "\" template=\"");
	xml(o, site->base);
	put(o, "?q={searchTerms}");
	if (format) {
		put(o, "&amp;format=");
		put(o, format);
	}
	put(o, "\"/>\n");
}

vns_status vns_webfeed_opensearch(vns_buf *b, const vns_webfeed_site *site)
{
	out o = { b, VNS_OK };
	size_t start = b->len;

	put(&o, "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n"
		"<OpenSearchDescription "
		"xmlns=\"http://a9.com/-/spec/opensearch/1.1/\">\n"
		"<ShortName>vnsearch</ShortName>\n"
		"<Description>Tìm kiếm tin khuyến công: tỉnh, sản phẩm, "
		"chương trình</Description>\n"
		"<Language>vi</Language>\n"
		"<InputEncoding>UTF-8</InputEncoding>\n"
		"<OutputEncoding>UTF-8</OutputEncoding>\n");
	os_url(&o, site, "text/html", NULL);
	os_url(&o, site, "application/atom+xml", "atom");
	os_url(&o, site, "application/json", "json");
	put(&o, "<Url type=\"application/opensearchdescription+xml\" "
		"rel=\"self\" template=\"");
	xml(&o, site->base);
	put(&o, "?format=opensearch\"/>\n</OpenSearchDescription>\n");
	if (o.st)
		vns_buf_truncate(b, start);
	return o.st;
}

vns_status vns_webfeed_etag(vns_buf *b, unsigned long long rev,
			    const char *stamp, const vns_cgireq *req)
{
	size_t start = b->len;
	vns_status st = vns_buf_addf(b, "\"%llu-%s", rev, stamp ? stamp : "");

	if (!st)
		st = vns_cgireq_href(req, b);
	if (!st)
		st = vns_buf_addc(b, '"');
	if (st)
		vns_buf_truncate(b, start);
	return st;
}

/* The next ETag of a list at *p ("W/" ignored: a weak comparison), its
 * length in *len; NULL when there is none. */
static const char *next_tag(const char **p, size_t *len)
{
	const char *s = *p, *end;

	while (*s == ' ' || *s == '\t' || *s == ',')
		s++;
	if (!strncmp(s, "W/", 2))
		s += 2;
	if (*s == '*') {
		*p = s + 1;
		*len = 1;
		return s;
	}
	if (*s != '"' || !(end = strchr(s + 1, '"')))
		return NULL;
	*p = end + 1;
	*len = (size_t)(end + 1 - s);
	return s;
}

int vns_webfeed_etag_matches(const char *inm, const char *etag)
{
	const char *p = inm ? inm : "", *tag;
	size_t len;

	while ((tag = next_tag(&p, &len)))
		if ((len == 1 && *tag == '*') ||
		    (len == strlen(etag) && !memcmp(tag, etag, len)))
			return 1;
	return 0;
}

static const char *reason(int status)
{
	switch (status) {
	case 200: return "OK";
	case 304: return "Not Modified";
	case 400: return "Bad Request";
	case 404: return "Not Found";
	default: return "Internal Server Error";
	}
}

vns_status vns_webfeed_headers(vns_buf *b, int status, const char *type,
			       size_t body_len, const char *etag)
{
	size_t start = b->len;
	vns_status st = vns_buf_addf(b, "Status: %d %s\r\n", status,
				     reason(status));

	if (!st && status != 304)
		st = vns_buf_addf(b, "Content-Type: %s\r\nContent-Length: "
				  "%zu\r\n", type, body_len);
	if (!st && etag)
		st = vns_buf_addf(b, "ETag: %s\r\n", etag);
	if (!st)
		st = vns_buf_adds(b, "X-Content-Type-Options: nosniff\r\n"
				  "Content-Security-Policy: default-src "
				  "'none'; frame-ancestors 'none'\r\n"
				  "Access-Control-Allow-Origin: *\r\n");
	if (!st)
		st = vns_buf_adds(b, status == 200 || status == 304
					     ? "Cache-Control: max-age=300\r\n"
					     : "Cache-Control: no-store\r\n");
	if (!st)
		st = vns_buf_adds(b, "\r\n");
	if (st)
		vns_buf_truncate(b, start);
	return st;
}
