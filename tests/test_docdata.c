/* test_docdata.c - unit tests of the stored-data layout (lib/docdata.c):
 * the fields parser, its fallback to jansson, and damaged data. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>
#include <jansson.h>

#include "docdata.h"
#include "schema.h"

/* Decode the NUL-terminated JSON s (no text part) into d, or fail. */
static void decode_str(const char *s, vns_docdata *d)
{
	vns_err err;

	vns_err_clear(&err);
	if (vns_docdata_decode(s, strlen(s), d, &err))
		fail_msg("'%s': %s", s, vns_err_text(&err));
}

/* Assert that the list field key of d is exactly the n strings of want. */
static void assert_list(const vns_docdata *d, const char *key,
			const char *const *want, size_t n)
{
	size_t got_n = 99;
	const char *const *got = vns_docdata_list(d, key, &got_n);

	assert_non_null(got);
	assert_int_equal(got_n, n);
	for (size_t i = 0; i < n; i++)
		assert_string_equal(got[i], want[i]);
}

static void assert_no_list(const vns_docdata *d, const char *key)
{
	size_t n = 99;

	assert_null(vns_docdata_list(d, key, &n));
	assert_int_equal(n, 0);
}

static void test_fields_and_text_round_trip(void **state)
{
	static const char text[] = "Tóm tắt\nGió giật \"cấp\" 12 {}.";
	static const char *const products[] = { "Cà phê" };
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
	assert_list(&d, VNS_DATA_PRODUCTS, products, 1);
	assert_no_list(&d, VNS_DATA_TITLE); /* a string */
	assert_int_equal(d.text_len, strlen(text));
	assert_string_equal(d.text, text);
	vns_docdata_clear(&d);
	assert_null(d.fields);
	assert_null(d.text);
	assert_null(vns_docdata_str(&d, VNS_DATA_ID)); /* cleared: nothing */
	assert_no_list(&d, VNS_DATA_PRODUCTS);
	vns_buf_free(&b);
	json_decref(o);
}

static void test_every_escape_round_trips(void **state)
{
	static const char nasty[] = "q\" b\\ s/ \b\f\n\r\t \x01\x1f\x7f end";
	static const char *const list[] = { nasty, "Đà Nẵng", "😀", "" };
	json_t *o = json_pack("{s:s, s:s, s:[s,s,s,s], s:s}", "a", nasty,
			      "vi", "Bắc Giang – Lục Ngạn", "l", nasty,
			      "Đà Nẵng", "😀", "", "astral", "𝄞x\U0010FFFF");
	vns_buf b;
	vns_docdata d;
	vns_err err;

	(void)state;
	vns_buf_init(&b, 0);
	assert_int_equal(vns_docdata_encode(o, "t", 1, &b, &err), VNS_OK);
	assert_int_equal(vns_docdata_decode(b.data, b.len, &d, &err), VNS_OK);
	assert_string_equal(vns_docdata_str(&d, "a"), nasty);
	assert_string_equal(vns_docdata_str(&d, "vi"), "Bắc Giang – Lục Ngạn");
	assert_string_equal(vns_docdata_str(&d, "astral"), "𝄞x\U0010FFFF");
	assert_list(&d, "l", list, 4);
	assert_string_equal(d.text, "t");
	vns_docdata_clear(&d);
	vns_buf_free(&b);
	json_decref(o);
}

/* \u escapes, as JSON_ENSURE_ASCII or another writer would put them:
 * upper and lower case hex, all three UTF-8 lengths, a surrogate pair. */
