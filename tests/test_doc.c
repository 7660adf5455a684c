/* test_doc.c - unit tests for lib/doc: parsing one JSON Lines record of the
 * corpus schema into a vns_doc (errors name the field or the column), and
 * turning its date into the "YYYYMMDD" key. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "doc.h"

/* A record of the corpus schema as news sites give it: keys in order, no
 * title, nulls, a photo caption first (written for the project). */
static const char site_record[] =
	"{\"id\": \"vns-test-20210422090802577\", \"url\": "
	"\"https://example.vn/khuyen-cong/may-say-vai-thieu-luc-ngan-"
	"20210422090802577.htm\", "
	"\"title\": null, \"date\": \"2021-04-22\", \"source\": "
	"\"example.vn\", \"category\": \"khuyen-cong\", \"author\": null, "
	"\"summary\": null, \"body\": \"Máy sấy vải thiều mới lắp đặt tại "
	"HTX Hồng Giang, huyện Lục Ngạn (Ảnh: "
	"MA).\\nSáng ngày 21/4, Trung tâm Khuyến công tỉnh Bắc Giang bàn giao "
	"máy cho 12 hộ sản xuất.\"}";

/* Parse the NUL-terminated line; on failure the doc must come back
 * empty. */
static vns_status parse(const char *line, vns_doc *doc, vns_err *err)
{
	vns_status st;

	vns_err_clear(err);
	st = vns_doc_from_json(line, strlen(line), doc, err);
	if (st) {
		vns_doc empty;

		memset(&empty, 0, sizeof empty);
		assert_memory_equal(doc, &empty, sizeof empty);
		assert_int_equal(err->code, st);
	}
	return st;
}

static void assert_parse_fails(const char *line, vns_status want,
			       const char *msg)
{
	vns_doc doc;
	vns_err err;

	assert_int_equal(parse(line, &doc, &err), want);
	if (msg)
		assert_string_equal(err.msg, msg);
}

/* ---- records that parse ---------------------------------------------- */

static void test_site_record_fills_every_field(void **state)
{
	vns_doc doc;
	vns_err err;

	(void)state;
	assert_int_equal(parse(site_record, &doc, &err), VNS_OK);
	assert_string_equal(doc.id, "vns-test-20210422090802577");
	assert_string_equal(doc.url,
			    "https://example.vn/khuyen-cong/may-say-vai-thieu-"
			    "luc-ngan-20210422090802577.htm");
	assert_null(doc.title);
	assert_string_equal(doc.date, "2021-04-22");
	assert_string_equal(doc.source, "example.vn");
	assert_string_equal(doc.category, "khuyen-cong");
	assert_null(doc.author);
	assert_null(doc.summary);
	/* escapes decoded: the \n is a real newline */
	assert_non_null(strstr(doc.body, "(Ảnh: MA).\nSáng ngày"));
	assert_int_equal(strncmp(doc.body, "Máy sấy", strlen("Máy sấy")), 0);
	vns_doc_clear(&doc);
}

static void test_absent_and_null_fields_stay_null(void **state)
{
	vns_doc doc;
	vns_err err;

	(void)state;
	assert_int_equal(parse("{\"id\":\"a\",\"body\":\"b\",\"title\":null}",
			       &doc, &err),
			 VNS_OK);
	assert_string_equal(doc.id, "a");
	assert_string_equal(doc.body, "b");
	assert_null(doc.title);
	assert_null(doc.url);
	assert_null(doc.date);
	assert_null(doc.source);
	assert_null(doc.category);
	assert_null(doc.author);
	assert_null(doc.summary);
	vns_doc_clear(&doc);
}

static void test_unknown_keys_are_ignored(void **state)
{
	vns_doc doc;
	vns_err err;

	(void)state;
	assert_int_equal(parse("{\"id\":\"a\",\"body\":\"b\",\"tags\":[1,2],"
			       "\"views\":7}",
			       &doc, &err),
			 VNS_OK);
	assert_string_equal(doc.id, "a");
	vns_doc_clear(&doc);
}

static void test_unicode_escapes_are_decoded_to_utf8(void **state)
{
	vns_doc doc;
	vns_err err;

	(void)state;
	assert_int_equal(parse("{\"id\":\"x\",\"body\":\"\\u0110\\u00e0 "
			       "N\\u1eb5ng \\ud83d\\ude00\"}",
			       &doc, &err),
			 VNS_OK);
	assert_string_equal(doc.body, "Đà Nẵng \xf0\x9f\x98\x80");
	vns_doc_clear(&doc);
}

