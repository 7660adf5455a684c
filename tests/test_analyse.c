/* test_analyse.c - unit tests for lib/analyse (UTF-8 validation, word
 * walk, offsets, flags, stopwords) and the golden cases in
 * $VNS_TEST_DATA/golden/analyse.txt (input line -> expected terms). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "analyse.h"
#include "utf8.h"
#include "buf.h"

#define MAX_TOKENS 64

/* What the callback saw. */
typedef struct seen {
	vns_token tok[MAX_TOKENS]; /* term pointers are not kept */
	char term[MAX_TOKENS][VNS_TERM_MAX + 1];
	int n;          /* callbacks so far */
	int stop_after; /* return non-zero on this call (1-based); 0: never */
	vns_buf exact;  /* exact terms, space-separated */
	vns_buf folded; /* folded terms, space-separated */
} seen;

static int collect(void *ctx, const vns_token *tok)
{
	seen *s = ctx;
	vns_buf *b = (tok->flags & VNS_TOKEN_COLOCATED) ? &s->folded : &s->exact;

	if (s->n < MAX_TOKENS) {
		s->tok[s->n] = *tok;
		memcpy(s->term[s->n], tok->term, tok->len);
		s->term[s->n][tok->len] = '\0';
	}
	s->n++;
	if (b->len)
		vns_buf_addc(b, ' ');
	vns_buf_add(b, tok->term, tok->len);
	return s->stop_after && s->n == s->stop_after;
}

static void seen_init(seen *s)
{
	memset(s, 0, sizeof *s);
	vns_buf_init(&s->exact, 0);
	vns_buf_init(&s->folded, 0);
}

static void seen_free(seen *s)
{
	vns_buf_free(&s->exact);
	vns_buf_free(&s->folded);
}

static int setup(void **state)
{
	vns_analyser *a;
	vns_err err;

	if (vns_analyser_new(&a, &err))
		return -1;
	*state = a;
	return 0;
}

static int teardown(void **state)
{
	vns_analyser_free(*state);
	return 0;
}

/* Analyse a NUL-terminated text into s (initialised here); status back. */
static vns_status run(vns_analyser *a, const char *text, seen *s)
{
	vns_err err;

	seen_init(s);
	return vns_analyse(a, text, strlen(text), collect, s, &err);
}

/* the i-th word's exact token (tokens alternate exact, folded) */
static const vns_token *word_tok(const seen *s, int i)
{
	return &s->tok[2 * i];
}

/* ---- UTF-8 ---------------------------------------------------------- */

static void assert_bad_at(const char *s, size_t len, size_t at)
{
	size_t bad = (size_t)-1;

	assert_false(vns_utf8_valid(s, len, &bad));
	assert_int_equal(bad, at);
}

static void test_utf8_valid_accepts_ascii_vietnamese_and_astral(void **state)
{
	static const char s[] = "abc Đường \xf0\x9f\x98\x80 \xf4\x8f\xbf\xbf "
				"\xed\x9f\xbf \xee\x80\x80";

	(void)state;
	assert_true(vns_utf8_valid(s, sizeof s - 1, NULL));
	assert_true(vns_utf8_valid("", 0, NULL));
	assert_true(vns_utf8_valid("a\0b", 3, NULL));
}

static void test_utf8_valid_rejects_overlongs(void **state)
{
	(void)state;
	assert_bad_at("a\xc0\xaf", 3, 1);
	assert_bad_at("\xc1\xbf", 2, 0);
	assert_bad_at("ab\xe0\x80\xaf", 5, 2);
	assert_bad_at("\xf0\x80\x80\xaf", 4, 0);
}

static void test_utf8_valid_rejects_surrogates(void **state)
{
	(void)state;
	assert_bad_at("\xed\xa0\x80", 3, 0);
	assert_bad_at("x\xed\xbf\xbf", 4, 1);
}

static void test_utf8_valid_rejects_code_points_past_10ffff(void **state)
{
	(void)state;
	assert_bad_at("\xf4\x90\x80\x80", 4, 0);
	assert_bad_at("\xf5\x80\x80\x80", 4, 0);
	assert_bad_at("\xff", 1, 0);
}

static void test_utf8_valid_rejects_truncated_and_stray_bytes(void **state)
{
	(void)state;
	assert_bad_at("N\xe1\xbb", 3, 1);
	assert_bad_at("\xc3", 1, 0);
	assert_bad_at("\xe1\x41\x41", 3, 0);
	assert_bad_at("ab\x80", 3, 2);
	/* the length bounds the check: a valid sequence cut by len is bad */
	assert_bad_at("\xc3\xa0", 1, 0);
}

