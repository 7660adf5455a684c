/* bloom.c - the Bloom filter of bloom.h: PROBES bits per string, chosen by
 * double hashing (bit i = h1 + i * h2) from one 64-bit FNV-1a hash and a
 * remix of it. */
#include "bloom.h"

#include <stdint.h>
#include <stdlib.h>

#include "hash.h"

#define PROBES 6

struct vns_bloom {
	uint64_t mask; /* bits - 1 */
	unsigned char *bits;
};

vns_status vns_bloom_new(unsigned bits_log2, vns_bloom **out, vns_err *err)
{
	vns_bloom *b;

	*out = NULL;
	if (bits_log2 < 3 || bits_log2 > 40)
		return vns_err_set(err, VNS_EINVAL,
				   "bloom filter of 2^%u bits (3..40)",
				   bits_log2);
	b = malloc(sizeof *b);
	if (b)
		b->bits = calloc((size_t)1 << (bits_log2 - 3), 1);
	if (!b || !b->bits) {
		free(b);
		return vns_err_set(err, VNS_ENOMEM, "out of memory");
	}
	b->mask = ((uint64_t)1 << bits_log2) - 1;
	*out = b;
	return VNS_OK;
}

/* The second hash: splitmix64's finaliser of the first, made odd so that
 * the probes never repeat one bit. */
static uint64_t remix(uint64_t h)
{
	h = (h ^ (h >> 30)) * 0xbf58476d1ce4e5b9ULL;
	h = (h ^ (h >> 27)) * 0x94d049bb133111ebULL;
	return (h ^ (h >> 31)) | 1;
}

void vns_bloom_add(vns_bloom *b, const char *s, size_t len)
{
	uint64_t h1 = vns_hash64(s, len), h2 = remix(h1);

	for (unsigned i = 0; i < PROBES; i++) {
		uint64_t bit = (h1 + i * h2) & b->mask;
		b->bits[bit >> 3] |= (unsigned char)(1u << (bit & 7));
	}
}

int vns_bloom_maybe(const vns_bloom *b, const char *s, size_t len)
{
	uint64_t h1 = vns_hash64(s, len), h2 = remix(h1);

	for (unsigned i = 0; i < PROBES; i++) {
		uint64_t bit = (h1 + i * h2) & b->mask;
		if (!(b->bits[bit >> 3] & (1u << (bit & 7))))
			return 0;
	}
	return 1;
}

void vns_bloom_free(vns_bloom *b)
{
	if (!b)
		return;
	free(b->bits);
	free(b);
}
