/* main.c - vnsearch: the command-line search. Parses options, runs one
 * query or a batch, prints text or JSON; all searching is in search.c. */
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "buf.h"
#include "format.h"
#include "lines.h"
#include "vnsearch.h"
#include "watchdog.h"

enum { EXIT_OK = 0, EXIT_FATAL = 1, EXIT_USAGE = 2 };

static const char usage[] =
	"usage: vnsearch --db DIR [options] [QUERY...]\n"
	"Search the index DIR. No query lists every document, newest first.\n"
	"  --db DIR            the index (default $VNSEARCH_DB)\n"
	"  --limit N           results per page (default 10, at most 1000)\n"
	"  --offset N          skip the first N results\n"
	"  --sort relevance|date\n"
	"  --json              one JSON object (see README)\n"
	"  --batch FILE        one query per line ('-' = stdin), one JSON\n"
	"                      object per line out, in order\n"
	"  --province NAME     only documents about this province (2025 names\n"
	"                      include their former parts; any spelling)\n"
	"  --product NAME      only documents about this product\n"
	"  --programme NAME    only documents about this programme (KCQG ...)\n"
	"  --source NAME       only documents from this source\n"
	"  --from DATE         dated on or after DATE (YYYY[-MM[-DD]])\n"
	"  --to DATE           dated on or before DATE\n"
	"  --facets            count provinces, products, programmes, sources\n"
	"                      and years over all matches\n"
	"  --like ID           the documents most like document ID (never ID\n"
	"                      nor its copies); a query then only filters\n"
	"  --added-since WHEN  only documents indexed at or after WHEN:\n"
	"                      YYYY-MM-DD[Thh:mm[:ss]][Z|+hh:mm] (UTC unless\n"
	"                      an offset is given)\n"
	"Query language: words, \"a phrase\", -excluded, a OR b,\n"
	"  province:NAME, product:NAME, programme:NAME, source:NAME,\n"
	"  year:YYYY, date:FROM..TO\n"
	"Exit status: 0 ok (also when nothing matches), 1 error (also an\n"
	"unknown --like ID), 2 usage or unusable query.\n";

typedef struct cli {
	const char *db;
	const char *batch;
	int json;
	vns_search_opts opts;
	vns_buf filters; /* the filter options, in the query language */
	const char *from, *to;
} cli;

/* Add ' field:"value"' to the filters; a value with '"' cannot be
 * written in the query language. */
static int add_filter(cli *c, const char *field, const char *value)
{
	if (strchr(value, '"')) {
		fprintf(stderr, "vnsearch: --%s '%s': no '\"' allowed\n", field,
			value);
		return 0;
	}
	return !vns_buf_addf(&c->filters, " %s:\"%s\"", field, value);
}

/* --from/--to become one date: range. */
static int add_dates(cli *c)
{
	if (!c->from && !c->to)
		return 1;
	if ((c->from && strchr(c->from, '"')) || (c->to && strchr(c->to, '"')))
		return 0;
	return !vns_buf_addf(&c->filters, " date:%s..%s",
			     c->from ? c->from : "", c->to ? c->to : "");
}

static int parse_uint(const char *s, const char *what, unsigned max,
		      unsigned *out)
{
	char *end;
	unsigned long v;

	errno = 0;
	v = strtoul(s, &end, 10);
	if (!*s || *end || errno || v > max || s[0] == '-') {
		fprintf(stderr, "vnsearch: %s '%s': expected a number from 0 "
			"to %u\n", what, s, max);
		return 0;
	}
	*out = (unsigned)v;
	return 1;
}

static int parse_sort(const char *s, vns_sort *out)
{
	if (!strcmp(s, "relevance"))
		*out = VNS_SORT_RELEVANCE;
	else if (!strcmp(s, "date"))
		*out = VNS_SORT_DATE;
	else {
		fprintf(stderr, "vnsearch: --sort '%s': expected relevance or "
			"date\n", s);
		return 0;
	}
	return 1;
}

/* --added-since: checked here, so that a batch does not start with it
 * wrong; the library reads it again. */
static int parse_since(const char *s, cli *c)
{
	char utc[VNS_TIME_LEN + 1];
	vns_err err;

	if (vns_time_utc(s, utc, &err)) {
		fprintf(stderr, "vnsearch: --added-since %s\n",
			vns_err_text(&err));
		return 0;
	}
	c->opts.added_since = s;
	return 1;
}

