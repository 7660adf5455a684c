/* linktail.h - where the link lists that scraped news pages end with
 * ("Tin liên quan", "Tin khác" ...) begin. The text reader cuts them off;
 * the entity tagger ignores what they name. */
#ifndef VNS_LINKTAIL_H
#define VNS_LINKTAIL_H

#include <stddef.h>

/* Cut the link-list tail of a scraped page: returns the length of text up
 * to the first line that is only a heading such as "Tin liên quan",
 * "Tin khác", "Tin mới hơn", "Xem thêm", when some text precedes it. */
size_t vns_cut_link_tail(const char *text, size_t len);

#endif
