/* feed.c - RSS and Atom feeds to documents with libxml2 (see feed.h). */
#include "feed.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/parser.h>
#include <libxml/tree.h>
#include <libxml/xmlerror.h>

#include "buf.h"
#include "docfile.h"
#include "html.h"

#define FEED_OPTIONS                                                        \
	(XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING |        \
	 XML_PARSE_NOCDATA | XML_PARSE_NOBLANKS)

struct feed {
	const char *path;
	const vns_sink *sink;
	char *source;        /* the channel's title, malloc'ed */
	unsigned long items; /* seen so far */
	int atom;
};

static int is(const xmlNode *n, const char *name)
{
	return n->type == XML_ELEMENT_NODE &&
	       strcmp((const char *)n->name, name) == 0;
}

/* First child element of n named name (any namespace, or ns prefix). */
static xmlNode *child(const xmlNode *n, const char *name, const char *nsp)
{
	for (xmlNode *c = n->children; c; c = c->next)
		if (is(c, name) &&
		    (!nsp || (c->ns && c->ns->prefix &&
			      !strcmp((const char *)c->ns->prefix, nsp))) &&
		    (nsp || !c->ns || !c->ns->prefix))
			return c;
	return NULL;
}

/* Text of element n tidied on one line; NULL when blank or n NULL. */
static char *text_of(xmlNode *n)
{
	xmlChar *v = n ? xmlNodeGetContent(n) : NULL;
	char *line = vns_docfile_line((const char *)v);

	xmlFree(v);
	return line;
}

/* The text of an item's HTML (description, content) into out. */
static vns_status html_text(xmlNode *n, vns_buf *out, vns_err *err)
{
	xmlChar *v;
	vns_status st;

	if (!n)
		return VNS_OK;
	if (n->children && n->children->type == XML_ELEMENT_NODE) {
		/* Atom type="xhtml": the markup is XML here */
		xmlBufferPtr xb = xmlBufferCreate();
		for (xmlNode *c = n->children; c && xb; c = c->next)
			xmlNodeDump(xb, n->doc, c, 0, 0);
		st = xb ? vns_html_fragment_text((const char *)xmlBufferContent(xb),
						 (size_t)xmlBufferLength(xb), out, err)
			: vns_err_set(err, VNS_ENOMEM, "out of memory");
		xmlBufferFree(xb);
		return st;
	}
	v = xmlNodeGetContent(n);
	st = v ? vns_html_fragment_text((const char *)v,
					strlen((const char *)v), out, err)
	       : VNS_OK;
	xmlFree(v);
	return st;
}

/* The link of an item: RSS <link>text</link>, Atom <link href=...>
 * (rel="alternate" or none). */
static char *link_of(xmlNode *item, int atom)
{
	if (!atom)
		return text_of(child(item, "link", NULL));
	for (xmlNode *c = item->children; c; c = c->next) {
		xmlChar *rel, *href;

		if (!is(c, "link"))
			continue;
		rel = xmlGetProp(c, (const xmlChar *)"rel");
		href = xmlGetProp(c, (const xmlChar *)"href");
		if (href && (!rel || !strcmp((const char *)rel, "alternate"))) {
			char *s = strdup((const char *)href);
			xmlFree(rel);
			xmlFree(href);
			return s;
		}
		xmlFree(rel);
		xmlFree(href);
	}
	return NULL;
}

static void item_date(xmlNode *item, vns_doc *doc)
{
	static const char *const names[] = { "pubDate", "published", "updated",
					     "date", "issued" };
	char date[32];

	for (size_t i = 0; i < sizeof names / sizeof *names; i++) {
		char *v = text_of(child(item, names[i], i == 3 ? "dc" : NULL));

		if (v && vns_docfile_date(v, date, sizeof date)) {
			free(v);
			doc->date = strdup(date);
			return;
		}
		free(v);
	}
}

static char *item_author(xmlNode *item)
{
	xmlNode *a = child(item, "author", NULL);

	if (a && child(a, "name", NULL))
		return text_of(child(a, "name", NULL));
	return a ? text_of(a) : text_of(child(item, "creator", "dc"));
}

static vns_status item_body(xmlNode *item, unsigned long no, vns_doc *doc,
			    vns_err *why)
{
	static const char *const names[][2] = {
		{ "encoded", "content" }, { "content", NULL },
		{ "description", NULL }, { "summary", NULL },
	};
	vns_buf body;
	vns_status st = VNS_OK;

	vns_buf_init(&body, VNS_RECORD_MAX);
	for (size_t i = 0; i < 4 && !st && body.len == 0; i++)
		st = html_text(child(item, names[i][0], names[i][1]), &body,
			       why);
	vns_docfile_trim(&body);
	if (!st && body.len == 0)
		st = vns_err_set(why, VNS_ERECORD, "item %lu has no text", no);
	if (!st && !(doc->body = vns_buf_detach(&body, NULL)))
		st = vns_err_set(why, VNS_ENOMEM, "out of memory");
	vns_buf_free(&body);
	return st;
}

