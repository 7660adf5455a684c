/* mapread.c - Xapian's table reads from mappings (see mapread.h). */
#include "mapread.h"

#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

/* Descriptors past this one are read with the system call. */
#define MAP_FDS 1024

/* What is known of one descriptor. */
enum { FD_UNSEEN, FD_MAPPED, FD_PLAIN };

struct fd_map {
	int state;
	const char *p; /* FD_MAPPED: the file's first n bytes */
	size_t n;
};

static struct fd_map maps[MAP_FDS];
static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static volatile sig_atomic_t enabled;

static ssize_t sys_pread(int fd, void *buf, size_t count, off_t offset)
{
	return (ssize_t)syscall(SYS_pread64, fd, buf, count, offset);
}

/* 1 if fd is open read-only on a file named *.glass. */
static int is_table(int fd)
{
	char link[64], path[4096];
	ssize_t n;
	int flags = fcntl(fd, F_GETFL);

	if (flags < 0 || (flags & O_ACCMODE) != O_RDONLY)
		return 0;
	snprintf(link, sizeof link, "/proc/self/fd/%d", fd);
	n = readlink(link, path, sizeof path);
	return n > 6 && (size_t)n < sizeof path &&
	       memcmp(path + n - 6, ".glass", 6) == 0;
}

/* Map fd whole (again, if it grew); 0 when it cannot be. */
static int map_fd(int fd, struct fd_map *m)
{
	struct stat st;
	void *p;

	if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode) || st.st_size <= 0)
		return 0;
	if (m->state == FD_MAPPED && (size_t)st.st_size <= m->n)
		return 1;
	p = mmap(NULL, (size_t)st.st_size, PROT_READ, MAP_SHARED, fd, 0);
	if (p == MAP_FAILED)
		return 0;
	if (m->state == FD_MAPPED)
		munmap((void *)m->p, m->n);
	m->p = p;
	m->n = (size_t)st.st_size;
	m->state = FD_MAPPED;
	return 1;
}

/* 1 if count bytes at offset lie within m's mapping. */
static int within(const struct fd_map *m, off_t offset, size_t count)
{
	return (size_t)offset <= m->n && count <= m->n - (size_t)offset;
}

/* Copy count bytes at offset of fd's mapping into buf; 0 when the
 * mapping cannot serve them. */
static int copy_mapped(int fd, void *buf, size_t count, off_t offset)
{
	struct fd_map *m = &maps[fd];
	int done = 0;

	pthread_mutex_lock(&lock);
	if (m->state == FD_UNSEEN)
		m->state = is_table(fd) && map_fd(fd, m) ? FD_MAPPED : FD_PLAIN;
	if (m->state == FD_MAPPED && !within(m, offset, count))
		map_fd(fd, m); /* a writer may have made the file longer */
	if (m->state == FD_MAPPED && within(m, offset, count)) {
		memcpy(buf, m->p + offset, count);
		done = 1;
	}
	pthread_mutex_unlock(&lock);
	return done;
}

ssize_t pread(int fd, void *buf, size_t count, off_t offset)
{
	if (enabled && fd >= 0 && fd < MAP_FDS && offset >= 0 &&
	    copy_mapped(fd, buf, count, offset))
		return (ssize_t)count;
	return sys_pread(fd, buf, count, offset);
}

ssize_t pread64(int fd, void *buf, size_t count, off_t offset)
	__attribute__((alias("pread")));

int close(int fd)
{
	if (fd >= 0 && fd < MAP_FDS) {
		pthread_mutex_lock(&lock);
		if (maps[fd].state == FD_MAPPED)
			munmap((void *)maps[fd].p, maps[fd].n);
		maps[fd] = (struct fd_map){ FD_UNSEEN, NULL, 0 };
		pthread_mutex_unlock(&lock);
	}
	return (int)syscall(SYS_close, fd);
}

int vns_mapread_is_mapped(int fd)
{
	int mapped;

	if (fd < 0 || fd >= MAP_FDS)
		return 0;
	pthread_mutex_lock(&lock);
	mapped = maps[fd].state == FD_MAPPED;
	pthread_mutex_unlock(&lock);
	return mapped;
}

static struct sigaction old_bus;

/* A fault inside a mapping: its file shrank. Anything else is handled as
 * before. Only async-signal-safe calls; the lock may be held. */
static void on_sigbus(int sig, siginfo_t *info, void *ctx)
{
	static const char msg[] = "vnsearch: an index file shrank while it "
				  "was read (bus error in its mapping)\n";
	const char *at = info ? (const char *)info->si_addr : NULL;

	for (int fd = 0; at && fd < MAP_FDS; fd++)
		if (maps[fd].state == FD_MAPPED && at >= maps[fd].p &&
		    at < maps[fd].p + maps[fd].n) {
			ssize_t unused = write(2, msg, sizeof msg - 1);
			(void)unused;
			_exit(1);
		}
	sigaction(SIGBUS, &old_bus, NULL);
	(void)ctx;
	raise(sig);
}

void vns_mapread_enable(void)
{
	struct sigaction sa, was;

	memset(&sa, 0, sizeof sa);
	sa.sa_sigaction = on_sigbus;
	sa.sa_flags = SA_SIGINFO;
	sigemptyset(&sa.sa_mask);
	if (sigaction(SIGBUS, &sa, &was) == 0 && was.sa_sigaction != on_sigbus)
		old_bus = was;
	enabled = 1;
}
