/* test_readers.c - unit tests of the input readers (indexer/readers.c):
 * input files written into a fresh temporary directory per test, read
 * through a sink that records every document and every skipped record. */
#include <ftw.h>
#include <limits.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cmocka.h>

#include "scratch.h"
#include <zlib.h>

#include "readers.h"

#define MAX_SEEN 4096

/* a scraped page of the project's sample (run from the top of the tree) */
#define SEED_DEFAULT "corpus/sample/chuyen-doi-so-dak-lak-2025.txt"

/* One delivered document, copied out of the sink call. */
struct seen_doc {
	char *id;
	char *title;
	char *body;
	char *path;
	unsigned long line;
};

/* One skipped record. */
struct seen_bad {
	char *path;
	unsigned long line;
	vns_status code;
	char msg[VNS_ERR_MSG_MAX];
};

/* The recording sink's state, and the test's scratch directory. */
struct fx {
	char dir[PATH_MAX];
	struct seen_doc docs[MAX_SEEN];
	size_t ndocs;
	struct seen_bad bads[MAX_SEEN];
	size_t nbads;
	size_t stop_after; /* doc() returns VNS_EINTERNAL after this many */
};

/* ---- fixture ---------------------------------------------------------- */

static int setup(void **state)
{
	struct fx *f = calloc(1, sizeof *f);

	if (!f)
		return -1;
	if (vns_test_mkdtemp(f->dir, sizeof f->dir, "readers") != 0) {
		free(f);
		return -1;
	}
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	struct fx *f = *state;
	int rc = vns_test_rmtree(f->dir);

	for (size_t i = 0; i < f->ndocs; i++) {
		free(f->docs[i].id);
		free(f->docs[i].title);
		free(f->docs[i].body);
		free(f->docs[i].path);
	}
	for (size_t i = 0; i < f->nbads; i++)
		free(f->bads[i].path);
	free(f);
	return rc;
}

/* ---- the recording sink ----------------------------------------------- */

static char *dup_or_null(const char *s)
{
	char *d = s ? strdup(s) : NULL;

	if (s && !d)
		fail_msg("out of memory");
	return d;
}

static vns_status on_doc(void *ctx, const vns_doc *doc, const char *path,
			 unsigned long line, vns_err *err)
{
	struct fx *f = ctx;
	struct seen_doc *d;

	if (f->stop_after && f->ndocs == f->stop_after)
		return vns_err_set(err, VNS_EINTERNAL, "sink says stop");
	assert_true(f->ndocs < MAX_SEEN);
	d = &f->docs[f->ndocs++];
	d->id = dup_or_null(doc->id);
	d->title = dup_or_null(doc->title);
	d->body = dup_or_null(doc->body);
	d->path = dup_or_null(path);
	d->line = line;
	return VNS_OK;
}

static void on_bad(void *ctx, const char *path, unsigned long line,
		   const vns_err *why)
{
	struct fx *f = ctx;
	struct seen_bad *b;

	assert_true(f->nbads < MAX_SEEN);
	b = &f->bads[f->nbads++];
	b->path = dup_or_null(path);
	b->line = line;
	b->code = why->code;
	snprintf(b->msg, sizeof b->msg, "%s", why->msg);
}

static vns_sink sink_of(struct fx *f)
{
	vns_sink s = { on_doc, on_bad, f, NULL };

	return s;
}

/* ---- helpers ---------------------------------------------------------- */

/* f->dir/name in buf. */
static const char *in_dir(const struct fx *f, const char *name, char *buf,
			  size_t size)
{
	return vns_test_path(f->dir, name, buf, size);
}

/* Write len bytes of data to f->dir/name; the full path into path. */
static const char *write_file(const struct fx *f, const char *name,
			      const void *data, size_t len, char *path,
			      size_t size)
{
	FILE *fp = fopen(in_dir(f, name, path, size), "wb");

	if (!fp)
		fail_msg("cannot create '%s'", path);
	if (len && fwrite(data, 1, len, fp) != len)
		fail_msg("cannot write '%s'", path);
	if (fclose(fp) != 0)
		fail_msg("cannot close '%s'", path);
	return path;
}

