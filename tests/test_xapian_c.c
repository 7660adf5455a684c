/* test_xapian_c.c - unit tests of the C binding over libxapian (xapian-c.h):
 * real databases in a fresh temporary directory per test, removed after. */
#include <ftw.h>
#include <limits.h>
#include <math.h>
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "scratch.h"

#include "xapian-c.h"

#define MAX_HITS 32

/* One test's scratch directory and the database path inside it. */
struct fx {
	char dir[PATH_MAX];
	char db[PATH_MAX];
};

/* A document to index: positional words, optional value (slot 0) and
 * optional boolean filter term; its data is the text. */
struct row {
	const char *id;
	const char *text;
	const char *value;
	const char *filter;
};

/* The rows of one search, in result order. */
struct hits {
	unsigned n;
	vns_docid did[MAX_HITS];
	double weight[MAX_HITS];
};

/* ---- fixture ---------------------------------------------------------- */

/* f->dir/name in buf. */
static const char *in_dir(const struct fx *f, const char *name, char *buf,
			  size_t size)
{
	return vns_test_path(f->dir, name, buf, size);
}

static int setup(void **state)
{
	struct fx *f = calloc(1, sizeof *f);

	if (!f)
		return -1;
	if (vns_test_mkdtemp(f->dir, sizeof f->dir, "xapian") != 0) {
		free(f);
		return -1;
	}
	in_dir(f, "db", f->db, sizeof f->db);
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	struct fx *f = *state;
	int rc = vns_test_rmtree(f->dir);

	free(f);
	return rc;
}

/* ---- helpers ---------------------------------------------------------- */

static void ok(vns_status st, const vns_err *err, const char *what)
{
	if (st != VNS_OK)
		fail_msg("%s: %s: %s", what, vns_status_name(st),
			 vns_err_text(err));
}

#define OK(expr, errp) ok((expr), (errp), #expr)

/* Add each space-separated word of text at positions 1, 2, ... */
static void add_words(vns_xdoc *doc, const char *text)
{
	vns_err err;
	unsigned pos = 1;
	const char *p = text;

	while (*p) {
		size_t len = strcspn(p, " ");

		if (len)
			OK(vns_xdoc_add_posting(doc, p, len, pos++, 1, &err),
			   &err);
		p += len;
		p += strspn(p, " ");
	}
}

static vns_xdoc *make_doc(const struct row *r)
{
	vns_err err;
	vns_xdoc *doc = vns_xdoc_new();

	assert_non_null(doc);
	add_words(doc, r->text);
	OK(vns_xdoc_set_data(doc, r->text, strlen(r->text), &err), &err);
	if (r->value)
		OK(vns_xdoc_set_value(doc, 0, r->value, strlen(r->value), &err),
		   &err);
	if (r->filter)
		OK(vns_xdoc_add_boolean(doc, r->filter, strlen(r->filter), &err),
		   &err);
	OK(vns_xdoc_add_boolean(doc, r->id, strlen(r->id), &err), &err);
	return doc;
}

static vns_docid put(vns_xwdb *w, const struct row *r)
{
	vns_err err;
	vns_docid did = 0;
	vns_xdoc *doc = make_doc(r);

	OK(vns_xwdb_replace(w, r->id, doc, &did, &err), &err);
	vns_xdoc_free(doc);
	return did;
}

static vns_xwdb *open_writer(const char *path)
{
	vns_err err;
	vns_xwdb *w = NULL;

	OK(vns_xwdb_open(path, VNS_XWDB_CREATE_OR_OPEN, &w, &err), &err);
	return w;
}

static vns_xdb *open_reader(const char *path)
{
	vns_err err;
	vns_xdb *db = NULL;

	OK(vns_xdb_open(path, &db, &err), &err);
	return db;
}

/* Create the database at path holding rows (docids 1..n), committed. */
static void build(const char *path, const struct row *rows, size_t n)
{
	vns_err err;
	vns_xwdb *w = open_writer(path);

	for (size_t i = 0; i < n; i++)
		put(w, &rows[i]);
	OK(vns_xwdb_commit(w, &err), &err);
	vns_xwdb_free(w);
}

static unsigned long doccount(vns_xdb *db)
{
	vns_err err;
	unsigned long n = 0;

	OK(vns_xdb_doccount(db, &n, &err), &err);
	return n;
}

static void collect(vns_xmset *m, struct hits *h)
{
	vns_err err;
	int rc;

	h->n = 0;
	while ((rc = vns_xmset_next(m, &err)) == VNS_ROW) {
		assert_true(h->n < MAX_HITS);
		h->did[h->n] = vns_xmset_docid(m);
		h->weight[h->n] = vns_xmset_weight(m);
		h->n++;
	}
	assert_int_equal(rc, VNS_DONE);
}

/* Run the first page of e's query into h. */
static void run_enquire(vns_xenquire *e, struct hits *h)
{
	vns_err err;
	vns_xmset *m = NULL;

	OK(vns_xenquire_get_mset(e, 0, MAX_HITS, 0, &m, &err), &err);
	collect(m, h);
	vns_xmset_free(m);
}

/* Run q over db with default settings; frees q. */
static void search(vns_xdb *db, vns_xquery *q, struct hits *h)
{
	vns_err err;
	vns_xenquire *e = NULL;

	assert_non_null(q);
	OK(vns_xenquire_new(db, &e, &err), &err);
	OK(vns_xenquire_set_query(e, q, &err), &err);
	run_enquire(e, h);
	vns_xenquire_free(e);
	vns_xquery_free(q);
}

static vns_xquery *term(const char *t)
{
	vns_err err;
	vns_xquery *q = vns_xquery_term(t, strlen(t), 1, 0, &err);

	assert_non_null(q);
	return q;
}

/* op over two terms. */
static vns_xquery *pair(vns_xop op, const char *a, const char *b,
			unsigned window)
{
	vns_err err;
	vns_xquery *subs[2] = {term(a), term(b)};
	vns_xquery *q = vns_xquery_combine(op, subs, 2, window, &err);

	vns_xquery_free(subs[0]);
	vns_xquery_free(subs[1]);
	assert_non_null(q);
	return q;
}

/* Weight of did in h; -1 if absent. */
static double weight_of(const struct hits *h, vns_docid did)
{
	for (unsigned i = 0; i < h->n; i++)
		if (h->did[i] == did)
			return h->weight[i];
	return -1;
}

static void assert_docids(const struct hits *h, unsigned n, ...)
{
	va_list ap;

	assert_int_equal(h->n, n);
	va_start(ap, n);
	for (unsigned i = 0; i < n; i++)
		assert_int_equal(h->did[i], va_arg(ap, unsigned));
	va_end(ap);
}

/* The shared small corpus of the query tests (docids 1..6). */
static const struct row corpus[] = {
	{"Q1", "bac giang tra hoa vang", "2024-05", "Pbg"},
	{"Q2", "giang bac tra", "2023-01", "Pbg"},
	{"Q3", "bac x giang", "2025-03", "Pla"},
	{"Q4", "tra tra tra ca phe", NULL, "Pla"},
	{"Q5", "ca phe dak lak", "2024-11", NULL},
	{"Q6", "hoa vang", "2024-01", "Pbg"},
};

