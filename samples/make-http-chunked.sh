#!/bin/bash
# http-chunked.pcap: chunked transfer coding both ways on one kept-alive
# connection, then a second request with Content-Length.
#   1. curl -T - -X POST with "Transfer-Encoding: chunked" streams its
#      stdin: three lines written 0.2 s apart become three chunks (one
#      segment each), then the last chunk "0"; servers/chunked.py answers
#      200 with a chunked body (three data chunks, 20 ms apart) and a
#      trailer (X-Checksum: sha256 of the request body, Server-Timing),
#      announced by a "Trailer:" header field;
#   2. on the same connection (curl --next reuses it) a POST with
#      Content-Length: 11 (form data), answered with Content-Length.
# The client closes first. (-H 'Expect:' stops curl from asking for a
# 100 Continue, which it does for bodies of unknown size; see
# http-continue.pcap for that.)
set -euo pipefail
. "$(dirname "$0")/lib.sh"
require_root
PORT=8112
OUT="$SAMPLES_OUT/http-chunked.pcap"
U="http://127.0.0.1:$PORT"

server_start $PORT "$PY" "$SAMPLES_DIR/servers/chunked.py" --port $PORT
cap_start lo "$OUT" "tcp port $PORT"
(printf 'item=book&qty=1\n'; sleep 0.2; printf 'item=pen&qty=3\n'; sleep 0.2
 printf 'item=ink&qty=2\n') |
    curl -sS -T - -X POST -H 'Transfer-Encoding: chunked' -H 'Expect:' \
        -H 'Content-Type: text/plain' "$U/orders" \
        --next -d 'note=thanks' "$U/notes" >&2
cap_stop 14
server_stop

tsh "$OUT"
expect_frames "$OUT" "tcp.flags.syn==1 && tcp.flags.ack==0" 1 1
expect_frames "$OUT" "http.request.method == \"POST\"" 2 2
expect_frames "$OUT" "http.request && http.transfer_encoding == \"chunked\"" 1 1
expect_frames "$OUT" "http.request && http.content_length_header == \"11\"" 1 1
expect_frames "$OUT" "http.response.code == 200" 2 2
expect_frames "$OUT" "http.response && http.transfer_encoding == \"chunked\"" 1 1
# request body: three data chunks + the last chunk
n=$(tsh "$OUT" -Y 'http.request && http.transfer_encoding == "chunked"' -T fields \
    -e http.chunk_size | tr ',' '\n' | grep -c .)
[ "$n" -eq 4 ] || die "request has $n chunks (want 3 + last chunk)"
tsh "$OUT" -V -Y 'http.response && http.transfer_encoding == "chunked"' |
    grep -q 'X-Checksum: sha256=' || die "no X-Checksum trailer"
# each request chunk left in its own segment (3 data + 1 last chunk)
expect_frames "$OUT" "tcp.srcport != $PORT && tcp.len > 0" 5
expect_frames "$OUT" "tcp.flags.fin==1" 2 2
expect_frames "$OUT" "tcp.flags.reset==1" 0 0
