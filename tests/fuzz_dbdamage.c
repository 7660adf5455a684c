/* fuzz_dbdamage.c - libFuzzer harness of a damaged index. Once per
 * process it builds a small index through vnsearch.h; each input is a
 * list of damage operations (flip a bit, overwrite bytes, truncate a
 * file, overwrite a 4 KB block with noise or given bytes) on the index's
 * files, applied to a fresh copy, which is then searched (rows, facets,
 * ids) and written (a new document, two replaced, one deleted, a commit).
 * Every failure must come back as a status: a crash or a sanitizer
 * report is a finding. A commit that succeeds must leave its new document
 * findable when the index can be read at all.
 *
 * Some damage makes a read inside libxapian loop forever (a block whose
 * directory ends at an even offset, see even_directory_end; a leaf whose
 * items were zeroed): the programs bound every search (VNSEARCH_TIMEOUT)
 * and cannot do more from outside libxapian. So the harness runs in fork
 * mode with timeouts ignored: a hang is written out as a timeout-* file
 * to look at (is it inside libxapian?) and the run goes on; a crash still
 * stops it. In the same way a read of a damaged block can run off its
 * buffer inside libxapian into unmapped memory (the programs report that
 * fault as a failed search, see query/watchdog.h): a SIGSEGV or SIGBUS
 * whose nearest caller of note on the stack is libxapian's code (not
 * counting the C and C++ libraries and the sanitizer's interceptors:
 * libxapian's copy of a string past a block faults in memcpy) ends the
 * fuzzing process with status 0 and a line (the fork mode starts
 * another), and the input is kept in $VNS_FUZZ_FAULTS when that names a
 * folder; a fault under vnsearch's own code, or one the stack does not
 * show, goes on to the sanitizer's handler, a finding.
 *
 *   make build-fuzz/fuzz_dbdamage
 *   build-fuzz/fuzz_dbdamage -fork=1 -ignore_timeouts=1 -timeout=10 \
 *       -max_len=8192 -len_control=0 CORPUS tests/fuzz-seeds-dbdamage
 */
#include <dirent.h>
#include <dlfcn.h>
#include <execinfo.h>
#include <fcntl.h>
#include <ftw.h>
#include <limits.h>
#include <link.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <ucontext.h>
#include <unistd.h>

#include "vnsearch.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Two reports about libxapian are turned off. Its consistency check
 * (which the writer runs on an index changed behind its back) deletes an
 * object through a base class pointer of another size. And its reads of
 * a damaged block copy and compare past it (fuzz_dbdamage.supp, whose
 * path the build gives as VNS_FUZZ_SUPP, says which): those cannot be
 * prevented from outside libxapian, while its writes can and are
 * reported. */
#ifndef VNS_FUZZ_SUPP
#define VNS_FUZZ_SUPP "tests/fuzz_dbdamage.supp"
#endif
const char *__asan_default_options(void);
const char *__asan_default_options(void)
{
	return "new_delete_type_mismatch=0:suppressions=" VNS_FUZZ_SUPP;
}

#define DOCS 48
#define BLOCK 4096
#define MAX_OPS 8
#define MAX_FILES 16

static const char *const words[] = {
	"khuyến", "công", "hỗ", "trợ", "máy", "móc", "chế", "biến", "chè",
	"vải", "thiều", "hợp", "tác", "xã", "sản", "phẩm", "OCOP", "nông",
	"thôn", "kinh", "phí", "tỉnh", "làng", "nghề", "gốm", "sứ", "mây",
	"tre", "đan", "dệt", "may", "cơ", "khí", "trình", "diễn", "kỹ",
	"thuật", "đường", "dương", "hoà", "thuỷ",
};
static const char *const places[] = {
	"Bắc Giang", "Thái Nguyên", "Hà Nội", "Đồng Tháp", "Hòa Bình",
};
static const char *const sources[] = { "baomoi", "dantri", "congthuong" };

static char root[PATH_MAX];     /* this process's scratch folder */
static char pristine[PATH_MAX]; /* the index as built */
static char work[PATH_MAX];     /* the damaged copy */
static char files[MAX_FILES][NAME_MAX + 1]; /* the index's files */
static size_t nfiles;

static unsigned next_rand(unsigned *s)
{
	*s ^= *s << 13;
	*s ^= *s >> 17;
	*s ^= *s << 5;
	return *s;
}

