/* test_lines.c - unit tests for lib/lines: the capped line reader over
 * plain and gzip files (line ends, the last line, over-long lines skipped,
 * truncated gzip data, open errors). Files live in a mkdtemp directory
 * under $TMPDIR (or /tmp) that the group teardown removes. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cmocka.h>
#include <zlib.h>

#include "lines.h"

static char tmpdir[PATH_MAX];

static int make_tmpdir(void **state)
{
	const char *base = getenv("TMPDIR");

	(void)state;
	if (!base || !*base)
		base = "/tmp";
	snprintf(tmpdir, sizeof tmpdir, "%s/vns-test-lines-XXXXXX", base);
	return mkdtemp(tmpdir) ? 0 : -1;
}

static int remove_tmpdir(void **state)
{
	DIR *d = opendir(tmpdir);
	struct dirent *e;
	char path[PATH_MAX + 256];

	(void)state;
	if (!d)
		return -1;
	while ((e = readdir(d)) != NULL) {
		if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
			continue;
		snprintf(path, sizeof path, "%s/%s", tmpdir, e->d_name);
		unlink(path);
	}
	closedir(d);
	return rmdir(tmpdir);
}

/* Full path of name inside the temporary directory (static storage). */
static const char *tmp_path(const char *name)
{
	static char path[PATH_MAX + 256];

	snprintf(path, sizeof path, "%s/%s", tmpdir, name);
	return path;
}

static const char *write_plain(const char *name, const char *data, size_t len)
{
	const char *path = tmp_path(name);
	FILE *f = fopen(path, "wb");

	assert_non_null(f);
	assert_int_equal(fwrite(data, 1, len, f), len);
	assert_int_equal(fclose(f), 0);
	return path;
}

static const char *write_gzip(const char *name, const char *data, size_t len)
{
	const char *path = tmp_path(name);
	gzFile gz = gzopen(path, "wb");

	assert_non_null(gz);
	if (len)
		assert_int_equal(gzwrite(gz, data, (unsigned)len), (int)len);
	assert_int_equal(gzclose(gz), Z_OK);
	return path;
}

static off_t file_size(const char *path)
{
	struct stat st;

	assert_int_equal(stat(path, &st), 0);
	return st.st_size;
}

static vns_lines *open_ok(const char *path, size_t max_line)
{
	vns_lines *r = NULL;
	vns_err err;

	assert_int_equal(vns_lines_open(path, max_line, &r, &err), VNS_OK);
	assert_non_null(r);
	return r;
}

/* The next line must be want (NUL-terminated) at line number lineno. */
static void expect_line(vns_lines *r, const char *want, unsigned long lineno)
{
	const char *line = NULL;
	size_t len = 0;
	vns_err err;

	vns_err_clear(&err);
	assert_int_equal(vns_lines_next(r, &line, &len, &err), 1);
	assert_int_equal(len, strlen(want));
	assert_memory_equal(line, want, len);
	assert_int_equal(vns_lines_lineno(r), lineno);
}

static void expect_end(vns_lines *r)
{
	const char *line;
	size_t len;
	vns_err err;

	vns_err_clear(&err);
	assert_int_equal(vns_lines_next(r, &line, &len, &err), 0);
	/* and it stays at the end */
	assert_int_equal(vns_lines_next(r, &line, &len, &err), 0);
}

/* Numbered lines "line 00001 ..." to n, for the bigger files. */
static char *numbered_lines(int n, size_t *len)
{
	size_t cap = (size_t)n * 64 + 1, used = 0;
	char *s = malloc(cap);

	assert_non_null(s);
	for (int i = 1; i <= n; i++)
		used += (size_t)snprintf(s + used, cap - used,
					 "line %05d Hà Nội %d\n", i, i * 7919);
	*len = used;
	return s;
}

static void numbered(int i, char *out, size_t cap)
{
	snprintf(out, cap, "line %05d Hà Nội %d", i, i * 7919);
}

/* ---- plain and gzip ----------------------------------------------------- */

static const char three[] = "Hà Nội\nhôm nay\n\nmưa to\n";