static const char *write_text(const struct fx *f, const char *name,
			      const char *text, char *path, size_t size)
{
	return write_file(f, name, text, strlen(text), path, size);
}

static void make_subdir(const struct fx *f, const char *name)
{
	char path[PATH_MAX];

	if (mkdir(in_dir(f, name, path, sizeof path), 0700) != 0)
		fail_msg("cannot mkdir '%s'", path);
}

/* Gzip len bytes of data into f->dir/name. */
static const char *write_gzip(const struct fx *f, const char *name,
			      const char *data, size_t len, char *path,
			      size_t size)
{
	gzFile gz = gzopen(in_dir(f, name, path, size), "wb");

	if (!gz)
		fail_msg("cannot create '%s'", path);
	if (gzwrite(gz, data, (unsigned)len) != (int)len)
		fail_msg("cannot write '%s'", path);
	if (gzclose(gz) != Z_OK)
		fail_msg("cannot close '%s'", path);
	return path;
}

static long file_size(const char *path)
{
	struct stat sb;

	if (stat(path, &sb) != 0)
		fail_msg("cannot stat '%s'", path);
	return (long)sb.st_size;
}

/* n records, one a line, each with a distinct id "r<i>" and some words
 * that do not compress away; caller frees. */
static char *many_records(size_t n, size_t *len)
{
	size_t cap = n * 160 + 1, at = 0;
	char *s = malloc(cap);
	unsigned seed = 12345;

	if (!s)
		fail_msg("out of memory");
	for (size_t i = 0; i < n; i++) {
		seed = seed * 1103515245u + 12345u;
		at += (size_t)snprintf(s + at, cap - at,
				       "{\"id\":\"r%zu\",\"body\":\"so %u va "
				       "%u con %u tin %u\"}\n",
				       i, seed, seed >> 3, seed * 7u,
				       seed ^ 0x5a5a5a5au);
	}
	*len = at;
	return s;
}

static void expect_no_bads(const struct fx *f)
{
	if (f->nbads)
		fail_msg("unexpected bad record at %s:%lu: %s",
			 f->bads[0].path, f->bads[0].line, f->bads[0].msg);
}

static void expect_bad(const struct fx *f, size_t i, unsigned long line,
		       vns_status code, const char *what)
{
	assert_true(i < f->nbads);
	assert_int_equal(f->bads[i].line, line);
	assert_int_equal(f->bads[i].code, code);
	if (!strstr(f->bads[i].msg, what))
		fail_msg("bad record message '%s' lacks '%s'", f->bads[i].msg,
			 what);
}

/* 1 if s ends with suffix. */
static int ends_with(const char *s, const char *suffix)
{
	size_t n = strlen(s), m = strlen(suffix);

	return n >= m && strcmp(s + n - m, suffix) == 0;
}

/* 1 if s starts with prefix. */
static int starts_with(const char *s, const char *prefix)
{
	return strncmp(s, prefix, strlen(prefix)) == 0;
}

/* ---- JSON Lines ------------------------------------------------------- */

static void test_jsonl_delivers_each_record_with_its_line(void **state)
{
	struct fx *f = *state;
	vns_sink sink = sink_of(f);
	char path[PATH_MAX];
	vns_err err;

	write_text(f, "a.jsonl",
		   "{\"id\":\"a1\",\"title\":\"Bắc Giang\",\"body\":\"một\"}\n"
		   "{\"id\":\"a2\",\"body\":\"hai\"}\n"
		   "{\"id\":\"a3\",\"body\":\"ba\"}\n",
		   path, sizeof path);
	vns_err_clear(&err);
	assert_int_equal(vns_read_jsonl(path, &sink, &err), VNS_OK);
	expect_no_bads(f);
	assert_int_equal(f->ndocs, 3);
	assert_string_equal(f->docs[0].id, "a1");
	assert_string_equal(f->docs[0].title, "Bắc Giang");
	assert_string_equal(f->docs[0].body, "một");
	assert_null(f->docs[1].title);
	assert_string_equal(f->docs[2].id, "a3");
	for (size_t i = 0; i < 3; i++) {
		assert_int_equal(f->docs[i].line, i + 1);
		assert_string_equal(f->docs[i].path, path);
	}
}

