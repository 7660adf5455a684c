/* stub.h - Xapian stub files (the databases of one index, a line each):
 * the one reader of their lines, for the writer's year shards, the
 * search's check for remote shards and the consistency check. */
#ifndef VNS_STUB_H
#define VNS_STUB_H

#include "status.h"

/* Name of the stub file in a sharded index directory. */
#define VNS_STUB_NAME "XAPIANDB"

typedef enum { VNS_STUB_LOCAL, VNS_STUB_REMOTE } vns_stub_kind;

/* Call fn for each database line of the stub file at path (blank lines
 * and '#' comments skipped): its kind, the database as named (a local
 * one without its "auto " or "glass " word; a remote one as the whole
 * line) and the whole line. fn returning non-zero stops the reading.
 * VNS_EIO when the file cannot be read. */
vns_status vns_stub_each(const char *path,
			 int (*fn)(void *ctx, vns_stub_kind kind,
				   const char *name, const char *line),
			 void *ctx, vns_err *err);

#endif
