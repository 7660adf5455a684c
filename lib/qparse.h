/* qparse.h - the query language: turns what the user typed into a small
 * syntax tree (words, "quoted phrases", -excluded items, OR groups and
 * field:value filters), before any analysis. Building the Xapian query
 * from the tree is qbuild's job. */
#ifndef VNS_QPARSE_H
#define VNS_QPARSE_H

#include <stddef.h>

#include "status.h"


typedef enum {
	VNS_QITEM_WORDS,  /* a run of plain text, analysed later ("bac giang") */
	VNS_QITEM_PHRASE, /* "quoted phrase" */
	VNS_QITEM_FIELD   /* field:value or field:"several words" */
} vns_qitem_kind;

typedef struct vns_qitem {
	vns_qitem_kind kind;
	int negated;     /* preceded by '-': must not match */
	int or_group;    /* items with the same non-zero or_group are
			  * alternatives joined by OR; 0 = a plain item */
	char *field;     /* FIELD only: field name as typed, lower case */
	char *text;      /* the words / phrase / value, NUL-terminated UTF-8 */
} vns_qitem;

typedef struct vns_qtree {
	vns_qitem *items;
	size_t n;
} vns_qtree;

/* Grammar (documented for users in doc/search.md):
 *   - words separated by spaces; consecutive plain words form one WORDS item;
 *   - "..." is a PHRASE (typographic quotes “ ” count too);
 *   - a leading '-' on a word, phrase or field excludes it ("-covid",
 *     -"giá vàng"); a '-' inside a word ("COVID-19") is text;
 *   - OR (upper case, alone) separates alternatives: the item (WORDS run,
 *     phrase or field) before it and the one after it share an or_group;
 *     "a b OR c" = (a b) OR (c);
 *   - name:value and name:"several words" are FIELD items when name is a
 *     known field (province tinh product sanpham programme chuongtrinh
 *     source nguon date year nam), matched case-insensitively; otherwise
 *     "name:value" is plain text (so "10:30" and URLs stay words).
 * Parse len bytes of q into *tree (caller frees with vns_qtree_free()).
 * Errors (VNS_EQUERY, VNS_EUTF8, VNS_ETOOBIG) say what and where:
 * "unterminated quote at character 12". An empty or all-space query gives
 * a tree with n == 0. */
vns_status vns_qparse(const char *q, size_t len, vns_qtree *tree,
		      vns_err *err);

/* Release the tree's memory; accepts NULL. */
void vns_qtree_free(vns_qtree *tree);

#endif
