#!/bin/bash
# capture-loss.pcap: a capture that misses packets the network delivered.
# A 1 MB HTTP download (a small python server on 127.0.0.1:8129 writes the
# 1000000-byte body in 40 pieces of 25000 bytes, 25 ms apart, so the
# transfer lasts about 1 s; curl reads at once) is captured by tcpdump
# with a small kernel buffer (-B 32: a 32 KiB ring, full after some 80
# packets of snap length 128), and 0.3 s into the transfer the capture
# process is stopped for 0.2 s (SIGSTOP, SIGCONT), as a busy or
# descheduled capture process would be: the kernel's capture buffer fills
# and the packets that come after are dropped (tcpdump: "N packets dropped
# by kernel"). TCP itself loses nothing: the client receives and
# acknowledges every segment, and there is no retransmission. The capture
# has a hole: the first data segment after it is "previous segment not
# captured" and the first ACK after it acknowledges data the capture never
# saw (tshark "ACKed unseen segment").
# Server and client run on one CPU (taskset): on loopback a segment is
# handed to the receiver on the CPU that sends it, and a server sending
# both from its own CPU and from the CPU where the client's ACKs are
# processed makes the client receive some segments out of order (seen
# without taskset: out-of-order segments, duplicate ACKs with SACK, and
# retransmissions of data the client already had).
# Runs in a private network namespace (loopback MTU 1500, no TSO/GSO/GRO,
# one MSS-sized segment per packet), snap length 128. What is dropped is
# up to the scheduler, so the script tries up to 5 times until tcpdump
# reports drops and the capture shows both marks and no resend.
set -euo pipefail
. "$(dirname "$0")/lib.sh"
require_root
command -v curl >/dev/null || die "missing curl"
PORT=8129
OUT="$SAMPLES_OUT/capture-loss.pcap"
NS=tcpview-caploss
PIECES=40
SIZE=25000
PAUSE=0.025
BUF_KB=32
STOP_AFTER=0.3
STOP_FOR=0.2
CPU=$(( $(nproc) - 1 ))    # server and client on this CPU, tcpdump anywhere
command -v taskset >/dev/null || die "missing taskset"

netns_lo $NS 1500
CLIENT_PID=""
caploss_cleanup() {   # a stopped tcpdump would never see lib_cleanup's SIGINT
    [ -z "$CAP_PID" ] || kill -CONT "$CAP_PID" 2>/dev/null || true
    [ -z "$CLIENT_PID" ] || kill "$CLIENT_PID" 2>/dev/null || true
    lib_cleanup
}
trap caploss_cleanup EXIT

# Like cap_stop, but drops are expected here: stop tcpdump with SIGINT and
# read how many packets the kernel dropped from its final statistics.
DROPPED=0
cap_stop_dropped() {
    sleep 0.5
    kill -INT "$CAP_PID" 2>/dev/null || true
    wait "$CAP_PID" || true
    CAP_PID=""
    grep -E 'captured|received|dropped' "$CAP_ERR" >&2 || true
    DROPPED=$(sed -n 's/^\([0-9]*\) packets\{0,1\} dropped by kernel.*/\1/p' "$CAP_ERR")
    DROPPED=${DROPPED:-0}
}

