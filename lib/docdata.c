/* docdata.c - a document's stored data (see docdata.h). The fields are
 * read by a strict parser of the JSON the indexer writes: an object of
 * strings, nulls and arrays of those. It copies the strings, unescaped,
 * into one block with the table of fields, which costs a seventh of
 * jansson's json_loadb (hash table, one allocation per value). An object
 * holding anything else goes through jansson, into the same table. */
#include "docdata.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "schema.h"
#include "utf8.h"

/* One field: its key and its string value or its array's strings. */
typedef struct field {
	const char *key;
	const char *str;         /* the value if a string, else NULL */
	const char *const *list; /* the strings if an array, else NULL */
	size_t n;                /* how many in list */
} field;

/* One allocation: this header, the fields, the array strings of every
 * field in turn, then the bytes (NUL-terminated) all of them point into. */
struct vns_docfields {
	field *f;
	size_t nf;
	const char **items;
	size_t ni;
	char *bytes;
};

vns_status vns_docdata_encode(const json_t *fields, const char *text,
			      size_t len, vns_buf *out, vns_err *err)
{
	char *s = json_dumps(fields, JSON_COMPACT);
	vns_status st;

	vns_buf_reset(out);
	if (!s)
		return vns_err_set(err, VNS_ENOMEM, "out of memory");
	st = vns_buf_add(out, s, strlen(s) + 1); /* with its NUL */
	if (!st)
		st = vns_buf_add(out, text, len);
	free(s);
	return st ? vns_err_set(err, st, "out of memory") : VNS_OK;
}

/* Room for nf fields, ni array strings and nbytes of strings; caller
 * frees with free(). NULL when out of memory. */
static vns_docfields *fields_alloc(size_t nf, size_t ni, size_t nbytes)
{
	vns_docfields *df = malloc(sizeof *df + nf * sizeof(field) +
				   ni * sizeof(char *) + nbytes);

	if (!df)
		return NULL;
	df->f = (field *)(df + 1);
	df->items = (const char **)(df->f + nf);
	df->bytes = (char *)(df->items + ni);
	df->nf = df->ni = 0;
	return df;
}

/* ---- the fast parser ------------------------------------------------- */

enum { P_OK, P_BAD, P_OTHER }; /* P_OTHER: a value left to jansson */

typedef struct parser {
	const char *s, *p, *end; /* the JSON, the next byte, its end */
	char *w;                 /* where the next string's bytes go */
	vns_docfields *df;
	size_t maxf, maxi;       /* room in df->f and df->items */
	const char *why;         /* what was wrong, after P_BAD */
} parser;

static int bad(parser *ps, const char *why)
{
	ps->why = why;
	return P_BAD;
}

/* The next byte that is not JSON white space (ps->p left on it), or -1
 * at the end. */
static int peek(parser *ps)
{
	while (ps->p < ps->end && (*ps->p == ' ' || *ps->p == '\n' ||
				   *ps->p == '\r' || *ps->p == '\t'))
		ps->p++;
	return ps->p < ps->end ? (unsigned char)*ps->p : -1;
}

static int hex_digit(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	c |= 0x20; /* 'A'-'F' to 'a'-'f' */
	return c >= 'a' && c <= 'f' ? c - 'a' + 10 : -1;
}

/* The four hex digits at ps->p into *u. */
static int hex4(parser *ps, uint32_t *u)
{
	int d;

	if (ps->end - ps->p < 4)
		return bad(ps, "truncated \\u escape");
	*u = 0;
	for (int i = 0; i < 4; i++) {
		if ((d = hex_digit(ps->p[i])) < 0)
			return bad(ps, "invalid \\u escape");
		*u = *u << 4 | (uint32_t)d;
	}
	ps->p += 4;
	return P_OK;
}

/* A \uXXXX escape (ps->p past the "\u"), with the low half that must
 * follow a high surrogate, written out as UTF-8. Like jansson without
 * JSON_ALLOW_NUL, \u0000 is refused: the strings are NUL-terminated. */
