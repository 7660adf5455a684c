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
#include "xfixture.h"

#define MAX_HITS 32

/* One test's scratch directory and the database path inside it. */
struct fx {
	char dir[PATH_MAX];
	char db[PATH_MAX];
};
VNS_TEST_FX_CHECK(struct fx);

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

static int setup(void **state)
{
	return vns_test_fx_setup(state, sizeof(struct fx), "xapian");
}

/* ---- helpers ---------------------------------------------------------- */

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

/* The data of the one document carrying idterm into buf (size bytes);
 * returns its docid, 0 if no document carries it. */
static vns_docid data_of(vns_xdb *db, const char *idterm, char *buf,
			 size_t size)
{
	vns_err err;
	vns_xquery *q = term(idterm);
	vns_xenquire *e = NULL;
	vns_xmset *m = NULL;
	vns_docid did = 0;
	const char *data;
	size_t len;

	buf[0] = '\0';
	OK(vns_xenquire_new(db, &e, &err), &err);
	OK(vns_xenquire_set_query(e, q, &err), &err);
	OK(vns_xenquire_get_mset(e, 0, 2, 0, &m, &err), &err);
	assert_true(vns_xmset_size(m) <= 1);
	if (vns_xmset_next(m, &err) == VNS_ROW) {
		did = vns_xmset_docid(m);
		OK(vns_xmset_data(m, &data, &len, &err), &err);
		assert_true(len < size);
		memcpy(buf, data, len);
		buf[len] = '\0';
	}
	vns_xmset_free(m);
	vns_xenquire_free(e);
	vns_xquery_free(q);
	return did;
}

/* What a value stream gave, as "key=value " (key: docid or index). */
struct stream {
	char text[256];
	int stop_after; /* 0 = never */
	int calls;
};

static void note_stream(struct stream *s, unsigned long key,
			const char *value, size_t len)
{
	size_t used = strlen(s->text);

	snprintf(s->text + used, sizeof s->text - used, "%lu=%.*s ", key,
		 (int)len, value);
}

static int note_docid_value(void *ctx, vns_docid did, const char *value,
			    size_t len)
{
	struct stream *s = ctx;

	note_stream(s, did, value, len);
	return ++s->calls == s->stop_after;
}

static int note_index_value(void *ctx, size_t i, const char *value,
			    size_t len)
{
	struct stream *s = ctx;

	note_stream(s, i, value, len);
	return ++s->calls == s->stop_after;
}

