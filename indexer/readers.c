/* readers.c - JSON Lines and plain-text readers, and dispatch by path. */
#include "readers.h"

#include <dirent.h>
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>

#include "analyse.h"
#include "buf.h"
#include "docfile.h"
#include "feed.h"
#include "html.h"
#include "legacy.h"
#include "lines.h"
#include "ocrpool.h"
#include "office.h"
#include "pdf.h"
#include "utf8.h"

vns_status vns_read_jsonl(const char *path, const vns_sink *sink,
			  vns_err *err)
{
	vns_lines *r = NULL;
	const char *line;
	size_t len;
	unsigned long records = 0;
	int got;
	vns_status st = vns_lines_open(path, VNS_RECORD_MAX, &r, err);
	vns_err none;

	if (st)
		return st;
	while ((got = vns_lines_next(r, &line, &len, err)) != 0) {
		unsigned long no = vns_lines_lineno(r);
		vns_doc doc;
		vns_err why;

		records++;

		if (got == -VNS_ETOOBIG) {
			sink->bad(sink->ctx, path, no, err);
			continue;
		}
		if (got < 0) {
			st = err->code;
			break;
		}
		if (len == 0 || strspn(line, " \t") == len) {
			records--;
			continue;
		}
		vns_err_clear(&why);
		if (vns_doc_from_json(line, len, &doc, &why)) {
			sink->bad(sink->ctx, path, no, &why);
			continue;
		}
		st = sink->doc(sink->ctx, &doc, path, no, err);
		vns_doc_clear(&doc);
		if (st)
			break;
	}
	vns_lines_free(r);
	if (!st && records == 0) { /* an empty daily file is worth a word */
		vns_err_set(&none, VNS_ERECORD, "no records in the file");
		sink->bad(sink->ctx, path, 0, &none);
	}
	return st;
}

static vns_status slurp(const char *path, vns_buf *out, vns_err *err)
{
	vns_lines *r = NULL;
	const char *line;
	size_t len;
	int got;
	vns_status st = vns_lines_open(path, VNS_RECORD_MAX, &r, err);

	while (!st && (got = vns_lines_next(r, &line, &len, err)) != 0) {
		if (got < 0) {
			st = err->code;
			break;
		}
		if (vns_buf_add(out, line, len) || vns_buf_addc(out, '\n'))
			st = vns_err_set(err, VNS_ETOOBIG,
					 "file larger than %zu bytes",
					 out->cap);
	}
	vns_lines_free(r);
	return st;
}

/* Split text into title (first non-empty line) and body (the rest). */
static vns_status split_text(char *text, size_t len, vns_doc *doc,
			     vns_err *err)
{
	char *p = text, *nl;

	while (*p == '\n' || *p == ' ' || *p == '\t')
		p++;
	nl = strchr(p, '\n');
	if (!nl || nl == p)
		return vns_err_set(err, VNS_ERECORD,
				   "no body: a text bulletin needs a title "
				   "line and then the text");
	doc->title = strndup(p, (size_t)(nl - p));
	len = vns_cut_link_tail(nl + 1, len - (size_t)(nl + 1 - text));
	doc->body = strndup(nl + 1, len);
	if (!doc->title || !doc->body)
		return vns_err_set(err, VNS_ENOMEM, "out of memory");
	if (strspn(doc->body, " \t\n") == strlen(doc->body))
		return vns_err_set(err, VNS_ERECORD, "empty body");
	return VNS_OK;
}

/* Text that is not UTF-8: damaged (refused), or in a legacy Vietnamese
 * encoding (converted in place), or undecidable (refused). */
static vns_status legacy_text(vns_buf *text, vns_err *why)
{
	vns_analyser *a = NULL;
	vns_encoding enc;
	vns_buf conv;
	vns_status st = vns_analyser_new(&a, why);

	vns_buf_init(&conv, text->cap);
	if (!st)
		st = vns_legacy_to_utf8(a, text->data, text->len, &conv, &enc,
					why);
	if (!st) {
		vns_buf_free(text);
		*text = conv;
	} else {
		vns_buf_free(&conv);
	}
	vns_analyser_free(a);
	return st;
}

/* Read path as one text bulletin into *doc; the reason in why if not. */
static vns_status text_doc(const char *path, vns_buf *text, vns_doc *doc,
			   vns_err *why)
{
	char real[PATH_MAX];
	size_t bad, n;
	vns_status st = slurp(path, text, why);

	if (st)
		return st;
	if (text->len == 0)
		return vns_err_set(why, VNS_ERECORD, "empty file");
	if (memchr(text->data, '\0', text->len))
		return vns_err_set(why, VNS_ERECORD,
				   "NUL byte: not a text file");
	if (!vns_utf8_valid(text->data, text->len, &bad)) {
		st = legacy_text(text, why); /* TCVN3, VNI ... or refused */
		if (st)
			return st;
	}
	if (!realpath(path, real))
		return vns_err_set(why, VNS_EIO, "%s", strerror(errno));
	st = split_text(text->data, text->len, doc, why);
	if (st)
		return st;
	n = strlen(real) + sizeof "file:";
	doc->id = malloc(n);
	if (!doc->id)
		return vns_err_set(why, VNS_ENOMEM, "out of memory");
	snprintf(doc->id, n, "file:%s", real);
	return VNS_OK;
}

