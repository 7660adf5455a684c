/* xfixture.h - the unit tests' checks on the Xapian binding (xapian-c.h):
 * OK() fails the running test on a status other than VNS_OK, with the
 * error's text; open_writer() and open_reader() open a database, or fail.
 * Header-only and static inline, as scratch.h; needs cmocka.h first. */
#ifndef VNS_TEST_XFIXTURE_H
#define VNS_TEST_XFIXTURE_H

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

#endif
