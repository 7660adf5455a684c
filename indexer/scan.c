/* scan.c - a scanned file to a document through OCR (see scan.h). */
#include "scan.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <leptonica/allheaders.h>

#include "docfile.h"
#include "heading.h"
#include "image.h"
#include "pdf.h"

/* A page with fewer dark pixels than this share is blank: no OCR. */
#define BLANK_SHARE 0.0005

vns_scan_opts vns_scan_default_opts(void)
{
	vns_scan_opts o = { 50, 120, VNS_IMAGE_MAX_PIXELS, 60.0, NULL, NULL,
			    NULL, NULL };

	return o;
}

/* What one scan works with. */
struct job {
	const char *path;
	vns_scan_kind kind;
	const vns_scan_opts *o;
	vns_ocr **ocr;
	vns_scan_page_fn skipped;
	void *ctx;
	unsigned bad_pages;
	vns_err last_bad;   /* the last page error, for a file without text */
	vns_buf layer;      /* a PDF's text layer, pages ended by form feeds */
};

/* ---- pages of a PDF ---------------------------------------------------- */

/* pdfinfo's "Pages:" and the size in points of the first `want` pages. */
static vns_status pdf_pages(struct job *j, unsigned want, unsigned *pages,
			    double (*size)[2], vns_err *err)
{
	const char *prog = getenv("VNS_PDFINFO");
	char last[16];
	char *argv[] = { (char *)(prog && *prog ? prog : "pdfinfo"), "-f", "1",
			 "-l", last, (char *)j->path, NULL };
	vns_buf out;
	vns_status st;
	const char *p;

	snprintf(last, sizeof last, "%u", want);
	vns_buf_init(&out, 4096 + (size_t)want * 64); /* a line a page */
	st = vns_pdf_run(argv, j->o->page_seconds, &out, err);
	p = st ? NULL : strstr(out.data, "\nPages:");
	if (!st && (!p || sscanf(p, "\nPages: %u", pages) != 1))
		st = vns_err_set(err, VNS_ERECORD, "pdfinfo gave no page count");
	for (unsigned i = 0; !st && i < want && i < *pages; i++) {
		char tag[32];

		snprintf(tag, sizeof tag, "\nPage %5u size:", i + 1);
		p = strstr(out.data, tag);
		if (!p || sscanf(p + strlen(tag), "%lf x %lf", &size[i][0],
				 &size[i][1]) != 2)
			size[i][0] = size[i][1] = 0;
	}
	vns_buf_free(&out);
	return st;
}

/* The text layer of the first `want` pages into j->layer. */
static vns_status pdf_layer(struct job *j, unsigned want, vns_err *err)
{
	const char *prog = getenv("VNS_PDFTOTEXT");
	char last[16];
	char *argv[] = { (char *)(prog && *prog ? prog : "pdftotext"), "-q",
			 "-enc", "UTF-8", "-f", "1", "-l", last,
			 (char *)j->path, "-", NULL };

	snprintf(last, sizeof last, "%u", want);
	return vns_pdf_run(argv, VNS_PDF_SECONDS, &j->layer, err);
}

/* Page n's text in the text layer into *text, *len; 0 if there is no
 * such page. */
static int layer_page(const struct job *j, unsigned n, const char **text,
		      size_t *len)
{
	const char *p = j->layer.data, *ff;

	for (unsigned i = 1; (ff = strchr(p, '\f')); i++, p = ff + 1)
		if (i == n) {
			*text = p;
			*len = (size_t)(ff - p);
			return 1;
		}
	return 0;
}

/* The resolution for a page of w x h points: VNS_SCAN_DPI, or less when
 * that would pass the pixel limit. */
static int page_dpi(const struct job *j, const double *size)
{
	double in2 = size[0] / 72.0 * size[1] / 72.0, dpi = VNS_SCAN_DPI;

	if (in2 > 0 && dpi * dpi * in2 > (double)j->o->max_pixels)
		dpi = floor(sqrt((double)j->o->max_pixels / in2));
	return dpi < 1 ? 1 : (int)dpi;
}

/* Page n (1-based) of the PDF as a grey picture at dpi. */
static vns_status pdf_page(struct job *j, unsigned n, int dpi, PIX **pix,
			   vns_err *err)
{
	const char *prog = getenv("VNS_PDFTOPPM");
	char page[16], res[16];
	char *argv[] = { (char *)(prog && *prog ? prog : "pdftoppm"), "-q",
			 "-r", res, "-gray", "-f", page, "-l", page,
			 (char *)j->path, NULL };
	vns_buf out;
	vns_status st;

	snprintf(page, sizeof page, "%u", n);
	snprintf(res, sizeof res, "%d", dpi);
	vns_buf_init(&out, j->o->max_pixels + 4096);
	st = vns_pdf_run(argv, j->o->page_seconds, &out, err);
	if (!st)
		st = vns_image_read_mem((const unsigned char *)out.data,
					out.len, j->o->max_pixels, pix, err);
	vns_buf_free(&out);
	return st;
}

