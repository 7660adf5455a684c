/* test_gazetteer.c - unit tests for lib/gazetteer (the compiled-in tables
 * and their lookups) and lib/entindex (filter values in any spelling). */
#include <pthread.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "entindex.h"
#include "gazetteer.h"
#include "schema.h"
#include "slug.h"

static vns_analyser *an;

static int setup(void **state)
{
	vns_err err;

	(void)state;
	return vns_analyser_new(&an, &err) ? -1 : 0;
}

static int teardown(void **state)
{
	(void)state;
	vns_analyser_free(an);
	return 0;
}

/* Every field of every spelling and entry, as text. Spellings first: they
 * are built last, so a thread let in before the build ends reads them
 * unbuilt. */
static void dump_tables(vns_buf *b)
{
	size_t n;
	const vns_gz_spelling *sp = vns_gz_spellings(&n);

	for (size_t i = 0; i < n; i++)
		vns_buf_addf(b, "%s|%s|%s|%u|%u|%u|%u\n", sp[i].exact,
			     sp[i].fold, sp[i].slug, sp[i].kind, sp[i].flags,
			     sp[i].nwords, sp[i].index);
	for (int k = 0; k < VNS_GZ_KINDS; k++)
		for (size_t i = 0; i < vns_gz_count((vns_gz_kind)k); i++) {
			const vns_gz_entry *e = vns_gz_get((vns_gz_kind)k, i);
			vns_buf_addf(b, "%s|%s|%s|%d\n", e->name, e->slug,
				     e->info, e->parent);
		}
}

static pthread_barrier_t all_ready;

static void *dump_at_once(void *arg)
{
	pthread_barrier_wait(&all_ready);
	dump_tables(arg);
	return NULL;
}

/* The tables are built on first use, and the indexer's analyser threads
 * may all come first together: none may see them half built. Must run
 * first, while the tables are still unbuilt. */
static void test_tables_are_whole_when_first_used_by_threads_at_once(
	void **state)
{
	enum { THREADS = 4 };
	pthread_t t[THREADS];
	vns_buf seen[THREADS], want;

	(void)state;
	pthread_barrier_init(&all_ready, NULL, THREADS);
	for (int i = 0; i < THREADS; i++) {
		vns_buf_init(&seen[i], 0);
		assert_int_equal(pthread_create(&t[i], NULL, dump_at_once,
						&seen[i]), 0);
	}
	for (int i = 0; i < THREADS; i++)
		pthread_join(t[i], NULL);
	pthread_barrier_destroy(&all_ready);
	vns_buf_init(&want, 0);
	dump_tables(&want);
	for (int i = 0; i < THREADS; i++) {
		assert_string_equal(seen[i].data, want.data);
		vns_buf_free(&seen[i]);
	}
	vns_buf_free(&want);
}

static void test_tables_hold_63_and_34_provinces_and_696_districts(void **state)
{
	(void)state;
	assert_int_equal(vns_gz_count(VNS_GZ_PROVINCE_2024), 63);
	assert_int_equal(vns_gz_count(VNS_GZ_PROVINCE_2025), 34);
	assert_int_equal(vns_gz_count(VNS_GZ_DISTRICT), 696);
	assert_int_equal(vns_gz_count(VNS_GZ_PROGRAMME), 9);
	assert_true(vns_gz_count(VNS_GZ_PRODUCT) >= 40);
	assert_null(vns_gz_get(VNS_GZ_PROVINCE_2025, 34));
}

static void test_every_2024_province_has_a_2025_successor(void **state)
{
	size_t parts[64] = { 0 };

	(void)state;
	for (size_t i = 0; i < 63; i++) {
		int p = vns_gz_get(VNS_GZ_PROVINCE_2024, i)->parent;
		assert_true(p >= 0 && p < 34);
		parts[p]++;
	}
	for (size_t p = 0; p < 34; p++)
		assert_true(parts[p] >= 1 && parts[p] <= 3);
}

static void test_bac_giang_merges_into_bac_ninh(void **state)
{
	int bg = vns_gz_lookup(VNS_GZ_PROVINCE_2024, "bac-giang");
	const vns_gz_entry *succ;

	(void)state;
	assert_true(bg >= 0);
	succ = vns_gz_get(VNS_GZ_PROVINCE_2025,
			  vns_gz_get(VNS_GZ_PROVINCE_2024, bg)->parent);
	assert_string_equal(succ->name, "Bắc Ninh");
}

static void test_every_district_belongs_to_a_2024_province(void **state)
{
	(void)state;
	for (size_t i = 0; i < 696; i++) {
		int p = vns_gz_get(VNS_GZ_DISTRICT, i)->parent;
		assert_true(p >= 0 && p < 63);
	}
}

