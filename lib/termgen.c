/* termgen.c - a vns_doc becomes a Xapian document (see termgen.h). */
#include "termgen.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <jansson.h>

#include "dedup.h"
#include "docdata.h"
#include "entindex.h"
#include "schema.h"
#include "slug.h"
#include "tagger.h"
#include "title.h"
#include "utctime.h"

const vns_field_weights vns_default_weights = { 3, 1, 1 };

struct vns_termgen {
	vns_analyser *a;
	vns_field_weights w;
	vns_buf term;      /* scratch: prefix + term */
	vns_buf prev_fold; /* previous word, for syllable pairs */
	vns_tagger *tagger;
	vns_tags tags;     /* the current document's entities */
};

/* State of one field's walk through the analyser. */
struct walk {
	vns_termgen *tg;
	vns_xdoc *xdoc;
	unsigned wdf;
	int indexed;       /* 0: the field is read by the tagger only */
	unsigned base;     /* position of the field's first word */
	unsigned next;     /* first position after the last word seen */
	int pair_ok;       /* the current word may pair with the previous */
	vns_status st;
	vns_err *err;
};

vns_status vns_termgen_new(vns_analyser *a, const vns_field_weights *w,
			   vns_termgen **out, vns_err *err)
{
	vns_termgen *tg = calloc(1, sizeof *tg);

	if (!tg)
		return vns_err_set(err, VNS_ENOMEM, "out of memory");
	tg->a = a;
	tg->w = w ? *w : vns_default_weights;
	vns_buf_init(&tg->term, 4096);
	vns_buf_init(&tg->prev_fold, 4096);
	if (vns_tagger_new(a, &tg->tagger, err)) {
		vns_termgen_free(tg);
		return err->code;
	}
	*out = tg;
	return VNS_OK;
}

void vns_termgen_free(vns_termgen *tg)
{
	if (!tg)
		return;
	vns_buf_free(&tg->term);
	vns_buf_free(&tg->prev_fold);
	vns_tagger_free(tg->tagger);
	free(tg);
}

vns_status vns_termgen_idterm(const char *id, vns_buf *out)
{
	vns_status st;

	vns_buf_reset(out);
	st = vns_buf_adds(out, VNS_PREFIX_ID);
	return st ? st : vns_buf_adds(out, id);
}

/* Build prefix + a [+ " " + b] into tg->term; 0 if it would be too long. */
static int make_term(vns_termgen *tg, const char *prefix, const char *a,
		     size_t alen, const char *b, size_t blen)
{
	size_t plen = strlen(prefix);
	size_t total = plen + alen + (b ? blen + 1 : 0);

	if (total > VNS_XTERM_MAX || alen == 0)
		return 0;
	vns_buf_reset(&tg->term);
	vns_buf_add(&tg->term, prefix, plen);
	vns_buf_add(&tg->term, a, alen);
	if (b) {
		vns_buf_addc(&tg->term, ' ');
		vns_buf_add(&tg->term, b, blen);
	}
	return 1;
}

static void post(struct walk *w, unsigned pos)
{
	vns_termgen *tg = w->tg;

	if (!w->st)
		w->st = vns_xdoc_add_posting(w->xdoc, tg->term.data,
					     tg->term.len, pos, w->wdf,
					     w->err);
}

static void add_plain(struct walk *w)
{
	vns_termgen *tg = w->tg;

	if (!w->st)
		w->st = vns_xdoc_add_term(w->xdoc, tg->term.data, tg->term.len,
					  w->wdf, w->err);
}

/* The exact form is a plain term: folded terms carry the positions that
 * phrases need, and exact pairs did not help ranking (doc/ranking.md). */
static void on_exact(struct walk *w, const vns_token *tok)
{
	vns_termgen *tg = w->tg;

	if (make_term(tg, VNS_PREFIX_EXACT, tok->term, tok->len, NULL, 0))
		add_plain(w);
	w->pair_ok = !(tok->flags & VNS_TOKEN_BREAK_BEFORE) &&
		     tg->prev_fold.len > 0;
}

