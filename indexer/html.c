/* html.c - HTML pages to documents with libxml2 (see html.h). */
#include "html.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <libxml/HTMLparser.h>
#include <libxml/tree.h>
#include <libxml/xmlerror.h>

#include "analyse.h"
#include "docfile.h"
#include "legacy.h"
#include "linktail.h"
#include "utf8.h"

#define HTML_OPTIONS                                                        \
	(HTML_PARSE_RECOVER | HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING |   \
	 HTML_PARSE_NONET | HTML_PARSE_NOBLANKS | HTML_PARSE_COMPACT)

/* Elements whose content is never article text. */
static const char *const dropped[] = {
	"script", "style", "noscript", "nav", "header", "footer", "aside",
	"form", "iframe", "svg", "button", "select", "template", "head",
	"menu", "object", "embed", "canvas", "audio", "video", "textarea",
};

/* Words in a class or id that mark link lists and page furniture. */
static const char *const furniture[] = {
	"related", "lienquan", "lien-quan", "tinkhac", "tin-khac", "xemthem",
	"xem-them", "breadcrumb", "sidebar", "social", "share", "comment",
	"banner", "advert", "navigation", "menu", "tags", "footer",
};

/* Elements that end a line of text. */
static const char *const blocks[] = {
	"p", "div", "br", "li", "h1", "h2", "h3", "h4", "h5", "h6", "tr",
	"section", "article", "blockquote", "pre", "table", "ul", "ol", "dd",
	"dt", "figcaption", "figure", "main", "td", "th", "hr", "address",
};

static int name_in(const xmlChar *name, const char *const *list, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (strcasecmp((const char *)name, list[i]) == 0)
			return 1;
	return 0;
}

#define NAME_IN(node, list) \
	name_in((node)->name, list, sizeof list / sizeof *list)

/* 1 if attribute attr of n contains one of the furniture words. */
static int attr_is_furniture(xmlNode *n, const char *attr)
{
	xmlChar *v = xmlGetProp(n, (const xmlChar *)attr);
	int hit = 0;

	for (size_t i = 0; v && !hit && i < sizeof furniture / sizeof *furniture;
	     i++)
		hit = strcasestr((const char *)v, furniture[i]) != NULL;
	xmlFree(v);
	return hit;
}

static int is_dropped(xmlNode *n)
{
	return NAME_IN(n, dropped) || attr_is_furniture(n, "class") ||
	       attr_is_furniture(n, "id") || attr_is_furniture(n, "role");
}

/* Text of the subtree under root into out, without recursion (a page
 * nested 100,000 deep must not overflow the stack). */
static vns_status subtree_text(xmlNode *root, int drop, vns_buf *out)
{
	xmlNode *n = root->children;
	vns_status st = VNS_OK;

	while (n && !st) {
		if (n->type == XML_ELEMENT_NODE && !(drop && is_dropped(n))) {
			if (NAME_IN(n, blocks))
				st = vns_docfile_add_text(out, "\n", 1);
			if (n->children) {
				n = n->children;
				continue;
			}
		} else if ((n->type == XML_TEXT_NODE ||
			    n->type == XML_CDATA_SECTION_NODE) && n->content) {
			st = vns_docfile_add_text(
				out, (const char *)n->content,
				strlen((const char *)n->content));
		}
		while (n != root && !n->next) {
			n = n->parent;
			if (n != root && n->type == XML_ELEMENT_NODE &&
			    NAME_IN(n, blocks) && !st)
				st = vns_docfile_add_text(out, "\n", 1);
		}
		n = n == root ? NULL : n->next;
	}
	return st;
}

/* Next node in document order after n, not leaving root. */
static xmlNode *next_node(xmlNode *n, xmlNode *root)
{
	if (n->children && n->type == XML_ELEMENT_NODE)
		return n->children;
	while (n && n != root && !n->next)
		n = n->parent;
	return n && n != root ? n->next : NULL;
}

struct page {
	xmlChar *title, *og_title, *h1, *date, *author, *url, *canon;
	xmlChar *site, *summary;
	xmlNode *article;
};

static void keep(xmlChar **slot, xmlChar *v)
{
	if (v && *v && !*slot)
		*slot = v;
	else
		xmlFree(v);
}

