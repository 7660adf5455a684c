/* test_scan.c - unit tests of a scanned file made into a document
 * (indexer/scan.c) that need no recognition: from a cache entry (title,
 * date, confidence, low pages, the page limit), blank pages (never sent to
 * Tesseract), a file that is not an image. The models are pointed at a
 * place without them, so a test passes only if none is loaded. */
#include <limits.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "mkpng.h"
#include "scan.h"
#include "scratch.h"

struct fixture {
	char dir[256], cache[512], file[512];
	vns_scan_opts o;
	vns_ocr *ocr;
	vns_doc doc;
	vns_err why;
	int nskipped;
	char skipped[VNS_ERR_MSG_MAX];
};

static void on_skipped(void *ctx, const char *path, const vns_err *why)
{
	struct fixture *f = ctx;

	(void)path;
	f->nskipped++;
	snprintf(f->skipped, sizeof f->skipped, "%s", why->msg);
}

static int setup(void **state)
{
	struct fixture *f = calloc(1, sizeof *f);
	FILE *fp;

	if (!f || vns_test_mkdtemp(f->dir, sizeof f->dir, "scan"))
		return -1;
	setenv("TESSDATA_PREFIX", f->dir, 1); /* no models there */
	snprintf(f->cache, sizeof f->cache, "%s/cache", f->dir);
	snprintf(f->file, sizeof f->file, "%s/scan.png", f->dir);
	fp = fopen(f->file, "wb"); /* not an image: only its bytes matter */
	fputs("the bytes of a scan", fp);
	fclose(fp);
	f->o = vns_scan_default_opts();
	f->o.cache_dir = f->cache;
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	struct fixture *f = *state;

	vns_doc_clear(&f->doc);
	assert_null(f->ocr); /* no test loads the models */
	vns_test_rmtree(f->dir);
	free(f);
	return 0;
}

/* A cache entry for f->file: pages (NULL-ended text, confidence pairs). */
static void cache_pages(struct fixture *f, unsigned total,
			const char *const *text, const double *conf)
{
	char key[65];
	vns_ocrtext t;
	vns_err err;

	vns_ocrtext_init(&t);
	for (size_t i = 0; text[i]; i++) {
		size_t from = t.text.len;

		vns_buf_adds(&t.text, text[i]);
		vns_ocrtext_add_page(&t, from, conf[i], NULL);
	}
	t.total = total;
	assert_int_equal(vns_ocrcache_key(f->file, key, &err), VNS_OK);
	assert_int_equal(vns_ocrcache_put(f->cache, key, &t, &err), VNS_OK);
	vns_ocrtext_free(&t);
}

static vns_status scan_kind(struct fixture *f, vns_scan_kind kind)
{
	vns_err_clear(&f->why);
	return vns_scan_doc(f->file, kind, &f->o, &f->ocr, on_skipped, f,
			    &f->doc, &f->why);
}

static vns_status scan(struct fixture *f)
{
	vns_doc_clear(&f->doc);
	return scan_kind(f, VNS_SCAN_IMAGE);
}

/* A PDF with a text layer at f->file, made by tests/mkdocs.py: a title
 * line, then the paragraphs (one line each). */
static void text_pdf(struct fixture *f, const char *paras)
{
	char cmd[2048];
	const char *data = getenv("VNS_TEST_DATA");

	snprintf(f->file, sizeof f->file, "%s/layer.pdf", f->dir);
	snprintf(cmd, sizeof cmd, "python3 %s/mkdocs.py pdf %s 'Đề án Bắc Giang' "
		 "2021-03-04 'Sở Công Thương' %s", data ? data : "tests",
		 f->file, paras);
	assert_int_equal(system(cmd), 0);
}

static void test_pdf_pages_with_text_keep_their_text_layer(void **state)
{
	struct fixture *f = *state;

	text_pdf(f, "'Hỗ trợ máy chế biến chè cho hợp tác xã Tân Cương.'");
	vns_doc_clear(&f->doc);
	f->doc.title = strdup("Tiêu đề của tệp");
	f->doc.date = strdup("2021-03-04T00:00:00");
	assert_int_equal(scan_kind(f, VNS_SCAN_PDF), VNS_OK);
	assert_non_null(strstr(f->doc.body, "hợp tác xã Tân Cương"));
	/* nothing was recognised: the text is not marked as OCR's */
	assert_int_equal(f->doc.ocr_pages, 0);
	assert_null(f->doc.ocr_low);
	/* no heading, no date in the text: the file's own are kept */
	assert_string_equal(f->doc.title, "Tiêu đề của tệp");
	assert_string_equal(f->doc.date, "2021-03-04T00:00:00");
}

static void test_heading_replaces_the_files_title_and_date(void **state)
{
	struct fixture *f = *state;

	text_pdf(f, "'KẾ HOẠCH' 'Bình chọn sản phẩm tiêu biểu' "
		 "'Bắc Giang, ngày 12 tháng 4 năm 2025, kèm nội dung dài.'");
	vns_doc_clear(&f->doc);
	f->doc.title = strdup("Tiêu đề của tệp");
	f->doc.date = strdup("2021-03-04T00:00:00");
	assert_int_equal(scan_kind(f, VNS_SCAN_PDF), VNS_OK);
	/* (the lines of this PDF are one block: the title runs on) */
	assert_ptr_equal(strstr(f->doc.title, "KẾ HOẠCH Bình chọn sản phẩm "
				"tiêu biểu"), f->doc.title);
	assert_string_equal(f->doc.date, "2025-04-12");
}

