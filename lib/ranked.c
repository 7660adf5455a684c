/* ranked.c - one page of ranked results (see ranked.h). */
#include "ranked.h"

#include <stddef.h>
#include <stdlib.h>
#include <string.h>

/* Pages ending past this rank are left to Xapian's own sort and
 * collapse; a page is picked from this many rows more than it needs;
 * after a failed pick, this many matches skip the pick. */
#define PAGE_MAX 100
#define MARGIN 3
#define SKIP 15

struct vns_ranked {
	vns_xmset *m;
	int picked;
	size_t *rows;   /* picked: the page's rows as indexes in m */
	size_t n;       /* rows in the page */
	size_t at;      /* the current row */
	int started, on_row;
	unsigned first; /* rank of the page's first row */
	unsigned long estimate;
};

/* One row of a plain relevance match, with its keys (NULL: no value). */
struct krow {
	double weight;
	vns_docid did;
	size_t index; /* in the match, which starts at rank 0 */
	char *key, *tie;
};

static vns_status wrap(vns_xmset *m, vns_ranked **out, vns_err *err)
{
	vns_ranked *p = calloc(1, sizeof *p);

	if (!p) {
		vns_xmset_free(m);
		return vns_err_set(err, VNS_ENOMEM, "out of memory");
	}
	p->m = m;
	p->n = vns_xmset_size(m);
	p->estimate = vns_xmset_estimated(m);
	*out = p;
	return VNS_OK;
}

vns_status vns_ranked_sorted(vns_xenquire *e, unsigned offset,
			     unsigned count, unsigned check_at_least,
			     vns_ranked **out, vns_err *err)
{
	vns_xmset *m = NULL;
	vns_status st = vns_xenquire_get_mset(e, offset, count, check_at_least,
					      &m, err);

	*out = NULL;
	if (!st)
		st = wrap(m, out, err);
	if (!st)
		(*out)->first = offset;
	return st;
}

/* ---- reading the keys of a few rows ----------------------------------- */

struct key_read {
	struct krow **rows; /* in docid order */
	size_t field;       /* offsetof the string to fill */
	int oom;            /* a copy ran out of memory */
};

static int store_value(void *ctx, size_t i, const char *value, size_t len)
{
	struct key_read *kr = ctx;
	char **to = (char **)((char *)kr->rows[i] + kr->field);

	*to = strndup(value, len);
	kr->oom = *to == NULL;
	return kr->oom;
}

static int by_did(const void *a, const void *b)
{
	const struct krow *x = *(struct krow *const *)a;
	const struct krow *y = *(struct krow *const *)b;

	return (x->did > y->did) - (x->did < y->did);
}

/* 1 if row i of n shares its weight with a neighbour (rows in Xapian's
 * order): only those need their tie value. */
static int tied(const struct krow *rows, size_t n, size_t i)
{
	return (i > 0 && rows[i - 1].weight == rows[i].weight) ||
	       (i + 1 < n && rows[i + 1].weight == rows[i].weight);
}

/* Read slot for the rows of sel (n of them, in docid order) into field. */
static vns_status read_slot(vns_xdb *db, unsigned slot, struct krow **sel,
			    size_t n, size_t field, vns_err *err)
{
	vns_docid *dids = malloc((n ? n : 1) * sizeof *dids);
	struct key_read kr = { sel, field, 0 };
	vns_status st;

	if (!dids)
		return vns_err_set(err, VNS_ENOMEM, "out of memory");
	for (size_t i = 0; i < n; i++)
		dids[i] = sel[i]->did;
	st = vns_xdb_values_of(db, slot, dids, n, store_value, &kr, err);
	free(dids);
	/* the stream stops at the failed copy without an error of its own */
	return !st && kr.oom ? VNS_ENOMEM : st;
}

/* The key_slot values of every row, and the tie_slot values of the rows
 * whose weight another row shares, each read along one value stream. */
static vns_status read_keys(vns_xdb *db, const vns_distinct *d,
			    struct krow *rows, size_t n, vns_err *err)
{
	struct krow **sel = malloc((n ? n : 1) * sizeof *sel);
	size_t k = 0;
	vns_status st;

