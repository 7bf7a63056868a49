/*
 * check_dns.c - unit tests of the DNS message parser and TCP framer
 * (app/dns.h).
 *
 * The messages are real: dig 9.18 asking dnsmasq 2.89 on 127.0.0.1 (an
 * A, AAAA, CNAME chain, MX, PTR and NXDOMAIN over UDP, and one query over
 * TCP), captured with tcpdump; each array says what tshark -V reads in it.
 * A few are made from those (compressed rdata names, escapes, the root),
 * and tshark reads them as described; the broken ones (pointer loops,
 * names over 255 bytes, pointers past the end) are built in the tests.
 * The parser must read what tshark reads, fail cleanly on what tshark
 * calls malformed, and never read outside a message, however cut or
 * corrupted; the framer must hand out the same messages however the
 * stream is split.
 */
#include <check.h>
#include <stdlib.h>
#include <string.h>

#include "check_main.h"
#include "tcpview/app/dns.h"

/*
 * Frame 1: "dig @127.0.0.1 -p 53535 shop.example A", the query (dig 9.18 sets RD and AD
 * and adds an EDNS OPT record with a cookie).
 * tshark -V reads each field as the comments say.
 */
static const uint8_t query_a[] = {
	/* id 0xfb8a */
	0xfb, 0x8a,
	/* flags 0x0120: RD AD, opcode 0, rcode 0 */
	0x01, 0x20,
	/* qdcount 1, ancount 0, nscount 0, arcount 1 */
	0x00, 0x01, 0x00, 0x00, 0x00, 0x00, 0x00, 0x01,
	/* question: shop.example */
	0x04, 0x73, 0x68, 0x6f, 0x70, 0x07, 0x65, 0x78, 0x61, 0x6d, 0x70, 0x6c,
	0x65, 0x00,
	/* qtype A (1), qclass IN (1) */
	0x00, 0x01, 0x00, 0x01,
	/* additional: . */
	0x00,
	/* type OPT (41), UDP payload 1232, ext-rcode/version/flags 0x00000000, rdlength 12 */
	0x00, 0x29, 0x04, 0xd0, 0x00, 0x00, 0x00, 0x00, 0x00, 0x0c,
	/* EDNS options */
	0x00, 0x0a, 0x00, 0x08, 0xb2, 0x1a, 0x1c, 0x16, 0x48, 0x9f, 0x01, 0x0b,
};

/*
 * Frame 2: dnsmasq 2.89 answers (--host-record=shop.example,192.0.2.7,
 * 2001:db8::7 --local-ttl=300): AA, one A record whose owner name is a
 * compression pointer to the question's name at offset 12.
 * tshark -V reads each field as the comments say.
 */
static const uint8_t answer_a[] = {
	/* id 0xfb8a */
	0xfb, 0x8a,
	/* flags 0x8580: QR AA RD RA, opcode 0, rcode 0 */
	0x85, 0x80,
	/* qdcount 1, ancount 1, nscount 0, arcount 1 */
	0x00, 0x01, 0x00, 0x01, 0x00, 0x00, 0x00, 0x01,
	/* question: shop.example */
	0x04, 0x73, 0x68, 0x6f, 0x70, 0x07, 0x65, 0x78, 0x61, 0x6d, 0x70, 0x6c,
	0x65, 0x00,
	/* qtype A (1), qclass IN (1) */
	0x00, 0x01, 0x00, 0x01,
	/* answer: shop.example (pointer to offset 12) */
	0xc0, 0x0c,
	/* type A (1), class IN (1), TTL 300, rdlength 4 */
	0x00, 0x01, 0x00, 0x01, 0x00, 0x00, 0x01, 0x2c, 0x00, 0x04,
	/* address 192.0.2.7 */
	0xc0, 0x00, 0x02, 0x07,
	/* additional: . */
	0x00,
	/* type OPT (41), UDP payload 1232, ext-rcode/version/flags 0x00000000, rdlength 0 */
	0x00, 0x29, 0x04, 0xd0, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
};

/*
 * Frame 4: the answer to "dig @127.0.0.1 -p 53535 shop.example AAAA".
 * tshark -V reads each field as the comments say.
 */
static const uint8_t answer_aaaa[] = {
	/* id 0xd86f */
	0xd8, 0x6f,
	/* flags 0x8580: QR AA RD RA, opcode 0, rcode 0 */
	0x85, 0x80,
	/* qdcount 1, ancount 1, nscount 0, arcount 1 */
	0x00, 0x01, 0x00, 0x01, 0x00, 0x00, 0x00, 0x01,
	/* question: shop.example */
	0x04, 0x73, 0x68, 0x6f, 0x70, 0x07, 0x65, 0x78, 0x61, 0x6d, 0x70, 0x6c,
	0x65, 0x00,
	/* qtype AAAA (28), qclass IN (1) */
	0x00, 0x1c, 0x00, 0x01,
	/* answer: shop.example (pointer to offset 12) */
	0xc0, 0x0c,
	/* type AAAA (28), class IN (1), TTL 300, rdlength 16 */
	0x00, 0x1c, 0x00, 0x01, 0x00, 0x00, 0x01, 0x2c, 0x00, 0x10,
	/* address 2001:db8::7 */
	0x20, 0x01, 0x0d, 0xb8, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
	0x00, 0x00, 0x00, 0x07,
	/* additional: . */
	0x00,
	/* type OPT (41), UDP payload 1232, ext-rcode/version/flags 0x00000000, rdlength 0 */
	0x00, 0x29, 0x04, 0xd0, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
};

/*
 * Frame 6: "dig @127.0.0.1 -p 53535 www.shop.example A" with
 * --cname=www.shop.example,cdn.shop.example --cname=cdn.shop.example,
 * edge.shop.example: a CNAME chain; dnsmasq writes each target in full
 * and each owner after the first as a pointer to the target before it.
 * tshark -V reads each field as the comments say.
 */
