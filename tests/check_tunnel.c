/*
 * check_tunnel.c - unit tests of the encapsulations decode_frame() opens on
 * its way to TCP (src/decode/ether.c, tunnel.c, udp.c, ip.c): VLAN stacks
 * (0x8100, 0x88a8, 0x9100), MPLS label stacks with IPv4, IPv6 or an
 * Ethernet pseudowire after them, PPPoE, Cisco MetaData, 802.1ah, VN-Tag,
 * the Network Service Header, 802.3 LLC (SNAP, SAP 0x06), GRE (checksum,
 * key, sequence, RFC 1701 routing, reserved versions; IP, IPv6, transparent
 * Ethernet bridging; ERSPAN types I, II, III with and without its
 * subheader; PPTP's enhanced GRE with PPP, compressed or not; Aruba's
 * 802.11; WCCP with and without its redirect header; MikroTik EoIP), the
 * UDP tunnels (VXLAN, VXLAN-GPE, Geneve with options and version 1, GTP-U
 * with optional fields and extension headers, L2TP, Teredo, AYIYA, LISP,
 * MPLS over UDP, TZSP) and which port of a datagram decides, IP in IP (4in4,
 * 6in4, 4in6, 6in6), IPv4's AH and IPv6 extension headers with AH.
 *
 * Each frame reaches the inner TCP segment with its addresses, ports,
 * sequence number, flags and length; the tunnel identity (the VXLAN or
 * Geneve VNI, the one identifier both directions of a connection share)
 * tells two tunnels apart and is 0 without one, while a VLAN id, GTP TEID
 * or GRE key, which may differ between the two directions, leaves it
 * alone (decode_int.h); GRE protocol types next to Aruba's are not
 * taken for 802.11; a nest deeper than 16 encapsulations is malformed; and every frame cut
 * at every byte is malformed, other or (once the 20 bytes of the TCP header
 * are in) a truncated TCP segment whose length still comes from the inner
 * IP header.  Each cut frame is copied to a buffer of exactly the captured
 * size, so the sanitizer build catches any read past it.
 *
 * Frames are byte arrays with Wireshark's reading of each field beside it.
 * Every frame here (the variants and the nests too) was written to a pcap
 * file and read with tshark 4.0.17 (`tshark -r f.pcap -V`, and `-T fields
 * -e ip.src -e tcp.srcport -e tcp.seq_raw -e tcp.len ...`): tshark reads
 * each field as its comment says and finds the inner TCP segment asserted
 * here.
 */
#include <check.h>
#include <pcap/pcap.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "tcpview/decode/decode.h"
#include "check_main.h"

#define ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))

/* ---- the inner packets ---- */

/*
 * IPv4 + TCP, 52 bytes: 12 bytes of data.
 * Wireshark: 10.0.0.1 → 10.0.0.2 TCP 49152 → 80 [PSH, ACK] Seq=1 Ack=1
 * Win=512 Len=12 (raw seq 1000000, ack 2000000)
 */
static const uint8_t in4[] = {
	/* Internet Protocol Version 4, Src: 10.0.0.1, Dst: 10.0.0.2 */
	0x45, 0x00, 0x00, 0x34,	/* Version: 4, Header Length: 20 bytes (5), DSCP CS0, Total Length: 52 */
	0x00, 0x01, 0x40, 0x00,	/* Identification: 0x0001 (1), Flags: 0x2, Don't fragment, Fragment Offset: 0 */
	0x40, 0x06, 0x26, 0xc1,	/* Time to Live: 64, Protocol: TCP (6), Header Checksum: 0x26c1 */
	0x0a, 0x00, 0x00, 0x01,	/* Source Address: 10.0.0.1 */
	0x0a, 0x00, 0x00, 0x02,	/* Destination Address: 10.0.0.2 */
	/* Transmission Control Protocol, Src Port: 49152, Dst Port: 80, Seq: 1, Ack: 1, Len: 12 */
	0xc0, 0x00, 0x00, 0x50,	/* Source Port: 49152, Destination Port: 80 */
	0x00, 0x0f, 0x42, 0x40,	/* Sequence Number (raw): 1000000 */
	0x00, 0x1e, 0x84, 0x80,	/* Acknowledgment number (raw): 2000000 */
	0x50, 0x18, 0x02, 0x00,	/* Header Length: 20 bytes (5), Flags: 0x018 (PSH, ACK), Window: 512 */
	0x86, 0x3d, 0x00, 0x00,	/* Checksum: 0x863d [unverified], Urgent Pointer: 0 */
	'h', 'e', 'l', 'l', 'o', ' ', 't', 'u', 'n', 'n', 'e', 'l', /* TCP payload (12 bytes) */
};

/*
 * IPv6 + TCP SYN, 68 bytes.
 * Wireshark: 2001:db8:1::1 → 2001:db8:1::2 TCP 50000 → 443 [SYN] Seq=0
 * Win=65535 Len=0 MSS=1440 WS=128 (raw seq 3000000000)
 */
static const uint8_t in6[] = {
	/* Internet Protocol Version 6, Src: 2001:db8:1::1, Dst: 2001:db8:1::2 */
	0x60, 0x00, 0x00, 0x00,	/* Version: 6, Traffic Class: 0x00, Flow Label: 0x00000 */
	0x00, 0x1c,		/* Payload Length: 28 */
	0x06,			/* Next Header: TCP (6) */
	0x40,			/* Hop Limit: 64 */
	0x20, 0x01, 0x0d, 0xb8, 0x00, 0x01, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x01, /* Source Address: 2001:db8:1::1 */
	0x20, 0x01, 0x0d, 0xb8, 0x00, 0x01, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x02, /* Destination Address: 2001:db8:1::2 */
	/* Transmission Control Protocol, Src Port: 50000, Dst Port: 443, Seq: 0, Len: 0 */
	0xc3, 0x50, 0x01, 0xbb,	/* Source Port: 50000, Destination Port: 443 */
	0xb2, 0xd0, 0x5e, 0x00,	/* Sequence Number (raw): 3000000000 */
	0x00, 0x00, 0x00, 0x00,	/* Acknowledgment number (raw): 0 */
	0x70, 0x02, 0xff, 0xff,	/* Header Length: 28 bytes (7), Flags: 0x002 (SYN), Window: 65535 */
	0x52, 0xd9, 0x00, 0x00,	/* Checksum: 0x52d9 [unverified], Urgent Pointer: 0 */
	0x02, 0x04, 0x05, 0xa0,	/* TCP Option - Maximum segment size: 1440 bytes */
	0x01,			/* TCP Option - No-Operation (NOP) */
	0x03, 0x03, 0x07,	/* TCP Option - Window scale: 7 (multiply by 128) */
};

/* The inner Ethernet header of bridged tunnels (VXLAN, Geneve, GRE 0x6558,
 * ERSPAN, the MPLS pseudowire). */
static const uint8_t in_eth[] = {
	/* Ethernet II, Src: 02:00:0a:00:00:01, Dst: 02:00:0a:00:00:02 */
	0x02, 0x00, 0x0a, 0x00, 0x00, 0x02,	/* Destination: 02:00:0a:00:00:02 */
	0x02, 0x00, 0x0a, 0x00, 0x00, 0x01,	/* Source: 02:00:0a:00:00:01 */
	0x08, 0x00,				/* Type: IPv4 (0x0800) */
};

/* The addresses of every outer Ethernet II header. */
#define OUTER_MACS \
	0x02, 0x00, 0x00, 0x00, 0x00, 0x02,	/* Destination: 02:00:00:00:00:02 */ \
	0x02, 0x00, 0x00, 0x00, 0x00, 0x01	/* Source: 02:00:00:00:00:01 */

/* The tunnel end points: 198.51.100.1 → 198.51.100.2, 2001:db8:ff00::1 → ::2. */
#define OUTER_IP4_ADDRS \
	0xc6, 0x33, 0x64, 0x01,	/* Source Address: 198.51.100.1 */ \
	0xc6, 0x33, 0x64, 0x02	/* Destination Address: 198.51.100.2 */
#define OUTER_IP6_ADDRS \
	0x20, 0x01, 0x0d, 0xb8, 0xff, 0x00, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x01, /* Source Address: 2001:db8:ff00::1 */ \
	0x20, 0x01, 0x0d, 0xb8, 0xff, 0x00, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x02  /* Destination Address: 2001:db8:ff00::2 */

/* ---- the outer headers, Ethernet to the inner packet ---- */

/* Ethernet II / 802.1Q Virtual LAN, PRI: 0, DEI: 0, ID: 100 / IPv4 */
static const uint8_t vlan_hdr[] = {
	OUTER_MACS,
	0x81, 0x00,		/* Type: 802.1Q Virtual LAN (0x8100) */
	0x00, 0x64,		/* 000. .... = Priority: 0, ...0 = DEI: 0, ID: 100 */
	0x08, 0x00,		/* Type: IPv4 (0x0800) */
};

/* Ethernet II / IEEE 802.1ad, ID: 200 / 802.1Q Virtual LAN, ID: 10 / IPv4 */
static const uint8_t qinq_hdr[] = {
	OUTER_MACS,
	0x88, 0xa8,		/* Type: 802.1ad Provider Bridge (Q-in-Q) (0x88a8) */
	0x00, 0xc8,		/* Priority: 0, DEI: 0, ID: 200 */
	0x81, 0x00,		/* Type: 802.1Q Virtual LAN (0x8100) */
	0x00, 0x0a,		/* PRI: 0, DEI: 0, ID: 10 */
	0x08, 0x00,		/* Type: IPv4 (0x0800) */
};

/* Ethernet II / 802.1Q Virtual LAN, ID: 300 (the pre-standard QinQ type) /
 * 802.1Q Virtual LAN, ID: 20 / IPv6 */
static const uint8_t qinq9100_hdr[] = {
	OUTER_MACS,
	0x91, 0x00,		/* Type: QinQ: old non-standard 802.1ad (0x9100) */
	0x01, 0x2c,		/* PRI: 0, DEI: 0, ID: 300 */
	0x81, 0x00,		/* Type: 802.1Q Virtual LAN (0x8100) */
	0x00, 0x14,		/* PRI: 0, DEI: 0, ID: 20 */
	0x86, 0xdd,		/* Type: IPv6 (0x86dd) */
};

/* Ethernet II / MPLS Label: 16, S: 0 / MPLS Label: 17, S: 1 / IPv4 */
static const uint8_t mpls2_hdr[] = {
	OUTER_MACS,
	0x88, 0x47,		/* Type: MPLS label switched packet (0x8847) */
	0x00, 0x01, 0x00, 0x40,	/* MPLS Label: 16, Experimental Bits: 0, Bottom Of Label Stack: 0, TTL: 64 */
	0x00, 0x01, 0x11, 0x40,	/* MPLS Label: 17, Experimental Bits: 0, Bottom Of Label Stack: 1, TTL: 64 */
};

/* Ethernet II / MPLS Label: 18, S: 1 / IPv6 (first nibble 6) */
static const uint8_t mpls6_hdr[] = {
	OUTER_MACS,
	0x88, 0x47,		/* Type: MPLS label switched packet (0x8847) */
	0x00, 0x01, 0x21, 0x40,	/* MPLS Label: 18, Experimental Bits: 0, Bottom Of Label Stack: 1, TTL: 64 */
};

/*
 * Ethernet II / MPLS Label: 100 / PW Ethernet Control Word / Ethernet II /
 * IPv4.  tshark's pwethheuristic takes the control word because the first
 * nibble is 0 and the 12 bytes after the label do not read as two MAC
 * addresses of known vendors (00:00:00:00:02:00 would be Xerox's, but
 * 0a:00:00:02:02:00 has no vendor); with two known ones it would read a
 * pseudowire without control word, where tcpview always takes the word.
 */
static const uint8_t mplspw_hdr[] = {
	OUTER_MACS,
	0x88, 0x47,		/* Type: MPLS label switched packet (0x8847) */
	0x00, 0x06, 0x41, 0x40,	/* MPLS Label: 100, Experimental Bits: 0, Bottom Of Label Stack: 1, TTL: 64 */
	0x00, 0x00, 0x00, 0x00,	/* PW Ethernet Control Word: Sequence Number: 0 */
};

/* Ethernet II / PPP-over-Ethernet Session / Point-to-Point Protocol / IPv4 */
static const uint8_t pppoe_hdr[] = {
	OUTER_MACS,
	0x88, 0x64,		/* Type: PPPoE Session (0x8864) */
	0x11,			/* 0001 .... = Version: 1, .... 0001 = Type: 1 */
	0x00,			/* Code: Session Data (0x00) */
	0x00, 0x2a,		/* Session ID: 0x002a */
	0x00, 0x36,		/* Payload Length: 54 */
	0x00, 0x21,		/* Protocol: Internet Protocol version 4 (0x0021) */
};

/* Ethernet II / PPP-over-Ethernet Session / Point-to-Point Protocol / IPv6 */
static const uint8_t pppoe6_hdr[] = {
	OUTER_MACS,
	0x88, 0x64,		/* Type: PPPoE Session (0x8864) */
	0x11,			/* Version: 1, Type: 1 */
	0x00,			/* Code: Session Data (0x00) */
	0x00, 0x2a,		/* Session ID: 0x002a */
	0x00, 0x46,		/* Payload Length: 70 */
	0x00, 0x57,		/* Protocol: Internet Protocol version 6 (0x0057) */
};

