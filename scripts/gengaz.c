/* gengaz.c - build-time generator of the compiled-in gazetteer: reads the
 * project's corpus/ tables (provinces 2024 and 2025, districts, products,
 * programmes) and writes the C initialisers lib/gazetteer.c includes, each
 * spelling analysed by the project's own analyser so that the tagger and
 * the filters see names exactly as they see text.
 * A malformed line (wrong number of columns, an empty name or variant,
 * spaces around a field, an unknown product group, a product spelling
 * that another product has too) stops it with the file and line named.
 * Usage: gengaz CORPUS_DIR > gazetteer.inc */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "analyse.h"
#include "gazetteer.h"
#include "slug.h"

#define MAX_ROWS 1024
#define MAX_COLS 6
#define LINE_MAX_BYTES 8192
/* a column no table has: always "" */
#define EMPTY_COL (MAX_COLS - 1)

typedef struct row {
	char *col[MAX_COLS];
	int ncol;
	int line; /* in its file, from 1 */
} row;

typedef struct table {
	row rows[MAX_ROWS];
	int n;
	char path[4096];
} table;

static vns_analyser *an;

static void die(const char *what, const char *detail)
{
	fprintf(stderr, "gengaz: %s: %s\n", what, detail);
	exit(1);
}

/* Stop: "gengaz: 'corpus/products.tsv' line 17: what". */
static void die_at(const char *path, int line, const char *what,
		   const char *detail)
{
	fprintf(stderr, "gengaz: '%s' line %d: %s%s%s\n", path, line, what,
		detail ? " " : "", detail ? detail : "");
	exit(1);
}

static int has_edge_space(const char *s)
{
	size_t n = strlen(s);

	return n && (s[0] == ' ' || s[n - 1] == ' ');
}

/* The |-separated list s has no empty item and no item with spaces at
 * its ends. */
static int list_ok(const char *s)
{
	const char *p = s;

	if (!*s)
		return 1;
	for (;;) {
		const char *bar = strchr(p, '|');
		size_t n = bar ? (size_t)(bar - p) : strlen(p);
		if (n == 0 || p[0] == ' ' || p[n - 1] == ' ')
			return 0;
		if (!bar)
			return 1;
		p = bar + 1;
	}
}

/* Check a row against its header's ncol columns. */
static void check_row(const char *path, const row *r, int ncol)
{
	char msg[64];

	if (r->ncol != ncol) {
		snprintf(msg, sizeof msg, "expected %d tab-separated columns, "
			 "found %d", ncol, r->ncol);
		die_at(path, r->line, msg, NULL);
	}
	if (!r->col[0][0])
		die_at(path, r->line, "empty name", NULL);
	for (int i = 0; i < r->ncol; i++) {
		if (has_edge_space(r->col[i]))
			die_at(path, r->line, "spaces around", r->col[i]);
		if (!list_ok(r->col[i]))
			die_at(path, r->line, "empty or spaced item in list",
			       r->col[i]);
	}
}

static void split_row(char *line, row *r)
{
	char *p = line;

	r->ncol = 0;
	while (r->ncol < MAX_COLS) {
		char *tab = strchr(p, '\t');
		r->col[r->ncol++] = p;
		if (!tab)
			break;
		*tab = '\0';
		p = tab + 1;
	}
	for (int i = r->ncol; i < MAX_COLS; i++)
		r->col[i] = "";
}

/* Read a TSV: '#' lines are comments, the first other line the header. */
static void read_table(const char *dir, const char *name, table *t)
{
	char line[LINE_MAX_BYTES];
	char *path = t->path;
	int ncol = 0, lineno = 0;
	FILE *f;

	snprintf(t->path, sizeof t->path, "%s/%s", dir, name);
	f = fopen(path, "r");
	if (!f)
		die(path, "cannot open");
	t->n = 0;
	while (fgets(line, sizeof line, f)) {
		size_t len = strcspn(line, "\r\n");
		lineno++;
		if (line[len] == '\0' && !feof(f))
			die_at(path, lineno, "line too long", NULL);
		line[len] = '\0';
		if (line[0] == '#' || line[0] == '\0')
			continue;
		if (!ncol) {
			row header;
			split_row(strdup(line), &header);
			ncol = header.ncol;
			continue;
		}
		if (t->n == MAX_ROWS)
			die_at(path, lineno, "too many rows", NULL);
		split_row(strdup(line), &t->rows[t->n]);
		t->rows[t->n].line = lineno;
		check_row(path, &t->rows[t->n++], ncol);
	}
	fclose(f);
}

/* Product groups: the six OCOP groups, and two of rural industry. */
static const char *const groups[] = {
	"thực phẩm", "đồ uống", "thảo dược", "vải và may mặc",
	"lưu niệm - nội thất - trang trí", "dịch vụ du lịch cộng đồng",
	"cơ khí - dụng cụ", "vật liệu xây dựng", "vật tư nông nghiệp",
};

