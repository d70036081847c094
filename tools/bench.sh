#!/bin/sh
# bench.sh — speed benchmark of folio (issue #8), beside XeLaTeX and Typst
# on the same generated content.
#
# Usage: tools/bench.sh [--no-peers] [--sizes "50 250 2000"] [--install-only]
#                       [FOLIO]
#
#   FOLIO          the program to time (default out/folio; `make bench`
#                  builds it first)
#   --no-peers     folio only: no XeLaTeX or Typst, nothing installed
#   --sizes LIST   target page counts (default "50 250 2000"); the spelling
#                  figure is taken on the largest
#   --install-only install the peers (as root) and stop
#
# What it does, all in out/bench/ (removed by `make clean`):
#   1. tools: poppler-utils (pdfinfo), python3, tools/bench-time.c built
#      into out/bench (the timer: see timed below); for
#      the peers pandoc, texlive-xetex, texlive-lang-english,
#      texlive-lang-cyrillic, lmodern, fonts-paratype, fonts-dejavu-core
#      (as tools/bench-typo.sh), nodejs and npm when node is missing, and
#      @myriaddreamin/typst-ts-node-compiler (pinned below) installed by
#      npm into out/bench/node_modules. As root it installs what is
#      missing and prints the time and disk it took; otherwise it prints
#      the apt-get line and runs folio alone. CI never runs this.
#   2. tools/gen-report writes out/bench/gen/report-N.xml for each size:
#      deterministic bilingual books recombined from report/report.xml's
#      own paragraphs, lists, tables, figures (report/images copied
#      beside them), sidebars, footnotes and cross-references, calibrated
#      so that folio sets them in about N pages with --style plain.
#   3. folio: `folio pdf --style plain` on each (plain: no cover or
#      mandatory content, the fair match for the peers), one untimed
#      warm-up run, then the median wall time of 7 runs (9 beside the
#      peers; 3 for sizes of 1,000 pages and more) and the peak RSS
#      (wait4's, which /usr/bin/time -v reports as "Maximum resident set
#      size", the highest of the runs). Beside the peers, folio's runs of a size are spread
#      between theirs (3 before each round of peer runs): the shared
#      machine's speed drifts within a minute, and both are then timed
#      under the same conditions.
#   4. peers on the same XML: XeLaTeX gets it through
#      tools/typo-latex/prep.py, pandoc -f docbook -t latex with
#      tools/typo-latex/folio.lua and template.tex (same paper, margins,
#      PT Serif 10/13.5 pt, polyglossia British English + Bulgarian; SVG
#      figures become framed placeholders of the same size since XeLaTeX
#      cannot read SVG) and fix-tex.py; ONE xelatex pass is timed (aux
#      files removed before each run, so every pass is the first).
#      Typst gets it through tools/bench-peers/db2typ.py (template
#      tools/bench-peers/template.typ: folio's plain style) and is run by
#      tools/bench-peers/typst.js (whole node process timed, start-up
#      included, as folio's and xelatex's are). Conversions are not
#      timed. Each peer: one untimed warm-up on the smallest size, then
#      the median of 3 runs, 1 run at 1,000 pages and more (they take
#      40 s or so there).
#   5. `folio spell` on the largest book: median of 3 runs, words per
#      second (words: whitespace-separated words of the book's text).
#   6. the real report: `folio pdf report/report.xml` (bg13, as `make
#      pdf`), median of 7 runs after a warm-up.
#   Then it prints the tables and each target of issue #8 with PASS/FAIL,
#   and writes them to out/bench/bench.txt (and out/bench/bench.tsv).
# A failure of folio (or of a peer) on a document is printed in its row
# with the first error line and counts as a missed target (a peer's as
# SKIP); the bench goes on with the rest. The binary timed is a copy of
# FOLIO taken at the start, so a rebuild meanwhile changes nothing.
# Exit status: 0 all targets met, 1 a target missed or folio failed, 2
# usage error, 3 a tool is missing or an install or a conversion fails.
set -eu