static void test_unicode_escapes_become_utf8(void **state)
{
	static const char s[] =
		"{\"a\":\"\\u0110\\u00e0 N\\u1EB5ng\",\"b\":\"\\ud83d\\ude00!\","
		"\"c\":\"\\u0041\\u007f\\u0080\\u07FF\\u0800\\uFFFF\","
		"\"\\u006b\":\"\\uDBFF\\uDFFF\",\"d\":\"\\\"\\\\\\/\\b\\f\\n\\r\\t\"}";
	vns_docdata d;

	(void)state;
	decode_str(s, &d);
	assert_string_equal(vns_docdata_str(&d, "a"), "Đà Nẵng");
	assert_string_equal(vns_docdata_str(&d, "b"), "\xF0\x9F\x98\x80!");
	assert_string_equal(vns_docdata_str(&d, "c"),
			    "A\x7f\xC2\x80\xDF\xBF\xE0\xA0\x80\xEF\xBF\xBF");
	assert_string_equal(vns_docdata_str(&d, "k"), "\xF4\x8F\xBF\xBF");
	assert_string_equal(vns_docdata_str(&d, "d"), "\"\\/\b\f\n\r\t");
	vns_docdata_clear(&d);
}

static void test_nulls_and_empty_arrays(void **state)
{
	static const char *const two[] = { "x", "y" };
	vns_docdata d;

	(void)state;
	decode_str("{\"a\":null,\"b\":[],\"c\":[\"x\",null,\"y\"],"
		   "\"d\":[null],\"e\":\"\",\"\":\"empty key\"}",
		   &d);
	assert_null(vns_docdata_str(&d, "a"));
	assert_no_list(&d, "a");
	assert_list(&d, "b", NULL, 0);
	assert_null(vns_docdata_str(&d, "b"));
	assert_list(&d, "c", two, 2);
	assert_list(&d, "d", NULL, 0);
	assert_string_equal(vns_docdata_str(&d, "e"), "");
	assert_string_equal(vns_docdata_str(&d, ""), "empty key");
	assert_null(vns_docdata_str(&d, "zz"));
	assert_no_list(&d, "zz");
	assert_string_equal(d.text, ""); /* old layout without a text */
	vns_docdata_clear(&d);
	decode_str("{}", &d);
	assert_non_null(d.fields);
	assert_null(vns_docdata_str(&d, "a"));
	vns_docdata_clear(&d);
}

static void test_white_space_between_tokens_is_allowed(void **state)
{
	static const char *const one[] = { "d" };
	vns_docdata d;

	(void)state;
	decode_str(" \t{\r\n \"a\" : \"b\" ,\"c\":[ \"d\" , null ] ,\"e\" :"
		   " null}\n ",
		   &d);
	assert_string_equal(vns_docdata_str(&d, "a"), "b");
	assert_list(&d, "c", one, 1);
	vns_docdata_clear(&d);
}

/* jansson keeps the last value of a key given twice; so do we. */
static void test_key_given_twice_keeps_the_last(void **state)
{
	static const char *const z[] = { "z" };
	vns_docdata d;

	(void)state;
	decode_str("{\"a\":\"1\",\"l\":[\"y\"],\"a\":\"2\",\"l\":[\"z\"]}", &d);
	assert_string_equal(vns_docdata_str(&d, "a"), "2");
	assert_list(&d, "l", z, 1);
	vns_docdata_clear(&d);
}

/* Numbers, booleans and nested values are read by jansson: the string
 * fields and lists still read the same. */
static void test_other_values_decode_through_jansson(void **state)
{
	static const char blob[] =
		"{\"id\":\"n1\",\"n\":12,\"f\":-1.5e3,\"t\":true,\"u\":false,"
		"\"o\":{\"x\":\"y\"},\"l\":[1,\"a\",null,{\"b\":\"c\"},[\"w\"],"
		"\"z\"],\"title\":\"T\\u00e9\",\"e\":[]}\0Văn bản";
	static const char *const az[] = { "a", "z" }, *const xy[] = { "x", "y" };
	vns_docdata d;
	vns_err err;

	(void)state;
	assert_int_equal(vns_docdata_decode(blob, sizeof blob - 1, &d, &err),
			 VNS_OK);
	assert_string_equal(vns_docdata_str(&d, VNS_DATA_ID), "n1");
	assert_string_equal(vns_docdata_str(&d, VNS_DATA_TITLE), "Té");
	assert_null(vns_docdata_str(&d, "n"));
	assert_null(vns_docdata_str(&d, "t"));
	assert_null(vns_docdata_str(&d, "o"));
	assert_null(vns_docdata_str(&d, "x")); /* not lifted out of "o" */
	assert_no_list(&d, "o");
	assert_no_list(&d, "n");
	assert_list(&d, "l", az, 2);
	assert_list(&d, "e", NULL, 0);
	assert_string_equal(d.text, "Văn bản");
	vns_docdata_clear(&d);

	/* an array is the first to hold something else */
	decode_str("{\"a\":\"s\",\"l\":[\"x\",true,\"y\"]}", &d);
	assert_string_equal(vns_docdata_str(&d, "a"), "s");
	assert_list(&d, "l", xy, 2);
	vns_docdata_clear(&d);

	/* the old layout through jansson too */
	decode_str("{\"n\":1,\"text\":\"Bắc Giang\\nvải\"}", &d);
	assert_string_equal(d.text, "Bắc Giang\nvải");
	vns_docdata_clear(&d);
}

