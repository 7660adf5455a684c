/* qbuild.c - query tree to Xapian query (see qbuild.h). */
#include "qbuild.h"

#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "restore.h"
#include "synonyms.h"
#include "date.h"
#include "doc.h"
#include "entindex.h"
#include "grow.h"
#include "schema.h"
#include "slug.h"

/* One analysed word of the query. */
typedef struct qword {
	char *exact;
	char *fold;
	unsigned flags;
	size_t start, end; /* where it was typed in its item's text */
	/* read otherwise than typed (typing.h): the readings, and the word
	 * as typed; else NULL */
	vns_typing_fix *fix;
	char *typed_exact, *typed_fold;
} qword;

/* The analysed words of one query item, with the index statistics that
 * weigh their readings (NULL: none). */
typedef struct qwords {
	qword *w;
	size_t n, alloc;
	vns_status st;
	const vns_qstats *stats;
	int counting; /* for matching only: no pairs, nothing boosted */
	int pairs_only; /* a short query's word pairs alone, if it has any */
} qwords;

static void qwords_free(qwords *ws)
{
	for (size_t i = 0; i < ws->n; i++) {
		free(ws->w[i].exact);
		free(ws->w[i].fold);
		free(ws->w[i].fix);
		free(ws->w[i].typed_exact);
		free(ws->w[i].typed_fold);
	}
	free(ws->w);
	memset(ws, 0, sizeof *ws);
}

static int collect(void *ctx, const vns_token *tok)
{
	qwords *ws = ctx;
	char *s = strndup(tok->term, tok->len);

	if (!s) {
		ws->st = VNS_ENOMEM;
		return 1;
	}
	if (tok->flags & VNS_TOKEN_COLOCATED) {
		ws->w[ws->n - 1].fold = s;
		return 0;
	}
	if (VNS_GROW(ws->w, ws->alloc, ws->n + 1)) {
		free(s);
		ws->st = VNS_ENOMEM;
		return 1;
	}
	ws->w[ws->n++] = (qword){ s, NULL, tok->flags, tok->start, tok->end,
				  NULL, NULL, NULL };
	return 0;
}

static vns_status analyse_text(vns_analyser *a, const char *text,
			       qwords *ws, vns_err *err)
{
	vns_status st = vns_analyse(a, text, strlen(text), collect, ws, err);

	if (!st && ws->st)
		st = vns_err_set(err, ws->st, "out of memory");
	for (size_t i = 0; !st && i < ws->n; i++)
		if (!ws->w[i].fold)
			st = vns_err_set(err, VNS_EINTERNAL,
					 "analyser gave no folded form");
	return st;
}

/* Growable list of subqueries; owns them. */
typedef struct qlist {
	vns_xquery **q;
	size_t n, alloc;
} qlist;

static vns_status qlist_push(qlist *l, vns_xquery *q, vns_err *err)
{
	if (!q)
		return err->code ? err->code : VNS_EINTERNAL;
	if (VNS_GROW(l->q, l->alloc, l->n + 1)) {
		vns_xquery_free(q);
		return vns_err_set(err, VNS_ENOMEM, "out of memory");
	}
	l->q[l->n++] = q;
	return VNS_OK;
}

static void qlist_free(qlist *l)
{
	for (size_t i = 0; i < l->n; i++)
		vns_xquery_free(l->q[i]);
	free(l->q);
	memset(l, 0, sizeof *l);
}

/* Combine the list with op and free it; a one-element list is returned as
 * is. NULL on error (err set). */
static vns_xquery *qlist_combine(qlist *l, vns_xop op, unsigned window,
				 vns_err *err)
{
	vns_xquery *q;

	if (l->n == 1 && op != VNS_XOP_PHRASE) {
		q = l->q[0];
		l->n = 0;
	} else {
		q = vns_xquery_combine(op, l->q, l->n, window, err);
	}
	qlist_free(l);
	return q;
}

static vns_xquery *term(const char *prefix, const char *a, const char *b,
			vns_err *err)
{
	vns_buf t;
	vns_xquery *q = NULL;

	vns_buf_init(&t, VNS_XTERM_MAX);
	if (!vns_buf_adds(&t, prefix) && !vns_buf_adds(&t, a) &&
	    (!b || (!vns_buf_addc(&t, ' ') && !vns_buf_adds(&t, b))))
		q = vns_xquery_term(t.data, t.len, 1, 0, err);
	else
		q = vns_xquery_match_nothing(err); /* too long to be indexed */
	vns_buf_free(&t);
	return q;
}

/* q with its weight multiplied by f (q is consumed). */
static vns_xquery *scaled(vns_xquery *q, double f, vns_err *err)
{
	vns_xquery *r;

	if (!q || f == 1.0)
		return q;
	r = vns_xquery_scale(q, f, err);
	vns_xquery_free(q);
	return r;
}

/* How much more than the folded term's best an exact form adds. */
#define EXACT_MARGIN 1.05

/* Weight of the accented readings of an unaccented word, relative to its
 * folded term (doc/ranking.md). */
