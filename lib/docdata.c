/* docdata.c - a document's stored data (see docdata.h). */
#include "docdata.h"

#include <stdlib.h>
#include <string.h>

#include "schema.h"

vns_status vns_docdata_encode(const json_t *fields, const char *text,
			      size_t len, vns_buf *out, vns_err *err)
{
	char *s = json_dumps(fields, JSON_COMPACT);
	vns_status st;

	vns_buf_reset(out);
	if (!s)
		return vns_err_set(err, VNS_ENOMEM, "out of memory");
	st = vns_buf_add(out, s, strlen(s) + 1); /* with its NUL */
	if (!st)
		st = vns_buf_add(out, text, len);
	free(s);
	return st ? vns_err_set(err, st, "out of memory") : VNS_OK;
}

static vns_status set_text(vns_docdata *out, const char *text, size_t len,
			   vns_err *err)
{
	out->text = malloc(len + 1);
	if (!out->text)
		return vns_err_set(err, VNS_ENOMEM, "out of memory");
	memcpy(out->text, text, len);
	out->text[len] = '\0';
	out->text_len = len;
	return VNS_OK;
}

vns_status vns_docdata_decode(const char *blob, size_t len, vns_docdata *out,
			      vns_err *err)
{
	const char *nul = memchr(blob, '\0', len);
	size_t flen = nul ? (size_t)(nul - blob) : len;
	json_error_t je;
	json_t *old_text;
	vns_status st;

	*out = (vns_docdata){ NULL, NULL, 0 };
	out->fields = json_loadb(blob, flen, 0, &je);
	if (!json_is_object(out->fields)) {
		vns_docdata_clear(out);
		return vns_err_set(err, VNS_EDBCORRUPT, "stored data: %s",
				   je.text[0] ? je.text : "not an object");
	}
	old_text = json_object_get(out->fields, VNS_DATA_TEXT);
	if (nul)
		st = set_text(out, nul + 1, len - flen - 1, err);
	else
		st = set_text(out, json_is_string(old_text)
				       ? json_string_value(old_text) : "",
			      json_is_string(old_text)
				      ? json_string_length(old_text) : 0,
			      err);
	if (st)
		vns_docdata_clear(out);
	return st;
}

const char *vns_docdata_str(const vns_docdata *d, const char *key)
{
	json_t *v = json_object_get(d->fields, key);

	return json_is_string(v) ? json_string_value(v) : NULL;
}

void vns_docdata_clear(vns_docdata *d)
{
	json_decref(d->fields);
	free(d->text);
	*d = (vns_docdata){ NULL, NULL, 0 };
}
