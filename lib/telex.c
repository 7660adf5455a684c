/* telex.c - Telex and VNI keystrokes to a Vietnamese syllable (telex.h). */
#include "telex.h"

#include <string.h>

enum { Q_NONE, Q_CIRC, Q_BREVE, Q_HORN };
enum { T_NONE, T_ACUTE, T_GRAVE, T_HOOK, T_TILDE, T_DOT };

/* One letter of the syllable being decoded. */
typedef struct letter {
	char c;              /* a-z, or 'D' for đ */
	unsigned char q;     /* Q_*: the vowel's quality mark */
	unsigned char upper; /* typed in upper case */
} letter;

typedef struct syl {
	letter l[VNS_TELEX_MAX];
	size_t n;
	int tone; /* T_* */
} syl;

/* Each vowel with its quality mark, in the 6 tones (T_* order). */
static const struct {
	char c;
	unsigned char q;
	const char *lower[6], *upper[6];
} vowels[] = {
	{ 'a', Q_NONE, { "a", "á", "à", "ả", "ã", "ạ" },
	  { "A", "Á", "À", "Ả", "Ã", "Ạ" } },
	{ 'a', Q_BREVE, { "ă", "ắ", "ằ", "ẳ", "ẵ", "ặ" },
	  { "Ă", "Ắ", "Ằ", "Ẳ", "Ẵ", "Ặ" } },
	{ 'a', Q_CIRC, { "â", "ấ", "ầ", "ẩ", "ẫ", "ậ" },
	  { "Â", "Ấ", "Ầ", "Ẩ", "Ẫ", "Ậ" } },
	{ 'e', Q_NONE, { "e", "é", "è", "ẻ", "ẽ", "ẹ" },
	  { "E", "É", "È", "Ẻ", "Ẽ", "Ẹ" } },
	{ 'e', Q_CIRC, { "ê", "ế", "ề", "ể", "ễ", "ệ" },
	  { "Ê", "Ế", "Ề", "Ể", "Ễ", "Ệ" } },
	{ 'i', Q_NONE, { "i", "í", "ì", "ỉ", "ĩ", "ị" },
	  { "I", "Í", "Ì", "Ỉ", "Ĩ", "Ị" } },
	{ 'o', Q_NONE, { "o", "ó", "ò", "ỏ", "õ", "ọ" },
	  { "O", "Ó", "Ò", "Ỏ", "Õ", "Ọ" } },
	{ 'o', Q_CIRC, { "ô", "ố", "ồ", "ổ", "ỗ", "ộ" },
	  { "Ô", "Ố", "Ồ", "Ổ", "Ỗ", "Ộ" } },
	{ 'o', Q_HORN, { "ơ", "ớ", "ờ", "ở", "ỡ", "ợ" },
	  { "Ơ", "Ớ", "Ờ", "Ở", "Ỡ", "Ợ" } },
	{ 'u', Q_NONE, { "u", "ú", "ù", "ủ", "ũ", "ụ" },
	  { "U", "Ú", "Ù", "Ủ", "Ũ", "Ụ" } },
	{ 'u', Q_HORN, { "ư", "ứ", "ừ", "ử", "ữ", "ự" },
	  { "Ư", "Ứ", "Ừ", "Ử", "Ữ", "Ự" } },
	{ 'y', Q_NONE, { "y", "ý", "ỳ", "ỷ", "ỹ", "ỵ" },
	  { "Y", "Ý", "Ỳ", "Ỷ", "Ỹ", "Ỵ" } },
};

static int is_vowel(char c)
{
	return c && strchr("aeiouy", c) != NULL;
}

static int tone_letter(char c)
{
	static const char keys[] = "sfrxj";
	const char *p = c ? strchr(keys, c) : NULL;

	return p ? (int)(p - keys) + 1 : T_NONE;
}

static void push(syl *s, char c, unsigned char q, unsigned char upper)
{
	s->l[s->n++] = (letter){ c, q, upper };
}

/* The last vowel of s that may take quality mark q, or -1. */
static int last_vowel_for(const syl *s, unsigned char q)
{
	for (size_t i = s->n; i-- > 0;) {
		char c = s->l[i].c;
		if (s->l[i].q != Q_NONE)
			continue;
		if ((q == Q_CIRC && strchr("aeo", c)) ||
		    (q == Q_BREVE && c == 'a') ||
		    (q == Q_HORN && (c == 'o' || c == 'u')))
			return (int)i;
	}
	return -1;
}