static int unicode_escape(parser *ps)
{
	uint32_t u, lo;

	if (hex4(ps, &u))
		return P_BAD;
	if (u == 0)
		return bad(ps, "\\u0000 in a string");
	if (u >= 0xDC00 && u <= 0xDFFF)
		return bad(ps, "lone low surrogate");
	if (u >= 0xD800 && u <= 0xDBFF) {
		if (ps->end - ps->p < 2 || ps->p[0] != '\\' || ps->p[1] != 'u')
			return bad(ps, "lone high surrogate");
		ps->p += 2;
		if (hex4(ps, &lo))
			return P_BAD;
		if (lo < 0xDC00 || lo > 0xDFFF)
			return bad(ps, "lone high surrogate");
		u = 0x10000 + ((u - 0xD800) << 10) + (lo - 0xDC00);
	}
	ps->w += vns_utf8_encode(u, ps->w);
	return P_OK;
}

/* The escape after a backslash (ps->p past it), unescaped. */
static int escape(parser *ps)
{
	static const char from[] = "\"\\/bfnrt", to[] = "\"\\/\b\f\n\r\t";
	const char *k;

	if (ps->p == ps->end)
		return bad(ps, "truncated escape");
	if (*ps->p == 'u') {
		ps->p++;
		return unicode_escape(ps);
	}
	if (!(k = memchr(from, *ps->p, sizeof from - 1)))
		return bad(ps, "invalid escape");
	*ps->w++ = to[k - from];
	ps->p++;
	return P_OK;
}

/* The string opening at ps->p, unescaped and NUL-terminated, into *out.
 * The output is never longer than the input (a quote becomes the NUL), so
 * ps->w stays behind ps->p. The bytes are walked in locals: a store
 * through a char pointer could change ps->p, for all the compiler knows. */
static int string(parser *ps, const char **out)
{
	const char *p = ps->p + 1, *end = ps->end;
	char *w = ps->w;
	unsigned char c;
	size_t k;

	*out = w;
	while (p < end && (c = (unsigned char)*p) != '"') {
		if (c >= 0x20 && c < 0x80 && c != '\\') {
			*w++ = *p++;
			continue;
		}
		ps->p = p;
		if (c == '\\') {
			ps->p++;
			ps->w = w;
			if (escape(ps)) {
				ps->p = p; /* the message points at it */
				return P_BAD;
			}
			p = ps->p;
			w = ps->w;
		} else if (c < 0x20) {
			return bad(ps, "control character in a string");
		} else if ((k = vns_utf8_decode(p, (size_t)(end - p), NULL))) {
			while (k--)
				*w++ = *p++;
		} else {
			return bad(ps, "invalid UTF-8");
		}
	}
	ps->p = p;
	if (p == end)
		return bad(ps, "unterminated string");
	ps->p++;
	*w++ = '\0';
	ps->w = w;
	return P_OK;
}

static int null(parser *ps)
{
	if (ps->end - ps->p < 4 || memcmp(ps->p, "null", 4))
		return bad(ps, "invalid value");
	ps->p += 4;
	return P_OK;
}

/* One item of an array (at ps->p): a string goes to df->items. */
static int item(parser *ps, field *f)
{
	int c = peek(ps), st;

	if (c == 'n')
		return null(ps);
	if (c != '"')
		return c < 0 ? bad(ps, "truncated array") : P_OTHER;
	if (ps->df->ni == ps->maxi)
		return bad(ps, "too many strings");
	if ((st = string(ps, &ps->df->items[ps->df->ni])))
		return st;
	ps->df->ni++;
	f->n++;
	return P_OK;
}

/* The array opening at ps->p into f. */
static int list(parser *ps, field *f)
{
	int c, st;

	f->list = ps->df->items + ps->df->ni;
	ps->p++;
	if (peek(ps) == ']') {
		ps->p++;
		return P_OK;
	}
	for (;;) {
		if ((st = item(ps, f)))
			return st;
		c = peek(ps);
		if (c != ',' && c != ']')
			return bad(ps, "expected ',' or ']'");
		ps->p++;
		if (c == ']')
			return P_OK;
	}
}

