#!/usr/bin/env python3
"""Draw folio's vector art (partner marks and report schematics).

Run from the repository root:

    python3 tools/draw-art.py

Writes (overwriting) the following files:

    report/images/logo-csd.svg      stand-in mark, Center for the Study of Democracy
    report/images/logo-mvr.svg      stand-in mark, Ministry of the Interior (Bulgaria)
    report/images/logo-npuc.svg     stand-in mark, Norwegian Police University College
    styles/logo-norway-grants.svg   stand-in mark, Norway Grants (funder)
    report/images/fig-routes.svg    schematic of migration routes, 2015-2016
    report/images/fig-markets.svg   schematic of criminal markets around migrant smuggling

The marks are deliberately simple geometric stand-ins; they do not imitate
the real logos, coats of arms or trademarks of the organisations named.

Every file keeps to folio's SVG subset (folio draws the art itself with PDF
path operators): root <svg> with viewBox/width/height, <g>, rect, circle,
ellipse, line, polyline, polygon, path (no arcs), plain <text>; paint only as
fill / stroke / stroke-width attributes.  No style, CSS, tspan, markers,
opacity, gradients, defs/use, clip paths or font-family.  Text is ASCII only.

Output is deterministic: the same bytes on every run (Python 3, standard
library only).
"""

import math
import os
import sys

# ---------------------------------------------------------------------------
# Palette
# ---------------------------------------------------------------------------

NAVY = "#1f3a5f"
RED = "#b22234"
GREY = "#6b7280"
TEAL = "#0f766e"      # CSD
SEA = "#0e7490"       # Eastern Mediterranean (sea) route
OCHRE = "#a16207"     # Arctic route
WHITE = "#ffffff"
PALE = "#f3f5f8"      # node fill
PALE_NAVY = "#e3e9f1"  # light navy tint
RULE = "#c9d1dc"      # light grey rules / connectors

# ---------------------------------------------------------------------------
# Text metrics: PT Sans advance widths (1/1000 em) for ASCII 32..126,
# regular and bold, so that boxes can be sized to their labels.
# ---------------------------------------------------------------------------

_W_REGULAR = [
    267, 305, 335, 545, 545, 773, 814, 218, 280, 280, 351, 505, 225, 360, 214,
    354, 545, 545, 545, 545, 545, 545, 545, 545, 545, 545, 219, 256, 505, 505,
    505, 436, 1064, 585, 584, 571, 654, 536, 517, 612, 672, 291, 291, 610, 517,
    791, 673, 684, 559, 684, 595, 531, 555, 652, 568, 828, 618, 558, 545, 304,
    380, 304, 500, 408, 280, 496, 540, 451, 538, 508, 319, 537, 547, 268, 267,
    479, 292, 812, 547, 536, 541, 537, 340, 421, 339, 539, 482, 735, 515, 466,
    447, 346, 238, 346, 505,
]
_W_BOLD = [
    253, 294, 402, 567, 567, 840, 814, 254, 327, 327, 378, 527, 252, 360, 246,
    408, 567, 567, 567, 567, 567, 567, 567, 567, 567, 567, 269, 290, 527, 527,
    527, 454, 1059, 605, 591, 559, 647, 522, 508, 609, 651, 285, 334, 620, 514,
    800, 657, 670, 572, 670, 602, 530, 568, 627, 602, 862, 633, 592, 539, 324,
    424, 324, 500, 444, 316, 496, 536, 433, 539, 508, 321, 536, 545, 269, 268,
    491, 294, 805, 545, 537, 540, 536, 351, 422, 349, 538, 477, 721, 525, 478,
    458, 371, 227, 371, 527,
]


def text_width(s, size, bold=False):
    table = _W_BOLD if bold else _W_REGULAR
    total = 0
    for ch in s:
        o = ord(ch)
        total += table[o - 32] if 32 <= o <= 126 else 600
    return total * size / 1000.0


# ---------------------------------------------------------------------------
# A tiny, deterministic SVG writer restricted to folio's subset
# ---------------------------------------------------------------------------