static void test_plain_file_gives_lines_without_newline(void **state)
{
	vns_lines *r;

	(void)state;
	r = open_ok(write_plain("plain.txt", three, sizeof three - 1), 100);
	assert_int_equal(vns_lines_lineno(r), 0);
	expect_line(r, "Hà Nội", 1);
	expect_line(r, "hôm nay", 2);
	expect_line(r, "", 3);
	expect_line(r, "mưa to", 4);
	expect_end(r);
	vns_lines_free(r);
}

static void test_gzip_file_is_read_transparently(void **state)
{
	vns_lines *r;

	(void)state;
	r = open_ok(write_gzip("three.gz", three, sizeof three - 1), 100);
	expect_line(r, "Hà Nội", 1);
	expect_line(r, "hôm nay", 2);
	expect_line(r, "", 3);
	expect_line(r, "mưa to", 4);
	expect_end(r);
	vns_lines_free(r);
}

static void test_big_gzip_file_spanning_many_chunks(void **state)
{
	size_t len;
	char *data = numbered_lines(20000, &len);
	char want[64];
	vns_lines *r;

	(void)state;
	assert_true(len > 3 * 64 * 1024);
	r = open_ok(write_gzip("big.gz", data, len), 100);
	for (int i = 1; i <= 20000; i++) {
		numbered(i, want, sizeof want);
		expect_line(r, want, (unsigned long)i);
	}
	expect_end(r);
	vns_lines_free(r);
	free(data);
}

static void test_crlf_line_ends_are_stripped(void **state)
{
	static const char data[] = "một\r\nhai\r\n\r\nba\r\n";
	vns_lines *r;

	(void)state;
	r = open_ok(write_plain("crlf.txt", data, sizeof data - 1), 100);
	expect_line(r, "một", 1);
	expect_line(r, "hai", 2);
	expect_line(r, "", 3);
	expect_line(r, "ba", 4);
	expect_end(r);
	vns_lines_free(r);
}

static void test_lone_cr_inside_a_line_is_kept(void **state)
{
	static const char data[] = "a\rb\r\nc\r\r\n";
	vns_lines *r;

	(void)state;
	r = open_ok(write_plain("cr.txt", data, sizeof data - 1), 100);
	expect_line(r, "a\rb", 1);
	expect_line(r, "c\r", 2);
	expect_end(r);
	vns_lines_free(r);
}

static void test_last_line_without_newline_is_returned(void **state)
{
	static const char data[] = "đầu\ncuối";
	vns_lines *r;

	(void)state;
	r = open_ok(write_plain("nonl.txt", data, sizeof data - 1), 100);
	expect_line(r, "đầu", 1);
	expect_line(r, "cuối", 2);
	expect_end(r);
	vns_lines_free(r);

	r = open_ok(write_gzip("nonl.gz", "x\r", 2), 100);
	expect_line(r, "x", 1);
	expect_end(r);
	vns_lines_free(r);
}

static void test_empty_files_give_no_lines(void **state)
{
	vns_lines *r;

	(void)state;
	r = open_ok(write_plain("empty.txt", "", 0), 100);
	expect_end(r);
	assert_int_equal(vns_lines_lineno(r), 0);
	vns_lines_free(r);

	r = open_ok(write_gzip("empty.gz", "", 0), 100);
	expect_end(r);
	vns_lines_free(r);
}

static void test_dash_reads_standard_input(void **state)
{
	static const char data[] = "từ stdin\nhai\n";
	const char *path = write_plain("stdin.txt", data, sizeof data - 1);
	int saved = dup(0), fd = open(path, O_RDONLY);
	vns_lines *r;

	(void)state;
	assert_true(saved >= 0 && fd >= 0);
	assert_int_equal(dup2(fd, 0), 0);
	close(fd);
	r = open_ok("-", 100);
	expect_line(r, "từ stdin", 1);
	expect_line(r, "hai", 2);
	expect_end(r);
	vns_lines_free(r);
	assert_int_equal(dup2(saved, 0), 0);
	close(saved);
}

/* ---- the line cap --------------------------------------------------------- */

static void expect_too_long(vns_lines *r, size_t max, unsigned long lineno)
{
	const char *line;
	size_t len;
	vns_err err;
	char want[64];

	vns_err_clear(&err);
	assert_int_equal(vns_lines_next(r, &line, &len, &err), -VNS_ETOOBIG);
	assert_int_equal(err.code, VNS_ETOOBIG);
	snprintf(want, sizeof want, "line longer than %zu bytes", max);
	assert_string_equal(err.msg, want);
	assert_int_equal(vns_lines_lineno(r), lineno);
}

