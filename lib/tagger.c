/* tagger.c - entity tagging of one document (see tagger.h). Each field is
 * analysed into tokens; at each token the longest gazetteer spelling that
 * starts there and passes its context checks is a mention, weighted by
 * where it stands (title, lead, body), or a passing one (a hometown, an
 * address, a route's end ...) that does not count; per entity the weights
 * add up, and an entity whose score reaches its kind's threshold is a tag
 * -- a province named only in the body when also in its opening or
 * recurring. */
#include "tagger.h"

#include <stdlib.h>
#include <string.h>

#include <unicode/uchar.h>

#include "buf.h"
#include "gazetteer.h"
#include "grow.h"
#include "hash.h"
#include "linktail.h"
#include "utf8.h"

/* Scores an entity needs to become a tag: a place, one mention in the
 * title (3) or the lead (2), or two in the body; a product, one in the
 * title, or the lead and the body, or three in the body (news names
 * goods in passing more often than places). */
#define PLACE_MIN 2.0
#define PRODUCT_MIN 2.5
#define PROGRAMME_MIN 1.0 /* one clear mention says the activity is in it */
/* A place named without its kind word ("Trảng Bàng" for a district)
 * counts this much of a mention. */
#define BARE_DISTRICT 0.5
#define WEAK 0.5
/* A programme in a plan ("sẽ tham gia Chương trình OCOP") counts this
 * much; so does a weak spelling. */
#define PLANNED 0.5
/* "Bắc Kạn cũ": the former province, named on purpose. */
#define FORMER 2.0
/* A place named only in the body counts when it is named in its opening
 * (its first sentence, at least OPENING and at most 2 * OPENING words;
 * without a title, its first EARLY sentences) or, with its district, in
 * its first EARLY sentences; or when it
 * recurs: RECUR or more and more than any other place, or RECUR_ALONE or
 * more. */
#define OPENING 40
#define EARLY 3
#define RECUR 3.0
#define RECUR_ALONE 4.0
/* Most words in one spelling we look for. */
#define MAX_WORDS 12
/* Most trade words (below) and bytes of one of their words. */
#define TRADE_MAX 40
#define TRADE_WORD_MAX 16
#define TRADE_BUCKETS 64
/* Communes took their district's name on this date. */
#define REFORM_DATE "2025-07-01"

enum zone { Z_TITLE, Z_LEAD, Z_BODY };
static const double zone_weight[] = { 3.0, 2.0, 1.0 };

/* What the words before a name say it is. */
enum ctx {
	C_NONE,
	C_PROVINCE, /* tỉnh */
	C_CITY,     /* thành phố, TP, thủ đô */
	C_DISTRICT, /* huyện, quận, thị xã */
	C_COMMUNE,  /* xã, phường, đặc khu */
	C_TOWN,     /* thị trấn */
	C_OTHER     /* đường, sông, chợ, làng ...: not an administrative unit */
};

typedef struct tok {
	size_t exact, fold; /* offsets of NUL-terminated strings in arena */
	unsigned flags;     /* VNS_TOKEN_* */
	unsigned para;      /* paragraph number, unique across fields */
	unsigned char zone;
	unsigned char cap;  /* the word starts with a capital letter */
	unsigned char sentence; /* the word starts a sentence */
	unsigned char gap;  /* GAP_* marks between it and the word before */
} tok;

/* Punctuation between two words that the passing rules read. */
enum {
	GAP_COMMA = 1,
	GAP_DASH = 2,  /* "-", "–" or "—" */
	GAP_OPEN = 4,  /* "(" */
	GAP_CLOSE = 8  /* ")" */
};

typedef struct mention {
	unsigned char kind;  /* vns_gz_kind */
	unsigned short index;
	double weight;
	int ambiguous;       /* one of several districts of that name */
	int weak;            /* a weak spelling */
	int new_unit;        /* after the reform, a merged province's name
			      * without "cũ": maybe the new, larger unit */
	int passing;         /* named in passing: a mention, not "about" */
	int bare;            /* a district named without its kind word */
	size_t tok;          /* first token */
	size_t ntok;         /* tokens the spelling covers */
	int former;          /* "Bắc Kạn cũ": the former province, on purpose */
} mention;

typedef struct hash {
	int *head, *next;
	size_t mask;
	int exact; /* keyed by exact words, else folded */
} hash;

/* The keys of a hash and every run of their first words ("bắc", "bắc
 * giang"): no spelling starts with words whose run is not in it. */
typedef struct prefixes {
	size_t *slot; /* 1 + offset of a key in keys; 0: empty */
	size_t mask;
	vns_buf keys; /* NUL-terminated */
} prefixes;

/* State of the current field's walk through the analyser. */
struct walk {
	const char *text;   /* NULL: no field open */
	size_t len;         /* tokens from here on are not read */
	unsigned char zone;
	unsigned para;      /* paragraph of the previous token */
	size_t prev_end;    /* end of the previous token */
	size_t prev_start;  /* start of the previous token */
	int lead_first;     /* the field's first paragraph is the lead */
	int skip_fold;      /* the exact call was not read: skip its fold */
};

struct vns_tagger {
	vns_analyser *a;
	const vns_gz_spelling *sp;
	size_t nsp;
	hash fold, exact;
	prefixes fold_pre, exact_pre;
	const vns_doc *doc; /* being tagged */
	struct walk w;
	unsigned para;      /* paragraphs of the fields done, across fields */
	tok *tok;
	size_t ntok, atok;
	mention *m;
	size_t nm, am;
	vns_buf arena, key;
	vns_buf pkey[2];    /* runs of folded and exact words */
	int marked;      /* the document is written with diacritics */
	int post_reform; /* dated from the 2025 reform on */
	int skip_run;    /* a name was part of a longer one: skip it all */
	int sport;       /* a sports story (places alone are teams); -1: not
			  * known yet */
	size_t at;       /* token being matched */
	vns_status st;   /* first failure inside a callback */
	/* the trade words folded, for text without diacritics; per hash
	 * bucket of a first word, the trade words it may start, as written
	 * ([1]) and folded ([0]) */
	char trade_fold[TRADE_MAX][2][TRADE_WORD_MAX];
	uint64_t trade_bucket[2][TRADE_BUCKETS];
};

static int trade_init(vns_tagger *t);

/* ---- lookup tables ---------------------------------------------------- */

static size_t hash_str(const char *s, size_t n)
{
	return vns_hash32(s, n);
}

static const char *key_of(const hash *h, const vns_gz_spelling *s)
{
	return h->exact ? s->exact : s->fold;
}

static int hash_init(hash *h, size_t n, int exact)
{
	size_t size = 16;

	while (size < 2 * n)
		size *= 2;
	h->head = malloc(size * sizeof *h->head);
	h->next = malloc((n ? n : 1) * sizeof *h->next);
	h->mask = size - 1;
	h->exact = exact;
	if (!h->head || !h->next)
		return 0;
	memset(h->head, 0xff, size * sizeof *h->head); /* all -1 */
	return 1;
}

static void hash_add(hash *h, const vns_gz_spelling *sp, int i)
{
	const char *k = key_of(h, &sp[i]);
	size_t b = hash_str(k, strlen(k)) & h->mask;

	h->next[i] = h->head[b];
	h->head[b] = i;
}

static void hash_free(hash *h)
{
	free(h->head);
	free(h->next);
}

static int is_term_kind(unsigned kind)
{
	return kind == VNS_GZ_PRODUCT || kind == VNS_GZ_PROGRAMME;
}

static int is_term(const vns_gz_spelling *s)
{
	return is_term_kind(s->kind);
}

static int prefixes_init(prefixes *p, size_t n)
{
	size_t size = 16;

	while (size < 2 * n)
		size *= 2;
	vns_buf_init(&p->keys, 0);
	p->slot = calloc(size, sizeof *p->slot);
	p->mask = size - 1;
	return p->slot != NULL;
}

static void prefixes_free(prefixes *p)
{
	free(p->slot);
	vns_buf_free(&p->keys);
}

/* The slot where key s[0..n) is, or the empty one where it would go. */
static size_t *prefixes_slot(const prefixes *p, const char *s, size_t n)
{
	size_t i = hash_str(s, n) & p->mask;

	for (;; i = (i + 1) & p->mask) {
		const char *k = p->keys.data + p->slot[i] - 1;
		if (!p->slot[i] || (!memcmp(k, s, n) && k[n] == '\0'))
			return &p->slot[i];
	}
}

static int prefixes_has(const prefixes *p, const char *s, size_t n)
{
	return *prefixes_slot(p, s, n) != 0;
}

static int prefixes_add1(prefixes *p, const char *s, size_t n)
{
	size_t *slot = prefixes_slot(p, s, n);

	if (*slot)
		return 1;
	*slot = p->keys.len + 1;
	return !vns_buf_add(&p->keys, s, n) && !vns_buf_addc(&p->keys, '\0');
}

/* Add key and each run of its first words. */
static int prefixes_add(prefixes *p, const char *key)
{
	const char *sp;

	for (sp = strchr(key, ' '); sp; sp = strchr(sp + 1, ' '))
		if (!prefixes_add1(p, key, (size_t)(sp - key)))
			return 0;
	return prefixes_add1(p, key, strlen(key));
}

/* Number of keys (spellings' words) for the prefix tables: a bound. */
static size_t count_keys(const vns_gz_spelling *sp, size_t n)
{
	size_t words = 0;

	for (size_t i = 0; i < n; i++)
		words += sp[i].nwords ? sp[i].nwords : 1;
	return words;
}

/* The lookup tables of the spellings that are tagged. */
static int tables_init(vns_tagger *t)
{
	size_t words = count_keys(t->sp, t->nsp);

	if (!hash_init(&t->fold, t->nsp, 0) ||
	    !hash_init(&t->exact, t->nsp, 1) ||
	    !prefixes_init(&t->fold_pre, words) ||
	    !prefixes_init(&t->exact_pre, words))
		return 0;
	for (size_t i = 0; i < t->nsp; i++) {
		if (t->sp[i].flags & VNS_GZ_F_NOTAG)
			continue;
		hash_add(&t->fold, t->sp, (int)i);
		if (!prefixes_add(&t->fold_pre, t->sp[i].fold))
			return 0;
		if (!is_term(&t->sp[i]))
			continue;
		hash_add(&t->exact, t->sp, (int)i);
		if (!prefixes_add(&t->exact_pre, t->sp[i].exact))
			return 0;
	}
	return 1;
}

vns_status vns_tagger_new(vns_analyser *a, vns_tagger **out, vns_err *err)
{
	vns_tagger *t = calloc(1, sizeof *t);

	if (!t)
		return vns_err_set(err, VNS_ENOMEM, "out of memory");
	t->a = a;
	t->sp = vns_gz_spellings(&t->nsp);
	vns_buf_init(&t->arena, 0);
	vns_buf_init(&t->key, 4096);
	vns_buf_init(&t->pkey[0], 4096);
	vns_buf_init(&t->pkey[1], 4096);
	if (!tables_init(t) || !trade_init(t)) {
		vns_tagger_free(t);
		return vns_err_set(err, VNS_ENOMEM, "out of memory");
	}
	*out = t;
	return VNS_OK;
}

void vns_tagger_free(vns_tagger *t)
{
	if (!t)
		return;
	hash_free(&t->fold);
	hash_free(&t->exact);
	prefixes_free(&t->fold_pre);
	prefixes_free(&t->exact_pre);
	free(t->tok);
	free(t->m);
	vns_buf_free(&t->arena);
	vns_buf_free(&t->key);
	vns_buf_free(&t->pkey[0]);
	vns_buf_free(&t->pkey[1]);
	free(t);
}

