/* page.h - the search page's HTML: what one search returned, copied into
 * a plain page model (so tests can build one by hand), and the rendering
 * of that model, the front page and the error page, with every value
 * escaped for its context at the point of output. Also the HTTP headers
 * the page is sent with (CGI "Status:" form). */
#ifndef VNS_PAGE_H
#define VNS_PAGE_H

#include <stddef.h>

#include "buf.h"
#include "cgireq.h"
#include "vnsearch.h"

/* Values of one facet shown in the side bar. */
#define VNS_PAGE_FACET_MAX 10
/* Years kept for the chart of matches over time. */
#define VNS_PAGE_YEARS_MAX 200

typedef struct vns_page_value {
	char *value; /* display name, UTF-8 */
	unsigned long count;
} vns_page_value;

typedef struct vns_page_facet {
	vns_page_value *v; /* most frequent first (years: any order) */
	size_t n;
} vns_page_facet;

typedef struct vns_page_list {
	char **v;
	size_t n;
} vns_page_list;

typedef struct vns_page_row {
	unsigned rank;
	char *title; /* NULL when the document has none, like url, date, source */
	char *url;
	char *date;
	char *source;
	char *snippet; /* plain text, may be "" */
	size_t (*spans)[2]; /* highlighted byte ranges of snippet */
	size_t nspans;
	vns_page_list entity[3]; /* provinces, products, programmes */
	/* the same article elsewhere: sources ("" if none) and their urls */
	vns_page_list also_source, also_url;
	char *id; /* the document id (its "Tin liên quan" link) */
} vns_page_row;

/* One search, ready to render. Every pointer is owned by the page and
 * released by vns_page_clear(). */
typedef struct vns_page {
	unsigned long total;
	char *suggestion; /* "Did you mean", or NULL */
	vns_page_row *rows;
	size_t nrows;
	vns_page_facet facet[VNS_CGI_NFILTERS]; /* years: all of them */
} vns_page;

/* Copy r's rows, facets (needs opts.facets) and suggestion into p (zero it
 * first). Consumes r's rows; r may be freed afterwards. On error p holds
 * what was copied so far: release it with vns_page_clear(). */
vns_status vns_page_collect(vns_page *p, vns_results *r, vns_err *err);

/* Release what p owns and zero it; accepts NULL. */
void vns_page_clear(vns_page *p);

/* The whole results page for req. */
vns_status vns_page_render(vns_buf *out, const vns_cgireq *req,
			   const vns_page *p);

/* The front page: the search box and a few hints. */
vns_status vns_page_render_front(vns_buf *out);

/* A page for a request that could not be answered: http_status (400,
 * 404, 405, 500 ...) and message, a short sentence for the user. req, when
 * not NULL, refills the search box. */
vns_status vns_page_render_error(vns_buf *out, const vns_cgireq *req,
				 int http_status, const char *message);

/* The CGI response headers, ending with the blank line: Status,
 * Content-Type (text/html; charset=utf-8), Content-Length, and the
 * security headers (nosniff, a Content-Security-Policy without any
 * script, no framing, no referrer). */
vns_status vns_page_headers(vns_buf *out, int http_status, size_t body_len);

/* The Content-Security-Policy header value: no script at all; only the
 * page's own style sheet (by hash). Valid for the program's lifetime. */
const char *vns_page_csp(void);

#endif
