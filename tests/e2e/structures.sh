# End-to-end: the structures of a real report, read back from the PDF as
# a reader would: a table over several pages with its header on each, a
# footnote on the page of its reference, a long footnote continued on the
# next page, cross-references printing the page where their target
# stands, live links, the lists of tables and figures.
. tests/e2e/lib.sh
NS='xmlns="http://docbook.org/ns/docbook"'
{
	echo "<book $NS xml:lang=\"en-GB\"><info><title>Structures</title></info>"
	echo "<chapter xml:id=\"c1\"><title>Tables</title>"
	echo "<para>The long table is <xref linkend=\"t-long\"/>; the figure is <xref linkend=\"f-one\"/>.</para>"
	echo "<table xml:id=\"t-long\"><title>A long table</title><tgroup cols=\"3\">"
	echo "<colspec colname=\"a\" colwidth=\"1*\"/><colspec colname=\"b\" colwidth=\"3*\"/><colspec colname=\"c\" colwidth=\"1*\"/>"
	echo "<thead><row><entry>Number</entry><entry>Description</entry><entry>Value</entry></row></thead><tbody>"
	i=1
	while [ $i -le 130 ]; do
		echo "<row><entry>R$i</entry><entry>A row of the long table, with words enough to be a row.</entry><entry align=\"right\">$i</entry></row>"
		i=$((i + 1))
	done
	echo "</tbody></tgroup></table>"
	echo "<figure xml:id=\"f-one\"><title>A figure</title><mediaobject><imageobject><imagedata fileref=\"$PWD/report/images/fig-markets.svg\" width=\"80%\"/></imageobject></mediaobject></figure>"
	echo "</chapter><chapter xml:id=\"c2\"><title>Notes</title>"
	p=1
	while [ $p -le 40 ]; do
		echo "<para>This paragraph carries text enough to fill two or three lines of the measure, so that the notes fall on different pages of the chapter and some references stand on the last line of a page P${p}Q<footnote><para>Note N${p}Q.</para></footnote> as it ends.</para>"
		p=$((p + 1))
	done
	echo "<para>A long note follows here LONGREF<footnote><para>"
	k=1
	while [ $k -le 70 ]; do echo "Sentence $k of the long note runs on and on so that the note cannot fit at the foot of one page."; k=$((k + 1)); done
	echo "THE END OF THE LONG NOTE.</para></footnote> and the text goes on.</para>"
	echo "<para>Back to <xref linkend=\"c1\"/> and <xref linkend=\"t-long\"/>.</para>"
	echo "</chapter></book>"
} >"$T/s.xml"
"$FOLIO" pdf --style plain "$T/s.xml" -o "$T/s.pdf" 2>"$T/err"
check "structures build" test -s "$T/s.pdf"
n=$(pages "$T/s.pdf")

# the table spans pages, each with its header row
first=0; last=0
for p in $(seq 1 "$n"); do
	text "$T/s.pdf" "$p" "$p" >"$T/p$p.txt"
	if grep -q "^R[0-9]*$" "$T/p$p.txt"; then
		[ "$first" = 0 ] && first=$p
		last=$p
	fi
done
span=$((last - first + 1))
check "the long table spans more than two pages ($span)" test "$span" -gt 2
missing=0
for p in $(seq "$first" "$last"); do
	grep -q "^Number$" "$T/p$p.txt" || missing=$((missing + 1))
done
check "its header row on every page it spans (missing on $missing)" test "$missing" -eq 0
check "its last row on its last page" grep -q "^R130$" "$T/p$last.txt"

# each footnote on the page of its reference
bad=0
for k in $(seq 1 40); do
	refp=$(grep -l "P${k}Q" "$T"/p*.txt)
	notep=$(grep -l "N${k}Q" "$T"/p*.txt)
	[ -n "$refp" ] && [ "$refp" = "$notep" ] || bad=$((bad + 1))
done
check "every footnote on the page of its reference ($bad astray)" test "$bad" -eq 0
# the long note starts on its reference's page and ends on the next
refp=$(grep -l "LONGREF" "$T"/p*.txt)
startp=$(grep -l "Sentence 1 of the long note" "$T"/p*.txt)
endp=$(grep -l "THE END OF THE LONG NOTE" "$T"/p*.txt)
check "the long note starts on its reference's page" test "$refp" = "$startp"
check "the long note continues on a later page" test -n "$endp" -a "$endp" != "$startp"

# cross-references print the page where their target stands (the page
# number printed at the foot of the page holding the table's first row)
text "$T/s.pdf" | tr '\n' ' ' >"$T/all.txt"
folio_of() { pdftotext -f "$1" -l "$1" -layout "$T/s.pdf" - 2>/dev/null | tr -d '\f' | awk 'NF { l = $NF } END { print l }'; }
label=$(folio_of "$first")
check "the table's xref prints its page ($label)" grep -q "Table 1.1 on page $label" "$T/all.txt"
figp=$(for p in $(seq 1 "$n"); do grep -q "^Figure 1.1" "$T/p$p.txt" && { echo "$p"; break; }; done)
fig_label=$(folio_of "$figp")
check "the figure's xref prints its page ($fig_label)" grep -q "Figure 1.1 on page $fig_label" "$T/all.txt"

# live links, lists of tables and figures matching the captions
qpdf --qdf --object-streams=disable "$T/s.pdf" "$T/q.pdf" 2>/dev/null
links=$(grep -a -c "/Subtype /Link" "$T/q.pdf")
check "live links ($links)" test "$links" -ge 8
text "$T/s.pdf" 2 6 >"$T/front.txt"
check "list of tables names the table" grep -q "A long table" "$T/front.txt"
check "list of figures names the figure" grep -q "A figure" "$T/front.txt"
