/* test_status.c - unit tests for lib/status: the message and name tables
 * generated from VNS_STATUS_MAP, and the vns_err helpers (set, prefix,
 * text), including messages too long for the record. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "status.h"

/* ---- the tables -------------------------------------------------------- */

static void test_ok_is_zero_and_means_success(void **state)
{
	(void)state;
	assert_int_equal(VNS_OK, 0);
	assert_string_equal(vns_strerror(VNS_OK), "success");
	assert_string_equal(vns_status_name(VNS_OK), "VNS_OK");
}

static void test_every_code_has_a_distinct_message(void **state)
{
	(void)state;
	for (int i = 0; i < VNS_STATUS_COUNT; i++) {
		const char *m = vns_strerror((vns_status)i);

		assert_non_null(m);
		assert_true(m[0] != '\0');
		assert_string_not_equal(m, "unknown status");
		for (int j = 0; j < i; j++)
			assert_string_not_equal(m,
						vns_strerror((vns_status)j));
	}
}

static void test_every_code_has_a_distinct_name(void **state)
{
	(void)state;
	for (int i = 0; i < VNS_STATUS_COUNT; i++) {
		const char *n = vns_status_name((vns_status)i);

		assert_non_null(n);
		assert_int_equal(strncmp(n, "VNS_", 4), 0);
		assert_true(strlen(n) > 4);
		for (int j = 0; j < i; j++)
			assert_string_not_equal(
				n, vns_status_name((vns_status)j));
	}
}

static void test_names_and_messages_match_their_codes(void **state)
{
	(void)state;
	assert_string_equal(vns_status_name(VNS_EUTF8), "VNS_EUTF8");
	assert_string_equal(vns_strerror(VNS_EUTF8), "invalid utf-8");
	assert_string_equal(vns_status_name(VNS_ETOOBIG), "VNS_ETOOBIG");
	assert_string_equal(vns_strerror(VNS_ETOOBIG), "input too large");
	assert_string_equal(vns_status_name(VNS_EINTERNAL), "VNS_EINTERNAL");
	assert_string_equal(vns_strerror(VNS_EINTERNAL), "internal error");
}

static void test_messages_are_lower_case_without_full_stop(void **state)
{
	(void)state;
	for (int i = 0; i < VNS_STATUS_COUNT; i++) {
		const char *m = vns_strerror((vns_status)i);

		assert_false(m[0] >= 'A' && m[0] <= 'Z');
		assert_true(m[strlen(m) - 1] != '.');
	}
}

static void test_out_of_range_code_gives_unknown_not_null(void **state)
{
	(void)state;
	assert_string_equal(vns_strerror(VNS_STATUS_COUNT), "unknown status");
	assert_string_equal(vns_status_name(VNS_STATUS_COUNT), "VNS_UNKNOWN");
	assert_string_equal(vns_strerror((vns_status)1000), "unknown status");
	assert_string_equal(vns_status_name((vns_status)1000), "VNS_UNKNOWN");
	/* a negated status, as vns_lines_next() returns, is out of range */
	assert_string_equal(vns_strerror((vns_status)-VNS_EIO),
			    "unknown status");
	assert_string_equal(vns_status_name((vns_status)-VNS_EIO),
			    "VNS_UNKNOWN");
}

/* ---- vns_err ------------------------------------------------------------- */

static void test_err_clear_resets_code_and_message(void **state)
{
	vns_err err;

	(void)state;
	vns_err_set(&err, VNS_EIO, "boom");
	vns_err_clear(&err);
	assert_int_equal(err.code, VNS_OK);
	assert_string_equal(err.msg, "");
	vns_err_clear(NULL);
}

static void test_err_set_returns_code_and_formats_detail(void **state)
{
	vns_err err;

	(void)state;
	vns_err_clear(&err);
	assert_int_equal(vns_err_set(&err, VNS_EUTF8, "invalid utf-8 at "
				     "byte %d", 42),
			 VNS_EUTF8);
	assert_int_equal(err.code, VNS_EUTF8);
	assert_string_equal(err.msg, "invalid utf-8 at byte 42");
	/* a second set replaces the first */
	vns_err_set(&err, VNS_EIO, "'%s': %s", "a.json", "gone");
	assert_int_equal(err.code, VNS_EIO);
	assert_string_equal(err.msg, "'a.json': gone");
}

static void test_err_set_with_null_err_only_returns_code(void **state)
{
	(void)state;
	assert_int_equal(vns_err_set(NULL, VNS_EJSON, "x %d", 1), VNS_EJSON);
}

static void test_err_text_prefers_detail_then_message(void **state)
{
	vns_err err;

	(void)state;
	vns_err_clear(&err);
	assert_string_equal(vns_err_text(&err), "success");
	err.code = VNS_EDBLOCK;
	assert_string_equal(vns_err_text(&err),
			    "database is locked by another writer");
	vns_err_set(&err, VNS_EDBLOCK, "'db' is locked");
	assert_string_equal(vns_err_text(&err), "'db' is locked");
	assert_non_null(vns_err_text(NULL));
}

