/* typing.h - query words as people type them: Telex or VNI keystrokes
 * typed with the input method off, read as the syllable they spell
 * ("Bawcs" -> Bắc), and typing slips corrected against the index's own
 * vocabulary ("khuyen cpng" -> cong). All this asks of the index is term
 * frequencies and term lists, which every backend serves (local, sharded
 * and remote databases alike; Xapian's spelling table is not used: the
 * remote server does not serve it). The rules are in doc/ranking.md. */
#ifndef VNS_TYPING_H
#define VNS_TYPING_H

#include <stddef.h>

#include "analyse.h"

/* What the searched index tells about its terms. */
typedef struct vns_typing_src {
	/* documents indexed by term (len bytes); 0 if absent */
	unsigned long (*termfreq)(void *ctx, const char *term, size_t len);
	/* fn for each term starting with prefix, with its frequency, until
	 * fn returns non-zero; NULL: only the syllable table is used */
	void (*allterms)(void *ctx, const char *prefix,
			 int (*fn)(void *fctx, const char *term, size_t len,
				   unsigned long termfreq),
			 void *fctx);
	void *ctx;
} vns_typing_src;

/* Most readings searched for one word besides the word as typed. */
#define VNS_TYPING_MAX 3

/* One way to read a query word. */
typedef struct vns_typing_alt {
	char exact[VNS_TERM_MAX + 1]; /* "" when unknown: the fold alone */
	char fold[VNS_TERM_MAX + 1];
	char shown[VNS_TERM_MAX + 1]; /* as "Did you mean" writes it */
	unsigned flags;               /* VNS_TOKEN_STOPWORD, _MARKED */
	double weight;                /* relative to the word as typed */
} vns_typing_alt;

/* What to search for one query word: alt[0] is the best reading. */
typedef struct vns_typing_fix {
	vns_typing_alt alt[VNS_TYPING_MAX];
	size_t n;
	double typed_weight; /* the word as typed: 0 = not searched */
} vns_typing_fix;

/* Telex/VNI: if the keystrokes of the word typed (len bytes; its analysed
 * fold) spell a syllable that the index holds, fill fix
 * and return 1: the decoded word alone when the typed one is absent from
 * the index or very rare there, both when it is merely rare (less than
 * 1/20 as many documents; it then weighs less); a word common in the
 * index as typed is never decoded, nor is a word in capitals ("CAR", an
 * abbreviation), nor, in a query typed with diacritics elsewhere (marked:
 * the input method was on), a word the index holds at all ("Wu", a
 * name). 0: nothing to decode. */
int vns_typing_decode(vns_analyser *a, const vns_typing_src *src,
		      const char *typed, size_t len, const char *fold,
		      int marked, vns_typing_fix *fix);

/* Typos: if the folded word fold (exact: its exact form) has no or very
 * few documents, fill fix with its corrections from the index's
 * vocabulary (edit distance 1 for 4-7 letters, or 3 letters the index
 * lacks; 2 for longer), ranked by
 * how often they stand next to the neighbouring words prev and next
 * (folded; NULL if none), then by their frequency, and return 1. A word
 * the index has is corrected only where it never stands next to its
 * neighbours there and a correction does; it stays searched, the
 * corrections weigh less. A common word that never stands next to its
 * neighbours, where a word one edit away does often ("hung yeu" for
 * "nhung yeu"), gets that word as a weaker reading. 0: nothing to
 * correct. */
int vns_typing_correct(const vns_typing_src *src, const char *typed,
		       size_t len, const char *exact, const char *fold,
		       const char *prev, const char *next,
		       vns_typing_fix *fix);

/* Edit distance between a[0..na) and b[0..nb) (code points), counting a
 * swap of two neighbours as one edit; anything above max is max + 1. */
unsigned vns_typing_distance(const unsigned *a, size_t na, const unsigned *b,
			     size_t nb, unsigned max);

#endif