ALLOWED = {
    "svg": ("xmlns", "viewBox", "width", "height"),
    "g": ("transform", "fill", "stroke", "stroke-width", "font-size",
          "font-weight", "text-anchor"),
    "rect": ("x", "y", "width", "height", "rx", "fill", "stroke",
             "stroke-width"),
    "circle": ("cx", "cy", "r", "fill", "stroke", "stroke-width"),
    "ellipse": ("cx", "cy", "rx", "ry", "fill", "stroke", "stroke-width"),
    "line": ("x1", "y1", "x2", "y2", "stroke", "stroke-width"),
    "polyline": ("points", "fill", "stroke", "stroke-width"),
    "polygon": ("points", "fill", "stroke", "stroke-width"),
    "path": ("d", "fill", "stroke", "stroke-width"),
    "text": ("x", "y", "font-size", "font-weight", "text-anchor", "fill"),
}


def num(v):
    """Format a number compactly and deterministically (max 2 decimals)."""
    if isinstance(v, str):
        return v
    s = "%.2f" % v
    s = s.rstrip("0").rstrip(".")
    if s in ("-0", ""):
        s = "0"
    return s


def pts(points):
    return " ".join("%s,%s" % (num(x), num(y)) for x, y in points)


class Svg:
    def __init__(self, w, h):
        self.w = w
        self.h = h
        self.lines = []
        self.depth = 1

    def _attrs(self, tag, attrs):
        out = []
        for k, v in attrs:
            if v is None:
                continue
            if k not in ALLOWED[tag]:
                raise ValueError("attribute %r not allowed on <%s>" % (k, tag))
            out.append(' %s="%s"' % (k, num(v)))
        return "".join(out)

    def el(self, tag, *attrs):
        self.lines.append("  " * self.depth + "<%s%s/>" %
                          (tag, self._attrs(tag, attrs)))

    def open_g(self, *attrs):
        self.lines.append("  " * self.depth + "<g%s>" %
                          self._attrs("g", attrs))
        self.depth += 1

    def close_g(self):
        self.depth -= 1
        self.lines.append("  " * self.depth + "</g>")

    # shapes ---------------------------------------------------------------
    def rect(self, x, y, w, h, rx=None, fill=None, stroke=None, sw=None):
        self.el("rect", ("x", x), ("y", y), ("width", w), ("height", h),
                ("rx", rx), ("fill", fill), ("stroke", stroke),
                ("stroke-width", sw))

    def circle(self, cx, cy, r, fill=None, stroke=None, sw=None):
        self.el("circle", ("cx", cx), ("cy", cy), ("r", r), ("fill", fill),
                ("stroke", stroke), ("stroke-width", sw))

    def line(self, x1, y1, x2, y2, stroke, sw=None):
        self.el("line", ("x1", x1), ("y1", y1), ("x2", x2), ("y2", y2),
                ("stroke", stroke), ("stroke-width", sw))

    def polygon(self, points, fill=None, stroke=None, sw=None):
        self.el("polygon", ("points", pts(points)), ("fill", fill),
                ("stroke", stroke), ("stroke-width", sw))

    def polyline(self, points, stroke, sw=None):
        self.el("polyline", ("points", pts(points)), ("fill", "none"),
                ("stroke", stroke), ("stroke-width", sw))

    def path(self, d, fill=None, stroke=None, sw=None):
        if "a" in d.lower():
            raise ValueError("arcs are not allowed in paths")
        self.el("path", ("d", d), ("fill", fill), ("stroke", stroke),
                ("stroke-width", sw))

    def text(self, x, y, s, size, fill=NAVY, bold=False, anchor=None):
        if any(ord(c) < 32 or ord(c) > 126 for c in s) or any(
                c in s for c in "<>&"):
            raise ValueError("text must be plain ASCII: %r" % s)
        if size < 9:
            raise ValueError("font-size below 9: %r" % s)
        attrs = self._attrs("text", (
            ("x", x), ("y", y), ("font-size", size),
            ("font-weight", "bold" if bold else None),
            ("text-anchor", anchor), ("fill", fill)))
        self.lines.append("  " * self.depth + "<text%s>%s</text>" % (attrs, s))

    # output ---------------------------------------------------------------
    def render(self):
        head = ('<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 %s %s" '
                'width="%spt" height="%spt">\n'
                % (num(self.w), num(self.h), num(self.w), num(self.h)))
        return head + "\n".join(self.lines) + "\n</svg>\n"


