/*
 * tunnel.c - tunnels carried by IP: GRE (with ERSPAN) and the UDP ones
 * (VXLAN, Geneve, GTP-U).
 *
 * Each is opened to the frame or packet it carries, which goes back to
 * ether.c or ip.c, so tunnels nest (within DECODE_MAX_DEPTH).  A VXLAN or
 * Geneve VNI joins the packet's tunnel identity (decode_tunnel_mix()).  A tunnel whose payload tcpview cannot open is named
 * (decode_undecoded) so the run counts it instead of dropping it silently.
 */
#include "config.h"

#include "decode_int.h"
#include "tcpview/util/nls.h"

#define GRE_C 0x8000	/* checksum present (RFC 2784) */
#define GRE_R 0x4000	/* routing present (RFC 1701) */
#define GRE_K 0x2000	/* key present (RFC 2890) */
#define GRE_S 0x1000	/* sequence number present (RFC 2890) */

#define GRE_ERSPAN 0x88be	/* ERSPAN type I (no S bit) or II */
#define GRE_ERSPAN3 0x22eb	/* ERSPAN type III */
/* Aruba AP ↔ controller, 802.11 frames: 0x8200, 0x8210, ... 0x8370, the
 * 24 values of Wireshark's packet-gre.h that tshark 4.0 reads as 802.11.
 * Only those: the ethertypes between them (IPv6 0x86dd, MPLS 0x8847,
 * PPPoE 0x8864, QinQ 0x88a8, ...) are GRE's ordinary payloads. */
#define GRE_ARUBA_LO 0x8200
#define GRE_ARUBA_HI 0x8370

#define UDP_VXLAN 4789		/* RFC 7348 */
#define UDP_GENEVE 6081		/* RFC 8926 */
#define UDP_GTPU 2152		/* 3GPP TS 29.281 */

/*
 * The ERSPAN header before the mirrored Ethernet frame (draft-foschiano-
 * erspan): none for type I (0x88BE without a GRE sequence number), 8 bytes
 * for type II, 12 for type III and 8 more when its O bit says a
 * platform-specific subheader follows (Wireshark's packet-erspan.c).
 */
static enum decode_result erspan(struct decode_ctx *d, struct cursor *c, uint16_t proto,
				 bool seq, uint32_t wire_left)
{
	uint32_t hlen = 0;
	if (proto == GRE_ERSPAN3) {
		const uint8_t *h = cur_take(c, 12);
		if (h == NULL)
			return decode_malformed(d, N_("ERSPAN III header cut short"));
		hlen = 12;
		if (h[11] & 0x01) {
			if (!cursor_skip(c, 8))
				return decode_malformed(d, N_("ERSPAN III subheader cut short"));
			hlen += 8;
		}
	} else if (seq) {
		if (!cursor_skip(c, 8))
			return decode_malformed(d, N_("ERSPAN II header cut short"));
		hlen = 8;
	}
	return decode_ether(d, c, decode_less(wire_left, hlen));
}

/* RFC 2784 and 2890 (version 0); version 1 is PPTP's enhanced GRE. */
enum decode_result decode_gre(struct decode_ctx *d, struct cursor *c, uint32_t wire_left)
{
	if (!decode_enter(d))
		return DECODE_MALFORMED;
	uint16_t flags = cur_u16be(c);
	uint16_t proto = cur_u16be(c);
	if (c->short_read)
		return decode_malformed(d, N_("GRE header cut short"));
	uint32_t hlen = 4;
	if ((flags & 0x7) != 0)
		return decode_undecoded(d, (flags & 0x7) == 1 ? "gre_version_1" : "gre_version_other");
	if (flags & GRE_R)
		return decode_undecoded(d, "gre_routing");
	if (flags & GRE_C) {
		cursor_skip(c, 4);	/* checksum, reserved */
		hlen += 4;
	}
	if (flags & GRE_K) {
		cursor_skip(c, 4);	/* key: not part of the key, see decode_tunnel_mix() */
		hlen += 4;
	}
	if (flags & GRE_S) {
		cursor_skip(c, 4);
		hlen += 4;
	}
	if (c->short_read)
		return decode_malformed(d, N_("GRE header cut short"));
	wire_left = decode_less(wire_left, hlen);
	if (proto == GRE_ERSPAN || proto == GRE_ERSPAN3)
		return erspan(d, c, proto, (flags & GRE_S) != 0, wire_left);
	if (proto >= GRE_ARUBA_LO && proto <= GRE_ARUBA_HI && (proto & 0x000f) == 0)
		return decode_undecoded(d, "gre_aruba");
	/* Otherwise the protocol field is an ethertype (RFC 2784 §2.4). */
	return decode_ethertype(d, c, proto, wire_left);
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
	if ((h[0] >> 6) != 0)
		return decode_undecoded(d, "geneve_version_other");
	uint32_t opts = (uint32_t)(h[0] & 0x3f) * 4;
	if (!cursor_skip(c, opts))
		return decode_malformed(d, N_("Geneve options cut short"));
	decode_tunnel_mix(d->out, TUN_GENEVE, span_be32(h, 4) >> 8);
	return decode_ethertype(d, c, span_be16(h, 2), decode_less(wire_left, 8 + opts));
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

/* UDP (RFC 768): one of the tunnels above, by either port, or a datagram. */
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
	if (dport == UDP_VXLAN || sport == UDP_VXLAN) {
		if (!decode_enter(d))
			return DECODE_MALFORMED;
		return vxlan(d, c, wire_left);
	}
	if (dport == UDP_GENEVE || sport == UDP_GENEVE) {
		if (!decode_enter(d))
			return DECODE_MALFORMED;
		return geneve(d, c, wire_left);
	}
	if (dport == UDP_GTPU || sport == UDP_GTPU) {
		if (!decode_enter(d))
			return DECODE_MALFORMED;
		return gtpu(d, c, wire_left);
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
