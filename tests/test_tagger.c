/* test_tagger.c - unit tests for lib/tagger: spelling variants, context
 * rules and weights, from the golden cases in
 * $VNS_TEST_DATA/golden/tagger.txt, plus a few direct checks. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "buf.h"
#include "gazetteer.h"
#include "tagger.h"

static vns_analyser *an;
static vns_tagger *tagger;

static int setup(void **state)
{
	vns_err err;

	(void)state;
	if (vns_analyser_new(&an, &err) || vns_tagger_new(an, &tagger, &err))
		return -1;
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	vns_tagger_free(tagger);
	vns_analyser_free(an);
	return 0;
}

/* Undo \n and \uHHHH escapes of a golden value. */
static char *unescape(const char *s)
{
	vns_buf b;

	vns_buf_init(&b, 0);
	while (*s) {
		if (s[0] == '\\' && s[1] == 'n') {
			vns_buf_addc(&b, '\n');
			s += 2;
		} else if (s[0] == '\\' && s[1] == 'u') {
			unsigned cp = (unsigned)strtoul(
				(char[5]){ s[2], s[3], s[4], s[5], 0 }, NULL, 16);
			if (cp < 0x800) {
				vns_buf_addc(&b, (char)(0xC0 | (cp >> 6)));
				vns_buf_addc(&b, (char)(0x80 | (cp & 0x3F)));
			} else {
				vns_buf_addc(&b, (char)(0xE0 | (cp >> 12)));
				vns_buf_addc(&b, (char)(0x80 | ((cp >> 6) & 0x3F)));
				vns_buf_addc(&b, (char)(0x80 | (cp & 0x3F)));
			}
			s += 6;
		} else {
			vns_buf_addc(&b, *s++);
		}
	}
	return vns_buf_detach(&b, NULL);
}

static int by_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* n names, sorted, as "A, B" into out. */
static void sorted_list(char **names, size_t n, vns_buf *out)
{
	qsort(names, n, sizeof *names, by_str);
	for (size_t i = 0; i < n; i++)
		vns_buf_addf(out, "%s%s", i ? ", " : "", names[i]);
}

/* The tags of one kind as a sorted "A, B". */
static void tag_names(vns_gz_kind kind, const unsigned short *idx, size_t n,
		      vns_buf *out)
{
	char *names[VNS_TAGS_MAX];

	for (size_t i = 0; i < n; i++)
		names[i] = (char *)vns_gz_get(kind, idx[i])->name;
	sorted_list(names, n, out);
}

/* The expected comma-separated list, trimmed and sorted. */
static void expected_names(const char *list, vns_buf *out)
{
	char *copy = strdup(list), *names[64], *p = copy;
	size_t n = 0;

	while (*p && n < 64) {
		char *end = p + strcspn(p, ",");
		char *next = *end ? end + 1 : end;
		*end = '\0';
		while (*p == ' ')
			p++;
		while (end > p && end[-1] == ' ')
			*--end = '\0';
		if (*p)
			names[n++] = p;
		p = next;
	}
	sorted_list(names, n, out);
	free(copy);
}

#define NKEYS 8

typedef struct gcase {
	vns_doc doc;
	char *expect[NKEYS]; /* NULL: not checked */
	int line;
} gcase;

static const char *const kind_key[NKEYS] = {
	"province_2024", "province_2025", "district", "product", "programme",
	"mentioned_province_2024", "mentioned_province_2025", "product_open",
};
static const vns_gz_kind kind_of[NKEYS] = {
	VNS_GZ_PROVINCE_2024, VNS_GZ_PROVINCE_2025, VNS_GZ_DISTRICT,
	VNS_GZ_PRODUCT, VNS_GZ_PROGRAMME, VNS_GZ_PROVINCE_2024,
	VNS_GZ_PROVINCE_2025, VNS_GZ_PRODUCT,
};

/* The open products of t, sorted, joined by ", ". */
static void open_names(vns_tags *t, vns_buf *out)
{
	char *names[VNS_OPEN_MAX];

	for (size_t i = 0; i < t->n_open_product; i++)
		names[i] = (char *)t->open_product[i];
	sorted_list(names, t->n_open_product, out);
}

