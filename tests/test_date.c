/* test_date.c - unit tests of the date parser (lib/date.c): ISO 8601
 * forms and their precision, each bad form with its message, leap years,
 * time zones, the forms of metadata, sortable keys and ISO output. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <string.h>

#include <cmocka.h>

#include "date.h"

/* Parse s whole into *d, which must succeed. */
static void parse_ok(const char *s, vns_date *d)
{
	vns_err err;

	vns_err_clear(&err);
	if (vns_date_parse(s, strlen(s), d, &err) != VNS_OK)
		fail_msg("'%s': %s", s, err.msg);
}

/* Parse s whole; its key (first second) and ISO text must be these. */
static void assert_iso(const char *s, vns_date_prec prec, const char *key,
		       const char *iso)
{
	vns_date d;
	char k[VNS_DATE_KEY_LEN + 1], text[VNS_DATE_ISO_LEN + 1];

	parse_ok(s, &d);
	assert_int_equal(d.prec, prec);
	vns_date_key(&d, 0, k);
	assert_string_equal(k, key);
	assert_int_equal(vns_date_format(&d, text), strlen(iso));
	assert_string_equal(text, iso);
}

static void test_valid_iso_forms_give_their_precision(void **state)
{
	static const struct {
		const char *in;
		vns_date_prec prec;
		const char *key, *iso;
	} cases[] = {
		{ "2021", VNS_DATE_YEAR, "20210101000000", "2021" },
		{ "2021-03", VNS_DATE_MONTH, "20210301000000", "2021-03" },
		{ "2021-03-05", VNS_DATE_DAY, "20210305000000", "2021-03-05" },
		{ "2021-03-05T07:45", VNS_DATE_MINUTE, "20210305074500",
		  "2021-03-05T07:45:00" },
		{ "2021-03-05 07:45:09", VNS_DATE_SECOND, "20210305074509",
		  "2021-03-05T07:45:09" },
		{ "2021-03-05T07:45:09.123456", VNS_DATE_SECOND,
		  "20210305074509", "2021-03-05T07:45:09" },
		{ "2021-03-05T07:45:09,5Z", VNS_DATE_SECOND, "20210305074509",
		  "2021-03-05T07:45:09Z" },
		{ "2016-12-31T23:59:60Z", VNS_DATE_SECOND, "20161231235960",
		  "2016-12-31T23:59:60Z" },
		{ "0000-01-01", VNS_DATE_DAY, "00000101000000", "0000-01-01" },
	};

	(void)state;
	for (size_t i = 0; i < sizeof cases / sizeof *cases; i++)
		assert_iso(cases[i].in, cases[i].prec, cases[i].key,
			   cases[i].iso);
}

/* The zone is kept beside the time as given, never applied. */
static void test_time_zones_are_kept_not_applied(void **state)
{
	static const struct {
		const char *in;
		int zone;
		const char *iso;
	} cases[] = {
		{ "2021-03-05T10:00:00Z", 0, "2021-03-05T10:00:00Z" },
		{ "2021-03-05T10:00:00+07:00", 420,
		  "2021-03-05T10:00:00+07:00" },
		{ "2021-03-05T10:00:00+0700", 420, "2021-03-05T10:00:00+07:00" },
		{ "2021-03-05T10:00:00+07", 420, "2021-03-05T10:00:00+07:00" },
		{ "2021-03-05T23:30:00-05:30", -330,
		  "2021-03-05T23:30:00-05:30" },
		{ "2021-03-05T10:00+05:45", 345, "2021-03-05T10:00:00+05:45" },
	};
	vns_date d;
	char key[VNS_DATE_KEY_LEN + 1], iso[VNS_DATE_ISO_LEN + 1];

	(void)state;
	for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
		parse_ok(cases[i].in, &d);
		assert_true(d.has_zone);
		assert_int_equal(d.zone, cases[i].zone);
		vns_date_key(&d, 0, key);
		assert_memory_equal(key, "20210305", 8);
		vns_date_format(&d, iso);
		assert_string_equal(iso, cases[i].iso);
	}
	parse_ok("2021-03-05T10:00", &d);
	assert_false(d.has_zone);
}

