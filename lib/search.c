/* search.c - running one search over the index (vnsearch.h's reading
 * side): parse, build, rank a page, count facets, walk the rows. */
#include "vnsearch.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "also.h"
#include "analyse.h"
#include "buf.h"
#include "docdata.h"
#include "facets.h"
#include "like.h"
#include "qbuild.h"
#include "qparse.h"
#include "proximity.h"
#include "ranked.h"
#include "readings.h"
#include "schema.h"
#include "snippet.h"
#include "stub.h"
#include "synonyms.h"
#include "tagger.h"
#include "typing.h"
#include "utctime.h"
#include "verify.h"
#include "xapian-c.h"

/* BM25 parameters of the ranking (see doc/ranking.md). */
#define BM25_K1 1.0
#define BM25_B 0.5

struct vns_db {
	vns_xdb *db;
	vns_analyser *a;
	const vns_synonyms *syn;
	vns_distinct distinct; /* the relevance order, and its state */
	int keep_facets;       /* vns_db_keep_facets() was called */
	vns_column *col;       /* the facet column, when kept */
	vns_typing_src typing; /* the index's terms, for typing.h */
	char *path;            /* as opened, for messages */
};

struct vns_results {
	vns_db *s;
	vns_qplan plan;
	char *suggestion;    /* "Did you mean", or NULL */
	vns_ranked *page;
	/* when the top results were re-ranked: every fetched row, in the
	 * final order, and where the page starts and ends in it */
	struct ranked *ranked;
	size_t nranked, page_at, page_end;
	unsigned long total;
	unsigned snippet_bytes;
	vns_docdata data;    /* the current row's stored data */
	vns_snippet snip;
	int counted;         /* facets were asked for */
	vns_facet_counts fc; /* "slot:value" entries, most first */
	/* the current row's entity lists (point into data) */
	const char *provinces[2 * VNS_TAGS_MAX];
	const char *products[VNS_TAGS_MAX];
	const char *programmes[VNS_TAGS_MAX];
	const char *mentioned[2 * VNS_TAGS_MAX];
	vns_also_list also; /* the current row's other copies (also.h) */
};

static int remote_line(void *ctx, vns_stub_kind kind, const char *name,
		       const char *line)
{
	(void)name;
	(void)line;
	*(int *)ctx |= kind == VNS_STUB_REMOTE;
	return *(int *)ctx;
}

/* 1 if the index at path (a stub file, or a directory with one) has a
 * remote shard; Xapian does not say so once the database is open. */
static int is_remote(const char *path)
{
	vns_buf stub;
	int remote = 0;

	vns_buf_init(&stub, 0);
	vns_stub_each(path, remote_line, &remote, NULL);
	if (!remote && !vns_buf_addf(&stub, "%s/%s", path, VNS_STUB_NAME))
		vns_stub_each(stub.data, remote_line, &remote, NULL);
	vns_buf_free(&stub);
	return remote;
}

/* typing.h's view of the index: a failed lookup counts as absent (the
 * word is then read as typed, or the search itself reports the error). */
static unsigned long index_termfreq(void *ctx, const char *term, size_t len)
{
	unsigned long n = 0;
	vns_err err;

	if (vns_xdb_termfreq(ctx, term, len, &n, &err))
		return 0;
	return n;
}

static void index_allterms(void *ctx, const char *prefix,
			   int (*fn)(void *fctx, const char *term, size_t len,
				     unsigned long termfreq),
			   void *fctx)
{
	vns_err err;

	(void)vns_xdb_allterms(ctx, prefix, fn, fctx, &err);
}

/* st, a failure reading s: a damaged index gets one line naming it and
 * what to do (verify.h). */
static vns_status damaged(const vns_db *s, vns_status st, vns_err *err)
{
	if (st == VNS_EDBCORRUPT)
		vns_verify_damaged(err, s->path);
	return st;
}

