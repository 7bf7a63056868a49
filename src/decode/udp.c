/*
 * udp.c - the tunnels carried by UDP: VXLAN, VXLAN-GPE, Geneve, GTP-U,
 * L2TP, Teredo, AYIYA, LISP, MPLS over UDP and TZSP.
 *
 * tshark picks a UDP payload's dissector by port, the lower of the two
 * ports first (Wireshark's packet-udp.c, "try heuristic first" off): a
 * datagram between a tunnel's port and a lower port that another protocol
 * owns (53, DNS; 123, NTP; ...) is that protocol's, and a tunnel that
 * finds its header is not there (an L2TP or GTP version it does not know)
 * lets the other port try.  decode_udp() does the same with the ports
 * tcpview knows.  Each tunnel is opened to the frame or packet it carries,
 * which goes back to ether.c, link.c or ip.c; a VXLAN, VXLAN-GPE or Geneve
 * VNI joins the packet's tunnel identity (decode_tunnel_mix()).  Any other
 * datagram is handed on whole, for the application layer (DNS).
 */
#include "config.h"

#include <pcap/pcap.h>

#include "decode_int.h"
#include "tcpview/util/nls.h"

enum udp_tunnel {
	UT_NONE,
	UT_OTHER,	/* a port of a protocol that is not a tunnel */
	UT_VXLAN,	/* RFC 7348 */
	UT_GPE,		/* draft-ietf-nvo3-vxlan-gpe */
	UT_GENEVE,	/* RFC 8926 */
	UT_GTPU,	/* 3GPP TS 29.281 */
	UT_L2TP,	/* RFC 2661, RFC 3931 */
	UT_TEREDO,	/* RFC 4380 */
	UT_AYIYA,	/* draft-massar-v6ops-ayiya */
	UT_LISP,	/* RFC 9300 §5.3, data plane */
	UT_MPLS,	/* RFC 7510 */
	UT_TZSP,	/* TaZmen Sniffer Protocol */
};

/*
 * In increasing order of port.  The ports tshark 4.0 gives these tunnels,
 * and the common ports of other protocols whose dissectors take any
 * datagram on their port, so that a tunnel's port on the higher side does
 * not take theirs (tshark 4.0 reads a VXLAN payload from port 53, 67, 69,
 * 123, 137, 389, 500, 514, 1900 or 4500 to 4789 as that port's protocol;
 * from 88, 161, 443 as VXLAN, those dissectors refusing what is not
 * theirs).
 */
static const struct {
	uint16_t port;
	uint8_t kind;
} udp_ports[] = {
	{ 53, UT_OTHER },	/* DNS */
	{ 67, UT_OTHER }, { 68, UT_OTHER },	/* DHCP */
	{ 69, UT_OTHER },	/* TFTP */
	{ 123, UT_OTHER },	/* NTP */
	{ 137, UT_OTHER }, { 138, UT_OTHER },	/* NetBIOS */
	{ 389, UT_OTHER },	/* CLDAP */
	{ 500, UT_OTHER },	/* ISAKMP */
	{ 514, UT_OTHER },	/* syslog */
	{ 1701, UT_L2TP },
	{ 1900, UT_OTHER },	/* SSDP */
	{ 2152, UT_GTPU },
	{ 3544, UT_TEREDO },
	{ 4341, UT_LISP },
	{ 4500, UT_OTHER },	/* IPsec NAT traversal */
	{ 4789, UT_VXLAN },
	{ 4790, UT_GPE },
	{ 5072, UT_AYIYA },
	{ 5353, UT_OTHER },	/* mDNS */
	{ 5355, UT_OTHER },	/* LLMNR */
	{ 6081, UT_GENEVE },
	{ 6635, UT_MPLS },
	{ 37008, UT_TZSP },
};

static enum udp_tunnel udp_port_kind(uint16_t port)
{
	for (size_t i = 0; i < sizeof(udp_ports) / sizeof(udp_ports[0]) &&
			   udp_ports[i].port <= port; i++)
		if (udp_ports[i].port == port)
			return (enum udp_tunnel)udp_ports[i].kind;
	return UT_NONE;
}

/* RFC 7348 §5: flags (I bit), reserved, VNI, reserved; then Ethernet. */
static enum decode_result vxlan(struct decode_ctx *d, struct cursor *c, uint32_t wire_left)
{
	const uint8_t *h = cur_take(c, 8);
	if (h == NULL)
		return decode_malformed(d, N_("VXLAN header cut short"));
	decode_tunnel_mix(d->out, TUN_VXLAN, span_be32(h, 4) >> 8);
	return decode_ether(d, c, decode_less(wire_left, 8));
}

