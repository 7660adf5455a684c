/* date.h - the one date parser: ISO 8601 dates as documents, records and
 * date: filters write them, the other forms found in metadata (RFC 822
 * feed dates, PDF dates, dd/mm/yyyy), and the sortable key of the date
 * slot. Pure functions, safe from any thread. */
#ifndef VNS_DATE_H
#define VNS_DATE_H

#include <stddef.h>

#include "status.h"

/* How much of a date was given. */
typedef enum vns_date_prec {
	VNS_DATE_YEAR = 1, /* 2021 */
	VNS_DATE_MONTH,    /* 2021-03 */
	VNS_DATE_DAY,      /* 2021-03-05 */
	VNS_DATE_MINUTE,   /* 2021-03-05T10:30 */
	VNS_DATE_SECOND    /* 2021-03-05T10:30:15 (a fraction is dropped) */
} vns_date_prec;

/* A date on the Gregorian calendar, in the time it was written in.
 * Fields beyond prec hold their first value (month and day 1, time 0). */
typedef struct vns_date {
	int year;          /* 0..9999 */
	int month, day;    /* 1..12, 1..days in that month */
	int hour, minute;  /* 0..23, 0..59 */
	int second;        /* 0..60 (60: a leap second) */
	vns_date_prec prec;
	int has_zone;      /* 1 when a zone was given ("Z" or an offset) */
	int zone;          /* then its offset east of UTC, in minutes */
} vns_date;

/* Parse the len bytes at s as one ISO 8601 date, nothing before or after:
 * YYYY, YYYY-MM, YYYY-MM-DD, or a day with a time: YYYY-MM-DD, 'T' or a
 * space, hh:mm[:ss[.fraction]], then optionally Z, +hh, +hh:mm or +hhmm
 * (or '-'). Returns VNS_OK, or VNS_EINVAL with *out unspecified and err
 * saying why: "'2021-02-30': 2021-02 has no day 30", "'2021-3-5':
 * unexpected text at byte 4 (expected YYYY[-MM[-DD]][Thh:mm[:ss][zone]])". */
vns_status vns_date_parse(const char *s, size_t len, vns_date *out,
			  vns_err *err);

/* Find a date of at least a day in metadata text (NUL-terminated): ISO
 * 8601 at the start (what follows it is ignored), "D:YYYYMMDD[hhmmss]"
 * with a PDF zone, "dd/mm/yyyy[ hh:mm]" or an RFC 822 date ("Thu, 04 Mar
 * 2021 10:00:00 +0700"; GMT, UT and the US zone names known); space
 * around it is skipped. Returns 1 with *out filled, 0 when there is none. */
int vns_date_parse_any(const char *s, vns_date *out);

/* Length of the sortable key: "YYYYMMDDhhmmss" (the date slot's form;
 * string order is time order, the zone is not applied). */
#define VNS_DATE_KEY_LEN 14

/* Write d's key into out (NUL-terminated). Fields beyond d's precision
 * are the first value they can take, or with last the last one: 2021-02
 * is 20210201000000, or 20210228235959. */
void vns_date_key(const vns_date *d, int last,
		  char out[VNS_DATE_KEY_LEN + 1]);

/* Longest ISO 8601 text vns_date_format() writes:
 * "YYYY-MM-DDThh:mm:ss+hh:mm". */
#define VNS_DATE_ISO_LEN 25

/* Write d as ISO 8601 into out (NUL-terminated) to its precision, a time
 * always with seconds, and its zone as Z or +hh:mm; returns the length. */
size_t vns_date_format(const vns_date *d, char out[VNS_DATE_ISO_LEN + 1]);

/* Days in month m (1..12) of year y (Gregorian). */
int vns_date_days_in_month(int y, int m);

#endif
