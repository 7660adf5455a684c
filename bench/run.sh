#!/bin/sh
# run.sh - vnsearch against Omega (scriptindex, quest) and SQLite FTS5 on
# ../shared/corpus, in one run on one machine (make bench). For each scale
# (the corpus replicated with new ids: -r1, -r2 ...) it builds the indexes,
# then measures whole-process query latency on ../shared/peers/queries-perf.txt
# (the peers' query_latency.py, systems interleaved) and vnsearch's
# in-process latency (vns-bench), and prints one table with the ratios.
# usage: sh bench/run.sh [BUILD_DIR]
# Variables: WORK scratch folder (default ${TMPDIR:-/tmp}/vns-bench; about
#   6 GB at 10x); SCALES vnsearch scales (default "1 4 10"); PEER_SCALES
#   scales the peers are built at too (default "1": Omega takes ~10 min at
#   10x); QRUNS passes over the queries (default 3).
# Duration on 2 cores: about 5 min at 1x, 30-40 min with 4x and 10x.
# Needs scriptindex + quest (xapian-omega), sqlite3, GNU time, python3.
set -eu
HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(dirname "$HERE")
BUILD=$(cd "${1:-$ROOT/build}" && pwd)
PEERS=$(cd "$ROOT/../shared/peers" && pwd)
CORPUS=$(cd "$ROOT/../shared/corpus" && pwd)
WORK=${WORK:-${TMPDIR:-/tmp}/vns-bench}
SCALES=${SCALES:-1 4 10}
PEER_SCALES=${PEER_SCALES:-1}
QRUNS=${QRUNS:-3}
FILES="$CORPUS/baomoi.jsonl.gz $CORPUS/dantri.jsonl.gz $CORPUS/newsmds-2024.jsonl.gz $CORPUS/rss-2026.jsonl.gz"
QUERIES=$PEERS/queries-perf.txt
ROWS=$WORK/rows.tsv

for tool in scriptindex quest sqlite3 /usr/bin/time python3; do
	command -v "$tool" >/dev/null || {
		echo "bench: '$tool' is missing: apt-get install xapian-omega sqlite3 time" >&2
		exit 1
	}
done
mkdir -p "$WORK"
: > "$ROWS"

# timed CMD...: run it, print "seconds peak_MiB"
timed() {
	/usr/bin/time -f "%e %M" -o "$WORK/time.out" "$@" > "$WORK/cmd.out" 2>&1 || {
		echo "bench: failed: $*" >&2; tail -5 "$WORK/cmd.out" >&2; exit 1; }
	awk '{ printf "%s %.0f\n", $1, $2 / 1024 }' "$WORK/time.out"
}
mib() { du -sm "$1" | cut -f1; }

# the corpus N times, ids suffixed -rK, as one JSON Lines file
replicate() {
	python3 - "$1" "$2" $FILES <<'EOF'
import gzip, json, sys
n, out = int(sys.argv[1]), open(sys.argv[2], "w", encoding="utf-8")
for k in range(n):
    for p in sys.argv[3:]:
        with gzip.open(p, "rt", encoding="utf-8") as f:
            for line in f:
                r = json.loads(line)
                if k:
                    r["id"] = "%s-r%d" % (r["id"], k)
                out.write(json.dumps(r, ensure_ascii=False) + "\n")
EOF
}

row() { printf '%s\n' "$*" | tee -a "$ROWS" >&2; }

for n in $SCALES; do
	input=$WORK/corpus-${n}x.jsonl
	[ -s "$input" ] || replicate "$n" "$input"
	docs=$(wc -l < "$input")
	db=$WORK/vns-${n}x
	rm -rf "$db"
	set -- $(timed "$BUILD/vnsearch-index" --quiet --db "$db" "$input")
	row "vnsearch ${n}x $docs $1 $2 $(mib "$db")"
	peers=""
	case " $PEER_SCALES " in *" $n "*)
		si=$WORK/corpus-${n}x.si
		[ -s "$si" ] || python3 "$PEERS/jsonl2scriptindex.py" -o "$si" "$input"
		odb=$WORK/omega-${n}x
		rm -rf "$odb"
		set -- $(timed scriptindex -s none --overwrite "$odb" "$PEERS/omega.script" "$si")
		row "omega ${n}x $docs $1 $2 $(mib "$odb")"
		fdb=$WORK/fts5-${n}x.db
		rm -f "$fdb"
		set -- $(timed python3 "$PEERS/fts5_load.py" "$fdb" "$input")
		row "fts5 ${n}x $docs $1 $2 $(mib "$fdb")"
		peers="--xapian-db $odb --fts-db $fdb --systems vnsearch,quest,fts5 --ratio quest/vnsearch --ratio fts5/vnsearch"
	;; esac
	# shellcheck disable=SC2086
	python3 "$PEERS/query_latency.py" --queries "$QUERIES" --runs "$QRUNS" \
		--warmup 1 --cmd "vnsearch=$BUILD/vnsearch --db $db {q}" \
		${peers:---systems vnsearch} --json "$WORK/q-${n}x.json" \
		--label "${n}x" > "$WORK/q-${n}x.txt" 2>&1
	python3 - "$WORK/q-${n}x.json" "$n" >> "$ROWS" <<'EOF'
