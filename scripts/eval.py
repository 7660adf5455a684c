#!/usr/bin/env python3
"""eval.py - ranking figures through vnsearch's public interface.

Indexes a collection with vnsearch-index, runs each query file through
`vnsearch --batch - --json`, and prints MRR@10, Recall@10 and nDCG@10 per
file. Query files are JSON Lines: {"qid", "query", "relevant": [ids],
optional "grade": {id: grade}, optional "filters": {...}}. Filters are
turned into the query language (province:"X", product:"X", ...).

Also prints the tags' precision and recall against labels: domain-dev's
own, and the samples of tests/labels/ (realnews.jsonl, realnews-b.jsonl:
ids drawn from ../shared/corpus by scripts/draw-sample.py, labelled by
hand; the documents are read from the corpus, only ids and labels are
kept in the project).

Usage:
  scripts/eval.py [--bin build] [--docs DOCS --queries Q1 [Q2 ...]] ...
With no --docs, runs the project's standard sets from ../shared, and
noisy variants of their queries made by scripts/noisy.py (seed 20):
Telex residue, one typo, one typo without diacritics (--no-noise: the
clean queries only; --noise-seed: another seed); and whether the
documents holding a word's exact form come first in the whole result
list of "đường" on ../shared/corpus/sample-1k.jsonl.
"""
import argparse
import glob
import gzip
import json
import math
import os
import subprocess
import sys
import tempfile
import unicodedata

import noisy

HERE = os.path.dirname(os.path.abspath(__file__))
SHARED = os.path.join(HERE, "..", "..", "shared")

STANDARD = [
    ("eval", os.path.join(SHARED, "eval", "docs.jsonl.gz"),
     [os.path.join(SHARED, "eval", "queries-dev.jsonl"),
      os.path.join(SHARED, "eval", "queries-dev-nodiacritics.jsonl")]),
    ("domain-dev", os.path.join(SHARED, "domain-dev", "docs.jsonl"),
     [os.path.join(SHARED, "domain-dev", "queries.jsonl")]),
]

# the noisy variants of the first query file of each standard set
NOISE = ("telex", "typo", "typo-nodiac")


def noisy_files(qfile, tmp, seed):
    """The noisy variants of qfile, written in tmp (the originals are
    read where they are)."""
    out = []
    with open(qfile, encoding="utf-8") as f:
        lines = f.readlines()
    stem = os.path.basename(qfile).rsplit(".", 1)[0]
    for kind in NOISE:
        path = os.path.join(tmp, "%s-%s.jsonl" % (stem, kind))
        with open(path, "w", encoding="utf-8") as f:
            for line in noisy.transform(lines, kind, seed):
                f.write(line + "\n")
        out.append(path)
    return out


LABELS_DIR = os.path.join(HERE, "..", "tests", "labels")
# the hand-labelled samples of real news: (file, what)
REALNEWS = [("realnews.jsonl", "160 articles, seed 20261207"),
            ("realnews-b.jsonl", "79 articles, seed 20261208, labelled "
             "by another reader")]
CORPUS = os.path.join(SHARED, "corpus")

# filters vnsearch has ("kind", bulletin or project, it has not: such a
# query runs without it)
FILTER_FIELDS = {"province": "province", "product": "product",
                 "programme": "programme", "source": "source"}
TAG_KINDS = [("provinces_2024", "provinces_2024"),
             ("provinces_2025", "provinces"),
             ("products", "products"), ("programmes", "programmes")]


def quote(v):
    return '"%s"' % v.replace('"', " ") if " " in v else v


def query_text(q):
    """The query line vnsearch gets: the text plus its filters."""
    parts = [" ".join(q["query"].split())]
    f = q.get("filters") or {}
    for key, field in FILTER_FIELDS.items():
        if key in f:
            parts.append("%s:%s" % (field, quote(f[key])))
    if "date_from" in f or "date_to" in f:
        parts.append("date:%s..%s" % (f.get("date_from", ""),
                                      f.get("date_to", "")))
    return " ".join(p for p in parts if p)


