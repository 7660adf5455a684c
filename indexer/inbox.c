/* inbox.c - inbox mode and index maintenance (see inbox.h), through the
 * library's writer (vnsearch.h): one writer thread, one transaction per
 * file (an atomic writer): daily bulletins are few, and a file must be
 * all in or all out. */
#include "inbox.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "buf.h"
#include "readers.h"

/* Most reasons written to one NAME.err file. */
#define INBOX_ERR_LINES 100

struct run {
	const vns_inbox_opts *opts;
	const vns_inbox_hooks *hooks;
	vns_inbox_stats *stats;
	vns_writer *w;
	/* the file being done; mu guards what the reader (on this thread)
	 * and the writer (on its own) both report */
	pthread_mutex_t mu;
	unsigned long docs, bad, lines;
	vns_buf why; /* reasons, one a line, for NAME.err */
};

static void sleep_ms(unsigned ms)
{
	struct timespec t = { ms / 1000, (long)(ms % 1000) * 1000000L };

	nanosleep(&t, NULL);
}

/* The writer's reports: a document skipped, or indexed with a warning. */
static void on_report(void *ctx, int skipped, const char *path,
		      unsigned long line, const vns_err *why);

/* Open the index for writing as an atomic writer (every change waits
 * for vns_writer_commit() or vns_writer_rollback()), waiting up to wait
 * seconds while another writer holds it; VNS_EDBLOCK "index is locked by
 * another indexer (waited N s)" after that. ctx: the inbox run whose
 * reports the writer feeds (NULL: none). */
static vns_status open_writer(const char *db, unsigned wait, struct run *ctx,
			      vns_writer **out, vns_err *err)
{
	vns_writer_opts o = { .writers = 1, .analysers = VNS_WRITER_NONE,
			      .atomic = 1, .report = ctx ? on_report : NULL,
			      .ctx = ctx };
	time_t until = time(NULL) + (time_t)wait;
	vns_status st;

	while ((st = vns_writer_open(db, &o, out, err)) == VNS_EDBLOCK &&
	       time(NULL) < until)
		sleep_ms(200);
	if (st == VNS_EDBLOCK)
		return vns_err_set(err, VNS_EDBLOCK,
				   "index is locked by another indexer "
				   "(waited %u s)", wait);
	return st;
}

/* Take the inbox's own lock (a file in it), waiting up to wait seconds;
 * the descriptor in *fd (closing it releases the lock). */
static vns_status lock_inbox(const char *inbox, unsigned wait, int *fd,
			     vns_err *err)
{
	time_t until = time(NULL) + (time_t)wait;
	vns_buf path;

	vns_buf_init(&path, PATH_MAX);
	if (vns_buf_addf(&path, "%s/%s", inbox, VNS_INBOX_LOCK))
		return vns_err_set(err, VNS_ETOOBIG, "path too long");
	*fd = open(path.data, O_RDWR | O_CREAT | O_CLOEXEC, 0644);
	vns_buf_free(&path);
	if (*fd < 0)
		return vns_err_set(err, VNS_EIO, "'%s': cannot open the lock "
				   "file: %s", inbox, strerror(errno));
	while (flock(*fd, LOCK_EX | LOCK_NB) != 0) {
		if (errno != EWOULDBLOCK || time(NULL) >= until) {
			close(*fd);
			*fd = -1;
			return vns_err_set(err, VNS_EDBLOCK,
					   "'%s': another run is working on "
					   "this inbox (waited %u s)", inbox,
					   wait);
		}
		sleep_ms(200);
	}
	return VNS_OK;
}

static void add_reason(struct run *r, const char *path, unsigned long line,
		       const vns_err *why)
{
	const char *base = strrchr(path, '/');

	if (r->lines++ >= INBOX_ERR_LINES)
		return;
	base = base ? base + 1 : path;
	if (line)
		vns_buf_addf(&r->why, "%s:%lu: %s\n", base, line,
			     vns_err_text(why));
	else
		vns_buf_addf(&r->why, "%s: %s\n", base, vns_err_text(why));
}

