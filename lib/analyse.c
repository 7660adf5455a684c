/* analyse.c - the Vietnamese analyser: UTF-8 in, one exact and one folded
 * term per word out. The text is validated and turned into UTF-16 with a
 * map back to byte offsets, ICU's word break iterator finds the words, and
 * each word is normalised (ASCII words on a fast path, the others through
 * ICU case mapping and normalisation plus vnchar's tone rules, with a
 * small cache since Vietnamese has only a few thousand syllables). */
#include "analyse.h"
#include "utf8.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <unicode/ubrk.h>
#include <unicode/uchar.h>
#include <unicode/unorm2.h>
#include <unicode/ustring.h>

#include "grow.h"
#include "hash.h"
#include "vnchar.h"

/* longest word segment looked at, in UTF-16 units (NFD input is long) */
#define SEG_MAX (4 * VNS_TERM_MAX)
/* per-word scratch: case mapping and NFD may each grow a word */
#define WORK_MAX (4 * SEG_MAX)

/* the word cache: direct-mapped, keyed by the word's original bytes. It
 * starts small and grows (emptied) by CACHE_GROWTH each time it has taken
 * CACHE_TURNOVER times its size in new words, up to CACHE_SLOTS_MAX: a
 * search that analyses a few snippets then touches a few pages of it, not
 * a megabyte of fresh memory (a page fault each, ~10 us), while an
 * indexer's cache soon reaches its full size. 16 slots (2 KB) to begin:
 * 256 cost a search 20-29 more page faults. */
#define CACHE_SLOTS_MIN 16
#define CACHE_SLOTS_MAX 8192
#define CACHE_GROWTH 4
#define CACHE_TURNOVER 2
#define CACHE_KEY_MAX 32
#define CACHE_TERM_MAX 48

typedef struct cache_entry {
	unsigned char klen, elen, flen, flags; /* klen 0: empty slot */
	char key[CACHE_KEY_MAX];
	char exact[CACHE_TERM_MAX];
	char folded[CACHE_TERM_MAX];
} cache_entry;

/* the normalised forms of one word, just computed */
typedef struct word {
	char exact[VNS_TERM_MAX + 1];
	char folded[VNS_TERM_MAX + 1];
} word_buf;

/* what a word yields: pointers into a word or a cache entry */
typedef struct terms {
	const char *exact, *folded;
	size_t elen, flen;
	unsigned flags; /* STOPWORD, NUMBER, MARKED */
} terms;

struct vns_analyser {
	UBreakIterator *bi;
	const UNormalizer2 *nfc, *nfd;
	UChar *text16;    /* the text in UTF-16 */
	uint32_t *offset; /* byte offset of each UTF-16 unit, and of the end */
	size_t alloc16;   /* units allocated in text16 and offset */
	UChar w1[WORK_MAX], w2[WORK_MAX], w3[WORK_MAX];
	word_buf w;
	size_t segment;     /* largest segment, in bytes; 0: texts whole */
	int icu_only;       /* every word from ICU's iterator (for tests) */
	cache_entry *cache; /* slots entries, slots a power of 2 */
	size_t slots;
	size_t puts;        /* words put in since the cache was allocated */
};

static const char *const stopwords[] = {
#include "stopwords.inc"
};

/* Make room for n UTF-16 units (plus the end offset). */
static vns_status reserve16(vns_analyser *a, size_t n)
{
	size_t cap = a->alloc16, cap_o = a->alloc16;

	/* both grow alike from the same capacity, so they end up equal */
	if (VNS_GROW(a->text16, cap, n + 1) ||
	    VNS_GROW(a->offset, cap_o, n + 1))
		return VNS_ENOMEM;
	a->alloc16 = cap;
	return VNS_OK;
}

/* Validate text[from..to) and convert it into a->text16 / a->offset
 * (offsets counted from `from`); *n16 units. Runs of ASCII (four
 * characters in five of a Vietnamese text) are copied a byte a unit; the
 * other characters go through the strict decoder. */