static void test_bad_forms_say_why(void **state)
{
	static const char *const cases[][2] = {
		{ "", "'': expected YYYY[-MM[-DD]][Thh:mm[:ss][zone]]" },
		{ "21", "'21': unexpected text at byte 0 (expected "
			"YYYY[-MM[-DD]][Thh:mm[:ss][zone]])" },
		{ "2021-3-5", "'2021-3-5': unexpected text at byte 4 (expected "
			      "YYYY[-MM[-DD]][Thh:mm[:ss][zone]])" },
		{ "20210305", "'20210305': unexpected text at byte 4 (expected "
			      "YYYY[-MM[-DD]][Thh:mm[:ss][zone]])" },
		{ "2021-03-05x", "'2021-03-05x': unexpected text at byte 10 "
				 "(expected YYYY[-MM[-DD]][Thh:mm[:ss][zone]])" },
		{ "2021-03-05T10", "'2021-03-05T10': unexpected text at byte "
				   "10 (expected YYYY[-MM[-DD]][Thh:mm[:ss]"
				   "[zone]])" },
		{ "2021-03-05T10:00+25:00", "'2021-03-05T10:00+25:00': "
			"unexpected text at byte 16 (expected "
			"YYYY[-MM[-DD]][Thh:mm[:ss][zone]])" },
		{ "2021-13", "'2021-13': no month 13" },
		{ "2021-00-10", "'2021-00-10': no month 00" },
		{ "2021-02-30", "'2021-02-30': 2021-02 has no day 30" },
		{ "2021-04-31", "'2021-04-31': 2021-04 has no day 31" },
		{ "2021-01-00", "'2021-01-00': 2021-01 has no day 00" },
		{ "2021-03-05T24:00:00", "'2021-03-05T24:00:00': 24:00:00 is "
					 "no time of day" },
		{ "2021-03-05T10:60", "'2021-03-05T10:60': 10:60:00 is no "
				      "time of day" },
		{ "2021-03-05T10:00:61", "'2021-03-05T10:00:61': 10:00:61 is "
					 "no time of day" },
	};
	vns_date d;
	vns_err err;

	(void)state;
	for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
		const char *s = cases[i][0];

		vns_err_clear(&err);
		assert_int_equal(vns_date_parse(s, strlen(s), &d, &err),
				 VNS_EINVAL);
		assert_string_equal(err.msg, cases[i][1]);
	}
}

static void test_parse_reads_only_len_bytes(void **state)
{
	vns_date d;

	(void)state;
	assert_int_equal(vns_date_parse("2021-03..2022", 7, &d, NULL), VNS_OK);
	assert_int_equal(d.prec, VNS_DATE_MONTH);
	assert_int_equal(d.month, 3);
}

static void test_message_quotes_at_most_40_bytes(void **state)
{
	char s[200];
	vns_date d;
	vns_err err;

	(void)state;
	memset(s, '9', sizeof s);
	assert_int_equal(vns_date_parse(s, sizeof s, &d, &err), VNS_EINVAL);
	assert_true(strlen(err.msg) < 120);
}

static void test_leap_years_follow_the_gregorian_calendar(void **state)
{
	static const struct {
		int year, feb;
	} cases[] = { { 2023, 28 }, { 2024, 29 }, { 2000, 29 }, { 1900, 28 },
		      { 2100, 28 }, { 2400, 29 }, { 1600, 29 } };
	static const int days[] = { 31, 28, 31, 30, 31, 30,
				    31, 31, 30, 31, 30, 31 };
	vns_date d;

	(void)state;
	for (int m = 1; m <= 12; m++)
		assert_int_equal(vns_date_days_in_month(2023, m), days[m - 1]);
	for (size_t i = 0; i < sizeof cases / sizeof *cases; i++)
		assert_int_equal(vns_date_days_in_month(cases[i].year, 2),
				 cases[i].feb);
	parse_ok("2024-02-29", &d);
	parse_ok("2000-02-29", &d);
	assert_int_equal(vns_date_parse("2023-02-29", 10, &d, NULL),
			 VNS_EINVAL);
	assert_int_equal(vns_date_parse("1900-02-29", 10, &d, NULL),
			 VNS_EINVAL);
}

