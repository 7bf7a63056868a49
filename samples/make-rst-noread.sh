#!/bin/bash
# rst-noread.pcap: experiment of the "Go httpd" article. The server accepts,
# waits 100 ms (the request is in its receive queue by then) and
# writes "Hello world" and closes the socket WITHOUT reading the request.
# The unread request bytes make close() send RST instead of FIN
# (RFC 1122 4.2.2.13, RFC 9293 3.6).
set -euo pipefail
. "$(dirname "$0")/lib.sh"
require_root
PORT=8084
OUT="$SAMPLES_DIR/rst-noread.pcap"

server_start $PORT "$PY" "$SAMPLES_DIR/servers/httpd.py" --port $PORT --mode noread --delay 0.1
cap_start lo "$OUT" "tcp port $PORT"
# curl reads until the server closes (no Content-Length): after the RST it
# reports "Recv failure: Connection reset by peer" (exit status 56).
curl -sS "http://127.0.0.1:$PORT/" >/dev/null || log "curl exit status $?"
cap_stop 6
server_stop

tsh "$OUT"
expect_frames "$OUT" "tcp.flags.reset==1 && tcp.srcport==$PORT" 1
expect_frames "$OUT" "tcp.flags.fin==1 && tcp.srcport==$PORT" 0 0
