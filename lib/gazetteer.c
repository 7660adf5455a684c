/* gazetteer.c - the compiled-in gazetteer tables and lookups over them
 * (see gazetteer.h). The tables come from build/gen/gazetteer.inc. */
#include "gazetteer.h"

#include <string.h>

#include "gazetteer.inc"

#define COUNT(a) (sizeof(a) / sizeof *(a))

static const vns_gz_entry *table(vns_gz_kind kind, size_t *n)
{
	switch (kind) {
	case VNS_GZ_PROVINCE_2024:
		*n = COUNT(gz_province_2024);
		return gz_province_2024;
	case VNS_GZ_PROVINCE_2025:
		*n = COUNT(gz_province_2025);
		return gz_province_2025;
	case VNS_GZ_DISTRICT:
		*n = COUNT(gz_district);
		return gz_district;
	case VNS_GZ_PRODUCT:
		*n = COUNT(gz_product);
		return gz_product;
	case VNS_GZ_PROGRAMME:
		*n = COUNT(gz_programme);
		return gz_programme;
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
	*n = COUNT(gz_spelling);
	return gz_spelling;
}

int vns_gz_lookup(vns_gz_kind kind, const char *slug)
{
	for (size_t i = 0; i < COUNT(gz_spelling); i++) {
		const vns_gz_spelling *s = &gz_spelling[i];
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
	unsigned best = 1000;

	for (size_t k = 0; k < COUNT(gz_spelling); k++) {
		const vns_gz_spelling *s = &gz_spelling[k];
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