static vns_xdb *corpus_db(const struct fx *f)
{
	build(f->db, corpus, sizeof corpus / sizeof corpus[0]);
	return open_reader(f->db);
}

/* ---- opening and locking ---------------------------------------------- */

static void test_open_missing_path_gives_edbopen_with_message(void **state)
{
	struct fx *f = *state;
	char path[PATH_MAX];
	vns_err err;
	vns_xdb *db = NULL;

	vns_err_clear(&err);
	assert_int_equal(vns_xdb_open(in_dir(f, "nope", path, sizeof path),
				      &db, &err),
			 VNS_EDBOPEN);
	assert_null(db);
	assert_int_equal(err.code, VNS_EDBOPEN);
	assert_true(strlen(err.msg) > 0);
}

static void test_second_writer_gets_edblock_with_message(void **state)
{
	struct fx *f = *state;
	vns_err err;
	vns_xwdb *first = open_writer(f->db);
	vns_xwdb *second = NULL;

	vns_err_clear(&err);
	assert_int_equal(vns_xwdb_open(f->db, VNS_XWDB_OPEN, &second, &err),
			 VNS_EDBLOCK);
	assert_null(second);
	assert_non_null(strstr(err.msg, "lock"));
	vns_xwdb_free(first);
}

static void test_create_mode_fails_when_database_exists(void **state)
{
	struct fx *f = *state;
	vns_err err;
	vns_xwdb *w = open_writer(f->db);

	vns_xwdb_free(w);
	w = NULL;
	assert_int_equal(vns_xwdb_open(f->db, VNS_XWDB_CREATE, &w, &err),
			 VNS_EDBOPEN);
	assert_null(w);
	assert_true(strlen(err.msg) > 0);
}

static void test_open_mode_fails_when_database_missing(void **state)
{
	struct fx *f = *state;
	vns_err err;
	vns_xwdb *w = NULL;

	assert_int_equal(vns_xwdb_open(f->db, VNS_XWDB_OPEN, &w, &err),
			 VNS_EDBOPEN);
	assert_null(w);
}

static void test_unknown_open_mode_is_einval(void **state)
{
	struct fx *f = *state;
	vns_err err;
	vns_xwdb *w = NULL;

	assert_int_equal(vns_xwdb_open(f->db, 42, &w, &err), VNS_EINVAL);
	assert_null(w);
	assert_non_null(strstr(err.msg, "42"));
}

static void test_unreachable_remote_shard_gives_enetwork(void **state)
{
	vns_err err;
	vns_xdb *db = NULL;

	(void)state;
	OK(vns_xdb_new(&db, &err), &err);
	/* port 1 on loopback: nothing listens, the connection is refused */
	assert_int_equal(vns_xdb_add_remote(db, "127.0.0.1", 1, 2000, &err),
			 VNS_ENETWORK);
	assert_true(strlen(err.msg) > 0);
	vns_xdb_free(db);
}

/* ---- writing ---------------------------------------------------------- */

static void test_commit_is_visible_to_reader_after_reopen(void **state)
{
	struct fx *f = *state;
	vns_err err;
	vns_xwdb *w = open_writer(f->db);
	vns_xdb *db;

	OK(vns_xwdb_commit(w, &err), &err);
	db = open_reader(f->db);
	put(w, &corpus[0]);
	OK(vns_xwdb_commit(w, &err), &err);
	assert_int_equal(doccount(db), 0);
	OK(vns_xdb_reopen(db, &err), &err);
	assert_int_equal(doccount(db), 1);
	OK(vns_xdb_reopen(db, &err), &err); /* nothing new: still fine */
	vns_xdb_free(db);
	vns_xwdb_free(w);
}

static void test_replace_by_unique_term_does_not_duplicate(void **state)
{
	struct fx *f = *state;
	struct row again = {"Q1", "second version", NULL, NULL};
	vns_err err;
	vns_xwdb *w = open_writer(f->db);
	vns_docid first = put(w, &corpus[0]);
	vns_docid second = put(w, &again);
	unsigned long n = 0;
	vns_xdb *db;
	vns_xdoc *doc = NULL;
	const char *data;
	size_t len;

	assert_int_equal(first, second);
	OK(vns_xwdb_doccount(w, &n, &err), &err);
	assert_int_equal(n, 1);
	OK(vns_xwdb_commit(w, &err), &err);
	db = open_reader(f->db);
	OK(vns_xdb_get_doc(db, first, &doc, &err), &err);
	OK(vns_xdoc_data(doc, &data, &len, &err), &err);
	assert_string_equal(data, "second version");
	vns_xdoc_free(doc);
	vns_xdb_free(db);
	vns_xwdb_free(w);
}

static void test_add_without_unique_term_gives_new_docids(void **state)
{
	struct fx *f = *state;
	vns_err err;
	vns_xwdb *w = open_writer(f->db);
	vns_xdoc *doc = make_doc(&corpus[0]);
	vns_docid a = 0, b = 0;

	OK(vns_xwdb_add(w, doc, &a, &err), &err);
	OK(vns_xwdb_add(w, doc, &b, &err), &err);
	assert_int_not_equal(a, b);
	vns_xdoc_free(doc);
	vns_xwdb_free(w);
}

static void test_delete_by_unique_term_reports_count_and_removes(void **state)
{
	struct fx *f = *state;
	vns_err err;
	vns_xdb *db = corpus_db(f);
	vns_xwdb *w;
	unsigned long count = 99;
	vns_docid did = 0;

	OK(vns_xdb_find_unique(db, "Q2", &did, &err), &err);
	assert_int_equal(did, 2);
	vns_xdb_free(db);

	w = open_writer(f->db);
	OK(vns_xwdb_delete(w, "Q2", &count, &err), &err);
	assert_int_equal(count, 1);
	OK(vns_xwdb_delete(w, "Q2", &count, &err), &err);
	assert_int_equal(count, 0);
	OK(vns_xwdb_delete(w, "Q3", NULL, &err), &err);
	OK(vns_xwdb_commit(w, &err), &err);
	vns_xwdb_free(w);

	db = open_reader(f->db);
	assert_int_equal(doccount(db), 4);
	assert_int_equal(vns_xdb_find_unique(db, "Q2", &did, &err),
			 VNS_ENOTFOUND);
	assert_non_null(strstr(err.msg, "'Q2'"));
	vns_xdb_free(db);
}

static void test_cancel_transaction_drops_changes(void **state)
{
	struct fx *f = *state;
	vns_err err;
	vns_xwdb *w = open_writer(f->db);
	unsigned long n = 9;

	put(w, &corpus[0]);
	OK(vns_xwdb_begin(w, 1, &err), &err);
	put(w, &corpus[1]);
	put(w, &corpus[2]);
	OK(vns_xwdb_cancel_transaction(w, &err), &err);
	OK(vns_xwdb_doccount(w, &n, &err), &err);
	assert_int_equal(n, 1); /* a flushed transaction committed Q1 first */
	vns_xwdb_free(w);
}

static void test_commit_transaction_applies_changes(void **state)
{
	struct fx *f = *state;
	vns_err err;
	vns_xwdb *w = open_writer(f->db);
	vns_xdb *db;

	OK(vns_xwdb_begin(w, 1, &err), &err);
	put(w, &corpus[0]);
	put(w, &corpus[1]);
	OK(vns_xwdb_commit_transaction(w, &err), &err);
	db = open_reader(f->db);
	assert_int_equal(doccount(db), 2);
	vns_xdb_free(db);
	vns_xwdb_free(w);
}