static void on_report(void *ctx, int skipped, const char *path,
		      unsigned long line, const vns_err *why)
{
	struct run *r = ctx;

	pthread_mutex_lock(&r->mu);
	if (skipped) {
		r->bad++;
		add_reason(r, path, line, why);
	}
	if (r->hooks->report)
		r->hooks->report(r->hooks->ctx, skipped, path, line, why);
	pthread_mutex_unlock(&r->mu);
}

static void on_bad(void *ctx, const char *path, unsigned long line,
		   const vns_err *why)
{
	on_report(ctx, 1, path, line, why);
}

static vns_status on_doc(void *ctx, const vns_doc *doc, const char *path,
			 unsigned long line, vns_err *err)
{
	struct run *r = ctx;
	vns_document d = { doc->id,     doc->url,    doc->title,
			   doc->date,   doc->source, doc->category,
			   doc->author, doc->summary, doc->body,
			   path,        line,        doc->ocr_pages,
			   doc->ocr_confidence,      doc->ocr_low };

	if (r->hooks->stop && r->hooks->stop())
		return vns_err_set(err, VNS_ECANCELED, "interrupted");
	return vns_writer_put(r->w, &d, err);
}

/* 1 if name is a file to take (sb: its lstat), settled or not. */
static int ready(const char *name, const struct stat *sb)
{
	static const char *const partial[] = { ".part", ".tmp", ".crdownload",
					       "~", ".swp" };
	size_t n = strlen(name);

	if (name[0] == '.' || !S_ISREG(sb->st_mode))
		return 0;
	if (n > 4 && strcmp(name + n - 4, ".err") == 0)
		return 0;
	for (size_t i = 0; i < sizeof partial / sizeof *partial; i++) {
		size_t m = strlen(partial[i]);
		if (n >= m && strcmp(name + n - m, partial[i]) == 0)
			return 0;
	}
	return 1;
}

/* 1 if the file was modified less than settle seconds ago. */
static int settling(const struct stat *sb, unsigned settle, time_t now)
{
	return now - sb->st_mtime < (time_t)settle;
}

/* Write text to DIR/NAME.err atomically (temp file, rename). */
static vns_status write_err(const char *dir, const char *name,
			    const vns_buf *text, vns_err *err)
{
	vns_buf tmp, final;
	FILE *f;
	vns_status st = VNS_OK;

	vns_buf_init(&tmp, PATH_MAX);
	vns_buf_init(&final, PATH_MAX);
	if (vns_buf_addf(&tmp, "%s/.%s.err.tmp", dir, name) ||
	    vns_buf_addf(&final, "%s/%s.err", dir, name))
		st = vns_err_set(err, VNS_ETOOBIG, "path too long");
	else if (!(f = fopen(tmp.data, "w")))
		st = vns_err_set(err, VNS_EIO, "'%s': %s", tmp.data,
				 strerror(errno));
	else if (fwrite(text->data, 1, text->len, f) != text->len ||
		 fclose(f) != 0 || rename(tmp.data, final.data) != 0)
		st = vns_err_set(err, VNS_EIO, "'%s': %s", final.data,
				 strerror(errno));
	vns_buf_free(&tmp);
	vns_buf_free(&final);
	return st;
}

/* Move INBOX/name into INBOX/sub/ (with NAME.err beside it when there is
 * something to say). */
static vns_status move_file(struct run *r, const char *name,
			    const char *sub, vns_err *err)
{
	vns_buf dir, from, to;
	vns_status st = VNS_OK;

	vns_buf_init(&dir, PATH_MAX);
	vns_buf_init(&from, PATH_MAX);
	vns_buf_init(&to, PATH_MAX);
	if (vns_buf_addf(&dir, "%s/%s", r->opts->inbox, sub) ||
	    vns_buf_addf(&from, "%s/%s", r->opts->inbox, name) ||
	    vns_buf_addf(&to, "%s/%s", dir.data, name))
		st = vns_err_set(err, VNS_ETOOBIG, "path too long");
	if (!st && r->why.len)
		st = write_err(dir.data, name, &r->why, err);
	if (!st && rename(from.data, to.data) != 0)
		st = vns_err_set(err, VNS_EIO, "cannot move '%s' to %s/: %s",
				 name, sub, strerror(errno));
	vns_buf_free(&dir);
	vns_buf_free(&from);
	vns_buf_free(&to);
	return st;
}