vns_status vns_db_open(const char *dbpath, vns_db **out,
			   vns_err *err)
{
	vns_db *s = calloc(1, sizeof *s);
	vns_status st;

	if (!s || !(s->path = strdup(dbpath))) {
		free(s);
		return vns_err_set(err, VNS_ENOMEM, "out of memory");
	}
	s->syn = vns_synonyms_builtin();
	s->distinct = (vns_distinct){ VNS_SLOT_ID, VNS_SLOT_CONTENT,
				      is_remote(dbpath), 0 };
	st = vns_xdb_open(dbpath, &s->db, err);
	if (!st)
		st = vns_analyser_new(&s->a, err);
	s->typing = (vns_typing_src){ index_termfreq, index_allterms, s->db };
	if (st) {
		damaged(s, st, err);
		vns_db_close(s);
		return st;
	}
	*out = s;
	return VNS_OK;
}

vns_status vns_db_keep_facets(vns_db *s, vns_err *err)
{
	(void)err;
	s->keep_facets = 1;
	return VNS_OK;
}

vns_status vns_db_revision(vns_db *s, unsigned long long *out, vns_err *err)
{
	unsigned long n = 0;
	vns_err ignored;
	vns_status st = vns_xdb_revision(s->db, &n, &ignored);

	if (st)
		st = vns_xdb_doccount(s->db, &n, err);
	*out = n;
	return st;
}

vns_status vns_time_utc(const char *iso, char out[VNS_TIME_LEN + 1],
			vns_err *err)
{
	long long t;
	vns_status st = vns_utc_parse(iso, &t, err);

	if (!st)
		vns_utc_iso(t, out);
	return st;
}

void vns_db_close(vns_db *s)
{
	if (!s)
		return;
	vns_column_free(s->col);
	vns_xdb_free(s->db);
	vns_analyser_free(s->a);
	free(s->path);
	free(s);
}

/* 1 if the plan's rows go by date (asked for, or no words to rank by). */
static int by_date(const vns_qplan *plan, const vns_search_opts *o)
{
	return o->sort == VNS_SORT_DATE || plan->browse;
}

/* Set e to rank q (the plan's query, or one built with it). */
static vns_status configure(vns_xenquire *e, const vns_qplan *plan,
			    const vns_xquery *q, const vns_search_opts *o,
			    vns_err *err)
{
	vns_status st = vns_xenquire_set_query(e, q, err);

	if (!st)
		st = vns_xenquire_set_bm25(e, BM25_K1, 0, 1, BM25_B, 0.5, err);
	/* equal dates by id: the same order over shards; one row per
	 * article republished by several sites (dedup.h); the facets still
	 * count every document, copies included */
	if (!st && by_date(plan, o)) {
		st = vns_xenquire_sort_by_value(e, VNS_SLOT_DATE_ID, 1, err);
		if (!st)
			st = vns_xenquire_set_collapse(e, VNS_SLOT_CONTENT, 1,
						       err);
	}
	return st;
}