static void check_groups(const table *t)
{
	for (int i = 0; i < t->n; i++) {
		const row *r = &t->rows[i];
		size_t k = 0;
		if (!strcmp(r->col[0], "-"))
			continue;
		while (k < sizeof groups / sizeof *groups &&
		       strcmp(groups[k], r->col[1]))
			k++;
		if (k == sizeof groups / sizeof *groups)
			die_at(t->path, r->line, "unknown product group",
			       r->col[1][0] ? r->col[1] : "''");
	}
}

/* Every string of the tables, each ended by its NUL. The records hold
 * offsets into it, not pointers: a pointer in a PIE costs a relocation,
 * which the loader writes at every start of every search. */
static vns_buf pool;

/* Offset of s in the pool, added unless the pool already ends a string
 * with it ("tỉnh" hundreds of times, "" at every NUL). */
static unsigned pool_add(const char *s)
{
	size_t n = strlen(s) + 1;
	const char *at = memmem(pool.data, pool.len, s, n);

	if (at)
		return (unsigned)(at - pool.data);
	if (vns_buf_add(&pool, s, n))
		die(s, "string pool full");
	return (unsigned)(pool.len - n);
}

/* The pool as one string literal, a line a string; "\000" ends each, in
 * three digits so that no character after it can extend the escape. */
static void put_pool(void)
{
	printf("static const char gz_pool[] =\n");
	for (size_t i = 0; i < pool.len; i += strlen(pool.data + i) + 1) {
		putchar('\t');
		putchar('"');
		for (const char *s = pool.data + i; *s; s++) {
			if (*s == '"' || *s == '\\')
				putchar('\\');
			putchar(*s);
		}
		printf("\\000\"\n");
	}
	printf(";\n");
}

struct words {
	vns_buf exact, fold;
	int n;
};

static int on_tok(void *ctx, const vns_token *tok)
{
	struct words *w = ctx;
	vns_buf *b = (tok->flags & VNS_TOKEN_COLOCATED) ? &w->fold : &w->exact;

	if (b->len)
		vns_buf_addc(b, ' ');
	vns_buf_add(b, tok->term, tok->len);
	w->n += !(tok->flags & VNS_TOKEN_COLOCATED);
	return 0;
}

/* Analyse s into exact and folded words; 0 words is an error. */
static void analyse(const char *s, struct words *w)
{
	vns_err err;

	vns_buf_reset(&w->exact);
	vns_buf_reset(&w->fold);
	w->n = 0;
	if (vns_analyse(an, s, strlen(s), on_tok, w, &err) || w->n == 0)
		die(s, "cannot analyse");
	if (w->n > 255)
		die(s, "too many words");
}

static const char *slug_of(const char *s)
{
	static vns_buf b;
	vns_err err;

	if (!b.data)
		vns_buf_init(&b, 0);
	vns_buf_reset(&b);
	if (vns_slug(an, s, &b, &err))
		die(s, vns_err_text(&err));
	return b.data;
}

static int find(const table *t, const char *name)
{
	for (int i = 0; i < t->n; i++)
		if (!strcmp(t->rows[i].col[0], name))
			return i;
	return -1;
}

static void put_entries(const char *var, const table *t, int info_col,
			const table *parents, int parent_col)
{
	printf("static const gz_entry_rec %s[] = {\n", var);
	for (int i = 0; i < t->n; i++) {
		const row *r = &t->rows[i];
		int parent = -1;
		unsigned name, slug, info;
		if (parents) {
			parent = find(parents, r->col[parent_col]);
			if (parent < 0)
				die(r->col[0], "unknown parent");
		}
		name = pool_add(r->col[0]);
		slug = pool_add(slug_of(r->col[0]));
		info = pool_add(info_col >= 0 ? r->col[info_col] : "");
		printf("\t{ %u, %u, %u, %d },\n", name, slug, info, parent);
	}
	printf("};\n\n");
}

static struct words name_words;

/* Where a spelling comes from, for messages and the duplicate check. */
struct origin {
	const char *path;
	int line;
	int dups; /* no other entity of the table may have it */
	int block; /* a block-list spelling, not an entity's */
};

/* Spellings (exact words) of the table being put, when dups is set. */
static struct seen {
	char *exact;
	int index, line;
} *seen;
static size_t nseen, aseen;