/* The first line of the reasons (for the hook). */
static const char *first_reason(struct run *r, char *line, size_t cap)
{
	size_t n = strcspn(r->why.data, "\n");

	if (!r->why.len)
		return NULL;
	snprintf(line, cap, "%.*s", (int)n, r->why.data);
	return line;
}

/* Index one file in its own transaction; then move it. */
static vns_status do_file(struct run *r, const char *name, vns_err *err)
{
	vns_sink sink = { on_doc, on_bad, r, NULL };
	vns_buf path;
	vns_err ferr;
	char reason[VNS_ERR_MSG_MAX + 64];
	unsigned long before;
	int failed;
	vns_status st;

	r->docs = r->bad = r->lines = 0;
	vns_buf_reset(&r->why);
	vns_buf_init(&path, PATH_MAX);
	if (vns_buf_addf(&path, "%s/%s", r->opts->inbox, name)) {
		vns_buf_free(&path);
		return vns_err_set(err, VNS_ETOOBIG, "path too long");
	}
	before = vns_writer_get_stats(r->w).docs;
	vns_err_clear(&ferr);
	st = vns_read_path(path.data, &sink, &ferr);
	if (!st)
		st = vns_writer_sync(r->w, &ferr);
	r->docs = vns_writer_get_stats(r->w).docs - before;
	if (st == VNS_EIO || st == VNS_ETOOBIG || st == VNS_EUTF8 ||
	    st == VNS_ERECORD || st == VNS_EJSON) {
		add_reason(r, path.data, 0, &ferr); /* the file as a whole */
		r->docs = 0;
		st = VNS_OK;
	} else if (st && st != VNS_OK && ferr.code) {
		*err = ferr;
	}
	failed = r->docs == 0;
	if (!st && failed && !r->why.len)
		vns_buf_addf(&r->why, "%s: no documents in the file\n", name);
	if (!st)
		st = failed ? vns_writer_rollback(r->w, err)
			    : vns_writer_commit(r->w, err);
	else
		vns_writer_rollback(r->w, NULL);
	if (!st)
		st = move_file(r, name, failed ? "failed" : "done", err);
	if (!st) {
		failed ? r->stats->failed++ : r->stats->done++;
		r->stats->docs += failed ? 0 : r->docs;
		r->stats->skipped += r->bad;
		if (r->hooks->file)
			r->hooks->file(r->hooks->ctx, name, failed, r->docs,
				       first_reason(r, reason, sizeof reason));
	}
	vns_buf_free(&path);
	return st;
}

static int by_name(const struct dirent **a, const struct dirent **b)
{
	return strcmp((*a)->d_name, (*b)->d_name);
}

/* Every file of the inbox, in name order. */
static vns_status do_files(struct run *r, vns_err *err)
{
	struct dirent **names;
	int n = scandir(r->opts->inbox, &names, NULL, by_name);
	time_t now = time(NULL);
	vns_status st = VNS_OK;

	if (n < 0)
		return vns_err_set(err, VNS_EIO, "'%s': %s", r->opts->inbox,
				   strerror(errno));
	for (int i = 0; i < n; i++) {
		struct stat sb;
		vns_buf p;

		vns_buf_init(&p, PATH_MAX);
		if (!st && !vns_buf_addf(&p, "%s/%s", r->opts->inbox,
					 names[i]->d_name) &&
		    lstat(p.data, &sb) == 0 &&
		    ready(names[i]->d_name, &sb)) {
			if (settling(&sb, r->opts->settle, now))
				r->stats->waiting++;
			else
				st = do_file(r, names[i]->d_name, err);
		}
		vns_buf_free(&p);
		free(names[i]);
	}
	free(names);
	return st;
}

static vns_status make_dirs(const char *inbox, vns_err *err)
{
	static const char *const subs[] = { "done", "failed" };

	for (int i = 0; i < 2; i++) {
		vns_buf p;
		int bad;

		vns_buf_init(&p, PATH_MAX);
		bad = vns_buf_addf(&p, "%s/%s", inbox, subs[i]) ||
		      (mkdir(p.data, 0755) != 0 && errno != EEXIST);
		vns_buf_free(&p);
		if (bad)
			return vns_err_set(err, VNS_EIO, "'%s/%s': %s", inbox,
					   subs[i], strerror(errno));
	}
	return VNS_OK;
}