static void test_only_len_bytes_are_read(void **state)
{
	static const char two[] = "{\"id\":\"a\",\"body\":\"b\"}\n{broken";
	vns_doc doc;
	vns_err err;

	(void)state;
	assert_int_equal(vns_doc_from_json(two, strchr(two, '\n') - two, &doc,
					   &err),
			 VNS_OK);
	assert_string_equal(doc.body, "b");
	vns_doc_clear(&doc);
}

static void test_clear_zeroes_and_accepts_null(void **state)
{
	vns_doc doc, empty;
	vns_err err;

	(void)state;
	memset(&empty, 0, sizeof empty);
	assert_int_equal(parse(site_record, &doc, &err), VNS_OK);
	vns_doc_clear(&doc);
	assert_memory_equal(&doc, &empty, sizeof doc);
	vns_doc_clear(&doc);
	vns_doc_clear(NULL);
}

/* ---- records that do not ------------------------------------------------ */

static void test_missing_id_is_a_record_error(void **state)
{
	(void)state;
	assert_parse_fails("{\"body\":\"text\"}", VNS_ERECORD,
			   "missing field 'id'");
	assert_parse_fails("{\"id\":null,\"body\":\"text\"}", VNS_ERECORD,
			   "missing field 'id'");
	assert_parse_fails("{\"id\":\"  \",\"body\":\"text\"}", VNS_ERECORD,
			   "missing field 'id'");
}

static void test_empty_or_blank_body_is_a_record_error(void **state)
{
	(void)state;
	assert_parse_fails("{\"id\":\"a\",\"body\":\"\"}", VNS_ERECORD,
			   "empty body");
	assert_parse_fails("{\"id\":\"a\",\"body\":\" \\n\\t \"}", VNS_ERECORD,
			   "empty body");
	assert_parse_fails("{\"id\":\"a\",\"title\":\"t\"}", VNS_ERECORD,
			   "empty body");
}

static void test_wrong_type_names_the_field(void **state)
{
	(void)state;
	assert_parse_fails("{\"id\":\"a\",\"title\":5,\"body\":\"b\"}",
			   VNS_ERECORD, "field 'title' is not a string");
	assert_parse_fails("{\"id\":17,\"body\":\"b\"}", VNS_ERECORD,
			   "field 'id' is not a string");
	assert_parse_fails("{\"id\":\"a\",\"body\":[\"b\"]}", VNS_ERECORD,
			   "field 'body' is not a string");
	assert_parse_fails("{\"id\":\"a\",\"body\":\"b\",\"date\":false}",
			   VNS_ERECORD, "field 'date' is not a string");
}

static void test_non_object_record_is_a_record_error(void **state)
{
	(void)state;
	assert_parse_fails("[\"a\", \"b\"]", VNS_ERECORD,
			   "record is not a json object");
	/* jansson itself refuses other top-level values */
	assert_parse_fails("\"just a string\"", VNS_EJSON, NULL);
}

static void test_invalid_json_names_the_column(void **state)
{
	vns_doc doc;
	vns_err err;

	(void)state;
	/*                    1234567890123456789 */
	assert_int_equal(parse("{\"id\":\"a\",\"body\":}", &doc, &err),
			 VNS_EJSON);
	assert_non_null(strstr(err.msg, "invalid json at column 18:"));
	/* an unterminated record is cut at its end */
	assert_int_equal(parse("{\"id\":\"a\"", &doc, &err), VNS_EJSON);
	assert_non_null(strstr(err.msg, "invalid json at column "));
	/* garbage after the object: column of the 'x' */
	assert_int_equal(parse("{\"id\":\"a\",\"body\":\"b\"} x", &doc, &err),
			 VNS_EJSON);
	assert_non_null(strstr(err.msg, "invalid json at column 23:"));
	/* an empty line */
	assert_int_equal(parse("", &doc, &err), VNS_EJSON);
}

