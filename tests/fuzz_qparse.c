/* fuzz_qparse.c - libFuzzer harness of the query language (lib/qparse.c):
 * any bytes as a query. A parse either fails with a status and a message,
 * or gives a tree whose every item is well formed. */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "qparse.h"
#include "utf8.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void check_item(const vns_qitem *it, size_t qlen)
{
	if (!it->text || !vns_utf8_valid(it->text, strlen(it->text), NULL))
		abort();
	if (strlen(it->text) > qlen)
		abort();
	if ((it->kind == VNS_QITEM_FIELD) != (it->field != NULL))
		abort();
	if (it->kind == VNS_QITEM_WORDS && !it->text[0])
		abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	vns_qtree tree = { 0 };
	vns_err err = { 0 };
	size_t i;

	if (vns_qparse((const char *)data, size, &tree, &err) != VNS_OK) {
		if (!err.msg[0])
			abort();
		return 0;
	}
	for (i = 0; i < tree.n; i++)
		check_item(&tree.items[i], size);
	vns_qtree_free(&tree);
	return 0;
}
