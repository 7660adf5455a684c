/* test_termgen.c - unit tests for lib/termgen and lib/slug: the Xapian
 * document built from a vns_doc (id term, exact and folded words, folded
 * pairs, field weights, date terms and value, source slug, stored data),
 * read back with vns_xdoc_terms(), and the one spelling of filter values. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <cmocka.h>
#include <jansson.h>

#include "analyse.h"
#include "buf.h"
#include "doc.h"
#include "docdata.h"
#include "schema.h"
#include "slug.h"
#include "termgen.h"
#include "utctime.h"
#include "xapian-c.h"

typedef struct fixture {
	vns_analyser *a;
	vns_termgen *tg;
} fixture;

static int setup(void **state)
{
	fixture *f = calloc(1, sizeof *f);
	vns_err err;

	if (!f || vns_analyser_new(&f->a, &err))
		return -1;
	if (vns_termgen_new(f->a, NULL, &f->tg, &err))
		return -1;
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	fixture *f = *state;

	vns_termgen_free(f->tg);
	vns_analyser_free(f->a);
	free(f);
	return 0;
}

/* The terms of a built document: "term\twdf\n" lines, in Xapian's order. */
static int collect_term(void *ctx, const char *term, size_t len, unsigned wdf)
{
	vns_buf *b = ctx;

	vns_buf_add(b, term, len);
	vns_buf_addf(b, "\t%u\n", wdf);
	return 0;
}

typedef struct built {
	vns_xdoc *xdoc;
	vns_buf terms;
	vns_err warn;
} built;

static void build(vns_termgen *tg, const vns_doc *doc, built *out)
{
	vns_err err;

	vns_buf_init(&out->terms, 0);
	vns_err_clear(&err);
	memset(&out->warn, 'Z', sizeof out->warn);
	assert_int_equal(vns_termgen_build(tg, doc, &out->xdoc, &out->warn,
					   &err),
			 VNS_OK);
	assert_int_equal(vns_xdoc_terms(out->xdoc, collect_term, &out->terms,
					&err),
			 VNS_OK);
}

static void built_free(built *b)
{
	vns_xdoc_free(b->xdoc);
	vns_buf_free(&b->terms);
}

/* wdf of term in b, or -1 if the document does not hold it. */
static int wdf_of(const built *b, const char *term)
{
	size_t n = strlen(term);
	const char *p = b->terms.data;

	while (*p) {
		const char *tab = strchr(p, '\t');

		if ((size_t)(tab - p) == n && memcmp(p, term, n) == 0)
			return atoi(tab + 1);
		p = strchr(tab, '\n') + 1;
	}
	return -1;
}

static int has_prefix_term(const built *b, const char *prefix)
{
	size_t n = strlen(prefix);
	const char *p = b->terms.data;

	for (; *p; p = strchr(p, '\n') + 1)
		if (strncmp(p, prefix, n) == 0)
			return 1;
	return 0;
}

static void doc_init(vns_doc *doc, const char *id, const char *title,
		     const char *body)
{
	memset(doc, 0, sizeof *doc);
	doc->id = (char *)id;
	doc->title = (char *)title;
	doc->body = (char *)body;
}

static const char *value_of(const built *b, unsigned slot, size_t *len)
{
	const char *v = NULL;
	vns_err err;

	assert_int_equal(vns_xdoc_value(b->xdoc, slot, &v, len, &err), VNS_OK);
	return v;
}

/* ---- words ---------------------------------------------------------------- */

static void test_id_becomes_the_unique_q_term(void **state)
{
	fixture *f = *state;
	vns_doc doc;
	built b;

	doc_init(&doc, "baomoi-22373625", NULL, "nội dung");
	build(f->tg, &doc, &b);
	assert_int_equal(wdf_of(&b, "Qbaomoi-22373625"), 0);
	built_free(&b);
}

static void test_idterm_resets_and_prefixes_q(void **state)
{
	vns_buf t;

	(void)state;
	vns_buf_init(&t, 0);
	assert_int_equal(vns_buf_adds(&t, "old"), VNS_OK);
	assert_int_equal(vns_termgen_idterm("dantri-1", &t), VNS_OK);
	assert_string_equal(t.data, "Qdantri-1");
	vns_buf_free(&t);
}

