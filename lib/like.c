/* like.c - the query for documents like a given one (see like.h). */
#include "like.h"

#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "schema.h"

/* Expand terms taken from the document (folded words and word pairs). */
#define LIKE_TERMS 40
/* The constant weight a shared entity adds, next to the BM25 weight of the
 * expand terms (a few units each): a shared 2025 province or product
 * ranks a document above any that shares words only, which the words
 * then order (doc/ranking.md, "Related articles"). */
#define LIKE_PRODUCT_WEIGHT 20.0
#define LIKE_PROVINCE_WEIGHT 40.0
#define LIKE_PROGRAMME_WEIGHT 2.0
/* Most entity and content terms read from the document. */
#define LIKE_TAGS_MAX 32

/* The weighted prefixes of the document's boolean terms. */
static const struct {
	const char *prefix;
	double weight;
} entity_prefix[] = {
	{ VNS_PREFIX_PRODUCT, LIKE_PRODUCT_WEIGHT },
	{ VNS_PREFIX_PROVINCE, LIKE_PROVINCE_WEIGHT },
	{ VNS_PREFIX_PROGRAMME, LIKE_PROGRAMME_WEIGHT },
};

#define NPREFIX (sizeof entity_prefix / sizeof entity_prefix[0])

/* The query being built: OR'ed parts, excluded terms. */
typedef struct like {
	vns_xquery *part[LIKE_TERMS + LIKE_TAGS_MAX];
	size_t nparts;
	vns_xquery *excl[LIKE_TAGS_MAX + 1];
	size_t nexcl;
	vns_err *err;
	vns_status st;
} like;

static int has_prefix(const char *term, size_t len, const char *prefix)
{
	size_t n = strlen(prefix);

	return len > n && !memcmp(term, prefix, n) &&
	       !(term[n] >= 'A' && term[n] <= 'Z');
}

static void keep(like *l, vns_xquery **list, size_t *n, size_t max,
		 vns_xquery *q)
{
	if (!q) {
		l->st = l->err ? l->err->code : VNS_ENOMEM;
		return;
	}
	if (*n < max)
		list[(*n)++] = q;
	else
		vns_xquery_free(q);
}

/* A constant weight w for the documents indexed by term. */
static vns_xquery *weighted_tag(const char *term, size_t len, double w,
				vns_err *err)
{
	vns_xquery *sub[2] = { vns_xquery_fixed_weight(w, err),
			       vns_xquery_term(term, len, 1, 0, err) };
	vns_xquery *q = sub[0] && sub[1]
				? vns_xquery_combine(VNS_XOP_FILTER, sub, 2, 0,
						     err)
				: NULL;

	vns_xquery_free(sub[0]);
	vns_xquery_free(sub[1]);
	return q;
}

/* Each boolean term of the document: an entity is weighted in, the
 * content key excludes the copies. */
static int take_tag(void *ctx, const char *term, size_t len, unsigned wdf)
{
	like *l = ctx;

	(void)wdf;
	if (has_prefix(term, len, VNS_PREFIX_CONTENT))
		keep(l, l->excl, &l->nexcl, LIKE_TAGS_MAX + 1,
		     vns_xquery_term(term, len, 1, 0, l->err));
	for (size_t i = 0; i < NPREFIX && !l->st; i++)
		if (has_prefix(term, len, entity_prefix[i].prefix))
			keep(l, l->part, &l->nparts,
			     LIKE_TERMS + LIKE_TAGS_MAX,
			     weighted_tag(term, len, entity_prefix[i].weight,
					  l->err));
	return l->st != VNS_OK;
}

/* Words and word pairs, folded: what the feedback may pick. */
static int is_word(void *ctx, const char *term, size_t len)
{
	(void)ctx;
	return has_prefix(term, len, VNS_PREFIX_FOLD) ||
	       has_prefix(term, len, VNS_PREFIX_FOLD_PAIR);
}

static int take_word(void *ctx, const char *term, size_t len, double w)
{
	like *l = ctx;

	(void)w;
	keep(l, l->part, &l->nparts, LIKE_TERMS + LIKE_TAGS_MAX,
	     vns_xquery_term(term, len, 1, 0, l->err));
	return l->st != VNS_OK;
}