static vns_status to_utf16(vns_analyser *a, const char *text, size_t from,
			   size_t to, int32_t *n16, vns_err *err)
{
	const unsigned char *s = (const unsigned char *)text + from;
	size_t len = to - from, i = 0, k = 0, n;
	UChar *t;
	uint32_t *o, cp;

	if (len >= INT32_MAX)
		return vns_err_set(err, VNS_ETOOBIG, "text of %zu bytes", len);
	if (reserve16(a, len))
		return vns_err_set(err, VNS_ENOMEM, "text of %zu bytes", len);
	t = a->text16; /* in locals: the compiler keeps them in registers */
	o = a->offset;
	while (i < len) {
		for (; i < len && s[i] < 0x80; i++, k++) {
			o[k] = (uint32_t)i;
			t[k] = s[i];
		}
		if (i == len)
			break;
		n = vns_utf8_decode((const char *)s + i, len - i, &cp);
		if (!n)
			return vns_err_set(err, VNS_EUTF8,
					   "invalid utf-8 at byte %zu", from + i);
		if (cp >= 0x10000) {
			o[k] = (uint32_t)i;
			t[k++] = (UChar)(0xD7C0 + (cp >> 10));
			cp = 0xDC00 | (cp & 0x3FF);
		}
		o[k] = (uint32_t)i;
		t[k++] = (UChar)cp;
		i += n;
	}
	o[k] = (uint32_t)len;
	*n16 = (int32_t)k;
	return VNS_OK;
}

/* ---- one word ----------------------------------------------------------- */

/* zero-width and format characters that carry nothing: dropped in words,
 * treated as spaces between them */
static int is_invisible(UChar c)
{
	return (c >= 0x200B && c <= 0x200D) || c == 0x2060 || c == 0xFEFF ||
	       c == 0x00AD;
}

/* what may separate two words without breaking a syllable pair */
static int is_gap_space(UChar c)
{
	return c == ' ' || c == '\t' || c == 0x00A0 || c == 0x1680 ||
	       (c >= 0x2000 && c <= 0x200A) || c == 0x202F || c == 0x205F ||
	       c == 0x3000 || is_invisible(c) || vns_vn_is_diacritic(c);
}

