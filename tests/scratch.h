/* scratch.h - scratch directories for the unit tests: made fresh under
 * $TMPDIR (or /tmp) and removed with everything in them. Header-only, as
 * each test program is one C file; static inline, so a test that uses
 * part of it gets no unused-function warning. */
#ifndef VNS_TEST_SCRATCH_H
#define VNS_TEST_SCRATCH_H

#include <ftw.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/stat.h>

/* 1 if snprintf's result n fitted in size bytes. */
static inline int vns_test_fits(int n, size_t size)
{
	return n >= 0 && (size_t)n < size;
}

/* dir/name into buf (size bytes); fails the running test if too long.
 * Needs cmocka.h included first. */
static inline const char *vns_test_path(const char *dir, const char *name,
					char *buf, size_t size)
{
	if (!vns_test_fits(snprintf(buf, size, "%s/%s", dir, name), size))
		fail_msg("path too long: '%s/%s'", dir, name);
	return buf;
}

/* Make a fresh directory "<tmp>/vns-<tag>-XXXXXX" into dir (size bytes);
 * 0 on success, -1 if it could not be made. */
static inline int vns_test_mkdtemp(char *dir, size_t size, const char *tag)
{
	const char *tmp = getenv("TMPDIR");

	if (!vns_test_fits(snprintf(dir, size, "%s/vns-%s-XXXXXX",
				    tmp && *tmp ? tmp : "/tmp", tag),
			   size))
		return -1;
	return mkdtemp(dir) ? 0 : -1;
}

static inline int vns_test_remove_entry(const char *path,
					const struct stat *sb, int flag,
					struct FTW *ftw)
{
	(void)sb;
	(void)flag;
	(void)ftw;
	return remove(path);
}

/* Remove dir and everything in it; 0 on success. */
static inline int vns_test_rmtree(const char *dir)
{
	return nftw(dir, vns_test_remove_entry, 16, FTW_DEPTH | FTW_PHYS);
}

#endif
