/* escape.c - per-context output escapers (HTML text, HTML attribute, URL
 * component, JSON string, XML) and the URL component decoder. */
#include "escape.h"
#include "utf8.h"

#include <stdint.h>
#include <stdio.h>

/* Returns the replacement for an ASCII byte, or NULL to copy it; tmp (at
 * least 8 bytes) may hold a replacement built on the fly. */
typedef const char *(*ascii_rule)(unsigned char c, char *tmp);

/* Returns the replacement for the valid k-byte sequence at p, or NULL. */
typedef const char *(*wide_rule)(const unsigned char *p, size_t k);

static const char hex_upper[] = "0123456789ABCDEF";
static const char replacement_char[] = "\xEF\xBF\xBD"; /* U+FFFD */


/* Leave out as it was at len start, passing st through. */
static vns_status undo(vns_buf *out, size_t start, vns_status st)
{
	vns_buf_truncate(out, start);
	return st;
}

/* Append the copied run [*run, i) of s, then rep; the run restarts at next. */
static vns_status flush_and_add(vns_buf *out, const char *s, size_t *run,
				size_t i, const char *rep, size_t next)
{
	vns_status st = vns_buf_add(out, s + *run, i - *run);

	if (!st)
		st = vns_buf_adds(out, rep);
	*run = next;
	return st;
}

/* Walk s as UTF-8, replacing what the rules name and invalid bytes. */
static vns_status escape_utf8(vns_buf *out, const char *s, size_t len,
			      ascii_rule ascii, wide_rule wide)
{
	const unsigned char *u = (const unsigned char *)s;
	size_t start = out->len, run = 0, i = 0, k;
	const char *rep;
	char tmp[8];
	vns_status st = VNS_OK;

	while (i < len && !st) {
		k = vns_utf8_decode(s + i, len - i, NULL);
		if (k == 1)
			rep = ascii(u[i], tmp);
		else if (k == 0)
			rep = replacement_char, k = 1;
		else
			rep = wide ? wide(u + i, k) : NULL;
		if (rep)
			st = flush_and_add(out, s, &run, i, rep, i + k);
		i += k;
	}
	if (!st)
		st = vns_buf_add(out, s + run, len - run);
	return st ? undo(out, start, st) : VNS_OK;
}

static const char *html_text_rule(unsigned char c, char *tmp)
{
	(void)tmp;
	switch (c) {
	case '&': return "&amp;";
	case '<': return "&lt;";
	case '>': return "&gt;";
	case '"': return "&quot;";
	case '\'': return "&#39;";
	default: return NULL;
	}
}

static const char *html_attr_rule(unsigned char c, char *tmp)
{
	const char *rep = html_text_rule(c, tmp);

	if (rep)
		return rep;
	if (c == '`' || c == '=' || c < 0x20 || c == 0x7F) {
		snprintf(tmp, 8, "&#%u;", (unsigned)c);
		return tmp;
	}
	return NULL;
}

static const char *json_rule(unsigned char c, char *tmp)
{
	switch (c) {
	case '"': return "\\\"";
	case '\\': return "\\\\";
	case '\n': return "\\n";
	case '\r': return "\\r";
	case '\t': return "\\t";
	case '\b': return "\\b";
	case '\f': return "\\f";
	case '<': return "\\u003c";
	case '>': return "\\u003e";
	case '&': return "\\u0026";
	default: break;
	}
	if (c < 0x20 || c == 0x7F) {
		snprintf(tmp, 8, "\\u%04x", (unsigned)c);
		return tmp;
	}
	return NULL;
}

/* U+2028 and U+2029 end a line in JavaScript before ES2019. */
static const char *json_wide_rule(const unsigned char *p, size_t k)
{
	if (k != 3 || p[0] != 0xE2 || p[1] != 0x80)
		return NULL;
	if (p[2] == 0xA8)
		return "\\u2028";
	if (p[2] == 0xA9)
		return "\\u2029";
	return NULL;
}