#define READING_WEIGHT 1.0
/* Readings rarer than this share of the word's occurrences are ignored. */
#define READING_MIN_SHARE 0.02

/* Push each likely reading of the unaccented word x, scaled by its share
 * of the index's documents among all readings. */
static vns_status push_readings(qlist *l, const qword *x,
				const vns_qstats *stats, vns_err *err)
{
	char buf[512];
	const char *r[VNS_RESTORE_MAX];
	unsigned long tf[VNS_RESTORE_MAX], total = 0;
	size_t n = vns_restore_readings(x->fold, strlen(x->fold), buf,
					sizeof buf, r);
	vns_status st = VNS_OK;

	for (size_t i = 0; i < n; i++) {
		tf[i] = stats->termfreq(stats->ctx, r[i], strlen(r[i]));
		total += tf[i];
	}
	for (size_t i = 0; !st && i < n; i++) {
		double share = total ? (double)tf[i] / (double)total : 0;
		if (share < READING_MIN_SHARE)
			continue;
		st = qlist_push(l, scaled(term(VNS_PREFIX_EXACT, r[i], NULL,
					       err),
					  READING_WEIGHT * share, err),
				err);
	}
	return st;
}

/* The documents holding exact, each weighted by more than the folded
 * term fold can give any document: a document with the exact form then
 * ranks above every document that has the word only after folding, other
 * words alike (doc/ranking.md). */
static vns_xquery *exact_first(const char *pexact, const char *exact,
			       const char *pfold, const char *fold,
			       const vns_qstats *stats, vns_err *err)
{
	vns_buf t;
	double bound = 0;
	vns_xquery *both[2] = { NULL, NULL }, *q = NULL;

	vns_buf_init(&t, VNS_XTERM_MAX);
	if (!vns_buf_adds(&t, pfold) && !vns_buf_adds(&t, fold))
		bound = stats->term_bound(stats->bound_ctx, t.data, t.len);
	vns_buf_free(&t);
	if (bound <= 0)
		return vns_xquery_match_nothing(err);
	both[0] = vns_xquery_fixed_weight(bound * EXACT_MARGIN, err);
	both[1] = both[0] ? term(pexact, exact, NULL, err) : NULL;
	if (both[1])
		q = vns_xquery_combine(VNS_XOP_FILTER, both, 2, 0, err);
	vns_xquery_free(both[0]);
	vns_xquery_free(both[1]);
	return q;
}

/* exact OR folded when the user typed marks (the exact form then scores
 * twice), else folded only (exact may be NULL: the folded form alone).
 * A form typed with marks also comes first (exact_first); in a short
 * query (lean: every word required) that fixed weight stands in for the
 * exact term's own weight, which then is not read a second time
 * (doc/ranking.md). */
static vns_xquery *graded_forms(const char *pexact, const char *pfold,
				const char *exact, const char *fold,
				int marked, int lean, const vns_qstats *stats,
				vns_err *err)
{
	qlist l = { 0 };
	qword x = { (char *)exact, (char *)fold, 0, 0, 0, NULL, NULL, NULL };
	int first = marked && exact && strcmp(exact, fold) && stats &&
		    stats->term_bound;
	vns_status st = VNS_OK;

	if (!marked && stats && stats->termfreq)
		st = push_readings(&l, &x, stats, err);
	if (marked && exact && !st && !(first && lean))
		st = qlist_push(&l, term(pexact, exact, NULL, err), err);
	if (first && !st)
		st = qlist_push(&l, exact_first(pexact, exact, pfold, fold,
						stats, err), err);
	if (!st)
		st = qlist_push(&l, term(pfold, fold, NULL, err), err);
	if (st) {
		qlist_free(&l);
		return NULL;
	}
	return qlist_combine(&l, VNS_XOP_OR, 0, err);
}

/* The word x: its forms, or, read otherwise than typed, each reading
 * and the word as typed, each with its weight. */
static vns_xquery *graded(const char *pexact, const char *pfold,
			  const qword *x, int marked, int lean,
			  const vns_qstats *stats, vns_err *err)
{
	const vns_typing_fix *f = x->fix;
	qlist l = { 0 };
	vns_status st = VNS_OK;

	if (!f)
		return graded_forms(pexact, pfold, x->exact, x->fold, marked,
				    lean, stats, err);
	for (size_t k = 0; !st && k < f->n; k++)
		st = qlist_push(&l, scaled(graded_forms(pexact, pfold,
					f->alt[k].exact[0] ? f->alt[k].exact
							   : NULL,
					f->alt[k].fold, marked, lean, stats,
					err),
					f->alt[k].weight, err), err);
	if (!st && f->typed_weight > 0)
		st = qlist_push(&l, scaled(graded_forms(pexact, pfold,
					x->typed_exact, x->typed_fold, marked,
					lean, stats, err), f->typed_weight,
					err),
				err);
	if (st) {
		qlist_free(&l);
		return NULL;
	}
	return qlist_combine(&l, VNS_XOP_OR, 0, err);
}

static size_t content_words(const qwords *ws)
{
	size_t n = 0;

	for (size_t i = 0; i < ws->n; i++)
		n += !(ws->w[i].flags & VNS_TOKEN_STOPWORD);
	return n;
}

