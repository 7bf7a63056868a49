/*
 * check_link.c - unit tests of the link types src/decode/link.c reads
 * through its one table beyond Ethernet, loopback, cooked and raw IP
 * (those are in check_decode.c; here only cooked frames of LLC): PPP (DLT_PPP and DLT_PPP_SERIAL, with
 * and without address/control, compressed protocol field, MPLS, Cisco
 * HDLC on a serial link), PPPoE without Ethernet, Cisco HDLC, PPI,
 * IEEE 802.11 (data, QoS, four addresses, HT control, protected,
 * management, A-MSDU), radiotap (TSFT alignment, extended present
 * bitmaps, the FCS flag), NFLOG (little- and big-endian TLVs), Linux
 * ARCNET, pf's log (OpenBSD's and FreeBSD's), OpenBSD enc (either byte
 * order), Solaris ipnet, Endace ERF (Ethernet with an extension header,
 * PoS with PPP and Cisco HDLC, IPv6), Apple PKTAP (also as macOS numbers
 * it, LINKTYPE_USER2), AVS and Prism 802.11
 * headers, FDDI, Token Ring (source-routed), LLC-encapsulated ATM,
 * SunATM (LLC and LANE), Juniper's header (extension TLVs, a stripped
 * link layer, Ethernet, PPPoE, GGSN, Cisco HDLC), BSD ARCNET, Linux's
 * classical IP over ATM, PPP with a direction byte, and Frame Relay (RFC
 * 2427's NLPID and SNAP, a 3-byte address, Cisco's encapsulation); SNAP
 * with an ethertype or bridged Ethernet, padded behind LLC and not in
 * Frame Relay.
 *
 * Frames are byte arrays with Wireshark's reading of each field beside
 * it.  Every frame was written into a pcap file of its link type and read
 * with tshark 4.0.17 (`tshark -V`, and `-T fields -e ip.src -e
 * tcp.srcport -e tcp.seq_raw -e tcp.len`); what the tests assert is what
 * tshark reads, except where a comment says tcpview stops earlier (an
 * A-MSDU) or reads further (a cut NFLOG frame).  The IP packets are
 * written once and put behind each link header; frame_spec lists the
 * parts of each frame in order.  Each frame is also decoded cut at every
 * length, as a snap length would cut it, in a buffer of exactly that many
 * bytes so that the sanitizers see any read past the end.
 */
#include <check.h>
#include <pcap/pcap.h>
#include <stdlib.h>
#include <string.h>

#include "tcpview/decode/decode.h"
#include "check_main.h"

#ifndef DLT_NFLOG
#define DLT_NFLOG 239
#endif
#ifndef DLT_PPI
#define DLT_PPI 192
#endif

/* ---- The IP packets ---- */

/*
 * IPv4 + TCP, 48 bytes: 8 bytes of data.
 * Wireshark: 192.0.2.10 → 198.51.100.20 TCP 40000 → 443 [PSH, ACK]
 * Seq=1 Ack=1 Win=501 Len=8 (raw seq 287454020, ack 1432778632);
 * both checksums [correct].
 */
static const uint8_t ip4_data[] = {
	/* Internet Protocol Version 4, Src: 192.0.2.10, Dst: 198.51.100.20 */
	0x45,			/* 0100 .... = Version: 4; .... 0101 = Header Length: 20 bytes (5) */
	0x00,			/* Differentiated Services Field: 0x00 (DSCP: CS0, ECN: Not-ECT) */
	0x00, 0x30,		/* Total Length: 48 */
	0x2a, 0x2a,		/* Identification: 0x2a2a (10794) */
	0x40, 0x00,		/* Flags: 0x2, Don't fragment; Fragment Offset: 0 */
	0x40,			/* Time to Live: 64 */
	0x06,			/* Protocol: TCP (6) */
	0x24, 0x4c,		/* Header Checksum: 0x244c [correct] */
	0xc0, 0x00, 0x02, 0x0a,	/* Source Address: 192.0.2.10 */
	0xc6, 0x33, 0x64, 0x14,	/* Destination Address: 198.51.100.20 */
	/* Transmission Control Protocol, Src Port: 40000, Dst Port: 443, Seq: 1, Ack: 1, Len: 8 */
	0x9c, 0x40,		/* Source Port: 40000 */
	0x01, 0xbb,		/* Destination Port: 443 */
	0x11, 0x22, 0x33, 0x44,	/* Sequence Number (raw): 287454020 */
	0x55, 0x66, 0x77, 0x88,	/* Acknowledgment number (raw): 1432778632 */
	0x50, 0x18,		/* 0101 .... = Header Length: 20 bytes (5); Flags: 0x018 (PSH, ACK) */
	0x01, 0xf5,		/* Window: 501 */
	0x4c, 0xcc,		/* Checksum: 0x4ccc [correct] */
	0x00, 0x00,		/* Urgent Pointer: 0 */
	't', 'c', 'p', 'v', 'i', 'e', 'w', '!', /* TCP payload (8 bytes) */
};

/*
 * IPv4 + TCP SYN with options, 48 bytes.
 * Wireshark: 192.0.2.10 → 198.51.100.20 TCP 40002 → 80 [SYN] Seq=0
 * Win=64240 Len=0 MSS=1460 SACK_PERM (raw seq 168496141); both
 * checksums [correct].
 */
static const uint8_t ip4_syn[] = {
	/* Internet Protocol Version 4, Src: 192.0.2.10, Dst: 198.51.100.20 */
	0x45, 0x00, 0x00, 0x30,	/* Version 4, Header Length 20, DSCP 0, Total Length: 48 */
	0x2a, 0x2b, 0x40, 0x00,	/* Identification: 0x2a2b, Flags: Don't fragment, Offset 0 */
	0x40, 0x06, 0x24, 0x4b,	/* TTL 64, Protocol: TCP (6), Header Checksum: 0x244b [correct] */
	0xc0, 0x00, 0x02, 0x0a,	/* Source Address: 192.0.2.10 */
	0xc6, 0x33, 0x64, 0x14,	/* Destination Address: 198.51.100.20 */
	/* Transmission Control Protocol, Src Port: 40002, Dst Port: 80, Seq: 0, Len: 0 */
	0x9c, 0x42, 0x00, 0x50,	/* Source Port: 40002, Destination Port: 80 */
	0x0a, 0x0b, 0x0c, 0x0d,	/* Sequence Number (raw): 168496141 */
	0x00, 0x00, 0x00, 0x00,	/* Acknowledgment number (raw): 0 */
	0x70, 0x02,		/* 0111 .... = Header Length: 28 bytes (7); Flags: 0x002 (SYN) */
	0xfa, 0xf0,		/* Window: 64240 */
	0xe9, 0x31, 0x00, 0x00,	/* Checksum: 0xe931 [correct], Urgent Pointer: 0 */
	0x02, 0x04, 0x05, 0xb4,	/* TCP Option - Maximum segment size: 1460 bytes */
	0x01, 0x01,		/* TCP Option - No-Operation (NOP), twice */
	0x04, 0x02,		/* TCP Option - SACK permitted */
};

/*
 * IPv6 + TCP, 64 bytes: 4 bytes of data.
 * Wireshark: 2001:db8::10 → 2001:db8::20 SSH 40001 → 22 [PSH, ACK]
 * Seq=1 Ack=1 Win=502 Len=4 (raw seq 3000000000, ack 4000000000);
 * checksum [correct].
 */
static const uint8_t ip6_data[] = {
	/* Internet Protocol Version 6, Src: 2001:db8::10, Dst: 2001:db8::20 */
	0x60, 0x00, 0x00, 0x00,	/* Version: 6, Traffic Class: 0x00, Flow Label: 0x00000 */
	0x00, 0x18,		/* Payload Length: 24 */
	0x06,			/* Next Header: TCP (6) */
	0x40,			/* Hop Limit: 64 */
	0x20, 0x01, 0x0d, 0xb8, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x10, /* Source Address: 2001:db8::10 */
	0x20, 0x01, 0x0d, 0xb8, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x20, /* Destination Address: 2001:db8::20 */
	/* Transmission Control Protocol, Src Port: 40001, Dst Port: 22, Seq: 1, Ack: 1, Len: 4 */
	0x9c, 0x41, 0x00, 0x16,	/* Source Port: 40001, Destination Port: 22 */
	0xb2, 0xd0, 0x5e, 0x00,	/* Sequence Number (raw): 3000000000 */
	0xee, 0x6b, 0x28, 0x00,	/* Acknowledgment number (raw): 4000000000 */
	0x50, 0x18, 0x01, 0xf6,	/* Header Length: 20 bytes (5), Flags: 0x018 (PSH, ACK), Window: 502 */
	0xf3, 0x1b, 0x00, 0x00,	/* Checksum: 0xf31b [correct], Urgent Pointer: 0 */
	'S', 'S', 'H', '-',	/* SSH Protocol: Protocol (SSH-) (4 bytes) */
};

/* What tshark reads in each IP packet, as decode_frame() must fill it. */
struct want {
	const uint8_t *ip;	/* the packet, to find it in a frame */
	size_t nip;
	uint8_t family;
	uint8_t src[16], dst[16];
	uint16_t sport, dport;
	uint32_t seq, ack;	/* tcp.seq_raw, tcp.ack_raw */
	uint16_t flags;
	uint8_t hdr_len;	/* tcp.hdr_len */
	uint32_t len;		/* tcp.len */
	const char *payload;
};

static const struct want want_ip4_data = {
	ip4_data, sizeof(ip4_data), 4, { 192, 0, 2, 10 }, { 198, 51, 100, 20 },
	40000, 443, 287454020u, 1432778632u, TH_PUSH | TH_ACK, 20, 8, "tcpview!",
};
static const struct want want_ip4_syn = {
	ip4_syn, sizeof(ip4_syn), 4, { 192, 0, 2, 10 }, { 198, 51, 100, 20 },
	40002, 80, 168496141u, 0, TH_SYN, 28, 0, "",
};
static const struct want want_ip6_data = {
	ip6_data, sizeof(ip6_data), 6,
	{ 0x20, 0x01, 0x0d, 0xb8, [15] = 0x10 }, { 0x20, 0x01, 0x0d, 0xb8, [15] = 0x20 },
	40001, 22, 3000000000u, 4000000000u, TH_PUSH | TH_ACK, 20, 4, "SSH-",
};

/* ---- PPP (DLT_PPP 9, DLT_PPP_SERIAL 50) ---- */

/* Wireshark: Point-to-Point Protocol, in HDLC-like framing (RFC 1662). */
static const uint8_t ppp_ip4_hdr[] = {
	0xff,			/* Address: 0xff */
	0x03,			/* Control: 0x03 */
	0x00, 0x21,		/* Protocol: Internet Protocol version 4 (0x0021) */
};

/* The protocol field compressed to one byte (RFC 1661 §6.5: PFC). */
static const uint8_t ppp_pfc_hdr[] = {
	0xff,			/* Address: 0xff */
	0x03,			/* Control: 0x03 */
	0x21,			/* Protocol: Internet Protocol version 4 (0x0021), one byte */
};

/* Address and control left out (RFC 1661 §6.6: ACFC) and the protocol compressed. */
static const uint8_t ppp_acfc_pfc_hdr[] = {
	0x21,			/* Protocol: Internet Protocol version 4 (0x0021), one byte */
};

