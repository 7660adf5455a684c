/* cgi_main.c - vnsearch.cgi: the search page as a CGI/1.1 program. Reads
 * the request from the environment the web server sets (REQUEST_METHOD,
 * QUERY_STRING; the index from VNSEARCH_DB, never from the request),
 * turns each outcome into an HTTP status and a page, and writes it to
 * stdout. Details of server-side failures go to stderr (the server's error
 * log), never to the page. Decoding is in cgireq.c, HTML in page.c, Atom
 * and OpenSearch in webfeed.c, JSON in format.c. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

#include "cgireq.h"
#include "format.h"
#include "page.h"
#include "vnsearch.h"
#include "watchdog.h"
#include "webfeed.h"

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
	const char *type; /* NULL: the HTML page */
	vns_buf etag;     /* "" when there is none */
	vns_buf base;     /* the page's absolute URL (webfeed.h) */
} response;

static const char *const format_type[VNS_CGI_NFORMATS] = {
	[VNS_CGI_HTML] = NULL,
	[VNS_CGI_ATOM] = "application/atom+xml; charset=utf-8",
	[VNS_CGI_JSON] = "application/json",
	[VNS_CGI_OPENSEARCH] = "application/opensearchdescription+xml; "
			       "charset=utf-8",
};

static void fail(response *res, const vns_cgireq *req, int status,
		 const char *message)
{
	res->status = status;
	res->type = NULL;
	vns_buf_reset(&res->etag);
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

/* The search options of req in its format: a feed is the newest
 * VNS_WEBFEED_ENTRIES, JSON has no facets (as vnsearch --json). */
static vns_search_opts search_opts(const vns_cgireq *req)
{
	vns_search_opts opts = { .offset = vns_cgireq_offset(req),
				 .limit = req->per_page, .sort = req->sort,
				 .snippet_bytes = SNIPPET_BYTES, .facets = 1,
				 .like = req->like[0] ? req->like : NULL };

	if (req->format != VNS_CGI_HTML)
		opts.facets = 0;
	if (req->format == VNS_CGI_JSON)
		opts.snippet_bytes = VNS_FORMAT_SNIPPET_BYTES;
	if (req->format == VNS_CGI_ATOM) {
		opts.offset = 0;
		opts.limit = VNS_WEBFEED_ENTRIES;
		opts.sort = VNS_SORT_DATE;
	}
	return opts;
}

/* "YYYY-MM-DDThh:mm:ssZ" of now. */
static void utc_now(char out[VNS_TIME_LEN + 1])
{
	time_t t = time(NULL);
	struct tm tm;

	if (!gmtime_r(&t, &tm) ||
	    !strftime(out, VNS_TIME_LEN + 1, "%Y-%m-%dT%H:%M:%SZ", &tm))
		memcpy(out, "1970-01-01T00:00:00Z", VNS_TIME_LEN + 1);
}

static vns_status render(response *res, const vns_cgireq *req,
			 const char *q, vns_results *r, vns_err *err)
{
	char now[VNS_TIME_LEN + 1];
	vns_webfeed_site site = { res->base.data, now };
	vns_page p = { 0 };
	vns_status st;

	utc_now(now);
	if (req->format == VNS_CGI_JSON)
		return vns_format_json(&res->body, q, vns_cgireq_offset(req), r,
				       err);
	if (req->format == VNS_CGI_ATOM)
		return vns_webfeed_atom(&res->body, &site, req, r, err);
	st = vns_page_collect(&p, r, err);
	if (!st && (st = vns_page_render(&res->body, req, &p)))
		vns_err_set(err, st, "rendering the page");
	vns_page_clear(&p);
	return st;
}

static vns_status search_page(vns_db *s, const vns_cgireq *req,
			      response *res, vns_err *err)
{
	vns_search_opts opts = search_opts(req);
	vns_results *r = NULL;
	vns_buf q;
	vns_status st;

	vns_buf_init(&q, 0);
	st = vns_cgireq_query(req, &q);
	if (!st)
		st = vns_db_search(s, q.data, q.len, &opts, &r, err);
	if (!st)
		st = render(res, req, q.data, r, err);
	vns_results_free(r);
	vns_buf_free(&q);
	return st;
}

/* A feed or JSON answer's ETag, from the index's revision, the time its
 * version file changed and the request; 1 when the client's
 * If-None-Match names it (the answer is then 304). */
static int not_modified(response *res, vns_db *s, const vns_cgireq *req)
{
	unsigned long long rev = 0;
	char stamp[64] = "";
	vns_err err;

	if (req->format == VNS_CGI_HTML || vns_db_revision(s, &rev, &err))
		return 0;
	if (held.stamped)
		snprintf(stamp, sizeof stamp, "%lld.%09ld",
			 (long long)held.stamp.st_mtim.tv_sec,
			 (long)held.stamp.st_mtim.tv_nsec);
	if (vns_webfeed_etag(&res->etag, rev, stamp, req))
		return 0;
	if (!vns_webfeed_etag_matches(getenv("HTTP_IF_NONE_MATCH"),
				      res->etag.data))
		return 0;
	res->status = 304;
	return 1;
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
	if (not_modified(res, s, req))
		return;
#ifdef VNS_FASTCGI
	vns_watchdog_init("vnsearch.fcgi", db, 0);
#else
	vns_watchdog_init("vnsearch.cgi", db, 1);
#endif
	vns_watchdog_arm();
	st = search_page(s, req, res, &err);
	vns_watchdog_disarm();
	if (st == VNS_ENOTFOUND && req->like[0])
		fail(res, req, 404, "Không có bài nào với mã này để tìm tin "
				    "liên quan.");
	else if (st && is_request_error(st))
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
	res->type = format_type[req.format];
	if (req.format == VNS_CGI_OPENSEARCH) {
		vns_webfeed_site site = { res->base.data, NULL };
		if (vns_webfeed_opensearch(&res->body, &site))
			fail(res, NULL, 500, "Có lỗi khi tạo trang.");
		return;
	}
	if (req.format == VNS_CGI_HTML && !vns_cgireq_is_search(&req)) {
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
	if (res->type || res->status == 304)
		ok = !vns_webfeed_headers(&head, res->status, res->type,
					  res->body.len,
					  res->etag.len ? res->etag.data
							: NULL);
	else
		ok = !vns_page_headers(&head, res->status, res->body.len);
	ok = ok && fwrite(head.data, 1, head.len, stdout) == head.len &&
	     (!with_body || fwrite(res->body.data, 1, res->body.len, stdout) ==
				    res->body.len) &&
	     fflush(stdout) == 0;
	vns_buf_free(&head);
	return ok;
}

/* The page's absolute URL from what the server sets (never the
 * request's Host header): scheme, SERVER_NAME, a port other than the
 * scheme's, SCRIPT_NAME; only SCRIPT_NAME when SERVER_NAME is unset. */
static vns_status page_base(vns_buf *base)
{
	const char *https = getenv("HTTPS"), *name = getenv("SERVER_NAME");
	const char *port = getenv("SERVER_PORT"), *path = getenv("SCRIPT_NAME");
	int tls = https && (!strcmp(https, "on") || !strcmp(https, "1"));
	int plain_port = !port || !strcmp(port, tls ? "443" : "80");
	vns_status st = VNS_OK;

	if (name && *name && !strpbrk(name, "/\"<> ")) {
		st = vns_buf_addf(base, "%s://%s", tls ? "https" : "http",
				  name);
		if (!st && !plain_port && !strpbrk(port, "/\"<> "))
			st = vns_buf_addf(base, ":%s", port);
	}
	return st ? st : vns_buf_adds(base, path ? path : "");
}

/* One request, from the environment to stdout; the exit status. db is
 * the index named in the program's own environment, or NULL to take it
 * from the request's (a FastCGI server may pass it either way). */
static int serve_one(const char *db)
{
	const char *method = getenv("REQUEST_METHOD");
	response res = { 200, { 0 }, NULL, { 0 }, { 0 } };
	int ok;

	if (!method) {
		fputs("vnsearch.cgi: no REQUEST_METHOD: run me from a web "
		      "server (CGI/1.1)\n", stderr);
		return 2;
	}
	vns_buf_init(&res.body, PAGE_CAP);
	vns_buf_init(&res.etag, VNS_CGI_QS_MAX * 4);
	vns_buf_init(&res.base, VNS_CGI_QS_MAX);
	if (page_base(&res.base))
		vns_buf_reset(&res.base);
	answer(&res, method, db ? db : getenv("VNSEARCH_DB"));
	ok = send(&res, strcmp(method, "HEAD") != 0 && res.status != 304);
	vns_buf_free(&res.body);
	vns_buf_free(&res.etag);
	vns_buf_free(&res.base);
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