static size_t synonym_at(const qwords *ws, size_t i, size_t *g);

/* Queries of at most this many units (keywords, not questions) read each
 * exact posting list once: the fixed weight stands in for the exact
 * term's own (doc/ranking.md). */
#define LEAN_MAX_UNITS 4

/* 1 if ws is a short query: few enough units (content words, or a
 * synonym's words as one) that every one is required (words_query). */
static int lean(const qwords *ws)
{
	size_t units = 0, g, span;
	int keep_all = content_words(ws) == 0;

	for (size_t i = 0; i < ws->n; i += span ? span : 1) {
		span = synonym_at(ws, i, &g);
		units += span || keep_all ||
			 !(ws->w[i].flags & VNS_TOKEN_STOPWORD);
	}
	return units <= LEAN_MAX_UNITS;
}

/* core, weighted up by boost where that matches too, as AND_MAYBE(core,
 * boost) would score it, but built as AND(core, boost OR 0 x every
 * document), which costs little more (every document's list only skips):
 * Xapian 1.4.22's AND_MAYBE can leave out of the page a document that
 * belongs in it when the boost is weighted up (the page then depends on
 * the order of documents, so that a sharded index ranked otherwise than
 * the same documents merged; tests/shards.py). */
static vns_xquery *boosted(vns_xquery *core, vns_xquery *boost, vns_err *err)
{
	vns_xquery *all = core && boost ? vns_xquery_match_all(err) : NULL;
	vns_xquery *zero = all ? vns_xquery_scale(all, 0, err) : NULL;
	vns_xquery *either[2] = { boost, zero }, *both[2] = { core, NULL };
	vns_xquery *q = NULL;

	if (zero)
		both[1] = vns_xquery_combine(VNS_XOP_OR, either, 2, 0, err);
	if (both[1])
		q = vns_xquery_combine(VNS_XOP_AND, both, 2, 0, err);
	vns_xquery_free(core);
	vns_xquery_free(boost);
	vns_xquery_free(all);
	vns_xquery_free(zero);
	vns_xquery_free(both[1]);
	return q;
}

/* In a short query the words standing together are most of what the user
 * means ("bac giang" is the province, not two words somewhere): their pair
 * weighs this many times a word (doc/ranking.md). */
#define SHORT_PAIR_WEIGHT 2.0

/* One member of a synonym group as a query: its folded word, or its
 * folded words as a phrase. */
static vns_xquery *member_query(char *const *w, size_t n, vns_err *err)
{
	qlist l = { 0 };

	for (size_t i = 0; i < n; i++)
		if (qlist_push(&l, term(VNS_PREFIX_FOLD, w[i], NULL, err), err)) {
			qlist_free(&l);
			return NULL;
		}
	return qlist_combine(&l, n > 1 ? VNS_XOP_PHRASE : VNS_XOP_OR,
			     (unsigned)n, err);
}

/* 1 if the n folded words w are the query's words at .. at+span. */
static int is_typed(const qwords *ws, size_t at, size_t span,
		    char *const *w, size_t n)
{
	if (n != span)
		return 0;
	for (size_t i = 0; i < n; i++)
		if (strcmp(ws->w[at + i].fold, w[i]) != 0)
			return 0;
	return 1;
}

/* The words ws->w[at .. at+span), which form a member of synonym group g:
 * the words as typed (all required) OR any other member of the group. */
static vns_xquery *synonym_unit(const qwords *ws, size_t at, size_t span,
				size_t g, int marked, vns_err *err)
{
	const vns_synonyms *syn = ws->stats->synonyms;
	qlist typed = { 0 }, alts = { 0 };
	vns_status st = VNS_OK;

	for (size_t i = at; !st && i < at + span; i++)
		st = qlist_push(&typed, graded(VNS_PREFIX_EXACT, VNS_PREFIX_FOLD,
					       &ws->w[i], marked, lean(ws),
					       ws->stats, err), err);
	if (!st)
		st = qlist_push(&alts, qlist_combine(&typed, VNS_XOP_AND, 0,
						     err), err);
	for (size_t k = 0; !st && k < vns_synonyms_count(syn, g); k++) {
		char *const *w;
		size_t n = vns_synonyms_member(syn, g, k, &w);
		/* the member typed is there already, all its words required */
		if (!is_typed(ws, at, span, w, n))
			st = qlist_push(&alts, member_query(w, n, err), err);
	}
	qlist_free(&typed);
	if (st) {
		qlist_free(&alts);
		return NULL;
	}
	return qlist_combine(&alts, VNS_XOP_OR, 0, err);
}

/* Longest synonym member considered, in words. */
#define SYNONYM_MAX_WORDS 8

/* Length of the synonym member starting at word i (0 if none). */
static size_t synonym_at(const qwords *ws, size_t i, size_t *g)
{
	char *w[SYNONYM_MAX_WORDS];
	size_t n = 0;

	if (!ws->stats || !ws->stats->synonyms)
		return 0;
	for (; n < SYNONYM_MAX_WORDS && i + n < ws->n; n++)
		w[n] = ws->w[i + n].fold;
	return vns_synonyms_match(ws->stats->synonyms, w, n, g);
}

