/* docfile.h - what the readers of whole-file documents (HTML, feeds, PDF,
 * DOCX/ODT, text) share: reading a file under a size cap, the file id,
 * tidying extracted text, and turning the date formats found in pages,
 * feeds and office files into the ISO 8601 the document model takes. */
#ifndef VNS_DOCFILE_H
#define VNS_DOCFILE_H

#include <stddef.h>

#include "buf.h"
#include "doc.h"
#include "readers.h"
#include "status.h"

/* Largest HTML, feed, PDF or office file read, in bytes. */
#ifndef VNS_DOCFILE_MAX
#define VNS_DOCFILE_MAX ((size_t)64 * 1024 * 1024)
#endif

/* Read the whole file at path into out (reset first), refusing (before
 * reading) a file larger than cap bytes: VNS_ETOOBIG "file is N bytes,
 * over the limit of M"; VNS_EIO when it cannot be read; VNS_ERECORD
 * "empty file". */
vns_status vns_docfile_read(const char *path, size_t cap, vns_buf *out,
			    vns_err *err);

/* Hand a whole-file document to the sink: doc when made is VNS_OK, else
 * why as the reason the file was skipped. Clears doc; returns the sink's
 * status (VNS_OK after a skip). */
vns_status vns_docfile_give(const char *path, vns_status made, vns_doc *doc,
			    const vns_err *why, const vns_sink *sink,
			    vns_err *err);

/* Parses len bytes of a file into one document (reason in why). */
typedef vns_status (*vns_docfile_parse_fn)(const char *data, size_t len,
					   vns_doc *doc, vns_err *why);

/* Read path whole (at most VNS_DOCFILE_MAX bytes), parse it into one
 * document, give it the file's id and hand it to the sink; a file that
 * cannot be read or parsed is reported through sink->bad. */
vns_status vns_docfile_index(const char *path, vns_docfile_parse_fn parse,
			     const vns_sink *sink, vns_err *err);

/* Set doc->id to "file:" + the canonical path (malloc'ed). */
vns_status vns_docfile_id(const char *path, vns_doc *doc, vns_err *err);

/* Append text (len bytes) to out with every run of white space made one
 * space, and none at the start of a line. Newlines are kept (at most two
 * in a row, so paragraphs stay paragraphs). */
vns_status vns_docfile_add_text(vns_buf *out, const char *text, size_t len);

/* Trim white space at both ends of out. */
void vns_docfile_trim(vns_buf *out);

/* A copy of the NUL-terminated text on one line, white space tidied as by
 * vns_docfile_add_text and trimmed; NULL for NULL, blank text or when out
 * of memory. Caller frees with free(). */
char *vns_docfile_line(const char *text);

/* Turn a date as found in documents (any form vns_date_parse_any() knows:
 * ISO 8601, RFC 822, "DD/MM/YYYY[ HH:MM]", PDF "D:YYYYMMDDhhmmss") into
 * ISO 8601 in out (cap > VNS_DATE_ISO_LEN), as vns_date_format() writes
 * it. Returns 1 if it was understood, else 0 (out empty). */
int vns_docfile_date(const char *in, char *out, size_t cap);

#endif
