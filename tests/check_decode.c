/*
 * check_decode.c - unit tests of decode.h: decode_frame() from captured
 * bytes to a struct tv_packet, for every link type tcpview reads (Ethernet
 * with 802.1Q/802.1ad tags and PPPoE, BSD loopback NULL/LOOP in both byte
 * orders, Linux cooked v1/v2, raw IPv4/IPv6), IPv4 and IPv6 (extension
 * headers, fragments), the IP length rules (snap length, Ethernet padding,
 * TSO total length 0), malformed headers, and decode_tcp_options().
 *
 * Frames are byte arrays with Wireshark's reading of each field beside it.
 * The IP packets are written once and put behind each link header with
 * frame(); variants that change one field copy a packet and say which
 * byte they change and how Wireshark would read it.
 */
#include <check.h>
#include <pcap/pcap.h>
#include <stdlib.h>
#include <string.h>

#include "tcpview/decode/decode.h"
#include "check_main.h"

#ifndef DLT_LINUX_SLL2
#define DLT_LINUX_SLL2 276
#endif

/*
 * IPv4 + TCP SYN, 60 bytes (Linux client opening HTTP).
 * Wireshark: 192.168.0.104 → 192.168.0.1 TCP 74 41614 → 80 [SYN] Seq=0
 * Win=64240 Len=0 MSS=1460 SACK_PERM TSval=1234567 TSecr=0 WS=128
 */
static const uint8_t ip4_syn[] = {
	/* Internet Protocol Version 4 */
	0x45,			/* 0100 .... = Version: 4; .... 0101 = Header Length: 20 bytes (5) */
	0x00,			/* Differentiated Services Field: 0x00 (DSCP: CS0, ECN: Not-ECT) */
	0x00, 0x3c,		/* Total Length: 60 */
	0x1c, 0x46,		/* Identification: 0x1c46 (7238) */
	0x40, 0x00,		/* Flags: 0x2, Don't fragment; Fragment Offset: 0 */
	0x40,			/* Time to Live: 64 */
	0x06,			/* Protocol: TCP (6) */
	0x9c, 0xbc,		/* Header Checksum: 0x9cbc [correct] */
	0xc0, 0xa8, 0x00, 0x68,	/* Source Address: 192.168.0.104 */
	0xc0, 0xa8, 0x00, 0x01,	/* Destination Address: 192.168.0.1 */
	/* Transmission Control Protocol */
	0xa2, 0x8e,		/* Source Port: 41614 */
	0x00, 0x50,		/* Destination Port: 80 */
	0x3b, 0x9a, 0xca, 0x00,	/* Sequence Number (raw): 1000000000 */
	0x00, 0x00, 0x00, 0x00,	/* Acknowledgment number (raw): 0 */
	0xa0, 0x02,		/* 1010 .... = Header Length: 40 bytes (10); Flags: 0x002 (SYN) */
	0xfa, 0xf0,		/* Window: 64240 */
	0x4c, 0x42,		/* Checksum: 0x4c42 [correct] */
	0x00, 0x00,		/* Urgent Pointer: 0 */
	0x02, 0x04, 0x05, 0xb4,	/* TCP Option - Maximum segment size: 1460 bytes */
	0x04, 0x02,		/* TCP Option - SACK permitted */
	0x08, 0x0a,		/* TCP Option - Timestamps: */
	0x00, 0x12, 0xd6, 0x87,	/*   TSval 1234567 */
	0x00, 0x00, 0x00, 0x00,	/*   TSecr 0 */
	0x01,			/* TCP Option - No-Operation (NOP) */
	0x03, 0x03, 0x07,	/* TCP Option - Window scale: 7 (multiply by 128) */
};

/* The same SYN in a whole Ethernet II frame, 74 bytes. */
static const uint8_t eth_ip4_syn[] = {
	/* Ethernet II, Src: 00:1b:21:3a:4f:10, Dst: 00:0c:29:6d:8e:20 */
	0x00, 0x0c, 0x29, 0x6d, 0x8e, 0x20,	/* Destination: 00:0c:29:6d:8e:20 */
	0x00, 0x1b, 0x21, 0x3a, 0x4f, 0x10,	/* Source: 00:1b:21:3a:4f:10 */
	0x08, 0x00,				/* Type: IPv4 (0x0800) */
	/* Internet Protocol Version 4, Src: 192.168.0.104, Dst: 192.168.0.1 */
	0x45, 0x00, 0x00, 0x3c,	/* Version 4, Header Length 20, DSCP 0, Total Length: 60 */
	0x1c, 0x46, 0x40, 0x00,	/* Identification 0x1c46, Flags: Don't fragment, Offset 0 */
	0x40, 0x06, 0x9c, 0xbc,	/* TTL 64, Protocol: TCP (6), Header Checksum 0x9cbc */
	0xc0, 0xa8, 0x00, 0x68,	/* Source Address: 192.168.0.104 */
	0xc0, 0xa8, 0x00, 0x01,	/* Destination Address: 192.168.0.1 */
	/* Transmission Control Protocol, Src Port: 41614, Dst Port: 80, Seq: 0, Len: 0 */
	0xa2, 0x8e, 0x00, 0x50,	/* Source Port: 41614, Destination Port: 80 */
	0x3b, 0x9a, 0xca, 0x00,	/* Sequence Number (raw): 1000000000 */
	0x00, 0x00, 0x00, 0x00,	/* Acknowledgment number (raw): 0 */
	0xa0, 0x02, 0xfa, 0xf0,	/* Header Length: 40 bytes (10), Flags: 0x002 (SYN), Window: 64240 */
	0x4c, 0x42, 0x00, 0x00,	/* Checksum: 0x4c42, Urgent Pointer: 0 */
	0x02, 0x04, 0x05, 0xb4,	/* Maximum segment size: 1460 bytes */
	0x04, 0x02,		/* SACK permitted */
	0x08, 0x0a, 0x00, 0x12, 0xd6, 0x87, 0x00, 0x00, 0x00, 0x00, /* Timestamps: TSval 1234567, TSecr 0 */
	0x01,			/* No-Operation (NOP) */
	0x03, 0x03, 0x07,	/* Window scale: 7 (multiply by 128) */
};

/*
 * IPv4 + TCP, 140 bytes: a 100-byte HTTP request.
 * Wireshark: 192.168.0.104 → 192.168.0.1 HTTP 154 41614 → 80 [PSH, ACK]
 * Seq=1 Ack=1 Win=64256 Len=100 (raw seq 1000000001, ack 439041101).
 * Only the first 10 payload bytes are written here: a snap length cut it.
 */
