#!/usr/bin/env python3
"""draw-sample.py - the ids of a random sample of the real-news corpus, for
labelling by hand (tests/labels/realnews.jsonl holds the ids and labels,
never the text).

Every record of the corpus's *.jsonl.gz files (sample-1k.jsonl is a subset
of them, so it is not read) is a candidate; SEED and N fix the draw, so the
same corpus always gives the same ids, in the order they were drawn.

Usage: scripts/draw-sample.py CORPUS_DIR [--seed S] [--n N] [--show]
  --show  also print each drawn document (title, summary, body) for the
          person labelling it; nothing of it is kept.
"""
import argparse
import glob
import gzip
import json
import os
import random

SEED = 20261207
N = 160


def records(corpus):
    for path in sorted(glob.glob(os.path.join(corpus, "*.jsonl.gz"))):
        with gzip.open(path, "rt", encoding="utf-8") as f:
            for line in f:
                if line.strip():
                    yield json.loads(line)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("corpus")
    ap.add_argument("--seed", type=int, default=SEED)
    ap.add_argument("--n", type=int, default=N)
    ap.add_argument("--show", action="store_true")
    a = ap.parse_args()
    ids = sorted(r["id"] for r in records(a.corpus))
    drawn = random.Random(a.seed).sample(ids, a.n)
    if not a.show:
        for i in drawn:
            print(i)
        return
    want = set(drawn)
    docs = {r["id"]: r for r in records(a.corpus) if r["id"] in want}
    for k, i in enumerate(drawn):
        d = docs[i]
        print("=== %d %s %s" % (k, i, d.get("date")))
        print("T:", d.get("title"))
        if d.get("summary"):
            print("S:", d["summary"])
        print("B:", (d.get("body") or "")[:2200])


if __name__ == "__main__":
    main()
