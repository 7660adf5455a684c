/* heading.c - title and date of an administrative document from its text
 * (see heading.h). */
#include "heading.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <unicode/uchar.h>
#include <unicode/utf8.h>

#include "buf.h"
#include "date.h"

/* Document kinds that open a heading block, in capitals (NFC). */
static const char *const kinds[] = {
	"QUYẾT ĐỊNH", "KẾ HOẠCH", "BÁO CÁO", "THÔNG BÁO", "TỜ TRÌNH",
	"NGHỊ QUYẾT", "CHỈ THỊ", "HƯỚNG DẪN", "CÔNG VĂN", "CHƯƠNG TRÌNH",
	"THÔNG TƯ", "NGHỊ ĐỊNH", "BIÊN BẢN", "ĐỀ ÁN", "DỰ ÁN", "GIẤY MỜI",
};

/* Capital lines that are on every document, not its title. */
static const char *const boilerplate[] = {
	"CỘNG HÒA", "CỘNG HOÀ", "ĐỘC LẬP", "ỦY BAN", "UỶ BAN", "UBND",
	"SỞ ", "TRUNG TÂM", "BỘ ", "CHI CỤC", "PHÒNG ",
};

/* One line of text: [s, s + n), without its surrounding white space. */
struct line {
	const char *s;
	size_t n;
};

/* The line starting at *p (advanced past it), trimmed. */
static struct line next_line(const char **p)
{
	const char *s = *p, *e = strchr(s, '\n');
	struct line l;

	if (!e)
		e = s + strlen(s);
	*p = *e ? e + 1 : e;
	while (s < e && isspace((unsigned char)*s))
		s++;
	while (e > s && isspace((unsigned char)e[-1]))
		e--;
	l.s = s;
	l.n = (size_t)(e - s);
	return l;
}

static int starts_with(struct line l, const char *prefix)
{
	size_t n = strlen(prefix);

	return l.n >= n && memcmp(l.s, prefix, n) == 0;
}

/* 1 if the line has at least six letters and none in lower case. */
static int in_capitals(struct line l)
{
	int letters = 0;
	int32_t i = 0;

	while (i < (int32_t)l.n) {
		UChar32 c;

		U8_NEXT(l.s, i, (int32_t)l.n, c);
		if (c < 0 || u_islower(c))
			return 0;
		if (u_isUAlphabetic(c))
			letters++;
	}
	return letters >= 6;
}

static int opens_block(struct line l)
{
	for (size_t i = 0; i < sizeof kinds / sizeof *kinds; i++)
		if (starts_with(l, kinds[i]) && in_capitals(l))
			return 1;
	return 0;
}

static int is_boilerplate(struct line l)
{
	for (size_t i = 0; i < sizeof boilerplate / sizeof *boilerplate; i++)
		if (starts_with(l, boilerplate[i]))
			return 1;
	return 0;
}

/* Append line to title (a space between), stopping at the size cap. */
static void add_line(vns_buf *title, struct line l)
{
	size_t room;

	if (title->len && vns_buf_addc(title, ' '))
		return;
	room = VNS_HEADING_TITLE_MAX - title->len;
	if (l.n > room) {
		l.n = room;
		while (l.n && ((unsigned char)l.s[l.n] & 0xC0) == 0x80)
			l.n--;
	}
	vns_buf_add(title, l.s, l.n);
}

/* The block that opens at the line before *p: that line and up to three
 * more, to the first blank line. */
static char *block_title(struct line first, const char *p)
{
	vns_buf title;

	vns_buf_init(&title, VNS_HEADING_TITLE_MAX + 1);
	add_line(&title, first);
	for (int i = 0; i < 3 && *p; i++) {
		struct line l = next_line(&p);

		if (!l.n)
			break;
		add_line(&title, l);
	}
	return vns_buf_detach(&title, NULL);
}

char *vns_heading_title(const char *text)
{
	const char *p = text, *after_caps = NULL;
	struct line caps = { NULL, 0 };

	while (text && *p) {
		struct line l = next_line(&p);

		if (opens_block(l))
			return block_title(l, p);
		if (!caps.s && in_capitals(l) && !is_boilerplate(l)) {
			caps = l;
			after_caps = p;
		}
	}
	return caps.s ? block_title(caps, after_caps) : NULL;
}

/* Skip white space, then the word w (ASCII case-insensitively for its
 * first letter: "Ngày"/"ngày"); the position after it, or NULL. */
static const char *word(const char *p, const char *w)
{
	size_t n = strlen(w);

	while (isspace((unsigned char)*p))
		p++;
	if (tolower((unsigned char)*p) != w[0] || strncmp(p + 1, w + 1, n - 1))
		return NULL;
	return p + n;
}

/* Skip white space, read 1..max digits into *v; the position after, or
 * NULL. */
static const char *number(const char *p, int max, int *v)
{
	int k = 0;

	while (isspace((unsigned char)*p))
		p++;
	*v = 0;
	while (k < max && isdigit((unsigned char)p[k]))
		*v = *v * 10 + (p[k++] - '0');
	return k && !isdigit((unsigned char)p[k]) ? p + k : NULL;
}

/* The date written at p ("ngày ..."), or 0. */
static int date_at(const char *p, char out[11])
{
	int d, m, y;

	if (!(p = word(p, "ngày")) || !(p = number(p, 2, &d)) ||
	    !(p = word(p, "tháng")) || !(p = number(p, 2, &m)) ||
	    !(p = word(p, "năm")) || !number(p, 4, &y))
		return 0;
	if (y < 1900 || y > 2999 || m < 1 || m > 12 || d < 1 ||
	    d > vns_date_days_in_month(y, m))
		return 0;
	snprintf(out, 11, "%04u-%02u-%02u", (unsigned)y % 10000u,
		 (unsigned)m % 100u, (unsigned)d % 100u);
	return 1;
}

int vns_heading_date(const char *text, char out[11])
{
	out[0] = '\0';
	for (const char *p = text; p && (p = strstr(p, "gày")); p++)
		if (p > text && (p[-1] == 'n' || p[-1] == 'N') &&
		    date_at(p - 1, out))
			return 1;
	return 0;
}
