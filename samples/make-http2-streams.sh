#!/bin/bash
# http2-streams.pcap: HTTP/2 in clear text with prior knowledge, several
# concurrent streams on one connection: nghttp (nghttp2-client) asks
# nghttpd --no-tls (nghttp2-server) for four URIs at once (-n: discard the
# bodies): /index.html, /app.js, /missing.html (404) and /big.bin (200 KiB).
# nghttp's stream window is 64 KiB - 1 (-w 16), so while big.bin comes in
# it sends WINDOW_UPDATE frames for the stream and the connection. nghttp
# also builds a priority tree first (PRIORITY frames on idle streams 3-11),
# so the requests are on streams 13, 15, 17, 19.
set -euo pipefail
. "$(dirname "$0")/lib.sh"
require_root
command -v nghttpd >/dev/null || die "missing nghttpd (Debian package nghttp2-server)"
command -v nghttp >/dev/null || die "missing nghttp (Debian package nghttp2-client)"
PORT=8115
OUT="$SAMPLES_OUT/http2-streams.pcap"
U="http://127.0.0.1:$PORT"
D="$TMPD/htdocs"
mkdir "$D"
printf '<!DOCTYPE html>\n<html><head><title>shop.example</title><script src="/app.js"></script></head>\n<body><h1>HTTP/2 streams</h1></body></html>\n' >"$D/index.html"
printf 'document.addEventListener("DOMContentLoaded", () => console.log("shop.example ready"));\n' >"$D/app.js"
# 200 KiB of text (nghttpd sends files as they are, no compression)
{ yes 'tcpview HTTP/2 flow control sample 0123456789abcdefghijklmnopqrstuvwxyz' || true; } |
    head -c 204800 >"$D/big.bin"

server_start $PORT nghttpd --no-tls -a 127.0.0.1 -d "$D" $PORT
cap_start lo "$OUT" "tcp port $PORT"
nghttp -nv "$U/index.html" "$U/app.js" "$U/missing.html" "$U/big.bin" >"$TMPD/nghttp.log"
cap_stop 20
server_stop
grep -E 'recv (HEADERS|RST_STREAM|GOAWAY)|:status|send WINDOW_UPDATE' "$TMPD/nghttp.log" >&2 || true

# tshark needs to be told that the port is HTTP to see HTTP/2 (its HTTP/2
# heuristics are off by default); the preface then switches it to HTTP/2
TSH_OPTS=(-d "tcp.port==$PORT,http")
tsh "$OUT"
expect_frames "$OUT" "tcp.flags.syn==1 && tcp.flags.ack==0" 1 1
expect_frames "$OUT" "http2.magic" 1 1
# several HEADERS frames can share a TCP segment: count the header values
methods=$(tsh "$OUT" -Y 'http2.type == 1' -T fields -e http2.headers.method | tr ',' '\n' | grep -c GET) || true
[ "$methods" -eq 4 ] || die "$methods GET requests, want 4"
statuses=$(tsh "$OUT" -Y 'http2.type == 1' -T fields -e http2.headers.status | tr ',' '\n' | grep . | sort | tr '\n' ' ')
[ "$statuses" = "200 200 200 404 " ] || die "response statuses: $statuses"
# the four streams are open at the same time: all requests go out before
# the first response
last_req=$(tsh "$OUT" -Y 'http2.headers.method' -T fields -e frame.number | tail -1)
first_resp=$(tsh "$OUT" -Y 'http2.headers.status' -T fields -e frame.number | head -1)
[ "$last_req" -lt "$first_resp" ] || die "requests not concurrent (last in $last_req, first response in $first_resp)"
streams=$(tsh "$OUT" -Y 'http2.type == 0' -T fields -e http2.streamid | tr ',' '\n' | grep -vx 0 | sort -un | tr '\n' ' ')
[ "$(wc -w <<<"$streams")" -ge 4 ] || die "DATA on streams $streams, want >= 4"
log "check ok: 4 GETs before the first response, statuses $statuses, DATA on streams $streams"
expect_frames "$OUT" "http2.type == 8" 1
expect_frames "$OUT" "http2.type == 0 && http2.flags.end_stream == 1" 1
expect_frames "$OUT" "http2.type == 7" 1 1     # GOAWAY from the client at the end
expect_frames "$OUT" "tcp.flags.fin==1" 2 2
expect_frames "$OUT" "tcp.flags.reset==1" 0 0
[ "$(stat -c %s "$OUT")" -lt 307200 ] || die "capture larger than 300 KiB"
