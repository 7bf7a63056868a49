#!/bin/bash
# http-continue.pcap: three requests on one kept-alive connection to nginx
# (curl with --next reuses the connection):
#   1. POST /upload with "Expect: 100-continue" and a 1500-byte JSON body:
#      curl sends the head only and waits; nginx answers the interim
#      "HTTP/1.1 100 Continue" when it starts reading the body (echo
#      module's echo_read_request_body); curl sends the body; nginx answers
#      "201 Created" (chunked body, Location header). curl 7.88 asks for a
#      100 Continue by itself only for bodies over 1 MiB, so the header is
#      given with -H;
#   2. HEAD /index.html (curl -I): 200 with a Content-Length and no body;
#   3. GET /index.html with If-None-Match (the ETag nginx makes from the
#      file's mtime and size) and If-Modified-Since (curl -z FILE): "304 Not
#      Modified", no body.
# The client closes first.
set -euo pipefail
. "$(dirname "$0")/lib.sh"
require_root
command -v nginx >/dev/null || die "missing nginx (Debian package nginx)"
[ -e /usr/lib/nginx/modules/ngx_http_echo_module.so ] ||
    die "missing the nginx echo module (Debian package libnginx-mod-http-echo)"
PORT=8113
OUT="$SAMPLES_OUT/http-continue.pcap"
U="http://127.0.0.1:$PORT"
N="$TMPD/nginx"
mkdir -p "$N/htdocs"
cat >"$N/locations.conf" <<'CONF'
location = /upload {
    default_type text/plain;
    add_header Location /orders/1042;
    echo_read_request_body;
    echo_status 201;
    echo "stored $content_length bytes";
}
CONF
{
    printf '<!DOCTYPE html>\n<html><head><title>shop.example</title></head>\n'
    printf '<body><h1>shop.example</h1>\n<p>Cached copy? Ask with If-None-Match.</p>\n'
    printf '<p>%s</p>\n' "$(printf 'lorem ipsum %.0s' $(seq 1 12))"
    printf '</body></html>\n'
} >"$N/htdocs/index.html"
touch -d '2024-05-01 12:00:00 UTC' "$N/htdocs/index.html"
read -r mtime size < <(stat -c '%Y %s' "$N/htdocs/index.html")
etag=$(printf '"%x-%x"' "$mtime" "$size")      # nginx's ETag: mtime-size in hex
items=$(for i in $(seq 1 24); do printf '{"sku": "SKU-%04d", "qty": %d}, ' "$i" $((i % 5 + 1)); done)
json='{"order": 1042, "items": ['"$items"'{"sku": "GIFT", "qty": 1}], "note": "'
pad=$((1500 - ${#json} - 3))          # the note fills the body up to 1500 bytes
printf '%s%s"}\n' "$json" "$(head -c $pad /dev/zero | tr '\0' '.')" >"$TMPD/order.json"
[ "$(stat -c %s "$TMPD/order.json")" -eq 1500 ] || die "order.json is not 1500 bytes"

server_start $PORT "$SAMPLES_DIR/servers/nginx.sh" "$N" $PORT "$N/locations.conf"
cap_start lo "$OUT" "tcp port $PORT"
curl -sS -H 'Expect: 100-continue' -H 'Content-Type: application/json' \
        --data-binary @"$TMPD/order.json" "$U/upload" \
    --next -sS -I "$U/index.html" \
    --next -sS -H "If-None-Match: $etag" -z "$N/htdocs/index.html" "$U/index.html" >&2
cap_stop 14
server_stop

tsh "$OUT"
expect_frames "$OUT" "tcp.flags.syn==1 && tcp.flags.ack==0" 1 1
expect_frames "$OUT" "http.request.method == \"POST\" && http.request.line contains \"100-continue\"" 1 1
expect_frames "$OUT" "http.response.code == 100" 1 1
expect_frames "$OUT" "http.response.code == 201" 1 1
expect_frames "$OUT" "http.request.method == \"HEAD\"" 1 1
expect_frames "$OUT" "http.request.method == \"GET\" && http.request.line contains \"If-None-Match\"" 1 1
expect_frames "$OUT" "http.response.code == 304" 1 1
# 100 Continue comes before the body: the body is in a segment of its own
body_frame=$(tsh "$OUT" -Y "tcp.dstport == $PORT && tcp.len == $(stat -c %s "$TMPD/order.json")" \
    -T fields -e frame.number | head -1)
cont_frame=$(tsh "$OUT" -Y "http.response.code == 100" -T fields -e frame.number)
if [ -z "$body_frame" ] || [ "$cont_frame" -ge "$body_frame" ]; then
    die "request body not sent after the 100 Continue (100 in $cont_frame, body in ${body_frame:-?})"
fi
# HEAD and 304 answers carry no body
for code in "200" "304"; do
    n=$(tsh "$OUT" -Y "http.response.code == $code" -T fields -e tcp.len -e http.content_length_header)
    log "response $code: tcp.len, Content-Length = $n"
done
expect_frames "$OUT" "http.response.code == 304 && http.file_data" 0 0
expect_frames "$OUT" "http.response.code == 200 && http.file_data" 0 0
expect_frames "$OUT" "tcp.flags.fin==1" 2 2
expect_frames "$OUT" "tcp.flags.reset==1" 0 0