static const uint8_t ppp_ip6_hdr[] = {
	0xff,			/* Address: 0xff */
	0x03,			/* Control: 0x03 */
	0x00, 0x57,		/* Protocol: Internet Protocol version 6 (0x0057) */
};

/* MPLS over PPP (RFC 3032 §4.3): one label, then IPv4 told by its first nibble. */
static const uint8_t ppp_mpls_hdr[] = {
	0xff,			/* Address: 0xff */
	0x03,			/* Control: 0x03 */
	0x02, 0x81,		/* Protocol: MPLS Unicast (0x0281) */
	/* MultiProtocol Label Switching Header, Label: 16, Exp: 0, S: 1, TTL: 64 */
	0x00, 0x01, 0x01, 0x40,	/* MPLS Label: 16, Experimental Bits: 0, Bottom Of Stack: 1, TTL: 64 */
};

/* An LCP Echo-Request: PPP, but nothing tcpview analyses. */
static const uint8_t ppp_lcp_frame[] = {
	0xff,			/* Address: 0xff */
	0x03,			/* Control: 0x03 */
	0xc0, 0x21,		/* Protocol: Link Control Protocol (0xc021) */
	/* PPP Link Control Protocol */
	0x09,			/* Code: Echo Request (9) */
	0x01,			/* Identifier: 1 (0x01) */
	0x00, 0x08,		/* Length: 8 */
	0x12, 0x34, 0x56, 0x78,	/* Magic Number: 0x12345678 */
};

/*
 * Cisco HDLC on a serial link (DLT_PPP_SERIAL): Wireshark's PPP-in-HDLC
 * dissector hands the frame to Cisco HDLC by its address.  The same
 * header opens DLT_C_HDLC frames.
 */
static const uint8_t chdlc_ip4_hdr[] = {
	/* Cisco HDLC */
	0x0f,			/* Address: Unicast (0x0f) */
	0x00,			/* Control: 0x00 */
	0x08, 0x00,		/* Protocol: IP (0x0800) */
};

static const uint8_t chdlc_ip6_hdr[] = {
	/* Cisco HDLC */
	0x8f,			/* Address: Multicast (0x8f) */
	0x00,			/* Control: 0x00 */
	0x86, 0xdd,		/* Protocol: IPv6 (0x86dd) */
};

/* ---- PPPoE without Ethernet (DLT_PPP_ETHER 51) ---- */

static const uint8_t ppp_ether_hdr[] = {
	/* PPP-over-Ethernet Session */
	0x11,			/* 0001 .... = Version: 1; .... 0001 = Type: 1 */
	0x00,			/* Code: Session Data (0x00) */
	0x12, 0x34,		/* Session ID: 0x1234 */
	0x00, 0x32,		/* Payload Length: 50 */
	/* Point-to-Point Protocol */
	0x00, 0x21,		/* Protocol: Internet Protocol version 4 (0x0021) */
};

/* ---- IEEE 802.11 (DLT_IEEE802_11 105) ---- */

/* A data frame from a station to its AP, with RFC 1042 LLC/SNAP. */
static const uint8_t wlan_data_hdr[] = {
	/* IEEE 802.11 Data, Flags: .......T */
	0x08,			/* Type/Subtype: Data (0x0020): Type: Data frame (2), Subtype: 0 */
	0x01,			/* Flags: 0x01, DS status: To DS: 1 From DS: 0 */
	0x2c, 0x00,		/* Duration: 44 microseconds */
	0x00, 0x11, 0x22, 0x33, 0x44, 0x55, /* Receiver address / BSS Id: 00:11:22:33:44:55 */
	0x66, 0x77, 0x88, 0x99, 0xaa, 0xbb, /* Transmitter address / Source address: 66:77:88:99:aa:bb */
	0xcc, 0xdd, 0xee, 0xff, 0x00, 0x11, /* Destination address: cc:dd:ee:ff:00:11 */
	0x30, 0x12,		/* Fragment number: 0, Sequence number: 291 */
	/* Logical-Link Control */
	0xaa,			/* DSAP: SNAP (0xaa) */
	0xaa,			/* SSAP: SNAP (0xaa) */
	0x03,			/* Control field: U, func=UI (0x03) */
	0x00, 0x00, 0x00,	/* Organization Code: 00:00:00 (Officially Xerox, but ...) */
	0x08, 0x00,		/* Type: IPv4 (0x0800) */
};

/*
 * QoS data between two APs: four addresses, then QoS control (after the
 * fourth address, whose first byte would read as A-MSDU present).
 */
static const uint8_t wlan_qos_4addr_hdr[] = {
	/* IEEE 802.11 QoS Data, Flags: ......FT */
	0x88,			/* Type/Subtype: QoS Data (0x0028): Type: Data frame (2), Subtype: 8 */
	0x03,			/* Flags: 0x03, DS status: WDS (To DS: 1 From DS: 1) */
	0x2c, 0x00,		/* Duration: 44 microseconds */
	0x00, 0x11, 0x22, 0x33, 0x44, 0x55, /* Receiver address: 00:11:22:33:44:55 */
	0x66, 0x77, 0x88, 0x99, 0xaa, 0xbb, /* Transmitter address: 66:77:88:99:aa:bb */
	0xcc, 0xdd, 0xee, 0xff, 0x00, 0x11, /* Destination address: cc:dd:ee:ff:00:11 */
	0x30, 0x12,		/* Fragment number: 0, Sequence number: 291 */
	0x82, 0x00, 0x00, 0x00, 0x00, 0x04, /* Source address: 82:00:00:00:00:04 */
	0x05, 0x00,		/* Qos Control: 0x0005: TID: 5, Ack Policy: Normal Ack, Payload Type: MSDU */
	/* Logical-Link Control */
	0xaa, 0xaa, 0x03,	/* DSAP: SNAP (0xaa), SSAP: SNAP (0xaa), Control field: U, func=UI (0x03) */
	0x00, 0x00, 0x00,	/* Organization Code: 00:00:00 */
	0x86, 0xdd,		/* Type: IPv6 (0x86dd) */
};

/*
 * QoS data from the AP with the +HTC/Order flag: an HT Control field
 * follows QoS control; the SNAP OUI is 00-00-F8 (802.1H bridge tunnel).
 */
static const uint8_t wlan_qos_htc_hdr[] = {
	/* IEEE 802.11 QoS Data, Flags: o.....F. */
	0x88,			/* Type/Subtype: QoS Data (0x0028) */
	0x82,			/* Flags: 0x82, DS status: To DS: 0 From DS: 1; +HTC/Order flag: Strictly ordered */
	0x2c, 0x00,		/* Duration: 44 microseconds */
	0x00, 0x11, 0x22, 0x33, 0x44, 0x55, /* Receiver address / Destination address: 00:11:22:33:44:55 */
	0x66, 0x77, 0x88, 0x99, 0xaa, 0xbb, /* Transmitter address / BSS Id: 66:77:88:99:aa:bb */
	0xcc, 0xdd, 0xee, 0xff, 0x00, 0x11, /* Source address: cc:dd:ee:ff:00:11 */
	0x30, 0x12,		/* Fragment number: 0, Sequence number: 291 */
	0x00, 0x00,		/* Qos Control: 0x0000: TID: 0, Payload Type: MSDU */
	0x00, 0x00, 0x00, 0x00,	/* HT Control (+HTC): 0x00000000 */
	/* Logical-Link Control */
	0xaa, 0xaa, 0x03,	/* DSAP: SNAP (0xaa), SSAP: SNAP (0xaa), Control field: U, func=UI (0x03) */
	0x00, 0x00, 0xf8,	/* Organization Code: 00:00:f8 (Digital Equipment Cor...) */
	0x08, 0x00,		/* Type: IPv4 (0x0800) */
};

/* A protected (CCMP) data frame: its body cannot be read. */
static const uint8_t wlan_protected_frame[] = {
	/* IEEE 802.11 Data, Flags: .p.....T */
	0x08,			/* Type/Subtype: Data (0x0020) */
	0x41,			/* Flags: 0x41, To DS: 1 From DS: 0; Protected flag: Data is protected */
	0x2c, 0x00,		/* Duration: 44 microseconds */
	0x00, 0x11, 0x22, 0x33, 0x44, 0x55, /* Receiver address: 00:11:22:33:44:55 */
	0x66, 0x77, 0x88, 0x99, 0xaa, 0xbb, /* Transmitter address: 66:77:88:99:aa:bb */
	0xcc, 0xdd, 0xee, 0xff, 0x00, 0x11, /* Destination address: cc:dd:ee:ff:00:11 */
	0x30, 0x12,		/* Fragment number: 0, Sequence number: 291 */
	/* CCMP parameters */
	0x01, 0x00, 0x00, 0x20,	/* PN0, PN1, reserved, Key Index: 0 with the Ext IV bit */
	0x00, 0x00, 0x00, 0x00,	/* PN2-PN5: CCMP Ext. Initialization Vector: 0x000000000001 */
	/* Data (64 bytes): 56 bytes of ciphertext and an 8-byte MIC */
	0x10, 0x11, 0x12, 0x13, 0x14, 0x15, 0x16, 0x17, 0x18, 0x19, 0x1a, 0x1b, 0x1c, 0x1d,
	0x1e, 0x1f, 0x20, 0x21, 0x22, 0x23, 0x24, 0x25, 0x26, 0x27, 0x28, 0x29, 0x2a, 0x2b,
	0x2c, 0x2d, 0x2e, 0x2f, 0x30, 0x31, 0x32, 0x33, 0x34, 0x35, 0x36, 0x37, 0x38, 0x39,
	0x3a, 0x3b, 0x3c, 0x3d, 0x3e, 0x3f, 0x40, 0x41, 0x42, 0x43, 0x44, 0x45, 0x46, 0x47,
	0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
};

/* A beacon: a management frame, not TCP and not an encapsulation. */
static const uint8_t wlan_beacon_frame[] = {
	/* IEEE 802.11 Beacon frame, Flags: ........ */
	0x80,			/* Type/Subtype: Beacon frame (0x0008): Type: Management frame (0), Subtype: 8 */
	0x00,			/* Flags: 0x00 */
	0x00, 0x00,		/* Duration: 0 microseconds */
	0xff, 0xff, 0xff, 0xff, 0xff, 0xff, /* Receiver address: Broadcast (ff:ff:ff:ff:ff:ff) */
	0x66, 0x77, 0x88, 0x99, 0xaa, 0xbb, /* Transmitter address: 66:77:88:99:aa:bb */
	0x66, 0x77, 0x88, 0x99, 0xaa, 0xbb, /* BSS Id: 66:77:88:99:aa:bb */
	0x10, 0x00,		/* Fragment number: 0, Sequence number: 1 */
	/* IEEE 802.11 Wireless Management, Fixed parameters (12 bytes) */
	0x55, 0x44, 0x33, 0x22, 0x11, 0x00, 0x00, 0x00, /* Timestamp: 73588229205 */
	0x64, 0x00,		/* Beacon Interval: 0.102400 [Seconds] */
	0x31, 0x04,		/* Capabilities Information: 0x0431 */
	/* Tagged parameters (9 bytes) */
	0x00, 0x07,		/* Tag: SSID parameter set (0), Tag length: 7 */
	't', 'c', 'p', 'v', 'i', 'e', 'w', /* SSID: "tcpview" */
};

