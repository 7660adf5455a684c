/* docdata.h - a document's stored data (its Xapian document data): the
 * small fields (keys VNS_DATA_* of schema.h, entity lists) as one compact
 * JSON object, then a NUL byte, then the stored text as raw UTF-8. A
 * search reads the data of dozens of documents per query; this way it
 * parses a few hundred bytes of JSON each and only copies the text
 * (up to VNS_STORED_TEXT_MAX bytes) instead of parsing it as JSON. */
#ifndef VNS_DOCDATA_H
#define VNS_DOCDATA_H

#include <jansson.h>
#include <stddef.h>

#include "buf.h"
#include "status.h"

typedef struct vns_docdata {
	json_t *fields; /* the JSON object (never NULL after a decode) */
	char *text;     /* the stored text, NUL-terminated ("" if none) */
	size_t text_len;
} vns_docdata;

/* out (reset first) = fields (which must not hold VNS_DATA_TEXT), NUL,
 * text (len bytes). */
vns_status vns_docdata_encode(const json_t *fields, const char *text,
			      size_t len, vns_buf *out, vns_err *err);

/* Split a stored blob of len bytes into out, which then owns copies.
 * An index written before this layout (one JSON object with
 * the text under VNS_DATA_TEXT) decodes too. VNS_EDBCORRUPT when the
 * fields are not a JSON object. */
vns_status vns_docdata_decode(const char *blob, size_t len, vns_docdata *out,
			      vns_err *err);

/* The string field key, or NULL if absent or not a string. */
const char *vns_docdata_str(const vns_docdata *d, const char *key);

/* Release what d holds (d itself is the caller's); d is zeroed. */
void vns_docdata_clear(vns_docdata *d);

#endif
