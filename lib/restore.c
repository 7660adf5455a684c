/* restore.c - lookup in the compiled table of accented readings. */
#include "restore.h"

#include <stdlib.h>
#include <string.h>

/* Offsets, not pointers: the table needs no relocation when a search
 * starts (the Makefile checks that every fold fits). */
typedef struct reading {
	char fold[16];
	unsigned forms; /* in forms_pool: space-separated, NUL-terminated */
} reading;

/* forms_pool[] and table[], sorted by fold */
#include "syllables.inc"

typedef struct key {
	const char *s;
	size_t len;
} key;

static int by_fold(const void *k, const void *e)
{
	const key *kk = k;
	const char *f = ((const reading *)e)->fold;
	int c = strncmp(kk->s, f, kk->len);

	return c ? c : (f[kk->len] ? -1 : 0);
}

size_t vns_restore_readings(const char *fold, size_t len, char *buf,
			    size_t cap, const char *out[VNS_RESTORE_MAX])
{
	key k = { fold, len };
	const reading *r = bsearch(&k, table, sizeof table / sizeof *table,
				   sizeof *table, by_fold);
	const char *forms;
	size_t n = 0, flen;

	if (!r)
		return 0;
	forms = forms_pool + r->forms;
	if ((flen = strlen(forms)) >= cap)
		return 0;
	memcpy(buf, forms, flen + 1);
	for (char *p = buf; *p && n < VNS_RESTORE_MAX;) {
		out[n++] = p;
		p += strcspn(p, " ");
		if (*p)
			*p++ = '\0';
	}
	return n;
}

const char *vns_restore_fold_at(size_t i)
{
	return i < sizeof table / sizeof *table ? table[i].fold : NULL;
}
