/* search.c - running one search over the index (see search.h). */
#include "search.h"

#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "analyse.h"
#include "qbuild.h"
#include "qparse.h"
#include "schema.h"
#include "snippet.h"
#include "tagger.h"
#include "xapian-c.h"

/* BM25 parameters of the ranking (see README "Ranking"). */
#define BM25_K1 1.0
#define BM25_B 0.5

struct vns_search {
	vns_xdb *db;
	vns_analyser *a;
};

struct vns_results {
	vns_search *s;
	vns_qplan plan;
	vns_xmset *mset;
	unsigned long total;
	unsigned snippet_bytes;
	json_t *data;        /* the current row's stored fields */
	vns_snippet snip;
	vns_xspy *spy[VNS_FACET_COUNT]; /* facets, when asked for */
	/* the current row's entity lists (point into data) */
	const char *provinces[2 * VNS_TAGS_MAX];
	const char *products[VNS_TAGS_MAX];
	const char *programmes[VNS_TAGS_MAX];
};

vns_status vns_search_open(const char *dbpath, vns_search **out,
			   vns_err *err)
{
	vns_search *s = calloc(1, sizeof *s);
	vns_status st;

	if (!s)
		return vns_err_set(err, VNS_ENOMEM, "out of memory");
	st = vns_xdb_open(dbpath, &s->db, err);
	if (!st)
		st = vns_analyser_new(&s->a, err);
	if (st) {
		vns_search_free(s);
		return st;
	}
	*out = s;
	return VNS_OK;
}

void vns_search_free(vns_search *s)
{
	if (!s)
		return;
	vns_xdb_free(s->db);
	vns_analyser_free(s->a);
	free(s);
}

static vns_status configure(vns_xenquire *e, const vns_qplan *plan,
			    const vns_search_opts *o, vns_err *err)
{
	vns_status st = vns_xenquire_set_query(e, plan->query, err);

	if (!st)
		st = vns_xenquire_set_bm25(e, BM25_K1, 0, 1, BM25_B, 0.5, err);
	if (!st && (o->sort == VNS_SORT_DATE || plan->browse))
		st = vns_xenquire_sort_by_value(e, VNS_SLOT_DATE, 1, err);
	return st;
}

/* Where each facet is counted from; entities are multi-valued. */
static const struct {
	unsigned slot;
	char sep;
} facet_slot[VNS_FACET_COUNT] = {
	[VNS_FACET_PROVINCE] = { VNS_SLOT_PROVINCE, VNS_VALUE_SEP },
	[VNS_FACET_PROVINCE_2024] = { VNS_SLOT_PROVINCE_2024, VNS_VALUE_SEP },
	[VNS_FACET_PRODUCT] = { VNS_SLOT_PRODUCT, VNS_VALUE_SEP },
	[VNS_FACET_PROGRAMME] = { VNS_SLOT_PROGRAMME, VNS_VALUE_SEP },
	[VNS_FACET_SOURCE] = { VNS_SLOT_SOURCE, '\0' },
	[VNS_FACET_YEAR] = { VNS_SLOT_YEAR, '\0' },
};

/* One spy per facet, counting over the whole match set. */
static vns_status add_spies(vns_results *r, vns_xenquire *e, vns_err *err)
{
	vns_status st = VNS_OK;

	for (int k = 0; !st && k < VNS_FACET_COUNT; k++) {
		st = vns_xspy_new_multi(facet_slot[k].slot, facet_slot[k].sep,
					&r->spy[k], err);
		if (!st)
			st = vns_xenquire_add_spy(e, r->spy[k], err);
	}
	return st;
}

static vns_status run_plan(vns_search *s, vns_results *r,
			   const vns_search_opts *o, vns_err *err)
{
	vns_xenquire *e = NULL;
	unsigned long docs = 0;
	vns_status st = vns_xenquire_new(s->db, &e, err);

	if (!st)
		st = configure(e, &r->plan, o, err);
	/* the empty query counts exactly: every document */
	if (!st && r->plan.browse)
		st = vns_xdb_doccount(s->db, &docs, err);
	if (!st && o->facets)
		st = add_spies(r, e, err);
	if (!st)
		st = vns_xenquire_get_mset(e, o->offset, o->limit,
					   (unsigned)(docs > o->offset + o->limit
							      ? docs
							      : 0),
					   &r->mset, err);
	if (!st)
		r->total = vns_xmset_estimated(r->mset);
	vns_xenquire_free(e);
	return st;
}

static vns_status check_opts(const vns_search_opts *o, vns_err *err)
{
	if (o->limit > VNS_LIMIT_MAX)
		return vns_err_set(err, VNS_EQUERY,
				   "limit %u is more than %u", o->limit,
				   VNS_LIMIT_MAX);
	if (o->offset > VNS_OFFSET_MAX)
		return vns_err_set(err, VNS_EQUERY,
				   "offset %u is more than %u", o->offset,
				   VNS_OFFSET_MAX);
	return VNS_OK;
}

vns_status vns_search_run(vns_search *s, const char *query, size_t len,
			  const vns_search_opts *opts, vns_results **out,
			  vns_err *err)
{
	vns_results *r;
	vns_qtree tree = { 0 };
	vns_status st = check_opts(opts, err);

	if (st)
		return st;
	r = calloc(1, sizeof *r);
	if (!r)
		return vns_err_set(err, VNS_ENOMEM, "out of memory");
	r->s = s;
	r->snippet_bytes = opts->snippet_bytes;
	vns_snippet_init(&r->snip);
	st = vns_qparse(query, len, &tree, err);
	if (!st)
		st = vns_qbuild(s->a, &tree, &r->plan, err);
	vns_qtree_free(&tree);
	if (!st)
		st = run_plan(s, r, opts, err);
	if (st) {
		vns_results_free(r);
		return st;
	}
	*out = r;
	return VNS_OK;
}

