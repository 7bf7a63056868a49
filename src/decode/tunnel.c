/*
 * tunnel.c - GRE (with ERSPAN, PPTP's PPP, Aruba's 802.11, MikroTik's
 * Ethernet over IP and WCCP's redirection) and the Network Service Header.
 *
 * Each is opened to the frame or packet it carries, which goes back to
 * ether.c, link.c or ip.c, so tunnels nest (within DECODE_MAX_DEPTH).
 * Headers are read as tshark 4.0 reads them, so that tcpview finds TCP
 * wherever tshark does (SPEC §8).  The tunnels carried by UDP are udp.c's.
 */
#include "config.h"

#include "decode_int.h"
#include "tcpview/util/nls.h"

/* The first 16 bits of a GRE header (RFC 1701 §2.1; Wireshark's packet-gre.h). */
#define GRE_C 0x8000	/* checksum and offset present */
#define GRE_R 0x4000	/* routing present, and with it checksum and offset */
#define GRE_K 0x2000	/* key present (RFC 2890) */
#define GRE_S 0x1000	/* sequence number present (RFC 2890) */
#define GRE_A 0x0080	/* PPTP: acknowledgment number present (RFC 2637 §4.1) */
#define GRE_VERSION 0x0007

#define GRE_ERSPAN 0x88be	/* ERSPAN type I (no S bit) or II */
#define GRE_ERSPAN3 0x22eb	/* ERSPAN type III */
#define GRE_PPP 0x880b		/* PPP: PPTP's payload (RFC 2637 §4.1) */
#define GRE_WCCP 0x883e		/* WCCP redirection (draft-wilson-wrec-wccp-v2 §4.12) */
#define GRE_EOIP 0x6400		/* MikroTik Ethernet over IP */
/* Aruba AP ↔ controller, 802.11 frames without FCS: 0x8200, 0x8210, ...
 * 0x8370, the 24 values of Wireshark's packet-gre.h that tshark 4.0 reads
 * as 802.11.  Only those: the ethertypes between them (IPv6 0x86dd, MPLS
 * 0x8847, PPPoE 0x8864, QinQ 0x88a8, ...) are GRE's ordinary payloads. */
#define GRE_ARUBA_LO 0x8200
#define GRE_ARUBA_HI 0x8370

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

/*
 * The optional fields after the base header as Wireshark's packet-gre.c
 * lays them out, whatever the version says (tshark reads the reserved
 * versions 2 to 7 as version 0): checksum and offset when C or R is set
 * (RFC 1701 §2.1), the key (PPTP's payload length and call id, same
 * size), the sequence number, for PPP with a non-zero version PPTP's
 * acknowledgment number (RFC 2637 §4.1), then RFC 1701's source route
 * entries up to the one with address family 0 and length 0.
 */
static bool gre_options(struct cursor *c, uint16_t flags, uint16_t proto, uint32_t *hlen)
{
	bool pptp = proto == GRE_PPP && (flags & GRE_VERSION) != 0;
	uint32_t n = ((flags & (GRE_C | GRE_R)) ? 4 : 0) + ((flags & GRE_K) ? 4 : 0) +
		     ((flags & GRE_S) ? 4 : 0) + ((pptp && (flags & GRE_A)) ? 4 : 0);
	if (!cursor_skip(c, n))
		return false;
	*hlen += n;
	if (!(flags & GRE_R))
		return true;
	/* Each entry is at least 4 bytes, so the walk ends with the frame. */
	for (;;) {
		uint16_t af = cur_u16be(c);
		cursor_skip(c, 1);	/* SRE offset */
		uint8_t len = cur_u8(c);
		if (c->short_read)
			return false;
		*hlen += 4;
		if (af == 0 && len == 0)
			return true;
		if (!cursor_skip(c, len))
			return false;
		*hlen += len;
	}
}

/* WCCP v2 puts a 4-byte redirect header before the IPv4 packet; Wireshark
 * takes it to be there when the next byte does not start an IPv4 header. */
