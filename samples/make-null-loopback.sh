#!/bin/bash
# null-loopback.pcap: two HTTP GETs on loopback, one over IPv4 (127.0.0.1) and one
# over IPv6 (::1), CONVERTED to link type NULL (DLT 0, BSD/macOS loopback:
# 4-byte address family in host byte order, written little-endian; AF_INET 2,
# AF_INET6 30 as on macOS). Linux cannot capture with this link type, so the packets
# are a real capture on lo (Ethernet link type) whose 14-byte Ethernet header
# tools/relink.py replaces with the 4-byte family header. Nothing else changes.
set -euo pipefail
. "$(dirname "$0")/lib.sh"
require_root
PORT=8099
OUT="$SAMPLES_DIR/null-loopback.pcap"
RAW="$TMPD/raw.pcap"

server_start $PORT "$PY" "$SAMPLES_DIR/servers/httpd.py" --host 127.0.0.1 --port $PORT
SERVER_ADDR='[::1]' server_start $PORT "$PY" "$SAMPLES_DIR/servers/httpd.py" --host ::1 --port $PORT
cap_start lo "$RAW" "tcp port $PORT"
curl -sS "http://127.0.0.1:$PORT/" >/dev/null
curl -sS -g "http://[::1]:$PORT/" >/dev/null
cap_stop 16
server_stop
"$PY" "$SAMPLES_DIR/tools/relink.py" --to null --af6 30 "$RAW" "$OUT"

tsh "$OUT"
capinfos -t -E -c -s -u -l "$OUT"
capinfos -E "$OUT" | grep -q 'NULL/Loopback' || die "wrong link type"
expect_frames "$OUT" "ip && tcp.flags.syn==1 && tcp.flags.ack==0" 1 1
expect_frames "$OUT" "ipv6 && tcp.flags.syn==1 && tcp.flags.ack==0" 1 1
expect_frames "$OUT" "null.family == 2 && ip" 10 10
expect_frames "$OUT" "null.family == 30 && ipv6" 10 10
expect_frames "$OUT" "http.response" 2 2