/* ---- tokens ----------------------------------------------------------- */

/* 1 if any of the bytes in set occurs in the n bytes of s. */
static int strpbrk_n(const char *s, size_t n, const char *set)
{
	for (size_t i = 0; i < n; i++)
		if (strchr(set, s[i]) && s[i])
			return 1;
	return 0;
}

static int starts_upper(const char *s, size_t n)
{
	uint32_t cp;

	return n && vns_utf8_decode(s, n, &cp) && (u_isupper((UChar32)cp) ||
						   u_istitle((UChar32)cp));
}

static size_t arena_add(vns_tagger *t, const char *s, size_t n)
{
	size_t at = t->arena.len;

	if (!t->st && (vns_buf_add(&t->arena, s, n) ||
		       vns_buf_addc(&t->arena, '\0')))
		t->st = VNS_ENOMEM;
	return at;
}

static int push_tok(vns_tagger *t, const tok *k)
{
	if (VNS_GROW(t->tok, t->atok, t->ntok + 1)) {
		t->st = VNS_ENOMEM;
		return 0;
	}
	t->tok[t->ntok++] = *k;
	return 1;
}

/* 1 if the gap before the token at start is only the full stop of an
 * abbreviation ("P. Láng Hạ", "Q. Đống Đa", "TP. Huế"): one or two
 * capital letters, then ". ". */
static int abbreviation_at(const struct walk *w, size_t start)
{
	const char *p = w->text + w->prev_start;
	size_t n = w->prev_end - w->prev_start;

	if (n < 1 || n > 2 || start - w->prev_end != 2 ||
	    memcmp(w->text + w->prev_end, ". ", 2))
		return 0;
	for (size_t i = 0; i < n; i++)
		if (p[i] < 'A' || p[i] > 'Z')
			return 0;
	return 1;
}

/* The GAP_* marks of the n bytes of s. */
static unsigned char gap_marks(const char *s, size_t n)
{
	unsigned char g = 0;

	for (size_t i = 0; i < n; i++) {
		if (s[i] == ',')
			g |= GAP_COMMA;
		else if (s[i] == '-')
			g |= GAP_DASH;
		else if (s[i] == '(')
			g |= GAP_OPEN;
		else if (s[i] == ')')
			g |= GAP_CLOSE;
		else if (i + 2 < n && !memcmp(s + i, "\xe2\x80", 2) &&
			 (s[i + 2] == '\x93' || s[i + 2] == '\x94'))
			g |= GAP_DASH;
	}
	return g;
}

int vns_tagger_token(void *ctx, const vns_token *vt)
{
	vns_tagger *t = ctx;
	struct walk *w = &t->w;
	tok k = { 0 };

	if (vt->flags & VNS_TOKEN_COLOCATED) {
		if (!w->skip_fold)
			t->tok[t->ntok - 1].fold = arena_add(t, vt->term,
							     vt->len);
		return t->st != VNS_OK;
	}
	w->skip_fold = !w->text || vt->start >= w->len || t->st;
	if (w->skip_fold)
		return t->st != VNS_OK;
	if (memchr(w->text + w->prev_end, '\n', vt->start - w->prev_end)) {
		w->para++;
		if (w->zone == Z_LEAD && w->lead_first)
			w->zone = Z_BODY;
	}
	k.sentence = w->prev_end == 0 ||
		     (strpbrk_n(w->text + w->prev_end, vt->start - w->prev_end,
				".!?;:\n") &&
		      !abbreviation_at(w, vt->start));
	k.gap = gap_marks(w->text + w->prev_end, vt->start - w->prev_end);
	w->prev_end = vt->end;
	w->prev_start = vt->start;
	k.exact = arena_add(t, vt->term, vt->len);
	k.flags = vt->flags;
	k.para = w->para;
	k.zone = w->zone;
	k.cap = (unsigned char)starts_upper(w->text + vt->start,
					    vt->end - vt->start);
	w->skip_fold = !push_tok(t, &k);
	return t->st != VNS_OK;
}

static const char *exact_of(const vns_tagger *t, size_t i)
{
	return t->arena.data + t->tok[i].exact;
}

static const char *fold_of(const vns_tagger *t, size_t i)
{
	return t->arena.data + t->tok[i].fold;
}

/* The word at i as this document is compared: exact when it has
 * diacritics, else folded. */
static const char *word(const vns_tagger *t, size_t i)
{
	return t->marked ? exact_of(t, i) : fold_of(t, i);
}

/* ---- context ---------------------------------------------------------- */

static const struct {
	const char *w1, *w2; /* w2 NULL: one word */
	enum ctx c;
} ctx_words[] = {
	{ "thị", "xã", C_DISTRICT }, { "thị", "trấn", C_TOWN },
	{ "thành", "phố", C_CITY },  { "thủ", "đô", C_CITY },
	{ "đặc", "khu", C_COMMUNE }, { "khu", "vực", C_NONE },
	{ "tỉnh", NULL, C_PROVINCE }, { "tp", NULL, C_CITY },
	{ "huyện", NULL, C_DISTRICT }, { "quận", NULL, C_DISTRICT },
	{ "xã", NULL, C_COMMUNE },   { "phường", NULL, C_COMMUNE },
	{ "đường", NULL, C_OTHER },  { "phố", NULL, C_OTHER },
	{ "sông", NULL, C_OTHER },   { "cầu", NULL, C_OTHER },
	{ "chợ", NULL, C_OTHER },    { "làng", NULL, C_OTHER },
	{ "thôn", NULL, C_OTHER },   { "bản", NULL, C_OTHER },
	{ "ấp", NULL, C_OTHER },     { "núi", NULL, C_OTHER },
	{ "hồ", NULL, C_OTHER },
	{ "đèo", NULL, C_OTHER },    { "bến", NULL, C_OTHER },
	{ "cảng", NULL, C_OTHER },   { "khu", NULL, C_OTHER },
	{ "đảo", NULL, C_OTHER },    { "vịnh", NULL, C_OTHER },
	{ "chùa", NULL, C_OTHER },   { "đền", NULL, C_OTHER },
	{ "hẻm", NULL, C_OTHER },    { "ngõ", NULL, C_OTHER },
};

/* a (the document's form of a word) equals w (written with marks). */
static int word_is(const vns_tagger *t, const char *a, const char *w)
{
	char exact[64], folded[64];

	if (t->marked)
		return !strcmp(a, w);
	if (vns_analyse_word(t->a, w, strlen(w), exact, sizeof exact, folded,
			     sizeof folded, NULL))
		return 0;
	return !strcmp(a, folded);
}

/* 1 if token k, "đường", is the road of a traffic jam ("tắc đường Hà
 * Nội"), not the street of a name. */
static int jam_road(const vns_tagger *t, size_t k)
{
	static const char *const jam[] = { "tắc", "kẹt", "ùn", "nghẽn" };

	for (size_t j = 0; k > 0 && j < sizeof jam / sizeof *jam; j++)
		if (t->tok[k - 1].para == t->tok[k].para &&
		    word_is(t, word(t, k - 1), jam[j]))
			return 1;
	return 0;
}

/* What the one or two words before token i (same sentence) say: "chợ.
 * Hà Tĩnh có cảng" is not a market called Hà Tĩnh. */
static enum ctx context_before(const vns_tagger *t, size_t i)
{
	unsigned para = t->tok[i].para;
	int has1 = i >= 1 && t->tok[i - 1].para == para && !t->tok[i].sentence;
	int has2 = has1 && i >= 2 && t->tok[i - 2].para == para &&
		   !t->tok[i - 1].sentence;

	for (size_t k = 0; has1 && k < sizeof ctx_words / sizeof *ctx_words;
	     k++) {
		if (ctx_words[k].w2) {
			if (has2 && word_is(t, word(t, i - 2), ctx_words[k].w1) &&
			    word_is(t, word(t, i - 1), ctx_words[k].w2))
				return ctx_words[k].c;
		} else if (word_is(t, word(t, i - 1), ctx_words[k].w1)) {
			if (ctx_words[k].c == C_OTHER && jam_road(t, i - 1))
				return C_NONE;
			return ctx_words[k].c;
		}
	}
	return C_NONE;
}

/* Build the key of n tokens from i (exact or folded words) in t->key. */
static int make_key(vns_tagger *t, size_t i, size_t n, int exact)
{
	vns_buf_reset(&t->key);
	for (size_t k = i; k < i + n; k++) {
		const char *w = exact ? exact_of(t, k) : fold_of(t, k);
		if ((k > i && vns_buf_addc(&t->key, ' ')) ||
		    vns_buf_adds(&t->key, w))
			return 0;
	}
	return 1;
}

static int same_para(const vns_tagger *t, size_t i, size_t n)
{
	return t->tok[i + n - 1].para == t->tok[i].para;
}

/* Call each spelling in h whose key is t->key. */
#define FOR_KEY(t, h, s)                                                     \
	for (int s_i_ = (h)->head[hash_str((t)->key.data, (t)->key.len) &    \
				  (h)->mask];                                \
	     s_i_ >= 0; s_i_ = (h)->next[s_i_])                              \
		if (((s) = &(t)->sp[s_i_]),                                  \
		    !strcmp(key_of((h), (s)), (t)->key.data))

/* 1 if a place spelling (as tagged) starts at token j. */
static int place_starts_at(vns_tagger *t, size_t j)
{
	const vns_gz_spelling *s;

	for (size_t n = 1; n <= MAX_WORDS && j + n <= t->ntok; n++) {
		if (!same_para(t, j, n) || !make_key(t, j, n, 0))
			break;
		FOR_KEY(t, &t->fold, s)
			if (!is_term(s))
				return 1;
	}
	return 0;
}

/* A capitalised word right after a name continues it: "Thái Bình
 * Dương" is the Pacific, unless another place starts there. */
static int followed_by_name(vns_tagger *t, size_t j)
{
	if (j >= t->ntok || t->tok[j].para != t->tok[j - 1].para ||
	    (t->tok[j].flags & VNS_TOKEN_BREAK_BEFORE) || !t->tok[j].cap)
		return 0;
	return !place_starts_at(t, j);
}

static int all_capitalised(const vns_tagger *t, size_t i, size_t n)
{
	for (size_t k = i; k < i + n; k++)
		if (!t->tok[k].cap)
			return 0;
	return 1;
}

/* ---- mentions --------------------------------------------------------- */

static void add_mention(vns_tagger *t, unsigned char kind, unsigned index,
			double weight, int ambiguous)
{
	if (VNS_GROW(t->m, t->am, t->nm + 1)) {
		t->st = VNS_ENOMEM;
		return;
	}
	t->m[t->nm++] = (mention){ kind, (unsigned short)index, weight,
				   ambiguous, 0, 0, 0, 0, t->at, 1, 0 };
}

/* 1 if entity (kind, index) already has a mention from this match (two
 * spellings can share a key: "TP.HCM", "TPHCM"). */
static int seen_since(const vns_tagger *t, size_t from, unsigned char kind,
		      unsigned index)
{
	for (size_t i = from; i < t->nm; i++)
		if (t->m[i].kind == kind && t->m[i].index == index)
			return 1;
	return 0;
}

/* 1 if token j is "cũ" (former), in the same paragraph as token j - 1. */
static int former_at(const vns_tagger *t, size_t j)
{
	return j < t->ntok && t->tok[j].para == t->tok[j - 1].para &&
	       word_is(t, word(t, j), "cũ");
}

