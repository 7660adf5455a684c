/* minisearch.c - the smallest program against libvnsearch: prints the top
 * 10 results of a query, one a line, the id, a tab, then the title.
 * Build: cc minisearch.c $(pkg-config --cflags --libs vnsearch)
 * Usage: minisearch DB QUERY */
#include <stdio.h>
#include <string.h>

#include <vnsearch.h>

int main(int argc, char **argv)
{
	vns_search_opts opts = { .limit = 10 };
	vns_db *db = NULL;
	vns_results *res = NULL;
	vns_result row;
	vns_err err;
	int got = 0;

	if (argc != 3) {
		fputs("usage: minisearch DB QUERY\n", stderr);
		return 2;
	}
	if (vns_db_open(argv[1], &db, &err) ||
	    vns_db_search(db, argv[2], strlen(argv[2]), &opts, &res, &err)) {
		fprintf(stderr, "minisearch: %s\n", vns_err_text(&err));
		vns_db_close(db);
		return 1;
	}
	while ((got = vns_results_next(res, &row, &err)) == 1)
		printf("%s\t%s\n", row.id, row.title ? row.title : "");
	if (got < 0)
		fprintf(stderr, "minisearch: %s\n", vns_err_text(&err));
	vns_results_free(res);
	vns_db_close(db);
	return got < 0;
}