static void test_invalid_utf8_fails_before_any_callback(void **state)
{
	seen s;
	vns_err err;
	static const char text[] = "Hà Nội hôm nay \xff";

	seen_init(&s);
	assert_int_equal(vns_analyse(*state, text, sizeof text - 1, collect,
				     &s, &err),
			 VNS_EUTF8);
	assert_int_equal(err.code, VNS_EUTF8);
	assert_string_equal(err.msg, "invalid utf-8 at byte 19");
	assert_int_equal(s.n, 0);
	seen_free(&s);
}

/* ---- the walk ----------------------------------------------------------- */

static void test_callback_nonzero_stops_the_walk(void **state)
{
	seen s;
	vns_err err;
	static const char text[] = "một hai ba bốn";

	seen_init(&s);
	s.stop_after = 1;
	assert_int_equal(vns_analyse(*state, text, sizeof text - 1, collect,
				     &s, &err),
			 VNS_OK);
	assert_int_equal(s.n, 1);
	seen_free(&s);

	seen_init(&s);
	s.stop_after = 4;
	assert_int_equal(vns_analyse(*state, text, sizeof text - 1, collect,
				     &s, &err),
			 VNS_OK);
	assert_int_equal(s.n, 4);
	assert_string_equal(s.exact.data, "một hai");
	seen_free(&s);
}

static void test_folded_form_follows_exact_at_same_place(void **state)
{
	seen s;
	int i;

	assert_int_equal(run(*state, "Đường phố Hà Nội", &s), VNS_OK);
	assert_int_equal(s.n, 8);
	for (i = 0; i < s.n; i += 2) {
		assert_false(s.tok[i].flags & VNS_TOKEN_COLOCATED);
		assert_true(s.tok[i + 1].flags & VNS_TOKEN_COLOCATED);
		assert_int_equal(s.tok[i].pos, s.tok[i + 1].pos);
		assert_int_equal(s.tok[i].start, s.tok[i + 1].start);
		assert_int_equal(s.tok[i].end, s.tok[i + 1].end);
		assert_int_equal(s.tok[i].flags | VNS_TOKEN_COLOCATED,
				 s.tok[i + 1].flags);
	}
	assert_string_equal(s.term[0], "đường");
	assert_string_equal(s.term[1], "duong");
	seen_free(&s);
}

static void test_positions_count_words_from_zero(void **state)
{
	seen s;
	int i;

	assert_int_equal(run(*state, "“Một”, hai - ba... bốn!", &s), VNS_OK);
	assert_int_equal(s.n, 8);
	for (i = 0; i < 4; i++)
		assert_int_equal(word_tok(&s, i)->pos, (unsigned)i);
	seen_free(&s);
}

static void test_offsets_point_into_original_nfd_text(void **state)
{
	/* "Hoà Việt" in NFD: H o a U+0300 ' ' V i e U+0323 U+0302 t */
	static const char text[] = "Ho" "a\xcc\x80" " Vi" "e\xcc\xa3\xcc\x82" "t";
	seen s;

	assert_int_equal(run(*state, text, &s), VNS_OK);
	assert_int_equal(s.n, 4);
	assert_string_equal(s.term[0], "hoà");
	assert_int_equal(word_tok(&s, 0)->start, 0);
	assert_int_equal(word_tok(&s, 0)->end, 5);
	assert_string_equal(s.term[2], "việt");
	assert_int_equal(word_tok(&s, 1)->start, 6);
	assert_int_equal(word_tok(&s, 1)->end, sizeof text - 1);
	seen_free(&s);
}

static void test_offsets_count_bytes_of_multibyte_text(void **state)
{
	/* 😀 (4 bytes) + space, "Đà" (2 + 2 bytes), ", ", "Nẵng" */
	static const char text[] = "\xf0\x9f\x98\x80 Đà, Nẵng";
	seen s;

	assert_int_equal(run(*state, text, &s), VNS_OK);
	assert_int_equal(s.n, 4);
	assert_int_equal(word_tok(&s, 0)->start, 5);
	assert_int_equal(word_tok(&s, 0)->end, 9);
	assert_memory_equal(text + word_tok(&s, 1)->start, "Nẵng",
			    strlen("Nẵng"));
	assert_int_equal(word_tok(&s, 1)->end, sizeof text - 1);
	seen_free(&s);
}

static void test_first_word_has_break_before(void **state)
{
	seen s;

	assert_int_equal(run(*state, "   Hà Nội", &s), VNS_OK);
	assert_true(word_tok(&s, 0)->flags & VNS_TOKEN_BREAK_BEFORE);
	assert_false(word_tok(&s, 1)->flags & VNS_TOKEN_BREAK_BEFORE);
	seen_free(&s);
}

