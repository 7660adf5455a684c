/* test_mapread.c - unit tests for query/mapread: Xapian's pread() of a
 * table file served from a mapping once enabled, the same bytes as the
 * system call; other files, writable files and reads past the end left to
 * the system call; a file that grew mapped again; a descriptor closed and
 * reused never served from the old file's mapping; a table file that
 * shrinks under its mapping stops the process with a message. The
 * mapping is enabled once, by the first test, for the whole program. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cmocka.h>

#include "mapread.h"
#include "scratch.h"

static char dir[PATH_MAX];

static int make_dir(void **state)
{
	(void)state;
	return vns_test_mkdtemp(dir, sizeof dir, "mapread");
}

static int remove_dir(void **state)
{
	(void)state;
	return vns_test_rmtree(dir);
}

/* Write n bytes of a pattern (byte i is (i * 7 + seed) & 0xff) to
 * dir/name; its path in path. */
static void write_file(const char *name, size_t n, unsigned seed,
		       char *path, size_t size)
{
	FILE *f = fopen(vns_test_path(dir, name, path, size), "wb");

	assert_non_null(f);
	for (size_t i = 0; i < n; i++)
		assert_int_not_equal(fputc((int)((i * 7 + seed) & 0xff), f), EOF);
	assert_int_equal(fclose(f), 0);
}

/* Write name as write_file() does and open it with flags: its
 * descriptor; its path in path. */
static int open_file(const char *name, size_t n, unsigned seed, int flags,
		     char *path, size_t size)
{
	int fd;

	write_file(name, n, seed, path, size);
	fd = open(path, flags);
	assert_true(fd >= 0);
	return fd;
}

/* pread() of n bytes at off must give the pattern (seed) there. */
static void expect_bytes(int fd, size_t n, off_t off, unsigned seed)
{
	unsigned char buf[20000];

	assert_true(n <= sizeof buf);
	assert_int_equal(pread(fd, buf, n, off), (ssize_t)n);
	for (size_t i = 0; i < n; i++)
		assert_int_equal(buf[i], (((size_t)off + i) * 7 + seed) & 0xff);
}

static void test_disabled_reads_are_the_system_call(void **state)
{
	char path[PATH_MAX];
	int fd;

	(void)state;
	fd = open_file("before.glass", 20000, 1, O_RDONLY, path, sizeof path);
	expect_bytes(fd, 8192, 8192, 1);
	assert_int_equal(vns_mapread_is_mapped(fd), 0);
	assert_int_equal(close(fd), 0);
}

static void test_table_reads_come_from_the_mapping(void **state)
{
	char path[PATH_MAX];
	unsigned char buf[100];
	int fd;

	(void)state;
	vns_mapread_enable();
	fd = open_file("postlist.glass", 20000, 3, O_RDONLY | O_CLOEXEC, path,
		       sizeof path);
	expect_bytes(fd, 8192, 0, 3);
	assert_int_equal(vns_mapread_is_mapped(fd), 1);
	expect_bytes(fd, 8192, 8192, 3);
	expect_bytes(fd, 1, 19999, 3);
	expect_bytes(fd, 0, 20000, 3);
	/* past the end: what the system call gives */
	assert_int_equal(pread(fd, buf, sizeof buf, 19990), 10);
	assert_int_equal(pread(fd, buf, sizeof buf, 30000), 0);
	assert_int_equal(pread(fd, buf, sizeof buf, -1), -1);
	assert_int_equal(close(fd), 0);
	assert_int_equal(vns_mapread_is_mapped(fd), 0);
}

static void test_other_files_are_not_mapped(void **state)
{
	static const struct {
		const char *name;
		int flags;
	} files[] = {
		{ "notes.txt", O_RDONLY },
		{ "record.glass", O_RDWR }, /* a table a writer has open */
	};
	char path[PATH_MAX];

	(void)state;
	vns_mapread_enable();
	for (unsigned i = 0; i < sizeof files / sizeof files[0]; i++) {
		int fd = open_file(files[i].name, 9000, 5 + i, files[i].flags,
				   path, sizeof path);
		expect_bytes(fd, 8192, 100, 5 + i);
		assert_int_equal(vns_mapread_is_mapped(fd), 0);
		assert_int_equal(close(fd), 0);
	}
}

