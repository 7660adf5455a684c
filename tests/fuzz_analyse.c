/* fuzz_analyse.c - libFuzzer harness of the analyser (lib/analyse.c): any
 * bytes as text and as one word. (The query language has its own harness,
 * fuzz_qparse.c.) */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>

#include "analyse.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static int on_token(void *ctx, const vns_token *tok)
{
	size_t *n = ctx;

	*n += tok->len;
	if (tok->start > tok->end)
		abort();
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static vns_analyser *a;
	char exact[VNS_TERM_MAX + 1], folded[VNS_TERM_MAX + 1];
	size_t n = 0;
	vns_err err;

	if (!a && vns_analyser_new(&a, &err))
		return 0;
	vns_analyse(a, (const char *)data, size, on_token, &n, &err);
	vns_analyse_word(a, (const char *)data, size, exact, sizeof exact,
			 folded, sizeof folded, &err);
	return 0;
}