/* The generator and the query side must slug names alike. */
static void test_slugs_equal_what_the_analyser_makes(void **state)
{
	vns_buf b;
	vns_err err;

	(void)state;
	vns_buf_init(&b, 0);
	for (int k = 0; k < VNS_GZ_KINDS; k++)
		for (size_t i = 0; i < vns_gz_count((vns_gz_kind)k); i++) {
			const vns_gz_entry *e = vns_gz_get((vns_gz_kind)k, i);
			vns_buf_reset(&b);
			assert_int_equal(vns_slug(an, e->name, &b, &err), VNS_OK);
			assert_string_equal(b.data, e->slug);
		}
	vns_buf_free(&b);
}

static void test_lookup_finds_aliases_and_abbreviations(void **state)
{
	int hcm = vns_gz_lookup(VNS_GZ_PROVINCE_2024, "ho-chi-minh");

	(void)state;
	assert_true(hcm >= 0);
	assert_int_equal(vns_gz_lookup(VNS_GZ_PROVINCE_2024, "tphcm"), hcm);
	assert_int_equal(vns_gz_lookup(VNS_GZ_PROVINCE_2024, "tp-hcm"), hcm);
	assert_int_equal(vns_gz_lookup(VNS_GZ_PROVINCE_2024, "sai-gon"), hcm);
	assert_int_equal(vns_gz_lookup(VNS_GZ_PROVINCE_2024, "thua-thien-hue"),
			 vns_gz_lookup(VNS_GZ_PROVINCE_2024, "hue"));
	assert_string_equal(
		vns_gz_get(VNS_GZ_PROGRAMME,
			   vns_gz_lookup(VNS_GZ_PROGRAMME, "kcqg"))->name,
		"khuyến công quốc gia");
	assert_int_equal(vns_gz_lookup(VNS_GZ_PROVINCE_2024, "atlantis"), -1);
}

static void test_block_list_is_never_a_product(void **state)
{
	(void)state;
	assert_int_equal(vns_gz_lookup(VNS_GZ_PRODUCT, "tieu-thu"), -1);
	assert_int_equal(vns_gz_lookup(VNS_GZ_PRODUCT, "nhan-hieu"), -1);
}

static void test_no_two_provinces_share_a_spelling(void **state)
{
	size_t n;
	const vns_gz_spelling *sp = vns_gz_spellings(&n);

	(void)state;
	for (size_t i = 0; i < n; i++)
		for (size_t j = i + 1; j < n; j++)
			if (sp[i].kind == VNS_GZ_PROVINCE_2024 &&
			    sp[j].kind == VNS_GZ_PROVINCE_2024 &&
			    !strcmp(sp[i].fold, sp[j].fold))
				assert_int_equal(sp[i].index, sp[j].index);
}

static void test_nearest_names_a_misspelt_province(void **state)
{
	vns_buf b;

	(void)state;
	vns_buf_init(&b, 0);
	assert_int_equal(vns_gz_nearest(VNS_GZ_PROVINCE_2024, "bac-zang", 3, &b),
			 VNS_OK);
	assert_non_null(strstr(b.data, "Bắc Giang"));
	vns_buf_reset(&b);
	vns_gz_nearest(VNS_GZ_PROVINCE_2024, "qqqqqqqqqqqq", 3, &b);
	assert_string_equal(b.data, "");
	vns_buf_free(&b);
}

static void expect_term(const char *kind_value, vns_filter_kind kind,
			const char *want)
{
	vns_buf t;
	vns_err err;

	vns_buf_init(&t, 0);
	assert_int_equal(vns_entindex_filter_term(an, kind, kind_value, &t,
						  &err), VNS_OK);
	assert_string_equal(t.data, want);
	vns_buf_free(&t);
}

static void test_filter_accepts_any_spelling(void **state)
{
	(void)state;
	expect_term("Bắc Giang", VNS_FILTER_PROVINCE,
		    VNS_PREFIX_PROVINCE_2024 "bac-giang");
	expect_term("bac giang", VNS_FILTER_PROVINCE,
		    VNS_PREFIX_PROVINCE_2024 "bac-giang");
	expect_term("bac-giang", VNS_FILTER_PROVINCE,
		    VNS_PREFIX_PROVINCE_2024 "bac-giang");
	expect_term("BA\xCC\x81" "C GIANG", VNS_FILTER_PROVINCE, /* NFD */
		    VNS_PREFIX_PROVINCE_2024 "bac-giang");
	expect_term("TP.HCM", VNS_FILTER_PROVINCE,
		    VNS_PREFIX_PROVINCE "ho-chi-minh");
	expect_term("Hoà Bình", VNS_FILTER_PROVINCE,
		    VNS_PREFIX_PROVINCE_2024 "hoa-binh");
	expect_term("KCQG", VNS_FILTER_PROGRAMME,
		    VNS_PREFIX_PROGRAMME "khuyen-cong-quoc-gia");
	expect_term("che shan tuyet", VNS_FILTER_PRODUCT,
		    VNS_PREFIX_PRODUCT "che-shan-tuyet");
}

