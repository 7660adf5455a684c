#!/bin/sh
# memcheck.sh - the programs under valgrind's memcheck, end to end on the
# project's own sample (make memcheck): indexing (a new index in parts, an
# update in place, inbox mode), searches with facets and snippets, a batch,
# the CGI page and --check. Any memory error or definite leak fails.
# usage: sh tests/memcheck.sh [BUILD_DIR]
set -eu
ROOT=$(cd "$(dirname "$0")/.." && pwd)
BUILD=$(cd "${1:-$ROOT/build}" && pwd)
WORK=$(mktemp -d "${TMPDIR:-/tmp}/vns-memcheck.XXXXXX")
trap 'rm -rf "$WORK"' EXIT
command -v valgrind >/dev/null || { echo "SKIP memcheck: valgrind is not installed"; exit 0; }
VG="valgrind --quiet --error-exitcode=99 --leak-check=full \
--errors-for-leak-kinds=definite --show-leak-kinds=definite \
--soname-synonyms=somalloc=*jemalloc*"
n=0
run() {
	n=$((n + 1))
	rc=0
	$VG "$@" > "$WORK/out" 2> "$WORK/err" || rc=$?
	if [ "$rc" -eq 99 ] || grep -q '^==[0-9]*== ' "$WORK/err"; then
		echo "FAIL memcheck: $*"; grep '^==' "$WORK/err" | head -40; exit 1
	fi
	echo "ok   $* (exit $rc)"
}
S="$ROOT/corpus/sample"
run "$BUILD/vnsearch-index" --quiet --db "$WORK/db" "$S"
run "$BUILD/vnsearch-index" --quiet --db "$WORK/db" "$S/bulletins.jsonl"
run "$BUILD/vnsearch-index" --quiet --writers 1 --db "$WORK/db1" "$S"
mkdir -p "$WORK/inbox"
cp "$S"/*.txt "$WORK/inbox/"
printf '{"id":"x"}\nnot json\n' > "$WORK/inbox/bad.jsonl"
touch -d '1 hour ago' "$WORK/inbox"/*
run "$BUILD/vnsearch-index" --quiet --db "$WORK/db" --inbox "$WORK/inbox" --settle 0
run "$BUILD/vnsearch" --db "$WORK/db" bac giang
run "$BUILD/vnsearch" --db "$WORK/db" --json --facets "khuyến công"
run "$BUILD/vnsearch" --db "$WORK/db" --sort date --province "Bắc Ninh" ""
printf 'tra hoa vang\n"công nghiệp nông thôn" -covid\nxuất khẩu OR hồ tiêu\n' > "$WORK/q"
run "$BUILD/vnsearch" --db "$WORK/db" --facets --batch "$WORK/q"
REQUEST_METHOD=GET QUERY_STRING='q=khuyen+cong&facets=1' VNSEARCH_DB="$WORK/db" \
	run "$BUILD/vnsearch.cgi"
run "$BUILD/vnsearch-index" --check "$WORK/db"
echo "memcheck: $n runs, no memory errors, no definite leaks"
