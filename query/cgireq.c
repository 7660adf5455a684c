/* cgireq.c - decoding and checking the search page's query string, and
 * turning a request back into a query-language string or a URL (see
 * cgireq.h). */
#include "cgireq.h"

#include <stdio.h>
#include <string.h>

#include "escape.h"
#include "utf8.h"

/* Longest decoded key worth reading; longer keys are unknown anyway. */
#define KEY_MAX 32
/* Digits accepted in page and n (more would only overflow). */
#define NUM_DIGITS 6

typedef vns_status (*setter)(vns_cgireq *req, int arg, const char *name,
			     const char *v, size_t len, vns_err *err);

typedef struct param {
	const char *name;
	setter set;
	int arg;
	const char *quoted; /* the name as messages quote it */
} param;

static const char *const filter_params[VNS_CGI_NFILTERS] = {
	"province", "product", "programme", "source", "year",
};

static const vns_facet_kind filter_facets[VNS_CGI_NFILTERS] = {
	VNS_FACET_PROVINCE, VNS_FACET_PRODUCT, VNS_FACET_PROGRAMME,
	VNS_FACET_SOURCE,   VNS_FACET_YEAR,
};

static const char *const format_names[VNS_CGI_NFORMATS] = {
	"html", "atom", "json", "opensearch",
};

const char *vns_cgi_format_name(vns_cgi_format f)
{
	return (unsigned)f < VNS_CGI_NFORMATS ? format_names[f] : "unknown";
}

const char *vns_cgi_filter_param(vns_cgi_filter f)
{
	return (unsigned)f < VNS_CGI_NFILTERS ? filter_params[f] : "unknown";
}

vns_facet_kind vns_cgi_filter_facet(vns_cgi_filter f)
{
	return (unsigned)f < VNS_CGI_NFILTERS ? filter_facets[f]
					      : VNS_FACET_COUNT;
}

void vns_cgireq_init(vns_cgireq *req)
{
	memset(req, 0, sizeof *req);
	req->page = 1;
	req->per_page = VNS_CGI_PER_PAGE;
	req->sort = VNS_SORT_RELEVANCE;
}

/* ---- checking one value ---- */

static int is_digits(const char *v, size_t len)
{
	size_t i;

	for (i = 0; i < len; i++)
		if (v[i] < '0' || v[i] > '9')
			return 0;
	return len > 0;
}

/* Whitespace as the query language counts it: C0 controls, space, DEL,
 * U+00A0. */
static size_t space_at(const char *v, size_t len, size_t i)
{
	unsigned char c = (unsigned char)v[i];

	if (c <= 0x20 || c == 0x7F)
		return 1;
	if (c == 0xC2 && i + 1 < len && (unsigned char)v[i + 1] == 0xA0)
		return 2;
	return 0;
}

/* Bytes of a quote character (" U+201C U+201D) at v + i, or 0. */
static size_t quote_at(const char *v, size_t len, size_t i)
{
	const unsigned char *s = (const unsigned char *)v + i;

	if (s[0] == '"')
		return 1;
	if (s[0] == 0xE2 && i + 2 < len && s[1] == 0x80 &&
	    (s[2] == 0x9C || s[2] == 0x9D))
		return 3;
	return 0;
}

static int is_blank(const char *v, size_t len)
{
	size_t i = 0, k;

	while (i < len && (k = space_at(v, len, i)))
		i += k;
	return i == len;
}

static vns_status check_text(const char *name, const char *v, size_t len,
			     size_t max, vns_err *err)
{
	size_t bad;

	if (len > max)
		return vns_err_set(err, VNS_ETOOBIG,
				   "'%s' is too long: at most %zu bytes", name,
				   max);
	if (!vns_utf8_valid(v, len, &bad))
		return vns_err_set(err, VNS_EUTF8,
				   "'%s' is not valid UTF-8 (byte %zu)", name,
				   bad);
	if (memchr(v, '\0', len))
		return vns_err_set(err, VNS_EINVAL,
				   "'%s' contains a NUL character", name);
	return VNS_OK;
}

