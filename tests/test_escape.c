/* test_escape.c - table-driven tests of the output escapers (lib/escape.c). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "escape.h"

/* Small enough that a modest input meets the cap. */
#define SMALL_CAP 64

typedef vns_status (*escaper)(vns_buf *, const char *, size_t);

typedef struct {
	const char *in;
	size_t len; /* 0: strlen(in) */
	const char *want;
} esc_case;

#define N(t) (sizeof(t) / sizeof((t)[0]))
#define VI "Vải thiều Lục Ngạn – đường phèn ✓ 𝄞" /* 2-, 3- and 4-byte UTF-8 */

static void run_table(escaper fn, const esc_case *cases, size_t n)
{
	size_t i, len;
	vns_buf b;

	for (i = 0; i < n; i++) {
		vns_buf_init(&b, 0);
		len = cases[i].len ? cases[i].len : strlen(cases[i].in);
		if (fn(&b, cases[i].in, len) != VNS_OK)
			fail_msg("case %zu failed", i);
		if (strcmp(b.data, cases[i].want) != 0)
			fail_msg("case %zu: got '%s', want '%s'", i, b.data,
				 cases[i].want);
		assert_int_equal(b.len, strlen(cases[i].want));
		vns_buf_free(&b);
	}
}

/* Escaping appends, and an input that overflows the cap leaves b as it was;
 * for an escaper that expands '<', also when only the output overflows. */
static void check_appends_and_cap(escaper fn, int expands)
{
	char big[SMALL_CAP * 2];
	vns_buf b;

	vns_buf_init(&b, SMALL_CAP);
	assert_int_equal(vns_buf_adds(&b, "x="), VNS_OK);
	assert_int_equal(fn(&b, "ab", 2), VNS_OK);
	assert_string_equal(b.data, "x=ab");
	assert_int_equal(fn(&b, "", 0), VNS_OK);
	assert_int_equal(fn(&b, NULL, 0), VNS_OK);
	assert_string_equal(b.data, "x=ab");
	memset(big, 'a', sizeof big);
	assert_int_equal(fn(&b, big, sizeof big), VNS_ETOOBIG);
	assert_string_equal(b.data, "x=ab");
	/* cheap input, expensive output: the expansion meets the cap too */
	memset(big, '<', SMALL_CAP / 2);
	assert_int_equal(fn(&b, big, SMALL_CAP / 2),
			 expands ? VNS_ETOOBIG : VNS_OK);
	vns_buf_truncate(&b, 4);
	assert_string_equal(b.data, "x=ab");
	assert_int_equal(b.len, 4);
	vns_buf_free(&b);
}

static void test_html_text_escapes_table(void **state)
{
	static const esc_case cases[] = {
		{ "", 0, "" },
		{ "plain text 123", 0, "plain text 123" },
		{ "&", 0, "&amp;" },
		{ "<", 0, "&lt;" },
		{ ">", 0, "&gt;" },
		{ "\"", 0, "&quot;" },
		{ "'", 0, "&#39;" },
		{ "<a href=\"x\">T&C's</a>", 0,
		  "&lt;a href=&quot;x&quot;&gt;T&amp;C&#39;s&lt;/a&gt;" },
		{ "&amp;", 0, "&amp;amp;" },
		{ "a=b `c` \t\n", 0, "a=b `c` \t\n" },
		{ VI, 0, VI },
		{ "\xC3\xA0<\xC3\xA0", 0, "\xC3\xA0&lt;\xC3\xA0" },
		{ "a\xFF" "b", 0, "a\xEF\xBF\xBD" "b" },
		{ "\xC3", 0, "\xEF\xBF\xBD" },
		{ "\xED\xA0\x80", 0, "\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD" },
	};

	(void)state;
	run_table(vns_escape_html_text, cases, N(cases));
}

static void test_html_text_keeps_nul_when_counted(void **state)
{
	vns_buf b;

	(void)state;
	vns_buf_init(&b, 0);
	assert_int_equal(vns_escape_html_text(&b, "a\0<", 3), VNS_OK);
	assert_int_equal(b.len, 6);
	assert_memory_equal(b.data, "a\0&lt;", 6);
	vns_buf_free(&b);
}