def write(path, svg):
    data = svg.render().encode("ascii")
    d = os.path.dirname(path)
    if d:
        os.makedirs(d, exist_ok=True)
    with open(path, "wb") as f:
        f.write(data)
    print("wrote %s (%d bytes)" % (path, len(data)))


# ---------------------------------------------------------------------------
# Geometry helpers
# ---------------------------------------------------------------------------

def star_points(cx, cy, r_out, r_in, n=5, rot=-90.0):
    out = []
    for i in range(2 * n):
        r = r_out if i % 2 == 0 else r_in
        a = math.radians(rot + i * 180.0 / n)
        out.append((cx + r * math.cos(a), cy + r * math.sin(a)))
    return out


def circle_path(cx, cy, r):
    """A circle as four cubic Beziers (used where a path is needed)."""
    k = 0.5523 * r
    return ("M%s %s C%s %s %s %s %s %s C%s %s %s %s %s %s "
            "C%s %s %s %s %s %s C%s %s %s %s %s %sZ" % tuple(num(v) for v in (
                cx + r, cy,
                cx + r, cy + k, cx + k, cy + r, cx, cy + r,
                cx - k, cy + r, cx - r, cy + k, cx - r, cy,
                cx - r, cy - k, cx - k, cy - r, cx, cy - r,
                cx + k, cy - r, cx + r, cy - k, cx + r, cy)))


def name_block(svg, x, lines, mid_y, size=12.0, lead=14.5, sub=None,
               sub_size=9.5):
    """Organisation name (bold, navy) vertically centred on mid_y,
    optionally followed by a grey sub-line."""
    n = len(lines)
    total = (n - 1) * lead + 0.7 * size
    extra = 0.0
    if sub:
        extra = sub_size * 1.45
        total += extra
    top = mid_y - total / 2.0
    y = top + 0.7 * size
    for s in lines:
        svg.text(x, y, s, size, fill=NAVY, bold=True)
        y += lead
    if sub:
        svg.text(x, y - lead + extra + 0.2 * sub_size, sub, sub_size,
                 fill=GREY)


MARK_W, MARK_H = 200, 70
TEXT_X = 76        # where partner names start
MARK_CX, MARK_CY = 34, 35


def divider(svg):
    svg.line(TEXT_X - 8, 12, TEXT_X - 8, MARK_H - 12, RULE, 0.8)


# ---------------------------------------------------------------------------
# Partner marks (200 x 70)
# ---------------------------------------------------------------------------

def logo_csd():
    """Center for the Study of Democracy: a stylised portico (pillars)."""
    s = Svg(MARK_W, MARK_H)
    cx, cy = MARK_CX, MARK_CY
    left, right = cx - 26, cx + 26
    # pediment
    s.polygon([(left - 2, cy - 13), (cx, cy - 28), (right + 2, cy - 13)],
              fill=TEAL)
    # architrave
    s.rect(left, cy - 11, right - left, 4.5, fill=TEAL)
    # four pillars
    pw, gap = 7.0, (right - left - 4 * 7.0) / 3.0
    for i in range(4):
        x = left + i * (pw + gap)
        s.rect(x, cy - 4.5, pw, 25, fill=TEAL)
    # stepped base
    s.rect(left - 1, cy + 22.5, right - left + 2, 3.5, fill=TEAL)
    s.rect(left - 4, cy + 27.5, right - left + 8, 3.5, fill=NAVY)
    divider(s)
    name_block(s, TEXT_X, ["Center for the", "Study of Democracy"], 35,
               size=12, lead=14.5, sub="Sofia")
    return s