/* Bytes of the process's mappings of path (from /proc/self/maps). */
static size_t mapped_bytes(const char *path)
{
	char line[PATH_MAX + 128];
	size_t total = 0;
	FILE *f = fopen("/proc/self/maps", "r");

	assert_non_null(f);
	while (fgets(line, sizeof line, f)) {
		unsigned long lo, hi;
		line[strcspn(line, "\n")] = '\0';
		if (strlen(line) > strlen(path) &&
		    !strcmp(line + strlen(line) - strlen(path), path) &&
		    sscanf(line, "%lx-%lx", &lo, &hi) == 2)
			total += hi - lo;
	}
	fclose(f);
	return total;
}

static void test_a_file_that_grew_is_mapped_again(void **state)
{
	char path[PATH_MAX];
	unsigned char more[8192];
	int fd, wfd;

	(void)state;
	vns_mapread_enable();
	fd = open_file("grows.glass", 8192, 9, O_RDONLY, path, sizeof path);
	expect_bytes(fd, 8192, 0, 9);
	assert_int_equal(vns_mapread_is_mapped(fd), 1);
	for (size_t i = 0; i < sizeof more; i++)
		more[i] = (unsigned char)((8192 + i) * 7 + 9);
	wfd = open(path, O_WRONLY | O_APPEND);
	assert_true(wfd >= 0);
	assert_int_equal(write(wfd, more, sizeof more), (ssize_t)sizeof more);
	assert_int_equal(close(wfd), 0);
	assert_int_equal(mapped_bytes(path), 8192);
	expect_bytes(fd, 8192, 8192, 9);
	expect_bytes(fd, 16384, 0, 9);
	assert_int_equal(vns_mapread_is_mapped(fd), 1);
	assert_int_equal(mapped_bytes(path), 16384);
	assert_int_equal(close(fd), 0);
	assert_int_equal(mapped_bytes(path), 0);
}

static void test_a_reused_descriptor_reads_its_new_file(void **state)
{
	char a[PATH_MAX], b[PATH_MAX];
	int fd, again;

	(void)state;
	vns_mapread_enable();
	write_file("b.glass", 10000, 12, b, sizeof b);
	fd = open_file("a.glass", 10000, 11, O_RDONLY, a, sizeof a);
	expect_bytes(fd, 4096, 4096, 11);
	assert_int_equal(close(fd), 0);
	again = open(b, O_RDONLY);
	assert_int_equal(again, fd); /* the lowest free number again */
	expect_bytes(again, 4096, 4096, 12);
	assert_int_equal(vns_mapread_is_mapped(again), 1);
	assert_int_equal(close(again), 0);
}

static void test_a_table_that_shrinks_stops_with_a_message(void **state)
{
	char path[PATH_MAX], err[PATH_MAX], msg[256] = "";
	pid_t pid;
	int status;
	FILE *f;

	(void)state;
	write_file("shrinks.glass", 40000, 13, path, sizeof path);
	vns_test_path(dir, "stderr", err, sizeof err);
	pid = fork();
	assert_true(pid >= 0);
	if (pid == 0) {
		unsigned char buf[4096];
		int fd = open(path, O_RDONLY);
		if (!freopen(err, "w", stderr) || fd < 0)
			_exit(3);
		alarm(10); /* a handler that returned would fault forever */
		vns_mapread_enable();
		if (pread(fd, buf, sizeof buf, 0) != (ssize_t)sizeof buf ||
		    truncate(path, 100) != 0)
			_exit(4);
		(void)pread(fd, buf, sizeof buf, 32768);
		_exit(5); /* the read did not fault */
	}
	assert_int_equal(waitpid(pid, &status, 0), pid);
	if (!WIFEXITED(status))
		fail_msg("child status %#x", status);
	assert_int_equal(WEXITSTATUS(status), 1);
	f = fopen(err, "r");
	assert_non_null(f);
	assert_non_null(fgets(msg, sizeof msg, f));
	fclose(f);
	assert_non_null(strstr(msg, "index file shrank"));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		/* first: before the mapping is enabled */
		cmocka_unit_test(test_disabled_reads_are_the_system_call),
		cmocka_unit_test(test_table_reads_come_from_the_mapping),
		cmocka_unit_test(test_other_files_are_not_mapped),
		cmocka_unit_test(test_a_file_that_grew_is_mapped_again),
		cmocka_unit_test(test_a_reused_descriptor_reads_its_new_file),
		cmocka_unit_test(test_a_table_that_shrinks_stops_with_a_message),
	};

	return cmocka_run_group_tests(tests, make_dir, remove_dir);
}
