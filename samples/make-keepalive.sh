#!/bin/bash
# keepalive.pcap: three HTTP/1.1 requests on one kept-alive connection
# (curl with three URLs reuses the connection), then the client closes.
set -euo pipefail
. "$(dirname "$0")/lib.sh"
require_root
PORT=8081
OUT="$SAMPLES_OUT/keepalive.pcap"
U="http://127.0.0.1:$PORT"

server_start $PORT "$PY" "$SAMPLES_DIR/servers/httpd.py" --port $PORT
cap_start lo "$OUT" "tcp port $PORT"
curl -sS "$U/" "$U/one" "$U/two" >/dev/null
cap_stop 10
server_stop

tsh "$OUT"
expect_frames "$OUT" "tcp.flags.syn==1 && tcp.flags.ack==0" 1 1
expect_frames "$OUT" "http.request" 3 3
expect_frames "$OUT" "http.response" 3 3
expect_frames "$OUT" "tcp.flags.fin==1" 2 2
