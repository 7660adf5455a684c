/* readings.c - tally of the accented readings of query words in the top
 * documents (see readings.h). */
#include "readings.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <unicode/uchar.h>
#include <unicode/unorm2.h>
#include <unicode/ustring.h>

#include "grow.h"
#include "utf8.h"

/* One exact form seen for a query word. */
typedef struct tally {
	size_t word;          /* index into folds */
	char *exact;
	char *surface;        /* a capitalised spelling seen in the text */
	unsigned long count;
	unsigned long capitalised; /* occurrences written with a capital */
} tally;

/* An occurrence next to another query word is worth this many more. */
#define IN_CONTEXT_BONUS 2

/* Occurrences of each query word read per text, and bytes read of it at
 * most: the first ones show how the text reads the words; the rest of a
 * long text would only cost time. */
#define PER_TEXT 8
#define TEXT_BYTES 1024

struct vns_readings {
	char **folds;
	size_t nfolds;
	tally *t;
	size_t n, alloc;
	/* the walk over one text */
	const char *text;
	char exact[VNS_TERM_MAX + 1]; /* the current word's exact form */
	size_t exact_len, start, end;
	int prev_word;       /* the previous word's index in folds, or -1 */
	size_t prev_tally;
	int prev_cap;        /* the previous word was capitalised */
	unsigned *in_text;   /* occurrences of each word in this text */
	size_t full;         /* words seen PER_TEXT times in this text */
	vns_status st;
};

vns_status vns_readings_new(char *const *folds, size_t n,
			    vns_readings **out, vns_err *err)
{
	vns_readings *r = calloc(1, sizeof *r);

	if (!r || !(r->folds = calloc(n ? n : 1, sizeof *r->folds)) ||
	    !(r->in_text = calloc(n ? n : 1, sizeof *r->in_text)))
		goto oom;
	for (; r->nfolds < n; r->nfolds++)
		if (!(r->folds[r->nfolds] = strdup(folds[r->nfolds])))
			goto oom;
	*out = r;
	return VNS_OK;
oom:
	vns_readings_free(r);
	return vns_err_set(err, VNS_ENOMEM, "out of memory");
}

void vns_readings_free(vns_readings *r)
{
	if (!r)
		return;
	for (size_t i = 0; i < r->nfolds; i++)
		free(r->folds[i]);
	for (size_t i = 0; i < r->n; i++) {
		free(r->t[i].exact);
		free(r->t[i].surface);
	}
	free(r->folds);
	free(r->in_text);
	free(r->t);
	free(r);
}

static int word_of(const vns_readings *r, const char *fold, size_t len)
{
	for (size_t i = 0; i < r->nfolds; i++)
		if (strlen(r->folds[i]) == len &&
		    memcmp(r->folds[i], fold, len) == 0)
			return (int)i;
	return -1;
}

/* len bytes of UTF-8 in NFC (documents may be stored in NFD), or as they
 * are if they cannot be converted; NULL when out of memory. Caller
 * frees. */
static char *nfc_dup(const char *s, size_t len)
{
	UChar in[2 * VNS_TERM_MAX], out[2 * VNS_TERM_MAX];
	int32_t n = 0, m;
	UErrorCode ec = U_ZERO_ERROR;
	const UNormalizer2 *nfc = unorm2_getNFCInstance(&ec);
	char *r;

	if (len > VNS_TERM_MAX)
		return strndup(s, len);
	u_strFromUTF8(in, 2 * VNS_TERM_MAX, &n, s, (int32_t)len, &ec);
	m = unorm2_normalize(nfc, in, n, out, 2 * VNS_TERM_MAX, &ec);
	if (U_FAILURE(ec) || !(r = malloc((size_t)m * 3 + 1)))
		return U_FAILURE(ec) ? strndup(s, len) : NULL;
	u_strToUTF8(r, m * 3 + 1, NULL, out, m, &ec);
	if (U_FAILURE(ec)) {
		free(r);
		return strndup(s, len);
	}
	return r;
}

/* The tally of (word, current exact form), created if new; (size_t)-1
 * when out of memory. */
