/* inbox.h - inbox mode, for cron and systemd timers: every file that has
 * arrived in a folder is indexed in a transaction of its own, and moved
 * to done/ once its documents are committed, or to failed/ with NAME.err
 * saying why. A kill at any moment leaves the index at its last commit
 * (whole files only); the file being indexed stays in the inbox and the
 * next run does it again (ids replace: no duplicates). Also here: the
 * maintenance runs (delete by id, prune documents whose files are gone)
 * that share its locking. Reports go through hooks; nothing prints. */
#ifndef VNS_INBOX_H
#define VNS_INBOX_H

#include "status.h"
#include "vnsearch.h"

/* Name of the lock file inside the inbox (two runs never share one). */
#define VNS_INBOX_LOCK ".vnsearch-inbox.lock"

typedef struct vns_inbox_opts {
	const char *db;         /* the index (created if missing) */
	const char *inbox;      /* the folder files arrive in */
	unsigned settle;        /* seconds a file must be left unmodified
				 * before it is taken (default 10) */
	unsigned wait;          /* seconds to wait for a lock (default 60) */
} vns_inbox_opts;

typedef struct vns_inbox_stats {
	unsigned long done;     /* files moved to done/ */
	unsigned long failed;   /* files moved to failed/ */
	unsigned long waiting;  /* files left for later (still being written) */
	unsigned long docs;     /* documents committed */
	unsigned long skipped;  /* records skipped inside files */
} vns_inbox_stats;

typedef struct vns_inbox_hooks {
	/* a record skipped (or indexed with a warning) inside a file */
	void (*report)(void *ctx, int skipped, const char *path,
		       unsigned long line, const vns_err *why);
	/* a file finished: moved to done/ (failed 0) or failed/ (1) with
	 * docs documents; why is the first reason when there was one */
	void (*file)(void *ctx, const char *name, int failed,
		     unsigned long docs, const char *why);
	void *ctx;
	/* non-zero when the run should stop (checked before each document:
	 * the file being done is rolled back and stays in the inbox, and
	 * the run returns VNS_ECANCELED); may be NULL */
	int (*stop)(void);
} vns_inbox_hooks;

/* Process the inbox once: every file present, not hidden, not named like
 * a partial download (*.part, *.tmp, *.crdownload, *~), and not modified
 * in the last opts->settle seconds. done/ and failed/ are created. stats
 * (may be NULL) is filled. VNS_EDBLOCK when a lock could not be had in
 * time; another status when the index could not be written (the file
 * being done stays in the inbox). */
vns_status vns_inbox_run(const vns_inbox_opts *opts,
			 const vns_inbox_hooks *hooks, vns_inbox_stats *stats,
			 vns_err *err);

/* Delete the documents with these ids (n of them) and commit; *deleted
 * (may be NULL) gets how many existed. */
vns_status vns_index_delete(const char *db, unsigned wait,
			    const char *const *ids, size_t n,
			    unsigned long *deleted, vns_err *err);

/* Delete the documents read from whole files (id "file:PATH") whose file
 * is gone; a file moved to the done/ folder beside it by inbox mode still
 * counts as present. *removed (may be NULL) gets how many. */
vns_status vns_index_prune(const char *db, unsigned wait,
			   unsigned long *removed, vns_err *err);

#endif
