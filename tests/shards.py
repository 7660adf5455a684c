#!/usr/bin/env python3
"""shards.py - sharded and remote indexes give the results of one index.

Indexes corpus/sample and the bulletins tests/gencorpus.py generates (with
--corpus: ../shared/corpus/sample-1k.jsonl, read in place) four ways: one
database by one writer (the reference), one database built by two writers
and merged, shards by year under a stub (vnsearch-index --shard-by year),
and the same shards served by two xapian-tcpsrv on 127.0.0.1 (plus one
served by xapian-progsrv). For a query mix (words, phrases, OR, filters,
browsing, date order, facets; and the same queries as people type them:
Telex and VNI residue and typos, made by scripts/noisy.py) every variant
must give the reference's ids, in its order, with its scores, totals,
facet counts and "did you mean". Then one
server is stopped and vnsearch must fail with a clear error (exit 1,
naming the unreachable server).
Usage: tests/shards.py BUILD_DIR [--corpus]
"""
import json
import os
import shutil
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)),
                                "..", "scripts"))
import noisy  # noqa: E402
import gencorpus
import tcpsrv
from tcpsrv import serve, stop

HERE = os.path.dirname(os.path.abspath(__file__))
SHARED = os.path.join(HERE, "..", "..", "shared")
REAL = "--corpus" in sys.argv[2:]
PERF = os.path.join(SHARED, "peers", "queries-perf.txt")
BIN = sys.argv[1] if len(sys.argv) > 1 else "build"
TMP = tempfile.mkdtemp(prefix="vns-shards-")
if REAL:
    INPUT = [os.path.join(SHARED, "corpus", "sample-1k.jsonl")]
else:
    INPUT = [os.path.join(HERE, "..", "corpus", "sample"),
             os.path.join(TMP, "generated.jsonl")]
failures = []


def check(cond, what):
    print(("ok   " if cond else "FAIL ") + what)
    if not cond:
        failures.append(what)


def index(db, *opts):
    r = subprocess.run([os.path.join(BIN, "vnsearch-index"), "--quiet",
                        "--db", db] + list(opts) + INPUT,
                       capture_output=True, text=True)
    check(r.returncode in (0, 3), "vnsearch-index %s: exit %d %s"
          % (" ".join(opts), r.returncode, r.stderr.strip()[:200]))


def batch(db, queries, *opts):
    """One JSON object per query (vnsearch --batch)."""
    r = subprocess.run([os.path.join(BIN, "vnsearch"), "--db", db, "--batch",
                        "-", "--json"] + list(opts), input="\n".join(queries)
                       + "\n", capture_output=True, text=True, timeout=300)
    if r.returncode != 0:
        return None, r
    return [json.loads(l) for l in r.stdout.splitlines()], r


def view(res):
    """What must be equal: ids, order, scores; with facets, the counts and
    the documents counted (exact, unlike the total, an estimate)."""
    out = []
    for o in res:
        row = {"query": o.get("query"), "error": o.get("error"),
               "did_you_mean": o.get("did_you_mean"),
               "results": [(x["id"], x["score"]) for x in o.get("results", [])]}
        if "facets" in o:
            row["facets"] = o["facets"]
            row["documents"] = o["documents"]
        out.append(row)
    return out


def compare(name, db, queries, opts, want):
    got, r = batch(db, queries, *opts)
    if got is None:
        check(False, "%s %s: vnsearch failed: %s" % (name, " ".join(opts),
                                                     r.stderr.strip()))
        return
    got = view(got)
    bad = [(w["query"], w, g) for w, g in zip(want, got) if w != g]
    check(len(got) == len(want) and not bad,
          "%s %s: %d queries equal to one merged index%s"
          % (name, " ".join(opts), len(want),
             "" if not bad else "; first difference on %r:\n  want %s\n  got  %s"
             % (bad[0][0], bad[0][1], bad[0][2])))


# the words of the repository's data, as people type them (with and
# without diacritics, phrases, several words)
OWN = ["trà hoa vàng", "tra hoa vang", "bac giang", "vải thiều Lục Ngạn",
       "\"nước mắm\"", "cà phê đắk lắk", "khuyến công quốc gia",
       "hỗ trợ máy móc thiết bị", "ocop 4 sao", "xuất khẩu", "đường",
       "duong", "hoà bình", "chuyển đổi số", "hội chợ hàng việt nam",
       "gốm gia lâm", "mật ong", "hat dieu dong nai", "TP.HCM", "nem"]


