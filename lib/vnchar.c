/* vnchar.c - canonical tone placement and accent folding for one word in
 * lower-case NFD UTF-16. A syllable is parsed into letters (base plus an
 * optional quality mark), checked against Vietnamese syllable structure,
 * and its single tone mark is moved to the vowel the rules pick. */
#include "vnchar.h"

#include <string.h>

/* "nghiêng" has 7 letters; anything longer is not one syllable */
#define MAX_LETTERS 8

typedef struct letter {
	UChar base;    /* a-z or U+0111 (đ) */
	UChar quality; /* 0, U+0302, U+0306 or U+031B */
	int32_t at;    /* index of the base in the string */
} letter;

typedef struct syllable {
	letter l[MAX_LETTERS];
	int n;           /* letters */
	UChar tone;      /* the tone mark */
	int32_t tone_at; /* its index in the string */
	int tone_letter; /* the letter carrying it */
	int v0, v1;      /* the vowel run is l[v0..v1) */
} syllable;

static const char *const initials[] = {
	"",  "b",  "c",  "ch", "d",  "@",  "g",  "gh", "h",
	"k", "kh", "l",  "m",  "n",  "ng", "ngh", "nh", "p",
	"ph", "q", "r",  "s",  "t",  "th", "tr", "v",  "x",
};

static const char *const finals[] = {
	"", "c", "ch", "k", "m", "n", "ng", "nh", "p", "t",
};

int vns_vn_is_diacritic(UChar32 c)
{
	return (c >= 0x0300 && c <= 0x036F) || (c >= 0x1AB0 && c <= 0x1AFF) ||
	       (c >= 0x1DC0 && c <= 0x1DFF) || (c >= 0x20D0 && c <= 0x20FF) ||
	       (c >= 0xFE20 && c <= 0xFE2F);
}

static int is_tone(UChar c)
{
	return c == 0x0300 || c == 0x0301 || c == 0x0303 || c == 0x0309 ||
	       c == 0x0323;
}

static int is_quality(UChar c)
{
	return c == 0x0302 || c == 0x0306 || c == 0x031B;
}

static int is_vowel(UChar c)
{
	return c == 'a' || c == 'e' || c == 'i' || c == 'o' || c == 'u' ||
	       c == 'y';
}

static int is_run_char(UChar c)
{
	return (c >= 'a' && c <= 'z') || c == 0x0111 || vns_vn_is_diacritic(c);
}

/* â ê ô, ă, ơ ư: the only quality marks Vietnamese writes */
static int quality_fits(UChar base, UChar mark)
{
	if (mark == 0x0302)
		return base == 'a' || base == 'e' || base == 'o';
	if (mark == 0x0306)
		return base == 'a';
	return base == 'o' || base == 'u';
}

/* canonical combining class of the marks a syllable may hold */
static int ccc(UChar mark)
{
	if (mark == 0x031B)
		return 216;
	if (mark == 0x0323)
		return 220;
	return 230;
}

static int add_mark(syllable *sy, UChar c, int32_t i, int *tones)
{
	letter *l = &sy->l[sy->n - 1];

	if (is_tone(c)) {
		sy->tone = c;
		sy->tone_at = i;
		sy->tone_letter = sy->n - 1;
		return ++*tones == 1;
	}
	if (!is_quality(c) || l->quality || !quality_fits(l->base, c))
		return 0;
	l->quality = c;
	return 1;
}

/* Split s[0..n) into letters; 1 if it holds exactly one tone mark and
 * only marks Vietnamese uses. */
static int parse_letters(const UChar *s, int32_t n, syllable *sy)
{
	int tones = 0;
	int32_t i;

	sy->n = 0;
	for (i = 0; i < n; i++) {
		if (vns_vn_is_diacritic(s[i])) {
			if (!sy->n || !add_mark(sy, s[i], i, &tones))
				return 0;
			continue;
		}
		if (sy->n == MAX_LETTERS)
			return 0;
		sy->l[sy->n].base = s[i];
		sy->l[sy->n].quality = 0;
		sy->l[sy->n].at = i;
		sy->n++;
	}
	return tones == 1;
}

