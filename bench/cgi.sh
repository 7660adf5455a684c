#!/bin/sh
# cgi.sh - vnsearch.cgi next to Omega's CGI on the whole ../shared/corpus:
# same server (lighttpd: query/lighttpd.conf, and ../shared/peers/lighttpd.conf
# as the peers measured Omega), same machine, one run. Two figures:
#   1. per-request latency, each request a new process started as a web
#      server starts a CGI (bench/cgi_latency.py, the 60 peer queries,
#      systems interleaved);
#   2. requests/s under wrk (2 threads, 4 connections, 20 s, loopback), the
#      servers taking turns, ROUNDS times, on the peers' rotating set of 10
#      queries (every 6th line of queries-perf.txt): Omega's CGI, vnsearch.cgi
#      (a process per request, like Omega), and for reference vnsearch.fcgi
#      under mod_fastcgi (query/lighttpd-fcgi.conf: no process per request).
# usage: sh bench/cgi.sh [BUILD_DIR]          (make bench-cgi)
# Variables: WORK scratch folder (default ${TMPDIR:-/tmp}/vns-bench-cgi);
#   VNS_DB a vnsearch index of the corpus (built in WORK if unset);
#   DURATION (20s) CONN (4) THREADS (2) ROUNDS (2) RUNS (5) PORT (18090).
# Needs lighttpd, wrk, xapian-omega (omega CGI, scriptindex), curl, python3:
#   apt-get install lighttpd wrk xapian-omega curl
set -eu
HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(dirname "$HERE")
BUILD=$(cd "${1:-$ROOT/build}" && pwd)
PEERS=$(cd "$ROOT/../shared/peers" && pwd)
CORPUS=$(cd "$ROOT/../shared/corpus" && pwd)
WORK=${WORK:-${TMPDIR:-/tmp}/vns-bench-cgi}
DURATION=${DURATION:-20s}
CONN=${CONN:-4}
THREADS=${THREADS:-2}
ROUNDS=${ROUNDS:-2}
RUNS=${RUNS:-5}
PORT=${PORT:-18090}
OMEGA_CGI=${OMEGA_CGI:-/usr/lib/cgi-bin/omega/omega}
FILES="$CORPUS/baomoi.jsonl.gz $CORPUS/dantri.jsonl.gz $CORPUS/newsmds-2024.jsonl.gz $CORPUS/rss-2026.jsonl.gz"
QUERIES=$PEERS/queries-perf.txt

for tool in lighttpd wrk scriptindex curl python3; do
	command -v "$tool" >/dev/null || {
		echo "bench-cgi: '$tool' is missing: apt-get install lighttpd wrk xapian-omega curl" >&2
		exit 1
	}
done
[ -x "$OMEGA_CGI" ] || { echo "bench-cgi: no omega CGI at $OMEGA_CGI" >&2; exit 1; }
mkdir -p "$WORK/omega-dbs" "$WORK/omega-log" "$WORK/omega-srv/www" "$WORK/vns-srv/www" \
	"$WORK/bin"
# private copies: a rebuild of the checkout must not change the programs
# (or make them vanish) under the servers during the run
for p in vnsearch-index vnsearch.cgi vnsearch.fcgi; do
	cp "$BUILD/$p" "$WORK/bin/$p.tmp" && mv "$WORK/bin/$p.tmp" "$WORK/bin/$p"
done
BIN=$WORK/bin

# the indexes (never in the checkout)
VNS_DB=${VNS_DB:-$WORK/vns-db}
if [ ! -d "$VNS_DB" ]; then
	echo "== indexing the corpus for vnsearch into $VNS_DB"
	"$BIN/vnsearch-index" --quiet --db "$VNS_DB" $FILES || [ $? -eq 3 ]
fi
if [ ! -d "$WORK/omega-dbs/corpus1x" ]; then
	echo "== indexing the corpus for Omega (peers' scriptindex set-up)"
	python3 "$PEERS/jsonl2scriptindex.py" -o "$WORK/corpus-1x.si" $FILES
	scriptindex -s none --overwrite "$WORK/omega-dbs/corpus1x" \
		"$PEERS/omega.script" "$WORK/corpus-1x.si" >/dev/null
fi
cat > "$WORK/omega.conf" <<CONF
database_dir $WORK/omega-dbs
template_dir $PEERS/omega-templates
log_dir $WORK/omega-log
cdb_dir $WORK/omega-cdb
CONF

echo "== machine: $(nproc) CPUs; load average $(cut -d' ' -f1-3 /proc/loadavg)"
echo "== 1. per-request latency (each request a new process; 60 queries)"
python3 "$HERE/cgi_latency.py" --queries "$QUERIES" --runs "$RUNS" --warmup 1 \
	--system "vnsearch=$BIN/vnsearch.cgi=q=VNSEARCH_DB=$VNS_DB" \
	--system "omega=$OMEGA_CGI=P=OMEGA_CONFIG_FILE=$WORK/omega.conf,+DB=corpus1x,+FMT=top10" \
	--ratio vnsearch/omega