static void test_overlong_id_is_a_record_error(void **state)
{
	fixture *f = *state;
	char id[VNS_XTERM_MAX + 1];
	vns_xdoc *x = NULL;
	vns_doc doc;
	vns_err err, warn;

	memset(id, 'a', sizeof id - 1);
	id[sizeof id - 1] = '\0';
	doc_init(&doc, id, NULL, "nội dung");
	assert_int_equal(vns_termgen_build(f->tg, &doc, &x, &warn, &err),
			 VNS_ERECORD);
	assert_null(x);
	assert_non_null(strstr(err.msg, "field 'id'"));
	/* one byte less fits: "Q" + id is VNS_XTERM_MAX bytes */
	id[VNS_XTERM_MAX - 1] = '\0';
	assert_int_equal(vns_termgen_build(f->tg, &doc, &x, &warn, &err),
			 VNS_OK);
	vns_xdoc_free(x);
}

static void test_exact_and_folded_terms_for_each_word(void **state)
{
	fixture *f = *state;
	vns_doc doc;
	built b;

	doc_init(&doc, "a", NULL, "Đường phố Hà Nội");
	build(f->tg, &doc, &b);
	assert_int_equal(wdf_of(&b, "đường"), 1);
	assert_int_equal(wdf_of(&b, "phố"), 1);
	assert_int_equal(wdf_of(&b, "hà"), 1);
	assert_int_equal(wdf_of(&b, "nội"), 1);
	assert_int_equal(wdf_of(&b, "XFduong"), 1);
	assert_int_equal(wdf_of(&b, "XFpho"), 1);
	assert_int_equal(wdf_of(&b, "XFha"), 1);
	assert_int_equal(wdf_of(&b, "XFnoi"), 1);
	/* exact terms are lower case NFC; no capitalised duplicates */
	assert_int_equal(wdf_of(&b, "Đường"), -1);
	assert_int_equal(wdf_of(&b, "XFđường"), -1);
	built_free(&b);
}

static void test_repeated_words_add_up(void **state)
{
	fixture *f = *state;
	vns_doc doc;
	built b;

	doc_init(&doc, "a", NULL, "mưa mưa, MƯA và múa");
	build(f->tg, &doc, &b);
	assert_int_equal(wdf_of(&b, "mưa"), 3);
	assert_int_equal(wdf_of(&b, "múa"), 1);
	assert_int_equal(wdf_of(&b, "XFmua"), 4);
	built_free(&b);
}

static void test_old_and_new_tone_placement_give_one_term(void **state)
{
	fixture *f = *state;
	vns_doc doc;
	built b;

	doc_init(&doc, "a", NULL, "hòa hoà");
	build(f->tg, &doc, &b);
	assert_int_equal(wdf_of(&b, "hoà"), 2);
	assert_int_equal(wdf_of(&b, "hòa"), -1);
	assert_int_equal(wdf_of(&b, "XFhoa"), 2);
	built_free(&b);
}

static void test_folded_pairs_join_adjacent_words(void **state)
{
	fixture *f = *state;
	vns_doc doc;
	built b;

	doc_init(&doc, "a", NULL, "Hà Nội mưa to");
	build(f->tg, &doc, &b);
	assert_int_equal(wdf_of(&b, "XGha noi"), 1);
	assert_int_equal(wdf_of(&b, "XGnoi mua"), 1);
	assert_int_equal(wdf_of(&b, "XGmua to"), 1);
	/* only adjacent words */
	assert_int_equal(wdf_of(&b, "XGha mua"), -1);
	built_free(&b);
}

static void test_folded_pairs_do_not_cross_punctuation(void **state)
{
	fixture *f = *state;
	vns_doc doc;
	built b;

	doc_init(&doc, "a", NULL,
		 "Hà Nội, mưa to. Trời lạnh\nsáng nay - Bà Rịa-Vũng Tàu");
	build(f->tg, &doc, &b);
	assert_int_equal(wdf_of(&b, "XGha noi"), 1);
	assert_int_equal(wdf_of(&b, "XGnoi mua"), -1);
	assert_int_equal(wdf_of(&b, "XGmua to"), 1);
	assert_int_equal(wdf_of(&b, "XGto troi"), -1);
	assert_int_equal(wdf_of(&b, "XGtroi lanh"), 1);
	assert_int_equal(wdf_of(&b, "XGlanh sang"), -1);
	assert_int_equal(wdf_of(&b, "XGnay ba"), -1);
	assert_int_equal(wdf_of(&b, "XGria vung"), -1);
	assert_int_equal(wdf_of(&b, "XGvung tau"), 1);
	built_free(&b);
}

