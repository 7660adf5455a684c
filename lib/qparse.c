/* qparse.c - the query language scanner: what the user typed -> vns_qtree. */
#include "qparse.h"
#include "grow.h"
#include "utf8.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

/* Tolerated oddities (never errors, never crashes):
 *   - a lone '-' (followed by a space or the end) is dropped: it excludes
 *     nothing, and as text the analyser would drop it anyway;
 *   - a leading OR, a trailing OR, and "OR OR" collapse to nothing: an OR
 *     joins only when there is an item on both sides;
 *   - an empty or all-space phrase ("" or " ") is dropped;
 *   - a quote character ends a word ("giá\"vàng\"" is the word giá then
 *     the phrase vàng), so every quote opens or closes a phrase;
 *   - a '-' after the first ("--x") is text: the item is "-x", negated;
 *   - control characters count as spaces; a NUL byte is an error, since the
 *     tree holds NUL-terminated strings.
 * Field names are ASCII; values are kept as typed. */

static const char *const known_fields[] = {
	"province", "tinh",  "product", "sanpham", "programme", "chuongtrinh",
	"source",   "nguon", "date",    "year",    "nam",
};

typedef struct parser {
	const char *q;
	size_t len;
	size_t pos;
	vns_qtree *tree;
	size_t alloc;      /* items allocated in tree */
	int next_group;    /* last or_group handed out */
	int pending_or;    /* an OR was read and awaits its right-hand item */
	int run_open;      /* the last item is a WORDS run a plain word extends */
	vns_err *err;
} parser;


/* 1-based character (code point) number of byte offset off in q. */
static size_t char_pos(const char *q, size_t off)
{
	size_t i, n = 1;

	for (i = 0; i < off; i++)
		if (((unsigned char)q[i] & 0xC0) != 0x80)
			n++;
	return n;
}

static vns_status check_text(const char *q, size_t len, vns_err *err)
{
	size_t i = 0, k;

	if (len > VNS_QUERY_MAX)
		return vns_err_set(err, VNS_ETOOBIG,
				   "query is %zu bytes, longest accepted is %d",
				   len, VNS_QUERY_MAX);
	while (i < len) {
		if (q[i] == '\0')
			return vns_err_set(err, VNS_EQUERY,
					   "nul byte at character %zu",
					   char_pos(q, i));
		k = vns_utf8_decode(q + i, len - i, NULL);
		if (!k)
			return vns_err_set(err, VNS_EUTF8,
					   "invalid utf-8 at byte %zu", i);
		i += k;
	}
	return VNS_OK;
}

/* Bytes of white space (ASCII space, controls, U+00A0) at pos, or 0. */
static size_t space_len(const parser *p, size_t pos)
{
	unsigned char c = (unsigned char)p->q[pos];

	if (c <= 0x20 || c == 0x7F)
		return 1;
	if (c == 0xC2 && pos + 1 < p->len &&
	    (unsigned char)p->q[pos + 1] == 0xA0)
		return 2;
	return 0;
}

/* Bytes of a quote character (" U+201C U+201D) at pos, or 0. */
static size_t quote_len(const parser *p, size_t pos)
{
	const unsigned char *s = (const unsigned char *)p->q + pos;

	if (s[0] == '"')
		return 1;
	if (s[0] == 0xE2 && pos + 2 < p->len && s[1] == 0x80 &&
	    (s[2] == 0x9C || s[2] == 0x9D))
		return 3;
	return 0;
}

static int at_boundary(const parser *p, size_t pos)
{
	return pos >= p->len || space_len(p, pos) || quote_len(p, pos);
}

static void skip_space(parser *p)
{
	size_t k;

	while (p->pos < p->len && (k = space_len(p, p->pos)))
		p->pos += k;
}

/* End of the word starting at pos: the next space, quote or the end. */
static size_t word_end(const parser *p, size_t pos)
{
	while (!at_boundary(p, pos))
		pos += vns_utf8_decode(p->q + pos,
				    p->len - pos, NULL);
	return pos;
}

/* Copy n bytes of s with runs of space collapsed to one ' ' and the ends
 * trimmed; caller frees. NULL when out of memory. */
