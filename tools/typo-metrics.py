#!/usr/bin/env python3
"""typo-metrics.py — typographic measurements of a PDF's body text, from
the word boxes of `pdftotext -bbox-layout` (poppler-utils). Standard
library only. Used by tools/bench-typo.sh (`make bench-typo`) to compare
folio's out/report.pdf with the same text set by XeLaTeX; the same code,
with the same definitions, measures every PDF it is given.

Usage:
  typo-metrics.py [--body-size PT] [--details] [--json FILE]
                  NAME=FILE.pdf [NAME=FILE.pdf]

With two PDFs the first is the one under test (folio) and the second the
reference (XeLaTeX): the table has a column for each and a verdict for
each target. With one PDF the relative targets read "n/a". --details
lists each finding (PDF page, printed page number, the line's text).
Exit status 0 whatever the verdicts (a benchmark); 2 usage; 3 when a PDF
cannot be read.

DEFINITIONS (all lengths in PDF points; 1 em = the body size, --body-size,
10 pt by default; tolerance for "at an edge" 0.5 pt)

Pages. A page is measured when it has a printed page number: a line
  holding one numeral (arabic or roman) above or below everything else on
  the page. That leaves out covers, the imprint and blank pages. Parity
  (recto = odd PDF page) picks the text area.

Body text. Lines (pdftotext's <line>) whose font size is the body size:
  pdftotext gives a word box the font's ascent+descent as its height, so
  the most common word height in the PDF is taken as the body text's, and
  a line is body text when the median height of its words is within 3 %
  of it (PT Serif 10 pt gives 12.94 pt). That leaves out headings,
  captions, tables, footnotes, running heads and page numbers, which folio
  and the template both set in other sizes. Words smaller than 85 % of the
  body height (footnote marks) are joined to the word before them. Also
  left out: contents-like lines (dot leaders, or a page number after a gap
  wider than 3 em) and tabular lines (gaps wider than 3 em); a line whose
  only wide gap follows a short label of at most 4 words (a bibliography
  label in its column) is kept without the label.

Text area. Per parity, from the body lines at least half a page wide:
  left edge L = the most common left x, right edge R = the most common
  right x. A block's own right edge (pdftotext's <block>: a boxed sidebar
  is narrower) is the most common right x of its body lines when at least
  two share it and it lies within R, else R.

Paragraphs, from geometry only. A body line starts a paragraph when a
  non-body line (heading, caption, table) lies between it and the body
  line above it on the page; or the line above is more than 1.25 x the
  usual leading above it; or the line above is short (ends more than
  0.5 pt before its block's right edge); or it is indented 0.5-2.5 em
  against the line above (against the line below for the first line of a
  page); or it begins with a list mark (bullet, "1.", "a)", "(i)"). The
  first body line of a page with nothing above it in the text area starts
  a paragraph when the last body line of the previous measured page was
  short. A line ends its paragraph when it is short, or the next body line
  starts one. Limits: a paragraph whose last line happens to be full and
  whose successor is not indented (after a heading both start flush) is
  still split correctly by the heading; two flush paragraphs in a row with
  a full last line would be read as one.

Metrics.
  overfull  a body line whose right x exceeds R by more than 0.5 pt.
  justified a body line that reaches its block's right edge (within
            0.5 pt) and does not end its paragraph.
  gap       the space between two consecutive words of a line, in em:
            (next word's left x - word's right x) / body size. The first
            gap of a line that begins with a list mark or a hanging label
            (the next line of the paragraph starts where its second word
            does) is not an inter-word space and is left out.
  loose     a justified line whose mean gap exceeds 0.5 em; tight: below
            0.17 em.
  spread    over the justified lines' mean gaps: the interquartile range
            (Q3 - Q1) and the standard deviation; the median too.
  hyphenated line end: a body line that does not end its paragraph and
            whose last word ends with a hyphen (- or U+2010 or U+00AD). A
            compound broken at its own hyphen (cross-/border) counts too:
            the text does not tell it from a discretionary hyphen. Runs:
            consecutive hyphenated line ends in a paragraph (across a page
            break too); a run of 3 or more is a finding.
  widow     the first body line of a page that continues a paragraph from
            the page before and ends it (the paragraph's last line alone
            at the top of a page).
  orphan    the last body line of a page that starts a paragraph which
            goes on to the next page (its first line alone at the foot).
"""
import json
import re
import statistics
import subprocess
import sys
import xml.etree.ElementTree as ET
from collections import Counter

