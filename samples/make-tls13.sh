#!/bin/bash
# tls13.pcap: a TLS 1.3 session between OpenSSL's test tools, start to end.
# Same as tls12.pcap with -tls1_3: openssl s_server (self-signed ECDSA
# P-256 certificate for shop.example, made here; ALPN http/1.1; -rev: sends
# back each line it gets, reversed) and openssl s_client -tls1_3 with SNI
# shop.example and ALPN "h2,http/1.1" offered. 1-RTT handshake
# (TLS_AES_256_GCM_SHA384, X25519 key share; middlebox-compatibility
# ChangeCipherSpec records both ways); everything after the ServerHello is
# encrypted and sent as records of outer type application_data (23):
# EncryptedExtensions (with the ALPN answer), Certificate,
# CertificateVerify, Finished, the client's Finished, two NewSessionTickets
# from the server, one line of data each way and a close_notify each way.
# The checks decrypt with the key log that s_client writes (-keylogfile,
# temp dir only; it is not kept).
set -euo pipefail
. "$(dirname "$0")/lib.sh"
require_root
command -v openssl >/dev/null || die "missing openssl"
PORT=8117
OUT="$SAMPLES_OUT/tls13.pcap"
VERSION=-tls1_3
tls_session $PORT "$OUT" $VERSION

tsh "$OUT"
TSH_OPTS=(-d "tcp.port==$PORT,tls")
expect_frames "$OUT" "tcp.flags.syn==1 && tcp.flags.ack==0" 1 1
expect_frames "$OUT" "tls.handshake.type == 1 && tls.handshake.extensions_server_name == \"shop.example\"" 1 1
expect_frames "$OUT" "tls.handshake.type == 1 && tls.handshake.extensions_alpn_str == \"h2\"" 1 1
expect_frames "$OUT" "tls.handshake.type == 2 && tls.handshake.extensions.supported_version == 0x0304" 1 1
# without keys: no certificate, no alert in the clear; ChangeCipherSpec both ways
expect_frames "$OUT" "tls.handshake.type == 11" 0 0
expect_frames "$OUT" "tls.record.content_type == 21" 0 0
expect_frames "$OUT" "tls.record.content_type == 20" 2 2
expect_frames "$OUT" "tls.record.opaque_type == 23" 6
# decrypted: ALPN answer, certificate, tickets, data, close_notify both ways
TSH_OPTS+=(-o "tls.keylog_file:$TMPD/keys.log")
expect_frames "$OUT" "tls.handshake.type == 8 && tls.handshake.extensions_alpn_str == \"http/1.1\"" 1 1
expect_frames "$OUT" "tls.handshake.type == 11" 1 1
expect_frames "$OUT" "tls.handshake.type == 4" 2
tsh "$OUT" -x -Y 'tls.record.content_type == 23' >"$TMPD/decrypted.txt"
grep -q 'hello shop.examp' "$TMPD/decrypted.txt" || die "decrypted client data not found"
grep -q 'elpmaxe.pohs oll' "$TMPD/decrypted.txt" || die "decrypted server data not found"
expect_frames "$OUT" "tls.alert_message.desc == 0" 2 2
expect_frames "$OUT" "tcp.flags.fin==1" 2 2
expect_frames "$OUT" "tcp.flags.reset==1" 0 0
