/* hash.h - FNV-1a, the one non-cryptographic hash of bytes (32 and 64
 * bits), for hash tables, Bloom filters, writer choice and content keys.
 * Static inline: the loops are a few instructions, inlined where they
 * were written before. Pure functions, safe from any thread. */
#ifndef VNS_HASH_H
#define VNS_HASH_H

#include <stddef.h>
#include <stdint.h>

/* The published offset bases and primes (Fowler, Noll, Vo). */
#define VNS_FNV32_BASIS UINT32_C(2166136261)
#define VNS_FNV32_PRIME UINT32_C(16777619)
#define VNS_FNV64_BASIS UINT64_C(14695981039346656037)
#define VNS_FNV64_PRIME UINT64_C(1099511628211)

/* Continue a 32-bit FNV-1a hash h over the n bytes at p (n may be 0). */
static inline uint32_t vns_hash32_add(uint32_t h, const void *p, size_t n)
{
	const unsigned char *c = p;

	for (size_t i = 0; i < n; i++)
		h = (h ^ c[i]) * VNS_FNV32_PRIME;
	return h;
}

/* The 32-bit FNV-1a hash of the n bytes at p. */
static inline uint32_t vns_hash32(const void *p, size_t n)
{
	return vns_hash32_add(VNS_FNV32_BASIS, p, n);
}

/* Continue a 64-bit FNV-1a hash h with the one byte c. */
static inline uint64_t vns_hash64_byte(uint64_t h, unsigned char c)
{
	return (h ^ c) * VNS_FNV64_PRIME;
}

/* Continue a 64-bit FNV-1a hash h over the n bytes at p (n may be 0). */
static inline uint64_t vns_hash64_add(uint64_t h, const void *p, size_t n)
{
	const unsigned char *c = p;

	for (size_t i = 0; i < n; i++)
		h = vns_hash64_byte(h, c[i]);
	return h;
}

/* The 64-bit FNV-1a hash of the n bytes at p. */
static inline uint64_t vns_hash64(const void *p, size_t n)
{
	return vns_hash64_add(VNS_FNV64_BASIS, p, n);
}

#endif