TYPST_TS=0.7.0   # @myriaddreamin/typst-ts-node-compiler (Typst 0.14)
here=$(cd "$(dirname "$0")/.." && pwd)
folio=out/folio
sizes="50 250 2000"
peers=1
install_only=0
while [ $# -gt 0 ]; do
	case "$1" in
	--no-peers) peers=0 ;;
	--sizes) shift; [ $# -gt 0 ] || { echo "bench: --sizes needs a list" >&2; exit 2; }
		sizes=$1
		for s in $sizes; do case "$s" in *[!0-9]*|"") echo "bench: bad size $s" >&2; exit 2 ;; esac; done ;;
	--install-only) install_only=1 ;;
	-h|--help) sed -n '2,14p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
	-*) echo "bench: unknown option $1 (see --help)" >&2; exit 2 ;;
	*) case "$1" in /*) folio=$1 ;; *) folio=$PWD/$1 ;; esac ;;
	esac
	shift
done
cd "$here"
out=out/bench
mkdir -p "$out"
log=$out/bench.txt
tsv=$out/bench.tsv
tmp=$out/tmp
rm -rf "$tmp"
mkdir -p "$tmp"
py=/usr/bin/python3
[ -x "$py" ] || py=python3

# ---- 1. tools ---------------------------------------------------------------
installed() { dpkg-query -W -f='${Status}\n' "$1" 2>/dev/null | grep -q '^install ok installed$'; }
pkgs="poppler-utils python3"
[ $peers = 1 ] && pkgs="$pkgs pandoc texlive-xetex texlive-lang-english texlive-lang-cyrillic lmodern fonts-paratype fonts-dejavu-core"
missing=""
for p in $pkgs; do installed "$p" || missing="$missing $p"; done
if [ $peers = 1 ] && ! command -v node >/dev/null 2>&1; then missing="$missing nodejs"; fi
if [ $peers = 1 ] && ! command -v npm >/dev/null 2>&1; then missing="$missing npm"; fi
if [ -n "$missing" ]; then
	if [ "$(id -u)" = 0 ]; then
		echo "bench: installing Debian packages:$missing" >&2
		t0=$(date +%s)
		kb0=$(df -k --output=used / | tail -1)
		export DEBIAN_FRONTEND=noninteractive
		apt-get update -qq >/dev/null || apt-get update
		# shellcheck disable=SC2086 # one word per package
		apt-get install -y -qq --no-install-recommends $missing >/dev/null \
			|| apt-get install -y --no-install-recommends $missing \
			|| { echo "bench: apt-get install failed" >&2; exit 3; }
		kb1=$(df -k --output=used / | tail -1)
		echo "bench: Debian packages installed in $(( $(date +%s) - t0 )) s, $(( (kb1 - kb0) / 1024 )) MiB of disk" >&2
	else
		echo "bench: the peers need Debian packages that are not installed. Run:" >&2
		echo "  sudo apt-get install -y --no-install-recommends$missing" >&2
		for p in poppler-utils python3; do
			installed "$p" || { echo "bench: $p is needed even without peers" >&2; exit 3; }
		done
		echo "bench: going on with folio alone" >&2
		peers=0
	fi
fi
nm=$out/node_modules/@myriaddreamin/typst-ts-node-compiler
if [ $peers = 1 ] && ! grep -q "\"version\": \"$TYPST_TS\"" "$nm/package.json" 2>/dev/null; then
	echo "bench: npm install @myriaddreamin/typst-ts-node-compiler@$TYPST_TS into $out/node_modules" >&2
	t0=$(date +%s)
	# its own package.json keeps npm from looking for one further up
	[ -f "$out/package.json" ] || echo '{ "name": "folio-bench", "private": true }' > "$out/package.json"
	npm install --prefix "$out" --no-audit --no-fund --no-save --loglevel=error \
		"@myriaddreamin/typst-ts-node-compiler@$TYPST_TS" >&2 \
		|| { echo "bench: npm install failed" >&2; exit 3; }
	echo "bench: npm package installed in $(( $(date +%s) - t0 )) s, $(du -sm "$out/node_modules" | cut -f1) MiB in $out/node_modules" >&2
fi
[ $install_only = 1 ] && exit 0
[ -x "$folio" ] || { echo "bench: $folio not found (run make)" >&2; exit 3; }
# time a copy: a rebuild of out/folio during the bench changes nothing
prog="$folio, built $(date -r "$folio" '+%Y-%m-%d %H:%M:%S')"
cp "$folio" "$tmp/folio"
folio=$here/$tmp/folio

# ---- helpers ------------------------------------------------------------------
now() { date +%s.%N; }
# the timer: a small C program that forks the command and reads the
# clock and wait4's peak RSS itself (timing through the shell, `date`
# and /usr/bin/time added about 2.5 ms to every run)
timer=$out/bench-time
${CC:-cc} -std=c11 -O2 -Wall -Wextra tools/bench-time.c -o "$timer" \
	|| { echo "bench: cannot build tools/bench-time.c" >&2; exit 3; }
# timed NAME DIR CMD...: runs CMD in DIR, appends "seconds rss_kb rc" to
# $tmp/NAME.runs; stdout and stderr of the last run in $tmp/NAME.out/.err
timed() {
	name=$1 dir=$2
	shift 2
	"$timer" "$dir" "$tmp/$name.out" "$tmp/$name.err" "$@" >>"$tmp/$name.runs"
	return 0
}
median() { awk '{ print $1 }' "$tmp/$1.runs" | sort -g |
	awk '{ a[NR] = $1 } END { printf "%.4f\n", NR % 2 ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2 }'; }
maxrss() { awk '$2 > m { m = $2 } END { printf "%.1f\n", m / 1024 }' "$tmp/$1.runs"; }
nruns() { wc -l <"$tmp/$1.runs" | tr -d ' '; }
lastrc() { tail -1 "$tmp/$1.runs" | awk '{ print $3 }'; }
pages() { pdfinfo "$1" 2>/dev/null | awk '/^Pages:/ { print $2 }'; }
put() { printf '%s\t%s\t%s\n' "$1" "$2" "$3" >>"$tsv"; }
get() { awk -F '\t' -v k="$1" -v s="$2" '$1 == k && $2 == s { v = $3 } END { print v }' "$tsv"; }
: >"$tsv"
tbench=$(date +%s)

# ---- 2. the documents ----------------------------------------------------------
gen=$out/gen
mkdir -p "$gen"
rm -rf "$gen/images" "$gen/dict"
cp -r report/images "$gen/images"
cp -r report/dict "$gen/dict"     # folio spell reads dict/ beside the file
largest=0
for s in $sizes; do
	[ "$s" -gt "$largest" ] && largest=$s
	$py tools/gen-report --pages "$s" -o "$gen/report-$s.xml" \
		|| { echo "bench: tools/gen-report failed for $s pages" >&2; exit 3; }
	while IFS='=' read -r k v; do put "gen.$k" "$s" "$v"; done <"$gen/report-$s.xml.stats"
done

# ---- 3. folio and 4. the peers, size by size ---------------------------------------
# The machine is shared and its speed drifts, by a fifth and more within
# a minute: folio's runs of a size are spread between the peers' runs of
# that size (a few before each), so that both are timed under the same
# conditions, not a minute apart.
# fail KEY SIZE FILE: records KEY.fail for SIZE: the first error line of FILE
fail() {
	msg=$(grep -m1 'error' "$3" 2>/dev/null || head -1 "$3" 2>/dev/null || true)
	msg=$(printf '%s' "$msg" | tr '\t' ' ' | sed "s|^$here/||; s|^\\([^ ]*/\\)\\{0,1\\}||" | cut -c1-230)
	put "$1.fail" "$2" "${msg:-exit status $rc}"
	echo "bench: $1 failed on $2 (exit $rc): ${msg:-}" >&2
}
# folio_runs SIZE N: N timed runs of folio on the book of SIZE pages
folio_runs() {
	j=0
	while [ $j -lt "$2" ]; do
		timed "folio-$1" . "$folio" pdf --style plain "$gen/report-$1.xml" \
			-o "$here/$out/pdf/folio-$1.pdf"
		j=$((j + 1))
	done
}
# convert SIZE: the book of SIZE pages for XeLaTeX and Typst (not timed)
convert() {
	xml=$here/$gen/report-$1.xml
	# XeLaTeX: prep.py + pandoc + the Lua filter + fix-tex.py
	lx=$out/latex-$1
	rm -rf "$lx"
	mkdir -p "$lx"
	t0=$(now)
	$py tools/typo-latex/prep.py "$xml" "$lx" \
		|| { echo "bench: tools/typo-latex/prep.py failed on $xml" >&2; exit 3; }
	pandoc -f docbook -t latex --top-level-division=chapter \
		--metadata-file="$lx/meta.json" \
		--lua-filter=tools/typo-latex/folio.lua \
		--template=tools/typo-latex/template.tex \
		"$lx/report.xml" -o "$lx/report.tex" 2>"$lx/pandoc.log" \
		|| { cat "$lx/pandoc.log" >&2; echo "bench: pandoc failed on $xml" >&2; exit 3; }
	$py tools/typo-latex/fix-tex.py "$lx/report.tex"
	# Typst: db2typ.py
	ty=$out/typst-$1
	rm -rf "$ty"
	mkdir -p "$ty"
	cp -r report/images "$ty/images"
	t1=$(now)
	$py tools/bench-peers/db2typ.py "$xml" "$ty/report.typ" \
		|| { echo "bench: tools/bench-peers/db2typ.py failed on $xml" >&2; exit 3; }
	t2=$(now)
	put xelatex.convert "$1" "$(echo "$t0 $t1" | awk '{ printf "%.1f", $2 - $1 }')"
	put typst.convert "$1" "$(echo "$t1 $t2" | awk '{ printf "%.1f", $2 - $1 }')"
}
# peer_run PEER SIZE NAME: one run of PEER on SIZE, timed as NAME;
# records PEER.fail for SIZE when it fails
peer_run() {
	lx=$out/latex-$2
	ty=$out/typst-$2
	if [ "$1" = xelatex ]; then
		rm -f "$lx"/report.aux "$lx"/report.toc "$lx"/report.out "$lx"/report.log "$lx"/report.pdf
		timed "$3" "$lx" xelatex -interaction=batchmode -halt-on-error report.tex
		ppdf=$lx/report.pdf
	else
		rm -f "$ty/report.pdf"
		timed "$3" "$ty" env NODE_PATH="$here/$out/node_modules" \
			node "$here/tools/bench-peers/typst.js" report.typ report.pdf
		ppdf=$ty/report.pdf
	fi
	rc=$(lastrc "$3")
	if [ "$rc" != 0 ] || [ ! -s "$ppdf" ]; then
		if [ "$1" = xelatex ]; then
			grep -A3 '^!' "$lx/report.log" >"$tmp/$3.err" 2>/dev/null || :
		fi
		fail "$1" "$2" "$tmp/$3.err"
	fi
}
mkdir -p "$out/pdf"
first=$(echo "$sizes" | awk '{ print $1 }')
for s in $sizes; do
	m=7                       # folio's runs
	n=3                       # each peer's
	[ "$s" -ge 1000 ] && m=3 && n=1
	fpdf=$here/$out/pdf/folio-$s.pdf
	timed "folio-warm-$s" . "$folio" pdf --style plain "$gen/report-$s.xml" -o "$fpdf"
	cp "$tmp/folio-warm-$s.err" "$out/pdf/folio-$s.log"
	rc=$(lastrc "folio-warm-$s")
	if [ "$rc" != 0 ]; then
		fail folio "$s" "$tmp/folio-warm-$s.err"
	else
		put folio.warnings "$s" "$(grep -c 'warning:' "$tmp/folio-warm-$s.err" || true)"
	fi
	if [ $peers = 1 ]; then
		convert "$s"
		if [ "$s" = "$first" ]; then
			# a first run of each that warms the caches, not counted
			peer_run xelatex "$s" "xelatex-warm-$s"
			peer_run typst "$s" "typst-warm-$s"
		fi
		per=$(( (m + n - 1) / n )) # folio's runs before each round
		round=0
		while [ $round -lt $n ]; do
			[ -z "$(get folio.fail "$s")" ] && folio_runs "$s" $per
			for peer in xelatex typst; do
				[ -n "$(get $peer.fail "$s")" ] || peer_run $peer "$s" "$peer-$s"
			done
			round=$((round + 1))
		done
		m=$((per * n))
		for peer in xelatex typst; do
			[ -n "$(get $peer.fail "$s")" ] && continue
			pdf_p=$out/latex-$s/report.pdf
			[ $peer = typst ] && pdf_p=$out/typst-$s/report.pdf
			put $peer.pages "$s" "$(pages "$pdf_p")"
			put $peer.wall "$s" "$(median "$peer-$s")"
			put $peer.rss "$s" "$(maxrss "$peer-$s")"
			put $peer.runs "$s" "$n"
			echo "bench: $peer $s: $(get $peer.pages "$s") pages, $(get $peer.wall "$s") s, $(get $peer.rss "$s") MB" >&2
		done
	elif [ -z "$(get folio.fail "$s")" ]; then
		folio_runs "$s" $m
	fi
	[ -n "$(get folio.fail "$s")" ] && continue
	put folio.pages "$s" "$(pages "$fpdf")"
	put folio.wall "$s" "$(median "folio-$s")"
	put folio.rss "$s" "$(maxrss "folio-$s")"
	put folio.runs "$s" "$m"
	echo "bench: folio $s: $(get folio.pages "$s") pages, $(get folio.wall "$s") s, $(get folio.rss "$s") MB" >&2
