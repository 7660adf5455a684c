/* hugeheap.h - the heap of a process that searches once, on one huge
 * page. A search's own allocations (Xapian's cursors and block buffers,
 * the analyser, the results) are a few hundred KB of fresh heap, and on
 * a virtual machine every fresh 4 KB page is a fault that costs about
 * 11 us: some 130 faults, a tenth of a whole-process search. One 2 MB
 * transparent huge page costs one fault that clears it (about 0.4 ms
 * here), and fewer TLB misses after it: about 2 ms less per search
 * (README "Speed and scale").
 *
 * glibc's malloc grows its heap from the top with brk(); the module
 * moves the top to the next 2 MB boundary (the bytes below it are one
 * block that is never used, so never touched), asks the kernel for a
 * huge page there (madvise MADV_HUGEPAGE, honoured when transparent huge
 * pages are "always" or "madvise") and keeps malloc from trimming it.
 * Only for programs that exit after one search: the heap is never given
 * back. Where memory is fragmented, the kernel may compact it to find
 * the page (/sys/kernel/mm/transparent_hugepage/defrag), a cost that the
 * measurements above did not meet. */
#ifndef VNS_HUGEHEAP_H
#define VNS_HUGEHEAP_H

#include <stddef.h>

/* The size of the page the heap is put on. */
#define VNS_HUGEHEAP_PAGE ((size_t)2 << 20)

/* Put the next allocations of the heap on a huge page, before they are
 * made. Best effort: 1 if malloc's top now starts at the page (whether
 * the kernel backs it with a huge page is its choice), 0 if nothing was
 * changed (a sanitizer's malloc, a heap that is not one brk() area, a
 * kernel without madvise(MADV_HUGEPAGE)). Call it once, early. */
int vns_hugeheap_start(void);

#endif
