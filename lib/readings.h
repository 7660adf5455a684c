/* readings.h - which accented readings of a query typed without diacritics
 * the best-matching documents actually use. A first search on the folded
 * words finds the top documents; their text, analysed at the places where
 * the query's words occur, tells that "dong thap" is read "Đồng Tháp" there
 * (an occurrence next to another query word counts more). The counts
 * weigh the readings in the final search and make the "Did you mean". */
#ifndef VNS_READINGS_H
#define VNS_READINGS_H

#include <stddef.h>

#include "analyse.h"
#include "status.h"

typedef struct vns_readings vns_readings;

/* A new, empty tally for the folded query words folds[0..n) (copied).
 * *out: caller frees with vns_readings_free(). */
vns_status vns_readings_new(char *const *folds, size_t n,
			    vns_readings **out, vns_err *err);

/* Release r; accepts NULL. */
void vns_readings_free(vns_readings *r);

/* Count the readings of the query words in len bytes of text; reading
 * stops once every word has been met a few times, or after the first
 * few kilobytes. */
vns_status vns_readings_add_text(vns_readings *r, vns_analyser *a,
				 const char *text, size_t len, vns_err *err);

/* How often the exact form (len bytes) was counted; 0 if never. */
unsigned long vns_readings_count(const vns_readings *r, const char *exact,
				 size_t len);

/* The most counted reading of the folded word fold: capitalised as in the
 * text when it mostly is ("Đồng"), else in lower case ("bệnh"); NULL if
 * none was seen. Valid until r is freed. */
const char *vns_readings_best(const vns_readings *r, const char *fold);

#endif
