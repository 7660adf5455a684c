/* title.c - a derived title: the first sentence of a text, cut at a word
 * (title.h). */
#include "title.h"

#include <string.h>

#include "utf8.h"

/* Words a '.' follows without ending the sentence ("TP. Hồ Chí Minh"). */
static const char *const abbrevs[] = {
	"TP", "Tp", "TS", "ThS", "PGS", "GS", "BS", "KS", "Th",
};

static int is_space(char c)
{
	return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

/* Length of the valid UTF-8 sequence at s[i] (0 at the end or an invalid
 * one). */
static size_t step(const char *s, size_t len, size_t i, uint32_t *cp)
{
	return i < len ? vns_utf8_decode(s + i, len - i, cp) : 0;
}

/* 1 if the word ending just before s[dot] is one of abbrevs. */
static int after_abbrev(const char *s, size_t dot)
{
	size_t b = dot;

	while (b > 0 && !is_space(s[b - 1]))
		b--;
	for (size_t k = 0; k < sizeof abbrevs / sizeof *abbrevs; k++)
		if (strlen(abbrevs[k]) == dot - b &&
		    !memcmp(s + b, abbrevs[k], dot - b))
			return 1;
	return 0;
}

/* Closing quotes and brackets that may follow a sentence's last mark. */
static size_t closer(const char *s, size_t len, size_t i)
{
	uint32_t cp = 0;
	size_t n = step(s, len, i, &cp);

	return (cp == '"' || cp == '\'' || cp == ')' || cp == 0x201D ||
		cp == 0x2019 || cp == 0xBB) ? n : 0;
}

/* If the mark at s[i] (n bytes, code point cp) ends a sentence, the end
 * of that sentence (past its closing quotes); else 0. */
static size_t sentence_end_at(const char *s, size_t len, size_t i,
			      size_t n, uint32_t cp)
{
	size_t j = i + n, c;

	if (cp != '.' && cp != '!' && cp != '?' && cp != 0x2026)
		return 0;
	if (cp == '.' && after_abbrev(s, i))
		return 0;
	while ((c = closer(s, len, j)) > 0)
		j += c;
	return j == len || is_space(s[j]) ? j : 0;
}

/* Byte length of the first sentence of s (which starts with a word). */
static size_t first_sentence(const char *s, size_t len)
{
	size_t i = 0, n, end;
	uint32_t cp;

	while ((n = step(s, len, i, &cp)) > 0) {
		if (cp == '\n' || cp == '\r')
			return i;
		end = sentence_end_at(s, len, i, n, cp);
		if (end)
			return end;
		i += n;
	}
	return i;
}

/* Bytes of s holding its first max code points (all of it if fewer), and
 * the end of the last whole word among them in *word (0 if none). */
static size_t fit(const char *s, size_t len, size_t max, size_t *word)
{
	size_t i = 0, n, count = 0;

	*word = 0;
	while (count < max && (n = step(s, len, i, NULL)) > 0) {
		if (is_space(s[i]) && i > 0 && !is_space(s[i - 1]))
			*word = i;
		i += n;
		count++;
	}
	if (i > 0 && i < len && is_space(s[i]) && !is_space(s[i - 1]))
		*word = i;
	return i;
}

/* Drop the spaces and the punctuation a cut leaves hanging. */
static size_t trim_cut(const char *s, size_t n)
{
	while (n > 0 && strchr(" \t,;:-", s[n - 1]))
		n--;
	return n;
}

vns_status vns_title_derive(const char *text, size_t len, vns_buf *out)
{
	size_t start = 0, n, fits, word;
	vns_status st;

	vns_buf_reset(out);
	while (start < len && is_space(text[start]))
		start++;
	text += start;
	len = first_sentence(text, len - start);
	fits = fit(text, len, VNS_TITLE_MAX, &word);
	if (fits == len) {
		n = len;
		if (n > 0 && text[n - 1] == '.')
			n--;
		return vns_buf_add(out, text, n);
	}
	fits = fit(text, len, VNS_TITLE_MAX - 1, &word);
	n = trim_cut(text, word ? word : fits);
	if (n == 0)
		n = fits;
	st = vns_buf_add(out, text, n);
	return st ? st : vns_buf_adds(out, "\xE2\x80\xA6");
}
