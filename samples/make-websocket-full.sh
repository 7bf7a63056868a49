#!/bin/bash
# websocket-full.pcap: one WebSocket session with every kind of frame.
# After the HTTP/1.1 Upgrade, clients/ws_full.py sends to the echo server
# of servers/ws.py (both Debian's python3-websockets, no compression, no
# keepalive pings): a text message, a binary message (both echoed), a ping
# with data answered by a pong, a text message in three fragments (text
# FIN=0, continuation FIN=0, continuation FIN=0, and an empty continuation
# FIN=1 that websockets 10.4 adds to end the message; the echo comes back
# as one frame), and a close frame with code 4000 and a reason, which the server
# echoes; then the server closes the TCP connection first (RFC 6455 7.1.1).
set -euo pipefail
. "$(dirname "$0")/lib.sh"
require_root
PORT=8114
OUT="$SAMPLES_OUT/websocket-full.pcap"

server_start $PORT "$PY" "$SAMPLES_DIR/servers/ws.py" server 127.0.0.1 $PORT
cap_start lo "$OUT" "tcp port $PORT"
"$PY" "$SAMPLES_DIR/clients/ws_full.py" "ws://127.0.0.1:$PORT/full" 4000 \
    "tcpview: session over" >&2
cap_stop 20
server_stop

tsh "$OUT"
expect_frames "$OUT" "http.upgrade == \"websocket\"" 2 2
expect_frames "$OUT" "http.response.code == 101" 1 1
expect_frames "$OUT" "websocket.opcode == 1 && websocket.fin == 1 && websocket.mask == 1" 1 1
expect_frames "$OUT" "websocket.opcode == 1 && websocket.fin == 1 && websocket.mask == 0" 2 2
expect_frames "$OUT" "websocket.opcode == 2" 2 2
expect_frames "$OUT" "websocket.opcode == 9" 1 1
expect_frames "$OUT" "websocket.opcode == 10" 1 1
expect_frames "$OUT" "websocket.opcode == 1 && websocket.fin == 0" 1 1
# websockets 10.4 sends each fragment with FIN=0 and ends the message with an
# empty continuation frame with FIN=1
expect_frames "$OUT" "websocket.opcode == 0 && websocket.fin == 0 && websocket.payload_length > 0" 2 2
expect_frames "$OUT" "websocket.opcode == 0 && websocket.fin == 1 && websocket.payload_length == 0" 1 1
expect_frames "$OUT" "websocket.opcode == 8 && websocket.payload.close.status_code == 4000" 2 2
expect_frames "$OUT" "tcp.flags.fin==1" 2 2
expect_frames "$OUT" "tcp.flags.reset==1" 0 0
first_fin_src=$(tsh "$OUT" -Y 'tcp.flags.fin==1' -T fields -e tcp.srcport | head -1)
[ "$first_fin_src" = "$PORT" ] || die "the client sent the first FIN"
