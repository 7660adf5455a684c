/* format.h - result output for the command line: the --json contract
 * (documented in doc/search.md, "JSON output") and the human-readable text. Both
 * append to a buffer; the caller writes it out. */
#ifndef VNS_FORMAT_H
#define VNS_FORMAT_H

#include "buf.h"
#include "vnsearch.h"

/* Snippet bytes of the JSON object, from vnsearch --json and the page's
 * format=json alike. */
#define VNS_FORMAT_SNIPPET_BYTES 240

/* Output style for text. */
typedef struct vns_text_style {
	int bold; /* mark highlights and titles with ANSI bold (a terminal) */
} vns_text_style;

/* The whole JSON object for query and its results, on one line, without
 * a newline. Consumes r's rows. */
vns_status vns_format_json(vns_buf *out, const char *query, unsigned offset,
			   vns_results *r, vns_err *err);

/* {"query": ..., "error": ...} for a query that could not run. */
vns_status vns_format_json_error(vns_buf *out, const char *query,
				 const vns_err *why);

/* Human-readable results: a count line, then per result its rank, title,
 * date, source, url and snippet. Consumes r's rows. */
vns_status vns_format_text(vns_buf *out, const char *query, unsigned offset,
			   vns_results *r, const vns_text_style *style,
			   vns_err *err);

#endif
