/* verify.c - a database checked before it is written (see verify.h). */
#include "verify.h"

#include <dirent.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

#include "apart.h"
#include "buf.h"
#include "xapian-c.h"

/* Longest stamp read: a database has a handful of files. */
#define STAMP_MAX 8192

/* Most waits of 1 ms for the clock to tick past the files' times before
 * a stamp is written (file times come from a clock that ticks every few
 * ms). */
#define TICK_WAITS 100

static int listed(const struct dirent *e)
{
	return e->d_name[0] != '.' && strcmp(e->d_name, "flintlock") &&
	       strncmp(e->d_name, VNS_VERIFY_STAMP,
		       sizeof VNS_VERIFY_STAMP - 1);
}

static int later(struct timespec a, struct timespec b)
{
	return a.tv_sec != b.tv_sec ? a.tv_sec > b.tv_sec
				    : a.tv_nsec > b.tv_nsec;
}

/* One line per file of the database at path, in name order: its name,
 * inode, size, and modification and change times to the nanosecond;
 * *newest gets the latest change time. */
static vns_status listing(const char *path, vns_buf *out,
			  struct timespec *newest)
{
	struct dirent **names;
	struct stat sb;
	vns_buf file;
	vns_status st = VNS_OK;
	int n = scandir(path, &names, listed, alphasort);

	if (n < 0)
		return VNS_EIO;
	*newest = (struct timespec){ 0, 0 };
	vns_buf_init(&file, 0);
	for (int i = 0; i < n; i++) {
		vns_buf_reset(&file);
		if (!st && !(st = vns_buf_addf(&file, "%s/%s", path,
					       names[i]->d_name)) &&
		    stat(file.data, &sb) == 0 && S_ISREG(sb.st_mode)) {
			st = vns_buf_addf(out, "%s %ju %jd %jd.%09ld %jd.%09ld\n",
					  names[i]->d_name,
					  (uintmax_t)sb.st_ino,
					  (intmax_t)sb.st_size,
					  (intmax_t)sb.st_mtim.tv_sec,
					  sb.st_mtim.tv_nsec,
					  (intmax_t)sb.st_ctim.tv_sec,
					  sb.st_ctim.tv_nsec);
			if (later(sb.st_ctim, *newest))
				*newest = sb.st_ctim;
		}
		free(names[i]);
	}
	free(names);
	vns_buf_free(&file);
	return st;
}

/* 1 when the stamp of path records exactly now, and was written after
 * the newest change it records: a file changed in the same tick of the
 * clock as the stamp was written would show the same times (as git's
 * "racily clean" files). */
static int stamp_matches(const char *path, const vns_buf *now,
			 struct timespec newest)
{
	char *then = malloc(STAMP_MAX);
	struct stat sb;
	vns_buf name;
	size_t n;
	int same = 0;
	FILE *f;

	vns_buf_init(&name, 0);
	if (then && !vns_buf_addf(&name, "%s/%s", path, VNS_VERIFY_STAMP) &&
	    (f = fopen(name.data, "r"))) {
		n = fread(then, 1, STAMP_MAX, f);
		same = n == now->len && !memcmp(then, now->data, n) &&
		       !fstat(fileno(f), &sb) && later(sb.st_mtim, newest);
		fclose(f);
	}
	vns_buf_free(&name);
	free(then);
	return same;
}

/* Give f (the stamp being written) a modification time later than
 * newest, waiting for the clock to tick if need be; 0 on success. */
static int after(FILE *f, struct timespec newest)
{
	struct timespec ms = { 0, 1000000 };
	struct stat sb;

	for (int i = 0; i < TICK_WAITS; i++) {
		if (fflush(f) || fstat(fileno(f), &sb))
			return -1;
		if (later(sb.st_mtim, newest))
			return 0;
		nanosleep(&ms, NULL);
		if (futimens(fileno(f), NULL))
			return -1;
	}
	return -1;
}

