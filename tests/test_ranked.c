/* test_ranked.c - unit tests of one page of ranked results (ranked.h):
 * small indexes built with the binding in a fresh temporary directory per
 * test; a distinct page is checked against what Xapian's own sort by
 * relevance then value and collapse give for the same query. */
#include <limits.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "scratch.h"

#include "ranked.h"
#include "schema.h"
#include "xapian-c.h"
#include "xfixture.h"

#define MAX_ROWS 64
#define TIE_SLOT VNS_SLOT_ID
#define KEY_SLOT VNS_SLOT_CONTENT

struct fx {
	char dir[PATH_MAX];
	char db[PATH_MAX];
};
VNS_TEST_FX_CHECK(struct fx);

/* One page: its rows (docid, weight, rank, data) and how it was made. */
struct page {
	unsigned n;
	vns_docid did[MAX_ROWS];
	double weight[MAX_ROWS];
	unsigned rank[MAX_ROWS];
	char data[MAX_ROWS][16];
	int picked;
	unsigned long estimate;
};

/* ---- fixture ---------------------------------------------------------- */

static int setup(void **state)
{
	return vns_test_fx_setup(state, sizeof(struct fx), "ranked");
}

/* ---- helpers ---------------------------------------------------------- */

static vns_xquery *term(const char *t)
{
	vns_err err;
	vns_xquery *q = vns_xquery_term(t, strlen(t), 1, 0, &err);

	assert_non_null(q);
	return q;
}

static vns_xquery *either(const char *a, const char *b)
{
	vns_err err;
	vns_xquery *subs[2] = { term(a), term(b) };
	vns_xquery *q = vns_xquery_combine(VNS_XOP_OR, subs, 2, 0, &err);

	vns_xquery_free(subs[0]);
	vns_xquery_free(subs[1]);
	assert_non_null(q);
	return q;
}

/* A document: text's words at positions 1, 2, ...; id in TIE_SLOT, as
 * its data and as its unique term; key (NULL: none) in KEY_SLOT. */
static void put(vns_xwdb *w, const char *id, const char *key,
		const char *text)
{
	vns_err err;
	vns_xdoc *doc = vns_xdoc_new();
	char idterm[32];
	unsigned pos = 1;

	assert_non_null(doc);
	for (const char *p = text; *p; p += strspn(p, " ")) {
		size_t len = strcspn(p, " ");

		OK(vns_xdoc_add_posting(doc, p, len, pos++, 1, &err), &err);
		p += len;
	}
	OK(vns_xdoc_set_value(doc, TIE_SLOT, id, strlen(id), &err), &err);
	if (key)
		OK(vns_xdoc_set_value(doc, KEY_SLOT, key, strlen(key), &err),
		   &err);
	OK(vns_xdoc_set_data(doc, id, strlen(id), &err), &err);
	snprintf(idterm, sizeof idterm, "Q%s", id);
	OK(vns_xdoc_add_boolean(doc, idterm, strlen(idterm), &err), &err);
	OK(vns_xwdb_replace(w, idterm, doc, NULL, &err), &err);
	vns_xdoc_free(doc);
}

static void commit_free(vns_xwdb *w)
{
	vns_err err;

	OK(vns_xwdb_commit(w, &err), &err);
	vns_xwdb_free(w);
}

/* Document i of the keyed index (0 <= i < 150, docid i + 1 when added in
 * order) into w. Ids run in another order than docids. "solo" documents
 * (the first 100) each have a key of their own and share weights in
 * groups (4 wdfs x 5 lengths); "copy" documents share 7 keys, with the
 * same text for some copies of a key and not for others, and every fifth
 * has no key. */
static void put_keyed(vns_xwdb *w, unsigned i)
{
	char id[16], key[16], text[128] = "";
	const char *word = i < 100 ? "solo " : "copy ";
	size_t used = 0;

	snprintf(id, sizeof id, "id%03u", (i * 37) % 150);
	if (i < 100)
		snprintf(key, sizeof key, "u%03u", i);
	else
		snprintf(key, sizeof key, "c%u", i % 7);
	for (unsigned k = 0; k <= (i < 100 ? i % 4 : i % 3); k++)
		used += (size_t)snprintf(text + used, sizeof text - used, "%s",
					 word);
	for (unsigned k = 0; k < (i < 100 ? i % 5 : (i / 7) % 2); k++)
		used += (size_t)snprintf(text + used, sizeof text - used, "x ");
	put(w, id, i < 100 || i % 5 ? key : NULL, text);
}