static void test_jsonl_skips_blank_lines_but_counts_them(void **state)
{
	struct fx *f = *state;
	vns_sink sink = sink_of(f);
	char path[PATH_MAX];
	vns_err err;

	write_text(f, "a.jsonl",
		   "\n   \n{\"id\":\"x\",\"body\":\"b\"}\r\n\t\n"
		   "{\"id\":\"y\",\"body\":\"c\"}",
		   path, sizeof path);
	vns_err_clear(&err);
	assert_int_equal(vns_read_jsonl(path, &sink, &err), VNS_OK);
	expect_no_bads(f);
	assert_int_equal(f->ndocs, 2);
	assert_int_equal(f->docs[0].line, 3);
	assert_string_equal(f->docs[1].id, "y");
	assert_int_equal(f->docs[1].line, 5);
}

static void test_jsonl_reports_invalid_json_by_line_and_reads_on(void **state)
{
	struct fx *f = *state;
	vns_sink sink = sink_of(f);
	char path[PATH_MAX];
	vns_err err;

	write_text(f, "a.jsonl",
		   "{\"id\":\"a1\",\"body\":\"one\"}\n"
		   "{\"id\":\"a2\",\"body\":\"two\"\n"
		   "{\"id\":\"a3\",\"body\":\"three\"}\n",
		   path, sizeof path);
	vns_err_clear(&err);
	assert_int_equal(vns_read_jsonl(path, &sink, &err), VNS_OK);
	assert_int_equal(f->nbads, 1);
	expect_bad(f, 0, 2, VNS_EJSON, "invalid json");
	assert_string_equal(f->bads[0].path, path);
	assert_int_equal(f->ndocs, 2);
	assert_string_equal(f->docs[0].id, "a1");
	assert_string_equal(f->docs[1].id, "a3");
	assert_int_equal(f->docs[1].line, 3);
}

static void test_jsonl_reports_invalid_utf8_line(void **state)
{
	struct fx *f = *state;
	vns_sink sink = sink_of(f);
	char path[PATH_MAX];
	vns_err err;

	write_text(f, "a.jsonl",
		   "{\"id\":\"a1\",\"body\":\"ok\"}\n"
		   "{\"id\":\"a2\",\"body\":\"bad \xff\xfe byte\"}\n"
		   "{\"id\":\"a3\",\"body\":\"ok too\"}\n",
		   path, sizeof path);
	vns_err_clear(&err);
	assert_int_equal(vns_read_jsonl(path, &sink, &err), VNS_OK);
	assert_int_equal(f->nbads, 1);
	expect_bad(f, 0, 2, VNS_EUTF8, "utf-8");
	assert_int_equal(f->ndocs, 2);
	assert_string_equal(f->docs[1].id, "a3");
}

static void test_jsonl_reports_empty_and_blank_bodies(void **state)
{
	struct fx *f = *state;
	vns_sink sink = sink_of(f);
	char path[PATH_MAX];
	vns_err err;

	write_text(f, "a.jsonl",
		   "{\"id\":\"a1\",\"body\":\"\"}\n"
		   "{\"id\":\"a2\",\"body\":\" \\n\\t \"}\n"
		   "{\"id\":\"a3\",\"title\":\"no body at all\"}\n"
		   "{\"id\":\"a4\",\"body\":\"fine\"}\n",
		   path, sizeof path);
	vns_err_clear(&err);
	assert_int_equal(vns_read_jsonl(path, &sink, &err), VNS_OK);
	assert_int_equal(f->nbads, 3);
	expect_bad(f, 0, 1, VNS_ERECORD, "empty body");
	expect_bad(f, 1, 2, VNS_ERECORD, "empty body");
	expect_bad(f, 2, 3, VNS_ERECORD, "empty body");
	assert_int_equal(f->ndocs, 1);
	assert_string_equal(f->docs[0].id, "a4");
}