static void test_html_attr_escapes_table(void **state)
{
	static const esc_case cases[] = {
		{ "", 0, "" },
		{ "plain-text_1.2~", 0, "plain-text_1.2~" },
		{ "&", 0, "&amp;" },
		{ "<", 0, "&lt;" },
		{ ">", 0, "&gt;" },
		{ "\"", 0, "&quot;" },
		{ "'", 0, "&#39;" },
		{ "`", 0, "&#96;" },
		{ "=", 0, "&#61;" },
		{ "\t", 0, "&#9;" },
		{ "\n", 0, "&#10;" },
		{ "\r", 0, "&#13;" },
		{ "\x01", 0, "&#1;" },
		{ "\x1F", 0, "&#31;" },
		{ "\x7F", 0, "&#127;" },
		{ "\0", 1, "&#0;" },
		{ " /?#:;", 0, " /?#:;" },
		{ "\" onmouseover=alert(1) x='", 0,
		  "&quot; onmouseover&#61;alert(1) x&#61;&#39;" },
		{ VI, 0, VI },
		{ "\xC0\xAF", 0, "\xEF\xBF\xBD\xEF\xBF\xBD" },
	};

	(void)state;
	run_table(vns_escape_html_attr, cases, N(cases));
}

static void test_html_attr_covers_every_control_char(void **state)
{
	char in[2], want[8];
	unsigned c;
	vns_buf b;

	(void)state;
	for (c = 0; c < 0x20; c++) {
		in[0] = (char)c;
		snprintf(want, sizeof want, "&#%u;", c);
		vns_buf_init(&b, 0);
		assert_int_equal(vns_escape_html_attr(&b, in, 1), VNS_OK);
		assert_string_equal(b.data, want);
		vns_buf_free(&b);
	}
}

static void test_xml_escapes_table(void **state)
{
	static const esc_case cases[] = {
		{ "", 0, "" },
		{ "plain text 123", 0, "plain text 123" },
		{ "&", 0, "&amp;" },
		{ "<", 0, "&lt;" },
		{ ">", 0, "&gt;" },
		{ "\"", 0, "&quot;" },
		{ "'", 0, "&apos;" },
		{ "\t", 0, "&#9;" },
		{ "\n", 0, "&#10;" },
		{ "\r", 0, "&#13;" },
		{ "\x01", 0, "\xEF\xBF\xBD" },
		{ "\x1F", 0, "\xEF\xBF\xBD" },
		{ "\0", 1, "\xEF\xBF\xBD" },
		{ "\x7F", 0, "\x7F" },
		{ "\xEF\xBF\xBE\xEF\xBF\xBF", 0,
		  "\xEF\xBF\xBD\xEF\xBF\xBD" },
		{ "]]>", 0, "]]&gt;" },
		{ "<title>T&C's \"x\"</title>", 0,
		  "&lt;title&gt;T&amp;C&apos;s &quot;x&quot;&lt;/title&gt;" },
		{ "&amp;", 0, "&amp;amp;" },
		{ VI, 0, VI },
		{ "a\xFF" "b", 0, "a\xEF\xBF\xBD" "b" },
	};

	(void)state;
	run_table(vns_escape_xml, cases, N(cases));
}

static void test_xml_covers_every_control_char(void **state)
{
	char in[1];
	unsigned c;
	vns_buf b;

	(void)state;
	for (c = 0; c < 0x20; c++) {
		in[0] = (char)c;
		vns_buf_init(&b, 0);
		assert_int_equal(vns_escape_xml(&b, in, 1), VNS_OK);
		if (c == '\t' || c == '\n' || c == '\r')
			assert_true(b.data[0] == '&');
		else
			assert_string_equal(b.data, "\xEF\xBF\xBD");
		vns_buf_free(&b);
	}
}

static void test_xml_appends_and_respects_cap(void **state)
{
	(void)state;
	check_appends_and_cap(vns_escape_xml, 1);
}

static void test_url_component_escapes_table(void **state)
{
	static const esc_case cases[] = {
		{ "", 0, "" },
		{ "AZaz09-._~", 0, "AZaz09-._~" },
		{ " ", 0, "%20" },
		{ "+", 0, "%2B" },
		{ "%", 0, "%25" },
		{ "&=?#/:;,@!$'()*[]", 0,
		  "%26%3D%3F%23%2F%3A%3B%2C%40%21%24%27%28%29%2A%5B%5D" },
		{ "\"<>\\^`{|}", 0, "%22%3C%3E%5C%5E%60%7B%7C%7D" },
		{ "\0\x1F\x7F", 3, "%00%1F%7F" },
		{ "bắc giang", 0, "b%E1%BA%AFc%20giang" },
		{ "Đ", 0, "%C4%90" },
		{ "𝄞", 0, "%F0%9D%84%9E" },
		{ "\xFF\x80", 0, "%FF%80" },
	};

	(void)state;
	run_table(vns_escape_url_component, cases, N(cases));
}

