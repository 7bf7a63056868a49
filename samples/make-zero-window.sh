#!/bin/bash
# zero-window.pcap: a 32 KB HTTP download by a client with a tiny receive
# buffer (SO_RCVBUF 4096 set before connect) that waits 1.5 s before reading
# and then reads 4 KB every 0.3 s, while the server writes all at once:
# window full, zero window, the sender's zero-window probes while the window
# stays shut (persist timer, backing off), window updates when the reader
# makes room, and again.
# Linux sends its zero-window probes as zero-length segments with
# seq = SND.UNA - 1 (tcp_write_wakeup/tcp_xmit_probe_skb), which tshark calls
# "TCP Keep-Alive"; tshark's "zero window probe" (1 byte of new data)
# does not occur with a Linux sender.
# Runs in a private network namespace (loopback MTU 1500, no TSO/GSO/GRO).
set -euo pipefail
. "$(dirname "$0")/lib.sh"
require_root
PORT=8094
OUT="$SAMPLES_OUT/zero-window.pcap"
NS=tcpview-zwin
SIZE=32768

netns_lo $NS 1500
SERVER_NETNS=$NS server_start $PORT "$PY" "$SAMPLES_DIR/servers/httpd.py" --port $PORT
CAP_NETNS=$NS cap_start lo "$OUT" "tcp port $PORT"
ip netns exec $NS "$PY" "$SAMPLES_DIR/clients/slowget.py" 127.0.0.1 $PORT /bytes/$SIZE \
    --rcvbuf 4096 --first-pause 1.5 --chunk 4096 --pause 0.3 >&2
cap_stop 30
server_stop

tsh "$OUT"
capinfos -t -E -c -s -u -l "$OUT"
expect_frames "$OUT" "tcp.analysis.zero_window" 5
expect_frames "$OUT" "tcp.analysis.window_full" 5
expect_frames "$OUT" "tcp.analysis.keep_alive" 3          # Linux zero-window probes
expect_frames "$OUT" "tcp.analysis.window_update" 5