static void store(char *dst, const char *v, size_t len)
{
	memcpy(dst, v, len);
	dst[len] = '\0';
}

/* ---- the parameters ---- */

static vns_status set_q(vns_cgireq *req, int arg, const char *name,
			const char *v, size_t len, vns_err *err)
{
	vns_status st = check_text(name, v, len, VNS_CGI_Q_MAX, err);

	(void)arg;
	if (!st)
		store(req->q, v, len);
	return st;
}

/* Quotes would end the quoted filter value in the query language. */
static int has_quote(const char *v, size_t len)
{
	size_t i;

	for (i = 0; i < len; i++)
		if (quote_at(v, len, i))
			return 1;
	return 0;
}

static vns_status set_filter(vns_cgireq *req, int arg, const char *name,
			     const char *v, size_t len, vns_err *err)
{
	vns_status st = check_text(name, v, len, VNS_CGI_FILTER_MAX, err);
	size_t i;

	if (st)
		return st;
	for (i = 0; i < len; i++)
		if ((unsigned char)v[i] < 0x20 || v[i] == 0x7F)
			return vns_err_set(err, VNS_EINVAL,
					   "'%s' contains a control character",
					   name);
	if (has_quote(v, len))
		return vns_err_set(err, VNS_EINVAL,
				   "'%s' cannot contain quotation marks", name);
	if (arg == VNS_CGI_YEAR && !is_blank(v, len) &&
	    (len != 4 || !is_digits(v, len)))
		return vns_err_set(err, VNS_EINVAL,
				   "'year' must be a year of four digits");
	if (!is_blank(v, len))
		store(req->filter[arg], v, len);
	return VNS_OK;
}

/* YYYY, YYYY-MM or YYYY-MM-DD with a month 01-12 and a day 01-31. */
static int is_date(const char *v, size_t len)
{
	int m, d;

	if ((len != 4 && len != 7 && len != 10) || !is_digits(v, 4))
		return 0;
	if (len == 4)
		return 1;
	if (v[4] != '-' || !is_digits(v + 5, 2))
		return 0;
	m = (v[5] - '0') * 10 + (v[6] - '0');
	if (m < 1 || m > 12)
		return 0;
	if (len == 7)
		return 1;
	if (v[7] != '-' || !is_digits(v + 8, 2))
		return 0;
	d = (v[8] - '0') * 10 + (v[9] - '0');
	return d >= 1 && d <= 31;
}

static vns_status set_date(vns_cgireq *req, int arg, const char *name,
			   const char *v, size_t len, vns_err *err)
{
	if (!is_date(v, len))
		return vns_err_set(err, VNS_EINVAL,
				   "'%s' must be a date: YYYY, YYYY-MM or "
				   "YYYY-MM-DD", name);
	store(arg ? req->to : req->from, v, len);
	return VNS_OK;
}

static vns_status parse_count(const char *name, const char *v, size_t len,
			      unsigned max, unsigned *out, vns_err *err)
{
	unsigned n = 0;
	size_t i;

	if (!is_digits(v, len) || len > NUM_DIGITS)
		return vns_err_set(err, VNS_EINVAL,
				   "'%s' must be a number from 1 to %u", name,
				   max);
	for (i = 0; i < len; i++)
		n = n * 10 + (unsigned)(v[i] - '0');
	if (n < 1 || n > max)
		return vns_err_set(err, VNS_EINVAL,
				   "'%s' must be a number from 1 to %u", name,
				   max);
	*out = n;
	return VNS_OK;
}

static vns_status set_page(vns_cgireq *req, int arg, const char *name,
			   const char *v, size_t len, vns_err *err)
{
	(void)arg;
	return parse_count(name, v, len, VNS_OFFSET_MAX + 1, &req->page, err);
}