/* Ethernet II / Cisco MetaData / IPv4 */
static const uint8_t cmd_hdr[] = {
	OUTER_MACS,
	0x89, 0x09,		/* Type: CiscoMetaData (0x8909) */
	0x01,			/* Version: 1 */
	0x01,			/* Length: 1 */
	0x00, 0x01,		/* Options: 0x0001 */
	0x00, 0x64,		/* SGT: 100 */
	0x08, 0x00,		/* Type: IPv4 (0x0800) */
};

/* IEEE 802.3 Ethernet / Logical-Link Control (SNAP) / IPv4 */
static const uint8_t snap_hdr[] = {
	OUTER_MACS,
	0x00, 0x3c,		/* Length: 60 */
	0xaa,			/* DSAP: SNAP (0xaa) */
	0xaa,			/* SSAP: SNAP (0xaa) */
	0x03,			/* Control field: U, func=UI (0x03) */
	0x00, 0x00, 0x00,	/* Organization Code: 00:00:00 (Officially Xerox, but ...) */
	0x08, 0x00,		/* Type: IPv4 (0x0800) */
};

/* Ethernet II / IPv4 198.51.100.1 → 198.51.100.2 / Generic Routing
 * Encapsulation (IP) / IPv4 */
static const uint8_t gre_hdr[] = {
	OUTER_MACS,
	0x08, 0x00,		/* Type: IPv4 (0x0800) */
	0x45, 0x00, 0x00, 0x4c,	/* Version: 4, Header Length: 20 bytes (5), Total Length: 76 */
	0x12, 0x34, 0x40, 0x00,	/* Identification: 0x1234 (4660), Flags: 0x2, Don't fragment */
	0x40, 0x2f, 0xd3, 0xe4,	/* Time to Live: 64, Protocol: Generic Routing Encapsulation (47), Header Checksum: 0xd3e4 */
	OUTER_IP4_ADDRS,
	0x00, 0x00,		/* Flags and Version: 0x0000 (no C, R, K, S; Version: GRE (0)) */
	0x08, 0x00,		/* Protocol Type: IP (0x0800) */
};

/* Ethernet II / IPv4 / Generic Routing Encapsulation (IP) with checksum,
 * key and sequence number / IPv4 */
static const uint8_t grecks_hdr[] = {
	OUTER_MACS,
	0x08, 0x00,		/* Type: IPv4 (0x0800) */
	0x45, 0x00, 0x00, 0x58,	/* Version: 4, Header Length: 20 bytes (5), Total Length: 88 */
	0x12, 0x34, 0x40, 0x00,	/* Identification: 0x1234 (4660), Flags: 0x2, Don't fragment */
	0x40, 0x2f, 0xd3, 0xd8,	/* Time to Live: 64, Protocol: Generic Routing Encapsulation (47), Header Checksum: 0xd3d8 */
	OUTER_IP4_ADDRS,
	0xb0, 0x00,		/* Flags and Version: 0xb000: Checksum Bit: Yes, Key Bit: Yes, Sequence Number Bit: Yes, Version: GRE (0) */
	0x08, 0x00,		/* Protocol Type: IP (0x0800) */
	0x57, 0x4f,		/* Checksum: 0x574f [correct] */
	0x00, 0x00,		/* Offset: 0 */
	0x00, 0x00, 0x04, 0xd2,	/* Key: 0x000004d2 */
	0x00, 0x00, 0x00, 0x07,	/* Sequence Number: 7 */
};

/* Ethernet II / IPv6 2001:db8:ff00::1 → ::2 / Generic Routing Encapsulation
 * (IPv6) / IPv6 */
static const uint8_t gre6_hdr[] = {
	OUTER_MACS,
	0x86, 0xdd,		/* Type: IPv6 (0x86dd) */
	0x60, 0x00, 0x00, 0x00,	/* Version: 6, Traffic Class: 0x00, Flow Label: 0x00000 */
	0x00, 0x48,		/* Payload Length: 72 */
	0x2f,			/* Next Header: Generic Routing Encapsulation (47) */
	0x40,			/* Hop Limit: 64 */
	OUTER_IP6_ADDRS,
	0x00, 0x00,		/* Flags and Version: 0x0000, Version: GRE (0) */
	0x86, 0xdd,		/* Protocol Type: IPv6 (0x86dd) */
};

/* Ethernet II / IPv4 / Generic Routing Encapsulation (Transparent Ethernet
 * bridging) with a key / Ethernet II / IPv4 */
static const uint8_t greteb_hdr[] = {
	OUTER_MACS,
	0x08, 0x00,		/* Type: IPv4 (0x0800) */
	0x45, 0x00, 0x00, 0x5e,	/* Version: 4, Header Length: 20 bytes (5), Total Length: 94 */
	0x12, 0x34, 0x40, 0x00,	/* Identification: 0x1234 (4660), Flags: 0x2, Don't fragment */
	0x40, 0x2f, 0xd3, 0xd2,	/* Time to Live: 64, Protocol: Generic Routing Encapsulation (47), Header Checksum: 0xd3d2 */
	OUTER_IP4_ADDRS,
	0x20, 0x00,		/* Flags and Version: 0x2000: Key Bit: Yes, Version: GRE (0) */
	0x65, 0x58,		/* Protocol Type: Transparent Ethernet bridging (0x6558) */
	0x00, 0x00, 0x00, 0x63,	/* Key: 0x00000063 */
};

/* Ethernet II / IPv4 / Generic Routing Encapsulation (ERSPAN) without a
 * sequence number / Encapsulated Remote Switch Packet ANalysis Type I (no
 * header of its own) / Ethernet II / IPv4 */
static const uint8_t erspan1_hdr[] = {
	OUTER_MACS,
	0x08, 0x00,		/* Type: IPv4 (0x0800) */
	0x45, 0x00, 0x00, 0x5a,	/* Version: 4, Header Length: 20 bytes (5), Total Length: 90 */
	0x12, 0x34, 0x40, 0x00,	/* Identification: 0x1234 (4660), Flags: 0x2, Don't fragment */
	0x40, 0x2f, 0xd3, 0xd6,	/* Time to Live: 64, Protocol: Generic Routing Encapsulation (47), Header Checksum: 0xd3d6 */
	OUTER_IP4_ADDRS,
	0x00, 0x00,		/* Flags and Version: 0x0000: Sequence Number Bit: No, Version: GRE (0) */
	0x88, 0xbe,		/* Protocol Type: ERSPAN (0x88be) */
};

/* Ethernet II / IPv4 / Generic Routing Encapsulation (ERSPAN) / Encapsulated
 * Remote Switch Packet ANalysis Type II / Ethernet II / IPv4 */
static const uint8_t erspan2_hdr[] = {
	OUTER_MACS,
	0x08, 0x00,		/* Type: IPv4 (0x0800) */
	0x45, 0x00, 0x00, 0x66,	/* Version: 4, Header Length: 20 bytes (5), Total Length: 102 */
	0x12, 0x34, 0x40, 0x00,	/* Identification: 0x1234 (4660), Flags: 0x2, Don't fragment */
	0x40, 0x2f, 0xd3, 0xca,	/* Time to Live: 64, Protocol: Generic Routing Encapsulation (47), Header Checksum: 0xd3ca */
	OUTER_IP4_ADDRS,
	0x10, 0x00,		/* Flags and Version: 0x1000: Sequence Number Bit: Yes, Version: GRE (0) */
	0x88, 0xbe,		/* Protocol Type: ERSPAN (0x88be) */
	0x00, 0x00, 0x00, 0x01,	/* Sequence Number: 1 */
	0x10, 0x00,		/* 0001 .... = Version: Type II (1), .... 0000 0000 0000 = Vlan: 0 */
	0x00, 0x05,		/* COS: 0, Encap: Originally without VLAN tag (0), Truncated: Not truncated (0), SpanID: 5 */
	0x00, 0x00, 0x00, 0x01,	/* Reserved: 0, Index: 1 */
};

/* Ethernet II / IPv4 / Generic Routing Encapsulation (ERSPAN III) /
 * Encapsulated Remote Switch Packet ANalysis Type III / Ethernet II / IPv4 */
static const uint8_t erspan3_hdr[] = {
	OUTER_MACS,
	0x08, 0x00,		/* Type: IPv4 (0x0800) */
	0x45, 0x00, 0x00, 0x6a,	/* Version: 4, Header Length: 20 bytes (5), Total Length: 106 */
	0x12, 0x34, 0x40, 0x00,	/* Identification: 0x1234 (4660), Flags: 0x2, Don't fragment */
	0x40, 0x2f, 0xd3, 0xc6,	/* Time to Live: 64, Protocol: Generic Routing Encapsulation (47), Header Checksum: 0xd3c6 */
	OUTER_IP4_ADDRS,
	0x10, 0x00,		/* Flags and Version: 0x1000: Sequence Number Bit: Yes, Version: GRE (0) */
	0x22, 0xeb,		/* Protocol Type: ERSPAN III (0x22eb) */
	0x00, 0x00, 0x00, 0x01,	/* Sequence Number: 1 */
	0x20, 0x00,		/* 0010 .... = Version: Type III (2), Vlan: 0 */
	0x00, 0x05,		/* COS: 0, Bad/Short/Oversized: Good or unknown integrity (0), Truncated: Not truncated (0), SpanID: 5 */
	0x01, 0x02, 0x03, 0x04,	/* Timestamp: 16909060 */
	0x00, 0x00,		/* Security Group Tag: 0 */
	0x00, 0x10,		/* Has Ethernet PDU: 0, Frame Type: Ethernet (0), Hardware ID: 1, Direction: Ingress,
				 * Timestamp granularity: 100 microseconds (0), Optional Sub headers: 0 */
};

/* The same ERSPAN III with its O bit set and the 8-byte platform-specific
 * subheader after it. */
static const uint8_t erspan3o_hdr[] = {
	OUTER_MACS,
	0x08, 0x00,		/* Type: IPv4 (0x0800) */
	0x45, 0x00, 0x00, 0x72,	/* Version: 4, Header Length: 20 bytes (5), Total Length: 114 */
	0x12, 0x34, 0x40, 0x00,	/* Identification: 0x1234 (4660), Flags: 0x2, Don't fragment */
	0x40, 0x2f, 0xd3, 0xbe,	/* Time to Live: 64, Protocol: Generic Routing Encapsulation (47), Header Checksum: 0xd3be */
	OUTER_IP4_ADDRS,
	0x10, 0x00,		/* Flags and Version: 0x1000: Sequence Number Bit: Yes, Version: GRE (0) */
	0x22, 0xeb,		/* Protocol Type: ERSPAN III (0x22eb) */
	0x00, 0x00, 0x00, 0x01,	/* Sequence Number: 1 */
	0x20, 0x00,		/* Version: Type III (2), Vlan: 0 */
	0x00, 0x05,		/* COS: 0, Truncated: Not truncated (0), SpanID: 5 */
	0x01, 0x02, 0x03, 0x04,	/* Timestamp: 16909060 */
	0x00, 0x00,		/* Security Group Tag: 0 */
	0x00, 0x11,		/* Frame Type: Ethernet (0), Hardware ID: 1, Direction: Ingress, Optional Sub headers: 1 */
	0x0c, 0x00, 0x00, 0x01,	/* 0000 11.. = Platform ID: 3, Reserved: 0, Port ID/Index: 1 */
	0x00, 0x00, 0x00, 0x05,	/* Upper 32-bit Timestamp: 5 */
};

/* Ethernet II / IPv4 / UDP 54321 → 4789 / Virtual eXtensible Local Area
 * Network, VNI 42 / Ethernet II / IPv4 */
static const uint8_t vxlan_hdr[] = {
	OUTER_MACS,
	0x08, 0x00,		/* Type: IPv4 (0x0800) */
	0x45, 0x00, 0x00, 0x66,	/* Version: 4, Header Length: 20 bytes (5), Total Length: 102 */
	0x12, 0x34, 0x40, 0x00,	/* Identification: 0x1234 (4660), Flags: 0x2, Don't fragment */
	0x40, 0x11, 0xd3, 0xe8,	/* Time to Live: 64, Protocol: UDP (17), Header Checksum: 0xd3e8 */
	OUTER_IP4_ADDRS,
	0xd4, 0x31, 0x12, 0xb5,	/* Source Port: 54321, Destination Port: 4789 */
	0x00, 0x52, 0x00, 0x00,	/* Length: 82, Checksum: 0x0000 [zero-value ignored] */
	0x08, 0x00,		/* Flags: 0x0800, VXLAN Network ID (VNI): True */
	0x00, 0x00,		/* Group Policy ID: 0 */
	0x00, 0x00, 0x2a,	/* VXLAN Network Identifier (VNI): 42 */
	0x00,			/* Reserved: 0 */
};

/* Ethernet II / IPv4 / UDP 54321 → 6081 / Generic Network Virtualization
 * Encapsulation, VNI: 0x0003e8, one option / Ethernet II / IPv4 */