static const uint8_t ip4_data_head[] = {
	0x45, 0x00, 0x00, 0x8c,	/* Version 4, Header Length 20, Total Length: 140 */
	0x1c, 0x47, 0x40, 0x00,	/* Identification 0x1c47, Don't fragment */
	0x40, 0x06, 0x9c, 0x6b,	/* TTL 64, Protocol: TCP, Header Checksum 0x9c6b */
	0xc0, 0xa8, 0x00, 0x68,	/* Source Address: 192.168.0.104 */
	0xc0, 0xa8, 0x00, 0x01,	/* Destination Address: 192.168.0.1 */
	0xa2, 0x8e, 0x00, 0x50,	/* Source Port: 41614, Destination Port: 80 */
	0x3b, 0x9a, 0xca, 0x01,	/* Sequence Number (raw): 1000000001 */
	0x1a, 0x2b, 0x3c, 0x4d,	/* Acknowledgment number (raw): 439041101 */
	0x50, 0x18, 0x01, 0xf6,	/* Header Length: 20 bytes (5), Flags: 0x018 (PSH, ACK), Window: 502 */
	0x00, 0x00, 0x00, 0x00,	/* Checksum: 0x0000 [unverified], Urgent Pointer: 0 */
	'G', 'E', 'T', ' ', '/', ' ', 'H', 'T', 'T', 'P', /* TCP payload (100 bytes), first 10 */
};

/*
 * IPv4 + TCP pure ACK, 40 bytes.
 * Wireshark: 192.168.0.104 → 192.168.0.1 TCP 60 41614 → 80 [ACK] Seq=101
 * Ack=1 Win=64256 Len=0
 */
static const uint8_t ip4_ack[] = {
	0x45, 0x00, 0x00, 0x28,	/* Version 4, Header Length 20, Total Length: 40 */
	0x1c, 0x48, 0x40, 0x00,	/* Identification 0x1c48, Don't fragment */
	0x40, 0x06, 0x9c, 0xce,	/* TTL 64, Protocol: TCP, Header Checksum 0x9cce */
	0xc0, 0xa8, 0x00, 0x68,	/* Source Address: 192.168.0.104 */
	0xc0, 0xa8, 0x00, 0x01,	/* Destination Address: 192.168.0.1 */
	0xa2, 0x8e, 0x00, 0x50,	/* Source Port: 41614, Destination Port: 80 */
	0x3b, 0x9a, 0xca, 0x65,	/* Sequence Number (raw): 1000000101 */
	0x1a, 0x2b, 0x3c, 0x4d,	/* Acknowledgment number (raw): 439041101 */
	0x50, 0x10, 0x01, 0xf6,	/* Header Length: 20 bytes (5), Flags: 0x010 (ACK), Window: 502 */
	0x00, 0x00, 0x00, 0x00,	/* Checksum [unverified], Urgent Pointer: 0 */
};

/*
 * IPv6 + TCP, 65 bytes: 5 bytes of data.
 * Wireshark: 2001:db8::1 → 2001:db8::2 TCP 51234 → 443 [PSH, ACK]
 * Seq=1 Ack=1 Win=502 Len=5 (raw seq 100, ack 1000)
 */
static const uint8_t ip6_data[] = {
	0x60, 0x00, 0x00, 0x00,	/* Version: 6, Traffic Class: 0x00, Flow Label: 0x00000 */
	0x00, 0x19,		/* Payload Length: 25 */
	0x06,			/* Next Header: TCP (6) */
	0x40,			/* Hop Limit: 64 */
	0x20, 0x01, 0x0d, 0xb8, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x01, /* Source Address: 2001:db8::1 */
	0x20, 0x01, 0x0d, 0xb8, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x02, /* Destination Address: 2001:db8::2 */
	0xc8, 0x22, 0x01, 0xbb,	/* Source Port: 51234, Destination Port: 443 */
	0x00, 0x00, 0x00, 0x64,	/* Sequence Number (raw): 100 */
	0x00, 0x00, 0x03, 0xe8,	/* Acknowledgment number (raw): 1000 */
	0x50, 0x18, 0x01, 0xf6,	/* Header Length: 20 bytes (5), Flags: 0x018 (PSH, ACK), Window: 502 */
	0x00, 0x00, 0x00, 0x00,	/* Checksum [unverified], Urgent Pointer: 0 */
	'h', 'e', 'l', 'l', 'o', /* TCP payload (5 bytes) */
};

/* Concatenates a link header and an IP packet into `buf`. */
static size_t frame(uint8_t *buf, const uint8_t *link, size_t nlink,
		    const uint8_t *ip, size_t nip)
{
	memcpy(buf, link, nlink);
	memcpy(buf + nlink, ip, nip);
	return nlink + nip;
}

/* decode_frame() with the whole frame captured. */
static enum decode_result decode_all(int dlt, const uint8_t *b, size_t n,
				     struct tv_packet *p, const char **why)
{
	memset(p, 0, sizeof(*p));
	*why = NULL;
	return decode_frame(dlt, b, (uint32_t)n, (uint32_t)n, p, why);
}

static void assert_ip4_syn(const struct tv_packet *p, const char *where)
{
	static const uint8_t src[4] = { 192, 168, 0, 104 }, dst[4] = { 192, 168, 0, 1 };
	ck_assert_msg(p->src.family == 4 && memcmp(p->src.bytes, src, 4) == 0,
		      "%s: source should be IPv4 192.168.0.104", where);
	ck_assert_msg(p->dst.family == 4 && memcmp(p->dst.bytes, dst, 4) == 0,
		      "%s: destination should be IPv4 192.168.0.1", where);
	ck_assert_msg(p->sport == 41614 && p->dport == 80,
		      "%s: ports should be 41614 → 80, got %u → %u", where, p->sport, p->dport);
	ck_assert_msg(p->seq == 1000000000u, "%s: raw seq should be 1000000000, got %u",
		      where, p->seq);
	ck_assert_msg(p->flags == TH_SYN, "%s: flags should be SYN only, got 0x%03x",
		      where, p->flags);
	ck_assert_msg(p->hdr_len == 40 && p->len == 0,
		      "%s: TCP header 40 bytes and no payload, got %u/%u", where, p->hdr_len, p->len);
	ck_assert_msg((p->opt.present & TCPOPT_HAVE_MSS) && p->opt.mss == 1460,
		      "%s: MSS option 1460 expected", where);
}

static void assert_ip6_data(const struct tv_packet *p, const char *where)
{
	static const uint8_t src[16] = { 0x20, 0x01, 0x0d, 0xb8, [15] = 1 };
	static const uint8_t dst[16] = { 0x20, 0x01, 0x0d, 0xb8, [15] = 2 };
	ck_assert_msg(p->src.family == 6 && memcmp(p->src.bytes, src, 16) == 0,
		      "%s: source should be 2001:db8::1", where);
	ck_assert_msg(p->dst.family == 6 && memcmp(p->dst.bytes, dst, 16) == 0,
		      "%s: destination should be 2001:db8::2", where);
	ck_assert_msg(p->sport == 51234 && p->dport == 443,
		      "%s: ports should be 51234 → 443, got %u → %u", where, p->sport, p->dport);
	ck_assert_msg(p->seq == 100 && p->ack == 1000, "%s: raw seq 100 ack 1000 expected", where);
	ck_assert_msg(p->flags == (TH_PUSH | TH_ACK), "%s: flags PSH,ACK expected", where);
	ck_assert_msg(p->len == 5 && p->payload_caplen == 5 && !p->truncated,
		      "%s: 5 payload bytes, all captured, expected (len %u caplen %u)",
		      where, p->len, p->payload_caplen);
	ck_assert_msg(memcmp(p->payload, "hello", 5) == 0, "%s: payload should be \"hello\"", where);
}

