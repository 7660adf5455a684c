/* format.c - JSON and text renderings of a result set (see format.h). */
#include "format.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "escape.h"

static vns_status json_str(vns_buf *out, const char *s)
{
	vns_status st;

	if (!s)
		return vns_buf_adds(out, "null");
	st = vns_buf_addc(out, '"');
	if (!st)
		st = vns_escape_json_string(out, s, strlen(s));
	return st ? st : vns_buf_addc(out, '"');
}

/* Code points in the first n bytes of s (JSON consumers count those). */
static size_t code_points(const char *s, size_t n)
{
	size_t cp = 0;

	for (size_t i = 0; i < n; i++)
		cp += ((unsigned char)s[i] & 0xC0) != 0x80;
	return cp;
}

static vns_status json_spans(vns_buf *out, const vns_result *row)
{
	vns_status st = vns_buf_adds(out, ",\"highlights\":[");

	for (size_t i = 0; !st && i < row->nspans; i++)
		st = vns_buf_addf(out, "%s[%zu,%zu]", i ? "," : "",
				  code_points(row->snippet, row->spans[i][0]),
				  code_points(row->snippet, row->spans[i][1]));
	return st ? st : vns_buf_addc(out, ']');
}

/* ,"key":["a","b"] */
static vns_status json_list(vns_buf *out, const char *key,
			    const char *const *v, size_t n)
{
	vns_status st = vns_buf_addf(out, ",\"%s\":[", key);

	for (size_t i = 0; !st && i < n; i++) {
		if (i)
			st = vns_buf_addc(out, ',');
		if (!st)
			st = json_str(out, v[i]);
	}
	return st ? st : vns_buf_addc(out, ']');
}

/* The row's entities: 2025 provinces, 2024 provinces, products,
 * programmes, and the provinces only named in passing (2025, 2024). */
static vns_status json_entities(vns_buf *out, const vns_result *row)
{
	size_t n25 = row->n_provinces_2025;
	vns_status st = json_list(out, "provinces", row->provinces, n25);

	if (!st)
		st = json_list(out, "provinces_2024", row->provinces + n25,
			       row->n_provinces - n25);
	if (!st)
		st = json_list(out, "products", row->products,
			       row->n_products);
	if (!st)
		st = json_list(out, "programmes", row->programmes,
			       row->n_programmes);
	if (!st)
		st = json_list(out, "mentioned_provinces", row->mentioned,
			       row->n_mentioned_2025);
	return st ? st : json_list(out, "mentioned_provinces_2024",
				   row->mentioned + row->n_mentioned_2025,
				   row->n_mentioned - row->n_mentioned_2025);
}

/* The same article from other sources: "also": [{"id", "source",
 * "url"}, ...] ([] when there is none). */
static vns_status json_also(vns_buf *out, const vns_result *row)
{
	vns_status st = vns_buf_adds(out, ",\"also\":[");

	for (size_t i = 0; i < row->n_also && !st; i++) {
		st = vns_buf_adds(out, i ? ",{\"id\":" : "{\"id\":");
		if (!st) st = json_str(out, row->also[i].id);
		if (!st) st = vns_buf_adds(out, ",\"source\":");
		if (!st) st = json_str(out, row->also[i].source);
		if (!st) st = vns_buf_adds(out, ",\"url\":");
		if (!st) st = json_str(out, row->also[i].url);
		if (!st) st = vns_buf_addc(out, '}');
	}
	return st ? st : vns_buf_addc(out, ']');
}

/* ,"ocr":{"confidence":87.5,"low_confidence_pages":[2]} for text from
 * OCR; the stored values are numbers the indexer wrote, printed again as
 * numbers so nothing else can reach the output. */
static vns_status json_ocr(vns_buf *out, const vns_result *row)
{
	vns_status st;
	double conf;

	if (!row->ocr)
		return VNS_OK;
	conf = strtod(row->ocr, NULL);
	st = vns_buf_addf(out, ",\"ocr\":{\"confidence\":%.1f,"
			  "\"low_confidence_pages\":[",
			  isfinite(conf) ? conf : 0.0);
	for (size_t i = 0; !st && i < row->n_ocr_low; i++)
		st = vns_buf_addf(out, "%s%lu", i ? "," : "",
				  strtoul(row->ocr_low[i], NULL, 10));
	return st ? st : vns_buf_adds(out, "]}");
}