static const uint8_t answer_cname[] = {
	/* id 0xb588 */
	0xb5, 0x88,
	/* flags 0x8580: QR AA RD RA, opcode 0, rcode 0 */
	0x85, 0x80,
	/* qdcount 1, ancount 3, nscount 0, arcount 1 */
	0x00, 0x01, 0x00, 0x03, 0x00, 0x00, 0x00, 0x01,
	/* question: www.shop.example */
	0x03, 0x77, 0x77, 0x77, 0x04, 0x73, 0x68, 0x6f, 0x70, 0x07, 0x65, 0x78,
	0x61, 0x6d, 0x70, 0x6c, 0x65, 0x00,
	/* qtype A (1), qclass IN (1) */
	0x00, 0x01, 0x00, 0x01,
	/* answer: www.shop.example (pointer to offset 12) */
	0xc0, 0x0c,
	/* type CNAME (5), class IN (1), TTL 300, rdlength 18 */
	0x00, 0x05, 0x00, 0x01, 0x00, 0x00, 0x01, 0x2c, 0x00, 0x12,
	/* name cdn.shop.example */
	0x03, 0x63, 0x64, 0x6e, 0x04, 0x73, 0x68, 0x6f, 0x70, 0x07, 0x65, 0x78,
	0x61, 0x6d, 0x70, 0x6c, 0x65, 0x00,
	/* answer: cdn.shop.example (pointer to offset 46) */
	0xc0, 0x2e,
	/* type CNAME (5), class IN (1), TTL 300, rdlength 19 */
	0x00, 0x05, 0x00, 0x01, 0x00, 0x00, 0x01, 0x2c, 0x00, 0x13,
	/* name edge.shop.example */
	0x04, 0x65, 0x64, 0x67, 0x65, 0x04, 0x73, 0x68, 0x6f, 0x70, 0x07, 0x65,
	0x78, 0x61, 0x6d, 0x70, 0x6c, 0x65, 0x00,
	/* answer: edge.shop.example (pointer to offset 76) */
	0xc0, 0x4c,
	/* type A (1), class IN (1), TTL 300, rdlength 4 */
	0x00, 0x01, 0x00, 0x01, 0x00, 0x00, 0x01, 0x2c, 0x00, 0x04,
	/* address 192.0.2.8 */
	0xc0, 0x00, 0x02, 0x08,
	/* additional: . */
	0x00,
	/* type OPT (41), UDP payload 1232, ext-rcode/version/flags 0x00000000, rdlength 0 */
	0x00, 0x29, 0x04, 0xd0, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
};

/*
 * Frame 8: "dig @127.0.0.1 -p 53535 shop.example MX" with
 * --mx-host=shop.example,mail.shop.example,10.
 * tshark -V reads each field as the comments say.
 */
static const uint8_t answer_mx[] = {
	/* id 0x3879 */
	0x38, 0x79,
	/* flags 0x8580: QR AA RD RA, opcode 0, rcode 0 */
	0x85, 0x80,
	/* qdcount 1, ancount 1, nscount 0, arcount 1 */
	0x00, 0x01, 0x00, 0x01, 0x00, 0x00, 0x00, 0x01,
	/* question: shop.example */
	0x04, 0x73, 0x68, 0x6f, 0x70, 0x07, 0x65, 0x78, 0x61, 0x6d, 0x70, 0x6c,
	0x65, 0x00,
	/* qtype MX (15), qclass IN (1) */
	0x00, 0x0f, 0x00, 0x01,
	/* answer: shop.example (pointer to offset 12) */
	0xc0, 0x0c,
	/* type MX (15), class IN (1), TTL 300, rdlength 21 */
	0x00, 0x0f, 0x00, 0x01, 0x00, 0x00, 0x01, 0x2c, 0x00, 0x15,
	/* preference 10, exchange mail.shop.example */
	0x00, 0x0a, 0x04, 0x6d, 0x61, 0x69, 0x6c, 0x04, 0x73, 0x68, 0x6f, 0x70,
	0x07, 0x65, 0x78, 0x61, 0x6d, 0x70, 0x6c, 0x65, 0x00,
	/* additional: . */
	0x00,
	/* type OPT (41), UDP payload 1232, ext-rcode/version/flags 0x00000000, rdlength 0 */
	0x00, 0x29, 0x04, 0xd0, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
};

/*
 * Frame 10: "dig @127.0.0.1 -p 53535 nothere.bad.example A" with
 * --address=/bad.example/: NXDOMAIN (rcode 3), no answer.
 * tshark -V reads each field as the comments say.
 */
static const uint8_t answer_nxdomain[] = {
	/* id 0xe5b9 */
	0xe5, 0xb9,
	/* flags 0x8183: QR RD RA, opcode 0, rcode 3 */
	0x81, 0x83,
	/* qdcount 1, ancount 0, nscount 0, arcount 1 */
	0x00, 0x01, 0x00, 0x00, 0x00, 0x00, 0x00, 0x01,
	/* question: nothere.bad.example */
	0x07, 0x6e, 0x6f, 0x74, 0x68, 0x65, 0x72, 0x65, 0x03, 0x62, 0x61, 0x64,
	0x07, 0x65, 0x78, 0x61, 0x6d, 0x70, 0x6c, 0x65, 0x00,
	/* qtype A (1), qclass IN (1) */
	0x00, 0x01, 0x00, 0x01,
	/* additional: . */
	0x00,
	/* type OPT (41), UDP payload 1232, ext-rcode/version/flags 0x00000000, rdlength 0 */
	0x00, 0x29, 0x04, 0xd0, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
};

/*
 * Frame 12: "dig @127.0.0.1 -p 53535 -x 192.0.2.7": a PTR answer.
 * tshark -V reads each field as the comments say.
 */
static const uint8_t answer_ptr[] = {
	/* id 0x7d05 */
	0x7d, 0x05,
	/* flags 0x8580: QR AA RD RA, opcode 0, rcode 0 */
	0x85, 0x80,
	/* qdcount 1, ancount 1, nscount 0, arcount 1 */
	0x00, 0x01, 0x00, 0x01, 0x00, 0x00, 0x00, 0x01,
	/* question: 7.2.0.192.in-addr.arpa */
	0x01, 0x37, 0x01, 0x32, 0x01, 0x30, 0x03, 0x31, 0x39, 0x32, 0x07, 0x69,
	0x6e, 0x2d, 0x61, 0x64, 0x64, 0x72, 0x04, 0x61, 0x72, 0x70, 0x61, 0x00,
	/* qtype PTR (12), qclass IN (1) */
	0x00, 0x0c, 0x00, 0x01,
	/* answer: 7.2.0.192.in-addr.arpa (pointer to offset 12) */
	0xc0, 0x0c,
	/* type PTR (12), class IN (1), TTL 300, rdlength 14 */
	0x00, 0x0c, 0x00, 0x01, 0x00, 0x00, 0x01, 0x2c, 0x00, 0x0e,
	/* name shop.example */
	0x04, 0x73, 0x68, 0x6f, 0x70, 0x07, 0x65, 0x78, 0x61, 0x6d, 0x70, 0x6c,
	0x65, 0x00,
	/* additional: . */
	0x00,
	/* type OPT (41), UDP payload 1232, ext-rcode/version/flags 0x00000000, rdlength 0 */
	0x00, 0x29, 0x04, 0xd0, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
};

