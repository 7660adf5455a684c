/* typing.c - Telex/VNI residue and typing slips in query words
 * (typing.h). */
#include "typing.h"

#include <stdint.h>
#include <string.h>

#include <unicode/uchar.h>

#include "restore.h"
#include "schema.h"
#include "telex.h"
#include "utf8.h"

/* A word typed as keystrokes is read only as typed when the index holds
 * it at least 1/TELEX_RATIO as often as the decoded syllable; as both
 * when at least 1/TELEX_BOTH_RATIO as often (the word as typed then
 * weighs TELEX_TYPED_WEIGHT); else as the syllable alone. */
#define TELEX_RATIO 20
#define TELEX_BOTH_RATIO 100
#define TELEX_TYPED_WEIGHT 0.5
/* A word in at most this many documents is checked for a typo. */
#define TYPO_FEW 2
/* Shortest word corrected (shorter by one if the index lacks it), and
 * the longest corrected by one edit. */
#define TYPO_MIN_LEN 4
#define TYPO_ONE_EDIT_MAX 7
/* Weight of the best correction (the word as typed weighs 1), and of the
 * next ones. */
#define CORRECTION_WEIGHT 0.8
#define CORRECTION_OTHER_WEIGHT 0.4
/* A word the index has is corrected by context (real_word) only to a
 * word beside its neighbour in this many documents, weighing this. */
#define REAL_WORD_PAIR_MIN 5
#define REAL_WORD_WEIGHT 0.5
/* Other corrections are kept if this share of the best one's documents. */
#define CORRECTION_OTHER_SHARE 0.25
/* Most index terms read for a long word's corrections. */
#define TERMS_READ_MAX 20000

#define CP_MAX (VNS_TERM_MAX + 1)

/* s into out (cap bytes, NUL-terminated); 0 if it does not fit. */
static int copy(char *out, size_t cap, const char *s)
{
	size_t n = strlen(s);

	if (n >= cap)
		return 0;
	memcpy(out, s, n + 1);
	return 1;
}

/* Documents indexed by prefix + a, or by prefix + "a b" when b. */
static unsigned long tf2(const vns_typing_src *src, const char *prefix,
			 const char *a, const char *b)
{
	char t[3 * VNS_TERM_MAX + 8];
	size_t np = strlen(prefix), na = strlen(a), nb = b ? strlen(b) : 0;
	size_t n = np + na + (b ? nb + 1 : 0);

	if (n >= sizeof t)
		return 0;
	memcpy(t, prefix, np);
	memcpy(t + np, a, na);
	if (b) {
		t[np + na] = ' ';
		memcpy(t + np + na + 1, b, nb);
	}
	t[n] = '\0';
	return src->termfreq(src->ctx, t, n);
}

static int is_syllable(const char *fold)
{
	char buf[512];
	const char *r[VNS_RESTORE_MAX];

	return vns_restore_readings(fold, strlen(fold), buf, sizeof buf, r) > 0;
}

/* The first word of an analysis: its exact and folded forms. */
struct first_word {
	vns_typing_alt *alt;
	int seen;
};

static int take_first(void *ctx, const vns_token *tok)
{
	struct first_word *f = ctx;
	char *dst = (tok->flags & VNS_TOKEN_COLOCATED) ? f->alt->fold
						       : f->alt->exact;

	if (f->seen > 1 || tok->len > VNS_TERM_MAX)
		return 1;
	memcpy(dst, tok->term, tok->len);
	dst[tok->len] = '\0';
	if (!(tok->flags & VNS_TOKEN_COLOCATED))
		f->alt->flags = tok->flags;
	f->seen++;
	return 0;
}

/* alt's exact and folded forms from its shown text; 0 if it is not one
 * word. */
static int analyse_alt(vns_analyser *a, vns_typing_alt *alt)
{
	struct first_word f = { alt, 0 };
	vns_err err;

	alt->exact[0] = alt->fold[0] = '\0';
	return !vns_analyse(a, alt->shown, strlen(alt->shown), take_first, &f,
			    &err) &&
	       f.seen == 2 && alt->fold[0];
}

/* 1 if the word has two letters or more, all in capitals. */
static int all_capitals(const char *s, size_t len)
{
	size_t letters = 0;

	for (size_t i = 0; i < len; i++) {
		if (s[i] >= 'a' && s[i] <= 'z')
			return 0;
		letters += s[i] >= 'A' && s[i] <= 'Z';
	}
	return letters >= 2;
}

