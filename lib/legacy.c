/* legacy.c - legacy Vietnamese encodings to UTF-8 (see legacy.h). */
#include "legacy.h"

#include <stdint.h>
#include <string.h>

#include <unicode/unorm2.h>
#include <unicode/ustring.h>

#include "restore.h"
#include "utf8.h"

/* byte -> up to three code points; an all-zero entry above 0x7F is a byte
 * the encoding does not define */
typedef uint16_t legacy_table[256][3];

static const legacy_table tcvn3 = {
#include "legacy-tcvn3.inc"
};
static const legacy_table vni = {
#include "legacy-vni.inc"
};
static const legacy_table viscii = {
#include "legacy-viscii.inc"
};
static const legacy_table cp1258 = {
#include "legacy-cp1258.inc"
};

static const struct {
	const char *name;
	const legacy_table *table;
} encodings[VNS_ENC_COUNT] = {
	[VNS_ENC_UTF8] = { "utf-8", NULL },
	[VNS_ENC_TCVN3] = { "tcvn3", &tcvn3 },
	[VNS_ENC_VNI] = { "vni", &vni },
	[VNS_ENC_VISCII] = { "viscii", &viscii },
	[VNS_ENC_CP1258] = { "cp1258", &cp1258 },
};

/* Lowest share of real syllables among accented words, and the least
 * lead over the runner-up, for an encoding to be taken. */
#define LEGACY_MIN_SCORE 0.7
#define LEGACY_MIN_LEAD 0.2
#define LEGACY_MIN_MARKED 2

const char *vns_encoding_name(vns_encoding enc)
{
	return (unsigned)enc < VNS_ENC_COUNT ? encodings[enc].name : "?";
}

static vns_status add_cp(vns_buf *out, uint32_t cp)
{
	char u[4];

	return vns_buf_add(out, u, vns_utf8_encode(cp, u));
}

/* Map bytes through the table into out (not yet NFC). */
static vns_status map_bytes(const legacy_table *t, const unsigned char *s,
			    size_t len, vns_buf *out, vns_err *err)
{
	for (size_t i = 0; i < len; i++) {
		const uint16_t *e = (*t)[s[i]];
		vns_status st = VNS_OK;

		if (!e[0] && s[i] >= 0x80)
			return vns_err_set(err, VNS_EUNICODE,
					   "byte 0x%02X at %zu is not in the "
					   "encoding", s[i], i);
		if (!e[0])
			st = vns_buf_addc(out, (char)s[i]);
		for (int k = 0; k < 3 && e[k] && !st; k++)
			st = add_cp(out, e[k]);
		if (st)
			return vns_err_set(err, st, "converted text too large");
	}
	return VNS_OK;
}

/* NFC of UTF-8 in[0..len) appended to out, through UTF-16. */
static vns_status nfc(const char *in, size_t len, vns_buf *out, vns_err *err)
{
	UErrorCode ec = U_ZERO_ERROR;
	const UNormalizer2 *n2 = unorm2_getNFCInstance(&ec);
	vns_buf u16, n16;
	int32_t ulen = 0, nlen, blen = 0;
	vns_status st = VNS_OK;

	if (len > (size_t)INT32_MAX / 4)
		return vns_err_set(err, VNS_ETOOBIG, "text too large");
	vns_buf_init(&u16, 0);
	vns_buf_init(&n16, 0);
	if (vns_buf_grow(&u16, (len + 1) * 2) ||
	    vns_buf_grow(&n16, (len + 1) * 2)) {
		st = vns_err_set(err, VNS_ENOMEM, "out of memory");
		goto done;
	}
	u_strFromUTF8((UChar *)u16.data, (int32_t)len + 1, &ulen, in,
		      (int32_t)len, &ec);
	nlen = unorm2_normalize(n2, (UChar *)u16.data, ulen,
				(UChar *)n16.data, (int32_t)len + 1, &ec);
	if (!U_FAILURE(ec) && !vns_buf_grow(out, (size_t)nlen * 3 + 1)) {
		u_strToUTF8(out->data + out->len, (int32_t)(out->alloc - out->len),
			    &blen, (UChar *)n16.data, nlen, &ec);
		out->len += (size_t)blen;
		out->data[out->len] = '\0';
	}
	if (U_FAILURE(ec))
		st = vns_err_set(err, VNS_EUNICODE, "normalisation failed: %s",
				 u_errorName(ec));
done:
	vns_buf_free(&u16);
	vns_buf_free(&n16);
	return st;
}

vns_status vns_legacy_convert(vns_encoding enc, const char *s, size_t len,
			      vns_buf *out, vns_err *err)
{
	vns_buf raw;
	vns_status st;

	if (enc <= VNS_ENC_UTF8 || enc >= VNS_ENC_COUNT)
		return vns_err_set(err, VNS_EINVAL, "not a legacy encoding");
	vns_buf_init(&raw, out->cap);
	st = map_bytes(encodings[enc].table, (const unsigned char *)s, len,
		       &raw, err);
	if (!st)
		st = nfc(raw.data, raw.len, out, err);
	vns_buf_free(&raw);
	return st;
}

int vns_legacy_damaged_utf8(const char *s, size_t len)
{
	size_t good = 0, bad = 0, i = 0;

	while (i < len) {
		size_t n;

		if ((unsigned char)s[i] < 0x80) {
			i++;
			continue;
		}
		n = vns_utf8_decode(s + i, len - i, NULL);
		if (n) {
			good++;
			i += n;
		} else {
			bad++;
			i++;
		}
	}
	return good > bad;
}

struct score_ctx {
	unsigned long marked, real;
};

