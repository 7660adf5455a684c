/* pdf.c - PDF through pdftotext in a bounded child process (see pdf.h). */
#include "pdf.h"

#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "docfile.h"
#include "html.h"
#include "ocrpool.h"

/* In the child: limits, pipes, exec; never returns. */
static void child(char *const argv[], unsigned seconds, int out, int errfd)
{
	struct rlimit cpu = { seconds, seconds + 1 };
	struct rlimit mem = { VNS_PDF_MEMORY, VNS_PDF_MEMORY };
	int null = open("/dev/null", O_RDONLY);

	setrlimit(RLIMIT_CPU, &cpu);
	setrlimit(RLIMIT_AS, &mem);
	if (null < 0 || dup2(null, 0) < 0 || dup2(out, 1) < 0 ||
	    dup2(errfd, 2) < 0)
		_exit(127);
	execvp(argv[0], argv);
	_exit(127);
}

static double now(void)
{
	struct timespec t;

	clock_gettime(CLOCK_MONOTONIC, &t);
	return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

/* Read one chunk from fd into b (bytes past b's cap set *over). 0 at end
 * of file, 1 if more may come. */
static int drain(int fd, vns_buf *b, int *over)
{
	char chunk[65536];
	ssize_t n = read(fd, chunk, sizeof chunk);

	if (n < 0 && (errno == EINTR || errno == EAGAIN))
		return 1;
	if (n <= 0)
		return 0;
	if (vns_buf_add(b, chunk, (size_t)n))
		*over = 1;
	return 1;
}

struct run {
	pid_t pid;
	int out, errfd;
	int over, timed_out;
};

/* Collect the child's output until both pipes close, the output passes
 * the cap or the time runs out. */
static void collect(struct run *r, unsigned seconds, vns_buf *out,
		    vns_buf *errtext)
{
	double deadline = now() + seconds;
	int open_out = 1, open_err = 1, dummy = 0;

	while ((open_out || open_err) && !r->over) {
		struct pollfd p[2] = { { r->out, POLLIN, 0 },
				       { r->errfd, POLLIN, 0 } };
		double left = deadline - now();
		int n;

		if (left <= 0) {
			r->timed_out = 1;
			break;
		}
		p[0].fd = open_out ? r->out : -1;
		p[1].fd = open_err ? r->errfd : -1;
		n = poll(p, 2, (int)(left * 1000) + 1);
		if (n < 0 && errno != EINTR)
			break;
		if (open_out && (p[0].revents & (POLLIN | POLLHUP | POLLERR)))
			open_out = drain(r->out, out, &r->over);
		if (open_err && (p[1].revents & (POLLIN | POLLHUP | POLLERR)))
			open_err = drain(r->errfd, errtext, &dummy);
	}
}

static vns_status run_result(const char *prog, struct run *r, int status,
			     unsigned seconds, vns_buf *out,
			     const vns_buf *errtext, vns_err *err)
{
	int n = (int)strcspn(errtext->data, "\n");

	if (r->timed_out)
		return vns_err_set(err, VNS_EIO, "%s timed out after %u s",
				   prog, seconds);
	if (r->over)
		return vns_err_set(err, VNS_ETOOBIG,
				   "%s output over %zu bytes", prog, out->cap);
	if (WIFSIGNALED(status))
		return vns_err_set(err, VNS_EIO, "%s killed by signal %d%s",
				   prog, WTERMSIG(status),
				   WTERMSIG(status) == SIGXCPU ? " (cpu limit)"
							       : "");
	if (WIFEXITED(status) && WEXITSTATUS(status) == 127)
		return vns_err_set(err, VNS_EIO, "cannot run %s", prog);
	if (!WIFEXITED(status) || WEXITSTATUS(status) != 0)
		return vns_err_set(err, VNS_EIO, "%s failed (exit %d)%s%.*s",
				   prog, WEXITSTATUS(status), n ? ": " : "", n,
				   errtext->data);
	return VNS_OK;
}

vns_status vns_pdf_run(char *const argv[], unsigned seconds, vns_buf *out,
		       vns_err *err)
{
	int po[2], pe[2], status = 0;
	struct run r = { 0, -1, -1, 0, 0 };
	vns_buf errtext;
	vns_status st;

	if (pipe2(po, O_CLOEXEC) != 0)
		return vns_err_set(err, VNS_EIO, "pipe: %s", strerror(errno));
	if (pipe2(pe, O_CLOEXEC) != 0) {
		close(po[0]);
		close(po[1]);
		return vns_err_set(err, VNS_EIO, "pipe: %s", strerror(errno));
	}
	r.pid = fork();
	if (r.pid == 0)
		child(argv, seconds, po[1], pe[1]);
	close(po[1]);
	close(pe[1]);
	r.out = po[0];
	r.errfd = pe[0];
	if (r.pid < 0) {
		close(r.out);
		close(r.errfd);
		return vns_err_set(err, VNS_EIO, "fork: %s", strerror(errno));
	}
	vns_buf_init(&errtext, 4096);
	collect(&r, seconds, out, &errtext);
	if (r.timed_out || r.over)
		kill(r.pid, SIGKILL);
	close(r.out);
	close(r.errfd);
	while (waitpid(r.pid, &status, 0) < 0 && errno == EINTR)
		;
	st = run_result(argv[0], &r, status, seconds, out, &errtext, err);
	vns_buf_free(&errtext);
	return st;
}

/* 1 if the file begins with "%PDF-" within its first KiB, as readers
 * allow. */
static int looks_like_pdf(const char *path, vns_err *why)
{
	char head[1025];
	FILE *f = fopen(path, "rb");
	size_t n;

	if (!f) {
		vns_err_set(why, VNS_EIO, "cannot open: %s", strerror(errno));
		return 0;
	}
	n = fread(head, 1, 1024, f);
	fclose(f);
	head[n] = '\0';
	if (n == 0) {
		vns_err_set(why, VNS_ERECORD, "empty file");
		return 0;
	}
	if (!memmem(head, n, "%PDF-", 5)) {
		vns_err_set(why, VNS_ERECORD, "not a pdf: no %%PDF- header");
		return 0;
	}
	return 1;
}

int vns_pdf_thin_page(const char *text, size_t len)
{
	size_t visible = 0;

	for (size_t i = 0; i < len && visible < VNS_PDF_SCAN_TEXT; i++)
		visible += !isspace((unsigned char)text[i]);
	return visible < VNS_PDF_SCAN_TEXT;
}

/* 1 when a page of pdftotext's output (-htmlmeta: the pages in <pre>,
 * each ended by a form feed) has little or no text. */
static int thin_text(const vns_buf *out)
{
	const char *p = strstr(out->data, "<pre>"), *ff;

	for (p = p ? p + 5 : out->data; (ff = strchr(p, '\f')); p = ff + 1)
		if (vns_pdf_thin_page(p, (size_t)(ff - p)))
			return 1;
	return p == out->data; /* no page at all */
}

/* The PDF's document from its text layer; *scan set instead when the
 * pages are pictures. */
static vns_status pdf_doc(const char *path, vns_doc *doc, vns_err *why,
			  int *scan)
{
	const char *prog = getenv("VNS_PDFTOTEXT");
	char *argv[] = { (char *)(prog && *prog ? prog : "pdftotext"), "-q",
			 "-enc", "UTF-8", "-htmlmeta", (char *)path,
			 "-", NULL };
	vns_buf out;
	vns_status st;

	if (!looks_like_pdf(path, why))
		return why->code;
	vns_buf_init(&out, VNS_PDF_OUTPUT);
	st = vns_pdf_run(argv, VNS_PDF_SECONDS, &out, why);
	if (!st)
		st = vns_html_parse(out.data, out.len, "UTF-8", doc, why);
	*scan = st == VNS_ERECORD || (!st && thin_text(&out));
	if (!st)
		st = vns_docfile_id(path, doc, why);
	vns_buf_free(&out);
	return st;
}

vns_status vns_read_pdf(const char *path, const vns_sink *sink,
			vns_err *err)
{
	vns_doc doc = { 0 };
	vns_err why;
	int scan = 0;
	vns_status made;

	vns_err_clear(&why);
	made = pdf_doc(path, &doc, &why, &scan);
	if (scan) {
		made = vns_ocrpool_read(path, VNS_SCAN_PDF, &doc, sink, err);
		vns_doc_clear(&doc);
		return made;
	}
	return vns_docfile_give(path, made, &doc, &why, sink, err);
}