/* ---- Ethernet ---- */

START_TEST(ethernet_ipv4_syn_every_field)
{
	struct tv_packet p;
	const char *why;
	memset(&p, 0xee, sizeof(p));	/* decode must set what it reports */
	why = NULL;
	enum decode_result r = decode_frame(DLT_EN10MB, eth_ip4_syn, sizeof(eth_ip4_syn),
					    sizeof(eth_ip4_syn), &p, &why);
	ck_assert_msg(r == DECODE_TCP, "Ethernet/IPv4/TCP SYN should decode as TCP (got %d, %s)",
		      r, why ? why : "");
	assert_ip4_syn(&p, "eth SYN");
	ck_assert_msg(p.wire_len == 74, "wire_len should be 74, got %u", p.wire_len);
	ck_assert_msg(p.ack == 0, "raw ack should be 0, got %u", p.ack);
	ck_assert_msg(p.win == 64240, "window should be 64240, got %u", p.win);
	ck_assert_msg(p.urp == 0, "urgent pointer should be 0");
	ck_assert_msg(p.payload_caplen == 0 && !p.truncated, "no payload, not truncated");
	ck_assert_msg(p.opt.present == (TCPOPT_HAVE_MSS | TCPOPT_HAVE_SACK_PERM |
					TCPOPT_HAVE_TS | TCPOPT_HAVE_WSCALE),
		      "options present should be MSS, SACK_PERM, TS, WS; got 0x%x", p.opt.present);
	ck_assert_msg(p.opt.mss == 1460, "MSS should be 1460, got %u", p.opt.mss);
	ck_assert_msg(p.opt.wscale == 7, "window scale should be 7, got %u", p.opt.wscale);
	ck_assert_msg(p.opt.ts_val == 1234567 && p.opt.ts_ecr == 0,
		      "TSval 1234567 TSecr 0 expected, got %u/%u", p.opt.ts_val, p.opt.ts_ecr);
	ck_assert_msg(p.opt.sack_count == 0 && p.opt.unknown_count == 0,
		      "no SACK blocks, no unknown options");
	ck_assert_msg(p.opt.tfo_cookie_len == 0, "no TFO cookie");
	ck_assert_msg(p.opt.problem == NULL, "valid options must not report a problem (%s)",
		      p.opt.problem ? p.opt.problem : "");
}
END_TEST

START_TEST(ethernet_8021q)
{
	static const uint8_t link[] = {
		0x00, 0x0c, 0x29, 0x6d, 0x8e, 0x20,	/* Destination: 00:0c:29:6d:8e:20 */
		0x00, 0x1b, 0x21, 0x3a, 0x4f, 0x10,	/* Source: 00:1b:21:3a:4f:10 */
		0x81, 0x00,				/* Type: 802.1Q Virtual LAN (0x8100) */
		0x00, 0x64,				/* 802.1Q: PRI 0, DEI 0, ID: 100 */
		0x08, 0x00,				/* Type: IPv4 (0x0800) */
	};
	uint8_t b[128];
	struct tv_packet p;
	const char *why;
	size_t n = frame(b, link, sizeof(link), ip4_syn, sizeof(ip4_syn));
	ck_assert_msg(decode_all(DLT_EN10MB, b, n, &p, &why) == DECODE_TCP,
		      "802.1Q tagged frame should decode as TCP");
	assert_ip4_syn(&p, "802.1Q");
	ck_assert_msg(p.wire_len == 78, "wire_len 78 expected");
}
END_TEST

START_TEST(ethernet_qinq)
{
	static const uint8_t link[] = {
		0x00, 0x0c, 0x29, 0x6d, 0x8e, 0x20,	/* Destination: 00:0c:29:6d:8e:20 */
		0x00, 0x1b, 0x21, 0x3a, 0x4f, 0x10,	/* Source: 00:1b:21:3a:4f:10 */
		0x88, 0xa8,				/* Type: 802.1ad Provider Bridge (Q-in-Q) (0x88a8) */
		0x00, 0xc8,				/* 802.1ad: PRI 0, DEI 0, ID: 200 */
		0x81, 0x00,				/* Type: 802.1Q Virtual LAN (0x8100) */
		0x00, 0x64,				/* 802.1Q: PRI 0, DEI 0, ID: 100 */
		0x08, 0x00,				/* Type: IPv4 (0x0800) */
	};
	uint8_t b[128];
	struct tv_packet p;
	const char *why;
	size_t n = frame(b, link, sizeof(link), ip4_syn, sizeof(ip4_syn));
	ck_assert_msg(decode_all(DLT_EN10MB, b, n, &p, &why) == DECODE_TCP,
		      "802.1ad + 802.1Q double-tagged frame should decode as TCP");
	assert_ip4_syn(&p, "QinQ");
}
END_TEST

START_TEST(ethernet_pppoe_session)
{
	static const uint8_t link[] = {
		0x00, 0x0c, 0x29, 0x6d, 0x8e, 0x20,	/* Destination: 00:0c:29:6d:8e:20 */
		0x00, 0x1b, 0x21, 0x3a, 0x4f, 0x10,	/* Source: 00:1b:21:3a:4f:10 */
		0x88, 0x64,				/* Type: PPPoE Session (0x8864) */
		0x11,					/* PPPoE: Version 1, Type 1 */
		0x00,					/* Code: Session Data (0x00) */
		0x00, 0x2a,				/* Session ID: 0x002a */
		0x00, 0x3e,				/* Payload Length: 62 (PPP 2 + IP 60) */
		0x00, 0x21,				/* Point-to-Point Protocol: Internet Protocol version 4 (0x0021) */
	};
	uint8_t b[128];
	struct tv_packet p;
	const char *why;
	size_t n = frame(b, link, sizeof(link), ip4_syn, sizeof(ip4_syn));
	ck_assert_msg(decode_all(DLT_EN10MB, b, n, &p, &why) == DECODE_TCP,
		      "PPPoE session frame carrying IPv4 should decode as TCP");
	assert_ip4_syn(&p, "PPPoE");
}
END_TEST

