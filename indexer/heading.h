/* heading.h - the title and the date of a Vietnamese administrative
 * document (a decision, plan or report), read from its recognised text:
 * the heading block ("QUYẾT ĐỊNH / Về việc ..."), and the place-and-date
 * line ("Bắc Giang, ngày 05 tháng 3 năm 2025"). Used for scans, whose
 * text comes from OCR and has no metadata. */
#ifndef VNS_HEADING_H
#define VNS_HEADING_H

#include <stddef.h>

/* Most bytes of a title (cut on a UTF-8 boundary). */
#define VNS_HEADING_TITLE_MAX 200

/* The title of text: the first line that opens with a document kind in
 * capitals ("QUYẾT ĐỊNH", "KẾ HOẠCH", "BÁO CÁO", "THÔNG BÁO", ...) with the
 * lines that follow it in the same block (up to a blank line, at most
 * three); else the first line in capitals that is not the national motto
 * or an issuer line ("CỘNG HÒA XÃ HỘI ...", "ỦY BAN NHÂN DÂN ..."). NULL
 * when there is neither or when out of memory. Caller frees with free(). */
char *vns_heading_title(const char *text);

/* The first date written "ngày D tháng M năm YYYY" (any case, one or two
 * digit day and month, white space between) in text, as "YYYY-MM-DD" in
 * out. Returns 1 if found (a real calendar date), else 0 (out empty). */
int vns_heading_date(const char *text, char out[11]);

#endif