/* Move every query of from to the end of to. */
static vns_status qlist_append(qlist *to, qlist *from, vns_err *err)
{
	vns_status st = VNS_OK;

	for (size_t i = 0; i < from->n; i++) {
		if (!st)
			st = qlist_push(to, from->q[i], err);
		else
			vns_xquery_free(from->q[i]);
		from->q[i] = NULL;
	}
	free(from->q);
	memset(from, 0, sizeof *from);
	return st;
}

/* Words: each content word (exact/folded; an abbreviation or its long
 * form as one unit with its synonyms), plus each pair of adjacent words.
 * Few units: all required, pairs boost; many: any of them counts. For
 * counting, a pair that adds no document is left out: all of them when
 * the units are required, and in "any of them" those next to a word of
 * its own (the pair holds that word). */
static vns_xquery *words_query(const qwords *ws, int marked, vns_err *err)
{
	qlist units = { 0 }, pairs = { 0 };
	int keep_all = content_words(ws) == 0, alone = 0, was_alone;
	vns_status st = VNS_OK;
	size_t g, span;

	for (size_t i = 0; !st && i < ws->n; i += span ? span : 1) {
		const qword *w = &ws->w[i];
		span = synonym_at(ws, i, &g);
		was_alone = alone;
		alone = !span && (keep_all || !(w->flags & VNS_TOKEN_STOPWORD));
		if (span)
			st = qlist_push(&units, synonym_unit(ws, i, span, g,
							     marked, err), err);
		else if (alone)
			st = qlist_push(&units, graded(VNS_PREFIX_EXACT,
						       VNS_PREFIX_FOLD, w, marked,
						       lean(ws), ws->stats,
						       err), err);
		for (size_t j = i; !st && j < i + (span ? span : 1); j++)
			if (j > 0 && !(ws->w[j].flags & VNS_TOKEN_BREAK_BEFORE) &&
			    !(ws->counting && j == i && (alone || was_alone)))
				st = qlist_push(&pairs,
						term(VNS_PREFIX_FOLD_PAIR,
						     ws->w[j - 1].fold,
						     ws->w[j].fold, err),
						err);
	}
	if (st || units.n == 0) {
		qlist_free(&units);
		qlist_free(&pairs);
		return st ? NULL : vns_xquery_match_nothing(err);
	}
	if (ws->pairs_only && pairs.n > 0 && units.n <= VNS_AND_MAX_WORDS) {
		qlist_free(&units);
		return qlist_combine(&pairs, VNS_XOP_OR, 0, err);
	}
	if (units.n > VNS_AND_MAX_WORDS) {
		if (qlist_append(&units, &pairs, err)) {
			qlist_free(&units);
			return NULL;
		}
		return qlist_combine(&units, VNS_XOP_OR, 0, err);
	}
	if (pairs.n == 0 || ws->counting) {
		qlist_free(&pairs);
		return qlist_combine(&units, VNS_XOP_AND, 0, err);
	}
	return boosted(qlist_combine(&units, VNS_XOP_AND, 0, err),
		       scaled(qlist_combine(&pairs, VNS_XOP_OR, 0, err),
			      SHORT_PAIR_WEIGHT, err),
		       err);
}

/* The folded words of ws: in order as a phrase, or exact words ANDed. */
static vns_xquery *phrase_of(const qwords *ws, int exact, vns_err *err)
{
	qlist l = { 0 };

	for (size_t i = 0; i < ws->n; i++) {
		const char *t = exact ? ws->w[i].exact : ws->w[i].fold;
		if (qlist_push(&l, term(exact ? VNS_PREFIX_EXACT
					      : VNS_PREFIX_FOLD,
					t, NULL, err), err)) {
			qlist_free(&l);
			return NULL;
		}
	}
	if (exact)
		return qlist_combine(&l, VNS_XOP_AND, 0, err);
	return qlist_combine(&l, VNS_XOP_PHRASE, (unsigned)ws->n, err);
}

/* A phrase matches its folded words in order; typed marks boost the
 * documents that also hold the exact words. */
static vns_xquery *phrase_query(const qwords *ws, int marked, vns_err *err)
{
	if (ws->n == 0)
		return vns_xquery_match_nothing(err);
	if (ws->n == 1)
		return graded(VNS_PREFIX_EXACT, VNS_PREFIX_FOLD, &ws->w[0],
			      marked, 1, ws->stats, err);
	if (!marked)
		return phrase_of(ws, 0, err);
	return boosted(phrase_of(ws, 0, err), phrase_of(ws, 1, err), err);
}

/* "2021", "2021-03" or "2021-03-05" as the first (upper: the last) second
 * it covers, in the date slot's form "YYYYMMDDhhmmss"; 0 if the text is
 * none of these or no real date. */
static int date_bound(const char *s, size_t len, int upper,
		      char out[VNS_DATE_KEY_LEN + 1])
{
	vns_date d;

	if (vns_date_parse(s, len, &d, NULL) || d.prec > VNS_DATE_DAY)
		return 0;
	vns_date_key(&d, upper, out);
	return 1;
}

