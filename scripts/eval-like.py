#!/usr/bin/env python3
"""eval-like.py - how related `vnsearch --like` results are.

Indexes a labelled collection (JSON Lines documents, and labels with
"provinces_2025" and "products" per id), asks `vnsearch --like ID --limit 5`
for every document, and prints the share of each document's top 5 that
share a product or a 2025 province with it (the mean over documents, and
the ceiling the labels allow: the same share when every top-5 slot that
could be filled with a sharing document is), and how often a document
came back for itself (must be 0).

Usage:
  scripts/eval-like.py [--bin build] [--docs DOCS --labels LABELS]
With no --docs, runs ../shared/domain-dev.
"""
import argparse
import json
import os
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
SHARED = os.path.join(HERE, "..", "..", "shared")
TOP = 5


def load(path):
    with open(path, encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


def shares(a, b):
    return bool(set(a["products"]) & set(b["products"]) or
                set(a["provinces_2025"]) & set(b["provinces_2025"]))


def like_ids(binary, db, doc_id):
    out = subprocess.run([os.path.join(binary, "vnsearch"), "--db", db,
                          "--json", "--limit", str(TOP), "--like", doc_id],
                         capture_output=True, text=True, check=True)
    return [r["id"] for r in json.loads(out.stdout)["results"]]


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--bin", default="build")
    ap.add_argument("--docs", default=os.path.join(SHARED, "domain-dev",
                                                   "docs.jsonl"))
    ap.add_argument("--labels", default=os.path.join(SHARED, "domain-dev",
                                                     "labels.jsonl"))
    a = ap.parse_args()
    if not os.path.exists(a.docs):
        print("eval-like: %s is missing: skipped" % a.docs)
        return 0
    labels = {r["id"]: r for r in load(a.labels)}
    with tempfile.TemporaryDirectory() as tmp:
        db = os.path.join(tmp, "db")
        subprocess.run([os.path.join(a.bin, "vnsearch-index"), "--quiet",
                        "--db", db, a.docs], check=True)
        got, best, itself = [], [], 0
        for doc_id, lab in sorted(labels.items()):
            ids = like_ids(a.bin, db, doc_id)
            itself += doc_id in ids
            good = sum(shares(lab, labels[i]) for i in ids if i in labels)
            got.append(good / TOP)
            can = sum(shares(lab, o) for k, o in labels.items()
                      if k != doc_id)
            best.append(min(can, TOP) / TOP)
    short = sum(g < min(0.65, b) for g, b in zip(got, best))
    print("like: %d documents, top %d: %.1f%% share a product or a 2025 "
          "province (the labels allow %.1f%%); %d below 65%% or their "
          "ceiling; the document itself returned %d times" %
          (len(got), TOP, 100 * sum(got) / len(got),
           100 * sum(best) / len(best), short, itself))
    return 1 if itself else 0


if __name__ == "__main__":
    sys.exit(main())
