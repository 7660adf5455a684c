/* proximity.c - best window of query words in a text (see proximity.h). */
#include "proximity.h"

#include <stdlib.h>
#include <string.h>

/* A sliding window over the positions of matched words. */
typedef struct walk {
	char *const *folds;
	size_t n;
	unsigned window;
	unsigned *pos;   /* ring of (position, word) of matches in the window */
	unsigned char *word;
	size_t head, count, cap;
	unsigned in[VNS_PROXIMITY_MAX_WORDS]; /* matches per word in window */
	size_t distinct, best;
	vns_status st;
} walk;

static int word_index(const walk *w, const char *t, size_t len)
{
	for (size_t i = 0; i < w->n; i++)
		if (strlen(w->folds[i]) == len && memcmp(w->folds[i], t, len) == 0)
			return (int)i;
	return -1;
}

/* Drop matches that fell out of the window ending at pos. */
static void expire(walk *w, unsigned pos)
{
	while (w->count && pos - w->pos[w->head] >= w->window) {
		if (--w->in[w->word[w->head]] == 0)
			w->distinct--;
		w->head = (w->head + 1) % w->cap;
		w->count--;
	}
}

static int on_token(void *ctx, const vns_token *tok)
{
	walk *w = ctx;
	int k;
	size_t at;

	if (!(tok->flags & VNS_TOKEN_COLOCATED))
		return 0;
	k = word_index(w, tok->term, tok->len);
	if (k < 0)
		return 0;
	expire(w, tok->pos);
	at = (w->head + w->count) % w->cap;
	w->pos[at] = tok->pos;
	w->word[at] = (unsigned char)k;
	w->count++;
	if (w->in[k]++ == 0)
		w->distinct++;
	if (w->distinct > w->best)
		w->best = w->distinct;
	return w->best == w->n; /* cannot do better */
}

vns_status vns_proximity(vns_analyser *a, const char *text, size_t len,
			 char *const *folds, size_t n, unsigned window,
			 double *out, vns_err *err)
{
	walk w = { folds, n, window ? window : 1, NULL, NULL, 0, 0, 0,
		   { 0 }, 0, 0, VNS_OK };
	vns_status st;

	*out = 0;
	if (n == 0)
		return VNS_OK;
	if (n > VNS_PROXIMITY_MAX_WORDS)
		w.n = n = VNS_PROXIMITY_MAX_WORDS;
	/* at most `window` matches can be inside a window at once */
	w.cap = w.window;
	w.pos = malloc(w.cap * sizeof *w.pos);
	w.word = malloc(w.cap);
	if (!w.pos || !w.word) {
		free(w.pos);
		free(w.word);
		return vns_err_set(err, VNS_ENOMEM, "out of memory");
	}
	st = vns_analyse(a, text, len, on_token, &w, err);
	if (!st)
		*out = (double)w.best / (double)n;
	free(w.pos);
	free(w.word);
	return st;
}
