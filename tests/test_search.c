/* test_search.c - unit tests of one search and its output (query/search.c,
 * query/format.c): two small indexes (the main one, and one for ranking
 * long queries and restoring diacritics) are built once with vns_batch in
 * a fresh temporary directory, searched, and removed at the end. */
#include <ftw.h>
#include <limits.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include <cmocka.h>

#include "scratch.h"
#include <jansson.h>

#include "batch.h"
#include "buf.h"
#include "format.h"
#include "vnsearch.h"
#include "xapian-c.h"

#define MAX_ROWS 64

/* The test index: one record a line. NFD text is spelled with escapes:
 * U+0323 (dot below) is CC A3, U+031B (horn) CC 9B, U+0309 (hook) CC 89. */
static const char *const records[] = {
	"{\"id\":\"bg1\",\"title\":\"Bắc Giang phát triển khuyến công\","
	"\"url\":\"https://example.vn/bg1\",\"date\":\"2021-07-01\","
	"\"source\":\"Báo Bắc Giang\",\"body\":\"Tỉnh Bắc Giang hỗ trợ cơ sở "
	"công nghiệp nông thôn.\"}",
	"{\"id\":\"hb1\",\"title\":\"Hòa Bình đón khách\",\"date\":"
	"\"2022-03-05T18:30:00+07:00\",\"body\":\"Du lịch Hòa Bình tăng trưởng mạnh.\"}",
	"{\"id\":\"hb2\",\"title\":\"Hoà Bình mùa lúa\",\"date\":"
	"\"2020-01-01\",\"body\":\"Nông dân Hoà Bình thu hoạch lúa.\"}",
	/* NFD "Lạng Sơn" */
	"{\"id\":\"ls1\",\"title\":\"La\xcc\xa3" "ng So\xcc\x9b" "n\","
	"\"date\":\"2019-05-05\",\"body\":\"Cua khau La\xcc\xa3" "ng "
	"So\xcc\x9b" "n thong quan.\"}",
	/* NFC "Quảng Trị", no date */
	"{\"id\":\"qt1\",\"title\":\"Quảng Trị\",\"body\":\"Tỉnh Quảng Trị "
	"có mưa lớn.\"}",
	"{\"id\":\"du1\",\"title\":\"Con đường mới\",\"date\":\"2021-01-01\","
	"\"body\":\"Con đường mới mở qua xã.\"}",
	"{\"id\":\"du2\",\"title\":\"Cây dương liễu\",\"date\":\"2022-05-05\","
	"\"body\":\"Cây dương liễu mọc qua xã.\"}",
	"{\"id\":\"du3\",\"title\":\"Đương nhiên rồi\",\"body\":\"Đương "
	"nhiên mở qua xã.\"}",
	"{\"id\":\"t1\",\"title\":\"Hội thảo nông nghiệp\",\"date\":"
	"\"2018-01-01\",\"body\":\"Hội thảo nông nghiệp xanh.\"}",
	"{\"id\":\"t2\",\"title\":\"Hội thảo nông nghiệp\",\"date\":"
	"\"2018-01-01\",\"body\":\"Hội thảo nông nghiệp xanh.\"}",
	"{\"id\":\"t3\",\"title\":\"Hội thảo nông nghiệp\",\"date\":"
	"\"2018-01-01\",\"body\":\"Hội thảo nông nghiệp xanh.\"}",
	"{\"id\":\"esc\",\"title\":\"Tin \\\"nóng\\\" \\\\ mới\\tcột\","
	"\"body\":\"Nội dung kiểm tra thoát ký tự.\"}",
};
#define NDOCS (sizeof records / sizeof *records)

/* The ranking index. A long query (more than VNS_AND_MAX_WORDS words) has
 * its top results re-ranked by how closely they hold its words: "near"
 * and "far" hold the same words the same number of times, so BM25 scores
 * them alike, but "far" has 21 fillers between the query words (more than
 * the proximity window) and "near" one. Both are shorter than the
 * generated "p" documents, so they are in the re-ranked top. */
#define LONG_QUERY "tôm hùm giá tăng"
#define SHORT_QUERY "tôm hùm giá"
#define GAP_FAR 21
#define NGEN 36 /* generated documents p00..p35 */
#define RK_NDOCS (4 + NGEN)
/* the depth of re-ranking by proximity in query/search.c */
#define RERANK_TOP 30

struct fx {
	char dir[PATH_MAX];
	char db[PATH_MAX];
	vns_db *s;
	char rkdb[PATH_MAX];
	vns_db *rk; /* the ranking index */
};

/* The rows of one search, copied out. */
struct rows {
	unsigned long total;
	size_t n;
	char id[MAX_ROWS][32];
	int dated[MAX_ROWS];
	char date[MAX_ROWS][32];
	double score[MAX_ROWS];
	unsigned rank[MAX_ROWS];
};

/* ---- fixture: the index, built once ----------------------------------- */

static void write_main(FILE *fp)
{
	for (size_t i = 0; i < NDOCS; i++)
		fprintf(fp, "%s\n", records[i]);
}

/* n times " word" to fp. */
static void fill(FILE *fp, const char *word, unsigned n)
{
	while (n--)
		fprintf(fp, " %s", word);
}

/* The four words of LONG_QUERY with gap fillers between them. */
static void spaced(FILE *fp, unsigned gap)
{
	fprintf(fp, "tôm");
	fill(fp, "cá", gap);
	fprintf(fp, " hùm");
	fill(fp, "cá", gap);
	fprintf(fp, " giá");
	fill(fp, "cá", gap);
	fprintf(fp, " tăng");
}

static void write_ranking(FILE *fp)
{
	/* same words, same counts: 4 query words and 3 x GAP_FAR fillers */
	fprintf(fp, "{\"id\":\"far\",\"title\":\"Tin thủy sản\","
		    "\"date\":\"2020-06-01\",\"body\":\"");
	spaced(fp, GAP_FAR);
	fprintf(fp, ".\"}\n");
	fprintf(fp, "{\"id\":\"near\",\"title\":\"Tin thủy sản\","
		    "\"date\":\"2021-06-01\",\"body\":\"");
	spaced(fp, 1);
	fill(fp, "cá", 3 * GAP_FAR - 3);
	fprintf(fp, ".\"}\n");
	/* how documents write "dong thap" and "nha thap" */
	fprintf(fp, "{\"id\":\"dt1\",\"title\":\"Đồng Tháp mùa nước "
		    "nổi\",\"date\":\"2019-09-01\",\"body\":\"Tỉnh Đồng "
		    "Tháp có nhiều nhà thấp ven sông.\"}\n");
	fprintf(fp, "{\"id\":\"dt2\",\"title\":\"Nhà ven sông\","
		    "\"date\":\"2019-10-01\",\"body\":\"Nhiều nhà thấp ở "
		    "Đồng Tháp.\"}\n");
	/* longer documents, the query words at varied gaps; each its own
	 * year, so a filter can single it out */
	for (unsigned i = 0; i < NGEN; i++) {
		fprintf(fp, "{\"id\":\"p%02u\",\"title\":\"Bản tin\","
			    "\"date\":\"%u-01-01\",\"body\":\"", i,
			1950 + i);
		spaced(fp, i % 12);
		fill(fp, "lá", 70 + i % 5);
		fprintf(fp, ".\"}\n");
	}
}