def logo_mvr():
    """Ministry of the Interior: a shield outline with a star."""
    s = Svg(MARK_W, MARK_H)
    cx = MARK_CX
    top, bot = 5.5, 65.5
    hw = 24.0
    shoulder = 36.0
    d = ("M%s %s L%s %s L%s %s C%s %s %s %s %s %s "
         "C%s %s %s %s %s %sZ" % tuple(num(v) for v in (
             cx - hw, top, cx + hw, top, cx + hw, shoulder,
             cx + hw, shoulder + 16, cx + 9, bot - 6, cx, bot,
             cx - 9, bot - 6, cx - hw, shoulder + 16, cx - hw, shoulder)))
    s.path(d, fill=WHITE, stroke=NAVY, sw=3.2)
    # inner hairline
    i = 5.0
    d2 = ("M%s %s L%s %s L%s %s C%s %s %s %s %s %s "
          "C%s %s %s %s %s %sZ" % tuple(num(v) for v in (
              cx - hw + i, top + i, cx + hw - i, top + i, cx + hw - i,
              shoulder, cx + hw - i, shoulder + 13, cx + 7, bot - 10, cx,
              bot - i - 0.8, cx - 7, bot - 10, cx - hw + i, shoulder + 13,
              cx - hw + i, shoulder)))
    s.path(d2, fill="none", stroke=RED, sw=0.9)
    s.polygon(star_points(cx, 31, 13, 5.2), fill=NAVY)
    divider(s)
    name_block(s, TEXT_X, ["Ministry of the Interior"], 35, size=12,
               sub="Republic of Bulgaria")
    return s


def logo_npuc():
    """Norwegian Police University College: a compass rose."""
    s = Svg(MARK_W, MARK_H)
    cx, cy = MARK_CX, MARK_CY
    s.circle(cx, cy, 27, fill="none", stroke=NAVY, sw=2.4)
    s.circle(cx, cy, 21.5, fill="none", stroke=NAVY, sw=0.7)
    # tick marks between the rings
    for k in range(16):
        a = math.radians(k * 22.5)
        r1 = 21.5
        r2 = 24.0 if k % 2 else 25.8
        s.line(cx + r1 * math.cos(a), cy + r1 * math.sin(a),
               cx + r2 * math.cos(a), cy + r2 * math.sin(a), NAVY, 0.7)
    # diagonal (short) points
    for k in range(4):
        a = math.radians(45 + 90 * k)
        tip = (cx + 14 * math.cos(a), cy + 14 * math.sin(a))
        l = (cx + 4 * math.cos(a - math.pi / 2), cy + 4 * math.sin(a - math.pi / 2))
        r = (cx + 4 * math.cos(a + math.pi / 2), cy + 4 * math.sin(a + math.pi / 2))
        s.polygon([l, tip, r, (cx, cy)], fill=GREY)
    # cardinal (long) points, two-tone
    for k in range(4):
        a = math.radians(-90 + 90 * k)
        tip = (cx + 25 * math.cos(a), cy + 25 * math.sin(a))
        w = 5.5
        l = (cx + w * math.cos(a - math.pi / 4), cy + w * math.sin(a - math.pi / 4))
        r = (cx + w * math.cos(a + math.pi / 4), cy + w * math.sin(a + math.pi / 4))
        north = (k == 0)
        s.polygon([(cx, cy), l, tip], fill=RED if north else NAVY)
        s.polygon([(cx, cy), tip, r], fill="#8a1a28" if north else "#35557d")
    s.circle(cx, cy, 2.2, fill=WHITE, stroke=NAVY, sw=0.8)
    divider(s)
    name_block(s, TEXT_X, ["Norwegian Police", "University College"], 35,
               size=12, lead=14.5)
    return s