static int check_case(const gcase *c)
{
	vns_tags t;
	vns_err err;
	const unsigned short *idx[NKEYS];
	size_t n[NKEYS];
	int bad = 0;

	assert_int_equal(vns_tagger_tag(tagger, &c->doc, &t, &err), VNS_OK);
	idx[0] = t.province_2024, n[0] = t.n_province_2024;
	idx[1] = t.province_2025, n[1] = t.n_province_2025;
	idx[2] = t.district, n[2] = t.n_district;
	idx[3] = t.product, n[3] = t.n_product;
	idx[4] = t.programme, n[4] = t.n_programme;
	idx[5] = t.mentioned_province_2024, n[5] = t.n_mentioned_province_2024;
	idx[6] = t.mentioned_province_2025, n[6] = t.n_mentioned_province_2025;
	idx[7] = NULL, n[7] = 0;
	for (int k = 0; k < NKEYS; k++) {
		vns_buf got, want;
		if (!c->expect[k])
			continue;
		vns_buf_init(&got, 0);
		vns_buf_init(&want, 0);
		if (k == 7)
			open_names(&t, &got);
		else
			tag_names(kind_of[k], idx[k], n[k], &got);
		expected_names(c->expect[k], &want);
		if (strcmp(got.data, want.data)) {
			print_error("tagger.txt case at line %d: %s: got '%s', "
				    "want '%s'\n", c->line, kind_key[k],
				    got.data, want.data);
			bad = 1;
		}
		vns_buf_free(&got);
		vns_buf_free(&want);
	}
	return bad;
}

static void case_clear(gcase *c)
{
	vns_doc_clear(&c->doc);
	for (int k = 0; k < NKEYS; k++)
		free(c->expect[k]);
	memset(c, 0, sizeof *c);
}

/* Take one "key: value" line into the case. */
static void case_line(gcase *c, char *line, int lineno)
{
	char *colon = strchr(line, ':');
	char *v;

	assert_non_null(colon);
	*colon = '\0';
	v = colon[1] == ' ' ? colon + 2 : colon + 1;
	if (!c->line)
		c->line = lineno;
	if (!strcmp(line, "title"))
		c->doc.title = unescape(v);
	else if (!strcmp(line, "summary"))
		c->doc.summary = unescape(v);
	else if (!strcmp(line, "body"))
		c->doc.body = unescape(v);
	else if (!strcmp(line, "date"))
		c->doc.date = strdup(v);
	else
		for (int k = 0; k < NKEYS; k++)
			if (!strcmp(line + 3, kind_key[k]))
				c->expect[k] = strdup(v);
}

static void test_golden_cases(void **state)
{
	const char *dir = getenv("VNS_TEST_DATA");
	char path[4096], line[8192];
	FILE *f;
	gcase c;
	int lineno = 0, cases = 0, failed = 0;

	(void)state;
	snprintf(path, sizeof path, "%s/golden/tagger.txt", dir ? dir : "tests");
	f = fopen(path, "r");
	assert_non_null(f);
	memset(&c, 0, sizeof c);
	while (fgets(line, sizeof line, f)) {
		lineno++;
		line[strcspn(line, "\n")] = '\0';
		if (line[0] == '#')
			continue;
		if (line[0]) {
			case_line(&c, line, lineno);
			continue;
		}
		if (c.line) {
			c.doc.id = strdup("golden");
			failed += check_case(&c);
			cases++;
		}
		case_clear(&c);
	}
	if (c.line) {
		c.doc.id = strdup("golden");
		failed += check_case(&c);
		cases++;
	}
	case_clear(&c);
	fclose(f);
	assert_true(cases >= 15);
	assert_int_equal(failed, 0);
}

static void test_title_counts_more_than_a_passing_mention(void **state)
{
	vns_doc d = { .id = "x", .title = "Hội chợ ở Hà Nội",
		      .summary = "Hội chợ hàng thủ công mở cửa.",
		      .body = "Các gian hàng đến từ Đà Nẵng." };
	vns_tags t;
	vns_err err;

	(void)state;
	assert_int_equal(vns_tagger_tag(tagger, &d, &t, &err), VNS_OK);
	assert_int_equal(t.n_province_2024, 1);
	assert_string_equal(vns_gz_get(VNS_GZ_PROVINCE_2024,
				       t.province_2024[0])->name, "Hà Nội");
}