	if (!sel)
		return vns_err_set(err, VNS_ENOMEM, "out of memory");
	for (size_t i = 0; i < n; i++)
		sel[i] = &rows[i];
	qsort(sel, n, sizeof *sel, by_did);
	st = read_slot(db, d->key_slot, sel, n, offsetof(struct krow, key),
		       err);
	for (size_t i = 0; i < n; i++)
		if (tied(rows, n, (size_t)(sel[i] - rows)))
			sel[k++] = sel[i];
	if (!st)
		st = read_slot(db, d->tie_slot, sel, k,
			       offsetof(struct krow, tie), err);
	free(sel);
	return st == VNS_ENOMEM ? vns_err_set(err, st, "out of memory") : st;
}

/* ---- picking the page ------------------------------------------------- */

/* Weight descending, tie value ascending, then the match's own order. */
static int by_rank(const void *a, const void *b)
{
	const struct krow *x = a, *y = b;
	int c;

	if (x->weight != y->weight)
		return x->weight < y->weight ? 1 : -1;
	c = strcmp(x->tie ? x->tie : "", y->tie ? y->tie : "");
	if (c)
		return c;
	return (x->index > y->index) - (x->index < y->index);
}

/* 1 if an earlier row of rows[0 .. i) has row i's key. */
static int seen_key(const struct krow *rows, size_t i)
{
	if (!rows[i].key || !*rows[i].key)
		return 0;
	for (size_t j = 0; j < i; j++)
		if (rows[j].key && !strcmp(rows[j].key, rows[i].key))
			return 1;
	return 0;
}

static void krows_free(struct krow *rows, size_t n)
{
	for (size_t i = 0; rows && i < n; i++) {
		free(rows[i].key);
		free(rows[i].tie);
	}
	free(rows);
}

/* The match's rows with their keys, in rank order, into *rows / *n. */
static vns_status keyed_rows(vns_xdb *db, const vns_distinct *d,
			     vns_xmset *m, struct krow **rows, size_t *n,
			     vns_err *err)
{
	int got;
	vns_status st = VNS_OK;

	*n = 0;
	*rows = calloc(vns_xmset_size(m) + 1, sizeof **rows);
	if (!*rows)
		return vns_err_set(err, VNS_ENOMEM, "out of memory");
	while ((got = vns_xmset_next(m, err)) == VNS_ROW) {
		struct krow *r = &(*rows)[*n];

		r->weight = vns_xmset_weight(m);
		r->did = vns_xmset_docid(m);
		r->index = (*n)++;
	}
	if (got < 0)
		return (vns_status)-got;
	st = read_keys(db, d, *rows, *n, err);
	if (!st)
		qsort(*rows, *n, sizeof **rows, by_rank);
	return st;
}

/* The page from m (want rows asked for) into p, if those rows decide it:
 * no document left out of the match weighs more than its last row, so a
 * row that does is where it belongs among the rows, and so is its key's
 * best copy; the page is decided when it holds only such rows, or when
 * the match held every document. *decided says which. */
static vns_status pick_page(vns_xdb *db, const vns_distinct *d,
			    vns_xmset *m, unsigned offset, unsigned count,
			    size_t want, vns_ranked *p, int *decided,
			    vns_err *err)
{
	struct krow *rows = NULL;
	size_t n = 0, distinct = 0, sure = 0, need = (size_t)offset + count;
	vns_status st = keyed_rows(db, d, m, &rows, &n, err);
	int whole = n < want;
	double floor = 0;

	*decided = 0;
	for (size_t i = 0; !st && i < n; i++)
		if (rows[i].index + 1 == n)
			floor = rows[i].weight;
	p->n = 0;
	p->rows = st ? NULL : calloc(count + 1, sizeof *p->rows);
	if (!st && !p->rows)
		st = vns_err_set(err, VNS_ENOMEM, "out of memory");
	for (size_t i = 0; !st && i < n; i++) {
		if (seen_key(rows, i))
			continue;
		if (distinct >= offset && distinct < need &&
		    (whole || rows[i].weight > floor))
			p->rows[p->n++] = rows[i].index;
		distinct++;
		sure += whole || rows[i].weight > floor;
	}
	if (!st && (whole || sure >= need)) {
		/* exact when the match held every document; else Xapian's
		 * estimate less the copies seen (those further down are
		 * not known), at least the distinct rows seen */
		unsigned long copies = n - distinct, est, upper;

		est = vns_xmset_estimated(m);
		upper = vns_xmset_upper_bound(m) - copies;
		if (est < copies + distinct)
			est = copies + distinct;
		est -= copies;
		p->estimate = whole ? sure : est < upper ? est : upper;
		*decided = 1;
	}
	krows_free(rows, n);
	return st;
}

