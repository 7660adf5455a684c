/* office.h - the DOCX and ODT reader: a word-processor file (a zip of XML
 * parts, opened with libzip and parsed with libxml2) becomes one document.
 * The text is the paragraphs of word/document.xml or content.xml; title,
 * author and date come from docProps/core.xml or meta.xml, the title else
 * from the first paragraph. Every part is read under a size cap, so a zip
 * bomb meets a limit. */
#ifndef VNS_OFFICE_H
#define VNS_OFFICE_H

#include <stddef.h>

#include "doc.h"
#include "readers.h"
#include "status.h"

/* Most uncompressed bytes read from one part. */
#ifndef VNS_OFFICE_PART_MAX
#define VNS_OFFICE_PART_MAX ((size_t)64 * 1024 * 1024)
#endif

/* Parse len bytes of a DOCX or ODT file into doc (doc->id left alone).
 * VNS_ERECORD "not a docx or odt file: ..." for anything else. */
vns_status vns_office_parse(const char *data, size_t len, vns_doc *doc,
			    vns_err *err);

/* Read the file at path (.docx, .odt) as one document, id "file:" +
 * canonical path. Problems go to sink->bad. */
vns_status vns_read_office(const char *path, const vns_sink *sink,
			   vns_err *err);

#endif
