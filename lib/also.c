/* also.c - other copies of a result, by content key (see also.h). */
#include "also.h"

#include <stdio.h>
#include <string.h>

#include "dedup.h"
#include "schema.h"

void vns_also_clear(vns_also_list *out)
{
	for (size_t i = 0; i < out->n; i++)
		vns_docdata_clear(&out->data[i]);
	out->n = 0;
}

static const char *str_of(const vns_docdata *d, const char *key)
{
	const char *s = vns_docdata_str(d, key);

	return s && *s ? s : NULL;
}

/* Add the current row of m to out unless it is self. */
static vns_status add_row(vns_xmset *m, const char *self, vns_also_list *out,
			  vns_err *err)
{
	const char *blob;
	size_t len;
	vns_docdata *d = &out->data[out->n];
	const char *id;
	vns_status st;

	if (out->n == VNS_ALSO_MAX)
		return VNS_OK;
	st = vns_xmset_data(m, &blob, &len, err);
	if (!st)
		st = vns_docdata_decode(blob, len, d, err);
	if (st == VNS_ENOTFOUND) /* deleted since the match */
		return VNS_OK;
	if (st)
		return st;
	id = str_of(d, VNS_DATA_ID);
	if (!id || (self && !strcmp(self, id))) {
		vns_docdata_clear(d);
		return VNS_OK;
	}
	out->items[out->n].id = id;
	out->items[out->n].source = str_of(d, VNS_DATA_SOURCE);
	out->items[out->n].url = str_of(d, VNS_DATA_URL);
	out->n++;
	return VNS_OK;
}

vns_status vns_also_find(vns_xdb *db, const char *key, const char *self,
			 vns_also_list *out, vns_err *err)
{
	char term[VNS_DEDUP_KEY_LEN + 8];
	unsigned long tf = 0;
	vns_xquery *q = NULL;
	vns_xenquire *e = NULL;
	vns_xmset *m = NULL;
	vns_status st;
	int got;

	vns_also_clear(out);
	if (!key || strlen(key) != VNS_DEDUP_KEY_LEN)
		return VNS_OK;
	snprintf(term, sizeof term, "%s%s", VNS_PREFIX_CONTENT, key);
	st = vns_xdb_termfreq(db, term, strlen(term), &tf, err);
	if (st || tf < 2)
		return st;
	q = vns_xquery_term(term, strlen(term), 1, 0, err);
	st = q ? vns_xenquire_new(db, &e, err) : err->code;
	if (!st)
		st = vns_xenquire_set_query(e, q, err);
	if (!st)
		st = vns_xenquire_get_mset(e, 0, VNS_ALSO_MAX + 1, 0, &m, err);
	while (!st && (got = vns_xmset_next(m, err)) == VNS_ROW)
		st = add_row(m, self, out, err);
	if (!st && got < 0)
		st = (vns_status)-got;
	vns_xmset_free(m);
	vns_xenquire_free(e);
	vns_xquery_free(q);
	return st;
}