/*
 * A QoS data frame whose QoS control says A-MSDU.  tshark opens the
 * aggregate (its subframe #1 carries ip4_data); tcpview does not, and
 * names it.
 */
static const uint8_t wlan_amsdu_hdr[] = {
	/* IEEE 802.11 QoS Data, Flags: .......T */
	0x88,			/* Type/Subtype: QoS Data (0x0028) */
	0x01,			/* Flags: 0x01, To DS: 1 From DS: 0 */
	0x2c, 0x00,		/* Duration: 44 microseconds */
	0x00, 0x11, 0x22, 0x33, 0x44, 0x55, /* Receiver address: 00:11:22:33:44:55 */
	0x66, 0x77, 0x88, 0x99, 0xaa, 0xbb, /* Transmitter address: 66:77:88:99:aa:bb */
	0xcc, 0xdd, 0xee, 0xff, 0x00, 0x11, /* (address 3) */
	0x30, 0x12,		/* Fragment number: 0, Sequence number: 291 */
	0x80, 0x00,		/* Qos Control: 0x0080: TID: 0, Payload Type: A-MSDU */
	/* IEEE 802.11 Aggregate MSDU, A-MSDU Subframe #1 */
	0xcc, 0xdd, 0xee, 0xff, 0x00, 0x11, /* Destination address: cc:dd:ee:ff:00:11 */
	0x00, 0x11, 0x22, 0x33, 0x44, 0x55, /* Source address: 00:11:22:33:44:55 */
	0x00, 0x38,		/* A-MSDU Length: 56 */
	/* Logical-Link Control */
	0xaa, 0xaa, 0x03,	/* DSAP: SNAP (0xaa), SSAP: SNAP (0xaa), Control field: U, func=UI (0x03) */
	0x00, 0x00, 0x00,	/* Organization Code: 00:00:00 */
	0x08, 0x00,		/* Type: IPv4 (0x0800) */
};

/* ---- Radiotap (DLT_IEEE802_11_RADIO 127) ---- */

/*
 * TSFT, Flags with "FCS at end", Rate and Channel: the 802.11 frame
 * (wlan_data_hdr + ip4_data) ends with 4 bytes of FCS.
 */
static const uint8_t radiotap_tsft_fcs_hdr[] = {
	/* Radiotap Header v0, Length 22 */
	0x00,			/* Header revision: 0 */
	0x00,			/* Header pad: 0 */
	0x16, 0x00,		/* Header length: 22 */
	0x0f, 0x00, 0x00, 0x00,	/* Present flags word: 0x0000000f (TSFT, Flags, Rate, Channel) */
	0x08, 0x07, 0x06, 0x05, 0x04, 0x03, 0x02, 0x01, /* MAC timestamp: 72623859790382856 */
	0x10,			/* Flags: 0x10: ...1 .... = FCS at end: True */
	0x6c,			/* Data Rate: 54.0 Mb/s */
	0x3c, 0x14,		/* Channel frequency: 5180 [A 36] */
	0x40, 0x01,		/* Channel flags: 0x0140, OFDM, 5 GHz spectrum */
};

/* Wireshark: Frame check sequence: 0x5a6820d3 [correct] (wlan.check_checksum:TRUE). */
static const uint8_t fcs_wlan_data_ip4[] = { 0xd3, 0x20, 0x68, 0x5a };

/*
 * Two present words (Ext set in the first), then TSFT, which must start
 * 8-aligned: 4 bytes of padding after the bitmaps.  The Flags field
 * follows TSFT, with "FCS at end".  The frame is wlan_qos_4addr_hdr +
 * ip6_data and its FCS.
 */
static const uint8_t radiotap_two_words_hdr[] = {
	/* Radiotap Header v0, Length 29 */
	0x00,			/* Header revision: 0 */
	0x00,			/* Header pad: 0 */
	0x1d, 0x00,		/* Header length: 29 */
	0x23, 0x08, 0x00, 0xa0,	/* Present flags word: 0xa0000823 (TSFT, Flags, dBm Antenna Signal,
				 * Antenna, Radiotap NS next: True, Ext: Present) */
	0x20, 0x08, 0x00, 0x00,	/* Present flags word: 0x00000820 (dBm Antenna Signal, Antenna) */
	0x00, 0x00, 0x00, 0x00,	/* (padding: TSFT is 8-aligned) */
	0x08, 0x07, 0x06, 0x05, 0x04, 0x03, 0x02, 0x01, /* MAC timestamp: 72623859790382856 */
	0x10,			/* Flags: 0x10: ...1 .... = FCS at end: True */
	0xd8,			/* Antenna signal: -40 dBm */
	0x00,			/* Antenna: 0 */
	0xd7,			/* Antenna signal: -41 dBm */
	0x01,			/* Antenna: 1 */
};

/* Wireshark: Frame check sequence: 0x5cf5c3f6 [correct]. */
static const uint8_t fcs_wlan_qos_ip6[] = { 0xf6, 0xc3, 0xf5, 0x5c };

/* ---- PPI (DLT_PPI 192) ---- */

/* PPI with an 802.11-Common field, around an 802.11 frame (DLT 105). */
static const uint8_t ppi_hdr[] = {
	/* PPI version 0, 32 bytes */
	0x00,			/* Version: 0 */
	0x00,			/* Flags: 0x00 (Alignment: Not aligned) */
	0x20, 0x00,		/* Header length: 32 */
	0x69, 0x00, 0x00, 0x00,	/* DLT: 105 */
	/* 802.11-Common */
	0x02, 0x00,		/* Field type: 802.11-Common (2) */
	0x14, 0x00,		/* Field length: 20 */
	0x08, 0x07, 0x06, 0x05, 0x04, 0x03, 0x02, 0x01, /* TSFT: 72623859790382856 */
	0x00, 0x00,		/* Flags: 0x0000 (FCS present flag: Absent) */
	0x6c, 0x00,		/* Rate: 54.0 Mbps */
	0x85, 0x09,		/* Channel frequency: 2437 [BG 6] */
	0xc0, 0x00,		/* Channel flags: 0x00c0 (OFDM, 2 GHz spectrum) */
	0x00,			/* FHSS hopset: 0x00 */
	0x00,			/* FHSS pattern: 0x00 */
	0xd8,			/* dBm antenna signal: -40 */
	0xa1,			/* dBm antenna noise: -95 */
};

/* ---- NFLOG (DLT_NFLOG 239) ---- */

/*
 * An IPv4 packet logged with a prefix: TLVs little-endian (the capturing
 * host's order), each padded to 4 bytes; the prefix TLV's 11 bytes take 12.
 */
static const uint8_t nflog_ip4_hdr[] = {
	/* Linux Netfilter NFLOG */
	0x02,			/* Family: IPv4 (2) */
	0x00,			/* Version: 0 */
	0x00, 0x07,		/* Resource id: 7 */
	0x08, 0x00,		/* TLV Type: NFULA_PACKET_HDR (1), Length: 8 */
	0x01, 0x00,		/* .000 0000 0000 0001 = Type: NFULA_PACKET_HDR (1) */
	0x08, 0x00,		/* HW protocol: IPv4 (0x0800) */
	0x03, 0x00,		/* Netfilter hook: Local out (3); padding */
	0x0b, 0x00,		/* TLV Type: NFULA_PREFIX (10), Length: 11 */
	0x0a, 0x00,		/* .000 0000 0000 1010 = Type: NFULA_PREFIX (10) */
	'd', 'r', 'o', 'p', ':', ' ', 0x00, /* Prefix: drop: */
	0x00,			/* (padding to 4 bytes) */
	0x34, 0x00,		/* TLV Type: NFULA_PAYLOAD (9), Length: 52 */
	0x09, 0x00,		/* .000 0000 0000 1001 = Type: NFULA_PAYLOAD (9) */
};

/*
 * An IPv6 packet logged on a big-endian host: the TLVs' length and type
 * are big-endian.  tshark 4.0 reads this frame from a big-endian pcap
 * file (wiretap turns the TLVs to its own byte order); from a
 * little-endian file it calls the same bytes malformed.
 */
static const uint8_t nflog_ip6_be_hdr[] = {
	/* Linux Netfilter NFLOG */
	0x0a,			/* Family: IPv6 (10) */
	0x00,			/* Version: 0 */
	0x00, 0x07,		/* Resource id: 7 */
	0x00, 0x08,		/* TLV Type: NFULA_PACKET_HDR (1), Length: 8 */
	0x00, 0x01,		/* .000 0000 0000 0001 = Type: NFULA_PACKET_HDR (1) */
	0x86, 0xdd,		/* HW protocol: IPv6 (0x86dd) */
	0x01, 0x00,		/* Netfilter hook: Local in (1); padding */
	0x00, 0x0c,		/* TLV Type: NFULA_PREFIX (10), Length: 12 */
	0x00, 0x0a,		/* .000 0000 0000 1010 = Type: NFULA_PREFIX (10) */
	't', 'c', 'p', 'v', 'i', 'e', 'w', 0x00, /* Prefix: tcpview */
	0x00, 0x44,		/* TLV Type: NFULA_PAYLOAD (9), Length: 68 */
	0x00, 0x09,		/* .000 0000 0000 1001 = Type: NFULA_PAYLOAD (9) */
};

/* ---- BSD ARCNET (DLT_ARCNET 7) ---- */

/* No offset field: source, destination, then the RFC 1201 type. */
static const uint8_t arcnet_bsd_hdr[] = {
	/* ARCNET */
	0x01,			/* Source: 0x01 */
	0x02,			/* Dest: 0x02 */
	0xd4,			/* Protocol ID: RFC 1201 IP (0xd4) */
	0x00,			/* Split Flag: 0 */
	0x00, 0x01,		/* Sequence: 1 */
};

/* ---- PPP with a direction byte (DLT_PPP_WITH_DIR 204) ---- */

static const uint8_t ppp_dir_hdr[] = {
	0x01,			/* Direction: 1, sent (tshark: [Direction: DTE->DCE (0)]) */
	/* Point-to-Point Protocol */
	0xff,			/* Address: 0xff */
	0x03,			/* Control: 0x03 */
	0x00, 0x21,		/* Protocol: Internet Protocol version 4 (0x0021) */
};

/* ---- Frame Relay (DLT_FRELAY 107) ---- */

/* RFC 2427: the UI control byte, a pad byte, NLPID IP. */
static const uint8_t fr_nlpid_hdr[] = {
	/* Frame Relay */
	0x18, 0x41,		/* DLCI: 100, CR: Response, FECN: False, BECN: False, DE: False, EA: Last Octet */
	0x03,			/* Control field: U, func=UI (0x03) */
	0x00,			/* Padding */
	0xcc,			/* NLPID: IP (0xcc) */
};

/* A 3-byte address, then NLPID IPv6. */
static const uint8_t fr_3byte_ip6_hdr[] = {
	/* Frame Relay */
	0x18, 0x40, 0x01,	/* DLCI: 6400 (EA: More Follows, More Follows; Final address octet: 0x01, DC: Control, EA: Last Octet) */
	0x03,			/* Control field: U, func=UI (0x03) */
	0x8e,			/* NLPID: IPv6 (0x8e) */
};

