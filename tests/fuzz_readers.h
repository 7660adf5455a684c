/* fuzz_readers.h - for the reader fuzzers: a sink that drops everything,
 * and a way to hand the input to a reader of files. */
#ifndef VNS_FUZZ_READERS_H
#define VNS_FUZZ_READERS_H

#include <stdint.h>
#include <stdio.h>
#include <unistd.h>

#include "readers.h"

static vns_status fz_doc(void *ctx, const vns_doc *d, const char *path,
			 unsigned long line, vns_err *err)
{
	(void)ctx; (void)d; (void)path; (void)line; (void)err;
	return VNS_OK;
}

static void fz_bad(void *ctx, const char *path, unsigned long line,
		   const vns_err *why)
{
	(void)ctx; (void)path; (void)line; (void)why;
}

static const vns_sink fz_sink = { fz_doc, fz_bad, NULL, NULL };

/* Write data to a scratch file named with suffix sfx and read it with fn. */
static void fz_through_file(const uint8_t *data, size_t size, const char *sfx,
			    vns_reader_fn fn)
{
	char path[64];
	FILE *f;
	vns_err err;

	snprintf(path, sizeof path, "/tmp/vns-fuzz-%d%s", (int)getpid(), sfx);
	f = fopen(path, "wb");
	if (!f)
		return;
	fwrite(data, 1, size, f);
	fclose(f);
	fn(path, &fz_sink, &err);
	unlink(path);
}

#endif