START_TEST(ethernet_arp_is_other)
{
	static const uint8_t b[] = {
		0xff, 0xff, 0xff, 0xff, 0xff, 0xff,	/* Destination: Broadcast */
		0x00, 0x1b, 0x21, 0x3a, 0x4f, 0x10,	/* Source: 00:1b:21:3a:4f:10 */
		0x08, 0x06,				/* Type: ARP (0x0806) */
		0x00, 0x01,				/* Hardware type: Ethernet (1) */
		0x08, 0x00,				/* Protocol type: IPv4 (0x0800) */
		0x06, 0x04,				/* Hardware size: 6, Protocol size: 4 */
		0x00, 0x01,				/* Opcode: request (1) */
		0x00, 0x1b, 0x21, 0x3a, 0x4f, 0x10,	/* Sender MAC address */
		0xc0, 0xa8, 0x00, 0x68,			/* Sender IP address: 192.168.0.104 */
		0x00, 0x00, 0x00, 0x00, 0x00, 0x00,	/* Target MAC address: 00:00:00:00:00:00 */
		0xc0, 0xa8, 0x00, 0x01,			/* Target IP address: 192.168.0.1 */
	};	/* Who has 192.168.0.1? Tell 192.168.0.104 */
	struct tv_packet p;
	const char *why;
	ck_assert_msg(decode_all(DLT_EN10MB, b, sizeof(b), &p, &why) == DECODE_OTHER,
		      "ARP should be DECODE_OTHER");
}
END_TEST

/* ---- BSD loopback, Linux cooked, raw ---- */

START_TEST(null_af2_little_endian)
{
	/* Null/Loopback: Family: IP (2), written by a little-endian host */
	static const uint8_t link[] = { 0x02, 0x00, 0x00, 0x00 };
	uint8_t b[128];
	struct tv_packet p;
	const char *why;
	size_t n = frame(b, link, sizeof(link), ip4_syn, sizeof(ip4_syn));
	ck_assert_msg(decode_all(DLT_NULL, b, n, &p, &why) == DECODE_TCP,
		      "DLT_NULL AF 2 (LE) should decode as TCP");
	assert_ip4_syn(&p, "NULL LE");
}
END_TEST

START_TEST(null_af2_big_endian)
{
	/* Null/Loopback: Family: IP (2), written by a big-endian host */
	static const uint8_t link[] = { 0x00, 0x00, 0x00, 0x02 };
	uint8_t b[128];
	struct tv_packet p;
	const char *why;
	size_t n = frame(b, link, sizeof(link), ip4_syn, sizeof(ip4_syn));
	ck_assert_msg(decode_all(DLT_NULL, b, n, &p, &why) == DECODE_TCP,
		      "DLT_NULL AF 2 (BE) should decode as TCP");
	assert_ip4_syn(&p, "NULL BE");
}
END_TEST

START_TEST(null_af30_macos_ipv6)
{
	/* Null/Loopback: Family: IPv6 (30) (macOS's AF_INET6), little-endian */
	static const uint8_t link[] = { 0x1e, 0x00, 0x00, 0x00 };
	uint8_t b[128];
	struct tv_packet p;
	const char *why;
	size_t n = frame(b, link, sizeof(link), ip6_data, sizeof(ip6_data));
	ck_assert_msg(decode_all(DLT_NULL, b, n, &p, &why) == DECODE_TCP,
		      "DLT_NULL AF 30 should decode as IPv6/TCP");
	assert_ip6_data(&p, "NULL AF 30");
}
END_TEST

START_TEST(loop_network_order)
{
	/* DLT_LOOP (OpenBSD loopback): Family: IP (2), always network byte order */
	static const uint8_t link[] = { 0x00, 0x00, 0x00, 0x02 };
	uint8_t b[128];
	struct tv_packet p;
	const char *why;
	size_t n = frame(b, link, sizeof(link), ip4_syn, sizeof(ip4_syn));
	ck_assert_msg(decode_all(DLT_LOOP, b, n, &p, &why) == DECODE_TCP,
		      "DLT_LOOP AF 2 should decode as TCP");
	assert_ip4_syn(&p, "LOOP");
}
END_TEST

START_TEST(null_unknown_family_is_other)
{
	/* Null/Loopback: Family: 7 (not an IP family) */
	static const uint8_t link[] = { 0x07, 0x00, 0x00, 0x00 };
	uint8_t b[128];
	struct tv_packet p;
	const char *why;
	size_t n = frame(b, link, sizeof(link), ip4_syn, sizeof(ip4_syn));
	ck_assert_msg(decode_all(DLT_NULL, b, n, &p, &why) == DECODE_OTHER,
		      "DLT_NULL family 7 should be DECODE_OTHER, not guessed at");
}
END_TEST

START_TEST(linux_sll)
{
	static const uint8_t link[] = {
		0x00, 0x00,				/* Packet type: Unicast to us (0) */
		0x00, 0x01,				/* Link-layer address type: Ethernet (1) */
		0x00, 0x06,				/* Link-layer address length: 6 */
		0x00, 0x1b, 0x21, 0x3a, 0x4f, 0x10, 0x00, 0x00, /* Source: 00:1b:21:3a:4f:10, 2 bytes unused */
		0x08, 0x00,				/* Protocol: IPv4 (0x0800) */
	};
	uint8_t b[128];
	struct tv_packet p;
	const char *why;
	size_t n = frame(b, link, sizeof(link), ip4_syn, sizeof(ip4_syn));
	ck_assert_msg(decode_all(DLT_LINUX_SLL, b, n, &p, &why) == DECODE_TCP,
		      "LINUX_SLL IPv4 should decode as TCP");
	assert_ip4_syn(&p, "SLL");
}
END_TEST

START_TEST(linux_sll2)
{
	static const uint8_t link[] = {
		0x86, 0xdd,				/* Protocol: IPv6 (0x86dd) */
		0x00, 0x00,				/* Reserved (MBZ) */
		0x00, 0x00, 0x00, 0x02,			/* Interface index: 2 */
		0x00, 0x01,				/* Link-layer address type: Ethernet (1) */
		0x04,					/* Packet type: Sent by us (4) */
		0x06,					/* Link-layer address length: 6 */
		0x00, 0x1b, 0x21, 0x3a, 0x4f, 0x10, 0x00, 0x00, /* Source: 00:1b:21:3a:4f:10, 2 bytes unused */
	};
	uint8_t b[128];
	struct tv_packet p;
	const char *why;
	size_t n = frame(b, link, sizeof(link), ip6_data, sizeof(ip6_data));
	ck_assert_msg(decode_all(DLT_LINUX_SLL2, b, n, &p, &why) == DECODE_TCP,
		      "LINUX_SLL2 IPv6 should decode as TCP");
	assert_ip6_data(&p, "SLL2");
}
END_TEST

