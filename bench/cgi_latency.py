#!/usr/bin/env python3
"""cgi_latency.py - per-request latency of CGI programs run as whole
processes, the way a web server runs them (REQUEST_METHOD=GET and a
QUERY_STRING in the environment, the page on stdout to /dev/null).

Every query runs on every system in turn, the order rotating from query to
query and pass to pass (so all see the same machine state); warm-up passes
are not timed. Prints, per system, the median / p95 / p99 / mean of all
timed requests and the median of per-query medians, and the paired ratio
(median over queries of A/B per-query medians).

usage: cgi_latency.py --queries FILE --runs N --warmup N
           --system NAME=PROGRAM=PARAM[=KEY=VALUE,...] ... [--ratio A/B]
  PARAM is the query parameter (q for vnsearch.cgi, P for omega); KEY=VALUE
  pairs go to the environment (VNSEARCH_DB, OMEGA_CONFIG_FILE) or, written
  +KEY=VALUE, to the query string (DB=..., FMT=...).
"""
import argparse
import os
import statistics
import subprocess
import time
import urllib.parse


def parse_system(spec):
    name, prog, param, *rest = spec.split("=", 3)
    env, extra = {}, {}
    for kv in (rest[0].split(",") if rest else []):
        k, v = kv.split("=", 1)
        (extra if k.startswith("+") else env)[k.lstrip("+")] = v
    return name, prog, param, env, extra


def run(system, q):
    _, prog, param, env, extra = system
    qs = urllib.parse.urlencode(dict({param: q}, **extra))
    e = dict(env, REQUEST_METHOD="GET", QUERY_STRING=qs,
             PATH=os.environ.get("PATH", "/usr/bin:/bin"))
    t = time.monotonic()
    r = subprocess.run([prog], env=e, stdout=subprocess.DEVNULL,
                       stderr=subprocess.DEVNULL)
    ms = (time.monotonic() - t) * 1000
    if r.returncode != 0:
        raise SystemExit("%s failed on %r (exit %d)" % (prog, q, r.returncode))
    return ms


def pct(xs, p):
    xs = sorted(xs)
    return xs[max(0, min(len(xs) - 1, int(round(p / 100 * len(xs) + 0.5)) - 1))]


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--queries", required=True)
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--warmup", type=int, default=1)
    ap.add_argument("--system", action="append", required=True)
    ap.add_argument("--ratio", action="append", default=[])
    a = ap.parse_args()
    qs = [l.rstrip("\n") for l in open(a.queries, encoding="utf-8")
          if l.strip() and not l.startswith("#")]
    systems = [parse_system(s) for s in a.system]
    times = {s[0]: {q: [] for q in qs} for s in systems}
    k = 0
    for p in range(a.warmup + a.runs):
        for q in qs:
            k += 1
            order = systems[k % len(systems):] + systems[:k % len(systems)]
            for s in order:
                ms = run(s, q)
                if p >= a.warmup:
                    times[s[0]][q].append(ms)
    print("%-10s %8s %8s %8s %8s %14s  (%d queries x %d runs)" %
          ("system", "p50 ms", "p95 ms", "p99 ms", "mean", "med/query ms",
           len(qs), a.runs))
    for name, per_q in times.items():
        allt = [t for ts in per_q.values() for t in ts]
        meds = [statistics.median(ts) for ts in per_q.values()]
        print("%-10s %8.2f %8.2f %8.2f %8.2f %14.2f" %
              (name, statistics.median(allt), pct(allt, 95), pct(allt, 99),
               statistics.mean(allt), statistics.median(meds)))
    for r in a.ratio:
        x, y = r.split("/")
        ratios = [statistics.median(times[x][q]) / statistics.median(times[y][q])
                  for q in qs]
        print("ratio %s: median %.2f (min %.2f, max %.2f)" %
              (r, statistics.median(ratios), min(ratios), max(ratios)))


if __name__ == "__main__":
    main()
