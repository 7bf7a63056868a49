#!/bin/bash
# rst-partial.pcap: experiment of the "Go httpd" article. The server accepts,
# waits 100 ms (the request is in its receive queue by then) and
# reads only 10 bytes of the request, writes "Hello world" and closes:
# the rest of the request is still unread, so close() sends RST again.
set -euo pipefail
. "$(dirname "$0")/lib.sh"
require_root
PORT=8102
OUT="$SAMPLES_DIR/rst-partial.pcap"

server_start $PORT "$PY" "$SAMPLES_DIR/servers/httpd.py" --port $PORT --mode partial --delay 0.1
cap_start lo "$OUT" "tcp port $PORT"
# curl reads until the server closes (no Content-Length): after the RST it
# reports "Recv failure: Connection reset by peer" (exit status 56).
curl -sS "http://127.0.0.1:$PORT/" >/dev/null || log "curl exit status $?"
cap_stop 6
server_stop

tsh "$OUT"
expect_frames "$OUT" "tcp.flags.reset==1 && tcp.srcport==$PORT" 1
expect_frames "$OUT" "tcp.flags.fin==1 && tcp.srcport==$PORT" 0 0
