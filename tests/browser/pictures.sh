#!/bin/sh
# pictures.sh: tcpview's pictures in real renderers, for make check.
# For each sample capture: --ladder=mermaid through mermaid-cli
# (mermaid-check.sh), --ladder=svg through rsvg-convert and chromium
# (svg-check.sh), --html in chromium against the report's DOM contract
# (html-check.mjs, with --expect-connections from tcpview --json).
#
# Environment: TCPVIEW (default ./tcpview), SRCDIR (default: the source tree
# this script is in), BROWSER_SAMPLES ("all", or sample file names, default a
# representative dozen), BROWSER_KEEP=DIR keeps the outputs and renderings,
# TCPVIEW_NPM_CACHE (see setup.sh).
# Ends with "N passed, N failed"; exit 0 all passed, 1 a check failed,
# 77 the renderers cannot be installed (automake's SKIP).
set -eu
. "$(cd "$(dirname "$0")" && pwd)/env.sh"
SRCDIR=${SRCDIR:-$(cd "$BROWSER_DIR/../.." && pwd)}
TCPVIEW=${TCPVIEW:-./tcpview}
[ -x "$TCPVIEW" ] || { echo "pictures: TCPVIEW=$TCPVIEW is not an executable"; exit 1; }

rc=0; sh "$BROWSER_DIR/setup.sh" || rc=$?
case $rc in 0) ;; 77) exit 77 ;; *) echo "pictures: setup.sh failed ($rc)"; exit 1 ;; esac

DEFAULT_SAMPLES="http.pcap dns-http.pcap http2.pcap http2-streams.pcap loss.pcap ipv6.pcap
websocket.pcap tls13.pcap refused.pcap zero-window.pcap rto.pcap multilink.pcapng"
case ${BROWSER_SAMPLES:-} in
"") SAMPLES=$DEFAULT_SAMPLES ;;
all) SAMPLES=$(cd "$SRCDIR/samples" && ls -- *.pcap *.pcapng) ;;
*) SAMPLES=$BROWSER_SAMPLES ;;
esac

TMP=$(mktemp -d "${TMPDIR:-/tmp}/tcpview-pictures.XXXXXX")
trap 'rm -rf "$TMP"' EXIT HUP INT TERM
OUT=${BROWSER_KEEP:-$TMP/out}
mkdir -p "$OUT"
PASS=0
FAIL=0
ok() { PASS=$((PASS + 1)); echo "ok   $*"; }
bad() { FAIL=$((FAIL + 1)); echo "FAIL $*"; }

MMDS=""
for s in $SAMPLES; do
	f=$SRCDIR/samples/$s
	n=${s%.*}
	[ -f "$f" ] || { bad "$s: no such sample"; continue; }
	conns=$("$TCPVIEW" --json "$f" 2>/dev/null | "$PY3" -c \
		'import json,sys; d=json.load(sys.stdin); c=d.get("connections"); print(len(c) if isinstance(c,list) else int(c))') ||
		{ bad "$s: tcpview --json gave no connection count"; continue; }
	for mode in ladder=mermaid ladder=svg html; do
		case $mode in ladder=mermaid) ext=mmd ;; ladder=svg) ext=svg ;; html) ext=html ;; esac
		if "$TCPVIEW" --"$mode" "$f" >"$OUT/$n.$ext" 2>"$TMP/err"; then :; else
			bad "$s: tcpview --$mode exited $?: $(head -c 300 "$TMP/err")"
			rm -f "$OUT/$n.$ext"
		fi
	done
	if [ "$conns" = 0 ]; then
		echo "     $s: no connection, only the HTML report is checked"
		rm -f "$OUT/$n.mmd" "$OUT/$n.svg"
	fi
	if [ -f "$OUT/$n.mmd" ]; then
		d=$(grep -c '^%% tcpview connection' "$OUT/$n.mmd" || true)
		[ "$d" -gt 0 ] || d=1
		if [ "$d" = "$conns" ]; then MMDS="$MMDS $n.mmd"
		else bad "$s: --ladder=mermaid has $d diagrams for $conns connections"; fi
	fi
	if [ -f "$OUT/$n.svg" ]; then
		if sh "$BROWSER_DIR/svg-check.sh" --out "$OUT" "$OUT/$n.svg" >"$TMP/log" 2>&1; then
			ok "$s: --ladder=svg ($(sed -n 's/.*: ok (//p' "$TMP/log" | cut -c 1-100)...)"
		else
			r=$?; [ "$r" = 77 ] && { cat "$TMP/log"; exit 77; }
			bad "$s: --ladder=svg:"; sed 's/^/    /' "$TMP/log"
		fi
	fi
	if [ -f "$OUT/$n.html" ]; then
		if node "$BROWSER_DIR/html-check.mjs" "$OUT/$n.html" --expect-connections "$conns" \
			--screenshot "$OUT/$n.html.png" >"$TMP/log" 2>&1; then
			ok "$s: --html ($conns connections)"
		else
			r=$?; [ "$r" = 77 ] && { cat "$TMP/log"; exit 77; }
			bad "$s: --html:"; sed 's/^/    /' "$TMP/log"
		fi
	fi
done

# all the Mermaid files in one mermaid-check run: one browser for them all
if [ -n "$MMDS" ]; then
	# shellcheck disable=SC2086
	if (cd "$OUT" && sh "$BROWSER_DIR/mermaid-check.sh" $MMDS) >"$TMP/log" 2>&1; then
		for m in $MMDS; do ok "${m%.mmd}: --ladder=mermaid"; done
	else
		r=$?; [ "$r" = 77 ] && { cat "$TMP/log"; exit 77; }
		for m in $MMDS; do
			if grep -q "^mermaid-check: ${m%.mmd}: .*\(does not render\|: mmdc\|: mermaid drew\|: output\|: SVG\|not in tcpview\)" "$TMP/log"; then
				bad "${m%.mmd}: --ladder=mermaid:"
				grep -A 8 "^mermaid-check: ${m%.mmd}: " "$TMP/log" | grep -v ': ok (' | sed 's/^/    /' | head -n 12
			else
				ok "${m%.mmd}: --ladder=mermaid"
			fi
		done
	fi
fi

[ -n "${BROWSER_KEEP:-}" ] && echo "outputs and renderings kept in $OUT"
echo "$PASS passed, $FAIL failed"
[ "$FAIL" = 0 ]