static void test_folded_pairs_do_not_cross_fields(void **state)
{
	fixture *f = *state;
	vns_doc doc;
	built b;

	doc_init(&doc, "a", "Bão số ba", "Đổ bộ miền Trung");
	doc.summary = "Gió mạnh";
	build(f->tg, &doc, &b);
	assert_int_equal(wdf_of(&b, "XGso ba"), 3);
	assert_int_equal(wdf_of(&b, "XGba gio"), -1);
	assert_int_equal(wdf_of(&b, "XGgio manh"), 1);
	assert_int_equal(wdf_of(&b, "XGmanh do"), -1);
	assert_int_equal(wdf_of(&b, "XGdo bo"), 1);
	built_free(&b);
}

/* ---- field weights -------------------------------------------------------- */

static void test_title_words_weigh_more_than_body_words(void **state)
{
	fixture *f = *state;
	vns_doc doc;
	built b;

	doc_init(&doc, "a", "Lũ lụt", "Nước dâng cao");
	build(f->tg, &doc, &b);
	assert_int_equal(wdf_of(&b, "XFlu"), (int)vns_default_weights.title_wdf);
	assert_int_equal(wdf_of(&b, "XFnuoc"),
			 (int)vns_default_weights.body_wdf);
	assert_true(wdf_of(&b, "XFlu") > wdf_of(&b, "XFnuoc"));
	assert_true(wdf_of(&b, "lũ") > wdf_of(&b, "nước"));
	assert_true(wdf_of(&b, "XGlu lut") > wdf_of(&b, "XGnuoc dang"));
	built_free(&b);
}

static void test_custom_weights_apply_per_field(void **state)
{
	fixture *f = *state;
	const vns_field_weights w = { 5, 2, 1 };
	vns_termgen *tg;
	vns_doc doc;
	vns_err err;
	built b;

	assert_int_equal(vns_termgen_new(f->a, &w, &tg, &err), VNS_OK);
	doc_init(&doc, "a", "mưa", "mưa nắng");
	doc.summary = "mưa gió";
	build(tg, &doc, &b);
	assert_int_equal(wdf_of(&b, "XFmua"), 5 + 2 + 1);
	assert_int_equal(wdf_of(&b, "XFgio"), 2);
	assert_int_equal(wdf_of(&b, "XFnang"), 1);
	built_free(&b);
	vns_termgen_free(tg);
}

static void test_summary_repeated_in_body_is_indexed_once(void **state)
{
	fixture *f = *state;
	vns_doc doc;
	built b;

	doc_init(&doc, "a", NULL, "Mưa lớn. Đường ngập sâu.");
	doc.summary = "Mưa lớn.";
	build(f->tg, &doc, &b);
	assert_int_equal(wdf_of(&b, "XFmua"), 1);
	built_free(&b);
}

/* ---- dates ------------------------------------------------------------------ */

static void test_date_gives_year_month_day_terms_and_value(void **state)
{
	fixture *f = *state;
	vns_doc doc;
	size_t len;
	const char *v;
	built b;

	doc_init(&doc, "a", NULL, "nội dung");
	doc.date = "2021-03-05T10:00:00+07:00";
	build(f->tg, &doc, &b);
	assert_int_equal(b.warn.code, VNS_OK);
	assert_int_equal(wdf_of(&b, "Y2021"), 0);
	assert_int_equal(wdf_of(&b, "M202103"), 0);
	assert_int_equal(wdf_of(&b, "D20210305"), 0);
	assert_int_equal(wdf_of(&b, VNS_TERM_NODATE), -1);
	v = value_of(&b, VNS_SLOT_DATE, &len);
	assert_int_equal(len, VNS_DATE_KEY_LEN);
	assert_memory_equal(v, "20210305100000", VNS_DATE_KEY_LEN);
	built_free(&b);
}