static void test_jsonl_reads_gzip_input(void **state)
{
	struct fx *f = *state;
	vns_sink sink = sink_of(f);
	char path[PATH_MAX];
	static const char text[] =
		"{\"id\":\"g1\",\"body\":\"Hòa Bình\"}\n"
		"not json\n"
		"{\"id\":\"g2\",\"body\":\"Bắc Giang\"}\n";
	vns_err err;

	write_gzip(f, "a.jsonl.gz", text, sizeof text - 1, path, sizeof path);
	vns_err_clear(&err);
	assert_int_equal(vns_read_path(path, &sink, &err), VNS_OK);
	assert_int_equal(f->nbads, 1);
	expect_bad(f, 0, 2, VNS_EJSON, "invalid json");
	assert_int_equal(f->ndocs, 2);
	assert_string_equal(f->docs[0].body, "Hòa Bình");
	assert_string_equal(f->docs[1].id, "g2");
	assert_int_equal(f->docs[1].line, 3);
}

static void test_truncated_gzip_delivers_records_then_fails(void **state)
{
	struct fx *f = *state;
	vns_sink sink = sink_of(f);
	char path[PATH_MAX];
	size_t len, n = 4000;
	char *text = many_records(n, &len);
	vns_err err;

	write_gzip(f, "t.jsonl.gz", text, len, path, sizeof path);
	free(text);
	assert_int_equal(truncate(path, file_size(path) / 2), 0);
	vns_err_clear(&err);
	assert_int_equal(vns_read_path(path, &sink, &err), VNS_EIO);
	assert_int_equal(err.code, VNS_EIO);
	if (!strstr(err.msg, "truncated"))
		fail_msg("message '%s' lacks 'truncated'", err.msg);
	expect_no_bads(f);
	/* the records of the first half came, in order, and not the rest */
	assert_true(f->ndocs > 100);
	assert_true(f->ndocs < n);
	for (size_t i = 0; i < f->ndocs; i++) {
		char id[32];
		snprintf(id, sizeof id, "r%zu", i);
		assert_string_equal(f->docs[i].id, id);
	}
}

static void test_jsonl_missing_file_is_a_file_error(void **state)
{
	struct fx *f = *state;
	vns_sink sink = sink_of(f);
	char path[PATH_MAX];
	vns_err err;

	in_dir(f, "absent.jsonl", path, sizeof path);
	vns_err_clear(&err);
	assert_int_equal(vns_read_jsonl(path, &sink, &err), VNS_EIO);
	assert_int_equal(err.code, VNS_EIO);
	assert_int_equal(f->ndocs, 0);
	assert_int_equal(f->nbads, 0);
}

static void test_sink_error_stops_reading_and_is_returned(void **state)
{
	struct fx *f = *state;
	vns_sink sink = sink_of(f);
	char path[PATH_MAX];
	vns_err err;

	write_text(f, "a.jsonl",
		   "{\"id\":\"a1\",\"body\":\"one\"}\n"
		   "{\"id\":\"a2\",\"body\":\"two\"}\n"
		   "{\"id\":\"a3\",\"body\":\"three\"}\n",
		   path, sizeof path);
	f->stop_after = 1;
	vns_err_clear(&err);
	assert_int_equal(vns_read_jsonl(path, &sink, &err), VNS_EINTERNAL);
	assert_string_equal(err.msg, "sink says stop");
	assert_int_equal(f->ndocs, 1);
}

/* ---- plain-text bulletins --------------------------------------------- */

static void test_text_title_is_first_nonempty_line(void **state)
{
	struct fx *f = *state;
	vns_sink sink = sink_of(f);
	char path[PATH_MAX], real[PATH_MAX], id[PATH_MAX + 8];
	vns_err err;

	write_text(f, "b.txt",
		   "\n\n  \nTiêu đề bản tin\n\nĐoạn một.\nĐoạn hai.\n",
		   path, sizeof path);
	assert_non_null(realpath(path, real));
	snprintf(id, sizeof id, "file:%s", real);
	vns_err_clear(&err);
	assert_int_equal(vns_read_text(path, &sink, &err), VNS_OK);
	expect_no_bads(f);
	assert_int_equal(f->ndocs, 1);
	assert_string_equal(f->docs[0].title, "Tiêu đề bản tin");
	assert_string_equal(f->docs[0].body, "\nĐoạn một.\nĐoạn hai.\n");
	assert_string_equal(f->docs[0].id, id);
	assert_int_equal(f->docs[0].line, 0);
}

