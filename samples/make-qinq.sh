#!/bin/bash
# qinq.pcap: an HTTP GET carried in 802.1ad (QinQ) frames: outer S-tag
# 802.1ad VLAN 200, inner C-tag 802.1Q VLAN 10 (same setup as make-vlan.sh).
# Two network namespaces made here (and deleted at the end) are joined by a
# veth pair with addresses of their own (10.200.201.1 client, .2 server).
# This kernel has no 802.1Q driver ("ip link add ... type vlan" fails:
# Unknown device type), so each veth end pushes the tags on egress (inner
# 802.1Q, then outer 802.1ad) and pops them on ingress with a tc BPF
# program (tools/vlan_tag.bpf.c, kernel helpers bpf_skb_vlan_push/pop). The
# capture runs on the client's veth inside its namespace: tcpdump sees
# outgoing frames after the tags were pushed and incoming frames before they
# are popped, so every frame carries both tags.
set -euo pipefail
. "$(dirname "$0")/lib.sh"
require_root
command -v clang >/dev/null || die "missing clang (to build tools/vlan_tag.bpf.c)"
PORT=8092
OUT="$SAMPLES_DIR/qinq.pcap"
NSA=tcpview-qinq-a     # client
NSB=tcpview-qinq-b     # server
NET=10.200.201

cleanup_extra() {
    ip netns del "$NSA" 2>/dev/null || true
    ip netns del "$NSB" 2>/dev/null || true
}
cleanup_extra
clang -O2 -target bpf -c "$SAMPLES_DIR/tools/vlan_tag.bpf.c" -DINNER_ID=10 -DOUTER_ID=200 -o "$TMPD/vlan_tag.o"
ip netns add "$NSA"
ip netns add "$NSB"
ip link add tvqa netns "$NSA" type veth peer name tvqb netns "$NSB"
for side in a b; do
    if [ $side = a ]; then ns=$NSA n=1; else ns=$NSB n=2; fi
    dev=tvq$side
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
CAP_NETNS=$NSA cap_start tvqa "$OUT" "vlan and vlan and tcp port $PORT"
ip netns exec "$NSA" curl -sS --max-time 5 "http://$NET.2:$PORT/" >/dev/null
cap_stop 8
server_stop

tsh "$OUT" -V -c 1 | grep -A5 '802.1' || true
tsh "$OUT"
expect_frames "$OUT" "eth.type == 0x88a8 && ieee8021ad.id == 200 && vlan.id == 10 && tcp" 8
expect_frames "$OUT" "!vlan || !ieee8021ad" 0 0
expect_frames "$OUT" "http.response" 1 1