static void test_no_break_across_spaces_nbsp_and_invisibles(void **state)
{
	/* space, tab, NBSP, ZWSP, FEFF with space, em space, stray mark */
	static const char text[] = "một hai\tba\xc2\xa0" "bốn\xe2\x80\x8b"
				   "năm \xef\xbb\xbf sáu\xe2\x80\x83"
				   "bảy \xcc\xa3tám";
	seen s;
	int i;

	assert_int_equal(run(*state, text, &s), VNS_OK);
	assert_int_equal(s.n, 16);
	for (i = 1; i < 8; i++)
		assert_false(word_tok(&s, i)->flags & VNS_TOKEN_BREAK_BEFORE);
	seen_free(&s);
}

static void test_break_across_punctuation_hyphen_and_newline(void **state)
{
	static const char *const texts[] = {
		"Hà, Nội", "Hà. Nội", "Hà-Nội", "Hà\nNội", "“Hà” Nội",
		"Hà ‘Nội", "Hà\x01Nội", "Hà \xf0\x9f\x98\x80 Nội", "Hà / Nội",
	};
	size_t i;
	seen s;

	(void)state;
	for (i = 0; i < sizeof texts / sizeof texts[0]; i++) {
		assert_int_equal(run(*state, texts[i], &s), VNS_OK);
		assert_int_equal(s.n, 4);
		if (!(word_tok(&s, 1)->flags & VNS_TOKEN_BREAK_BEFORE))
			fail_msg("no break in '%s'", texts[i]);
		seen_free(&s);
	}
}

static void test_overlong_word_is_skipped_with_a_break(void **state)
{
	char x[VNS_TERM_MAX + 2], text[VNS_TERM_MAX + 32];
	seen s;

	memset(x, 'x', sizeof x - 1);
	x[sizeof x - 1] = '\0';
	snprintf(text, sizeof text, "một %s hai", x);
	assert_int_equal(run(*state, text, &s), VNS_OK);
	assert_string_equal(s.exact.data, "một hai");
	assert_int_equal(word_tok(&s, 1)->pos, 1);
	assert_true(word_tok(&s, 1)->flags & VNS_TOKEN_BREAK_BEFORE);
	seen_free(&s);

	/* one byte shorter fits */
	x[sizeof x - 2] = '\0';
	snprintf(text, sizeof text, "một %s hai", x);
	assert_int_equal(run(*state, text, &s), VNS_OK);
	assert_int_equal(s.n, 6);
	assert_int_equal(s.tok[2].len, VNS_TERM_MAX);
	assert_false(word_tok(&s, 2)->flags & VNS_TOKEN_BREAK_BEFORE);
	seen_free(&s);
}

static void test_empty_and_null_text_give_no_tokens(void **state)
{
	seen s;
	vns_err err;

	seen_init(&s);
	assert_int_equal(vns_analyse(*state, NULL, 0, collect, &s, &err),
			 VNS_OK);
	assert_int_equal(vns_analyse(*state, "", 0, collect, &s, &err),
			 VNS_OK);
	assert_int_equal(s.n, 0);
	seen_free(&s);
}

static void test_null_arguments_are_invalid(void **state)
{
	vns_err err;
	char e[8], f[8];

	assert_int_equal(vns_analyse(NULL, "a", 1, collect, NULL, &err),
			 VNS_EINVAL);
	assert_int_equal(vns_analyse(*state, "a", 1, NULL, NULL, &err),
			 VNS_EINVAL);
	assert_int_equal(vns_analyse(*state, NULL, 1, collect, NULL, &err),
			 VNS_EINVAL);
	assert_int_equal(vns_analyse_word(*state, "a", 1, NULL, 8, f, 8, &err),
			 VNS_EINVAL);
	assert_int_equal(vns_analyse_word(NULL, "a", 1, e, 8, f, 8, &err),
			 VNS_EINVAL);
	vns_analyser_free(NULL);
}

/* ---- flags ---------------------------------------------------------- */

static void test_stopword_flag_on_both_forms(void **state)
{
	seen s;

	assert_int_equal(run(*state, "Được và Hà", &s), VNS_OK);
	assert_true(s.tok[0].flags & VNS_TOKEN_STOPWORD);
	assert_true(s.tok[1].flags & VNS_TOKEN_STOPWORD);
	assert_true(s.tok[2].flags & VNS_TOKEN_STOPWORD);
	assert_false(s.tok[4].flags & VNS_TOKEN_STOPWORD);
	seen_free(&s);
}

static void test_is_stopword_knows_function_words_only(void **state)
{
	(void)state;
	assert_true(vns_is_stopword("và"));
	assert_true(vns_is_stopword("của"));
	assert_true(vns_is_stopword("được"));
	assert_false(vns_is_stopword("va"));
	assert_false(vns_is_stopword("hà"));
	assert_false(vns_is_stopword("nội"));
	assert_false(vns_is_stopword(""));
	assert_false(vns_is_stopword(NULL));
}

