/* status.h - the one status type of libvnsearch, and the error record that
 * carries the detail (which file, which line, what was expected). */
#ifndef VNS_STATUS_H
#define VNS_STATUS_H

#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

/* X-macro table: code, short message. 0 is success. */
#define VNS_STATUS_MAP(X)                                          \
	X(VNS_OK, "success")                                       \
	X(VNS_ENOMEM, "out of memory")                             \
	X(VNS_EINVAL, "invalid argument")                          \
	X(VNS_EIO, "input/output error")                           \
	X(VNS_EUTF8, "invalid utf-8")                              \
	X(VNS_EJSON, "invalid json")                               \
	X(VNS_ERECORD, "unusable record")                          \
	X(VNS_ETOOBIG, "input too large")                          \
	X(VNS_EQUERY, "unusable query")                            \
	X(VNS_EUNICODE, "unicode conversion failed")               \
	X(VNS_EDBOPEN, "cannot open database")                     \
	X(VNS_EDBLOCK, "database is locked by another writer")     \
	X(VNS_EDBMODIFIED, "database changed while reading")       \
	X(VNS_EDBCORRUPT, "database is corrupt")                   \
	X(VNS_ENETWORK, "remote database unreachable")             \
	X(VNS_EXAPIAN, "xapian error")                             \
	X(VNS_ENOTFOUND, "not found")                              \
	X(VNS_EINTERNAL, "internal error")

typedef enum {
#define VNS_STATUS_ENUM(code, msg) code,
	VNS_STATUS_MAP(VNS_STATUS_ENUM)
#undef VNS_STATUS_ENUM
	VNS_STATUS_COUNT
} vns_status;

/* Short, lower-case message for a status; never NULL. */
const char *vns_strerror(vns_status code);

/* Symbolic name of a status ("VNS_EUTF8"); never NULL. */
const char *vns_status_name(vns_status code);

#define VNS_ERR_MSG_MAX 512

/* An error record: the status plus one line of detail, like sqlite3_errmsg.
 * Callers own it (usually on the stack); msg is always NUL-terminated. */
typedef struct vns_err {
	vns_status code;
	char msg[VNS_ERR_MSG_MAX];
} vns_err;

/* Reset err to VNS_OK with an empty message; accepts NULL. */
void vns_err_clear(vns_err *err);

/* Set err's code and printf-style detail; returns code so callers can
 * write `return vns_err_set(err, VNS_EIO, "'%s': %s", path, why);`.
 * Accepts a NULL err (then only returns code). */
vns_status vns_err_set(vns_err *err, vns_status code, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

/* Prefix err's message with printf-style context ("'a.json' line 3: ").
 * Leaves the code unchanged; accepts NULL. */
void vns_err_prefix(vns_err *err, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

/* The detail if there is one, else vns_strerror(code); never NULL. */
const char *vns_err_text(const vns_err *err);

#ifdef __cplusplus
}
#endif

#endif
