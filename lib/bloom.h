/* bloom.h - a Bloom filter of strings in a fixed number of bits: says
 * "certainly never added" or "maybe added", in the same memory however
 * many strings are added (the false "maybe"s grow with their number). */
#ifndef VNS_BLOOM_H
#define VNS_BLOOM_H

#include <stddef.h>

#include "status.h"

typedef struct vns_bloom vns_bloom;

/* A filter of 2^bits_log2 bits (3..40), empty. *out: caller frees with
 * vns_bloom_free(). */
vns_status vns_bloom_new(unsigned bits_log2, vns_bloom **out, vns_err *err);

/* Add the len bytes at s. */
void vns_bloom_add(vns_bloom *b, const char *s, size_t len);

/* 0 if s (len bytes) was certainly never added, 1 if it may have been. */
int vns_bloom_maybe(const vns_bloom *b, const char *s, size_t len);

/* Release b; accepts NULL. */
void vns_bloom_free(vns_bloom *b);

#endif
