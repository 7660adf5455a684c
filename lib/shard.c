/* shard.c - the writable index in its three layouts (see shard.h). */
#include "shard.h"

#include <dirent.h>
#include <errno.h>
#include <ftw.h>
#include <signal.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/statvfs.h>
#include <unistd.h>

#include "bloom.h"
#include "buf.h"
#include "grow.h"
#include "schema.h"
#include "stub.h"
#include "termgen.h"
#include "verify.h"

/* Xapian buffers a writer's changes in maps keyed by term; with three
 * terms per word (exact, folded, pair) a large batch makes every posting a
 * slow walk through a big map, and a small one rewrites the postings of
 * common terms too often. 250 was the fastest of 100, 250, 500 and 2000
 * on the corpus (doc/performance.md), and holds memory low. */
#define DEFAULT_COMMIT_EVERY 250
#define MAX_WRITERS 16

/* A bulk writer fills parts of at most this many documents, then starts a
 * new one. Xapian's cost per document grows with the database it goes
 * into (each commit rewrites blocks spread over bigger B-trees: 10,000
 * documents took 16 s into new parts, 25-32 s once they held 30,000 to
 * 60,000 each),
 * while compaction merges any number of parts in one pass, so bounded
 * parts keep indexing time linear in the input (doc/performance.md).
 */
#define DEFAULT_PART_DOCS 10000

/* Bits of a bulk writer's filter of the ids it wrote (4 MiB): an id seen
 * again is looked for in the writer's full parts only when the filter
 * says it may be there (false alarms: about 1 in a billion at 170,000
 * ids a writer, 1 in 5,000 at 1.7 million). */
#define IDS_BITS_LOG2 25

enum layout { SINGLE, BULK, SHARDS };

struct db {
	char *name;  /* shard name ("2021"), or NULL */
	char *path;
	vns_xwdb *w;
	unsigned long docs; /* added through this handle */
	unsigned long uncommitted;
	unsigned long committed; /* of docs, those made durable */
	int atomic; /* changes wait in a transaction for commit */
	int kept;   /* not a scratch part: checked before it is written
		     * (verify.h), stamped after each commit */
};

/* A bulk writer: the part it fills, and the full ones before it. */
struct writer {
	struct db cur;
	char **full;       /* paths of full parts, committed and closed */
	size_t nfull;
	unsigned seq;      /* parts started */
	vns_bloom *ids;    /* every idterm this writer wrote */
	unsigned long docs; /* written into its parts */
};

struct vns_store {
	char *path;
	enum layout layout;
	unsigned nwr;
	unsigned commit_every;
	unsigned long part_docs;
	int atomic;          /* vns_store_opts.atomic */
	unsigned long merged; /* BULK: documents merged into the target */
	pthread_mutex_t mu;  /* SINGLE: the one database, several writers */
	struct db target;    /* SINGLE, and BULK (held for its lock) */
	struct writer *wr;   /* BULK: one per writer thread */
	char *parts_dir;
	struct db *shards;   /* SHARDS, in name order */
	size_t nshards, cap;
	vns_buf idterm[MAX_WRITERS];
};

/* malloc'ed printf; NULL when out of memory. */
static char *str_printf(const char *fmt, const char *a, const char *b)
{
	vns_buf buf;

	vns_buf_init(&buf, 0);
	if (vns_buf_addf(&buf, fmt, a, b)) {
		vns_buf_free(&buf);
		return NULL;
	}
	return vns_buf_detach(&buf, NULL);
}

static int rm_entry(const char *path, const struct stat *sb, int flag,
		    struct FTW *ftw)
{
	(void)sb;
	(void)flag;
	(void)ftw;
	remove(path);
	return 0;
}

/* Remove a directory tree (best effort). */
static void rm_tree(const char *path)
{
	nftw(path, rm_entry, 16, FTW_DEPTH | FTW_PHYS);
}

/* st, the failure of an operation on d: err names d's path, and for a
 * damaged database says what to do. */
static vns_status db_failed(const struct db *d, vns_status st, vns_err *err)
{
	if (st == VNS_EDBCORRUPT)
		vns_verify_damaged(err, d->path);
	else
		vns_err_prefix(err, "'%s': ", d->path);
	return st;
}

