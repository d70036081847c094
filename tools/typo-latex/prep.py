#!/usr/bin/env python3
"""prep.py — makes a DocBook 5 file ready for `pandoc -f docbook -t latex`
in the typography benchmark (tools/bench-typo.sh). Standard library only.

Usage: prep.py IN.xml OUTDIR [FOLIO.txt]
Writes OUTDIR/report.xml, OUTDIR/meta.json (pandoc --metadata-file) and
OUTDIR/img/*.pdf. pandoc's DocBook reader (2.17) loses a few things that
change how the text is set; this puts them where it can see them:

- xml:lang: on a division (chapter, appendix, section, ...) its id goes to
  meta.json `folio-lang` (the Lua filter wraps the division in a Div with
  that language); on any other element its inline content is wrapped in
  <phrase role="folio-lang-XX"> (a Span for the filter).
- sidebar becomes <tip> when its role is best-practice, else <note>
  (pandoc keeps both as a Div with the title; the filter sets them as
  folio's inset box, the tip under folio's "Best practice" label).
- glossary becomes a chapter holding a variablelist (pandoc reads glossary
  entries as loose paragraphs).
- SVG images become PDF placeholders of the same size (XeLaTeX cannot read
  SVG): a frame around the area the figure takes.
- bibliography becomes a chapter holding a variablelist whose terms are
  the entries' labels, "[CSD 2003]", as folio sets them in a column.
- xref becomes the text folio prints for it (layout.c, xref_text): "Chapter
  2", "Table 2.2 on page 9", "[CSD 2003]", “title” on page N, in the
  language of the xref; pandoc would print "table_title". The page numbers
  are looked up in FOLIO.txt (pdftotext of folio's PDF) so that both PDFs
  set the same words; "00" where not found.
- preface, bibliography and glossary ids go to `folio-unnumbered`, chapter
  ids to `folio-chapters`, appendix ids to `folio-appendix`; the glossary's
  and bibliography's to `folio-glossary` and `folio-bibliography`.
"""
import json
import os
import re
import sys
import xml.etree.ElementTree as ET

DB = "http://docbook.org/ns/docbook"
XML = "http://www.w3.org/XML/1998/namespace"
XL = "http://www.w3.org/1999/xlink"
ET.register_namespace("", DB)
ET.register_namespace("xlink", XL)


def q(tag):
    return "{%s}%s" % (DB, tag)


def local(el):
    return el.tag.split("}")[-1] if isinstance(el.tag, str) else ""


DIVISIONS = {"preface", "chapter", "appendix", "section", "sect1", "sect2",
             "sect3", "sect4", "sect5", "simplesect", "bibliography",
             "glossary", "article", "book"}
# elements whose children are inline text
INLINE_HOLDERS = {"para", "simpara", "title", "subtitle", "term", "entry",
                  "attribution", "glossterm", "bibliomixed", "phrase",
                  "literallayout", "programlisting", "screen", "caption"}
BLOCKS = DIVISIONS | {
    "itemizedlist", "orderedlist", "variablelist", "varlistentry",
    "listitem", "blockquote", "note", "tip", "important", "warning",
    "caution", "sidebar", "example", "figure", "informalfigure", "table",
    "informaltable", "tgroup", "thead", "tbody", "tfoot", "row",
    "formalpara", "glossentry", "glossdef", "mediaobject", "imageobject",
    "textobject", "info", "footnote", "procedure", "step", "abstract",
    "legalnotice", "glossdiv", "bibliodiv", "biblioentry"}
LANG_NAMES = {"en": "en-GB", "en-gb": "en-GB", "en-us": "en-US", "bg": "bg"}


def norm_lang(v):
    return LANG_NAMES.get(v.lower(), v)


def wrap_children(el, lang):
    """moves el's text and children into a new <phrase role=folio-lang-L>"""
    ph = ET.Element(q("phrase"), {"role": "folio-lang-" + lang})
    ph.text, el.text = el.text, None
    for c in list(el):
        el.remove(c)
        ph.append(c)
    el.append(ph)


