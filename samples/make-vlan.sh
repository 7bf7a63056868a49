#!/bin/bash
# vlan.pcap: an HTTP GET carried in 802.1Q frames (VLAN 100).
# Two network namespaces made here (and deleted at the end) are joined by a
# veth pair with addresses of their own (10.200.100.1 client, .2 server).
# This kernel has no 802.1Q driver ("ip link add ... type vlan" fails: Unknown
# device type), so each veth end pushes the tag on egress and pops it on
# ingress with a tc BPF program (tools/vlan_tag.bpf.c, kernel helper
# bpf_skb_vlan_push/pop). The capture runs on the client's veth inside its
# namespace: tcpdump sees outgoing frames after the tag was pushed and
# incoming frames before it is popped, so every frame carries the tag.
set -euo pipefail
. "$(dirname "$0")/lib.sh"
require_root
command -v clang >/dev/null || die "missing clang (to build tools/vlan_tag.bpf.c)"
PORT=8091
OUT="$SAMPLES_DIR/vlan.pcap"
NSA=tcpview-vlan-a     # client
NSB=tcpview-vlan-b     # server
NET=10.200.100

cleanup_extra() {
    ip netns del "$NSA" 2>/dev/null || true
    ip netns del "$NSB" 2>/dev/null || true
}
cleanup_extra
clang -O2 -target bpf -c "$SAMPLES_DIR/tools/vlan_tag.bpf.c" -DINNER_ID=100 -o "$TMPD/vlan_tag.o"
ip netns add "$NSA"
ip netns add "$NSB"
ip link add tvva netns "$NSA" type veth peer name tvvb netns "$NSB"
for side in a b; do
    if [ $side = a ]; then ns=$NSA n=1; else ns=$NSB n=2; fi
    dev=tvv$side
    ip -n "$ns" link set lo up
    # tags written into the frame bytes rather than kept as skb metadata
    ip netns exec "$ns" ethtool -K $dev txvlan off tx-vlan-stag-hw-insert off >/dev/null 2>&1 || true
    tc -n "$ns" qdisc add dev $dev clsact
    tc -n "$ns" filter add dev $dev egress bpf da obj "$TMPD/vlan_tag.o" sec egress
    tc -n "$ns" filter add dev $dev ingress bpf da obj "$TMPD/vlan_tag.o" sec ingress
    ip -n "$ns" addr add $NET.$n/24 dev $dev
    ip -n "$ns" link set $dev up
done

SERVER_NETNS=$NSB server_start $PORT "$PY" "$SAMPLES_DIR/servers/httpd.py" --host $NET.2 --port $PORT
CAP_NETNS=$NSA cap_start tvva "$OUT" "vlan and tcp port $PORT"
ip netns exec "$NSA" curl -sS --max-time 5 "http://$NET.2:$PORT/" >/dev/null
cap_stop 8
server_stop

tsh "$OUT" -V -c 1 | grep -A4 '802.1Q' || true
tsh "$OUT"
expect_frames "$OUT" "vlan.id == 100 && vlan.etype == 0x0800 && tcp" 8
expect_frames "$OUT" "!vlan" 0 0
expect_frames "$OUT" "http.response" 1 1
