/* test_facets.c - unit tests of facet counting (facets.h): small indexes
 * built with the binding in a fresh temporary directory per test, whose
 * facet slot holds entries "<slot>:<value>" joined by VNS_VALUE_SEP;
 * counting by Xapian's value spy and by a kept column must agree. */
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

#include "facets.h"
#include "schema.h"
#include "xapian-c.h"
#include "xfixture.h"

#define SLOT VNS_SLOT_FACETS
#define SEP VNS_VALUE_SEP

struct fx {
	char dir[PATH_MAX];
	char db[PATH_MAX];
};
VNS_TEST_FX_CHECK(struct fx);

/* A document: its id, its one word, its facet value (NULL: none). */
struct row {
	const char *id;
	const char *word;
	const char *facets;
};

/* ---- fixture ---------------------------------------------------------- */

static int setup(void **state)
{
	return vns_test_fx_setup(state, sizeof(struct fx), "facets");
}

/* ---- helpers ---------------------------------------------------------- */

static void put(vns_xwdb *w, const struct row *r)
{
	vns_err err;
	vns_xdoc *doc = vns_xdoc_new();
	char idterm[32];

	assert_non_null(doc);
	OK(vns_xdoc_add_posting(doc, r->word, strlen(r->word), 1, 1, &err),
	   &err);
	if (r->facets)
		OK(vns_xdoc_set_value(doc, SLOT, r->facets, strlen(r->facets),
				      &err),
		   &err);
	snprintf(idterm, sizeof idterm, "Q%s", r->id);
	OK(vns_xdoc_add_boolean(doc, idterm, strlen(idterm), &err), &err);
	OK(vns_xwdb_replace(w, idterm, doc, NULL, &err), &err);
	vns_xdoc_free(doc);
}

/* Add rows to the database at path, committed. */
static void build(const char *path, const struct row *rows, size_t n)
{
	vns_err err;
	vns_xwdb *w = open_writer(path);

	for (size_t i = 0; i < n; i++)
		put(w, &rows[i]);
	OK(vns_xwdb_commit(w, &err), &err);
	vns_xwdb_free(w);
}

/* Several entries a value, an empty entry, a document without one, one
 * that "tin" does not match; docids 1..6. */
static const struct row rows[] = {
	{ "1", "tin", "1:ha noi\x1f" "3:lua" },
	{ "2", "tin", "1:hue" },
	{ "3", "tin", NULL },
	{ "4", "khac", "1:ha noi\x1f" "5:vtv" },
	{ "5", "tin", "1:can tho\x1f" "1:ha noi\x1f" "3:lua" },
	{ "6", "tin", "3:lua\x1f\x1f" "1:hue" },
};

#define NROWS (sizeof rows / sizeof rows[0])

static vns_xquery *term(const char *t)
{
	vns_err err;
	vns_xquery *q = vns_xquery_term(t, strlen(t), 1, 0, &err);

	assert_non_null(q);
	return q;
}

/* The counts of q over db (col: a column or NULL) as "value=n ... /total". */
static void count(vns_xdb *db, const vns_xquery *q, const vns_column *col,
		  char *out, size_t size)
{
	vns_err err;
	vns_facet_counts c;
	size_t used = 0;

	memset(&c, 0xa5, sizeof c); /* cleared by the count */
	OK(vns_facets_count(db, q, SLOT, SEP, col, &c, &err), &err);
	out[0] = '\0';
	for (size_t i = 0; i < c.n; i++) {
		assert_true(used < size);
		used += (size_t)snprintf(out + used, size - used, "%s=%lu ",
					 c.v[i].value, c.v[i].count);
	}
	assert_true(used < size);
	snprintf(out + used, size - used, "/%lu", c.total);
	vns_facet_counts_clear(&c);
	assert_null(c.v);
	assert_int_equal(c.n, 0);
}

/* The column of db's facet slot, kept current. */
static vns_column *column(vns_xdb *db)
{
	vns_err err;
	vns_column *col = NULL;

	OK(vns_column_update(&col, db, SLOT, SEP, &err), &err);
	return col;
}

/* ---- counting --------------------------------------------------------- */

#define TIN_COUNTS "3:lua=3 1:ha noi=2 1:hue=2 1:can tho=1 /5"

static void test_value_spy_counts_entries_most_first_then_by_value(void **state)
{
	struct fx *f = *state;
	vns_xquery *tin = term("tin");
	vns_xdb *db;
	char got[256];

	build(f->db, rows, NROWS);
	db = open_reader(f->db);
	count(db, tin, NULL, got, sizeof got);
	/* 5 documents counted (Q3 has no value), "5:vtv" only in "khac" */
	assert_string_equal(got, TIN_COUNTS);
	vns_xquery_free(tin);
	vns_xdb_free(db);
}

