/* gazetteer.c - the compiled-in gazetteer tables and lookups over them
 * (see gazetteer.h). The tables come from build/gen/gazetteer.inc. */
#include "gazetteer.h"
#include "vnsearch.h"

#include <pthread.h>
#include <stdint.h>
#include <string.h>

/* The generated records hold offsets into one string pool, gz_pool, not
 * pointers: in a PIE each pointer needs a relocation, so the loader would
 * write every page of the tables at every start, and a plain search never
 * uses them. The pointer-based tables of gazetteer.h are built from the
 * records on first use. */
typedef struct gz_entry_rec {
	uint32_t name, slug, info;
	int parent;
} gz_entry_rec;

typedef struct gz_spelling_rec {
	uint32_t exact, fold, slug;
	unsigned char kind, flags, nwords;
	unsigned short index;
} gz_spelling_rec;

#include "gazetteer.inc"

#define COUNT(a) (sizeof(a) / sizeof *(a))

/* Static, not malloc'ed: nothing to fail, and the pages are only touched
 * in processes that use the gazetteer. */
static vns_gz_entry province_2024[COUNT(gz_province_2024)];
static vns_gz_entry province_2025[COUNT(gz_province_2025)];
static vns_gz_entry district[COUNT(gz_district)];
static vns_gz_entry product[COUNT(gz_product)];
static vns_gz_entry programme[COUNT(gz_programme)];
static vns_gz_spelling spelling[COUNT(gz_spelling)];
/* the indexer's analyser threads may be first to use it together */
static pthread_once_t built = PTHREAD_ONCE_INIT;

static void build_entries(vns_gz_entry *e, const gz_entry_rec *r, size_t n)
{
	for (size_t i = 0; i < n; i++)
		e[i] = (vns_gz_entry){ gz_pool + r[i].name, gz_pool + r[i].slug,
				       gz_pool + r[i].info, r[i].parent };
}

static void build(void)
{
	build_entries(province_2024, gz_province_2024,
		      COUNT(gz_province_2024));
	build_entries(province_2025, gz_province_2025,
		      COUNT(gz_province_2025));
	build_entries(district, gz_district, COUNT(gz_district));
	build_entries(product, gz_product, COUNT(gz_product));
	build_entries(programme, gz_programme, COUNT(gz_programme));
	for (size_t i = 0; i < COUNT(gz_spelling); i++) {
		const gz_spelling_rec *r = &gz_spelling[i];
		spelling[i] = (vns_gz_spelling){
			gz_pool + r->exact, gz_pool + r->fold,
			gz_pool + r->slug, r->kind, r->flags, r->nwords,
			r->index };
	}
}

static const vns_gz_entry *table(vns_gz_kind kind, size_t *n)
{
	pthread_once(&built, build);
	switch (kind) {
	case VNS_GZ_PROVINCE_2024:
		*n = COUNT(province_2024);
		return province_2024;
	case VNS_GZ_PROVINCE_2025:
		*n = COUNT(province_2025);
		return province_2025;
	case VNS_GZ_DISTRICT:
		*n = COUNT(district);
		return district;
	case VNS_GZ_PRODUCT:
		*n = COUNT(product);
		return product;
	case VNS_GZ_PROGRAMME:
		*n = COUNT(programme);
		return programme;
	default:
		*n = 0;
		return NULL;
	}
}

size_t vns_gz_count(vns_gz_kind kind)
{
	size_t n;

	table(kind, &n);
	return n;
}

const vns_gz_entry *vns_gz_get(vns_gz_kind kind, size_t i)
{
	size_t n;
	const vns_gz_entry *t = table(kind, &n);

	return i < n ? &t[i] : NULL;
}

const vns_gz_spelling *vns_gz_spellings(size_t *n)
{
	pthread_once(&built, build);
	*n = COUNT(spelling);
	return spelling;
}

int vns_gz_lookup(vns_gz_kind kind, const char *slug)
{
	size_t n;
	const vns_gz_spelling *sp = vns_gz_spellings(&n);

	for (size_t i = 0; i < n; i++) {
		const vns_gz_spelling *s = &sp[i];
		if (s->kind == kind && !(s->flags & VNS_GZ_F_BLOCK) &&
		    !strcmp(s->slug, slug))
			return s->index;
	}
	return -1;
}

/* Levenshtein distance of a and b, each at most 63 bytes (longer: far). */
static unsigned edit_distance(const char *a, const char *b)
{
	unsigned row[64], la = (unsigned)strlen(a), lb = (unsigned)strlen(b);

	if (la > 63 || lb > 63)
		return 1000;
	for (unsigned j = 0; j <= lb; j++)
		row[j] = j;
	for (unsigned i = 1; i <= la; i++) {
		unsigned diag = row[0];
		row[0] = i;
		for (unsigned j = 1; j <= lb; j++) {
			unsigned up = row[j];
			unsigned best = diag + (a[i - 1] != b[j - 1]);
			if (up + 1 < best)
				best = up + 1;
			if (row[j - 1] + 1 < best)
				best = row[j - 1] + 1;
			row[j] = best;
			diag = up;
		}
	}
	return row[lb];
}

/* Nearest distance from slug to any spelling of entity i of kind. */
static unsigned entity_distance(vns_gz_kind kind, int i, const char *slug)
{
	size_t n;
	const vns_gz_spelling *sp = vns_gz_spellings(&n);
	unsigned best = 1000;

	for (size_t k = 0; k < n; k++) {
		const vns_gz_spelling *s = &sp[k];
		if (s->kind == kind && s->index == i &&
		    !(s->flags & VNS_GZ_F_BLOCK)) {
			unsigned d = edit_distance(slug, s->slug);
			if (d < best)
				best = d;
		}
	}
	return best;
}

vns_status vns_gz_nearest(vns_gz_kind kind, const char *slug, unsigned max,
			  vns_buf *out)
{
	size_t n, len = strlen(slug);
	const vns_gz_entry *t = table(kind, &n);
	/* near: within a third of the typed length, at least 1, at most 4 */
	unsigned limit = len / 3 < 1 ? 1 : len / 3 > 4 ? 4 : (unsigned)len / 3;
	unsigned shown = 0;
	vns_status st = VNS_OK;

	for (unsigned d = 0; !st && d <= limit && shown < max; d++)
		for (size_t i = 0; !st && i < n && shown < max; i++) {
			if (entity_distance(kind, (int)i, slug) != d)
				continue;
			st = vns_buf_addf(out, "%s%s", shown ? ", " : "",
					  t[i].name);
			shown++;
		}
	return st;
}

const char *vns_gz_successor(const char *name)
{
	size_t n;
	const vns_gz_entry *p = table(VNS_GZ_PROVINCE_2024, &n);

	for (size_t i = 0; i < n; i++)
		if (!strcmp(p[i].name, name))
			return vns_gz_get(VNS_GZ_PROVINCE_2025,
					  (size_t)p[i].parent)->name;
	return NULL;
}

const char *vns_province_now(const char *province)
{
	const char *now = vns_gz_successor(province);

	return now && strcmp(now, province) ? now : NULL;
}
