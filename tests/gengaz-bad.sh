#!/bin/sh
# gengaz-bad.sh - a malformed line in a corpus table fails the gazetteer
# generator with a non-zero exit and a message naming the file and line.
# Usage: tests/gengaz-bad.sh GENGAZ CORPUS_DIR
set -u
# the generator is a build tool that exits without freeing its tables, as
# the Makefile runs it: leak reports of a sanitizer build are off
ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}detect_leaks=0"
export ASAN_OPTIONS
gengaz=$1
corpus=$2
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail=0

# case NAME FILE SED-SCRIPT EXPECTED-MESSAGE: apply the sed script to a
# copy of FILE, run gengaz, expect exit 1 and the message on stderr.
case_() {
	name=$1 file=$2 script=$3 want=$4
	rm -rf "$tmp/c" && mkdir "$tmp/c" && cp "$corpus"/*.tsv "$tmp/c/"
	sed -i "$script" "$tmp/c/$file"
	"$gengaz" "$tmp/c" >/dev/null 2>"$tmp/err"
	rc=$?
	if [ "$rc" -ne 1 ] || ! grep -qF "$want" "$tmp/err"; then
		echo "FAIL $name: exit $rc, stderr: $(cat "$tmp/err")"
		echo "     expected: $want"
		fail=1
	else
		echo "ok   $name"
	fi
}

# line numbers of the first product row and of a programme row
prow=$(grep -n '^chè	' "$corpus/products.tsv" | cut -d: -f1)
grow=$(grep -n '^OCOP	' "$corpus/programmes.tsv" | cut -d: -f1)

case_ missing_column products.tsv "${prow}s/\t[^\t]*\$//" \
	"products.tsv' line $prow: expected 3 tab-separated columns, found 2"
case_ extra_column products.tsv "${prow}s/\$/\textra/" \
	"products.tsv' line $prow: expected 3 tab-separated columns, found 4"
case_ unknown_group products.tsv "${prow}s/\tđồ uống\t/\tđồ uốn\t/" \
	"products.tsv' line $prow: unknown product group đồ uốn"
case_ empty_variant products.tsv "${prow}s/\ttrà|/\t|/" \
	"products.tsv' line $prow: empty or spaced item in list"
case_ spaced_name products.tsv "${prow}s/^chè/chè /" \
	"products.tsv' line $prow: spaces around chè "
case_ empty_name products.tsv "${prow}s/^chè//" \
	"products.tsv' line $prow: empty name"
case_ duplicate_spelling products.tsv "${prow}s/\$/|nước mắm/" \
	"products.tsv' line"
case_ programme_columns programmes.tsv "${grow}s/\t/ /" \
	"programmes.tsv' line $grow: expected 2 tab-separated columns, found 1"

# the real tables pass
"$gengaz" "$corpus" >/dev/null 2>"$tmp/err" || {
	echo "FAIL the project's tables: $(cat "$tmp/err")"
	fail=1
}
exit $fail