/*
 * Frames 16 and 18: "dig @127.0.0.1 -p 53535 +tcp www.shop.example AAAA", the
 * client's bytes on the TCP connection: the two-byte length, then the query.
 * tshark -V reads each field as the comments say.
 */
static const uint8_t tcp_query[] = {
	/* TCP length prefix: 57 (RFC 1035 4.2.2) */
	0x00, 0x39,
	/* id 0x6c61 */
	0x6c, 0x61,
	/* flags 0x0120: RD AD, opcode 0, rcode 0 */
	0x01, 0x20,
	/* qdcount 1, ancount 0, nscount 0, arcount 1 */
	0x00, 0x01, 0x00, 0x00, 0x00, 0x00, 0x00, 0x01,
	/* question: www.shop.example */
	0x03, 0x77, 0x77, 0x77, 0x04, 0x73, 0x68, 0x6f, 0x70, 0x07, 0x65, 0x78,
	0x61, 0x6d, 0x70, 0x6c, 0x65, 0x00,
	/* qtype AAAA (28), qclass IN (1) */
	0x00, 0x1c, 0x00, 0x01,
	/* additional: . */
	0x00,
	/* type OPT (41), UDP payload 1232, ext-rcode/version/flags 0x00000000, rdlength 12 */
	0x00, 0x29, 0x04, 0xd0, 0x00, 0x00, 0x00, 0x00, 0x00, 0x0c,
	/* EDNS options */
	0x00, 0x0a, 0x00, 0x08, 0xa9, 0x62, 0x69, 0x1e, 0xc9, 0x08, 0x95, 0x76,
};

/*
 * The server's bytes on that connection: the length and the
 * answer, the CNAME chain to edge.shop.example's AAAA record.
 * tshark -V reads each field as the comments say.
 */
static const uint8_t tcp_answer[] = {
	/* TCP length prefix: 134 (RFC 1035 4.2.2) */
	0x00, 0x86,
	/* id 0x6c61 */
	0x6c, 0x61,
	/* flags 0x8580: QR AA RD RA, opcode 0, rcode 0 */
	0x85, 0x80,
	/* qdcount 1, ancount 3, nscount 0, arcount 1 */
	0x00, 0x01, 0x00, 0x03, 0x00, 0x00, 0x00, 0x01,
	/* question: www.shop.example */
	0x03, 0x77, 0x77, 0x77, 0x04, 0x73, 0x68, 0x6f, 0x70, 0x07, 0x65, 0x78,
	0x61, 0x6d, 0x70, 0x6c, 0x65, 0x00,
	/* qtype AAAA (28), qclass IN (1) */
	0x00, 0x1c, 0x00, 0x01,
	/* answer: www.shop.example (pointer to offset 12) */
	0xc0, 0x0c,
	/* type CNAME (5), class IN (1), TTL 300, rdlength 18 */
	0x00, 0x05, 0x00, 0x01, 0x00, 0x00, 0x01, 0x2c, 0x00, 0x12,
	/* name cdn.shop.example */
	0x03, 0x63, 0x64, 0x6e, 0x04, 0x73, 0x68, 0x6f, 0x70, 0x07, 0x65, 0x78,
	0x61, 0x6d, 0x70, 0x6c, 0x65, 0x00,
	/* answer: cdn.shop.example (pointer to offset 46) */
	0xc0, 0x2e,
	/* type CNAME (5), class IN (1), TTL 300, rdlength 19 */
	0x00, 0x05, 0x00, 0x01, 0x00, 0x00, 0x01, 0x2c, 0x00, 0x13,
	/* name edge.shop.example */
	0x04, 0x65, 0x64, 0x67, 0x65, 0x04, 0x73, 0x68, 0x6f, 0x70, 0x07, 0x65,
	0x78, 0x61, 0x6d, 0x70, 0x6c, 0x65, 0x00,
	/* answer: edge.shop.example (pointer to offset 76) */
	0xc0, 0x4c,
	/* type AAAA (28), class IN (1), TTL 300, rdlength 16 */
	0x00, 0x1c, 0x00, 0x01, 0x00, 0x00, 0x01, 0x2c, 0x00, 0x10,
	/* address 2001:db8::8 */
	0x20, 0x01, 0x0d, 0xb8, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
	0x00, 0x00, 0x00, 0x08,
	/* additional: . */
	0x00,
	/* type OPT (41), UDP payload 1232, ext-rcode/version/flags 0x00000000, rdlength 0 */
	0x00, 0x29, 0x04, 0xd0, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
};

/*
 * answer_cname as a compressing server writes it: each CNAME target a
 * label and a pointer to "shop.example" inside the question (offset 16).
 * tshark reads www.shop.example CNAME cdn.shop.example CNAME
 * edge.shop.example A 192.0.2.8.
 */
static const uint8_t cname_compressed[] = {
	/* id 0xb588 */
	0xb5, 0x88,
	/* flags 0x8580: QR AA RD RA, opcode 0, rcode 0 */
	0x85, 0x80,
	/* qdcount 1, ancount 3, nscount 0, arcount 0 */
	0x00, 0x01, 0x00, 0x03, 0x00, 0x00, 0x00, 0x00,
	/* question: www.shop.example */
	0x03, 0x77, 0x77, 0x77, 0x04, 0x73, 0x68, 0x6f, 0x70, 0x07, 0x65, 0x78,
	0x61, 0x6d, 0x70, 0x6c, 0x65, 0x00,
	/* qtype A (1), qclass IN (1) */
	0x00, 0x01, 0x00, 0x01,
	/* answer: www.shop.example (pointer to offset 12) */
	0xc0, 0x0c,
	/* type CNAME (5), class IN (1), TTL 300, rdlength 6 */
	0x00, 0x05, 0x00, 0x01, 0x00, 0x00, 0x01, 0x2c, 0x00, 0x06,
	/* name cdn.shop.example ("cdn" then pointer to offset 16) */
	0x03, 0x63, 0x64, 0x6e, 0xc0, 0x10,
	/* answer: cdn.shop.example (pointer to offset 46) */
	0xc0, 0x2e,
	/* type CNAME (5), class IN (1), TTL 300, rdlength 7 */
	0x00, 0x05, 0x00, 0x01, 0x00, 0x00, 0x01, 0x2c, 0x00, 0x07,
	/* name edge.shop.example ("edge" then pointer to offset 16) */
	0x04, 0x65, 0x64, 0x67, 0x65, 0xc0, 0x10,
	/* answer: edge.shop.example (pointer to offset 64) */
	0xc0, 0x40,
	/* type A (1), class IN (1), TTL 300, rdlength 4 */
	0x00, 0x01, 0x00, 0x01, 0x00, 0x00, 0x01, 0x2c, 0x00, 0x04,
	/* address 192.0.2.8 */
	0xc0, 0x00, 0x02, 0x08,
};