done

# ---- 5. folio spell on the largest ------------------------------------------------
xml=$gen/report-$largest.xml
i=0
while [ $i -lt 3 ]; do
	timed spell . "$folio" spell "$xml"
	rc=$(lastrc spell)
	if [ "$rc" -gt 1 ]; then
		fail spell "$largest" "$tmp/spell.err"
		break
	fi
	i=$((i + 1))
done
if [ -z "$(get spell.fail "$largest")" ]; then
	put spell.wall "$largest" "$(median spell)"
	put spell.rss "$largest" "$(maxrss spell)"
	put spell.findings "$largest" "$(cat "$tmp/spell.out" "$tmp/spell.err" |
		sed -n 's/^-- \([0-9][0-9]*\) spelling finding.*/\1/p' | tail -1)"
	# the words folio says it checked ("-- N findings, ... (W words
	# checked)"), else the generator's count
	w=$(cat "$tmp/spell.out" "$tmp/spell.err" |
		sed -n 's/.*(\([0-9][0-9]*\) words checked).*/\1/p' | tail -1)
	put spell.words "$largest" "${w:-$(get gen.words "$largest")}"
fi

# ---- 6. the real report ---------------------------------------------------------------
timed real-warm . "$folio" pdf report/report.xml -o "$here/$out/pdf/report.pdf"
rc=$(lastrc real-warm)
if [ "$rc" = 0 ]; then
	i=0
	while [ $i -lt 7 ]; do
		timed real . "$folio" pdf report/report.xml -o "$here/$out/pdf/report.pdf"
		i=$((i + 1))
	done
	put real.wall report "$(median real)"
	put real.rss report "$(maxrss real)"
	put real.pages report "$(pages "$out/pdf/report.pdf")"
