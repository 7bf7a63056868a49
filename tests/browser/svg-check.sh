#!/bin/sh
# svg-check.sh [--out DIR] FILE      (FILE may be - for standard input)
#
# Validates a standalone SVG document (tcpview --ladder=svg):
#   1. well-formed XML whose root is <svg> in the SVG namespace, with no
#      reference to anything outside the file (href/src/url() other than
#      #fragment or data:) -- checked with Debian's python3 stdlib;
#   2. rsvg-convert renders it to a PNG that is not blank;
#   3. headless chromium (Debian's) screenshots it, and that is not blank.
# "Not blank": at least 20 pixels differ from the most common colour
# (png-check.py decodes the PNG with zlib).
# --out DIR keeps the two PNGs as DIR/NAME.rsvg.png and DIR/NAME.chromium.png.
# Exit 0 ok, 1 bad SVG, 2 usage, 77 tools unavailable (setup.sh skipped).
set -eu
. "$(cd "$(dirname "$0")" && pwd)/env.sh"

usage() { echo "usage: $0 [--out DIR] FILE.svg|-" >&2; exit 2; }
OUT=""
while [ $# -gt 0 ]; do
	case $1 in
	--out) [ $# -ge 2 ] || usage; OUT=$2; shift 2 ;;
	--out=*) OUT=${1#--out=}; shift ;;
	-h|--help) usage ;;
	--) shift; break ;;
	-?*) echo "$0: unknown option $1" >&2; usage ;;
	*) break ;;
	esac
done
[ $# -eq 1 ] || usage
IN=$1

# Only the Debian packages are needed here; setup.sh installs them if missing.
if [ ! -x "$CHROMIUM" ] || ! command -v rsvg-convert >/dev/null 2>&1; then
	rc=0; sh "$BROWSER_DIR/setup.sh" >&2 || rc=$?
	[ "$rc" = 0 ] || exit 77
fi

TMP=$(mktemp -d "${TMPDIR:-/tmp}/svg-check.XXXXXX")
trap 'rm -rf "$TMP"' EXIT HUP INT TERM
fail() { echo "svg-check: $NAME: $*" >&2; exit 1; }

if [ "$IN" = - ]; then
	NAME=stdin
	cat >"$TMP/in.svg"
else
	[ -f "$IN" ] || { echo "svg-check: $IN: no such file" >&2; exit 2; }
	NAME=$(basename "$IN" .svg)
	cp "$IN" "$TMP/in.svg"
fi
[ -s "$TMP/in.svg" ] || fail "empty file"

# 1. XML, root, self-containment; prints the viewport size for chromium.
SIZE=$("$PY3" - "$TMP/in.svg" <<'PY'
import re, sys
import xml.dom.minidom
from xml.parsers.expat import ExpatError
path = sys.argv[1]
try:
    doc = xml.dom.minidom.parse(path)
except ExpatError as e:
    sys.exit("not well-formed XML: %s" % e)
root = doc.documentElement
SVGNS = "http://www.w3.org/2000/svg"
if root.localName != "svg" or root.namespaceURI != SVGNS:
    sys.exit("root element is <%s> (namespace %s), not <svg> in %s"
             % (root.tagName, root.namespaceURI, SVGNS))
bad = []
def local_ok(v):
    v = v.strip()
    return v == "" or v.startswith("#") or v.lower().startswith("data:")
def walk(el):
    for i in range(el.attributes.length):
        a = el.attributes.item(i)
        name = a.localName or a.name
        if name in ("href", "src") and not local_ok(a.value):
            bad.append("<%s %s=%r>" % (el.tagName, a.name, a.value))
    for n in el.childNodes:
        if n.nodeType == n.ELEMENT_NODE:
            walk(n)
walk(root)
text = open(path, encoding="utf-8", errors="replace").read()
for m in re.finditer(r"url\(\s*['\"]?([^'\")]*)", text):
    if not local_ok(m.group(1)):
        bad.append("url(%s)" % m.group(1))
for m in re.finditer(r"@import[^;]*", text):
    bad.append(m.group(0))
if bad:
    sys.exit("not standalone, refers to: " + ", ".join(bad[:5]))
if not any(n.nodeType == n.ELEMENT_NODE for n in root.childNodes):
    sys.exit("<svg> has no child elements")
def px(v):
    m = re.fullmatch(r"\s*([0-9.]+)\s*(px)?\s*", v or "")
    return float(m.group(1)) if m else None
w, h = px(root.getAttribute("width")), px(root.getAttribute("height"))
vb = root.getAttribute("viewBox").replace(",", " ").split()
if (w is None or h is None) and len(vb) == 4:
    vw, vh = float(vb[2]), float(vb[3])
    if w is None and h is None:
        w, h = vw, vh
    elif w is None:
        w = h * vw / vh if vh else vw
    else:
        h = w * vh / vw if vw else vh
w, h = w or 800, h or 600
# chromium's window: the picture plus a margin, within sane bounds
print("%d,%d" % (min(max(int(w + 0.999) + 16, 200), 4000), min(max(int(h + 0.999) + 16, 100), 4000)))
PY
) || fail "XML check failed (above)"

# 2. rsvg-convert
if ! rsvg-convert -f png -o "$TMP/rsvg.png" "$TMP/in.svg" 2>"$TMP/rsvg.err"; then
	cat "$TMP/rsvg.err" >&2
	fail "rsvg-convert failed"
fi
[ -s "$TMP/rsvg.png" ] || fail "rsvg-convert wrote an empty PNG"
"$PY3" "$BROWSER_DIR/png-check.py" "$TMP/rsvg.png" >"$TMP/rsvg.stat" 2>&1 ||
	{ cat "$TMP/rsvg.stat" >&2; fail "rsvg-convert rendering is blank"; }

# 3. chromium
URL=$("$PY3" -c 'import pathlib,sys; print(pathlib.Path(sys.argv[1]).resolve().as_uri())' "$TMP/in.svg")
# shellcheck disable=SC2086
if ! timeout 120 "$CHROMIUM" --headless $CHROMIUM_ARGS --user-data-dir="$TMP/profile" \
	--screenshot="$TMP/chromium.png" --window-size="$SIZE" "$URL" >"$TMP/chromium.log" 2>&1; then
	tail -n 20 "$TMP/chromium.log" >&2
	fail "chromium --screenshot failed"
fi
[ -s "$TMP/chromium.png" ] || { tail -n 20 "$TMP/chromium.log" >&2; fail "chromium wrote no screenshot"; }
"$PY3" "$BROWSER_DIR/png-check.py" "$TMP/chromium.png" >"$TMP/chromium.stat" 2>&1 ||
	{ cat "$TMP/chromium.stat" >&2; fail "chromium rendering is blank"; }

if [ -n "$OUT" ]; then
	mkdir -p "$OUT"
	cp "$TMP/rsvg.png" "$OUT/$NAME.rsvg.png"
	cp "$TMP/chromium.png" "$OUT/$NAME.chromium.png"
fi
echo "svg-check: $NAME: ok (rsvg: $(sed 's/^[^:]*: //' "$TMP/rsvg.stat"); chromium $SIZE: $(sed 's/^[^:]*: //' "$TMP/chromium.stat"))"