static void check_dup(const struct origin *o, const char *exact, int index,
		      const char *s)
{
	char msg[256];

	for (size_t i = 0; i < nseen; i++) {
		if (strcmp(seen[i].exact, exact) || seen[i].index == index)
			continue;
		snprintf(msg, sizeof msg, "spelling '%s' is also on line %d",
			 s, seen[i].line);
		die_at(o->path, o->line, msg, NULL);
	}
	if (nseen == aseen) {
		aseen = aseen ? 2 * aseen : 1024;
		seen = realloc(seen, aseen * sizeof *seen);
		if (!seen)
			die("gengaz", "out of memory");
	}
	seen[nseen++] = (struct seen){ strdup(exact), index, o->line };
}

static void put_spelling(const struct origin *o, const char *s,
			 const char *kind, int index, unsigned flags)
{
	static struct words w;
	unsigned exact, fold, slug;

	if (!w.exact.data) {
		vns_buf_init(&w.exact, 0);
		vns_buf_init(&w.fold, 0);
	}
	if (*s == '~') {
		flags |= VNS_GZ_F_WEAK;
		s++;
	}
	analyse(s, &w);
	if (o->dups)
		check_dup(o, w.exact.data, o->block ? -1 : index, s);
	if (name_words.fold.len && !strcmp(w.fold.data, name_words.fold.data))
		flags |= VNS_GZ_F_NAME;
	exact = pool_add(w.exact.data);
	fold = pool_add(w.fold.data);
	slug = pool_add(slug_of(s));
	printf("\t{ %u, %u, %u, %s, %u, %d, %d },\n", exact, fold, slug, kind,
	       flags, w.n, index);
}

/* The name and each |-separated variant of column col. */
static void put_spellings(const table *t, int col, const char *kind,
			  unsigned flags, int is_place, int alone_col)
{
	nseen = 0;
	for (int i = 0; i < t->n; i++) {
		const row *r = &t->rows[i];
		char *vars = strdup(r->col[col]), *p = vars;
		int block = !strcmp(r->col[0], "-");
		unsigned f = flags | (block ? VNS_GZ_F_BLOCK : 0);
		struct origin o = { t->path, r->line, !is_place, block };

		vns_buf_reset(&name_words.fold);
		if (is_place)
			analyse(r->col[0], &name_words);
		if (!block)
			put_spelling(&o, r->col[0], kind, i,
				     f | (alone_col >= 0 &&
				     !strcmp(r->col[alone_col], "no")
					  ? VNS_GZ_F_NOTAG : 0));
		while (p && *p) {
			char *bar = strchr(p, '|');
			if (bar)
				*bar = '\0';
			if (*p)
				put_spelling(&o, p, kind, block ? 0 : i, f);
			p = bar ? bar + 1 : NULL;
		}
		free(vars);
	}
}

int main(int argc, char **argv)
{
	static table p24, p25, dist, prod, prog;
	vns_err err;

	if (argc != 2)
		die("usage", "gengaz CORPUS_DIR");
	if (vns_analyser_new(&an, &err))
		die("analyser", vns_err_text(&err));
	vns_buf_init(&name_words.exact, 0);
	vns_buf_init(&name_words.fold, 0);
	vns_buf_init(&pool, 0);
	read_table(argv[1], "provinces-2024.tsv", &p24);
	read_table(argv[1], "provinces-2025.tsv", &p25);
	read_table(argv[1], "districts-2024.tsv", &dist);
	read_table(argv[1], "products.tsv", &prod);
	read_table(argv[1], "programmes.tsv", &prog);
	check_groups(&prod);
	printf("/* generated by scripts/gengaz.c from corpus/: do not edit */\n\n");
	put_entries("gz_province_2024", &p24, 1, &p25, 3);
	put_entries("gz_province_2025", &p25, 1, NULL, 0);
	put_entries("gz_district", &dist, 1, &p24, 2);
	/* the block list ("-") is the last product line: not an entity */
	if (prod.n == 0 || strcmp(prod.rows[prod.n - 1].col[0], "-"))
		die("products.tsv", "the last line must be the '-' block list");
	prod.n--;
	put_entries("gz_product", &prod, 1, NULL, 0);
	prod.n++;
	put_entries("gz_programme", &prog, -1, NULL, 0);
	printf("static const gz_spelling_rec gz_spelling[] = {\n");
	put_spellings(&p24, 2, "VNS_GZ_PROVINCE_2024", 0, 1, 4);
	put_spellings(&p25, 2, "VNS_GZ_PROVINCE_2025", VNS_GZ_F_NOTAG, 1, -1);
	put_spellings(&dist, EMPTY_COL, "VNS_GZ_DISTRICT", 0, 1, -1);
	put_spellings(&prod, 2, "VNS_GZ_PRODUCT", 0, 0, -1);
	put_spellings(&prog, 1, "VNS_GZ_PROGRAMME", 0, 0, -1);
	printf("};\n\n");
	put_pool();
	vns_analyser_free(an);
	return 0;
}
