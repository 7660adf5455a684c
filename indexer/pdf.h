/* pdf.h - the PDF reader: a project document in PDF becomes one document.
 * The text comes from poppler's pdftotext, run as a child process (no
 * shell) with limits: wall time, CPU time, memory and output size. Title,
 * author and date come from the PDF's information dictionary (pdftotext
 * -htmlmeta), the title else from the first line. */
#ifndef VNS_PDF_H
#define VNS_PDF_H

#include <stddef.h>

#include "buf.h"
#include "readers.h"
#include "status.h"

/* Limits on one pdftotext run. */
#ifndef VNS_PDF_SECONDS
#define VNS_PDF_SECONDS 60
#endif
#define VNS_PDF_MEMORY ((size_t)1024 * 1024 * 1024)
#define VNS_PDF_OUTPUT ((size_t)64 * 1024 * 1024)
/* Visible bytes of text below which a PDF page is taken for a scan. */
#define VNS_PDF_SCAN_TEXT 32

/* 1 if the len bytes of one page's text hold fewer than
 * VNS_PDF_SCAN_TEXT that are not white space. */
int vns_pdf_thin_page(const char *text, size_t len);

/* Run argv[0] (found on PATH) with argv, no shell, standard input from
 * /dev/null; its standard output into out (at most out->cap bytes: more
 * kills it). The child is killed after seconds of wall time; it gets as
 * many seconds of CPU and VNS_PDF_MEMORY of address space. Its first line
 * of standard error goes into err when it fails: VNS_EIO "pdftotext
 * failed (exit 1): ...", "... timed out after 60 s", VNS_ETOOBIG. */
vns_status vns_pdf_run(char *const argv[], unsigned seconds, vns_buf *out,
		       vns_err *err);

/* Read the PDF at path as one document, id "file:" + canonical path. A
 * file that does not start with "%PDF-" is reported as not a PDF without
 * running anything. The program is $VNS_PDFTOTEXT, else "pdftotext". A
 * PDF with a page without text, or with less than VNS_PDF_SCAN_TEXT bytes
 * of it, is a scan: such pages are recognised, the others' text layer
 * kept (ocrpool.h, scan.h), the title, author and date of its
 * information dictionary used where the text has none. */
vns_status vns_read_pdf(const char *path, const vns_sink *sink,
			vns_err *err);

#endif