/* Telex's w on its own: the horn of uo, o or u, or the breve of a,
 * before it; ư where there is no such vowel. */
static void lone_w(syl *s, unsigned char upper)
{
	for (size_t i = 0; i + 1 < s->n; i++)
		if (s->l[i].c == 'u' && s->l[i + 1].c == 'o' &&
		    !s->l[i].q && !s->l[i + 1].q) {
			s->l[i].q = s->l[i + 1].q = Q_HORN;
			return;
		}
	for (size_t i = s->n; i-- > 0;) {
		if (s->l[i].q || !strchr("aou", s->l[i].c))
			continue;
		s->l[i].q = s->l[i].c == 'a' ? Q_BREVE : Q_HORN;
		return;
	}
	push(s, 'u', Q_HORN, upper);
}

static int lower(int c)
{
	return c >= 'A' && c <= 'Z' ? c + 32 : c;
}

/* The Telex keys of w[0..n) (lower-cased in low) into s; 0 if not Telex. */
static int parse_telex(const char *w, const char *low, size_t n, syl *s)
{
	size_t v0 = 0, i = 0;
	int tone_at = -1;

	while (v0 < n && !is_vowel(low[v0]) && low[v0] != 'w')
		v0++;
	if (v0 == n)
		return 0;
	for (size_t k = v0 + 1; k < n; k++)
		if (tone_letter(low[k])) {
			if (tone_at >= 0)
				return 0;
			tone_at = (int)k;
		}
	s->tone = tone_at >= 0 ? tone_letter(low[tone_at]) : T_NONE;
	if (n >= 2 && low[0] == 'd' && low[1] == 'd') {
		push(s, 'D', 0, w[0] != low[0]);
		i = 2;
	}
	while (i < n) {
		char c = low[i], d = i + 1 < n ? low[i + 1] : 0;
		char e = i + 2 < n ? low[i + 2] : 0;
		unsigned char up = w[i] != c;
		if ((int)i == tone_at) {
			i++;
		} else if (strchr("aeo", c) && d == c) {
			push(s, c, Q_CIRC, up);
			i += 2;
		} else if (c == 'u' && d == 'o' && e == 'w') {
			push(s, 'u', Q_HORN, up);
			push(s, 'o', Q_HORN, w[i + 1] != d);
			i += 3;
		} else if (strchr("aou", c) && d == 'w') {
			push(s, c, c == 'a' ? Q_BREVE : Q_HORN, up);
			i += 2;
		} else if (c == 'w') {
			lone_w(s, up);
			i++;
		} else {
			push(s, c, Q_NONE, up);
			i++;
		}
	}
	return 1;
}

/* The VNI keys of w[0..n) (lower-cased in low) into s; 0 if not VNI. */
static int parse_vni(const char *w, const char *low, size_t n, syl *s)
{
	for (size_t i = 0; i < n; i++) {
		char c = low[i];
		int at;
		if (c < '0' || c > '9') {
			push(s, c, Q_NONE, w[i] != c);
			continue;
		}
		if (c == '0' || s->n == 0)
			return 0;
		if (c <= '5') {
			if (s->tone)
				return 0;
			s->tone = c - '0';
			continue;
		}
		if (c == '9') {
			for (at = (int)s->n - 1; at >= 0 && s->l[at].c != 'd';)
				at--;
			if (at < 0)
				return 0;
			s->l[at].c = 'D';
			continue;
		}
		at = last_vowel_for(s, c == '6' ? Q_CIRC
					: c == '8' ? Q_BREVE : Q_HORN);
		if (at < 0)
			return 0;
		s->l[at].q = c == '6' ? Q_CIRC : c == '8' ? Q_BREVE : Q_HORN;
		/* uo7: the horn is on both */
		if (c == '7' && s->l[at].c == 'o' && at > 0 &&
		    s->l[at - 1].c == 'u' && !s->l[at - 1].q)
			s->l[at - 1].q = Q_HORN;
	}
	return 1;
}

/* 1 if the n letters of s from at spell str. */
static int spells(const syl *s, size_t at, size_t n, const char *str)
{
	if (at + n > s->n || strlen(str) != n)
		return 0;
	for (size_t i = 0; i < n; i++)
		if (s->l[at + i].c != str[i] || s->l[at + i].q)
			return 0;
	return 1;
}

