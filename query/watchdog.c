/* watchdog.c - see watchdog.h. The message is built before the clock
 * starts; the handler only writes it and exits (async-signal-safe). */
#define _POSIX_C_SOURCE 200809L
#include "watchdog.h"

#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static char line[1024], response[1200];
static size_t line_len, response_len;
static unsigned seconds = VNS_WATCHDOG_SECONDS;

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

static void on_alarm(int sig)
{
	(void)sig;
	write_all(STDOUT_FILENO, response, response_len);
	write_all(STDERR_FILENO, line, line_len);
	_exit(1);
}

int vns_watchdog_init(const char *prog, const char *db, int http)
{
	const char *env = getenv("VNSEARCH_TIMEOUT");
	struct sigaction sa;
	int n;

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
	n = snprintf(line, sizeof line,
		     "%s: '%s': the search did not finish in %u s; the index "
		     "may be damaged: run vnsearch-index --check '%s'\n",
		     prog, db ? db : "", seconds, db ? db : "");
	line_len = n < 0 ? 0 : (size_t)n < sizeof line ? (size_t)n
						       : sizeof line - 1;
	if (http) {
		n = snprintf(response, sizeof response,
			     "Status: 503 Service Unavailable\r\n"
			     "Content-Type: text/plain; charset=utf-8\r\n\r\n"
			     "The search did not finish in %u s.\n", seconds);
		response_len = n < 0 ? 0 : (size_t)n;
	}
	memset(&sa, 0, sizeof sa);
	sa.sa_handler = on_alarm;
	sigemptyset(&sa.sa_mask);
	return sigaction(SIGALRM, &sa, NULL);
}

void vns_watchdog_arm(void)
{
	alarm(seconds);
}

void vns_watchdog_disarm(void)
{
	alarm(0);
}