static void test_filter_by_2025_name_covers_the_merged_area(void **state)
{
	(void)state;
	expect_term("Bắc Ninh", VNS_FILTER_PROVINCE,
		    VNS_PREFIX_PROVINCE "bac-ninh");
	expect_term("thai nguyen", VNS_FILTER_PROVINCE,
		    VNS_PREFIX_PROVINCE "thai-nguyen");
}

static void test_unknown_filter_value_suggests_nearest(void **state)
{
	vns_buf t;
	vns_err err;

	(void)state;
	vns_buf_init(&t, 0);
	assert_int_equal(vns_entindex_filter_term(an, VNS_FILTER_PROVINCE,
						  "bac zang", &t, &err),
			 VNS_EQUERY);
	assert_non_null(strstr(err.msg, "unknown province 'bac zang'"));
	assert_non_null(strstr(err.msg, "did you mean: "));
	assert_non_null(strstr(err.msg, "Bắc Giang"));
	assert_int_equal(vns_entindex_filter_term(an, VNS_FILTER_PRODUCT,
						  "", &t, &err),
			 VNS_EQUERY);
	vns_buf_free(&t);
}

/* A product outside the lexicon filters by the term the tagger gives it;
 * one unknown word is still an error. */
static void test_filter_by_a_product_outside_the_lexicon(void **state)
{
	vns_buf t;
	vns_err err;

	(void)state;
	vns_buf_init(&t, 0);
	assert_int_equal(vns_entindex_filter_term(an, VNS_FILTER_PRODUCT,
						  "Bánh xu kem", &t, &err),
			 VNS_OK);
	assert_string_equal(t.data, VNS_PREFIX_PRODUCT "banh-xu-kem");
	assert_int_equal(vns_entindex_filter_term(an, VNS_FILTER_PRODUCT,
						  "xyzzy", &t, &err),
			 VNS_EQUERY);
	vns_buf_free(&t);
}

static void test_province_now_names_its_successor(void **state)
{
	(void)state;
	assert_string_equal(vns_province_now("Bắc Giang"), "Bắc Ninh");
	assert_string_equal(vns_province_now("Hà Giang"), "Tuyên Quang");
	/* a province that kept its name, and what is not a province */
	assert_null(vns_province_now("Hà Nội"));
	assert_null(vns_province_now("không phải tỉnh"));
	assert_null(vns_gz_successor("Bắc Ninh mới"));
}

static void test_product_groups_are_ocop_or_rural_industry(void **state)
{
	static const char *const ok[] = {
		"thực phẩm", "đồ uống", "thảo dược", "vải và may mặc",
		"lưu niệm - nội thất - trang trí", "dịch vụ du lịch cộng đồng",
		"cơ khí - dụng cụ", "vật liệu xây dựng", "vật tư nông nghiệp",
	};
	size_t n = vns_gz_count(VNS_GZ_PRODUCT);

	(void)state;
	assert_true(n >= 600);
	for (size_t i = 0; i < n; i++) {
		const char *g = vns_gz_get(VNS_GZ_PRODUCT, i)->info;
		size_t k = 0;
		while (k < sizeof ok / sizeof *ok && strcmp(ok[k], g))
			k++;
		if (k == sizeof ok / sizeof *ok)
			fail_msg("product '%s' has group '%s'",
				 vns_gz_get(VNS_GZ_PRODUCT, i)->name, g);
	}
}

int main(void)
{
#define T(f) cmocka_unit_test(f)
	const struct CMUnitTest tests[] = {
		/* first: the others build the tables */
		T(test_tables_are_whole_when_first_used_by_threads_at_once),
		T(test_tables_hold_63_and_34_provinces_and_696_districts),
		T(test_every_2024_province_has_a_2025_successor),
		T(test_bac_giang_merges_into_bac_ninh),
		T(test_every_district_belongs_to_a_2024_province),
		T(test_slugs_equal_what_the_analyser_makes),
		T(test_lookup_finds_aliases_and_abbreviations),
		T(test_block_list_is_never_a_product),
		T(test_no_two_provinces_share_a_spelling),
		T(test_nearest_names_a_misspelt_province),
		T(test_filter_accepts_any_spelling),
		T(test_filter_by_2025_name_covers_the_merged_area),
		T(test_unknown_filter_value_suggests_nearest),
		T(test_province_now_names_its_successor),
		T(test_filter_by_a_product_outside_the_lexicon),
		T(test_product_groups_are_ocop_or_rural_industry),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