/* XML 1.0 forbids the C0 controls but tab, newline and return, even as
 * references; those three are kept as references so that attribute
 * values keep them too. */
static const char *xml_rule(unsigned char c, char *tmp)
{
	switch (c) {
	case '&': return "&amp;";
	case '<': return "&lt;";
	case '>': return "&gt;";
	case '"': return "&quot;";
	case '\'': return "&apos;";
	case '\t': return "&#9;";
	case '\n': return "&#10;";
	case '\r': return "&#13;";
	default: break;
	}
	(void)tmp;
	return c < 0x20 ? replacement_char : NULL;
}

/* U+FFFE and U+FFFF are not XML characters either. */
static const char *xml_wide_rule(const unsigned char *p, size_t k)
{
	if (k == 3 && p[0] == 0xEF && p[1] == 0xBF &&
	    (p[2] == 0xBE || p[2] == 0xBF))
		return replacement_char;
	return NULL;
}

vns_status vns_escape_xml(vns_buf *out, const char *s, size_t len)
{
	return escape_utf8(out, s, len, xml_rule, xml_wide_rule);
}

vns_status vns_escape_html_text(vns_buf *out, const char *s, size_t len)
{
	return escape_utf8(out, s, len, html_text_rule, NULL);
}

vns_status vns_escape_html_attr(vns_buf *out, const char *s, size_t len)
{
	return escape_utf8(out, s, len, html_attr_rule, NULL);
}

vns_status vns_escape_json_string(vns_buf *out, const char *s, size_t len)
{
	return escape_utf8(out, s, len, json_rule, json_wide_rule);
}

static int is_unreserved(unsigned char c)
{
	return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') ||
	       (c >= '0' && c <= '9') || c == '-' || c == '.' || c == '_' ||
	       c == '~';
}

vns_status vns_escape_url_component(vns_buf *out, const char *s, size_t len)
{
	size_t start = out->len, i;
	vns_status st = VNS_OK;
	char enc[3] = { '%', 0, 0 };

	for (i = 0; i < len && !st; i++) {
		unsigned char c = (unsigned char)s[i];

		if (is_unreserved(c)) {
			st = vns_buf_addc(out, (char)c);
			continue;
		}
		enc[1] = hex_upper[c >> 4];
		enc[2] = hex_upper[c & 15];
		st = vns_buf_add(out, enc, 3);
	}
	return st ? undo(out, start, st) : VNS_OK;
}

static int hex_value(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

/* The byte encoded by "%XX" at s + i, or -1 if it is not a valid escape. */
static int percent_byte(const char *s, size_t len, size_t i)
{
	int hi, lo;

	if (len - i < 3)
		return -1;
	hi = hex_value(s[i + 1]);
	lo = hex_value(s[i + 2]);
	return hi < 0 || lo < 0 ? -1 : hi * 16 + lo;
}

/* Undo a failed decode and say why in err. */
static vns_status decode_failed(vns_buf *out, size_t start, vns_status st,
				vns_err *err)
{
	vns_buf_truncate(out, start);
	if (st == VNS_ETOOBIG)
		return vns_err_set(err, st, "decoded url component exceeds "
				   "%zu bytes", out->cap);
	return vns_err_set(err, st, "out of memory decoding url component");
}

vns_status vns_unescape_url_component(vns_buf *out, const char *s,
				      size_t len, vns_err *err)
{
	size_t start = out->len, i = 0;
	vns_status st = VNS_OK;
	int b;

	while (i < len && !st) {
		if (s[i] == '%') {
			if ((b = percent_byte(s, len, i)) < 0) {
				vns_buf_truncate(out, start);
				return vns_err_set(err, VNS_EINVAL,
					"invalid percent-escape at offset %zu",
					i);
			}
			st = vns_buf_addc(out, (char)b);
			i += 3;
			continue;
		}
		st = vns_buf_addc(out, s[i] == '+' ? ' ' : s[i]);
		i++;
	}
	return st ? decode_failed(out, start, st, err) : VNS_OK;
}