/* Number of 2024 provinces merged into 2025 province p. */
static size_t parts_of(int p)
{
	size_t n = 0;

	for (size_t i = 0; i < vns_gz_count(VNS_GZ_PROVINCE_2024); i++)
		n += vns_gz_get(VNS_GZ_PROVINCE_2024, i)->parent == p;
	return n;
}

/* Words that make the rest of their sentence a plan or a wish, not an
 * activity: "sẽ tham gia Chương trình OCOP", "đề nghị công nhận OCOP". */
static const char *const plan_words[][2] = {
	{ "sẽ", NULL },	    { "dự", "kiến" },  { "đề", "xuất" },
	{ "đề", "nghị" },   { "hướng", "dẫn" }, { "điều", "kiện" },
	{ "chuẩn", "bị" },  { "định", "hướng" }, { "phấn", "đấu" },
	{ "mong", "muốn" },
};

static int plan_word_at(const vns_tagger *t, size_t k)
{
	for (size_t p = 0; p < sizeof plan_words / sizeof *plan_words; p++) {
		if (!word_is(t, word(t, k), plan_words[p][0]))
			continue;
		if (!plan_words[p][1] ||
		    (k + 1 < t->ntok &&
		     word_is(t, word(t, k + 1), plan_words[p][1])))
			return 1;
	}
	return 0;
}

/* 1 if a plan word stands earlier in token i's sentence. */
static int planned_at(const vns_tagger *t, size_t i)
{
	for (size_t k = i; k > 0; k--) {
		if (t->tok[k].sentence)
			break;
		if (plan_word_at(t, k - 1))
			return 1;
	}
	return 0;
}

/* Weight of a province spelling at tokens [i, i+n): 0 if not the
 * province here. */
static double province_weight(vns_tagger *t, const vns_gz_spelling *s,
			      size_t i, size_t n, enum ctx c)
{
	if (c == C_PROVINCE || c == C_CITY)
		return 1.0;
	if (c != C_NONE)
		return 0.0; /* xã Phú Thọ, huyện Quảng Ninh, đường ... */
	if (!t->tok[i + n - 1].cap ||
	    ((s->flags & VNS_GZ_F_NAME) && !all_capitalised(t, i, n)))
		return 0.0; /* hòa bình: peace */
	if ((s->flags & VNS_GZ_F_NAME) && followed_by_name(t, i + n)) {
		t->skip_run = 1; /* Thái Bình Dương: not Bình Dương either */
		return 0.0;
	}
	return 1.0;
}

/* Words of a sports story. */
static const char *const sport_words[][2] = {
	{ "cầu", "thủ" }, { "hlv", NULL }, { "bàn", "thắng" },
	{ "đội", "bóng" }, { "v-league", NULL }, { "trận", "đấu" },
	{ "vòng", "đấu" }, { "thủ", "môn" }, { "tiền", "vệ" },
	{ "vô", "địch" }, { "giải", "đấu" }, { "clb", NULL },
};

/* 1 if at least four sports words occur. */
static int is_sport(const vns_tagger *t)
{
	size_t found = 0;

	for (size_t i = 0; t->marked && i < t->ntok && found < 4; i++)
		for (size_t k = 0; k < sizeof sport_words / sizeof *sport_words;
		     k++)
			if (!strcmp(exact_of(t, i), sport_words[k][0]) &&
			    (!sport_words[k][1] ||
			     (i + 1 < t->ntok &&
			      !strcmp(exact_of(t, i + 1), sport_words[k][1]))))
				found++;
	return found >= 4;
}

/* 1 if the document is a sports story, worked out on first need. */
static int sport(vns_tagger *t)
{
	if (t->sport < 0)
		t->sport = is_sport(t);
	return t->sport;
}

/* Words before a place that make it a passing mention: a person's
 * hometown or residence, a time zone, a club. */
static const struct {
	const char *w[3];
	size_t reach; /* words between it and the place, at most */
} passing_before[] = {
	{ { "quê", NULL }, 6 },	      { { "trú", NULL }, 6 },
	{ { "ngụ", NULL }, 6 },	      { { "sinh", "ra" }, 4 },
	{ { "giờ", NULL }, 0 },	      { { "clb", NULL }, 0 },
	{ { "câu", "lạc", "bộ" }, 0 }, { { "đội", "bóng" }, 0 },
	{ { "sông", "lam" }, 0 },      { { "hoàng", "anh" }, 0 },
	{ { "becamex", NULL }, 0 },    { { "thép", "xanh" }, 0 },
	{ { "đông", "á" }, 0 },	      { { "hồng", "lĩnh" }, 0 },
	{ { "flc", NULL }, 0 },	      { { "shb", NULL }, 0 },
	{ { "sanna", NULL }, 0 },      { { "xskt", NULL }, 0 },
	{ { "than", NULL }, 0 },       { { "v.league", NULL }, 0 },
	/* an institution or firm of the place: "Đại học Bách khoa Hà Nội",
	 * "Báo Pháp Luật TP.HCM", "thị trường Hà Nội" (its prices) */
	{ { "đại", "học" }, 3 },       { { "học", "viện" }, 3 },
	{ { "trường", NULL }, 3 },     { { "báo", NULL }, 0 },
	{ { "đài", NULL }, 1 },	      { { "đoàn", "luật", "sư" }, 1 },
	{ { "hiệp", "hội" }, 3 },      { { "công", "ty" }, 8 },
	{ { "cty", NULL }, 8 },	      { { "dntn", NULL }, 8 },
	{ { "chi", "nhánh" }, 8 },     { { "tập", "đoàn" }, 4 },
	{ { "ngân", "hàng" }, 3 },
	/* an address: "trụ sở chính tại ..., TP Hà Nội" */
	{ { "trụ", "sở" }, 16 },       { { "địa", "chỉ" }, 16 },
};

/* 1 if the words w[0..] (NULL-ended, at most 3) stand at token k. */
static int words_at(const vns_tagger *t, size_t k, const char *const *w)
{
	for (size_t j = 0; j < 3 && w[j]; j++)
		if (k + j >= t->ntok || !word_is(t, word(t, k + j), w[j]))
			return 0;
	return 1;
}

/* 1 if token k is in the sentence of token i (k < i). */
static int same_sentence(const vns_tagger *t, size_t k, size_t i)
{
	for (size_t j = k + 1; j <= i; j++)
		if (t->tok[j].sentence || t->tok[j].para != t->tok[k].para)
			return 0;
	return 1;
}

/* 1 if one of the NULL-ended words w stands at token k. */
static int word_in(const vns_tagger *t, size_t k, const char *const *w)
{
	for (; *w; w++)
		if (word_is(t, word(t, k), *w))
			return 1;
	return 0;
}

/* 1 if a place mention taken before token i ends right before it. */
static int place_ends_at(const vns_tagger *t, size_t i)
{
	for (size_t k = t->nm; k-- > 0;) {
		const mention *m = &t->m[k];
		if (m->tok >= i)
			continue;
		if (m->tok + MAX_WORDS < i)
			break;
		if (m->tok + m->ntok == i && !is_term_kind(m->kind))
			return 1;
	}
	return 0;
}

/* Words before a pair of names joined by a dash that make it a route. */
static const char *const route_words[] = {
	"tuyến", "đường", "đoạn", "tốc", "lộ", "chặng", "chuyến", "trình",
	NULL
};

/* 1 if the place at [i, i+n) is an end of a route or a pair written with
 * a dash ("tuyến Hà Nội – Hải Phòng", "cao tốc TP.HCM - Trung Lương",
 * "đường sắt Cát Linh - Hà Đông"): the other end is a place, or a route
 * word stands a few words before. */
static int route_at(vns_tagger *t, size_t i, size_t n)
{
	size_t j = i + n;
	int after = j < t->ntok && (t->tok[j].gap & GAP_DASH) &&
		    same_sentence(t, i, j) && t->tok[j].cap;
	int before = i > 0 && (t->tok[i].gap & GAP_DASH) &&
		     same_sentence(t, i - 1, i) && t->tok[i - 1].cap;

	if ((after && place_starts_at(t, j)) || (before && place_ends_at(t, i)))
		return 1;
	for (size_t k = i, back = 0; (after || before) && k > 0 && back < 6;
	     k--, back++) {
		if (!same_sentence(t, k - 1, i))
			break;
		if (word_in(t, k - 1, route_words))
			return 1;
	}
	return 0;
}

/* 1 if the place at [i, i+n) is where a journey starts: "từ" before it
 * (or before its kind word), a verb of motion a few words after ("từ Hòa
 * Bình đi qua Hà Đông", "hạ thủy từ Nam Định về đến Bình Định"). */
static int origin_at(const vns_tagger *t, size_t i, size_t n, enum ctx c)
{
	static const char *const motion[] = {
		"về", "đến", "tới", "đi", "sang", "ra", "vào", "lên", "xuống",
		"qua", NULL
	};
	size_t from = c == C_NONE ? 1 : 3, end = i + n;
	int start = 0;

	for (size_t k = 1; k <= from && k <= i && !start; k++)
		start = same_sentence(t, i - k, i) &&
			word_is(t, word(t, i - k), "từ");
	for (size_t k = end; start && k < end + 4 && k < t->ntok; k++) {
		if (!same_sentence(t, i, k))
			break;
		if (word_in(t, k, motion))
			return 1;
	}
	return 0;
}

/* 1 if the number at token k starts a house number: after "số", "tầng",
 * "tại", a comma or the start of a sentence, and followed by a street
 * (a capitalised name or a street word). */
static int house_number_at(const vns_tagger *t, size_t k, size_t *end)
{
	static const char *const lead[] = { "số", "tầng", "lô", "tại", "ở",
					    "kiốt", "căn", NULL };
	static const char *const street[] = {
		"đường", "phố", "ngõ", "ngách", "hẻm", "kiệt", "ấp", "thôn",
		"tổ", "khu", "xóm", "toà", "tòa", "lô", NULL
	};
	size_t e = k;

	if (!(t->tok[k].flags & VNS_TOKEN_NUMBER) ||
	    (k > 0 && (t->tok[k - 1].flags & VNS_TOKEN_NUMBER)))
		return 0;
	if (!t->tok[k].sentence && !(t->tok[k].gap & (GAP_COMMA | GAP_DASH)) &&
	    !(k > 0 && word_in(t, k - 1, lead)))
		return 0;
	while (e + 1 < t->ntok && (t->tok[e + 1].flags & VNS_TOKEN_NUMBER) &&
	       same_sentence(t, e, e + 1))
		e++;
	if (e + 1 >= t->ntok || !same_sentence(t, e, e + 1) ||
	    !(t->tok[e + 1].cap || word_in(t, e + 1, street)))
		return 0;
	*end = e + 1;
	return 1;
}

/* 1 if the place at token i ends an address: a house number and a street
 * a few words before it in its sentence, a comma between ("số 184 Thái
 * Thịnh, quận Đống Đa, Hà Nội"): where a firm or a person is, not what
 * happens. */
static int address_at(const vns_tagger *t, size_t i)
{
	/* in the title or lead an address is where the event is */
	if (t->tok[i].zone != Z_BODY)
		return 0;
	for (size_t k = i, back = 0; k > 0 && back < 14; k--, back++) {
		size_t street;
		if (!same_sentence(t, k - 1, i))
			break;
		if (house_number_at(t, k - 1, &street) && street < i) {
			for (size_t j = street + 1; j <= i; j++)
				if (t->tok[j].gap & GAP_COMMA)
					return 1;
		}
	}
	return 0;
}

