# End-to-end: the embedded TrueType subsets (pdfx.c, hb-subset). A page of
# rare characters (Latin, Cyrillic with ѝ and Ѐ from the DejaVu fallback,
# symbols, italic, bold, mono) must give its text back, and every glyph it
# shows, and each component of a composite one, must be in the subset its
# font embeds, reached through the CIDToGIDMap and listed in the CIDSet.
. tests/e2e/lib.sh
src=tests/e2e/fixtures/glyphs.xml
pdf=$T/glyphs.pdf
if "$FOLIO" pdf --style plain "$src" -o "$pdf" 2>"$T/err"; then
	ok "glyphs builds"
else
	fail "glyphs builds: $(head -3 "$T/err")"
	exit 1
fi
text "$pdf" >"$T/text"
grep '<para>' "$src" | sed 's/<[^>]*>//g; s/&amp;/\&/g; s/^ *//' >"$T/paras"
i=0
while IFS= read -r line; do
	i=$((i + 1))
	check "paragraph $i's text back" grep -qF "$line" "$T/text"
done <"$T/paras"

pdffonts "$pdf" 2>"$T/ferr" | awk 'NR > 2' >"$T/fonts"
check "pdffonts: no error" test ! -s "$T/ferr"
check "fonts listed ($(wc -l <"$T/fonts"))" test "$(wc -l <"$T/fonts")" -ge 6
check "every font embedded, subset, with a ToUnicode map" awk '
	$(NF-4) != "yes" || $(NF-3) != "yes" || $(NF-2) != "yes" { bad = 1 }
	END { exit bad }' "$T/fonts"
check "every name a subset tag + PostScript name" awk '
	$1 !~ /^[A-Z][A-Z][A-Z][A-Z][A-Z][A-Z]\+[A-Za-z]/ { bad = 1 }
	END { exit bad }' "$T/fonts"
check "no two fonts share a tag" test "$(cut -c1-6 "$T/fonts" | sort -u | wc -l)" -eq "$(wc -l <"$T/fonts")"
check "qpdf --check" qpdf --check "$pdf"
"$FOLIO" pdf --style plain "$src" -o "$T/again.pdf" 2>/dev/null
check "two builds byte-identical" cmp -s "$pdf" "$T/again.pdf"

if ! command -v python3 >/dev/null 2>&1; then
	ok "glyph checks skipped: no python3"
	exit 0
fi
cat >"$T/glyphs.py" <<'EOF'
import base64, json, re, struct, sys
# Reads qpdf's JSON of the PDF; prints one problem a line, then a count.
objs = json.load(open(sys.argv[1]))["qpdf"][1]
def get(ref):
    return objs.get("obj:" + ref, {})
def val(o):
    return get(o).get("value") if isinstance(o, str) and o.endswith(" R") else o
def stream(ref):
    s = get(ref)["stream"]
    return s["dict"], base64.b64decode(s.get("data", ""))