def queries():
    if REAL:
        with open(PERF, encoding="utf-8") as f:
            perf = [l.strip() for l in f
                    if l.strip() and not l.startswith("#")]
        perf = perf[::2]
    else:
        perf = OWN
    return perf + [
        "",                                   # browse: newest first
        "year:2021",
        'province:"Hà Nội"',
        "tra OR che",
        "hà nội -covid",
        "việt nam -ocop",
        "giá xăng dầu tăng mạnh trong tuần qua theo số liệu của bộ công thương",
        "nông thôn mới xây dựng huyện đạt chuẩn",  # re-ranked (long)
        "zzqxjw",                             # no hit
        '"unterminated',                      # an error line
    ] + noisy_queries(perf[1::4])


def noisy_queries(clean):
    """clean as people type them: Telex, VNI, a typo with and without
    diacritics (scripts/noisy.py, seed 20)."""
    lines = [json.dumps({"query": q}, ensure_ascii=False) for q in clean]
    out = ["Bawcs Giang", "Ba81c Giang", "khuyeens cpng", "bac giamg",
           "xe VinFsat", "coronavirsu"]  # long words: the term list
    for kind in ("telex", "vni", "typo", "typo-nodiac"):
        out += [json.loads(l)["query"]
                for l in noisy.transform(lines, kind, 20)]
    return out


def main():
    for tool in ("xapian-tcpsrv", "xapian-progsrv"):
        if not shutil.which(tool):
            raise SystemExit("shards: '%s' is missing: apt-get install "
                             "xapian-tools" % tool)
    if REAL and not os.path.exists(INPUT[0]):
        raise SystemExit("shards: %s is missing (../shared)" % INPUT[0])
    if not REAL:
        gencorpus.write(INPUT[1])
    one, two, sharded = (os.path.join(TMP, n) for n in ("one", "two", "shards"))
    index(one, "--writers", "1")
    index(two, "--writers", "2")
    index(sharded, "--shard-by", "year")
    with open(os.path.join(sharded, "XAPIANDB")) as f:
        names = [l.split()[1] for l in f if l.strip()]
    check(len(names) >= 2, "--shard-by year made %d shards: %s"
          % (len(names), " ".join(names)))

    # again: a sharded index stays sharded and replaces by id
    index(sharded)
    out = subprocess.run([os.path.join(BIN, "vnsearch"), "--db", sharded,
                          "--json", "--limit", "0", ""],
                         capture_output=True, text=True)
    total = json.loads(out.stdout)["total"] if out.returncode == 0 else -1
    ref = json.loads(subprocess.run(
        [os.path.join(BIN, "vnsearch"), "--db", one, "--json", "--limit",
         "0", ""], capture_output=True, text=True).stdout)["total"]
    check(total == ref, "indexing the same input again into the shards "
          "replaces by id (%d documents, want %d)" % (total, ref))

    qs = queries()
    modes = [("--limit", "20"), ("--limit", "20", "--facets"),
             ("--limit", "20", "--sort", "date")]
    want = {m: view(batch(one, qs, *m)[0]) for m in modes}

    shard_dirs = [os.path.join(sharded, n) for n in names]
    half = len(shard_dirs) // 2
    port_a, srv_a = serve(shard_dirs[:half])
    port_b, srv_b = serve(shard_dirs[half:])
    remote = os.path.join(TMP, "remote.stub")
    with open(remote, "w") as f:
        f.write("remote 127.0.0.1:%d\nremote 127.0.0.1:%d\n"
                % (port_a, port_b))
    prog = os.path.join(TMP, "prog.stub")
    with open(prog, "w") as f:
        f.write("remote :xapian-progsrv %s\n" % " ".join(shard_dirs))

    for m in modes:
        compare("two writers merged", two, qs, m, want[m])
        compare("local shards (stub)", sharded, qs, m, want[m])
        compare("remote shards (2 x xapian-tcpsrv)", remote, qs, m, want[m])
    compare("remote shards (xapian-progsrv)", prog, qs[:5], modes[0],
            want[modes[0]][:5])

    stop(srv_b)
    got, r = batch(remote, qs[:1], *modes[0])
    check(got is None and r.returncode == 1 and
          ("127.0.0.1:%d" % port_b) in r.stderr and
          r.stderr.startswith("vnsearch: ") and len(r.stderr.splitlines()) == 1,
          "a stopped server: exit 1 and one line naming it: %s"
          % r.stderr.strip())


try:
    main()
finally:
    tcpsrv.stop_all()
    shutil.rmtree(TMP, ignore_errors=True)
if failures:
    print("%d FAILED" % len(failures))
    sys.exit(1)
print("all shard tests passed")
