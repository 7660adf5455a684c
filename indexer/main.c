/* main.c - vnsearch-index: the command-line indexer. Turns statuses into
 * one line on stderr and a documented exit code; all work is in batch.c. */
#include <getopt.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "batch.h"
#include "inbox_cli.h"
#include "ocrcache.h"
#include "stop.h"

enum { EXIT_OK = 0, EXIT_FATAL = 1, EXIT_USAGE = 2, EXIT_SKIPPED = 3 };

static const char usage[] =
	"usage: vnsearch-index --db DIR [--quiet] [--shard-by year]\n"
	"                      [--jobs N] [--writers N] [--ocr-pages N]\n"
	"                      [--ocr-jobs N] [--ocr-cache DIR | --no-ocr-cache]\n"
	"                      [PATH...]\n"
	"       vnsearch-index --check DIR\n"
	"Index JSON Lines (.jsonl, .jsonl.gz, '-' for stdin), text bulletins\n"
	"(.txt), HTML, feeds, PDF, DOCX/ODT, scanned images (.png, .jpg,\n"
	".tif: OCR) and directories of them into the Xapian index DIR.\n"
	"  --db DIR    the index (created if missing; default $VNSEARCH_DB)\n"
	"  --quiet     no progress line and no summary\n"
	"  --shard-by year  one shard per year under DIR, listed in the\n"
	"              stub DIR/XAPIANDB (a sharded DIR stays sharded)\n"
	"  --jobs N    analyser threads besides the writers, which analyse\n"
	"              their own documents when none is ready (default: one\n"
	"              per processor beyond the writers; 0 on two)\n"
	"  --writers N writer threads for a new index (default 2, 1 on one\n"
	"              processor); their parts are merged at the end\n"
	"  --ocr-pages N  pages recognised per scanned document (default 50)\n"
	"  --ocr-jobs N   OCR threads (default: half the processors, >= 1)\n"
	"  --ocr-cache DIR  where recognised text is kept, by the file's\n"
	"              SHA-256 (default $XDG_CACHE_HOME/vnsearch/ocr, else\n"
	"              ~/.cache/vnsearch/ocr)\n"
	"  --no-ocr-cache  recognise scans again on every run\n"
	"  --check DIR run Xapian's consistency check on the index DIR\n"
	"SIGINT or SIGTERM stops a run between documents: what was committed\n"
	"stays, the rest is dropped (a new index is left as it was).\n"
	"Exit status: 0 all indexed, 1 error (or --check found damage),\n"
	"2 usage, 3 some input skipped, 130/143 stopped by SIGINT/SIGTERM.\n";

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
	char pages[48] = "";

	if (s->pages)
		snprintf(pages, sizeof pages, ", %lu page%s recognised",
			 s->pages, s->pages == 1 ? "" : "s");
	fprintf(stderr, "%s%lu documents%s, %.0f documents/s, %.1f s elapsed%s",
		ui->tty ? "\r" : "", s->docs, pages, rate, s->seconds,
		end || !ui->tty ? "\n" : "");
	ui->progress_shown = ui->tty && !end;
}

static void on_progress(void *ctx, const vns_batch_stats *s)
{
	struct ui *ui = ctx;

	if (!ui->quiet && ui->tty)
		print_progress(ui, s, 0);
}

/* The run was stopped by signal sig: say what stays. */
static int stopped(const char *db, int sig, const vns_batch_stats *s)
{
	fprintf(stderr, "vnsearch-index: '%s': stopped by %s: %lu documents "
		"committed before it stay, the rest of the run was dropped\n",
		db, sig == SIGINT ? "SIGINT" : "SIGTERM", s->committed);
	return 128 + sig;
}

/* How scans are recognised (the OCR options). */
struct ocr_cli {
	vns_scan_opts o;
	unsigned threads;
	int cache;        /* -1: the default place, 0: none, 1: o.cache_dir */
};

static int run(const char *db, const vns_batch_opts *opts,
	       const struct ocr_cli *ocr, char **paths, int npaths,
	       struct ui *ui)
{
	vns_batch_hooks hooks = { on_report, on_progress, ui, vns_stop_asked };
	vns_batch *b;
	vns_batch_stats s;
	vns_err err;
	vns_status st = VNS_OK;
	int rc = EXIT_OK;

