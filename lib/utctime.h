/* utctime.h - points in time as the index keeps them: ISO 8601 read in
 * (a date or a date-time, UTC unless it carries an offset), seconds since
 * the epoch inside, and the two written forms, a sortable value-slot key
 * ("YYYYMMDDhhmmss", UTC) and RFC 3339 ("YYYY-MM-DDThh:mm:ssZ"). */
#ifndef VNS_UTCTIME_H
#define VNS_UTCTIME_H

#include "status.h"

#define VNS_UTC_KEY_LEN 14 /* "YYYYMMDDhhmmss" */
#define VNS_UTC_ISO_LEN 20 /* "YYYY-MM-DDThh:mm:ssZ" */

/* What vns_utc_parse() accepts, for messages. */
#define VNS_UTC_FORMAT "YYYY-MM-DD[Thh:mm[:ss]][Z|+hh:mm|-hh:mm]"

/* Read s: YYYY-MM-DD, optionally followed by 'T' (or a space) and
 * hh:mm[:ss[.fraction]], optionally followed by Z or an offset
 * (+hh:mm, +hhmm, +hh). *out: seconds since 1970-01-01T00:00:00Z.
 * VNS_EINVAL, with s quoted and the accepted form, when s is not that. */
vns_status vns_utc_parse(const char *s, long long *out, vns_err *err);

/* t as "YYYYMMDDhhmmss" (UTC, string order = time order). */
void vns_utc_key(long long t, char out[VNS_UTC_KEY_LEN + 1]);

/* t as "YYYY-MM-DDThh:mm:ssZ". */
void vns_utc_iso(long long t, char out[VNS_UTC_ISO_LEN + 1]);

/* The key form back into seconds; 0 when key is not 14 digits. */
int vns_utc_from_key(const char *key, long long *out);

#endif
