/* test_docdata.c - unit tests of the stored-data layout (lib/docdata.c). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <string.h>

#include <cmocka.h>
#include <jansson.h>

#include "docdata.h"
#include "schema.h"

static void test_fields_and_text_round_trip(void **state)
{
	static const char text[] = "Tóm tắt\nGió giật \"cấp\" 12 {}.";
	json_t *o = json_pack("{s:s, s:s, s:[s]}", VNS_DATA_ID, "a-1",
			      VNS_DATA_TITLE, "Bão \"Noru\"", VNS_DATA_PRODUCTS,
			      "Cà phê");
	vns_buf b;
	vns_docdata d;
	vns_err err;

	(void)state;
	vns_buf_init(&b, 0);
	assert_int_equal(vns_docdata_encode(o, text, strlen(text), &b, &err),
			 VNS_OK);
	assert_int_equal(vns_docdata_decode(b.data, b.len, &d, &err), VNS_OK);
	assert_string_equal(vns_docdata_str(&d, VNS_DATA_ID), "a-1");
	assert_string_equal(vns_docdata_str(&d, VNS_DATA_TITLE), "Bão \"Noru\"");
	assert_null(vns_docdata_str(&d, VNS_DATA_PRODUCTS)); /* an array */
	assert_null(vns_docdata_str(&d, VNS_DATA_URL));
	assert_true(json_equal(d.fields, o));
	assert_int_equal(d.text_len, strlen(text));
	assert_string_equal(d.text, text);
	vns_docdata_clear(&d);
	assert_null(d.fields);
	assert_null(d.text);
	vns_buf_free(&b);
	json_decref(o);
}

static void test_empty_text_decodes_as_empty_string(void **state)
{
	json_t *o = json_pack("{s:s}", VNS_DATA_ID, "x");
	vns_buf b;
	vns_docdata d;
	vns_err err;

	(void)state;
	vns_buf_init(&b, 0);
	assert_int_equal(vns_docdata_encode(o, "", 0, &b, &err), VNS_OK);
	assert_int_equal(vns_docdata_decode(b.data, b.len, &d, &err), VNS_OK);
	assert_int_equal(d.text_len, 0);
	assert_string_equal(d.text, "");
	vns_docdata_clear(&d);
	vns_buf_free(&b);
	json_decref(o);
}

/* An index written before this layout kept the text inside the JSON. */
static void test_old_layout_with_text_in_json_decodes(void **state)
{
	static const char old[] = "{\"id\":\"n1\",\"text\":\"Bắc Giang\\nvải\"}";
	static const char no_text[] = "{\"id\":\"n2\"}";
	vns_docdata d;
	vns_err err;

	(void)state;
	assert_int_equal(vns_docdata_decode(old, strlen(old), &d, &err), VNS_OK);
	assert_string_equal(vns_docdata_str(&d, VNS_DATA_ID), "n1");
	assert_string_equal(d.text, "Bắc Giang\nvải");
	assert_int_equal(d.text_len, strlen("Bắc Giang\nvải"));
	vns_docdata_clear(&d);
	assert_int_equal(vns_docdata_decode(no_text, strlen(no_text), &d, &err),
			 VNS_OK);
	assert_string_equal(d.text, "");
	vns_docdata_clear(&d);
}

static void test_damaged_data_is_reported_corrupt(void **state)
{
	static const struct {
		const char *blob;
		size_t len;
	} bad[] = {
		{ "", 0 },
		{ "[1,2]\0text", 10 },
		{ "{\"id\":", 6 },
		{ "\0text", 5 },
		{ "\"a string\"", 10 },
	};
	vns_docdata d;
	vns_err err;

	(void)state;
	for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
		vns_err_clear(&err);
		assert_int_equal(vns_docdata_decode(bad[i].blob, bad[i].len, &d,
						    &err),
				 VNS_EDBCORRUPT);
		assert_non_null(strstr(vns_err_text(&err), "stored data"));
		assert_null(d.fields);
		assert_null(d.text);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_fields_and_text_round_trip),
		cmocka_unit_test(test_empty_text_decodes_as_empty_string),
		cmocka_unit_test(test_old_layout_with_text_in_json_decodes),
		cmocka_unit_test(test_damaged_data_is_reported_corrupt),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
