/* test_hash.c - unit tests of FNV-1a (lib/hash.h) against the published
 * test vectors, and of hashing in pieces. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "hash.h"

/* From the FNV reference test suite (isthe.com/chongo/tech/comp/fnv). */
static const struct {
	const char *in;
	uint32_t h32;
	uint64_t h64;
} vectors[] = {
	{ "", UINT32_C(0x811c9dc5), UINT64_C(0xcbf29ce484222325) },
	{ "a", UINT32_C(0xe40c292c), UINT64_C(0xaf63dc4c8601ec8c) },
	{ "foobar", UINT32_C(0xbf9cf968), UINT64_C(0x85944171f73967e8) },
};

static void test_hashes_give_the_published_vectors(void **state)
{
	(void)state;
	for (size_t i = 0; i < sizeof vectors / sizeof *vectors; i++) {
		size_t n = strlen(vectors[i].in);

		assert_int_equal(vns_hash32(vectors[i].in, n), vectors[i].h32);
		assert_int_equal(vns_hash64(vectors[i].in, n), vectors[i].h64);
	}
}

static void test_empty_input_is_the_offset_basis(void **state)
{
	(void)state;
	assert_int_equal(vns_hash32(NULL, 0), VNS_FNV32_BASIS);
	assert_int_equal(vns_hash64(NULL, 0), VNS_FNV64_BASIS);
}

static void test_hashing_in_pieces_equals_hashing_at_once(void **state)
{
	uint64_t h64 = VNS_FNV64_BASIS;
	uint32_t h32 = vns_hash32_add(VNS_FNV32_BASIS, "foo", 3);

	(void)state;
	assert_int_equal(vns_hash32_add(h32, "bar", 3),
			 vns_hash32("foobar", 6));
	for (const char *c = "foobar"; *c; c++)
		h64 = vns_hash64_byte(h64, (unsigned char)*c);
	assert_int_equal(h64, vns_hash64("foobar", 6));
	assert_int_equal(vns_hash64_add(vns_hash64("foo", 3), "bar", 3), h64);
}

static void test_bytes_above_127_are_hashed_unsigned(void **state)
{
	/* "\xff" as an unsigned byte: (basis ^ 0xff) * prime */
	uint32_t want = (VNS_FNV32_BASIS ^ 0xffu) * VNS_FNV32_PRIME;

	(void)state;
	assert_int_equal(vns_hash32("\xff", 1), want);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_hashes_give_the_published_vectors),
		cmocka_unit_test(test_empty_input_is_the_offset_basis),
		cmocka_unit_test(test_hashing_in_pieces_equals_hashing_at_once),
		cmocka_unit_test(test_bytes_above_127_are_hashed_unsigned),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
