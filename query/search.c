/* search.c - running one search over the index (see search.h). */
#include "search.h"

#include <stdlib.h>
#include <string.h>

#include "also.h"
#include "analyse.h"
#include "buf.h"
#include "docdata.h"
#include "qbuild.h"
#include "qparse.h"
#include "proximity.h"
#include "readings.h"
#include "schema.h"
#include "snippet.h"
#include "synonyms.h"
#include "tagger.h"
#include "xapian-c.h"

/* BM25 parameters of the ranking (see README "Ranking"). */
#define BM25_K1 1.0
#define BM25_B 0.5

struct vns_search {
	vns_xdb *db;
	vns_analyser *a;
	const vns_synonyms *syn;
};

struct vns_results {
	vns_search *s;
	vns_qplan plan;
	char *suggestion;    /* "Did you mean", or NULL */
	vns_xmset *mset;
	/* when the top results were re-ranked: every fetched row, in the
	 * final order, and where the page starts and ends in it */
	struct ranked *ranked;
	size_t nranked, page_at, page_end;
	unsigned long total;
	unsigned snippet_bytes;
	vns_docdata data;    /* the current row's stored data */
	vns_snippet snip;
	vns_xspy *spy;       /* all facets, when asked for (one spy) */
	struct facet_count *facets; /* what it counted, most first */
	size_t nfacets;
	/* the current row's entity lists (point into data) */
	const char *provinces[2 * VNS_TAGS_MAX];
	const char *products[VNS_TAGS_MAX];
	const char *programmes[VNS_TAGS_MAX];
	const char *mentioned[2 * VNS_TAGS_MAX];
	vns_also_list also; /* the current row's other copies (also.h) */
};