static void test_transaction_calls_out_of_order_are_errors(void **state)
{
	struct fx *f = *state;
	vns_err err;
	vns_xwdb *w = open_writer(f->db);

	assert_int_equal(vns_xwdb_commit_transaction(w, &err), VNS_EXAPIAN);
	assert_true(strlen(err.msg) > 0);
	OK(vns_xwdb_begin(w, 0, &err), &err);
	assert_int_equal(vns_xwdb_begin(w, 0, &err), VNS_EXAPIAN);
	OK(vns_xwdb_cancel_transaction(w, &err), &err);
	vns_xwdb_free(w);
}

static void test_free_without_commit_drops_pending_changes(void **state)
{
	struct fx *f = *state;
	vns_err err;
	vns_xwdb *w = open_writer(f->db);
	vns_xdb *db;

	put(w, &corpus[0]);
	OK(vns_xwdb_commit(w, &err), &err);
	put(w, &corpus[1]);
	vns_xwdb_free(w);

	db = open_reader(f->db);
	assert_int_equal(doccount(db), 1);
	vns_xdb_free(db);
}

static void test_free_inside_transaction_drops_it(void **state)
{
	struct fx *f = *state;
	vns_err err;
	vns_xwdb *w = open_writer(f->db);
	vns_xdb *db;

	OK(vns_xwdb_begin(w, 1, &err), &err);
	put(w, &corpus[0]);
	vns_xwdb_free(w);

	db = open_reader(f->db);
	assert_int_equal(doccount(db), 0);
	vns_xdb_free(db);
	vns_xwdb_free(NULL);
}

/* ---- documents and statistics ------------------------------------------ */

static int append_term(void *ctx, const char *t, size_t len, unsigned wdf)
{
	char *out = ctx;
	size_t used = strlen(out);

	snprintf(out + used, 256 - used, "%.*s:%u ", (int)len, t, wdf);
	return 0;
}

static void test_stored_document_keeps_data_values_and_terms(void **state)
{
	struct fx *f = *state;
	vns_err err;
	vns_xdb *db = corpus_db(f);
	vns_xdoc *doc = NULL;
	const char *data, *v0, *v7;
	size_t len, len0, len7;
	char terms[256] = "";

	OK(vns_xdb_get_doc(db, 4, &doc, &err), &err);
	OK(vns_xdoc_data(doc, &data, &len, &err), &err);
	assert_int_equal(len, strlen(corpus[3].text));
	assert_memory_equal(data, corpus[3].text, len);
	OK(vns_xdoc_value(doc, 0, &v0, &len0, &err), &err);
	OK(vns_xdoc_value(doc, 7, &v7, &len7, &err), &err);
	assert_int_equal(len0, 0);
	assert_string_equal(v7, "");
	OK(vns_xdoc_terms(doc, append_term, terms, &err), &err);
	assert_string_equal(terms, "Pla:0 Q4:0 ca:1 phe:1 tra:3 ");
	vns_xdoc_free(doc);

	OK(vns_xdb_get_doc(db, 1, &doc, &err), &err);
	OK(vns_xdoc_value(doc, 0, &v0, &len0, &err), &err);
	OK(vns_xdoc_value(doc, 7, &v7, &len7, &err), &err);
	assert_string_equal(v0, "2024-05"); /* still valid after slot 7 */
	vns_xdoc_free(doc);
	vns_xdb_free(db);
}

static void test_value_and_data_may_hold_nul_bytes(void **state)
{
	vns_err err;
	vns_xdoc *doc = vns_xdoc_new();
	const char *out;
	size_t len;

	(void)state;
	OK(vns_xdoc_set_value(doc, 3, "a\0b", 3, &err), &err);
	OK(vns_xdoc_value(doc, 3, &out, &len, &err), &err);
	assert_int_equal(len, 3);
	assert_memory_equal(out, "a\0b", 3);
	OK(vns_xdoc_set_value(doc, 3, "c", 1, &err), &err);
	OK(vns_xdoc_value(doc, 3, &out, &len, &err), &err);
	assert_string_equal(out, "c");
	OK(vns_xdoc_set_data(doc, "x\0y", 3, &err), &err);
	OK(vns_xdoc_data(doc, &out, &len, &err), &err);
	assert_int_equal(len, 3);
	vns_xdoc_free(doc);
	vns_xdoc_free(NULL);
}

static void test_empty_term_is_einval_with_message(void **state)
{
	vns_err err;
	vns_xdoc *doc = vns_xdoc_new();

	(void)state;
	assert_int_equal(vns_xdoc_add_term(doc, "", 0, 1, &err), VNS_EINVAL);
	assert_true(strlen(err.msg) > 0);
	vns_xdoc_free(doc);
}

static void test_get_doc_of_missing_docid_gives_enotfound(void **state)
{
	struct fx *f = *state;
	vns_err err;
	vns_xdb *db = corpus_db(f);
	vns_xdoc *doc = NULL;

	assert_int_equal(vns_xdb_get_doc(db, 999, &doc, &err), VNS_ENOTFOUND);
	assert_null(doc);
	vns_xdb_free(db);
}

static void test_termfreq_and_collfreq_count_documents_and_uses(void **state)
{
	struct fx *f = *state;
	vns_err err;
	vns_xdb *db = corpus_db(f);
	unsigned long n = 0;

	OK(vns_xdb_termfreq(db, "tra", 3, &n, &err), &err);
	assert_int_equal(n, 3);
	OK(vns_xdb_collfreq(db, "tra", 3, &n, &err), &err);
	assert_int_equal(n, 5);
	OK(vns_xdb_termfreq(db, "absent", 6, &n, &err), &err);
	assert_int_equal(n, 0);
	vns_xdb_free(db);
}

struct seen {
	char text[256];
	int stop_after; /* 0 = never */
	int calls;
};

static int note_term(void *ctx, const char *t, size_t len,
		     unsigned long freq)
{
	struct seen *s = ctx;
	size_t used = strlen(s->text);

	snprintf(s->text + used, sizeof s->text - used, "%.*s=%lu ", (int)len,
		 t, freq);
	return ++s->calls == s->stop_after;
}

static void test_allterms_lists_prefix_in_order_and_stops_early(void **state)
{
	struct fx *f = *state;
	vns_err err;
	vns_xdb *db = corpus_db(f);
	struct seen all = {"", 0, 0}, first = {"", 1, 0};

	OK(vns_xdb_allterms(db, "P", note_term, &all, &err), &err);
	assert_string_equal(all.text, "Pbg=3 Pla=2 ");
	OK(vns_xdb_allterms(db, "Q", note_term, &first, &err), &err);
	assert_string_equal(first.text, "Q1=1 ");
	vns_xdb_free(db);
}

/* ---- queries ---------------------------------------------------------- */

static void test_term_query_ranks_higher_wdf_first(void **state)
{
	struct fx *f = *state;
	vns_xdb *db = corpus_db(f);
	struct hits h;

	search(db, term("tra"), &h);
	assert_int_equal(h.n, 3);
	assert_int_equal(h.did[0], 4);
	vns_xdb_free(db);
}