static void test_url_component_covers_every_byte(void **state)
{
	char in[1], want[4];
	unsigned c;
	vns_buf b;

	(void)state;
	for (c = 0; c < 256; c++) {
		in[0] = (char)c;
		if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') ||
		    (c >= '0' && c <= '9') || c == '-' || c == '.' ||
		    c == '_' || c == '~')
			snprintf(want, sizeof want, "%c", (int)c);
		else
			snprintf(want, sizeof want, "%%%02X", c);
		vns_buf_init(&b, 0);
		assert_int_equal(vns_escape_url_component(&b, in, 1), VNS_OK);
		assert_string_equal(b.data, want);
		vns_buf_free(&b);
	}
}

static void test_json_string_escapes_table(void **state)
{
	static const esc_case cases[] = {
		{ "", 0, "" },
		{ "plain 'text' / ok", 0, "plain 'text' / ok" },
		{ "\"", 0, "\\\"" },
		{ "\\", 0, "\\\\" },
		{ "\n", 0, "\\n" },
		{ "\r", 0, "\\r" },
		{ "\t", 0, "\\t" },
		{ "\b", 0, "\\b" },
		{ "\f", 0, "\\f" },
		{ "\0", 1, "\\u0000" },
		{ "\x01", 0, "\\u0001" },
		{ "\x0B", 0, "\\u000b" },
		{ "\x1F", 0, "\\u001f" },
		{ "\x7F", 0, "\\u007f" },
		{ "<", 0, "\\u003c" },
		{ ">", 0, "\\u003e" },
		{ "&", 0, "\\u0026" },
		{ "</script>", 0, "\\u003c/script\\u003e" },
		{ "\xE2\x80\xA8", 0, "\\u2028" },
		{ "\xE2\x80\xA9", 0, "\\u2029" },
		{ "\xE2\x80\xA7\xE2\x80\xAA", 0, "\xE2\x80\xA7\xE2\x80\xAA" },
		{ VI, 0, VI },
		{ "a\xFF", 0, "a\xEF\xBF\xBD" },
		{ "\xF0\x9D\x84", 0, "\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD" },
	};

	(void)state;
	run_table(vns_escape_json_string, cases, N(cases));
}

static void test_json_string_covers_every_control_char(void **state)
{
	static const char *const named[0x20] = {
		['\b'] = "\\b", ['\t'] = "\\t", ['\n'] = "\\n",
		['\f'] = "\\f", ['\r'] = "\\r",
	};
	char in[1], want[8];
	unsigned c;
	vns_buf b;

	(void)state;
	for (c = 0; c < 0x20; c++) {
		in[0] = (char)c;
		if (named[c])
			snprintf(want, sizeof want, "%s", named[c]);
		else
			snprintf(want, sizeof want, "\\u%04x", c);
		vns_buf_init(&b, 0);
		assert_int_equal(vns_escape_json_string(&b, in, 1), VNS_OK);
		assert_string_equal(b.data, want);
		vns_buf_free(&b);
	}
}

static void test_escapers_append_and_respect_the_cap(void **state)
{
	(void)state;
	check_appends_and_cap(vns_escape_html_text, 1);
	check_appends_and_cap(vns_escape_html_attr, 1);
	check_appends_and_cap(vns_escape_json_string, 1);
	check_appends_and_cap(vns_escape_url_component, 1);
}

static vns_status unescape_noerr(vns_buf *b, const char *s, size_t len)
{
	vns_err err;

	return vns_unescape_url_component(b, s, len, &err);
}

static void test_url_unescape_table(void **state)
{
	static const esc_case cases[] = {
		{ "", 0, "" },
		{ "abc-._~", 0, "abc-._~" },
		{ "a+b", 0, "a b" },
		{ "a%20b", 0, "a b" },
		{ "%2B", 0, "+" },
		{ "%2b%2F%3a", 0, "+/:" },
		{ "%25", 0, "%" },
		{ "%2525", 0, "%25" },
		{ "b%E1%BA%AFc+giang", 0, "bắc giang" },
		{ "%c4%90", 0, "Đ" },
		{ "bắc giang", 0, "bắc giang" },
		{ "%FF", 0, "\xFF" },
		{ "&=?", 0, "&=?" },
	};

	(void)state;
	run_table(unescape_noerr, cases, N(cases));
	check_appends_and_cap(unescape_noerr, 0);
}

