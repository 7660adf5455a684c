/* fuzz_cgireq.c - libFuzzer harness for the search page's query-string
 * decoder (query/cgireq.c). Any input must decode or be refused without a
 * crash, and a decoded request must keep its promises: its canonical URL
 * decodes back to the same request, and in the query-language string it
 * stands for, every filter stays a plain required item that the words
 * cannot negate or join with OR. Build and run: make fuzz. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "cgireq.h"
#include "qparse.h"

static void check_round_trip(const vns_cgireq *req)
{
	vns_cgireq back;
	vns_err err;
	vns_buf href;

	vns_buf_init(&href, 0);
	if (vns_cgireq_href(req, &href) || href.data[0] != '?')
		abort();
	if (vns_cgireq_parse(href.data + 1, href.len - 1, &back, &err) ||
	    memcmp(req, &back, sizeof back))
		abort();
	vns_buf_free(&href);
}

static size_t count_filters(const vns_cgireq *req)
{
	size_t n = req->from[0] || req->to[0];
	int i;

	for (i = 0; i < VNS_CGI_NFILTERS; i++)
		n += req->filter[i][0] != '\0';
	return n;
}

static void check_query(const vns_cgireq *req)
{
	size_t nf = count_filters(req), i;
	vns_qtree tree;
	vns_err err;
	vns_buf q;

	vns_buf_init(&q, 0);
	if (vns_cgireq_query(req, &q))
		abort();
	if (vns_qparse(q.data, q.len, &tree, &err) == VNS_OK) {
		if (tree.n < nf)
			abort();
		for (i = 0; i < nf; i++)
			if (tree.items[i].kind != VNS_QITEM_FIELD ||
			    tree.items[i].negated || tree.items[i].or_group)
				abort();
		vns_qtree_free(&tree);
	}
	vns_buf_free(&q);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	vns_cgireq req;
	vns_err err;

	if (vns_cgireq_parse((const char *)data, size, &req, &err))
		return 0;
	if (req.page < 1 || req.per_page < 1 ||
	    req.per_page > VNS_CGI_PER_PAGE_MAX ||
	    vns_cgireq_offset(&req) > VNS_OFFSET_MAX ||
	    strlen(req.q) > VNS_CGI_Q_MAX)
		abort();
	check_round_trip(&req);
	check_query(&req);
	return 0;
}