static void test_invalid_utf8_in_a_string_is_eutf8(void **state)
{
	vns_doc doc;
	vns_err err;

	(void)state;
	/* "Hà" with a stray continuation byte, then a cut 3-byte sequence */
	assert_int_equal(parse("{\"id\":\"a\",\"body\":\"H\xc3\xa0 \x80\"}",
			       &doc, &err),
			 VNS_EUTF8);
	assert_non_null(strstr(err.msg, "invalid utf-8 near column "));
	assert_int_equal(parse("{\"id\":\"a\",\"title\":\"\xe1\xbb\","
			       "\"body\":\"b\"}",
			       &doc, &err),
			 VNS_EUTF8);
	/* an overlong encoding of '/' */
	assert_int_equal(parse("{\"id\":\"a\",\"body\":\"\xc0\xaf\"}", &doc,
			       &err),
			 VNS_EUTF8);
}

static void test_duplicate_keys_are_rejected(void **state)
{
	vns_doc doc;
	vns_err err;

	(void)state;
	assert_int_equal(parse("{\"id\":\"a\",\"body\":\"b\",\"id\":\"c\"}",
			       &doc, &err),
			 VNS_EJSON);
	assert_non_null(strstr(err.msg, "duplicate"));
	assert_non_null(strstr(err.msg, "column "));
}

static void test_nul_escape_in_a_string_is_rejected(void **state)
{
	(void)state;
	/* kept, it would silently cut the C string */
	assert_parse_fails("{\"id\":\"a\",\"body\":\"x\\u0000y\"}", VNS_EJSON,
			   NULL);
}

/* ---- date keys: "YYYYMMDDhhmmss" ------------------------------------------ */

static vns_status date_key(const char *date, char out[VNS_DATE_KEY_LEN + 1],
			   vns_err *err)
{
	vns_doc doc;

	memset(&doc, 0, sizeof doc);
	doc.date = (char *)date;
	vns_err_clear(err);
	return vns_doc_date_key(&doc, out, err);
}

static void assert_date_key(const char *date, const char *want)
{
	char key[VNS_DATE_KEY_LEN + 1];
	vns_err err;

	memset(key, 'Z', sizeof key);
	assert_int_equal(date_key(date, key, &err), VNS_OK);
	assert_string_equal(key, want);
}

static void assert_date_bad(const char *date)
{
	char key[VNS_DATE_KEY_LEN + 1];
	vns_err err;

	assert_int_equal(date_key(date, key, &err), VNS_ERECORD);
	assert_int_equal(err.code, VNS_ERECORD);
	assert_non_null(strstr(err.msg, "field 'date'"));
}

static void test_date_key_of_plain_date(void **state)
{
	(void)state;
	assert_date_key("2021-03-05", "20210305000000");
	assert_date_key("1999-12-31", "19991231000000");
}

static void test_date_key_of_date_time_with_offset(void **state)
{
	(void)state;
	assert_date_key("2021-03-05T10:00:00+07:00", "20210305100000");
	assert_date_key("2026-01-28T23:59:59-05:00", "20260128235959");
}

static void test_date_key_keeps_the_time_as_given(void **state)
{
	(void)state;
	/* local time as the source gives it: the offset is not applied */
	assert_date_key("2021-03-05T23:30:00-05:00", "20210305233000");
	assert_date_key("2021-03-05T07:45", "20210305074500");
	assert_date_key("2021-03-05T07:45:09Z", "20210305074509");
	assert_date_key("2021-03-05 07:45:09", "20210305074509");
}

static void test_date_key_rejects_impossible_times(void **state)
{
	(void)state;
	assert_date_bad("2021-03-05T24:00:00");
	assert_date_bad("2021-03-05T10:60:00");
	assert_date_bad("2021-03-05T10:00:61");
	assert_date_bad("2021-03-05T");
	assert_date_bad("2021-03-05T1");
	assert_date_bad("2021-03-05T10");
	assert_date_bad("2021-03-05T10h30");
}

static void test_date_key_knows_leap_years(void **state)
{
	(void)state;
	assert_date_key("2024-02-29", "20240229000000");
	assert_date_key("2000-02-29", "20000229000000");
	assert_date_bad("2023-02-29");
	assert_date_bad("1900-02-29");
}

static void test_date_key_rejects_impossible_dates(void **state)
{
	char key[VNS_DATE_KEY_LEN + 1];
	vns_err err;

	(void)state;
	assert_int_equal(date_key("2021-02-30", key, &err), VNS_ERECORD);
	assert_string_equal(err.msg, "field 'date': '2021-02-30' is not an ISO "
				     "8601 date");
	assert_date_bad("2021-04-31");
	assert_date_bad("2021-13-01");
	assert_date_bad("2021-00-10");
	assert_date_bad("2021-01-00");
	assert_date_bad("0000-01-01");
}