static vns_status set_per_page(vns_cgireq *req, int arg, const char *name,
			       const char *v, size_t len, vns_err *err)
{
	(void)arg;
	return parse_count(name, v, len, VNS_CGI_PER_PAGE_MAX, &req->per_page,
			   err);
}

static vns_status set_sort(vns_cgireq *req, int arg, const char *name,
			   const char *v, size_t len, vns_err *err)
{
	(void)arg;
	if (len == 9 && !memcmp(v, "relevance", 9))
		req->sort = VNS_SORT_RELEVANCE;
	else if (len == 4 && !memcmp(v, "date", 4))
		req->sort = VNS_SORT_DATE;
	else
		return vns_err_set(err, VNS_EINVAL,
				   "'%s' must be 'relevance' or 'date'", name);
	return VNS_OK;
}

/* A document id: any text but control characters. */
static vns_status set_like(vns_cgireq *req, int arg, const char *name,
			   const char *v, size_t len, vns_err *err)
{
	vns_status st = check_text(name, v, len, VNS_CGI_LIKE_MAX, err);

	(void)arg;
	for (size_t i = 0; !st && i < len; i++)
		if ((unsigned char)v[i] < 0x20 || v[i] == 0x7F)
			st = vns_err_set(err, VNS_EINVAL,
					 "'%s' contains a control character",
					 name);
	if (!st && !is_blank(v, len))
		store(req->like, v, len);
	return st;
}

static vns_status set_format(vns_cgireq *req, int arg, const char *name,
			     const char *v, size_t len, vns_err *err)
{
	(void)arg;
	for (int f = 0; f < VNS_CGI_NFORMATS; f++)
		if (strlen(format_names[f]) == len &&
		    !memcmp(format_names[f], v, len)) {
			req->format = (vns_cgi_format)f;
			return VNS_OK;
		}
	return vns_err_set(err, VNS_EINVAL, "'%s' must be 'html', 'atom', "
			   "'json' or 'opensearch'", name);
}

/* In canonical URL order. */
static const param params[] = {
	{ "q", set_q, 0, "'q'" },
	{ "province", set_filter, VNS_CGI_PROVINCE, "'province'" },
	{ "product", set_filter, VNS_CGI_PRODUCT, "'product'" },
	{ "programme", set_filter, VNS_CGI_PROGRAMME, "'programme'" },
	{ "source", set_filter, VNS_CGI_SOURCE, "'source'" },
	{ "year", set_filter, VNS_CGI_YEAR, "'year'" },
	{ "from", set_date, 0, "'from'" },
	{ "to", set_date, 1, "'to'" },
	{ "sort", set_sort, 0, "'sort'" },
	{ "n", set_per_page, 0, "'n'" },
	{ "page", set_page, 0, "'page'" },
	{ "like", set_like, 0, "'like'" },
	{ "format", set_format, 0, "'format'" },
};

#define NPARAMS (sizeof params / sizeof params[0])

static int find_param(const char *key, size_t len)
{
	size_t i;

	for (i = 0; i < NPARAMS; i++)
		if (strlen(params[i].name) == len &&
		    !memcmp(params[i].name, key, len))
			return (int)i;
	return -1;
}

/* ---- the query string ---- */

typedef struct decoder {
	vns_cgireq *req;
	unsigned seen; /* bit i: params[i] was given */
	vns_buf key, val;
	vns_err *err;
} decoder;

static vns_status decode_part(vns_buf *out, const char *what, const char *s,
			      size_t len, vns_err *err)
{
	vns_status st;

	vns_buf_reset(out);
	st = vns_unescape_url_component(out, s, len, err);
	if (st == VNS_EINVAL)
		vns_err_prefix(err, "%s: ", what);
	return st;
}

