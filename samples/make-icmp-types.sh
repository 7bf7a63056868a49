#!/bin/bash
# icmp-types.pcap: SYNs a firewall answers with every ICMP error that
# iptables/ip6tables REJECT can send, one port per type, one connection
# attempt each (curl), in this order:
#   IPv4 127.0.0.1: 8130 icmp-net-unreachable (type 3 code 0),
#     8131 icmp-host-unreachable (3/1), 8132 icmp-port-unreachable (3/3),
#     8133 icmp-proto-unreachable (3/2), 8134 icmp-net-prohibited (3/9),
#     8135 icmp-host-prohibited (3/10), 8136 icmp-admin-prohibited (3/13);
#   IPv6 ::1: 8137 icmp6-no-route (type 1 code 0), 8138 icmp6-adm-prohibited
#     (1/1), 8139 icmp6-addr-unreachable (1/3), 8140 icmp6-port-unreachable
#     (1/4), 8141 icmp6-policy-fail (1/5), 8142 icmp6-reject-route (1/6);
#   and 8143 (IPv4) a plain DROP: the SYN gets no answer, the kernel sends
#   it again after 1 s and 2 s, and curl gives up after 2.5 s.
# On loopback the ICMP error comes back while connect() is still sending
# the SYN and holds the socket (nstat TcpExtLockDroppedIcmps counts every
# one of them here). Over IPv4 curl still sees the error at once
# ("Couldn't connect to server" after 0 ms); over IPv6 Linux only notes it
# as a soft error, so the SYN would be sent again after 1 s and draw a
# second, identical error, which then ends the attempt (seen with a 3 s
# timeout). curl therefore gives each REJECTed port 0.5 s
# (--connect-timeout 0.5): one SYN and one ICMP error per port.
# Runs in a private network namespace (its own loopback, MTU 65536 like the
# host's); the rules live in that namespace's INPUT chains only, are
# deleted at the end and go with the namespace on exit, also on failure.
set -euo pipefail
. "$(dirname "$0")/lib.sh"
require_root
command -v iptables >/dev/null || die "missing iptables"
command -v ip6tables >/dev/null || die "missing ip6tables"
command -v curl >/dev/null || die "missing curl"
OUT="$SAMPLES_OUT/icmp-types.pcap"
NS=tcpview-icmptypes
DROP_PORT=8143
# port  iptables command  reject type  expected ICMP type/code
TYPES=(
    "8130 iptables  icmp-net-unreachable   3 0"
    "8131 iptables  icmp-host-unreachable  3 1"
    "8132 iptables  icmp-port-unreachable  3 3"
    "8133 iptables  icmp-proto-unreachable 3 2"
    "8134 iptables  icmp-net-prohibited    3 9"
    "8135 iptables  icmp-host-prohibited   3 10"
    "8136 iptables  icmp-admin-prohibited  3 13"
    "8137 ip6tables icmp6-no-route         1 0"
    "8138 ip6tables icmp6-adm-prohibited   1 1"
    "8139 ip6tables icmp6-addr-unreachable 1 3"
    "8140 ip6tables icmp6-port-unreachable 1 4"
    "8141 ip6tables icmp6-policy-fail      1 5"
    "8142 ip6tables icmp6-reject-route     1 6"
)

cleanup_extra() {   # before lib_cleanup deletes the namespace
    ip netns exec $NS iptables -F INPUT 2>/dev/null || true
    ip netns exec $NS ip6tables -F INPUT 2>/dev/null || true
}
netns_lo $NS 65536
for t in "${TYPES[@]}"; do
    read -r port cmd type _ _ <<<"$t"
    ip netns exec $NS "$cmd" -A INPUT -i lo -p tcp --dport "$port" --syn \
        -j REJECT --reject-with "$type"
done
ip netns exec $NS iptables -A INPUT -i lo -p tcp --dport $DROP_PORT --syn -j DROP
ip netns exec $NS iptables -S INPUT >&2
ip netns exec $NS ip6tables -S INPUT >&2

CAP_NETNS=$NS cap_start lo "$OUT" "tcp portrange 8130-$DROP_PORT or icmp or icmp6"
for t in "${TYPES[@]}"; do
    read -r port cmd type _ _ <<<"$t"
    if [ "$cmd" = ip6tables ]; then url="http://[::1]:$port/"; else url="http://127.0.0.1:$port/"; fi
    if ip netns exec $NS curl -sS -g --connect-timeout 0.5 "$url" >/dev/null 2>"$TMPD/curl.err"; then
        die "something answered on port $port"
    fi
    log "$port $type: $(cat "$TMPD/curl.err")"
    sleep 0.1
done
if ip netns exec $NS curl -sS --connect-timeout 2.5 "http://127.0.0.1:$DROP_PORT/" >/dev/null \
        2>"$TMPD/curl.err"; then
    die "something answered on port $DROP_PORT"
fi
log "$DROP_PORT DROP: $(cat "$TMPD/curl.err")"
cap_stop 20
# counters of the namespace (made for this script): ICMP errors that came
# while connect() held the socket, SYNs resent
ip netns exec $NS nstat -as TcpExtLockDroppedIcmps TcpExtTCPSynRetrans IcmpInDestUnreachs \
    Icmp6InDestUnreachs >&2 || true
ip netns exec $NS iptables -L INPUT -n -v -x >&2
ip netns exec $NS ip6tables -L INPUT -n -v -x >&2
cleanup_extra

tsh "$OUT"
capinfos -t -E -c -s -u -l "$OUT"
expect_frames "$OUT" "tcp.flags.syn==1 && tcp.flags.ack==0 && !icmp && !icmpv6" 16 16
expect_frames "$OUT" "icmp" 7 7
expect_frames "$OUT" "icmpv6" 6 6
expect_frames "$OUT" "tcp.flags.ack==1 || tcp.flags.reset==1" 0 0
expect_frames "$OUT" "tcp.dstport==$DROP_PORT && !icmp && !icmpv6" 3 3
expect_frames "$OUT" "tcp.analysis.retransmission" 2 2
expect_frames "$OUT" "tcp.dstport==$DROP_PORT && tcp.analysis.retransmission" 2 2
# Each ICMP error once, in order, quoting the SYN to its port, and right
# after that SYN.
want=""
for t in "${TYPES[@]}"; do
    read -r port _ _ itype icode <<<"$t"
    want+="$itype/$icode $port"$'\n'
done
got=$(tshark -n -r "$OUT" -Y "icmp || icmpv6" -T fields -E occurrence=f \
    -e icmp.type -e icmp.code -e icmpv6.type -e icmpv6.code -e tcp.dstport 2>/dev/null |
    awk -F'\t' '{ printf "%s/%s %s\n", $1 $3, $2 $4, $5 }')
if [ "$got" != "${want%$'\n'}" ]; then
    printf 'want:\n%sgot:\n%s\n' "$want" "$got" >&2
    die "the ICMP errors are not the expected ones in the expected order"
fi
log "check ok: ${#TYPES[@]} ICMP errors, each type/code once, in order, each about the SYN to its port"
pairs=$(tshark -n -r "$OUT" -T fields -e frame.number -e tcp.dstport -e icmp.type -e icmpv6.type \
    -E occurrence=f 2>/dev/null | awk -F'\t' '
    $3 == "" && $4 == "" { syn = $2; next }
    { if ($2 != syn) bad++; n++ }
    END { print (bad ? -1 : n + 0) }')
[ "$pairs" -eq ${#TYPES[@]} ] || die "an ICMP error does not follow the SYN it quotes"
log "check ok: every ICMP error right after the SYN it answers"