def metrics(ranked, q):
    rel = q["relevant"]
    grade = q.get("grade") or {d: 1 for d in rel}
    top = ranked[:10]
    rr = 0.0
    for i, d in enumerate(top):
        if d in grade:
            rr = 1.0 / (i + 1)
            break
    recall = sum(1 for d in top if d in grade) / len(rel) if rel else 0.0
    dcg = sum((2 ** grade.get(d, 0) - 1) / math.log2(i + 2)
              for i, d in enumerate(top))
    ideal = sorted(grade.values(), reverse=True)[:10]
    idcg = sum((2 ** g - 1) / math.log2(i + 2) for i, g in enumerate(ideal))
    return rr, recall, (dcg / idcg if idcg else 0.0)


def run_queries(bindir, db, queries, extra):
    lines = "".join(query_text(q) + "\n" for q in queries)
    out = subprocess.run(
        [os.path.join(bindir, "vnsearch"), "--db", db, "--batch", "-",
         "--limit", "10"] + extra,
        input=lines, capture_output=True, text=True, check=True).stdout
    rows = [json.loads(l) for l in out.splitlines()]
    if len(rows) != len(queries):
        sys.exit("eval: %d queries in, %d lines out" % (len(queries), len(rows)))
    return rows


def evaluate(bindir, db, path, extra, verbose):
    queries = [json.loads(l) for l in open(path, encoding="utf-8") if l.strip()]
    rows = run_queries(bindir, db, queries, extra)
    sums = [0.0, 0.0, 0.0]
    errors = 0
    for q, row in zip(queries, rows):
        if "error" in row:
            errors += 1
            if verbose:
                print("  error %s: %s" % (q["qid"], row["error"]))
            continue
        m = metrics([r["id"] for r in row["results"]], q)
        for i in range(3):
            sums[i] += m[i]
    n = len(queries)
    print("%-36s n=%-5d MRR@10 %.4f  Recall@10 %.4f  nDCG@10 %.4f%s" % (
        os.path.basename(path), n, sums[0] / n, sums[1] / n, sums[2] / n,
        "  (%d queries failed)" % errors if errors else ""))
    return sums[0] / n


def nfc(s):
    return unicodedata.normalize("NFC", s)


def tag_figures(bindir, db, labels_path, verbose):
    """Precision and recall of the stored tags of every document (read
    back with vnsearch --json, browsing the whole index) against labels."""
    labels = {}
    for line in open(labels_path, encoding="utf-8"):
        if line.strip():
            d = json.loads(line)
            labels[d["id"]] = d
    out = subprocess.run(
        [os.path.join(bindir, "vnsearch"), "--db", db, "--json",
         "--limit", "1000"], capture_output=True, text=True,
        check=True).stdout
    tags = {r["id"]: r for r in json.loads(out)["results"]}
    for label_key, json_key in TAG_KINDS:
        tp = fp = fn = 0
        for doc_id, lab in labels.items():
            want = {nfc(x) for x in lab[label_key]}
            got = {nfc(x) for x in tags.get(doc_id, {}).get(json_key, [])}
            tp += len(want & got)
            fp += len(got - want)
            fn += len(want - got)
            if verbose and want != got:
                print("  %s %s: extra %s, missing %s" % (
                    label_key, doc_id, sorted(got - want),
                    sorted(want - got)))
        def ratio(n, d):  # nothing tagged (or labelled): no figure
            return "%.3f" % (n / d) if d else "  -  "
        print("tags %-16s precision %s  recall %s  (%d right, %d "
              "wrong, %d missed)" % (label_key, ratio(tp, tp + fp),
                                    ratio(tp, tp + fn), tp, fp, fn))


SAMPLE = os.path.join(SHARED, "corpus", "sample-1k.jsonl")
EXACT_FIRST = "đường"


