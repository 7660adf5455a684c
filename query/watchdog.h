/* watchdog.h - a bound on how long one search may take. A damaged index
 * can make libxapian search forever (glass's binary search of a block
 * whose directory ends at an even offset never ends; see
 * doc/indexing.md): past the bound the program says so and exits with
 * status 1 instead of hanging. One per process; not for a library. */
#ifndef VNS_WATCHDOG_H
#define VNS_WATCHDOG_H

/* Seconds a search may take unless VNSEARCH_TIMEOUT says otherwise. */
#define VNS_WATCHDOG_SECONDS 60

/* Prepare the line written when time runs out: "PROG: 'DB': ..." (and,
 * when http is set, a "503 Service Unavailable" response on standard
 * output before it, for a CGI that has not answered yet). Reads
 * VNSEARCH_TIMEOUT (whole seconds; 0 turns the bound off). Returns 0, or
 * -1 with a message on standard error when VNSEARCH_TIMEOUT is bad. */
int vns_watchdog_init(const char *prog, const char *db, int http);

/* Start the clock for one search; stop it. */
void vns_watchdog_arm(void);
void vns_watchdog_disarm(void);

#endif
