/*
 * ether.c - Ethernet and the ethertypes that wrap IP on the way to TCP.
 *
 * An Ethernet II header names its payload by ethertype; so do the layers
 * that can stand between it and IP, each opened here to any depth (within
 * DECODE_MAX_DEPTH): IEEE 802.1Q and 802.1ad VLAN tags (0x8100, 0x88a8,
 * and the pre-standard 0x9100), MPLS label stacks (0x8847, 0x8848; RFC 3032)
 * with IPv4 or IPv6 after the bottom label or an Ethernet pseudowire with
 * its control word (RFC 4448), PPPoE session frames (0x8864; RFC 2516),
 * Cisco MetaData with its SGT (0x8909, Wireshark's packet-cmd.c), and
 * 802.3 frames whose LLC/SNAP header carries an ethertype (RFC 1042).
 * Anything else is not TCP and is DECODE_OTHER, never guessed at.
 */
#include "config.h"

#include "decode_int.h"
#include "tcpview/util/nls.h"

#define ETHERTYPE_IP 0x0800
#define ETHERTYPE_IPV6 0x86dd
#define ETHERTYPE_VLAN 0x8100	/* IEEE 802.1Q */
#define ETHERTYPE_QINQ 0x88a8	/* IEEE 802.1ad service tag */
#define ETHERTYPE_QINQ_OLD 0x9100 /* pre-standard QinQ, still seen */
#define ETHERTYPE_PPPOE 0x8864	/* RFC 2516 session stage */
#define ETHERTYPE_CMD 0x8909	/* Cisco MetaData (SGT) */
#define ETHERTYPE_TEB 0x6558	/* transparent Ethernet bridging (GRE, Geneve) */

/* The largest value of an 802.3 length field: above it, an ethertype. */
#define ETHER_MAX_LEN_FIELD 1500

enum decode_result decode_ether(struct decode_ctx *d, struct cursor *c, uint32_t wire_left)
{
	if (!decode_enter(d))
		return DECODE_MALFORMED;
	cursor_skip(c, 12);	/* destination and source MAC */
	uint16_t type = cur_u16be(c);
	if (c->short_read)
		return decode_malformed(d, N_("Ethernet header cut short"));
	wire_left = decode_less(wire_left, 14);
	if (type > ETHER_MAX_LEN_FIELD)
		return decode_ethertype(d, c, type, wire_left);
	/* IEEE 802.3: a length, then LLC. */
	if (type < wire_left)
		wire_left = type;
	return decode_llc_snap(d, c, wire_left);
}

/*
 * LLC with a SNAP header (RFC 1042): AA AA 03, an OUI of 00-00-00 or
 * 00-00-F8 (an 802.1H bridge tunnel), then an ethertype; Wireshark's LLC
 * dissector hands both OUIs to the ethertype table.  Other LLC payloads
 * carry no IP.  It follows 802.3 and 802.11 headers, FDDI and ATM.
 */
enum decode_result decode_llc_snap(struct decode_ctx *d, struct cursor *c, uint32_t wire_left)
{
	const uint8_t *llc = cur_take(c, 8);
	if (llc == NULL)
		return DECODE_OTHER;
	if (llc[0] != 0xaa || llc[1] != 0xaa || llc[2] != 0x03 || llc[3] != 0 ||
	    llc[4] != 0 || (llc[5] != 0 && llc[5] != 0xf8))
		return DECODE_OTHER;
	return decode_ethertype(d, c, span_be16(llc, 6), decode_less(wire_left, 8));
}

/*
 * RFC 3032: 4-byte entries (label 20 bits, traffic class 3, bottom of
 * stack 1, TTL 8) down to the one with S set.  What follows carries no
 * type: IPv4 and IPv6 are told by their first nibble, and a first nibble of
 * 0 is the control word of an Ethernet pseudowire (RFC 4448 §3), as
 * Wireshark's MPLS dissector decides by default.
 */
static enum decode_result mpls(struct decode_ctx *d, struct cursor *c, uint32_t wire_left)
{
	for (;;) {
		if (!decode_enter(d))
			return DECODE_MALFORMED;
		uint32_t entry = cur_u32be(c);
		if (c->short_read)
			return decode_malformed(d, N_("MPLS label stack cut short"));
		wire_left = decode_less(wire_left, 4);
		if (entry & 0x100)	/* bottom of stack */
			break;
	}
	struct cursor peek = *c;
	uint8_t nibble = cur_u8(&peek) >> 4;
	if (peek.short_read)
		return decode_malformed(d, N_("MPLS payload missing"));
	if (nibble == 4 || nibble == 6)
		return decode_ip_in(d, c, nibble, wire_left);
	if (nibble == 0) {
		if (!cursor_skip(c, 4))
			return decode_malformed(d, N_("MPLS pseudowire control word cut short"));
		return decode_ether(d, c, decode_less(wire_left, 4));
	}
	return DECODE_OTHER;
}

/* RFC 2516 §4: version/type, code, session id, length, then PPP. */
static enum decode_result pppoe(struct decode_ctx *d, struct cursor *c, uint32_t wire_left)
{
	cursor_skip(c, 4);
	uint16_t plen = cur_u16be(c);
	uint16_t proto = cur_u16be(c);
	if (c->short_read)
		return decode_malformed(d, N_("PPPoE header cut short"));
	/* The PPPoE length bounds the PPP frame: bytes after it are padding,
	 * as tshark's reported length says. */
	wire_left = decode_less(wire_left, 8);
	if (plen >= 2 && plen - 2u < wire_left)
		wire_left = plen - 2u;
	if (proto == PPP_IP)
		return decode_ip_in(d, c, 4, wire_left);
	if (proto == PPP_IPV6)
		return decode_ip_in(d, c, 6, wire_left);
	return DECODE_OTHER;
}

enum decode_result decode_ethertype(struct decode_ctx *d, struct cursor *c, uint16_t type,
				    uint32_t wire_left)
{
	switch (type) {
	case ETHERTYPE_IP:
		return decode_ip_in(d, c, 4, wire_left);
	case ETHERTYPE_IPV6:
		return decode_ip_in(d, c, 6, wire_left);
	case ETHERTYPE_VLAN:
	case ETHERTYPE_QINQ:
	case ETHERTYPE_QINQ_OLD: {
		/* PCP, DEI and VLAN id (not part of the connection's key: see
		 * decode_tunnel_mix()), then the next ethertype. */
		if (!decode_enter(d))
			return DECODE_MALFORMED;
		cursor_skip(c, 2);
		uint16_t next = cur_u16be(c);
		if (c->short_read)
			return decode_malformed(d, N_("VLAN tag cut short"));
		return decode_ethertype(d, c, next, decode_less(wire_left, 4));
	}
	case ETHERTYPE_MPLS:
	case ETHERTYPE_MPLS_MC:
		return mpls(d, c, wire_left);
	case ETHERTYPE_PPPOE:
		if (!decode_enter(d))
			return DECODE_MALFORMED;
		return pppoe(d, c, wire_left);
	case ETHERTYPE_CMD: {
		/* Version, length, option length/type, SGT, then the ethertype
		 * of what it tags (Wireshark's packet-cmd.c). */
		if (!decode_enter(d))
			return DECODE_MALFORMED;
		cursor_skip(c, 6);
		uint16_t next = cur_u16be(c);
		if (c->short_read)
			return decode_malformed(d, N_("Cisco MetaData header cut short"));
		return decode_ethertype(d, c, next, decode_less(wire_left, 8));
	}
	case ETHERTYPE_TEB:
		return decode_ether(d, c, wire_left);
	default:
		return DECODE_OTHER;
	}
}
