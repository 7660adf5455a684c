/* grow.h - the one way to size a heap array: checked multiplication of a
 * count by an element size, an exact resize, and amortised growth (like
 * git's st_mult, REALLOC_ARRAY and ALLOC_GROW). A size that would not fit
 * in size_t is refused before the allocator is asked. */
#ifndef VNS_GROW_H
#define VNS_GROW_H

#include <stddef.h>
#include <stdint.h>

#include "status.h"

/* The largest array: no object may be larger than PTRDIFF_MAX bytes, or
 * subtracting pointers into it overflows (the allocator refuses them). */
#define VNS_GROW_MAX_BYTES ((size_t)PTRDIFF_MAX)

/* *out = n * elem. Returns 0, or 1 (with *out untouched) when the product
 * does not fit in a size_t. */
int vns_size_mul(size_t n, size_t elem, size_t *out);

/* Resize the array whose pointer is at ptrp (any object pointer type, NULL
 * for none) to exactly n elements of elem bytes. On success *ptrp may
 * move; the array stays the caller's, freed with free(). On failure *ptrp
 * is untouched and still valid: VNS_ETOOBIG when n * elem overflows or is
 * over VNS_GROW_MAX_BYTES (realloc is not called), VNS_ENOMEM when realloc
 * fails. n == 0 leaves
 * everything as it is and returns VNS_OK. */
vns_status vns_resize(void *ptrp, size_t n, size_t elem);

/* Make the array at ptrp, *cap elements allocated, hold at least need
 * elements of elem bytes: when need > *cap, resize it to the larger of
 * need, twice *cap and VNS_GROW_MIN, and set *cap. Errors as
 * vns_resize(), with *ptrp and *cap untouched. */
vns_status vns_grow(void *ptrp, size_t *cap, size_t need, size_t elem);

/* The fewest elements a growing array is given. */
#define VNS_GROW_MIN 16

/* vns_grow() on an array lvalue and its size_t capacity lvalue. */
#define VNS_GROW(array, cap, need) \
	vns_grow(&(array), &(cap), (need), sizeof *(array))

/* vns_resize() on an array lvalue. */
#define VNS_RESIZE(array, n) vns_resize(&(array), (n), sizeof *(array))

#endif
