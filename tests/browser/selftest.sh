#!/bin/sh
# selftest.sh: proves the three checkers give the right verdicts on small
# hand-written inputs: good ones must pass, broken ones must fail.
#   mermaid-check.sh  example.mmd (2 connections), stdin, and broken diagrams
#   svg-check.sh      example-ladder.svg, and broken SVGs
#   html-check.mjs    example.html, variants that still follow the contract,
#                     and variants that break it (external fetch, script
#                     error, wrong counts, dead highlighting or search...)
# Ends with "N passed, N failed"; exit 0 when every verdict is right, 1 when
# one is wrong, 77 when setup.sh cannot install the tools.
# SELFTEST_ONLY=mermaid|svg|html runs one part.
set -eu
. "$(cd "$(dirname "$0")" && pwd)/env.sh"

rc=0; sh "$BROWSER_DIR/setup.sh" || rc=$?
case $rc in 0) ;; 77) exit 77 ;; *) echo "selftest: setup.sh failed ($rc)"; exit 1 ;; esac

TMP=$(mktemp -d "${TMPDIR:-/tmp}/browser-selftest.XXXXXX")
trap 'rm -rf "$TMP"' EXIT HUP INT TERM
PASS=0
FAIL=0
ONLY=${SELFTEST_ONLY:-}

# expect pass|fail NAME CMD...: runs CMD, compares its verdict.
expect() {
	want=$1; name=$2; shift 2
	set +e
	"$@" >"$TMP/out" 2>&1
	got=$?
	set -e
	if [ "$got" = 77 ]; then
		cat "$TMP/out"
		echo "selftest: $name: the tool skipped (77)"
		exit 77
	fi
	case $want:$got in
	pass:0 | fail:1)
		PASS=$((PASS + 1))
		if [ "$want" = fail ]; then
			echo "ok   $name (fails as it should: $(grep -m1 -i -e fail -e error -e 'not ' -e blank "$TMP/out" | cut -c 1-160))"
		else
			echo "ok   $name"
		fi ;;
	*)
		FAIL=$((FAIL + 1))
		echo "FAIL $name: wanted $want, tool exited $got; its output:"
		sed 's/^/    /' "$TMP/out" | head -n 30 ;;
	esac
}

# variant SRC DST OLD NEW [OLD NEW...]: DST = SRC with each OLD replaced
# once by NEW (and a failure if OLD is not there: the selftest is stale).
variant() {
	"$PY3" - "$@" <<'PY'
import sys
src, dst, pairs = sys.argv[1], sys.argv[2], sys.argv[3:]
text = open(src, encoding="utf-8").read()
for old, new in zip(pairs[0::2], pairs[1::2]):
    if old not in text:
        sys.exit("selftest: variant of %s: %r not found" % (src, old))
    text = text.replace(old, new, 1)
open(dst, "w", encoding="utf-8").write(text)
PY
}

# ---- Mermaid -------------------------------------------------------------
if [ -z "$ONLY" ] || [ "$ONLY" = mermaid ]; then
	M="sh $BROWSER_DIR/mermaid-check.sh"
	expect pass "mermaid: example.mmd (2 connections)" $M "$BROWSER_DIR/example.mmd"
	printf 'sequenceDiagram\n    participant C as client\n    participant S as server\n    C->>S: SYN seq=0\n    S-->>C: SYN,ACK #59; ack=1\n' >"$TMP/one.mmd"
	expect pass "mermaid: one diagram on stdin, no marker" sh -c "$M - <'$TMP/one.mmd'"
	# a semicolon ends a Mermaid statement: the text after it is no arrow
	variant "$BROWSER_DIR/example.mmd" "$TMP/semicolon.mmd" \
		'ClientHello SNI=example.com' 'ClientHello; SNI=example.com'
	expect fail "mermaid: connection 2 has a raw ';' in a label" $M "$TMP/semicolon.mmd"
	printf 'sequenceDiagram\n    C->>>S: SYN\n' >"$TMP/arrow.mmd"
	expect fail "mermaid: bad arrow" $M "$TMP/arrow.mmd"
	NL='
'
	variant "$BROWSER_DIR/example.mmd" "$TMP/noblank.mmd" "    C-xS: 12 RST seq=79$NL$NL" "    C-xS: 12 RST seq=79$NL"
	expect fail "mermaid: no blank line between connections" $M "$TMP/noblank.mmd"
	variant "$BROWSER_DIR/example.mmd" "$TMP/flow.mmd" "%% tcpview connection 2${NL}sequenceDiagram" "%% tcpview connection 2${NL}flowchart LR"
	expect fail "mermaid: a flowchart where a sequenceDiagram belongs" $M "$TMP/flow.mmd"
fi