problems = []
fonts = {}
def font(ref):
    if ref in fonts:
        return fonts[ref]
    f = val(ref)
    cid = val(f["/DescendantFonts"][0])
    desc = val(cid["/FontDescriptor"])
    fdict, ttf = stream(desc["/FontFile2"])
    if fdict.get("/Length1") != len(ttf):
        problems.append("%s: /Length1 %s, the file has %d bytes" %
                        (f["/BaseFont"], fdict.get("/Length1"), len(ttf)))
    _, cmap = stream(cid["/CIDToGIDMap"])
    _, cidset = stream(desc["/CIDSet"]) if "/CIDSet" in desc else (0, b"")
    tables = {}
    for i in range(struct.unpack(">H", ttf[4:6])[0]):
        tag, _, off, ln = struct.unpack(">4sIII", ttf[12 + 16 * i:28 + 16 * i])
        tables[tag] = ttf[off:off + ln]
    longloca = struct.unpack(">h", tables[b"head"][50:52])[0] == 1
    loca = tables[b"loca"]
    if longloca:
        offs = struct.unpack(">%dI" % (len(loca) // 4), loca)
    else:
        offs = [2 * x for x in struct.unpack(">%dH" % (len(loca) // 2), loca)]
    fonts[ref] = (f["/BaseFont"], cmap, cidset, tables[b"glyf"], offs)
    return fonts[ref]
def glyph_ok(glyf, offs, gid, depth=0):
    """Whether glyph GID has an outline, and each component of it."""
    if gid + 1 >= len(offs) or offs[gid + 1] <= offs[gid] or depth > 8:
        return False
    g = glyf[offs[gid]:offs[gid + 1]]
    if struct.unpack(">h", g[0:2])[0] >= 0:
        return True
    p = 10
    while True:
        flags, comp = struct.unpack(">HH", g[p:p + 4])
        if not glyph_ok(glyf, offs, comp, depth + 1):
            return False
        p += 4 + (4 if flags & 1 else 2)
        p += 2 if flags & 8 else 4 if flags & 0x40 else 8 if flags & 0x80 else 0
        if not flags & 0x20:
            return True
def strings(data):
    """The operands and operators of a content stream: (font, codes)."""
    out, cur, i = [], None, 0
    tok = re.compile(rb"/([^\s/\[\]()<>]+)\s+[\d.]+\s+Tf|\(|<([0-9A-Fa-f\s]*)>")
    while True:
        m = tok.search(data, i)
        if not m:
            return out
        if m.group(1):
            cur = m.group(1).decode()
            i = m.end()
        elif m.group(0) == b"(":
            s, j, depth = bytearray(), m.end(), 1
            while True:
                c = data[j]
                j += 1
                if c == 0x5C:
                    e = data[j]
                    j += 1
                    s.append({0x72: 13, 0x6E: 10}.get(e, e))
                elif c == 0x28:
                    depth += 1
                    s.append(c)
                elif c == 0x29:
                    depth -= 1
                    if not depth:
                        break
                    s.append(c)
                else:
                    s.append(c)
            out.append((cur, bytes(s)))
            i = j
        else:
            out.append((cur, bytes.fromhex(m.group(2).decode())))
            i = m.end()
shown = 0
for key, o in objs.items():
    v = o.get("value")
    if not isinstance(v, dict) or v.get("/Type") != "/Page":
        continue
    res = val(v["/Resources"])
    names = val(res.get("/Font", {}))
    conts = v["/Contents"] if isinstance(v["/Contents"], list) else [v["/Contents"]]
    data = b"".join(stream(c)[1] for c in conts)
    for name, s in strings(data):
        base, cmap, cidset, glyf, offs = font(names["/" + name])
        for k in range(0, len(s) - 1, 2):
            code = s[k] << 8 | s[k + 1]
            if code <= 0x20 or code in (0xA0, 0x2002, 0x2003, 0x2009, 0x200A, 0x202F):
                continue
            shown += 1
            gid = struct.unpack(">H", cmap[2 * code:2 * code + 2])[0] if 2 * code + 2 <= len(cmap) else 0
            if not gid or not glyph_ok(glyf, offs, gid):
                problems.append("%s: U+%04X has no glyph in the subset" % (base, code))
            if code // 8 >= len(cidset) or not cidset[code // 8] >> (7 - code % 8) & 1:
                problems.append("%s: U+%04X not in the CIDSet" % (base, code))
for p in sorted(set(problems)):
    print(p)
print("%d glyphs shown, %d fonts" % (shown, len(fonts)))
EOF
qpdf --json=2 --json-stream-data=inline --decode-level=generalized "$pdf" "$T/json" 2>/dev/null
python3 "$T/glyphs.py" "$T/json" >"$T/out" 2>&1
n=$(tail -1 "$T/out")
check "glyphs checked: $n" grep -q "^[1-9][0-9]* glyphs shown, [1-9][0-9]* fonts" "$T/out"
check "every glyph shown is in its font's subset (and CIDSet)" test "$(wc -l <"$T/out")" -eq 1
sed '$d' "$T/out" | head -5
