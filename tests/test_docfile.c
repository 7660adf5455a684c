/* test_docfile.c - unit tests of the whole-file reader helpers
 * (indexer/docfile.c): dates from pages, feeds and office files, text
 * tidying, the size cap, default titles. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <fcntl.h>
#include <unistd.h>

#include <cmocka.h>

#include "docfile.h"

static void test_dates_in_every_form_become_iso(void **state)
{
	static const char *const cases[][2] = {
		{ "2021-06-10T08:30:00+07:00", "2021-06-10T08:30:00+07:00" },
		{ "Thu, 04 Mar 2021 10:00:00 +0700", "2021-03-04T10:00:00+07:00" },
		{ "Fri, 05 Mar 2021 09:00:00 GMT", "2021-03-05T09:00:00Z" },
		{ "04/03/2021 10:15", "2021-03-04T10:15:00" },
		{ "D:20210304120000+07'00'", "2021-03-04T12:00:00+07:00" },
		{ "  2020-01-02", "2020-01-02" },
	};
	char out[32];

	(void)state;
	for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
		assert_int_equal(vns_docfile_date(cases[i][0], out, sizeof out), 1);
		assert_string_equal(out, cases[i][1]);
	}
	assert_int_equal(vns_docfile_date("hôm qua", out, sizeof out), 0);
	assert_string_equal(out, "");
}

static void test_text_is_tidied_but_paragraphs_stay(void **state)
{
	vns_buf b;

	(void)state;
	vns_buf_init(&b, 0);
	vns_docfile_add_text(&b, "  Một \t hai\r\n\n\n\nba\x01 bốn  \n", 27);
	vns_docfile_trim(&b);
	assert_string_equal(b.data, "Một hai\n\nba bốn");
	vns_buf_free(&b);
}

static void test_file_over_the_cap_is_refused_before_reading(void **state)
{
	char path[] = "/tmp/vns-docfile-XXXXXX";
	int fd = mkstemp(path);
	vns_buf b;
	vns_err err;

	(void)state;
	assert_true(fd >= 0);
	assert_int_equal(write(fd, "0123456789", 10), 10);
	close(fd);
	vns_buf_init(&b, 0);
	assert_int_equal(vns_docfile_read(path, 5, &b, &err), VNS_ETOOBIG);
	assert_non_null(strstr(err.msg, "over the limit of 5"));
	assert_int_equal(vns_docfile_read(path, 10, &b, &err), VNS_OK);
	assert_int_equal(b.len, 10);
	fd = open(path, O_TRUNC | O_WRONLY);
	close(fd);
	assert_int_equal(vns_docfile_read(path, 10, &b, &err), VNS_ERECORD);
	assert_string_equal(err.msg, "empty file");
	unlink(path);
	vns_buf_free(&b);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_dates_in_every_form_become_iso),
		cmocka_unit_test(test_text_is_tidied_but_paragraphs_stay),
		cmocka_unit_test(test_file_over_the_cap_is_refused_before_reading),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
