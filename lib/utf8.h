/* utf8.h - strict UTF-8 decoding, the one copy every module uses: no
 * overlong forms, no surrogates, nothing past U+10FFFF, no truncation. */
#ifndef VNS_UTF8_H
#define VNS_UTF8_H

#include <stddef.h>
#include <stdint.h>

/* Length (1-4) of the valid UTF-8 sequence at the start of s (n > 0 bytes
 * available) with its code point in *cp (may be NULL); 0 if invalid. */
size_t vns_utf8_decode(const char *s, size_t n, uint32_t *cp);

/* Code point cp (a Unicode scalar value: at most U+10FFFF, not a
 * surrogate) as UTF-8 into out; its length (1-4). */
size_t vns_utf8_encode(uint32_t cp, char out[4]);

/* 1 if len bytes of s are valid UTF-8; else 0 and the offset of the first
 * bad byte in *bad_offset (may be NULL). */
int vns_utf8_valid(const char *s, size_t len, size_t *bad_offset);

#endif
