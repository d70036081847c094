# End-to-end: broken and hostile input gives file:line:col errors and
# exit 3, and never costs the author the previous good PDF.
. tests/e2e/lib.sh
NS='xmlns="http://docbook.org/ns/docbook"'

# a good build, then a malformed source to the same output
cat >"$T/a.xml" <<XML
<article $NS><title>Good</title><para>Fine text.</para></article>
XML
"$FOLIO" pdf --style plain "$T/a.xml" -o "$T/a.pdf" 2>/dev/null
check "good article builds" test -s "$T/a.pdf"
cp "$T/a.pdf" "$T/saved.pdf"
printf '<article %s><title>Bad</title>\n<para>open\n</article>\n' "$NS" >"$T/a.xml"
"$FOLIO" pdf --style plain "$T/a.xml" -o "$T/a.pdf" 2>"$T/err"
check "malformed XML exits 3" test $? -eq 3
check "error names file:line:col ($(head -1 "$T/err"))" grep -q "a.xml:3:[0-9]*: error" "$T/err"
check "previous PDF left intact" cmp -s "$T/a.pdf" "$T/saved.pdf"
check "no temporary file left" sh -c "! ls '$T' | grep -q tmp"

# the real report with one tag broken
sed '200s/.*/<para>Smith & Jones<\/para>/' report/report.xml >"$T/r.xml"
cp -r report/images "$T/images"
"$FOLIO" pdf "$T/r.xml" -o "$T/r.pdf" 2>"$T/err"
check "broken report exits 3" test $? -eq 3
check "broken report: error names line 200" grep -q "r.xml:200:" "$T/err"
check "broken report: no PDF written" test ! -e "$T/r.pdf"

# an external entity reading a local file is refused, never read
cat >"$T/xxe.xml" <<XML
<!DOCTYPE article [<!ENTITY x SYSTEM "file:///etc/passwd">]>
<article $NS><para>&x;</para></article>
XML
"$FOLIO" pdf --style plain "$T/xxe.xml" -o "$T/xxe.pdf" 2>"$T/err"
check "external entity exits 3" test $? -eq 3
check "external entity refused" grep -q "xxe.xml:1:.*refused" "$T/err"
check "external entity: no PDF" test ! -e "$T/xxe.pdf"

# billion laughs
{ echo '<!DOCTYPE article [<!ENTITY a "ha">'
  p=a; for i in 1 2 3 4 5 6 7 8 9; do
	echo "<!ENTITY b$i \"&$p;&$p;&$p;&$p;&$p;&$p;&$p;&$p;&$p;&$p;\">"; p=b$i
  done
  echo "]><article $NS><para>&b9;</para></article>"; } >"$T/lol.xml"
"$FOLIO" check "$T/lol.xml" 2>"$T/err"
check "billion laughs exits 3" test $? -eq 3

# xref to a missing id, duplicate ids
printf '<article %s>\n<para>See <xref linkend="gone"/>.</para></article>\n' "$NS" >"$T/x.xml"
"$FOLIO" check "$T/x.xml" 2>"$T/err"
check "missing xref target exits 3" test $? -eq 3
check "missing xref target named at 2:11" grep -q "x.xml:2:11: error: .*'gone'" "$T/err"

# an unknown element warns, its text still typeset
printf '<article %s><para>Known <gizmo>kept words</gizmo> end.</para></article>\n' "$NS" >"$T/u.xml"
"$FOLIO" pdf --style plain "$T/u.xml" -o "$T/u.pdf" 2>"$T/err"
check "unknown element builds" test -s "$T/u.pdf"
check "unknown element warned with line" grep -q "u.xml:1:[0-9]*: warning: element <gizmo>" "$T/err"
check "unknown element's text in the PDF" sh -c "pdftotext '$T/u.pdf' - 2>/dev/null | grep -q 'kept words'"

# a character no font has: one warning, at its line and column
printf '<article %s>\n<para>Snow \342\230\203man.</para></article>\n' "$NS" >"$T/g.xml"
"$FOLIO" pdf --style plain "$T/g.xml" -o "$T/g.pdf" 2>"$T/err"
check "missing glyph builds" test -s "$T/g.pdf"
check "missing glyph warned once" test "$(grep -c 'U+2603' "$T/err")" -eq 1
check "missing glyph warned at 2:7" grep -q "g.xml:2:7: warning: character U+2603" "$T/err"

# the BG13 style refuses a document without the partners' logos
"$FOLIO" pdf "$T/u.xml" -o "$T/u2.pdf" 2>"$T/err"
check "bg13 without partner logos exits 3" test $? -eq 3
check "bg13 names the missing logos" grep -q "requires 3 partner logos" "$T/err"
check "bg13 failure writes nothing" test ! -e "$T/u2.pdf"

# a missing image, a style file with a wrong value, usage errors
sed 's#images/logo-mvr.svg#images/missing.svg#' report/report.xml >"$T/m.xml"
"$FOLIO" pdf "$T/m.xml" -o "$T/m.pdf" 2>"$T/err"
check "missing logo exits 3" test $? -eq 3
check "missing logo named" grep -q "missing.svg" "$T/err"
printf 'extends = plain\n[text]\nsize = huge\n' >"$T/bad.style"
"$FOLIO" pdf --style "$T/bad.style" "$T/u.xml" -o "$T/b.pdf" 2>"$T/err"
check "bad style value exits 3" test $? -eq 3
check "bad style value at line 3" grep -q "bad.style:3:8: error: size" "$T/err"
"$FOLIO" pdf --frobnicate "$T/u.xml" 2>/dev/null
check "unknown option exits 2" test $? -eq 2
"$FOLIO" 2>/dev/null
check "no command exits 2" test $? -eq 2
"$FOLIO" pdf --help >"$T/help"
check "pdf --help describes --style" grep -q -- "--style" "$T/help"
"$FOLIO" pdf --style plain "$T/u.xml" -o /nonexistent/dir/x.pdf 2>"$T/err"
check "unwritable output exits 3" test $? -eq 3
