/* docdata.h - a document's stored data (its Xapian document data): the
 * small fields (keys VNS_DATA_* of schema.h, entity lists) as one compact
 * JSON object, then a NUL byte, then the stored text as raw UTF-8. A
 * search reads the data of dozens of documents per query; this way it
 * parses a few hundred bytes of JSON each and only copies the text
 * (up to VNS_STORED_TEXT_MAX bytes) instead of parsing it as JSON. The
 * indexer writes the fields with jansson; a search reads them with a small
 * strict parser of its own (strings, nulls, arrays of those), and jansson
 * only for objects holding other values. */
#ifndef VNS_DOCDATA_H
#define VNS_DOCDATA_H

#include <jansson.h>
#include <stddef.h>

#include "buf.h"
#include "status.h"

/* The decoded fields of one document (opaque; read with
 * vns_docdata_str and vns_docdata_list). */
typedef struct vns_docfields vns_docfields;

typedef struct vns_docdata {
	vns_docfields *fields; /* never NULL after a decode */
	char *text;            /* the stored text, NUL-terminated ("" if none) */
	size_t text_len;
} vns_docdata;

/* out (reset first) = fields (which must not hold VNS_DATA_TEXT), NUL,
 * text (len bytes). */
vns_status vns_docdata_encode(const json_t *fields, const char *text,
			      size_t len, vns_buf *out, vns_err *err);

/* Split a stored blob of len bytes into out, which then owns copies (free
 * them with vns_docdata_clear). Any JSON object decodes; an index written
 * before this layout (one JSON object with the text under VNS_DATA_TEXT)
 * decodes too. VNS_EDBCORRUPT, with out zeroed, when the fields are not
 * valid JSON (bad UTF-8 or escape, lone surrogate, trailing bytes, ...) or
 * not an object. */
vns_status vns_docdata_decode(const char *blob, size_t len, vns_docdata *out,
			      vns_err *err);

/* The string field key (unescaped UTF-8, NUL-terminated), or NULL if
 * absent, null or not a string; of a key given twice, the last. Valid
 * until vns_docdata_clear(d). */
const char *vns_docdata_str(const vns_docdata *d, const char *key);

/* The strings of the array field key, in order (items that are not
 * strings skipped), and their number in *n; NULL and 0 if key is absent or
 * not an array (an empty array gives non-NULL and 0). Valid until
 * vns_docdata_clear(d). */
const char *const *vns_docdata_list(const vns_docdata *d, const char *key,
				    size_t *n);

/* Release what d holds (d itself is the caller's); d is zeroed. */
void vns_docdata_clear(vns_docdata *d);

#endif