/* ---- recognition -------------------------------------------------------- */

static int is_blank(PIX *pix)
{
	PIX *bin = pixThresholdToBinary(pix, 128);
	l_int32 dark = 0;
	double all = (double)pixGetWidth(pix) * (double)pixGetHeight(pix);

	if (!bin)
		return 0;
	pixCountPixels(bin, &dark, NULL);
	pixDestroy(&bin);
	return (double)dark < BLANK_SHARE * all;
}

/* Recognise pix as the next page of t. */
static vns_status recognise(struct job *j, PIX *pix, int dpi,
			    vns_ocrtext *t, vns_err *err)
{
	size_t from = t->text.len;
	double conf = 0;
	vns_status st = VNS_OK;

	if (!is_blank(pix)) { /* the models are loaded on first need */
		if (!*j->ocr)
			st = vns_ocr_new(j->ocr, err);
		if (!st)
			st = vns_ocr_page(*j->ocr, pix, dpi, j->o->page_seconds,
					  &t->text, &conf, err);
	}
	if (!st && (t->text.len == from ||
		    t->text.data[t->text.len - 1] != '\n'))
		st = vns_buf_addc(&t->text, '\n');
	if (st)
		vns_buf_truncate(&t->text, from);
	return st ? st : vns_ocrtext_add_page(t, from, conf, err);
}

/* A page that could not be had: reported, and an empty page in t. */
static vns_status page_failed(struct job *j, unsigned n, vns_ocrtext *t,
			      vns_err *why)
{
	if (why->code == VNS_ENOMEM)
		return why->code;
	vns_err_prefix(why, "page %u: ", n);
	j->last_bad = *why;
	j->bad_pages++;
	if (j->skipped)
		j->skipped(j->ctx, j->path, why);
	return vns_ocrtext_add_page(t, t->text.len, 0, why);
}

/* Page n of a PDF from its text layer, when it has enough text: 1 (the
 * page added to t, confidence -1), else 0. */
static int from_layer(const struct job *j, unsigned n, vns_ocrtext *t,
		      vns_status *st, vns_err *err)
{
	const char *text;
	size_t len, from = t->text.len;

	if (j->kind != VNS_SCAN_PDF || !layer_page(j, n, &text, &len) ||
	    vns_pdf_thin_page(text, len))
		return 0;
	*st = vns_buf_add(&t->text, text, len);
	if (!*st)
		*st = vns_buf_addc(&t->text, '\n');
	if (*st)
		vns_err_set(err, *st, "text over %zu bytes", t->text.cap);
	else
		*st = vns_ocrtext_add_page(t, from, -1, err);
	return 1;
}

/* Page n (1-based) of the file into t. */
static vns_status one_page(struct job *j, unsigned n, const double *size,
			   vns_ocrtext *t, vns_err *err)
{
	PIX *pix = NULL;
	int dpi = j->kind == VNS_SCAN_PDF ? page_dpi(j, size) : VNS_SCAN_DPI;
	vns_err why;
	vns_status st;

	if (from_layer(j, n, t, &st, err))
		return st;
	vns_err_clear(&why);
	if (j->kind == VNS_SCAN_PDF)
		st = pdf_page(j, n, dpi, &pix, &why);
	else
		st = vns_image_read(j->path, n - 1, j->o->max_pixels, &pix,
				    &why);
	if (!st && j->kind == VNS_SCAN_IMAGE && pixGetXRes(pix) >= 70)
		dpi = pixGetXRes(pix);
	if (!st)
		st = recognise(j, pix, dpi, t, &why);
	pixDestroy(&pix);
	if (st == VNS_ENOMEM || (st && j->kind == VNS_SCAN_IMAGE &&
				 t->total == 1)) {
		*err = why;
		return st;
	}
	if (st)
		return page_failed(j, n, t, &why);
	if (j->o->page_done)
		j->o->page_done(j->o->ctx, j->path, n, t->total);
	return VNS_OK;
}

/* Every page, up to the limit, into t. */
static vns_status all_pages(struct job *j, vns_ocrtext *t, vns_err *err)
{
	unsigned want = j->o->max_pages ? j->o->max_pages : 1;
	double (*size)[2] = calloc(want, sizeof *size);
	vns_status st;

	if (!size)
		return vns_err_set(err, VNS_ENOMEM, "out of memory");
	if (j->kind == VNS_SCAN_PDF) {
		st = pdf_pages(j, want, &t->total, size, err);
		if (!st)
			st = pdf_layer(j, want, err);
	} else
		st = vns_image_pages(j->path, &t->total, err);
	for (unsigned n = 1; !st && n <= t->total && n <= want; n++) {
		if (j->o->stop && j->o->stop())
			st = vns_err_set(err, VNS_ECANCELED, "interrupted");
		else
			st = one_page(j, n, size[n - 1], t, err);
	}
	free(size);
	return st;
}

/* ---- the document ------------------------------------------------------- */