/* RFC 8926 §3.5: version and option length, flags, protocol type, VNI,
 * then the options (option length × 4 bytes) and the payload. */
static enum decode_result geneve(struct decode_ctx *d, struct cursor *c, uint32_t wire_left)
{
	const uint8_t *h = cur_take(c, 8);
	if (h == NULL)
		return decode_malformed(d, N_("Geneve header cut short"));
	/* The version (h[0] >> 6) is not checked: tshark 4.0 reads a
	 * version 1 header as version 0's and finds the TCP inside. */
	uint32_t opts = (uint32_t)(h[0] & 0x3f) * 4;
	if (!cursor_skip(c, opts))
		return decode_malformed(d, N_("Geneve options cut short"));
	decode_tunnel_mix(d->out, TUN_GENEVE, span_be32(h, 4) >> 8);
	return decode_ethertype(d, c, span_be16(h, 2), decode_less(wire_left, 8 + opts));
}

/*
 * VXLAN-GPE: flags (version, I, P, B, O), reserved, the next protocol,
 * VNI, reserved.  Wireshark reads the next protocol only with the P bit.
 */
static enum decode_result vxlan_gpe(struct decode_ctx *d, struct cursor *c, uint32_t wire_left)
{
	const uint8_t *h = cur_take(c, 8);
	if (h == NULL)
		return decode_malformed(d, N_("VXLAN-GPE header cut short"));
	decode_tunnel_mix(d->out, TUN_VXLAN, span_be32(h, 4) >> 8);
	if (!(h[0] & 0x04))
		return DECODE_OTHER;
	return decode_next_protocol(d, c, h[3], decode_less(wire_left, 8));
}

/*
 * 3GPP TS 29.281 §5: version 1 with PT set, message type 255 (G-PDU) for
 * user data, length, TEID; with any of E, S, PN the 4 optional bytes; with
 * E, extension headers chained by their last byte, each 4 × its first byte
 * long.  The user data is an IPv4 or IPv6 packet.
 */
static enum decode_result gtpu(struct decode_ctx *d, struct cursor *c, uint32_t wire_left)
{
	const uint8_t *h = cur_take(c, 8);
	if (h == NULL)
		return decode_malformed(d, N_("GTP-U header cut short"));
	if ((h[0] >> 5) != 1 || !(h[0] & 0x10))
		return DECODE_OTHER;	/* GTP' or another version: not user data */
	if (h[1] != 0xff)
		return DECODE_OTHER;	/* echo, error indication, end marker */
	uint32_t hlen = 8;
	if (h[0] & 0x07) {
		const uint8_t *opt = cur_take(c, 4);
		if (opt == NULL)
			return decode_malformed(d, N_("GTP-U optional fields cut short"));
		hlen += 4;
		uint8_t next = (h[0] & 0x04) ? opt[3] : 0;
		for (int n = 0; next != 0; n++) {
			uint8_t units = cur_u8(c);
			if (c->short_read || units == 0 || n == 16)
				return decode_malformed(d, N_("GTP-U extension header malformed"));
			uint32_t len = (uint32_t)units * 4;
			if (!cursor_skip(c, len - 2))
				return decode_malformed(d, N_("GTP-U extension header cut short"));
			next = cur_u8(c);
			if (c->short_read)
				return decode_malformed(d, N_("GTP-U extension header cut short"));
			hlen += len;
		}
	}
	/* The TEID differs between uplink and downlink (TS 29.281 §5.1), so
	 * it cannot tell tunnels apart for both directions of a connection. */
	struct cursor peek = *c;
	uint8_t nibble = cur_u8(&peek) >> 4;
	if (peek.short_read || (nibble != 4 && nibble != 6))
		return DECODE_OTHER;
	return decode_ip_in(d, c, nibble, decode_less(wire_left, hlen));
}

/*
 * L2TP version 2 (RFC 2661 §3.1): flags and version, then the length (L),
 * tunnel and session ids, Ns and Nr (S), the offset size and its padding
 * (O); a data message (T clear) carries a PPP frame, read as Wireshark's
 * ppp_hdlc reads it.  Version 3 over UDP (RFC 3931 §4.1.2.1) is L2TP too,
 * but what its sessions carry is configured, not written: not opened.
 */