static void test_missing_date_gives_nodate_term_and_no_value(void **state)
{
	fixture *f = *state;
	vns_doc doc;
	size_t len = 99;
	built b;

	doc_init(&doc, "a", NULL, "nội dung");
	build(f->tg, &doc, &b);
	assert_int_equal(b.warn.code, VNS_OK); /* no date is no warning */
	assert_int_equal(wdf_of(&b, VNS_TERM_NODATE), 0);
	assert_false(has_prefix_term(&b, "Y"));
	assert_false(has_prefix_term(&b, "M"));
	assert_false(has_prefix_term(&b, "D"));
	value_of(&b, VNS_SLOT_DATE, &len);
	assert_int_equal(len, 0);
	built_free(&b);
}

static void test_bad_date_warns_and_builds_without_date(void **state)
{
	fixture *f = *state;
	vns_doc doc;
	size_t len = 99;
	built b;

	doc_init(&doc, "a", NULL, "nội dung");
	doc.date = "2021-02-30";
	build(f->tg, &doc, &b);
	assert_int_equal(b.warn.code, VNS_ERECORD);
	assert_non_null(strstr(b.warn.msg, "field 'date'"));
	assert_non_null(strstr(b.warn.msg, "2021-02-30"));
	assert_int_equal(wdf_of(&b, VNS_TERM_NODATE), 0);
	assert_false(has_prefix_term(&b, "Y"));
	assert_false(has_prefix_term(&b, "D2021"));
	value_of(&b, VNS_SLOT_DATE, &len);
	assert_int_equal(len, 0);
	built_free(&b);
}

static void test_bad_date_with_null_warn_still_builds(void **state)
{
	fixture *f = *state;
	vns_xdoc *x = NULL;
	vns_doc doc;
	vns_err err;

	doc_init(&doc, "a", NULL, "nội dung");
	doc.date = "hôm qua";
	assert_int_equal(vns_termgen_build(f->tg, &doc, &x, NULL, &err),
			 VNS_OK);
	assert_non_null(x);
	vns_xdoc_free(x);
}

/* ---- source ----------------------------------------------------------------- */

static void test_source_becomes_xsrc_slug(void **state)
{
	fixture *f = *state;
	vns_doc doc;
	built b;

	doc_init(&doc, "a", NULL, "nội dung");
	doc.source = "Báo Bắc Giang";
	build(f->tg, &doc, &b);
	assert_int_equal(wdf_of(&b, "XSRCbao-bac-giang"), 0);
	built_free(&b);

	doc.source = "vnexpress.net";
	build(f->tg, &doc, &b);
	assert_int_equal(wdf_of(&b, "XSRCvnexpressnet"), 0);
	built_free(&b);
}

static void test_no_source_gives_no_xsrc_term(void **state)
{
	fixture *f = *state;
	vns_doc doc;
	built b;

	doc_init(&doc, "a", NULL, "nội dung");
	build(f->tg, &doc, &b);
	assert_false(has_prefix_term(&b, "XSRC"));
	built_free(&b);

	doc.source = "—!";
	build(f->tg, &doc, &b);
	assert_false(has_prefix_term(&b, "XSRC"));
	built_free(&b);
}

/* ---- stored data ------------------------------------------------------------ */

/* The stored data of b, decoded (docdata.h). */
static vns_docdata stored(const built *b)
{
	const char *data;
	size_t len;
	vns_err err;
	vns_docdata d;

	assert_int_equal(vns_xdoc_data(b->xdoc, &data, &len, &err), VNS_OK);
	assert_int_equal(vns_docdata_decode(data, len, &d, &err), VNS_OK);
	assert_non_null(d.fields);
	assert_null(vns_docdata_str(&d, VNS_DATA_TEXT));
	assert_null(vns_docdata_list(&d, VNS_DATA_TEXT, &len));
	return d;
}

/* The JSON part of b's stored data as jansson reads it, to check what is
 * written (caller frees with json_decref). */
static json_t *stored_json(const built *b)
{
	const char *data;
	size_t len;
	vns_err err;
	json_t *o;

	assert_int_equal(vns_xdoc_data(b->xdoc, &data, &len, &err), VNS_OK);
	o = json_loadb(data, strnlen(data, len), 0, NULL);
	assert_true(json_is_object(o));
	return o;
}

