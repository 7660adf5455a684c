/* slug.c - folded words joined by '-', for filter terms. */
#include "slug.h"

#include <string.h>

struct slug_ctx {
	vns_buf *out;
	size_t start;
	vns_status st;
};

static int add_word(void *ctx, const vns_token *tok)
{
	struct slug_ctx *c = ctx;

	if (!(tok->flags & VNS_TOKEN_COLOCATED))
		return 0;
	if (c->out->len > c->start)
		c->st = vns_buf_addc(c->out, '-');
	if (!c->st)
		c->st = vns_buf_add(c->out, tok->term, tok->len);
	return c->st != VNS_OK;
}

vns_status vns_slug(vns_analyser *a, const char *text, vns_buf *out,
		    vns_err *err)
{
	struct slug_ctx c = { out, out->len, VNS_OK };
	vns_status st = vns_analyse(a, text, strlen(text), add_word, &c, err);

	if (st)
		return st;
	if (c.st)
		return vns_err_set(err, c.st, "slug: %s", vns_strerror(c.st));
	return VNS_OK;
}