static unsigned long revision(vns_xdb *db)
{
	vns_err err;
	unsigned long rev = 0;

	OK(vns_xdb_revision(db, &rev, &err), &err);
	return rev;
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
	vns_test_path(f->dir, "nope", path, sizeof path);
	assert_int_equal(vns_xdb_open(path, &db, &err), VNS_EDBOPEN);
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

static void test_unreachable_remote_stub_gives_enetwork(void **state)
{
	struct fx *f = *state;
	char stub[PATH_MAX];
	vns_err err;
	vns_xdb *db = NULL;

	/* port 1 on loopback: nothing listens, the connection is refused */
	vns_err_clear(&err);
	assert_int_equal(vns_xdb_open(write_stub(f->dir, "stub",
						 "remote 127.0.0.1:1\n", stub,
						 sizeof stub),
				      &db, &err),
			 VNS_ENETWORK);
	assert_null(db);
	assert_true(strlen(err.msg) > 0);
}

/* ---- writing ---------------------------------------------------------- */

static void test_reader_keeps_its_revision_a_new_one_sees_commit(void **state)
{
	struct fx *f = *state;
	vns_err err;
	vns_xwdb *w = open_writer(f->db);
	vns_xdb *db, *fresh;

	OK(vns_xwdb_commit(w, &err), &err);
	db = open_reader(f->db);
	put(w, &corpus[0]);
	OK(vns_xwdb_commit(w, &err), &err);
	assert_int_equal(doccount(db), 0);
	fresh = open_reader(f->db);
	assert_int_equal(doccount(fresh), 1);
	vns_xdb_free(fresh);
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
	char data[64];

	assert_int_equal(first, second);
	OK(vns_xwdb_doccount(w, &n, &err), &err);
	assert_int_equal(n, 1);
	OK(vns_xwdb_commit(w, &err), &err);
	db = open_reader(f->db);
	assert_int_equal(data_of(db, "Q1", data, sizeof data), first);
	assert_string_equal(data, "second version");
	vns_xdb_free(db);
	vns_xwdb_free(w);
}

static void test_delete_by_unique_term_reports_count_and_removes(void **state)
{
	struct fx *f = *state;
	vns_err err;
	vns_xdb *db = corpus_db(f);
	vns_xwdb *w;
	unsigned long count = 99, n = 99;
	char data[64];

	assert_int_equal(data_of(db, "Q2", data, sizeof data), 2);
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
	OK(vns_xdb_termfreq(db, "Q2", 2, &n, &err), &err);
	assert_int_equal(n, 0);
	assert_int_equal(data_of(db, "Q4", data, sizeof data), 4);
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

static void test_document_keeps_data_values_and_terms(void **state)
{
	vns_err err;
	vns_xdoc *doc = make_doc(&corpus[3]);
	const char *data, *v0, *v7;
	size_t len, len0, len7;
	char terms[256] = "";

	(void)state;
	OK(vns_xdoc_data(doc, &data, &len, &err), &err);
	assert_int_equal(len, strlen(corpus[3].text));
	assert_memory_equal(data, corpus[3].text, len);
	OK(vns_xdoc_value(doc, 0, &v0, &len0, &err), &err);
	assert_int_equal(len0, 0);
	OK(vns_xdoc_terms(doc, append_term, terms, &err), &err);
	assert_string_equal(terms, "Pla:0 Q4:0 ca:1 phe:1 tra:3 ");
	vns_xdoc_free(doc);

	doc = make_doc(&corpus[0]);
	OK(vns_xdoc_value(doc, 0, &v0, &len0, &err), &err);
	OK(vns_xdoc_value(doc, 7, &v7, &len7, &err), &err);
	assert_string_equal(v7, "");
	assert_string_equal(v0, "2024-05"); /* still valid after slot 7 */
	vns_xdoc_free(doc);
}

static void test_stored_document_keeps_data_and_values(void **state)
{
	struct fx *f = *state;
	static const vns_docid four[] = { 4 };
	vns_err err;
	vns_xdb *db = corpus_db(f);
	struct stream none = {"", 0, 0};
	char data[64];

	assert_int_equal(data_of(db, "Q4", data, sizeof data), 4);
	assert_string_equal(data, corpus[3].text);
	assert_int_equal(data_of(db, "Q1", data, sizeof data), 1);
	assert_string_equal(data, corpus[0].text);
	OK(vns_xdb_values_of(db, 0, four, 1, note_index_value, &none, &err),
	   &err);
	assert_int_equal(none.calls, 0); /* Q4 has no value in slot 0 */
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

static void test_termfreq_counts_documents_zero_when_absent(void **state)
{
	struct fx *f = *state;
	vns_err err;
	vns_xdb *db = corpus_db(f);
	unsigned long n = 0;

	OK(vns_xdb_termfreq(db, "tra", 3, &n, &err), &err);
	assert_int_equal(n, 3);
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

static void test_fixed_weight_gives_every_match_the_same_weight(void **state)
{
	struct fx *f = *state;
	vns_xdb *db = corpus_db(f);
	vns_err err;
	vns_xquery *fixed = vns_xquery_fixed_weight(2.5, &err);
	vns_xquery *subs[2] = { fixed, term("Pbg") };
	struct hits h;

	assert_non_null(fixed);
	search(db, vns_xquery_combine(VNS_XOP_FILTER, subs, 2, 0, &err), &h);
	assert_int_equal(h.n, 3);
	for (unsigned i = 0; i < h.n; i++)
		assert_float_equal(h.weight[i], 2.5, 1e-9);
	assert_null(vns_xquery_fixed_weight(-1, &err));
	assert_int_equal(err.code, VNS_EINVAL);
	vns_xquery_free(subs[0]);
	vns_xquery_free(subs[1]);
	vns_xdb_free(db);
}

static void test_document_by_docid_has_its_terms(void **state)
{
	struct fx *f = *state;
	vns_xdb *db = corpus_db(f);
	vns_xdoc *doc = NULL;
	vns_err err;
	char terms[256] = "";

	OK(vns_xdb_document(db, 4, &doc, &err), &err);
	OK(vns_xdoc_terms(doc, append_term, terms, &err), &err);
	assert_string_equal(terms, "Pla:0 Q4:0 ca:1 phe:1 tra:3 ");
	vns_xdoc_free(doc);
	assert_int_equal(vns_xdb_document(db, 99, &doc, &err), VNS_ENOTFOUND);
	assert_null(doc);
	vns_xdb_free(db);
}

/* The expand terms of document did of db as "term term ...". */
struct eset_out {
	char terms[256];
	double last;
	int ordered;
};

static int no_filter_terms(void *ctx, const char *t, size_t len)
{
	(void)ctx;
	return len > 0 && !(t[0] >= 'A' && t[0] <= 'Z');
}

static int note_eset(void *ctx, const char *t, size_t len, double w)
{
	struct eset_out *o = ctx;
	size_t at = strlen(o->terms);

	if (o->last >= 0 && w > o->last)
		o->ordered = 0;
	o->last = w;
	snprintf(o->terms + at, sizeof o->terms - at, "%.*s ", (int)len, t);
	return 0;
}

static void eset_of(vns_xdb *db, vns_docid did, int exact,
		    struct eset_out *o)
{
	vns_xenquire *e = NULL;
	vns_err err;

	memset(o, 0, sizeof *o);
	o->last = -1;
	o->ordered = 1;
	OK(vns_xenquire_new(db, &e, &err), &err);
	OK(vns_xenquire_eset(e, &did, 1, 3, exact, no_filter_terms, note_eset,
			     o, &err), &err);
	vns_xenquire_free(e);
}

static void test_eset_gives_the_documents_best_terms_best_first(void **state)
{
	struct fx *f = *state;
	vns_xdb *db = corpus_db(f);
	struct eset_out o;

	eset_of(db, 1, 0, &o);
	assert_true(o.ordered);
	/* of "bac giang tra hoa vang", "hoa" and "vang" are in 2 documents,
	 * the others in 3: the rarer come first */
	assert_true(!strncmp(o.terms, "vang hoa ", 9) ||
		    !strncmp(o.terms, "hoa vang ", 9));
	assert_null(strstr(o.terms, "Q1"));
	assert_null(strstr(o.terms, "Pbg"));
	vns_xdb_free(db);
}

static void test_exact_eset_over_shards_equals_one_database(void **state)
{
	struct fx *f = *state;
	char a[PATH_MAX], b[PATH_MAX], stub[PATH_MAX], lines[2 * PATH_MAX + 16];
	vns_xdb *one = corpus_db(f), *two;
	struct eset_out want, got;

	build(vns_test_path(f->dir, "a", a, sizeof a), corpus, 3);
	build(vns_test_path(f->dir, "b", b, sizeof b), corpus + 3, 3);
	snprintf(lines, sizeof lines, "auto %s\nauto %s\n", a, b);
	two = open_reader(write_stub(f->dir, "stub", lines, stub, sizeof stub));
	/* document 1 of the stub is the first shard's first: corpus[0] */
	eset_of(one, 1, 1, &want);
	eset_of(two, 1, 1, &got);
	assert_string_equal(got.terms, want.terms);
	assert_float_equal(got.last, want.last, 1e-9);
	vns_xdb_free(two);
	vns_xdb_free(one);
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
	unsigned long rev;
	const char *data;
	size_t len;

	rewrite(w, 2000, "mot");
	db = open_reader(f->db);
	rev = revision(db);
	OK(vns_xenquire_new(db, &e, &err), &err);
	OK(vns_xenquire_set_query(e, q, &err), &err);
	/* two more commits recycle the blocks the reader's revision used */
	rewrite(w, 2000, "hai");
	rewrite(w, 2000, "ba");
	OK(vns_xenquire_get_mset(e, 0, 10, 0, &m, &err), &err);
	assert_int_equal(vns_xmset_size(m), 10);
	/* db itself moved to the latest revision: rows read there */
	assert_int_equal(revision(db), rev + 2);
	assert_int_equal(vns_xmset_next(m, &err), VNS_ROW);
	OK(vns_xmset_data(m, &data, &len, &err), &err);
	assert_true(len > 7);
	assert_memory_equal(data, "tin ba ", 7);
	vns_xmset_free(m);
	vns_xenquire_free(e);
	vns_xquery_free(q);
	vns_xdb_free(db);
	vns_xwdb_free(w);
}

/* A page taken before a writer moved on reads its rows at the latest
 * revision; a row whose document went meanwhile is VNS_ENOTFOUND. */
static void test_row_data_after_writer_moved_on_is_the_latest(void **state)
{
	struct fx *f = *state;
	vns_err err;
	vns_xwdb *w = open_writer(f->db);
	vns_xdb *db;
	vns_xquery *q = term("mot");
	vns_xenquire *e = NULL;
	vns_xmset *m = NULL;
	const char *data;
	size_t len;
	unsigned *pos = NULL;
	size_t n = 0;

	rewrite(w, 2000, "mot");
	db = open_reader(f->db);
	OK(vns_xenquire_new(db, &e, &err), &err);
	OK(vns_xenquire_set_query(e, q, &err), &err);
	OK(vns_xenquire_get_mset(e, 0, 2000, 0, &m, &err), &err);
	assert_int_equal(vns_xmset_size(m), 2000);
	OK(vns_xwdb_delete(w, "Q0", NULL, &err), &err);
	rewrite(w, 2000, "hai");
	OK(vns_xwdb_delete(w, "Q0", NULL, &err), &err);
	rewrite(w, 2000, "ba");
	OK(vns_xwdb_delete(w, "Q0", NULL, &err), &err);
	OK(vns_xwdb_commit(w, &err), &err);
	while (vns_xmset_next(m, &err) == VNS_ROW && vns_xmset_docid(m) != 1)
		;
	assert_int_equal(vns_xmset_docid(m), 1); /* Q0's row */
	assert_int_equal(vns_xmset_data(m, &data, &len, &err), VNS_ENOTFOUND);
	OK(vns_xmset_seek(m, 1999, &err), &err);
	OK(vns_xmset_data(m, &data, &len, &err), &err);
	assert_true(len > 7);
	assert_memory_equal(data, "tin ba ", 7);
	OK(vns_xmset_positions(m, "ba", 2, &pos, &n, &err), &err);
	assert_int_equal(n, 1);
	assert_int_equal(pos[0], 2);
	free(pos);
	vns_xmset_free(m);
	vns_xenquire_free(e);
	vns_xquery_free(q);
	vns_xdb_free(db);
	vns_xwdb_free(w);
}

/* Equal weights ("tin" once in documents of one length); slot 0: "a"
 * three times, "b" once, none twice. */
static const struct row keyed_rows[] = {
	{"Q1", "tin x", "a", NULL},  {"Q2", "tin x", "a", NULL},
	{"Q3", "tin x", "b", NULL},  {"Q4", "tin x", NULL, NULL},
	{"Q5", "tin x", NULL, NULL}, {"Q6", "tin x", "a", NULL},
};

static void test_collapse_keeps_max_per_value_and_all_without(void **state)
{
	struct fx *f = *state;
	vns_err err;
	vns_xdb *db;
	vns_xquery *q = term("tin");
	vns_xenquire *e = NULL;
	struct hits h;

	build(f->db, keyed_rows, sizeof keyed_rows / sizeof keyed_rows[0]);
	db = open_reader(f->db);
	OK(vns_xenquire_new(db, &e, &err), &err);
	OK(vns_xenquire_set_query(e, q, &err), &err);
	OK(vns_xenquire_set_collapse(e, 0, 1, &err), &err);
	run_enquire(e, &h);
	assert_docids(&h, 4, 1, 3, 4, 5);
	OK(vns_xenquire_set_collapse(e, 0, 2, &err), &err);
	run_enquire(e, &h);
	assert_docids(&h, 5, 1, 2, 3, 4, 5);
	/* sorting by relevance drops the collapse key */
	OK(vns_xenquire_sort_by_relevance(e, &err), &err);
	run_enquire(e, &h);
	assert_docids(&h, 6, 1, 2, 3, 4, 5, 6);
	vns_xenquire_free(e);
	vns_xquery_free(q);
	vns_xdb_free(db);
}

static void test_relevance_then_value_orders_equal_weights(void **state)
{
	struct fx *f = *state;
	struct row heavy = {"Q7", "tin tin", "z", NULL};
	vns_err err;
	vns_xdb *db;
	vns_xwdb *w;
	vns_xquery *q = term("tin");
	vns_xenquire *e = NULL;
	struct hits h;

	build(f->db, keyed_rows, sizeof keyed_rows / sizeof keyed_rows[0]);
	w = open_writer(f->db);
	put(w, &heavy);
	OK(vns_xwdb_commit(w, &err), &err);
	vns_xwdb_free(w);
	db = open_reader(f->db);
	OK(vns_xenquire_new(db, &e, &err), &err);
	OK(vns_xenquire_set_query(e, q, &err), &err);
	OK(vns_xenquire_sort_by_relevance_then_value(e, 0, &err), &err);
	run_enquire(e, &h);
	/* the heavier first whatever its value; then "" < "a" < "b" */
	assert_docids(&h, 7, 7, 4, 5, 1, 2, 6, 3);
	OK(vns_xenquire_set_collapse(e, 0, 1, &err), &err);
	run_enquire(e, &h);
	assert_docids(&h, 5, 7, 4, 5, 1, 3);
	vns_xenquire_free(e);
	vns_xquery_free(q);
	vns_xdb_free(db);
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

/* Search "tin" without weights (so Xapian may stop after the page) for
 * one page of two rows with spy attached, times times; check_at_least
 * as get_mset takes it. */
static void spy_search(vns_xdb *db, vns_xspy *spy, unsigned check_at_least,
		       int times)
{
	vns_err err;
	vns_xquery *tin = term("tin");
	vns_xquery *q = vns_xquery_scale(tin, 0, &err);
	vns_xenquire *e = NULL;
	vns_xmset *m = NULL;

	OK(vns_xenquire_new(db, &e, &err), &err);
	OK(vns_xenquire_set_query(e, q, &err), &err);
	OK(vns_xenquire_add_spy(e, spy, &err), &err);
	for (int i = 0; i < times; i++) {
		OK(vns_xenquire_get_mset(e, 0, 2, check_at_least, &m, &err),
		   &err);
		assert_int_equal(vns_xmset_size(m), 2);
		vns_xmset_free(m);
	}
	vns_xenquire_free(e);
	vns_xquery_free(q);
	vns_xquery_free(tin);
}

static void test_spy_counts_whole_match_set_when_check_covers_it(void **state)
{
	struct fx *f = *state;
	vns_err err;
	vns_xdb *db;
	vns_xspy *spy = NULL, *page = NULL;
	struct seen all = {"", 0, 0}, two = {"", 2, 0};

	build(f->db, facet_rows, sizeof facet_rows / sizeof facet_rows[0]);
	db = open_reader(f->db);
	OK(vns_xspy_new(0, &spy, &err), &err);
	spy_search(db, spy, 9, 1);
	assert_int_equal(vns_xspy_total(spy), 8); /* every "tin", not 2 */
	/* in value order; fn returning non-zero stops */
	OK(vns_xspy_values(spy, note_value, &all, &err), &err);
	assert_string_equal(all.text, "can tho=2 ha noi=4 hue=2 ");
	OK(vns_xspy_values(spy, note_value, &two, &err), &err);
	assert_string_equal(two.text, "can tho=2 ha noi=4 ");
	/* without check_at_least the match may stop once the page is full:
	 * the spy sees the page's rows at least, not more than match */
	OK(vns_xspy_new(0, &page, &err), &err);
	spy_search(db, page, 0, 1);
	assert_true(vns_xspy_total(page) >= 2 && vns_xspy_total(page) <= 8);
	vns_xspy_free(page);
	vns_xspy_free(spy);
	vns_xspy_free(NULL);
	vns_xdb_free(db);
}

static void test_spy_counts_add_up_over_matches(void **state)
{
	struct fx *f = *state;
	vns_err err;
	vns_xdb *db;
	vns_xspy *spy = NULL;
	struct seen all = {"", 0, 0};

	build(f->db, facet_rows, sizeof facet_rows / sizeof facet_rows[0]);
	db = open_reader(f->db);
	OK(vns_xspy_new(0, &spy, &err), &err);
	spy_search(db, spy, 9, 2);
	assert_int_equal(vns_xspy_total(spy), 16);
	OK(vns_xspy_values(spy, note_value, &all, &err), &err);
	assert_string_equal(all.text, "can tho=4 ha noi=8 hue=4 ");
	vns_xspy_free(spy);
	vns_xdb_free(db);
}

/* A callback spy's documents, in the order it saw them. */
struct calls {
	vns_docid did[MAX_HITS];
	unsigned n;
};

static void note_call(void *ctx, vns_docid did)
{
	struct calls *c = ctx;

	assert_true(c->n < MAX_HITS);
	c->did[c->n++] = did;
}

static int by_docid(const void *a, const void *b)
{
	vns_docid x = *(const vns_docid *)a, y = *(const vns_docid *)b;

	return (x > y) - (x < y);
}

static void test_callback_spy_sees_every_match_when_check_covers_it(void **state)
{
	struct fx *f = *state;
	vns_err err;
	vns_xdb *db;
	vns_xspy *spy = NULL;
	struct calls seen = {{0}, 0};
	struct seen none = {"", 0, 0};

	build(f->db, facet_rows, sizeof facet_rows / sizeof facet_rows[0]);
	db = open_reader(f->db);
	OK(vns_xspy_new_callback(note_call, &seen, &spy, &err), &err);
	spy_search(db, spy, 9, 2);
	/* two matches of "tin" (docids 1..8): each saw all eight */
	assert_int_equal(seen.n, 16);
	qsort(seen.did, seen.n, sizeof *seen.did, by_docid);
	for (unsigned i = 0; i < seen.n; i++)
		assert_int_equal(seen.did[i], i / 2 + 1);
	assert_int_equal(vns_xspy_total(spy), 0);
	OK(vns_xspy_values(spy, note_value, &none, &err), &err);
	assert_int_equal(none.calls, 0);
	vns_xspy_free(spy);
	vns_xdb_free(db);
}

static void test_boolean_weighting_matches_all_with_weight_zero(void **state)
{
	struct fx *f = *state;
	vns_err err;
	vns_xdb *db = corpus_db(f);
	vns_xquery *q = term("tra");
	vns_xenquire *e = NULL;
	struct hits h;

	OK(vns_xenquire_new(db, &e, &err), &err);
	OK(vns_xenquire_set_query(e, q, &err), &err);
	run_enquire(e, &h);
	assert_int_equal(h.n, 3);
	assert_true(h.weight[0] > 0);
	OK(vns_xenquire_set_boolean(e, &err), &err);
	run_enquire(e, &h);
	/* the same three documents, unweighted, so in docid order */
	assert_docids(&h, 3, 1, 2, 4);
	for (unsigned i = 0; i < h.n; i++)
		assert_float_equal(h.weight[i], 0.0, 1e-12);
	vns_xenquire_free(e);
	vns_xquery_free(q);
	vns_xdb_free(db);
}

/* ---- value streams ---------------------------------------------------- */

static void test_values_walk_documents_with_a_value_in_docid_order(void **state)
{
	struct fx *f = *state;
	vns_err err;
	vns_xdb *db = corpus_db(f);
	struct stream all = {"", 0, 0}, two = {"", 2, 0}, empty = {"", 0, 0};

	/* Q4 (docid 4) has no value in slot 0 */
	OK(vns_xdb_values(db, 0, note_docid_value, &all, &err), &err);
	assert_string_equal(all.text,
			    "1=2024-05 2=2023-01 3=2025-03 5=2024-11 6=2024-01 ");
	OK(vns_xdb_values(db, 0, note_docid_value, &two, &err), &err);
	assert_string_equal(two.text, "1=2024-05 2=2023-01 ");
	OK(vns_xdb_values(db, 5, note_docid_value, &empty, &err), &err);
	assert_int_equal(empty.calls, 0);
	vns_xdb_free(db);
}

static void test_values_of_gives_index_of_each_docid_with_a_value(void **state)
{
	struct fx *f = *state;
	static const vns_docid dids[] = { 2, 3, 4, 6, 7, 99 };
	vns_err err;
	vns_xdb *db = corpus_db(f);
	struct stream some = {"", 0, 0}, one = {"", 1, 0}, none = {"", 0, 0};

	/* docid 4 has no value, 7 and 99 do not exist */
	OK(vns_xdb_values_of(db, 0, dids, 6, note_index_value, &some, &err),
	   &err);
	assert_string_equal(some.text, "0=2023-01 1=2025-03 3=2024-01 ");
	OK(vns_xdb_values_of(db, 0, dids, 6, note_index_value, &one, &err),
	   &err);
	assert_string_equal(one.text, "0=2023-01 ");
	OK(vns_xdb_values_of(db, 0, dids + 2, 1, note_index_value, &none,
			     &err),
	   &err);
	OK(vns_xdb_values_of(db, 0, dids, 0, note_index_value, &none, &err),
	   &err);
	assert_int_equal(none.calls, 0);
	vns_xdb_free(db);
}

/* ---- metadata --------------------------------------------------------- */

static void test_set_metadata_commits_and_empty_key_is_einval(void **state)
{
	struct fx *f = *state;
	vns_err err;
	vns_xwdb *w = open_writer(f->db);
	vns_xdb *db;

	OK(vns_xwdb_set_metadata(w, "schema", "3", &err), &err);
	OK(vns_xwdb_set_metadata(w, "gone", "", &err), &err);
	vns_err_clear(&err);
	assert_int_equal(vns_xwdb_set_metadata(w, "", "x", &err), VNS_EINVAL);
	assert_true(strlen(err.msg) > 0);
	OK(vns_xwdb_commit(w, &err), &err);
	vns_xwdb_free(w);
	db = open_reader(f->db);
	assert_int_equal(doccount(db), 0);
	vns_xdb_free(db);
}

/* ---- revisions -------------------------------------------------------- */

static void test_revision_counts_commits_of_a_local_database(void **state)
{
	struct fx *f = *state;
	vns_err err;
	vns_xwdb *w = open_writer(f->db);
	vns_xdb *before, *after;
	unsigned long first;

	put(w, &corpus[0]);
	OK(vns_xwdb_commit(w, &err), &err);
	before = open_reader(f->db);
	first = revision(before);
	assert_true(first >= 1);
	put(w, &corpus[1]);
	OK(vns_xwdb_commit(w, &err), &err);
	after = open_reader(f->db);
	assert_int_equal(revision(after), first + 1);
	assert_int_equal(revision(before), first); /* still its own */
	vns_xdb_free(after);
	vns_xdb_free(before);
	vns_xwdb_free(w);
}

static void test_revision_of_two_shards_is_an_error(void **state)
{
	struct fx *f = *state;
	char a[PATH_MAX], b[PATH_MAX], stub[PATH_MAX];
	vns_err err;
	vns_xdb *db;
	unsigned long rev = 42;

	build(vns_test_path(f->dir, "a", a, sizeof a), corpus, 4);
	build(vns_test_path(f->dir, "b", b, sizeof b), corpus + 4, 2);
	db = open_reader(write_stub(f->dir, "stub", "auto a\nauto b\n", stub,
				    sizeof stub));
	vns_err_clear(&err);
	assert_int_equal(vns_xdb_revision(db, &rev, &err), VNS_EXAPIAN);
	assert_true(strlen(err.msg) > 0);
	vns_xdb_free(db);
}

/* ---- shards ----------------------------------------------------------- */

static void test_stub_of_two_shards_counts_and_searches_both(void **state)
{
	struct fx *f = *state;
	char a[PATH_MAX], b[PATH_MAX], stub[PATH_MAX];
	vns_xdb *db;
	struct hits h;

	build(vns_test_path(f->dir, "a", a, sizeof a), corpus, 4);
	build(vns_test_path(f->dir, "b", b, sizeof b), corpus + 4, 2);
	db = open_reader(write_stub(f->dir, "stub", "auto a\nauto b\n", stub,
				    sizeof stub));
	assert_int_equal(doccount(db), 6);
	/* "hoa": Q1 in a (docid 1 of 2 interleaved: 1), Q6 in b (2: 4) */
	search(db, term("hoa"), &h);
	assert_int_equal(h.n, 2);
	assert_true(weight_of(&h, 1) > 0);
	assert_true(weight_of(&h, 4) > 0);
	vns_xdb_free(db);
	vns_xdb_free(NULL);
}

static void test_compact_merges_sources_one_after_the_other(void **state)
{
	struct fx *f = *state;
	char a[PATH_MAX], b[PATH_MAX];
	const char *sources[2];
	vns_err err;
	vns_xdb *db;
	char data[64];

	/* a: Q3 .. Q6; b: Q1, Q2 */
	build(vns_test_path(f->dir, "a", a, sizeof a), corpus + 2, 4);
	build(vns_test_path(f->dir, "b", b, sizeof b), corpus, 2);
	sources[0] = a;
	sources[1] = b;
	OK(vns_xdb_compact(sources, 2, f->db, &err), &err);
	db = open_reader(f->db);
	assert_int_equal(doccount(db), 6);
	assert_int_equal(data_of(db, "Q3", data, sizeof data), 1);
	assert_int_equal(data_of(db, "Q6", data, sizeof data), 4);
	assert_int_equal(data_of(db, "Q1", data, sizeof data), 5);
	assert_string_equal(data, corpus[0].text);
	assert_int_equal(data_of(db, "Q2", data, sizeof data), 6);
	vns_xdb_free(db);
	vns_err_clear(&err);
	assert_int_equal(vns_xdb_compact(sources, 0, f->db, &err), VNS_EINVAL);
	assert_true(strlen(err.msg) > 0);
}

int main(void)
{
#define T(name)                                                        \
	cmocka_unit_test_setup_teardown(name, setup, vns_test_fx_teardown)
	const struct CMUnitTest tests[] = {
		T(test_open_missing_path_gives_edbopen_with_message),
		T(test_second_writer_gets_edblock_with_message),
		T(test_create_mode_fails_when_database_exists),
		T(test_open_mode_fails_when_database_missing),
		T(test_unknown_open_mode_is_einval),
		T(test_unreachable_remote_stub_gives_enetwork),
		T(test_reader_keeps_its_revision_a_new_one_sees_commit),
		T(test_replace_by_unique_term_does_not_duplicate),
		T(test_delete_by_unique_term_reports_count_and_removes),
		T(test_cancel_transaction_drops_changes),
		T(test_commit_transaction_applies_changes),
		T(test_transaction_calls_out_of_order_are_errors),
		T(test_free_without_commit_drops_pending_changes),
		T(test_free_inside_transaction_drops_it),
		T(test_document_keeps_data_values_and_terms),
		T(test_stored_document_keeps_data_and_values),
		T(test_value_and_data_may_hold_nul_bytes),
		T(test_empty_term_is_einval_with_message),
		T(test_termfreq_counts_documents_zero_when_absent),
		T(test_allterms_lists_prefix_in_order_and_stops_early),
		T(test_term_query_ranks_higher_wdf_first),
		T(test_phrase_query_needs_adjacent_positions),
		T(test_filter_restricts_without_adding_weight),
		T(test_fixed_weight_gives_every_match_the_same_weight),
		T(test_document_by_docid_has_its_terms),
		T(test_eset_gives_the_documents_best_terms_best_first),
		T(test_exact_eset_over_shards_equals_one_database),
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
		T(test_bm25_k1_zero_ignores_wdf),
		T(test_collapse_keeps_max_per_value_and_all_without),
		T(test_relevance_then_value_orders_equal_weights),
		T(test_get_mset_reopens_when_writer_moved_on),
		T(test_row_data_after_writer_moved_on_is_the_latest),
		T(test_mset_steps_rows_then_done_with_ranks_from_offset),
		T(test_positions_and_seek_in_the_current_page),
		T(test_spy_counts_whole_match_set_when_check_covers_it),
		T(test_spy_counts_add_up_over_matches),
		T(test_callback_spy_sees_every_match_when_check_covers_it),
		T(test_boolean_weighting_matches_all_with_weight_zero),
		T(test_values_walk_documents_with_a_value_in_docid_order),
		T(test_values_of_gives_index_of_each_docid_with_a_value),
		T(test_set_metadata_commits_and_empty_key_is_einval),
		T(test_revision_counts_commits_of_a_local_database),
		T(test_revision_of_two_shards_is_an_error),
		T(test_stub_of_two_shards_counts_and_searches_both),
		T(test_compact_merges_sources_one_after_the_other),
	};
#undef T
	return cmocka_run_group_tests(tests, NULL, NULL);
}