/* The page offset .. offset+count-1 of e (configured for plan). */
static vns_status rank_page(vns_db *s, vns_xenquire *e, const vns_qplan *plan,
			    const vns_search_opts *o, unsigned offset,
			    unsigned count, unsigned check_at_least,
			    vns_ranked **out, vns_err *err)
{
	if (by_date(plan, o))
		return vns_ranked_sorted(e, offset, count, check_at_least, out,
					 err);
	return vns_ranked_distinct(s->db, e, &s->distinct, offset, count,
				   check_at_least, out, err);
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

/* Count every facet over the whole match set: one value read per
 * document (or the kept column), whose entries are split after counting. */
static vns_status count_facets(vns_db *s, vns_results *r, vns_err *err)
{
	vns_status st = VNS_OK;

	r->counted = 1;
	if (s->keep_facets)
		st = vns_column_update(&s->col, s->db, VNS_SLOT_FACETS,
				       VNS_VALUE_SEP, err);
	return st ? st
		  : vns_facets_count(s->db, r->plan.count_query,
				     VNS_SLOT_FACETS, VNS_VALUE_SEP, s->col,
				     &r->fc, err);
}

/* Re-ranking by proximity (doc/ranking.md): the weight of each of the top
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
	size_t n = vns_ranked_size(r->page);
	double prox;
	int got;
	vns_status st = VNS_OK;

	r->ranked = calloc(n ? n : 1, sizeof *r->ranked);
	if (!r->ranked)
		return vns_err_set(err, VNS_ENOMEM, "out of memory");
	while (!st && (got = vns_ranked_next(r->page, err)) == VNS_ROW) {
		struct ranked *k = &r->ranked[r->nranked];
		vns_xmset *m = vns_ranked_mset(r->page);

		k->rank = (unsigned)r->nranked;
		k->score = vns_xmset_weight(m);
		if (k->rank < RERANK_DEPTH) {
			st = row_proximity(m, &r->plan, &prox, err);
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

static vns_status run_plan(vns_db *s, vns_results *r,
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
		st = count_facets(s, r, err);
	if (!st && rerank_it)
		st = rank_page(s, e, &r->plan, o, 0, depth, 0, &r->page, err);
	else if (!st)
		st = rank_page(s, e, &r->plan, o, o->offset, o->limit,
			       (unsigned)(docs > o->offset + o->limit ? docs
								      : 0),
			       &r->page, err);
	if (!st)
		r->total = r->plan.everything ? all
					      : vns_ranked_estimated(r->page);
	if (!st && rerank_it)
		st = rerank(r, o->offset, o->limit, err);
	vns_xenquire_free(e);
	return st;
}

/* The most BM25 (as configure() sets it) gives a document for term:
 * (k1 + 1) x the term's weight, as Xapian's BM25Weight computes it from
 * the term's frequency (a query term weighs once: wqf 1). */
static double term_bound(void *ctx, const char *term, size_t len)
{
	vns_db *s = ctx;
	unsigned long n = 0, N = 0;
	vns_err err;
	double tw;

	if (vns_xdb_doccount(s->db, &N, &err) ||
	    vns_xdb_termfreq(s->db, term, len, &n, &err) || n == 0)
		return 0;
	tw = ((double)N - (double)n + 0.5) / ((double)n + 0.5);
	if (tw < 2)
		tw = (tw <= 1e-6 ? 1e-6 : tw) / 2 + 1;
	return (BM25_K1 + 1) * log(tw);
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

static vns_status tally_doc(vns_db *s, const vns_docdata *data,
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
static vns_status tally_top(vns_db *s, const vns_qplan *plan,
			    vns_readings *rd, vns_err *err)
{
	static const vns_search_opts by_relevance = {
		.limit = READING_DOCS, .sort = VNS_SORT_RELEVANCE };
	vns_xenquire *e = NULL;
	vns_ranked *p = NULL;
	vns_docdata data = { NULL, NULL, 0 };
	int got;
	vns_status st = vns_xenquire_new(s->db, &e, err);

	if (!st)
		st = configure(e, plan, plan->reading_query, &by_relevance, err);
	if (!st)
		st = rank_page(s, e, plan, &by_relevance, 0, READING_DOCS, 0, &p,
			       err);
	while (!st && (got = vns_ranked_next(p, err)) == VNS_ROW) {
		st = row_data(vns_ranked_mset(p), &data, err);
		if (!st)
			st = tally_doc(s, &data, rd, err);
		vns_docdata_clear(&data);
	}
	if (!st && got < 0)
		st = err->code;
	vns_ranked_free(p);
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
static vns_status reread(vns_db *s, const vns_qtree *tree, const char *q,
			 size_t len, vns_results *r, vns_err *err)
{
	vns_buf folds;
	char **list = NULL;
	size_t n = 0;
	vns_readings *rd = NULL;
	vns_qstats stats = { reading_count, NULL, s->syn, &s->typing,
			     term_bound, s };
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

/* The query with each word the plan reads otherwise than typed replaced
 * by its reading (typing.h): "Bawcs Giang" -> "Bắc Giang". NULL when out
 * of memory. Caller frees. */
static char *fixed_query(const vns_qplan *plan, const char *q, size_t len)
{
	vns_buf out;
	size_t at = 0;
	char *own = strndup(q, len); /* q need not end with a NUL */

	if (!own)
		return NULL;
	q = own;
	len = strlen(own);
	vns_buf_init(&out, 4 * len + 64);
	for (size_t i = 0; i < plan->n_fix; i++) {
		const char *t = plan->fix_typed[i];
		const char *hit = strstr(q + at, t);
		if (!hit || (size_t)(hit - q) + strlen(t) > len)
			continue;
		if (vns_buf_add(&out, q + at, (size_t)(hit - q) - at) ||
		    vns_buf_adds(&out, plan->fix_shown[i]))
			break;
		at = (size_t)(hit - q) + strlen(t);
	}
	if (vns_buf_add(&out, q + at, len - at)) {
		vns_buf_free(&out);
		free(own);
		return NULL;
	}
	free(own);
	return vns_buf_detach(&out, NULL);
}

/* *q becomes q FILTER by (by is freed; *q replaced). */
static vns_status filter_by(vns_xquery **q, vns_xquery *by, vns_err *err)
{
	vns_xquery *sub[2] = { *q, by };
	vns_xquery *both = vns_xquery_combine(VNS_XOP_FILTER, sub, 2, 0, err);

	if (!both)
		return err ? err->code : VNS_ENOMEM;
	vns_xquery_free(*q);
	*q = both;
	return VNS_OK;
}

/* Only documents indexed at or after opts.added_since (VNS_SLOT_INDEXED);
 * the empty query then no longer matches every document. */
static vns_status since_filter(vns_qplan *plan, const char *since,
			       vns_err *err)
{
	long long t;
	char key[VNS_UTC_KEY_LEN + 1];
	vns_xquery *by[2] = { NULL, NULL };
	vns_status st = vns_utc_parse(since, &t, err);

	if (st) {
		vns_err_prefix(err, "added since: ");
		if (err)
			err->code = VNS_EQUERY;
		return VNS_EQUERY;
	}
	vns_utc_key(t, key);
	by[0] = vns_xquery_value_range(VNS_SLOT_INDEXED, key, NULL, err);
	by[1] = vns_xquery_value_range(VNS_SLOT_INDEXED, key, NULL, err);
	st = by[0] && by[1] ? filter_by(&plan->query, by[0], err)
			    : (err ? err->code : VNS_ENOMEM);
	if (!st)
		st = filter_by(&plan->count_query, by[1], err);
	vns_xquery_free(by[0]);
	vns_xquery_free(by[1]);
	plan->everything = 0;
	return st;
}

/* Rank the documents like opts.like; the plan's query (unless it is the
 * empty one) only filters them, and they go by relevance. */
static vns_status like_plan(vns_db *s, vns_qplan *plan, const char *id,
			    vns_err *err)
{
	vns_xquery *like = NULL, *sub[2];
	size_t n;
	vns_status st = vns_like_query(s->db, id, &like, err);

	if (st)
		return st;
	sub[0] = like;
	sub[1] = plan->query;
	n = plan->everything ? 1 : 2;
	vns_xquery_free(plan->count_query);
	plan->count_query = vns_xquery_combine(VNS_XOP_FILTER, sub, n, 0, err);
	plan->query = vns_xquery_combine(VNS_XOP_FILTER, sub, n, 0, err);
	vns_xquery_free(sub[1]);
	vns_xquery_free(like);
	if (!plan->query || !plan->count_query)
		st = err ? err->code : VNS_ENOMEM;
	plan->browse = plan->everything = 0;
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

vns_status vns_db_search(vns_db *s, const char *query, size_t len,
			  const vns_search_opts *opts, vns_results **out,
			  vns_err *err)
{
	vns_results *r;
	vns_qtree tree = { 0 };
	vns_qstats first = { NULL, NULL, s->syn, &s->typing, term_bound, s };
	char *fixed = NULL;
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
	if (!st && r->plan.n_fix && !(fixed = fixed_query(&r->plan, query, len)))
		st = vns_err_set(err, VNS_ENOMEM, "out of memory");
	if (!st && !r->plan.marked && !r->plan.browse && !opts->like)
		st = reread(s, &tree, fixed ? fixed : query,
			    fixed ? strlen(fixed) : len, r, err);
	if (!st && fixed && !r->suggestion) {
		r->suggestion = fixed;
		fixed = NULL;
	}
	free(fixed);
	vns_qtree_free(&tree);
	if (!st && opts->like)
		st = like_plan(s, &r->plan, opts->like, err);
	if (!st && opts->added_since)
		st = since_filter(&r->plan, opts->added_since, err);
	if (!st)
		st = run_plan(s, r, opts, err);
	if (st) {
		vns_results_free(r);
		return damaged(s, st, err);
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
	return row_data(vns_ranked_mset(r->page), &r->data, err);
}

static vns_status make_snippet(vns_results *r, vns_err *err)
{
	vns_hlwords w = { r->plan.hl_exact, r->plan.n_exact,
			  r->plan.hl_fold, r->plan.n_fold,
			  r->plan.hl_seq, r->plan.hl_seq_flags, r->plan.n_seq };

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
		st = vns_ranked_seek(r->page, r->ranked[r->page_at].rank, err);
		*score = r->ranked[r->page_at].score;
		*rank = (unsigned)r->page_at++;
	} else {
		got = vns_ranked_next(r->page, err);
		if (got != VNS_ROW)
			return got;
		st = VNS_OK;
		*rank = vns_ranked_rank(r->page);
		*score = vns_xmset_weight(vns_ranked_mset(r->page));
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
		return got < 0 ? -(int)damaged(r->s, (vns_status)-got, err) : got;
	st = make_snippet(r, err);
	if (st)
		return -(int)damaged(r->s, st, err);
	row->rank = rank + 1;
	row->id = vns_docdata_str(&r->data, VNS_DATA_ID);
	row->title = vns_docdata_str(&r->data, VNS_DATA_TITLE);
	row->title_derived =
		vns_docdata_str(&r->data, VNS_DATA_TITLE_FROM) != NULL;
	row->url = vns_docdata_str(&r->data, VNS_DATA_URL);
	row->date = vns_docdata_str(&r->data, VNS_DATA_DATE);
	row->source = vns_docdata_str(&r->data, VNS_DATA_SOURCE);
	row->indexed = vns_docdata_str(&r->data, VNS_DATA_INDEXED);
	row->ocr = vns_docdata_str(&r->data, VNS_DATA_OCR);
	row->ocr_low = vns_docdata_list(&r->data, VNS_DATA_OCR_LOW,
					&row->n_ocr_low);
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
	return r->counted;
}

unsigned long vns_results_documents(const vns_results *r)
{
	return r->fc.total;
}

/* The counted entries are "slot:value" (schema.h): kind's are those of
 * its slot. */
vns_status vns_results_facet(const vns_results *r, vns_facet_kind kind,
			     unsigned max,
			     int (*fn)(void *ctx, const char *value,
				       unsigned long count),
			     void *ctx, vns_err *err)
{
	unsigned shown = 0;

	if ((unsigned)kind >= VNS_FACET_COUNT)
		return vns_err_set(err, VNS_EINVAL, "no facet %d", (int)kind);
	for (size_t i = 0; i < r->fc.n && (!max || shown < max); i++) {
		const char *v = r->fc.v[i].value, *colon = strchr(v, ':');

		if (!colon || strtoul(v, NULL, 10) != facet_slot[kind])
			continue;
		shown++;
		if (fn(ctx, colon + 1, r->fc.v[i].count))
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

struct ids {
	int (*fn)(void *ctx, const char *id);
	void *ctx;
	vns_buf id;
};

static int each_id(void *ctx, const char *term, size_t len,
		   unsigned long termfreq)
{
	struct ids *ids = ctx;
	size_t skip = strlen(VNS_PREFIX_ID);

	(void)termfreq;
	vns_buf_reset(&ids->id);
	if (len < skip || vns_buf_add(&ids->id, term + skip, len - skip))
		return 0;
	return ids->fn(ids->ctx, ids->id.data);
}

vns_status vns_db_ids(vns_db *db, const char *prefix,
		      int (*fn)(void *ctx, const char *id), void *ctx,
		      vns_err *err)
{
	struct ids ids = { fn, ctx, { 0 } };
	vns_buf term;
	vns_status st;

	vns_buf_init(&ids.id, 0);
	vns_buf_init(&term, 0);
	st = vns_buf_adds(&term, VNS_PREFIX_ID);
	if (!st)
		st = vns_buf_adds(&term, prefix);
	if (st)
		st = vns_err_set(err, st, "prefix '%s' is too long", prefix);
	else
		st = vns_xdb_allterms(db->db, term.data, each_id, &ids, err);
	vns_buf_free(&term);
	vns_buf_free(&ids.id);
	return st;
}

void vns_results_free(vns_results *r)
{
	if (!r)
		return;
	vns_qplan_clear(&r->plan);
	free(r->suggestion);
	free(r->ranked);
	vns_ranked_free(r->page);
	vns_docdata_clear(&r->data);
	vns_also_clear(&r->also);
	vns_snippet_free(&r->snip);
	vns_facet_counts_clear(&r->fc);
	free(r);
}