static size_t find_tally(vns_readings *r, size_t word)
{
	tally *t;

	for (size_t i = 0; i < r->n; i++)
		if (r->t[i].word == word &&
		    strlen(r->t[i].exact) == r->exact_len &&
		    memcmp(r->t[i].exact, r->exact, r->exact_len) == 0)
			return i;
	if (VNS_GROW(r->t, r->alloc, r->n + 1))
		return (size_t)-1;
	t = &r->t[r->n];
	t->word = word;
	t->count = 0;
	t->capitalised = 0;
	t->exact = strndup(r->exact, r->exact_len);
	t->surface = nfc_dup(r->text + r->start, r->end - r->start);
	if (!t->exact || !t->surface) {
		free(t->exact);
		free(t->surface);
		return (size_t)-1;
	}
	return r->n++;
}

/* 1 if the word starts with an upper-case letter. */
static int starts_capitalised(const char *s, size_t len)
{
	uint32_t cp;

	return len > 0 && vns_utf8_decode(s, len, &cp) > 0 &&
	       u_isupper((UChar32)cp);
}

static void replace_surface(tally *t, const char *s, size_t len)
{
	char *p;

	if (starts_capitalised(t->surface, strlen(t->surface)))
		return;
	p = nfc_dup(s, len);
	if (p) {
		free(t->surface);
		t->surface = p;
	}
}

static void on_exact(vns_readings *r, const vns_token *tok)
{
	r->exact_len = tok->len < sizeof r->exact ? tok->len : 0;
	memcpy(r->exact, tok->term, r->exact_len);
	r->start = tok->start;
	r->end = tok->end;
	if (tok->flags & VNS_TOKEN_BREAK_BEFORE)
		r->prev_word = -1;
}

static int on_token(void *ctx, const vns_token *tok)
{
	vns_readings *r = ctx;
	int w, cap;
	unsigned long weight;
	size_t i;

	if (!(tok->flags & VNS_TOKEN_COLOCATED)) {
		on_exact(r, tok);
		return 0;
	}
	w = word_of(r, tok->term, tok->len);
	if (w < 0 || r->exact_len == 0) {
		r->prev_word = -1;
		return 0;
	}
	i = find_tally(r, (size_t)w);
	if (i == (size_t)-1) {
		r->st = VNS_ENOMEM;
		return 1;
	}
	cap = starts_capitalised(r->text + r->start, r->end - r->start);
	if (cap)
		replace_surface(&r->t[i], r->text + r->start,
				r->end - r->start);
	weight = 1;
	if (r->prev_word >= 0 && r->prev_word != w) {
		weight += IN_CONTEXT_BONUS;
		r->t[r->prev_tally].count += IN_CONTEXT_BONUS;
		if (r->prev_cap)
			r->t[r->prev_tally].capitalised += IN_CONTEXT_BONUS;
	}
	r->t[i].count += weight;
	if (cap)
		r->t[i].capitalised += weight;
	r->prev_word = w;
	r->prev_tally = i;
	r->prev_cap = cap;
	return ++r->in_text[w] == PER_TEXT && ++r->full == r->nfolds;
}

vns_status vns_readings_add_text(vns_readings *r, vns_analyser *a,
				 const char *text, size_t len, vns_err *err)
{
	vns_status st;

	r->text = text;
	r->prev_word = -1;
	r->st = VNS_OK;
	memset(r->in_text, 0, r->nfolds * sizeof *r->in_text);
	r->full = 0;
	if (len > TEXT_BYTES) { /* cut before a UTF-8 sequence */
		len = TEXT_BYTES;
		while (len > 0 && ((unsigned char)text[len] & 0xC0) == 0x80)
			len--;
	}
	st = vns_analyse(a, text, len, on_token, r, err);
	if (!st && r->st)
		st = vns_err_set(err, r->st, "out of memory");
	return st;
}

unsigned long vns_readings_count(const vns_readings *r, const char *exact,
				 size_t len)
{
	unsigned long n = 0;

	for (size_t i = 0; i < r->n; i++)
		if (strlen(r->t[i].exact) == len &&
		    memcmp(r->t[i].exact, exact, len) == 0)
			n += r->t[i].count;
	return n;
}

const char *vns_readings_best(const vns_readings *r, const char *fold)
{
	int w = word_of(r, fold, strlen(fold));
	const tally *best = NULL;

	for (size_t i = 0; w >= 0 && i < r->n; i++)
		if (r->t[i].word == (size_t)w &&
		    (!best || r->t[i].count > best->count))
			best = &r->t[i];
	if (!best)
		return NULL;
	/* a name is written with capitals most of the time */
	return 2 * best->capitalised > best->count ? best->surface
						   : best->exact;
}