/* 1 if letters l[from..to) spell one of the n strings in set (đ as '@') */
static int spells(const syllable *sy, int from, int to,
		  const char *const *set, size_t n)
{
	char key[MAX_LETTERS + 1];
	size_t i;
	int k;

	for (k = from; k < to; k++)
		key[k - from] = sy->l[k].base == 0x0111 ? '@' : (char)sy->l[k].base;
	key[to - from] = '\0';
	for (i = 0; i < n; i++)
		if (strcmp(key, set[i]) == 0)
			return 1;
	return 0;
}

/* 1 if the letters are initial + one vowel run + final, all valid */
static int find_vowels(syllable *sy)
{
	int i = 0;

	while (i < sy->n && !is_vowel(sy->l[i].base))
		i++;
	sy->v0 = i;
	while (i < sy->n && is_vowel(sy->l[i].base))
		i++;
	sy->v1 = i;
	if (sy->v0 == sy->v1 || sy->tone_letter < sy->v0 ||
	    sy->tone_letter >= sy->v1)
		return 0;
	return spells(sy, 0, sy->v0, initials,
		      sizeof initials / sizeof initials[0]) &&
	       spells(sy, sy->v1, sy->n, finals,
		      sizeof finals / sizeof finals[0]);
}

/* where the nucleus starts: the u of qu, the i of gi (before another
 * vowel) belong to the initial */
static int nucleus_start(const syllable *sy)
{
	UChar first = sy->l[sy->v0].base;
	UChar init = sy->v0 == 1 ? sy->l[0].base : 0;

	if (sy->v1 - sy->v0 < 2)
		return sy->v0;
	if ((init == 'q' && first == 'u') || (init == 'g' && first == 'i'))
		return sy->v0 + 1;
	return sy->v0;
}

static int is_medial_pair(UChar a, UChar b)
{
	return (a == 'o' && (b == 'a' || b == 'e')) || (a == 'u' && b == 'y');
}

/* the letter that should carry the tone, or -1 if this is no syllable */
static int tone_target(const syllable *sy)
{
	int start = nucleus_start(sy), k = sy->v1 - start, i, marked = -1;

	if (k > 3)
		return -1;
	for (i = start; i < sy->v1; i++)
		if (sy->l[i].quality)
			marked = i;
	if (marked >= 0)
		return marked;
	if (k >= 2 && is_medial_pair(sy->l[start].base, sy->l[start + 1].base))
		return start + 1;
	if (sy->v1 < sy->n)
		return sy->v1 - 1;
	return k == 3 ? start + 1 : start;
}

/* Move s[from] to index to (counted in the string before the move). */
static void move_unit(UChar *s, int32_t from, int32_t to)
{
	UChar c = s[from];

	if (from < to) {
		memmove(s + from, s + from + 1, (size_t)(to - from - 1) * sizeof *s);
		s[to - 1] = c;
	} else {
		memmove(s + to + 1, s + to, (size_t)(from - to) * sizeof *s);
		s[to] = c;
	}
}

/* Canonicalise one run; 1 if it changed. */
static int place_tone(UChar *s, int32_t n)
{
	syllable sy = { 0 };
	int t;
	int32_t to;

	if (!parse_letters(s, n, &sy) || !find_vowels(&sy))
		return 0;
	t = tone_target(&sy);
	if (t < 0 || t == sy.tone_letter)
		return 0;
	to = sy.l[t].at + 1;
	if (sy.l[t].quality && ccc(sy.l[t].quality) <= ccc(sy.tone))
		to++;
	move_unit(s, sy.tone_at, to);
	return 1;
}

int vns_vn_place_tones(UChar *s, int32_t n)
{
	int32_t i = 0, j;
	int changed = 0;

	while (i < n) {
		if (!is_run_char(s[i])) {
			i++;
			continue;
		}
		for (j = i; j < n && is_run_char(s[j]); j++)
			;
		changed += place_tone(s + i, j - i);
		i = j;
	}
	return changed;
}

int32_t vns_vn_fold(const UChar *s, int32_t n, UChar *out)
{
	int32_t i, k = 0;

	for (i = 0; i < n; i++) {
		UChar c = s[i];

		if (vns_vn_is_diacritic(c))
			continue;
		if (c == 0x0111)
			c = 'd';
		else if (c == 0x0110)
			c = 'D';
		out[k++] = c;
	}
	return k;
}