static vns_status json_row(vns_buf *out, const vns_result *row, int first)
{
	vns_status st = vns_buf_addf(out, "%s{\"rank\":%u,\"id\":",
				     first ? "" : ",", row->rank);

	if (!st) st = json_str(out, row->id);
	if (!st) st = vns_buf_adds(out, ",\"title\":");
	if (!st) st = json_str(out, row->title);
	if (!st) st = vns_buf_adds(out, row->title_derived
				   ? ",\"title_derived\":true"
				   : ",\"title_derived\":false");
	if (!st) st = vns_buf_adds(out, ",\"url\":");
	if (!st) st = json_str(out, row->url);
	if (!st) st = vns_buf_adds(out, ",\"date\":");
	if (!st) st = json_str(out, row->date);
	if (!st) st = vns_buf_adds(out, ",\"source\":");
	if (!st) st = json_str(out, row->source);
	if (!st) st = vns_buf_adds(out, ",\"indexed\":");
	if (!st) st = json_str(out, row->indexed);
	if (!st) st = vns_buf_addf(out, ",\"score\":%.6g,\"snippet\":",
				   row->score);
	if (!st) st = json_str(out, row->snippet);
	if (!st) st = json_spans(out, row);
	if (!st) st = json_entities(out, row);
	if (!st) st = json_also(out, row);
	if (!st) st = json_ocr(out, row);
	return st ? st : vns_buf_addc(out, '}');
}

/* Most values listed per facet (sources can be many). */
#define FACET_MAX 100

/* One facet's counts as [{"value": ..., "count": N}, ...]. */
struct facet_out {
	vns_buf *out;
	int first;
	vns_status st;
};

static int facet_row(void *ctx, const char *value, unsigned long count)
{
	struct facet_out *f = ctx;

	f->st = vns_buf_adds(f->out, f->first ? "{\"value\":" : ",{\"value\":");
	if (!f->st) f->st = json_str(f->out, value);
	if (!f->st) f->st = vns_buf_addf(f->out, ",\"count\":%lu}", count);
	f->first = 0;
	return f->st != VNS_OK;
}

/* ,"documents":N,"facets":{"province":[...],...} when r counted
 * facets. */
static vns_status json_facets(vns_buf *out, vns_results *r, vns_err *err)
{
	vns_status st;

	if (!vns_results_has_facets(r))
		return VNS_OK;
	st = vns_buf_addf(out, ",\"documents\":%lu,\"facets\":{",
			  vns_results_documents(r));
	for (int k = 0; !st && k < VNS_FACET_COUNT; k++) {
		struct facet_out f = { out, 1, VNS_OK };
		st = vns_buf_addf(out, "%s\"%s\":[", k ? "," : "",
				  vns_facet_name((vns_facet_kind)k));
		if (!st)
			st = vns_results_facet(r, (vns_facet_kind)k, FACET_MAX,
					       facet_row, &f, err);
		if (!st)
			st = f.st ? f.st : vns_buf_addc(out, ']');
	}
	return st ? st : vns_buf_addc(out, '}');
}

vns_status vns_format_json(vns_buf *out, const char *query, unsigned offset,
			   vns_results *r, vns_err *err)
{
	vns_result row;
	int got, first = 1;
	vns_status st = vns_buf_adds(out, "{\"query\":");

	if (!st) st = json_str(out, query);
	if (!st) st = vns_buf_adds(out, ",\"did_you_mean\":");
	if (!st) st = json_str(out, vns_results_suggestion(r));
	if (!st) st = vns_buf_addf(out, ",\"total\":%lu,\"offset\":%u,"
				   "\"results\":[", vns_results_total(r),
				   offset);
	while (!st && (got = vns_results_next(r, &row, err)) > 0) {
		st = json_row(out, &row, first);
		first = 0;
	}
	if (!st && got < 0)
		return err->code;
	if (!st)
		st = vns_buf_addc(out, ']');
	if (!st)
		st = json_facets(out, r, err);
	if (!st)
		st = vns_buf_addc(out, '}');
	return st ? vns_err_set(err, st, "output: %s", vns_strerror(st)) : st;
}