/* The keyed index whole at path. */
static void build_keyed(const char *path)
{
	vns_xwdb *w = open_writer(path);

	for (unsigned i = 0; i < 150; i++)
		put_keyed(w, i);
	commit_free(w);
}

/* The keyed index in two shards a (even i) and b (odd i) under f->dir,
 * and a stub listing both at stub: its docids interleave as i + 1. */
static void build_keyed_shards(const struct fx *f, char *stub, size_t size)
{
	char a[PATH_MAX], b[PATH_MAX];
	vns_xwdb *wa = open_writer(vns_test_path(f->dir, "a", a, sizeof a));
	vns_xwdb *wb = open_writer(vns_test_path(f->dir, "b", b, sizeof b));

	for (unsigned i = 0; i < 150; i++)
		put_keyed(i % 2 ? wb : wa, i);
	commit_free(wa);
	commit_free(wb);
	write_stub(f->dir, "stub", "auto a\nauto b\n", stub, size);
}

/* The current row of m into row i of pg. */
static void note_row(vns_xmset *m, unsigned rank, struct page *pg)
{
	vns_err err;
	const char *data;
	size_t len;

	assert_true(pg->n < MAX_ROWS);
	pg->did[pg->n] = vns_xmset_docid(m);
	pg->weight[pg->n] = vns_xmset_weight(m);
	pg->rank[pg->n] = rank;
	OK(vns_xmset_data(m, &data, &len, &err), &err);
	assert_true(len < sizeof pg->data[0]);
	memcpy(pg->data[pg->n], data, len);
	pg->data[pg->n][len] = '\0';
	pg->n++;
}

/* The page offset/count of q as Xapian sorts by relevance then TIE_SLOT
 * and collapses on KEY_SLOT. */
static void xapian_page(vns_xdb *db, const vns_xquery *q, unsigned offset,
			unsigned count, struct page *pg)
{
	vns_err err;
	vns_xenquire *e = NULL;
	vns_xmset *m = NULL;

	memset(pg, 0, sizeof *pg);
	OK(vns_xenquire_new(db, &e, &err), &err);
	OK(vns_xenquire_set_query(e, q, &err), &err);
	OK(vns_xenquire_sort_by_relevance_then_value(e, TIE_SLOT, &err), &err);
	OK(vns_xenquire_set_collapse(e, KEY_SLOT, 1, &err), &err);
	OK(vns_xenquire_get_mset(e, offset, count, 0, &m, &err), &err);
	while (vns_xmset_next(m, &err) == VNS_ROW)
		note_row(m, vns_xmset_rank(m), pg);
	vns_xmset_free(m);
	vns_xenquire_free(e);
}

/* The page offset/count of q from vns_ranked_distinct with d. */
static void distinct_page(vns_xdb *db, const vns_xquery *q, vns_distinct *d,
			  unsigned offset, unsigned count,
			  unsigned check_at_least, struct page *pg)
{
	vns_err err;
	vns_xenquire *e = NULL;
	vns_ranked *p = NULL;
	int rc;

	memset(pg, 0, sizeof *pg);
	OK(vns_xenquire_new(db, &e, &err), &err);
	OK(vns_xenquire_set_query(e, q, &err), &err);
	OK(vns_ranked_distinct(db, e, d, offset, count, check_at_least, &p,
			       &err),
	   &err);
	pg->picked = vns_ranked_picked(p);
	pg->estimate = vns_ranked_estimated(p);
	while ((rc = vns_ranked_next(p, &err)) == VNS_ROW)
		note_row(vns_ranked_mset(p), vns_ranked_rank(p), pg);
	assert_int_equal(rc, VNS_DONE);
	assert_int_equal(pg->n, vns_ranked_size(p));
	vns_ranked_free(p);
	vns_xenquire_free(e);
}

/* A fresh relevance order of the keyed slots: nothing to skip. */
static vns_distinct fresh(void)
{
	return (vns_distinct){ TIE_SLOT, KEY_SLOT, 0, 0 };
}