static vns_status db_open_mode(struct db *d, int mode, vns_err *err)
{
	int existed;
	vns_status st;

	d->kept = !(mode & VNS_XWDB_SCRATCH);
	existed = d->kept && vns_verify_needed(d->path);
	st = vns_xwdb_open(d->path, mode, &d->w, err);
	if (!st && existed) {
		/* its message names the database already */
		if ((st = vns_verify_before_write(d->path, err)))
			return st;
	}
	if (!st)
		st = vns_xwdb_set_metadata(d->w, VNS_META_SCHEMA,
					   VNS_SCHEMA_VERSION, err);
	if (!st && d->atomic)
		st = vns_xwdb_begin(d->w, 1, err);
	return st ? db_failed(d, st, err) : VNS_OK;
}

static vns_status db_open(struct db *d, vns_err *err)
{
	return db_open_mode(d, VNS_XWDB_CREATE_OR_OPEN, err);
}

/* Free space below which no database is committed (a flood stage, as
 * Elasticsearch's disk watermark): a disk that fills in the middle of a
 * commit can make Xapian 1.4 abort the process (an exception thrown while
 * another unwinds inside the library) instead of reporting it, and one
 * commit of 250 documents writes a few MB at most. */
#define MIN_FREE_BYTES (32ull << 20)

/* VNS_EIO naming the cause when d's file system has too little room. */
static vns_status check_room(const struct db *d, vns_err *err)
{
	struct statvfs sv;
	unsigned long long avail;

	if (statvfs(d->path, &sv) != 0)
		return VNS_OK; /* cannot tell: let Xapian say */
	avail = (unsigned long long)sv.f_bavail * sv.f_frsize;
	if (avail >= MIN_FREE_BYTES)
		return VNS_OK;
	return vns_err_set(err, VNS_EIO, "No space left on device (%llu KB "
			   "free, a commit needs %llu MB)", avail >> 10,
			   MIN_FREE_BYTES >> 20);
}

static vns_status db_commit(struct db *d, vns_err *err)
{
	vns_status st = d->w ? check_room(d, err) : VNS_OK;

	if (st) {
		vns_err_prefix(err, "'%s': ", d->path);
		return st;
	}

	if (d->w && d->atomic) {
		st = vns_xwdb_commit_transaction(d->w, err);
		if (!st)
			st = vns_xwdb_begin(d->w, 1, err);
	} else if (d->w) {
		st = vns_xwdb_commit(d->w, err);
	}

	if (st)
		return db_failed(d, st, err);
	d->uncommitted = 0;
	d->committed = d->docs;
	if (d->w && d->kept)
		vns_verify_stamp(d->path);
	return VNS_OK;
}

/* Drop d's changes since its last commit (atomic databases only). */
static vns_status db_rollback(struct db *d, vns_err *err)
{
	vns_status st = VNS_OK;

	if (d->w && d->atomic) {
		st = vns_xwdb_cancel_transaction(d->w, err);
		if (!st)
			st = vns_xwdb_begin(d->w, 1, err);
	}
	if (st)
		db_failed(d, st, err);
	d->uncommitted = 0;
	d->docs = d->committed;
	return st;
}

static void db_close(struct db *d)
{
	vns_xwdb_free(d->w);
	d->w = NULL;
}

static void db_free(struct db *d)
{
	db_close(d);
	free(d->name);
	free(d->path);
}

static vns_status replace_in(vns_store *s, struct db *d, const char *idterm,
			     const vns_xdoc *xdoc, vns_err *err)
{
	vns_status st = vns_xwdb_replace(d->w, idterm, xdoc, NULL, err);

	if (st == VNS_EDBCORRUPT)
		return db_failed(d, st, err);
	if (st)
		return st;
	d->docs++;
	if (++d->uncommitted >= s->commit_every && !d->atomic)
		st = db_commit(d, err);
	return st;
}

/* ---- shards --------------------------------------------------------------- */

static int path_exists(const char *path)
{
	struct stat sb;

	return stat(path, &sb) == 0;
}

