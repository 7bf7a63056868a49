#!/bin/bash
# dns-http.pcap: name resolution, then HTTP, in a private network namespace
# (its own loopback; deleted on exit), captured on that loopback:
#   1. curl http://shop.example/ resolves the name through glibc (getaddrinfo)
#      with a resolv.conf that says "nameserver 127.0.0.1" (bind-mounted over
#      /etc/resolv.conf in a private mount namespace of the client only):
#      an A and an AAAA query over UDP to dnsmasq on 127.0.0.1:53, answered
#      127.0.0.7 (--address=/shop.example/127.0.0.7) and NOERROR without
#      an answer (no IPv6 address for the name: NODATA);
#   2. curl connects to 127.0.0.7:80 (servers/httpd.py) and GETs / with
#      "Host: shop.example"; client closes first;
#   3. dig +tcp: an AAAA query over TCP for mail.shop.example, answered
#      fd00::25 (--host-record), with the 2-byte length prefix of DNS over
#      TCP (RFC 1035 4.2.2); dig closes first;
#   4. dig: an A query over UDP for nosuch.example: NXDOMAIN (--local=/example/
#      makes dnsmasq authoritative-ish for .example: unknown names do not
#      exist; dnsmasq has no upstream servers).
set -euo pipefail
. "$(dirname "$0")/lib.sh"
require_root
command -v dnsmasq >/dev/null || die "missing dnsmasq (Debian package dnsmasq-base)"
command -v dig >/dev/null || die "missing dig (Debian package bind9-dnsutils)"
command -v unshare >/dev/null || die "missing unshare (util-linux)"
NS=tcpview-dns
OUT="$SAMPLES_OUT/dns-http.pcap"
netns_lo $NS 65536
printf 'nameserver 127.0.0.1\noptions attempts:1 timeout:2\n' >"$TMPD/resolv.conf"

SERVER_NETNS=$NS server_start 53 dnsmasq --keep-in-foreground --conf-file=/dev/null \
    --pid-file="$TMPD/dnsmasq.pid" --no-resolv --no-hosts --bind-interfaces \
    --listen-address=127.0.0.1 --address=/shop.example/127.0.0.7 \
    --host-record=mail.shop.example,127.0.0.25,fd00::25 --local=/example/ \
    --log-queries --log-facility=-
SERVER_NETNS=$NS server_start 80 "$PY" "$SAMPLES_DIR/servers/httpd.py" --host 127.0.0.7 --port 80
CAP_NETNS=$NS cap_start lo "$OUT" "port 53 or tcp port 80"
# shellcheck disable=SC2016 # $1 is expanded by the inner sh
ip netns exec $NS unshare --mount --propagation private sh -c \
    'mount --bind "$1" /etc/resolv.conf && exec curl -sS http://shop.example/' sh \
    "$TMPD/resolv.conf" >&2
echo >&2
ip netns exec $NS dig +tcp @127.0.0.1 AAAA mail.shop.example >&2
ip netns exec $NS dig @127.0.0.1 A nosuch.example >&2
cap_stop 20
server_stop
grep -E 'query|config' "$TMPD/server.out" "$TMPD/server.err" >&2 || true

tsh "$OUT"
# 1. UDP: A and AAAA for shop.example, answers
expect_frames "$OUT" "udp && dns.flags.response == 0 && dns.qry.name == \"shop.example\"" 2 2
expect_frames "$OUT" "udp && dns.flags.response == 1 && dns.a == 127.0.0.7" 1 1
expect_frames "$OUT" "udp && dns.flags.response == 1 && dns.qry.type == 28 && dns.qry.name == \"shop.example\" && dns.flags.rcode == 0 && dns.count.answers == 0" 1 1
# 2. HTTP to the address from the answer, with the name in Host
expect_frames "$OUT" "ip.dst == 127.0.0.7 && tcp.dstport == 80 && tcp.flags.syn == 1 && tcp.flags.ack == 0" 1 1
expect_frames "$OUT" "http.request.method == \"GET\" && http.host == \"shop.example\"" 1 1
expect_frames "$OUT" "http.response.code == 200" 1 1
a_frame=$(tsh "$OUT" -Y 'dns.a == 127.0.0.7' -T fields -e frame.number | head -1)
syn_frame=$(tsh "$OUT" -Y 'tcp.dstport == 80 && tcp.flags.syn == 1' -T fields -e frame.number)
[ "$a_frame" -lt "$syn_frame" ] || die "the A answer (frame $a_frame) is not before the SYN (frame $syn_frame)"
# 3. DNS over TCP
expect_frames "$OUT" "tcp.port == 53 && tcp.flags.syn == 1 && tcp.flags.ack == 0" 1 1
expect_frames "$OUT" "tcp && dns.flags.response == 0 && dns.qry.type == 28 && dns.qry.name == \"mail.shop.example\"" 1 1
expect_frames "$OUT" "tcp && dns.flags.response == 1 && dns.aaaa == fd00::25" 1 1
expect_frames "$OUT" "tcp && dns.length" 2
# 4. NXDOMAIN over UDP
expect_frames "$OUT" "udp && dns.flags.response == 1 && dns.qry.name == \"nosuch.example\" && dns.flags.rcode == 3" 1 1
expect_frames "$OUT" "dns" 8 8
expect_frames "$OUT" "tcp.flags.fin==1" 4 4
expect_frames "$OUT" "tcp.flags.reset==1" 0 0