def logo_norway_grants():
    """Norway Grants (funder): a stylised, offset Nordic cross built from
    four rounded red tiles with a blue cross in the white gaps."""
    s = Svg(MARK_W, MARK_H)
    x0, y0 = 7.0, 11.0
    w, h = 56.0, 48.0
    vx = x0 + 19.0          # left edge of the vertical white band
    hy = y0 + 19.0          # top edge of the horizontal white band
    band = 10.0             # white band width
    blue = 4.4              # blue cross width
    r = 3.2
    tiles = [
        (x0, y0, vx - x0, hy - y0),
        (vx + band, y0, x0 + w - vx - band, hy - y0),
        (x0, hy + band, vx - x0, y0 + h - hy - band),
        (vx + band, hy + band, x0 + w - vx - band, y0 + h - hy - band),
    ]
    for (tx, ty, tw, th) in tiles:
        s.rect(tx, ty, tw, th, rx=r, fill=RED)
    off = (band - blue) / 2.0
    s.rect(vx + off, y0, blue, h, fill=NAVY)
    s.rect(x0, hy + off, w, blue, fill=NAVY)
    divider(s)
    # name: large title plus a two-line grey sub-title
    s.text(TEXT_X, 29.5, "Norway Grants", 15, fill=NAVY, bold=True)
    s.text(TEXT_X, 44.5, "Norwegian Financial", 10.5, fill=GREY)
    s.text(TEXT_X, 57, "Mechanism", 10.5, fill=GREY)
    return s


# ---------------------------------------------------------------------------
# Diagram helpers: nodes, arrows, dashes
# ---------------------------------------------------------------------------

class Node:
    def __init__(self, key, cx, cy, lines, kind="box", size=10.0, bold=True,
                 focus=False, pad=7.0, min_w=0.0, r=4.0):
        self.key = key
        self.cx, self.cy = cx, cy
        self.lines = lines
        self.kind = kind
        self.size = size
        self.bold = bold
        self.focus = focus
        lead = size * 1.2
        tw = max(text_width(s, size, bold) for s in lines)
        self.w = max(tw + 2 * pad, min_w)
        self.h = (len(lines) - 1) * lead + size * 0.95 + 2 * 5.5
        self.lead = lead
        self.r = r  # circle radius when kind == "dot"

    def boundary(self, dx, dy, gap=0.0):
        """Point on the node outline in direction (dx, dy) from centre."""
        L = math.hypot(dx, dy)
        ux, uy = dx / L, dy / L
        if self.kind == "dot":
            t = self.r
        else:
            hw, hh = self.w / 2.0, self.h / 2.0
            tx = hw / abs(ux) if ux else float("inf")
            ty = hh / abs(uy) if uy else float("inf")
            t = min(tx, ty)
        t += gap
        return (self.cx + ux * t, self.cy + uy * t)

    def draw(self, svg, fill=PALE, stroke=NAVY, text=NAVY):
        if self.kind == "dot":
            svg.circle(self.cx, self.cy, self.r, fill=WHITE, stroke=stroke,
                       sw=1.6)
            svg.circle(self.cx, self.cy, self.r * 0.45, fill=stroke)
            return
        if self.focus:
            fill, text = NAVY, WHITE
        svg.rect(self.cx - self.w / 2.0, self.cy - self.h / 2.0, self.w,
                 self.h, rx=self.h / 2.0 if self.kind == "pill" else 4,
                 fill=fill, stroke=stroke, sw=1)
        n = len(self.lines)
        y = self.cy - (n - 1) * self.lead / 2.0 + self.size * 0.35
        for s in self.lines:
            svg.text(self.cx, y, s, self.size, fill=text, bold=self.bold,
                     anchor="middle")
            y += self.lead


def arrowhead(svg, tip, ux, uy, color, length=7.0, width=5.6):
    bx, by = tip[0] - ux * length, tip[1] - uy * length
    px, py = -uy, ux
    svg.polygon([tip, (bx + px * width / 2, by + py * width / 2),
                 (bx - px * width / 2, by - py * width / 2)], fill=color)


def quad_point(p0, c, p2, t):
    a = (1 - t) * (1 - t)
    b = 2 * (1 - t) * t
    d = t * t
    return (a * p0[0] + b * c[0] + d * p2[0], a * p0[1] + b * c[1] + d * p2[1])


