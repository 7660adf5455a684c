/* telex.h - a word typed in Telex or VNI keystrokes with the input method
 * switched off ("Bawcs", "DDoongf", "Ba81c") decoded into the Vietnamese
 * syllable it spells ("Bắc", "Đồng", "Bắc"). Pure text rules, no ICU and
 * no index: whether the result is a real syllable, and whether the word
 * should be read so, is for the caller (typing.h). */
#ifndef VNS_TELEX_H
#define VNS_TELEX_H

#include <stddef.h>

/* Longest word considered, in bytes. */
#define VNS_TELEX_MAX 24

/* Decode word (len bytes: ASCII letters, and for VNI the digits 1-9).
 * Telex: aa aw ee oo ow uw (uow, uwow: ươ; a lone w: ư or the horn/breve
 * of the vowel before it), dd; one tone letter s f r x j anywhere after
 * the first vowel. VNI: 6 circumflex, 7 horn, 8 breve, 9 đ, tones 1-5,
 * each after the letter it marks or later in the word. The result must
 * have the shape of a syllable (initial, 1-3 vowels, final consonant) and
 * differ from the input. Writes it to out (cap bytes, NUL-terminated,
 * UTF-8 NFC, the letters' case kept) and returns 1; else returns 0. */
int vns_telex_decode(const char *word, size_t len, char *out, size_t cap);

#endif
