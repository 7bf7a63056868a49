#!/bin/bash
# app-limited.pcap: a response that is slow because the application is slow,
# not the network. A small python server answers one GET with a
# Content-Length of 20000 bytes but produces the body in 5 pieces of 4000
# bytes with a 200 ms pause between writes (the head goes with the first
# piece). The client (curl) reads at once: every piece is acknowledged
# within a few ms, nothing is in flight during the pauses and the client's
# receive window stays wide open. Then curl closes (client FIN first).
# Runs in a private network namespace (loopback MTU 1500, no TSO/GSO/GRO),
# so each 4000-byte write goes out as 1448 + 1448 + 1104-byte segments.
set -euo pipefail
. "$(dirname "$0")/lib.sh"
require_root
command -v curl >/dev/null || die "missing curl"
PORT=8124
OUT="$SAMPLES_OUT/app-limited.pcap"
NS=tcpview-applim

netns_lo $NS 1500
SERVER_NETNS=$NS server_start $PORT "$PY" -c '
import socket, sys, time
PIECES, SIZE, PAUSE = 5, 4000, 0.2
sys.path.insert(0, sys.argv[-1])
from one_request import accept_request
c, req = accept_request(int(sys.argv[1]))
head = (b"HTTP/1.1 200 OK\r\nContent-Length: %d\r\n"
        b"Content-Type: text/plain\r\n\r\n" % (PIECES * SIZE))
for i in range(PIECES):
    if i: time.sleep(PAUSE)          # the application computes the next piece
    piece = (b"piece %d " % (i + 1) + b"x" * SIZE)[:SIZE - 1] + b"\n"
    c.sendall(head + piece if i == 0 else piece)
while c.recv(4096):                  # until the client closes
    pass
c.close()
' $PORT "$SAMPLES_DIR/servers"
CAP_NETNS=$NS cap_start lo "$OUT" "tcp port $PORT"
ip netns exec $NS curl -sS -o /dev/null -w 'curl: %{http_code}, %{size_download} bytes in %{time_total} s\n' \
    "http://127.0.0.1:$PORT/report" >&2
cap_stop 20
server_stop

tsh "$OUT"
capinfos -t -E -c -s -u -l "$OUT"
expect_frames "$OUT" "http.request" 1 1
expect_frames "$OUT" "http.response" 1 1
expect_frames "$OUT" "tcp.srcport==$PORT && tcp.len>0" 15
expect_frames "$OUT" "tcp.analysis.retransmission || tcp.analysis.zero_window || tcp.analysis.window_full" 0 0
expect_frames "$OUT" "tcp.flags.fin==1" 2 2
# The 4 pauses: a server data segment more than 150 ms after the previous
# one, and before it the client had acknowledged everything the server sent.
pauses=$(tshark -n -r "$OUT" -o tcp.analyze_sequence_numbers:TRUE -T fields \
    -e frame.number -e frame.time_relative -e tcp.srcport -e tcp.len -e tcp.nxtseq -e tcp.ack \
    -e tcp.window_size 2>/dev/null | awk -F'\t' -v port=$PORT '
    $3 == port && $4 > 0 {
        if (last != "" && $2 - last > 0.15) {
            printf "frame %d: +%.1f ms after the previous piece, unacked %d, client window %d\n",
                $1, ($2 - last) * 1000, snd - ack, win > "/dev/stderr"
            if (snd == ack) n++
        }
        last = $2; snd = $5
    }
    $3 != port && $5 != "" { ack = $6; win = $7 }
    END { print n + 0 }')
[ "$pauses" -eq 4 ] || die "want 4 pauses with nothing in flight, found $pauses"
log "check ok: 4 pauses of the server with nothing unacknowledged"
