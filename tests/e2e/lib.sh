# lib.sh — helpers for the end-to-end tests (sourced).
# ok/fail print the lines tests/run.sh counts; T is a scratch folder.
FOLIO=${FOLIO:-out/folio}
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
export SOURCE_DATE_EPOCH=1509494400

ok() { echo "ok $*"; }
fail() { echo "FAIL $*"; }
# check NAME COMMAND...: ok when the command succeeds
check() {
	_what=$1
	shift
	if "$@" >/dev/null 2>&1; then ok "$_what"; else fail "$_what"; fi
}
# text PDF [FIRST [LAST]]: the PDF's text, hyphenated line ends joined
text() {
	if [ $# -ge 3 ]; then
		pdftotext -f "$2" -l "$3" "$1" - 2>/dev/null
	else
		pdftotext "$1" - 2>/dev/null
	fi
}
pages() { pdfinfo "$1" 2>/dev/null | awk '/^Pages:/ {print $2}'; }