def svg_size(path):
    """(width, height) in points of an SVG, from width/height or viewBox"""
    try:
        root = ET.parse(path).getroot()
    except (OSError, ET.ParseError):
        return (360.0, 240.0)
    unit = {"pt": 1.0, "px": 0.75, "mm": 72 / 25.4, "cm": 72 / 2.54,
            "in": 72.0, "": 0.75}

    def length(s):
        m = re.match(r"\s*([0-9.]+)\s*(pt|px|mm|cm|in|)\s*$", s or "")
        return float(m.group(1)) * unit[m.group(2)] if m else None
    w, h = length(root.get("width")), length(root.get("height"))
    if w and h:
        return (w, h)
    vb = (root.get("viewBox") or "").replace(",", " ").split()
    if len(vb) == 4:
        return (float(vb[2]) * 0.75, float(vb[3]) * 0.75)
    return (360.0, 240.0)


def placeholder_pdf(path, w, h):
    """a one-page PDF w x h pt with a thin frame and a diagonal"""
    content = ("0.6 G 0.5 w 0.25 0.25 %.2f %.2f re S 0 0 m %.2f %.2f l S"
               % (w - 0.5, h - 0.5, w, h)).encode()
    objs = [b"<< /Type /Catalog /Pages 2 0 R >>",
            b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            ("<< /Type /Page /Parent 2 0 R /MediaBox [0 0 %.2f %.2f] "
             "/Resources << >> /Contents 4 0 R >>" % (w, h)).encode(),
            b"<< /Length %d >>\nstream\n" % len(content) + content
            + b"\nendstream"]
    out = bytearray(b"%PDF-1.4\n")
    offs = []
    for i, o in enumerate(objs, 1):
        offs.append(len(out))
        out += b"%d 0 obj\n" % i + o + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objs) + 1)
    for o in offs:
        out += b"%010d 00000 n \n" % o
    out += (b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n"
            % (len(objs) + 1, xref))
    with open(path, "wb") as f:
        f.write(out)


SECTIONS = {"section", "sect1", "sect2", "sect3", "sect4", "sect5"}
WORDS = {"en": {"chapter": "Chapter", "appendix": "Appendix",
                "section": "Section", "table": "Table", "figure": "Figure",
                "example": "Example", "onpage": "on page", "see": "see"},
         "bg": {"chapter": "Глава", "appendix": "Приложение",
                "section": "Раздел", "table": "Таблица", "figure": "Фигура",
                "example": "Пример", "onpage": "на с.", "see": "вж."}}


def text_of(el):
    return re.sub(r"\s+", " ", "".join(el.itertext())).strip()


