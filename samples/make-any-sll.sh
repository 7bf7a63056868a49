#!/bin/bash
# any-sll.pcap: an HTTP GET captured on "any" with the older cooked header
# LINUX_SLL (DLT 113), forced with tcpdump -y LINUX_SLL.
set -euo pipefail
. "$(dirname "$0")/lib.sh"
require_root
PORT=8090
OUT="$SAMPLES_DIR/any-sll.pcap"

server_start $PORT "$PY" "$SAMPLES_DIR/servers/httpd.py" --port $PORT
cap_start any "$OUT" "tcp port $PORT" -y LINUX_SLL
curl -sS "http://127.0.0.1:$PORT/" >/dev/null
cap_stop 8
server_stop

tsh "$OUT"
capinfos -t -E -c -s -u -l "$OUT"
capinfos -E "$OUT" | grep -q 'Linux cooked-mode capture v1' || die "link type is not LINUX_SLL"
expect_frames "$OUT" "http.response" 1 1