static void test_phrase_query_needs_adjacent_positions(void **state)
{
	struct fx *f = *state;
	vns_xdb *db = corpus_db(f);
	struct hits h;

	search(db, pair(VNS_XOP_PHRASE, "bac", "giang", 0), &h);
	assert_docids(&h, 1, 1);
	search(db, pair(VNS_XOP_NEAR, "bac", "giang", 2), &h);
	assert_int_equal(h.n, 2);
	assert_true(weight_of(&h, 3) < 0);
	search(db, pair(VNS_XOP_NEAR, "bac", "giang", 3), &h);
	assert_int_equal(h.n, 3);
	vns_xdb_free(db);
}

static void test_filter_restricts_without_adding_weight(void **state)
{
	struct fx *f = *state;
	vns_xdb *db = corpus_db(f);
	struct hits plain, filtered;

	search(db, term("tra"), &plain);
	search(db, pair(VNS_XOP_FILTER, "tra", "Pbg", 0), &filtered);
	assert_int_equal(filtered.n, 2);
	assert_true(weight_of(&filtered, 4) < 0);
	assert_float_equal(weight_of(&filtered, 1), weight_of(&plain, 1), 1e-9);
	assert_float_equal(weight_of(&filtered, 2), weight_of(&plain, 2), 1e-9);
	vns_xdb_free(db);
}

static void test_and_not_excludes_documents(void **state)
{
	struct fx *f = *state;
	vns_xdb *db = corpus_db(f);
	struct hits h;

	search(db, pair(VNS_XOP_AND_NOT, "tra", "bac", 0), &h);
	assert_docids(&h, 1, 4);
	vns_xdb_free(db);
}

static void test_and_maybe_keeps_match_set_and_adds_weight(void **state)
{
	struct fx *f = *state;
	vns_xdb *db = corpus_db(f);
	struct hits plain, maybe;

	search(db, term("tra"), &plain);
	search(db, pair(VNS_XOP_AND_MAYBE, "tra", "hoa", 0), &maybe);
	assert_int_equal(maybe.n, plain.n);
	assert_true(weight_of(&maybe, 1) > weight_of(&plain, 1));
	assert_float_equal(weight_of(&maybe, 2), weight_of(&plain, 2), 1e-9);
	vns_xdb_free(db);
}

static void test_and_needs_both_or_needs_either(void **state)
{
	struct fx *f = *state;
	vns_xdb *db = corpus_db(f);
	struct hits h;

	search(db, pair(VNS_XOP_AND, "tra", "phe", 0), &h);
	assert_docids(&h, 1, 4);
	search(db, pair(VNS_XOP_OR, "lak", "hoa", 0), &h);
	assert_int_equal(h.n, 3);
	vns_xdb_free(db);
}

static void test_synonym_matches_either_term(void **state)
{
	struct fx *f = *state;
	vns_xdb *db = corpus_db(f);
	vns_xquery *q = pair(VNS_XOP_SYNONYM, "lak", "hoa", 0);
	char *text = vns_xquery_describe(q);
	struct hits h;

	assert_non_null(strstr(text, "SYNONYM"));
	free(text);
	search(db, q, &h);
	assert_int_equal(h.n, 3);
	vns_xdb_free(db);
}

static void test_scale_weight_multiplies_weight(void **state)
{
	struct fx *f = *state;
	vns_err err;
	vns_xdb *db = corpus_db(f);
	vns_xquery *q = term("tra");
	struct hits plain, doubled, zero;

	search(db, vns_xquery_scale(q, 2.0, &err), &doubled);
	search(db, vns_xquery_scale(q, 0.0, &err), &zero);
	search(db, q, &plain);
	assert_int_equal(doubled.n, plain.n);
	assert_float_equal(doubled.weight[0], 2 * plain.weight[0], 1e-9);
	assert_int_equal(zero.n, plain.n);
	assert_float_equal(zero.weight[0], 0.0, 1e-12);
	vns_xdb_free(db);
}

static void test_scale_rejects_negative_factor(void **state)
{
	vns_err err;
	vns_xquery *q = term("tra");

	(void)state;
	assert_null(vns_xquery_scale(q, -1.0, &err));
	assert_int_equal(err.code, VNS_EINVAL);
	assert_null(vns_xquery_scale(q, NAN, &err));
	vns_xquery_free(q);
}

static void test_combine_skips_null_and_empty_matches_nothing(void **state)
{
	struct fx *f = *state;
	vns_err err;
	vns_xdb *db = corpus_db(f);
	vns_xquery *subs[3] = {NULL, term("lak"), NULL};
	vns_xquery *q = vns_xquery_combine(VNS_XOP_OR, subs, 3, 0, &err);
	vns_xquery *none = vns_xquery_combine(VNS_XOP_AND, subs, 1, 0, &err);
	struct hits h;

	assert_non_null(none);
	assert_true(vns_xquery_is_empty(none));
	assert_false(vns_xquery_is_empty(q));
	search(db, q, &h);
	assert_docids(&h, 1, 5);
	search(db, none, &h);
	assert_int_equal(h.n, 0);
	assert_null(vns_xquery_combine((vns_xop)99, subs, 3, 0, &err));
	assert_int_equal(err.code, VNS_EINVAL);
	vns_xquery_free(subs[1]);
	vns_xdb_free(db);
}

static void test_match_all_and_match_nothing(void **state)
{
	struct fx *f = *state;
	vns_err err;
	vns_xdb *db = corpus_db(f);
	vns_xquery *nothing = vns_xquery_match_nothing(&err);
	struct hits h;

	assert_true(vns_xquery_is_empty(nothing));
	search(db, nothing, &h);
	assert_int_equal(h.n, 0);
	search(db, vns_xquery_match_all(&err), &h);
	assert_int_equal(h.n, 6);
	assert_float_equal(h.weight[0], 0.0, 1e-12);
	vns_xdb_free(db);
}

static void test_value_range_closed_and_open_ends(void **state)
{
	struct fx *f = *state;
	vns_err err;
	vns_xdb *db = corpus_db(f);
	struct hits h;

	search(db, vns_xquery_value_range(0, "2024-01", "2024-12", &err), &h);
	assert_docids(&h, 3, 1, 5, 6);
	search(db, vns_xquery_value_range(0, NULL, "2024-01", &err), &h);
	assert_docids(&h, 2, 2, 6);
	search(db, vns_xquery_value_range(0, "2024-06", NULL, &err), &h);
	assert_docids(&h, 2, 3, 5);
	search(db, vns_xquery_value_range(0, NULL, NULL, &err), &h);
	assert_int_equal(h.n, 6);
	vns_xdb_free(db);
}

static void test_sort_by_value_reverse_orders_descending(void **state)
{
	struct fx *f = *state;
	vns_err err;
	vns_xdb *db = corpus_db(f);
	vns_xquery *q = vns_xquery_value_range(0, "2000", NULL, &err);
	vns_xenquire *e = NULL;
	struct hits h;

	OK(vns_xenquire_new(db, &e, &err), &err);
	OK(vns_xenquire_set_query(e, q, &err), &err);
	OK(vns_xenquire_sort_by_value(e, 0, 1, &err), &err);
	run_enquire(e, &h);
	assert_docids(&h, 5, 3, 5, 1, 6, 2);
	OK(vns_xenquire_sort_by_value(e, 0, 0, &err), &err);
	run_enquire(e, &h);
	assert_docids(&h, 5, 2, 6, 1, 5, 3);
	OK(vns_xenquire_sort_by_relevance(e, &err), &err);
	run_enquire(e, &h);
	assert_docids(&h, 5, 1, 2, 3, 5, 6);
	vns_xenquire_free(e);
	vns_xquery_free(q);
	vns_xdb_free(db);
}