static enum decode_result wccp(struct decode_ctx *d, struct cursor *c, uint32_t wire_left)
{
	struct cursor peek = *c;
	uint8_t first = cur_u8(&peek);
	if (peek.short_read)
		return decode_malformed(d, N_("GRE header cut short"));
	if ((first & 0xf0) != 0x40) {
		if (!cursor_skip(c, 4))
			return decode_malformed(d, N_("WCCP redirect header cut short"));
		wire_left = decode_less(wire_left, 4);
	}
	return decode_ip_in(d, c, 4, wire_left);
}

/* GRE (RFC 2784, 2890; RFC 1701's routing; PPTP's enhanced GRE, RFC 2637). */
enum decode_result decode_gre(struct decode_ctx *d, struct cursor *c, uint32_t wire_left)
{
	if (!decode_enter(d))
		return DECODE_MALFORMED;
	uint16_t flags = cur_u16be(c);
	uint16_t proto = cur_u16be(c);
	uint32_t hlen = 4;
	if (c->short_read || !gre_options(c, flags, proto, &hlen))
		return decode_malformed(d, N_("GRE header cut short"));
	wire_left = decode_less(wire_left, hlen);
	if (proto == GRE_ERSPAN || proto == GRE_ERSPAN3)
		return erspan(d, c, proto, (flags & GRE_S) != 0, wire_left);
	if (proto >= GRE_ARUBA_LO && proto <= GRE_ARUBA_HI && (proto & 0x000f) == 0)
		return decode_ieee80211(d, c, wire_left, false);
	if (proto == GRE_PPP)
		return decode_ppp(d, c, wire_left);
	if (proto == GRE_EOIP)	/* its "key" is a length and a tunnel id */
		return decode_ether(d, c, wire_left);
	if (proto == GRE_WCCP)
		return wccp(d, c, wire_left);
	/* Otherwise the protocol field is an ethertype (RFC 2784 §2.4). */
	return decode_ethertype(d, c, proto, wire_left);
}

/*
 * The next protocol of an NSH or a VXLAN-GPE header, one IANA registry for
 * both (RFC 8300 §11.2.5): IPv4 (1), IPv6 (2), Ethernet (3), NSH (4),
 * MPLS (5), as Wireshark's packet-nsh.c and packet-vxlan.c dispatch them.
 */
enum decode_result decode_next_protocol(struct decode_ctx *d, struct cursor *c, uint8_t next,
					uint32_t wire_left)
{
	switch (next) {
	case 1:
		return decode_ip_in(d, c, 4, wire_left);
	case 2:
		return decode_ip_in(d, c, 6, wire_left);
	case 3:
		return decode_ether(d, c, wire_left);
	case 4:
		return decode_nsh(d, c, wire_left);
	case 5:
		return decode_ethertype(d, c, ETHERTYPE_MPLS, wire_left);
	default:
		return DECODE_OTHER;
	}
}

/*
 * The Network Service Header (RFC 8300 §2.2): version, O bit, TTL, the
 * header's length in 4-byte words (6 bits), MD type, next protocol; the
 * service path header and any metadata fill the rest of that length.
 */
enum decode_result decode_nsh(struct decode_ctx *d, struct cursor *c, uint32_t wire_left)
{
	if (!decode_enter(d))
		return DECODE_MALFORMED;
	const uint8_t *h = cur_take(c, 4);
	if (h == NULL)
		return decode_malformed(d, N_("NSH header cut short"));
	uint32_t hlen = (uint32_t)(h[1] & 0x3f) * 4;
	if (hlen < 8)
		return decode_malformed(d, N_("NSH length shorter than its header"));
	if (!cursor_skip(c, hlen - 4))
		return decode_malformed(d, N_("NSH header cut short"));
	return decode_next_protocol(d, c, h[3], decode_less(wire_left, hlen));
}