/* The document number of the document with id; VNS_ENOTFOUND if none. */
static vns_status find_doc(vns_xdb *db, const char *id, vns_docid *did,
			   vns_err *err)
{
	vns_buf term;
	vns_xquery *q = NULL;
	vns_xenquire *e = NULL;
	vns_xmset *m = NULL;
	vns_status st;

	vns_buf_init(&term, 0);
	st = vns_buf_adds(&term, VNS_PREFIX_ID) || vns_buf_adds(&term, id)
		     ? vns_err_set(err, VNS_ENOMEM, "out of memory")
		     : VNS_OK;
	if (!st && !(q = vns_xquery_term(term.data, term.len, 1, 0, err)))
		st = err ? err->code : VNS_ENOMEM;
	if (!st)
		st = vns_xenquire_new(db, &e, err);
	if (!st)
		st = vns_xenquire_set_query(e, q, err);
	if (!st)
		st = vns_xenquire_set_boolean(e, err);
	if (!st)
		st = vns_xenquire_get_mset(e, 0, 1, 0, &m, err);
	if (!st && vns_xmset_next(m, err) != VNS_ROW)
		st = vns_err_set(err, VNS_ENOTFOUND, "no document '%s'", id);
	if (!st)
		*did = vns_xmset_docid(m);
	vns_xmset_free(m);
	vns_xenquire_free(e);
	vns_xquery_free(q);
	vns_buf_free(&term);
	return st;
}

/* The document's own id term, so that it never matches. */
static vns_status exclude_self(like *l, const char *id)
{
	vns_buf term;

	vns_buf_init(&term, 0);
	if (vns_buf_adds(&term, VNS_PREFIX_ID) || vns_buf_adds(&term, id))
		l->st = vns_err_set(l->err, VNS_ENOMEM, "out of memory");
	else
		keep(l, l->excl, &l->nexcl, LIKE_TAGS_MAX + 1,
		     vns_xquery_term(term.data, term.len, 1, 0, l->err));
	vns_buf_free(&term);
	return l->st;
}

/* (parts OR'ed) AND NOT (excluded). */
static vns_xquery *assemble(like *l)
{
	vns_xquery *any = vns_xquery_combine(VNS_XOP_OR, l->part, l->nparts,
					     0, l->err);
	vns_xquery *sub[1 + LIKE_TAGS_MAX + 1];
	vns_xquery *q = NULL;

	if (any) {
		sub[0] = any;
		memcpy(sub + 1, l->excl, l->nexcl * sizeof *sub);
		q = vns_xquery_combine(VNS_XOP_AND_NOT, sub, 1 + l->nexcl, 0,
				       l->err);
	}
	vns_xquery_free(any);
	return q;
}

static vns_status gather(vns_xdb *db, const char *id, like *l)
{
	vns_docid did = 0;
	vns_xdoc *doc = NULL;
	vns_xenquire *e = NULL;
	vns_status st = find_doc(db, id, &did, l->err);

	if (!st)
		st = vns_xdb_document(db, did, &doc, l->err);
	if (!st)
		st = vns_xdoc_terms(doc, take_tag, l, l->err);
	if (!st && !(st = l->st))
		st = vns_xenquire_new(db, &e, l->err);
	if (!st)
		st = vns_xenquire_eset(e, &did, 1, LIKE_TERMS, 1, is_word,
				       take_word, l, l->err);
	if (!st && !(st = l->st))
		st = exclude_self(l, id);
	vns_xenquire_free(e);
	vns_xdoc_free(doc);
	return st;
}

vns_status vns_like_query(vns_xdb *db, const char *id, vns_xquery **out,
			  vns_err *err)
{
	like *l = calloc(1, sizeof *l);
	vns_status st;

	if (!l)
		return vns_err_set(err, VNS_ENOMEM, "out of memory");
	l->err = err;
	st = gather(db, id, l);
	if (!st && !(*out = assemble(l)))
		st = err ? err->code : VNS_ENOMEM;
	for (size_t i = 0; i < l->nparts; i++)
		vns_xquery_free(l->part[i]);
	for (size_t i = 0; i < l->nexcl; i++)
		vns_xquery_free(l->excl[i]);
	free(l);
	return st;
}
