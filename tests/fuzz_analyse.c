/* fuzz_analyse.c - libFuzzer harness of the analyser (lib/analyse.c) and
 * the query parser (query/qparse.c): any bytes, as text and as a query. */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>

#include "analyse.h"
#include "qparse.h"

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
	vns_qtree tree = { 0 };

	if (vns_qparse((const char *)data, size, &tree, &err) == VNS_OK)
		vns_qtree_free(&tree);
	return 0;
}
