#!/usr/bin/env python3
"""e2e_corpus.py - end-to-end tests on the real corpus in ../shared (make
check-corpus): the programs on real news and on the labelled
industry-promotion bulletins.

Indexes ../shared/corpus/sample-1k.jsonl and ../shared/domain-dev (read in
place) with vnsearch-index into a temporary directory and checks real
searches with vnsearch, as a user or a script would run them. The checks
that need no real data are in tests/e2e.py (make check).
Usage: tests/e2e_corpus.py BUILD_DIR
"""
import json
import os
import sys
import unicodedata

import e2e_lib as lib
from e2e_lib import Run, folded, ids, tests_of

HERE = os.path.dirname(os.path.abspath(__file__))
SHARED = os.path.join(HERE, "..", "..", "shared")
SAMPLE = os.path.join(SHARED, "corpus", "sample-1k.jsonl")
R = Run(sys.argv[1] if len(sys.argv) > 1 else "build", "vns-e2e-corpus-")
check, index, search, search_json = R.check, R.index, R.search, R.search_json

if not os.path.exists(SAMPLE):
    sys.exit("e2e_corpus: %s not found: the tests read ../shared in place, beside "
             "the checkout" % os.path.normpath(SAMPLE))
docs = {}
with open(SAMPLE, encoding="utf-8") as f:
    for line in f:
        d = json.loads(line)
        docs[d["id"]] = d


def text_of(doc_id):
    d = docs[doc_id]
    return " ".join(x or "" for x in (d["title"], d["summary"], d["body"]))


def test_index_whole_sample():
    r = index(SAMPLE)
    check(r.returncode == 0, "sample-1k indexes with exit 0 (%s)" % r.stderr.strip())
    res = search_json("", "--limit", "5")
    check(res["total"] == 1000, "empty query total is the document count")
    r = index(SAMPLE)
    check(search_json("")["total"] == 1000,
          "indexing the same ids again replaces, never duplicates")


def test_unaccented_finds_accented():
    lib.unaccented_finds_accented(R, text_of, (
        ("bac giang", "Bắc Giang"), ("dong thap", "Đồng Tháp")))


def test_did_you_mean_restores_diacritics():
    lib.did_you_mean_restores_diacritics(R)


def test_tone_placements_match():
    a, b = search_json("hoà bình"), search_json("hòa bình")
    check(ids(a) == ids(b) and len(ids(a)) > 0,
          "'hoà bình' and 'hòa bình' return the same results")


def test_exact_form_ranks_first():
    lib.exact_form_ranks_first(R, text_of, 2)


def test_json_contract():
    lib.json_contract(R, docs, "giá vàng")


def test_batch_reads_the_index_as_single_searches_do():
    lib.batch_reads_as_single(R, [
        "hà nội", "gia vang", "xuất khẩu gạo", "\"giá vàng\"",
        "nông thôn mới xây dựng huyện đạt chuẩn", "tra OR che"])


def test_text_bulletin():
    seed = os.path.join(SHARED, "seed", "bac-giang-khuyen-cong-2021.txt")
    db = os.path.join(R.tmp, "txtdb")
    r = index(seed, db=db)
    res = search_json("khuyen cong bac giang", db=db)
    check(r.returncode == 0 and len(res["results"]) == 1
          and res["results"][0]["title"].startswith("Bắc Giang"),
          "a .txt bulletin is indexed with its first line as title")
    res = search_json('"Tôn vinh, xúc tiến thương mại các sản phẩm tiêu biểu"', db=db)
    check(res["results"] == [], "the link list at the end of a scraped page is not indexed")


def test_articles_without_title_show_a_derived_one():
    rows = search_json("", "--limit", "1000")["results"]
    untitled = [r for r in rows if not (docs[r["id"]]["title"] or "").strip()]
    nfc = lambda t: unicodedata.normalize("NFC", t)
    check(untitled and all(r["title_derived"] and r["title"] and
                           nfc(folded(r["title"].rstrip("…")))[:20] in
                           nfc(folded(text_of(r["id"])))
                           for r in untitled),
          "each of the %d articles without a title shows one from its text"
          % len(untitled))
    check(all(not r["title_derived"] and
              nfc(r["title"]) == nfc(docs[r["id"]]["title"])
              for r in rows if r not in untitled),
          "an article's own title is shown as given, not marked derived")


DOMAIN = os.path.join(SHARED, "domain-dev", "docs.jsonl")
DOMAIN_DB = os.path.join(R.tmp, "domaindb")


def domain_db():
    """The domain-dev bulletins, indexed once."""
    if not os.path.exists(DOMAIN_DB):
        index(DOMAIN, db=DOMAIN_DB)
    return DOMAIN_DB


def test_province_filter_2025_name_finds_former_parts():
    res = search_json("", "--province", "Bắc Ninh", "--limit", "100",
                      db=domain_db())
    old = [r for r in res["results"] if "Bắc Giang" in r["provinces_2024"]]
    check(old and all(r["date"] < "2025-07-01" for r in old)
          and all("Bắc Ninh" in r["provinces"] for r in res["results"]),
          "--province 'Bắc Ninh' lists 2024 bulletins about Bắc Giang")
    a = ids(search_json("", "--province", "bac giang", db=domain_db()))
    b = ids(search_json('tinh:"Bắc Giang"', db=domain_db()))
    c = ids(search_json("province:bac-giang", db=domain_db()))
    check(a and a == b == c and set(a) <= {r["id"] for r in old},
          "a former province filters by its own area, in any spelling")


def test_unknown_province_suggests_names():
    r = search("--province", "bac zang", "x", db=domain_db())
    check(r.returncode == 2 and "did you mean" in r.stderr
          and "Bắc Giang" in r.stderr,
          "an unknown province is a usage error naming the nearest")


def test_product_programme_and_dates_filter():
    res = search_json("", "--product", "nuoc mam", "--programme", "OCOP",
                      "--from", "2022", "--to", "2024-12-31", "--limit",
                      "100", db=domain_db())
    rows = res["results"]
    check(rows and all("nước mắm" in r["products"] and "OCOP" in
                       r["programmes"] and "2022" <= r["date"][:4] <= "2024"
                       for r in rows),
          "--product, --programme, --from and --to all restrict")


def test_facets_count_the_whole_match_set():
    res = search_json("xuất khẩu", "--facets", "--limit", "3")
    f = res["facets"]
    check(set(f) == {"province", "province_2024", "product", "programme",
                     "source", "year", "product_group"} and len(res["results"]) == 3,
          "--facets gives every facet while showing one page")
    # every sample document has one source: the source counts add up to
    # the documents matched, copies of one article each counted, which
    # the results show once
    sources = sum(v["count"] for v in f["source"])
    rows = search_json("xuất khẩu", "--limit", "1000")["results"]
    check(sources == res["documents"] >= len(rows) > 3,
          "source counts add up over the whole match set")
    if f["province"]:
        top = f["province"][0]
        sub = search_json("xuất khẩu", "--province", top["value"])
        check(sub["total"] == top["count"],
              "a province's facet count equals the filtered total")


def test_results_carry_their_entities():
    res = search_json("hạt điều", "--province", "Đồng Nai", db=domain_db())
    check(res["results"] and all(
        isinstance(r["provinces"], list) and "products" in r
        and "programmes" in r and "hạt điều" in r["products"]
        for r in res["results"]),
        "each JSON result lists its provinces, products and programmes")


if __name__ == "__main__":
    R.main(tests_of(globals(), test_index_whole_sample))