TOL = 0.5
LIST_MARK = re.compile(r"^(?:[•◦▪▫‣⁃∙·–—*]|\d{1,3}[.)]|[a-zа-я][.)]|"
                       r"\((?:\d{1,3}|[a-zа-я]|[ivxlc]+)\))$")
PAGE_NUM = re.compile(r"^(?:\d{1,4}|[ivxlcdm]{1,8}|[IVXLCDM]{1,8})$")
HYPHEN_END = ("-", "\u2010", "\u00ad")


class Word:
    __slots__ = ("x0", "x1", "y0", "y1", "text")

    def __init__(self, x0, x1, y0, y1, text):
        self.x0, self.x1, self.y0, self.y1, self.text = x0, x1, y0, y1, text

    @property
    def h(self):
        return self.y1 - self.y0


class Line:
    def __init__(self, page, block, words):
        self.page, self.block, self.words = page, block, words
        self.x0 = min(w.x0 for w in words)
        self.x1 = max(w.x1 for w in words)
        self.y0 = min(w.y0 for w in words)
        self.y1 = max(w.y1 for w in words)
        self.body = False
        self.kind = "other"  # body | other | toc | tabular | pagenum
        self.label_gap = False
        self.edge = None
        self.start = self.end = False

    @property
    def text(self):
        return " ".join(w.text for w in self.words)

    def short(self):
        return self.x1 < self.edge - TOL


def read_pdf(path):
    try:
        out = subprocess.run(["pdftotext", "-bbox-layout", path, "-"],
                             stdout=subprocess.PIPE, stderr=subprocess.DEVNULL,
                             check=True).stdout.decode("utf-8", "replace")
    except (OSError, subprocess.CalledProcessError) as e:
        raise SystemExit("typo-metrics: cannot read %s: %s" % (path, e))
    out = re.sub(r"<!DOCTYPE[^>]*>", "", out, count=1)
    root = ET.fromstring(out)
    ns = "{http://www.w3.org/1999/xhtml}"
    pages = []
    for pn, p in enumerate(root.iter(ns + "page"), 1):
        lines = []
        for bn, b in enumerate(p.iter(ns + "block")):
            for l in b.iter(ns + "line"):
                ws = [Word(float(w.get("xMin")), float(w.get("xMax")),
                           float(w.get("yMin")), float(w.get("yMax")),
                           w.text or "") for w in l.iter(ns + "word")]
                ws = [w for w in ws if w.text.strip()]
                if ws:
                    lines.append(Line(pn, (pn, bn), ws))
        lines = merge_rows(lines)
        pages.append({"num": pn, "width": float(p.get("width")),
                      "height": float(p.get("height")), "lines": lines})
    return pages


def merge_rows(lines):
    """pdftotext splits a visual line where its parts are far apart (a
    contents entry and its page number, a label and its text, table
    cells): lines that share most of their height and do not overlap
    side by side are one row again, in the block of its widest part"""
    rows = []
    for l in sorted(lines, key=lambda l: (l.y0, l.x0)):
        for r in rows:
            ov = min(r.y1, l.y1) - max(r.y0, l.y0)
            if ov >= 0.7 * min(r.y1 - r.y0, l.y1 - l.y0) and \
                    all(l.x1 <= w.x0 + 0.1 or l.x0 >= w.x1 - 0.1 for w in r.words):
                block = r.block if r.x1 - r.x0 >= l.x1 - l.x0 else l.block
                r.__init__(r.page, block, sorted(r.words + l.words, key=lambda w: w.x0))
                break
        else:
            rows.append(l)
    return rows


def mode(values, step):
    c = Counter(round(v / step) for v in values)
    if not c:
        return None
    k = c.most_common(1)[0][0] * step
    near = [v for v in values if abs(v - k) <= step]
    return statistics.median(near)


def quantiles(xs):
    xs = sorted(xs)
    if not xs:
        return (None, None, None)
    if len(xs) == 1:
        return (xs[0], xs[0], xs[0])
    q = statistics.quantiles(xs, n=4, method="inclusive")
    return (q[0], q[1], q[2])


