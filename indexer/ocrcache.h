/* ocrcache.h - the text recognised in a scanned document (page by page,
 * with each page's confidence), and the cache that keeps it so a file is
 * recognised once: one file per document, named by the SHA-256 of the
 * document's bytes, in a directory (by default $XDG_CACHE_HOME/vnsearch/ocr,
 * else ~/.cache/vnsearch/ocr). An entry is written whole or not at all
 * (a temporary file renamed into place), so indexers running at the same
 * time, or one killed midway, never leave a half entry. */
#ifndef VNS_OCRCACHE_H
#define VNS_OCRCACHE_H

#include "buf.h"
#include "status.h"

/* Most bytes of recognised text kept per document. */
#ifndef VNS_OCRTEXT_MAX
#define VNS_OCRTEXT_MAX ((size_t)16 * 1024 * 1024)
#endif

typedef struct vns_ocrpage {
	size_t off, len;   /* the page's text in the document's text */
	double confidence; /* mean word confidence, 0-100; -1: the text
			    * came from the PDF's text layer */
} vns_ocrpage;

typedef struct vns_ocrtext {
	vns_buf text;       /* every page's text, one after the other */
	vns_ocrpage *page;  /* npages entries */
	unsigned npages;    /* pages recognised */
	unsigned total;     /* pages in the document */
} vns_ocrtext;

/* An empty text (cap VNS_OCRTEXT_MAX); release with vns_ocrtext_free(). */
void vns_ocrtext_init(vns_ocrtext *t);

/* Release what t holds and leave it empty; accepts NULL. */
void vns_ocrtext_free(vns_ocrtext *t);

/* Record that the text appended to t->text since `from` is the next page,
 * recognised with confidence. VNS_ENOMEM. */
vns_status vns_ocrtext_add_page(vns_ocrtext *t, size_t from,
				double confidence, vns_err *err);

/* The mean of the recognised pages' confidences, weighted by their
 * text's length (a blank page does not pull it down, a page of the text
 * layer does not count); 0 without such text. */
double vns_ocrtext_confidence(const vns_ocrtext *t);

/* The SHA-256 of the file at path, as 64 lower-case hex digits. */
vns_status vns_ocrcache_key(const char *path, char key[65], vns_err *err);

/* The default cache directory ($XDG_CACHE_HOME/vnsearch/ocr, else
 * $HOME/.cache/vnsearch/ocr), or NULL when neither variable is set or out
 * of memory. Caller frees with free(). */
char *vns_ocrcache_default_dir(void);

/* The entry key in dir into *t (emptied first): 1 if there is a whole
 * one, 0 if not (a damaged entry counts as none). */
int vns_ocrcache_get(const char *dir, const char *key, vns_ocrtext *t);

/* Store t as the entry key in dir (made if missing, with its parents).
 * VNS_EIO "cannot write the ocr cache 'dir': ...". */
vns_status vns_ocrcache_put(const char *dir, const char *key,
			    const vns_ocrtext *t, vns_err *err);

#endif