static void test_docid_order_descending_breaks_ties(void **state)
{
	struct fx *f = *state;
	vns_err err;
	vns_xdb *db = corpus_db(f);
	vns_xquery *q = term("Pbg");
	vns_xenquire *e = NULL;
	struct hits h;

	OK(vns_xenquire_new(db, &e, &err), &err);
	OK(vns_xenquire_set_query(e, q, &err), &err);
	OK(vns_xenquire_docid_order(e, 1, &err), &err);
	run_enquire(e, &h);
	assert_docids(&h, 3, 6, 2, 1);
	vns_xenquire_free(e);
	vns_xquery_free(q);
	vns_xdb_free(db);
}

static void test_bm25_k1_zero_ignores_wdf(void **state)
{
	struct fx *f = *state;
	vns_err err;
	vns_xdb *db = corpus_db(f);
	vns_xquery *q = term("tra");
	vns_xenquire *e = NULL;
	struct hits h;

	OK(vns_xenquire_new(db, &e, &err), &err);
	OK(vns_xenquire_set_query(e, q, &err), &err);
	OK(vns_xenquire_set_bm25(e, 0, 0, 1, 0, 0.5, &err), &err);
	run_enquire(e, &h);
	assert_int_equal(h.n, 3);
	assert_float_equal(h.weight[0], h.weight[2], 1e-9);
	vns_xenquire_free(e);
	vns_xquery_free(q);
	vns_xdb_free(db);
}

/* Replace documents Q0..Q(n-1) with text "tin <word> <i>", committed. */
static void rewrite(vns_xwdb *w, unsigned n, const char *word)
{
	vns_err err;

	for (unsigned i = 0; i < n; i++) {
		char id[16], text[64];
		struct row r = {id, text, NULL, NULL};

		snprintf(id, sizeof id, "Q%u", i);
		snprintf(text, sizeof text, "tin %s %u", word, i);
		put(w, &r);
	}
	OK(vns_xwdb_commit(w, &err), &err);
}

static void test_get_mset_reopens_when_writer_moved_on(void **state)
{
	struct fx *f = *state;
	vns_err err;
	vns_xwdb *w = open_writer(f->db);
	vns_xdb *db;
	vns_xquery *q = term("tin");
	vns_xenquire *e = NULL;
	vns_xmset *m = NULL;

	rewrite(w, 2000, "mot");
	db = open_reader(f->db);
	OK(vns_xenquire_new(db, &e, &err), &err);
	OK(vns_xenquire_set_query(e, q, &err), &err);
	/* two more commits recycle the blocks the reader's revision used */
	rewrite(w, 2000, "hai");
	rewrite(w, 2000, "ba");
	OK(vns_xenquire_get_mset(e, 0, 10, 0, &m, &err), &err);
	assert_int_equal(vns_xmset_size(m), 10);
	vns_xmset_free(m);
	vns_xenquire_free(e);
	vns_xquery_free(q);
	vns_xdb_free(db);
	vns_xwdb_free(w);
}

/* ---- result sets and spies -------------------------------------------- */

static void test_mset_steps_rows_then_done_with_ranks_from_offset(void **state)
{
	struct fx *f = *state;
	vns_err err;
	vns_xdb *db = corpus_db(f);
	vns_xquery *q = vns_xquery_match_all(&err);
	vns_xenquire *e = NULL;
	vns_xmset *m = NULL;
	const char *data;
	size_t len;

	OK(vns_xenquire_new(db, &e, &err), &err);
	OK(vns_xenquire_set_query(e, q, &err), &err);
	OK(vns_xenquire_get_mset(e, 2, 2, 6, &m, &err), &err);
	assert_int_equal(vns_xmset_size(m), 2);
	assert_int_equal(vns_xmset_estimated(m), 6);
	assert_int_equal(vns_xmset_lower_bound(m), 6);
	assert_int_equal(vns_xmset_upper_bound(m), 6);
	assert_int_equal(vns_xmset_docid(m), 0); /* no row yet */
	assert_int_equal(vns_xmset_data(m, &data, &len, &err), VNS_EINVAL);
	assert_int_equal(vns_xmset_next(m, &err), VNS_ROW);
	assert_int_equal(vns_xmset_rank(m), 2);
	assert_int_equal(vns_xmset_docid(m), 3);
	OK(vns_xmset_data(m, &data, &len, &err), &err);
	assert_int_equal(len, strlen(corpus[2].text));
	assert_memory_equal(data, corpus[2].text, len);
	assert_int_equal(vns_xmset_next(m, &err), VNS_ROW);
	assert_int_equal(vns_xmset_rank(m), 3);
	assert_int_equal(vns_xmset_next(m, &err), VNS_DONE);
	assert_int_equal(vns_xmset_next(m, &err), VNS_DONE);
	vns_xmset_free(m);
	vns_xenquire_free(e);
	vns_xquery_free(q);
	vns_xdb_free(db);
}

static void test_positions_and_seek_in_the_current_page(void **state)
{
	struct fx *f = *state;
	vns_err err;
	vns_xdb *db = corpus_db(f);
	vns_xquery *q = term("tra");
	vns_xenquire *e = NULL;
	vns_xmset *m = NULL;
	unsigned *pos = NULL;
	size_t n = 99;

	OK(vns_xenquire_new(db, &e, &err), &err);
	OK(vns_xenquire_set_query(e, q, &err), &err);
	OK(vns_xenquire_get_mset(e, 0, 10, 0, &m, &err), &err);
	assert_int_equal(vns_xmset_positions(m, "tra", 3, &pos, &n, &err),
			 VNS_EINVAL); /* no row yet */
	assert_int_equal(vns_xmset_next(m, &err), VNS_ROW);
	assert_int_equal(vns_xmset_docid(m), 4); /* "tra tra tra ca phe" */
	OK(vns_xmset_positions(m, "tra", 3, &pos, &n, &err), &err);
	assert_int_equal(n, 3);
	assert_int_equal(pos[0], 1);
	assert_int_equal(pos[1], 2);
	assert_int_equal(pos[2], 3);
	free(pos);
	OK(vns_xmset_positions(m, "phe", 3, &pos, &n, &err), &err);
	assert_int_equal(n, 1);
	assert_int_equal(pos[0], 5);
	free(pos);
	OK(vns_xmset_positions(m, "giang", 5, &pos, &n, &err), &err);
	assert_int_equal(n, 0); /* not in this document */
	assert_null(pos);
	/* seeking back and forth makes another row current */
	OK(vns_xmset_seek(m, 0, &err), &err);
	assert_int_equal(vns_xmset_docid(m), 4);
	assert_int_equal(vns_xmset_rank(m), 0);
	assert_int_equal(vns_xmset_seek(m, 3, &err), VNS_EINVAL);
	assert_int_equal(vns_xmset_next(m, &err), VNS_ROW);
	OK(vns_xmset_seek(m, 0, &err), &err);
	assert_int_equal(vns_xmset_docid(m), 4);
	assert_int_equal(vns_xmset_next(m, &err), VNS_ROW);
	assert_int_equal(vns_xmset_rank(m), 1);
	assert_int_equal(vns_xmset_next(m, &err), VNS_ROW);
	assert_int_equal(vns_xmset_next(m, &err), VNS_DONE);
	vns_xmset_free(m);
	vns_xenquire_free(e);
	vns_xquery_free(q);
	vns_xdb_free(db);
}