START_TEST(raw_ipv4_and_ipv6)
{
	struct tv_packet p;
	const char *why;
	/* DLT_RAW: the packet starts at the IP header; its version nibble decides. */
	ck_assert_msg(decode_all(DLT_RAW, ip4_syn, sizeof(ip4_syn), &p, &why) == DECODE_TCP,
		      "DLT_RAW IPv4 should decode as TCP");
	assert_ip4_syn(&p, "RAW v4");
	ck_assert_msg(p.wire_len == 60, "wire_len 60 expected");
	ck_assert_msg(decode_all(DLT_RAW, ip6_data, sizeof(ip6_data), &p, &why) == DECODE_TCP,
		      "DLT_RAW IPv6 should decode as TCP");
	assert_ip6_data(&p, "RAW v6");
}
END_TEST

START_TEST(link_types_supported)
{
	ck_assert_msg(decode_link_supported(DLT_EN10MB), "EN10MB supported");
	ck_assert_msg(decode_link_supported(DLT_NULL), "NULL supported");
	ck_assert_msg(decode_link_supported(DLT_LOOP), "LOOP supported");
	ck_assert_msg(decode_link_supported(DLT_LINUX_SLL), "LINUX_SLL supported");
	ck_assert_msg(decode_link_supported(DLT_LINUX_SLL2), "LINUX_SLL2 supported");
	ck_assert_msg(decode_link_supported(DLT_RAW), "RAW supported");
	ck_assert_msg(decode_link_supported(DLT_IEEE802_11), "802.11 supported");
	ck_assert_msg(decode_link_supported(DLT_NFLOG), "NFLOG supported");
	/* DLT_USER0 (147) is private to whoever captured: never guessed at. */
	ck_assert_msg(!decode_link_supported(147), "USER0 is not supported");
	struct tv_packet p;
	const char *why;
	ck_assert_msg(decode_all(147, ip4_syn, sizeof(ip4_syn), &p, &why) ==
		      DECODE_MALFORMED && why != NULL,
		      "decode_frame on an unsupported link type must not misread the frame");
}
END_TEST

/* ---- IPv6 ---- */

START_TEST(ipv6_extension_headers)
{
	static const uint8_t b[] = {
		0x60, 0x00, 0x00, 0x00,	/* Version: 6, Traffic Class 0, Flow Label 0 */
		0x00, 0x29,		/* Payload Length: 41 */
		0x00,			/* Next Header: IPv6 Hop-by-Hop Option (0) */
		0x40,			/* Hop Limit: 64 */
		0x20, 0x01, 0x0d, 0xb8, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x01, /* Source: 2001:db8::1 */
		0x20, 0x01, 0x0d, 0xb8, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x02, /* Destination: 2001:db8::2 */
		/* IPv6 Hop-by-Hop Option */
		0x3c,			/* Next Header: Destination Options for IPv6 (60) */
		0x00,			/* Length: 0 (8 bytes) */
		0x01, 0x04, 0x00, 0x00, 0x00, 0x00, /* PadN, length 4 */
		/* Destination Options for IPv6 */
		0x06,			/* Next Header: TCP (6) */
		0x00,			/* Length: 0 (8 bytes) */
		0x01, 0x04, 0x00, 0x00, 0x00, 0x00, /* PadN, length 4 */
		/* Transmission Control Protocol, 51234 → 443 [PSH, ACK] Len=5 */
		0xc8, 0x22, 0x01, 0xbb,	/* Source Port: 51234, Destination Port: 443 */
		0x00, 0x00, 0x00, 0x64,	/* Sequence Number (raw): 100 */
		0x00, 0x00, 0x03, 0xe8,	/* Acknowledgment number (raw): 1000 */
		0x50, 0x18, 0x01, 0xf6,	/* Header Length: 20, Flags: PSH, ACK, Window: 502 */
		0x00, 0x00, 0x00, 0x00,	/* Checksum, Urgent Pointer: 0 */
		'h', 'e', 'l', 'l', 'o',
	};
	struct tv_packet p;
	const char *why;
	ck_assert_msg(decode_all(DLT_RAW, b, sizeof(b), &p, &why) == DECODE_TCP,
		      "IPv6 with Hop-by-Hop and Destination Options should reach TCP (%s)",
		      why ? why : "");
	assert_ip6_data(&p, "IPv6 ext headers");
}
END_TEST

START_TEST(ipv6_non_first_fragment_is_other)
{
	static const uint8_t b[] = {
		0x60, 0x00, 0x00, 0x00,	/* Version: 6 */
		0x00, 0x18,		/* Payload Length: 24 */
		0x2c,			/* Next Header: Fragment Header for IPv6 (44) */
		0x40,			/* Hop Limit: 64 */
		0x20, 0x01, 0x0d, 0xb8, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x01, /* Source: 2001:db8::1 */
		0x20, 0x01, 0x0d, 0xb8, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x02, /* Destination: 2001:db8::2 */
		/* Fragment Header for IPv6 */
		0x06,			/* Next header: TCP (6) */
		0x00,			/* Reserved octet */
		0x00, 0xb9,		/* Offset: 23 (184 bytes), More Fragment: Yes */
		0x00, 0x00, 0x00, 0x2a,	/* Identification: 0x0000002a */
		/* 16 bytes from the middle of a TCP segment: no TCP header here */
		'm', 'i', 'd', 'd', 'l', 'e', ' ', 'o', 'f', ' ', 'a', ' ', 'b', 'o', 'd', 'y',
	};
	struct tv_packet p;
	const char *why;
	ck_assert_msg(decode_all(DLT_RAW, b, sizeof(b), &p, &why) == DECODE_OTHER,
		      "an IPv6 fragment with offset 184 has no TCP header: DECODE_OTHER");
}
END_TEST

/* ---- IPv4 ---- */

START_TEST(ipv4_non_first_fragment_is_other)
{
	uint8_t b[sizeof(ip4_syn)];
	memcpy(b, ip4_syn, sizeof(b));
	b[6] = 0x20;	/* Flags: 0x1, More fragments */
	b[7] = 0xb9;	/* Fragment Offset: 1480 (185 × 8) */
	struct tv_packet p;
	const char *why;
	ck_assert_msg(decode_all(DLT_RAW, b, sizeof(b), &p, &why) == DECODE_OTHER,
		      "an IPv4 fragment at offset 1480 must be DECODE_OTHER, not read as TCP");
}
END_TEST

START_TEST(ipv4_first_fragment_with_tcp_header)
{
	uint8_t b[sizeof(ip4_syn)];
	memcpy(b, ip4_syn, sizeof(b));
	b[6] = 0x20;	/* Flags: 0x1, More fragments; Fragment Offset: 0 */
	b[7] = 0x00;
	struct tv_packet p;
	const char *why;
	ck_assert_msg(decode_all(DLT_RAW, b, sizeof(b), &p, &why) == DECODE_TCP,
		      "a first fragment holding the whole TCP header is decoded (SPEC §2)");
	assert_ip4_syn(&p, "first fragment");
}
END_TEST

