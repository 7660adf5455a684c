/* test_ocrcache.c - unit tests of the recognised text and its cache
 * (indexer/ocrcache.c): pages and their confidences, SHA-256 keys, entries
 * written whole and read back, damaged entries counted as none. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "ocrcache.h"
#include "scratch.h"

static void add(vns_ocrtext *t, const char *text, double conf)
{
	size_t from = t->text.len;

	assert_int_equal(vns_buf_adds(&t->text, text), VNS_OK);
	assert_int_equal(vns_ocrtext_add_page(t, from, conf, NULL), VNS_OK);
}

static void test_confidence_is_weighted_by_text_length(void **state)
{
	vns_ocrtext t;

	(void)state;
	vns_ocrtext_init(&t);
	assert_true(vns_ocrtext_confidence(&t) == 0);
	add(&t, "abcdefghi\n", 90); /* 10 bytes */
	add(&t, "", 0);             /* a blank page does not count */
	add(&t, "xyzxyzxyz\n", 70);
	assert_true(vns_ocrtext_confidence(&t) > 79.99 &&
		    vns_ocrtext_confidence(&t) < 80.01);
	assert_int_equal(t.npages, 3);
	assert_int_equal(t.page[2].off, 10);
	vns_ocrtext_free(&t);
}

static void test_key_is_the_sha256_of_the_bytes(void **state)
{
	char dir[256], path[512], key[65];
	FILE *f;
	vns_err err;

	(void)state;
	assert_int_equal(vns_test_mkdtemp(dir, sizeof dir, "ocrcache"), 0);
	vns_test_path(dir, "abc", path, sizeof path);
	f = fopen(path, "wb");
	fputs("abc", f);
	fclose(f);
	assert_int_equal(vns_ocrcache_key(path, key, &err), VNS_OK);
	assert_string_equal(key, "ba7816bf8f01cfea414140de5dae2223"
				 "b00361a396177a9cb410ff61f20015ad");
	vns_test_path(dir, "missing", path, sizeof path);
	assert_int_equal(vns_ocrcache_key(path, key, &err), VNS_EIO);
	vns_test_rmtree(dir);
}

static void test_entry_is_read_back_as_written(void **state)
{
	char dir[256], sub[512];
	vns_ocrtext t, back;
	vns_err err;

	(void)state;
	assert_int_equal(vns_test_mkdtemp(dir, sizeof dir, "ocrcache"), 0);
	vns_test_path(dir, "a/b", sub, sizeof sub); /* made on first put */
	vns_ocrtext_init(&t);
	vns_ocrtext_init(&back);
	add(&t, "QUYẾT ĐỊNH\npage one\n\n", 91.25);
	add(&t, "", 0);
	add(&t, "page three\n", 42.5);
	t.total = 7;
	assert_int_equal(vns_ocrcache_get(sub, "k1", &back), 0);
	assert_int_equal(vns_ocrcache_put(sub, "k1", &t, &err), VNS_OK);
	assert_int_equal(vns_ocrcache_get(sub, "k1", &back), 1);
	assert_int_equal(back.npages, 3);
	assert_int_equal(back.total, 7);
	assert_string_equal(back.text.data, t.text.data);
	assert_int_equal(back.page[1].len, 0);
	assert_int_equal(back.page[2].off, t.page[2].off);
	assert_true(back.page[0].confidence == 91.25);
	assert_true(back.page[2].confidence == 42.5);
	vns_ocrtext_free(&t);
	vns_ocrtext_free(&back);
	vns_test_rmtree(dir);
}

/* Write bytes as the entry key in dir. */
static void write_entry(const char *dir, const char *key, const char *bytes)
{
	char path[512], name[80];
	FILE *f;

	snprintf(name, sizeof name, "%s.ocr", key);
	f = fopen(vns_test_path(dir, name, path, sizeof path), "wb");
	fputs(bytes, f);
	fclose(f);
}

static void test_damaged_entries_count_as_none(void **state)
{
	static const char *const bad[] = {
		"",
		"vnsearch-ocr 1 vie+eng\n",
		"vnsearch-ocr 9 vie+eng\npages 1 of 1\npage 90 3\nabc\n",
		"vnsearch-ocr 1 vie+eng\npages 2 of 1\npage 90 3\nabc\n",
		"vnsearch-ocr 1 vie+eng\npages 1 of 1\npage 90 30\nabc\n",
		"vnsearch-ocr 1 vie+eng\npages 1 of 1\npage 90 3\nabc\nmore",
		"vnsearch-ocr 1 vie+eng\npages 2 of 2\npage 90 3\nabc\n",
	};
	char dir[256];
	vns_ocrtext t;

	(void)state;
	assert_int_equal(vns_test_mkdtemp(dir, sizeof dir, "ocrcache"), 0);
	vns_ocrtext_init(&t);
	write_entry(dir, "good", "vnsearch-ocr 1 vie+eng\npages 1 of 1\n"
				 "page 90 3\nabc\n");
	assert_int_equal(vns_ocrcache_get(dir, "good", &t), 1);
	assert_string_equal(t.text.data, "abc");
	for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
		write_entry(dir, "bad", bad[i]);
		assert_int_equal(vns_ocrcache_get(dir, "bad", &t), 0);
		assert_int_equal(t.npages, 0);
		assert_int_equal(t.text.len, 0);
	}
	vns_ocrtext_free(&t);
	vns_test_rmtree(dir);
}

static void test_unwritable_cache_is_an_error_naming_it(void **state)
{
	vns_ocrtext t;
	vns_err err;

	(void)state;
	vns_ocrtext_init(&t);
	add(&t, "x\n", 50);
	assert_int_equal(vns_ocrcache_put("/proc/vns-no-such/ocr", "k", &t,
					  &err), VNS_EIO);
	assert_non_null(strstr(err.msg, "'/proc/vns-no-such/ocr'"));
	vns_ocrtext_free(&t);
}

static void test_default_dir_follows_xdg_then_home(void **state)
{
	char *d;

	(void)state;
	setenv("XDG_CACHE_HOME", "/x/cache", 1);
	d = vns_ocrcache_default_dir();
	assert_string_equal(d, "/x/cache/vnsearch/ocr");
	free(d);
	setenv("XDG_CACHE_HOME", "relative", 1); /* ignored, as the spec says */
	setenv("HOME", "/home/u", 1);
	d = vns_ocrcache_default_dir();
	assert_string_equal(d, "/home/u/.cache/vnsearch/ocr");
	free(d);
	unsetenv("XDG_CACHE_HOME");
	unsetenv("HOME");
	assert_null(vns_ocrcache_default_dir());
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_confidence_is_weighted_by_text_length),
		cmocka_unit_test(test_key_is_the_sha256_of_the_bytes),
		cmocka_unit_test(test_entry_is_read_back_as_written),
		cmocka_unit_test(test_damaged_entries_count_as_none),
		cmocka_unit_test(test_unwritable_cache_is_an_error_naming_it),
		cmocka_unit_test(test_default_dir_follows_xdg_then_home),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
