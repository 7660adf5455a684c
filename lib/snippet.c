/* snippet.c - best-passage selection and highlight spans (see snippet.h). */
#include "snippet.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "grow.h"

/* One word of the text, as the analyser saw it. */
typedef struct sword {
	size_t start, end;
	int match;   /* 0 none, 1 folded, 2 exact (or any form of a word
		      * typed without marks) */
	int which;   /* index of the folded query word matched, or -1 */
	uint64_t seq; /* bit p: the word is query word seq[p] (folded) */
} sword;

typedef struct scan {
	const vns_hlwords *q;
	size_t max_bytes;
	sword *w;
	size_t n, alloc;
	size_t stop_at; /* text offset past which no better passage is
			 * looked for: a passage with every query word was
			 * found and is complete */
	uint64_t plain;  /* folded words typed without marks: any of their
			  * readings is as good as another */
	size_t seq_len[64]; /* strlen of each q->seq[p] */
	vns_status st;
} scan;

static int listed(char *const *list, size_t n, const char *t, size_t len)
{
	for (size_t i = 0; i < n; i++)
		if (strlen(list[i]) == len && memcmp(list[i], t, len) == 0)
			return (int)i;
	return -1;
}

/* Bit k set when folded word k is also an exact word (typed unmarked). */
static uint64_t plain_words(const vns_hlwords *q)
{
	uint64_t m = 0;

	for (size_t k = 0; k < q->n_fold && k < 64; k++)
		if (listed(q->exact, q->n_exact, q->fold[k],
			   strlen(q->fold[k])) >= 0)
			m |= UINT64_C(1) << k;
	return m;
}

/* After a match at word i: if the max_bytes before it hold every folded
 * query word, the first passage with all of them is found; the text
 * needs reading only far enough to fill a passage from there. */
static void note_coverage(scan *sc, size_t i)
{
	uint64_t seen = 0;
	size_t n = sc->q->n_fold, j = i + 1, first = i;

	if (n == 0 || n > 64 || sc->stop_at != SIZE_MAX)
		return;
	while (j > 0 && sc->w[i].end - sc->w[j - 1].start <= sc->max_bytes) {
		j--;
		if (sc->w[j].match == 2) { /* nothing better to find */
			seen |= UINT64_C(1) << sc->w[j].which;
			first = j;
		}
	}
	if (seen == (n == 64 ? UINT64_MAX : (UINT64_C(1) << n) - 1))
		sc->stop_at = sc->w[first].start + sc->max_bytes;
}

static int on_token(void *ctx, const vns_token *tok)
{
	scan *sc = ctx;
	sword *last;

	if (!(tok->flags & VNS_TOKEN_COLOCATED)) {
		if (VNS_GROW(sc->w, sc->alloc, sc->n + 1)) {
			sc->st = VNS_ENOMEM;
			return 1;
		}
		sc->w[sc->n++] = (sword){ tok->start, tok->end,
			listed(sc->q->exact, sc->q->n_exact, tok->term,
			       tok->len) >= 0 ? 2 : 0, -1, 0 };
		/* one word past the passage shows that the text goes on */
		return tok->start > sc->stop_at;
	}
	last = &sc->w[sc->n - 1];
	for (size_t p = 0; p < sc->q->n_seq && p < 64; p++)
		if (sc->seq_len[p] == tok->len && sc->q->seq[p][0] == tok->term[0] &&
		    !memcmp(sc->q->seq[p], tok->term, tok->len))
			last->seq |= UINT64_C(1) << p;
	last->which = listed(sc->q->fold, sc->q->n_fold, tok->term, tok->len);
	if (last->which < 0)
		last->match = 0;
	else if (!last->match) /* a word typed unmarked: any reading will do */
		last->match = last->which < 64 && (sc->plain >> last->which & 1)
				      ? 2 : 1;
	if (last->match == 2)
		note_coverage(sc, sc->n - 1);
	return 0;
}

/* Score of the window w[from..to): each distinct query word once (exact
 * matches weigh more), plus a little for repeats. */
static int window_score(const sword *w, size_t from, size_t to)
{
	unsigned char seen[64] = { 0 };
	int score = 0;

	for (size_t i = from; i < to; i++) {
		int k = w[i].which;
		if (k < 0 || !w[i].match)
			continue;
		if ((size_t)k < sizeof seen && !seen[k]) {
			seen[k] = 1;
			score += 4 * w[i].match;
		} else {
			score += 1;
		}
	}
	return score;
}

