#!/bin/sh
# bench-typo.sh — typography benchmark of folio against XeLaTeX.
#
# Usage: tools/bench-typo.sh [--no-latex] [--details] [--json FILE]
#                            [--xml FILE.xml] [--emergencystretch LEN]
#                            [--install-only] [FOLIO.pdf]
#
#   FOLIO.pdf       the PDF to measure (default out/report.pdf; `make
#                   bench-typo` builds it first with `make pdf`)
#   --xml FILE.xml  the source XeLaTeX sets (default report/report.xml,
#                   the source of out/report.pdf)
#   --no-latex      measure folio only (no XeLaTeX column, no texlive)
#   --details       list every finding (page, line, text) for both PDFs
#   --json FILE     also write all metrics and findings as JSON
#   --emergencystretch LEN  give XeLaTeX \emergencystretch=LEN (e.g. 1em):
#                   a reference without overfull lines (default: none)
#   --install-only  install the packages (as root) and stop
#
# What it does, all in out/bench-typo/ (removed by `make clean`):
#   1. makes sure the tools are there: pdftotext (poppler-utils), pandoc,
#      xelatex (texlive-xetex, texlive-lang-english for British and
#      texlive-lang-cyrillic for Bulgarian hyphenation, lmodern), python3.
#      As root it runs apt-get for what is missing; otherwise it prints the
#      apt-get line and stops. This target is a benchmark: CI never runs it
#      and texlive is installed for it alone.
#   2. sets the same text with XeLaTeX: tools/typo-latex/prep.py makes
#      visible to pandoc's DocBook reader what it would lose (xml:lang,
#      sidebars, glossary and bibliography columns, the words folio prints
#      for each xref, with folio's page numbers; SVG figures as framed
#      placeholders of the same size), pandoc -f docbook -t latex runs the
#      Lua filter tools/typo-latex/folio.lua into the template
#      tools/typo-latex/template.tex, tools/typo-latex/fix-tex.py mends
#      pandoc's spanned table headers, and xelatex runs until longtable is
#      settled (at most 3 runs). The template: same paper (170 x 240 mm),
#      same margins (top 20, bottom 22, inner 22, outer 18 mm: a 130 mm
#      measure), PT Serif 10/13.5 pt from /usr/share/fonts/truetype/
#      paratype (Path=), polyglossia with British English and Bulgarian,
#      hyphenation on (left 2, right 3 as folio), \frenchspacing (folio
#      puts no extra space after a full stop), widows and orphans
#      forbidden as folio does. Line breaking keeps LaTeX's defaults
#      (\tolerance 200, \emergencystretch 0 unless --emergencystretch,
#      no microtype: no protrusion, no font expansion).
#   3. runs tools/typo-metrics.py on both PDFs and prints the table
#      "metric | folio | XeLaTeX" and each target PASS/FAIL.
#
# The definition of "body text" and of every metric is in the header of
# tools/typo-metrics.py; the same code measures both PDFs.
# Exit status: 0 whether or not a target is met (it is a benchmark);
# 2 for a usage error; 3 when a tool is missing or a build step fails.
set -eu

here=$(cd "$(dirname "$0")/.." && pwd)
out=out/bench-typo
pdf=out/report.pdf
xml=report/report.xml
latex=1
details=""
json=""
estretch=""
install_only=0
while [ $# -gt 0 ]; do
	case "$1" in
	--no-latex) latex=0 ;;
	--details) details="--details" ;;
	--json) shift; [ $# -gt 0 ] || { echo "bench-typo: --json needs a file" >&2; exit 2; }; json="$1" ;;
	--xml) shift; [ $# -gt 0 ] || { echo "bench-typo: --xml needs a file" >&2; exit 2; }; xml="$1" ;;
	--emergencystretch) shift; [ $# -gt 0 ] || { echo "bench-typo: --emergencystretch needs a length" >&2; exit 2; }
		case "$1" in *[!0-9.a-z]*|"") echo "bench-typo: bad length $1" >&2; exit 2 ;; esac
		estretch="$1" ;;
	--install-only) install_only=1 ;;
	-h|--help) sed -n '2,17p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
	-*) echo "bench-typo: unknown option $1 (see --help)" >&2; exit 2 ;;
	*) pdf="$1" ;;
	esac
	shift
done