static void test_text_id_is_the_canonical_path(void **state)
{
	struct fx *f = *state;
	vns_sink sink = sink_of(f);
	char path[PATH_MAX], odd[PATH_MAX], real[PATH_MAX], id[PATH_MAX + 8];
	vns_err err;

	make_subdir(f, "sub");
	write_text(f, "sub/c.txt", "Tiêu đề\nNội dung\n", path, sizeof path);
	/* the same file reached through "sub/../sub/./" */
	in_dir(f, "sub/../sub/./c.txt", odd, sizeof odd);
	assert_non_null(realpath(path, real));
	snprintf(id, sizeof id, "file:%s", real);
	vns_err_clear(&err);
	assert_int_equal(vns_read_text(odd, &sink, &err), VNS_OK);
	assert_int_equal(f->ndocs, 1);
	assert_string_equal(f->docs[0].id, id);
	assert_null(strstr(f->docs[0].id, ".."));
}

static void test_text_cuts_link_list_tail(void **state)
{
	struct fx *f = *state;
	vns_sink sink = sink_of(f);
	char path[PATH_MAX];
	vns_err err;

	write_text(f, "b.txt",
		   "Tiêu đề\n"
		   "Nội dung chính của bản tin.\n"
		   "Tin liên quan\n"
		   "Một bài khác hoàn toàn\n"
		   "Tin khác\n"
		   "Bài nữa\n",
		   path, sizeof path);
	vns_err_clear(&err);
	assert_int_equal(vns_read_text(path, &sink, &err), VNS_OK);
	assert_int_equal(f->ndocs, 1);
	assert_string_equal(f->docs[0].body, "Nội dung chính của bản tin.\n");
}

static void test_text_reads_the_seed_bulletin(void **state)
{
	struct fx *f = *state;
	vns_sink sink = sink_of(f);
	const char *seed = getenv("VNS_SEED_TXT");
	vns_err err;

	if (!seed || !*seed)
		seed = SEED_DEFAULT;
	if (access(seed, R_OK) != 0) {
		print_message("seed bulletin '%s' not found\n", seed);
		skip();
	}
	vns_err_clear(&err);
	assert_int_equal(vns_read_path(seed, &sink, &err), VNS_OK);
	expect_no_bads(f);
	assert_int_equal(f->ndocs, 1);
	assert_string_equal(f->docs[0].title,
			    "Đắk Lắk: Tập huấn chuyển đổi số cho cơ sở công "
			    "nghiệp nông thôn");
	assert_non_null(strstr(f->docs[0].body, "\nNgày 22/9/2025, Sở Công "
				      "Thương tỉnh Đắk Lắk phối hợp"));
	assert_true(ends_with(f->docs[0].body, "xây dựng website, gian hàng "
				"trực tuyến.\n"));
	assert_null(strstr(f->docs[0].body, "Tin liên quan"));
	assert_null(strstr(f->docs[0].body, "Tin khác"));
	assert_null(strstr(f->docs[0].body, "Từ khóa"));
	assert_true(starts_with(f->docs[0].id, "file:/"));
	assert_true(ends_with(f->docs[0].id,
			      "/chuyen-doi-so-dak-lak-2025.txt"));
}

static void test_empty_text_is_reported(void **state)
{
	struct fx *f = *state;
	vns_sink sink = sink_of(f);
	char path[PATH_MAX];
	vns_err err;

	write_text(f, "empty.txt", "", path, sizeof path);
	vns_err_clear(&err);
	assert_int_equal(vns_read_text(path, &sink, &err), VNS_OK);
	assert_int_equal(f->ndocs, 0);
	assert_int_equal(f->nbads, 1);
	expect_bad(f, 0, 0, VNS_ERECORD, "empty");
	assert_string_equal(f->bads[0].path, path);
}

