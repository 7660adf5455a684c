#!/bin/sh
# library.sh - libvnsearch as another program sees it (make library):
#   1. vnsearch.h compiles alone, as C99 with -pedantic -Werror, and as C++;
#   2. `make install` into a fresh prefix puts the header, the shared and
#      static libraries and vnsearch.pc there;
#   3. examples/minisearch.c builds with pkg-config alone, against the
#      shared library and (pkg-config --static) against the archive, and
#      prints the same ids in the same order as `vnsearch --json`;
#   4. no installed program defines a C library function.
# usage: sh tests/library.sh [BUILD_DIR]
set -eu
ROOT=$(cd "$(dirname "$0")/.." && pwd)
BUILD=$(cd "${1:-$ROOT/build}" && pwd)
WORK=$(mktemp -d "${TMPDIR:-/tmp}/vns-library.XXXXXX")
trap 'rm -rf "$WORK"' EXIT
fail() { echo "FAIL $*" >&2; exit 1; }
ok() { echo "ok   $*"; }

cc -std=c99 -Wall -Wextra -pedantic -Werror -fsyntax-only -x c \
	"$ROOT/lib/vnsearch.h" || fail "vnsearch.h does not compile alone as C99"
ok "vnsearch.h compiles alone (c99 -pedantic -Werror)"
c++ -std=c++11 -Wall -Wextra -pedantic -Werror -fsyntax-only -x c++ \
	"$ROOT/lib/vnsearch.h" || fail "vnsearch.h does not compile as C++"
ok "vnsearch.h compiles as C++"

P=$WORK/prefix
make -s -C "$ROOT" BUILD="$BUILD" PREFIX="$P" install >/dev/null
for f in include/vnsearch.h lib/pkgconfig/vnsearch.pc lib/libvnsearch.a \
	lib/libvnsearch.so lib/libvnsearch.so.0 bin/vnsearch bin/vnsearch-index; do
	[ -e "$P/$f" ] || fail "make install did not put $f"
done
ok "make install PREFIX=P puts the header, libraries and vnsearch.pc"
soname=$(objdump -p "$P/lib/libvnsearch.so" | awk '$1 == "SONAME" { print $2 }')
[ "$soname" = libvnsearch.so.0 ] || fail "SONAME is '$soname'"
ok "SONAME libvnsearch.so.0"

export PKG_CONFIG_PATH="$P/lib/pkgconfig"
# LDFLAGS: the build's own (make sanitize links the sanitizers' runtime,
# which its library needs)
# shellcheck disable=SC2046,SC2086
cc ${LDFLAGS:-} -o "$WORK/minisearch" "$ROOT/examples/minisearch.c" \
	$(pkg-config --cflags --libs vnsearch) || fail "minisearch does not build"
# shellcheck disable=SC2046,SC2086
cc ${LDFLAGS:-} -o "$WORK/minisearch-static" "$ROOT/examples/minisearch.c" \
	$(pkg-config --cflags vnsearch) "$P/lib/libvnsearch.a" \
	$(pkg-config --static --libs vnsearch | sed 's/-lvnsearch//') ||
	fail "minisearch does not link statically with pkg-config --static"
ok "minisearch builds with pkg-config alone (shared and static)"

"$P/bin/vnsearch-index" --quiet --db "$WORK/db" "$ROOT/corpus/sample"
for q in "khuyen cong" "trà hoa vàng" "bac giang" "xuất khẩu" "" \
	'"công nghiệp nông thôn"' "province:\"Đắk Lắk\""; do
	LD_LIBRARY_PATH="$P/lib" "$WORK/minisearch" "$WORK/db" "$q" |
		cut -f1 > "$WORK/mini.ids"
	"$WORK/minisearch-static" "$WORK/db" "$q" | cut -f1 > "$WORK/static.ids"
	"$P/bin/vnsearch" --db "$WORK/db" --json --limit 10 "$q" |
		python3 -c 'import json, sys
for r in json.load(sys.stdin)["results"]: print(r["id"])' > "$WORK/cli.ids"
	[ -s "$WORK/cli.ids" ] || fail "'$q': the CLI found nothing to compare"
	cmp -s "$WORK/mini.ids" "$WORK/cli.ids" ||
		fail "'$q': minisearch and vnsearch --json differ"
	cmp -s "$WORK/static.ids" "$WORK/cli.ids" ||
		fail "'$q': the static minisearch and vnsearch --json differ"
done
ok "minisearch prints the CLI's ids in the CLI's order (7 queries)"

for prog in "$P"/bin/*; do
	bad=$(nm "$prog" 2>/dev/null | awk '$2 ~ /^[TWi]$/ { print $3 }' |
		grep -xE 'pread|pread64|pwrite|read|write|open|open64|close|mmap|mmap64|munmap|malloc|calloc|realloc|free|brk|sbrk' || true)
	[ -z "$bad" ] || fail "$(basename "$prog") defines C library functions: $bad"
done
ok "no installed program defines a C library function"
echo "library tests passed"