/* Try the pick: *out stays NULL when the rows could not decide. */
static vns_status try_pick(vns_xdb *db, vns_xenquire *e, vns_distinct *d,
			   unsigned offset, unsigned count, vns_ranked **out,
			   vns_err *err)
{
	size_t want = (size_t)offset + count + MARGIN;
	vns_xmset *m = NULL;
	int decided = 0;
	vns_status st = vns_xenquire_sort_by_relevance(e, err);

	if (!st)
		st = vns_xenquire_get_mset(e, 0, (unsigned)want, 0, &m, err);
	if (!st)
		st = wrap(m, out, err);
	if (!st)
		st = pick_page(db, d, m, offset, count, want, *out, &decided,
			       err);
	if (st || !decided) {
		vns_ranked_free(*out);
		*out = NULL;
		return st;
	}
	(*out)->picked = 1;
	(*out)->first = offset;
	return VNS_OK;
}

vns_status vns_ranked_distinct(vns_xdb *db, vns_xenquire *e,
			       vns_distinct *d, unsigned offset,
			       unsigned count, unsigned check_at_least,
			       vns_ranked **out, vns_err *err)
{
	int pick = !check_at_least && !d->remote &&
		   (size_t)offset + count <= PAGE_MAX;
	vns_status st;

	*out = NULL;
	if (pick && d->skip) {
		d->skip--;
		pick = 0;
	}
	if (pick) {
		st = try_pick(db, e, d, offset, count, out, err);
		if (st || *out)
			return st;
		d->skip = SKIP;
	}
	st = vns_xenquire_sort_by_relevance_then_value(e, d->tie_slot, err);
	if (!st)
		st = vns_xenquire_set_collapse(e, d->key_slot, 1, err);
	return st ? st
		  : vns_ranked_sorted(e, offset, count, check_at_least, out,
				      err);
}

/* ---- walking the page ------------------------------------------------- */

int vns_ranked_picked(const vns_ranked *p)
{
	return p->picked;
}

unsigned long vns_ranked_estimated(const vns_ranked *p)
{
	return p->estimate;
}

unsigned vns_ranked_size(const vns_ranked *p)
{
	return (unsigned)p->n;
}

vns_status vns_ranked_seek(vns_ranked *p, unsigned index, vns_err *err)
{
	vns_status st;

	if (index >= p->n)
		return vns_err_set(err, VNS_EINVAL, "row %u of a page of %zu rows",
				   index, p->n);
	st = vns_xmset_seek(p->m, p->picked ? (unsigned)p->rows[index] : index,
			    err);
	p->at = index;
	p->started = 1;
	p->on_row = st == VNS_OK;
	return st;
}

int vns_ranked_next(vns_ranked *p, vns_err *err)
{
	size_t next = p->started ? p->at + (size_t)p->on_row : 0;
	vns_status st;

	p->started = 1;
	if (next >= p->n) {
		p->at = p->n;
		p->on_row = 0;
		return VNS_DONE;
	}
	st = vns_ranked_seek(p, (unsigned)next, err);
	return st ? -(int)st : VNS_ROW;
}

unsigned vns_ranked_rank(const vns_ranked *p)
{
	return p->on_row ? p->first + (unsigned)p->at : 0;
}

vns_xmset *vns_ranked_mset(vns_ranked *p)
{
	return p->m;
}

void vns_ranked_free(vns_ranked *p)
{
	if (!p)
		return;
	vns_xmset_free(p->m);
	free(p->rows);
	free(p);
}