int vns_typing_decode(vns_analyser *a, const vns_typing_src *src,
		      const char *typed, size_t len, const char *fold,
		      int marked, vns_typing_fix *fix)
{
	vns_typing_alt *alt = &fix->alt[0];
	unsigned long typed_tf, dec_tf;

	/* a syllable as typed too ("coong", "loong", rare loanwords with
	 * oo) is read as typed by the frequency rule below */
	(void)fold;
	memset(fix, 0, sizeof *fix);
	if (all_capitals(typed, len) ||
	    !vns_telex_decode(typed, len, alt->shown, sizeof alt->shown) ||
	    !analyse_alt(a, alt) || !is_syllable(alt->fold))
		return 0;
	dec_tf = src->termfreq(src->ctx, alt->exact, strlen(alt->exact));
	if (!dec_tf)
		return 0;
	typed_tf = tf2(src, VNS_PREFIX_FOLD, fold, NULL);
	if (typed_tf * TELEX_RATIO >= dec_tf || (marked && typed_tf))
		return 0;
	alt->weight = 1.0;
	fix->n = 1;
	fix->typed_weight = typed_tf * TELEX_BOTH_RATIO >= dec_tf
				    ? TELEX_TYPED_WEIGHT : 0.0;
	return 1;
}

/* s as code points into out (at most CP_MAX); how many. */
static size_t code_points(const char *s, unsigned *out)
{
	size_t n = 0, len = strlen(s);

	for (size_t i = 0; i < len && n < CP_MAX;) {
		uint32_t cp;
		size_t k = vns_utf8_decode(s + i, len - i, &cp);
		if (!k)
			break;
		out[n++] = cp;
		i += k;
	}
	return n;
}

unsigned vns_typing_distance(const unsigned *a, size_t na, const unsigned *b,
			     size_t nb, unsigned max)
{
	unsigned d[CP_MAX + 1][CP_MAX + 1];

	if (na > CP_MAX || nb > CP_MAX)
		return max + 1;
	if ((na > nb ? na - nb : nb - na) > max)
		return max + 1;
	for (size_t i = 0; i <= na; i++)
		d[i][0] = (unsigned)i;
	for (size_t j = 0; j <= nb; j++)
		d[0][j] = (unsigned)j;
	for (size_t i = 1; i <= na; i++) {
		unsigned row_min = max + 1;
		for (size_t j = 1; j <= nb; j++) {
			unsigned c = d[i - 1][j - 1] + (a[i - 1] != b[j - 1]);
			if (d[i - 1][j] + 1 < c)
				c = d[i - 1][j] + 1;
			if (d[i][j - 1] + 1 < c)
				c = d[i][j - 1] + 1;
			if (i > 1 && j > 1 && a[i - 1] == b[j - 2] &&
			    a[i - 2] == b[j - 1] && d[i - 2][j - 2] + 1 < c)
				c = d[i - 2][j - 2] + 1;
			d[i][j] = c;
			if (c < row_min)
				row_min = c;
		}
		if (row_min > max)
			return max + 1;
	}
	return d[na][nb] > max ? max + 1 : d[na][nb];
}

static unsigned ascii_distance(const char *a, const char *b, unsigned max)
{
	unsigned x[CP_MAX], y[CP_MAX];
	size_t na = code_points(a, x), nb = code_points(b, y);

	return vns_typing_distance(x, na, y, nb, max);
}

/* A candidate correction and what ranks it. */
typedef struct cand {
	char fold[VNS_TERM_MAX + 1];
	unsigned long tf, pair_tf;
} cand;

typedef struct search {
	const vns_typing_src *src;
	const char *fold, *prev, *next;
	unsigned max;
	cand best[VNS_TYPING_MAX];
	size_t n;
	size_t read;
} search;

static int ranks_above(const cand *x, const cand *y)
{
	if (x->pair_tf != y->pair_tf)
		return x->pair_tf > y->pair_tf;
	return x->tf > y->tf;
}

/* Keep c among the best few, best first. */
static void offer(search *s, const cand *c)
{
	size_t at = s->n;

	while (at > 0 && ranks_above(c, &s->best[at - 1]))
		at--;
	if (at >= VNS_TYPING_MAX)
		return;
	if (s->n < VNS_TYPING_MAX)
		s->n++;
	memmove(&s->best[at + 1], &s->best[at],
		(s->n - 1 - at) * sizeof *s->best);
	s->best[at] = *c;
}

