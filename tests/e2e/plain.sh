# End-to-end: folio serves any document of the subset in the plain style:
# the schema's sample files and a pandoc-like article.
. tests/e2e/lib.sh
for f in tests/schema/valid-*.xml; do
	name=$(basename "$f" .xml)
	"$FOLIO" check "$f" 2>"$T/err"
	check "folio check accepts $name" test $? -eq 0
	"$FOLIO" pdf --style plain "$f" -o "$T/$name.pdf" 2>"$T/err"
	if [ -s "$T/$name.pdf" ]; then ok "$name builds in plain"; else fail "$name builds in plain: $(head -3 "$T/err")"; fi
	if pdftotext "$T/$name.pdf" - 2>/dev/null | grep -q "Norwegian Financial Mechanism"; then
		fail "$name: plain carries no disclaimer"
	else
		ok "$name: plain carries no disclaimer"
	fi
done
"$FOLIO" check report/report.xml
check "folio check accepts the report" test $? -eq 0
