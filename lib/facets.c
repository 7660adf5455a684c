/* facets.c - facet values counted over every match (see facets.h). */
#include "facets.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "grow.h"

/* ---- a table of distinct entries --------------------------------------- */

/* Entries numbered in the order they were met, found by name through an
 * index kept in name order (a few hundred names: provinces, products,
 * sources, years). */
struct names {
	char **name;      /* by code */
	uint32_t *sorted; /* codes in name order */
	size_t n, cap_name, cap_sorted;
};

/* Where name (len bytes, no NUL among them) is, or would go, in
 * t->sorted; *found set when it is there. */
static size_t names_find(const struct names *t, const char *name,
			 size_t len, int *found)
{
	size_t lo = 0, hi = t->n;

	*found = 0;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		const char *s = t->name[t->sorted[mid]];
		int c = strncmp(s, name, len);

		if (c == 0 && s[len] != '\0')
			c = 1;
		if (c == 0) {
			*found = 1;
			return mid;
		}
		if (c < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

/* The code of name (len bytes, up to a NUL: a damaged index can store
 * one inside a value, and the copy kept stops there too), added when new;
 * -1 when out of memory. */
static int64_t names_code(struct names *t, const char *name, size_t len)
{
	int found;
	size_t at;
	char *copy;

	len = strnlen(name, len);
	at = names_find(t, name, len, &found);

	if (found)
		return t->sorted[at];
	if (VNS_GROW(t->name, t->cap_name, t->n + 1) ||
	    VNS_GROW(t->sorted, t->cap_sorted, t->n + 1) ||
	    !(copy = strndup(name, len)))
		return -1;
	memmove(t->sorted + at + 1, t->sorted + at,
		(t->n - at) * sizeof *t->sorted);
	t->sorted[at] = (uint32_t)t->n;
	t->name[t->n] = copy;
	return (int64_t)t->n++;
}

static void names_free(struct names *t)
{
	for (size_t i = 0; i < t->n; i++)
		free(t->name[i]);
	free(t->name);
	free(t->sorted);
}

/* Call fn for each non-empty entry of value (len bytes) joined by sep;
 * stop at the first non-zero return. */
static int each_entry(const char *value, size_t len, char sep,
		      int (*fn)(void *ctx, const char *e, size_t n), void *ctx)
{
	const char *end = value + len;

	while (value < end) {
		const char *stop = memchr(value, sep, (size_t)(end - value));
		int rc;

		if (!stop)
			stop = end;
		if (stop > value && (rc = fn(ctx, value, (size_t)(stop - value))))
			return rc;
		value = stop + 1;
	}
	return 0;
}

/* ---- the column --------------------------------------------------------- */

struct vns_column {
	unsigned slot;
	char sep;
	unsigned long rev;  /* the revision read */
	uint32_t *start;    /* docid d: codes[start[d] .. start[d + 1]) */
	size_t nstart, capstart;
	uint32_t *codes;    /* entries, as codes in names */
	size_t ncodes, capcodes;
	struct names names;
	int oom;            /* reading ran out of memory */
};

void vns_column_free(vns_column *c)
{
	if (!c)
		return;
	free(c->start);
	free(c->codes);
	names_free(&c->names);
	free(c);
}

/* Open every docid up to did (entries start at the codes added so far). */
static int column_reach(vns_column *c, vns_docid did)
{
	if (VNS_GROW(c->start, c->capstart, (size_t)did + 2))
		return -1;
	while (c->nstart <= did)
		c->start[c->nstart++] = (uint32_t)c->ncodes;
	return 0;
}

static int column_entry(void *ctx, const char *e, size_t len)
{
	vns_column *c = ctx;
	int64_t code = names_code(&c->names, e, len);

	if (code < 0 || VNS_GROW(c->codes, c->capcodes, c->ncodes + 1))
		return -1;
	c->codes[c->ncodes++] = (uint32_t)code;
	return 0;
}

static int column_value(void *ctx, vns_docid did, const char *value,
			size_t len)
{
	vns_column *c = ctx;

	c->oom = column_reach(c, did) ||
		 each_entry(value, len, c->sep, column_entry, c);
	return c->oom;
}

/* Read slot of db whole as the column of revision rev. */
static vns_status column_read(vns_xdb *db, unsigned slot, char sep,
			      unsigned long rev, vns_column **out,
			      vns_err *err)
{
	vns_column *c = calloc(1, sizeof *c);
	vns_status st;

	*out = NULL;
	if (!c)
		return vns_err_set(err, VNS_ENOMEM, "out of memory");
	c->slot = slot;
	c->sep = sep;
	c->rev = rev;
	st = vns_xdb_values(db, slot, column_value, c, err);
	/* the last document's entries end where the codes do */
	if (!st && (c->oom || column_reach(c, (vns_docid)c->nstart)))
		st = vns_err_set(err, VNS_ENOMEM, "out of memory");
	if (st) {
		vns_column_free(c);
		return st;
	}
	*out = c;
	return VNS_OK;
}

vns_status vns_column_update(vns_column **col, vns_xdb *db, unsigned slot,
			     char sep, vns_err *err)
{
	unsigned long rev;
	vns_err ignored;

	if (vns_xdb_revision(db, &rev, &ignored)) {
		/* shards or a remote database: no column */
		vns_column_free(*col);
		*col = NULL;
		return VNS_OK;
	}
	if (*col && (*col)->rev == rev && (*col)->slot == slot &&
	    (*col)->sep == sep)
		return VNS_OK;
	vns_column_free(*col);
	return column_read(db, slot, sep, rev, col, err);
}

/* ---- counting ----------------------------------------------------------- */

struct column_count {
	const vns_column *c;
	unsigned long *counts; /* by code */
	unsigned long total;
};

static void count_doc(void *ctx, vns_docid did)
{
	struct column_count *cc = ctx;
	const vns_column *c = cc->c;

	cc->total++;
	if ((size_t)did + 1 < c->nstart)
		for (uint32_t i = c->start[did]; i < c->start[did + 1]; i++)
			cc->counts[c->codes[i]]++;
}

/* Whole values split into entries: each entry's count in out->v at its
 * code in names. */
struct split {
	vns_facet_counts *out;
	struct names names;
	size_t cap;
	unsigned long count; /* of the value being split */
	char sep;
	int oom;
};

static int split_entry(void *ctx, const char *e, size_t len)
{
	struct split *sp = ctx;
	size_t before = sp->names.n;
	int64_t code = names_code(&sp->names, e, len);

	if (code < 0)
		return -1;
	if ((size_t)code == before) {
		if (VNS_GROW(sp->out->v, sp->cap, before + 1))
			return -1;
		sp->out->v[code].value = NULL;
		sp->out->v[code].count = 0;
		sp->out->n = before + 1;
	}
	sp->out->v[code].count += sp->count;
	return 0;
}

static int most_first(const void *a, const void *b)
{
	const vns_facet_value *x = a, *y = b;

	if (x->count != y->count)
		return x->count < y->count ? 1 : -1;
	return strcmp(x->value, y->value);
}

/* Run q in a boolean match over db with spy watching every match. */
static vns_status run_counting(vns_xdb *db, const vns_xquery *q,
			       vns_xspy *spy, vns_err *err)
{
	vns_xenquire *e = NULL;
	vns_xmset *m = NULL;
	unsigned long docs = 0;
	vns_status st = vns_xdb_doccount(db, &docs, err);

	if (!st)
		st = vns_xenquire_new(db, &e, err);
	if (!st)
		st = vns_xenquire_set_query(e, q, err);
	if (!st)
		st = vns_xenquire_set_boolean(e, err);
	if (!st)
		st = vns_xenquire_add_spy(e, spy, err);
	if (!st)
		st = vns_xenquire_get_mset(e, 0, 0, (unsigned)docs, &m, err);
	vns_xmset_free(m);
	vns_xenquire_free(e);
	return st;
}

static vns_status count_column(vns_xdb *db, const vns_xquery *q,
			       const vns_column *col, vns_facet_counts *out,
			       vns_err *err)
{
	struct column_count cc = { col, NULL, 0 };
	vns_xspy *spy = NULL;
	vns_status st;

	cc.counts = calloc(col->names.n + 1, sizeof *cc.counts);
	out->v = calloc(col->names.n + 1, sizeof *out->v);
	if (!cc.counts || !out->v) {
		free(cc.counts);
		return vns_err_set(err, VNS_ENOMEM, "out of memory");
	}
	st = vns_xspy_new_callback(count_doc, &cc, &spy, err);
	if (!st)
		st = run_counting(db, q, spy, err);
	for (size_t i = 0; !st && i < col->names.n; i++) {
		if (!cc.counts[i])
			continue;
		out->v[out->n].count = cc.counts[i];
		if (!(out->v[out->n++].value = strdup(col->names.name[i])))
			st = vns_err_set(err, VNS_ENOMEM, "out of memory");
	}
	out->total = cc.total;
	vns_xspy_free(spy);
	free(cc.counts);
	return st;
}

static int split_value(void *ctx, const char *value, size_t len,
		       unsigned long count)
{
	struct split *sp = ctx;

	sp->count = count;
	sp->oom = each_entry(value, len, sp->sep, split_entry, sp) != 0;
	return sp->oom;
}

static vns_status count_values(vns_xdb *db, const vns_xquery *q,
			       unsigned slot, char sep,
			       vns_facet_counts *out, vns_err *err)
{
	struct split sp = { out, { NULL, NULL, 0, 0, 0 }, 0, 0, sep, 0 };
	vns_xspy *spy = NULL;
	vns_status st = vns_xspy_new(slot, &spy, err);

	if (!st)
		st = run_counting(db, q, spy, err);
	if (!st)
		st = vns_xspy_values(spy, split_value, &sp, err);
	if (!st && sp.oom)
		st = vns_err_set(err, VNS_ENOMEM, "out of memory");
	/* the names table owns the strings: hand them to out */
	for (size_t i = 0; !st && i < out->n; i++) {
		out->v[i].value = sp.names.name[i];
		sp.names.name[i] = NULL;
	}
	out->total = spy ? vns_xspy_total(spy) : 0;
	names_free(&sp.names);
	vns_xspy_free(spy);
	return st;
}

vns_status vns_facets_count(vns_xdb *db, const vns_xquery *q, unsigned slot,
			    char sep, const vns_column *col,
			    vns_facet_counts *out, vns_err *err)
{
	vns_status st;

	memset(out, 0, sizeof *out);
	if (col && col->slot == slot && col->sep == sep)
		st = count_column(db, q, col, out, err);
	else
		st = count_values(db, q, slot, sep, out, err);
	if (!st && out->n)
		qsort(out->v, out->n, sizeof *out->v, most_first);
	if (st)
		vns_facet_counts_clear(out);
	return st;
}

void vns_facet_counts_clear(vns_facet_counts *c)
{
	if (!c)
		return;
	for (size_t i = 0; i < c->n; i++)
		free(c->v[i].value);
	free(c->v);
	memset(c, 0, sizeof *c);
}