/* One key=value pair (or a bare key, meaning an empty value). */
static vns_status take_pair(decoder *d, const char *s, size_t len)
{
	const char *eq = memchr(s, '=', len);
	size_t klen = eq ? (size_t)(eq - s) : len;
	vns_status st = decode_part(&d->key, "a parameter name", s, klen,
				    d->err);
	int i;

	if (st)
		return st;
	i = d->key.len <= KEY_MAX ? find_param(d->key.data, d->key.len) : -1;
	if (!eq && i < 0)
		return VNS_OK;
	st = decode_part(&d->val, i < 0 ? "a parameter" : params[i].quoted,
			 eq ? eq + 1 : s, eq ? len - klen - 1 : 0, d->err);
	if (st || i < 0)
		return st;
	if (d->seen & (1u << i))
		return vns_err_set(d->err, VNS_EINVAL,
				   "'%s' is given more than once",
				   params[i].name);
	d->seen |= 1u << i;
	if (!d->val.len)
		return VNS_OK;
	return params[i].set(d->req, params[i].arg, params[i].name,
			     d->val.data, d->val.len, d->err);
}

static vns_status check_paging(const vns_cgireq *req, vns_err *err)
{
	unsigned long offset = (unsigned long)(req->page - 1) * req->per_page;

	if (offset > VNS_OFFSET_MAX)
		return vns_err_set(err, VNS_EINVAL,
				   "'page' %u is too far: only the first %u "
				   "results can be paged through", req->page,
				   VNS_OFFSET_MAX);
	return VNS_OK;
}

static vns_status take_all(decoder *d, const char *qs, size_t len)
{
	size_t i = 0, end;
	vns_status st = VNS_OK;

	while (!st && i < len) {
		const char *amp = memchr(qs + i, '&', len - i);

		end = amp ? (size_t)(amp - qs) : len;
		if (end > i)
			st = take_pair(d, qs + i, end - i);
		i = end + 1;
	}
	return st;
}

vns_status vns_cgireq_parse(const char *qs, size_t len, vns_cgireq *req,
			    vns_err *err)
{
	decoder d = { req, 0, { 0 }, { 0 }, err };
	vns_status st;

	vns_cgireq_init(req);
	if (len > VNS_CGI_QS_MAX)
		return vns_err_set(err, VNS_ETOOBIG,
				   "the request is too long: at most %d bytes",
				   VNS_CGI_QS_MAX);
	vns_buf_init(&d.key, VNS_CGI_QS_MAX);
	vns_buf_init(&d.val, VNS_CGI_QS_MAX);
	st = take_all(&d, qs, len);
	if (!st)
		st = check_paging(req, err);
	vns_buf_free(&d.key);
	vns_buf_free(&d.val);
	return st;
}

int vns_cgireq_is_search(const vns_cgireq *req)
{
	int i;

	if (req->q[0] && !is_blank(req->q, strlen(req->q)))
		return 1;
	for (i = 0; i < VNS_CGI_NFILTERS; i++)
		if (req->filter[i][0])
			return 1;
	return req->from[0] || req->to[0] || req->like[0];
}

unsigned vns_cgireq_offset(const vns_cgireq *req)
{
	return (req->page - 1) * req->per_page;
}

/* ---- the query-language string ---- */

/* End of an empty phrase ("" or " ") whose opening quote is at q + i,
 * or 0 when there is none there. */
static size_t empty_phrase_end(const char *q, size_t len, size_t i)
{
	size_t k = quote_at(q, len, i), j;

	if (!k)
		return 0;
	for (j = i + k; j < len && (k = space_at(q, len, j));)
		j += k;
	if (j >= len || !(k = quote_at(q, len, j)))
		return 0;
	return j + k;
}

/* End of an item at q + i that the query language reads as nothing (OR,
 * a lone '-', an empty phrase, excluded or not), or 0. */