static enum decode_result l2tp(struct decode_ctx *d, struct cursor *c, uint32_t wire_left)
{
	uint16_t flags = cur_u16be(c);
	if (c->short_read)
		return decode_malformed(d, N_("L2TP header cut short"));
	if ((flags & 0x000f) != 2 || (flags & 0x8000))
		return DECODE_OTHER;	/* version 3, or a control message */
	uint32_t hlen = 2 + ((flags & 0x4000) ? 2 : 0) + 4 + ((flags & 0x0800) ? 4 : 0);
	if (!cursor_skip(c, hlen - 2))
		return decode_malformed(d, N_("L2TP header cut short"));
	if (flags & 0x0200) {
		uint16_t pad = cur_u16be(c);
		if (c->short_read || !cursor_skip(c, pad))
			return decode_malformed(d, N_("L2TP offset padding cut short"));
		hlen += 2 + pad;
	}
	return decode_ppp(d, c, decode_less(wire_left, hlen));
}

/*
 * Teredo (RFC 4380 §5.1.1): an authentication indicator (0x0001: client id
 * and authentication value lengths, both fields, an 8-byte nonce and a
 * confirmation byte) and an origin indication (0x0000: port and address,
 * 8 bytes) may come before the IPv6 packet, in that order, as Wireshark's
 * packet-teredo.c reads them.
 */
static enum decode_result teredo(struct decode_ctx *d, struct cursor *c, uint32_t wire_left)
{
	uint32_t hlen = 0;
	struct cursor peek = *c;
	uint16_t ind = cur_u16be(&peek);
	if (!peek.short_read && ind == 0x0001) {
		cursor_skip(c, 2);
		uint32_t idlen = cur_u8(c), aulen = cur_u8(c);
		if (c->short_read || !cursor_skip(c, idlen + aulen + 9))
			return decode_malformed(d, N_("Teredo authentication cut short"));
		hlen += 4 + idlen + aulen + 9;
		peek = *c;
		ind = cur_u16be(&peek);
	}
	if (!peek.short_read && ind == 0x0000) {
		if (!cursor_skip(c, 8))
			return decode_malformed(d, N_("Teredo origin indication cut short"));
		hlen += 8;
	}
	return decode_ip_in(d, c, 6, decode_less(wire_left, hlen));
}

/*
 * AYIYA, "anything in anything" (draft-massar-v6ops-ayiya §4, SixXS's
 * tunnels; Zeek opens it too): identity length as a power of two and
 * type, signature length in 4-byte words and hash method, authentication
 * method and operation, next header, epoch; then the identity and the
 * signature.  Only the forward operation (1) carries a packet, of the
 * next header's IP protocol, as Wireshark's packet-ayiya.c reads it.
 */
static enum decode_result ayiya(struct decode_ctx *d, struct cursor *c, uint32_t wire_left)
{
	const uint8_t *h = cur_take(c, 8);
	if (h == NULL)
		return decode_malformed(d, N_("AYIYA header cut short"));
	uint32_t hlen = 8 + (1u << (h[0] >> 4)) + (uint32_t)(h[1] >> 4) * 4;
	if (!cursor_skip(c, hlen - 8))
		return decode_malformed(d, N_("AYIYA header cut short"));
	if ((h[2] & 0x0f) != 1)
		return DECODE_OTHER;	/* a heartbeat or a query: no packet */
	return decode_ip_proto(d, c, h[3], decode_less(wire_left, hlen));
}

/* LISP data (RFC 9300 §5.3): 8 bytes of nonce, map-version and locator
 * status bits, then an IPv4 or IPv6 packet, told by its first nibble. */
static enum decode_result lisp(struct decode_ctx *d, struct cursor *c, uint32_t wire_left)
{
	if (!cursor_skip(c, 8))
		return decode_malformed(d, N_("LISP header cut short"));
	struct cursor peek = *c;
	uint8_t nibble = cur_u8(&peek) >> 4;
	if (peek.short_read || (nibble != 4 && nibble != 6))
		return DECODE_OTHER;
	return decode_ip_in(d, c, nibble, decode_less(wire_left, 8));
}

/*
 * TZSP, a remote sniffer's stream (MikroTik's among others; Wireshark's
 * packet-tzsp.c): version, type, encapsulation, then tagged fields up to
 * the end tag (1), padding (0) one byte, the others a type, a length and
 * that many bytes.  Keepalives (type 4) and port openers (5) carry no
 * frame; the others carry one of the encapsulation's link type: Ethernet
 * (1), 802.11 (18), Prism (119) or AVS (127).
 */