/* got has want's rows: docids, weights, ranks and data, in order. */
static void assert_same_rows(const struct page *got, const struct page *want)
{
	assert_int_equal(got->n, want->n);
	for (unsigned i = 0; i < want->n; i++) {
		assert_int_equal(got->did[i], want->did[i]);
		assert_float_equal(got->weight[i], want->weight[i], 0);
		assert_int_equal(got->rank[i], want->rank[i]);
		assert_string_equal(got->data[i], want->data[i]);
	}
}

/* How many documents q matches, one per key: Xapian's exact count. */
static unsigned long distinct_count(vns_xdb *db, const vns_xquery *q)
{
	vns_err err;
	vns_xenquire *e = NULL;
	vns_xmset *m = NULL;
	unsigned long n, docs = 0;

	OK(vns_xdb_doccount(db, &docs, &err), &err);
	OK(vns_xenquire_new(db, &e, &err), &err);
	OK(vns_xenquire_set_query(e, q, &err), &err);
	OK(vns_xenquire_set_collapse(e, KEY_SLOT, 1, &err), &err);
	OK(vns_xenquire_get_mset(e, 0, 0, (unsigned)docs, &m, &err), &err);
	n = vns_xmset_estimated(m);
	assert_int_equal(vns_xmset_upper_bound(m), n);
	vns_xmset_free(m);
	vns_xenquire_free(e);
	return n;
}

/* ---- the pick gives Xapian's rows ------------------------------------- */

/* The queries of the keyed index: copies rare, only copies, both. */
static vns_xquery *keyed_query(int which)
{
	return which == 0 ? term("solo")
	       : which == 1 ? term("copy")
			    : either("solo", "copy");
}

/* 60 documents "tin" and 19 + i fillers (i = 0 .. 59, docid i + 1):
 * weights fall with i, all different (no length below BM25's least). Document i = 16k + 1 is a copy of the one
 * above it (its key), and every fifth has no key: a page near the top
 * meets too few copies to be undecided. 60 more documents do not have
 * "tin". */
static void build_spread(const char *path)
{
	vns_xwdb *w = open_writer(path);

	for (unsigned i = 0; i < 60; i++) {
		char id[16], key[16], text[256] = "tin";
		size_t used = 3;

		snprintf(id, sizeof id, "s%02u", (i * 7) % 60);
		snprintf(key, sizeof key, "k%02u", i % 16 == 1 ? i - 1 : i);
		for (unsigned k = 0; k < 19 + i; k++)
			used += (size_t)snprintf(text + used,
						 sizeof text - used, " x");
		put(w, id, i % 5 == 4 ? NULL : key, text);
	}
	for (unsigned i = 0; i < 60; i++) {
		char id[16];

		snprintf(id, sizeof id, "o%02u", i);
		put(w, id, NULL, "khac"); /* so that "tin" has weight */
	}
	commit_free(w);
}

static void test_picked_page_equals_sort_and_collapse_at_0_3_10(void **state)
{
	struct fx *f = *state;
	static const unsigned offsets[] = { 0, 3, 10 };
	static const unsigned counts[] = { 1, 3, 10 };
	vns_xquery *tin = term("tin");
	vns_xdb *db;

	build_spread(f->db);
	db = open_reader(f->db);
	for (size_t o = 0; o < 3; o++)
		for (size_t c = 0; c < 3; c++) {
			struct page want, got;
			vns_distinct d = fresh();

			xapian_page(db, tin, offsets[o], counts[c], &want);
			distinct_page(db, tin, &d, offsets[o], counts[c], 0,
				      &got);
			assert_int_equal(got.picked, 1);
			assert_int_equal(got.n, counts[c]);
			assert_same_rows(&got, &want);
			/* the copies (i = 1, 17: ids s07, s59) are left out */
			for (unsigned i = 0; i < got.n; i++) {
				assert_string_not_equal(got.data[i], "s07");
				assert_string_not_equal(got.data[i], "s59");
			}
		}
	vns_xquery_free(tin);
	vns_xdb_free(db);
}