/* Bridged Ethernet (RFC 2427 §6): SNAP with OUI 00-80-C2, PID 7. */
static const uint8_t fr_bridged_hdr[] = {
	/* Frame Relay */
	0x18, 0x41,		/* DLCI: 100 */
	0x03,			/* Control field: U, func=UI (0x03) */
	0x00,			/* Padding */
	0x80,			/* NLPID: SNAP (0x80) */
	0x00, 0x80, 0xc2,	/* Organization Code: IEEE 802.1 (0x0080c2) */
	0x00, 0x07,		/* PID: 802.3 (no FCS) (0x0007) */
	/* Ethernet II, Src: 02:00:00:00:00:01, Dst: 02:00:00:00:00:02 */
	0x02, 0x00, 0x00, 0x00, 0x00, 0x02,	/* Destination: 02:00:00:00:00:02 */
	0x02, 0x00, 0x00, 0x00, 0x00, 0x01,	/* Source: 02:00:00:00:00:01 */
	0x08, 0x00,		/* Type: IPv4 (0x0800) */
};

/* SNAP with the 802.1H OUI, as behind LLC. */
static const uint8_t fr_snap_f8_hdr[] = {
	/* Frame Relay */
	0x18, 0x41,		/* DLCI: 100 */
	0x03,			/* Control field: U, func=UI (0x03) */
	0x00,			/* Padding */
	0x80,			/* NLPID: SNAP (0x80) */
	0x00, 0x00, 0xf8,	/* Organization Code: 00:00:f8 (Digital Equipment Cor...) */
	0x08, 0x00,		/* Type: IPv4 (0x0800) */
};

/* Cisco's encapsulation: an ethertype right after the address. */
static const uint8_t fr_cisco_hdr[] = {
	/* Frame Relay */
	0x18, 0x41,		/* DLCI: 100 */
	0x08, 0x00,		/* Type: IPv4 (0x0800) */
};

/* ---- Linux ARCNET (DLT_ARCNET_LINUX 129) ---- */

/* RFC 1201 IP: the header carries a split flag and a sequence number. */
static const uint8_t arcnet_212_hdr[] = {
	/* ARCNET */
	0x01,			/* Source: 0x01 */
	0x02,			/* Dest: 0x02 */
	0x00, 0x00,		/* Offset: 0000 */
	0xd4,			/* Protocol ID: RFC 1201 IP (0xd4) */
	0x00,			/* Split Flag: 0 */
	0x00, 0x01,		/* Sequence: 1 */
};

/* RFC 1051 IP: no split flag, no sequence number. */
static const uint8_t arcnet_240_hdr[] = {
	/* ARCNET */
	0x01,			/* Source: 0x01 */
	0x02,			/* Dest: 0x02 */
	0x00, 0x00,		/* Offset: 0000 */
	0xf0,			/* Protocol ID: RFC 1051 IP (0xf0) */
};

static const uint8_t arcnet_ip6_hdr[] = {
	/* ARCNET */
	0x01,			/* Source: 0x01 */
	0x02,			/* Dest: 0x02 */
	0x00, 0x00,		/* Offset: 0000 */
	0xc4,			/* Protocol ID: IPv6 (0xc4) */
	0x00,			/* Split Flag: 0 */
	0x00, 0x02,		/* Sequence: 2 */
};

/* ---- pf log (DLT_PFLOG 117) ---- */

/* OpenBSD's header (if_pflog.h): 61 bytes, padded to 64. */
static const uint8_t pflog_ip4_hdr[] = {
	/* PF Log IPv4 pass on em0 by rule 5 */
	0x3d,			/* Header Length: 61 */
	0x02,			/* Address Family: IPv4 (2) */
	0x00,			/* Action: pass (0) */
	0x00,			/* Reason: match (0) */
	'e', 'm', '0', 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, /* Interface: em0 */
	0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, /* Ruleset: */
	0x00, 0x00, 0x00, 0x05,	/* Rule Number: 5 */
	0xff, 0xff, 0xff, 0xff,	/* Sub Rule Number: -1 */
	0xff, 0xff, 0xff, 0xff,	/* UID: -1 */
	0xff, 0xff, 0xff, 0xff,	/* PID: -1 */
	0xff, 0xff, 0xff, 0xff,	/* Rule UID: -1 */
	0xff, 0xff, 0xff, 0xff,	/* Rule PID: -1 */
	0x01,			/* Direction: in (1) */
	0x00, 0x00, 0x00,	/* Padding: 000000 (to 64 bytes) */
};

/* FreeBSD numbers AF_INET6 28.  A header of 48 bytes: tshark reads its
 * last 4 as the direction and padding. */
static const uint8_t pflog_ip6_hdr[] = {
	/* PF Log IPv6 block on vtnet0 by rule 2 */
	0x30,			/* Header Length: 48 */
	0x1c,			/* Address Family: IPv6 (28) */
	0x01,			/* Action: block (1) */
	0x00,			/* Reason: match (0) */
	'v', 't', 'n', 'e', 't', '0', 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, /* Interface: vtnet0 */
	0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, /* Ruleset: */
	0x00, 0x00, 0x00, 0x02,	/* Rule Number: 2 */
	0xff, 0xff, 0xff, 0xff,	/* Sub Rule Number: -1 */
	0x00, 0x00, 0x00, 0x00,	/* Direction: inout (0); Padding: 000000 */
};

/* ---- OpenBSD enc(4) (DLT_ENC 109) ---- */

/* Captured on a little-endian host: the family reads 2 either way round. */
static const uint8_t enc_ip4_le_hdr[] = {
	/* Enc IPv4, SPI 0x00001234 */
	0x02, 0x00, 0x00, 0x00,	/* Address Family: IPv4 (2), in host byte order */
	0x00, 0x00, 0x12, 0x34,	/* SPI: 0x00001234 */
	0x00, 0x04, 0x00, 0x00,	/* Flags: 0x00000400, Payload encrypted */
};

static const uint8_t enc_ip6_be_hdr[] = {
	/* Enc IPv6, SPI 0x00005678 */
	0x00, 0x00, 0x00, 0x18,	/* Address Family: IPv6 (24), a big-endian host's */
	0x00, 0x00, 0x56, 0x78,	/* SPI: 0x00005678 */
	0x00, 0x00, 0x04, 0x00,	/* Flags: 0x00000400, Payload encrypted */
};

/* ---- Solaris ipnet (DLT_IPNET 226) ---- */

static const uint8_t ipnet_ip4_hdr[] = {
	/* Solaris IPNET */
	0x02,			/* Header version: 2 */
	0x02,			/* Address family: Solaris AF_INET (2) */
	0x00, 0x02,		/* Hook type: Local (2) */
	0x00, 0x00, 0x00, 0x30,	/* Data length: 48 */
	0x00, 0x00, 0x00, 0x03,	/* Interface index: 3 */
	0x00, 0x00, 0x00, 0x00,	/* Group interface index: 0 */
	0x00, 0x00, 0x00, 0x00,	/* Source Zone ID: 0 */
	0xff, 0xff, 0xff, 0xff,	/* Destination Zone ID: 4294967295 */
};

static const uint8_t ipnet_ip6_hdr[] = {
	/* Solaris IPNET */
	0x02,			/* Header version: 2 */
	0x1a,			/* Address family: Solaris AF_INET6 (26) */
	0x00, 0x01,		/* Hook type: Outbound (1) */
	0x00, 0x00, 0x00, 0x40,	/* Data length: 64 */
	0x00, 0x00, 0x00, 0x03,	/* Interface index: 3 */
	0x00, 0x00, 0x00, 0x00,	/* Group interface index: 0 */
	0xff, 0xff, 0xff, 0xff,	/* Source Zone ID: 4294967295 */
	0x00, 0x00, 0x00, 0x00,	/* Destination Zone ID: 0 */
};

/* ---- Endace ERF (DLT_ERF 197) ---- */

/* An Ethernet record (type 2) with one extension header, then the 2-byte
 * offset and pad and an Ethernet II header. */
static const uint8_t erf_eth_ext_hdr[] = {
	/* Extensible Record Format */
	0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, /* Timestamp (little-endian) */
	0x82,			/* Record type: 0x82 (Type 2: ETH), Extension header present: 1 */
	0x04,			/* Flags: 0x04, Capture interface: 0, Varying record length: 1 */
	0x00, 0x5c,		/* Record length: 92 */
	0x00, 0x00,		/* Loss counter: 0 */
	0x00, 0x42,		/* Wire length: 66 */
	0x03, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, /* Extension Header: Classification (3), the last */
	0x00,			/* Ethernet pad: Offset: 0 */
	0x00,			/* Padding: 0x00 */
	/* Ethernet II */
	0x00, 0x11, 0x22, 0x33, 0x44, 0x55, /* Destination: 00:11:22:33:44:55 */
	0x66, 0x77, 0x88, 0x99, 0xaa, 0xbb, /* Source: 66:77:88:99:aa:bb */
	0x08, 0x00,		/* Type: IPv4 (0x0800) */
};

/* The Ethernet FCS after eth + ip4_data (ERF keeps it). */
static const uint8_t fcs_eth_ip4[] = { 0xea, 0x8c, 0x23, 0xbf }; /* FCS: 0xbf238cea */

/* PoS HDLC (type 1) with PPP in it. */
static const uint8_t erf_pos_ppp_hdr[] = {
	/* Extensible Record Format */
	0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, /* Timestamp */
	0x01,			/* Record type: 0x01 (Type 1: HDLC_POS) */
	0x04,			/* Flags: 0x04, Varying record length: 1 */
	0x00, 0x44,		/* Record length: 68 */
	0x00, 0x00,		/* Loss counter: 0 */
	0x00, 0x34,		/* Wire length: 52 */
	/* Point-to-Point Protocol */
	0xff,			/* Address: 0xff */
	0x03,			/* Control: 0x03 */
	0x00, 0x21,		/* Protocol: Internet Protocol version 4 (0x0021) */
};

/* A coloured-hash PoS record (type 19) carrying Cisco HDLC. */
static const uint8_t erf_pos_chdlc_hdr[] = {
	/* Extensible Record Format */
	0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, /* Timestamp */
	0x13,			/* Record type: 0x13 (Type 19: COLOR_HASH_POS) */
	0x04,			/* Flags: 0x04, Varying record length: 1 */
	0x00, 0x54,		/* Record length: 84 */
	0x00, 0x00,		/* Color: 0x0000 */
	0x00, 0x44,		/* Wire length: 68 */
	/* Cisco HDLC */
	0x8f,			/* Address: Multicast (0x8f) */
	0x00,			/* Control: 0x00 */
	0x86, 0xdd,		/* Protocol: IPv6 (0x86dd) */
};

/* An IPv6 record (type 23): the packet at once. */
static const uint8_t erf_ip6_hdr[] = {
	/* Extensible Record Format */
	0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, /* Timestamp */
	0x17,			/* Record type: 0x17 (Type 23: IPV6) */
	0x04,			/* Flags: 0x04, Varying record length: 1 */
	0x00, 0x50,		/* Record length: 80 */
	0x00, 0x00,		/* Loss counter: 0 */
	0x00, 0x40,		/* Wire length: 64 */
};

/* ---- Apple PKTAP (DLT_PKTAP 258) ---- */