vns_status vns_format_json_error(vns_buf *out, const char *query,
				 const vns_err *why)
{
	vns_status st = vns_buf_adds(out, "{\"query\":");

	if (!st) st = json_str(out, query);
	if (!st) st = vns_buf_adds(out, ",\"error\":");
	if (!st) st = json_str(out, vns_err_text(why));
	return st ? st : vns_buf_addc(out, '}');
}

/* The snippet with its spans between bold on/off (or as they are). */
static vns_status text_snippet(vns_buf *out, const vns_result *row,
			       const vns_text_style *style)
{
	size_t at = 0;
	vns_status st = VNS_OK;

	for (size_t i = 0; !st && i < row->nspans; i++) {
		size_t s = row->spans[i][0], e = row->spans[i][1];
		st = vns_buf_add(out, row->snippet + at, s - at);
		if (!st && style->bold) st = vns_buf_adds(out, "\033[1m");
		if (!st) st = vns_buf_add(out, row->snippet + s, e - s);
		if (!st && style->bold) st = vns_buf_adds(out, "\033[0m");
		at = e;
	}
	return st ? st : vns_buf_adds(out, row->snippet + at);
}

/* " · Bắc Giang (nay Bắc Ninh), Hà Nội": the 2024 provinces as written,
 * each with its successor. */
static vns_status text_places(vns_buf *out, const vns_result *row)
{
	vns_status st = VNS_OK;

	for (size_t i = row->n_provinces_2025; !st && i < row->n_provinces;
	     i++) {
		st = vns_buf_adds(out, i > row->n_provinces_2025 ? ", " : " · ");
		if (!st)
			st = vns_buf_adds(out, row->provinces[i]);
		if (!st && vns_province_now(row->provinces[i]))
			st = vns_buf_addf(out, " (nay %s)",
					  vns_province_now(row->provinces[i]));
	}
	return st;
}

static vns_status text_row(vns_buf *out, const vns_result *row,
			   const vns_text_style *style)
{
	const char *b = style->bold ? "\033[1m" : "", *e = style->bold ? "\033[0m" : "";
	vns_status st = vns_buf_addf(out, "%u. %s%s%s\n   ", row->rank, b,
				     row->title ? row->title : "(no title)", e);

	if (!st) st = vns_buf_addf(out, "%s", row->date ? row->date : "no date");
	if (!st && row->source) st = vns_buf_addf(out, " · %s", row->source);
	if (!st && row->url) st = vns_buf_addf(out, " · %s", row->url);
	if (!st) st = text_places(out, row);
	if (!st) st = vns_buf_adds(out, "\n   ");
	if (!st) st = text_snippet(out, row, style);
	return st ? st : vns_buf_adds(out, "\n\n");
}

vns_status vns_format_text(vns_buf *out, const char *query, unsigned offset,
			   vns_results *r, const vns_text_style *style,
			   vns_err *err)
{
	unsigned long total = vns_results_total(r);
	const char *hint = vns_results_suggestion(r);
	vns_result row;
	int got, shown = 0;
	vns_status st = VNS_OK;

	if (hint)
		st = vns_buf_addf(out, "Did you mean: %s%s%s\n", style->bold ?
				  "\033[1m" : "", hint, style->bold ? "\033[0m"
								   : "");
	while (!st && (got = vns_results_next(r, &row, err)) > 0) {
		if (!shown++)
			st = vns_buf_addf(out, "About %lu result%s for '%s'\n\n",
					  total, total == 1 ? "" : "s", query);
		if (!st)
			st = text_row(out, &row, style);
	}
	if (!st && got < 0)
		return err->code;
	if (!st && !shown && !total)
		st = vns_buf_addf(out, "No documents match '%s'\n", query);
	else if (!st && !shown) /* past the last page, or --limit 0 */
		st = vns_buf_addf(out, "About %lu result%s for '%s', none "
				  "shown from %u\n", total, total == 1 ? "" : "s",
				  query, offset + 1);
	return st ? vns_err_set(err, st, "output: %s", vns_strerror(st)) : st;
}
