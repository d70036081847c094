# End-to-end: the shipped report in the BG13 house style, inspected with
# poppler-utils and qpdf as an author, editor and printer would.
. tests/e2e/lib.sh
pdf=$T/report.pdf
if "$FOLIO" pdf report/report.xml -o "$pdf" 2>"$T/err"; then
	ok "report builds"
else
	fail "report builds: $(cat "$T/err")"
	exit 1
fi
n=$(pages "$pdf")
check "at least 25 pages ($n)" test "$n" -ge 25
check "an even page count, back cover last ($n)" test $((n % 2)) -eq 0

# every font embedded and subset
pdffonts "$pdf" 2>/dev/null | awk 'NR > 2' >"$T/fonts"
check "fonts listed" test -s "$T/fonts"
check "every font embedded" sh -c "! awk '{ if (\$(NF-4) != \"yes\") exit 1 }' '$T/fonts' || exit 0; exit 1"
if awk '$(NF-4) != "yes" || $(NF-3) != "yes" { bad = 1 } END { exit bad }' "$T/fonts"; then
	ok "every font embedded and subset"
else
	fail "every font embedded and subset: $(cat "$T/fonts")"
fi

# the disclaimer on the imprint page (2) and on the last page
dis="Norwegian Financial Mechanism and the Programme Operator cannot be held"
text "$pdf" 2 2 | tr '\n' ' ' >"$T/p2"
text "$pdf" "$n" "$n" | tr '\n' ' ' >"$T/plast"
check "disclaimer on the imprint page" grep -q "$dis" "$T/p2"
check "disclaimer on the back cover" grep -q "$dis" "$T/plast"
check "ISBN on the imprint page" grep -q "ISBN 978-954-477-000-0" "$T/p2"
text "$pdf" 1 1 >"$T/p1"
check "title on the cover" grep -q "Countering Cross-Border" "$T/p1"
for partner in "Center for the" "Ministry of the Interior" "Norwegian Police" "Norway Grants"; do
	check "cover logo: $partner" grep -q "$partner" "$T/p1"
done

# Bulgarian text extracted intact, ѝ included
text "$pdf" | tr '\n' ' ' | sed 's/- //g' >"$T/all"
check "Bulgarian heading extracted" grep -q "Резюме" "$T/all"
check "the letter ѝ extracted" grep -q "ѝ" "$T/all"
sentence=$(grep -o 'Каналджийството[^.<]*\.' report/report.xml | head -1 | tr -s ' \n' ' ')
check "a Bulgarian sentence extracted intact" grep -qF "$sentence" "$T/all"
check "Bulgarian quotes „…“ from <quote>" grep -q "„[^“”]*“" "$T/all"
check "English quotes “…” from <quote>" grep -q "“[^”]*”" "$T/all"

# document information, bookmarks, page labels, links
pdfinfo "$pdf" 2>/dev/null >"$T/info"
check "info: title" grep -q "^Title: *Countering Cross-Border" "$T/info"
check "info: author" grep -q "^Author: *Center for the Study of Democracy" "$T/info"
check "info: subject" grep -q "^Subject: *Best Practices and Recommendations" "$T/info"
check "info: keywords" grep -q "^Keywords: *migrant smuggling, organised crime" "$T/info"
check "info: creation date from SOURCE_DATE_EPOCH" grep -q "^CreationDate: .*2017" "$T/info"
qpdf --json "$pdf" >"$T/json" 2>/dev/null
outl=$(grep -c '"title"' "$T/json")
check "bookmarks for the headings ($outl)" test "$outl" -ge 40
check "bookmark: a Bulgarian heading" grep -q '"title": "A Резюме"' "$T/json"
qpdf --qdf --object-streams=disable "$pdf" "$T/qdf.pdf" 2>/dev/null
check "page labels: roman front matter" grep -q "/S /r" "$T/qdf.pdf"
check "page labels: arabic body" grep -q "/S /D" "$T/qdf.pdf"
links=$(grep -c "/Subtype /Link" "$T/qdf.pdf")
check "live links ($links)" test "$links" -ge 30
check "external links" grep -q "/URI (https://eeagrants.org)" "$T/qdf.pdf"
check "catalog /Lang" grep -q "/Lang (en-GB)" "$T/qdf.pdf"

# the contents print the page where chapter 1 really starts
body=$(tr -s ' \n' '  ' <"$T/qdf.pdf" | grep -a -o '/Nums \[[^]]*\]' | head -1)
first=$(echo "$body" | sed 's/^.*>> *\([0-9][0-9]*\) *<< *\/S \/D.*$/\1/')
ch1=$(for p in $(seq 1 "$n"); do
	if text "$pdf" "$p" "$p" | grep -q "^Chapter 1$"; then echo "$p"; break; fi
done)
check "chapter 1 found on page $ch1 after $first front pages" test -n "$ch1"
check "chapter 1 is body page 1" test "$ch1" = "$((first + 1))"
pdftotext -layout -f 3 -l 3 "$pdf" - 2>/dev/null | grep "Introduction and method" | head -1 >"$T/toc1"
check "contents list chapter 1 on page 1" grep -q "method.* 1$" "$T/toc1"

# reproducible: the same inputs give the same bytes
"$FOLIO" pdf report/report.xml -o "$T/again.pdf" 2>/dev/null
check "two builds byte-identical" cmp -s "$pdf" "$T/again.pdf"
check "no temporary files left" sh -c "! ls '$T' | grep -q tmp"