else
	fail real report "$tmp/real-warm.err"
fi

# ---- the tables ---------------------------------------------------------------------------
{
awk -F '\t' -v sizes="$sizes" -v peers="$peers" -v largest="$largest" -v tts="$TYPST_TS" \
    -v prog="$prog" \
    -v secs="$(( $(date +%s) - tbench ))" -v cpu="$(nproc) cores, $(uname -m)" '
	{ v[$1 "|" $2] = $3 }
	function g(k, s) { return v[k "|" s] }
	function ok(k, s) { return g(k ".fail", s) == "" && g(k ".wall", s) != "" }
	function target(pass, text) {
		if (!pass) bad++
		printf "  %-4s %s\n", pass ? "PASS" : "FAIL", text
	}
	END {
		ns = split(sizes, S, " ")
		printf "folio speed bench: generated bilingual reports (tools/gen-report, seed 13),\n"
		printf "folio pdf --style plain; wall time = median of the runs; peak RSS = highest\n"
		printf "maximum resident set size of the runs (wait4, as /usr/bin/time); %s\n", cpu
		printf "folio: %s\n\n", prog
		printf "%-7s %5s %7s %6s | %5s %4s %8s %8s %8s | %7s %7s %7s\n",
			"size", "chap.", "words", "tables", "pages", "runs", "wall s", "pages/s", "RSS MB",
			"pages x", "time x", "RSS x"
		for (i = 1; i <= ns; i++) {
			s = S[i]
			printf "%-7s %5d %7d %6d | ", s "p", g("gen.chapters", s), g("gen.words", s), g("gen.tables", s)
			if (!ok("folio", s)) { printf "folio FAILED: %s\n", g("folio.fail", s); continue }
			gp = gt = gr = ""
			if (i > 1 && ok("folio", S[i - 1])) {
				p0 = S[i - 1]
				gp = sprintf("%.2f", g("folio.pages", s) / g("folio.pages", p0))
				gt = sprintf("%.2f", g("folio.wall", s) / g("folio.wall", p0))
				gr = sprintf("%.2f", g("folio.rss", s) / g("folio.rss", p0))
			}
			printf "%5d %4d %8.3f %8.1f %8.1f | %7s %7s %7s\n",
				g("folio.pages", s), g("folio.runs", s), g("folio.wall", s),
				g("folio.pages", s) / g("folio.wall", s), g("folio.rss", s), gp, gt, gr
		}
		printf "(x: growth from the size above; folio warnings:"
		for (i = 1; i <= ns; i++) printf " %s", g("folio.warnings", S[i]) + 0
		printf ")\n"
		if (peers == 1) {
			printf "\n%-7s %-8s %5s %4s %8s %8s %8s %7s | %10s %8s\n", "size", "peer", "pages",
				"runs", "wall s", "pages/s", "RSS MB", "conv. s", "folio/peer", "speed-up"
			for (i = 1; i <= ns; i++) {
				s = S[i]
				for (k = 1; k <= 2; k++) {
					p = k == 1 ? "xelatex" : "typst"
					printf "%-7s %-8s ", k == 1 ? s "p" : "", k == 1 ? "XeLaTeX" : "Typst"
					if (!ok(p, s)) { printf "FAILED: %s\n", g(p ".fail", s); continue }
					printf "%5d %4d %8.3f %8.1f %8.1f %7.1f | ", g(p ".pages", s), g(p ".runs", s),
						g(p ".wall", s), g(p ".pages", s) / g(p ".wall", s), g(p ".rss", s),
						g(p ".convert", s)
					if (ok("folio", s)) {
						r = g("folio.wall", s) / g(p ".wall", s)
						printf "%10.4f %7.1fx\n", r, 1 / r
					} else
						printf "%10s %8s\n", "-", "-"
				}
			}
			printf "(XeLaTeX: one pass, aux files removed first, SVG figures as placeholders;\n"
			printf " Typst: typst.ts %s Node compiler, the whole node process; conv. s: DocBook\n", tts
			printf " to LaTeX (prep.py + pandoc) or Typst (db2typ.py), not in the timings)\n"
		}
		printf "\n"
		if (ok("spell", largest))
			printf "folio spell, %sp book: %d words checked, %.3f s (median of 3), %.0f words/s, %.1f MB, %d findings\n",
				largest, g("spell.words", largest), g("spell.wall", largest),
				g("spell.words", largest) / g("spell.wall", largest),
				g("spell.rss", largest), g("spell.findings", largest)
		else
			printf "folio spell, %sp book: FAILED: %s\n", largest, g("spell.fail", largest)
		if (ok("real", "report"))
			printf "real report (report/report.xml, bg13, %d pages): %.3f s (median of 7), %.1f MB\n",
				g("real.pages", "report"), g("real.wall", "report"), g("real.rss", "report")
		else
			printf "real report: FAILED: %s\n", g("real.fail", "report")

		printf "\ntargets (issue #8):\n"
		for (i = 1; i <= ns; i++) {
			s = S[i]
			for (k = 1; k <= 2 && peers == 1; k++) {
				p = k == 1 ? "xelatex" : "typst"
				want = k == 1 ? 30 : 10
				name = k == 1 ? "one XeLaTeX pass" : "Typst"
				text = sprintf("%6sp: folio >= %dx faster than %s: ", s, want, name)
				if (!ok(p, s))
					printf "  %-4s %s%s failed\n", "SKIP", text, name
				else if (!ok("folio", s))
					target(0, text "folio failed")
				else {
					x = g(p ".wall", s) / g("folio.wall", s)
					target(x >= want, text sprintf("%.1fx", x))
				}
			}
		}
		if (peers != 1) printf "  SKIP peers not run (--no-peers or not installed)\n"
		for (i = 2; i <= ns; i++) {
			s = S[i]; p0 = S[i - 1]
			lim = s / p0 * 9 / 8
			text = sprintf("%sp -> %sp: time grows linearly (under %.1fx", p0, s, lim)
			text2 = sprintf("%sp -> %sp: memory grows linearly (under %.1fx): ", p0, s, lim)
			if (!ok("folio", s) || !ok("folio", p0)) {
				target(0, text "): folio failed")
				target(0, text2 "folio failed")
				continue
			}
			gt = g("folio.wall", s) / g("folio.wall", p0)
			gr = g("folio.rss", s) / g("folio.rss", p0)
			gp = g("folio.pages", s) / g("folio.pages", p0)
			target(gt < lim, text sprintf("; pages %.2fx): %.2fx", gp, gt))
			target(gr < lim, text2 sprintf("%.2fx", gr))
		}
		for (i = 1; i <= ns; i++) {
			s = S[i]
			lim = s == 250 ? 60 : s == 2000 ? 250 : 0
			if (!lim) continue
			text = sprintf("%6sp: peak RSS under %d MB: ", s, lim)
			if (!ok("folio", s)) target(0, text "folio failed")
			else target(g("folio.rss", s) < lim, text sprintf("%.1f MB", g("folio.rss", s)))
		}
		text = "real report built in under 0.15 s: "
		if (!ok("real", "report")) target(0, text "folio failed")
		else target(g("real.wall", "report") < 0.15, text sprintf("%.3f s", g("real.wall", "report")))
		text = sprintf("folio spell over the %sp book above 1,000,000 words/s: ", largest)
		if (!ok("spell", largest)) target(0, text "folio spell failed")
		else {
			w = g("spell.words", largest) / g("spell.wall", largest)
			target(w > 1000000, text sprintf("%.0f", w))
		}
		printf "\n%d target(s) missed; bench took %d s; files in out/bench/\n", bad, secs
		exit (bad > 0 ? 1 : 0)
	}' "$tsv"
} >"$log" && rc=0 || rc=$?
cat "$log"
rm -rf "$tmp"
[ "$rc" = 0 ] && exit 0 || exit 1
