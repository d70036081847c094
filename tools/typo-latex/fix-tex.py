#!/usr/bin/env python3
"""fix-tex.py — mends pandoc 2.17's LaTeX in place for the typography
benchmark (tools/bench-typo.sh). Usage: fix-tex.py FILE.tex

pandoc writes a table header cell spanning columns as
\\multicolumn{N}{c}{\\begin{minipage}[b]{\\linewidth}...}, a minipage as
wide as the whole line inside one cell: the table runs 200-330 pt into
the margin. The cell becomes a plain centred one. Tables are not body
text, so this changes no measurement; it keeps the pages sane.
"""
import re
import sys


def main():
    if len(sys.argv) != 2:
        sys.stderr.write("usage: fix-tex.py FILE.tex\n")
        return 2
    path = sys.argv[1]
    with open(path, encoding="utf-8") as f:
        tex = f.read()
    tex = re.sub(r"\\multicolumn\{(\d+)\}\{c\}\{\\begin\{minipage\}\[b\]\{\\linewidth\}"
                 r"\\centering\s*(.*?)\s*\\end\{minipage\}\}",
                 lambda m: "\\multicolumn{%s}{c}{%s}" % (m.group(1), m.group(2)),
                 tex, flags=re.S)
    with open(path, "w", encoding="utf-8") as f:
        f.write(tex)
    return 0


if __name__ == "__main__":
    sys.exit(main())
