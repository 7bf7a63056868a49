#!/bin/bash
# http2.pcap: HTTP/2 in clear text, two connections to port 8083:
#   1. curl --http2: HTTP/1.1 request with "Upgrade: h2c", 101 Switching
#      Protocols, then HTTP/2 frames (the response to the upgraded request
#      comes on stream 1);
#   2. curl --http2-prior-knowledge: the client starts with the HTTP/2
#      connection preface right away.
# nghttpd (nghttp2-server) does not implement the HTTP/1.1 Upgrade, so the
# captured server is nghttpx (nghttp2-proxy) in clear text on 8083, which
# forwards to nghttpd --no-tls on 8103 (that hop is not captured).
set -euo pipefail
. "$(dirname "$0")/lib.sh"
require_root
command -v nghttpd >/dev/null || die "missing nghttpd (Debian package nghttp2-server)"
command -v nghttpx >/dev/null || die "missing nghttpx (Debian package nghttp2-proxy)"
PORT=8083
BACKEND=8103
OUT="$SAMPLES_OUT/http2.pcap"
mkdir "$TMPD/htdocs"
printf 'Hello world from HTTP/2\n' >"$TMPD/htdocs/hello.txt"

server_start $BACKEND nghttpd --no-tls -a 127.0.0.1 -d "$TMPD/htdocs" $BACKEND
server_start $PORT nghttpx --conf=/dev/null --frontend="127.0.0.1,$PORT;no-tls" \
    --backend="127.0.0.1,$BACKEND;;proto=h2" --workers=1 --no-ocsp \
    --errorlog-file="$TMPD/nghttpx.log" --accesslog-file=/dev/null
cap_start lo "$OUT" "tcp port $PORT"
curl -sS --http2 "http://127.0.0.1:$PORT/hello.txt" >/dev/null
curl -sS --http2-prior-knowledge "http://127.0.0.1:$PORT/hello.txt" >/dev/null
cap_stop 20
server_stop

# tshark needs to be told that 8083 is HTTP to see the prior-knowledge
# connection as HTTP/2 (its HTTP/2 heuristics are off by default)
TSH_OPTS=(-d "tcp.port==$PORT,http")
tsh "$OUT"
expect_frames "$OUT" "tcp.flags.syn==1 && tcp.flags.ack==0" 2 2
expect_frames "$OUT" "http.response.code == 101" 1 1
expect_frames "$OUT" "http2.type == 4" 6
expect_frames "$OUT" "http2.magic" 2 2
expect_frames "$OUT" "http2.type == 1" 3
expect_frames "$OUT" "http2.type == 0" 2
