#!/bin/bash
# bulk-wscale.pcap: a 300 KB HTTP download with window scaling, read by a
# client that takes 16 KB every 4 ms, slower than the server writes: the
# client's receive window first grows (receive-buffer autotuning), then
# shrinks as unread data piles up, the server fills it ("window full") and
# the client sends window updates as it reads.
# It runs in a private network namespace whose loopback has MTU 1500 and no
# TSO/GSO/GRO, so segments are 1448 bytes as on Ethernet (the host loopback
# would send 64 KB segments and the transfer would be a dozen packets).
set -euo pipefail
. "$(dirname "$0")/lib.sh"
require_root
PORT=8093
OUT="$SAMPLES_OUT/bulk-wscale.pcap"
NS=tcpview-bulk
SIZE=300000

netns_lo $NS 1500
SERVER_NETNS=$NS server_start $PORT "$PY" "$SAMPLES_DIR/servers/httpd.py" --port $PORT
CAP_NETNS=$NS cap_start lo "$OUT" "tcp port $PORT"
ip netns exec $NS "$PY" "$SAMPLES_DIR/clients/slowget.py" 127.0.0.1 $PORT /bytes/$SIZE \
    --chunk 16384 --pause 0.004 >&2
cap_stop 100
server_stop

tsh "$OUT" -c 40
capinfos -t -E -c -s -u -l "$OUT"
expect_frames "$OUT" "tcp.flags.syn==1 && tcp.options.wscale.shift" 2 2
expect_frames "$OUT" "tcp.analysis.window_update" 1
expect_frames "$OUT" "tcp.analysis.retransmission" 0 0
wins=$(tshark -n -r "$OUT" -T fields -Y "tcp.dstport==$PORT" -e tcp.window_size 2>/dev/null | uniq)
echo "client windows (scaled):" $wins >&2
[ "$(echo "$wins" | sort -u | wc -l)" -ge 10 ] || die "the client's window hardly moved"
