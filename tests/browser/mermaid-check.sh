#!/bin/sh
# mermaid-check.sh [--png DIR] [--any-type] FILE...     (FILE - is standard input)
#
# Renders every Mermaid diagram in the input with mermaid-cli (mmdc) through
# Debian's chromium, and fails when one does not render.  Input is what
# tcpview --ladder=mermaid writes: one `sequenceDiagram` per connection;
# with several connections each one starts with a line
#     %% tcpview connection N
# and the blocks are separated by a blank line.  Input with no such line is
# one diagram.
#
# Checks, per FILE:
#   - the split: nothing but blank lines before the first marker, a blank
#     line before every later marker, no empty diagram;
#   - each diagram's first statement is `sequenceDiagram` (--any-type: any);
#   - mmdc renders it to an SVG (the error message and diagram number are
#     reported when it does not);
#   - the SVG is non-empty, is Mermaid's sequence rendering, and carries no
#     "Syntax error" (mermaid can draw an error picture instead of failing).
# --png DIR also keeps a PNG per diagram, DIR/NAME-N.png, checked not blank.
# Exit 0 all render, 1 a diagram failed, 2 usage, 77 setup.sh could not
# install the tools (automake's SKIP).
set -eu
. "$(cd "$(dirname "$0")" && pwd)/env.sh"

usage() { echo "usage: $0 [--png DIR] [--any-type] FILE...|-" >&2; exit 2; }
PNG=""
ANY=0
while [ $# -gt 0 ]; do
	case $1 in
	--png) [ $# -ge 2 ] || usage; PNG=$2; shift 2 ;;
	--png=*) PNG=${1#--png=}; shift ;;
	--any-type) ANY=1; shift ;;
	-h|--help) usage ;;
	--) shift; break ;;
	-?*) echo "$0: unknown option $1" >&2; usage ;;
	*) break ;;
	esac
done
[ $# -ge 1 ] || usage

rc=0; sh "$BROWSER_DIR/setup.sh" >&2 || rc=$?
case $rc in 0) ;; 77) exit 77 ;; *) echo "mermaid-check: setup.sh failed ($rc)" >&2; exit 1 ;; esac
MMDC=$NODE_MODULES/.bin/mmdc

TMP=$(mktemp -d "${TMPDIR:-/tmp}/mermaid-check.XXXXXX")
trap 'rm -rf "$TMP"' EXIT HUP INT TERM
cat >"$TMP/puppeteer.json" <<EOF
{"executablePath": "$CHROMIUM",
 "args": ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
          "--disable-background-networking", "--disable-component-update", "--disable-sync"]}
EOF
echo '{"theme": "default"}' >"$TMP/mermaid.json"

run_mmdc() { # IN OUT [extra args]: renders, stderr to $TMP/mmdc.err
	_mm_in=$1; _mm_out=$2; shift 2
	timeout 300 "$MMDC" -q -p "$TMP/puppeteer.json" -c "$TMP/mermaid.json" \
		-b white -i "$_mm_in" -o "$_mm_out" "$@" </dev/null >"$TMP/mmdc.err" 2>&1
}
# mmdc's error: the message lines, not puppeteer's stack
mmdc_error() {
	grep -v -e '^[[:space:]]*at ' -e '^Parser\.parseError' -e 'mermaid-cli-intercept' "$TMP/mmdc.err" |
		sed -e '/^[[:space:]]*$/d' -e 's/^/    /' | cut -c 1-300 | head -n 12
}

FAILED=0
NFILES=0
: >"$TMP/list"   # one line per diagram: WORKDIR INDEX NAME
for IN in "$@"; do
	NFILES=$((NFILES + 1))
	W=$TMP/f$NFILES
	mkdir -p "$W"
	if [ "$IN" = - ]; then
		NAME=stdin
		cat >"$W/input"
	else
		[ -f "$IN" ] || { echo "mermaid-check: $IN: no such file" >&2; FAILED=1; continue; }
		NAME=$(basename "$IN"); NAME=${NAME%.*}
		cp "$IN" "$W/input"
	fi
	# Split: W/dN.mmd, W/dN.label ("connection K" or ""), W/count;
	# contract problems on stderr and a non-zero exit.
	if ! awk -v dir="$W" -v any="$ANY" '
		function flush() {
			if (n == 0) return
			if (!body) { printf "diagram %d (%s): empty\n", n, label > "/dev/stderr"; bad = 1 }
			else if (!any && first != "sequenceDiagram") {
				printf "diagram %d (%s): starts with \"%s\", not sequenceDiagram\n", n, label, first > "/dev/stderr"; bad = 1
			}
			close(dir "/d" n ".mmd")
		}
		{ sub(/\r$/, "") }
		/^%% tcpview connection[ \t]/ || $0 == "%% tcpview connection" {
			if (n == 0 && pre) { print "text before the first \"%% tcpview connection\" line" > "/dev/stderr"; bad = 1 }
			if (n > 0 && prevline != "") {
				printf "no blank line before \"%s\" (line %d)\n", $0, NR > "/dev/stderr"; bad = 1
			}
			flush(); n++; body = 0; first = ""
			label = $0; sub(/^%% tcpview /, "", label); sub(/:.*/, "", label)
			printf "%s\n", label > (dir "/d" n ".label"); close(dir "/d" n ".label")
			print > (dir "/d" n ".mmd"); prevline = $0; next
		}
		{
			if (n == 0) {
				if ($0 ~ /[^ \t]/) pre = 1
				lines[++nl] = $0; prevline = $0; next
			}
			print > (dir "/d" n ".mmd")
			t = $0; gsub(/^[ \t]+|[ \t]+$/, "", t)
			if (t != "" && t !~ /^%%/) { if (!body) { first = t; sub(/[ \t].*/, "", first) } body = 1 }
			prevline = $0
		}
		END {
			if (n == 0) {  # no markers: the whole input is one diagram
				n = 1; label = ""
				for (i = 1; i <= nl; i++) {
					print lines[i] > (dir "/d1.mmd")
					t = lines[i]; gsub(/^[ \t]+|[ \t]+$/, "", t)
					if (t != "" && t !~ /^%%/ && !body) { first = t; sub(/[ \t].*/, "", first); body = 1 }
				}
				printf "" > (dir "/d1.label")
			}
			flush()
			print n > (dir "/count")
			exit bad
		}' "$W/input" 2>"$W/split.err"; then
		echo "mermaid-check: $NAME: not in tcpview's Mermaid layout:" >&2
		sed 's/^/    /' "$W/split.err" >&2
		FAILED=1
		continue
	fi
	i=1
	while [ "$i" -le "$(cat "$W/count")" ]; do
		echo "$W $i $NAME" >>"$TMP/list"
		i=$((i + 1))
	done
