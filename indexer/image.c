/* image.c - images read by Leptonica, size checked first (see image.h). */
#include "image.h"

#include <errno.h>
#include <pthread.h>
#include <stdio.h>
#include <string.h>

#include <leptonica/allheaders.h>

static pthread_once_t quiet_once = PTHREAD_ONCE_INIT;

/* Leptonica prints its errors on stderr unless told not to; the indexer
 * reports them itself, with the file's name. */
static void quiet(void)
{
	setMsgSeverity(L_SEVERITY_NONE);
}

static vns_status check_size(long w, long h, unsigned long max_pixels,
			     vns_err *err)
{
	double mp = (double)w * (double)h / 1e6;

	if (w <= 0 || h <= 0)
		return vns_err_set(err, VNS_ERECORD, "image is %ldx%ld pixels",
				   w, h);
	if ((double)w * (double)h > (double)max_pixels)
		return vns_err_set(err, VNS_ETOOBIG,
				   "image is %ldx%ld pixels (%.1f megapixels), "
				   "over the limit of %.1f", w, h, mp,
				   (double)max_pixels / 1e6);
	return VNS_OK;
}

/* pix as 8-bit grey into *out (pix is consumed). */
static vns_status to_grey(PIX *pix, PIX **out, vns_err *err)
{
	PIX *g;

	if (!pix)
		return vns_err_set(err, VNS_ERECORD, "cannot decode the image "
				   "(truncated or damaged?)");
	g = pixConvertTo8(pix, 0);
	pixDestroy(&pix);
	if (!g)
		return vns_err_set(err, VNS_ENOMEM, "out of memory "
				   "converting the image to grey");
	*out = g;
	return VNS_OK;
}

static unsigned long be32(const unsigned char *p)
{
	return (unsigned long)p[0] << 24 | (unsigned long)p[1] << 16 |
	       (unsigned long)p[2] << 8 | p[3];
}

/* 1 if a PNG's chunks run whole to IEND. */
static int png_whole(FILE *f, long size)
{
	unsigned char head[8];
	long at = 8;

	while (at + 12 <= size) {
		unsigned long len;

		if (fseek(f, at, SEEK_SET) || fread(head, 1, 8, f) != 8)
			return 0;
		len = be32(head);
		if (len > (unsigned long)(size - at - 12))
			return 0;
		if (memcmp(head + 4, "IEND", 4) == 0)
			return 1;
		at += 12 + (long)len;
	}
	return 0;
}

/* 1 if a JPEG ends with its EOI marker (a few bytes of padding after it
 * allowed). */
static int jpeg_whole(FILE *f, long size)
{
	unsigned char tail[32];
	long n = size < 32 ? size : 32;

	if (fseek(f, size - n, SEEK_SET) || fread(tail, 1, (size_t)n, f) !=
	    (size_t)n)
		return 0;
	for (long i = n - 2; i >= 0; i--)
		if (tail[i] == 0xFF && tail[i + 1] == 0xD9)
			return 1;
	return 0;
}

/* The width and height in a PNG's IHDR; 0 if there is none. */
static int png_size(const char *path, l_int32 *w, l_int32 *h)
{
	unsigned char head[24];
	FILE *f = fopen(path, "rb");
	int ok = f && fread(head, 1, sizeof head, f) == sizeof head &&
		 memcmp(head + 12, "IHDR", 4) == 0;

	if (f)
		fclose(f);
	if (ok) {
		*w = (l_int32)(be32(head + 16) & 0x7fffffff);
		*h = (l_int32)(be32(head + 20) & 0x7fffffff);
	}
	return ok;
}

/* A truncated PNG or JPEG is found here, before the decoder, whose
 * libraries would print their complaint on stderr. Damage inside a whole
 * file is left to the decoder. */
