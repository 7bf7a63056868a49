#!/bin/bash
# nanosecond.pcap: an HTTP GET captured with nanosecond time stamps
# (pcap magic a1b23c4d).
set -euo pipefail
. "$(dirname "$0")/lib.sh"
require_root
PORT=8098
OUT="$SAMPLES_OUT/nanosecond.pcap"

server_start $PORT "$PY" "$SAMPLES_DIR/servers/httpd.py" --port $PORT
cap_start lo "$OUT" "tcp port $PORT" --time-stamp-precision=nano
curl -sS "http://127.0.0.1:$PORT/" >/dev/null
cap_stop 8
server_stop

tsh "$OUT"
capinfos -t -E -c -s -u -l "$OUT"
[ "$(od -An -tx1 -N4 "$OUT" | tr -d ' ')" = 4d3cb2a1 ] || die "not a nanosecond pcap (magic)"
expect_frames "$OUT" "http.response" 1 1
