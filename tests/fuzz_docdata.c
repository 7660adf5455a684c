/* fuzz_docdata.c - libFuzzer harness of the stored-data decoder, checked
 * against jansson: whatever the bytes, vns_docdata_decode succeeds exactly
 * when jansson reads the part before the first NUL as an object, and then
 * reads every string field and list as jansson does, and the text. */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "docdata.h"
#include "schema.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void check_str(const vns_docdata *d, const char *k, json_t *v)
{
	const char *s = vns_docdata_str(d, k);

	if (json_is_string(v) ? !s || strcmp(s, json_string_value(v)) : !!s)
		abort();
}

static void check_list(const vns_docdata *d, const char *k, json_t *v)
{
	size_t n, i, at = 0;
	const char *const *list = vns_docdata_list(d, k, &n);
	json_t *x;

	if (!json_is_array(v) != !list)
		abort();
	json_array_foreach(v, i, x)
		if (json_is_string(x) &&
		    (at >= n || strcmp(list[at++], json_string_value(x))))
			abort();
	if (at != n)
		abort();
}

/* The text: after the NUL, else (old layout) the JSON's text string. */
static void check_text(const vns_docdata *d, const char *blob, size_t size,
		       size_t flen, json_t *j)
{
	json_t *old = json_object_get(j, VNS_DATA_TEXT);
	const char *want = flen < size ? blob + flen + 1
			 : json_is_string(old) ? json_string_value(old) : "";
	size_t len = flen < size ? size - flen - 1 : strlen(want);

	if (d->text_len != len || memcmp(d->text, want, len) || d->text[len])
		abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *blob = size ? (const char *)data : "";
	const char *nul = memchr(blob, '\0', size), *k;
	size_t flen = nul ? (size_t)(nul - blob) : size;
	json_t *j = json_loadb(blob, flen, 0, NULL), *v;
	vns_docdata d;
	vns_err err;
	vns_status st = vns_docdata_decode(blob, size, &d, &err);

	if (st != VNS_OK && st != VNS_EDBCORRUPT)
		abort();
	if ((st == VNS_OK) != json_is_object(j))
		abort();
	if (st == VNS_OK) {
		json_object_foreach(j, k, v) {
			check_str(&d, k, v);
			check_list(&d, k, v);
		}
		check_text(&d, blob, size, flen, j);
	}
	vns_docdata_clear(&d);
	json_decref(j);
	return 0;
}