static int parse_args(int argc, char **argv, cli *c)
{
	static const struct option opts[] = {
		{ "db", required_argument, NULL, 'd' },
		{ "limit", required_argument, NULL, 'n' },
		{ "offset", required_argument, NULL, 'o' },
		{ "sort", required_argument, NULL, 's' },
		{ "json", no_argument, NULL, 'j' },
		{ "batch", required_argument, NULL, 'b' },
		{ "province", required_argument, NULL, 'P' },
		{ "product", required_argument, NULL, 'R' },
		{ "programme", required_argument, NULL, 'G' },
		{ "source", required_argument, NULL, 'S' },
		{ "from", required_argument, NULL, 'F' },
		{ "to", required_argument, NULL, 'T' },
		{ "facets", no_argument, NULL, 'f' },
		{ "like", required_argument, NULL, 'L' },
		{ "added-since", required_argument, NULL, 'A' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	int ch;

	while ((ch = getopt_long(argc, argv, "d:n:o:s:jb:h", opts, NULL)) != -1) {
		int ok = 1;
		switch (ch) {
		case 'd': c->db = optarg; break;
		case 'n': ok = parse_uint(optarg, "--limit", VNS_LIMIT_MAX,
					  &c->opts.limit); break;
		case 'o': ok = parse_uint(optarg, "--offset", VNS_OFFSET_MAX,
					  &c->opts.offset); break;
		case 's': ok = parse_sort(optarg, &c->opts.sort); break;
		case 'j': c->json = 1; break;
		case 'b': c->batch = optarg; break;
		case 'P': ok = add_filter(c, "province", optarg); break;
		case 'R': ok = add_filter(c, "product", optarg); break;
		case 'G': ok = add_filter(c, "programme", optarg); break;
		case 'S': ok = add_filter(c, "source", optarg); break;
		case 'F': c->from = optarg; break;
		case 'T': c->to = optarg; break;
		case 'f': c->opts.facets = 1; break;
		case 'L': c->opts.like = optarg; break;
		case 'A': ok = parse_since(optarg, c); break;
		case 'h': fputs(usage, stdout); exit(EXIT_OK);
		default: ok = 0; fputs(usage, stderr);
		}
		if (!ok)
			return 0;
	}
	if (!add_dates(c))
		return 0;
	if (!c->db || !*c->db) {
		fputs("vnsearch: no index given: use --db DIR\n", stderr);
		return 0;
	}
	return 1;
}

/* The words after the options, joined by spaces. */
static vns_status join_query(int argc, char **argv, vns_buf *q)
{
	vns_status st = VNS_OK;

	for (int i = optind; !st && i < argc; i++) {
		if (i > optind)
			st = vns_buf_addc(q, ' ');
		if (!st)
			st = vns_buf_adds(q, argv[i]);
	}
	return st;
}

static vns_status search_to(vns_buf *out, vns_db *s, const cli *c,
			    const char *q, size_t len, vns_err *err)
{
	vns_results *r = NULL;
	vns_text_style style = { isatty(1) };
	vns_buf full; /* the query with the filter options */
	vns_status st;

	vns_watchdog_arm();
	vns_buf_init(&full, VNS_QUERY_MAX * 4);
	st = vns_buf_add(&full, q, len);
	if (!st)
		st = vns_buf_add(&full, c->filters.data, c->filters.len);
	if (st)
		st = vns_err_set(err, VNS_ETOOBIG, "query too long");
	else
		st = vns_db_search(s, full.data, full.len, &c->opts, &r, err);
	vns_buf_free(&full);
	if (!st)
		st = c->json ? vns_format_json(out, q, c->opts.offset, r, err)
			     : vns_format_text(out, q, c->opts.offset, r, &style,
					       err);
	vns_results_free(r);
	vns_watchdog_disarm();
	return st;
}

static int is_query_error(vns_status st)
{
	return st == VNS_EQUERY || st == VNS_EUTF8 || st == VNS_ETOOBIG;
}

static int run_one(vns_db *s, const cli *c, const char *q, size_t len)
{
	vns_buf out;
	vns_err err;
	vns_status st;

	vns_buf_init(&out, 0);
	vns_err_clear(&err);
	st = search_to(&out, s, c, q, len, &err);
	if (!st) {
		if (c->json)
			vns_buf_addc(&out, '\n');
		fwrite(out.data, 1, out.len, stdout);
	} else if (!len || st == VNS_EDBCORRUPT) {
		/* a damaged index: the message names it and what to do */
		fprintf(stderr, "vnsearch: %s\n", vns_err_text(&err));
	} else {
		fprintf(stderr, "vnsearch: '%s': %s\n", q, vns_err_text(&err));
	}
	vns_buf_free(&out);
	return st ? (is_query_error(st) ? EXIT_USAGE : EXIT_FATAL) : EXIT_OK;
}

/* One line in, one JSON line out; a query that cannot run gets an
 * object with "error", and only a failing index stops the batch. */
static int batch_line(vns_db *s, const cli *c, const char *q, size_t len,
		      const vns_err *read_err)
{
	vns_buf out;
	vns_err err;
	vns_status st = read_err ? read_err->code : VNS_OK;

	vns_buf_init(&out, 0);
	vns_err_clear(&err);
	if (read_err)
		err = *read_err;
	else
		st = search_to(&out, s, c, q, len, &err);
	if (st) {
		vns_buf_reset(&out);
		vns_format_json_error(&out, q, &err);
	}
	vns_buf_addc(&out, '\n');
	fwrite(out.data, 1, out.len, stdout);
	fflush(stdout);
	vns_buf_free(&out);
	return st && !is_query_error(st) ? EXIT_FATAL : EXIT_OK;
}

static int run_batch(vns_db *s, cli *c)
{
	vns_lines *in;
	const char *line;
	size_t len;
	vns_err err;
	int got, rc = EXIT_OK;

	c->json = 1;
	vns_err_clear(&err);
	if (c->opts.facets && vns_db_keep_facets(s, &err)) {
		fprintf(stderr, "vnsearch: %s\n", vns_err_text(&err));
		return EXIT_FATAL;
	}
	if (vns_lines_open(c->batch, VNS_QUERY_MAX, &in, &err)) {
		fprintf(stderr, "vnsearch: '%s': %s\n", c->batch,
			vns_err_text(&err));
		return EXIT_FATAL;
	}
	while (rc == EXIT_OK && (got = vns_lines_next(in, &line, &len, &err))) {
		if (got == -VNS_ETOOBIG)
			rc = batch_line(s, c, "", 0, &err);
		else if (got < 0) {
			fprintf(stderr, "vnsearch: '%s': %s\n", c->batch,
				vns_err_text(&err));
			rc = EXIT_FATAL;
		} else
			rc = batch_line(s, c, line, len, NULL);
	}
	vns_lines_free(in);
	return rc;
}

int main(int argc, char **argv)
{
	cli c = { getenv("VNSEARCH_DB"), NULL, 0,
		  { .limit = 10, .snippet_bytes = VNS_FORMAT_SNIPPET_BYTES },
		  { 0 }, NULL, NULL };
	vns_db *s;
	vns_buf q;
	vns_err err;
	int rc;

	vns_buf_init(&c.filters, VNS_QUERY_MAX);
	if (!parse_args(argc, argv, &c))
		return EXIT_USAGE;
	if (vns_watchdog_init("vnsearch", c.db, 0))
		return EXIT_USAGE;
	vns_err_clear(&err);
	if (vns_db_open(c.db, &s, &err)) {
		if (err.code == VNS_EDBCORRUPT)
			fprintf(stderr, "vnsearch: %s\n", vns_err_text(&err));
		else
			fprintf(stderr, "vnsearch: '%s': %s\n", c.db,
				vns_err_text(&err));
		return EXIT_FATAL;
	}
	vns_buf_init(&q, VNS_QUERY_MAX * 4);
	if (c.batch)
		rc = run_batch(s, &c);
	else if (join_query(argc, argv, &q))
		rc = (fputs("vnsearch: query too long\n", stderr), EXIT_USAGE);
	else
		rc = run_one(s, &c, q.data, q.len);
	vns_buf_free(&q);
	vns_buf_free(&c.filters);
	vns_db_close(s);
	return rc;
}
