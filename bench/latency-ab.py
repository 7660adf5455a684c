#!/usr/bin/env python3
"""latency-ab.py - paired whole-process query latency of two vnsearch builds.

Runs every query of a file (default ../shared/peers/queries-perf.txt) on
each binary in turn, alternating which goes first, RUNS timed passes after
one warm-up pass, and prints per binary the median and p95 of the
per-query medians, then the median of the per-query ratios B/A. Paired
ratios are what survive a noisy machine; quote them next to the absolute
figures.

Usage: bench/latency-ab.py DB BIN_A BIN_B [--queries FILE] [--runs N]
"""
import argparse
import os
import statistics
import subprocess
import time

HERE = os.path.dirname(os.path.abspath(__file__))
QUERIES = os.path.join(HERE, "..", "..", "shared", "peers", "queries-perf.txt")


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("db")
    ap.add_argument("bin_a")
    ap.add_argument("bin_b")
    ap.add_argument("--queries", default=QUERIES)
    ap.add_argument("--runs", type=int, default=5)
    a = ap.parse_args()
    qs = [l.strip() for l in open(a.queries, encoding="utf-8") if l.strip()]
    bins = [a.bin_a, a.bin_b]
    times = {b: {q: [] for q in qs} for b in bins}
    for rep in range(a.runs + 1):
        for q in qs:
            for b in (bins if rep % 2 == 0 else bins[::-1]):
                t = time.perf_counter()
                subprocess.run([b, "--db", a.db, "--limit", "10", q],
                               stdout=subprocess.DEVNULL,
                               stderr=subprocess.DEVNULL)
                if rep:
                    times[b][q].append(time.perf_counter() - t)
    for b in bins:
        med = sorted(statistics.median(v) for v in times[b].values())
        print("%s: median %.2f ms, p95 %.2f ms" % (
            b, 1000 * statistics.median(med),
            1000 * med[max(0, int(0.95 * len(med)) - 1)]))
    ratios = [statistics.median(times[a.bin_b][q]) /
              statistics.median(times[a.bin_a][q]) for q in qs]
    print("per-query median ratio B/A: %.2f" % statistics.median(ratios))


if __name__ == "__main__":
    main()
