/* restore.h - the accented readings a syllable typed without diacritics may
 * stand for ("dong" -> đồng, động, đông, …), from corpus/syllables.txt,
 * compiled into the program (nothing to load). How likely each reading is
 * comes from the searched index (term frequencies), not from this list. */
#ifndef VNS_RESTORE_H
#define VNS_RESTORE_H

#include <stddef.h>

/* Most readings considered per syllable. */
#define VNS_RESTORE_MAX 16

/* Fill out[] with up to VNS_RESTORE_MAX readings of the folded syllable
 * fold (len bytes), most frequent in the reference corpus first; returns
 * how many. Each reading is NUL-terminated in buf (cap bytes), out[i]
 * points into it. 0 when the syllable is unknown or has no marks. */
size_t vns_restore_readings(const char *fold, size_t len, char *buf,
			    size_t cap, const char *out[VNS_RESTORE_MAX]);

/* The i-th folded syllable of the table, in sorted order (i from 0); NULL
 * past the end. Valid for the program's life. */
const char *vns_restore_fold_at(size_t i);

#endif
