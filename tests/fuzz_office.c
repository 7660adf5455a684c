/* fuzz_office.c - libFuzzer harness of the DOCX/ODT reader
 * (indexer/office.c): zip containers and the XML inside.
 *
 * An input that starts with "PK" is handed over as a whole file, so the
 * container is fuzzed. Any other input is two XML parts: byte 0 picks the
 * format (bit 0: 0 DOCX, 1 ODT) and the rest is the content part, then a
 * NUL, then the metadata part. They are wrapped in a valid stored zip, so
 * the mutations reach the XML walk instead of failing the zip's checksum. */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "office.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static uint32_t crc32_of(const uint8_t *p, size_t n)
{
	uint32_t c = 0xffffffffu;

	while (n--) {
		c ^= *p++;
		for (int k = 0; k < 8; k++)
			c = (c >> 1) ^ (0xedb88320u & (0u - (c & 1u)));
	}
	return ~c;
}

static uint8_t *put16(uint8_t *o, unsigned v)
{
	o[0] = (uint8_t)v;
	o[1] = (uint8_t)(v >> 8);
	return o + 2;
}

static uint8_t *put32(uint8_t *o, uint32_t v)
{
	o = put16(o, v & 0xffffu);
	return put16(o, v >> 16);
}

struct part {
	const char *name;
	const uint8_t *data;
	size_t len;
};

/* A zip header: the local one (central == 0) or the central one. */
static uint8_t *put_header(uint8_t *o, const struct part *p, uint32_t crc,
			   uint32_t offset, int central)
{
	size_t nl = strlen(p->name);

	o = put32(o, central ? 0x02014b50u : 0x04034b50u);
	if (central)
		o = put16(o, 20); /* made by */
	o = put16(o, 20);         /* needed */
	o = put16(o, 0);          /* flags */
	o = put16(o, 0);          /* stored */
	o = put32(o, 0);          /* time, date */
	o = put32(o, crc);
	o = put32(o, (uint32_t)p->len);
	o = put32(o, (uint32_t)p->len);
	o = put16(o, (unsigned)nl);
	o = put16(o, 0); /* extra */
	if (central) {
		o = put16(o, 0); /* comment */
		o = put16(o, 0); /* disk */
		o = put16(o, 0); /* internal attributes */
		o = put32(o, 0); /* external attributes */
		o = put32(o, offset);
	}
	memcpy(o, p->name, nl);
	return o + nl;
}

/* parts[0..n) as a stored zip in a new buffer of *len bytes. */
static uint8_t *stored_zip(const struct part *parts, int n, size_t *len)
{
	size_t cap = 22;
	uint32_t crc[2], off[2];
	uint8_t *z, *o, *cd;

	for (int i = 0; i < n; i++)
		cap += 30 + 46 + 2 * strlen(parts[i].name) + parts[i].len;
	if (!(z = malloc(cap)))
		return NULL;
	o = z;
	for (int i = 0; i < n; i++) {
		crc[i] = crc32_of(parts[i].data, parts[i].len);
		off[i] = (uint32_t)(o - z);
		o = put_header(o, &parts[i], crc[i], 0, 0);
		memcpy(o, parts[i].data, parts[i].len);
		o += parts[i].len;
	}
	cd = o;
	for (int i = 0; i < n; i++)
		o = put_header(o, &parts[i], crc[i], off[i], 1);
	o = put32(o, 0x06054b50u);
	o = put32(o, 0); /* disks */
	o = put16(o, (unsigned)n);
	o = put16(o, (unsigned)n);
	o = put32(o, (uint32_t)(o - cd - 12));
	o = put32(o, (uint32_t)(cd - z));
	o = put16(o, 0); /* comment */
	*len = (size_t)(o - z);
	return z;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	vns_doc doc = { 0 };
	vns_err err;
	uint8_t *zip = NULL;
	size_t zlen;

	if (size >= 2 && data[0] == 'P' && data[1] == 'K') {
		vns_office_parse((const char *)data, size, &doc, &err);
	} else if (size >= 1) {
		int odt = data[0] & 1;
		const uint8_t *body = data + 1, *nul;
		size_t blen = size - 1;
		struct part parts[2] = {
			{ odt ? "content.xml" : "word/document.xml", body, blen },
			{ odt ? "meta.xml" : "docProps/core.xml", NULL, 0 },
		};

		if ((nul = memchr(body, 0, blen))) {
			parts[0].len = (size_t)(nul - body);
			parts[1].data = nul + 1;
			parts[1].len = blen - parts[0].len - 1;
		}
		zip = stored_zip(parts, nul ? 2 : 1, &zlen);
		if (zip)
			vns_office_parse((const char *)zip, zlen, &doc, &err);
	}
	free(zip);
	vns_doc_clear(&doc);
	return 0;
}
