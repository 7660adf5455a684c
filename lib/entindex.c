/* entindex.c - entity tags to terms, values and stored data (see
 * entindex.h). */
#include "entindex.h"

#include "buf.h"
#include "gazetteer.h"
#include "schema.h"
#include "slug.h"

/* One kind of tag: where its indexes are and how the index keeps it. */
typedef struct tagkind {
	vns_gz_kind kind;
	const unsigned short *idx;
	size_t n;
	const char *prefix;
	int slot; /* -1: no facet */
	const char *key;
} tagkind;

static size_t kinds_of(const vns_tags *t, tagkind out[5])
{
	out[0] = (tagkind){ VNS_GZ_PROVINCE_2025, t->province_2025,
			    t->n_province_2025, VNS_PREFIX_PROVINCE,
			    VNS_SLOT_PROVINCE, VNS_DATA_PROVINCES };
	out[1] = (tagkind){ VNS_GZ_PROVINCE_2024, t->province_2024,
			    t->n_province_2024, VNS_PREFIX_PROVINCE_2024,
			    VNS_SLOT_PROVINCE_2024, VNS_DATA_PROVINCES_2024 };
	out[2] = (tagkind){ VNS_GZ_DISTRICT, t->district, t->n_district,
			    VNS_PREFIX_DISTRICT, -1, VNS_DATA_DISTRICTS };
	out[3] = (tagkind){ VNS_GZ_PRODUCT, t->product, t->n_product,
			    VNS_PREFIX_PRODUCT, VNS_SLOT_PRODUCT,
			    VNS_DATA_PRODUCTS };
	out[4] = (tagkind){ VNS_GZ_PROGRAMME, t->programme, t->n_programme,
			    VNS_PREFIX_PROGRAMME, VNS_SLOT_PROGRAMME,
			    VNS_DATA_PROGRAMMES };
	return 5;
}

/* The filter term of entity e: prefix + slug (districts: + "." + their
 * province's slug, since names repeat across provinces). */
static vns_status term_of(const tagkind *k, const vns_gz_entry *e,
			  vns_buf *term)
{
	vns_status st;

	vns_buf_reset(term);
	st = vns_buf_adds(term, k->prefix);
	if (!st)
		st = vns_buf_adds(term, e->slug);
	if (!st && k->kind == VNS_GZ_DISTRICT)
		st = vns_buf_addf(term, ".%s",
				  vns_gz_get(VNS_GZ_PROVINCE_2024, e->parent)
					  ->slug);
	return st;
}

static vns_status add_kind(const tagkind *k, vns_xdoc *doc, vns_buf *term,
			   vns_buf *value, vns_err *err)
{
	vns_status st = VNS_OK;

	vns_buf_reset(value);
	for (size_t i = 0; !st && i < k->n; i++) {
		const vns_gz_entry *e = vns_gz_get(k->kind, k->idx[i]);
		st = term_of(k, e, term);
		if (!st && i)
			st = vns_buf_addc(value, VNS_VALUE_SEP);
		if (!st)
			st = vns_buf_adds(value, e->name);
		if (st)
			return vns_err_set(err, st, "entity terms: %s",
					   vns_strerror(st));
		st = vns_xdoc_add_boolean(doc, term->data, term->len, err);
	}
	if (!st && k->slot >= 0 && value->len)
		st = vns_xdoc_set_value(doc, (unsigned)k->slot, value->data,
					value->len, err);
	return st;
}

vns_status vns_entindex_add(const vns_tags *tags, vns_xdoc *doc,
			    vns_err *err)
{
	tagkind k[5];
	size_t n = kinds_of(tags, k);
	vns_buf term, value;
	vns_status st = VNS_OK;

	vns_buf_init(&term, VNS_XTERM_MAX);
	vns_buf_init(&value, 0);
	for (size_t i = 0; !st && i < n; i++)
		st = add_kind(&k[i], doc, &term, &value, err);
	vns_buf_free(&term);
	vns_buf_free(&value);
	return st;
}

vns_status vns_entindex_store(const vns_tags *tags, json_t *data,
			      vns_err *err)
{
	tagkind k[5];
	size_t n = kinds_of(tags, k);

	for (size_t i = 0; i < n; i++) {
		json_t *list = json_array();
		if (!list || json_object_set_new(data, k[i].key, list))
			return vns_err_set(err, VNS_ENOMEM, "out of memory");
		for (size_t j = 0; j < k[i].n; j++)
			if (json_array_append_new(
				    list, json_string(vns_gz_get(k[i].kind,
								 k[i].idx[j])
							      ->name)))
				return vns_err_set(err, VNS_ENOMEM,
						   "out of memory");
	}
	return VNS_OK;
}

/* Resolve slug of filter kind k to a gazetteer kind, entity and prefix. */
static int resolve(vns_filter_kind k, const char *slug, vns_gz_kind *kind,
		   const char **prefix)
{
	static const struct {
		vns_filter_kind filter;
		vns_gz_kind kind;
		const char *prefix;
	} order[] = {
		{ VNS_FILTER_PROVINCE, VNS_GZ_PROVINCE_2025, VNS_PREFIX_PROVINCE },
		{ VNS_FILTER_PROVINCE, VNS_GZ_PROVINCE_2024,
		  VNS_PREFIX_PROVINCE_2024 },
		{ VNS_FILTER_PRODUCT, VNS_GZ_PRODUCT, VNS_PREFIX_PRODUCT },
		{ VNS_FILTER_PROGRAMME, VNS_GZ_PROGRAMME, VNS_PREFIX_PROGRAMME },
	};

	for (size_t i = 0; i < sizeof order / sizeof *order; i++) {
		int e;
		if (order[i].filter != k)
			continue;
		e = vns_gz_lookup(order[i].kind, slug);
		if (e >= 0) {
			*kind = order[i].kind;
			*prefix = order[i].prefix;
			return e;
		}
	}
	return -1;
}

static vns_status unknown(vns_filter_kind k, const char *value,
			  const char *slug, vns_err *err)
{
	static const char *const what[] = { "province", "product",
					    "programme" };
	vns_gz_kind kind = k == VNS_FILTER_PROVINCE  ? VNS_GZ_PROVINCE_2024
			   : k == VNS_FILTER_PRODUCT ? VNS_GZ_PRODUCT
						     : VNS_GZ_PROGRAMME;
	vns_buf near;
	vns_status st;

	vns_buf_init(&near, 1024);
	vns_gz_nearest(kind, slug, 3, &near);
	st = vns_err_set(err, VNS_EQUERY, "unknown %s '%s'%s%s%s", what[k],
			 value, near.len ? "; did you mean: " : "", near.data,
			 near.len ? "?" : "");
	vns_buf_free(&near);
	return st;
}

vns_status vns_entindex_filter_term(vns_analyser *a, vns_filter_kind kind,
				    const char *value, vns_buf *term,
				    vns_err *err)
{
	vns_buf slug;
	vns_gz_kind gk = VNS_GZ_PROVINCE_2024;
	const char *prefix = NULL;
	int e = -1;
	vns_status st;

	vns_buf_init(&slug, 1024);
	st = vns_slug(a, value, &slug, err);
	if (!st)
		e = resolve(kind, slug.data, &gk, &prefix);
	if (!st && e < 0)
		st = unknown(kind, value, slug.data, err);
	vns_buf_reset(term);
	if (!st && (vns_buf_adds(term, prefix) ||
		    vns_buf_adds(term, vns_gz_get(gk, (size_t)e)->slug)))
		st = vns_err_set(err, VNS_ETOOBIG, "filter term too long");
	vns_buf_free(&slug);
	return st;
}
