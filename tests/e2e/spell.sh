# End-to-end: folio spell finds injected typos in English and Bulgarian
# at their exact line and column, leaves URLs, e-mail addresses, code,
# acronyms and numbers alone, reports mixed scripts, honours the project
# word lists beside the document, writes the report and valid JSON, and
# exits 0 (clean), 1 (findings), 2 (usage) or 3 (input).
. tests/e2e/lib.sh
NS='xmlns="http://docbook.org/ns/docbook" xmlns:xlink="http://www.w3.org/1999/xlink"'

# the shipped report is clean
"$FOLIO" spell report/report.xml >"$T/report.txt" 2>"$T/err"
rc=$?
if [ $rc -eq 0 ]; then ok "report/report.xml spells clean"; else fail "report/report.xml spells clean (exit $rc): $(head -3 "$T/report.txt")"; fi
check "clean report says so" grep -q "^-- no spelling findings" "$T/report.txt"

# typos injected into a copy of the report, English and Bulgarian
awk '
	/Between the spring of 2015/ && !en { sub(/Between the spring/, "Between teh spring"); en = NR }
	/Именно с тази цел/ && !bg { sub(/Именно с тази цел/, "Именно с тазии цел"); bg = NR }
	{ print }
	END { print en > "/dev/stderr"; print bg > "/dev/stderr" }' report/report.xml >"$T/typo.xml" 2>"$T/lines"
mkdir -p "$T/dict" && cp report/dict/en.dic report/dict/bg.dic "$T/dict/"
en=$(sed -n 1p "$T/lines"); bg=$(sed -n 2p "$T/lines")
# column: characters before the word (UTF-8 continuation bytes do not
# count), plus one (the newline wc counts)
col() { sed -n "$1p" "$T/typo.xml" | sed "s/$2.*//" | LC_ALL=C tr -d '\200-\277' | wc -c; }
encol=$(col "$en" teh)
bgcol=$(col "$bg" тазии)
"$FOLIO" spell "$T/typo.xml" --report "$T/spelling.txt" --json "$T/spelling.json" >"$T/out" 2>"$T/err"
check "typos exit 1" test $? -eq 1
check "English typo at $en:$encol" grep -q "^$T/typo.xml:$en:$encol: en-GB: teh -> .*the" "$T/out"
check "Bulgarian typo at $bg:$bgcol" grep -q "^$T/typo.xml:$bg:$bgcol: bg: тазии -> .*тази" "$T/out"
check "exactly two findings" test "$(grep -c ": en-GB: \|: bg: " "$T/out")" -eq 2
check "--report has the same lines" cmp -s "$T/out" "$T/spelling.txt"
check "summary by word" grep -q "^ *1  teh  en-GB  first at $T/typo.xml:$en:$encol" "$T/out"
if command -v python3 >/dev/null 2>&1; then
	check "JSON parses" python3 -m json.tool "$T/spelling.json"
else
	check "JSON has findings and summary" grep -q '"summary": \[' "$T/spelling.json"
fi
check "JSON names the word and place" grep -q "\"line\": $en, \"col\": $encol, \"lang\": \"en-GB\", \"kind\": \"unknown-word\", \"word\": \"teh\"" "$T/spelling.json"

# what is never checked, and what is
cat >"$T/a.xml" <<XML
<article $NS xml:lang="en-GB">
<title>Checks</title>
<para>Visit https://exmaple.org/pth?q=zzq or www.exmple.com, write to
nobdy@exmple.org or <email>zzq@qqz.org</email>, see <uri>http://qqz.org</uri>,
<link xlink:href="https://qqxq.org">qqxq.org</link>, run <command>lsblkq</command>
with <literal>fooo_bar</literal> and <code>xyzzy()</code>;
<programlisting>int mian(void) { retrun 0; }</programlisting>
<filename>/etc/qqq.conf</filename>, NATO, QWXZ, NGOs, BG13, 2015–2016, 12abc.</para>
<para>Smith &amp; Jnoes and <foreignphrase xml:lang="bg">грешкка</foreignphrase> and плохо;
a mixed word вoдa; Zorbitex from the word list.</para>
<para xml:lang="bg">Една дума Englsh в български текст.</para>
</article>
XML
printf '# test words\nZorbitex\n' >"$T/dict/en.dic"
"$FOLIO" spell "$T/a.xml" >"$T/out" 2>"$T/err"
check "findings exit 1" test $? -eq 1
for w in exmaple pth zzq exmple nobdy qqz qqxq lsblkq fooo_bar fooo xyzzy mian retrun qqq NATO QWXZ NGOs BG13 abc Zorbitex; do
	if grep -q ": $w\( \|$\)" "$T/out"; then fail "never reported: $w"; else ok "not reported: $w"; fi
done
check "typo after &amp; at 9:19" grep -q "^$T/a.xml:9:19: en-GB: Jnoes -> Jones" "$T/out"
check "Bulgarian phrase in English text checked in Bulgarian" grep -q "^$T/a.xml:9:[0-9]*: bg: грешкка -> грешка" "$T/out"
check "Cyrillic word in English text checked in Bulgarian" grep -q "^$T/a.xml:9:[0-9]*: bg: плохо" "$T/out"
check "mixed-script word" grep -q "^$T/a.xml:10:14: bg: mixed-script: вoдa -> вода$" "$T/out"
check "Latin word in Bulgarian text checked in English" grep -q "^$T/a.xml:11:[0-9]*: en-GB: Englsh -> English" "$T/out"

# clean text exits 0, and its proof says so on the first page
printf '<article %s><para>All is well.</para></article>\n' "$NS" >"$T/ok.xml"
"$FOLIO" spell "$T/ok.xml" --proof "$T/ok.pdf" --style plain >"$T/out" 2>"$T/err"
check "clean text exits 0" test $? -eq 0
check "clean proof written" test -s "$T/ok.pdf"
check "clean proof: no findings on page 1" sh -c "pdftotext -f 1 -l 1 '$T/ok.pdf' - 2>/dev/null | grep -q 'PROOF · 0 spelling findings'"
check "clean text: no finding lines" test "$(grep -c ': en-GB: ' "$T/out")" -eq 0

# usage and input errors
"$FOLIO" spell 2>/dev/null
check "no input file exits 2" test $? -eq 2
"$FOLIO" spell --frobnicate "$T/ok.xml" 2>/dev/null
check "unknown option exits 2" test $? -eq 2
"$FOLIO" spell "$T/ok.xml" --json 2>/dev/null
check "--json without a file exits 2" test $? -eq 2
"$FOLIO" spell --help >"$T/help"
check "spell --help names --json" grep -q -- "--json" "$T/help"
printf '<article %s><para>open\n</article>\n' "$NS" >"$T/bad.xml"
"$FOLIO" spell "$T/bad.xml" >/dev/null 2>"$T/err"
check "malformed XML exits 3" test $? -eq 3
check "malformed XML: file:line:col" grep -q "bad.xml:3:[0-9]*: error" "$T/err"
"$FOLIO" spell "$T/nonexistent.xml" >/dev/null 2>&1
check "missing file exits 3" test $? -eq 3
"$FOLIO" spell "$T/ok.xml" --report /nonexistent/dir/s.txt >/dev/null 2>"$T/err"
check "unwritable report exits 3" test $? -eq 3