/* Each case's input, rendered, must be its expected text. */
static void assert_renders(const char *const (*cases)[2], size_t n,
			   void (*render)(const char *in, char *out))
{
	char out[VNS_DATE_ISO_LEN + 1];

	for (size_t i = 0; i < n; i++) {
		render(cases[i][0], out);
		assert_string_equal(out, cases[i][1]);
	}
}

/* The key of the last second of an ISO date. */
static void last_key(const char *in, char *out)
{
	vns_date d;

	parse_ok(in, &d);
	vns_date_key(&d, 1, out);
}

/* A date found in metadata, as ISO 8601. */
static void found_iso(const char *in, char *out)
{
	vns_date d;

	if (!vns_date_parse_any(in, &d))
		fail_msg("'%s': no date", in);
	vns_date_format(&d, out);
}

/* The last second a date covers: where a date: range ends. */
static void test_last_key_fills_what_was_not_given(void **state)
{
	static const char *const cases[][2] = {
		{ "2021", "20211231235959" },
		{ "2020-02", "20200229235959" },
		{ "2021-02", "20210228235959" },
		{ "2021-03-05", "20210305235959" },
		{ "2021-03-05T10:30", "20210305103059" },
		{ "2021-03-05T10:30:15", "20210305103015" },
	};

	(void)state;
	assert_renders(cases, sizeof cases / sizeof *cases, last_key);
}

static void test_metadata_forms_are_found(void **state)
{
	static const char *const cases[][2] = {
		{ "2021-06-10T08:30:00+07:00", "2021-06-10T08:30:00+07:00" },
		{ "  2020-01-02\n", "2020-01-02" },
		{ "2021-06-10T08:30:00.000+07:00 (ICT)",
		  "2021-06-10T08:30:00+07:00" },
		{ "Thu, 04 Mar 2021 10:00:00 +0700", "2021-03-04T10:00:00+07:00" },
		{ "Fri, 05 Mar 2021 09:00:00 GMT", "2021-03-05T09:00:00Z" },
		{ "Fri, 05 Mar 2021 09:00:00 EST", "2021-03-05T09:00:00-05:00" },
		{ "Fri, 05 Mar 2021 09:00:00 XYZ", "2021-03-05T09:00:00" },
		{ "5 march 2021 9:00", "2021-03-05T09:00:00" },
		{ "05 Mar 2021", "2021-03-05" },
		{ "04/03/2021 10:15", "2021-03-04T10:15:00" },
		{ "4/3/2021", "2021-03-04" },
		{ "D:20210304120000+07'00'", "2021-03-04T12:00:00+07:00" },
		{ "D:20210304120000Z", "2021-03-04T12:00:00Z" },
		{ "D:20210304", "2021-03-04" },
	};

	(void)state;
	assert_renders(cases, sizeof cases / sizeof *cases, found_iso);
}

/* A document's date is a day at least, and a real one. */
static void test_metadata_without_a_real_day_has_no_date(void **state)
{
	static const char *const cases[] = {
		"hôm qua", "", "2021", "2021-03", "D:2021", "2021-02-30",
		"31/02/2021", "Thu, 04 Foo 2021", "04 Mar 21", "13/13/2021",
		"D:20211399",
	};
	vns_date d;

	(void)state;
	for (size_t i = 0; i < sizeof cases / sizeof *cases; i++)
		if (vns_date_parse_any(cases[i], &d))
			fail_msg("'%s': a date", cases[i]);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_valid_iso_forms_give_their_precision),
		cmocka_unit_test(test_time_zones_are_kept_not_applied),
		cmocka_unit_test(test_bad_forms_say_why),
		cmocka_unit_test(test_parse_reads_only_len_bytes),
		cmocka_unit_test(test_message_quotes_at_most_40_bytes),
		cmocka_unit_test(test_leap_years_follow_the_gregorian_calendar),
		cmocka_unit_test(test_last_key_fills_what_was_not_given),
		cmocka_unit_test(test_metadata_forms_are_found),
		cmocka_unit_test(test_metadata_without_a_real_day_has_no_date),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