# the URL sets: the peers' rotating set of 10 queries
python3 - "$QUERIES" "$WORK" <<'PY'
import sys, urllib.parse
qfile, work = sys.argv[1:3]
qs = [l.rstrip("\n") for l in open(qfile, encoding="utf-8") if l.strip() and not l.startswith("#")]
enc = urllib.parse.urlencode
open(work + "/wrk-omega.txt", "w").write("".join(
    "/cgi-bin/omega?" + enc({"P": q, "DB": "corpus1x", "FMT": "top10"}) + "\n" for q in qs[::6]))
open(work + "/wrk-vnsearch.txt", "w").write("".join(
    "/search?" + enc({"q": q}) + "\n" for q in qs[::6]))
PY

OPORT=$PORT
VPORT=$((PORT + 1))
FPORT=$((PORT + 2))
mkdir -p "$WORK/fcgi-srv/www"
for p in $OPORT $VPORT $FPORT; do
	if curl -s -o /dev/null "http://127.0.0.1:$p/"; then
		echo "bench-cgi: port $p already in use" >&2
		exit 1
	fi
done
OCONF=$WORK/omega.conf
WORK=$WORK/omega-srv PORT=$OPORT OMEGA_CGI=$OMEGA_CGI OMEGA_CONFIG_FILE=$OCONF \
	lighttpd -D -f "$PEERS/lighttpd.conf" &
OPID=$!
VNS_WORK=$WORK/vns-srv VNS_PORT=$VPORT VNS_CGI=$BIN/vnsearch.cgi VNSEARCH_DB=$VNS_DB \
	lighttpd -D -f "$ROOT/query/lighttpd.conf" &
VPID=$!
VNS_WORK=$WORK/fcgi-srv VNS_PORT=$FPORT VNS_FCGI=$BIN/vnsearch.fcgi VNSEARCH_DB=$VNS_DB \
	lighttpd -D -f "$ROOT/query/lighttpd-fcgi.conf" &
FPID=$!
trap 'kill $OPID $VPID $FPID 2>/dev/null; wait $OPID $VPID $FPID 2>/dev/null' EXIT INT TERM
for i in 1 2 3 4 5 6 7 8 9 10; do
	curl -s -o /dev/null "http://127.0.0.1:$OPORT/" &&
		curl -s -o /dev/null "http://127.0.0.1:$VPORT/search" &&
		curl -s -o /dev/null "http://127.0.0.1:$FPORT/search" && break
	sleep 0.3
done
echo "== sanity: one request each (Omega: match count, then hits)"
curl -s "http://127.0.0.1:$OPORT$(head -1 "$WORK/wrk-omega.txt")" | head -2
curl -s "http://127.0.0.1:$OPORT$(head -1 "$WORK/wrk-omega.txt")" | grep -q "matches" || {
	echo "bench-cgi: Omega does not answer with hits (see $WORK/omega-srv)" >&2
	exit 1
}
for p in $VPORT $FPORT; do
	curl -s "http://127.0.0.1:$p$(head -1 "$WORK/wrk-vnsearch.txt")" |
		grep -o '<p class="summary"[^<]*' | head -1
done

echo "== 2. wrk -t$THREADS -c$CONN -d$DURATION, rotating 10 queries, $ROUNDS rounds"
: > "$WORK/wrk.log"
r=1
while [ $r -le "$ROUNDS" ]; do
	for sys in omega vnsearch vnsearch-fcgi; do
		case $sys in
		omega) port=$OPORT urls=omega ;;
		vnsearch) port=$VPORT urls=vnsearch ;;
		*) port=$FPORT urls=vnsearch ;;
		esac
		printf '%s round %d: ' $sys $r | tee -a "$WORK/wrk.log"
		wrk -t"$THREADS" -c"$CONN" -d"$DURATION" --latency -s "$PEERS/wrk-rotate.lua" \
			"http://127.0.0.1:$port" -- "$WORK/wrk-$urls.txt" |
			grep WRKSUM | tee -a "$WORK/wrk.log"
	done
	r=$((r + 1))
done
python3 - "$WORK/wrk.log" <<'PY'
import re, statistics, sys
rows = {}
for line in open(sys.argv[1]):
    m = re.match(r"([\w-]+) round \d+: WRKSUM (.*)", line)
    if m:
        kv = dict(x.split("=") for x in m.group(2).split())
        rows.setdefault(m.group(1), []).append(kv)
print("%-13s %9s %8s %8s %8s %8s %8s" % ("system", "req/s", "p50 ms", "p90 ms", "p99 ms", "max ms", "errors"))
for name, rs in rows.items():
    f = lambda k: statistics.median(float(r[k]) for r in rs)
    errs = sum(int(r[k]) for r in rs for k in r if k.startswith("errors"))
    print("%-13s %9.1f %8.1f %8.1f %8.1f %8.1f %8d" % (name, f("rps"), f("p50_ms"), f("p90_ms"),
          f("p99_ms"), f("max_ms"), errs))
rps = {n: statistics.median(float(r["rps"]) for r in rs) for n, rs in rows.items()}
for n in ("vnsearch", "vnsearch-fcgi"):
    if n in rps and "omega" in rps:
        print("requests/s %s/omega: %.2f" % (n, rps[n] / rps["omega"]))
PY
