#!/bin/bash
# midstream.pcap: a capture that starts after the connection began, so the
# handshake is not in it. A small python server on 127.0.0.1:8128 streams
# a line ("tick N ...") every 100 ms for 3 s (30 lines) to a client that
# asked for them with one line ("SUBSCRIBE ticks") and reads them as they
# come; then the server closes (FIN) and the client, at end of file, closes
# too. tcpdump is started about 1 s after the connection was established:
# the capture holds neither the SYNs nor the request, only the rest of the
# stream (acknowledged line by line) and the normal FIN teardown. Host
# loopback, captured on lo.
set -euo pipefail
. "$(dirname "$0")/lib.sh"
require_root
PORT=8128
OUT="$SAMPLES_OUT/midstream.pcap"
LINES=30
INTERVAL=0.1

server_start $PORT "$PY" -c '
import socket, sys, time
port, lines, interval = int(sys.argv[1]), int(sys.argv[2]), float(sys.argv[3])
s = socket.socket(); s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
s.bind(("127.0.0.1", port)); s.listen(1)
c, _ = s.accept()
req = b""
while not req.endswith(b"\n"):
    b = c.recv(100)
    if not b: sys.exit(1)
    req += b
t0 = time.monotonic()
for i in range(1, lines + 1):
    time.sleep(max(0.0, t0 + i * interval - time.monotonic()))
    c.sendall(b"tick %02d t=%.1f s\n" % (i, i * interval))
c.close()
' $PORT $LINES $INTERVAL
"$PY" -c '
import socket, sys, time
c = socket.create_connection(("127.0.0.1", int(sys.argv[1])))
with open(sys.argv[2], "w") as f:       # when the connection was established
    f.write("%.6f\n" % time.time())
c.sendall(b"SUBSCRIBE ticks\n")
n = 0
while True:
    b = c.recv(4096)
    if not b: break
    n += b.count(b"\n")
c.close()
sys.stderr.write("client: %d lines, then end of file\n" % n)
' $PORT "$TMPD/established" &
client=$!
cleanup_extra() { kill "$client" 2>/dev/null || true; }
for _ in $(seq 1 50); do [ -s "$TMPD/established" ] && break; sleep 0.02; done
[ -s "$TMPD/established" ] || die "the client did not connect"
sleep 0.9          # tcpdump captures from about 0.1 s into cap_start
cap_start lo "$OUT" "tcp port $PORT"
log "cap_start returned $(awk -v t="$(cat "$TMPD/established")" -v now="$(date +%s.%N)" \
    'BEGIN { printf "%.3f", now - t }') s after the connection was established"
wait $client
cap_stop 20
server_stop

tsh "$OUT"
capinfos -t -E -c -s -u -l "$OUT"
expect_frames "$OUT" "tcp.flags.syn==1" 0 0
expect_frames "$OUT" "tcp.flags.reset==1" 0 0
expect_frames "$OUT" "tcp.flags.fin==1" 2 2
expect_frames "$OUT" "tcp.flags.fin==1 && tcp.srcport==$PORT" 1 1
expect_frames "$OUT" "tcp.srcport==$PORT && tcp.len>0" 15 "$LINES"
expect_frames "$OUT" "tcp.dstport==$PORT && tcp.len>0" 0 0
expect_frames "$OUT" "tcp.analysis.flags && !tcp.analysis.window_update" 0 0
# the first frame is at least 0.8 s after the connection was established
first=$(tsh "$OUT" -c 1 -T fields -e frame.time_epoch)
late=$(awk -v a="$first" -v b="$(cat "$TMPD/established")" 'BEGIN { printf "%.3f", a - b }')
awk -v d="$late" 'BEGIN { exit !(d >= 0.8) }' || die "the capture starts only $late s after the connection"
log "check ok: the first frame is $late s after the connection was established"