/* The shard named name, opened (created) if new; its place in *out. */
static vns_status shard_get(vns_store *s, const char *name, struct db **out,
			    vns_err *err)
{
	size_t at = 0;
	struct db *d;

	while (at < s->nshards && strcmp(s->shards[at].name, name) < 0)
		at++;
	if (at < s->nshards && !strcmp(s->shards[at].name, name)) {
		*out = &s->shards[at];
		return VNS_OK;
	}
	if (VNS_GROW(s->shards, s->cap, s->nshards + 1))
		return vns_err_set(err, VNS_ENOMEM, "out of memory");
	d = &s->shards[at];
	memmove(d + 1, d, (s->nshards - at) * sizeof *d);
	s->nshards++;
	memset(d, 0, sizeof *d);
	d->atomic = s->atomic;
	d->name = strdup(name);
	d->path = str_printf("%s/%s", s->path, name);
	if (!d->name || !d->path)
		return vns_err_set(err, VNS_ENOMEM, "out of memory");
	*out = d;
	return db_open(d, err);
}

/* A shard name is a plain file name: no '/', no dot first. */
static int shard_name_ok(const char *name)
{
	return *name && *name != '.' && !strchr(name, '/');
}

/* Open every shard the stub lists ("auto NAME" lines). */
struct stub_read {
	vns_store *s;
	const char *stub;
	vns_status st;
	vns_err *err;
};

static int take_shard(void *ctx, vns_stub_kind kind, const char *name,
		      const char *line)
{
	struct stub_read *r = ctx;
	struct db *d;

	if (kind != VNS_STUB_LOCAL || !shard_name_ok(name))
		r->st = vns_err_set(r->err, VNS_EINVAL,
				    "'%s': '%s' is not a local shard of this "
				    "index", r->stub, line);
	else
		r->st = shard_get(r->s, name, &d, r->err);
	return r->st != VNS_OK;
}

static vns_status read_stub(vns_store *s, const char *stub, vns_err *err)
{
	struct stub_read r = { s, stub, VNS_OK, err };
	vns_status st = vns_stub_each(stub, take_shard, &r, err);

	return st ? st : r.st;
}

/* Rewrite the stub: one "auto NAME" line per shard, replaced atomically. */
static vns_status write_stub(vns_store *s, vns_err *err)
{
	char *stub = str_printf("%s/%s", s->path, VNS_STUB_NAME);
	char *tmp = str_printf("%s/%s.tmp", s->path, VNS_STUB_NAME);
	vns_status st = VNS_OK;
	FILE *f;

	if (!stub || !tmp) {
		st = vns_err_set(err, VNS_ENOMEM, "out of memory");
		goto out;
	}
	f = fopen(tmp, "w");
	if (!f) {
		st = vns_err_set(err, VNS_EIO, "'%s': %s", tmp, strerror(errno));
		goto out;
	}
	for (size_t i = 0; i < s->nshards; i++)
		fprintf(f, "auto %s\n", s->shards[i].name);
	if (fclose(f) || rename(tmp, stub))
		st = vns_err_set(err, VNS_EIO, "'%s': %s", stub, strerror(errno));
out:
	free(stub);
	free(tmp);
	return st;
}

/* The shard a document goes to by its year ("undated" without a usable
 * date, as the term generator decides). */
static void shard_of(const vns_doc *doc, char name[16])
{
	char key[VNS_DATE_KEY_LEN + 1];
	vns_err err;

	if (vns_doc_date_key(doc, key, &err) == VNS_OK)
		snprintf(name, 16, "%.4s", key);
	else
		snprintf(name, 16, "undated");
}

static vns_status shard_replace(vns_store *s, const vns_doc *doc,
				const char *idterm, const vns_xdoc *xdoc,
				vns_err *err)
{
	char name[16];
	struct db *d;
	vns_status st;

	shard_of(doc, name);
	st = shard_get(s, name, &d, err);
	for (size_t i = 0; !st && i < s->nshards; i++)
		if (&s->shards[i] != d)
			st = vns_xwdb_delete(s->shards[i].w, idterm, NULL, err);
	return st ? st : replace_in(s, d, idterm, xdoc, err);
}

