/* test_office.c - unit tests of the DOCX/ODT reader (indexer/office.c) and
 * the PDF reader (indexer/pdf.c; its child process limits): the files are
 * made at run time by tests/mkdocs.py. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <unistd.h>

#include <cmocka.h>

#include "office.h"
#include "pdf.h"
#include "sinkrec.h"

/* Make a file of kind with mkdocs.py; returns its path (static). */
static const char *make_doc(const char *kind)
{
	static char path[256];
	char cmd[1024];
	const char *dir = getenv("VNS_TEST_DATA");

	snprintf(path, sizeof path, "/tmp/vns-office-%d.%s", (int)getpid(), kind);
	snprintf(cmd, sizeof cmd,
		 "python3 %s/mkdocs.py %s %s 'Đề án khuyến công Bắc Giang' "
		 "2021-03-04 'Sở Công Thương' 'Hỗ trợ máy chế biến chè.' "
		 "'Kinh phí  2 tỷ đồng.'", dir ? dir : "tests", kind, path);
	assert_int_equal(system(cmd), 0);
	return path;
}

static void check_doc(const char *kind)
{
	struct rec r;
	vns_sink s = rec_sink(&r);
	const char *path = make_doc(kind);
	vns_err err;
	vns_status st = strcmp(kind, "pdf") ? vns_read_office(path, &s, &err)
					    : vns_read_pdf(path, &s, &err);

	assert_int_equal(st, VNS_OK);
	assert_int_equal(r.nbad, 0);
	assert_int_equal(r.ndocs, 1);
	assert_string_equal(r.docs[0].title, "Đề án khuyến công Bắc Giang");
	assert_string_equal(r.docs[0].author, "Sở Công Thương");
	assert_memory_equal(r.docs[0].date, "2021-03-04", 10);
	assert_non_null(strstr(r.docs[0].body, "Hỗ trợ máy chế biến chè."));
	assert_non_null(strstr(r.docs[0].body, "2 tỷ đồng"));
	rec_free(&r);
	unlink(path);
}

static void test_docx_gives_text_and_properties(void **state)
{
	(void)state;
	check_doc("docx");
}

static void test_odt_gives_text_and_properties(void **state)
{
	(void)state;
	check_doc("odt");
}

static void test_pdf_gives_text_and_properties(void **state)
{
	(void)state;
	check_doc("pdf");
}

static void test_not_a_zip_or_not_a_pdf_is_reported(void **state)
{
	struct rec r;
	vns_sink s = rec_sink(&r);
	const char *p1 = rec_file(".docx", "PK\x03\x04 broken", 11);
	vns_err err;

	(void)state;
	assert_int_equal(vns_read_office(p1, &s, &err), VNS_OK);
	assert_int_equal(r.nbad, 1);
	assert_non_null(strstr(r.bad[0], "not a docx or odt"));
	unlink(p1);
	p1 = rec_file(".pdf", "<html>not a pdf</html>", 22);
	assert_int_equal(vns_read_pdf(p1, &s, &err), VNS_OK);
	assert_int_equal(r.nbad, 2);
	assert_string_equal(r.bad[1], "not a pdf: no %PDF- header");
	unlink(p1);
	p1 = rec_file(".pdf", "%PDF-1.4\ngarbage", 16);
	assert_int_equal(vns_read_pdf(p1, &s, &err), VNS_OK);
	assert_int_equal(r.nbad, 3);
	assert_non_null(strstr(r.bad[2], "pdftotext failed"));
	unlink(p1);
}

static void test_child_limits_time_and_output(void **state)
{
	char *slow[] = { "sleep", "5", NULL };
	char *chatty[] = { "yes", NULL };
	char *missing[] = { "vns-no-such-program", NULL };
	vns_buf out;
	vns_err err;

	(void)state;
	vns_buf_init(&out, 1000);
	assert_int_equal(vns_pdf_run(slow, 1, &out, &err), VNS_EIO);
	assert_non_null(strstr(err.msg, "timed out after 1 s"));
	assert_int_equal(vns_pdf_run(chatty, 5, &out, &err), VNS_ETOOBIG);
	assert_int_equal(vns_pdf_run(missing, 5, &out, &err), VNS_EIO);
	assert_non_null(strstr(err.msg, "cannot run"));
	vns_buf_free(&out);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_docx_gives_text_and_properties),
		cmocka_unit_test(test_odt_gives_text_and_properties),
		cmocka_unit_test(test_pdf_gives_text_and_properties),
		cmocka_unit_test(test_not_a_zip_or_not_a_pdf_is_reported),
		cmocka_unit_test(test_child_limits_time_and_output),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