static void test_keyed_pages_equal_sort_and_collapse_at_0_3_10(void **state)
{
	struct fx *f = *state;
	static const unsigned offsets[] = { 0, 3, 10 };
	static const unsigned counts[] = { 1, 3, 10 };
	unsigned picked = 0;
	vns_xdb *db;

	build_keyed(f->db);
	db = open_reader(f->db);
	for (int w = 0; w < 3; w++) {
		vns_xquery *q = keyed_query(w);

		for (size_t o = 0; o < 3; o++)
			for (size_t c = 0; c < 3; c++) {
				struct page want, got;
				vns_distinct d = fresh();

				xapian_page(db, q, offsets[o], counts[c], &want);
				distinct_page(db, q, &d, offsets[o], counts[c],
					      0, &got);
				assert_same_rows(&got, &want);
				assert_true(got.n > 0);
				picked += got.picked;
			}
		vns_xquery_free(q);
	}
	assert_true(picked > 0);
	vns_xdb_free(db);
}

static void test_solo_pages_are_picked_copy_pages_equal_anyway(void **state)
{
	struct fx *f = *state;
	vns_xquery *solo = term("solo");
	struct page want, got;
	vns_distinct d = fresh();
	vns_xdb *db;

	build_keyed(f->db);
	db = open_reader(f->db);
	distinct_page(db, solo, &d, 0, 10, 0, &got);
	xapian_page(db, solo, 0, 10, &want);
	assert_int_equal(got.picked, 1);
	assert_same_rows(&got, &want);
	distinct_page(db, solo, &d, 3, 10, 0, &got);
	xapian_page(db, solo, 3, 10, &want);
	assert_int_equal(got.picked, 1);
	assert_same_rows(&got, &want);
	assert_int_equal(d.skip, 0);
	vns_xquery_free(solo);
	vns_xdb_free(db);
}

/* Any page, picked or sorted by Xapian, fresh or after failed picks. */
static void test_distinct_page_equals_sort_and_collapse_anywhere(void **state)
{
	struct fx *f = *state;
	static const unsigned offsets[] = { 0, 1, 4, 9, 30, 61, 95, 100 };
	static const unsigned counts[] = { 1, 3, 10, 25 };
	unsigned picked = 0, sorted = 0;
	vns_xdb *db;

	build_keyed(f->db);
	db = open_reader(f->db);
	for (int w = 0; w < 3; w++) {
		vns_xquery *q = keyed_query(w);
		vns_distinct kept = fresh();

		for (size_t o = 0; o < sizeof offsets / sizeof *offsets; o++)
			for (size_t c = 0; c < sizeof counts / sizeof *counts;
			     c++) {
				struct page want, got, again;
				vns_distinct d = fresh();

				xapian_page(db, q, offsets[o], counts[c], &want);
				distinct_page(db, q, &d, offsets[o], counts[c],
					      0, &got);
				assert_same_rows(&got, &want);
				distinct_page(db, q, &kept, offsets[o],
					      counts[c], 0, &again);
				assert_same_rows(&again, &want);
				picked += got.picked;
				sorted += !got.picked;
			}
		vns_xquery_free(q);
	}
	/* both ways of ranking were taken */
	assert_true(picked > 10);
	assert_true(sorted > 10);
	vns_xdb_free(db);
}

/* ---- copies and ties, on a hand-made index ---------------------------- */

/* Copies of key "k1" (a, b: b weighs less), one of "k2", two without a
 * key, and a second copy of "k2" weighing the most of all. */
static void build_copies(const char *path)
{
	vns_xwdb *w = open_writer(path);

	put(w, "a", "k1", "tin tin tin x");          /* docid 1 */
	put(w, "b", "k1", "tin x x x x x");          /* docid 2 */
	put(w, "c", "k2", "tin tin x x");            /* docid 3 */
	put(w, "d", NULL, "tin tin x x x");          /* docid 4 */
	put(w, "e", NULL, "tin tin x x x");          /* docid 5 */
	put(w, "f", "k2", "tin tin tin tin");        /* docid 6 */
	put(w, "g", "k3", "khac");                   /* docid 7 */
	commit_free(w);
}

static void test_copies_with_the_same_key_appear_once(void **state)
{
	struct fx *f = *state;
	vns_xquery *tin = term("tin");
	struct page want, got;
	vns_distinct d = fresh();
	vns_xdb *db;

	build_copies(f->db);
	db = open_reader(f->db);
	distinct_page(db, tin, &d, 0, 10, 0, &got);
	assert_int_equal(got.picked, 1);
	/* f (k2's best), a (k1's best), then d and e, keyless, both kept */
	assert_int_equal(got.n, 4);
	assert_string_equal(got.data[0], "f");
	assert_string_equal(got.data[1], "a");
	assert_string_equal(got.data[2], "d");
	assert_string_equal(got.data[3], "e");
	for (unsigned i = 0; i < got.n; i++)
		assert_int_equal(got.rank[i], i);
	xapian_page(db, tin, 0, 10, &want);
	assert_same_rows(&got, &want);
	/* the second page of two rows: past the copies left out */
	distinct_page(db, tin, &d, 2, 2, 0, &got);
	assert_int_equal(got.n, 2);
	assert_string_equal(got.data[0], "d");
	assert_int_equal(got.rank[0], 2);
	vns_xquery_free(tin);
	vns_xdb_free(db);
}