START_TEST(udp_is_a_datagram)
{
	static const uint8_t b[] = {
		0x45, 0x00, 0x00, 0x21,	/* Version 4, Header Length 20, Total Length: 33 */
		0x12, 0x34, 0x00, 0x00,	/* Identification 0x1234, no flags */
		0x40, 0x11, 0x00, 0x00,	/* TTL 64, Protocol: UDP (17), checksum [unverified] */
		0xc0, 0xa8, 0x00, 0x68,	/* Source Address: 192.168.0.104 */
		0xc0, 0xa8, 0x00, 0x01,	/* Destination Address: 192.168.0.1 */
		0xd4, 0x31, 0x00, 0x35,	/* User Datagram Protocol, Src Port: 54321, Dst Port: 53 */
		0x00, 0x0d, 0x00, 0x00,	/* Length: 13, Checksum: 0x0000 */
		0x01, 0x02, 0x03, 0x04, 0x05, /* Data (5 bytes) */
	};
	struct tv_packet p;
	const char *why;
	ck_assert_msg(decode_all(DLT_RAW, b, sizeof(b), &p, &why) == DECODE_UDP,
		      "UDP is handed on as a datagram, for DNS");
	ck_assert(p.sport == 54321 && p.dport == 53);
	ck_assert_msg(p.len == 5 && p.payload_caplen == 5 && p.payload[0] == 0x01 &&
		      !p.truncated, "the 5 data bytes are its payload");
}
END_TEST

/* ---- lengths: snap length, padding, TSO ---- */

START_TEST(payload_length_from_ip_when_cut_short)
{
	static const uint8_t eth[] = {
		0x00, 0x0c, 0x29, 0x6d, 0x8e, 0x20,	/* Destination: 00:0c:29:6d:8e:20 */
		0x00, 0x1b, 0x21, 0x3a, 0x4f, 0x10,	/* Source: 00:1b:21:3a:4f:10 */
		0x08, 0x00,				/* Type: IPv4 */
	};
	uint8_t b[128];
	size_t n = frame(b, eth, sizeof(eth), ip4_data_head, sizeof(ip4_data_head));
	struct tv_packet p;
	const char *why = NULL;
	memset(&p, 0, sizeof(p));
	/* Frame 154 bytes on wire, 64 bytes captured (snaplen 64) */
	enum decode_result r = decode_frame(DLT_EN10MB, b, (uint32_t)n, 154, &p, &why);
	ck_assert_msg(n == 64, "test frame should be 64 captured bytes");
	ck_assert_msg(r == DECODE_TCP, "a frame cut inside the payload is still TCP");
	ck_assert_msg(p.len == 100, "len should come from the IP total length (100), got %u", p.len);
	ck_assert_msg(p.payload_caplen == 10, "10 payload bytes were captured, got %u",
		      p.payload_caplen);
	ck_assert_msg(p.truncated, "truncated should be true");
	ck_assert_msg(p.payload != NULL && memcmp(p.payload, "GET / HTTP", 10) == 0,
		      "payload should point at the captured \"GET / HTTP\"");
	ck_assert_msg(p.seq == 1000000001u && p.ack == 439041101u, "raw seq/ack as written");
	ck_assert_msg(p.wire_len == 154, "wire_len 154 expected");
}
END_TEST

START_TEST(ethernet_padding_ignored)
{
	static const uint8_t eth[] = {
		0x00, 0x0c, 0x29, 0x6d, 0x8e, 0x20,	/* Destination */
		0x00, 0x1b, 0x21, 0x3a, 0x4f, 0x10,	/* Source */
		0x08, 0x00,				/* Type: IPv4 */
	};
	uint8_t b[60];
	memset(b, 0, sizeof(b));	/* Ethernet padding: 6 zero bytes (frame padded to 60) */
	frame(b, eth, sizeof(eth), ip4_ack, sizeof(ip4_ack));
	struct tv_packet p;
	const char *why;
	ck_assert_msg(decode_all(DLT_EN10MB, b, sizeof(b), &p, &why) == DECODE_TCP,
		      "padded minimum-size frame should decode");
	ck_assert_msg(p.len == 0, "a pure ACK in a padded frame has len 0 (IP total 40), got %u",
		      p.len);
	ck_assert_msg(p.payload_caplen == 0 && !p.truncated,
		      "padding is neither payload nor truncation");

	/* The same ACK carrying one byte (a keep-alive): Total Length 41, 5 bytes of padding. */
	uint8_t k[60];
	memset(k, 0, sizeof(k));
	frame(k, eth, sizeof(eth), ip4_ack, sizeof(ip4_ack));
	k[14 + 3] = 0x29;	/* Total Length: 41 */
	k[54] = 0x00;		/* TCP payload (1 byte): 00 */
	ck_assert_msg(decode_all(DLT_EN10MB, k, sizeof(k), &p, &why) == DECODE_TCP,
		      "padded 1-byte segment should decode");
	ck_assert_msg(p.len == 1 && p.payload_caplen == 1,
		      "len must be 1 from the IP total length, not 6 from the frame (got %u/%u)",
		      p.len, p.payload_caplen);
}
END_TEST

START_TEST(ipv4_total_length_zero_tso)
{
	static const uint8_t eth[] = {
		0x00, 0x0c, 0x29, 0x6d, 0x8e, 0x20,	/* Destination */
		0x00, 0x1b, 0x21, 0x3a, 0x4f, 0x10,	/* Source */
		0x08, 0x00,				/* Type: IPv4 */
	};
	static uint8_t b[2054];
	memset(b, 'x', sizeof(b));
	frame(b, eth, sizeof(eth), ip4_ack, sizeof(ip4_ack));
	b[14 + 2] = 0x00;	/* Total Length: 0 (reported as TSO by Wireshark) */
	b[14 + 3] = 0x00;
	b[14 + 33] = 0x18;	/* Flags: 0x018 (PSH, ACK) */
	struct tv_packet p;
	const char *why;
	ck_assert_msg(decode_all(DLT_EN10MB, b, sizeof(b), &p, &why) == DECODE_TCP,
		      "TSO frame with IP total length 0 should decode (%s)", why ? why : "");
	ck_assert_msg(p.len == 2000, "len should come from the wire length: 2054-14-20-20 = 2000, "
		      "got %u", p.len);
	ck_assert_msg(p.payload_caplen == 2000 && !p.truncated, "all 2000 bytes captured");
}
END_TEST

/* ---- malformed ---- */

START_TEST(malformed_ipv4_ihl_below_5)
{
	uint8_t b[sizeof(ip4_syn)];
	memcpy(b, ip4_syn, sizeof(b));
	b[0] = 0x44;	/* Version 4, Header Length: 16 bytes (4) - bogus, must be at least 20 */
	struct tv_packet p;
	const char *why;
	ck_assert_msg(decode_all(DLT_RAW, b, sizeof(b), &p, &why) == DECODE_MALFORMED,
		      "IHL 4 should be DECODE_MALFORMED");
	ck_assert_msg(why != NULL && *why != '\0', "a malformed frame must say why");
}
END_TEST