static const uint8_t geneve_hdr[] = {
	OUTER_MACS,
	0x08, 0x00,		/* Type: IPv4 (0x0800) */
	0x45, 0x00, 0x00, 0x6e,	/* Version: 4, Header Length: 20 bytes (5), Total Length: 110 */
	0x12, 0x34, 0x40, 0x00,	/* Identification: 0x1234 (4660), Flags: 0x2, Don't fragment */
	0x40, 0x11, 0xd3, 0xe0,	/* Time to Live: 64, Protocol: UDP (17), Header Checksum: 0xd3e0 */
	OUTER_IP4_ADDRS,
	0xd4, 0x31, 0x17, 0xc1,	/* Source Port: 54321, Destination Port: 6081 */
	0x00, 0x5a, 0x00, 0x00,	/* Length: 90, Checksum: 0x0000 [zero-value ignored] */
	0x02,			/* 00.. .... = Version: 0, ..00 0010 = Length: 8 bytes */
	0x00,			/* Flags: 0x00 (OAM: False, Critical Options Present: False) */
	0x65, 0x58,		/* Protocol Type: Transparent Ethernet bridging (0x6558) */
	0x00, 0x03, 0xe8,	/* Virtual Network Identifier (VNI): 0x0003e8 (1000) */
	0x00,			/* Reserved */
	0x01, 0x01,		/* Options: Class: Open vSwitch (0x0101) */
	0x01,			/* Type: 0x01 (Non-critical) */
	0x01,			/* Length: 8 bytes */
	0x00, 0x00, 0x00, 0x2a,	/* Unknown Option Data: 0000002a */
};

/* Ethernet II / IPv4 / UDP 54321 → 6081 / Generic Network Virtualization
 * Encapsulation, no options, carrying IPv4 directly / IPv4 */
static const uint8_t geneveip_hdr[] = {
	OUTER_MACS,
	0x08, 0x00,		/* Type: IPv4 (0x0800) */
	0x45, 0x00, 0x00, 0x58,	/* Version: 4, Header Length: 20 bytes (5), Total Length: 88 */
	0x12, 0x34, 0x40, 0x00,	/* Identification: 0x1234 (4660), Flags: 0x2, Don't fragment */
	0x40, 0x11, 0xd3, 0xf6,	/* Time to Live: 64, Protocol: UDP (17), Header Checksum: 0xd3f6 */
	OUTER_IP4_ADDRS,
	0xd4, 0x31, 0x17, 0xc1,	/* Source Port: 54321, Destination Port: 6081 */
	0x00, 0x44, 0x00, 0x00,	/* Length: 68, Checksum: 0x0000 [zero-value ignored] */
	0x00,			/* Version: 0, Length: 0 bytes */
	0x00,			/* Flags: 0x00 */
	0x08, 0x00,		/* Protocol Type: IPv4 (0x0800) */
	0x00, 0x03, 0xe8,	/* Virtual Network Identifier (VNI): 0x0003e8 (1000) */
	0x00,			/* Reserved */
};

/* Ethernet II / IPv4 / UDP 2152 → 2152 / GPRS Tunneling Protocol, T-PDU,
 * TEID 0x12345678 / IPv4 */
static const uint8_t gtp_hdr[] = {
	OUTER_MACS,
	0x08, 0x00,		/* Type: IPv4 (0x0800) */
	0x45, 0x00, 0x00, 0x58,	/* Version: 4, Header Length: 20 bytes (5), Total Length: 88 */
	0x12, 0x34, 0x40, 0x00,	/* Identification: 0x1234 (4660), Flags: 0x2, Don't fragment */
	0x40, 0x11, 0xd3, 0xf6,	/* Time to Live: 64, Protocol: UDP (17), Header Checksum: 0xd3f6 */
	OUTER_IP4_ADDRS,
	0x08, 0x68, 0x08, 0x68,	/* Source Port: 2152, Destination Port: 2152 */
	0x00, 0x44, 0x00, 0x00,	/* Length: 68, Checksum: 0x0000 [zero-value ignored] */
	0x30,			/* Flags: 0x30: Version: GTP release 99 version (1), Protocol type: GTP (1), E: No, S: No, PN: No */
	0xff,			/* Message Type: T-PDU (0xff) */
	0x00, 0x34,		/* Length: 52 */
	0x12, 0x34, 0x56, 0x78,	/* TEID: 0x12345678 (305419896) */
};

/* Ethernet II / IPv4 / UDP 2152 → 2152 / GPRS Tunneling Protocol with an
 * extension header (PDU Session container) / IPv6 */
static const uint8_t gtpext_hdr[] = {
	OUTER_MACS,
	0x08, 0x00,		/* Type: IPv4 (0x0800) */
	0x45, 0x00, 0x00, 0x70,	/* Version: 4, Header Length: 20 bytes (5), Total Length: 112 */
	0x12, 0x34, 0x40, 0x00,	/* Identification: 0x1234 (4660), Flags: 0x2, Don't fragment */
	0x40, 0x11, 0xd3, 0xde,	/* Time to Live: 64, Protocol: UDP (17), Header Checksum: 0xd3de */
	OUTER_IP4_ADDRS,
	0x08, 0x68, 0x08, 0x68,	/* Source Port: 2152, Destination Port: 2152 */
	0x00, 0x5c, 0x00, 0x00,	/* Length: 92, Checksum: 0x0000 [zero-value ignored] */
	0x34,			/* Flags: 0x34: Version 1, Protocol type: GTP (1), Is Next Extension Header present?: Yes */
	0xff,			/* Message Type: T-PDU (0xff) */
	0x00, 0x4c,		/* Length: 76 */
	0x12, 0x34, 0x56, 0x78,	/* TEID: 0x12345678 (305419896) */
	0x00, 0x00,		/* Sequence number: 0 (not shown: S is 0) */
	0x00,			/* N-PDU Number: 0 (not shown: PN is 0) */
	0x85,			/* Next extension header type: PDU Session container (0x85) */
	0x01,			/* Extension Header Length: 1 (4 bytes) */
	0x00,			/* PDU Type: DL PDU SESSION INFORMATION (0), Spare: 0x0 */
	0x09,			/* PPP: Not Present, RQI: Not Present, QoS Flow Identifier (QFI): 9 */
	0x00,			/* Next extension header type: No more extension headers (0x00) */
};

/* Ethernet II / IPv4 / UDP 2152 → 2152 / GPRS Tunneling Protocol with a
 * sequence number / IPv4 */
static const uint8_t gtpseq_hdr[] = {
	OUTER_MACS,
	0x08, 0x00,		/* Type: IPv4 (0x0800) */
	0x45, 0x00, 0x00, 0x5c,	/* Version: 4, Header Length: 20 bytes (5), Total Length: 92 */
	0x12, 0x34, 0x40, 0x00,	/* Identification: 0x1234 (4660), Flags: 0x2, Don't fragment */
	0x40, 0x11, 0xd3, 0xf2,	/* Time to Live: 64, Protocol: UDP (17), Header Checksum: 0xd3f2 */
	OUTER_IP4_ADDRS,
	0x08, 0x68, 0x08, 0x68,	/* Source Port: 2152, Destination Port: 2152 */
	0x00, 0x48, 0x00, 0x00,	/* Length: 72, Checksum: 0x0000 [zero-value ignored] */
	0x32,			/* Flags: 0x32: Version 1, Protocol type: GTP (1), Is Sequence Number present?: Yes */
	0xff,			/* Message Type: T-PDU (0xff) */
	0x00, 0x38,		/* Length: 56 */
	0x12, 0x34, 0x56, 0x78,	/* TEID: 0x12345678 (305419896) */
	0x00, 0x01,		/* Sequence number: 0x0001 (1) */
	0x00,			/* N-PDU Number: 0 (not shown: PN is 0) */
	0x00,			/* Next extension header type: 0 (not shown: E is 0) */
};

/* Ethernet II / IPv4 198.51.100.1 → 198.51.100.2, Protocol: IPIP / IPv4 */
static const uint8_t ip4in4_hdr[] = {
	OUTER_MACS,
	0x08, 0x00,		/* Type: IPv4 (0x0800) */
	0x45, 0x00, 0x00, 0x48,	/* Version: 4, Header Length: 20 bytes (5), Total Length: 72 */
	0x12, 0x34, 0x40, 0x00,	/* Identification: 0x1234 (4660), Flags: 0x2, Don't fragment */
	0x40, 0x04, 0xd4, 0x13,	/* Time to Live: 64, Protocol: IPIP (4), Header Checksum: 0xd413 */
	OUTER_IP4_ADDRS,
};

/* Ethernet II / IPv4, Protocol: IPv6 (6in4) / IPv6 */
static const uint8_t ip6in4_hdr[] = {
	OUTER_MACS,
	0x08, 0x00,		/* Type: IPv4 (0x0800) */
	0x45, 0x00, 0x00, 0x58,	/* Version: 4, Header Length: 20 bytes (5), Total Length: 88 */
	0x12, 0x34, 0x40, 0x00,	/* Identification: 0x1234 (4660), Flags: 0x2, Don't fragment */
	0x40, 0x29, 0xd3, 0xde,	/* Time to Live: 64, Protocol: IPv6 (41), Header Checksum: 0xd3de */
	OUTER_IP4_ADDRS,
};

/* Ethernet II / IPv6 2001:db8:ff00::1 → ::2, Next Header: IPIP / IPv4 */
static const uint8_t ip4in6_hdr[] = {
	OUTER_MACS,
	0x86, 0xdd,		/* Type: IPv6 (0x86dd) */
	0x60, 0x00, 0x00, 0x00,	/* Version: 6, Traffic Class: 0x00, Flow Label: 0x00000 */
	0x00, 0x34,		/* Payload Length: 52 */
	0x04,			/* Next Header: IPIP (4) */
	0x40,			/* Hop Limit: 64 */
	OUTER_IP6_ADDRS,
};

/* Ethernet II / IPv6, Next Header: IPv6 (6in6) / IPv6 */
static const uint8_t ip6in6_hdr[] = {
	OUTER_MACS,
	0x86, 0xdd,		/* Type: IPv6 (0x86dd) */
	0x60, 0x00, 0x00, 0x00,	/* Version: 6, Traffic Class: 0x00, Flow Label: 0x00000 */
	0x00, 0x44,		/* Payload Length: 68 */
	0x29,			/* Next Header: IPv6 (41) */
	0x40,			/* Hop Limit: 64 */
	OUTER_IP6_ADDRS,
};

/* Ethernet II / IPv6 2001:db8:1::1 → ::2 with Hop-by-Hop, Destination
 * Options and Authentication Header / the TCP segment of in6 */
static const uint8_t ip6ext_hdr[] = {
	OUTER_MACS,
	0x86, 0xdd,		/* Type: IPv6 (0x86dd) */
	0x60, 0x00, 0x00, 0x00,	/* Version: 6, Traffic Class: 0x00, Flow Label: 0x00000 */
	0x00, 0x44,		/* Payload Length: 68 */
	0x00,			/* Next Header: IPv6 Hop-by-Hop Option (0) */
	0x40,			/* Hop Limit: 64 */
	0x20, 0x01, 0x0d, 0xb8, 0x00, 0x01, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x01, /* Source Address: 2001:db8:1::1 */
	0x20, 0x01, 0x0d, 0xb8, 0x00, 0x01, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x02, /* Destination Address: 2001:db8:1::2 */
	/* IPv6 Hop-by-Hop Option */
	0x3c,			/* Next Header: Destination Options for IPv6 (60) */
	0x00,			/* Length: 0 [Length: 8 bytes] */
	0x01, 0x04, 0x00, 0x00, 0x00, 0x00, /* PadN: Type: PadN (0x01), Length: 4 */
	/* Destination Options for IPv6 */
	0x33,			/* Next Header: Authentication Header (51) */
	0x00,			/* Length: 0 [Length: 8 bytes] */
	0x01, 0x04, 0x00, 0x00, 0x00, 0x00, /* PadN: Type: PadN (0x01), Length: 4 */
	/* Authentication Header */
	0x06,			/* Next header: TCP (6) */
	0x04,			/* Length: 4 (24 bytes) */
	0x00, 0x00,		/* Reserved: 0000 */
	0x00, 0x00, 0x10, 0x00,	/* AH SPI: 0x00001000 */
	0x00, 0x00, 0x00, 0x01,	/* AH Sequence: 1 */
	0x01, 0x02, 0x03, 0x04, 0x05, 0x06, 0x07, 0x08, 0x09, 0x0a, 0x0b, 0x0c, /* AH ICV: 0102030405060708090a0b0c */
};

/* ---- frames that reach TCP ---- */

enum inner { INNER_IP4, INNER_IP6, INNER_TCP6 };

/*
 * Ethernet II / IPv4 / Generic Routing Encapsulation (PPP), Enhanced GRE
 * version 1 (PPTP) / Point-to-Point Protocol / IPv4.  tshark opens it to the
 * TCP segment; tcpview names it instead.
 */
