/* office.c - DOCX and ODT with libzip and libxml2 (see office.h). */
#include "office.h"

#include <stdlib.h>
#include <string.h>

#include <libxml/parser.h>
#include <libxml/tree.h>
#include <zip.h>

#include "buf.h"
#include "docfile.h"

#define XML_OPTIONS                                                         \
	(XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING |        \
	 XML_PARSE_NOCDATA)

/* The parts of each format. */
struct format {
	const char *content, *meta;
	int text_in_t_only; /* DOCX: text only inside <w:t> */
};

static const struct format docx = { "word/document.xml", "docProps/core.xml",
				     1 };
static const struct format odt = { "content.xml", "meta.xml", 0 };

/* Read the part name of z into out (reset first), capped. */
static vns_status read_part(zip_t *z, const char *name, vns_buf *out,
			    vns_err *err)
{
	zip_file_t *f = zip_fopen(z, name, 0);
	char chunk[65536];
	zip_int64_t n;
	vns_status st = VNS_OK;

	vns_buf_reset(out);
	if (!f)
		return vns_err_set(err, VNS_ENOTFOUND, "no part '%s'", name);
	while (!st && (n = zip_fread(f, chunk, sizeof chunk)) > 0)
		if (vns_buf_add(out, chunk, (size_t)n))
			st = vns_err_set(err, VNS_ETOOBIG,
					 "part '%s' is over %zu bytes "
					 "uncompressed", name, out->cap);
	if (!st && n < 0)
		st = vns_err_set(err, VNS_ERECORD, "damaged part '%s': %s",
				 name, zip_file_strerror(f));
	zip_fclose(f);
	return st;
}

static int local_is(const xmlNode *n, const char *name)
{
	return n->type == XML_ELEMENT_NODE &&
	       strcmp((const char *)n->name, name) == 0;
}

/* What an element adds before its content ("\n" for a paragraph ...). */
static const char *element_text(const xmlNode *n)
{
	if (local_is(n, "tab"))
		return "\t";
	if (local_is(n, "br") || local_is(n, "line-break"))
		return "\n";
	if (local_is(n, "s"))
		return " ";
	if (local_is(n, "p") || local_is(n, "h"))
		return "\n";
	return NULL;
}

/* The document's text, walking without recursion. */
static vns_status body_text(xmlNode *root, int t_only, vns_buf *out)
{
	xmlNode *n = root;
	vns_status st = VNS_OK;

	while (n && !st) {
		const char *add = n->type == XML_ELEMENT_NODE ? element_text(n)
							      : NULL;
		if (add)
			st = vns_docfile_add_text(out, add, strlen(add));
		else if (n->type == XML_TEXT_NODE && n->content &&
			 (!t_only || (n->parent && local_is(n->parent, "t"))))
			st = vns_docfile_add_text(
				out, (const char *)n->content,
				strlen((const char *)n->content));
		if (n->type == XML_ELEMENT_NODE && n->children) {
			n = n->children;
			continue;
		}
		while (n && n != root && !n->next)
			n = n->parent;
		n = n && n != root ? n->next : NULL;
	}
	return st;
}

static char *first_text(xmlNode *root, const char *name)
{
	for (xmlNode *n = root ? root->children : NULL; n; n = n->next) {
		if (n->type != XML_ELEMENT_NODE)
			continue;
		if (!strcmp((const char *)n->name, name)) {
			xmlChar *v = xmlNodeGetContent(n);
			char *s = v && *v ? strdup((const char *)v) : NULL;
			xmlFree(v);
			return s;
		}
		if (n->children) {
			char *s = first_text(n, name);
			if (s)
				return s;
		}
	}
	return NULL;
}

/* Title, author, date from the metadata part (missing is fine). */
static void take_meta(zip_t *z, const struct format *fm, vns_doc *doc)
{
	vns_buf xml;
	xmlDocPtr xd = NULL;
	xmlNode *root;
	vns_err e;
	char date[32], *d = NULL;

	vns_buf_init(&xml, 4 * 1024 * 1024);
	if (!read_part(z, fm->meta, &xml, &e))
		xd = xmlReadMemory(xml.data, (int)xml.len, NULL, NULL,
				   XML_OPTIONS);
	root = xd ? xmlDocGetRootElement(xd) : NULL;
	if (root) {
		doc->title = first_text(root, "title");
		doc->author = first_text(root, "creator");
		if (!doc->author)
			doc->author = first_text(root, "initial-creator");
		d = first_text(root, "created");
		if (!d)
			d = first_text(root, "creation-date");
		if (!d)
			d = first_text(root, "date");
		if (d && vns_docfile_date(d, date, sizeof date))
			doc->date = strdup(date);
		free(d);
	}
	xmlFreeDoc(xd);
	vns_buf_free(&xml);
}

static vns_status take_body(zip_t *z, const struct format *fm, vns_doc *doc,
			    vns_err *err)
{
	vns_buf xml, text;
	xmlDocPtr xd = NULL;
	xmlNode *root;
	vns_status st;

	vns_buf_init(&xml, VNS_OFFICE_PART_MAX);
	vns_buf_init(&text, VNS_OFFICE_PART_MAX);
	st = read_part(z, fm->content, &xml, err);
	if (!st && !(xd = xmlReadMemory(xml.data, (int)xml.len, NULL, NULL,
					XML_OPTIONS | XML_PARSE_HUGE)))
		st = vns_err_set(err, VNS_ERECORD,
				 "'%s' is not well-formed xml", fm->content);
	root = xd ? xmlDocGetRootElement(xd) : NULL;
	if (!st && root && body_text(root, fm->text_in_t_only, &text))
		st = vns_err_set(err, VNS_ETOOBIG, "text too large");
	vns_docfile_trim(&text);
	if (!st && text.len == 0)
		st = vns_err_set(err, VNS_ERECORD, "no text in the document");
	if (!st && !(doc->body = vns_buf_detach(&text, NULL)))
		st = vns_err_set(err, VNS_ENOMEM, "out of memory");
	xmlFreeDoc(xd);
	vns_buf_free(&xml);
	vns_buf_free(&text);
	return st;
}

vns_status vns_office_parse(const char *data, size_t len, vns_doc *doc,
			    vns_err *err)
{
	zip_error_t ze;
	zip_source_t *src;
	zip_t *z;
	const struct format *fm;
	vns_status st;

	zip_error_init(&ze);
	src = zip_source_buffer_create(data, len, 0, &ze);
	z = src ? zip_open_from_source(src, ZIP_RDONLY, &ze) : NULL;
	if (!z) {
		st = vns_err_set(err, VNS_ERECORD,
				 "not a docx or odt file: %s",
				 zip_error_strerror(&ze));
		zip_source_free(src);
		zip_error_fini(&ze);
		return st;
	}
	zip_error_fini(&ze);
	fm = zip_name_locate(z, docx.content, 0) >= 0 ? &docx
	     : zip_name_locate(z, odt.content, 0) >= 0 ? &odt
						       : NULL;
	if (!fm)
		st = vns_err_set(err, VNS_ERECORD, "not a docx or odt file: "
				 "no word/document.xml or content.xml");
	else
		st = take_body(z, fm, doc, err);
	if (!st)
		take_meta(z, fm, doc);
	zip_discard(z);
	return st;
}

vns_status vns_read_office(const char *path, const vns_sink *sink,
			   vns_err *err)
{
	return vns_docfile_index(path, vns_office_parse, sink, err);
}
