/* mkpng.h - grey PNG files of any size for the image and scan tests,
 * written row by row through zlib (a 10,000 x 10,000 one stays small and
 * quick). Header-only, static: each test file includes it once; needs
 * cmocka.h first. */
#ifndef VNS_TEST_MKPNG_H
#define VNS_TEST_MKPNG_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <zlib.h>

static void mkpng_be32(unsigned char *p, unsigned long v)
{
	p[0] = (unsigned char)(v >> 24);
	p[1] = (unsigned char)(v >> 16);
	p[2] = (unsigned char)(v >> 8);
	p[3] = (unsigned char)v;
}

static void mkpng_chunk(FILE *f, const char *kind, const unsigned char *data,
		  size_t len)
{
	unsigned char n[4], crc[4];
	uLong c = crc32(0, (const Bytef *)kind, 4);

	c = crc32(c, data, (uInt)len);
	mkpng_be32(n, len);
	mkpng_be32(crc, c);
	fwrite(n, 1, 4, f);
	fwrite(kind, 1, 4, f);
	fwrite(data, 1, len, f);
	fwrite(crc, 1, 4, f);
}

/* A grey PNG of w x h pixels of value v at path (rows compressed one at a
 * time: a 10000 x 10000 file stays small and is written quickly). */
static void mkpng(const char *path, unsigned long w, unsigned long h,
		      unsigned char v)
{
	unsigned char ihdr[13] = { 0 };
	unsigned char *row = malloc(w + 1), *out = malloc(1 << 20);
	FILE *f = fopen(path, "wb");
	z_stream z;

	assert_non_null(f);
	memset(&z, 0, sizeof z);
	deflateInit(&z, 1);
	memset(row, v, w + 1);
	row[0] = 0;
	fwrite("\x89PNG\r\n\x1a\n", 1, 8, f);
	mkpng_be32(ihdr, w);
	mkpng_be32(ihdr + 4, h);
	ihdr[8] = 8;
	mkpng_chunk(f, "IHDR", ihdr, 13);
	for (unsigned long y = 0; y <= h; y++) {
		z.next_in = row;
		z.avail_in = y < h ? (uInt)(w + 1) : 0;
		do {
			z.next_out = out;
			z.avail_out = 1 << 20;
			deflate(&z, y < h ? Z_NO_FLUSH : Z_FINISH);
			if (z.avail_out < (1 << 20))
				mkpng_chunk(f, "IDAT", out, (1 << 20) - z.avail_out);
		} while (z.avail_out == 0);
	}
	deflateEnd(&z);
	mkpng_chunk(f, "IEND", (const unsigned char *)"", 0);
	fclose(f);
	free(row);
	free(out);
}

#endif
