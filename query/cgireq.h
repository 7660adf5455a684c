/* cgireq.h - the search page's request: a CGI query string decoded into
 * checked parameters (limits, no repeats, valid UTF-8 and percent-escapes),
 * the query-language string those parameters stand for, and the canonical
 * URL of a request (for links and shareable searches). No I/O, no Xapian:
 * the fuzzer links this module alone. */
#ifndef VNS_CGIREQ_H
#define VNS_CGIREQ_H

#include <stddef.h>

#include "buf.h"
#include "vnsearch.h"
#include "status.h"

/* Hard limits of one request (documented in doc/page.md). */
#define VNS_CGI_QS_MAX 4096     /* bytes of QUERY_STRING */
#define VNS_CGI_Q_MAX 1024      /* bytes of the decoded search words */
#define VNS_CGI_FILTER_MAX 128  /* bytes of one decoded filter value */
#define VNS_CGI_PER_PAGE_MAX 50 /* results per page */
#define VNS_CGI_PER_PAGE 10     /* results per page by default */
#define VNS_CGI_LIKE_MAX 239    /* bytes of a document id (like=) */

/* What a request asks the page to answer with (format=). */
typedef enum {
	VNS_CGI_HTML,       /* the page (the default) */
	VNS_CGI_ATOM,       /* an Atom 1.0 feed of the newest matches */
	VNS_CGI_JSON,       /* the object of vnsearch --json */
	VNS_CGI_OPENSEARCH, /* the OpenSearch 1.1 description of the page */
	VNS_CGI_NFORMATS
} vns_cgi_format;

/* The filters a page can set: one per facet the page shows. */
typedef enum {
	VNS_CGI_PROVINCE,
	VNS_CGI_PRODUCT,
	VNS_CGI_PROGRAMME,
	VNS_CGI_SOURCE,
	VNS_CGI_YEAR,
	VNS_CGI_NFILTERS
} vns_cgi_filter;

/* A decoded request. Plain arrays, no pointers: copy it with '=' to make
 * a link that differs in one parameter. Empty strings mean "not set". */
typedef struct vns_cgireq {
	char q[VNS_CGI_Q_MAX + 1];
	char filter[VNS_CGI_NFILTERS][VNS_CGI_FILTER_MAX + 1];
	char from[11]; /* YYYY, YYYY-MM or YYYY-MM-DD */
	char to[11];
	unsigned page;     /* 1-based */
	unsigned per_page; /* 1..VNS_CGI_PER_PAGE_MAX */
	vns_sort sort;
	char like[VNS_CGI_LIKE_MAX + 1]; /* documents like this id */
	vns_cgi_format format;
} vns_cgireq;

/* The value of format= for f ("html", "atom", "json", "opensearch"). */
const char *vns_cgi_format_name(vns_cgi_format f);

/* The parameter name of filter f ("province", "product", "programme",
 * "source", "year"); also its field name in the query language. */
const char *vns_cgi_filter_param(vns_cgi_filter f);

/* The facet whose values filter f takes. */
vns_facet_kind vns_cgi_filter_facet(vns_cgi_filter f);

/* Set req to the defaults: nothing searched, page 1, 10 per page,
 * relevance. */
void vns_cgireq_init(vns_cgireq *req);

/* Decode len bytes of a query string (key=value pairs joined by '&'; keys
 * and values URL-decoded; unknown keys ignored; an empty value is the same
 * as no value). On VNS_EINVAL / VNS_EUTF8 / VNS_ETOOBIG err says which
 * parameter and why, in words fit for the user; req is then unspecified. */
vns_status vns_cgireq_parse(const char *qs, size_t len, vns_cgireq *req,
			    vns_err *err);

/* 1 when req asks for a search (words, any filter or like=), 0 for the
 * front page. */
int vns_cgireq_is_search(const vns_cgireq *req);

/* Result offset of req's page. */
unsigned vns_cgireq_offset(const vns_cgireq *req);

/* Append the query-language string req stands for: the filters as
 * field:"value" items first, then the date range, then the words (with a
 * leading OR or lone '-' dropped, so they cannot join a filter). */
vns_status vns_cgireq_query(const vns_cgireq *req, vns_buf *out);

/* Append req's canonical relative URL ("?q=...&source=...&page=2"):
 * parameters in a fixed order, defaults left out, each component
 * URL-escaped. Not HTML-escaped: escape it for the attribute it goes in.
 * vns_cgireq_parse() of the part after '?' gives back req. */
vns_status vns_cgireq_href(const vns_cgireq *req, vns_buf *out);

#endif
