/* test_verify.c - unit tests of lib/verify.c: a database is checked
 * before it is written unless its stamp matches its files, and a damaged
 * one is refused with one line naming it and the remedy. */
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
#include "verify.h"
#include "xfixture.h"

struct fx {
	char dir[PATH_MAX];
	char db[PATH_MAX];
};
VNS_TEST_FX_CHECK(struct fx);

static const char *const words[] = {
	"khuyến công", "hỗ trợ", "máy sấy", "vải thiều", "Bắc Giang",
	"chè", "Thái Nguyên", "làng nghề", "gốm sứ", "mây tre đan",
};

/* An index of 300 documents (a postlist table of many blocks), written
 * and committed through the public API. */
static int setup(void **state)
{
	vns_writer_opts o = { .writers = 1, .analysers = VNS_WRITER_NONE };
	struct fx *f;
	vns_writer *w = NULL;
	char id[16], body[1024];
	size_t at;

	if (vns_test_fx_setup(state, sizeof(struct fx), "verify"))
		return -1;
	f = *state;
	if (vns_writer_open(f->db, &o, &w, NULL))
		return -1;
	for (unsigned i = 0; i < 300; i++) {
		vns_document d = { .id = id, .body = body };

		snprintf(id, sizeof id, "d%u", i);
		at = 0;
		for (unsigned k = 0; k < 40; k++)
			at += (size_t)snprintf(body + at, sizeof body - at,
					       "%s %u ", words[(i + k * k) % 10],
					       (i * 7 + k) % 97);
		if (vns_writer_put(w, &d, NULL))
			return -1;
	}
	if (vns_writer_commit(w, NULL))
		return -1;
	vns_writer_close(w);
	return 0;
}

/* Overwrite the second half of every 8 KB block of table with noise:
 * the blocks' headers and directories stay, the items at their ends do
 * not (a free block would not count: the database no longer uses it). */
static void overwrite(const struct fx *f, const char *table)
{
	char path[PATH_MAX];
	unsigned char noise[4096];
	unsigned seed = 12345;
	long size;
	FILE *fp;

	for (size_t i = 0; i < sizeof noise; i++) {
		seed = seed * 1103515245u + 12345u;
		noise[i] = (unsigned char)(seed >> 16);
	}
	fp = fopen(vns_test_path(f->db, table, path, sizeof path), "r+b");
	assert_non_null(fp);
	assert_int_equal(fseek(fp, 0, SEEK_END), 0);
	size = ftell(fp);
	assert_true(size >= 3 * 8192);
	for (long at = 8192 + 4096; at < size; at += 8192) {
		assert_int_equal(fseek(fp, at, SEEK_SET), 0);
		assert_int_equal(fwrite(noise, 1, sizeof noise, fp),
				 sizeof noise);
	}
	assert_int_equal(fclose(fp), 0);
}

static int stamped(const struct fx *f)
{
	char path[PATH_MAX];

	return access(vns_test_path(f->db, VNS_VERIFY_STAMP, path, sizeof path),
		      F_OK) == 0;
}

static void remove_stamp(const struct fx *f)
{
	char path[PATH_MAX];

	assert_int_equal(remove(vns_test_path(f->db, VNS_VERIFY_STAMP, path,
					      sizeof path)), 0);
}

static void test_a_commit_leaves_a_stamp(void **state)
{
	assert_true(stamped(*state));
}

static void test_a_sound_database_passes_and_is_stamped(void **state)
{
	struct fx *f = *state;
	vns_err err;

	remove_stamp(f);
	OK(vns_verify_before_write(f->db, &err), &err);
	assert_true(stamped(f));
}

static void test_an_overwritten_block_is_refused_in_one_line(void **state)
{
	struct fx *f = *state;
	char head[PATH_MAX + 32];
	vns_err err;

	overwrite(f, "postlist.glass");
	assert_int_equal(vns_verify_before_write(f->db, &err), VNS_EDBCORRUPT);
	snprintf(head, sizeof head, "'%s': the index is damaged (", f->db);
	assert_memory_equal(err.msg, head, strlen(head));
	assert_non_null(strstr(err.msg, "postlist"));
	assert_non_null(strstr(err.msg, "vnsearch-index --check"));
	assert_non_null(strstr(err.msg, "rebuild"));
	assert_null(strchr(err.msg, '\n'));
}

static void test_a_writer_refuses_a_damaged_index(void **state)
{
	struct fx *f = *state;
	vns_writer *w = NULL;
	vns_err err;

	overwrite(f, "termlist.glass");
	assert_int_equal(vns_writer_open(f->db, NULL, &w, &err),
			 VNS_EDBCORRUPT);
	assert_null(w);
	assert_non_null(strstr(err.msg, "damaged"));
}

/* The stamp is trusted: damage made before it was written goes unseen
 * (vns_db_check finds it), which is what makes the check free for an
 * index only vnsearch wrote. */
static void test_a_matching_stamp_skips_the_check(void **state)
{
	struct fx *f = *state;
	vns_err err;

	overwrite(f, "postlist.glass");
	vns_verify_stamp(f->db);
	OK(vns_verify_before_write(f->db, &err), &err);
}

static void test_a_reopened_writer_adds_to_a_sound_index(void **state)
{
	struct fx *f = *state;
	vns_writer *w = NULL;
	vns_document d = { .id = "d5", .body = "Chè Thái Nguyên mới." };
	unsigned long problems = 1;
	char *report = NULL;
	vns_err err;

	remove_stamp(f);
	OK(vns_writer_open(f->db, NULL, &w, &err), &err);
	OK(vns_writer_put(w, &d, &err), &err);
	OK(vns_writer_commit(w, &err), &err);
	vns_writer_close(w);
	assert_true(stamped(f));
	OK(vns_db_check(f->db, &problems, &report, &err), &err);
	free(report);
	assert_int_equal(problems, 0);
}

int main(void)
{
#define T(name) \
	cmocka_unit_test_setup_teardown(name, setup, vns_test_fx_teardown)
	const struct CMUnitTest tests[] = {
		T(test_a_commit_leaves_a_stamp),
		T(test_a_sound_database_passes_and_is_stamped),
		T(test_an_overwritten_block_is_refused_in_one_line),
		T(test_a_writer_refuses_a_damaged_index),
		T(test_a_matching_stamp_skips_the_check),
		T(test_a_reopened_writer_adds_to_a_sound_index),
	};
#undef T
	return cmocka_run_group_tests(tests, NULL, NULL);
}
