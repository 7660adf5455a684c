/* fuzz_text.c - libFuzzer harness of the text readers: a .txt bulletin
 * (legacy-encoding detection, link tails) and a PDF
 * (the %PDF- check, then pdftotext in its bounded child process, for one
 * input in 64 since a process per input is slow). */
#include <stddef.h>
#include <stdint.h>

#include "fuzz_readers.h"
#include "pdf.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	fz_through_file(data, size, ".txt", vns_read_text);
	if (size > 5 && data[0] == '%' && data[size - 1] % 64 == 0)
		fz_through_file(data, size, ".pdf", vns_read_pdf);
	return 0;
}