static void on_folded(struct walk *w, const vns_token *tok, unsigned pos)
{
	vns_termgen *tg = w->tg;

	if (make_term(tg, VNS_PREFIX_FOLD, tok->term, tok->len, NULL, 0))
		post(w, pos);
	if (w->pair_ok && make_term(tg, VNS_PREFIX_FOLD_PAIR,
				    tg->prev_fold.data, tg->prev_fold.len,
				    tok->term, tok->len))
		add_plain(w);
	vns_buf_reset(&tg->prev_fold);
	if (vns_buf_add(&tg->prev_fold, tok->term, tok->len))
		vns_buf_reset(&tg->prev_fold);
}

/* Each token goes to the tagger and, unless the field is only tagged,
 * becomes terms: one analysis serves both. */
static int on_token(void *ctx, const vns_token *tok)
{
	struct walk *w = ctx;
	unsigned pos = w->base + tok->pos;

	if (vns_tagger_token(w->tg->tagger, tok))
		return 1;
	if (!w->indexed)
		return 0;
	if (tok->flags & VNS_TOKEN_COLOCATED)
		on_folded(w, tok, pos);
	else
		on_exact(w, tok);
	if (pos + 1 > w->next)
		w->next = pos + 1;
	return w->st != VNS_OK;
}

/* Feed one field's text to the tagger as field f and, when wdf is not
 * NULL, index it with *wdf starting at *pos_io, leaving *pos_io past it. */
static vns_status index_field(vns_termgen *tg, vns_xdoc *xdoc,
			      const char *text, vns_tagger_field_id f,
			      const unsigned *wdf, unsigned *pos_io,
			      vns_err *err)
{
	struct walk w = { tg, xdoc, wdf ? *wdf : 0, wdf != NULL,
			  *pos_io, *pos_io, 0, VNS_OK, err };
	vns_status st;

	vns_tagger_field(tg->tagger, f);
	if (!text || !*text)
		return VNS_OK;
	vns_buf_reset(&tg->prev_fold);
	st = vns_analyse(tg->a, text, strlen(text), on_token, &w, err);
	if (st)
		return st;
	if (w.st)
		return w.st;
	if (w.indexed)
		*pos_io = w.next + VNS_FIELD_GAP;
	return VNS_OK;
}

static vns_status add_boolean(vns_xdoc *xdoc, vns_buf *term,
			      const char *prefix, const char *value,
			      size_t vlen, vns_err *err)
{
	vns_buf_reset(term);
	if (vns_buf_adds(term, prefix) || vns_buf_add(term, value, vlen))
		return vns_err_set(err, VNS_ENOMEM, "out of memory");
	if (term->len > VNS_XTERM_MAX)
		return VNS_OK;
	return vns_xdoc_add_boolean(xdoc, term->data, term->len, err);
}

/* The values results are sorted by (schema.h): the id, and date + id. */
static vns_status add_sort_keys(vns_termgen *tg, vns_xdoc *xdoc,
				const vns_doc *doc, vns_err *err)
{
	char key[VNS_DATE_KEY_LEN + 1];
	vns_err ignored;
	vns_status st = vns_xdoc_set_value(xdoc, VNS_SLOT_ID, doc->id,
					   strlen(doc->id), err);

	if (vns_doc_date_key(doc, key, &ignored))
		memset(key, '0', VNS_DATE_KEY_LEN);
	vns_buf_reset(&tg->term);
	if (!st && (vns_buf_add(&tg->term, key, VNS_DATE_KEY_LEN) ||
		    vns_buf_adds(&tg->term, doc->id)))
		st = vns_err_set(err, VNS_ENOMEM, "out of memory");
	if (!st)
		st = vns_xdoc_set_value(xdoc, VNS_SLOT_DATE_ID, tg->term.data,
					tg->term.len, err);
	return st;
}

