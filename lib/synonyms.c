/* synonyms.c - the compiled-in synonym groups (see synonyms.h). */
#include "synonyms.h"

#include <stdlib.h>
#include <string.h>

static const char *const groups_src[] = {
#include "synonyms.inc"
};

#define NGROUPS (sizeof groups_src / sizeof *groups_src)

typedef struct syn_member {
	char **w;
	size_t n;
} syn_member;

typedef struct syn_group {
	syn_member *m;
	size_t n;
} syn_group;

struct vns_synonyms {
	syn_group g[NGROUPS];
};

static int add_word(void *ctx, const vns_token *tok)
{
	syn_member *m = ctx;
	char **w;

	if (!(tok->flags & VNS_TOKEN_COLOCATED))
		return 0;
	w = realloc(m->w, (m->n + 1) * sizeof *w);
	if (!w)
		return 1;
	m->w = w;
	if (!(w[m->n] = strndup(tok->term, tok->len)))
		return 1;
	m->n++;
	return 0;
}

/* Analyse one member (len bytes of text) into m. */
static vns_status parse_member(vns_analyser *a, const char *text, size_t len,
			       syn_member *m, vns_err *err)
{
	vns_status st = vns_analyse(a, text, len, add_word, m, err);

	if (!st && m->n == 0)
		st = vns_err_set(err, VNS_EINTERNAL,
				 "synonyms: empty member in '%s'", text);
	return st;
}

/* Split "a | b | c" into members. */
static vns_status parse_group(vns_analyser *a, const char *src, syn_group *g,
			      vns_err *err)
{
	const char *p = src;
	vns_status st = VNS_OK;

	while (!st && *p) {
		const char *bar = strstr(p, " | ");
		size_t len = bar ? (size_t)(bar - p) : strlen(p);
		syn_member *m = realloc(g->m, (g->n + 1) * sizeof *m);
		if (!m)
			return vns_err_set(err, VNS_ENOMEM, "out of memory");
		g->m = m;
		g->m[g->n] = (syn_member){ NULL, 0 };
		st = parse_member(a, p, len, &g->m[g->n], err);
		g->n++;
		p = bar ? bar + 3 : p + len;
	}
	return st;
}

vns_status vns_synonyms_new(vns_analyser *a, vns_synonyms **out,
			    vns_err *err)
{
	vns_synonyms *s = calloc(1, sizeof *s);
	vns_status st = VNS_OK;

	if (!s)
		return vns_err_set(err, VNS_ENOMEM, "out of memory");
	for (size_t i = 0; !st && i < NGROUPS; i++)
		st = parse_group(a, groups_src[i], &s->g[i], err);
	if (st) {
		vns_synonyms_free(s);
		return st;
	}
	*out = s;
	return VNS_OK;
}

void vns_synonyms_free(vns_synonyms *s)
{
	if (!s)
		return;
	for (size_t i = 0; i < NGROUPS; i++) {
		for (size_t k = 0; k < s->g[i].n; k++) {
			for (size_t j = 0; j < s->g[i].m[k].n; j++)
				free(s->g[i].m[k].w[j]);
			free(s->g[i].m[k].w);
		}
		free(s->g[i].m);
	}
	free(s);
}

static int starts_with(const syn_member *m, char *const *w, size_t n)
{
	if (m->n > n)
		return 0;
	for (size_t j = 0; j < m->n; j++)
		if (strcmp(m->w[j], w[j]) != 0)
			return 0;
	return 1;
}

size_t vns_synonyms_match(const vns_synonyms *s, char *const *w, size_t n,
			  size_t *group)
{
	size_t best = 0;

	for (size_t i = 0; i < NGROUPS; i++)
		for (size_t k = 0; k < s->g[i].n; k++)
			if (s->g[i].m[k].n > best &&
			    starts_with(&s->g[i].m[k], w, n)) {
				best = s->g[i].m[k].n;
				*group = i;
			}
	return best;
}

size_t vns_synonyms_count(const vns_synonyms *s, size_t group)
{
	return group < NGROUPS ? s->g[group].n : 0;
}

size_t vns_synonyms_member(const vns_synonyms *s, size_t group, size_t k,
			   char *const **words)
{
	if (group >= NGROUPS || k >= s->g[group].n)
		return 0;
	*words = s->g[group].m[k].w;
	return s->g[group].m[k].n;
}