static vns_status open_shards(vns_store *s, vns_err *err)
{
	char *stub = str_printf("%s/%s", s->path, VNS_STUB_NAME);
	char *glass = str_printf("%s/%s", s->path, "iamglass");
	vns_status st = VNS_OK;

	if (!stub || !glass)
		st = vns_err_set(err, VNS_ENOMEM, "out of memory");
	else if (path_exists(stub))
		st = read_stub(s, stub, err);
	else if (path_exists(glass))
		st = vns_err_set(err, VNS_EINVAL,
				 "'%s' is one database, not a sharded index "
				 "(index into a new directory to shard)",
				 s->path);
	else if (mkdir(s->path, 0777) && errno != EEXIST)
		st = vns_err_set(err, VNS_EIO, "'%s': %s", s->path,
				 strerror(errno));
	free(stub);
	free(glass);
	return st;
}

/* ---- bulk parts ----------------------------------------------------------- */

/* Compaction opens every part at once: let the process open as many files
 * as its hard limit allows (best effort). */
static void raise_file_limit(void)
{
	struct rlimit r;

	if (!getrlimit(RLIMIT_NOFILE, &r) && r.rlim_cur < r.rlim_max) {
		r.rlim_cur = r.rlim_max;
		setrlimit(RLIMIT_NOFILE, &r);
	}
}

/* Start writer w's next part (w<writer>-<seq> in the parts directory). */
static vns_status part_start(vns_store *s, struct writer *w, vns_err *err)
{
	char n[32];

	snprintf(n, sizeof n, "w%u-%u", (unsigned)(w - s->wr), w->seq++);
	memset(&w->cur, 0, sizeof w->cur);
	w->cur.path = str_printf("%s/%s", s->parts_dir, n);
	if (!w->cur.path)
		return vns_err_set(err, VNS_ENOMEM, "out of memory");
	return db_open_mode(&w->cur, VNS_XWDB_CREATE | VNS_XWDB_SCRATCH, err);
}

/* Writer w's part is full: commit and close it, and start the next. */
static vns_status part_next(vns_store *s, struct writer *w, vns_err *err)
{
	vns_status st;

	if (VNS_RESIZE(w->full, w->nfull + 1))
		return vns_err_set(err, VNS_ENOMEM, "out of memory");
	st = db_commit(&w->cur, err);
	if (st)
		return st;
	db_close(&w->cur);
	w->full[w->nfull++] = w->cur.path;
	w->cur.path = NULL;
	return part_start(s, w, err);
}

/* Delete the document with idterm from the full part at path, if it is
 * there; *gone set when it was. */
static vns_status part_drop(const char *path, const char *idterm, int *gone,
			    vns_err *err)
{
	struct db d = { .path = (char *)path };
	unsigned long n = 0;
	vns_status st = db_open_mode(&d, VNS_XWDB_OPEN | VNS_XWDB_SCRATCH, err);

	if (!st)
		st = vns_xwdb_delete(d.w, idterm, &n, err);
	if (!st && n)
		st = db_commit(&d, err);
	db_close(&d);
	*gone = n > 0;
	return st;
}

/* A document replaces the one with its id wherever this writer put it:
 * Xapian does that within the part being filled; an earlier copy in a
 * full part is deleted there. */
static vns_status bulk_replace(vns_store *s, struct writer *w,
			       const char *idterm, const vns_xdoc *xdoc,
			       vns_err *err)
{
	size_t len = strlen(idterm);
	vns_status st = VNS_OK;
	int gone = 0;

	if (w->nfull && vns_bloom_maybe(w->ids, idterm, len))
		for (size_t i = w->nfull; !st && !gone && i-- > 0;)
			st = part_drop(w->full[i], idterm, &gone, err);
	vns_bloom_add(w->ids, idterm, len);
	if (!st)
		st = replace_in(s, &w->cur, idterm, xdoc, err);
	if (!st)
		w->docs++;
	if (!st && w->cur.docs >= s->part_docs)
		st = part_next(s, w, err);
	return st;
}

/* 1 if name is base followed by one of the scratch suffixes and a pid,
 * which *pid gets. */