/* 108 bytes, little-endian: a packet (record type 1) of link type 1. */
static const uint8_t pktap_eth_hdr[] = {
	/* PKTAP packet header */
	0x6c, 0x00, 0x00, 0x00,	/* Header length: 108 */
	0x01, 0x00, 0x00, 0x00,	/* Record type: 1 (a packet) */
	0x01, 0x00, 0x00, 0x00,	/* DLT: 1 (Ethernet) */
	'e', 'n', '0', 0, 0, 0, 0, 0, 0, 0, 0, 0, /* Interface name: en0 */
	0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
	0x00, 0x00, 0x00, 0x00,	/* Flags: 0x00000000 */
	0x1e, 0x00, 0x00, 0x00,	/* Protocol family: 30 */
	0x0e, 0x00, 0x00, 0x00,	/* Link-layer header length: 14 */
	0x00, 0x00, 0x00, 0x00,	/* Link-layer trailer length: 0 */
	0x39, 0x30, 0x00, 0x00,	/* Process ID: 12345 */
	'c', 'u', 'r', 'l', 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, /* Command name: curl */
	0x00, 0x00, 0x00, 0x00,	/* Service class: 0 */
	0x06, 0x00,		/* Interface type: 6 */
	0x00, 0x00,		/* Interface unit: 0 */
	0x39, 0x30, 0x00, 0x00,	/* Effective process ID: 12345 */
	'c', 'u', 'r', 'l', 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, /* Effective command name */
	/* Ethernet II */
	0x00, 0x11, 0x22, 0x33, 0x44, 0x55, /* Destination: 00:11:22:33:44:55 */
	0x66, 0x77, 0x88, 0x99, 0xaa, 0xbb, /* Source: 66:77:88:99:aa:bb */
	0x86, 0xdd,		/* Type: IPv6 (0x86dd) */
};

/* ---- AVS and Prism (DLT_IEEE802_11_RADIO_AVS 163, DLT_PRISM_HEADER 119) ---- */

/* The AVS header, version 1: 64 bytes, big-endian. */
static const uint8_t avs_hdr[] = {
	/* AVS WLAN Capture header */
	0x80, 0x21, 0x10, 0x01,	/* Header magic: 0x8021100, Header revision: 1 */
	0x00, 0x00, 0x00, 0x40,	/* Header length: 64 */
	0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, /* MAC timestamp: 0 */
	0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, /* Host timestamp: 0 */
	0x00, 0x00, 0x00, 0x01,	/* PHY type: FHSS 802.11 '97 (1) */
	0x00, 0x00, 0x00, 0x06,	/* Channel: Hop set 0x00, Hop pattern 0x00, Hop index 0x00 */
	0x00, 0x00, 0x00, 0x14,	/* Data Rate: 2.0 Mb/s */
	0x00, 0x00, 0x00, 0x00,	/* Antenna: 0 */
	0x00, 0x00, 0x00, 0x00,	/* Priority: 0 */
	0x00, 0x00, 0x00, 0x00,	/* SSI Type: None (0) */
	0xff, 0xff, 0xff, 0xc4,	/* SSI signal (not shown with SSI type None) */
	0xff, 0xff, 0xff, 0xa6,	/* SSI noise (not shown with SSI type None) */
	0x00, 0x00, 0x00, 0x00,	/* Preamble: Unknown (0) */
	0x00, 0x00, 0x00, 0x00,	/* Encoding Type: Unknown (0) */
};

/* Prism, written little-endian by the host: 144 bytes of DID items. */
static const uint8_t prism_hdr[] = {
	/* Prism capture header */
	0x44, 0x00, 0x00, 0x00,	/* Message Code: 0x00000044 */
	0x90, 0x00, 0x00, 0x00,	/* Message Length: 144 */
	'w', 'l', 'a', 'n', '0', 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, /* Device Name: wlan0 */
	/* ten DID items of 12 bytes: DID Unknown 0, Status: Supplied, Length: 0 */
	0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,  0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
	0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,  0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
	0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,  0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
	0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,  0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
	0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,  0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
};

/* ---- FDDI, ATM (DLT_FDDI 10, DLT_ATM_RFC1483 11, DLT_SUNATM 123) ---- */

static const uint8_t fddi_llc_hdr[] = {
	/* Fiber Distributed Data Interface, Async LLC frame, priority 0 */
	0x50,			/* Frame Control: 0x50 (Async LLC frame, priority 0) */
	0x00, 0x11, 0x22, 0x33, 0x44, 0x55, /* Destination: 00:88:44:cc:22:aa (bit-swapped) */
	0x66, 0x77, 0x88, 0x99, 0xaa, 0xbb, /* Source: 66:ee:11:99:55:dd (bit-swapped) */
	/* Logical-Link Control */
	0xaa, 0xaa, 0x03,	/* DSAP: SNAP, SSAP: SNAP, Control: U, func=UI */
	0x00, 0x00, 0x00,	/* Organization Code: 00:00:00 (Officially Xerox, but ...) */
	0x08, 0x00,		/* Type: IPv4 (0x0800) */
};

/* A station management frame: no LLC, nothing tcpview analyses. */
static const uint8_t fddi_smt_frame[] = {
	/* Fiber Distributed Data Interface, SMT info */
	0x41,			/* Frame Control: 0x41 (SMT info) */
	0x00, 0x11, 0x22, 0x33, 0x44, 0x55, /* Destination: 00:88:44:cc:22:aa (bit-swapped) */
	0x66, 0x77, 0x88, 0x99, 0xaa, 0xbb, /* Source: 66:ee:11:99:55:dd (bit-swapped) */
	0x01, 0x02, 0x03, 0x04,	/* Data (4 bytes) */
};

/* ---- Token Ring (DLT_IEEE802 6) ---- */

/* Source-routed: the source address's top bit, then 6 bytes of routing. */
static const uint8_t token_ring_rif_hdr[] = {
	/* Token-Ring */
	0x10,			/* Access Control: 0x10, Frame */
	0x40,			/* Frame Control: 0x40, Frame Type: LLC, Frame PCF: Normal buffer */
	0x00, 0x11, 0x22, 0x33, 0x44, 0x55, /* Destination: 00:11:22:33:44:55 */
	0xe6, 0x77, 0x88, 0x99, 0xaa, 0xbb, /* Source: e6:77:88:99:aa:bb, Source Routed: True */
	0x06, 0x30,		/* RIF Bytes: 6, Non-broadcast, Maximum Frame Size: 4472 (48) */
	0x00, 0x10, 0x00, 0x20,	/* Ring-Bridge Pairs: 001-0-002 */
	/* Logical-Link Control */
	0xaa, 0xaa, 0x03,	/* DSAP: SNAP, SSAP: SNAP, Control: U, func=UI */
	0x00, 0x00, 0x00,	/* Organization Code: 00:00:00 */
	0x08, 0x00,		/* Type: IPv4 (0x0800) */
};

/* A MAC frame (frame control 00xxxxxx): ring management, not IP. */
static const uint8_t token_ring_mac_frame[] = {
	/* Token-Ring */
	0x10,			/* Access Control: 0x10, Frame */
	0x01,			/* Frame Control: 0x01, Frame Type: MAC, Frame PCF: Express buffer */
	0x00, 0x11, 0x22, 0x33, 0x44, 0x55, /* Destination: 00:11:22:33:44:55 */
	0x66, 0x77, 0x88, 0x99, 0xaa, 0xbb, /* Source: 66:77:88:99:aa:bb */
	0x00, 0x04, 0x00, 0x00,	/* Token-Ring Media Access Control */
};

/* RFC 2684 LLC/SNAP, with the 802.1H OUI 00-00-F8. */
static const uint8_t atm_llc_ip6_hdr[] = {
	/* Logical-Link Control */
	0xaa, 0xaa, 0x03,	/* DSAP: SNAP, SSAP: SNAP, Control: U, func=UI */
	0x00, 0x00, 0xf8,	/* Organization Code: 00:00:f8 */
	0x86, 0xdd,		/* Type: IPv6 (0x86dd) */
};

/* RFC 2684 §5.2 bridged Ethernet: OUI 00-80-C2, PID 7, 2 bytes of pad. */
static const uint8_t atm_bridged_hdr[] = {
	/* Logical-Link Control */
	0xaa, 0xaa, 0x03,	/* DSAP: SNAP, SSAP: SNAP, Control: U, func=UI */
	0x00, 0x80, 0xc2,	/* Organization Code: 00:80:c2 (IEEE) */
	0x00, 0x07,		/* Protocol ID: 0x0007 (802.3 without FCS) */
	0x00, 0x00,		/* pad (RFC 2684 §5.2; tshark does not show it) */
	/* Ethernet II, Src: 02:00:00:00:00:01, Dst: 02:00:00:00:00:02 */
	0x02, 0x00, 0x00, 0x00, 0x00, 0x02,	/* Destination: 02:00:00:00:00:02 */
	0x02, 0x00, 0x00, 0x00, 0x00, 0x01,	/* Source: 02:00:00:00:00:01 */
	0x08, 0x00,		/* Type: IPv4 (0x0800) */
};

static const uint8_t sunatm_llc_hdr[] = {
	/* Asynchronous Transfer Mode */
	0x02,			/* Channel: DCE->DTE, AAL5, Traffic type: LLC multiplexed */
	0x00,			/* VPI: 0 */
	0x00, 0x2a,		/* VCI: 42 */
	/* Logical-Link Control */
	0xaa, 0xaa, 0x03,	/* DSAP: SNAP, SSAP: SNAP, Control: U, func=UI */
	0x00, 0x00, 0x00,	/* Organization Code: 00:00:00 */
	0x08, 0x00,		/* Type: IPv4 (0x0800) */
};

static const uint8_t sunatm_lane_hdr[] = {
	/* Asynchronous Transfer Mode */
	0x01,			/* Channel: DCE->DTE, AAL5, Traffic type: LANE, 802.3 */
	0x00,			/* VPI: 0 */
	0x00, 0x2b,		/* VCI: 43 */
	/* ATM LANE */
	0x00, 0x05,		/* LE Client: 0x0005 */
	/* Ethernet II */
	0x00, 0x11, 0x22, 0x33, 0x44, 0x55, /* Destination: 00:11:22:33:44:55 */
	0x66, 0x77, 0x88, 0x99, 0xaa, 0xbb, /* Source: 66:77:88:99:aa:bb */
	0x08, 0x00,		/* Type: IPv4 (0x0800) */
};

/* ---- Linux cooked capture carrying LLC (DLT_LINUX_SLL 113, DLT_LINUX_SLL2 276) ---- */

static const uint8_t sll_llc_hdr[] = {
	/* Linux cooked capture v1 */
	0x00, 0x00,		/* Packet type: Unicast to us (0) */
	0x00, 0x01,		/* Link-layer address type: Ethernet (1) */
	0x00, 0x06,		/* Link-layer address length: 6 */
	0x66, 0x77, 0x88, 0x99, 0xaa, 0xbb, 0x00, 0x00, /* Source: 66:77:88:99:aa:bb; Unused: 0000 */
	0x00, 0x04,		/* Protocol: 802.2 LLC (0x0004) */
	/* Logical-Link Control */
	0xaa, 0xaa, 0x03,	/* DSAP: SNAP, SSAP: SNAP, Control: U, func=UI */
	0x00, 0x00, 0x00,	/* Organization Code: 00:00:00 */
	0x08, 0x00,		/* Type: IPv4 (0x0800) */
};

