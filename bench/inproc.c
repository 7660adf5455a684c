/* inproc.c - vns-bench: in-process query latency, the search itself
 * without process start-up. Opens the index once, runs every query of a
 * file (one per line) `runs` times after one warm-up pass, walking the top
 * 10 with snippets as vnsearch does, and prints the median and p95 of the
 * per-query medians in milliseconds, as one line "median_ms p95_ms";
 * with -v, first each query's median on a line of its own.
 * usage: vns-bench [-v] DB QUERIES [RUNS] */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "vnsearch.h"

#define MAX_QUERIES 1000
#define MAX_RUNS 100

static double now_ms(void)
{
	struct timespec t;

	clock_gettime(CLOCK_MONOTONIC, &t);
	return (double)t.tv_sec * 1e3 + (double)t.tv_nsec / 1e6;
}

static int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return (x > y) - (x < y);
}

/* One search, every row walked; -1 on error. */
static int run_one(vns_db *s, const char *q)
{
	vns_search_opts o = { .limit = 10, .snippet_bytes = 240 };
	vns_results *r;
	vns_result row;
	vns_err err;
	int got;

	if (vns_db_search(s, q, strlen(q), &o, &r, &err)) {
		fprintf(stderr, "vns-bench: '%s': %s\n", q, vns_err_text(&err));
		return -1;
	}
	while ((got = vns_results_next(r, &row, &err)) == 1)
		;
	vns_results_free(r);
	return got < 0 ? -1 : 0;
}

static int read_queries(const char *path, char **qs, size_t *n)
{
	FILE *f = fopen(path, "r");
	char line[4096];

	if (!f) {
		perror(path);
		return -1;
	}
	while (*n < MAX_QUERIES && fgets(line, sizeof line, f)) {
		line[strcspn(line, "\r\n")] = '\0';
		if (*line && *line != '#' && !(qs[(*n)++] = strdup(line)))
			break;
	}
	fclose(f);
	return 0;
}

int main(int argc, char **argv)
{
	static char *qs[MAX_QUERIES];
	static double t[MAX_QUERIES][MAX_RUNS], med[MAX_QUERIES];
	size_t n = 0;
	int each = argc > 1 && !strcmp(argv[1], "-v");
	int runs;
	vns_db *s;
	vns_err err;

	argc -= each;
	argv += each;
	runs = argc > 3 ? atoi(argv[3]) : 20;
	if (argc < 3 || runs < 1 || runs > MAX_RUNS) {
		fputs("usage: vns-bench [-v] DB QUERIES [RUNS 1-100]\n", stderr);
		return 2;
	}
	if (read_queries(argv[2], qs, &n) || n == 0)
		return 2;
	if (vns_db_open(argv[1], &s, &err)) {
		fprintf(stderr, "vns-bench: '%s': %s\n", argv[1],
			vns_err_text(&err));
		return 1;
	}
	for (int r = -1; r < runs; r++)
		for (size_t i = 0; i < n; i++) {
			double t0 = now_ms();
			if (run_one(s, qs[i]))
				return 1;
			if (r >= 0)
				t[i][r] = now_ms() - t0;
		}
	for (size_t i = 0; i < n; i++) {
		qsort(t[i], (size_t)runs, sizeof t[i][0], cmp_double);
		med[i] = t[i][runs / 2];
		if (each)
			printf("%.3f\t%s\n", med[i], qs[i]);
		free(qs[i]);
	}
	qsort(med, n, sizeof med[0], cmp_double);
	printf("%.3f %.3f\n", med[n / 2], med[(n * 95 + 99) / 100 - 1]);
	vns_db_close(s);
	return 0;
}
