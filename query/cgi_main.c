/* cgi_main.c - vnsearch.cgi: the search page as a CGI/1.1 program. Reads
 * the request from the environment the web server sets (REQUEST_METHOD,
 * QUERY_STRING; the index from VNSEARCH_DB, never from the request),
 * turns each outcome into an HTTP status and a page, and writes it to
 * stdout. Details of server-side failures go to stderr (the server's error
 * log), never to the page. Decoding is in cgireq.c, HTML in page.c. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "cgireq.h"
#include "page.h"
#include "vnsearch.h"

/* vnsearch.fcgi is this file built with VNS_FASTCGI: libfcgi's stdio then
 * carries stdout, stderr and the environment of each request, and one
 * process answers many requests (it still works as a plain CGI). */
#ifdef VNS_FASTCGI
#include <fcgi_stdio.h>
#endif

/* Largest page produced (a page of 50 results is about 100 KiB). */
#define PAGE_CAP ((size_t)4 * 1024 * 1024)
/* Bytes of snippet per result. */
#define SNIPPET_BYTES 280

/* The open index. A CGI opens it for its one request; a FastCGI process
 * keeps it between requests and opens it again when the index has been
 * written since (its version file changed) or a search failed. */
typedef struct held_index {
	vns_db *s;
	char *path;
	int stamped;       /* stamp is valid */
	struct stat stamp; /* the version file when opened */
} held_index;

static held_index held;

/* What a commit changes: the version file of a glass database directory,
 * else the path itself (a stub database file). */
static int index_stamp(const char *db, struct stat *st)
{
	char version[4096];
	int n = snprintf(version, sizeof version, "%s/iamglass", db);

	if (n > 0 && (size_t)n < sizeof version && !stat(version, st))
		return 1;
	return !stat(db, st);
}

static int same_stamp(const struct stat *a, const struct stat *b)
{
	return a->st_ino == b->st_ino && a->st_size == b->st_size &&
	       a->st_mtim.tv_sec == b->st_mtim.tv_sec &&
	       a->st_mtim.tv_nsec == b->st_mtim.tv_nsec;
}

static void drop_index(void)
{
	vns_db_close(held.s);
	free(held.path);
	memset(&held, 0, sizeof held);
}

/* The index at db, opened now or kept from an earlier request. */
static vns_status get_index(const char *db, vns_db **out, vns_err *err)
{
	struct stat now;
	int stamped = index_stamp(db, &now);
	vns_status st;

	if (held.s && stamped && held.stamped && !strcmp(held.path, db) &&
	    same_stamp(&now, &held.stamp)) {
		*out = held.s;
		return VNS_OK;
	}
	drop_index();
	if (!(held.path = strdup(db)))
		return vns_err_set(err, VNS_ENOMEM, "out of memory");
	st = vns_db_open(db, &held.s, err);
#ifdef VNS_FASTCGI
	/* one process answers many requests: facets counted from memory */
	if (!st)
		st = vns_db_keep_facets(held.s, err);
#endif
	if (st) {
		drop_index();
		return st;
	}
	held.stamped = stamped;
	held.stamp = now;
	*out = held.s;
	return VNS_OK;
}

typedef struct response {
	int status;
	vns_buf body;
} response;

static void fail(response *res, const vns_cgireq *req, int status,
		 const char *message)
{
	res->status = status;
	vns_buf_reset(&res->body);
	if (vns_page_render_error(&res->body, req, status, message))
		vns_buf_reset(&res->body);
}

static void log_error(const char *what, const vns_err *err)
{
	fprintf(stderr, "vnsearch.cgi: %s: %s\n", what, vns_err_text(err));
}

static int is_request_error(vns_status st)
{
	return st == VNS_EQUERY || st == VNS_EUTF8 || st == VNS_ETOOBIG ||
	       st == VNS_EINVAL;
}

