/* test_watchdog.c - unit tests of query/watchdog.c: while a search is
 * armed, running out of time or a memory fault ends the process with
 * status 1 and one line; disarmed, a fault is a fault again. Each case
 * runs in a child process, as the watchdog ends the process it guards. */
#define _POSIX_C_SOURCE 200809L
#include <setjmp.h>
#include <signal.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cmocka.h>

#include "watchdog.h"

struct outcome {
	int status;     /* as waitpid gives it */
	char err[2048]; /* what the child wrote on standard error */
	char out[2048]; /* on standard output */
};

static void read_all(int fd, char *buf, size_t cap)
{
	size_t n = 0;
	ssize_t r;

	while (n + 1 < cap && (r = read(fd, buf + n, cap - 1 - n)) > 0)
		n += (size_t)r;
	buf[n] = '\0';
}

/* Run fn in a child with the watchdog set up for "db" (http as given),
 * VNSEARCH_TIMEOUT set to timeout there unless it is NULL. */
static void run_child(void (*fn)(void), int http, const char *timeout,
		      struct outcome *o)
{
	int err[2], out[2];
	pid_t pid;

	assert_int_equal(pipe(err), 0);
	assert_int_equal(pipe(out), 0);
	pid = fork();
	assert_true(pid >= 0);
	if (pid == 0) {
		dup2(err[1], STDERR_FILENO);
		dup2(out[1], STDOUT_FILENO);
		close(err[0]);
		close(out[0]);
		signal(SIGSEGV, SIG_DFL); /* not cmocka's catcher */
		signal(SIGBUS, SIG_DFL);
		if (timeout)
			setenv("VNSEARCH_TIMEOUT", timeout, 1);
		if (vns_watchdog_init("prog", "db", http))
			_exit(3);
		fn();
		_exit(0);
	}
	close(err[1]);
	close(out[1]);
	read_all(err[0], o->err, sizeof o->err);
	read_all(out[0], o->out, sizeof o->out);
	close(err[0]);
	close(out[0]);
	assert_int_equal(waitpid(pid, &o->status, 0), pid);
}

static void assert_exit(const struct outcome *o, int status)
{
	assert_true(WIFEXITED(o->status));
	assert_int_equal(WEXITSTATUS(o->status), status);
}

static void fault_while_armed(void)
{
	vns_watchdog_arm();
	raise(SIGSEGV);
	vns_watchdog_disarm();
}

static void bus_error_while_armed(void)
{
	vns_watchdog_arm();
	raise(SIGBUS);
	vns_watchdog_disarm();
}

static void fault_after_disarm(void)
{
	vns_watchdog_arm();
	vns_watchdog_disarm();
	raise(SIGSEGV);
}

static void search_forever(void)
{
	vns_watchdog_arm();
	for (;;)
		pause();
}

static void quick_search(void)
{
	vns_watchdog_arm();
	vns_watchdog_disarm();
	sleep(2); /* past the 1 s bound: the clock was stopped */
}

static void test_a_fault_in_a_search_is_status_1_and_one_line(void **state)
{
	struct outcome o;

	(void)state;
	run_child(fault_while_armed, 0, NULL, &o);
	assert_exit(&o, 1);
	assert_string_equal(o.err, "prog: 'db': the search stopped on a memory "
			    "fault reading the index; the index may be "
			    "damaged: run vnsearch-index --check 'db'\n");
	assert_string_equal(o.out, "");
}

static void test_a_bus_error_in_a_search_is_status_1(void **state)
{
	struct outcome o;

	(void)state;
	run_child(bus_error_while_armed, 0, NULL, &o);
	assert_exit(&o, 1);
	assert_non_null(strstr(o.err, "memory fault"));
}

static void test_the_cgi_answers_503_on_a_fault(void **state)
{
	struct outcome o;

	(void)state;
	run_child(fault_while_armed, 1, NULL, &o);
	assert_exit(&o, 1);
	assert_true(strncmp(o.out, "Status: 503 Service Unavailable\r\n",
			    33) == 0);
	assert_non_null(strstr(o.out, "failed reading the index"));
	assert_non_null(strstr(o.err, "memory fault"));
}

static void test_disarmed_a_fault_is_a_signal_again(void **state)
{
	struct outcome o;

	(void)state;
	run_child(fault_after_disarm, 0, NULL, &o);
	assert_true(WIFSIGNALED(o.status));
	assert_int_equal(WTERMSIG(o.status), SIGSEGV);
	assert_string_equal(o.err, "");
}

static void test_past_the_bound_is_status_1_and_one_line(void **state)
{
	struct outcome o;

	(void)state;
	run_child(search_forever, 0, "1", &o);
	assert_exit(&o, 1);
	assert_string_equal(o.err, "prog: 'db': the search did not finish in "
			    "1 s; the index may be damaged: run "
			    "vnsearch-index --check 'db'\n");
}

static void test_a_disarmed_clock_does_not_end_the_process(void **state)
{
	struct outcome o;

	(void)state;
	run_child(quick_search, 0, "1", &o);
	assert_exit(&o, 0);
	assert_string_equal(o.err, "");
}

static void test_a_bad_bound_is_refused(void **state)
{
	struct outcome o;

	(void)state;
	run_child(quick_search, 0, "soon", &o);
	assert_exit(&o, 3);
	assert_non_null(strstr(o.err, "VNSEARCH_TIMEOUT='soon'"));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_a_fault_in_a_search_is_status_1_and_one_line),
		cmocka_unit_test(test_a_bus_error_in_a_search_is_status_1),
		cmocka_unit_test(test_the_cgi_answers_503_on_a_fault),
		cmocka_unit_test(test_disarmed_a_fault_is_a_signal_again),
		cmocka_unit_test(test_past_the_bound_is_status_1_and_one_line),
		cmocka_unit_test(test_a_disarmed_clock_does_not_end_the_process),
		cmocka_unit_test(test_a_bad_bound_is_refused),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