/* Eight documents of one text (equal weights) whose ids run against
 * their docids, each with a key of its own. */
static void build_ties(const char *path)
{
	vns_xwdb *w = open_writer(path);

	for (unsigned i = 0; i < 8; i++) {
		char id[8], key[8];

		snprintf(id, sizeof id, "t%u", 7 - i);
		snprintf(key, sizeof key, "k%u", i);
		put(w, id, key, "tin x");
	}
	put(w, "z", "kz", "tin tin x"); /* weighs more: first */
	commit_free(w);
}

static void test_equal_weights_are_ordered_by_the_tie_value(void **state)
{
	struct fx *f = *state;
	vns_xquery *tin = term("tin");
	struct page want, got;
	vns_distinct d = fresh();
	vns_xdb *db;

	build_ties(f->db);
	db = open_reader(f->db);
	/* a page of 7 asks a match of 10 rows: it holds all 9 */
	distinct_page(db, tin, &d, 0, 7, 0, &got);
	assert_int_equal(got.picked, 1);
	assert_int_equal(got.n, 7);
	assert_string_equal(got.data[0], "z");
	for (unsigned i = 1; i < got.n; i++) {
		char id[8];

		snprintf(id, sizeof id, "t%u", i - 1);
		assert_string_equal(got.data[i], id);
		assert_int_equal(got.did[i], 9 - i); /* against the docids */
		assert_float_equal(got.weight[i], got.weight[1], 0);
	}
	assert_true(got.weight[0] > got.weight[1]);
	xapian_page(db, tin, 0, 7, &want);
	assert_same_rows(&got, &want);
	distinct_page(db, tin, &d, 2, 7, 0, &got);
	xapian_page(db, tin, 2, 7, &want);
	assert_int_equal(got.picked, 1);
	assert_int_equal(got.n, 7);
	assert_same_rows(&got, &want);
	vns_xquery_free(tin);
	vns_xdb_free(db);
}

/* Equal weights from the page into the rows the match left out: the
 * rows cannot say which come first, so Xapian sorts, and the next
 * pages skip the pick. */
static void test_ties_past_the_match_fail_the_pick(void **state)
{
	struct fx *f = *state;
	vns_xquery *tin = term("tin");
	struct page want, got;
	vns_distinct d = fresh();
	vns_xdb *db;

	build_ties(f->db);
	db = open_reader(f->db);
	distinct_page(db, tin, &d, 0, 3, 0, &got);
	xapian_page(db, tin, 0, 3, &want);
	assert_int_equal(got.picked, 0);
	assert_same_rows(&got, &want);
	assert_string_equal(got.data[1], "t0");
	assert_string_equal(got.data[2], "t1");
	assert_int_equal(d.skip, 15);
	vns_xquery_free(tin);
	vns_xdb_free(db);
}

/* ---- when the pick is not tried --------------------------------------- */

static void test_page_past_100_rows_is_not_picked_same_rows(void **state)
{
	struct fx *f = *state;
	vns_xquery *q = either("solo", "copy"), *solo = term("solo");
	struct page want, got;
	vns_distinct d = fresh();
	vns_xdb *db;

	build_keyed(f->db);
	db = open_reader(f->db);
	distinct_page(db, solo, &d, 90, 10, 0, &got); /* ends at 100 */
	xapian_page(db, solo, 90, 10, &want);
	assert_int_equal(got.picked, 1);
	assert_same_rows(&got, &want);
	distinct_page(db, q, &d, 91, 10, 0, &got); /* ends at 101 */
	xapian_page(db, q, 91, 10, &want);
	assert_int_equal(got.picked, 0);
	assert_int_equal(got.n, 10);
	assert_same_rows(&got, &want);
	assert_int_equal(d.skip, 0); /* not a failed pick */
	vns_xquery_free(solo);
	vns_xquery_free(q);
	vns_xdb_free(db);
}

