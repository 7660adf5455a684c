/* proximity.c - best window of query words in a document (see
 * proximity.h). */
#include "proximity.h"

/* A sliding window over the matches (position, word) in position order. */
typedef struct walk {
	unsigned window;
	unsigned pos[VNS_PROXIMITY_MAX_WINDOW]; /* ring of matches in window */
	unsigned char word[VNS_PROXIMITY_MAX_WINDOW];
	size_t head, count;
	unsigned in[VNS_PROXIMITY_MAX_WORDS]; /* matches per word in window */
	size_t distinct, best;
} walk;

static void drop_oldest(walk *w)
{
	if (--w->in[w->word[w->head]] == 0)
		w->distinct--;
	w->head = (w->head + 1) % VNS_PROXIMITY_MAX_WINDOW;
	w->count--;
}

/* Word k at pos enters the window, after the matches that fell out of it.
 * Distinct words never share a position, so the ring only fills up when
 * a caller passes a word twice. */
static void enter(walk *w, unsigned pos, size_t k)
{
	size_t at;

	while (w->count && (pos - w->pos[w->head] >= w->window ||
			    w->count == VNS_PROXIMITY_MAX_WINDOW))
		drop_oldest(w);
	at = (w->head + w->count) % VNS_PROXIMITY_MAX_WINDOW;
	w->pos[at] = pos;
	w->word[at] = (unsigned char)k;
	w->count++;
	if (w->in[k]++ == 0)
		w->distinct++;
	if (w->distinct > w->best)
		w->best = w->distinct;
}

/* The word whose next position comes first; n when all are used up. */
static size_t next_word(const vns_poslist *words, const size_t *at,
			size_t n)
{
	size_t k = n;

	for (size_t i = 0; i < n; i++)
		if (at[i] < words[i].n &&
		    (k == n || words[i].pos[at[i]] < words[k].pos[at[k]]))
			k = i;
	return k;
}

double vns_proximity(const vns_poslist *words, size_t n, unsigned window)
{
	walk w = { 0 };
	size_t at[VNS_PROXIMITY_MAX_WORDS] = { 0 }, k;

	if (n == 0)
		return 0;
	if (n > VNS_PROXIMITY_MAX_WORDS)
		n = VNS_PROXIMITY_MAX_WORDS;
	w.window = window == 0 ? 1
		   : window > VNS_PROXIMITY_MAX_WINDOW ? VNS_PROXIMITY_MAX_WINDOW
						       : window;
	while (w.best < n && (k = next_word(words, at, n)) < n)
		enter(&w, words[k].pos[at[k]++], k);
	return (double)w.best / (double)n;
}