/* date:FROM..TO (either end may be left out) or date:DAY. */
static vns_xquery *date_query(const char *v, vns_err *err)
{
	const char *dots = strstr(v, "..");
	size_t llen = dots ? (size_t)(dots - v) : strlen(v);
	const char *hi = dots ? dots + 2 : v;
	char lo_key[VNS_DATE_KEY_LEN + 1], hi_key[VNS_DATE_KEY_LEN + 1];
	int has_lo = llen > 0, has_hi = *hi != '\0';

	if ((!has_lo && !has_hi) ||
	    (has_lo && !date_bound(v, llen, 0, lo_key)) ||
	    (has_hi && !date_bound(hi, strlen(hi), 1, hi_key))) {
		vns_err_set(err, VNS_EQUERY,
			    "date:%s: expected YYYY[-MM[-DD]] or FROM..TO", v);
		return NULL;
	}
	return vns_xquery_value_range(VNS_SLOT_DATE, has_lo ? lo_key : NULL,
				      has_hi ? hi_key : NULL, err);
}

static vns_xquery *year_query(const char *v, vns_err *err)
{
	if (strlen(v) != 4 || strspn(v, "0123456789") != 4) {
		vns_err_set(err, VNS_EQUERY, "year:%s: expected four digits",
			    v);
		return NULL;
	}
	return term(VNS_PREFIX_YEAR, v, NULL, err);
}

static vns_xquery *source_query(vns_analyser *a, const char *v, vns_err *err)
{
	vns_buf slug;
	vns_xquery *q = NULL;

	vns_buf_init(&slug, VNS_XTERM_MAX);
	if (!vns_slug(a, v, &slug, err))
		q = term(VNS_PREFIX_SOURCE, slug.data, NULL, err);
	vns_buf_free(&slug);
	return q;
}

/* province:, product:, programme: (entindex.h resolves the spelling). */
static vns_xquery *entity_query(vns_analyser *a, vns_filter_kind kind,
				const char *v, vns_err *err)
{
	vns_buf t;
	vns_xquery *q = NULL;

	vns_buf_init(&t, VNS_XTERM_MAX);
	if (!vns_entindex_filter_term(a, kind, v, &t, err))
		q = vns_xquery_term(t.data, t.len, 1, 0, err);
	vns_buf_free(&t);
	return q;
}

/* Field filters match without adding weight. */
static vns_xquery *field_query(vns_analyser *a, const vns_qitem *it,
			       vns_err *err)
{
	const char *f = it->field;
	vns_xquery *q, *scaled;

	if (!strcmp(f, "province") || !strcmp(f, "tinh"))
		q = entity_query(a, VNS_FILTER_PROVINCE, it->text, err);
	else if (!strcmp(f, "product") || !strcmp(f, "sanpham"))
		q = entity_query(a, VNS_FILTER_PRODUCT, it->text, err);
	else if (!strcmp(f, "programme") || !strcmp(f, "chuongtrinh"))
		q = entity_query(a, VNS_FILTER_PROGRAMME, it->text, err);
	else if (!strcmp(f, "source") || !strcmp(f, "nguon"))
		q = source_query(a, it->text, err);
	else if (!strcmp(f, "year") || !strcmp(f, "nam"))
		q = year_query(it->text, err);
	else if (!strcmp(f, "date"))
		q = date_query(it->text, err);
	else {
		vns_err_set(err, VNS_EQUERY,
			    "filter '%s:' is not available in this index", f);
		return NULL;
	}
	if (!q)
		return NULL;
	scaled = vns_xquery_scale(q, 0.0, err);
	vns_xquery_free(q);
	return scaled;
}

static vns_status add_highlight(char ***list, size_t *n, const char *s,
				vns_err *err)
{
	for (size_t i = 0; i < *n; i++)
		if (!strcmp((*list)[i], s))
			return VNS_OK;
	if (VNS_RESIZE(*list, *n + 1) || !((*list)[*n] = strdup(s)))
		return vns_err_set(err, VNS_ENOMEM, "out of memory");
	(*n)++;
	return VNS_OK;
}

/* Most words in the plan's highlight sequence (snippet.h's limit). */
#define HL_SEQ_MAX 64

static vns_status add_seq(vns_qplan *plan, const char *fold,
			  unsigned char flags, vns_err *err)
{
	char **p;
	unsigned char *f;

	if (plan->n_seq >= HL_SEQ_MAX)
		return VNS_OK;
	p = realloc(plan->hl_seq, (plan->n_seq + 1) * sizeof *p);
	if (p)
		plan->hl_seq = p;
	f = p ? realloc(plan->hl_seq_flags, plan->n_seq + 1) : NULL;
	if (f)
		plan->hl_seq_flags = f;
	if (!p || !f || !(p[plan->n_seq] = strdup(fold)))
		return vns_err_set(err, VNS_ENOMEM, "out of memory");
	f[plan->n_seq++] = flags;
	return VNS_OK;
}

