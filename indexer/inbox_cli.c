/* inbox_cli.c - vnsearch-index --inbox / --delete / --prune: turns the
 * work of inbox.c into one line per file on stderr and an exit code. */
#include "inbox_cli.h"
#include "stop.h"

#include <getopt.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "inbox.h"

enum { EXIT_OK = 0, EXIT_FATAL = 1, EXIT_USAGE = 2, EXIT_SKIPPED = 3,
       EXIT_LOCKED = 4 };

static const char usage[] =
	"usage: vnsearch-index --db DIR --inbox INBOX [--settle S] [--wait S]\n"
	"       vnsearch-index --db DIR --delete ID...\n"
	"       vnsearch-index --db DIR --prune\n"
	"  --inbox INBOX  index each file that has arrived in INBOX, one\n"
	"                 transaction per file; move it to INBOX/done/ when\n"
	"                 committed, or to INBOX/failed/ with NAME.err\n"
	"  --settle S     take only files unmodified for S seconds (10)\n"
	"  --wait S       wait up to S seconds for a lock (60)\n"
	"  --delete ID... delete the documents with these ids\n"
	"  --prune        delete documents whose source files are gone\n"
	"Exit status: 0 ok, 1 error, 2 usage, 3 a file failed or a record\n"
	"was skipped, 4 the index or inbox stayed locked.\n";

struct cli {
	const char *db, *inbox;
	unsigned settle, wait;
	int del, prune, quiet;
};

int vns_inbox_cli_wanted(int argc, char **argv)
{
	for (int i = 1; i < argc; i++) {
		if (!strcmp(argv[i], "--"))
			break;
		if (!strncmp(argv[i], "--inbox", 7) ||
		    !strcmp(argv[i], "--delete") || !strcmp(argv[i], "--prune"))
			return 1;
	}
	return 0;
}

static void on_report(void *ctx, int skipped, const char *path,
		      unsigned long line, const vns_err *why)
{
	(void)ctx;
	if (!line)
		return; /* a file as a whole: said by on_file */
	if (line)
		fprintf(stderr, "vnsearch-index: %s:%lu: %s%s\n", path, line,
			vns_err_text(why), skipped ? "" : " (indexed anyway)");
	else
		fprintf(stderr, "vnsearch-index: %s: %s%s\n", path,
			vns_err_text(why), skipped ? "" : " (indexed anyway)");
}

static void on_file(void *ctx, const char *name, int failed,
		    unsigned long docs, const char *why)
{
	struct cli *c = ctx;

	if (failed)
		fprintf(stderr, "vnsearch-index: '%s' -> failed/: %s\n", name,
			why ? why : "no documents");
	else if (!c->quiet)
		fprintf(stderr, "vnsearch-index: '%s' -> done/ (%lu "
			"document%s)\n", name, docs, docs == 1 ? "" : "s");
}

static int seconds_arg(const char *arg, unsigned *out)
{
	char *end;
	unsigned long n = strtoul(arg, &end, 10);

	if (*arg < '0' || *arg > '9' || *end || n > 86400) {
		fprintf(stderr, "vnsearch-index: '%s' is not a number of "
			"seconds (0-86400)\n", arg);
		return 1;
	}
	*out = (unsigned)n;
	return 0;
}

static int fail(const char *what, const vns_err *err)
{
	fprintf(stderr, "vnsearch-index: %s: %s\n", what, vns_err_text(err));
	return err->code == VNS_EDBLOCK ? EXIT_LOCKED : EXIT_FATAL;
}

static int run_inbox(struct cli *c)
{
	vns_inbox_opts o = { c->db, c->inbox, c->settle, c->wait };
	vns_inbox_hooks h = { on_report, on_file, c, vns_stop_asked };
	vns_inbox_stats s;
	vns_err err;
	int sig;

	vns_err_clear(&err);
	if (vns_inbox_run(&o, &h, &s, &err) == VNS_ECANCELED) {
		sig = vns_stop_signal();
		fprintf(stderr, "vnsearch-index: '%s': stopped by %s: %lu "
			"files done stay done, the file being read stays in "
			"the inbox\n", c->inbox,
			sig == SIGINT ? "SIGINT" : "SIGTERM", s.done);
		return 128 + sig;
	}
	if (err.code)
		return fail(c->inbox, &err);
	if (!c->quiet)
		fprintf(stderr, "vnsearch-index: %lu done, %lu failed, %lu "
			"waiting, %lu documents, %lu records skipped\n",
			s.done, s.failed, s.waiting, s.docs, s.skipped);
	return s.failed || s.skipped ? EXIT_SKIPPED : EXIT_OK;
}

static int run_delete(struct cli *c, char **ids, int n)
{
	unsigned long k = 0;
	vns_err err;

	vns_err_clear(&err);
	if (vns_index_delete(c->db, c->wait, (const char *const *)ids,
			     (size_t)n, &k, &err))
		return fail(c->db, &err);
	if (!c->quiet)
		fprintf(stderr, "vnsearch-index: %lu of %d deleted\n", k, n);
	return k == (unsigned long)n ? EXIT_OK : EXIT_SKIPPED;
}

static int run_prune(struct cli *c)
{
	unsigned long k = 0;
	vns_err err;

	vns_err_clear(&err);
	if (vns_index_prune(c->db, c->wait, &k, &err))
		return fail(c->db, &err);
	if (!c->quiet)
		fprintf(stderr, "vnsearch-index: %lu documents of missing "
			"files deleted\n", k);
	return EXIT_OK;
}

int vns_inbox_cli_main(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "db", required_argument, NULL, 'd' },
		{ "inbox", required_argument, NULL, 'i' },
		{ "settle", required_argument, NULL, 's' },
		{ "wait", required_argument, NULL, 'w' },
		{ "delete", no_argument, NULL, 'D' },
		{ "prune", no_argument, NULL, 'P' },
		{ "quiet", no_argument, NULL, 'q' },
		{ NULL, 0, NULL, 0 },
	};
	struct cli c = { getenv("VNSEARCH_DB"), NULL, 10, 60, 0, 0, 0 };
	int ch, modes;

	while ((ch = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		switch (ch) {
		case 'd': c.db = optarg; break;
		case 'i': c.inbox = optarg; break;
		case 'D': c.del = 1; break;
		case 'P': c.prune = 1; break;
		case 'q': c.quiet = 1; break;
		case 's':
		case 'w':
			if (seconds_arg(optarg, ch == 's' ? &c.settle : &c.wait))
				return EXIT_USAGE;
			break;
		default: fputs(usage, stderr); return EXIT_USAGE;
		}
	}
	modes = (c.inbox != NULL) + c.del + c.prune;
	if (!c.db || !*c.db || modes != 1 ||
	    (c.del ? optind == argc : optind != argc)) {
		fputs(!c.db || !*c.db ? "vnsearch-index: no index given: use "
					"--db DIR\n"
				      : usage, stderr);
		return EXIT_USAGE;
	}
	if (c.inbox)
		return run_inbox(&c);
	if (c.del)
		return run_delete(&c, argv + optind, argc - optind);
	return run_prune(&c);
}