static const uint8_t grev1_hdr[] = {
	OUTER_MACS,
	0x08, 0x00,		/* Type: IPv4 (0x0800) */
	0x45, 0x00, 0x00, 0x58,	/* Version: 4, Header Length: 20 bytes (5), Total Length: 88 */
	0x12, 0x34, 0x40, 0x00,	/* Identification: 0x1234 (4660), Flags: 0x2, Don't fragment */
	0x40, 0x2f, 0xd3, 0xd8,	/* Time to Live: 64, Protocol: Generic Routing Encapsulation (47), Header Checksum: 0xd3d8 */
	OUTER_IP4_ADDRS,
	0x30, 0x01,		/* Flags and Version: 0x3001: Key Bit: Yes, Sequence Number Bit: Yes, Version: Enhanced GRE (1) */
	0x88, 0x0b,		/* Protocol Type: PPP (0x880b) */
	0x00, 0x38,		/* Payload Length: 56 */
	0x00, 0x42,		/* Call ID: 66 */
	0x00, 0x00, 0x00, 0x01,	/* Sequence Number: 1 */
	0xff, 0x03,		/* Point-to-Point Protocol: Address: 0xff, Control: 0x03 */
	0x00, 0x21,		/* Protocol: Internet Protocol version 4 (0x0021) */
};

/* Ethernet II / IPv4 / Generic Routing Encapsulation (IP) with the routing
 * bit (RFC 1701 source routes) / IPv4 */
static const uint8_t grerouting_hdr[] = {
	OUTER_MACS,
	0x08, 0x00,		/* Type: IPv4 (0x0800) */
	0x45, 0x00, 0x00, 0x5c,	/* Version: 4, Header Length: 20 bytes (5), Total Length: 92 */
	0x12, 0x34, 0x40, 0x00,	/* Identification: 0x1234 (4660), Flags: 0x2, Don't fragment */
	0x40, 0x2f, 0xd3, 0xd4,	/* Time to Live: 64, Protocol: Generic Routing Encapsulation (47), Header Checksum: 0xd3d4 */
	OUTER_IP4_ADDRS,
	0x40, 0x00,		/* Flags and Version: 0x4000: Routing Bit: Yes, Version: GRE (0) */
	0x08, 0x00,		/* Protocol Type: IP (0x0800) */
	0x00, 0x00,		/* Checksum: 0x0000 [unverified] */
	0x00, 0x00,		/* Offset: 0 */
	0x08, 0x00, 0x00, 0x04,	/* Routing: Address Family: 2048, SRE Offset: 0, SRE Length: 4 */
	0xc6, 0x33, 0x64, 0x02,	/* Routing Information: c6336402 */
	0x00, 0x00, 0x00, 0x00,	/* Routing: Address Family: 0, SRE Offset: 0, SRE Length: 0 (the last) */
};

/* Ethernet II / IPv4 / Generic Routing Encapsulation (ARUBA WLAN) / IEEE
 * 802.11 Data / Logical-Link Control / IPv4: an Aruba access point's
 * tunnel to its controller. */
static const uint8_t grearuba_hdr[] = {
	OUTER_MACS,
	0x08, 0x00,		/* Type: IPv4 (0x0800) */
	0x45, 0x00, 0x00, 0x6c,	/* Version: 4, Header Length: 20 bytes (5), Total Length: 108 */
	0x12, 0x34, 0x40, 0x00,	/* Identification: 0x1234 (4660), Flags: 0x2, Don't fragment */
	0x40, 0x2f, 0xd3, 0xc4,	/* Time to Live: 64, Protocol: Generic Routing Encapsulation (47), Header Checksum: 0xd3c4 */
	OUTER_IP4_ADDRS,
	0x00, 0x00,		/* Flags and Version: 0x0000, Version: GRE (0) */
	0x82, 0x00,		/* Protocol Type: ARUBA WLAN (0x8200) */
	0x08, 0x02,		/* IEEE 802.11 Frame Control Field: 0x0802: Data frame, DS status: From DS */
	0x00, 0x00,		/* Duration: 0 microseconds */
	0x02, 0x00, 0x0a, 0x00, 0x00, 0x02,	/* Receiver/Destination address: 02:00:0a:00:00:02 */
	0x02, 0x00, 0x00, 0x00, 0x00, 0x03,	/* Transmitter address/BSS Id: 02:00:00:00:00:03 */
	0x02, 0x00, 0x0a, 0x00, 0x00, 0x01,	/* Source address: 02:00:0a:00:00:01 */
	0x10, 0x00,		/* Fragment number: 0, Sequence number: 1 */
	0xaa, 0xaa, 0x03,	/* Logical-Link Control: DSAP: SNAP, SSAP: SNAP, Control field: U, func=UI */
	0x00, 0x00, 0x00,	/* Organization Code: 00:00:00 */
	0x08, 0x00,		/* Type: IPv4 (0x0800) */
};

/* Ethernet II / IPv4 / Generic Routing Encapsulation (IP) version 2 / IPv4 */
static const uint8_t grev2_hdr[] = {
	OUTER_MACS,
	0x08, 0x00,		/* Type: IPv4 (0x0800) */
	0x45, 0x00, 0x00, 0x4c,	/* Version: 4, Header Length: 20 bytes (5), Total Length: 76 */
	0x12, 0x34, 0x40, 0x00,	/* Identification: 0x1234 (4660), Flags: 0x2, Don't fragment */
	0x40, 0x2f, 0xd3, 0xe4,	/* Time to Live: 64, Protocol: Generic Routing Encapsulation (47), Header Checksum: 0xd3e4 */
	OUTER_IP4_ADDRS,
	0x00, 0x02,		/* Flags and Version: 0x0002, .... .... .... .010 = Version: Unknown (2) */
	0x08, 0x00,		/* Protocol Type: IP (0x0800) */
};

/* Ethernet II / IPv4 / UDP 54321 → 6081 / Generic Network Virtualization
 * Encapsulation version 1 (tshark: "Unknown version 1") / IPv4 */
static const uint8_t genevev1_hdr[] = {
	OUTER_MACS,
	0x08, 0x00,		/* Type: IPv4 (0x0800) */
	0x45, 0x00, 0x00, 0x58,	/* Version: 4, Header Length: 20 bytes (5), Total Length: 88 */
	0x12, 0x34, 0x40, 0x00,	/* Identification: 0x1234 (4660), Flags: 0x2, Don't fragment */
	0x40, 0x11, 0xd3, 0xf6,	/* Time to Live: 64, Protocol: UDP (17), Header Checksum: 0xd3f6 */
	OUTER_IP4_ADDRS,
	0xd4, 0x31, 0x17, 0xc1,	/* Source Port: 54321, Destination Port: 6081 */
	0x00, 0x44, 0x00, 0x00,	/* Length: 68, Checksum: 0x0000 [zero-value ignored] */
	0x40,			/* 01.. .... = Version: 1, ..00 0000 = Length: 0 bytes */
	0x00,			/* Flags: 0x00 */
	0x08, 0x00,		/* Protocol Type: IPv4 (0x0800) */
	0x00, 0x03, 0xe8,	/* Virtual Network Identifier (VNI): 0x0003e8 (1000) */
	0x00,			/* Reserved */
};

/* Ethernet II / IPv4 / Generic Routing Encapsulation (PPP) version 1
 * with the acknowledgment number and no sequence number / PPP with
 * address, control and protocol fields compressed (RFC 1661 §6.5, 6.6) /
 * IPv4: a PPTP data packet that also acknowledges. */
static const uint8_t pptpack_hdr[] = {
	OUTER_MACS,
	0x08, 0x00,		/* Type: IPv4 (0x0800) */
	0x45, 0x00, 0x00, 0x55,	/* Version: 4, Header Length: 20 bytes (5), Total Length: 85 */
	0x12, 0x34, 0x40, 0x00,	/* Identification: 0x1234 (4660), Flags: 0x2, Don't fragment */
	0x40, 0x2f, 0xd3, 0xdb,	/* Time to Live: 64, Protocol: Generic Routing Encapsulation (47), Header Checksum: 0xd3db */
	OUTER_IP4_ADDRS,
	0x20, 0x81,		/* Flags and Version: 0x2081: Key Bit: Yes, Acknowledgment: Yes, Version: Enhanced GRE (1) */
	0x88, 0x0b,		/* Protocol Type: PPP (0x880b) */
	0x00, 0x35,		/* Payload Length: 53 */
	0x00, 0x42,		/* Call ID: 66 */
	0x00, 0x00, 0x00, 0x07,	/* Acknowledgment Number: 7 */
	0x21,			/* Point-to-Point Protocol: Protocol: Internet Protocol version 4 (0x0021) */
};

/* Ethernet II / IPv4 / Generic Routing Encapsulation (WCCP) / WCCP
 * redirect header / IPv4: a packet a router redirected to a cache. */
static const uint8_t wccp_hdr[] = {
	OUTER_MACS,
	0x08, 0x00,		/* Type: IPv4 (0x0800) */
	0x45, 0x00, 0x00, 0x50,	/* Version: 4, Header Length: 20 bytes (5), Total Length: 80 */
	0x12, 0x34, 0x40, 0x00,	/* Identification: 0x1234 (4660), Flags: 0x2, Don't fragment */
	0x40, 0x2f, 0xd3, 0xe0,	/* Time to Live: 64, Protocol: Generic Routing Encapsulation (47), Header Checksum: 0xd3e0 */
	OUTER_IP4_ADDRS,
	0x00, 0x00,		/* Flags and Version: 0x0000 */
	0x88, 0x3e,		/* Protocol Type: WCCP (0x883e) */
	0x00, 0x50, 0x01, 0x02,	/* Redirect Header: Dynamic Service: 0, Service ID: 80, Alternative Bucket: 1, Primary Bucket: 2 */
};

/* Ethernet II / IPv4 / Generic Routing Encapsulation (WCCP) / IPv4: WCCP
 * version 1's redirection, without the redirect header. */
static const uint8_t wccp1_hdr[] = {
	OUTER_MACS,
	0x08, 0x00,		/* Type: IPv4 (0x0800) */
	0x45, 0x00, 0x00, 0x4c,	/* Version: 4, Header Length: 20 bytes (5), Total Length: 76 */
	0x12, 0x34, 0x40, 0x00,	/* Identification: 0x1234 (4660), Flags: 0x2, Don't fragment */
	0x40, 0x2f, 0xd3, 0xe4,	/* Time to Live: 64, Protocol: Generic Routing Encapsulation (47), Header Checksum: 0xd3e4 */
	OUTER_IP4_ADDRS,
	0x00, 0x00,		/* Flags and Version: 0x0000 */
	0x88, 0x3e,		/* Protocol Type: WCCP (0x883e) */
};

/* Ethernet II / IPv4 / Authentication Header / IPv4: IPsec AH in
 * transport mode over IPv4, authenticating an IP-in-IP packet */
static const uint8_t ah4_hdr[] = {
	OUTER_MACS,
	0x08, 0x00,		/* Type: IPv4 (0x0800) */
	0x45, 0x00, 0x00, 0x60,	/* Version: 4, Header Length: 20 bytes (5), Total Length: 96 */
	0x12, 0x34, 0x40, 0x00,	/* Identification: 0x1234 (4660), Flags: 0x2, Don't fragment */
	0x40, 0x33, 0xd3, 0xcc,	/* Time to Live: 64, Protocol: Authentication Header (51), Header Checksum: 0xd3cc */
	OUTER_IP4_ADDRS,
	0x04,			/* Authentication Header: Next header: IPIP (4) */
	0x04,			/* Length: 4 (24 bytes) */
	0x00, 0x00,		/* Reserved */
	0x00, 0x00, 0x01, 0x00,	/* AH SPI: 0x00000100 */
	0x00, 0x00, 0x00, 0x01,	/* AH Sequence: 1 */
	0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, /* AH ICV: 000000000000000000000000 */
};

/* Ethernet II / IEEE 802.1ah / Ethernet II: provider backbone bridging */
static const uint8_t pbb_hdr[] = {
	OUTER_MACS,
	0x88, 0xe7,		/* Type: 802.1ah Provider Backbone Bridge (mac-in-mac) (0x88e7) */
	0x00, 0x00, 0x01, 0x00,	/* I-Tag: Priority: 0, DROP: 0, NCA: 0, I-SID: 256 */
};

/* Ethernet II / VN-Tag / IPv4 */
static const uint8_t vntag_hdr[] = {
	OUTER_MACS,
	0x89, 0x26,		/* Type: VN-Tag (0x8926) */
	0x00, 0x01, 0x00, 0x02,	/* VN-Tag: Direction: To Bridge, Pointer: vif_id, Destination: 1, Looped: No, Version: 0, Source: 2 */
	0x08, 0x00,		/* Type: IPv4 (0x0800) */
};

/* Ethernet II / Network Service Header, MD type 2 / IPv4 */
static const uint8_t nsh_hdr[] = {
	OUTER_MACS,
	0x89, 0x4f,		/* Type: Network Service Header (0x894f) */
	0x00, 0x02,		/* Version: 0, O Bit: 0, C Bit: 0, Time to live: 0x00, Length: 2 (words) */
	0x02,			/* MD Type: 2 */
	0x01,			/* Next Protocol: IPv4 (1) */
	0x00, 0x00, 0x0a, 0xff,	/* SPI: 10, SI: 255 */
};

