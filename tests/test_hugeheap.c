/* test_hugeheap.c - unit tests for query/hugeheap: after the call, fresh
 * allocations start at a 2 MB boundary, the kernel backs that page with a
 * huge page where transparent huge pages are enabled, and the heap stays
 * whole under many allocations, frees and reallocations. Under a
 * sanitizer, whose malloc is its own, nothing is changed. The heap is
 * moved once, by the first test, for the whole program. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "hugeheap.h"

#if defined(__GLIBC__) && !defined(__SANITIZE_ADDRESS__)
#define MOVES 1
#else
#define MOVES 0
#endif

static uintptr_t offset_in_page(const void *p)
{
	return (uintptr_t)p & (VNS_HUGEHEAP_PAGE - 1);
}

static void test_fresh_allocations_start_at_a_page_boundary(void **state)
{
	char *p;

	(void)state;
	assert_int_equal(vns_hugeheap_start(), MOVES);
	/* larger than any free block the heap had: it comes from the top */
	p = malloc(200 * 1024);
	assert_non_null(p);
	if (MOVES)
		assert_true(offset_in_page(p) < 64);
	memset(p, 1, 200 * 1024);
	free(p);
}

/* 1 if the kernel's transparent huge pages are "always" or "madvise". */
static int thp_enabled(void)
{
	FILE *f = fopen("/sys/kernel/mm/transparent_hugepage/enabled", "r");
	char line[128] = "";

	if (!f)
		return 0;
	if (!fgets(line, sizeof line, f))
		line[0] = '\0';
	fclose(f);
	return strstr(line, "[always]") || strstr(line, "[madvise]");
}

/* The AnonHugePages of the mapping holding p, in KB; -1 if not found. */
static long huge_kb_at(const void *p)
{
	FILE *f = fopen("/proc/self/smaps", "r");
	char line[512];
	int in = 0;
	long kb = -1;
	uintptr_t lo, hi;

	assert_non_null(f);
	while (kb < 0 && fgets(line, sizeof line, f)) {
		if (sscanf(line, "%lx-%lx ", &lo, &hi) == 2)
			in = (uintptr_t)p >= lo && (uintptr_t)p < hi;
		else if (in && !strncmp(line, "AnonHugePages:", 14))
			kb = strtol(line + 14, NULL, 10);
	}
	fclose(f);
	return kb;
}

static void test_the_page_is_a_huge_page(void **state)
{
	char *p = malloc(100 * 1024);

	(void)state;
	assert_non_null(p);
	p[0] = 1;
	if (MOVES && thp_enabled())
		assert_int_equal(huge_kb_at(p), (long)(VNS_HUGEHEAP_PAGE >> 10));
	free(p);
}

#define BLOCKS 5000

static void test_the_heap_stays_whole(void **state)
{
	static char *block[BLOCKS];
	static size_t size[BLOCKS];
	unsigned seed = 7;

	(void)state;
	for (int round = 0; round < 4; round++) {
		for (size_t i = 0; i < BLOCKS; i++) {
			seed = seed * 1103515245u + 12345u;
			size[i] = 1 + (seed >> 8) % (i % 50 ? 600 : 300000);
			if (round % 2) { /* odd rounds resize, even ones renew */
				block[i] = realloc(block[i], size[i]);
			} else {
				free(block[i]);
				block[i] = malloc(size[i]);
			}
			assert_non_null(block[i]);
			memset(block[i], (int)(i & 0xff), size[i]);
		}
		for (size_t i = 0; i < BLOCKS; i++)
			assert_int_equal((unsigned char)block[i][size[i] - 1],
					 i & 0xff);
	}
	for (size_t i = 0; i < BLOCKS; i++)
		free(block[i]);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_fresh_allocations_start_at_a_page_boundary),
		cmocka_unit_test(test_the_page_is_a_huge_page),
		cmocka_unit_test(test_the_heap_stays_whole),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