/* An index written before this layout kept the text inside the JSON. */
static void test_old_layout_with_text_in_json_decodes(void **state)
{
	static const char old[] =
		"{\"id\":\"n1\",\"text\":\"Bắc Giang\\nv\\u1ea3i\"}";
	static const char no_text[] = "{\"id\":\"n2\"}";
	static const char list_text[] = "{\"id\":\"n3\",\"text\":[\"x\"]}";
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
	decode_str(list_text, &d);
	assert_string_equal(d.text, "");
	vns_docdata_clear(&d);
}

static void test_damaged_data_is_reported_corrupt(void **state)
{
#define B(s) { s, sizeof s - 1 }
	static const struct {
		const char *blob;
		size_t len;
	} bad[] = {
		{ "", 0 },
		B("[1,2]\0text"),
		B("[\"a\"]"),
		B("{\"id\":"),
		B("{\"id\""),
		B("{\"id\":\"abc"),
		B("{\"id\":\"abc\""),
		B("{\"id\":[\"a\""),
		B("{\"id\":[\"a\","),
		B("{\"id\":["),
		B("{"),
		B("\0text"),
		B("\"a string\""),
		B("null"),
		B("{\"a\":\"b\"}x"),
		B("{\"a\":\"b\"}{}"),
		B("{\"a\":\"b\"} ,"),
		B("{\"a\":\"b\",}"),
		B("{\"a\":\"b\" \"c\":\"d\"}"),
		B("{\"a\" \"b\"}"),
		B("{\"a\";\"b\"}"),
		B("{a:\"b\"}"),
		B("{\"a\":nul}"),
		B("{\"a\":nulx}"),
		B("{\"a\":[nulx]}"),
		B("{\"a\":\"b\";\"c\":\"d\"}"),
		B("{\"a\":[\"x\";\"y\"]}"),
		B("{\"a\":nulll}"),
		B("{\"a\":[\"x\" \"y\"]}"),
		B("{\"a\":[\"x\",]}"),
		B("{\"a\":\"\\x\"}"),
		B("{\"a\":\"\\\"}"),
		B("{\"a\":\"\\u12G4\"}"),
		B("{\"a\":\"\\u12\"}"),
		B("{\"a\":\"\\u0000\"}"),
		B("{\"a\":\"\\ud800\"}"),
		B("{\"a\":\"\\ud800x\"}"),
		B("{\"a\":\"\\ud800\\u0041\"}"),
		B("{\"a\":\"\\ud800\\ud800\"}"),
		B("{\"a\":\"\\udc00\"}"),
		B("{\"a\":[\"\\udfff\\ud800\"]}"),
		B("{\"\\ud83d\":\"key\"}"),
		B("{\"a\":\"tab\there\"}"),
		B("{\"a\":\"new\nline\"}"),
		B("{\"a\":\"\xff\"}"),
		B("{\"a\":\"\xc0\xaf\"}"),           /* overlong '/' */
		B("{\"a\":\"\xed\xa0\x80\"}"),       /* encoded surrogate */
		B("{\"a\":\"\xe1\x80\"}"),           /* truncated sequence */
		B("{\"a\":\"\xf4\x90\x80\x80\"}"),   /* past U+10FFFF */
		B("{\"\xff\":\"b\"}"),
		/* damage behind a value only jansson reads */
		B("{\"n\":1,\"a\":\"\\ud800\"}"),
		B("{\"n\":1"),
		B("{\"n\":1}x"),
		B("{\"n\":tru}"),
		B("{\"n\":[1,]}"),
		B("{\"a\":\"ok\",\"n\":x}"),
	};
#undef B
	vns_docdata d;
	vns_err err;

	(void)state;
	for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
		vns_err_clear(&err);
		if (vns_docdata_decode(bad[i].blob, bad[i].len, &d, &err) !=
		    VNS_EDBCORRUPT)
			fail_msg("case %zu '%s' decoded", i, bad[i].blob);
		assert_non_null(strstr(vns_err_text(&err), "stored data"));
		assert_null(d.fields);
		assert_null(d.text);
	}
}