/* printf into buf (size bytes); aborts when it does not fit (a harness
 * bug, not a finding about the library). */
static void path_of(char *buf, size_t size, const char *fmt, const char *a,
		    const char *b)
{
	int n = snprintf(buf, size, fmt, a, b);

	if (n < 0 || (size_t)n >= size)
		abort();
}

static int rm_entry(const char *path, const struct stat *sb, int flag,
		    struct FTW *ftw)
{
	(void)sb;
	(void)flag;
	(void)ftw;
	return remove(path);
}

static void rm_tree(const char *path)
{
	nftw(path, rm_entry, 16, FTW_DEPTH | FTW_PHYS);
}

static void remove_root(void)
{
	rm_tree(root);
}

/* Document i of the index: its words, place and source from a fixed
 * sequence, so every process builds the same index. */
static void make_doc(unsigned i, unsigned *seed, char *body, size_t cap,
		     char *title, size_t tcap, vns_document *d)
{
	size_t n = 0;
	char date[16];

	for (unsigned w = 0, len = 20 + next_rand(seed) % 60; w < len; w++) {
		const char *word = words[next_rand(seed) % (sizeof words /
							    sizeof *words)];
		int k = snprintf(body + n, cap - n, "%s ", word);

		if (k < 0 || (size_t)k >= cap - n)
			break;
		n += (size_t)k;
	}
	snprintf(body + n, cap - n, "ở %s.", places[i % 5]);
	snprintf(title, tcap, "%s %s %u", words[i % 9], places[i % 5], i);
	snprintf(date, sizeof date, "%u-0%u-1%u", 2021 + i % 4, 1 + i % 9,
		 i % 10);
	d->title = title;
	d->date = strdup(date);
	d->source = sources[i % 3];
	d->body = body;
}

static int put_doc(vns_writer *w, const char *id, unsigned i, unsigned *seed)
{
	char body[2048], title[128];
	vns_document d = { 0 };
	vns_err err;
	int rc;

	make_doc(i, seed, body, sizeof body, title, sizeof title, &d);
	d.id = id;
	rc = vns_writer_put(w, &d, &err) != VNS_OK;
	free((char *)d.date);
	return rc;
}

static int by_name(const void *a, const void *b)
{
	return strcmp(a, b);
}

/* The pristine index, and the list of its files (but its lock) in name
 * order: docdata, iamglass, position, postlist, termlist. */
static void build_index(void)
{
	vns_writer_opts o = { .writers = 1, .analysers = VNS_WRITER_NONE };
	unsigned seed = 2463534242u;
	vns_writer *w;
	vns_err err;
	char id[16];
	struct dirent *e;
	DIR *dir;

	if (vns_writer_open(pristine, &o, &w, &err)) {
		fprintf(stderr, "fuzz_dbdamage: %s\n", vns_err_text(&err));
		abort();
	}
	for (unsigned i = 0; i < DOCS; i++) {
		snprintf(id, sizeof id, "d%u", i);
		if (put_doc(w, id, i, &seed))
			abort();
	}
	if (vns_writer_commit(w, &err)) {
		fprintf(stderr, "fuzz_dbdamage: %s\n", vns_err_text(&err));
		abort();
	}
	vns_writer_close(w);
	if (!(dir = opendir(pristine)))
		abort();
	while ((e = readdir(dir)) && nfiles < MAX_FILES)
		if (e->d_name[0] != '.' && strcmp(e->d_name, "flintlock"))
			snprintf(files[nfiles++], sizeof files[0], "%s",
				 e->d_name);
	closedir(dir);
	qsort(files, nfiles, sizeof files[0], by_name);
}

static void setup(void)
{
	const char *tmp = getenv("TMPDIR");
	char pid[32];

	snprintf(pid, sizeof pid, "%ld", (long)getpid());
	path_of(root, sizeof root, "%s/vns-dbdamage-%s",
		tmp && *tmp ? tmp : "/tmp", pid);
	rm_tree(root);
	if (mkdir(root, 0700))
		abort();
	atexit(remove_root);
	path_of(pristine, sizeof pristine, "%s/%s", root, "pristine");
	path_of(work, sizeof work, "%s/%s", root, "db");
	build_index();
}