/* Words before a person's name. */
static const char *const person_words[] = {
	"anh", "chị", "ông", "bà", "em", "bé", "cháu", "cô", "chú", "bác",
	"cụ", "thầy", "cậu", "bạn", "vợ", "chồng", "con", "mẹ", "bố", "cha",
	"nhân", "tượng", "cáo", "can", "phạm", "xế", "viên", "sinh", "sĩ",
	NULL
};

/* Words before a place named after a person ("đền ông Hoàng Mười",
 * "phố Bà Triệu"). */
static const char *const named_after[] = {
	"đền", "chùa", "đình", "miếu", "lăng", "phủ", "đường", "phố", "cầu",
	"trường", "nhà", NULL
};

/* 1 if token k is a word for a person ("công viên" is a park). */
static int person_at(const vns_tagger *t, size_t k)
{
	return word_in(t, k, person_words) &&
	       !(k > 0 && word_is(t, word(t, k), "viên") &&
		 word_is(t, word(t, k - 1), "công"));
}

/* 1 if the place at token i stands in brackets after a person: "chị Lan
 * (Tây Hồ, Hà Nội)", "bé 5 tuổi (ở Cà Mau)", "anh Tâm (quê Nghệ An)" --
 * where they live. Brackets after a place or a body ("Tân An (Long An)",
 * "Công an quận Hà Đông (Hà Nội)") say where that is, and do not count
 * here. */
static int aside_at(const vns_tagger *t, size_t i)
{
	static const char *const home[] = { "ở", "quê", "trú", "ngụ", "sn",
					    NULL };
	size_t p = i, r;

	while (!(t->tok[p].gap & GAP_OPEN)) {
		if (p == 0 || i - p >= 8 || (t->tok[p].gap & GAP_CLOSE) ||
		    !same_sentence(t, p - 1, i))
			return 0;
		p--;
	}
	if (word_in(t, p, home))
		return 1;
	if (p == 0 || !same_sentence(t, p - 1, p))
		return 0;
	if (word_is(t, word(t, p - 1), "tuổi"))
		return 1;
	if (!t->tok[p - 1].cap || place_ends_at(t, p))
		return 0;
	/* the name: the run of capitalised words before the bracket, after
	 * a word for a person ("chị", "ông", "bị cáo") */
	r = p - 1;
	while (r > 0 && t->tok[r - 1].cap && same_sentence(t, r - 1, r))
		r--;
	if (p - r > 4)
		return 0;
	if (r > 0 && same_sentence(t, r - 1, r) && person_at(t, r - 1))
		r--;
	else if (!person_at(t, r))
		return 0;
	/* "đền ông Hoàng Mười", "đường Bà Triệu": a place named after a
	 * person says where the event is */
	return !(r > 0 && same_sentence(t, r - 1, r) &&
		 word_in(t, r - 1, named_after));
}

/* 1 if a passing word stands close enough before token i in its sentence
 * ("quê ở xã X, huyện Y, tỉnh Z", "(giờ Hà Nội)", "CLB Hà Nội"). */
static int passing_word_before(const vns_tagger *t, size_t i)
{
	for (size_t k = i, back = 0; k > 0 && back <= 16; k--, back++) {
		if (t->tok[k].sentence || t->tok[k - 1].para != t->tok[i].para)
			break;
		for (size_t p = 0;
		     p < sizeof passing_before / sizeof *passing_before; p++) {
			const char *const *w = passing_before[p].w;
			size_t len = w[1] ? (w[2] ? 3 : 2) : 1;
			if (back > passing_before[p].reach || k < len)
				continue;
			/* "quê hương Bắc Giang": the homeland, not a home */
			if (words_at(t, k - len, w) &&
			    !(p == 0 && word_is(t, word(t, k - len + 1),
						"hương")))
				return 1;
		}
	}
	return 0;
}

/* 1 if the place at tokens [i, i+n), after context c, is named in
 * passing: after a passing word, a team in a sports story or before
 * "FC", an end of a route, the start of a journey, the end of an
 * address, an aside in brackets. */
static int passing_at(vns_tagger *t, size_t i, size_t n, enum ctx c)
{
	/* in a sports story a bare province name is a team */
	if (c == C_NONE && sport(t))
		return 1;
	if (i + n < t->ntok && t->tok[i + n].para == t->tok[i].para &&
	    word_is(t, word(t, i + n), "fc"))
		return 1;
	return passing_word_before(t, i) || route_at(t, i, n) ||
	       origin_at(t, i, n, c) || address_at(t, i) || aside_at(t, i);
}

/* Weight of a district spelling: names with their kind word count fully,
 * a commune that took a district's name after the reform too, a bare
 * capitalised name of several words half. */
static double district_weight(vns_tagger *t, const vns_gz_spelling *s,
			      size_t i, size_t n, enum ctx c, int is_province)
{
	const vns_gz_entry *d = vns_gz_get(VNS_GZ_DISTRICT, s->index);

	switch (c) {
	case C_DISTRICT:
		return 1.0;
	case C_CITY:
		return d && !strcmp(d->info, "thành phố") ? 1.0 : 0.0;
	case C_COMMUNE:
	case C_TOWN:
		return !is_province && (t->post_reform || c == C_TOWN)
			       ? 1.0 : 0.0;
	case C_NONE:
		if (is_province || n < 2 || !all_capitalised(t, i, n) ||
		    followed_by_name(t, i + n))
			return 0.0;
		return BARE_DISTRICT;
	default:
		return 0.0;
	}
}

/* 1 unless the words at t->at, written with marks, have other marks
 * than spelling s: "Huệ" (a person) is not "Huế". The exact key is built
 * in pkey[1], free once the longest prefix is known. */
static int exact_agrees(vns_tagger *t, const vns_gz_spelling *s)
{
	size_t n = s->nwords, i = t->at;
	int marked = 0;
	vns_buf *k = &t->pkey[1];

	if (!t->marked || i + n > t->ntok)
		return 1;
	vns_buf_reset(k);
	for (size_t j = i; j < i + n; j++) {
		marked |= (t->tok[j].flags & VNS_TOKEN_MARKED) != 0;
		if ((j > i && vns_buf_addc(k, ' ')) ||
		    vns_buf_adds(k, exact_of(t, j)))
			return 1;
	}
	return !marked || !strcmp(k->data, s->exact);
}

/* Place spellings (as tagged) whose key is t->key, into cand[]; *province
 * says whether one is a province, *districts how many are districts. */
static size_t place_candidates(vns_tagger *t, const vns_gz_spelling **cand,
			       size_t max, int *province, int *districts)
{
	const vns_gz_spelling *s;
	size_t n = 0;

	*province = *districts = 0;
	FOR_KEY(t, &t->fold, s) {
		if (is_term(s) || n == max || !exact_agrees(t, s))
			continue;
		cand[n++] = s;
		*province |= s->kind == VNS_GZ_PROVINCE_2024;
		*districts += s->kind == VNS_GZ_DISTRICT;
	}
	return n;
}

/* Places whose spelling is t->key at [i, i+n); 1 if any was taken. The
 * context checks reuse t->key, so the candidates are gathered first. */
static int take_places(vns_tagger *t, size_t i, size_t n, double zw)
{
	const vns_gz_spelling *cand[32];
	int province, districts, took = 0;
	size_t nc = place_candidates(t, cand, 32, &province, &districts);
	enum ctx c = nc ? context_before(t, i) : C_NONE;

	size_t first = t->nm;
	int former = former_at(t, i + n);

	for (size_t k = 0; k < nc; k++) {
		const vns_gz_spelling *s = cand[k];
		double w = s->kind == VNS_GZ_PROVINCE_2024
				   ? province_weight(t, s, i, n, c)
				   : district_weight(t, s, i, n, c, province);
		if (w <= 0.0 || seen_since(t, first, s->kind, s->index))
			continue;
		add_mention(t, s->kind, s->index, w * zw * (former ? FORMER : 1),
			    s->kind == VNS_GZ_DISTRICT && districts > 1);
		if (t->nm > first) {
			t->m[t->nm - 1].ntok = n;
			t->m[t->nm - 1].former = former;
		}
		if (t->nm > first && passing_at(t, i, n, c))
			t->m[t->nm - 1].passing = 1;
		if (t->nm > first && s->kind == VNS_GZ_DISTRICT && c == C_NONE)
			t->m[t->nm - 1].bare = 1;
		if (s->kind == VNS_GZ_PROVINCE_2024 && t->post_reform &&
		    !former && t->nm > first)
			t->m[t->nm - 1].new_unit = parts_of(vns_gz_get(
				VNS_GZ_PROVINCE_2024, s->index)->parent) > 1;
		took = 1;
	}
	return took;
}

/* 1 if the last mention, a few words before token i, is of the same
 * entity: "nghêu (ngao)" names it once. */
static int just_named(const vns_tagger *t, unsigned char kind,
		      unsigned index, size_t i)
{
	const mention *m = t->nm ? &t->m[t->nm - 1] : NULL;

	return m && m->kind == kind && m->index == index && m->tok + 3 >= i;
}

/* Products and programmes whose spelling is t->key (in h). */
static int take_terms(vns_tagger *t, const hash *h, size_t i, double zw)
{
	const vns_gz_spelling *s;
	size_t first = t->nm;
	int took = 0;

	FOR_KEY(t, h, s) {
		double w = zw * (s->flags & VNS_GZ_F_WEAK ? WEAK : 1.0);
		/* without diacritics one syllable is too ambiguous: "nam" is
		 * nấm, năm, nam ... */
		if (!t->marked && s->nwords == 1)
			w *= WEAK;
		if (!is_term(s))
			continue;
		/* a capital inside a sentence makes it a name: "Quế Phong",
		 * "bé Gạo" */
		if (s->kind == VNS_GZ_PRODUCT && t->tok[i].cap &&
		    !t->tok[i].sentence)
			continue;
		took = 1;
		if ((s->flags & VNS_GZ_F_BLOCK) ||
		    seen_since(t, first, s->kind, s->index) ||
		    just_named(t, s->kind, s->index, i))
			continue;
		if (s->kind == VNS_GZ_PROGRAMME && planned_at(t, i))
			w *= PLANNED;
		add_mention(t, s->kind, s->index, w, 0);
		if (t->nm && (s->flags & VNS_GZ_F_WEAK))
			t->m[t->nm - 1].weak = 1;
	}
	return took;
}

/* Tokens from i to the end of the run of capitalised words it starts. */
static size_t skip_name_run(vns_tagger *t, size_t i)
{
	size_t j = i + 1;

	t->skip_run = 0;
	while (j < t->ntok && t->tok[j].cap && t->tok[j].para == t->tok[i].para &&
	       !(t->tok[j].flags & VNS_TOKEN_BREAK_BEFORE))
		j++;
	return j - i;
}

/* 1 if p holds the run in key with word w added (key grows by it). */
static int extend_prefix(const prefixes *p, vns_buf *key, const char *w)
{
	if ((key->len && vns_buf_addc(key, ' ')) || vns_buf_adds(key, w))
		return 0;
	return prefixes_has(p, key->data, key->len);
}

/* Most words from token i (same paragraph) that may begin a spelling:
 * longer runs have no key to look up. */
static size_t longest_prefix(vns_tagger *t, size_t i)
{
	size_t n = 0;
	int fold = 1, exact = t->marked;

	vns_buf_reset(&t->pkey[0]);
	vns_buf_reset(&t->pkey[1]);
	while ((fold || exact) && n < MAX_WORDS && i + n < t->ntok &&
	       t->tok[i + n].para == t->tok[i].para) {
		fold = fold && extend_prefix(&t->fold_pre, &t->pkey[0],
					     fold_of(t, i + n));
		exact = exact && extend_prefix(&t->exact_pre, &t->pkey[1],
					       exact_of(t, i + n));
		n += fold || exact;
	}
	return n;
}