/* The message says what and where. */
static void test_damage_message_names_the_fault(void **state)
{
	static const char s[] = "{\"a\":\"\\udc00\"}";
	vns_docdata d;
	vns_err err;

	(void)state;
	assert_int_equal(vns_docdata_decode(s, strlen(s), &d, &err),
			 VNS_EDBCORRUPT);
	assert_string_equal(vns_err_text(&err),
			    "stored data: lone low surrogate at byte 6");
}

/* ---- fast decode agrees with jansson --------------------------------- */

static uint32_t rnd_state = 12345;

static uint32_t rnd(uint32_t n)
{
	rnd_state = rnd_state * 1103515245u + 12345u;
	return (rnd_state >> 8) % n;
}

/* Code points that stress the escapes and every UTF-8 length. */
static uint32_t rnd_code_point(void)
{
	static const uint32_t odd[] = { 0x01,   0x08,   0x09,   0x0A,  0x0C,
					0x0D,   0x1F,   '"',    '\\',  '/',
					0x7F,   0x80,   0xFF,   0x7FF, 0x800,
					0xD7FF, 0xE000, 0xFFFD, 0xFFFF, 0x10000,
					0x1F600, 0x10FFFF };

	switch (rnd(4)) {
	case 0:
		return odd[rnd(sizeof odd / sizeof *odd)];
	case 1:
		return 0x1EA0 + rnd(0x5A); /* Vietnamese letters */
	default:
		return 0x20 + rnd(0x5F);
	}
}

static size_t utf8_of(uint32_t cp, char *w)
{
	if (cp < 0x80)
		return (size_t)(w[0] = (char)cp, 1);
	if (cp < 0x800) {
		w[0] = (char)(0xC0 | cp >> 6);
		w[1] = (char)(0x80 | (cp & 0x3F));
		return 2;
	}
	if (cp < 0x10000) {
		w[0] = (char)(0xE0 | cp >> 12);
		w[1] = (char)(0x80 | (cp >> 6 & 0x3F));
		w[2] = (char)(0x80 | (cp & 0x3F));
		return 3;
	}
	w[0] = (char)(0xF0 | cp >> 18);
	w[1] = (char)(0x80 | (cp >> 12 & 0x3F));
	w[2] = (char)(0x80 | (cp >> 6 & 0x3F));
	w[3] = (char)(0x80 | (cp & 0x3F));
	return 4;
}

static json_t *rnd_string(void)
{
	char s[16 * 4 + 1];
	size_t n = rnd(16), len = 0;

	for (size_t i = 0; i < n; i++)
		len += utf8_of(rnd_code_point(), s + len);
	return json_stringn(s, len);
}

/* A value; with others set, now and then one the fast parser leaves to
 * jansson. */
static json_t *rnd_value(int others)
{
	json_t *a;
	size_t n;

	switch (rnd(others ? 9 : 6)) {
	case 0:
		return json_null();
	case 1:
	case 2:
		a = json_array();
		for (n = rnd(5); n > 0; n--)
			json_array_append_new(a, rnd(6) ? rnd_string()
							 : json_null());
		if (others && !rnd(4))
			json_array_append_new(a, json_integer(rnd(100)));
		return a;
	case 6:
		return json_integer((json_int_t)rnd(100000) - 50000);
	case 7:
		return rnd(2) ? json_true() : json_real(0.25);
	case 8:
		return json_pack("{s:s,s:[s]}", "in", "ner", "l", "x");
	default:
		return rnd_string();
	}
}

