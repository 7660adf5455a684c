/* fuzz_readers.h - a sink that drops everything, for the reader fuzzers. */
#ifndef VNS_FUZZ_READERS_H
#define VNS_FUZZ_READERS_H

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

#endif