/*
 * answer_mx with the exchange compressed: "mail" and a pointer to the
 * question's name.  tshark: MX 10 mail.shop.example.
 */
static const uint8_t mx_compressed[] = {
	/* id 0x3879 */
	0x38, 0x79,
	/* flags 0x8580: QR AA RD RA, opcode 0, rcode 0 */
	0x85, 0x80,
	/* qdcount 1, ancount 1, nscount 0, arcount 0 */
	0x00, 0x01, 0x00, 0x01, 0x00, 0x00, 0x00, 0x00,
	/* question: shop.example */
	0x04, 0x73, 0x68, 0x6f, 0x70, 0x07, 0x65, 0x78, 0x61, 0x6d, 0x70, 0x6c,
	0x65, 0x00,
	/* qtype MX (15), qclass IN (1) */
	0x00, 0x0f, 0x00, 0x01,
	/* answer: shop.example (pointer to offset 12) */
	0xc0, 0x0c,
	/* type MX (15), class IN (1), TTL 300, rdlength 9 */
	0x00, 0x0f, 0x00, 0x01, 0x00, 0x00, 0x01, 0x2c, 0x00, 0x09,
	/* preference 10, exchange mail.shop.example ("mail" then pointer to offset 12) */
	0x00, 0x0a, 0x04, 0x6d, 0x61, 0x69, 0x6c, 0xc0, 0x0c,
};

/*
 * A TXT query whose labels hold a space, a dot, the bytes 0 and 255 and a
 * backslash (tshark: query name length 21, four labels).
 */
static const uint8_t escapes[] = {
	/* id 0x0005 */
	0x00, 0x05,
	/* flags 0x0100: RD, opcode 0, rcode 0 */
	0x01, 0x00,
	/* qdcount 1, ancount 0, nscount 0, arcount 0 */
	0x00, 0x01, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
	/* question: labels "a b", "x.y", {0x00, 0xff}, "back\slash" */
	0x03, 0x61, 0x20, 0x62, 0x03, 0x78, 0x2e, 0x79, 0x02, 0x00, 0xff, 0x0a,
	0x62, 0x61, 0x63, 0x6b, 0x5c, 0x73, 0x6c, 0x61, 0x73, 0x68, 0x00,
	/* qtype TXT (16), qclass IN (1) */
	0x00, 0x10, 0x00, 0x01,
};

/*
 * A query for the root's NS records (tshark: <Root>).
 */
static const uint8_t root_ns[] = {
	/* id 0x0009 */
	0x00, 0x09,
	/* flags 0x0100: RD, opcode 0, rcode 0 */
	0x01, 0x00,
	/* qdcount 1, ancount 0, nscount 0, arcount 0 */
	0x00, 0x01, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
	/* question: . */
	0x00,
	/* qtype NS (2), qclass IN (1) */
	0x00, 0x02, 0x00, 0x01,
};

/* ---- messages, field by field ----------------------------------------- */

static struct dns_message m, m2;

static void parse_ok(const uint8_t *msg, size_t len, struct dns_message *out)
{
	const char *why = NULL;
	ck_assert_msg(dns_parse(msg, len, out, &why), "parse failed: %s", why ? why : "");
	ck_assert(out->complete);
}

static void check_v4(const struct dns_rr *rr, uint8_t a, uint8_t b, uint8_t c, uint8_t d)
{
	ck_assert(rr->has_addr);
	ck_assert_uint_eq(rr->addr.family, 4);
	ck_assert_msg(rr->addr.bytes[0] == a && rr->addr.bytes[1] == b && rr->addr.bytes[2] == c &&
		      rr->addr.bytes[3] == d, "address %u.%u.%u.%u", rr->addr.bytes[0],
		      rr->addr.bytes[1], rr->addr.bytes[2], rr->addr.bytes[3]);
}

START_TEST(query_header_and_question)
{
	parse_ok(query_a, sizeof(query_a), &m);
	ck_assert_uint_eq(m.id, 0xfb8a);
	ck_assert(!m.qr && !m.aa && !m.tc && m.rd && !m.ra && !m.z && m.ad && !m.cd);
	ck_assert_uint_eq(m.opcode, 0);
	ck_assert_uint_eq(m.rcode, 0);
	ck_assert_uint_eq(m.qdcount, 1);
	ck_assert_uint_eq(m.ancount, 0);
	ck_assert_uint_eq(m.nscount, 0);
	ck_assert_uint_eq(m.arcount, 1);
	ck_assert(m.has_question);
	ck_assert_str_eq(m.qname, "shop.example");
	ck_assert_uint_eq(m.qtype, 1);
	ck_assert_str_eq(dns_qtype_name(m.qtype), "A");
	ck_assert_uint_eq(m.qclass, 1);
	ck_assert_uint_eq(m.answers_read, 0);
	ck_assert_uint_eq(m.answers_kept, 0);
}
END_TEST

START_TEST(answer_a_through_a_pointer)
{
	parse_ok(answer_a, sizeof(answer_a), &m);
	ck_assert_uint_eq(m.id, 0xfb8a);
	ck_assert(m.qr && m.aa && !m.tc && m.rd && m.ra && !m.ad);
	ck_assert_str_eq(dns_rcode_name(m.rcode), "NOERROR");
	ck_assert_uint_eq(m.answers_read, 1);
	ck_assert_uint_eq(m.answers_kept, 1);
	const struct dns_rr *rr = &m.answers[0];
	ck_assert_str_eq(rr->name, "shop.example");
	ck_assert_uint_eq(rr->type, DNS_TYPE_A);
	ck_assert_uint_eq(rr->rclass, 1);
	ck_assert_uint_eq(rr->ttl, 300);
	ck_assert_uint_eq(rr->rdlength, 4);
	check_v4(rr, 192, 0, 2, 7);
	ck_assert(!rr->has_target);
}
END_TEST

