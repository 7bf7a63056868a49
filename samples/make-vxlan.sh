#!/bin/bash
# vxlan.pcap: an HTTP GET over a VXLAN overlay (VNI 42, UDP port 4789),
# captured on the underlay, so every frame is Ethernet / IPv4 / UDP / VXLAN
# / Ethernet / IPv4 / TCP.
#
# Two network namespaces are made (and removed at the end): tcpview-vxlan-a
# (client) and tcpview-vxlan-b (server), joined by a veth pair, the
# underlay, 10.200.42.1 -- 10.200.42.2.  On each side a vxlan device (VNI
# 42, dstport 4789, remote = the other underlay address) carries the
# overlay, 10.201.42.1 -- 10.201.42.2:8106.  So that nothing but the TCP
# connection crosses the tunnel: each overlay neighbour is a permanent ARP
# entry (no ARP inside the tunnel), IPv6 is off on every device (no
# neighbour discovery or MLD), and checksum offloads, TSO, GSO and GRO are
# off, so the bytes on the underlay are the bytes on the wire (inner TCP
# checksums computed, one segment per packet); the outer UDP checksums are
# computed too on this kernel (tshark: all correct).  The UDP source port
# is the one Linux picks for each flow and direction (RFC 7348 §5: a hash
# of the inner headers).  tcpdump captures "udp port 4789" on the client's
# veth.
set -euo pipefail
. "$(dirname "$0")/lib.sh"
require_root
command -v ethtool >/dev/null || die "missing ethtool"
PORT=8106
VNI=42
OUT="$SAMPLES_OUT/vxlan.pcap"
NSA=tcpview-vxlan-a
NSB=tcpview-vxlan-b

cleanup_extra() {
    ip netns del $NSA 2>/dev/null || true
    ip netns del $NSB 2>/dev/null || true
}
cleanup_extra
ip netns add $NSA
ip netns add $NSB
ip link add tvxa netns $NSA type veth peer name tvxb netns $NSB
# vxlan_side NS VETH UNDERLAY PEER_UNDERLAY OVERLAY MAC PEER_OVERLAY PEER_MAC
vxlan_side() {
    local ns=$1 veth=$2 under=$3 peer=$4 over=$5 mac=$6 peerover=$7 peermac=$8
    ip netns exec "$ns" sysctl -q -w net.ipv6.conf.all.disable_ipv6=1 \
        net.ipv6.conf.default.disable_ipv6=1
    ip -n "$ns" link set lo up
    ip netns exec "$ns" ethtool -K "$veth" tx off tso off gso off gro off >/dev/null
    ip -n "$ns" addr add "$under/24" dev "$veth"
    ip -n "$ns" link set "$veth" mtu 1500 up
    ip -n "$ns" link add vxlan$VNI type vxlan id $VNI dstport 4789 \
        local "$under" remote "$peer" dev "$veth"
    ip netns exec "$ns" ethtool -K vxlan$VNI tx off tso off gso off gro off >/dev/null
    ip -n "$ns" link set vxlan$VNI address "$mac" mtu 1450 up
    ip -n "$ns" addr add "$over/24" dev vxlan$VNI
    ip -n "$ns" neigh add "$peerover" lladdr "$peermac" dev vxlan$VNI nud permanent
}
vxlan_side $NSA tvxa 10.200.42.1 10.200.42.2 10.201.42.1 02:00:00:00:2a:01 \
    10.201.42.2 02:00:00:00:2a:02
vxlan_side $NSB tvxb 10.200.42.2 10.200.42.1 10.201.42.2 02:00:00:00:2a:02 \
    10.201.42.1 02:00:00:00:2a:01

SERVER_NETNS=$NSB server_start $PORT "$PY" "$SAMPLES_DIR/servers/httpd.py" \
    --host 10.201.42.2 --port $PORT
CAP_NETNS=$NSA cap_start tvxa "$OUT" "udp port 4789"
ip netns exec $NSA curl -sS --max-time 5 "http://10.201.42.2:$PORT/" >/dev/null
cap_stop 8
server_stop

tsh "$OUT"
capinfos -t -E -c -s -u -l "$OUT"
# Every frame is the TCP connection inside VXLAN 42, nothing else.
n=$(count_frames "$OUT" "frame")
expect_frames "$OUT" "vxlan.vni == $VNI && eth.type == 0x0800 && tcp.port == $PORT" "$n" "$n"
expect_frames "$OUT" "tcp.flags.syn == 1 && tcp.flags.ack == 0" 1 1
expect_frames "$OUT" "http.request" 1 1
expect_frames "$OUT" "http.response" 1 1
expect_frames "$OUT" "tcp.flags.fin == 1" 2 2
expect_frames "$OUT" "tcp.flags.reset == 1" 0 0
[ "$(stat -c %s "$OUT")" -lt 10240 ] || die "vxlan.pcap is larger than 10 KB"