static int note_value(void *ctx, const char *v, size_t len,
		      unsigned long count)
{
	return note_term(ctx, v, len, count);
}

static const struct row facet_rows[] = {
	{"Q1", "tin", "ha noi", NULL},  {"Q2", "tin", "hue", NULL},
	{"Q3", "tin", "ha noi", NULL},  {"Q4", "tin", "can tho", NULL},
	{"Q5", "tin", "hue", NULL},     {"Q6", "tin", "ha noi", NULL},
	{"Q7", "tin", "can tho", NULL}, {"Q8", "tin", "ha noi", NULL},
	{"Q9", "khac", "hue", NULL},
};

/* Search "tin" without weights (so Xapian could stop after the page) for
 * one page of two rows with spy attached, twice. */
static void spy_search(vns_xdb *db, vns_xspy *spy)
{
	vns_err err;
	vns_xquery *tin = term("tin");
	vns_xquery *q = vns_xquery_scale(tin, 0, &err);
	vns_xenquire *e = NULL;
	vns_xmset *m = NULL;

	OK(vns_xenquire_new(db, &e, &err), &err);
	OK(vns_xenquire_set_query(e, q, &err), &err);
	OK(vns_xenquire_add_spy(e, spy, &err), &err);
	for (int i = 0; i < 2; i++) {
		OK(vns_xenquire_get_mset(e, 0, 2, 0, &m, &err), &err);
		assert_int_equal(vns_xmset_size(m), 2);
		vns_xmset_free(m);
	}
	vns_xenquire_free(e);
	vns_xquery_free(q);
	vns_xquery_free(tin);
}

static void test_spy_counts_whole_match_set_not_only_page(void **state)
{
	struct fx *f = *state;
	vns_err err;
	vns_xdb *db;
	vns_xspy *spy = NULL;
	struct seen all = {"", 0, 0}, top = {"", 0, 0}, one = {"", 1, 0};

	build(f->db, facet_rows, sizeof facet_rows / sizeof facet_rows[0]);
	db = open_reader(f->db);
	OK(vns_xspy_new(0, &spy, &err), &err);
	spy_search(db, spy);
	assert_int_equal(vns_xspy_total(spy), 8); /* not 16: recounted */
	OK(vns_xspy_values(spy, 0, note_value, &all, &err), &err);
	assert_string_equal(all.text, "ha noi=4 can tho=2 hue=2 ");
	OK(vns_xspy_values(spy, 2, note_value, &top, &err), &err);
	assert_string_equal(top.text, "ha noi=4 can tho=2 ");
	OK(vns_xspy_values(spy, 0, note_value, &one, &err), &err);
	assert_string_equal(one.text, "ha noi=4 ");
	vns_xspy_free(spy);
	vns_xspy_free(NULL);
	vns_xdb_free(db);
}

/* Several entries per value, and a document without one. */
static const struct row multi_rows[] = {
	{"Q1", "tin", "ha noi\x1fhue", NULL}, {"Q2", "tin", "hue", NULL},
	{"Q3", "tin", NULL, NULL},            {"Q4", "khac", "ha noi", NULL},
	{"Q5", "tin", "can tho\x1fha noi", NULL},
};

/* The entries spy counted on db, and their total, as "entry=n ... /total". */
static void count_entries(vns_xdb *db, struct seen *out)
{
	vns_err err;
	vns_xspy *spy = NULL;
	char total[32];

	OK(vns_xspy_new_multi(0, '\x1f', &spy, &err), &err);
	spy_search(db, spy);
	OK(vns_xspy_values(spy, 0, note_value, out, &err), &err);
	snprintf(total, sizeof total, "/%lu", vns_xspy_total(spy));
	strcat(out->text, total);
	vns_xspy_free(spy);
}

/* A database keeping the slot in memory counts what Xapian's spy counts,
 * and reads the slot again once a commit made a new revision. */
static void test_kept_column_counts_as_the_spy(void **state)
{
	struct fx *f = *state;
	struct row more = {"Q6", "tin", "hue\x1fvinh", NULL};
	struct seen plain = {"", 0, 0}, kept = {"", 0, 0}, again = {"", 0, 0};
	vns_err err;
	vns_xdb *db, *keeping;
	vns_xwdb *w;

	build(f->db, multi_rows, sizeof multi_rows / sizeof multi_rows[0]);
	db = open_reader(f->db);
	keeping = open_reader(f->db);
	OK(vns_xdb_keep_column(keeping, 0, '\x1f', &err), &err);
	count_entries(db, &plain);
	assert_string_equal(plain.text, "ha noi=2 hue=2 can tho=1 /4");
	count_entries(keeping, &kept);
	assert_string_equal(kept.text, plain.text);

	w = open_writer(f->db);
	put(w, &more);
	OK(vns_xwdb_commit(w, &err), &err);
	vns_xwdb_free(w);
	OK(vns_xdb_reopen(keeping, &err), &err);
	count_entries(keeping, &again);
	assert_string_equal(again.text, "hue=3 ha noi=2 can tho=1 vinh=1 /5");
	vns_xdb_free(keeping);
	vns_xdb_free(db);
}

static void test_snippet_highlights_query_terms(void **state)
{
	struct fx *f = *state;
	vns_err err;
	vns_xdb *db = corpus_db(f);
	vns_xquery *q = term("vang");
	vns_xenquire *e = NULL;
	vns_xmset *m = NULL;
	char *snip = NULL;

	OK(vns_xenquire_new(db, &e, &err), &err);
	OK(vns_xenquire_set_query(e, q, &err), &err);
	OK(vns_xenquire_get_mset(e, 0, 10, 0, &m, &err), &err);
	OK(vns_xmset_snippet(m, "tra hoa vang bac giang", 100, "[", "]", &snip,
			     &err),
	   &err);
	assert_non_null(strstr(snip, "[vang]"));
	free(snip);
	vns_xmset_free(m);
	vns_xenquire_free(e);
	vns_xquery_free(q);
	vns_xdb_free(db);
}

/* ---- spelling, synonyms, metadata ------------------------------------- */

static void test_spelling_suggests_closest_known_word(void **state)
{
	struct fx *f = *state;
	vns_err err;
	vns_xwdb *w = open_writer(f->db);
	vns_xdb *db;
	char *best = NULL;

	OK(vns_xwdb_add_spelling(w, "giang", 3, &err), &err);
	OK(vns_xwdb_add_spelling(w, "giong", 1, &err), &err);
	OK(vns_xwdb_commit(w, &err), &err);
	vns_xwdb_free(w);

	db = open_reader(f->db);
	OK(vns_xdb_spelling(db, "giamg", 2, &best, &err), &err);
	assert_string_equal(best, "giang");
	free(best);
	OK(vns_xdb_spelling(db, "zzzzzzzz", 1, &best, &err), &err);
	assert_null(best);
	vns_xdb_free(db);
}

