#!/bin/bash
# close-fullread.pcap: experiment of the "Go httpd" article. The server accepts,
# waits 100 ms (the request is in its receive queue by then) and
# reads the whole request before writing "Hello world" and closing: nothing
# is left unread, so close() sends a normal FIN (server closes first).
set -euo pipefail
. "$(dirname "$0")/lib.sh"
require_root
PORT=8086
OUT="$SAMPLES_DIR/close-fullread.pcap"

server_start $PORT "$PY" "$SAMPLES_DIR/servers/httpd.py" --port $PORT --mode fullread --delay 0.1
cap_start lo "$OUT" "tcp port $PORT"
# curl reads until the server closes (no Content-Length): after the RST it
# reports "Recv failure: Connection reset by peer" (exit status 56).
curl -sS "http://127.0.0.1:$PORT/" >/dev/null || log "curl exit status $?"
cap_stop 6
server_stop

tsh "$OUT"
expect_frames "$OUT" "tcp.flags.reset==1" 0 0
expect_frames "$OUT" "tcp.flags.fin==1" 2 2
