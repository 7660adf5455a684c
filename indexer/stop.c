/* stop.c - recording SIGINT and SIGTERM (see stop.h). */
#include "stop.h"

#include <signal.h>
#include <string.h>

static volatile sig_atomic_t stop_signal;

static void on_signal(int sig)
{
	stop_signal = sig;
}

void vns_stop_install(void)
{
	struct sigaction sa;

	memset(&sa, 0, sizeof sa);
	sa.sa_handler = on_signal;
	sa.sa_flags = SA_RESTART;
	sigemptyset(&sa.sa_mask);
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);
}

int vns_stop_signal(void)
{
	return stop_signal;
}

int vns_stop_asked(void)
{
	return stop_signal != 0;
}