/* IEEE 802.3 Ethernet / Logical-Link Control, DSAP and SSAP 0x06 (IP)
 * / IPv4 */
static const uint8_t llcip_hdr[] = {
	OUTER_MACS,
	0x00, 0x37,		/* Length: 55 */
	0x06,			/* DSAP: TCP/IP (0x06) */
	0x06,			/* SSAP: TCP/IP (0x06) */
	0x03,			/* Control field: U, func=UI (0x03) */
};

/* Ethernet II / IPv4 / Generic Routing Encapsulation (MikroTik EoIP) /
 * Ethernet II */
static const uint8_t eoip_hdr[] = {
	OUTER_MACS,
	0x08, 0x00,		/* Type: IPv4 (0x0800) */
	0x45, 0x00, 0x00, 0x5e,	/* Version: 4, Header Length: 20 bytes (5), Total Length: 94 */
	0x12, 0x34, 0x40, 0x00,	/* Identification: 0x1234 (4660), Flags: 0x2, Don't fragment */
	0x40, 0x2f, 0xd3, 0xd2,	/* Time to Live: 64, Protocol: Generic Routing Encapsulation (47), Header Checksum: 0xd3d2 */
	OUTER_IP4_ADDRS,
	0x20, 0x01,		/* Flags and Version: 0x2001: Key Bit: Yes, Version: Enhanced GRE (1) */
	0x64, 0x00,		/* Protocol Type: MIKROTIK EoIP (0x6400) */
	0x00, 0x42, 0x05, 0x00,	/* Key: 0x00420500 (EoIP: length 66, tunnel id 5, little-endian) */
};

/* Ethernet II / IPv4 / UDP 1701 → 1701 / Layer 2 Tunneling Protocol
 * version 2 data message with Ns and Nr / PPP / IPv4 */
static const uint8_t l2tp_hdr[] = {
	OUTER_MACS,
	0x08, 0x00,		/* Type: IPv4 (0x0800) */
	0x45, 0x00, 0x00, 0x5e,	/* Version: 4, Header Length: 20 bytes (5), Total Length: 94 */
	0x12, 0x34, 0x40, 0x00,	/* Identification: 0x1234 (4660), Flags: 0x2, Don't fragment */
	0x40, 0x11, 0xd3, 0xf0,	/* Time to Live: 64, Protocol: UDP (17), Header Checksum: 0xd3f0 */
	OUTER_IP4_ADDRS,
	0x06, 0xa5, 0x06, 0xa5,	/* Source Port: 1701, Destination Port: 1701 */
	0x00, 0x4a, 0x00, 0x00,	/* Length: 74, Checksum: 0x0000 [zero-value ignored] */
	0x08, 0x02,		/* Flags: 0x0802, Type: Data Message (0), Sequence Bit: Ns and Nr fields are present, Version: 2 */
	0x00, 0x01,		/* Tunnel ID: 1 */
	0x00, 0x02,		/* Session ID: 2 */
	0x00, 0x05,		/* Ns: 5 */
	0x00, 0x06,		/* Nr: 6 */
	0xff, 0x03,		/* Point-to-Point Protocol: Address: 0xff, Control: 0x03 */
	0x00, 0x21,		/* Protocol: Internet Protocol version 4 (0x0021) */
};

/* Ethernet II / IPv4 / UDP 3544 → 40000 / Teredo origin indication /
 * IPv6 */
static const uint8_t teredo_hdr[] = {
	OUTER_MACS,
	0x08, 0x00,		/* Type: IPv4 (0x0800) */
	0x45, 0x00, 0x00, 0x68,	/* Version: 4, Header Length: 20 bytes (5), Total Length: 104 */
	0x12, 0x34, 0x40, 0x00,	/* Identification: 0x1234 (4660), Flags: 0x2, Don't fragment */
	0x40, 0x11, 0xd3, 0xe6,	/* Time to Live: 64, Protocol: UDP (17), Header Checksum: 0xd3e6 */
	OUTER_IP4_ADDRS,
	0x0d, 0xd8, 0x9c, 0x40,	/* Source Port: 3544, Destination Port: 40000 */
	0x00, 0x54, 0x00, 0x00,	/* Length: 84, Checksum: 0x0000 [zero-value ignored] */
	0x00, 0x00,		/* Teredo Origin Indication header (0x0000) */
	0xed, 0xcb,		/* Origin UDP port: 4660 (sent inverted) */
	0x3f, 0xff, 0xfd, 0xd2,	/* Origin IPv4 address: 192.0.2.45 (sent inverted) */
};

/* Ethernet II / IPv4 / UDP 40000 → 4341 / Locator/ID Separation
 * Protocol (Data) / IPv4 */
static const uint8_t lisp_hdr[] = {
	OUTER_MACS,
	0x08, 0x00,		/* Type: IPv4 (0x0800) */
	0x45, 0x00, 0x00, 0x58,	/* Version: 4, Header Length: 20 bytes (5), Total Length: 88 */
	0x12, 0x34, 0x40, 0x00,	/* Identification: 0x1234 (4660), Flags: 0x2, Don't fragment */
	0x40, 0x11, 0xd3, 0xf6,	/* Time to Live: 64, Protocol: UDP (17), Header Checksum: 0xd3f6 */
	OUTER_IP4_ADDRS,
	0x9c, 0x40, 0x10, 0xf5,	/* Source Port: 40000, Destination Port: 4341 */
	0x00, 0x44, 0x00, 0x00,	/* Length: 68, Checksum: 0x0000 [zero-value ignored] */
	0x80, 0x00, 0x00, 0x01,	/* Flags: 0x80 (N bit (Nonce present): Set), Nonce: 1 */
	0x00, 0x00, 0x00, 0x01,	/* (L bit not set: map-version and locator status bits unread) */
};

/* Ethernet II / IPv4 / UDP 40000 → 6635 / MultiProtocol Label
 * Switching Header / IPv4 */
static const uint8_t mplsudp_hdr[] = {
	OUTER_MACS,
	0x08, 0x00,		/* Type: IPv4 (0x0800) */
	0x45, 0x00, 0x00, 0x54,	/* Version: 4, Header Length: 20 bytes (5), Total Length: 84 */
	0x12, 0x34, 0x40, 0x00,	/* Identification: 0x1234 (4660), Flags: 0x2, Don't fragment */
	0x40, 0x11, 0xd3, 0xfa,	/* Time to Live: 64, Protocol: UDP (17), Header Checksum: 0xd3fa */
	OUTER_IP4_ADDRS,
	0x9c, 0x40, 0x19, 0xeb,	/* Source Port: 40000, Destination Port: 6635 */
	0x00, 0x40, 0x00, 0x00,	/* Length: 64, Checksum: 0x0000 [zero-value ignored] */
	0x00, 0x06, 0x41, 0x40,	/* MPLS Label: 100, Experimental Bits: 0, Bottom of Label Stack: 1, TTL: 64 */
};

/* Ethernet II / IPv4 / UDP 40000 → 4790 / Virtual eXtensible Local
 * Area Network, Generic Protocol Extension / Ethernet II */
static const uint8_t gpe_hdr[] = {
	OUTER_MACS,
	0x08, 0x00,		/* Type: IPv4 (0x0800) */
	0x45, 0x00, 0x00, 0x66,	/* Version: 4, Header Length: 20 bytes (5), Total Length: 102 */
	0x12, 0x34, 0x40, 0x00,	/* Identification: 0x1234 (4660), Flags: 0x2, Don't fragment */
	0x40, 0x11, 0xd3, 0xe8,	/* Time to Live: 64, Protocol: UDP (17), Header Checksum: 0xd3e8 */
	OUTER_IP4_ADDRS,
	0x9c, 0x40, 0x12, 0xb6,	/* Source Port: 40000, Destination Port: 4790 */
	0x00, 0x52, 0x00, 0x00,	/* Length: 82, Checksum: 0x0000 [zero-value ignored] */
	0x0c,			/* Flags: 0x0c: Instance: 1, Next Protocol Bit: 1 */
	0x00, 0x00,		/* Reserved: 0 */
	0x03,			/* Next Protocol: Ethernet (3) */
	0x00, 0x03, 0xe8,	/* VXLAN Network Identifier (VNI): 1000 */
	0x00,			/* Reserved: 0 */
};

/* Ethernet II / IPv4 / UDP 40000 → 37008 / TZSP: Ethernet / Ethernet II:
 * a remote sniffer's stream (a MikroTik router's, say) */
static const uint8_t tzsp_hdr[] = {
	OUTER_MACS,
	0x08, 0x00,		/* Type: IPv4 (0x0800) */
	0x45, 0x00, 0x00, 0x67,	/* Version: 4, Header Length: 20 bytes (5), Total Length: 103 */
	0x12, 0x34, 0x40, 0x00,	/* Identification: 0x1234 (4660), Flags: 0x2, Don't fragment */
	0x40, 0x11, 0xd3, 0xe7,	/* Time to Live: 64, Protocol: UDP (17), Header Checksum: 0xd3e7 */
	OUTER_IP4_ADDRS,
	0x9c, 0x40, 0x90, 0x90,	/* Source Port: 40000, Destination Port: 37008 */
	0x00, 0x53, 0x00, 0x00,	/* Length: 83, Checksum: 0x0000 [zero-value ignored] */
	0x01,			/* Version: 1 */
	0x00,			/* Type: Received packet (0) */
	0x00, 0x01,		/* Encapsulation: Ethernet (1) */
	0x00,			/* Padding */
	0x0a, 0x01, 0xc4,	/* Signal: -60 dBm */
	0x01,			/* End */
};

/* Ethernet II / IPv4 / UDP 5072 → 5072 / AYIYA, forward / IPv6: a SixXS
 * tunnel (Zeek opens it too). */
static const uint8_t ayiya_hdr[] = {
	OUTER_MACS,
	0x08, 0x00,		/* Type: IPv4 (0x0800) */
	0x45, 0x00, 0x00, 0x8c,	/* Version: 4, Header Length: 20 bytes (5), Total Length: 140 */
	0x12, 0x34, 0x40, 0x00,	/* Identification: 0x1234 (4660), Flags: 0x2, Don't fragment */
	0x40, 0x11, 0xd3, 0xc2,	/* Time to Live: 64, Protocol: UDP (17), Header Checksum: 0xd3c2 */
	OUTER_IP4_ADDRS,
	0x13, 0xd0, 0x13, 0xd0,	/* Source Port: 5072, Destination Port: 5072 */
	0x00, 0x78, 0x00, 0x00,	/* Length: 120, Checksum: 0x0000 [zero-value ignored] */
	0x41,			/* Identity field length: 0x04 (16 bytes), Identity field type: Integer (0x01) */
	0x52,			/* Signature Length: 0x05 (20 bytes), Hash method: SHA1 (0x02) */
	0x11,			/* Authentication method: Hash using a Shared Secret (0x01), Operation Code: Forward (0x01) */
	0x29,			/* Next Header: IPv6 (0x29) */
	0x65, 0x53, 0xf1, 0x00,	/* Epoch: Nov 14, 2023 22:13:20.000000000 UTC */
	0x20, 0x01, 0x0d, 0xb8, 0x00, 0x01, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x01, /* Identity: 20010db8000100000000000000000001 */
	0x22, 0x22, 0x22, 0x22, 0x22, 0x22, 0x22, 0x22, 0x22, 0x22, /* Signature: 2222222222222222222222222222222222222222 */
	0x22, 0x22, 0x22, 0x22, 0x22, 0x22, 0x22, 0x22, 0x22, 0x22,
};

struct tunnel_frame {
	const char *name;
	const uint8_t *outer;	/* Ethernet to the inner packet (or inner Ethernet) */
	size_t outer_len;
	bool eth;		/* in_eth between the outer headers and the packet */
	enum inner inner;	/* in4, in6, or in6's TCP segment only */
	bool has_vni;		/* carries a VXLAN or Geneve VNI */
};

#define OUTER(a) a, sizeof(a)

enum {
	F_VLAN, F_QINQ, F_QINQ9100, F_MPLS2, F_MPLS6, F_MPLSPW, F_PPPOE, F_PPPOE6, F_CMD, F_SNAP,
	F_GRE, F_GRECKS, F_GRE6, F_GRETEB, F_ERSPAN1, F_ERSPAN2, F_ERSPAN3, F_ERSPAN3O,
	F_GREV1, F_PPTPACK, F_GREROUTING, F_GREARUBA, F_GREV2, F_WCCP, F_WCCP1,
	F_VXLAN, F_GENEVE, F_GENEVEIP, F_GENEVEV1, F_GTP, F_GTPEXT, F_GTPSEQ,
	F_IP4IN4, F_IP6IN4, F_IP4IN6, F_IP6IN6, F_IP6EXT,
	F_AH4, F_PBB, F_VNTAG, F_NSH, F_LLCIP, F_EOIP, F_L2TP, F_TEREDO, F_LISP, F_MPLSUDP,
	F_GPE, F_TZSP, F_AYIYA,
};

