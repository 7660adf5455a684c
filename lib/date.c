/* date.c - parsing, checking and writing dates (see date.h). Each form is
 * a scanner over a cursor: it takes what matches and leaves the cursor
 * after it; one check then says whether the fields make a real date. */
#include "date.h"

#include <stdio.h>
#include <string.h>
#include <strings.h>

#define ISO_FORMS "YYYY[-MM[-DD]][Thh:mm[:ss][zone]]"

/* Bytes of the text quoted in a message: input may be hostile. */
#define QUOTE_MAX 40

/* A read position in len bytes of text. */
typedef struct cur {
	const char *s;
	size_t len, at;
} cur;

/* The next byte, or 0 at the end. */
static int peek(const cur *c)
{
	return c->at < c->len ? (unsigned char)c->s[c->at] : 0;
}

/* Take the byte ch if it comes next. */
static int take(cur *c, int ch)
{
	if (!ch || peek(c) != ch)
		return 0;
	c->at++;
	return 1;
}

static int is_digit(int ch)
{
	return ch >= '0' && ch <= '9';
}

static int is_letter(int ch)
{
	return (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z');
}

static int is_space(int ch)
{
	return ch == ' ' || ch == '\t' || ch == '\n' || ch == '\r';
}

/* Skip white space; returns 1 if there was any. */
static int spaces(cur *c)
{
	size_t at = c->at;

	while (is_space(peek(c)))
		c->at++;
	return c->at > at;
}

/* Take min..max ASCII digits as the number *v; 0 (nothing taken, *v
 * untouched) when fewer than min come next. */
static int number(cur *c, int min, int max, int *v)
{
	size_t at = c->at;
	int n = 0, val = 0;

	while (n < max && is_digit(peek(c))) {
		val = val * 10 + (peek(c) - '0');
		c->at++;
		n++;
	}
	if (n < min) {
		c->at = at;
		return 0;
	}
	*v = val;
	return 1;
}

/* Take ch followed by two digits as *v, or nothing. */
static int sep_two(cur *c, int ch, int *v)
{
	size_t at = c->at;

	if (take(c, ch) && number(c, 2, 2, v))
		return 1;
	c->at = at;
	return 0;
}

/* A start for d: no fields given yet, each at its first value. */
static void date_init(vns_date *d)
{
	memset(d, 0, sizeof *d);
	d->month = 1;
	d->day = 1;
}

/* ---- ISO 8601 -------------------------------------------------------- */

/* A fraction of a second (".5", ",123"): skipped. */
static void fraction(cur *c)
{
	size_t at = c->at;
	int ignored;

	if ((take(c, '.') || take(c, ',')) && number(c, 1, 1, &ignored)) {
		while (is_digit(peek(c)))
			c->at++;
		return;
	}
	c->at = at;
}

/* h[h]:mm[:ss[.fraction]] (hour_digits: the fewest hour digits) into d;
 * 0 (nothing taken, d untouched) when no time comes next. */
static int clock_time(cur *c, int hour_digits, vns_date *d)
{
	size_t at = c->at;
	int h, m;

	if (!number(c, hour_digits, 2, &h) || !sep_two(c, ':', &m)) {
		c->at = at;
		return 0;
	}
	d->hour = h;
	d->minute = m;
	d->prec = VNS_DATE_MINUTE;
	if (sep_two(c, ':', &d->second)) {
		d->prec = VNS_DATE_SECOND;
		fraction(c);
	}
	return 1;
}

/* Z, +hh, +hh:mm or +hhmm (or '-') into d; 0 (nothing taken) if none. */
static int iso_zone(cur *c, vns_date *d)
{
	size_t at = c->at;
	int sign, h, m = 0;

	if (take(c, 'Z')) {
		d->has_zone = 1;
		d->zone = 0;
		return 1;
	}
	sign = take(c, '+') ? 1 : take(c, '-') ? -1 : 0;
	if (!sign || !number(c, 2, 2, &h) || h > 23) {
		c->at = at;
		return 0;
	}
	if (!sep_two(c, ':', &m) && !number(c, 2, 2, &m))
		m = 0;
	if (m > 59) {
		c->at = at;
		return 0;
	}
	d->has_zone = 1;
	d->zone = sign * (h * 60 + m);
	return 1;
}

/* The longest ISO 8601 date at c into d, its fields unchecked; 0 when
 * not even a year comes next. */
static int iso_scan(cur *c, vns_date *d)
{
	size_t at;

	date_init(d);
	if (!number(c, 4, 4, &d->year))
		return 0;
	d->prec = VNS_DATE_YEAR;
	if (!sep_two(c, '-', &d->month))
		return 1;
	d->prec = VNS_DATE_MONTH;
	if (!sep_two(c, '-', &d->day))
		return 1;
	d->prec = VNS_DATE_DAY;
	at = c->at;
	if ((take(c, 'T') || take(c, ' ')) && clock_time(c, 2, d))
		iso_zone(c, d);
	else
		c->at = at;
	return 1;
}

/* ---- the other forms of metadata ------------------------------------- */

/* PDF: D:YYYY[MM[DD[hh[mm[ss]]]]] then Z or +hh'mm' (or '-'). */
static int pdf_zone(cur *c, vns_date *d)
{
	int sign, h, m = 0;

	if (take(c, 'Z')) {
		d->has_zone = 1;
		return 1;
	}
	sign = take(c, '+') ? 1 : take(c, '-') ? -1 : 0;
	if (!sign || !number(c, 2, 2, &h) || h > 23)
		return 0;
	if (take(c, '\'') && number(c, 2, 2, &m))
		take(c, '\'');
	if (m > 59)
		return 0;
	d->has_zone = 1;
	d->zone = sign * (h * 60 + m);
	return 1;
}

static int pdf_scan(cur *c, vns_date *d)
{
	static const vns_date_prec after[] = { VNS_DATE_MONTH, VNS_DATE_DAY,
		VNS_DATE_MINUTE, VNS_DATE_MINUTE, VNS_DATE_SECOND };
	int *const field[] = { &d->month, &d->day, &d->hour, &d->minute,
			       &d->second };
	size_t i;

	date_init(d);
	if (!take(c, 'D') || !take(c, ':') || !number(c, 4, 4, &d->year))
		return 0;
	d->prec = VNS_DATE_YEAR;
	for (i = 0; i < 5 && number(c, 2, 2, field[i]); i++)
		d->prec = after[i];
	if (i == 5)
		pdf_zone(c, d);
	return 1;
}

/* dd/mm/yyyy[ hh:mm] (one-digit day and month too). */
static int dmy_scan(cur *c, vns_date *d)
{
	size_t at;

	date_init(d);
	if (!number(c, 1, 2, &d->day) || !take(c, '/') ||
	    !number(c, 1, 2, &d->month) || !take(c, '/') ||
	    !number(c, 4, 4, &d->year))
		return 0;
	d->prec = VNS_DATE_DAY;
	at = c->at;
	if (!spaces(c) || !clock_time(c, 1, d))
		c->at = at;
	return 1;
}

/* A run of at most cap - 1 letters into out (NUL-terminated); its length,
 * 0 when there is none or it is longer. */
static size_t word(cur *c, char *out, size_t cap)
{
	size_t n = 0, at = c->at;

	while (is_letter(peek(c))) {
		if (n + 1 >= cap) {
			c->at = at;
			return 0;
		}
		out[n++] = (char)peek(c);
		c->at++;
	}
	out[n] = '\0';
	return n;
}

/* "Mar" or "March" (any case) as 1..12; 0 if no month name comes next. */
static int month_name(cur *c)
{
	static const char *const names[] = { "jan", "feb", "mar", "apr",
		"may", "jun", "jul", "aug", "sep", "oct", "nov", "dec" };
	char w[12];

	if (word(c, w, sizeof w) < 3)
		return 0;
	for (int i = 0; i < 12; i++)
		if (strncasecmp(w, names[i], 3) == 0)
			return i + 1;
	return 0;
}

/* RFC 822's zone names; others are no zone. */
static int rfc822_zone(cur *c, vns_date *d)
{
	static const struct {
		const char *name;
		int zone;
	} names[] = { { "UT", 0 }, { "UTC", 0 }, { "GMT", 0 },
		      { "EST", -300 }, { "EDT", -240 }, { "CST", -360 },
		      { "CDT", -300 }, { "MST", -420 }, { "MDT", -360 },
		      { "PST", -480 }, { "PDT", -420 } };
	char w[6];

	if (iso_zone(c, d))
		return 1;
	if (!word(c, w, sizeof w))
		return 0;
	for (size_t i = 0; i < sizeof names / sizeof *names; i++)
		if (strcasecmp(w, names[i].name) == 0) {
			d->has_zone = 1;
			d->zone = names[i].zone;
			return 1;
		}
	return 0;
}

/* [Thu,] 04 Mar 2021[ 10:00[:00][ zone]] */
static int rfc822_scan(cur *c, vns_date *d)
{
	char w[12];
	size_t at = c->at;

	date_init(d);
	if (!(word(c, w, sizeof w) && take(c, ',')))
		c->at = at;
	spaces(c);
	if (!number(c, 1, 2, &d->day) || !spaces(c) ||
	    !(d->month = month_name(c)) || !spaces(c) ||
	    !number(c, 4, 4, &d->year))
		return 0;
	d->prec = VNS_DATE_DAY;
	at = c->at;
	if (spaces(c) && clock_time(c, 1, d)) {
		at = c->at;
		if (!spaces(c) || !rfc822_zone(c, d))
			c->at = at;
	} else {
		c->at = at;
	}
	return 1;
}

/* ---- checking and writing -------------------------------------------- */

int vns_date_days_in_month(int y, int m)
{
	static const int days[] = { 31, 28, 31, 30, 31, 30,
				    31, 31, 30, 31, 30, 31 };
	int leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;

	return m == 2 && leap ? 29 : days[m - 1];
}

/* Why d is no date, written into why; NULL when it is one. */
static const char *check(const vns_date *d, char *why, size_t cap)
{
	if (d->month < 1 || d->month > 12)
		snprintf(why, cap, "no month %02d", d->month);
	else if (d->day < 1 ||
		 d->day > vns_date_days_in_month(d->year, d->month))
		snprintf(why, cap, "%04d-%02d has no day %02d", d->year,
			 d->month, d->day);
	else if (d->hour > 23 || d->minute > 59 || d->second > 60)
		snprintf(why, cap, "%02d:%02d:%02d is no time of day",
			 d->hour, d->minute, d->second);
	else
		return NULL;
	return why;
}

vns_status vns_date_parse(const char *s, size_t len, vns_date *out,
			  vns_err *err)
{
	cur c = { s, len, 0 };
	int q = len > QUOTE_MAX ? QUOTE_MAX : (int)len;
	char why[64];

	if (!iso_scan(&c, out) && len == 0)
		return vns_err_set(err, VNS_EINVAL,
				   "'': expected " ISO_FORMS);
	if (c.at < len)
		return vns_err_set(err, VNS_EINVAL,
				   "'%.*s': unexpected text at byte %zu "
				   "(expected " ISO_FORMS ")", q, s, c.at);
	if (check(out, why, sizeof why))
		return vns_err_set(err, VNS_EINVAL, "'%.*s': %s", q, s, why);
	return VNS_OK;
}

int vns_date_parse_any(const char *s, vns_date *out)
{
	static int (*const forms[])(cur *, vns_date *) = {
		iso_scan, pdf_scan, dmy_scan, rfc822_scan
	};
	cur c = { s, strlen(s), 0 };
	size_t start;
	char why[64];

	spaces(&c);
	start = c.at;
	for (size_t i = 0; i < sizeof forms / sizeof *forms; i++) {
		c.at = start;
		if (forms[i](&c, out) && out->prec >= VNS_DATE_DAY &&
		    !check(out, why, sizeof why))
			return 1;
	}
	return 0;
}

/* Write v as n decimal digits (0 <= v < 10^n) at out; returns out + n. */
static char *put_digits(char *out, int v, int n)
{
	for (int i = n - 1; i >= 0; i--, v /= 10)
		out[i] = (char)('0' + v % 10);
	return out + n;
}

void vns_date_key(const vns_date *d, int last,
		  char out[VNS_DATE_KEY_LEN + 1])
{
	vns_date e = *d;
	char *p = out;

	if (last && e.prec < VNS_DATE_MONTH)
		e.month = 12;
	if (last && e.prec < VNS_DATE_DAY)
		e.day = vns_date_days_in_month(e.year, e.month);
	if (last && e.prec < VNS_DATE_MINUTE) {
		e.hour = 23;
		e.minute = 59;
	}
	if (last && e.prec < VNS_DATE_SECOND)
		e.second = 59;
	p = put_digits(p, e.year, 4);
	p = put_digits(p, e.month, 2);
	p = put_digits(p, e.day, 2);
	p = put_digits(p, e.hour, 2);
	p = put_digits(p, e.minute, 2);
	p = put_digits(p, e.second, 2);
	*p = '\0';
}

/* The zone of d as "Z" or "+hh:mm" at out; returns the end. */
static char *put_zone(char *out, int zone)
{
	if (zone == 0) {
		*out = 'Z';
		return out + 1;
	}
	*out++ = zone < 0 ? '-' : '+';
	zone = zone < 0 ? -zone : zone;
	out = put_digits(out, zone / 60, 2);
	*out++ = ':';
	return put_digits(out, zone % 60, 2);
}

size_t vns_date_format(const vns_date *d, char out[VNS_DATE_ISO_LEN + 1])
{
	char *p = put_digits(out, d->year, 4);

	if (d->prec >= VNS_DATE_MONTH) {
		*p++ = '-';
		p = put_digits(p, d->month, 2);
	}
	if (d->prec >= VNS_DATE_DAY) {
		*p++ = '-';
		p = put_digits(p, d->day, 2);
	}
	if (d->prec >= VNS_DATE_MINUTE) {
		*p++ = 'T';
		p = put_digits(p, d->hour, 2);
		*p++ = ':';
		p = put_digits(p, d->minute, 2);
		*p++ = ':';
		p = put_digits(p, d->second, 2);
		if (d->has_zone)
			p = put_zone(p, d->zone);
	}
	*p = '\0';
	return (size_t)(p - out);
}
