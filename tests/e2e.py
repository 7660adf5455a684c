#!/usr/bin/env python3
"""e2e.py - end-to-end tests on the repository's own data (make check):
the real programs, run as a user or a script would run them.

Indexes corpus/sample (bulletins written for the project, JSON Lines and
.txt) and the bulletins tests/gencorpus.py generates into a temporary
directory, then checks searches with vnsearch: accents and tone
placement, "did you mean", the exact form first, the JSON contract,
batches, bad input, filters and facets over provinces merged in 2025,
and the titles derived for documents that have none. The same kinds of
checks on the real corpus are in tests/e2e_corpus.py (make check-corpus).
Usage: tests/e2e.py BUILD_DIR
"""
import json
import os
import sys
import unicodedata

import gencorpus
import e2e_lib as lib
from e2e_lib import Run, ids, tests_of

HERE = os.path.dirname(os.path.abspath(__file__))
SAMPLE = os.path.normpath(os.path.join(HERE, "..", "corpus", "sample"))
R = Run(sys.argv[1] if len(sys.argv) > 1 else "build", "vns-e2e-")
check, index, search, search_json = R.check, R.index, R.search, R.search_json
GENERATED = os.path.join(R.tmp, "generated.jsonl")

docs = {}
for rec in gencorpus.write(GENERATED):
    docs[rec["id"]] = rec
with open(os.path.join(SAMPLE, "bulletins.jsonl"), encoding="utf-8") as f:
    for line in f:
        rec = json.loads(line)
        docs[rec["id"]] = rec
for name in sorted(os.listdir(SAMPLE)):
    if name.endswith(".txt"):  # line 1 is the title (README.md there)
        path = os.path.join(SAMPLE, name)
        with open(path, encoding="utf-8") as f:
            title, _, body = f.read().partition("\n")
        docs["file:" + path] = {"title": title, "summary": None,
                                "body": body}


def text_of(doc_id):
    d = docs[doc_id]
    return " ".join(x or "" for x in (d["title"], d["summary"], d["body"]))


def test_index_the_sample_and_generated_bulletins():
    r = index(SAMPLE, GENERATED)
    check(r.returncode == 0, "corpus/sample and %d generated bulletins index "
          "with exit 0 (%s)" % (gencorpus.COUNT, r.stderr.strip()))
    res = search_json("", "--limit", "5")
    check(res["total"] == len(docs), "empty query total is the document "
          "count (%d, want %d)" % (res["total"], len(docs)))
    r = index(SAMPLE, GENERATED)
    check(search_json("")["total"] == len(docs),
          "indexing the same ids again replaces, never duplicates")


def test_unaccented_finds_accented():
    lib.unaccented_finds_accented(R, text_of, (
        ("bac giang", "Bắc Giang"), ("dong thap", "Đồng Tháp"),
        ("dak lak", "Đắk Lắk")))


def test_did_you_mean_restores_diacritics():
    lib.did_you_mean_restores_diacritics(R)


def test_tone_placements_match():
    a = search_json("hoà bình", "--limit", "100")
    b = search_json("hòa bình", "--limit", "100")
    old = [i for i in ids(a) if "Hoà Bình" in text_of(i)]
    new = [i for i in ids(a) if "Hòa Bình" in text_of(i)]
    check(ids(a) == ids(b) and old and new,
          "'hoà bình' and 'hòa bình' return the same results, which spell "
          "it either way (%d old-style, %d new-style)" % (len(old), len(new)))


def test_nfd_and_nfc_find_each_other():
    nfc = "Hợp tác xã Quỳnh Phượng sản xuất nước mắm truyền thống"
    recs = [{"id": "e2e-nfd", "title": unicodedata.normalize("NFD", nfc),
             "body": unicodedata.normalize("NFD", "Thân bài: " + nfc)},
            {"id": "e2e-nfc", "title": "Làng nghề gốm Xuyên Mộc",
             "body": "Lò nung gốm Xuyên Mộc được hỗ trợ năm 2022."}]
    path = R.write("nf.jsonl", [json.dumps(r, ensure_ascii=False) for r in recs])
    db = os.path.join(R.tmp, "nfdb")
    index(path, db=db)
    r1 = search_json("Quỳnh Phượng", db=db)
    r2 = search_json(unicodedata.normalize("NFD", "gốm Xuyên Mộc"), db=db)
    check(ids(r1)[:1] == ["e2e-nfd"], "an NFC query finds a document stored in NFD")
    check(ids(r2)[:1] == ["e2e-nfc"], "an NFD query finds a document stored in NFC")
    found = ids(search_json("nem Lai Vung", "--limit", "100"))
    check("vns-sample-006" in found,
          "the sample's NFD bulletin (006) is found by an NFC query")