static int scratch_of(const char *name, const char *base, long *pid)
{
	static const char *const kinds[] = { ".parts-", ".new-", ".old-" };
	size_t n = strlen(base);
	char *end;

	if (strncmp(name, base, n))
		return 0;
	for (size_t i = 0; i < sizeof kinds / sizeof *kinds; i++) {
		size_t k = strlen(kinds[i]);

		if (strncmp(name + n, kinds[i], k) || !name[n + k])
			continue;
		*pid = strtol(name + n + k, &end, 10);
		return *end == '\0' && *pid > 0;
	}
	return 0;
}

/* 1 if process pid is gone. */
static int process_gone(long pid)
{
	return pid != (long)getpid() && kill((pid_t)pid, 0) != 0 &&
	       errno == ESRCH;
}

/* Remove what runs on this index that were killed left beside it: their
 * parts (path.parts-PID), an unfinished merge (path.new-PID) and a
 * replaced index not yet removed (path.old-PID: parts are only merged
 * into an empty index, so it held no documents). Called holding the
 * index's lock, so no live run writes it; a scratch folder of a process
 * that is still alive is left alone all the same. */
static void remove_dead_scratch(const vns_store *s)
{
	char *dir = strdup(s->path), *slash;
	const char *base, *parent;
	struct dirent *e;
	DIR *d;
	long pid;

	if (!dir)
		return;
	slash = strrchr(dir, '/');
	parent = slash ? (slash == dir ? "/" : dir) : ".";
	base = slash ? slash + 1 : dir;
	if (slash && slash != dir)
		*slash = '\0';
	if (!(d = opendir(parent))) {
		free(dir);
		return;
	}
	while ((e = readdir(d)))
		if (scratch_of(e->d_name, base, &pid) && process_gone(pid)) {
			char *p = str_printf("%s/%s", parent, e->d_name);
			if (p)
				rm_tree(p);
			free(p);
		}
	closedir(d);
	free(dir);
}

static vns_status open_parts(vns_store *s, vns_err *err)
{
	char pid[32];

	snprintf(pid, sizeof pid, "%ld", (long)getpid());
	s->parts_dir = str_printf("%s.parts-%s", s->path, pid);
	s->wr = calloc(s->nwr, sizeof *s->wr);
	if (!s->parts_dir || !s->wr)
		return vns_err_set(err, VNS_ENOMEM, "out of memory");
	rm_tree(s->parts_dir);
	if (mkdir(s->parts_dir, 0777))
		return vns_err_set(err, VNS_EIO, "'%s': %s", s->parts_dir,
				   strerror(errno));
	raise_file_limit();
	for (unsigned i = 0; i < s->nwr; i++) {
		vns_status st = vns_bloom_new(IDS_BITS_LOG2, &s->wr[i].ids, err);
		if (!st)
			st = part_start(s, &s->wr[i], err);
		if (st)
			return st;
	}
	return VNS_OK;
}

static void writers_free(vns_store *s)
{
	for (unsigned i = 0; s->wr && i < s->nwr; i++) {
		struct writer *w = &s->wr[i];
		db_free(&w->cur);
		for (size_t j = 0; j < w->nfull; j++)
			free(w->full[j]);
		free(w->full);
		vns_bloom_free(w->ids);
	}
	free(s->wr);
	s->wr = NULL;
}

/* Every part that holds documents, writer by writer, in the order they
 * were filled; NULL when out of memory. Caller frees the array only. */
static const char **parts_list(const vns_store *s, size_t *n)
{
	size_t cap = 0;
	const char **src;

	for (unsigned i = 0; i < s->nwr; i++)
		cap += s->wr[i].nfull + 1;
	src = malloc(cap * sizeof *src);
	*n = 0;
	for (unsigned i = 0; src && i < s->nwr; i++) {
		for (size_t j = 0; j < s->wr[i].nfull; j++)
			src[(*n)++] = s->wr[i].full[j];
		if (s->wr[i].cur.docs)
			src[(*n)++] = s->wr[i].cur.path;
	}
	return src;
}

/* Compact the parts that hold documents into path.new, then put it in
 * the place of the (empty) index. */
