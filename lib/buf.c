/* buf.c - the capped growable buffer. */
#include "buf.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static char empty_string[1];

void vns_buf_init(vns_buf *b, size_t cap)
{
	b->data = empty_string;
	b->len = 0;
	b->alloc = 0;
	b->cap = cap ? cap : VNS_BUF_DEFAULT_CAP;
}

void vns_buf_free(vns_buf *b)
{
	if (!b)
		return;
	if (b->alloc)
		free(b->data);
	b->data = empty_string;
	b->len = 0;
	b->alloc = 0;
}

void vns_buf_reset(vns_buf *b)
{
	vns_buf_truncate(b, 0);
}

vns_status vns_buf_grow(vns_buf *b, size_t extra)
{
	size_t want, n;
	char *p;

	if (extra > b->cap || b->len > b->cap - extra)
		return VNS_ETOOBIG;
	want = b->len + extra + 1;
	if (want <= b->alloc)
		return VNS_OK;
	n = b->alloc ? b->alloc : 64;
	while (n < want)
		n = n > SIZE_MAX / 2 ? want : n * 2;
	p = b->alloc ? realloc(b->data, n) : malloc(n);
	if (!p)
		return VNS_ENOMEM;
	if (!b->alloc)
		p[0] = '\0';
	b->data = p;
	b->alloc = n;
	return VNS_OK;
}

vns_status vns_buf_add(vns_buf *b, const void *s, size_t n)
{
	vns_status st = vns_buf_grow(b, n);

	if (st)
		return st;
	if (n)
		memcpy(b->data + b->len, s, n);
	b->len += n;
	b->data[b->len] = '\0';
	return VNS_OK;
}

vns_status vns_buf_adds(vns_buf *b, const char *s)
{
	return vns_buf_add(b, s, strlen(s));
}

vns_status vns_buf_addc(vns_buf *b, char c)
{
	return vns_buf_add(b, &c, 1);
}

vns_status vns_buf_vaddf(vns_buf *b, const char *fmt, va_list ap)
{
	va_list cp;
	int n;
	vns_status st;

	va_copy(cp, ap);
	n = vsnprintf(NULL, 0, fmt, cp);
	va_end(cp);
	if (n < 0)
		return VNS_EINVAL;
	st = vns_buf_grow(b, (size_t)n);
	if (st)
		return st;
	vsnprintf(b->data + b->len, (size_t)n + 1, fmt, ap);
	b->len += (size_t)n;
	return VNS_OK;
}

vns_status vns_buf_addf(vns_buf *b, const char *fmt, ...)
{
	va_list ap;
	vns_status st;

	va_start(ap, fmt);
	st = vns_buf_vaddf(b, fmt, ap);
	va_end(ap);
	return st;
}

void vns_buf_truncate(vns_buf *b, size_t len)
{
	if (len > b->len)
		return;
	b->len = len;
	if (b->alloc)
		b->data[len] = '\0';
}

char *vns_buf_detach(vns_buf *b, size_t *len_out)
{
	char *s;

	if (!b->alloc) {
		s = malloc(1);
		if (s)
			s[0] = '\0';
	} else {
		s = b->data;
	}
	if (len_out)
		*len_out = s ? b->len : 0;
	b->data = empty_string;
	b->len = 0;
	b->alloc = 0;
	return s;
}
