/*
 * packet.h - one decoded TCP segment, as the decoders hand it to the tracker.
 *
 * The decoders (src/decode/link.c, ip.c, tcp.c) fill a struct
 * tv_packet from libpcap's bytes; the tracker reads it and never looks at
 * raw bytes again.  `payload` points into libpcap's buffer and is valid only
 * until the next packet is read: whoever keeps payload bytes copies them.
 */
#ifndef TCPVIEW_PACKET_H
#define TCPVIEW_PACKET_H

#include <stdbool.h>
#include <stdint.h>

#include "tcpview/util/addr.h"
#include "tcpview/util/tvtime.h"

/* TCP header flags (RFC 9293 §3.1, RFC 3168 for ECE/CWR, RFC 3540 NS/AE). */
enum {
	TH_FIN = 0x001,
	TH_SYN = 0x002,
	TH_RST = 0x004,
	TH_PUSH = 0x008,
	TH_ACK = 0x010,
	TH_URG = 0x020,
	TH_ECE = 0x040,
	TH_CWR = 0x080,
	TH_AE = 0x100,
};

enum {
	TCPOPT_HAVE_MSS = 1 << 0,
	TCPOPT_HAVE_WSCALE = 1 << 1,
	TCPOPT_HAVE_SACK_PERM = 1 << 2,
	TCPOPT_HAVE_SACK = 1 << 3,
	TCPOPT_HAVE_TS = 1 << 4,
	TCPOPT_HAVE_TFO = 1 << 5,
	TCPOPT_HAVE_MPTCP = 1 << 6,
};

#define TCPOPT_MAX_SACK 4
#define TCPOPT_MAX_UNKNOWN 8

/* The TCP options of one segment (RFC 9293 §3.2, RFC 7323, RFC 2018, RFC 7413). */
struct tcp_options {
	uint16_t present;	/* TCPOPT_HAVE_* */
	uint16_t mss;
	uint8_t wscale;		/* shift as sent, before the RFC 7323 cap of 14 */
	uint8_t sack_count;
	uint8_t tfo_cookie_len;	/* 0: a cookie request */
	uint8_t unknown_count;
	uint8_t unknown_kinds[TCPOPT_MAX_UNKNOWN];
	uint32_t ts_val, ts_ecr;
	uint32_t sack_left[TCPOPT_MAX_SACK], sack_right[TCPOPT_MAX_SACK];
	const char *problem;	/* set when the option list is malformed */
};

/* An ICMP or ICMPv6 error about a TCP segment (RFC 792, RFC 4443). */
struct tv_icmp {
	uint8_t version;	/* 4: ICMP, 6: ICMPv6; 0: none */
	uint8_t type, code;
	uint32_t mtu;		/* fragmentation needed / packet too big: the next-hop MTU */
	struct tv_addr from;	/* the router or host that sent the error */
	bool from_target;	/* it is the host the quoted segment was for */
};

struct tv_packet {
	uint64_t frame;		/* 1-based number in its input file */
	uint16_t file;		/* which input (0: the first) */
	struct tv_time ts;
	int ts_digits;		/* 6 or 9: the precision of its input's timestamps */
	uint32_t wire_len;	/* length on the wire (pcap len) */
	struct tv_addr src, dst;
	uint16_t sport, dport;
	uint32_t seq, ack;
	uint16_t flags;		/* TH_* */
	uint16_t win;		/* raw 16-bit window field */
	uint16_t urp;
	uint8_t hdr_len;	/* TCP header length in bytes */
	uint32_t len;		/* payload length, from the IP length */
	const uint8_t *payload;	/* captured payload bytes (may be fewer than len) */
	uint32_t payload_caplen;
	bool truncated;		/* payload cut by the snap length */
	struct tcp_options opt;
	/* The tunnels around it that tell connections apart (VXLAN and
	 * Geneve VNI) mixed into one value (0: none), part of the
	 * connection's key (SPEC §8; decode_int.h says why only these). */
	uint64_t tunnel_id;
	/* On DECODE_OTHER: the encapsulation that could not be opened, as a
	 * stable name ("ieee802_11_protected"), or NULL when it was simply not TCP. */
	const char *undecoded;
	/* On DECODE_ICMP: the error; the fields above are the quoted segment's. */
	struct tv_icmp icmp;
};

#endif