static void test_check_at_least_is_not_picked_same_rows(void **state)
{
	struct fx *f = *state;
	vns_xquery *solo = term("solo");
	struct page want, got;
	vns_distinct d = fresh();
	vns_xdb *db;

	build_keyed(f->db);
	db = open_reader(f->db);
	distinct_page(db, solo, &d, 0, 10, 150, &got);
	xapian_page(db, solo, 0, 10, &want);
	assert_int_equal(got.picked, 0);
	assert_same_rows(&got, &want);
	/* the count is Xapian's exact one */
	assert_int_equal(got.estimate, distinct_count(db, solo));
	assert_int_equal(d.skip, 0);
	vns_xquery_free(solo);
	vns_xdb_free(db);
}

static void test_remote_never_picks_same_rows(void **state)
{
	struct fx *f = *state;
	vns_xquery *solo = term("solo");
	struct page want, got;
	vns_distinct d = fresh();
	vns_xdb *db;

	build_keyed(f->db);
	db = open_reader(f->db);
	d.remote = 1;
	for (unsigned offset = 0; offset <= 10; offset += 5) {
		distinct_page(db, solo, &d, offset, 10, 0, &got);
		xapian_page(db, solo, offset, 10, &want);
		assert_int_equal(got.picked, 0);
		assert_same_rows(&got, &want);
	}
	assert_int_equal(d.skip, 0);
	vns_xquery_free(solo);
	vns_xdb_free(db);
}

/* After a pick that copies defeated, the next 15 distinct pages skip the
 * pick and go to Xapian's sort and collapse; then the pick is tried
 * again. Pages that would not pick anyway do not use up the skips. */
static void test_failed_pick_skips_the_next_15(void **state)
{
	struct fx *f = *state;
	vns_xquery *copy = term("copy"), *solo = term("solo");
	struct page want, got;
	vns_distinct d = fresh();
	vns_xdb *db;

	build_keyed(f->db);
	db = open_reader(f->db);
	distinct_page(db, solo, &d, 0, 10, 0, &got);
	assert_int_equal(got.picked, 1);
	distinct_page(db, copy, &d, 0, 10, 0, &got);
	xapian_page(db, copy, 0, 10, &want);
	assert_int_equal(got.picked, 0);
	assert_same_rows(&got, &want);
	assert_int_equal(d.skip, 15);
	distinct_page(db, solo, &d, 0, 10, 150, &got);
	distinct_page(db, solo, &d, 95, 10, 0, &got);
	assert_int_equal(d.skip, 15);
	xapian_page(db, solo, 0, 10, &want);
	for (unsigned i = 0; i < 15; i++) {
		distinct_page(db, solo, &d, 0, 10, 0, &got);
		assert_int_equal(got.picked, 0);
		assert_same_rows(&got, &want);
		assert_int_equal(d.skip, 14 - i);
	}
	distinct_page(db, solo, &d, 0, 10, 0, &got);
	assert_int_equal(got.picked, 1);
	assert_same_rows(&got, &want);
	vns_xquery_free(copy);
	vns_xquery_free(solo);
	vns_xdb_free(db);
}

/* ---- estimates -------------------------------------------------------- */

static void test_estimate_is_exact_when_match_held_every_doc(void **state)
{
	struct fx *f = *state;
	vns_xquery *copy = term("copy"), *solo = term("solo");
	struct page got;
	vns_distinct d = fresh();
	vns_xdb *db;

	build_keyed(f->db);
	db = open_reader(f->db);
	/* 50 "copy" documents: a page of 60 asks a match of 63 rows */
	distinct_page(db, copy, &d, 0, 60, 0, &got);
	assert_int_equal(got.picked, 1);
	assert_int_equal(got.estimate, distinct_count(db, copy));
	assert_int_equal(got.estimate, 7 + 10); /* 7 keys, 10 keyless */
	assert_int_equal(got.n, 17);
	/* 100 "solo" documents: rows 38 .. 97 ask a match of 101 rows */
	distinct_page(db, solo, &d, 38, 60, 0, &got);
	assert_int_equal(got.picked, 1);
	assert_int_equal(got.estimate, 100);
	assert_int_equal(got.n, 60);
	vns_xquery_free(copy);
	vns_xquery_free(solo);
	vns_xdb_free(db);
}

