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

static int digits(const char *s, int n)
{
	for (int i = 0; i < n; i++)
		if (!isdigit((unsigned char)s[i]))
			return 0;
	return 1;
}

int vns_days_in_month(int y, int m)
{
	static const int days[] = { 31, 28, 31, 30, 31, 30,
				    31, 31, 30, 31, 30, 31 };
	int leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;

	return m == 2 && leap ? 29 : days[m - 1];
}

/* "hh:mm[:ss]" after the 'T' of an ISO 8601 date, into out[6]; 0 if bad. */
static int time_part(const char *t, char out[6])
{
	if (!digits(t, 2) || t[2] != ':' || !digits(t + 3, 2))
		return 0;
	memcpy(out, t, 2);
	memcpy(out + 2, t + 3, 2);
	if (t[5] == ':' && digits(t + 6, 2))
		memcpy(out + 4, t + 6, 2);
	else
		memcpy(out + 4, "00", 2);
	return atoi(t) < 24 && atoi(t + 3) < 60 && atoi(out + 4) < 61;
}

vns_status vns_doc_date_key(const vns_doc *doc,
			    char out[VNS_DATE_KEY_LEN + 1], vns_err *err)
{
	const char *d = doc->date;
	char hms[7] = "000000";
	int y, m, day;

	if (!d || is_blank(d))
		return VNS_ENOTFOUND;
	if (strlen(d) < 10 || !digits(d, 4) || d[4] != '-' ||
	    !digits(d + 5, 2) || d[7] != '-' || !digits(d + 8, 2) ||
	    (d[10] != '\0' && d[10] != 'T' && d[10] != ' '))
		goto bad;
	if (d[10] && !time_part(d + 11, hms))
		goto bad;
	y = atoi(d);
	m = (d[5] - '0') * 10 + (d[6] - '0');
	day = (d[8] - '0') * 10 + (d[9] - '0');
	if (y < 1000 || m < 1 || m > 12 || day < 1 ||
	    day > vns_days_in_month(y, m))
		goto bad;
	memcpy(out, d, 4);
	memcpy(out + 4, d + 5, 2);
	memcpy(out + 6, d + 8, 2);
	memcpy(out + 8, hms, 6);
	out[VNS_DATE_KEY_LEN] = '\0';
	return VNS_OK;
bad:
	return vns_err_set(err, VNS_ERECORD,
			   "field 'date': '%.40s' is not an ISO 8601 date", d);
}
