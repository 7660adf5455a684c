/* docfile.c - shared helpers of the whole-file readers (see docfile.h). */
#include "docfile.h"

#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "date.h"

vns_status vns_docfile_read(const char *path, size_t cap, vns_buf *out,
			    vns_err *err)
{
	struct stat sb;
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	vns_status st = VNS_OK;

	vns_buf_reset(out);
	if (fd < 0)
		return vns_err_set(err, VNS_EIO, "cannot open: %s",
				   strerror(errno));
	if (fstat(fd, &sb) != 0 || !S_ISREG(sb.st_mode))
		st = vns_err_set(err, VNS_EIO, "not a regular file");
	else if ((unsigned long long)sb.st_size > cap)
		st = vns_err_set(err, VNS_ETOOBIG,
				 "file is %lld bytes, over the limit of %zu",
				 (long long)sb.st_size, cap);
	else if (sb.st_size == 0)
		st = vns_err_set(err, VNS_ERECORD, "empty file");
	else if (vns_buf_grow(out, (size_t)sb.st_size))
		st = vns_err_set(err, VNS_ENOMEM, "out of memory");
	while (!st) {
		ssize_t n = read(fd, out->data + out->len,
				 out->alloc - out->len - 1);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0)
			st = vns_err_set(err, VNS_EIO, "read error: %s",
					 strerror(errno));
		if (n <= 0)
			break;
		out->len += (size_t)n;
		if (out->len + 1 >= out->alloc)
			break; /* the file grew while read: keep what fits */
	}
	close(fd);
	if (out->alloc)
		out->data[out->len] = '\0';
	return st;
}

vns_status vns_docfile_id(const char *path, vns_doc *doc, vns_err *err)
{
	char real[PATH_MAX];
	size_t n;

	if (!realpath(path, real))
		return vns_err_set(err, VNS_EIO, "%s", strerror(errno));
	n = strlen(real) + sizeof "file:";
	free(doc->id);
	doc->id = malloc(n);
	if (!doc->id)
		return vns_err_set(err, VNS_ENOMEM, "out of memory");
	snprintf(doc->id, n, "file:%s", real);
	return VNS_OK;
}

/* Trailing newlines of out. */
static int trailing_newlines(const vns_buf *out)
{
	int n = 0;

	for (size_t i = out->len; i > 0 && out->data[i - 1] == '\n'; i--)
		n++;
	return n;
}

vns_status vns_docfile_add_text(vns_buf *out, const char *text, size_t len)
{
	for (size_t i = 0; i < len; i++) {
		unsigned char c = (unsigned char)text[i];
		vns_status st = VNS_OK;
		char last = out->len ? out->data[out->len - 1] : '\n';

		if (c == '\n') {
			if (last == ' ')
				vns_buf_truncate(out, out->len - 1);
			if (trailing_newlines(out) < 2)
				st = vns_buf_addc(out, '\n');
		} else if (c == ' ' || c == '\t' || c == '\r' || c == '\f' ||
			   c == '\v') {
			if (last != ' ' && last != '\n')
				st = vns_buf_addc(out, ' ');
		} else if (c < 0x20) {
			continue; /* other controls: dropped */
		} else {
			st = vns_buf_addc(out, (char)c);
		}
		if (st)
			return st;
	}
	return VNS_OK;
}

void vns_docfile_trim(vns_buf *out)
{
	size_t start = 0, end = out->len;

	while (start < end && isspace((unsigned char)out->data[start]))
		start++;
	while (end > start && isspace((unsigned char)out->data[end - 1]))
		end--;
	memmove(out->data, out->data + start, end - start);
	vns_buf_truncate(out, end - start);
}

int vns_docfile_date(const char *in, char *out, size_t cap)
{
	vns_date d;
	char iso[VNS_DATE_ISO_LEN + 1];

	out[0] = '\0';
	if (!vns_date_parse_any(in, &d))
		return 0;
	vns_date_format(&d, iso);
	snprintf(out, cap, "%s", iso);
	return 1;
}

char *vns_docfile_line(const char *text)
{
	vns_buf b;

	if (!text)
		return NULL;
	vns_buf_init(&b, 0);
	vns_docfile_add_text(&b, text, strlen(text));
	for (size_t i = 0; i < b.len; i++)
		if (b.data[i] == '\n')
			b.data[i] = ' ';
	vns_docfile_trim(&b);
	if (!b.len) {
		vns_buf_free(&b);
		return NULL;
	}
	return vns_buf_detach(&b, NULL);
}

vns_status vns_docfile_give(const char *path, vns_status made, vns_doc *doc,
			    const vns_err *why, const vns_sink *sink,
			    vns_err *err)
{
	vns_status st = VNS_OK;

	if (made)
		sink->bad(sink->ctx, path, 0, why);
	else
		st = sink->doc(sink->ctx, doc, path, 0, err);
	vns_doc_clear(doc);
	return st;
}

vns_status vns_docfile_index(const char *path, vns_docfile_parse_fn parse,
			     const vns_sink *sink, vns_err *err)
{
	vns_buf raw;
	vns_doc doc = { 0 };
	vns_err why;
	vns_status made, st;

	vns_err_clear(&why);
	vns_buf_init(&raw, VNS_DOCFILE_MAX + 1);
	made = vns_docfile_read(path, VNS_DOCFILE_MAX, &raw, &why);
	if (!made)
		made = parse(raw.data, raw.len, &doc, &why);
	if (!made)
		made = vns_docfile_id(path, &doc, &why);
	st = vns_docfile_give(path, made, &doc, &why, sink, err);
	vns_buf_free(&raw);
	return st;
}