static void assert_json_str(json_t *o, const char *key, const char *want)
{
	json_t *v = json_object_get(o, key);

	assert_non_null(v);
	if (!want) {
		assert_true(json_is_null(v));
		return;
	}
	assert_true(json_is_string(v));
	assert_string_equal(json_string_value(v), want);
}

static void test_entities_become_filter_terms_and_facet_values(void **state)
{
	fixture *f = *state;
	vns_doc doc;
	built b;
	size_t len;
	const char *v;

	doc_init(&doc, "bg-1", "Bắc Giang: vải thiều lên sàn",
		 "Nông dân huyện Lục Ngạn, tỉnh Bắc Giang bán vải thiều.");
	doc.date = "2021-06-01";
	doc.source = "Báo Bắc Giang";
	build(f->tg, &doc, &b);
	assert_int_equal(wdf_of(&b, VNS_PREFIX_PROVINCE_2024 "bac-giang"), 0);
	assert_int_equal(wdf_of(&b, VNS_PREFIX_PROVINCE "bac-ninh"), 0);
	assert_int_equal(wdf_of(&b, VNS_PREFIX_PRODUCT "vai-thieu"), 0);
	assert_int_equal(wdf_of(&b, VNS_PREFIX_DISTRICT "luc-ngan.bac-giang"),
			 0);
	v = value_of(&b, VNS_SLOT_PROVINCE, &len);
	assert_string_equal(v, "Bắc Ninh");
	v = value_of(&b, VNS_SLOT_YEAR, &len);
	assert_string_equal(v, "2021");
	v = value_of(&b, VNS_SLOT_SOURCE, &len);
	assert_string_equal(v, "Báo Bắc Giang");
	built_free(&b);
}

static void test_stored_data_is_json_of_the_shown_fields(void **state)
{
	fixture *f = *state;
	vns_doc doc;
	vns_docdata d;
	json_t *o;
	built b;
	size_t n;

	doc_init(&doc, "dantri-1", "Bão \"Noru\" đổ bộ", "Gió giật cấp 12.");
	doc.url = "https://dantri.com.vn/a-1.htm";
	doc.date = "2022-09-28";
	doc.source = "dantri.com.vn";
	doc.summary = "Tóm tắt";
	doc.author = "PV";
	doc.category = "xa-hoi";
	build(f->tg, &doc, &b);
	d = stored(&b);
	o = stored_json(&b);
	assert_json_str(o, VNS_DATA_ID, "dantri-1");
	assert_json_str(o, VNS_DATA_TITLE, "Bão \"Noru\" đổ bộ");
	assert_json_str(o, VNS_DATA_URL, "https://dantri.com.vn/a-1.htm");
	assert_json_str(o, VNS_DATA_DATE, "2022-09-28");
	assert_json_str(o, VNS_DATA_SOURCE, "dantri.com.vn");
	assert_string_equal(d.text, "Tóm tắt\nGió giật cấp 12.");
	/* and the entity lists, empty here */
	assert_int_equal(json_array_size(json_object_get(o, VNS_DATA_PROVINCES)),
			 0);
	assert_true(json_is_array(json_object_get(o, VNS_DATA_PRODUCTS)));
	assert_int_equal(strlen(json_string_value(json_object_get(
				 o, VNS_DATA_INDEXED))),
			 VNS_UTC_ISO_LEN);
	assert_int_equal(json_object_size(o), 14);
	/* and as a search reads them */
	assert_string_equal(vns_docdata_str(&d, VNS_DATA_TITLE),
			    "Bão \"Noru\" đổ bộ");
	assert_non_null(vns_docdata_list(&d, VNS_DATA_PRODUCTS, &n));
	assert_int_equal(n, 0);
	json_decref(o);
	vns_docdata_clear(&d);
	built_free(&b);
}

