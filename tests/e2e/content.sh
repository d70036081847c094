# End-to-end: the page content streams folio writes itself (without
# libharu's page functions and their checks of the graphics state) are
# well formed: BT/ET and q/Q paired on every page, no q/Q or path
# operator inside a text object, every font and image named in the
# page's resources, and poppler reads the pages without a complaint.
. tests/e2e/lib.sh
if ! command -v python3 >/dev/null 2>&1; then
	ok "content checks skipped: no python3"
	exit 0
fi
cat >"$T/ops.py" <<'EOF'
import re, sys
# Checks the pages of a qpdf --qdf file; prints one problem a line.
data = open(sys.argv[1], 'rb').read()
PATH = {b'm', b'l', b'c', b'v', b'y', b'h', b're', b'f', b'F', b'f*', b'S',
        b's', b'B', b'B*', b'b', b'b*', b'n', b'W', b'W*', b'w', b'cm'}
DELIM = b'()<>[]{}/%'
def tokens(s):
    i, n = 0, len(s)
    while i < n:
        ch = s[i:i + 1]
        if ch.isspace():
            i += 1
        elif ch == b'(':
            depth, i = 1, i + 1
            while i < n and depth:
                if s[i:i + 1] == b'\\':
                    i += 1
                elif s[i:i + 1] == b'(':
                    depth += 1
                elif s[i:i + 1] == b')':
                    depth -= 1
                i += 1
            yield b'()'
        elif ch in (b'[', b']'):
            i += 1
        elif ch == b'<':
            j = s.index(b'>', i)
            i = j + 1
            yield b'<>'
        else:
            j = i + 1
            while j < n and not s[j:j + 1].isspace() and s[j:j + 1] not in DELIM:
                j += 1
            yield s[i:j]
            i = j
pages = re.findall(rb'%% Contents for page (\d+)\n(?:%% Original object ID: [^\n]*\n)?\d+ 0 obj\n<<.*?>>\nstream\n(.*?)\nendstream\nendobj', data, re.S)
page_objs = re.findall(rb'%% Page (\d+)\n(?:%% Original object ID: [^\n]*\n)?\d+ 0 obj\n(.*?)\nendobj', data, re.S)
res = {}
for num, body in page_objs:
    res[num] = set(re.findall(rb'/([FX]\d+) \d+ 0 R', body))
if not pages:
    print('no content streams found')
for num, s in pages:
    bt = q = 0
    last = None
    for t in tokens(s):
        if t == b'BT':
            if bt:
                print(f'page {num.decode()}: BT inside a text object')
            bt = 1
        elif t == b'ET':
            if not bt:
                print(f'page {num.decode()}: ET outside a text object')
            bt = 0
        elif t in (b'q', b'Q'):
            if bt:
                print(f'page {num.decode()}: {t.decode()} inside a text object')
            q += 1 if t == b'q' else -1
            if q < 0:
                print(f'page {num.decode()}: Q without q')
        elif t in PATH and bt:
            print(f'page {num.decode()}: {t.decode()} inside a text object')
        elif t in (b'Tf', b'Do') and last is not None:
            if not last.startswith(b'/') or last[1:] not in res.get(num, set()):
                print(f'page {num.decode()}: {last.decode()} not in the resources')
        elif t in (b'Tf', b'TJ', b'Tm') and not bt:
            print(f'page {num.decode()}: {t.decode()} outside a text object')
        if t.startswith(b'/'):
            last = t
    if bt:
        print(f'page {num.decode()}: text object left open')
    if q:
        print(f'page {num.decode()}: q/Q unbalanced by {q}')
print(f'{len(pages)} pages checked')
EOF
checkpdf() { # NAME PDF
	qpdf --qdf --object-streams=disable "$2" "$T/q.pdf" 2>/dev/null
	python3 "$T/ops.py" "$T/q.pdf" >"$T/out" 2>&1
	n=$(pages "$2")
	check "$1: $n pages checked" grep -q "^$n pages checked" "$T/out"
	check "$1: BT/ET, q/Q and operators in place" test "$(wc -l <"$T/out")" -eq 1
	sed '$d' "$T/out" | head -5
	pdftoppm -r 10 -png "$2" "$T/r" 2>"$T/perr"
	check "$1: poppler renders it without errors" test ! -s "$T/perr"
	rm -f "$T"/r*.png
}
"$FOLIO" pdf report/report.xml -o "$T/screen.pdf" 2>/dev/null
checkpdf "screen edition" "$T/screen.pdf"
"$FOLIO" pdf --style bg13-print report/report.xml -o "$T/print.pdf" 2>/dev/null
checkpdf "print edition (crop marks)" "$T/print.pdf"
"$FOLIO" pdf --style plain tests/e2e/fixtures/raster.xml -o "$T/raster.pdf" 2>/dev/null
checkpdf "raster images" "$T/raster.pdf"
check "raster images: two placed with Do" test "$(qpdf --qdf --object-streams=disable "$T/raster.pdf" - 2>/dev/null | grep -a -c ' Do$')" -eq 2
