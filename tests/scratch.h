/* scratch.h - scratch directories for the unit tests: made fresh under
 * $TMPDIR (or /tmp) and removed with everything in them. Header-only, as
 * each test program is one C file; static inline, so a test that uses
 * part of it gets no unused-function warning. */
#ifndef VNS_TEST_SCRATCH_H
#define VNS_TEST_SCRATCH_H

#include <ftw.h>
#include <limits.h>
#include <stddef.h>
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

/* A test's scratch directory and the database path inside it: the first
 * two fields of each test's own fixture struct, in this order. */
struct vns_test_fx {
	char dir[PATH_MAX];
	char db[PATH_MAX];
};

/* A cmocka setup's work: a zeroed fixture of size bytes (a struct whose
 * first two fields are those of struct vns_test_fx) into *state, its dir
 * made fresh as "<tmp>/vns-<tag>-XXXXXX" and its db set to "<dir>/db";
 * 0 on success, -1 with nothing left behind. Needs cmocka.h first. */
static inline int vns_test_fx_setup(void **state, size_t size,
				    const char *tag)
{
	struct vns_test_fx *f;

	if (size < sizeof *f || !(f = calloc(1, size)))
		return -1;
	if (vns_test_mkdtemp(f->dir, sizeof f->dir, tag) != 0) {
		free(f);
		return -1;
	}
	vns_test_path(f->dir, "db", f->db, sizeof f->db);
	*state = f;
	return 0;
}

/* The cmocka teardown of vns_test_fx_setup: the scratch directory removed
 * with all in it, the fixture freed; 0 on success. */
static inline int vns_test_fx_teardown(void **state)
{
	struct vns_test_fx *f = *state;
	int rc = vns_test_rmtree(f->dir);

	free(f);
	return rc;
}

/* At file scope after a fixture type T: fails to compile unless T starts
 * with the fields of struct vns_test_fx. */
#define VNS_TEST_FX_CHECK(T)                                            \
	_Static_assert(offsetof(T, dir) == 0 && offsetof(T, db) == PATH_MAX, \
		       #T " must start with char dir[PATH_MAX], db[PATH_MAX]")

#endif