static vns_status add_date(vns_termgen *tg, vns_xdoc *xdoc,
			   const vns_doc *doc, vns_err *warn, vns_err *err)
{
	char key[VNS_DATE_KEY_LEN + 1];
	vns_status st = vns_doc_date_key(doc, key, warn);

	if (st)
		return add_boolean(xdoc, &tg->term, VNS_TERM_NODATE, "", 0,
				   err);
	st = vns_xdoc_set_value(xdoc, VNS_SLOT_DATE, key, VNS_DATE_KEY_LEN,
				err);
	if (!st)
		st = add_boolean(xdoc, &tg->term, VNS_PREFIX_YEAR, key, 4, err);
	if (!st)
		st = vns_xdoc_set_value(xdoc, VNS_SLOT_YEAR, key, 4, err);
	if (!st)
		st = add_boolean(xdoc, &tg->term, VNS_PREFIX_MONTH, key, 6, err);
	if (!st)
		st = add_boolean(xdoc, &tg->term, VNS_PREFIX_DAY, key, 8, err);
	return st;
}

static vns_status add_source(vns_termgen *tg, vns_xdoc *xdoc,
			     const vns_doc *doc, vns_err *err)
{
	vns_buf slug;
	vns_status st;

	if (!doc->source)
		return VNS_OK;
	vns_buf_init(&slug, 1024);
	st = vns_slug(tg->a, doc->source, &slug, err);
	if (!st && slug.len)
		st = add_boolean(xdoc, &tg->term, VNS_PREFIX_SOURCE, slug.data,
				 slug.len, err);
	if (!st && slug.len)
		st = vns_xdoc_set_value(xdoc, VNS_SLOT_SOURCE, doc->source,
					strlen(doc->source), err);
	vns_buf_free(&slug);
	return st;
}

/* Length of at most max bytes of s, not cutting a UTF-8 sequence. */
static size_t utf8_cut(const char *s, size_t len, size_t max)
{
	if (len <= max)
		return len;
	while (max > 0 && ((unsigned char)s[max] & 0xC0) == 0x80)
		max--;
	return max;
}

/* The text kept for snippets: the summary (unless the body repeats it)
 * and the body. */
static char *stored_text(const vns_doc *doc, size_t *len)
{
	vns_buf t;
	const char *sum = doc->summary;

	vns_buf_init(&t, 0);
	if (sum && *sum && !strstr(doc->body, sum)) {
		vns_buf_adds(&t, sum);
		vns_buf_addc(&t, '\n');
	}
	vns_buf_adds(&t, doc->body);
	vns_buf_truncate(&t, utf8_cut(t.data, t.len, VNS_STORED_TEXT_MAX));
	return vns_buf_detach(&t, len);
}

static void set_str(json_t *o, const char *key, const char *v, size_t len)
{
	json_object_set_new(o, key, v ? json_stringn(v, len) : json_null());
}

static int blank(const char *s)
{
	return !s || !s[strspn(s, " \t\r\n")];
}

/* The stored title: the document's own, or one derived from its summary
 * or body (title.h), marked with where it came from. */
static vns_status set_title(json_t *o, const vns_doc *doc, vns_err *err)
{
	const char *from = blank(doc->summary) ? "body" : "summary";
	const char *text = blank(doc->summary) ? doc->body : doc->summary;
	vns_buf t;
	vns_status st;

	if (!blank(doc->title) || blank(text)) {
		set_str(o, VNS_DATA_TITLE, doc->title,
			doc->title ? strlen(doc->title) : 0);
		return VNS_OK;
	}
	vns_buf_init(&t, 0);
	st = vns_title_derive(text, strlen(text), &t);
	if (!st) {
		set_str(o, VNS_DATA_TITLE, t.data, t.len);
		json_object_set_new(o, VNS_DATA_TITLE_FROM, json_string(from));
	} else {
		vns_err_set(err, st, "derived title: out of memory");
	}
	vns_buf_free(&t);
	return st;
}

