#!/usr/bin/env python3
"""db2typ.py — DocBook 5 (folio's subset, as tools/gen-report and
report/report.xml use it) to Typst, for the speed bench (tools/bench.sh).
Standard library only.

Usage: db2typ.py IN.xml OUT.typ

OUT.typ starts with tools/bench-peers/template.typ (folio's plain style in
Typst) and sets the same content: title page; contents and lists of
tables and figures; prefaces, chapters, appendices, bibliography and
glossary (unnumbered where folio leaves them so), nested sections;
paragraphs with their language (xml:lang on any element: a division or a
block sets the text language of what it holds, an inline becomes
#text(lang: ..)), emphasis, quotes, links, footnotes, inline code,
sub/superscripts; itemized, ordered and variable lists; block quotes with
attribution; notes and sidebars (best-practice tinted); formal paragraphs;
CALS tables (colspec widths as fractions, column and row spans,
alignment, header rows repeated, footers); figures with SVG images
(fileref kept relative: put the images beside OUT.typ); xrefs as folio
prints them: "Chapter 2", "Table 2.1 on page 9", "[CSD 2003]", “title”
on page N, in the xref's language. Elements it does not know are set as
their text.
"""
import os
import re
import sys
import xml.etree.ElementTree as ET

DB = "http://docbook.org/ns/docbook"
XML = "http://www.w3.org/XML/1998/namespace"
XL = "http://www.w3.org/1999/xlink"
XID = "{%s}id" % XML
XLANG = "{%s}lang" % XML

SECTIONS = {"section", "sect1", "sect2", "sect3", "sect4", "sect5", "simplesect"}
WORDS = {"en": {"chapter": "Chapter", "appendix": "Appendix", "section": "Section",
                "table": "Table", "figure": "Figure", "example": "Example",
                "onpage": "on page", "q": ("“", "”"), "see": "see",
                "contents": "Contents", "tables": "List of tables",
                "figures": "List of figures"},
         "bg": {"chapter": "Глава", "appendix": "Приложение", "section": "Раздел",
                "table": "Таблица", "figure": "Фигура", "example": "Пример",
                "onpage": "на с.", "q": ("„", "“"), "see": "вж.",
                "contents": "Съдържание", "tables": "Таблици", "figures": "Фигури"}}
SPECIAL = set("\\#*_`$@<>[]~=-+/'\"")


def local(el):
    return el.tag.split("}")[-1] if isinstance(el.tag, str) else ""


def esc(s):
    """text as Typst markup: whitespace collapsed, markup characters escaped"""
    s = re.sub(r"\s+", " ", s)
    return "".join("\\" + c if c in SPECIAL else c for c in s)


def esc_str(s):
    return s.replace("\\", "\\\\").replace('"', '\\"')


def lang_code(v):
    return "bg" if v.lower().startswith("bg") else "en"


def text_of(el):
    return re.sub(r"\s+", " ", "".join(el.itertext())).strip()


def label(i):
    # Typst labels: letters, digits, - _ . :
    return "<" + re.sub(r"[^A-Za-z0-9_.:-]", "_", i) + ">"


