/* scan.h - a scanned document (an image file, or a PDF with pages that
 * are pictures) becomes one document: each page is rasterised (PDF:
 * poppler's pdftoppm in a bounded child, pdf.h) or decoded (image.h),
 * recognised (ocr.h), and the text kept in the cache (ocrcache.h) so the
 * file is not recognised again. A PDF page with text in its text layer
 * (VNS_PDF_SCAN_TEXT bytes or more) keeps that text. The title and date
 * are read from the text (heading.h); the document records the mean
 * confidence and the pages whose confidence is low. */
#ifndef VNS_SCAN_H
#define VNS_SCAN_H

#include "doc.h"
#include "ocr.h"
#include "ocrcache.h"
#include "status.h"

typedef enum { VNS_SCAN_IMAGE, VNS_SCAN_PDF } vns_scan_kind;

/* Resolution a PDF page is rasterised at (lower for a page so large that
 * 300 dpi would pass the pixel limit). */
#define VNS_SCAN_DPI 300

typedef struct vns_scan_opts {
	unsigned max_pages;       /* pages recognised per document; those
				   * after are left out, and reported */
	unsigned page_seconds;    /* wall time to rasterise, and again to
				   * recognise, one page */
	unsigned long max_pixels; /* largest page decoded (image.h) */
	double low_confidence;    /* pages under it are flagged */
	const char *cache_dir;    /* NULL: no cache */
	/* called (from the thread that recognised it) after each page
	 * recognised, not for pages from the cache; may be NULL */
	void (*page_done)(void *ctx, const char *path, unsigned page,
			  unsigned pages);
	void *ctx;
	/* non-zero when the run should stop: checked before each page, the
	 * scan then ends with VNS_ECANCELED; may be NULL */
	int (*stop)(void);
} vns_scan_opts;

/* 50 pages, 120 s a page, VNS_IMAGE_MAX_PIXELS, low under 60, no cache,
 * no callbacks. */
vns_scan_opts vns_scan_default_opts(void);

/* One problem with one page of a document that was indexed anyway. */
typedef void (*vns_scan_page_fn)(void *ctx, const char *path,
				 const vns_err *why);

/* Make the document of the scanned file at path into *doc (cleared by the
 * caller with vns_doc_clear()), which may come with a title, author and
 * date found elsewhere (a PDF's information dictionary): the heading's
 * title and date replace them when the text has them; without either, the
 * title is the first line. *ocr is the caller's recogniser, made here
 * on first need (a cache hit loads no models; free it with vns_ocr_free()).
 * A page that cannot be read or recognised, and the pages over the limit,
 * go to skipped (their text is missing, the rest is indexed). Errors, in
 * why: VNS_ERECORD "page 1: image is 0x0 pixels" and the like for a file
 * with no usable page, "no text found by ocr in 50 of 10000 pages";
 * VNS_ECANCELED "interrupted" when o->stop asked for it. */
vns_status vns_scan_doc(const char *path, vns_scan_kind kind,
			const vns_scan_opts *o, vns_ocr **ocr,
			vns_scan_page_fn skipped, void *ctx, vns_doc *doc,
			vns_err *why);

#endif
