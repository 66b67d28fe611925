#!/bin/sh
# The HTML report in a real browser (headless Chromium): it renders, the
# charts are drawn, and nothing is fetched from outside.
. "$(dirname "$0")/lib.sh"

CHROMIUM=$(command -v chromium || command -v chromium-browser || true)
if [ -z "$CHROMIUM" ]; then
	echo "ok 1 # SKIP chromium is not installed"
	echo "1..1"
	exit 0
fi

W=$TMP/w
"$WAFR" init "$W" --name "Shop <b>&</b>" >/dev/null
"$WAFR" answer "$W" priorities --none \
    --note '<script>document.title="owned"</script><img src="http://198.51.100.7/x.png">' \
    --evidence "https://example.org/runbook" >/dev/null
"$WAFR" answer "$W" securely-operate --none >/dev/null
"$WAFR" roadmap "$W" priorities --owner alice --effort small >/dev/null
"$WAFR" report "$W" --format html -o "$TMP/r.html"
ok $? "the HTML report is written"

# Anything the page asks of the network goes to this proxy, which records it.
cat >"$TMP/proxy.py" <<'PY'
import socket, sys
s = socket.socket()
s.bind(("127.0.0.1", 0))
s.listen(16)
open(sys.argv[1] + ".port", "w").write(str(s.getsockname()[1]))
while True:
    c, _ = s.accept()
    c.settimeout(2)
    try:
        data = c.recv(4096)
    except OSError:
        data = b""
    with open(sys.argv[1], "ab") as f:
        f.write(data.split(b"\r\n")[0] + b"\n")
    c.close()
PY
: >"$TMP/requests"
python3 "$TMP/proxy.py" "$TMP/requests" &
PROXY=$!
i=0
while [ ! -s "$TMP/requests.port" ] && [ $i -lt 200 ]; do
	sleep 0.05
	i=$((i + 1))
done
PORT=$(cat "$TMP/requests.port")

chrome() {
	timeout 120 "$CHROMIUM" --headless --no-sandbox --disable-gpu \
	    --disable-background-networking --no-first-run \
	    --user-data-dir="$TMP/profile" --disable-component-update \
	    --disable-sync --no-pings --disable-domain-reliability \
	    --disable-features=NetworkTimeServiceQuerying \
	    --proxy-server="http://127.0.0.1:$PORT" \
	    --proxy-bypass-list="<-loopback>" "$@" 2>/dev/null
}

chrome --dump-dom "file://$TMP/r.html" >"$TMP/dom.html"
ok $? "chromium renders the page"
dom=$(cat "$TMP/dom.html")
is "$(grep -o '<svg class="chart"' "$TMP/dom.html" | wc -l)" 7 \
    "the DOM holds a chart per pillar and one for all"
like "$dom" '<rect class="high"' "the charts have their high-risk bars"
grep -q '<script' "$TMP/dom.html"
is $? 1 "the note's script did not become an element"
grep -q '<img' "$TMP/dom.html"
is $? 1 "... nor its image"
like "$dom" '&lt;script&gt;document.title' "the note shows as text"
like "$dom" '<title>Architecture review: Shop &lt;b&gt;&amp;&lt;/b&gt;</title>' \
    "the title kept its text and was not scripted"

chrome --window-size=390,844 --screenshot="$TMP/phone.png" \
    "file://$TMP/r.html" >/dev/null
ok $? "a phone-sized screenshot"
chrome --window-size=1200,1600 --screenshot="$TMP/desk.png" \
    "file://$TMP/r.html" >/dev/null
# Count the pixels of the high-risk colour: the bars are drawn; or, given
# X0, the pixels with ink right of it.
cat >"$TMP/png.py" <<'PY'
import struct, sys, zlib
data = open(sys.argv[1], "rb").read()
x0 = int(sys.argv[2]) if len(sys.argv) > 2 else None
assert data[:8] == b"\x89PNG\r\n\x1a\n"
pos, idat = 8, b""
while pos < len(data):
    n, kind = struct.unpack(">I4s", data[pos:pos + 8])
    body = data[pos + 8:pos + 8 + n]
    if kind == b"IHDR":
        w, h, depth, ctype = struct.unpack(">IIBB", body[:10])
    elif kind == b"IDAT":
        idat += body
    pos += 12 + n
