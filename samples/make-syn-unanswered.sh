#!/bin/bash
# syn-unanswered.pcap: a SYN that nobody answers.  An iptables rule drops
# the SYNs to loopback port 8120 before they reach the socket layer (a
# firewall that silently drops, as opposed to refused.pcap's RST); curl
# gives up after 7 s.  The kernel resends the SYN: on this machine the
# first resends are 1 s apart (net.ipv4.tcp_syn_linear_timeouts), then the
# wait doubles (RFC 6298 5.5 backoff, Linux's TCP_TIMEOUT_INIT of 1 s).
set -euo pipefail
. "$(dirname "$0")/lib.sh"
require_root
command -v iptables >/dev/null || die "missing iptables"
PORT=8120
OUT="$SAMPLES_OUT/syn-unanswered.pcap"

port_free $PORT
RULE=(INPUT -i lo -p tcp --dport $PORT --syn -j DROP)
iptables -I "${RULE[@]}"
trap 'iptables -D "${RULE[@]}" 2>/dev/null || true; lib_cleanup' EXIT
cap_start lo "$OUT" "tcp port $PORT"
if curl -sS --connect-timeout 7 "http://127.0.0.1:$PORT/" >/dev/null 2>"$TMPD/curl.err"; then
    die "something answered on port $PORT"
fi
cat "$TMPD/curl.err" >&2
cap_stop 2
iptables -D "${RULE[@]}"
tsh "$OUT"
expect_frames "$OUT" "tcp.flags.syn==1 && tcp.flags.ack==0" 5 8
expect_frames "$OUT" "tcp.analysis.retransmission" 4 7
expect_frames "$OUT" "tcp.flags.ack==1" 0 0