def resolve_xrefs(root, folio_text):
    """labels as folio's layout.c number() gives them, then every xref
    replaced by the words folio prints for it"""
    labels, kinds, titles = {}, {}, {}
    parent_of = {c: p for p in root.iter() for c in p}
    chapter = appendix = tables = figures = examples = bib = 0
    chap = None
    xid = "{%s}id" % XML

    def walk(el):
        nonlocal chapter, appendix, tables, figures, examples, bib, chap
        name = local(el)
        lab = None
        if name == "chapter":
            chapter += 1
            chap = lab = str(chapter)
            tables = figures = examples = 0
        elif name == "appendix":
            chap = lab = chr(ord("A") + appendix) if appendix < 26 else "A%d" % appendix
            appendix += 1
            tables = figures = examples = 0
        elif name in ("preface", "bibliography", "glossary") and parent_of.get(el) is root:
            chap = None
        elif name in SECTIONS:
            p = parent_of.get(el)
            pl = labels.get(p)
            if pl or (p is not None and local(p) in ("article", "part")):
                k = 1
                for s in p:
                    if s is el:
                        break
                    if local(s) in SECTIONS:
                        k += 1
                lab = "%s.%d" % (pl, k) if pl else str(k)
        elif name == "table":
            tables += 1
            lab = "%s.%d" % (chap, tables) if chap else str(tables)
        elif name == "figure":
            figures += 1
            lab = "%s.%d" % (chap, figures) if chap else str(figures)
        elif name == "example":
            examples += 1
            lab = "%s.%d" % (chap, examples) if chap else str(examples)
        if lab:
            labels[el] = lab
        if name in ("bibliomixed", "biblioentry"):
            bib += 1
            ab = el.find(q("abbrev"))
            labels[el] = text_of(ab) if ab is not None else str(bib)
            el.set("folio-label", labels[el])
        i = el.get(xid) or el.get("id")
        if i:
            kinds[i] = el
        t = el.find(q("title"))
        if t is None:
            info = el.find(q("info"))
            t = info.find(q("title")) if info is not None else None
        if t is not None:
            titles[el] = text_of(t)
        for c in el:
            walk(c)
    walk(root)

    def lang_of(el):
        while el is not None:
            v = el.get("{%s}lang" % XML)
            if v:
                return "bg" if v.lower().startswith("bg") else "en"
            el = parent_of.get(el)
        return "en"

    def page_of(txt, w):
        m = re.search(re.escape(txt) + r"\s+" + re.escape(w["onpage"]) +
                      r"\s+([0-9ivxlcdm]+)", folio_text)
        return m.group(1) if m else "00"

    for x in [e for e in root.iter() if local(e) == "xref"]:
        t = kinds.get(x.get("linkend", ""))
        w = WORDS[lang_of(x)]
        bg = w is WORDS["bg"]
        with_page = False
        txt = None
        if t is not None:
            k, lab = local(t), labels.get(t)
            if k == "chapter" and lab:
                txt = "%s %s" % (w["chapter"], lab)
            elif k == "appendix" and lab:
                txt = "%s %s" % (w["appendix"], lab)
            elif k in SECTIONS and lab:
                txt, with_page = "%s %s" % (w["section"], lab), True
            elif k in ("table", "figure", "example"):
                txt, with_page = "%s %s" % (w[k], lab), True
            elif k in ("bibliomixed", "biblioentry"):
                txt = "[%s]" % lab
            elif k == "glossentry" and t.find(q("glossterm")) is not None:
                txt = text_of(t.find(q("glossterm")))
            if txt is None:
                with_page = True
                title = titles.get(t)
                txt = (("„%s“" if bg else "“%s”") % title) if title else w["see"]
        if txt is None:
            txt = "??"
        if with_page:
            txt = "%s %s\u00a0%s" % (txt, w["onpage"], page_of(txt, w))
        ph = ET.Element(q("phrase"))
        ph.text, ph.tail = txt, x.tail
        p = parent_of[x]
        p[list(p).index(x)] = ph