static const struct tunnel_frame frames[] = {
	[F_VLAN] = { "802.1Q", OUTER(vlan_hdr), false, INNER_IP4, false },
	[F_QINQ] = { "802.1ad + 802.1Q", OUTER(qinq_hdr), false, INNER_IP4, false },
	[F_QINQ9100] = { "0x9100 + 802.1Q", OUTER(qinq9100_hdr), false, INNER_IP6, false },
	[F_MPLS2] = { "MPLS, two labels", OUTER(mpls2_hdr), false, INNER_IP4, false },
	[F_MPLS6] = { "MPLS, IPv6", OUTER(mpls6_hdr), false, INNER_IP6, false },
	[F_MPLSPW] = { "MPLS Ethernet pseudowire", OUTER(mplspw_hdr), true, INNER_IP4, false },
	[F_PPPOE] = { "PPPoE, IPv4", OUTER(pppoe_hdr), false, INNER_IP4, false },
	[F_PPPOE6] = { "PPPoE, IPv6", OUTER(pppoe6_hdr), false, INNER_IP6, false },
	[F_CMD] = { "Cisco MetaData", OUTER(cmd_hdr), false, INNER_IP4, false },
	[F_SNAP] = { "802.3 LLC/SNAP", OUTER(snap_hdr), false, INNER_IP4, false },
	[F_GRE] = { "GRE", OUTER(gre_hdr), false, INNER_IP4, false },
	[F_GRECKS] = { "GRE checksum, key, sequence", OUTER(grecks_hdr), false, INNER_IP4, false },
	[F_GRE6] = { "GRE over IPv6", OUTER(gre6_hdr), false, INNER_IP6, false },
	[F_GRETEB] = { "GRE transparent Ethernet bridging", OUTER(greteb_hdr), true, INNER_IP4, false },
	[F_ERSPAN1] = { "ERSPAN type I", OUTER(erspan1_hdr), true, INNER_IP4, false },
	[F_ERSPAN2] = { "ERSPAN type II", OUTER(erspan2_hdr), true, INNER_IP4, false },
	[F_ERSPAN3] = { "ERSPAN type III", OUTER(erspan3_hdr), true, INNER_IP4, false },
	[F_ERSPAN3O] = { "ERSPAN type III with subheader", OUTER(erspan3o_hdr), true, INNER_IP4, false },
	[F_GREV1] = { "PPTP (GRE version 1, PPP)", OUTER(grev1_hdr), false, INNER_IP4, false },
	[F_PPTPACK] = { "PPTP with an ack, compressed PPP", OUTER(pptpack_hdr), false, INNER_IP4, false },
	[F_GREROUTING] = { "GRE with source routing", OUTER(grerouting_hdr), false, INNER_IP4, false },
	[F_GREARUBA] = { "Aruba GRE (802.11)", OUTER(grearuba_hdr), false, INNER_IP4, false },
	[F_GREV2] = { "GRE version 2", OUTER(grev2_hdr), false, INNER_IP4, false },
	[F_WCCP] = { "WCCP redirect", OUTER(wccp_hdr), false, INNER_IP4, false },
	[F_WCCP1] = { "WCCP without a redirect header", OUTER(wccp1_hdr), false, INNER_IP4, false },
	[F_VXLAN] = { "VXLAN", OUTER(vxlan_hdr), true, INNER_IP4, true },
	[F_GENEVE] = { "Geneve with an option", OUTER(geneve_hdr), true, INNER_IP4, true },
	[F_GENEVEIP] = { "Geneve carrying IPv4", OUTER(geneveip_hdr), false, INNER_IP4, true },
	[F_GENEVEV1] = { "Geneve version 1", OUTER(genevev1_hdr), false, INNER_IP4, true },
	[F_GTP] = { "GTP-U", OUTER(gtp_hdr), false, INNER_IP4, false },
	[F_GTPEXT] = { "GTP-U with an extension header", OUTER(gtpext_hdr), false, INNER_IP6, false },
	[F_GTPSEQ] = { "GTP-U with a sequence number", OUTER(gtpseq_hdr), false, INNER_IP4, false },
	[F_IP4IN4] = { "IPv4 in IPv4", OUTER(ip4in4_hdr), false, INNER_IP4, false },
	[F_IP6IN4] = { "IPv6 in IPv4", OUTER(ip6in4_hdr), false, INNER_IP6, false },
	[F_IP4IN6] = { "IPv4 in IPv6", OUTER(ip4in6_hdr), false, INNER_IP4, false },
	[F_IP6IN6] = { "IPv6 in IPv6", OUTER(ip6in6_hdr), false, INNER_IP6, false },
	[F_AH4] = { "IPv4 AH carrying IPv4", OUTER(ah4_hdr), false, INNER_IP4, false },
	[F_PBB] = { "802.1ah backbone bridging", OUTER(pbb_hdr), true, INNER_IP4, false },
	[F_VNTAG] = { "VN-Tag", OUTER(vntag_hdr), false, INNER_IP4, false },
	[F_NSH] = { "Network Service Header", OUTER(nsh_hdr), false, INNER_IP4, false },
	[F_LLCIP] = { "802.3 LLC SAP 0x06", OUTER(llcip_hdr), false, INNER_IP4, false },
	[F_EOIP] = { "MikroTik EoIP", OUTER(eoip_hdr), true, INNER_IP4, false },
	[F_L2TP] = { "L2TP version 2, PPP", OUTER(l2tp_hdr), false, INNER_IP4, false },
	[F_TEREDO] = { "Teredo with an origin indication", OUTER(teredo_hdr), false, INNER_IP6, false },
	[F_LISP] = { "LISP data", OUTER(lisp_hdr), false, INNER_IP4, false },
	[F_MPLSUDP] = { "MPLS over UDP", OUTER(mplsudp_hdr), false, INNER_IP4, false },
	[F_GPE] = { "VXLAN-GPE carrying Ethernet", OUTER(gpe_hdr), true, INNER_IP4, true },
	[F_TZSP] = { "TZSP carrying Ethernet", OUTER(tzsp_hdr), true, INNER_IP4, false },
	[F_AYIYA] = { "AYIYA carrying IPv6", OUTER(ayiya_hdr), false, INNER_IP6, false },
	[F_IP6EXT] = { "IPv6 extension headers with AH", OUTER(ip6ext_hdr), false, INNER_TCP6, false },
};

/* Room for any frame built here (the 1104-byte VXLAN one is cut at 128). */
#define FRAME_MAX 512

/* Writes frame `f` into `b`: its outer headers, in_eth if bridged, the packet. */
static size_t build(uint8_t *b, const struct tunnel_frame *f)
{
	size_t n = f->outer_len;
	memcpy(b, f->outer, n);
	if (f->eth) {
		memcpy(b + n, in_eth, sizeof(in_eth));
		n += sizeof(in_eth);
	}
	switch (f->inner) {
	case INNER_IP4:
		memcpy(b + n, in4, sizeof(in4));
		return n + sizeof(in4);
	case INNER_IP6:
		memcpy(b + n, in6, sizeof(in6));
		return n + sizeof(in6);
	case INNER_TCP6:
	default:
		memcpy(b + n, in6 + 40, sizeof(in6) - 40);
		return n + sizeof(in6) - 40;
	}
}

/* The inner TCP segment's size (header and payload) and payload length. */
static size_t tcp_segment_len(enum inner inner)
{
	return inner == INNER_IP4 ? sizeof(in4) - 20 : sizeof(in6) - 40;
}

static uint32_t tcp_payload_len(enum inner inner)
{
	return inner == INNER_IP4 ? 12 : 0;
}

/* decode_frame() on the first `caplen` of the `n` bytes of `b`, read from a
 * buffer of exactly `caplen` bytes so that a read past it is caught by
 * the sanitizers. */
static enum decode_result decode_cut(const uint8_t *b, size_t caplen, size_t n,
				     struct tv_packet *p, const char **why)
{
	uint8_t *copy = malloc(caplen > 0 ? caplen : 1);
	ck_assert_msg(copy != NULL, "out of memory");
	memcpy(copy, b, caplen);
	memset(p, 0xee, sizeof(*p));	/* decode must set what it reports */
	*why = NULL;
	enum decode_result r = decode_frame(DLT_EN10MB, copy, (uint32_t)caplen, (uint32_t)n, p, why);
	/* The payload pointer points into `copy`: keep only its offset. */
	if (r == DECODE_TCP && p->payload != NULL)
		p->payload = b + (p->payload - copy);
	free(copy);
	return r;
}

static enum decode_result decode_all(const uint8_t *b, size_t n, struct tv_packet *p,
				     const char **why)
{
	return decode_cut(b, n, n, p, why);
}

/* The inner TCP segment of in4 or in6, as every frame must decode to it. */
static void assert_inner(const struct tv_packet *p, enum inner inner, const char *where)
{
	if (inner == INNER_IP4) {
		static const uint8_t src[4] = { 10, 0, 0, 1 }, dst[4] = { 10, 0, 0, 2 };
		ck_assert_msg(p->src.family == 4 && memcmp(p->src.bytes, src, 4) == 0,
			      "%s: source should be the inner 10.0.0.1", where);
		ck_assert_msg(p->dst.family == 4 && memcmp(p->dst.bytes, dst, 4) == 0,
			      "%s: destination should be the inner 10.0.0.2", where);
		ck_assert_msg(p->sport == 49152 && p->dport == 80,
			      "%s: ports 49152 → 80 expected, got %u → %u", where, p->sport, p->dport);
		ck_assert_msg(p->seq == 1000000u && p->ack == 2000000u,
			      "%s: raw seq 1000000 ack 2000000 expected, got %u/%u", where, p->seq, p->ack);
		ck_assert_msg(p->flags == (TH_PUSH | TH_ACK),
			      "%s: flags PSH, ACK expected, got 0x%03x", where, p->flags);
		ck_assert_msg(p->win == 512 && p->hdr_len == 20,
			      "%s: window 512 and a 20-byte header expected", where);
		ck_assert_msg(p->len == 12, "%s: Len=12 (from the inner IP length) expected, got %u",
			      where, p->len);
	} else {
		static const uint8_t src[16] = { 0x20, 0x01, 0x0d, 0xb8, 0x00, 0x01, [15] = 1 };
		static const uint8_t dst[16] = { 0x20, 0x01, 0x0d, 0xb8, 0x00, 0x01, [15] = 2 };
		ck_assert_msg(p->src.family == 6 && memcmp(p->src.bytes, src, 16) == 0,
			      "%s: source should be the inner 2001:db8:1::1", where);
		ck_assert_msg(p->dst.family == 6 && memcmp(p->dst.bytes, dst, 16) == 0,
			      "%s: destination should be the inner 2001:db8:1::2", where);
		ck_assert_msg(p->sport == 50000 && p->dport == 443,
			      "%s: ports 50000 → 443 expected, got %u → %u", where, p->sport, p->dport);
		ck_assert_msg(p->seq == 3000000000u, "%s: raw seq 3000000000 expected, got %u",
			      where, p->seq);
		ck_assert_msg(p->flags == TH_SYN, "%s: flags SYN expected, got 0x%03x", where, p->flags);
		ck_assert_msg(p->hdr_len == 28 && p->len == 0,
			      "%s: a 28-byte header and Len=0 expected, got %u/%u", where,
			      p->hdr_len, p->len);
	}
}

/* ---- every encapsulation reaches the inner TCP segment ---- */

START_TEST(reaches_inner_tcp)
{
	const struct tunnel_frame *f = &frames[_i];
	uint8_t b[FRAME_MAX];
	size_t n = build(b, f);
	struct tv_packet p;
	const char *why;
	enum decode_result r = decode_all(b, n, &p, &why);
	ck_assert_msg(r == DECODE_TCP, "%s: should decode as TCP, got %d (%s)", f->name, r,
		      why ? why : "");
	assert_inner(&p, f->inner, f->name);
	ck_assert_msg(p.wire_len == n, "%s: wire_len %zu expected, got %u", f->name, n, p.wire_len);
	ck_assert_msg(!p.truncated, "%s: a whole frame is not truncated", f->name);
	ck_assert_msg(p.undecoded == NULL, "%s: nothing undecoded", f->name);
	uint32_t plen = tcp_payload_len(f->inner);
	ck_assert_msg(p.payload_caplen == plen, "%s: all %u payload bytes captured, got %u",
		      f->name, plen, p.payload_caplen);
	if (plen > 0)
		ck_assert_msg(memcmp(p.payload, "hello tunnel", 12) == 0,
			      "%s: payload should be \"hello tunnel\"", f->name);
	if (f->has_vni)
		ck_assert_msg(p.tunnel_id != 0, "%s: a VNI makes a tunnel identity", f->name);
	else
		ck_assert_msg(p.tunnel_id == 0, "%s: no VNI: tunnel_id 0 (VLAN ids, TEIDs and GRE "
			      "keys do not count), got 0x%llx", f->name,
			      (unsigned long long)p.tunnel_id);

	/* The same frame again gets the same identity, whatever was in the
	 * packet before. */
	struct tv_packet again;
	memset(&again, 0x11, sizeof(again));
	ck_assert_msg(decode_frame(DLT_EN10MB, b, (uint32_t)n, (uint32_t)n, &again, &why) ==
		      DECODE_TCP, "%s: the second decode should be TCP too", f->name);
	ck_assert_msg(again.tunnel_id == p.tunnel_id, "%s: the same frame twice must get the "
		      "same tunnel_id", f->name);
}
END_TEST