static int is_ascii_alpha(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

static int is_ascii_digit(char c)
{
	return c >= '0' && c <= '9';
}

/* A '.' between letters is an abbreviation's ("TP.HCM"): dropped. */
static int is_abbrev_dot16(const UChar *s, int32_t n, int32_t i)
{
	return s[i] == '.' && i > 0 && i + 1 < n &&
	       (u_isalpha(s[i - 1]) || vns_vn_is_diacritic(s[i - 1])) &&
	       u_isalpha(s[i + 1]);
}

/* "2026", "3,5", "1.000.000": digits, separators only between digits */
static int is_number(const char *s, size_t n)
{
	size_t i;

	if (!n || !is_ascii_digit(s[0]) || !is_ascii_digit(s[n - 1]))
		return 0;
	for (i = 1; i + 1 < n; i++)
		if (!is_ascii_digit(s[i]) &&
		    !((s[i] == '.' || s[i] == ',') && is_ascii_digit(s[i + 1])))
			return 0;
	return 1;
}

static unsigned word_flags(const char *exact, size_t elen, const char *folded,
			   size_t flen)
{
	unsigned flags = 0;

	if (elen != flen || memcmp(exact, folded, elen) != 0)
		flags |= VNS_TOKEN_MARKED;
	if (is_number(exact, elen))
		flags |= VNS_TOKEN_NUMBER;
	if (vns_is_stopword(exact))
		flags |= VNS_TOKEN_STOPWORD;
	return flags;
}

/* Pure ASCII: lower case, abbreviation dots out; folded is the same.
 * Like unicode_word: 1 with the terms in *t (maybe empty), 0 if too long. */
static int ascii_word(word_buf *w, const char *s, size_t n, terms *t)
{
	size_t i, k = 0;

	for (i = 0; i < n; i++) {
		char c = s[i];

		if (c == '.' && i > 0 && i + 1 < n && is_ascii_alpha(s[i - 1]) &&
		    is_ascii_alpha(s[i + 1]))
			continue;
		if (k == VNS_TERM_MAX)
			return 0;
		w->exact[k++] = (c >= 'A' && c <= 'Z') ? (char)(c + 32) : c;
	}
	w->exact[k] = '\0';
	t->exact = t->folded = w->exact;
	t->elen = t->flen = k;
	t->flags = word_flags(w->exact, k, w->exact, k);
	return 1;
}

/* Copy s into out without invisibles and abbreviation dots, ’ as '. */
static int32_t clean16(const UChar *s, int32_t n, UChar *out)
{
	int32_t i, k = 0;

	for (i = 0; i < n; i++) {
		if (is_invisible(s[i]) || is_abbrev_dot16(s, n, i))
			continue;
		out[k++] = s[i] == 0x2019 ? '\'' : s[i];
	}
	return k;
}

/* Drop diacritics left over after NFC (they compose with nothing). */
static int32_t drop_diacritics(UChar *s, int32_t n)
{
	int32_t i, k = 0;

	for (i = 0; i < n; i++)
		if (!vns_vn_is_diacritic(s[i]))
			s[k++] = s[i];
	return k;
}

static int has_non_ascii(const UChar *s, int32_t n)
{
	int32_t i;

	for (i = 0; i < n; i++)
		if (s[i] >= 0x80)
			return 1;
	return 0;
}

/* UTF-16 to NUL-terminated UTF-8 of at most VNS_TERM_MAX bytes. */
static int to_term(const UChar *s, int32_t n, char *out, size_t *len)
{
	UErrorCode st = U_ZERO_ERROR;
	int32_t k;

	u_strToUTF8(out, VNS_TERM_MAX, &k, s, n, &st);
	if (U_FAILURE(st) || k > VNS_TERM_MAX)
		return 0;
	out[k] = '\0';
	*len = (size_t)k;
	return 1;
}

/* Exact form: clean, lower case, NFC, leftover marks out, tones placed.
 * Leaves the NFD of the exact form in a->w2; returns its length, or -1. */
static int32_t exact16(vns_analyser *a, const UChar *s, int32_t n,
		       int32_t *nexact)
{
	UErrorCode st = U_ZERO_ERROR;
	int32_t k, nd;

	k = clean16(s, n, a->w1);
	k = u_strToLower(a->w2, WORK_MAX, a->w1, k, "", &st);
	k = unorm2_normalize(a->nfc, a->w2, k, a->w1, WORK_MAX, &st);
	if (U_FAILURE(st))
		return -1;
	k = drop_diacritics(a->w1, k);
	nd = unorm2_normalize(a->nfd, a->w1, k, a->w2, WORK_MAX, &st);
	if (U_FAILURE(st))
		return -1;
	if (vns_vn_place_tones(a->w2, nd))
		k = unorm2_normalize(a->nfc, a->w2, nd, a->w1, WORK_MAX, &st);
	*nexact = k;
	return U_FAILURE(st) ? -1 : nd;
}

/* Folded form from the NFD in a->w2: marks out, đ -> d, NFC again. */
static int32_t folded16(vns_analyser *a, int32_t nd, const UChar **out)
{
	UErrorCode st = U_ZERO_ERROR;
	int32_t k = vns_vn_fold(a->w2, nd, a->w3);

	*out = a->w3;
	if (!has_non_ascii(a->w3, k))
		return k;
	*out = a->w1;
	k = unorm2_normalize(a->nfc, a->w3, k, a->w1, WORK_MAX, &st);
	return U_FAILURE(st) ? -1 : k;
}

/* Any word: the full Unicode treatment of s[0..n). 1 with the terms in
 * *t (maybe empty), 0 if the word is too long for a term. */
static int unicode_word(vns_analyser *a, const UChar *s, int32_t n, terms *t)
{
	word_buf *w = &a->w;
	const UChar *f;
	int32_t ne, nd, nf;

	if (n > SEG_MAX)
		return 0;
	nd = exact16(a, s, n, &ne);
	if (nd < 0 || !to_term(a->w1, ne, w->exact, &t->elen))
		return 0;
	nf = folded16(a, nd, &f);
	if (nf < 0 || !to_term(f, nf, w->folded, &t->flen))
		return 0;
	t->exact = w->exact;
	t->folded = w->folded;
	t->flags = word_flags(w->exact, t->elen, w->folded, t->flen);
	return 1;
}

/* ---- the cache ---------------------------------------------------------- */

static cache_entry *cache_slot(vns_analyser *a, const char *key, size_t n)
{
	return &a->cache[vns_hash32(key, n) & (a->slots - 1)];
}

static int cache_get(vns_analyser *a, const char *key, size_t n, terms *t)
{
	cache_entry *e = cache_slot(a, key, n);

	if (e->klen != n || memcmp(e->key, key, n) != 0)
		return 0;
	t->exact = e->exact;
	t->elen = e->elen;
	t->folded = e->folded;
	t->flen = e->flen;
	t->flags = e->flags;
	return 1;
}

/* Allocate an empty cache of slots entries in place of the old one; on
 * failure the old one stays. */
static int cache_alloc(vns_analyser *a, size_t slots)
{
	cache_entry *c = calloc(slots, sizeof *c);

	if (!c)
		return 0;
	free(a->cache);
	a->cache = c;
	a->slots = slots;
	a->puts = 0;
	return 1;
}

static void cache_put(vns_analyser *a, const char *key, size_t n,
		      const terms *t)
{
	cache_entry *e;

	if (t->elen > CACHE_TERM_MAX || t->flen > CACHE_TERM_MAX)
		return;
	if (++a->puts > CACHE_TURNOVER * a->slots &&
	    a->slots < CACHE_SLOTS_MAX)
		cache_alloc(a, a->slots * CACHE_GROWTH);
	e = cache_slot(a, key, n);
	e->klen = (unsigned char)n;
	memcpy(e->key, key, n);
	e->elen = (unsigned char)t->elen;
	memcpy(e->exact, t->exact, t->elen);
	e->flen = (unsigned char)t->flen;
	memcpy(e->folded, t->folded, t->flen);
	e->flags = (unsigned char)t->flags;
}

static int is_ascii(const char *s, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		if ((unsigned char)s[i] >= 0x80)
			return 0;
	return 1;
}

/* The terms of the word at UTF-16 [from, to) of a->text16, whose original
 * bytes are raw[0..rlen); 0 if it yields none (too long, empty). */
static int word_terms(vns_analyser *a, const char *raw, size_t rlen,
		      int32_t from, int32_t to, terms *t)
{
	int cacheable = rlen > 0 && rlen <= CACHE_KEY_MAX;

	if (is_ascii(raw, rlen))
		return ascii_word(&a->w, raw, rlen, t) && t->elen > 0;
	if (cacheable && cache_get(a, raw, rlen, t))
		return 1;
	if (!unicode_word(a, a->text16 + from, to - from, t) || !t->elen)
		return 0;
	if (cacheable)
		cache_put(a, raw, rlen, t);
	return 1;
}

/* ---- the walk ----------------------------------------------------------- */

/* ICU's word break rules, compiled in by scripts/genbrk.c: opening them
 * needs no lookup in ICU's data */
static _Alignas(8) const uint8_t word_rules[] = {
#include "wordbrk.inc"
};

vns_status vns_analyser_new(vns_analyser **out, vns_err *err)
{
	UErrorCode st = U_ZERO_ERROR;
	vns_analyser *a = calloc(1, sizeof *a);

	*out = NULL;
	if (!a)
		return vns_err_set(err, VNS_ENOMEM, "analyser");
	a->segment = VNS_ANALYSE_SEGMENT;
	if (!cache_alloc(a, CACHE_SLOTS_MIN) || reserve16(a, 256)) {
		vns_analyser_free(a);
		return vns_err_set(err, VNS_ENOMEM, "analyser");
	}
	a->nfc = unorm2_getNFCInstance(&st);
	a->nfd = unorm2_getNFDInstance(&st);
	a->bi = ubrk_openBinaryRules(word_rules, sizeof word_rules, NULL, 0,
				     &st);
	if (U_FAILURE(st)) {
		vns_analyser_free(a);
		return vns_err_set(err, VNS_EUNICODE, "icu word breaker: %s",
				   u_errorName(st));
	}
	*out = a;
	return VNS_OK;
}

void vns_analyser_set_segment(vns_analyser *a, size_t bytes)
{
	a->segment = bytes;
}

void vns_analyser_set_icu_only(vns_analyser *a, int on)
{
	a->icu_only = on;
}

void vns_analyser_free(vns_analyser *a)
{
	if (!a)
		return;
	if (a->bi)
		ubrk_close(a->bi);
	free(a->text16);
	free(a->offset);
	free(a->cache);
	free(a);
}

/* 1 if s[from..to) holds more than spaces and invisibles */
static int gap_breaks(const UChar *s, int32_t from, int32_t to)
{
	int32_t i;

	for (i = from; i < to; i++)
		if (!is_gap_space(s[i]))
			return 1;
	return 0;
}

/* Exact then folded; 1 if the callback asked to stop. */
static int emit(const terms *t, const vns_token *where, vns_token_fn fn,
		void *ctx)
{
	vns_token tok = *where;

	tok.term = t->exact;
	tok.len = t->elen;
	tok.flags |= t->flags;
	if (fn(ctx, &tok))
		return 1;
	tok.term = t->folded;
	tok.len = t->flen;
	tok.flags |= VNS_TOKEN_COLOCATED;
	return fn(ctx, &tok) != 0;
}

/* Where a walk through a text stands between two of its segments. */
typedef struct walk_state {
	vns_token where;   /* pos: the next word's position */
	int pending_break; /* the next word starts a new run */
	int32_t prev_end;  /* end of the last word in the segment (UTF-16) */
} walk_state;

/* The word at UTF-16 [from, to) of the segment that starts at byte base
 * of text; 1 if fn asked to stop. */
static int word_at(vns_analyser *a, const char *text, size_t base,
		   int32_t from, int32_t to, vns_token_fn fn, void *ctx,
		   walk_state *w)
{
	terms t;

	w->where.start = base + a->offset[from];
	w->where.end = base + a->offset[to];
	w->where.flags = 0;
	if (w->pending_break || gap_breaks(a->text16, w->prev_end, from))
		w->where.flags = VNS_TOKEN_BREAK_BEFORE;
	w->prev_end = to;
	w->pending_break = !word_terms(a, text + w->where.start,
				       w->where.end - w->where.start, from, to,
				       &t);
	if (w->pending_break)
		return 0;
	if (emit(&t, &w->where, fn, ctx))
		return 1;
	w->where.pos++;
	return 0;
}

/* The words ICU's iterator (set on the segment) finds in [from, to),
 * which a space or line end, or the segment's end, follows; 1 if fn asked
 * to stop. */
static int icu_words(vns_analyser *a, const char *text, size_t base,
		     int32_t from, int32_t to, vns_token_fn fn, void *ctx,
		     walk_state *w)
{
	int32_t at = from, next;

	for (next = ubrk_following(a->bi, from); next != UBRK_DONE && next <= to;
	     at = next, next = ubrk_next(a->bi))
		if (ubrk_getRuleStatus(a->bi) >= UBRK_WORD_NONE_LIMIT &&
		    word_at(a, text, base, at, next, fn, ctx, w))
			return 1;
	return 0;
}

/* A letter of the Latin script (Vietnamese's among them) or an ASCII
 * digit: runs of these are one word under the word break rules (letters
 * and digits join; WB5, WB8-WB10). */
static int is_plain_letter(UChar c)
{
	if (c < 0x80)
		return (c >= '0' && c <= '9') || ((c | 0x20) >= 'a' &&
						  (c | 0x20) <= 'z');
	return (c >= 0x00C0 && c <= 0x024F && c != 0x00D7 && c != 0x00F7) ||
	       (c >= 0x1E00 && c <= 0x1EFF);
}

/* 1 if s[from..to) is one word by itself: plain letters and digits, and
 * combining marks after them (WB4), nothing else. */
static int plain_word(const UChar *s, int32_t from, int32_t to)
{
	if (!is_plain_letter(s[from]))
		return 0;
	for (int32_t i = from + 1; i < to; i++)
		if (!is_plain_letter(s[i]) && !(s[i] >= 0x0300 && s[i] <= 0x036F))
			return 0;
	return 1;
}

/* Walk the words of the segment of text that starts at byte base and is
 * in a->text16 (n16 units, already set in the break iterator); 1 if fn
 * asked to stop. The segment is cut at spaces and line ends, where every
 * word break rule breaks: a run of plain letters between them is a word
 * as it stands; ICU's iterator finds the words of the other runs
 * (punctuation, numbers with separators, other scripts, invisibles). */
static int walk(vns_analyser *a, const char *text, size_t base, int32_t n16,
		vns_token_fn fn, void *ctx, walk_state *w)
{
	const UChar *s = a->text16;
	int32_t from = 0, to;

	w->prev_end = 0;
	while (from < n16) {
		if (s[from] == ' ' || s[from] == '\n') {
			from++;
			continue;
		}
		for (to = from + 1; to < n16 && s[to] != ' ' && s[to] != '\n';)
			to++;
		if (!a->icu_only && plain_word(s, from, to)
			    ? word_at(a, text, base, from, to, fn, ctx, w)
			    : icu_words(a, text, base, from, to, fn, ctx, w))
			return 1;
		from = to;
	}
	/* what follows the last word breaks the next segment's first one */
	if (gap_breaks(a->text16, w->prev_end, n16))
		w->pending_break = 1;
	return 0;
}

/* The end of the segment of text[0..len) that starts at from: the first
 * place past from + bytes where an ASCII letter or digit follows an ASCII
 * space or line end (a word break under every word break rule, and the
 * next word starts there), else the end of the text; bytes 0: the end. */
static size_t segment_end(const char *text, size_t from, size_t len,
			  size_t bytes)
{
	if (!bytes || bytes >= len - from)
		return len;
	for (size_t i = from + bytes; i < len; i++)
		if ((unsigned char)text[i] < 0x80 && is_plain_letter(text[i]) &&
		    (text[i - 1] == ' ' || text[i - 1] == '\n'))
			return i;
	return len;
}

/* The first segment of a text is a->segment / SEGMENT_RAMP bytes, and
 * each next one twice the one before, up to a->segment: seven snippets in
 * ten stop within their text's first 512 bytes, while a reader of a whole
 * text still converts it in a few large segments. */
#define SEGMENT_RAMP 4

static size_t first_segment(const vns_analyser *a)
{
	size_t bytes = a->segment / SEGMENT_RAMP;

	return a->segment && !bytes ? 1 : bytes;
}

static size_t next_segment(const vns_analyser *a, size_t bytes)
{
	return bytes > a->segment / 2 ? a->segment : 2 * bytes;
}

vns_status vns_analyse(vns_analyser *a, const char *text, size_t len,
		       vns_token_fn fn, void *ctx, vns_err *err)
{
	walk_state w = { { NULL, 0, 0, 0, 0, 0 }, 1, 0 };
	UErrorCode st = U_ZERO_ERROR;
	int32_t n16;
	vns_status rc;

	if (!a || !fn || (!text && len))
		return vns_err_set(err, VNS_EINVAL, "vns_analyse: null argument");
	if (len >= INT32_MAX)
		return vns_err_set(err, VNS_ETOOBIG, "text of %zu bytes", len);
	for (size_t from = 0, to, bytes = first_segment(a); from < len;
	     from = to, bytes = next_segment(a, bytes)) {
		to = segment_end(text, from, len, bytes);
		rc = to_utf16(a, text, from, to, &n16, err);
		if (rc)
			return rc;
		ubrk_setText(a->bi, a->text16, n16, &st);
		if (U_FAILURE(st))
			return vns_err_set(err, VNS_EUNICODE,
					   "icu word breaker: %s",
					   u_errorName(st));
		if (walk(a, text, from, n16, fn, ctx, &w))
			break;
	}
	return VNS_OK;
}

/* Copy a term into a caller's NUL-terminated buffer. */
static vns_status put_term(const char *term, size_t n, char *out, size_t cap,
			   vns_err *err)
{
	if (n >= cap)
		return vns_err_set(err, VNS_ETOOBIG,
				   "term of %zu bytes for a buffer of %zu", n,
				   cap);
	memcpy(out, term, n);
	out[n] = '\0';
	return VNS_OK;
}

vns_status vns_analyse_word(vns_analyser *a, const char *word, size_t len,
			    char *exact, size_t exact_cap, char *folded,
			    size_t folded_cap, vns_err *err)
{
	terms t = { "", "", 0, 0, 0 };
	int32_t n16;
	vns_status rc;
	int ok = 1;

	if (!a || (!word && len) || !exact || !folded)
		return vns_err_set(err, VNS_EINVAL,
				   "vns_analyse_word: null argument");
	rc = to_utf16(a, word, 0, len, &n16, err);
	if (rc)
		return rc;
	if (len)
		ok = is_ascii(word, len) ? ascii_word(&a->w, word, len, &t)
					 : unicode_word(a, a->text16, n16, &t);
	if (!ok)
		return vns_err_set(err, VNS_ETOOBIG, "word of %zu bytes", len);
	rc = put_term(t.exact, t.elen, exact, exact_cap, err);
	return rc ? rc : put_term(t.folded, t.flen, folded, folded_cap, err);
}

/* ---- stopwords ---------------------------------------------------------- */

static int cmp_term(const void *key, const void *elem)
{
	return strcmp(key, *(const char *const *)elem);
}

int vns_is_stopword(const char *term)
{
	return term && bsearch(term, stopwords,
			       sizeof stopwords / sizeof stopwords[0],
			       sizeof stopwords[0], cmp_term) != NULL;
}