/* The other members of synonym group g, each a run of its own words. */
static vns_status seq_synonyms(vns_qplan *plan, const qwords *ws, size_t at,
			       size_t span, size_t g, vns_err *err)
{
	const vns_synonyms *syn = ws->stats->synonyms;
	vns_status st = VNS_OK;

	for (size_t k = 0; !st && k < vns_synonyms_count(syn, g); k++) {
		char *const *w;
		size_t n = vns_synonyms_member(syn, g, k, &w);
		if (is_typed(ws, at, span, w, n))
			continue;
		for (size_t i = 0; !st && i < n; i++)
			st = add_seq(plan, w[i],
				     VNS_HL_RUN_ONLY |
					     (i + 1 < n ? VNS_HL_JOINED : 0),
				     err);
	}
	return st;
}

/* The words of ws in order, joined where they stand together, then the
 * synonyms of the abbreviations among them. */
static vns_status note_sequence(vns_qplan *plan, const qwords *ws,
				vns_err *err)
{
	vns_status st = VNS_OK;
	size_t g, span;

	for (size_t i = 0; !st && i < ws->n; i++) {
		int joined = i + 1 < ws->n &&
			     !(ws->w[i + 1].flags & VNS_TOKEN_BREAK_BEFORE);
		st = add_seq(plan, ws->w[i].fold, joined ? VNS_HL_JOINED : 0,
			     err);
	}
	for (size_t i = 0; !st && i < ws->n; i += span ? span : 1) {
		span = synonym_at(ws, i, &g);
		if (span)
			st = seq_synonyms(plan, ws, i, span, g, err);
	}
	return st;
}

static vns_status note_highlights(vns_qplan *plan, const qwords *ws,
				  int phrase, vns_err *err)
{
	size_t content = content_words(ws);
	vns_status st = VNS_OK;

	for (size_t i = 0; !st && i < ws->n; i++) {
		const qword *w = &ws->w[i];
		/* stopwords are dropped from the query, unless it has
		 * nothing else (words_query) */
		if (!phrase && (w->flags & VNS_TOKEN_STOPWORD) && content)
			continue;
		st = add_highlight(&plan->hl_exact, &plan->n_exact, w->exact,
				   err);
		if (!st)
			st = add_highlight(&plan->hl_fold, &plan->n_fold,
					   w->fold, err);
	}
	return st ? st : note_sequence(plan, ws, err);
}

/* In a query typed without diacritics, a word whose most common reading
 * is a stopword ("gi" = gì, "nao" = nào) is one too. */
static void mark_unaccented_stopwords(qwords *ws)
{
	char buf[512];
	const char *r[VNS_RESTORE_MAX];

	for (size_t i = 0; i < ws->n; i++) {
		qword *w = &ws->w[i];
		if (w->flags & VNS_TOKEN_STOPWORD)
			continue;
		if (vns_restore_readings(w->fold, strlen(w->fold), buf,
					 sizeof buf, r) > 0 &&
		    vns_is_stopword(r[0]))
			w->flags |= VNS_TOKEN_STOPWORD;
	}
}

/* The analysed words of every text item, kept while the plan is built. */
typedef struct analysed {
	qwords *per_item;
	size_t n;
} analysed;

static void analysed_free(analysed *an)
{
	for (size_t i = 0; i < an->n; i++)
		qwords_free(&an->per_item[i]);
	free(an->per_item);
}

static vns_status record_fix(vns_qplan *plan, const char *typed,
			     size_t len, const char *shown, vns_err *err)
{
	char **t = realloc(plan->fix_typed, (plan->n_fix + 1) * sizeof *t);
	char **v;

	if (t)
		plan->fix_typed = t;
	v = t ? realloc(plan->fix_shown, (plan->n_fix + 1) * sizeof *v) : NULL;
	if (v)
		plan->fix_shown = v;
	if (!t || !v || !(t[plan->n_fix] = strndup(typed, len)))
		return vns_err_set(err, VNS_ENOMEM, "out of memory");
	if (!(v[plan->n_fix] = strdup(shown))) {
		free(t[plan->n_fix]);
		return vns_err_set(err, VNS_ENOMEM, "out of memory");
	}
	plan->n_fix++;
	return VNS_OK;
}

/* Read w as fix says: its best reading becomes the word (its pairs and
 * highlights), the word as typed is kept aside. */
static vns_status apply_fix(qword *w, const vns_typing_fix *f, vns_err *err)
{
	const vns_typing_alt *best = &f->alt[0];
	char *exact = strdup(best->exact[0] ? best->exact : best->fold);
	char *fold = strdup(best->fold);

	w->fix = malloc(sizeof *w->fix);
	if (!exact || !fold || !w->fix) {
		free(exact);
		free(fold);
		return vns_err_set(err, VNS_ENOMEM, "out of memory");
	}
	*w->fix = *f;
	w->typed_exact = w->exact;
	w->typed_fold = w->fold;
	w->exact = exact;
	w->fold = fold;
	/* the word's own flags, but its place in the sentence as typed */
	w->flags = (w->flags & ~(unsigned)(VNS_TOKEN_STOPWORD |
					   VNS_TOKEN_MARKED)) |
		   (best->flags & (VNS_TOKEN_STOPWORD | VNS_TOKEN_MARKED));
	return VNS_OK;
}