static vns_status item_id(struct feed *f, xmlNode *item, vns_doc *doc,
			  vns_err *why)
{
	char *id = text_of(child(item, f->atom ? "id" : "guid", NULL));
	vns_status st;

	if (!id && doc->url)
		id = strdup(doc->url);
	if (id) {
		doc->id = id;
		return VNS_OK;
	}
	st = vns_docfile_id(f->path, doc, why);
	if (!st) {
		size_t n = strlen(doc->id) + 24;
		char *s = malloc(n);
		if (!s)
			return vns_err_set(why, VNS_ENOMEM, "out of memory");
		snprintf(s, n, "%s#%lu", doc->id, f->items);
		free(doc->id);
		doc->id = s;
	}
	return st;
}

static vns_status one_item(struct feed *f, xmlNode *item, vns_err *err)
{
	vns_doc doc = { 0 };
	vns_err why;
	unsigned long line = (unsigned long)xmlGetLineNo(item);
	vns_status st = VNS_OK;

	vns_err_clear(&why);
	doc.title = text_of(child(item, "title", NULL));
	doc.url = link_of(item, f->atom);
	doc.author = item_author(item);
	doc.source = f->source ? strdup(f->source) : NULL;
	item_date(item, &doc);
	if (item_body(item, f->items, &doc, &why) ||
	    item_id(f, item, &doc, &why)) {
		f->sink->bad(f->sink->ctx, f->path, line, &why);
	} else {
		st = f->sink->doc(f->sink->ctx, &doc, f->path, line, err);
	}
	vns_doc_clear(&doc);
	return st;
}

static vns_status items(struct feed *f, xmlNode *parent, const char *name,
			vns_err *err)
{
	vns_status st = VNS_OK;

	for (xmlNode *c = parent->children; c && !st; c = c->next) {
		if (!is(c, name))
			continue;
		if (++f->items > VNS_FEED_MAX_ITEMS) {
			vns_err why;
			vns_err_set(&why, VNS_ETOOBIG,
				    "more than %d items: the rest is skipped",
				    VNS_FEED_MAX_ITEMS);
			f->sink->bad(f->sink->ctx, f->path,
				     (unsigned long)xmlGetLineNo(c), &why);
			break;
		}
		st = one_item(f, c, err);
	}
	return st;
}

static vns_status walk_feed(struct feed *f, xmlNode *root, vns_err *err)
{
	xmlNode *channel;

	if (is(root, "feed")) {
		f->atom = 1;
		f->source = text_of(child(root, "title", NULL));
		return items(f, root, "entry", err);
	}
	if (is(root, "rss") && (channel = child(root, "channel", NULL))) {
		f->source = text_of(child(channel, "title", NULL));
		return items(f, channel, "item", err);
	}
	if (is(root, "RDF")) { /* RSS 1.0: items beside the channel */
		channel = child(root, "channel", NULL);
		f->source = channel ? text_of(child(channel, "title", NULL))
				    : NULL;
		return items(f, root, "item", err);
	}
	return vns_err_set(err, VNS_ERECORD,
			   "not a feed: the root element is <%s>, expected "
			   "<rss> or <feed>", (const char *)root->name);
}

vns_status vns_feed_parse(const char *data, size_t len, const char *path,
			  const vns_sink *sink, vns_err *err)
{
	struct feed f = { path, sink, NULL, 0, 0 };
	xmlDocPtr xd;
	xmlNode *root;
	vns_status st;

	if (len > (size_t)INT32_MAX)
		return vns_err_set(err, VNS_ETOOBIG, "feed too large");
	xd = xmlReadMemory(data, (int)len, NULL, NULL, FEED_OPTIONS);
	if (!xd || !(root = xmlDocGetRootElement(xd))) {
		const xmlError *e = xmlGetLastError();
		xmlFreeDoc(xd);
		if (e && e->message)
			return vns_err_set(err, VNS_ERECORD,
					   "not well-formed xml at line %d: "
					   "%.*s", e->line,
					   (int)strcspn(e->message, "\n"),
					   e->message);
		return vns_err_set(err, VNS_ERECORD, "not well-formed xml");
	}
	st = walk_feed(&f, root, err);
	free(f.source);
	xmlFreeDoc(xd);
	return st;
}

vns_status vns_read_feed(const char *path, const vns_sink *sink,
			 vns_err *err)
{
	vns_buf raw;
	vns_err why;
	vns_status st = VNS_OK;

	vns_err_clear(&why);
	vns_buf_init(&raw, VNS_DOCFILE_MAX + 1);
	if (vns_docfile_read(path, VNS_DOCFILE_MAX, &raw, &why)) {
		sink->bad(sink->ctx, path, 0, &why);
	} else {
		st = vns_feed_parse(raw.data, raw.len, path, sink, &why);
		if (st == VNS_ERECORD || st == VNS_ETOOBIG) {
			sink->bad(sink->ctx, path, 0, &why);
			st = VNS_OK;
		} else if (st) {
			*err = why;
		}
	}
	vns_buf_free(&raw);
	return st;
}
