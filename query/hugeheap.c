/* hugeheap.c - the heap of a one-search process on a huge page (see
 * hugeheap.h). */
#include "hugeheap.h"

#include <stdint.h>
#include <stdlib.h>

#if defined(__GLIBC__) && !defined(__SANITIZE_ADDRESS__)
#include <malloc.h>
#include <sys/mman.h>
#include <unistd.h>

/* glibc's chunk header before the pointer malloc returns, and its
 * default threshold above which a block gets a mapping of its own. */
#define CHUNK_HEADER (2 * sizeof(size_t))
#define MMAP_THRESHOLD_DEFAULT (128 * 1024)

/* The block below the page: kept, never touched. */
static void *below_page;

/* Where the next fresh allocation starts: the free space at the top of
 * the heap (mallinfo2's keepcost) ends at the break. NULL if unknown. */
static char *heap_top(void)
{
	struct mallinfo2 mi = mallinfo2();
	char *end = sbrk(0);

	if (end == (char *)-1 || (uintptr_t)end < mi.keepcost)
		return NULL;
	return end - mi.keepcost;
}

/* Make the top of the heap start at page, top < page: one block over the
 * lead and the page reaches past the page without touching it; its end
 * is given back to the top once madvise() has marked the page, so the
 * first write to the page comes after. 1 if done. */
static int move_top(char *top, char *page)
{
	size_t lead = (size_t)(page - top) - CHUNK_HEADER;
	void *p = malloc(lead + VNS_HUGEHEAP_PAGE + 4096);

	if (p != top + CHUNK_HEADER ||
	    madvise(page, VNS_HUGEHEAP_PAGE, MADV_HUGEPAGE)) {
		free(p);
		return 0;
	}
	below_page = realloc(p, lead); /* shrinks in place */
	return below_page == p;
}

int vns_hugeheap_start(void)
{
	char *top = NULL, *page;
	int moved = 0;

	/* the block takes its memory from the heap, and freed memory at its
	 * top stays there (a trim would cut the page) */
	if (mallopt(M_MMAP_THRESHOLD, 4 * (int)VNS_HUGEHEAP_PAGE) == 1 &&
	    mallopt(M_TRIM_THRESHOLD, 64 * (int)VNS_HUGEHEAP_PAGE) == 1)
		top = heap_top();
	if (top) {
		page = (char *)(((uintptr_t)top + 4 * CHUNK_HEADER +
				 VNS_HUGEHEAP_PAGE - 1) &
				~(uintptr_t)(VNS_HUGEHEAP_PAGE - 1));
		moved = move_top(top, page);
	}
	mallopt(M_MMAP_THRESHOLD, MMAP_THRESHOLD_DEFAULT);
	return moved;
}

#else

int vns_hugeheap_start(void)
{
	return 0;
}

#endif
