/* fuzz_html.c - libFuzzer harness of the HTML reader (indexer/html.c). */
#include <stddef.h>
#include <stdint.h>

#include "html.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	vns_doc doc = { 0 };
	vns_buf b;
	vns_err err;

	vns_html_parse((const char *)data, size, size % 2 ? "UTF-8" : NULL,
		       &doc, &err);
	vns_doc_clear(&doc);
	vns_buf_init(&b, 1 << 20);
	vns_html_fragment_text((const char *)data, size, &b, &err);
	vns_buf_free(&b);
	return 0;
}