static void take_meta(struct page *pg, xmlNode *n)
{
	xmlChar *key = xmlGetProp(n, (const xmlChar *)"property");
	const char *k;

	if (!key)
		key = xmlGetProp(n, (const xmlChar *)"name");
	if (!key)
		key = xmlGetProp(n, (const xmlChar *)"itemprop");
	k = key ? (const char *)key : "";
	if (!strcasecmp(k, "og:title"))
		keep(&pg->og_title, xmlGetProp(n, (const xmlChar *)"content"));
	else if (!strcasecmp(k, "article:published_time") ||
		 !strcasecmp(k, "pubdate") || !strcasecmp(k, "publishdate") ||
		 !strcasecmp(k, "datePublished") || !strcasecmp(k, "date") ||
		 !strcasecmp(k, "dc.date") || !strcasecmp(k, "dc.date.issued") ||
		 !strcasecmp(k, "creationdate"))
		keep(&pg->date, xmlGetProp(n, (const xmlChar *)"content"));
	else if (!strcasecmp(k, "author") || !strcasecmp(k, "dc.creator"))
		keep(&pg->author, xmlGetProp(n, (const xmlChar *)"content"));
	else if (!strcasecmp(k, "og:url"))
		keep(&pg->url, xmlGetProp(n, (const xmlChar *)"content"));
	else if (!strcasecmp(k, "og:site_name"))
		keep(&pg->site, xmlGetProp(n, (const xmlChar *)"content"));
	else if (!strcasecmp(k, "description") ||
		 !strcasecmp(k, "og:description"))
		keep(&pg->summary, xmlGetProp(n, (const xmlChar *)"content"));
	xmlFree(key);
}

static void take_link(struct page *pg, xmlNode *n)
{
	xmlChar *rel = xmlGetProp(n, (const xmlChar *)"rel");

	if (rel && !strcasecmp((const char *)rel, "canonical"))
		keep(&pg->canon, xmlGetProp(n, (const xmlChar *)"href"));
	xmlFree(rel);
}

static void take_article(struct page *pg, xmlNode *n)
{
	xmlChar *prop = xmlGetProp(n, (const xmlChar *)"itemprop");

	if (!pg->article && (!strcasecmp((const char *)n->name, "article") ||
			     (prop && !strcmp((const char *)prop, "articleBody"))))
		pg->article = n;
	xmlFree(prop);
}

/* One pass over every element for the page's facts. */
static void scan_page(struct page *pg, xmlNode *root)
{
	for (xmlNode *n = root; n; n = next_node(n, root)) {
		const char *name = (const char *)n->name;

		if (n->type != XML_ELEMENT_NODE)
			continue;
		if (!strcasecmp(name, "meta"))
			take_meta(pg, n);
		else if (!strcasecmp(name, "link"))
			take_link(pg, n);
		else if (!strcasecmp(name, "title"))
			keep(&pg->title, xmlNodeGetContent(n));
		else if (!strcasecmp(name, "h1"))
			keep(&pg->h1, xmlNodeGetContent(n));
		else if (!strcasecmp(name, "time"))
			keep(&pg->date, xmlGetProp(n, (const xmlChar *)"datetime"));
		else
			take_article(pg, n);
	}
}

static void page_free(struct page *pg)
{
	xmlFree(pg->title);
	xmlFree(pg->og_title);
	xmlFree(pg->h1);
	xmlFree(pg->date);
	xmlFree(pg->author);
	xmlFree(pg->url);
	xmlFree(pg->canon);
	xmlFree(pg->site);
	xmlFree(pg->summary);
}

/* A copy of v with white space tidied; NULL for NULL or blank. */
static char *tidy(const xmlChar *v)
{
	return vns_docfile_line((const char *)v);
}

/* "https://baomoi.com/a/b" -> "baomoi.com" (malloc'ed); NULL if none. */
static char *host_of(const char *url)
{
	const char *p = url ? strstr(url, "://") : NULL;
	size_t n;

	if (!p)
		return NULL;
	p += 3;
	n = strcspn(p, "/:?#");
	if (strncmp(p, "www.", 4) == 0 && n > 4) {
		p += 4;
		n -= 4;
	}
	return n ? strndup(p, n) : NULL;
}

static void page_facts(const struct page *pg, vns_doc *doc)
{
	char date[32];

	doc->title = tidy(pg->og_title ? pg->og_title
			  : pg->h1      ? pg->h1
					: pg->title);
	doc->author = tidy(pg->author);
	doc->url = tidy(pg->canon ? pg->canon : pg->url);
	doc->source = pg->site ? tidy(pg->site) : host_of(doc->url);
	doc->summary = tidy(pg->summary);
	if (pg->date && vns_docfile_date((const char *)pg->date, date,
					 sizeof date))
		doc->date = strdup(date);
}

