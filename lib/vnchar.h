/* vnchar.h - Vietnamese letters one word at a time, in NFD UTF-16: moving
 * the tone mark to its one canonical vowel, and folding accents away. No
 * ICU calls here (only its UChar type), so each rule is testable alone;
 * the analyser does the case mapping and normalisation around it. */
#ifndef VNS_VNCHAR_H
#define VNS_VNCHAR_H

#include <unicode/utypes.h>

/* 1 if c is a combining diacritical mark (the blocks U+0300..U+036F,
 * U+1AB0..U+1AFF, U+1DC0..U+1DFF, U+20D0..U+20FF, U+FE20..U+FE2F): the
 * marks that folding removes and that the analyser drops when they are
 * left over after NFC. Marks of other scripts (Thai, Devanagari) are not
 * diacritics here: they are part of their letters. */
int vns_vn_is_diacritic(UChar32 c);

/* Put the tone mark of each lower-case NFD syllable in s[0..n) on its
 * canonical vowel, in place (the length does not change). Syllables are
 * the maximal runs of a-z, đ and diacritics; a run is rewritten only if it
 * is one well-formed Vietnamese syllable (initial, 1-3 vowels, final)
 * with exactly one tone mark (U+0300 U+0301 U+0303 U+0309 U+0323) and
 * quality marks (U+0302 U+0306 U+031B) only where Vietnamese has them.
 * The canonical ("new style") vowel: the one with a quality mark (ơ in
 * ươ); the 2nd of oa, oe, uy; else the last vowel if a final consonant
 * follows; else the 1st of two vowels or the middle of three. The u of qu
 * and the i of gi before another vowel belong to the initial. The result
 * stays in canonical NFD order. Returns how many syllables changed. */
int vns_vn_place_tones(UChar *s, int32_t n);

/* Fold NFD s[0..n) into out (which may be s): every diacritic dropped,
 * đ -> d, Đ -> D. Returns the length written, at most n. */
int32_t vns_vn_fold(const UChar *s, int32_t n, UChar *out);

#endif