def analyse(path, size):
    pages = read_pdf(path)
    heights = Counter()
    for p in pages:
        for l in p["lines"]:
            for w in l.words:
                heights[round(w.h, 2)] += len(w.text)
    if not heights:
        raise SystemExit("typo-metrics: %s has no text" % path)
    H = heights.most_common(1)[0][0]
    em = size

    # page numbers, and which pages are measured
    for p in pages:
        p["label"] = None
        ls = p["lines"]
        if not ls:
            continue
        top = min(ls, key=lambda l: l.y0)
        bot = max(ls, key=lambda l: l.y1)
        for cand in (bot, top):
            if len(cand.words) == 1 and PAGE_NUM.match(cand.words[0].text):
                others = [l for l in ls if l is not cand]
                if cand is bot and all(l.y1 <= cand.y0 + 1 for l in others) or \
                   cand is top and all(l.y0 >= cand.y1 - 1 for l in others):
                    p["label"] = cand.words[0].text
                    cand.kind = "pagenum"
                    break
    measured = [p for p in pages if p["label"] is not None]

    # body lines
    for p in measured:
        for l in p["lines"]:
            if l.kind == "pagenum":
                continue
            big = [w for w in l.words if w.h >= 0.85 * H]
            if not big:
                continue
            if abs(statistics.median(w.h for w in big) - H) > 0.03 * H:
                continue
            # join small words (footnote marks) to the word before them
            ws = []
            for w in l.words:
                if w.h < 0.85 * H and ws:
                    ws[-1] = Word(ws[-1].x0, max(ws[-1].x1, w.x1), ws[-1].y0,
                                  ws[-1].y1, ws[-1].text + w.text)
                elif w.h < 0.85 * H:
                    continue
                else:
                    ws.append(w)
            if not ws:
                continue
            texts = [w.text for w in ws]
            if re.search(r"\.\s?\.\s?\.", "".join(texts)) or \
                    sum(1 for t in texts if set(t) <= {".", "…"}) >= 3:
                l.kind = "toc"
                continue
            segs, cur = [], [ws[0]]
            for a, b in zip(ws, ws[1:]):
                if (b.x0 - a.x1) / em > 3:
                    segs.append(cur)
                    cur = []
                cur.append(b)
            segs.append(cur)
            if len(segs) == 2 and len(segs[0]) <= 4 and not (
                    len(segs[1]) == 1 and PAGE_NUM.match(segs[1][0].text)):
                ws = segs[1]
            elif len(segs) > 1:
                l.kind = "toc" if PAGE_NUM.match(segs[-1][-1].text) else "tabular"
                continue
            l.words = ws
            l.x0, l.x1 = ws[0].x0, ws[-1].x1
            l.kind, l.body = "body", True

    # text area per parity
    area = {}
    for par in (0, 1):
        ls = [l for p in measured if p["num"] % 2 == par for l in p["lines"]
              if l.body and l.x1 - l.x0 >= 0.5 * p["width"]]
        if ls:
            area[par] = {"L": mode([l.x0 for l in ls], 0.1),
                         "R": mode([l.x1 for l in ls], 0.1),
                         "T": mode([min(x.y0 for x in p["lines"] if x.body)
                                    for p in measured if p["num"] % 2 == par
                                    and any(x.body for x in p["lines"])], 0.5)}
    if not area:
        raise SystemExit("typo-metrics: %s: no body text found" % path)
    for par in (0, 1):
        area.setdefault(par, area[1 - par])

    # block edges
    blocks = {}
    for p in measured:
        for l in p["lines"]:
            if l.body:
                blocks.setdefault(l.block, []).append(l)
    for blk, ls in blocks.items():
        R = area[blk[0] % 2]["R"]
        c = Counter(round(l.x1 * 4) for l in ls)
        k, n = c.most_common(1)[0]
        edge = R
        if n >= 2:
            e = statistics.median(l.x1 for l in ls if round(l.x1 * 4) == k)
            if e <= R + TOL:
                edge = e
        for l in ls:
            l.edge = edge

    # leading
    gaps_v = []
    for p in measured:
        b = sorted((l for l in p["lines"] if l.body), key=lambda l: l.y0)
        gaps_v += [y.y0 - x.y0 for x, y in zip(b, b[1:]) if y.y0 - x.y0 > 1]
    leading = mode(gaps_v, 0.1) if gaps_v else 1.35 * em

    def text_start(l):
        if LIST_MARK.match(l.words[0].text) and len(l.words) > 1:
            return l.words[1].x0
        return l.x0

    # paragraph starts, page by page
    seq = []  # all body lines in reading order
    last_short = True
    for p in measured:
        par = p["num"] % 2
        T = area[par]["T"]
        ls = sorted(p["lines"], key=lambda l: (l.y0, l.x0))
        body = [l for l in ls if l.body]
        seps = [l for l in ls if not l.body and l.kind != "pagenum"
                and l.y0 >= T - 2]
        for i, l in enumerate(body):
            prev = body[i - 1] if i else None
            nxt = body[i + 1] if i + 1 < len(body) else None
            mark = LIST_MARK.match(l.words[0].text) and len(l.words) > 1
            if prev is None:
                above = any(s.y1 <= l.y0 + 1 for s in seps)
                if nxt is not None and nxt.y0 - l.y0 <= 1.25 * leading:
                    ind = 0.5 * em <= l.x0 - text_start(nxt) <= 2.5 * em \
                        and not (LIST_MARK.match(nxt.words[0].text))
                else:
                    ind = 0.5 * em <= l.x0 - area[par]["L"] <= 2.5 * em
                l.start = bool(mark or above or ind or last_short)
            else:
                between = any(s.y0 >= prev.y1 - 1 and s.y1 <= l.y0 + 1
                              for s in seps)
                far = l.y0 - prev.y0 > 1.25 * leading
                ind = 0.5 * em <= l.x0 - text_start(prev) <= 2.5 * em
                l.start = bool(mark or between or far or prev.short() or ind)
            seq.append(l)
        if body:
            last_short = body[-1].short()
    for i, l in enumerate(seq):
        nxt = seq[i + 1] if i + 1 < len(seq) else None
        l.end = l.short() or nxt is None or nxt.start
        # hanging label: the next line of the paragraph starts at word 2
        if len(l.words) > 1 and nxt is not None and not nxt.start and \
                nxt.page == l.page and abs(nxt.x0 - l.words[1].x0) <= TOL and \
                nxt.x0 > l.x0 + 0.5 * em:
            l.label_gap = True
        if LIST_MARK.match(l.words[0].text) and len(l.words) > 1:
            l.label_gap = True

    # metrics
    label_of = {p["num"]: p["label"] for p in pages}

    def where(l):
        return {"pdf_page": l.page, "page": label_of.get(l.page),
                "text": l.text[:90]}

    overfull, justified, loose, tight = [], [], [], []
    means, allgaps = [], []
    for l in seq:
        R = area[l.page % 2]["R"]
        if l.x1 > R + TOL:
            overfull.append(dict(where(l), excess_pt=round(l.x1 - R, 2)))
        if not l.short() and not l.end:
            g = [(b.x0 - a.x1) / em for a, b in zip(l.words, l.words[1:])]
            if l.label_gap:
                g = g[1:]
            if g:
                m = sum(g) / len(g)
                justified.append(l)
                means.append(m)
                allgaps += g
                if m > 0.5:
                    loose.append(dict(where(l), mean_gap_em=round(m, 3)))
                if m < 0.17:
                    tight.append(dict(where(l), mean_gap_em=round(m, 3)))
    # hyphenated line ends and their runs within a paragraph
    hyph, runs, run, maxrun = [], [], [], 0
    for l in seq:
        if l.start or not (not l.end and l.words[-1].text.endswith(HYPHEN_END)):
            if len(run) >= 3:
                runs.append(run)
            run = []
        if not l.end and l.words[-1].text.endswith(HYPHEN_END):
            hyph.append(l)
            run.append(l)
            maxrun = max(maxrun, len(run))
    if len(run) >= 3:
        runs.append(run)

    widows, orphans = [], []
    for i, l in enumerate(seq):
        prev = seq[i - 1] if i else None
        nxt = seq[i + 1] if i + 1 < len(seq) else None
        if prev is not None and prev.page != l.page and not l.start and l.end:
            widows.append(where(l))
        if nxt is not None and nxt.page != l.page and l.start and not l.end:
            orphans.append(where(l))

    q1, med, q3 = quantiles(means)
    hyset = set(id(x) for x in hyph)
    return {
        "file": path,
        "pages": len(pages),
        "pages_measured": len(measured),
        "pages_skipped": [p["num"] for p in pages if p["label"] is None],
        "body_height_pt": H,
        "leading_pt": round(leading, 2),
        "text_area": {("recto" if k else "verso"): {kk: round(vv, 2) for kk, vv in v.items()}
                      for k, v in area.items()},
        "body_lines": len(seq),
        "paragraphs": sum(1 for l in seq if l.start),
        "justified_lines": len(justified),
        "overfull": overfull,
        "loose": loose,
        "tight": tight,
        "gap_median_em": med,
        "gap_q1_em": q1,
        "gap_q3_em": q3,
        "gap_iqr_em": (q3 - q1) if q1 is not None else None,
        "gap_sd_em": statistics.pstdev(means) if len(means) > 1 else None,
        "gap_mean_em": statistics.fmean(means) if means else None,
        "gap_max_em": max(allgaps) if allgaps else None,
        "gap_line_min_em": min(means) if means else None,
        "gap_line_max_em": max(means) if means else None,
        "gap_p05_em": (statistics.quantiles(means, n=20, method="inclusive")[0]
                       if len(means) > 1 else None),
        "gap_p95_em": (statistics.quantiles(means, n=20, method="inclusive")[-1]
                       if len(means) > 1 else None),
        "hyphenated": [where(l) for l in seq if id(l) in hyset],
        "hyphen_runs": [[where(x) for x in r] for r in runs],
        "hyphen_max_run": maxrun,
        "widows": widows,
        "orphans": orphans,
    }