static void test_document_without_title_or_summary_is_fine(void **state)
{
	vns_doc d = { .id = "x", .body = "Không có địa danh nào." };
	vns_tags t;
	vns_err err;

	(void)state;
	assert_int_equal(vns_tagger_tag(tagger, &d, &t, &err), VNS_OK);
	assert_int_equal(t.n_province_2024 + t.n_product + t.n_programme, 0);
}

static void test_many_provinces_are_capped(void **state)
{
	vns_buf body;
	vns_doc d = { .id = "x" };
	vns_tags t;
	vns_err err;

	(void)state;
	vns_buf_init(&body, 0);
	for (size_t i = 0; i < vns_gz_count(VNS_GZ_PROVINCE_2024); i++)
		vns_buf_addf(&body, "Tỉnh %s. Tỉnh %s.\n",
			     vns_gz_get(VNS_GZ_PROVINCE_2024, i)->name,
			     vns_gz_get(VNS_GZ_PROVINCE_2024, i)->name);
	/* in the lead, each is what the text is about */
	d.summary = body.data;
	d.body = "Tin tổng hợp.";
	assert_int_equal(vns_tagger_tag(tagger, &d, &t, &err), VNS_OK);
	assert_int_equal(t.n_province_2024, VNS_TAGS_MAX);
	assert_true(t.n_province_2025 <= VNS_TAGS_MAX);
	vns_buf_free(&body);
}

/* Sentences without a place, to push what follows deep into the body. */
#define FILLER "Người dân cho biết thời tiết những ngày qua khá thuận lợi " \
	       "cho việc sản xuất và buôn bán. "

/* 1 if province name (2024) is among the n of idx. */
static int has_province(const unsigned short *idx, size_t n, const char *name)
{
	for (size_t i = 0; i < n; i++) {
		const vns_gz_entry *e = vns_gz_get(VNS_GZ_PROVINCE_2024, idx[i]);
		if (!strcmp(e->name, name))
			return 1;
	}
	return 0;
}

/* Tag a document whose body is head, `filler` FILLER sentences, then
 * tail; *t gets the tags. */
static void tag_body(const char *head, int filler, const char *tail,
		     vns_tags *t)
{
	vns_buf body;
	vns_doc d = { .id = "x", .title = "Tin trong ngày",
		      .summary = "Nhiều sự việc đáng chú ý trong ngày." };
	vns_err err;

	vns_buf_init(&body, 0);
	vns_buf_adds(&body, head);
	for (int i = 0; i < filler; i++)
		vns_buf_adds(&body, FILLER);
	vns_buf_adds(&body, tail);
	d.body = body.data;
	assert_int_equal(vns_tagger_tag(tagger, &d, t, &err), VNS_OK);
	vns_buf_free(&body);
}

static void test_body_place_deep_and_twice_is_a_mention(void **state)
{
	vns_tags t;

	(void)state;
	tag_body("", 8, "Chị Hoa từng làm việc ở Nghệ An. Sau đó chị rời "
			"Nghệ An để học nghề.", &t);
	assert_false(has_province(t.province_2024, t.n_province_2024,
				  "Nghệ An"));
	assert_true(has_province(t.mentioned_province_2024,
				 t.n_mentioned_province_2024, "Nghệ An"));
}

static void test_body_opening_names_where_it_happens(void **state)
{
	vns_tags t;

	(void)state;
	tag_body("Sáng nay, một vụ cháy xảy ra ở Nghệ An. ", 8,
		 "Lực lượng cứu hoả Nghệ An đã dập tắt đám cháy.", &t);
	assert_true(has_province(t.province_2024, t.n_province_2024,
				 "Nghệ An"));
}

