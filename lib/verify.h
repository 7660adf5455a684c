/* verify.h - a database is checked before a writer changes it, unless
 * its files are as vnsearch's last commit (or check) left them.
 *
 * Why: Xapian 1.4 checks only a block's level and where its directory
 * ends when it reads one, and trusts the sizes its items state. To make
 * room in a leaf for a new item during a commit (GlassTable::compact,
 * from add_leaf_item), it copies each item by its stated size: a block
 * whose items were overwritten makes it copy kilobytes across the heap
 * (a crash, a hang, or a damaged index written). Reading such a block
 * only reads too far or fails with DatabaseCorruptError. Xapian's
 * consistency check walks every block of every table and verifies that
 * each item lies within its block, so a database that passes it can be
 * written. The check runs in a child process (apart.h): on a damaged
 * termlist it can itself read off the heap, and its crash is a verdict.
 *
 * The check reads the whole database (seconds for 20,000 articles), so
 * its verdict is kept: a stamp file beside the tables records each file's
 * inode, size and modification and change times after a check that found
 * nothing and after each commit, and a writer that finds them all
 * unchanged skips the check. Anything else that writes a file (another
 * program, a copy, an editor) changes them. A disk that silently returns
 * other bytes than were written does not: vns_db_check() finds that. */
#ifndef VNS_VERIFY_H
#define VNS_VERIFY_H

#include "status.h"

/* The stamp's file name, in the database's folder. */
#define VNS_VERIFY_STAMP "vnsearch-checked"

/* 1 when path holds a database already (one that must be verified
 * before it is written), else 0. */
int vns_verify_needed(const char *path);

/* Call with path open for writing (its lock held) and before the first
 * change: VNS_OK when its files are as the stamp records them, or when
 * Xapian's check finds nothing wrong (the stamp is then written);
 * otherwise VNS_EDBCORRUPT with vns_verify_damaged()'s message, or the
 * check's own failure (VNS_EDBOPEN, VNS_ENOMEM). */
vns_status vns_verify_before_write(const char *path, vns_err *err);

/* Record path's files as they are now, after a commit; best effort (a
 * stamp that cannot be written only costs a check next time). */
void vns_verify_stamp(const char *path);

/* Turn err (VNS_EDBCORRUPT, its message saying what is wrong) into the
 * one line a user gets about the damaged database at path: "'PATH': the
 * index is damaged (WHAT); run vnsearch-index --check 'PATH' (or
 * xapian-check), then rebuild it or restore a copy". */
void vns_verify_damaged(vns_err *err, const char *path);

#endif