static int sentence_between(const vns_tagger *t, size_t a, size_t b);
static int product_starts_at(vns_tagger *t, size_t i);

/* 1 if token i names a craft or trade rather than a good ("nghề dệt",
 * "làng gốm", "chế biến", "đan lát"). */
static int craft_word(const vns_tagger *t, size_t i)
{
	static const char *const w[] = { "nghề", "làng", "chế", "dệt", "đan",
					 "làm" };

	for (size_t k = 0; k < sizeof w / sizeof *w; k++)
		if (!strcmp(exact_of(t, i), w[k]))
			return 1;
	return 0;
}

/* The mentions of the longest spelling starting at token i; the number
 * of tokens it covers (1 when none). */
static size_t match_at(vns_tagger *t, size_t i)
{
	double zw = zone_weight[t->tok[i].zone];

	t->at = i;
	t->skip_run = 0;
	for (size_t n = longest_prefix(t, i); n >= 1; n--) {
		int took = 0;
		size_t first;
		if (i + n > t->ntok || !same_para(t, i, n))
			continue;
		if (!make_key(t, i, n, 0))
			return 1;
		took = take_places(t, i, n, zw);
		make_key(t, i, n, 0);
		first = t->nm;
		if (!t->marked)
			took |= take_terms(t, &t->fold, i, zw);
		else if (make_key(t, i, n, 1))
			took |= take_terms(t, &t->exact, i, zw);
		/* "nghề dệt thổ cẩm": the craft of the product that follows
		 * is that product */
		if (t->nm > first && t->m[first].kind == VNS_GZ_PRODUCT &&
		    t->marked && craft_word(t, i) && i + n < t->ntok &&
		    !sentence_between(t, i + n - 1, i + n) &&
		    product_starts_at(t, i + n))
			t->nm = first;
		if (took)
			return n;
		if (t->skip_run)
			return skip_name_run(t, i);
	}
	return 1;
}

/* ---- passing lists ---------------------------------------------------- */

/* The 2024 province a place mention names, or -1 (a district name found
 * in several provinces says none). */
static int province_of(const mention *m)
{
	if (m->kind == VNS_GZ_PROVINCE_2024)
		return m->index;
	if (m->kind == VNS_GZ_DISTRICT && !m->ambiguous)
		return vns_gz_get(VNS_GZ_DISTRICT, m->index)->parent;
	return -1;
}


/* Provinces in one sentence of the lead or body from which it is a list
 * ("mưa to ở Hà Nội, Hải Phòng, Quảng Ninh"): each of them is named in
 * passing. */
#define LIST_MIN 3

static int sentence_between(const vns_tagger *t, size_t a, size_t b);

static void mark_lists(vns_tagger *t)
{
	size_t from = 0;

	while (from < t->nm) {
		size_t to = from + 1, distinct = 0;
		/* mentions sorted by token: a sentence's run of them */
		while (to < t->nm && !sentence_between(t, t->m[to - 1].tok,
						       t->m[to].tok))
			to++;
		for (size_t i = from; i < to; i++) {
			int p = province_of(&t->m[i]), seen = 0;
			for (size_t j = from; p >= 0 && j < i; j++)
				seen |= province_of(&t->m[j]) == p;
			distinct += p >= 0 && !seen;
		}
		for (size_t i = from; distinct >= LIST_MIN && i < to; i++)
			if (t->tok[t->m[i].tok].zone != Z_TITLE)
				t->m[i].passing = 1;
		from = to;
	}
}

/* ---- products outside the lexicon ------------------------------------- */

/* Words that present what follows as a product, longest first where one
 * starts another. */
static const char *const open_triggers[][5] = {
	{ "sản", "phẩm" },	       { "đặc", "sản" },
	{ "làng", "nghề" },	       { "nghề", "làm" },
	{ "cơ", "sở", "sản", "xuất" }, { "chế", "biến" },
	{ "thương", "hiệu" },	       { "cơ", "sở" },
	{ "hợp", "tác", "xã" },	       { "htx" },
	{ "làng" },		       { "nghề" },
};

/* The first of open_triggers that present a product only when its place
 * follows it ("làng lụa Vạn Phúc", "HTX khóm Cầu Đúc", "cơ sở gốm Hương
 * Canh"): alone they are as often a village, a cooperative or a facility
 * of any kind ("cơ sở hạ tầng", "làng quê"). */
#define OPEN_NEEDS_PLACE 7

/* Words a product name does not contain: they end it. */
static const char *const open_stop[] = {
	"của", "tại", "ở", "và", "hoặc", "cho", "với", "từ", "trên", "dưới",
	"trong", "ngoài", "theo", "này", "đó", "kia", "các", "những", "nhiều",
	"mỗi", "một", "để", "thì", "mà", "khi", "đến", "vào", "ra", "về",
	"như", "cùng", "nhằm", "giúp", "gồm", "thuộc", "đang", "đã", "sẽ",
	"vẫn", "cũng", "rất", "nhất", "hơn", "không", "chưa", "chỉ", "đều",
	"lại", "bị", "được", "có", "là", "nên", "vì", "do", "nhưng", "đạt",
	"xuất", "tiêu", "bán", "mang", "tạo", "trở", "sử", "người", "hộ",
	"hợp", "doanh", "htx", "xã", "huyện", "tỉnh", "thôn", "bản", "phường",
	"làng", "vùng", "khu", "chợ", "thị", "thành", "năm", "tháng", "ngày",
	"ocop", "sao", "chủ", "tiêu", "chất", "truyền", "thống", "địa",
	"phương", "nông", "công", "thủ", "mỹ", "nghệ", "đặc", "trưng", "mới",
	"sạch", "an", "hữu", "cơ", "sản", "phẩm", "hàng", "hóa", "thực",
	"uống", "dịch", "vụ", "du", "lịch", "tham", "gia", "hỗ", "trợ",
	"phát", "triển", "nâng", "đầu", "tư", "ứng", "dụng", "cải", "tiến",
	"đổi", "giới", "thiệu", "trưng", "bày", "quy", "mô", "lớn", "nhỏ",
	"khác", "đầu", "tiên", "tiêu", "biểu", "chính", "nổi", "tiếng",
	"lâu", "đời", "hiện", "nay", "sau", "trước", "còn", "ngay", "đây",
	"nào", "gì", "ai", "tự", "nhiên", "chuyên", "nghiệp", "kinh", "tế",
	"thương", "mại", "hiệu", "quả", "nhãn", "mác", "bao", "bì", "mẫu",
	"mã", "giá", "trị", "chuỗi", "liên", "kết", "thị", "trường", "số",
	"điện", "tử", "trực", "tuyến", "online", "xuất", "khẩu", "nội",
	"thất", "máy", "móc", "thiết", "bị", "dây", "chuyền", "lò", "đồ",
	"việt", "nam", "quốc", "gia", "tỉnh", "cấp", "loại", "khoảng",
	"sâu", "nhờ", "gấp", "đôi", "hai", "ba", "chế", "biến", "tinh", "thô",
	"khuyến", "mạnh", "thêm", "kém", "tốt", "cao", "thấp", "bền", "vững",
	"đa", "dạng", "nguyên", "liệu", "phẩm", "đóng", "gói", "trái", "cây",
	"sau", "qua", "tới", "bằng", "hết", "cả", "toàn", "bộ", "phần", "lượng",
	"văn", "hóa", "hoá", "quảng", "cáo", "âm", "nhạc", "phim", "thuật",
	"đánh", "bắt", "tài", "ngân", "bảo", "hiểm", "phần", "mềm", "giáo",
	"dục", "y", "tế", "thời", "trang", "ảnh", "video", "báo", "chí",
	"đơn", "giản", "dễ", "khó", "đẹp", "rẻ", "đắt", "tiện", "lợi", "hiện",
	"đại", "tương", "tự", "riêng", "chung", "tiêu", "cực", "tích",
	"ngoại", "cổ", "cụ", "thể", "mất", "món", "sấy", "chiếc", "luật",
	"pháp", "chiến", "lược", "hấp", "dẫn", "thặng", "dư", "dự", "thi",
	"nhập", "khách", "sạn",
	"theo", "đạt", "yêu", "cầu", "tiêu", "chuẩn", "khép", "kín", "ngành",
};

static int open_stop_word(const char *w)
{
	for (size_t k = 0; k < sizeof open_stop / sizeof *open_stop; k++)
		if (!strcmp(w, open_stop[k]))
			return 1;
	return 0;
}

/* 1 if a sentence or paragraph starts after token a, up to token b. */
static int sentence_between(const vns_tagger *t, size_t a, size_t b)
{
	for (size_t k = a + 1; k <= b; k++)
		if (t->tok[k].sentence || t->tok[k].para != t->tok[a].para)
			return 1;
	return 0;
}

/* Length of the trigger at token k, 0 if none; *place: it counts only
 * with the product's place right after the product. */
static size_t trigger_at(const vns_tagger *t, size_t k, int *place)
{
	/* every trigger starts with s, đ, l, n, c, t or h: most words are
	 * none of them */
	if (!strchr("slncth\xc4", exact_of(t, k)[0]))
		return 0;
	for (size_t p = 0; p < sizeof open_triggers / sizeof *open_triggers;
	     p++) {
		size_t n = 0;
		while (n < 5 && open_triggers[p][n] && k + n < t->ntok &&
		       word_is(t, word(t, k + n), open_triggers[p][n]))
			n++;
		if (n < 5 && open_triggers[p][n])
			continue;
		/* "trình làng" (to launch) is not a village */
		if (k > 0 && n == 1 && word_is(t, word(t, k), "làng") &&
		    word_is(t, word(t, k - 1), "trình"))
			return 0;
		*place = p >= OPEN_NEEDS_PLACE;
		return n;
	}
	return 0;
}

/* A word that can be part of a product's name. */
static int open_word(const vns_tagger *t, size_t k)
{
	return !t->tok[k].cap && !open_stop_word(exact_of(t, k)) &&
	       !strpbrk(exact_of(t, k), "0123456789");
}

/* 1 if token k joins token k - 1 in its sentence, no punctuation between. */
static int joined(const vns_tagger *t, size_t k)
{
	return k < t->ntok && !t->tok[k].sentence &&
	       t->tok[k].para == t->tok[k - 1].para &&
	       !(t->tok[k].flags & VNS_TOKEN_BREAK_BEFORE);
}

/* 1 if a place name follows a product name at token k: right away ("lụa
 * Vạn Phúc"), or after "ở"/"tại" and perhaps the unit's kind ("miến dong
 * ở huyện Na Rì"). The place names a village or a region, not the whole
 * country ("làng di động Việt Nam" is the trade, not a craft village). */
static int place_after(const vns_tagger *t, size_t k)
{
	if (joined(t, k) && (word_is(t, word(t, k), "ở") ||
			     word_is(t, word(t, k), "tại"))) {
		k++;
		/* "thị trấn", "thành phố" ...; "huyện", "xã" ... */
		if (joined(t, k) && joined(t, k + 1) && !t->tok[k].cap &&
		    !t->tok[k + 1].cap && context_before(t, k + 2) != C_NONE)
			k += 2;
		else if (joined(t, k) && !t->tok[k].cap &&
			 context_before(t, k + 1) != C_NONE)
			k++;
	}
	return joined(t, k) && t->tok[k].cap &&
	       !word_is(t, word(t, k), "việt");
}

