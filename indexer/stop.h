/* stop.h - SIGINT and SIGTERM while indexing: the handler only records
 * which signal came; the run looks at it between documents, stops there,
 * and says what it kept (doc/indexing.md "Stopping a run"). */
#ifndef VNS_STOP_H
#define VNS_STOP_H

/* Catch SIGINT and SIGTERM from now on (system calls are restarted, so a
 * read in progress finishes). */
void vns_stop_install(void);

/* The signal that asked the run to stop (SIGINT or SIGTERM), or 0. */
int vns_stop_signal(void);

/* 1 once a stop was asked for: the hook the runs check between
 * documents. */
int vns_stop_asked(void);

#endif
