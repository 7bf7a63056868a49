/*
 * ether.c - Ethernet and the ethertypes that wrap IP on the way to TCP.
 *
 * An Ethernet II header names its payload by ethertype; so do the layers
 * that can stand between it and IP, each opened here to any depth (within
 * DECODE_MAX_DEPTH): IEEE 802.1Q and 802.1ad VLAN tags (0x8100, 0x88a8,
 * and the pre-standard 0x9100), MPLS label stacks (0x8847, 0x8848; RFC 3032)
 * with IPv4 or IPv6 after the bottom label or an Ethernet pseudowire with
 * its control word (RFC 4448), PPPoE session frames (0x8864; RFC 2516),
 * Cisco MetaData with its SGT (0x8909, Wireshark's packet-cmd.c), 802.1ah
 * provider backbone bridging (0x88e7), Cisco's VN-Tag (0x8926), the Network
 * Service Header (0x894f; RFC 8300, in tunnel.c), and 802.3 frames whose
 * LLC carries SNAP (an ethertype, or bridged Ethernet) or IP (SAP 0x06).
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
#define ETHERTYPE_PBB 0x88e7	/* IEEE 802.1ah backbone service instance tag */
#define ETHERTYPE_VNTAG 0x8926	/* Cisco VN-Tag (Wireshark's packet-vntag.c) */
#define ETHERTYPE_NSH 0x894f	/* RFC 8300 */

#define LLC_SAP_SNAP 0xaa
#define LLC_SAP_IP 0x06	/* DARPA Internet Protocol (IEEE 802 SAP list) */

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
 * IEEE 802.2 LLC: destination and source SAP, then a control field of one
 * byte for unnumbered and two for numbered frames.  Only information frames
 * carry a payload up the stack (Wireshark's XDLC_IS_INFORMATION: an I frame,
 * or a UI frame without the poll/final bit); then a SNAP header (both SAPs
 * 0xaa) is read by decode_snap(), and destination SAP 0x06 is IPv4,
 * whatever the source SAP.  Other LLC payloads carry no IP.  It follows 802.3 and
 * 802.11 headers, FDDI, Token Ring and ATM.
 */
enum decode_result decode_llc_snap(struct decode_ctx *d, struct cursor *c, uint32_t wire_left)
{
	uint8_t dsap = cur_u8(c), ssap = cur_u8(c), control = cur_u8(c);
	if (c->short_read)
		return DECODE_OTHER;
	uint32_t hlen = 3;
	bool numbered = (control & 0x01) == 0;
	if (numbered) {
		cursor_skip(c, 1);
		hlen++;
	} else if (control != 0x03) {
		return DECODE_OTHER;	/* XID, TEST, UI with P/F: no payload up */
	}
	wire_left = decode_less(wire_left, hlen);
	if (dsap == LLC_SAP_IP)
		return decode_ip_in(d, c, 4, wire_left);
	if (dsap != LLC_SAP_SNAP || ssap != LLC_SAP_SNAP)
		return DECODE_OTHER;
	return decode_snap(d, c, 2, wire_left);
}

/*
 * A SNAP header (RFC 1042): an OUI and a protocol id.  With OUI 00-00-00
 * or 00-00-F8 (an 802.1H bridge tunnel) the id is an ethertype; with
 * 00-80-C2, ids 1 and 7 are a bridged Ethernet frame with and without its
 * FCS (RFC 2684 §5.2, RFC 2427 §4.2), after `bridged_pad` bytes of padding:
 * 2 behind LLC, as Wireshark's dissect_snap reads it, none in Frame Relay,
 * as its packet-fr.c does.
 */
enum decode_result decode_snap(struct decode_ctx *d, struct cursor *c, uint32_t bridged_pad,
			       uint32_t wire_left)
{
	const uint8_t *snap = cur_take(c, 5);
	if (snap == NULL)
		return DECODE_OTHER;
	wire_left = decode_less(wire_left, 5);
	uint32_t oui = (uint32_t)snap[0] << 16 | (uint32_t)snap[1] << 8 | snap[2];
	uint16_t pid = span_be16(snap, 3);
	if (oui == 0x000000 || oui == 0x0000f8)
		return decode_ethertype(d, c, pid, wire_left);
	if (oui != 0x0080c2 || (pid != 0x0001 && pid != 0x0007))
		return DECODE_OTHER;
	if (!cursor_skip(c, bridged_pad))
		return DECODE_OTHER;
	return decode_ether(d, c, decode_less(wire_left, bridged_pad));
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

/* A tag of `len` bytes followed by the ethertype of what it tags. */
static enum decode_result tag_then_ethertype(struct decode_ctx *d, struct cursor *c, size_t len,
					     const char *cut_short, uint32_t wire_left)
{
	if (!decode_enter(d))
		return DECODE_MALFORMED;
	cursor_skip(c, len);
	uint16_t next = cur_u16be(c);
	if (c->short_read)
		return decode_malformed(d, cut_short);
	return decode_ethertype(d, c, next, decode_less(wire_left, (uint32_t)len + 2));
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
	case ETHERTYPE_QINQ_OLD:
		/* PCP, DEI and VLAN id (not part of the connection's key: see
		 * decode_tunnel_mix()), then the next ethertype. */
		return tag_then_ethertype(d, c, 2, N_("VLAN tag cut short"), wire_left);
	case ETHERTYPE_MPLS:
	case ETHERTYPE_MPLS_MC:
		return mpls(d, c, wire_left);
	case ETHERTYPE_PPPOE:
		if (!decode_enter(d))
			return DECODE_MALFORMED;
		return pppoe(d, c, wire_left);
	case ETHERTYPE_CMD:
		/* Version, length, option length/type, SGT, then the ethertype
		 * of what it tags (Wireshark's packet-cmd.c). */
		return tag_then_ethertype(d, c, 6, N_("Cisco MetaData header cut short"),
					  wire_left);
	case ETHERTYPE_TEB:
		return decode_ether(d, c, wire_left);
	case ETHERTYPE_PBB:
		/* The I-TAG (priority, flags, 24-bit service instance), then
		 * the customer's Ethernet header. */
		if (!cursor_skip(c, 4))
			return decode_malformed(d, N_("802.1ah I-TAG cut short"));
		return decode_ether(d, c, decode_less(wire_left, 4));
	case ETHERTYPE_VNTAG:
		/* Direction, pointer, destination and source virtual
		 * interfaces, then the ethertype. */
		return tag_then_ethertype(d, c, 4, N_("VN-Tag cut short"), wire_left);
	case ETHERTYPE_NSH:
		return decode_nsh(d, c, wire_left);
	default:
		return DECODE_OTHER;
	}
}
