/* termgen.h - the term generator: turns a vns_doc into the Xapian document
 * that the index stores (words exact and folded with positions, adjacent
 * word pairs, filter terms, the date value, the stored data), using the
 * same analyser as the query side. Terms and slots are named in schema.h. */
#ifndef VNS_TERMGEN_H
#define VNS_TERMGEN_H

#include "analyse.h"
#include "buf.h"
#include "doc.h"
#include "xapian-c.h"

typedef struct vns_termgen vns_termgen;

/* Within-document frequency given to each occurrence, per field: a word in
 * the title counts as much as title_wdf words of body. */
typedef struct vns_field_weights {
	unsigned title_wdf;
	unsigned summary_wdf;
	unsigned body_wdf;
} vns_field_weights;

/* The weights an index is built with by default. */
extern const vns_field_weights vns_default_weights;

/* A new term generator that analyses with a (borrowed: a must outlive it).
 * *out: caller frees with vns_termgen_free(). */
vns_status vns_termgen_new(vns_analyser *a, const vns_field_weights *w,
			   vns_termgen **out, vns_err *err);

/* Release tg; accepts NULL. */
void vns_termgen_free(vns_termgen *tg);

/* Build the Xapian document for doc. A bad date is reported in *warn
 * (code set, detail in msg) and the document is built without a date.
 * *out: caller frees with vns_xdoc_free(). */
vns_status vns_termgen_build(vns_termgen *tg, const vns_doc *doc,
			     vns_xdoc **out, vns_err *warn, vns_err *err);

/* Write the unique id term for id into out (reset first). */
vns_status vns_termgen_idterm(const char *id, vns_buf *out);

#endif