def dashed_polyline(points, dash, gap):
    """Split a polyline into dash segments; returns path data."""
    out = []
    on = True
    remaining = dash
    cur = points[0]
    seg_pts = [cur]
    for nxt in points[1:]:
        sx, sy = cur
        ex, ey = nxt
        L = math.hypot(ex - sx, ey - sy)
        pos = 0.0
        while L - pos > remaining:
            pos += remaining
            p = (sx + (ex - sx) * pos / L, sy + (ey - sy) * pos / L)
            if on:
                seg_pts.append(p)
                out.append(seg_pts)
                seg_pts = []
                remaining = gap
            else:
                seg_pts = [p]
                remaining = dash
            on = not on
        remaining -= (L - pos)
        if on:
            seg_pts.append(nxt)
        cur = nxt
    if on and len(seg_pts) > 1:
        out.append(seg_pts)
    d = []
    for sp in out:
        d.append("M" + " L".join("%s %s" % (num(x), num(y)) for x, y in sp))
    return " ".join(d)


def connect(svg, a, b, color, sw=2.2, bend=0.0, dashed=False, head=True,
            gap=2.5):
    """Arrow from node a to node b.  bend > 0 curves to the left of the
    direction of travel (quadratic Bezier)."""
    dx, dy = b.cx - a.cx, b.cy - a.cy
    L = math.hypot(dx, dy)
    mx, my = (a.cx + b.cx) / 2.0, (a.cy + b.cy) / 2.0
    # control point, offset perpendicular to the chord
    c = (mx + dy / L * bend, my - dx / L * bend)
    p0 = a.boundary(c[0] - a.cx, c[1] - a.cy, gap)
    p2 = b.boundary(c[0] - b.cx, c[1] - b.cy, gap)
    # direction at the end
    tx, ty = p2[0] - c[0], p2[1] - c[1]
    tl = math.hypot(tx, ty)
    ux, uy = tx / tl, ty / tl
    hl = 7.0 if head else 0.0
    end = (p2[0] - ux * (hl - 1.0), p2[1] - uy * (hl - 1.0)) if head else p2
    if bend == 0.0:
        c = ((p0[0] + end[0]) / 2.0, (p0[1] + end[1]) / 2.0)
    if dashed:
        curve = [quad_point(p0, c, end, i / 40.0) for i in range(41)]
        svg.path(dashed_polyline(curve, 5.0, 3.2), fill="none", stroke=color,
                 sw=sw)
    elif bend == 0.0:
        svg.line(p0[0], p0[1], end[0], end[1], color, sw)
    else:
        svg.path("M%s %s Q%s %s %s %s" % tuple(num(v) for v in (
            p0[0], p0[1], c[0], c[1], end[0], end[1])), fill="none",
            stroke=color, sw=sw)
    if head:
        arrowhead(svg, p2, ux, uy, color)
    return quad_point(p0, c, end, 0.5)


def legend_sample(svg, x, y, color, dashed=False, length=22.0, sw=2.2):
    if dashed:
        svg.path(dashed_polyline([(x, y), (x + length - 6, y)], 5.0, 3.2),
                 fill="none", stroke=color, sw=sw)
    else:
        svg.line(x, y, x + length - 6, y, color, sw)
    arrowhead(svg, (x + length, y), 1.0, 0.0, color, 6.5, 5.2)


# ---------------------------------------------------------------------------
# Figure: migration routes (schematic), 450 x 300
# ---------------------------------------------------------------------------