/* 1 if the exact form term is among the readings of its folded form. */
static int is_syllable(const char *term, size_t len, const char *fold,
		       size_t flen)
{
	char buf[1024];
	const char *out[VNS_RESTORE_MAX];
	size_t n = vns_restore_readings(fold, flen, buf, sizeof buf, out);

	for (size_t i = 0; i < n; i++)
		if (strlen(out[i]) == len && memcmp(out[i], term, len) == 0)
			return 1;
	return 0;
}

static int on_token(void *ctx, const vns_token *tok)
{
	static __thread char exact[VNS_TERM_MAX + 1];
	static __thread size_t exact_len;
	struct score_ctx *sc = ctx;

	if (!(tok->flags & VNS_TOKEN_COLOCATED)) {
		exact_len = tok->len;
		memcpy(exact, tok->term, tok->len);
		return 0;
	}
	if (!(tok->flags & VNS_TOKEN_MARKED))
		return 0;
	sc->marked++;
	sc->real += is_syllable(exact, exact_len, tok->term, tok->len);
	return 0;
}

/* 1 if cp (not ASCII) belongs in Vietnamese text: its letters and the
 * usual typographic punctuation. */
static int vietnamese_char(uint32_t cp)
{
	static const char latin1[] = "àáâãèéêìíòóôõùúýÀÁÂÃÈÉÊÌÍÒÓÔÕÙÚÝ";
	static const uint32_t other[] = { 0x102, 0x103, 0x110, 0x111, 0x128,
		0x129, 0x168, 0x169, 0x1A0, 0x1A1, 0x1AF, 0x1B0, 0xA0, 0xAB,
		0xBB, 0xB0, 0x2013, 0x2014, 0x2018, 0x2019, 0x201C, 0x201D,
		0x2026, 0x2022, 0xB7 };

	if (cp >= 0x1EA0 && cp <= 0x1EF9)
		return 1;
	for (size_t i = 0; i < sizeof other / sizeof *other; i++)
		if (cp == other[i])
			return 1;
	for (size_t i = 0; latin1[i]; i += 2)
		if (cp == (((uint32_t)(latin1[i] & 0x1F) << 6) |
			   (uint32_t)(latin1[i + 1] & 0x3F)))
			return 1;
	return 0;
}

/* Characters of UTF-8 text that have no place in Vietnamese. */
static unsigned long foreign_chars(const char *text, size_t len)
{
	unsigned long n = 0;
	size_t i = 0;

	while (i < len) {
		uint32_t cp;
		size_t k = vns_utf8_decode(text + i, len - i, &cp);

		if (!k)
			return len; /* not even UTF-8 */
		n += cp >= 0x80 && !vietnamese_char(cp);
		i += k;
	}
	return n;
}

vns_status vns_legacy_score(vns_analyser *a, const char *text, size_t len,
			    double *score, unsigned long *marked,
			    vns_err *err)
{
	struct score_ctx sc = { 0, 0 };
	vns_status st = vns_analyse(a, text, len, on_token, &sc, err);
	unsigned long foreign;

	if (st)
		return st;
	foreign = foreign_chars(text, len);
	*score = sc.marked + foreign
			 ? (double)sc.real / (double)(sc.marked + foreign)
			 : 0;
	if (marked)
		*marked = sc.marked;
	return VNS_OK;
}

/* Score encoding enc on s; -1 when s does not convert. */
static double try_encoding(vns_analyser *a, vns_encoding enc, const char *s,
			   size_t len, vns_buf *tmp, unsigned long *marked)
{
	double score;
	vns_err e;

	vns_buf_reset(tmp);
	if (vns_legacy_convert(enc, s, len, tmp, &e) ||
	    vns_legacy_score(a, tmp->data, tmp->len, &score, marked, &e))
		return -1;
	return score;
}

vns_status vns_legacy_to_utf8(vns_analyser *a, const char *s, size_t len,
			      vns_buf *out, vns_encoding *enc, vns_err *err)
{
	double best = -1, second = -1;
	unsigned long marked = 0, best_marked = 0;
	vns_encoding pick = VNS_ENC_UTF8;
	size_t bad;
	vns_buf tmp;

	vns_buf_reset(out);
	*enc = VNS_ENC_UTF8;
	if (vns_utf8_valid(s, len, &bad))
		return vns_buf_add(out, s, len)
			       ? vns_err_set(err, VNS_ETOOBIG, "text too large")
			       : VNS_OK;
	if (vns_legacy_damaged_utf8(s, len))
		return vns_err_set(err, VNS_EUTF8,
				   "invalid utf-8 at byte %zu in a utf-8 "
				   "text: the file is damaged", bad);
	vns_buf_init(&tmp, out->cap);
	for (int e = VNS_ENC_UTF8 + 1; e < VNS_ENC_COUNT; e++) {
		double sc = try_encoding(a, (vns_encoding)e, s, len, &tmp,
					 &marked);
		if (sc > best) {
			second = best;
			best = sc;
			pick = (vns_encoding)e;
			best_marked = marked;
		} else if (sc > second) {
			second = sc;
		}
	}
	vns_buf_free(&tmp);
	if (best < LEGACY_MIN_SCORE || best - second < LEGACY_MIN_LEAD ||
	    best_marked < LEGACY_MIN_MARKED)
		return vns_err_set(err, VNS_EUNICODE,
				   "not utf-8 (invalid byte at %zu) and the "
				   "encoding cannot be decided (best guess %s,"
				   " %.0f%% of accented words real)", bad,
				   vns_encoding_name(pick),
				   best > 0 ? best * 100 : 0.0);
	*enc = pick;
	return vns_legacy_convert(pick, s, len, out, err);
}