static vns_status merge_parts(vns_store *s, vns_err *err)
{
	const char **src = NULL;
	size_t n = 0;
	char *fresh = str_printf("%s.new-%s", s->path, strrchr(s->parts_dir, '-') + 1);
	char *old = str_printf("%s.old-%s", s->path, strrchr(s->parts_dir, '-') + 1);
	vns_status st = VNS_OK;

	if (!fresh || !old) {
		st = vns_err_set(err, VNS_ENOMEM, "out of memory");
		goto out;
	}
	for (unsigned i = 0; !st && i < s->nwr; i++) {
		st = db_commit(&s->wr[i].cur, err);
		db_close(&s->wr[i].cur);
	}
	if (!st && !(src = parts_list(s, &n)))
		st = vns_err_set(err, VNS_ENOMEM, "out of memory");
	if (st)
		goto out;
	rm_tree(fresh);
	st = vns_xdb_compact(src, n, fresh, err);
	if (st) {
		vns_err_prefix(err, "'%s': merging the parts: ", s->path);
		goto out;
	}
	db_close(&s->target);
	if (rename(s->path, old) || rename(fresh, s->path)) {
		st = vns_err_set(err, VNS_EIO, "'%s': %s", s->path,
				 strerror(errno));
		goto out;
	}
	/* compacted from this run's parts: sound, not checked again */
	vns_verify_stamp(s->path);
	rm_tree(old);
out:
	if (fresh)
		rm_tree(fresh);
	free(src);
	free(fresh);
	free(old);
	return st;
}

/* After the first commit a bulk store goes on as a single database. */
static vns_status bulk_commit(vns_store *s, vns_err *err)
{
	unsigned long docs = 0;
	int any = 0;
	vns_status st = VNS_OK;

	for (unsigned i = 0; i < s->nwr; i++) {
		any |= s->wr[i].cur.docs || s->wr[i].nfull;
		docs += s->wr[i].docs;
	}
	if (any)
		st = merge_parts(s, err);
	if (!st)
		s->merged = docs;
	writers_free(s);
	rm_tree(s->parts_dir);
	s->layout = SINGLE;
	if (!st && !s->target.w)
		st = db_open(&s->target, err);
	return st ? st : db_commit(&s->target, err);
}

/* ---- the store ------------------------------------------------------------ */

static vns_status store_init(vns_store *s, const vns_store_opts *o,
			     vns_err *err)
{
	char *stub = str_printf("%s/%s", s->path, VNS_STUB_NAME);
	unsigned long docs = 0;
	vns_status st;

	if (!stub)
		return vns_err_set(err, VNS_ENOMEM, "out of memory");
	if (o->rule == VNS_SHARD_YEAR || path_exists(stub)) {
		free(stub);
		s->layout = SHARDS;
		s->nwr = 1;
		return open_shards(s, err);
	}
	free(stub);
	s->target.path = strdup(s->path);
	s->target.atomic = s->atomic;
	if (!s->target.path)
		return vns_err_set(err, VNS_ENOMEM, "out of memory");
	st = db_open(&s->target, err);
	if (!st)
		st = vns_xwdb_doccount(s->target.w, &docs, err);
	if (st)
		return st;
	remove_dead_scratch(s);
	s->layout = docs == 0 && s->nwr > 1 && !s->atomic ? BULK : SINGLE;
	return s->layout == BULK ? open_parts(s, err) : VNS_OK;
}

vns_status vns_store_open(const char *path, const vns_store_opts *o,
			  vns_store **out, vns_err *err)
{
	vns_store *s = calloc(1, sizeof *s);
	vns_status st;

	if (!s)
		return vns_err_set(err, VNS_ENOMEM, "out of memory");
	pthread_mutex_init(&s->mu, NULL);
	s->nwr = o->writers < 1 ? 1
		 : o->writers > MAX_WRITERS ? MAX_WRITERS : o->writers;
	s->commit_every = o->commit_every ? o->commit_every
					  : DEFAULT_COMMIT_EVERY;
	s->part_docs = o->part_docs ? o->part_docs : DEFAULT_PART_DOCS;
	s->atomic = o->atomic;
	for (unsigned i = 0; i < MAX_WRITERS; i++)
		vns_buf_init(&s->idterm[i], 4096);
	s->path = strdup(path);
	st = s->path ? store_init(s, o, err)
		     : vns_err_set(err, VNS_ENOMEM, "out of memory");
	if (st) {
		vns_store_free(s);
		return st;
	}
	*out = s;
	return VNS_OK;
}