vns_status vns_read_text(const char *path, const vns_sink *sink,
			 vns_err *err)
{
	vns_buf text;
	vns_doc doc = { 0 };
	vns_err why;
	vns_status st;

	vns_buf_init(&text, VNS_RECORD_MAX);
	vns_err_clear(&why);
	st = vns_docfile_give(path, text_doc(path, &text, &doc, &why), &doc,
			      &why, sink, err);
	vns_buf_free(&text);
	return st;
}

static int has_suffix(const char *s, const char *suffix)
{
	size_t n = strlen(s), m = strlen(suffix);

	return n >= m && strcasecmp(s + n - m, suffix) == 0;
}

static int is_jsonl(const char *path)
{
	return has_suffix(path, ".jsonl") || has_suffix(path, ".jsonl.gz") ||
	       has_suffix(path, ".ndjson") || has_suffix(path, ".ndjson.gz");
}

/* Inside a directory only inputs are read: other files (README.md, ...)
 * are left alone rather than reported. */
static int is_input(const char *path)
{
	struct stat sb;

	return is_jsonl(path) || has_suffix(path, ".txt") ||
	       vns_reader_for(path) != NULL ||
	       (stat(path, &sb) == 0 && S_ISDIR(sb.st_mode));
}

vns_reader_fn vns_reader_for(const char *path)
{
	static const struct {
		const char *suffix;
		vns_reader_fn fn;
	} kinds[] = {
		{ ".html", vns_read_html }, { ".htm", vns_read_html },
		{ ".xhtml", vns_read_html }, { ".rss", vns_read_feed },
		{ ".atom", vns_read_feed }, { ".xml", vns_read_feed },
		{ ".pdf", vns_read_pdf }, { ".docx", vns_read_office },
		{ ".odt", vns_read_office }, { ".png", vns_read_image },
		{ ".jpg", vns_read_image }, { ".jpeg", vns_read_image },
		{ ".tif", vns_read_image }, { ".tiff", vns_read_image },
	};

	for (size_t i = 0; i < sizeof kinds / sizeof *kinds; i++)
		if (has_suffix(path, kinds[i].suffix))
			return kinds[i].fn;
	return NULL;
}

static int by_name(const struct dirent **a, const struct dirent **b)
{
	return strcmp((*a)->d_name, (*b)->d_name);
}

static vns_status read_dir(const char *path, const vns_sink *sink,
			   vns_err *err)
{
	struct dirent **names;
	int n = scandir(path, &names, NULL, by_name);
	vns_status st = VNS_OK;

	if (n < 0)
		return vns_err_set(err, VNS_EIO, "cannot read directory: %s",
				   strerror(errno));
	for (int i = 0; i < n; i++) {
		const char *name = names[i]->d_name;
		vns_buf sub;

		if (!st && name[0] != '.') {
			vns_buf_init(&sub, PATH_MAX);
			if (vns_buf_addf(&sub, "%s/%s", path, name))
				st = vns_err_set(err, VNS_ETOOBIG,
						 "path too long");
			else if (is_input(sub.data))
				st = vns_read_path(sub.data, sink, err);
			vns_buf_free(&sub);
		}
		free(names[i]);
	}
	free(names);
	return st;
}

vns_status vns_read_path(const char *path, const vns_sink *sink,
			 vns_err *err)
{
	struct stat sb;
	vns_err why;

	if (strcmp(path, "-") == 0)
		return vns_read_jsonl(path, sink, err);
	if (stat(path, &sb) != 0)
		return vns_err_set(err, VNS_EIO, "%s", strerror(errno));
	if (S_ISDIR(sb.st_mode))
		return read_dir(path, sink, err);
	if (is_jsonl(path))
		return vns_read_jsonl(path, sink, err);
	if (has_suffix(path, ".txt"))
		return vns_read_text(path, sink, err);
	if (vns_reader_for(path))
		return vns_reader_for(path)(path, sink, err);
	vns_err_set(&why, VNS_ERECORD,
		    "unsupported file type (expected .jsonl, .jsonl.gz, .txt, "
		    ".html, .rss, .atom, .xml, .pdf, .docx, .odt, .png, .jpg, "
		    ".jpeg, .tif, .tiff)");
	sink->bad(sink->ctx, path, 0, &why);
	return VNS_OK;
}
