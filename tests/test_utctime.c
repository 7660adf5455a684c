/* test_utctime.c - reading ISO 8601 and writing UTC keys and RFC 3339
 * (lib/utctime.c), table-driven. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "utctime.h"

typedef struct {
	const char *in;
	const char *iso; /* NULL: rejected */
} time_case;

static void test_parse_reads_dates_times_and_offsets(void **state)
{
	static const time_case cases[] = {
		{ "1970-01-01", "1970-01-01T00:00:00Z" },
		{ "2024-02-29", "2024-02-29T00:00:00Z" },
		{ "2025-07-01T08:30", "2025-07-01T08:30:00Z" },
		{ "2025-07-01T08:30:15", "2025-07-01T08:30:15Z" },
		{ "2025-07-01 08:30:15Z", "2025-07-01T08:30:15Z" },
		{ "2025-07-01T08:30:15.250Z", "2025-07-01T08:30:15Z" },
		{ "2022-03-05T18:30:00+07:00", "2022-03-05T11:30:00Z" },
		{ "2022-03-05T03:00+0700", "2022-03-04T20:00:00Z" },
		{ "2022-03-05T23:30-01:30", "2022-03-06T01:00:00Z" },
		{ "2022-12-31T23:00:00-02", "2023-01-01T01:00:00Z" },
		{ "1999-12-31T23:59:59Z", "1999-12-31T23:59:59Z" },
		{ "2023-02-29", NULL },
		{ "2025-13-01", NULL },
		{ "2025-00-10", NULL },
		{ "2025-1-10", NULL },
		{ "25-01-10", NULL },
		{ "2025-01-10T24:00", NULL },
		{ "2025-01-10T10:60", NULL },
		{ "2025-01-10T10", NULL },
		{ "2025-01-10T10:00+7", NULL },
		{ "2025-01-10T10:00+07:0", NULL },
		{ "2025-01-10T10:00 UTC", NULL },
		{ "2025-01-10x", NULL },
		{ "yesterday", NULL },
		{ "", NULL },
	};
	char iso[VNS_UTC_ISO_LEN + 1];
	long long t;
	vns_err err;

	(void)state;
	for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
		vns_status st = vns_utc_parse(cases[i].in, &t, &err);
		if (!cases[i].iso) {
			if (st != VNS_EINVAL)
				fail_msg("'%s' was accepted", cases[i].in);
			assert_non_null(strstr(err.msg, VNS_UTC_FORMAT));
			continue;
		}
		if (st)
			fail_msg("'%s': %s", cases[i].in, err.msg);
		vns_utc_iso(t, iso);
		if (strcmp(iso, cases[i].iso))
			fail_msg("'%s': got %s, want %s", cases[i].in, iso,
				 cases[i].iso);
	}
}

static void test_key_sorts_as_time_and_reads_back(void **state)
{
	char a[VNS_UTC_KEY_LEN + 1], b[VNS_UTC_KEY_LEN + 1];
	long long t;

	(void)state;
	vns_utc_key(0, a);
	assert_string_equal(a, "19700101000000");
	vns_utc_key(1700000000, a);
	vns_utc_key(1700000001, b);
	assert_true(strcmp(a, b) < 0);
	assert_true(vns_utc_from_key(b, &t));
	assert_true(t == 1700000001);
	assert_false(vns_utc_from_key("2024", &t));
	assert_false(vns_utc_from_key("2024010100000x", &t));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_parse_reads_dates_times_and_offsets),
		cmocka_unit_test(test_key_sorts_as_time_and_reads_back),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