static void test_stopword_list_holds_canonical_exact_forms(void **state)
{
	static const char *const list[] = {
#include "stopwords.inc"
	};
	char e[VNS_TERM_MAX + 1], f[VNS_TERM_MAX + 1];
	vns_err err;
	size_t i;

	for (i = 0; i < sizeof list / sizeof list[0]; i++) {
		assert_int_equal(vns_analyse_word(*state, list[i],
						  strlen(list[i]), e, sizeof e,
						  f, sizeof f, &err),
				 VNS_OK);
		assert_string_equal(e, list[i]);
		assert_true(vns_is_stopword(list[i]));
	}
}

static void test_number_flag_on_numbers_only(void **state)
{
	seen s;
	static const int want[] = { 1, 1, 1, 1, 0, 0, 0 };
	int i;

	assert_int_equal(run(*state, "2026 3,5 1.000.000 05 H5N1 10h30 tỷ",
			     &s),
			 VNS_OK);
	assert_int_equal(s.n, 14);
	for (i = 0; i < 7; i++)
		assert_int_equal(!!(word_tok(&s, i)->flags & VNS_TOKEN_NUMBER),
				 want[i]);
	seen_free(&s);
}

static void test_marked_flag_when_exact_differs_from_folded(void **state)
{
	seen s;

	assert_int_equal(run(*state, "Hà Noi đi", &s), VNS_OK);
	assert_true(word_tok(&s, 0)->flags & VNS_TOKEN_MARKED);
	assert_false(word_tok(&s, 1)->flags & VNS_TOKEN_MARKED);
	assert_true(word_tok(&s, 2)->flags & VNS_TOKEN_MARKED);
	seen_free(&s);
}

static void test_fold_maps_d_stroke_to_d(void **state)
{
	char e[32], f[32];
	vns_err err;

	assert_int_equal(vns_analyse_word(*state, "ĐĐđ", strlen("ĐĐđ"), e,
					  sizeof e, f, sizeof f, &err),
			 VNS_OK);
	assert_string_equal(e, "đđđ");
	assert_string_equal(f, "ddd");
}

/* ---- vns_analyse_word ----------------------------------------------- */

static void test_analyse_word_places_tone_in_each_syllable(void **state)
{
	char e[64], f[64];
	vns_err err;

	assert_int_equal(vns_analyse_word(*state, "Hòa Bình", strlen("Hòa Bình"),
					  e, sizeof e, f, sizeof f, &err),
			 VNS_OK);
	assert_string_equal(e, "hoà bình");
	assert_string_equal(f, "hoa binh");
	assert_int_equal(vns_analyse_word(*state, "", 0, e, sizeof e, f,
					  sizeof f, &err),
			 VNS_OK);
	assert_string_equal(e, "");
	assert_string_equal(f, "");
}

static void test_analyse_word_reports_small_buffers(void **state)
{
	char e[64], f[64];
	vns_err err;

	assert_int_equal(vns_analyse_word(*state, "Đường", strlen("Đường"), e,
					  5, f, sizeof f, &err),
			 VNS_ETOOBIG);
	assert_int_equal(vns_analyse_word(*state, "Đường", strlen("Đường"), e,
					  sizeof e, f, 5, &err),
			 VNS_ETOOBIG);
	assert_int_equal(vns_analyse_word(*state, "Đường", strlen("Đường"), e,
					  10, f, 6, &err),
			 VNS_OK);
}

static void test_analyse_word_rejects_bad_and_overlong_words(void **state)
{
	char e[64], f[64], big[VNS_TERM_MAX + 1];
	vns_err err;

	assert_int_equal(vns_analyse_word(*state, "a\xc3", 2, e, sizeof e, f,
					  sizeof f, &err),
			 VNS_EUTF8);
	assert_string_equal(err.msg, "invalid utf-8 at byte 1");
	memset(big, 'a', sizeof big);
	assert_int_equal(vns_analyse_word(*state, big, sizeof big, e, sizeof e,
					  f, sizeof f, &err),
			 VNS_ETOOBIG);
}

/* ---- golden cases ----------------------------------------------------- */

typedef struct golden_case {
	int line;       /* of the input line */
	vns_buf input;  /* unescaped */
	vns_buf exact;  /* expected */
	vns_buf folded; /* expected; empty with has_folded 0: same as exact */
	int has_folded;
	vns_buf error; /* "STATUS message", or empty */
} golden_case;

static int hex(const char *s, int n)
{
	char tmp[8];

	memcpy(tmp, s, (size_t)n);
	tmp[n] = '\0';
	return (int)strtol(tmp, NULL, 16);
}