done
NDIAG_ALL=$(wc -l <"$TMP/list" | tr -d ' ')

# One browser for all the diagrams: mmdc renders every ```mermaid block of a
# Markdown file (out-1.svg, out-2.svg...).  When that fails, each diagram
# alone tells which one is broken.
batch=0
if [ "$NDIAG_ALL" -gt 1 ]; then
	batch=1
	: >"$TMP/all.md"
	while read -r W i NAME; do
		grep -q '```' "$W/d$i.mmd" && batch=0
		{ echo '```mermaid'; cat "$W/d$i.mmd"; echo '```'; echo; } >>"$TMP/all.md"
	done <"$TMP/list"
fi
if [ "$batch" = 1 ]; then
	if run_mmdc "$TMP/all.md" "$TMP/out.md"; then
		k=0
		while read -r W i NAME; do
			k=$((k + 1))
			[ -f "$TMP/out-$k.svg" ] && mv "$TMP/out-$k.svg" "$W/d$i.svg"
		done <"$TMP/list"
	else
		batch=0
	fi
fi

while read -r W i NAME; do
	label=$(cat "$W/d$i.label")
	what="diagram $i${label:+ ($label)}"
	if [ "$batch" = 0 ] && ! run_mmdc "$W/d$i.mmd" "$W/d$i.svg"; then
		echo "mermaid-check: $NAME: $what does not render:" >&2
		mmdc_error >&2
		FAILED=1
		continue
	fi
	svg=$W/d$i.svg
	if [ ! -s "$svg" ]; then
		echo "mermaid-check: $NAME: $what: mmdc wrote no SVG" >&2; FAILED=1
	elif grep -q -i -e 'Syntax error' -e 'aria-roledescription="error"' "$svg"; then
		echo "mermaid-check: $NAME: $what: mermaid drew its syntax-error picture" >&2; FAILED=1
	elif ! grep -q '<svg' "$svg"; then
		echo "mermaid-check: $NAME: $what: output is not an SVG" >&2; FAILED=1
	elif [ "$ANY" = 0 ] && ! grep -q 'aria-roledescription="sequence"' "$svg"; then
		echo "mermaid-check: $NAME: $what: SVG is not a sequence diagram" >&2; FAILED=1
	else
		arrows=$(grep -o 'class="messageText"' "$svg" | wc -l | tr -d ' ')
		echo "mermaid-check: $NAME: $what: ok ($arrows messages, $(wc -c <"$svg" | tr -d ' ') bytes of SVG)"
	fi
done <"$TMP/list"

if [ -n "$PNG" ] && [ "$FAILED" = 0 ] && [ "$NDIAG_ALL" -gt 0 ]; then
	mkdir -p "$PNG"
	if [ "$batch" = 1 ]; then
		run_mmdc "$TMP/all.md" "$TMP/png.md" -e png || { mmdc_error >&2; FAILED=1; }
		k=0
		while read -r W i NAME; do
			k=$((k + 1))
			[ -f "$TMP/png-$k.png" ] && mv "$TMP/png-$k.png" "$PNG/$NAME-$i.png"
		done <"$TMP/list"
	else
		while read -r W i NAME; do
			run_mmdc "$W/d$i.mmd" "$PNG/$NAME-$i.png" -e png || { mmdc_error >&2; FAILED=1; }
		done <"$TMP/list"
	fi
	while read -r W i NAME; do
		if [ ! -s "$PNG/$NAME-$i.png" ]; then
			echo "mermaid-check: $NAME: diagram $i: no PNG" >&2; FAILED=1
		elif ! "$PY3" "$BROWSER_DIR/png-check.py" "$PNG/$NAME-$i.png" >/dev/null; then
			echo "mermaid-check: $NAME: diagram $i: PNG is blank" >&2; FAILED=1
		fi
	done <"$TMP/list"
fi

if [ "$FAILED" != 0 ]; then
	echo "mermaid-check: FAILED" >&2
	exit 1
fi
echo "mermaid-check: ok ($NDIAG_ALL diagrams in $NFILES files)"
