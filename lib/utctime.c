/* utctime.c - points in time in UTC: date.h reads and writes the text,
 * this module turns it into seconds since the epoch and back (see
 * utctime.h). */
#include "utctime.h"

#include <stdio.h>
#include <string.h>
#include <time.h>

#include "date.h"

/* Days from 1970-01-01 to y-m-d (proleptic Gregorian; Howard Hinnant's
 * days_from_civil). */
static long long days_from_civil(int y, int m, int d)
{
	long long era, yoe, doy, doe;

	y -= m <= 2;
	era = (y >= 0 ? y : y - 399) / 400;
	yoe = y - era * 400;
	doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + doe - 719468;
}

vns_status vns_utc_parse(const char *s, long long *out, vns_err *err)
{
	vns_date d;
	vns_err why;

	if (!s || vns_date_parse(s, strlen(s), &d, &why) ||
	    d.prec < VNS_DATE_DAY)
		return vns_err_set(err, VNS_EINVAL,
				   "'%.40s' is not an ISO 8601 date or "
				   "date-time: expected " VNS_UTC_FORMAT,
				   s ? s : "");
	*out = days_from_civil(d.year, d.month, d.day) * 86400 +
	       d.hour * 3600LL + d.minute * 60LL + d.second -
	       (d.has_zone ? d.zone * 60LL : 0);
	return VNS_OK;
}

/* t as a date.h date to the second, in UTC. */
static vns_date civil(long long t)
{
	time_t tt = (time_t)t;
	struct tm tm;
	vns_date d;

	memset(&tm, 0, sizeof tm);
	gmtime_r(&tt, &tm);
	memset(&d, 0, sizeof d);
	d.year = (tm.tm_year + 1900) % 10000;
	d.month = tm.tm_mon + 1;
	d.day = tm.tm_mday;
	d.hour = tm.tm_hour;
	d.minute = tm.tm_min;
	d.second = tm.tm_sec;
	d.prec = VNS_DATE_SECOND;
	d.has_zone = 1;
	return d;
}

void vns_utc_key(long long t, char out[VNS_UTC_KEY_LEN + 1])
{
	vns_date d = civil(t);

	vns_date_key(&d, 0, out);
}

void vns_utc_iso(long long t, char out[VNS_UTC_ISO_LEN + 1])
{
	vns_date d = civil(t);
	char iso[VNS_DATE_ISO_LEN + 1];

	vns_date_format(&d, iso);
	memcpy(out, iso, VNS_UTC_ISO_LEN);
	out[VNS_UTC_ISO_LEN] = '\0';
}

int vns_utc_from_key(const char *key, long long *out)
{
	char iso[VNS_UTC_ISO_LEN + 1];
	vns_err ignored;

	if (!key || strlen(key) != VNS_UTC_KEY_LEN ||
	    strspn(key, "0123456789") != VNS_UTC_KEY_LEN)
		return 0;
	snprintf(iso, sizeof iso, "%.4s-%.2s-%.2sT%.2s:%.2s:%.2sZ", key,
		 key + 4, key + 6, key + 8, key + 10, key + 12);
	return !vns_utc_parse(iso, out, &ignored);
}