static size_t void_item_end(const char *q, size_t len, size_t i)
{
	if (i + 2 <= len && q[i] == 'O' && q[i + 1] == 'R' &&
	    (i + 2 == len || space_at(q, len, i + 2) ||
	     quote_at(q, len, i + 2)))
		return i + 2;
	if (q[i] == '-' && (i + 1 == len || space_at(q, len, i + 1)))
		return i + 1;
	if (q[i] == '-')
		return i + 1 < len ? empty_phrase_end(q, len, i + 1) : 0;
	return empty_phrase_end(q, len, i);
}

/* Bytes at the start of q that the query language reads as nothing. Left
 * in front of the words, an OR among them would join the last filter. */
static size_t void_prefix(const char *q, size_t len)
{
	size_t i = 0, k;

	for (;;) {
		while (i < len && (k = space_at(q, len, i)))
			i += k;
		if (i >= len || !(k = void_item_end(q, len, i)))
			return i;
		i = k;
	}
}

vns_status vns_cgireq_query(const vns_cgireq *req, vns_buf *out)
{
	size_t start = out->len, skip = void_prefix(req->q, strlen(req->q));
	vns_status st = VNS_OK;
	int i;

	for (i = 0; !st && i < VNS_CGI_NFILTERS; i++)
		if (req->filter[i][0])
			st = vns_buf_addf(out, "%s:\"%s\" ", filter_params[i],
					  req->filter[i]);
	if (!st && (req->from[0] || req->to[0]))
		st = vns_buf_addf(out, "date:%s..%s ", req->from, req->to);
	if (!st)
		st = vns_buf_adds(out, req->q + skip);
	if (st)
		vns_buf_truncate(out, start);
	return st;
}

/* ---- the canonical URL ---- */

static vns_status add_param(vns_buf *out, const char *name, const char *v)
{
	vns_status st = vns_buf_adds(out, out->len ? "&" : "?");

	if (!st)
		st = vns_buf_adds(out, name);
	if (!st)
		st = vns_buf_addc(out, '=');
	if (!st)
		st = vns_escape_url_component(out, v, strlen(v));
	return st;
}

static vns_status add_number(vns_buf *out, const char *name, unsigned n)
{
	char num[16];
	int k = snprintf(num, sizeof num, "%u", n);

	return k > 0 && (size_t)k < sizeof num ? add_param(out, name, num)
					       : VNS_EINTERNAL;
}

/* The value params[i] has in req, or NULL when it has its default. */
static const char *text_value(const vns_cgireq *req, size_t i)
{
	const char *v = NULL;

	if (params[i].set == set_q)
		v = req->q;
	else if (params[i].set == set_filter)
		v = req->filter[params[i].arg];
	else if (params[i].set == set_date)
		v = params[i].arg ? req->to : req->from;
	else if (params[i].set == set_sort)
		v = req->sort == VNS_SORT_DATE ? "date" : "";
	else if (params[i].set == set_like)
		v = req->like;
	else if (params[i].set == set_format)
		v = req->format != VNS_CGI_HTML ? format_names[req->format] : "";
	return v && v[0] ? v : NULL;
}

vns_status vns_cgireq_href(const vns_cgireq *req, vns_buf *out)
{
	vns_buf tmp;
	vns_status st = VNS_OK;
	const char *v;
	size_t i;

	vns_buf_init(&tmp, out->cap);
	for (i = 0; !st && i < NPARAMS; i++) {
		if ((v = text_value(req, i)))
			st = add_param(&tmp, params[i].name, v);
		else if (params[i].set == set_per_page &&
			 req->per_page != VNS_CGI_PER_PAGE)
			st = add_number(&tmp, "n", req->per_page);
		else if (params[i].set == set_page && req->page > 1)
			st = add_number(&tmp, "page", req->page);
	}
	if (!st && !tmp.len)
		st = vns_buf_addc(&tmp, '?');
	if (!st)
		st = vns_buf_add(out, tmp.data, tmp.len);
	vns_buf_free(&tmp);
	return st;
}
