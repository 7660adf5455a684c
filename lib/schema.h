/* schema.h - the single place that names every term prefix, value slot and
 * stored-data key of a vnsearch index. Follows Omega's conventions where
 * they exist (Q unique id, D/M/Y dates); X... for vnsearch's own. */
#ifndef VNS_SCHEMA_H
#define VNS_SCHEMA_H

/* Bump when the terms an index holds change meaning; stored as metadata. */
#define VNS_SCHEMA_VERSION "3"
#define VNS_META_SCHEMA "vnsearch.schema"

/* ---- terms ------------------------------------------------------------ */
#define VNS_PREFIX_ID "Q"           /* unique: the input id, as given */
#define VNS_PREFIX_EXACT ""         /* word, exact form (no positions) */
#define VNS_PREFIX_FOLD "XF"        /* word, folded form (positions) */
#define VNS_PREFIX_FOLD_PAIR "XG"   /* two adjacent words, folded: "a b" */
#define VNS_PREFIX_SOURCE "XSRC"    /* boolean: source, lower case */
#define VNS_PREFIX_YEAR "Y"         /* boolean: YYYY */
#define VNS_PREFIX_MONTH "M"        /* boolean: YYYYMM */
#define VNS_PREFIX_DAY "D"          /* boolean: YYYYMMDD */
#define VNS_TERM_NODATE "XNODATE"   /* boolean: the document has no date */
/* entities (tagger.h), boolean, + the gazetteer slug ("bac-giang") */
#define VNS_PREFIX_PROVINCE "XPN"      /* 2025 province */
#define VNS_PREFIX_PROVINCE_2024 "XPO" /* 2024 province */
#define VNS_PREFIX_DISTRICT "XPD"      /* 2024 district: slug.province-slug */
#define VNS_PREFIX_PRODUCT "XPR"       /* product */
#define VNS_PREFIX_PROGRAMME "XPG"     /* programme */
#define VNS_PREFIX_PRODUCT_GROUP "XPRG" /* a product's group: OCOP group
					 * or rural-industry group */

/* Xapian refuses terms longer than this (bytes, prefix included). */
#define VNS_XTERM_MAX 240

/* ---- values ----------------------------------------------------------- */
#define VNS_SLOT_DATE 0 /* "YYYYMMDDhhmmss", local time as the source gives
			 * it (string order = time order); unset when the
			 * document has no date */
/* Facet slots: display names; a slot with several holds them joined by
 * VNS_VALUE_SEP (counted by a multi-value spy). */
#define VNS_SLOT_PROVINCE 1      /* 2025 provinces */
#define VNS_SLOT_PROVINCE_2024 2 /* 2024 provinces */
#define VNS_SLOT_PRODUCT 3
#define VNS_SLOT_PROGRAMME 4
#define VNS_SLOT_SOURCE 5        /* the source as given */
#define VNS_SLOT_YEAR 6          /* YYYY; unset without a date */
#define VNS_SLOT_ID 7            /* the input id: equal scores are ordered
				  * by it, so that a sharded or remote index
				  * ranks exactly as one merged index */
#define VNS_SLOT_DATE_ID 8       /* VNS_SLOT_DATE (14 zeros when undated)
				  * + the id: the date order, equal dates
				  * by id, the same over shards */
#define VNS_SLOT_PRODUCT_GROUP 12 /* groups of the products (gazetteer
				   * info: "thực phẩm", "đồ uống" ...) */
#define VNS_VALUE_SEP '\x1f'

/* ---- duplicates (dedup.h) -------------------------------------------- */
#define VNS_PREFIX_CONTENT "XH" /* boolean: the content key */
#define VNS_SLOT_CONTENT 9      /* the content key: search collapses on it */
#define VNS_DATA_CONTENT "content" /* the content key in the stored data */
#define VNS_SLOT_FACETS 10 /* every facet value of the document at once, as
			    * "<slot digit>:<value>" (the slot above that
			    * holds it, 1-6 or 12) joined by VNS_VALUE_SEP: one
			    * value read per document counts all facets */
#define VNS_SLOT_INDEXED 11 /* when the document was last indexed:
			     * "YYYYMMDDhhmmss", UTC (string order = time
			     * order); unset in older indexes */

/* ---- positions -------------------------------------------------------- */
/* Gap between fields, so that phrases never join the end of the title to
 * the start of the body. */
#define VNS_FIELD_GAP 100

/* ---- stored data (docdata.h): a JSON object with these keys, then the
 * text -------------------------------------------------------------------- */
#define VNS_DATA_ID "id"
#define VNS_DATA_TITLE "title"
/* set only when the document came without a title and VNS_DATA_TITLE was
 * derived from its text (title.h): the field it was taken from, "summary"
 * or "body"; derived titles are shown, not indexed as titles */
#define VNS_DATA_TITLE_FROM "title_from"
#define VNS_DATA_URL "url"
#define VNS_DATA_DATE "date"
#define VNS_DATA_SOURCE "source"
#define VNS_DATA_INDEXED "indexed" /* VNS_SLOT_INDEXED as RFC 3339 UTC */
#define VNS_DATA_TEXT "text" /* older indexes only: the text in the JSON */
/* entities: arrays of display names, the most central first */
#define VNS_DATA_PROVINCES "provinces"           /* 2025 provinces */
#define VNS_DATA_PROVINCES_2024 "provinces_2024" /* 2024 provinces */
#define VNS_DATA_DISTRICTS "districts"
#define VNS_DATA_PRODUCTS "products"
#define VNS_DATA_PROGRAMMES "programmes"
/* text from OCR: the mean confidence ("87.5"), and the pages of low
 * confidence (["2", "5"]); absent otherwise */
#define VNS_DATA_OCR "ocr"
#define VNS_DATA_OCR_LOW "ocr_low_pages"
#define VNS_DATA_PRODUCT_GROUPS "product_groups"
/* provinces named only in passing (not filter or facet values) */
#define VNS_DATA_MENTIONED_PROVINCES "mentioned_provinces" /* 2025 */
#define VNS_DATA_MENTIONED_PROVINCES_2024 "mentioned_provinces_2024"

/* Text kept per document for snippets (bytes, cut at a UTF-8 boundary). */
#define VNS_STORED_TEXT_MAX (32 * 1024)

#endif
