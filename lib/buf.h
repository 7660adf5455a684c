/* buf.h - one growable byte buffer with a cap (after git's strbuf and curl's
 * dynbuf): never NULL once initialised, always NUL-terminated, and an append
 * past the cap fails with VNS_ETOOBIG instead of eating the heap. */
#ifndef VNS_BUF_H
#define VNS_BUF_H

#include <stdarg.h>
#include <stddef.h>

#include "status.h"

/* Default cap: large enough for any real bulletin, small enough that a
 * hostile 2 GB "document" meets a limit. Test builds shrink it. */
#ifndef VNS_BUF_DEFAULT_CAP
#define VNS_BUF_DEFAULT_CAP ((size_t)256 * 1024 * 1024)
#endif

typedef struct vns_buf {
	char *data;   /* always valid and NUL-terminated after init */
	size_t len;   /* bytes used, excluding the NUL */
	size_t alloc; /* bytes allocated (0 while data points at a static "") */
	size_t cap;   /* most bytes len may reach */
} vns_buf;

/* Initialise an empty buffer that may grow to cap bytes (0 = default cap). */
void vns_buf_init(vns_buf *b, size_t cap);

/* Release the memory and leave b empty but usable; accepts NULL. */
void vns_buf_free(vns_buf *b);

/* Empty the buffer, keeping its memory. */
void vns_buf_reset(vns_buf *b);

/* Make room for extra more bytes; VNS_ETOOBIG past the cap, VNS_ENOMEM. */
vns_status vns_buf_grow(vns_buf *b, size_t extra);

/* Append n bytes of s. */
vns_status vns_buf_add(vns_buf *b, const void *s, size_t n);

/* Append a NUL-terminated string. */
vns_status vns_buf_adds(vns_buf *b, const char *s);

/* Append one byte. */
vns_status vns_buf_addc(vns_buf *b, char c);

/* Append printf-style formatted text. */
vns_status vns_buf_addf(vns_buf *b, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

/* vprintf form of vns_buf_addf. */
vns_status vns_buf_vaddf(vns_buf *b, const char *fmt, va_list ap);

/* Cut the buffer to len bytes (len <= b->len). */
void vns_buf_truncate(vns_buf *b, size_t len);

/* Take the string out of the buffer: caller frees with free(); b is left
 * empty. Returns NULL only when out of memory. */
char *vns_buf_detach(vns_buf *b, size_t *len_out);

#endif