/* ---- two tunnels with the same inner packet ---- */

/*
 * A frame and a copy with one byte changed: the tunnel's identifier.  The
 * changed copies were read by tshark 4.0 too, with the value in `reading`.
 * Another VNI is another tunnel (`apart`); another VLAN id, GRE key or
 * TEID is not, since those may differ between the two directions of one
 * connection (a GTP TEID always does, TS 29.281 §5.1): the same tunnel_id,
 * as tshark 4.0 keeps such packets in one tcp.stream.
 */
struct id_variant {
	int frame;
	size_t offset;
	uint8_t value;
	bool apart;
	const char *reading;
};

static const struct id_variant variants[] = {
	{ F_VXLAN, 48, 0x2b, true, "VXLAN Network Identifier (VNI): 43 (not 42)" },
	{ F_GENEVE, 48, 0xe9, true, "Geneve VNI: 0x0003e9 (1001, not 1000)" },
	{ F_GENEVEIP, 48, 0xe9, true, "Geneve VNI: 0x0003e9 (1001, not 1000)" },
	{ F_VLAN, 15, 0x65, false, "802.1Q ID: 101 (not 100)" },
	{ F_QINQ, 15, 0xc9, false, "IEEE 802.1ad, ID: 201 (not 200)" },
	{ F_QINQ, 19, 0x0b, false, "inner 802.1Q ID: 11 (not 10)" },
	{ F_QINQ9100, 15, 0x2d, false, "outer (0x9100) 802.1Q Virtual LAN, ID: 301 (not 300)" },
	{ F_QINQ9100, 19, 0x15, false, "inner 802.1Q ID: 21 (not 20)" },
	{ F_GRETEB, 41, 0x64, false, "GRE Key: 0x00000064 (not 0x63)" },
	{ F_GTP, 49, 0x79, false, "GTP TEID: 0x12345679 (not 0x12345678)" },
	{ F_GTPEXT, 49, 0x79, false, "GTP TEID: 0x12345679 (not 0x12345678)" },
	{ F_GTPSEQ, 49, 0x79, false, "GTP TEID: 0x12345679 (not 0x12345678)" },
};

/* Writes the changed copy of variant `v` into `b`. */
static size_t build_variant(uint8_t *b, const struct id_variant *v)
{
	size_t n = build(b, &frames[v->frame]);
	b[v->offset] = v->value;
	return n;
}

START_TEST(tunnel_id_from_the_vni_only)
{
	const struct id_variant *v = &variants[_i];
	const struct tunnel_frame *f = &frames[v->frame];
	uint8_t a[FRAME_MAX], b[FRAME_MAX];
	size_t na = build(a, f);
	size_t nb = build_variant(b, v);
	ck_assert_msg(a[v->offset] != v->value, "%s: the variant must change a byte", f->name);
	struct tv_packet pa, pb;
	const char *why;
	ck_assert_msg(decode_all(a, na, &pa, &why) == DECODE_TCP, "%s: TCP expected", f->name);
	ck_assert_msg(decode_all(b, nb, &pb, &why) == DECODE_TCP, "%s with %s: TCP expected",
		      f->name, v->reading);
	assert_inner(&pb, f->inner, v->reading);
	if (v->apart)
		ck_assert_msg(pa.tunnel_id != pb.tunnel_id,
			      "%s: the same inner packet with %s must get another tunnel_id",
			      f->name, v->reading);
	else
		ck_assert_msg(pa.tunnel_id == pb.tunnel_id,
			      "%s: %s must not change the tunnel_id", f->name, v->reading);
}
END_TEST

/* ---- encapsulations tcpview refuses, by name ---- */

START_TEST(gre_aruba_only_its_own_protocol_types)
{
	/* Aruba's protocol types are 0x8200, 0x8210, ... 0x8370 (Wireshark's
	 * packet-gre.h); the ethertypes between them are GRE's usual payloads
	 * (IPv6 0x86dd: the "GRE over IPv6" frame above; MPLS 0x8847: the
	 * nests below), and tshark 4.0 reads 0x8380 and 0x9000 as Data. */
	uint8_t b[FRAME_MAX];
	size_t n = build(b, &frames[F_GREARUBA]);
	size_t proto = 14 + 20 + 2;
	struct tv_packet p;
	const char *why;
	b[proto] = 0x83;	/* Protocol Type: ARUBA WLAN (0x8370) */
	b[proto + 1] = 0x70;
	ck_assert_msg(decode_all(b, n, &p, &why) == DECODE_TCP, "0x8370 is Aruba's too");
	static const uint16_t not_aruba[] = { 0x8201, 0x8380, 0x9000 };
	for (size_t i = 0; i < ARRAY_SIZE(not_aruba); i++) {
		b[proto] = (uint8_t)(not_aruba[i] >> 8);
		b[proto + 1] = (uint8_t)not_aruba[i];
		ck_assert_msg(decode_all(b, n, &p, &why) == DECODE_OTHER && p.undecoded == NULL,
			      "0x%04x is not Aruba's: simply not TCP, nothing named", not_aruba[i]);
	}
}
END_TEST

/* A frame of `n` bytes from a UDP tunnel frame with another payload or
 * other ports: the outer headers of frame `f`, then `payload`. */
static size_t with_udp(uint8_t *b, const struct tunnel_frame *f, uint16_t sport, uint16_t dport,
		       const uint8_t *payload, size_t plen)
{
	size_t udp = 14 + 20, n = udp + 8;
	memcpy(b, f->outer, n);
	memcpy(b + n, payload, plen);
	n += plen;
	b[udp] = (uint8_t)(sport >> 8);
	b[udp + 1] = (uint8_t)sport;
	b[udp + 2] = (uint8_t)(dport >> 8);
	b[udp + 3] = (uint8_t)dport;
	b[udp + 4] = (uint8_t)((n - udp) >> 8);	/* UDP Length */
	b[udp + 5] = (uint8_t)(n - udp);
	b[16] = (uint8_t)((n - 14) >> 8);	/* IPv4 Total Length */
	b[17] = (uint8_t)(n - 14);
	return n;
}

START_TEST(udp_lower_port_first)
{
	/* tshark reads a UDP payload by the lower port first (packet-udp.c),
	 * the higher when that port's dissector refuses it.  Each case was
	 * written to a pcap and read with tshark 4.0.17. */
	uint8_t vx[FRAME_MAX], b[FRAME_MAX];
	size_t vxn = build(vx, &frames[F_VXLAN]) - 14 - 20 - 8;
	const uint8_t *vxp = vx + 14 + 20 + 8;	/* VXLAN header, Ethernet, in4 */
	struct tv_packet p;
	const char *why;
	/* 53 → 4789: "eth:ethertype:ip:udp:dns", a datagram for the
	 * application layer. */
	size_t n = with_udp(b, &frames[F_VXLAN], 53, 4789, vxp, vxn);
	ck_assert_int_eq(decode_all(b, n, &p, &why), DECODE_UDP);
	/* 123 → 4789: NTP's. */
	n = with_udp(b, &frames[F_VXLAN], 123, 4789, vxp, vxn);
	ck_assert_int_eq(decode_all(b, n, &p, &why), DECODE_UDP);
	/* 80 → 4789: no dissector on 80, so VXLAN. */
	n = with_udp(b, &frames[F_VXLAN], 80, 4789, vxp, vxn);
	ck_assert_int_eq(decode_all(b, n, &p, &why), DECODE_TCP);
	/* 1701 → 4789 with a VXLAN payload: L2TP refuses version 0 (the
	 * VXLAN flags 0x0800), VXLAN takes it. */
	n = with_udp(b, &frames[F_VXLAN], 1701, 4789, vxp, vxn);
	ck_assert_int_eq(decode_all(b, n, &p, &why), DECODE_TCP);
	/* 2152 → 4789: GTP refuses version 0 too. */
	n = with_udp(b, &frames[F_VXLAN], 4789, 2152, vxp, vxn);
	ck_assert_int_eq(decode_all(b, n, &p, &why), DECODE_TCP);
	/* 1701 → 4789 with an L2TP payload: L2TP's. */
	uint8_t l2[FRAME_MAX];
	size_t l2n = build(l2, &frames[F_L2TP]) - 14 - 20 - 8;
	n = with_udp(b, &frames[F_L2TP], 1701, 4789, l2 + 14 + 20 + 8, l2n);
	ck_assert_int_eq(decode_all(b, n, &p, &why), DECODE_TCP);
	/* Teredo between two other ports: tshark's Teredo heuristic is off,
	 * so a datagram. */
	uint8_t te[FRAME_MAX];
	size_t ten = build(te, &frames[F_TEREDO]) - 14 - 20 - 8;
	n = with_udp(b, &frames[F_TEREDO], 40000, 50000, te + 14 + 20 + 8, ten);
	ck_assert_int_eq(decode_all(b, n, &p, &why), DECODE_UDP);
}
END_TEST

START_TEST(tunnels_without_a_packet_are_other)
{
	/* Each variant read by tshark 4.0.17 as the comment says: a tunnel
	 * message that carries no packet, nothing named. */
	uint8_t b[FRAME_MAX];
	struct tv_packet p;
	const char *why;
	size_t n;
	/* L2TP control message (T bit): "udp:l2tp". */
	n = build(b, &frames[F_L2TP]);
	b[14 + 20 + 8] = 0xc8;
	ck_assert_int_eq(decode_all(b, n, &p, &why), DECODE_OTHER);
	/* L2TPv3 over UDP: "udp:l2tp:data", its pseudowire type unknown. */
	n = build(b, &frames[F_L2TP]);
	b[14 + 20 + 8] = 0x00;
	b[14 + 20 + 8 + 1] = 0x03;
	ck_assert_int_eq(decode_all(b, n, &p, &why), DECODE_OTHER);
	/* VXLAN-GPE without the P bit: "udp:data". */
	n = build(b, &frames[F_GPE]);
	b[14 + 20 + 8] = 0x08;
	ck_assert_int_eq(decode_all(b, n, &p, &why), DECODE_OTHER);
	/* AYIYA heartbeat (operation 0): "udp:ayiya". */
	n = build(b, &frames[F_AYIYA]);
	b[14 + 20 + 8 + 2] = 0x10;
	ck_assert_int_eq(decode_all(b, n, &p, &why), DECODE_OTHER);
	/* TZSP keepalive (type 4). */
	n = build(b, &frames[F_TZSP]);
	b[14 + 20 + 8 + 1] = 4;
	ck_assert_int_eq(decode_all(b, n, &p, &why), DECODE_OTHER);
	/* LLC XID (0xaf) and UI with the poll bit (0x13) to SAP 0x06:
	 * "eth:llc:data"; an I frame (two control bytes) is IP. */
	n = build(b, &frames[F_LLCIP]);
	b[16] = 0xaf;
	ck_assert_int_eq(decode_all(b, n, &p, &why), DECODE_OTHER);
	b[16] = 0x13;
	ck_assert_int_eq(decode_all(b, n, &p, &why), DECODE_OTHER);
	ck_assert_msg(p.undecoded == NULL, "nothing named");
}
END_TEST

START_TEST(not_tcp_is_other_without_a_name)
{
	/* The VXLAN frame with its inner IPv4 Protocol changed to UDP (17):
	 * simply not TCP, so nothing is named. */
	uint8_t b[FRAME_MAX];
	size_t n = build(b, &frames[F_VXLAN]);
	size_t proto = sizeof(vxlan_hdr) + sizeof(in_eth) + 9;
	b[proto] = 0x11;	/* inner IPv4 Protocol: UDP (17) */
	struct tv_packet p;
	const char *why;
	ck_assert_msg(decode_all(b, n, &p, &why) == DECODE_UDP,
		      "UDP inside VXLAN is a datagram, not TCP");
	ck_assert_msg(p.undecoded == NULL, "a packet that is simply not TCP names nothing, got %s",
		      p.undecoded ? p.undecoded : "");
}
END_TEST

/* ---- nesting depth ---- */

/*
 * The layers of a nest: IPv4 carrying GRE carrying MPLS carrying the next
 * IPv4, `pairs` times, around in4; behind Ethernet, with an 802.1Q tag
 * when `tagged`.  Each encapsulation opened counts: Ethernet 1, the tag 1,
 * each GRE 1 and each MPLS label 1, so the depth is 1 + tagged + 2 × pairs.
 * The IPv4 Total Length is set for each layer as it is wrapped.
 */