static void test_body_district_and_province_early_locate_it(void **state)
{
	vns_tags t;

	(void)state;
	/* the third sentence, past the opening's words */
	tag_body(FILLER FILLER "Vụ tai nạn xảy ra trên quốc lộ thuộc thị xã "
		 "Dĩ An, tỉnh Bình Dương. ", 6,
		 "Công an thị xã Dĩ An đang điều tra.", &t);
	assert_true(has_province(t.province_2024, t.n_province_2024,
				 "Bình Dương"));
}

static void test_body_place_that_recurs_most_is_about(void **state)
{
	vns_tags t;

	(void)state;
	tag_body("", 8, "Nghệ An có nhiều làng nghề. Nghệ An hỗ trợ các hộ. "
			"Sản phẩm của Nghệ An được ưa chuộng. Hà Tĩnh cũng "
			"có làng nghề. Hà Tĩnh hỗ trợ các hộ.", &t);
	assert_true(has_province(t.province_2024, t.n_province_2024,
				 "Nghệ An"));
	assert_false(has_province(t.province_2024, t.n_province_2024,
				  "Hà Tĩnh"));
	/* three, but another place is named more */
	tag_body("", 8, "Nghệ An có nhiều làng nghề. Nghệ An hỗ trợ các hộ. "
			"Sản phẩm của Nghệ An được ưa chuộng. Hà Tĩnh cũng "
			"có làng nghề. Hà Tĩnh hỗ trợ các hộ. Hà Tĩnh có chợ. "
			"Hà Tĩnh có cảng.", &t);
	assert_false(has_province(t.province_2024, t.n_province_2024,
				  "Nghệ An"));
	assert_true(has_province(t.province_2024, t.n_province_2024,
				 "Hà Tĩnh"));
	/* four is enough whatever else is named */
	tag_body("", 8, "Nghệ An có nhiều làng nghề. Nghệ An hỗ trợ các hộ. "
			"Sản phẩm của Nghệ An được ưa chuộng. Nghệ An có "
			"biển. Hà Tĩnh cũng có làng nghề. Hà Tĩnh hỗ trợ các "
			"hộ. Hà Tĩnh có chợ. Hà Tĩnh có cảng. Hà Tĩnh có "
			"sông.", &t);
	assert_true(has_province(t.province_2024, t.n_province_2024,
				 "Nghệ An"));
	assert_true(has_province(t.province_2024, t.n_province_2024,
				 "Hà Tĩnh"));
}

static void test_districts_of_a_passing_province_are_not_tags(void **state)
{
	vns_tags t;

	(void)state;
	tag_body("", 8, "Chị Hoa từng làm việc ở huyện Nghi Lộc. Sau đó chị "
			"rời huyện Nghi Lộc để học nghề.", &t);
	assert_int_equal(t.n_district, 0);
	assert_int_equal(t.n_province_2024, 0);
	assert_true(has_province(t.mentioned_province_2024,
				 t.n_mentioned_province_2024, "Nghệ An"));
}

static void test_without_title_the_first_sentences_open_it(void **state)
{
	vns_buf body;
	vns_doc d = { .id = "x" };
	vns_tags t;
	vns_err err;

	(void)state;
	/* the lead (first paragraph) is a caption; the place is in the
	 * body's second sentence, past its first 40 words */
	vns_buf_init(&body, 0);
	vns_buf_adds(&body, "Ảnh minh hoạ.\nTheo người dân trong khu vực, "
			    "thời tiết những ngày qua khá thuận lợi cho việc "
			    "sản xuất và buôn bán, nhiều hộ gia đình đã tranh "
			    "thủ thu hoạch, phơi sấy nông sản và đưa hàng ra "
			    "chợ bán trước khi mùa mưa bão bắt đầu trong "
			    "tháng tới. Sáng nay, học sinh ở Hà Nội được nghỉ "
			    "học.\n");
	for (int i = 0; i < 6; i++)
		vns_buf_adds(&body, FILLER);
	vns_buf_adds(&body, "Sở Giáo dục Hà Nội đã có thông báo.");
	d.body = body.data;
	assert_int_equal(vns_tagger_tag(tagger, &d, &t, &err), VNS_OK);
	assert_true(has_province(t.province_2024, t.n_province_2024,
				 "Hà Nội"));
	/* with a title, the same body's opening is its first sentence: the
	 * place is about only as it is named again, once early ... */
	d.title = "Tin giáo dục";
	assert_int_equal(vns_tagger_tag(tagger, &d, &t, &err), VNS_OK);
	assert_true(has_province(t.province_2024, t.n_province_2024,
				 "Hà Nội"));
	/* ... and named once, past the opening, it is a passing mention */
	body.data[strlen(body.data) - strlen("Sở Giáo dục Hà Nội đã có "
					     "thông báo.")] = '\0';
	assert_int_equal(vns_tagger_tag(tagger, &d, &t, &err), VNS_OK);
	assert_false(has_province(t.province_2024, t.n_province_2024,
				  "Hà Nội"));
	vns_buf_free(&body);
}