/* Index what write() writes (ndocs records) into db; open it into *s. */
static int build_index(const struct fx *f, const char *name,
		       void (*write)(FILE *), size_t ndocs, const char *db,
		       vns_db **s)
{
	char path[PATH_MAX];
	vns_batch_hooks hooks = { NULL, NULL, NULL, NULL };
	vns_batch *b = NULL;
	vns_err err;
	FILE *fp;
	vns_status st;

	if (!vns_test_fits(snprintf(path, sizeof path, "%s/%s.jsonl", f->dir, name),
		  sizeof path) ||
	    !(fp = fopen(path, "w")))
		return -1;
	write(fp);
	if (fclose(fp) != 0)
		return -1;
	vns_err_clear(&err);
	st = vns_batch_open(db, &hooks, &b, &err);
	if (!st)
		st = vns_batch_add_path(b, path, &err);
	if (!st)
		st = vns_batch_commit(b, &err);
	if (!st && vns_batch_stats_get(b).docs != ndocs)
		st = vns_err_set(&err, VNS_EINTERNAL, "indexed %lu of %zu",
				 vns_batch_stats_get(b).docs, ndocs);
	vns_batch_free(b);
	if (!st)
		st = vns_db_open(db, s, &err);
	if (st)
		print_error("test index %s: %s\n", name, vns_err_text(&err));
	return st ? -1 : 0;
}

static int group_teardown(void **state)
{
	struct fx *f = *state;
	int rc;

	vns_db_close(f->s);
	vns_db_close(f->rk);
	rc = vns_test_rmtree(f->dir);
	free(f);
	return rc;
}

static int group_setup(void **state)
{
	struct fx *f = calloc(1, sizeof *f);

	if (!f)
		return -1;
	if (vns_test_mkdtemp(f->dir, sizeof f->dir, "search") != 0) {
		free(f);
		return -1;
	}
	*state = f;
	if (!vns_test_fits(snprintf(f->db, sizeof f->db, "%s/db", f->dir),
		  sizeof f->db) ||
	    !vns_test_fits(snprintf(f->rkdb, sizeof f->rkdb, "%s/rkdb", f->dir),
		  sizeof f->rkdb) ||
	    build_index(f, "main", write_main, NDOCS, f->db, &f->s) != 0 ||
	    build_index(f, "ranking", write_ranking, RK_NDOCS, f->rkdb,
			&f->rk) != 0) {
		group_teardown(state);
		return -1;
	}
	return 0;
}

/* ---- helpers ---------------------------------------------------------- */

static vns_search_opts opts_of(unsigned offset, unsigned limit,
			       vns_sort sort)
{
	vns_search_opts o = { .offset = offset, .limit = limit, .sort = sort };

	return o;
}

/* Run q with o on s, which must succeed; its rows into *out. */
static void run_on(vns_db *s, const char *q, const vns_search_opts *o,
		   struct rows *out)
{
	vns_results *r = NULL;
	vns_result row;
	vns_err err;
	int got;

	memset(out, 0, sizeof *out);
	vns_err_clear(&err);
	if (vns_db_search(s, q, strlen(q), o, &r, &err) != VNS_OK)
		fail_msg("'%s': %s", q, vns_err_text(&err));
	out->total = vns_results_total(r);
	while ((got = vns_results_next(r, &row, &err)) == 1) {
		assert_true(out->n < MAX_ROWS);
		snprintf(out->id[out->n], sizeof out->id[0], "%s", row.id);
		out->dated[out->n] = row.date != NULL;
		snprintf(out->date[out->n], sizeof out->date[0], "%s",
			 row.date ? row.date : "");
		out->score[out->n] = row.score;
		out->rank[out->n] = row.rank;
		out->n++;
	}
	if (got < 0)
		fail_msg("'%s': next: %s", q, vns_err_text(&err));
	vns_results_free(r);
}

/* Run q with o on the main index. */
static void run(const struct fx *f, const char *q, const vns_search_opts *o,
		struct rows *out)
{
	run_on(f->s, q, o, out);
}

static void run_relevance(const struct fx *f, const char *q, struct rows *out)
{
	vns_search_opts o = opts_of(0, MAX_ROWS, VNS_SORT_RELEVANCE);

	run(f, q, &o, out);
}

/* The ids of rows as "a b c". */
static const char *ids_of(const struct rows *r, char *buf, size_t size)
{
	size_t at = 0;

	buf[0] = '\0';
	for (size_t i = 0; i < r->n && at < size; i++)
		at += (size_t)snprintf(buf + at, size - at, "%s%s",
				       i ? " " : "", r->id[i]);
	return buf;
}

static void expect_ids(const struct fx *f, const char *q, const char *want)
{
	struct rows r;
	char got[512];

	run_relevance(f, q, &r);
	if (strcmp(ids_of(&r, got, sizeof got), want) != 0)
		fail_msg("'%s': got ids '%s', want '%s'", q, got, want);
}

/* 1 if rows hold id. */
static int has_id(const struct rows *r, const char *id)
{
	for (size_t i = 0; i < r->n; i++)
		if (strcmp(r->id[i], id) == 0)
			return 1;
	return 0;
}

static unsigned long index_doccount(const struct fx *f)
{
	vns_xdb *db = NULL;
	unsigned long n = 0;
	vns_err err;

	vns_err_clear(&err);
	if (vns_xdb_open(f->db, &db, &err) ||
	    vns_xdb_doccount(db, &n, &err))
		fail_msg("doccount: %s", vns_err_text(&err));
	vns_xdb_free(db);
	return n;
}

/* Rendering of q on s by the JSON or text formatter; caller frees out. */
static void format_on(vns_db *s, const char *q, const vns_search_opts *o,
		      int json, int bold, vns_buf *out)
{
	vns_results *r = NULL;
	vns_text_style style = { bold };
	vns_err err;
	vns_status st;

	vns_buf_init(out, 0);
	vns_err_clear(&err);
	if (vns_db_search(s, q, strlen(q), o, &r, &err) != VNS_OK)
		fail_msg("'%s': %s", q, vns_err_text(&err));
	st = json ? vns_format_json(out, q, o->offset, r, &err)
		  : vns_format_text(out, q, o->offset, r, &style, &err);
	if (st)
		fail_msg("'%s': format: %s", q, vns_err_text(&err));
	vns_results_free(r);
}

