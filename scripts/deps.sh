#!/bin/sh
# deps.sh - install the Debian packages vnsearch needs, if any are missing
# (apt-get; through sudo when not root). Debian's packages only: nothing
# is fetched or compiled from source here (the static libxapian is an
# explicit `make static-xapian`).
#
#   sh scripts/deps.sh        build and test (make, make check, make demo)
#   sh scripts/deps.sh deb    the same, and what `make deb` needs
set -eu

PACKAGES="gcc g++ make pkg-config python3 libxapian-dev libicu-dev
libcmocka-dev libjansson-dev zlib1g-dev libfcgi-dev libjemalloc-dev
lighttpd chromium clang
xapian-tools
libclang-rt-14-dev
libxml2-dev libzip-dev poppler-utils
uuid-dev xz-utils
libtesseract-dev libleptonica-dev tesseract-ocr-vie tesseract-ocr-eng
nettle-dev fonts-dejavu-core python3-pil
valgrind"
# building the Debian packages (make deb) and checking them
DEB_PACKAGES="dpkg-dev debhelper fakeroot lintian"

[ "${1:-}" != deb ] || PACKAGES="$PACKAGES $DEB_PACKAGES"
missing=""
for p in $PACKAGES; do
	dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "ok installed" ||
		missing="$missing $p"
done
install_missing() {
	echo "deps: installing$missing"
	if [ "$(id -u)" -eq 0 ]; then
		SUDO=""
	elif command -v sudo >/dev/null 2>&1; then
		SUDO="sudo"
	else
		echo "deps: missing packages:$missing (run as root: apt-get install$missing)" >&2
		exit 1
	fi
	export DEBIAN_FRONTEND=noninteractive
	$SUDO apt-get update -qq
	# shellcheck disable=SC2086
	$SUDO apt-get install -y -qq --no-install-recommends $missing
}
[ -z "$missing" ] || install_missing
