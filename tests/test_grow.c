/* test_grow.c - unit tests of checked array sizing and growth
 * (lib/grow.c): doubling, exact resizes, overflow refused before the
 * allocator is asked, and zero. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "grow.h"

static void test_size_mul_multiplies_or_reports_overflow(void **state)
{
	size_t out = 7;

	(void)state;
	assert_int_equal(vns_size_mul(3, 4, &out), 0);
	assert_int_equal(out, 12);
	assert_int_equal(vns_size_mul(0, SIZE_MAX, &out), 0);
	assert_int_equal(out, 0);
	assert_int_equal(vns_size_mul(SIZE_MAX, 0, &out), 0);
	assert_int_equal(out, 0);
	assert_int_equal(vns_size_mul(SIZE_MAX / 2 + 1, 2, &out), 1);
	assert_int_equal(out, 0); /* untouched */
	assert_int_equal(vns_size_mul(SIZE_MAX, 1, &out), 0);
	assert_int_equal(out, SIZE_MAX);
}

static void test_growth_doubles_and_keeps_the_elements(void **state)
{
	int *a = NULL;
	size_t cap = 0;

	(void)state;
	for (size_t n = 0; n < 1000; n++) {
		assert_int_equal(VNS_GROW(a, cap, n + 1), VNS_OK);
		assert_true(cap >= n + 1);
		a[n] = (int)n;
	}
	for (size_t n = 0; n < 1000; n++)
		assert_int_equal(a[n], (int)n);
	assert_int_equal(cap, 1024); /* 16, 32, ... doubled, not exact */
	free(a);
}

static void test_first_growth_gives_at_least_the_minimum(void **state)
{
	double *a = NULL;
	size_t cap = 0;

	(void)state;
	assert_int_equal(VNS_GROW(a, cap, 1), VNS_OK);
	assert_int_equal(cap, VNS_GROW_MIN);
	assert_int_equal(VNS_GROW(a, cap, 100), VNS_OK);
	assert_int_equal(cap, 100); /* a jump past twice cap: need itself */
	free(a);
}

static void test_enough_room_allocates_nothing(void **state)
{
	char *a = malloc(4), *was = a;
	size_t cap = 4;

	(void)state;
	assert_int_equal(VNS_GROW(a, cap, 4), VNS_OK);
	assert_ptr_equal(a, was);
	assert_int_equal(cap, 4);
	free(a);
}

/* need * elem wraps to a small number: allocating that would "succeed"
 * and hand back an array too small, so the size is refused first and the
 * array stays as it was. */
static void test_overflowing_size_fails_and_leaves_the_array(void **state)
{
	uint64_t *a = malloc(4 * sizeof *a), *was = a;
	size_t cap = 4;

	(void)state;
	a[3] = 42;
	assert_int_equal(VNS_GROW(a, cap, SIZE_MAX / 8 + 2), VNS_ETOOBIG);
	assert_ptr_equal(a, was);
	assert_int_equal(cap, 4);
	assert_int_equal(VNS_RESIZE(a, SIZE_MAX / 4), VNS_ETOOBIG);
	assert_ptr_equal(a, was);
	assert_int_equal(a[3], 42);
	free(a);
}

/* Sizes that fit in size_t but no object may have: refused as well, and
 * doubling a huge capacity does not wrap around to a small one. */
static void test_size_over_ptrdiff_max_is_refused(void **state)
{
	char *a = NULL;
	size_t cap = SIZE_MAX / 2 + 1;

	(void)state;
	assert_int_equal(VNS_GROW(a, cap, SIZE_MAX / 2 + 2), VNS_ETOOBIG);
	assert_null(a);
	assert_int_equal(cap, SIZE_MAX / 2 + 1);
	cap = 0;
	assert_int_equal(VNS_GROW(a, cap, VNS_GROW_MAX_BYTES + 1), VNS_ETOOBIG);
	assert_int_equal(VNS_RESIZE(a, VNS_GROW_MAX_BYTES + 1), VNS_ETOOBIG);
	assert_null(a);
	assert_int_equal(cap, 0);
}

static void test_zero_elements_changes_nothing(void **state)
{
	int *a = NULL;
	size_t cap = 0;

	(void)state;
	assert_int_equal(VNS_GROW(a, cap, 0), VNS_OK);
	assert_null(a);
	assert_int_equal(cap, 0);
	assert_int_equal(VNS_RESIZE(a, 0), VNS_OK);
	assert_null(a);
}

static void test_resize_is_exact_and_keeps_the_elements(void **state)
{
	short *a = NULL;

	(void)state;
	for (size_t n = 1; n <= 5; n++) {
		assert_int_equal(VNS_RESIZE(a, n), VNS_OK);
		a[n - 1] = (short)n;
	}
	for (size_t n = 1; n <= 5; n++)
		assert_int_equal(a[n - 1], (short)n);
	free(a);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_size_mul_multiplies_or_reports_overflow),
		cmocka_unit_test(test_growth_doubles_and_keeps_the_elements),
		cmocka_unit_test(test_first_growth_gives_at_least_the_minimum),
		cmocka_unit_test(test_enough_room_allocates_nothing),
		cmocka_unit_test(test_overflowing_size_fails_and_leaves_the_array),
		cmocka_unit_test(test_size_over_ptrdiff_max_is_refused),
		cmocka_unit_test(test_zero_elements_changes_nothing),
		cmocka_unit_test(test_resize_is_exact_and_keeps_the_elements),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
