/* html.h - the HTML reader: a web page saved from a news site becomes one
 * document, parsed with libxml2's HTML parser (which survives broken
 * markup). Title, date, author, URL, source and summary come from the meta
 * tags (Open Graph, article:*, name=...) or the page; the text is the
 * article's (the <article> element, else the body) without navigation,
 * scripts, styles, forms, asides, and without the link lists news sites
 * append ("Tin liên quan", "Tin khác", "Xem thêm" ...). */
#ifndef VNS_HTML_H
#define VNS_HTML_H

#include <stddef.h>

#include "buf.h"
#include "doc.h"
#include "readers.h"
#include "status.h"

/* Parse len bytes of HTML into doc (fields malloc'ed; clear with
 * vns_doc_clear(); doc->id is left alone). encoding: the page's encoding
 * ("UTF-8"), or NULL to follow the page's own <meta charset>.
 * VNS_ERECORD "no text" when the page has no article text. */
vns_status vns_html_parse(const char *data, size_t len, const char *encoding,
			  vns_doc *doc, vns_err *err);

/* Append the text of an HTML fragment (UTF-8; a feed item's description)
 * to out: markup dropped, blocks on lines of their own. */
vns_status vns_html_fragment_text(const char *data, size_t len, vns_buf *out,
				  vns_err *err);

/* Read the page at path (.html, .htm) as one document with id "file:" +
 * the canonical path. A page that is not UTF-8 and declares no charset
 * goes through legacy-encoding detection (legacy.h). Problems with the
 * file go to sink->bad. */
vns_status vns_read_html(const char *path, const vns_sink *sink,
			 vns_err *err);

#endif
