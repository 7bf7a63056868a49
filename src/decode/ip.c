/*
 * ip.c - IPv4 and IPv6 headers, down to the TCP header.
 *
 * Second step of the decode chain.  It finds the TCP header and, above all,
 * how many payload bytes the segment carried on the wire: that comes from
 * the IP length fields, not from the captured length, so that a capture cut
 * by the snap length is still analysed correctly (SPEC §2).
 */
#include "config.h"

#include <string.h>

#include "tcpview/decode/decode.h"

#define IPPROTO_TCP_ 6

/* IPv6 extension headers that may stand between the fixed header and TCP. */
enum {
	IP6_HOPOPTS = 0,
	IP6_ROUTING = 43,
	IP6_FRAGMENT = 44,
	IP6_AH = 51,
	IP6_NONE = 59,
	IP6_DSTOPTS = 60,
	IP6_MOBILITY = 135,
	IP6_HIP = 139,
	IP6_SHIM6 = 140,
};

/* Extension headers walked before giving up (bounds a hostile chain). */
#define MAX_IP6_EXT_HEADERS 16

/*
 * RFC 791.  Options are skipped.  A fragment other than the first carries no
 * TCP header and is DECODE_OTHER; a first fragment is decoded when its TCP
 * header is there (SPEC §2).  A total length of 0 is what TCP segmentation
 * offload writes before the NIC splits the segment: the wire length then
 * counts.
 */
static enum decode_result ipv4(struct cursor *c, uint32_t wire_left,
			       struct tv_packet *out, const char **why)
{
	/* version/IHL, DSCP/ECN, total length, identification, flags and
	 * fragment offset, TTL, protocol, checksum, source, destination */
	const uint8_t *h = cur_take(c, 20);
	if (h == NULL) {
		*why = "IPv4 header cut short";
		return DECODE_MALFORMED;
	}
	uint8_t vhl = h[0];
	uint16_t total = span_be16(h, 2);
	uint16_t frag = span_be16(h, 6);
	uint8_t proto = h[9];
	out->src.family = out->dst.family = 4;
	memcpy(out->src.bytes, h + 12, 4);
	memcpy(out->dst.bytes, h + 16, 4);
	if ((vhl >> 4) != 4) {
		*why = "IPv4 header with a version other than 4";
		return DECODE_MALFORMED;
	}
	uint32_t hlen = (uint32_t)(vhl & 0x0f) * 4;
	if (hlen < 20) {
		*why = "IPv4 header length below 20 bytes";
		return DECODE_MALFORMED;
	}
	if (!cursor_skip(c, hlen - 20)) {
		*why = "IPv4 options cut short";
		return DECODE_MALFORMED;
	}
	if (total == 0)
		total = (uint16_t)(wire_left > 0xffff ? 0xffff : wire_left);
	if (total < hlen) {
		*why = "IPv4 total length shorter than its header";
		return DECODE_MALFORMED;
	}
	if (proto != IPPROTO_TCP_ || (frag & 0x1fff) != 0)
		return DECODE_OTHER;
	/*
	 * Ethernet padding makes the wire longer than `total`; a total longer
	 * than the wire is bogus, and the wire wins.
	 */
	uint32_t payload = total - hlen;
	uint32_t on_wire = wire_left > hlen ? wire_left - hlen : 0;
	if (payload > on_wire)
		payload = on_wire;
	return decode_tcp(c, payload, out, why);
}

/* RFC 8200, with its extension headers walked (§4) and jumbograms (RFC 2675). */
static enum decode_result ipv6(struct cursor *c, uint32_t wire_left,
			       struct tv_packet *out, const char **why)
{
	uint32_t vtf = cur_u32be(c);
	uint32_t plen = cur_u16be(c);
	uint8_t next = cur_u8(c);
	cursor_skip(c, 1);	/* hop limit */
	out->src.family = out->dst.family = 6;
	cur_copy(c, out->src.bytes, 16);
	cur_copy(c, out->dst.bytes, 16);
	if (c->short_read) {
		*why = "IPv6 header cut short";
		return DECODE_MALFORMED;
	}
	if ((vtf >> 28) != 6) {
		*why = "IPv6 header with a version other than 6";
		return DECODE_MALFORMED;
	}
	if (plen == 0)		/* jumbogram: the Hop-by-Hop option holds it */
		plen = wire_left > 40 ? wire_left - 40 : 0;

	for (int i = 0; next != IPPROTO_TCP_; i++) {
		const uint8_t *ext = c->p;
		uint32_t ext_len;
		if (i == MAX_IP6_EXT_HEADERS) {
			*why = "IPv6 extension header chain longer than 16 headers";
			return DECODE_MALFORMED;
		}
		switch (next) {
		case IP6_HOPOPTS:
		case IP6_ROUTING:
		case IP6_DSTOPTS:
		case IP6_MOBILITY:
		case IP6_HIP:
		case IP6_SHIM6:
			next = cur_u8(c);
			ext_len = ((uint32_t)cur_u8(c) + 1) * 8;
			break;
		case IP6_AH:
			next = cur_u8(c);
			ext_len = ((uint32_t)cur_u8(c) + 2) * 4;
			break;
		case IP6_FRAGMENT: {
			next = cur_u8(c);
			cursor_skip(c, 1);
			uint16_t off = cur_u16be(c);
			ext_len = 8;
			if (!c->short_read && (off & 0xfff8) != 0)
				return DECODE_OTHER;	/* not the first fragment */
			break;
		}
		default:
			return DECODE_OTHER;	/* ESP, no next header, another protocol */
		}
		if (!cursor_skip(c, ext_len - (uint32_t)(c->p - ext))) {
			*why = "IPv6 extension header cut short";
			return DECODE_MALFORMED;
		}
		if (ext_len > plen) {
			*why = "IPv6 extension headers longer than the payload length";
			return DECODE_MALFORMED;
		}
		plen -= ext_len;
	}
	return decode_tcp(c, plen, out, why);
}

enum decode_result decode_ip(struct cursor *c, unsigned version_hint,
			     uint32_t wire_left, struct tv_packet *out,
			     const char **why)
{
	unsigned version = version_hint;
	if (version == 0) {
		struct cursor peek = *c;
		version = cur_u8(&peek) >> 4;
		if (peek.short_read) {
			*why = "IP header missing";
			return DECODE_MALFORMED;
		}
	}
	if (version == 4)
		return ipv4(c, wire_left, out, why);
	if (version == 6)
		return ipv6(c, wire_left, out, why);
	return DECODE_OTHER;
}
