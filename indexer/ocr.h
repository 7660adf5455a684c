/* ocr.h - text recognition of one page through libtesseract's C API, with
 * the Vietnamese model and the English one (for Latin codes and names):
 * "vie+eng". A recogniser holds the loaded models (about 0.3 s to load,
 * tens of MB) and is used by one thread at a time: each worker has its
 * own. Tesseract's messages go to /dev/null; errors come back in err. */
#ifndef VNS_OCR_H
#define VNS_OCR_H

#include "buf.h"
#include "status.h"

struct Pix;

#define VNS_OCR_LANGS "vie+eng"

typedef struct vns_ocr vns_ocr;

/* A recogniser for VNS_OCR_LANGS, models from $TESSDATA_PREFIX or
 * Tesseract's default place. *out: caller frees with vns_ocr_free().
 * VNS_EIO "cannot load the tesseract models 'vie+eng' (is
 * tesseract-ocr-vie installed?)". */
vns_status vns_ocr_new(vns_ocr **out, vns_err *err);

/* Release o; accepts NULL. */
void vns_ocr_free(vns_ocr *o);

/* Recognise pix, scanned at dpi, within seconds of wall time: its text is
 * appended to out, and the mean confidence of its words (0-100; 0 when
 * there are none) stored in *confidence. VNS_EIO "recognition stopped
 * after N s" when the time ran out (what was recognised is dropped). */
vns_status vns_ocr_page(vns_ocr *o, struct Pix *pix, int dpi,
			unsigned seconds, vns_buf *out, double *confidence,
			vns_err *err);

#endif