/* Words of the product name after a trigger ending before token i: plain
 * lower-case words, no stop word, no number, no punctuation before any,
 * at most 3. One word alone is too often generic: it needs its place
 * right after it ("lụa Vạn Phúc"); so does any name when place is set. */
static size_t open_name_at(const vns_tagger *t, size_t i, int place)
{
	size_t n = 0;
	int named;

	while (n < 4 && i + n < t->ntok &&
	       !(t->tok[i + n].flags & VNS_TOKEN_BREAK_BEFORE) &&
	       !(n > 0 && sentence_between(t, i + n - 1, i + n)) &&
	       open_word(t, i + n))
		n++;
	if (!n || n > 3) /* more than 3 plain words: a clause, not a name */
		return 0;
	named = place_after(t, i + n);
	return (n >= 2 && !place) || named ? n : 0;
}

/* 1 if the tokens at i and j start the same n words. */
static int same_words(const vns_tagger *t, size_t i, size_t j, size_t n)
{
	for (size_t k = 0; k < n; k++)
		if (j + k >= t->ntok || strcmp(exact_of(t, i + k),
					       exact_of(t, j + k)))
			return 0;
	return 1;
}

/* 1 if a product or programme spelling (or a block-list one) starts at
 * token i. */
static int term_starts_at(vns_tagger *t, size_t i)
{
	const vns_gz_spelling *s;

	for (size_t n = 1; n <= MAX_WORDS && i + n <= t->ntok; n++) {
		if (!same_para(t, i, n) || !make_key(t, i, n, 1))
			break;
		FOR_KEY(t, &t->exact, s)
			return 1;
	}
	return 0;
}

/* 1 if a product spelling (not a block-list one) starts at token i; the
 * key buffer is reused. */
static int product_starts_at(vns_tagger *t, size_t i)
{
	const vns_gz_spelling *s;

	for (size_t n = 1; n <= MAX_WORDS && i + n <= t->ntok; n++) {
		if (!same_para(t, i, n) || !make_key(t, i, n, 1))
			break;
		FOR_KEY(t, &t->exact, s)
			if (s->kind == VNS_GZ_PRODUCT &&
			    !(s->flags & VNS_GZ_F_BLOCK))
				return 1;
	}
	return 0;
}

/* 1 if a lexicon spelling (any kind) starts at token i. */
static int known_at(vns_tagger *t, size_t i)
{
	return longest_prefix(t, i) > 0 && (place_starts_at(t, i) ||
					     term_starts_at(t, i));
}

/* 1 if a lexicon spelling starts at one of the n tokens from i: "mứt
 * khóm" is khóm. */
static int known_within(vns_tagger *t, size_t i, size_t n)
{
	for (size_t k = i; k < i + n; k++)
		if (known_at(t, k))
			return 1;
	return 0;
}

/* The name of n tokens from i into out (exact words, ' ') and its slug
 * (folded words, '-'); 0 if too long. */
static int open_name(const vns_tagger *t, size_t i, size_t n, char *name,
		     char *slug)
{
	size_t ln = 0, ls = 0;

	for (size_t k = i; k < i + n; k++) {
		const char *e = exact_of(t, k), *f = fold_of(t, k);
		size_t ne = strlen(e), nf = strlen(f);
		if (ln + ne + 2 > VNS_OPEN_NAME_MAX ||
		    ls + nf + 2 > VNS_OPEN_NAME_MAX)
			return 0;
		if (k > i) {
			name[ln++] = ' ';
			slug[ls++] = '-';
		}
		memcpy(name + ln, e, ne);
		memcpy(slug + ls, f, nf);
		ln += ne;
		ls += nf;
	}
	name[ln] = slug[ls] = '\0';
	return 1;
}

/* Times the n words at i occur in the document, and whether once in the
 * title or lead. */
static size_t occurrences(const vns_tagger *t, size_t i, size_t n,
			  int *front)
{
	size_t count = 0;

	*front = 0;
	for (size_t j = 0; j + n <= t->ntok; j++)
		if (same_words(t, i, j, n)) {
			count++;
			*front |= t->tok[j].zone != Z_BODY;
		}
	return count;
}

/* Times the n words at i occur followed by a place (place_after()), and
 * whether once in the title or lead. */
static size_t placed_occurrences(const vns_tagger *t, size_t i, size_t n,
				 int *front)
{
	size_t count = 0;

	*front = 0;
	for (size_t j = 0; j + n < t->ntok; j++)
		if (same_words(t, i, j, n) && place_after(t, j + n)) {
			count++;
			*front |= t->tok[j].zone != Z_BODY;
		}
	return count;
}

static int open_listed(const vns_tags *out, const char *slug)
{
	for (size_t k = 0; k < out->n_open_product; k++)
		if (!strcmp(out->open_slug[k], slug))
			return 1;
	return 0;
}

/* Products the text presents as products ("sản phẩm X", "làng nghề X",
 * "chế biến X", "làng X Place") that the lexicon does not know, with
 * evidence: X occurs twice, or in the title or lead. Only in text with
 * diacritics; trade_kinds: the different trade words of the text
 * (goods_of()). */
static void open_products(vns_tagger *t, vns_tags *out, size_t trade_kinds)
{
	int goods = out->n_product || out->n_programme;

	for (size_t i = 0; t->marked && i < t->ntok &&
			   out->n_open_product < VNS_OPEN_MAX; i++) {
		int place = 0;
		size_t tl = trigger_at(t, i, &place), n;
		/* "sản phẩm X", "thương hiệu X" name a product only in a
		 * text about goods; "đặc sản X", "làng nghề X" anywhere */
		if (tl && !goods && !place && !word_is(t, word(t, i), "đặc") &&
		    !word_is(t, word(t, i), "làng") &&
		    !word_is(t, word(t, i), "nghề"))
			tl = 0;
		int front;
		char name[VNS_OPEN_NAME_MAX], slug[VNS_OPEN_NAME_MAX];
		if (!tl || i + tl >= t->ntok || sentence_between(t, i, i + tl))
			continue;
		n = open_name_at(t, i + tl, place);
		/* a place-marked or one-word name only in a text that speaks
		 * of goods in three ways or more: "làng giải trí Hàn Quốc",
		 * "cơ sở mầm non Sen Vàng" are not goods */
		if ((place || n == 1) && trade_kinds < 3)
			continue;
		if (!n || known_within(t, i, tl + n) ||
		    !open_name(t, i + tl, n, name, slug) ||
		    open_listed(out, slug))
			continue;
		if ((place || n == 1 ? placed_occurrences(t, i + tl, n, &front)
				     : occurrences(t, i + tl, n, &front)) >= 2 ||
		    front) {
			memcpy(out->open_product[out->n_open_product],
			       name, sizeof name);
			memcpy(out->open_slug[out->n_open_product++], slug,
			       sizeof slug);
		}
	}
}

/* ---- scores to tags --------------------------------------------------- */

typedef struct scored {
	unsigned index;
	double score;
} scored;

static int by_score(const void *a, const void *b)
{
	const scored *x = a, *y = b;

	if (x->score != y->score)
		return x->score < y->score ? 1 : -1;
	return x->index < y->index ? -1 : x->index > y->index;
}

/* Entities of kind with score >= min, best first, into out[]. */
static size_t pick(const double *score, size_t n, double min,
		   unsigned short *out)
{
	scored best[VNS_TAGS_MAX * 4];
	size_t nb = 0, kept;

	for (size_t i = 0; i < n && nb < sizeof best / sizeof *best; i++)
		if (score[i] >= min)
			best[nb++] = (scored){ (unsigned)i, score[i] };
	qsort(best, nb, sizeof *best, by_score);
	kept = nb < VNS_TAGS_MAX ? nb : VNS_TAGS_MAX;
	for (size_t i = 0; i < kept; i++)
		out[i] = (unsigned short)best[i].index;
	return kept;
}

/* Scores per entity of each kind. */
typedef struct scores {
	double *of[VNS_GZ_KINDS];
	unsigned char *at; /* per 2024 province: AT_* of what counted */
	size_t body;       /* the body's first token (ntok: none) */
	size_t opening;    /* the first token after the body's opening */
	size_t early;      /* the first token after its first sentences */
	int first;         /* the 2024 province counted first in the body's
			    * opening, -1: none */
} scores;

/* Where a province's counted mentions stand: the title or lead (or named
 * on purpose as a former province, "Bắc Kạn cũ", anywhere), or the
 * opening of the body; AT_DROPPED: only deep in the body, not recurring
 * (front_or_recurring()). */
enum { AT_FRONT = 1, AT_OPENING = 2, AT_DROPPED = 4, AT_EARLY = 8 };

static int scores_new(scores *sc)
{
	sc->at = calloc(vns_gz_count(VNS_GZ_PROVINCE_2024) + 1, 1);
	if (!sc->at)
		return 0;
	for (int k = 0; k < VNS_GZ_KINDS; k++) {
		size_t n = vns_gz_count((vns_gz_kind)k);
		sc->of[k] = calloc(n ? n : 1, sizeof **sc->of);
		if (!sc->of[k])
			return 0;
	}
	return 1;
}

static void scores_free(scores *sc)
{
	for (int k = 0; k < VNS_GZ_KINDS; k++)
		free(sc->of[k]);
	free(sc->at);
}

/* The AT_* of mention m. */
static unsigned char where_of(const vns_tagger *t, const scores *sc,
			      const mention *m)
{
	if (t->tok[m->tok].zone != Z_BODY || m->former)
		return AT_FRONT;
	return (m->tok < sc->opening ? AT_OPENING : 0) |
	       (m->tok < sc->early ? AT_EARLY : 0);
}

/* A province's authorities, which act where the event is. */
static const char *const authority_words[][2] = {
	{ "công", "an" },   { "cảnh", "sát" }, { "kiểm", "sát" },
	{ "tòa", "án" },    { "hải", "quan" }, { "biên", "phòng" },
	{ "vksnd", NULL },  { "tand", NULL },  { "ubnd", NULL },
};

/* 1 if a province's authority stands just before token i, in its
 * sentence: "Công an tỉnh Vĩnh Long", "VKSND Hà Nội", "Cục Hải quan
 * TP.HCM". */
static int authority_before(const vns_tagger *t, size_t i)
{
	for (size_t k = 1; k <= 3 && k <= i; k++) {
		size_t j = i - k;
		if (!same_sentence(t, j, i))
			return 0;
		for (size_t a = 0; a < sizeof authority_words /
					   sizeof *authority_words; a++) {
			const char *const *w = authority_words[a];
			if (w[1] ? j > 0 && word_is(t, word(t, j - 1), w[0]) &&
					   word_is(t, word(t, j), w[1])
				 : word_is(t, word(t, j), w[0]))
				return 1;
		}
	}
	return 0;
}

/* Add mention m's weight to 2024 province p. */
static void add_place(const vns_tagger *t, scores *sc, const mention *m,
		      unsigned p)
{
	unsigned char at = where_of(t, sc, m);

	sc->of[VNS_GZ_PROVINCE_2024][p] += m->weight;
	sc->at[p] |= at;
	if ((at & AT_OPENING) && sc->first < 0 && authority_before(t, m->tok))
		sc->first = (int)p;
}

/* 1 if a 2024 province other than p, merged into the same 2025 unit, has
 * a score. */
static int partner_named(const double *prov, unsigned p)
{
	int unit = vns_gz_get(VNS_GZ_PROVINCE_2024, p)->parent;

	for (size_t i = 0; i < vns_gz_count(VNS_GZ_PROVINCE_2024); i++)
		if (i != p && prov[i] > 0.0 &&
		    vns_gz_get(VNS_GZ_PROVINCE_2024, i)->parent == unit)
			return 1;
	return 0;
}

