#!/bin/bash
# any-sll2.pcap: an HTTP GET captured on the pseudo-interface "any", which
# this tcpdump/libpcap (4.99/1.10) records as LINUX_SLL2 (DLT 276).
set -euo pipefail
. "$(dirname "$0")/lib.sh"
require_root
PORT=8089
OUT="$SAMPLES_DIR/any-sll2.pcap"

server_start $PORT "$PY" "$SAMPLES_DIR/servers/httpd.py" --port $PORT
cap_start any "$OUT" "tcp port $PORT" -y LINUX_SLL2
curl -sS "http://127.0.0.1:$PORT/" >/dev/null
cap_stop 8
server_stop

tsh "$OUT"
capinfos -t -E -c -s -u -l "$OUT"
capinfos -E "$OUT" | grep -q 'Linux cooked-mode capture v2' || die "link type is not LINUX_SLL2"
expect_frames "$OUT" "sll.ifindex" 1
expect_frames "$OUT" "http.response" 1 1