START_TEST(malformed_ipv4_header_cut_short)
{
	struct tv_packet p;
	const char *why = NULL;
	memset(&p, 0, sizeof(p));
	/* Only 12 of the 20 IPv4 header bytes captured. */
	ck_assert_msg(decode_frame(DLT_RAW, ip4_syn, 12, 60, &p, &why) == DECODE_MALFORMED,
		      "IPv4 header cut at 12 bytes should be DECODE_MALFORMED");
	ck_assert_msg(why != NULL && *why != '\0', "a malformed frame must say why");
}
END_TEST

START_TEST(malformed_tcp_header_cut_short)
{
	struct tv_packet p;
	const char *why = NULL;
	memset(&p, 0, sizeof(p));
	/* IPv4 header complete, 12 of the TCP header's 20 bytes captured. */
	ck_assert_msg(decode_frame(DLT_RAW, ip4_syn, 32, 60, &p, &why) == DECODE_MALFORMED,
		      "TCP header cut at 12 bytes should be DECODE_MALFORMED");
	ck_assert_msg(why != NULL && *why != '\0', "a malformed frame must say why");
}
END_TEST

START_TEST(malformed_tcp_data_offset_below_5)
{
	uint8_t b[sizeof(ip4_ack)];
	memcpy(b, ip4_ack, sizeof(b));
	b[32] = 0x40;	/* 0100 .... = Header Length: 16 bytes (4) - bogus, must be at least 20 */
	struct tv_packet p;
	const char *why;
	ck_assert_msg(decode_all(DLT_RAW, b, sizeof(b), &p, &why) == DECODE_MALFORMED,
		      "TCP data offset 4 should be DECODE_MALFORMED");
	ck_assert_msg(why != NULL && *why != '\0', "a malformed frame must say why");
}
END_TEST

START_TEST(malformed_tcp_header_longer_than_ip_payload)
{
	uint8_t b[sizeof(ip4_ack)];
	memcpy(b, ip4_ack, sizeof(b));
	b[32] = 0xf0;	/* Header Length: 60 bytes (15), but IP carries only 20 bytes of TCP */
	struct tv_packet p;
	const char *why;
	ck_assert_msg(decode_all(DLT_RAW, b, sizeof(b), &p, &why) == DECODE_MALFORMED,
		      "a 60-byte TCP header in a 20-byte IP payload should be DECODE_MALFORMED");
	ck_assert_msg(why != NULL && *why != '\0', "a malformed frame must say why");
}
END_TEST

START_TEST(options_cut_by_snaplen_not_malformed)
{
	struct tv_packet p;
	const char *why = NULL;
	memset(&p, 0, sizeof(p));
	/* 20 IP + 20 TCP + the MSS option only: the snap length cut the options. */
	ck_assert_msg(decode_frame(DLT_RAW, ip4_syn, 44, 60, &p, &why) == DECODE_TCP,
		      "options cut by the snap length are not malformed");
	ck_assert_msg(p.truncated, "the packet is marked truncated");
	ck_assert_msg((p.opt.present & TCPOPT_HAVE_MSS) && p.opt.mss == 1460,
		      "the captured MSS option is still used");
	ck_assert_msg(p.opt.problem == NULL, "cut options are not an option problem");
}
END_TEST

/* ---- decode_tcp_options ---- */

static const char *options(const uint8_t *b, size_t n, struct tcp_options *o)
{
	struct cursor c = cursor_make(b, n);
	return decode_tcp_options(&c, o);
}

START_TEST(option_length_zero)
{
	static const uint8_t b[] = {
		0x02, 0x00,		/* Kind: MSS (2), Length: 0 - bogus */
		0x01, 0x01, 0x01, 0x01,
	};
	struct tcp_options o;
	const char *why = options(b, sizeof(b), &o);
	ck_assert_msg(why != NULL && o.problem != NULL, "option length 0 must be a problem");
	ck_assert_msg(!(o.present & TCPOPT_HAVE_MSS), "no MSS from a bogus option");
}
END_TEST

START_TEST(option_length_one)
{
	static const uint8_t b[] = {
		0x02, 0x04, 0x05, 0xb4,	/* Maximum segment size: 1460 bytes */
		0x08, 0x01,		/* Kind: Time Stamp Option (8), Length: 1 - bogus */
		0x00, 0x00,
	};
	struct tcp_options o;
	const char *why = options(b, sizeof(b), &o);
	ck_assert_msg(why != NULL && o.problem != NULL, "option length 1 must be a problem");
	ck_assert_msg((o.present & TCPOPT_HAVE_MSS) && o.mss == 1460,
		      "options decoded before the bad one are kept");
	ck_assert_msg(!(o.present & TCPOPT_HAVE_TS), "no timestamps from a bogus option");
}
END_TEST

START_TEST(option_runs_past_header)
{
	static const uint8_t b[] = {
		0x01, 0x01,		/* NOP, NOP */
		0x08, 0x0a,		/* Kind: Time Stamp Option (8), Length: 10 */
		0x00, 0x00, 0x00, 0x01,	/* TSval 1, then the header ends 4 bytes early */
	};
	struct tcp_options o;
	const char *why = options(b, sizeof(b), &o);
	ck_assert_msg(why != NULL && o.problem != NULL,
		      "an option running past the header must be a problem");
	ck_assert_msg(!(o.present & TCPOPT_HAVE_TS), "no timestamps from a cut option");
}
END_TEST

START_TEST(option_wscale_15_kept)
{
	static const uint8_t b[] = {
		0x03, 0x03, 0x0f,	/* Window scale: 15 (multiply by 32768) - above RFC 7323's 14 */
		0x00,			/* EOL */
	};
	struct tcp_options o;
	ck_assert_msg(options(b, sizeof(b), &o) == NULL, "WS 15 is not a malformed option");
	ck_assert_msg(o.present & TCPOPT_HAVE_WSCALE, "window scale present");
	ck_assert_msg(o.wscale == 15, "the packet keeps the shift as sent (15), got %u; the "
		      "analyzer applies the cap of 14", o.wscale);
}
END_TEST