static const uint8_t sll2_llc_hdr[] = {
	/* Linux cooked capture v2 */
	0x00, 0x04,		/* Protocol: 802.2 LLC (0x0004) */
	0x00, 0x00,		/* Reserved (MBZ): 0 */
	0x00, 0x00, 0x00, 0x02,	/* Interface index: 2 */
	0x00, 0x01,		/* Link-layer address type: Ethernet (1) */
	0x04,			/* Packet type: Sent by us (4) */
	0x06,			/* Link-layer address length: 6 */
	0x66, 0x77, 0x88, 0x99, 0xaa, 0xbb, 0x00, 0x00, /* Source: 66:77:88:99:aa:bb; Unused: 0000 */
	/* Logical-Link Control */
	0xaa, 0xaa, 0x03,	/* DSAP: SNAP, SSAP: SNAP, Control: U, func=UI */
	0x00, 0x00, 0x00,	/* Organization Code: 00:00:00 */
	0x86, 0xdd,		/* Type: IPv6 (0x86dd) */
};

/* ---- Juniper (DLT_JUNIPER_ETHER 178, _PPPOE 167, _CHDLC 181, _GGSN 133, _ATM2 135) ---- */

/* An Ethernet frame behind the header and one extension TLV. */
static const uint8_t juniper_eth_ext_hdr[] = {
	/* Juniper Ethernet */
	'M', 'G', 'C',		/* Magic Number: 0x4d4743 */
	0x81,			/* Direction: In; L2 header presence: Present; extensions */
	0x00, 0x06,		/* Extension(s) Total length: 6 */
	0x01, 0x04, 0x00, 0x00, 0x00, 0x07, /* Device Interface Index Extension TLV #1, length: 4 */
	/* Ethernet II */
	0x00, 0x11, 0x22, 0x33, 0x44, 0x55, /* Destination: 00:11:22:33:44:55 */
	0x66, 0x77, 0x88, 0x99, 0xaa, 0xbb, /* Source: 66:77:88:99:aa:bb */
	0x08, 0x00,		/* Type: IPv4 (0x0800) */
};

/* The link-layer header stripped: a JUNOS protocol, little-endian. */
static const uint8_t juniper_no_l2_ip4_hdr[] = {
	/* Juniper ATM2 PIC */
	'M', 'G', 'C',		/* Magic Number: 0x4d4743 */
	0x03,			/* Direction: In; L2 header presence: Unknown (stripped) */
	0x02, 0x00, 0x00, 0x00,	/* JUNOS protocol IP (2), which tshark does not show */
};

static const uint8_t juniper_no_l2_mpls_hdr[] = {
	/* Juniper Ethernet */
	'M', 'G', 'C',		/* Magic Number: 0x4d4743 */
	0x03,			/* Direction: In; L2 header presence: Unknown (stripped) */
	0x08, 0x00, 0x00, 0x00,	/* JUNOS protocol IP6_MPLS (8), which tshark does not show */
	/* MultiProtocol Label Switching Header, Label: 16, Exp: 0, S: 1, TTL: 64 */
	0x00, 0x01, 0x01, 0x40,
};

static const uint8_t juniper_pppoe_hdr[] = {
	/* Juniper PPPoE PIC */
	'M', 'G', 'C',		/* Magic Number: 0x4d4743 */
	0x01,			/* Direction: In; L2 header presence: Present */
	/* Ethernet II */
	0x00, 0x11, 0x22, 0x33, 0x44, 0x55, /* Destination: 00:11:22:33:44:55 */
	0x66, 0x77, 0x88, 0x99, 0xaa, 0xbb, /* Source: 66:77:88:99:aa:bb */
	0x88, 0x64,		/* Type: PPPoE Session (0x8864) */
	/* PPP-over-Ethernet Session */
	0x11, 0x00,		/* Version: 1, Type: 1, Code: Session Data (0x00) */
	0x12, 0x34,		/* Session ID: 0x1234 */
	0x00, 0x32,		/* Payload Length: 50 */
	0x00, 0x21,		/* Point-to-Point Protocol: Internet Protocol version 4 (0x0021) */
};

static const uint8_t juniper_ggsn_hdr[] = {
	/* Juniper GGSN */
	'M', 'G', 'C',		/* Magic Number: 0x4d4743 */
	0x01,			/* Direction: In; L2 header presence: Present */
	0x02,			/* Protocol: IPv4 (2) */
	0x00,			/* (unused) */
	0x00, 0x00,		/* VLan ID: 0 */
};

static const uint8_t juniper_chdlc_hdr[] = {
	/* Juniper C-HDLC */
	'M', 'G', 'C',		/* Magic Number: 0x4d4743 */
	0x00,			/* Direction: Out; L2 header presence: Present */
	/* Cisco HDLC */
	0x8f,			/* Address: Multicast (0x8f) */
	0x00,			/* Control: 0x00 */
	0x86, 0xdd,		/* Protocol: IPv6 (0x86dd) */
};

/* ---- The frames ---- */

struct part {
	const uint8_t *p;
	size_t n;
};
#define PART(a) { (a), sizeof(a) }

/*
 * One frame: its parts in order, what tshark reads in it (NULL: not a TCP
 * segment, DECODE_OTHER) and the encapsulation decode_frame() names when
 * it cannot open it.
 */
struct frame_spec {
	const char *name;
	int dlt;
	struct part parts[4];
	const struct want *want;
	const char *undecoded;
};