def main():
    if len(sys.argv) not in (3, 4):
        sys.stderr.write("usage: prep.py IN.xml OUTDIR [FOLIO.txt]\n")
        return 2
    src, outdir = sys.argv[1], sys.argv[2]
    folio_text = ""
    if len(sys.argv) == 4:
        with open(sys.argv[3], encoding="utf-8", errors="replace") as f:
            folio_text = re.sub(r"\s+", " ", f.read())
    os.makedirs(os.path.join(outdir, "img"), exist_ok=True)
    tree = ET.parse(src)
    root = tree.getroot()
    meta = {"folio-lang": [], "folio-unnumbered": [], "folio-chapters": [],
            "folio-appendix": [], "folio-glossary": [],
            "folio-bibliography": []}
    counter = [0]

    def ensure_id(el):
        i = el.get("{%s}id" % XML) or el.get("id")
        if not i:
            counter[0] += 1
            i = "folio-prep-%d" % counter[0]
            el.set("{%s}id" % XML, i)
        return i

    resolve_xrefs(root, folio_text)
    # bibliography -> chapter with a variablelist of "[label]" terms
    for parent in root.iter():
        for i, g in enumerate(list(parent)):
            if local(g) != "bibliography":
                continue
            ch = ET.Element(q("chapter"), dict(g.attrib))
            vl = ET.Element(q("variablelist"))
            for c in g:
                if local(c) in ("title", "info"):
                    ch.append(c)
                elif local(c) in ("bibliomixed", "biblioentry"):
                    ve = ET.SubElement(vl, q("varlistentry"))
                    t = ET.SubElement(ve, q("term"))
                    t.text = "[%s]" % c.get("folio-label", "?")
                    para = ET.SubElement(ET.SubElement(ve, q("listitem")), q("para"))
                    para.text = c.text
                    for d in c:
                        if local(d) == "abbrev":
                            para.text = (para.text or "") + (d.tail or "")
                        else:
                            para.append(d)
                    if c.get("{%s}lang" % XML):
                        para.set("{%s}lang" % XML, c.get("{%s}lang" % XML))
            ch.append(vl)
            ch.set("role", "folio-bibliography")
            meta["folio-bibliography"].append(ensure_id(ch))
            parent.remove(g)
            parent.insert(i, ch)
    # glossary -> chapter with a variablelist, before the walk below
    for parent in root.iter():
        for i, g in enumerate(list(parent)):
            if local(g) != "glossary":
                continue
            ch = ET.Element(q("chapter"), dict(g.attrib))
            vl = ET.Element(q("variablelist"))
            for c in g:
                if local(c) in ("title", "info"):
                    ch.append(c)
                elif local(c) == "glossentry":
                    ve = ET.SubElement(vl, q("varlistentry"))
                    li = None
                    for d in c:
                        if local(d) == "glossterm":
                            t = ET.SubElement(ve, q("term"))
                            t.text, t[:] = d.text, list(d)
                        elif local(d) == "glossdef":
                            li = ET.SubElement(ve, q("listitem"))
                            li[:] = list(d)
                    if li is None:
                        ET.SubElement(ve, q("listitem"))
            ch.append(vl)
            ch.set("role", "folio-glossary")
            meta["folio-glossary"].append(ensure_id(ch))
            parent.remove(g)
            parent.insert(i, ch)

    def walk(el, lang):
        name = local(el)
        own = el.get("{%s}lang" % XML)
        if name in ("preface", "bibliography") or el.get("role") in (
                "folio-glossary", "folio-bibliography"):
            meta["folio-unnumbered"].append(ensure_id(el))
        elif name == "chapter" and not el.get("role"):
            meta["folio-chapters"].append(ensure_id(el))
        elif name == "appendix":
            meta["folio-appendix"].append(ensure_id(el))
        if name == "sidebar":
            el.tag = q("tip" if el.get("role") == "best-practice" else "note")
        if name == "imagedata":
            ref = el.get("fileref", "")
            if ref.lower().endswith(".svg"):
                p = os.path.join(os.path.dirname(os.path.abspath(src)), ref)
                w, h = svg_size(p)
                pdf = os.path.abspath(os.path.join(
                    outdir, "img", re.sub(r"[^A-Za-z0-9_.-]", "_", ref)[:-4] + ".pdf"))
                placeholder_pdf(pdf, w, h)
                el.set("fileref", pdf)
        if own and norm_lang(own) != lang:
            if name in DIVISIONS:
                lang = norm_lang(own)
                meta["folio-lang"].append({"id": ensure_id(el), "lang": lang})
            elif name in INLINE_HOLDERS or name not in BLOCKS:
                wrap_children(el, norm_lang(own))
                # the phrase carries the language; what is inside that
                # differs again is wrapped again
                for c in list(el[0]):
                    walk(c, norm_lang(own))
                return
            else:
                # a block: mark the inline holders inside, which the walk
                # below then wraps (lang stays the outer one for that)
                for h in el.iter():
                    if h is not el and local(h) in INLINE_HOLDERS \
                            and not h.get("{%s}lang" % XML):
                        h.set("{%s}lang" % XML, own)
        for c in list(el):
            walk(c, lang)

    walk(root, norm_lang(root.get("{%s}lang" % XML) or "en-GB"))
    tree.write(os.path.join(outdir, "report.xml"), encoding="UTF-8",
               xml_declaration=True)
    with open(os.path.join(outdir, "meta.json"), "w") as f:
        json.dump(meta, f, indent=1)
    return 0


if __name__ == "__main__":
    sys.exit(main())