def fmt(v, spec="%.3f"):
    if v is None:
        return "-"
    if isinstance(v, list):
        return str(len(v))
    if isinstance(v, float):
        return spec % v
    return str(v)


def pct(n, d):
    return "%d (%.1f%%)" % (n, 100.0 * n / d) if d else str(n)


def report(results, details):
    names = [r["name"] for r in results]
    A = results[0]
    B = results[1] if len(results) > 1 else None
    rows = [
        ("pages measured / in PDF", lambda r: "%d / %d" % (r["pages_measured"], r["pages"])),
        ("body lines", lambda r: str(r["body_lines"])),
        ("paragraphs (detected)", lambda r: str(r["paragraphs"])),
        ("justified lines", lambda r: str(r["justified_lines"])),
        ("overfull lines (> R + 0.5 pt)", lambda r: fmt(r["overfull"])),
        ("loose lines (mean gap > 0.5 em)", lambda r: pct(len(r["loose"]), r["justified_lines"])),
        ("tight lines (mean gap < 0.17 em)", lambda r: pct(len(r["tight"]), r["justified_lines"])),
        ("inter-word space (line means) median, em", lambda r: fmt(r["gap_median_em"])),
        ("line means Q1 .. Q3, em", lambda r: "%s .. %s" % (fmt(r["gap_q1_em"]), fmt(r["gap_q3_em"]))),
        ("spread: IQR, em", lambda r: fmt(r["gap_iqr_em"])),
        ("spread: standard deviation, em", lambda r: fmt(r["gap_sd_em"])),
        ("line means 5th .. 95th percentile", lambda r: "%s .. %s" % (fmt(r["gap_p05_em"]), fmt(r["gap_p95_em"]))),
        ("line means min .. max, em", lambda r: "%s .. %s" % (fmt(r["gap_line_min_em"]), fmt(r["gap_line_max_em"]))),
        ("largest single gap, em", lambda r: fmt(r["gap_max_em"])),
        ("hyphenated line ends", lambda r: pct(len(r["hyphenated"]), r["body_lines"])),
        ("runs of >= 3 hyphenated lines", lambda r: fmt(r["hyphen_runs"])),
        ("longest run of hyphenated lines", lambda r: str(r["hyphen_max_run"])),
        ("widows", lambda r: fmt(r["widows"])),
        ("orphans", lambda r: fmt(r["orphans"])),
    ]
    w0 = max(len(r[0]) for r in rows)
    cols = [max(len(n), 16) for n in names]
    head = "%-*s | " % (w0, "metric") + " | ".join("%-*s" % (c, n) for c, n in zip(cols, names))
    print(head)
    print("-" * len(head))
    for label, f in rows:
        print("%-*s | " % (w0, label) + " | ".join("%-*s" % (c, f(r)) for c, r in zip(cols, results)))
    print()

    def rate(r, k):
        return len(r[k]) / r["justified_lines"] if r["justified_lines"] else 0.0
    targets = [
        ("zero overfull lines", len(A["overfull"]) == 0,
         "%d overfull" % len(A["overfull"])),
        ("zero widows and orphans", not A["widows"] and not A["orphans"],
         "%d widows, %d orphans" % (len(A["widows"]), len(A["orphans"]))),
        ("no run of three hyphenated lines", not A["hyphen_runs"],
         "%d runs, longest %d" % (len(A["hyphen_runs"]), A["hyphen_max_run"])),
    ]
    if B:
        targets.append((
            "loose lines no worse than %s" % B["name"],
            rate(A, "loose") <= rate(B, "loose"),
            "%.1f%% vs %.1f%% of justified lines (%d vs %d)" % (
                100 * rate(A, "loose"), 100 * rate(B, "loose"),
                len(A["loose"]), len(B["loose"]))))
        ok = (A["gap_iqr_em"] is not None and B["gap_iqr_em"] is not None and
              A["gap_iqr_em"] <= B["gap_iqr_em"] and A["gap_sd_em"] <= B["gap_sd_em"])
        targets.append((
            "spread of inter-word space no worse than %s" % B["name"], ok,
            "IQR %s vs %s, SD %s vs %s em" % (
                fmt(A["gap_iqr_em"]), fmt(B["gap_iqr_em"]),
                fmt(A["gap_sd_em"]), fmt(B["gap_sd_em"]))))
    else:
        targets.append(("loose lines no worse than XeLaTeX", None, "no reference"))
        targets.append(("spread no worse than XeLaTeX", None, "no reference"))
    print("targets for %s:" % A["name"])
    for t, ok, why in targets:
        print("  %-4s %-48s %s" % ({True: "PASS", False: "FAIL", None: "n/a"}[ok], t, why))
    npass = sum(1 for t in targets if t[1])
    nfail = sum(1 for t in targets if t[1] is False)
    print("  %d of %d targets met, %d failed" % (npass, len(targets), nfail))

    for r in results:
        print()
        print("%s: %s; text area recto L=%.2f R=%.2f, verso L=%.2f R=%.2f pt; "
              "body word height %.2f pt, leading %.2f pt; pages not measured "
              "(no page number): %s" % (
                  r["name"], r["file"], r["text_area"]["recto"]["L"],
                  r["text_area"]["recto"]["R"], r["text_area"]["verso"]["L"],
                  r["text_area"]["verso"]["R"], r["body_height_pt"],
                  r["leading_pt"], ",".join(map(str, r["pages_skipped"])) or "none"))
        if not details and r is not A:
            continue
        lists = [("overfull", "overfull", "excess_pt"),
                 ("widows", "widow", None), ("orphans", "orphan", None),
                 ("loose", "loose", "mean_gap_em"),
                 ("tight", "tight", "mean_gap_em")]
        for key, what, val in lists:
            items = r[key]
            if not items:
                continue
            show = items if details else items[:12]
            for it in show:
                v = (" %s=%s" % (val, it[val])) if val else ""
                print("  %-8s p. %-5s (PDF %3d)%s  %s" % (
                    what, it["page"], it["pdf_page"], v, it["text"][:70]))
            if len(show) < len(items):
                print("  %-8s ... %d more (--details)" % (what, len(items) - len(show)))
        for run in r["hyphen_runs"]:
            print("  hyph-run p. %-5s (PDF %3d) %d lines: %s" % (
                run[0]["page"], run[0]["pdf_page"], len(run),
                " / ".join(x["text"].split()[-1] for x in run)))
        if details:
            for it in r["hyphenated"]:
                print("  hyphen   p. %-5s (PDF %3d)  %s" % (it["page"], it["pdf_page"], it["text"][-50:]))