START_TEST(aaaa_address)
{
	static const uint8_t want[16] = { 0x20, 0x01, 0x0d, 0xb8, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 7 };
	parse_ok(answer_aaaa, sizeof(answer_aaaa), &m);
	ck_assert_uint_eq(m.qtype, 28);
	ck_assert_str_eq(dns_qtype_name(m.qtype), "AAAA");
	ck_assert_uint_eq(m.answers_kept, 1);
	const struct dns_rr *rr = &m.answers[0];
	ck_assert_uint_eq(rr->type, DNS_TYPE_AAAA);
	ck_assert_uint_eq(rr->rdlength, 16);
	ck_assert(rr->has_addr);
	ck_assert_uint_eq(rr->addr.family, 6);
	ck_assert_msg(memcmp(rr->addr.bytes, want, 16) == 0, "2001:db8::7");
}
END_TEST

/* The chain as dnsmasq writes it, and as a compressing server would. */
START_TEST(cname_chain)
{
	parse_ok(answer_cname, sizeof(answer_cname), &m);
	parse_ok(cname_compressed, sizeof(cname_compressed), &m2);
	const struct dns_message *both[2] = { &m, &m2 };
	for (int i = 0; i < 2; i++) {
		const struct dns_message *x = both[i];
		ck_assert_str_eq(x->qname, "www.shop.example");
		ck_assert_uint_eq(x->answers_read, 3);
		ck_assert_uint_eq(x->answers_kept, 3);
		ck_assert_str_eq(x->answers[0].name, "www.shop.example");
		ck_assert_uint_eq(x->answers[0].type, DNS_TYPE_CNAME);
		ck_assert(x->answers[0].has_target && !x->answers[0].has_addr);
		ck_assert_str_eq(x->answers[0].target, "cdn.shop.example");
		ck_assert_str_eq(x->answers[1].name, "cdn.shop.example");
		ck_assert_uint_eq(x->answers[1].type, DNS_TYPE_CNAME);
		ck_assert_str_eq(x->answers[1].target, "edge.shop.example");
		ck_assert_str_eq(x->answers[2].name, "edge.shop.example");
		ck_assert_uint_eq(x->answers[2].type, DNS_TYPE_A);
		ck_assert_uint_eq(x->answers[2].ttl, 300);
		check_v4(&x->answers[2], 192, 0, 2, 8);
	}
	ck_assert_uint_eq(m.answers[0].rdlength, 18);
	ck_assert_uint_eq(m2.answers[0].rdlength, 6);	/* "cdn" and a pointer */
}
END_TEST

START_TEST(mx_and_ptr)
{
	parse_ok(answer_mx, sizeof(answer_mx), &m);
	parse_ok(mx_compressed, sizeof(mx_compressed), &m2);
	ck_assert_str_eq(dns_qtype_name(m.qtype), "MX");
	for (int i = 0; i < 2; i++) {
		const struct dns_rr *rr = i == 0 ? &m.answers[0] : &m2.answers[0];
		ck_assert_uint_eq(rr->type, DNS_TYPE_MX);
		ck_assert_uint_eq(rr->preference, 10);
		ck_assert(rr->has_target);
		ck_assert_str_eq(rr->target, "mail.shop.example");
	}
	parse_ok(answer_ptr, sizeof(answer_ptr), &m);
	ck_assert_str_eq(m.qname, "7.2.0.192.in-addr.arpa");
	ck_assert_str_eq(dns_qtype_name(m.qtype), "PTR");
	ck_assert_uint_eq(m.answers[0].type, DNS_TYPE_PTR);
	ck_assert_str_eq(m.answers[0].name, "7.2.0.192.in-addr.arpa");
	ck_assert_str_eq(m.answers[0].target, "shop.example");
}
END_TEST

START_TEST(nxdomain)
{
	parse_ok(answer_nxdomain, sizeof(answer_nxdomain), &m);
	ck_assert_uint_eq(m.id, 0xe5b9);
	ck_assert(m.qr && !m.aa && m.rd && m.ra);
	ck_assert_uint_eq(m.rcode, 3);
	ck_assert_str_eq(dns_rcode_name(m.rcode), "NXDOMAIN");
	ck_assert_str_eq(m.qname, "nothere.bad.example");
	ck_assert_uint_eq(m.ancount, 0);
	ck_assert_uint_eq(m.answers_read, 0);
}
END_TEST

START_TEST(escapes_and_root)
{
	parse_ok(escapes, sizeof(escapes), &m);
	ck_assert_str_eq(m.qname, "a\\032b.x\\.y.\\000\\255.back\\\\slash");
	ck_assert_str_eq(dns_qtype_name(m.qtype), "TXT");
	parse_ok(root_ns, sizeof(root_ns), &m);
	ck_assert_str_eq(m.qname, ".");
	ck_assert_str_eq(dns_qtype_name(m.qtype), "NS");
}
END_TEST

/* ---- names at their limits, and broken compression -------------------- */

static const uint8_t query_hdr[12] = { 0, 3, 1, 0, 0, 1, 0, 0, 0, 0, 0, 0 };

/* A query for the name of labels of the given lengths ('a', 'b', ...). */
static size_t build_query(uint8_t *out, const int *labels, int n)
{
	size_t len = sizeof(query_hdr);
	memcpy(out, query_hdr, len);
	for (int i = 0; i < n; i++) {
		out[len++] = (uint8_t)labels[i];
		memset(out + len, 'a' + i, (size_t)labels[i]);
		len += (size_t)labels[i];
	}
	out[len++] = 0;
	static const uint8_t tail[4] = { 0, 1, 0, 1 };
	memcpy(out + len, tail, 4);
	return len + 4;
}

