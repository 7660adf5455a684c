/* synonyms.c - the compiled-in synonym groups (see synonyms.h). Their
 * members were analysed at build time by scripts/gensyn.c. */
#include "synonyms.h"

#include <string.h>

/* n entries from first: a member's words in syn_word, a group's members in
 * syn_members */
typedef struct syn_run {
	size_t first, n;
} syn_run;

#include "synonyms.inc"

struct vns_synonyms {
	const syn_run *g;
	size_t n;
};

static const vns_synonyms builtin = {
	syn_groups, sizeof syn_groups / sizeof *syn_groups
};

const vns_synonyms *vns_synonyms_builtin(void)
{
	return &builtin;
}

static int starts_with(const syn_run *m, char *const *w, size_t n)
{
	if (m->n > n)
		return 0;
	for (size_t j = 0; j < m->n; j++)
		if (strcmp(syn_word[m->first + j], w[j]) != 0)
			return 0;
	return 1;
}

size_t vns_synonyms_match(const vns_synonyms *s, char *const *w, size_t n,
			  size_t *group)
{
	size_t best = 0;

	for (size_t i = 0; i < s->n; i++)
		for (size_t k = 0; k < s->g[i].n; k++) {
			const syn_run *m = &syn_members[s->g[i].first + k];

			if (m->n > best && starts_with(m, w, n)) {
				best = m->n;
				*group = i;
			}
		}
	return best;
}

size_t vns_synonyms_count(const vns_synonyms *s, size_t group)
{
	return group < s->n ? s->g[group].n : 0;
}

size_t vns_synonyms_member(const vns_synonyms *s, size_t group, size_t k,
			   char *const **words)
{
	const syn_run *m;

	if (group >= s->n || k >= s->g[group].n)
		return 0;
	m = &syn_members[s->g[group].first + k];
	*words = &syn_word[m->first];
	return m->n;
}