static void test_indexed_time_is_now_as_slot_and_stored_field(void **state)
{
	fixture *f = *state;
	long long before = (long long)time(NULL), at = 0, stored_at = 0;
	vns_doc doc;
	json_t *o;
	vns_err err;
	built b;
	size_t len;
	const char *v;
	char key[VNS_UTC_KEY_LEN + 1];

	doc_init(&doc, "t-1", "Tiêu đề", "Nội dung.");
	build(f->tg, &doc, &b);
	v = value_of(&b, VNS_SLOT_INDEXED, &len);
	assert_int_equal(len, VNS_UTC_KEY_LEN);
	memcpy(key, v, len);
	key[len] = '\0';
	assert_true(vns_utc_from_key(key, &at));
	assert_true(at >= before && at <= (long long)time(NULL));
	o = stored_json(&b);
	assert_int_equal(vns_utc_parse(json_string_value(json_object_get(
					       o, VNS_DATA_INDEXED)),
				       &stored_at, &err),
			 VNS_OK);
	assert_true(stored_at == at);
	json_decref(o);
	built_free(&b);
}

static void test_stored_data_has_null_for_missing_fields(void **state)
{
	fixture *f = *state;
	vns_doc doc;
	vns_docdata d;
	json_t *o;
	built b;

	doc_init(&doc, "x", "Tin", "Thân bài. Tóm tắt ở đây.");
	doc.summary = "Tóm tắt ở đây.";
	build(f->tg, &doc, &b);
	d = stored(&b);
	o = stored_json(&b);
	assert_null(json_object_get(o, VNS_DATA_TITLE_FROM));
	assert_json_str(o, VNS_DATA_URL, NULL);
	assert_json_str(o, VNS_DATA_DATE, NULL);
	assert_json_str(o, VNS_DATA_SOURCE, NULL);
	/* the body repeats the summary: it is not stored twice */
	assert_string_equal(d.text, "Thân bài. Tóm tắt ở đây.");
	assert_null(vns_docdata_str(&d, VNS_DATA_TITLE_FROM));
	json_decref(o);
	vns_docdata_clear(&d);
	built_free(&b);
}

/* A document without a title shows its first sentence as one, marked as
 * derived; its words weigh as body words, not as title words. */
static void test_untitled_document_gets_a_derived_title(void **state)
{
	fixture *f = *state;
	vns_doc doc;
	vns_docdata d;
	built b;

	doc_init(&doc, "x", NULL, "Nước dâng cao. Lũ lụt kéo dài.");
	build(f->tg, &doc, &b);
	d = stored(&b);
	assert_string_equal(vns_docdata_str(&d, VNS_DATA_TITLE),
			    "Nước dâng cao");
	assert_string_equal(vns_docdata_str(&d, VNS_DATA_TITLE_FROM), "body");
	assert_int_equal(wdf_of(&b, "XFnuoc"),
			 (int)vns_default_weights.body_wdf);
	vns_docdata_clear(&d);
	built_free(&b);

	doc_init(&doc, "y", "  ", "Thân bài khác.");
	doc.summary = "Tóm tắt: hội chợ OCOP! Câu sau.";
	build(f->tg, &doc, &b);
	d = stored(&b);
	assert_string_equal(vns_docdata_str(&d, VNS_DATA_TITLE),
			    "Tóm tắt: hội chợ OCOP!");
	assert_string_equal(vns_docdata_str(&d, VNS_DATA_TITLE_FROM),
			    "summary");
	vns_docdata_clear(&d);
	built_free(&b);
}

static void test_ocr_confidence_and_low_pages_are_stored(void **state)
{
	fixture *f = *state;
	vns_doc doc;
	vns_docdata d;
	const char *const *low;
	size_t n;
	built b;

	doc_init(&doc, "scan", "QUYẾT ĐỊNH", "Nội dung nhận dạng.");
	doc.ocr_pages = 5;
	doc.ocr_confidence = 87.54;
	doc.ocr_low = "2 5";
	build(f->tg, &doc, &b);
	d = stored(&b);
	assert_string_equal(vns_docdata_str(&d, VNS_DATA_OCR), "87.5");
	low = vns_docdata_list(&d, VNS_DATA_OCR_LOW, &n);
	assert_int_equal(n, 2);
	assert_string_equal(low[0], "2");
	assert_string_equal(low[1], "5");
	vns_docdata_clear(&d);
	built_free(&b);
	/* text not from OCR: no such fields */
	doc_init(&doc, "plain", "T", "Thân bài.");
	build(f->tg, &doc, &b);
	d = stored(&b);
	assert_null(vns_docdata_str(&d, VNS_DATA_OCR));
	assert_null(vns_docdata_list(&d, VNS_DATA_OCR_LOW, &n));
	vns_docdata_clear(&d);
	built_free(&b);
}