static void copy_file(const char *from_dir, const char *to_dir,
		      const char *name)
{
	char from[PATH_MAX], to[PATH_MAX], buf[65536];
	int in, out;
	ssize_t n;

	path_of(from, sizeof from, "%s/%s", from_dir, name);
	path_of(to, sizeof to, "%s/%s", to_dir, name);
	in = open(from, O_RDONLY);
	out = open(to, O_WRONLY | O_CREAT | O_TRUNC, 0600);
	if (in < 0 || out < 0)
		abort();
	while ((n = read(in, buf, sizeof buf)) > 0)
		if (write(out, buf, (size_t)n) != n)
			abort();
	close(in);
	close(out);
}

/* A fresh copy of the index from from into to. */
static void copy_index(const char *from, const char *to)
{
	rm_tree(to);
	if (mkdir(to, 0700))
		abort();
	for (size_t i = 0; i < nfiles; i++)
		copy_file(from, to, files[i]);
}

/* ---- damage ------------------------------------------------------------ */

enum op_kind { OP_FLIP, OP_WRITE, OP_TRUNCATE, OP_NOISE_BLOCK,
	       OP_BYTES_BLOCK, OP_KINDS };

/* One operation: 6 bytes [file, kind, offset (3 bytes, big end first),
 * arg], then for OP_WRITE 1 + arg % 16 bytes to write, for
 * OP_BYTES_BLOCK 1 + arg bytes repeated over the block. The offset is
 * taken modulo the file's size (its number of 4 KB blocks for the block
 * operations). */
struct op {
	const char *file;
	enum op_kind kind;
	unsigned long offset;
	unsigned arg;
	const uint8_t *bytes;
	size_t nbytes;
};

/* Read the next operation from *data; 0 when the input has no more. */
static int next_op(const uint8_t **data, size_t *size, struct op *op)
{
	const uint8_t *p = *data;

	if (*size < 6 || !nfiles)
		return 0;
	op->file = files[p[0] % nfiles];
	op->kind = (enum op_kind)(p[1] % OP_KINDS);
	op->offset = (unsigned long)p[2] << 16 | (unsigned long)p[3] << 8 | p[4];
	op->arg = p[5];
	op->bytes = p + 6;
	op->nbytes = op->kind == OP_WRITE	 ? 1 + op->arg % 16
		     : op->kind == OP_BYTES_BLOCK ? 1 + op->arg
						  : 0;
	if (op->nbytes > *size - 6)
		op->nbytes = *size - 6;
	*data += 6 + op->nbytes;
	*size -= 6 + op->nbytes;
	return 1;
}

static void fill_block(const struct op *op, uint8_t *block)
{
	unsigned seed = (unsigned)op->offset * 2654435761u + op->arg + 1;

	for (size_t i = 0; i < BLOCK; i++)
		block[i] = op->kind == OP_NOISE_BLOCK || !op->nbytes
				   ? (uint8_t)next_rand(&seed)
				   : op->bytes[i % op->nbytes];
}

static void apply(const struct op *op)
{
	char path[PATH_MAX];
	uint8_t block[BLOCK], byte;
	struct stat sb;
	off_t at;
	int fd;

	path_of(path, sizeof path, "%s/%s", work, op->file);
	if ((fd = open(path, O_RDWR)) < 0 || fstat(fd, &sb) || !sb.st_size) {
		if (fd >= 0)
			close(fd);
		return;
	}
	at = (off_t)(op->offset % (unsigned long)sb.st_size);
	switch (op->kind) {
	case OP_FLIP:
		if (pread(fd, &byte, 1, at) == 1) {
			byte ^= (uint8_t)(1u << (op->arg % 8));
			(void)!pwrite(fd, &byte, 1, at);
		}
		break;
	case OP_WRITE:
		(void)!pwrite(fd, op->bytes, op->nbytes, at);
		break;
	case OP_TRUNCATE:
		(void)!ftruncate(fd, op->arg & 1 ? at / BLOCK * BLOCK : at);
		break;
	case OP_NOISE_BLOCK:
	case OP_BYTES_BLOCK:
		at = (off_t)(op->offset % ((unsigned long)sb.st_size / BLOCK + 1)) *
		     BLOCK;
		fill_block(op, block);
		(void)!pwrite(fd, block, BLOCK, at);
		break;
	case OP_KINDS:
		break;
	}
	close(fd);
}

