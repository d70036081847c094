#!/bin/sh
# gen.sh — writes the large hostile documents on stdout, made at test
# time (shell and awk only) instead of being kept in the repository.
# Usage: tests/hostile/gen.sh KIND [N [M]]
#   deep N            N nested <emphasis> in one paragraph
#   deep-sections N   N nested <section>s
#   para MB           one paragraph of MB megabytes of words, no markup
#   para-marked MB    the same with an <emphasis> every 1000 words (no
#                     text node over libxml2's 10 MB)
#   word N            one word of N letters
#   table COLS ROWS   a table of COLS columns and ROWS rows
#   siblings N        N paragraphs in one section
#   tall-row N        a table with a header row and a row of N words in
#                     a narrow cell: taller than a page
#   unknown N         N elements outside the subset, all on one line
#   sections N        a book of N sections (contents lines, bookmarks)
#   attribute MB      an attribute value of MB megabytes
#   attributes N      an element with N attributes
#   comments N        N comments of 10 KB
set -eu
NS='xmlns="http://docbook.org/ns/docbook"'
kind=${1:?kind}
n=${2:-1}
m=${3:-1}
words() { # N-bytes of lorem ipsum, an <emphasis> every MARK words (0: none)
	awk -v bytes="$1" -v mark="$2" 'BEGIN {
		s = "lorem ipsum dolor sit amet consectetur adipiscing elit "
		k = int(bytes / length(s))
		for (i = 0; i < k; i++) {
			printf "%s", s
			if (mark && i % mark == mark - 1) printf "<emphasis>x</emphasis> "
		}
	}'
}
case $kind in
deep)
	printf '<article %s><title>Deep</title><para>' "$NS"
	awk -v n="$n" 'BEGIN { for (i = 0; i < n; i++) printf "<emphasis>"
		printf "deep"; for (i = 0; i < n; i++) printf "</emphasis>" }'
	printf '</para></article>\n' ;;
deep-sections)
	printf '<article %s><title>Deep</title>\n' "$NS"
	awk -v n="$n" 'BEGIN { for (i = 0; i < n; i++) printf "<section><title>s</title>\n"
		printf "<para>deep</para>\n"; for (i = 0; i < n; i++) printf "</section>\n" }'
	printf '</article>\n' ;;
para)
	printf '<article %s><title>Long paragraph</title><para>' "$NS"
	words $((n * 1048576)) 0
	printf '</para></article>\n' ;;
para-marked)
	printf '<article %s><title>Long paragraph</title><para>' "$NS"
	words $((n * 1048576)) 1000
	printf '</para></article>\n' ;;
word)
	printf '<article %s><title>Long word</title>\n<para>Before ' "$NS"
	awk -v n="$n" 'BEGIN { for (i = 0; i < n; i++) printf "%c", 97 + i % 26 }'
	printf ' after.</para></article>\n' ;;
table)
	printf '<article %s><title>Wide table</title>\n<table><title>Wide</title><tgroup cols="%d"><tbody>\n' "$NS" "$n"
	awk -v c="$n" -v r="$m" 'BEGIN { for (j = 0; j < r; j++) {
		printf "<row>"; for (i = 0; i < c; i++) printf "<entry>c%d r%d</entry>", i, j
		printf "</row>\n" } }'
	printf '</tbody></tgroup></table></article>\n' ;;
tall-row)
	printf '<article %s><title>Tall row</title>\n<informaltable><tgroup cols="3">' "$NS"
	printf '<colspec colname="a"/><colspec colname="b" colwidth="100mm"/><colspec colname="c"/>'
	printf '<thead><row><entry>head</entry><entry>h</entry><entry>h</entry></row></thead>\n'
	printf '<tbody><row><entry>'
	awk -v n="$n" 'BEGIN { for (i = 0; i < n; i++) printf "word%d ", i }'
	printf '</entry><entry>x</entry><entry>y</entry></row></tbody></tgroup></informaltable>\n'
	printf '<para>After the table.</para></article>\n' ;;
siblings)
	printf '<article %s><title>Siblings</title><section><title>S</title>\n' "$NS"
	awk -v n="$n" 'BEGIN { for (i = 0; i < n; i++) printf "<para>p%d</para>\n", i }'
	printf '</section></article>\n' ;;
unknown)
	printf '<article %s><title>Unknown</title><section><title>S</title>' "$NS"
	awk -v n="$n" 'BEGIN { k = int(n / 1000) + 1; for (j = 0; j < k; j++) {
		printf "<para>"; for (i = 0; i < 1000 && j * 1000 + i < n; i++) printf "<gizmo>x</gizmo> "
		printf "</para>" } }'
	printf '</section></article>\n' ;;
sections)
	printf '<book %s><info><title>Sections</title></info>\n' "$NS"
	awk -v n="$n" 'BEGIN { for (i = 0; i < n; i++) {
		if (i % 1000 == 0) { if (i) printf "</chapter>\n"; printf "<chapter><title>C%d</title>\n", i }
		printf "<section><title>S%d</title><para>x</para></section>\n", i }
		printf "</chapter>\n" }'
	printf '</book>\n' ;;
attribute)
	printf '<article %s><title>Attribute</title><para role="' "$NS"
	awk -v n="$n" 'BEGIN { s = "abcdefghijklmnopqrstuvwxyz012345"; k = n * 32768
		for (i = 0; i < k; i++) printf "%s", s }'
	printf '">x</para></article>\n' ;;
attributes)
	printf '<article %s><title>Attributes</title>\n<para' "$NS"
	awk -v n="$n" 'BEGIN { for (i = 0; i < n; i++) printf " a%d=\"v\"", i }'
	printf '>x</para></article>\n' ;;
comments)
	printf '<article %s><title>Comments</title><para>x</para>\n' "$NS"
	awk -v n="$n" 'BEGIN { s = ""; for (i = 0; i < 1024; i++) s = s "0123456789"
		for (i = 0; i < n; i++) printf "<!-- %s -->\n", s }'
	printf '</article>\n' ;;
*)
	echo "gen.sh: unknown kind '$kind'" >&2
	exit 2 ;;
esac