vns_status vns_inbox_run(const vns_inbox_opts *opts,
			 const vns_inbox_hooks *hooks, vns_inbox_stats *stats,
			 vns_err *err)
{
	vns_inbox_stats dummy;
	struct run r;
	int lockfd = -1;
	vns_status st;

	memset(&r, 0, sizeof r);
	memset(stats ? stats : &dummy, 0, sizeof dummy);
	r.opts = opts;
	r.hooks = hooks;
	r.stats = stats ? stats : &dummy;
	pthread_mutex_init(&r.mu, NULL);
	vns_buf_init(&r.why, 64 * 1024);
	st = make_dirs(opts->inbox, err);
	if (!st)
		st = lock_inbox(opts->inbox, opts->wait, &lockfd, err);
	if (!st)
		st = open_writer(opts->db, opts->wait, &r, &r.w, err);
	if (!st)
		st = do_files(&r, err);
	vns_writer_close(r.w); /* every file was committed by itself */
	pthread_mutex_destroy(&r.mu);
	vns_buf_free(&r.why);
	if (lockfd >= 0)
		close(lockfd);
	return st;
}

vns_status vns_index_delete(const char *db, unsigned wait,
			    const char *const *ids, size_t n,
			    unsigned long *deleted, vns_err *err)
{
	vns_writer *w = NULL;
	unsigned long total = 0;
	vns_status st = open_writer(db, wait, NULL, &w, err);

	for (size_t i = 0; i < n && !st; i++) {
		unsigned long k = 0;

		st = vns_writer_delete(w, ids[i], &k, err);
		total += k;
	}
	if (!st)
		st = vns_writer_commit(w, err);
	vns_writer_close(w);
	if (deleted)
		*deleted = total;
	return st;
}

/* 1 if the file of a "file:" id is still there (or in done/ beside). */
static int file_present(const char *path)
{
	const char *slash = strrchr(path, '/');
	struct stat sb;
	vns_buf done;
	int there;

	if (stat(path, &sb) == 0)
		return 1;
	if (!slash)
		return 0;
	vns_buf_init(&done, PATH_MAX * 2);
	there = !vns_buf_addf(&done, "%.*s/done/%s", (int)(slash - path),
			      path, slash + 1) &&
		stat(done.data, &sb) == 0;
	vns_buf_free(&done);
	return there;
}

struct gone {
	vns_buf ids; /* NUL-separated ids of missing files */
	size_t n;
};

static int collect_gone(void *ctx, const char *id)
{
	struct gone *g = ctx;
	const char *path = id + strlen("file:");

	if (!file_present(path) && !vns_buf_adds(&g->ids, id) &&
	    !vns_buf_addc(&g->ids, '\0'))
		g->n++;
	return 0;
}

/* The ids of "file:" documents whose file is gone, into g. */
static vns_status find_gone(const char *db, struct gone *g, vns_err *err)
{
	vns_db *r = NULL;
	vns_status st = vns_db_open(db, &r, err);

	if (!st)
		st = vns_db_ids(r, "file:", collect_gone, g, err);
	vns_db_close(r);
	return st;
}

vns_status vns_index_prune(const char *db, unsigned wait,
			   unsigned long *removed, vns_err *err)
{
	vns_writer *w = NULL;
	struct gone g = { { 0 }, 0 };
	unsigned long total = 0;
	vns_status st = open_writer(db, wait, NULL, &w, err);

	vns_buf_init(&g.ids, 0);
	if (!st)
		st = find_gone(db, &g, err);
	for (size_t at = 0; !st && at < g.ids.len;) {
		unsigned long k = 0;
		const char *id = g.ids.data + at;

		st = vns_writer_delete(w, id, &k, err);
		total += k;
		at += strlen(id) + 1;
	}
	if (!st)
		st = vns_writer_commit(w, err);
	vns_writer_close(w);
	vns_buf_free(&g.ids);
	if (removed)
		*removed = total;
	return st;
}
