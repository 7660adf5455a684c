/* test_telex.c - unit tests for lib/telex: Telex and VNI keystrokes typed
 * with the input method off, decoded into the syllable they spell. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "telex.h"

/* Words decoded: typed -> the syllable. */
static const struct {
	const char *typed, *want;
} decoded[] = {
	{ "Bawcs", "Bắc" },      { "DDoongf", "Đồng" },   { "Thaps", "Tháp" },
	{ "Haf", "Hà" },         { "Nooij", "Nội" },      { "nuowsc", "nước" },
	{ "nuwowsc", "nước" },   { "Cuwowng", "Cương" },  { "mowsi", "mới" },
	{ "gif", "gì" },         { "giaf", "già" },       { "quas", "quá" },
	{ "nguowxng", "ngưỡng" }, { "khuyeens", "khuyến" }, { "tuongw", "tương" },
	{ "nhw", "như" },        { "hoaf", "hoà" },       { "thuyr", "thuỷ" },
	{ "ddaay", "đây" },      { "Ddaay", "Đây" },      { "bas", "bá" },
	{ "Ba81c", "Bắc" },      { "Bac81", "Bắc" },      { "d9o6ng2", "đồng" },
	{ "nu7o7c1", "nước" },   { "nuo7c1", "nước" },    { "Ha2", "Hà" },
	{ "kho3e", "khoẻ" },
	/* a word in the index as typed is kept by the caller (typing.h) */
	{ "bus", "bú" },
};

/* Words left alone: not keystrokes, not a syllable's shape, or nothing
 * to decode. */
static const char *const kept[] = {
	"Giang", "ISO9001", "2024", "covid19", "pass", "xa", "tra",
	"strong", "email", "a0", "Bacss", "tasf", "bacf", "d9", "", "Hà",
};

static void test_telex_and_vni_words_decode_to_their_syllable(void **state)
{
	char out[64];

	(void)state;
	for (size_t i = 0; i < sizeof decoded / sizeof *decoded; i++) {
		const char *t = decoded[i].typed;
		int ok = vns_telex_decode(t, strlen(t), out, sizeof out);
		if (!ok || strcmp(out, decoded[i].want) != 0)
			fail_msg("'%s': got %s, want '%s'", t,
				 ok ? out : "nothing", decoded[i].want);
	}
}

static void test_other_words_are_not_decoded(void **state)
{
	char out[64];

	(void)state;
	for (size_t i = 0; i < sizeof kept / sizeof *kept; i++) {
		const char *t = kept[i];
		if (vns_telex_decode(t, strlen(t), out, sizeof out))
			fail_msg("'%s' decoded to '%s'", t, out);
	}
}

static void test_decode_fails_when_the_output_does_not_fit(void **state)
{
	char out[3];

	(void)state;
	assert_int_equal(vns_telex_decode("Bawcs", 5, out, sizeof out), 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_telex_and_vni_words_decode_to_their_syllable),
		cmocka_unit_test(test_other_words_are_not_decoded),
		cmocka_unit_test(test_decode_fails_when_the_output_does_not_fit),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
