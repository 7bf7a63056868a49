#!/bin/bash
# tls12.pcap: a TLS 1.2 session between OpenSSL's test tools, start to end.
# openssl s_server (self-signed ECDSA P-256 certificate for shop.example,
# made here; ALPN http/1.1; -rev: sends back each line it gets, reversed)
# and openssl s_client -tls1_2 with SNI shop.example and ALPN "h2,http/1.1"
# offered. Full handshake (ECDHE-ECDSA-AES256-GCM-SHA384, X25519; the
# server sends a NewSessionTicket), one line of application data each way,
# then the client reaches the end of its input: close_notify from the
# client, then its FIN (shutdown SHUT_WR), close_notify from the server and
# the server's FIN (which FIN comes first is a race: s_client's
# SSL_shutdown and shutdown() against the server's answer).
# Both close_notify alerts are encrypted (they come after ChangeCipherSpec):
# tshark shows "Encrypted Alert"; the checks decrypt with the key log that
# s_client writes (-keylogfile, temp dir only; it is not kept).
set -euo pipefail
. "$(dirname "$0")/lib.sh"
require_root
command -v openssl >/dev/null || die "missing openssl"
PORT=8116
OUT="$SAMPLES_OUT/tls12.pcap"
VERSION=-tls1_2
tls_session $PORT "$OUT" $VERSION

tsh "$OUT"
TSH_OPTS=(-d "tcp.port==$PORT,tls")
expect_frames "$OUT" "tcp.flags.syn==1 && tcp.flags.ack==0" 1 1
expect_frames "$OUT" "tls.handshake.type == 1 && tls.handshake.extensions_server_name == \"shop.example\"" 1 1
expect_frames "$OUT" "tls.handshake.type == 1 && tls.handshake.extensions_alpn_str == \"h2\"" 1 1
expect_frames "$OUT" "tls.handshake.type == 2 && tls.handshake.extensions_alpn_str == \"http/1.1\"" 1 1
expect_frames "$OUT" "tls.handshake.type == 2 && tls.handshake.version == 0x0303 && !tls.handshake.extensions.supported_version" 1 1
expect_frames "$OUT" "tls.handshake.type == 11" 1 1
expect_frames "$OUT" "tls.handshake.type == 4" 1 1
expect_frames "$OUT" "tls.record.content_type == 23" 2 2
expect_frames "$OUT" "tls.record.content_type == 21" 2 2
# decrypted: the line and its reversal, close_notify both ways
TSH_OPTS+=(-o "tls.keylog_file:$TMPD/keys.log")
tsh "$OUT" -x -Y 'tls.record.content_type == 23' >"$TMPD/decrypted.txt"
grep -q 'hello shop.examp' "$TMPD/decrypted.txt" || die "decrypted client data not found"
grep -q 'elpmaxe.pohs oll' "$TMPD/decrypted.txt" || die "decrypted server data not found"
expect_frames "$OUT" "tls.alert_message.desc == 0" 2 2
expect_frames "$OUT" "tcp.flags.fin==1" 2 2
expect_frames "$OUT" "tcp.flags.reset==1" 0 0