	vns_err_clear(&err);
	if (vns_batch_open_opts(db, &hooks, opts, &b, &err)) {
		/* the store's messages name the database they are about */
		fprintf(stderr, "vnsearch-index: %s\n", vns_err_text(&err));
		return EXIT_FATAL;
	}
	if (vns_batch_ocr(b, &ocr->o, ocr->threads, &err)) {
		fprintf(stderr, "vnsearch-index: %s\n", vns_err_text(&err));
		vns_batch_free(b);
		return EXIT_FATAL;
	}
	for (int i = 0; i < npaths && rc != EXIT_FATAL &&
			st != VNS_ECANCELED; i++) {
		st = vns_batch_add_path(b, paths[i], &err);
		if (st == VNS_EIO || st == VNS_ETOOBIG) {
			on_report(ui, 1, paths[i], 0, &err);
			rc = EXIT_SKIPPED;
		} else if (st && st != VNS_ECANCELED) {
			fprintf(stderr, "vnsearch-index: %s: %s\n", paths[i],
				vns_err_text(&err));
			rc = EXIT_FATAL;
		}
	}
	if (st == VNS_ECANCELED) { /* drop what is not committed */
		s = vns_batch_stats_get(b);
		vns_batch_free(b);
		return stopped(db, vns_stop_signal(), &s);
	}
	if (vns_batch_commit(b, &err)) {
		fprintf(stderr, "vnsearch-index: commit failed: %s\n",
			vns_err_text(&err));
		rc = EXIT_FATAL;
	}
	s = vns_batch_stats_get(b);
	if (!ui->quiet) {
		s.docs = s.committed; /* the summary counts what stays */
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

/* --check DIR: Xapian's verdict on the index. */
static int check(const char *db)
{
	unsigned long problems = 0;
	char *report = NULL;
	vns_err err;

	static const char advice[] = "the index is damaged; rebuild it "
		"(index the sources again into a new directory) or restore "
		"a copy";
	vns_status st = vns_db_check(db, &problems, &report, &err);

	if (st == VNS_EDBOPEN || st == VNS_ENOMEM || st == VNS_ETOOBIG) {
		fprintf(stderr, "vnsearch-index: '%s': %s\n", db,
			vns_err_text(&err));
		return EXIT_FATAL;
	}
	if (st)
		fprintf(stderr, "vnsearch-index: '%s': %s: %s\n", db,
			vns_err_text(&err), advice);
	else if (problems)
		fprintf(stderr, "%svnsearch-index: '%s': %lu problem%s found: "
			"%s\n", report, db, problems, problems == 1 ? "" : "s",
			advice);
	else
		fprintf(stderr, "vnsearch-index: '%s': no problems found\n",
			db);
	free(report);
	return st || problems ? EXIT_FATAL : EXIT_OK;
}

/* A count of what, min..max; 1 with a message when it is not one. */
static int number_arg(const char *arg, const char *what, unsigned min,
		      unsigned max, unsigned *out)
{
	char *end;
	unsigned long n = strtoul(arg, &end, 10);

	if (*arg < '0' || *arg > '9' || *end || n < min || n > max) {
		fprintf(stderr, "vnsearch-index: '%s' is not a %s "
			"(%u-%u)\n", arg, what, min, max);
		return 1;
	}
	*out = (unsigned)n;
	return 0;
}

/* A thread count, min..64. */
static int count_arg(const char *arg, unsigned min, unsigned *out)
{
	return number_arg(arg, "thread count", min, 64, out);
}

enum { OPT_OCR_PAGES = 256, OPT_OCR_JOBS, OPT_OCR_CACHE, OPT_NO_OCR_CACHE };

/* The OCR options; 1 after a message when the argument is bad. */
static int ocr_arg(int c, const char *arg, struct ocr_cli *ocr)
{
	switch (c) {
	case OPT_OCR_PAGES:
		return number_arg(arg, "page count", 1, 100000,
				  &ocr->o.max_pages);
	case OPT_OCR_JOBS:
		return count_arg(arg, 0, &ocr->threads);
	case OPT_OCR_CACHE:
		ocr->o.cache_dir = arg;
		ocr->cache = 1;
		return 0;
	default:
		ocr->cache = 0;
		return 0;
	}
}

int main(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "db", required_argument, NULL, 'd' },
		{ "quiet", no_argument, NULL, 'q' },
		{ "shard-by", required_argument, NULL, 's' },
		{ "jobs", required_argument, NULL, 'j' },
		{ "writers", required_argument, NULL, 'w' },
		{ "ocr-pages", required_argument, NULL, OPT_OCR_PAGES },
		{ "ocr-jobs", required_argument, NULL, OPT_OCR_JOBS },
		{ "ocr-cache", required_argument, NULL, OPT_OCR_CACHE },
		{ "no-ocr-cache", no_argument, NULL, OPT_NO_OCR_CACHE },
		{ "check", required_argument, NULL, 'c' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	vns_stop_install();
	if (vns_inbox_cli_wanted(argc, argv)) /* inbox_cli.c */
		return vns_inbox_cli_main(argc, argv);
	struct ui ui = { 0, isatty(2), 0 };
	const char *db = getenv("VNSEARCH_DB");
	vns_batch_opts bo = vns_batch_default_opts();
	struct ocr_cli ocr = { vns_scan_default_opts(), VNS_BATCH_AUTO, -1 };
	char *cache_dir = NULL;
	int c, rc;

	while ((c = getopt_long(argc, argv, "d:qhs:j:w:", opts, NULL)) != -1) {
		switch (c) {
		case 'c': return check(optarg);
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
		case OPT_OCR_PAGES:
		case OPT_OCR_JOBS:
		case OPT_OCR_CACHE:
		case OPT_NO_OCR_CACHE:
			if (ocr_arg(c, optarg, &ocr))
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
	if (ocr.cache == -1) /* neither option: the default place */
		ocr.o.cache_dir = cache_dir = vns_ocrcache_default_dir();
	else if (ocr.cache == 0)
		ocr.o.cache_dir = NULL;
	rc = run(db, &bo, &ocr, argv + optind, argc - optind, &ui);
	free(cache_dir);
	return rc;
}