/* The same on the main index. */
static void format_query(const struct fx *f, const char *q,
			 const vns_search_opts *o, int json, int bold,
			 vns_buf *out)
{
	format_on(f->s, q, o, json, bold, out);
}

/* The id of the first result of q on s ("" if none), in a static buffer. */
static const char *first_id(vns_db *s, const char *q)
{
	static char id[64];
	vns_search_opts o = { .limit = 10 };
	vns_results *r = NULL;
	vns_result row;
	vns_err err;

	id[0] = '\0';
	vns_err_clear(&err);
	if (vns_db_search(s, q, strlen(q), &o, &r, &err))
		fail_msg("'%s': %s", q, vns_err_text(&err));
	if (vns_results_next(r, &row, &err) == 1 && strlen(row.id) < sizeof id)
		memcpy(id, row.id, strlen(row.id) + 1);
	vns_results_free(r);
	return id;
}

/* The suggestion for q on s, copied into buf; NULL when there is none. */
static const char *suggestion_of(vns_db *s, const char *q, char *buf,
				 size_t size)
{
	vns_search_opts o = opts_of(0, 10, VNS_SORT_RELEVANCE);
	vns_results *r = NULL;
	const char *hint;
	vns_err err;

	vns_err_clear(&err);
	if (vns_db_search(s, q, strlen(q), &o, &r, &err) != VNS_OK)
		fail_msg("'%s': %s", q, vns_err_text(&err));
	hint = vns_results_suggestion(r);
	if (hint)
		snprintf(buf, size, "%s", hint);
	vns_results_free(r);
	return hint ? buf : NULL;
}

static void expect_suggestion(vns_db *s, const char *q, const char *want)
{
	char buf[256];
	const char *got = suggestion_of(s, q, buf, sizeof buf);

	if (!got || strcmp(got, want) != 0)
		fail_msg("'%s': suggestion '%s', want '%s'", q,
			 got ? got : "(null)", want);
}

static void expect_no_suggestion(vns_db *s, const char *q)
{
	char buf[256];
	const char *got = suggestion_of(s, q, buf, sizeof buf);

	if (got)
		fail_msg("'%s': suggestion '%s', want none", q, got);
}

/* Where id is in rows, or -1. */
static int index_of(const struct rows *r, const char *id)
{
	for (size_t i = 0; i < r->n; i++)
		if (strcmp(r->id[i], id) == 0)
			return (int)i;
	return -1;
}

static json_t *parse_json(const vns_buf *b)
{
	json_error_t je;
	json_t *v = json_loads(b->data, 0, &je);

	if (!v)
		fail_msg("output is not JSON (%s at column %d): %s", je.text,
			 je.column, b->data);
	assert_true(json_is_object(v));
	return v;
}

/* Byte offset of code point cp in s. */
static size_t cp_to_byte(const char *s, size_t cp)
{
	size_t i = 0;

	for (; s[i] && cp; cp--)
		do
			i++;
		while (((unsigned char)s[i] & 0xC0) == 0x80);
	return i;
}

/* ---- finding ---------------------------------------------------------- */

static void test_unaccented_query_finds_accented_doc(void **state)
{
	expect_ids(*state, "bac giang", "bg1");
	expect_ids(*state, "BAC GIANG", "bg1");
	expect_ids(*state, "Bắc Giang", "bg1");
}

static void test_row_carries_the_stored_fields(void **state)
{
	const struct fx *f = *state;
	vns_search_opts o = opts_of(0, 10, VNS_SORT_RELEVANCE);
	vns_results *r = NULL;
	vns_result row;
	vns_err err;

	o.snippet_bytes = 300;
	vns_err_clear(&err);
	assert_int_equal(vns_db_search(f->s, "bac giang", 9, &o, &r, &err),
			 VNS_OK);
	assert_int_equal(vns_results_total(r), 1);
	assert_int_equal(vns_results_next(r, &row, &err), 1);
	assert_int_equal(row.rank, 1);
	assert_string_equal(row.id, "bg1");
	assert_string_equal(row.title, "Bắc Giang phát triển khuyến công");
	assert_string_equal(row.url, "https://example.vn/bg1");
	assert_string_equal(row.date, "2021-07-01");
	assert_string_equal(row.source, "Báo Bắc Giang");
	assert_true(row.score > 0);
	assert_non_null(strstr(row.snippet, "Tỉnh Bắc Giang hỗ trợ"));
	assert_int_equal(row.nspans, 1); /* the two syllables together */
	assert_int_equal(vns_results_next(r, &row, &err), 0);
	vns_results_free(r);
}

static void test_row_says_when_it_was_indexed_in_utc(void **state)
{
	const struct fx *f = *state;
	vns_search_opts o = opts_of(0, 10, VNS_SORT_RELEVANCE);
	vns_results *r = NULL;
	vns_result row;
	vns_err err;

	assert_int_equal(vns_db_search(f->s, "bac giang", 9, &o, &r, &err),
			 VNS_OK);
	assert_int_equal(vns_results_next(r, &row, &err), 1);
	assert_non_null(row.indexed);
	assert_int_equal(strlen(row.indexed), VNS_TIME_LEN);
	assert_int_equal(row.indexed[10], 'T');
	assert_int_equal(row.indexed[VNS_TIME_LEN - 1], 'Z');
	vns_results_free(r);
}

/* The total of the empty query indexed since since. */
static unsigned long total_since(const struct fx *f, const char *since)
{
	vns_search_opts o = opts_of(0, MAX_ROWS, VNS_SORT_RELEVANCE);
	struct rows r;

	o.added_since = since;
	run(f, "", &o, &r);
	assert_int_equal(r.n, r.total);
	return r.total;
}

static void test_added_since_keeps_documents_indexed_from_then(void **state)
{
	assert_int_equal(total_since(*state, "2000-01-01"), NDOCS);
	assert_int_equal(total_since(*state, "2000-01-01T00:00+07:00"),
			 NDOCS);
	assert_int_equal(total_since(*state, "9000-01-01"), 0);
}

static void test_added_since_filters_a_query_too(void **state)
{
	const struct fx *f = *state;
	vns_search_opts o = opts_of(0, MAX_ROWS, VNS_SORT_RELEVANCE);
	struct rows r;

	o.added_since = "2000-01-01T00:00:00Z";
	run(f, "bac giang", &o, &r);
	assert_int_equal(r.n, 1);
	o.added_since = "9000-01-01T00:00:00Z";
	run(f, "bac giang", &o, &r);
	assert_int_equal(r.n, 0);
}