attempt() {
    SERVER_NETNS=$NS server_start $PORT taskset -c $CPU "$PY" -c '
import socket, sys, time
pieces, size, pause = int(sys.argv[2]), int(sys.argv[3]), float(sys.argv[4])
sys.path.insert(0, sys.argv[-1])
from one_request import accept_request
c, req = accept_request(int(sys.argv[1]))
c.sendall(b"HTTP/1.1 200 OK\r\nContent-Length: %d\r\n"
          b"Content-Type: application/octet-stream\r\n\r\n" % (pieces * size))
for i in range(pieces):
    if i: time.sleep(pause)
    c.sendall(bytes([0x41 + i % 26]) * size)
while c.recv(4096):                  # until the client closes
    pass
c.close()
' $PORT $PIECES $SIZE $PAUSE "$SAMPLES_DIR/servers"
    CAP_NETNS=$NS cap_start lo "$OUT" "tcp port $PORT" -s 128 -B $BUF_KB
    [ "$(cat /proc/"$CAP_PID"/comm)" = tcpdump ] || die "pid $CAP_PID is not tcpdump"
    ip netns exec $NS taskset -c $CPU curl -sS -o /dev/null \
        -w 'curl: %{http_code}, %{size_download} bytes in %{time_total} s\n' \
        "http://127.0.0.1:$PORT/data" >&2 &
    CLIENT_PID=$!
    sleep $STOP_AFTER
    T_STOP=$(date +%s.%N)
    kill -STOP "$CAP_PID"
    sleep $STOP_FOR
    kill -CONT "$CAP_PID"
    T_CONT=$(date +%s.%N)
    wait $CLIENT_PID
    CLIENT_PID=""
    cap_stop_dropped
    server_stop
    log "$(basename "$OUT"): $(capinfos -c -M -T "$OUT" | awk -F'\t' 'NR==2 {print $2}') packets," \
        "$(stat -c %s "$OUT") bytes, tcpdump says $DROPPED packets dropped by kernel"
    local acked lost resent
    acked=$(count_frames "$OUT" tcp.analysis.ack_lost_segment)
    lost=$(count_frames "$OUT" tcp.analysis.lost_segment)
    resent=$(count_frames "$OUT" "tcp.analysis.retransmission || tcp.analysis.out_of_order")
    log "ACKed unseen: $acked, previous segment not captured: $lost, resent or out of order: $resent"
    [ "$resent" -eq 0 ] || tsh "$OUT" -o tcp.analyze_sequence_numbers:TRUE \
        -Y "tcp.analysis.retransmission || tcp.analysis.out_of_order" >&2
    [ "$DROPPED" -gt 0 ] && [ "$acked" -gt 0 ] && [ "$lost" -gt 0 ] && [ "$resent" -eq 0 ]
}

ok=""
for try in 1 2 3 4 5; do
    if attempt; then ok=1; break; fi
    log "try $try: no hole with ACKed unseen segments, or a retransmission: again"
done
[ -n "$ok" ] || die "5 tries and the capture never lost packets the client acknowledged"

capinfos -t -E -c -s -u -l "$OUT"
size=$(stat -c %s "$OUT")
[ "$size" -lt 300000 ] || die "capture is $size bytes"
tsh "$OUT" -o tcp.analyze_sequence_numbers:TRUE -Y 'tcp.analysis.flags || tcp.flags.fin==1' >&2
expect_frames "$OUT" "tcp.flags.syn==1" 2 2
expect_frames "$OUT" "http.request" 1 1
expect_frames "$OUT" "tcp.flags.fin==1" 2 2
expect_frames "$OUT" "tcp.analysis.ack_lost_segment" 1
expect_frames "$OUT" "tcp.analysis.lost_segment" 1
expect_frames "$OUT" "tcp.analysis.retransmission || tcp.analysis.duplicate_ack || tcp.analysis.out_of_order" 0 0
expect_frames "$OUT" "tcp.analysis.zero_window || tcp.analysis.window_full" 0 0
# the holes, as tshark sees them: frame, time, and the bytes missing before it
tshark -n -r "$OUT" -o tcp.analyze_sequence_numbers:TRUE \
    -Y 'tcp.analysis.lost_segment || tcp.analysis.ack_lost_segment' -T fields \
    -e frame.number -e frame.time_relative -e tcp.srcport -e tcp.seq -e tcp.len -e tcp.ack \
    2>/dev/null | sed 's/^/hole: /' >&2
log "check ok: tcpdump reported $DROPPED packets dropped by kernel"
# when tcpdump was stopped, on the capture's clock, and what it still got
# then: the packets that fitted in its buffer
t0=$(tsh "$OUT" -c 1 -T fields -e frame.time_epoch)
inside=$(tsh "$OUT" -Y "frame.time_epoch >= $T_STOP && frame.time_epoch <= $T_CONT" \
    -T fields -e frame.number | sed -n '1p;$p' | paste -sd-)
log "tcpdump stopped from t=$(awk -v a="$T_STOP" -v b="$t0" 'BEGIN { printf "%.3f", a - b }') s" \
    "to t=$(awk -v a="$T_CONT" -v b="$t0" 'BEGIN { printf "%.3f", a - b }') s;" \
    "frames $inside are from that time"
