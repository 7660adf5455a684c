/* test_apart.c - unit tests of lib/apart.c: work run in a child process,
 * its answer read back, its crash reported as the signal that ended it. */
#include <setjmp.h>
#include <signal.h>
#include <stdarg.h>
#include <stddef.h>
#include <string.h>

#include <cmocka.h>

#include "apart.h"

static void say_hello(void *ctx, int fd)
{
	(void)vns_apart_write(fd, ctx, strlen(ctx));
}

static void crash(void *ctx, int fd)
{
	(void)vns_apart_write(fd, ctx, strlen(ctx));
	raise(SIGSEGV);
}

static void test_the_child_answer_is_read_back(void **state)
{
	vns_buf out;
	int signo = -1;

	(void)state;
	vns_buf_init(&out, 0);
	assert_int_equal(vns_apart_run(say_hello, "xin chào", &out, &signo,
				       NULL), VNS_OK);
	assert_int_equal(signo, 0);
	assert_string_equal(out.data, "xin chào");
	vns_buf_free(&out);
}

static void test_a_crash_is_the_signal_that_ended_the_child(void **state)
{
	vns_buf out;
	int signo = 0;

	(void)state;
	vns_buf_init(&out, 0);
	assert_int_equal(vns_apart_run(crash, "half", &out, &signo, NULL),
			 VNS_OK);
	assert_int_equal(signo, SIGSEGV);
	assert_string_equal(out.data, "half");
	vns_buf_free(&out);
}

static void test_an_answer_past_the_cap_is_cut_not_blocked(void **state)
{
	static char big[200000];
	vns_buf out;
	int signo = -1;

	(void)state;
	memset(big, 'a', sizeof big - 1);
	vns_buf_init(&out, 1000);
	assert_int_equal(vns_apart_run(say_hello, big, &out, &signo, NULL),
			 VNS_OK);
	assert_int_equal(signo, 0);
	assert_true(out.len <= 1000);
	vns_buf_free(&out);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_the_child_answer_is_read_back),
		cmocka_unit_test(test_a_crash_is_the_signal_that_ended_the_child),
		cmocka_unit_test(test_an_answer_past_the_cap_is_cut_not_blocked),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