static void test_added_since_rejects_what_is_not_iso_8601(void **state)
{
	const struct fx *f = *state;
	static const char *const bad[] = { "yesterday", "2024-13-01",
					   "2023-02-29", "2024-01-01T25:00",
					   "2024-01-01T10:00+7", "" };
	vns_search_opts o = opts_of(0, 10, VNS_SORT_RELEVANCE);
	vns_results *r = NULL;
	vns_err err;

	for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
		o.added_since = bad[i];
		assert_int_equal(vns_db_search(f->s, "", 0, &o, &r, &err),
				 VNS_EQUERY);
		assert_null(r);
		assert_non_null(strstr(err.msg, "YYYY-MM-DD"));
	}
}

/* The ids of the documents like id, as "a b c". */
static const char *like_ids(const struct fx *f, const char *id, char *buf,
			    size_t size)
{
	vns_search_opts o = opts_of(0, MAX_ROWS, VNS_SORT_RELEVANCE);
	struct rows r;

	o.like = id;
	run(f, "", &o, &r);
	return ids_of(&r, buf, size);
}

/* (Copies need bodies long enough for a content key: tests/e2e.py.) */
static void test_like_never_gives_the_document_itself(void **state)
{
	char got[512];

	like_ids(*state, "t1", got, sizeof got);
	assert_null(strstr(got, "t1"));
	assert_non_null(strstr(got, "t2"));
	like_ids(*state, "bg1", got, sizeof got);
	assert_null(strstr(got, "bg1"));
}

static void test_like_ranks_the_same_province_first(void **state)
{
	char got[512];

	like_ids(*state, "hb1", got, sizeof got);
	assert_true(strncmp(got, "hb2", 3) == 0);
}

static void test_like_is_filtered_by_the_query(void **state)
{
	const struct fx *f = *state;
	vns_search_opts o = opts_of(0, MAX_ROWS, VNS_SORT_RELEVANCE);
	struct rows r;

	o.like = "hb1";
	run(f, "year:2020", &o, &r);
	assert_int_equal(r.n, 1);
	assert_string_equal(r.id[0], "hb2");
}

static void test_like_of_an_unknown_id_is_not_found(void **state)
{
	const struct fx *f = *state;
	vns_search_opts o = opts_of(0, 10, VNS_SORT_RELEVANCE);
	vns_results *r = NULL;
	vns_err err;

	o.like = "no-such-id";
	assert_int_equal(vns_db_search(f->s, "", 0, &o, &r, &err),
			 VNS_ENOTFOUND);
	assert_null(r);
	assert_non_null(strstr(err.msg, "no-such-id"));
}

static void test_snippets_off_give_empty_snippet(void **state)
{
	const struct fx *f = *state;
	vns_search_opts o = opts_of(0, 10, VNS_SORT_RELEVANCE);
	vns_results *r = NULL;
	vns_result row;
	vns_err err;

	vns_err_clear(&err);
	assert_int_equal(vns_db_search(f->s, "bac giang", 9, &o, &r, &err),
			 VNS_OK);
	assert_int_equal(vns_results_next(r, &row, &err), 1);
	assert_string_equal(row.snippet, "");
	assert_int_equal(row.nspans, 0);
	vns_results_free(r);
}

static void test_tone_placement_does_not_change_results(void **state)
{
	const struct fx *f = *state;
	struct rows a, b;
	char ida[256], idb[256];

	run_relevance(f, "hoà bình", &a);
	run_relevance(f, "hòa bình", &b);
	assert_int_equal(a.n, 2);
	assert_true(has_id(&a, "hb1") && has_id(&a, "hb2"));
	assert_string_equal(ids_of(&a, ida, sizeof ida),
			    ids_of(&b, idb, sizeof idb));
	for (size_t i = 0; i < a.n; i++)
		assert_float_equal(a.score[i], b.score[i], 1e-9);
}

static void test_nfd_doc_is_found_by_nfc_query(void **state)
{
	expect_ids(*state, "Lạng Sơn", "ls1");
	expect_ids(*state, "lang son", "ls1");
}

static void test_nfc_doc_is_found_by_nfd_query(void **state)
{
	expect_ids(*state, "Qua\xcc\x89" "ng Tri\xcc\xa3", "qt1");
	expect_ids(*state, "\"Qua\xcc\x89" "ng Tri\xcc\xa3\"", "qt1");
}

static void test_exact_word_ranks_above_other_marks(void **state)
{
	const struct fx *f = *state;
	struct rows r;

	run_relevance(f, "đường", &r);
	assert_int_equal(r.n, 3);
	assert_string_equal(r.id[0], "du1");
	assert_true(r.score[0] > r.score[1]);
	assert_true(has_id(&r, "du2") && has_id(&r, "du3"));
}

static void test_excluded_word_removes_docs(void **state)
{
	expect_ids(*state, "hoa binh -lua", "hb1");
}

static void test_no_match_gives_no_rows(void **state)
{
	const struct fx *f = *state;
	struct rows r;

	run_relevance(f, "zzqqxx", &r);
	assert_int_equal(r.n, 0);
	assert_int_equal(r.total, 0);
}

static void test_filter_restricts_without_changing_scores(void **state)
{
	const struct fx *f = *state;
	struct rows all, y2021;

	run_relevance(f, "qua xa", &all);
	run_relevance(f, "qua xa year:2021", &y2021);
	assert_int_equal(all.n, 3);
	assert_int_equal(y2021.n, 1);
	assert_string_equal(y2021.id[0], "du1");
	for (size_t i = 0; i < all.n; i++)
		if (!strcmp(all.id[i], "du1"))
			assert_float_equal(all.score[i], y2021.score[0], 1e-9);
}

static void test_date_filter_covers_whole_days(void **state)
{
	/* hb1 is dated 2022-03-05 at 18:30 */
	expect_ids(*state, "hoa binh date:2022-03-05", "hb1");
	expect_ids(*state, "hoa binh date:..2022-03", "hb1 hb2");
	expect_ids(*state, "hoa binh date:2021..2022-03-05", "hb1");
	expect_ids(*state, "hoa binh date:2022-03-06..", "");
	expect_ids(*state, "hoa binh date:..2022-03-04", "hb2");
}

/* ---- browsing, sorting, paging ---------------------------------------- */

static void test_empty_query_lists_all_newest_first(void **state)
{
	const struct fx *f = *state;
	struct rows r;
	size_t undated = 0;

	run_relevance(f, "", &r);
	assert_int_equal(r.total, index_doccount(f));
	assert_int_equal(r.total, NDOCS);
	assert_int_equal(r.n, NDOCS);
	assert_string_equal(r.id[0], "du2"); /* 2022-05-05 */
	assert_string_equal(r.id[1], "hb1"); /* 2022-03-05 */
	for (size_t i = 0; i < r.n; i++) {
		assert_int_equal(r.rank[i], i + 1);
		if (!r.dated[i]) {
			undated++;
			continue;
		}
		/* no dated row after an undated one */
		assert_int_equal(undated, 0);
		if (i > 0)
			assert_true(strcmp(r.date[i - 1], r.date[i]) >= 0);
	}
	assert_int_equal(undated, 3); /* qt1, du3, esc */
}