/* RFC 1035 §2.3.4: 255 bytes on the wire is the longest name. */
START_TEST(name_of_255_and_256_bytes)
{
	static uint8_t buf[300];
	static const int ok[4] = { 63, 63, 63, 61 };	/* 64 * 3 + 62 + 1 = 255 */
	static const int over[4] = { 63, 63, 63, 62 };	/* 256 */
	const char *why = NULL;
	size_t len = build_query(buf, ok, 4);
	parse_ok(buf, len, &m);
	ck_assert_uint_eq(strlen(m.qname), 253);
	ck_assert(m.qname[0] == 'a' && m.qname[63] == '.' && m.qname[252] == 'd');
	len = build_query(buf, over, 4);
	ck_assert(!dns_parse(buf, len, &m, &why));
	ck_assert_str_eq(why, "name longer than 255 bytes");
	ck_assert(!m.complete && !m.has_question);
	ck_assert_uint_eq(m.id, 3);	/* the header was read */
	/* The same 256 bytes reached through a pointer are just as long. */
	static const int part[3] = { 63, 63, 63 };
	len = build_query(buf, part, 3);	/* the question: 193 bytes */
	buf[7] = 1;				/* ancount 1 */
	buf[len++] = 62;			/* answer owner: 62 bytes, then the question */
	memset(buf + len, 'z', 62);
	len += 62;
	buf[len++] = 0xc0, buf[len++] = 12;
	static const uint8_t rr[10] = { 0, 1, 0, 1, 0, 0, 0, 60, 0, 0 };
	memcpy(buf + len, rr, sizeof(rr));
	len += sizeof(rr);
	ck_assert(!dns_parse(buf, len, &m, &why));
	ck_assert_str_eq(why, "name longer than 255 bytes");
	ck_assert(m.has_question);
}
END_TEST

START_TEST(compression_loops)
{
	/* The question's name is a pointer to itself (tshark: "Name contains
	 * a pointer that loops"). */
	static const uint8_t self[] = { 0, 1, 1, 0, 0, 1, 0, 0, 0, 0, 0, 0,
					0xc0, 0x0c, 0, 1, 0, 1 };
	/* Two pointers to each other: offset 12 → 14 → 12. */
	static const uint8_t two[] = { 0, 2, 1, 0, 0, 1, 0, 0, 0, 0, 0, 0,
				       0xc0, 0x0e, 0xc0, 0x0c, 0, 1, 0, 1 };
	/* A label, then a pointer back to that label: "a.a.a..." forever. */
	static const uint8_t grow[] = { 0, 3, 1, 0, 0, 1, 0, 0, 0, 0, 0, 0,
					0x01, 'a', 0xc0, 0x0c, 0, 1, 0, 1 };
	const char *why = NULL;
	ck_assert(!dns_parse(self, sizeof(self), &m, &why));
	ck_assert_str_eq(why, "compression pointer loop");
	ck_assert(!dns_parse(two, sizeof(two), &m, &why));
	ck_assert_str_eq(why, "compression pointer loop");
	ck_assert(!dns_parse(grow, sizeof(grow), &m, &why));
	ck_assert_str_eq(why, "name longer than 255 bytes");
}
END_TEST

START_TEST(bad_pointers_and_labels)
{
	static const uint8_t beyond[] = { 0, 7, 1, 0, 0, 1, 0, 0, 0, 0, 0, 0,
					  0xc0, 0xff, 0, 1, 0, 1 };
	static const uint8_t ext[] = { 0, 8, 1, 0, 0, 1, 0, 0, 0, 0, 0, 0,
				       0x41, 0x00, 0, 1, 0, 1 };
	static const uint8_t cut[] = { 0, 9, 1, 0, 0, 1, 0, 0, 0, 0, 0, 0,
				       0x05, 's', 'h', 'o' };
	const char *why = NULL;
	ck_assert(!dns_parse(beyond, sizeof(beyond), &m, &why));
	ck_assert_str_eq(why, "compression pointer beyond the message");
	ck_assert(!dns_parse(ext, sizeof(ext), &m, &why));
	ck_assert_str_eq(why, "unsupported label type");
	ck_assert(!dns_parse(cut, sizeof(cut), &m, &why));
	ck_assert_str_eq(why, "name cut short");
	ck_assert(!dns_parse(cut, 11, &m, &why));
	ck_assert_str_eq(why, "shorter than the 12-byte header");
	ck_assert(!dns_parse(cut, 0, &m, NULL));
	ck_assert(!dns_parse(NULL, 0, &m, &why));
	ck_assert_str_eq(why, "shorter than the 12-byte header");
}
END_TEST

/* 20 A records: all read, the first 16 kept. */
START_TEST(answers_beyond_those_kept)
{
	static uint8_t buf[512];
	static const int labels[2] = { 4, 7 };
	size_t len = build_query(buf, labels, 2);
	buf[2] = 0x81, buf[3] = 0x80, buf[7] = 20;
	for (int i = 1; i <= 20; i++) {
		const uint8_t rr[16] = { 0xc0, 0x0c, 0, 1, 0, 1, 0, 0, 0, 60, 0, 4, 192, 0, 2,
					 (uint8_t)i };
		memcpy(buf + len, rr, sizeof(rr));
		len += sizeof(rr);
	}
	parse_ok(buf, len, &m);
	ck_assert_uint_eq(m.answers_read, 20);
	ck_assert_uint_eq(m.answers_kept, DNS_ANSWERS_KEPT);
	check_v4(&m.answers[0], 192, 0, 2, 1);
	check_v4(&m.answers[15], 192, 0, 2, 16);
	ck_assert_str_eq(m.answers[15].name, "aaaa.bbbbbbb");
	/* One byte short of the last answer. */
	const char *why = NULL;
	ck_assert(!dns_parse(buf, len - 1, &m, &why));
	ck_assert_str_eq(why, "answer cut short");
	ck_assert_uint_eq(m.answers_read, 19);
	ck_assert_uint_eq(m.answers_kept, 16);
}
END_TEST

/* answer_a with 5 bytes of rdata: not an address, but the message goes on. */
START_TEST(a_record_of_wrong_length)
{
	static uint8_t buf[sizeof(answer_a) + 1];
	ck_assert(answer_a[40] == 0 && answer_a[41] == 4);
	memcpy(buf, answer_a, 46);
	buf[41] = 5;
	buf[46] = 0;
	memcpy(buf + 47, answer_a + 46, sizeof(answer_a) - 46);
	parse_ok(buf, sizeof(buf), &m);
	ck_assert_uint_eq(m.answers[0].type, DNS_TYPE_A);
	ck_assert_uint_eq(m.answers[0].rdlength, 5);
	ck_assert(!m.answers[0].has_addr);
}
END_TEST

