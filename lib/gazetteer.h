/* gazetteer.h - the places, products and programmes vnsearch knows: the 63
 * provinces of 2024 with their 2025 successor, the 34 provinces of 2025,
 * the 696 districts of 2024 with their province, and the product and
 * programme lexicons. The tables are compiled in (generated at build time
 * from the corpus/ tables by scripts/gengaz.c with the project's own analyser),
 * so using them costs a process nothing to load. */
#ifndef VNS_GAZETTEER_H
#define VNS_GAZETTEER_H

#include <stddef.h>

#include "buf.h"
#include "status.h"

typedef enum {
	VNS_GZ_PROVINCE_2024, /* 63, parent: the 2025 successor */
	VNS_GZ_PROVINCE_2025, /* 34, parent: -1 */
	VNS_GZ_DISTRICT,      /* 696, parent: its 2024 province */
	VNS_GZ_PRODUCT,       /* info: the OCOP group ("" if none) */
	VNS_GZ_PROGRAMME,
	VNS_GZ_KINDS
} vns_gz_kind;

/* One entity. Strings are static. */
typedef struct vns_gz_entry {
	const char *name; /* display name: "Bắc Giang", "chè", "OCOP" */
	const char *slug; /* vns_slug() of name: "bac-giang" */
	const char *info; /* places: their kind ("tỉnh", "huyện" ...);
			   * products: the OCOP group */
	int parent;       /* index of the enclosing entity, or -1 */
} vns_gz_entry;

/* Spelling flags. */
enum {
	VNS_GZ_F_NAME = 1u << 0,  /* the bare name of a place (folds like it) */
	VNS_GZ_F_NOTAG = 1u << 1, /* a filter spelling only: never tagged
				   * (2025 names; "Hồ Chí Minh" alone is a
				   * person as often as the city) */
	VNS_GZ_F_WEAK = 1u << 2,  /* weak evidence: counts half */
	VNS_GZ_F_BLOCK = 1u << 3  /* looks like a product but is not one
				   * ("tiêu thụ"): consumed, never tagged */
};

/* One way of writing an entity, as the analyser sees it. */
typedef struct vns_gz_spelling {
	const char *exact; /* exact forms of its words, joined by ' ' */
	const char *fold;  /* folded forms, joined by ' ' */
	const char *slug;  /* folded forms joined by '-' */
	unsigned char kind;    /* vns_gz_kind */
	unsigned char flags;   /* VNS_GZ_F_* */
	unsigned char nwords;
	unsigned short index;  /* entity index in its kind */
} vns_gz_spelling;

/* Number of entities of kind. */
size_t vns_gz_count(vns_gz_kind kind);

/* Entity i of kind; NULL when out of range. Static. */
const vns_gz_entry *vns_gz_get(vns_gz_kind kind, size_t i);

/* Every spelling (names, aliases, variants), in file order; *n gets the
 * count. Static. */
const vns_gz_spelling *vns_gz_spellings(size_t *n);

/* The entity of kind one of whose spellings has this slug (as vns_slug()
 * makes it: "bac-giang", "tphcm", "kcqg"); -1 if none. */
int vns_gz_lookup(vns_gz_kind kind, const char *slug);

/* The 2025 successor's display name of the 2024 province whose display
 * name is name ("Bắc Giang" -> "Bắc Ninh"), or NULL when name is not a
 * 2024 province. Static. */
const char *vns_gz_successor(const char *name);


/* Append to out the display names of kind nearest to slug (edit distance
 * over slugs), at most max of them, joined by ", "; nothing when no name
 * is near. For "did you mean" messages. */
vns_status vns_gz_nearest(vns_gz_kind kind, const char *slug, unsigned max,
			  vns_buf *out);

#endif
