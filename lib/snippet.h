/* snippet.h - picks the passage of a document's text that best shows why
 * it matched, and where the matched words are in it. The words are found
 * with the analyser, so the spans land on the right characters whatever
 * the text's normalisation, tone placement or marks. */
#ifndef VNS_SNIPPET_H
#define VNS_SNIPPET_H

#include <stddef.h>

#include "analyse.h"
#include "buf.h"

/* Most highlighted spans in one snippet. */
#define VNS_SNIPPET_MAX_SPANS 32

/* seq[] flags: the word stands next to the following one in the query
 * (one multi-syllable word, or words typed together); it is highlighted
 * only inside a run of such words (a synonym's words). */
enum { VNS_HL_JOINED = 1, VNS_HL_RUN_ONLY = 2 };

/* The words to look for: exact and folded forms (as the analyser gives
 * them). A word matches if its folded form is listed; exact matches count
 * more when choosing the passage. seq is the query's folded words in
 * order (at most 64; n_seq 0: highlight word by word), with their
 * VNS_HL_* flags: adjacent query words found together in the passage are
 * one span, and a syllable found alone is left plain where the passage
 * holds it inside such a span (doc/ranking.md). */
typedef struct vns_hlwords {
	char *const *exact;
	size_t n_exact;
	char *const *fold;
	size_t n_fold;
	char *const *seq;
	const unsigned char *seq_flags;
	size_t n_seq;
} vns_hlwords;

typedef struct vns_snippet {
	vns_buf text;      /* the passage, newlines turned into spaces, with
			    * "…" where it was cut */
	size_t span[VNS_SNIPPET_MAX_SPANS][2]; /* [start, end) byte offsets of
						* matched words in text */
	size_t nspans;
} vns_snippet;

/* Initialise an empty snippet. */
void vns_snippet_init(vns_snippet *s);

/* Release its memory; accepts NULL. */
void vns_snippet_free(vns_snippet *s);

/* Fill s (reset first) with a passage of about max_bytes of text, chosen
 * to hold as many different matched words as it can; with no match, the
 * start of the text. The first passage that holds every word in its
 * exact form cannot be beaten but by repeats, so the text is read no
 * further than it (a long text costs what its start costs). */
vns_status vns_snippet_make(vns_analyser *a, const char *text, size_t len,
			    const vns_hlwords *words, size_t max_bytes,
			    vns_snippet *s, vns_err *err);

#endif
