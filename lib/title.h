/* title.h - a title for a document that came without one: the first
 * sentence of its text, cut at a word when it is long. The indexer stores
 * it as the document's title and marks it as derived (schema.h
 * VNS_DATA_TITLE_FROM), so that the programs can say so. */
#ifndef VNS_TITLE_H
#define VNS_TITLE_H

#include <stddef.h>

#include "buf.h"
#include "status.h"

/* Most code points in a derived title, the ellipsis of a cut one
 * included. */
#define VNS_TITLE_MAX 100

/* out (reset first) = the title derived from text (len bytes of UTF-8):
 * its first sentence (up to '.', '!', '?' or '…' before a space, or the
 * end of the first line), without a final '.'. A longer sentence is cut
 * after the last whole word that fits in VNS_TITLE_MAX - 1 code points
 * (or, with no space there, after VNS_TITLE_MAX - 1 code points) and ends
 * in "…". Never splits a UTF-8 sequence; stops at the first invalid one.
 * out is "" when text has nothing but spaces. VNS_ENOMEM or VNS_ETOOBIG
 * from the buffer. */
vns_status vns_title_derive(const char *text, size_t len, vns_buf *out);

#endif
