#!/bin/bash
# nagle-delack.pcap: the classic stall of Nagle's algorithm against delayed
# ACKs (RFC 896; RFC 1122 4.2.3.2 and 4.2.3.4). A python client WITHOUT
# TCP_NODELAY sends 6 small HTTP/1.1 POSTs on one connection, each as two
# writes (the head, then the 24-byte body) followed by a read of the answer.
# The server answers only once it has the whole request. The first write
# goes out at once; Nagle holds the second (a small segment while data is
# unacknowledged) until the server acknowledges the first, and the server,
# which has nothing to send yet, delays that ACK (40 ms on Linux, its
# minimum delayed-ACK time). Linux acknowledges at once while a connection
# is new (quick-ack mode), so the first request or two may go through
# fast; the later ones each wait about 40 ms.
# On the host loopback, captured on lo.
set -euo pipefail
. "$(dirname "$0")/lib.sh"
require_root
PORT=8125
OUT="$SAMPLES_OUT/nagle-delack.pcap"
N=6

server_start $PORT "$PY" -c '
import socket, sys
s = socket.socket(); s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
s.bind(("127.0.0.1", int(sys.argv[1]))); s.listen(1)
c, _ = s.accept()
buf = b""
while True:
    while b"\r\n\r\n" not in buf:
        b = c.recv(4096)
        if not b: c.close(); sys.exit(0)
        buf += b
    head, buf = buf.split(b"\r\n\r\n", 1)
    n = 0
    for line in head.split(b"\r\n"):
        if line.lower().startswith(b"content-length:"): n = int(line.split(b":")[1])
    while len(buf) < n:
        buf += c.recv(4096)
    body, buf = buf[:n], buf[n:]
    c.sendall(b"HTTP/1.1 200 OK\r\nContent-Length: %d\r\n"
              b"Content-Type: text/plain\r\n\r\n%s" % (len(body), body))
' $PORT
cap_start lo "$OUT" "tcp port $PORT"
"$PY" -c '
import socket, sys, time
port, n = int(sys.argv[1]), int(sys.argv[2])
c = socket.create_connection(("127.0.0.1", port))   # Nagle on (the default)
for i in range(1, n + 1):
    body = b"request %d of the client\n" % i
    head = (b"POST /rpc HTTP/1.1\r\nHost: 127.0.0.1:%d\r\n"
            b"Content-Type: text/plain\r\nContent-Length: %d\r\n\r\n" % (port, len(body)))
    t0 = time.monotonic()
    c.sendall(head)       # write 1: goes out at once
    c.sendall(body)       # write 2: small, held by Nagle until write 1 is acked
    resp = b""
    while not resp.endswith(body):
        resp += c.recv(4096)
    sys.stderr.write("request %d answered after %.1f ms\n" % (i, (time.monotonic() - t0) * 1000))
    time.sleep(0.1)       # the client thinks a little between requests
c.close()
' $PORT $N
cap_stop 20
server_stop

tsh "$OUT"
capinfos -t -E -c -s -u -l "$OUT"
expect_frames "$OUT" "http.request" $N $N
expect_frames "$OUT" "http.response" $N $N
expect_frames "$OUT" "tcp.analysis.retransmission" 0 0
expect_frames "$OUT" "tcp.flags.fin==1" 2 2
# Per request: write 1 (client data carrying the head), the server's pure
# ACK of it, write 2 (the body) right after that ACK.
waits=$(tshark -n -r "$OUT" -o tcp.analyze_sequence_numbers:TRUE -T fields \
    -e frame.number -e frame.time_relative -e tcp.srcport -e tcp.len -e tcp.seq -e tcp.ack \
    2>/dev/null | awk -F'\t' -v port=$PORT '
    $3 != port && $4 > 24 { f1 = $1; t1 = $2; next1 = $5 + $4; fa = ""; next }
    $3 == port && $4 == 0 && f1 != "" && $6 == next1 { fa = $1; ta = $2; next }
    $3 != port && $4 == 24 && f1 != "" {
        if (fa != "") {
            printf "request: head frame %d, server ACK frame %d after %.1f ms, body frame %d %.3f ms after the ACK\n",
                f1, fa, (ta - t1) * 1000, $1, ($2 - ta) * 1000 > "/dev/stderr"
            if (ta - t1 > 0.035 && $2 - ta < 0.001) n++
        } else
            printf "request: head frame %d, body frame %d after %.3f ms, no pure ACK before it\n",
                f1, $1, ($2 - t1) * 1000 > "/dev/stderr"
        f1 = ""
    }
    END { print n + 0 }')
[ "$waits" -ge 3 ] || die "want >= 3 requests held ~40 ms by Nagle, found $waits"
log "check ok: $waits requests whose body waited ~40 ms for the server's delayed ACK"
