#!/bin/bash
# tls-alert.pcap: a TLS handshake that fails. openssl s_server -www offers a
# self-signed ECDSA certificate for shop.example (made here); curl (no -k,
# TLS 1.2 at most so that the alert is in the clear, SNI shop.example by
# --resolve) cannot verify it: after the server's first flight it sends a
# fatal alert unknown_ca (48) and gives up ("curl: (60) SSL certificate
# problem: self-signed certificate"). The server closes (FIN); curl closes
# its socket with the rest of the server's flight (ServerKeyExchange,
# ServerHelloDone records; OpenSSL stopped reading after the Certificate
# record) still unread, so the kernel sends RST instead of FIN
# (RFC 1122 4.2.2.13). No application data.
set -euo pipefail
. "$(dirname "$0")/lib.sh"
require_root
command -v openssl >/dev/null || die "missing openssl"
PORT=8118
OUT="$SAMPLES_OUT/tls-alert.pcap"
openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes -days 30 \
    -subj /CN=shop.example -addext subjectAltName=DNS:shop.example \
    -keyout "$TMPD/key.pem" -out "$TMPD/cert.pem" 2>/dev/null

server_start $PORT openssl s_server -accept 127.0.0.1:$PORT -naccept 1 -www \
    -cert "$TMPD/cert.pem" -key "$TMPD/key.pem" -alpn http/1.1
cap_start lo "$OUT" "tcp port $PORT"
rc=0
curl -sS --tls-max 1.2 --resolve shop.example:$PORT:127.0.0.1 \
    "https://shop.example:$PORT/" >/dev/null 2>"$TMPD/curl.err" || rc=$?
cat "$TMPD/curl.err" >&2
[ "$rc" -eq 60 ] || die "curl exit status $rc, want 60 (certificate problem)"
cap_stop 8
server_stop
grep -i alert "$TMPD/server.out" "$TMPD/server.err" >&2 || true

tsh "$OUT"
TSH_OPTS=(-d "tcp.port==$PORT,tls")
expect_frames "$OUT" "tcp.flags.syn==1 && tcp.flags.ack==0" 1 1
expect_frames "$OUT" "tls.handshake.type == 1 && tls.handshake.extensions_server_name == \"shop.example\"" 1 1
expect_frames "$OUT" "tls.handshake.type == 11" 1 1
expect_frames "$OUT" "tls.alert_message.level == 2 && tls.alert_message.desc == 48 && tcp.dstport == $PORT" 1 1
expect_frames "$OUT" "tls.alert_message" 1 1
expect_frames "$OUT" "tls.record.content_type == 23" 0 0
expect_frames "$OUT" "tls.handshake.type == 16" 0 0     # no ClientKeyExchange
expect_frames "$OUT" "tcp.flags.fin==1 || tcp.flags.reset==1" 1