def test_exact_form_ranks_first():
    lib.exact_form_ranks_first(R, text_of, 3)


def test_json_contract():
    lib.json_contract(R, docs, "nước mắm")


def test_no_match_and_bad_query():
    r = search("--json", "xyzzyqwert")
    check(r.returncode == 0 and json.loads(r.stdout)["results"] == [],
          "no match: exit 0 with empty results")
    r = search("xyzzyqwert")
    check("No documents match" in r.stdout, "no match: a clear message")
    r = search('"unterminated')
    check(r.returncode == 2 and "unterminated" in r.stderr,
          "an unusable query: exit 2 and a clear error")


def test_batch_one_line_per_query():
    lines = "bac giang\n\"unterminated\n\nhòa bình\n"
    r = search("--batch", "-", "--limit", "2", stdin=lines)
    out = [json.loads(l) for l in r.stdout.splitlines()]
    check(r.returncode == 0 and len(out) == 4, "--batch: one output line per input line")
    check("error" in out[1] and out[0]["query"] == "bac giang"
          and out[3]["query"] == "hòa bình", "--batch: order kept, bad line gets an error object")


def test_batch_reads_the_index_as_single_searches_do():
    lib.batch_reads_as_single(R, [
        "hà nội", "tra hoa vang", "xuất khẩu cà phê", "\"nước mắm\"",
        "khuyến công hỗ trợ cơ sở sản xuất mua máy móc thiết bị mới",
        "che OR ca phe"])


def test_bad_records_reported_and_skipped():
    good = json.dumps({"id": "ok-1", "title": "Tin tốt", "body": "Nội dung đầy đủ."},
                      ensure_ascii=False)
    path = R.write("bad.jsonl", [good, "{not json", json.dumps({"id": "x", "body": ""}),
                                 json.dumps({"id": "ok-2", "body": "Thân bài khác."},
                                            ensure_ascii=False)])
    with open(path, "ab") as f:
        f.write(b'{"id": "bad-utf8", "body": "\xff\xfe"}\n')
    db = os.path.join(R.tmp, "baddb")
    r = index(path, db=db)
    check(r.returncode == 3, "skipped records: exit status 3")
    check("bad.jsonl:2:" in r.stderr and "bad.jsonl:3:" in r.stderr
          and "bad.jsonl:5:" in r.stderr, "each bad record is reported as file:line: reason")
    check(search_json("", db=db)["total"] == 2, "the good records are indexed")


def test_text_bulletin():
    page = os.path.join(SAMPLE, "chuyen-doi-so-dak-lak-2025.txt")
    db = os.path.join(R.tmp, "txtdb")
    r = index(page, db=db)
    res = search_json("chuyen doi so dak lak", db=db)
    check(r.returncode == 0 and len(res["results"]) == 1
          and res["results"][0]["title"].startswith("Đắk Lắk: Tập huấn")
          and not res["results"][0]["title_derived"],
          "a .txt bulletin is indexed with its first line as title")
    res = search_json('"Nước mắm Phú Quốc tăng tốc xuất khẩu"', db=db)
    check(res["results"] == [], "the link list at the end of a scraped page "
          "is not indexed")


def test_province_filter_2025_name_finds_former_parts():
    res = search_json("", "--province", "Bắc Ninh", "--limit", "100")
    old = [r for r in res["results"] if "Bắc Giang" in r["provinces_2024"]]
    check(len(old) >= gencorpus.COUNT // len(gencorpus.PLACES)
          and all((r["date"] or "") < "2025-07-01" for r in old)
          and all("Bắc Ninh" in r["provinces"] for r in res["results"]),
          "--province 'Bắc Ninh' lists the bulletins about Bắc Giang "
          "(%d)" % len(old))
    a = ids(search_json("", "--province", "bac giang", "--limit", "100"))
    b = ids(search_json('tinh:"Bắc Giang"', "--limit", "100"))
    c = ids(search_json("province:bac-giang", "--limit", "100"))
    check(a and a == b == c and set(a) <= {r["id"] for r in old},
          "a former province filters by its own area, in any spelling")