static void test_total_is_exact_for_a_short_page(void **state)
{
	const struct fx *f = *state;
	vns_search_opts o = opts_of(0, 1, VNS_SORT_RELEVANCE);
	struct rows r;

	run(f, "", &o, &r);
	assert_int_equal(r.n, 1);
	assert_int_equal(r.total, NDOCS);
}

static void test_sort_date_orders_matches_newest_first(void **state)
{
	const struct fx *f = *state;
	vns_search_opts o = opts_of(0, 10, VNS_SORT_DATE);
	struct rows r;
	char ids[256];

	run(f, "qua xa", &o, &r);
	assert_string_equal(ids_of(&r, ids, sizeof ids), "du2 du1 du3");
}

static void test_offset_and_limit_page_through_results(void **state)
{
	const struct fx *f = *state;
	vns_search_opts o = opts_of(0, MAX_ROWS, VNS_SORT_RELEVANCE);
	struct rows all, page;
	unsigned seen = 0;

	run(f, "", &o, &all);
	for (unsigned off = 0; off < NDOCS + 3; off += 5) {
		o = opts_of(off, 5, VNS_SORT_RELEVANCE);
		run(f, "", &o, &page);
		assert_int_equal(page.total, NDOCS);
		for (size_t i = 0; i < page.n; i++) {
			assert_int_equal(page.rank[i], off + i + 1);
			assert_string_equal(page.id[i], all.id[off + i]);
		}
		seen += (unsigned)page.n;
		assert_int_equal(page.n,
				 off >= NDOCS ? 0
					      : (NDOCS - off < 5 ? NDOCS - off
								 : 5));
	}
	assert_int_equal(seen, NDOCS);
}

static void test_limit_above_max_is_rejected(void **state)
{
	const struct fx *f = *state;
	vns_search_opts o = opts_of(0, VNS_LIMIT_MAX + 1, VNS_SORT_RELEVANCE);
	vns_results *r = NULL;
	vns_err err;

	vns_err_clear(&err);
	assert_int_equal(vns_db_search(f->s, "bac", 3, &o, &r, &err),
			 VNS_EQUERY);
	assert_null(r);
	assert_non_null(strstr(err.msg, "limit"));
	o.limit = VNS_LIMIT_MAX;
	assert_int_equal(vns_db_search(f->s, "bac", 3, &o, &r, &err),
			 VNS_OK);
	vns_results_free(r);
}

static void test_offset_above_max_is_rejected(void **state)
{
	const struct fx *f = *state;
	vns_search_opts o = opts_of(VNS_OFFSET_MAX + 1, 10,
				    VNS_SORT_RELEVANCE);
	vns_results *r = NULL;
	vns_err err;

	vns_err_clear(&err);
	assert_int_equal(vns_db_search(f->s, "bac", 3, &o, &r, &err),
			 VNS_EQUERY);
	assert_non_null(strstr(err.msg, "offset"));
}

static void test_equal_scores_come_in_a_stable_order(void **state)
{
	const struct fx *f = *state;
	struct rows a, b;
	char ida[256], idb[256];

	run_relevance(f, "hoi thao xanh", &a);
	run_relevance(f, "hoi thao xanh", &b);
	assert_int_equal(a.n, 3);
	/* really ties, or the test would prove nothing */
	assert_float_equal(a.score[0], a.score[1], 1e-9);
	assert_float_equal(a.score[1], a.score[2], 1e-9);
	assert_string_equal(ids_of(&a, ida, sizeof ida),
			    ids_of(&b, idb, sizeof idb));
	assert_string_equal(ida, "t1 t2 t3"); /* in indexing order */
}

static void test_query_errors_are_returned(void **state)
{
	const struct fx *f = *state;
	vns_search_opts o = opts_of(0, 10, VNS_SORT_RELEVANCE);
	vns_results *r = NULL;
	vns_err err;

	vns_err_clear(&err);
	assert_int_equal(vns_db_search(f->s, "\"bac", 4, &o, &r, &err),
			 VNS_EQUERY);
	assert_non_null(strstr(err.msg, "quote"));
	assert_int_equal(vns_db_search(f->s, "province:x", 10, &o, &r, &err),
			 VNS_EQUERY);
	assert_int_equal(vns_db_search(f->s, "b\xff", 2, &o, &r, &err),
			 VNS_EUTF8);
	assert_null(r);
}

static void test_missing_index_cannot_be_opened(void **state)
{
	const struct fx *f = *state;
	char path[PATH_MAX];
	vns_db *s = NULL;
	vns_err err;

	assert_true(vns_test_fits(snprintf(path, sizeof path, "%s/no-such-db", f->dir),
			 sizeof path));
	vns_err_clear(&err);
	assert_int_equal(vns_db_open(path, &s, &err), VNS_EDBOPEN);
	assert_null(s);
	vns_db_close(NULL);
	vns_results_free(NULL);
}

/* ---- reading queries typed without diacritics ------------------------- */

static void test_unaccented_query_suggests_the_documents_reading(void **state)
{
	const struct fx *f = *state;

	expect_suggestion(f->s, "bac giang", "Bắc Giang");
	expect_suggestion(f->s, "BAC GIANG", "Bắc Giang");
	/* "Tháp" next to "Đồng" in the documents, "thấp" next to "nhà" */
	expect_suggestion(f->rk, "dong thap", "Đồng Tháp");
	expect_suggestion(f->rk, "nha thap", "nhà thấp");
}

static void test_telex_and_vni_residue_is_read_and_suggested(void **state)
{
	const struct fx *f = *state;

	expect_suggestion(f->s, "Bawcs Giang", "Bắc Giang");
	expect_suggestion(f->s, "Ba81c Giang", "Bắc Giang");
	expect_suggestion(f->s, "DDuowngf", "Đường");
	assert_string_equal(first_id(f->s, "Bawcs Giang"), "bg1");
}

static void test_typo_is_corrected_from_the_index_and_suggested(void **state)
{
	const struct fx *f = *state;

	expect_suggestion(f->s, "bac giamg", "Bắc Giang");
	expect_suggestion(f->s, "Bắc Giamg", "Bắc Giang");
	assert_string_equal(first_id(f->s, "bac giamg"), "bg1");
	/* a word the index holds as typed is left alone */
	expect_no_suggestion(f->s, "Bắc Giang");
}

static void test_suggestion_keeps_the_rest_of_the_query(void **state)
{
	const struct fx *f = *state;

	expect_suggestion(f->rk, "dong  thap year:2019",
			  "Đồng  Tháp year:2019");
	expect_suggestion(f->s, "bac giang -lua", "Bắc Giang -lua");
	expect_suggestion(f->s, "\"bac giang\"", "\"Bắc Giang\"");
}