/* The content key (dedup.h) as a term, a value and a stored field. */
static void add_content_key(vns_xdoc *xdoc, const vns_doc *doc, json_t *o,
			    vns_err *err)
{
	char key[VNS_DEDUP_KEY_LEN + 1], term[VNS_DEDUP_KEY_LEN + 8];

	if (!vns_dedup_key(doc->body, strlen(doc->body), key))
		return;
	snprintf(term, sizeof term, "%s%s", VNS_PREFIX_CONTENT, key);
	vns_xdoc_add_boolean(xdoc, term, strlen(term), err);
	vns_xdoc_set_value(xdoc, VNS_SLOT_CONTENT, key, VNS_DEDUP_KEY_LEN, err);
	json_object_set_new(o, VNS_DATA_CONTENT, json_string(key));
}

/* When the document is indexed (now), as a value to filter on and in the
 * stored data for display. */
static vns_status add_indexed(vns_xdoc *xdoc, json_t *o, vns_err *err)
{
	long long now = (long long)time(NULL);
	char key[VNS_UTC_KEY_LEN + 1], iso[VNS_UTC_ISO_LEN + 1];

	vns_utc_key(now, key);
	vns_utc_iso(now, iso);
	json_object_set_new(o, VNS_DATA_INDEXED, json_string(iso));
	return vns_xdoc_set_value(xdoc, VNS_SLOT_INDEXED, key,
				  VNS_UTC_KEY_LEN, err);
}

/* The OCR fields (schema.h) of a document whose text was recognised. */
static vns_status set_ocr(json_t *o, const vns_doc *doc)
{
	char conf[16];
	json_t *low;
	const char *p = doc->ocr_low;

	if (!doc->ocr_pages)
		return VNS_OK;
	snprintf(conf, sizeof conf, "%.1f", doc->ocr_confidence);
	low = json_array();
	if (!low || json_object_set_new(o, VNS_DATA_OCR, json_string(conf)) ||
	    json_object_set_new(o, VNS_DATA_OCR_LOW, low))
		return VNS_ENOMEM;
	while (p && *p) {
		size_t n = strcspn(p, " ");

		if (n && json_array_append_new(low, json_stringn(p, n)))
			return VNS_ENOMEM;
		p += n + (p[n] == ' ');
	}
	return VNS_OK;
}

static vns_status set_data(vns_xdoc *xdoc, const vns_doc *doc,
			   const vns_tags *tags, vns_err *err)
{
	json_t *o = json_object();
	size_t tlen = 0;
	char *text = stored_text(doc, &tlen);
	vns_buf data;
	vns_status st = VNS_ENOMEM;

	vns_buf_init(&data, 0);
	if (o && text) {
		set_str(o, VNS_DATA_ID, doc->id, strlen(doc->id));
		st = set_title(o, doc, err);
		set_str(o, VNS_DATA_URL, doc->url,
			doc->url ? strlen(doc->url) : 0);
		set_str(o, VNS_DATA_DATE, doc->date,
			doc->date ? strlen(doc->date) : 0);
		set_str(o, VNS_DATA_SOURCE, doc->source,
			doc->source ? strlen(doc->source) : 0);
		if (!st)
			add_content_key(xdoc, doc, o, err);
		if (!st)
			st = add_indexed(xdoc, o, err);
		if (!st && (st = set_ocr(o, doc)))
			vns_err_set(err, st, "out of memory");
		if (!st)
			st = vns_entindex_store(tags, o, err);
		if (!st)
			st = vns_docdata_encode(o, text, tlen, &data, err);
		if (!st)
			st = vns_xdoc_set_data(xdoc, data.data, data.len, err);
	} else {
		vns_err_set(err, st, "out of memory");
	}
	vns_buf_free(&data);
	free(text);
	json_decref(o);
	return st;
}

