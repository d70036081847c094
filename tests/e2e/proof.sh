# End-to-end: the spelling proof marks each finding where its word
# stands: one squiggly annotation per finding, its rectangle over the
# word's box as pdftotext -bbox reads it, the count on the first page.
. tests/e2e/lib.sh
NS='xmlns="http://docbook.org/ns/docbook"'
cat >"$T/p.xml" <<XML
<article $NS xml:lang="en-GB"><title>Proof</title>
<para>The reprot describes the smuggling market and the responses of the
police in both countries, with recomendations for the years ahead.</para>
<para xml:lang="bg">Организираната престъпност и каналджийството са
свързани, а грешкка в текста трябва да бъде открита.</para>
<para>A long paragraph follows so that the marked words stand on lines of
their own and not only at the start of the text: enforcment agencies.</para>
</article>
XML
"$FOLIO" spell "$T/p.xml" --style plain --proof "$T/p.pdf" >"$T/out" 2>"$T/err"
check "findings exit 1" test $? -eq 1
n=$(grep -c "^$T/p.xml:[0-9]*:[0-9]*: " "$T/out")
# the four typos, and каналджийството: no word list stands beside p.xml
check "five findings reported ($n)" test "$n" -eq 5
check "proof written" test -s "$T/p.pdf"
check "count of findings on page 1" sh -c "pdftotext -f 1 -l 1 '$T/p.pdf' - 2>/dev/null | grep -q 'PROOF · 5 spelling findings'"
qpdf --qdf --object-streams=disable "$T/p.pdf" "$T/q.pdf" 2>/dev/null
a=$(grep -a -c "/Subtype /Squiggly" "$T/q.pdf")
check "one annotation per finding ($a)" test "$a" -eq "$n"
check "annotations carry the suggestions" grep -a -q -i "/Contents <FEFF" "$T/q.pdf"
# each annotation's rectangle against the word's box (PDF y grows up)
h=$(pdfinfo "$T/p.pdf" 2>/dev/null | awk '/^Page size/ { print $5 }')
awk '/\/Rect \[/ { getline a; getline b; getline c; getline d
                  rect = (a + 0) " " (b + 0) " " (c + 0) " " (d + 0) }
     /\/Subtype \/Squiggly/ { sq = 1 }
     /^endobj/ { if (sq) print rect; sq = 0; rect = "" }' "$T/q.pdf" >"$T/rects"
for w in reprot recomendations грешкка enforcment; do
	box=$(pdftotext -bbox "$T/p.pdf" - 2>/dev/null | grep ">$w[.,]*<" | head -1 |
		sed 's/.*xMin="\([0-9.]*\)" yMin="\([0-9.]*\)" xMax="\([0-9.]*\)" yMax="\([0-9.]*\)".*/\1 \2 \3 \4/')
	hit=$(awk -v box="$box" -v h="$h" 'BEGIN { split(box, b, " ") }
		{ # left and right edges on the word, to 1.5 pt; the middle of
		  # the mark inside the word box, top to bottom
		  mid = h - ($2 + $4) / 2
		  if ($1 <= b[1] + 1.5 && $1 >= b[1] - 1.5 &&
		      $3 >= b[3] - 1.5 && $3 <= b[3] + 1.5 &&
		      mid >= b[2] && mid <= b[4]) n++ }
		END { print n + 0 }' "$T/rects")
	check "the mark lies over '$w' ($box)" test "$hit" -eq 1
done
