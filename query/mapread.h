/* mapread.h - index reads from memory in a process that searches many
 * times. Xapian 1.4 reads every 8 KB block of its tables with pread(), and
 * reads a block again for every cursor it opens (each term's posting list,
 * each position list, each document): a search makes 100 to 450 of those
 * system calls, a quarter of its time on this machine. A process that
 * searches many times (the FastCGI page, a batch, the benchmark) can map
 * each table file once and copy the blocks from memory instead. A process
 * that searches once is faster without: the page faults that fill a
 * fresh mapping cost more than the reads they replace.
 *
 * The module defines pread() and close() for the whole program, which are
 * the system calls until vns_mapread_enable() is called; then a file open
 * read-only whose name ends in ".glass" (a Xapian table) is mapped at its
 * first pread() and unmapped at close(). A file that grows
 * (a writer committed) is mapped again at its new size when a read goes
 * past the old one. Link it into the search programs only: the indexer's
 * writers have no use for it. */
#ifndef VNS_MAPREAD_H
#define VNS_MAPREAD_H

/* Serve Xapian's table reads from mappings from now on. A table file
 * that shrinks under a mapping (Xapian never shrinks one) would fault
 * with SIGBUS: the process then exits with status 1 and a message (a
 * fault elsewhere goes to the SIGBUS handler there was before). Calling
 * it again installs that handler again, if something replaced it. */
void vns_mapread_enable(void);

/* 1 if reads of fd are served from a mapping (after its first pread()),
 * else 0. */
int vns_mapread_is_mapped(int fd);

#endif
