#!/usr/bin/env python3
"""e2e.py - end-to-end tests: the real programs on real data.

Indexes ../shared/corpus/sample-1k.jsonl (read in place) with
vnsearch-index into a temporary directory and checks real searches with
vnsearch, as a user or a script would run them.
Usage: tests/e2e.py BUILD_DIR
"""
import json
import os
import subprocess
import sys
import tempfile
import unicodedata

HERE = os.path.dirname(os.path.abspath(__file__))
SAMPLE = os.path.join(HERE, "..", "..", "shared", "corpus", "sample-1k.jsonl")
BIN = sys.argv[1] if len(sys.argv) > 1 else "build"
TMP = tempfile.mkdtemp(prefix="vns-e2e-")
DB = os.path.join(TMP, "db")
failures = []


def check(cond, what):
    print(("ok   " if cond else "FAIL ") + what)
    if not cond:
        failures.append(what)


def index(*paths, db=DB):
    return subprocess.run([os.path.join(BIN, "vnsearch-index"), "--db", db]
                          + list(paths), capture_output=True, text=True)


def search(*args, db=DB, stdin=None):
    return subprocess.run([os.path.join(BIN, "vnsearch"), "--db", db]
                          + list(args), capture_output=True, text=True,
                          input=stdin)


def search_json(query, *args, db=DB):
    r = search("--json", *args, query, db=db)
    if r.returncode != 0:
        raise AssertionError("vnsearch %r failed: %s" % (query, r.stderr))
    return json.loads(r.stdout)


def ids(res):
    return [r["id"] for r in res["results"]]


def folded(s):
    s = unicodedata.normalize("NFD", s.lower())
    s = "".join(c for c in s if not unicodedata.combining(c))
    return unicodedata.normalize("NFC", s.replace("đ", "d"))


def write(name, lines):
    path = os.path.join(TMP, name)
    with open(path, "w", encoding="utf-8") as f:
        f.write("".join(l + "\n" for l in lines))
    return path


