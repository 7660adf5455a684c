/* fuzz_text.c - libFuzzer harness of the text readers: a .txt bulletin
 * (legacy-encoding detection, link tails), a JSON Lines record, and a PDF
 * (the %PDF- check, then pdftotext in its bounded child process, for one
 * input in 64 since a process per input is slow). */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <unistd.h>

#include "doc.h"
#include "fuzz_readers.h"
#include "pdf.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void through_file(const uint8_t *data, size_t size, const char *sfx,
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

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	vns_doc doc = { 0 };
	vns_err err;

	vns_doc_from_json((const char *)data, size, &doc, &err);
	vns_doc_clear(&doc);
	through_file(data, size, ".txt", vns_read_text);
	if (size > 5 && data[0] == '%' && data[size - 1] % 64 == 0)
		through_file(data, size, ".pdf", vns_read_pdf);
	return 0;
}