class Conv:
    def __init__(self, root):
        self.root = root
        self.parent = {c: p for p in root.iter() for c in p}
        self.byid = {}
        self.numbered = set()
        for e in root.iter():
            i = e.get(XID) or e.get("id")
            if i:
                self.byid[i] = e
        # folio's numbering: tables and figures by chapter ("2.3"), by
        # appendix letter ("A.1"), plain counts outside chapters
        self.chap = None
        self.count = {"table": 0, "image": 0}
        self.appendix_n = 0
        self.chapters = 0

    def lang_of(self, el):
        while el is not None:
            v = el.get(XLANG)
            if v:
                return lang_code(v)
            el = self.parent.get(el)
        return "en"

    # --- inlines -----------------------------------------------------------
    def inl(self, el, lang):
        """el's content (text and inline children) as markup"""
        parts = []
        if el.text:
            parts.append(esc(el.text))
        for c in el:
            parts.append(self.inline(c, lang))
            if c.tail:
                parts.append(esc(c.tail))
        return "".join(parts)

    def inline(self, el, lang):
        n = local(el)
        own = el.get(XLANG)
        if own and lang_code(own) != lang and n != "footnote":
            return "#text(lang: \"%s\")[%s]" % (lang_code(own), self.inline_body(el, lang_code(own)))
        return self.inline_body(el, lang)

    def inline_body(self, el, lang):
        n = local(el)
        if n == "emphasis":
            if el.get("role") in ("bold", "strong"):
                return "#strong[%s]" % self.inl(el, lang)
            return "#emph[%s]" % self.inl(el, lang)
        if n in ("citetitle", "firstterm", "foreignphrase", "replaceable"):
            return "#emph[%s]" % self.inl(el, lang)
        if n == "quote":
            return "#quote[%s]" % self.inl(el, lang)
        if n == "footnote":
            return "#footnote[%s]" % self.blocks_inline(el, lang)
        if n in ("link", "ulink"):
            href = el.get("{%s}href" % XL) or el.get("url")
            body = self.inl(el, lang) or esc(href or "")
            if href:
                return "#link(\"%s\")[%s]" % (esc_str(href), body)
            if el.get("linkend") in self.byid:
                return "#link(%s)[%s]" % (label(el.get("linkend")), body)
            return body
        if n in ("uri", "email"):
            t = text_of(el)
            href = ("mailto:" + t) if n == "email" else t
            return "#link(\"%s\")[%s]" % (esc_str(href), esc(t))
        if n == "xref":
            return self.xref(el, lang)
        if n in ("literal", "code", "command", "filename", "option", "parameter",
                 "tag", "varname", "function", "envar", "systemitem"):
            return "#raw(\"%s\")" % esc_str(text_of(el))
        if n == "subscript":
            return "#sub[%s]" % self.inl(el, lang)
        if n == "superscript":
            return "#super[%s]" % self.inl(el, lang)
        if n in ("indexterm", "remark"):
            return ""
        if n == "anchor":
            i = el.get(XID) or el.get("id")
            return "#metadata(none) %s " % label(i) if i else ""
        if n == "inlinemediaobject":
            img = el.find(".//{%s}imagedata" % DB)
            if img is not None:
                return "#box(image(\"%s\", height: 1em))" % esc_str(img.get("fileref", ""))
            return ""
        # phrase, acronym, abbrev, trademark, glossterm, unknown: the text
        return self.inl(el, lang)

    def xref(self, el, lang):
        tid = el.get("linkend", "")
        t = self.byid.get(tid)
        w = WORDS[lang]
        if t is None:
            return "??"
        k = local(t)
        lab = label(tid)
        page = " %s~#pg(%s)" % (w["onpage"], lab)
        if k in ("chapter", "appendix") and t in self.numbered:
            return "#ref(%s, supplement: [%s])" % (lab, w[k])
        if k in SECTIONS and t in self.numbered:
            return "#ref(%s, supplement: [%s])%s" % (lab, w["section"], page)
        if k in ("table", "figure", "example") and t.find("{%s}title" % DB) is not None:
            return "#ref(%s, supplement: [%s])%s" % (lab, w[k], page)
        if k in ("bibliomixed", "biblioentry"):
            ab = t.find("{%s}abbrev" % DB)
            return "#link(%s)[\\[%s\\]]" % (lab, esc(text_of(ab)) if ab is not None else "?")
        if k == "glossentry":
            gt = t.find("{%s}glossterm" % DB)
            return "#link(%s)[%s]" % (lab, esc(text_of(gt)) if gt is not None else "?")
        title = t.find("{%s}title" % DB)
        if title is None and t.find("{%s}info" % DB) is not None:
            title = t.find("{%s}info/{%s}title" % (DB, DB))
        if title is not None:
            o, c = w["q"]
            return "#link(%s)[%s%s%s]%s" % (lab, o, esc(text_of(title)), c, page)
        return "#link(%s)[%s]%s" % (lab, w["see"], page)

    # --- blocks ------------------------------------------------------------
    def blocks_inline(self, el, lang):
        """the paragraphs inside el (a footnote, a list item) as one content"""
        paras = []
        for c in el:
            if local(c) in ("para", "simpara"):
                paras.append(self.inline(c, lang) if c.get(XLANG) else self.inl(c, lang))
            else:
                paras.append(self.block(c, lang))
        return "\n\n".join(p for p in paras if p)

    def block(self, el, lang):
        """el as a string of Typst markup (a block)"""
        n = local(el)
        own = el.get(XLANG)
        if own and lang_code(own) != lang:
            nl = lang_code(own)
            return "#[#set text(lang: \"%s\")\n%s\n]" % (nl, self.block_body(el, nl))
        return self.block_body(el, lang)

    def anchor(self, el):
        i = el.get(XID) or el.get("id")
        return "#metadata(none) %s\n" % label(i) if i else ""

    def block_body(self, el, lang):
        n = local(el)
        if n in ("para", "simpara"):
            s = self.inl(el, lang).strip()
            return self.anchor(el) + s if s else ""
        if n == "formalpara":
            t = el.find("{%s}title" % DB)
            p = el.find("{%s}para" % DB)
            return "%s#strong[%s] %s" % (self.anchor(el), self.inl(t, lang) if t is not None else "",
                                        self.inl(p, lang) if p is not None else "")
        if n in ("itemizedlist", "orderedlist", "procedure"):
            items = [c for c in el if local(c) in ("listitem", "step")]
            fn = "list" if n == "itemizedlist" else "enum"
            pre = [self.block(c, lang) for c in el if local(c) not in ("listitem", "step", "title")]
            body = ",\n".join("[%s]" % self.blocks_inline(i, self.lang_of(i)) for i in items)
            return "%s%s#%s(\n%s)" % (self.anchor(el), "\n\n".join(pre) + ("\n\n" if pre else ""), fn, body)
        if n == "variablelist":
            ents = []
            for v in el:
                if local(v) != "varlistentry":
                    continue
                terms = [self.inl(t, lang) for t in v if local(t) == "term"]
                li = v.find("{%s}listitem" % DB)
                ents.append("terms.item([%s], [%s])" % (", ".join(terms),
                                                        self.blocks_inline(li, lang) if li is not None else ""))
            return "%s#terms(\n%s)" % (self.anchor(el), ",\n".join(ents))
        if n == "blockquote":
            att = el.find("{%s}attribution" % DB)
            body = "\n\n".join(self.block(c, lang) for c in el if local(c) not in ("attribution", "title"))
            a = ", attribution: [%s]" % self.inl(att, lang) if att is not None else ""
            return "%s#quote(block: true%s)[\n%s\n]" % (self.anchor(el), a, body)
        if n in ("note", "tip", "important", "warning", "caution", "sidebar", "example"):
            t = el.find("{%s}title" % DB)
            body = "\n\n".join(self.block(c, lang) for c in el if local(c) not in ("title", "info"))
            fn = "box-bp" if el.get("role") == "best-practice" or n == "tip" else "box-note"
            tt = "[%s]" % self.inl(t, lang) if t is not None else "none"
            i = el.get(XID) or el.get("id")
            return "#%s(%s)[\n%s\n]%s" % (fn, tt, body, " " + label(i) if i else "")
        if n in ("table", "informaltable"):
            return self.table(el, lang)
        if n in ("figure", "informalfigure"):
            t = el.find("{%s}title" % DB)
            body = "\n".join(self.block(c, lang) for c in el if local(c) not in ("title", "info"))
            i = el.get(XID) or el.get("id")
            if n == "figure" and t is not None:
                return "#figure(%s, caption: [%s], numbering: %s)%s" % (
                    "[%s]" % body, self.inl(t, lang), self.number("image"),
                    " " + label(i) if i else "")
            return self.anchor(el) + body
        if n == "mediaobject":
            img = el.find(".//{%s}imagedata" % DB)
            if img is None:
                return ""
            w = img.get("width") or img.get("contentwidth")
            arg = ", width: %s" % w if w and re.match(r"^[0-9.]+(%|mm|cm|pt|in)$", w) else ", width: 100%"
            return "#image(\"%s\"%s)" % (esc_str(img.get("fileref", "")), arg)
        if n == "caption":
            return self.blocks_inline(el, lang)
        if n in ("programlisting", "screen", "literallayout"):
            return "#raw(block: true, \"%s\")" % esc_str("".join(el.itertext()))
        if n in SECTIONS:
            return self.division(el, lang, 2)
        if n in ("title", "info", "indexterm", "remark"):
            return ""
        # unknown: its blocks, or its text as a paragraph
        if len(el) and all(local(c) in BLOCKISH for c in el):
            return "\n\n".join(self.block(c, lang) for c in el)
        return self.inl(el, lang)

    def table(self, el, lang):
        t = el.find("{%s}title" % DB)
        tg = el.find("{%s}tgroup" % DB)
        i = el.get(XID) or el.get("id")
        if tg is None:
            return ""
        specs = [c for c in tg if local(c) == "colspec"]
        ncols = int(tg.get("cols") or len(specs) or 1)
        colidx, widths = {}, []
        for k, cs in enumerate(specs):
            if cs.get("colname"):
                colidx[cs.get("colname")] = k
            w = (cs.get("colwidth") or "1*").strip()
            m = re.match(r"^([0-9.]*)\*$", w)
            if m:
                widths.append("%sfr" % (m.group(1) or "1"))
            elif re.match(r"^[0-9.]+(mm|cm|pt|in)$", w):
                widths.append(w)
            else:
                widths.append("1fr")
        while len(widths) < ncols:
            widths.append("1fr")

        def rows(sec):
            out = []
            for row in sec:
                if local(row) != "row":
                    continue
                cells = []
                for e in row:
                    if local(e) != "entry":
                        continue
                    args = []
                    ns, ne = e.get("namest"), e.get("nameend")
                    if ns in colidx and ne in colidx and colidx[ne] > colidx[ns]:
                        args.append("colspan: %d" % (colidx[ne] - colidx[ns] + 1))
                    if e.get("morerows"):
                        args.append("rowspan: %d" % (int(e.get("morerows")) + 1))
                    if e.get("align") in ("left", "right", "center"):
                        args.append("align: %s" % e.get("align"))
                    body = self.blocks_inline(e, lang) if any(
                        local(c) in ("para", "simpara", "itemizedlist", "orderedlist") for c in e) \
                        else self.inl(e, lang)
                    if args:
                        cells.append("table.cell(%s)[%s]" % (", ".join(args), body))
                    else:
                        cells.append("[%s]" % body)
                out.append(", ".join(cells))
            return out
        parts = []
        th = tg.find("{%s}thead" % DB)
        if th is not None:
            parts.append("table.header(\n%s)" % ",\n".join(rows(th)))
        tb = tg.find("{%s}tbody" % DB)
        if tb is not None:
            parts.extend(rows(tb))
        tf = tg.find("{%s}tfoot" % DB)
        if tf is not None:
            parts.append("table.footer(\n%s)" % ",\n".join(rows(tf)))
        tab = "table(columns: (%s), align: left,\n%s)" % (", ".join(widths), ",\n".join(p for p in parts if p))
        if local(el) == "table" and t is not None:
            return "#figure(%s, caption: [%s], numbering: %s)%s" % (
                tab, self.inl(t, lang), self.number("table"), " " + label(i) if i else "")
        return self.anchor(el) + "#" + tab

    def number(self, kind):
        """the numbering of the next table or figure, as folio numbers it"""
        self.count[kind] += 1
        n = self.count[kind]
        return "_ => \"%s\"" % ("%s.%d" % (self.chap, n) if self.chap else str(n))

    # --- divisions -----------------------------------------------------------
    def division(self, el, lang, level, numbered=True, supplement=None):
        n = local(el)
        own = el.get(XLANG)
        scoped = own and lang_code(own) != lang
        if own:
            lang = lang_code(own)
        t = el.find("{%s}title" % DB)
        if t is None and el.find("{%s}info/{%s}title" % (DB, DB)) is not None:
            t = el.find("{%s}info/{%s}title" % (DB, DB))
        i = el.get(XID) or el.get("id")
        args = ["level: %d" % level]
        if not numbered:
            args.append("numbering: none")
        else:
            self.numbered.add(el)
        if supplement:
            args.append("supplement: [%s]" % supplement)
        head = "#heading(%s)[%s]%s" % (", ".join(args), self.inl(t, lang) if t is not None else "",
                                        " " + label(i) if i else "")
        body = []
        for c in el:
            cn = local(c)
            if cn in ("title", "info", "titleabbrev"):
                continue
            if cn in SECTIONS:
                body.append(self.division(c, lang, level + 1))
            elif cn == "bibliomixed" or cn == "biblioentry":
                continue
            elif cn == "glossentry":
                continue
            else:
                b = self.block(c, lang)
                if b:
                    body.append(b)
        if n in ("bibliography",):
            body.append(self.bibliography(el, lang))
        if n == "glossary":
            body.append(self.glossary(el, lang))
        s = head + "\n\n" + "\n\n".join(body)
        if scoped:
            s = "#[#set text(lang: \"%s\")\n%s\n]" % (lang, s)
        return s

    def bibliography(self, el, lang):
        cells = []
        for b in el:
            if local(b) not in ("bibliomixed", "biblioentry"):
                continue
            ab = b.find("{%s}abbrev" % DB)
            i = b.get(XID) or b.get("id")
            lab = "\\[%s\\]" % esc(text_of(ab)) if ab is not None else ""
            rest = []
            if b.text:
                rest.append(esc(b.text))
            for c in b:
                if c is not ab:
                    rest.append(self.inline(c, lang))
                if c.tail:
                    rest.append(esc(c.tail))
            cells.append("[%s%s], [%s]" % ("#metadata(none) %s " % label(i) if i else "", lab,
                                          "".join(rest).strip()))
        return ("#{set par(justify: false, first-line-indent: 0pt); set text(9pt)\n"
                "grid(columns: (113.84pt, 1fr), row-gutter: 6pt,\n%s)}" % ",\n".join(cells))

    def glossary(self, el, lang):
        cells = []
        for g in el:
            if local(g) != "glossentry":
                continue
            gt = g.find("{%s}glossterm" % DB)
            gd = g.find("{%s}glossdef" % DB)
            i = g.get(XID) or g.get("id")
            cells.append("[%s#text(font: sans, weight: \"bold\", size: 9pt)[%s]], [%s]" % (
                "#metadata(none) %s " % label(i) if i else "",
                self.inl(gt, lang) if gt is not None else "",
                self.blocks_inline(gd, lang) if gd is not None else ""))
        return ("#{set par(justify: false, first-line-indent: 0pt)\n"
                "grid(columns: (46.45pt, 1fr), row-gutter: 4pt,\n%s)}" % ",\n".join(cells))

    def titlepage(self, info, lang):
        if info is None:
            return ""
        t = info.find("{%s}title" % DB)
        st = info.find("{%s}subtitle" % DB)
        authors = [text_of(a) for a in info.iter("{%s}author" % DB)]
        s = ["#page(numbering: none, header: none, footer: none)[",
             "#set par(justify: false, first-line-indent: 0pt)",
             "#v(30mm)",
             "#text(font: sans, weight: \"bold\", size: 22pt, fill: accent)[%s]" % (
                 self.inl(t, lang) if t is not None else "")]
        if st is not None:
            s.append("\n#text(font: sans, size: 13pt)[%s]" % self.inl(st, lang))
        s.append("#v(1fr)")
        for a in authors:
            s.append("%s \\" % esc(a))
        s.append("]")
        return "\n".join(s)

    def convert(self):
        root = self.root
        lang = lang_code(root.get(XLANG) or "en")
        w = WORDS[lang]
        out = ["#set text(lang: \"%s\"%s)" % (lang, ", region: \"GB\"" if lang == "en" else "")]
        info = root.find("{%s}info" % DB)
        t = info.find("{%s}title" % DB) if info is not None else None
        if t is not None:
            out.append("#set document(title: \"%s\")" % esc_str(text_of(t)))
        out.append(self.titlepage(info, lang))
        out.append("#outline(title: [%s], depth: 3)" % w["contents"])
        out.append("#outline(title: [%s], target: figure.where(kind: table))" % w["tables"])
        out.append("#outline(title: [%s], target: figure.where(kind: image))" % w["figures"])
        # numbered xref targets must be known before the body is written
        for c in root:
            if local(c) in ("chapter", "appendix"):
                for e in c.iter():
                    if local(e) in SECTIONS | {"chapter", "appendix"}:
                        self.numbered.add(e)
        main, app = False, False
        for c in root:
            n = local(c)
            if n in ("info", "title"):
                continue
            if n == "chapter" and not main:
                main = True
                out.append("#pagebreak(to: \"odd\", weak: true)\n#set page(numbering: \"1\")\n"
                           "#counter(page).update(1)")
            if n == "appendix" and not app:
                app = True
                out.append("#counter(heading).update(0)\n#set heading(numbering: \"A.1\")")
            if n == "chapter":
                self.chapters += 1
                self.chap = str(self.chapters)
            elif n == "appendix":
                self.chap = chr(ord("A") + self.appendix_n) if self.appendix_n < 26 else "A%d" % self.appendix_n
                self.appendix_n += 1
            elif n in ("preface", "bibliography", "glossary"):
                self.chap = None
            if n in ("chapter", "appendix"):
                self.count = {"table": 0, "image": 0}
                cl = lang_code(c.get(XLANG) or lang)
                out.append(self.division(c, lang, 1, True, WORDS[cl][n]))
            elif n in ("preface", "bibliography", "glossary", "article", "part"):
                out.append(self.division(c, lang, 1, False))
            else:
                out.append(self.block(c, lang))
        return "\n\n".join(o for o in out if o) + "\n"


BLOCKISH = {"para", "simpara", "formalpara", "itemizedlist", "orderedlist", "variablelist",
            "blockquote", "note", "tip", "important", "warning", "caution", "sidebar",
            "example", "table", "informaltable", "figure", "informalfigure", "mediaobject",
            "programlisting", "screen", "literallayout", "title", "info", "caption",
            "imageobject", "textobject"}


def main():
    if len(sys.argv) != 3:
        sys.stderr.write("usage: db2typ.py IN.xml OUT.typ\n")
        return 2
    root = ET.parse(sys.argv[1]).getroot()
    here = os.path.dirname(os.path.abspath(__file__))
    with open(os.path.join(here, "template.typ"), encoding="utf-8") as f:
        tpl = f.read()
    body = Conv(root).convert()
    with open(sys.argv[2], "w", encoding="utf-8") as f:
        f.write(tpl)
        f.write("\n// ---- generated from %s by tools/bench-peers/db2typ.py ----\n\n"
                % os.path.basename(sys.argv[1]))
        f.write(body)
    return 0


if __name__ == "__main__":
    sys.exit(main())
