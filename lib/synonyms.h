/* synonyms.h - abbreviations and other names for the same thing (TP.HCM =
 * TP HCM = Thành phố Hồ Chí Minh, UBND = Ủy ban nhân dân, HTX = hợp tác
 * xã …), from corpus/synonyms.txt compiled into the program. Members are
 * held as folded word lists, analysed at build time by scripts/gensyn.c
 * (start-up does nothing), so matching ignores case and diacritics. The
 * query side expands them itself: Xapian's remote backend serves no
 * synonym table, and this way local, sharded and remote searches agree. */
#ifndef VNS_SYNONYMS_H
#define VNS_SYNONYMS_H

#include <stddef.h>

typedef struct vns_synonyms vns_synonyms;

/* The compiled-in groups: static data, valid for the program's life (never
 * freed). */
const vns_synonyms *vns_synonyms_builtin(void);

/* The longest member that the folded words w[0..n) start with: returns its
 * length in words (0 if none) and sets *group. */
size_t vns_synonyms_match(const vns_synonyms *s, char *const *w, size_t n,
			  size_t *group);

/* Number of members of group. */
size_t vns_synonyms_count(const vns_synonyms *s, size_t group);

/* Member k of group: its folded words (*words static, like s) and their
 * number (0 when there is no such member). */
size_t vns_synonyms_member(const vns_synonyms *s, size_t group, size_t k,
			   char *const **words);

#endif
