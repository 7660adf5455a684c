/* grow.c - checked sizes and growth of heap arrays (see grow.h). */
#include "grow.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

int vns_size_mul(size_t n, size_t elem, size_t *out)
{
	if (elem && n > SIZE_MAX / elem)
		return 1;
	*out = n * elem;
	return 0;
}

/* The pointer is read and written as bytes, so one function serves an
 * array of any element type without casting its address to void **. */
vns_status vns_resize(void *ptrp, size_t n, size_t elem)
{
	void *old, *fresh;
	size_t bytes;

	if (n == 0)
		return VNS_OK;
	if (vns_size_mul(n, elem, &bytes) || bytes > VNS_GROW_MAX_BYTES)
		return VNS_ETOOBIG;
	memcpy(&old, ptrp, sizeof old);
	fresh = realloc(old, bytes);
	if (!fresh)
		return VNS_ENOMEM;
	memcpy(ptrp, &fresh, sizeof fresh);
	return VNS_OK;
}

/* The capacity to grow cap to for need elements of elem bytes: doubled,
 * at least need and VNS_GROW_MIN; need itself when the doubled array
 * would be over VNS_GROW_MAX_BYTES. */
static size_t next_cap(size_t cap, size_t need, size_t elem)
{
	size_t n = cap > SIZE_MAX / 2 ? need : cap * 2, bytes;

	if (n < VNS_GROW_MIN)
		n = VNS_GROW_MIN;
	if (n < need)
		n = need;
	if (vns_size_mul(n, elem, &bytes) || bytes > VNS_GROW_MAX_BYTES)
		n = need;
	return n;
}

vns_status vns_grow(void *ptrp, size_t *cap, size_t need, size_t elem)
{
	size_t n;
	vns_status st;

	if (need <= *cap)
		return VNS_OK;
	n = next_cap(*cap, need, elem);
	st = vns_resize(ptrp, n, elem);
	if (!st)
		*cap = n;
	return st;
}