static void test_column_counts_what_the_value_spy_counts(void **state)
{
	struct fx *f = *state;
	vns_err err;
	vns_xquery *tin = term("tin"), *khac = term("khac");
	vns_xquery *all = vns_xquery_match_all(&err);
	vns_xdb *db;
	vns_column *col;
	char by_spy[256], by_col[256];

	build(f->db, rows, NROWS);
	db = open_reader(f->db);
	col = column(db);
	assert_non_null(col);
	count(db, tin, col, by_col, sizeof by_col);
	assert_string_equal(by_col, TIN_COUNTS);
	count(db, khac, NULL, by_spy, sizeof by_spy);
	count(db, khac, col, by_col, sizeof by_col);
	assert_string_equal(by_spy, "1:ha noi=1 5:vtv=1 /1");
	assert_string_equal(by_col, by_spy);
	count(db, all, NULL, by_spy, sizeof by_spy);
	count(db, all, col, by_col, sizeof by_col);
	assert_string_equal(by_spy,
			    "1:ha noi=3 3:lua=3 1:hue=2 1:can tho=1 5:vtv=1 /6");
	assert_string_equal(by_col, by_spy);
	vns_column_free(col);
	vns_column_free(NULL);
	vns_xquery_free(all);
	vns_xquery_free(khac);
	vns_xquery_free(tin);
	vns_xdb_free(db);
}

static void test_empty_match_counts_nothing(void **state)
{
	struct fx *f = *state;
	vns_err err;
	vns_xquery *none = term("absent");
	vns_xquery *nothing = vns_xquery_match_nothing(&err);
	vns_xdb *db;
	vns_column *col;
	char got[256];

	build(f->db, rows, NROWS);
	db = open_reader(f->db);
	col = column(db);
	count(db, none, NULL, got, sizeof got);
	assert_string_equal(got, "/0");
	count(db, none, col, got, sizeof got);
	assert_string_equal(got, "/0");
	count(db, nothing, NULL, got, sizeof got);
	assert_string_equal(got, "/0");
	count(db, nothing, col, got, sizeof got);
	assert_string_equal(got, "/0");
	vns_column_free(col);
	vns_xquery_free(nothing);
	vns_xquery_free(none);
	vns_xdb_free(db);
}

static void test_empty_database_counts_nothing(void **state)
{
	struct fx *f = *state;
	vns_err err;
	vns_xquery *all = vns_xquery_match_all(&err);
	vns_xdb *db;
	vns_column *col;
	char got[256];

	build(f->db, rows, 0);
	db = open_reader(f->db);
	col = column(db);
	assert_non_null(col);
	count(db, all, col, got, sizeof got);
	assert_string_equal(got, "/0");
	count(db, all, NULL, got, sizeof got);
	assert_string_equal(got, "/0");
	vns_column_free(col);
	vns_xquery_free(all);
	vns_xdb_free(db);
}

/* A column of another slot or separator is not used: the values are. */
static void test_column_of_another_slot_is_not_used(void **state)
{
	struct fx *f = *state;
	vns_err err;
	vns_xquery *tin = term("tin");
	vns_xdb *db;
	vns_column *other = NULL;
	char got[256];

	build(f->db, rows, NROWS);
	db = open_reader(f->db);
	OK(vns_column_update(&other, db, SLOT, ':', &err), &err);
	count(db, tin, other, got, sizeof got);
	assert_string_equal(got, TIN_COUNTS);
	OK(vns_column_update(&other, db, SLOT + 1, SEP, &err), &err);
	count(db, tin, other, got, sizeof got);
	assert_string_equal(got, TIN_COUNTS);
	vns_column_free(other);
	vns_xquery_free(tin);
	vns_xdb_free(db);
}

/* ---- keeping the column current --------------------------------------- */

static void test_column_is_kept_while_the_revision_stays(void **state)
{
	struct fx *f = *state;
	vns_err err;
	vns_xdb *db;
	vns_column *col, *before;

	build(f->db, rows, NROWS);
	db = open_reader(f->db);
	col = column(db);
	before = col;
	OK(vns_column_update(&col, db, SLOT, SEP, &err), &err);
	assert_ptr_equal(col, before);
	vns_column_free(col);
	vns_xdb_free(db);
}