# ---- SVG -------------------------------------------------------------------
if [ -z "$ONLY" ] || [ "$ONLY" = svg ]; then
	S="sh $BROWSER_DIR/svg-check.sh"
	expect pass "svg: example-ladder.svg" $S "$BROWSER_DIR/example-ladder.svg"
	expect pass "svg: example-ladder.svg on stdin" sh -c "$S - <'$BROWSER_DIR/example-ladder.svg'"
	variant "$BROWSER_DIR/example-ladder.svg" "$TMP/unclosed.svg" '</g>' '</gg>'
	expect fail "svg: not well-formed" $S "$TMP/unclosed.svg"
	printf '<svg xmlns="http://www.w3.org/2000/svg" width="300" height="200"><rect width="300" height="200" fill="#fff"/></svg>\n' >"$TMP/blank.svg"
	expect fail "svg: renders blank" $S "$TMP/blank.svg"
	variant "$BROWSER_DIR/example-ladder.svg" "$TMP/external.svg" '<rect width="520"' '<image href="http://example.com/x.png" width="10" height="10"/><rect width="520"'
	expect fail "svg: refers to an outside image" $S "$TMP/external.svg"
	variant "$BROWSER_DIR/example-ladder.svg" "$TMP/nons.svg" ' xmlns="http://www.w3.org/2000/svg"' ''
	expect fail "svg: root not in the SVG namespace" $S "$TMP/nons.svg"
fi

# ---- HTML ------------------------------------------------------------------
if [ -z "$ONLY" ] || [ "$ONLY" = html ]; then
	H="node $BROWSER_DIR/html-check.mjs"
	E=$BROWSER_DIR/example.html
	expect pass "html: example.html" $H "$E" --expect-connections 2 --screenshot "$TMP/example.png"
	expect pass "html: screenshot written" "$PY3" "$BROWSER_DIR/png-check.py" "$TMP/example.png"
	expect fail "html: --expect-connections 3 on 2" $H "$E" --expect-connections 3

	# still following the contract
	variant "$E" "$TMP/capped.html" \
		'<body data-connections="2">' '<body data-connections="3">' \
		'<tr data-conn="2">' '<tr data-conn="3"><td>3</td><td>-</td><td>-</td><td>1</td><td>not drawn</td></tr><tr data-conn="2">' \
		'<section class="conn" data-conn="1"' '<p class="cap-note">1 connection not drawn.</p><section class="conn" data-conn="1"'
	expect pass "html: fewer sections than connections, with .cap-note" $H "$TMP/capped.html"
	variant "$E" "$TMP/datacapped.html" \
		'data-conn="1" data-packets="6"' 'data-conn="1" data-packets="6" data-capped' \
		'<li class="ev" data-frame="5">The client sends 1,448 more bytes.</li>' ''
	expect pass "html: data-capped section with fewer events" $H "$TMP/datacapped.html"

	# breaking it
	variant "$E" "$TMP/img.html" '<h1>' '<img src="http://example.com/x.png" alt=""><h1>'
	expect fail "html: <img> from the network" $H "$TMP/img.html"
	variant "$E" "$TMP/css.html" '</style>' '@font-face { font-family: X; src: url(https://example.com/x.woff2); } body { font-family: X, sans-serif; }</style>'
	expect fail "html: web font from the network" $H "$TMP/css.html"
	variant "$E" "$TMP/script.html" '</head>' '<script src="https://example.com/x.js"></script></head>'
	expect fail "html: external script" $H "$TMP/script.html"
	variant "$E" "$TMP/throw.html" '"use strict";' '"use strict"; null.x;'
	expect fail "html: script throws" $H "$TMP/throw.html"
	variant "$E" "$TMP/console.html" '"use strict";' '"use strict"; console.error("tsg: no points");'
	expect fail "html: console error" $H "$TMP/console.html"
	variant "$E" "$TMP/nocap.html" \
		'<body data-connections="2">' '<body data-connections="3">' \
		'<tr data-conn="2">' '<tr data-conn="3"><td>3</td></tr><tr data-conn="2">'
	expect fail "html: fewer sections than connections, no .cap-note" $H "$TMP/nocap.html"
	variant "$E" "$TMP/rows.html" '<body data-connections="2">' '<body data-connections="3">'
	expect fail "html: overview rows != data-connections" $H "$TMP/rows.html"
	variant "$E" "$TMP/fold.html" '<g class="fold" data-packets="2">' '<g class="fold" data-packets="3">'
	expect fail "html: arrows + folds != data-packets" $H "$TMP/fold.html"
	variant "$E" "$TMP/ev.html" '<li class="ev" data-frame="5">The client sends 1,448 more bytes.</li>' ''
	expect fail "html: a packet without li.ev" $H "$TMP/ev.html"
	variant "$E" "$TMP/pt.html" '<circle class="pt" data-frame="9" cx="120" cy="145" r="3"/>' ''
	expect fail "html: a packet without .pt" $H "$TMP/pt.html"
	variant "$E" "$TMP/tsg.html" '<svg class="tsg" data-dir="s2c"' '<svg class="tsg" data-dir="c2s"'
	expect fail "html: two c2s time-sequence graphs" $H "$TMP/tsg.html"
	variant "$E" "$TMP/click.html" 'document.addEventListener("click"' 'document.addEventListener("dblclick"'
	expect fail "html: clicking highlights nothing" $H "$TMP/click.html"
	variant "$E" "$TMP/search.html" 'if (box) box.addEventListener("input"' 'if (box) box.addEventListener("change"'
	expect fail "html: search box does nothing" $H "$TMP/search.html"
	variant "$E" "$TMP/nosearch.html" '<input class="search"' '<input class="find"'
	expect fail "html: no input.search" $H "$TMP/nosearch.html"
fi

echo "$PASS passed, $FAIL failed"
[ "$FAIL" = 0 ]