if not os.path.exists(SAMPLE):
    sys.exit("e2e: %s not found: the tests read ../shared in place, beside "
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
    for q, name in (("bac giang", "Bắc Giang"), ("dong thap", "Đồng Tháp")):
        res = search_json(q)
        top = ids(res)[:5]
        check(len(top) > 0 and all(name in text_of(i) for i in top),
              "'%s' finds documents containing '%s'" % (q, name))


def test_did_you_mean_restores_diacritics():
    res = search_json("dong thap")
    check(res.get("did_you_mean") == "Đồng Tháp",
          "--json 'dong thap': did_you_mean 'Đồng Tháp' (got %r)"
          % res.get("did_you_mean"))
    r = search("dong thap")
    check(r.returncode == 0 and "Did you mean: Đồng Tháp\n" in r.stdout,
          "text output of 'dong thap' prints 'Did you mean: Đồng Tháp'")
    res = search_json("Đồng Tháp")
    check("did_you_mean" in res and res["did_you_mean"] is None,
          "--json 'Đồng Tháp' (accented): did_you_mean is null")
    r = search("Đồng Tháp")
    check("Did you mean" not in r.stdout,
          "text output of an accented query has no 'Did you mean'")


def test_tone_placements_match():
    a, b = search_json("hoà bình"), search_json("hòa bình")
    check(ids(a) == ids(b) and len(ids(a)) > 0,
          "'hoà bình' and 'hòa bình' return the same results")


def test_nfd_and_nfc_find_each_other():
    nfc = "Hợp tác xã Quỳnh Phượng sản xuất nước mắm truyền thống"
    recs = [{"id": "e2e-nfd", "title": unicodedata.normalize("NFD", nfc),
             "body": unicodedata.normalize("NFD", "Thân bài: " + nfc)},
            {"id": "e2e-nfc", "title": "Làng nghề gốm Xuyên Mộc",
             "body": "Lò nung gốm Xuyên Mộc được hỗ trợ năm 2022."}]
    path = write("nf.jsonl", [json.dumps(r, ensure_ascii=False) for r in recs])
    db = os.path.join(TMP, "nfdb")
    index(path, db=db)
    r1 = search_json("Quỳnh Phượng", db=db)
    r2 = search_json(unicodedata.normalize("NFD", "gốm Xuyên Mộc"), db=db)
    check(ids(r1)[:1] == ["e2e-nfd"], "an NFC query finds a document stored in NFD")
    check(ids(r2)[:1] == ["e2e-nfc"], "an NFD query finds a document stored in NFC")


def test_exact_form_ranks_first():
    res = search_json("đường", "--limit", "100")
    has_exact = ["đường" in unicodedata.normalize("NFC", text_of(i).lower())
                 for i in ids(res)]
    first_folded_only = has_exact.index(False) if False in has_exact else len(has_exact)
    check(True not in has_exact[first_folded_only:] and first_folded_only > 0,
          "'đường' ranks every exact match above 'dương'/'đương'-only documents")
    res = search_json("duong", "--limit", "30")
    readings = {w for i in ids(res) for w in text_of(i).lower().split()
                if folded(w).strip(".,;:()\"'") == "duong"}
    check(len(readings) >= 2, "unaccented 'duong' matches several readings (%s)"
          % ", ".join(sorted(readings)))


def test_json_contract():
    r = search("--json", "--limit", "3", "giá vàng")
    res = json.loads(r.stdout)
    check(set(res) >= {"query", "total", "offset", "results"},
          "--json has query, total, offset, results")
    row = res["results"][0]
    check(set(row) >= {"rank", "id", "title", "url", "date", "source", "score",
                       "snippet", "highlights"}, "each result has the contract's fields")
    check(all(i in docs for i in ids(res)), "--json ids are the input ids")
    s, e = row["highlights"][0]
    check(folded(row["snippet"][s:e]) in ("gia", "vang", "gia vang"),
          "highlights are code-point spans of the matched words "
          "(the two syllables as one where they stand together)")
    again = search_json("giá vàng", "--limit", "3")
    check(ids(again) == ids(res), "the same query gives the same list")


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
    # a batch reads the index from mappings (query/mapread.h), a single
    # search with pread(): the same results either way
    queries = ["hà nội", "gia vang", "xuất khẩu gạo", "\"giá vàng\"",
               "nông thôn mới xây dựng huyện đạt chuẩn", "tra OR che"]
    r = search("--batch", "-", "--json", "--limit", "20",
               stdin="\n".join(queries) + "\n")
    out = [json.loads(l) for l in r.stdout.splitlines()]
    single = [search_json(q, "--limit", "20") for q in queries]
    check(r.returncode == 0 and len(out) == len(queries)
          and all(o["results"] == s["results"] and o["total"] == s["total"]
                  for o, s in zip(out, single)),
          "--batch: the same results as one search at a time")


def test_bad_records_reported_and_skipped():
    good = json.dumps({"id": "ok-1", "title": "Tin tốt", "body": "Nội dung đầy đủ."},
                      ensure_ascii=False)
    path = write("bad.jsonl", [good, "{not json", json.dumps({"id": "x", "body": ""}),
                               json.dumps({"id": "ok-2", "body": "Thân bài khác."},
                                          ensure_ascii=False)])
    with open(path, "ab") as f:
        f.write(b'{"id": "bad-utf8", "body": "\xff\xfe"}\n')
    db = os.path.join(TMP, "baddb")
    r = index(path, db=db)
    check(r.returncode == 3, "skipped records: exit status 3")
    check("bad.jsonl:2:" in r.stderr and "bad.jsonl:3:" in r.stderr
          and "bad.jsonl:5:" in r.stderr, "each bad record is reported as file:line: reason")
    check(search_json("", db=db)["total"] == 2, "the good records are indexed")


def test_text_bulletin():
    seed = os.path.join(HERE, "..", "..", "shared", "seed",
                        "bac-giang-khuyen-cong-2021.txt")
    db = os.path.join(TMP, "txtdb")
    r = index(seed, db=db)
    res = search_json("khuyen cong bac giang", db=db)
    check(r.returncode == 0 and len(res["results"]) == 1
          and res["results"][0]["title"].startswith("Bắc Giang"),
          "a .txt bulletin is indexed with its first line as title")
    res = search_json('"Tôn vinh, xúc tiến thương mại các sản phẩm tiêu biểu"', db=db)
    check(res["results"] == [], "the link list at the end of a scraped page is not indexed")


DOMAIN = os.path.join(HERE, "..", "..", "shared", "domain-dev", "docs.jsonl")
DOMAIN_DB = os.path.join(TMP, "domaindb")


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
                     "source", "year"} and len(res["results"]) == 3,
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


def main():
    tests = [test_index_whole_sample] + [
        fn for name, fn in sorted(globals().items())
        if name.startswith("test_") and fn is not test_index_whole_sample]
    for fn in tests:
        if callable(fn):
            try:
                fn()
            except Exception as e:  # a crash is a failure, with its reason
                check(False, "%s raised %r" % (fn.__name__, e))
    subprocess.run(["rm", "-rf", TMP])
    print("%d failure(s)" % len(failures))
    sys.exit(1 if failures else 0)


if __name__ == "__main__":
    main()