static void test_stored_text_is_cut_at_a_utf8_boundary(void **state)
{
	fixture *f = *state;
	size_t n = VNS_STORED_TEXT_MAX / 3 + 10, i;
	char *body = malloc(3 * n + 1);
	vns_doc doc;
	vns_docdata d;
	built b;

	/* "ệ" is 3 bytes and VNS_STORED_TEXT_MAX is not a multiple of 3 */
	assert_non_null(body);
	assert_int_not_equal(VNS_STORED_TEXT_MAX % 3, 0);
	for (i = 0; i < n; i++)
		memcpy(body + 3 * i, "ệ", 3);
	body[3 * n] = '\0';
	doc_init(&doc, "x", NULL, body);
	build(f->tg, &doc, &b);
	d = stored(&b);
	assert_int_equal(d.text_len, VNS_STORED_TEXT_MAX / 3 * 3);
	assert_int_equal(strlen(d.text), d.text_len);
	assert_memory_equal(d.text, body, d.text_len);
	vns_docdata_clear(&d);
	built_free(&b);
	free(body);
}

static void test_stored_text_at_the_limit_is_kept_whole(void **state)
{
	fixture *f = *state;
	char *body = malloc(VNS_STORED_TEXT_MAX + 1);
	vns_doc doc;
	vns_docdata d;
	built b;

	assert_non_null(body);
	memset(body, 'a', VNS_STORED_TEXT_MAX);
	body[VNS_STORED_TEXT_MAX] = '\0';
	doc_init(&doc, "x", NULL, body);
	build(f->tg, &doc, &b);
	d = stored(&b);
	assert_int_equal(d.text_len, VNS_STORED_TEXT_MAX);
	vns_docdata_clear(&d);
	built_free(&b);
	free(body);
}

static void test_invalid_utf8_in_title_fails_the_build(void **state)
{
	fixture *f = *state;
	vns_xdoc *x = NULL;
	vns_doc doc;
	vns_err err;

	doc_init(&doc, "x", "H\xff", "nội dung");
	assert_int_equal(vns_termgen_build(f->tg, &doc, &x, NULL, &err),
			 VNS_EUTF8);
	assert_null(x);
}

/* The analyser reads a long text a segment at a time, so a bad byte far
 * into the body is met after the words before it went to the document
 * and the tagger: the build still fails whole, and the next document
 * comes out as if the failed one had never been built. */
static void test_invalid_utf8_late_in_a_long_body_leaves_no_trace(void **state)
{
	fixture *f = *state;
	vns_xdoc *x = NULL;
	vns_doc doc;
	vns_buf body;
	vns_err err;
	built before, after;

	doc_init(&doc, "ok", "Lũ ở Nghệ An", "Mưa lớn tại Nghệ An.");
	build(f->tg, &doc, &before);
	vns_buf_init(&body, 0);
	while (body.len < 4 * VNS_ANALYSE_SEGMENT)
		assert_int_equal(vns_buf_adds(&body, "Giá cà phê Đắk Lắk tăng. "),
				 VNS_OK);
	assert_int_equal(vns_buf_adds(&body, "\xff"), VNS_OK);
	doc_init(&doc, "bad", "Cà phê", body.data);
	assert_int_equal(vns_termgen_build(f->tg, &doc, &x, NULL, &err),
			 VNS_EUTF8);
	assert_null(x);
	doc_init(&doc, "ok", "Lũ ở Nghệ An", "Mưa lớn tại Nghệ An.");
	build(f->tg, &doc, &after);
	assert_string_equal(after.terms.data, before.terms.data);
	built_free(&before);
	built_free(&after);
	vns_buf_free(&body);
}

/* ---- slug ------------------------------------------------------------------- */

static void assert_slug(vns_analyser *a, const char *text, const char *want)
{
	vns_buf out;
	vns_err err;

	vns_buf_init(&out, 0);
	assert_int_equal(vns_slug(a, text, &out, &err), VNS_OK);
	assert_string_equal(out.data, want);
	vns_buf_free(&out);
}

