#!/bin/bash
# http.pcap: one HTTP/1.1 GET with "Connection: close" to a "Hello world"
# server on 127.0.0.1:8080 that keeps the connection open until the client
# closes (like the Go server of the seed article): handshake, request,
# response, client FIN first, server FIN.
set -euo pipefail
. "$(dirname "$0")/lib.sh"
require_root
PORT=8080
OUT="$SAMPLES_OUT/http.pcap"

server_start $PORT "$PY" "$SAMPLES_DIR/servers/httpd.py" --port $PORT
cap_start lo "$OUT" "tcp port $PORT"
curl -sS -H 'Connection: close' "http://127.0.0.1:$PORT/" >/dev/null
cap_stop 8
server_stop

tsh "$OUT"
expect_frames "$OUT" "tcp.flags.syn==1 && tcp.flags.ack==0" 1 1
expect_frames "$OUT" "tcp.flags.fin==1" 2 2
expect_frames "$OUT" "tcp.flags.reset==1" 0 0
# client (the SYN sender) closes first
first_fin_src=$(tshark -n -r "$OUT" 2>/dev/null -Y 'tcp.flags.fin==1' -T fields -e tcp.srcport | head -1)
[ "$first_fin_src" != "$PORT" ] || die "server sent the first FIN"