static void test_accented_query_gets_no_suggestion(void **state)
{
	const struct fx *f = *state;

	expect_no_suggestion(f->s, "Bắc Giang");
	expect_no_suggestion(f->s, "bắc giang");
	expect_no_suggestion(f->rk, "Đồng Tháp");
	/* one mark is enough: the user knows how to type them */
	expect_no_suggestion(f->rk, "dong tháp");
}

static void test_query_without_matches_gets_no_suggestion(void **state)
{
	const struct fx *f = *state;

	expect_no_suggestion(f->s, "zzqqxx");
	expect_no_suggestion(f->s, "");
	/* the documents write it as typed */
	expect_no_suggestion(f->s, "xanh");
}

static void test_unaccented_query_ranks_the_documents_reading(void **state)
{
	const struct fx *f = *state;
	struct rows r;
	vns_search_opts o = opts_of(0, 10, VNS_SORT_RELEVANCE);

	/* both hold "thap"; the reading "Tháp" is dt1's title and body */
	run_on(f->rk, "thap", &o, &r);
	assert_int_equal(r.n, 2);
	assert_string_equal(r.id[0], "dt1");
}

/* ---- re-ranking long queries by proximity ----------------------------- */

static void test_short_query_scores_near_and_far_alike(void **state)
{
	const struct fx *f = *state;
	vns_search_opts o = opts_of(0, MAX_ROWS, VNS_SORT_RELEVANCE);
	struct rows r;
	int near, far;

	/* the control: near and far have the same BM25 weight */
	run_on(f->rk, SHORT_QUERY, &o, &r);
	near = index_of(&r, "near");
	far = index_of(&r, "far");
	assert_true(near >= 0 && far >= 0);
	assert_float_equal(r.score[near], r.score[far], 1e-9);
}

static void test_long_query_ranks_words_together_first(void **state)
{
	const struct fx *f = *state;
	vns_search_opts o = opts_of(0, MAX_ROWS, VNS_SORT_RELEVANCE);
	struct rows r;
	int near, far;

	run_on(f->rk, LONG_QUERY, &o, &r);
	assert_int_equal(r.n, NGEN + 2);
	near = index_of(&r, "near");
	far = index_of(&r, "far");
	assert_true(near >= 0 && far >= 0);
	assert_true(near < far);
	assert_true(r.score[near] > r.score[far] * 1.5);
	/* a question-like query, its words in another order */
	run_on(f->rk, "giá tôm hùm có tăng không", &o, &r);
	assert_true(index_of(&r, "near") < index_of(&r, "far"));
	for (size_t i = 1; i < r.n; i++)
		assert_true(r.score[i - 1] >= r.score[i]);
}

static void test_filter_keeps_reranked_scores(void **state)
{
	const struct fx *f = *state;
	vns_search_opts o = opts_of(0, MAX_ROWS, VNS_SORT_RELEVANCE);
	struct rows all, one;
	char q[128];

	run_on(f->rk, LONG_QUERY, &o, &all);
	assert_true(all.n > RERANK_TOP);
	/* the re-ranked top only: past it a score is BM25 alone, and a
	 * filter that brings the document into the top raises it.
	 * Each matching document has its own year. */
	for (size_t i = 0; i < RERANK_TOP; i++) {
		assert_true(all.dated[i]);
		snprintf(q, sizeof q, "%s year:%.4s", LONG_QUERY, all.date[i]);
		run_on(f->rk, q, &o, &one);
		assert_int_equal(one.n, 1);
		assert_string_equal(one.id[0], all.id[i]);
		assert_float_equal(one.score[0], all.score[i], 1e-9);
	}
}

static void test_paging_reranked_results_gives_each_id_once(void **state)
{
	const struct fx *f = *state;
	vns_search_opts o = opts_of(0, MAX_ROWS, VNS_SORT_RELEVANCE);
	static const unsigned limits[] = { 1, 4, 7, 10 };
	struct rows all, page;

	run_on(f->rk, LONG_QUERY, &o, &all);
	assert_int_equal(all.n, NGEN + 2);
	for (size_t l = 0; l < sizeof limits / sizeof *limits; l++) {
		unsigned seen[NGEN + 2] = { 0 };
		size_t nseen = 0;

		for (unsigned off = 0; off < all.n; off += limits[l]) {
			o = opts_of(off, limits[l], VNS_SORT_RELEVANCE);
			run_on(f->rk, LONG_QUERY, &o, &page);
			for (size_t i = 0; i < page.n; i++) {
				int at = index_of(&all, page.id[i]);

				assert_true(at >= 0);
				assert_int_equal(page.rank[i], off + i + 1);
				assert_string_equal(page.id[i],
						    all.id[off + i]);
				assert_float_equal(page.score[i],
						   all.score[off + i], 1e-9);
				assert_int_equal(seen[at]++, 0);
				nseen++;
			}
		}
		assert_int_equal(nseen, all.n);
	}
}

static void test_sort_by_date_is_not_reranked(void **state)
{
	const struct fx *f = *state;
	vns_search_opts o = opts_of(0, MAX_ROWS, VNS_SORT_DATE);
	struct rows r;

	run_on(f->rk, LONG_QUERY, &o, &r);
	assert_int_equal(r.n, NGEN + 2);
	assert_string_equal(r.id[0], "near"); /* 2021 */
	assert_string_equal(r.id[1], "far");  /* 2020 */
	for (size_t i = 1; i < r.n; i++)
		assert_true(strcmp(r.date[i - 1], r.date[i]) >= 0);
}

/* ---- output ----------------------------------------------------------- */

static void test_json_output_has_the_documented_fields(void **state)
{
	const struct fx *f = *state;
	vns_search_opts o = opts_of(0, 10, VNS_SORT_RELEVANCE);
	vns_buf out;
	json_t *v, *res, *row;

	o.snippet_bytes = 300;
	format_query(f, "bắc giang", &o, 1, 0, &out);
	assert_null(strchr(out.data, '\n'));
	v = parse_json(&out);
	assert_string_equal(json_string_value(json_object_get(v, "query")),
			    "bắc giang");
	assert_int_equal(json_integer_value(json_object_get(v, "total")), 1);
	assert_true(json_is_integer(json_object_get(v, "offset")));
	assert_int_equal(json_integer_value(json_object_get(v, "offset")), 0);
	res = json_object_get(v, "results");
	assert_true(json_is_array(res));
	assert_int_equal(json_array_size(res), 1);
	row = json_array_get(res, 0);
	assert_int_equal(json_integer_value(json_object_get(row, "rank")), 1);
	assert_string_equal(json_string_value(json_object_get(row, "id")),
			    "bg1");
	assert_string_equal(json_string_value(json_object_get(row, "title")),
			    "Bắc Giang phát triển khuyến công");
	assert_true(json_is_false(json_object_get(row, "title_derived")));
	assert_string_equal(json_string_value(json_object_get(row, "url")),
			    "https://example.vn/bg1");
	assert_string_equal(json_string_value(json_object_get(row, "date")),
			    "2021-07-01");
	assert_string_equal(json_string_value(json_object_get(row, "source")),
			    "Báo Bắc Giang");
	assert_true(json_is_number(json_object_get(row, "score")));
	assert_true(json_number_value(json_object_get(row, "score")) > 0);
	assert_true(json_is_string(json_object_get(row, "snippet")));
	assert_true(json_is_array(json_object_get(row, "highlights")));
	assert_true(json_is_array(json_object_get(row, "provinces")));
	assert_true(json_is_array(json_object_get(row, "provinces_2024")));
	assert_true(json_is_array(json_object_get(row, "products")));
	assert_true(json_is_array(json_object_get(row, "programmes")));
	assert_true(json_is_array(json_object_get(row, "also")));
	assert_int_equal(strlen(json_string_value(json_object_get(row,
							"indexed"))),
			 VNS_TIME_LEN);
	assert_true(json_is_array(json_object_get(row, "mentioned_provinces")));
	assert_true(json_is_array(
		json_object_get(row, "mentioned_provinces_2024")));
	assert_int_equal(json_object_size(row), 18);
	json_decref(v);
	vns_buf_free(&out);
}

