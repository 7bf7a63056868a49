#!/bin/bash
# refused.pcap: connect to a loopback port nobody listens on: SYN, then the
# kernel answers RST-ACK ("connection refused").
set -euo pipefail
. "$(dirname "$0")/lib.sh"
require_root
PORT=8087
OUT="$SAMPLES_OUT/refused.pcap"

port_free $PORT
cap_start lo "$OUT" "tcp port $PORT"
if curl -sS "http://127.0.0.1:$PORT/" >/dev/null 2>"$TMPD/curl.err"; then
    die "something answered on port $PORT"
fi
cat "$TMPD/curl.err" >&2
cap_stop 2
tsh "$OUT"
expect_frames "$OUT" "tcp.flags.syn==1 && tcp.flags.ack==0" 1 1
expect_frames "$OUT" "tcp.flags.reset==1 && tcp.flags.ack==1" 1 1
