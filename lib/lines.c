/* lines.c - capped line reader over zlib's gzread (plain or gzip). */
#include "lines.h"

#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <zlib.h>

#include "buf.h"

#define CHUNK (64 * 1024)

struct vns_lines {
	gzFile gz;
	char *chunk;
	size_t pos, fill; /* unread bytes are chunk[pos..fill) */
	int eof;
	int skipping;     /* inside an over-long line */
	size_t max;       /* longest line, "\r" excluded */
	unsigned long lineno;
	vns_buf line;
};

vns_status vns_lines_open(const char *path, size_t max_line, vns_lines **out,
			  vns_err *err)
{
	vns_lines *r = calloc(1, sizeof *r);
	int fd;

	if (!r || !(r->chunk = malloc(CHUNK))) {
		free(r);
		return vns_err_set(err, VNS_ENOMEM, "out of memory");
	}
	fd = strcmp(path, "-") == 0 ? dup(0) : open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0 || !(r->gz = gzdopen(fd, "rb"))) {
		int e = errno;
		if (fd >= 0)
			close(fd);
		free(r->chunk);
		free(r);
		return vns_err_set(err, VNS_EIO, "cannot open: %s",
				   strerror(e));
	}
	gzbuffer(r->gz, CHUNK);
	/* one byte more than max for the "\r" of a CRLF line; finish()
	 * checks the line without it */
	r->max = max_line ? max_line : VNS_BUF_DEFAULT_CAP;
	vns_buf_init(&r->line, r->max < SIZE_MAX ? r->max + 1 : r->max);
	*out = r;
	return VNS_OK;
}

/* Refill the chunk: 1 if bytes came, 0 at a clean end, -VNS_EIO. */
static int refill(vns_lines *r, vns_err *err)
{
	int n, zerr;
	const char *msg;

	if (r->eof)
		return 0;
	n = gzread(r->gz, r->chunk, CHUNK);
	if (n > 0) {
		r->pos = 0;
		r->fill = (size_t)n;
		return 1;
	}
	msg = gzerror(r->gz, &zerr);
	r->eof = 1;
	/* zlib names the file "<fd:N>: " (gzdopen); the caller names it */
	if (strncmp(msg, "<fd:", 4) == 0 && strstr(msg, ">: "))
		msg = strstr(msg, ">: ") + 3;
	if (n < 0 || (zerr != Z_OK && zerr != Z_STREAM_END)) {
		vns_err_set(err, VNS_EIO, "after line %lu: %s", r->lineno,
			    zerr == Z_BUF_ERROR ? "truncated gzip data" : msg);
		return -VNS_EIO;
	}
	return 0;
}

/* Finish the current line: 1 with it, or -VNS_ETOOBIG if it was skipped. */
static int finish(vns_lines *r, const char **line, size_t *len, vns_err *err)
{
	r->lineno++;
	if (r->line.len && r->line.data[r->line.len - 1] == '\r')
		vns_buf_truncate(&r->line, r->line.len - 1);
	if (r->skipping || r->line.len > r->max) {
		r->skipping = 0;
		vns_buf_reset(&r->line);
		vns_err_set(err, VNS_ETOOBIG, "line longer than %zu bytes",
			    r->max);
		return -VNS_ETOOBIG;
	}
	*line = r->line.data;
	*len = r->line.len;
	return 1;
}

static void take(vns_lines *r, size_t n)
{
	if (!r->skipping && vns_buf_add(&r->line, r->chunk + r->pos, n))
		r->skipping = 1;
	r->pos += n;
}

int vns_lines_next(vns_lines *r, const char **line, size_t *len, vns_err *err)
{
	vns_buf_reset(&r->line);
	for (;;) {
		char *nl;
		int got;

		if (r->pos == r->fill) {
			got = refill(r, err);
			if (got < 0)
				return got;
			if (got == 0)
				return r->line.len || r->skipping
					       ? finish(r, line, len, err)
					       : 0;
		}
		nl = memchr(r->chunk + r->pos, '\n', r->fill - r->pos);
		if (nl) {
			take(r, (size_t)(nl - (r->chunk + r->pos)));
			r->pos++;
			return finish(r, line, len, err);
		}
		take(r, r->fill - r->pos);
	}
}

unsigned long vns_lines_lineno(const vns_lines *r)
{
	return r->lineno;
}

void vns_lines_free(vns_lines *r)
{
	if (!r)
		return;
	gzclose(r->gz);
	free(r->chunk);
	vns_buf_free(&r->line);
	free(r);
}
