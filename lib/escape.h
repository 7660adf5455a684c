/* escape.h - escaping at the point of output, one function per context
 * (HTML text, HTML attribute, URL component, JSON string, XML), and the URL
 * decoder for CGI query strings. */
#ifndef VNS_ESCAPE_H
#define VNS_ESCAPE_H

#include <stddef.h>

#include "buf.h"
#include "status.h"

/* Every function appends to out and returns VNS_OK, VNS_ETOOBIG (out's cap
 * reached) or VNS_ENOMEM; on failure out is left as it was before the call.
 * The HTML and JSON escapers replace each byte that is not part of valid
 * UTF-8 by U+FFFD, so a snippet cut mid-character still gives valid output;
 * valid UTF-8 passes through unchanged unless named below. */

/* HTML element content: & < > " ' become &amp; &lt; &gt; &quot; &#39;. */
vns_status vns_escape_html_text(vns_buf *out, const char *s, size_t len);

/* A quoted HTML attribute value: as vns_escape_html_text, plus ` = and the
 * control characters (U+0000-U+001F, U+007F) as &#NN; (decimal). */
vns_status vns_escape_html_attr(vns_buf *out, const char *s, size_t len);

/* One URL component (path segment, query key or value): every byte except
 * the unreserved A-Z a-z 0-9 - . _ ~ becomes %XX (upper-case hex); a
 * space is %20. */
vns_status vns_escape_url_component(vns_buf *out, const char *s,
				    size_t len);

/* The inside of a JSON string (no surrounding quotes): \" \\ \n \r \t \b
 * \f; other C0 controls, DEL, U+2028, U+2029 and < > & as \uXXXX (lower-
 * case hex), so the result is also safe inside an HTML <script>. */
vns_status vns_escape_json_string(vns_buf *out, const char *s, size_t len);

/* XML 1.0 character data or a quoted attribute value (Atom, OpenSearch):
 * & < > " ' become &amp; &lt; &gt; &quot; &apos;, tab, newline and
 * return &#9; &#10; &#13;; the characters XML forbids (the other C0
 * controls, U+FFFE, U+FFFF) become U+FFFD. */
vns_status vns_escape_xml(vns_buf *out, const char *s, size_t len);

/* Decode a URL component of a query string: %XX (either case) becomes the
 * byte, '+' a space. The output may hold any byte, NUL included: callers
 * check it (e.g. as UTF-8). A '%' without two hex digits gives VNS_EINVAL
 * with its 0-based byte offset in err ("invalid percent-escape at offset
 * 3"); out is then left as it was. */
vns_status vns_unescape_url_component(vns_buf *out, const char *s,
				      size_t len, vns_err *err);

#endif
