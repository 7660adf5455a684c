#!/bin/sh
# xapian-static.sh - build libxapian.a from Debian's source of the
# installed libxapian-dev, for the search programs to link statically.
#
# Debian ships libxapian as a shared library only, and a search process
# spends about 3 ms (of 12) having the dynamic loader load it and
# libstdc++ and resolve their symbols (doc/performance.md). The
# source comes through apt (verified by the archive's signed index, like
# any package) with its own lists in a scratch directory, so the machine's
# apt state is left alone; it is the same version as the headers the
# programs compile against, built with Debian's hardening flags.
#
#   make static-xapian                    (runs this into build/xapian)
#   sh scripts/xapian-static.sh [DIR]     (default build/xapian)
#
# Nothing runs it by default: the programs link Debian's shared libxapian
# unless built with `make XAPIAN_STATIC=build/xapian/libxapian.a`, which
# checks that DIR/version is the installed libxapian-dev's.
#
# Leaves DIR/libxapian.a and DIR/version (the Debian version), and does
# nothing when they are there for the installed version already. Exit
# status 1 with a message when it cannot (no network, no deb-src).
set -eu

dest=${1:-$(dirname "$0")/../build/xapian}
debver=$(dpkg-query -W -f='${Version}' libxapian-dev 2>/dev/null) || {
	echo "xapian-static: libxapian-dev is not installed" >&2
	exit 1
}
upver=${debver%-*}
upver=${upver#*:}

if [ -f "$dest/libxapian.a" ] && [ "$(cat "$dest/version" 2>/dev/null)" = "$debver" ]; then
	exit 0
fi

mkdir -p "$dest"
dest=$(cd "$dest" && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT INT TERM
mkdir -p "$work/lists/partial" "$work/cache/archives/partial" "$work/parts"

# the machine's Debian sources, as source-package sources
if [ -f /etc/apt/sources.list ]; then
	sed -n 's/^deb[[:space:]]/deb-src /p' /etc/apt/sources.list > "$work/sources.list"
else
	: > "$work/sources.list"
fi
for f in /etc/apt/sources.list.d/*.sources; do
	[ -f "$f" ] || continue
	sed 's/^Types:.*/Types: deb-src/' "$f" > "$work/parts/$(basename "$f")"
done
for f in /etc/apt/sources.list.d/*.list; do
	[ -f "$f" ] || continue
	sed -n 's/^deb[[:space:]]/deb-src /p' "$f" > "$work/parts/$(basename "$f")"
done

apt_src() {
	apt-get -qq -o Dir::Etc::sourcelist="$work/sources.list" \
		-o Dir::Etc::sourceparts="$work/parts" \
		-o Dir::State::lists="$work/lists" -o Dir::Cache="$work/cache" \
		-o APT::Sandbox::User="$(id -un)" "$@"
}

echo "xapian-static: building libxapian.a $debver from Debian's source (a few minutes, once)"
apt_src update >"$work/apt.log" 2>&1 &&
	(cd "$work" && apt_src source --download-only "xapian-core=$debver") \
		>>"$work/apt.log" 2>&1 || {
	tail -5 "$work/apt.log" >&2
	echo "xapian-static: cannot fetch xapian-core $debver's source" >&2
	exit 1
}

cd "$work"
tar xf "xapian-core_$upver.orig.tar.xz"
cd "xapian-core-$upver"
# Debian's hardening flags (dpkg-buildflags), no debug information
./configure --disable-shared --enable-static --disable-backend-chert \
	--disable-documentation \
	CPPFLAGS="-Wdate-time -D_FORTIFY_SOURCE=2" \
	CXXFLAGS="-O2 -fstack-protector-strong -Wformat -Werror=format-security" \
	>"$work/configure.log" 2>&1 || {
	tail -20 "$work/configure.log" >&2
	exit 1
}
make -j"$(nproc)" libxapian.la >"$work/make.log" 2>&1 || {
	tail -20 "$work/make.log" >&2
	exit 1
}
cp .libs/libxapian.a "$dest/libxapian.a.tmp"
mv "$dest/libxapian.a.tmp" "$dest/libxapian.a"
echo "$debver" > "$dest/version"
echo "xapian-static: $dest/libxapian.a"
