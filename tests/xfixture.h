/* xfixture.h - the unit tests' checks on the Xapian binding (xapian-c.h):
 * OK() fails the running test on a status other than VNS_OK, with the
 * error's text; open_writer() and open_reader() open a database, or fail;
 * write_stub() writes a stub database; have_progsrv() for remote ones.
 * Header-only and static inline, as scratch.h; needs cmocka.h first. */
#ifndef VNS_TEST_XFIXTURE_H
#define VNS_TEST_XFIXTURE_H

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "scratch.h"
#include "vnsearch.h"
#include "xapian-c.h"

/* Fail the running test with what, st's name and err's text unless st is
 * VNS_OK. */
static inline void vns_test_ok(vns_status st, const vns_err *err,
			       const char *what)
{
	if (st != VNS_OK)
		fail_msg("%s: %s: %s", what, vns_status_name(st),
			 vns_err_text(err));
}

/* expr must give VNS_OK; errp is the vns_err it fills in if not. */
#define OK(expr, errp) vns_test_ok((expr), (errp), #expr)

/* The database at path opened for writing, made if it does not exist. */
static inline vns_xwdb *open_writer(const char *path)
{
	vns_err err;
	vns_xwdb *w = NULL;

	OK(vns_xwdb_open(path, VNS_XWDB_CREATE_OR_OPEN, &w, &err), &err);
	return w;
}

/* The database (or stub) at path opened for reading. */
static inline vns_xdb *open_reader(const char *path)
{
	vns_err err;
	vns_xdb *db = NULL;

	OK(vns_xdb_open(path, &db, &err), &err);
	return db;
}

/* A stub database file at dir/name listing lines (e.g. "auto a\nauto b\n"),
 * its path into path (size bytes). */
static inline const char *write_stub(const char *dir, const char *name,
				     const char *lines, char *path,
				     size_t size)
{
	FILE *fp = fopen(vns_test_path(dir, name, path, size), "w");

	assert_non_null(fp);
	fputs(lines, fp);
	assert_int_equal(fclose(fp), 0);
	return path;
}

/* 1 if xapian-progsrv, which serves a remote database over a pipe, is on
 * PATH. */
static inline int have_progsrv(void)
{
	const char *path = getenv("PATH");
	char buf[PATH_MAX];

	while (path && *path) {
		size_t len = strcspn(path, ":");

		if (vns_test_fits(snprintf(buf, sizeof buf,
					   "%.*s/xapian-progsrv", (int)len,
					   path),
				  sizeof buf) &&
		    access(buf, X_OK) == 0)
			return 1;
		path += len + (path[len] == ':');
	}
	return 0;
}

#endif
