/* analyse.h - the Vietnamese analyser: the one place where text becomes
 * terms, for indexing and for querying alike (after sqlite's fts5 tokenizer
 * API). It validates UTF-8, breaks words with ICU, and for each word yields
 * the exact form (NFC, lower case, one canonical tone placement, stray
 * combining marks and invisible format characters dropped) and, colocated
 * at the same position, the folded form (no marks at all, đ -> d). */
#ifndef VNS_ANALYSE_H
#define VNS_ANALYSE_H

#include <stddef.h>

#include "status.h"

typedef struct vns_analyser vns_analyser;

/* Longest exact or folded term, in bytes. A longer word (base64, a run of
 * letters without spaces) is skipped: no callbacks, no position, and the
 * next word gets VNS_TOKEN_BREAK_BEFORE. Xapian's own limit is 245. */
#define VNS_TERM_MAX 100

/* Token flags. */
enum {
	/* this call carries the folded form, colocated with the exact form
	 * delivered just before it (same position, same offsets) */
	VNS_TOKEN_COLOCATED = 1u << 0,
	/* the word is on the stopword list */
	VNS_TOKEN_STOPWORD = 1u << 1,
	/* the word is a number: ASCII digits, '.' or ',' only between digits
	 * ("2026", "3,5", "1.000"; not "h5n1", "10h30") */
	VNS_TOKEN_NUMBER = 1u << 2,
	/* the exact form carries Vietnamese marks (exact != folded) */
	VNS_TOKEN_MARKED = 1u << 3,
	/* punctuation (not just spaces) separates this word from the
	 * previous one, or it is the first word: no syllable pair spans it.
	 * Spaces here: space, tab, NBSP and the other Zs spaces, the
	 * invisibles U+200B..U+200D U+2060 U+FEFF U+00AD, and stray combining
	 * marks. Anything else breaks: punctuation, quotes, a hyphen
	 * ("Rịa-Vũng"), a line break, a control character, an emoji, or a
	 * skipped over-long word. */
	VNS_TOKEN_BREAK_BEFORE = 1u << 4
};

typedef struct vns_token {
	const char *term; /* UTF-8, NOT NUL-terminated; valid during the call */
	size_t len;       /* bytes in term */
	size_t start;     /* byte offset of the word in the original text */
	size_t end;       /* byte offset just past the word */
	unsigned pos;     /* word number, from 0; the folded form shares it */
	unsigned flags;   /* VNS_TOKEN_* */
} vns_token;

/* Called for each token; a non-zero return stops the walk early. */
typedef int (*vns_token_fn)(void *ctx, const vns_token *tok);

/* A new analyser (holds ICU objects and scratch buffers; one per thread).
 * *out: caller frees with vns_analyser_free(). */
vns_status vns_analyser_new(vns_analyser **out, vns_err *err);

/* Release a; accepts NULL. */
void vns_analyser_free(vns_analyser *a);

/* Bytes vns_analyse reads at a time once into a text, by default. */
#define VNS_ANALYSE_SEGMENT 2048

/* Read texts in segments of at most about bytes (a segment ends where a
 * word starts after an ASCII space or line end, so it gives the same
 * words as the whole text): the first segment of a text is bytes / 4 (at
 * least 1), each next one twice the one before, up to bytes. 0 reads each
 * text whole. For tests and tuning. */
void vns_analyser_set_segment(vns_analyser *a, size_t bytes);

/* on: every word comes from ICU's break iterator, none from the analyser's
 * own reading of plain Latin runs between spaces (which gives the same
 * words, faster). For tests. */
void vns_analyser_set_icu_only(vns_analyser *a, int on);

/* Walk len bytes of text: for each word, fn is called with its exact form,
 * then with its folded form (flag VNS_TOKEN_COLOCATED), always both, even
 * when they are equal (then VNS_TOKEN_MARKED is clear). Both calls carry
 * the word's flags (STOPWORD, NUMBER, MARKED, BREAK_BEFORE).
 * Words are ICU's (Unicode word break rules on the UTF-16 text), so a
 * hyphen or '/' splits ("COVID-19" -> covid 19, "05/03/2026" -> 05 03
 * 2026) while '.' and ',' inside numbers and '.' between letters do not:
 * numbers keep them ("1.000.000", "3,5"), abbreviations lose them
 * ("TP.HCM" -> tphcm, "U.S.A" -> usa; also "vnexpress.net" ->
 * vnexpressnet). Within a word, invisible characters (U+200B..U+200D,
 * U+2060, U+FEFF, U+00AD) are dropped, U+2019 becomes "'", and combining
 * marks that NFC cannot compose are dropped ("đượ̣c" -> được; in
 * "thi ̣trường" the mark stands alone and is ignored).
 * The text is read a segment at a time, small ones first
 * (vns_analyser_set_segment), so a caller that stops early pays for about
 * what it read, not for the whole text.
 * Invalid UTF-8 gives VNS_EUTF8 ("invalid utf-8 at byte N") before any
 * callback for the words of its segment (those of earlier segments may
 * have been passed); text longer than INT32_MAX - 1 bytes gives
 * VNS_ETOOBIG. If fn returns non-zero the walk stops and vns_analyse
 * returns VNS_OK. */
vns_status vns_analyse(vns_analyser *a, const char *text, size_t len,
		       vns_token_fn fn, void *ctx, vns_err *err);

/* Normalise one word as vns_analyse would: exact form into exact (cap
 * bytes, NUL-terminated) and folded form into folded. The whole string is
 * one term (no word breaking; "Hà Nội" keeps its space), each run of
 * letters in it getting the canonical tone placement. Returns VNS_EUTF8
 * for invalid UTF-8, VNS_ETOOBIG if a term would pass VNS_TERM_MAX or a
 * buffer is too small. Used for filter values and lexicons. */
vns_status vns_analyse_word(vns_analyser *a, const char *word, size_t len,
			    char *exact, size_t exact_cap, char *folded,
			    size_t folded_cap, vns_err *err);

/* 1 if the NUL-terminated exact term is on the stopword list. */
int vns_is_stopword(const char *term);

#endif
