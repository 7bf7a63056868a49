/*
 * link.c - link-layer headers: find where the IP packet starts.
 *
 * First step of the decode chain (reader → decode_link → decode_ip →
 * decode_tcp).  Each link type is handled the way tcpdump's print-*.c files
 * do: the link header names the network protocol, and anything that is not
 * IPv4 or IPv6 is DECODE_OTHER, never guessed at.
 */
#include "config.h"

#include <pcap/pcap.h>

#include "tcpview/decode/decode.h"

#define ETHERTYPE_IP 0x0800
#define ETHERTYPE_IPV6 0x86dd
#define ETHERTYPE_VLAN 0x8100	/* IEEE 802.1Q */
#define ETHERTYPE_QINQ 0x88a8	/* IEEE 802.1ad service tag */
#define ETHERTYPE_QINQ_OLD 0x9100 /* pre-standard QinQ, still seen */
#define ETHERTYPE_PPPOE 0x8864	/* RFC 2516 session stage */

#define PPP_IP 0x0021
#define PPP_IPV6 0x0057

/* Stacked VLAN tags beyond this many are treated as malformed (tcpdump stops too). */
#define MAX_VLAN_TAGS 8

#ifndef DLT_LINUX_SLL2
#define DLT_LINUX_SLL2 276
#endif
#ifndef DLT_IPV4
#define DLT_IPV4 228
#endif
#ifndef DLT_IPV6
#define DLT_IPV6 229
#endif

bool decode_link_supported(int dlt)
{
	switch (dlt) {
	case DLT_EN10MB:
	case DLT_NULL:
	case DLT_LOOP:
	case DLT_LINUX_SLL:
	case DLT_LINUX_SLL2:
	case DLT_RAW:
	case DLT_IPV4:
	case DLT_IPV6:
		return true;
	default:
		return false;
	}
}

/* The IP version an ethertype names, 0 when it is not IP. */
static unsigned ethertype_ip_version(uint16_t type)
{
	if (type == ETHERTYPE_IP)
		return 4;
	if (type == ETHERTYPE_IPV6)
		return 6;
	return 0;
}

/*
 * Ethernet II with any number of 802.1Q / 802.1ad tags, and PPPoE session
 * frames (RFC 2516) carrying IP.  802.3 frames (type field ≤ 1500 is a
 * length) carry LLC, never IP over TCP worth analysing here.
 */
static enum decode_result ether(struct cursor *c, unsigned *version,
				uint32_t *ip_max, const char **why)
{
	cursor_skip(c, 12);	/* destination and source MAC */
	uint16_t type = cur_u16be(c);
	for (int tags = 0; type == ETHERTYPE_VLAN || type == ETHERTYPE_QINQ ||
			   type == ETHERTYPE_QINQ_OLD; tags++) {
		if (tags == MAX_VLAN_TAGS) {
			*why = "too many stacked VLAN tags";
			return DECODE_MALFORMED;
		}
		cursor_skip(c, 2);	/* PCP, DEI, VLAN id */
		type = cur_u16be(c);
	}
	if (type == ETHERTYPE_PPPOE) {
		cursor_skip(c, 4);	/* ver/type, code, session id */
		/* The PPPoE length (RFC 2516 §4) bounds the PPP frame: bytes
		 * after it are padding, as tshark's reported length says. */
		uint16_t plen = cur_u16be(c);
		if (plen >= 2)
			*ip_max = plen - 2u;
		uint16_t proto = cur_u16be(c);
		type = proto == PPP_IP ? ETHERTYPE_IP :
		       proto == PPP_IPV6 ? ETHERTYPE_IPV6 : 0;
	}
	if (c->short_read) {
		*why = "link-layer header cut short";
		return DECODE_MALFORMED;
	}
	*version = ethertype_ip_version(type);
	return *version ? DECODE_TCP : DECODE_OTHER;
}

/*
 * BSD loopback: a 4-byte address family.  DLT_NULL stores it in the byte
 * order of the machine that captured, DLT_LOOP in network order; since the
 * value is small, whichever half is non-zero tells the order (as tcpdump's
 * print-null.c does).  AF_INET6 differs between systems: 10 Linux,
 * 24 NetBSD/OpenBSD, 28 FreeBSD, 30 macOS.
 */
static enum decode_result loopback(struct cursor *c, unsigned *version,
				   const char **why)
{
	uint32_t family = cur_u32le(c);
	if (c->short_read) {
		*why = "loopback header cut short";
		return DECODE_MALFORMED;
	}
	if ((family & 0xffff) == 0)
		family = ((family >> 24) & 0xff) | ((family >> 8) & 0xff00);
	switch (family) {
	case 2:
		*version = 4;
		return DECODE_TCP;
	case 10: case 24: case 28: case 30:
		*version = 6;
		return DECODE_TCP;
	default:
		return DECODE_OTHER;
	}
}

/* Linux cooked capture v1: 16 bytes, protocol type last. */
static enum decode_result sll(struct cursor *c, unsigned *version,
			      const char **why)
{
	cursor_skip(c, 14);
	uint16_t type = cur_u16be(c);
	if (c->short_read) {
		*why = "LINUX_SLL header cut short";
		return DECODE_MALFORMED;
	}
	*version = ethertype_ip_version(type);
	return *version ? DECODE_TCP : DECODE_OTHER;
}

/* Linux cooked capture v2: 20 bytes, protocol type first. */
static enum decode_result sll2(struct cursor *c, unsigned *version,
			       const char **why)
{
	uint16_t type = cur_u16be(c);
	cursor_skip(c, 18);
	if (c->short_read) {
		*why = "LINUX_SLL2 header cut short";
		return DECODE_MALFORMED;
	}
	*version = ethertype_ip_version(type);
	return *version ? DECODE_TCP : DECODE_OTHER;
}

enum decode_result decode_frame(int dlt, const uint8_t *data, uint32_t caplen,
				uint32_t wire_len, struct tv_packet *out,
				const char **why)
{
	struct cursor c = cursor_make(data, caplen);
	unsigned version = 0;	/* 0: read it from the IP header */
	uint32_t ip_max = UINT32_MAX;	/* link-layer bound on the IP packet */
	enum decode_result r = DECODE_TCP;

	switch (dlt) {
	case DLT_EN10MB:
		r = ether(&c, &version, &ip_max, why);
		break;
	case DLT_NULL:
	case DLT_LOOP:
		r = loopback(&c, &version, why);
		break;
	case DLT_LINUX_SLL:
		r = sll(&c, &version, why);
		break;
	case DLT_LINUX_SLL2:
		r = sll2(&c, &version, why);
		break;
	case DLT_RAW:
		break;
	case DLT_IPV4:
		version = 4;
		break;
	case DLT_IPV6:
		version = 6;
		break;
	default:
		*why = "unsupported link type";
		return DECODE_MALFORMED;
	}
	if (r != DECODE_TCP)
		return r;

	uint32_t link_len = (uint32_t)(c.p - data);
	uint32_t wire_left = wire_len > link_len ? wire_len - link_len : 0;
	if (wire_left > ip_max)
		wire_left = ip_max;
	out->wire_len = wire_len;
	return decode_ip(&c, version, wire_left, out, why);
}