/* The pages under the low-confidence mark that hold text, as "2 5". */
static vns_status low_pages(const struct job *j, const vns_ocrtext *t,
			    vns_doc *doc, vns_err *err)
{
	vns_buf b;

	vns_buf_init(&b, 0);
	for (unsigned i = 0; i < t->npages; i++)
		if (t->page[i].len > 1 && t->page[i].confidence >= 0 &&
		    t->page[i].confidence < j->o->low_confidence &&
		    vns_buf_addf(&b, "%s%u", b.len ? " " : "", i + 1))
			return vns_err_set(err, VNS_ENOMEM, "out of memory");
	if (!b.len) {
		vns_buf_free(&b);
		return VNS_OK;
	}
	doc->ocr_low = vns_buf_detach(&b, NULL);
	return doc->ocr_low ? VNS_OK
			    : vns_err_set(err, VNS_ENOMEM, "out of memory");
}

/* Pages whose text came from OCR (not the text layer), with text. */
static unsigned recognised_pages(const vns_ocrtext *t)
{
	unsigned n = 0;

	for (unsigned i = 0; i < t->npages; i++)
		n += t->page[i].confidence >= 0 && t->page[i].len > 1;
	return n;
}

/* Title and date from the text, in the place of those doc came with. */
static vns_status heading(vns_doc *doc, vns_err *err)
{
	char *title = vns_heading_title(doc->body);
	char date[11];

	if (title) {
		free(doc->title);
		doc->title = title;
	}
	if (vns_heading_date(doc->body, date)) {
		free(doc->date);
		if (!(doc->date = strdup(date)))
			return vns_err_set(err, VNS_ENOMEM, "out of memory");
	}
	return VNS_OK;
}

static vns_status fill_doc(const struct job *j, const vns_ocrtext *t,
			   vns_doc *doc, vns_err *err)
{
	vns_buf body;
	vns_status st;

	vns_buf_init(&body, 0);
	vns_docfile_add_text(&body, t->text.data, t->text.len);
	vns_docfile_trim(&body);
	if (!body.len) {
		vns_buf_free(&body);
		if (j->bad_pages == t->npages && j->bad_pages)
			return vns_err_set(err, j->last_bad.code, "%s",
					   j->last_bad.msg);
		return vns_err_set(err, VNS_ERECORD, "no text found by ocr "
				   "in %u of %u pages", t->npages, t->total);
	}
	doc->body = vns_buf_detach(&body, NULL);
	st = heading(doc, err);
	doc->ocr_pages = recognised_pages(t);
	doc->ocr_confidence = vns_ocrtext_confidence(t);
	if (!st && doc->ocr_pages)
		st = low_pages(j, t, doc, err);
	return st ? st : vns_docfile_id(j->path, doc, err);
}

/* The pages over the limit, as one report. */
static void over_limit(const struct job *j, const vns_ocrtext *t)
{
	vns_err why;

	if (t->total <= t->npages || !j->skipped)
		return;
	vns_err_set(&why, VNS_ETOOBIG, "pages %u-%u not recognised: over "
		    "the limit of %u pages a document", t->npages + 1,
		    t->total, t->npages);
	j->skipped(j->ctx, j->path, &why);
}

/* Keep t in the cache; a cache that cannot be written is reported, and
 * the document indexed all the same. */
static void cache_put(const struct job *j, const char *key,
		      const vns_ocrtext *t)
{
	vns_err why;

	vns_err_clear(&why);
	if (vns_ocrcache_put(j->o->cache_dir, key, t, &why) && j->skipped)
		j->skipped(j->ctx, j->path, &why);
}

vns_status vns_scan_doc(const char *path, vns_scan_kind kind,
			const vns_scan_opts *o, vns_ocr **ocr,
			vns_scan_page_fn skipped, void *ctx, vns_doc *doc,
			vns_err *why)
{
	struct job j = { path, kind, o, ocr, skipped, ctx, 0, { 0, "" },
			 { 0 } };
	char key[65] = "";
	vns_ocrtext t;
	vns_status st = VNS_OK;
	int hit = 0;

	vns_ocrtext_init(&t);
	vns_buf_init(&j.layer, VNS_PDF_OUTPUT);
	if (o->cache_dir)
		st = vns_ocrcache_key(path, key, why);
	if (!st && o->cache_dir)
		hit = vns_ocrcache_get(o->cache_dir, key, &t) &&
		      t.npages == (t.total < o->max_pages ? t.total
							  : o->max_pages);
	if (!st && !hit) {
		vns_ocrtext_free(&t);
		vns_ocrtext_init(&t);
		st = all_pages(&j, &t, why);
		if (!st && o->cache_dir && !j.bad_pages)
			cache_put(&j, key, &t);
	}
	if (!st)
		st = fill_doc(&j, &t, doc, why);
	if (!st)
		over_limit(&j, &t);
	vns_ocrtext_free(&t);
	vns_buf_free(&j.layer);
	return st;
}