static void test_text_with_title_only_is_reported(void **state)
{
	struct fx *f = *state;
	vns_sink sink = sink_of(f);
	char path[PATH_MAX];
	vns_err err;

	write_text(f, "t.txt", "\n  Chỉ có tiêu đề", path, sizeof path);
	vns_err_clear(&err);
	assert_int_equal(vns_read_text(path, &sink, &err), VNS_OK);
	assert_int_equal(f->ndocs, 0);
	expect_bad(f, 0, 0, VNS_ERECORD, "body");
}

static void test_binary_text_with_nul_bytes_is_reported(void **state)
{
	struct fx *f = *state;
	vns_sink sink = sink_of(f);
	char path[PATH_MAX];
	static const char bin[] = "Tiêu đề\nthân\0\0\0bài\n\0";
	vns_err err;

	write_file(f, "bin.txt", bin, sizeof bin, path, sizeof path);
	vns_err_clear(&err);
	assert_int_equal(vns_read_text(path, &sink, &err), VNS_OK);
	assert_int_equal(f->ndocs, 0);
	assert_int_equal(f->nbads, 1);
	expect_bad(f, 0, 0, VNS_ERECORD, "NUL");
}

static void test_text_with_invalid_utf8_is_reported(void **state)
{
	struct fx *f = *state;
	vns_sink sink = sink_of(f);
	char path[PATH_MAX];
	vns_err err;

	write_text(f, "latin1.txt", "Ti\xeau \xf0\xe8\n\xe0 b\xe0i\n", path,
		   sizeof path);
	vns_err_clear(&err);
	assert_int_equal(vns_read_text(path, &sink, &err), VNS_OK);
	assert_int_equal(f->ndocs, 0);
	/* not UTF-8 and no Vietnamese legacy encoding fits: undecidable */
	expect_bad(f, 0, 0, VNS_EUNICODE, "invalid byte at 2");
	write_text(f, "damaged.txt", "Tiêu đề\nNội dung \xff có dấu đầy đủ\n",
		   path, sizeof path);
	assert_int_equal(vns_read_text(path, &sink, &err), VNS_OK);
	expect_bad(f, 1, 0, VNS_EUTF8, "damaged");
	write_text(f, "tcvn3.txt", "Khuy\xd5n c\xabng\nN\xa9m nay h\xf6 tr\xee "
		   "c\xabng nghi\xd6p\n", path, sizeof path);
	assert_int_equal(vns_read_text(path, &sink, &err), VNS_OK);
	assert_int_equal(f->ndocs, 1);
}

/* ---- dispatch by path ------------------------------------------------- */

static void test_directory_is_read_recursively_in_name_order(void **state)
{
	struct fx *f = *state;
	vns_sink sink = sink_of(f);
	char path[PATH_MAX];
	vns_err err;

	make_subdir(f, "in");
	make_subdir(f, "in/a");
	make_subdir(f, "in/a/deep");
	write_text(f, "in/c.txt", "C\nnội dung c\n", path, sizeof path);
	write_text(f, "in/b.jsonl",
		   "{\"id\":\"b1\",\"body\":\"x\"}\n{\"id\":\"b2\",\"body\":\"y\"}\n",
		   path, sizeof path);
	write_text(f, "in/a/z.txt", "Z\nnội dung z\n", path, sizeof path);
	write_text(f, "in/a/deep/d.ndjson", "{\"id\":\"d1\",\"body\":\"d\"}\n",
		   path, sizeof path);
	write_text(f, "in/README.md", "# not an input\n", path, sizeof path);
	write_text(f, "in/notes.csv", "a,b\n", path, sizeof path);
	write_text(f, "in/.hidden.jsonl", "{\"id\":\"h\",\"body\":\"h\"}\n",
		   path, sizeof path);
	vns_err_clear(&err);
	assert_int_equal(vns_read_path(in_dir(f, "in", path, sizeof path),
				       &sink, &err),
			 VNS_OK);
	expect_no_bads(f);
	assert_int_equal(f->ndocs, 5);
	assert_string_equal(f->docs[0].id, "d1"); /* in/a/deep/d.ndjson */
	assert_true(ends_with(f->docs[0].path, "/in/a/deep/d.ndjson"));
	assert_string_equal(f->docs[1].title, "Z"); /* in/a/z.txt */
	assert_string_equal(f->docs[2].id, "b1");
	assert_string_equal(f->docs[3].id, "b2");
	assert_string_equal(f->docs[4].title, "C");
	assert_true(ends_with(f->docs[4].path, "/in/c.txt"));
}