static void add_utf8(vns_buf *b, unsigned cp)
{
	if (cp < 0x80) {
		vns_buf_addc(b, (char)cp);
	} else if (cp < 0x800) {
		vns_buf_addc(b, (char)(0xC0 | cp >> 6));
		vns_buf_addc(b, (char)(0x80 | (cp & 0x3F)));
	} else {
		vns_buf_addc(b, (char)(0xE0 | cp >> 12));
		vns_buf_addc(b, (char)(0x80 | (cp >> 6 & 0x3F)));
		vns_buf_addc(b, (char)(0x80 | (cp & 0x3F)));
	}
}

/* Undo the golden file's escapes in line into b. */
static void unescape(const char *line, vns_buf *b)
{
	const char *p;

	for (p = line; *p; p++) {
		if (*p != '\\' || !p[1]) {
			vns_buf_addc(b, *p);
			continue;
		}
		switch (*++p) {
		case 'n': vns_buf_addc(b, '\n'); break;
		case 'r': vns_buf_addc(b, '\r'); break;
		case 't': vns_buf_addc(b, '\t'); break;
		case '&': break;
		case 'x': vns_buf_addc(b, (char)hex(p + 1, 2)); p += 2; break;
		case 'u': add_utf8(b, (unsigned)hex(p + 1, 4)); p += 4; break;
		default: vns_buf_addc(b, *p); break;
		}
	}
}

static void case_init(golden_case *c, int line)
{
	c->line = line;
	c->has_folded = 0;
	vns_buf_init(&c->input, 0);
	vns_buf_init(&c->exact, 0);
	vns_buf_init(&c->folded, 0);
	vns_buf_init(&c->error, 0);
}

static void case_free(golden_case *c)
{
	vns_buf_free(&c->input);
	vns_buf_free(&c->exact);
	vns_buf_free(&c->folded);
	vns_buf_free(&c->error);
}

/* Take one expectation line ("= ...", "~ ...", "! ...") into c. */
static void expect_line(golden_case *c, const char *line, int lineno)
{
	const char *rest = line[1] == ' ' ? line + 2 : line + 1;

	if (line[0] == '=') {
		vns_buf_adds(&c->exact, rest);
	} else if (line[0] == '~') {
		vns_buf_adds(&c->folded, rest);
		c->has_folded = 1;
	} else if (line[0] == '!') {
		vns_buf_adds(&c->error, rest);
	} else {
		fail_msg("analyse.txt:%d: expected '=', '~' or '!' line",
			 lineno);
	}
}

/* Run one case; 1 if it passed, else 0 and a message on stderr. */
static int check_case(vns_analyser *a, const golden_case *c)
{
	const char *want_fold = c->has_folded ? c->folded.data : c->exact.data;
	char got_err[VNS_ERR_MSG_MAX + 32];
	vns_err err;
	vns_status st;
	seen s;
	int ok;

	seen_init(&s);
	vns_err_clear(&err);
	st = vns_analyse(a, c->input.data, c->input.len, collect, &s, &err);
	if (c->error.len || st) {
		snprintf(got_err, sizeof got_err, "%s %s", vns_status_name(st),
			 err.msg);
		ok = strcmp(got_err, c->error.data) == 0 && s.n == 0;
		if (!ok)
			print_error("analyse.txt:%d: want error '%s', got '%s'\n",
				    c->line, c->error.data, got_err);
	} else {
		ok = strcmp(s.exact.data, c->exact.data) == 0 &&
		     strcmp(s.folded.data, want_fold) == 0;
		if (!ok)
			print_error("analyse.txt:%d:\n  want = %s\n  got  = %s\n"
				    "  want ~ %s\n  got  ~ %s\n",
				    c->line, c->exact.data, s.exact.data,
				    want_fold, s.folded.data);
	}
	seen_free(&s);
	return ok;
}

/* Split the golden file into cases and run each; returns the failures. */
static int run_golden(vns_analyser *a, FILE *fp, int *ncases)
{
	char line[4096];
	golden_case c;
	int lineno = 0, in_case = 0, failures = 0;

	*ncases = 0;
	for (;;) {
		char *got = fgets(line, sizeof line, fp);

		if (got) {
			lineno++;
			line[strcspn(line, "\n")] = '\0';
			if (line[0] == '#')
				continue;
		}
		if (!got || !line[0]) {
			if (in_case) {
				failures += !check_case(a, &c);
				(*ncases)++;
				case_free(&c);
				in_case = 0;
			}
			if (!got)
				return failures;
			continue;
		}
		if (in_case) {
			expect_line(&c, line, lineno);
			continue;
		}
		case_init(&c, lineno);
		unescape(line, &c.input);
		in_case = 1;
	}
}

static FILE *open_golden(void)
{
	const char *dir = getenv("VNS_TEST_DATA");
	char path[1024];
	FILE *fp;

	snprintf(path, sizeof path, "%s/golden/analyse.txt", dir ? dir : "tests");
	fp = fopen(path, "r");
	if (!fp)
		fail_msg("cannot open '%s' (set VNS_TEST_DATA)", path);
	return fp;
}