def exact_first(bindir, tmp):
    """Every document holding the exact form of a word typed with marks
    ranks above every document that has it only folded: the whole result
    list of EXACT_FIRST on the sample corpus."""
    import re
    db = os.path.join(tmp, "sample")
    subprocess.run([os.path.join(bindir, "vnsearch-index"), "--quiet",
                    "--db", db, SAMPLE], check=True)
    text = {}
    for line in open(SAMPLE, encoding="utf-8"):
        d = json.loads(line)
        text[d["id"]] = nfc(" ".join(str(d.get(k) or "") for k in
                                     ("title", "summary", "body"))).lower()
    out = subprocess.run([os.path.join(bindir, "vnsearch"), "--db", db,
                          "--json", "--limit", "1000", EXACT_FIRST],
                         capture_output=True, text=True, check=True).stdout
    word = re.compile(r"(?<!\w)%s(?!\w)" % EXACT_FIRST)
    has = [bool(word.search(text.get(r["id"], "")))
           for r in json.loads(out)["results"]]
    late = [i for i, h in enumerate(has) if h and not all(has[:i])]
    print("exact first: '%s' on %s: %d results, %d with the exact form, "
          "%s" % (EXACT_FIRST, os.path.basename(SAMPLE), len(has), sum(has),
                  "all of them first" if not late else
                  "%d ranked after one without" % len(late)))


def realnews_docs(labels_path, out_path):
    """Write the corpus records whose ids the labels name to out_path."""
    want = {json.loads(l)["id"] for l in open(labels_path, encoding="utf-8")
            if l.strip()}
    found = 0
    with open(out_path, "w", encoding="utf-8") as out:
        for path in sorted(glob.glob(os.path.join(CORPUS, "*.jsonl.gz"))):
            with gzip.open(path, "rt", encoding="utf-8") as f:
                for line in f:
                    if line.strip() and json.loads(line)["id"] in want:
                        out.write(line)
                        found += 1
    if found != len(want):
        sys.exit("eval: %d labelled ids, %d found in the corpus" % (
            len(want), found))


def realnews(bindir, tmp, verbose):
    for name, what in REALNEWS:
        labels = os.path.join(LABELS_DIR, name)
        stem = os.path.splitext(name)[0]
        docs = os.path.join(tmp, stem + ".jsonl")
        db = os.path.join(tmp, stem)
        realnews_docs(labels, docs)
        subprocess.run([os.path.join(bindir, "vnsearch-index"), "--quiet",
                        "--db", db, docs], check=True)
        print("== %s (tests/labels/%s: %s)" % (stem, name, what))
        tag_figures(bindir, db, labels, verbose)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--bin", default="build")
    ap.add_argument("--docs")
    ap.add_argument("--queries", nargs="+")
    ap.add_argument("--db", help="reuse this index instead of building one")
    ap.add_argument("--verbose", action="store_true")
    ap.add_argument("--no-noise", action="store_true",
                    help="the clean queries only")
    ap.add_argument("--noise-seed", type=int, default=20)
    ap.add_argument("extra", nargs="*", help="extra vnsearch options")
    a = ap.parse_args()
    sets = [("custom", a.docs, a.queries)] if a.docs else STANDARD
    with tempfile.TemporaryDirectory(prefix="vns-eval-") as tmp:
        for name, docs, qfiles in sets:
            db = a.db or os.path.join(tmp, name)
            if not a.db:
                subprocess.run([os.path.join(a.bin, "vnsearch-index"),
                                "--quiet", "--db", db, docs], check=True)
            print("== %s (%s)" % (name, os.path.basename(docs)))
            labels = os.path.join(os.path.dirname(docs), "labels.jsonl")
            if os.path.exists(labels):
                tag_figures(a.bin, db, labels, a.verbose)
            if not a.docs and not a.no_noise:
                qfiles = qfiles + noisy_files(qfiles[0], tmp, a.noise_seed)
            for qf in qfiles:
                evaluate(a.bin, db, qf, a.extra, a.verbose)
        if not a.docs and os.path.exists(SAMPLE):
            exact_first(a.bin, tmp)
        if not a.docs and os.path.isdir(CORPUS):
            realnews(a.bin, tmp, a.verbose)


if __name__ == "__main__":
    main()