/* First word of the best window whose bytes stay within max_bytes. */
static size_t best_start(const sword *w, size_t n, size_t max_bytes)
{
	size_t best = 0, to = 0;
	int best_score = -1;

	for (size_t from = 0; from < n; from++) {
		int sc;
		if (to < from)
			to = from;
		while (to < n && w[to].end - w[from].start <= max_bytes)
			to++;
		if (!w[from].match && from > 0)
			continue; /* windows worth having start on a match */
		sc = window_score(w, from, to);
		if (sc > best_score) {
			best_score = sc;
			best = from;
		}
	}
	return best;
}

/* Copy text[from, to) into s->text, newlines and tabs as spaces. */
static vns_status copy_plain(vns_snippet *s, const char *text, size_t from,
			     size_t to)
{
	vns_status st = VNS_OK;

	for (size_t i = from; !st && i < to; i++) {
		char c = text[i];
		st = vns_buf_addc(&s->text, c == '\n' || c == '\t' || c == '\r'
						    ? ' '
						    : c);
	}
	return st;
}

/* Start a little before the chosen word so the reader has context. */
static size_t lead_in(const sword *w, size_t first, size_t max_bytes)
{
	size_t i = first;

	while (i > 0 && w[first].start - w[i - 1].start < max_bytes / 5)
		i--;
	return i;
}