static void test_document_from_the_cache(void **state)
{
	struct fixture *f = *state;
	static const char *const text[] = {
		"ỦY BAN NHÂN DÂN TỈNH QUẢNG NINH\n"
		"Quảng Ninh, ngày 05 tháng 3 năm 2025\n\nQUYẾT ĐỊNH\n"
		"Về việc hỗ trợ máy sấy\n\nĐiều 1. Nội dung.\n",
		"trang hai mờ\n", NULL };
	static const double conf[] = { 92, 40 };
	char real[PATH_MAX], id[PATH_MAX + 8];

	cache_pages(f, 2, text, conf);
	assert_int_equal(scan(f), VNS_OK);
	assert_string_equal(f->doc.title, "QUYẾT ĐỊNH Về việc hỗ trợ máy sấy");
	assert_string_equal(f->doc.date, "2025-03-05");
	assert_non_null(strstr(f->doc.body, "Điều 1. Nội dung."));
	assert_non_null(strstr(f->doc.body, "trang hai mờ"));
	assert_int_equal(f->doc.ocr_pages, 2);
	assert_string_equal(f->doc.ocr_low, "2");
	assert_true(f->doc.ocr_confidence > 80 && f->doc.ocr_confidence < 92);
	assert_non_null(realpath(f->file, real));
	snprintf(id, sizeof id, "file:%s", real);
	assert_string_equal(f->doc.id, id);
	assert_int_equal(f->nskipped, 0);
}

static void test_text_without_heading_leaves_the_title_to_the_indexer(void **state)
{
	struct fixture *f = *state;
	static const char *const text[] = { "\nmột dòng đầu\nhai\n", NULL };
	static const double conf[] = { 88 };

	cache_pages(f, 1, text, conf);
	assert_int_equal(scan(f), VNS_OK);
	assert_null(f->doc.title); /* derived when indexed (title.h) */
	assert_non_null(strstr(f->doc.body, "một dòng đầu"));
	assert_null(f->doc.date);
	assert_null(f->doc.ocr_low);
}

static void test_pages_over_the_limit_are_reported(void **state)
{
	struct fixture *f = *state;
	static const char *const text[] = { "một\n", "hai\n", NULL };
	static const double conf[] = { 90, 90 };

	f->o.max_pages = 2;
	cache_pages(f, 80, text, conf);
	assert_int_equal(scan(f), VNS_OK);
	assert_int_equal(f->doc.ocr_pages, 2);
	assert_int_equal(f->nskipped, 1);
	assert_string_equal(f->skipped, "pages 3-80 not recognised: over the "
			    "limit of 2 pages a document");
	/* a higher limit than the entry's: recognised again (and this file
	 * is no picture) */
	f->o.max_pages = 3;
	assert_int_equal(scan(f), VNS_ERECORD);
	assert_non_null(strstr(f->why.msg, "not an image"));
}

static void test_blank_image_has_no_text_and_loads_no_model(void **state)
{
	struct fixture *f = *state;

	mkpng(f->file, 400, 300, 255);
	assert_int_equal(scan(f), VNS_ERECORD);
	assert_string_equal(f->why.msg, "no text found by ocr in 1 of 1 pages");
}

static int stop_now(void)
{
	return 1;
}

static void test_stop_ends_the_scan_before_a_page(void **state)
{
	struct fixture *f = *state;

	mkpng(f->file, 400, 300, 255);
	f->o.stop = stop_now;
	assert_int_equal(scan(f), VNS_ECANCELED);
	assert_string_equal(f->why.msg, "interrupted");
	assert_int_equal(f->nskipped, 0);
}

static void test_without_cache_nothing_is_written(void **state)
{
	struct fixture *f = *state;

	f->o.cache_dir = NULL;
	mkpng(f->file, 40, 30, 255);
	assert_int_equal(scan(f), VNS_ERECORD);
	assert_int_equal(access(f->cache, F_OK), -1);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_document_from_the_cache,
						setup, teardown),
		cmocka_unit_test_setup_teardown(
			test_text_without_heading_leaves_the_title_to_the_indexer, setup,
			teardown),
		cmocka_unit_test_setup_teardown(
			test_pages_over_the_limit_are_reported, setup,
			teardown),
		cmocka_unit_test_setup_teardown(
			test_blank_image_has_no_text_and_loads_no_model, setup,
			teardown),
		cmocka_unit_test_setup_teardown(
			test_without_cache_nothing_is_written, setup,
			teardown),
		cmocka_unit_test_setup_teardown(
			test_stop_ends_the_scan_before_a_page, setup,
			teardown),
		cmocka_unit_test_setup_teardown(
			test_pdf_pages_with_text_keep_their_text_layer, setup,
			teardown),
		cmocka_unit_test_setup_teardown(
			test_heading_replaces_the_files_title_and_date, setup,
			teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