static int note_synonym(void *ctx, const char *syn, size_t len)
{
	return note_term(ctx, syn, len, 1);
}

static void test_synonyms_are_listed_and_stop_early(void **state)
{
	struct fx *f = *state;
	vns_err err;
	vns_xwdb *w = open_writer(f->db);
	vns_xdb *db;
	struct seen all = {"", 0, 0}, first = {"", 1, 0}, none = {"", 0, 0};

	OK(vns_xwdb_add_synonym(w, "tphcm", "sai gon", &err), &err);
	OK(vns_xwdb_add_synonym(w, "tphcm", "ho chi minh", &err), &err);
	OK(vns_xwdb_commit(w, &err), &err);
	vns_xwdb_free(w);

	db = open_reader(f->db);
	OK(vns_xdb_synonyms(db, "tphcm", note_synonym, &all, &err), &err);
	assert_string_equal(all.text, "ho chi minh=1 sai gon=1 ");
	OK(vns_xdb_synonyms(db, "tphcm", note_synonym, &first, &err), &err);
	assert_int_equal(first.calls, 1);
	OK(vns_xdb_synonyms(db, "hue", note_synonym, &none, &err), &err);
	assert_int_equal(none.calls, 0);
	vns_xdb_free(db);
}

static void test_metadata_round_trips_and_unset_is_empty(void **state)
{
	struct fx *f = *state;
	vns_err err;
	vns_xwdb *w = open_writer(f->db);
	vns_xdb *db;
	char *value = NULL;

	OK(vns_xwdb_set_metadata(w, "schema", "3", &err), &err);
	OK(vns_xwdb_set_metadata(w, "gone", "x", &err), &err);
	OK(vns_xwdb_set_metadata(w, "gone", "", &err), &err);
	OK(vns_xwdb_commit(w, &err), &err);
	vns_xwdb_free(w);

	db = open_reader(f->db);
	OK(vns_xdb_get_metadata(db, "schema", &value, &err), &err);
	assert_string_equal(value, "3");
	free(value);
	OK(vns_xdb_get_metadata(db, "gone", &value, &err), &err);
	assert_string_equal(value, "");
	free(value);
	vns_xdb_free(db);
}

/* ---- rank_distinct ---------------------------------------------------- */

#define TIE_SLOT 7
#define KEY_SLOT 9

/* 150 documents, docids 1..150, whose ids (slot TIE_SLOT) run in another
 * order than their docids. "solo" documents (the first 100) each have a
 * key of their own and share weights in groups (4 wdfs x 5 lengths);
 * "copy" documents share 7 keys, with the same text for some copies of a
 * key and not for others, and every fifth has no key. */
static void build_keyed(const char *path)
{
	vns_err err;
	vns_xwdb *w = open_writer(path);

	for (unsigned i = 0; i < 150; i++) {
		char id[16], key[16], text[128] = "";
		vns_xdoc *doc = vns_xdoc_new();
		const char *word = i < 100 ? "solo " : "copy ";

		assert_non_null(doc);
		snprintf(id, sizeof id, "id%03u", (i * 37) % 150);
		if (i < 100)
			snprintf(key, sizeof key, "u%03u", i);
		else
			snprintf(key, sizeof key, "c%u", i % 7);
		for (unsigned k = 0; k <= (i < 100 ? i % 4 : i % 3); k++)
			strcat(text, word);
		for (unsigned k = 0; k < (i < 100 ? i % 5 : (i / 7) % 2); k++)
			strcat(text, "x ");
		add_words(doc, text);
		OK(vns_xdoc_set_value(doc, TIE_SLOT, id, strlen(id), &err), &err);
		if (i < 100 || i % 5)
			OK(vns_xdoc_set_value(doc, KEY_SLOT, key, strlen(key),
					      &err), &err);
		OK(vns_xdoc_add_boolean(doc, id, strlen(id), &err), &err);
		OK(vns_xwdb_add(w, doc, NULL, &err), &err);
		vns_xdoc_free(doc);
	}
	OK(vns_xwdb_commit(w, &err), &err);
	vns_xwdb_free(w);
}

/* The page offset/count of q: in h, with ranks in rank; *picked; the
 * match counts in n (lower bound, estimate, upper bound). */
static void keyed_page(vns_xdb *db, vns_xquery *q, int distinct,
		       unsigned offset, unsigned count, struct hits *h,
		       unsigned *rank, int *picked, unsigned long n[3])
{
	vns_err err;
	vns_xenquire *e = NULL;
	vns_xmset *m = NULL;

	OK(vns_xenquire_new(db, &e, &err), &err);
	OK(vns_xenquire_set_query(e, q, &err), &err);
	if (distinct) {
		OK(vns_xenquire_rank_distinct(e, TIE_SLOT, KEY_SLOT, &err),
		   &err);
	} else {
		OK(vns_xenquire_sort_by_relevance_then_value(e, TIE_SLOT, &err),
		   &err);
		OK(vns_xenquire_set_collapse(e, KEY_SLOT, 1, &err), &err);
	}
	OK(vns_xenquire_get_mset(e, offset, count, 0, &m, &err), &err);
	*picked = vns_xmset_picked(m);
	n[0] = vns_xmset_lower_bound(m);
	n[1] = vns_xmset_estimated(m);
	n[2] = vns_xmset_upper_bound(m);
	h->n = 0;
	while (vns_xmset_next(m, &err) == VNS_ROW) {
		rank[h->n] = vns_xmset_rank(m);
		h->did[h->n] = vns_xmset_docid(m);
		h->weight[h->n++] = vns_xmset_weight(m);
	}
	vns_xmset_free(m);
	vns_xenquire_free(e);
}

/* How many documents q matches, one per key: Xapian's exact count. */
static unsigned long distinct_count(vns_xdb *db, vns_xquery *q)
{
	vns_err err;
	vns_xenquire *e = NULL;
	vns_xmset *m = NULL;
	unsigned long n;

	OK(vns_xenquire_new(db, &e, &err), &err);
	OK(vns_xenquire_set_query(e, q, &err), &err);
	OK(vns_xenquire_set_collapse(e, KEY_SLOT, 1, &err), &err);
	OK(vns_xenquire_get_mset(e, 0, 0, 150, &m, &err), &err);
	n = vns_xmset_estimated(m);
	assert_int_equal(vns_xmset_lower_bound(m), n);
	vns_xmset_free(m);
	vns_xenquire_free(e);
	return n;
}