static void test_overlong_line_is_skipped_and_reading_goes_on(void **state)
{
	static const char data[] = "ngắn\n0123456789abcdef\nsau\n";
	vns_lines *r;

	(void)state;
	r = open_ok(write_plain("long.txt", data, sizeof data - 1), 8);
	expect_line(r, "ngắn", 1);
	expect_too_long(r, 8, 2);
	expect_line(r, "sau", 3);
	expect_end(r);
	vns_lines_free(r);
}

static void test_line_of_exactly_max_bytes_is_kept(void **state)
{
	static const char data[] = "12345678\n123456789\n";
	vns_lines *r;

	(void)state;
	r = open_ok(write_plain("exact.txt", data, sizeof data - 1), 8);
	expect_line(r, "12345678", 1);
	expect_too_long(r, 8, 2);
	expect_end(r);
	vns_lines_free(r);
}

static void test_crlf_line_of_exactly_max_bytes_is_kept(void **state)
{
	/* the "\r" is not part of the line, so it does not count */
	static const char data[] = "12345678\r\n123456789\r\nok\r\n";
	vns_lines *r;

	(void)state;
	r = open_ok(write_plain("exactcrlf.txt", data, sizeof data - 1), 8);
	expect_line(r, "12345678", 1);
	expect_too_long(r, 8, 2);
	expect_line(r, "ok", 3);
	expect_end(r);
	vns_lines_free(r);
}

static void test_overlong_line_across_chunks_is_skipped_whole(void **state)
{
	static const char head[] = "trước\n";
	size_t big = 300 * 1024, len = 0;
	char *data = malloc(big + 64);
	vns_lines *r;

	(void)state;
	assert_non_null(data);
	memcpy(data, head, sizeof head - 1);
	len = sizeof head - 1;
	memset(data + len, 'x', big);
	len += big;
	memcpy(data + len, "\nsau\n", 5);
	len += 5;
	r = open_ok(write_gzip("longgz.gz", data, len), 1000);
	expect_line(r, "trước", 1);
	expect_too_long(r, 1000, 2);
	expect_line(r, "sau", 3);
	expect_end(r);
	vns_lines_free(r);
	free(data);
}

static void test_overlong_last_line_without_newline(void **state)
{
	static const char data[] = "ok\n0123456789";
	vns_lines *r;

	(void)state;
	r = open_ok(write_plain("longlast.txt", data, sizeof data - 1), 4);
	expect_line(r, "ok", 1);
	expect_too_long(r, 4, 2);
	expect_end(r);
	vns_lines_free(r);
}

/* ---- damaged gzip ---------------------------------------------------------- */

/* Read numbered lines until the reader fails; they must all be right.
 * Returns how many came; the error detail goes to *err. */
static int read_until_eio(vns_lines *r, int total, vns_err *err)
{
	const char *line;
	size_t len;
	char want[64];
	int got, n = 0;

	vns_err_clear(err);
	while ((got = vns_lines_next(r, &line, &len, err)) == 1) {
		n++;
		assert_true(n <= total);
		numbered(n, want, sizeof want);
		assert_int_equal(len, strlen(want));
		assert_memory_equal(line, want, len);
	}
	assert_int_equal(got, -VNS_EIO);
	assert_int_equal(err->code, VNS_EIO);
	assert_int_equal(strncmp(err->msg, "after line ", 11), 0);
	return n;
}

static void test_truncated_gzip_gives_eio_after_the_good_lines(void **state)
{
	size_t len;
	char *data = numbered_lines(20000, &len);
	const char *path = write_gzip("cut.gz", data, len);
	char want[64];
	vns_lines *r;
	vns_err err;
	int n;

	(void)state;
	assert_int_equal(truncate(path, file_size(path) / 2), 0);
	r = open_ok(path, 100);
	n = read_until_eio(r, 20000, &err);
	/* the good half arrives; the line cut in the middle does not */
	assert_true(n > 100);
	assert_true(n < 20000);
	snprintf(want, sizeof want, "after line %d: truncated gzip data", n);
	assert_string_equal(err.msg, want);
	assert_int_equal(vns_lines_lineno(r), (unsigned long)n);
	vns_lines_free(r);
	free(data);
}