static void test_golden_cases(void **state)
{
	FILE *fp = open_golden();
	int ncases, failures = run_golden(*state, fp, &ncases);

	fclose(fp);
	assert_true(ncases >= 20);
	assert_int_equal(failures, 0);
}

/* Every word that vns_analyse finds normalises the same way through
 * vns_analyse_word, and a second pass (through the cache) agrees. */
static int compare_word(void *ctx, const vns_token *tok)
{
	vns_analyser *other = ((void **)ctx)[0];
	const char *text = ((void **)ctx)[1];
	char e[VNS_TERM_MAX + 1], f[VNS_TERM_MAX + 1];
	vns_err err;

	if (tok->flags & VNS_TOKEN_COLOCATED)
		return 0;
	assert_int_equal(vns_analyse_word(other, text + tok->start,
					  tok->end - tok->start, e, sizeof e,
					  f, sizeof f, &err),
			 VNS_OK);
	assert_memory_equal(e, tok->term, tok->len);
	assert_int_equal(strlen(e), tok->len);
	return 0;
}

static void test_analyse_word_agrees_with_analyse(void **state)
{
	static const char text[] = "Hoà hòa THUỶ thủy qúy TP.HCM đượ\xcc\xa3" "c "
				   "Vi\xef\xbb\xbf" "ệt don’t 3,5 COVID-19 "
				   "Ho\xcc\x80" "a iPhone ĐÀ NẴNG";
	vns_analyser *other;
	vns_err err;
	void *ctx[2];
	seen first, second;

	assert_int_equal(vns_analyser_new(&other, &err), VNS_OK);
	ctx[0] = other;
	ctx[1] = (void *)text;
	assert_int_equal(vns_analyse(*state, text, sizeof text - 1,
				     compare_word, ctx, &err),
			 VNS_OK);
	assert_int_equal(run(*state, text, &first), VNS_OK);
	assert_int_equal(run(*state, text, &second), VNS_OK);
	assert_string_equal(first.exact.data, second.exact.data);
	assert_string_equal(first.folded.data, second.folded.data);
	seen_free(&first);
	seen_free(&second);
	vns_analyser_free(other);
}

/* A text of thousands of different accented syllables, more than the
 * analyser's word cache holds at first: the cache grows while it is
 * analysed, and each word still gets its own terms, on the first pass and
 * again from the cache. */
static void test_many_words_analyse_alike_while_the_cache_grows(void **state)
{
	static const char *const onset[] = { "", "b", "c", "d", "đ", "g",
					     "h", "kh", "l", "m", "n", "ng",
					     "nh", "ph", "qu", "s", "t",
					     "th", "tr", "v", "x" };
	static const char *const rhyme[] = { "à", "á", "ả", "ã", "ạ", "ằ",
					     "ắ", "ầ", "ấ", "è", "é", "ề",
					     "ế", "ì", "í", "ò", "ó", "ồ",
					     "ố", "ờ", "ớ", "ù", "ú", "ừ",
					     "ứ", "ỳ", "ý" };
	static const char *const coda[] = { "", "c", "m", "n", "ng", "nh",
					    "p", "t" };
	vns_buf text;
	vns_analyser *other;
	vns_err err;
	void *ctx[2];
	seen first, second;

	vns_buf_init(&text, 0);
	for (size_t i = 0; i < sizeof onset / sizeof *onset; i++)
		for (size_t j = 0; j < sizeof rhyme / sizeof *rhyme; j++)
			for (size_t k = 0; k < sizeof coda / sizeof *coda; k++)
				assert_int_equal(vns_buf_addf(&text, "%s%s%s ",
							      onset[i], rhyme[j],
							      coda[k]),
						 VNS_OK);
	assert_int_equal(vns_analyser_new(&other, &err), VNS_OK);
	ctx[0] = other;
	ctx[1] = text.data;
	assert_int_equal(vns_analyse(*state, text.data, text.len, compare_word,
				     ctx, &err),
			 VNS_OK);
	assert_int_equal(run(*state, text.data, &first), VNS_OK);
	assert_int_equal(run(*state, text.data, &second), VNS_OK);
	assert_string_equal(first.exact.data, second.exact.data);
	assert_string_equal(first.folded.data, second.folded.data);
	seen_free(&first);
	seen_free(&second);
	vns_analyser_free(other);
	vns_buf_free(&text);
}

/* Every token as a line: term, start, end, position, flags. */
static int trace(void *ctx, const vns_token *tok)
{
	vns_buf *b = ctx;

	return vns_buf_add(b, tok->term, tok->len) ||
	       vns_buf_addf(b, " %zu %zu %u %u\n", tok->start, tok->end,
			    tok->pos, tok->flags);
}

