/* utf8.c - strict UTF-8 decoding (see utf8.h). */
#include "utf8.h"

size_t vns_utf8_decode(const char *s, size_t n, uint32_t *cp)
{
	const unsigned char *u = (const unsigned char *)s;
	unsigned char c = u[0];
	size_t need, k;
	uint32_t v, min;

	if (c < 0x80) {
		v = c;
		need = 0;
		goto done;
	}
	if (c >= 0xC2 && c <= 0xDF)
		need = 1, v = c & 0x1F, min = 0x80;
	else if (c >= 0xE0 && c <= 0xEF)
		need = 2, v = c & 0x0F, min = 0x800;
	else if (c >= 0xF0 && c <= 0xF4)
		need = 3, v = c & 0x07, min = 0x10000;
	else
		return 0;
	if (n <= need)
		return 0;
	for (k = 1; k <= need; k++) {
		if ((u[k] & 0xC0) != 0x80)
			return 0;
		v = v << 6 | (u[k] & 0x3F);
	}
	if (v < min || v > 0x10FFFF || (v >= 0xD800 && v <= 0xDFFF))
		return 0;
done:
	if (cp)
		*cp = v;
	return need + 1;
}

int vns_utf8_valid(const char *s, size_t len, size_t *bad_offset)
{
	size_t i = 0, n;

	while (i < len) {
		n = vns_utf8_decode(s + i, len - i, NULL);
		if (!n) {
			if (bad_offset)
				*bad_offset = i;
			return 0;
		}
		i += n;
	}
	return 1;
}