static int value(parser *ps, field *f)
{
	int c = peek(ps);

	f->str = NULL;
	f->list = NULL;
	f->n = 0;
	if (c == '"')
		return string(ps, &f->str);
	if (c == 'n')
		return null(ps);
	if (c == '[')
		return list(ps, f);
	return c < 0 ? bad(ps, "truncated object") : P_OTHER;
}

/* One "key":value of the object into the next field. */
static int member(parser *ps)
{
	field *f;
	int st;

	if (peek(ps) != '"')
		return bad(ps, "expected a key");
	if (ps->df->nf == ps->maxf)
		return bad(ps, "too many fields");
	f = &ps->df->f[ps->df->nf];
	if ((st = string(ps, &f->key)))
		return st;
	if (peek(ps) != ':')
		return bad(ps, "expected ':'");
	ps->p++;
	if ((st = value(ps, f)))
		return st;
	ps->df->nf++;
	return P_OK;
}

/* The whole input: one object, then only white space. */
static int object(parser *ps)
{
	int c, st;

	if (peek(ps) != '{')
		return bad(ps, "not an object");
	ps->p++;
	c = peek(ps);
	if (c == '}')
		ps->p++;
	while (c != '}') {
		if ((st = member(ps)))
			return st;
		c = peek(ps);
		if (c != ',' && c != '}')
			return bad(ps, "expected ',' or '}'");
		ps->p++;
	}
	return peek(ps) < 0 ? P_OK : bad(ps, "trailing bytes");
}

static size_t count_quotes(const char *s, size_t len)
{
	const char *end = s + len;
	size_t n = 0;

	while ((s = memchr(s, '"', (size_t)(end - s)))) {
		n++;
		s++;
	}
	return n;
}

/* The fields of the JSON s (len bytes) into *out (caller frees with
 * free()). VNS_OK with *out NULL when the object holds values this
 * parser leaves to jansson. Each string takes two of the input's quotes,
 * so half their number bounds the fields and the array strings. */
static vns_status parse_fast(const char *s, size_t len, vns_docfields **out,
			     vns_err *err)
{
	size_t room = count_quotes(s, len) / 2;
	parser ps = { s, s, s + len, NULL, NULL, room, room, NULL };
	int st;

	*out = NULL;
	if (!(ps.df = fields_alloc(room, room, len + 1)))
		return vns_err_set(err, VNS_ENOMEM, "out of memory");
	ps.w = ps.df->bytes;
	st = object(&ps);
	if (st == P_OK) {
		*out = ps.df;
		return VNS_OK;
	}
	free(ps.df);
	if (st == P_OTHER)
		return VNS_OK;
	return vns_err_set(err, VNS_EDBCORRUPT, "stored data: %s at byte %zu",
			   ps.why, (size_t)(ps.p - s));
}

/* ---- through jansson --------------------------------------------------- */

/* The bytes the strings of object o take (keys, string values, strings of
 * arrays, each with a NUL), and the number of array strings in *ni. */
static size_t json_room(json_t *o, size_t *ni)
{
	const char *k;
	json_t *v, *x;
	size_t i, bytes = 0;

	*ni = 0;
	json_object_foreach(o, k, v) {
		bytes += strlen(k) + 1;
		if (json_is_string(v))
			bytes += json_string_length(v) + 1;
		json_array_foreach(v, i, x)
			if (json_is_string(x)) {
				bytes += json_string_length(x) + 1;
				(*ni)++;
			}
	}
	return bytes;
}

/* n bytes of s and a NUL at *w, which moves past them; the copy. */
static const char *put(char **w, const char *s, size_t n)
{
	char *at = *w;

	memcpy(at, s, n);
	at[n] = '\0';
	*w += n + 1;
	return at;
}

