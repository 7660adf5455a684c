/* test_ocr.c - unit tests of one page through Tesseract (indexer/ocr.c):
 * missing models are a clear error, the time limit stops a page, a page
 * of marks that are not letters gives a confidence in range. Recognition
 * of real Vietnamese text is tested end to end by tests/ocr.py. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>
#include <leptonica/allheaders.h>

#include "ocr.h"

/* A grey page with a few dark bars on it. */
static PIX *bars_page(void)
{
	PIX *pix = pixCreate(1200, 800, 8);

	pixSetAllArbitrary(pix, 250);
	for (int i = 0; i < 8; i++) {
		BOX *b = boxCreate(100, 80 + 80 * i, 300 + 90 * i, 30);

		pixClearInRect(pix, b);
		boxDestroy(&b);
	}
	return pix;
}

static void test_missing_models_are_a_clear_error(void **state)
{
	const char *old = getenv("TESSDATA_PREFIX");
	char *keep = old ? strdup(old) : NULL;
	vns_ocr *o = NULL;
	vns_err err;

	(void)state;
	setenv("TESSDATA_PREFIX", "/nonexistent/vns-tessdata", 1);
	assert_int_equal(vns_ocr_new(&o, &err), VNS_EIO);
	assert_null(o);
	assert_string_equal(err.msg, "cannot load the tesseract models "
			    "'vie+eng' (is tesseract-ocr-vie installed?)");
	if (keep)
		setenv("TESSDATA_PREFIX", keep, 1);
	else
		unsetenv("TESSDATA_PREFIX");
	free(keep);
}

/* A recogniser, or the test skipped when the models are not installed. */
static vns_ocr *recogniser(void)
{
	vns_ocr *o = NULL;
	vns_err err;

	if (vns_ocr_new(&o, &err)) {
		print_message("# SKIP %s\n", err.msg);
		skip();
	}
	return o;
}

static void test_page_of_marks_gives_confidence_in_range(void **state)
{
	vns_ocr *o = recogniser();
	PIX *pix = bars_page();
	vns_buf out;
	vns_err err;
	double conf = -1;

	(void)state;
	vns_buf_init(&out, 0);
	assert_int_equal(vns_ocr_page(o, pix, 300, 60, &out, &conf, &err),
			 VNS_OK);
	assert_true(conf >= 0 && conf <= 100);
	vns_buf_free(&out);
	pixDestroy(&pix);
	vns_ocr_free(o);
}

static void test_time_limit_stops_the_page(void **state)
{
	vns_ocr *o = recogniser();
	PIX *pix = bars_page();
	vns_buf out;
	vns_err err;
	double conf = -1;

	(void)state;
	vns_buf_init(&out, 0);
	assert_int_equal(vns_ocr_page(o, pix, 300, 0, &out, &conf, &err),
			 VNS_EIO);
	assert_string_equal(err.msg, "recognition stopped after 0 s");
	assert_int_equal(out.len, 0);
	/* the recogniser is still usable */
	assert_int_equal(vns_ocr_page(o, pix, 300, 60, &out, &conf, &err),
			 VNS_OK);
	vns_buf_free(&out);
	pixDestroy(&pix);
	vns_ocr_free(o);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_missing_models_are_a_clear_error),
		cmocka_unit_test(test_page_of_marks_gives_confidence_in_range),
		cmocka_unit_test(test_time_limit_stops_the_page),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