/* 1 when a B-tree block of the copy has an even directory end (glass's
 * block header: the level at byte 4, the directory's end at bytes 9-10;
 * the harness's index has 8 KB blocks). Xapian 1.4 checks only that the
 * directory ends inside the block when it reads one, and its binary
 * search of a block whose directory ends at an even offset never ends
 * (GlassTable::find_in_leaf and find_in_branch): a search that meets one
 * hangs, which cannot be prevented from outside libxapian short of
 * checking the whole index first. The writer's check finds it (and is
 * still run); the searches are skipped, or every such input would be a
 * timeout. */
static int even_directory_end(void)
{
	unsigned char head[11];
	char path[PATH_MAX];
	int fd, found = 0;

	for (size_t i = 0; i < nfiles && !found; i++) {
		if (!strstr(files[i], ".glass"))
			continue;
		path_of(path, sizeof path, "%s/%s", work, files[i]);
		if ((fd = open(path, O_RDONLY)) < 0)
			continue;
		for (off_t at = 0; !found &&
				   pread(fd, head, sizeof head, at) == sizeof head;
		     at += 8192)
			found = head[4] != 254 && !(head[10] & 1);
		close(fd);
	}
	return found;
}

/* ---- faults inside libxapian ------------------------------------------- */

#define MAX_SPANS 8

struct spans {
	struct {
		uintptr_t from, to;
	} at[MAX_SPANS];
	size_t n;
};

static struct spans xapian_code, own_code; /* executable segments */
static struct sigaction before[2]; /* the sanitizer's handlers */
static const uint8_t *input;       /* the input being run */
static size_t input_size;

/* Note the code of the program itself (the first object) and of
 * libxapian. */
static int find_code(struct dl_phdr_info *info, size_t size, void *ctx)
{
	struct spans *to = NULL;

	(void)size;
	if (!*(int *)ctx)
		to = &own_code;
	else if (info->dlpi_name && strstr(info->dlpi_name, "libxapian"))
		to = &xapian_code;
	++*(int *)ctx;
	for (int i = 0; to && i < info->dlpi_phnum && to->n < MAX_SPANS; i++) {
		const ElfW(Phdr) *ph = &info->dlpi_phdr[i];

		if (ph->p_type == PT_LOAD && (ph->p_flags & PF_X)) {
			to->at[to->n].from = info->dlpi_addr + ph->p_vaddr;
			to->at[to->n].to = to->at[to->n].from + ph->p_memsz;
			to->n++;
		}
	}
	return 0;
}

static int in_spans(const struct spans *sp, uintptr_t pc)
{
	for (size_t i = 0; i < sp->n; i++)
		if (pc >= sp->at[i].from && pc < sp->at[i].to)
			return 1;
	return 0;
}

/* 1 when the fault at pc happened under libxapian's code: walking out
 * from pc, libxapian comes before any of vnsearch's or the harness's
 * code. The sanitizer's interceptors live in the program too, but they
 * are its exported symbols (memcpy ...), and vnsearch's code is not. */
static int under_xapian(uintptr_t pc)
{
	void *frames[64];
	int n = backtrace(frames, 64), i = 0;

	while (i < n && (uintptr_t)frames[i] != pc)
		i++; /* the handler's own frames */
	for (; i < n; i++) {
		uintptr_t a = (uintptr_t)frames[i];
		Dl_info di;

		if (in_spans(&xapian_code, a))
			return 1;
		if (in_spans(&own_code, a) &&
		    !(dladdr(frames[i], &di) && di.dli_sname))
			return 0;
	}
	return 0;
}

static void say(const char *s)
{
	(void)!write(STDERR_FILENO, s, strlen(s));
}

static void on_fault(int sig, siginfo_t *info, void *uc)
{
	const struct sigaction *up = &before[sig == SIGBUS];
	uintptr_t pc = 0;

#if defined(__x86_64__)
	pc = (uintptr_t)((ucontext_t *)uc)->uc_mcontext.gregs[REG_RIP];
#endif
	if (under_xapian(pc)) {
		const char *dir = getenv("VNS_FUZZ_FAULTS");
		char path[PATH_MAX];
		int fd;

		say("fuzz_dbdamage: a memory fault inside libxapian reading "
		    "a damaged index (a known limit; see the header)\n");
		if (dir && snprintf(path, sizeof path, "%s/xapian-fault-%ld",
				    dir, (long)getpid()) < (int)sizeof path &&
		    (fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0644)) >= 0) {
			(void)!write(fd, input, input_size);
			close(fd);
		}
		_exit(0);
	}
	if (up->sa_flags & SA_SIGINFO) {
		up->sa_sigaction(sig, info, uc);
	} else if (up->sa_handler != SIG_IGN && up->sa_handler != SIG_DFL) {
		up->sa_handler(sig);
	} else {
		signal(sig, SIG_DFL);
		raise(sig);
	}
}

