#!/bin/bash
# Regenerate every sample capture (run as root). Each make-<name>.sh checks
# its own capture with tshark; this script runs them one after another,
# keeps going after a failure and exits non-zero if any failed.
#   ./make-all.sh            all samples
#   ./make-all.sh http loss  only these (names without make- and .sh)
set -euo pipefail
cd "$(dirname "$0")"
[ "$(id -u)" -eq 0 ] || { echo "make-all.sh: must run as root" >&2; exit 1; }
if [ $# -gt 0 ]; then
    names=("$@")
else
    names=(http keepalive websocket http2 rst-noread rst-partial close-fullread
           refused syn-unanswered icmp-reject rto ipv6 any-sll2 any-sll vlan qinq vxlan bulk-wscale zero-window
           loss snaplen pcapng multilink nanosecond null-loopback loop
           http-pipeline http-chunked http-continue websocket-full http2-streams
           tls12 tls13 tls-alert dns-http
           app-limited nagle-delack reset-after-idle rwnd-limited
           midstream capture-loss icmp-types)
fi
failed=()
LOGDIR=$(mktemp -d /tmp/tcpview-make-all.XXXXXX)   # one log per sample
for n in "${names[@]}"; do
    echo "=== make-$n.sh" >&2
    if ./"make-$n.sh" >"$LOGDIR/$n.log" 2>&1; then
        grep -E '^make-[a-z0-9-]+\.sh: [a-z0-9.-]+: [0-9]+ packets' "$LOGDIR/$n.log" >&2 || true
    else
        echo "FAILED: make-$n.sh (log: $LOGDIR/$n.log)" >&2
        tail -5 "$LOGDIR/$n.log" >&2
        failed+=("$n")
    fi
done
capinfos -T -r -t -E -c -s *.pcap *.pcapng 2>/dev/null | column -t -s $'\t' >&2 || true
du -ch *.pcap *.pcapng | tail -1 >&2
if [ ${#failed[@]} -gt 0 ]; then
    echo "failed: ${failed[*]}" >&2
    exit 1
fi
