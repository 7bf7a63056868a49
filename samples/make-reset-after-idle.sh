#!/bin/bash
# reset-after-idle.pcap: a kept-alive HTTP/1.1 connection that carries one
# request and its answer, then sits idle; after 32 s without a new request
# the server gives up on it the abortive way: SO_LINGER {on, 0} and close(),
# so the kernel sends a RST instead of a FIN (RFC 9293 3.10.5 ABORT). The
# client (python, keeping the connection for a next request as a pool
# would) learns of it only from the RST: its recv() fails with
# ECONNRESET. Nothing else crosses the connection while it is idle (no
# keep-alives). About 33 s to record. On the host loopback, captured on lo.
set -euo pipefail
. "$(dirname "$0")/lib.sh"
require_root
PORT=8126
OUT="$SAMPLES_OUT/reset-after-idle.pcap"
IDLE=32

server_start $PORT "$PY" -c '
import select, socket, struct, sys
idle = float(sys.argv[2])
sys.path.insert(0, sys.argv[-1])
from one_request import accept_request
c, req = accept_request(int(sys.argv[1]))
c.sendall(b"HTTP/1.1 200 OK\r\nContent-Length: 12\r\nContent-Type: text/plain\r\n"
          b"Keep-Alive: timeout=%d\r\n\r\nHello again\n" % int(idle))
r, _, _ = select.select([c], [], [], idle)   # wait for a next request
if not r:                                    # idle timeout: abort, not close
    c.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
c.close()
' $PORT $IDLE "$SAMPLES_DIR/servers"
cap_start lo "$OUT" "tcp port $PORT"
"$PY" -c '
import socket, sys, time
port = int(sys.argv[1])
c = socket.create_connection(("127.0.0.1", port))
c.sendall(b"GET /status HTTP/1.1\r\nHost: 127.0.0.1:%d\r\nUser-Agent: pool.py\r\n\r\n" % port)
resp = b""
while not resp.endswith(b"Hello again\n"):
    resp += c.recv(4096)
t0 = time.monotonic()
try:                        # idle in the pool: the next thing is the reset
    b = c.recv(4096)
    sys.stderr.write("recv returned %r after %.3f s\n" % (b, time.monotonic() - t0))
except ConnectionResetError as e:
    sys.stderr.write("after %.3f s idle: %s\n" % (time.monotonic() - t0, e))
c.close()
' $PORT
cap_stop 8
server_stop

tsh "$OUT"
capinfos -t -E -c -s -u -l "$OUT"
expect_frames "$OUT" "http.request" 1 1
expect_frames "$OUT" "http.response" 1 1
expect_frames "$OUT" "tcp.flags.reset==1" 1 1
expect_frames "$OUT" "tcp.flags.reset==1 && tcp.srcport==$PORT" 1 1
expect_frames "$OUT" "tcp.flags.fin==1" 0 0
# the RST comes after more than 30 s in which nothing was sent
gap=$(tsh "$OUT" -T fields -e frame.time_delta -Y "tcp.flags.reset==1")
awk -v g="$gap" 'BEGIN { exit !(g > 30) }' || die "the RST came only $gap s after the frame before it"
log "check ok: RST after $gap s of silence"
