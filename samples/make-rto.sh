#!/bin/bash
# rto.pcap: retransmission timeouts with their backoff.  A tiny server on
# loopback port 8123 sends three lines 0.5 s and 2.5 s apart.  From 0.3 s
# to 2.3 s an iptables rule drops, in INPUT, what the server sends: the
# capture (taken as packets leave, before INPUT) holds the server's second
# line and every resend of it, which the client never receives until the
# rule is gone.  Linux resends after its RTO (at least 200 ms) and doubles
# the wait each time (RFC 6298 5.5); the client then acknowledges.
set -euo pipefail
. "$(dirname "$0")/lib.sh"
require_root
command -v iptables >/dev/null || die "missing iptables"
PORT=8123
OUT="$SAMPLES_OUT/rto.pcap"
RULE=(INPUT -i lo -p tcp --sport $PORT -j DROP)

port_free $PORT
server_start $PORT "$PY" -c '
import socket, sys, time
s = socket.socket(); s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
s.bind(("127.0.0.1", int(sys.argv[1]))); s.listen(1)
c, _ = s.accept()
c.sendall(b"part 1\n"); time.sleep(0.5)
c.sendall(b"part 2\n"); time.sleep(2.5)
c.sendall(b"part 3\n"); c.close()
' $PORT
trap 'iptables -D "${RULE[@]}" 2>/dev/null || true; lib_cleanup' EXIT
cap_start lo "$OUT" "tcp port $PORT"
"$PY" -c '
import socket, sys
c = socket.create_connection(("127.0.0.1", int(sys.argv[1])))
data = b""
while True:
    b = c.recv(100)
    if not b: break
    data += b
sys.stderr.write(data.decode())
' $PORT &
client=$!
sleep 0.3
iptables -I "${RULE[@]}"
sleep 2
iptables -D "${RULE[@]}"
wait $client
cap_stop 2
server_stop
tsh "$OUT"
expect_frames "$OUT" "tcp.analysis.retransmission" 3
expect_frames "$OUT" "tcp.flags.fin==1" 2 2