bpp = {2: 3, 6: 4}[ctype]
raw = zlib.decompress(idat)
stride = w * bpp
prev = bytearray(stride)
count = 0
i = 0
for y in range(h):
    f = raw[i]
    line = bytearray(raw[i + 1:i + 1 + stride])
    i += 1 + stride
    for x in range(stride):
        a = line[x - bpp] if x >= bpp else 0
        b = prev[x]
        c = prev[x - bpp] if x >= bpp else 0
        if f == 1: line[x] = (line[x] + a) & 255
        elif f == 2: line[x] = (line[x] + b) & 255
        elif f == 3: line[x] = (line[x] + (a + b) // 2) & 255
        elif f == 4:
            p = a + b - c
            pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
            pr = a if pa <= pb and pa <= pc else (b if pb <= pc else c)
            line[x] = (line[x] + pr) & 255
    for x in range(0, stride, bpp):
        r, g, bl = line[x], line[x + 1], line[x + 2]
        if x0 is None:
            count += abs(r - 0xc6) < 8 and abs(g - 0x28) < 8 and abs(bl - 0x28) < 8
        elif x >= x0 * bpp:
            # Ink right of x0, off the white page: something ran out.
            count += min(r, g, bl) < 235
    prev = line
print(w, count)
PY
got=$(python3 "$TMP/png.py" "$TMP/desk.png")
like "$got" '^1200 ([0-9]{4,})$' "the screenshot shows the red of the high-risk bars"
got=$(python3 "$TMP/png.py" "$TMP/phone.png")
like "$got" '^390 ([0-9]{3,})$' "... on a phone too"

chrome --no-pdf-header-footer --print-to-pdf="$TMP/r.pdf" \
    "file://$TMP/r.html" >/dev/null
is "$(head -c 5 "$TMP/r.pdf" 2>/dev/null)" "%PDF-" "it prints to PDF"

# --- Nothing overflows, on a 1280 px screen and on an A4 page ---
# A report with long unbroken words everywhere, a roadmap and a trend.
long=$(printf 'x%.0s' $(seq 1 300))
"$WAFR" workload "$W" description "https://example.org/$long" >/dev/null
"$WAFR" workload "$W" participants "Ana $long (facilitator); Bo (lead)" >/dev/null
"$WAFR" answer "$W" identities --none --note "see $long" >/dev/null
"$WAFR" roadmap "$W" identities --owner "team-$long" --ticket "T-$long" \
    --target 2026-12-31 >/dev/null
"$WAFR" milestone "$W" "First" >/dev/null
"$WAFR" answer "$W" sus_hardware --none >/dev/null
"$WAFR" milestone "$W" "Second" >/dev/null
"$WAFR" report "$W" -o "$TMP/wide.html"
ok $? "a report with long words and a trend"
chrome --window-size=1280,4000 --hide-scrollbars \
    --screenshot="$TMP/w1280.png" "file://$TMP/wide.html" >/dev/null
ok $? "a 1280 px screenshot"
# The page is 60rem wide and centred: the right margin stays white.
is "$(python3 "$TMP/png.py" "$TMP/w1280.png" 1130)" "1280 0" \
    "at 1280 px nothing runs into the right margin"
# An A4 page: the print rules applied to a 210 mm wide window, the 15 mm
# page margins as padding; nothing may reach into the right one.
sed -e 's/@media print{/@media all{/' \
    -e 's|</style>|html{padding:0 57px}</style>|' "$TMP/wide.html" \
    >"$TMP/a4.html"
chrome --window-size=794,4000 --hide-scrollbars \
    --screenshot="$TMP/a4.png" "file://$TMP/a4.html" >/dev/null
ok $? "an A4-wide screenshot with the print rules"
is "$(python3 "$TMP/png.py" "$TMP/a4.png" 740)" "794 0" \
    "on an A4 page nothing runs into the right margin"
chrome --no-pdf-header-footer --print-to-pdf="$TMP/wide.pdf" \
    "file://$TMP/wide.html" >/dev/null
pages=$(grep -ao '/Count [0-9]*' "$TMP/wide.pdf" | cut -d' ' -f2 | sort -n | tail -1)
sections=$(grep -o '<section id=' "$TMP/wide.html" | wc -l)
ok $([ "$pages" -ge "$sections" ]; echo $?) \
    "printed, each of the $sections sections starts a page ($pages pages)"

kill "$PROXY" 2>/dev/null
wait "$PROXY" 2>/dev/null
# The browser's own services may still call home; the page may not.
is "$(grep -Ev '^(CONNECT|GET|POST) (http://)?[a-z0-9.-]*(google\.com|googleapis\.com|gvt1\.com|gstatic\.com)[:/]' "$TMP/requests")" "" \
    "nothing was fetched from the network for the page"
grep -Eq 'example\.org|198\.51\.100\.7|amazon\.com' "$TMP/requests"
is $? 1 "... neither the note's image nor any link"

done_testing
