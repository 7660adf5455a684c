/* main.c - vnsearch-index: the command-line indexer. Turns statuses into
 * one line on stderr and a documented exit code; all work is in batch.c. */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "batch.h"
#include "inbox_cli.h"

enum { EXIT_OK = 0, EXIT_FATAL = 1, EXIT_USAGE = 2, EXIT_SKIPPED = 3 };

static const char usage[] =
	"usage: vnsearch-index --db DIR [--quiet] [--shard-by year]\n"
	"                      [--jobs N] [--writers N] [PATH...]\n"
	"Index JSON Lines (.jsonl, .jsonl.gz, '-' for stdin), text bulletins\n"
	"(.txt) and directories of them into the Xapian index DIR.\n"
	"  --db DIR    the index (created if missing; default $VNSEARCH_DB)\n"
	"  --quiet     no progress line and no summary\n"
	"  --shard-by year  one shard per year under DIR, listed in the\n"
	"              stub DIR/XAPIANDB (a sharded DIR stays sharded)\n"
	"  --jobs N    analyser threads besides the writers, which analyse\n"
	"              their own documents when none is ready (default: one\n"
	"              per processor beyond the writers; 0 on two)\n"
	"  --writers N writer threads for a new index (default 2, 1 on one\n"
	"              processor); their parts are merged at the end\n"
	"Exit status: 0 all indexed, 1 error, 2 usage, 3 some input skipped.\n";

struct ui {
	int quiet;
	int tty;
	int progress_shown;
};

static void on_report(void *ctx, int skipped, const char *path,
		      unsigned long line, const vns_err *why)
{
	struct ui *ui = ctx;

	if (ui->progress_shown) {
		fputc('\n', stderr);
		ui->progress_shown = 0;
	}
	if (line)
		fprintf(stderr, "vnsearch-index: %s:%lu: %s%s\n", path, line,
			vns_err_text(why), skipped ? "" : " (indexed anyway)");
	else
		fprintf(stderr, "vnsearch-index: %s: %s%s\n", path,
			vns_err_text(why), skipped ? "" : " (indexed anyway)");
}

static void print_progress(struct ui *ui, const vns_batch_stats *s, int end)
{
	double rate = s->seconds > 0 ? (double)s->docs / s->seconds : 0;

	fprintf(stderr, "%s%lu documents, %.0f documents/s, %.1f s elapsed%s",
		ui->tty ? "\r" : "", s->docs, rate, s->seconds,
		end || !ui->tty ? "\n" : "");
	ui->progress_shown = ui->tty && !end;
}

static void on_progress(void *ctx, const vns_batch_stats *s)
{
	struct ui *ui = ctx;

	if (!ui->quiet && ui->tty)
		print_progress(ui, s, 0);
}

static int run(const char *db, const vns_batch_opts *opts, char **paths,
	       int npaths, struct ui *ui)
{
	vns_batch_hooks hooks = { on_report, on_progress, ui };
	vns_batch *b;
	vns_batch_stats s;
	vns_err err;
	int rc = EXIT_OK;

	vns_err_clear(&err);
	if (vns_batch_open_opts(db, &hooks, opts, &b, &err)) {
		fprintf(stderr, "vnsearch-index: '%s': %s\n", db,
			vns_err_text(&err));
		return EXIT_FATAL;
	}
	for (int i = 0; i < npaths && rc != EXIT_FATAL; i++) {
		vns_status st = vns_batch_add_path(b, paths[i], &err);
		if (st == VNS_EIO || st == VNS_ETOOBIG) {
			on_report(ui, 1, paths[i], 0, &err);
			rc = EXIT_SKIPPED;
		} else if (st) {
			fprintf(stderr, "vnsearch-index: %s: %s\n", paths[i],
				vns_err_text(&err));
			rc = EXIT_FATAL;
		}
	}
	if (vns_batch_commit(b, &err)) {
		fprintf(stderr, "vnsearch-index: '%s': commit failed: %s\n",
			db, vns_err_text(&err));
		rc = EXIT_FATAL;
	}
	s = vns_batch_stats_get(b);
	if (!ui->quiet) {
		print_progress(ui, &s, 1);
		if (s.skipped)
			fprintf(stderr, "vnsearch-index: %lu skipped\n",
				s.skipped);
	}
	vns_batch_free(b);
	if (rc == EXIT_OK && s.skipped)
		rc = EXIT_SKIPPED;
	return rc;
}

/* A thread count, min..64; 1 with a message when it is not one. */
static int count_arg(const char *arg, unsigned min, unsigned *out)
{
	char *end;
	unsigned long n = strtoul(arg, &end, 10);

	if (*arg < '0' || *arg > '9' || *end || n < min || n > 64) {
		fprintf(stderr, "vnsearch-index: '%s' is not a thread count "
			"(%u-64)\n", arg, min);
		return 1;
	}
	*out = (unsigned)n;
	return 0;
}

int main(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "db", required_argument, NULL, 'd' },
		{ "quiet", no_argument, NULL, 'q' },
		{ "shard-by", required_argument, NULL, 's' },
		{ "jobs", required_argument, NULL, 'j' },
		{ "writers", required_argument, NULL, 'w' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	if (vns_inbox_cli_wanted(argc, argv)) /* inbox_cli.c */
		return vns_inbox_cli_main(argc, argv);
	struct ui ui = { 0, isatty(2), 0 };
	const char *db = getenv("VNSEARCH_DB");
	vns_batch_opts bo = vns_batch_default_opts();
	int c;

	while ((c = getopt_long(argc, argv, "d:qhs:j:w:", opts, NULL)) != -1) {
		switch (c) {
		case 'd': db = optarg; break;
		case 'q': ui.quiet = 1; break;
		case 's':
			if (strcmp(optarg, "year") && strcmp(optarg, "none")) {
				fprintf(stderr, "vnsearch-index: unknown shard "
					"rule '%s' (known: year, none)\n",
					optarg);
				return EXIT_USAGE;
			}
			bo.shard_by_year = !strcmp(optarg, "year");
			break;
		case 'j':
			if (count_arg(optarg, 0, &bo.analysers))
				return EXIT_USAGE;
			if (bo.analysers == 0)
				bo.analysers = VNS_WRITER_NONE;
			break;
		case 'w':
			if (count_arg(optarg, 1, &bo.writers))
				return EXIT_USAGE;
			break;
		case 'h': fputs(usage, stdout); return EXIT_OK;
		default: fputs(usage, stderr); return EXIT_USAGE;
		}
	}
	if (!db || !*db) {
		fputs("vnsearch-index: no index given: use --db DIR\n", stderr);
		return EXIT_USAGE;
	}
	if (optind == argc) {
		fputs("vnsearch-index: no input given: name files, "
		      "directories or '-'\n", stderr);
		return EXIT_USAGE;
	}
	return run(db, &bo, argv + optind, argc - optind, &ui);
}