vns_status vns_search_open(const char *dbpath, vns_search **out,
			   vns_err *err)
{
	vns_search *s = calloc(1, sizeof *s);
	vns_status st;

	if (!s)
		return vns_err_set(err, VNS_ENOMEM, "out of memory");
	s->syn = vns_synonyms_builtin();
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

vns_status vns_search_keep_facets(vns_search *s, vns_err *err)
{
	return vns_xdb_keep_column(s->db, VNS_SLOT_FACETS, VNS_VALUE_SEP, err);
}

void vns_search_free(vns_search *s)
{
	if (!s)
		return;
	vns_xdb_free(s->db);
	vns_analyser_free(s->a);
	free(s);
}

/* Set e to rank q (the plan's query, or one built with it). */
static vns_status configure(vns_xenquire *e, const vns_qplan *plan,
			    const vns_xquery *q, const vns_search_opts *o,
			    vns_err *err)
{
	vns_status st = vns_xenquire_set_query(e, q, err);

	if (!st)
		st = vns_xenquire_set_bm25(e, BM25_K1, 0, 1, BM25_B, 0.5, err);
	/* equal dates and scores by id: the same order over shards; one row
	 * per article republished by several sites (dedup.h); the facet spy
	 * still counts every document, copies included */
	if (!st && (o->sort == VNS_SORT_DATE || plan->browse)) {
		st = vns_xenquire_sort_by_value(e, VNS_SLOT_DATE_ID, 1, err);
		if (!st)
			st = vns_xenquire_set_collapse(e, VNS_SLOT_CONTENT, 1,
						       err);
	} else if (!st) {
		st = vns_xenquire_rank_distinct(e, VNS_SLOT_ID,
						VNS_SLOT_CONTENT, err);
	}
	return st;
}

/* The slot each facet's values come from; VNS_SLOT_FACETS holds them all,
 * each prefixed by that slot's number (schema.h). */
static const unsigned facet_slot[VNS_FACET_COUNT] = {
	[VNS_FACET_PROVINCE] = VNS_SLOT_PROVINCE,
	[VNS_FACET_PROVINCE_2024] = VNS_SLOT_PROVINCE_2024,
	[VNS_FACET_PRODUCT] = VNS_SLOT_PRODUCT,
	[VNS_FACET_PROGRAMME] = VNS_SLOT_PROGRAMME,
	[VNS_FACET_SOURCE] = VNS_SLOT_SOURCE,
	[VNS_FACET_YEAR] = VNS_SLOT_YEAR,
	[VNS_FACET_PRODUCT_GROUP] = VNS_SLOT_PRODUCT_GROUP,
};

/* One counted facet value. */
struct facet_count {
	unsigned slot;
	char *value;
	unsigned long count;
};

/* One spy counts every facet over the whole match set: a single value
 * read per document, whose parts are split after counting. */
static vns_status add_spies(vns_results *r, vns_xenquire *e, vns_err *err)
{
	vns_status st = vns_xspy_new_multi(VNS_SLOT_FACETS, VNS_VALUE_SEP,
					   &r->spy, err);

	if (!st)
		st = vns_xenquire_add_spy(e, r->spy, err);
	return st ? st
		  : vns_xenquire_set_spy_query(e, r->plan.count_query, err);
}

static int keep_facet(void *ctx, const char *value, size_t len,
		      unsigned long count)
{
	vns_results *r = ctx;
	const char *colon = memchr(value, ':', len);
	struct facet_count *f;

	if (!colon)
		return 0;
	f = realloc(r->facets, (r->nfacets + 1) * sizeof *f);
	if (!f)
		return 1;
	r->facets = f;
	f += r->nfacets;
	f->slot = (unsigned)atoi(value);
	f->count = count;
	f->value = strndup(colon + 1, len - (size_t)(colon + 1 - value));
	r->nfacets++;
	return f->value == NULL;
}

/* Keep what the spy counted, most frequent first. */
static vns_status collect_facets(vns_results *r, vns_err *err)
{
	vns_status st = vns_xspy_values(r->spy, 0, keep_facet, r, err);

	if (!st && r->nfacets && !r->facets[r->nfacets - 1].value)
		st = vns_err_set(err, VNS_ENOMEM, "out of memory");
	return st;
}


/* Re-ranking by proximity (README "Ranking"): the weight of each of the top
 * RERANK_DEPTH results by BM25 is multiplied by 1 + PROXIMITY_WEIGHT x the
 * share of the query's words found within PROXIMITY_WINDOW words. Within
 * that depth a score depends on the document alone, so a filter does not
 * change it; a document past the depth keeps its BM25 weight (a filter
 * that lifts it into the depth raises its score), and it can never
 * overtake a re-ranked one (the factor is >= 1). */
#define RERANK_DEPTH 30
#define PROXIMITY_WINDOW 20
#define PROXIMITY_WEIGHT 2.0

struct ranked {
	unsigned rank;  /* 0-based rank by BM25: the row in the mset */
	double score;
};

static int better_first(const void *a, const void *b)
{
	const struct ranked *x = a, *y = b;

	if (x->score != y->score)
		return x->score < y->score ? 1 : -1;
	return x->rank < y->rank ? -1 : (x->rank > y->rank);
}

/* The stored data of m's current row into out (docdata.h). */
static vns_status row_data(vns_xmset *m, vns_docdata *out, vns_err *err)
{
	const char *blob;
	size_t len;
	vns_status st = vns_xmset_data(m, &blob, &len, err);

	if (!st && (st = vns_docdata_decode(blob, len, out, err)))
		vns_err_prefix(err, "document %u: ", vns_xmset_docid(m));
	return st;
}

/* The proximity of m's current row (proximity.h) to the plan's folded
 * words, from the positions the index keeps for them. */
static vns_status row_proximity(vns_xmset *m, const vns_qplan *plan,
				double *out, vns_err *err)
{
	vns_poslist words[VNS_PROXIMITY_MAX_WORDS];
	unsigned *pos[VNS_PROXIMITY_MAX_WORDS] = { NULL };
	size_t n = plan->n_fold < VNS_PROXIMITY_MAX_WORDS
			   ? plan->n_fold : VNS_PROXIMITY_MAX_WORDS;
	vns_buf term;
	vns_status st = VNS_OK;

	vns_buf_init(&term, 0);
	for (size_t i = 0; !st && i < n; i++) {
		vns_buf_reset(&term);
		st = vns_buf_adds(&term, VNS_PREFIX_FOLD);
		if (!st)
			st = vns_buf_adds(&term, plan->hl_fold[i]);
		if (!st)
			st = vns_xmset_positions(m, term.data, term.len, &pos[i],
						 &words[i].n, err);
		words[i].pos = pos[i];
	}
	*out = st ? 0 : vns_proximity(words, n, PROXIMITY_WINDOW);
	for (size_t i = 0; i < n; i++)
		free(pos[i]);
	vns_buf_free(&term);
	return st == VNS_ENOMEM ? vns_err_set(err, st, "out of memory") : st;
}

static vns_status rerank(vns_results *r, unsigned offset, unsigned limit,
			 vns_err *err)
{
	size_t n = vns_xmset_size(r->mset);
	double prox;
	int got;
	vns_status st = VNS_OK;

	r->ranked = calloc(n ? n : 1, sizeof *r->ranked);
	if (!r->ranked)
		return vns_err_set(err, VNS_ENOMEM, "out of memory");
	while (!st && (got = vns_xmset_next(r->mset, err)) == VNS_ROW) {
		struct ranked *k = &r->ranked[r->nranked];
		k->rank = (unsigned)r->nranked;
		k->score = vns_xmset_weight(r->mset);
		if (k->rank < RERANK_DEPTH) {
			st = row_proximity(r->mset, &r->plan, &prox, err);
			k->score *= 1 + PROXIMITY_WEIGHT * prox;
		}
		r->nranked++;
	}
	if (!st && got < 0)
		st = err->code;
	qsort(r->ranked, r->nranked, sizeof *r->ranked, better_first);
	r->page_at = offset < r->nranked ? offset : r->nranked;
	r->page_end = offset + limit < r->nranked ? offset + limit : r->nranked;
	return st;
}

/* Worth re-ranking: ranked by relevance, a page within the re-ranked
 * depth, and more words than a short query has (those need all their
 * words, and their word pairs already rank adjacent words first). */
static int reranks(const vns_results *r, const vns_search_opts *o)
{
	return !r->plan.browse && o->sort == VNS_SORT_RELEVANCE &&
	       r->plan.n_fold > VNS_AND_MAX_WORDS &&
	       o->offset < RERANK_DEPTH;
}

static vns_status run_plan(vns_search *s, vns_results *r,
			   const vns_search_opts *o, vns_err *err)
{
	vns_xenquire *e = NULL;
	unsigned long docs = 0, all = 0;
	int rerank_it = reranks(r, o);
	unsigned depth = o->offset + o->limit > RERANK_DEPTH
				 ? o->offset + o->limit
				 : RERANK_DEPTH;
	vns_status st = vns_xenquire_new(s->db, &e, err);

	if (!st)
		st = configure(e, &r->plan, r->plan.query, o, err);
	/* filters alone count exactly (every match is checked); the empty
	 * query needs no counting: every document matches */
	if (!st && r->plan.browse)
		st = vns_xdb_doccount(s->db, &all, err);
	docs = r->plan.everything ? 0 : all;
	if (!st && o->facets)
		st = add_spies(r, e, err);
	if (!st && rerank_it)
		st = vns_xenquire_get_mset(e, 0, depth, 0, &r->mset, err);
	else if (!st)
		st = vns_xenquire_get_mset(e, o->offset, o->limit,
					   (unsigned)(docs > o->offset + o->limit
							      ? docs
							      : 0),
					   &r->mset, err);
	if (!st)
		r->total = r->plan.everything ? all
					      : vns_xmset_estimated(r->mset);
	if (!st && r->spy)
		st = collect_facets(r, err);
	if (!st && rerank_it)
		st = rerank(r, o->offset, o->limit, err);
	vns_xenquire_free(e);
	return st;
}

/* Documents whose text shows how a query without diacritics reads. */
#define READING_DOCS 5

static unsigned long reading_count(void *ctx, const char *term, size_t len)
{
	return vns_readings_count(ctx, term, len);
}

static int collect_fold(void *ctx, const vns_token *tok)
{
	vns_buf *b = ctx;

	if (tok->flags & VNS_TOKEN_COLOCATED)
		return vns_buf_add(b, tok->term, tok->len) ||
		       vns_buf_addc(b, '\0');
	return 0;
}

/* Every folded word of the query, NUL-separated in b, as a list. */
static vns_status query_folds(vns_analyser *a, const char *q, size_t len,
			      vns_buf *b, char ***list, size_t *n,
			      vns_err *err)
{
	vns_status st = vns_analyse(a, q, len, collect_fold, b, err);

	*n = 0;
	*list = NULL;
	if (st)
		return st;
	for (size_t i = 0; i < b->len; i++)
		*n += b->data[i] == '\0';
	*list = calloc(*n ? *n : 1, sizeof **list);
	if (!*list)
		return vns_err_set(err, VNS_ENOMEM, "out of memory");
	for (size_t i = 0, k = 0; k < *n; k++) {
		(*list)[k] = b->data + i;
		i += strlen(b->data + i) + 1;
	}
	return VNS_OK;
}

static vns_status tally_doc(vns_search *s, const vns_docdata *data,
			    vns_readings *rd, vns_err *err)
{
	const char *title = vns_docdata_str(data, VNS_DATA_TITLE);
	vns_status st = VNS_OK;

	if (title)
		st = vns_readings_add_text(rd, s->a, title, strlen(title), err);
	if (!st)
		st = vns_readings_add_text(rd, s->a, data->text,
					   data->text_len, err);
	return st;
}

/* Tally the readings of the query words in the top documents of the plan
 * built so far (its reading query: folded words only). */
static vns_status tally_top(vns_search *s, const vns_qplan *plan,
			    vns_readings *rd, vns_err *err)
{
	static const vns_search_opts by_relevance = { 0, READING_DOCS,
						      VNS_SORT_RELEVANCE, 0, 0 };
	vns_xenquire *e = NULL;
	vns_xmset *m = NULL;
	vns_docdata data = { NULL, NULL, 0 };
	int got;
	vns_status st = vns_xenquire_new(s->db, &e, err);

	if (!st)
		st = configure(e, plan, plan->reading_query, &by_relevance, err);
	if (!st)
		st = vns_xenquire_get_mset(e, 0, READING_DOCS, 0, &m, err);
	while (!st && (got = vns_xmset_next(m, err)) == VNS_ROW) {
		st = row_data(m, &data, err);
		if (!st)
			st = tally_doc(s, &data, rd, err);
		vns_docdata_clear(&data);
	}
	if (!st && got < 0)
		st = err->code;
	vns_xmset_free(m);
	vns_xenquire_free(e);
	return st;
}

/* The query with each word replaced by its best reading; NULL when no
 * word changes. Caller frees. */
static char *suggest(vns_analyser *a, const char *q, size_t len,
		     const vns_readings *rd);

/* A query typed without diacritics: find how the top documents read its
 * words, rebuild the plan so those readings score, and keep the reading
 * as a suggestion. */
static vns_status reread(vns_search *s, const vns_qtree *tree, const char *q,
			 size_t len, vns_results *r, vns_err *err)
{
	vns_buf folds;
	char **list = NULL;
	size_t n = 0;
	vns_readings *rd = NULL;
	vns_qstats stats = { reading_count, NULL, s->syn };
	vns_status st;

	vns_buf_init(&folds, 0);
	st = query_folds(s->a, q, len, &folds, &list, &n, err);
	if (!st)
		st = vns_readings_new(list, n, &rd, err);
	if (!st)
		st = tally_top(s, &r->plan, rd, err);
	if (!st) {
		stats.ctx = rd;
		vns_qplan_clear(&r->plan);
		st = vns_qbuild_stats(s->a, tree, &stats, &r->plan, err);
	}
	if (!st)
		r->suggestion = suggest(s->a, q, len, rd);
	vns_readings_free(rd);
	free(list);
	vns_buf_free(&folds);
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
	vns_qstats first = { NULL, NULL, s->syn };
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
		st = vns_qbuild_stats(s->a, &tree, &first, &r->plan, err);
	if (!st && !r->plan.marked && !r->plan.browse)
		st = reread(s, &tree, query, len, r, err);
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

static vns_status load_row(vns_results *r, vns_err *err)
{
	vns_docdata_clear(&r->data);
	return row_data(r->mset, &r->data, err);
}

static vns_status make_snippet(vns_results *r, vns_err *err)
{
	vns_hlwords w = { r->plan.hl_exact, r->plan.n_exact,
			  r->plan.hl_fold, r->plan.n_fold };

	vns_buf_reset(&r->snip.text);
	r->snip.nspans = 0;
	if (!r->snippet_bytes)
		return VNS_OK;
	return vns_snippet_make(r->s->a, r->data.text, r->data.text_len, &w,
				r->snippet_bytes, &r->snip, err);
}

/* The strings of the stored array data[key] into out (at most max);
 * their number. */
static size_t names(const vns_docdata *data, const char *key,
		    const char **out, size_t max)
{
	size_t n;
	const char *const *list = vns_docdata_list(data, key, &n);

	if (n > max)
		n = max;
	for (size_t i = 0; i < n; i++)
		out[i] = list[i];
	return n;
}

/* The row's entity lists from its stored data (empty in an index built
 * before the tagger). */
static void entities(vns_results *r, vns_result *row)
{
	size_t n25 = names(&r->data, VNS_DATA_PROVINCES, r->provinces,
			   VNS_TAGS_MAX);

	row->n_provinces_2025 = n25;
	row->n_provinces = n25 + names(&r->data, VNS_DATA_PROVINCES_2024,
				       r->provinces + n25, VNS_TAGS_MAX);
	row->provinces = r->provinces;
	row->n_products = names(&r->data, VNS_DATA_PRODUCTS, r->products,
				VNS_TAGS_MAX);
	row->products = r->products;
	row->n_programmes = names(&r->data, VNS_DATA_PROGRAMMES,
				  r->programmes, VNS_TAGS_MAX);
	row->programmes = r->programmes;
	n25 = names(&r->data, VNS_DATA_MENTIONED_PROVINCES, r->mentioned,
		    VNS_TAGS_MAX);
	row->n_mentioned_2025 = n25;
	row->n_mentioned = n25 + names(&r->data,
				       VNS_DATA_MENTIONED_PROVINCES_2024,
				       r->mentioned + n25, VNS_TAGS_MAX);
	row->mentioned = r->mentioned;
}

/* The next row: from the re-ranked list, or straight from the mset. */
static int next_row(vns_results *r, unsigned *rank, double *score,
		    vns_err *err)
{
	int got;
	vns_status st;

	if (r->ranked) {
		if (r->page_at >= r->page_end)
			return VNS_DONE;
		st = vns_xmset_seek(r->mset, r->ranked[r->page_at].rank, err);
		*score = r->ranked[r->page_at].score;
		*rank = (unsigned)r->page_at++;
	} else {
		got = vns_xmset_next(r->mset, err);
		if (got != VNS_ROW)
			return got;
		st = VNS_OK;
		*rank = vns_xmset_rank(r->mset);
		*score = vns_xmset_weight(r->mset);
	}
	if (!st)
		st = load_row(r, err);
	return st ? -(int)st : VNS_ROW;
}

int vns_results_next(vns_results *r, vns_result *row, vns_err *err)
{
	unsigned rank = 0;
	double score = 0;
	int got = next_row(r, &rank, &score, err);
	vns_status st;

	if (got != VNS_ROW)
		return got;
	st = make_snippet(r, err);
	if (st)
		return -(int)st;
	row->rank = rank + 1;
	row->id = vns_docdata_str(&r->data, VNS_DATA_ID);
	row->title = vns_docdata_str(&r->data, VNS_DATA_TITLE);
	row->url = vns_docdata_str(&r->data, VNS_DATA_URL);
	row->date = vns_docdata_str(&r->data, VNS_DATA_DATE);
	row->source = vns_docdata_str(&r->data, VNS_DATA_SOURCE);
	row->score = score;
	row->snippet = r->snip.text.data;
	row->spans = (const size_t(*)[2])r->snip.span;
	row->nspans = r->snip.nspans;
	if (!row->id)
		row->id = "";
	entities(r, row);
	st = vns_also_find(r->s->db, vns_docdata_str(&r->data, VNS_DATA_CONTENT), row->id,
			   &r->also, err);
	row->also = r->also.items;
	row->n_also = r->also.n;
	return st ? -(int)st : 1;
}

const char *vns_facet_name(vns_facet_kind kind)
{
	static const char *const names[VNS_FACET_COUNT] = {
		"province", "province_2024", "product",
		"programme", "source", "year", "product_group",
	};

	return (unsigned)kind < VNS_FACET_COUNT ? names[kind] : "unknown";
}

int vns_results_has_facets(const vns_results *r)
{
	return r->spy != NULL;
}

unsigned long vns_results_documents(const vns_results *r)
{
	return r->spy ? vns_xspy_total(r->spy) : 0;
}

/* Hands a spy's (value, len) to the caller's NUL-terminated form. */
vns_status vns_results_facet(const vns_results *r, vns_facet_kind kind,
			     unsigned max,
			     int (*fn)(void *ctx, const char *value,
				       unsigned long count),
			     void *ctx, vns_err *err)
{
	unsigned shown = 0;

	if ((unsigned)kind >= VNS_FACET_COUNT)
		return vns_err_set(err, VNS_EINVAL, "no facet %d", (int)kind);
	for (size_t i = 0; i < r->nfacets && (!max || shown < max); i++) {
		if (r->facets[i].slot != facet_slot[kind])
			continue;
		shown++;
		if (fn(ctx, r->facets[i].value, r->facets[i].count))
			break;
	}
	return VNS_OK;
}

const char *vns_results_suggestion(const vns_results *r)
{
	return r->suggestion;
}

/* Walk state of suggest(): the query rebuilt word by word. */
struct rewrite {
	const char *q;
	size_t at;          /* bytes of q copied so far */
	const vns_readings *rd;
	vns_buf out;
	int changed;
};

static int rewrite_word(void *ctx, const vns_token *tok)
{
	struct rewrite *w = ctx;
	char fold[VNS_TERM_MAX + 1];
	const char *best;

	if (!(tok->flags & VNS_TOKEN_COLOCATED) || tok->len > VNS_TERM_MAX)
		return 0;
	memcpy(fold, tok->term, tok->len);
	fold[tok->len] = '\0';
	best = vns_readings_best(w->rd, fold);
	if (!best || (strlen(best) == tok->end - tok->start &&
		      memcmp(best, w->q + tok->start, strlen(best)) == 0))
		return 0;
	w->changed = 1;
	if (vns_buf_add(&w->out, w->q + w->at, tok->start - w->at) ||
	    vns_buf_adds(&w->out, best))
		return 1;
	w->at = tok->end;
	return 0;
}

static char *suggest(vns_analyser *a, const char *q, size_t len,
		     const vns_readings *rd)
{
	struct rewrite w = { q, 0, rd, { 0 }, 0 };
	vns_err err;

	vns_buf_init(&w.out, 4 * len + 64);
	if (vns_analyse(a, q, len, rewrite_word, &w, &err) || !w.changed ||
	    vns_buf_add(&w.out, q + w.at, len - w.at)) {
		vns_buf_free(&w.out);
		return NULL;
	}
	return vns_buf_detach(&w.out, NULL);
}

void vns_results_free(vns_results *r)
{
	if (!r)
		return;
	vns_qplan_clear(&r->plan);
	free(r->suggestion);
	free(r->ranked);
	vns_xmset_free(r->mset);
	vns_docdata_clear(&r->data);
	vns_also_clear(&r->also);
	vns_snippet_free(&r->snip);
	vns_xspy_free(r->spy);
	for (size_t i = 0; i < r->nfacets; i++)
		free(r->facets[i].value);
	free(r->facets);
	free(r);
}