static const struct frame_spec frames[] = {
	{ "PPP, address/control, IPv4", DLT_PPP,
	  { PART(ppp_ip4_hdr), PART(ip4_data) }, &want_ip4_data, NULL },
	{ "PPP, compressed protocol field", DLT_PPP,
	  { PART(ppp_pfc_hdr), PART(ip4_data) }, &want_ip4_data, NULL },
	{ "PPP, no address/control, compressed protocol", DLT_PPP,
	  { PART(ppp_acfc_pfc_hdr), PART(ip4_data) }, &want_ip4_data, NULL },
	{ "PPP, IPv6", DLT_PPP,
	  { PART(ppp_ip6_hdr), PART(ip6_data) }, &want_ip6_data, NULL },
	{ "PPP, MPLS", DLT_PPP,
	  { PART(ppp_mpls_hdr), PART(ip4_data) }, &want_ip4_data, NULL },
	{ "PPP, LCP echo request", DLT_PPP,
	  { PART(ppp_lcp_frame) }, NULL, NULL },
	{ "PPP_SERIAL, PPP, IPv4", DLT_PPP_SERIAL,
	  { PART(ppp_ip4_hdr), PART(ip4_data) }, &want_ip4_data, NULL },
	{ "PPP_SERIAL, Cisco HDLC, IPv4", DLT_PPP_SERIAL,
	  { PART(chdlc_ip4_hdr), PART(ip4_data) }, &want_ip4_data, NULL },
	{ "PPP_SERIAL, Cisco HDLC multicast, IPv6", DLT_PPP_SERIAL,
	  { PART(chdlc_ip6_hdr), PART(ip6_data) }, &want_ip6_data, NULL },
	{ "PPP_ETHER, IPv4", DLT_PPP_ETHER,
	  { PART(ppp_ether_hdr), PART(ip4_data) }, &want_ip4_data, NULL },
	{ "C_HDLC, IPv4 SYN", DLT_C_HDLC,
	  { PART(chdlc_ip4_hdr), PART(ip4_syn) }, &want_ip4_syn, NULL },
	{ "C_HDLC, IPv6", DLT_C_HDLC,
	  { PART(chdlc_ip6_hdr), PART(ip6_data) }, &want_ip6_data, NULL },
	{ "PPI, 802.11 data", DLT_PPI,
	  { PART(ppi_hdr), PART(wlan_data_hdr), PART(ip4_data) }, &want_ip4_data, NULL },
	{ "802.11 data", DLT_IEEE802_11,
	  { PART(wlan_data_hdr), PART(ip4_data) }, &want_ip4_data, NULL },
	{ "802.11 QoS data, four addresses", DLT_IEEE802_11,
	  { PART(wlan_qos_4addr_hdr), PART(ip6_data) }, &want_ip6_data, NULL },
	{ "802.11 QoS data, HT control, OUI 00-00-F8", DLT_IEEE802_11,
	  { PART(wlan_qos_htc_hdr), PART(ip4_data) }, &want_ip4_data, NULL },
	{ "802.11 protected data", DLT_IEEE802_11,
	  { PART(wlan_protected_frame) }, NULL, "ieee802_11_protected" },
	{ "802.11 beacon", DLT_IEEE802_11,
	  { PART(wlan_beacon_frame) }, NULL, NULL },
	{ "802.11 A-MSDU", DLT_IEEE802_11,
	  { PART(wlan_amsdu_hdr), PART(ip4_data) }, NULL, "ieee802_11_amsdu" },
	{ "radiotap, TSFT and FCS", DLT_IEEE802_11_RADIO,
	  { PART(radiotap_tsft_fcs_hdr), PART(wlan_data_hdr), PART(ip4_data),
	    PART(fcs_wlan_data_ip4) }, &want_ip4_data, NULL },
	{ "radiotap, two present words, TSFT padded", DLT_IEEE802_11_RADIO,
	  { PART(radiotap_two_words_hdr), PART(wlan_qos_4addr_hdr), PART(ip6_data),
	    PART(fcs_wlan_qos_ip6) }, &want_ip6_data, NULL },
	{ "NFLOG, prefix then payload", DLT_NFLOG,
	  { PART(nflog_ip4_hdr), PART(ip4_data) }, &want_ip4_data, NULL },
	{ "NFLOG, big-endian TLVs", DLT_NFLOG,
	  { PART(nflog_ip6_be_hdr), PART(ip6_data) }, &want_ip6_data, NULL },
	{ "ARCNET, type 212", DLT_ARCNET_LINUX,
	  { PART(arcnet_212_hdr), PART(ip4_data) }, &want_ip4_data, NULL },
	{ "ARCNET, type 240", DLT_ARCNET_LINUX,
	  { PART(arcnet_240_hdr), PART(ip4_syn) }, &want_ip4_syn, NULL },
	{ "ARCNET, IPv6", DLT_ARCNET_LINUX,
	  { PART(arcnet_ip6_hdr), PART(ip6_data) }, &want_ip6_data, NULL },
	{ "LINUX_SLL, 802.2 LLC", DLT_LINUX_SLL,
	  { PART(sll_llc_hdr), PART(ip4_data) }, &want_ip4_data, NULL },
	{ "LINUX_SLL2, 802.2 LLC", DLT_LINUX_SLL2,
	  { PART(sll2_llc_hdr), PART(ip6_data) }, &want_ip6_data, NULL },
	{ "pflog, OpenBSD, IPv4", DLT_PFLOG,
	  { PART(pflog_ip4_hdr), PART(ip4_data) }, &want_ip4_data, NULL },
	{ "pflog, FreeBSD, IPv6", DLT_PFLOG,
	  { PART(pflog_ip6_hdr), PART(ip6_data) }, &want_ip6_data, NULL },
	{ "enc, little-endian, IPv4", DLT_ENC,
	  { PART(enc_ip4_le_hdr), PART(ip4_data) }, &want_ip4_data, NULL },
	{ "enc, big-endian, IPv6", DLT_ENC,
	  { PART(enc_ip6_be_hdr), PART(ip6_data) }, &want_ip6_data, NULL },
	{ "ipnet, IPv4", DLT_IPNET,
	  { PART(ipnet_ip4_hdr), PART(ip4_data) }, &want_ip4_data, NULL },
	{ "ipnet, IPv6", DLT_IPNET,
	  { PART(ipnet_ip6_hdr), PART(ip6_data) }, &want_ip6_data, NULL },
	{ "ERF Ethernet, extension header", DLT_ERF,
	  { PART(erf_eth_ext_hdr), PART(ip4_data), PART(fcs_eth_ip4) }, &want_ip4_data, NULL },
	{ "ERF PoS, PPP", DLT_ERF,
	  { PART(erf_pos_ppp_hdr), PART(ip4_data) }, &want_ip4_data, NULL },
	{ "ERF coloured PoS, Cisco HDLC", DLT_ERF,
	  { PART(erf_pos_chdlc_hdr), PART(ip6_data) }, &want_ip6_data, NULL },
	{ "ERF IPv6", DLT_ERF,
	  { PART(erf_ip6_hdr), PART(ip6_data) }, &want_ip6_data, NULL },
	{ "PKTAP, Ethernet", DLT_PKTAP,
	  { PART(pktap_eth_hdr), PART(ip6_data) }, &want_ip6_data, NULL },
	{ "PKTAP as macOS writes it, LINKTYPE_USER2", DLT_USER2,
	  { PART(pktap_eth_hdr), PART(ip6_data) }, &want_ip6_data, NULL },
	{ "AVS, 802.11 data", DLT_IEEE802_11_RADIO_AVS,
	  { PART(avs_hdr), PART(wlan_data_hdr), PART(ip4_data) }, &want_ip4_data, NULL },
	{ "Prism, 802.11 data", DLT_PRISM_HEADER,
	  { PART(prism_hdr), PART(wlan_data_hdr), PART(ip4_data) }, &want_ip4_data, NULL },
	{ "Prism link type, AVS header", DLT_PRISM_HEADER,
	  { PART(avs_hdr), PART(wlan_data_hdr), PART(ip4_data) }, &want_ip4_data, NULL },
	{ "FDDI, LLC", DLT_FDDI,
	  { PART(fddi_llc_hdr), PART(ip4_data) }, &want_ip4_data, NULL },
	{ "FDDI, SMT", DLT_FDDI,
	  { PART(fddi_smt_frame) }, NULL, NULL },
	{ "Token Ring, source-routed, LLC", DLT_IEEE802,
	  { PART(token_ring_rif_hdr), PART(ip4_data) }, &want_ip4_data, NULL },
	{ "Token Ring, MAC frame", DLT_IEEE802,
	  { PART(token_ring_mac_frame) }, NULL, NULL },
	{ "Juniper Ethernet, extension TLV", DLT_JUNIPER_ETHER,
	  { PART(juniper_eth_ext_hdr), PART(ip4_data) }, &want_ip4_data, NULL },
	{ "Juniper ATM2, no link header, IPv4", DLT_JUNIPER_ATM2,
	  { PART(juniper_no_l2_ip4_hdr), PART(ip4_syn) }, &want_ip4_syn, NULL },
	{ "Juniper Ethernet, no link header, MPLS", DLT_JUNIPER_ETHER,
	  { PART(juniper_no_l2_mpls_hdr), PART(ip6_data) }, &want_ip6_data, NULL },
	{ "Juniper PPPoE", DLT_JUNIPER_PPPOE,
	  { PART(juniper_pppoe_hdr), PART(ip4_data) }, &want_ip4_data, NULL },
	{ "Juniper GGSN", DLT_JUNIPER_GGSN,
	  { PART(juniper_ggsn_hdr), PART(ip4_data) }, &want_ip4_data, NULL },
	{ "Juniper C-HDLC", DLT_JUNIPER_CHDLC,
	  { PART(juniper_chdlc_hdr), PART(ip6_data) }, &want_ip6_data, NULL },
	{ "ATM RFC 1483, LLC, OUI 00-00-F8", DLT_ATM_RFC1483,
	  { PART(atm_llc_ip6_hdr), PART(ip6_data) }, &want_ip6_data, NULL },
	{ "SunATM, LLC", DLT_SUNATM,
	  { PART(sunatm_llc_hdr), PART(ip4_data) }, &want_ip4_data, NULL },
	{ "SunATM, LANE", DLT_SUNATM,
	  { PART(sunatm_lane_hdr), PART(ip4_syn) }, &want_ip4_syn, NULL },
	{ "BSD ARCNET, type 212", DLT_ARCNET,
	  { PART(arcnet_bsd_hdr), PART(ip4_data) }, &want_ip4_data, NULL },
	{ "ATM classical IP", DLT_ATM_CLIP,
	  { PART(ip4_syn) }, &want_ip4_syn, NULL },
	{ "PPP with direction", DLT_PPP_WITH_DIR,
	  { PART(ppp_dir_hdr), PART(ip4_data) }, &want_ip4_data, NULL },
	{ "Frame Relay, NLPID IP after a pad", DLT_FRELAY,
	  { PART(fr_nlpid_hdr), PART(ip4_data) }, &want_ip4_data, NULL },
	{ "Frame Relay, 3-byte address, IPv6", DLT_FRELAY,
	  { PART(fr_3byte_ip6_hdr), PART(ip6_data) }, &want_ip6_data, NULL },
	{ "Frame Relay, bridged Ethernet", DLT_FRELAY,
	  { PART(fr_bridged_hdr), PART(ip4_syn) }, &want_ip4_syn, NULL },
	{ "Frame Relay, SNAP, OUI 00-00-F8", DLT_FRELAY,
	  { PART(fr_snap_f8_hdr), PART(ip4_data) }, &want_ip4_data, NULL },
	{ "ATM RFC 1483, bridged Ethernet", DLT_ATM_RFC1483,
	  { PART(atm_bridged_hdr), PART(ip4_syn) }, &want_ip4_syn, NULL },
	{ "Frame Relay, Cisco encapsulation", DLT_FRELAY,
	  { PART(fr_cisco_hdr), PART(ip4_data) }, &want_ip4_data, NULL },
};
#define NFRAMES ((int)(sizeof(frames) / sizeof(frames[0])))

/* Writes the frame's parts into `buf`; `ip_at` gets where the IP packet starts. */
static size_t build(const struct frame_spec *f, uint8_t *buf, size_t *ip_at)
{
	size_t n = 0;
	*ip_at = 0;
	for (size_t i = 0; i < 4 && f->parts[i].p != NULL; i++) {
		if (f->want != NULL && f->parts[i].p == f->want->ip)
			*ip_at = n;
		memcpy(buf + n, f->parts[i].p, f->parts[i].n);
		n += f->parts[i].n;
	}
	return n;
}

/* decode_frame() over the first `caplen` bytes of a frame `wire_len` long. */
static enum decode_result decode_cut(int dlt, const uint8_t *b, size_t caplen,
				     size_t wire_len, struct tv_packet *p, const char **why)
{
	memset(p, 0, sizeof(*p));
	*why = NULL;
	return decode_frame(dlt, b, (uint32_t)caplen, (uint32_t)wire_len, p, why);
}

static void assert_segment(const struct tv_packet *p, const struct want *w, const char *where)
{
	size_t alen = w->family == 4 ? 4 : 16;
	ck_assert_msg(p->src.family == w->family && memcmp(p->src.bytes, w->src, alen) == 0,
		      "%s: ip.src/ipv6.src differs from tshark's", where);
	ck_assert_msg(p->dst.family == w->family && memcmp(p->dst.bytes, w->dst, alen) == 0,
		      "%s: ip.dst/ipv6.dst differs from tshark's", where);
	ck_assert_msg(p->sport == w->sport && p->dport == w->dport,
		      "%s: ports should be %u → %u, got %u → %u", where,
		      w->sport, w->dport, p->sport, p->dport);
	ck_assert_msg(p->seq == w->seq && p->ack == w->ack,
		      "%s: raw seq/ack should be %u/%u, got %u/%u", where,
		      w->seq, w->ack, p->seq, p->ack);
	ck_assert_msg(p->flags == w->flags, "%s: flags should be 0x%03x, got 0x%03x",
		      where, w->flags, p->flags);
	ck_assert_msg(p->hdr_len == w->hdr_len, "%s: TCP header should be %u bytes, got %u",
		      where, w->hdr_len, p->hdr_len);
	ck_assert_msg(p->len == w->len, "%s: tcp.len should be %u, got %u", where, w->len, p->len);
}

/* ---- Tests ---- */

START_TEST(link_types_supported)
{
	static const int dlts[] = {
		DLT_PPP, DLT_PPP_SERIAL, DLT_PPP_ETHER, DLT_C_HDLC, DLT_PPI, DLT_IEEE802_11,
		DLT_IEEE802_11_RADIO, DLT_NFLOG, DLT_ARCNET_LINUX, DLT_PFLOG, DLT_ENC,
		DLT_IPNET, DLT_ERF, DLT_PKTAP, DLT_USER2, DLT_IEEE802_11_RADIO_AVS, DLT_PRISM_HEADER,
		DLT_FDDI, DLT_IEEE802, DLT_ATM_RFC1483, DLT_SUNATM, DLT_JUNIPER_ETHER,
		DLT_JUNIPER_PPPOE, DLT_JUNIPER_PPP, DLT_JUNIPER_CHDLC, DLT_JUNIPER_GGSN,
		DLT_JUNIPER_MLPPP, DLT_JUNIPER_MLFR, DLT_JUNIPER_ATM1, DLT_JUNIPER_ATM2,
		DLT_JUNIPER_SERVICES, DLT_JUNIPER_FRELAY,
	};
	for (size_t i = 0; i < sizeof(dlts) / sizeof(dlts[0]); i++)
		ck_assert_msg(decode_link_supported(dlts[i]), "link type %d should be supported",
			      dlts[i]);
}
END_TEST

/* Each frame, whole, reads as tshark reads it. */
START_TEST(frame_reads_as_tshark)
{
	const struct frame_spec *f = &frames[_i];
	uint8_t b[256];
	size_t ip_at;
	size_t n = build(f, b, &ip_at);
	struct tv_packet p;
	const char *why;
	enum decode_result r = decode_cut(f->dlt, b, n, n, &p, &why);
	if (f->want == NULL) {
		ck_assert_msg(r == DECODE_OTHER, "%s: DECODE_OTHER expected, got %d (%s)",
			      f->name, r, why ? why : "");
		if (f->undecoded == NULL)
			ck_assert_msg(p.undecoded == NULL, "%s: nothing to name, got \"%s\"",
				      f->name, p.undecoded);
		else
			ck_assert_msg(p.undecoded != NULL && strcmp(p.undecoded, f->undecoded) == 0,
				      "%s: undecoded should be \"%s\", got \"%s\"", f->name,
				      f->undecoded, p.undecoded ? p.undecoded : "(null)");
		return;
	}
	ck_assert_msg(r == DECODE_TCP, "%s: DECODE_TCP expected, got %d (%s)",
		      f->name, r, why ? why : "");
	assert_segment(&p, f->want, f->name);
	ck_assert_msg(p.wire_len == n, "%s: wire_len %zu expected, got %u", f->name, n, p.wire_len);
	ck_assert_msg(p.payload_caplen == f->want->len && !p.truncated,
		      "%s: the whole payload captured (caplen %u, truncated %d)",
		      f->name, p.payload_caplen, p.truncated);
	ck_assert_msg(p.len == 0 || memcmp(p.payload, f->want->payload, p.len) == 0,
		      "%s: payload should be \"%s\"", f->name, f->want->payload);
	ck_assert_msg(p.undecoded == NULL, "%s: nothing left undecoded", f->name);
}
END_TEST

