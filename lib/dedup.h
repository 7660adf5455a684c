/* dedup.h - the content key: the same article republished by several
 * sites has the same key, so that a search shows it once (Xapian's
 * collapse on VNS_SLOT_CONTENT) with the other copies listed beside it. */
#ifndef VNS_DEDUP_H
#define VNS_DEDUP_H

#include <stddef.h>

/* Bodies shorter than this (letters and digits, in bytes) get no key:
 * short notices are often alike without being one article. */
#define VNS_DEDUP_MIN 200

#define VNS_DEDUP_KEY_LEN 16

/* The key of a body (len bytes): a 64-bit FNV-1a hash (hash.h, from
 * dedup.c's own offset basis, which stored keys fix), in hex, of its
 * letters and digits only (ASCII lower-cased; spaces, punctuation and
 * markup-free layout ignored). Returns 1 with out filled, 0 when the
 * body is too short to have one. */
int vns_dedup_key(const char *body, size_t len,
		  char out[VNS_DEDUP_KEY_LEN + 1]);

#endif