static enum decode_result tzsp(struct decode_ctx *d, struct cursor *c, uint32_t wire_left)
{
	const uint8_t *h = cur_take(c, 4);
	if (h == NULL)
		return decode_malformed(d, N_("TZSP header cut short"));
	if (h[1] == 4 || h[1] == 5)
		return DECODE_OTHER;
	uint32_t hlen = 4;
	for (;;) {
		uint8_t tag = cur_u8(c);
		if (c->short_read)
			return decode_malformed(d, N_("TZSP tags cut short"));
		hlen++;
		if (tag == 1)
			break;
		if (tag == 0)
			continue;
		uint8_t len = cur_u8(c);
		if (c->short_read || !cursor_skip(c, len))
			return decode_malformed(d, N_("TZSP tags cut short"));
		hlen += 1u + len;
	}
	int dlt;
	switch (span_be16(h, 2)) {
	case 1: dlt = DLT_EN10MB; break;
	case 18: dlt = DLT_IEEE802_11; break;
	case 119: dlt = DLT_PRISM_HEADER; break;
	case 127: dlt = DLT_IEEE802_11_RADIO_AVS; break;
	default: return DECODE_OTHER;
	}
	return decode_link(d, dlt, c, decode_less(wire_left, hlen));
}

/* Whether a tunnel takes the payload on its port, or lets the other port
 * try: L2TP knows versions 2 and 3, the GTP-U port version 1.  A payload
 * cut before the version is the tunnel's, to be told cut short. */
static bool udp_tunnel_takes(enum udp_tunnel kind, const struct cursor *c)
{
	struct cursor peek = *c;
	uint8_t first = cur_u8(&peek), second = cur_u8(&peek);
	switch (kind) {
	case UT_L2TP:
		return peek.short_read || (second & 0x0f) == 2 || (second & 0x0f) == 3;
	case UT_GTPU:
		return peek.short_read || (first >> 5) == 1;
	default:
		return true;
	}
}

static enum decode_result udp_tunnel(struct decode_ctx *d, enum udp_tunnel kind,
				     struct cursor *c, uint32_t wire_left)
{
	if (!decode_enter(d))
		return DECODE_MALFORMED;
	switch (kind) {
	case UT_VXLAN: return vxlan(d, c, wire_left);
	case UT_GPE: return vxlan_gpe(d, c, wire_left);
	case UT_GENEVE: return geneve(d, c, wire_left);
	case UT_GTPU: return gtpu(d, c, wire_left);
	case UT_L2TP: return l2tp(d, c, wire_left);
	case UT_TEREDO: return teredo(d, c, wire_left);
	case UT_AYIYA: return ayiya(d, c, wire_left);
	case UT_LISP: return lisp(d, c, wire_left);
	case UT_MPLS: return decode_ethertype(d, c, ETHERTYPE_MPLS, wire_left);
	case UT_TZSP: return tzsp(d, c, wire_left);
	default: return DECODE_OTHER;
	}
}

/* UDP (RFC 768): a tunnel, by the lower port first, or a datagram. */
enum decode_result decode_udp(struct decode_ctx *d, struct cursor *c, uint32_t wire_left)
{
	const uint8_t *h = cur_take(c, 8);
	if (h == NULL)
		return DECODE_OTHER;	/* a UDP header cut short: not ours to judge */
	uint16_t sport = span_be16(h, 0), dport = span_be16(h, 2);
	uint32_t ulen = span_be16(h, 4);
	if (ulen >= 8 && ulen < wire_left)
		wire_left = ulen;
	wire_left = decode_less(wire_left, 8);
	uint16_t ports[2] = { sport < dport ? sport : dport, sport < dport ? dport : sport };
	for (int i = 0; i < 2; i++) {
		enum udp_tunnel kind = udp_port_kind(ports[i]);
		if (kind == UT_OTHER)
			break;
		if (kind != UT_NONE && udp_tunnel_takes(kind, c))
			return udp_tunnel(d, kind, c, wire_left);
	}
	/* Any other datagram is handed on whole: DNS over UDP is read by
	 * the application layer. */
	struct tv_packet *out = d->out;
	out->sport = sport;
	out->dport = dport;
	out->len = wire_left;
	out->payload = c->p;
	size_t have = cursor_left(c);
	out->payload_caplen = (uint32_t)(have < wire_left ? have : wire_left);
	out->truncated = out->payload_caplen < wire_left;
	return DECODE_UDP;
}