static const uint8_t nest_ip4[] = {
	0x45, 0x00, 0x00, 0x00,	/* Version: 4, Header Length: 20 bytes (5), Total Length: (set by nest()) */
	0x12, 0x34, 0x40, 0x00,	/* Identification: 0x1234 (4660), Flags: 0x2, Don't fragment */
	0x40, 0x2f, 0x00, 0x00,	/* Time to Live: 64, Protocol: Generic Routing Encapsulation (47),
				 * Header Checksum: 0x0000 [validation disabled] */
	OUTER_IP4_ADDRS,
};
static const uint8_t nest_gre[] = {
	0x00, 0x00,		/* Flags and Version: 0x0000, Version: GRE (0) */
	0x88, 0x47,		/* Protocol Type: MPLS label switched packet (0x8847) */
};
static const uint8_t nest_mpls[] = {
	0x00, 0x06, 0x41, 0x40,	/* MPLS Label: 100, Experimental Bits: 0, Bottom Of Label Stack: 1, TTL: 64 */
};
static const uint8_t nest_eth[] = {
	OUTER_MACS,
	0x08, 0x00,		/* Type: IPv4 (0x0800) */
};
static const uint8_t nest_eth_tagged[] = {
	OUTER_MACS,
	0x81, 0x00,		/* Type: 802.1Q Virtual LAN (0x8100) */
	0x00, 0x07,		/* PRI: 0, DEI: 0, ID: 7 */
	0x08, 0x00,		/* Type: IPv4 (0x0800) */
};

/* Builds the nest into `b` (FRAME_MAX bytes), from the inside out. */
static size_t nest(uint8_t *b, int pairs, bool tagged)
{
	size_t end = FRAME_MAX, pos = end - sizeof(in4);
	memcpy(b + pos, in4, sizeof(in4));
	for (int i = 0; i < pairs; i++) {
		pos -= sizeof(nest_mpls);
		memcpy(b + pos, nest_mpls, sizeof(nest_mpls));
		pos -= sizeof(nest_gre);
		memcpy(b + pos, nest_gre, sizeof(nest_gre));
		pos -= sizeof(nest_ip4);
		memcpy(b + pos, nest_ip4, sizeof(nest_ip4));
		size_t total = end - pos;
		b[pos + 2] = (uint8_t)(total >> 8);
		b[pos + 3] = (uint8_t)total;
	}
	const uint8_t *link = tagged ? nest_eth_tagged : nest_eth;
	size_t nlink = tagged ? sizeof(nest_eth_tagged) : sizeof(nest_eth);
	pos -= nlink;
	memcpy(b + pos, link, nlink);
	memmove(b, b + pos, end - pos);
	return end - pos;
}

START_TEST(nest_16_deep_decodes)
{
	uint8_t b[FRAME_MAX];
	size_t n = nest(b, 7, true);	/* 1 + 1 + 2 × 7 = 16 */
	struct tv_packet p;
	const char *why;
	enum decode_result r = decode_all(b, n, &p, &why);
	ck_assert_msg(r == DECODE_TCP, "16 encapsulations are still opened, got %d (%s)", r,
		      why ? why : "");
	assert_inner(&p, INNER_IP4, "16-deep nest");
}
END_TEST

START_TEST(nest_17_deep_malformed)
{
	uint8_t b[FRAME_MAX];
	size_t n = nest(b, 8, false);	/* 1 + 2 × 8 = 17 */
	struct tv_packet p;
	const char *why;
	ck_assert_msg(decode_all(b, n, &p, &why) == DECODE_MALFORMED,
		      "17 nested encapsulations must be DECODE_MALFORMED");
	ck_assert_msg(why != NULL && strstr(why, "16") != NULL,
		      "the reason should name the depth cap, got \"%s\"", why ? why : "(null)");
}
END_TEST

/* ---- frames cut at every byte ---- */

/*
 * Every prefix of a frame: before the 20 fixed bytes of the inner TCP
 * header are in it is DECODE_MALFORMED or DECODE_OTHER (never TCP, and
 * never a crash or a read past the capture); from there on it is TCP with
 * the inner addresses, the length from the inner IP header, and truncated
 * set until the whole frame is there.
 */
static void cut_at_every_byte(const uint8_t *b, size_t n, const char *name, bool tcp,
			      enum inner inner)
{
	size_t tcp_start = n - tcp_segment_len(inner);
	uint32_t plen = tcp_payload_len(inner);
	for (size_t caplen = 0; caplen <= n; caplen++) {
		struct tv_packet p;
		const char *why;
		enum decode_result r = decode_cut(b, caplen, n, &p, &why);
		if (!tcp || caplen < tcp_start + 20) {
			ck_assert_msg(r == DECODE_MALFORMED || r == DECODE_OTHER,
				      "%s cut at %zu of %zu bytes: malformed or other expected, got %d",
				      name, caplen, n, r);
			if (r == DECODE_MALFORMED)
				ck_assert_msg(why != NULL, "%s cut at %zu: a malformed frame says why",
					      name, caplen);
			continue;
		}
		ck_assert_msg(r == DECODE_TCP, "%s cut at %zu of %zu bytes: the TCP header is in, "
			      "TCP expected, got %d (%s)", name, caplen, n, r, why ? why : "");
		assert_inner(&p, inner, name);
		ck_assert_msg(p.truncated == (caplen < n), "%s cut at %zu of %zu: truncated should be %d",
			      name, caplen, n, caplen < n);
		ck_assert_msg(p.wire_len == n, "%s cut at %zu: wire_len stays %zu", name, caplen, n);
		size_t hdr_end = tcp_start + p.hdr_len;
		uint32_t want = caplen > hdr_end ? (uint32_t)(caplen - hdr_end) : 0;
		ck_assert_msg(p.payload_caplen == want && want <= plen,
			      "%s cut at %zu: %u payload bytes captured expected, got %u",
			      name, caplen, want, p.payload_caplen);
	}
}

START_TEST(every_frame_cut_at_every_byte)
{
	const struct tunnel_frame *f = &frames[_i];
	uint8_t b[FRAME_MAX];
	size_t n = build(b, f);
	cut_at_every_byte(b, n, f->name, true, f->inner);
}
END_TEST

START_TEST(nests_cut_at_every_byte)
{
	uint8_t b[FRAME_MAX];
	size_t n = nest(b, 7, true);
	cut_at_every_byte(b, n, "16-deep nest", true, INNER_IP4);
	n = nest(b, 8, false);
	cut_at_every_byte(b, n, "17-deep nest", false, INNER_IP4);
}
END_TEST

/* ---- the payload length comes from the inner IP header ---- */

/*
 * VXLAN carrying a 1000-byte segment, captured with a snap length of 128:
 * 1104 bytes on the wire, 104 bytes of headers and 24 payload bytes kept.
 * Wireshark: 10.0.0.1 → 10.0.0.2 TCP 1104 49152 → 80 [PSH, ACK] Seq=13
 * Ack=1 Win=512 Len=1000 [Packet size limited during capture]
 */
static const uint8_t vxlan_big_head[] = {
	OUTER_MACS,
	0x08, 0x00,		/* Type: IPv4 (0x0800) */
	0x45, 0x00, 0x04, 0x42,	/* Version: 4, Header Length: 20 bytes (5), Total Length: 1090 */
	0x12, 0x34, 0x40, 0x00,	/* Identification: 0x1234 (4660), Flags: 0x2, Don't fragment */
	0x40, 0x11, 0xd0, 0x0c,	/* Time to Live: 64, Protocol: UDP (17), Header Checksum: 0xd00c */
	OUTER_IP4_ADDRS,
	0xd4, 0x31, 0x12, 0xb5,	/* Source Port: 54321, Destination Port: 4789 */
	0x04, 0x2e, 0x00, 0x00,	/* Length: 1070, Checksum: 0x0000 [zero-value ignored] */
	0x08, 0x00, 0x00, 0x00,	/* Flags: 0x0800, VXLAN Network ID (VNI): True; Group Policy ID: 0 */
	0x00, 0x00, 0x2a, 0x00,	/* VXLAN Network Identifier (VNI): 42, Reserved: 0 */
	0x02, 0x00, 0x0a, 0x00, 0x00, 0x02,	/* Destination: 02:00:0a:00:00:02 */
	0x02, 0x00, 0x0a, 0x00, 0x00, 0x01,	/* Source: 02:00:0a:00:00:01 */
	0x08, 0x00,		/* Type: IPv4 (0x0800) */
	0x45, 0x00, 0x04, 0x10,	/* Version: 4, Header Length: 20 bytes (5), Total Length: 1040 */
	0x00, 0x02, 0x40, 0x00,	/* Identification: 0x0002 (2), Flags: 0x2, Don't fragment */
	0x40, 0x06, 0x22, 0xe4,	/* Time to Live: 64, Protocol: TCP (6), Header Checksum: 0x22e4 */
	0x0a, 0x00, 0x00, 0x01,	/* Source Address: 10.0.0.1 */
	0x0a, 0x00, 0x00, 0x02,	/* Destination Address: 10.0.0.2 */
	0xc0, 0x00, 0x00, 0x50,	/* Source Port: 49152, Destination Port: 80 */
	0x00, 0x0f, 0x42, 0x4c,	/* Sequence Number (raw): 1000012 */
	0x00, 0x1e, 0x84, 0x80,	/* Acknowledgment number (raw): 2000000 */
	0x50, 0x18, 0x02, 0x00,	/* Header Length: 20 bytes (5), Flags: 0x018 (PSH, ACK), Window: 512 */
	0x00, 0x00, 0x00, 0x00,	/* Checksum: 0x0000 [unverified], Urgent Pointer: 0 */
	/* TCP payload (1000 bytes of 'A'), of which the snap length kept 24 */
};

#define VXLAN_BIG_WIRE 1104u
#define VXLAN_BIG_SNAP 128u

START_TEST(vxlan_cut_by_snaplen_len_from_inner_ip)
{
	uint8_t b[VXLAN_BIG_SNAP];
	memcpy(b, vxlan_big_head, sizeof(vxlan_big_head));
	memset(b + sizeof(vxlan_big_head), 'A', sizeof(b) - sizeof(vxlan_big_head));
	struct tv_packet p;
	const char *why;
	enum decode_result r = decode_cut(b, sizeof(b), VXLAN_BIG_WIRE, &p, &why);
	ck_assert_msg(r == DECODE_TCP, "VXLAN cut by the snap length should still be TCP (%s)",
		      why ? why : "");
	ck_assert_msg(p.seq == 1000012u && p.sport == 49152 && p.dport == 80,
		      "the inner segment: 49152 → 80, raw seq 1000012");
	ck_assert_msg(p.len == 1000, "Len=1000 comes from the inner IP Total Length (1040 - 40), "
		      "not from the 128 captured bytes; got %u", p.len);
	ck_assert_msg(p.payload_caplen == 24, "24 payload bytes captured, got %u", p.payload_caplen);
	ck_assert_msg(p.truncated, "the segment is marked truncated");
	ck_assert_msg(p.wire_len == VXLAN_BIG_WIRE, "wire_len 1104, got %u", p.wire_len);
	ck_assert_msg(p.tunnel_id != 0, "VNI 42 makes a tunnel identity");

	/* The same frame whole: the same tunnel, the same length, not truncated. */
	uint8_t *whole = malloc(VXLAN_BIG_WIRE);
	ck_assert_msg(whole != NULL, "out of memory");
	memcpy(whole, vxlan_big_head, sizeof(vxlan_big_head));
	memset(whole + sizeof(vxlan_big_head), 'A', VXLAN_BIG_WIRE - sizeof(vxlan_big_head));
	struct tv_packet q;
	r = decode_cut(whole, VXLAN_BIG_WIRE, VXLAN_BIG_WIRE, &q, &why);
	free(whole);
	ck_assert_msg(r == DECODE_TCP && q.len == 1000 && q.payload_caplen == 1000 && !q.truncated,
		      "the whole frame: TCP, 1000 bytes, all captured");
	ck_assert_msg(q.tunnel_id == p.tunnel_id, "cut or whole, the same VXLAN tunnel");
}
END_TEST

Suite *check_suite(void)
{
	Suite *s = suite_create("tunnel");

	TCase *open = tcase_create("open");
	tcase_add_loop_test(open, reaches_inner_tcp, 0, (int)ARRAY_SIZE(frames));
	suite_add_tcase(s, open);

	TCase *id = tcase_create("tunnel_id");
	tcase_add_loop_test(id, tunnel_id_from_the_vni_only, 0, (int)ARRAY_SIZE(variants));
	suite_add_tcase(s, id);

	TCase *other = tcase_create("other");
	tcase_add_test(other, gre_aruba_only_its_own_protocol_types);
	tcase_add_test(other, udp_lower_port_first);
	tcase_add_test(other, tunnels_without_a_packet_are_other);
	tcase_add_test(other, not_tcp_is_other_without_a_name);
	suite_add_tcase(s, other);

	TCase *depth = tcase_create("depth");
	tcase_add_test(depth, nest_16_deep_decodes);
	tcase_add_test(depth, nest_17_deep_malformed);
	suite_add_tcase(s, depth);

	TCase *cut = tcase_create("cut");
	tcase_add_loop_test(cut, every_frame_cut_at_every_byte, 0, (int)ARRAY_SIZE(frames));
	tcase_add_test(cut, nests_cut_at_every_byte);
	tcase_add_test(cut, vxlan_cut_by_snaplen_len_from_inner_ip);
	suite_add_tcase(s, cut);

	return s;
}