static void test_unsupported_explicit_file_is_reported(void **state)
{
	struct fx *f = *state;
	vns_sink sink = sink_of(f);
	char path[PATH_MAX];
	vns_err err;

	write_text(f, "README.md", "{\"id\":\"m\",\"body\":\"m\"}\n", path,
		   sizeof path);
	vns_err_clear(&err);
	assert_int_equal(vns_read_path(path, &sink, &err), VNS_OK);
	assert_int_equal(f->ndocs, 0);
	assert_int_equal(f->nbads, 1);
	expect_bad(f, 0, 0, VNS_ERECORD, "unsupported");
	assert_string_equal(f->bads[0].path, path);
}

static void test_path_picks_reader_by_suffix(void **state)
{
	struct fx *f = *state;
	vns_sink sink = sink_of(f);
	char path[PATH_MAX];
	vns_err err;

	/* JSON in a .txt file is a bulletin whose title is the JSON line */
	write_text(f, "x.TXT", "{\"id\":\"j\"}\n{\"body\":\"k\"}\n", path,
		   sizeof path);
	vns_err_clear(&err);
	assert_int_equal(vns_read_path(path, &sink, &err), VNS_OK);
	write_text(f, "y.NDJSON", "{\"id\":\"n\",\"body\":\"n\"}\n", path,
		   sizeof path);
	assert_int_equal(vns_read_path(path, &sink, &err), VNS_OK);
	expect_no_bads(f);
	assert_int_equal(f->ndocs, 2);
	assert_string_equal(f->docs[0].title, "{\"id\":\"j\"}");
	assert_string_equal(f->docs[1].id, "n");
	assert_int_equal(f->docs[1].line, 1);
}

static void test_missing_path_is_an_error(void **state)
{
	struct fx *f = *state;
	vns_sink sink = sink_of(f);
	char path[PATH_MAX];
	vns_err err;

	vns_err_clear(&err);
	assert_int_equal(vns_read_path(in_dir(f, "nope", path, sizeof path),
				       &sink, &err),
			 VNS_EIO);
	assert_int_equal(err.code, VNS_EIO);
	assert_int_equal(f->ndocs + f->nbads, 0);
}

/* ---- vns_cut_link_tail ------------------------------------------------ */

static size_t cut(const char *text)
{
	return vns_cut_link_tail(text, strlen(text));
}

static void test_cut_stops_before_related_news_heading(void **state)
{
	(void)state;
	assert_int_equal(cut("Nội dung.\nTin liên quan\nBài khác\n"),
			 strlen("Nội dung.\n"));
	assert_int_equal(cut("Một.\nHai.\nTin khác\nBài khác"),
			 strlen("Một.\nHai.\n"));
	assert_int_equal(cut("A b c.\nTin mới hơn\nx"), strlen("A b c.\n"));
	assert_int_equal(cut("A b c.\nXem thêm\nx"), strlen("A b c.\n"));
	assert_int_equal(cut("A b c.\nCó thể bạn quan tâm\nx"),
			 strlen("A b c.\n"));
}

static void test_cut_cuts_at_the_first_heading(void **state)
{
	(void)state;
	assert_int_equal(cut("Thân.\nTin khác\nx\nTin liên quan\ny"),
			 strlen("Thân.\n"));
}

static void test_cut_accepts_lower_case_spaces_colon_and_cr(void **state)
{
	(void)state;
	assert_int_equal(cut("Thân.\n  tin liên quan:  \nx"),
			 strlen("Thân.\n"));
	assert_int_equal(cut("Thân.\r\nTin khác\r\nx\r\n"),
			 strlen("Thân.\r\n"));
	assert_int_equal(cut("Thân.\n\tXem thêm :\n"), strlen("Thân.\n"));
}