/* One field of df (with room) from k and v. */
static void json_field(vns_docfields *df, char **w, const char *k, json_t *v)
{
	field *f = &df->f[df->nf++];
	json_t *x;
	size_t i;

	f->key = put(w, k, strlen(k));
	f->str = json_is_string(v)
			 ? put(w, json_string_value(v), json_string_length(v))
			 : NULL;
	f->list = json_is_array(v) ? df->items + df->ni : NULL;
	f->n = 0;
	json_array_foreach(v, i, x)
		if (json_is_string(x)) {
			df->items[df->ni++] = put(w, json_string_value(x),
						  json_string_length(x));
			f->n++;
		}
}

/* The fields of the JSON s (len bytes) as parsed by jansson into *out
 * (caller frees with free()). */
static vns_status parse_jansson(const char *s, size_t len, vns_docfields **out,
				vns_err *err)
{
	json_error_t je;
	json_t *o = json_loadb(s, len, 0, &je), *v;
	const char *k;
	size_t ni, bytes;
	char *w;

	*out = NULL;
	if (!json_is_object(o)) {
		json_decref(o);
		return vns_err_set(err, VNS_EDBCORRUPT, "stored data: %s",
				   o ? "not an object" : je.text);
	}
	bytes = json_room(o, &ni);
	*out = fields_alloc(json_object_size(o), ni, bytes);
	if (*out) {
		w = (*out)->bytes;
		json_object_foreach(o, k, v)
			json_field(*out, &w, k, v);
	}
	json_decref(o);
	return *out ? VNS_OK : vns_err_set(err, VNS_ENOMEM, "out of memory");
}

/* ---- the document -------------------------------------------------------- */

static vns_status set_text(vns_docdata *out, const char *text, size_t len,
			   vns_err *err)
{
	out->text = malloc(len + 1);
	if (!out->text)
		return vns_err_set(err, VNS_ENOMEM, "out of memory");
	memcpy(out->text, text, len);
	out->text[len] = '\0';
	out->text_len = len;
	return VNS_OK;
}

vns_status vns_docdata_decode(const char *blob, size_t len, vns_docdata *out,
			      vns_err *err)
{
	const char *nul = memchr(blob, '\0', len);
	size_t flen = nul ? (size_t)(nul - blob) : len;
	const char *old;
	vns_status st;

	*out = (vns_docdata){ NULL, NULL, 0 };
	if (flen > SIZE_MAX / 64) /* so that the sizes of the table add up */
		return vns_err_set(err, VNS_EDBCORRUPT,
				   "stored data: %zu bytes of fields", flen);
	st = parse_fast(blob, flen, &out->fields, err);
	if (!st && !out->fields)
		st = parse_jansson(blob, flen, &out->fields, err);
	if (!st && nul) {
		st = set_text(out, nul + 1, len - flen - 1, err);
	} else if (!st) {
		old = vns_docdata_str(out, VNS_DATA_TEXT);
		st = set_text(out, old ? old : "", old ? strlen(old) : 0, err);
	}
	if (st)
		vns_docdata_clear(out);
	return st;
}

/* The field key of d (the last if given twice, as jansson keeps), or
 * NULL. */
static const field *find(const vns_docdata *d, const char *key)
{
	const vns_docfields *df = d->fields;

	for (size_t i = df ? df->nf : 0; i-- > 0;)
		if (df->f[i].key[0] == key[0] && !strcmp(df->f[i].key, key))
			return &df->f[i];
	return NULL;
}

const char *vns_docdata_str(const vns_docdata *d, const char *key)
{
	const field *f = find(d, key);

	return f ? f->str : NULL;
}

const char *const *vns_docdata_list(const vns_docdata *d, const char *key,
				    size_t *n)
{
	const field *f = find(d, key);

	*n = f && f->list ? f->n : 0;
	return f ? f->list : NULL;
}

void vns_docdata_clear(vns_docdata *d)
{
	free(d->fields);
	free(d->text);
	*d = (vns_docdata){ NULL, NULL, 0 };
}