unsigned long vns_results_total(const vns_results *r)
{
	return r->total;
}

static const char *field(json_t *data, const char *key)
{
	json_t *v = json_object_get(data, key);

	return json_is_string(v) ? json_string_value(v) : NULL;
}

static vns_status load_row(vns_results *r, vns_err *err)
{
	vns_xdoc *doc = NULL;
	const char *blob;
	size_t len;
	json_error_t je;
	vns_status st = vns_xmset_doc(r->mset, &doc, err);

	if (!st)
		st = vns_xdoc_data(doc, &blob, &len, err);
	if (!st) {
		json_decref(r->data);
		r->data = json_loadb(blob, len, 0, &je);
		if (!r->data)
			st = vns_err_set(err, VNS_EDBCORRUPT,
					 "document %u: stored data: %s",
					 vns_xmset_docid(r->mset), je.text);
	}
	vns_xdoc_free(doc);
	return st;
}

static vns_status make_snippet(vns_results *r, vns_err *err)
{
	const char *text = field(r->data, VNS_DATA_TEXT);
	vns_hlwords w = { r->plan.hl_exact, r->plan.n_exact,
			  r->plan.hl_fold, r->plan.n_fold };

	vns_buf_reset(&r->snip.text);
	r->snip.nspans = 0;
	if (!r->snippet_bytes || !text)
		return VNS_OK;
	return vns_snippet_make(r->s->a, text, strlen(text), &w,
				r->snippet_bytes, &r->snip, err);
}

/* The strings of the stored array data[key] into out (at most max);
 * their number. */
static size_t names(json_t *data, const char *key, const char **out,
		    size_t max)
{
	json_t *list = json_object_get(data, key), *v;
	size_t i, n = 0;

	json_array_foreach(list, i, v)
		if (json_is_string(v) && n < max)
			out[n++] = json_string_value(v);
	return n;
}

/* The row's entity lists from its stored data (empty in an index built
 * before the tagger). */
static void entities(vns_results *r, vns_result *row)
{
	size_t n25 = names(r->data, VNS_DATA_PROVINCES, r->provinces,
			   VNS_TAGS_MAX);

	row->n_provinces_2025 = n25;
	row->n_provinces = n25 + names(r->data, VNS_DATA_PROVINCES_2024,
				       r->provinces + n25, VNS_TAGS_MAX);
	row->provinces = r->provinces;
	row->n_products = names(r->data, VNS_DATA_PRODUCTS, r->products,
				VNS_TAGS_MAX);
	row->products = r->products;
	row->n_programmes = names(r->data, VNS_DATA_PROGRAMMES,
				  r->programmes, VNS_TAGS_MAX);
	row->programmes = r->programmes;
}

int vns_results_next(vns_results *r, vns_result *row, vns_err *err)
{
	int got = vns_xmset_next(r->mset, err);
	vns_status st;

	if (got != VNS_ROW)
		return got;
	st = load_row(r, err);
	if (!st)
		st = make_snippet(r, err);
	if (st)
		return -(int)st;
	row->rank = vns_xmset_rank(r->mset) + 1;
	row->id = field(r->data, VNS_DATA_ID);
	row->title = field(r->data, VNS_DATA_TITLE);
	row->url = field(r->data, VNS_DATA_URL);
	row->date = field(r->data, VNS_DATA_DATE);
	row->source = field(r->data, VNS_DATA_SOURCE);
	row->score = vns_xmset_weight(r->mset);
	row->snippet = r->snip.text.data;
	row->spans = (const size_t(*)[2])r->snip.span;
	row->nspans = r->snip.nspans;
	if (!row->id)
		row->id = "";
	entities(r, row);
	return 1;
}

const char *vns_facet_name(vns_facet_kind kind)
{
	static const char *const names[VNS_FACET_COUNT] = {
		"province", "province_2024", "product",
		"programme", "source", "year",
	};

	return (unsigned)kind < VNS_FACET_COUNT ? names[kind] : "unknown";
}

int vns_results_has_facets(const vns_results *r)
{
	return r->spy[0] != NULL;
}

/* Hands a spy's (value, len) to the caller's NUL-terminated form. */
struct facet_walk {
	int (*fn)(void *ctx, const char *value, unsigned long count);
	void *ctx;
	char value[1024];
};

static int facet_value(void *ctx, const char *value, size_t len,
		       unsigned long count)
{
	struct facet_walk *w = ctx;

	if (len >= sizeof w->value)
		return 0; /* no display name is this long */
	memcpy(w->value, value, len);
	w->value[len] = '\0';
	return w->fn(w->ctx, w->value, count);
}

vns_status vns_results_facet(const vns_results *r, vns_facet_kind kind,
			     unsigned max,
			     int (*fn)(void *ctx, const char *value,
				       unsigned long count),
			     void *ctx, vns_err *err)
{
	struct facet_walk w = { fn, ctx, "" };

	if ((unsigned)kind >= VNS_FACET_COUNT)
		return vns_err_set(err, VNS_EINVAL, "no facet %d", (int)kind);
	if (!r->spy[kind])
		return VNS_OK;
	return vns_xspy_values(r->spy[kind], max, facet_value, &w, err);
}

const char *vns_results_suggestion(const vns_results *r)
{
	(void)r;
	return NULL;
}

void vns_results_free(vns_results *r)
{
	if (!r)
		return;
	vns_qplan_clear(&r->plan);
	vns_xmset_free(r->mset);
	json_decref(r->data);
	vns_snippet_free(&r->snip);
	for (int k = 0; k < VNS_FACET_COUNT; k++)
		vns_xspy_free(r->spy[k]);
	free(r);
}
