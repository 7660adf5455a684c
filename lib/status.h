/* status.h - the library's own helpers for the one status type and its
 * error record (both public, in vnsearch.h): filling in the detail
 * (which file, which line, what was expected). */
#ifndef VNS_STATUS_H
#define VNS_STATUS_H

#include <stddef.h>

#include "vnsearch.h" /* vns_status, vns_err, vns_strerror() */

#ifdef __cplusplus
extern "C" {
#endif

/* Set err's code and printf-style detail; returns code so callers can
 * write `return vns_err_set(err, VNS_EIO, "'%s': %s", path, why);`.
 * Accepts a NULL err (then only returns code). */
vns_status vns_err_set(vns_err *err, vns_status code, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

/* Prefix err's message with printf-style context ("'a.json' line 3: ").
 * Leaves the code unchanged; accepts NULL. */
void vns_err_prefix(vns_err *err, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

#ifdef __cplusplus
}
#endif

#endif
