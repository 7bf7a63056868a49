#!/bin/bash
# rwnd-limited.pcap: a 2 MB HTTP download across a path with a 30 ms RTT,
# limited by the receiver's small receive window: the client sets SO_RCVBUF
# before connect (so its window stays small all along) and reads everything
# as soon as it arrives (its window never closes, it is just small). The
# server fills the advertised window every round trip and then waits for the
# ACKs: bytes in flight sit at the window, and the throughput is about
# window / RTT, far below what the path carries.
#
# Two network namespaces, server tcpview-rwnd-srv 10.200.127.1 and client
# tcpview-rwnd-cli 10.200.127.2, joined by tools/taprelay.py: a tap device
# in each, and a user-space relay that passes every frame to the other side
# 15 ms later, both ways (this kernel has no netem). MTU 1500, TSO/GSO/GRO
# off, gso_max_segs 1 (one MSS-sized segment per packet). Captured at the
# sender (on the server's tap) with snap length 128, headers only.
set -euo pipefail
. "$(dirname "$0")/lib.sh"
require_root
command -v ethtool >/dev/null || die "missing ethtool"
PORT=8127
OUT="$SAMPLES_OUT/rwnd-limited.pcap"
NSS=tcpview-rwnd-srv
NSC=tcpview-rwnd-cli
DEVS=tvrws
DEVC=tvrwc
DELAY=0.015               # one way: RTT 30 ms
SIZE=2000000
RCVBUF=${RCVBUF:-16384}   # SO_RCVBUF of the client (the kernel doubles it)
RELAY_PID=""

cleanup_extra() {
    if [ -n "$RELAY_PID" ]; then
        kill "$RELAY_PID" 2>/dev/null || true
        wait "$RELAY_PID" 2>/dev/null || true
        RELAY_PID=""
    fi
    ip netns del $NSS 2>/dev/null || true
    ip netns del $NSC 2>/dev/null || true
}
cleanup_extra
for ns in $NSS $NSC; do
    ip netns add "$ns"
    ip -n "$ns" link set lo up
    ip netns exec "$ns" sysctl -q -w net.ipv6.conf.all.disable_ipv6=1 net.ipv6.conf.default.disable_ipv6=1
done
"$PY" "$SAMPLES_DIR/tools/taprelay.py" --delay $DELAY $NSS:$DEVS $NSC:$DEVC \
    >"$TMPD/relay.out" 2>"$TMPD/relay.err" &
RELAY_PID=$!
for _ in $(seq 1 50); do
    grep -q ready "$TMPD/relay.out" && break
    kill -0 $RELAY_PID 2>/dev/null || { cat "$TMPD/relay.err" >&2; die "taprelay.py exited"; }
    sleep 0.1
done
grep -q ready "$TMPD/relay.out" || die "taprelay.py did not start"
for nd in $NSS:$DEVS:10.200.127.1 $NSC:$DEVC:10.200.127.2; do
    IFS=: read -r ns dev addr <<<"$nd"
    ip netns exec "$ns" ethtool -K "$dev" tso off gso off gro off >/dev/null
    ip -n "$ns" link set "$dev" mtu 1500 gso_max_segs 1 up
    ip -n "$ns" addr add "$addr/24" dev "$dev"
done

SERVER_NETNS=$NSS server_start $PORT "$PY" "$SAMPLES_DIR/servers/httpd.py" \
    --host 10.200.127.1 --port $PORT
CAP_NETNS=$NSS cap_start $DEVS "$OUT" "tcp port $PORT" -s 128
ip netns exec $NSC "$PY" "$SAMPLES_DIR/clients/slowget.py" 10.200.127.1 $PORT /bytes/$SIZE \
    --rcvbuf "$RCVBUF" >&2
cap_stop 1000
server_stop
cleanup_extra
cat "$TMPD/relay.err" >&2

capinfos -t -E -c -s -u -l "$OUT"
TA=(-o tcp.analyze_sequence_numbers:TRUE -o tcp.calculate_timestamps:TRUE)
tshark -n -r "$OUT" "${TA[@]}" -Y tcp.analysis.flags 2>/dev/null \
    | grep -oE '\[TCP [A-Za-z -]+' | sort | uniq -c >&2 || true
expect_frames "$OUT" "tcp.flags.syn==1" 2 2
expect_frames "$OUT" "tcp.analysis.retransmission || tcp.analysis.lost_segment" 0 0
expect_frames "$OUT" "tcp.analysis.zero_window" 0 0
expect_frames "$OUT" "tcp.flags.fin==1" 2 2
# For each data segment of the server: bytes in flight after it against the
# client's last advertised window. Most of the transfer must be pinned at
# the window (within one MSS); the RTT is the median ACK RTT.
tshark -n -r "$OUT" "${TA[@]}" -T fields -e frame.number -e frame.time_relative \
    -e tcp.srcport -e tcp.len -e tcp.analysis.bytes_in_flight -e tcp.window_size \
    -e tcp.analysis.ack_rtt 2>/dev/null >"$TMPD/fields"
rtt=$(awk -F'\t' -v port=$PORT '$3 != port && $7 != "" { print $7 * 1000 }' "$TMPD/fields" \
    | sort -n | awk '{ v[NR] = $1 } END { printf "%.1f", v[int((NR + 1) / 2)] }')
read -r pinned data win_min win_max tput < <(awk -F'\t' -v port=$PORT '
    $3 != port && $6 != "" { win = $6 }
    $3 != port && $6 != "" && seen { if (wmin == "" || win < wmin) wmin = win; if (win > wmax) wmax = win }
    $3 == port && $4 > 0 {
        seen = 1; n++; bytes += $4
        if (t0 == "") t0 = $2
        t1 = $2
        if ($5 + 1448 >= win) p++
    }
    END { printf "%d %d %d %d %.0f\n", p, n, wmin, wmax, bytes / (t1 - t0) }' "$TMPD/fields")
log "client window $win_min..$win_max bytes, median ACK RTT $rtt ms, throughput $tput bytes/s"
log "$pinned of $data data segments leave the window full (bytes in flight >= window - 1448)"
[ $((pinned * 100)) -ge $((data * 70)) ] || die "only $pinned of $data segments pinned at the window"
log "check ok: in flight pinned at the receive window for $((pinned * 100 / data))% of the data segments"
expect_frames "$OUT" "tcp.analysis.window_full" $((data / 3))
# throughput ~ window / RTT
awk -v t="$tput" -v w="$win_max" -v r="$rtt" 'BEGIN { x = t * r / 1000 / w; exit !(x > 0.8 && x < 1.1) }' \
    || die "throughput $tput bytes/s is not about window/RTT = $win_max / $rtt ms"
log "check ok: throughput $tput bytes/s ~ window / RTT = $(awk -v w="$win_max" -v r="$rtt" 'BEGIN { printf "%.0f", w / r * 1000 }') bytes/s"
