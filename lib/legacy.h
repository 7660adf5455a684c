/* legacy.h - Vietnamese text in the encodings that came before Unicode
 * (TCVN3/ABC, VNI-Windows, VISCII, Windows-1258): deciding which one a
 * file uses and converting it to NFC UTF-8. The byte tables are the files
 * corpus/legacy-*.tsv, compiled in. A file that is mostly valid UTF-8 with
 * some bad bytes is damaged, not legacy: it is refused, never converted. */
#ifndef VNS_LEGACY_H
#define VNS_LEGACY_H

#include <stddef.h>

#include "analyse.h"
#include "buf.h"
#include "status.h"

typedef enum {
	VNS_ENC_UTF8 = 0,
	VNS_ENC_TCVN3,
	VNS_ENC_VNI,
	VNS_ENC_VISCII,
	VNS_ENC_CP1258,
	VNS_ENC_COUNT
} vns_encoding;

/* Short name of an encoding ("tcvn3", "vni" ...); never NULL. */
const char *vns_encoding_name(vns_encoding enc);

/* Convert len bytes of s from the legacy encoding enc into NFC UTF-8,
 * appended to out. VNS_EUNICODE (with the byte's offset) if s holds a
 * byte that enc does not define; VNS_ETOOBIG past out's cap. */
vns_status vns_legacy_convert(vns_encoding enc, const char *s, size_t len,
			      vns_buf *out, vns_err *err);

/* 1 if s (len bytes, not valid UTF-8) looks like damaged UTF-8: it holds
 * more valid multi-byte UTF-8 sequences than invalid bytes. */
int vns_legacy_damaged_utf8(const char *s, size_t len);

/* Share (0..1) of the accented words of UTF-8 text that are real
 * Vietnamese syllables; *marked (may be NULL) gets how many accented
 * words there were. */
vns_status vns_legacy_score(vns_analyser *a, const char *text, size_t len,
			    double *score, unsigned long *marked,
			    vns_err *err);

/* Turn text of unknown encoding into UTF-8 in out (reset first): valid
 * UTF-8 is copied as it is (*enc = VNS_ENC_UTF8); damaged UTF-8 gives
 * VNS_EUTF8; otherwise each legacy encoding is tried and the one whose
 * accented words are real syllables wins (*enc says which). When none
 * wins clearly: VNS_EUNICODE, "encoding cannot be decided". a is
 * borrowed for the scoring. */
vns_status vns_legacy_to_utf8(vns_analyser *a, const char *s, size_t len,
			      vns_buf *out, vns_encoding *enc, vns_err *err);

#endif