/* The child's work: Xapian's check of the path ctx, its verdict (a
 * vns_err) written to fd. */
static void verify_child(void *ctx, int fd)
{
	vns_err got;

	memset(&got, 0, sizeof got); /* written whole */
	got.code = vns_xdb_verify(ctx, &got);
	(void)vns_apart_write(fd, &got, sizeof got);
}

/* Xapian's check of path, run apart (apart.h): the check reads a damaged
 * termlist entry by the length it states and, past the end, keeps
 * walking (glass_dbcheck.cc's termlist loop), so it can run off the heap;
 * its crash is then one more verdict, "damaged". Without a child, the
 * check runs here. */
static vns_status verify_apart(const char *path, vns_err *err)
{
	vns_err got;
	vns_buf out;
	int signo;
	vns_status st;

	vns_buf_init(&out, sizeof got);
	if (vns_apart_run(verify_child, (void *)path, &out, &signo, NULL)) {
		vns_buf_free(&out);
		return vns_xdb_verify(path, err);
	}
	if (out.len == sizeof got) {
		memcpy(&got, out.data, sizeof got);
		got.msg[sizeof got.msg - 1] = '\0';
		if (got.code && err)
			*err = got;
		st = got.code;
	} else if (signo) {
		st = vns_err_set(err, VNS_EDBCORRUPT, "Xapian's check died of "
				 "signal %d reading it", signo);
	} else {
		st = vns_err_set(err, VNS_EDBCORRUPT, "Xapian's check gave no "
				 "verdict on it");
	}
	vns_buf_free(&out);
	return st;
}

int vns_verify_needed(const char *path)
{
	vns_buf name;
	struct stat sb;
	int found;

	vns_buf_init(&name, 0);
	found = !vns_buf_addf(&name, "%s/iamglass", path) &&
		stat(name.data, &sb) == 0;
	vns_buf_free(&name);
	return found;
}

vns_status vns_verify_before_write(const char *path, vns_err *err)
{
	struct timespec newest;
	vns_buf now;
	vns_status st;

	vns_buf_init(&now, STAMP_MAX - 1);
	if (!listing(path, &now, &newest) &&
	    stamp_matches(path, &now, newest)) {
		vns_buf_free(&now);
		return VNS_OK;
	}
	vns_buf_free(&now);
	st = verify_apart(path, err);
	if (st == VNS_EDBCORRUPT)
		vns_verify_damaged(err, path);
	else if (st)
		vns_err_prefix(err, "'%s': ", path);
	else
		vns_verify_stamp(path);
	return st;
}

void vns_verify_stamp(const char *path)
{
	struct timespec newest;
	vns_buf now, name, tmp;
	FILE *f;
	int ok;

	vns_buf_init(&now, STAMP_MAX - 1);
	vns_buf_init(&name, 0);
	vns_buf_init(&tmp, 0);
	if (!listing(path, &now, &newest) &&
	    !vns_buf_addf(&name, "%s/%s", path, VNS_VERIFY_STAMP) &&
	    !vns_buf_addf(&tmp, "%s.tmp", name.data) &&
	    (f = fopen(tmp.data, "w"))) {
		ok = fwrite(now.data, 1, now.len, f) == now.len &&
		     !after(f, newest);
		if (fclose(f) || !ok || rename(tmp.data, name.data))
			remove(tmp.data);
	}
	vns_buf_free(&now);
	vns_buf_free(&name);
	vns_buf_free(&tmp);
}

void vns_verify_damaged(vns_err *err, const char *path)
{
	char what[VNS_ERR_MSG_MAX];

	if (!err)
		return;
	snprintf(what, sizeof what, "%s", vns_err_text(err));
	vns_err_set(err, VNS_EDBCORRUPT, "'%s': the index is damaged (%s); "
		    "run vnsearch-index --check '%s' (or xapian-check), then "
		    "rebuild it or restore a copy", path, what, path);
}
