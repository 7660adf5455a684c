/* ocrcache.c - recognised text and its cache (see ocrcache.h). An entry:
 *   vnsearch-ocr 1 vie+eng
 *   pages 2 of 2
 *   page 87.5 1234
 *   <1234 bytes of text>
 *   page ...
 */
#include "ocrcache.h"

#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <nettle/sha2.h>

#include "ocr.h"

#define MAGIC "vnsearch-ocr 1 " VNS_OCR_LANGS "\n"

void vns_ocrtext_init(vns_ocrtext *t)
{
	memset(t, 0, sizeof *t);
	vns_buf_init(&t->text, VNS_OCRTEXT_MAX);
}

void vns_ocrtext_free(vns_ocrtext *t)
{
	if (!t)
		return;
	vns_buf_free(&t->text);
	free(t->page);
	t->page = NULL;
	t->npages = t->total = 0;
}

vns_status vns_ocrtext_add_page(vns_ocrtext *t, size_t from,
				double confidence, vns_err *err)
{
	vns_ocrpage *p = realloc(t->page, (t->npages + 1) * sizeof *p);

	if (!p)
		return vns_err_set(err, VNS_ENOMEM, "out of memory");
	t->page = p;
	p[t->npages].off = from;
	p[t->npages].len = t->text.len - from;
	p[t->npages].confidence = confidence;
	t->npages++;
	return VNS_OK;
}

double vns_ocrtext_confidence(const vns_ocrtext *t)
{
	double sum = 0, n = 0;

	for (unsigned i = 0; i < t->npages; i++) {
		if (t->page[i].confidence < 0)
			continue;
		sum += t->page[i].confidence * (double)t->page[i].len;
		n += (double)t->page[i].len;
	}
	return n > 0 ? sum / n : 0;
}

vns_status vns_ocrcache_key(const char *path, char key[65], vns_err *err)
{
	struct sha256_ctx ctx;
	uint8_t digest[SHA256_DIGEST_SIZE], chunk[65536];
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	ssize_t n;

	if (fd < 0)
		return vns_err_set(err, VNS_EIO, "cannot open: %s",
				   strerror(errno));
	sha256_init(&ctx);
	while ((n = read(fd, chunk, sizeof chunk)) != 0) {
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0) {
			close(fd);
			return vns_err_set(err, VNS_EIO, "read error: %s",
					   strerror(errno));
		}
		sha256_update(&ctx, (size_t)n, chunk);
	}
	close(fd);
	sha256_digest(&ctx, sizeof digest, digest);
	for (size_t i = 0; i < sizeof digest; i++)
		snprintf(key + 2 * i, 3, "%02x", digest[i]);
	return VNS_OK;
}

char *vns_ocrcache_default_dir(void)
{
	const char *xdg = getenv("XDG_CACHE_HOME");
	const char *home = getenv("HOME");
	vns_buf b;

	vns_buf_init(&b, 0);
	if (xdg && *xdg == '/')
		vns_buf_addf(&b, "%s/vnsearch/ocr", xdg);
	else if (home && *home)
		vns_buf_addf(&b, "%s/.cache/vnsearch/ocr", home);
	else
		return NULL;
	return vns_buf_detach(&b, NULL);
}

static char *entry_path(const char *dir, const char *key, const char *tail)
{
	vns_buf b;

	vns_buf_init(&b, 0);
	if (vns_buf_addf(&b, "%s/%s.ocr%s", dir, key, tail)) {
		vns_buf_free(&b);
		return NULL;
	}
	return vns_buf_detach(&b, NULL);
}

/* Read one page of an entry from f into t; 0 at a damaged entry. */
static int read_page(FILE *f, vns_ocrtext *t)
{
	double conf;
	size_t len, from = t->text.len;

	if (fscanf(f, "page %lf %zu", &conf, &len) != 2 || fgetc(f) != '\n' ||
	    len > VNS_OCRTEXT_MAX || vns_buf_grow(&t->text, len))
		return 0;
	if (fread(t->text.data + from, 1, len, f) != len ||
	    memchr(t->text.data + from, '\0', len))
		return 0;
	t->text.len += len;
	t->text.data[t->text.len] = '\0';
	return vns_ocrtext_add_page(t, from, conf, NULL) == VNS_OK &&
	       fgetc(f) == '\n';
}

int vns_ocrcache_get(const char *dir, const char *key, vns_ocrtext *t)
{
	char *path = entry_path(dir, key, "");
	char magic[sizeof MAGIC];
	FILE *f = path ? fopen(path, "rb") : NULL;
	unsigned n = 0, total = 0;
	int ok;

	vns_ocrtext_free(t);
	vns_ocrtext_init(t);
	free(path);
	if (!f)
		return 0;
	ok = fread(magic, 1, sizeof MAGIC - 1, f) == sizeof MAGIC - 1 &&
	     memcmp(magic, MAGIC, sizeof MAGIC - 1) == 0 &&
	     fscanf(f, "pages %u of %u", &n, &total) == 2 &&
	     fgetc(f) == '\n' && n <= total;
	for (unsigned i = 0; ok && i < n; i++)
		ok = read_page(f, t);
	ok = ok && fgetc(f) == EOF;
	fclose(f);
	t->total = total;
	if (!ok) {
		vns_ocrtext_free(t);
		vns_ocrtext_init(t);
	}
	return ok;
}

/* mkdir -p dir. */
static int make_dirs(const char *dir)
{
	char *copy = strdup(dir);
	int ok = copy != NULL;

	for (char *p = copy ? copy + 1 : NULL; ok && p && *p; p++) {
		if (*p != '/')
			continue;
		*p = '\0';
		ok = mkdir(copy, 0777) == 0 || errno == EEXIST;
		*p = '/';
	}
	ok = ok && (mkdir(copy, 0777) == 0 || errno == EEXIST);
	free(copy);
	return ok;
}

static int write_entry(FILE *f, const vns_ocrtext *t)
{
	int ok = fputs(MAGIC, f) >= 0 &&
		 fprintf(f, "pages %u of %u\n", t->npages, t->total) > 0;

	for (unsigned i = 0; ok && i < t->npages; i++) {
		const vns_ocrpage *p = &t->page[i];

		ok = fprintf(f, "page %.2f %zu\n", p->confidence, p->len) > 0 &&
		     fwrite(t->text.data + p->off, 1, p->len, f) == p->len &&
		     fputc('\n', f) != EOF;
	}
	return ok;
}

vns_status vns_ocrcache_put(const char *dir, const char *key,
			    const vns_ocrtext *t, vns_err *err)
{
	char tail[64];
	char *tmp, *path = entry_path(dir, key, "");
	FILE *f;
	int ok;

	snprintf(tail, sizeof tail, ".tmp.%ld.%lx", (long)getpid(),
		 (unsigned long)pthread_self());
	tmp = entry_path(dir, key, tail);
	ok = path && tmp && make_dirs(dir) && (f = fopen(tmp, "wb")) != NULL;
	if (ok) {
		ok = write_entry(f, t);
		ok = fclose(f) == 0 && ok;
		ok = ok && rename(tmp, path) == 0;
		if (!ok)
			unlink(tmp);
	}
	free(tmp);
	free(path);
	if (!ok)
		return vns_err_set(err, VNS_EIO, "cannot write the ocr cache "
				   "'%s': %s", dir, strerror(errno));
	return VNS_OK;
}