unsigned vns_store_writers(const vns_store *s)
{
	return s->layout == BULK ? s->nwr : 1;
}

vns_status vns_store_replace(vns_store *s, unsigned writer,
			     const vns_doc *doc, const vns_xdoc *xdoc,
			     vns_err *err)
{
	vns_buf *idterm = &s->idterm[writer % MAX_WRITERS];
	vns_status st = vns_termgen_idterm(doc->id, idterm);

	if (st)
		return vns_err_set(err, st, "id '%s' is too long", doc->id);
	switch (s->layout) {
	case BULK:
		return bulk_replace(s, &s->wr[writer], idterm->data, xdoc, err);
	case SHARDS:
		return shard_replace(s, doc, idterm->data, xdoc, err);
	case SINGLE:
		break;
	}
	pthread_mutex_lock(&s->mu);
	st = replace_in(s, &s->target, idterm->data, xdoc, err);
	pthread_mutex_unlock(&s->mu);
	return st;
}

/* Delete idterm from the part being filled and, where the writer's
 * filter says it may be there, from its full parts. */
static vns_status bulk_delete(struct writer *w, const char *idterm,
			      unsigned long *count, vns_err *err)
{
	size_t len = strlen(idterm);
	unsigned long n = 0;
	vns_status st = vns_xwdb_delete(w->cur.w, idterm, &n, err);
	int gone = 0;

	*count += n;
	if (w->nfull && vns_bloom_maybe(w->ids, idterm, len))
		for (size_t i = w->nfull; !st && i-- > 0; gone = 0) {
			st = part_drop(w->full[i], idterm, &gone, err);
			*count += (unsigned long)gone;
		}
	return st;
}

vns_status vns_store_delete(vns_store *s, const char *id,
			    unsigned long *count, vns_err *err)
{
	vns_buf *idterm = &s->idterm[0];
	unsigned long n = 0, k = 0;
	vns_status st = vns_termgen_idterm(id, idterm);

	if (st)
		return vns_err_set(err, st, "id '%s' is too long", id);
	for (unsigned i = 0; !st && s->layout == BULK && i < s->nwr; i++)
		st = bulk_delete(&s->wr[i], idterm->data, &n, err);
	for (size_t i = 0; !st && i < s->nshards; i++) {
		st = vns_xwdb_delete(s->shards[i].w, idterm->data, &k, err);
		n += k;
	}
	if (!st && s->layout == SINGLE) {
		st = vns_xwdb_delete(s->target.w, idterm->data, &k, err);
		n += k;
	}
	if (count)
		*count = n;
	return st;
}

vns_status vns_store_commit(vns_store *s, vns_err *err)
{
	vns_status st = VNS_OK;

	switch (s->layout) {
	case BULK:
		return bulk_commit(s, err);
	case SHARDS:
		for (size_t i = 0; !st && i < s->nshards; i++)
			st = db_commit(&s->shards[i], err);
		return st ? st : write_stub(s, err);
	case SINGLE:
		break;
	}
	return db_commit(&s->target, err);
}

unsigned long vns_store_committed(const vns_store *s)
{
	unsigned long n = s->merged + s->target.committed;

	for (size_t i = 0; i < s->nshards; i++)
		n += s->shards[i].committed;
	return n;
}

vns_status vns_store_rollback(vns_store *s, vns_err *err)
{
	vns_status st = VNS_OK;

	if (!s->atomic)
		return vns_err_set(err, VNS_EINVAL, "'%s': changes can only be "
				   "dropped in an atomic store", s->path);
	for (size_t i = 0; !st && i < s->nshards; i++)
		st = db_rollback(&s->shards[i], err);
	return st ? st : db_rollback(&s->target, err);
}

void vns_store_free(vns_store *s)
{
	if (!s)
		return;
	db_free(&s->target);
	writers_free(s);
	if (s->parts_dir)
		rm_tree(s->parts_dir);
	free(s->parts_dir);
	for (size_t i = 0; i < s->nshards; i++)
		db_free(&s->shards[i]);
	free(s->shards);
	for (unsigned i = 0; i < MAX_WRITERS; i++)
		vns_buf_free(&s->idterm[i]);
	free(s->path);
	pthread_mutex_destroy(&s->mu);
	free(s);
}
