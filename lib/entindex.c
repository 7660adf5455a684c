/* entindex.c - entity tags to terms, values and stored data (see
 * entindex.h). */
#include "entindex.h"

#include <string.h>

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

/* The open products (outside the lexicon): filter terms, and their
 * names after the lexicon's in the product facet slot. */
static vns_status add_open(const vns_tags *tags, vns_xdoc *doc,
			   vns_buf *term, vns_buf *value, vns_err *err)
{
	vns_status st = VNS_OK;
	const char *v;
	size_t len;

	if (!tags->n_open_product)
		return VNS_OK;
	st = vns_xdoc_value(doc, VNS_SLOT_PRODUCT, &v, &len, err);
	vns_buf_reset(value);
	if (!st && len)
		st = vns_buf_add(value, v, len);
	for (size_t i = 0; !st && i < tags->n_open_product; i++) {
		vns_buf_reset(term);
		if ((value->len && vns_buf_addc(value, VNS_VALUE_SEP)) ||
		    vns_buf_adds(value, tags->open_product[i]) ||
		    vns_buf_adds(term, VNS_PREFIX_PRODUCT) ||
		    vns_buf_adds(term, tags->open_slug[i]))
			return vns_err_set(err, VNS_ENOMEM,
					   "entity terms: out of memory");
		st = vns_xdoc_add_boolean(doc, term->data, term->len, err);
	}
	return st ? st : vns_xdoc_set_value(doc, VNS_SLOT_PRODUCT, value->data,
					    value->len, err);
}

/* The groups of the lexicon products of tags, each once, into *out
 * (at most max); their number. */
static size_t groups_of(const vns_tags *tags, const char **out, size_t max)
{
	size_t n = 0;

	for (size_t i = 0; i < tags->n_product; i++) {
		const char *g = vns_gz_get(VNS_GZ_PRODUCT,
					   tags->product[i])->info;
		size_t k = 0;
		while (k < n && strcmp(out[k], g))
			k++;
		if (*g && k == n && n < max)
			out[n++] = g;
	}
	return n;
}

/* The product group facet slot. */
static vns_status add_groups(const vns_tags *tags, vns_xdoc *doc,
			     vns_buf *value, vns_err *err)
{
	const char *g[VNS_TAGS_MAX];
	size_t n = groups_of(tags, g, VNS_TAGS_MAX);

	vns_buf_reset(value);
	for (size_t i = 0; i < n; i++)
		if ((i && vns_buf_addc(value, VNS_VALUE_SEP)) ||
		    vns_buf_adds(value, g[i]))
			return vns_err_set(err, VNS_ENOMEM,
					   "entity values: out of memory");
	return n ? vns_xdoc_set_value(doc, VNS_SLOT_PRODUCT_GROUP, value->data,
				      value->len, err)
		 : VNS_OK;
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
	if (!st)
		st = add_open(tags, doc, &term, &value, err);
	if (!st)
		st = add_groups(tags, doc, &value, err);
	vns_buf_free(&term);
	vns_buf_free(&value);
	return st;
}

/* Append the strings v[0..n) to the stored array data[key] (created
 * when missing). */
static vns_status store_names(json_t *data, const char *key,
			      const char *const *v, size_t n, vns_err *err)
{
	json_t *list = json_object_get(data, key);

	if (!list) {
		list = json_array();
		if (!list || json_object_set_new(data, key, list))
			return vns_err_set(err, VNS_ENOMEM, "out of memory");
	}
	for (size_t i = 0; i < n; i++)
		if (json_array_append_new(list, json_string(v[i])))
			return vns_err_set(err, VNS_ENOMEM, "out of memory");
	return VNS_OK;
}

/* Display names of entities idx[0..n) of kind into data[key]. */
static vns_status store_kind(json_t *data, const char *key, vns_gz_kind kind,
			     const unsigned short *idx, size_t n,
			     vns_err *err)
{
	const char *v[VNS_TAGS_MAX];

	for (size_t i = 0; i < n && i < VNS_TAGS_MAX; i++)
		v[i] = vns_gz_get(kind, idx[i])->name;
	return store_names(data, key, v, n < VNS_TAGS_MAX ? n : VNS_TAGS_MAX,
			   err);
}

/* The open products, the product groups and the passing mentions. */
static vns_status store_more(const vns_tags *tags, json_t *data,
			     vns_err *err)
{
	const char *v[VNS_TAGS_MAX];
	size_t n = groups_of(tags, v, VNS_TAGS_MAX);
	vns_status st = store_names(data, VNS_DATA_PRODUCT_GROUPS, v, n, err);

	for (size_t i = 0; i < tags->n_open_product; i++)
		v[i] = tags->open_product[i];
	if (!st)
		st = store_names(data, VNS_DATA_PRODUCTS, v,
				 tags->n_open_product, err);
	if (!st)
		st = store_kind(data, VNS_DATA_MENTIONED_PROVINCES,
				VNS_GZ_PROVINCE_2025,
				tags->mentioned_province_2025,
				tags->n_mentioned_province_2025, err);
	if (!st)
		st = store_kind(data, VNS_DATA_MENTIONED_PROVINCES_2024,
				VNS_GZ_PROVINCE_2024,
				tags->mentioned_province_2024,
				tags->n_mentioned_province_2024, err);
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
	return store_more(tags, data, err);
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
	/* a product the lexicon lacks may be one the tagger found in the
	 * text ("bánh xu kem", always two words or more): its term is made
	 * the same way */
	if (!st && e < 0 && kind == VNS_FILTER_PRODUCT &&
	    strchr(slug.data, '-')) {
		vns_buf_reset(term);
		if (vns_buf_adds(term, VNS_PREFIX_PRODUCT) ||
		    vns_buf_adds(term, slug.data))
			st = vns_err_set(err, VNS_ETOOBIG,
					 "filter term too long");
		vns_buf_free(&slug);
		return st;
	}
	if (!st && e < 0)
		st = unknown(kind, value, slug.data, err);
	vns_buf_reset(term);
	if (!st && (vns_buf_adds(term, prefix) ||
		    vns_buf_adds(term, vns_gz_get(gk, (size_t)e)->slug)))
		st = vns_err_set(err, VNS_ETOOBIG, "filter term too long");
	vns_buf_free(&slug);
	return st;
}