static void test_former_province_named_on_purpose_counts(void **state)
{
	vns_tags t;
	vns_doc d = { .id = "x", .title = "Kế hoạch khuyến công của tỉnh mới",
		      .summary = "Sở Công Thương rà soát các đề án.",
		      .date = "2025-09-01" };
	vns_buf body;
	vns_err err;

	(void)state;
	vns_buf_init(&body, 0);
	for (int i = 0; i < 8; i++)
		vns_buf_adds(&body, FILLER);
	vns_buf_adds(&body, "Khu vực Bắc Kạn cũ có thêm 6 đề án.");
	d.body = body.data;
	assert_int_equal(vns_tagger_tag(tagger, &d, &t, &err), VNS_OK);
	assert_true(has_province(t.province_2024, t.n_province_2024,
				 "Bắc Kạn"));
	vns_buf_free(&body);
}

/* Feed a whole field (link-list tail included) as the term generator
 * does. */
static void feed(vns_tagger_field_id f, const char *text)
{
	vns_err err;

	vns_tagger_field(tagger, f);
	if (text)
		assert_int_equal(vns_analyse(an, text, strlen(text),
					     vns_tagger_token, tagger, &err),
				 VNS_OK);
}

static void test_fed_tokens_tag_like_tag(void **state)
{
	vns_doc d = { .id = "x", .title = "Hội chợ OCOP ở Bắc Giang",
		      .summary = "Sản phẩm vải thiều của huyện Lục Ngạn.",
		      .body = "Vải thiều Lục Ngạn được ưa chuộng.\n"
			      "Tin liên quan\nĐà Nẵng: lễ hội pháo hoa\n"
			      "Đà Nẵng đón khách" };
	vns_tags a, b;
	vns_err err;

	(void)state;
	assert_int_equal(vns_tagger_tag(tagger, &d, &a, &err), VNS_OK);
	vns_tagger_begin(tagger, &d);
	feed(VNS_TAGGER_TITLE, d.title);
	feed(VNS_TAGGER_SUMMARY, d.summary);
	feed(VNS_TAGGER_BODY, d.body);
	assert_int_equal(vns_tagger_end(tagger, &b, &err), VNS_OK);
	assert_memory_equal(&a, &b, sizeof a);
	assert_true(a.n_province_2024 >= 1 && a.n_product >= 1);
	for (size_t i = 0; i < a.n_province_2024; i++)
		assert_string_not_equal(vns_gz_get(VNS_GZ_PROVINCE_2024,
						   a.province_2024[i])->name,
					"Đà Nẵng");
}

int main(void)
{
#define T(f) cmocka_unit_test(f)
	const struct CMUnitTest tests[] = {
		T(test_golden_cases),
		T(test_title_counts_more_than_a_passing_mention),
		T(test_document_without_title_or_summary_is_fine),
		T(test_many_provinces_are_capped),
		T(test_fed_tokens_tag_like_tag),
		T(test_body_place_deep_and_twice_is_a_mention),
		T(test_body_opening_names_where_it_happens),
		T(test_body_district_and_province_early_locate_it),
		T(test_body_place_that_recurs_most_is_about),
		T(test_districts_of_a_passing_province_are_not_tags),
		T(test_without_title_the_first_sentences_open_it),
		T(test_former_province_named_on_purpose_counts),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