def test_unknown_province_suggests_names():
    r = search("--province", "bac zang", "x")
    check(r.returncode == 2 and "did you mean" in r.stderr
          and "Bắc Giang" in r.stderr,
          "an unknown province is a usage error naming the nearest")


def test_product_programme_and_dates_filter():
    res = search_json("", "--product", "nuoc mam", "--programme", "OCOP",
                      "--from", "2022", "--to", "2024-12-31", "--limit",
                      "100")
    rows = res["results"]
    # the generator writes Nghệ An's nước mắm under OCOP once a year
    want = {i for i, d in docs.items() if i.startswith("gen-")
            and "nước mắm" in d["body"] and "OCOP" in d["body"]
            and d["date"] and "2022" <= d["date"][:4] <= "2024"}
    check(want and want <= set(ids(res)) and all(
        "nước mắm" in r["products"] and "OCOP" in r["programmes"]
        and "2022" <= r["date"][:4] <= "2024" for r in rows),
          "--product, --programme, --from and --to all restrict (%d, "
          "%d generated)" % (len(rows), len(want)))


def test_facets_count_the_whole_match_set():
    res = search_json("xuất khẩu", "--facets", "--limit", "3")
    f = res["facets"]
    check(set(f) == {"province", "province_2024", "product", "programme",
                     "source", "year", "product_group"} and len(res["results"]) == 3,
          "--facets gives every facet while showing one page")
    sources = sum(v["count"] for v in f["source"])
    rows = search_json("xuất khẩu", "--limit", "1000")["results"]
    check(len(f["source"]) >= 2 and sources == res["documents"] >= len(rows) > 3,
          "source counts add up over the whole match set")
    top = f["province"][0]
    sub = search_json("xuất khẩu", "--province", top["value"])
    check(sub["total"] == top["count"],
          "a province's facet count equals the filtered total")


def test_results_carry_their_entities():
    res = search_json("hạt điều", "--province", "Đồng Nai")
    check(res["results"] and all(
        isinstance(r["provinces"], list) and "products" in r
        and "programmes" in r and "hạt điều" in r["products"]
        for r in res["results"]),
        "each JSON result lists its provinces, products and programmes")


def test_documents_without_title_get_their_first_sentence():
    rows = search_json("", "--limit", "1000")["results"]
    titleless = [r for r in rows if r["id"] in gencorpus.TITLELESS]
    check(len(titleless) == len(gencorpus.TITLELESS),
          "every generated bulletin without a title is listed (%d)"
          % len(titleless))
    for r in titleless:
        first = docs[r["id"]]["body"].split("\n")[0]
        t = r["title"]
        whole = t == first.rstrip(".")
        cut = (t.endswith("…") and len(t) <= 100 and len(first) > 100 and
               first.startswith(t[:-1]) and first[len(t) - 1] in " ,")
        if not check(r["title_derived"] and (whole or cut),
                     "%s: the derived title is its first sentence, or its "
                     "words that fit in 100 characters (%r)" % (r["id"], t)):
            break
    check(any(r["title"].endswith("…") for r in titleless)
          and any(not r["title"].endswith("…") for r in titleless),
          "derived titles include whole sentences and cut ones")
    check(all(not r["title_derived"] and r["title"] == docs[r["id"]]["title"]
              for r in rows if r["id"] not in gencorpus.TITLELESS),
          "a document's own title is shown as given, not marked derived")
    one = sorted(gencorpus.TITLELESS)[0]
    r = search('"%s"' % docs[one]["body"].split(".")[0], "--limit", "1")
    check(r.returncode == 0 and "1. " + [x["title"] for x in titleless
                                         if x["id"] == one][0] in r.stdout,
          "the text output shows the derived title")


if __name__ == "__main__":
    R.main(tests_of(globals(), test_index_the_sample_and_generated_bulletins))
