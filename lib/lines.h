/* lines.h - reads a file line by line, transparently gunzipping, with a cap
 * on line length so that a hostile file meets a limit, not the heap's end. */
#ifndef VNS_LINES_H
#define VNS_LINES_H

#include <stddef.h>

#include "status.h"

typedef struct vns_lines vns_lines;

/* Open path ("-" = standard input); plain or gzip. max_line caps a line
 * (bytes). *out: caller frees with vns_lines_free(). */
vns_status vns_lines_open(const char *path, size_t max_line, vns_lines **out,
			  vns_err *err);

/* Next line, without its "\n" (and "\r"): VNS_ROW-like 1 with *line valid
 * until the next call, 0 at the end, or a negative status:
 *   -VNS_ETOOBIG  this line was longer than max_line; it has been skipped
 *                 and reading may go on;
 *   -VNS_EIO      read error or truncated gzip data: reading must stop.
 * err has the detail in both cases. */
int vns_lines_next(vns_lines *r, const char **line, size_t *len, vns_err *err);

/* Number of the line last returned (1-based). */
unsigned long vns_lines_lineno(const vns_lines *r);

/* Release r and close the file; accepts NULL. */
void vns_lines_free(vns_lines *r);

#endif