def fig_routes():
    W, H = 450, 300
    s = Svg(W, H)
    LAND = RED
    BALKAN = NAVY
    NORTH = GREY

    n = {}

    def node(key, cx, cy, lines, **kw):
        n[key] = Node(key, cx, cy, lines, **kw)

    node("NO", 62, 34, ["Norway"], focus=True, min_w=70)
    node("SE", 150, 104, ["Sweden"], min_w=70)
    node("DE", 62, 170, ["Germany"], min_w=70)
    node("AT", 150, 170, ["Austria"], min_w=62)
    node("HR", 238, 170, ["Hungary /", "Croatia"], min_w=62)
    node("RS", 300, 222, ["Serbia"], min_w=62)
    node("BG", 400, 222, ["Bulgaria"], focus=True, min_w=70)
    node("GR", 290, 272, ["Greece"], min_w=62)
    node("TR", 400, 272, ["Turkey"], min_w=70)
    node("RU", 382, 34, ["Russia", "(Murmansk)"], min_w=80)
    node("SK", 232, 34, ["Storskog"], kind="dot", r=6.0)

    # faint band behind the Arctic route: the High North
    s.rect(8, 8, W - 16, 54, rx=6, fill="#f7f3ea")
    s.text(14, 20, "High North", 9, fill=OCHRE, bold=True)

    # --- routes (drawn under the nodes) ---------------------------------
    # Eastern Mediterranean: Turkey -> Greece by sea (Aegean)
    connect(s, n["TR"], n["GR"], SEA, dashed=True, bend=-10)
    s.text(345, 295, "Aegean crossing", 9, fill=SEA, anchor="middle")
    # land route Turkey -> Bulgaria -> Serbia
    connect(s, n["TR"], n["BG"], LAND)
    s.text(394, 250, "green border", 9, fill=LAND, anchor="end")
    connect(s, n["BG"], n["RS"], LAND)
    # Western Balkan route Greece -> Serbia -> Hungary/Croatia -> Austria -> DE
    connect(s, n["GR"], n["RS"], BALKAN)
    connect(s, n["RS"], n["HR"], BALKAN)
    connect(s, n["HR"], n["AT"], BALKAN)
    connect(s, n["AT"], n["DE"], BALKAN)
    s.text(276, 190, "route closed March 2016", 9, fill=BALKAN, anchor="start")
    # northwards to Scandinavia
    connect(s, n["DE"], n["SE"], NORTH)
    s.text(113, 150, "via Denmark", 9, fill=NORTH, anchor="start")
    connect(s, n["SE"], n["NO"], NORTH)
    # Arctic route, 2015
    connect(s, n["RU"], n["SK"], OCHRE)
    connect(s, n["SK"], n["NO"], OCHRE)
    s.text(232, 54, "Storskog border crossing", 9, fill=OCHRE,
           anchor="middle")
    s.text(168, 28, "by bicycle, autumn 2015", 9, fill=OCHRE,
           anchor="middle")

    # note on the two external borders
    bx, by, bw = 261, 80, 182
    s.rect(bx, by, bw, 50, rx=4, fill=WHITE, stroke=RULE, sw=0.8)
    s.text(bx + 8, by + 14, "External borders", 9.5, fill=NAVY, bold=True)
    s.text(bx + 8, by + 28, "Bulgaria - Turkey: EU external border", 9,
           fill=NAVY)
    s.text(bx + 8, by + 41, "Norway - Russia: Schengen external border", 9,
           fill=NAVY)

    for k in sorted(n):
        n[k].draw(s, stroke=OCHRE if n[k].kind == "dot" else NAVY)

    # --- legend -----------------------------------------------------------
    lx, ly = 14, 212
    s.rect(lx - 6, ly - 14, 162, 92, rx=4, fill=WHITE, stroke=RULE, sw=0.8)
    s.text(lx, ly - 1, "Routes, 2015-2016", 9.5, fill=NAVY, bold=True)
    items = [
        (SEA, True, "Eastern Mediterranean (sea)"),
        (BALKAN, False, "Western Balkan route"),
        (LAND, False, "Land route Turkey - Bulgaria"),
        (NORTH, False, "Northwards to Scandinavia"),
        (OCHRE, False, "Arctic route (2015)"),
    ]
    y = ly + 12
    for color, dashed, label in items:
        legend_sample(s, lx, y - 3.2, color, dashed)
        s.text(lx + 30, y, label, 9, fill=NAVY)
        y += 12
    s.rect(lx + 1, y - 9.5, 20, 8, rx=2, fill=NAVY)
    s.text(lx + 30, y - 1, "focus countries", 9, fill=NAVY)
    return s


# ---------------------------------------------------------------------------
# Figure: criminal markets around migrant smuggling, 450 x 300
# ---------------------------------------------------------------------------

