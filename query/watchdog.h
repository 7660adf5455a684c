/* watchdog.h - a bound on how long one search may take. A damaged index
 * can make libxapian search forever (glass's binary search of a block
 * whose directory ends at an even offset never ends; see
 * doc/indexing.md): past the bound the program says so and exits with
 * status 1 instead of hanging. Likewise a read of a damaged block can
 * run off its buffer inside libxapian into unmapped memory: a SIGSEGV or
 * SIGBUS while a search is armed is reported as a failed search of a
 * possibly damaged index, status 1, instead of a death by signal. One
 * per process; not for a library. */
#ifndef VNS_WATCHDOG_H
#define VNS_WATCHDOG_H

/* Seconds a search may take unless VNSEARCH_TIMEOUT says otherwise. */
#define VNS_WATCHDOG_SECONDS 60

/* Prepare the lines written when time runs out or a search faults:
 * "PROG: 'DB': ..." (and, when http is set, a "503 Service Unavailable"
 * response on standard output before it, for a CGI that has not
 * answered yet). Reads
 * VNSEARCH_TIMEOUT (whole seconds; 0 turns the bound off). Returns 0, or
 * -1 with a message on standard error when VNSEARCH_TIMEOUT is bad. */
int vns_watchdog_init(const char *prog, const char *db, int http);

/* Start the clock and catch memory faults for one search; stop both
 * (the fault handlers in place before arming come back). */
void vns_watchdog_arm(void);
void vns_watchdog_disarm(void);

#endif
