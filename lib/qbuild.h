/* qbuild.h - turns the parsed query (qparse.h) into the Xapian query that
 * ranks documents, analysing every word with the same analyser as the
 * indexer. How words become terms is described in doc/ranking.md. */
#ifndef VNS_QBUILD_H
#define VNS_QBUILD_H

#include "analyse.h"
#include "qparse.h"
#include "snippet.h"
#include "synonyms.h"
#include "typing.h"
#include "xapian-c.h"

/* Queries with at most this many content words require all of them;
 * longer ones (questions, pasted sentences) rank by any of them. */
#define VNS_AND_MAX_WORDS 3

typedef struct vns_qplan {
	vns_xquery *query; /* what to run; never NULL after success */
	vns_xquery *count_query; /* the same documents, cheaper to match:
				  * folded words only, no readings; what
				  * facets are counted on */
	vns_xquery *reading_query; /* typed without marks and built
				    * without readings (stats has no
				    * termfreq): what ranks the documents
				    * whose text shows how its words are
				    * written (search.c): its folded
				    * words, and in a short query (all
				    * words required) their pairs alone,
				    * which find the words written
				    * together; else NULL */
	int browse;        /* no words to rank by: list newest first */
	int everything;    /* the empty query: every document matches */
	int marked;        /* the user typed Vietnamese diacritics */
	/* words to highlight in snippets (exact and folded forms); the
	 * strings are owned by the plan */
	char **hl_exact;
	size_t n_exact;
	char **hl_fold;
	size_t n_fold;
	/* the query's folded words in order, with synonyms' words after
	 * their group, and their VNS_HL_* flags (snippet.h); owned by the
	 * plan */
	char **hl_seq;
	unsigned char *hl_seq_flags;
	size_t n_seq;
	/* words read otherwise than typed (typing.h): as typed, and as the
	 * "Did you mean" writes them, in the order of the query; owned by
	 * the plan */
	char **fix_typed;
	char **fix_shown;
	size_t n_fix;
} vns_qplan;

/* Statistics of the searched index, used to weigh the likely readings of
 * words typed without diacritics. Any backend serves term frequencies
 * (local, sharded or remote databases alike). */
typedef struct vns_qstats {
	/* how strongly the exact form term (len bytes) is attested as the
	 * reading of an unaccented word — search.c counts its uses in the
	 * top documents; NULL: no restoration of readings */
	unsigned long (*termfreq)(void *ctx, const char *term, size_t len);
	void *ctx;
	/* abbreviations and other names to expand (NULL: none) */
	const vns_synonyms *synonyms;
	/* the index's terms, to read Telex residue and correct typos
	 * (typing.h); NULL: words are read as typed */
	const vns_typing_src *typing;
	/* the most a document can score for term (len bytes) in the
	 * ranking; NULL: exact forms are not put first (doc/ranking.md) */
	double (*term_bound)(void *ctx, const char *term, size_t len);
	void *bound_ctx;
} vns_qstats;

/* As vns_qbuild, and, when the query has no diacritics at all, each word
 * also scores its accented readings (restore.h) in proportion to how
 * often the index holds them: "benh" counts mostly as "bệnh". stats may
 * be NULL (no restoration). */
vns_status vns_qbuild_stats(vns_analyser *a, const vns_qtree *tree,
			    const vns_qstats *stats, vns_qplan *plan,
			    vns_err *err);

/* Build the plan for tree. Unusable parts (an unknown filter value, a bad
 * date range) give VNS_EQUERY with a message naming them. Clear the plan
 * with vns_qplan_clear() whatever the result. */
vns_status vns_qbuild(vns_analyser *a, const vns_qtree *tree,
		      vns_qplan *plan, vns_err *err);

/* Release what the plan holds and zero it; accepts NULL. */
void vns_qplan_clear(vns_qplan *plan);

#endif
