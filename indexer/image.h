/* image.h - bounded image loading for OCR: PNG, JPEG, TIFF (every page of
 * a multi-page file) and the PNM pages pdftoppm writes, read by Leptonica.
 * The size in the file's header is checked before anything is decoded, so
 * a small file that would decode to a huge picture (a "decompression
 * bomb") is refused without allocating it, and a PNG or JPEG cut short is
 * refused before its decoder sees it. Leptonica's own messages are
 * silenced: the reason comes back in the error record. */
#ifndef VNS_IMAGE_H
#define VNS_IMAGE_H

#include <stddef.h>

#include "status.h"

struct Pix;

/* Largest picture decoded, in pixels (an A3 page at 300 dpi is 17.4
 * million; its 8-bit copy and Tesseract's work on it stay near 200 MB). */
#ifndef VNS_IMAGE_MAX_PIXELS
#define VNS_IMAGE_MAX_PIXELS (40UL * 1000 * 1000)
#endif

/* Number of pages of the image file at path (TIFF may hold several; other
 * formats one) into *pages. VNS_ERECORD "not an image Leptonica reads",
 * VNS_EIO when it cannot be opened. */
vns_status vns_image_pages(const char *path, unsigned *pages, vns_err *err);

/* Decode page (0-based) of the image at path into *out, as 8-bit grey,
 * after checking its header: VNS_ERECORD "image is 0x0 pixels",
 * VNS_ETOOBIG "image is 10000x10000 pixels (100.0 megapixels), over the
 * limit of 40.0", VNS_ERECORD "png is truncated (no IEND chunk)",
 * "cannot decode the image (truncated or damaged?)". *out: caller frees
 * with pixDestroy(). */
vns_status vns_image_read(const char *path, unsigned page,
			  unsigned long max_pixels, struct Pix **out,
			  vns_err *err);

/* The same for an image held in memory (len bytes at data), one page. */
vns_status vns_image_read_mem(const unsigned char *data, size_t len,
			      unsigned long max_pixels, struct Pix **out,
			      vns_err *err);

#endif