# paths given relative to where we were called from, then work from the root
abs() { case "$1" in /*) echo "$1" ;; *) echo "$PWD/$1" ;; esac; }
[ "$pdf" = out/report.pdf ] || pdf=$(abs "$pdf")
[ "$xml" = report/report.xml ] || xml=$(abs "$xml")
[ -z "$json" ] || json=$(abs "$json")
cd "$here"

# ---- 1. tools -------------------------------------------------------------
pkgs="poppler-utils python3"
[ $latex = 1 ] && pkgs="$pkgs pandoc texlive-xetex texlive-lang-english texlive-lang-cyrillic lmodern fonts-paratype fonts-dejavu-core"
missing=""
for p in $pkgs; do
	dpkg-query -W -f='${Status}\n' "$p" 2>/dev/null | grep -q '^install ok installed$' \
		|| missing="$missing $p"
done
if [ -n "$missing" ]; then
	if [ "$(id -u)" = 0 ]; then
		echo "bench-typo: installing Debian packages:$missing" >&2
		t0=$(date +%s)
		kb0=$(df -k --output=used / | tail -1)
		export DEBIAN_FRONTEND=noninteractive
		apt-get update -qq >/dev/null || apt-get update
		# shellcheck disable=SC2086 # one word per package
		apt-get install -y -qq --no-install-recommends $missing >/dev/null \
			|| apt-get install -y --no-install-recommends $missing
		kb1=$(df -k --output=used / | tail -1)
		echo "bench-typo: installed in $(( $(date +%s) - t0 )) s, $(( (kb1 - kb0) / 1024 )) MiB of disk" >&2
	else
		echo "bench-typo needs Debian packages that are not installed. Run:" >&2
		echo "  sudo apt-get install -y --no-install-recommends$missing" >&2
		exit 3
	fi
fi
[ $install_only = 1 ] && exit 0

# the system python (stdlib only), not whatever a version manager shims in
py=/usr/bin/python3
[ -x "$py" ] || py=python3

[ -f "$pdf" ] || { echo "bench-typo: $pdf not found (run make pdf)" >&2; exit 3; }
t0=$(date +%s)
metrics() {
	if [ -n "$json" ]; then
		"$py" tools/typo-metrics.py $details --json "$json" "$@"
	else
		"$py" tools/typo-metrics.py $details "$@"
	fi
}

if [ $latex = 0 ]; then
	echo "bench-typo: $pdf (folio only)"
	echo
	metrics "folio=$pdf" || exit 3
	exit 0
fi

# ---- 2. the same text through pandoc and XeLaTeX -------------------------
[ -f "$xml" ] || { echo "bench-typo: $xml not found" >&2; exit 3; }
lx="$out/latex"
rm -rf "$lx"
mkdir -p "$lx" || exit 3
# folio's own text gives the page numbers its cross-references print
pdftotext "$pdf" "$lx/folio.txt" 2>/dev/null || : > "$lx/folio.txt"
$py tools/typo-latex/prep.py "$xml" "$lx" "$lx/folio.txt" \
	|| { echo "bench-typo: tools/typo-latex/prep.py failed on $xml" >&2; exit 3; }
pandoc -f docbook -t latex --top-level-division=chapter \
	--metadata-file="$lx/meta.json" \
	--lua-filter=tools/typo-latex/folio.lua \
	--template=tools/typo-latex/template.tex \
	${estretch:+-V emergencystretch="$estretch"} \
	"$lx/report.xml" -o "$lx/report.tex" 2> "$lx/pandoc.log" \
	|| { cat "$lx/pandoc.log" >&2; echo "bench-typo: pandoc failed (log: $lx/pandoc.log)" >&2; exit 3; }
$py tools/typo-latex/fix-tex.py "$lx/report.tex"
runs=0
while :; do
	runs=$((runs + 1))
	if ! (cd "$lx" && xelatex -interaction=nonstopmode -halt-on-error report.tex) \
			> "$lx/xelatex.out" 2>&1; then
		grep -A8 '^!' "$lx/report.log" >&2 2>/dev/null || tail -20 "$lx/xelatex.out" >&2
		echo "bench-typo: xelatex failed (log: $lx/report.log)" >&2
		exit 3
	fi
	# longtable settles its column widths over a second run
	if ! grep -q 'Rerun' "$lx/report.log" || [ $runs -ge 3 ]; then
		break
	fi
done
cp "$lx/report.pdf" "$out/report-xelatex.pdf"
cp "$pdf" "$out/report-folio.pdf"

# ---- 3. measure both ------------------------------------------------------
echo "bench-typo: folio $pdf against XeLaTeX $out/report-xelatex.pdf" \
	"(same text: $xml; emergencystretch ${estretch:-0pt}; $runs xelatex run(s), $(grep -c '^Overfull \\hbox' "$lx/report.log") overfull boxes in its log)"
echo
metrics "folio=$pdf" "XeLaTeX=$out/report-xelatex.pdf" \
	|| { echo "bench-typo: tools/typo-metrics.py failed" >&2; exit 3; }
echo
echo "bench-typo: done in $(( $(date +%s) - t0 )) s; files in $out/"
exit 0