/* A long text of words, numbers, abbreviations, NFD and stray marks,
 * invisibles, astral and dictionary scripts, an overlong word, and
 * separators that do and do not break pairs, mixed by a fixed generator. */
static void mixed_text(vns_buf *b, size_t bytes)
{
	static const char *const piece[] = {
		"Hà Nội", "TP.HCM", "1.000.000", "3,5", "COVID-19",
		"05/03/2026", "don\u2019t", "Ho\xcc\x80" "a", "thi \xcc\xa3trường",
		"Vi\xef\xbb\xbf" "ệt", "ph\xe2\x80\x8bở", "\xf0\x9f\x98\x80",
		"ภาษาไทย", "北京市", "iPhone", "ĐÀ NẴNG", "e-mail", "U23",
		"qúy", "www.vnexpress.net", "(Bắc Giang)", "\"giá vàng\"",
		"ÀÉÎÕÜ àéîõü ĀĂĄĆĈ ơưđ ƀƁǅǈǰȀȺɏ ḀẞỹỸ Ơ\xcc\x81", "×÷ a×b",
		"\xcc\x81" "abc", "a\xcc\x81" "b\xcc\x83", "\xe3\x80\x80" "ab",
		"123abc", "abc123", "x_y", "µm", "ª1",
	};
	static const char *const sep[] = { " ", "  ", "\n", "\r\n", ". ",
					   ", ", "\t", "\xc2\xa0", " - ", "" };
	uint32_t x = 12345;

	while (b->len < bytes) {
		x = x * 1103515245u + 12345u;
		if ((x >> 16) % 97 == 0) {
			for (int i = 0; i < 300; i++)
				assert_int_equal(vns_buf_addc(b, 'a'), VNS_OK);
		} else {
			assert_int_equal(vns_buf_adds(b, piece[(x >> 16) %
						(sizeof piece / sizeof *piece)]),
					 VNS_OK);
		}
		x = x * 1103515245u + 12345u;
		assert_int_equal(vns_buf_adds(b, sep[(x >> 16) %
					(sizeof sep / sizeof *sep)]), VNS_OK);
	}
}

/* Read a segment at a time, and plain words found without ICU, the text
 * gives the same tokens (terms, offsets, positions, flags) as read whole
 * by ICU's iterator alone, whatever the segment size. Segments grow from
 * a quarter of the size: 5 reads 1, 2, 4, then 5 bytes at a time, 333
 * reads 83, 166, 332, then 333; SIZE_MAX must not overflow. */
static void test_segments_give_the_tokens_of_the_whole_text(void **state)
{
	static const size_t sizes[] = { 0, 1, 2, 5, 64, 333,
					VNS_ANALYSE_SEGMENT, SIZE_MAX };
	vns_analyser *a = *state;
	vns_buf text, whole, part;
	vns_err err;

	vns_buf_init(&text, 0);
	vns_buf_init(&whole, 0);
	vns_buf_init(&part, 0);
	mixed_text(&text, 40000);
	vns_analyser_set_segment(a, 0);
	vns_analyser_set_icu_only(a, 1);
	assert_int_equal(vns_analyse(a, text.data, text.len, trace, &whole,
				     &err), VNS_OK);
	vns_analyser_set_icu_only(a, 0);
	assert_true(whole.len > 40000);
	for (size_t i = 0; i < sizeof sizes / sizeof *sizes; i++) {
		vns_buf_reset(&part);
		vns_analyser_set_segment(a, sizes[i]);
		assert_int_equal(vns_analyse(a, text.data, text.len, trace,
					     &part, &err), VNS_OK);
		if (part.len != whole.len ||
		    memcmp(part.data, whole.data, whole.len) != 0)
			fail_msg("segments of %zu bytes give other tokens",
				 sizes[i]);
	}
	vns_buf_free(&text);
	vns_buf_free(&whole);
	vns_buf_free(&part);
}

/* A bad byte in a later segment: the error names its offset in the
 * whole text. */
static void test_invalid_utf8_in_a_later_segment_names_its_byte(void **state)
{
	vns_analyser *a = *state;
	vns_buf text, out;
	vns_err err;
	size_t bad;

	vns_buf_init(&text, 0);
	vns_buf_init(&out, 0);
	while (text.len < 3 * VNS_ANALYSE_SEGMENT)
		assert_int_equal(vns_buf_adds(&text, "Hà Nội hôm nay "), VNS_OK);
	bad = text.len;
	assert_int_equal(vns_buf_adds(&text, "\xff nữa"), VNS_OK);
	assert_int_equal(vns_analyse(a, text.data, text.len, trace, &out,
				     &err), VNS_EUTF8);
	assert_true(strstr(err.msg, "byte") != NULL);
	assert_int_equal(strtoul(strstr(err.msg, "byte") + 5, NULL, 10), bad);
	vns_buf_free(&text);
	vns_buf_free(&out);
}

