/* doc.c - the document model and its JSON record format (via jansson). */
#include "doc.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

void vns_doc_clear(vns_doc *doc)
{
	if (!doc)
		return;
	free(doc->id);
	free(doc->url);
	free(doc->title);
	free(doc->date);
	free(doc->source);
	free(doc->category);
	free(doc->author);
	free(doc->summary);
	free(doc->body);
	free(doc->ocr_low);
	memset(doc, 0, sizeof *doc);
}

/* Copy the string field key of obj into *out: absent or null leaves NULL,
 * any other type is an error naming the field. */
static vns_status take_string(json_t *obj, const char *key, char **out,
			      vns_err *err)
{
	json_t *v = json_object_get(obj, key);

	if (!v || json_is_null(v))
		return VNS_OK;
	if (!json_is_string(v))
		return vns_err_set(err, VNS_ERECORD,
				   "field '%s' is not a string", key);
	*out = strndup(json_string_value(v), json_string_length(v));
	return *out ? VNS_OK : vns_err_set(err, VNS_ENOMEM, "out of memory");
}

static int is_blank(const char *s)
{
	for (; s && *s; s++)
		if (!isspace((unsigned char)*s))
			return 0;
	return 1;
}

static vns_status parse_error(const json_error_t *je, vns_err *err)
{
	if (strstr(je->text, "decode byte") || strstr(je->text, "UTF-8"))
		return vns_err_set(err, VNS_EUTF8,
				   "invalid utf-8 near column %d",
				   je->column);
	return vns_err_set(err, VNS_EJSON, "invalid json at column %d: %s",
			   je->column, je->text);
}

static vns_status take_fields(json_t *root, vns_doc *doc, vns_err *err)
{
	static const struct {
		const char *key;
		size_t off;
	} fields[] = {
		{ "id", offsetof(vns_doc, id) },
		{ "url", offsetof(vns_doc, url) },
		{ "title", offsetof(vns_doc, title) },
		{ "date", offsetof(vns_doc, date) },
		{ "source", offsetof(vns_doc, source) },
		{ "category", offsetof(vns_doc, category) },
		{ "author", offsetof(vns_doc, author) },
		{ "summary", offsetof(vns_doc, summary) },
		{ "body", offsetof(vns_doc, body) },
	};
	vns_status st;

	for (size_t i = 0; i < sizeof fields / sizeof fields[0]; i++) {
		char **slot = (char **)((char *)doc + fields[i].off);
		st = take_string(root, fields[i].key, slot, err);
		if (st)
			return st;
	}
	return vns_doc_check(doc, err);
}

vns_status vns_doc_check(const vns_doc *doc, vns_err *err)
{
	if (is_blank(doc->id))
		return vns_err_set(err, VNS_ERECORD, "missing field 'id'");
	if (is_blank(doc->body))
		return vns_err_set(err, VNS_ERECORD, "empty body");
	return VNS_OK;
}

vns_status vns_doc_from_json(const char *line, size_t len, vns_doc *doc,
			     vns_err *err)
{
	json_error_t je;
	json_t *root;
	vns_status st;

	memset(doc, 0, sizeof *doc);
	root = json_loadb(line, len, JSON_REJECT_DUPLICATES, &je);
	if (!root)
		return parse_error(&je, err);
	if (!json_is_object(root)) {
		json_decref(root);
		return vns_err_set(err, VNS_ERECORD,
				   "record is not a json object");
	}
	st = take_fields(root, doc, err);
	json_decref(root);
	if (st)
		vns_doc_clear(doc);
	return st;
}

/* A document's date is a day at least, in a year of four digits. */
vns_status vns_doc_date_key(const vns_doc *doc,
			    char out[VNS_DATE_KEY_LEN + 1], vns_err *err)
{
	const char *d = doc->date;
	vns_date date;

	if (!d || is_blank(d))
		return VNS_ENOTFOUND;
	if (vns_date_parse(d, strlen(d), &date, NULL) ||
	    date.prec < VNS_DATE_DAY || date.year < 1000)
		return vns_err_set(err, VNS_ERECORD,
				   "field 'date': '%.40s' is not an ISO 8601 "
				   "date", d);
	vns_date_key(&date, 0, out);
	return VNS_OK;
}