/* After the reform "tỉnh Thái Nguyên" is the merged unit: when the text
 * names another of its former parts (Na Rì of Bắc Kạn), the name stands
 * for the new unit, not the former Thái Nguyên; otherwise it is that
 * province as before. */
static void add_new_units(const vns_tagger *t, scores *sc)
{
	double *prov = sc->of[VNS_GZ_PROVINCE_2024];
	double *extra = calloc(vns_gz_count(VNS_GZ_PROVINCE_2024),
			       sizeof *extra);

	if (!extra)
		return;
	for (size_t i = 0; i < t->nm; i++)
		if (t->m[i].new_unit && !t->m[i].passing &&
		    !partner_named(prov, t->m[i].index)) {
			extra[t->m[i].index] += t->m[i].weight;
			sc->at[t->m[i].index] |= where_of(t, sc, &t->m[i]);
		}
	for (size_t i = 0; i < vns_gz_count(VNS_GZ_PROVINCE_2024); i++)
		prov[i] += extra[i];
	free(extra);
}

/* 1 if mention i (a district) is followed closely, in its sentence, by
 * its own province ("huyện Sóc Sơn, Hà Nội"): one mention of the place,
 * not two. */
static int province_follows(const vns_tagger *t, size_t i, int province)
{
	const mention *m = &t->m[i], *next = i + 1 < t->nm ? m + 1 : NULL;

	return next && next->kind == VNS_GZ_PROVINCE_2024 &&
	       next->index == province && next->tok <= m->tok + 6 &&
	       !sentence_between(t, m->tok, next->tok);
}

/* Add up the mentions: a district's score goes to its province too; a
 * district name found in several provinces only where its province is
 * named itself. */
static void add_up(const vns_tagger *t, scores *sc)
{
	double *direct = calloc(vns_gz_count(VNS_GZ_PROVINCE_2024),
				sizeof *direct);
	unsigned char *kinded = calloc(vns_gz_count(VNS_GZ_DISTRICT) + 1, 1);

	if (!direct || !kinded) {
		free(direct);
		free(kinded);
		return;
	}
	for (size_t i = 0; i < t->nm; i++)
		if (t->m[i].kind == VNS_GZ_PROVINCE_2024)
			direct[t->m[i].index] += t->m[i].weight;
		else if (t->m[i].kind == VNS_GZ_DISTRICT && !t->m[i].bare &&
			 !t->m[i].ambiguous)
			kinded[t->m[i].index] = 1;
	for (size_t i = 0; i < t->nm; i++) {
		const mention *m = &t->m[i];
		const vns_gz_entry *d;
		if (m->new_unit || m->passing)
			continue;
		if (m->kind == VNS_GZ_PROVINCE_2024) {
			add_place(t, sc, m, m->index);
			continue;
		}
		if (m->kind != VNS_GZ_DISTRICT) {
			sc->of[m->kind][m->index] += m->weight;
			continue;
		}
		d = vns_gz_get(VNS_GZ_DISTRICT, m->index);
		/* "Vĩnh Hưng", "Xuân Trường" alone are as often people;
		 * not once the text has named the unit with its kind word
		 * ("thành phố Đà Lạt" makes every "Đà Lạt" the city) */
		if ((m->ambiguous || (m->bare && !kinded[m->index])) &&
		    !(direct[d->parent] > 0.0))
			continue;
		sc->of[VNS_GZ_DISTRICT][m->index] += m->weight;
		if (!province_follows(t, i, d->parent))
			add_place(t, sc, m, (unsigned)d->parent);
		else if (m->tok < sc->early)
			/* "thị xã Dĩ An, tỉnh Bình Dương" early in the body:
			 * how news locates an event */
			sc->at[d->parent] |= AT_OPENING;
	}
	free(direct);
	free(kinded);
	add_new_units(t, sc);
}

/* A province named only in the body is what the document is about when
 * it is named in the body's opening (where news says where the event
 * happens) or when it recurs; otherwise it is a passing mention (an aside
 * deep in the body, a place quoted once or twice), and so are its
 * districts. */
static void front_or_recurring(scores *sc)
{
	double *prov = sc->of[VNS_GZ_PROVINCE_2024], best = 0.0;
	double *dist = sc->of[VNS_GZ_DISTRICT];
	size_t n = vns_gz_count(VNS_GZ_PROVINCE_2024);
	int front = 0;

	for (size_t p = 0; p < n; p++) {
		if (prov[p] > best)
			best = prov[p];
		front |= prov[p] > 0.0 && (sc->at[p] & AT_FRONT);
	}
	/* with no place in the title or lead, the first province whose
	 * authority the body's opening names is where the event happens
	 * ("Công an tỉnh Vĩnh Long cho biết ...") */
	if (!front && sc->first >= 0 && prov[sc->first] < PLACE_MIN)
		prov[sc->first] = PLACE_MIN;
	for (size_t p = 0; p < n; p++)
		if (prov[p] > 0.0 && !(sc->at[p] & (AT_FRONT | AT_OPENING)) &&
		    !(prov[p] >= RECUR && prov[p] >= best) &&
		    !(prov[p] >= RECUR_ALONE) &&
		    !((sc->at[p] & AT_EARLY) && prov[p] >= PLACE_MIN)) {
			prov[p] = 0.0;
			sc->at[p] = AT_DROPPED;
		}
	for (size_t d = 0; d < vns_gz_count(VNS_GZ_DISTRICT); d++) {
		int p = vns_gz_get(VNS_GZ_DISTRICT, d)->parent;
		if (dist[d] > 0.0 && p >= 0 && sc->at[p] == AT_DROPPED)
			dist[d] = 0.0;
	}
}

static void successors(vns_tags *out)
{
	out->n_province_2025 = 0;
	for (size_t i = 0; i < out->n_province_2024; i++) {
		const vns_gz_entry *p =
			vns_gz_get(VNS_GZ_PROVINCE_2024, out->province_2024[i]);
		size_t k = 0;
		while (k < out->n_province_2025 &&
		       out->province_2025[k] != p->parent)
			k++;
		if (k == out->n_province_2025)
			out->province_2025[out->n_province_2025++] =
				(unsigned short)p->parent;
	}
}

/* Words that show a sentence deals in goods: production, trade, farming,
 * fishing, crafts, the programmes. A food named in a recipe, a health tip
 * or a story ("thắp nhang", "con dao phay", "uống cà phê") has none near
 * it; a product as goods does. */
static const char *const trade_words[][2] = {
	{ "sản", "xuất" },  { "sản", "phẩm" },   { "chế", "biến" },
	{ "làng", "nghề" }, { "ocop", NULL },    { "htx", NULL },
	{ "hợp", "tác" },   { "tiêu", "thụ" },   { "xuất", "khẩu" },
	{ "nhập", "khẩu" }, { "thương", "hiệu" }, { "đặc", "sản" },
	{ "khuyến", "công" }, { "thu", "hoạch" }, { "nông", "dân" },
	{ "ngư", "dân" },   { "kinh", "doanh" }, { "trồng", NULL },
	{ "nuôi", NULL },   { "vụ", "mùa" },     { "doanh", "nghiệp" },
	{ "thị", "trường" }, { "thương", "lái" }, { "nhà", "vườn" },
	{ "sản", "lượng" }, { "năng", "suất" },  { "chỉ", "dẫn" },
	{ "khai", "thác" }, { "đánh", "bắt" },   { "thu", "mua" },
	{ "bao", "tiêu" },  { "giá", "bán" },    { "nghề", NULL },
	{ "bán", "buôn" },  { "bán", "lẻ" },     { "mặt", "hàng" },
};

#define N_TRADE (sizeof trade_words / sizeof *trade_words)
_Static_assert(N_TRADE <= TRADE_MAX, "TRADE_MAX too small");

_Static_assert(TRADE_MAX <= 64, "a bucket is a 64-bit set");

static unsigned trade_hash(const char *w)
{
	return vns_hash32(w, strlen(w)) % TRADE_BUCKETS;
}

/* Fold the trade words once, as the analyser folds a document's, and
 * file their first words by hash. */
static int trade_init(vns_tagger *t)
{
	char exact[TRADE_WORD_MAX];

	for (size_t k = 0; k < N_TRADE; k++) {
		for (size_t j = 0; j < 2 && trade_words[k][j]; j++)
			if (vns_analyse_word(t->a, trade_words[k][j],
					     strlen(trade_words[k][j]), exact,
					     sizeof exact, t->trade_fold[k][j],
					     TRADE_WORD_MAX, NULL))
				return 0;
		t->trade_bucket[1][trade_hash(trade_words[k][0])] |=
			UINT64_C(1) << k;
		t->trade_bucket[0][trade_hash(t->trade_fold[k][0])] |=
			UINT64_C(1) << k;
	}
	return 1;
}

/* The trade word starting at token i, or -1. */
static int trade_word_at(const vns_tagger *t, size_t i)
{
	const char *w = word(t, i);
	uint64_t may = t->trade_bucket[t->marked ? 1 : 0][trade_hash(w)];

	for (size_t k = 0; may; k++, may >>= 1) {
		const char *w1 = t->marked ? trade_words[k][0]
					   : t->trade_fold[k][0];
		const char *w2 = t->marked ? trade_words[k][1]
					   : t->trade_fold[k][1];
		if (!(may & 1) || strcmp(w, w1))
			continue;
		if (!trade_words[k][1])
			return (int)k;
		if (i + 1 < t->ntok && t->tok[i + 1].para == t->tok[i].para &&
		    !strcmp(word(t, i + 1), w2))
			return (int)k;
	}
	return -1;
}

/* Where the document speaks of goods: for each token, whether its
 * sentence has a trade word; and how many different trade words the
 * document uses. */
typedef struct goods {
	unsigned char *in_trade; /* per token; NULL when out of memory */
	size_t kinds;
} goods;

static goods goods_of(const vns_tagger *t)
{
	goods g = { calloc(t->ntok ? t->ntok : 1, 1), 0 };
	unsigned char seen[N_TRADE] = { 0 };
	size_t from = 0;

	if (!g.in_trade)
		return g;
	for (size_t i = 0; i <= t->ntok; i++) {
		int k;
		/* a sentence ends before i: mark it if it had a trade word */
		if (i == t->ntok || (i > from && (t->tok[i].sentence ||
						  t->tok[i].para !=
							  t->tok[from].para))) {
			int trade = 0;
			for (size_t j = from; j < i && !trade; j++)
				trade = g.in_trade[j];
			memset(g.in_trade + from, trade, i - from);
			from = i;
		}
		if (i < t->ntok && (k = trade_word_at(t, i)) >= 0) {
			g.in_trade[i] = 1;
			g.kinds += !seen[k];
			seen[k] = 1;
		}
	}
	return g;
}

/* Tokens of the longest product spelling starting at token i, 0 if none;
 * the key buffer is reused. */
static size_t product_len_at(vns_tagger *t, size_t i)
{
	const hash *h = t->marked ? &t->exact : &t->fold;
	const vns_gz_spelling *s;
	size_t len = 0;

	for (size_t n = 1; n <= MAX_WORDS && i + n <= t->ntok; n++) {
		if (!same_para(t, i, n) || !make_key(t, i, n, t->marked))
			break;
		FOR_KEY(t, h, s)
			if (s->kind == VNS_GZ_PRODUCT)
				len = n;
	}
	return len;
}

/* 1 if a product or programme is named: then it matters where the
 * document speaks of goods (and, with diacritics, for products outside
 * the lexicon). */