/* The first segment of a text is a quarter of the segment size: a caller
 * that stops at the first word never converts the bad byte at half of it,
 * while one that reads on meets it, and the next text starts small
 * again. */
static void test_a_caller_that_stops_early_reads_only_the_first_segment(
	void **state)
{
	vns_analyser *a = *state;
	vns_buf text;
	vns_err err;
	seen s;

	vns_buf_init(&text, 0);
	while (text.len < VNS_ANALYSE_SEGMENT / 2)
		assert_int_equal(vns_buf_adds(&text, "Hà Nội hôm nay "), VNS_OK);
	assert_int_equal(vns_buf_adds(&text, "\xff nữa"), VNS_OK);
	seen_init(&s);
	assert_int_equal(vns_analyse(a, text.data, text.len, collect, &s,
				     &err), VNS_EUTF8);
	seen_free(&s);
	seen_init(&s);
	s.stop_after = 1;
	assert_int_equal(vns_analyse(a, text.data, text.len, collect, &s,
				     &err), VNS_OK);
	assert_int_equal(s.n, 1);
	seen_free(&s);
	vns_buf_free(&text);
}

/* Bad bytes first, after a run of ASCII, at the end, after an astral
 * character: the error names the byte vns_utf8_valid names, whatever the
 * segment size. */
static void test_invalid_utf8_is_named_where_utf8_valid_finds_it(
	void **state)
{
	static const char *const texts[] = {
		"\xff", "abc\xff", "abc \x80 def", "abc d\xc3", "à\xff",
		"ab cd ef gh\xe1\xbb", "\xf0\x9f\x98\x80x\xed\xa0\x80",
		"Hà Nội hôm nay \xc0\xaf", "a b c d e f g h\xf5\x80\x80\x80",
	};
	static const size_t sizes[] = { 0, 1, 5, VNS_ANALYSE_SEGMENT };
	vns_analyser *a = *state;
	char want[64];
	vns_err err;
	size_t bad;
	vns_buf out;

	vns_buf_init(&out, 0);
	for (size_t i = 0; i < sizeof sizes / sizeof *sizes; i++) {
		vns_analyser_set_segment(a, sizes[i]);
		for (size_t j = 0; j < sizeof texts / sizeof *texts; j++) {
			assert_false(vns_utf8_valid(texts[j], strlen(texts[j]),
						    &bad));
			snprintf(want, sizeof want, "invalid utf-8 at byte %zu",
				 bad);
			assert_int_equal(vns_analyse(a, texts[j],
						     strlen(texts[j]), trace,
						     &out, &err),
					 VNS_EUTF8);
			assert_string_equal(err.msg, want);
		}
	}
	vns_buf_free(&out);
}

#define T(name) cmocka_unit_test_setup_teardown(name, setup, teardown)

int main(void)
{
	const struct CMUnitTest tests[] = {
		T(test_utf8_valid_accepts_ascii_vietnamese_and_astral),
		T(test_utf8_valid_rejects_overlongs),
		T(test_utf8_valid_rejects_surrogates),
		T(test_utf8_valid_rejects_code_points_past_10ffff),
		T(test_utf8_valid_rejects_truncated_and_stray_bytes),
		T(test_invalid_utf8_fails_before_any_callback),
		T(test_callback_nonzero_stops_the_walk),
		T(test_folded_form_follows_exact_at_same_place),
		T(test_positions_count_words_from_zero),
		T(test_offsets_point_into_original_nfd_text),
		T(test_offsets_count_bytes_of_multibyte_text),
		T(test_first_word_has_break_before),
		T(test_no_break_across_spaces_nbsp_and_invisibles),
		T(test_break_across_punctuation_hyphen_and_newline),
		T(test_overlong_word_is_skipped_with_a_break),
		T(test_empty_and_null_text_give_no_tokens),
		T(test_null_arguments_are_invalid),
		T(test_stopword_flag_on_both_forms),
		T(test_is_stopword_knows_function_words_only),
		T(test_stopword_list_holds_canonical_exact_forms),
		T(test_number_flag_on_numbers_only),
		T(test_marked_flag_when_exact_differs_from_folded),
		T(test_fold_maps_d_stroke_to_d),
		T(test_analyse_word_places_tone_in_each_syllable),
		T(test_analyse_word_reports_small_buffers),
		T(test_analyse_word_rejects_bad_and_overlong_words),
		T(test_analyse_word_agrees_with_analyse),
		T(test_many_words_analyse_alike_while_the_cache_grows),
		T(test_segments_give_the_tokens_of_the_whole_text),
		T(test_invalid_utf8_in_a_later_segment_names_its_byte),
		T(test_a_caller_that_stops_early_reads_only_the_first_segment),
		T(test_invalid_utf8_is_named_where_utf8_valid_finds_it),
		T(test_golden_cases),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