/* The folded word next to w[i] on side dir (-1, +1) in its sentence. */
static const char *neighbour(const qwords *ws, size_t i, int dir)
{
	if (dir < 0)
		return i > 0 && !(ws->w[i].flags & VNS_TOKEN_BREAK_BEFORE)
			       ? ws->w[i - 1].fold : NULL;
	return i + 1 < ws->n &&
			       !(ws->w[i + 1].flags & VNS_TOKEN_BREAK_BEFORE)
		       ? ws->w[i + 1].fold : NULL;
}

/* Telex residue first (every word), then typos (with the neighbours as
 * read by then): typing.h. */
static vns_status fix_words(vns_analyser *a, qwords *ws, const char *text,
			    const vns_typing_src *src, int marked,
			    vns_qplan *plan, vns_err *err)
{
	vns_typing_fix f;
	vns_status st = VNS_OK;

	for (int pass = 0; pass < 2; pass++)
		for (size_t i = 0; !st && i < ws->n; i++) {
			qword *w = &ws->w[i];
			const char *typed = text + w->start;
			size_t len = w->end - w->start;
			int fixed = !w->fix &&
				    (pass == 0
					     ? vns_typing_decode(a, src, typed,
								 len, w->fold,
								 marked, &f)
					     : vns_typing_correct(
						       src, typed, len,
						       w->exact, w->fold,
						       neighbour(ws, i, -1),
						       neighbour(ws, i, 1),
						       &f));
			if (fixed)
				st = apply_fix(w, &f, err);
			if (fixed && !st)
				st = record_fix(plan, typed, len,
						f.alt[0].shown, err);
		}
	return st;
}

static vns_status analyse_items(vns_analyser *a, const vns_qtree *tree,
				const vns_qstats *stats, analysed *an,
				vns_qplan *plan, vns_err *err)
{
	int *marked = &plan->marked, typed_marked = 0;

	an->per_item = calloc(tree->n ? tree->n : 1, sizeof *an->per_item);
	if (!an->per_item)
		return vns_err_set(err, VNS_ENOMEM, "out of memory");
	an->n = tree->n;
	*marked = 0;
	for (size_t i = 0; i < tree->n; i++) {
		qwords *ws = &an->per_item[i];
		vns_status st;
		ws->stats = stats;
		if (tree->items[i].kind == VNS_QITEM_FIELD)
			continue;
		st = analyse_text(a, tree->items[i].text, ws, err);
		if (st)
			return st;
		for (size_t j = 0; j < ws->n; j++)
			typed_marked |= !!(ws->w[j].flags & VNS_TOKEN_MARKED);
	}
	for (size_t i = 0; i < tree->n; i++) {
		qwords *ws = &an->per_item[i];
		vns_status st = VNS_OK;
		if (tree->items[i].kind == VNS_QITEM_FIELD)
			continue;
		if (stats && stats->typing && !tree->items[i].negated)
			st = fix_words(a, ws, tree->items[i].text,
				       stats->typing, typed_marked, plan, err);
		if (st)
			return st;
		for (size_t j = 0; j < ws->n; j++)
			if (ws->w[j].flags & VNS_TOKEN_MARKED)
				*marked = 1;
	}
	for (size_t i = 0; !*marked && i < an->n; i++)
		mark_unaccented_stopwords(&an->per_item[i]);
	return VNS_OK;
}

static vns_xquery *item_query(vns_analyser *a, const vns_qitem *it,
			      const qwords *ws, int marked, vns_err *err)
{
	switch (it->kind) {
	case VNS_QITEM_FIELD:
		return field_query(a, it, err);
	case VNS_QITEM_PHRASE:
		return phrase_query(ws, marked, err);
	default:
		return words_query(ws, marked, err);
	}
}

/* Close an OR group: its alternatives become one required item. */
static vns_status flush_group(qlist *group, qlist *must, vns_err *err)
{
	if (group->n == 0)
		return VNS_OK;
	return qlist_push(must, qlist_combine(group, VNS_XOP_OR, 0, err), err);
}

static vns_status collect_items(vns_analyser *a, const vns_qtree *tree,
				const analysed *an, vns_qplan *plan,
				qlist *must, qlist *mustnot, int *ranked,
				vns_err *err)
{
	qlist group = { 0 };
	int cur_group = 0;
	vns_status st = VNS_OK;

	for (size_t i = 0; !st && i < tree->n; i++) {
		const vns_qitem *it = &tree->items[i];
		const qwords *ws = &an->per_item[i];
		vns_xquery *q;

		if (it->or_group != cur_group)
			st = flush_group(&group, must, err);
		cur_group = it->or_group;
		if (st)
			break;
		if (it->kind != VNS_QITEM_FIELD && ws->n == 0)
			continue; /* punctuation only */
		q = item_query(a, it, ws, plan->marked, err);
		if (!q)
			st = err->code ? err->code : VNS_EINTERNAL;
		else if (it->negated)
			st = qlist_push(mustnot, q, err);
		else
			st = qlist_push(it->or_group ? &group : must, q, err);
		if (!st && !it->negated && it->kind != VNS_QITEM_FIELD) {
			*ranked = 1;
			st = note_highlights(plan, ws,
					     it->kind == VNS_QITEM_PHRASE, err);
		}
	}
	if (!st)
		st = flush_group(&group, must, err);
	qlist_free(&group);
	return st;
}