static int is_space(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

/* Widen [*from, *to) over the punctuation stuck to its ends ("“Bão",
 * "bộ."), at most PUNCT_MAX bytes each side, never past the next word. */
#define PUNCT_MAX 8
static void take_punctuation(const char *text, size_t len, const sword *w,
			     size_t n, size_t first, size_t last,
			     size_t *from, size_t *to)
{
	size_t lo = first > 0 ? w[first - 1].end : 0;
	size_t hi = last + 1 < n ? w[last + 1].start : len;

	while (*from > lo && w[first].start - *from < PUNCT_MAX &&
	       !is_space(text[*from - 1]))
		(*from)--;
	while (*to < hi && *to - w[last].end < PUNCT_MAX && !is_space(text[*to]))
		(*to)++;
	/* never stop inside a UTF-8 sequence */
	while (*from < w[first].start && ((unsigned char)text[*from] & 0xC0) == 0x80)
		(*from)++;
	while (*to > w[last].end && *to < len &&
	       ((unsigned char)text[*to] & 0xC0) == 0x80)
		(*to)--;
}

/* 1 if a run of k query words from seq[p] may be highlighted: a
 * synonym's words only all together. */
static int whole_enough(const vns_hlwords *q, size_t p, size_t k)
{
	if (!(q->seq_flags[p] & VNS_HL_RUN_ONLY))
		return 1;
	return (p == 0 || !(q->seq_flags[p - 1] & VNS_HL_JOINED)) &&
	       !(q->seq_flags[p + k - 1] & VNS_HL_JOINED);
}

/* Length of the longest run of query words standing together in the
 * query, found together from w[i] (at most to w[last]); its first query
 * word in *at. */
static size_t run_at(const vns_hlwords *q, const sword *w, size_t i,
		     size_t last, size_t *at)
{
	size_t best = 0;

	for (size_t p = 0; p < q->n_seq && p < 64; p++) {
		size_t k = 0;
		while (i + k <= last && p + k < q->n_seq && p + k < 64 &&
		       (w[i + k].seq >> (p + k) & 1) &&
		       (k == 0 || (q->seq_flags[p + k - 1] & VNS_HL_JOINED)))
			k++;
		if (k > best && k >= 2 && whole_enough(q, p, k)) {
			best = k;
			*at = p;
		}
	}
	return best;
}

/* Query words seq[p] that are part of a multi-syllable word. */
static uint64_t multi_syllable(const vns_hlwords *q)
{
	uint64_t m = 0;

	for (size_t p = 0; p < q->n_seq && p < 64; p++)
		if ((q->seq_flags[p] & VNS_HL_JOINED) ||
		    (p > 0 && (q->seq_flags[p - 1] & VNS_HL_JOINED)))
			m |= UINT64_C(1) << p;
	return m;
}

/* Which words of w[first..last] to highlight, and which join the next
 * one in a span: runs of query words standing together in the query and
 * in the passage are one span. A word found alone is highlighted if it
 * is a query word of one syllable, or if the passage holds no run at all;
 * a synonym's words only ever in a run of the whole synonym. */
static void mark_words(const vns_hlwords *q, const sword *w, size_t first,
		       size_t last, unsigned char *hl, unsigned char *join)
{
	uint64_t multi = multi_syllable(q), run_only = 0;
	int runs = 0;

	for (size_t p = 0; p < q->n_seq && p < 64; p++)
		if (q->seq_flags[p] & VNS_HL_RUN_ONLY)
			run_only |= UINT64_C(1) << p;
	for (size_t i = first; i <= last;) {
		size_t at = 0, k = run_at(q, w, i, last, &at);
		if (k < 2) {
			i++;
			continue;
		}
		for (size_t j = 0; j < k; j++) {
			hl[i + j - first] = 2;
			join[i + j - first] = j + 1 < k;
		}
		runs = 1;
		i += k;
	}
	for (size_t i = first; i <= last; i++) {
		uint64_t seq = w[i].seq & ~run_only;
		if (hl[i - first] || !w[i].match)
			continue;
		if (q->n_seq && !seq)
			continue;
		if (q->n_seq && runs && !(seq & ~multi))
			continue;
		hl[i - first] = 1;
	}
}

/* The highlight spans of w[first..last], the passage copied from text
 * offset from to s->text offset base. */
static vns_status add_spans(vns_snippet *s, const vns_hlwords *q,
			    const sword *w, size_t first, size_t last,
			    size_t base, size_t from)
{
	size_t n = last - first + 1;
	unsigned char *hl = calloc(n, 1), *join = calloc(n, 1);

	if (!hl || !join) {
		free(hl);
		free(join);
		return VNS_ENOMEM;
	}
	mark_words(q, w, first, last, hl, join);
	for (size_t i = 0; i < n && s->nspans < VNS_SNIPPET_MAX_SPANS; i++) {
		size_t j = i;
		if (!hl[i])
			continue;
		while (join[j] && j + 1 < n)
			j++;
		s->span[s->nspans][0] = base + (w[first + i].start - from);
		s->span[s->nspans][1] = base + (w[first + j].end - from);
		s->nspans++;
		i = j;
	}
	free(hl);
	free(join);
	return VNS_OK;
}

static vns_status emit(vns_snippet *s, const char *text, size_t len,
		       const vns_hlwords *q, const sword *w, size_t n,
		       size_t first, size_t max_bytes)
{
	size_t from = w[first].start, last = first, base, to;
	vns_status st = VNS_OK;

	while (last + 1 < n && w[last + 1].end - from <= max_bytes)
		last++;
	to = w[last].end;
	take_punctuation(text, len, w, n, first, last, &from, &to);
	if (first > 0)
		st = vns_buf_adds(&s->text, "… ");
	base = s->text.len;
	if (!st)
		st = copy_plain(s, text, from, to);
	if (!st)
		st = add_spans(s, q, w, first, last, base, from);
	if (!st && w[last].end < len && last + 1 < n)
		st = vns_buf_adds(&s->text, " …");
	return st;
}

void vns_snippet_init(vns_snippet *s)
{
	vns_buf_init(&s->text, 64 * 1024);
	s->nspans = 0;
}

void vns_snippet_free(vns_snippet *s)
{
	if (!s)
		return;
	vns_buf_free(&s->text);
	s->nspans = 0;
}

vns_status vns_snippet_make(vns_analyser *a, const char *text, size_t len,
			    const vns_hlwords *words, size_t max_bytes,
			    vns_snippet *s, vns_err *err)
{
	scan sc = { words, max_bytes, NULL, 0, 0,
		    words->n_fold ? SIZE_MAX : max_bytes, plain_words(words),
		    { 0 }, VNS_OK };
	vns_status st;
	size_t first;

	vns_buf_reset(&s->text);
	s->nspans = 0;
	for (size_t p = 0; p < words->n_seq && p < 64; p++)
		sc.seq_len[p] = strlen(words->seq[p]);
	st = vns_analyse(a, text, len, on_token, &sc, err);
	if (!st && sc.st)
		st = vns_err_set(err, sc.st, "out of memory");
	if (!st && sc.n > 0) {
		first = best_start(sc.w, sc.n, max_bytes);
		if (first > 0 && sc.w[first].match)
			first = lead_in(sc.w, first, max_bytes);
		st = emit(s, text, len, words, sc.w, sc.n, first, max_bytes);
		if (st)
			vns_err_set(err, st, "snippet: %s", vns_strerror(st));
	}
	free(sc.w);
	return st;
}
