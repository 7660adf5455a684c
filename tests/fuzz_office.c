/* fuzz_office.c - libFuzzer harness of the DOCX/ODT reader
 * (indexer/office.c): zip containers and the XML inside. */
#include <stddef.h>
#include <stdint.h>

#include "office.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	vns_doc doc = { 0 };
	vns_err err;

	vns_office_parse((const char *)data, size, &doc, &err);
	vns_doc_clear(&doc);
	return 0;
}