/*
 * Each frame cut at every length, as a snap length cuts it (the wire
 * length stays whole): never a crash nor a read past the captured bytes;
 * before the TCP header is complete, malformed or other; from then on
 * TCP, truncated exactly while payload bytes are missing (an FCS after
 * the packet is not payload).  tshark 4.0 reads such a cut frame alike,
 * "[Packet size limited during capture: TCP truncated]" or tcp.len from
 * the IP header with fewer bytes captured, and a frame cut inside its FCS
 * as a whole segment.  NFLOG is the exception: tshark ("[Packet size
 * limited during capture: NFLOG truncated]") and tcpdump ("[|nflog]")
 * stop at a payload TLV that runs past the captured bytes, where tcpview
 * reads on to the TCP header as SPEC §2 asks of every cut packet.
 */
START_TEST(frame_cut_at_every_length)
{
	const struct frame_spec *f = &frames[_i];
	uint8_t b[256];
	size_t ip_at;
	size_t n = build(f, b, &ip_at);
	size_t tcp_at = 0, payload_at = 0, payload_end = 0;
	if (f->want != NULL) {
		tcp_at = ip_at + (f->want->family == 4 ? 20 : 40);
		payload_at = tcp_at + f->want->hdr_len;
		payload_end = ip_at + f->want->nip;
	}
	for (size_t cut = 0; cut <= n; cut++) {
		uint8_t *copy = malloc(cut ? cut : 1);
		ck_assert_ptr_nonnull(copy);
		memcpy(copy, b, cut);
		struct tv_packet p;
		const char *why;
		enum decode_result r = decode_cut(f->dlt, copy, cut, n, &p, &why);
		free(copy);
		ck_assert_msg(r == DECODE_TCP || r == DECODE_OTHER || r == DECODE_MALFORMED,
			      "%s cut at %zu: result %d", f->name, cut, r);
		ck_assert_msg(r != DECODE_MALFORMED || why != NULL,
			      "%s cut at %zu: malformed without a reason", f->name, cut);
		if (f->want == NULL || cut < tcp_at + 20) {
			ck_assert_msg(r != DECODE_TCP, "%s cut at %zu: TCP without a TCP header",
				      f->name, cut);
			continue;
		}
		ck_assert_msg(r == DECODE_TCP, "%s cut at %zu: TCP expected, got %d (%s)",
			      f->name, cut, r, why ? why : "");
		assert_segment(&p, f->want, f->name);
		uint32_t have = cut > payload_at ? (uint32_t)(cut - payload_at) : 0;
		if (have > f->want->len)
			have = f->want->len;
		ck_assert_msg(p.payload_caplen == have,
			      "%s cut at %zu: %u payload bytes captured, got %u",
			      f->name, cut, have, p.payload_caplen);
		ck_assert_msg(p.truncated == (cut < payload_end),
			      "%s cut at %zu: truncated should be %d", f->name, cut,
			      cut < payload_end);
	}
}
END_TEST

/* Appends `n` bytes at `*at` in `buf`. */
static void append(uint8_t *buf, size_t *at, const uint8_t *p, size_t n)
{
	memcpy(buf + *at, p, n);
	*at += n;
}

/*
 * Radiotap says the frame ends with an FCS; with an IPv4 total length of
 * 0 (what TCP segmentation offload leaves) the wire length counts, and
 * the 4 FCS bytes are not in it.  The data frame wlan_data_hdr + ip4_data
 * with Total Length 0, behind each radiotap header above (the FCS bit is
 * found only when the extended bitmap and the TSFT padding are skipped).
 * tshark 4.0 reads both frames so: "[Total Length: 48 bytes (reported as
 * 0, presumed to be because of "TCP segmentation offload" (TSO))]",
 * Header checksum 0x247c [correct], Frame check sequence: 0xb67920c6
 * [correct], tcp.len 8.
 */
START_TEST(radiotap_fcs_not_payload_with_tso_length)
{
	static const struct part radiotap[] = {
		PART(radiotap_tsft_fcs_hdr), PART(radiotap_two_words_hdr),
	};
	static const uint8_t fcs[] = { 0xc6, 0x20, 0x79, 0xb6 }; /* FCS: 0xb67920c6 [correct] */
	uint8_t ip[sizeof(ip4_data)];
	memcpy(ip, ip4_data, sizeof(ip));
	ip[2] = 0x00, ip[3] = 0x00;	/* Total Length: 0 */
	ip[10] = 0x24, ip[11] = 0x7c;	/* Header Checksum: 0x247c [correct] */
	uint8_t b[256];
	size_t n = 0;
	append(b, &n, radiotap[_i].p, radiotap[_i].n);
	append(b, &n, wlan_data_hdr, sizeof(wlan_data_hdr));
	append(b, &n, ip, sizeof(ip));
	append(b, &n, fcs, sizeof(fcs));
	struct tv_packet p;
	const char *why;
	ck_assert_msg(decode_cut(DLT_IEEE802_11_RADIO, b, n, n, &p, &why) == DECODE_TCP,
		      "radiotap %d with TSO length: TCP expected (%s)", _i, why ? why : "");
	assert_segment(&p, &want_ip4_data, "radiotap with TSO length");
	ck_assert_msg(p.payload_caplen == 8 && !p.truncated &&
		      memcmp(p.payload, "tcpview!", 8) == 0,
		      "radiotap %d: the payload is \"tcpview!\", without the FCS", _i);
}
END_TEST

/*
 * Big-endian TLVs around a 3060-byte IPv6 packet, cut by a snap length of
 * 96: the first TLV's length read little-endian (0x0800) fits in the wire
 * length, so only its type (0x0100 read little-endian) tells the byte
 * order.  tshark 4.0 reads the whole frame from a big-endian pcap file as
 * 2001:db8::10 → 2001:db8::20 40001 → 22 Len=3000, checksum [correct];
 * cut at 96 bytes it reads the NFLOG TLVs below and stops at the payload
 * TLV ("[Packet size limited during capture: NFLOG truncated]").
 */
START_TEST(nflog_big_endian_cut_large_packet)
{
	static const uint8_t head[] = {
		/* Linux Netfilter NFLOG */
		0x0a, 0x00, 0x00, 0x07,	/* Family: IPv6 (10), Version: 0, Resource id: 7 */
		0x00, 0x08, 0x00, 0x01,	/* TLV Type: NFULA_PACKET_HDR (1), Length: 8 */
		0x86, 0xdd, 0x01, 0x00,	/* HW protocol: IPv6 (0x86dd), Netfilter hook: Local in (1) */
		0x00, 0x0c, 0x00, 0x0a,	/* TLV Type: NFULA_PREFIX (10), Length: 12 */
		't', 'c', 'p', 'v', 'i', 'e', 'w', 0x00, /* Prefix: tcpview */
		0x0b, 0xf8, 0x00, 0x09,	/* TLV Type: NFULA_PAYLOAD (9), Length: 3064 */
		/* Internet Protocol Version 6, Src: 2001:db8::10, Dst: 2001:db8::20 */
		0x60, 0x00, 0x00, 0x00,	/* Version: 6, Traffic Class: 0x00, Flow Label: 0x00000 */
		0x0b, 0xcc, 0x06, 0x40,	/* Payload Length: 3020, Next Header: TCP (6), Hop Limit: 64 */
		0x20, 0x01, 0x0d, 0xb8, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x10, /* 2001:db8::10 */
		0x20, 0x01, 0x0d, 0xb8, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x20, /* 2001:db8::20 */
		/* Transmission Control Protocol, Src Port: 40001, Dst Port: 22, Len: 3000 */
		0x9c, 0x41, 0x00, 0x16,	/* Source Port: 40001, Destination Port: 22 */
		0xb2, 0xd0, 0x5e, 0x00,	/* Sequence Number (raw): 3000000000 */
		0xee, 0x6b, 0x28, 0x00,	/* Acknowledgment number (raw): 4000000000 */
		0x50, 0x18, 0x01, 0xf6,	/* Header Length: 20 bytes (5), Flags: 0x018 (PSH, ACK), Window: 502 */
		0x85, 0x0c, 0x00, 0x00,	/* Checksum: 0x850c [correct], Urgent Pointer: 0 */
		'S', 'S', 'H', '-', '2', '.', '0', '-', /* payload, the first 8 of 3000 bytes */
	};
	struct tv_packet p;
	const char *why;
	ck_assert_msg(decode_cut(DLT_NFLOG, head, sizeof(head), 3088, &p, &why) == DECODE_TCP,
		      "big-endian NFLOG cut by the snap length: TCP expected (%s)",
		      why ? why : "");
	ck_assert_msg(p.src.family == 6 && p.sport == 40001 && p.dport == 22 &&
		      p.seq == 3000000000u, "the IPv6 segment 40001 → 22, raw seq 3000000000");
	ck_assert_msg(p.len == 3000 && p.payload_caplen == 8 && p.truncated,
		      "tcp.len 3000 from the IPv6 header, 8 bytes captured, truncated "
		      "(len %u caplen %u)", p.len, p.payload_caplen);
}
END_TEST

/* PPI wraps another link type once: PPI inside PPI is refused, not followed. */
START_TEST(ppi_inside_ppi_is_malformed)
{
	static const uint8_t outer[] = {
		0x00, 0x00,		/* Version: 0, Flags: 0x00 */
		0x08, 0x00,		/* Header length: 8 */
		0xc0, 0x00, 0x00, 0x00,	/* DLT: 192 (PPI) */
	};
	uint8_t b[256];
	size_t n = 0;
	append(b, &n, outer, sizeof(outer));
	append(b, &n, ppi_hdr, sizeof(ppi_hdr));
	append(b, &n, wlan_data_hdr, sizeof(wlan_data_hdr));
	append(b, &n, ip4_data, sizeof(ip4_data));
	struct tv_packet p;
	const char *why;
	ck_assert_msg(decode_cut(DLT_PPI, b, n, n, &p, &why) == DECODE_MALFORMED && why != NULL,
		      "PPI inside PPI should be malformed");
}
END_TEST

Suite *check_suite(void)
{
	Suite *s = suite_create("link");

	TCase *tc = tcase_create("frames");
	tcase_add_test(tc, link_types_supported);
	tcase_add_loop_test(tc, frame_reads_as_tshark, 0, NFRAMES);
	tcase_add_loop_test(tc, radiotap_fcs_not_payload_with_tso_length, 0, 2);
	tcase_add_test(tc, nflog_big_endian_cut_large_packet);
	tcase_add_test(tc, ppi_inside_ppi_is_malformed);
	suite_add_tcase(s, tc);

	TCase *cut = tcase_create("cut");
	tcase_add_loop_test(cut, frame_cut_at_every_length, 0, NFRAMES);
	suite_add_tcase(s, cut);
	return s;
}