static void test_slug_gives_one_spelling_of_bac_giang(void **state)
{
	fixture *f = *state;

	assert_slug(f->a, "Bắc Giang", "bac-giang");
	assert_slug(f->a, "bac giang", "bac-giang");
	assert_slug(f->a, "bac-giang", "bac-giang");
	assert_slug(f->a, "BẮC  GIANG", "bac-giang");
	assert_slug(f->a, "  Bắc \u00a0 Giang. ", "bac-giang");
	assert_slug(f->a, "Ba\xcc\x86\xcc\x81" "c Giang", "bac-giang");
}

static void test_slug_folds_d_stroke_and_drops_punctuation(void **state)
{
	fixture *f = *state;

	assert_slug(f->a, "Đà Nẵng!", "da-nang");
	assert_slug(f->a, "Bà Rịa – Vũng Tàu", "ba-ria-vung-tau");
	assert_slug(f->a, "thế-giới", "the-gioi");
}

static void test_slug_of_text_without_words_is_empty(void **state)
{
	fixture *f = *state;

	assert_slug(f->a, "", "");
	assert_slug(f->a, " - / ! ", "");
}

static void test_slug_appends_to_what_out_holds(void **state)
{
	fixture *f = *state;
	vns_buf out;
	vns_err err;

	vns_buf_init(&out, 0);
	assert_int_equal(vns_buf_adds(&out, "XSRC"), VNS_OK);
	assert_int_equal(vns_slug(f->a, "Bắc Giang", &out, &err), VNS_OK);
	assert_string_equal(out.data, "XSRCbac-giang");
	vns_buf_free(&out);
}

static void test_slug_reports_invalid_utf8_and_small_cap(void **state)
{
	fixture *f = *state;
	vns_buf out;
	vns_err err;

	vns_buf_init(&out, 0);
	assert_int_equal(vns_slug(f->a, "B\xe1\xba", &out, &err), VNS_EUTF8);
	vns_buf_free(&out);
	vns_buf_init(&out, 5);
	assert_int_equal(vns_slug(f->a, "Bắc Giang", &out, &err),
			 VNS_ETOOBIG);
	assert_int_equal(err.code, VNS_ETOOBIG);
	vns_buf_free(&out);
}

#define T(name) cmocka_unit_test(name)

int main(void)
{
	const struct CMUnitTest tests[] = {
		T(test_id_becomes_the_unique_q_term),
		T(test_idterm_resets_and_prefixes_q),
		T(test_overlong_id_is_a_record_error),
		T(test_exact_and_folded_terms_for_each_word),
		T(test_repeated_words_add_up),
		T(test_old_and_new_tone_placement_give_one_term),
		T(test_folded_pairs_join_adjacent_words),
		T(test_folded_pairs_do_not_cross_punctuation),
		T(test_folded_pairs_do_not_cross_fields),
		T(test_title_words_weigh_more_than_body_words),
		T(test_custom_weights_apply_per_field),
		T(test_summary_repeated_in_body_is_indexed_once),
		T(test_date_gives_year_month_day_terms_and_value),
		T(test_missing_date_gives_nodate_term_and_no_value),
		T(test_bad_date_warns_and_builds_without_date),
		T(test_bad_date_with_null_warn_still_builds),
		T(test_source_becomes_xsrc_slug),
		T(test_no_source_gives_no_xsrc_term),
		T(test_entities_become_filter_terms_and_facet_values),
		T(test_stored_data_is_json_of_the_shown_fields),
		T(test_stored_data_has_null_for_missing_fields),
		T(test_indexed_time_is_now_as_slot_and_stored_field),
		T(test_ocr_confidence_and_low_pages_are_stored),
		T(test_stored_text_is_cut_at_a_utf8_boundary),
		T(test_stored_text_at_the_limit_is_kept_whole),
		T(test_invalid_utf8_in_title_fails_the_build),
		T(test_invalid_utf8_late_in_a_long_body_leaves_no_trace),
		T(test_untitled_document_gets_a_derived_title),
		T(test_slug_gives_one_spelling_of_bac_giang),
		T(test_slug_folds_d_stroke_and_drops_punctuation),
		T(test_slug_of_text_without_words_is_empty),
		T(test_slug_appends_to_what_out_holds),
		T(test_slug_reports_invalid_utf8_and_small_cap),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