def fig_markets():
    W, H = 450, 300
    s = Svg(W, H)
    cx, cy = 225, 150
    R = 50

    sats = [
        # (cx, cy, title lines, descriptor lines)
        (225, 30, ["Document fraud"], ["forged or borrowed papers"]),
        (370, 92, ["Trafficking in", "human beings"],
         ["debt bondage, exploitation"]),
        (370, 208, ["Drug trafficking"], ["shared routes, couriers"]),
        (225, 270, ["Excise goods smuggling"], ["cigarettes, fuel, alcohol"]),
        (80, 208, ["Corruption of officials"], ["bribes at borders"]),
        (80, 92, ["Money laundering /", "hawala"],
         ["informal payment systems"]),
    ]

    boxes = []
    for (x, y, title, desc) in sats:
        tsz, dsz = 10.0, 9.0
        lines_w = [text_width(t, tsz, True) for t in title] + \
                  [text_width(d, dsz) for d in desc]
        w = max(lines_w) + 16
        w = max(w, 118)
        h = len(title) * 12 + len(desc) * 11 + 10
        boxes.append((x, y, w, h, title, desc))

    # outer ring linking the markets (they also feed one another)
    ring = [(b[0], b[1]) for b in boxes]
    s.polygon(ring, fill="none", stroke=RULE, sw=0.9)

    # connectors from centre to each market
    for (x, y, w, h, title, desc) in boxes:
        # aim at the middle of the box edge that faces the centre
        if abs(x - cx) < 1:
            tgt = (x, y + (h / 2.0 + 2) * (1 if y < cy else -1))
        else:
            tgt = (x + (w / 2.0 + 2) * (1 if x < cx else -1), y)
        dx, dy = tgt[0] - cx, tgt[1] - cy
        L = math.hypot(dx, dy)
        ux, uy = dx / L, dy / L
        p0 = (cx + ux * (R + 3), cy + uy * (R + 3))
        p1 = tgt
        s.line(p0[0], p0[1], p1[0], p1[1], NAVY, 1.6)
        s.circle(p0[0], p0[1], 2.6, fill=RED)
        s.circle(p1[0], p1[1], 2.6, fill=RED)

    # centre: migrant smuggling
    s.circle(cx, cy, R + 5, fill=WHITE, stroke=NAVY, sw=1)
    s.circle(cx, cy, R, fill=NAVY)
    s.text(cx, cy - 2, "Migrant", 13, fill=WHITE, bold=True, anchor="middle")
    s.text(cx, cy + 13, "smuggling", 13, fill=WHITE, bold=True,
           anchor="middle")

    # satellites
    for (x, y, w, h, title, desc) in boxes:
        x0, y0, r = x - w / 2.0, y - h / 2.0, 4.0
        s.rect(x0, y0, w, h, rx=r, fill=PALE)
        # red accent along the left edge, following the rounded corners
        s.path("M%s %s H%s Q%s %s %s %s V%s Q%s %s %s %s H%s Z" % tuple(
            num(v) for v in (x0 + 4.5, y0, x0 + r, x0, y0, x0, y0 + r,
                             y0 + h - r, x0, y0 + h, x0 + r, y0 + h,
                             x0 + 4.5)), fill=RED)
        s.rect(x0, y0, w, h, rx=r, fill="none", stroke=NAVY, sw=1)
        ty = y - h / 2.0 + 5 + 9
        for t in title:
            s.text(x + 1.5, ty, t, 10, fill=NAVY, bold=True, anchor="middle")
            ty += 12
        ty += 0.5
        for d in desc:
            s.text(x + 1.5, ty, d, 9, fill=GREY, anchor="middle")
            ty += 11
    return s


# ---------------------------------------------------------------------------

OUTPUTS = [
    ("report/images/logo-csd.svg", logo_csd),
    ("report/images/logo-mvr.svg", logo_mvr),
    ("report/images/logo-npuc.svg", logo_npuc),
    ("styles/logo-norway-grants.svg", logo_norway_grants),
    ("report/images/fig-routes.svg", fig_routes),
    ("report/images/fig-markets.svg", fig_markets),
]


def main():
    if not os.path.isdir("report") or not os.path.isdir("styles"):
        sys.exit("draw-art.py: run from the repository root "
                 "(report/ and styles/ not found)")
    for path, fn in OUTPUTS:
        write(path, fn())


if __name__ == "__main__":
    main()