static void test_column_is_read_again_after_a_commit(void **state)
{
	struct fx *f = *state;
	static const struct row more[] = {
		{ "7", "tin", "1:vinh\x1f" "1:hue" },
		{ "2", "tin", "1:hue\x1f" "3:ca phe" }, /* replaced */
	};
	vns_err err;
	vns_xquery *tin = term("tin");
	vns_xdb *db, *later;
	vns_column *col;
	unsigned long rev = 0, rev_later = 0;
	char got[256], by_spy[256];

	build(f->db, rows, NROWS);
	db = open_reader(f->db);
	col = column(db);
	count(db, tin, col, got, sizeof got);
	assert_string_equal(got, TIN_COUNTS);
	OK(vns_xdb_revision(db, &rev, &err), &err);

	build(f->db, more, 2);
	later = open_reader(f->db);
	OK(vns_xdb_revision(later, &rev_later, &err), &err);
	assert_true(rev_later > rev);
	OK(vns_column_update(&col, later, SLOT, SEP, &err), &err);
	assert_non_null(col);
	count(later, tin, col, got, sizeof got);
	count(later, tin, NULL, by_spy, sizeof by_spy);
	assert_string_equal(by_spy, "1:hue=3 3:lua=3 1:ha noi=2 1:can tho=1 "
				    "1:vinh=1 3:ca phe=1 /6");
	assert_string_equal(got, by_spy);
	vns_column_free(col);
	vns_xquery_free(tin);
	vns_xdb_free(later);
	vns_xdb_free(db);
}

static void test_two_shards_have_no_column_and_count_by_values(void **state)
{
	struct fx *f = *state;
	char a[PATH_MAX], b[PATH_MAX], stub[PATH_MAX];
	vns_err err;
	vns_xquery *tin = term("tin");
	vns_xdb *merged, *shards;
	vns_column *col;
	char got[256];

	build(f->db, rows, NROWS);
	build(vns_test_path(f->dir, "a", a, sizeof a), rows, 3);
	build(vns_test_path(f->dir, "b", b, sizeof b), rows + 3, NROWS - 3);
	merged = open_reader(f->db);
	shards = open_reader(write_stub(f->dir, "stub", "auto a\nauto b\n",
					stub, sizeof stub));
	/* a column of the merged index is dropped, not used over shards */
	col = column(merged);
	assert_non_null(col);
	OK(vns_column_update(&col, shards, SLOT, SEP, &err), &err);
	assert_null(col);
	OK(vns_column_update(&col, shards, SLOT, SEP, &err), &err);
	assert_null(col);
	count(shards, tin, col, got, sizeof got);
	assert_string_equal(got, TIN_COUNTS);
	vns_xquery_free(tin);
	vns_xdb_free(shards);
	vns_xdb_free(merged);
}

/* A remote database (xapian-progsrv) has no revision to keep a column
 * current, and its server counts the values. */
static void test_remote_database_has_no_column_and_counts_alike(void **state)
{
	struct fx *f = *state;
	char stub[PATH_MAX], line[2 * PATH_MAX];
	vns_err err;
	vns_xquery *tin = term("tin");
	vns_xdb *served;
	vns_column *col = NULL;
	char got[256];

	if (!have_progsrv())
		skip(); /* no xapian-progsrv to serve the database */
	build(f->db, rows, NROWS);
	assert_true(vns_test_fits(snprintf(line, sizeof line,
					   "remote :xapian-progsrv %s\n", f->db),
				  sizeof line));
	served = open_reader(write_stub(f->dir, "remote", line, stub,
					sizeof stub));
	OK(vns_column_update(&col, served, SLOT, SEP, &err), &err);
	assert_null(col);
	count(served, tin, col, got, sizeof got);
	assert_string_equal(got, TIN_COUNTS);
	vns_xquery_free(tin);
	vns_xdb_free(served);
}

int main(void)
{
#define T(name)                                                        \
	cmocka_unit_test_setup_teardown(name, setup, vns_test_fx_teardown)
	const struct CMUnitTest tests[] = {
		T(test_value_spy_counts_entries_most_first_then_by_value),
		T(test_column_counts_what_the_value_spy_counts),
		T(test_empty_match_counts_nothing),
		T(test_empty_database_counts_nothing),
		T(test_column_of_another_slot_is_not_used),
		T(test_column_is_kept_while_the_revision_stays),
		T(test_column_is_read_again_after_a_commit),
		T(test_two_shards_have_no_column_and_count_by_values),
		T(test_remote_database_has_no_column_and_counts_alike),
	};
#undef T
	return cmocka_run_group_tests(tests, NULL, NULL);
}