static void test_date_key_rejects_other_formats(void **state)
{
	(void)state;
	assert_date_bad("05/03/2021");
	assert_date_bad("2021-3-5");
	assert_date_bad("20210305");
	assert_date_bad("2021-03");
	assert_date_bad("2021-03-05x");
	assert_date_bad("hôm qua");
	assert_date_bad("２０２１-03-05"); /* fullwidth digits */
}

static void test_date_key_error_quotes_at_most_40_bytes(void **state)
{
	char key[VNS_DATE_KEY_LEN + 1];
	vns_err err;
	char date[200];

	(void)state;
	memset(date, '9', sizeof date - 1);
	date[sizeof date - 1] = '\0';
	assert_int_equal(date_key(date, key, &err), VNS_ERECORD);
	assert_true(strlen(err.msg) < 100);
}

static void test_missing_empty_or_null_date_is_not_found(void **state)
{
	char key[VNS_DATE_KEY_LEN + 1];
	vns_err err;
	vns_doc doc;

	(void)state;
	assert_int_equal(date_key(NULL, key, &err), VNS_ENOTFOUND);
	assert_int_equal(date_key("", key, &err), VNS_ENOTFOUND);
	assert_int_equal(date_key("  ", key, &err), VNS_ENOTFOUND);
	/* and straight from a record: null and "" */
	vns_err_clear(&err);
	assert_int_equal(parse("{\"id\":\"a\",\"body\":\"b\",\"date\":null}",
			       &doc, &err),
			 VNS_OK);
	assert_int_equal(vns_doc_date_key(&doc, key, &err), VNS_ENOTFOUND);
	vns_doc_clear(&doc);
	assert_int_equal(parse("{\"id\":\"a\",\"body\":\"b\",\"date\":\"\"}",
			       &doc, &err),
			 VNS_OK);
	assert_int_equal(vns_doc_date_key(&doc, key, &err), VNS_ENOTFOUND);
	vns_doc_clear(&doc);
}

static void test_date_key_of_parsed_site_record(void **state)
{
	vns_doc doc;
	vns_err err;
	char key[VNS_DATE_KEY_LEN + 1];

	(void)state;
	assert_int_equal(parse(site_record, &doc, &err), VNS_OK);
	assert_int_equal(vns_doc_date_key(&doc, key, &err), VNS_OK);
	assert_string_equal(key, "20210422000000");
	vns_doc_clear(&doc);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_site_record_fills_every_field),
		cmocka_unit_test(test_absent_and_null_fields_stay_null),
		cmocka_unit_test(test_unknown_keys_are_ignored),
		cmocka_unit_test(test_unicode_escapes_are_decoded_to_utf8),
		cmocka_unit_test(test_only_len_bytes_are_read),
		cmocka_unit_test(test_clear_zeroes_and_accepts_null),
		cmocka_unit_test(test_missing_id_is_a_record_error),
		cmocka_unit_test(test_empty_or_blank_body_is_a_record_error),
		cmocka_unit_test(test_wrong_type_names_the_field),
		cmocka_unit_test(test_non_object_record_is_a_record_error),
		cmocka_unit_test(test_invalid_json_names_the_column),
		cmocka_unit_test(test_invalid_utf8_in_a_string_is_eutf8),
		cmocka_unit_test(test_duplicate_keys_are_rejected),
		cmocka_unit_test(test_nul_escape_in_a_string_is_rejected),
		cmocka_unit_test(test_date_key_of_plain_date),
		cmocka_unit_test(test_date_key_of_date_time_with_offset),
		cmocka_unit_test(test_date_key_keeps_the_time_as_given),
		cmocka_unit_test(test_date_key_rejects_impossible_times),
		cmocka_unit_test(test_date_key_knows_leap_years),
		cmocka_unit_test(test_date_key_rejects_impossible_dates),
		cmocka_unit_test(test_date_key_rejects_other_formats),
		cmocka_unit_test(test_date_key_error_quotes_at_most_40_bytes),
		cmocka_unit_test(test_missing_empty_or_null_date_is_not_found),
		cmocka_unit_test(test_date_key_of_parsed_site_record),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
