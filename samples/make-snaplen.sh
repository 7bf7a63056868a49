#!/bin/bash
# snaplen.pcap: an HTTP GET captured with a snap length of 96 bytes:
# Ethernet+IPv4+TCP headers (14+20+32 = 66 bytes with timestamps) are
# complete, the HTTP payload is cut after 30 bytes.
set -euo pipefail
. "$(dirname "$0")/lib.sh"
require_root
PORT=8096
OUT="$SAMPLES_OUT/snaplen.pcap"

server_start $PORT "$PY" "$SAMPLES_DIR/servers/httpd.py" --port $PORT
cap_start lo "$OUT" "tcp port $PORT" -s 96
curl -sS "http://127.0.0.1:$PORT/" >/dev/null
cap_stop 8
server_stop

tsh "$OUT"
capinfos -t -E -c -s -u -l "$OUT"
# the request and the response are longer on the wire than captured
expect_frames "$OUT" "tcp.len > 0 && frame.cap_len < frame.len" 2 2