static void test_rank_distinct_gives_the_rows_of_sort_and_collapse(void **state)
{
	struct fx *f = *state;
	static const unsigned offsets[] = { 0, 1, 4, 9, 30, 61, 95, 100 };
	static const unsigned counts[] = { 1, 3, 10, 25 };
	const char *words[][2] = { { "solo", NULL }, { "copy", NULL },
				   { "solo", "copy" } };
	unsigned picked = 0, sorted = 0, rows = 0, exact = 0;
	vns_xdb *db;

	build_keyed(f->db);
	db = open_reader(f->db);
	for (size_t w = 0; w < sizeof words / sizeof words[0]; w++) {
		vns_xquery *q = words[w][1] ? pair(VNS_XOP_OR, words[w][0],
						   words[w][1], 0)
					    : term(words[w][0]);
		unsigned long all = distinct_count(db, q);
		for (size_t o = 0; o < sizeof offsets / sizeof *offsets; o++)
			for (size_t c = 0; c < sizeof counts / sizeof *counts;
			     c++) {
				struct hits want, got;
				unsigned want_rank[MAX_HITS], got_rank[MAX_HITS];
				unsigned long want_n[3], n[3];
				int p;

				keyed_page(db, q, 0, offsets[o], counts[c], &want,
					   want_rank, &p, want_n);
				/* a fresh handle: no pick skipped after
				 * another page's failed one */
				vns_xdb *fresh = open_reader(f->db);
				keyed_page(fresh, q, 1, offsets[o], counts[c],
					   &got, got_rank, &p, n);
				vns_xdb_free(fresh);
				/* the counts bound the right one; an exact
				 * count is it */
				assert_true(n[0] <= all && all <= n[2]);
				assert_true(n[0] <= n[1] && n[1] <= n[2]);
				exact += n[0] == n[2];
				picked += p == 1;
				sorted += p == 0;
				rows += want.n;
				assert_int_equal(got.n, want.n);
				assert_memory_equal(got.did, want.did,
						    want.n * sizeof *want.did);
				assert_memory_equal(got.weight, want.weight,
						    want.n * sizeof *want.weight);
				assert_memory_equal(got_rank, want_rank,
						    want.n * sizeof *want_rank);
			}
		vns_xquery_free(q);
	}
	/* both ways of ranking were taken, and most pages had rows */
	assert_true(rows > 500);
	assert_true(exact > 10);
	assert_true(picked > 10);
	assert_true(sorted > 10);
	vns_xdb_free(db);
}

/* After a pick that copies defeated, the next 15 ranked matches on the
 * same database go to Xapian's sort and collapse straight away; then the
 * pick is tried again. */
static void test_rank_distinct_skips_picks_after_copies(void **state)
{
	struct fx *f = *state;
	vns_xquery *copy = term("copy"), *solo = term("solo");
	struct hits h;
	unsigned rank[MAX_HITS];
	unsigned long n[3];
	int picked;
	vns_xdb *db;

	build_keyed(f->db);
	db = open_reader(f->db);
	keyed_page(db, solo, 1, 0, 10, &h, rank, &picked, n);
	assert_int_equal(picked, 1);
	keyed_page(db, copy, 1, 0, 10, &h, rank, &picked, n);
	assert_int_equal(picked, 0);
	for (int i = 0; i < 15; i++) {
		keyed_page(db, solo, 1, 0, 10, &h, rank, &picked, n);
		assert_int_equal(picked, 0);
	}
	keyed_page(db, solo, 1, 0, 10, &h, rank, &picked, n);
	assert_int_equal(picked, 1);
	vns_xquery_free(copy);
	vns_xquery_free(solo);
	vns_xdb_free(db);
}

/* ---- shards ----------------------------------------------------------- */

static void test_shards_opened_together_count_the_sum(void **state)
{
	struct fx *f = *state;
	vns_err err;
	char a[PATH_MAX], b[PATH_MAX], stub[PATH_MAX];
	vns_xdb *db = NULL;
	struct hits h;
	FILE *fp;

	build(in_dir(f, "a", a, sizeof a), corpus, 4);
	build(in_dir(f, "b", b, sizeof b), corpus + 4, 2);
	OK(vns_xdb_new(&db, &err), &err);
	assert_int_equal(doccount(db), 0);
	OK(vns_xdb_add(db, a, &err), &err);
	OK(vns_xdb_add(db, b, &err), &err);
	assert_int_equal(doccount(db), 6);
	search(db, term("hoa"), &h);
	assert_int_equal(h.n, 2);
	vns_xdb_free(db);

	fp = fopen(in_dir(f, "stub", stub, sizeof stub), "w");
	assert_non_null(fp);
	fprintf(fp, "auto a\nauto b\n");
	fclose(fp);
	db = open_reader(stub);
	assert_int_equal(doccount(db), 6);
	vns_xdb_free(db);
	vns_xdb_free(NULL);
}

int main(void)
{
#define T(name) cmocka_unit_test_setup_teardown(name, setup, teardown)
	const struct CMUnitTest tests[] = {
		T(test_open_missing_path_gives_edbopen_with_message),
		T(test_second_writer_gets_edblock_with_message),
		T(test_create_mode_fails_when_database_exists),
		T(test_open_mode_fails_when_database_missing),
		T(test_unknown_open_mode_is_einval),
		T(test_unreachable_remote_shard_gives_enetwork),
		T(test_commit_is_visible_to_reader_after_reopen),
		T(test_replace_by_unique_term_does_not_duplicate),
		T(test_add_without_unique_term_gives_new_docids),
		T(test_delete_by_unique_term_reports_count_and_removes),
		T(test_cancel_transaction_drops_changes),
		T(test_commit_transaction_applies_changes),
		T(test_transaction_calls_out_of_order_are_errors),
		T(test_free_without_commit_drops_pending_changes),
		T(test_free_inside_transaction_drops_it),
		T(test_stored_document_keeps_data_values_and_terms),
		T(test_value_and_data_may_hold_nul_bytes),
		T(test_empty_term_is_einval_with_message),
		T(test_get_doc_of_missing_docid_gives_enotfound),
		T(test_termfreq_and_collfreq_count_documents_and_uses),
		T(test_allterms_lists_prefix_in_order_and_stops_early),
		T(test_term_query_ranks_higher_wdf_first),
		T(test_phrase_query_needs_adjacent_positions),
		T(test_filter_restricts_without_adding_weight),
		T(test_and_not_excludes_documents),
		T(test_and_maybe_keeps_match_set_and_adds_weight),
		T(test_and_needs_both_or_needs_either),
		T(test_synonym_matches_either_term),
		T(test_scale_weight_multiplies_weight),
		T(test_scale_rejects_negative_factor),
		T(test_combine_skips_null_and_empty_matches_nothing),
		T(test_match_all_and_match_nothing),
		T(test_value_range_closed_and_open_ends),
		T(test_sort_by_value_reverse_orders_descending),
		T(test_docid_order_descending_breaks_ties),
		T(test_bm25_k1_zero_ignores_wdf),
		T(test_get_mset_reopens_when_writer_moved_on),
		T(test_mset_steps_rows_then_done_with_ranks_from_offset),
		T(test_positions_and_seek_in_the_current_page),
		T(test_spy_counts_whole_match_set_not_only_page),
		T(test_kept_column_counts_as_the_spy),
		T(test_snippet_highlights_query_terms),
		T(test_spelling_suggests_closest_known_word),
		T(test_synonyms_are_listed_and_stop_early),
		T(test_metadata_round_trips_and_unset_is_empty),
		T(test_rank_distinct_gives_the_rows_of_sort_and_collapse),
		T(test_rank_distinct_skips_picks_after_copies),
		T(test_shards_opened_together_count_the_sum),
	};
#undef T
	return cmocka_run_group_tests(tests, NULL, NULL);
}