static void test_json_highlights_are_code_point_offsets(void **state)
{
	const struct fx *f = *state;
	vns_search_opts o = opts_of(0, 10, VNS_SORT_RELEVANCE);
	static const char *const want[] = { "Bắc Giang" };
	vns_buf out;
	json_t *v, *row, *hl;
	const char *snip;

	o.snippet_bytes = 300;
	format_query(f, "bac giang", &o, 1, 0, &out);
	v = parse_json(&out);
	row = json_array_get(json_object_get(v, "results"), 0);
	snip = json_string_value(json_object_get(row, "snippet"));
	assert_non_null(snip);
	hl = json_object_get(row, "highlights");
	assert_int_equal(json_array_size(hl), 1);
	/* "Tỉnh " is 5 code points but 7 bytes */
	assert_int_equal(json_integer_value(json_array_get(
				 json_array_get(hl, 0), 0)), 5);
	for (size_t i = 0; i < 1; i++) {
		json_t *span = json_array_get(hl, i);
		size_t s = cp_to_byte(snip, (size_t)json_integer_value(
						    json_array_get(span, 0)));
		size_t e = cp_to_byte(snip, (size_t)json_integer_value(
						    json_array_get(span, 1)));
		assert_int_equal(json_array_size(span), 2);
		assert_int_equal(e - s, strlen(want[i]));
		assert_memory_equal(snip + s, want[i], e - s);
	}
	json_decref(v);
	vns_buf_free(&out);
}

static void test_json_escapes_strings_and_writes_null(void **state)
{
	const struct fx *f = *state;
	vns_search_opts o = opts_of(0, 10, VNS_SORT_RELEVANCE);
	vns_buf out;
	json_t *v, *row;

	format_query(f, "thoát ký tự", &o, 1, 0, &out);
	v = parse_json(&out);
	row = json_array_get(json_object_get(v, "results"), 0);
	assert_non_null(row);
	assert_string_equal(json_string_value(json_object_get(row, "title")),
			    "Tin \"nóng\" \\ mới\tcột");
	assert_true(json_is_null(json_object_get(row, "url")));
	assert_true(json_is_null(json_object_get(row, "date")));
	assert_true(json_is_null(json_object_get(row, "source")));
	assert_string_equal(json_string_value(json_object_get(row, "snippet")),
			    "");
	assert_int_equal(json_array_size(json_object_get(row, "highlights")),
			 0);
	json_decref(v);
	vns_buf_free(&out);
}

static void test_json_of_no_match_has_empty_results(void **state)
{
	const struct fx *f = *state;
	vns_search_opts o = opts_of(0, 10, VNS_SORT_RELEVANCE);
	vns_buf out;
	json_t *v;

	format_query(f, "zzqqxx", &o, 1, 0, &out);
	v = parse_json(&out);
	assert_int_equal(json_integer_value(json_object_get(v, "total")), 0);
	assert_int_equal(json_array_size(json_object_get(v, "results")), 0);
	json_decref(v);
	vns_buf_free(&out);
}

static void test_json_error_names_query_and_reason(void **state)
{
	vns_buf out;
	vns_err why;
	json_t *v;

	(void)state;
	vns_buf_init(&out, 0);
	vns_err_set(&why, VNS_EQUERY, "unterminated quote at character %d",
		    1);
	assert_int_equal(vns_format_json_error(&out, "\"bắc\\", &why), VNS_OK);
	v = parse_json(&out);
	assert_string_equal(json_string_value(json_object_get(v, "query")),
			    "\"bắc\\");
	assert_string_equal(json_string_value(json_object_get(v, "error")),
			    "unterminated quote at character 1");
	assert_int_equal(json_object_size(v), 2);
	json_decref(v);

	/* no detail: the status's own message */
	vns_buf_reset(&out);
	vns_err_clear(&why);
	why.code = VNS_EQUERY;
	assert_int_equal(vns_format_json_error(&out, "q", &why), VNS_OK);
	v = parse_json(&out);
	assert_string_equal(json_string_value(json_object_get(v, "error")),
			    vns_strerror(VNS_EQUERY));
	json_decref(v);
	vns_buf_free(&out);
}

static void test_text_output_says_no_documents_match(void **state)
{
	const struct fx *f = *state;
	vns_search_opts o = opts_of(0, 10, VNS_SORT_RELEVANCE);
	vns_buf out;

	format_query(f, "zzqqxx", &o, 0, 0, &out);
	assert_string_equal(out.data, "No documents match 'zzqqxx'\n");
	vns_buf_free(&out);
}

static void test_text_output_past_the_end_says_no_more(void **state)
{
	const struct fx *f = *state;
	vns_search_opts o = opts_of(5, 10, VNS_SORT_RELEVANCE);
	vns_buf out;

	format_query(f, "bac giang", &o, 0, 0, &out);
	assert_non_null(strstr(out.data, "About 1 result for 'bac giang', "
					 "none shown from 6\n"));
	vns_buf_free(&out);
}

static void test_text_output_of_limit_0_gives_the_count(void **state)
{
	const struct fx *f = *state;
	vns_search_opts o = opts_of(0, 0, VNS_SORT_RELEVANCE);
	vns_buf out;

	format_query(f, "bac giang", &o, 0, 0, &out);
	assert_non_null(strstr(out.data, "About 1 result for 'bac giang', "
					 "none shown from 1\n"));
	assert_null(strstr(out.data, "No documents match"));
	vns_buf_free(&out);
}

