#!/bin/sh
# deps.sh — makes sure the Debian packages folio needs are installed.
# As root it installs what is missing (apt-get); otherwise it prints the
# exact apt-get line and fails. Usage: tools/deps.sh build|test|bench|fuzz
# (bench: the hunspell program, which tools/bench-spell.sh times; fuzz:
# clang and its libFuzzer runtime)
set -eu
build="gcc make pkg-config libhpdf-dev libxml2-dev libharfbuzz-dev libdeflate-dev
libhunspell-dev libhyphen-dev libicu-dev liblzma-dev libstdc++-12-dev
hunspell-en-gb hunspell-en-us hunspell-bg hyphen-en-gb hyphen-en-us hyphen-bg
fonts-paratype fonts-dejavu-core fonts-dejavu-extra icc-profiles-free"
test="$build poppler-utils qpdf libxml2-utils python3"
bench="$build hunspell"
fuzz="$build clang libclang-rt-14-dev"
case "${1:-build}" in
	build) want=$build ;;
	test) want=$test ;;
	bench) want=$bench ;;
	fuzz) want=$fuzz ;;
	*) echo "usage: $0 build|test|bench|fuzz" >&2; exit 2 ;;
esac
missing=""
for p in $want; do
	dpkg-query -W -f='${Status}\n' "$p" 2>/dev/null | grep -q '^install ok installed$' \
		|| missing="$missing $p"
done
[ -z "$missing" ] && exit 0
if [ "$(id -u)" = 0 ]; then
	echo "folio: installing Debian packages:$missing" >&2
	export DEBIAN_FRONTEND=noninteractive
	apt-get update -qq >/dev/null || apt-get update
	apt-get install -y -qq --no-install-recommends $missing >/dev/null \
		|| apt-get install -y --no-install-recommends $missing
	exit 0
fi
echo "folio needs Debian packages that are not installed. Run:" >&2
echo "  sudo apt-get install -y --no-install-recommends$missing" >&2
exit 1