static void test_err_prefix_adds_context_and_keeps_code(void **state)
{
	vns_err err;

	(void)state;
	vns_err_set(&err, VNS_EJSON, "invalid json at column %d", 12);
	vns_err_prefix(&err, "'%s' line %d: ", "a.json", 3);
	assert_int_equal(err.code, VNS_EJSON);
	assert_string_equal(err.msg, "'a.json' line 3: invalid json at "
				     "column 12");
	vns_err_prefix(&err, "index: ");
	assert_string_equal(err.msg, "index: 'a.json' line 3: invalid json "
				     "at column 12");
}

static void test_err_prefix_of_empty_detail_uses_message(void **state)
{
	vns_err err;

	(void)state;
	vns_err_clear(&err);
	err.code = VNS_ENOMEM;
	vns_err_prefix(&err, "'%s': ", "b.json");
	assert_int_equal(err.code, VNS_ENOMEM);
	assert_string_equal(err.msg, "'b.json': out of memory");
	vns_err_prefix(NULL, "ignored");
}

/* ---- truncation ------------------------------------------------------ */

static void test_err_set_truncates_long_detail_nul_terminated(void **state)
{
	char big[3 * VNS_ERR_MSG_MAX];
	vns_err err;

	(void)state;
	memset(big, 'x', sizeof big - 1);
	big[sizeof big - 1] = '\0';
	memset(&err, 'Z', sizeof err);
	assert_int_equal(vns_err_set(&err, VNS_EIO, "<%s>", big), VNS_EIO);
	assert_int_equal(err.code, VNS_EIO);
	assert_int_equal(strlen(err.msg), VNS_ERR_MSG_MAX - 1);
	assert_int_equal(err.msg[0], '<');
	assert_int_equal(err.msg[VNS_ERR_MSG_MAX - 2], 'x');
}

static void test_err_prefix_truncates_long_result_nul_terminated(void **state)
{
	char big[2 * VNS_ERR_MSG_MAX];
	vns_err err;

	(void)state;
	memset(big, 'y', sizeof big - 1);
	big[sizeof big - 1] = '\0';
	/* long detail, short prefix: the prefix survives whole */
	vns_err_set(&err, VNS_EIO, "%s", big);
	vns_err_prefix(&err, "head: ");
	assert_int_equal(strlen(err.msg), VNS_ERR_MSG_MAX - 1);
	assert_memory_equal(err.msg, "head: yyy", 9);
	/* prefix longer than the record: cut, still terminated */
	vns_err_set(&err, VNS_EIO, "tail");
	vns_err_prefix(&err, "%s", big);
	assert_int_equal(strlen(err.msg), VNS_ERR_MSG_MAX - 1);
	assert_int_equal(err.msg[VNS_ERR_MSG_MAX - 2], 'y');
	assert_null(strstr(err.msg, "tail"));
	assert_int_equal(err.code, VNS_EIO);
}

static void test_err_prefix_fitting_exactly_leaves_no_room(void **state)
{
	char head[VNS_ERR_MSG_MAX];
	vns_err err;

	(void)state;
	memset(head, 'h', sizeof head - 1);
	head[sizeof head - 2] = ':';
	head[sizeof head - 1] = '\0';
	vns_err_set(&err, VNS_EJSON, "detail");
	vns_err_prefix(&err, "%s", head);
	assert_int_equal(strlen(err.msg), VNS_ERR_MSG_MAX - 1);
	assert_int_equal(err.msg[VNS_ERR_MSG_MAX - 2], ':');
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_ok_is_zero_and_means_success),
		cmocka_unit_test(test_every_code_has_a_distinct_message),
		cmocka_unit_test(test_every_code_has_a_distinct_name),
		cmocka_unit_test(test_names_and_messages_match_their_codes),
		cmocka_unit_test(test_messages_are_lower_case_without_full_stop),
		cmocka_unit_test(test_out_of_range_code_gives_unknown_not_null),
		cmocka_unit_test(test_err_clear_resets_code_and_message),
		cmocka_unit_test(test_err_set_returns_code_and_formats_detail),
		cmocka_unit_test(test_err_set_with_null_err_only_returns_code),
		cmocka_unit_test(test_err_text_prefers_detail_then_message),
		cmocka_unit_test(test_err_prefix_adds_context_and_keeps_code),
		cmocka_unit_test(test_err_prefix_of_empty_detail_uses_message),
		cmocka_unit_test(
			test_err_set_truncates_long_detail_nul_terminated),
		cmocka_unit_test(
			test_err_prefix_truncates_long_result_nul_terminated),
		cmocka_unit_test(
			test_err_prefix_fitting_exactly_leaves_no_room),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