static char *copy_collapsed(const parser *p, size_t start, size_t end)
{
	char *out = malloc(end - start + 1);
	size_t o = 0, k;
	int gap = 0;

	if (!out)
		return NULL;
	while (start < end) {
		if ((k = space_len(p, start))) {
			gap = o > 0;
			start += k;
			continue;
		}
		if (gap)
			out[o++] = ' ';
		gap = 0;
		out[o++] = p->q[start++];
	}
	out[o] = '\0';
	return out;
}

static char *copy_lower(const char *s, size_t n)
{
	char *out = malloc(n + 1);
	size_t i;

	if (!out)
		return NULL;
	for (i = 0; i < n; i++)
		out[i] = (s[i] >= 'A' && s[i] <= 'Z') ? (char)(s[i] + 32) : s[i];
	out[n] = '\0';
	return out;
}

static vns_status no_memory(parser *p)
{
	return vns_err_set(p->err, VNS_ENOMEM, "out of memory parsing query");
}

/* Append an item; takes ownership of field and text (freed on failure). */
static vns_status add_item(parser *p, vns_qitem_kind kind, int negated,
			   char *field, char *text)
{
	vns_qtree *t = p->tree;
	vns_qitem *it;

	if (VNS_GROW(t->items, p->alloc, t->n + 1)) {
		free(field);
		free(text);
		return no_memory(p);
	}
	it = &t->items[t->n];
	it->kind = kind;
	it->negated = negated;
	it->or_group = 0;
	it->field = field;
	it->text = text;
	if (p->pending_or) {
		vns_qitem *prev = it - 1;

		if (!prev->or_group)
			prev->or_group = ++p->next_group;
		it->or_group = prev->or_group;
		p->pending_or = 0;
	}
	t->n++;
	return VNS_OK;
}

/* Append " word" to the text of the last item, an open WORDS run. */
static vns_status extend_run(parser *p, size_t start, size_t n)
{
	vns_qitem *last = &p->tree->items[p->tree->n - 1];
	size_t old = strlen(last->text);
	char *text = realloc(last->text, old + 1 + n + 1);

	if (!text)
		return no_memory(p);
	text[old] = ' ';
	memcpy(text + old + 1, p->q + start, n);
	text[old + 1 + n] = '\0';
	last->text = text;
	return VNS_OK;
}

/* Add the word [start,end): extend the open WORDS run or start one. */
static vns_status add_word(parser *p, size_t start, size_t end, int negated)
{
	size_t n = end - start;
	char *text;

	if (!negated && p->run_open)
		return extend_run(p, start, n);
	text = malloc(n + 1);
	if (!text)
		return no_memory(p);
	memcpy(text, p->q + start, n);
	text[n] = '\0';
	p->run_open = !negated;
	return add_item(p, VNS_QITEM_WORDS, negated, NULL, text);
}

/* The quote at p->pos: find its closing quote. Sets [*in_start,*in_end)
 * to the text inside and moves p->pos past the closing quote. */
static vns_status scan_quoted(parser *p, size_t *in_start, size_t *in_end)
{
	size_t open = p->pos, i, k;

	i = open + quote_len(p, open);
	*in_start = i;
	while (i < p->len) {
		if ((k = quote_len(p, i))) {
			*in_end = i;
			p->pos = i + k;
			return VNS_OK;
		}
		i += vns_utf8_decode(p->q + i, p->len - i, NULL);
	}
	return vns_err_set(p->err, VNS_EQUERY,
			   "unterminated quote at character %zu",
			   char_pos(p->q, open));
}

static vns_status parse_phrase(parser *p, int negated)
{
	size_t s, e;
	vns_status st;
	char *text;

	p->run_open = 0;
	if ((st = scan_quoted(p, &s, &e)))
		return st;
	if (!(text = copy_collapsed(p, s, e)))
		return no_memory(p);
	if (!text[0]) {
		free(text);
		return VNS_OK;
	}
	return add_item(p, VNS_QITEM_PHRASE, negated, NULL, text);
}

