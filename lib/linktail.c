/* linktail.c - finding the link-list tail of a scraped page (see
 * linktail.h). */
#include "linktail.h"

#include <string.h>

static const char *const tail_headings[] = {
	"tin liên quan", "bài liên quan", "tin khác", "tin mới hơn",
	"tin cũ hơn", "xem thêm", "đọc thêm", "tin cùng chuyên mục",
	"có thể bạn quan tâm", "tin đã đưa",
};

/* 1 if s (len bytes) is heading h: its first letter may be upper case
 * (ASCII, or "Đ" for "đ"); the rest is as listed. */
static int heading_is(const char *s, size_t len, const char *h)
{
	if (strlen(h) != len)
		return 0;
	if (strncmp(h, "đ", 2) == 0 && strncmp(s, "Đ", 2) == 0)
		return strncmp(s + 2, h + 2, len - 2) == 0;
	return (*s == *h || *s == *h - 32) &&
	       strncmp(s + 1, h + 1, len - 1) == 0;
}

/* 1 if the line holds more than spaces, tabs and a '\r'. */
static int has_text(const char *s, size_t len)
{
	for (size_t i = 0; i < len; i++)
		if (s[i] != ' ' && s[i] != '\t' && s[i] != '\r')
			return 1;
	return 0;
}

/* 1 if the line, trimmed of spaces, tabs, ':' and '\r', is a link-list
 * heading. */
static int is_tail_heading(const char *s, size_t len)
{
	while (len && (s[len - 1] == ' ' || s[len - 1] == '\t' ||
		       s[len - 1] == ':' || s[len - 1] == '\r'))
		len--;
	while (len && (*s == ' ' || *s == '\t')) {
		s++;
		len--;
	}
	for (size_t i = 0; i < sizeof tail_headings / sizeof *tail_headings;
	     i++)
		if (heading_is(s, len, tail_headings[i]))
			return 1;
	return 0;
}

size_t vns_cut_link_tail(const char *text, size_t len)
{
	size_t at = 0, words_before = 0;

	while (at < len) {
		const char *nl = memchr(text + at, '\n', len - at);
		size_t end = nl ? (size_t)(nl - text) : len;

		if (words_before && is_tail_heading(text + at, end - at))
			return at;
		words_before += has_text(text + at, end - at);
		at = end + 1;
	}
	return len;
}