static vns_status search_page(vns_db *s, const vns_cgireq *req,
			      vns_buf *body, vns_err *err)
{
	vns_search_opts opts = { vns_cgireq_offset(req), req->per_page,
				 req->sort, SNIPPET_BYTES, 1 };
	vns_results *r = NULL;
	vns_page p = { 0 };
	vns_buf q;
	vns_status st;

	vns_buf_init(&q, 0);
	st = vns_cgireq_query(req, &q);
	if (!st)
		st = vns_db_search(s, q.data, q.len, &opts, &r, err);
	if (!st)
		st = vns_page_collect(&p, r, err);
	vns_results_free(r);
	if (!st && (st = vns_page_render(body, req, &p)))
		vns_err_set(err, st, "rendering the page");
	vns_page_clear(&p);
	vns_buf_free(&q);
	return st;
}

static void answer_search(response *res, const vns_cgireq *req,
			  const char *db)
{
	vns_db *s = NULL;
	vns_err err;
	vns_status st;

	vns_err_clear(&err);
	if (!db || !*db) {
		fputs("vnsearch.cgi: VNSEARCH_DB is not set by the server\n",
		      stderr);
		fail(res, req, 500, "Chỗ tìm kiếm chưa được cấu hình.");
		return;
	}
	if (get_index(db, &s, &err)) {
		log_error("opening the index", &err);
		fail(res, req, 503, "Không mở được chỉ mục tìm kiếm; hãy thử "
				    "lại sau ít phút.");
		return;
	}
	st = search_page(s, req, &res->body, &err);
	if (st && is_request_error(st))
		fail(res, req, 400, vns_err_text(&err));
	else if (st) {
		drop_index();
		log_error("searching", &err);
		fail(res, req, 500, "Có lỗi khi tìm kiếm.");
	}
}

static void answer(response *res, const char *method, const char *db)
{
	const char *qs = getenv("QUERY_STRING");
	vns_cgireq req;
	vns_err err;

	vns_err_clear(&err);
	if (strcmp(method, "GET") && strcmp(method, "HEAD")) {
		fail(res, NULL, 405, "Chỉ nhận yêu cầu GET.");
		return;
	}
	if (vns_cgireq_parse(qs ? qs : "", qs ? strlen(qs) : 0, &req, &err)) {
		fail(res, NULL, 400, vns_err_text(&err));
		return;
	}
	if (!vns_cgireq_is_search(&req)) {
		if (vns_page_render_front(&res->body))
			fail(res, NULL, 500, "Có lỗi khi tạo trang.");
		return;
	}
	answer_search(res, &req, db);
}

static int send(const response *res, int with_body)
{
	vns_buf head;
	int ok;

	vns_buf_init(&head, 0);
	ok = !vns_page_headers(&head, res->status, res->body.len) &&
	     fwrite(head.data, 1, head.len, stdout) == head.len &&
	     (!with_body || fwrite(res->body.data, 1, res->body.len, stdout) ==
				    res->body.len) &&
	     fflush(stdout) == 0;
	vns_buf_free(&head);
	return ok;
}

/* One request, from the environment to stdout; the exit status. db is
 * the index named in the program's own environment, or NULL to take it
 * from the request's (a FastCGI server may pass it either way). */
static int serve_one(const char *db)
{
	const char *method = getenv("REQUEST_METHOD");
	response res = { 200, { 0 } };
	int ok;

	if (!method) {
		fputs("vnsearch.cgi: no REQUEST_METHOD: run me from a web "
		      "server (CGI/1.1)\n", stderr);
		return 2;
	}
	vns_buf_init(&res.body, PAGE_CAP);
	answer(&res, method, db ? db : getenv("VNSEARCH_DB"));
	ok = send(&res, strcmp(method, "HEAD") != 0);
	vns_buf_free(&res.body);
	return ok ? 0 : 1;
}

int main(void)
{
#ifdef VNS_FASTCGI
	/* read before FCGI_Accept() swaps in each request's environment */
	const char *env_db = getenv("VNSEARCH_DB");
	char *db = env_db ? strdup(env_db) : NULL;
	int rc = 0;

	while (FCGI_Accept() >= 0)
		rc = serve_one(db);
	drop_index();
	free(db);
	return rc;
#else
	int rc;

	rc = serve_one(NULL);

	drop_index();
	return rc;
#endif
}
