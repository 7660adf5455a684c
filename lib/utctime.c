/* utctime.c - ISO 8601 in, UTC keys and RFC 3339 out (see utctime.h). */
#include "utctime.h"

#include <ctype.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "doc.h"

/* The n digits at s as a number, or -1. */
static int num(const char *s, int n)
{
	int v = 0;

	for (int i = 0; i < n; i++) {
		if (!isdigit((unsigned char)s[i]))
			return -1;
		v = v * 10 + (s[i] - '0');
	}
	return v;
}

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

/* "YYYY-MM-DD" at s into *days; 0 if it is not a real date. */
static int read_date(const char *s, long long *days)
{
	int y = num(s, 4), m = num(s + 5, 2), d = num(s + 8, 2);

	if (y < 1000 || s[4] != '-' || s[7] != '-' || m < 1 || m > 12 ||
	    d < 1 || d > vns_days_in_month(y, m))
		return 0;
	*days = days_from_civil(y, m, d);
	return 1;
}

/* "hh:mm[:ss[.fff]]" at *s into *secs, moving *s past it. */
static int read_time(const char **s, long long *secs)
{
	const char *p = *s;
	int h = num(p, 2), mi = p[2] == ':' ? num(p + 3, 2) : -1, sec = 0;

	if (h < 0 || h > 23 || mi < 0 || mi > 59)
		return 0;
	p += 5;
	if (*p == ':') {
		sec = num(p + 1, 2);
		if (sec < 0 || sec > 60)
			return 0;
		p += 3;
		if (*p == '.' && isdigit((unsigned char)p[1]))
			for (p++; isdigit((unsigned char)*p); p++)
				;
	}
	*secs = h * 3600LL + mi * 60LL + sec;
	*s = p;
	return 1;
}

/* "Z", "+hh:mm", "+hhmm", "+hh" (or '-') at s, the whole rest of the
 * string, into *secs east of UTC; "" is UTC. */
static int read_zone(const char *s, long long *secs)
{
	int sign = *s == '-' ? -1 : 1, h, m = 0;
	size_t n = strlen(s);

	*secs = 0;
	if (!*s || (s[0] == 'Z' && !s[1]))
		return 1;
	if ((*s != '+' && *s != '-') || (h = num(s + 1, 2)) < 0 || h > 23)
		return 0;
	if (n == 6 && s[3] == ':')
		m = num(s + 4, 2);
	else if (n == 5)
		m = num(s + 3, 2);
	else if (n != 3)
		return 0;
	if (m < 0 || m > 59)
		return 0;
	*secs = sign * (h * 3600LL + m * 60LL);
	return 1;
}

vns_status vns_utc_parse(const char *s, long long *out, vns_err *err)
{
	const char *p = s ? s : "";
	long long days = 0, secs = 0, zone = 0;
	int ok = strlen(p) >= 10 && read_date(p, &days);

	p += ok ? 10 : 0;
	if (ok && (*p == 'T' || *p == ' ')) {
		p++;
		ok = read_time(&p, &secs);
	}
	if (ok)
		ok = read_zone(p, &zone);
	if (!ok)
		return vns_err_set(err, VNS_EINVAL,
				   "'%.40s' is not an ISO 8601 date or "
				   "date-time: expected " VNS_UTC_FORMAT,
				   s ? s : "");
	*out = days * 86400 + secs - zone;
	return VNS_OK;
}

static void civil(long long t, struct tm *tm)
{
	time_t tt = (time_t)t;

	memset(tm, 0, sizeof *tm);
	gmtime_r(&tt, tm);
}

/* t written with fmt, which takes year, month, day, hour, minute,
 * second, into out (len bytes and a NUL). */
static void write_time(long long t, const char *fmt, char *out, size_t len)
{
	struct tm tm;
	char tmp[64];

	civil(t, &tm);
	snprintf(tmp, sizeof tmp, fmt, (tm.tm_year + 1900) % 10000,
		 tm.tm_mon + 1, tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec);
	memcpy(out, tmp, len);
	out[len] = '\0';
}

void vns_utc_key(long long t, char out[VNS_UTC_KEY_LEN + 1])
{
	write_time(t, "%04d%02d%02d%02d%02d%02d", out, VNS_UTC_KEY_LEN);
}

void vns_utc_iso(long long t, char out[VNS_UTC_ISO_LEN + 1])
{
	write_time(t, "%04d-%02d-%02dT%02d:%02d:%02dZ", out, VNS_UTC_ISO_LEN);
}

int vns_utc_from_key(const char *key, long long *out)
{
	char iso[VNS_UTC_ISO_LEN + 1];
	vns_err ignored;

	if (!key || strlen(key) != VNS_UTC_KEY_LEN || num(key, 14 - 8) < 0 ||
	    num(key + 6, 8) < 0)
		return 0;
	snprintf(iso, sizeof iso, "%.4s-%.2s-%.2sT%.2s:%.2s:%.2sZ", key,
		 key + 4, key + 6, key + 8, key + 10, key + 12);
	return !vns_utc_parse(iso, out, &ignored);
}
