#!/bin/bash
# http-pipeline.pcap: HTTP/1.1 pipelining on one connection. The client
# (clients/pipeline.py) writes three GET requests in a single send(), so
# they leave in one TCP segment, before it reads anything; nginx answers
# them in order: /index.html (200, HTML), /missing.html (404, nginx's error
# page), /style.css (200, CSS). Then the client closes (first FIN).
set -euo pipefail
. "$(dirname "$0")/lib.sh"
require_root
command -v nginx >/dev/null || die "missing nginx (Debian package nginx)"
PORT=8111
OUT="$SAMPLES_OUT/http-pipeline.pcap"
mkdir -p "$TMPD/nginx/htdocs"
cat >"$TMPD/nginx/htdocs/index.html" <<'HTML'
<!DOCTYPE html>
<html><head><title>shop.example</title><link rel="stylesheet" href="/style.css"></head>
<body><h1>Welcome to shop.example</h1><p>Three requests, one segment.</p></body></html>
HTML
cat >"$TMPD/nginx/htdocs/style.css" <<'CSS'
body { font-family: sans-serif; margin: 2em; }
h1 { color: #336; }
CSS

server_start $PORT "$SAMPLES_DIR/servers/nginx.sh" "$TMPD/nginx" $PORT
cap_start lo "$OUT" "tcp port $PORT"
"$PY" "$SAMPLES_DIR/clients/pipeline.py" 127.0.0.1 $PORT /index.html /missing.html /style.css >&2
cap_stop 8
server_stop

tsh "$OUT"
expect_frames "$OUT" "tcp.flags.syn==1 && tcp.flags.ack==0" 1 1
# the three requests are in one segment
expect_frames "$OUT" "http.request" 1 1
expect_frames "$OUT" "http.request.method == \"GET\"" 1 1
[ "$(tsh "$OUT" -Y http.request -T fields -e http.request.uri | tr -d '\n')" \
    = "/index.html,/missing.html,/style.css" ] || die "the three requests are not in one segment"
expect_frames "$OUT" "http.response" 3 3
codes=$(tsh "$OUT" -Y http.response -T fields -e http.response.code | tr '\n' ' ')
[ "$codes" = "200 404 200 " ] || die "responses in the wrong order: $codes"
expect_frames "$OUT" "http.response.code == 404" 1 1
expect_frames "$OUT" "tcp.flags.fin==1" 2 2
expect_frames "$OUT" "tcp.flags.reset==1" 0 0
first_fin_src=$(tsh "$OUT" -Y 'tcp.flags.fin==1' -T fields -e tcp.srcport | head -1)
[ "$first_fin_src" != "$PORT" ] || die "server sent the first FIN"