/* ---- truncated and corrupted messages ---------------------------------- */

struct msg {
	const char *name;
	const uint8_t *data;
	size_t len;
};

static const struct msg msgs[] = {
	{ "query_a", query_a, sizeof(query_a) },
	{ "answer_a", answer_a, sizeof(answer_a) },
	{ "answer_aaaa", answer_aaaa, sizeof(answer_aaaa) },
	{ "answer_cname", answer_cname, sizeof(answer_cname) },
	{ "answer_mx", answer_mx, sizeof(answer_mx) },
	{ "answer_nxdomain", answer_nxdomain, sizeof(answer_nxdomain) },
	{ "answer_ptr", answer_ptr, sizeof(answer_ptr) },
	{ "cname_compressed", cname_compressed, sizeof(cname_compressed) },
	{ "mx_compressed", mx_compressed, sizeof(mx_compressed) },
	{ "escapes", escapes, sizeof(escapes) },
	{ "root_ns", root_ns, sizeof(root_ns) },
	{ "tcp_answer", tcp_answer + 2, sizeof(tcp_answer) - 2 },
};
#define NMSGS (sizeof(msgs) / sizeof(msgs[0]))

/* Each message cut at every length, in a buffer of exactly that length
 * (so the sanitizers see any read past it). */
START_TEST(truncated_messages)
{
	const struct msg *x = &msgs[_i];
	for (size_t k = 0; k < x->len; k++) {
		uint8_t *buf = malloc(k ? k : 1);
		ck_assert(buf != NULL);
		memcpy(buf, x->data, k);
		const char *why = NULL;
		bool ok = dns_parse(buf, k, &m, &why);
		if (k < DNS_HEADER_LEN)
			ck_assert_msg(!ok, "%s: %zu bytes", x->name, k);
		if (ok)
			ck_assert_msg(m.answers_read == m.ancount, "%s at %zu", x->name, k);
		else
			ck_assert_msg(why != NULL && !m.complete, "%s at %zu", x->name, k);
		free(buf);
	}
}
END_TEST

START_TEST(corrupted_messages)
{
	const struct msg *x = &msgs[_i];
	uint8_t *buf = malloc(x->len);
	ck_assert(buf != NULL);
	for (size_t k = 0; k < x->len; k++) {
		for (int r = 0; r < 4; r++) {
			memcpy(buf, x->data, x->len);
			static const uint8_t set[4] = { 0xff, 0x00, 0xc0, 0x3f };
			buf[k] = r == 0 ? (uint8_t)(buf[k] ^ 0xff) : set[r];
			const char *why = NULL;
			if (dns_parse(buf, x->len, &m, &why)) {
				ck_assert(m.answers_read == m.ancount);
				ck_assert(strlen(m.qname) < DNS_TEXT_MAX);
			} else {
				ck_assert(why != NULL);
			}
		}
	}
	free(buf);
}
END_TEST

/* ---- TCP framing -------------------------------------------------------- */

struct got {
	int n;
	size_t len[8];
	uint8_t bytes[8][256];
};

static void on_message(void *ctx, const uint8_t *msg, size_t len)
{
	struct got *g = ctx;
	if (g->n < 8 && len <= sizeof(g->bytes[0])) {
		g->len[g->n] = len;
		memcpy(g->bytes[g->n], msg, len);
	}
	g->n++;
}

/* The client's and the server's bytes of the dig +tcp exchange, cut in
 * two at every byte and fed byte by byte: one whole message each. */
START_TEST(tcp_framing_any_split)
{
	static const struct msg dirs[2] = {
		{ "query", tcp_query, sizeof(tcp_query) },
		{ "answer", tcp_answer, sizeof(tcp_answer) },
	};
	for (int d = 0; d < 2; d++) {
		const struct msg *x = &dirs[d];
		size_t want = (size_t)(x->data[0] << 8 | x->data[1]);
		ck_assert_uint_eq(want, x->len - 2);
		for (size_t k = 0; k <= x->len; k++) {
			struct dns_tcp t;
			static struct got g;
			const char *why = NULL;
			memset(&g, 0, sizeof(g));
			dns_tcp_init(&t);
			ck_assert(dns_tcp_feed(&t, x->data, k, on_message, &g, &why));
			ck_assert_msg(g.n == (k == x->len), "%s cut at %zu", x->name, k);
			ck_assert(dns_tcp_feed(&t, x->data + k, x->len - k, on_message, &g, &why));
			ck_assert_msg(g.n == 1 && g.len[0] == want &&
				      memcmp(g.bytes[0], x->data + 2, want) == 0, "%s cut at %zu", x->name, k);
			ck_assert(t.buf == NULL);
			ck_assert_uint_eq(t.messages, 1);
			dns_tcp_release(&t);
		}
		struct dns_tcp t;
		static struct got g;
		memset(&g, 0, sizeof(g));
		dns_tcp_init(&t);
		for (size_t i = 0; i < x->len; i++)
			ck_assert(dns_tcp_feed(&t, x->data + i, 1, on_message, &g, NULL));
		ck_assert_msg(g.n == 1 && memcmp(g.bytes[0], x->data + 2, want) == 0, "byte by byte");
		dns_tcp_release(&t);
	}
	/* The message handed out parses as tshark reads it. */
	parse_ok(tcp_answer + 2, sizeof(tcp_answer) - 2, &m);
	ck_assert_uint_eq(m.answers_read, 3);
	ck_assert_str_eq(m.answers[2].name, "edge.shop.example");
	ck_assert_uint_eq(m.answers[2].type, DNS_TYPE_AAAA);
	ck_assert_uint_eq(m.answers[2].addr.bytes[15], 8);
}
END_TEST

/* Three messages back to back, split everywhere in three. */
START_TEST(tcp_several_messages)
{
	static uint8_t stream[512];
	size_t n = 0;
	memcpy(stream + n, tcp_query, sizeof(tcp_query)), n += sizeof(tcp_query);
	memcpy(stream + n, tcp_answer, sizeof(tcp_answer)), n += sizeof(tcp_answer);
	memcpy(stream + n, tcp_query, sizeof(tcp_query)), n += sizeof(tcp_query);
	for (size_t a = 0; a <= n; a += 7) {
		for (size_t b = a; b <= n; b += 5) {
			struct dns_tcp t;
			static struct got g;
			memset(&g, 0, sizeof(g));
			dns_tcp_init(&t);
			dns_tcp_feed(&t, stream, a, on_message, &g, NULL);
			dns_tcp_feed(&t, stream + a, b - a, on_message, &g, NULL);
			dns_tcp_feed(&t, stream + b, n - b, on_message, &g, NULL);
			ck_assert_msg(g.n == 3, "cut at %zu and %zu: %d", a, b, g.n);
			ck_assert(g.len[1] == sizeof(tcp_answer) - 2 &&
				  memcmp(g.bytes[1], tcp_answer + 2, g.len[1]) == 0);
			ck_assert(g.len[2] == sizeof(tcp_query) - 2);
			dns_tcp_release(&t);
		}
	}
}
END_TEST

