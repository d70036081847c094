#!/bin/sh
# bench-spell.sh — speed of `folio spell` on a 400,000-word document,
# beside `hunspell -l` on the same text in the same run.
#
# Builds OUTDIR/spell-bench.xml deterministically from the paragraphs of
# report/report.xml (their text, tags dropped, English and Bulgarian,
# repeated in order and cut at exactly WORDS words), and the same text
# as plain UTF-8 for hunspell, then times both and prints words/second.
# Exit status 1 when folio takes longer than LIMIT seconds.
# Usage: tools/bench-spell.sh [FOLIO [OUTDIR [WORDS]]]
set -eu
FOLIO=${1:-out/folio}
DIR=${2:-out/bench}
WORDS=${3:-400000}
LIMIT=${LIMIT:-1}
SRC=report/report.xml
mkdir -p "$DIR"
xml=$DIR/spell-bench.xml
txt=$DIR/spell-bench.txt
words=$DIR/spell-bench.words

# one paragraph a line: "en<TAB>text" or "bg<TAB>text" (entities kept)
awk '
	/<appendix[^>]*xml:lang="bg"/ { bg = 1 }
	/<\/appendix>/ { bg = 0 }
	/<para[ >]/ {
		s = $0
		sub(/^[ \t]*/, "", s)
		if (s !~ /^<para[ >].*<\/para>$/) next
		gsub(/<footnote>.*<\/footnote>/, "", s)
		gsub(/<[^>]*>/, "", s)
		gsub(/[ \t]+/, " ", s)
		if (s ~ /^ *$/) next
		print (bg ? "bg" : "en") "\t" s
	}' "$SRC" >"$DIR/paras"

# repeat the paragraphs up to exactly WORDS words
awk -F '\t' -v want="$WORDS" -v xml="$xml" -v txt="$txt" '
	{ lang[NR] = $1; text[NR] = $2 }
	END {
		print "<?xml version=\"1.0\" encoding=\"UTF-8\"?>" > xml
		print "<article xmlns=\"http://docbook.org/ns/docbook\" xml:lang=\"en-GB\">" > xml
		print "<title>Spelling bench</title>" > xml
		have = 0
		for (i = 1; have < want; i = i % NR + 1) {
			n = split(text[i], w, " ")
			if (have + n > want)
				n = want - have
			s = w[1]
			for (k = 2; k <= n; k++)
				s = s " " w[k]
			have += n
			attr = lang[i] == "bg" ? " xml:lang=\"bg\"" : ""
			print "<para" attr ">" s "</para>" > xml
			t = s
			gsub(/&lt;/, "<", t); gsub(/&gt;/, ">", t)
			gsub(/&quot;/, "\"", t); gsub(/&apos;/, "'"'"'", t)
			gsub(/&amp;/, "\\&", t)
			print t > txt
		}
		print "</article>" > xml
	}' "$DIR/paras"

# the project word lists: beside the document for folio, as a personal
# dictionary for hunspell
mkdir -p "$DIR/dict"
cp report/dict/en.dic report/dict/bg.dic "$DIR/dict/"
grep -hv '^[[:space:]]*\(#\|$\)' report/dict/en.dic report/dict/bg.dic |
	sed 's/[[:space:]]*#.*//' >"$words"

now() { date +%s.%N; }
t0=$(now)
rc=0
"$FOLIO" spell "$xml" >"$DIR/spell-bench.out" || rc=$?
t1=$(now)
hunspell -i utf-8 -d en_GB,bg_BG -p "$words" -l <"$txt" >"$DIR/hunspell.out"
t2=$(now)
if [ "$rc" -gt 1 ]; then
	echo "bench-spell: folio spell failed (exit $rc)" >&2
	exit 1
fi
nw=$(wc -w <"$txt")
awk -v n="$nw" -v a="$t0" -v b="$t1" -v c="$t2" -v lim="$LIMIT" \
    -v ff="$(grep -c ': .*: ' "$DIR/spell-bench.out" || true)" \
    -v hf="$(wc -l <"$DIR/hunspell.out")" '
	BEGIN {
		f = b - a; h = c - b
		printf "spell bench: %d words (%s)\n", n, ARGV[1]
		printf "  folio spell   %6.3f s  %10.0f words/s  %d findings\n", f, n / f, ff
		printf "  hunspell -l   %6.3f s  %10.0f words/s  %d words listed\n", h, n / h, hf
		printf "  folio: %s (limit %g s)\n", f < lim ? "ok" : "TOO SLOW", lim
		exit f < lim ? 0 : 1
	}' "$xml"
