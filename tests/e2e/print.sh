# End-to-end: the printer's edition and its preflight report, checked
# with pdfinfo -box, pdfimages -list, pdftotext and qpdf.
. tests/e2e/lib.sh
"$FOLIO" preflight report/report.xml -o "$T/print.pdf" --report "$T/preflight.txt" 2>"$T/err"
check "preflight of the report passes (exit 0)" test $? -eq 0
pdf=$T/print.pdf
n=$(pages "$pdf")
check "page count a multiple of 4 ($n)" test $((n % 4)) -eq 0
pdfinfo -box -f 1 -l "$n" "$pdf" 2>/dev/null >"$T/boxes"
trims=$(grep -c "TrimBox:" "$T/boxes")
bleeds=$(grep -c "BleedBox:" "$T/boxes")
check "TrimBox on every page ($trims of $n)" test "$trims" -eq "$n"
check "BleedBox on every page ($bleeds of $n)" test "$bleeds" -eq "$n"
# trim 170 x 240 mm inside a bleed of 3 mm
trim=$(grep -m1 "TrimBox:" "$T/boxes" | awk '{ printf "%.1f %.1f", ($(NF-1) - $(NF-3)) * 25.4 / 72, ($NF - $(NF-2)) * 25.4 / 72 }')
check "trim size 170 x 240 mm ($trim)" test "$trim" = "170.0 240.0"
bleed=$(grep -m1 "BleedBox:" "$T/boxes" | awk '{ printf "%.1f", ($(NF-1) - $(NF-3)) * 25.4 / 72 }')
check "bleed box 176 mm wide ($bleed)" test "$bleed" = "176.0"
check "every font embedded" sh -c "pdffonts '$pdf' 2>/dev/null | awk 'NR > 2 && \$(NF-4) != \"yes\" { exit 1 }'"
# no RGB colour operators in any content stream
qpdf --qdf --object-streams=disable "$pdf" "$T/q.pdf" 2>/dev/null
rgb=$(grep -a -c -E '(^| )(rg|RG)$' "$T/q.pdf")
cmyk=$(grep -a -c -E '(^| )(k|K)$' "$T/q.pdf")
check "no RGB colour operators ($rgb)" test "$rgb" -eq 0
check "CMYK colour operators ($cmyk)" test "$cmyk" -gt 100
# the disclaimer stands on the pages preflight.txt names
pages_line=$(grep "disclaimer on pages" "$T/preflight.txt")
check "preflight names the disclaimer's pages ($pages_line)" test -n "$pages_line"
for p in $(echo "$pages_line" | sed 's/.*pages //; s/,//g'); do
	check "disclaimer on page $p" sh -c "pdftotext -f $p -l $p '$pdf' - 2>/dev/null | tr '\n' ' ' | grep -q 'Programme Operator cannot be held'"
done
check "preflight: PASS" grep -q "^Result: PASS" "$T/preflight.txt"
check "print edition prints URLs" sh -c "pdftotext '$pdf' - 2>/dev/null | grep -q '(https://eeagrants.org)'"

# raster images: resolutions agree with pdfimages; RGB images fail a CMYK edition
"$FOLIO" preflight --style tests/e2e/fixtures/print-plain.style tests/e2e/fixtures/raster.xml \
	-o "$T/r.pdf" --report "$T/r.txt" 2>"$T/err"
check "preflight fails on RGB images (exit 1)" test $? -eq 1
check "preflight: FAIL named" grep -q "FAIL.*RGB" "$T/r.txt"
pdfimages -list "$T/r.pdf" 2>/dev/null | awk 'NR > 2 { print $1, $13 }' >"$T/ppi"
check "two raster images placed" test "$(wc -l <"$T/ppi")" -eq 2
while read -r page ppi; do
	check "preflight agrees with pdfimages: page $page at $ppi dpi" \
		grep -q "page $page: .* effective $ppi dpi" "$T/r.txt"
done <"$T/ppi"
check "under 300 dpi warned" grep -q "117 dpi.*WARNING: under 300 dpi" "$T/r.txt"
check "the low-resolution image warned at build (file:line:col)" grep -q "raster.xml:15:[0-9]*: warning: image 'raster.png' is 117 dpi" "$T/err"
check "pages padded to a multiple of 4" test $(( $(pages "$T/r.pdf") % 4 )) -eq 0

# the archive candidate: PDF 1.4 with XMP and an output intent
"$FOLIO" pdf --style bg13-archive report/report.xml -o "$T/a.pdf" 2>/dev/null
check "archive edition builds" test -s "$T/a.pdf"
check "archive: PDF 1.4" sh -c "pdfinfo '$T/a.pdf' 2>/dev/null | grep -q 'PDF version: *1.4'"
check "archive: XMP names PDF/A-1b" sh -c "pdfinfo -meta '$T/a.pdf' 2>/dev/null | grep -q '<pdfaid:conformance>B'"
qpdf --qdf --object-streams=disable "$T/a.pdf" "$T/aq.pdf" 2>/dev/null
check "archive: sRGB output intent" grep -a -q "/S /GTS_PDFA1" "$T/aq.pdf"
check "archive: qpdf finds no errors" qpdf --check "$T/a.pdf"
