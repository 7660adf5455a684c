/* doc.h - the document model: one news article or bulletin as every reader
 * produces it and the term generator consumes it, and the JSON record
 * format (the schema of ../shared/corpus) that maps onto it. */
#ifndef VNS_DOC_H
#define VNS_DOC_H

#include <stddef.h>

#include "date.h"
#include "status.h"

typedef struct vns_doc {
	char *id;       /* required: the stable unique id */
	char *url;      /* the rest may be NULL */
	char *title;
	char *date;     /* ISO 8601 as given: YYYY-MM-DD[THH:MM:SS±HH:MM] */
	char *source;
	char *category;
	char *author;
	char *summary;
	char *body;     /* required, non-empty */
	/* text recognised by OCR (indexer/scan.h): pages recognised (0: the
	 * text is not from OCR), their mean confidence (0-100), and the
	 * pages of low confidence ("2 5", or NULL) */
	unsigned ocr_pages;
	double ocr_confidence;
	char *ocr_low;
} vns_doc;

/* Release every field and zero the struct; accepts NULL. */
void vns_doc_clear(vns_doc *doc);

/* Parse one JSON Lines record (len bytes) into *doc (fields malloc'ed;
 * clear with vns_doc_clear()). Errors say which field and why: "invalid
 * json: ... at column 12", "missing field 'id'", "field 'title' is not a
 * string", "empty body". */
vns_status vns_doc_from_json(const char *line, size_t len, vns_doc *doc,
			     vns_err *err);

/* The fields every document needs: an id and a body that are not blank
 * (VNS_ERECORD "missing field 'id'", "empty body"). */
vns_status vns_doc_check(const vns_doc *doc, vns_err *err);

/* Check doc->date (vns_date_parse(): a day at least, a year from 1000)
 * and turn it into its VNS_DATE_KEY_LEN key "YYYYMMDDhhmmss" (the time as
 * given, 000000 when there is none; string order is time order). Returns
 * VNS_ENOTFOUND when the document has no date, VNS_ERECORD (with the
 * reason) when the date is not ISO 8601. */
vns_status vns_doc_date_key(const vns_doc *doc,
			    char out[VNS_DATE_KEY_LEN + 1], vns_err *err);

#endif
