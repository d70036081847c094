#!/bin/sh
# run.sh — folio's test runner: unit test programs, schema tests and
# end-to-end scripts. Each prints "ok ..." or "FAIL ..." lines; this
# counts them, shows failures, and ends with "N passed, N failed".
# Environment: FOLIO (the program), UNIT_DIR (built unit tests).
set -u
FOLIO=${FOLIO:-out/folio}
UNIT_DIR=${UNIT_DIR:-out/tests}
export FOLIO
log=$(mktemp)
trap 'rm -f "$log"' EXIT
pass=0
fail=0

count() { # NAME STATUS: counts the ok/FAIL lines in $log
	p=$(grep -c '^ok ' "$log")
	f=$(grep -c '^FAIL' "$log")
	if [ "$2" -ne 0 ] && [ "$f" -eq 0 ]; then
		echo "FAIL $1: exited $2 without a failed check"
		tail -20 "$log"
		f=1
	fi
	grep -A3 '^FAIL' "$log" | sed 's/^/  /'
	pass=$((pass + p))
	fail=$((fail + f))
	printf '%-28s %4d ok %4d failed\n' "$1" "$p" "$f"
}

for t in "$UNIT_DIR"/test_*; do
	[ -x "$t" ] || continue
	"$t" >"$log" 2>&1
	count "$(basename "$t")" $?
done
sh tests/schema/run.sh >"$log" 2>&1
count schema $?
for t in tests/e2e/*.sh; do
	[ "$(basename "$t")" = lib.sh ] && continue
	sh "$t" >"$log" 2>&1
	count "$(basename "$t" .sh)" $?
done
echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