static void consider(search *s, const char *w, size_t len, unsigned long tf)
{
	cand c;

	if (len > VNS_TERM_MAX || len == 0)
		return;
	memcpy(c.fold, w, len);
	c.fold[len] = '\0';
	if (!strcmp(c.fold, s->fold) ||
	    ascii_distance(c.fold, s->fold, s->max) > s->max)
		return;
	for (size_t i = 0; i < s->n; i++)
		if (!strcmp(s->best[i].fold, c.fold))
			return;
	c.tf = tf ? tf : tf2(s->src, VNS_PREFIX_FOLD, c.fold, NULL);
	if (!c.tf)
		return;
	c.pair_tf = (s->prev ? tf2(s->src, VNS_PREFIX_FOLD_PAIR, s->prev,
				   c.fold) : 0) +
		    (s->next ? tf2(s->src, VNS_PREFIX_FOLD_PAIR, c.fold,
				   s->next) : 0);
	offer(s, &c);
}

/* A term of the index's folded words, for a long word. */
static int term_seen(void *ctx, const char *term, size_t len,
		     unsigned long tf)
{
	search *s = ctx;
	size_t plen = strlen(VNS_PREFIX_FOLD);

	if (++s->read > TERMS_READ_MAX)
		return 1;
	if (len > plen)
		consider(s, term + plen, len - plen, tf);
	return 0;
}

/* The reading of fold closest to the typed exact form, as exact in out
 * (cap bytes); "" when none is within max edits. */
static void closest_reading(const char *fold, const char *typed_exact,
			    unsigned max, char *out, size_t cap)
{
	char buf[512];
	const char *r[VNS_RESTORE_MAX];
	size_t n = vns_restore_readings(fold, strlen(fold), buf, sizeof buf, r);
	unsigned want[CP_MAX], got[CP_MAX], best = max + 1;
	size_t nw = code_points(typed_exact, want);

	out[0] = '\0';
	for (size_t i = 0; i < n; i++) {
		unsigned d = vns_typing_distance(want, nw, got,
						 code_points(r[i], got), max);
		if (d < best && copy(out, cap, r[i]))
			best = d;
	}
}

/* out: s with its first letter in upper case when typed's is. */
static void shown_as_typed(const char *s, const char *typed, size_t len,
			   char *out, size_t cap)
{
	uint32_t first, cp;
	size_t k = len ? vns_utf8_decode(typed, len, &first) : 0;
	size_t sk = vns_utf8_decode(s, strlen(s), &cp);
	char up[4];
	size_t un;

	if (!copy(out, cap, s))
		return;
	if (!k || !sk || !u_isupper((UChar32)first))
		return;
	un = vns_utf8_encode((uint32_t)u_toupper((UChar32)cp), up);
	if (strlen(s) - sk + un >= cap)
		return;
	memmove(out + un, s + sk, strlen(s) - sk + 1);
	memcpy(out, up, un);
}

static int all_letters(const char *s)
{
	for (; *s; s++)
		if (*s < 'a' || *s > 'z')
			return 0;
	return 1;
}

/* alt: the correction c of the word typed (exact: its exact form, with
 * marks if marked), weighing weight. */
static void fill_alt(vns_typing_alt *alt, const cand *c, const char *typed,
		     size_t len, const char *exact, int marked, unsigned max,
		     double weight)
{
	copy(alt->fold, sizeof alt->fold, c->fold);
	if (marked)
		closest_reading(c->fold, exact, max, alt->exact,
				sizeof alt->exact);
	shown_as_typed(alt->exact[0] ? alt->exact : alt->fold, typed, len,
		       alt->shown, sizeof alt->shown);
	alt->flags = alt->exact[0] && strcmp(alt->exact, alt->fold)
			     ? VNS_TOKEN_MARKED : 0;
	alt->weight = weight;
}

/* How often the word as typed stands next to its neighbours. */
static unsigned long typed_pairs(const search *s)
{
	return (s->prev ? tf2(s->src, VNS_PREFIX_FOLD_PAIR, s->prev, s->fold)
			: 0) +
	       (s->next ? tf2(s->src, VNS_PREFIX_FOLD_PAIR, s->fold, s->next)
			: 0);
}