static void catch_xapian_faults(void)
{
	struct sigaction sa;
	int nobj = 0;
	void *warm[1];

	dl_iterate_phdr(find_code, &nobj);
	backtrace(warm, 1); /* loads the unwinder now, not in the handler */
	memset(&sa, 0, sizeof sa);
	sa.sa_sigaction = on_fault;
	sa.sa_flags = SA_SIGINFO | SA_NODEFER;
	sigemptyset(&sa.sa_mask);
	if (sigaction(SIGSEGV, &sa, &before[0]) ||
	    sigaction(SIGBUS, &sa, &before[1]))
		abort();
}

/* ---- use --------------------------------------------------------------- */

static int count_facet(void *ctx, const char *value, unsigned long count)
{
	(void)value;
	*(unsigned long *)ctx += count;
	return 0;
}

static int count_id(void *ctx, const char *id)
{
	(void)id;
	++*(unsigned long *)ctx;
	return 0;
}

static void search_one(vns_db *db, const char *q, const char *like)
{
	vns_search_opts o = { .limit = 20, .snippet_bytes = 160,
			      .facets = 1, .like = like };
	vns_results *r;
	vns_result row;
	vns_err err;
	unsigned long n = 0;

	if (vns_db_search(db, q, strlen(q), &o, &r, &err))
		return;
	while (vns_results_next(r, &row, &err) > 0)
		n += strlen(row.id) + row.nspans;
	for (int k = 0; k < VNS_FACET_COUNT; k++)
		vns_results_facet(r, (vns_facet_kind)k, 0, count_facet, &n,
				  &err);
	(void)vns_results_suggestion(r);
	vns_results_free(r);
}

static void search_all(void)
{
	vns_db *db;
	vns_err err;
	unsigned long n = 0;
	unsigned long long rev;

	if (vns_db_open(work, &db, &err))
		return;
	vns_db_revision(db, &rev, &err);
	search_one(db, "", NULL);
	search_one(db, "khuyến công", NULL);
	search_one(db, "bac giang che", NULL);
	search_one(db, "\"làng nghề\" OR gốm -tre", NULL);
	search_one(db, "", "d5");
	vns_db_ids(db, "", count_id, &n, &err);
	vns_db_close(db);
}

/* Add, replace and delete, then commit; 1 when the commit succeeded. */
static int write_some(void)
{
	vns_writer_opts o = { .writers = 1, .analysers = VNS_WRITER_NONE };
	unsigned seed = 88172645u;
	vns_writer *w;
	vns_err err;
	int ok;

	if (vns_writer_open(work, &o, &w, &err))
		return 0;
	ok = !put_doc(w, "fresh", 100, &seed) && !put_doc(w, "d3", 3, &seed) &&
	     !put_doc(w, "d40", 40, &seed) &&
	     !vns_writer_delete(w, "d11", NULL, &err) &&
	     !vns_writer_commit(w, &err);
	vns_writer_close(w);
	return ok;
}

/* After a commit that succeeded: the new document is there, if the
 * index can be read at all. */
static void check_committed(void)
{
	vns_db *db;
	vns_err err;
	unsigned long n = 0;

	if (vns_db_open(work, &db, &err))
		return;
	if (vns_db_ids(db, "fresh", count_id, &n, &err) == VNS_OK && n != 1) {
		fprintf(stderr, "fuzz_dbdamage: a committed document is "
			"missing\n");
		abort();
	}
	vns_db_close(db);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct op op;
	int ops = 0;

	if (!root[0]) {
		setup();
		catch_xapian_faults();
	}
	input = data;
	input_size = size;
	copy_index(pristine, work);
	while (ops++ < MAX_OPS && next_op(&data, &size, &op))
		apply(&op);
	/* to look at a finding: VNS_FUZZ_KEEP=DIR keeps the damaged index */
	if (getenv("VNS_FUZZ_KEEP"))
		copy_index(work, getenv("VNS_FUZZ_KEEP"));
	if (even_directory_end()) {
		write_some();
		return 0;
	}
	search_all();
	if (write_some())
		check_committed();
	search_all();
	return 0;
}
