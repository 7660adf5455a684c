/* webfeed.h - the page's other answers: an Atom 1.0 feed of a search's
 * newest matches, the OpenSearch 1.1 description of the page, the ETag
 * of a feed, and the HTTP headers these are sent with. Every value is
 * escaped as XML at the point of output. The JSON answer is format.h's
 * vns_format_json(), the same as vnsearch --json. */
#ifndef VNS_WEBFEED_H
#define VNS_WEBFEED_H

#include "buf.h"
#include "cgireq.h"
#include "vnsearch.h"

/* Entries in a feed (also its search's limit). */
#define VNS_WEBFEED_ENTRIES 50

/* Where the page is and what was asked. */
typedef struct vns_webfeed_site {
	const char *base; /* the page's absolute URL without a query
			   * ("https://host/search"), or "" (links are
			   * then relative) */
	const char *now;  /* "YYYY-MM-DDThh:mm:ssZ": the feed's updated
			   * time when it has no entry */
} vns_webfeed_site;

/* The Atom feed of r (searched for req, sorted by date): feed id, title,
 * self and HTML links, then per row an entry with a tag: id built from
 * the document id, title, link, updated (the article's date, else when
 * it was indexed), summary (the snippet as plain text) and a category per
 * province, product and programme; entries newest first by their updated
 * time, at most VNS_WEBFEED_ENTRIES. Consumes r's rows. */
vns_status vns_webfeed_atom(vns_buf *out, const vns_webfeed_site *site,
			    const vns_cgireq *req, vns_results *r, vns_err *err);

/* The OpenSearch description: Url templates for the HTML page, the Atom
 * feed and the JSON answer, each with {searchTerms}. */
vns_status vns_webfeed_opensearch(vns_buf *out,
				  const vns_webfeed_site *site);

/* The stable id of document id in a feed: "tag:vnsearch,2025:doc/" and
 * the id URL-escaped. */
vns_status vns_webfeed_entry_id(vns_buf *out, const char *id);

/* The ETag of req's answer over an index at revision rev, whose version
 * file was last changed at stamp (seconds.nanoseconds, or ""): quoted,
 * with req's canonical URL in it, so that it changes with the request
 * and with every commit. */
vns_status vns_webfeed_etag(vns_buf *out, unsigned long long rev,
			    const char *stamp, const vns_cgireq *req);

/* 1 if an If-None-Match header value (a list of ETags, or "*") names
 * etag. */
int vns_webfeed_etag_matches(const char *if_none_match,
			     const char *etag);

/* The CGI headers of a non-HTML answer, ending with the blank line:
 * Status (200, 304 ...), Content-Type type, Content-Length (not for
 * 304), ETag when etag is not NULL, nosniff, a CSP that allows nothing,
 * and caching. */
vns_status vns_webfeed_headers(vns_buf *out, int status, const char *type,
			       size_t body_len, const char *etag);

#endif