static vns_status check_whole(const char *path, l_int32 format, vns_err *err)
{
	FILE *f;
	long size;
	int whole = 1;

	if (format != IFF_PNG && format != IFF_JFIF_JPEG)
		return VNS_OK;
	f = fopen(path, "rb");
	if (!f)
		return vns_err_set(err, VNS_EIO, "cannot open: %s",
				   strerror(errno));
	if (fseek(f, 0, SEEK_END) == 0 && (size = ftell(f)) > 0)
		whole = format == IFF_PNG ? png_whole(f, size)
					  : jpeg_whole(f, size);
	fclose(f);
	if (!whole)
		return vns_err_set(err, VNS_ERECORD, "%s is truncated (no %s)",
				   format == IFF_PNG ? "png" : "jpeg",
				   format == IFF_PNG ? "IEND chunk"
						     : "end-of-image marker");
	return VNS_OK;
}

vns_status vns_image_pages(const char *path, unsigned *pages, vns_err *err)
{
	l_int32 format = IFF_UNKNOWN, n = 1;
	FILE *f;

	pthread_once(&quiet_once, quiet);
	f = fopen(path, "rb");
	if (!f)
		return vns_err_set(err, VNS_EIO, "cannot open: %s",
				   strerror(errno));
	if (findFileFormatStream(f, &format) || format == IFF_UNKNOWN) {
		fclose(f);
		return vns_err_set(err, VNS_ERECORD,
				   "not an image (png, jpeg, tiff) or damaged");
	}
	if (L_FORMAT_IS_TIFF(format) && (tiffGetCount(f, &n) || n < 1))
		n = 0;
	fclose(f);
	if (n < 1)
		return vns_err_set(err, VNS_ERECORD, "tiff without pages");
	*pages = (unsigned)n;
	return VNS_OK;
}

vns_status vns_image_read(const char *path, unsigned page,
			  unsigned long max_pixels, struct Pix **out,
			  vns_err *err)
{
	l_int32 format = IFF_UNKNOWN, kind = IFF_UNKNOWN, w = 0, h = 0, bps,
		spp, cmap, res;
	int bad;
	vns_status st;

	pthread_once(&quiet_once, quiet);
	if (findFileFormat(path, &kind) || kind == IFF_UNKNOWN)
		return vns_err_set(err, VNS_ERECORD,
				   "not an image (png, jpeg, tiff) or damaged");
	format = kind;
	if (L_FORMAT_IS_TIFF(format))
		bad = readHeaderTiff(path, (l_int32)page, &w, &h, &bps, &spp,
				     &res, &cmap, &format);
	else
		bad = page > 0 || pixReadHeader(path, &format, &w, &h, &bps,
						&spp, &cmap);
	if (bad && kind == IFF_PNG && png_size(path, &w, &h) && (!w || !h))
		bad = 0; /* Leptonica refuses a 0-pixel header: say so */
	if (bad)
		return vns_err_set(err, VNS_ERECORD, "cannot read the image "
				   "header (truncated or damaged?)");
	st = check_size(w, h, max_pixels, err);
	if (!st)
		st = check_whole(path, format, err);
	if (st)
		return st;
	return to_grey(L_FORMAT_IS_TIFF(format) ? pixReadTiff(path, (l_int32)page)
						: pixRead(path),
		       out, err);
}

vns_status vns_image_read_mem(const unsigned char *data, size_t len,
			      unsigned long max_pixels, struct Pix **out,
			      vns_err *err)
{
	l_int32 format = IFF_UNKNOWN, w = 0, h = 0, bps, spp, cmap;
	vns_status st;

	pthread_once(&quiet_once, quiet);
	if (pixReadHeaderMem(data, len, &format, &w, &h, &bps, &spp, &cmap))
		return vns_err_set(err, VNS_ERECORD, "cannot read the image "
				   "header (truncated or damaged?)");
	st = check_size(w, h, max_pixels, err);
	if (st)
		return st;
	return to_grey(pixReadMem(data, len), out, err);
}