static void fill_alt(vns_typing_alt *alt, const cand *c, const char *typed,
		     size_t len, const char *exact, int marked, unsigned max,
		     double weight);

/* 1 if exact (folded: fold) is a syllable of the table as written. */
static int is_reading(const char *exact, const char *fold)
{
	char buf[512];
	const char *r[VNS_RESTORE_MAX];
	size_t n = vns_restore_readings(fold, strlen(fold), buf, sizeof buf, r);

	if (n == 0)
		return 0;
	if (!strcmp(exact, fold))
		return 1;
	for (size_t i = 0; i < n; i++)
		if (!strcmp(r[i], exact))
			return 1;
	return 0;
}

/* A word the index has (a typo that made another word: "hung" for
 * "nhung") that never stands next to its neighbours, where a word one
 * edit away does, often: that word is searched too, weighing less. */
static int real_word(search *s, const char *typed, size_t len,
		     const char *exact, int marked, vns_typing_fix *fix)
{
	const char *f;

	if ((!s->prev && !s->next) || strlen(s->fold) + 1 < TYPO_MIN_LEN ||
	    typed_pairs(s))
		return 0;
	for (size_t i = 0; (f = vns_restore_fold_at(i)); i++)
		consider(s, f, strlen(f), 0);
	if (s->n == 0 || s->best[0].pair_tf < REAL_WORD_PAIR_MIN)
		return 0;
	fill_alt(&fix->alt[0], &s->best[0], typed, len, exact, marked, s->max,
		 REAL_WORD_WEIGHT);
	fix->n = 1;
	fix->typed_weight = 1.0;
	return 1;
}

int vns_typing_correct(const vns_typing_src *src, const char *typed,
		       size_t len, const char *exact, const char *fold,
		       const char *prev, const char *next,
		       vns_typing_fix *fix)
{
	size_t n = strlen(fold);
	search s = { src, fold, prev, next,
		     n <= TYPO_ONE_EDIT_MAX ? 1u : 2u, { { { 0 }, 0, 0 } }, 0,
		     0 };
	unsigned long typed_tf;
	const char *f;
	int marked = strcmp(exact, fold) != 0;

	memset(fix, 0, sizeof *fix);
	if (n + 1 < TYPO_MIN_LEN || n > VNS_TELEX_MAX || !all_letters(fold))
		return 0;
	typed_tf = tf2(src, VNS_PREFIX_FOLD, fold, NULL);
	/* a Vietnamese syllable as typed is corrected only by its context:
	 * "chè" is what was meant even where the index lacks it */
	if (typed_tf > TYPO_FEW || is_reading(exact, fold))
		return real_word(&s, typed, len, exact, marked, fix);
	if (n < TYPO_MIN_LEN && typed_tf > 0)
		return 0;
	for (size_t i = 0; (f = vns_restore_fold_at(i)); i++)
		consider(&s, f, strlen(f), 0);
	/* other words than syllables: names, loanwords ("VinFsat") */
	if ((n > TYPO_ONE_EDIT_MAX || s.n == 0) && src->allterms) {
		char prefix[8] = VNS_PREFIX_FOLD;
		prefix[strlen(prefix) + 1] = '\0';
		prefix[strlen(prefix)] = fold[0];
		src->allterms(src->ctx, prefix, term_seen, &s);
	}
	/* a word the index has, next to a word it stands beside there, is
	 * what was meant; else a correction must stand beside it */
	if (typed_tf && (typed_pairs(&s) || s.n == 0 || !s.best[0].pair_tf))
		return 0;
	for (size_t i = 0; i < s.n; i++) {
		vns_typing_alt *alt = &fix->alt[fix->n];
		const cand *c = &s.best[i];
		if (i > 0 && (c->pair_tf > 0) != (s.best[0].pair_tf > 0))
			break;
		if (i > 0 && c->tf < CORRECTION_OTHER_SHARE * s.best[0].tf)
			break;
		fill_alt(alt, c, typed, len, exact, marked, s.max,
			 i == 0 ? CORRECTION_WEIGHT : CORRECTION_OTHER_WEIGHT);
		fix->n++;
	}
	fix->typed_weight = typed_tf ? 1.0 : 0.0;
	return fix->n > 0;
}
