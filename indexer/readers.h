/* readers.h - input readers: each turns one input file into documents and
 * hands them to a sink one at a time, reporting bad records with their
 * place (file and line) and going on with the rest. */
#ifndef VNS_READERS_H
#define VNS_READERS_H

#include "doc.h"
#include "linktail.h"
#include "status.h"

/* Longest JSON line / text file accepted, in bytes. */
#ifndef VNS_RECORD_MAX
#define VNS_RECORD_MAX ((size_t)64 * 1024 * 1024)
#endif

typedef struct vns_sink {
	/* A good document from path, line (0 for a whole-file document).
	 * Return VNS_OK to go on; any other status stops the reading and is
	 * returned by the reader (with err set by the sink). */
	vns_status (*doc)(void *ctx, const vns_doc *doc, const char *path,
			  unsigned long line, vns_err *err);
	/* A record that was skipped, and why (why->msg has the reason). */
	void (*bad)(void *ctx, const char *path, unsigned long line,
		    const vns_err *why);
	void *ctx;
	/* Where scanned files (images, PDFs without text) are recognised
	 * (ocrpool.h): NULL, on the reading thread with the default limits
	 * and no cache. */
	struct vns_ocrpool *ocr;
} vns_sink;

/* JSON Lines, plain or gzip; path "-" reads standard input. Returns a
 * file-level error (cannot open, truncated gzip) in err; records read
 * before it have been handed to the sink. */
vns_status vns_read_jsonl(const char *path, const vns_sink *sink,
			  vns_err *err);

/* A plain-text bulletin: the first non-empty line is the title, the rest
 * the body, with the link lists news sites append ("Tin liên quan" ...)
 * cut off. The id is "file:" + the canonical path. */
vns_status vns_read_text(const char *path, const vns_sink *sink,
			 vns_err *err);

/* A reader of whole files: same contract as vns_read_text(). */
typedef vns_status (*vns_reader_fn)(const char *path, const vns_sink *sink,
				    vns_err *err);

/* The reader for path by its suffix (.html/.htm/.xhtml: html.h;
 * .rss/.atom/.xml: feed.h; .pdf: pdf.h; .docx/.odt: office.h;
 * .png/.jpg/.jpeg/.tif/.tiff: OCR, ocrpool.h), or NULL
 * (JSON Lines and .txt are read by the functions above). */
vns_reader_fn vns_reader_for(const char *path);

/* Read path by its kind: a directory (recursively, in name order),
 * *.jsonl[.gz] / *.ndjson / "-", *.txt, or a kind vns_reader_for() knows.
 * Other files are reported through sink->bad as unsupported and skipped.
 * A .txt file that is not UTF-8 is converted from the legacy Vietnamese
 * encoding it is in (legacy.h); damaged UTF-8 and undecidable encodings
 * are reported and skipped. */
vns_status vns_read_path(const char *path, const vns_sink *sink,
			 vns_err *err);

#endif