START_TEST(tcp_framing_errors)
{
	struct dns_tcp t;
	static struct got g;
	const char *why = NULL;
	/* A length below the header: not DNS, framing stops. */
	static const uint8_t shorty[] = { 0x00, 0x05, 1, 2, 3, 4, 5 };
	memset(&g, 0, sizeof(g));
	dns_tcp_init(&t);
	ck_assert(!dns_tcp_feed(&t, shorty, sizeof(shorty), on_message, &g, &why));
	ck_assert_str_eq(why, "DNS message shorter than its header");
	why = NULL;
	ck_assert(!dns_tcp_feed(&t, tcp_query, sizeof(tcp_query), on_message, &g, &why));
	ck_assert_str_eq(why, "DNS message shorter than its header");
	ck_assert_int_eq(g.n, 0);
	/* HTTP text: "GE" is a length of 18245, waited for, never complete. */
	dns_tcp_init(&t);
	ck_assert(dns_tcp_feed(&t, NULL, 0, on_message, &g, NULL));
	ck_assert(dns_tcp_feed(&t, (const uint8_t *)"GET / HTTP/1.1\r\n", 16, on_message, &g, NULL));
	ck_assert_int_eq(g.n, 0);
	/* A gap in the middle of a message: the partial one is dropped. */
	dns_tcp_gap(&t);
	ck_assert(t.stopped && t.buf == NULL);
	ck_assert(!dns_tcp_feed(&t, tcp_query, sizeof(tcp_query), on_message, &g, &why));
	ck_assert_str_eq(why, "gap");
	/* The longest length the prefix can say: 65,535 bytes, gathered. */
	static uint8_t big[2 + 65535];
	memcpy(big, tcp_query, sizeof(tcp_query));
	big[0] = 0xff, big[1] = 0xff;
	memset(&g, 0, sizeof(g));
	dns_tcp_init(&t);
	ck_assert(dns_tcp_feed(&t, big, 30000, on_message, &g, NULL));
	ck_assert(dns_tcp_feed(&t, big + 30000, sizeof(big) - 30000, on_message, &g, NULL));
	ck_assert_int_eq(g.n, 1);
	ck_assert(t.buf == NULL);
	/* Released half way: nothing leaks (the sanitizer build checks). */
	dns_tcp_init(&t);
	ck_assert(dns_tcp_feed(&t, tcp_answer, 50, on_message, &g, NULL));
	ck_assert(t.buf != NULL);
	dns_tcp_release(&t);
	ck_assert(t.buf == NULL);
}
END_TEST

START_TEST(names)
{
	static const char *const rc[] = { "NOERROR", "FORMERR", "SERVFAIL", "NXDOMAIN", "NOTIMP",
					  "REFUSED", "YXDOMAIN", "YXRRSET", "NXRRSet", "NOTAUTH",
					  "NOTZONE" };
	for (uint16_t i = 0; i < sizeof(rc) / sizeof(rc[0]); i++)
		ck_assert_str_eq(dns_rcode_name(i), rc[i]);
	ck_assert_str_eq(dns_rcode_name(11), "unassigned-11");
	ck_assert_str_eq(dns_rcode_name(16), "BADVERS");
	ck_assert_str_eq(dns_rcode_name(23), "BADCOOKIE");
	ck_assert_str_eq(dns_rcode_name(3842), "BADSIG");
	ck_assert(dns_rcode_name(24) == NULL);
	ck_assert(dns_rcode_name(4095) == NULL);
	static const struct { uint16_t t; const char *n; } qt[] = {
		{ 1, "A" }, { 2, "NS" }, { 5, "CNAME" }, { 6, "SOA" }, { 12, "PTR" },
		{ 15, "MX" }, { 16, "TXT" }, { 28, "AAAA" }, { 33, "SRV" }, { 41, "OPT" },
		{ 43, "DS" }, { 46, "RRSIG" }, { 64, "SVCB" }, { 65, "HTTPS" }, { 252, "AXFR" },
		{ 255, "*" }, { 257, "CAA" }, { 65521, "INTEGRITY" },
	};
	for (size_t i = 0; i < sizeof(qt) / sizeof(qt[0]); i++)
		ck_assert_str_eq(dns_qtype_name(qt[i].t), qt[i].n);
	ck_assert(dns_qtype_name(0) == NULL);
	ck_assert(dns_qtype_name(54) == NULL);
	ck_assert(dns_qtype_name(65535) == NULL);
}
END_TEST

Suite *check_suite(void)
{
	Suite *s = suite_create("dns");
	TCase *tc = tcase_create("core");
	tcase_set_timeout(tc, 60);
	tcase_add_test(tc, query_header_and_question);
	tcase_add_test(tc, answer_a_through_a_pointer);
	tcase_add_test(tc, aaaa_address);
	tcase_add_test(tc, cname_chain);
	tcase_add_test(tc, mx_and_ptr);
	tcase_add_test(tc, nxdomain);
	tcase_add_test(tc, escapes_and_root);
	tcase_add_test(tc, name_of_255_and_256_bytes);
	tcase_add_test(tc, compression_loops);
	tcase_add_test(tc, bad_pointers_and_labels);
	tcase_add_test(tc, answers_beyond_those_kept);
	tcase_add_test(tc, a_record_of_wrong_length);
	tcase_add_loop_test(tc, truncated_messages, 0, (int)NMSGS);
	tcase_add_loop_test(tc, corrupted_messages, 0, (int)NMSGS);
	tcase_add_test(tc, tcp_framing_any_split);
	tcase_add_test(tc, tcp_several_messages);
	tcase_add_test(tc, tcp_framing_errors);
	tcase_add_test(tc, names);
	suite_add_tcase(s, tc);
	return s;
}