static void test_gzip_missing_its_trailer_gives_eio_at_the_end(void **state)
{
	size_t len;
	char *data = numbered_lines(50, &len);
	const char *path = write_gzip("notrailer.gz", data, len);
	vns_lines *r;
	vns_err err;

	(void)state;
	/* drop the CRC32 and length: every line decodes, the end is wrong */
	assert_int_equal(truncate(path, file_size(path) - 8), 0);
	r = open_ok(path, 100);
	assert_int_equal(read_until_eio(r, 50, &err), 50);
	vns_lines_free(r);
	free(data);
}

static void test_corrupt_gzip_data_gives_eio(void **state)
{
	size_t len;
	char *data = numbered_lines(5000, &len);
	const char *path = write_gzip("corrupt.gz", data, len);
	off_t size = file_size(path);
	unsigned char junk[64];
	int fd;
	vns_lines *r;
	vns_err err;

	(void)state;
	memset(junk, 0xff, sizeof junk);
	fd = open(path, O_WRONLY);
	assert_true(fd >= 0);
	assert_int_equal(pwrite(fd, junk, sizeof junk, size / 3),
			 (ssize_t)sizeof junk);
	close(fd);
	r = open_ok(path, 100);
	assert_true(read_until_eio(r, 5000, &err) < 5000);
	vns_lines_free(r);
	free(data);
}

/* ---- opening ---------------------------------------------------------------- */

static void test_missing_file_fails_with_the_reason(void **state)
{
	vns_lines *r = NULL;
	vns_err err;
	char want[128];

	(void)state;
	vns_err_clear(&err);
	assert_int_equal(vns_lines_open(tmp_path("no-such-file.jsonl"), 100,
					&r, &err),
			 VNS_EIO);
	assert_null(r);
	assert_int_equal(err.code, VNS_EIO);
	/* the caller adds the path ("'a.json': cannot open: ...") */
	snprintf(want, sizeof want, "cannot open: %s", strerror(ENOENT));
	assert_string_equal(err.msg, want);
}

static void test_directory_cannot_be_read_as_lines(void **state)
{
	vns_lines *r;
	const char *line;
	size_t len;
	vns_err err;

	(void)state;
	/* open(2) accepts a directory; reading it must fail, not loop */
	r = open_ok(tmpdir, 100);
	vns_err_clear(&err);
	assert_int_equal(vns_lines_next(r, &line, &len, &err), -VNS_EIO);
	assert_int_equal(err.code, VNS_EIO);
	assert_string_equal(err.msg, "after line 0: Is a directory");
	vns_lines_free(r);
}

static void test_free_accepts_null(void **state)
{
	(void)state;
	vns_lines_free(NULL);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_plain_file_gives_lines_without_newline),
		cmocka_unit_test(test_gzip_file_is_read_transparently),
		cmocka_unit_test(test_big_gzip_file_spanning_many_chunks),
		cmocka_unit_test(test_crlf_line_ends_are_stripped),
		cmocka_unit_test(test_lone_cr_inside_a_line_is_kept),
		cmocka_unit_test(test_last_line_without_newline_is_returned),
		cmocka_unit_test(test_empty_files_give_no_lines),
		cmocka_unit_test(test_dash_reads_standard_input),
		cmocka_unit_test(
			test_overlong_line_is_skipped_and_reading_goes_on),
		cmocka_unit_test(test_line_of_exactly_max_bytes_is_kept),
		cmocka_unit_test(test_crlf_line_of_exactly_max_bytes_is_kept),
		cmocka_unit_test(
			test_overlong_line_across_chunks_is_skipped_whole),
		cmocka_unit_test(test_overlong_last_line_without_newline),
		cmocka_unit_test(
			test_truncated_gzip_gives_eio_after_the_good_lines),
		cmocka_unit_test(
			test_gzip_missing_its_trailer_gives_eio_at_the_end),
		cmocka_unit_test(test_corrupt_gzip_data_gives_eio),
		cmocka_unit_test(test_missing_file_fails_with_the_reason),
		cmocka_unit_test(test_directory_cannot_be_read_as_lines),
		cmocka_unit_test(test_free_accepts_null),
	};

	return cmocka_run_group_tests(tests, make_tmpdir, remove_tmpdir);
}