import json, sys
d = json.load(open(sys.argv[1]))
for s, g in d["summary"].items():
    a = g["all"]
    print("q %s %sx %.1f %.1f" % (s, sys.argv[2], a["median_ms"], a["p95_ms"]))
EOF
	echo "inproc vnsearch ${n}x $("$BUILD/vns-bench" "$db" "$QUERIES" 20)" >> "$ROWS"
done

python3 - "$ROWS" <<'EOF'
import sys
build, q, inproc = {}, {}, {}
for line in open(sys.argv[1]):
    f = line.split()
    if f[0] == "q":
        q[(f[1], f[2])] = (float(f[3]), float(f[4]))
    elif f[0] == "inproc":
        inproc[(f[1], f[2])] = (float(f[3]), float(f[4]))
    else:
        build[(f[0], f[1])] = (int(f[2]), float(f[3]), int(f[4]), int(f[5]))
print("\n%-9s %5s %8s %8s %9s %8s %8s %10s %10s %10s" % (
    "system", "scale", "docs", "index s", "docs/s", "peak MiB", "size MiB",
    "q med ms", "q p95 ms", "inproc ms"))
for (s, n), (docs, sec, peak, size) in sorted(build.items(), key=lambda x: (int(x[0][1][:-1]), x[0][0] != "vnsearch", x[0][0])):
    qs = q.get(("quest" if s == "omega" else s, n), (float("nan"),) * 2)
    ip = inproc.get((s, n))
    print("%-9s %5s %8d %8.1f %9.0f %8d %8d %10.1f %10.1f %10s" % (
        s, n, docs, sec, docs / sec, peak, size, qs[0], qs[1],
        "%.2f/%.2f" % ip if ip else "-"))
v = {n: build[(s, n)] for (s, n) in build if s == "vnsearch"}
print("\nratios (peer / vnsearch; > 1 means vnsearch is better for time and size):")
for (s, n), (docs, sec, peak, size) in sorted(build.items()):
    if s == "vnsearch" or (("vnsearch", n) not in build):
        continue
    vd, vs, vp, vz = build[("vnsearch", n)]
    qv, qp = q.get(("vnsearch", n)), q.get(("quest" if s == "omega" else s, n))
    print("  %-6s %4s: index time %.2f, docs/s vnsearch/peer %.2f, peak RSS %.2f, size %.2f, query median %s" % (
        s, n, sec / vs, (vd / vs) / (docs / sec), peak / vp, size / vz,
        "%.2f" % (qp[0] / qv[0]) if qv and qp else "-"))
if "1x" in v:
    d1, s1 = v["1x"][0], v["1x"][1]
    print("\ngrowth vs 1x (vnsearch): " + ", ".join(
        "%s: time x%.2f for docs x%.1f, size x%.2f, peak x%.2f" % (
            n, v[n][1] / s1, v[n][0] / d1, v[n][3] / v["1x"][3], v[n][2] / v["1x"][2])
        for n in sorted(v, key=lambda x: int(x[:-1])) if n != "1x"))
EOF
if ldd "$BUILD/vnsearch" | grep -q libxapian; then
	echo "vnsearch links Debian's shared libxapian (static: make static-xapian, then make bench XAPIAN_STATIC=build/xapian/libxapian.a)"
else
	echo "vnsearch links libxapian statically (XAPIAN_STATIC, make static-xapian)"
fi
echo "(inproc: median/p95 ms of per-query medians, vns-bench; whole-process figures from ../shared/peers/query_latency.py; files in $WORK)"