static vns_xquery *assemble(qlist *must, qlist *mustnot, vns_err *err)
{
	vns_xquery *pos;
	qlist top = { 0 };

	pos = must->n ? qlist_combine(must, VNS_XOP_AND, 0, err)
		      : vns_xquery_match_all(err);
	if (!pos || mustnot->n == 0) {
		qlist_free(mustnot);
		return pos;
	}
	if (qlist_push(&top, pos, err)) {
		qlist_free(mustnot);
		return NULL;
	}
	for (size_t i = 0; i < mustnot->n; i++) {
		if (qlist_push(&top, mustnot->q[i], err)) {
			mustnot->n = i + 1;
			qlist_free(mustnot);
			qlist_free(&top);
			return NULL;
		}
		mustnot->q[i] = NULL;
	}
	qlist_free(mustnot);
	return qlist_combine(&top, VNS_XOP_AND_NOT, 0, err);
}

/* The items again, as if typed without marks, without restored
 * readings: for counting (counting), the documents the plan matches, from
 * the folded words alone (every exact form comes with its folded one); or
 * (pairs_only) with a short query's words replaced by their pairs. */
static vns_xquery *plain_query(vns_analyser *a, const vns_qtree *tree,
			       analysed *an, const vns_qstats *stats,
			       int counting, int pairs_only, vns_err *err)
{
	vns_qstats plain = { NULL, NULL, stats ? stats->synonyms : NULL, NULL,
			     NULL, NULL };
	qlist must = { 0 }, mustnot = { 0 };
	vns_qplan scratch = { 0 }; /* takes the highlights, not needed */
	int ranked = 0;
	vns_status st;

	for (size_t i = 0; i < an->n; i++) {
		an->per_item[i].stats = &plain;
		an->per_item[i].counting = counting;
		an->per_item[i].pairs_only = pairs_only;
	}
	st = collect_items(a, tree, an, &scratch, &must, &mustnot, &ranked,
			   err);
	vns_qplan_clear(&scratch);
	if (st) {
		qlist_free(&must);
		qlist_free(&mustnot);
		return NULL;
	}
	return assemble(&must, &mustnot, err);
}

vns_status vns_qbuild(vns_analyser *a, const vns_qtree *tree,
		      vns_qplan *plan, vns_err *err)
{
	return vns_qbuild_stats(a, tree, NULL, plan, err);
}

vns_status vns_qbuild_stats(vns_analyser *a, const vns_qtree *tree,
			    const vns_qstats *stats, vns_qplan *plan,
			    vns_err *err)
{
	analysed an = { 0 };
	qlist must = { 0 }, mustnot = { 0 };
	int ranked = 0, wants_reading;
	vns_status st;

	memset(plan, 0, sizeof *plan);
	st = analyse_items(a, tree, stats, &an, plan, err);
	if (!st)
		st = collect_items(a, tree, &an, plan, &must, &mustnot,
				   &ranked, err);
	if (st) {
		analysed_free(&an);
		qlist_free(&must);
		qlist_free(&mustnot);
		return st;
	}
	plan->browse = !ranked;
	plan->everything = tree->n == 0;
	/* a query typed without marks whose readings are still to be read */
	wants_reading = !plan->marked && !plan->browse &&
			!(stats && stats->termfreq);
	plan->query = assemble(&must, &mustnot, err);
	if (plan->query)
		plan->count_query = plain_query(a, tree, &an, stats, 1, 0, err);
	if (plan->count_query && wants_reading)
		plan->reading_query = plain_query(a, tree, &an, stats, 0, 1,
						  err);
	analysed_free(&an);
	if (!plan->count_query || (wants_reading && !plan->reading_query))
		return err->code ? err->code : VNS_EINTERNAL;
	return VNS_OK;
}

void vns_qplan_clear(vns_qplan *plan)
{
	if (!plan)
		return;
	vns_xquery_free(plan->query);
	vns_xquery_free(plan->count_query);
	vns_xquery_free(plan->reading_query);
	for (size_t i = 0; i < plan->n_exact; i++)
		free(plan->hl_exact[i]);
	for (size_t i = 0; i < plan->n_fold; i++)
		free(plan->hl_fold[i]);
	free(plan->hl_exact);
	free(plan->hl_fold);
	for (size_t i = 0; i < plan->n_fix; i++) {
		free(plan->fix_typed[i]);
		free(plan->fix_shown[i]);
	}
	free(plan->fix_typed);
	free(plan->fix_shown);
	for (size_t i = 0; i < plan->n_seq; i++)
		free(plan->hl_seq[i]);
	free(plan->hl_seq);
	free(plan->hl_seq_flags);
	memset(plan, 0, sizeof *plan);
}
