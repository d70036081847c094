# End-to-end: every input kept in tests/fuzz/regress/ (crashes, hangs and
# failures found by fuzzing and the hostile corpus, each fixed) goes
# through folio again as the fuzz target runs it: in a folder where
# images/ is the report's, with the style it picks there: bg13 or
# bg13-print for a document with partner logos, plain or
# tests/fuzz/fuzz-print.style for any other, by the parity of its
# length. Each must end with exit status 0 or 3, in time, under 1 GB
# (not under ASan: FOLIO_ASAN=1 or a FOLIO under */asan/), with no
# sanitizer report and no "PDF writer error" (libharu refusing what folio
# gave it is never the input's fault). The comment on top of each file says what it was.
. tests/e2e/lib.sh
case $FOLIO in /*) ;; *) FOLIO=$PWD/$FOLIO ;; esac
ASAN=
case "${FOLIO_ASAN:-}:$FOLIO" in 1:* | */asan/*) ASAN=1 ;; esac
mkdir "$T/report"
ln -s "$PWD/report/images" "$T/report/images"
ln -s "$PWD/tests" "$T/tests"
for f in tests/fuzz/regress/*; do
	[ -f "$f" ] || continue
	name=$(basename "$f")
	k=$(($(wc -c <"$f") % 2))
	if grep -q 'role="logo"' "$f"; then
		style=bg13
		[ $k = 1 ] && style=bg13-print
	else
		style=plain
		[ $k = 1 ] && style=$PWD/tests/fuzz/fuzz-print.style
	fi
	cp "$f" "$T/report/in.xml"
	rm -f "$T/out.pdf"
	if [ -n "$ASAN" ]; then
		timeout -k 5 120 "$FOLIO" pdf --style $style "$T/report/in.xml" \
			-o "$T/out.pdf" >/dev/null 2>"$T/err"
	else
		(ulimit -v 1048576 && exec timeout -k 5 60 "$FOLIO" pdf --style $style \
			"$T/report/in.xml" -o "$T/out.pdf") >/dev/null 2>"$T/err"
	fi
	st=$?
	if [ $st -ne 0 ] && [ $st -ne 3 ]; then
		fail "$name ($style): exit status $st: $(grep -v warning "$T/err" | head -c 300)"
	elif grep -q "Sanitizer\|runtime error:\|out of memory\|PDF writer error" "$T/err"; then
		fail "$name ($style): $(grep -m1 "Sanitizer\|runtime error:\|out of memory\|PDF writer error" "$T/err")"
	elif [ $st -eq 0 ] && ! pdfinfo "$T/out.pdf" >/dev/null 2>&1; then
		fail "$name ($style): exit 0 but no readable PDF"
	else
		ok "$name (${style##*/}): exit $st"
	fi
done