static void test_estimate_of_a_small_match_counts_one_per_key(void **state)
{
	struct fx *f = *state;
	vns_xquery *tin = term("tin");
	struct page got;
	vns_distinct d = fresh();
	vns_xdb *db;

	build_copies(f->db);
	db = open_reader(f->db);
	/* 6 matches; b and c are copies of a and f */
	distinct_page(db, tin, &d, 0, 4, 0, &got);
	assert_int_equal(got.picked, 1);
	assert_int_equal(got.estimate, 4);
	assert_int_equal(got.estimate, distinct_count(db, tin));
	/* a match of 5 rows of 6 sees one copy: an estimate, in bounds */
	distinct_page(db, tin, &d, 0, 2, 0, &got);
	assert_int_equal(got.picked, 1);
	assert_true(got.estimate >= 4 && got.estimate <= 6 - 1);
	vns_xquery_free(tin);
	vns_xdb_free(db);
}

/* ---- shards, and pages sorted by e's own order ------------------------ */

static void test_two_shards_give_the_rows_of_the_merged_index(void **state)
{
	struct fx *f = *state;
	static const unsigned offsets[] = { 0, 3, 10, 95 };
	char stub[PATH_MAX];
	vns_xdb *merged, *shards;
	unsigned picked = 0;

	build_keyed(f->db);
	build_keyed_shards(f, stub, sizeof stub);
	merged = open_reader(f->db);
	shards = open_reader(stub);
	for (int w = 0; w < 3; w++) {
		vns_xquery *q = keyed_query(w);

		for (size_t o = 0; o < sizeof offsets / sizeof *offsets; o++) {
			struct page want, got;
			vns_distinct d = fresh(), ds = fresh();

			distinct_page(merged, q, &d, offsets[o], 10, 0, &want);
			distinct_page(shards, q, &ds, offsets[o], 10, 0, &got);
			assert_int_equal(got.picked, want.picked);
			assert_same_rows(&got, &want);
			picked += got.picked;
		}
		vns_xquery_free(q);
	}
	assert_true(picked > 0);
	vns_xdb_free(shards);
	vns_xdb_free(merged);
}

/* A remote server (xapian-progsrv) over the two shards: the remote
 * order never picks, and gives the rows of the merged index. */
static void test_remote_shards_give_the_rows_of_the_merged_index(void **state)
{
	struct fx *f = *state;
	static const unsigned offsets[] = { 0, 3, 10 };
	char stub[PATH_MAX], remote[PATH_MAX], line[3 * PATH_MAX];
	vns_xdb *merged, *served;

	if (!have_progsrv())
		skip(); /* no xapian-progsrv to serve the shards */
	build_keyed(f->db);
	build_keyed_shards(f, stub, sizeof stub);
	assert_true(vns_test_fits(snprintf(line, sizeof line,
					   "remote :xapian-progsrv %s/a %s/b\n",
					   f->dir, f->dir),
				  sizeof line));
	merged = open_reader(f->db);
	served = open_reader(write_stub(f->dir, "remote", line, remote,
					sizeof remote));
	for (int w = 0; w < 3; w++) {
		vns_xquery *q = keyed_query(w);

		for (size_t o = 0; o < sizeof offsets / sizeof *offsets; o++) {
			struct page want, got;
			vns_distinct d = fresh();

			d.remote = 1;
			xapian_page(merged, q, offsets[o], 10, &want);
			distinct_page(served, q, &d, offsets[o], 10, 0, &got);
			assert_int_equal(got.picked, 0);
			assert_same_rows(&got, &want);
		}
		vns_xquery_free(q);
	}
	vns_xdb_free(served);
	vns_xdb_free(merged);
}

