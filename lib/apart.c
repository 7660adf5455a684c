/* apart.c - work run in a child process (see apart.h). */
#include "apart.h"

#include <errno.h>
#include <signal.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

int vns_apart_write(int fd, const void *p, size_t n)
{
	const char *at = p;
	ssize_t k;

	while (n) {
		k = write(fd, at, n);
		if (k < 0 && errno == EINTR)
			continue;
		if (k <= 0)
			return -1;
		at += k;
		n -= (size_t)k;
	}
	return 0;
}

/* In the child: fn's work, then _exit() without the parent's atexit
 * handlers or stdio buffers. */
static void child(void (*fn)(void *ctx, int fd), void *ctx, int fd)
{
	static const int deadly[] = { SIGSEGV, SIGBUS, SIGFPE, SIGILL };

	for (size_t i = 0; i < sizeof deadly / sizeof *deadly; i++)
		signal(deadly[i], SIG_DFL);
	fn(ctx, fd);
	_exit(0);
}

/* Read fd to its end into out; what passes out's cap is read and
 * dropped, so the child never blocks on a full pipe. */
static void drain(int fd, vns_buf *out)
{
	char buf[4096];
	ssize_t k;

	while ((k = read(fd, buf, sizeof buf)) != 0) {
		if (k < 0 && errno == EINTR)
			continue;
		if (k < 0)
			break;
		(void)vns_buf_add(out, buf, (size_t)k);
	}
}

vns_status vns_apart_run(void (*fn)(void *ctx, int fd), void *ctx,
			 vns_buf *out, int *signo, vns_err *err)
{
	int fds[2], status = 0;
	pid_t pid;

	*signo = 0;
	if (pipe(fds))
		return vns_err_set(err, VNS_EIO, "pipe: %s", strerror(errno));
	if ((pid = fork()) < 0) {
		int e = errno;

		close(fds[0]);
		close(fds[1]);
		return vns_err_set(err, VNS_EIO, "fork: %s", strerror(e));
	}
	if (pid == 0) {
		close(fds[0]);
		child(fn, ctx, fds[1]);
	}
	close(fds[1]);
	drain(fds[0], out);
	close(fds[0]);
	while (waitpid(pid, &status, 0) < 0 && errno == EINTR)
		;
	if (WIFSIGNALED(status))
		*signo = WTERMSIG(status);
	return VNS_OK;
}
