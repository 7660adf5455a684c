/* watchdog.c - see watchdog.h. The message is built before the clock
 * starts; the handler only writes it and exits (async-signal-safe). */
#define _POSIX_C_SOURCE 200809L
#include "watchdog.h"

#include <errno.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* What is written when time runs out (ALARM) or a search faults
 * (FAULT). */
enum { ALARM, FAULT, NKINDS };

static char line[NKINDS][1024], response[NKINDS][1200];
static size_t line_len[NKINDS], response_len[NKINDS];
static unsigned seconds = VNS_WATCHDOG_SECONDS;
static const int fault_signals[] = { SIGSEGV, SIGBUS };
#define NFAULTS (sizeof fault_signals / sizeof *fault_signals)
static struct sigaction saved[NFAULTS]; /* fault handlers before arming */

static void write_all(int fd, const char *s, size_t n)
{
	while (n) {
		ssize_t w = write(fd, s, n);
		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0)
			return;
		s += w;
		n -= (size_t)w;
	}
}

static void on_signal(int sig)
{
	int k = sig == SIGALRM ? ALARM : FAULT;

	write_all(STDOUT_FILENO, response[k], response_len[k]);
	write_all(STDERR_FILENO, line[k], line_len[k]);
	_exit(1);
}

/* Make on_signal sig's handler; the one before goes to old if given. */
static int catch_signal(int sig, struct sigaction *old)
{
	struct sigaction sa;

	memset(&sa, 0, sizeof sa);
	sa.sa_handler = on_signal;
	sigemptyset(&sa.sa_mask);
	return sigaction(sig, &sa, old);
}

/* snprintf into buf, returning the length written (0 on an error). */
static size_t print_to(char *buf, size_t cap, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

static size_t print_to(char *buf, size_t cap, const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(buf, cap, fmt, ap);
	va_end(ap);
	return n < 0 ? 0 : (size_t)n < cap ? (size_t)n : cap - 1;
}

int vns_watchdog_init(const char *prog, const char *db, int http)
{
	const char *env = getenv("VNSEARCH_TIMEOUT");

	if (env && *env) {
		char *end;
		unsigned long v;
		errno = 0;
		v = strtoul(env, &end, 10);
		if (errno || *end || env[0] == '-' || v > 86400) {
			fprintf(stderr, "%s: VNSEARCH_TIMEOUT='%s': expected "
				"whole seconds from 0 to 86400\n", prog, env);
			return -1;
		}
		seconds = (unsigned)v;
	}
	if (!db)
		db = "";
	line_len[ALARM] = print_to(line[ALARM], sizeof line[ALARM],
				   "%s: '%s': the search did not finish in "
				   "%u s; the index may be damaged: run "
				   "vnsearch-index --check '%s'\n",
				   prog, db, seconds, db);
	line_len[FAULT] = print_to(line[FAULT], sizeof line[FAULT],
				   "%s: '%s': the search stopped on a memory "
				   "fault reading the index; the index may be "
				   "damaged: run vnsearch-index --check '%s'\n",
				   prog, db, db);
	if (http) {
		static const char head[] =
			"Status: 503 Service Unavailable\r\n"
			"Content-Type: text/plain; charset=utf-8\r\n\r\n";
		response_len[ALARM] = print_to(
			response[ALARM], sizeof response[ALARM],
			"%sThe search did not finish in %u s.\n", head,
			seconds);
		response_len[FAULT] = print_to(
			response[FAULT], sizeof response[FAULT],
			"%sThe search failed reading the index.\n", head);
	}
	return catch_signal(SIGALRM, NULL);
}

void vns_watchdog_arm(void)
{
	for (size_t i = 0; i < NFAULTS; i++)
		catch_signal(fault_signals[i], &saved[i]);
	alarm(seconds);
}

void vns_watchdog_disarm(void)
{
	alarm(0);
	for (size_t i = 0; i < NFAULTS; i++)
		sigaction(fault_signals[i], &saved[i], NULL);
}