static vns_status page_body(xmlNode *root, vns_doc *doc, vns_err *err)
{
	vns_buf text;
	vns_status st;

	vns_buf_init(&text, 0);
	st = subtree_text(root, 1, &text);
	if (!st) {
		vns_docfile_trim(&text);
		vns_buf_truncate(&text, vns_cut_link_tail(text.data, text.len));
		vns_docfile_trim(&text);
	}
	if (!st && text.len == 0)
		st = vns_err_set(err, VNS_ERECORD, "no text: the page has no "
				 "article text");
	else if (st)
		st = vns_err_set(err, st, "page text too large");
	else if (!(doc->body = vns_buf_detach(&text, NULL)))
		st = vns_err_set(err, VNS_ENOMEM, "out of memory");
	vns_buf_free(&text);
	return st;
}

vns_status vns_html_parse(const char *data, size_t len, const char *encoding,
			  vns_doc *doc, vns_err *err)
{
	htmlDocPtr hd;
	xmlNode *root;
	struct page pg;
	int too_deep;
	vns_status st;

	if (len > (size_t)INT32_MAX)
		return vns_err_set(err, VNS_ETOOBIG, "page too large");
	xmlResetLastError();
	hd = htmlReadMemory(data, (int)len, NULL, encoding, HTML_OPTIONS);
	if (!hd || !(root = xmlDocGetRootElement(hd))) {
		xmlFreeDoc(hd);
		return vns_err_set(err, VNS_ERECORD, "not an html page");
	}
	too_deep = xmlGetLastError() && xmlGetLastError()->message &&
		   strstr(xmlGetLastError()->message, "depth");
	memset(&pg, 0, sizeof pg);
	scan_page(&pg, root);
	page_facts(&pg, doc);
	st = page_body(pg.article ? pg.article : root, doc, err);
	if (!st && pg.article && strlen(doc->body) < 40) {
		free(doc->body); /* a tiny <article> is a teaser, not the page */
		doc->body = NULL;
		st = page_body(root, doc, err);
	}
	if (st == VNS_ERECORD && too_deep)
		vns_err_set(err, VNS_ERECORD, "page nested too deeply (the "
			    "html parser stops at 256 levels): no text");
	page_free(&pg);
	xmlFreeDoc(hd);
	return st;
}

vns_status vns_html_fragment_text(const char *data, size_t len, vns_buf *out,
				  vns_err *err)
{
	htmlDocPtr hd;
	xmlNode *root;
	vns_status st = VNS_OK;

	if (len == 0)
		return VNS_OK;
	if (len > (size_t)INT32_MAX)
		return vns_err_set(err, VNS_ETOOBIG, "fragment too large");
	hd = htmlReadMemory(data, (int)len, NULL, "UTF-8", HTML_OPTIONS);
	root = hd ? xmlDocGetRootElement(hd) : NULL;
	if (root && subtree_text(root, 1, out))
		st = vns_err_set(err, VNS_ETOOBIG, "text too large");
	xmlFreeDoc(hd);
	return st;
}

/* 1 if the first 4 KiB of the page declare a charset. */
static int declares_charset(const char *data, size_t len)
{
	char head[4097];
	size_t n = len < 4096 ? len : 4096;

	memcpy(head, data, n);
	head[n] = '\0';
	for (size_t i = 0; i < n; i++)
		if (!head[i])
			head[i] = ' ';
	return strcasestr(head, "charset") != NULL;
}

/* Parse the page in raw, deciding its encoding. */
static vns_status parse_page(const char *data, size_t len, vns_doc *doc,
			     vns_err *why)
{
	vns_analyser *a = NULL;
	vns_encoding enc;
	vns_buf conv;
	vns_status st;

	if (memchr(data, '\0', len))
		return vns_err_set(why, VNS_ERECORD,
				   "NUL byte: not an html page");
	if (vns_utf8_valid(data, len, NULL))
		return vns_html_parse(data, len, "UTF-8", doc, why);
	if (declares_charset(data, len) &&
	    !vns_legacy_damaged_utf8(data, len))
		return vns_html_parse(data, len, NULL, doc, why);
	vns_buf_init(&conv, VNS_DOCFILE_MAX * 2);
	st = vns_analyser_new(&a, why);
	if (!st)
		st = vns_legacy_to_utf8(a, data, len, &conv, &enc,
					why);
	if (!st)
		st = vns_html_parse(conv.data, conv.len, "UTF-8", doc, why);
	vns_analyser_free(a);
	vns_buf_free(&conv);
	return st;
}

vns_status vns_read_html(const char *path, const vns_sink *sink,
			 vns_err *err)
{
	return vns_docfile_index(path, parse_page, sink, err);
}
