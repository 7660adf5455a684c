/* check.c - vns_db_check() of vnsearch.h: Xapian's consistency check of
 * an index, one database or each local shard a stub file lists. */
#include "vnsearch.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "buf.h"
#include "status.h"
#include "xapian-c.h"

/* Check one database at path; its problems are added to *problems and
 * its account, headed by its name, to out. */
static vns_status check_one(const char *path, unsigned long *problems,
			    vns_buf *out, vns_err *err)
{
	unsigned long n = 0;
	char *text = NULL;
	vns_status st = vns_xdb_check(path, &n, &text, err);

	if (st)
		return st;
	*problems += n;
	if (vns_buf_addf(out, "== %s: %lu problem%s\n%s", path, n,
			 n == 1 ? "" : "s", text))
		st = vns_err_set(err, VNS_ENOMEM, "out of memory");
	free(text);
	return st;
}

/* Check each local shard the stub file lists ("auto NAME", "glass
 * NAME" or a bare NAME relative to dir); remote ones are named as not
 * checked. */
static vns_status check_stub(const char *dir, const char *stub,
			     unsigned long *problems, vns_buf *out,
			     vns_err *err)
{
	FILE *f = fopen(stub, "r");
	char line[1024];
	vns_buf path;
	vns_status st = VNS_OK;

	if (!f)
		return vns_err_set(err, VNS_EDBOPEN, "'%s': cannot read", stub);
	vns_buf_init(&path, 0);
	while (!st && fgets(line, sizeof line, f)) {
		char *name = line;

		line[strcspn(line, "\r\n")] = '\0';
		if (!*line || *line == '#')
			continue;
		if (!strncmp(line, "remote", 6)) {
			st = vns_buf_addf(out, "== %s: not checked here (run "
					  "xapian-check on its host)\n", line);
			continue;
		}
		if (!strncmp(line, "auto ", 5) || !strncmp(line, "glass ", 6))
			name = strchr(line, ' ') + 1;
		vns_buf_reset(&path);
		st = *name == '/' ? vns_buf_adds(&path, name)
				  : vns_buf_addf(&path, "%s/%s", dir, name);
		if (!st && (st = check_one(path.data, problems, out, err)))
			vns_err_prefix(err, "shard '%s': ", path.data);
	}
	fclose(f);
	vns_buf_free(&path);
	return st;
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
	if (vns_buf_addf(&stub, "%s/XAPIANDB", path))
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
