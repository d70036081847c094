# End-to-end: what the line breaker measures is what the PDF shows.
# Justified lines, kerned words included, end exactly at the right edge
# of the text area (pdftotext -bbox); no line passes it. The same with
# font expansion (Tz).
. tests/e2e/lib.sh
NS='xmlns="http://docbook.org/ns/docbook"'
{
	echo "<article $NS xml:lang=\"en-GB\"><title>Widths</title>"
	for i in 1 2 3 4 5 6; do
		echo "<para>AVATAR WAVE Tavern Yoyo LTA VA To Te Ta Wa Yo P. F. $i:"
		echo "the paragraphs of this test are set justified, and their"
		echo "words are chosen for their kerning pairs: AWAY, AVOW, Vanya,"
		echo "Tolya, Wyatt, Pavlov, YAWATA, LAVA, OVAL, TAVERN, WAVY. Each"
		echo "line but the last of a paragraph must end on the margin, and"
		echo "no line may pass it; the figures are read back from the PDF"
		echo "with pdftotext -bbox, word by word. Българският текст също:"
		echo "„Тази проверка обхваща и кирилицата, включително буквата ѝ“.</para>"
	done
	echo "</article>"
} >"$T/w.xml"
# edges PDF: "exact short over" counts of page 1's lines against the
# right edge of the text area (a right-hand page): 170mm - 18mm
edges() {
	pdftotext -bbox-layout "$1" - 2>/dev/null | awk '
	/<page / { page++ }
	/<line / && page == 1 { n++; right[n] = 0 }
	/<word / && page == 1 {
		match($0, /xMax="[0-9.]+"/); x = substr($0, RSTART + 6, RLENGTH - 7) + 0
		if (x > right[n]) right[n] = x
	}
	END {
		edge = (170 - 18) * 72 / 25.4
		for (i = 1; i <= n; i++) {
			x = right[i]
			if (x > edge + 0.05) over++
			else if (x > edge - 0.05) exact++
			else short++
		}
		printf "%d %d %d\n", exact, short, over
	}'
}
"$FOLIO" pdf --style plain "$T/w.xml" -o "$T/w.pdf" 2>"$T/err"
check "justification test builds" test -s "$T/w.pdf"
edges "$T/w.pdf" >"$T/edges"
read exact short over <"$T/edges"
check "lines past the right edge: $over" test "$over" -eq 0
check "justified lines on the edge to 0.05pt: $exact" test "$exact" -ge 20
# the short lines are the title and each paragraph's last line
check "only paragraph ends fall short: $short" test "$short" -le 8

# Font expansion (as bg13 sets it): glyphs scaled by Tz line by line, the
# TJ adjustments scaled with them; the lines still end on the edge.
printf 'extends = plain\n[text]\nexpansion = 2\n' >"$T/x.style"
"$FOLIO" pdf --style "$T/x.style" "$T/w.xml" -o "$T/x.pdf" 2>"$T/err"
check "expanded justification test builds" test -s "$T/x.pdf"
qpdf --qdf --object-streams=disable "$T/x.pdf" "$T/xq.pdf" 2>/dev/null
# every Tz within 98..102 %, and some lines scaled
awk '$NF == "Tz" { n++; if ($1 < 98 || $1 > 102) bad++ }
	END { printf "%d %d\n", n, bad }' "$T/xq.pdf" >"$T/tz"
read ntz badtz <"$T/tz"
check "lines set with Tz: $ntz" test "$ntz" -ge 5
check "Tz within the 2 % limit (outside: ${badtz:-0})" test "${badtz:-0}" -eq 0
edges "$T/x.pdf" >"$T/edges"
read exact short over <"$T/edges"
check "expanded: lines past the right edge: $over" test "$over" -eq 0
check "expanded: justified lines on the edge to 0.05pt: $exact" test "$exact" -ge 20
check "expanded: only paragraph ends fall short: $short" test "$short" -le 8
# the text extracts as before (line ends and hyphens aside): scaling
# changes no character
text "$T/w.pdf" | tr -d ' \n\f-' >"$T/w.txt"
text "$T/x.pdf" | tr -d ' \n\f-' >"$T/x.txt"
check "expanded text extracts the same characters" cmp -s "$T/w.txt" "$T/x.txt"
