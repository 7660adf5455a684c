/* tagger.h - the entity tagger: finds the provinces (2024 and their 2025
 * successors), districts, products and programmes a document is about,
 * whatever spelling it uses (NFD, old tone placement, no diacritics,
 * TP.HCM), with the same analyser as indexing. Context decides: "hòa bình"
 * (peace) is not Hòa Bình, "Thái Bình Dương" not Thái Bình, "xã Phú Thọ"
 * not the province, a district name found in several provinces counts only
 * when one of them is named, and a place in the title or lead counts more
 * than a passing mention (a hometown, an address, a route's end, an aside
 * deep in the body); the link-list tail of a scraped page counts not at
 * all. The rules are described in doc/indexing.md, "Entities". */
#ifndef VNS_TAGGER_H
#define VNS_TAGGER_H

#include <stddef.h>

#include "analyse.h"
#include "doc.h"
#include "status.h"

typedef struct vns_tagger vns_tagger;

/* Most entities of one kind kept per document. */
#define VNS_TAGS_MAX 16

/* Most products outside the lexicon kept per document, and the longest
 * name of one (bytes, NUL included). */
#define VNS_OPEN_MAX 4
#define VNS_OPEN_NAME_MAX 64

/* A document's entities: indexes into the gazetteer (gazetteer.h) tables
 * of the same kind, the most central first. These are what the document
 * is about (title, lead, the body's opening, recurring); places only
 * named in passing (a hometown, "giờ Hà Nội", a club, an address, a
 * route's end, a list of many provinces, an aside deep in the body) are
 * in mentioned_province_2024/2025. */
typedef struct vns_tags {
	unsigned short province_2024[VNS_TAGS_MAX];
	size_t n_province_2024;
	unsigned short province_2025[VNS_TAGS_MAX]; /* successors, no repeats */
	size_t n_province_2025;
	unsigned short district[VNS_TAGS_MAX];
	size_t n_district;
	unsigned short product[VNS_TAGS_MAX];
	size_t n_product;
	unsigned short programme[VNS_TAGS_MAX];
	size_t n_programme;
	/* provinces named but not what the document is about */
	unsigned short mentioned_province_2024[VNS_TAGS_MAX];
	size_t n_mentioned_province_2024;
	unsigned short mentioned_province_2025[VNS_TAGS_MAX]; /* successors
							       * not about */
	size_t n_mentioned_province_2025;
	/* products outside the lexicon that the text presents as products
	 * ("sản phẩm X", "làng nghề X"), with evidence: lower-case name and
	 * its slug ("bánh xu xê", "banh-xu-xe") */
	char open_product[VNS_OPEN_MAX][VNS_OPEN_NAME_MAX];
	char open_slug[VNS_OPEN_MAX][VNS_OPEN_NAME_MAX];
	size_t n_open_product;
} vns_tags;

/* A new tagger analysing with a (borrowed: a must outlive it). Builds its
 * lookup tables from the compiled-in gazetteer (well under a
 * millisecond). *out: caller frees with vns_tagger_free(). */
vns_status vns_tagger_new(vns_analyser *a, vns_tagger **out, vns_err *err);

/* Release t; accepts NULL. */
void vns_tagger_free(vns_tagger *t);

/* Tag doc (its title, summary and body; the date decides how commune
 * names are read) into *out: vns_tagger_begin, then each field analysed
 * and fed in, then vns_tagger_end. */
vns_status vns_tagger_tag(vns_tagger *t, const vns_doc *doc, vns_tags *out,
			  vns_err *err);

/* The same in steps, for a caller that analyses the fields anyway (the
 * term generator): one analysis pass then serves both. */

/* The fields a document is tagged from, in the order they are fed. */
typedef enum {
	VNS_TAGGER_TITLE,
	VNS_TAGGER_SUMMARY,
	VNS_TAGGER_BODY
} vns_tagger_field_id;

/* Start tagging doc (borrowed until vns_tagger_end); forgets the previous
 * document. */
void vns_tagger_begin(vns_tagger *t, const vns_doc *doc);

/* The tokens that follow are those vns_analyse() gives for the whole of
 * the document's field f (title, summary, body; each at most once, in
 * that order; an empty or absent field may be skipped). The tagger reads
 * only the part it needs (not the link-list tail of the body). */
void vns_tagger_field(vns_tagger *t, vns_tagger_field_id f);

/* One token of the current field, exact and folded calls alike, as
 * vns_analyse() delivers them; ctx is the tagger. A vns_token_fn: returns
 * non-zero (stop the walk) only when out of memory, which
 * vns_tagger_end() then reports. */
int vns_tagger_token(void *ctx, const vns_token *tok);

/* The tags of the document begun into *out. */
vns_status vns_tagger_end(vns_tagger *t, vns_tags *out, vns_err *err);

#endif
