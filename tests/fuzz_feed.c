/* fuzz_feed.c - libFuzzer harness of the RSS/Atom reader (indexer/feed.c). */
#include <stddef.h>
#include <stdint.h>

#include "feed.h"
#include "fuzz_readers.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	vns_err err;

	vns_feed_parse((const char *)data, size, "fuzz.rss", &fz_sink, &err);
	return 0;
}