/* Length of s's initial consonant. */
static size_t initial_len(const syl *s)
{
	static const char *const initials[] = {
		"ngh", "ng", "nh", "ch", "gh", "gi", "kh", "ph", "qu", "th",
		"tr", "b", "c", "d", "D", "g", "h", "k", "l", "m", "n", "p",
		"r", "s", "t", "v", "x",
	};

	for (size_t k = 0; k < sizeof initials / sizeof *initials; k++) {
		size_t n = strlen(initials[k]);
		if (!spells(s, 0, n, initials[k]))
			continue;
		/* gi and qu are initials only before another vowel */
		if ((!strcmp(initials[k], "gi") || !strcmp(initials[k], "qu")) &&
		    (n >= s->n || !is_vowel(s->l[n].c)))
			continue;
		return n;
	}
	return 0;
}

static int is_final(const syl *s, size_t at)
{
	static const char *const finals[] = { "", "c", "ch", "m", "n",
					      "ng", "nh", "p", "t" };

	for (size_t k = 0; k < sizeof finals / sizeof *finals; k++)
		if (spells(s, at, s->n - at, finals[k]))
			return 1;
	return 0;
}

/* The vowel that carries the tone, new style (as vnchar.h places it). */
static size_t tone_vowel(const syl *s, size_t v0, size_t v1)
{
	size_t marked = v1;

	for (size_t i = v0; i < v1; i++)
		if (s->l[i].q)
			marked = i;
	if (marked < v1)
		return marked;
	if (v1 - v0 == 1)
		return v0;
	if (v1 - v0 == 2 && (spells(s, v0, 2, "oa") || spells(s, v0, 2, "oe") ||
			     spells(s, v0, 2, "uy")))
		return v0 + 1;
	if (v1 < s->n)
		return v1 - 1;
	return v1 - v0 == 2 ? v0 : v0 + 1;
}

/* Where the tone goes, if s has the shape of a syllable; else -1. */
static int syllable_shape(const syl *s)
{
	size_t v0 = initial_len(s), v1 = v0;

	while (v1 < s->n && is_vowel(s->l[v1].c))
		v1++;
	if (v1 == v0 || v1 - v0 > 3 || !is_final(s, v1))
		return -1;
	/* c ch p t end a syllable only with the acute or the dot below */
	if (v1 < s->n && strchr("cpt", s->l[v1].c) && s->tone != T_NONE &&
	    s->tone != T_ACUTE && s->tone != T_DOT)
		return -1;
	return (int)tone_vowel(s, v0, v1);
}

static const char *vowel_form(const letter *l, int tone)
{
	for (size_t k = 0; k < sizeof vowels / sizeof *vowels; k++)
		if (vowels[k].c == l->c && vowels[k].q == l->q)
			return l->upper ? vowels[k].upper[tone]
					: vowels[k].lower[tone];
	return NULL;
}

static int write_syl(const syl *s, int at, char *out, size_t cap)
{
	size_t len = 0;

	for (size_t i = 0; i < s->n; i++) {
		const letter *l = &s->l[i];
		char one[2] = { l->upper ? (char)(l->c - 32) : l->c, 0 };
		const char *piece = one;
		if (l->c == 'D')
			piece = l->upper ? "Đ" : "đ";
		else if (is_vowel(l->c))
			piece = vowel_form(l, (int)i == at ? s->tone : T_NONE);
		if (!piece || len + strlen(piece) >= cap)
			return 0;
		memcpy(out + len, piece, strlen(piece));
		len += strlen(piece);
	}
	out[len] = '\0';
	return 1;
}

/* 1 if decoding changed anything: a tone, a mark or đ. */
static int marked(const syl *s)
{
	if (s->tone)
		return 1;
	for (size_t i = 0; i < s->n; i++)
		if (s->l[i].q || s->l[i].c == 'D')
			return 1;
	return 0;
}

int vns_telex_decode(const char *word, size_t len, char *out, size_t cap)
{
	char low[VNS_TELEX_MAX];
	syl s;
	int digits = 0, at;

	if (len == 0 || len > VNS_TELEX_MAX || cap == 0)
		return 0;
	for (size_t i = 0; i < len; i++) {
		int c = (unsigned char)word[i];
		if (c >= '0' && c <= '9')
			digits = 1;
		else if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')))
			return 0;
		low[i] = (char)lower(c);
	}
	memset(&s, 0, sizeof s);
	if (!(digits ? parse_vni(word, low, len, &s)
		     : parse_telex(word, low, len, &s)) ||
	    !marked(&s))
		return 0;
	at = syllable_shape(&s);
	return at >= 0 && write_syl(&s, at, out, cap);
}
