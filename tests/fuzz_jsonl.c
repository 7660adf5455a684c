/* fuzz_jsonl.c - libFuzzer harness of the JSON Lines reader: the input as
 * one record (lib/doc.c) and as a whole .jsonl file, line splitting,
 * over-long and damaged lines included (indexer/readers.c). */
#include <stddef.h>
#include <stdint.h>

#include "doc.h"
#include "fuzz_readers.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	vns_doc doc = { 0 };
	vns_err err;

	vns_doc_from_json((const char *)data, size, &doc, &err);
	vns_doc_clear(&doc);
	fz_through_file(data, size, ".jsonl", vns_read_jsonl);
	return 0;
}