/* VNS_SLOT_FACETS from the facet slots already set (schema.h). */
static vns_status add_facets(vns_xdoc *xdoc, vns_err *err)
{
	static const unsigned slots[] = {
		VNS_SLOT_PROVINCE, VNS_SLOT_PROVINCE_2024, VNS_SLOT_PRODUCT,
		VNS_SLOT_PROGRAMME, VNS_SLOT_SOURCE, VNS_SLOT_YEAR,
		VNS_SLOT_PRODUCT_GROUP,
	};
	vns_buf all;
	vns_status st = VNS_OK;

	vns_buf_init(&all, 0);
	for (size_t i = 0; !st && i < sizeof slots / sizeof *slots; i++) {
		const char *v, *end;
		size_t len;
		st = vns_xdoc_value(xdoc, slots[i], &v, &len, err);
		for (end = v + len; !st && v < end;) {
			const char *sep = memchr(v, VNS_VALUE_SEP, (size_t)(end - v));
			size_t n = sep ? (size_t)(sep - v) : (size_t)(end - v);
			if (n && all.len && vns_buf_addc(&all, VNS_VALUE_SEP))
				st = VNS_ENOMEM;
			if (!st && n && vns_buf_addf(&all, "%u:%.*s", slots[i],
						     (int)n, v))
				st = VNS_ENOMEM;
			v += n + 1;
		}
	}
	if (st == VNS_ENOMEM)
		vns_err_set(err, st, "facet values: out of memory");
	if (!st && all.len)
		st = vns_xdoc_set_value(xdoc, VNS_SLOT_FACETS, all.data,
					all.len, err);
	vns_buf_free(&all);
	return st;
}

/* A summary the body repeats is tagged (as the lead) but not indexed:
 * its weight then is NULL. */
static const unsigned *summary_wdf(const vns_termgen *tg, const vns_doc *doc)
{
	if (doc->summary && strstr(doc->body, doc->summary))
		return NULL;
	return &tg->w.summary_wdf;
}

static vns_status build_terms(vns_termgen *tg, const vns_doc *doc,
			      vns_xdoc *xdoc, vns_err *warn, vns_err *err)
{
	unsigned pos = 1;
	vns_status st;

	st = vns_termgen_idterm(doc->id, &tg->term);
	if (!st && tg->term.len <= VNS_XTERM_MAX)
		st = vns_xdoc_add_boolean(xdoc, tg->term.data, tg->term.len,
					  err);
	if (!st && tg->term.len <= VNS_XTERM_MAX)
		st = add_sort_keys(tg, xdoc, doc, err);
	else if (!st)
		return vns_err_set(err, VNS_ERECORD,
				   "field 'id' is longer than %d bytes",
				   VNS_XTERM_MAX - 1);
	vns_tagger_begin(tg->tagger, doc);
	if (!st)
		st = index_field(tg, xdoc, doc->title, VNS_TAGGER_TITLE,
				 &tg->w.title_wdf, &pos, err);
	if (!st)
		st = index_field(tg, xdoc, doc->summary, VNS_TAGGER_SUMMARY,
				 summary_wdf(tg, doc), &pos, err);
	if (!st)
		st = index_field(tg, xdoc, doc->body, VNS_TAGGER_BODY,
				 &tg->w.body_wdf, &pos, err);
	if (!st)
		st = vns_tagger_end(tg->tagger, &tg->tags, err);
	if (!st)
		st = add_date(tg, xdoc, doc, warn, err);
	if (!st)
		st = add_source(tg, xdoc, doc, err);
	if (!st)
		st = vns_entindex_add(&tg->tags, xdoc, err);
	if (!st)
		st = add_facets(xdoc, err);
	return st;
}

vns_status vns_termgen_build(vns_termgen *tg, const vns_doc *doc,
			     vns_xdoc **out, vns_err *warn, vns_err *err)
{
	vns_xdoc *xdoc = vns_xdoc_new();
	vns_status st;

	if (!xdoc)
		return vns_err_set(err, VNS_ENOMEM, "out of memory");
	vns_err_clear(warn);
	st = build_terms(tg, doc, xdoc, warn, err);
	if (!st)
		st = set_data(xdoc, doc, &tg->tags, err);
	if (st) {
		vns_xdoc_free(xdoc);
		return st;
	}
	*out = xdoc;
	return VNS_OK;
}
