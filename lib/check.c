/* check.c - vns_db_check() of vnsearch.h: Xapian's consistency check of
 * an index, one database or each local shard a stub file lists. */
#include "vnsearch.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "apart.h"
#include "buf.h"
#include "status.h"
#include "stub.h"
#include "xapian-c.h"

/* What the child checking a database hands back: the status, the
 * problems found, then the account. */
struct check_head {
	vns_err err;
	unsigned long problems;
};

/* The child's work: Xapian's check of the path ctx, written to fd. */
static void check_child(void *ctx, int fd)
{
	struct check_head head;
	char *text = NULL;

	memset(&head, 0, sizeof head); /* written whole, padding too */
	vns_err_clear(&head.err);
	head.err.code = vns_xdb_check(ctx, &head.problems, &text, &head.err);
	if (!vns_apart_write(fd, &head, sizeof head) && text)
		(void)vns_apart_write(fd, text, strlen(text));
	free(text);
}

/* Xapian's check of path in a child process (apart.h: the check can run
 * off the heap on a damaged termlist): *problems and *text (caller frees)
 * its verdict; a child that died counts as one problem, said in *text. */
static vns_status check_apart(const char *path, unsigned long *problems,
			      char **text, vns_err *err)
{
	struct check_head head;
	vns_buf out;
	int signo;
	vns_status st;

	vns_buf_init(&out, 0);
	if (vns_apart_run(check_child, (void *)path, &out, &signo, NULL)) {
		vns_buf_free(&out);
		return vns_xdb_check(path, problems, text, err);
	}
	if (out.len >= sizeof head) {
		memcpy(&head, out.data, sizeof head);
		head.err.msg[sizeof head.err.msg - 1] = '\0';
		*problems = head.problems;
		if ((st = head.err.code) && err)
			*err = head.err;
		if (!st && !(*text = strdup(out.data + sizeof head)))
			st = vns_err_set(err, VNS_ENOMEM, "out of memory");
	} else {
		*problems = 1;
		vns_buf_reset(&out);
		st = signo ? vns_buf_addf(&out, "Xapian's check died of "
					  "signal %d\n", signo)
			   : vns_buf_adds(&out, "Xapian's check gave no "
					  "verdict\n");
		*text = st ? NULL : vns_buf_detach(&out, NULL);
		if (st)
			st = vns_err_set(err, VNS_ENOMEM, "out of memory");
	}
	vns_buf_free(&out);
	return st;
}

/* Check one database at path; its problems are added to *problems and
 * its account, headed by its name, to out. */
static vns_status check_one(const char *path, unsigned long *problems,
			    vns_buf *out, vns_err *err)
{
	unsigned long n = 0;
	char *text = NULL;
	vns_status st = check_apart(path, &n, &text, err);

	if (st)
		return st;
	*problems += n;
	if (vns_buf_addf(out, "== %s: %lu problem%s\n%s", path, n,
			 n == 1 ? "" : "s", text))
		st = vns_err_set(err, VNS_ENOMEM, "out of memory");
	free(text);
	return st;
}

struct stub_check {
	const char *dir;
	unsigned long *problems;
	vns_buf *out;
	vns_buf path;
	vns_status st;
	vns_err *err;
};

/* One database of the stub: a local one checked (its name relative to
 * the stub's folder unless absolute), a remote one named as not checked. */
static int check_line(void *ctx, vns_stub_kind kind, const char *name,
		      const char *line)
{
	struct stub_check *c = ctx;

	if (kind == VNS_STUB_REMOTE) {
		c->st = vns_buf_addf(c->out, "== %s: not checked here (run "
				     "xapian-check on its host)\n", line);
		return c->st != VNS_OK;
	}
	vns_buf_reset(&c->path);
	c->st = *name == '/' ? vns_buf_adds(&c->path, name)
			     : vns_buf_addf(&c->path, "%s/%s", c->dir, name);
	if (!c->st &&
	    (c->st = check_one(c->path.data, c->problems, c->out, c->err)))
		vns_err_prefix(c->err, "shard '%s': ", c->path.data);
	return c->st != VNS_OK;
}

/* Check each database the stub file lists. */
static vns_status check_stub(const char *dir, const char *stub,
			     unsigned long *problems, vns_buf *out,
			     vns_err *err)
{
	struct stub_check c = { dir, problems, out, { 0 }, VNS_OK, err };
	vns_status st;

	vns_buf_init(&c.path, 0);
	st = vns_stub_each(stub, check_line, &c, err);
	if (st == VNS_EIO)
		st = vns_err_set(err, VNS_EDBOPEN, "'%s': cannot read", stub);
	vns_buf_free(&c.path);
	if (!st && c.st && !c.err->code)
		st = vns_err_set(err, c.st, "'%s': out of memory", stub);
	return st ? st : c.st;
}

vns_status vns_db_check(const char *path, unsigned long *problems,
			char **report, vns_err *err)
{
	vns_buf out, stub;
	struct stat sb;
	vns_status st;

	*problems = 0;
	*report = NULL;
	vns_buf_init(&out, 0);
	vns_buf_init(&stub, 0);
	if (vns_buf_addf(&stub, "%s/%s", path, VNS_STUB_NAME))
		st = vns_err_set(err, VNS_ETOOBIG, "'%s': path too long", path);
	else if (stat(stub.data, &sb) == 0)
		st = check_stub(path, stub.data, problems, &out, err);
	else
		st = check_one(path, problems, &out, err);
	vns_buf_free(&stub);
	if (!st)
		*report = vns_buf_detach(&out, NULL);
	vns_buf_free(&out);
	return st;
}
