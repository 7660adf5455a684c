/* test_image.c - unit tests of bounded image loading (indexer/image.c):
 * the size in the header is checked before decoding (a decompression
 * bomb is refused without its memory), empty, truncated and foreign files
 * are reported, good ones decode to 8-bit grey. PNGs are made here. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <cmocka.h>
#include <leptonica/allheaders.h>

#include "image.h"
#include "mkpng.h"
#include "scratch.h"

static char scratch[256]; /* made by main(), removed at the end */

static char *tmp_path(const char *name)
{
	static char path[512];

	return (char *)vns_test_path(scratch, name, path, sizeof path);
}

static void test_good_png_decodes_to_grey(void **state)
{
	const char *path = tmp_path("good.png");
	PIX *pix = NULL;
	unsigned pages = 0;
	vns_err err;

	(void)state;
	mkpng(path, 64, 48, 200);
	assert_int_equal(vns_image_pages(path, &pages, &err), VNS_OK);
	assert_int_equal(pages, 1);
	assert_int_equal(vns_image_read(path, 0, 10000, &pix, &err), VNS_OK);
	assert_int_equal(pixGetWidth(pix), 64);
	assert_int_equal(pixGetHeight(pix), 48);
	assert_int_equal(pixGetDepth(pix), 8);
	pixDestroy(&pix);
	unlink(path);
}

static void test_bomb_is_refused_from_its_header(void **state)
{
	const char *path = tmp_path("bomb.png");
	PIX *pix = NULL;
	vns_err err;
	clock_t t0;
	double cpu;

	(void)state;
	mkpng(path, 10000, 10000, 255); /* about 100 KB */
	t0 = clock();
	assert_int_equal(vns_image_read(path, 0, VNS_IMAGE_MAX_PIXELS, &pix,
					&err), VNS_ETOOBIG);
	cpu = (double)(clock() - t0) / CLOCKS_PER_SEC;
	assert_null(pix);
	assert_string_equal(err.msg, "image is 10000x10000 pixels (100.0 "
			    "megapixels), over the limit of 40.0");
	/* decoding 100 MB would take far longer than reading a header */
	assert_true(cpu < 0.05);
	unlink(path);
}

static void test_limit_is_the_callers(void **state)
{
	const char *path = tmp_path("limit.png");
	PIX *pix = NULL;
	vns_err err;

	(void)state;
	mkpng(path, 101, 100, 255);
	assert_int_equal(vns_image_read(path, 0, 10000, &pix, &err),
			 VNS_ETOOBIG);
	assert_int_equal(vns_image_read(path, 0, 10100, &pix, &err), VNS_OK);
	pixDestroy(&pix);
	unlink(path);
}

static void test_zero_size_png_is_refused(void **state)
{
	const char *path = tmp_path("zero.png");
	PIX *pix = NULL;
	vns_err err;

	(void)state;
	mkpng(path, 0, 0, 0);
	assert_int_equal(vns_image_read(path, 0, VNS_IMAGE_MAX_PIXELS, &pix,
					&err), VNS_ERECORD);
	assert_string_equal(err.msg, "image is 0x0 pixels");
	assert_null(pix);
	mkpng(path, 5000, 0, 0);
	assert_int_equal(vns_image_read(path, 0, VNS_IMAGE_MAX_PIXELS, &pix,
					&err), VNS_ERECORD);
	assert_string_equal(err.msg, "image is 5000x0 pixels");
	unlink(path);
}

static void test_truncated_png_is_reported(void **state)
{
	const char *path = tmp_path("cut.png");
	PIX *pix = NULL;
	vns_err err;
	FILE *f;
	long n;

	(void)state;
	mkpng(path, 400, 300, 90);
	f = fopen(path, "rb+");
	fseek(f, 0, SEEK_END);
	n = ftell(f);
	fclose(f);
	assert_int_equal(truncate(path, n / 2), 0);
	assert_int_equal(vns_image_read(path, 0, VNS_IMAGE_MAX_PIXELS, &pix,
					&err), VNS_ERECORD);
	assert_string_equal(err.msg, "png is truncated (no IEND chunk)");
	assert_null(pix);
	unlink(path);
}

static void test_text_file_is_not_an_image(void **state)
{
	const char *path = tmp_path("text.png");
	FILE *f = fopen(path, "w");
	PIX *pix = NULL;
	unsigned pages;
	vns_err err;

	(void)state;
	fputs("not a picture at all\n", f);
	fclose(f);
	assert_int_equal(vns_image_pages(path, &pages, &err), VNS_ERECORD);
	assert_int_equal(vns_image_read(path, 0, VNS_IMAGE_MAX_PIXELS, &pix,
					&err), VNS_ERECORD);
	assert_non_null(strstr(err.msg, "not an image"));
	unlink(path);
	assert_int_equal(vns_image_pages(path, &pages, &err), VNS_EIO);
}

static void test_pgm_in_memory_as_pdftoppm_writes_it(void **state)
{
	static const unsigned char pgm[] = "P5\n3 2\n255\n\x00\x10\x20\x30\x40\x50";
	static const unsigned char big[] = "P5\n300 200\n255\n";
	PIX *pix = NULL;
	vns_err err;

	(void)state;
	assert_int_equal(vns_image_read_mem(pgm, sizeof pgm - 1, 100, &pix,
					    &err), VNS_OK);
	assert_int_equal(pixGetWidth(pix), 3);
	assert_int_equal(pixGetHeight(pix), 2);
	pixDestroy(&pix);
	assert_int_equal(vns_image_read_mem(big, sizeof big - 1, 100, &pix,
					    &err), VNS_ETOOBIG);
	assert_int_equal(vns_image_read_mem(pgm, 5, 100, &pix, &err),
			 VNS_ERECORD);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_good_png_decodes_to_grey),
		cmocka_unit_test(test_bomb_is_refused_from_its_header),
		cmocka_unit_test(test_limit_is_the_callers),
		cmocka_unit_test(test_zero_size_png_is_refused),
		cmocka_unit_test(test_truncated_png_is_reported),
		cmocka_unit_test(test_text_file_is_not_an_image),
		cmocka_unit_test(test_pgm_in_memory_as_pdftoppm_writes_it),
	};

	int failed;

	if (vns_test_mkdtemp(scratch, sizeof scratch, "image"))
		return 1;
	failed = cmocka_run_group_tests(tests, NULL, NULL);
	vns_test_rmtree(scratch);
	return failed;
}