static void test_cut_accepts_heading_starting_with_d_stroke(void **state)
{
	(void)state;
	assert_int_equal(cut("Thân.\nĐọc thêm\nx"), strlen("Thân.\n"));
	assert_int_equal(cut("Thân.\nđọc thêm\nx"), strlen("Thân.\n"));
}

static void test_cut_accepts_heading_on_the_last_line(void **state)
{
	(void)state;
	assert_int_equal(cut("Thân bài.\nXem thêm"), strlen("Thân bài.\n"));
}

static void test_cut_keeps_heading_with_no_text_before(void **state)
{
	(void)state;
	assert_int_equal(cut("Tin liên quan\nThân bài."),
			 strlen("Tin liên quan\nThân bài."));
	assert_int_equal(cut("\n\n  \nTin khác\nThân bài."),
			 strlen("\n\n  \nTin khác\nThân bài."));
}

static void test_cut_keeps_heading_words_inside_a_sentence(void **state)
{
	(void)state;
	static const char *const keep[] = {
		"Thân.\nTin liên quan đến vụ việc đã được xác minh.\n",
		"Thân.\nXem thêm tại trang web.\n",
		"Thân.\nTin khác nhau.\n",
		"Thân.\nTin\n",
		"Không có gì để cắt.",
		"",
	};

	for (size_t i = 0; i < sizeof keep / sizeof *keep; i++)
		assert_int_equal(cut(keep[i]), strlen(keep[i]));
}

static void test_cut_honours_len_not_nul(void **state)
{
	static const char text[] = "Thân.\nTin khác\nx";

	(void)state;
	/* only "Thân.\nTin" is given: no heading in it */
	assert_int_equal(vns_cut_link_tail(text, strlen("Thân.\nTin")),
			 strlen("Thân.\nTin"));
	assert_int_equal(vns_cut_link_tail(text, strlen("Thân.\nTin khác")),
			 strlen("Thân.\n"));
}

int main(void)
{
#define T(name) cmocka_unit_test_setup_teardown(name, setup, teardown)
	const struct CMUnitTest tests[] = {
		T(test_jsonl_delivers_each_record_with_its_line),
		T(test_jsonl_skips_blank_lines_but_counts_them),
		T(test_jsonl_reports_invalid_json_by_line_and_reads_on),
		T(test_jsonl_reports_invalid_utf8_line),
		T(test_jsonl_reports_empty_and_blank_bodies),
		T(test_jsonl_reads_gzip_input),
		T(test_truncated_gzip_delivers_records_then_fails),
		T(test_jsonl_missing_file_is_a_file_error),
		T(test_sink_error_stops_reading_and_is_returned),
		T(test_text_title_is_first_nonempty_line),
		T(test_text_id_is_the_canonical_path),
		T(test_text_cuts_link_list_tail),
		T(test_text_reads_the_seed_bulletin),
		T(test_empty_text_is_reported),
		T(test_text_with_title_only_is_reported),
		T(test_binary_text_with_nul_bytes_is_reported),
		T(test_text_with_invalid_utf8_is_reported),
		T(test_directory_is_read_recursively_in_name_order),
		T(test_unsupported_explicit_file_is_reported),
		T(test_path_picks_reader_by_suffix),
		T(test_missing_path_is_an_error),
		cmocka_unit_test(test_cut_stops_before_related_news_heading),
		cmocka_unit_test(test_cut_cuts_at_the_first_heading),
		cmocka_unit_test(test_cut_accepts_lower_case_spaces_colon_and_cr),
		cmocka_unit_test(test_cut_accepts_heading_starting_with_d_stroke),
		cmocka_unit_test(test_cut_accepts_heading_on_the_last_line),
		cmocka_unit_test(test_cut_keeps_heading_with_no_text_before),
		cmocka_unit_test(test_cut_keeps_heading_words_inside_a_sentence),
		cmocka_unit_test(test_cut_honours_len_not_nul),
	};
#undef T

	return cmocka_run_group_tests(tests, NULL, NULL);
}