static json_t *rnd_object(int others)
{
	static const char *const keys[] = {
		VNS_DATA_ID,	     VNS_DATA_TITLE,	  VNS_DATA_URL,
		VNS_DATA_DATE,	     VNS_DATA_SOURCE,	  VNS_DATA_PROVINCES,
		VNS_DATA_PRODUCTS,   VNS_DATA_PROGRAMMES, "",
		"k\"ey\\",	     "tỉnh",		  "\x01\n",
	};
	json_t *o = json_object();
	json_t *k;

	for (size_t n = rnd(14); n > 0; n--) {
		if (rnd(3)) {
			json_object_set_new(o, keys[rnd(sizeof keys /
							 sizeof *keys)],
					    rnd_value(others));
			continue;
		}
		k = rnd_string();
		json_object_set_new(o, json_string_value(k), rnd_value(others));
		json_decref(k);
	}
	return o;
}

/* Every field of j reads the same from d. */
static void assert_agrees(const vns_docdata *d, json_t *j)
{
	const char *k, *const *list;
	json_t *v, *x;
	size_t i, n, at;

	json_object_foreach(j, k, v) {
		if (json_is_string(v))
			assert_string_equal(vns_docdata_str(d, k),
					    json_string_value(v));
		else
			assert_null(vns_docdata_str(d, k));
		list = vns_docdata_list(d, k, &n);
		if (!json_is_array(v)) {
			assert_null(list);
			continue;
		}
		assert_non_null(list);
		at = 0;
		json_array_foreach(v, i, x)
			if (json_is_string(x)) {
				assert_true(at < n);
				assert_string_equal(list[at++],
						    json_string_value(x));
			}
		assert_int_equal(at, n);
	}
}

/* The JSON of o written with flags, a NUL and a text, decoded; compared
 * with what jansson reads from the same bytes. */
static void check_one(json_t *o, size_t flags)
{
	char *s = json_dumps(o, flags);
	size_t len = strlen(s);
	char *blob = malloc(len + 3);
	json_t *j;
	vns_docdata d;
	vns_err err;

	assert_non_null(blob);
	memcpy(blob, s, len + 1);
	memcpy(blob + len + 1, "tx", 2);
	vns_err_clear(&err);
	if (vns_docdata_decode(blob, len + 3, &d, &err))
		fail_msg("'%s': %s", s, vns_err_text(&err));
	j = json_loadb(s, len, 0, NULL);
	assert_non_null(j);
	assert_agrees(&d, j);
	assert_int_equal(d.text_len, 2);
	assert_string_equal(d.text, "tx");
	vns_docdata_clear(&d);
	json_decref(j);
	free(blob);
	free(s);
}

static void test_decode_agrees_with_jansson(void **state)
{
	static const size_t flags[] = { JSON_COMPACT,
					JSON_COMPACT | JSON_ENSURE_ASCII,
					JSON_INDENT(2) | JSON_SORT_KEYS };
	json_t *o;

	(void)state;
	for (int i = 0; i < 3000; i++) {
		o = rnd_object(i % 3 == 2);
		check_one(o, flags[i % 3 == 2 ? 0 : rnd(3)]);
		json_decref(o);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_fields_and_text_round_trip),
		cmocka_unit_test(test_every_escape_round_trips),
		cmocka_unit_test(test_unicode_escapes_become_utf8),
		cmocka_unit_test(test_nulls_and_empty_arrays),
		cmocka_unit_test(test_white_space_between_tokens_is_allowed),
		cmocka_unit_test(test_key_given_twice_keeps_the_last),
		cmocka_unit_test(test_other_values_decode_through_jansson),
		cmocka_unit_test(test_old_layout_with_text_in_json_decodes),
		cmocka_unit_test(test_damaged_data_is_reported_corrupt),
		cmocka_unit_test(test_damage_message_names_the_fault),
		cmocka_unit_test(test_decode_agrees_with_jansson),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
