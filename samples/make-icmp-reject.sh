#!/bin/bash
# icmp-reject.pcap: SYNs a firewall rejects with ICMP errors instead of
# dropping them: iptables REJECT on lo, port 8121 with
# icmp-port-unreachable (type 3 code 3), port 8122 with
# icmp-admin-prohibited (type 3 code 13).  curl fails at once both times
# ("Connection refused" / "No route to host").  The capture holds both
# SYNs and both ICMP errors, which quote the SYNs' headers.
set -euo pipefail
. "$(dirname "$0")/lib.sh"
require_root
command -v iptables >/dev/null || die "missing iptables"
OUT="$SAMPLES_OUT/icmp-reject.pcap"
R1=(INPUT -i lo -p tcp --dport 8121 --syn -j REJECT --reject-with icmp-port-unreachable)
R2=(INPUT -i lo -p tcp --dport 8122 --syn -j REJECT --reject-with icmp-admin-prohibited)
port_free 8121
port_free 8122
iptables -I "${R1[@]}"
iptables -I "${R2[@]}"
trap 'iptables -D "${R1[@]}" 2>/dev/null || true; iptables -D "${R2[@]}" 2>/dev/null || true; lib_cleanup' EXIT
cap_start lo "$OUT" "tcp port 8121 or tcp port 8122 or icmp"
for port in 8121 8122; do
    if curl -sS --connect-timeout 3 "http://127.0.0.1:$port/" >/dev/null 2>"$TMPD/curl.err"; then
        die "something answered on port $port"
    fi
    cat "$TMPD/curl.err" >&2
done
cap_stop 2
iptables -D "${R1[@]}"
iptables -D "${R2[@]}"
tsh "$OUT"
expect_frames "$OUT" "tcp.flags.syn==1 && tcp.flags.ack==0 && !icmp" 2 2
expect_frames "$OUT" "icmp.type==3 && icmp.code==3" 1 1
expect_frames "$OUT" "icmp.type==3 && icmp.code==13" 1 1
