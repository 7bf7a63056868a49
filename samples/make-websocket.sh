#!/bin/bash
# websocket.pcap: HTTP/1.1 Upgrade to WebSocket, three text messages echoed
# by the server, closing handshake (close frames both ways), TCP teardown.
# Server and client: Debian's python3-websockets.
set -euo pipefail
. "$(dirname "$0")/lib.sh"
require_root
PORT=8082
OUT="$SAMPLES_OUT/websocket.pcap"

server_start $PORT "$PY" "$SAMPLES_DIR/servers/ws.py" server 127.0.0.1 $PORT
cap_start lo "$OUT" "tcp port $PORT"
"$PY" "$SAMPLES_DIR/servers/ws.py" client "ws://127.0.0.1:$PORT/echo" \
    "Hello world" "second message" "bye" >&2
cap_stop 12
server_stop

tsh "$OUT"
expect_frames "$OUT" "http.upgrade == \"websocket\"" 2 2
expect_frames "$OUT" "websocket.opcode == 1" 6 6
expect_frames "$OUT" "websocket.opcode == 8" 2 2
expect_frames "$OUT" "tcp.flags.fin==1" 2 2
