/* dedup.c - content keys of bodies (see dedup.h). */
#include "dedup.h"

#include <stdint.h>
#include <stdio.h>

#include "hash.h"

/* The offset basis the keys have always started from: FNV-1a's 64-bit
 * basis with its last digit missing. The keys are stored in every index
 * (VNS_SLOT_CONTENT), so it stays: another basis would give every article
 * a new key and an old index would no longer collapse its copies with
 * new ones. */
#define DEDUP_BASIS UINT64_C(1469598103934665603)

int vns_dedup_key(const char *body, size_t len,
		  char out[VNS_DEDUP_KEY_LEN + 1])
{
	uint64_t h = DEDUP_BASIS;
	size_t kept = 0;

	for (size_t i = 0; i < len; i++) {
		unsigned char c = (unsigned char)body[i];

		if (c >= 'A' && c <= 'Z')
			c = (unsigned char)(c + 32);
		else if (!(c >= 'a' && c <= 'z') && !(c >= '0' && c <= '9') &&
			 c < 0x80)
			continue;
		h = vns_hash64_byte(h, c);
		kept++;
	}
	if (kept < VNS_DEDUP_MIN)
		return 0;
	snprintf(out, VNS_DEDUP_KEY_LEN + 1, "%016llx", (unsigned long long)h);
	return 1;
}