static void test_text_output_lists_rank_title_and_snippet(void **state)
{
	const struct fx *f = *state;
	vns_search_opts o = opts_of(0, 10, VNS_SORT_RELEVANCE);
	vns_buf out;

	o.snippet_bytes = 300;
	format_query(f, "bac giang", &o, 0, 0, &out);
	assert_non_null(strstr(out.data, "About 1 result for 'bac giang'"));
	assert_non_null(strstr(out.data,
			       "1. Bắc Giang phát triển khuyến công\n"));
	/* the place as written, with its 2025 successor */
	assert_non_null(strstr(out.data, "2021-07-01 · Báo Bắc Giang · "
					 "https://example.vn/bg1 · "
					 "Bắc Giang (nay Bắc Ninh)\n"));
	assert_non_null(strstr(out.data, "Tỉnh Bắc Giang hỗ trợ"));
	assert_null(strchr(out.data, '\033'));
	vns_buf_free(&out);

	format_query(f, "bac giang", &o, 0, 1, &out);
	assert_non_null(strstr(out.data,
			       "Tỉnh \033[1mBắc Giang\033[0m"));
	vns_buf_free(&out);
}


static void test_json_did_you_mean_is_string_or_null(void **state)
{
	const struct fx *f = *state;
	vns_search_opts o = opts_of(0, 10, VNS_SORT_RELEVANCE);
	vns_buf out;
	json_t *v, *hint;

	format_on(f->rk, "dong thap", &o, 1, 0, &out);
	v = parse_json(&out);
	hint = json_object_get(v, "did_you_mean");
	assert_true(json_is_string(hint));
	assert_string_equal(json_string_value(hint), "Đồng Tháp");
	assert_string_equal(json_string_value(json_object_get(v, "query")),
			    "dong thap");
	json_decref(v);
	vns_buf_free(&out);

	format_query(f, "bắc giang", &o, 1, 0, &out);
	v = parse_json(&out);
	hint = json_object_get(v, "did_you_mean");
	assert_non_null(hint); /* present, and null */
	assert_true(json_is_null(hint));
	json_decref(v);
	vns_buf_free(&out);
}

static void test_text_output_says_did_you_mean_first(void **state)
{
	const struct fx *f = *state;
	vns_search_opts o = opts_of(0, 10, VNS_SORT_RELEVANCE);
	vns_buf out;

	format_on(f->rk, "dong thap", &o, 0, 0, &out);
	assert_true(strncmp(out.data, "Did you mean: Đồng Tháp\n",
			    strlen("Did you mean: Đồng Tháp\n")) == 0);
	assert_non_null(strstr(out.data, "About 2 results for 'dong thap'"));
	vns_buf_free(&out);

	format_on(f->rk, "dong thap", &o, 0, 1, &out);
	assert_non_null(strstr(out.data,
			       "Did you mean: \033[1mĐồng Tháp\033[0m\n"));
	vns_buf_free(&out);

	format_on(f->rk, "Đồng Tháp", &o, 0, 0, &out);
	assert_null(strstr(out.data, "Did you mean"));
	vns_buf_free(&out);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_unaccented_query_finds_accented_doc),
		cmocka_unit_test(test_row_carries_the_stored_fields),
		cmocka_unit_test(test_snippets_off_give_empty_snippet),
		cmocka_unit_test(test_tone_placement_does_not_change_results),
		cmocka_unit_test(test_nfd_doc_is_found_by_nfc_query),
		cmocka_unit_test(test_nfc_doc_is_found_by_nfd_query),
		cmocka_unit_test(test_exact_word_ranks_above_other_marks),
		cmocka_unit_test(test_excluded_word_removes_docs),
		cmocka_unit_test(test_no_match_gives_no_rows),
		cmocka_unit_test(test_filter_restricts_without_changing_scores),
		cmocka_unit_test(test_date_filter_covers_whole_days),
		cmocka_unit_test(test_empty_query_lists_all_newest_first),
		cmocka_unit_test(test_total_is_exact_for_a_short_page),
		cmocka_unit_test(test_sort_date_orders_matches_newest_first),
		cmocka_unit_test(test_offset_and_limit_page_through_results),
		cmocka_unit_test(test_limit_above_max_is_rejected),
		cmocka_unit_test(test_offset_above_max_is_rejected),
		cmocka_unit_test(test_equal_scores_come_in_a_stable_order),
		cmocka_unit_test(test_query_errors_are_returned),
		cmocka_unit_test(test_missing_index_cannot_be_opened),
		cmocka_unit_test(test_json_output_has_the_documented_fields),
		cmocka_unit_test(test_row_says_when_it_was_indexed_in_utc),
		cmocka_unit_test(test_added_since_keeps_documents_indexed_from_then),
		cmocka_unit_test(test_added_since_filters_a_query_too),
		cmocka_unit_test(test_added_since_rejects_what_is_not_iso_8601),
		cmocka_unit_test(test_like_never_gives_the_document_itself),
		cmocka_unit_test(test_like_ranks_the_same_province_first),
		cmocka_unit_test(test_like_is_filtered_by_the_query),
		cmocka_unit_test(test_like_of_an_unknown_id_is_not_found),
		cmocka_unit_test(test_json_highlights_are_code_point_offsets),
		cmocka_unit_test(test_telex_and_vni_residue_is_read_and_suggested),
		cmocka_unit_test(test_typo_is_corrected_from_the_index_and_suggested),
		cmocka_unit_test(test_json_escapes_strings_and_writes_null),
		cmocka_unit_test(test_json_of_no_match_has_empty_results),
		cmocka_unit_test(test_json_error_names_query_and_reason),
		cmocka_unit_test(test_text_output_says_no_documents_match),
		cmocka_unit_test(test_text_output_past_the_end_says_no_more),
		cmocka_unit_test(test_text_output_of_limit_0_gives_the_count),
		cmocka_unit_test(test_text_output_lists_rank_title_and_snippet),
		cmocka_unit_test(
			test_unaccented_query_suggests_the_documents_reading),
		cmocka_unit_test(test_suggestion_keeps_the_rest_of_the_query),
		cmocka_unit_test(test_accented_query_gets_no_suggestion),
		cmocka_unit_test(test_query_without_matches_gets_no_suggestion),
		cmocka_unit_test(
			test_unaccented_query_ranks_the_documents_reading),
		cmocka_unit_test(test_short_query_scores_near_and_far_alike),
		cmocka_unit_test(test_long_query_ranks_words_together_first),
		cmocka_unit_test(test_filter_keeps_reranked_scores),
		cmocka_unit_test(test_paging_reranked_results_gives_each_id_once),
		cmocka_unit_test(test_sort_by_date_is_not_reranked),
		cmocka_unit_test(test_json_did_you_mean_is_string_or_null),
		cmocka_unit_test(test_text_output_says_did_you_mean_first),
	};

	return cmocka_run_group_tests(tests, group_setup, group_teardown);
}