static int is_known_field(const char *s, size_t n)
{
	size_t i, j;

	for (i = 0; i < sizeof known_fields / sizeof known_fields[0]; i++) {
		const char *f = known_fields[i];

		if (strlen(f) != n)
			continue;
		for (j = 0; j < n; j++)
			if ((s[j] | 0x20) != f[j])
				break;
		if (j == n)
			return 1;
	}
	return 0;
}

/* Length of a known field name followed by ':' at [start,end), or 0. */
static size_t field_name_len(const parser *p, size_t start, size_t end)
{
	size_t i = start;

	while (i < end && ((p->q[i] | 0x20) >= 'a' && (p->q[i] | 0x20) <= 'z'))
		i++;
	if (i == start || i >= end || p->q[i] != ':')
		return 0;
	return is_known_field(p->q + start, i - start) ? i - start : 0;
}

static vns_status empty_value(parser *p, const char *field, size_t at)
{
	return vns_err_set(p->err, VNS_EQUERY,
			   "empty value for field '%s' at character %zu",
			   field, char_pos(p->q, at));
}

/* name:value or name:"several words"; [start,end) is the word up to the
 * first space or quote, with a name of nlen bytes. */
static vns_status parse_field(parser *p, size_t start, size_t end,
			      size_t nlen, int negated)
{
	size_t vs = start + nlen + 1, s, e;
	vns_status st;
	char *field, *text;

	p->run_open = 0;
	if (!(field = copy_lower(p->q + start, nlen)))
		return no_memory(p);
	if (vs < end) {
		text = copy_collapsed(p, vs, end);
		p->pos = end;
	} else if (end < p->len && quote_len(p, end)) {
		p->pos = end;
		if ((st = scan_quoted(p, &s, &e))) {
			free(field);
			return st;
		}
		text = copy_collapsed(p, s, e);
	} else {
		st = empty_value(p, field, start);
		free(field);
		return st;
	}
	if (!text) {
		free(field);
		return no_memory(p);
	}
	if (!text[0]) {
		st = empty_value(p, field, start);
		free(field);
		free(text);
		return st;
	}
	return add_item(p, VNS_QITEM_FIELD, negated, field, text);
}

/* OR between two items joins them; anywhere else it is dropped. */
static void read_or(parser *p)
{
	p->run_open = 0;
	if (p->tree->n > 0)
		p->pending_or = 1;
}

/* One item (or OR, or a dropped lone '-') starting at p->pos. */
static vns_status parse_one(parser *p)
{
	int negated = 0;
	size_t start, end, nlen;

	if (p->q[p->pos] == '-') {
		p->pos++;
		if (p->pos >= p->len || space_len(p, p->pos))
			return VNS_OK;
		negated = 1;
	}
	if (quote_len(p, p->pos))
		return parse_phrase(p, negated);
	start = p->pos;
	end = word_end(p, start);
	if (!negated && end - start == 2 && !memcmp(p->q + start, "OR", 2)) {
		p->pos = end;
		read_or(p);
		return VNS_OK;
	}
	if ((nlen = field_name_len(p, start, end)))
		return parse_field(p, start, end, nlen, negated);
	p->pos = end;
	return add_word(p, start, end, negated);
}

vns_status vns_qparse(const char *q, size_t len, vns_qtree *tree,
		      vns_err *err)
{
	parser p;
	vns_status st;

	if (!tree || (!q && len))
		return vns_err_set(err, VNS_EINVAL, "no query or no tree");
	tree->items = NULL;
	tree->n = 0;
	if ((st = check_text(q, len, err)))
		return st;
	memset(&p, 0, sizeof p);
	p.q = q;
	p.len = len;
	p.tree = tree;
	p.err = err;
	for (skip_space(&p); p.pos < p.len; skip_space(&p)) {
		if ((st = parse_one(&p))) {
			vns_qtree_free(tree);
			return st;
		}
	}
	return VNS_OK;
}

void vns_qtree_free(vns_qtree *tree)
{
	size_t i;

	if (!tree)
		return;
	for (i = 0; i < tree->n; i++) {
		free(tree->items[i].field);
		free(tree->items[i].text);
	}
	free(tree->items);
	tree->items = NULL;
	tree->n = 0;
}