START_TEST(option_sack_blocks)
{
	static const uint8_t b[] = {
		0x01, 0x01,		/* NOP, NOP */
		0x05, 0x1a,		/* Kind: SACK (5), Length: 26 (3 blocks) */
		0x00, 0x00, 0x10, 0x00, 0x00, 0x00, 0x20, 0x00, /* left edge 4096, right edge 8192 */
		0x00, 0x00, 0x30, 0x00, 0x00, 0x00, 0x40, 0x00, /* left edge 12288, right edge 16384 */
		0xff, 0xff, 0xff, 0xf0, 0x00, 0x00, 0x00, 0x10, /* left edge 4294967280, right edge 16 */
	};
	struct tcp_options o;
	ck_assert_msg(options(b, sizeof(b), &o) == NULL, "a 3-block SACK is valid");
	ck_assert_msg(o.present & TCPOPT_HAVE_SACK, "SACK present");
	ck_assert_msg(o.sack_count == 3, "3 SACK blocks expected, got %u", o.sack_count);
	ck_assert_msg(o.sack_left[0] == 4096 && o.sack_right[0] == 8192, "block 1 4096-8192");
	ck_assert_msg(o.sack_left[1] == 12288 && o.sack_right[1] == 16384, "block 2 12288-16384");
	ck_assert_msg(o.sack_left[2] == 0xfffffff0u && o.sack_right[2] == 16,
		      "block 3 0xfffffff0-16");

	static const uint8_t bad[] = { 0x05, 0x05, 0x00, 0x00, 0x00 }; /* SACK, Length: 5 - not 2+8n */
	ck_assert_msg(options(bad, sizeof(bad), &o) != NULL, "a SACK of length 5 is a problem");
}
END_TEST

START_TEST(option_tfo_cookie)
{
	static const uint8_t b[] = {
		0x22, 0x0a,		/* Kind: TCP Fast Open Cookie (34), Length: 10 */
		0x5d, 0x2e, 0x07, 0x9c, 0x44, 0x91, 0xa8, 0x31, /* Fast Open Cookie (8 bytes) */
	};
	struct tcp_options o;
	ck_assert_msg(options(b, sizeof(b), &o) == NULL, "TFO cookie is valid");
	ck_assert_msg(o.present & TCPOPT_HAVE_TFO, "TFO present");
	ck_assert_msg(o.tfo_cookie_len == 8, "cookie of 8 bytes, got %u", o.tfo_cookie_len);

	static const uint8_t req[] = { 0x22, 0x02 }; /* TCP Fast Open Cookie Request, Length: 2 */
	ck_assert_msg(options(req, sizeof(req), &o) == NULL, "TFO cookie request is valid");
	ck_assert_msg((o.present & TCPOPT_HAVE_TFO) && o.tfo_cookie_len == 0,
		      "a cookie request is TFO with cookie length 0");
}
END_TEST

START_TEST(option_unknown_kinds_recorded)
{
	static const uint8_t b[] = {
		0xfd, 0x04, 0xde, 0xad,	/* Kind: RFC3692-style Experiment 2 (253), Length: 4 */
		0x0e, 0x03, 0x00,	/* Kind: TCP Alternate Checksum Request (14), Length: 3 */
		0x02, 0x04, 0x05, 0xb4,	/* Maximum segment size: 1460 bytes */
	};
	struct tcp_options o;
	ck_assert_msg(options(b, sizeof(b), &o) == NULL, "unknown options are not a problem");
	ck_assert_msg(o.unknown_count == 2, "2 unknown kinds expected, got %u", o.unknown_count);
	ck_assert_msg(o.unknown_kinds[0] == 253 && o.unknown_kinds[1] == 14,
		      "unknown kinds 253 then 14 expected, got %u, %u",
		      o.unknown_kinds[0], o.unknown_kinds[1]);
	ck_assert_msg((o.present & TCPOPT_HAVE_MSS) && o.mss == 1460,
		      "parsing continues after unknown options");
}
END_TEST

START_TEST(option_eol_stops)
{
	static const uint8_t b[] = {
		0x02, 0x04, 0x05, 0xb4,	/* Maximum segment size: 1460 bytes */
		0x00,			/* End of Option List (EOL) */
		0x03, 0x03, 0x07,	/* (after EOL: padding, not an option) */
	};
	struct tcp_options o;
	ck_assert_msg(options(b, sizeof(b), &o) == NULL, "EOL then garbage is valid");
	ck_assert_msg((o.present & TCPOPT_HAVE_MSS) && o.mss == 1460, "MSS before EOL kept");
	ck_assert_msg(!(o.present & TCPOPT_HAVE_WSCALE), "nothing after EOL is parsed");
}
END_TEST

Suite *check_suite(void)
{
	Suite *s = suite_create("decode");
	TCase *link = tcase_create("link");
	tcase_add_test(link, ethernet_ipv4_syn_every_field);
	tcase_add_test(link, ethernet_8021q);
	tcase_add_test(link, ethernet_qinq);
	tcase_add_test(link, ethernet_pppoe_session);
	tcase_add_test(link, ethernet_arp_is_other);
	tcase_add_test(link, null_af2_little_endian);
	tcase_add_test(link, null_af2_big_endian);
	tcase_add_test(link, null_af30_macos_ipv6);
	tcase_add_test(link, loop_network_order);
	tcase_add_test(link, null_unknown_family_is_other);
	tcase_add_test(link, linux_sll);
	tcase_add_test(link, linux_sll2);
	tcase_add_test(link, raw_ipv4_and_ipv6);
	tcase_add_test(link, link_types_supported);
	suite_add_tcase(s, link);

	TCase *ip = tcase_create("ip");
	tcase_add_test(ip, ipv6_extension_headers);
	tcase_add_test(ip, ipv6_non_first_fragment_is_other);
	tcase_add_test(ip, ipv4_non_first_fragment_is_other);
	tcase_add_test(ip, ipv4_first_fragment_with_tcp_header);
	tcase_add_test(ip, udp_is_a_datagram);
	tcase_add_test(ip, payload_length_from_ip_when_cut_short);
	tcase_add_test(ip, ethernet_padding_ignored);
	tcase_add_test(ip, ipv4_total_length_zero_tso);
	suite_add_tcase(s, ip);

	TCase *bad = tcase_create("malformed");
	tcase_add_test(bad, malformed_ipv4_ihl_below_5);
	tcase_add_test(bad, malformed_ipv4_header_cut_short);
	tcase_add_test(bad, malformed_tcp_header_cut_short);
	tcase_add_test(bad, malformed_tcp_data_offset_below_5);
	tcase_add_test(bad, malformed_tcp_header_longer_than_ip_payload);
	tcase_add_test(bad, options_cut_by_snaplen_not_malformed);
	suite_add_tcase(s, bad);

	TCase *opt = tcase_create("options");
	tcase_add_test(opt, option_length_zero);
	tcase_add_test(opt, option_length_one);
	tcase_add_test(opt, option_runs_past_header);
	tcase_add_test(opt, option_wscale_15_kept);
	tcase_add_test(opt, option_sack_blocks);
	tcase_add_test(opt, option_tfo_cookie);
	tcase_add_test(opt, option_unknown_kinds_recorded);
	tcase_add_test(opt, option_eol_stops);
	suite_add_tcase(s, opt);
	return s;
}
