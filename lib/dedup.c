/* dedup.c - content keys of bodies (see dedup.h). */
#include "dedup.h"

#include <stdint.h>
#include <stdio.h>

int vns_dedup_key(const char *body, size_t len,
		  char out[VNS_DEDUP_KEY_LEN + 1])
{
	uint64_t h = 1469598103934665603ULL;
	size_t kept = 0;

	for (size_t i = 0; i < len; i++) {
		unsigned char c = (unsigned char)body[i];

		if (c >= 'A' && c <= 'Z')
			c = (unsigned char)(c + 32);
		else if (!(c >= 'a' && c <= 'z') && !(c >= '0' && c <= '9') &&
			 c < 0x80)
			continue;
		h = (h ^ c) * 1099511628211ULL;
		kept++;
	}
	if (kept < VNS_DEDUP_MIN)
		return 0;
	snprintf(out, VNS_DEDUP_KEY_LEN + 1, "%016llx", (unsigned long long)h);
	return 1;
}