static void test_url_unescape_keeps_nul(void **state)
{
	vns_buf b;

	(void)state;
	vns_buf_init(&b, 0);
	assert_int_equal(vns_unescape_url_component(&b, "a%00b", 5, NULL),
			 VNS_OK);
	assert_int_equal(b.len, 3);
	assert_memory_equal(b.data, "a\0b", 3);
	vns_buf_free(&b);
}

static void test_url_unescape_rejects_bad_escapes(void **state)
{
	static const struct {
		const char *in;
		const char *msg;
	} cases[] = {
		{ "%", "invalid percent-escape at offset 0" },
		{ "abc%", "invalid percent-escape at offset 3" },
		{ "abc%4", "invalid percent-escape at offset 3" },
		{ "%zz", "invalid percent-escape at offset 0" },
		{ "%4g", "invalid percent-escape at offset 0" },
		{ "%g4", "invalid percent-escape at offset 0" },
		{ "a%20%%20", "invalid percent-escape at offset 4" },
		{ "ok+%-1", "invalid percent-escape at offset 3" },
		{ "%\xC3\xA0", "invalid percent-escape at offset 0" },
	};
	size_t i;
	vns_buf b;
	vns_err err;

	(void)state;
	for (i = 0; i < N(cases); i++) {
		vns_buf_init(&b, 0);
		assert_int_equal(vns_buf_adds(&b, "keep"), VNS_OK);
		vns_err_clear(&err);
		assert_int_equal(vns_unescape_url_component(&b, cases[i].in,
			strlen(cases[i].in), &err), VNS_EINVAL);
		assert_int_equal(err.code, VNS_EINVAL);
		assert_string_equal(err.msg, cases[i].msg);
		assert_string_equal(b.data, "keep");
		vns_buf_free(&b);
	}
}

static void test_url_unescape_reports_the_cap(void **state)
{
	char big[SMALL_CAP * 2];
	vns_buf b;
	vns_err err;

	(void)state;
	memset(big, 'a', sizeof big);
	vns_buf_init(&b, SMALL_CAP);
	vns_err_clear(&err);
	assert_int_equal(vns_unescape_url_component(&b, big, sizeof big, &err),
			 VNS_ETOOBIG);
	assert_string_equal(err.msg, "decoded url component exceeds 64 bytes");
	assert_int_equal(b.len, 0);
	vns_buf_free(&b);
}

static void test_url_round_trip_is_identity(void **state)
{
	char in[256];
	unsigned c;
	vns_buf enc, dec;

	(void)state;
	for (c = 0; c < 256; c++)
		in[c] = (char)c;
	vns_buf_init(&enc, 0);
	vns_buf_init(&dec, 0);
	assert_int_equal(vns_escape_url_component(&enc, in, sizeof in), VNS_OK);
	assert_int_equal(vns_unescape_url_component(&dec, enc.data, enc.len,
						    NULL), VNS_OK);
	assert_int_equal(dec.len, sizeof in);
	assert_memory_equal(dec.data, in, sizeof in);
	vns_buf_free(&enc);
	vns_buf_free(&dec);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_html_text_escapes_table),
		cmocka_unit_test(test_html_text_keeps_nul_when_counted),
		cmocka_unit_test(test_html_attr_escapes_table),
		cmocka_unit_test(test_html_attr_covers_every_control_char),
		cmocka_unit_test(test_url_component_escapes_table),
		cmocka_unit_test(test_url_component_covers_every_byte),
		cmocka_unit_test(test_json_string_escapes_table),
		cmocka_unit_test(test_json_string_covers_every_control_char),
		cmocka_unit_test(test_escapers_append_and_respect_the_cap),
		cmocka_unit_test(test_xml_escapes_table),
		cmocka_unit_test(test_xml_covers_every_control_char),
		cmocka_unit_test(test_xml_appends_and_respects_cap),
		cmocka_unit_test(test_url_unescape_table),
		cmocka_unit_test(test_url_unescape_keeps_nul),
		cmocka_unit_test(test_url_unescape_rejects_bad_escapes),
		cmocka_unit_test(test_url_unescape_reports_the_cap),
		cmocka_unit_test(test_url_round_trip_is_identity),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
