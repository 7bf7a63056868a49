#!/bin/bash
# ipv6.pcap: an HTTP GET over ::1 (IPv6 loopback).
set -euo pipefail
. "$(dirname "$0")/lib.sh"
require_root
PORT=8088
OUT="$SAMPLES_OUT/ipv6.pcap"

server_start $PORT "$PY" "$SAMPLES_DIR/servers/httpd.py" --host ::1 --port $PORT
cap_start lo "$OUT" "ip6 and tcp port $PORT"
curl -sS -g "http://[::1]:$PORT/" >/dev/null
cap_stop 8
server_stop

tsh "$OUT"
expect_frames "$OUT" "ipv6 && tcp.flags.syn==1 && tcp.flags.ack==0" 1 1
expect_frames "$OUT" "ip" 0 0
expect_frames "$OUT" "http.response" 1 1
