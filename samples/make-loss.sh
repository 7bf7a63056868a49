#!/bin/bash
# loss.pcap: a 1 MB HTTP download across a "router" that loses about 3% of
# the server's segments at random. The capture is taken at the client
# (receiver): gaps where a segment was lost ("previous segment not
# captured"), duplicate ACKs carrying SACK blocks, fast retransmissions,
# retransmissions after a timeout and out-of-order segments.
#
# Three network namespaces are made (and removed at the end): server
# 10.200.1.1 -- router 10.200.1.2/10.200.2.2 -- client 10.200.2.1, joined by
# veth pairs with MTU 1500, TSO/GSO/GRO off and gso_max_segs 1 (one
# MSS-sized segment per packet). The router forwards and drops with
#   iptables -A FORWARD -p tcp --sport PORT -m statistic --mode random \
#            --probability 0.03 -j DROP
# (in the router namespace only). The loss has to happen in a middle box:
# a DROP in the sender's own OUTPUT chain returns an error to TCP, which
# simply sends the segment again later, so nothing is lost on the wire.
# Captured with snap length 128 (headers complete, payload cut) to keep the
# file small; lengths come from the IP header.
set -euo pipefail
. "$(dirname "$0")/lib.sh"
require_root
command -v iptables >/dev/null || die "missing iptables"
command -v ethtool >/dev/null || die "missing ethtool"
PORT=8095
OUT="$SAMPLES_OUT/loss.pcap"
NSS=tcpview-loss-srv
NSR=tcpview-loss-rtr
NSC=tcpview-loss-cli
SIZE=1000000

cleanup_extra() {
    local ns
    for ns in $NSS $NSR $NSC; do ip netns del $ns 2>/dev/null || true; done
}
cleanup_extra
for ns in $NSS $NSR $NSC; do ip netns add $ns; ip -n $ns link set lo up; done
ip link add tvls netns $NSS type veth peer name tvlrs netns $NSR
ip link add tvlc netns $NSC type veth peer name tvlrc netns $NSR
for nd in $NSS:tvls:10.200.1.1 $NSR:tvlrs:10.200.1.2 $NSR:tvlrc:10.200.2.2 $NSC:tvlc:10.200.2.1; do
    IFS=: read -r ns dev addr <<<"$nd"
    ip netns exec $ns ethtool -K $dev tso off gso off gro off >/dev/null
    ip -n $ns link set $dev mtu 1500 gso_max_segs 1 up
    ip -n $ns addr add $addr/24 dev $dev
done
ip -n $NSS route add default via 10.200.1.2
ip -n $NSC route add default via 10.200.2.2
ip netns exec $NSR sysctl -q -w net.ipv4.ip_forward=1
ip netns exec $NSR iptables -A FORWARD -p tcp --sport $PORT \
    -m statistic --mode random --probability 0.03 -j DROP

SERVER_NETNS=$NSS server_start $PORT "$PY" "$SAMPLES_DIR/servers/httpd.py" --host 10.200.1.1 --port $PORT
CAP_NETNS=$NSC cap_start tvlc "$OUT" "tcp port $PORT" -s 128
ip netns exec $NSC "$PY" "$SAMPLES_DIR/clients/slowget.py" 10.200.1.1 $PORT /bytes/$SIZE >&2
cap_stop 500
server_stop
ip netns exec $NSR iptables -L FORWARD -n -v >&2

capinfos -t -E -c -s -u -l "$OUT"
tshark -n -r "$OUT" -o tcp.analyze_sequence_numbers:TRUE -Y tcp.analysis.flags 2>/dev/null \
    | grep -oE '\[TCP [A-Za-z -]+' | sort | uniq -c >&2 || true
expect_frames "$OUT" "tcp.analysis.lost_segment" 3
expect_frames "$OUT" "tcp.analysis.duplicate_ack" 3
expect_frames "$OUT" "tcp.analysis.fast_retransmission" 1
expect_frames "$OUT" "tcp.analysis.retransmission" 1
expect_frames "$OUT" "tcp.analysis.out_of_order" 1