static void test_sorted_page_follows_the_enquires_own_order(void **state)
{
	struct fx *f = *state;
	vns_err err;
	vns_xquery *q = term("solo");
	vns_xenquire *e = NULL;
	vns_ranked *p = NULL;
	vns_xdb *db;
	const char *data;
	size_t len;
	char last[16] = "";

	build_keyed(f->db);
	db = open_reader(f->db);
	OK(vns_xenquire_new(db, &e, &err), &err);
	OK(vns_xenquire_set_query(e, q, &err), &err);
	OK(vns_xenquire_sort_by_value(e, TIE_SLOT, 0, &err), &err);
	OK(vns_ranked_sorted(e, 5, 10, 0, &p, &err), &err);
	assert_int_equal(vns_ranked_picked(p), 0);
	assert_int_equal(vns_ranked_size(p), 10);
	for (unsigned i = 0; i < 10; i++) {
		assert_int_equal(vns_ranked_next(p, &err), VNS_ROW);
		assert_int_equal(vns_ranked_rank(p), 5 + i);
		OK(vns_xmset_data(vns_ranked_mset(p), &data, &len, &err), &err);
		assert_true(len < sizeof last);
		assert_true(strncmp(last, data, len) < 0); /* ids ascending */
		memcpy(last, data, len);
		last[len] = '\0';
	}
	assert_int_equal(vns_ranked_next(p, &err), VNS_DONE);
	OK(vns_ranked_seek(p, 2, &err), &err);
	assert_int_equal(vns_ranked_rank(p), 7);
	assert_int_equal(vns_ranked_seek(p, 10, &err), VNS_EINVAL);
	vns_ranked_free(p);
	vns_ranked_free(NULL);
	vns_xenquire_free(e);
	vns_xquery_free(q);
	vns_xdb_free(db);
}

static void test_seek_on_a_picked_page_moves_to_its_row(void **state)
{
	struct fx *f = *state;
	vns_err err;
	vns_xquery *tin = term("tin");
	vns_xenquire *e = NULL;
	vns_ranked *p = NULL;
	vns_distinct d = fresh();
	vns_xdb *db;
	const char *data;
	size_t len;

	build_copies(f->db);
	db = open_reader(f->db);
	OK(vns_xenquire_new(db, &e, &err), &err);
	OK(vns_xenquire_set_query(e, tin, &err), &err);
	OK(vns_ranked_distinct(db, e, &d, 1, 3, 0, &p, &err), &err);
	assert_int_equal(vns_ranked_picked(p), 1);
	assert_int_equal(vns_ranked_size(p), 3);
	OK(vns_ranked_seek(p, 2, &err), &err);
	assert_int_equal(vns_ranked_rank(p), 3);
	OK(vns_xmset_data(vns_ranked_mset(p), &data, &len, &err), &err);
	assert_int_equal(len, 1);
	assert_memory_equal(data, "e", 1);
	assert_int_equal(vns_ranked_next(p, &err), VNS_DONE);
	OK(vns_ranked_seek(p, 0, &err), &err);
	OK(vns_xmset_data(vns_ranked_mset(p), &data, &len, &err), &err);
	assert_memory_equal(data, "a", 1);
	assert_int_equal(vns_ranked_next(p, &err), VNS_ROW);
	assert_int_equal(vns_ranked_rank(p), 2);
	assert_int_equal(vns_ranked_seek(p, 3, &err), VNS_EINVAL);
	vns_ranked_free(p);
	vns_xenquire_free(e);
	vns_xquery_free(tin);
	vns_xdb_free(db);
}

int main(void)
{
#define T(name)                                                        \
	cmocka_unit_test_setup_teardown(name, setup, vns_test_fx_teardown)
	const struct CMUnitTest tests[] = {
		T(test_picked_page_equals_sort_and_collapse_at_0_3_10),
		T(test_keyed_pages_equal_sort_and_collapse_at_0_3_10),
		T(test_solo_pages_are_picked_copy_pages_equal_anyway),
		T(test_distinct_page_equals_sort_and_collapse_anywhere),
		T(test_copies_with_the_same_key_appear_once),
		T(test_equal_weights_are_ordered_by_the_tie_value),
		T(test_ties_past_the_match_fail_the_pick),
		T(test_page_past_100_rows_is_not_picked_same_rows),
		T(test_check_at_least_is_not_picked_same_rows),
		T(test_remote_never_picks_same_rows),
		T(test_failed_pick_skips_the_next_15),
		T(test_estimate_is_exact_when_match_held_every_doc),
		T(test_estimate_of_a_small_match_counts_one_per_key),
		T(test_two_shards_give_the_rows_of_the_merged_index),
		T(test_remote_shards_give_the_rows_of_the_merged_index),
		T(test_sorted_page_follows_the_enquires_own_order),
		T(test_seek_on_a_picked_page_moves_to_its_row),
	};
#undef T
	return cmocka_run_group_tests(tests, NULL, NULL);
}
