/* apart.h - a piece of work run in a child process, for work that may
 * crash on bad data which only a third-party library reads: Xapian's
 * consistency check, which can read off the heap on a damaged termlist.
 * The child runs one function that writes its answer to a pipe and
 * leaves with _exit(); a crash of the child is an answer too. */
#ifndef VNS_APART_H
#define VNS_APART_H

#include "buf.h"
#include "status.h"

/* Run fn(ctx, fd) in a child process, with the default action for the
 * signals of a crash; fn writes its answer to fd. The parent reads all of
 * it into out (up to out's cap) and waits for the child: *signo gets the
 * signal that ended the child, or 0. VNS_EIO (err set) when no child
 * could be started. Call it when no other thread of the process is in
 * the middle of a fork-unsafe call (malloc is safe: glibc and jemalloc
 * hold their locks across fork). */
vns_status vns_apart_run(void (*fn)(void *ctx, int fd), void *ctx,
			 vns_buf *out, int *signo, vns_err *err);

/* Write n bytes of p to fd, retrying short writes; 0 on success. For fn. */
int vns_apart_write(int fd, const void *p, size_t n);

#endif
