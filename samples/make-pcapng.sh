#!/bin/bash
# pcapng.pcapng: an HTTP GET captured with dumpcap, which writes pcapng
# (section header, interface description, enhanced packet blocks).
set -euo pipefail
. "$(dirname "$0")/lib.sh"
require_root
command -v dumpcap >/dev/null || die "missing dumpcap"
PORT=8097
OUT="$SAMPLES_OUT/pcapng.pcapng"

server_start $PORT "$PY" "$SAMPLES_DIR/servers/httpd.py" --port $PORT
CAP_TOOL=dumpcap cap_start lo "$OUT" "tcp port $PORT"
curl -sS "http://127.0.0.1:$PORT/" >/dev/null
cap_stop 8
chmod 644 "$OUT"      # dumpcap creates its file with mode 600
server_stop

tsh "$OUT"
capinfos -t -E -c -s -u -l "$OUT"
capinfos -t "$OUT" | grep -q pcapng || die "not pcapng"
expect_frames "$OUT" "http.response" 1 1
