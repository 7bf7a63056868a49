#!/bin/bash
# loop.pcap: two HTTP GETs on loopback, one over IPv4 (127.0.0.1) and one
# over IPv6 (::1), CONVERTED to link type LOOP (DLT 108, OpenBSD loopback:
# 4-byte address family in network byte order; AF_INET 2, AF_INET6 24 as on
# OpenBSD). Linux cannot capture with this link type, so the packets
# are a real capture on lo (Ethernet link type) whose 14-byte Ethernet header
# tools/relink.py replaces with the 4-byte family header. Nothing else changes.
set -euo pipefail
. "$(dirname "$0")/lib.sh"
require_root
PORT=8100
OUT="$SAMPLES_DIR/loop.pcap"
RAW="$TMPD/raw.pcap"

server_start $PORT "$PY" "$SAMPLES_DIR/servers/httpd.py" --host 127.0.0.1 --port $PORT
SERVER_ADDR='[::1]' server_start $PORT "$PY" "$SAMPLES_DIR/servers/httpd.py" --host ::1 --port $PORT
cap_start lo "$RAW" "tcp port $PORT"
curl -sS "http://127.0.0.1:$PORT/" >/dev/null
curl -sS -g "http://[::1]:$PORT/" >/dev/null
cap_stop 16
server_stop
"$PY" "$SAMPLES_DIR/tools/relink.py" --to loop --af6 24 "$RAW" "$OUT"

tsh "$OUT"
capinfos -t -E -c -s -u -l "$OUT"
capinfos -E "$OUT" | grep -q 'OpenBSD loopback' || die "wrong link type"
expect_frames "$OUT" "ip && tcp.flags.syn==1 && tcp.flags.ack==0" 1 1
expect_frames "$OUT" "ipv6 && tcp.flags.syn==1 && tcp.flags.ack==0" 1 1
expect_frames "$OUT" "null.family == 2 && ip" 10 10
expect_frames "$OUT" "null.family == 24 && ipv6" 10 10
expect_frames "$OUT" "http.response" 2 2