static int names_goods(const vns_tagger *t)
{
	for (size_t i = 0; i < t->nm; i++)
		if (t->m[i].kind == VNS_GZ_PRODUCT ||
		    t->m[i].kind == VNS_GZ_PROGRAMME)
			return 1;
	return 0;
}

/* 1 if the product mention at token i stands as goods: in a sentence
 * about goods; as a craft village ("làng hương"); with its place ("gốm
 * Hương Canh" is a spelling of gốm); or followed right after its words by
 * a name ("chè Tân Cương", "cà phê Buôn Ma Thuột") that does not repeat
 * it (a heading run into the text: "Cà chua Cà chua chứa ..."). */
static int as_goods(vns_tagger *t, const goods *g, size_t i)
{
	size_t n, k;

	if (g->in_trade[i] || word_is(t, word(t, i), "làng"))
		return 1;
	n = product_len_at(t, i);
	for (k = i + 1; k < i + n; k++)
		if (t->tok[k].cap)
			return 1;
	return n && k < t->ntok && t->tok[k].cap && !t->tok[k].sentence &&
	       t->tok[k].para == t->tok[i].para &&
	       !(t->tok[k].flags & VNS_TOKEN_BREAK_BEFORE) &&
	       !same_words(t, i, k, n);
}

/* A product is goods the document is about only with evidence: two of
 * its mentions stand as goods, or one does and it is in the title or lead
 * or the document speaks of goods in three ways or more. Other products
 * lose their score. */
static void goods_only(vns_tagger *t, const goods *g, double *score)
{
	for (size_t p = 0; p < vns_gz_count(VNS_GZ_PRODUCT); p++) {
		size_t as = 0;
		int front = 0, rich = g->kinds >= 3;
		if (!(score[p] > 0.0))
			continue;
		for (size_t i = 0; i < t->nm; i++) {
			const mention *m = &t->m[i];
			if (m->kind != VNS_GZ_PRODUCT || m->index != p ||
			    !as_goods(t, g, m->tok))
				continue;
			as++;
			front |= t->tok[m->tok].zone != Z_BODY;
		}
		if (!(as >= 2 || (as == 1 && (front || rich))))
			score[p] = 0.0;
	}
}

/* The score a product needs: PRODUCT_MIN, twice that in a document that
 * does not deal in goods, and at least a third of the best product's (a
 * product the story is about, not one in a list beside it). */
static double product_min(const goods *g, const double *score)
{
	double best = 0.0, min = PRODUCT_MIN;

	for (size_t i = 0; i < vns_gz_count(VNS_GZ_PRODUCT); i++)
		if (score[i] > best)
			best = score[i];
	if (best < PRODUCT_MIN)
		return PRODUCT_MIN;
	if (!g->kinds)
		min = 2 * PRODUCT_MIN;
	return best / 3 > min ? best / 3 : min;
}

/* A programme named only by weak spellings ("livestream", "thương mại
 * điện tử") counts only in a document that speaks of goods in two ways or
 * more ("nghề" alone is as often an actor's trade). */
static void weak_only(const vns_tagger *t, const goods *g, double *score)
{
	for (size_t p = 0; p < vns_gz_count(VNS_GZ_PROGRAMME); p++) {
		int strong = 0;
		if (!(score[p] > 0.0))
			continue;
		for (size_t i = 0; i < t->nm && !strong; i++)
			strong = t->m[i].kind == VNS_GZ_PROGRAMME &&
				 t->m[i].index == p && !t->m[i].weak;
		if (!strong && g->kinds < 2)
			score[p] = 0.0;
	}
}

/* 1 if index i is among the n of list. */
static int listed(const unsigned short *list, size_t n, unsigned i)
{
	for (size_t k = 0; k < n; k++)
		if (list[k] == i)
			return 1;
	return 0;
}

/* Provinces named but not tagged (about), most named first; their 2025
 * successors that are not about either. */
static void mentioned(const vns_tagger *t, double *named, vns_tags *out)
{
	size_t np = vns_gz_count(VNS_GZ_PROVINCE_2024);

	for (size_t i = 0; i < t->nm; i++) {
		int p = province_of(&t->m[i]);
		if (p >= 0 && !listed(out->province_2024, out->n_province_2024,
				      (unsigned)p))
			named[p] += 1.0;
	}
	out->n_mentioned_province_2024 = pick(named, np, 1.0,
					      out->mentioned_province_2024);
	for (size_t i = 0; i < out->n_mentioned_province_2024; i++) {
		unsigned s = (unsigned)vns_gz_get(VNS_GZ_PROVINCE_2024,
				   out->mentioned_province_2024[i])->parent;
		if (!listed(out->province_2025, out->n_province_2025, s) &&
		    !listed(out->mentioned_province_2025,
			    out->n_mentioned_province_2025, s))
			out->mentioned_province_2025
				[out->n_mentioned_province_2025++] =
				(unsigned short)s;
	}
}

/* The body (after the lead) in sc: where it starts, where its opening
 * ends (its first sentence, at least OPENING and at most 2 * OPENING
 * words; without a title, its first EARLY sentences) and where its first
 * EARLY sentences end. */
static void find_body(const vns_tagger *t, scores *sc)
{
	size_t i = 0, sentences = 0;

	while (i < t->ntok && t->tok[i].zone != Z_BODY)
		i++;
	sc->body = sc->opening = sc->early = i;
	for (; i < t->ntok && (sentences <= EARLY || i < sc->body + OPENING);
	     i++) {
		sentences += t->tok[i].sentence || i == sc->body;
		if (sentences == 1 || i - sc->body < OPENING)
			sc->opening = i + 1;
		if (sentences <= EARLY)
			sc->early = i + 1;
	}
	if (sc->opening > sc->body + 2 * OPENING)
		sc->opening = sc->body + 2 * OPENING;
	/* without a title the lead is often a photo's caption: the body's
	 * first sentences are the opening */
	if (!(t->doc->title && *t->doc->title) && sc->early > sc->opening)
		sc->opening = sc->early;
}

static vns_status to_tags(vns_tagger *t, vns_tags *out, vns_err *err)
{
	scores sc = { { 0 }, NULL, 0, 0, 0, -1 };
	goods g = { NULL, 0 };

	memset(out, 0, sizeof *out);
	if (!scores_new(&sc)) {
		scores_free(&sc);
		return vns_err_set(err, VNS_ENOMEM, "out of memory");
	}
	find_body(t, &sc);
	add_up(t, &sc);
	front_or_recurring(&sc);
	if (names_goods(t) || t->marked) {
		g = goods_of(t);
		if (!g.in_trade) {
			scores_free(&sc);
			return vns_err_set(err, VNS_ENOMEM, "out of memory");
		}
		goods_only(t, &g, sc.of[VNS_GZ_PRODUCT]);
	}
	out->n_province_2024 = pick(sc.of[VNS_GZ_PROVINCE_2024],
				    vns_gz_count(VNS_GZ_PROVINCE_2024),
				    PLACE_MIN, out->province_2024);
	out->n_district = pick(sc.of[VNS_GZ_DISTRICT],
			       vns_gz_count(VNS_GZ_DISTRICT), PLACE_MIN / 2,
			       out->district);
	out->n_product = pick(sc.of[VNS_GZ_PRODUCT],
			      vns_gz_count(VNS_GZ_PRODUCT),
			      product_min(&g, sc.of[VNS_GZ_PRODUCT]),
			      out->product);
	weak_only(t, &g, sc.of[VNS_GZ_PROGRAMME]);
	out->n_programme = pick(sc.of[VNS_GZ_PROGRAMME],
				vns_gz_count(VNS_GZ_PROGRAMME), PROGRAMME_MIN,
				out->programme);
	successors(out);
	memset(sc.of[VNS_GZ_PROVINCE_2024], 0,
	       vns_gz_count(VNS_GZ_PROVINCE_2024) * sizeof(double));
	mentioned(t, sc.of[VNS_GZ_PROVINCE_2024], out);
	open_products(t, out, g.kinds);
	free(g.in_trade);
	scores_free(&sc);
	return VNS_OK;
}

/* ---- one document ----------------------------------------------------- */

/* 1 if more than a tenth of the words carry Vietnamese marks. */
static int is_marked(const vns_tagger *t)
{
	size_t marked = 0;

	for (size_t i = 0; i < t->ntok; i++)
		marked += (t->tok[i].flags & VNS_TOKEN_MARKED) != 0;
	return marked * 10 > t->ntok;
}

static int has_summary(const vns_doc *doc)
{
	return doc->summary && *doc->summary;
}

/* Close the open field: the next one starts a new paragraph. */
static void close_field(vns_tagger *t)
{
	if (t->w.text)
		t->para = t->w.para + 1;
	t->w.text = NULL;
}

void vns_tagger_begin(vns_tagger *t, const vns_doc *doc)
{
	t->doc = doc;
	t->ntok = t->nm = 0;
	t->st = VNS_OK;
	t->para = 0;
	t->w.text = NULL;
	vns_buf_reset(&t->arena);
}

void vns_tagger_field(vns_tagger *t, vns_tagger_field_id f)
{
	const vns_doc *doc = t->doc;
	struct walk *w = &t->w;

	close_field(t);
	*w = (struct walk){ NULL, 0, Z_TITLE, t->para + 1, 0, 0, 0, 0 };
	if (f == VNS_TAGGER_TITLE) {
		w->text = doc->title;
	} else if (f == VNS_TAGGER_SUMMARY && has_summary(doc)) {
		w->text = doc->summary;
		w->zone = Z_LEAD;
	} else if (f == VNS_TAGGER_BODY) {
		w->text = doc->body;
		w->zone = has_summary(doc) ? Z_BODY : Z_LEAD;
		w->lead_first = 1;
	}
	w->len = w->text ? strlen(w->text) : 0;
	if (f == VNS_TAGGER_BODY)
		w->len = vns_cut_link_tail(w->text, w->len);
	if (!w->len)
		w->text = NULL;
}

vns_status vns_tagger_end(vns_tagger *t, vns_tags *out, vns_err *err)
{
	const vns_doc *doc = t->doc;

	close_field(t);
	if (t->st)
		return vns_err_set(err, t->st, "tagger: %s",
				   vns_strerror(t->st));
	t->marked = is_marked(t);
	t->post_reform = doc->date && strncmp(doc->date, REFORM_DATE, 10) >= 0;
	t->sport = -1;
	for (size_t i = 0; i < t->ntok && !t->st;)
		i += match_at(t, i);
	mark_lists(t);
	if (t->st)
		return vns_err_set(err, t->st, "tagger: %s",
				   vns_strerror(t->st));
	return to_tags(t, out, err);
}

/* Analyse the open field (the part the tagger reads) into tokens. */
static vns_status analyse_field(vns_tagger *t, vns_err *err)
{
	if (!t->w.text)
		return VNS_OK;
	return vns_analyse(t->a, t->w.text, t->w.len, vns_tagger_token, t,
			   err);
}

vns_status vns_tagger_tag(vns_tagger *t, const vns_doc *doc, vns_tags *out,
			  vns_err *err)
{
	static const vns_tagger_field_id fields[] = {
		VNS_TAGGER_TITLE, VNS_TAGGER_SUMMARY, VNS_TAGGER_BODY
	};
	vns_status st = VNS_OK;

	vns_tagger_begin(t, doc);
	for (size_t i = 0; !st && i < sizeof fields / sizeof *fields; i++) {
		vns_tagger_field(t, fields[i]);
		st = analyse_field(t, err);
	}
	return st ? st : vns_tagger_end(t, out, err);
}