def main(argv):
    size, details, jpath, items = 10.0, False, None, []
    i = 0
    while i < len(argv):
        a = argv[i]
        if a == "--body-size" and i + 1 < len(argv):
            i += 1
            size = float(argv[i])
        elif a == "--details":
            details = True
        elif a == "--json" and i + 1 < len(argv):
            i += 1
            jpath = argv[i]
        elif a in ("-h", "--help"):
            print(__doc__.split("DEFINITIONS")[0].strip())
            return 0
        elif a.startswith("-"):
            sys.stderr.write("typo-metrics: unknown option %s\n" % a)
            return 2
        else:
            name, _, path = a.rpartition("=")
            items.append((name or path, path))
        i += 1
    if not 1 <= len(items) <= 2:
        sys.stderr.write("usage: typo-metrics.py [--body-size PT] [--details] "
                         "[--json FILE] NAME=FILE.pdf [NAME=FILE.pdf]\n")
        return 2
    results = []
    for name, path in items:
        try:
            r = analyse(path, size)
        except SystemExit as e:
            sys.stderr.write("%s\n" % e)
            return 3
        r["name"] = name
        results.append(r)
    report(results, details)
    if jpath:
        with open(jpath, "w") as f:
            json.dump(results, f, indent=1, ensure_ascii=False)
    return 0


if __name__ == "__main__":
    import signal
    signal.signal(signal.SIGPIPE, signal.SIG_DFL)  # quiet under | head
    sys.exit(main(sys.argv[1:]))
